"""Shape primitives: reshape, transpose, broadcast_to, concatenate; and what builds on them."""

from __future__ import annotations

import math

import numpy as np

from ..core.primitive import Primitive, deflinear
from ._batching import batch_size, bdim_to_front, pad_rank_after_batch
from ._util import canonical_axis, placeholder, shape_of

# ---------------------------------------------------------------------------
# reshape, transpose, broadcast_to: linear, each the transpose of a sibling
# ---------------------------------------------------------------------------

def _reshape(x, *, shape):
    return np.reshape(x, shape)


reshape_p = Primitive("reshape", _reshape)
deflinear(reshape_p, lambda g, ans, x, *, shape: reshape(g, shape_of(x)))


def _reshape_batch(args, dims, *, shape):
    x = bdim_to_front(args[0], dims[0])
    return reshape(x, np.shape(x)[:1] + tuple(shape)), 0


reshape_p.batch = _reshape_batch


def _transpose(x, *, axes):
    return np.transpose(x, axes)


transpose_p = Primitive("transpose", _transpose)
deflinear(transpose_p, lambda g, ans, x, *, axes: transpose(g, tuple(np.argsort(axes))))


def _transpose_batch(args, dims, *, axes):
    x = bdim_to_front(args[0], dims[0])
    return transpose(x, (0,) + tuple(a + 1 for a in axes)), 0


transpose_p.batch = _transpose_batch


def _broadcast_to(x, *, shape):
    return np.broadcast_to(x, shape)


broadcast_to_p = Primitive("broadcast_to", _broadcast_to)


def _broadcast_to_vjp(g, ans, x, *, shape):
    from .reductions import sum_to_shape

    return sum_to_shape(g, shape_of(x))


deflinear(broadcast_to_p, _broadcast_to_vjp)


def _broadcast_to_batch(args, dims, *, shape):
    x = pad_rank_after_batch(bdim_to_front(args[0], dims[0]), len(shape))
    return broadcast_to(x, np.shape(x)[:1] + tuple(shape)), 0


broadcast_to_p.batch = _broadcast_to_batch


def reshape(a, shape, order="C", *, copy=None):
    """``a`` with a new shape and the same data, as :func:`numpy.reshape`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.reshape(fnp.asarray([1.0, 2.0, 3.0, 4.0]), (2, -1)).shape
    (2, 2)
    """
    if order != "C":
        raise NotImplementedError("reshape supports order='C' only")
    old = shape_of(a)
    new = _resolve_shape(shape, old)
    if new == old:
        return a
    return reshape_p.bind(a, shape=new)


def _shape_tuple(shape) -> tuple:
    """A shape argument as a tuple: NumPy also takes one int (or a 0-d array)."""
    try:
        return tuple(shape)
    except TypeError:
        return (shape,)


def _resolve_shape(shape, old_shape) -> tuple[int, ...]:
    shape = _shape_tuple(shape)
    if all(type(s) is int and s >= 0 for s in shape) and math.prod(shape) == math.prod(old_shape):
        return shape  # the common case, without asking NumPy
    # Let NumPy resolve -1 and raise its own error for an impossible shape.
    size = int(np.prod(old_shape, dtype=np.int64))
    return np.empty((size,), dtype=np.bool_).reshape(old_shape).reshape(shape).shape


def transpose(a, axes=None):
    """Permute the axes, as :func:`numpy.transpose`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.transpose(fnp.ones((2, 3, 4)), (2, 0, 1)).shape
    (4, 2, 3)
    """
    ndim = len(shape_of(a))
    if axes is None:
        axes = tuple(range(ndim))[::-1]
    else:
        axes = tuple(int(ax) for ax in axes)
        if sorted(ax % ndim if -ndim <= ax < ndim else -1 for ax in axes) != list(range(ndim)):
            np.transpose(placeholder(a), axes)  # NumPy's own error for invalid axes
        axes = tuple(ax % ndim for ax in axes)
    if axes == tuple(range(ndim)):
        return a
    return transpose_p.bind(a, axes=axes)


def broadcast_to(array, shape, subok=False):
    """Broadcast ``array`` to ``shape``, as :func:`numpy.broadcast_to`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.broadcast_to(x, (3, 2))))(fnp.asarray([1.0, 2.0]))
    array([3., 3.])
    """
    shape = tuple(int(s) for s in _shape_tuple(shape))
    if shape_of(array) == shape:
        return array
    np.broadcast_to(placeholder(array), shape)  # NumPy's error for an impossible shape
    return broadcast_to_p.bind(array, shape=shape)


def expand_dims(a, axis):
    """Insert size-1 axes, as :func:`numpy.expand_dims`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.expand_dims(fnp.ones((2, 3)), (0, -1)).shape
    (1, 2, 3, 1)
    """
    return reshape(a, np.expand_dims(placeholder(a), axis).shape)


