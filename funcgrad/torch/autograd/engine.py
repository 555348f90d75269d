"""The autograd engine: ``backward`` and ``grad`` on the kernel's one reverse walk.

Both call :func:`funcgrad.transforms.reverse.backward_pass` with an ``on_grad``
callback that does what only this face knows about: version checks of saved
values, hooks, ``retain_grad``, accumulation into the leaves' ``.grad``, and
PyTorch's error for a graph already freed by an earlier backward pass.
``Tensor.backward`` (attached in :mod:`funcgrad.torch.tensor_methods`) calls
:func:`backward`.

>>> import funcgrad.torch as torch
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> torch.autograd.engine.backward((x * x).sum())
>>> x.grad
tensor([2., 4.])
"""

from __future__ import annotations

import gc
import heapq
import os
import sys
import warnings
from typing import Any

import numpy as np

from ...core.config import config
from ...core.trace import Tracer
from ...primitives.elementwise import conj
from ...transforms.forward import JVPTracer
from ...transforms.reverse import (
    backward_pass,
    derive_vjp,
    fit_cotangent,
    select_output_p,
)
from .._graph import TRACE, Node, _state, constant, no_grad, quietly
from .._release import release
from ..factories import tensor, zeros_like
from ..shape import identity
from ..tensor import Size, Tensor, check_saved, record
from . import anomaly_mode, saved_hooks

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)


def _as_tuple(x: Any) -> tuple:
    if x is None:
        return ()
    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def _seeds(outputs: tuple, grads: tuple, create_graph: bool) -> list:
    """The cotangent of each output (in the kernel's convention), checked as PyTorch does."""
    if len(grads) == 0 and len(outputs) == 1 and isinstance(outputs[0], Tensor):
        # ``loss.backward()``: a real scalar that requires grad is seeded with a one.
        node = outputs[0]._node
        p = node.primal
        if node.requires_grad and type(p) is np.ndarray and p.size == 1 and p.dtype.kind == "f":
            return [np.array(1, p.dtype) if p.ndim == 0 else np.ones(p.shape, p.dtype)]
    if len(grads) == 0:
        grads = (None,) * len(outputs)
    if len(grads) != len(outputs):
        raise RuntimeError(
            f"grad_tensors has {len(grads)} elements, but tensors has {len(outputs)}"
        )
    seeds = []
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if not isinstance(out, Tensor):
            raise TypeError(f"element {i} of tensors is not a Tensor")
        if not out.requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if g is None:
            p = out._node.primal
            if p.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if p.dtype.kind != "f":
                raise RuntimeError(
                    f"grad can be implicitly created only for real scalar outputs but got "
                    f"{out.dtype}"
                )
            seeds.append(np.ones(p.shape, p.dtype))
            continue
        if not isinstance(g, Tensor):
            g = tensor(g, dtype=out.dtype)
        if tuple(g.shape) != tuple(out.shape):
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {Size(g.shape)} and "
                f"output[{i}] has a shape of {Size(out.shape)}."
            )
        seed = g._node if create_graph and g.requires_grad else g._node.primal
        if g.dtype.np.kind == "c":
            seed = conj(seed)  # PyTorch's gradients are the conjugates of the kernel's cotangents
        seeds.append(seed)
    return seeds


def _to_face(g: Any, create_graph: bool, owned: bool = False) -> Tensor:
    """A kernel cotangent as the tensor PyTorch would show (conjugated if complex).

    An array is copied (the walk may share it) unless ``owned``: nothing else holds it."""
    if not create_graph and isinstance(g, JVPTracer) and g._trace.outlives:
        g = g.primal  # backward() through dual tensors: the gradients carry no tangent
    if isinstance(g, Tensor):
        t = g
    elif isinstance(g, Node):
        t = Tensor._from_node(g)
    elif isinstance(g, np.ndarray) and not owned:
        t = Tensor._from_node(constant(np.array(g, copy=True)))
    else:
        t = Tensor._from_node(constant(g))
    if t.dtype.np.kind == "c":
        t = t.conj() if create_graph else Tensor._from_node(_const(np.conj(t._array())))
    return t


def _const(v):
    return constant(v)


def _from_face(t: Tensor, create_graph: bool) -> Any:
    if t.dtype.np.kind == "c":
        t = t.conj()
    return t._node if create_graph and t.requires_grad else t._node.primal


