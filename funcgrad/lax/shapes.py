"""``funcgrad.lax`` shapes, slicing, reductions and sorting, with ``jax.lax``'s signatures:
``broadcast_in_dim``, ``pad`` with interior padding, ``slice`` with limits and strides,
``dynamic_slice`` with traced starts (a loop index), ``reduce_*`` over explicit axes,
``top_k``, ``dot`` with ``precision=``. They bind the same primitives as
:mod:`funcgrad.numpy`.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..core.trace import Tracer
from ..primitives.slicing import dynamic_slice as _dynamic_slice
from ..primitives.slicing import dynamic_update_slice as _dynamic_update_slice
from ..primitives.util import dtype_of
from .control_flow import associative_scan

__all__ = [
    "convert_element_type", "full", "full_like", "iota", "broadcasted_iota", "broadcast",
    "broadcast_in_dim", "reshape", "transpose", "squeeze", "expand_dims", "concatenate",
    "rev", "pad", "slice", "slice_in_dim", "index_in_dim", "dynamic_slice",
    "dynamic_slice_in_dim", "dynamic_index_in_dim", "dynamic_update_slice",
    "dynamic_update_slice_in_dim", "dynamic_update_index_in_dim", "reduce_sum", "reduce_max",
    "reduce_min", "reduce_prod", "reduce_and", "reduce_or", "argmax", "argmin", "cumsum",
    "cumprod", "cummax", "cummin", "cumlogsumexp", "sort", "sort_key_val", "top_k", "dot",
    "batch_matmul",
]


# ---------------------------------------------------------------------------
# Types, creation, shapes
# ---------------------------------------------------------------------------

def convert_element_type(operand: Any, new_dtype: Any) -> Any:
    """``operand`` as ``new_dtype`` (float to int truncates toward zero).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.convert_element_type(2.7, np.int32)
    array(2, dtype=int32)
    """
    return fnp.asarray(fnp.astype(fnp.asarray(operand), np.dtype(new_dtype)))


def full(shape: Sequence[int], fill_value: Any, dtype: Any = None) -> Any:
    """An array of ``shape`` filled with ``fill_value``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.full((2,), 3.0)
    array([3., 3.])
    """
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if isinstance(fill_value, Tracer):
        out = fnp.broadcast_to(fill_value, shape)
        return out if dtype is None else fnp.astype(out, dtype)
    return np.full(shape, fill_value, dtype)


def full_like(x: Any, fill_value: Any, dtype: Any = None, shape: Any = None) -> Any:
    """An array like ``x`` (its shape and dtype unless given) filled with ``fill_value``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.full_like(np.zeros(2, np.float32), 1.0)
    array([1., 1.], dtype=float32)
    """
    return full(np.shape(x) if shape is None else shape, fill_value,
                dtype_of(x) if dtype is None else dtype)


def iota(dtype: Any, size: int) -> np.ndarray:
    """``0, 1, ..., size - 1`` as ``dtype``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.iota(np.int32, 3)
    array([0, 1, 2], dtype=int32)
    """
    return np.arange(size, dtype=dtype)


def broadcasted_iota(dtype: Any, shape: Sequence[int], dimension: int) -> np.ndarray:
    """An array of ``shape`` counting along ``dimension``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.broadcasted_iota(np.int32, (2, 3), 1)
    array([[0, 1, 2],
           [0, 1, 2]], dtype=int32)
    """
    shape = tuple(shape)
    view = [1] * len(shape)
    view[dimension] = shape[dimension]
    return np.broadcast_to(np.arange(shape[dimension], dtype=dtype).reshape(view), shape).copy()


def broadcast(operand: Any, sizes: Sequence[int]) -> Any:
    """``operand`` with new leading axes of ``sizes``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.broadcast(1.0, (2,))
    array([1., 1.])
    """
    return fnp.broadcast_to(operand, tuple(sizes) + tuple(np.shape(operand)))


def broadcast_in_dim(operand: Any, shape: Sequence[int],
                     broadcast_dimensions: Sequence[int], out_sharding: Any = None) -> Any:
    """``operand`` broadcast to ``shape``; its axis ``k`` becomes ``broadcast_dimensions[k]``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.broadcast_in_dim(np.array([1.0, 2.0]), (2, 3), (0,))
    array([[1., 1., 1.],
           [2., 2., 2.]])
    """
    shape = tuple(shape)
    view = [1] * len(shape)
    for k, d in enumerate(broadcast_dimensions):
        view[d] = np.shape(operand)[k]
    return fnp.broadcast_to(fnp.reshape(operand, tuple(view)), shape)


def reshape(operand: Any, new_sizes: Sequence[int], dimensions: Sequence[int] | None = None,
            out_sharding: Any = None) -> Any:
    """``operand`` reshaped (after transposing by ``dimensions`` if given).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.reshape(np.arange(4.0), (2, 2))
    array([[0., 1.],
           [2., 3.]])
    """
    if dimensions is not None:
        operand = fnp.transpose(operand, tuple(dimensions))
    return fnp.reshape(operand, tuple(new_sizes))


def transpose(operand: Any, permutation: Sequence[int]) -> Any:
    """``operand`` with its axes permuted.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.transpose(np.zeros((2, 3)), (1, 0)).shape
    (3, 2)
    """
    return fnp.transpose(operand, tuple(permutation))


def squeeze(array: Any, dimensions: Sequence[int]) -> Any:
    """``array`` without the unit axes ``dimensions``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.squeeze(np.zeros((1, 2)), (0,)).shape
    (2,)
    """
    return fnp.squeeze(array, tuple(dimensions)) if tuple(dimensions) else array


def expand_dims(array: Any, dimensions: Sequence[int]) -> Any:
    """``array`` with unit axes inserted at ``dimensions``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.expand_dims(np.zeros(2), (0,)).shape
    (1, 2)
    """
    return fnp.expand_dims(array, tuple(dimensions))


def concatenate(operands: Sequence[Any], dimension: int) -> Any:
    """The operands joined along ``dimension``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.concatenate([np.zeros(1), np.ones(2)], 0)
    array([0., 1., 1.])
    """
    return fnp.concatenate(list(operands), axis=dimension)


def rev(operand: Any, dimensions: Sequence[int]) -> Any:
    """``operand`` reversed along ``dimensions``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.rev(np.arange(3.0), (0,))
    array([2., 1., 0.])
    """
    return fnp.flip(operand, tuple(dimensions)) if tuple(dimensions) else operand


def pad(operand: Any, padding_value: Any, padding_config: Sequence[tuple[int, int, int]]) -> Any:
    """``operand`` padded with ``padding_value``: per axis ``(low, high, interior)``; negative
    low/high crop.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.pad(np.array([1.0, 2.0]), 0.0, [(1, 2, 1)])
    array([0., 1., 0., 2., 0., 0.])
    """
    x = operand
    dtype = dtype_of(x)
    for axis, (lo, hi, interior) in enumerate(padding_config):
        n = np.shape(x)[axis]
        if interior and n > 1:
            shape = list(np.shape(x))
            filler = fnp.broadcast_to(fnp.astype(padding_value, dtype),
                                      tuple(shape[:axis] + [n, interior] + shape[axis + 1:]))
            both = fnp.concatenate([fnp.expand_dims(x, axis + 1), filler], axis=axis + 1)
            shape[axis] = n * (1 + interior)
            x = _slice_axis(fnp.reshape(both, tuple(shape)), axis, 0, shape[axis] - interior)
        for amount, at_end in ((lo, False), (hi, True)):
            n = np.shape(x)[axis]
            if amount > 0:
                shape = list(np.shape(x))
                shape[axis] = amount
                filler = fnp.broadcast_to(fnp.astype(padding_value, dtype), tuple(shape))
                x = fnp.concatenate([x, filler] if at_end else [filler, x], axis=axis)
            elif amount < 0:
                x = _slice_axis(x, axis, 0, n + amount) if at_end \
                    else _slice_axis(x, axis, -amount, n)
    return x


def _slice_axis(x: Any, axis: int, start: int, stop: int, step: int = 1) -> Any:
    index = [builtins.slice(None)] * len(np.shape(x))
    index[axis] = builtins.slice(start, stop, step)
    return x[tuple(index)]


def slice(operand: Any, start_indices: Sequence[int], limit_indices: Sequence[int],  # noqa: A001
          strides: Sequence[int] | None = None) -> Any:
    """``operand[start:limit:stride]`` on every axis.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.slice(np.arange(6.0), (1,), (5,), (2,))
    array([1., 3.])
    """
    strides = strides or [1] * len(start_indices)
    return operand[tuple(builtins.slice(int(a), int(b), int(s))
                         for a, b, s in zip(start_indices, limit_indices, strides))]


def slice_in_dim(operand: Any, start_index: int | None, limit_index: int | None,
                 stride: int = 1, axis: int = 0) -> Any:
    """``operand[start:limit:stride]`` along ``axis``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.slice_in_dim(np.arange(4.0), 1, 3)
    array([1., 2.])
    """
    return _slice_axis(operand, axis, start_index, limit_index, stride)


def index_in_dim(operand: Any, index: int, axis: int = 0, keepdims: bool = True) -> Any:
    """Entry ``index`` along ``axis`` (keeping the axis by default).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.index_in_dim(np.arange(4.0), 2)
    array([2.])
    """
    n = np.shape(operand)[axis]
    index = int(index) % n
    out = _slice_axis(operand, axis, index, index + 1)
    return out if keepdims else fnp.squeeze(out, axis)


def dynamic_slice(operand: Any, start_indices: Sequence[Any], slice_sizes: Sequence[int]) -> Any:
    """The window of ``slice_sizes`` at ``start_indices`` (which may be traced: a loop
    index), clamped so it fits.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_slice(np.arange(5.0), (4,), (2,))
    array([3., 4.])
    """
    if isinstance(start_indices, (np.ndarray, Tracer)):
        start_indices = [start_indices[k] for k in range(np.shape(start_indices)[0])]
    return _dynamic_slice(operand, list(start_indices), slice_sizes)


def dynamic_slice_in_dim(operand: Any, start_index: Any, slice_size: int, axis: int = 0) -> Any:
    """:func:`dynamic_slice` along one axis.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_slice_in_dim(np.arange(5.0), 1, 2)
    array([1., 2.])
    """
    starts = [0] * len(np.shape(operand))
    starts[axis] = start_index
    sizes = list(np.shape(operand))
    sizes[axis] = slice_size
    return _dynamic_slice(operand, starts, sizes)


def dynamic_index_in_dim(operand: Any, index: Any, axis: int = 0, keepdims: bool = True) -> Any:
    """Entry ``index`` (which may be traced) along ``axis``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_index_in_dim(np.arange(5.0), 3, keepdims=False)
    array(3.)
    """
    out = dynamic_slice_in_dim(operand, index, 1, axis)
    return out if keepdims else fnp.squeeze(out, axis)


def dynamic_update_slice(operand: Any, update: Any, start_indices: Sequence[Any]) -> Any:
    """``operand`` with ``update`` written at ``start_indices`` (may be traced; clamped).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_update_slice(np.zeros(4), np.ones(2), (1,))
    array([0., 1., 1., 0.])
    """
    if isinstance(start_indices, (np.ndarray, Tracer)):
        start_indices = [start_indices[k] for k in range(np.shape(start_indices)[0])]
    return _dynamic_update_slice(operand, fnp.astype(update, dtype_of(operand)),
                                 list(start_indices))


def dynamic_update_slice_in_dim(operand: Any, update: Any, start_index: Any, axis: int) -> Any:
    """:func:`dynamic_update_slice` along one axis.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_update_slice_in_dim(np.zeros(3), np.ones(1), 2, 0)
    array([0., 0., 1.])
    """
    starts: list[Any] = [0] * len(np.shape(operand))
    starts[axis] = start_index
    return dynamic_update_slice(operand, update, starts)


def dynamic_update_index_in_dim(operand: Any, update: Any, index: Any, axis: int) -> Any:
    """``operand`` with entry ``index`` along ``axis`` replaced by ``update``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dynamic_update_index_in_dim(np.zeros(3), 5.0, 1, 0)
    array([0., 5., 0.])
    """
    if len(np.shape(update)) == len(np.shape(operand)) - 1:
        update = fnp.expand_dims(update, axis)
    return dynamic_update_slice_in_dim(operand, update, index, axis)


# ---------------------------------------------------------------------------
# Reductions, scans along an axis, sorting, products
# ---------------------------------------------------------------------------

def _reduction(fn, name: str, result: str):
    def op(operand: Any, axes: Sequence[int]) -> Any:
        return fnp.asarray(fn(operand, axis=tuple(axes)))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"``jax.lax.{name}`` over ``axes``.\n\n    Examples\n    --------\n"
                  f"    >>> import numpy as np\n    >>> from funcgrad import lax\n"
                  f"    >>> lax.{name}(np.array([[1.0, 2.0], [3.0, 4.0]]), (0,))\n"
                  f"    {result}\n    ")
    return op


reduce_sum = _reduction(fnp.sum, "reduce_sum", "array([4., 6.])")
reduce_max = _reduction(fnp.max, "reduce_max", "array([3., 4.])")
reduce_min = _reduction(fnp.min, "reduce_min", "array([1., 2.])")
reduce_prod = _reduction(fnp.prod, "reduce_prod", "array([3., 8.])")
reduce_and = _reduction(fnp.all, "reduce_and", "array([ True,  True])")
reduce_or = _reduction(fnp.any, "reduce_or", "array([ True,  True])")


def argmax(operand: Any, axis: int, index_dtype: Any = np.int32) -> Any:
    """The index of the largest entry along ``axis``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.argmax(np.array([1.0, 3.0, 2.0]), 0, np.int32)
    array(1, dtype=int32)
    """
    return fnp.asarray(fnp.astype(fnp.argmax(operand, axis=axis), index_dtype))


def argmin(operand: Any, axis: int, index_dtype: Any = np.int32) -> Any:
    """The index of the smallest entry along ``axis``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.argmin(np.array([1.0, 3.0, 2.0]), 0, np.int32)
    array(0, dtype=int32)
    """
    return fnp.asarray(fnp.astype(fnp.argmin(operand, axis=axis), index_dtype))


def _cumulative(fn, name: str, result: str):
    def op(operand: Any, axis: int = 0, reverse: bool = False) -> Any:
        x = fnp.flip(operand, axis) if reverse else operand
        out = fn(x, axis)
        return fnp.flip(out, axis) if reverse else out

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"``jax.lax.{name}`` along ``axis`` (from the end with ``reverse``).\n\n"
                  f"    Examples\n    --------\n    >>> import numpy as np\n"
                  f"    >>> from funcgrad import lax\n"
                  f"    >>> lax.{name}(np.array([1.0, 3.0, 2.0]))\n    {result}\n    ")
    return op


cumsum = _cumulative(lambda x, a: fnp.cumsum(x, axis=a), "cumsum", "array([1., 4., 6.])")
cumprod = _cumulative(lambda x, a: fnp.cumprod(x, axis=a), "cumprod", "array([1., 3., 6.])")
cummax = _cumulative(lambda x, a: associative_scan(fnp.maximum, x, axis=a), "cummax",
                     "array([1., 3., 3.])")
cummin = _cumulative(lambda x, a: associative_scan(fnp.minimum, x, axis=a), "cummin",
                     "array([1., 1., 1.])")
cumlogsumexp = _cumulative(lambda x, a: associative_scan(fnp.logaddexp, x, axis=a),
                           "cumlogsumexp", "array([1.        , 3.12692801, 3.40760596])")


def sort(operand: Any, dimension: int = -1, is_stable: bool = True, num_keys: int = 1) -> Any:
    """``operand`` sorted along ``dimension``; a tuple of operands is sorted by the first
    ``num_keys`` of them.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.sort(np.array([3.0, 1.0, 2.0]))
    array([1., 2., 3.])
    """
    if isinstance(operand, (tuple, list)):
        keys = list(operand[:num_keys])
        order = fnp.argsort(keys[0], axis=dimension, kind="stable")
        if num_keys > 1:
            order = fnp.lexsort(tuple(reversed(keys)), axis=dimension)
        return tuple(fnp.take_along_axis(x, order, axis=dimension) for x in operand)
    return fnp.sort(operand, axis=dimension)


def sort_key_val(keys: Any, values: Any, dimension: int = -1, is_stable: bool = True):
    """``keys`` sorted along ``dimension`` and ``values`` in the same order.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.sort_key_val(np.array([2.0, 1.0]), np.array([10.0, 20.0]))
    (array([1., 2.]), array([20., 10.]))
    """
    return sort((keys, values), dimension, is_stable, 1)


def top_k(operand: Any, k: int) -> tuple[Any, Any]:
    """The ``k`` largest entries along the last axis, in decreasing order, and their indices.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.top_k(np.array([1.0, 3.0, 2.0]), 2)
    (array([3., 2.]), array([1, 2], dtype=int32))
    """
    order = fnp.argsort(fnp.negative(operand), axis=-1, kind="stable")
    index = (builtins.slice(None),) * (len(np.shape(operand)) - 1) + (builtins.slice(0, k),)
    order = order[index]
    return fnp.take_along_axis(operand, order, axis=-1), fnp.astype(order, np.int32)


def dot(lhs: Any, rhs: Any, precision: Any = None, preferred_element_type: Any = None) -> Any:
    """Vector-vector, matrix-vector or matrix-matrix product (``precision`` is accepted).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.dot(np.ones((2, 3)), np.ones(3))
    array([3., 3.])
    """
    out = fnp.dot(lhs, rhs)
    return out if preferred_element_type is None else fnp.astype(out, preferred_element_type)


def batch_matmul(lhs: Any, rhs: Any, precision: Any = None) -> Any:
    """Matrix products over leading batch axes.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.batch_matmul(np.ones((2, 1, 3)), np.ones((2, 3, 1))).shape
    (2, 1, 1)
    """
    return fnp.matmul(lhs, rhs)
