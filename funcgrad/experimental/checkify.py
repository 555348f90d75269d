"""funcgrad.experimental.checkify: errors as values (``jax.experimental.checkify``).

``check(pred, msg, *fmt_args)`` states a condition. Under :func:`checkify` a failed
check does not stop the program: ``checkify(f)(*args)`` returns ``(err, out)``, and
``err.get()`` gives the first failed check's message (``None`` if none failed) and
``err.throw()`` raises it. This works when ``f`` or its callers use ``jit``,
``vmap``, ``grad`` and the loops of :mod:`funcgrad.lax`: each check is a callback
that runs with the values of the running program (:func:`funcgrad.io_callback`),
and ``checkify`` collects what they found into the error it returns, so
``jit(checkify(f))`` returns a fresh error on every call.

``errors`` chooses what is checked: ``user_checks`` (the calls of ``check``,
the default) and ``nan_checks`` (a NaN produced from numbers that were not NaN,
seen through NumPy's floating-point error handling). ``float_checks`` and
``all_checks`` include ``nan_checks``; the integer-division and out-of-bounds
checks of JAX's ``div_checks`` and ``index_checks`` are not made here (funcgrad
raises an ``IndexError`` for out-of-bounds indices).

Outside ``checkify``, a failed ``check`` on concrete values raises
:class:`JaxRuntimeError` at once; a ``check`` on traced values outside ``checkify``
raises a ``ValueError``, as in JAX.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.experimental import checkify
>>> def f(x):
...     checkify.check(x > 0, "{} must be positive!", x)
...     return 2 * x
>>> err, y = fg.jit(checkify.checkify(f))(-2.0)
>>> err.get()
'-2.0 must be positive! (`check` failed)'
>>> fg.jit(checkify.checkify(f))(2.0)[0].get() is None
True
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..callbacks import io_callback
from ..core.shape_dtype import ShapeDtypeStruct
from ..core.trace import Tracer
from ..core.tree_util import register_pytree_node, tree_leaves

__all__ = [
    "Error", "JaxRuntimeError", "all_checks", "automatic_checks", "check", "check_error",
    "checkify", "div_checks", "float_checks", "index_checks", "nan_checks", "user_checks",
]

user_checks = frozenset({"user"})
nan_checks = frozenset({"nan"})
div_checks = frozenset({"div"})
index_checks = frozenset({"index"})
float_checks = nan_checks | div_checks
automatic_checks = float_checks | index_checks
all_checks = automatic_checks | user_checks


class JaxRuntimeError(RuntimeError):
    """A failed check, raised (JAX's ``JaxRuntimeError``).

    Parameters
    ----------
    message : str
        The check's message with ``(`check` failed)`` appended.

    See Also
    --------
    Error.throw : raise the error a checkified function returned.

    Examples
    --------
    >>> from funcgrad.experimental import checkify
    >>> try:
    ...     checkify.check(False, "broken")
    ... except checkify.JaxRuntimeError as e:
    ...     print(e)
    broken (`check` failed)
    """


# Messages of the errors found so far, by code (0: no error).
_MESSAGES: dict[int, str] = {}
_CODES = itertools.count(1)
# Trace time: the ``errors`` of the checkify calls running now, innermost last.
_ACTIVE: list[frozenset] = []
# Run time: one slot per checkify call running now (its first error's code).
_SLOTS: list[dict] = []


def _new_code(message: str) -> int:
    code = next(_CODES)
    _MESSAGES[code] = message
    return code


def _message(msg: str, args: tuple, kwargs: dict) -> str:
    return msg.format(*args, **kwargs) + " (`check` failed)"


class Error:
    """What a checkified function returns beside its output: the first failed check.

    A pytree (its one leaf is an integer code), so it leaves ``jit`` and ``vmap``
    like any output.

    Parameters
    ----------
    code : array
        0 when no check failed, otherwise the code of the error's message.

    See Also
    --------
    checkify : the transform that returns it.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.experimental import checkify
    >>> err, _ = checkify.checkify(lambda x: checkify.check(x > 1, "small {}", x))(fnp.array(0.5))
    >>> err
    Error(small 0.5 (`check` failed))
    """

    def __init__(self, code: Any) -> None:
        self._code = code

    def get(self) -> str | None:
        """The first failed check's message, or ``None`` when every check passed.

        Returns
        -------
        str or None
            The message, with ``(`check` failed)`` appended.

        See Also
        --------
        throw : raise it instead.

        Examples
        --------
        >>> from funcgrad.experimental import checkify
        >>> checkify.checkify(lambda: checkify.check(True, "never"))()[0].get() is None
        True
        """
        if isinstance(self._code, Tracer):
            raise ValueError(
                "Error.get: this error is a traced value (inside jit or another transform); "
                "return it from the transformed function and call get() on the result, or "
                "use checkify.check_error(err) inside")
        code = int(np.max(np.asarray(self._code))) if np.size(self._code) else 0
        return None if code == 0 else _MESSAGES[code]

    def throw(self) -> None:
        """Raise :class:`JaxRuntimeError` with the message, if a check failed.

        Returns
        -------
        None
            When every check passed.

        See Also
        --------
        get : the message without raising.

        Examples
        --------
        >>> from funcgrad.experimental import checkify
        >>> err, _ = checkify.checkify(lambda: checkify.check(False, "failed here"))()
        >>> try:
        ...     err.throw()
        ... except checkify.JaxRuntimeError as e:
        ...     print(e)
        failed here (`check` failed)
        """
        message = self.get()
        if message is not None:
            raise JaxRuntimeError(message)

    def __repr__(self) -> str:
        if isinstance(self._code, Tracer):
            return "Error(<traced>)"
        return f"Error({self.get()})"


register_pytree_node(Error, lambda e: ((e._code,), None), lambda _, children: Error(*children))


# ---------------------------------------------------------------------------
# Run time: what the callbacks do with the values of the running program
# ---------------------------------------------------------------------------

def _record(code_of: Callable[..., int], *values: Any) -> None:
    code = code_of(*values)
    if code == 0:
        return
    if not _SLOTS:  # compiled inside checkify, now called outside it
        raise JaxRuntimeError(_MESSAGES[code])
    if _SLOTS[-1]["code"] == 0:
        _SLOTS[-1]["code"] = code


def _check_code(msg: str, pred: Any, args: tuple, kwargs: dict) -> int:
    if np.all(pred):
        return 0
    return _new_code(_message(msg, args, kwargs))


def _error_code(code: Any) -> int:
    return int(np.max(code)) if np.size(code) else 0


def _push(errors: frozenset, *_inputs: Any) -> None:
    slot: dict = {"code": 0}
    if "nan" in errors:
        def on_nan(kind: str, flag: int) -> None:
            if slot["code"] == 0:
                slot["code"] = _new_code(
                    "nan generated by an operation (NumPy: invalid value encountered)")

        slot["restore"] = (np.seterr(invalid="call"), np.seterrcall(on_nan))
    _SLOTS.append(slot)


def _pop(*_outputs: Any) -> np.ndarray:
    slot = _SLOTS.pop()
    if "restore" in slot:
        settings, handler = slot["restore"]
        np.seterr(**settings)
        np.seterrcall(handler)
    return np.asarray(slot["code"], np.int32)


# ---------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------

def _array_leaves(tree: Any) -> list:
    return [x for x in tree_leaves(tree) if isinstance(x, (Tracer, np.ndarray, np.generic))]


def _traced(*values: Any) -> bool:
    return any(isinstance(leaf, Tracer) for leaf in tree_leaves(values))


def check(pred: Any, msg: str, *fmt_args: Any, **fmt_kwargs: Any) -> None:
    """State that ``pred`` holds; ``msg.format(*fmt_args, **fmt_kwargs)`` says what failed.

    Parameters
    ----------
    pred : bool or boolean array
        The condition (all elements, for an array).
    msg : str
        A format string for the values ``fmt_args`` and ``fmt_kwargs``, which
        may be traced: they are formatted when the program runs.
    *fmt_args, **fmt_kwargs
        Arrays (pytrees of arrays) the message shows.

    Returns
    -------
    None

    See Also
    --------
    checkify : collect failed checks as an error value.

    Examples
    --------
    >>> from funcgrad.experimental import checkify
    >>> checkify.check(1 < 2, "never shown")
    >>> try:
    ...     checkify.check(3 < 2, "{} is not less than {}", 3, 2)
    ... except checkify.JaxRuntimeError as e:
    ...     print(e)
    3 is not less than 2 (`check` failed)
    """
    if not isinstance(msg, str):
        raise TypeError(f"check: msg must be a str, got {type(msg).__name__}")
    if not _ACTIVE:
        if _traced(pred, fmt_args, fmt_kwargs):
            raise ValueError(
                "Cannot abstractly evaluate a checkify.check which was not functionalized: "
                "this check is inside jit (or another transform) but not inside "
                "checkify.checkify. Wrap the function: checkify.checkify(f), and use the "
                "error it returns.")
        if not np.all(np.asarray(pred)):
            raise JaxRuntimeError(_message(msg, fmt_args, fmt_kwargs))
        return None
    if "user" not in _ACTIVE[-1]:
        return None
    record = functools.partial(_record, functools.partial(_check_code, msg))
    io_callback(record, None, pred, fmt_args, fmt_kwargs, ordered=True)
    return None


def check_error(error: Error) -> None:
    """Raise ``error`` again where it is: the check fails if ``error`` holds one.

    Inside :func:`checkify` the error becomes part of that call's error (so a
    function that checkifies an inner function can hand its error on); outside
    it a concrete error raises :class:`JaxRuntimeError`.

    Parameters
    ----------
    error : Error
        What a checkified function returned.

    Returns
    -------
    None

    See Also
    --------
    check : state a condition.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.experimental import checkify
    >>> def inner(x):
    ...     checkify.check(x > 0, "x must be positive: {}", x)
    ...     return x
    >>> def outer(x):
    ...     err, y = checkify.checkify(inner)(x)
    ...     checkify.check_error(err)
    ...     return y
    >>> checkify.checkify(outer)(fnp.array(-4.0))[0].get()
    'x must be positive: -4.0 (`check` failed)'
    """
    if not isinstance(error, Error):
        raise TypeError(f"check_error takes an Error, got {type(error).__name__}")
    if not _ACTIVE:
        if isinstance(error._code, Tracer):
            raise ValueError(
                "Cannot abstractly evaluate a checkify.check_error which was not "
                "functionalized: wrap the function with checkify.checkify")
        error.throw()
        return None
    io_callback(functools.partial(_record, _error_code), None, error._code, ordered=True)
    return None


def checkify(f: Callable, errors: frozenset = user_checks) -> Callable[..., tuple[Error, Any]]:
    """``f`` returning ``(error, output)``: failed checks become a value, not an exception.

    Parameters
    ----------
    f : callable
        A function that may call :func:`check` (also inside ``jit``, ``vmap``,
        ``grad`` and loops).
    errors : frozenset
        What to check: ``user_checks`` (default), ``nan_checks``, or a union
        such as ``user_checks | nan_checks``; ``float_checks``,
        ``automatic_checks`` and ``all_checks`` include ``nan_checks`` (the
        integer-division and index checks they also name in JAX are not made).

    Returns
    -------
    callable
        ``checked(*args, **kwargs) -> (Error, output)``.

    See Also
    --------
    check : state a condition.
    Error.get : the message of the first failed check.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.experimental import checkify
    >>> def f(x, i):
    ...     checkify.check(i >= 0, "index needs to be non-negative, got {i}", i=i)
    ...     return fnp.sin(x[i])
    >>> err, _ = checkify.checkify(fg.vmap(f, (None, 0)))(fnp.ones(3), fnp.array([0, -1]))
    >>> err.get()
    'index needs to be non-negative, got -1 (`check` failed)'
    >>> checkify.checkify(fnp.log, errors=checkify.nan_checks)(-1.0)[0].get()
    'nan generated by an operation (NumPy: invalid value encountered)'
    """
    if not callable(f):
        raise TypeError(f"checkify: expected a function, got {type(f).__name__}")
    errors = frozenset(errors)
    unknown = errors - all_checks
    if unknown:
        raise ValueError(f"checkify: unknown error kinds {sorted(unknown)}; use "
                         f"checkify.user_checks, nan_checks, div_checks, index_checks or unions")

    @functools.wraps(f)
    def checked(*args: Any, **kwargs: Any) -> tuple[Error, Any]:
        _ACTIVE.append(errors)
        try:
            # The callbacks take the arguments and the outputs (and ignore them) so that
            # jit stages them first and last, not runs them once while tracing.
            io_callback(functools.partial(_push, errors), None, *_array_leaves((args, kwargs)),
                        ordered=True)
            try:
                out = f(*args, **kwargs)
            except BaseException:
                if not _traced(args, kwargs) and _SLOTS:
                    _pop()  # ran eagerly and failed: leave NumPy's settings as they were
                raise
            code = io_callback(_pop, ShapeDtypeStruct((), np.dtype(np.int32)),
                               *_array_leaves(out), ordered=True)
        finally:
            _ACTIVE.pop()
        return Error(code), out

    return checked
