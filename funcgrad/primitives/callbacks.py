"""``pure_callback`` and ``io_callback``: a Python function on concrete arrays, inside
transformed code, with a declared result shape.

The callback runs when the program runs (every call of a ``jit``-compiled
function, not while tracing) on NumPy arrays, and its result must match the
declared ``(shape, dtype)`` of each output leaf. ``pure_callback_p`` is a pure
function of its inputs (``jit`` may share or drop it like any other equation);
``io_callback_p`` has an effect, so ``jit`` keeps every call. Neither has a
derivative: differentiating through one raises and names
:class:`funcgrad.custom_jvp` (JAX's meaning); under ``vmap`` they follow
``vmap_method`` as JAX's do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.primitive import Primitive, ShapedArray, mark_impure
from .indexing import getitem, stack
from .shape import batch_size, bdim_to_front, broadcast_to, expand_dims

_VMAP_METHODS = ("sequential", "sequential_unrolled", "expand_dims", "broadcast_all",
                 "legacy_vectorized")


def _call(*args: Any, callback: Callable[..., Any], result_avals: tuple[ShapedArray, ...],
          vmap_method: str | None, name: str) -> tuple:
    out = callback(*args)
    if len(out) != len(result_avals):
        raise ValueError(f"{name}: the callback returned {len(out)} arrays, but "
                         f"result_shape_dtypes declares {len(result_avals)}")
    results = []
    for value, aval in zip(out, result_avals):
        value = np.asarray(value)
        if value.shape != aval.shape or value.dtype != aval.dtype:
            raise ValueError(
                f"{name}: the callback returned an array of shape {value.shape} and dtype "
                f"{value.dtype}, but result_shape_dtypes declares shape {aval.shape} and "
                f"dtype {aval.dtype}: make the callback return what it declares (convert "
                f"with numpy.asarray(..., dtype=...)) or declare what it returns")
        results.append(value)
    return tuple(results)


def _no_derivative(name: str) -> Callable[..., Any]:
    def rule(*args: Any, **params: Any) -> Any:
        raise ValueError(
            f"{name} has no derivative: funcgrad cannot see inside the Python callback. "
            f"Wrap the function that calls it in funcgrad.custom_jvp (or custom_vjp) and "
            f"give its derivative there, as JAX's {name} asks.")
    return rule


def _declare(name: str) -> Primitive:
    prim = Primitive(name, _call, multiple_results=True)
    prim.abstract_eval = lambda *avals, result_avals, **params: tuple(result_avals)
    prim.jvp = _no_derivative(name)
    prim.vjp = _no_derivative(name)
    return prim


pure_callback_p = _declare("pure_callback")
io_callback_p = mark_impure(_declare("io_callback"))


def _batch(prim: Primitive) -> Callable[..., Any]:
    def rule(args, dims, *, callback, result_avals, vmap_method, name):
        method = "sequential" if prim is io_callback_p else vmap_method
        if method not in _VMAP_METHODS:
            raise NotImplementedError(
                f"vmap of {name} needs vmap_method: 'sequential' (call it once per "
                f"example), 'expand_dims' (once, unbatched arguments with a size-1 "
                f"leading axis) or 'broadcast_all' (once, every argument at full batch "
                f"size); got vmap_method={vmap_method!r}")
        size = batch_size(args, dims)
        args = [a if d is None else bdim_to_front(a, d) for a, d in zip(args, dims)]
        if method.startswith("sequential"):
            examples = [
                prim.bind(*[a if d is None else getitem(a, (i,)) for a, d in zip(args, dims)],
                          callback=callback, result_avals=result_avals,
                          vmap_method=vmap_method, name=name)
                for i in range(size)
            ]
            outs = tuple(stack([e[k] for e in examples])
                         for k in range(len(result_avals)))
        else:
            full = [a if d is not None
                    else (broadcast_to(a, (size,) + np.shape(a)) if method == "broadcast_all"
                          else expand_dims(a, 0))
                    for a, d in zip(args, dims)]
            batched = tuple(ShapedArray((size,) + a.shape, a.dtype) for a in result_avals)
            outs = prim.bind(*full, callback=callback, result_avals=batched,
                             vmap_method=vmap_method, name=name)
        return outs, (0,) * len(result_avals)

    return rule


pure_callback_p.batch = _batch(pure_callback_p)
io_callback_p.batch = _batch(io_callback_p)


def bind_callback(prim: Primitive, callback: Callable[..., Any], result_avals: tuple,
                  args: tuple, vmap_method: str | None, name: str) -> tuple:
    """Bind a callback primitive: ``callback(*args)`` (a tuple of arrays) at run time.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad.core.primitive import ShapedArray
    >>> bind_callback(pure_callback_p, lambda x: (np.sin(x),), (ShapedArray((), "f8"),),
    ...               (np.float64(0.0),), None, "pure_callback")
    (array(0.),)
    """
    return prim.bind(*args, callback=callback, result_avals=tuple(result_avals),
                     vmap_method=vmap_method, name=name)
