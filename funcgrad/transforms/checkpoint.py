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
from ..core.ir import IR, Var, eval_ir
from ..core.primitive import Primitive
from ..core.trace import ConcretizationError, Tracer
from ..core.tree_util import tree_flatten
from ._args import P, R
from ._call import Call, CallPrimitive, jvp_flat, stage_flat, vjp_flat
from .optimize import eliminate_dead_code
from .partial_eval import split_vjp
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


class _Plan:
    """How a checkpointed IR is differentiated, as JAX's remat partial evaluation does it.

    The IR is staged with its VJP (:func:`.partial_eval.split_vjp`). Of the values the
    backward pass reads, those made by an equation the policy saves are kept (``saved``);
    every other one is recomputed in the backward pass from the inputs and the saved
    values, and only the equations it needs are recomputed. ``fwd``: inputs to the
    outputs and the saved values; ``bwd``: inputs, saved values and the outputs'
    cotangents to the cotangents of the differentiated inputs (``ct_nz`` of them).
    """

    def __init__(self, call, diff, ct_mask):
        ir, policy = call.ir, call.policy or nothing_saveable
        split = split_vjp(functools.partial(eval_ir, ir), [v.aval for v in ir.invars],
                          [v.aval for v in ir.outvars], diff, ct_mask,
                          f"checkpoint({call.name})")
        joint, n_in, n_out = split.ir, split.n_in, split.n_out
        producer = {id(o): e for e in split.forward for o in e.outputs}
        saved: dict[int, Any] = {}
        again: set[int] = set()
        work = list(split.residuals)
        while work:
            v = work.pop()
            eqn = producer.get(id(v))
            if eqn is None or id(v) in saved or id(eqn) in again:
                continue  # an input, a constant, or already decided
            if policy(eqn.prim, *[a.aval for a in eqn.inputs], **eqn.params):
                saved[id(v)] = v
            else:
                again.add(id(eqn))
                work.extend(a for a in eqn.inputs if isinstance(a, Var))
        order = {id(o): k for k, e in enumerate(split.forward) for o in e.outputs}
        kept = sorted(saved.values(), key=lambda v: order[id(v)])
        inputs = list(joint.invars[:n_in])
        self.n_out = n_out
        self.n_saved = len(kept)
        self.ct_nz = list(split.ct_nz)
        self.fwd = eliminate_dead_code(IR(inputs, list(joint.constvars), list(joint.consts),
                                          split.forward, list(joint.outvars[:n_out]) + kept))
        recompute = [e for e in split.forward if id(e) in again]
        self.bwd = eliminate_dead_code(IR(inputs + kept + list(joint.invars[n_in:]),
                                          list(joint.constvars), list(joint.consts),
                                          recompute + split.backward,
                                          list(joint.outvars[n_out:])))
        used = {id(a) for e in self.bwd.eqns for a in e.inputs} | {id(a) for a in
                                                                   self.bwd.outvars}
        n_vals = len(inputs) + len(kept)
        self.reads = [id(v) in used for v in self.bwd.invars[:n_vals]]


def _masks(call, primals, wanted):
    diff = tuple(bool(w) and _inexact(p) for p, w in zip(primals, wanted))
    ct_mask = tuple(_inexact_aval(v.aval) for v in call.ir.outvars)
    return diff, ct_mask


def _inexact(x: Any) -> bool:
    return _inexact_aval(aval_of(x))


def _inexact_aval(aval) -> bool:
    return bool(np.issubdtype(aval.dtype, np.inexact))


def _plan(call, diff, ct_mask) -> _Plan:
    plans = call.__dict__.setdefault("_plans", {})
    key = (diff, ct_mask)
    if key not in plans:
        plans[key] = _Plan(call, diff, ct_mask)
    return plans[key]


def _saves_nothing(call) -> bool:
    return call.policy is None or call.policy is nothing_saveable


def _checkpoint_vjp_fwd(primals, wanted, *, call):
    if getattr(call, "ir", None) is None or _saves_nothing(call):
        return checkpoint_call_p.bind(*primals, call=call), ()
    plan = _plan(call, *_masks(call, primals, wanted))
    outs = eval_ir(plan.fwd, *primals)
    return outs[:plan.n_out], outs[plan.n_out:]


def _checkpoint_vjp(g, ans, primals, params, wanted):
    call = params["call"]
    g = list(g)
    if getattr(call, "ir", None) is None:
        # A Python function (no IR): run it again under reverse mode, after the cotangents.
        return vjp_flat(call.fun, barrier(list(primals), g), g, wanted)
    diff, ct_mask = _masks(call, primals, wanted)
    plan = _plan(call, diff, ct_mask)
    cts, extra = g[:plan.n_out], g[plan.n_out:]
    if any(c is not None for c in extra):
        # The backward pass was recorded on this tape (create_graph) and is being
        # differentiated: the saved values get cotangents too. Pull all of them back
        # through the forward half, which made outputs and saved values.
        return vjp_flat(functools.partial(eval_ir, plan.fwd), list(primals), g, wanted)
    out_avals = [v.aval for v in call.ir.outvars]
    given = [np.zeros(a.shape, a.dtype) if c is None else c
             for c, a, m in zip(cts, out_avals, ct_mask) if m]
    # The recomputation waits for the cotangents (see the module docstring).
    values = list(primals) + list(ans[plan.n_out:])
    read = [k for k, r in enumerate(plan.reads) if r]
    for k, v in zip(read, barrier([values[k] for k in read], given)):
        values[k] = v
    got = iter(eval_ir(plan.bwd, *values, *given))
    grads = iter([next(got) if nz else None for nz in plan.ct_nz])
    return [next(grads) if d else None for d in diff]


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
