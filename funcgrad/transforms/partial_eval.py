"""Splitting a derivative into what runs forward and what runs backward.

:func:`split_vjp` stages a function together with its reverse pass into one
IR (the joint IR), then splits the equations by whether they depend on the
cotangents: the *known* ones can run in the forward pass, the others must wait
for the cotangents. The known values the backward equations read are the
*residuals*: what reverse mode must keep between the two passes. ``scan`` uses
the split to store per-iteration residuals; ``print_saved_residuals`` shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..core.ir import IR, Eqn, Literal, Var
from ..core.primitive import ShapedArray
from ._call import stage_flat
from .reverse import ReverseTrace, ReverseTracer, backward_pass, lower


class Split:
    """The joint IR of a function and its VJP, split in two.

    ``ir``: inputs are the primals then the cotangents of the ``ct_mask`` outputs;
    outputs are the function's outputs then the cotangents of the ``diff`` inputs that
    are not zero (``ct_nz`` says which). ``forward``/``backward``: its equations by
    dependence on the cotangents. ``residuals``: the known variables the backward
    equations (or the cotangent outputs) read, in order of first use.
    """

    def __init__(self, ir: IR, n_in: int, n_out: int, forward: list[Eqn],
                 backward: list[Eqn], residuals: list[Var], ct_nz: list[bool]) -> None:
        self.ir = ir
        self.n_in = n_in
        self.n_out = n_out
        self.forward = forward
        self.backward = backward
        self.residuals = residuals
        self.ct_nz = ct_nz


# Equations that only rearrange a value (no arithmetic): cheaper to redo in the backward
# pass than to keep, and keeping them would store a copy of the value (per iteration, in
# a scan) where the value itself is already kept (a weight matrix's transpose).
VIEWS = {"transpose", "reshape", "broadcast_to", "squeeze", "expand_dims"}


def _keep_views_for_backward(forward: list[Eqn], outputs) -> tuple[list[Eqn], list[Eqn]]:
    """Move the view equations only the backward pass reads into it."""
    uses = {id(v) for v in outputs if isinstance(v, Var)}
    stay, moved = [], []
    for e in reversed(forward):
        if e.prim.name in VIEWS and not any(id(o) in uses for o in e.outputs):
            moved.append(e)
        else:
            stay.append(e)
            uses.update(id(a) for a in e.inputs if isinstance(a, Var))
    return stay[::-1], moved[::-1]


def split_vjp(fun: Callable, avals: Sequence[ShapedArray], out_avals: Sequence[ShapedArray],
              diff: Sequence[bool], ct_mask: Sequence[bool], name: str = "joint") -> Split:
    """Stage ``fun`` (flat in, flat out) with its VJP and split the result (see :class:`Split`).

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> from funcgrad.core.primitive import ShapedArray
    >>> a = ShapedArray((), np.float64)
    >>> split = split_vjp(lambda x: [fnp.sin(x)], [a], [a], [True], [True])
    >>> [e.prim.name for e in split.forward], [e.prim.name for e in split.backward]
    (['sin', 'cos'], ['mul'])
    """
    n_in, n_out = len(avals), len(out_avals)
    ct_avals = [a for a, m in zip(out_avals, ct_mask) if m]
    ct_nz: list[bool] = []

    def joint(*args: Any) -> list[Any]:
        it = iter(args[n_in:])
        cts = [next(it) if m else None for m in ct_mask]
        trace = ReverseTrace("vjp")
        wrapped = [ReverseTracer(trace, p) if d else p for p, d in zip(args[:n_in], diff)]
        with trace:
            outs = list(fun(*wrapped))
        keep = [w for w, d in zip(wrapped, diff) if d]
        grads = backward_pass(trace, outs, cts, keep=keep, free=True)
        got = [grads.get(id(w)) for w in keep]
        ct_nz[:] = [g is not None for g in got]
        return [lower(trace, o) for o in outs] + [g for g in got if g is not None]

    ir = stage_flat(joint, list(avals) + ct_avals, name)
    unknown = {id(v) for v in ir.invars[n_in:]}
    forward, backward = [], []
    for e in ir.eqns:
        if any(not isinstance(a, Literal) and id(a) in unknown for a in e.inputs):
            backward.append(e)
            unknown.update(id(o) for o in e.outputs)
        else:
            forward.append(e)
    forward, moved = _keep_views_for_backward(forward, ir.outvars[:n_out])
    backward = moved + backward
    made = {id(o) for e in backward for o in e.outputs} | {id(v) for v in ir.invars[n_in:]}
    needed: dict[int, Var] = {}
    for atom in [a for e in backward for a in e.inputs] + list(ir.outvars[n_out:]):
        if isinstance(atom, Var) and id(atom) not in made:
            needed.setdefault(id(atom), atom)
    return Split(ir, n_in, n_out, forward, backward, list(needed.values()), list(ct_nz))
