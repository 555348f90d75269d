"""Functions from optional extras, imported at their first call.

SciPy is an optional dependency (the ``scipy`` extra), yet ``funcgrad.lax`` and
``funcgrad.torch`` offer a few functions whose values SciPy computes (``erf``,
``lgamma``, ...). Binding them through :func:`optional_function` keeps
``import funcgrad`` working without SciPy: only calling such a function needs it,
and then the ImportError names the extra to install.

>>> from funcgrad.core.optional import optional_function
>>> erf = optional_function("funcgrad.scipy.special", "erf")
>>> erf.__name__
'erf'
>>> float(erf(0.0))
0.0
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def optional_function(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported when first called rather than now."""
    target: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not target:
            target.append(getattr(importlib.import_module(module), name))
        return target[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``{module}.{name}``, imported at its first call."
    return call
