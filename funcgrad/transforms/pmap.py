"""``pmap``: JAX's parallel map, on the one CPU device: a compiled ``vmap`` with a named axis.

JAX's ``pmap`` runs one copy of a function per device, the leading axis of the
arguments indexing the devices, and ``lax.psum`` and the other collectives
combine the copies over ``axis_name``. funcgrad computes on one CPU device, so
``pmap(f, axis_name)`` is ``jit(vmap(f, axis_name=axis_name))``: the same
results, with the copies computed together. Unlike JAX, which refuses a leading
axis longer than ``jax.local_device_count()``, any length runs (as JAX does on a
host with that many devices).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ._args import check_callable
from .jit import jit
from .vmap import vmap

__all__ = ["pmap"]


def pmap(fun: Callable, axis_name: Any = None, *, in_axes: Any = 0, out_axes: Any = 0,
         static_broadcasted_argnums: int | Sequence[int] = (), devices: Any = None,
         backend: str | None = None, axis_size: int | None = None,
         donate_argnums: int | Sequence[int] = ()) -> Callable:
    """Map ``fun`` over the leading axis of its arguments, as on one device each (``jax.pmap``).

    Parameters
    ----------
    fun : callable
        A function of arrays (or pytrees of arrays).
    axis_name : hashable, optional
        Names the mapped axis for :func:`funcgrad.lax.psum`, ``pmean``, ``pmax``,
        ``pmin``, ``all_gather`` and ``axis_index``.
    in_axes, out_axes : int, None or a pytree prefix
        As for :func:`funcgrad.vmap`.
    static_broadcasted_argnums : int or sequence of int
        Positional arguments passed unmapped and unchanged to every copy (they
        must be hashable; a new value traces again, as with ``jit``'s static
        arguments).
    devices, backend : optional
        Accepted for JAX's signature; funcgrad has one CPU device.
    axis_size : int, optional
        The mapped size when no argument is mapped.
    donate_argnums : int or sequence of int
        Accepted for JAX's signature (NumPy arrays are not donated).

    Returns
    -------
    callable
        ``fun`` mapped: its outputs carry the mapped axis at ``out_axes``.

    See Also
    --------
    funcgrad.vmap : the same map, not compiled.
    funcgrad.lax.psum : sum over the named axis.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad import lax
    >>> normalize = fg.pmap(lambda x: x / lax.psum(x, "i"), axis_name="i")
    >>> normalize(fnp.arange(4.0))
    array([0.        , 0.16666667, 0.33333333, 0.5       ])
    >>> fg.pmap(lambda x, n: x * n, static_broadcasted_argnums=1)(fnp.ones((2, 3)), 2)
    array([[2., 2., 2.],
           [2., 2., 2.]])
    """
    check_callable(fun, "pmap")
    if isinstance(static_broadcasted_argnums, int):
        static: tuple[int, ...] = (static_broadcasted_argnums,)
    else:
        static = tuple(static_broadcasted_argnums)

    def mapped(*args: Any, **kwargs: Any) -> Any:
        if not static:
            return vmap(fun, in_axes, out_axes, axis_name=axis_name,
                        axis_size=axis_size)(*args, **kwargs)
        fixed = {i % len(args): args[i] for i in static}
        dynamic = [a for i, a in enumerate(args) if i not in fixed]
        axes = in_axes
        if isinstance(in_axes, (tuple, list)) and len(in_axes) == len(args):
            axes = tuple(a for i, a in enumerate(in_axes) if i not in fixed)

        def with_static(*dyn: Any, **kw: Any) -> Any:
            it = iter(dyn)
            full = [fixed[i] if i in fixed else next(it) for i in range(len(args))]
            return fun(*full, **kw)

        return vmap(with_static, axes, out_axes, axis_name=axis_name,
                    axis_size=axis_size)(*dynamic, **kwargs)

    mapped.__name__ = f"pmap({getattr(fun, '__name__', 'fun')})"
    mapped.__qualname__ = mapped.__name__
    mapped.__doc__ = getattr(fun, "__doc__", None)
    return jit(mapped, static_argnums=static)
