"""Saved tensors and backward-node hooks: what ``torch.autograd.graph`` adds to the graph.

* ``grad_fn._saved_self``, ``_saved_result``, ``_saved_exponent``, ... read
  what a node keeps for backward (names from :data:`funcgrad.torch._saved.SAVED`),
  and ``_raw_saved_*`` the :class:`SavedTensor` objects behind them.
* :class:`saved_tensors_hooks` (and :class:`save_on_cpu`) pack each tensor an
  operation saves when it is recorded, and unpack it when the backward pass
  needs it: the reverse walk then computes with the unpacked values, as
  PyTorch's does. :class:`disable_saved_tensors_hooks` forbids them.
* ``grad_fn.register_prehook(hook)`` and ``grad_fn.register_hook(hook)`` run
  before and after a node's rule in the backward pass.

>>> import funcgrad.torch as torch
>>> a = torch.tensor([1.0, 2.0], requires_grad=True)
>>> y = a.exp()
>>> y.grad_fn._saved_result
tensor([2.7183, 7.3891], grad_fn=<ExpBackward0>)
>>> y.grad_fn._saved_result is y
False
"""

from __future__ import annotations

import abc
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from ...core.trace import Tracer
from .._graph import TRACE, _state, constant
from .._graph import Node as GraphNode
from .._names import AccumulateGrad, GradFn, grad_fn_of
from .._saved import SAVED
from ..tensor import RemovableHandle, Tensor, check_saved

__all__ = [
    "Node",
    "SavedTensor",
    "saved_tensors_hooks",
    "save_on_cpu",
    "disable_saved_tensors_hooks",
]

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)

# Set once any node hook or pack hook is used: until then the backward pass
# takes its plain path (no per-node callback).
in_use = [False]


class Node(abc.ABC):  # noqa: B024 - PyTorch's abstract base of backward nodes
    """The abstract base class of backward nodes: every ``grad_fn`` is an instance.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> y = torch.ones(2, requires_grad=True) * 2
    >>> isinstance(y.grad_fn, torch.autograd.graph.Node)
    True
    """

    __module__ = "torch.autograd.graph"


Node.register(GradFn)


# ---------------------------------------------------------------------------
# _saved_* and _raw_saved_*
# ---------------------------------------------------------------------------


def _inputs_of(node: GraphNode) -> tuple:
    inputs = node.face_inputs
    return tuple(inputs if inputs is not None else node.args or ())


def _as_tensor(value: Any, node: GraphNode) -> Any:
    """A saved input or result as the tensor object PyTorch gives back."""
    if value is None or isinstance(value, Tensor):
        return value
    if isinstance(value, GraphNode):
        for _vc, _version, ref, _is_out, _shape, _dtype in node.saved:
            t = ref() if ref is not None else None
            if t is not None and t._node is value:
                return t  # the caller's own tensor object, as PyTorch's `_saved_self is a`
        if value.tensor is not None and value.tensor() is not None:
            return value.tensor()
        return Tensor._from_node(value)
    if isinstance(value, (np.ndarray, Tracer)):
        for _vc, _version, ref, _is_out, _shape, _dtype in node.saved:
            t = ref() if ref is not None else None
            if t is not None and t._node.primal is value:
                return t
        return Tensor._from_node(constant(value))
    return Tensor._from_node(constant(np.asarray(value)))


def _lookup(fn: GradFn, attr: str) -> Any:
    """The value of ``_saved_<attr>`` (unpacked if a pack hook packed it)."""
    node = fn._node
    sources = dict(SAVED.get(fn._torch_name, ()))
    if attr not in sources:
        raise AttributeError(f"'{fn._torch_name}' object has no attribute '_saved_{attr}'")
    if node.released:
        raise RuntimeError(FREED)
    src = sources[attr]
    if isinstance(src, tuple):
        return src[1]
    inputs = _inputs_of(node)
    if src in ("shape0", "shape1", "shape2", "numel0"):
        i = int(src[-1])
        value = inputs[i] if i < len(inputs) else None
        shape = tuple(np.shape(getattr(value, "primal", value)))
        return int(np.prod(shape)) if src.startswith("numel") else shape
    if src == "n":
        return _number_operand(node)
    packed = node.packed.get(attr) if node.packed else None
    original = node if src == "out" else _input_node(inputs, src)
    if packed is not None:
        return _with_metadata(_unpack(packed), original)
    check_saved(node)
    if src == "out":
        return Tensor._from_node(node)  # a new handle on the result (PyTorch unpacks a copy)
    i = int(src[0])
    if src.endswith("x"):  # saved only when the other factor requires grad
        other = inputs[1 - i] if len(inputs) > 1 else None
        if not (isinstance(other, GraphNode) and other.requires_grad):
            return None
    return _as_tensor(inputs[i] if i < len(inputs) else None, node)


