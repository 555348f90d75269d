"""gamma, loggamma, beta, dirichlet and chisquare draws are differentiable in their shape
parameters by JAX's implicit reparameterisation gradient; the numbers were recorded with
JAX 0.10.2 (jax_enable_x64) for the same keys."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import random

KEY = random.key(0)
A = np.array([0.3, 1.5, 4.0])
W = np.array([0.1, 0.5, 0.2])

CASES = [
    ("gamma", lambda a: fnp.sum(random.gamma(KEY, a)), A,
     [0.23441132895034092, 0.7546846789538121, 1.312343629146448]),
    ("gamma:shape", lambda a: fnp.sum(random.gamma(KEY, a, (3,))), 1.5, 3.155910994754255),
    ("loggamma", lambda a: fnp.sum(random.loggamma(KEY, a)), A,
     [13.048473374250932, 1.0421274860820102, 0.2031036766797107]),
    ("beta:a", lambda a: fnp.sum(random.beta(KEY, a, 2.0)), A,
     [0.3998278641544203, 0.11360774030081125, 0.014491127371088517]),
    ("beta:b", lambda b: fnp.sum(random.beta(KEY, 2.0, b)), A,
     [-0.5424877517459661, -0.15039091980078148, -0.09022578709274738]),
    ("dirichlet", lambda al: fnp.sum(random.dirichlet(KEY, al) * W), A,
     [-0.004227377390118845, 0.028296045712149748, -0.005448909562725933]),
    ("chisquare", lambda d: fnp.sum(random.chisquare(KEY, d, (2,))), 3.0, 1.6105453703066974),
]


@pytest.mark.parametrize("f, x, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_implicit_reparameterisation_gradient_as_jax(f, x, expected):
    np.testing.assert_allclose(fg.grad(f)(x), expected, rtol=1e-12)
    np.testing.assert_allclose(fg.jit(fg.grad(f))(x), expected, rtol=1e-12)


def test_forward_mode_float32_and_vmap():
    _, t = fg.jvp(lambda a: random.gamma(KEY, a), (A,), (np.ones(3),))
    np.testing.assert_allclose(t, [0.23441132895034092, 0.7546846789538121, 1.312343629146448],
                               rtol=1e-12)
    g32 = fg.grad(lambda a: fnp.sum(random.gamma(KEY, a, dtype=np.float32)))(A.astype(np.float32))
    assert g32.dtype == np.float32
    np.testing.assert_allclose(g32, [2.2258236408233643, 1.0139238834381104, 0.8731967806816101],
                               rtol=2e-6)
    keys = random.split(KEY, 3)
    per_key = fg.vmap(fg.grad(lambda a, k: fnp.sum(random.gamma(k, a))), in_axes=(None, 0))
    loop = [fg.grad(lambda a, k=k: fnp.sum(random.gamma(k, a)))(A) for k in keys]
    np.testing.assert_allclose(per_key(A, keys), np.stack(loop), rtol=1e-12)


def test_the_gradient_moves_the_draw_along_its_quantile():
    # At fixed noise the draw is the gamma quantile of a fixed uniform u = P(a, x), so
    # dx/da is the quantile's derivative in a at that u.
    from scipy import special

    x = random.gamma(KEY, A)
    u = special.gammainc(A, x)
    eps = 1e-6
    fd = (special.gammaincinv(A + eps, u) - special.gammaincinv(A - eps, u)) / (2 * eps)
    np.testing.assert_allclose(fg.grad(lambda a: fnp.sum(random.gamma(KEY, a)))(A), fd,
                               rtol=1e-6)
