"""NaN-ignoring reductions: NaNs are replaced by the reduction's identity (or left
out of the count), so their derivative is 0 and they never poison the others'.

The replacement is the double-``where`` idiom: a NaN never reaches an operation
whose derivative would be multiplied by the zero cotangent of a masked value.
"""

from __future__ import annotations

import numpy as np

from ..primitives.comparisons import logical_and, logical_not
from ..primitives.cumulative import cumsum
from ..primitives.elementwise import sqrt
from ..primitives.elementwise import where as _select
from ..primitives.piecewise import isnan
from ..primitives.reductions import all, amax, amin, mask_of, prod, sum
from ..primitives.sorting import argmax, argmin
from ..primitives.util import concrete_or_none, dtype_of, is_inexact, reject_out
from .cumulative import cumprod
from .reductions import mean, var
from .sorting import percent_to_fraction, quantile_along


def _replace_nan(a, value):
    """``a`` with its NaNs replaced by ``value`` (unchanged when its dtype has no NaN)."""
    return _select(isnan(a), value, a) if is_inexact(dtype_of(a)) else a


def nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    """Sum treating NaNs as 0, as :func:`numpy.nansum`; NaNs get zero derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.nansum)(fnp.asarray([1.0, np.nan, 2.0]))
    array([1., 0., 1.])
    """
    return sum(_replace_nan(a, 0), axis, dtype, out, keepdims, initial, where)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    """Product treating NaNs as 1, as :func:`numpy.nanprod`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanprod(fnp.asarray([2.0, np.nan, 3.0]))
    np.float64(6.0)
    """
    return prod(_replace_nan(a, 1), axis, dtype, out, keepdims, initial, where)


def _not_nan(a, where_):
    keep = logical_not(isnan(a))
    mask = mask_of(a, where_)
    if mask is not None:

        keep = logical_and(keep, mask)
    return keep


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    """Mean ignoring NaNs, as :func:`numpy.nanmean`.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.nanmean)(fnp.asarray([1.0, np.nan, 3.0]))
    array([0.5, 0. , 0.5])
    """
    if not is_inexact(dtype_of(a)):
        return mean(a, axis, dtype, out, keepdims, where=where)
    keep = _not_nan(a, where)
    return mean(_select(keep, a, 0), axis, dtype, out, keepdims, where=keep)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
           mean=None, correction=None):  # noqa: A002
    """Variance ignoring NaNs, as :func:`numpy.nanvar`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanvar(fnp.asarray([1.0, np.nan, 3.0]))
    np.float64(1.0)
    """
    if is_inexact(dtype_of(a)):
        where = _not_nan(a, where)
        a = _replace_nan(a, 0)  # the double-where idiom: no NaN reaches a derivative
    return var(a, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
               correction=correction)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
           mean=None, correction=None):  # noqa: A002
    """Standard deviation ignoring NaNs, as :func:`numpy.nanstd`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanstd(fnp.asarray([1.0, np.nan, 3.0]))
    np.float64(1.0)
    """
    return sqrt(nanvar(a, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
                       correction=correction))


def _nan_extreme(reduce, a, axis, out, keepdims, initial, where_, fill):
    if not is_inexact(dtype_of(a)):
        return reduce(a, axis, out, keepdims, initial, where_)
    nan = isnan(a)
    result = reduce(_select(nan, fill, a), axis, out, keepdims, initial, where_)
    return _select(all(nan, axis=axis, keepdims=keepdims), np.nan, result)


def nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Maximum ignoring NaNs, as :func:`numpy.nanmax` (NaN where a slice is all NaN).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.nanmax)(fnp.asarray([1.0, np.nan, 3.0]))
    array([0., 0., 1.])
    """
    return _nan_extreme(amax, a, axis, out, keepdims, initial, where, -np.inf)


def nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Minimum ignoring NaNs, as :func:`numpy.nanmin` (NaN where a slice is all NaN).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.nanmin)(fnp.asarray([1.0, np.nan, 3.0]))
    array([1., 0., 0.])
    """
    return _nan_extreme(amin, a, axis, out, keepdims, initial, where, np.inf)


def nancumsum(a, axis=None, dtype=None, out=None):
    """Running sum treating NaNs as 0, as :func:`numpy.nancumsum`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nancumsum(fnp.asarray([1.0, np.nan, 2.0]))
    array([1., 1., 3.])
    """
    return cumsum(_replace_nan(a, 0), axis, dtype, out)


def nancumprod(a, axis=None, dtype=None, out=None):
    """Running product treating NaNs as 1, as :func:`numpy.nancumprod`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nancumprod(fnp.asarray([2.0, np.nan, 3.0]))
    array([2., 2., 6.])
    """
    return cumprod(_replace_nan(a, 1), axis, dtype, out)


# ---------------------------------------------------------------------------
# Index and order statistics ignoring NaNs
# ---------------------------------------------------------------------------

def _nan_arg_extreme(arg_extreme, a, axis, out, keepdims, fill):
    """``argmax``/``argmin`` with NaNs replaced by ``fill``; NumPy's error for an all-NaN slice."""
    if not is_inexact(dtype_of(a)):
        return arg_extreme(a, axis, out, keepdims=keepdims)
    values = concrete_or_none(a)  # staged: NumPy's check needs values
    if values is not None and np.any(np.all(np.isnan(values), axis=axis)):
        raise ValueError("All-NaN slice encountered")
    return arg_extreme(_replace_nan(a, fill), axis, out, keepdims=keepdims)


def nanargmax(a, axis=None, out=None, *, keepdims=False):
    """Index of the maximum ignoring NaNs, as :func:`numpy.nanargmax`; no derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanargmax(fnp.asarray([1.0, np.nan, 3.0]))
    np.int64(2)
    """
    return _nan_arg_extreme(argmax, a, axis, out, keepdims, -np.inf)


def nanargmin(a, axis=None, out=None, *, keepdims=False):
    """Index of the minimum ignoring NaNs, as :func:`numpy.nanargmin`; no derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanargmin(fnp.asarray([1.0, np.nan, -3.0]))
    np.int64(2)
    """
    return _nan_arg_extreme(argmin, a, axis, out, keepdims, np.inf)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False, *, weights=None):
    """Quantiles ignoring NaNs, as :func:`numpy.nanquantile` (NaN for an all-NaN slice).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.nanquantile(x, 0.5))(fnp.asarray([4.0, np.nan, 1.0, 2.0]))
    array([0., 0., 0., 1.])
    """
    reject_out("nanquantile", out)
    return quantile_along(a, q, axis, method, keepdims, weights, ignore_nan=True)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                  keepdims=False, *, weights=None):
    """Percentiles ignoring NaNs (``q`` in ``[0, 100]``), as :func:`numpy.nanpercentile`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nanpercentile(fnp.asarray([1.0, np.nan, 3.0]), 50)
    array(2.)
    """
    return nanquantile(a, percent_to_fraction(q), axis, out, overwrite_input, method, keepdims,
                       weights=weights)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Median ignoring NaNs, as :func:`numpy.nanmedian` (NaN for an all-NaN slice).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.nanmedian)(fnp.asarray([4.0, np.nan, 1.0, 2.0]))
    array([0., 0., 0., 1.])
    """
    return nanquantile(a, 0.5, axis, out, overwrite_input, "linear", keepdims)