def _run(outputs, grad_outputs, retain_graph, create_graph, *, accumulate, inputs=()):
    """The reverse walk from ``outputs``; returns the cotangents of ``inputs`` (face convention)."""
    outputs = _as_tuple(outputs)
    seeds = _seeds(outputs, _as_tuple(grad_outputs), create_graph)
    if retain_graph is None:
        retain_graph = create_graph
    input_nodes = [t._node for t in inputs]
    only = {id(n) for n in input_nodes} if inputs and accumulate else None
    visited: list[Node] = []  # walked nodes that saved values
    walked: list[Node] = []  # every walked node (kept only without retain_graph)
    keep_walked = walked.append if not retain_graph else None

    def on_grad(node, g):
        extras = node.extras
        if extras is not None and extras.released:
            raise RuntimeError(FREED)
        if keep_walked is not None and node.prim is not None:
            keep_walked(node)
        if node.saved:
            check_saved(node)
            if not retain_graph:
                visited.append(node)
        if (node.prim is None and accumulate) or extras is not None and (
            extras.hooks or extras.retains_grad or extras.post_hooks is not None
        ):
            g = _face_hooks_and_grads(node, g, create_graph, accumulate, only)
        return g

    apply_rule = None
    checking = _state.anomaly and _state.anomaly_check_nan
    if saved_hooks.in_use[0] or checking:  # node or saved-tensor hooks, anomaly detection
        apply_rule = saved_hooks.make_apply_rule(
            lambda g: _to_face(g, create_graph),
            lambda t: _from_face(t, create_graph),
            anomaly_mode.check_backward if checking else None,
        )

    prev_mode = _state.grad_enabled
    _state.grad_enabled = bool(create_graph)
    try:
        # The walk runs under NumPy's error state "ignore" (inf and nan arise silently, as
        # in PyTorch), set once for the whole walk.
        if apply_rule is None and not create_graph and not config.checking_nans():
            results = quietly(
                _plain_walk, [o._node for o in outputs], seeds, input_nodes, retain_graph,
                accumulate, only, walked, visited,
            )
        else:
            results = quietly(
                backward_pass,
                TRACE,
                [o._node for o in outputs],
                seeds,
                keep=input_nodes,
                create_graph=create_graph,
                on_grad=on_grad,
                apply_rule=apply_rule,
            )
    finally:
        _state.grad_enabled = prev_mode
    if not retain_graph:
        # Saved values are gone, as in PyTorch (a later walk through them raises), and
        # intermediate values nothing can read any more are dropped.
        release(walked, visited)
    return [results.get(id(n)) for n in input_nodes]


