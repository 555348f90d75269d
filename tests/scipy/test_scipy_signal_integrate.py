"""funcgrad.scipy.signal and funcgrad.scipy.integrate against SciPy's values, with
derivatives in both modes (signal, trapezoid: to second order) and odeint's adjoint
derivatives against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.integrate as si
import scipy.signal as ssig
from checks import check_grads
from scipy_cases import Case, run_case

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.scipy.integrate as fint
import funcgrad.scipy.signal as fsig
from funcgrad.experimental.ode import odeint as jax_odeint


def normal(*shape):
    def sample(_, rng, dtype=np.float64):
        return rng.standard_normal(shape).astype(dtype)

    return sample


SIGNAL_CASES = []
for _mode in ("full", "valid", "same"):
    for _name in ("convolve", "correlate"):
        for _sa, _sb in [((6,), (3,)), ((3,), (6,)), ((4, 5), (2, 3)), ((4, 4), (4, 4))]:
            SIGNAL_CASES.append(Case(
                f"{_name}:{_mode}-{_sa}-{_sb}",
                lambda m, n=_name, mode=_mode: lambda a, b: getattr(m, n)(a, b, mode=mode),
                [normal(*_sa), normal(*_sb)], shapes=[(), ()]))
    for _name in ("convolve2d", "correlate2d"):
        for _sa, _sb in [((5, 6), (2, 3)), ((4, 4), (3, 2))]:
            SIGNAL_CASES.append(Case(
                f"{_name}:{_mode}-{_sa}-{_sb}",
                lambda m, n=_name, mode=_mode: lambda a, b: getattr(m, n)(a, b, mode=mode),
                [normal(*_sa), normal(*_sb)], shapes=[(), ()]))


@pytest.mark.parametrize("case", SIGNAL_CASES, ids=[c.name for c in SIGNAL_CASES])
def test_signal(case):
    run_case(case, fsig, ssig)


def test_every_signal_name_has_a_case():
    assert set(fsig.__all__) <= {c.name.split(":")[0] for c in SIGNAL_CASES}


# autograd's convolve(A, B, axes=, dot_axes=) (its convnet example's extension); the
# shapes and axis order were compared with autograd 1.9 itself.
def test_autograd_axes_and_dot_axes_extension():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((4, 3, 5)), rng.standard_normal((3, 2, 6))
    out = fsig.convolve(a, b, axes=([2], [2]), dot_axes=([1], [0]), mode="valid")
    assert out.shape == (4, 2, 2)
    # The definition: sum over channels of SciPy's 1-D valid convolutions.
    ref = np.array([[[sum(ssig.convolve(a[n, c], b[c, k], mode="valid")[p] for c in range(3))
                      for p in range(2)] for k in range(2)] for n in range(4)])
    np.testing.assert_allclose(out, ref, rtol=1e-12)
    full = fsig.convolve(a, b, axes=([2, 0], [2, 1]), dot_axes=([1], [0]), mode="full")
    assert full.shape == (10, 5)  # autograd's shape: the convolved axes in the order given
    check_grads(lambda a, b: fsig.convolve(a, b, axes=([2, 0], [2, 1]), dot_axes=([1], [0])),
                (a, b), order=2)


def test_valid_mode_needs_one_operand_larger_in_every_dimension():
    with pytest.raises(ValueError, match="at least as large"):
        fsig.convolve(np.ones((3, 2)), np.ones((2, 3)), mode="valid")


# ---------------------------------------------------------------------------
# integrate
# ---------------------------------------------------------------------------

INTEGRATE_CASES = [
    Case("trapezoid", lambda m: lambda y: m.trapezoid(y), [normal(5)], shapes=[()]),
    Case("trapezoid:x", lambda m: lambda y, x: m.trapezoid(y, x), [normal(2, 5), normal(5)],
         shapes=[(), ()]),
    Case("trapezoid:axis", lambda m: lambda y: m.trapezoid(y, dx=0.5, axis=0),
         [normal(4, 3)], shapes=[()]),
]


@pytest.mark.parametrize("case", INTEGRATE_CASES, ids=[c.name for c in INTEGRATE_CASES])
def test_trapezoid(case):
    run_case(case, fint, si)


def _oscillator(y, t, a, b):
    return fnp.stack([a * y[1], -b * y[0] * fnp.sin(t)])


def test_odeint_values_are_scipys():
    y0, t = np.array([0.3, 1.0]), np.array([0.0, 0.5, 1.2, 2.0])
    ys = jax_odeint(_oscillator, y0, t, 1.3, 0.7)
    expected = si.odeint(lambda y, t: [1.3 * y[1], -0.7 * y[0] * np.sin(t)], y0, t,
                         rtol=1.4e-8, atol=1.4e-8)
    np.testing.assert_allclose(ys, expected, rtol=1e-12)


def test_odeint_adjoint_derivatives_in_every_argument():
    y0, t, a, b = np.array([0.3, 1.0]), np.array([0.0, 0.5, 1.2, 2.0]), 1.3, 0.7

    def loss(y0, t, a, b):
        return fnp.sum(jax_odeint(_oscillator, y0, t, a, b) ** 2)

    grads = fg.grad(loss, argnums=(0, 1, 2, 3))(y0, t, a, b)
    args = [y0, t, np.float64(a), np.float64(b)]
    for i, g in enumerate(grads):
        x = np.asarray(args[i], dtype=float)
        numeric = np.zeros(x.shape)
        for j in range(x.size):
            e = np.zeros(x.size)
            e[j] = 1e-6
            plus, minus = list(args), list(args)
            plus[i], minus[i] = x + e.reshape(x.shape), x - e.reshape(x.shape)
            numeric.flat[j] = (loss(*plus) - loss(*minus)) / 2e-6
        np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-6)


def test_odeint_pytrees_scipy_style_args_and_float32():
    out = fint.odeint(lambda y, t, k: {"u": -k * y["u"]}, {"u": np.ones(2, np.float32)},
                      np.array([0.0, 1.0]), args=(0.5,))
    assert out["u"].shape == (2, 2) and out["u"].dtype == np.float32
    np.testing.assert_allclose(out["u"][1], np.exp(-0.5), rtol=1e-6)
    g = fg.grad(lambda p: fnp.sum(jax_odeint(lambda y, t, p: -p["k"] * y, np.ones(2),
                                              np.array([0.0, 1.0]), p)[-1]))({"k": 0.5})
    np.testing.assert_allclose(g["k"], -2 * np.exp(-0.5), rtol=1e-6)


def test_odeint_scipy_signature_as_autograd_programs_call_it():
    # HIPS autograd's ode_net.py: odeint(func, y0, t, tuple((params,)), rtol=0.01), with
    # params a list of (W, b) pairs: the fourth argument is SciPy's args tuple.
    params = [(np.array([[0.5, -0.2], [0.1, 0.3]]), np.array([0.0, 0.1]))]

    def net(y, t, params):
        for w, b in params:
            y = fnp.tanh(y @ w + b)
        return y

    t = np.array([0.0, 0.5, 1.0])
    ys = fint.odeint(net, np.array([1.0, -1.0]), t, tuple((params,)), rtol=0.01)
    np.testing.assert_allclose(ys, jax_odeint(net, np.array([1.0, -1.0]), t, params,
                                              rtol=0.01), rtol=1e-7)
    g = fg.grad(lambda p: fnp.sum(fint.odeint(net, np.array([1.0, -1.0]), t, (p,))))(params)
    assert g[0][0].shape == (2, 2)
    with pytest.raises(TypeError, match="args must be a tuple.*experimental.ode"):
        fint.odeint(net, np.array([1.0, -1.0]), t, params)
    with pytest.raises(TypeError, match="leave \\['tfirst'\\] at SciPy's defaults"):
        fint.odeint(net, np.array([1.0, -1.0]), t, (params,), tfirst=True)


def test_odeint_says_what_it_cannot_differentiate():
    def solution(k):
        return jax_odeint(lambda y, t, k: -k * y, 1.0, np.array([0.0, 1.0]), k)[-1]

    with pytest.raises(TypeError, match="reverse mode"):
        fg.jvp(solution, (0.5,), (1.0,))
    with pytest.raises(TypeError, match="reverse mode"):
        fg.jacfwd(solution)(0.5)


def _pendulum(y, t, b, c):
    return fnp.stack([y[1], -b * y[1] - c * fnp.sin(y[0])])


def test_odeint_under_jit_and_vmap_as_jax_programs_use_it():
    """SciPy solves when the compiled program runs (one example at a time under vmap).
    References: jax 0.10.2's odeint (Dormand-Prince, JAX_ENABLE_X64=1); the solvers differ,
    so the values agree to about the tolerance."""
    y0 = np.array([np.pi - 0.1, 0.0])
    t = np.linspace(0.0, 3.0, 7)

    def loss(b, c):
        return fnp.sum(jax_odeint(_pendulum, y0, t, b, c)[-1] ** 2)

    got = fg.jit(fg.grad(loss, (0, 1)))(0.25, 5.0)
    np.testing.assert_allclose(got, [-7.803333270114517, 0.7890545830672084], rtol=1e-6)
    got = fg.jit(fg.vmap(lambda b: jax_odeint(_pendulum, y0, t, b, 5.0)[-1]))(
        np.array([0.1, 0.2, 0.3]))
    want = [[-2.3166977871888323, -0.13957480881831025],
            [-2.0019800326356108, 0.23667577782157773],
            [-1.7641068256831685, 0.39940625635708576]]
    np.testing.assert_allclose(got, want, atol=1e-5)


def test_odeint_jacrev_and_second_order_under_jit():
    # y = exp(-a t^2 / 2): dy/da = -t^2/2 y, d2y/da2 = t^4/4 y (at t = 1).
    t = np.array([0.0, 0.5, 1.0])

    def decay(y, t, a):
        return -a * y * t

    def last(a):
        return jax_odeint(decay, 1.0, t, a)[-1]

    np.testing.assert_allclose(fg.jit(fg.vmap(fg.grad(last)))(np.array([1.0, 2.0])),
                               -0.5 * np.exp(-0.5 * np.array([1.0, 2.0])), rtol=1e-6)
    np.testing.assert_allclose(fg.jit(fg.grad(fg.grad(last)))(2.0), 0.25 * np.exp(-1.0),
                               rtol=1e-6)
    jac = fg.jit(fg.jacrev(lambda y0: jax_odeint(decay, y0, t, 2.0)[-1]))(np.ones(2))
    np.testing.assert_allclose(jac, np.exp(-1.0) * np.eye(2), rtol=1e-6, atol=1e-12)


def test_odeint_second_order_reverse_mode_through_the_adjoint():
    # The adjoint ODE is solved by odeint, whose own adjoint gives grad of grad.
    t = np.array([0.0, 0.5, 1.0])

    def solution(k):
        return jax_odeint(lambda y, t, k: -k * y * y + fnp.sin(t), 1.0, t, k)[-1]

    g = fg.grad(solution)
    eps = 1e-5
    np.testing.assert_allclose(fg.grad(g)(0.5), (g(0.5 + eps) - g(0.5 - eps)) / (2 * eps),
                               rtol=1e-5)

    def two(y0, k):  # d2/dy0 dk, through a state-dependent right-hand side
        return jax_odeint(lambda y, t, k: -k * fnp.tanh(y), y0, t, k)[-1]

    mixed = fg.grad(fg.grad(two, argnums=0), argnums=1)(0.8, 1.3)
    d0 = fg.grad(two, argnums=0)
    np.testing.assert_allclose(mixed, (d0(0.8, 1.3 + eps) - d0(0.8, 1.3 - eps)) / (2 * eps),
                               rtol=1e-5)
