"""The define-by-run graph behind funcgrad.torch: one global reverse trace, its nodes, grad mode.

Every operation on tensors binds the kernel's primitives. The primitives reach
:data:`TRACE`, a :class:`~funcgrad.transforms.reverse.ReverseTrace` opened once
at import (so its level is below any functional transform's): it computes the
value and, when some input requires grad and grad mode is on, records the
equation in a :class:`Node`. ``backward()`` is the kernel's own reverse walk
over these nodes. There is one set of derivative rules in the project.

A :class:`~funcgrad.torch.Tensor` is a *handle* on a node. In-place operations
(``add_``, ``y[0] = v``) give the handle a new node and leave the old one in
the graph, so values recorded before the change keep their place; version
counters (shared by views of one storage) detect a saved value that changed.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.trace import Tracer
from ..transforms.reverse import ReverseTrace, ReverseTracer, select_output_p

# ---------------------------------------------------------------------------
# Grad mode: no_grad, enable_grad, set_grad_enabled
# ---------------------------------------------------------------------------

_state = threading.local()


def is_grad_enabled() -> bool:
    """Whether operations on tensors that require grad are recorded.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_grad_enabled()
    True
    >>> with torch.no_grad():
    ...     torch.is_grad_enabled()
    False
    """
    return getattr(_state, "grad_enabled", True)


def _set_enabled(mode: bool) -> None:
    _state.grad_enabled = bool(mode)


class _GradModeContext:
    """A context manager that is also a decorator, as PyTorch's grad-mode classes."""

    mode: bool = True

    def __enter__(self) -> None:
        self._prev = is_grad_enabled()
        _set_enabled(self.mode)

    def __exit__(self, *exc: Any) -> None:
        _set_enabled(self._prev)

    def __call__(self, fn: Callable) -> Callable:
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            prev = is_grad_enabled()
            _set_enabled(mode)
            try:
                return fn(*args, **kwargs)
            finally:
                _set_enabled(prev)

        return wrapper

    def clone(self):
        return type(self)()


class no_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Context manager and decorator that turns recording off.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> with torch.no_grad():
    ...     y = x * 2
    >>> y.requires_grad
    False
    """

    mode = False


class enable_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Context manager and decorator that turns recording back on inside ``no_grad``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> with torch.no_grad():
    ...     with torch.enable_grad():
    ...         y = x * 2
    >>> y.requires_grad
    True
    """

    mode = True


