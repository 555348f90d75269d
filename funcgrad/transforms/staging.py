"""Staging: a trace that knows only shapes and dtypes and writes the IR.

``make_ir`` (and ``jit``) run the function on :class:`StagingTracer` values;
each primitive becomes one equation. Python control flow that needs a value
raises :class:`~funcgrad.core.trace.ConcretizationError`.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.ir import IR, Eqn, Literal, Var
from ..core.primitive import ShapedArray
from ..core.trace import ConcretizationError, Trace, Tracer
from ..core.tree_util import tree_flatten
from ._args import P


class StagingTracer(Tracer):
    """A value known only by its shape and dtype, standing for an IR variable."""

    __slots__ = ("ir_var",)

    def __init__(self, trace: Trace, var: Var) -> None:
        self._trace = trace
        self.ir_var = var

    @property
    def aval(self) -> ShapedArray:
        return self.ir_var.aval

    @property
    def shape(self) -> tuple[int, ...]:
        return self.ir_var.aval.shape

    @property
    def dtype(self) -> np.dtype:
        return self.ir_var.aval.dtype

    def concrete(self) -> Any:
        raise ConcretizationError(
            f"A value traced by funcgrad.{self._trace.name} (shape {self.shape}, dtype "
            f"{self.dtype}) has no concrete value while the function is being staged, so "
            f"Python control flow (if/while/bool/int/float) cannot depend on it. Make the "
            f"argument static (static_argnums=...), or write the branch with "
            f"funcgrad.numpy.where."
        )

    def __repr__(self) -> str:
        return f"Traced<{self._trace.name}>({self.shape}, {self.dtype})"


class StagingTrace(Trace):
    """Records equations between typed variables, computing only shapes and dtypes."""

    __slots__ = ("eqns", "constvars", "consts", "const_ids")

    def __init__(self, name: str = "make_ir") -> None:
        super().__init__(name)
        self.eqns: list[Eqn] = []
        self.constvars: list[Var] = []
        self.consts: list[Any] = []
        self.const_ids: dict[int, Var] = {}

    def new_input(self, aval: ShapedArray) -> StagingTracer:
        return StagingTracer(self, Var(aval))

    def atom(self, value: Any):
        """The IR atom for an argument: our variable, a literal, or a captured constant."""
        if isinstance(value, StagingTracer) and value._trace is self:
            return value.ir_var
        if isinstance(value, Tracer) and not value._trace.active:
            raise value._trace.escaped()
        if isinstance(value, (numbers.Number, np.generic)) and not isinstance(value, Tracer):
            return Literal(value)
        var = self.const_ids.get(id(value))
        if var is None:
            aval = ShapedArray(np.shape(value), _dtype_of(value))
            var = Var(aval)
            self.const_ids[id(value)] = var
            self.constvars.append(var)
            self.consts.append(value)
        return var

    def process(self, prim, args, params):
        atoms = []
        in_avals = []
        for a in args:  # (once per equation of a staged program: kept lean)
            if type(a) is StagingTracer and a._trace is self:
                v = a.ir_var
                atoms.append(v)
                in_avals.append(v.aval)
            else:
                v = self.atom(a)
                atoms.append(v)
                in_avals.append(v.value if type(v) is Literal else v.aval)
        out_aval = prim.abstract_eval(*in_avals, **params)
        if prim.multiple_results:
            outs = [Var(a) for a in out_aval]
            self.eqns.append(Eqn(prim, atoms, outs, params))
            return tuple(StagingTracer(self, v) for v in outs)
        out = Var(out_aval)
        self.eqns.append(Eqn(prim, atoms, [out], params))
        return StagingTracer(self, out)

    def to_ir(self, invars: list[Var], outputs: list[Any], in_tree=None, out_tree=None) -> IR:
        outvars = [self.atom(o) for o in outputs]
        return IR(invars, self.constvars, self.consts, self.eqns, outvars, in_tree, out_tree)


def _dtype_of(value: Any) -> np.dtype:
    dtype = getattr(value, "dtype", None)
    return np.dtype(dtype) if dtype is not None else np.result_type(value)


def make_ir(
    fun: Callable[P, Any], *, static_argnums: int | Sequence[int] = ()
) -> Callable[P, IR]:
    """A function that traces ``fun`` on its arguments' shapes and dtypes and returns the IR.

    The anchor is ``jax.make_jaxpr``: ``str()`` of the result prints the
    equations, and the IR can be evaluated with :func:`funcgrad.core.ir.eval_ir`.

    Parameters
    ----------
    fun : callable
        The function to trace.
    static_argnums : int or tuple of ints
        Arguments passed to ``fun`` as they are (Python values), not traced.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> print(fg.make_ir(lambda x: fnp.sin(x) * 2.0)(fnp.ones(3)))
    { lambda ; a:f64[3]. let
        b:f64[3] = sin a
        c:f64[3] = mul b 2.0
      in (c,) }
    """
    static = {static_argnums} if isinstance(static_argnums, int) else set(static_argnums)

    def make_ir_fun(*args, **kwargs):
        dynamic = [a for i, a in enumerate(args) if i not in static]
        leaves, in_tree = tree_flatten(tuple(dynamic))
        trace = StagingTrace("make_ir")
        tracers = [trace.new_input(aval_of(x)) for x in leaves]
        it = iter(in_tree.unflatten(tracers))
        full = [a if i in static else next(it) for i, a in enumerate(args)]
        with trace:
            out = fun(*full, **kwargs)
        out_leaves, out_tree = tree_flatten(out)
        return trace.to_ir([t.ir_var for t in tracers], out_leaves, in_tree, out_tree)

    make_ir_fun.__name__ = f"make_ir({getattr(fun, '__name__', 'fun')})"
    return make_ir_fun


def aval_of(x: Any) -> ShapedArray:
    """The shape and dtype of a value (array, number, tracer), or an abstract value itself."""
    if isinstance(x, ShapedArray):
        return x
    if isinstance(x, StagingTracer):
        return x.aval
    if not isinstance(x, (np.ndarray, np.generic, numbers.Number, Tracer)):
        x = np.asarray(x)
    return ShapedArray(np.shape(x), _dtype_of(x))
