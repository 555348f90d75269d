"""The array API standard's namespace, differentiable: ``funcgrad.array_api``.

Code written against the `array API standard <https://data-apis.org/array-api/>`_
asks its input for a namespace (``xp = x.__array_namespace__()``, or
``array_api_compat.array_namespace(x)``) and calls only that namespace's
functions. Inside a funcgrad transform the input is a traced value, whose
``__array_namespace__`` returns this module: the standard's names bound to
funcgrad's differentiable functions, so such code differentiates unchanged.

Most names are :mod:`funcgrad.numpy`'s own (NumPy 2 follows the standard);
the few whose standard signature differs from NumPy's are composed here.

Examples
--------
>>> import numpy as np, funcgrad as fg
>>> def softplus_sum(x):
...     xp = x.__array_namespace__()
...     return xp.sum(xp.log1p(xp.exp(x)))
>>> fg.grad(softplus_sum)(np.array([0.0, 1.0]))
array([0.5       , 0.73105858])
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from . import numpy as _fnp
from .core.trace import Tracer
from .numpy import fft, linalg  # noqa: F401 - the standard's extensions

__array_api_version__ = "2023.12"

# ---------------------------------------------------------------------------
# The standard's names, by section of the specification
# ---------------------------------------------------------------------------

CONSTANTS = ("e", "inf", "nan", "newaxis", "pi")
CREATION = (
    "arange", "asarray", "empty", "empty_like", "eye", "from_dlpack", "full", "full_like",
    "linspace", "meshgrid", "ones", "ones_like", "tril", "triu", "zeros", "zeros_like",
)
DATA_TYPE_FUNCTIONS = ("astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type")
DATA_TYPES = (
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
)
ELEMENTWISE = (
    "abs", "acos", "acosh", "add", "asin", "asinh", "atan", "atan2", "atanh", "bitwise_and",
    "bitwise_left_shift", "bitwise_invert", "bitwise_or", "bitwise_right_shift", "bitwise_xor",
    "ceil", "clip", "conj", "copysign", "cos", "cosh", "divide", "equal", "exp", "expm1",
    "floor", "floor_divide", "greater", "greater_equal", "hypot", "imag", "isfinite", "isinf",
    "isnan", "less", "less_equal", "log", "log1p", "log2", "log10", "logaddexp", "logical_and",
    "logical_not", "logical_or", "logical_xor", "maximum", "minimum", "multiply", "negative",
    "not_equal", "positive", "pow", "real", "remainder", "round", "sign", "signbit", "sin",
    "sinh", "square", "sqrt", "subtract", "tan", "tanh", "trunc",
)
INDEXING = ("take",)
LINEAR_ALGEBRA = ("matmul", "matrix_transpose", "tensordot", "vecdot")
MANIPULATION = (
    "broadcast_arrays", "broadcast_to", "concat", "expand_dims", "flip", "moveaxis",
    "permute_dims", "repeat", "reshape", "roll", "squeeze", "stack", "tile", "unstack",
)
SEARCHING = ("argmax", "argmin", "nonzero", "searchsorted", "where")
SETS = ("unique_all", "unique_counts", "unique_inverse", "unique_values")
SORTING = ("argsort", "sort")
STATISTICAL = ("cumulative_sum", "max", "mean", "min", "prod", "std", "sum", "var")
UTILITY = ("all", "any")
EXTENSIONS = ("fft", "linalg")

STANDARD_NAMES = (
    CONSTANTS + CREATION + DATA_TYPE_FUNCTIONS + DATA_TYPES + ELEMENTWISE + INDEXING
    + LINEAR_ALGEBRA + MANIPULATION + SEARCHING + SETS + SORTING + STATISTICAL + UTILITY
    + EXTENSIONS
)

# ---------------------------------------------------------------------------
# Where the standard's signature is not NumPy's
# ---------------------------------------------------------------------------


def matrix_transpose(x: Any, /) -> Any:
    """Swap the last two axes (the standard's ``matrix_transpose``).

    Parameters
    ----------
    x : array_like
        An array of at least two dimensions (a stack of matrices).

    Returns
    -------
    array
        ``x`` with its last two axes swapped.

    See Also
    --------
    funcgrad.numpy.swapaxes : swaps any two axes.
    funcgrad.numpy.matrix_transpose : the same, in funcgrad.numpy.

    Examples
    --------
    >>> import numpy as np
    >>> matrix_transpose(np.arange(6.0).reshape(1, 2, 3)).shape
    (1, 3, 2)
    """
    return _fnp.swapaxes(x, -1, -2)


def unstack(x: Any, /, *, axis: int = 0) -> tuple:
    """The slices of ``x`` along ``axis``, as a tuple (the inverse of ``stack``).

    Parameters
    ----------
    x : array_like
        The array to split.
    axis : int, optional
        The axis to split along (the first by default).

    Returns
    -------
    tuple of arrays
        ``x.shape[axis]`` arrays, each with that axis removed.

    See Also
    --------
    funcgrad.numpy.stack : the inverse, joining along a new axis.
    funcgrad.numpy.moveaxis

    Examples
    --------
    >>> import numpy as np
    >>> unstack(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=1)
    (array([1., 3.]), array([2., 4.]))
    """
    moved = _fnp.moveaxis(x, axis, 0)
    return tuple(moved[i] for i in range(moved.shape[0]))


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """Sorted values along ``axis`` (``descending`` as the standard defines it: stable,
    equal elements keep their order).

    Parameters
    ----------
    x : array_like
        The array to sort.
    axis : int, optional
        The axis to sort along (the last by default).
    descending : bool, optional
        Largest first.
    stable : bool, optional
        Accepted for the standard's signature; the sort is always stable.

    Returns
    -------
    array
        The sorted values, with the shape of ``x``.

    See Also
    --------
    argsort : the indices that sort.
    funcgrad.numpy.sort : NumPy's signature.

    Examples
    --------
    >>> import numpy as np
    >>> sort(np.array([2.0, 3.0, 1.0]), descending=True)
    array([3., 2., 1.])
    """
    if not descending:
        return _fnp.sort(x, axis=axis)
    return _fnp.take_along_axis(x, argsort(x, axis=axis, descending=True), axis=axis)


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """Indices that sort ``x`` along ``axis``.

    Parameters
    ----------
    x : array_like
        The array to sort.
    axis : int, optional
        The axis to sort along (the last by default).
    descending : bool, optional
        Largest first; equal elements keep their order.
    stable : bool, optional
        Accepted for the standard's signature; the sort is always stable.

    Returns
    -------
    array of int
        Indices into ``x`` along ``axis``, with the shape of ``x`` (no derivative).

    See Also
    --------
    sort : the sorted values.
    funcgrad.numpy.argsort : NumPy's signature.

    Examples
    --------
    >>> import numpy as np
    >>> argsort(np.array([2.0, 3.0, 1.0]), descending=True)
    array([1, 0, 2])
    """
    if not descending:
        return _fnp.argsort(x, axis=axis, stable=True)
    # Stable and descending: sort the reversed array ascending (ties keep their order),
    # read that order backwards, and map the indices back to the unreversed array.
    reversed_order = _fnp.argsort(_fnp.flip(x, axis=axis), axis=axis, stable=True)
    return x.shape[axis] - 1 - _fnp.flip(reversed_order, axis=axis)


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """Elements of ``x`` at ``indices`` along ``axis``.

    Parameters
    ----------
    x : array_like
        The array to read from.
    indices : array_like of int
        The positions to read.
    axis : int, optional
        The axis ``indices`` index (``x`` flattened when None).

    Returns
    -------
    array
        The elements read; the derivative flows back to the positions read.

    See Also
    --------
    funcgrad.numpy.take : NumPy's signature.
    funcgrad.numpy.take_along_axis

    Examples
    --------
    >>> import numpy as np
    >>> take(np.array([10.0, 20.0, 30.0]), np.array([2, 0]))
    array([30., 10.])
    """
    return _fnp.take(x, indices, axis=axis)


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """Standard deviation with ``correction`` degrees of freedom removed.

    Parameters
    ----------
    x : array_like
        The input array.
    axis : int or tuple of ints, optional
        The axes to reduce (all when None).
    correction : float, optional
        Degrees of freedom removed from the count (NumPy's ``ddof``).
    keepdims : bool, optional
        Keep the reduced axes with length one.

    Returns
    -------
    array
        The standard deviation.

    See Also
    --------
    var : its square.
    funcgrad.numpy.std : NumPy's signature (``ddof``).

    Examples
    --------
    >>> import numpy as np
    >>> float(std(np.array([1.0, 3.0]), correction=1))
    1.4142135623730951
    """
    return _fnp.std(x, axis=axis, ddof=correction, keepdims=keepdims)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """Variance with ``correction`` degrees of freedom removed.

    Parameters
    ----------
    x : array_like
        The input array.
    axis : int or tuple of ints, optional
        The axes to reduce (all when None).
    correction : float, optional
        Degrees of freedom removed from the count (NumPy's ``ddof``).
    keepdims : bool, optional
        Keep the reduced axes with length one.

    Returns
    -------
    array
        The variance.

    See Also
    --------
    std : its square root.
    funcgrad.numpy.var : NumPy's signature (``ddof``).

    Examples
    --------
    >>> import numpy as np
    >>> float(var(np.array([1.0, 3.0]), correction=1))
    2.0
    """
    return _fnp.var(x, axis=axis, ddof=correction, keepdims=keepdims)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    """``x`` converted to ``dtype``.

    Parameters
    ----------
    x : array_like
        The input array.
    dtype : dtype
        The dtype of the result.
    copy : bool, optional
        Accepted for the standard's signature (funcgrad's results are new values).
    device : None, optional
        Only the CPU.

    Returns
    -------
    array
        ``x`` in ``dtype``; the derivative passes through between float dtypes.

    See Also
    --------
    funcgrad.numpy.astype : the same, in funcgrad.numpy.

    Examples
    --------
    >>> import numpy as np
    >>> astype(np.array([1.5, 2.5]), np.int64)
    array([1, 2])
    """
    return _fnp.astype(x, dtype, copy=copy)


def __array_namespace_info__() -> Any:
    """What this namespace offers: NumPy's answer (funcgrad computes with NumPy on the CPU).

    Returns
    -------
    object
        NumPy's inspection object (``capabilities()``, ``default_device()``,
        ``default_dtypes()``, ``dtypes()``, ``devices()``).

    See Also
    --------
    numpy.__array_namespace_info__ : what it returns.

    Examples
    --------
    >>> __array_namespace_info__().default_device()
    'cpu'
    """
    return np.__array_namespace_info__()


_COMPOSED = {
    "matrix_transpose", "unstack", "sort", "argsort", "take", "std", "var", "astype",
}


def _bind_standard_names() -> None:
    """Take every other standard name from funcgrad.numpy (or NumPy, for dtypes and
    type queries, which carry no derivative)."""
    namespace = globals()
    for name in STANDARD_NAMES:
        if name in _COMPOSED or name in EXTENSIONS:
            continue
        if hasattr(_fnp, name):
            namespace[name] = getattr(_fnp, name)
        else:
            namespace[name] = getattr(np, name)


_bind_standard_names()


def _array_namespace(self: Any, /, *, api_version: str | None = None) -> Any:
    if api_version is not None and api_version != __array_api_version__:
        raise ValueError(
            f"funcgrad's array API namespace implements version {__array_api_version__}, "
            f"not {api_version!r}"
        )
    return sys.modules[__name__]


# Traced values answer the standard's question "which namespace are you from?".
Tracer.__array_namespace__ = _array_namespace  # type: ignore[attr-defined]
Tracer.device = property(lambda self: "cpu")  # type: ignore[attr-defined]

__all__ = sorted(set(STANDARD_NAMES) | {"__array_api_version__", "__array_namespace_info__"})
