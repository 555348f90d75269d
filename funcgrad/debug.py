"""``funcgrad.debug``: look at values while a transformed function runs (anchor: ``jax.debug``).

:func:`print` and :func:`callback` run when the program runs — on every call
of a ``jit``-compiled function, once per example under ``vmap``, with the
primal values under ``grad`` — not while it is traced. NaN debugging
(``debug_nans``) is switched on with ``funcgrad.config.update("debug_nans",
True)`` or ``with funcgrad.debug_nans():``; :func:`check_nans` is the check
the kernel runs on every primitive then.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> @fg.jit
... def f(x):
...     fg.debug.print("x = {}", x)
...     return x * 2
>>> _ = f(fnp.asarray([1.0, 2.0]))
x = [1. 2.]
"""

from __future__ import annotations

import builtins
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from .core.nans import NaNError, check_nans
from .core.trace import Tracer
from .core.tree_util import tree_flatten
from .primitives.debug import debug_callback

__all__ = ["NaNError", "callback", "check_nans", "print"]


def _is_array(x: Any) -> bool:
    return isinstance(x, (Tracer, np.ndarray, np.generic, numbers.Number)) and not isinstance(
        x, bool
    )


def callback(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Call ``callback(*args, **kwargs)`` with concrete values when the program runs.

    Array leaves of ``args``/``kwargs`` (pytrees) reach ``callback`` as NumPy
    arrays; other leaves are passed as they are. The result is discarded.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> seen = []
    >>> _ = fg.vmap(lambda x: fg.debug.callback(seen.append, x) or x)(fnp.arange(3.0))
    >>> seen
    [array(0.), array(1.), array(2.)]
    """
    leaves, tree = tree_flatten((args, kwargs))
    dynamic = [i for i, x in enumerate(leaves) if _is_array(x)]

    def run(*values):
        full = list(leaves)
        for i, v in zip(dynamic, values):
            full[i] = np.asarray(v)
        a, kw = tree.unflatten(full)
        callback(*a, **kw)

    debug_callback(run, *[leaves[i] for i in dynamic])


def print(fmt: str, *args: Any, **kwargs: Any) -> None:  # noqa: A001 - JAX's name
    """Print ``fmt.format(*args, **kwargs)`` with the values the program computes.

    Unlike Python's ``print``, which shows a placeholder for a value traced by
    ``jit``, this prints the numbers, on every call of the compiled function
    (anchor: ``jax.debug.print``; the format string is Python's, as JAX's).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> def loss(w):
    ...     y = fnp.sin(w)
    ...     fg.debug.print("w={w:.2f}, y={y:.3f}", w=w, y=y)
    ...     return y
    >>> _ = fg.grad(loss)(1.0)
    w=1.00, y=0.841
    """
    callback(lambda *a, **kw: builtins.print(fmt.format(*a, **kw)), *args, **kwargs)
