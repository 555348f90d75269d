"""autograd's differential operators (``fg.make_vjp``, ``fg.hessian_vector_product``, ...):
values recorded from HIPS autograd 1.9 on the same functions, and checks against funcgrad's
JAX-style transforms."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def cubic(x):
    return fnp.sum(x ** 3)


def test_values_recorded_from_autograd():
    vjp, ans = fg.make_vjp(lambda x: x ** 2)(3.0)
    assert (float(vjp(1.0)), float(ans)) == (6.0, 9.0)
    assert tuple(map(float, fg.make_jvp(lambda x: x ** 2)(3.0)(2.0))) == (9.0, 12.0)
    hvp, g = fg.make_hvp(cubic)(np.ones(2))
    np.testing.assert_array_equal(hvp(np.array([1.0, 0.0])), [6.0, 0.0])
    np.testing.assert_array_equal(g, [3.0, 3.0])
    np.testing.assert_array_equal(
        fg.hessian_vector_product(cubic)(np.ones(2), np.array([1.0, 0.0])), [6.0, 0.0])
    np.testing.assert_array_equal(
        fg.tensor_jacobian_product(lambda x: x ** 3)(np.ones(2), np.array([1.0, 2.0])),
        [3.0, 6.0])
    np.testing.assert_array_equal(
        fg.make_ggnvp(lambda x: x ** 2)(np.ones(2))(np.array([1.0, 2.0])), [4.0, 8.0])
    assert tuple(map(float, fg.grad_and_aux(lambda x: (x ** 2, x * 5))(3.0))) == (6.0, 15.0)
    assert float(fg.deriv(lambda x: x ** 3)(2.0)) == 12.0
    assert float(fg.grad_named(lambda a, b: a * b ** 2, "b")(2.0, 3.0)) == 12.0
    assert complex(fg.holomorphic_grad(lambda z: z ** 2)(1.0 + 1.0j)) == 2 + 2j


def test_agree_with_the_jax_style_transforms():
    rng = np.random.default_rng(0)
    x, v = rng.normal(size=3), rng.normal(size=3)
    f = lambda a, x: fnp.sum(fnp.sin(a * x) ** 2) * a  # noqa: E731
    np.testing.assert_allclose(fg.hessian_vector_product(f, 1)(2.0, x, v),
                               fg.hessian(f, 1)(2.0, x) @ v, rtol=1e-12)
    W = rng.normal(size=(2, 3))
    model = lambda x: fnp.tanh(W @ x)  # noqa: E731
    J = fg.jacfwd(model)(x)
    np.testing.assert_allclose(fg.make_ggnvp(model)(x)(v), J.T @ J @ v, rtol=1e-12)
    grads = fg.multigrad_dict(f)(2.0, x)
    assert list(grads) == ["a", "x"]
    np.testing.assert_allclose(grads["x"], fg.grad(f, 1)(2.0, x), rtol=1e-12)
    vjp, _ = fg.make_vjp(f, (0, 1))(2.0, x)
    da, dx = vjp(1.0)
    np.testing.assert_allclose(dx, fg.grad(f, 1)(2.0, x), rtol=1e-12)
    # second order through an operator: the derivative of an HVP
    third = fg.grad(lambda x: fnp.sum(fg.hessian_vector_product(cubic)(x, v)))(x)
    np.testing.assert_allclose(third, 6.0 * v, rtol=1e-12)


def test_grad_named_names_the_parameters():
    with pytest.raises(ValueError, match="has no parameter 'c'.*a, b"):
        fg.grad_named(lambda a, b: a * b, "c")


def test_autograd_spelling_argnum():
    f = lambda a, b: a * b ** 2  # noqa: E731
    assert float(fg.grad(f, argnum=1)(2.0, 3.0)) == 12.0
    assert [float(g) for g in fg.grad(f, argnum=(0, 1))(2.0, 3.0)] == [9.0, 12.0]
    assert float(fg.value_and_grad(f, argnum=1)(2.0, 3.0)[1]) == 12.0
    np.testing.assert_array_equal(fg.elementwise_grad(lambda a, x: a * x, argnum=1)(
        2.0, np.ones(2)), [2.0, 2.0])
