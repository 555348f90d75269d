"""Small helpers shared by the modules of funcgrad.numpy (no primitives here).

They read shapes and dtypes without going through NumPy's ``__array_function__``
protocol, so they cost nothing on traced values, and they decide when a
composite can hand a call to NumPy unchanged (no traced argument at all).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.trace import ConcretizationError, Tracer, full_lower


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


def concrete_or_none(x: Any) -> np.ndarray | None:
    """``x``'s value, or None while it is staged (a check that needs values is then skipped)."""
    try:
        return np.asarray(full_lower(x))
    except ConcretizationError:
        return None


def is_complex(x: Any) -> bool:
    """Whether ``x`` has a complex dtype."""
    return np.issubdtype(dtype_of(x), np.complexfloating)


def is_inexact(dtype: Any) -> bool:
    return np.issubdtype(np.dtype(dtype), np.inexact)


def placeholder(x: Any) -> np.ndarray:
    """A zero-strided array with ``x``'s shape and dtype: lets NumPy check shapes for free."""
    shape = shape_of(x)
    dtype = dtype_of(x)
    # np.ndarray over a one-element buffer with zero strides: what np.broadcast_to
    # builds, without its ~5 us of argument handling (this sits on rules' hot paths).
    return np.ndarray(shape, dtype, np.zeros(1, dtype), 0, (0,) * len(shape))


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


# ---------------------------------------------------------------------------
# Public functions made from primitives, with docstrings whose examples NumPy computes
# ---------------------------------------------------------------------------

def numpy_doc(np_name: str, summary: str, rule: str, example: str) -> str:
    """A NumPy-style docstring whose example output NumPy itself computes."""
    args = example.split(";")
    shown = ", ".join(f"fnp.asarray({a.strip()})" for a in args)
    expected = getattr(np, np_name)(*[np.asarray(eval(a)) for a in args])  # noqa: S307
    return f"""{summary}, as :func:`numpy.{np_name}`.

    {rule}

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.{np_name}({shown})
    {expected!r}
    """


def unary_function(prim, name: str, summary: str, rule: str, example: str):
    def f(x, /):
        return prim.bind(x)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = numpy_doc(name, summary, rule, example)
    return f


def binary_function(prim, name: str, summary: str, rule: str, example: str):
    def f(x1, x2, /):
        return prim.bind(x1, x2)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = numpy_doc(name, summary, rule, example)
    return f


def alias_function(f, name: str):
    """``f`` under NumPy 2's array-API name (``asin`` for ``arcsin``)."""

    def g(*args):
        return f(*args)

    g.__name__ = g.__qualname__ = name
    g.__doc__ = f"Alias of :func:`{f.__name__}` (NumPy 2's name).\n\n" + "\n".join(
        f.__doc__.splitlines()[1:]
    ).replace(f"fnp.{f.__name__}(", f"fnp.{name}(")
    return g


# ---------------------------------------------------------------------------
# Constants shaped like a value (what rules use for zero and one)
# ---------------------------------------------------------------------------

def contains_tracer(seq) -> bool:
    """Whether a nested list or tuple holds a traced value anywhere."""
    stack = [seq]
    while stack:
        for item in stack.pop():
            if isinstance(item, Tracer):
                return True
            if isinstance(item, (list, tuple)):
                stack.append(item)
    return False


def like_shape(a, shape):
    return np.shape(a) if shape is None and not isinstance(a, Tracer) else (
        a.shape if shape is None else shape)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array of zeros with the shape and dtype of ``a`` (a constant).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.zeros_like(fnp.asarray([1.0, 2.0]))
    array([0., 0.])
    """
    return np.zeros(like_shape(a, shape), dtype_of(a) if dtype is None else dtype)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """An array of ones with the shape and dtype of ``a`` (a constant).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ones_like(fnp.asarray([1, 2]))
    array([1, 1])
    """
    return np.ones(like_shape(a, shape), dtype_of(a) if dtype is None else dtype)
