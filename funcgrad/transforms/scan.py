"""``scan``: a loop with a carry and stacked per-iteration inputs and outputs, as a primitive.

``scan_p`` applies its body ``(consts, carry, x) -> (carry, y)`` ``length`` times
(backwards with ``reverse``): operands are the constants, the initial carry and
the stacked inputs ``xs``; results are the final carry and the stacked ``ys``.
``fori_loop`` with static bounds and ``map`` are scans.

Reverse mode keeps per-iteration residuals, as JAX does. The body's joint
forward-and-backward IR is traced once and split in two by dependence on the
cotangents: the known half runs forward in a scan that also stacks the
residuals the backward half needs; the other half runs as a scan backwards over
them, accumulating the constants' cotangents in its carry. Everything is a
``scan_p`` again, so the derivative is itself differentiable, batchable and
compiled as a loop by ``jit``. A ``checkpoint`` in the body is recomputed per
iteration instead of stored (its rule places the recomputation behind a barrier
that depends on the cotangent).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.ir import IR
from ..core.primitive import ShapedArray, defsource, dtype_source
from ..primitives.shape import moveaxis
from ..primitives.util import zeros_like
from .control_flow import (
    Body,
    ControlFlowPrimitive,
    batch_body,
    batch_size_of,
    broadcast_front,
    cached,
    fit,
    inexact,
    jvp_body,
    permuted,
    statements,
    to_front,
    trace_body,
    zeros_of,
)
from .optimize import eliminate_dead_code
from .partial_eval import split_vjp

# ---------------------------------------------------------------------------
# The primitive
# ---------------------------------------------------------------------------


def _scan_impl(*args, body, length, reverse, unroll, num_consts, num_carry):
    nc, nh = num_consts, num_carry
    consts, carry, xs = args[:nc], list(args[nc:nc + nh]), args[nc + nh:]
    y_avals = body.out_avals[nh:]
    ys = [np.empty((length,) + a.shape, a.dtype) for a in y_avals]
    # Short loops run the IR directly: generating code costs more than it saves there.
    fn = body.compiled() if length > SHORT_LOOP else body
    for k in range(length):
        i = length - 1 - k if reverse else k
        out = fn(*consts, *carry, *[x[i] for x in xs])
        carry = out[:nh]
        for y, o in zip(ys, out[nh:]):
            y[i] = o
    return tuple(np.asarray(c) for c in carry) + tuple(ys)


def _scan_abstract_eval(*args, body, length, reverse, unroll, num_consts, num_carry):
    out = body.out_avals
    return tuple(out[:num_carry]) + tuple(
        ShapedArray((length,) + a.shape, a.dtype) for a in out[num_carry:])


scan_p = ControlFlowPrimitive("scan", _scan_impl, _scan_abstract_eval)
SHORT_LOOP = 16


# ---------------------------------------------------------------------------
# Forward mode: one scan over primals and tangents
# ---------------------------------------------------------------------------

def _scan_jvp_call(primals, tangents, *, body, length, reverse, unroll, num_consts, num_carry):
    nc, nh = num_consts, num_carry
    nx = len(primals) - nc - nh
    ny = len(body.out_avals) - nh
    nz = [t is not None and inexact(p) for p, t in zip(primals, tangents)]
    c_nz, h_nz, x_nz = nz[:nc], nz[nc:nc + nh], nz[nc + nh:]
    while True:
        jb, out_nz = jvp_body(body, c_nz + h_nz + x_nz, h_nz + [False] * ny)
        if out_nz[:nh] == h_nz:
            break
        h_nz = [a or b for a, b in zip(h_nz, out_nz[:nh])]
    nct, nht, nxt = sum(c_nz), sum(h_nz), sum(x_nz)
    n = nc + nh + nx
    # jvp body: (c, h, x, ct, ht, xt) -> (h', y, ht', yt); scan layout: (c, ct, h, ht, x, xt).
    in_order = (list(range(nc)) + list(range(n, n + nct))
                + list(range(nc, nc + nh)) + list(range(n + nct, n + nct + nht))
                + list(range(nc + nh, n)) + list(range(n + nct + nht, n + nct + nht + nxt)))
    nyt = sum(out_nz[nh:])
    out_order = (list(range(nh)) + list(range(nh + ny, nh + ny + nht))
                 + list(range(nh, nh + ny)) + list(range(nh + ny + nht, nh + ny + nht + nyt)))
    jbody = permuted(jb, in_order, out_order)
    consts, carry, xs = primals[:nc], primals[nc:nc + nh], primals[nc + nh:]
    t_c = [t for t, z in zip(tangents[:nc], c_nz) if z]
    t_h = [fit(t, p) for t, p, z in zip(tangents[nc:nc + nh], carry, h_nz) if z]
    t_x = [t for t, z in zip(tangents[nc + nh:], x_nz) if z]
    outs = scan_p.bind(*consts, *t_c, *carry, *t_h, *xs, *t_x, body=jbody, length=length,
                       reverse=reverse, unroll=unroll, num_consts=nc + nct,
                       num_carry=nh + nht)
    carry_out, carry_t = outs[:nh], iter(outs[nh:nh + nht])
    ys, ys_t = outs[nh + nht:nh + nht + ny], iter(outs[nh + nht + ny:])
    return (list(carry_out) + list(ys),
            [next(carry_t) if z else None for z in h_nz]
            + [next(ys_t) if z else None for z in out_nz[nh:]])


# ---------------------------------------------------------------------------
# Reverse mode: a forward scan stacking residuals, a backward scan consuming them
# ---------------------------------------------------------------------------

class _Linearized:
    """The two halves of a scan body's joint IR and how their inputs are fed."""

    def __init__(self, fwd, bwd, const_res, xs_res, n_res, ct_nz):
        self.fwd = fwd            # Body: (c, h, x) -> (h', y, residuals)
        self.bwd = bwd            # Body: backward scan body (see _bwd_body)
        self.const_res = const_res  # indices of constants the backward half reads
        self.xs_res = xs_res      # indices (among xs) of inputs the backward half reads
        self.n_res = n_res        # stacked residuals made by the forward half
        self.ct_nz = ct_nz        # which differentiated inputs get a cotangent


