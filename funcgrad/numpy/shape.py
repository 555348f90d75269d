"""Shape primitives: reshape, transpose, broadcast_to, concatenate; and what builds on them."""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, deflinear

# ---------------------------------------------------------------------------
# reshape, transpose, broadcast_to: linear, each the transpose of a sibling
# ---------------------------------------------------------------------------

def _reshape(x, *, shape):
    return np.reshape(x, shape)


reshape_p = Primitive("reshape", _reshape)
deflinear(reshape_p, lambda g, ans, x, *, shape: reshape(g, np.shape(x)))


def _transpose(x, *, axes):
    return np.transpose(x, axes)


transpose_p = Primitive("transpose", _transpose)
deflinear(transpose_p, lambda g, ans, x, *, axes: transpose(g, tuple(np.argsort(axes))))


def _broadcast_to(x, *, shape):
    return np.broadcast_to(x, shape)


broadcast_to_p = Primitive("broadcast_to", _broadcast_to)


def _broadcast_to_vjp(g, ans, x, *, shape):
    from .reductions import sum_to_shape

    return sum_to_shape(g, np.shape(x))


deflinear(broadcast_to_p, _broadcast_to_vjp)


def reshape(a, shape, order="C"):
    """``a`` with a new shape and the same data, as :func:`numpy.reshape`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.reshape(fnp.asarray([1.0, 2.0, 3.0, 4.0]), (2, -1)).shape
    (2, 2)
    """
    if order != "C":
        raise NotImplementedError("reshape supports order='C' only")
    old = np.shape(a)
    new = _resolve_shape(shape, old)
    if new == old:
        return a
    return reshape_p.bind(a, shape=new)


def _resolve_shape(shape, old_shape) -> tuple[int, ...]:
    shape = (shape,) if np.ndim(shape) == 0 else tuple(shape)
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
    ndim = len(np.shape(a))
    if axes is None:
        axes = tuple(range(ndim))[::-1]
    else:
        axes = tuple(int(ax) % ndim if ndim else int(ax) for ax in axes)
        if sorted(axes) != list(range(ndim)):
            raise ValueError("axes don't match array")
    if axes == tuple(range(ndim)):
        return a
    return transpose_p.bind(a, axes=axes)


def broadcast_to(array, shape):
    """Broadcast ``array`` to ``shape``, as :func:`numpy.broadcast_to`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.broadcast_to(x, (3, 2))))(fnp.asarray([1.0, 2.0]))
    array([3., 3.])
    """
    shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(s) for s in shape)
    if np.shape(array) == shape:
        return array
    np.broadcast_shapes(np.shape(array), shape)  # NumPy's error for an impossible shape
    return broadcast_to_p.bind(array, shape=shape)


def expand_dims(a, axis):
    """Insert size-1 axes, as :func:`numpy.expand_dims`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.expand_dims(fnp.ones((2, 3)), (0, -1)).shape
    (1, 2, 3, 1)
    """
    shape = np.shape(a)
    return reshape(a, np.expand_dims(np.empty(shape, dtype=np.bool_), axis).shape)


def squeeze(a, axis=None):
    """Remove size-1 axes, as :func:`numpy.squeeze`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.squeeze(fnp.ones((1, 3, 1))).shape
    (3,)
    """
    shape = np.shape(a)
    return reshape(a, np.squeeze(np.empty(shape, dtype=np.bool_), axis).shape)


def swapaxes(a, axis1, axis2):
    """Interchange two axes, as :func:`numpy.swapaxes`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.swapaxes(fnp.ones((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    ndim = len(np.shape(a))
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
    ndim = len(np.shape(a))
    src = [s % ndim for s in np.atleast_1d(source)]
    dst = [d % ndim for d in np.atleast_1d(destination)]
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
    from .elementwise import zeros_like

    if all(t is None for t in tangents):
        return None
    parts = [zeros_like(x) if t is None else t for x, t in zip(primals, tangents)]
    return concatenate_p.bind(*parts, axis=axis)


def _concatenate_vjp(g, ans, primals, params, wanted):
    from .indexing import getitem

    axis = params["axis"]
    cts = []
    start = 0
    for x, w in zip(primals, wanted):
        stop = start + np.shape(x)[axis]
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


def concatenate(arrays, axis=0):
    """Join arrays along an existing axis, as :func:`numpy.concatenate`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.concatenate([x, 2 * x]))
    >>> fg.grad(f)(fnp.asarray([1.0, 1.0]))
    array([3., 3.])
    """
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        arrays = [reshape(x, (-1,)) for x in arrays]
        axis = 0
    ndim = len(np.shape(arrays[0]))
    if ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    axis %= ndim
    if len(arrays) == 1:
        return arrays[0]
    return concatenate_p.bind(*arrays, axis=axis)


def stack(arrays, axis=0):
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
    shapes = {np.shape(x) for x in arrays}
    if len(shapes) != 1:
        raise ValueError("all input arrays must have the same shape")
    ndim = len(np.shape(arrays[0])) + 1
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    axis %= ndim
    return concatenate([expand_dims(x, axis) for x in arrays], axis=axis)

