"""linearize against jvp; checkpoint's memory and gradients; Jacobians as one batched pass."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core.primitive import Primitive, defderivative

rng = np.random.default_rng(2)


def r(*shape):
    return rng.uniform(-2, 2, shape)


# ---------------------------------------------------------------------------
# linearize
# ---------------------------------------------------------------------------

counted = {"n": 0}


def _counted_sin(x):
    counted["n"] += 1
    return np.sin(x)


counted_sin_p = Primitive("test_counted_sin", _counted_sin)
defderivative(counted_sin_p, lambda ans, x: fnp.cos(x))


def heavy(x, y):
    h = counted_sin_p.bind(x) * fnp.exp(y[0]) + x ** 3
    return {"a": fnp.sum(h * y[1]), "b": (h @ np.ones((3, 2)), y[0] * 2.0)}


def test_linearize_matches_jvp_and_does_no_nonlinear_work():
    x, y = r(4, 3), (r(3), r(4, 3))
    out, f_jvp = fg.linearize(heavy, x, y)
    expected = heavy(x, y)
    np.testing.assert_allclose(out["a"], expected["a"])
    before = counted["n"]
    for _ in range(3):
        tx, ty = r(4, 3), (r(3), r(4, 3))
        t_out = f_jvp(tx, ty)
        _, t_expected = fg.jvp(heavy, (x, y), (tx, ty))
        np.testing.assert_allclose(t_out["a"], t_expected["a"])
        np.testing.assert_allclose(t_out["b"][0], t_expected["b"][0])
        np.testing.assert_allclose(t_out["b"][1], t_expected["b"][1])
    # jvp ran the primitive three times; f_jvp never did.
    assert counted["n"] == before + 3
    assert "test_counted_sin" not in str(f_jvp.ir)


def test_linearize_composes():
    f = lambda x: fnp.sum(fnp.sin(x) * fnp.exp(x)) * x
    x, t = r(3), r(3)
    _, f_jvp = fg.linearize(f, x)
    np.testing.assert_allclose(fg.vmap(f_jvp)(np.eye(3)).T, fg.jacfwd(f)(x))
    np.testing.assert_allclose(fg.jit(f_jvp)(t), f_jvp(t))
    # grad through linearize differentiates the primal-dependent constants.
    g = fg.grad(lambda x: fnp.sum(fg.linearize(f, x)[1](t)))(x)
    g2 = fg.grad(lambda x: fnp.sum(fg.jvp(f, (x,), (t,))[1]))(x)
    np.testing.assert_allclose(g, g2)


def test_linearize_errors():
    _, f_jvp = fg.linearize(fnp.sin, r(3))
    with pytest.raises(ValueError, match="shape"):
        f_jvp(r(4))
    with pytest.raises(TypeError, match="structure"):
        f_jvp(r(3), r(3))


# ---------------------------------------------------------------------------
# checkpoint
# ---------------------------------------------------------------------------

def block(x):
    for _ in range(10):
        x = fnp.sin(x) * 1.01
    return x


def chain(x, use_checkpoint):
    step = fg.checkpoint(block) if use_checkpoint else block
    for _ in range(10):
        x = step(x)
    return fnp.sum(x)


def peak_bytes(f, x):
    tracemalloc.start()
    try:
        g = f(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, g


def test_checkpoint_lowers_peak_memory_and_keeps_the_gradient():
    x = rng.uniform(-1, 1, 20_000)  # 160 kB per intermediate; the chain has 200 of them
    plain_peak, plain = peak_bytes(fg.grad(lambda x: chain(x, False)), x)
    ckpt_peak, ckpt = peak_bytes(fg.grad(lambda x: chain(x, True)), x)
    np.testing.assert_allclose(ckpt, plain, rtol=1e-12)
    assert ckpt_peak < 0.4 * plain_peak, (ckpt_peak, plain_peak)


def test_checkpoint_under_other_transforms():
    x = r(4)
    f = lambda x: chain(x, True)
    g = lambda x: chain(x, False)
    np.testing.assert_allclose(fg.jvp(f, (x,), (x,))[1], fg.jvp(g, (x,), (x,))[1])
    xs = r(2, 4)
    np.testing.assert_allclose(fg.vmap(fg.grad(f))(xs), fg.vmap(fg.grad(g))(xs))
    np.testing.assert_allclose(fg.jit(fg.grad(f))(x), fg.grad(g)(x))
    np.testing.assert_allclose(fg.grad(fg.jit(f))(x), fg.grad(g)(x))
    h = lambda x: fnp.sum(fg.remat(lambda y: fnp.sin(y) ** 2)(x))
    np.testing.assert_allclose(fg.hessian(h)(x), np.diag(2 * np.cos(2 * x)))
    np.testing.assert_allclose(fg.grad(fg.grad(lambda s: h(s * np.ones(2))))(0.3),
                               2 * 2 * np.cos(0.6) * 2 / 2)


# ---------------------------------------------------------------------------
# Jacobians: one batched pass
# ---------------------------------------------------------------------------

def test_jacobians_evaluate_the_function_once():
    calls = []

    def f(x, y):
        calls.append(1)
        return {"p": fnp.sin(x) * y[0], "q": fnp.sum(x * y[1])}

    x, y = r(3), (r(3), r(3))
    jr = fg.jacrev(f, argnums=(0, 1))(x, y)
    assert len(calls) == 1
    jf = fg.jacfwd(f, argnums=(0, 1))(x, y)
    assert len(calls) == 2
    for key in ("p", "q"):
        np.testing.assert_allclose(jr[key][0], jf[key][0])
        np.testing.assert_allclose(jr[key][1][0], jf[key][1][0])
        np.testing.assert_allclose(jr[key][1][1], jf[key][1][1])
    np.testing.assert_allclose(jr["p"][0], np.diag(np.cos(x) * y[0]))
    np.testing.assert_allclose(jr["q"][1][1], x)


def test_hessian_matches_closed_form():
    A = r(3, 3)
    A = A + A.T
    f = lambda x: 0.5 * x @ (A @ x) + fnp.sum(x ** 3)
    x = r(3)
    np.testing.assert_allclose(fg.hessian(f)(x), A + np.diag(6 * x), atol=1e-12)
