"""funcgrad.nn: the table, and stability of values and derivatives at +-1000."""

from __future__ import annotations

import numpy as np
import pytest
from cases import random_points_test
from table_nn import CASES

import funcgrad as fg
import funcgrad.nn as nn
import funcgrad.numpy as fnp

test_table_at_random_points = random_points_test(CASES)


ELEMENTWISE = [
    nn.sigmoid, nn.relu, nn.relu6, nn.softplus, nn.log_sigmoid, nn.silu, nn.gelu,
    lambda x: nn.gelu(x, approximate=False), nn.elu, nn.celu, nn.selu, nn.leaky_relu,
    nn.hard_tanh, nn.soft_sign,
]
EXTREMES = [-1000.0, -100.0, -20.0, -1.0, 0.0, 1.0, 20.0, 100.0, 1000.0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("i", range(len(ELEMENTWISE)))
def test_elementwise_stable_to_second_order(i, dtype):
    f = ELEMENTWISE[i]
    x = np.array(EXTREMES, dtype)
    ones = np.ones_like(x)
    # Not even an intermediate overflow or NaN (underflow to 0 is the right answer here).
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = f(x)
        d1 = fg.elementwise_grad(f)(x)
        d2 = fg.elementwise_grad(fg.elementwise_grad(f))(x)
        _, t = fg.jvp(f, (x,), (ones,))
        _, tt = fg.jvp(lambda x: fg.jvp(f, (x,), (ones,))[1], (x,), (ones,))
    for out in (value, d1, d2, t, tt):
        assert np.all(np.isfinite(out)), out
        assert out.dtype == dtype
    np.testing.assert_allclose(d1, t, rtol=1e-6)


def test_known_values_at_extremes():
    x = np.array([-1000.0, 1000.0])
    np.testing.assert_array_equal(nn.sigmoid(x), [0.0, 1.0])
    np.testing.assert_array_equal(fg.elementwise_grad(nn.sigmoid)(x), [0.0, 0.0])
    np.testing.assert_array_equal(nn.softplus(x), [0.0, 1000.0])
    np.testing.assert_array_equal(fg.elementwise_grad(nn.softplus)(x), [0.0, 1.0])
    np.testing.assert_array_equal(nn.log_sigmoid(x), [-1000.0, 0.0])
    np.testing.assert_array_equal(fg.elementwise_grad(nn.log_sigmoid)(x), [1.0, 0.0])
    for approximate in (True, False):
        gelu = lambda x, approximate=approximate: nn.gelu(x, approximate=approximate)
        np.testing.assert_array_equal(gelu(x), [0.0, 1000.0])
        np.testing.assert_array_equal(fg.elementwise_grad(gelu)(x), [0.0, 1.0])
    np.testing.assert_array_equal(nn.elu(x), [-1.0, 1000.0])


def test_kinks_follow_jax():
    zero = np.zeros(())
    assert fg.grad(nn.relu)(zero) == 0.0
    assert fg.grad(nn.leaky_relu)(zero) == 1.0
    assert fg.grad(nn.relu6)(zero) == 0.0 and fg.grad(nn.relu6)(6.0) == 0.0
    assert fg.grad(nn.hard_tanh)(1.0) == 1.0 and fg.grad(nn.hard_tanh)(-1.0) == 1.0
    assert fg.grad(nn.elu)(zero) == 1.0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("f", [
    nn.softmax, nn.log_softmax, lambda x: nn.logsumexp(x, axis=-1),
    lambda x: nn.logsumexp(x, axis=-1, b=np.array([1.0, 2.0, 0.5, 1.0], x.dtype)),
])
def test_softmax_family_stable_to_second_order(f, dtype):
    x = np.array([[1000.0, -1000.0, 0.0, 999.0], [-1000.0, -1000.0, -999.0, -1000.0]], dtype)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = f(x)
        jac = fg.jacrev(f)(x)
        hess = fg.jacfwd(fg.jacrev(f))(x)
    for out in (value, jac, hess):
        assert np.all(np.isfinite(out))
        assert out.dtype == dtype


def test_softmax_family_known_values():
    x = np.array([1000.0, -1000.0, 1000.0])
    np.testing.assert_allclose(nn.softmax(x), [0.5, 0.0, 0.5])
    np.testing.assert_allclose(nn.log_softmax(x), [-np.log(2), -2000 - np.log(2), -np.log(2)])
    np.testing.assert_allclose(nn.logsumexp(x), 1000 + np.log(2))
    np.testing.assert_allclose(fg.grad(nn.logsumexp)(x), [0.5, 0.0, 0.5])
    np.testing.assert_allclose(fg.grad(lambda x: nn.log_softmax(x)[0])(x), [0.5, 0.0, -0.5])


def test_logsumexp_weights_and_sign():
    a = np.array([0.0, np.log(2.0)])
    b = np.array([1.0, -1.0])  # 1 - 2 = -1
    out, sign = nn.logsumexp(a, b=b, return_sign=True)
    np.testing.assert_allclose(out, 0.0, atol=1e-15)
    assert sign == -1.0
    assert np.isnan(nn.logsumexp(a, b=b))  # JAX: NaN without return_sign
    # d log|sum b e^a| / da = b e^a / sum = [-1, 2]; / db = e^a / sum = [-1, -2]
    g_a, g_b = fg.grad(lambda a, b: nn.logsumexp(a, b=b, return_sign=True)[0], (0, 1))(a, b)
    np.testing.assert_allclose(g_a, [-1.0, 2.0])
    np.testing.assert_allclose(g_b, [-1.0, -2.0])
    # an entry weighted 0 does not decide the shift: log(1 * e^0) = 0, not log(0)
    np.testing.assert_allclose(nn.logsumexp(np.array([1000.0, 0.0]), b=np.array([0.0, 1.0])),
                               0.0)
    # fully masked entries (a = -inf) contribute nothing
    masked = np.array([0.0, -np.inf, 0.0])
    np.testing.assert_allclose(fg.grad(nn.logsumexp)(masked), [0.5, 0.0, 0.5])


@pytest.mark.parametrize("f", [
    nn.sigmoid, nn.softplus, lambda x: nn.gelu(x, approximate=False), nn.elu,
    lambda x: nn.logsumexp(x, axis=0), lambda x: nn.logsumexp(x, b=np.array([1.0, -0.5, 2.0])),
    nn.softmax, fg.grad(lambda x: nn.logsumexp(x)),
])
def test_vmap_and_jit_agree_with_a_loop(f):
    x = np.random.default_rng(0).standard_normal((4, 2, 3))
    loop = np.stack([f(v) for v in x])
    np.testing.assert_allclose(fg.vmap(f)(x), loop, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fg.jit(f)(x[0]), loop[0], rtol=1e-10, atol=1e-12)


def test_integers_become_floats():
    assert nn.sigmoid(np.array([0, 1])).dtype == np.float64
    assert fnp.asarray(nn.relu(np.array([-1, 2]))).dtype.kind == "i"
