"""``torch.autograd.Function``: custom operations with their own backward, on the kernel's rule.

A :class:`Function` subclass gives ``forward`` and ``backward`` (and, if it
likes, ``setup_context``, ``jvp`` and ``vmap``); ``MyFn.apply(*args)`` runs it.
Nothing here is a second engine: ``apply`` binds the kernel's
``custom_vjp_call`` primitive, the one :func:`funcgrad.custom_vjp` binds,
with a call whose function runs ``forward`` on tensors and whose rule runs
``backward``. So the reverse walk of ``Tensor.backward()`` calls ``backward``;
a ``backward`` written with differentiable torch operations differentiates
again (``create_graph=True``); forward mode (``torch.autograd.forward_ad``,
``torch.func.jvp``) calls ``jvp``; and the functional transforms
(``torch.func.grad``, ``funcgrad.grad``) see the same primitive.

The ``grad_fn`` of the outputs is the ``ctx`` object itself, of a class named
``<ClassName>Backward`` (as PyTorch's ``BackwardCFunction``): what ``forward``
stored on ``ctx`` is readable from ``y.grad_fn``.

>>> import funcgrad.torch as torch
>>> class Exp(torch.autograd.Function):
...     @staticmethod
...     def forward(ctx, i):
...         result = i.exp()
...         ctx.save_for_backward(result)
...         return result
...     @staticmethod
...     def backward(ctx, grad_output):
...         result, = ctx.saved_tensors
...         return grad_output * result
>>> x = torch.tensor([0.0, 1.0], requires_grad=True)
>>> y = Exp.apply(x)
>>> y
tensor([1.0000, 2.7183], grad_fn=<ExpBackward>)
>>> y.sum().backward()
>>> x.grad
tensor([1.0000, 2.7183])
"""

from __future__ import annotations

import functools
import inspect
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from ...core.trace import Tracer
from ...core.tree_util import tree_flatten
from ...transforms.custom import Store, VJPCall, custom_vjp_call_p
from ...transforms.reverse import select_output_p
from .._graph import Node, TorchTrace, _state, apply, constant, is_grad_enabled, no_grad
from .._names import GradFn
from ..tensor import Tensor, check_saved
from .function_vmap import apply_under_vmap, batch_trace

__all__ = [
    "Function",
    "FunctionCtx",
    "BackwardCFunction",
    "InplaceFunction",
    "NestedIOFunction",
    "once_differentiable",
]

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)


# ---------------------------------------------------------------------------
# ctx
# ---------------------------------------------------------------------------


