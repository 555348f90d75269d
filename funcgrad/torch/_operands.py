"""Operands of the torch face: PyTorch's type promotion, broadcasting errors, nodes.

Every torch function turns its arguments into nodes of one common dtype here,
calls a funcgrad.numpy function on them, and hands the result to
:func:`~funcgrad.torch.tensor.record`.
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import numpy as fnp
from . import _dtypes
from ._graph import Node, constant
from .tensor import Tensor, _wrap_dim, as_tensor_arg

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# Operands
# ---------------------------------------------------------------------------


def _t(x: Any) -> Tensor:
    """``x`` as a Tensor (numbers and arrays become constants)."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return Tensor._from_node(constant(x))
    if isinstance(x, _Number):
        return Tensor._from_node(constant(np.asarray(x, _dtypes.scalar_dtype(x))))
    raise TypeError(f"expected Tensor as element 0 in argument 0, but got {type(x).__name__}")


def _desc(x: Any) -> Any:
    if isinstance(x, Tensor):
        return (x.ndim, x._node.dtype)
    if isinstance(x, np.ndarray):
        return (x.ndim, x.dtype)
    return x


def _cast(x: Any, dt: np.dtype) -> Any:
    """The node (or constant array) of operand ``x`` in dtype ``dt``."""
    if isinstance(x, Tensor):
        node = x._node
        return node if node.dtype == dt else fnp.astype(node, dt)
    return np.asarray(x, dt)


def _operands(*xs: Any, floating: bool = False, broadcast: bool = True):
    xs = tuple(as_tensor_arg(x) for x in xs)
    shaped = [x for x in xs if isinstance(x, Tensor)]
    if broadcast and len(shaped) > 1:
        _check_broadcast([tuple(x.shape) for x in shaped])
    dt = _dtypes.result_type(*(_desc(x) for x in xs))
    if floating and dt.kind not in "fc":
        dt = _dtypes.default_float()
    return dt, [_cast(x, dt) for x in xs], xs


def _check_broadcast(shapes: list) -> None:
    """PyTorch's error for shapes that do not broadcast."""
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        a = shapes[0]
        for b in shapes[1:]:
            n = builtins.max(len(a), len(b))
            pa, pb = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
            for d in range(n - 1, -1, -1):
                if pa[d] != pb[d] and pa[d] != 1 and pb[d] != 1:
                    raise RuntimeError(
                        f"The size of tensor a ({pa[d]}) must match the size of tensor b "
                        f"({pb[d]}) at non-singleton dimension {d}"
                    ) from None
            a = np.broadcast_shapes(a, b)
        raise


def _float_node(x: Tensor):
    """``x``'s node, converted to the default float dtype if it is an integer tensor."""
    dt = x._node.dtype
    if dt.kind in "fc":
        return x._node
    return fnp.astype(x._node, _dtypes.default_float())


def _check_tensor(x: Any, fn: str) -> Tensor:
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return _t(x)
    raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


_methods: dict[str, Any] = {}


def _method(*names: str):
    def register(fn):
        for n in names:
            _methods[n] = fn
        return fn

    return register


def _value(x):
    from ..core.trace import full_lower

    return full_lower(x.primal) if isinstance(x, Node) else x


def _dims(dim, ndim):
    if dim is None:
        return None
    if isinstance(dim, (list, tuple)):
        return tuple(_wrap_dim(int(d), ndim) for d in dim)
    return (_wrap_dim(int(dim), ndim),)
