"""Rerolling: an unrolled loop in an IR found again and compiled as a loop.

A Python loop traced by ``jit`` (``for _ in range(n): v = step(v)``) leaves ``n``
copies of the step's equations in the IR, and their gradient ``n`` more. Generated
as straight-line code, CPython's ``compile`` then costs ~20 µs a line, and a program
of 1e5 steps minutes. :func:`reroll` finds runs of equations that repeat with the
same structure — the same primitives, parameters, literals and shapes, each input
coming from the same place relative to its equation — and replaces each run by one
``rerolled_loop`` equation: a body (one repetition, its own IR) applied ``count``
times. Code generation writes it as a ``for`` loop around the body's lines, so the
code is as long as one repetition and runs the same NumPy calls.

Each input of a repetition is one of:

- an output of an earlier equation of the same repetition;
- a *carry*: an output of the previous repetition (in the first, a value from
  before the run: the carry's initial value);
- an *invariant*: the same value in every repetition (an argument, a constant);
- a *varying* input: a different value from before the run in each repetition
  (the forward pass's values, read by the backward pass in reverse order).

An output of a repetition used after the run is collected over all repetitions
(in a list in the generated code); one used after the run only from the last
repetition is returned as it is.

Finding the runs is linear in the number of equations: each equation gets a code
(its structure, with each input written as its distance to the equation that made
it), and for every period ``p`` up to :data:`MAX_PERIOD` NumPy compares the codes
with the codes ``p`` further on.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.ir import IR, Eqn, Literal, Var, eval_ir
from ..core.primitive import Primitive, defsource

#: The longest repeated block looked for (equations per repetition).
MAX_PERIOD = 64
#: Fewer repetitions than this are left unrolled.
MIN_REPEATS = 8
#: Programs with fewer equations than this are not searched.
MIN_EQUATIONS = 2_000

_FAR = 2 * MAX_PERIOD  # inputs made further back than this are compared by value, not distance


def _rerolled_impl(*args, body: IR, count: int, num_carry: int, num_invariant: int,
                   num_varying: int, num_collected: int):
    nc, ni, nx, ny = num_carry, num_invariant, num_varying, num_collected
    carry = list(args[:nc])
    invariant = list(args[nc:nc + ni])
    varying = args[nc + ni:]
    collected: list[list] = [[] for _ in range(ny)]
    last: list = []
    for r in range(count):
        outs = eval_ir(body, *carry, *invariant, *varying[r * nx:(r + 1) * nx])
        for c, o in zip(collected, outs[:ny]):
            c.append(o)
        carry = outs[ny:ny + nc]
        last = outs[ny + nc:]
    return [o for c in collected for o in c] + list(last)


rerolled_p = Primitive("rerolled_loop", _rerolled_impl, multiple_results=True)


# ---------------------------------------------------------------------------
# Finding the runs
# ---------------------------------------------------------------------------

class _Index:
    """Where each equation output was made and where it was last used, in lists indexed
    by the variables' creation numbers (dicts keyed by id cost microseconds an entry at a
    million entries: a long program's time went there)."""

    def __init__(self, eqns: list) -> None:
        counts = [o.count for e in eqns for o in e.outputs]
        self.base = min(counts, default=0)
        size = max(counts, default=0) - self.base + 1
        self.eqn = [-1] * size  # index of the equation making the variable
        self.pos = [0] * size  # which of its outputs
        self.last = [-1] * size  # index of the last equation reading it

    @staticmethod
    def span(eqns: list) -> int:
        counts = [o.count for e in eqns for o in e.outputs]
        return max(counts, default=0) - min(counts, default=0) + 1

    def where(self, v: Any) -> tuple[int, int] | None:
        j = v.count - self.base
        if 0 <= j < len(self.eqn) and self.eqn[j] >= 0:
            return self.eqn[j], self.pos[j]
        return None


