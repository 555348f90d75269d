"""The Poisson distribution with mean ``mu``, as ``scipy.stats.poisson`` (differentiable
in ``mu``; the counts ``k`` are integers, shifted by ``loc``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import poisson
>>> fg.grad(poisson.logpmf, argnums=1)(3.0, 2.0)   # k / mu - 1
array(0.5)
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, is_integer, promote

__all__ = ["cdf", "logcdf", "logpmf", "logsf", "pmf", "ppf", "sf"]


def logpmf(k, mu, loc=0):
    """``k log(mu) - gammaln(k + 1) - mu`` for integers ``k >= 0`` (``-inf`` elsewhere).

    Examples
    --------
    >>> logpmf(0.0, 2.0)
    array(-2.)
    """
    k, mu, loc = promote(k, mu, loc)
    k = k - loc
    ok = fnp.logical_and(fnp.greater_equal(k, 0), is_integer(k))
    safe = fnp.maximum(k, 0)
    return inside(ok, special.xlogy(safe, mu) - special.gammaln(safe + 1) - mu)


def pmf(k, mu, loc=0):
    """The probability mass.

    Examples
    --------
    >>> pmf(1.0, 2.0)
    np.float64(0.2706705664732254)
    """
    return fnp.exp(logpmf(k, mu, loc))


def cdf(k, mu, loc=0):
    """``gammaincc(floor(k) + 1, mu)`` (0 below 0).

    Examples
    --------
    >>> cdf(1.0, 2.0)
    array(0.40600585)
    """
    k, mu, loc = promote(k, mu, loc)
    k = fnp.floor(k - loc)
    return fnp.where(fnp.less(k, 0), 0.0, special.gammaincc(fnp.maximum(k, 0) + 1, mu))


def logcdf(k, mu, loc=0):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(1.0, 2.0)
    np.float64(-0.9013877113318907)
    """
    return fnp.log(cdf(k, mu, loc))


def sf(k, mu, loc=0):
    """``gammainc(floor(k) + 1, mu)`` (1 below 0).

    Examples
    --------
    >>> sf(1.0, 2.0)
    array(0.59399415)
    """
    k, mu, loc = promote(k, mu, loc)
    k = fnp.floor(k - loc)
    return fnp.where(fnp.less(k, 0), 1.0, special.gammainc(fnp.maximum(k, 0) + 1, mu))


def logsf(k, mu, loc=0):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(-1.0, 2.0)
    np.float64(0.0)
    """
    return fnp.log(sf(k, mu, loc))

def ppf(q, mu, loc=0):
    """The quantile: the least ``k`` with ``cdf(k) >= q`` (SciPy's values; a step function,
    so its derivative is zero).

    Examples
    --------
    >>> ppf(0.5, 3.0)
    np.float64(3.0)
    """
    return quantiles.poisson_ppf(q, mu) + loc
