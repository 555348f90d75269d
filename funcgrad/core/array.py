"""``funcgrad.Array``: the type of every array value a funcgrad program sees."""

from __future__ import annotations

import abc
import warnings
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from .trace import Tracer

if TYPE_CHECKING:
    # To a type checker an Array is what user code holds: a NumPy array, which is
    # what every transform returns (traced values stand in for arrays inside the
    # transforms, where no checker looks). So ``def f(x: fg.Array)`` accepts
    # ``np.ones(3)``, rejects ``"a"`` and ``1.0``, and ``x @ w``, ``-x``, ``x.sum()``
    # check with NumPy's own annotations.
    Array: TypeAlias = np.ndarray
else:

    class Array(abc.ABC):  # noqa: B024 - a type to register into, not to subclass
        """The abstract type of arrays: NumPy arrays, funcgrad.numpy's arrays and traced values.

        For ``isinstance`` checks and type hints, as ``jax.Array``: a function
        annotated ``def f(x: fg.Array) -> fg.Array`` accepts what it is given
        inside and outside every transform. NumPy scalars (``np.float64(1.0)``)
        count as arrays of shape ``()``; Python numbers do not.

        To a type checker (mypy, pyright) ``Array`` is ``numpy.ndarray``: what
        every transform returns and what user code holds outside the
        transforms, so ``f(np.ones(3))`` checks and ``f("a")`` is flagged.
        Annotate ``x: float | fg.Array`` where a Python number is passed.

        Examples
        --------
        >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
        >>> isinstance(np.ones(2), fg.Array), isinstance(fnp.zeros(3), fg.Array)
        (True, True)
        >>> fg.grad(lambda x: float(isinstance(x, fg.Array)) + x)(1.0)
        array(1.)
        >>> isinstance(1.0, fg.Array)
        False
        """

    Array.register(np.ndarray)
    Array.register(np.number)
    Array.register(np.bool_)
    Array.register(Tracer)


# ---------------------------------------------------------------------------
# Duck arrays: arrays of other libraries that speak NumPy's protocols
# ---------------------------------------------------------------------------


def is_duck_array(x: object) -> bool:
    """Whether ``x`` is another library's array that NumPy's functions dispatch to.

    Dask and CuPy arrays (and NumPy subclasses) implement ``__array_ufunc__``
    and ``__array_function__``, so ``np.sin(x)`` and ``np.sum(x)`` return
    arrays of their own type. funcgrad keeps such values as they are: the
    kernel never converts them with ``np.asarray`` (which would compute a lazy
    Dask array, or copy a GPU array to the host).

    Examples
    --------
    >>> import numpy as np
    >>> is_duck_array(np.ones(2)), is_duck_array([1.0, 2.0]), is_duck_array(1.0)
    (False, False, False)
    """
    if isinstance(x, (np.ndarray, np.generic, Tracer)):
        return False
    cls = type(x)
    return (
        hasattr(cls, "__array_function__")
        and hasattr(cls, "__array_ufunc__")
        and hasattr(x, "shape")
        and hasattr(x, "dtype")
    )


def as_array(value: object) -> object:
    """``value`` as an array: arrays, traced values and duck arrays as they are,
    anything else (Python numbers, NumPy scalars, nested lists) through ``np.asarray``.

    Examples
    --------
    >>> import numpy as np
    >>> as_array(2.0)
    array(2.)
    >>> x = np.ones(2)
    >>> as_array(x) is x
    True
    """
    if isinstance(value, (np.ndarray, Tracer)) or is_duck_array(value):
        return value
    return np.asarray(value)


class DuckArrayConversionWarning(UserWarning):
    """A Dask (or CuPy) array went in and a NumPy array came out.

    funcgrad keeps other libraries' arrays as they are wherever NumPy's protocols
    let it; this warning names the function where that was not possible (the
    other library does not implement it, or implements only part of it), so
    that a lazy Dask array is never computed, nor a GPU array copied to the
    host, without a word.
    """


_result_types: list[type] = []


def set_result_type(cls: type) -> None:
    """Make :func:`as_result` view plain ndarrays as ``cls``, an ndarray subclass:
    ``funcgrad.numpy`` registers its ``UpdatableArray``, so what ``jit`` returns has
    ``.at`` and ``.block_until_ready()``, as JAX's arrays do.

    Examples
    --------
    >>> import funcgrad.numpy as fnp   # registers UpdatableArray
    >>> type(as_result(1.0)).__name__
    'UpdatableArray'
    """
    _result_types[:] = [cls]


def result_type() -> type:
    """The class :func:`as_result` gives plain ndarrays (``numpy.ndarray`` until one is set)."""
    return _result_types[0] if _result_types else np.ndarray


def as_result(value: object) -> object:
    """:func:`as_array`, with a plain ndarray viewed as the registered result type (see
    :func:`set_result_type`); duck arrays, subclasses and traced values as they are.

    Examples
    --------
    >>> import numpy as np
    >>> as_result(np.ones(2))
    array([1., 1.])
    """
    value = as_array(value)
    if type(value) is np.ndarray and _result_types:
        return value.view(_result_types[0])
    return value


def duck_type_name(kind: type) -> str:
    """A duck array type as users write it: ``dask.Array``, ``cupy.ndarray``."""
    return f"{kind.__module__.split('.')[0]}.{kind.__name__}"


def _duck_type_in(values: tuple) -> type | None:
    for v in values:
        if is_duck_array(v):
            return type(v)
        if isinstance(v, (list, tuple)):
            for w in v:
                if is_duck_array(w):
                    return type(w)
    return None


def warn_if_converted(what: str, inputs: tuple, output: object) -> None:
    """Warn (:class:`DuckArrayConversionWarning`) when ``output`` is a NumPy array
    although one of ``inputs`` was a duck array: the duck array was converted.

    Examples
    --------
    >>> import numpy as np
    >>> warn_if_converted("sin", (np.ones(2),), np.ones(2))   # NumPy in, NumPy out: quiet
    """
    if not isinstance(output, np.ndarray):
        return
    kind = _duck_type_in(inputs)
    if kind is None:
        return
    name = duck_type_name(kind)
    warnings.warn(
        f"{what} turned a {name} into a NumPy array: {name} does not implement this "
        f"function (or this form of it) through NumPy's protocols, so the values were "
        f"computed (or copied to the host). Convert the input yourself where that is "
        f"what you want (x.compute() for Dask), or use functions {name} implements.",
        DuckArrayConversionWarning,
        stacklevel=3,
    )