class set_grad_enabled(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Set grad mode on or off: as a call (at once), a context manager or a decorator.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> with torch.set_grad_enabled(False):
    ...     (x * 2).requires_grad
    False
    >>> torch.is_grad_enabled()
    True
    """

    def __init__(self, mode: bool) -> None:
        self._prev = is_grad_enabled()
        self.mode = bool(mode)
        _set_enabled(self.mode)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: Any) -> None:
        _set_enabled(self._prev)

    def __call__(self, fn: Callable) -> Callable:
        # As a decorator it changes nothing now, only while the function runs.
        _set_enabled(self._prev)
        return super().__call__(fn)

    def clone(self):
        return type(self)(self.mode)


class inference_mode(no_grad):  # noqa: N801 - PyTorch's name
    """Like :class:`no_grad` (funcgrad makes no further distinction).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.inference_mode():
    ...     torch.is_grad_enabled()
    False
    """

    def __init__(self, mode: bool = True) -> None:
        self.mode = not mode


# ---------------------------------------------------------------------------
# Nodes and the trace
# ---------------------------------------------------------------------------


class Node(ReverseTracer):
    """A value in the define-by-run graph: the kernel's reverse tracer plus autograd's bookkeeping.

    ``requires_grad`` is true for recorded equations and for leaves created
    with ``requires_grad=True``. ``face`` is the name of the torch operation
    that produced the node (it picks the ``grad_fn`` name), ``face_inputs``
    its tensor inputs' nodes (``next_functions``), ``saved`` the version
    checks of the values that operation keeps for backward.
    """

    __slots__ = (
        "requires_grad",
        "tensor",
        "hooks",
        "retains_grad",
        "face",
        "face_inputs",
        "saved",
        "grad_fn_obj",
        "released",
        "post_hooks",
    )

    def __init__(self, trace, primal, prim=None, args=(), params=None, requires_grad=False):
        super().__init__(trace, primal, prim, args, params)
        self.requires_grad = requires_grad or prim is not None
        self.tensor = None
        self.hooks = None
        self.retains_grad = False
        self.face = None
        self.face_inputs = None
        self.saved = ()
        self.grad_fn_obj = None
        self.released = False
        self.post_hooks = None

    @property
    def is_leaf(self) -> bool:
        return self.prim is None

    def __repr__(self) -> str:
        return f"Node({self.primal!r})"


def _inexact(out: Any) -> bool:
    first = out[0] if isinstance(out, (tuple, list)) and out else out
    dtype = getattr(first, "dtype", None)
    return dtype is None or np.dtype(dtype).kind in "fc"


def _as_storage(value: Any) -> Any:
    """Results live in mutable arrays (NumPy returns 0-d results as scalars)."""
    if isinstance(value, (np.ndarray, Tracer)):
        return value
    return np.asarray(value)


class TorchTrace(ReverseTrace):
    """The one trace of funcgrad.torch, open for the life of the process.

    Its ``process`` unwraps handles and nodes to their primals, computes, and
    records the equation only when some input requires grad and grad mode is
    on. Called with a :class:`~funcgrad.torch.Tensor` (a user applying a
    funcgrad.numpy function to a tensor) it returns a tensor; called with nodes
    (the torch face's own calls, and VJP rules under ``create_graph``) it
    returns a node.
    """

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("torch")

    def finish(self) -> None:  # pragma: no cover - never closed
        pass

    def process(self, prim, args, params):
        primals = []
        node_args = []
        requires = False
        handles = False
        for a in args:
            if isinstance(a, Tracer) and a._trace is self:
                if not isinstance(a, Node):  # a Tensor handle
                    handles = True
                    a = a._node
                primals.append(a.primal)
                if a.requires_grad:
                    requires = True
                    node_args.append(a)
                else:
                    node_args.append(a.primal)
                continue
            if isinstance(a, Tracer) and not a._trace.active:
                raise a._trace.escaped(f" (in {prim.name})")
            primals.append(a)
            node_args.append(a)
        with np.errstate(all="ignore"):  # PyTorch computes inf and nan silently
            out = prim.bind(*primals, **params)
        # Integer and boolean results never require grad, as in PyTorch.
        record = requires and prim.differentiable and is_grad_enabled() and _inexact(out)
        if prim.multiple_results:
            out = tuple(_as_storage(o) for o in out)
            if record:
                whole = Node(self, out, prim, tuple(node_args), params)
                nodes = tuple(
                    Node(self, o, select_output_p, (whole,), {"index": i})
                    for i, o in enumerate(out)
                )
            else:
                nodes = tuple(Node(self, o) for o in out)
            return tuple(_handle(n) for n in nodes) if handles else nodes
        if record:
            node = Node(self, _as_storage(out), prim, tuple(node_args), params)
        else:
            node = Node(self, _as_storage(out))
        return _handle(node) if handles else node


TRACE = TorchTrace()


def _handle(node: Node):
    from .tensor import Tensor

    return Tensor._from_node(node)


def constant(value: Any) -> Node:
    """A node with no equation (a tensor that does not require grad)."""
    return Node(TRACE, _as_storage(value))


def leaf(value: Any, requires_grad: bool) -> Node:
    return Node(TRACE, _as_storage(value), requires_grad=requires_grad)


@contextlib.contextmanager
def _no_record():
    prev = is_grad_enabled()
    _set_enabled(False)
    try:
        yield
    finally:
        _set_enabled(prev)
