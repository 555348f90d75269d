"""Small helpers shared by the modules of funcgrad.numpy (no primitives here).

They read shapes and dtypes without going through NumPy's ``__array_function__``
protocol, so they cost nothing on traced values, and they decide when a
composite can hand a call to NumPy unchanged (no traced argument at all).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.trace import Tracer


def shape_of(x: Any) -> tuple[int, ...]:
    """The shape of an array, a traced value, a scalar or a (nested) list."""
    shape = getattr(x, "shape", None)
    if shape is not None:
        return tuple(shape)
    if isinstance(x, (list, tuple)):
        if not x:
            return (0,)
        return (len(x),) + shape_of(x[0])
    return np.shape(x)


def ndim_of(x: Any) -> int:
    return len(shape_of(x))


def dtype_of(x: Any) -> np.dtype:
    """The dtype NumPy gives ``x``; Python scalars are weak (NEP 50) only in ``result_type``."""
    dtype = getattr(x, "dtype", None)
    if dtype is not None:
        return np.dtype(dtype)
    if isinstance(x, (list, tuple)):
        return np.result_type(*[dtype_of(i) for i in x]) if x else np.dtype(np.float64)
    return np.result_type(x)


def result_dtype(*xs: Any) -> np.dtype:
    """NumPy's result dtype for ``xs``, with Python scalars weak (NEP 50)."""
    args = [x if isinstance(x, (int, float, complex, bool)) else dtype_of(x) for x in xs]
    return np.result_type(*args)


def is_traced(*xs: Any) -> bool:
    """Whether any argument (or any item of a list/tuple argument) is a traced value."""
    stack = list(xs)
    while stack:
        x = stack.pop()
        if isinstance(x, Tracer):
            return True
        if isinstance(x, (list, tuple)):
            stack.extend(x)
    return False


def is_inexact(dtype: Any) -> bool:
    return np.issubdtype(np.dtype(dtype), np.inexact)


def placeholder(x: Any) -> np.ndarray:
    """A zero-strided array with ``x``'s shape and dtype: lets NumPy check shapes for free."""
    return np.broadcast_to(np.zeros((), dtype_of(x)), shape_of(x))


def canonical_axis(axis: int, ndim: int) -> int:
    """``axis`` in ``range(ndim)``, or NumPy's own :class:`numpy.exceptions.AxisError`."""
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    return axis % ndim


class _NoValue:
    """NumPy's "argument not given" marker, for signatures that mirror NumPy's."""

    def __repr__(self) -> str:
        return "<no value>"


NoValue = _NoValue()


def reject_out(name: str, out: Any) -> None:
    """funcgrad values are immutable: ``out=`` cannot be honoured."""
    if out is not None:
        raise TypeError(
            f"{name}: the out= argument is not supported by funcgrad.numpy, whose results "
            f"are new values (a traced value cannot be written into an existing array). "
            f"Use the return value instead: `y = {name}(...)`."
        )
