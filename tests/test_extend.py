"""``funcgrad.extend``: autograd's primitive/defvjp/defjvp on funcgrad's custom rules."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.extend import defjvp, defvjp, notrace_primitive, primitive


@primitive
def logsumexp(x):
    """autograd's define_gradient.py example: plain NumPy inside."""
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


defvjp(logsumexp, lambda ans, x: lambda g: fnp.full(x.shape, g) * fnp.exp(x - ans))


def test_vjp_rule_in_reverse_forward_second_order_jit_and_vmap():
    x = np.array([0.5, -1.0, 2.0])
    expected = np.exp(x) / np.exp(x).sum()
    np.testing.assert_allclose(fg.grad(logsumexp)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(fg.jacfwd(logsumexp)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(fg.hessian(logsumexp)(x),
                               np.diag(expected) - np.outer(expected, expected), atol=1e-12)
    np.testing.assert_allclose(fg.jit(fg.grad(logsumexp))(x), expected, rtol=1e-12)
    batch = np.stack([x, 2 * x])
    np.testing.assert_allclose(fg.vmap(fg.grad(logsumexp))(batch)[1],
                               np.exp(2 * x) / np.exp(2 * x).sum(), rtol=1e-12)
    assert logsumexp(x) == pytest.approx(np.log(np.exp(x).sum()))   # no derivative: plain call


def test_jvp_rule_with_non_array_arguments():
    @primitive
    def scaled_sin(x, k, label):
        assert label == "keep me"
        return np.sin(k * x)

    defjvp(scaled_sin, lambda g, ans, x, k, label: g * k * fnp.cos(k * x))
    d = fg.grad(lambda x: scaled_sin(x, 3, "keep me"))(0.4)
    assert float(d) == pytest.approx(3 * np.cos(1.2))
    assert float(fg.jvp(lambda x: scaled_sin(x, 3, "keep me"), (0.4,), (2.0,))[1]) == \
        pytest.approx(6 * np.cos(1.2))


def test_missing_rules_and_plain_functions_are_clear_errors():
    @primitive
    def f(x, y):
        return x * y

    defvjp(f, lambda ans, x, y: lambda g: g * y)             # no rule for y
    assert float(fg.grad(f)(2.0, 3.0)) == 3.0
    with pytest.raises(NotImplementedError, match="argument 1 is not defined"):
        fg.grad(f, 1)(2.0, 3.0)
    with pytest.raises(NotImplementedError, match="no derivative rule"):
        fg.grad(primitive(np.sin))(1.0)
    with pytest.raises(TypeError, match="decorate it with @primitive"):
        defvjp(np.sin, lambda ans, x: lambda g: g)


def test_notrace_primitive_cuts_the_derivative():
    sign = notrace_primitive(lambda x: np.sign(x))
    assert float(fg.grad(lambda x: sign(x) * x)(-3.0)) == -1.0
