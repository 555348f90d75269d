"""funcgrad.scipy.stats: every function of every distribution against SciPy's values, with
gradients in both modes with respect to every argument (x, loc, scale, shape parameters,
covariance), to second order where the pieces allow; float32 kept; jit."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats as sst
from scipy_cases import Case, constant, integers, run_case, simplex, spd, uniform

import funcgrad as fg
import funcgrad.scipy.stats as fst

anything = uniform(-2.0, 2.0)
positive = uniform(0.5, 3.0)
prob = uniform(0.1, 0.9)
loc = uniform(-1.0, 1.0)
scale = uniform(0.5, 2.0)


def method(dist, name, *fixed):
    return lambda m: lambda *xs: getattr(getattr(m, dist), name)(*xs, *fixed)


CASES: list[Case] = []


def add(dist, names, samplers, order=2, **kw):
    for name in names:
        CASES.append(Case(f"{dist}.{name}", method(dist, name), samplers, order=order,
                          covers=(f"{dist}.{name}",), **kw))


LOC_SCALE = ["logpdf", "pdf", "cdf", "logcdf", "sf", "logsf"]
add("norm", LOC_SCALE, [anything, loc, scale])
add("norm", ["ppf", "isf"], [prob, loc, scale])
add("expon", LOC_SCALE, [uniform(1.1, 3.0), loc, scale])
add("expon", ["ppf", "isf"], [prob, loc, scale])
add("laplace", LOC_SCALE, [uniform(1.1, 3.0), loc, scale])
add("laplace", LOC_SCALE, [uniform(-3.0, -1.1), loc, scale])
add("laplace", ["ppf", "isf"], [prob, loc, scale])
add("logistic", LOC_SCALE + ["ppf", "isf"], [prob, loc, scale])
add("cauchy", LOC_SCALE, [anything, loc, scale])
add("cauchy", ["ppf", "isf"], [prob, loc, scale])
add("uniform", LOC_SCALE, [uniform(0.3, 0.45), uniform(-0.1, 0.1), uniform(1.0, 1.5)])
add("uniform", ["ppf", "isf"], [prob, loc, scale])
add("t", ["logpdf", "pdf"], [anything, positive, loc, scale])
add("t", ["cdf", "logcdf", "sf", "logsf"], [anything, constant(3.5), loc, scale])
add("gamma", ["logpdf", "pdf"], [uniform(2.5, 4.0), positive, uniform(-0.5, 0.5), scale])
add("gamma", ["cdf", "logcdf", "sf", "logsf"], [uniform(2.5, 4.0), positive,
                                                 uniform(-0.5, 0.5), scale],
    order=1, atol=1e-4, rtol=1e-4)
add("chi2", ["logpdf", "pdf"], [uniform(2.5, 4.0), uniform(1.0, 5.0), uniform(-0.5, 0.5),
                                scale])
add("chi2", ["cdf", "logcdf", "sf", "logsf"], [uniform(2.5, 4.0), uniform(1.0, 5.0),
                                               uniform(-0.5, 0.5), scale],
    order=1, atol=1e-4, rtol=1e-4)
add("t", ["ppf", "isf"], [prob, constant(3.5), loc, scale])
add("gamma", ["ppf", "isf"], [prob, positive, loc, scale], order=1, atol=1e-4, rtol=1e-4)
add("gamma", ["ppf", "isf"], [prob, constant(2.5), loc, scale])
add("chi2", ["ppf", "isf"], [prob, uniform(1.0, 5.0), loc, scale], order=1, atol=1e-4,
    rtol=1e-4)
add("chi2", ["ppf", "isf"], [prob, constant(3.0), loc, scale])
add("beta", ["ppf"], [prob, constant(2.5), constant(1.5), loc, scale])
add("truncnorm", ["ppf"], [prob, uniform(-2.0, -1.0), uniform(1.0, 2.0), loc, scale],
    atol=1e-4, rtol=1e-4)
add("truncnorm", ["ppf"], [prob, uniform(0.5, 1.0), uniform(1.5, 2.0)], atol=1e-4, rtol=1e-4)
add("truncnorm", ["ppf"], [prob, uniform(6.0, 6.05), uniform(7.0, 8.0)], atol=1e-4, rtol=1e-4)
add("poisson", ["ppf"], [prob, positive], order=0)
add("binom", ["ppf"], [prob, constant(7.0), prob], order=0)
add("nbinom", ["ppf"], [prob, positive, prob], order=0)
add("geom", ["ppf"], [prob, prob], order=0)
add("beta", ["logpdf", "pdf"], [prob, positive, positive])
add("beta", ["cdf", "logcdf", "sf", "logsf"], [prob, constant(2.5), constant(1.5)])
add("truncnorm", LOC_SCALE, [uniform(-0.4, 0.4), uniform(-2.0, -1.0), uniform(1.0, 2.0),
                             uniform(-0.1, 0.1), uniform(0.9, 1.1)], atol=1e-4, rtol=1e-4)
add("truncnorm", ["logpdf", "cdf", "sf"], [uniform(6.1, 6.4), uniform(6.0, 6.05),
                                           uniform(7.0, 8.0)], atol=1e-4, rtol=1e-4)
add("poisson", ["logpmf", "pmf"], [integers(0, 6), positive])
add("poisson", ["cdf", "logcdf", "sf", "logsf"], [integers(0, 6), positive])
add("bernoulli", ["logpmf", "pmf", "cdf", "logcdf", "sf"], [integers(0, 2), prob])
add("bernoulli", ["logsf"], [integers(0, 1), prob])  # logsf(1) = -inf: no finite differences
add("bernoulli", ["ppf"], [prob, prob], order=0)
add("binom", ["logpmf", "pmf"], [integers(0, 5), constant(5.0), prob])
add("binom", ["cdf", "logcdf", "sf", "logsf"], [integers(0, 4), constant(5.0), prob])
add("nbinom", ["logpmf", "pmf"], [integers(0, 6), positive, prob])
add("nbinom", ["cdf", "logcdf", "sf", "logsf"], [integers(0, 6), constant(2.5), prob])
add("geom", ["logpmf", "pmf", "cdf", "logcdf", "sf", "logsf"], [integers(1, 6), prob])

CASES += [
    Case("multivariate_normal.logpdf", method("multivariate_normal", "logpdf"),
         [anything, loc, spd(3)], shapes=[(4, 3), (3,), ()],
         covers=("multivariate_normal.logpdf",), atol=1e-4, rtol=1e-4),
    Case("multivariate_normal.pdf", method("multivariate_normal", "pdf"),
         [anything, loc, spd(2)], shapes=[(2,), (2,), ()], covers=("multivariate_normal.pdf",)),
    Case("multivariate_normal.logpdf:diagonal", method("multivariate_normal", "logpdf"),
         [anything, loc, positive], shapes=[(3,), (3,), (3,)],
         covers=("multivariate_normal.logpdf",)),
    Case("dirichlet.logpdf", method("dirichlet", "logpdf"), [simplex(3), positive],
         shapes=[(), (3,)], covers=("dirichlet.logpdf",)),
    Case("dirichlet.logpdf:many", method("dirichlet", "logpdf"), [simplex(3), positive],
         shapes=[(4,), (3,)], covers=("dirichlet.logpdf",)),
    Case("dirichlet.pdf", method("dirichlet", "pdf"), [simplex(2), positive],
         shapes=[(), (2,)], covers=("dirichlet.pdf",)),
    Case("multinomial.logpmf", method("multinomial", "logpmf"),
         [constant([1.0, 2.0, 0.0]), constant(3.0), simplex(3)], shapes=[(), (), ()],
         covers=("multinomial.logpmf",)),
    Case("multinomial.pmf", method("multinomial", "pmf"),
         [constant([[1.0, 2.0, 0.0], [0.0, 0.0, 3.0]]), constant(3.0), simplex(3)],
         shapes=[(), (), ()], covers=("multinomial.pmf",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case):
    run_case(case, fst, sst)


def test_every_distribution_function_has_a_case():
    covered = {n for c in CASES for n in c.covers}
    public = {f"{d}.{n}" for d in fst.__all__ for n in getattr(fst, d).__all__}
    assert sorted(public - covered) == []


def test_covariance_gradient_matches_the_closed_form():
    rng = np.random.default_rng(0)
    x, mean = rng.standard_normal(3), rng.standard_normal(3)
    a = rng.standard_normal((3, 3))
    cov = a @ a.T + np.eye(3)
    g = fg.grad(fst.multivariate_normal.logpdf, argnums=2)(x, mean, cov)
    inv = np.linalg.inv(cov)
    r = inv @ (x - mean)
    np.testing.assert_allclose(g, -0.5 * (inv - np.outer(r, r)), rtol=1e-10)


def test_outside_the_support_the_log_density_is_minus_infinity_with_zero_gradient():
    assert fst.gamma.logpdf(-1.0, 2.0) == -np.inf
    assert fg.grad(fst.gamma.logpdf, argnums=1)(-1.0, 2.0) == 0.0
    assert fst.poisson.logpmf(1.5, 2.0) == -np.inf
    assert fst.dirichlet.logpdf(np.array([0.5, 0.6]), np.array([2.0, 2.0])) == -np.inf


def test_truncnorm_far_in_the_tail_is_finite():
    lp = fst.truncnorm.logpdf(40.5, 40.0, 41.0)
    np.testing.assert_allclose(lp, sst.truncnorm.logpdf(40.5, 40.0, 41.0), rtol=1e-8)
    assert np.all(np.isfinite(fg.grad(fst.truncnorm.logpdf, argnums=(0, 1, 2))(40.5, 40.0, 41.0)))


QUANTILE_EDGES = [("gamma", (2.5,)), ("chi2", (3.0,)), ("beta", (2.0, 3.0)), ("t", (3.5,)),
                  ("truncnorm", (-1.0, 2.0)), ("truncnorm", (0.5, 2.0)),
                  ("truncnorm", (-3.0, -1.0)), ("poisson", (3.0,)), ("binom", (10, 0.3)),
                  ("nbinom", (5, 0.5)), ("geom", (0.3,))]


@pytest.mark.parametrize("dist, shape", QUANTILE_EDGES, ids=[d for d, _ in QUANTILE_EDGES])
def test_quantiles_at_the_edges_as_scipy(dist, shape):
    q = np.array([0.0, 1e-12, 0.01, 0.5, 0.999, 1.0 - 1e-12, 1.0, 1.5, -0.5, np.nan])
    for name in ("ppf", "isf"):
        ours = getattr(getattr(fst, dist), name, None)
        if ours is not None:
            with np.errstate(all="ignore"):
                np.testing.assert_allclose(ours(q, *shape),
                                           getattr(getattr(sst, dist), name)(q, *shape),
                                           rtol=1e-9, err_msg=f"{dist}.{name}")


def test_quantile_derivatives_by_the_inverse_function_rule():
    # d ppf / dq = 1 / pdf(ppf(q)); a shape parameter by implicit differentiation.
    q = 0.3
    x = fst.gamma.ppf(q, 2.5)
    np.testing.assert_allclose(fg.grad(fst.gamma.ppf)(q, 2.5), 1 / sst.gamma.pdf(x, 2.5),
                               rtol=1e-10)
    da = fg.grad(fst.gamma.ppf, argnums=1)(q, 2.5)
    eps = 1e-6
    fd = (sst.gamma.ppf(q, 2.5 + eps) - sst.gamma.ppf(q, 2.5 - eps)) / (2 * eps)
    np.testing.assert_allclose(da, fd, rtol=1e-6)
    # second order in q: d2x/dq2 = -pdf'(x) / pdf(x)**3
    d2 = fg.grad(fg.grad(fst.t.ppf))(q, 3.5)
    g = fg.grad(fst.t.ppf)
    np.testing.assert_allclose(d2, (g(q + eps, 3.5) - g(q - eps, 3.5)) / (2 * eps), rtol=1e-6)
    with pytest.raises(NotImplementedError, match="betaincinv"):
        fg.grad(fst.beta.ppf, argnums=1)(q, 2.0, 3.0)
