"""The geometric distribution (trials up to and including the first success, ``k >= 1``),
as ``scipy.stats.geom`` (differentiable in ``p``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import geom
>>> fg.grad(geom.logpmf, argnums=1)(3.0, 0.5)   # 1 / p - (k - 1) / (1 - p)
array(-2.)
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, is_integer, promote

__all__ = ["cdf", "logcdf", "logpmf", "logsf", "pmf", "ppf", "sf"]


def logpmf(k, p, loc=0):
    """``(k - 1) log(1 - p) + log(p)`` for integers ``k >= 1``.

    Examples
    --------
    >>> logpmf(2.0, 0.5)
    array(-1.38629436)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    ok = fnp.logical_and(fnp.greater_equal(k, 1), is_integer(k))
    safe = fnp.maximum(k, 1)
    return inside(ok, special.xlog1py(safe - 1, -p) + fnp.log(p))


def pmf(k, p, loc=0):
    """The probability mass.

    Examples
    --------
    >>> pmf(2.0, 0.5)
    np.float64(0.25)
    """
    return fnp.exp(logpmf(k, p, loc))


def logsf(k, p, loc=0):
    """``floor(k) log(1 - p)`` for ``k >= 1`` (0 below).

    Examples
    --------
    >>> logsf(2.0, 0.5)
    np.float64(-1.3862943611198906)
    """
    k, p, loc = promote(k, p, loc)
    k = fnp.floor(k - loc)
    return special.xlog1py(fnp.maximum(k, 0), -p)


def sf(k, p, loc=0):
    """``(1 - p)**floor(k)``.

    Examples
    --------
    >>> sf(2.0, 0.5)
    np.float64(0.25)
    """
    return fnp.exp(logsf(k, p, loc))


def cdf(k, p, loc=0):
    """``1 - (1 - p)**floor(k)``.

    Examples
    --------
    >>> cdf(2.0, 0.5)
    np.float64(0.75)
    """
    return -fnp.expm1(logsf(k, p, loc))


def logcdf(k, p, loc=0):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(2.0, 0.5)
    np.float64(-0.2876820724517809)
    """
    return fnp.log(cdf(k, p, loc))

def ppf(q, p, loc=0):
    """The quantile: the least ``k`` with ``cdf(k) >= q`` (SciPy's values; a step function,
    so its derivative is zero).

    Examples
    --------
    >>> ppf(0.5, 0.3)
    np.float64(2.0)
    """
    return quantiles.geom_ppf(q, p) + loc
