"""Order statistics (median, quantile, percentile, by sorting), and the index
functions that need concrete values (nonzero, flatnonzero, argwhere, one-argument
where). The sorting primitives are in :mod:`funcgrad.primitives.sorting`.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives import elementwise
from ..primitives.comparisons import logical_not
from ..primitives.elementwise import astype, minimum
from ..primitives.indexing import getitem, take_along_axis
from ..primitives.piecewise import around, ceil, floor, isnan
from ..primitives.reductions import any as _any
from ..primitives.reductions import sum as _sum
from ..primitives.shape import (
    broadcast_to,
    expand_dims,
    moveaxis,
    normalize_axis,
    reshape,
    transpose,
)
from ..primitives.sorting import sort
from ..primitives.util import dtype_of, reject_out, shape_of
from .reductions import mean
from .ufuncs import clip


def where(condition, x=None, y=None):
    """Choose from ``x`` where ``condition`` holds, else from ``y``, as :func:`numpy.where`;
    with ``condition`` alone, the indices where it holds (:func:`nonzero`).

    The derivative flows only to the chosen side. A NaN in the side not chosen
    still poisons a gradient if it comes from a NaN *derivative*: guard the
    input too (the double-``where`` idiom, see the sharp bits page).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.where(x > 0, x ** 2, -x))
    >>> fg.grad(f)(fnp.asarray([-1.0, 3.0]))
    array([-1.,  6.])
    >>> fnp.where(fnp.asarray([0.0, 2.0]) > 1)
    (array([1]),)
    """
    if x is None and y is None:
        return nonzero(condition)  # NumPy's one-argument form: indices, no derivative
    return elementwise.where(condition, x, y)


def _concrete(a) -> np.ndarray:
    return np.asarray(full_lower(a))


def nonzero(a):
    """Indices of the non-zero elements, as :func:`numpy.nonzero` (from concrete values).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.nonzero(fnp.asarray([0.0, 2.0, 3.0]))
    (array([1, 2]),)
    """
    return np.nonzero(_concrete(a))


def flatnonzero(a):
    """Indices of the non-zero elements of the flattened array, as :func:`numpy.flatnonzero`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.flatnonzero(fnp.asarray([[0.0, 2.0], [3.0, 0.0]]))
    array([1, 2])
    """
    return np.flatnonzero(_concrete(a))


def argwhere(a):
    """Indices of the non-zero elements, grouped by element, as :func:`numpy.argwhere`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.argwhere(fnp.asarray([0.0, 2.0]))
    array([[1]])
    """
    return np.argwhere(_concrete(a))


# ---------------------------------------------------------------------------
# Order statistics: median, quantile, percentile (by sorting)
# ---------------------------------------------------------------------------

def _sorted_last(a, axis):
    """``a`` with the reduced axes moved last, flattened into one, and sorted."""
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    rest = [i for i in range(len(shape)) if i not in axes]
    n = int(np.prod([shape[i] for i in axes], dtype=np.int64))
    flat = reshape(transpose(a, tuple(rest + list(axes))), tuple(shape[i] for i in rest) + (n,))
    return sort(flat, axis=-1), axes, n


def _restore_kept(out, axes, keepdims, lead: int = 0):
    if not keepdims:
        return out
    return expand_dims(out, tuple(lead + ax for ax in axes))


def _nan_guard(a, axis, keepdims, out):
    if dtype_of(a).kind not in "fc":
        return out
    return where(_any(isnan(a), axis=axis, keepdims=keepdims), np.nan, out)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Median along the given axes, as :func:`numpy.median` (NaN if a slice has a NaN).

    The derivative goes to the middle element (half each to the two middle
    elements of an even-length slice).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.median)(fnp.asarray([3.0, 1.0, 4.0, 2.0]))
    array([0.5, 0. , 0. , 0.5])
    """
    reject_out("median", out)
    s, axes, n = _sorted_last(a, axis)
    if n == 0:
        raise IndexError("index -1 is out of bounds for axis 0 with size 0")
    middle = s[..., (n - 1) // 2: n // 2 + 1]
    result = mean(middle, axis=-1)
    result = _restore_kept(result, axes, keepdims)
    return _nan_guard(a, axis, keepdims, result)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, weights=None):
    """The ``q``-th quantiles along the given axes, as :func:`numpy.quantile`.

    ``method='linear'`` (NumPy's default), ``'lower'``, ``'higher'``,
    ``'nearest'`` and ``'midpoint'`` are supported; ``q`` must be concrete.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.quantile(x, 0.25))(fnp.asarray([1.0, 2.0, 3.0, 4.0, 5.0]))
    array([0., 1., 0., 0., 0.])
    """
    reject_out("quantile", out)
    return quantile_along(a, q, axis, method, keepdims, weights, ignore_nan=False)


_METHODS = ("linear", "lower", "higher", "nearest", "midpoint")