def _number_operand(node: GraphNode) -> Any:
    """The Python number an operation took (an equation argument or a parameter)."""
    for a in tuple(node.args or ()) + tuple((node.params or {}).values()):
        if isinstance(a, (int, float, complex, np.number)) and not isinstance(a, bool):
            return a.item() if isinstance(a, np.number) else a
        if isinstance(a, np.ndarray) and a.ndim == 0 and a.dtype.kind in "iufc":
            return a.item()
    return None


def _input_node(inputs: tuple, src: str) -> Any:
    i = int(src[0])
    value = inputs[i] if i < len(inputs) else None
    return value if isinstance(value, GraphNode) else None


def _with_metadata(t: Tensor, original: Any) -> Tensor:
    """An unpacked value with the autograd identity of what was saved, as PyTorch gives it."""
    if original is None or not original.requires_grad:
        return t
    node = GraphNode(TRACE, t._node.primal, original.prim, original.args, original.params,
                     requires_grad=True)
    node.grad_fn_obj = grad_fn_of(original)
    return Tensor._from_node(node)


def _unpack(packed: tuple) -> Tensor:
    unpack, obj = packed
    t = unpack(obj)
    if not isinstance(t, Tensor):
        raise TypeError(
            f"Output of saved tensor unpack_hook expected to be a Tensor but got result of type "
            f"{type(t).__name__}"
        )
    return t


class SavedTensor:
    """One value a backward node saved (``grad_fn._raw_saved_self``); hooks can repack it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> y = x.pow(2)
    >>> y.grad_fn._raw_saved_self.register_hooks(lambda t: t * 10, lambda t: t / 10)
    >>> y.grad_fn._saved_self
    tensor([1., 2.])
    """

    __module__ = "torch._C._autograd"

    def __init__(self, fn: GradFn, attr: str) -> None:
        self._fn = fn
        self._attr = attr

    def register_hooks(self, pack_hook: Callable, unpack_hook: Callable) -> None:
        """Pack the saved value now with ``pack_hook``; unpack it with ``unpack_hook`` on use."""
        node = self._fn._node
        if node.released:
            raise RuntimeError(
                "Calling register_hooks on a saved tensor after it has been freed. Saved "
                "intermediate values of the graph are freed when you call .backward() or "
                "autograd.grad(). Specify retain_graph=True if you need to backward through the "
                "graph a second time or if you need to access saved variables after calling "
                "backward."
            )
        value = _lookup(self._fn, self._attr)
        if value is None:
            raise RuntimeError(
                "None is forbidden as a saved tensor: this node saved nothing under "
                f"'{self._attr}'."
            )
        in_use[0] = True
        if node.packed is None:
            node.packed = {}
        node.packed[self._attr] = (unpack_hook, pack_hook(value.detach()))


def _getattr(fn: GradFn, name: str) -> Any:
    if name.startswith("_raw_saved_"):
        attr = name[len("_raw_saved_"):]
        if attr in dict(SAVED.get(fn._torch_name, ())):
            return SavedTensor(fn, attr)
    elif name.startswith("_saved_"):
        return _lookup(fn, name[len("_saved_"):])
    raise AttributeError(f"'{type(fn).__name__}' object has no attribute '{name}'")


def _dir(fn: GradFn) -> list:
    names = [f"_saved_{a}" for a, _ in SAVED.get(fn._torch_name, ())]
    names += [f"_raw_saved_{a}" for a, _ in SAVED.get(fn._torch_name, ())]
    return sorted(set(object.__dir__(fn)) | set(names))


# ---------------------------------------------------------------------------
# Node hooks
# ---------------------------------------------------------------------------


def _hooks_of(node: GraphNode, kind: str) -> dict:
    if node.post_hooks is None:
        node.post_hooks = {"pre": {}, "post": {}}
    in_use[0] = True
    return node.post_hooks[kind]


