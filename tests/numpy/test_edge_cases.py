"""Derivatives at the points where a rule has to choose: JAX's answers (funcgrad.numpy's anchor)."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp


def both_modes(f, x):
    """The gradient of a scalar function by reverse mode and by forward mode (jacfwd)."""
    rev = fg.grad(f)(x)
    fwd = fg.jacfwd(f)(x)
    np.testing.assert_allclose(rev, fwd)
    return rev


def test_sqrt_at_zero_is_infinite():
    with np.errstate(divide="ignore"):
        assert both_modes(fnp.sqrt, 0.0) == np.inf


def test_abs_at_zero_has_slope_one():
    assert both_modes(fnp.abs, 0.0) == 1.0
    assert both_modes(fnp.fabs, 0.0) == 1.0
    assert both_modes(fnp.abs, -0.0) == 1.0


@pytest.mark.parametrize("x, expected", [
    ([2.0, 0.0, 5.0], [0.0, 10.0, 0.0]),      # one zero: only it has a derivative
    ([0.0, 3.0, 0.0], [0.0, 0.0, 0.0]),       # two zeros: every derivative is 0
    ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
    ([2.0, 3.0, 4.0], [12.0, 8.0, 6.0]),
])
def test_prod_with_zeros(x, expected):
    x = np.array(x)
    np.testing.assert_array_equal(both_modes(fnp.prod, x), expected)


def test_prod_second_derivative_with_zeros():
    # d2/dxi dxj prod(x) = product of the elements other than i and j.
    np.testing.assert_array_equal(fg.hessian(fnp.prod)(np.array([0.0, 3.0, 0.0])),
                                  [[0, 0, 3], [0, 0, 0], [3, 0, 0]])
    np.testing.assert_array_equal(fg.hessian(fnp.prod)(np.array([2.0, 0.0, 5.0])),
                                  [[0, 5, 0], [5, 0, 2], [0, 2, 0]])
    check_grads(lambda x: fnp.prod(x, axis=1), [np.array([[0.0, 3.0, 0.0], [2.0, 0.0, 5.0]])])


def test_prod_of_integers_and_axes():
    x = np.arange(6).reshape(2, 3)
    assert fnp.prod(x, axis=1).dtype == np.prod(x, axis=1).dtype
    np.testing.assert_array_equal(fnp.prod(x, axis=1), np.prod(x, axis=1))


def test_max_ties_share_equally():
    np.testing.assert_array_equal(both_modes(fnp.max, np.array([1.0, 3.0, 3.0])), [0, .5, .5])
    np.testing.assert_array_equal(both_modes(fnp.max, np.array([2.0, 2.0, 2.0, 2.0])),
                                  [.25] * 4)
    np.testing.assert_array_equal(fg.grad(lambda x: fnp.maximum(x, 1.0))(1.0), 0.5)
    np.testing.assert_array_equal(fg.grad(lambda x: fnp.minimum(x, x))(2.0), 1.0)
    np.testing.assert_array_equal(fg.grad(fnp.fmax, argnums=(0, 1))(1.0, 1.0), (0.5, 0.5))


def test_fmax_ignores_nan_in_derivative():
    g = fg.grad(fnp.fmax, argnums=(0, 1))(np.nan, 2.0)
    np.testing.assert_array_equal(g, (0.0, 1.0))


def test_cumprod_with_a_zero():
    x = np.array([2.0, 0.0, 3.0])
    # sum(cumprod) = x0 + x0 x1 + x0 x1 x2
    np.testing.assert_array_equal(both_modes(lambda x: fnp.sum(fnp.cumprod(x)), x), [1, 8, 0])
    np.testing.assert_array_equal(fg.hessian(lambda x: fnp.cumprod(x)[-1])(x),
                                  [[0, 3, 0], [3, 0, 2], [0, 2, 0]])
    check_grads(lambda x: fnp.cumprod(x, axis=0), [np.array([[0.0, 2.0], [3.0, 0.0],
                                                             [0.0, 1.0]])])


def test_where_nan_trap_and_the_double_where_idiom():
    x = np.array([-1.0, 4.0])
    with np.errstate(invalid="ignore"):
        # The trap: sqrt(-1) is never chosen, but its derivative (NaN) times 0 is NaN.
        naive = fg.grad(lambda x: fnp.sum(fnp.where(x > 0, fnp.sqrt(x), 0.0)))(x)
        assert np.isnan(naive[0]) and naive[1] == 0.25
        # Forward mode selects tangents, so the NaN tangent is dropped (as in JAX).
        naive_fwd = fg.jacfwd(lambda x: fnp.sum(fnp.where(x > 0, fnp.sqrt(x), 0.0)))(x)
        np.testing.assert_array_equal(naive_fwd, [0.0, 0.25])

    # The idiom: make the untaken branch's input safe too.
    def safe(x):
        ok = x > 0
        return fnp.sum(fnp.where(ok, fnp.sqrt(fnp.where(ok, x, 1.0)), 0.0))

    np.testing.assert_array_equal(both_modes(safe, x), [0.0, 0.25])
    np.testing.assert_array_equal(fg.hessian(safe)(x), [[0.0, 0.0], [0.0, -1 / 32]])


def test_sort_with_ties_follows_the_stable_order():
    x = np.array([2.0, 1.0, 1.0])
    np.testing.assert_array_equal(both_modes(lambda x: fnp.sort(x)[0], x), [0, 1, 0])
    np.testing.assert_array_equal(both_modes(lambda x: fnp.sort(x)[1], x), [0, 0, 1])
    np.testing.assert_array_equal(fg.jacfwd(fnp.sort)(x), [[0, 1, 0], [0, 0, 1], [1, 0, 0]])


def test_clip_at_its_bounds_shares_with_the_bound():
    g = fg.elementwise_grad(lambda x: fnp.clip(x, 0.0, 1.0))(np.array([-1.0, 0.0, 0.5, 1.0,
                                                                        2.0]))
    np.testing.assert_array_equal(g, [0.0, 0.5, 1.0, 0.5, 0.0])
    g_bounds = fg.grad(lambda lo, hi: fnp.clip(0.0, lo, hi), argnums=(0, 1))(0.0, 1.0)
    np.testing.assert_array_equal(g_bounds, (0.5, 0.0))


def test_sinc_derivatives_at_zero_are_exact():
    assert fg.grad(fnp.sinc)(0.0) == 0.0
    np.testing.assert_allclose(fg.grad(fg.grad(fnp.sinc))(0.0), -np.pi ** 2 / 3)
    assert fg.grad(fg.grad(fg.grad(fnp.sinc)))(0.0) == 0.0
    np.testing.assert_allclose(fg.grad(fg.grad(fg.grad(fg.grad(fnp.sinc))))(0.0),
                               np.pi ** 4 / 5)


def test_std_of_a_constant_is_nan_as_in_jax():
    with np.errstate(invalid="ignore", divide="ignore"):
        assert np.all(np.isnan(fg.grad(fnp.std)(np.ones(3))))


def test_hypot_at_the_origin_is_zero():
    np.testing.assert_array_equal(fg.grad(fnp.hypot, argnums=(0, 1))(0.0, 0.0), (0.0, 0.0))


def test_median_of_even_length_splits_the_derivative():
    np.testing.assert_array_equal(fg.grad(fnp.median)(np.array([4.0, 1.0, 3.0, 2.0])),
                                  [0, 0, .5, .5])


def test_rounding_has_zero_derivative():
    for f in (fnp.floor, fnp.ceil, fnp.round, fnp.rint, fnp.trunc, fnp.sign,
              lambda x: fnp.floor_divide(x, 0.7)):
        assert both_modes(lambda x, f=f: f(x) + 0.0 * x, 1.3) == 0.0


def test_remainder_derivative_in_the_divisor():
    # remainder(x, y) = x - y floor(x / y): d/dy = -floor(x / y)
    g = fg.grad(fnp.remainder, argnums=(0, 1))(-5.5, 2.0)
    np.testing.assert_array_equal(g, (1.0, 3.0))
    g = fg.grad(fnp.fmod, argnums=(0, 1))(-5.5, 2.0)
    np.testing.assert_array_equal(g, (1.0, 2.0))


# ---------------------------------------------------------------------------
# dtypes
# ---------------------------------------------------------------------------

def test_python_scalars_do_not_upcast_float32():
    x = np.ones(3, np.float32)

    def f(x):
        y = x * 2.5 + 1 - fnp.mean(x) / 3.0 + fnp.exp(x) ** 2
        assert y.dtype == np.float32
        return fnp.sum(y)

    value, g = fg.value_and_grad(f)(x)
    assert value.dtype == np.float32 and g.dtype == np.float32
    _, t = fg.jvp(f, (x,), (x,))
    assert t.dtype == np.float32


def test_float16_is_supported():
    x = np.array([0.5, 1.5], np.float16)
    g = fg.grad(lambda x: fnp.sum(fnp.sin(x) * fnp.sqrt(x)))(x)
    assert g.dtype == np.float16
    np.testing.assert_allclose(g, np.cos(x) * np.sqrt(x) + np.sin(x) / (2 * np.sqrt(x)),
                               rtol=1e-2)


def test_integer_arrays_are_constants():
    k = np.arange(3)
    g = fg.grad(lambda x: fnp.sum(x * k + fnp.take(x, k)))(np.ones(3))
    np.testing.assert_array_equal(g, [1.0, 2.0, 3.0])
    assert fnp.mean(k).dtype == np.float64 and fnp.sum(k).dtype == np.sum(k).dtype


def test_matmul_cotangents_take_the_layout_of_transposed_operands():
    # ``x @ W.T``: the cotangent of the transposed view is column-major, so W's own
    # gradient comes out row-major like W (an update of W then streams through memory).
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((5, 4)), rng.standard_normal((3, 4))
    gw, gx = fg.grad(lambda w, x: fnp.sum(fnp.tanh(x @ w.T)), argnums=(0, 1))(w, x)
    assert gw.flags.c_contiguous
    d = 1 - np.tanh(x @ w.T) ** 2
    np.testing.assert_allclose(gw, d.T @ x)
    np.testing.assert_allclose(gx, d @ w)
    gxt = fg.grad(lambda xt: fnp.sum(fnp.tanh(xt.T @ w.T)))(x.T.copy())
    assert gxt.flags.c_contiguous
    np.testing.assert_allclose(gxt, (d @ w).T)
