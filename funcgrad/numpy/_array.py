"""The arrays funcgrad.numpy returns: NumPy arrays with JAX's ``.at`` updates.

JAX code builds arrays functionally: ``out = jnp.zeros(3); out = out.at[0].set(v)``.
Traced values have ``.at``; for concrete results funcgrad.numpy returns
:class:`UpdatableArray`, an ``ndarray`` subclass that adds only the ``at``
property and prints exactly as NumPy's arrays do. Arrays the user passes in are
never converted, and the kernel never creates one: the public functions of
``funcgrad.numpy`` are wrapped (:func:`returning_updatable`) at the namespace, so
derivative rules, which call the implementation modules, keep working on plain
ndarrays at full speed. Mixed with plain arrays in NumPy arithmetic the result is
a plain array (``__array_priority__`` below ndarray's), so an UpdatableArray
constant never slows a computation on plain arrays down.

Functional updates follow JAX: ``x.at[idx].set(v)``, ``.add(v)``,
``.multiply(v)``, ``.divide(v)``, ``.min(v)``, ``.max(v)``, ``.get()``. The
``at`` property exists on traced values and on UpdatableArray; for code that
also runs on plain NumPy arrays use the function form ``fnp.at(x)[idx].set(v)``,
which accepts both. Repeated indices accumulate as NumPy's ``ufunc.at`` does
(``np.add.at``); for ``set`` the last update of a position wins, as in NumPy's
assignment.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.array import set_result_type, warn_if_converted
from ..core.device import CPU, SHARDING, Device, SingleDeviceSharding
from ..core.trace import Tracer
from ..primitives.elementwise import negative, power, true_divide, where
from ..primitives.indexing import (
    concatenate,
    fit_updates,
    getitem,
    normalize_index,
    scatter_add,
)
from ..primitives.reductions import amax, amin, prod
from ..primitives.shape import reshape
from ..primitives.slicing import dynamic_plan, dynamic_update
from ..primitives.util import (
    dtype_of,
    ones_like,
    shape_of,
    zeros_like,
)
from ._at_modes import bounded, crop, fill_default, with_pad_slots

_ndarray = np.ndarray


class UpdatableArray(np.ndarray):
    """A NumPy array with JAX's functional updates ``x.at[idx].set(v)``.

    What ``funcgrad.numpy`` functions return for concrete values; otherwise
    exactly a NumPy array (``isinstance(x, np.ndarray)`` holds, it prints the
    same, results of reductions to a scalar are NumPy scalars).

    Attributes
    ----------
    at : _IndexUpdateHelper
        ``x.at[index]`` has the methods ``get()``, ``set(v)``, ``add(v)``,
        ``subtract(v)``, ``multiply(v)``, ``divide(v)``, ``min(v)`` and
        ``max(v)``, each returning a new array.

    See Also
    --------
    at : the same updates for any array, ``fnp.at(x)[index].set(v)``.
    numpy.ndarray : everything else it does.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> out = fnp.zeros(3)
    >>> out
    array([0., 0., 0.])
    >>> out.at[0].set(2.0).at[1:].add(1.0)
    array([2., 1., 1.])
    >>> out                                  # unchanged: updates are functional
    array([0., 0., 0.])
    """

    __array_priority__ = -1.0

    def __array_wrap__(self, array, context=None, return_scalar=False):
        if return_scalar:
            return array[()]
        return array.view(UpdatableArray) if type(array) is _ndarray else array

    def __getitem__(self, index):
        # A traced index (a loop's counter, as in JAX's `xs[i]` in a fori_loop body):
        # funcgrad's indexing, which reads it as a dynamic slice.
        if isinstance(index, Tracer) or (
                isinstance(index, tuple) and any(isinstance(i, Tracer) for i in index)):
            return getitem(self.view(_ndarray), index)
        return _ndarray.__getitem__(self, index)

    @property
    def at(self) -> IndexUpdateHelper:
        """Functional index updates (JAX's ``x.at[idx]``): ``get``, ``set``, ``add``,
        ``subtract``, ``multiply``, ``divide``, ``power``, ``min``, ``max``, ``apply``.

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.arange(4.0).at[::2].multiply(10.0)
        array([ 0.,  1., 20.,  3.])
        """
        return IndexUpdateHelper(self)

    def block_until_ready(self) -> UpdatableArray:
        """The array itself: NumPy computes eagerly, so it is always ready (JAX's method).

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.ones(2).block_until_ready()
        array([1., 1.])
        """
        return self

    def devices(self) -> set[Device]:
        """The devices holding the array: the CPU (JAX's ``Array.devices()``).

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.ones(2).devices()
        {CpuDevice(id=0)}
        """
        return {CPU}

    @property
    def sharding(self) -> SingleDeviceSharding:
        """How the array is laid out over devices: all on the CPU (JAX's ``Array.sharding``).

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.ones(2).sharding.device_set
        frozenset({CpuDevice(id=0)})
        """
        return SHARDING

    def __repr__(self) -> str:
        return _ndarray.__repr__(self.view(_ndarray))

    def __reduce__(self):
        # Pickled as what it is to NumPy: a plain array (it needs no funcgrad to load).
        return self.view(_ndarray).__reduce__()


def updatable(out: Any) -> Any:
    """``out`` as an :class:`UpdatableArray` if it is a plain ndarray (tuples: each item).

    Examples
    --------
    >>> import numpy as np
    >>> type(updatable(np.ones(2))).__name__, updatable(1.0)
    ('UpdatableArray', 1.0)
    """
    t = type(out)
    if t is _ndarray:
        return out.view(UpdatableArray)
    if t is tuple or t is list:
        return t(o.view(UpdatableArray) if type(o) is _ndarray else o for o in out)
    return out


def returning_updatable(fn: Callable) -> Callable:
    """``fn`` returning :class:`UpdatableArray` where it returns plain ndarrays.

    Examples
    --------
    >>> import numpy as np
    >>> ones = returning_updatable(np.ones)
    >>> ones(2).at[0].set(5.0)
    array([5., 1.])
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        out = fn(*args, **kwargs)
        t = type(out)
        if t is _ndarray:
            warn_if_converted(f"funcgrad.numpy.{fn.__name__}", args, out)
            return out.view(UpdatableArray)
        if t is tuple or t is list:
            return updatable(out)
        return out

    return wrapper


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


def _plain_result(out):
    # Concrete results of `.at` updates carry `.at` again (funcgrad.numpy's arrays).
    if type(out) is np.ndarray:
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
        index, pad_axes = bounded(self.array, self.index, "fill" if mode == "drop" else mode)
        if not pad_axes:
            return getitem(self.array, index)
        value = fill_default(dtype_of(self.array)) if fill_value is None else fill_value
        return getitem(with_pad_slots(self.array, pad_axes, value), index)

    def _update(self, mode, combine, dynamic=None):
        """``combine(array, index)`` with ``mode``'s meaning of out-of-bounds indices."""
        if mode in (None, "promise_in_bounds", "clip") and dynamic is not None:
            out = self._dynamic(dynamic)
            if out is not None:
                return out
        index, pad_axes = bounded(self.array, self.index, "drop" if mode == "fill" else mode)
        if not pad_axes:
            return _plain_result(combine(self.array, index))
        padded = combine(with_pad_slots(self.array, pad_axes, 0), index)
        return _plain_result(crop(padded, shape_of(self.array), pad_axes))

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


class IndexUpdateHelper:
    """``x.at``: index it to get the update methods, ``x.at[idx].set(v)``."""

    __slots__ = ("array",)

    def __init__(self, array) -> None:
        self.array = array

    def __getitem__(self, index) -> _IndexUpdateRef:
        return _IndexUpdateRef(self.array, index)

    def __repr__(self) -> str:
        return f"_IndexUpdateHelper({self.array!r})"


def at(x) -> IndexUpdateHelper:
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
    return IndexUpdateHelper(x)

# What jit returns: arrays with .at and .block_until_ready(), like JAX's.
set_result_type(UpdatableArray)
