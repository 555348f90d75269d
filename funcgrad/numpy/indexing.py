"""Indexing: ``x[idx]``, ``take``, ``take_along_axis``, and functional updates ``x.at[idx]``.

Two kinds of index live here. A *static* index (ints, slices, None, Ellipsis,
integer and boolean NumPy arrays) is a parameter of ``getitem`` and its
transpose ``scatter_add``. An index that is itself an array *operand* (the
output of ``argsort``, say, which is traced under ``make_ir``) goes through
``take_along_axis`` and its transpose.

Functional updates follow JAX: ``x.at[idx].set(v)``, ``.add(v)``,
``.multiply(v)``, ``.divide(v)``, ``.min(v)``, ``.max(v)``, ``.get()``. The
``at`` property exists on traced values; for code that also runs on plain
NumPy arrays use the function form ``fnp.at(x)[idx].set(v)``, which accepts
both. Repeated indices accumulate as NumPy's ``ufunc.at`` does (``np.add.at``);
for ``set`` the last update of a position wins, as in NumPy's assignment.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import (
    Primitive,
    ShapedArray,
    defbatch_axis,
    defjvp,
    deflinear,
    defvjp,
)
from ..core.trace import Tracer
from ._util import canonical_axis, dtype_of, reject_out, shape_of
from .creation import zeros_like
from .elementwise import astype, where


def normalize_index(index) -> tuple:
    """``index`` as a tuple of ints, slices, None, Ellipsis and NumPy arrays."""
    if not isinstance(index, tuple):
        index = (index,)
    out = []
    for i in index:
        if isinstance(i, Tracer):
            if i.dtype == np.bool_:
                raise TypeError(
                    "indexing with a traced boolean mask is not supported: the number of "
                    "elements it selects depends on values, which are unknown while a "
                    "function is staged (make_ir, jit) or batched (vmap). Keep the shape "
                    "fixed with funcgrad.numpy.where(mask, x, 0), or compute the mask from "
                    "concrete values."
                )
            raise TypeError(
                "indexing with a traced value is not supported: an index has no "
                "derivative, so compute it from concrete values (e.g. with NumPy) first, "
                "or use funcgrad.numpy.take_along_axis, which accepts traced indices."
            )
        if isinstance(i, (list, np.ndarray)):
            i = np.asarray(i)
            if i.dtype.kind not in "iub" and i.size:
                raise IndexError(
                    "arrays used as indices must be of integer (or boolean) type"
                )
            if i.dtype.kind not in "iub":
                i = i.astype(np.intp)
        elif isinstance(i, (bool, np.bool_)):
            i = np.asarray(i)
        elif isinstance(i, (int, np.integer)):
            i = int(i)
        elif not (i is None or i is Ellipsis or isinstance(i, slice)):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
                f"integer or boolean arrays are valid indices (got {type(i).__name__})"
            )
        out.append(i)
    return tuple(out)


def _is_basic(index: tuple) -> bool:
    return not any(isinstance(i, np.ndarray) for i in index)


def _getitem(x, *, index):
    return np.asarray(x)[index] if not isinstance(x, np.ndarray) else x[index]


getitem_p = Primitive("getitem", _getitem)
deflinear(getitem_p, lambda g, ans, x, *, index: scatter_add(zeros_like(x, dtype_of(g)), index, g))


def _batched_index(index: tuple) -> tuple[tuple, int]:
    """``index`` for an array with a leading batch axis, and where that axis lands.

    NumPy puts the dimensions of advanced indices first when the advanced
    indices are not next to each other, so the batch axis then follows them.
    """
    batched = (slice(None),) + index
    arrays = [i for i in index if isinstance(i, np.ndarray)]
    if not arrays:
        return batched, 0
    positions = [k for k, i in enumerate(index) if isinstance(i, (np.ndarray, int))]
    if positions == list(range(positions[0], positions[-1] + 1)):
        return batched, 0
    return batched, max(1 if a.dtype == np.bool_ else a.ndim for a in arrays)


def _getitem_batch(args, dims, *, index):
    from ._batching import bdim_to_front

    batched, position = _batched_index(index)
    return getitem_p.bind(bdim_to_front(args[0], dims[0]), index=batched), position


getitem_p.batch = _getitem_batch


def _scatter_add(x, updates, *, index):
    out = np.array(x, copy=True)
    if _is_basic(index):
        out[index] += updates
    else:
        np.add.at(out, index, updates)  # repeated indices accumulate
    return out


scatter_add_p = Primitive("scatter_add", _scatter_add)
defjvp(
    scatter_add_p,
    lambda t, ans, x, u, *, index: t,
    lambda t, ans, x, u, *, index: scatter_add(zeros_like(ans, dtype_of(t)), index, t),
)
defvjp(
    scatter_add_p,
    lambda g, ans, x, u, *, index: g,
    lambda g, ans, x, u, *, index: getitem(g, index),
)


def _scatter_add_batch(args, dims, *, index):
    from ._batching import batch_size, bdim_to_front, pad_rank_after_batch
    from .shape import moveaxis

    size = batch_size(args, dims)
    x = bdim_to_front(args[0], dims[0], size)
    batched, position = _batched_index(index)
    selected = np.broadcast_to(np.empty((), np.bool_), np.shape(x)[1:])[index].shape
    updates = pad_rank_after_batch(bdim_to_front(args[1], dims[1], size), len(selected))
    updates = moveaxis(updates, 0, position)
    return scatter_add_p.bind(x, updates, index=batched), 0


scatter_add_p.batch = _scatter_add_batch


def getitem(x, index):
    """``x[index]`` for basic, advanced and boolean indices (what ``x[...]`` binds).

    Out-of-bounds indices raise :class:`IndexError`, as NumPy does (JAX clamps).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: x[1] * x[-1])(fnp.asarray([1.0, 2.0, 3.0]))
    array([0., 3., 2.])
    """
    index = normalize_index(index)
    if len(index) == 0 or (len(index) == 1 and index[0] is Ellipsis):
        return x if isinstance(x, Tracer) else np.asarray(x)
    return getitem_p.bind(x, index=index)


def scatter_add(x, index, updates):
    """``x`` with ``updates`` added at ``index``; repeated indices accumulate (``np.add.at``).

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.scatter_add(np.zeros(3), (np.array([0, 0, 2]),), np.ones(3))
    array([2., 0., 1.])
    """
    index = normalize_index(index)
    target = _placeholder(x)[index]
    updates = _fit_updates(updates, shape_of(target), dtype_of(x))
    return scatter_add_p.bind(x, updates, index=index)


def _placeholder(x):
    return np.broadcast_to(np.zeros((), dtype_of(x)), shape_of(x))


def _fit_updates(updates, shape, dtype):
    """``updates`` broadcast to the indexed shape (NumPy's message when it cannot be)."""
    from .shape import broadcast_to

    ushape = shape_of(updates)
    try:
        ok = np.broadcast_shapes(ushape, shape) == shape
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(
            f"shape mismatch: value array of shape {ushape} could not be broadcast to "
            f"indexing result of shape {shape}"
        )
    if dtype_of(updates) != dtype:
        updates = astype(updates, dtype)
    return broadcast_to(updates, shape)


# ---------------------------------------------------------------------------
# take_along_axis: the gather whose indices are an operand
# ---------------------------------------------------------------------------

def _take_along_axis(x, idx, *, axis):
    return np.take_along_axis(x, idx, axis=axis)


def _put_add_along_axis(x, idx, u, *, axis):
    out = np.array(x, copy=True)
    np.add.at(out, _axis_grid(np.shape(idx), idx, axis), u)
    return out


def _axis_grid(shape, idx, axis):
    grid = list(np.indices(shape, sparse=True))
    grid[axis] = idx
    return tuple(grid)


take_along_axis_p = Primitive("take_along_axis", _take_along_axis)
put_add_along_axis_p = Primitive("put_add_along_axis", _put_add_along_axis)
# Shape rules by hand: the default runs NumPy on placeholder ones, which are not valid indices.
take_along_axis_p.abstract_eval = lambda x, idx, *, axis: ShapedArray(
    shape_of(idx), dtype_of(x))
put_add_along_axis_p.abstract_eval = lambda x, idx, u, *, axis: ShapedArray(
    shape_of(x), dtype_of(x))
defbatch_axis(take_along_axis_p, none_means_all=False)  # every operand moves its batch first
defbatch_axis(put_add_along_axis_p, none_means_all=False)

defjvp(take_along_axis_p, lambda t, ans, x, idx, *, axis: take_along_axis_p.bind(t, idx,
                                                                                axis=axis))
defvjp(
    take_along_axis_p,
    lambda g, ans, x, idx, *, axis: put_add_along_axis_p.bind(
        zeros_like(x, dtype_of(g)), idx, g, axis=axis
    ),
    None,
)
defjvp(
    put_add_along_axis_p,
    lambda t, ans, x, idx, u, *, axis: t,
    None,
    lambda t, ans, x, idx, u, *, axis: put_add_along_axis_p.bind(
        zeros_like(ans, dtype_of(t)), idx, t, axis=axis
    ),
)
defvjp(
    put_add_along_axis_p,
    lambda g, ans, x, idx, u, *, axis: g,
    None,
    lambda g, ans, x, idx, u, *, axis: take_along_axis_p.bind(g, idx, axis=axis),
)


def take_along_axis(arr, indices, axis=-1):
    """Pick values along ``axis`` by matching index arrays, as :func:`numpy.take_along_axis`.

    ``indices`` may be traced (e.g. the output of ``argsort`` under ``make_ir``).
    Repeated indices accumulate in the derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> x = fnp.asarray([[3.0, 1.0, 2.0]])
    >>> fnp.take_along_axis(x, fnp.argsort(x, axis=1), axis=1)
    array([[1., 2., 3.]])
    """
    from .shape import reshape

    if axis is None:
        arr = reshape(arr, (-1,))
        axis = 0
    shape, ishape = shape_of(arr), shape_of(indices)
    if len(ishape) != len(shape):
        raise ValueError(
            "`indices` and `arr` must have the same number of dimensions"
        )
    if dtype_of(indices).kind not in "iu":
        raise IndexError("`indices` must be an integer array")
    axis = canonical_axis(axis, len(shape))
    full = list(np.broadcast_shapes(tuple(1 if i == axis else s for i, s in enumerate(shape)),
                                    tuple(1 if i == axis else s for i, s in enumerate(ishape))))
    full[axis] = ishape[axis]
    full = tuple(full)
    if ishape != full:
        from .shape import broadcast_to

        indices = broadcast_to(indices, full)
    if not isinstance(indices, Tracer):
        indices = np.asarray(indices)
        n = shape[axis]
        if indices.size and (indices.max() >= n or indices.min() < -n):
            bad = indices.max() if indices.max() >= n else indices.min()
            raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {n}")
    xshape = tuple(s if i == axis else full[i] for i, s in enumerate(shape))
    if shape != xshape:
        from .shape import broadcast_to

        arr = broadcast_to(arr, xshape)
    return take_along_axis_p.bind(arr, indices, axis=axis)


def take(a, indices, axis=None, out=None, mode="raise"):
    """Elements of ``a`` at ``indices`` along ``axis``, as :func:`numpy.take`.

    ``mode`` is ``'raise'`` (NumPy's default), ``'wrap'`` or ``'clip'``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.take(x, [0, 0, 2])))(fnp.asarray([1.0, 2.0, 3.0]))
    array([2., 0., 1.])
    """
    from .shape import reshape

    reject_out("take", out)
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    shape = shape_of(a)
    axis = canonical_axis(axis, len(shape))
    idx = np.asarray(_concrete_index(indices))
    if idx.dtype.kind not in "iu":
        raise TypeError(f"Cannot cast array data from dtype('{idx.dtype}') to dtype('int64') "
                        "according to the rule 'safe'")
    n = shape[axis]
    if mode == "wrap":
        idx = idx % n
    elif mode == "clip":
        idx = np.clip(idx, 0, n - 1)
    elif mode not in ("raise", None):
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    return getitem(a, (slice(None),) * axis + (idx,))


def _concrete_index(indices):
    if isinstance(indices, Tracer):
        from ..core.trace import full_lower

        return full_lower(indices)
    return indices


def compress(condition, a, axis=None, out=None):
    """The slices of ``a`` along ``axis`` where ``condition`` is true, as :func:`numpy.compress`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.compress([True, False, True], fnp.asarray([1.0, 2.0, 3.0]))
    array([1., 3.])
    """
    reject_out("compress", out)
    cond = np.asarray(_concrete_index(condition), dtype=bool).ravel()
    return take(a, np.nonzero(cond)[0], axis=axis)


# ---------------------------------------------------------------------------
# Functional updates: x.at[idx].set(v) and friends
# ---------------------------------------------------------------------------

def _target_positions(shape, index) -> np.ndarray:
    """The flat position in ``x`` of each element of ``x[index]`` (NumPy's errors if invalid)."""
    size = int(np.prod(shape, dtype=np.int64))
    return np.arange(size).reshape(shape)[index]


def _flat_update(x, index, values, combine):
    """Apply an update whose repeated indices need grouping, on the flattened array."""
    from .shape import reshape

    shape = shape_of(x)
    dtype = dtype_of(x)
    pos = _target_positions(shape, normalize_index(index))
    u = _fit_updates(values, pos.shape, dtype)
    flat_x = reshape(x, (-1,))
    flat_u = reshape(u, (-1,))
    flat_pos = np.asarray(pos).reshape(-1)
    out = combine(flat_x, flat_u, flat_pos, dtype)
    return reshape(out, shape)


def _put_unique(flat_x, positions, values):
    """``flat_x`` with ``values`` written at the distinct ``positions``."""
    n = shape_of(flat_x)[0]
    mask = np.zeros(n, bool)
    mask[positions] = True
    placed = scatter_add(zeros_like(flat_x), (positions,), values)
    return where(mask, placed, flat_x)


def _set(flat_x, flat_u, flat_pos, dtype):
    # The last update of each position wins, as in NumPy's `x[idx] = v`.
    uniq, first_from_end = np.unique(flat_pos[::-1], return_index=True)
    winners = len(flat_pos) - 1 - first_from_end
    return _put_unique(flat_x, uniq, getitem(flat_u, (winners,)))


def _groups(flat_pos, extra: int):
    """Each distinct position and a table of the updates that hit it (padded with ``extra``)."""
    uniq, inverse, counts = np.unique(flat_pos, return_inverse=True, return_counts=True)
    width = int(counts.max()) if counts.size else 0
    table = np.full((len(uniq), width), extra, dtype=np.intp)
    order = np.argsort(inverse, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.arange(len(flat_pos)) - starts[inverse[order]]
    table[inverse[order], rank] = order
    return uniq, table


def _multiply(flat_x, flat_u, flat_pos, dtype):
    from .reductions import prod
    from .shape import concatenate

    uniq, table = _groups(flat_pos, len(flat_pos))
    padded = concatenate([flat_u, np.ones(1, dtype)])
    factor = prod(getitem(padded, (table,)), axis=1)  # exact at zeros, repeated or not
    return flat_x * _put_unique(np.ones(shape_of(flat_x), dtype), uniq, factor)


def _extreme(reduce, fill):
    def combine(flat_x, flat_u, flat_pos, dtype):
        from .shape import concatenate

        uniq, table = _groups(flat_pos, len(flat_pos) + len(np.unique(flat_pos)))
        # Column 0 is x itself, so ties between x and the updates share equally.
        own = len(flat_pos) + np.arange(len(uniq))
        table = np.concatenate([own[:, None], table], axis=1)
        pad = np.asarray(fill(dtype), dtype)[None]
        pool = concatenate([flat_u, getitem(flat_x, (uniq,)), pad])
        return _put_unique(flat_x, uniq, reduce(getitem(pool, (table,)), axis=1))

    return combine


def _lowest(dtype):
    return -np.inf if np.issubdtype(dtype, np.inexact) else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if np.issubdtype(dtype, np.inexact) else np.iinfo(dtype).max


def _plain_result(out):
    # Concrete results of `.at` updates carry `.at` again (funcgrad.numpy's arrays).
    if type(out) is np.ndarray:
        from ._array import UpdatableArray

        return out.view(UpdatableArray)
    return out


class _IndexUpdateRef:
    """``x.at[index]``: the functional update methods (JAX's design)."""

    __slots__ = ("array", "index")

    def __init__(self, array, index) -> None:
        self.array = array
        self.index = index

    def get(self):
        """``x[index]``."""
        return getitem(self.array, self.index)

    def set(self, values):
        """``x`` with ``x[index] = values`` (the last of repeated indices wins)."""
        return _plain_result(_flat_update(self.array, self.index, values, _set))

    def add(self, values):
        """``x`` with ``values`` added at ``index``; repeated indices accumulate (np.add.at)."""
        return _plain_result(scatter_add(self.array, self.index, values))

    def subtract(self, values):
        """``x`` with ``values`` subtracted at ``index`` (repeated indices accumulate)."""
        from .elementwise import negative

        return _plain_result(scatter_add(self.array, self.index, negative(values)))

    def multiply(self, values):
        """``x`` multiplied by ``values`` at ``index`` (np.multiply.at); exact at zeros."""
        return _plain_result(_flat_update(self.array, self.index, values, _multiply))

    mul = multiply

    def divide(self, values):
        """``x`` divided by ``values`` at ``index`` (repeated indices divide repeatedly)."""
        from .elementwise import true_divide

        return self.multiply(true_divide(1, values))

    def min(self, values):  # noqa: A003
        """``x`` with ``minimum(x, values)`` at ``index`` (np.minimum.at); ties share."""
        from .reductions import amin

        return _plain_result(
            _flat_update(self.array, self.index, values, _extreme(amin, _highest)))

    def max(self, values):  # noqa: A003
        """``x`` with ``maximum(x, values)`` at ``index`` (np.maximum.at); ties share."""
        from .reductions import amax

        return _plain_result(
            _flat_update(self.array, self.index, values, _extreme(amax, _lowest)))

    def power(self, values):
        """``x`` with ``x[index] ** values`` at ``index``; repeated indices apply repeatedly."""
        from .elementwise import ones_like, power

        exponents = _IndexUpdateRef(ones_like(self.array), self.index).multiply(values)
        return _plain_result(power(self.array, exponents))

    def apply(self, func):
        """``x`` with the unary ``func`` applied at ``index`` (repeated indices: repeatedly)."""
        from .shape import reshape

        shape = shape_of(self.array)
        flat_pos = np.asarray(_target_positions(shape, normalize_index(self.index))).reshape(-1)
        positions, counts = np.unique(flat_pos, return_counts=True)
        flat = reshape(self.array, (-1,))
        for level in range(int(counts.max()) if counts.size else 0):
            where = positions[counts > level]
            flat = _IndexUpdateRef(flat, where).set(func(getitem(flat, (where,))))
        return _plain_result(reshape(flat, shape))

    def __repr__(self) -> str:
        return f"_IndexUpdateRef({self.array!r}, {self.index!r})"


class _IndexUpdateHelper:
    """``x.at``: index it to get the update methods, ``x.at[idx].set(v)``."""

    __slots__ = ("array",)

    def __init__(self, array) -> None:
        self.array = array

    def __getitem__(self, index) -> _IndexUpdateRef:
        return _IndexUpdateRef(self.array, index)

    def __repr__(self) -> str:
        return f"_IndexUpdateHelper({self.array!r})"


def at(x) -> _IndexUpdateHelper:
    """Functional index updates for any array: ``fnp.at(x)[idx].set(v)``.

    The same object as ``x.at`` on traced values (JAX's ``x.at[...]``), but
    usable on plain NumPy arrays too, so code written with it runs with and
    without a transform. The methods are ``get()``, ``set(v)``, ``add(v)``,
    ``subtract(v)``, ``multiply(v)``, ``divide(v)``, ``min(v)``, ``max(v)``;
    repeated indices accumulate as NumPy's ``ufunc.at`` (``set``: last wins).
    ``x`` itself is never modified.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.at(np.zeros(3))[np.array([0, 0, 2])].add(1.0)
    array([2., 0., 1.])
    >>> fg.grad(lambda v: fnp.sum(fnp.at(np.ones(3))[1].set(v) ** 2))(3.0)
    array(6.)
    """
    if not isinstance(x, Tracer):
        x = np.asarray(x)
    return _IndexUpdateHelper(x)
