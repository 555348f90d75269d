"""Structured control flow: ``cond`` (``switch``) and ``while`` as primitives carrying sub-IRs.

A branch or a loop body is traced once, on the shapes and dtypes of its
operands, into a :class:`Body` (a closed IR): Python side effects in it happen
at trace time, as in JAX. Traced values the function closes over become
explicit operands of the equation, so every outer transform sees them.

The rules transform the bodies, not Python code: forward mode binds the same
primitive on the JVP of the bodies, ``vmap`` on their batched versions, reverse
mode (``cond``) on their VJPs. A batched ``cond`` predicate becomes a select of
every branch; a batched ``while`` predicate runs until every example has stopped.
``while`` has no reverse mode, as in JAX (use ``scan``, or ``fori_loop`` with
static bounds). ``scan`` lives in :mod:`.scan`; ``jit`` writes all of them as
Python loops and branches (:mod:`.codegen`).

These primitives live with the transforms, not in ``funcgrad/primitives``,
because their rules are transforms of their bodies: they run the JVP, batching
and reverse traces on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.ir import IR, Var, eval_ir, format_aval, format_ir
from ..core.primitive import Primitive, ShapedArray, defsource
from ..core.trace import Tracer
from ..primitives import comparisons as cmp
from ..primitives import elementwise as el
from ..primitives.reductions import any as fnp_any
from ..primitives.shape import broadcast_to, moveaxis, reshape
from ..primitives.util import zeros_like
from . import codegen
from ._call import jvp_flat, stage_flat, vjp_flat
from .optimize import optimize
from .staging import aval_of
from .vmap import BatchTrace, BatchTracer, move_out

# ---------------------------------------------------------------------------
# Bodies: closed sub-IRs
# ---------------------------------------------------------------------------


class Body:
    """A closed IR carried as a parameter by a control-flow primitive.

    Calling it evaluates the IR (binding each primitive, so under whatever
    transform is active). ``cache`` keeps the derived bodies (JVP, VJP,
    batched) so that each is traced once.
    """

    __slots__ = ("ir", "cache", "name", "_compiled")

    def __init__(self, ir: IR, name: str = "body") -> None:
        self.ir = ir
        self.cache: dict[Any, Any] = {}
        self.name = name
        self._compiled: Callable | None = None

    def compiled(self) -> Callable:
        """The body as generated NumPy code (what the loops run on concrete values)."""
        if self._compiled is None:
            self._compiled = codegen.generate(optimize(self.ir), "body").compile()
        return self._compiled

    @property
    def in_avals(self) -> list[ShapedArray]:
        return [v.aval for v in self.ir.invars]

    @property
    def out_avals(self) -> list[ShapedArray]:
        return [v.aval for v in self.ir.outvars]

    def __call__(self, *args: Any) -> list[Any]:
        return eval_ir(self.ir, *args)

    def __repr__(self) -> str:
        inner = format_ir(self.ir).replace("\n", "\n    ")
        return f"{self.name}={inner}"


def trace_body(fun: Callable, avals: Sequence[Any], name: str = "body") -> tuple[Body, list]:
    """Trace ``fun`` (flat list in, flat list out) once; the closed body and its operands.

    Values of outer transforms that ``fun`` closes over become leading inputs of
    the body; they are returned to be passed as operands. Concrete constants
    stay inside the IR.
    """
    ir = stage_flat(fun, [aval_of(a) for a in avals], name)
    lifted = [(v, c) for v, c in zip(ir.constvars, ir.consts) if isinstance(c, Tracer)]
    kept = [(v, c) for v, c in zip(ir.constvars, ir.consts) if not isinstance(c, Tracer)]
    closed = IR([v for v, _ in lifted] + list(ir.invars), [v for v, _ in kept],
                [c for _, c in kept], ir.eqns, ir.outvars)
    return Body(closed, name), [c for _, c in lifted]


def cached(body: Body, key: Any, make: Callable[[], Any]) -> Any:
    out = body.cache.get(key)
    if out is None:
        out = body.cache[key] = make()
    return out


def permuted(body: Body, in_order: Sequence[int], out_order: Sequence[int]) -> Body:
    """``body`` with its inputs and outputs reordered (no retracing)."""
    ir = body.ir
    return Body(IR([ir.invars[i] for i in in_order], ir.constvars, ir.consts, ir.eqns,
                   [ir.outvars[i] for i in out_order]), body.name)


def inexact(x: Any) -> bool:
    dtype = x.dtype if hasattr(x, "dtype") else np.result_type(x)
    return np.issubdtype(dtype, np.inexact)


def zeros_of(aval: ShapedArray) -> np.ndarray:
    return np.zeros(aval.shape, aval.dtype)


def jvp_body(body: Body, nonzero: Sequence[bool], instantiate: Sequence[bool]):
    """The JVP of ``body``: ``(*primals, *tangents of the nonzero inputs)`` to
    ``(*outputs, *tangents of the nonzero outputs)``, and which outputs those are.

    ``instantiate`` forces a (zero) tangent for those outputs.
    """
    nonzero, instantiate = tuple(nonzero), tuple(instantiate)

    def make():
        avals = body.in_avals
        out_nz: list[bool] = []

        def fun(*args):
            n = len(avals)
            it = iter(args[n:])
            tangents = [next(it) if z else None for z in nonzero]
            outs, t_outs = jvp_flat(body, list(args[:n]), tangents)
            out_nz[:] = [inexact(o) and (t is not None or inst)
                         for o, t, inst in zip(outs, t_outs, instantiate)]
            return list(outs) + [zeros_like(o) if t is None else t
                                 for o, t, z in zip(outs, t_outs, out_nz) if z]

        t_avals = [a for a, z in zip(avals, nonzero) if z]
        new, lifted = trace_body(fun, list(avals) + t_avals, f"jvp({body.name})")
        assert not lifted  # a closed body closes over nothing
        return new, list(out_nz)

    return cached(body, ("jvp", nonzero, instantiate), make)


def vjp_body(body: Body, diff: Sequence[bool], ct_mask: Sequence[bool]) -> Body:
    """``(*primals, *cotangents of the ct_mask outputs)`` to the cotangents of the ``diff``
    inputs (zeros where none flows): the VJP of ``body``, recomputing its forward pass."""
    diff, ct_mask = tuple(diff), tuple(ct_mask)

    def make():
        avals = body.in_avals
        n = len(avals)

        def fun(*args):
            it = iter(args[n:])
            cts = [next(it) if m else None for m in ct_mask]
            got = vjp_flat(body, list(args[:n]), cts, list(diff))
            return [zeros_like(p) if g is None else g
                    for p, g, d in zip(args[:n], got, diff) if d]

        ct_avals = [a for a, m in zip(body.out_avals, ct_mask) if m]
        new, lifted = trace_body(fun, list(avals) + ct_avals, f"vjp({body.name})")
        assert not lifted
        return new

    return cached(body, ("vjp", diff, ct_mask), make)


def batch_body(body: Body, dims: Sequence[int | None], size: int,
               force: Sequence[bool]) -> tuple[Body, list[bool]]:
    """``body`` on batched inputs (``dims``: 0 or None per input) and which outputs are
    batched (at axis 0); outputs in ``force`` are batched even if they do not depend on
    the batch."""
    dims, force = tuple(dims), tuple(force)

    def make():
        batched: list[bool] = []

        def fun(*args):
            trace = BatchTrace(size)
            with trace:
                outs = body(*[a if d is None else BatchTracer(trace, a, d)
                              for a, d in zip(args, dims)])
            batched[:] = [(isinstance(o, BatchTracer) and o._trace is trace) or f
                          for o, f in zip(outs, force)]
            return [move_out(trace, o, 0, size, None) if b else o
                    for o, b in zip(outs, batched)]

        avals = [a if d is None else ShapedArray((size,) + a.shape, a.dtype)
                 for a, d in zip(body.in_avals, dims)]
        new, lifted = trace_body(fun, avals, f"vmap({body.name})")
        assert not lifted
        return new, list(batched)

    return cached(body, ("vmap", dims, size, force), make)


def batch_size_of(args: Sequence[Any], dims: Sequence[int | None]) -> int:
    return next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)


def to_front(x: Any, d: int | None) -> Any:
    return x if d is None or d == 0 else moveaxis(x, d, 0)


def statements(lines_of: Callable) -> Callable:
    """A code-generator ``emit`` from ``lines_of(gen, eqn, args, outs) -> source lines``
    that assign the output names ``outs``."""

    def emit(gen, k, eqn, args):
        outs = [gen.fresh_name() for _ in eqn.outputs]
        for o, n in zip(eqn.outputs, outs):
            gen.names[id(o)] = n
        gen.lines.extend(lines_of(gen, eqn, args, outs))

    return emit


class ControlFlowPrimitive(Primitive):
    """A primitive whose parameters carry :class:`Body` objects.

    ``jvp_call(primals, tangents, **params) -> (outs, tangents_out)`` computes
    outputs and tangents in one application (one loop, not two);
    ``vjp_fwd(primals, wanted, **params) -> (outs, residuals)`` is what reverse
    mode runs forward, keeping residuals for the VJP rule.
    """

    def __init__(self, name: str, impl: Callable, abstract_eval: Callable) -> None:
        super().__init__(name, impl, multiple_results=True)
        self.abstract_eval = abstract_eval
        self.jvp_call: Callable | None = None
        self.vjp_fwd: Callable | None = None


def describe(avals: Sequence[ShapedArray]) -> str:
    return "(" + ", ".join(format_aval(a) for a in avals) + ")"


# ---------------------------------------------------------------------------
# cond / switch
# ---------------------------------------------------------------------------

def _cond_impl(index, *ops, branches):
    i = int(np.clip(index, 0, len(branches) - 1))
    return tuple(np.asarray(o) for o in branches[i](*ops))


def _cond_abstract_eval(index, *ops, branches):
    return tuple(branches[0].out_avals)


cond_p = ControlFlowPrimitive("cond", _cond_impl, _cond_abstract_eval)


def _cond_jvp_call(primals, tangents, *, branches):
    index, ops = primals[0], list(primals[1:])
    nz = [t is not None and inexact(p) for p, t in zip(ops, tangents[1:])]
    n_out = len(branches[0].out_avals)
    union = [False] * n_out
    for b in branches:
        _, out_nz = jvp_body(b, nz, [False] * n_out)
        union = [a or c for a, c in zip(union, out_nz)]
    jbranches = tuple(jvp_body(b, nz, union)[0] for b in branches)
    ts = [t for t, z in zip(tangents[1:], nz) if z]
    res = cond_p.bind(index, *ops, *ts, branches=jbranches)
    it = iter(res[n_out:])
    return list(res[:n_out]), [next(it) if z else None for z in union]


def _cond_vjp(g, ans, primals, params, wanted):
    branches = params["branches"]
    index, ops = primals[0], list(primals[1:])
    diff = [w and inexact(op) for w, op in zip(wanted[1:], ops)]
    out_avals = branches[0].out_avals
    ct_mask = [np.issubdtype(a.dtype, np.inexact) for a in out_avals]
    cts = [zeros_of(a) if c is None else c for c, a, m in zip(g, out_avals, ct_mask) if m]
    vbranches = tuple(vjp_body(b, diff, ct_mask) for b in branches)
    got = iter(cond_p.bind(index, *ops, *cts, branches=vbranches))
    return [None] + [next(got) if d else None for d in diff]


def _cond_batch(args, dims, *, branches):
    size = batch_size_of(args, dims)
    index, idim = args[0], dims[0]
    ops = [to_front(a, d) for a, d in zip(args[1:], dims[1:])]
    op_dims = [None if d is None else 0 for d in dims[1:]]
    n_out = len(branches[0].out_avals)
    if idim is None:
        force = [False] * n_out
        for b in branches:
            _, out_b = batch_body(b, op_dims, size, force)
            force = [a or c for a, c in zip(force, out_b)]
        bb = tuple(batch_body(b, op_dims, size, force)[0] for b in branches)
        outs = cond_p.bind(index, *ops, branches=bb)
        return tuple(outs), tuple(0 if f else None for f in force)
    # A predicate that differs between examples: run every branch, select per example.
    index = el.minimum(el.maximum(to_front(index, idim), 0), len(branches) - 1)
    results = [batch_body(b, op_dims, size, [True] * n_out)[0](*ops) for b in branches]
    outs = list(results[0])
    for k in range(1, len(branches)):
        for j, o in enumerate(results[k]):
            pick = reshape(cmp.equal(index, k), (size,) + (1,) * (len(np.shape(o)) - 1))
            outs[j] = el.where(pick, o, outs[j])
    return tuple(outs), 0


def _cond_source(gen, eqn, args, outs):
    fns = [gen.function(b.ir, "branch") for b in eqn.params["branches"]]
    index = f"min(max(int({args[0]}), 0), {len(fns) - 1})"
    lhs = ", ".join(outs)
    call = f"({', '.join(fns)},)[{index}]({', '.join(args[1:])})"
    return [f"{lhs or '_'}{',' if lhs else ''} = {call}"]


cond_p.jvp_call = _cond_jvp_call
cond_p.vjp = _cond_vjp
cond_p.batch = _cond_batch


# ---------------------------------------------------------------------------
# while
# ---------------------------------------------------------------------------

def _while_impl(*args, cond, body, cond_nconsts, body_nconsts):
    cc = args[:cond_nconsts]
    bc = args[cond_nconsts:cond_nconsts + body_nconsts]
    carry = list(args[cond_nconsts + body_nconsts:])
    cond_fn, body_fn, steps = cond, body, 0
    while cond_fn(*cc, *carry)[0]:
        carry = body_fn(*bc, *carry)
        steps += 1
        if steps == 16:  # a long loop: worth generating code for
            cond_fn, body_fn = cond.compiled(), body.compiled()
    return tuple(np.asarray(c) for c in carry)


def _while_abstract_eval(*args, cond, body, cond_nconsts, body_nconsts):
    return tuple(args[cond_nconsts + body_nconsts:])


while_p = ControlFlowPrimitive("while", _while_impl, _while_abstract_eval)

WHILE_REVERSE_ERROR = (
    "Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with "
    "dynamic start/stop values. Try using lax.scan, or using fori_loop with static "
    "start/stop (Python ints), which is a scan; for a fixed point, give the solver a "
    "custom_vjp (see the custom derivatives guide)."
)


def _while_jvp_call(primals, tangents, *, cond, body, cond_nconsts, body_nconsts):
    nc, nb = cond_nconsts, body_nconsts
    cc, bc, carry = primals[:nc], primals[nc:nc + nb], primals[nc + nb:]
    bc_nz = [t is not None and inexact(p) for p, t in zip(bc, tangents[nc:nc + nb])]
    carry_nz = [t is not None and inexact(p) for p, t in zip(carry, tangents[nc + nb:])]
    while True:
        jb, out_nz = jvp_body(body, bc_nz + carry_nz, carry_nz)
        if out_nz == carry_nz:
            break
        carry_nz = [a or b for a, b in zip(carry_nz, out_nz)]
    nbt, nh, nht = sum(bc_nz), len(carry), sum(carry_nz)
    # jvp body inputs: bc, carry, bc tangents, carry tangents -> loop layout bc, bct, carry, ct
    in_order = (list(range(nb)) + list(range(nb + nh, nb + nh + nbt))
                + list(range(nb, nb + nh)) + list(range(nb + nh + nbt, nb + nh + nbt + nht)))
    jbody = permuted(jb, in_order, range(nh + nht))
    # The condition reads only the primal carry.
    cir = cond.ir
    extra = [Var(a) for a, z in zip(body.in_avals[nb:], carry_nz) if z]
    jcond = Body(IR(list(cir.invars) + extra, cir.constvars, cir.consts, cir.eqns,
                    cir.outvars), cond.name)
    t_bc = [fit(t, p) for t, p, z in zip(tangents[nc:nc + nb], bc, bc_nz) if z]
    t_carry = [fit(t, p) for t, p, z in zip(tangents[nc + nb:], carry, carry_nz) if z]
    outs = while_p.bind(*cc, *bc, *t_bc, *carry, *t_carry, cond=jcond, body=jbody,
                        cond_nconsts=nc, body_nconsts=nb + nbt)
    it = iter(outs[nh:])
    return list(outs[:nh]), [next(it) if z else None for z in carry_nz]


def fit(t: Any, p: Any) -> Any:
    """A tangent for ``p``: zeros for a symbolic zero."""
    return zeros_like(p) if t is None else t


def _while_vjp_fwd(primals, wanted, **params):
    if any(w and inexact(p) for p, w in zip(primals, wanted)):
        raise ValueError(WHILE_REVERSE_ERROR)
    return while_p.bind(*primals, **params), ()


def _while_vjp(g, ans, primals, params, wanted):
    raise ValueError(WHILE_REVERSE_ERROR)


def _while_batch(args, dims, *, cond, body, cond_nconsts, body_nconsts):
    size = batch_size_of(args, dims)
    nc, nb = cond_nconsts, body_nconsts
    args = [to_front(a, d) for a, d in zip(args, dims)]
    dims = [None if d is None else 0 for d in dims]
    cc, bc, carry = args[:nc], args[nc:nc + nb], list(args[nc + nb:])
    cd, bd = dims[:nc], dims[nc:nc + nb]
    carry_b = [d is not None for d in dims[nc + nb:]]
    while True:
        _, out_b = batch_body(body, bd + [0 if b else None for b in carry_b], size, carry_b)
        if out_b == carry_b:
            break
        carry_b = [a or b for a, b in zip(carry_b, out_b)]
    _, pred_b = batch_body(cond, cd + [0 if b else None for b in carry_b], size, [False])
    if pred_b[0]:
        # Every example loops until all have stopped; finished ones keep their carry.
        carry_b = [True] * len(carry)
    carry = [broadcast_front(c, size) if b and d is None else c
             for c, b, d in zip(carry, carry_b, dims[nc + nb:])]
    cdims = [0 if b else None for b in carry_b]
    bbody, _ = batch_body(body, bd + cdims, size, carry_b)
    bcond, _ = batch_body(cond, cd + cdims, size, [False])
    if not pred_b[0]:
        outs = while_p.bind(*cc, *bc, *carry, cond=bcond, body=bbody,
                            cond_nconsts=nc, body_nconsts=nb)
        return tuple(outs), tuple(0 if b else None for b in carry_b)
    avals = [aval_of(a) for a in cc + bc + carry]

    def any_cond(*xs):
        return [fnp_any(bcond(*xs)[0])]

    def masked_body(*xs):
        cvals, bvals, cs = xs[:nc], xs[nc:nc + nb], list(xs[nc + nb:])
        pred = bcond(*cvals, *cs)[0]
        new = bbody(*bvals, *cs)
        return [el.where(reshape(pred, (size,) + (1,) * (len(np.shape(n)) - 1)), n, c)
                for n, c in zip(new, cs)]

    ncond, lifted_c = trace_body(any_cond, avals[:nc] + avals[nc + nb:], "any(cond)")
    nbody, lifted_b = trace_body(masked_body, avals, "masked(body)")
    assert not lifted_c and not lifted_b
    # masked_body reads the condition's constants too: they come first among its constants.
    outs = while_p.bind(*cc, *cc, *bc, *carry, cond=ncond, body=nbody,
                        cond_nconsts=nc, body_nconsts=nc + nb)
    return tuple(outs), 0


def broadcast_front(x: Any, size: int) -> Any:
    shape = tuple(np.shape(x))
    return broadcast_to(reshape(x, (1,) + shape), (size,) + shape)


def _while_source(gen, eqn, args, outs):
    p = eqn.params
    nc, nb = p["cond_nconsts"], p["body_nconsts"]
    cond_fn = gen.function(p["cond"].ir, "while_cond")
    body_fn = gen.function(p["body"].ir, "while_body")
    lines = [f"{o} = {a}" for o, a in zip(outs, args[nc + nb:])]
    lhs = ", ".join(outs)
    lines.append(f"while {cond_fn}({', '.join(list(args[:nc]) + outs)})[0]:")
    lines.append(f"    {lhs or '_'}{',' if lhs else ''} = "
                 f"{body_fn}({', '.join(list(args[nc:nc + nb]) + outs)})")
    return lines


defsource(cond_p, emit=statements(_cond_source))
defsource(while_p, emit=statements(_while_source))
while_p.jvp_call = _while_jvp_call
while_p.vjp_fwd = _while_vjp_fwd
while_p.vjp = _while_vjp
while_p.batch = _while_batch
