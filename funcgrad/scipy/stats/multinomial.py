"""The multinomial distribution of ``n`` draws over the categories of ``p`` (last axis),
as ``scipy.stats.multinomial`` (differentiable in ``p``).

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.stats import multinomial
>>> fg.grad(multinomial.logpmf, argnums=2)(fnp.asarray([1.0, 2.0]), 3, fnp.asarray([0.5, 0.5]))
array([2., 4.])
"""

from __future__ import annotations

from ... import numpy as fnp
from .. import special
from ._util import inside, is_integer, promote

__all__ = ["logpmf", "pmf"]


def logpmf(x, n, p):
    """``gammaln(n + 1) + sum(x log(p) - gammaln(x + 1))`` where the counts ``x`` are
    non-negative integers summing to ``n`` (``-inf`` elsewhere).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> logpmf(fnp.asarray([1.0, 2.0]), 3, fnp.asarray([0.5, 0.5]))
    array(-0.98082925)
    """
    x, n, p = promote(x, n, p)
    value = special.gammaln(n + 1) + fnp.sum(special.xlogy(x, p) - special.gammaln(x + 1),
                                             axis=-1)
    counts = fnp.logical_and(fnp.greater_equal(x, 0), is_integer(x))
    ok = fnp.logical_and(fnp.all(counts, axis=-1), fnp.equal(fnp.sum(x, axis=-1), n))
    return inside(ok, value)


def pmf(x, n, p):
    """The probability mass.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> pmf(fnp.asarray([1.0, 2.0]), 3, fnp.asarray([0.5, 0.5]))
    np.float64(0.375)
    """
    return fnp.exp(logpmf(x, n, p))
