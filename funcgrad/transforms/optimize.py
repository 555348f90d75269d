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
from ..primitives.elementwise import multiply_p
from ..primitives.products import matmul_p
from ..primitives.shape import broadcast_to_p, reshape_p
from ._call import CallPrimitive


def optimize(ir: IR) -> IR:
    """The IR ``jit`` compiles: calls inlined, then simplified, then pruned."""
    return eliminate_dead_code(diagonal_products(simplify(inline_calls(ir))))


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


# Binary ufuncs whose operands commute exactly (same values, dtype and shape either way):
# ``0.125 * t`` and ``t * 0.125`` are one value.
_COMMUTATIVE = frozenset({"add", "multiply", "maximum", "minimum", "equal", "not_equal",
                          "logical_and", "logical_or"})


def _cse_key(prim: Primitive, inputs: list, params: dict) -> Any:
    try:
        atoms = tuple(
            ("lit", _freeze(a.value)) if isinstance(a, Literal) else ("var", id(a))
            for a in inputs
        )
        if len(atoms) == 2 and prim.source is not None and prim.source.ufunc in _COMMUTATIVE:
            atoms = tuple(sorted(atoms, key=repr))
        return (prim, atoms, _freeze(params))
    except TypeError:
        return None


# ---------------------------------------------------------------------------
# Products with diagonal matrices
# ---------------------------------------------------------------------------

def diagonal_products(ir: IR) -> IR:
    """``(I * v) @ B`` as ``v[:, None] * B`` and ``B @ (I * v)`` as ``B * v``.

    ``I * v``, an identity matrix times a vector, is ``diag(v)``: what reverse mode
    makes of the one-hot basis of ``jacrev`` (the cotangents of an elementwise
    function, stacked), and ``jacfwd`` of its tangents. A product with it is a
    scaling of rows (columns), O(n²) where the matmul is O(n³). (The two agree
    exactly for finite ``B``; the matmul also spreads an infinite entry of ``B``
    across its row as NaN, through ``0 * inf``.)
    """
    if not any(e.prim is matmul_p for e in ir.eqns) or not any(
            isinstance(c, np.ndarray) and c.ndim == 2 for c in ir.consts):
        return ir
    known = {id(v): c for v, c in zip(ir.constvars, ir.consts) if isinstance(c, np.ndarray)}
    identities: dict[int, bool] = {}

    def is_identity(atom) -> bool:
        c = None if isinstance(atom, Literal) else known.get(id(atom))
        if c is None or c.ndim != 2 or c.shape[0] != c.shape[1]:
            return False
        if id(atom) not in identities:
            identities[id(atom)] = bool(np.array_equal(c, np.eye(c.shape[0])))
        return identities[id(atom)]

    diagonal: dict[int, Any] = {}  # var -> the vector on its diagonal
    eqns: list[Eqn] = []
    for eqn in ir.eqns:
        if eqn.prim is multiply_p:
            out = eqn.outputs[0].aval
            for e, v in ((eqn.inputs[0], eqn.inputs[1]), (eqn.inputs[1], eqn.inputs[0])):
                if (is_identity(e) and not isinstance(v, Literal) and out.shape == e.aval.shape
                        and v.aval.shape == out.shape[:1] and v.aval.dtype == out.dtype):
                    diagonal[id(eqn.outputs[0])] = v
                    break
        elif eqn.prim is matmul_p:
            rewritten = _diagonal_product(eqn, diagonal)
            if rewritten is not None:
                eqns.extend(rewritten)
                continue
        eqns.append(eqn)
    if len(eqns) == len(ir.eqns) and all(a is b for a, b in zip(eqns, ir.eqns)):
        return ir
    return IR(list(ir.invars), list(ir.constvars), list(ir.consts), eqns, list(ir.outvars),
              ir.in_tree, ir.out_tree)


def _diagonal_product(eqn: Eqn, diagonal: dict) -> list[Eqn] | None:
    x, y = eqn.inputs
    out = eqn.outputs[0]
    dtype = out.aval.dtype
    if any(isinstance(a, Literal) or a.aval.dtype != dtype for a in (x, y)):
        return None
    if id(x) in diagonal and y.aval.ndim in (1, 2):  # diag(v) @ y: the rows of y scaled
        v = diagonal[id(x)]
        if y.aval.ndim == 1:
            return [Eqn(multiply_p, [v, y], [out], {})]
        column = Var(type(v.aval)((v.aval.shape[0], 1), dtype))
        return [Eqn(reshape_p, [v], [column], {"shape": column.aval.shape}),
                Eqn(multiply_p, [column, y], [out], {})]
    if id(y) in diagonal and x.aval.ndim in (1, 2):  # x @ diag(v): the columns of x scaled
        return [Eqn(multiply_p, [x, diagonal[id(y)]], [out], {})]
    return None


# ---------------------------------------------------------------------------
# Dead code
# ---------------------------------------------------------------------------

def eliminate_dead_code(ir: IR) -> IR:
    """Drop equations whose outputs are never used, and unused constants."""
    # Liveness in a bytearray indexed by the variables' creation numbers: a set of ids
    # costs microseconds an entry at the million variables of a long program.
    counts = [v.count for v in ir.invars] + [v.count for v in ir.constvars] + [
        o.count for e in ir.eqns for o in e.outputs]
    base = min(counts, default=0)
    span = max(counts, default=0) - base + 1
    if span > 8 * len(counts) + 100_000:  # variables made far apart: a set is smaller
        return _eliminate_dead_code_by_id(ir)
    live = bytearray(span)
    for v in ir.outvars:
        if type(v) is not Literal:
            live[v.count - base] = 1
    kept: list[Eqn] = []
    for eqn in reversed(ir.eqns):
        outs = eqn.outputs
        if (live[outs[0].count - base] if len(outs) == 1 else any(
                live[o.count - base] for o in outs)) or eqn.prim.impure:
            kept.append(eqn)
            for a in eqn.inputs:
                if type(a) is not Literal:
                    live[a.count - base] = 1
    kept.reverse()
    pairs = [(v, c) for v, c in zip(ir.constvars, ir.consts) if live[v.count - base]]
    return IR(list(ir.invars), [v for v, _ in pairs], [c for _, c in pairs], kept,
              list(ir.outvars), ir.in_tree, ir.out_tree)


def _eliminate_dead_code_by_id(ir: IR) -> IR:
    live = {id(v) for v in ir.outvars if not isinstance(v, Literal)}
    kept: list[Eqn] = []
    for eqn in reversed(ir.eqns):
        if any(id(o) in live for o in eqn.outputs) or eqn.prim.impure:
            kept.append(eqn)
            live.update(id(a) for a in eqn.inputs if not isinstance(a, Literal))
    kept.reverse()
    pairs = [(v, c) for v, c in zip(ir.constvars, ir.consts) if id(v) in live]
    return IR(list(ir.invars), [v for v, _ in pairs], [c for _, c in pairs], kept,
              list(ir.outvars), ir.in_tree, ir.out_tree)
