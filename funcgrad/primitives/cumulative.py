"""Running sums and products, differences, and the trapezoidal rule."""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, deflinear, deftorch
from .batching import defbatch_axis
from .elementwise import astype
from .indexing import concatenate, getitem
from .shape import reshape, swapaxes
from .util import canonical_axis, dtype_of, is_traced, reject_out, shape_of


def along(axis: int, ndim: int, s: slice) -> tuple:
    return (slice(None),) * axis + (s,) + (slice(None),) * (ndim - axis - 1)


def _flip(x, axis: int):
    return getitem(x, along(axis, len(shape_of(x)), slice(None, None, -1)))


def _prepare(a, axis, dtype):
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    axis = canonical_axis(axis, len(shape_of(a)))
    if dtype is not None:
        a = astype(a, dtype)
    elif dtype_of(a) == np.bool_:
        a = astype(a, np.int64)
    return a, axis


# ---------------------------------------------------------------------------
# cumsum: linear; its transpose is the running sum from the other end
# ---------------------------------------------------------------------------

def _cumsum(x, *, axis):
    return np.cumsum(x, axis=axis)


cumsum_p = Primitive("cumsum", _cumsum)
deftorch(cumsum_p, "CumsumBackward0")
defbatch_axis(cumsum_p, none_means_all=False)
deflinear(cumsum_p, lambda g, ans, x, *, axis: _flip(cumsum_p.bind(_flip(g, axis), axis=axis),
                                                     axis))


def cumsum(a, axis=None, dtype=None, out=None):
    """Running sum along ``axis`` (flattened when None), as :func:`numpy.cumsum`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.cumsum(x)))(fnp.asarray([1.0, 2.0, 3.0]))
    array([3., 2., 1.])
    """
    reject_out("cumsum", out)
    a, axis = _prepare(a, axis, dtype)
    return cumsum_p.bind(a, axis=axis)


# ---------------------------------------------------------------------------
# cumprod: a scan of multiplications, so every derivative is exact at zeros
# ---------------------------------------------------------------------------

def scan_mul_last(x):
    """Running products along the last axis by doubling strides: ``log2(n)`` multiplies."""
    n = shape_of(x)[-1]
    k = 1
    while k < n:
        lead = np.ones(shape_of(x)[:-1] + (k,), dtype_of(x))
        x = x * concatenate([lead, x[..., : n - k]], axis=-1)
        k *= 2
    return x


def cumprod(a, axis=None, dtype=None, out=None):
    """Running product along ``axis`` (flattened when None), as :func:`numpy.cumprod`.

    On traced values it is computed as JAX computes it, by a scan of
    multiplications (``log2(n)`` steps), so its derivatives of every order are
    exact where the input has zeros. Values agree with NumPy's to rounding.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.cumprod(x)[-1])(fnp.asarray([2.0, 0.0, 3.0]))
    array([0., 6., 0.])
    """
    reject_out("cumprod", out)
    a, axis = _prepare(a, axis, dtype)
    if not is_traced(a):
        return np.cumprod(a, axis=axis)
    last = len(shape_of(a)) - 1
    return swapaxes(scan_mul_last(swapaxes(a, axis, last)), axis, last)


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Running sum with an optional leading 0, as :func:`numpy.cumulative_sum`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.cumulative_sum(fnp.asarray([1.0, 2.0]), include_initial=True)
    array([0., 1., 3.])
    """
    return _cumulative(cumsum, 0, x, axis, dtype, out, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Running product with an optional leading 1, as :func:`numpy.cumulative_prod`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.cumulative_prod(fnp.asarray([2.0, 3.0]), include_initial=True)
    array([1., 2., 6.])
    """
    return _cumulative(cumprod, 1, x, axis, dtype, out, include_initial)


def _cumulative(run, identity, x, axis, dtype, out, include_initial):
    ndim = len(shape_of(x))
    if axis is None:
        if ndim > 1:
            raise ValueError("axis must be specified for multi-dimensional arrays")
        axis = 0
    result = run(x, axis, dtype, out)
    if not include_initial:
        return result
    axis = canonical_axis(axis, max(ndim, 1))
    shape = list(shape_of(result))
    shape[axis] = 1
    return concatenate([np.full(shape, identity, dtype_of(result)), result], axis=axis)


# ---------------------------------------------------------------------------
# Differences and the trapezoidal rule
# ---------------------------------------------------------------------------
