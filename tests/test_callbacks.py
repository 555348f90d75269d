"""``pure_callback``, ``io_callback``, ``ShapeDtypeStruct``, ``eval_shape`` (JAX's external
callbacks), and a custom_jvp around a callback differentiated to second order in every mode."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.experimental import io_callback


def host_sin(x):
    return np.sin(x).astype(x.dtype)


def f(x):
    return fg.pure_callback(host_sin, fg.ShapeDtypeStruct.like(x), x, vmap_method="sequential")


def test_pure_callback_eager_jit_scan_and_vmap():
    x = np.arange(5.0)
    np.testing.assert_array_equal(f(x), np.sin(x))
    np.testing.assert_array_equal(fg.jit(f)(x), np.sin(x))
    ys = fg.lax.scan(lambda c, x: (c, f(x)), None, x)[1]
    np.testing.assert_array_equal(ys, np.sin(x))
    np.testing.assert_array_equal(fg.vmap(f)(x.reshape(5, 1)), np.sin(x).reshape(5, 1))


@pytest.mark.parametrize("method", ["expand_dims", "broadcast_all"])
def test_vectorised_vmap_methods_call_once(method):
    calls = []

    def host_add(x, y):
        calls.append((x.shape, y.shape))
        return x + y

    def add(x, y):
        return fg.pure_callback(host_add, fg.ShapeDtypeStruct(np.shape(x), x.dtype), x, y,
                                vmap_method=method)

    out = fg.vmap(add, in_axes=(0, None))(np.ones((4, 2)), np.arange(2.0))
    np.testing.assert_array_equal(out, np.ones((4, 2)) + np.arange(2.0))
    assert calls == [((4, 2), (1, 2) if method == "expand_dims" else (4, 2))]


def test_errors_name_the_fix():
    with pytest.raises(NotImplementedError, match="vmap_method"):
        fg.vmap(lambda x: fg.pure_callback(np.sin, fg.ShapeDtypeStruct((), x.dtype), x))(
            np.ones(2))
    with pytest.raises(ValueError, match="no derivative.*custom_jvp"):
        fg.grad(f)(1.0)
    with pytest.raises(ValueError, match="no derivative.*custom_jvp"):
        fg.jvp(f, (1.0,), (1.0,))
    with pytest.raises(ValueError, match="declares shape \\(2,\\) and dtype float64"):
        fg.pure_callback(lambda x: np.ones(3), fg.ShapeDtypeStruct((2,), np.float64), 1.0)


def test_io_callback_runs_every_call_in_order_and_jit_keeps_unused_ones():
    seen = []

    def record(x):
        seen.append(float(x))
        return np.float64(x) * 2

    g = fg.jit(lambda x: (io_callback(record, fg.ShapeDtypeStruct((), np.float64), x), x)[1])
    g(1.0)
    g(2.0)
    assert seen == [1.0, 2.0]
    fg.vmap(lambda x: io_callback(record, fg.ShapeDtypeStruct((), np.float64), x))(
        np.array([3.0, 4.0]))
    assert seen[2:] == [3.0, 4.0]


def test_eval_shape():
    out = fg.eval_shape(lambda x, w: {"y": fnp.tanh(x @ w), "n": fnp.sum(x)},
                        fg.ShapeDtypeStruct((8, 3), "float32"), np.ones((3, 4), np.float32))
    assert out == {"y": fg.ShapeDtypeStruct((8, 4), np.float32),
                   "n": fg.ShapeDtypeStruct((), np.float32)}


@fg.custom_jvp
def callback_sin(x):
    return fg.pure_callback(np.sin, fg.ShapeDtypeStruct((), np.float64), x)


@fg.custom_jvp
def callback_cos(x):
    return fg.pure_callback(np.cos, fg.ShapeDtypeStruct((), np.float64), x)


callback_sin.defjvp(lambda p, t: (callback_sin(p[0]), t[0] * callback_cos(p[0])))
callback_cos.defjvp(lambda p, t: (callback_cos(p[0]), -t[0] * callback_sin(p[0])))


@pytest.mark.parametrize("outer", [fg.jacfwd, fg.jacrev])
@pytest.mark.parametrize("inner", [fg.jacfwd, fg.jacrev])
def test_custom_jvp_rule_calling_itself_second_order(outer, inner):
    # JAX's external-callbacks page: hessian of a custom_jvp whose rule calls callbacks.
    assert float(outer(inner(callback_sin))(0.5)) == pytest.approx(-np.sin(0.5), rel=1e-14)
