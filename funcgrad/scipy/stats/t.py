"""Student's t distribution with ``df`` degrees of freedom, as ``scipy.stats.t``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import t
>>> fg.grad(t.logpdf, argnums=(0, 1))(1.0, 3.0)
(array(-1.), array(0.04930614))
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, df, loc=0, scale=1):
    """``gammaln((df+1)/2) - gammaln(df/2) - log(df pi)/2 - log(scale)
    - (df+1)/2 log1p(y**2 / df)``.

    Examples
    --------
    >>> logpdf(0.0, 1.0)   # the Cauchy density at 0
    np.float64(-1.1447298858494)
    """
    y, log_scale = standardize(x, loc, scale)
    (df,) = promote(df)
    half = 0.5 * (df + 1)
    return (special.gammaln(half) - special.gammaln(0.5 * df) - 0.5 * fnp.log(df * math.pi)
            - log_scale - half * fnp.log1p(y * y / df))


def pdf(x, df, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.0, 1.0)
    np.float64(0.31830988618379075)
    """
    return fnp.exp(logpdf(x, df, loc, scale))


def _cdf_of(y, df):
    tail = 0.5 * special.betainc(0.5 * df, 0.5, df / (df + y * y))
    return fnp.where(fnp.less(y, 0), tail, 1 - tail)


def cdf(x, df, loc=0, scale=1):
    """Through the incomplete beta function (differentiable in ``x``, ``loc``, ``scale``;
    in ``df`` it raises, as ``betainc`` in its shape parameters).

    Examples
    --------
    >>> cdf(1.0, 1.0)
    array(0.75)
    """
    y, _ = standardize(x, loc, scale)
    (df,) = promote(df)
    return _cdf_of(y, df)


def logcdf(x, df, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(1.0, 1.0)
    np.float64(-0.2876820724517809)
    """
    return fnp.log(cdf(x, df, loc, scale))


def sf(x, df, loc=0, scale=1):
    """``1 - cdf``, computed as ``cdf`` at the mirrored point.

    Examples
    --------
    >>> sf(1.0, 1.0)
    array(0.25)
    """
    y, _ = standardize(x, loc, scale)
    (df,) = promote(df)
    return _cdf_of(-y, df)


def logsf(x, df, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(1.0, 1.0)
    np.float64(-1.3862943611198904)
    """
    return fnp.log(sf(x, df, loc, scale))

def ppf(q, df, loc=0, scale=1):
    """The quantile: ``loc + scale * stdtrit(df, q)`` (differentiable in ``q``, ``loc``,
    ``scale``; in ``df`` it raises, as ``cdf`` does).

    Examples
    --------
    >>> ppf(0.75, 1.0)   # the Cauchy quartile
    np.float64(1.0000000000000002)
    """
    q, df = promote(q, df)
    return loc + scale * _standard_ppf(q, df)


def isf(q, df, loc=0, scale=1):
    """``ppf(1 - q)``, which is ``-ppf(q)`` by symmetry.

    Examples
    --------
    >>> isf(0.25, 1.0)
    np.float64(1.0000000000000002)
    """
    q, df = promote(q, df)
    return loc - scale * _standard_ppf(q, df)


def _standard_ppf(q, df):
    """``stdtrit``, with ``-inf`` at ``q = 0`` (where ``scipy.special.stdtrit`` gives
    ``+inf``; ``scipy.stats.t`` gives ``-inf``)."""
    return fnp.where(fnp.equal(q, 0), -fnp.inf, quantiles.stdtrit(df, q))
