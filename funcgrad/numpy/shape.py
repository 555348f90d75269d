"""Shape composites: atleast_nd, flips, rotations, rolls, broadcasting several arrays.

The shape primitives (``reshape``, ``transpose``, ``broadcast_to``) and the views
built directly on them are in :mod:`funcgrad.primitives.shape`; ``concatenate``
and ``stack`` in :mod:`funcgrad.primitives.indexing`.
"""

from __future__ import annotations

import numpy as np

from ..primitives.indexing import concatenate, getitem
from ..primitives.shape import broadcast_to, moveaxis, normalize_axis, ravel, reshape, transpose
from ..primitives.util import canonical_axis, placeholder, shape_of

# ---------------------------------------------------------------------------
# Views: atleast_nd, flips, rotations, rolls, broadcasting several arrays
# ---------------------------------------------------------------------------

def _atleast(arys, ndim: int, where):
    out = []
    for a in arys:
        shape = shape_of(a)
        if len(shape) < ndim:
            a = reshape(a, where(shape))
        elif not hasattr(a, "_trace"):
            a = np.asarray(a)
        out.append(a)
    return out[0] if len(out) == 1 else tuple(out)


def atleast_1d(*arys):
    """Views with at least one dimension, as :func:`numpy.atleast_1d`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.atleast_1d(1.0)
    array([1.])
    """
    return _atleast(arys, 1, lambda s: (1,) if not s else s)


def atleast_2d(*arys):
    """Views with at least two dimensions, as :func:`numpy.atleast_2d`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.atleast_2d(fnp.ones(3)).shape
    (1, 3)
    """
    return _atleast(arys, 2, lambda s: (1,) * (2 - len(s)) + s)


def atleast_3d(*arys):
    """Views with at least three dimensions, as :func:`numpy.atleast_3d`.

    A 1-d array of length N becomes (1, N, 1); a 2-d (M, N) array becomes (M, N, 1).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.atleast_3d(fnp.ones(3)).shape
    (1, 3, 1)
    """
    return _atleast(arys, 3, lambda s: (1, 1, 1) if not s else (1,) + s + (1,) if len(s) == 1
                    else s + (1,))


def _reverse(a, axes):
    ndim = len(shape_of(a))
    index = [slice(None)] * ndim
    for ax in axes:
        index[ax] = slice(None, None, -1)
    return getitem(a, tuple(index))


def flip(m, axis=None):
    """Reverse the order of elements along the given axes (all when None), as :func:`numpy.flip`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.flip(fnp.asarray([[1.0, 2.0], [3.0, 4.0]]), 1)
    array([[2., 1.],
           [4., 3.]])
    """
    return _reverse(m, normalize_axis(axis, len(shape_of(m))))


def fliplr(m):
    """Reverse the columns (axis 1), as :func:`numpy.fliplr`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fliplr(fnp.asarray([[1.0, 2.0]]))
    array([[2., 1.]])
    """
    if len(shape_of(m)) < 2:
        raise ValueError("Input must be >= 2-d.")
    return _reverse(m, (1,))


def flipud(m):
    """Reverse the rows (axis 0), as :func:`numpy.flipud`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.flipud(fnp.asarray([1.0, 2.0]))
    array([2., 1.])
    """
    if len(shape_of(m)) < 1:
        raise ValueError("Input must be >= 1-d.")
    return _reverse(m, (0,))


def rot90(m, k=1, axes=(0, 1)):
    """Rotate by 90 degrees ``k`` times in the plane of ``axes``, as :func:`numpy.rot90`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.rot90(fnp.asarray([[1.0, 2.0], [3.0, 4.0]]))
    array([[2., 4.],
           [1., 3.]])
    """
    np.rot90(placeholder(m), k, axes)  # NumPy's own errors for bad axes
    ndim = len(shape_of(m))
    a0, a1 = (int(ax) % ndim for ax in axes)
    k %= 4
    if k == 0:
        return m if hasattr(m, "_trace") else np.asarray(m)
    if k == 2:
        return _reverse(m, (a0, a1))
    perm = list(range(ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return transpose(_reverse(m, (a1,)), tuple(perm))
    return _reverse(transpose(m, tuple(perm)), (a1,))


def roll(a, shift, axis=None):
    """Roll elements along the given axes (the flattened array when None), as :func:`numpy.roll`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.roll(fnp.asarray([1.0, 2.0, 3.0]), 1)
    array([3., 1., 2.])
    """
    if axis is None:
        return reshape(roll(ravel(a), shift, 0), shape_of(a))
    shape = shape_of(a)
    ndim = len(shape)
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    shifts = np.broadcast_to(np.asarray(shift), (len(axes),)) if np.ndim(shift) == 0 else \
        np.asarray(shift)
    pairs = np.broadcast_arrays(np.asarray(axes), shifts)
    total = {}
    for ax, sh in zip(*[p.ravel() for p in pairs]):
        ax = canonical_axis(ax, ndim)
        total[ax] = total.get(ax, 0) + int(sh)
    for ax, sh in total.items():
        n = shape[ax]
        if n == 0:
            continue
        sh %= n
        if sh == 0:
            continue
        head = [slice(None)] * ndim
        tail = [slice(None)] * ndim
        head[ax] = slice(n - sh, None)
        tail[ax] = slice(None, n - sh)
        a = concatenate([getitem(a, tuple(head)), getitem(a, tuple(tail))], axis=ax)
    return a if hasattr(a, "_trace") else np.asarray(a)


def broadcast_arrays(*args, subok=False):
    """Broadcast arrays against each other, as :func:`numpy.broadcast_arrays`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [x.shape for x in fnp.broadcast_arrays(fnp.ones((2, 1)), fnp.ones(3))]
    [(2, 3), (2, 3)]
    """
    shape = np.broadcast_shapes(*[shape_of(a) for a in args]) if args else ()
    if args:
        np.broadcast_arrays(*[placeholder(a) for a in args])  # NumPy's message on failure
    return tuple(broadcast_to(a, shape) for a in args)


def rollaxis(a, axis, start=0):
    """Roll ``axis`` backwards until it lies before ``start``, as :func:`numpy.rollaxis`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.rollaxis(fnp.ones((3, 4, 5)), 2).shape
    (5, 3, 4)
    """
    out_shape = np.rollaxis(placeholder(a), axis, start).shape
    ndim = len(shape_of(a))
    axis = canonical_axis(axis, ndim)
    start = start + ndim if start < 0 else start
    if axis < start:
        start -= 1
    if axis == start:
        return a
    out = moveaxis(a, axis, start)
    assert shape_of(out) == out_shape
    return out
