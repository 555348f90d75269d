"""IR optimization for ``jit``: inlining, constant folding, algebraic simplification,
common-subexpression elimination and dead-code elimination.

Each pass takes an :class:`~funcgrad.core.ir.IR` and returns a new one (the
traced IR is kept as it was: transforms replay it). All walks are iterative.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.ir import IR, Eqn, Literal, Var
from ..core.primitive import Primitive
from ..core.trace import Tracer
from ..primitives.batching import is_plain_ufunc
from ..primitives.shape import broadcast_to_p
from ._call import CallPrimitive


def optimize(ir: IR) -> IR:
    """The IR ``jit`` compiles: calls inlined, then simplified, then pruned."""
    return eliminate_dead_code(simplify(inline_calls(ir)))


def _read(env: dict, atom: Any) -> Any:
    return atom if isinstance(atom, Literal) else env[id(atom)]


# ---------------------------------------------------------------------------
# Inlining call primitives (custom_jvp, custom_vjp, checkpoint)
# ---------------------------------------------------------------------------

def inline_calls(ir: IR) -> IR:
    """Replace each call-primitive equation by the equations of its function.

    Derivative rules do not matter to compiled evaluation, so the body is
    spliced in; nested calls are expanded with an explicit stack.
    """
    if not any(isinstance(e.prim, CallPrimitive) for e in ir.eqns):
        return ir
    constvars, consts = list(ir.constvars), list(ir.consts)
    eqns: list[Eqn] = []
    top: dict[int, Any] = {id(v): v for v in list(ir.invars) + list(ir.constvars)}
    stack: list[tuple[Any, dict, Any]] = [(iter(ir.eqns), top, None)]
    while stack:
        it, env, on_done = stack[-1]
        eqn = next(it, None)
        if eqn is None:
            stack.pop()
            if on_done is not None:
                on_done()
            continue
        inputs = [_read(env, a) for a in eqn.inputs]
        if isinstance(eqn.prim, CallPrimitive):
            sub = eqn.params["call"].ir_for([a.aval for a in inputs])
            sub_env: dict[int, Any] = {id(v): a for v, a in zip(sub.invars, inputs)}
            for v, c in zip(sub.constvars, sub.consts):
                fresh = Var(v.aval)
                constvars.append(fresh)
                consts.append(c)
                sub_env[id(v)] = fresh

            def on_done(eqn=eqn, env=env, sub=sub, sub_env=sub_env):
                for o, sv in zip(eqn.outputs, sub.outvars):
                    env[id(o)] = _read(sub_env, sv)

            stack.append((iter(sub.eqns), sub_env, on_done))
            continue
        outs = [Var(o.aval) for o in eqn.outputs]
        for o, n in zip(eqn.outputs, outs):
            env[id(o)] = n
        eqns.append(Eqn(eqn.prim, inputs, outs, eqn.params))
    outvars = [_read(top, v) for v in ir.outvars]
    return IR(list(ir.invars), constvars, consts, eqns, outvars, ir.in_tree, ir.out_tree)


# ---------------------------------------------------------------------------
# Folding, simplification and sharing, in one forward pass
# ---------------------------------------------------------------------------

_FOLD_LIMIT = 64  # fold a result this small, or no larger than its inputs together


def is_elementwise(prim: Primitive) -> bool:
    """Whether ``prim`` maps broadcast operands elementwise (from its batching rule)."""
    if getattr(prim.batch, "elementwise", False):
        return True
    return prim.batch is None and is_plain_ufunc(prim.impl)


def simplify(ir: IR) -> IR:
    """Constant folding, dropping ``x * 1`` / ``x + 0`` / identity reshapes, and CSE.

    Broadcasts are kept lazy: an elementwise operation on ``broadcast_to(s)``
    works on ``s`` where the other operands already give the output shape (so
    a broadcast scalar seed never becomes an array), and the broadcast is
    written out only where a non-elementwise operation needs it.
    """
    known: dict[int, Any] = {}
    lazy: dict[int, tuple[Any, tuple]] = {}  # var -> (source atom, shape it broadcasts to)
    for v, c in zip(ir.constvars, ir.consts):
        if not isinstance(c, Tracer):
            known[id(v)] = c
            if _uniform(c):  # e.g. a concrete ones-cotangent: a broadcast scalar
                lazy[id(v)] = (Literal(np.asarray(c).flat[0]), np.shape(c))
    constvars, consts = list(ir.constvars), list(ir.consts)
    env: dict[int, Any] = {}
    materialized: dict[int, Var] = {}
    seen: dict[Any, list] = {}
    eqns: list[Eqn] = []

    def value(atom):
        if isinstance(atom, Literal):
            return atom.value
        return known.get(id(atom), _UNKNOWN)

    def resolve(atom):
        return atom if isinstance(atom, Literal) else env.get(id(atom), atom)

    def materialize(atom):
        if isinstance(atom, Literal) or id(atom) not in lazy or id(atom) in known:
            return atom  # (a uniform constant is its own broadcast)
        var = materialized.get(id(atom))
        if var is None:
            src, shape = lazy[id(atom)]
            var = materialized[id(atom)] = atom
            eqns.append(Eqn(broadcast_to_p, [src], [atom], {"shape": shape}))
        return var

    def bind_output(o, val):
        if np.ndim(val) == 0 and val.dtype.kind in "biufc":
            env[id(o)] = Literal(val[()])
        else:
            var = Var(o.aval)
            constvars.append(var)
            consts.append(val)
            known[id(var)] = val
            env[id(o)] = var

    for eqn in ir.eqns:
        prim = eqn.prim
        inputs = [resolve(a) for a in eqn.inputs]
        outputs = eqn.outputs
        if prim is broadcast_to_p and inputs[0].aval.shape != outputs[0].aval.shape:
            src = inputs[0]
            if not isinstance(src, Literal) and id(src) in lazy:
                src = lazy[id(src)][0]
            lazy[id(outputs[0])] = (src, tuple(eqn.params["shape"]))
            continue
        if is_elementwise(prim) and not prim.multiple_results and not prim.impure:
            out_shape = outputs[0].aval.shape
            inputs = _unbroadcast_operands(inputs, lazy, out_shape)
            shapes = [a.aval.shape for a in inputs]
            shape = _broadcast_shapes(shapes)
            if shape != out_shape:
                # The whole result is a broadcast of a smaller one.
                small = Var(type(outputs[0].aval)(shape, outputs[0].aval.dtype))
                lazy[id(outputs[0])] = (small, out_shape)
                outputs = [small]
        else:
            inputs = [materialize(a) for a in inputs]
        if not prim.impure:
            folded = _fold(prim, eqn.params, inputs, outputs, value)
            if folded is not None:
                for o, val in zip(outputs, folded):
                    bind_output(o, val)
                if outputs[0] is not eqn.outputs[0]:
                    lazy[id(eqn.outputs[0])] = (resolve(outputs[0]), eqn.outputs[0].aval.shape)
                continue
            alias = _identity_input(prim, eqn.params, inputs, outputs[0], value)
            if alias is not None:
                env[id(outputs[0])] = alias
                if outputs[0] is not eqn.outputs[0]:
                    lazy[id(eqn.outputs[0])] = (alias, eqn.outputs[0].aval.shape)
                continue
            key = _cse_key(prim, inputs, eqn.params)
            if key is not None:
                previous = seen.get(key)
                if previous is not None:
                    for o, p in zip(outputs, previous):
                        env[id(o)] = p
                    if outputs[0] is not eqn.outputs[0]:
                        lazy[id(eqn.outputs[0])] = (previous[0], eqn.outputs[0].aval.shape)
                    continue
                seen[key] = outputs
        eqns.append(Eqn(prim, inputs, outputs, eqn.params))
    outvars = [materialize(resolve(v)) for v in ir.outvars]
    return IR(list(ir.invars), constvars, consts, eqns, outvars, ir.in_tree, ir.out_tree)


def _broadcast_shapes(shapes: list) -> tuple:
    """np.broadcast_shapes, without its cost when the shapes agree or are scalars."""
    distinct = {s for s in shapes if s != ()}
    if len(distinct) <= 1:
        return distinct.pop() if distinct else ()
    return np.broadcast_shapes(*shapes)


def _uniform(c: Any) -> bool:
    """A constant array whose elements are all the same (and that has several)."""
    if not isinstance(c, np.ndarray) or c.size < 2 or c.dtype.kind not in "biufc":
        return False
    first = c.flat[0]
    return bool(np.all(c == first))


def _unbroadcast_operands(inputs: list, lazy: dict, out_shape: tuple) -> list:
    """Replace lazily broadcast operands by their sources where the result keeps its shape,
    or, when every operand is a broadcast, by all their sources."""
    for a in inputs:
        if type(a) is not Literal and id(a) in lazy:
            break
    else:
        return inputs  # (the common case: no operand is a lazy broadcast)
    sources = [a if isinstance(a, Literal) or id(a) not in lazy else lazy[id(a)][0]
               for a in inputs]
    if all(s is a for s, a in zip(sources, inputs)):
        return inputs
    out = list(inputs)
    for k, s in enumerate(sources):
        if s is inputs[k]:
            continue
        trial = out[:k] + [s] + out[k + 1:]
        if _broadcast_shapes([a.aval.shape for a in trial]) == out_shape:
            out = trial
    if all(not (not isinstance(a, Literal) and id(a) in lazy) for a in out):
        return out
    return sources  # all broadcasts: compute on the sources, broadcast the result later


_UNKNOWN = object()


def _fold(prim: Primitive, params: dict, inputs: list, outputs: list, value) -> list | None:
    values = [value(a) for a in inputs]
    if any(v is _UNKNOWN for v in values):
        return None
    if isinstance(prim, CallPrimitive):
        return None
    in_size = sum(int(np.size(v)) for v in values)
    out_size = sum(int(np.prod(o.aval.shape, dtype=np.int64)) for o in outputs)
    if out_size > max(_FOLD_LIMIT, in_size):
        return None  # cheaper to compute than to keep
    try:
        with np.errstate(all="ignore"):
            out = prim.impl(*values, **params)
    except Exception:  # leave the error to the run, where the user sees it
        return None
    outs = list(out) if prim.multiple_results else [out]
    result = []
    for o, var in zip(outs, outputs):
        o = np.asarray(o)
        if o.shape != var.aval.shape or o.dtype != var.aval.dtype:
            return None
        result.append(o)
    return result


def _identity_input(prim: Primitive, params: dict, inputs: list, out: Var, value) -> Any:
    """The input an equation merely returns (``x * 1``, ``x + 0``, a no-op reshape), or None:
    what the primitive's identity rule (:func:`~funcgrad.core.primitive.defidentity`) says."""
    if prim.identity is None or prim.multiple_results:
        return None
    consts = []
    for a in inputs:
        v = value(a)
        consts.append(None if v is _UNKNOWN or isinstance(v, Tracer) else v)
    k = prim.identity(consts, **params)
    if k is None or inputs[k].aval != out.aval:
        return None
    return inputs[k]


