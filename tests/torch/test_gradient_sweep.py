"""Every public differentiable function of funcgrad.torch: its gradient (by ``backward()``)
equals the functional face's (``funcgrad.grad`` of the same computation written with
funcgrad.numpy / funcgrad.nn). One rule set serves both faces; this sweep is the check.

A public function that is not in the table must be in ``NOT_DIFFERENTIABLE`` (with the
reason): adding a function to the torch face without a row fails here.
"""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.nn as fnn
import funcgrad.numpy as fnp
import funcgrad.torch as torch


def _u(shape, rng):
    return rng.uniform(-1.5, 1.5, shape)


def _pos(shape, rng):
    return rng.uniform(0.5, 2.0, shape)


def _far(shape, rng):  # away from 0 and from the integers (kinks and steps)
    sign = rng.choice([-1.0, 1.0], shape)
    return rng.uniform(0.2, 0.8, shape) * sign + rng.integers(-1, 2, shape)


def _small(shape, rng):
    return rng.uniform(-0.9, 0.9, shape)


A, B, C = (2, 3), (3, 4), (2, 3, 4)

# name: (torch call, functional reference, [(shape, sampler), ...])
T = {
    "abs": (torch.abs, fnp.abs, [(A, _far)]),
    "absolute": (torch.absolute, fnp.abs, [(A, _far)]),
    "add": (torch.add, fnp.add, [(A, _u), ((3,), _u)]),
    "addmm": (torch.addmm, lambda a, m1, m2: a + m1 @ m2, [((2, 4), _u), (A, _u), (B, _u)]),
    "amax": (lambda x: torch.amax(x, 1), lambda x: fnp.amax(x, 1), [(A, _u)]),
    "amin": (lambda x: torch.amin(x, 1), lambda x: fnp.amin(x, 1), [(A, _u)]),
    "bmm": (torch.bmm, fnp.matmul, [((2, 2, 3), _u), ((2, 3, 2), _u)]),
    "broadcast_to": (lambda x: torch.broadcast_to(x, (4, 2, 3)),
                     lambda x: fnp.broadcast_to(x, (4, 2, 3)), [(A, _u)]),
    "cat": (lambda x, y: torch.cat([x, y, x]), lambda x, y: fnp.concatenate([x, y, x]),
            [(A, _u), (A, _u)]),
    "ceil": (torch.ceil, fnp.ceil, [(A, _far)]),
    "chunk": (lambda x: torch.chunk(x, 3, 1)[1], lambda x: x[:, 1:2], [(A, _u)]),
    "clamp": (lambda x: torch.clamp(x, -0.5, 0.5), lambda x: fnp.clip(x, -0.5, 0.5), [(A, _far)]),
    "clamp_max": (lambda x: torch.clamp_max(x, 0.5), lambda x: fnp.minimum(x, 0.5), [(A, _far)]),
    "clamp_min": (lambda x: torch.clamp_min(x, 0.5), lambda x: fnp.maximum(x, 0.5), [(A, _far)]),
    "clip": (lambda x: torch.clip(x, -0.5, 0.5), lambda x: fnp.clip(x, -0.5, 0.5), [(A, _far)]),
    "clone": (torch.clone, lambda x: x, [(A, _u)]),
    "concat": (lambda x, y: torch.concat([x, y], 1), lambda x, y: fnp.concatenate([x, y], 1),
               [(A, _u), (A, _u)]),
    "concatenate": (lambda x, y: torch.concatenate([x, y]), lambda x, y: fnp.concatenate([x, y]),
                    [(A, _u), (A, _u)]),
    "conj": (torch.conj, fnp.conj, [(A, _u)]),
    "cos": (torch.cos, fnp.cos, [(A, _u)]),
    "cosh": (torch.cosh, fnp.cosh, [(A, _u)]),
    "cumsum": (lambda x: torch.cumsum(x, 1), lambda x: fnp.cumsum(x, 1), [(A, _u)]),
    "div": (torch.div, fnp.divide, [(A, _u), (A, _far)]),
    "divide": (torch.divide, fnp.divide, [(A, _u), (A, _far)]),
    "dot": (torch.dot, fnp.dot, [((3,), _u), ((3,), _u)]),
    "exp": (torch.exp, fnp.exp, [(A, _u)]),
    "exp2": (torch.exp2, fnp.exp2, [(A, _u)]),
    "expm1": (torch.expm1, fnp.expm1, [(A, _u)]),
    "flatten": (torch.flatten, fnp.ravel, [(C, _u)]),
    "flip": (lambda x: torch.flip(x, (0, 2)), lambda x: fnp.flip(x, (0, 2)), [(C, _u)]),
    "float_power": (lambda x: torch.float_power(x, 3), lambda x: fnp.float_power(x, 3),
                    [(A, _u)]),
    "floor": (torch.floor, fnp.floor, [(A, _far)]),
    "ger": (torch.ger, fnp.outer, [((3,), _u), ((2,), _u)]),
    "hstack": (lambda x, y: torch.hstack([x, y]), lambda x, y: fnp.hstack([x, y]),
               [(A, _u), (A, _u)]),
    "inner": (torch.inner, fnp.inner, [((3,), _u), ((3,), _u)]),
    "log": (torch.log, fnp.log, [(A, _pos)]),
    "log10": (torch.log10, fnp.log10, [(A, _pos)]),
    "log1p": (torch.log1p, fnp.log1p, [(A, _pos)]),
    "log2": (torch.log2, fnp.log2, [(A, _pos)]),
    "log_softmax": (lambda x: torch.log_softmax(x, 1), lambda x: fnn.log_softmax(x, 1),
                    [(A, _u)]),
    "logsumexp": (lambda x: torch.logsumexp(x, 1), lambda x: fnn.logsumexp(x, 1), [(A, _u)]),
    "matmul": (torch.matmul, fnp.matmul, [((2, 2, 3), _u), (B, _u)]),
    "max": (torch.max, fnp.max, [(A, _u)]),
    "maximum": (torch.maximum, fnp.maximum, [(A, _u), (A, _u)]),
    "mean": (lambda x: torch.mean(x, 0), lambda x: fnp.mean(x, 0), [(A, _u)]),
    "nanmean": (lambda x: torch.nanmean(x, 0), lambda x: fnp.nanmean(x, 0), [(A, _u)]),
    "nansum": (lambda x: torch.nansum(x, 1), lambda x: fnp.nansum(x, 1), [(A, _u)]),
    "min": (torch.min, fnp.min, [(A, _u)]),
    "minimum": (torch.minimum, fnp.minimum, [(A, _u), (A, _u)]),
    "mm": (torch.mm, fnp.matmul, [(A, _u), (B, _u)]),
    "mul": (torch.mul, fnp.multiply, [(A, _u), (A, _u)]),
    "multiply": (torch.multiply, fnp.multiply, [(A, _u), (A, _u)]),
    "mv": (torch.mv, fnp.matmul, [(A, _u), ((3,), _u)]),
    "narrow": (lambda x: torch.narrow(x, 1, 1, 2), lambda x: x[:, 1:3], [(A, _u)]),
    "neg": (torch.neg, fnp.negative, [(A, _u)]),
    "negative": (torch.negative, fnp.negative, [(A, _u)]),
    "norm": (torch.norm, lambda x: fnp.sqrt(fnp.sum(x * x)), [(A, _u)]),
    "outer": (torch.outer, fnp.outer, [((3,), _u), ((2,), _u)]),
    "permute": (lambda x: torch.permute(x, (2, 0, 1)), lambda x: fnp.transpose(x, (2, 0, 1)),
                [(C, _u)]),
    "pow": (torch.pow, fnp.power, [(A, _pos), (A, _u)]),
    "prod": (lambda x: torch.prod(x, 1), lambda x: fnp.prod(x, 1), [(A, _u)]),
    "real": (torch.real, fnp.real, [(A, _u)]),
    "reciprocal": (torch.reciprocal, fnp.reciprocal, [(A, _far)]),
    "relu": (torch.relu, fnn.relu, [(A, _far)]),
    "remainder": (lambda x: torch.remainder(x, 0.7), lambda x: fnp.remainder(x, 0.7), [(A, _far)]),
    "repeat": (lambda x: x.repeat(2, 1), lambda x: fnp.tile(x, (2, 1)), [(A, _u)]),
    "reshape": (lambda x: torch.reshape(x, (3, 2)), lambda x: fnp.reshape(x, (3, 2)), [(A, _u)]),
    "round": (torch.round, fnp.round, [(A, _far)]),
    "rsqrt": (torch.rsqrt, lambda x: 1 / fnp.sqrt(x), [(A, _pos)]),
    "select": (lambda x: torch.select(x, 1, 2), lambda x: x[:, 2], [(A, _u)]),
    "sigmoid": (torch.sigmoid, fnn.sigmoid, [(A, _u)]),
    "sign": (torch.sign, fnp.sign, [(A, _far)]),
    "sin": (torch.sin, fnp.sin, [(A, _u)]),
    "sinh": (torch.sinh, fnp.sinh, [(A, _u)]),
    "softmax": (lambda x: torch.softmax(x, 1), lambda x: fnn.softmax(x, 1), [(A, _u)]),
    "split": (lambda x: torch.split(x, 2, 1)[0], lambda x: x[:, :2], [(A, _u)]),
    "sqrt": (torch.sqrt, fnp.sqrt, [(A, _pos)]),
    "square": (torch.square, fnp.square, [(A, _u)]),
    "squeeze": (torch.squeeze, fnp.squeeze, [((2, 1, 3), _u)]),
    "stack": (lambda x, y: torch.stack([x, y], 1), lambda x, y: fnp.stack([x, y], 1),
              [(A, _u), (A, _u)]),
    "std": (torch.std, lambda x: fnp.std(x, ddof=1), [(A, _u)]),
    "sub": (torch.sub, fnp.subtract, [(A, _u), (A, _u)]),
    "subtract": (torch.subtract, fnp.subtract, [(A, _u), (A, _u)]),
    "sum": (lambda x: torch.sum(x, 1), lambda x: fnp.sum(x, 1), [(A, _u)]),
    "swapaxes": (lambda x: torch.swapaxes(x, 0, 2), lambda x: fnp.swapaxes(x, 0, 2), [(C, _u)]),
    "movedim": (lambda x: torch.movedim(x, 0, -1), lambda x: fnp.moveaxis(x, 0, -1), [(C, _u)]),
    "moveaxis": (lambda x: torch.moveaxis(x, (0, 1), (2, 0)),
                 lambda x: fnp.moveaxis(x, (0, 1), (2, 0)), [(C, _u)]),
    "swapdims": (lambda x: torch.swapdims(x, 0, 1), lambda x: fnp.swapaxes(x, 0, 1), [(C, _u)]),
    "t": (torch.t, fnp.transpose, [(A, _u)]),
    "tan": (torch.tan, fnp.tan, [(A, _small)]),
    "tanh": (torch.tanh, fnp.tanh, [(A, _u)]),
    "trace": (torch.trace, fnp.trace, [((3, 3), _u)]),
    "transpose": (lambda x: torch.transpose(x, 0, 1), fnp.transpose, [(A, _u)]),
    "trunc": (torch.trunc, fnp.trunc, [(A, _far)]),
    "unbind": (lambda x: torch.unbind(x, 1)[2], lambda x: x[:, 2], [(A, _u)]),
    "unsqueeze": (lambda x: torch.unsqueeze(x, 1), lambda x: fnp.expand_dims(x, 1), [(A, _u)]),
    "var": (torch.var, lambda x: fnp.var(x, ddof=1), [(A, _u)]),
    "vstack": (lambda x, y: torch.vstack([x, y]), lambda x, y: fnp.vstack([x, y]),
               [(A, _u), (A, _u)]),
    "where": (lambda x, y: torch.where(x > 0, x, y), lambda x, y: fnp.where(x > 0, x, y),
              [(A, _far), (A, _u)]),
}

