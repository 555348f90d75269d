"""The Bernoulli distribution with success probability ``p``, as ``scipy.stats.bernoulli``
(differentiable in ``p``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import bernoulli
>>> fg.grad(bernoulli.logpmf, argnums=1)(1.0, 0.25)   # 1 / p
array(4.)
"""

from __future__ import annotations

import numpy as np

from ... import numpy as fnp
from .. import special
from ._util import inside, promote

__all__ = ["cdf", "logcdf", "logpmf", "logsf", "pmf", "ppf", "sf"]


def logpmf(k, p, loc=0):
    """``k log(p) + (1 - k) log(1 - p)`` for ``k`` in ``{0, 1}`` (``-inf`` elsewhere).

    Examples
    --------
    >>> logpmf(0.0, 0.25)
    array(-0.28768207)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    ok = fnp.logical_or(fnp.equal(k, 0), fnp.equal(k, 1))
    safe = fnp.clip(k, 0, 1)
    return inside(ok, special.xlogy(safe, p) + special.xlog1py(1 - safe, -p))


def pmf(k, p, loc=0):
    """The probability mass.

    Examples
    --------
    >>> pmf(1.0, 0.25)
    np.float64(0.25)
    """
    return fnp.exp(logpmf(k, p, loc))


def cdf(k, p, loc=0):
    """0 below 0, ``1 - p`` on ``[0, 1)``, 1 from 1 on.

    Examples
    --------
    >>> cdf(0.0, 0.25)
    array(0.75)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    return fnp.where(fnp.less(k, 0), 0.0, fnp.where(fnp.less(k, 1), 1 - p, 1.0))


def logcdf(k, p, loc=0):
    """``log(cdf)``: ``-inf``, ``log(1 - p)``, 0.

    Examples
    --------
    >>> logcdf(0.0, 0.25)
    array(-0.28768207)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    middle = fnp.logical_and(fnp.greater_equal(k, 0), fnp.less(k, 1))
    value = fnp.log1p(-fnp.where(middle, p, 0.5))
    return fnp.where(fnp.less(k, 0), -np.inf, fnp.where(middle, value, 0.0))


def sf(k, p, loc=0):
    """``1 - cdf``.

    Examples
    --------
    >>> sf(0.0, 0.25)
    array(0.25)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    return fnp.where(fnp.less(k, 0), 1.0, fnp.where(fnp.less(k, 1), p, 0.0))


def logsf(k, p, loc=0):
    """``log(sf)``: 0, ``log(p)``, ``-inf``.

    Examples
    --------
    >>> logsf(0.0, 0.25)
    array(-1.38629436)
    """
    k, p, loc = promote(k, p, loc)
    k = k - loc
    middle = fnp.logical_and(fnp.greater_equal(k, 0), fnp.less(k, 1))
    value = fnp.log(fnp.where(middle, p, 0.5))
    return fnp.where(fnp.less(k, 0), 0.0, fnp.where(middle, value, -np.inf))


def ppf(q, p, loc=0):
    """The smallest ``k`` with ``cdf(k) >= q`` (``-1 + loc`` at ``q = 0``); piecewise constant.

    Examples
    --------
    >>> ppf(0.5, 0.25), ppf(0.9, 0.25)
    (np.float64(0.0), np.float64(1.0))
    """
    q, p, loc = promote(q, p, loc)
    k = fnp.where(fnp.equal(q, 0), -1.0, fnp.where(fnp.less_equal(q, 1 - p), 0.0, 1.0))
    return fnp.astype(k, fnp.result_type(q)) + loc
