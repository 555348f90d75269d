"""``vjp`` and the pullback it returns, which is a function and a pytree at once.

JAX's ``vjp`` returns its pullback as a pytree whose leaves are the values the
backward pass reads, and programs rely on it: they pass the pullback through
``jit``, flatten it to see what the forward pass saves (the gradient
checkpointing guide's ``print_fwd_bwd``) and rebuild it from other values.

funcgrad's pullback holds the graph its reverse trace recorded. Called as it is,
it walks that graph. Flattened, its leaves are the values the graph holds (each
node's value, then each array an equation read that was not a node) and its
static part is a :class:`Recording` of the equations. Rebuilt from leaves
(arrays, or the tracers of an enclosing ``make_jaxpr`` or ``jit``), it records a
fresh graph of the same equations over those values and walks that, so the
backward pass is computed from the leaves, and staged over them when they are
tracers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, overload

import numpy as np

from ..core.array import as_result, is_duck_array
from ..core.trace import Trace, Tracer
from ..core.tree_util import PyTreeDef, register_pytree_node, tree_flatten, tree_map
from ..primitives.util import ones_like
from ._args import (
    P,
    check_argnums,
    check_callable,
    flatten_inputs,
    normalize_argnums,
    regroup,
    resolve_argnums,
    split_args,
)
from .reverse import (
    ReverseTrace,
    ReverseTracer,
    backward_pass,
    collect,
    lower,
    name_transform,
    trace_vjp,
)

# How an equation's argument, or an output, is found again when the graph is rebuilt.
_NODE, _VALUE, _STATIC = 0, 1, 2


class Recording:
    """The equations of a recorded graph, with the values taken out.

    ``equations[k]`` is ``(primitive, params, argument references)`` for node
    ``k`` (``primitive`` is ``None`` for an input); a reference is ``(_NODE, k)``,
    ``(_VALUE, j)`` for the ``j``-th array read that is not a node, or
    ``(_STATIC, obj)`` for anything else (a Python number, ``None``). Two
    recordings are equal only if they are the same object, as two pullbacks of
    JAX's ``vjp`` have different static parts.
    """

    __slots__ = ("equations", "inputs", "outputs", "in_tree", "out_tree")

    def __init__(self, equations: tuple, inputs: tuple[int, ...], outputs: tuple,
                 in_tree: PyTreeDef, out_tree: PyTreeDef) -> None:
        self.equations = equations
        self.inputs = inputs
        self.outputs = outputs
        self.in_tree = in_tree
        self.out_tree = out_tree

    def __repr__(self) -> str:
        return f"<recording of {len(self.equations)} equations>"


def _is_value(x: Any) -> bool:
    return isinstance(x, (np.ndarray, np.generic, Tracer)) or is_duck_array(x)


def _reference(x: Any, trace: Trace, index: dict[int, int], values: list[Any]) -> tuple:
    if isinstance(x, ReverseTracer) and x._trace is trace:
        return (_NODE, index[id(x)])
    if _is_value(x):
        values.append(x)
        return (_VALUE, len(values) - 1)
    return (_STATIC, x)


class Pullback:
    """The function returned by :func:`vjp`: ``pullback(cotangent)`` gives the
    cotangents of the primals. It is a pytree; its leaves are the recorded values.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> y, f_vjp = fg.vjp(fnp.sin, 0.5)
    >>> f_vjp(1.0)
    (array(0.87758256),)
    >>> leaves, treedef = fg.tree_util.tree_flatten(f_vjp)
    >>> len(leaves)
    2
    >>> fg.tree_util.tree_unflatten(treedef, leaves)(2.0)
    (array(1.75516512),)
    """

    __slots__ = ("_trace", "_inputs", "_input_values", "_outputs", "_in_tree", "_out_tree")

    def __init__(self, trace: Trace, inputs: list, input_values: list, outputs: list,
                 in_tree: PyTreeDef, out_tree: PyTreeDef) -> None:
        self._trace = trace
        self._inputs = inputs
        self._input_values = input_values
        self._outputs = outputs
        self._in_tree = in_tree
        self._out_tree = out_tree

    def __call__(self, cotangent: Any) -> Any:
        cts, ct_tree = tree_flatten(cotangent)
        if ct_tree != self._out_tree:
            raise TypeError(
                f"vjp: the cotangent must have the structure of the output, "
                f"{self._out_tree}, but has {ct_tree}"
            )
        trace, outputs = self._trace, self._outputs
        cts = [_check_cotangent(c, o, trace) for c, o in zip(cts, outputs)]
        grads = backward_pass(trace, outputs, cts, keep=self._inputs)
        return self._in_tree.unflatten(collect(grads, self._inputs, self._input_values))

    def __repr__(self) -> str:
        return f"<pullback of vjp, inputs {self._in_tree}, output {self._out_tree}>"

    def _flatten(self) -> tuple[tuple, Recording]:
        trace = self._trace
        found = {id(t): t for t in self._inputs}
        stack = [o for o in self._outputs if isinstance(o, ReverseTracer) and o._trace is trace]
        while stack:
            node = stack.pop()
            if id(node) in found:
                continue
            found[id(node)] = node
            stack.extend(a for a in node.args or ()
                         if isinstance(a, ReverseTracer) and a._trace is trace
                         and id(a) not in found)
        # Creation order is a topological order: every node's arguments came before it.
        nodes = sorted(found.values(), key=lambda n: n.seq)
        index = {id(n): k for k, n in enumerate(nodes)}
        values: list[Any] = []
        equations = tuple(
            (n.prim, n.params,
             tuple(_reference(a, trace, index, values) for a in n.args or ()))
            for n in nodes
        )
        outputs = tuple(_reference(o, trace, index, values) for o in self._outputs)
        recording = Recording(equations, tuple(index[id(t)] for t in self._inputs), outputs,
                              self._in_tree, self._out_tree)
        return tuple(n.primal for n in nodes) + tuple(values), recording

    @classmethod
    def _unflatten(cls, recording: Any, leaves: Iterable[Any]) -> Pullback:
        trace = ReverseTrace("vjp")
        n = len(recording.equations)
        leaves = list(leaves)
        primals, values = leaves[:n], leaves[n:]

        def find(ref: tuple) -> Any:
            kind, where = ref
            return nodes[where] if kind == _NODE else values[where] if kind == _VALUE else where

        nodes: list[ReverseTracer] = []
        for (prim, params, refs), primal in zip(recording.equations, primals):
            nodes.append(ReverseTracer(trace, primal, prim, tuple(map(find, refs)), params))
        inputs = [nodes[k] for k in recording.inputs]
        return cls(trace, inputs, [t.primal for t in inputs],
                   [find(r) for r in recording.outputs], recording.in_tree, recording.out_tree)


register_pytree_node(Pullback, Pullback._flatten, Pullback._unflatten)


@overload
def vjp(
    fun: Callable[..., Any], *primals: Any, has_aux: Literal[False] = False
) -> tuple[Any, Callable[..., tuple[Any, ...]]]: ...


@overload
def vjp(
    fun: Callable[..., Any], *primals: Any, has_aux: Literal[True]
) -> tuple[Any, Callable[..., tuple[Any, ...]], Any]: ...


def vjp(fun: Callable, *primals: Any, has_aux: bool = False) -> tuple:
    """The output of ``fun(*primals)`` and a function pulling cotangents back to the inputs.

    Parameters
    ----------
    fun : callable
        A function of arrays (or pytrees of arrays).
    *primals
        The point at which to linearize ``fun``.
    has_aux : bool
        ``fun`` returns ``(output, aux)``; ``aux`` is returned as is, not differentiated.

    Returns
    -------
    (out, vjp_fn) or (out, vjp_fn, aux)
        ``vjp_fn(cotangent)`` takes a cotangent shaped like ``out`` and returns a
        tuple with one cotangent per primal. It may be called many times. It is a
        :class:`Pullback`, a pytree whose leaves are the values the backward pass
        reads, so it can be passed to a jitted function or flattened, as in JAX.

    See Also
    --------
    grad : the gradient of a scalar function, a VJP with cotangent 1.
    jvp : forward mode, the Jacobian applied to a tangent.
    linearize : the JVP as a function of the tangent.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> out, f_vjp = fg.vjp(lambda x, y: x * y, 2.0, 3.0)
    >>> out
    array(6.)
    >>> f_vjp(1.0)
    (array(3.), array(2.))
    """
    check_callable(fun, "vjp")
    inputs, in_tree = flatten_inputs(fun, primals, range(len(primals)), "vjp")
    trace, tracers, out_nodes, out_tree, aux = trace_vjp(fun, inputs, in_tree, has_aux, "vjp")
    out = out_tree.unflatten([as_result(lower(trace, o)) for o in out_nodes])
    vjp_fn = Pullback(trace, tracers, inputs, out_nodes, in_tree, out_tree)
    return (out, vjp_fn, aux) if has_aux else (out, vjp_fn)


def _check_cotangent(ct: Any, out: Any, trace: Trace) -> Any:
    primal = lower(trace, out)
    ct = ct if isinstance(ct, Tracer) else np.asarray(ct)
    if np.shape(ct) != np.shape(primal):
        raise ValueError(
            f"vjp: a cotangent has shape {np.shape(ct)} but its output has shape "
            f"{np.shape(primal)}; they must match"
        )
    ct_dtype = ct.dtype if hasattr(ct, "dtype") else np.result_type(ct)
    out_dtype = primal.dtype if hasattr(primal, "dtype") else np.result_type(primal)
    if ct_dtype.kind == "c" and out_dtype.kind != "c":
        raise TypeError(
            f"vjp: a cotangent has dtype {ct_dtype} but its output is real ({out_dtype}): "
            f"the cotangent of a real output must be real, else its imaginary part would be "
            f"silently dropped. Pass a real cotangent (np.real(ct)), or make the function's "
            f"output complex (e.g. x.astype(complex)) if you need the complex pullback."
        )
    return ct


def elementwise_grad(fun: Callable[P, Any], argnums: int | Sequence[int] = 0, *,
                     argnum: int | Sequence[int] | None = None) -> Callable[P, Any]:
    """The vector-Jacobian product with a ones cotangent (HIPS autograd's ``elementwise_grad``).

    For a function applied elementwise, this is the derivative at every element.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(fnp.sin)(fnp.asarray([0.0, fnp.pi]))
    array([ 1., -1.])
    """
    argnums = resolve_argnums(fun, argnums, argnum, "elementwise_grad")

    def elementwise_grad_fun(*args, **kwargs):
        nums = normalize_argnums(argnums, len(args), "elementwise_grad", fun)
        dynamic, partial = split_args(fun, args, kwargs, nums)
        out, pullback = vjp(partial, *dynamic)
        g = regroup(nums, pullback(tree_map(lambda o: ones_like(o), out)))
        return g[0] if isinstance(argnums, (int, np.integer)) else g

    name_transform(elementwise_grad_fun, "elementwise_grad", fun)
    return elementwise_grad_fun


def fwd_and_bwd(
    fun: Callable[P, Any],
    argnums: int | Sequence[int],
    has_aux: bool = False,
    jitted: bool = True,
) -> tuple[Callable[P, tuple[Any, ...]], Callable[[Any, Any], Any]]:
    """The forward and the backward pass of ``fun`` as two functions (anchor: ``jax.fwd_and_bwd``).

    ``fwd(*args)`` returns ``(out, residuals)`` (``(out, residuals, aux)`` with
    ``has_aux``); ``bwd(residuals, cotangent)`` returns the cotangents of the
    arguments named by ``argnums`` (a tuple when ``argnums`` is a tuple).
    ``residuals`` is what the backward pass needs (here the recorded pullback).

    Parameters
    ----------
    fun : callable
    argnums : int or tuple of ints
        The positional arguments to differentiate with respect to.
    has_aux : bool
        ``fun`` returns ``(output, aux)``.
    jitted : bool
        Accepted for JAX compatibility; the recorded graph is replayed directly.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fwd, bwd = fg.fwd_and_bwd(lambda x, w: fnp.sin(x) * w, argnums=(0, 1))
    >>> y, residuals = fwd(0.0, 2.0)
    >>> y, bwd(residuals, 1.0)
    (array(0.), (array(2.), array(0.)))
    """
    check_callable(fun, "fwd_and_bwd")
    check_argnums(argnums, "fwd_and_bwd")

    def fwd(*args, **kwargs):
        nums = normalize_argnums(argnums, len(args), "fwd_and_bwd", fun)
        dynamic, partial = split_args(fun, args, kwargs, nums)
        result = vjp(partial, *dynamic, has_aux=has_aux)
        out, pullback = result[0], result[1]

        def residuals(cotangent):
            g = regroup(nums, pullback(cotangent))
            return g[0] if isinstance(argnums, (int, np.integer)) else g

        return (out, residuals, result[2]) if has_aux else (out, residuals)

    def bwd(residuals, cotangent):
        return residuals(cotangent)

    name_transform(fwd, "fwd", fun)
    name_transform(bwd, "bwd", fun)
    return fwd, bwd