def quantile_along(a, q, axis, method, keepdims, weights, *, ignore_nan):
    """Quantiles by sorting; with ``ignore_nan`` each slice counts only its non-NaN values.

    The positions are computed with funcgrad.numpy operations from the count of
    values, so the NaN-ignoring version stages too (its gather indices are
    then traced and go through ``take_along_axis``).
    """
    name = "nanquantile" if ignore_nan else "quantile"
    if weights is not None:
        raise NotImplementedError(f"{name}(weights=...) is not supported by funcgrad.numpy")
    if method not in _METHODS:
        raise NotImplementedError(f"{name}(method={method!r}) is not supported by "
                                  f"funcgrad.numpy ({', '.join(_METHODS)})")
    q_dtype = _weak_dtype(q)
    q = np.asarray(full_lower(q), dtype=np.float64)
    if np.any((q < 0) | (q > 1)):
        raise ValueError("Quantiles must be in the range [0, 1]")
    s, axes, n = _sorted_last(a, axis)
    nan_aware = ignore_nan and dtype_of(a).kind in "fc"
    if nan_aware:
        count = _sum(logical_not(isnan(s)), axis=-1, keepdims=True)   # NaNs sort last
    else:
        count = n
    virtual = (count - 1) * q.reshape(-1)
    rounding = {"higher": ceil, "nearest": around}.get(method, floor)
    lo = rounding(virtual)
    frac = virtual - lo
    hi = minimum(lo + 1, count - 1) if method in ("linear", "midpoint") else lo
    if method == "midpoint":
        frac = where(frac == 0, 0.0, 0.5)
    elif method not in ("linear",):
        frac = frac * 0.0
    dtype = np.result_type(dtype_of(s), q_dtype)
    if dtype.kind not in "fc":
        dtype = np.dtype(np.float64)
    below, above = _gather_last(s, lo, n), _gather_last(s, hi, n)
    below, above = astype(below, dtype), astype(above, dtype)
    t = astype(frac, dtype)
    diff = above - below
    result = where(t >= 0.5, above - diff * (1 - t), below + diff * t)
    result = reshape(result, shape_of(result)[:-1] + q.shape)
    # q's axes come first, as in NumPy.
    qdims = q.ndim
    nrest = len(shape_of(result)) - qdims
    if qdims:
        result = moveaxis(result, tuple(range(nrest, nrest + qdims)), tuple(range(qdims)))
    result = _restore_kept(result, axes, keepdims, lead=qdims)
    if dtype_of(a).kind in "fc" and not ignore_nan:
        result = where(_any(isnan(a), axis=axis, keepdims=keepdims), np.nan, result)
    return result


def _gather_last(s, index, n):
    """``s[..., index]`` for static positions, ``take_along_axis`` for computed ones."""
    if not isinstance(index, Tracer):
        index = np.clip(np.asarray(index), 0, max(n - 1, 0)).astype(np.intp)
        if index.ndim <= 1:
            return getitem(s, (Ellipsis, index))
    index = astype(clip(index, 0, max(n - 1, 0)), np.intp)
    shape = np.broadcast_shapes(shape_of(s)[:-1] + (1,), shape_of(index))
    return take_along_axis(s, broadcast_to(index, shape), axis=-1)


def _weak_dtype(q):
    """``q``'s dtype for promotion: a Python float is weak (NEP 50), an array is float64."""
    if isinstance(q, (int, float)):
        return q
    return np.asarray(full_lower(q)).dtype if not hasattr(q, "dtype") else q.dtype


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, weights=None):
    """The ``q``-th percentiles (``q`` in ``[0, 100]``), as :func:`numpy.percentile`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.percentile(fnp.asarray([1.0, 2.0, 3.0, 4.0, 5.0]), [25, 50])
    array([2., 3.])
    """
    return quantile(a, percent_to_fraction(q), axis, out, overwrite_input, method, keepdims,
                    weights=weights)


def percent_to_fraction(q):
    """Percentiles ``q`` (checked to lie in ``[0, 100]``) as the fractions ``quantile`` takes;
    a Python scalar stays a Python float (weak in dtype promotion)."""
    scalar = isinstance(q, (int, float))
    q = np.asarray(full_lower(q), dtype=np.float64)
    if np.any((q < 0) | (q > 100)):
        raise ValueError("Percentiles must be in the range [0, 100]")
    return float(q) / 100 if scalar else q / 100


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """``a`` rearranged so the ``kth`` entries are where sorting puts them, as
    :func:`numpy.partition` (the same arrangement NumPy gives, values flow through).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.partition(fnp.asarray([3.0, 1.0, 2.0]), 1)
    array([1., 2., 3.])
    >>> fg.grad(lambda x: fnp.partition(x, 0)[0])(fnp.asarray([3.0, 1.0, 2.0]))
    array([0., 1., 0.])
    """
    if order is not None:
        raise TypeError("partition: the order argument (structured arrays) is not supported")
    if axis is None:
        a, axis = reshape(a, (-1,)), 0
    index = np.argpartition(np.asarray(full_lower(a)), kth, axis=axis, kind=kind)
    return take_along_axis(a, index, axis=axis)
