"""funcgrad.lax control flow beyond the table: vmap against a loop, jit against eager, an RNN
against finite differences, a fixed-point solver with custom_vjp, loops compiled as loops,
and the errors JAX gives."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax


def _rnn_loss(params, xs):
    w, u, b = params["w"], params["u"], params["b"]

    def step(h, x):
        h = fnp.tanh(w @ h + u * x + b)
        return h, fnp.sum(h ** 2)

    h, ys = lax.scan(step, fnp.zeros(2), xs)
    return fnp.sum(h) + fnp.sum(ys)


def _params(rng):
    return {"w": rng.normal(size=(2, 2)) * 0.5, "u": rng.normal(size=2), "b": rng.normal(size=2)}


# One row per control-flow construct: (name, function of one float array, argument shape).
FUNCTIONS = [
    ("cond", lambda x: lax.cond(fnp.sum(x) > 0, lambda y: fnp.sin(y) * y,
                                lambda y: fnp.cos(y) + y, x), (3,)),
    ("switch", lambda x: lax.switch(fnp.argmax(x), [fnp.sin, fnp.cos, fnp.tanh], x), (3,)),
    ("fori_loop", lambda x: lax.fori_loop(1, 5, lambda i, y: fnp.sin(y) * i, x), (3,)),
    ("scan", lambda x: lax.scan(lambda c, v: (c * 0.5 + fnp.sin(v), c * v), x[0], x)[1], (4,)),
    ("scan:pytree", lambda x: lax.scan(lambda c, v: ((c[0] + v, c[1] * v), {"y": c[0] - v}),
                                       (0.0, 1.0), x, reverse=True)[1]["y"], (4,)),
    ("map", lambda x: lax.map(lambda r: fnp.sum(fnp.exp(r)), x), (3, 2)),
    ("associative_scan", lambda x: lax.associative_scan(fnp.add, x), (5,)),
    ("rnn", lambda x: _rnn_loss(_params(np.random.default_rng(0)), x), (5,)),
]
DIFFERENTIABLE = [pytest.param(f, shape, id=name) for name, f, shape in FUNCTIONS]
WITH_WHILE = DIFFERENTIABLE + [pytest.param(
    lambda x: lax.while_loop(lambda c: c[0] < 3, lambda c: (c[0] + 1, fnp.sin(c[1]) + c[1]),
                             (0, x))[1], (3,), id="while_loop")]


@pytest.mark.parametrize("f, shape", WITH_WHILE)
def test_vmap_equals_a_loop(f, shape):
    xs = np.random.default_rng(1).normal(size=(3,) + shape)
    expected = np.stack([f(x) for x in xs])
    np.testing.assert_allclose(fg.vmap(f)(xs), expected, rtol=1e-12, atol=1e-12)
    # The batch axis elsewhere, and jit of vmap.
    np.testing.assert_allclose(fg.jit(fg.vmap(f, in_axes=1))(np.moveaxis(xs, 0, 1)), expected,
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("f, shape", WITH_WHILE)
def test_jit_equals_eager(f, shape):
    x = np.random.default_rng(2).normal(size=shape)
    np.testing.assert_allclose(fg.jit(f)(x), f(x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("f, shape", DIFFERENTIABLE)
def test_derivatives_both_modes_order_2_and_compiled(f, shape):
    x = np.random.default_rng(3).normal(size=shape)
    check_grads(f, [x], order=2, atol=1e-5, rtol=1e-5)

    def loss(x):
        return fnp.sum(f(x) ** 2)

    g = fg.grad(loss)(x)
    np.testing.assert_allclose(fg.jit(fg.grad(loss))(x), g, rtol=1e-10, atol=1e-12)
    xs = np.stack([x, 0.5 * x])
    np.testing.assert_allclose(fg.vmap(fg.grad(loss))(xs), np.stack([g, fg.grad(loss)(xs[1])]),
                               rtol=1e-10, atol=1e-12)


def test_rnn_gradient_against_finite_differences():
    rng = np.random.default_rng(4)
    params, xs = _params(rng), rng.normal(size=6)
    g = fg.grad(_rnn_loss)(params, xs)
    eps = 1e-6
    for key in params:
        flat = params[key].ravel()
        for k in range(flat.size):
            up = {**params, key: (flat + eps * (np.arange(flat.size) == k)).reshape(
                params[key].shape)}
            down = {**params, key: (flat - eps * (np.arange(flat.size) == k)).reshape(
                params[key].shape)}
            fd = (_rnn_loss(up, xs) - _rnn_loss(down, xs)) / (2 * eps)
            np.testing.assert_allclose(g[key].ravel()[k], fd, rtol=1e-6, atol=1e-8)


# The implicit-function pattern of JAX's custom derivatives tutorial.
def fixed_point(f, a, x_guess):
    def cond_fun(carry):
        x_prev, x = carry
        return fnp.abs(x_prev - x) > 1e-10

    def body_fun(carry):
        _, x = carry
        return x, f(a, x)

    _, x_star = lax.while_loop(cond_fun, body_fun, (x_guess, f(a, x_guess)))
    return x_star


fixed_point = fg.custom_vjp(fixed_point, nondiff_argnums=(0,))


def _fixed_point_fwd(f, a, x_init):
    x_star = fixed_point(f, a, x_init)
    return x_star, (a, x_star)


def _fixed_point_rev(f, res, x_star_bar):
    a, x_star = res
    _, vjp_a = fg.vjp(lambda a: f(a, x_star), a)
    a_bar, = vjp_a(fixed_point(_rev_iter, (a, x_star, x_star_bar), x_star_bar))
    return a_bar, fnp.zeros_like(x_star)


def _rev_iter(packed, u):
    a, x_star, x_star_bar = packed
    _, vjp_x = fg.vjp(lambda x: f_newton(a, x), x_star)
    return x_star_bar + vjp_x(u)[0]


def f_newton(a, x):
    return 0.5 * (x + a / x)


fixed_point.defvjp(_fixed_point_fwd, _fixed_point_rev)


def test_fixed_point_solver_with_custom_vjp():
    def my_sqrt(a):
        return fixed_point(f_newton, a, a)

    np.testing.assert_allclose(my_sqrt(2.0), np.sqrt(2.0), rtol=1e-12)
    np.testing.assert_allclose(fg.grad(my_sqrt)(2.0), 0.5 / np.sqrt(2.0), rtol=1e-8)
    np.testing.assert_allclose(fg.jit(fg.grad(my_sqrt))(3.0), 0.5 / np.sqrt(3.0), rtol=1e-8)


def test_while_loop_forward_mode_and_its_reverse_mode_error():
    def f(x):
        return lax.while_loop(lambda c: c[0] < 3, lambda c: (c[0] + 1, fnp.sin(c[1]) * x),
                              (0, x))[1]

    _, t = fg.jvp(f, (0.5,), (1.0,))
    np.testing.assert_allclose(t, (f(0.5 + 1e-6) - f(0.5 - 1e-6)) / 2e-6, rtol=1e-6)
    with pytest.raises(ValueError, match="Reverse-mode differentiation does not work for "
                                         "lax.while_loop or lax.fori_loop"):
        fg.grad(f)(0.5)


def test_fori_loop_with_traced_bounds_is_a_while_loop():
    def f(x, n):
        return lax.fori_loop(0, n, lambda i, y: y * x, 1.0)

    assert f(2.0, 3) == 8.0
    np.testing.assert_allclose(fg.jit(f)(2.0, np.int32(3)), 8.0)
    np.testing.assert_allclose(fg.jvp(lambda x: fg.jit(f)(x, np.int32(3)), (2.0,), (1.0,))[1],
                               12.0)
    with pytest.raises(ValueError, match="fori_loop with static start/stop"):
        fg.jit(fg.grad(f))(2.0, np.int32(3))


def test_batched_while_predicate_runs_until_every_example_stops():
    def count(x):
        return lax.while_loop(lambda c: c[1] < 10.0, lambda c: (c[0] + 1, c[1] * 2.0), (0, x))

    n, v = fg.vmap(count)(np.array([1.0, 3.0, 20.0]))
    np.testing.assert_array_equal(n, [4, 2, 0])
    np.testing.assert_array_equal(v, [16.0, 12.0, 20.0])


def test_batched_cond_predicate_selects_both_branches():
    f = fg.vmap(lambda x: lax.cond(x > 0, lambda y: y * 2.0, lambda y: -y, x))
    np.testing.assert_array_equal(f(np.array([-1.0, 2.0])), [1.0, 4.0])
    np.testing.assert_array_equal(fg.vmap(fg.grad(lambda x: lax.cond(
        x > 0, lambda y: y ** 2, lambda y: -y, x)))(np.array([-1.0, 2.0])), [-1.0, 4.0])


def test_bodies_are_traced_once():
    calls = []

    def body(c, x):
        calls.append(1)
        return c + x, c

    lax.scan(body, 0.0, np.arange(100.0))
    assert len(calls) == 1


def test_jit_writes_loops_whose_size_does_not_grow_with_the_trip_count():
    def f(x, n):
        return lax.fori_loop(0, n, lambda i, y: fnp.sin(y) * 1.01, x)

    short = fg.make_source(fg.grad(f), static_argnums=1)(0.3, 10)
    long = fg.make_source(fg.grad(f), static_argnums=1)(0.3, 100_000)
    assert "for " in long
    assert len(long.splitlines()) == len(short.splitlines())
    np.testing.assert_allclose(fg.jit(fg.grad(f), static_argnums=1)(0.3, 7),
                               fg.grad(f)(0.3, 7), rtol=1e-12)


def test_scan_length_and_xs_none():
    carry, ys = lax.scan(lambda c, _: (c + 1, c * 2), 0, None, length=3)
    assert int(carry) == 3
    np.testing.assert_array_equal(ys, [0, 2, 4])


def test_python_float_carries_take_the_body_dtype():
    xs = np.ones(3, np.float32)
    carry, _ = lax.scan(lambda c, x: (c * x, None), 1.0, xs)
    assert carry.dtype == np.float32
    assert lax.fori_loop(0, 3, lambda i, x: x + 1.0, 0.0).dtype == np.float64


def test_checkpoint_inside_a_scan_body():
    def loss(w, xs):
        step = fg.checkpoint(lambda c, x: ((fnp.sin(c[0] * c[1] + x), c[1]), None))
        return lax.scan(step, (0.5, w), xs)[0][0]

    xs = np.linspace(0.0, 1.0, 6)
    g = fg.grad(loss)(0.7, xs)
    fd = (loss(0.7 + 1e-6, xs) - loss(0.7 - 1e-6, xs)) / 2e-6
    np.testing.assert_allclose(g, fd, rtol=1e-6)


# ---------------------------------------------------------------------------
# Errors, with JAX's meaning
# ---------------------------------------------------------------------------

def test_carry_type_mismatch_names_both_types():
    with pytest.raises(TypeError, match=r"body_fun output and input must have identical "
                                        r"types[\s\S]*f64\[\][\s\S]*f64\[2\]"):
        lax.while_loop(lambda c: c < 3, lambda c: fnp.ones(2) * c, 0.0)
    with pytest.raises(TypeError, match="same type structure"):
        lax.while_loop(lambda c: c < 3, lambda c: (c, c), 0.0)
    with pytest.raises(TypeError, match=r"carry output and input must have identical types"):
        lax.scan(lambda c, x: (fnp.stack([c, x]), x), 0.0, np.ones(3))
    with pytest.raises(TypeError, match=r"carry input and carry output must have the same"):
        lax.scan(lambda c, x: ((c,), x), 0.0, np.ones(3))


def test_cond_branch_output_mismatch():
    with pytest.raises(TypeError, match="false_fun and true_fun output must have identical"):
        lax.cond(True, lambda x: x, lambda x: fnp.stack([x, x]), 1.0)
    with pytest.raises(TypeError, match="false_fun and true_fun output must have same type "
                                        "structure"):
        lax.cond(True, lambda x: (x, x), lambda x: x, 1.0)


def test_predicate_must_be_a_scalar_boolean_or_number():
    with pytest.raises(TypeError, match=r"Pred must be a scalar, got \(2,\) shaped"):
        lax.cond(np.array([True, False]), lambda x: x, lambda x: x, 1.0)
    with pytest.raises(TypeError, match="Pred type must be either boolean or number"):
        lax.cond(np.array(1 + 2j), lambda x: x, lambda x: x, 1.0)
    with pytest.raises(TypeError, match="cond_fun must return a boolean scalar"):
        lax.while_loop(lambda c: c, lambda c: c + 1.0, 0.0)


def test_scan_length_errors():
    with pytest.raises(ValueError, match="no values to scan over and `length` not provided"):
        lax.scan(lambda c, x: (c, x), 0.0, None)
    with pytest.raises(ValueError, match="disagrees with leading axis sizes"):
        lax.scan(lambda c, x: (c, x), 0.0, np.ones(3), length=4)


def test_checkpoint_closing_over_traced_values_inside_a_scan():
    def loss(w, xs):
        step = fg.checkpoint(lambda c, x: (fnp.sin(c * w + x), None))
        return lax.scan(step, 0.5, xs)[0]

    xs = np.linspace(0.0, 1.0, 6)
    fd = (loss(0.7 + 1e-6, xs) - loss(0.7 - 1e-6, xs)) / 2e-6
    np.testing.assert_allclose(fg.grad(loss)(0.7, xs), fd, rtol=1e-6)
    np.testing.assert_allclose(fg.jit(fg.grad(loss))(0.7, xs), fd, rtol=1e-6)
    # The backward loop recomputes sin's argument; the forward loop stores only the carry.
    source = fg.make_source(fg.grad(loss))(0.7, xs)
    assert source.count("np.empty(") == 1
    assert "np.cos(" in source


# tanh_count: tanh equations in the staged gradient (the forward pass's, outside a
# checkpoint equation, plus any recomputation); a saved tanh is not computed again.
@pytest.mark.parametrize("policy, tanh_count", [
    (None, 1), ("nothing_saveable", 1), ("everything_saveable", 1), ("dots_saveable", 2),
    ("dots_with_no_batch_dims_saveable", 2), (("save_only_these_names", "t"), 2),
    (("save_any_names_but_these", "t"), 2),
])
def test_checkpoint_policies(policy, tanh_count):
    from funcgrad.ad_checkpoint import checkpoint_name

    if isinstance(policy, tuple):
        policy = getattr(fg.checkpoint_policies, policy[0])(policy[1])
    elif policy is not None:
        policy = getattr(fg.checkpoint_policies, policy)
    w = np.random.default_rng(5).normal(size=(3, 3))

    def block(x):
        return checkpoint_name(fnp.tanh(w @ fnp.sin(x)), "t") * 2.0

    def loss(x):
        return fnp.sum(fg.checkpoint(block, policy=policy)(x) ** 2)

    x = np.linspace(0.1, 0.5, 3)
    expected = fg.grad(lambda x: fnp.sum(block(x) ** 2))(x)
    np.testing.assert_allclose(fg.grad(loss)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(fg.jit(fg.grad(loss))(x), expected, rtol=1e-12)
    check_grads(loss, [x], order=2)
    staged = str(fg.make_ir(fg.grad(loss))(x))
    assert staged.count("= tanh") == tanh_count
    # Nothing saved: the forward pass is one checkpoint equation, recomputed once.
    recomputed = policy in (None, fg.checkpoint_policies.nothing_saveable)
    assert ("= checkpoint[" in staged) == recomputed

    def scanned(x):
        return lax.scan(lambda c, _: (fnp.sin(c) * loss(c), None), x, None, length=2)[0][0]

    check_grads(scanned, [x], order=1)


def test_print_saved_residuals_as_in_jax_gradient_checkpointing_guide(capsys):
    from funcgrad.ad_checkpoint import checkpoint_name, print_saved_residuals

    def g(w, x):
        return fnp.sin(fnp.dot(w, x))

    def f(w1, w2, w3, x):
        return g(w3, g(w2, g(w1, x)))

    def f2(w1, w2, w3, x):
        return fg.checkpoint(g)(w3, fg.checkpoint(g)(w2, fg.checkpoint(g)(w1, x)))

    def f4(w1, w2, w3, x):
        x = checkpoint_name(g(w1, x), name="a")
        x = checkpoint_name(g(w2, x), name="b")
        return checkpoint_name(g(w3, x), name="c")

    args = np.ones((5, 4)), np.ones((6, 5)), np.ones((7, 6)), np.ones(4)
    head = ["f64[5,4] from the argument w1", "f64[6,5] from the argument w2",
            "f64[7,6] from the argument w3", "f64[4] from the argument x"]
    # The lines JAX prints (without its source locations; its dot_general is our matmul).
    expected = {
        f: head + ["f64[5] output of sin", "f64[5] output of cos", "f64[6] output of sin",
                   "f64[6] output of cos", "f64[7] output of cos"],
        f2: head + ["f64[5] output of sin", "f64[6] output of sin"],
        fg.checkpoint(f, policy=fg.checkpoint_policies.dots_with_no_batch_dims_saveable):
            head + ["f64[5] output of matmul", "f64[6] output of matmul",
                    "f64[7] output of matmul"],
        fg.checkpoint(f4, policy=fg.checkpoint_policies.save_only_these_names("a")):
            head + ["f64[5] named 'a'"],
    }
    for fun, lines in expected.items():
        print_saved_residuals(fun, *args)
        assert capsys.readouterr().out.splitlines() == lines


def test_traced_integer_indices_in_loop_bodies():
    xs = fnp.arange(1.0, 6.0)

    def total(xs):
        return lax.fori_loop(0, 5, lambda i, acc: acc + xs[i] ** 2, 0.0)

    def doubling(xs):
        return lax.fori_loop(0, 4, lambda i, y: y.at[i + 1].set(y[i] * 2.0), xs)

    assert total(xs) == 55.0
    np.testing.assert_array_equal(fg.grad(total)(xs), 2 * np.asarray(xs))
    np.testing.assert_array_equal(fg.jit(fg.grad(total))(xs), 2 * np.asarray(xs))
    np.testing.assert_array_equal(doubling(xs), [1.0, 2.0, 4.0, 8.0, 16.0])
    np.testing.assert_array_equal(fg.jit(doubling)(xs), [1.0, 2.0, 4.0, 8.0, 16.0])
    np.testing.assert_array_equal(fg.grad(lambda x: fnp.sum(doubling(x)))(xs), [31, 0, 0, 0, 0])
    check_grads(lambda x: lax.fori_loop(0, 3, lambda i, y: y.at[i].multiply(y[-1 - i]), x),
                [np.linspace(0.5, 1.5, 4)], order=2)
    # Batched arrays, and batched indices.
    m = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(fg.vmap(lambda x, k: x[k])(m, np.array([2, 0])), [2.0, 3.0])
    np.testing.assert_array_equal(fg.vmap(lambda x, k: x.at[k].add(9.0))(m, np.array([2, 0])),
                                  [[0.0, 1.0, 11.0], [12.0, 4.0, 5.0]])
    np.testing.assert_array_equal(
        fg.grad(lambda x: fnp.sum(fg.vmap(lambda v, k: v[k] * v[0])(x, np.array([2, 1]))))(m),
        [[2.0, 0.0, 0.0], [4.0, 3.0, 0.0]])
