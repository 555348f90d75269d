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
from ..core.trace import ConcretizationError, Tracer, full_lower
from ..transforms.custom import stop_gradient
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
        p = x._node.primal
        return (p.ndim, p.dtype)
    if isinstance(x, np.ndarray):
        return (x.ndim, x.dtype)
    return x


def _key(x: Any) -> Any:
    """What decides ``x``'s part in type promotion, hashable (see :func:`_dtypes.promote`)."""
    if isinstance(x, Tensor):
        p = x._node.primal
        return (p.ndim > 0, p.dtype)
    return type(x)


def _cast(x: Any, dt: np.dtype) -> Any:
    """The node (or constant array) of operand ``x`` in dtype ``dt``."""
    if isinstance(x, Tensor):
        node = x._node
        return node if node.primal.dtype == dt else fnp.astype(node, dt)
    return np.asarray(x, dt)


def _operands(*xs: Any, floating: bool = False, broadcast: bool = True):
    xs = tuple([as_tensor_arg(x) for x in xs])
    if broadcast and len(xs) > 1:
        shapes = [x._node.primal.shape for x in xs if isinstance(x, Tensor)]
        if len(shapes) > 1 and builtins.any(sh != shapes[0] for sh in shapes):
            _check_broadcast([tuple(sh) for sh in shapes])
    if builtins.all(isinstance(x, (Tensor, *_Number)) for x in xs):
        dt = _dtypes.promote(tuple([_key(x) for x in xs]))
    else:  # not a number: result_type's error names it
        dt = _dtypes.result_type(*(_desc(x) for x in xs))
    if floating and dt.kind not in "fc":
        dt = _dtypes.default_float()
    return dt, [_cast(x, dt) for x in xs], xs


# Python numbers are "weak" in NumPy's promotion (NEP 50): an array of dtype
# ``dt`` combined with one keeps ``dt``. So an elementwise operation can take
# them as they are instead of converting them to 0-d arrays first.
_WEAK = (float, int, bool, complex)


def _binary(x: Any, y: Any, floating: bool = False):
    """The operands of a binary elementwise operation: ``(dtype, a, b, (x, y))``.

    :func:`_operands` for two operands, on the path of every arithmetic
    operator: ``a`` and ``b`` are nodes in the common dtype, or Python numbers
    (which keep that dtype, see ``_WEAK``).
    """
    tx = isinstance(x, Tensor)
    ty = isinstance(y, Tensor)
    if not (tx or type(x) in _WEAK) or not (ty or type(y) in _WEAK) or not (tx or ty):
        dt, (a, b), xs = _operands(x, y, floating=floating)
        return dt, a, b, xs
    if tx:
        nx = x._node
        px = nx.primal
        kx = (px.ndim > 0, px.dtype)
    else:
        kx = type(x)
    if ty:
        ny = y._node
        py = ny.primal
        ky = (py.ndim > 0, py.dtype)
    else:
        ky = type(y)
    if tx and ty and px.shape != py.shape:
        _check_broadcast([tuple(px.shape), tuple(py.shape)])
    dt = _dtypes.promote((kx, ky))
    if floating and dt.kind not in "fc":
        dt = _dtypes.default_float()
    a = (nx if px.dtype == dt else fnp.astype(nx, dt)) if tx else x
    b = (ny if py.dtype == dt else fnp.astype(ny, dt)) if ty else y
    return dt, a, b, (x, y)


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
    node = x._node
    if node.primal.dtype.kind in "fc":
        return node
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
    return full_lower(x.primal) if isinstance(x, Node) else x


def peek_value(x):
    """The value of ``x`` to compute a constant from (a shift, a sign): concrete when
    it can be, else the traced value of an enclosing ``vmap`` or ``jit`` with its
    derivative stopped, which NumPy's functions dispatch to funcgrad's on. Pass what
    is computed from it through :func:`as_constant` before it meets a node."""
    try:
        return _value(x)
    except ConcretizationError:
        return stop_gradient(x.primal if isinstance(x, Node) else x)


def as_constant(value):
    """``value`` (from :func:`peek_value`) as an operand of the face's operations: a
    traced value becomes a constant node, so the face's trace sees it before the
    enclosing transform does (bound directly, the transform would take the face's
    nodes for constants of its own and lose their derivatives)."""
    return constant(value) if isinstance(value, Tracer) else value


def index_tensor(value: Any) -> Tensor:
    """Indices computed from :func:`peek_value` (``argmax``, ``argsort``...) as an int64
    tensor: concrete, or a constant node holding the traced indices of a ``vmap``."""
    if isinstance(value, Tracer):
        return Tensor._from_node(constant(fnp.astype(value, np.int64)))
    return Tensor._from_node(constant(np.array(value, dtype=np.int64, order="C")))


def _dims(dim, ndim):
    if dim is None:
        return None
    if isinstance(dim, (list, tuple)):
        return tuple(_wrap_dim(int(d), ndim) for d in dim)
    return (_wrap_dim(int(dim), ndim),)
