"""Global switches: ``fg.config.update("debug_nans", True)`` and the context managers.

Three switches change what the kernel does: ``disable_jit`` (``jit`` calls the
Python function itself), ``debug_nans`` (every primitive's output is
checked for new NaNs) and ``explain_cache_misses`` (``jit`` logs why it traces
again). ``config.update`` sets them for the whole program; the
context managers :func:`disable_jit` and :func:`debug_nans` set them for the
current thread inside a ``with`` block. JAX's names with the ``jax_`` prefix
are accepted too, so ``jax.config.update("jax_debug_nans", True)`` ports by
changing the import.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["Config", "config", "disable_jit", "debug_nans"]

# Options JAX programs commonly set that mean nothing for a NumPy backend:
# funcgrad always follows NumPy's dtypes (64-bit by default) and runs on the CPU.
_ACCEPTED_NO_OPS = {
    "enable_x64", "platform_name", "platforms", "default_matmul_precision",
    "numpy_rank_promotion", "traceback_filtering", "log_compiles", "default_device",
    "numpy_dtype_promotion",
}


class Config:
    """funcgrad's switches (anchor: ``jax.config``).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.config.update("debug_nans", True)
    >>> fg.config.debug_nans
    True
    >>> fg.config.update("jax_debug_nans", False)
    >>> fg.config.jax_debug_nans
    False
    """

    _SWITCHES = ("disable_jit", "debug_nans", "explain_cache_misses")

    def __init__(self) -> None:
        self._global = {name: False for name in self._SWITCHES}
        self._other: dict[str, Any] = {"enable_x64": True}
        self._local = threading.local()
        # A fast check for the kernel's hot paths: False until NaN checks were ever asked for.
        self.nans_watched = False
        # The same for disable_jit: jit's per-call check reads only this until it is ever set.
        self.jit_watched = False

    def __reduce__(self) -> str:
        # The one configuration of the process: a pickled transformed function (shipped to
        # a Dask worker) refers to the worker's own, by name.
        return "config"

    @staticmethod
    def _name(name: str) -> str:
        return name[4:] if name.startswith("jax_") else name

    def update(self, name: str, value: Any) -> None:
        """Set option ``name`` (``"debug_nans"``, ``"disable_jit"``; ``jax_`` prefix optional)."""
        key = self._name(name)
        if key in self._global:
            self._global[key] = bool(value)
            self.nans_watched = self.nans_watched or (key == "debug_nans" and bool(value))
            self.jit_watched = self.jit_watched or (key == "disable_jit" and bool(value))
        elif key in _ACCEPTED_NO_OPS:
            self._other[key] = value
        else:
            raise AttributeError(
                f"Unrecognized config option: {name}. funcgrad's options are "
                f"{', '.join(self._SWITCHES)}; JAX's {', '.join(sorted(_ACCEPTED_NO_OPS))} are "
                f"accepted and have no effect (funcgrad follows NumPy's dtypes on the CPU)."
            )

    def read(self, name: str) -> Any:
        """The current value of option ``name`` (this thread's ``with`` blocks first)."""
        key = self._name(name)
        stack = getattr(self._local, key, None)
        if stack:
            return stack[-1]
        if key in self._global:
            return self._global[key]
        if key in self._other:
            return self._other[key]
        raise AttributeError(f"Unrecognized config option: {name}")

    def checking_nans(self) -> bool:
        """Whether ``debug_nans`` is on for the current thread (cheap when it never was)."""
        return self.nans_watched and self.read("debug_nans")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.read(name)

    @contextlib.contextmanager
    def _override(self, key: str, value: bool) -> Iterator[None]:
        stack = getattr(self._local, key, None)
        if stack is None:
            stack = []
            setattr(self._local, key, stack)
        stack.append(bool(value))
        self.nans_watched = self.nans_watched or (key == "debug_nans" and bool(value))
        self.jit_watched = self.jit_watched or (key == "disable_jit" and bool(value))
        try:
            yield
        finally:
            stack.pop()


config = Config()


def disable_jit(disable: bool = True) -> contextlib.AbstractContextManager[None]:
    """Inside ``with disable_jit():``, ``jit`` runs the Python function eagerly.

    Values are concrete inside the function, so ``print`` shows numbers and a
    debugger can step through it (anchor: ``jax.disable_jit``).

    Examples
    --------
    >>> import funcgrad as fg
    >>> @fg.jit
    ... def f(x):
    ...     print("x is", x)
    ...     return x * 2
    >>> with fg.disable_jit():
    ...     f(3.0)
    x is 3.0
    6.0
    """
    return config._override("disable_jit", disable)


def debug_nans(enabled: bool = True) -> contextlib.AbstractContextManager[None]:
    """Inside ``with debug_nans():``, a primitive producing a new NaN raises FloatingPointError.

    See :func:`funcgrad.debug.check_nans` for what is checked and reported.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> with fg.debug_nans(True):
    ...     fnp.log(fnp.asarray(-1.0))
    Traceback (most recent call last):
        ...
    funcgrad.core.nans.NaNError: invalid value (nan) encountered in log: its output has a NaN...
    """
    return config._override("debug_nans", enabled)