def _masks(body: Body, num_consts: int, num_carry: int, wanted):
    nc, nh = num_consts, num_carry
    avals = body.in_avals
    diff = [(w or nc <= i < nc + nh) and np.issubdtype(a.dtype, np.inexact)
            for i, (a, w) in enumerate(zip(avals, wanted))]
    ct_mask = [np.issubdtype(a.dtype, np.inexact) for a in body.out_avals]
    return tuple(diff), tuple(ct_mask)


def _linearize(body: Body, nc: int, nh: int, diff, ct_mask) -> _Linearized:
    return cached(body, ("linearize", nc, nh, diff, ct_mask),
                  lambda: _split_joint(body, nc, nh, diff, ct_mask))


def _split_joint(body: Body, nc: int, nh: int, diff, ct_mask) -> _Linearized:
    split = split_vjp(body, body.in_avals, body.out_avals, diff, ct_mask,
                      f"joint({body.name})")
    joint_ir, n_in, n_out = split.ir, split.n_in, split.n_out
    f_eqns, b_eqns, ct_nz = split.forward, split.backward, split.ct_nz
    const_ids = {id(v): k for k, v in enumerate(joint_ir.constvars)}
    in_ids = {id(v): k for k, v in enumerate(joint_ir.invars[:n_in])}
    const_res, xs_res, stacked, b_consts = [], [], [], []
    for v in split.residuals:
        if id(v) in const_ids:
            b_consts.append((v, joint_ir.consts[const_ids[id(v)]]))
        elif id(v) in in_ids and in_ids[id(v)] < nc:
            const_res.append(v)
        elif id(v) in in_ids and in_ids[id(v)] >= nc + nh:
            xs_res.append(v)
        else:
            stacked.append(v)
    fwd_ir = eliminate_dead_code(IR(
        list(joint_ir.invars[:n_in]), list(joint_ir.constvars), list(joint_ir.consts), f_eqns,
        list(joint_ir.outvars[:n_out]) + stacked))
    bwd_ir = IR(const_res + stacked + xs_res + list(joint_ir.invars[n_in:]),
                [v for v, _ in b_consts], [c for _, c in b_consts], b_eqns,
                list(joint_ir.outvars[n_out:]))
    lin = _Linearized(Body(fwd_ir, f"fwd({body.name})"), None,
                      [in_ids[id(v)] for v in const_res],
                      [in_ids[id(v)] - nc - nh for v in xs_res], len(stacked), list(ct_nz))
    lin.bwd = _bwd_body(Body(bwd_ir, f"bwd({body.name})"), body, nc, nh, diff, ct_mask, lin)
    return lin


