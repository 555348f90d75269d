"""``funcgrad.experimental``: the names JAX keeps under ``jax.experimental``.

:func:`io_callback` (a callback with effects) lives here as in JAX, and so do the
modules :mod:`funcgrad.experimental.checkify` (errors as values) and
:mod:`funcgrad.experimental.ode` (``odeint``; it needs SciPy, so it is imported on use).

>>> from funcgrad.experimental import io_callback, checkify
>>> io_callback.__name__, checkify.check.__name__
('io_callback', 'check')
"""

from __future__ import annotations

from ..callbacks import io_callback
from . import checkify

__all__ = ["checkify", "io_callback"]