def _plain_walk(roots, root_cts, keep, retain_graph, accumulate, only, walked, visited):
    """:func:`~funcgrad.transforms.reverse.backward_pass` with ``_run``'s ``on_grad``, for the
    common backward pass (no ``create_graph``, saved-tensor hooks, anomaly or NaN checks).

    The same walk, inlined: nodes in decreasing creation order (a heap), each node's
    checks (a freed graph, saved values changed in place, hooks, leaves) once its
    cotangent is complete, its VJP rule on the primals, cotangents fitted to their
    values' shapes and dtypes and summed where a value fans out.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the walk makes no reference cycles (see backward_pass)
    try:
        kept = {id(k) for k in keep}
        results: dict[int, Any] = {}
        cts: dict[int, Any] = {}
        heap: list = []
        push, pop = heapq.heappush, heapq.heappop
        ndarray = np.ndarray
        for root, ct in zip(roots, root_cts):
            if isinstance(root, Tracer) and root._trace is TRACE and ct is not None:
                ct = fit_cotangent(ct, root.primal)
                old = cts.get(id(root))
                if old is None:
                    cts[id(root)] = ct
                    push(heap, (-root.seq, root))
                else:
                    cts[id(root)] = old + ct
        cts_get, cts_pop = cts.get, cts.pop
        while heap:
            node = pop(heap)[1]
            g = cts_pop(id(node))
            prim = node.prim
            if prim is not select_output_p:
                # _run's on_grad, inlined.
                extras = node.extras
                if extras is not None and extras.released:
                    raise RuntimeError(FREED)
                if node.saved:
                    check_saved(node)
                    if not retain_graph:
                        visited.append(node)
                if prim is not None and not retain_graph:
                    walked.append(node)
                if extras is None:
                    if prim is None and accumulate:  # a leaf without hooks: its .grad
                        ref = node.tensor
                        t = ref() if ref is not None else None
                        if t is not None and node.requires_grad and (
                            only is None or id(node) in only
                        ):
                            _accumulate(t, g, False)
                        t = None
                elif (prim is None and accumulate) or (
                    extras.hooks or extras.retains_grad or extras.post_hooks is not None
                ):
                    g = _face_hooks_and_grads(node, g, False, accumulate, only)
            if kept and id(node) in kept:
                results[id(node)] = g
            args = node.args
            if prim is None or args is None:
                continue
            if prim is select_output_p:
                slots = [None] * len(args[0].primal)
                slots[node.params["index"]] = g
                _add_ct(cts, heap, args[0], slots)
                continue
            wanted = []
            primals = []
            for a in args:
                if type(a) is Node or isinstance(a, Tracer) and a._trace is TRACE:
                    wanted.append(True)
                    primals.append(a.primal)
                else:
                    wanted.append(False)
                    primals.append(a)
            if type(g) is list:
                g = tuple(g)
            arg_cts = (prim.vjp or derive_vjp(prim))(g, node.primal, primals, node.params, wanted)
            for a, ours, ct in zip(args, wanted, arg_cts):
                if not ours or ct is None:
                    continue
                primal = a.primal
                if not (type(ct) is ndarray and type(primal) is ndarray
                        and ct.shape == primal.shape and ct.dtype == primal.dtype):
                    ct = fit_cotangent(ct, primal)
                key = id(a)
                old = cts_get(key)
                if old is None:
                    cts[key] = ct
                    push(heap, (-a.seq, a))
                elif type(old) is list:
                    cts[key] = [c if d is None else d if c is None else c + d
                                for c, d in zip(old, ct)]
                else:
                    cts[key] = old + ct
        return results
    finally:
        if gc_was_enabled:
            gc.enable()


def _add_ct(cts: dict, heap: list, node: Any, ct: Any) -> None:
    old = cts.get(id(node))
    if old is None:
        cts[id(node)] = ct
        heapq.heappush(heap, (-node.seq, node))
    elif type(old) is list:
        cts[id(node)] = [a if b is None else b if a is None else a + b for a, b in zip(old, ct)]
    else:
        cts[id(node)] = old + ct


def _face_hooks_and_grads(node, g, create_graph, accumulate, only):
    t = node.tensor() if node.tensor is not None else None
    if node.hooks:
        face = _to_face(g, create_graph)
        for hook in list(node.hooks.values()):
            new = hook(face)
            if new is not None:
                _check_hook_result(hook, face, new)
                face = new
        g = _from_face(face, create_graph)
    if node.post_hooks is not None:  # grad_fn.register_prehook
        g = saved_hooks.run_prehooks(
            node, g, lambda v: _to_face(v, create_graph), lambda f: _from_face(f, create_graph)
        )
    if t is None:
        return g
    if node.prim is not None:
        if node.retains_grad and accumulate and (only is None or id(node) in only):
            _accumulate(t, g, create_graph)
        return g
    if node.requires_grad and accumulate and (only is None or id(node) in only):
        _accumulate(t, g, create_graph)
        if node.post_hooks is not None:  # AccumulateGrad's register_hook
            saved_hooks.run_leaf_posthooks(node, g, lambda v: _to_face(v, create_graph))
    return g


def _check_hook_result(hook, old: Tensor, new: Any) -> None:
    """PyTorch's errors for a hook that returns a gradient of another shape or dtype."""
    name = getattr(hook, "__name__", type(hook).__name__)
    if not isinstance(new, Tensor):
        raise TypeError(f"hook '{name}' returned a {type(new).__name__}, expected a Tensor")
    if tuple(new.shape) != tuple(old.shape):
        raise RuntimeError(f"hook '{name}' has changed the size of value")
    if new.dtype != old.dtype:
        raise RuntimeError(
            f"hook '{name}' has changed the type of value (was {old.type()} got {new.type()})"
        )


def _accumulate(t: Tensor, g: Any, create_graph: bool) -> None:
    """``t.grad += g`` as PyTorch: in place unless the graph of the gradient is kept."""
    old = t._grad
    if type(g) is not np.ndarray and isinstance(g, np.generic):
        g = np.asarray(g)  # a 0-d rule's result (NumPy returns scalars): the paths below
    if old is None and not create_graph and type(g) is np.ndarray and g.dtype.kind == "f":
        node = t._node
        if node.prim is None and g.dtype == node.primal.dtype:
            # A leaf's first real gradient, in its dtype: what the general path below
            # makes of it (a copy unless nothing else holds it), without its conversions.
            if _unshared(g):  # a large array nothing else holds: kept, not copied
                t._grad = _to_face(g, False, True)
            else:
                t._grad = Tensor._from_node(constant(np.array(g, copy=True)))
            return
    if old is not None and not create_graph and type(g) is np.ndarray:
        storage = old._node.primal
        if (
            not old._node.requires_grad
            and type(storage) is np.ndarray
            and storage.shape == g.shape
            and storage.dtype == g.dtype
            and storage.flags.writeable
        ):
            # What ``old.add_(g)`` under no_grad does, without the operation machinery.
            np.add(storage, np.conj(g) if g.dtype.kind == "c" else g, out=storage)
            old._vc[0] += 1
            return
    owned = old is None and not create_graph and t._node.prim is None and _unshared(g)
    face = _to_face(g, create_graph, owned)
    fresh = type(g) is np.ndarray  # _to_face made a copy of it already (or owns it)
    if face.dtype != t.dtype:
        face = face.to(t.dtype)
    if old is None:
        if face.requires_grad:
            # PyTorch stores a copy of the first gradient of a kept graph.
            face = record("copy", identity(face._node), (face,))
        else:
            face = face.detach()
            if isinstance(face._node.primal, np.ndarray) and not fresh:
                face._node.primal = np.array(face._node.primal, copy=True)
        t._grad = face
    elif create_graph or face.requires_grad or old.requires_grad:
        t._grad = old + face
    else:
        with no_grad():
            old.add_(face)


