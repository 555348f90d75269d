"""Functions of 1-d sequences: convolve, correlate, interp, polyval, vander, bincount, ediff1d.

All are composites of gathers, products and sums, differentiable with respect
to every floating argument (the sample positions of ``interp`` included).
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives.comparisons import equal, greater, less
from ..primitives.elementwise import astype, conj, multiply, where
from ..primitives.indexing import concatenate, getitem, scatter_add, stack, take_along_axis
from ..primitives.products import matmul
from ..primitives.shape import ravel, reshape
from ..primitives.sorting import searchsorted
from ..primitives.util import dtype_of, is_traced, ones_like, shape_of, zeros_like
from .ufuncs import clip


def _check_1d(a, v, name):
    if len(shape_of(a)) != 1 or len(shape_of(v)) != 1:
        raise ValueError("object too deep for desired array")
    if shape_of(a)[0] == 0:
        raise ValueError("a cannot be empty")
    if shape_of(v)[0] == 0:
        raise ValueError("v cannot be empty")


def _full_convolution(a, v):
    n, m = shape_of(a)[0], shape_of(v)[0]
    zeros = np.zeros(m - 1, dtype_of(a))
    padded = concatenate([zeros, a, zeros]) if m > 1 else a
    windows = np.arange(n + m - 1)[:, None] + np.arange(m)[None, :]
    return matmul(getitem(padded, (windows,)), getitem(v, (slice(None, None, -1),)))


def convolve(a, v, mode="full"):
    """Discrete linear convolution of two 1-d sequences, as :func:`numpy.convolve`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.convolve(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([0.0, 1.0, 0.5]))
    array([0. , 1. , 2.5, 4. , 1.5])
    >>> fg.grad(lambda v: fnp.sum(fnp.convolve(fnp.ones(3), v, "valid")))(fnp.ones(2))
    array([2., 2.])
    """
    if not is_traced(a, v):
        return np.convolve(a, v, mode)
    _check_1d(a, v, "convolve")
    n, m = shape_of(a)[0], shape_of(v)[0]
    if m > n:
        a, v, n, m = v, a, m, n
    full = _full_convolution(a, v)
    if mode == "full":
        return full
    if mode == "same":
        start = (m - 1) // 2
        return getitem(full, (slice(start, start + n),))
    if mode == "valid":
        return getitem(full, (slice(m - 1, n),))
    raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")


def correlate(a, v, mode="valid"):
    """Cross-correlation of two 1-d sequences (``v`` conjugated), as :func:`numpy.correlate`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.correlate(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([0.0, 1.0, 0.5]), "same")
    array([2. , 3.5, 3. ])
    """
    if not is_traced(a, v):
        return np.correlate(a, v, mode)
    _check_1d(a, v, "correlate")
    if dtype_of(v).kind == "c":
        v = conj(v)
    return convolve(a, getitem(v, (slice(None, None, -1),)), mode)


def _gather(values, index):
    """``values[index]`` for a 1-d ``values`` and an index that may be traced."""
    if not isinstance(index, Tracer):
        return getitem(values, (np.asarray(index),))
    flat = ravel(index)
    return reshape(take_along_axis(values, flat, axis=0), shape_of(index))


def interp(x, xp, fp, left=None, right=None, period=None):
    """Piecewise-linear interpolation, as :func:`numpy.interp`.

    Differentiable with respect to ``x``, ``fp`` and ``xp``: between samples
    the slope is that of the segment; at a sample point the derivative in
    ``x`` is the slope of the segment to its right (NumPy's value is continuous
    there, the derivative is not). ``period`` is not supported.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> xp, fp = fnp.asarray([0.0, 1.0, 3.0]), fnp.asarray([0.0, 2.0, 3.0])
    >>> fnp.interp(fnp.asarray([0.5, 2.0, 5.0]), xp, fp)
    array([1. , 2.5, 3. ])
    >>> fg.grad(lambda x: fnp.interp(x, xp, fp))(2.0)
    array(0.5)
    """

    if period is not None:
        raise NotImplementedError("interp(period=...) is not supported by funcgrad.numpy")
    if len(shape_of(xp)) != 1 or len(shape_of(fp)) != 1:
        raise ValueError("object too deep for desired array")
    n = shape_of(xp)[0]
    if shape_of(fp)[0] != n:
        raise ValueError("fp and xp are not of the same length.")
    if n == 0:
        raise ValueError("array of sample points is empty")
    out_dtype = np.complex128 if dtype_of(fp).kind == "c" else np.float64
    if not is_traced(x, xp, fp, left, right):
        return np.interp(x, xp, fp, left, right)
    first = getitem(fp, (0,)) if left is None else left
    last = getitem(fp, (-1,)) if right is None else right
    if n == 1:
        result = where(less(x, getitem(xp, (0,))), first,
                       where(greater(x, getitem(xp, (0,))), last, getitem(fp, (0,))))
        return astype(result, out_dtype)

    i = clip(searchsorted(xp, x, side="right"), 1, n - 1)
    x0, x1 = _gather(xp, i - 1), _gather(xp, i)
    f0, f1 = _gather(fp, i - 1), _gather(fp, i)
    dx = x1 - x0
    t = (x - x0) / where(equal(dx, 0), 1, dx)
    result = f0 + t * (f1 - f0)
    result = where(less(x, getitem(xp, (0,))), first, result)
    result = where(greater(x, getitem(xp, (-1,))), last, result)
    return astype(result, out_dtype) if dtype_of(result) != out_dtype else result


def polyval(p, x):
    """The polynomial with coefficients ``p`` (highest power first) at ``x``.

    As :func:`numpy.polyval`, by Horner's rule; differentiable in both.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.polyval(fnp.asarray([1.0, 0.0, -2.0]), x))(3.0)   # 2x
    array(6.)
    """

    if isinstance(p, (list, tuple)) and not is_traced(*p):
        p = np.asarray(p)
    y = zeros_like(x)
    for k in range(shape_of(p)[0]):
        y = y * x + getitem(p, (k,))
    return y


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix of powers of ``x``, as :func:`numpy.vander`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.vander(fnp.asarray([1.0, 2.0, 3.0]), 3)
    array([[1., 1., 1.],
           [4., 2., 1.],
           [9., 3., 1.]])
    """
    if len(shape_of(x)) != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    n = shape_of(x)[0] if N is None else int(N)
    dtype = np.promote_types(dtype_of(x), int)
    x = astype(x, dtype) if dtype_of(x) != dtype else x
    columns = []
    power = ones_like(x)
    for k in range(n):
        columns.append(power)
        if k + 1 < n:
            power = multiply(power, x)
    if not columns:
        return np.zeros((shape_of(x)[0], 0), dtype)
    out = stack(columns, axis=1)
    return out if increasing else getitem(out, (slice(None), slice(None, None, -1)))


