"""The shape and dtype of an array without its values: what callbacks declare their
results with, what ``eval_shape`` and a traced ``jit`` function's ``out_info`` return.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ShapeDtypeStruct"]


class ShapeDtypeStruct:
    """The shape and dtype of an array, without its values (``jax.ShapeDtypeStruct``).

    Parameters
    ----------
    shape : tuple of ints
    dtype : dtype
    sharding : optional
        Accepted as JAX does (there is one device).

    See Also
    --------
    pure_callback, eval_shape

    Examples
    --------
    >>> import funcgrad as fg, numpy as np
    >>> fg.ShapeDtypeStruct((2, 3), np.float32)
    ShapeDtypeStruct(shape=(2, 3), dtype=float32)
    """

    __slots__ = ("shape", "dtype", "sharding")

    def __init__(self, shape: Any, dtype: Any, sharding: Any = None) -> None:
        self.shape = tuple(int(d) for d in shape)
        self.dtype = np.dtype(dtype)
        self.sharding = sharding

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return len(self.shape)

    @property
    def size(self) -> int:
        """The number of elements."""
        return int(np.prod(self.shape, dtype=np.int64))

    @classmethod
    def like(cls, x: Any) -> ShapeDtypeStruct:
        """The shape and dtype of the array ``x`` (``jax.ShapeDtypeStruct.like``).

        Examples
        --------
        >>> import funcgrad as fg, numpy as np
        >>> fg.ShapeDtypeStruct.like(np.zeros(3, np.int32))
        ShapeDtypeStruct(shape=(3,), dtype=int32)
        """
        return cls(np.shape(x), x.dtype if hasattr(x, "dtype") else np.result_type(x))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ShapeDtypeStruct) and self.shape == other.shape
                and self.dtype == other.dtype)

    def __hash__(self) -> int:
        return hash((self.shape, self.dtype))

    def __repr__(self) -> str:
        return f"ShapeDtypeStruct(shape={self.shape}, dtype={self.dtype.name})"