# A leaf's first gradient becomes its ``.grad`` without a copy when nothing else can
# see the array, as PyTorch's AccumulateGrad steals a gradient no one else holds: a
# large array that owns its memory and whose every reference is a plain local variable
# of a funcgrad frame on the way here (the walk and this module, which drop it). A
# reference from anywhere else (another node's cotangent, a seed, a hook that kept
# it, a view, a user's variable) makes it shared, and it is copied.
_STEAL_BYTES = 1 << 16  # below this a copy costs about what the check does
_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep


def _unshared(g: Any) -> bool:
    if type(g) is not np.ndarray or g.nbytes < _STEAL_BYTES or not g.flags.writeable:
        return False
    base = g.base
    if base is not None and not (
        # A view of the whole of an array nothing else holds (a transposed weight's
        # gradient): held by the view alone (the view, `base` and getrefcount's argument).
        type(base) is np.ndarray and base.base is None and base.nbytes == g.nbytes
        and sys.getrefcount(base) == 3
    ):
        return False
    del base
    refs = sys.getrefcount(g) - 2  # getrefcount's argument and this frame's `g`
    frame = sys._getframe(1)
    while refs > 0 and frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        code = frame.f_code
        values = frame.f_locals
        # The frame's own variables (its cells included, not the cells it sees of an
        # enclosing frame: those are counted there), and tuples they hold (a rule's
        # results the walk has finished with).
        for name in code.co_varnames + code.co_cellvars:
            value = values.get(name)
            if value is g:
                refs -= 1
            elif type(value) is tuple:
                refs -= sum(1 for v in value if v is g)
        frame = frame.f_back
    return refs == 0


def backward(
    tensors,
    grad_tensors=None,
    retain_graph=None,
    create_graph=False,
    grad_variables=None,
    inputs=None,
) -> None:
    """Accumulate the gradients of ``tensors`` into the ``.grad`` of the leaves they depend on.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> torch.autograd.backward([(x * 2).sum(), (x * 3).sum()])
    >>> x.grad
    tensor([5., 5.])
    """
    if grad_tensors is None:
        grad_tensors = grad_variables
    if inputs is not None:
        inputs = _as_tuple(inputs)
        if len(inputs) == 0:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    if create_graph:
        warnings.warn(
            "Using backward() with create_graph=True will create a reference cycle between the "
            "parameter and its gradient which can cause a memory leak. We recommend using "
            "autograd.grad when creating the graph to avoid this. If you have to use this "
            "function, make sure to reset the .grad fields of your parameters to None after use "
            "to break the cycle and avoid the leak.",
            UserWarning,
            stacklevel=3,
        )
    _run(tensors, grad_tensors, retain_graph, create_graph, accumulate=True, inputs=inputs or ())


def grad(
    outputs,
    inputs,
    grad_outputs=None,
    retain_graph=None,
    create_graph=False,
    only_inputs=True,
    allow_unused=None,
    is_grads_batched=False,
    materialize_grads=False,
):
    """The gradients of ``outputs`` with respect to ``inputs``, without touching ``.grad``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> g, = torch.autograd.grad(x ** 3, x, create_graph=True)
    >>> g
    tensor(27., grad_fn=<MulBackward0>)
    >>> torch.autograd.grad(g, x)
    (tensor(18.),)
    """
    single = isinstance(inputs, Tensor)
    inputs = _as_tuple(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    for i, t in enumerate(inputs):
        if not isinstance(t, Tensor):
            raise TypeError(f"grad(): inputs[{i}] is not a Tensor")
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    cts = _run(outputs, grad_outputs, retain_graph, create_graph, accumulate=False, inputs=inputs)
    out = []
    for i, (t, g) in enumerate(zip(inputs, cts)):
        if g is None:
            if materialize_grads:
                out.append(zeros_like(t))
                continue
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior."
                )
            out.append(None)
            continue
        face = _to_face(g, create_graph)
        if face.dtype != t.dtype:
            face = face.to(t.dtype)
        out.append(face)
    del single
    return tuple(out)