def _register_hook(fn: GradFn, hook: Callable) -> RemovableHandle:
    """Call ``hook(grad_inputs, grad_outputs)`` after this node runs in a backward pass.

    ``grad_inputs`` has one entry per input (``next_functions`` order, ``None``
    for inputs without a gradient); a returned tuple of the same length replaces it.
    """
    hooks = _hooks_of(fn._node, "post")
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    _keep(fn)
    return handle


def _register_prehook(fn: GradFn, hook: Callable) -> RemovableHandle:
    """Call ``hook(grad_outputs)`` before this node runs; a returned tuple replaces them."""
    hooks = _hooks_of(fn._node, "pre")
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    _keep(fn)
    return handle


def _keep(fn: GradFn) -> None:
    if isinstance(fn, AccumulateGrad):
        # The leaf's gradient goes through its tensor: make sure the node knows it.
        fn._node.requires_grad = True


GradFn.__getattr__ = _getattr
GradFn.__dir__ = _dir
GradFn.register_hook = _register_hook
GradFn.register_prehook = _register_prehook


def _register_post_accumulate_grad_hook(self, hook):
    """Call ``hook(tensor)`` after a backward pass has accumulated this leaf's ``.grad``.

    The hook sees the tensor itself (its ``.grad`` up to date) and returns
    None: the place to run an optimizer step per parameter during the
    backward pass. Returns a handle whose ``remove()`` unregisters it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.ones(2, requires_grad=True)
    >>> def step(p):
    ...     with torch.no_grad():
    ...         p.sub_(0.5 * p.grad)
    ...     p.grad = None
    >>> h = w.register_post_accumulate_grad_hook(step)
    >>> (w * torch.tensor([1.0, 2.0])).sum().backward()
    >>> w, w.grad
    (tensor([0.5000, 0.0000], requires_grad=True), None)
    >>> h.remove()
    """
    node = self._node
    if not node.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    if node.prim is not None:
        raise RuntimeError(
            "post accumulate grad hooks cannot be registered on non-leaf tensors")
    if node.post_hooks is None:
        node.post_hooks = {"pre": {}, "post": {}}
    hooks = node.post_hooks.setdefault("accumulated", {})
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    if node.tensor is None:
        node.tensor = weakref.ref(self)
    return handle


Tensor.register_post_accumulate_grad_hook = _register_post_accumulate_grad_hook


def _hook_name(hook: Callable) -> str:
    return getattr(hook, "__name__", type(hook).__name__)


def run_prehooks(node: GraphNode, g: Any, to_face: Callable, from_face: Callable) -> Any:
    """The node's pre-hooks on its output gradient (before its rule runs)."""
    hooks = node.post_hooks["pre"] if node.post_hooks else None
    if not hooks:
        return g
    grads = (to_face(g),)
    for hook in list(hooks.values()):
        new = hook(grads)
        if new is not None:
            new = tuple(new) if isinstance(new, (tuple, list)) else (new,)
            if len(new) != len(grads):
                raise RuntimeError(
                    f"hook '{_hook_name(hook)}' has returned an incorrect number of values "
                    f"(got {len(new)}, but expected {len(grads)})"
                )
            grads = new
    return from_face(grads[0])


def run_leaf_posthooks(node: GraphNode, g: Any, to_face: Callable) -> None:
    """AccumulateGrad's post-hooks, then the tensor's post-accumulate-grad hooks."""
    hooks = node.post_hooks["post"] if node.post_hooks else None
    if hooks:
        grads = (to_face(g),)
        for hook in list(hooks.values()):
            hook((), grads)
    after = node.post_hooks.get("accumulated") if node.post_hooks else None
    t = node.tensor() if after and node.tensor is not None else None
    if t is not None:
        for hook in list(after.values()):
            hook(t)


def make_apply_rule(to_face: Callable, from_face: Callable,
                    check: Callable | None = None) -> Callable:
    """The ``apply_rule`` of the reverse walk: unpacked saved values in, post-hooks after.

    ``check(node, name, inputs, cotangents)`` (anomaly detection) sees what each rule returned.
    """

    def apply_rule(node, g, ans, primals, wanted):
        packed = node.packed
        if packed:
            ans = _substitute(node, ans, primals, packed)
        cts = node.prim.vjp(g, ans, primals, node.params, wanted)
        if check is not None:
            check(node, _torch_name(node), [g, ans, *primals], cts)
        hooks = node.post_hooks["post"] if node.post_hooks else None
        if hooks and type(g) is not tuple:
            cts = _post_hooks(node, hooks, g, cts, to_face, from_face)
        return cts

    return apply_rule


