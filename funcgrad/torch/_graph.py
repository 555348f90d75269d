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

import bisect
import contextlib
import contextvars
import functools
import os
import threading
import traceback
from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.trace import Tracer
from ..transforms.reverse import ReverseTrace, ReverseTracer, node_sequence, select_output_p

# ---------------------------------------------------------------------------
# Grad mode: no_grad, enable_grad, set_grad_enabled
# ---------------------------------------------------------------------------

class _GradMode(threading.local):
    # A class attribute is the default each thread starts from: reading it is
    # as fast as reading an attribute (no per-call getattr default).
    grad_enabled = True
    inference = False  # torch.inference_mode
    anomaly = False  # torch.autograd.detect_anomaly: record where each operation ran
    anomaly_check_nan = True
    # torch.autograd.graph.saved_tensors_hooks: the (pack, unpack) pairs in force,
    # innermost last, and disable_saved_tensors_hooks' message when they are forbidden.
    saved_hooks: tuple = ()
    saved_hooks_disabled: str | None = None


_state = _GradMode()


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
    return _state.grad_enabled


def _set_enabled(mode: bool) -> None:
    _state.grad_enabled = bool(mode)


class _GradModeContext:
    """A context manager that is also a decorator, as PyTorch's grad-mode classes."""

    mode: bool = True

    def __enter__(self) -> None:
        self._prev = _state.grad_enabled
        _state.grad_enabled = self.mode  # a bool (see _set_enabled)

    def __exit__(self, *exc: Any) -> None:
        _state.grad_enabled = self._prev

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

    __module__ = "torch.autograd.grad_mode"

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

    __module__ = "torch.autograd.grad_mode"

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

    __module__ = "torch.autograd.grad_mode"

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

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"


