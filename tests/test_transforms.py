"""The differentiation transforms against closed forms and against each other."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp


def test_fourth_derivative_of_tanh_matches_closed_form():
    # With t = tanh(x), the fourth derivative of tanh is 8 t (1 - t^2) (2 - 3 t^2).
    x = 0.3
    t = np.tanh(x)
    d4 = fg.grad(fg.grad(fg.grad(fg.grad(fnp.tanh))))(x)
    np.testing.assert_allclose(d4, 8 * t * (1 - t**2) * (2 - 3 * t**2), rtol=1e-12)


def test_nested_grads_in_both_modes_agree():
    f = lambda x: fnp.sin(x) * fnp.exp(x)
    rev = fg.grad(fg.grad(fg.grad(f)))(0.7)
    fwd = fg.jacfwd(fg.jacfwd(fg.jacfwd(f)))(0.7)
    mixed = fg.jacfwd(fg.grad(fg.jacfwd(f)))(0.7)
    # (sin x e^x)''' = 2 e^x (cos x - sin x)
    closed = 2 * np.exp(0.7) * (np.cos(0.7) - np.sin(0.7))
    np.testing.assert_allclose([rev, fwd, mixed], closed, rtol=1e-12)


def test_hessian_three_ways():
    def f(x):
        return fnp.sum(fnp.tanh(x) ** 2 * x[0]) + x[1] * x[2] ** 3

    x = np.array([0.3, 0.5, -0.2])
    h = fg.hessian(f)(x)
    np.testing.assert_allclose(fg.jacfwd(fg.jacrev(f))(x), h)
    np.testing.assert_allclose(fg.jacrev(fg.jacfwd(f))(x), h, rtol=1e-12)
    np.testing.assert_allclose(fg.jacrev(fg.jacrev(f))(x), h, rtol=1e-12)
    np.testing.assert_allclose(h, h.T, rtol=1e-12)
    # The x[1] * x[2]**3 term alone contributes 3 x2^2 at (1, 2) and 6 x1 x2 at (2, 2).
    g = lambda x: x[1] * x[2] ** 3
    hg = fg.hessian(g)(x)
    np.testing.assert_allclose(hg[1, 2], 3 * x[2] ** 2)
    np.testing.assert_allclose(hg[2, 2], 6 * x[1] * x[2])


def test_no_perturbation_confusion():
    # d/dx [ x * d/dy (x * y) ] = d/dx [x * x] = 2x, at any y.
    def f(x):
        return x * fg.grad(lambda y: x * y)(5.0)

    assert fg.grad(f)(3.0) == 6.0
    # The same with forward mode outside and inside.
    fwd = lambda x: fg.jvp(lambda y: x * y, (5.0,), (1.0,))[1]
    assert fg.jvp(lambda x: x * fwd(x), (3.0,), (1.0,))[1] == 6.0


def test_gradient_through_python_control_flow():
    def f(x):
        total = 0.0
        i = 0
        while x > 0.1 and i < 10:  # `while` and `if` on traced values
            if i % 2 == 0:
                total = total + fnp.sin(x)
            else:
                total = total + x**2
            x = x / 2
            i += 1
        return total

    x0 = 1.3
    check_grads(f, [np.asarray(x0)], order=2)
    # By hand: terms sin(1.3), (0.65)^2, sin(0.325), (0.1625)^2.
    expected = np.cos(x0) + 2 * (x0 / 2) / 2 + np.cos(x0 / 4) / 4 + 2 * (x0 / 8) / 8
    np.testing.assert_allclose(fg.grad(f)(x0), expected)


def test_dict_arguments_and_structure():
    params = {"w": np.array([1.0, 2.0]), "b": np.array(0.5)}

    def loss(p, x):
        return fnp.sum((p["w"] * x + p["b"]) ** 2)

    x = np.array([3.0, -1.0])
    g = fg.grad(loss)(params, x)
    assert set(g) == {"w", "b"}
    r = params["w"] * x + params["b"]
    np.testing.assert_allclose(g["w"], 2 * r * x)
    np.testing.assert_allclose(g["b"], np.sum(2 * r))


def test_namedtuple_and_list_arguments():
    Point = namedtuple("Point", "x y")
    g = fg.grad(lambda p: p.x * p.y[0] + p.y[1])(Point(2.0, [3.0, 4.0]))
    assert isinstance(g, Point) and isinstance(g.y, list)
    np.testing.assert_allclose([g.x, g.y[0], g.y[1]], [3.0, 2.0, 1.0])


def test_jacobians_of_pytree_outputs_and_inputs():
    def f(p):
        return {"s": fnp.sum(p["a"] * p["b"]), "v": p["a"] ** 2}

    p = {"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0])}
    for jac in (fg.jacrev, fg.jacfwd):
        J = jac(f)(p)
        np.testing.assert_allclose(J["s"]["a"], [3.0, 4.0])
        np.testing.assert_allclose(J["s"]["b"], [1.0, 2.0])
        np.testing.assert_allclose(J["v"]["a"], [[2.0, 0.0], [0.0, 4.0]])
        np.testing.assert_allclose(J["v"]["b"], np.zeros((2, 2)))


def test_jacobian_shapes_follow_output_then_input():
    f = lambda x, y: fnp.sum(x, axis=1, keepdims=True) * y
    x, y = np.ones((2, 3)), np.ones((1, 4))
    for jac in (fg.jacrev, fg.jacfwd):
        jx, jy = jac(f, argnums=(0, 1))(x, y)
        assert jx.shape == (2, 4, 2, 3) and jy.shape == (2, 4, 1, 4)
    assert fg.jacobian is fg.jacrev


def test_value_and_grad_argnums_and_aux():
    f = lambda x, y: (x * y**2, {"x": x})
    (value, aux), (gx, gy) = fg.value_and_grad(f, argnums=(0, 1), has_aux=True)(2.0, 3.0)
    assert value == 18.0 and aux["x"] == 2.0
    assert (gx, gy) == (9.0, 12.0)
    g, aux = fg.grad(f, argnums=1, has_aux=True)(2.0, 3.0)
    assert g == 12.0 and not isinstance(aux["x"], fg.core.trace.Tracer)
    assert fg.grad(lambda x, y: x * y, argnums=-1)(2.0, 5.0) == 2.0


def test_vjp_and_jvp_agree_on_a_vector_function():
    f = lambda x: fnp.stack([x[0] * x[1], fnp.sin(x[1]), fnp.exp(x[0])])
    x = np.array([0.5, -1.5])
    out, pullback = fg.vjp(f, x)
    J = fg.jacfwd(f)(x)
    v = np.array([1.0, -2.0, 0.5])
    (ct,) = pullback(v)
    np.testing.assert_allclose(ct, v @ J)
    np.testing.assert_allclose(pullback(v)[0], ct)  # the pullback can be called again
    np.testing.assert_allclose(out, f(x))


def test_elementwise_grad():
    x = np.linspace(-1, 1, 5)
    np.testing.assert_allclose(fg.elementwise_grad(fnp.tanh)(x), 1 - np.tanh(x) ** 2)


def test_constant_output_has_zero_gradient():
    assert fg.grad(lambda x: 3.0)(1.0) == 0.0
    np.testing.assert_array_equal(fg.grad(lambda x, y: fnp.sum(y), argnums=0)(
        np.ones(2), np.ones(3)), np.zeros(2))


def test_unused_and_fanned_out_values():
    def f(x):
        y = fnp.sin(x)  # y fans out four times
        unused = fnp.exp(x) * 100  # noqa: F841 - recorded but not on the output's path
        return y * y + y + fnp.cos(y)

    x = 0.4
    y = np.sin(x)
    np.testing.assert_allclose(fg.grad(f)(x), (2 * y + 1 - np.sin(y)) * np.cos(x))


def test_float32_stays_float32_with_float64_constants():
    x = np.array([1.0, 2.0], np.float32)
    c = np.array([0.5, 0.25], np.float64)
    g = fg.grad(lambda x: fnp.sum(x * c))(x)
    assert g.dtype == np.float32
    assert fg.grad(lambda x: fnp.sum(x * 2.0))(x).dtype == np.float32
    assert (x * 2.0).dtype == np.float32  # NEP 50: Python scalars do not upcast
    _, t = fg.jvp(lambda x: x * 3.0, (x,), (np.ones(2, np.float32),))
    assert t.dtype == np.float32


def test_long_chain_has_no_recursion_limit():
    def f(x):
        for _ in range(100_000):
            x = fnp.sin(x)
        return x

    g = fg.grad(f)(np.float64(0.1))
    # Every factor cos(x_k) is slightly below one; the product is small but positive.
    assert 0.0 < g < 1.0


def test_make_ir_prints_a_readable_program():
    def f(x, y):
        return fnp.sum(fnp.tanh(x) * y, axis=0)

    ir = fg.make_ir(f)(np.ones((2, 3)), np.ones(3, np.float32))
    text = str(ir)
    assert text.splitlines()[0] == "{ lambda ; a:f64[2,3] b:f32[3]. let"
    assert "c:f64[2,3] = tanh a" in text
    assert "e:f64[3] = reduce_sum[axis=(0,) keepdims=False] d" in text
    np.testing.assert_allclose(ir(np.ones((2, 3)), np.ones(3))[0], f(np.ones((2, 3)), np.ones(3)))


def test_make_ir_of_a_gradient():
    ir = fg.make_ir(fg.grad(lambda x: fnp.sum(fnp.sin(x))))(np.ones(3))
    assert "cos" in str(ir)
    np.testing.assert_allclose(ir(np.zeros(3))[0], np.ones(3))


@pytest.mark.parametrize("order", [1, 2, 3])
def test_higher_order_of_a_broadcasting_function(order):
    f = lambda x, y: fnp.sum(fnp.exp(x * y) / (1 + y**2))
    x = np.array([[0.1], [0.2]])
    y = np.array([0.3, -0.4, 0.5])
    check_grads(f, [x, y], order=order)
