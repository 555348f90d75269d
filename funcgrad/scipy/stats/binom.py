"""The binomial distribution of ``n`` trials with success probability ``p``, as
``scipy.stats.binom`` (differentiable in ``p`` and, for the mass, in ``n``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import binom
>>> fg.grad(binom.logpmf, argnums=2)(3.0, 4.0, 0.5)   # k / p - (n - k) / (1 - p)
array(4.)
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, is_integer, promote

__all__ = ["cdf", "logcdf", "logpmf", "logsf", "pmf", "ppf", "sf"]


def logpmf(k, n, p, loc=0):
    """``log C(n, k) + k log(p) + (n - k) log(1 - p)`` for integers ``0 <= k <= n``.

    Examples
    --------
    >>> logpmf(2.0, 4.0, 0.5)
    array(-0.98082925)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = k - loc
    ok = fnp.logical_and(fnp.logical_and(fnp.greater_equal(k, 0), fnp.less_equal(k, n)),
                         is_integer(k))
    safe = fnp.clip(k, 0, n)
    log_choose = special.gammaln(n + 1) - special.gammaln(safe + 1) - special.gammaln(n - safe + 1)
    return inside(ok, log_choose + special.xlogy(safe, p) + special.xlog1py(n - safe, -p))


def pmf(k, n, p, loc=0):
    """The probability mass.

    Examples
    --------
    >>> pmf(2.0, 4.0, 0.5)
    np.float64(0.375)
    """
    return fnp.exp(logpmf(k, n, p, loc))


def cdf(k, n, p, loc=0):
    """``betainc(n - k, k + 1, 1 - p)`` for ``0 <= k < n`` (differentiable in ``p``).

    Examples
    --------
    >>> cdf(2.0, 4.0, 0.5)
    array(0.6875)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = fnp.floor(k - loc)
    inner = fnp.clip(k, 0, n - 1)
    value = special.betainc(n - inner, inner + 1, 1 - p)
    return fnp.where(fnp.less(k, 0), 0.0, fnp.where(fnp.greater_equal(k, n), 1.0, value))


def logcdf(k, n, p, loc=0):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(4.0, 4.0, 0.5)
    np.float64(0.0)
    """
    return fnp.log(cdf(k, n, p, loc))


def sf(k, n, p, loc=0):
    """``betainc(k + 1, n - k, p)`` for ``0 <= k < n``.

    Examples
    --------
    >>> sf(2.0, 4.0, 0.5)
    array(0.3125)
    """
    k, n, p, loc = promote(k, n, p, loc)
    k = fnp.floor(k - loc)
    inner = fnp.clip(k, 0, n - 1)
    value = special.betainc(inner + 1, n - inner, p)
    return fnp.where(fnp.less(k, 0), 1.0, fnp.where(fnp.greater_equal(k, n), 0.0, value))


def logsf(k, n, p, loc=0):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(2.0, 4.0, 0.5)
    np.float64(-1.1631508098056809)
    """
    return fnp.log(sf(k, n, p, loc))

def ppf(q, n, p, loc=0):
    """The quantile: the least ``k`` with ``cdf(k) >= q`` (SciPy's values; a step function,
    so its derivative is zero).

    Examples
    --------
    >>> ppf(0.5, 10, 0.3)
    np.float64(3.0)
    """
    return quantiles.binom_ppf(q, n, p) + loc