def bincount(x, /, weights=None, minlength=0):
    """Counts (or sums of ``weights``) per non-negative integer in ``x``, as :func:`numpy.bincount`.

    ``x`` must be concrete; the result is differentiable with respect to ``weights``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.bincount([0, 2, 2], weights=fnp.asarray([0.5, 1.0, 2.0]))
    array([0.5, 0. , 3. ])
    """
    x = np.asarray(full_lower(x))
    if weights is None or not isinstance(weights, Tracer):
        return np.bincount(x, weights=None if weights is None else np.asarray(weights),
                           minlength=minlength)
    counts = np.bincount(x, minlength=minlength)   # NumPy's errors for bad x
    if shape_of(weights) != x.shape:
        raise ValueError("The weights and list don't have the same length.")
    w = astype(weights, np.float64) if dtype_of(weights) != np.float64 else weights
    return scatter_add(np.zeros(len(counts)), (x,), w)


def ediff1d(ary, to_end=None, to_begin=None):
    """Differences of consecutive elements of the flattened array, as :func:`numpy.ediff1d`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ediff1d(fnp.asarray([1.0, 4.0, 9.0]), to_begin=-1.0)
    array([-1.,  3.,  5.])
    """
    flat = ravel(ary)
    dtype = dtype_of(flat)
    n = shape_of(flat)[0]
    parts = [getitem(flat, (slice(1, None),)) - getitem(flat, (slice(None, n - 1),))]
    if to_begin is not None:
        parts.insert(0, astype(ravel(to_begin), dtype))
    if to_end is not None:
        parts.append(astype(ravel(to_end), dtype))
    return concatenate(parts) if len(parts) > 1 else parts[0]
