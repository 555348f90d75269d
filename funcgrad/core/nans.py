"""NaN debugging: find the first primitive whose output has a NaN its inputs did not.

With ``debug_nans`` on (``fg.config.update("debug_nans", True)`` or ``with
fg.debug_nans():``), :meth:`~funcgrad.core.primitive.Primitive.bind` and the
reverse walk call :func:`check_nans` on every primitive they evaluate, in the
forward and the backward pass. The error names the primitive and the line of
the user's code that applied it (for the backward pass, the line whose
operation's derivative rule produced the NaN). The torch face's anomaly
detection calls the same function.
"""

from __future__ import annotations

import linecache
import os
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["NaNError", "check_nans", "has_new_nan", "user_frame"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class NaNError(FloatingPointError):
    """A primitive produced a NaN from inputs without one (``debug_nans`` is on).

    Attributes
    ----------
    primitive : str
        The name of the primitive whose output has the NaN.
    where : str or None
        The user's source line that applied it.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> with fg.debug_nans():
    ...     try:
    ...         fnp.sqrt(fnp.asarray(-1.0))
    ...     except NaNError as e:
    ...         print(e.primitive)
    sqrt
    """

    def __init__(self, message: str, primitive: str, where: str | None) -> None:
        super().__init__(message)
        self.primitive = primitive
        self.where = where


def user_frame(depth: int = 1) -> str | None:
    """``File "...", line N, in name`` (and the line) of the innermost frame outside funcgrad.

    Examples
    --------
    >>> user_frame().startswith('File "<doctest')
    True
    """
    frame = sys._getframe(depth)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not os.path.abspath(filename).startswith(_PACKAGE) and "<funcgrad" not in filename:
            line = linecache.getline(filename, frame.f_lineno).strip()
            where = f'File "{filename}", line {frame.f_lineno}, in {frame.f_code.co_name}'
            return where + (f"\n    {line}" if line else "")
        frame = frame.f_back
    return None


def _nan_in(values: Any) -> bool:
    if type(values) is tuple or type(values) is list:
        return any(_nan_in(v) for v in values)
    dtype = getattr(values, "dtype", None)
    if dtype is None:
        return isinstance(values, (float, complex)) and values != values
    return dtype.kind in "fc" and bool(np.isnan(values).any())


def has_new_nan(inputs: Sequence[Any], outputs: Any) -> bool:
    """Whether ``outputs`` (an array or a tuple of them) has a NaN and no input has one.

    Examples
    --------
    >>> import numpy as np
    >>> has_new_nan([np.array(-1.0)], np.array(np.nan)), has_new_nan([np.nan], np.nan)
    (True, False)
    """
    return _nan_in(outputs) and not any(_nan_in(x) for x in inputs)


def check_nans(name: str, inputs: Sequence[Any], outputs: Any, *, where: str | None = None,
               backward_of: str | None = None) -> None:
    """Raise :class:`NaNError` if ``outputs`` has a NaN that ``inputs`` did not.

    Parameters
    ----------
    name : str
        The primitive (or operation) that computed ``outputs``.
    inputs, outputs
        Its concrete arguments and results (arrays, numbers, tuples of them).
    where : str, optional
        The user's source line to report; by default the innermost frame outside funcgrad.
    backward_of : str, optional
        Set when the primitive ran in the backward pass for this operation.

    Examples
    --------
    >>> import numpy as np
    >>> check_nans("log", [np.array(-1.0)], np.array(np.nan), where="my_model.py, line 3")
    Traceback (most recent call last):
        ...
    funcgrad.core.nans.NaNError: invalid value (nan) encountered in log: its output has a NaN...
    """
    if not has_new_nan(inputs, outputs):
        return
    if where is None:
        where = user_frame(2)
    if backward_of is None:
        what = name
    elif backward_of == name:
        what = f"the backward pass of {name} (its derivative rule)"
    else:
        what = f"{name} in the backward pass (the derivative rule of {backward_of})"
    raise NaNError(
        f"invalid value (nan) encountered in {what}: its output has a NaN its inputs "
        f"did not.\n  at {where or 'an unknown location'}\n"
        f"debug_nans is on, so funcgrad stops at the first such operation; turn it off with "
        f'funcgrad.config.update("debug_nans", False) once the cause is fixed (for instance '
        f"with funcgrad.numpy.where guarding the invalid inputs).",
        name, where,
    )