NOT_DIFFERENTIABLE = {
    # factories and random draws: constants
    "arange", "as_tensor", "asarray", "empty", "empty_like", "eye", "from_numpy", "full",
    "full_like", "linspace", "logspace", "normal", "ones", "ones_like", "rand", "rand_like",
    "randint", "randn", "randn_like", "randperm", "tensor", "zeros", "zeros_like",
    "bernoulli", "multinomial", "poisson", "randint_like", "get_rng_state", "set_rng_state",
    # comparisons, logical and bitwise operations, tests, indices: no derivative
    "all", "allclose", "any", "argmax", "argmin", "bitwise_and", "bitwise_not", "bitwise_or",
    "bitwise_xor", "eq", "equal", "ge", "gt", "isclose", "isfinite", "isinf", "isnan", "le",
    "logical_and", "logical_not", "logical_or", "logical_xor", "lt", "ne",
    # dtypes, modes, seeds, printing, introspection
    "get_default_device", "get_default_dtype", "get_printoptions", "initial_seed",
    "is_anomaly_check_nan_enabled", "is_anomaly_enabled", "is_complex", "is_floating_point",
    "is_grad_enabled", "is_inference_mode_enabled", "is_tensor", "manual_seed", "numel",
    "printoptions", "promote_types", "result_type", "can_cast", "count_nonzero", "seed",
    "set_default_dtype", "set_printoptions",
    # process settings (tests/torch/test_runtime.py)
    "are_deterministic_algorithms_enabled", "compile", "get_num_threads", "set_num_threads",
    "use_deterministic_algorithms",
    # a transform, tested with torch.func
    "vmap",
    # complex parts of a real tensor: torch.imag raises for real tensors
    "imag",
}