def _bwd_body(half: Body, body: Body, nc: int, nh: int, diff, ct_mask, lin) -> Body:
    """The backward scan's body: constants (those the half reads); carry (the carry's
    cotangent, then accumulators of the constants' cotangents); per iteration (the ys'
    cotangents, the residuals, the inputs the half reads) -> (carry, the xs' cotangents)."""
    avals = body.in_avals
    out_avals = body.out_avals
    n_cres, n_res, n_xres = len(lin.const_res), lin.n_res, len(lin.xs_res)
    h_ct = [i for i in range(nc, nc + nh) if ct_mask[i - nc]]
    c_diff = [i for i in range(nc) if diff[i]]
    x_diff = [i for i in range(nc + nh, len(avals)) if diff[i]]
    y_ct = [j for j in range(nh, len(out_avals)) if ct_mask[j]]
    half_in = half.in_avals

    def fun(*args):
        k = 0
        cres = args[k:k + n_cres]
        k += n_cres
        hct = args[k:k + len(h_ct)]
        k += len(h_ct)
        acc = args[k:k + len(c_diff)]
        k += len(c_diff)
        gy = args[k:k + len(y_ct)]
        k += len(y_ct)
        res = args[k:k + n_res]
        k += n_res
        xres = args[k:k + n_xres]
        got = iter(half(*cres, *res, *xres, *hct, *gy))
        diff_idx = [i for i, d in enumerate(diff) if d]
        cts = {i: next(got) if nz else None for i, nz in zip(diff_idx, lin.ct_nz)}
        new_h = [fit(cts.get(i), h) for i, h in zip(h_ct, hct)]
        new_acc = [a if cts[i] is None else a + cts[i] for i, a in zip(c_diff, acc)]
        ct_x = [zeros_of(avals[i]) if cts[i] is None else cts[i] for i in x_diff]
        return new_h + new_acc + ct_x

    in_avals = ([half_in[k] for k in range(n_cres)] + [avals[i] for i in h_ct]
                + [avals[i] for i in c_diff] + [out_avals[j] for j in y_ct]
                + list(half_in[n_cres:n_cres + n_res + n_xres]))
    new, lifted = trace_body(fun, in_avals, f"bwd({body.name})")
    assert not lifted
    return new


def _scan_vjp_fwd(primals, wanted, *, body, length, reverse, unroll, num_consts, num_carry):
    diff, ct_mask = _masks(body, num_consts, num_carry, wanted)
    lin = _linearize(body, num_consts, num_carry, diff, ct_mask)
    outs = scan_p.bind(*primals, body=lin.fwd, length=length, reverse=reverse, unroll=unroll,
                       num_consts=num_consts, num_carry=num_carry)
    n_out = len(body.out_avals)
    return outs[:n_out], outs[n_out:]


def _scan_vjp(g, ans, primals, params, wanted):
    body, nc, nh = params["body"], params["num_consts"], params["num_carry"]
    length = params["length"]
    diff, ct_mask = _masks(body, nc, nh, wanted)
    lin = _linearize(body, nc, nh, diff, ct_mask)
    n_out = len(body.out_avals)
    if any(c is not None for c in g[n_out:]):
        # The backward pass was recorded on this tape (create_graph) and is being
        # differentiated: cotangents reach the residuals too. The node is then the scan
        # of the forward half, whose outputs are (outs, residuals); differentiate that
        # scan, recomputing its own residuals.
        fwd_params = dict(params, body=lin.fwd)
        outs2, res2 = _scan_vjp_fwd(primals, wanted, **fwd_params)
        return _scan_vjp(list(g), tuple(outs2) + tuple(res2), primals, fwd_params, wanted)
    res = list(ans[n_out:])
    out_avals = body.out_avals
    gh = [zeros_of(out_avals[j]) if g[j] is None else g[j] for j in range(nh) if ct_mask[j]]
    gy = [np.zeros((length,) + out_avals[j].shape, out_avals[j].dtype) if g[j] is None else g[j]
          for j in range(nh, n_out) if ct_mask[j]]
    c_diff = [i for i in range(nc) if diff[i]]
    acc = [zeros_like(primals[i]) for i in c_diff]
    cres = [primals[i] for i in lin.const_res]
    xres = [primals[nc + nh + j] for j in lin.xs_res]
    outs = scan_p.bind(*cres, *gh, *acc, *gy, *res, *xres, body=lin.bwd, length=length,
                       reverse=not params["reverse"], unroll=params["unroll"],
                       num_consts=len(cres), num_carry=len(gh) + len(acc))
    h_ct = [i for i in range(nc, nc + nh) if ct_mask[i - nc]]
    cts: list[Any] = [None] * len(primals)
    for i, c in zip(h_ct, outs[:len(gh)]):
        cts[i] = c
    for i, c in zip(c_diff, outs[len(gh):len(gh) + len(acc)]):
        cts[i] = c
    x_diff = [i for i in range(nc + nh, len(primals)) if diff[i]]
    for i, c in zip(x_diff, outs[len(gh) + len(acc):]):
        cts[i] = c
    return [c if w else None for c, w in zip(cts, wanted)]


