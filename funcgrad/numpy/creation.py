"""Array creation: constants for every transform, and traced values passed through."""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives.elementwise import astype
from ..primitives.indexing import (  # noqa: F401 - NumPy's names, declared with stack
    array,
    as_inexact,
    asarray,
    stack,
)
from ..primitives.shape import broadcast_to, moveaxis, reshape
from ..primitives.util import (  # noqa: F401 - NumPy's names, kept with the value helpers
    contains_tracer,
    dtype_of,
    is_traced,
    like_shape,
    ones_like,
    shape_of,
    zeros_like,
)
from ._array import at
from .shape import broadcast_arrays


def asanyarray(a, dtype=None):
    """Same as :func:`asarray` (funcgrad has no ndarray subclasses).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.asanyarray([1, 2])
    array([1, 2])
    """
    return asarray(a, dtype)


def copy(a, order="K", subok=False):
    """A copy of ``a``, as :func:`numpy.copy`; a traced value is returned as it is (immutable).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.copy(x) * 2)(1.0)
    array(2.)
    """
    return a if isinstance(a, Tracer) else np.array(a, copy=True, order=order, subok=subok)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array like ``a`` filled with ``fill_value`` (a constant unless the fill is traced).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.full_like(fnp.asarray([1.0, 2.0]), 7)
    array([7., 7.])
    """
    dtype = dtype_of(a) if dtype is None else np.dtype(dtype)
    shape = like_shape(a, shape)
    if isinstance(fill_value, Tracer):
        return broadcast_to(astype(fill_value, dtype), shape)
    return np.full(shape, fill_value, dtype=dtype)


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array like ``prototype`` (zeros: funcgrad never exposes uninitialised memory).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.empty_like(fnp.asarray([1.0, 2.0])).shape
    (2,)
    """
    return full_like(prototype, 0, dtype, order, subok, shape)


def shape(a):
    """The shape of ``a``, as :func:`numpy.shape`; works on traced values.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.shape([[1, 2, 3]])
    (1, 3)
    """
    return shape_of(a)


def ndim(a):
    """The number of dimensions of ``a``, as :func:`numpy.ndim`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ndim(fnp.ones((2, 3)))
    2
    """
    return len(shape_of(a))


def size(a, axis=None):
    """The number of elements of ``a`` (along ``axis``), as :func:`numpy.size`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.size(fnp.ones((2, 3)))
    6
    """
    s = shape_of(a)
    if axis is None:
        return int(np.prod(s, dtype=np.int64))
    return s[axis]


def result_type(*arrays_and_dtypes):
    """NumPy's type promotion, as :func:`numpy.result_type`, for traced values too.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.result_type(fnp.ones(2, np.float32), 1.0)
    dtype('float32')
    """
    return np.result_type(*[a.dtype if isinstance(a, Tracer) else a for a in arrays_and_dtypes])


def iscomplexobj(x):
    """Whether ``x`` has a complex dtype, as :func:`numpy.iscomplexobj`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.iscomplexobj(fnp.asarray([1.0]))
    False
    """
    return dtype_of(x).kind == "c"


def isrealobj(x):
    """Whether ``x`` does not have a complex dtype, as :func:`numpy.isrealobj`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.isrealobj(fnp.asarray([1.0]))
    True
    """
    return not iscomplexobj(x)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether all elements are close, as :func:`numpy.allclose` (a Python bool; needs values).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.allclose(fnp.asarray([1.0, 2.0]), [1.0, 2.0 + 1e-9])
    True
    """
    return bool(np.allclose(full_lower(a), full_lower(b), rtol, atol, equal_nan))


def array_equal(a1, a2, equal_nan=False):
    """Whether two arrays have the same shape and elements, as :func:`numpy.array_equal`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.array_equal(fnp.asarray([1.0, 2.0]), [1.0, 2.0])
    True
    """
    return bool(np.array_equal(full_lower(a1), full_lower(a2), equal_nan=equal_nan))


def full(shape, fill_value, dtype=None, order="C"):
    """An array of ``shape`` filled with ``fill_value``, as :func:`numpy.full`.

    A traced fill value is broadcast (its derivative sums over the copies).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda v: fnp.sum(fnp.full((2, 3), v)))(1.5)
    array(6.)
    """
    if not isinstance(fill_value, Tracer) and not _is_traced_list(fill_value):
        return np.full(shape, fill_value, dtype=dtype, order=order)
    value = asarray(fill_value)
    if dtype is not None and np.dtype(dtype) != value.dtype:
        value = astype(value, dtype)
    return broadcast_to(value, (shape,) if np.ndim(shape) == 0 else tuple(shape))


def _is_traced_list(x):
    return isinstance(x, (list, tuple)) and contains_tracer(x)


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate arrays from coordinate vectors, as :func:`numpy.meshgrid`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [g.shape for g in fnp.meshgrid(fnp.ones(3), fnp.ones(2))]
    [(2, 3), (2, 3)]
    """
    if not is_traced(*xi):
        return np.meshgrid(*xi, copy=copy, sparse=sparse, indexing=indexing)
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = len(xi)
    ones = (1,) * ndim
    out = [reshape(x, ones[:i] + (-1,) + ones[i + 1:]) for i, x in enumerate(xi)]
    if indexing == "xy" and ndim > 1:
        out[0] = reshape(out[0], (1, -1) + ones[2:])
        out[1] = reshape(out[1], (-1, 1) + ones[2:])
    if not sparse:
        out = list(broadcast_arrays(*out))
    return tuple(out)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *,
             device=None):
    """Evenly spaced numbers over an interval, as :func:`numpy.linspace`.

    Differentiable with respect to traced ``start`` and ``stop``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jacfwd(lambda b: fnp.linspace(0.0, b, 3))(2.0)
    array([0. , 0.5, 1. ])
    """
    if not is_traced(start, stop):
        return np.linspace(start, stop, num, endpoint, retstep, dtype, axis)
    num = int(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    dt = np.result_type(*[dtype_of(v) if isinstance(v, Tracer) else v for v in (start, stop)],
                        float(num))
    start = astype(start, dt) if dtype_of(start) != dt else start
    stop = astype(stop, dt) if dtype_of(stop) != dt else stop
    delta = stop - start
    shape = shape_of(delta)
    div = (num - 1) if endpoint else num
    steps = np.arange(num, dtype=dt).reshape((-1,) + (1,) * len(shape))
    if div > 0:
        step = delta / div
        y = steps * step + start
    else:
        step = delta * np.nan
        y = steps * delta + start
    if endpoint and num > 1:
        y = at(y)[-1].set(broadcast_to(stop, shape))
    if axis != 0:
        y = moveaxis(y, 0, axis)
    if dtype is not None and np.dtype(dtype) != dt:
        y = astype(y, dtype)
    y = reshape(y, shape_of(y))
    return (y, step) if retstep else y
