"""Shape primitives: reshape, transpose, broadcast_to, and the sum that undoes a broadcast.

These four are each other's transposes (the transpose of ``broadcast_to`` is
a sum over the broadcast axes, whose transpose is a broadcast), so they sit in
one module, below every other family. What builds on them directly lives here
too: ``expand_dims``, ``squeeze``, ``swapaxes``, ``moveaxis``, ``ravel``,
:func:`sum_to_shape` (the reverse walk's unbroadcast), and the helpers that move
a batch axis for ``vmap``'s rules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core.array import is_duck_array
from ..core.config import config
from ..core.primitive import Primitive, defbatch, defidentity, deflinear, defsource, deftorch
from .util import ndim_of, placeholder, shape_of

# ---------------------------------------------------------------------------
# reshape, transpose, broadcast_to: linear, each the transpose of a sibling
# ---------------------------------------------------------------------------

def method_source(method: str, function: str, params: str = ""):
    """A spelling as a method of the operand (``t1.reshape((3, 2))``), which skips NumPy's
    Python-level wrapper (``np.reshape``); ``np.<function>`` when the operand is a literal."""

    def spell(args, p):
        extra = params.format(**p)
        if args[0][:1].isalpha() or args[0][:1] == "_":  # a name, an item (L1[3]), a call
            return f"{args[0]}.{method}{'(' + extra + ')' if extra else ''}"
        return f"np.{function}({args[0]}{', ' + extra if extra else ''})"

    return spell


def _reshape(x, *, shape):
    return np.reshape(x, shape)


reshape_p = Primitive("reshape", _reshape)
deftorch(reshape_p, "ViewBackward0")
deflinear(reshape_p, lambda g, ans, x, *, shape: reshape(g, shape_of(x)))
defsource(reshape_p, method_source("reshape", "reshape", "{shape}"))
defidentity(reshape_p, lambda consts, *, shape: 0)  # when the optimiser sees the shape kept


def _reshape_batch(args, dims, *, shape):
    x = bdim_to_front(args[0], dims[0])
    return reshape(x, np.shape(x)[:1] + tuple(shape)), 0


defbatch(reshape_p, _reshape_batch)


def _transpose(x, *, axes):
    return np.transpose(x, axes)


transpose_p = Primitive("transpose", _transpose)
deftorch(transpose_p, "TransposeBackward0")
deflinear(transpose_p, lambda g, ans, x, *, axes: transpose(g, _inverse_permutation(axes)))


def _inverse_permutation(axes: tuple) -> tuple:
    return tuple(sorted(range(len(axes)), key=axes.__getitem__))
defsource(transpose_p, lambda args, params: f"{args[0]}.T" if tuple(params["axes"]) == (1, 0)
          else method_source("transpose", "transpose", "{axes}")(args, params))
defidentity(transpose_p, lambda consts, *, axes: 0 if tuple(axes) == tuple(range(len(axes)))
            else None)


def _transpose_batch(args, dims, *, axes):
    x = bdim_to_front(args[0], dims[0])
    return transpose(x, (0,) + tuple(a + 1 for a in axes)), 0


defbatch(transpose_p, _transpose_batch)


def _broadcast_to(x, *, shape):
    if isinstance(x, np.generic):
        x = np.asarray(x)
    if type(x) is np.ndarray and x.ndim == 0:
        # A 0-d value (the cotangent of a full sum): a read-only zero-strided view, what
        # np.broadcast_to returns, without its microseconds of argument handling.
        out = np.ndarray(shape, x.dtype, x, 0, (0,) * len(shape))
        out.flags.writeable = False
        return out
    return np.broadcast_to(x, shape)


broadcast_to_p = Primitive("broadcast_to", _broadcast_to)
deftorch(broadcast_to_p, "ExpandBackward0")
deflinear(broadcast_to_p, lambda g, ans, x, *, shape: sum_to_shape(g, shape_of(x)))
defsource(broadcast_to_p, "np.broadcast_to({0}, {shape})")
defidentity(broadcast_to_p, lambda consts, *, shape: 0)


def _broadcast_to_batch(args, dims, *, shape):
    x = pad_rank_after_batch(bdim_to_front(args[0], dims[0]), len(shape))
    return broadcast_to(x, np.shape(x)[:1] + tuple(shape)), 0


defbatch(broadcast_to_p, _broadcast_to_batch)


# ---------------------------------------------------------------------------
# reduce_sum: the transpose of broadcasting
# ---------------------------------------------------------------------------

def reduction_source(name: str):
    """The jit spelling of a reduction over ``axis`` with ``keepdims``: the ufunc's own
    ``reduce`` (``np.add.reduce(x, 0)``), with positional arguments.

    That is what ``np.sum`` and ``np.max`` call after ~1.5 µs of argument handling
    in Python; an overhead-bound program pays that on every call.
    """

    def spell(args, params):
        axis, keepdims = params["axis"], params["keepdims"]
        if axis is None or len(axis) == params.get("_ndim", -1):
            extra = "None"
        else:
            extra = f"{axis[0] if len(axis) == 1 else tuple(axis)}"
        if keepdims:
            extra += ", None, None, True"
        return f"np.{name}.reduce({args[0]}, {extra})"

    return spell


def _sum(x, *, axis, keepdims):
    if is_duck_array(x):  # Dask and CuPy implement np.sum, not ufunc.reduce
        return np.sum(x, axis=axis, keepdims=keepdims)
    # np.add.reduce is what np.sum calls, without ~2 us of argument handling per call.
    return np.add.reduce(x, axis=axis, keepdims=keepdims)


sum_p = Primitive("reduce_sum", _sum)
deftorch(sum_p, "SumBackward1")
def _sum_transpose(g, ans, x, *, axis, keepdims):
    shape = shape_of(x)
    if not keepdims and shape_of(g) == () and shape:
        return broadcast_to_p.bind(g, shape=shape)  # a full sum: the 0-d cotangent as it is
    if type(g) is np.ndarray and not config.nans_watched:
        # A plain array (no trace sees it): the views the bound reshape and broadcast_to
        # would give, without building placeholders to check shapes NumPy checks anyway.
        if not keepdims:
            g = g.reshape(tuple(1 if i in axis else d for i, d in enumerate(shape)))
        return g if g.shape == shape else np.broadcast_to(g, shape)
    return broadcast_to(keep_reduced_dims(g, axis, keepdims), shape)


deflinear(sum_p, _sum_transpose)
defsource(sum_p, reduction_source("add"), fresh=True)


def _sum_batch(args, dims, *, axis, keepdims):
    x = bdim_to_front(args[0], dims[0])
    axis = tuple(range(1, ndim_of(x))) if axis is None else shift_axis(axis)
    return sum_p.bind(x, axis=axis, keepdims=keepdims), 0


defbatch(sum_p, _sum_batch)


def normalize_axis(axis, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, int or tuple, possibly negative) as a sorted tuple of axes.

    Raises NumPy's own :class:`numpy.exceptions.AxisError` for an axis out of range.
    """
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    out = []
    for a in axes:
        if isinstance(a, (float, np.floating)) or isinstance(a, bool):
            raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer")
        a = int(a)
        if not -ndim <= a < ndim:
            raise np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else 0)
    if len(set(out)) != len(out):
        raise ValueError("duplicate value in 'axis'")
    return tuple(sorted(out))