def _substitute(node: GraphNode, ans: Any, primals: list, packed: dict) -> Any:
    """Put the unpacked saved values where the rule reads them (plain values only)."""
    sources = dict(SAVED.get(_torch_name(node), ()))
    inputs = _inputs_of(node)
    args = node.args or ()
    for attr, entry in packed.items():
        value = _unpack(entry)._node.primal
        src = sources.get(attr)
        if src == "out":
            if not isinstance(ans, Tracer):
                ans = value
            continue
        if src is None:
            continue
        i = int(src[0])
        # Only where the equation's argument is that very input (the face may bind
        # fewer arguments than the operation has, e.g. `x ** 2` binds x alone).
        if (
            i < len(primals)
            and i < len(inputs)
            and args[i] is inputs[i]
            and not isinstance(primals[i], Tracer)
        ):
            primals[i] = value
    return ans


def _torch_name(node: GraphNode) -> str:
    fn = grad_fn_of(node)
    return fn._torch_name if fn is not None else ""


def _post_hooks(node, hooks, g, cts, to_face, from_face):
    cts = list(cts)
    aligned = node.face_inputs is None or node.face_inputs is node.args
    if not aligned:
        return cts
    grad_inputs = tuple(None if c is None else to_face(c) for c in cts)
    grad_outputs = (to_face(g),)
    for hook in list(hooks.values()):
        new = hook(grad_inputs, grad_outputs)
        if new is not None:
            new = tuple(new) if isinstance(new, (tuple, list)) else (new,)
            if len(new) != len(grad_inputs):
                raise RuntimeError(
                    f"hook '{_hook_name(hook)}' has returned an incorrect number of values "
                    f"(got {len(new)}, but expected {len(grad_inputs)})"
                )
            grad_inputs = new
    return [None if t is None else from_face(t) for t in grad_inputs]


# ---------------------------------------------------------------------------
# saved_tensors_hooks and friends
# ---------------------------------------------------------------------------


class saved_tensors_hooks:  # noqa: N801 - PyTorch's name
    """Pack every tensor saved for backward in this context; unpack it when backward needs it.

    ``pack_hook(tensor)`` may return any object; ``unpack_hook(that)`` must
    return a tensor with the saved content. The backward pass computes with
    the unpacked values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 4, lambda t: t / 4):
    ...     y = torch.pow(x, 2)
    >>> y.sum().backward()
    >>> x.grad
    tensor([2., 4.])
    """

    __module__ = "torch.autograd.graph"

    def __init__(self, pack_hook: Callable, unpack_hook: Callable) -> None:
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self) -> None:
        message = _state.saved_hooks_disabled
        if message is not None:
            raise RuntimeError(message)
        in_use[0] = True
        _state.saved_hooks = _state.saved_hooks + ((self.pack_hook, self.unpack_hook),)

    def __exit__(self, *exc: Any) -> None:
        _state.saved_hooks = _state.saved_hooks[:-1]


class save_on_cpu(saved_tensors_hooks):  # noqa: N801 - PyTorch's name
    """Keep saved tensors in CPU memory (funcgrad's tensors live there already).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> with torch.autograd.graph.save_on_cpu(pin_memory=True):
    ...     y = x * x
    >>> y.sum().backward()
    >>> x.grad
    tensor([2., 4.])
    """

    __module__ = "torch.autograd.graph"

    def __init__(self, pin_memory: bool = False, device_type: str = "cuda") -> None:
        def pack(t):
            return (t.device, t.cpu())

        def unpack(packed):
            device, t = packed
            return t.to(device)

        super().__init__(pack, unpack)


class disable_saved_tensors_hooks:  # noqa: N801 - PyTorch's name
    """Forbid :class:`saved_tensors_hooks` in this context (entering one raises the message).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.autograd.graph.disable_saved_tensors_hooks("not here"):
    ...     try:
    ...         with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    ...             pass
    ...     except RuntimeError as e:
    ...         print(e)
    not here
    """

    __module__ = "torch.autograd.graph"

    def __init__(self, error_message: str) -> None:
        self.error_message = error_message

    def __enter__(self) -> None:
        self._prev = _state.saved_hooks_disabled
        _state.saved_hooks_disabled = self.error_message

    def __exit__(self, *exc: Any) -> None:
        _state.saved_hooks_disabled = self._prev