# ---------------------------------------------------------------------------
# vmap: the batch axis of xs and ys is axis 1 (axis 0 is the loop's)
# ---------------------------------------------------------------------------

def _scan_batch(args, dims, *, body, length, reverse, unroll, num_consts, num_carry):
    size = batch_size_of(args, dims)
    nc, nh = num_consts, num_carry
    ny = len(body.out_avals) - nh
    consts = [to_front(a, d) for a, d in zip(args[:nc], dims[:nc])]
    carry = [to_front(a, d) for a, d in zip(args[nc:nc + nh], dims[nc:nc + nh])]
    xs = [a if d is None else moveaxis(a, d, 1) if d != 1 else a
          for a, d in zip(args[nc + nh:], dims[nc + nh:])]
    cdims = [None if d is None else 0 for d in dims[:nc]]
    xdims = [None if d is None else 0 for d in dims[nc + nh:]]
    h_b = [d is not None for d in dims[nc:nc + nh]]
    while True:
        _, out_b = batch_body(body, cdims + [0 if b else None for b in h_b] + xdims, size,
                              h_b + [False] * ny)
        if out_b[:nh] == h_b:
            break
        h_b = [a or b for a, b in zip(h_b, out_b[:nh])]
    bbody, out_b = batch_body(body, cdims + [0 if b else None for b in h_b] + xdims, size,
                              h_b + [False] * ny)
    carry = [broadcast_front(c, size) if b and d is None else c
             for c, b, d in zip(carry, h_b, dims[nc:nc + nh])]
    outs = scan_p.bind(*consts, *carry, *xs, body=bbody, length=length, reverse=reverse,
                       unroll=unroll, num_consts=nc, num_carry=nh)
    return tuple(outs), tuple([0 if b else None for b in h_b]
                              + [1 if b else None for b in out_b[nh:]])


scan_p.jvp_call = _scan_jvp_call
scan_p.vjp_fwd = _scan_vjp_fwd
scan_p.vjp = _scan_vjp
scan_p.batch = _scan_batch


# ---------------------------------------------------------------------------
# jit: a Python loop calling the compiled body
# ---------------------------------------------------------------------------

def _scan_source(gen, eqn, args, outs):
    """The loop, running ``unroll`` calls of the body per step and the remainder after."""
    p = eqn.params
    nc, nh, length = p["num_consts"], p["num_carry"], p["length"]
    k = max(1, min(int(p["unroll"] or length), max(length, 1)))
    fn = gen.function(p["body"].ir, "scan_body")
    consts, carry, xs = args[:nc], args[nc:nc + nh], args[nc + nh:]
    carry_out, ys = outs[:nh], outs[nh:]
    lines = [f"{c} = {a}" for c, a in zip(carry_out, carry)]
    for y, v in zip(ys, eqn.outputs[nh:]):
        lines.append(f"{y} = np.empty({v.aval.shape!r}, {dtype_source(v.aval.dtype)})")
    temps = [gen.fresh_name() for _ in ys]
    lhs = ", ".join(list(carry_out) + temps)
    lhs = f"{lhs}," if lhs else "_"

    def step(index, indent):
        """One call of the body at iteration ``index`` (an expression)."""
        i = f"{length - 1} - ({index})" if p["reverse"] else index
        call = f"{fn}({', '.join(list(consts) + list(carry_out) + [f'{x}[{i}]' for x in xs])})"
        return [f"{indent}{lhs} = {call}"] + [f"{indent}{y}[{i}] = {t}"
                                              for y, t in zip(ys, temps)]

    trips, rest = divmod(length, k)
    s = gen.fresh_name()
    if trips == 1:
        lines += [line for j in range(k) for line in step(str(j), "")]
    elif trips > 1:
        lines.append(f"for {s} in range(0, {trips * k}, {k}):")
        lines += [line for j in range(k) for line in step(f"{s} + {j}" if j else s, "    ")]
    if rest:
        lines.append(f"for {s} in range({trips * k}, {length}):")
        lines += step(s, "    ")
    return lines


defsource(scan_p, emit=statements(_scan_source))
