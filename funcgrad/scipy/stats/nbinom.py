"""The negative binomial distribution (failures ``k`` before the ``n``-th success, success
probability ``p``), as ``scipy.stats.nbinom`` (differentiable in ``n`` and ``p``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import nbinom
>>> fg.grad(nbinom.logpmf, argnums=2)(2.0, 3.0, 0.5)   # n / p - k / (1 - p)
array(2.)
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, is_integer, promote

__all__ = ["cdf", "logcdf", "logpmf", "logsf", "pmf", "ppf", "sf"]


def logpmf(k, n, p, loc=0):
    """``gammaln(n + k) - gammaln(k + 1) - gammaln(n) + n log(p) + k log(1 - p)`` for
    integers ``k >= 0``.

    Examples
    --------
    >>> logpmf(2.0, 3.0, 0.5)
    array(-1.67397643)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = k - loc
    ok = fnp.logical_and(fnp.greater_equal(k, 0), is_integer(k))
    safe = fnp.maximum(k, 0)
    value = (special.gammaln(n + safe) - special.gammaln(safe + 1) - special.gammaln(n)
             + special.xlogy(n, p) + special.xlog1py(safe, -p))
    return inside(ok, value)


def pmf(k, n, p, loc=0):
    """The probability mass.

    Examples
    --------
    >>> pmf(2.0, 3.0, 0.5)
    np.float64(0.18750000000000003)
    """
    return fnp.exp(logpmf(k, n, p, loc))


def cdf(k, n, p, loc=0):
    """``betainc(n, floor(k) + 1, p)`` for ``k >= 0`` (differentiable in ``p``).

    Examples
    --------
    >>> cdf(2.0, 3.0, 0.5)
    array(0.5)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = fnp.floor(k - loc)
    return fnp.where(fnp.less(k, 0), 0.0, special.betainc(n, fnp.maximum(k, 0) + 1, p))


def logcdf(k, n, p, loc=0):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(2.0, 3.0, 0.5)
    np.float64(-0.6931471805599453)
    """
    return fnp.log(cdf(k, n, p, loc))


def sf(k, n, p, loc=0):
    """``betainc(floor(k) + 1, n, 1 - p)`` for ``k >= 0``.

    Examples
    --------
    >>> sf(2.0, 3.0, 0.5)
    array(0.5)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = fnp.floor(k - loc)
    return fnp.where(fnp.less(k, 0), 1.0, special.betainc(fnp.maximum(k, 0) + 1, n, 1 - p))


def logsf(k, n, p, loc=0):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(2.0, 3.0, 0.5)
    np.float64(-0.6931471805599453)
    """
    return fnp.log(sf(k, n, p, loc))

def ppf(q, n, p, loc=0):
    """The quantile: the least ``k`` with ``cdf(k) >= q`` (SciPy's values; a step function,
    so its derivative is zero).

    Examples
    --------
    >>> ppf(0.5, 5, 0.5)
    np.float64(4.0)
    """
    return quantiles.nbinom_ppf(q, n, p) + loc