class FunctionCtx:
    """The ``ctx`` that ``forward``/``setup_context`` fill and ``backward``/``jvp`` read.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> class Scale(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x, k):
    ...         ctx.k = k
    ...         return x * k
    ...     @staticmethod
    ...     def backward(ctx, g):
    ...         return g * ctx.k, None
    >>> y = Scale.apply(torch.ones(2, requires_grad=True), 3.0)
    >>> y.grad_fn.k, y.grad_fn.needs_input_grad
    (3.0, (True, False))
    """

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep ``tensors`` (or ``None``) for ``backward``, where ``ctx.saved_tensors`` gives them.

        A saved tensor changed in place before ``backward`` makes ``backward``
        fail, as in PyTorch (version counters).
        """
        for i, t in enumerate(tensors):
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(
                    f"save_for_backward can only save variables, but argument {i} is not a "
                    f"Variable (got {type(t).__name__}); store other values as attributes of "
                    "ctx (ctx.name = value)."
                )
        self._to_save = tensors
        self._saved_versions = tuple(None if t is None else t._vc[0] for t in tensors)

    def save_for_forward(self, *tensors: Any) -> None:
        """Keep ``tensors`` for ``jvp`` (``ctx.saved_tensors`` there)."""
        self._to_save_forward = tensors

    def mark_dirty(self, *args: Any) -> None:
        """Declare the input tensors that ``forward`` changed in place (and returns)."""
        self._dirty = args

    def mark_non_differentiable(self, *args: Any) -> None:
        """Declare outputs that have no derivative: they do not require grad."""
        self._non_differentiable = args

    def set_materialize_grads(self, value: bool) -> None:
        """Whether ``backward`` sees zeros (the default) or ``None`` for outputs without grads."""
        self.materialize_grads = bool(value)

    @property
    def saved_tensors(self) -> tuple:
        """The tensors given to :meth:`save_for_backward`, checked for in-place changes."""
        node = self._node
        if node is not None:
            if node.released:
                raise RuntimeError(FREED)
            check_saved(node)
        if self._in_jvp and getattr(self, "_to_save_forward", None) is not None:
            return tuple(self._to_save_forward)
        override = getattr(self, "_saved_override", None)
        if override is not None:
            return override
        saved = tuple(getattr(self, "_to_save", ()))
        packed = getattr(self, "_packed", None)
        if packed:
            saved = tuple(_unpacked(packed[i]) if i in packed else t for i, t in enumerate(saved))
        return saved

    @property
    def saved_variables(self) -> tuple:
        """Old name of :attr:`saved_tensors`."""
        return self.saved_tensors


class BackwardCFunction(GradFn, FunctionCtx):
    """The ``grad_fn`` of a custom Function's outputs: its ``ctx``, named ``<Class>Backward``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> class Double(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         return x * 2
    ...     @staticmethod
    ...     def backward(ctx, g):
    ...         return g * 2
    >>> fn = Double.apply(torch.ones(2, requires_grad=True)).grad_fn
    >>> fn.name(), type(fn).__name__
    ('DoubleBackward', 'DoubleBackward')
    >>> fn.apply(torch.ones(2))
    tensor([2., 2.])
    """

    _forward_cls: type = None  # type: ignore[assignment]
    _torch_name = "BackwardCFunction"
    __repr__ = object.__repr__

    def __init__(self) -> None:
        self._node = None
        self._outputs = None
        self._in_jvp = False
        self.materialize_grads = True
        self.needs_input_grad: tuple = ()
        self.to_save: tuple = ()

    def apply(self, *grads: Any) -> Any:
        """Call the Function's ``backward`` with this ctx (``vjp`` is the same)."""
        return self._forward_cls.backward(self, *grads)

    def apply_jvp(self, *tangents: Any) -> Any:
        """Call the Function's ``jvp`` with this ctx."""
        return self._forward_cls.jvp(self, *tangents)

    def _input_nodes(self) -> tuple:
        node = self._node
        return tuple(node.face_inputs or ()) if node is not None else ()

    # What PyTorch's custom nodes show of the ctx (``_raw_saved_tensors``, ...).
    _materialize_non_diff_grads = True

    @property
    def _raw_saved_tensors(self) -> tuple:
        """One :class:`SavedFunctionTensor` per tensor given to ``save_for_backward``."""
        return tuple(SavedFunctionTensor(self, i) for i in range(len(getattr(self, "_to_save",
                                                                             ()))))

    @property
    def saved_for_forward(self) -> tuple | None:
        """The tensors given to ``save_for_forward`` (None if it was not called)."""
        saved = getattr(self, "_to_save_forward", None)
        return None if saved is None else tuple(saved)

    @property
    def dirty_tensors(self) -> tuple | None:
        """The tensors given to ``mark_dirty`` (None if it was not called)."""
        dirty = getattr(self, "_dirty", None)
        return None if dirty is None else tuple(dirty)

    @property
    def non_differentiable(self) -> tuple | None:
        """The tensors given to ``mark_non_differentiable`` (None if it was not called)."""
        marked = getattr(self, "_non_differentiable", None)
        return None if marked is None else tuple(marked)


class SavedFunctionTensor:
    """One tensor a custom Function saved (``grad_fn._raw_saved_tensors[i]``); hooks can
    repack it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> class Square(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x * x
    ...     @staticmethod
    ...     def backward(ctx, g):
    ...         x, = ctx.saved_tensors
    ...         return 2 * x * g
    >>> y = Square.apply(torch.tensor([3.0], requires_grad=True))
    >>> raw, = y.grad_fn._raw_saved_tensors
    >>> raw.register_hooks(lambda t: t * 10, lambda t: t / 10)
    >>> y.grad_fn.saved_tensors
    (tensor([3.], requires_grad=True),)
    """

    __module__ = "torch._C._autograd"

    def __init__(self, ctx: Any, index: int) -> None:
        self._ctx = ctx
        self._index = index

    def __repr__(self) -> str:
        return f"<torch._C._autograd.SavedTensor object at {hex(id(self))}>"

    def register_hooks(self, pack_hook: Callable, unpack_hook: Callable) -> None:
        """Pack the saved tensor now with ``pack_hook``; ``unpack_hook`` gives it back on use."""
        ctx = self._ctx
        node = ctx._node
        if node is not None and node.released:
            raise RuntimeError(FREED)
        value = ctx._to_save[self._index]
        if value is None:
            raise RuntimeError("None is forbidden as a saved tensor: nothing was saved here.")
        packed = getattr(ctx, "_packed", None)
        if packed is None:
            packed = ctx._packed = {}
        packed[self._index] = (unpack_hook, pack_hook(value.detach()), value)


