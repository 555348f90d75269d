"""The gamma distribution with shape ``a`` (density ``y**(a-1) exp(-y) / (Gamma(a) scale)``),
as ``scipy.stats.gamma``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import gamma
>>> fg.grad(gamma.logpdf, argnums=(0, 1))(2.0, 3.0)
(array(0.), array(-0.22963715))
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, a, loc=0, scale=1):
    """``(a-1) log(y) - y - gammaln(a) - log(scale)`` on ``y >= 0``, ``-inf`` below.

    Examples
    --------
    >>> logpdf(1.0, 1.0)
    array(-1.)
    """
    y, log_scale = standardize(x, loc, scale)
    (a,) = promote(a)
    safe = fnp.where(fnp.greater_equal(y, 0), y, 1.0)  # no log(0) off the support
    return inside(fnp.greater_equal(y, 0),
                  special.xlogy(a - 1, safe) - safe - special.gammaln(a) - log_scale)


def pdf(x, a, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(1.0, 2.0)
    np.float64(0.36787944117144233)
    """
    return fnp.exp(logpdf(x, a, loc, scale))


def cdf(x, a, loc=0, scale=1):
    """``gammainc(a, y)`` (differentiable in ``a`` too, to first order).

    Examples
    --------
    >>> cdf(1.0, 1.0)
    np.float64(0.6321205588285577)
    """
    y, _ = standardize(x, loc, scale)
    (a,) = promote(a)
    return special.gammainc(a, fnp.maximum(y, 0))


def logcdf(x, a, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(1.0, 1.0)
    np.float64(-0.45867514538708193)
    """
    return fnp.log(cdf(x, a, loc, scale))


def sf(x, a, loc=0, scale=1):
    """``gammaincc(a, y)``.

    Examples
    --------
    >>> sf(1.0, 1.0)
    np.float64(0.36787944117144245)
    """
    y, _ = standardize(x, loc, scale)
    (a,) = promote(a)
    return special.gammaincc(a, fnp.maximum(y, 0))


def logsf(x, a, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(1.0, 1.0)
    np.float64(-0.9999999999999997)
    """
    return fnp.log(sf(x, a, loc, scale))

def ppf(q, a, loc=0, scale=1):
    """The quantile: ``loc + scale * gammaincinv(a, q)``; differentiable in ``q`` (the
    inverse function rule), ``loc``, ``scale`` and ``a`` (implicitly, first order).

    Examples
    --------
    >>> ppf(0.5, 1.0)   # the exponential's median, log 2
    np.float64(0.6931471805599455)
    """
    q, a = promote(q, a)
    return loc + scale * quantiles.gammaincinv(a, q)


def isf(q, a, loc=0, scale=1):
    """``ppf(1 - q)``, as ``loc + scale * gammainccinv(a, q)`` (accurate for small ``q``).

    Examples
    --------
    >>> isf(0.5, 1.0)
    np.float64(0.6931471805599455)
    """
    q, a = promote(q, a)
    return loc + scale * quantiles.gammainccinv(a, q)
