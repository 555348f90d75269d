"""Plain NumPy on traced values: ``np.sin(x)``, ``np.sum(x, axis=0)``, ``W @ x``.

NumPy hands a call to a traced value's ``__array_ufunc__`` (for ufuncs and
operators with an ndarray on the left) or ``__array_function__`` (for every
other function with an array argument). Both look the NumPy object up in a
table and call funcgrad.numpy's function of the same meaning. A NumPy
function with no entry raises :class:`UnsupportedNumPyFunctionError`, which
names it and says what to do: never a silently lost derivative, never an
object array.

The tables are filled once, at import time, by ``funcgrad/numpy/__init__.py``:

* ``register_module(numpy, funcgrad.numpy)`` pairs every public function of
  funcgrad.numpy with NumPy's object of the same name (ufuncs go to the ufunc
  table), and a few ``register(np.amax, amax)`` calls add the other names;
* each submodule (``linalg``, ``fft``, ``_complex``) exports a dict
  ``NUMPY_EQUIVALENTS = {np.linalg.inv: inv, ...}`` that ``__init__`` registers.
  A new submodule does the same and adds itself to that loop, or calls
  ``register_module(np.linalg, sys.modules[__name__])`` / ``register(f, ours)``
  at its own import.

``REDUCTIONS`` and ``ACCUMULATIONS`` map ufuncs to the functions that
implement ``ufunc.reduce`` (``np.add.reduce`` -> ``sum``) and ``ufunc.accumulate``.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer
from ..primitives.elementwise import astype
from ..primitives.shape import reshape
from ..primitives.util import shape_of

#: NumPy function (an ``_ArrayFunctionDispatcher``) -> funcgrad implementation.
HANDLED_FUNCTIONS: dict = {}
#: NumPy ufunc -> funcgrad implementation of its ``__call__``.
HANDLED_UFUNCS: dict = {}
#: ufunc -> funcgrad reduction for ``ufunc.reduce`` (whose default axis is 0).
REDUCTIONS: dict = {}
#: ufunc -> funcgrad running reduction for ``ufunc.accumulate``.
ACCUMULATIONS: dict = {}

DOCS = "https://funcgrad.readthedocs.io/en/latest/sharp_bits.html#plain-numpy"


class UnsupportedNumPyFunctionError(TypeError):
    """A NumPy function with no funcgrad rule was applied to a traced value.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> fg.grad(lambda x: np.sum(np.i0(x)))(np.ones(2))
    Traceback (most recent call last):
        ...
    funcgrad.numpy._dispatch.UnsupportedNumPyFunctionError: numpy.i0 was called on a traced value...
    """


def register(numpy_function, implementation) -> None:
    """Send calls of ``numpy_function`` on traced values to ``implementation``."""
    if isinstance(numpy_function, np.ufunc):
        HANDLED_UFUNCS[numpy_function] = implementation
    else:
        HANDLED_FUNCTIONS[numpy_function] = implementation


def register_module(numpy_module, module, names=None) -> list[str]:
    """Register every public function of ``module`` under NumPy's function of the same name.

    Returns the names registered. Objects that are NumPy's own (re-exported
    constants, dtypes, factories) are skipped.
    """
    done = []
    for name in names if names is not None else getattr(module, "__all__", dir(module)):
        if name.startswith("_"):
            continue
        ours = getattr(module, name, None)
        theirs = getattr(numpy_module, name, None)
        if ours is None or theirs is None or ours is theirs or not callable(ours):
            continue
        if isinstance(ours, type) or not (isinstance(theirs, np.ufunc) or
                                          hasattr(theirs, "_implementation")):
            continue
        register(theirs, ours)
        done.append(name)
    return done


def _name(obj) -> str:
    if isinstance(obj, np.ufunc):
        return f"numpy.{obj.__name__}"
    module = getattr(obj, "__module__", None) or "numpy"
    return f"{module}.{getattr(obj, '__name__', repr(obj))}"


def unsupported(what: str, hint: str = "") -> UnsupportedNumPyFunctionError:
    return UnsupportedNumPyFunctionError(
        f"{what} was called on a traced value, but funcgrad has no derivative rule for it, "
        f"so the derivative would be lost. "
        + (hint or
           "Use the funcgrad.numpy function of the same name if there is one "
           "(`import funcgrad.numpy as fnp`), write it with funcgrad.numpy functions, or "
           "give it rules with funcgrad.custom_vjp / funcgrad.custom_jvp. ")
        + f"See {DOCS}"
    )


def _reject_out(what: str, kwargs: dict) -> None:
    out = kwargs.pop("out", None)
    if isinstance(out, tuple) and all(o is None for o in out):
        out = None
    if out is not None:
        raise TypeError(
            f"{what}(..., out=...) on a traced value: traced values are immutable and cannot "
            f"be written into an array. Use the result instead (`y = {what}(...)`); for an "
            f"update of part of an array use funcgrad.numpy.at(a)[index].set(value)."
        )


_UFUNC_DEFAULTS = {"casting": "same_kind", "order": "K", "subok": True, "signature": None}


def _array_ufunc(self, ufunc, method, *inputs, **kwargs):
    if not kwargs and method == "__call__":
        impl = HANDLED_UFUNCS.get(ufunc)
        if impl is not None:
            return impl(*inputs)  # an operator with an ndarray on its left (ndarray @ traced)
    what = f"numpy.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}")
    _reject_out(what, kwargs)
    if method == "__call__":
        impl = _ours(HANDLED_UFUNCS, ufunc, what)
        where = kwargs.pop("where", True)
        if where is not True:
            raise TypeError(f"{what}(..., where=...) is not supported on traced values; use "
                            f"funcgrad.numpy.where(mask, {ufunc.__name__}(...), other)")
        dtype = kwargs.pop("dtype", None)
        passed = {k: kwargs.pop(k) for k in list(kwargs) if _accepts(impl, k)}  # vecdot's axis
        _check_defaults(what, kwargs)
        if dtype is not None:

            inputs = tuple(astype(x, dtype) for x in inputs)
        return impl(*inputs, **passed)
    if method == "reduce":
        impl = _ours(REDUCTIONS, ufunc, what)
        (array,) = inputs
        axis = kwargs.pop("axis", 0)
        dtype = kwargs.pop("dtype", None)
        keepdims = kwargs.pop("keepdims", False)
        initial = kwargs.pop("initial", None)
        where = kwargs.pop("where", True)
        if kwargs:
            raise TypeError(f"{what}: unexpected arguments {sorted(kwargs)}")
        extra = {}
        if dtype is not None:
            extra["dtype"] = dtype
        if where is not True:
            extra["where"] = where
        if initial is not None and initial is not np._NoValue:
            extra["initial"] = initial
        return impl(array, axis=axis, keepdims=keepdims, **extra)
    if method == "accumulate":
        impl = _ours(ACCUMULATIONS, ufunc, what)
        (array,) = inputs
        axis = kwargs.pop("axis", 0)
        dtype = kwargs.pop("dtype", None)
        if kwargs:
            raise TypeError(f"{what}: unexpected arguments {sorted(kwargs)}")
        return impl(array, axis=axis, dtype=dtype)
    if method == "outer":
        impl = _ours(HANDLED_UFUNCS, ufunc, what)
        _check_defaults(what, kwargs)

        a, b = inputs
        a = reshape(a, shape_of(a) + (1,) * len(shape_of(b)))
        return impl(a, b)
    if method == "at":
        raise TypeError(
            f"{what} updates an array in place, which a traced value cannot be part of. "
            f"Use the functional form: funcgrad.numpy.at(a)[indices]."
            f"{_AT_METHODS.get(ufunc.__name__, 'set')}(values) returns the updated array "
            f"(repeated indices accumulate as with {what})."
        )
    raise unsupported(what, f"funcgrad does not map ufunc.{method}; write it with "
                            f"funcgrad.numpy functions (e.g. a sum over slices). ")


def _ours(table: dict, ufunc, what: str):
    """funcgrad's function for ``ufunc`` (or its reduce/accumulate method) from ``table``."""
    impl = table.get(ufunc)
    if impl is None:
        raise unsupported(what)
    return impl


