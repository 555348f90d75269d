"""Running products, NumPy 2's ``cumulative_*``, differences and integrals: composites.

``cumprod`` is a scan of multiplications (exact derivatives at zeros);
``cumulative_sum``/``cumulative_prod`` add NumPy 2's ``include_initial``;
``diff`` and ``trapezoid`` are composites of slicing. The ``cumsum`` primitive is
in :mod:`funcgrad.primitives.cumulative`.
"""

from __future__ import annotations

import numpy as np

from ..primitives.cumulative import along, cumsum, cumulative_operand, scan_mul_last
from ..primitives.elementwise import astype
from ..primitives.indexing import concatenate, getitem
from ..primitives.reductions import sum as _sum
from ..primitives.shape import broadcast_to, reshape, swapaxes
from ..primitives.util import canonical_axis, dtype_of, is_traced, reject_out, shape_of


def diff(a, n=1, axis=-1, prepend=None, append=None):
    """The ``n``-th discrete difference along ``axis``, as :func:`numpy.diff`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.diff(x) ** 2))(fnp.asarray([1.0, 2.0, 4.0]))
    array([-2., -2.,  4.])
    """

    if n == 0:
        return a
    if n < 0:
        raise ValueError(f"order must be non-negative but got {n!r}")
    ndim = len(shape_of(a))
    if ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = canonical_axis(axis, ndim)
    if prepend is not None or append is not None:
        pieces = ([prepend_part(prepend, a, axis)] if prepend is not None else []) + [a] + (
            [prepend_part(append, a, axis)] if append is not None else [])
        a = concatenate(pieces, axis=axis)
    for _ in range(n):
        length = shape_of(a)[axis]
        hi = getitem(a, along(axis, ndim, slice(1, None)))
        lo = getitem(a, along(axis, ndim, slice(None, length - 1)))
        a = (hi != lo) if dtype_of(a) == np.bool_ else hi - lo
    return a


def prepend_part(extra, a, axis):
    """``prepend``/``append`` of :func:`diff` as an array that joins ``a`` along ``axis``."""
    if len(shape_of(extra)) == 0:
        shape = list(shape_of(a))
        shape[axis] = 1
        return broadcast_to(extra, tuple(shape))
    return extra


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integral of ``y`` by the trapezoidal rule, as :func:`numpy.trapezoid`.

    Differentiable with respect to ``y`` and to the sample points ``x``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.trapezoid)(fnp.asarray([1.0, 2.0, 3.0]))
    array([0.5, 1. , 0.5])
    """
    ndim = len(shape_of(y))
    axis = canonical_axis(axis, ndim)
    length = shape_of(y)[axis]
    if x is None:
        d = dx
    elif len(shape_of(x)) == 1:
        d = diff(x)
        shape = [1] * ndim
        shape[axis] = shape_of(d)[0]
        d = reshape(d, tuple(shape))
    else:
        d = diff(x, axis=axis)
    hi = getitem(y, along(axis, ndim, slice(1, None)))
    lo = getitem(y, along(axis, ndim, slice(None, length - 1)))
    return _sum(d * (hi + lo) / 2.0, axis=axis)


def gradient(f, *varargs, axis=None, edge_order=1):
    """The gradient of sampled values by central differences, as :func:`numpy.gradient`.

    Interior points use ``(f[i+1] - f[i-1]) / 2h``, the ends one-sided
    differences of order ``edge_order`` (1 or 2). Spacings are scalars (one for
    all axes, or one per axis). Several axes give a tuple, one array per axis.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.gradient(fnp.asarray([1.0, 2.0, 4.0, 7.0]))
    array([1. , 1.5, 2.5, 3. ])
    >>> fg.grad(lambda x: fnp.sum(fnp.gradient(x) ** 2))(fnp.asarray([1.0, 2.0, 4.0]))
    array([-3.5, -2. ,  5.5])
    """
    ndim = len(shape_of(f))
    if axis is None:
        axes = tuple(range(ndim))
    elif isinstance(axis, (tuple, list)):
        axes = tuple(canonical_axis(a, ndim) for a in axis)
    else:
        axes = (canonical_axis(axis, ndim),)
    if not varargs:
        spacing = [1.0] * len(axes)
    elif len(varargs) == 1 and np.ndim(varargs[0]) == 0:
        spacing = [varargs[0]] * len(axes)
    elif len(varargs) == len(axes) and all(np.ndim(h) == 0 for h in varargs):
        spacing = list(varargs)
    else:
        raise NotImplementedError(
            "funcgrad.numpy.gradient supports scalar spacings (one, or one per axis); for "
            "coordinate arrays compute the differences with funcgrad.numpy.diff"
        )
    if edge_order not in (1, 2):
        raise ValueError("'edge_order' greater than 2 not supported")
    if not np.issubdtype(dtype_of(f), np.inexact):
        f = astype(f, np.float64)
    out = [_gradient_along(f, ax, ndim, h, edge_order) for ax, h in zip(axes, spacing)]
    return out[0] if len(out) == 1 else tuple(out)


def _gradient_along(f, axis, ndim, h, edge_order):
    n = shape_of(f)[axis]
    if n < edge_order + 1:
        raise ValueError("Shape of array too small to calculate a numerical gradient, at "
                         "least (edge_order + 1) elements are required.")

    def at(sl):
        return getitem(f, along(axis, ndim, sl))

    interior = (at(slice(2, None)) - at(slice(None, n - 2))) / (2.0 * h)
    if edge_order == 1:
        first = (at(slice(1, 2)) - at(slice(0, 1))) / h
        last = (at(slice(n - 1, n)) - at(slice(n - 2, n - 1))) / h
    else:
        first = (-1.5 * at(slice(0, 1)) + 2.0 * at(slice(1, 2)) - 0.5 * at(slice(2, 3))) / h
        last = (0.5 * at(slice(n - 3, n - 2)) - 2.0 * at(slice(n - 2, n - 1))
                + 1.5 * at(slice(n - 1, n))) / h
    return concatenate([first, interior, last], axis=axis)


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
    a, axis = cumulative_operand(a, axis, dtype)
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
