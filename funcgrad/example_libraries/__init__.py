"""funcgrad.example_libraries: ``jax.example_libraries``'s names for ``stax`` and ``optimizers``.

Programs written against ``jax.example_libraries`` run with only their imports
changed: ``from funcgrad.example_libraries import stax, optimizers`` and
``from funcgrad.example_libraries.stax import Dense, Relu`` give the very
modules :mod:`funcgrad.stax` and :mod:`funcgrad.optimizers` (not copies).

>>> from funcgrad.example_libraries import optimizers, stax
>>> from funcgrad.example_libraries.stax import Dense
>>> import funcgrad
>>> stax is funcgrad.stax and optimizers is funcgrad.optimizers
True
>>> Dense is funcgrad.stax.Dense
True
"""

from __future__ import annotations

import sys

from .. import optimizers, stax

# Registered as submodules so that ``import funcgrad.example_libraries.stax`` and
# ``from funcgrad.example_libraries.stax import Dense`` find the same module objects.
sys.modules[f"{__name__}.optimizers"] = optimizers
sys.modules[f"{__name__}.stax"] = stax

__all__ = ["optimizers", "stax"]
