"""funcgrad.scipy: SciPy's special functions, distributions, linear algebra, signal
processing, ODE integration and minimisation, differentiable (anchors: ``jax.scipy``,
``autograd.scipy``).

SciPy computes the values; funcgrad adds the derivatives (primitives whose rules
are written with funcgrad's own functions, so derivatives of any order work).
SciPy is an optional dependency, the ``scipy`` extra (``pip install
'funcgrad[scipy]'``); funcgrad imports it only when this package is imported.
The submodules load on first use.

Examples
--------
>>> import funcgrad as fg, funcgrad.scipy as fsp
>>> fg.grad(fsp.special.gammaln)(3.0)   # digamma(3)
array(0.92278434)
"""

from __future__ import annotations

import importlib

try:
    import scipy  # noqa: F401 - only to fail early, with the fix in the message
except ImportError as error:  # pragma: no cover - the test environment has SciPy
    raise ImportError(
        "funcgrad.scipy computes its values with SciPy, which is not installed. "
        "Install funcgrad's 'scipy' extra: pip install 'funcgrad[scipy]'"
    ) from error

__all__ = ["integrate", "linalg", "optimize", "signal", "special", "stats"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