def _codes(eqns: list) -> tuple[np.ndarray, _Index]:
    """A structural code per equation, and where each output was made and last used.

    (This loop runs once per equation of a long program: it is kept lean.)
    """
    index = _Index(eqns)
    base, made, pos, last = index.base, index.eqn, index.pos, index.last
    size = len(made)
    table: dict[Any, int] = {}
    param_keys: dict[int, Any] = {}
    codes = np.empty(len(eqns), np.int64)
    unique = 0
    literal = Literal
    for i, e in enumerate(eqns):
        params = e.params
        if not params:
            pk: Any = ()
        else:
            pk = param_keys.get(id(params))
            if pk is None:
                try:
                    # (with the values' types: 2 == 2.0 == np.float32(2), True == 1)
                    pk = tuple((k, type(v), v) for k, v in sorted(params.items()))
                    hash(pk)
                except TypeError:
                    unique += 1
                    pk = ("unique", unique)  # (never equal to another equation's)
                param_keys[id(params)] = pk
        outs = e.outputs
        key: list = [e.prim, pk]
        for o in outs:
            aval = o.aval
            key.append(aval.shape)
            key.append(id(aval.dtype))  # (a dtype's own hash is slow; NumPy's are singletons)
        for a in e.inputs:
            if type(a) is literal:
                v = a.value
                # (0.0 == -0.0, but 1 / x tells them apart: zeros by their sign)
                key.append((type(v), v) if v != 0 else (type(v), repr(v)))
                continue
            j = a.count - base
            if 0 <= j < size and made[j] >= 0:
                last[j] = i
                d = i - made[j]
                if d <= _FAR:
                    key.append((d, pos[j]))
                    continue
            key.append((a.aval.shape, id(a.aval.dtype)))
        for k, o in enumerate(outs):
            j = o.count - base
            made[j] = i
            pos[j] = k
        tk = tuple(key)
        code = table.get(tk)
        if code is None:
            code = table[tk] = len(table)
        codes[i] = code
    return codes, index