def _freeze(x: Any) -> Any:
    """A hashable stand-in for a parameter value (raises TypeError when there is none)."""
    if isinstance(x, np.ndarray):
        return ("array", x.shape, x.dtype.str, x.tobytes())
    if isinstance(x, (tuple, list)):
        return (type(x).__name__,) + tuple(_freeze(i) for i in x)
    if isinstance(x, dict):
        return ("dict",) + tuple((k, _freeze(v)) for k, v in sorted(x.items()))
    if isinstance(x, slice):
        return ("slice", _freeze(x.start), _freeze(x.stop), _freeze(x.step))
    if isinstance(x, (float, complex, np.generic)):
        return (type(x).__name__, repr(x))  # keeps 0.0 and -0.0 apart
    hash(x)
    return x


def _cse_key(prim: Primitive, inputs: list, params: dict) -> Any:
    try:
        atoms = tuple(
            ("lit", _freeze(a.value)) if isinstance(a, Literal) else ("var", id(a))
            for a in inputs
        )
        return (prim, atoms, _freeze(params))
    except TypeError:
        return None


# ---------------------------------------------------------------------------
# Dead code
# ---------------------------------------------------------------------------

def eliminate_dead_code(ir: IR) -> IR:
    """Drop equations whose outputs are never used, and unused constants."""
    live = {id(v) for v in ir.outvars if not isinstance(v, Literal)}
    kept: list[Eqn] = []
    for eqn in reversed(ir.eqns):
        outs = eqn.outputs
        if (id(outs[0]) in live if len(outs) == 1 else any(id(o) in live for o in outs)) or (
                eqn.prim.impure):
            kept.append(eqn)
            for a in eqn.inputs:
                if not isinstance(a, Literal):
                    live.add(id(a))
    kept.reverse()
    pairs = [(v, c) for v, c in zip(ir.constvars, ir.consts) if id(v) in live]
    return IR(list(ir.invars), [v for v, _ in pairs], [c for _, c in pairs], kept,
              list(ir.outvars), ir.in_tree, ir.out_tree)
