"""``checkpoint`` (alias ``remat``): recompute a function in the backward pass instead of
storing its intermediate values; ``policy`` chooses which intermediates may be stored.

``checkpoint(f)`` traces ``f`` once into IR (values it closes over that are traced
by an outer transform become explicit operands) and binds one call primitive
(see :mod:`._call`). Reverse mode records only that equation — ``f``'s inputs
and outputs, plus the values the policy saves — and the VJP rule evaluates the
IR again under a fresh reverse trace, reusing the saved values, and pulls the
cotangents back through it. The recomputation sits behind an
:data:`optimization_barrier_p` that depends on the cotangent, so inside a
``scan`` body it runs in each backward iteration instead of being stored.

A function whose Python control flow needs concrete values cannot be traced;
it is then run as a Python function (no policy applies), as before.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.array import as_array
from ..core.ir import IR, Literal, eval_ir
from ..core.primitive import Primitive
from ..core.trace import ConcretizationError, Tracer
from ..core.tree_util import tree_flatten
from ._args import P, R
from ._call import Call, CallPrimitive, jvp_flat, stage_flat, vjp_flat
from .reverse import ReverseTrace, ReverseTracer, backward_pass, select_output_p
from .staging import aval_of
from .vmap import batch_flat

# ---------------------------------------------------------------------------
# The barrier and names
# ---------------------------------------------------------------------------


def _barrier_impl(*args, n):
    return tuple(args[:n])


optimization_barrier_p = Primitive("optimization_barrier", _barrier_impl, multiple_results=True)
optimization_barrier_p.abstract_eval = lambda *avals, n: tuple(avals[:n])


def _barrier_jvp(primals, tangents, ans, *, n):
    return list(tangents[:n])


def _barrier_vjp(g, ans, primals, params, wanted):
    return list(g) + [None] * (len(primals) - params["n"])


def _barrier_batch(args, dims, *, n):
    return optimization_barrier_p.bind(*args, n=n), tuple(dims[:n])


optimization_barrier_p.jvp = _barrier_jvp
optimization_barrier_p.vjp = _barrier_vjp
optimization_barrier_p.batch = _barrier_batch


def barrier(values: Sequence[Any], after: Sequence[Any]) -> list[Any]:
    """``values`` unchanged, but computed only once every value of ``after`` is known: what
    keeps a recomputation in the backward half of a split (scan) derivative.

    Examples
    --------
    >>> barrier([1.0], [2.0])   # plain values pass through
    [1.0]
    """
    after = [a for a in after if isinstance(a, Tracer)]
    if not after or not any(isinstance(v, Tracer) for v in values):
        return list(values)
    return list(optimization_barrier_p.bind(*values, *after, n=len(values)))


name_p = Primitive("name", lambda x, *, name: x)
name_p.abstract_eval = lambda x, *, name: x
name_p.jvp = lambda primals, tangents, ans, *, name: tangents[0]
name_p.vjp = lambda g, ans, primals, params, wanted: [g]
name_p.batch = lambda args, dims, *, name: (name_p.bind(args[0], name=name), dims[0])


def checkpoint_name(x: Any, name: str) -> Any:
    """``x``, tagged ``name`` for the policies ``save_only_these_names`` and
    ``save_any_names_but_these`` (anchor: ``jax.ad_checkpoint.checkpoint_name``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> policy = fg.checkpoint_policies.save_only_these_names("h")
    >>> f = fg.checkpoint(lambda x: fnp.sin(checkpoint_name(x * 2.0, "h")), policy=policy)
    >>> fg.grad(f)(0.0)
    array(2.)
    """
    return name_p.bind(x, name=name) if isinstance(x, Tracer) else x


# ---------------------------------------------------------------------------
# Policies: policy(prim, *avals, **params) -> whether the result may be saved
# ---------------------------------------------------------------------------

_DOTS = {"matmul", "dot_general", "dot", "tensordot", "einsum"}


def everything_saveable(prim: Any, *avals: Any, **params: Any) -> bool:
    """Save every intermediate (no recomputation).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> w = np.eye(2)
    >>> f = fg.checkpoint(lambda x: fnp.sum(fnp.tanh(w @ x)),
    ...                   policy=fg.checkpoint_policies.everything_saveable)
    >>> fg.grad(f)(np.zeros(2))
    array([1., 1.])
    """
    return True


def nothing_saveable(prim: Any, *avals: Any, **params: Any) -> bool:
    """Save nothing: recompute everything (the default).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> w = np.eye(2)
    >>> f = fg.checkpoint(lambda x: fnp.sum(fnp.tanh(w @ x)),
    ...                   policy=fg.checkpoint_policies.nothing_saveable)
    >>> fg.grad(f)(np.zeros(2))
    array([1., 1.])
    """
    return False


def dots_saveable(prim: Any, *avals: Any, **params: Any) -> bool:
    """Save the results of matrix products; recompute the rest.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> w = np.eye(2)
    >>> f = fg.checkpoint(lambda x: fnp.sum(fnp.tanh(w @ x)),
    ...                   policy=fg.checkpoint_policies.dots_saveable)
    >>> fg.grad(f)(np.zeros(2))
    array([1., 1.])
    """
    return prim.name in _DOTS


def dots_with_no_batch_dims_saveable(prim: Any, *avals: Any, **params: Any) -> bool:
    """Save the results of matrix products without batch dimensions.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> w = np.eye(2)
    >>> f = fg.checkpoint(lambda x: fnp.sum(fnp.tanh(w @ x)),
    ...                   policy=fg.checkpoint_policies.dots_with_no_batch_dims_saveable)
    >>> fg.grad(f)(np.zeros(2))
    array([1., 1.])
    """
    if prim.name == "dot_general":
        (_, (lhs_batch, rhs_batch)) = params["dimension_numbers"]
        return not lhs_batch and not rhs_batch
    return prim.name in _DOTS and all(len(a.shape) <= 2 for a in avals)


def save_only_these_names(*names: str) -> Callable:
    """Save the values tagged with one of ``names`` by :func:`checkpoint_name`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.ad_checkpoint import checkpoint_name
    >>> f = fg.checkpoint(lambda x: fnp.sin(checkpoint_name(x * 3.0, "a")),
    ...                   policy=fg.checkpoint_policies.save_only_these_names("a"))
    >>> fg.grad(f)(0.0)
    array(3.)
    """
    wanted = set(names)
    return lambda prim, *avals, **params: prim is name_p and params["name"] in wanted


def save_any_names_but_these(*names: str) -> Callable:
    """Save every value tagged by :func:`checkpoint_name` except those named ``names``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.ad_checkpoint import checkpoint_name
    >>> f = fg.checkpoint(lambda x: fnp.sin(checkpoint_name(x * 3.0, "a")),
    ...                   policy=fg.checkpoint_policies.save_any_names_but_these("b"))
    >>> fg.grad(f)(0.0)
    array(3.)
    """
    unwanted = set(names)
    return lambda prim, *avals, **params: prim is name_p and params["name"] not in unwanted


checkpoint_policies = types.SimpleNamespace(
    everything_saveable=everything_saveable,
    nothing_saveable=nothing_saveable,
    dots_saveable=dots_saveable,
    checkpoint_dots=dots_saveable,
    dots_with_no_batch_dims_saveable=dots_with_no_batch_dims_saveable,
    checkpoint_dots_with_no_batch_dims=dots_with_no_batch_dims_saveable,
    save_only_these_names=save_only_these_names,
    save_any_names_but_these=save_any_names_but_these,
)


# ---------------------------------------------------------------------------
# The call primitive
# ---------------------------------------------------------------------------

class _RematCall(Call):
    """A checkpointed function: traced (``ir``, closed) or, failing that, Python (``ir`` None)."""

    def __init__(self, fun: Callable, name: str, ir: IR | None, policy: Callable | None):
        super().__init__(fun, name)
        self.ir = ir
        self.policy = policy


checkpoint_call_p = CallPrimitive("checkpoint")


def _checkpoint_jvp_call(primals, tangents, *, call):
    return jvp_flat(call.fun, list(primals), list(tangents))


def _saves(call: _RematCall, eqn) -> bool:
    avals = [a.aval for a in eqn.inputs]
    return bool(call.policy(eqn.prim, *avals, **eqn.params))


def _checkpoint_vjp_fwd(primals, wanted, *, call):
    policy = getattr(call, "policy", None)
    if getattr(call, "ir", None) is None or policy is None or policy is nothing_saveable:
        return checkpoint_call_p.bind(*primals, call=call), ()
    # Evaluate the IR, keeping the results the policy saves.
    ir = call.ir
    env: dict[int, Any] = {id(v): c for v, c in zip(ir.constvars, ir.consts)}
    env.update({id(v): x for v, x in zip(ir.invars, primals)})
    saved: list[Any] = []
    for eqn in ir.eqns:
        out = eqn.prim.bind(*[a.value if isinstance(a, Literal) else env[id(a)]
                              for a in eqn.inputs], **eqn.params)
        outs = list(out) if eqn.prim.multiple_results else [out]
        for v, o in zip(eqn.outputs, outs):
            env[id(v)] = o
        if _saves(call, eqn):
            saved.extend(outs)
    outs = [a.value if isinstance(a, Literal) else env[id(a)] for a in ir.outvars]
    return outs, saved


def _checkpoint_vjp(g, ans, primals, params, wanted):
    call = params["call"]
    g = list(g)
    ir, policy = getattr(call, "ir", None), getattr(call, "policy", None)
    n_out = len(ir.outvars) if ir is not None else len(g)
    cts, extra = g[:n_out], g[n_out:]
    if any(c is not None for c in extra):
        raise NotImplementedError(
            "checkpoint: differentiating the values a policy saved on the same tape "
            "(create_graph) is not supported; use funcgrad.grad of funcgrad.grad.")
    # The recomputation waits for the cotangent (see the module docstring).
    if ir is None or policy is None or policy is nothing_saveable:
        return vjp_flat(call.fun, barrier(list(primals), cts), cts, wanted)
    values = barrier(list(primals) + list(ans[n_out:]), cts)
    return _recompute_vjp(call, values[:len(primals)], values[len(primals):], cts, wanted)


def _recompute_vjp(call, primals, saved, cts, wanted):
    """Reverse mode through the IR evaluated again, with saved results as the nodes' values."""
    ir = call.ir
    trace = ReverseTrace("vjp")
    args = [ReverseTracer(trace, p) if w else p for p, w in zip(primals, wanted)]
    env: dict[int, Any] = {id(v): c for v, c in zip(ir.constvars, ir.consts)}
    env.update({id(v): x for v, x in zip(ir.invars, args)})
    it = iter(saved)
    try:
        for eqn in ir.eqns:
            ins = [a.value if isinstance(a, Literal) else env[id(a)] for a in eqn.inputs]
            if _saves(call, eqn) and any(isinstance(a, Tracer) and a._trace is trace
                                         for a in ins):
                outs = _saved_node(trace, eqn, ins, [next(it) for _ in eqn.outputs])
            else:
                if _saves(call, eqn):
                    for _ in eqn.outputs:
                        next(it)
                out = eqn.prim.bind(*ins, **eqn.params)
                outs = list(out) if eqn.prim.multiple_results else [out]
            for v, o in zip(eqn.outputs, outs):
                env[id(v)] = o
    finally:
        trace.finish()
    roots = [a.value if isinstance(a, Literal) else env[id(a)] for a in ir.outvars]
    keep = [a for a, w in zip(args, wanted) if w]
    grads = backward_pass(trace, roots, cts, keep=keep, free=True)
    return [grads.get(id(a)) if w else None for a, w in zip(args, wanted)]


def _saved_node(trace, eqn, ins, values):
    """The recorded node of ``eqn`` with its saved result instead of a recomputed one."""
    if eqn.prim.multiple_results:
        node = ReverseTracer(trace, tuple(values), eqn.prim, tuple(ins), eqn.params)
        return [ReverseTracer(trace, v, select_output_p, (node,), {"index": i})
                for i, v in enumerate(values)]
    return [ReverseTracer(trace, values[0], eqn.prim, tuple(ins), eqn.params)]


def _checkpoint_batch(args, dims, *, call):
    size = next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)
    batched = Call(lambda *xs: batch_flat(call.fun, xs, dims, size), f"vmap({call.name})")
    return checkpoint_call_p.bind(*args, call=batched), 0


