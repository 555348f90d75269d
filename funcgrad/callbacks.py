"""Python functions on concrete arrays inside transformed code (JAX's external callbacks):
:func:`pure_callback`, :func:`io_callback`, and the shape descriptions they declare
their results with, :class:`ShapeDtypeStruct` (also what :func:`eval_shape` returns).

>>> import numpy as np, funcgrad as fg
>>> def host_sin(x):
...     return np.sin(x)                     # plain NumPy, run on the concrete array
>>> @fg.jit
... def f(x):
...     return fg.pure_callback(host_sin, fg.ShapeDtypeStruct(x.shape, x.dtype), x) * 2
>>> f(np.zeros(2))
array([0., 0.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core.primitive import ShapedArray
from .core.shape_dtype import ShapeDtypeStruct
from .core.trace import Tracer
from .core.tree_util import tree_flatten, tree_map
from .primitives.callbacks import bind_callback, io_callback_p, pure_callback_p
from .transforms.staging import make_ir

__all__ = ["ShapeDtypeStruct", "pure_callback", "io_callback", "eval_shape", "typeof",
           "effects_barrier"]


def _declared(result_shape_dtypes: Any, name: str):
    leaves, tree = tree_flatten(result_shape_dtypes)
    avals = []
    for leaf in leaves:
        if not (hasattr(leaf, "shape") and hasattr(leaf, "dtype")):
            raise TypeError(f"{name}: result_shape_dtypes must be a pytree of objects with "
                            f"shape and dtype (funcgrad.ShapeDtypeStruct or arrays), got "
                            f"{type(leaf).__name__}")
        avals.append(ShapedArray(tuple(leaf.shape), np.dtype(leaf.dtype)))
    return tuple(avals), tree


def _run(prim, callback: Callable[..., Any], result_shape_dtypes: Any, args: tuple,
         kwargs: dict, vmap_method: str | None, name: str) -> Any:
    avals, out_tree = _declared(result_shape_dtypes, name)
    leaves, in_tree = tree_flatten((args, kwargs))

    def flat_callback(*values: Any) -> tuple:
        a, kw = in_tree.unflatten([np.asarray(v) for v in values])
        out_leaves, got_tree = tree_flatten(callback(*a, **kw))
        if got_tree != out_tree:
            raise ValueError(f"{name}: the callback returned {got_tree}, but "
                             f"result_shape_dtypes declares {out_tree}")
        return tuple(out_leaves)

    values = [leaf if isinstance(leaf, Tracer) else np.asarray(leaf) for leaf in leaves]
    outs = bind_callback(prim, flat_callback, avals, tuple(values), vmap_method, name)
    return out_tree.unflatten(list(outs))


def pure_callback(callback: Callable[..., Any], result_shape_dtypes: Any, *args: Any,
                  sharding: Any = None, vmap_method: str | None = None,
                  **kwargs: Any) -> Any:
    """Call the Python function ``callback`` on concrete arrays when the program runs
    (``jax.pure_callback``).

    ``callback`` must be a pure function: ``jit`` may call it once for equal
    inputs, or drop it when its result is unused. Its result must have the
    shapes and dtypes ``result_shape_dtypes`` declares.

    Parameters
    ----------
    callback : callable
        Receives NumPy arrays (the leaves of ``args`` and ``kwargs``).
    result_shape_dtypes : pytree of ShapeDtypeStruct
        The structure, shapes and dtypes of the result.
    *args, **kwargs
        Its arguments (pytrees of arrays).
    sharding : optional
        Accepted as JAX does.
    vmap_method : {'sequential', 'expand_dims', 'broadcast_all'}, optional
        What ``vmap`` does: call once per example, or once with a batch axis
        (unbatched arguments get a size-1 axis, or are broadcast). Without it,
        ``vmap`` raises, as in JAX.

    Returns
    -------
    pytree
        ``callback``'s result, of the declared structure.

    Raises
    ------
    ValueError
        When differentiated (use :class:`funcgrad.custom_jvp` around it), or when
        the callback returns another shape or dtype than declared.

    See Also
    --------
    io_callback, funcgrad.debug.callback

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> f = lambda x: fg.pure_callback(np.sort, fg.ShapeDtypeStruct(x.shape, x.dtype), x,
    ...                                vmap_method="sequential")
    >>> fg.vmap(fg.jit(f))(np.array([[3.0, 1.0], [0.0, -1.0]]))
    array([[ 1.,  3.],
           [-1.,  0.]])
    """
    return _run(pure_callback_p, callback, result_shape_dtypes, args, kwargs, vmap_method,
                "pure_callback")


def io_callback(callback: Callable[..., Any], result_shape_dtypes: Any, *args: Any,
                sharding: Any = None, ordered: bool = False, **kwargs: Any) -> Any:
    """Call the Python function ``callback``, which may have effects, when the program runs
    (``jax.experimental.io_callback``).

    ``jit`` keeps every call (it is never shared or dropped); under ``vmap`` it
    runs once per example, in order.

    Parameters
    ----------
    callback : callable
        Receives NumPy arrays.
    result_shape_dtypes : pytree of ShapeDtypeStruct, or None
        The structure, shapes and dtypes of the result (``None`` for no result).
    *args, **kwargs
        Its arguments (pytrees of arrays).
    sharding, ordered : optional
        Accepted as JAX does; calls always run in program order here.

    Returns
    -------
    pytree
        ``callback``'s result, of the declared structure.

    See Also
    --------
    pure_callback

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> seen = []
    >>> def log(x):
    ...     seen.append(float(x))
    ...     return None
    >>> g = fg.jit(lambda x: fg.io_callback(log, None, x) or x * 2)
    >>> _ = g(1.0), g(2.0)
    >>> seen
    [1.0, 2.0]
    """
    return _run(io_callback_p, callback, result_shape_dtypes, args, kwargs, None,
                "io_callback")


def eval_shape(fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The shapes and dtypes of ``fun``'s result, found without computing it
    (``jax.eval_shape``).

    Parameters
    ----------
    fun : callable
    *args, **kwargs
        Arrays, or :class:`ShapeDtypeStruct` placeholders, in pytrees.

    Returns
    -------
    pytree of ShapeDtypeStruct

    See Also
    --------
    funcgrad.make_ir

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.eval_shape(lambda x, w: fnp.tanh(x @ w),
    ...               fg.ShapeDtypeStruct((8, 3), "float32"), fnp.ones((3, 4), "float32"))
    ShapeDtypeStruct(shape=(8, 4), dtype=float32)
    """
    def as_aval(leaf: Any) -> Any:
        if isinstance(leaf, ShapeDtypeStruct):
            return ShapedArray(leaf.shape, leaf.dtype)
        return leaf

    args, kwargs = tree_map(as_aval, (args, kwargs),
                            is_leaf=lambda x: isinstance(x, ShapeDtypeStruct))
    ir = make_ir(lambda a, k: fun(*a, **k))(args, kwargs)
    return ir.out_tree.unflatten(
        [ShapeDtypeStruct(v.aval.shape, v.aval.dtype) for v in ir.outvars])


def typeof(x: Any) -> ShapedArray:
    """The type of ``x`` as transforms see it, its shape and dtype (``jax.typeof``); works
    on arrays, numbers and traced values alike.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> print(fg.typeof(np.ones((2, 3), np.float32)))
    float32[2,3]
    >>> fg.jit(lambda x: print(fg.typeof(x)) or x)(1.0)
    float64[]
    array(1.)
    """
    if isinstance(x, Tracer):
        return ShapedArray(tuple(x.shape), x.dtype)
    dtype = x.dtype if hasattr(x, "dtype") else np.result_type(x)
    return ShapedArray(np.shape(x), dtype)


def effects_barrier() -> None:
    """Wait until every callback and ``debug.print`` issued so far has run
    (``jax.effects_barrier``). funcgrad runs them when they are called, in order,
    so there is never anything to wait for and this returns at once.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.effects_barrier()
    """