# Checked elsewhere: more_ops' functions have their values, node names and gradients
# compared with PyTorch in tests/torch/test_more_ops.py; the in-place functions
# (torch.sin_ ...) are the Tensor methods; the rest have no derivative.
COVERED_ELSEWHERE = set(torch.more_ops.PUBLIC) | set(torch.legacy.INPLACE_NAMES) | {
    "greater", "greater_equal", "less", "less_equal", "not_equal", "true_divide",
    "floor_divide", "save", "load", "set_default_device",
}


def _public_functions():
    import types

    return sorted(
        n for n in dir(torch)
        if not n.startswith("_") and callable(getattr(torch, n))
        and not isinstance(getattr(torch, n), (type, types.ModuleType))
    )


def test_every_public_function_has_a_row():
    missing = [n for n in _public_functions()
               if n not in T and n not in NOT_DIFFERENTIABLE and n not in COVERED_ELSEWHERE]
    assert not missing, f"torch functions with no gradient check: {missing}"


@pytest.mark.parametrize("name", sorted(T))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_gradient_matches_the_functional_face(name, dtype):
    torch_fn, reference, specs = T[name]
    rng = np.random.default_rng(sum(map(ord, name)))
    arrays = [sampler(shape, rng).astype(dtype) for shape, sampler in specs]
    out_shape = np.shape(reference(*arrays))
    w = rng.uniform(-1.0, 1.0, out_shape).astype(dtype)

    tensors = [torch.tensor(a, requires_grad=True) for a in arrays]
    out = torch_fn(*tensors)
    (out * torch.tensor(w)).sum().backward()

    expected = fg.grad(lambda *xs: fnp.sum(reference(*xs) * w),
                       argnums=tuple(range(len(arrays))))(*arrays)
    tol = 1e-10 if dtype == np.float64 else 1e-4
    for i, (t, e) in enumerate(zip(tensors, expected)):
        got = np.zeros_like(arrays[i]) if t.grad is None else t.grad.numpy()
        assert got.dtype == np.dtype(dtype), f"{name}: gradient {i} has dtype {got.dtype}"
        np.testing.assert_allclose(got, e, rtol=tol, atol=tol, err_msg=f"{name}: argument {i}")
