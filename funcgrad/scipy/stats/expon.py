"""The exponential distribution (density ``exp(-y) / scale`` for ``y = (x - loc) / scale >= 0``),
as ``scipy.stats.expon``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import expon
>>> fg.grad(expon.logpdf, argnums=2)(3.0, 0.0, 2.0)   # (y - 1) / scale
array(0.25)
"""

from __future__ import annotations

from ... import numpy as fnp
from ._util import inside, promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, loc=0, scale=1):
    """``-y - log(scale)`` on ``y >= 0``, ``-inf`` below.

    Examples
    --------
    >>> logpdf(1.0)
    array(-1.)
    """
    y, log_scale = standardize(x, loc, scale)
    return inside(fnp.greater_equal(y, 0), -y - log_scale)


def pdf(x, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(-1.0)
    np.float64(0.0)
    """
    return fnp.exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """``1 - exp(-y)`` (0 below ``loc``).

    Examples
    --------
    >>> cdf(1.0)
    np.float64(0.6321205588285577)
    """
    y, _ = standardize(x, loc, scale)
    return -fnp.expm1(-fnp.maximum(y, 0))


def logcdf(x, loc=0, scale=1):
    """``log(1 - exp(-y))``.

    Examples
    --------
    >>> logcdf(1.0)
    np.float64(-0.45867514538708193)
    """
    return fnp.log(cdf(x, loc, scale))


def sf(x, loc=0, scale=1):
    """``exp(-y)`` (1 below ``loc``).

    Examples
    --------
    >>> sf(1.0)
    np.float64(0.36787944117144233)
    """
    return fnp.exp(logsf(x, loc, scale))


def logsf(x, loc=0, scale=1):
    """``-y`` (0 below ``loc``).

    Examples
    --------
    >>> logsf(2.0, scale=2.0)
    np.float64(-1.0)
    """
    y, _ = standardize(x, loc, scale)
    return -fnp.maximum(y, 0)


def ppf(q, loc=0, scale=1):
    """``loc - scale * log(1 - q)``.

    Examples
    --------
    >>> ppf(0.5)
    np.float64(0.6931471805599453)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc - scale * fnp.log1p(-q)


def isf(q, loc=0, scale=1):
    """``loc - scale * log(q)``.

    Examples
    --------
    >>> isf(0.5)
    np.float64(0.6931471805599453)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc - scale * fnp.log(q)