_AT_METHODS = {"add": "add", "subtract": "subtract", "multiply": "multiply",
               "divide": "divide", "true_divide": "divide", "minimum": "min",
               "maximum": "max"}


def _accepts(impl, name: str) -> bool:
    import inspect

    try:
        return name in inspect.signature(impl).parameters
    except (TypeError, ValueError):
        return False


def _check_defaults(what: str, kwargs: dict) -> None:
    for key, value in kwargs.items():
        if key not in _UFUNC_DEFAULTS or value != _UFUNC_DEFAULTS[key]:
            raise TypeError(f"{what}: the argument {key}={value!r} is not supported on "
                            f"traced values")


def _array_function(self, func, types, args, kwargs):
    impl = HANDLED_FUNCTIONS.get(func)
    if impl is None:
        raise unsupported(_name(func))
    for t in types:
        if not (issubclass(t, Tracer) or issubclass(t, np.ndarray)):
            return NotImplemented
    return impl(*args, **kwargs)


def _setitem(self, index, value):
    raise TypeError(
        "traced values are immutable, so `x[index] = value` is not supported. Use the "
        "functional update `x = x.at[index].set(value)` (or `funcgrad.numpy.at(x)[index]"
        ".set(value)`, which works on NumPy arrays too)."
    )


def install() -> None:
    """Give traced values the two NumPy protocols (called once by funcgrad.numpy)."""
    Tracer.__array_ufunc__ = _array_ufunc
    Tracer.__array_function__ = _array_function
    Tracer.__setitem__ = _setitem
