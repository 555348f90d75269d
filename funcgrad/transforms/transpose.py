"""A VJP obtained by transposing a primitive's JVP rule with reverse mode.

A JVP rule is linear in the tangents. Running it under a reverse-mode trace on
zero tangents and pulling the cotangents back through what it recorded gives
exactly the transpose of that linear map, which is the VJP in JAX's
convention (``<v, J u> = <J^T v, u>`` under ``Re(sum(a * b))``). This is how
JAX derives most of its VJPs; here it serves the decompositions (SVD, QR,
Cholesky, ``eig``) whose hand-written VJPs would be long, error-prone copies of
their JVPs. Because the JVP is written with funcgrad.numpy operations, the
VJP so obtained is itself differentiable.
"""

from __future__ import annotations

from ..core.primitive import Primitive
from .creation import zeros_like


def vjp_by_transposing_jvp(prim: Primitive) -> None:
    """Set ``prim.vjp`` to the transpose of ``prim.jvp`` (which must be set)."""

    def vjp(g, ans, primals, params, wanted):
        from ..transforms.reverse import ReverseTrace, backward_pass

        trace = ReverseTrace("transpose")
        tangents = [
            trace.new_input(zeros_like(p)) if w else None for p, w in zip(primals, wanted)
        ]
        try:
            out = prim.jvp(list(primals), tangents, ans, **params)
        finally:
            trace.finish()
        outs = out if prim.multiple_results else (out,)
        gs = g if prim.multiple_results else (g,)
        roots, cts = [], []
        for o, c in zip(outs, gs):
            if o is not None and c is not None:
                roots.append(o)
                cts.append(c)
        keep = [t for t in tangents if t is not None]
        grads = backward_pass(trace, roots, cts, keep=keep)
        return [None if t is None else grads.get(id(t)) for t in tangents]

    prim.vjp = vjp
