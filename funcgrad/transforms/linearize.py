"""``linearize``: evaluate a function once and keep its linear part as an IR.

Forward mode runs with concrete primals and with tangents that are staging
tracers: every primal computation happens now, and every JVP rule applied to
a tangent becomes an equation. Factors that depend on the primals (``cos(x)``
for ``sin``) are computed once and enter the IR as constants. The resulting
IR is linear in the tangents; ``f_jvp`` runs it (compiled, as ``jit`` does)
without redoing any of ``f``'s nonlinear work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.array import as_array
from ..core.ir import eval_ir
from ..core.primitive import ShapedArray
from ..core.trace import Tracer
from ..core.tree_util import tree_flatten
from . import codegen
from ._args import check_callable, flatten_inputs
from .forward import JVPTrace, JVPTracer
from .optimize import optimize
from .staging import StagingTrace


def linearize(fun: Callable[..., Any], *primals: Any) -> tuple[Any, Callable[..., Any]]:
    """The output of ``fun(*primals)`` and its JVP as a function of the tangents alone.

    ``f_jvp(*tangents)`` equals ``jvp(fun, primals, tangents)[1]`` but replays
    only the recorded linear IR (compiled to NumPy), so evaluating it for many
    tangents costs no more nonlinear work.

    Returns
    -------
    (out, f_jvp)

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> out, f_jvp = fg.linearize(fnp.sin, 0.0)
    >>> out, f_jvp(2.0)
    (array(0.), array(2.))
    """
    check_callable(fun, "linearize")
    inputs, in_tree = flatten_inputs(fun, primals, range(len(primals)), "linearize")
    staging = StagingTrace("linearize")  # lower level than the JVP trace opened below
    t_in = [staging.new_input(ShapedArray(np.shape(x), x.dtype)) for x in inputs]
    trace = JVPTrace("linearize")
    with staging, trace:
        out = fun(*in_tree.unflatten(JVPTracer(trace, x, t) for x, t in zip(inputs, t_in)))
    out_leaves, out_tree = tree_flatten(out)
    ours = [isinstance(o, Tracer) and o._trace is trace for o in out_leaves]
    primals_out = [as_array(o.primal if m else o) for o, m in zip(out_leaves, ours)]
    tangents_out = [o.tangent if m else np.zeros(np.shape(p), p.dtype)
                    for o, m, p in zip(out_leaves, ours, primals_out)]
    ir = staging.to_ir([t.ir_var for t in t_in], tangents_out, in_tree, out_tree)
    concrete = not any(isinstance(c, Tracer) for c in ir.consts)
    compiled = []

    def f_jvp(*tangents):
        leaves, t_tree = tree_flatten(tangents)
        if t_tree != in_tree:
            raise TypeError(
                f"linearize: the JVP function takes tangents with the structure of the "
                f"primals, {in_tree}, but got {t_tree}"
            )
        checked = []
        for k, (t, x) in enumerate(zip(leaves, inputs)):
            t = t if isinstance(t, Tracer) else np.asarray(t, dtype=x.dtype)
            if np.shape(t) != np.shape(x):
                raise ValueError(
                    f"linearize: tangent {k} has shape {np.shape(t)} but its primal has shape "
                    f"{np.shape(x)}"
                )
            checked.append(t)
        if concrete and not any(isinstance(t, Tracer) for t in checked):
            if not compiled:
                name = f"{getattr(fun, '__name__', 'f')}_jvp"
                compiled.append(codegen.generate(optimize(ir), name).compile())
            outs = compiled[0](*checked)
        else:
            outs = eval_ir(ir, *checked)
        return out_tree.unflatten([as_array(o) for o in outs])

    f_jvp.ir = ir  # the linear IR, for inspection
    return out_tree.unflatten(primals_out), f_jvp
