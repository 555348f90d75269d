"""Misuse fails at once, with a message that names the problem and the fix."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def test_grad_of_non_scalar_output():
    with pytest.raises(TypeError, match=r"scalar output.*shape \(3,\).*jacrev"):
        fg.grad(lambda x: x * 2)(np.ones(3))


def test_grad_of_complex_output_asks_for_holomorphic():
    with pytest.raises(TypeError, match="holomorphic=True"):
        fg.grad(lambda x: x * 1j)(1.0)


@pytest.mark.parametrize("value", [np.arange(3), 3, np.array([True, False])])
def test_integer_and_boolean_inputs(value):
    def loss(weights):
        return fnp.sum(weights * 1.0)

    dtype = np.asarray(value).dtype.name
    with pytest.raises(TypeError, match=rf"argument 'weights' \(argnums 0\) has dtype {dtype}"):
        fg.grad(loss)(value)
    with pytest.raises(TypeError, match=f"dtype {dtype}.*astype"):
        fg.vjp(loss, value)
    with pytest.raises(TypeError, match=f"dtype {dtype}"):
        fg.jvp(loss, (value,), (value,))


def test_integers_are_fine_as_constants():
    g = fg.grad(lambda x, n: fnp.sum(x * n), argnums=0)(np.ones(3), np.arange(3))
    np.testing.assert_array_equal(g, [0.0, 1.0, 2.0])


def test_argnums_out_of_range():
    with pytest.raises(TypeError, match=r"argnums=2 .* called with 2 positional arguments"):
        fg.grad(lambda x, y: x * y, argnums=2)(1.0, 2.0)
    with pytest.raises(TypeError, match="argnums must be an int or a tuple of ints"):
        fg.grad(lambda x: x, argnums="x")(1.0)


def test_non_array_leaf_is_named():
    with pytest.raises(TypeError, match=r"argument 'config' \(argnums 0\).* str"):
        fg.grad(lambda config: 1.0)("fast")
    with pytest.raises(TypeError, match=r"leaf 1 .* str"):
        fg.grad(lambda p: p[0])((1.0, "name"))


def test_escaped_tracer_is_an_error_not_a_number():
    leaked = []

    def f(x):
        leaked.append(x)
        return x * 2

    fg.grad(f)(1.0)
    with pytest.raises(fg.UnexpectedTracerError, match="after `grad` returned"):
        leaked[0] * 2.0
    with pytest.raises(fg.UnexpectedTracerError, match="stop_gradient"):
        fg.grad(lambda y: y * leaked[0])(2.0)
    with pytest.raises(fg.UnexpectedTracerError):
        fg.jvp(lambda y: y + leaked[0], (1.0,), (1.0,))


def test_tangent_must_match_its_primal():
    shape_error = r"tangent 0 has shape \(2,\) but its primal has shape \(3,\)"
    with pytest.raises(ValueError, match=shape_error):
        fg.jvp(fnp.sin, (np.ones(3),), (np.ones(2),))
    dtype_error = "tangent 0 has dtype float32 but its primal has dtype float64"
    with pytest.raises(TypeError, match=dtype_error):
        fg.jvp(fnp.sin, (np.ones(3),), (np.ones(3, np.float32),))
    with pytest.raises(TypeError, match="one tangent per primal"):
        fg.jvp(fnp.sin, (1.0,), ())
    with pytest.raises(TypeError, match="tuples or lists"):
        fg.jvp(fnp.sin, 1.0, 1.0)


def test_cotangent_must_match_the_output():
    _, pullback = fg.vjp(lambda x: x * 2, np.ones(3))
    shape_error = r"cotangent has shape \(2,\) but its output has shape \(3,\)"
    with pytest.raises(ValueError, match=shape_error):
        pullback(np.ones(2))
    with pytest.raises(TypeError, match="structure of the output"):
        pullback((np.ones(3), np.ones(3)))


def test_has_aux_needs_a_pair():
    with pytest.raises(TypeError, match=r"return a pair \(output, aux\)"):
        fg.grad(lambda x: x, has_aux=True)(1.0)


def test_staged_control_flow_names_the_fix():
    def f(x):
        return x if x > 0 else -x

    with pytest.raises(fg.ConcretizationError, match="static_argnums.*where"):
        fg.make_ir(f)(1.0)


def test_traced_values_do_not_silently_become_arrays():
    with pytest.raises(TypeError, match="cannot be converted to a NumPy array"):
        fg.grad(lambda x: np.asarray(x).sum())(np.ones(2))


def test_a_primitive_without_rules_names_itself():
    from funcgrad.core.primitive import Primitive, registry

    p = Primitive("double_without_rules", lambda x: x * 2)
    try:
        with pytest.raises(NotImplementedError, match="'double_without_rules'.*VJP.*defvjp"):
            fg.grad(lambda x: p.bind(x))(1.0)
        with pytest.raises(NotImplementedError, match="'double_without_rules'.*JVP.*defjvp"):
            fg.jvp(lambda x: p.bind(x), (1.0,), (1.0,))
    finally:
        del registry["double_without_rules"]


def test_grad_of_one_element_output_works_as_in_autograd_and_torch():
    np.testing.assert_array_equal(fg.grad(lambda x: x * np.ones((1, 1)))(2.0), 1.0)
    g = fg.grad(lambda x: fnp.sum(x ** 2, keepdims=True))(np.ones(2))
    np.testing.assert_array_equal(g, [2.0, 2.0])
    np.testing.assert_array_equal(fg.vmap(fg.grad(lambda x: x * np.ones(1)))(np.ones(3)), 1.0)
