"""The beta distribution with shapes ``a``, ``b`` on ``[loc, loc + scale]``, as
``scipy.stats.beta``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import beta
>>> fg.grad(beta.logpdf, argnums=(0, 1, 2))(0.5, 2.0, 2.0)
(array(0.), array(0.14018615), array(0.14018615))
"""

from __future__ import annotations

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, promote, standardize

__all__ = ["cdf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, a, b, loc=0, scale=1):
    """``(a-1) log(y) + (b-1) log(1-y) - betaln(a, b) - log(scale)`` on ``[0, 1]``.

    Examples
    --------
    >>> logpdf(0.5, 2.0, 2.0)
    array(0.40546511)
    """
    y, log_scale = standardize(x, loc, scale)
    a, b = promote(a, b)
    ok = fnp.logical_and(fnp.greater_equal(y, 0), fnp.less_equal(y, 1))
    safe = fnp.where(ok, y, 0.5)  # no log(0) off the support
    return inside(ok, special.xlogy(a - 1, safe) + special.xlog1py(b - 1, -safe)
                  - special.betaln(a, b) - log_scale)


def pdf(x, a, b, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.5, 2.0, 2.0)
    np.float64(1.5)
    """
    return fnp.exp(logpdf(x, a, b, loc, scale))


def cdf(x, a, b, loc=0, scale=1):
    """``betainc(a, b, y)`` (differentiable in ``x``, ``loc``, ``scale``; in ``a``, ``b`` it
    raises).

    Examples
    --------
    >>> cdf(0.5, 2.0, 2.0)
    np.float64(0.5)
    """
    y, _ = standardize(x, loc, scale)
    a, b = promote(a, b)
    return special.betainc(a, b, fnp.clip(y, 0, 1))


def logcdf(x, a, b, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(0.5, 2.0, 2.0)
    np.float64(-0.6931471805599453)
    """
    return fnp.log(cdf(x, a, b, loc, scale))


def sf(x, a, b, loc=0, scale=1):
    """``betainc(b, a, 1 - y)``.

    Examples
    --------
    >>> sf(0.25, 2.0, 2.0)
    np.float64(0.84375)
    """
    y, _ = standardize(x, loc, scale)
    a, b = promote(a, b)
    return special.betainc(b, a, 1 - fnp.clip(y, 0, 1))


def logsf(x, a, b, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(0.5, 2.0, 2.0)
    np.float64(-0.6931471805599453)
    """
    return fnp.log(sf(x, a, b, loc, scale))

def ppf(q, a, b, loc=0, scale=1):
    """The quantile: ``loc + scale * betaincinv(a, b, q)`` (differentiable in ``q``,
    ``loc`` and ``scale``; in ``a`` and ``b`` it raises, as ``cdf`` does).

    Examples
    --------
    >>> ppf(0.25, 1.0, 1.0)
    np.float64(0.25)
    """
    q, a, b = promote(q, a, b)
    return loc + scale * quantiles.betaincinv(a, b, q)
