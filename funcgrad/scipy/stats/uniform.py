"""The uniform distribution on ``[loc, loc + scale]``, as ``scipy.stats.uniform``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import uniform
>>> fg.grad(uniform.logpdf, argnums=2)(0.5, 0.0, 2.0)
array(-0.5)
"""

from __future__ import annotations

from ... import numpy as fnp
from ._util import inside, promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, loc=0, scale=1):
    """``-log(scale)`` on ``[loc, loc + scale]``, ``-inf`` outside.

    Examples
    --------
    >>> logpdf(2.0, 0.0, 4.0)
    array(-1.38629436)
    """
    y, log_scale = standardize(x, loc, scale)
    return inside(fnp.logical_and(fnp.greater_equal(y, 0), fnp.less_equal(y, 1)), -log_scale)


def pdf(x, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(2.0, 0.0, 4.0)
    np.float64(0.25)
    """
    return fnp.exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """``clip((x - loc) / scale, 0, 1)``.

    Examples
    --------
    >>> cdf(1.0, 0.0, 4.0)
    np.float64(0.25)
    """
    y, _ = standardize(x, loc, scale)
    return fnp.clip(y, 0, 1)


def logcdf(x, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(1.0, 0.0, 4.0)
    np.float64(-1.3862943611198906)
    """
    return fnp.log(cdf(x, loc, scale))


def sf(x, loc=0, scale=1):
    """``1 - cdf``.

    Examples
    --------
    >>> sf(1.0, 0.0, 4.0)
    np.float64(0.75)
    """
    return 1 - cdf(x, loc, scale)


def logsf(x, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(2.0, 0.0, 4.0)
    np.float64(-0.6931471805599453)
    """
    return fnp.log(sf(x, loc, scale))


def ppf(q, loc=0, scale=1):
    """``loc + q * scale`` (NaN outside ``[0, 1]``).

    Examples
    --------
    >>> ppf(0.25, 0.0, 4.0)
    array(1.)
    """
    q, loc, scale = promote(q, loc, scale)
    ok = fnp.logical_and(fnp.greater_equal(q, 0), fnp.less_equal(q, 1))
    return fnp.where(ok, loc + q * scale, float("nan"))


def isf(q, loc=0, scale=1):
    """``loc + (1 - q) * scale``.

    Examples
    --------
    >>> isf(0.25, 0.0, 4.0)
    array(3.)
    """
    q, loc, scale = promote(q, loc, scale)
    return ppf(1 - q, loc, scale)
