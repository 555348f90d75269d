"""The normal distribution ``N(loc, scale**2)``, as ``scipy.stats.norm`` (differentiable
in ``x``/``q``, ``loc`` and ``scale``).

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import norm
>>> fg.grad(norm.logpdf, argnums=(0, 1, 2))(1.0, 0.0, 2.0)
(array(-0.25), array(0.25), array(-0.375))
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from .. import special
from ._util import promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]

_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def logpdf(x, loc=0, scale=1):
    """``-(x - loc)**2 / (2 scale**2) - log(scale) - log(2 pi) / 2``.

    Examples
    --------
    >>> logpdf(0.0)
    np.float64(-0.9189385332046727)
    """
    z, log_scale = standardize(x, loc, scale)
    return -0.5 * z * z - log_scale - _HALF_LOG_2PI


def pdf(x, loc=0, scale=1):
    """The density, ``exp(logpdf(x, loc, scale))``.

    Examples
    --------
    >>> pdf(0.0)
    np.float64(0.3989422804014327)
    """
    return fnp.exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """``ndtr((x - loc) / scale)``.

    Examples
    --------
    >>> cdf(1.0)
    np.float64(0.8413447460685429)
    """
    return special.ndtr(standardize(x, loc, scale)[0])


def logcdf(x, loc=0, scale=1):
    """``log_ndtr((x - loc) / scale)``, accurate in the lower tail.

    Examples
    --------
    >>> logcdf(-40.0)
    np.float64(-804.6084420137539)
    """
    return special.log_ndtr(standardize(x, loc, scale)[0])


def sf(x, loc=0, scale=1):
    """The survival function ``1 - cdf``, computed as ``ndtr(-z)``.

    Examples
    --------
    >>> sf(1.0)
    np.float64(0.15865525393145707)
    """
    return special.ndtr(-standardize(x, loc, scale)[0])


def logsf(x, loc=0, scale=1):
    """``log(sf)``, accurate in the upper tail.

    Examples
    --------
    >>> logsf(40.0)
    np.float64(-804.6084420137539)
    """
    return special.log_ndtr(-standardize(x, loc, scale)[0])


def ppf(q, loc=0, scale=1):
    """The quantile function, ``loc + scale * ndtri(q)``.

    Examples
    --------
    >>> ppf(0.975)
    np.float64(1.959963984540054)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc + scale * special.ndtri(q)


def isf(q, loc=0, scale=1):
    """The inverse survival function, ``loc - scale * ndtri(q)``.

    Examples
    --------
    >>> isf(0.025)
    np.float64(1.9599639845400545)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc - scale * special.ndtri(q)
