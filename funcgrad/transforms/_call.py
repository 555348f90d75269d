"""Call primitives: primitives whose work is a Python function carried in their params.

``custom_jvp``, ``custom_vjp`` and ``checkpoint`` each bind one call primitive
with a parameter ``call`` (a :class:`Call`) that holds the flattened function
(a flat list of arrays in, a flat list out) and whatever its rules need. Every
trace sees one equation, so each transform applies the call's own rule:

* evaluation runs ``call.fun``;
* staging (``make_ir``/``jit``) records one equation whose shapes come from
  staging ``call.fun`` (its IR is cached per input signature; ``jit`` inlines it
  when it compiles);
* forward mode asks the primitive's ``jvp_call`` for outputs and tangents in
  one go (so the function is not evaluated twice);
* reverse mode records the equation and applies the primitive's ``vjp``;
* ``vmap`` rebinds the primitive with a batched :class:`Call`, so the custom
  rule still applies inside ``grad(vmap(f))``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from ..core.ir import IR
from ..core.primitive import Primitive, ShapedArray
from ..core.trace import Tracer
from .forward import JVPTrace, JVPTracer
from .reverse import ReverseTrace, ReverseTracer, backward_pass
from .staging import StagingTrace, aval_of

_names = itertools.count()


class Call:
    """The ``call`` parameter of a call primitive: a flat function and its staged IRs."""

    def __init__(self, fun: Callable, name: str) -> None:
        self.fun = fun
        self.name = name
        self._irs: dict[tuple, IR] = {}

    def ir_for(self, avals: Sequence[Any]) -> IR:
        """``fun`` staged on values of the given shapes and dtypes (cached)."""
        avals = [aval_of(a) for a in avals]
        key = tuple(avals)
        ir = self._irs.get(key)
        if ir is None:
            ir = self._irs[key] = stage_flat(self.fun, avals, self.name)
        return ir

    def __repr__(self) -> str:
        return self.name


class CallPrimitive(Primitive):
    """A primitive applying ``params['call'].fun``; its outputs are a tuple.

    ``jvp_call(primals, tangents, *, call) -> (outs, tangents_out)`` computes the
    outputs and their tangents together (``None`` tangents are zeros).
    """

    def __init__(self, name: str) -> None:
        super().__init__(name, _call_impl, multiple_results=True)
        self.abstract_eval = _call_abstract_eval
        self.jvp_call: Callable | None = None


def _call_impl(*args, call):
    return tuple(call.fun(*args))


def _call_abstract_eval(*avals, call):
    ir = call.ir_for(avals)
    return tuple(v.aval for v in ir.outvars)


def stage_flat(fun: Callable, avals: Sequence[ShapedArray], name: str = "jit") -> IR:
    """The IR of ``fun`` (flat values in, flat list out) on abstract values."""
    trace = StagingTrace(name)
    tracers = [trace.new_input(a) for a in avals]
    with trace:
        outs = list(fun(*tracers))
    return trace.to_ir([t.ir_var for t in tracers], outs)


# ---------------------------------------------------------------------------
# Differentiating flat functions (None marks a zero tangent or cotangent)
# ---------------------------------------------------------------------------

def jvp_flat(fun: Callable, primals: Sequence[Any], tangents: Sequence[Any]):
    """``fun``'s outputs and their tangents along ``tangents`` (``None`` for zeros)."""
    if all(t is None for t in tangents):
        outs = list(fun(*primals))
        return outs, [None] * len(outs)
    trace = JVPTrace("jvp")
    with trace:
        outs = list(fun(*[p if t is None else JVPTracer(trace, p, t)
                          for p, t in zip(primals, tangents)]))
    ours = [isinstance(o, Tracer) and o._trace is trace for o in outs]
    return ([o.primal if m else o for o, m in zip(outs, ours)],
            [o.tangent if m else None for o, m in zip(outs, ours)])


def vjp_flat(fun: Callable, primals: Sequence[Any], cotangents: Sequence[Any],
             wanted: Sequence[bool]) -> list[Any]:
    """Cotangents of the wanted ``primals`` given the outputs' ``cotangents`` (``None``: zero)."""
    trace = ReverseTrace("vjp")
    args = [ReverseTracer(trace, p) if w else p for p, w in zip(primals, wanted)]
    with trace:
        outs = list(fun(*args))
    keep = [a for a, w in zip(args, wanted) if w]
    grads = backward_pass(trace, outs, list(cotangents), keep=keep, free=True)
    return [grads.get(id(a)) if w else None for a, w in zip(args, wanted)]
