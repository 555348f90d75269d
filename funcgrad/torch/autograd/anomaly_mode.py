"""``torch.autograd.detect_anomaly`` / ``set_detect_anomaly``: find the operation that made a NaN.

With anomaly detection on, every recorded operation remembers where the
user's code applied it, and the backward pass checks the gradients each node
computes with :func:`funcgrad.core.nans.has_new_nan`, the test the
functional face's ``debug_nans`` applies. A node whose rule produces a NaN
raises PyTorch's ``RuntimeError`` ("Function 'SqrtBackward0' returned nan
values in its 0th output."), after a warning that shows the traceback of the
forward call that recorded it.

>>> import funcgrad.torch as torch
>>> import warnings
>>> x = torch.tensor([0.0, 1.0], requires_grad=True)
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     with torch.autograd.detect_anomaly():
...         y = x.sqrt() * 0
...         try:
...             y.sum().backward()
...         except RuntimeError as e:
...             print(e)
Function 'SqrtBackward0' returned nan values in its 0th output.
"""

from __future__ import annotations

import warnings
from typing import Any

from ...core.nans import has_new_nan
from .._graph import _state

__all__ = ["detect_anomaly", "set_detect_anomaly", "is_anomaly_enabled",
           "is_anomaly_check_nan_enabled"]

def is_anomaly_enabled() -> bool:
    """Whether anomaly detection is on.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_anomaly_enabled()
    False
    """
    return _state.anomaly


def is_anomaly_check_nan_enabled() -> bool:
    """Whether anomaly detection checks the backward pass for NaNs (its ``check_nan``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_anomaly_check_nan_enabled()
    True
    """
    return _state.anomaly_check_nan


def _set(mode: bool, check_nan: bool) -> None:
    _state.anomaly = bool(mode)
    _state.anomaly_check_nan = bool(check_nan)


class detect_anomaly:  # noqa: N801 - PyTorch's name
    """Context manager (and decorator) that turns anomaly detection on.

    Examples
    --------
    >>> import funcgrad.torch as torch, warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     with torch.autograd.detect_anomaly():
    ...         torch.is_anomaly_enabled()
    True
    >>> str(caught[0].message)[:36]
    'Anomaly Detection has been enabled. '
    """

    __module__ = "torch.autograd.anomaly_mode"

    def __init__(self, check_nan: bool = True) -> None:
        self.prev = is_anomaly_enabled()
        self.check_nan = check_nan
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.",
            UserWarning,
            stacklevel=2,
        )

    def __enter__(self) -> None:
        _set(True, self.check_nan)

    def __exit__(self, *exc: Any) -> None:
        _set(self.prev, self.prev_check_nan)

    def __call__(self, fn):
        def wrapper(*args, **kwargs):
            with self.__class__(self.check_nan):
                return fn(*args, **kwargs)

        return wrapper


class set_detect_anomaly:  # noqa: N801 - PyTorch's name
    """Turn anomaly detection on or off: at once, or for a ``with`` block.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.autograd.set_detect_anomaly(True):
    ...     torch.is_anomaly_enabled()
    True
    >>> torch.is_anomaly_enabled()
    False
    """

    __module__ = "torch.autograd.anomaly_mode"

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        _set(mode, check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: Any) -> None:
        _set(self.prev, self.prev_check_nan)


def check_backward(node: Any, name: str, inputs: list, cts: Any) -> None:
    """Raise PyTorch's anomaly error if node ``name``'s rule returned a NaN.

    ``inputs`` are what the rule read (cotangent, result, operands); ``cts`` what it returned.
    """
    for i, ct in enumerate(cts):
        if ct is None:
            continue
        value = getattr(ct, "primal", ct)
        if has_new_nan([getattr(v, "primal", v) for v in inputs], value):
            where = getattr(node, "where", None)
            if where:
                warnings.warn(
                    f"Error detected in {name}. Traceback of forward call that caused the "
                    f"error:\n{where}",
                    UserWarning,
                    stacklevel=2,
                )
            raise RuntimeError(f"Function '{name}' returned nan values in its {i}th output.")
