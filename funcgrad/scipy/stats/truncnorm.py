"""The normal distribution truncated to ``[a, b]`` (in standard units: ``x`` in
``[loc + a scale, loc + b scale]``), as ``scipy.stats.truncnorm``.

The normalising mass ``ndtr(b) - ndtr(a)`` is taken in log space on the side
of the tail it lies in, so truncations far in either tail stay accurate.

Examples
--------
>>> import funcgrad as fg
>>> from funcgrad.scipy.stats import truncnorm
>>> fg.grad(truncnorm.logpdf, argnums=(1, 2))(0.5, 0.0, 1.0)
(array(1.16873713), array(-0.70887491))
"""

from __future__ import annotations

import math

from ... import numpy as fnp
from ...primitives import special as quantiles
from .. import special
from ._util import inside, promote, standardize

__all__ = ["cdf", "logcdf", "logpdf", "logsf", "pdf", "ppf", "sf"]


def _log_mass(lo, hi):
    """``log(ndtr(hi) - ndtr(lo))`` for ``lo <= hi``, stably in both tails."""
    right = fnp.greater_equal(lo, 0)  # both in the upper tail: 1 - ndtr is accurate
    left = fnp.less_equal(hi, 0)
    middle = fnp.logical_not(fnp.logical_or(right, left))
    # Each case on values where it is safe (the double-where idiom), so that the cases
    # not taken leave no NaN in the derivative.
    lo_r, hi_r = fnp.where(right, lo, 0.0), fnp.where(right, hi, 1.0)
    upper = special.log_ndtr(-lo_r)
    in_right = upper + fnp.log1p(-fnp.exp(special.log_ndtr(-hi_r) - upper))
    lo_l, hi_l = fnp.where(left, lo, -1.0), fnp.where(left, hi, 0.0)
    lower = special.log_ndtr(hi_l)
    in_left = lower + fnp.log1p(-fnp.exp(special.log_ndtr(lo_l) - lower))
    lo_m, hi_m = fnp.where(middle, lo, -1.0), fnp.where(middle, hi, 1.0)
    in_middle = fnp.log(special.ndtr(hi_m) - special.ndtr(lo_m))
    return fnp.where(right, in_right, fnp.where(left, in_left, in_middle))


def _standard(x, a, b, loc, scale):
    y, log_scale = standardize(x, loc, scale)
    a, b = promote(a, b)
    return y, a, b, log_scale


def logpdf(x, a, b, loc=0, scale=1):
    """``norm.logpdf(y) - log(ndtr(b) - ndtr(a)) - log(scale)`` on ``[a, b]``.

    Examples
    --------
    >>> logpdf(0.0, -1.0, 1.0)
    array(-0.53722339)
    """
    y, a, b, log_scale = _standard(x, a, b, loc, scale)
    ok = fnp.logical_and(fnp.greater_equal(y, a), fnp.less_equal(y, b))
    return inside(ok, -0.5 * y * y - 0.5 * math.log(2 * math.pi) - _log_mass(a, b) - log_scale)


def pdf(x, a, b, loc=0, scale=1):
    """The density.

    Examples
    --------
    >>> pdf(0.0, -1.0, 1.0)
    np.float64(0.5843685672568167)
    """
    return fnp.exp(logpdf(x, a, b, loc, scale))


def logcdf(x, a, b, loc=0, scale=1):
    """``log((ndtr(y) - ndtr(a)) / (ndtr(b) - ndtr(a)))``.

    Examples
    --------
    >>> logcdf(0.0, -1.0, 1.0)
    array(-0.69314718)
    """
    y, a, b, _ = _standard(x, a, b, loc, scale)
    inner = fnp.clip(y, a, b)
    value = _log_mass(a, inner) - _log_mass(a, b)
    return fnp.where(fnp.less_equal(y, a), -math.inf, fnp.where(fnp.greater_equal(y, b), 0.0,
                                                                value))


def cdf(x, a, b, loc=0, scale=1):
    """``exp(logcdf)``.

    Examples
    --------
    >>> cdf(0.0, -1.0, 1.0)
    np.float64(0.49999999999999994)
    """
    return fnp.exp(logcdf(x, a, b, loc, scale))


def logsf(x, a, b, loc=0, scale=1):
    """``log((ndtr(b) - ndtr(y)) / (ndtr(b) - ndtr(a)))``.

    Examples
    --------
    >>> logsf(0.0, -1.0, 1.0)
    array(-0.69314718)
    """
    y, a, b, _ = _standard(x, a, b, loc, scale)
    inner = fnp.clip(y, a, b)
    value = _log_mass(inner, b) - _log_mass(a, b)
    return fnp.where(fnp.greater_equal(y, b), -math.inf, fnp.where(fnp.less_equal(y, a), 0.0,
                                                                   value))


def sf(x, a, b, loc=0, scale=1):
    """``exp(logsf)``.

    Examples
    --------
    >>> sf(0.0, -1.0, 1.0)
    np.float64(0.49999999999999994)
    """
    return fnp.exp(logsf(x, a, b, loc, scale))

def ppf(q, a, b, loc=0, scale=1):
    """The quantile, as SciPy computes it: in the left tail (``a < 0``)
    ``ndtri_exp(logaddexp(log_ndtr(a), log(q) + log_mass))``, else mirrored; a composite,
    differentiable in every argument.

    Examples
    --------
    >>> ppf(0.5, -1.0, 1.0)
    np.float64(0.0)
    """
    q, a, b = promote(q, a, b)
    left = fnp.less(a, 0)
    mass = _log_mass(a, b)
    # Each side on values where it is safe (the double-where idiom).
    q_l, a_l = fnp.where(left, q, 0.5), fnp.where(left, a, -1.0)
    q_r, b_r = fnp.where(left, 0.5, q), fnp.where(left, 1.0, b)
    x_left = quantiles.ndtri_exp(fnp.logaddexp(special.log_ndtr(a_l), fnp.log(q_l) + mass))
    x_right = -quantiles.ndtri_exp(fnp.logaddexp(special.log_ndtr(-b_r),
                                                 fnp.log1p(-q_r) + mass))
    x = fnp.where(left, x_left, x_right)
    return loc + scale * fnp.where(fnp.logical_and(fnp.greater_equal(q, 0), fnp.less_equal(q, 1)),
                                   x, fnp.nan)
