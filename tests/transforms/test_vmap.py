"""vmap against its definition: a Python loop over the examples, stacked."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads
from hypothesis import given
from hypothesis import strategies as st
from strategies import broadcastable_shapes, seeds

import funcgrad as fg
import funcgrad.nn  # noqa: F401 - fg.nn
import funcgrad.numpy as fnp
from funcgrad.core.primitive import Primitive, defjvp, defvjp
from funcgrad.primitives.indexing import scatter_add


def loop(f, in_axes, args, out_axis=0):
    """The definition: slice every batched argument, apply f, stack."""
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    size = next(np.shape(a)[ax] for a, ax in zip(args, axes) if ax is not None)
    outs = []
    for i in range(size):
        example = [a if ax is None else np.take(a, i, axis=ax) for a, ax in zip(args, axes)]
        outs.append(np.asarray(f(*example)))
    return np.stack(outs, axis=out_axis)


rng = np.random.default_rng(0)


def r(*shape):
    return rng.uniform(-2, 2, shape)


# name -> (function, in_axes, args)
CASES = {
    "add_broadcast": (lambda x, y: x + y, (0, None), (r(4, 3), r(2, 1, 3))),
    "mul_rank_mismatch": (lambda x, y: x * y, (1, 0), (r(3, 4), r(4, 2, 3))),
    "sub_scalar": (lambda x: 2.0 - x, 0, (r(4),)),
    "div_both": (lambda x, y: x / y, (0, 0), (r(4, 3), r(4, 1) + 3)),
    "pow": (lambda x, y: fnp.power(fnp.abs(x) + 1, y), (0, 1), (r(4, 2), r(2, 4))),
    "integer_pow": (lambda x: x ** 3, 0, (r(5, 2),)),
    "unary": (lambda x: fnp.tanh(fnp.sin(x)) + fnp.exp(fnp.cos(x)) - fnp.sqrt(fnp.abs(x)),
              1, (r(2, 5),)),
    "where": (lambda c, x: fnp.where(c > 0, x, -x), (0, None), (r(4, 3), r(3))),
    "max_min": (lambda x, y: fnp.maximum(x, y) - fnp.minimum(x, 0.5), (0, 0), (r(3, 2), r(3, 2))),
    "astype": (lambda x: fnp.astype(x, np.float32) * 2, 0, (r(3, 2),)),
    "comparison": (lambda x: (x > 0.5) * 1.0 + fnp.sign(x), 0, (r(3, 2),)),
    "sum_axis": (lambda x: fnp.sum(x, axis=1), 2, (r(2, 3, 4),)),
    "sum_all_keepdims": (lambda x: fnp.sum(x, keepdims=True), 0, (r(4, 2, 3),)),
    "mean_neg_axis": (lambda x: fnp.mean(x, axis=-1), 0, (r(4, 2, 3),)),
    "max_reduce": (lambda x: fnp.max(x, axis=(0, 1)), 1, (r(2, 4, 3),)),
    "reshape": (lambda x: fnp.reshape(x, (3, -1)), 1, (r(2, 5, 3),)),
    "transpose": (lambda x: fnp.transpose(x, (2, 0, 1)), 2, (r(2, 3, 4, 5),)),
    "T": (lambda x: x.T, 0, (r(4, 2, 3),)),
    "broadcast_to": (lambda x: fnp.broadcast_to(x, (2, 3, 4)), 0, (r(5, 3, 1),)),
    "expand_squeeze": (lambda x: fnp.squeeze(fnp.expand_dims(x, 1), 1), 1, (r(3, 4),)),
    "concatenate": (lambda x, y: fnp.concatenate([x, y, x], axis=1), (0, None),
                    (r(4, 2, 3), r(2, 2))),
    "stack": (lambda x, y: fnp.stack([x, y], axis=-1), (1, 0), (r(3, 4), r(4, 3))),
    "getitem_basic": (lambda x: x[1, ::-1, None], 0, (r(4, 3, 5),)),
    "getitem_ellipsis": (lambda x: x[..., 0], 1, (r(3, 4, 2),)),
    "getitem_advanced": (lambda x: x[np.array([0, 2, 2])], 0, (r(4, 3, 2),)),
    "getitem_advanced_adjacent": (lambda x: x[:, np.array([1, 0]), np.array([0, 1])], 0,
                                  (r(4, 2, 3, 2),)),
    "getitem_advanced_split": (lambda x: x[np.array([1, 0]), :, np.array([0, 1])], 0,
                               (r(4, 2, 3, 2),)),
    "getitem_int_and_array": (lambda x: x[1, :, np.array([0, 1, 1])], 2, (r(2, 3, 4, 2),)),
    "getitem_mask": (lambda x: x[np.array([True, False, True])], 0, (r(4, 3),)),
    "scatter_add_basic": (lambda x, u: scatter_add(x, (1,), u), (0, 0), (r(4, 3, 2), r(4, 2))),
    "scatter_add_repeated": (lambda x, u: scatter_add(x, (np.array([0, 0, 2]),), u), (None, 0),
                             (r(3, 2), r(5, 3, 2))),
    "scatter_add_split": (lambda x, u: scatter_add(x, (np.array([0, 1]), slice(None),
                                                       np.array([1, 0])), u),
                          (0, None), (r(4, 2, 3, 2), r(2, 3))),
    "matmul_mm": (lambda a, b: a @ b, (0, None), (r(4, 2, 3), r(3, 5))),
    "matmul_mm_right": (lambda a, b: a @ b, (None, 2), (r(2, 3), r(3, 5, 4))),
    "matmul_both": (lambda a, b: a @ b, (0, 1), (r(4, 2, 3), r(3, 4, 2))),
    "matmul_mv": (lambda a, b: a @ b, (0, 0), (r(4, 2, 3), r(4, 3))),
    "matmul_vm": (lambda a, b: a @ b, (0, None), (r(4, 3), r(2, 3, 5))),
    "matmul_vv": (lambda a, b: fnp.dot(a, b), (0, None), (r(4, 3), r(3))),
    "matmul_stacks": (lambda a, b: a @ b, (None, 0), (r(2, 2, 3), r(4, 3, 2))),
    "mlp": (lambda x, w: fnp.sum(fnp.tanh(x @ w) ** 2, axis=-1), (0, None), (r(6, 3), r(3, 2))),
}


# The wider funcgrad.numpy: reductions, cumulative ops, sorting, gathers, ufunc families.
U = rng.uniform(0.1, 0.9, (4, 3, 5))
CASES.update({
    "prod": (lambda x: fnp.prod(x, axis=1), 0, (U,)),
    "cumsum": (lambda x: fnp.cumsum(x, axis=-1), 2, (U,)),
    "cumsum_flat": (lambda x: fnp.cumsum(x), 0, (U,)),
    "argmax_flat": (lambda x: fnp.argmax(x), 1, (U,)),
    "argmin_keepdims": (lambda x: fnp.argmin(x, axis=0, keepdims=True), 0, (U,)),
    "sort": (lambda x: fnp.sort(x, axis=0), 0, (U,)),
    "take_along_axis": (lambda x: fnp.take_along_axis(x, fnp.argsort(x, axis=1), axis=1), 0,
                        (U,)),
    "einsum": (lambda x, y: fnp.einsum("ij,kj->ik", x, y), (0, None), (U, U[0])),
    "ufunc_family": (lambda x: fnp.arctan2(fnp.log1p(x), fnp.hypot(x, 1.0)) + fnp.floor(x * 3)
                     + fnp.fabs(x) + fnp.sinc(x), 1, (U,)),
    "all_any": (lambda x: fnp.all(x > 0.2, axis=0) ^ fnp.any(x > 0.8), 0, (U,)),
    "searchsorted_loop": (lambda a, v: fnp.searchsorted(a, v), (0, 0),
                          (np.sort(U[:, 0], axis=-1), U[:, 1])),
})

# numpy.linalg (stacked rule), fft (axes shift), nn (elementwise, logsumexp).
SPD = rng.normal(size=(4, 3, 3))
SPD = SPD @ SPD.transpose(0, 2, 1) + 3 * np.eye(3)
CASES.update({
    "linalg_inv": (lambda a: fnp.linalg.inv(a), 0, (SPD,)),
    "linalg_solve": (lambda a, b: fnp.linalg.solve(a, b), (0, 1), (SPD, r(3, 4))),
    "linalg_solve_unbatched_matrix": (lambda a, b: fnp.linalg.solve(a, b), (None, 0),
                                      (SPD[0], r(4, 3))),
    "linalg_slogdet": (lambda a: fnp.linalg.slogdet(a)[1], 2, (SPD.transpose(1, 2, 0),)),
    "linalg_eigh": (lambda a: fnp.linalg.eigh(a)[0], 0, (SPD,)),
    "linalg_cholesky": (lambda a: fnp.linalg.cholesky(a), 0, (SPD,)),
    "fft": (lambda x: fnp.abs(fnp.fft.rfft(x, axis=0)), 1, (r(6, 4),)),
    "nn_logsumexp": (lambda x: fg.nn.logsumexp(x), 0, (r(4, 3),)),
    "nn_softmax_gelu": (lambda x: fg.nn.softmax(fg.nn.gelu(x), axis=0), 1, (r(3, 4),)),
})


@pytest.mark.parametrize("name", sorted(CASES))
def test_vmap_matches_loop(name):
    f, in_axes, args = CASES[name]
    out = fg.vmap(f, in_axes=in_axes)(*args)
    np.testing.assert_allclose(out, loop(f, in_axes, args), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["mul_rank_mismatch", "unary", "sum_axis", "transpose",
                                  "getitem_advanced_split", "scatter_add_split", "matmul_both",
                                  "matmul_vm", "concatenate", "broadcast_to"])
def test_derivatives_of_vmap(name):
    f, in_axes, args = CASES[name]
    check_grads(fg.vmap(f, in_axes=in_axes), args, order=1)


@given(data=st.data(), seed=seeds)
def test_elementwise_broadcasting_with_random_axes(data, seed):
    shapes = data.draw(broadcastable_shapes(2, max_dims=2))
    axes = [data.draw(st.one_of(st.none(), st.integers(0, len(s)))) for s in shapes]
    if all(a is None for a in axes):
        axes[0] = 0
    gen = np.random.default_rng(seed)
    args = [gen.normal(size=s) if a is None else
            np.moveaxis(gen.normal(size=(3,) + tuple(s)), 0, a) for s, a in zip(shapes, axes)]
    f = lambda x, y: fnp.sin(x) * y + x
    np.testing.assert_allclose(fg.vmap(f, in_axes=tuple(axes))(*args),
                               loop(f, tuple(axes), args), rtol=1e-12)


def test_out_axes_and_pytrees():
    x, y = r(4, 3), r(3)
    out = fg.vmap(lambda p, y: {"s": p["a"] * y, "t": (fnp.sum(p["b"]), y)},
                  in_axes=({"a": 0, "b": 1}, None), out_axes={"s": 1, "t": (0, None)})(
        {"a": x, "b": x.T}, y)
    np.testing.assert_allclose(out["s"], (x * y).T)
    np.testing.assert_allclose(out["t"][0], x.sum(axis=1))
    np.testing.assert_allclose(out["t"][1], y)
    # An unbatched output with an int out_axes is repeated along the batch axis.
    same = fg.vmap(lambda x: fnp.ones(2), out_axes=-1)(x)
    np.testing.assert_allclose(same, np.ones((2, 4)))
    # Negative in_axes and keyword arguments (mapped over axis 0).
    np.testing.assert_allclose(fg.vmap(lambda a, b: a - b, in_axes=(-1,))(x.T, b=x),
                               np.zeros((4, 3)))


def test_nested_vmap_and_per_example_gradients():
    x, w = r(5, 3), r(3)
    outer = fg.vmap(fg.vmap(lambda a, b: a * b + fnp.sum(a), in_axes=(0, None)),
                    in_axes=(None, 0))(x[0], x)
    expected = np.stack([[x[0][i] * x[j] + x[0][i] for i in range(3)] for j in range(5)])
    np.testing.assert_allclose(outer, expected)

    loss = lambda w, xi: fnp.sum(fnp.tanh(xi * w)) ** 2
    per_example = fg.vmap(fg.grad(loss), in_axes=(None, 0))(w, x)
    np.testing.assert_allclose(per_example, np.stack([fg.grad(loss)(w, xi) for xi in x]))
    total = fg.grad(lambda w: fnp.sum(fg.vmap(loss, in_axes=(None, 0))(w, x)))(w)
    np.testing.assert_allclose(total, per_example.sum(0))


def test_primitive_without_rule_falls_back_to_a_loop():
    calls = []

    def impl(x, *, k):
        calls.append(np.shape(x))
        return np.cumsum(x) * k

    cumsum_p = Primitive("test_vmap_cumsum", impl)
    defjvp(cumsum_p, lambda t, ans, x, *, k: cumsum_p.bind(t, k=k))
    defvjp(cumsum_p, lambda g, ans, x, *, k: cumsum_p.bind(g[::-1], k=k)[::-1])
    x = r(4, 3)
    out = fg.vmap(lambda x: cumsum_p.bind(x, k=2.0), in_axes=1)(x)
    np.testing.assert_allclose(out, np.stack([np.cumsum(c) * 2 for c in x.T]))
    assert calls == [(4,)] * 3  # one call per example
    g = fg.grad(lambda x: fnp.sum(fg.vmap(lambda c: cumsum_p.bind(c, k=1.0))(x) ** 2))(x)
    np.testing.assert_allclose(g, fg.grad(lambda x: sum(fnp.sum(cumsum_p.bind(x[i], k=1.0) ** 2)
                                                        for i in range(4)))(x))


def test_ufunc_primitives_batch_in_one_call():
    hypot_p = Primitive("test_vmap_hypot", np.hypot)
    out = fg.vmap(lambda x, y: hypot_p.bind(x, y), in_axes=(0, None))(r(5, 2), r(2))
    assert out.shape == (5, 2)
    assert hypot_p.batch is None  # no rule declared: the ufunc implementation says elementwise


# ---------------------------------------------------------------------------
# Misuse
# ---------------------------------------------------------------------------

def test_error_wrong_in_axes_length():
    with pytest.raises(ValueError, match=r"len\(in_axes\)=2, len\(args\)=1"):
        fg.vmap(fnp.sin, in_axes=(0, 0))(r(3))


def test_error_axis_out_of_range():
    with pytest.raises(ValueError, match="along axis 2.*rank should be at least 3.*only 2"):
        fg.vmap(fnp.sin, in_axes=2)(r(3, 4))
    with pytest.raises(ValueError, match="axis 0.*at least 1.*only 0"):
        fg.vmap(fnp.sin)(1.0)


def test_error_inconsistent_sizes():
    with pytest.raises(ValueError, match="(?s)inconsistent sizes.*size 2.*size 3"):
        fg.vmap(lambda x, y: x + y)(r(2), r(3))


def test_error_no_batched_argument_and_bad_specs():
    with pytest.raises(ValueError, match="at least one non-None"):
        fg.vmap(fnp.sin, in_axes=None)(r(3))
    with pytest.raises(ValueError, match="tree prefix"):
        fg.vmap(lambda p: p["a"], in_axes=({"b": 0},))({"a": r(3)})
    with pytest.raises(TypeError, match="in_axes must be"):
        fg.vmap(fnp.sin, in_axes="0")
    with pytest.raises(ValueError, match="out_axes is None"):
        fg.vmap(fnp.sin, out_axes=None)(r(3))
    with pytest.raises(ValueError, match="out_axes=3 is out of range"):
        fg.vmap(fnp.sin, out_axes=3)(r(3, 2))


def test_error_control_flow_on_batched_value():
    def f(x):
        return x if x > 0 else -x

    with pytest.raises(fg.ConcretizationError, match="vmap.*where"):
        fg.vmap(f)(r(3))