# ---------------------------------------------------------------------------
# Function
# ---------------------------------------------------------------------------


class FunctionMeta(type):
    """Gives each Function subclass its backward class, ``<Name>Backward``."""

    def __init__(cls, name: str, bases: tuple, attrs: dict) -> None:
        backward_name = f"{name}Backward"
        cls._backward_cls = type(
            backward_name,
            (BackwardCFunction,),
            {
                "_forward_cls": cls,
                "_torch_name": backward_name,
                "__module__": "torch.autograd.function",
                "__qualname__": backward_name,
            },
        )
        super().__init__(name, bases, attrs)


class _SingleLevelFunction(metaclass=FunctionMeta):
    @staticmethod
    def forward(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple, output: Any) -> Any:
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD."
        )

    vjp = backward

    @staticmethod
    def jvp(ctx: Any, *grad_inputs: Any) -> Any:
        raise NotImplementedError(
            "You must implement the jvp function for custom autograd.Function to use it with "
            "forward mode AD."
        )


class Function(_SingleLevelFunction):
    """Base class for custom differentiable operations (anchor: ``torch.autograd.Function``).

    Subclass it with static methods ``forward(ctx, *args)`` and
    ``backward(ctx, *grad_outputs)`` (one gradient per ``forward`` argument,
    ``None`` for non-tensors), or ``forward(*args)`` plus
    ``setup_context(ctx, inputs, output)``; optionally ``jvp(ctx, *tangents)``
    for forward mode. Call it with ``MyFunction.apply(*args)``; never call
    ``forward`` directly.

    ``forward`` runs with grad mode off. ``ctx.save_for_backward(*tensors)``
    keeps tensors for ``backward`` (``ctx.saved_tensors``, with PyTorch's check
    that they were not changed in place); ``ctx.needs_input_grad`` tells which
    inputs need a gradient; ``ctx.mark_dirty``, ``ctx.mark_non_differentiable``
    and ``ctx.set_materialize_grads`` work as in PyTorch. A ``backward``
    written with differentiable operations can be differentiated again.

    Examples
    --------
    PyTorch's ``LinearFunction`` ("Extending PyTorch"):

    >>> import funcgrad.torch as torch
    >>> class LinearFunction(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(input, weight, bias):
    ...         output = input.mm(weight.t())
    ...         if bias is not None:
    ...             output += bias.unsqueeze(0).expand_as(output)
    ...         return output
    ...     @staticmethod
    ...     def setup_context(ctx, inputs, output):
    ...         input, weight, bias = inputs
    ...         ctx.save_for_backward(input, weight, bias)
    ...     @staticmethod
    ...     def backward(ctx, grad_output):
    ...         input, weight, bias = ctx.saved_tensors
    ...         grad_input = grad_weight = grad_bias = None
    ...         if ctx.needs_input_grad[0]:
    ...             grad_input = grad_output.mm(weight)
    ...         if ctx.needs_input_grad[1]:
    ...             grad_weight = grad_output.t().mm(input)
    ...         if bias is not None and ctx.needs_input_grad[2]:
    ...             grad_bias = grad_output.sum(0)
    ...         return grad_input, grad_weight, grad_bias
    >>> x = torch.ones(2, 3, dtype=torch.double, requires_grad=True)
    >>> w = torch.ones(4, 3, dtype=torch.double, requires_grad=True)
    >>> torch.autograd.gradcheck(LinearFunction.apply, (x, w, None))
    True
    """

    # funcgrad batches every Function by running forward and backward under vmap.
    generate_vmap_rule = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please use "
            "new-style autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)"
        )

    @staticmethod
    def vmap(info: Any, in_dims: Any, *args: Any) -> Any:
        raise NotImplementedError(
            "To use autograd.Function with vmap, you must either override the vmap staticmethod "
            "or set generate_vmap_rule=True."
        )

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Run the Function on ``args``; its outputs get a ``<Name>Backward`` ``grad_fn``."""
        if kwargs:
            args = _bind_kwargs(cls, args, kwargs)
        return _apply(cls, args)


def _uses_setup_context(cls: type) -> bool:
    return cls.setup_context is not _SingleLevelFunction.setup_context


def _bind_kwargs(cls: type, args: tuple, kwargs: dict) -> tuple:
    sig = inspect.signature(cls.forward)
    params = list(sig.parameters.values())
    if not _uses_setup_context(cls):
        params = params[1:]  # ctx
    bound = inspect.Signature(params).bind(*args, **kwargs)
    bound.apply_defaults()
    return tuple(bound.args) + tuple(bound.kwargs.values())


class _Run:
    """One ``apply``: the arguments, and what the latest run of ``forward`` produced."""

    def __init__(self, cls: type, args: tuple, positions: list[int]) -> None:
        self.cls = cls
        self.args = args
        self.positions = positions  # where the tensors are among args
        self.ctx: Any = None
        self.output: Any = None  # forward's return value
        self.outs: list = []  # forward's outputs (flat, any type)
        self.diff: list[int] = []  # which of them go through the kernel (as its outputs)
        self.first = True
        self.reused = False  # did the latest forward see the caller's own tensors?


def _run_forward(run: _Run, values: tuple) -> list:
    """``forward`` on the tensors whose values are ``values``; returns the kernel outputs."""
    cls = run.cls
    originals = [run.args[i] for i in run.positions]
    reuse = run.first and all(v is t._node.primal for v, t in zip(values, originals))
    run.first = False
    run.reused = reuse
    args = list(run.args)
    for i, v in zip(run.positions, values):
        args[i] = run.args[i] if reuse else Tensor._from_node(constant(v))
    ctx = cls._backward_cls()
    ctx.needs_input_grad = tuple(
        isinstance(a, Tensor) and a._node.requires_grad for a in run.args
    )
    with no_grad():
        if _uses_setup_context(cls):
            output = cls.forward(*args)
            cls.setup_context(ctx, tuple(args), output)
        else:
            output = cls.forward(ctx, *args)
    outs = list(output) if isinstance(output, tuple) else [output]
    marked = {id(t) for t in getattr(ctx, "_non_differentiable", ())}
    run.ctx, run.output, run.outs = ctx, output, outs
    run.diff = [
        k
        for k, o in enumerate(outs)
        if isinstance(o, Tensor) and id(o) not in marked and o._node.primal.dtype.kind in "fc"
    ]
    ctx._run_args = args
    return [outs[k]._node.primal for k in run.diff]


def _unpacked(entry: tuple) -> Tensor:
    """A saved tensor repacked by hooks, unpacked."""
    unpack, packed, original = entry
    value = unpack(packed)
    if not isinstance(value, Tensor):
        raise TypeError(
            f"Output of saved tensor unpack_hook expected to be a Tensor but got result of type "
            f"{type(value).__name__}"
        )
    if original.is_leaf and original.requires_grad and not value.requires_grad:
        return value.detach().requires_grad_(True)  # it stands for the leaf, as in PyTorch
    return value


def _residuals(ctx: Any) -> list:
    """The values of the tensors ``ctx`` saved: the call's residuals."""
    return [t._node.primal for t in getattr(ctx, "_to_save", ()) if t is not None]


