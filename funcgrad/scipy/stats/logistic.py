"""The logistic distribution (cdf ``expit(y)``), as ``scipy.stats.logistic``.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import logistic
>>> fg.grad(logistic.logpdf)(0.0)
array(0.)
"""

from __future__ import annotations

from ... import numpy as fnp
from .. import special
from ._util import promote, standardize

__all__ = ["cdf", "isf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def logpdf(x, loc=0, scale=1):
    """``log(expit(y)) + log(expit(-y)) - log(scale)``, stable for large ``|y|``.

    Examples
    --------
    >>> logpdf(0.0)
    np.float64(-1.3862943611198906)
    """
    y, log_scale = standardize(x, loc, scale)
    return special.log_expit(y) + special.log_expit(-y) - log_scale


def pdf(x, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.0)
    np.float64(0.25)
    """
    return fnp.exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """``expit(y)``.

    Examples
    --------
    >>> cdf(0.0)
    array(0.5)
    """
    return special.expit(standardize(x, loc, scale)[0])


def logcdf(x, loc=0, scale=1):
    """``log_expit(y)``.

    Examples
    --------
    >>> logcdf(-1000.0)
    np.float64(-1000.0)
    """
    return special.log_expit(standardize(x, loc, scale)[0])


def sf(x, loc=0, scale=1):
    """``expit(-y)``.

    Examples
    --------
    >>> sf(0.0)
    array(0.5)
    """
    return special.expit(-standardize(x, loc, scale)[0])


def logsf(x, loc=0, scale=1):
    """``log_expit(-y)``.

    Examples
    --------
    >>> logsf(1000.0)
    np.float64(-1000.0)
    """
    return special.log_expit(-standardize(x, loc, scale)[0])


def ppf(q, loc=0, scale=1):
    """``loc + scale * logit(q)``.

    Examples
    --------
    >>> ppf(0.5)
    np.float64(0.0)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc + scale * special.logit(q)


def isf(q, loc=0, scale=1):
    """``loc - scale * logit(q)``.

    Examples
    --------
    >>> isf(0.5)
    np.float64(0.0)
    """
    q, loc, scale = promote(q, loc, scale)
    return loc - scale * special.logit(q)