def squeeze(a, axis=None):
    """Remove size-1 axes, as :func:`numpy.squeeze`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.squeeze(fnp.ones((1, 3, 1))).shape
    (3,)
    """
    return reshape(a, np.squeeze(placeholder(a), axis).shape)


def swapaxes(a, axis1, axis2):
    """Interchange two axes, as :func:`numpy.swapaxes`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.swapaxes(fnp.ones((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    ndim = len(shape_of(a))
    if not (-ndim <= axis1 < ndim and -ndim <= axis2 < ndim):
        np.swapaxes(placeholder(a), axis1, axis2)  # NumPy's own error for invalid axes
    axes = list(range(ndim))
    i, j = axis1 % ndim, axis2 % ndim
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(a, tuple(axes))


def moveaxis(a, source, destination):
    """Move axes to new positions, as :func:`numpy.moveaxis`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.moveaxis(fnp.ones((2, 3, 4)), 0, -1).shape
    (3, 4, 2)
    """
    ndim = len(shape_of(a))
    np.moveaxis(placeholder(a), source, destination)  # NumPy's own errors
    src = [int(s) % ndim for s in np.atleast_1d(source)]
    dst = [int(d) % ndim for d in np.atleast_1d(destination)]
    rest = [i for i in range(ndim) if i not in src]
    perm = [None] * ndim
    for s, d in zip(src, dst):
        perm[d] = s
    it = iter(rest)
    perm = [p if p is not None else next(it) for p in perm]
    return transpose(a, tuple(perm))


# ---------------------------------------------------------------------------
# concatenate, stack
# ---------------------------------------------------------------------------

def _concatenate(*xs, axis):
    return np.concatenate(xs, axis=axis)


concatenate_p = Primitive("concatenate", _concatenate)


def _concatenate_jvp(primals, tangents, ans, *, axis):
    from .creation import zeros_like

    if all(t is None for t in tangents):
        return None
    dtype = np.result_type(*[np.dtype(x.dtype) if hasattr(x, "dtype") else np.result_type(x)
                             for x in primals])
    parts = [zeros_like(x, dtype) if t is None else t for x, t in zip(primals, tangents)]
    return concatenate_p.bind(*parts, axis=axis)


def _concatenate_vjp(g, ans, primals, params, wanted):
    from .indexing import getitem

    axis = params["axis"]
    cts = []
    start = 0
    for x, w in zip(primals, wanted):
        stop = start + shape_of(x)[axis]
        if w:
            index = (slice(None),) * axis + (slice(start, stop),)
            cts.append(getitem(g, index))
        else:
            cts.append(None)
        start = stop
    return cts


# Written whole rather than per argument: each argument's slice depends on all the shapes.
concatenate_p.jvp = _concatenate_jvp
concatenate_p.vjp = _concatenate_vjp


def _concatenate_batch(args, dims, *, axis):
    size = batch_size(args, dims)
    parts = [bdim_to_front(x, d, size) for x, d in zip(args, dims)]
    return concatenate_p.bind(*parts, axis=axis + 1), 0


concatenate_p.batch = _concatenate_batch


def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along an existing axis, as :func:`numpy.concatenate`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.concatenate([x, 2 * x]))
    >>> fg.grad(f)(fnp.asarray([1.0, 1.0]))
    array([3., 3.])
    """
    from ._util import reject_out

    reject_out("concatenate", out)
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        arrays = [reshape(x, (-1,)) for x in arrays]
        axis = 0
    ndim = len(shape_of(arrays[0]))
    if ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    axis = canonical_axis(axis, ndim)
    if dtype is not None:
        from .elementwise import astype

        arrays = [astype(x, dtype) for x in arrays]
    if len(arrays) == 1:
        x = arrays[0]
        return x if hasattr(x, "_trace") else np.array(x)
    # NumPy's own error for mismatched shapes, before anything is traced.
    np.concatenate([placeholder(x) for x in arrays], axis=axis)
    return concatenate_p.bind(*arrays, axis=axis)


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along a new axis, as :func:`numpy.stack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.stack([fnp.ones(3), fnp.zeros(3)], axis=1).shape
    (3, 2)
    """
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to stack")
    shapes = {shape_of(x) for x in arrays}
    if len(shapes) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = canonical_axis(axis, len(shape_of(arrays[0])) + 1)
    return concatenate([expand_dims(x, axis) for x in arrays], axis=axis, out=out, dtype=dtype)



# ---------------------------------------------------------------------------
# Views: ravel, atleast_nd, flips, rotations, rolls, broadcasting several arrays
# ---------------------------------------------------------------------------

def ravel(a, order="C"):
    """The flattened array, as :func:`numpy.ravel` (``order='C'`` only).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ravel(fnp.ones((2, 3))).shape
    (6,)
    """
    return reshape(a, (-1,), order=order)


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
    from .indexing import getitem

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
    from .reductions import normalize_axis

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
    from .indexing import getitem

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