def _saved_from(ctx: Any, res: tuple) -> tuple:
    """``ctx.saved_tensors`` rebuilt on the residual values ``res`` (Nones kept in place)."""
    it = iter(res)
    return tuple(None if t is None else Tensor._from_node(constant(next(it)))
                 for t in getattr(ctx, "_to_save", ()))


def _as_face(g: Any) -> Tensor | None:
    """A cotangent or tangent of the kernel as a tensor (conjugated to PyTorch's convention)."""
    if g is None:
        return None
    if isinstance(g, Tensor):
        t = g
    elif type(g) is Node:
        t = Tensor._from_node(g)
    else:
        t = Tensor._from_node(constant(g if isinstance(g, (np.ndarray, Tracer)) else np.asarray(g)))
    return t.conj() if t.dtype.np.kind == "c" else t


def _as_kernel(t: Any, like: Tensor, what: str, index: int, fn_name: str) -> Any:
    """A tensor returned by ``backward``/``jvp`` as the kernel value the walk continues with."""
    if t is None:
        return None
    if not isinstance(t, Tensor):
        raise TypeError(
            f"{fn_name} returned a {type(t).__name__} as {what} {index}; it must return a "
            "Tensor or None for each input."
        )
    want, got = tuple(like.shape), tuple(t.shape)
    if got != want:
        try:
            np.broadcast_shapes(got, want)
            ok = len(got) <= len(want) or all(n == 1 for n in got[: len(got) - len(want)])
        except ValueError:
            ok = False
        if not ok:
            raise RuntimeError(
                f"Function {fn_name} returned an invalid gradient at index {index} - got "
                f"{list(got)} but expected shape compatible with {list(want)}"
            )
    if t.dtype.np.kind == "c":
        t = t.conj()
    node = t._node
    return node if node.requires_grad and _state.grad_enabled else node.primal


