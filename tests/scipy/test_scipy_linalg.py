"""funcgrad.scipy.linalg: every public name against SciPy's values, both modes against finite
differences (to second order), float32 kept, jit. Decompositions are checked through
gauge-invariant functions of their factors where the factors are unique only up to signs."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
from scipy_cases import Case, run_case, spd, uniform

import funcgrad as fg
import funcgrad.scipy.linalg as fla


def general(n, m=None):
    m = n if m is None else m

    def sample(shape, rng, dtype=np.float64):
        return (rng.standard_normal((n, m)) + (3 * np.eye(n, m) if n == m else 0)).astype(dtype)

    return sample


def lower_triangular(n):
    def sample(shape, rng, dtype=np.float64):
        return (np.tril(rng.standard_normal((n, n))) + 3 * np.eye(n)).astype(dtype)

    return sample


def upper_triangular(n):
    def sample(shape, rng, dtype=np.float64):
        return (np.triu(rng.standard_normal((n, n))) + 3 * np.eye(n)).astype(dtype)

    return sample


def small(n):
    def sample(shape, rng, dtype=np.float64):
        return (0.5 * rng.standard_normal((n, n))).astype(dtype)

    return sample


vector = uniform(-2.0, 2.0)


def matrix(n, k):
    def sample(shape, rng, dtype=np.float64):
        return rng.standard_normal((n, k)).astype(dtype)

    return sample


CASES: list[Case] = []
for _trans in (0, 1, 2, "T"):
    for _unit in (False, True):
        CASES.append(Case(
            f"solve_triangular:lower-{_trans}-{_unit}",
            lambda m, t=_trans, u=_unit: lambda a, b: m.solve_triangular(
                a, b, lower=True, trans=t, unit_diagonal=u),
            [lower_triangular(3), matrix(3, 2)]))
CASES += [
    Case("solve_triangular:upper-vector", lambda m: lambda a, b: m.solve_triangular(a, b),
         [upper_triangular(3), vector], shapes=[(), (3,)]),
    Case("cholesky", lambda m: lambda a: m.cholesky(a), [spd(3)]),
    Case("cholesky:lower", lambda m: lambda a: m.cholesky(a, lower=True), [spd(3)]),
    Case("cho_factor", lambda m: lambda a: np.triu(m.cho_factor(a)[0]) if m is sla
         else m.cho_factor(a)[0], [spd(3)]),
    Case("cho_solve", lambda m: lambda a, b: m.cho_solve(m.cho_factor(a), b),
         [spd(3), matrix(3, 2)]),
    Case("cho_solve:lower", lambda m: lambda a, b: m.cho_solve(m.cho_factor(a, lower=True), b),
         [spd(3), vector], shapes=[(), (3,)]),
    Case("lu", lambda m: lambda a: m.lu(a)[1:], [general(4)]),
    Case("lu:permute_l", lambda m: lambda a: m.lu(a, permute_l=True), [general(4)]),
    Case("lu_factor", lambda m: lambda a: m.lu_factor(a)[0], [general(4)]),
    Case("lu_solve", lambda m: lambda a, b: m.lu_solve(m.lu_factor(a), b),
         [general(4), matrix(4, 2)]),
    Case("lu_solve:trans", lambda m: lambda a, b: m.lu_solve(m.lu_factor(a), b, trans=1),
         [general(4), vector], shapes=[(), (4,)]),
    Case("expm", lambda m: lambda a: m.expm(a), [small(3)]),
    Case("sqrtm", lambda m: lambda a: m.sqrtm(a), [spd(3)], atol=1e-4, rtol=1e-4),
    Case("inv", lambda m: lambda a: m.inv(a), [general(3)]),
    Case("det", lambda m: lambda a: m.det(a), [general(3)]),
    Case("solve", lambda m: lambda a, b: m.solve(a, b), [general(3), vector], shapes=[(), (3,)]),
    Case("solve:transposed", lambda m: lambda a, b: m.solve(a, b, transposed=True),
         [general(3), matrix(3, 2)]),
    Case("eigh", lambda m: lambda a: m.eigh(a, eigvals_only=True), [spd(3)]),
    Case("eigh:vectors", lambda m: lambda a: (lambda v: v * m.eigh(a)[1][0] / abs(v[0]))(
        m.eigh(a)[1]) if m is not sla else np.abs(sla.eigh(a)[1][0]) * sla.eigh(a)[1] /
        sla.eigh(a)[1][0], [spd(3)], float32=False, atol=1e-4, rtol=1e-4),
    Case("eigh:generalized", lambda m: lambda a, b: m.eigh(a, b, eigvals_only=True),
         [spd(3), spd(3)], atol=1e-4, rtol=1e-4),
    Case("svd", lambda m: lambda a: m.svd(a, compute_uv=False), [general(3, 2)]),
    Case("qr", lambda m: lambda a: np.abs(m.qr(a, mode="r")[0]) if m is sla
         else m.qr(a, mode="r")[0] * np.sign(np.diagonal(m.qr(a, mode="r")[0]))[:, None],
         [general(3)], order=0, float32=False),
    Case("block_diag", lambda m: lambda a, b: m.block_diag(a, b, 2.0),
         [general(2), matrix(1, 3)]),
    Case("toeplitz", lambda m: lambda c, r: m.toeplitz(c, r), [vector, vector],
         shapes=[(3,), (4,)]),
    Case("toeplitz:symmetric", lambda m: lambda c: m.toeplitz(c), [vector]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case):
    run_case(case, fla, sla)


def test_every_public_name_has_a_case():
    covered = {n for c in CASES for n in c.covers}
    assert sorted(set(fla.__all__) - covered) == []


def test_qr_full_and_economic_reconstruct():
    a = np.random.default_rng(0).standard_normal((4, 3))
    for mode, shape in [("full", (4, 4)), ("economic", (4, 3))]:
        q, r = fla.qr(a, mode=mode)
        assert q.shape == shape
        np.testing.assert_allclose(q @ r, a, atol=1e-12)
    g = fg.grad(lambda a: (fla.qr(a, mode="economic")[1] ** 2).sum())(a)
    np.testing.assert_allclose(g, 2 * a, atol=1e-10)  # sum(R**2) = sum(A**2)


def test_expm_derivative_is_the_frechet_derivative():
    rng = np.random.default_rng(1)
    a, e = 0.5 * rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    _, tangent = fg.jvp(fla.expm, (a,), (e,))
    np.testing.assert_allclose(tangent, sla.expm_frechet(a, e, compute_expm=False), rtol=1e-10)


def test_solve_triangular_reads_one_triangle():
    a = np.array([[2.0, 100.0], [1.0, 4.0]])
    g = fg.grad(lambda a: fla.solve_triangular(a, np.array([2.0, 9.0]), lower=True).sum())(a)
    assert g[0, 1] == 0.0


def test_bad_arguments_say_what_to_do():
    with pytest.raises(ValueError, match="trans"):
        fla.solve_triangular(np.eye(2), np.ones(2), trans=3)
    with pytest.raises(NotImplementedError, match="pivoting=False"):
        fla.qr(np.eye(2), pivoting=True)
