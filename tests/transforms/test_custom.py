"""custom_jvp, custom_vjp and stop_gradient: the rules are called, their results used,
under every transform."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp

# ---------------------------------------------------------------------------
# custom_jvp: the numerically stable log(1 + exp(x))
# ---------------------------------------------------------------------------

calls = {"jvp": 0}


@fg.custom_jvp
def log1pexp(x):
    return fnp.log(1.0 + fnp.exp(x))


@log1pexp.defjvp
def log1pexp_jvp(primals, tangents):
    calls["jvp"] += 1
    (x,), (t,) = primals, tangents
    return log1pexp(x), t * (1.0 - 1.0 / (1.0 + fnp.exp(x)))


def naive(x):
    return fnp.log(1.0 + fnp.exp(x))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


XS = np.array([-3.0, 0.0, 2.0, 100.0])


def test_rule_is_called_and_its_result_used():
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(fg.grad(naive)(1000.0))  # inf / inf without the rule
        before = calls["jvp"]
        assert fg.grad(log1pexp)(1000.0) == 1.0
        assert calls["jvp"] > before
        out, t = fg.jvp(log1pexp, (1000.0,), (2.0,))
    assert t == 2.0


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("transform", [
    "grad", "jvp", "vmap_grad", "grad_vmap", "jit_grad", "grad_jit", "jit_vmap_grad",
    "vmap_jit_grad", "jacfwd", "jacrev", "linearize",
])
def test_custom_jvp_under_every_transform(transform):
    expected = sigmoid(XS)
    g = fg.grad(log1pexp)
    out = {
        "grad": lambda: np.array([g(x) for x in XS]),
        "jvp": lambda: fg.jvp(fg.vmap(log1pexp), (XS,), (np.ones(4),))[1],
        "vmap_grad": lambda: fg.vmap(g)(XS),
        "grad_vmap": lambda: fg.grad(lambda x: fnp.sum(fg.vmap(log1pexp)(x)))(XS),
        "jit_grad": lambda: np.array([fg.jit(g)(x) for x in XS]),
        "grad_jit": lambda: np.array([fg.grad(fg.jit(log1pexp))(x) for x in XS]),
        "jit_vmap_grad": lambda: fg.jit(fg.vmap(g))(XS),
        "vmap_jit_grad": lambda: fg.vmap(fg.jit(g))(XS),
        "jacfwd": lambda: np.diag(fg.jacfwd(log1pexp)(XS)),
        "jacrev": lambda: np.diag(fg.jacrev(log1pexp)(XS)),
        "linearize": lambda: fg.linearize(log1pexp, XS)[1](np.ones(4)),
    }[transform]()
    np.testing.assert_allclose(out, expected, rtol=1e-12)


def test_custom_jvp_higher_order_differentiates_the_rule():
    x = 0.3
    s = sigmoid(x)
    np.testing.assert_allclose(fg.grad(fg.grad(log1pexp))(x), s * (1 - s))
    np.testing.assert_allclose(fg.hessian(lambda x: fnp.sum(log1pexp(x)))(XS[:3]),
                               np.diag(sigmoid(XS[:3]) * (1 - sigmoid(XS[:3]))))
    check_grads(lambda x: log1pexp(x) * x, (np.array([0.3, -1.2]),), order=2)


def test_defjvps_and_nondiff_argnums():
    @fg.custom_jvp
    def f(x, y):
        return fnp.sin(x) * y

    f.defjvps(lambda t, ans, x, y: fnp.cos(x) * t * y, lambda t, ans, x, y: fnp.sin(x) * t)
    x, y = 0.4, 1.7
    np.testing.assert_allclose(fg.grad(f, argnums=(0, 1))(x, y), (np.cos(x) * y, np.sin(x)))
    np.testing.assert_allclose(fg.jvp(f, (x, y), (1.0, 0.0))[1], np.cos(x) * y)

    @partial(fg.custom_jvp, nondiff_argnums=(0,))
    def app(g, x):
        return g(x)

    @app.defjvp
    def app_jvp(g, primals, tangents):
        (x,), (t,) = primals, tangents
        return app(g, x), 3.0 * t  # a deliberately "wrong" derivative: proves it is used

    np.testing.assert_allclose(fg.grad(lambda x: app(fnp.sin, x))(0.5), 3.0)
    np.testing.assert_allclose(fg.vmap(fg.grad(lambda x: app(fnp.sin, x)))(XS), 3.0 * np.ones(4))


def test_custom_jvp_pytrees_and_errors():
    @fg.custom_jvp
    def f(p):
        return {"s": p["a"] * p["b"]}

    @f.defjvp
    def f_jvp(primals, tangents):
        (p,), (t,) = primals, tangents
        return f(p), {"s": t["a"] * p["b"] + p["a"] * t["b"]}

    g = fg.grad(lambda p: f(p)["s"])({"a": 2.0, "b": 3.0})
    assert g == {"a": 3.0, "b": 2.0}

    @fg.custom_jvp
    def bad(x):
        return x

    bad.defjvp(lambda primals, tangents: primals[0])
    with pytest.raises(TypeError, match="must produce a pair"):
        fg.grad(bad)(1.0)
    with pytest.raises(AttributeError, match="No JVP defined"):
        fg.grad(fg.custom_jvp(fnp.sin))(1.0)


# ---------------------------------------------------------------------------
# custom_vjp: a fixed-point solver differentiated by the implicit function theorem
# ---------------------------------------------------------------------------

solver_calls = {"fwd": 0, "bwd": 0, "iterations": 0}


def fixed_point_iterate(f, a, x):
    for _ in range(60):
        x = f(a, x)
        solver_calls["iterations"] += 1
    return x


@partial(fg.custom_vjp, nondiff_argnums=(0,))
def fixed_point(f, a, x0):
    """x* with x* = f(a, x*), found by iteration."""
    return fixed_point_iterate(f, a, x0)


def fixed_point_fwd(f, a, x0):
    solver_calls["fwd"] += 1
    x = fixed_point_iterate(f, a, x0)
    return x, (a, x)


def fixed_point_bwd(f, res, g):
    # x* = f(a, x*)  =>  dx*/da = (I - df/dx)^-1 df/da. Solve w = g + (df/dx)^T w by iteration.
    solver_calls["bwd"] += 1
    a, x = res
    _, pull_a = fg.vjp(lambda a: f(a, x), a)
    _, pull_x = fg.vjp(lambda x: f(a, x), x)
    w = g
    for _ in range(60):
        w = g + pull_x(w)[0]
    return pull_a(w)[0], None


fixed_point.defvjp(fixed_point_fwd, fixed_point_bwd)


def newton_sqrt(a):
    return fixed_point(lambda a, x: 0.5 * (x + a / x), a, 1.0)


def test_fixed_point_gradient_by_implicit_function_theorem():
    before = dict(solver_calls)
    np.testing.assert_allclose(newton_sqrt(2.0), np.sqrt(2.0))
    np.testing.assert_allclose(fg.grad(newton_sqrt)(2.0), 0.5 / np.sqrt(2.0))
    assert solver_calls["fwd"] == before["fwd"] + 1
    assert solver_calls["bwd"] == before["bwd"] + 1
    # The iterations were not differentiated: only fwd ran them under grad (60 of them).
    assert solver_calls["iterations"] == before["iterations"] + 120


@pytest.mark.parametrize("transform", ["vmap_grad", "grad_vmap", "jit_grad", "grad_jit",
                                       "jacrev", "jacfwd", "hessian"])
def test_custom_vjp_under_every_transform(transform):
    a = np.array([1.0, 2.0, 9.0])
    expected = 0.5 / np.sqrt(a)
    out = {
        "vmap_grad": lambda: fg.vmap(fg.grad(newton_sqrt))(a),
        "grad_vmap": lambda: fg.grad(lambda a: fnp.sum(fg.vmap(newton_sqrt)(a)))(a),
        "jit_grad": lambda: np.array([fg.jit(fg.grad(newton_sqrt))(x) for x in a]),
        "grad_jit": lambda: np.array([fg.grad(fg.jit(newton_sqrt))(x) for x in a]),
        "jacrev": lambda: np.diag(fg.jacrev(newton_sqrt)(a)),
        "jacfwd": lambda: np.diag(fg.jacfwd(newton_sqrt)(a)),  # bwd transposed (not in JAX)
        "hessian": lambda: -2.0 * a * np.diag(fg.hessian(lambda a: fnp.sum(newton_sqrt(a)))(a)),
    }[transform]()
    np.testing.assert_allclose(out, expected, rtol=1e-10)


def test_custom_vjp_rule_result_is_used():
    @fg.custom_vjp
    def clip_gradient(x):
        return x

    clip_gradient.defvjp(lambda x: (x, None),
                         lambda res, g: (fnp.minimum(fnp.maximum(g, -1.0), 1.0),))
    np.testing.assert_allclose(fg.grad(lambda x: 5.0 * clip_gradient(x))(2.0), 1.0)
    np.testing.assert_allclose(
        fg.grad(lambda x: fnp.sum(fg.vmap(clip_gradient)(x) * np.array([0.5, 5.0])))(
            np.ones(2)), [0.5, 1.0])


def test_custom_vjp_bwd_with_the_wrong_structure():
    @fg.custom_vjp
    def f(x, y):
        return x * y

    f.defvjp(lambda x, y: (x * y, (x, y)), lambda res, g: g * res[1])  # not a tuple
    with pytest.raises(TypeError, match="one cotangent per"):
        fg.grad(f)(1.0, 2.0)
    f.defvjp(lambda x, y: (x * y, (x, y)), lambda res, g: (g * res[1],))  # one short
    with pytest.raises(TypeError, match="one cotangent per.*2 here.*length 1"):
        fg.grad(f)(1.0, 2.0)

    @fg.custom_vjp
    def h(p):
        return p["a"] * p["b"]

    h.defvjp(lambda p: (h(p), p), lambda p, g: ((g, g),))  # a tuple where a dict belongs
    with pytest.raises(TypeError, match="same container"):
        fg.grad(h)({"a": 1.0, "b": 2.0})
    h.defvjp(lambda p: (h(p), p), lambda p, g: ({"a": np.ones(3), "b": g},))
    with pytest.raises(ValueError, match="shape"):
        fg.grad(h)({"a": 1.0, "b": 2.0})


# ---------------------------------------------------------------------------
# stop_gradient
# ---------------------------------------------------------------------------

def test_stop_gradient_in_every_mode():
    f = lambda x: fnp.sum(x * fg.stop_gradient(x ** 2))
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(fg.grad(f)(x), x ** 2)
    np.testing.assert_allclose(fg.jvp(f, (x,), (np.ones(2),))[1], np.sum(x ** 2))
    np.testing.assert_allclose(fg.jacfwd(f)(x), x ** 2)
    np.testing.assert_allclose(fg.jit(fg.grad(f))(x), x ** 2)
    np.testing.assert_allclose(fg.grad(fg.jit(f))(x), x ** 2)
    np.testing.assert_allclose(fg.vmap(fg.grad(f))(np.stack([x, x])), np.stack([x, x]) ** 2)
    np.testing.assert_allclose(fg.grad(fg.grad(lambda x: x * fg.stop_gradient(x) ** 2))(3.0), 0.0)
    tree = fg.stop_gradient({"a": 1.0, "b": (np.ones(2),)})
    assert tree["a"] == 1.0
    g = fg.grad(lambda p: fnp.sum(fg.stop_gradient(p)["w"] * p["w"]))({"w": x})
    np.testing.assert_allclose(g["w"], x)


# ---------------------------------------------------------------------------
# Higher order through custom_vjp (reverse over reverse), and fwd calling f
# ---------------------------------------------------------------------------

def test_grad_of_grad_through_custom_vjp_pulls_residuals_back_through_fwd():
    @fg.custom_vjp
    def square(x):
        return x**2

    square.defvjp(lambda x: (x**2, x), lambda x, g: (2.0 * x * g,))
    assert fg.grad(fg.grad(square))(3.0) == 2.0
    assert fg.grad(fg.grad(fg.grad(square)))(3.0) == 0.0

    @fg.custom_vjp
    def scaled_sin(x):
        return fnp.sin(x)

    # A deliberately "wrong" rule (10x) shows the rule, not the function, is differentiated.
    scaled_sin.defvjp(lambda x: (fnp.sin(x), fnp.cos(x)), lambda c, g: (10 * c * g,))
    x = 0.7
    np.testing.assert_allclose(fg.grad(fg.grad(scaled_sin))(x), -10 * np.sin(x))
    np.testing.assert_allclose(fg.hessian(scaled_sin)(x), -10 * np.sin(x))


def test_fwd_may_call_the_function_itself_under_forward_mode():
    @fg.custom_vjp
    def f(x):
        return fnp.sin(x)

    f.defvjp(lambda x: (f(x), fnp.cos(x)), lambda c, g: (10 * c * g,))
    out, t = fg.jvp(f, (3.0,), (1.0,))
    np.testing.assert_allclose([out, t], [np.sin(3.0), 10 * np.cos(3.0)])
    np.testing.assert_allclose(fg.grad(fg.grad(f))(3.0), -10 * np.sin(3.0))


# ---------------------------------------------------------------------------
# custom_jvp calls its rule once and never the body under a transform (as JAX;
# counts recorded with jax 0.10.2 for each composition below)
# ---------------------------------------------------------------------------

counted = {"body": 0, "rule": 0}


@fg.custom_jvp
def counted_sin(x):
    counted["body"] += 1
    return fnp.sin(x)


@counted_sin.defjvp
def counted_sin_jvp(primals, tangents):
    counted["rule"] += 1
    (x,), (t,) = primals, tangents
    return fnp.sin(x), fnp.cos(x) * t


@pytest.mark.parametrize("run, expected", [
    (lambda: fg.grad(counted_sin)(1.0), np.cos(1.0)),
    (lambda: fg.value_and_grad(counted_sin)(1.0)[1], np.cos(1.0)),
    (lambda: fg.jvp(counted_sin, (1.0,), (1.0,))[1], np.cos(1.0)),
    (lambda: fg.vjp(counted_sin, 1.0)[1](1.0)[0], np.cos(1.0)),
    (lambda: fg.jit(fg.grad(counted_sin))(1.0), np.cos(1.0)),
    (lambda: fg.grad(fg.grad(counted_sin))(1.0), -np.sin(1.0)),
], ids=["grad", "value_and_grad", "jvp", "vjp", "jit_grad", "grad_grad"])
def test_custom_jvp_calls_the_rule_once(run, expected):
    counted.update(body=0, rule=0)
    np.testing.assert_allclose(run(), expected, rtol=1e-12)
    assert counted == {"body": 0, "rule": 1}
