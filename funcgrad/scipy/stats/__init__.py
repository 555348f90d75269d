"""funcgrad.scipy.stats: SciPy's distributions, differentiable in every argument
(anchors: ``scipy.stats`` for names, signatures and values; ``jax.scipy.stats`` and
``autograd.scipy.stats`` for the module layout: ``stats.norm.logpdf(x, loc, scale)``).

Each distribution is a module of functions (``pdf``/``logpdf`` or ``pmf``/``logpmf``,
``cdf``/``logcdf``, ``sf``/``logsf``, ``ppf`` where they have closed forms in
:mod:`funcgrad.scipy.special`), composed of differentiable pieces, so the
gradient with respect to ``x``, ``loc``, ``scale``, shape parameters and a
covariance matrix comes with them. Outside a distribution's support the log
density is ``-inf`` (zero derivative there). Values keep the inputs' float
dtype (SciPy computes in float64).

Examples
--------
>>> import funcgrad as fg
>>> import funcgrad.scipy.stats as stats
>>> fg.grad(stats.gamma.logpdf, argnums=1)(2.0, 3.0)   # log(x) - digamma(a)
array(-0.22963715)
"""

from __future__ import annotations

from . import (
    bernoulli,
    beta,
    binom,
    cauchy,
    chi2,
    dirichlet,
    expon,
    gamma,
    geom,
    laplace,
    logistic,
    multinomial,
    multivariate_normal,
    nbinom,
    norm,
    poisson,
    t,
    truncnorm,
    uniform,
)

__all__ = [
    "bernoulli", "beta", "binom", "cauchy", "chi2", "dirichlet", "expon", "gamma", "geom",
    "laplace", "logistic", "multinomial", "multivariate_normal", "nbinom", "norm", "poisson",
    "t", "truncnorm", "uniform",
]


# Parameters, Returns and See Also of each distribution (see funcgrad/scipy/_docs.py).
from .._docs import complete_scipy  # noqa: E402

for _name in __all__:
    complete_scipy(f"{__name__}.{_name}")