checkpoint_call_p.jvp_call = _checkpoint_jvp_call
checkpoint_call_p.vjp_fwd = _checkpoint_vjp_fwd
checkpoint_call_p.vjp = _checkpoint_vjp
checkpoint_call_p.batch = _checkpoint_batch


def checkpoint(fun: Callable[P, R], *, prevent_cse: bool = True, policy: Callable | None = None,
               static_argnums: int | Sequence[int] = ()) -> Callable[P, R]:
    """``fun``, recomputed in the backward pass instead of stored (anchor: ``jax.checkpoint``).

    Under ``grad``/``vjp`` only ``fun``'s inputs are kept (and the intermediates
    ``policy`` allows, see :data:`funcgrad.checkpoint_policies`); the rest is
    recomputed when the backward pass reaches it — inside a ``lax.scan`` body,
    once per iteration. Values and derivatives are unchanged, in every mode and
    under every transform. ``prevent_cse`` is accepted (funcgrad's ``jit`` never
    merges a recomputation with the forward pass).

    Parameters
    ----------
    fun : callable
    prevent_cse : bool
    policy : callable, optional
        ``policy(prim, *avals, **params) -> bool``: whether the result of an
        equation may be saved instead of recomputed.
    static_argnums : int or tuple of ints
        Arguments passed as Python values, not traced.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> block = fg.checkpoint(lambda x: fnp.sin(fnp.sin(x)))
    >>> fg.grad(lambda x: fnp.sum(block(block(x))))(fnp.zeros(2))
    array([1., 1.])
    """
    if not callable(fun):
        raise TypeError(f"checkpoint requires a callable, got {fun!r}")
    static = {static_argnums} if isinstance(static_argnums, int) else set(static_argnums)

    @functools.wraps(fun)
    def checkpointed(*args, **kwargs):
        dynamic = tuple(a for i, a in enumerate(args) if i not in static)
        leaves, in_tree = tree_flatten((dynamic, kwargs))
        if not any(isinstance(x, Tracer) for x in leaves):
            return fun(*args, **kwargs)
        leaves = [as_array(x) for x in leaves]
        trees = {}

        def flat_fun(*xs):
            dyn, kw = in_tree.unflatten(xs)
            it = iter(dyn)
            full = [a if i in static else next(it) for i, a in enumerate(args)]
            out_leaves, trees["out"] = tree_flatten(fun(*full, **kw))
            return out_leaves

        name = getattr(fun, "__name__", "f")
        try:
            ir = stage_flat(flat_fun, [aval_of(x) for x in leaves], f"checkpoint({name})")
        except ConcretizationError:
            # Python control flow on values: run the Python function (no policy applies).
            call = _RematCall(flat_fun, name, None, None)
            outs = checkpoint_call_p.bind(*leaves, call=call)
            return trees["out"].unflatten(list(outs))
        lifted = [(v, c) for v, c in zip(ir.constvars, ir.consts) if isinstance(c, Tracer)]
        kept = [(v, c) for v, c in zip(ir.constvars, ir.consts) if not isinstance(c, Tracer)]
        closed = IR([v for v, _ in lifted] + list(ir.invars), [v for v, _ in kept],
                    [c for _, c in kept], ir.eqns, ir.outvars)
        call = _RematCall(functools.partial(eval_ir, closed), name, closed, policy)
        operands = [c for _, c in lifted] + leaves
        call._irs[tuple(aval_of(x) for x in operands)] = closed
        outs = checkpoint_call_p.bind(*operands, call=call)
        return trees["out"].unflatten(list(outs))

    return checkpointed


remat = checkpoint
