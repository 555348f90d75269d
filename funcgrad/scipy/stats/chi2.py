"""The chi-squared distribution with ``df`` degrees of freedom (a gamma distribution with
shape ``df / 2`` and scale 2), as ``scipy.stats.chi2``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import chi2
>>> fg.grad(chi2.logpdf)(1.0, 4.0)
array(0.5)
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, df, loc=0, scale=1):
    """``(df/2 - 1) log(y) - y/2 - gammaln(df/2) - df/2 log(2) - log(scale)`` on ``y >= 0``.

    Examples
    --------
    >>> logpdf(2.0, 2.0)
    array(-1.69314718)
    """
    y, log_scale = standardize(x, loc, scale)
    (df,) = promote(df)
    half = 0.5 * df
    safe = fnp.where(fnp.greater_equal(y, 0), y, 1.0)  # no log(0) off the support
    return inside(fnp.greater_equal(y, 0),
                  special.xlogy(half - 1, safe) - 0.5 * safe - special.gammaln(half)
                  - half * math.log(2) - log_scale)


def pdf(x, df, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(2.0, 2.0)
    np.float64(0.18393972058572114)
    """
    return fnp.exp(logpdf(x, df, loc, scale))


def cdf(x, df, loc=0, scale=1):
    """``gammainc(df / 2, y / 2)``.

    Examples
    --------
    >>> cdf(2.0, 2.0)
    np.float64(0.6321205588285577)
    """
    y, _ = standardize(x, loc, scale)
    (df,) = promote(df)
    return special.gammainc(0.5 * df, 0.5 * fnp.maximum(y, 0))


def logcdf(x, df, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(2.0, 2.0)
    np.float64(-0.45867514538708193)
    """
    return fnp.log(cdf(x, df, loc, scale))


def sf(x, df, loc=0, scale=1):
    """``gammaincc(df / 2, y / 2)``.

    Examples
    --------
    >>> sf(2.0, 2.0)
    np.float64(0.36787944117144245)
    """
    y, _ = standardize(x, loc, scale)
    (df,) = promote(df)
    return special.gammaincc(0.5 * df, 0.5 * fnp.maximum(y, 0))


def logsf(x, df, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(2.0, 2.0)
    np.float64(-0.9999999999999997)
    """
    return fnp.log(sf(x, df, loc, scale))

def ppf(q, df, loc=0, scale=1):
    """The quantile: ``loc + 2 scale gammaincinv(df / 2, q)`` (differentiable in every
    argument; in ``df`` to first order).

    Examples
    --------
    >>> ppf(0.5, 2.0)
    np.float64(1.386294361119891)
    """
    q, df = promote(q, df)
    return loc + 2 * scale * quantiles.gammaincinv(0.5 * df, q)


def isf(q, df, loc=0, scale=1):
    """``ppf(1 - q)``, through ``gammainccinv``.

    Examples
    --------
    >>> isf(0.5, 2.0)
    np.float64(1.386294361119891)
    """
    q, df = promote(q, df)
    return loc + 2 * scale * quantiles.gammainccinv(0.5 * df, q)
