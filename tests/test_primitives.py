"""Every primitive of the first set, in both modes, to second order, over broadcasting shapes.

One table drives the checks: an entry names a function, how to draw its
arguments, and the orders it is differentiable to.
"""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_dtypes, check_grads
from hypothesis import given
from hypothesis import strategies as st
from strategies import broadcastable_shapes, seeds

import funcgrad.numpy as fnp


def away_from_zero(shape, rng, dtype=np.float64):
    return (rng.uniform(0.3, 2.0, shape) * rng.choice([-1.0, 1.0], shape)).astype(dtype)


def positive(shape, rng, dtype=np.float64):
    return rng.uniform(0.5, 2.0, shape).astype(dtype)


def anything(shape, rng, dtype=np.float64):
    return rng.uniform(-2.0, 2.0, shape).astype(dtype)


def small(shape, rng, dtype=np.float64):
    return rng.uniform(-1.0, 1.0, shape).astype(dtype)


# name -> (function, argument samplers); all arguments broadcast together.
ELEMENTWISE = {
    "add": (fnp.add, [anything, anything]),
    "subtract": (fnp.subtract, [anything, anything]),
    "multiply": (fnp.multiply, [anything, anything]),
    "true_divide": (fnp.true_divide, [anything, away_from_zero]),
    "negative": (fnp.negative, [anything]),
    "power": (fnp.power, [positive, anything]),
    "power_int": (lambda x: x ** 3, [anything]),
    "power_square": (lambda x: x ** 2, [anything]),
    "power_neg_int": (lambda x: x ** -2, [away_from_zero]),
    "power_half": (lambda x: x ** 0.5, [positive]),
    "rpow": (lambda x: 2.0 ** x, [anything]),
    "exp": (fnp.exp, [anything]),
    "log": (fnp.log, [positive]),
    "sqrt": (fnp.sqrt, [positive]),
    "sin": (fnp.sin, [anything]),
    "cos": (fnp.cos, [anything]),
    "tan": (fnp.tan, [small]),
    "tanh": (fnp.tanh, [anything]),
    "abs": (fnp.abs, [away_from_zero]),
    "maximum": (fnp.maximum, [anything, anything]),
    "minimum": (fnp.minimum, [anything, anything]),
    "where": (lambda x, y: fnp.where(x > y, x * y, x - y), [anything, anything]),
    "astype": (lambda x: fnp.imag(fnp.astype(x, np.complex128) * (1 + 2j) * x), [anything]),
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@given(data=st.data(), seed=seeds)
def test_elementwise(name, data, seed):
    f, samplers = ELEMENTWISE[name]
    shapes = data.draw(broadcastable_shapes(len(samplers)))
    rng = np.random.default_rng(seed)
    args = [s(shape, rng) for s, shape in zip(samplers, shapes)]
    value = f(*args)
    expected = f(*[np.asarray(a) for a in args])
    np.testing.assert_allclose(value, expected)
    check_grads(f, args, order=2)
    check_dtypes(f, [a.astype(np.float32) for a in args])


def _axis_and_keepdims(data, ndim):
    axis = data.draw(
        st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1) if ndim else st.none(),
            st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim).map(tuple)
            if ndim
            else st.none(),
        )
    )
    return axis, data.draw(st.booleans())


REDUCTIONS = {"sum": fnp.sum, "mean": fnp.mean, "max": fnp.max, "min": fnp.min}


@pytest.mark.parametrize("name", sorted(REDUCTIONS))
@given(data=st.data(), seed=seeds)
def test_reductions(name, data, seed):
    reduce = REDUCTIONS[name]
    shape = data.draw(broadcastable_shapes(1, min_dims=0, max_dims=3))[0]
    shape = tuple(max(s, 1) for s in shape)
    axis, keepdims = _axis_and_keepdims(data, len(shape))
    x = anything(shape, np.random.default_rng(seed))
    f = lambda x: reduce(x, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(f(x), getattr(np, name)(x, axis=axis, keepdims=keepdims))
    check_grads(f, [x], order=2)
    check_dtypes(f, [x.astype(np.float32)])


SHAPE_OPS = {
    "reshape": (lambda x: fnp.reshape(x, (3, 2, -1)), (2, 3, 2)),
    "transpose": (lambda x: fnp.transpose(x, (1, 2, 0)), (2, 3, 4)),
    "T": (lambda x: x.T, (2, 3)),
    "broadcast_to": (lambda x: fnp.broadcast_to(x, (4, 2, 3)), (2, 1)),
    "expand_dims": (lambda x: fnp.expand_dims(x, (0, 2)), (2, 3)),
    "squeeze": (lambda x: fnp.squeeze(x, 1), (2, 1, 3)),
    "swapaxes": (lambda x: fnp.swapaxes(x, 0, 2), (2, 3, 4)),
    "moveaxis": (lambda x: fnp.moveaxis(x, 0, -1), (2, 3, 4)),
    "concatenate": (lambda x: fnp.concatenate([x, 2 * x, x[:1]], axis=0), (2, 3)),
    "concatenate_axis1": (lambda x: fnp.concatenate([x, x ** 2], axis=-1), (2, 3)),
    "stack": (lambda x: fnp.stack([x, x ** 2], axis=1), (2, 3)),
    "getitem_basic": (lambda x: x[1, ::-1, None, ...], (2, 3, 2)),
    "getitem_slice": (lambda x: x[..., 1:], (2, 3)),
    "getitem_repeated": (lambda x: x[np.array([0, 0, 2, 1])], (3, 2)),
    "getitem_mask": (lambda x: x[x > 0], (3, 4)),
    "matmul_mm": (lambda x: x @ (x.T * 2.0), (3, 2)),
    "matmul_mv": (lambda x: x @ x[0], (3, 3)),
    "matmul_vm": (lambda x: x[0] @ x, (3, 3)),
    "matmul_vv": (lambda x: x[0] @ x[1], (2, 3)),
    "matmul_batched": (lambda x: fnp.matmul(x, x[0]), (2, 3, 3)),
    "dot": (lambda x: fnp.dot(x, x.T), (2, 3)),
    "dot_scalar": (lambda x: fnp.dot(x, 3.0), (2,)),
}


@pytest.mark.parametrize("name", sorted(SHAPE_OPS))
@given(seed=seeds)
def test_shape_ops(name, seed):
    f, shape = SHAPE_OPS[name]
    x = anything(shape, np.random.default_rng(seed))
    np.testing.assert_allclose(f(x), f(np.asarray(x)))
    check_grads(f, [x], order=2)
    check_dtypes(f, [x.astype(np.float32)])


def test_comparisons_have_no_derivative():
    import funcgrad as fg

    for op in (fnp.equal, fnp.not_equal, fnp.less, fnp.less_equal, fnp.greater,
               fnp.greater_equal):
        g = fg.grad(lambda x, op=op: fnp.sum(op(x, 0.5) * x - op(x, 0.5) * x))
        np.testing.assert_array_equal(g(np.array([0.0, 1.0])), [0.0, 0.0])
        assert not isinstance(op(fnp.asarray([1.0]), 0.5), fg.core.trace.Tracer)