def _make_call(run: _Run) -> VJPCall:
    cls = run.cls
    fn_name = cls._backward_cls.__name__
    store = Store()

    def fun(*values):
        outs = _run_forward(run, values)
        res = _residuals(run.ctx)
        store.out_tree = tree_flatten(list(range(len(outs))))[1]
        store.res_tree = tree_flatten(list(range(len(res))))[1]
        return outs + res

    def bwd(*res_and_cts):
        ctx = run.ctx
        n_res = store.res_tree.num_leaves
        res, cts = res_and_cts[:n_res], res_and_cts[n_res:]
        # Under a transform (torch.func.grad of grad, ...) the saved tensors are the residual
        # values this level sees, so that derivatives of backward reach through them.
        ctx._saved_override = _saved_from(ctx, res) if any(
            isinstance(r, Tracer) and not isinstance(r._trace, TorchTrace) for r in res) else None
        try:
            return _backward(ctx, cts)
        finally:
            ctx._saved_override = None

    def _backward(ctx, cts):
        grads: list = [None] * len(run.outs)
        for k, g in zip(run.diff, cts):
            grads[k] = _as_face(g)
        for k, o in enumerate(run.outs):
            if grads[k] is None and isinstance(o, Tensor) and ctx.materialize_grads:
                grads[k] = Tensor._from_node(constant(np.zeros(o._node.primal.shape,
                                                               o._node.primal.dtype)))
        result = cls.backward(ctx, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        n_args = len(run.args)
        if len(result) != n_args:
            if len(result) > n_args and all(r is None for r in result[n_args:]):
                result = result[:n_args]
            else:
                raise RuntimeError(
                    f"function {fn_name} returned an incorrect number of gradients (expected "
                    f"{n_args}, got {len(result)})"
                )
        cts_in = []
        for i, r in enumerate(result):
            if i in run.positions:
                cts_in.append(_as_kernel(r, run.args[i], "gradient", i, fn_name))
            elif r is not None:
                raise RuntimeError(
                    f"function {fn_name} returned a gradient different than None at position "
                    f"{i + 1}, but the corresponding forward input was not a Variable"
                )
        return cts_in

    call = VJPCall(fun, bwd, cls.__name__, store, _Owner())
    call.materialize_grads = False  # bwd materializes itself, per ctx
    call.jvp_rule = functools.partial(_jvp_rule, run, fn_name)
    return call


class _Owner:
    differentiating_fwd = 0


def _jvp_rule(run: _Run, fn_name: str, primals: list, tangents: list):
    """Forward mode through the Function: its ``jvp`` staticmethod, as PyTorch's forward AD."""
    outs = _run_forward(run, tuple(primals))
    res = _residuals(run.ctx)
    if all(t is None for t in tangents):
        return outs + res, [None] * (len(outs) + len(res))
    ctx = run.ctx
    ctx._in_jvp = True
    tangent_args = []
    j = 0
    for i in range(len(run.args)):
        if i in run.positions:
            tangent_args.append(_as_face(tangents[j]))
            j += 1
        else:
            tangent_args.append(None)
    with no_grad():
        result = run.cls.jvp(ctx, *tangent_args)
    ctx._in_jvp = False
    if not isinstance(result, tuple):
        result = (result,)
    if len(result) != len(run.outs):
        raise RuntimeError(
            f"{fn_name}.jvp returned {len(result)} tangents but forward has {len(run.outs)} "
            "outputs: return one per output."
        )
    t_out = [_as_kernel(result[k], run.outs[k], "tangent", k, fn_name) for k in run.diff]
    return outs + res, t_out + [None] * len(res)


def _apply(cls: type, args: tuple) -> Any:
    positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
    tensors = [args[i] for i in positions]
    trace = batch_trace(tensors)
    if trace is not None:
        result = apply_under_vmap(cls, args, trace, _uses_setup_context(cls),
                                  cls.vmap is not Function.vmap)
        if result is not None:
            return result
    run = _Run(cls, args, positions)
    requires = is_grad_enabled() and any(t._node.requires_grad for t in tensors)
    traced = any(not isinstance(t._node.primal, np.ndarray) for t in tensors)
    if not (requires or traced):
        # Nothing to differentiate: forward alone, as PyTorch runs it.
        _run_forward(run, tuple(t._node.primal for t in tensors))
        return run.output
    call = _make_call(run)
    nodes = apply(custom_vjp_call_p, *[t._node for t in tensors], call=call)
    ctx = run.ctx
    whole = nodes[0].args[0] if nodes and nodes[0].prim is select_output_p else None
    if whole is not None:
        ctx._node = whole
        whole.grad_fn_obj = ctx
        whole.face_inputs = tuple(t._node for t in tensors)
    dirty = {id(t) for t in getattr(ctx, "_dirty", ())}
    inputs_by_id = {id(t): t for t in tensors}
    results = list(run.outs)
    for node, k in zip(nodes, run.diff):
        o = run.outs[k]
        if id(o) in inputs_by_id:
            if id(o) in dirty:
                if o._node.prim is None and o._node.requires_grad and requires:
                    raise RuntimeError(
                        "a leaf Variable that requires grad has been used in an in-place "
                        "operation."
                    )
                o._vc[0] += 1  # mark_dirty counts as a change of its own, as in PyTorch
                o._node = node
                node.tensor = weakref.ref(o)
                results[k] = o
            else:
                results[k] = Tensor._from_node(node, vc=o._vc)
        elif run.reused:
            # The tensor forward made becomes the output (what ctx saved of it too).
            o._node = node
            node.tensor = weakref.ref(o)
            results[k] = o
        else:  # forward ran on the values of an outer transform: a new handle
            results[k] = Tensor._from_node(node)
    if whole is not None:
        whole.saved = _saved_entries(ctx, run)
    if isinstance(run.output, tuple):
        return tuple(results)
    return results[0]


def _saved_entries(ctx: Any, run: _Run) -> tuple:
    """Version checks of what ``forward`` saved, in the form :func:`check_saved` reads."""
    entries = []
    for t, version in zip(getattr(ctx, "_to_save", ()), getattr(ctx, "_saved_versions", ())):
        if t is None:
            continue
        p = t._node.primal
        entries.append((t._vc, version, weakref.ref(t), False, np.shape(p), p.dtype))
    return tuple(entries)


# ---------------------------------------------------------------------------
# once_differentiable, and PyTorch's other names
# ---------------------------------------------------------------------------


def once_differentiable(fn: Callable) -> Callable:
    """Mark a ``backward`` as not differentiable itself: it runs with grad mode off.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.autograd.function import once_differentiable
    >>> class Square(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x * x
    ...     @staticmethod
    ...     @once_differentiable
    ...     def backward(ctx, g):
    ...         x, = ctx.saved_tensors
    ...         return 2 * x * g
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> torch.autograd.grad(Square.apply(x), x)
    (tensor(6.),)
    """

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outputs = fn(ctx, *args)
        if not is_grad_enabled():
            return outputs
        requiring = [a for a in args if isinstance(a, Tensor) and a.requires_grad]
        if not requiring:
            return outputs
        single = not isinstance(outputs, tuple)
        outs = (outputs,) if single else outputs
        marked = tuple(
            _DelayedError.apply(o, *requiring) if isinstance(o, Tensor) else o for o in outs
        )
        return marked[0] if single else marked

    return wrapper


class _DelayedError(Function):
    """An identity whose backward raises: what ``once_differentiable`` gives a second order."""

    @staticmethod
    def forward(ctx, x, *inputs):
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError(
            "trying to differentiate twice a function that was marked with @once_differentiable"
        )


class InplaceFunction(Function):
    """A Function with an ``inplace`` flag (PyTorch's legacy helper base class).

    Examples
    --------
    >>> from funcgrad.torch.autograd.function import InplaceFunction
    >>> InplaceFunction(inplace=True).inplace
    True
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace


class NestedIOFunction(Function):
    """PyTorch's legacy base class for Functions with nested inputs; not supported here.

    Examples
    --------
    >>> from funcgrad.torch.autograd.function import NestedIOFunction
    >>> NestedIOFunction.apply()
    Traceback (most recent call last):
    ...
    NotImplementedError: NestedIOFunction is not supported by funcgrad.torch: ...
    """

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "NestedIOFunction is not supported by funcgrad.torch: write a torch.autograd.Function "
            "with static forward/backward methods instead."
        )