class inference_mode(no_grad):  # noqa: N801 - PyTorch's name
    """No recording, and tensors made inside are *inference tensors* (``is_inference()``).

    As in PyTorch, an inference tensor cannot be saved for backward by an
    operation recorded outside the mode, changed in place outside it, or asked
    for its version counter. ``inference_mode(False)`` turns grad mode back on.
    Works as a decorator with or without parentheses.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.inference_mode():
    ...     x = torch.ones(2)
    ...     torch.is_grad_enabled(), torch.is_inference_mode_enabled()
    (False, True)
    >>> x.is_inference(), torch.ones(2).is_inference()
    (True, False)
    """

    __module__ = "torch.autograd.grad_mode"

    def __new__(cls, mode: Any = True):
        if callable(mode):  # @torch.inference_mode without parentheses
            return cls()(mode)
        return super().__new__(cls)

    def __init__(self, mode: bool = True) -> None:
        self.inference = bool(mode)
        self.mode = not mode

    def __enter__(self) -> None:
        super().__enter__()
        self._prev_inference = _state.inference
        _state.inference = self.inference
        if self.inference and not self._prev_inference:
            INFERENCE_STARTS.append(next(node_sequence))
            INFERENCE_ENDS.append(None)

    def __exit__(self, *exc: Any) -> None:
        if self.inference and not self._prev_inference:
            INFERENCE_ENDS[-1] = next(node_sequence)
        _state.inference = self._prev_inference
        super().__exit__(*exc)

    def __call__(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with type(self)(self.inference):
                return fn(*args, **kwargs)

        return wrapper

    def clone(self):
        return type(self)(self.inference)


# The spans of node numbers made inside inference mode: a node numbered inside one
# belongs to an inference tensor. (Numbers only grow, so the spans are sorted.)
INFERENCE_STARTS: list[int] = []
INFERENCE_ENDS: list[int | None] = []


def is_inference_mode_enabled() -> bool:
    """Whether inference mode is on (in this thread).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_inference_mode_enabled()
    False
    """
    return _state.inference


def is_inference_node(node: Any) -> bool:
    """Whether ``node`` was made in inference mode (its tensor is an inference tensor)."""
    if not INFERENCE_STARTS:
        return False
    seq = node.seq
    i = bisect.bisect_right(INFERENCE_STARTS, seq) - 1
    if i < 0:
        return False
    end = INFERENCE_ENDS[i]
    return end is None or seq < end


# ---------------------------------------------------------------------------
# Nodes and the trace
# ---------------------------------------------------------------------------


class _Extras:
    """A node's rarely set fields (hooks, ``retain_grad``, a kept ``grad_fn`` object, the
    freed-graph mark, saved-tensor packs), made when one is first set: every recorded
    value pays one slot for them instead of six."""

    __slots__ = ("hooks", "retains_grad", "grad_fn_obj", "released", "post_hooks", "packed")

    def __init__(self, released: bool = False) -> None:
        self.hooks = None
        self.retains_grad = False
        self.grad_fn_obj = None
        self.released = released
        self.post_hooks = None
        self.packed = None


# The extras of a released node that has no others: shared, never written (a setter
# replaces it by a node's own copy first), so a backward pass allocates nothing to mark
# the nodes it frees.
_RELEASED_ONLY = _Extras(released=True)
_EXTRA_DEFAULTS = {"hooks": None, "retains_grad": False, "grad_fn_obj": None,
                   "released": False, "post_hooks": None, "packed": None}


def _extra(name: str) -> property:
    default = _EXTRA_DEFAULTS[name]

    def get(self):
        extras = self.extras
        return default if extras is None else getattr(extras, name)

    def set(self, value):
        extras = self.extras
        if extras is None:
            if value is default:
                return
            if name == "released" and value is True:
                self.extras = _RELEASED_ONLY
                return
            extras = self.extras = _Extras()
        elif extras is _RELEASED_ONLY:
            if name == "released" and value is True:
                return
            extras = self.extras = _Extras(released=True)
        setattr(extras, name, value)

    return property(get, set, doc=f"``{name}`` (kept in the node's extras; default {default})")


class Node(ReverseTracer):
    """A value in the define-by-run graph: the kernel's reverse tracer plus autograd's bookkeeping.

    ``requires_grad`` is true for recorded equations and for leaves created
    with ``requires_grad=True``. ``face`` is the name of the torch operation
    that produced the node (it picks the ``grad_fn`` name), ``face_inputs``
    its tensor inputs' nodes (``next_functions``), ``saved`` the version
    checks of the values that operation keeps for backward. The rarely set
    fields (``hooks``, ``retains_grad``, ``grad_fn_obj``, ``released``,
    ``post_hooks``, ``packed``) are properties over ``extras`` (``None`` until one
    is set).
    """

    __slots__ = ("requires_grad", "tensor", "face", "face_inputs", "saved", "extras")

    def __init__(self, trace, primal, prim=None, args=(), params=None, requires_grad=False):
        # ReverseTracer's fields, set here rather than by super().__init__: one
        # frame less on the path every operation takes.
        self._trace = trace
        self.primal = primal
        self.prim = prim
        self.args = args
        self.params = params
        self.seq = next(node_sequence)
        self.requires_grad = requires_grad or prim is not None
        self.tensor = None
        self.face = None
        self.face_inputs = None
        self.saved = ()
        self.extras = None

    hooks = _extra("hooks")
    retains_grad = _extra("retains_grad")
    grad_fn_obj = _extra("grad_fn_obj")
    released = _extra("released")
    post_hooks = _extra("post_hooks")
    packed = _extra("packed")  # what saved_tensors_hooks' pack hooks made of the saved values

    @property
    def is_leaf(self) -> bool:
        return self.prim is None

    def __repr__(self) -> str:
        return f"Node({self.primal!r})"


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def forward_trace() -> str:
    """The user's frames that led to the current operation, as a traceback prints them.

    What anomaly detection shows for the forward call of a node whose backward failed.
    """
    frames = [
        f for f in traceback.extract_stack()[:-1]
        if not os.path.abspath(f.filename).startswith(_PACKAGE)
    ]
    return "".join(traceback.format_list(frames))


def _as_storage(value: Any) -> Any:
    """Results live in mutable arrays (NumPy returns 0-d results as scalars)."""
    if isinstance(value, (np.ndarray, Tracer)):
        return value
    return np.asarray(value)


# PyTorch computes inf and nan silently: every operation runs under NumPy's error
# state "ignore". Entering ``np.errstate`` per operation would cost about 0.9 us, more
# than a small operation itself (a scalar multiply takes 0.4 us). NumPy keeps its
# error state in a context variable, so each thread prepares once a
# ``contextvars.Context`` in which ``np.errstate(all="ignore")`` is entered, and
# runs each operation's NumPy call in it: ``Context.run`` adds about 0.02 us
# (measured on NumPy 2.4; setting NumPy's private error-state variable per
# operation, as this module once did, added 0.23 us). Only public APIs are used.
# A call made from inside that context (a backward hook, a callback running tensor
# operations) runs directly. The prepared context is a copy of the thread's context
# at its first operation: code an operation or a backward walk calls back into
# sees the context variables of that moment. funcgrad keeps none of its own state
# in context variables (grad mode is thread-local), so only a user's could be stale.
_in_quiet_context = contextvars.ContextVar("funcgrad_torch_quiet", default=False)


class _PerThread(threading.local):
    context: contextvars.Context | None = None  # the class default: no getattr default


_per_thread = _PerThread()


def _enter_quiet() -> None:
    # Entered and never left: it lives only in the private context being prepared.
    np.errstate(all="ignore").__enter__()
    _in_quiet_context.set(True)


def _quiet_context() -> contextvars.Context:
    """This thread's context in which NumPy's error state is "ignore"."""
    context = _per_thread.context
    if context is None:
        context = _per_thread.context = contextvars.copy_context()
        context.run(_enter_quiet)
    return context


def quietly(f: Callable, *args: Any, **kwargs: Any) -> Any:
    """``f(*args, **kwargs)`` under NumPy's error state "ignore" (inf and nan arise
    silently, as in PyTorch), for a fraction of the cost of entering ``np.errstate``.

    Examples
    --------
    >>> import numpy as np
    >>> quietly(np.divide, 1.0, np.zeros(2))
    array([inf, inf])
    """
    if _in_quiet_context.get():
        return f(*args, **kwargs)
    return _quiet_context().run(f, *args, **kwargs)


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
        # Open for the life of the process, its nodes made by Node (not ReverseTracer's
        # constructor): the walk orders them by a heap, and no tape grows.
        self.tape = None

    def finish(self) -> None:  # pragma: no cover - never closed
        pass

    def process(self, prim, args, params):
        # The path every operation of the face takes: no call that is not needed.
        primals = []
        node_args = []
        requires = False
        handles = False
        nested = False  # is a value traced by a functional transform?
        for a in args:
            if type(a) is not Node:
                if not isinstance(a, Tracer):  # a constant
                    primals.append(a)
                    node_args.append(a)
                    continue
                if a._trace is not self:
                    if not a._trace.active:
                        raise a._trace.escaped(f" (in {prim.name})")
                    primals.append(a)
                    node_args.append(a)
                    nested = True
                    continue
                if not isinstance(a, Node):  # a Tensor handle
                    handles = True
                    a = a._node
            p = a.primal
            if type(p) is not np.ndarray and isinstance(p, Tracer):
                while isinstance(p, Tracer) and not p._trace.active and p._trace.outlives:
                    p = p.primal  # a closed forward-AD level: its tangent is gone
                nested = nested or isinstance(p, Tracer)
            primals.append(p)
            if a.requires_grad:
                requires = True
                node_args.append(a)
            else:
                node_args.append(p)
        if nested:  # a functional transform's tracer: its trace computes, quietly
            with np.errstate(all="ignore"):
                out = prim.bind(*primals, **params)
        elif _in_quiet_context.get():  # quietly(prim.impl, ...), inlined: the hot path
            out = prim.impl(*primals, **params)
        else:
            context = _per_thread.context or _quiet_context()
            out = context.run(prim.impl, *primals, **params)
        # Integer and boolean results never require grad, as in PyTorch.
        record = requires and prim.differentiable and _state.grad_enabled
        if prim.multiple_results:
            out = tuple(_as_storage(o) for o in out)
            if record and (not out or out[0].dtype.kind in "fc"):
                whole = Node(self, out, prim, tuple(node_args), params)
                if _state.anomaly:
                    whole.where = forward_trace()
                nodes = tuple(
                    Node(self, o, select_output_p, (whole,), {"index": i})
                    for i, o in enumerate(out)
                )
            else:
                nodes = tuple(Node(self, o) for o in out)
            return tuple(_handle(n) for n in nodes) if handles else nodes
        if type(out) is not np.ndarray:
            out = _as_storage(out)
        if record and out.dtype.kind in "fc":
            node = Node(self, out, prim, tuple(node_args), params)
            if _state.anomaly:
                node.where = forward_trace()
        else:
            node = Node(self, out)
        return _handle(node) if handles else node


TRACE = TorchTrace()


_NO_PARAMS: dict = {}


def apply(prim, *args, **params) -> Node:
    """``prim.bind(*args, **params)`` for arguments that are nodes or constants.

    The torch face's own operations know their operands are nodes of
    :data:`TRACE` (or plain numbers and arrays), so the dispatch that
    :meth:`~funcgrad.core.primitive.Primitive.bind` does would always pick
    :data:`TRACE`: this goes there directly.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.primitives.elementwise import multiply_p
    >>> apply(multiply_p, torch.ones(2)._node, 3.0)
    Node(array([3., 3.], dtype=float32))
    """
    return TRACE.process(prim, args, params or _NO_PARAMS)


def _handle(node: Node):
    from .tensor import Tensor  # tensor builds on this module (Tensor wraps a Node)

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