def keep_reduced_dims(g, axes, keepdims):
    """``g`` with the reduced axes put back as size-1 dimensions (so it broadcasts
    against the reduction's input)."""
    return g if keepdims else expand_dims(g, axes)


def sum_to_shape(x, shape: tuple[int, ...]):
    """Sum ``x`` over the axes along which it was broadcast from ``shape``.

    The inverse of broadcasting, used by the reverse walk to bring a
    cotangent back to its input's shape.

    Examples
    --------
    >>> import numpy as np
    >>> sum_to_shape(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    """
    x_shape = shape_of(x)
    if x_shape == shape:
        return x
    lead = len(x_shape) - len(shape)
    if type(x) is np.ndarray and lead >= 0 and x_shape[lead:] == shape and not config.nans_watched:
        # A plain array broadcast along leading axes only (a bias): no trace can see it, so
        # NumPy's sum directly, which is what binding reduce_sum would run.
        return np.add.reduce(x, axis=tuple(range(lead)))
    if lead < 0 or any(s != 1 and s != x_shape[lead + i] for i, s in enumerate(shape)):
        return broadcast_to(x, shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, s in enumerate(shape) if s == 1 and x_shape[lead + i] != 1
    )
    if axes:
        x = sum_p.bind(x, axis=axes, keepdims=False)
    return reshape(x, shape)


# ---------------------------------------------------------------------------
# NumPy's names for views
# ---------------------------------------------------------------------------

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


def ravel(a, order="C"):
    """The flattened array, as :func:`numpy.ravel` (``order='C'`` only).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ravel(fnp.ones((2, 3))).shape
    (6,)
    """
    return reshape(a, (-1,), order=order)


# ---------------------------------------------------------------------------
# Moving a batch axis (what vmap's rules share)
# ---------------------------------------------------------------------------

def batch_size(args: Sequence[Any], dims: Sequence[int | None]) -> int:
    """The size of the batch axis (every batched argument agrees; vmap checked it)."""
    for a, d in zip(args, dims):
        if d is not None:
            return np.shape(a)[d]
    raise ValueError("a batching rule was called with no batched argument")


def bdim_to_front(x: Any, d: int | None, size: int | None = None) -> Any:
    """``x`` with its batch axis moved to 0.

    An unbatched ``x`` (``d is None``) is returned as is, or, when ``size`` is
    given, broadcast along a new leading axis of that size.
    """
    if d is None:
        if size is None:
            return x
        shape = np.shape(x)
        return broadcast_to(reshape(x, (1,) + shape), (size,) + shape)
    return moveaxis(x, d, 0) if d != 0 else x


def pad_rank_after_batch(x: Any, rank: int) -> Any:
    """``x`` (batch axis at 0) with size-1 axes inserted after the batch axis up to ``rank``
    per-example dimensions, so that it broadcasts against arrays of that rank."""
    shape = np.shape(x)
    missing = rank - (len(shape) - 1)
    if missing <= 0:
        return x
    return reshape(x, shape[:1] + (1,) * missing + shape[1:])


def shift_axis(axis: Any, by: int = 1) -> Any:
    """An axis parameter (int, tuple of ints or None) renumbered after inserting
    ``by`` leading axes. Negative axes count from the end and do not move."""
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        return type(axis)(shift_axis(a, by) for a in axis)
    a = int(axis)
    return a + by if a >= 0 else a
