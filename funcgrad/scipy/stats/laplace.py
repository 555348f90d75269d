"""The Laplace distribution (density ``exp(-|y|) / (2 scale)``), as ``scipy.stats.laplace``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import laplace
>>> fg.grad(laplace.logpdf, argnums=(0, 1))(1.0, 0.0)
(array(-1.), array(1.))
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from ._util import promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, loc=0, scale=1):
    """``-|y| - log(2 scale)``.

    Examples
    --------
    >>> logpdf(0.0)
    np.float64(-0.6931471805599453)
    """
    y, log_scale = standardize(x, loc, scale)
    return -fnp.abs(y) - log_scale - math.log(2)


def pdf(x, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.0)
    np.float64(0.5)
    """
    return fnp.exp(logpdf(x, loc, scale))


def _cdf_of(y):
    return fnp.where(fnp.less(y, 0), 0.5 * fnp.exp(fnp.minimum(y, 0)),
                     1 - 0.5 * fnp.exp(-fnp.maximum(y, 0)))


def cdf(x, loc=0, scale=1):
    """``exp(y) / 2`` below ``loc``, ``1 - exp(-y) / 2`` above.

    Examples
    --------
    >>> cdf(1.0)
    array(0.81606028)
    """
    return _cdf_of(standardize(x, loc, scale)[0])


def logcdf(x, loc=0, scale=1):
    """``log(cdf)``.

    Examples
    --------
    >>> logcdf(-1.0)
    np.float64(-1.6931471805599452)
    """
    return fnp.log(cdf(x, loc, scale))


def sf(x, loc=0, scale=1):
    """``1 - cdf``, computed as ``cdf`` at the mirrored point.

    Examples
    --------
    >>> sf(1.0)
    array(0.18393972)
    """
    return _cdf_of(-standardize(x, loc, scale)[0])


def logsf(x, loc=0, scale=1):
    """``log(sf)``.

    Examples
    --------
    >>> logsf(1.0)
    np.float64(-1.6931471805599452)
    """
    return fnp.log(sf(x, loc, scale))


def ppf(q, loc=0, scale=1):
    """``loc - scale sign(q - 1/2) log(1 - 2 |q - 1/2|)``.

    Examples
    --------
    >>> ppf(0.75)
    np.float64(0.6931471805599453)
    """
    q, loc, scale = promote(q, loc, scale)
    d = q - 0.5
    return loc - scale * fnp.sign(d) * fnp.log1p(-2 * fnp.abs(d))


def isf(q, loc=0, scale=1):
    """``ppf(1 - q)``.

    Examples
    --------
    >>> isf(0.25)
    np.float64(0.6931471805599453)
    """
    q, loc, scale = promote(q, loc, scale)
    return 2 * loc - ppf(q, loc, scale)
