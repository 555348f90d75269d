"""NumPy's index tricks ``r_`` and ``c_``: arrays built by concatenation, differentiable."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..primitives.indexing import asarray, concatenate
from ..primitives.shape import reshape
from ..primitives.util import is_traced, shape_of


def _piece(item: Any) -> Any:
    if isinstance(item, slice):
        step = item.step if item.step is not None else 1
        start = item.start if item.start is not None else 0
        if isinstance(step, complex):
            return np.linspace(start, item.stop, int(abs(step)))
        return np.arange(start, item.stop, step)
    return asarray(item)


class _Concatenator:
    """``r_[...]`` / ``c_[...]``: slices become ranges, arrays are joined along an axis."""

    def __init__(self, axis: int, columns: bool, name: str) -> None:
        self.axis = axis
        self.columns = columns
        self.name = name

    def __getitem__(self, key: Any) -> Any:
        items = key if isinstance(key, tuple) else (key,)
        axis, ndmin = self.axis, 1
        if items and isinstance(items[0], str):
            spec, items = items[0], items[1:]
            parts = spec.split(",")
            if parts[0] in ("r", "c"):
                raise NotImplementedError(f"{self.name}['{parts[0]}', ...] (matrix output) is "
                                          f"not supported; build the array with stack/reshape")
            axis = int(parts[0])
            if len(parts) > 1:
                ndmin = int(parts[1])
        pieces = [_piece(i) for i in items]
        if not is_traced(*pieces):
            return np.r_[tuple(np.asarray(p) for p in pieces)] if not self.columns and \
                ndmin == 1 and axis == 0 else self._join(pieces, axis, ndmin)
        return self._join(pieces, axis, ndmin)

    def _join(self, pieces: list, axis: int, ndmin: int) -> Any:
        shaped = []
        for p in pieces:
            shape = shape_of(p)
            if self.columns and len(shape) < 2:
                p = reshape(p, (-1, 1))  # c_: a 1-D array becomes a column
            elif len(shape) < ndmin:
                p = reshape(p, (1,) * (ndmin - len(shape)) + shape)
            shaped.append(p)
        return concatenate(shaped, axis=axis)

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"funcgrad.numpy.{self.name}"


#: ``fnp.r_[a, b, 1:4]``: concatenation along the first axis, as :data:`numpy.r_`.
r_ = _Concatenator(0, False, "r_")
#: ``fnp.c_[a, b]``: 1-D arrays as columns, joined along the last axis, as :data:`numpy.c_`.
c_ = _Concatenator(-1, True, "c_")
