"""What an out-of-bounds index means in ``x.at[idx]`` under JAX's ``mode=``.

``'clip'`` clamps each integer index into its axis; ``'fill'`` (reads) and
``'drop'`` (updates) point every out-of-bounds entry at one slot appended to its
axis, filled with the fill value for a read and cut off again after an update.
The default stays NumPy's: an out-of-bounds index raises IndexError.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer
from ..primitives.indexing import concatenate, getitem, normalize_index
from ..primitives.util import dtype_of, shape_of

# ``mode=`` of ``x.at[idx]`` (JAX's names). funcgrad's default stays NumPy's: an index out
# of bounds raises IndexError (JAX clamps reads and drops writes silently).
MODES = (None, "promise_in_bounds", "clip", "fill", "drop")


def integer_axes(index, ndim: int) -> list[tuple[int, int]]:
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


def fill_default(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind in "fc":
        return np.nan
    if dtype.kind == "b":
        return True
    return np.iinfo(dtype).min if dtype.kind == "i" else np.iinfo(dtype).max


def bounded(array, index, mode):
    """``(index, pad_axes)`` for ``mode``: the index with clipped entries, or with its
    out-of-bounds entries pointing at one slot to be appended to each of ``pad_axes``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES[1:]} (or None), got {mode!r}")
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
    pairs = integer_axes(index, len(shape))
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


def crop(array, shape, axes):
    """``array`` without the slots :func:`with_pad_slots` appended."""
    return getitem(array, tuple(slice(0, shape[a]) if a in axes else slice(None)
                                for a in range(len(shape))))


def with_pad_slots(array, axes, value):
    """``array`` with one slot holding ``value`` appended along each of ``axes``."""
    for axis in axes:
        slot = list(shape_of(array))
        slot[axis] = 1
        array = concatenate([array, np.full(slot, value, dtype_of(array))], axis=axis)
    return array
