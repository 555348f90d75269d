"""``funcgrad.experimental``: the names JAX keeps under ``jax.experimental``.

:func:`io_callback` (a callback with effects) lives here as in JAX.

>>> from funcgrad.experimental import io_callback
>>> io_callback.__name__
'io_callback'
"""

from __future__ import annotations

from ..callbacks import io_callback

__all__ = ["io_callback"]
