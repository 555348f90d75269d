"""``debug_callback``: call a Python function on concrete values when the program runs.

The one primitive behind ``funcgrad.debug.print`` and ``funcgrad.debug.callback``.
It has no outputs and an effect, so ``jit`` keeps it (and runs it on every call,
not while tracing); it has no derivative (it only observes values); under
``vmap`` it runs once per example, as JAX's ``jax.debug.callback`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.primitive import Primitive, mark_impure, nondifferentiable


def _debug_callback_impl(*args: Any, callback: Callable[..., Any]) -> tuple:
    callback(*args)
    return ()


debug_callback_p = mark_impure(nondifferentiable(
    Primitive("debug_callback", _debug_callback_impl, multiple_results=True)
))
# Staging knows the (empty) result without running the callback on placeholders.
debug_callback_p.abstract_eval = lambda *avals, callback: ()


def _debug_callback_batch(args, dims, *, callback):
    size = next(a.shape[d] for a, d in zip(args, dims) if d is not None)
    for i in range(size):
        example = [a if d is None else a[(slice(None),) * d + (i,)] for a, d in zip(args, dims)]
        debug_callback_p.bind(*example, callback=callback)
    return (), ()


debug_callback_p.batch = _debug_callback_batch


def debug_callback(callback: Callable[..., Any], *args: Any) -> None:
    """Bind ``debug_callback_p``: ``callback(*args)`` runs with the concrete arrays.

    Examples
    --------
    >>> import numpy as np
    >>> debug_callback(lambda x: print("got", x), np.array([1.0, 2.0]))
    got [1. 2.]
    """
    debug_callback_p.bind(*args, callback=callback)
