"""Forward mode: a trace that carries each value together with its tangent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, overload

import numpy as np

from ..core.array import as_array, as_result
from ..core.trace import Trace, Tracer, missing_rule
from ..core.tree_util import tree_flatten, tree_map
from ..primitives.shape import broadcast_to
from ..primitives.util import zeros_like
from ._args import check_callable, flatten_inputs, split_aux
from .reverse import cast_derivative, lower


class JVPTracer(Tracer):
    """A value and its tangent (never a symbolic zero: a zero-tangent value is not traced)."""

    __slots__ = ("primal", "tangent")

    carries_derivative = True

    def __init__(self, trace: Trace, primal: Any, tangent: Any) -> None:
        self._trace = trace
        self.primal = primal
        self.tangent = tangent

    @property
    def shape(self) -> tuple[int, ...]:
        return self.primal.shape

    @property
    def dtype(self):
        return self.primal.dtype

    def concrete(self) -> Any:
        return self.primal

    def __repr__(self) -> str:
        return f"Traced<{self._trace.name}>({self.primal!r})"


class JVPTrace(Trace):
    """Applies each primitive to primals and its JVP rule to tangents, as it goes."""

    __slots__ = ()
    differentiates = True

    def __init__(self, name: str = "jvp") -> None:
        super().__init__(name)

    def process(self, prim, args, params):
        primals = []
        tangents = []
        for a in args:
            if isinstance(a, Tracer):
                if a._trace is self:
                    primals.append(a.primal)
                    tangents.append(a.tangent)
                    continue
                if not a._trace.active:
                    raise a._trace.escaped(f" (in {prim.name})")
            primals.append(a)
            tangents.append(None)
        jvp_call = prim.jvp_call
        if jvp_call is not None:
            # Call primitives (custom_jvp, checkpoint) give outputs and tangents together.
            out, t_out = jvp_call(primals, tangents, **params)
        else:
            out = prim.bind(*primals, **params)
            if not prim.differentiable:
                return out
            if prim.jvp is None:
                raise missing_rule(prim, "JVP", "defjvp or defderivative")
            t_out = prim.jvp(primals, tangents, out, **params)
        if prim.multiple_results:
            return tuple(
                o if t is None else JVPTracer(self, o, fit_tangent(t, o))
                for o, t in zip(out, t_out)
            )
        if t_out is None:
            return out
        return JVPTracer(self, out, fit_tangent(t_out, out))


def fit_tangent(t: Any, primal: Any) -> Any:
    """Broadcast ``t`` to ``primal``'s shape and cast it to ``primal``'s dtype.

    The forward twin of :func:`~funcgrad.transforms.reverse.fit_cotangent`:
    a rule may return the tangent of one broadcast operand as is.
    """
    if type(t) is np.ndarray and type(primal) is np.ndarray:
        if t.shape == primal.shape and t.dtype == primal.dtype:
            return t  # the common case: nothing to fit
    elif not hasattr(t, "dtype"):  # a rule mixing Python scalars may return one
        t = np.asarray(t)
    shape = primal.shape
    if np.shape(t) != shape:
        t = broadcast_to(t, shape)
    if t.dtype != primal.dtype:
        t = cast_derivative(t, primal.dtype)
    return t


# ---------------------------------------------------------------------------
# The transform
# ---------------------------------------------------------------------------

@overload
def jvp(
    fun: Callable[..., Any], primals: Sequence[Any], tangents: Sequence[Any],
    has_aux: Literal[False] = False,
) -> tuple[Any, Any]: ...


@overload
def jvp(
    fun: Callable[..., Any], primals: Sequence[Any], tangents: Sequence[Any],
    has_aux: Literal[True],
) -> tuple[Any, Any, Any]: ...


def jvp(
    fun: Callable, primals: Sequence[Any], tangents: Sequence[Any], has_aux: bool = False
) -> tuple:
    """The output of ``fun(*primals)`` and its directional derivative along ``tangents``.

    Parameters
    ----------
    fun : callable
        A function of arrays (or pytrees of arrays).
    primals : tuple or list
        The point, one entry per positional argument of ``fun``.
    tangents : tuple or list
        The direction, with the structure, shapes and dtypes of ``primals``.
    has_aux : bool
        ``fun`` returns ``(output, aux)``; the result is ``(out, tangent_out, aux)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jvp(fnp.sin, (0.0,), (2.0,))   # (sin 0, cos 0 * 2)
    (array(0.), array(2.))
    """
    check_callable(fun, "jvp")
    if not isinstance(primals, (tuple, list)) or not isinstance(tangents, (tuple, list)):
        raise TypeError(
            "jvp: primals and tangents must be tuples or lists, one entry per argument of "
            f"the function, e.g. jvp(f, (x,), (v,)); got {type(primals).__name__} and "
            f"{type(tangents).__name__}"
        )
    if len(primals) != len(tangents):
        raise TypeError(
            f"jvp: got {len(primals)} primals but {len(tangents)} tangents; give one "
            f"tangent per primal"
        )
    inputs, in_tree = flatten_inputs(fun, primals, range(len(primals)), "jvp")
    t_leaves, t_tree = tree_flatten(tuple(tangents))
    if t_tree != in_tree:
        raise TypeError(f"jvp: tangents have structure {t_tree}, primals have {in_tree}")
    t_leaves = [_check_tangent(t, x, i) for i, (t, x) in enumerate(zip(t_leaves, inputs))]
    trace = JVPTrace("jvp")
    with trace:
        out = fun(*in_tree.unflatten(JVPTracer(trace, x, t) for x, t in zip(inputs, t_leaves)))
    if has_aux:
        out, aux = split_aux(out, "jvp")
        aux = tree_map(lambda a: a.primal if _ours(a, trace) else a, aux)
    out_leaves, out_tree = tree_flatten(out)
    primals_out = [as_result(lower(trace, o)) for o in out_leaves]
    tangents_out = [as_result(as_array(o.tangent)) if _ours(o, trace) else zeros_like(o)
                    for o in out_leaves]
    result = (out_tree.unflatten(primals_out), out_tree.unflatten(tangents_out))
    return result + (aux,) if has_aux else result


def _ours(value: Any, trace: Trace) -> bool:
    return isinstance(value, Tracer) and value._trace is trace


def _check_tangent(t: Any, primal: Any, i: int) -> Any:
    t = t if isinstance(t, Tracer) else np.asarray(t)
    if np.shape(t) != np.shape(primal):
        raise ValueError(
            f"jvp: tangent {i} has shape {np.shape(t)} but its primal has shape "
            f"{np.shape(primal)}; each tangent must have its primal's shape"
        )
    t_dtype, p_dtype = np.dtype(t.dtype), np.dtype(primal.dtype)
    if t_dtype != p_dtype:
        if isinstance(t, np.ndarray) and t_dtype.kind in "iub" and p_dtype.kind in "fc":
            return t.astype(p_dtype)  # integer literals such as jvp(f, (x,), (1,)) are fine
        raise TypeError(
            f"jvp: tangent {i} has dtype {t_dtype.name} but its primal has dtype "
            f"{p_dtype.name}; each tangent must have its primal's dtype "
            f"(e.g. `v.astype({p_dtype.name})`)"
        )
    return t
