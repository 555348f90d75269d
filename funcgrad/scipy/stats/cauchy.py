"""The Cauchy distribution (density ``1 / (pi scale (1 + y**2))``), as ``scipy.stats.cauchy``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import cauchy
>>> fg.grad(cauchy.logpdf)(1.0)
array(-1.)
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from ._util import promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, loc=0, scale=1):
    """``-log(pi) - log(scale) - log1p(y**2)``.

    Examples
    --------
    >>> logpdf(0.0)
    np.float64(-1.1447298858494002)
    """
    y, log_scale = standardize(x, loc, scale)
    return -math.log(math.pi) - log_scale - fnp.log1p(y * y)


def pdf(x, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.0)
    np.float64(0.3183098861837907)
    """
    return fnp.exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """``1/2 + arctan(y) / pi``.

    Examples
    --------
    >>> cdf(1.0)
    np.float64(0.75)
    """
    y, _ = standardize(x, loc, scale)
    return 0.5 + fnp.arctan(y) / math.pi


def logcdf(x, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(1.0)
    np.float64(-0.2876820724517809)
    """
    return fnp.log(cdf(x, loc, scale))


def sf(x, loc=0, scale=1):
    """``1/2 - arctan(y) / pi``.

    Examples
    --------
    >>> sf(1.0)
    np.float64(0.25)
    """
    y, _ = standardize(x, loc, scale)
    return 0.5 - fnp.arctan(y) / math.pi


def logsf(x, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(1.0)
    np.float64(-1.3862943611198906)
    """
    return fnp.log(sf(x, loc, scale))


def ppf(q, loc=0, scale=1):
    """``loc + scale * tan(pi (q - 1/2))``.

    Examples
    --------
    >>> ppf(0.75)
    np.float64(0.9999999999999999)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc + scale * fnp.tan(math.pi * (q - 0.5))


def isf(q, loc=0, scale=1):
    """``loc - scale * tan(pi (q - 1/2))``.

    Examples
    --------
    >>> isf(0.25)
    np.float64(0.9999999999999999)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc - scale * fnp.tan(math.pi * (q - 0.5))
