"""``funcgrad.flatten_util``: a pytree of arrays as one flat vector (JAX's ``jax.flatten_util``).

Examples
--------
>>> import funcgrad as fg, numpy as np
>>> flat, unravel = fg.flatten_util.ravel_pytree({"w": np.ones((2, 2)), "b": np.zeros(1)})
>>> flat
array([0., 1., 1., 1., 1.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import numpy as fnp
from .core.tree_util import tree_flatten

__all__ = ["ravel_pytree"]


def ravel_pytree(pytree: Any) -> tuple[Any, Callable[[Any], Any]]:
    """Concatenate the raveled leaves of ``pytree`` into one 1-D array.

    Returns ``(flat, unravel)``: ``unravel(flat)`` rebuilds a pytree of the
    original structure, shapes and dtypes. ``flat`` has the leaves' common
    dtype (NumPy's promotion); both directions are differentiable, so
    ``ravel_pytree`` works inside ``grad``, ``jit`` and ``vmap``.

    Examples
    --------
    >>> import funcgrad as fg, numpy as np
    >>> params = (np.float32(1.0), {"w": np.arange(4.0, dtype=np.float32).reshape(2, 2)})
    >>> flat, unravel = fg.flatten_util.ravel_pytree(params)
    >>> flat
    array([1., 0., 1., 2., 3.], dtype=float32)
    >>> unravel(flat * 2)
    (array(2., dtype=float32), {'w': array([[0., 2.],
           [4., 6.]], dtype=float32)})
    """
    leaves, treedef = tree_flatten(pytree)
    shapes = [fnp.shape(x) for x in leaves]
    dtypes = [_dtype(x) for x in leaves]
    sizes = [int(np.prod(s, dtype=np.int64)) for s in shapes]
    total = sum(sizes)
    dtype = np.result_type(*dtypes) if dtypes else np.dtype(np.float32)
    if leaves:
        flat = fnp.concatenate([fnp.ravel(fnp.astype(fnp.asarray(x), dtype)) for x in leaves])
    else:
        flat = np.zeros(0, dtype)

    def unravel(vector: Any) -> Any:
        if fnp.shape(vector) != (total,):
            raise ValueError(
                f"unravel: expected a vector of shape ({total},) (the {len(leaves)} leaves of "
                f"{treedef} raveled), got shape {fnp.shape(vector)}"
            )
        if _dtype(vector) != dtype:
            raise TypeError(
                f"unravel: the vector has dtype {_dtype(vector)} but ravel_pytree made one of "
                f"dtype {dtype}; cast it with .astype({dtype.name!r})"
            )
        parts, start = [], 0
        for shape, size, leaf_dtype in zip(shapes, sizes, dtypes):
            part = fnp.reshape(vector[start:start + size], shape)
            parts.append(fnp.astype(part, leaf_dtype) if leaf_dtype != dtype else part)
            start += size
        return treedef.unflatten(parts)

    return flat, unravel


def _dtype(x: Any) -> np.dtype:
    return x.dtype if hasattr(x, "dtype") else np.result_type(x)
