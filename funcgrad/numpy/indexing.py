"""Indexing composites: ``take``, ``compress`` and functional updates ``x.at[idx]``.

Functional updates follow JAX: ``x.at[idx].set(v)``, ``.add(v)``,
``.multiply(v)``, ``.divide(v)``, ``.min(v)``, ``.max(v)``, ``.get()``. The
``at`` property exists on traced values; for code that also runs on plain
NumPy arrays use the function form ``fnp.at(x)[idx].set(v)``, which accepts
both. Repeated indices accumulate as NumPy's ``ufunc.at`` does (``np.add.at``);
for ``set`` the last update of a position wins, as in NumPy's assignment.
The primitives (``getitem``, ``scatter_add``, ``take_along_axis``) are in
:mod:`funcgrad.primitives.indexing`.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives.elementwise import negative, power, true_divide, where
from ..primitives.indexing import (  # noqa: F401 - NumPy's names for the primitives
    concatenate,
    fit_updates,
    getitem,
    normalize_index,
    scatter_add,
    take_along_axis,
)
from ..primitives.reductions import amax, amin, prod
from ..primitives.shape import reshape
from ..primitives.slicing import dynamic_plan, dynamic_update
from ..primitives.util import (
    canonical_axis,
    dtype_of,
    ones_like,
    reject_out,
    shape_of,
    zeros_like,
)


def take(a, indices, axis=None, out=None, mode="raise"):
    """Elements of ``a`` at ``indices`` along ``axis``, as :func:`numpy.take`.

    ``mode`` is ``'raise'`` (NumPy's default), ``'wrap'`` or ``'clip'``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.take(x, [0, 0, 2])))(fnp.asarray([1.0, 2.0, 3.0]))
    array([2., 0., 1.])
    """
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
    shape = shape_of(x)
    dtype = dtype_of(x)
    pos = _target_positions(shape, normalize_index(index))
    u = fit_updates(values, pos.shape, dtype)
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
    uniq, table = _groups(flat_pos, len(flat_pos))
    padded = concatenate([flat_u, np.ones(1, dtype)])
    factor = prod(getitem(padded, (table,)), axis=1)  # exact at zeros, repeated or not
    return flat_x * _put_unique(np.ones(shape_of(flat_x), dtype), uniq, factor)


def _extreme(reduce, fill):
    def combine(flat_x, flat_u, flat_pos, dtype):
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


# ``mode=`` of ``x.at[idx]`` (JAX's names). funcgrad's default stays NumPy's: an index out
# of bounds raises IndexError (JAX clamps reads and drops writes silently).
_MODES = (None, "promise_in_bounds", "clip", "fill", "drop")


def _integer_axes(index, ndim: int) -> list[tuple[int, int]]:
    """(position in the normalized index, axis of x) of each integer or integer-array part."""
    parts = normalize_index(index)
    consumed = sum(p.ndim if isinstance(p, np.ndarray) and p.dtype == np.bool_ else 1
                   for p in parts if p is not None and p is not Ellipsis)
    pairs, axis = [], 0
    for position, part in enumerate(parts):
        if part is Ellipsis:
            axis += ndim - consumed
        elif part is None:
            continue
        elif isinstance(part, np.ndarray) and part.dtype == np.bool_:
            axis += part.ndim
        else:
            if isinstance(part, int) or isinstance(part, np.ndarray):
                pairs.append((position, axis))
            axis += 1
    return pairs


def _fill_default(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind in "fc":
        return np.nan
    if dtype.kind == "b":
        return True
    return np.iinfo(dtype).min if dtype.kind == "i" else np.iinfo(dtype).max


def _bounded(array, index, mode):
    """``(index, pad_axes)`` for ``mode``: the index with clipped entries, or with its
    out-of-bounds entries pointing at one slot to be appended to each of ``pad_axes``."""
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {_MODES[1:]} (or None), got {mode!r}")
    if mode in (None, "promise_in_bounds"):
        return index, []
    if isinstance(index, Tracer) or (
            isinstance(index, tuple) and any(isinstance(i, Tracer) for i in index)):
        if mode == "clip":  # a dynamic slice clamps its start, as this mode asks
            return index, []
        raise NotImplementedError(
            f"x.at[...] with mode={mode!r} needs concrete indices; with a traced index use "
            "mode='clip' (a dynamic slice clamps) or keep the index in bounds.")
    shape = shape_of(array)
    parts = list(normalize_index(index))
    pairs = _integer_axes(index, len(shape))
    for position, axis in pairs:
        n = shape[axis]
        i = np.asarray(parts[position])
        if mode == "clip":
            i = np.clip(i, -n, n - 1) if n else i
        else:  # fill / drop: in-bounds entries made non-negative, the others the pad slot
            i = np.where((i >= -n) & (i < n), i % max(n, 1), n)
        parts[position] = int(i) if i.ndim == 0 else i
    pad_axes = [] if mode == "clip" else sorted({axis for _, axis in pairs})
    return tuple(parts), pad_axes


def _crop(array, shape, axes):
    """``array`` without the slots :func:`_pad_axes` appended."""
    return getitem(array, tuple(slice(0, shape[a]) if a in axes else slice(None)
                                for a in range(len(shape))))


def _pad_axes(array, axes, value):
    """``array`` with one slot holding ``value`` appended along each of ``axes``."""
    for axis in axes:
        slot = list(shape_of(array))
        slot[axis] = 1
        array = concatenate([array, np.full(slot, value, dtype_of(array))], axis=axis)
    return array


def _plain_result(out):
    # Concrete results of `.at` updates carry `.at` again (funcgrad.numpy's arrays).
    if type(out) is np.ndarray:
        from ._array import UpdatableArray  # _array builds on this module's `at`

        return out.view(UpdatableArray)
    return out


class _IndexUpdateRef:
    """``x.at[index]``: the functional update methods (JAX's design).

    Every method takes JAX's keyword arguments: ``mode`` says what an index out of
    bounds means (``None``/``'promise_in_bounds'``: NumPy's IndexError; ``'clip'``:
    clamp it into bounds; ``'fill'`` for ``get``: read ``fill_value``, NaN by default
    for floats; ``'drop'`` for updates: skip it); ``indices_are_sorted`` and
    ``unique_indices`` are hints NumPy does not need and are accepted.
    """

    __slots__ = ("array", "index")

    def __init__(self, array, index) -> None:
        self.array = array
        self.index = index

    def get(self, indices_are_sorted=False, unique_indices=False, mode=None, fill_value=None):
        """``x[index]``; out-of-bounds indices as ``mode`` says (``'fill'``: ``fill_value``)."""
        index, pad_axes = _bounded(self.array, self.index, "fill" if mode == "drop" else mode)
        if not pad_axes:
            return getitem(self.array, index)
        value = _fill_default(dtype_of(self.array)) if fill_value is None else fill_value
        return getitem(_pad_axes(self.array, pad_axes, value), index)

    def _update(self, mode, combine, dynamic=None):
        """``combine(array, index)`` with ``mode``'s meaning of out-of-bounds indices."""
        if mode in (None, "promise_in_bounds", "clip") and dynamic is not None:
            out = self._dynamic(dynamic)
            if out is not None:
                return out
        index, pad_axes = _bounded(self.array, self.index, "drop" if mode == "fill" else mode)
        if not pad_axes:
            return _plain_result(combine(self.array, index))
        padded = combine(_pad_axes(self.array, pad_axes, 0), index)
        return _plain_result(_crop(padded, shape_of(self.array), pad_axes))

    def _dynamic(self, combine):
        """The update at a traced integer index (a loop's): a dynamic slice, or None."""
        plan = dynamic_plan(self.array, self.index)
        return None if plan is None else dynamic_update(self.array, plan, combine)

    def set(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[index] = values`` (the last of repeated indices wins)."""
        return self._update(mode, lambda x, i: _flat_update(x, i, values, _set),
                            lambda window: values)

    def add(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``values`` added at ``index``; repeated indices accumulate (np.add.at)."""
        return self._update(mode, lambda x, i: scatter_add(x, i, values),
                            lambda window: window + values)

    def subtract(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``values`` subtracted at ``index`` (repeated indices accumulate)."""
        return self._update(mode, lambda x, i: scatter_add(x, i, negative(values)),
                            lambda window: window - values)

    def multiply(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` multiplied by ``values`` at ``index`` (np.multiply.at); exact at zeros."""
        return self._update(mode, lambda x, i: _flat_update(x, i, values, _multiply),
                            lambda window: window * values)

    mul = multiply

    def divide(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` divided by ``values`` at ``index`` (repeated indices divide repeatedly)."""
        return self.multiply(true_divide(1, values), mode=mode)

    def min(self, values, indices_are_sorted=False, unique_indices=False,  # noqa: A003
            mode=None):
        """``x`` with ``minimum(x, values)`` at ``index`` (np.minimum.at); ties share."""
        return self._update(
            mode, lambda x, i: _flat_update(x, i, values, _extreme(amin, _highest)))

    def max(self, values, indices_are_sorted=False, unique_indices=False,  # noqa: A003
            mode=None):
        """``x`` with ``maximum(x, values)`` at ``index`` (np.maximum.at); ties share."""
        return self._update(
            mode, lambda x, i: _flat_update(x, i, values, _extreme(amax, _lowest)))

    def power(self, values, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[index] ** values`` at ``index``; repeated indices apply repeatedly."""
        exponents = _IndexUpdateRef(ones_like(self.array), self.index).multiply(values, mode=mode)
        return _plain_result(power(self.array, exponents))

    def apply(self, func, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with the unary ``func`` applied at ``index`` (repeated indices: repeatedly)."""
        if mode not in (None, "promise_in_bounds"):
            raise NotImplementedError("x.at[...].apply supports only in-bounds indices "
                                      f"(mode=None), got mode={mode!r}")
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
