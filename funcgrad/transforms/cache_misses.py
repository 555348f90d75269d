"""Why ``jit`` traced again: with ``config.update("explain_cache_misses", True)`` each
cache miss logs (logger ``funcgrad.jit``, level WARNING) where the call came from and
what differs from the signature traced last, in :func:`funcgrad.typeof` notation.

>>> import logging, sys, numpy as np, funcgrad as fg
>>> logging.getLogger("funcgrad.jit").addHandler(logging.StreamHandler(sys.stdout))
>>> fg.config.update("explain_cache_misses", True)
>>> double = fg.jit(lambda x: 2 * x)
>>> _ = double(np.arange(3))                   # doctest: +ELLIPSIS
TRACING CACHE MISS at ... calling <lambda> ...: never seen function
>>> _ = double(np.arange(3))
>>> _ = double(np.arange(3.0))                 # doctest: +ELLIPSIS
TRACING CACHE MISS at ... calling <lambda> ...: x: int64[3] -> float64[3]
>>> fg.config.update("explain_cache_misses", False)
>>> logging.getLogger("funcgrad.jit").handlers.clear()
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

from ..core.primitive import ShapedArray

logger = logging.getLogger("funcgrad.jit")

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _call_site() -> str:
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE):
        frame = frame.f_back
    return "<unknown>" if frame is None else f"{frame.f_code.co_filename}:{frame.f_lineno}"


def _defined_at(fun: Callable) -> str:
    code = getattr(fun, "__code__", None)
    return "" if code is None else f" (defined at {code.co_filename}:{code.co_firstlineno})"


def _differences(old: Any, new: Any, names: Sequence[str]) -> list[str]:
    (old_tree, old_sig, old_static, old_kw), (new_tree, new_sig, new_static, new_kw) = old, new
    if old_tree != new_tree:
        return [f"the arguments' structure: {old_tree} -> {new_tree}"]
    found = [f"{names[i] if i < len(names) else f'argument {i}'}: "
             f"{ShapedArray(*a)} -> {ShapedArray(*b)}"
             for i, (a, b) in enumerate(zip(old_sig, new_sig)) if a != b]
    found += [f"static argument {i}: {a!r} -> {b!r}"
              for (i, a), (_, b) in zip(old_static, new_static) if a != b]
    if old_kw != new_kw:
        found.append(f"static keyword arguments: {dict(old_kw)} -> {dict(new_kw)}")
    return found


def explain(fun: Callable, key: Any, previous: Any | None, names: Sequence[str]) -> None:
    """Log why ``fun`` is traced for ``key``: never seen, or how ``key`` differs from
    ``previous`` (the signature traced last, whose leaves are called ``names``)."""
    if previous is None:
        reasons = ["never seen function"]
    else:
        reasons = _differences(previous, key, names) or ["a signature not cached"]
    logger.warning("TRACING CACHE MISS at %s calling %s%s: %s", _call_site(),
                   getattr(fun, "__name__", "the function"), _defined_at(fun),
                   "; ".join(reasons))