def _candidates(codes: np.ndarray) -> list[tuple[int, int, int]]:
    """Periodic runs ``(start, period, repeats)``, the longest first (then smaller periods);
    they overlap (a run of period ``p`` is one of period ``2p`` too)."""
    n = len(codes)
    found = []
    for p in range(1, min(MAX_PERIOD, n // MIN_REPEATS) + 1):
        same = np.empty(n - p + 2, np.int8)
        same[0] = same[-1] = 0
        same[1:-1] = codes[p:] == codes[:-p]
        edges = np.flatnonzero(np.diff(same))
        for s, e in zip(edges[::2], edges[1::2]):
            repeats = (e - s + p) // p  # codes[s:e + p] has period p
            if repeats >= MIN_REPEATS:
                found.append((int(s), p, int(repeats)))
    found.sort(key=lambda c: (-(c[1] * c[2]), c[1]))
    return found


# ---------------------------------------------------------------------------
# One run as one equation
# ---------------------------------------------------------------------------

def _build(eqns: list, start: int, p: int, count: int, index: _Index,
           end_uses: set) -> Eqn | None:
    """The ``rerolled_loop`` equation for ``eqns[start:start + p * count]``, or None when
    the run's data flow is not that of a loop."""
    stop = start + p * count
    body_eqns = eqns[start:start + p]
    base, made, last, size = index.base, index.eqn, index.last, len(index.eqn)
    # How each input of the body reads: ("in", offset, k) / ("carry", offset, k, init)
    # / ("lit",) / ("inv", atom) / ("var", [atom per repetition]).
    kinds: list[list] = []
    for o, e in enumerate(body_eqns):
        row: list[tuple] = []
        for j, a in enumerate(e.inputs):
            if type(a) is Literal:
                row.append(("lit",))
                continue
            second = eqns[start + p + o].inputs[j] if count > 1 else a
            where = index.where(second)
            if where is not None and start + p <= where[0] < start + p + o:
                row.append(("in", where[0] - start - p, where[1]))
            elif where is not None and start <= where[0] < start + p:
                row.append(("carry", where[0] - start, where[1], a))
            else:
                atoms = [eqns[start + r * p + o].inputs[j] for r in range(count)]
                for b in atoms:
                    if type(b) is Literal:
                        continue
                    m = b.count - base
                    if 0 <= m < size and made[m] >= start:
                        return None  # made inside the run, further back than the last step
                if all(b is a for b in atoms):
                    row.append(("inv", a))
                else:
                    row.append(("var", atoms))
        kinds.append(row)
    # Which outputs of a repetition are used after the run: collected over all
    # repetitions, or (used only from the last one) returned as they are.
    collect: list[tuple[int, int]] = []
    final: list[tuple[int, int]] = []
    for o, e in enumerate(body_eqns):
        for k in range(len(e.outputs)):
            outs = [eqns[start + r * p + o].outputs[k] for r in range(count)]
            late = [last[v.count - base] >= stop or id(v) in end_uses for v in outs]
            if any(late[:-1]):
                collect.append((o, k))
            elif late[-1]:
                final.append((o, k))
    return _assemble(eqns, start, p, count, kinds, collect, final)


def _assemble(eqns, start, p, count, kinds, collect, final) -> Eqn:
    body_eqns = eqns[start:start + p]
    carry_keys: dict[tuple, int] = {}
    carry_init: list = []
    carry_from: list[tuple[int, int]] = []
    invariants: dict[int, int] = {}
    invariant_atoms: list = []
    varying: list[list] = []
    for row in kinds:
        for kind in row:
            if kind[0] == "carry":
                key = (kind[1], kind[2], id(kind[3]))
                if key not in carry_keys:
                    carry_keys[key] = len(carry_init)
                    carry_init.append(kind[3])
                    carry_from.append((kind[1], kind[2]))
            elif kind[0] == "inv" and id(kind[1]) not in invariants:
                invariants[id(kind[1])] = len(invariant_atoms)
                invariant_atoms.append(kind[1])
            elif kind[0] == "var":
                varying.append(kind[1])
    carry_vars = [Var(a.aval) for a in carry_init]
    invariant_vars = [Var(a.aval) for a in invariant_atoms]
    varying_vars = [Var(atoms[0].aval) for atoms in varying]
    produced: list[list[Var]] = []
    new_eqns = []
    x = 0
    for e, row in zip(body_eqns, kinds):
        inputs = []
        for a, kind in zip(e.inputs, row):
            tag = kind[0]
            if tag == "lit":
                inputs.append(a)
            elif tag == "in":
                inputs.append(produced[kind[1]][kind[2]])
            elif tag == "carry":
                inputs.append(carry_vars[carry_keys[(kind[1], kind[2], id(kind[3]))]])
            elif tag == "inv":
                inputs.append(invariant_vars[invariants[id(kind[1])]])
            else:
                inputs.append(varying_vars[x])
                x += 1
        outs = [Var(o.aval) for o in e.outputs]
        produced.append(outs)
        new_eqns.append(Eqn(e.prim, inputs, outs, e.params))
    body = IR(carry_vars + invariant_vars + varying_vars, [], [], new_eqns,
              [produced[o][k] for o, k in collect] + [produced[o][k] for o, k in carry_from]
              + [produced[o][k] for o, k in final])
    inputs = carry_init + invariant_atoms + [atoms[r] for r in range(count) for atoms in varying]
    outputs = [eqns[start + r * p + o].outputs[k] for o, k in collect for r in range(count)]
    outputs += [eqns[start + (count - 1) * p + o].outputs[k] for o, k in final]
    return Eqn(rerolled_p, inputs, outputs, {
        "body": body, "count": count, "num_carry": len(carry_vars),
        "num_invariant": len(invariant_vars), "num_varying": len(varying_vars),
        "num_collected": len(collect)})


def reroll(ir: IR) -> IR:
    """``ir`` with each long run of repeated equations as one ``rerolled_loop`` equation.

    Evaluates to the same values: the loop runs the same equations in the same order.
    """
    eqns = ir.eqns
    if len(eqns) < MIN_EQUATIONS:
        return ir
    if _Index.span(eqns) > 8 * len(eqns) + 100_000:
        return ir  # (variables made far apart: the index would be mostly empty)
    codes, index = _codes(eqns)
    end_uses = {id(v) for v in ir.outvars if type(v) is not Literal}
    taken = np.zeros(len(eqns), bool)
    loops: list[tuple[int, int, Eqn]] = []
    for s, p, k in _candidates(codes):
        if taken[s:s + p * k].any():
            continue
        eqn = _build(eqns, s, p, k, index, end_uses)
        if eqn is not None:  # (else a shorter or longer period may still be a loop)
            taken[s:s + p * k] = True
            loops.append((s, s + p * k, eqn))
    if not loops:
        return ir
    out: list[Eqn] = []
    at = 0
    for s, e, eqn in sorted(loops, key=lambda t: t[0]):
        out.extend(eqns[at:s])
        out.append(eqn)
        at = e
    out.extend(eqns[at:])
    return IR(list(ir.invars), list(ir.constvars), list(ir.consts), out, list(ir.outvars),
              ir.in_tree, ir.out_tree)


# ---------------------------------------------------------------------------
# Code generation: a for loop around the body's lines
# ---------------------------------------------------------------------------

def _sequence(gen, atoms: list, args: list) -> str:
    """Source iterating over ``atoms`` (one per repetition): a list the generated code
    collected (``L1``, ``reversed(L1)``, a slice of it), or such pieces and single
    values joined in a list (``[*L1[7::-1], x]``)."""
    items = gen.list_items
    pieces: list[tuple[bool, str]] = []  # (whether the piece is many values, its source)
    r = 0
    while r < len(atoms):
        where = items.get(id(atoms[r]))
        if where is None:
            pieces.append((False, args[r]))
            r += 1
            continue
        name, index, length = where
        step, end = 0, r + 1
        nxt = items.get(id(atoms[end])) if end < len(atoms) else None
        if nxt is not None and nxt[0] == name and abs(nxt[1] - index) == 1:
            step = nxt[1] - index
            while end < len(atoms):
                nxt = items.get(id(atoms[end]))
                if nxt is None or nxt[0] != name or nxt[1] != index + step * (end - r):
                    break
                end += 1
        last = index + step * (end - r - 1)
        if step == 0:
            pieces.append((False, f"{name}[{index}]"))
        elif step == 1:
            full = index == 0 and last == length - 1
            pieces.append((True, name if full else f"{name}[{index}:{last + 1}]"))
        else:
            full = index == length - 1 and last == 0
            stop = "" if last == 0 else str(last - 1)
            pieces.append((True, f"reversed({name})" if full else f"{name}[{index}:{stop}:-1]"))
        r = end
    if len(pieces) == 1 and pieces[0][0]:
        return pieces[0][1]
    return "[" + ", ".join(f"*{src}" if many else src for many, src in pieces) + "]"


def _emit(gen, k: int, eqn: Eqn, args: list) -> None:
    """Write the loop: carries as variables, collected outputs appended to lists."""
    p = eqn.params
    body, count = p["body"], p["count"]
    nc, ni, nx, ny = p["num_carry"], p["num_invariant"], p["num_varying"], p["num_collected"]
    sub = gen.loop_body(body)
    carry = [gen.fresh_name() for _ in range(nc)]
    lines = [f"{c} = {a}" for c, a in zip(carry, args[:nc])]
    for v, c in zip(body.invars[:nc], carry):
        sub.names[id(v)] = c
    for v, a in zip(body.invars[nc:nc + ni], args[nc:nc + ni]):
        sub.names[id(v)] = a
    loop_vars = [gen.fresh_name() for _ in range(nx)]
    for v, n in zip(body.invars[nc + ni:], loop_vars):
        sub.names[id(v)] = n
    lists = [gen.fresh_list() for _ in range(ny)]
    lines += [f"{name} = []" for name in lists]
    inputs = eqn.inputs[nc + ni:]
    sources = args[nc + ni:]
    seqs = [_sequence(gen, inputs[j::nx], sources[j::nx]) for j in range(nx)]
    if nx == 0:
        lines.append(f"for _ in range({count}):")
    elif nx == 1:
        lines.append(f"for {loop_vars[0]} in {seqs[0]}:")
    else:
        lines.append(f"for {', '.join(loop_vars)} in zip({', '.join(seqs)}):")
    body_lines, outs = sub.body_lines()
    lines += [f"    {line}" for line in body_lines]
    lines += [f"    {name}.append({o})" for name, o in zip(lists, outs[:ny])]
    finals = outs[ny + nc:]
    for j, o in enumerate(finals):
        if o in carry:  # (the carry is about to change: keep the value it has now)
            finals[j] = gen.fresh_name()
            lines.append(f"    {finals[j]} = {o}")
    if nc:
        lines.append(f"    {', '.join(carry)}{',' if nc == 1 else ''} = "
                     f"{', '.join(outs[ny:ny + nc])}{',' if nc == 1 else ''}")
    gen.lines.extend(lines)
    # The outputs: collected ones as list items, the last repetition's values as the
    # loop left them (a carry as its variable: the body's own name may be a temporary).
    outputs = eqn.outputs
    for j, name in enumerate(lists):
        for r in range(count):
            v = outputs[j * count + r]
            gen.names[id(v)] = f"{name}[{r}]"
            gen.list_items[id(v)] = (name, r, count)
    for v, o in zip(outputs[ny * count:], finals):
        gen.names[id(v)] = o


defsource(rerolled_p, emit=_emit)
