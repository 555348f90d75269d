"""Reverse mode: a trace that records equations while computing values eagerly.

Each :class:`ReverseTracer` is a node of the recorded graph: it holds its value
(``primal``) and the equation that produced it (``prim``, ``args``, ``params``).
Because values are computed as the function runs, Python control flow on them
works. :func:`backward_pass` walks the graph from the outputs in reverse order
of creation, applies each primitive's VJP rule, sums cotangents where a value
fans out, and pops each cotangent once it is used.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from ..core.array import as_array, as_result, is_duck_array, result_type, warn_if_converted
from ..core.config import config
from ..core.nans import NaNError, check_nans, user_frame
from ..core.primitive import Primitive
from ..core.trace import Trace, Tracer, missing_rule
from ..core.tree_util import tree_flatten, tree_map, tree_structure
from ..primitives.elementwise import astype, real
from ..primitives.shape import sum_to_shape
from ..primitives.util import zeros_like
from ._args import (
    P,
    flatten_inputs,
    normalize_argnums,
    regroup,
    resolve_argnums,
    split_args,
    split_aux,
    unique_argnums,
)

node_sequence = itertools.count()


class ReverseTracer(Tracer):
    """A value recorded by a reverse-mode trace: its primal and the equation behind it."""

    # `where` (the user's source line) is set only while debug_nans is on.
    __slots__ = ("primal", "prim", "args", "params", "seq", "where")

    carries_derivative = True

    def __init__(self, trace: Trace, primal: Any, prim=None, args=(), params=None) -> None:
        self._trace = trace
        self.primal = primal
        self.prim = prim
        self.args = args
        self.params = params
        self.seq = next(node_sequence)
        tape = trace.tape
        if tape is not None:
            tape.append(self)

    @property
    def shape(self) -> tuple[int, ...]:
        try:
            return self.primal.shape
        except AttributeError:  # a Python number
            return np.shape(self.primal)

    @property
    def dtype(self) -> np.dtype:
        return self.primal.dtype

    def concrete(self) -> Any:
        return self.primal

    def __repr__(self) -> str:
        return f"Traced<{self._trace.name}>({self.primal!r})"


# The output of a multiple-result primitive is a hidden node whose primal is a
# tuple; users see one `select_output` node per result.
_LEAF = tree_structure(0.0)  # the structure of one output

select_output_p = Primitive("select_output", lambda results, *, index: results[index])


class ReverseTrace(Trace):
    """Records each primitive applied to its tracers, computing values as it goes.

    ``tape`` lists its tracers in creation order, so that the reverse walk visits them
    backwards instead of ordering them in a heap (``None`` for a trace whose nodes are
    not all made by :class:`ReverseTracer`'s constructor: the torch face's).
    """

    __slots__ = ("tape",)
    differentiates = True

    def __init__(self, name: str = "vjp") -> None:
        super().__init__(name)
        self.tape: list | None = []

    def new_input(self, value: Any) -> ReverseTracer:
        return ReverseTracer(self, value)

    def process(self, prim, args, params):
        primals = []
        nested = False  # is any primal traced by an outer transform?
        for a in args:
            if type(a) is ReverseTracer and a._trace is self:  # the common case, first
                a = a.primal
                if type(a) is not np.ndarray and isinstance(a, Tracer):
                    nested = True
            elif isinstance(a, Tracer):
                if a._trace is self:
                    a = a.primal
                    if isinstance(a, Tracer):
                        nested = True
                else:
                    if not a._trace.active:
                        raise a._trace.escaped(f" (in {prim.name})")
                    nested = True
            primals.append(a)
        if not params:
            params = _NO_PARAMS  # one shared empty dict: 64 bytes less per recorded equation
        if prim.vjp_fwd is not None:
            # Primitives that keep residuals for their VJP (loops): the node's primal is
            # the outputs followed by the residuals; users see only the outputs.
            wanted = [isinstance(a, Tracer) and a._trace is self for a in args]
            out, residuals = prim.vjp_fwd(primals, wanted, **params)
            node = ReverseTracer(self, tuple(out) + tuple(residuals), prim, args, params)
            return tuple(
                ReverseTracer(self, o, select_output_p, (node,), {"index": i})
                for i, o in enumerate(out)
            )
        out = prim.bind(*primals, **params) if nested else prim.impl(*primals, **params)
        if not config.nans_watched and prim.vjp is not None and prim.differentiable \
                and not prim.multiple_results:
            return ReverseTracer(self, out, prim, args, params)  # the common case
        debugging = config.nans_watched and config.checking_nans()
        if debugging and not nested:
            check_nans(prim.name, primals, out)
        if not prim.differentiable:
            return out
        if prim.vjp is None:
            derive_vjp(prim)
        if prim.multiple_results:
            node = ReverseTracer(self, tuple(out), prim, args, params)
            if debugging:
                node.where = user_frame()
            return tuple(
                ReverseTracer(self, o, select_output_p, (node,), {"index": i})
                for i, o in enumerate(out)
            )
        node = ReverseTracer(self, out, prim, args, params)
        if debugging:
            node.where = user_frame()
        return node


# The parameters of every recorded equation that has none (never mutated).
_NO_PARAMS: dict[str, Any] = {}


# ---------------------------------------------------------------------------
# The reverse walk
# ---------------------------------------------------------------------------

def backward_pass(
    trace: Trace,
    roots: Sequence[Any],
    root_cts: Sequence[Any],
    *,
    keep: Iterable[Any] = (),
    free: bool = False,
    create_graph: bool = False,
    on_grad: Callable[[Any, Any], Any] | None = None,
    apply_rule: Callable[..., Any] | None = None,
) -> dict[int, Any]:
    """Propagate cotangents from ``roots`` back through the graph recorded by ``trace``.

    Nodes are visited in decreasing creation order, which is a reverse
    topological order, using a heap: every consumer of a node was created after
    it, so its cotangent is complete when it is popped. The walk is iterative,
    so a chain of a million equations is no harder than ten.

    Parameters
    ----------
    keep : tracers whose cotangents to return, keyed by ``id``.
    free : drop each node's inputs once used (a single-use walk), so memory is
        released as the walk goes and teardown never recurses.
    create_graph : apply the VJP rules to the tracers themselves rather than
        their primals, so the trace records the backward pass (double backward).
    on_grad : ``on_grad(node, cotangent) -> cotangent``, called once per node
        when its cotangent is complete (hooks, ``retain_grad``, leaves).
    apply_rule : ``apply_rule(node, g, ans, primals, wanted) -> cotangents``, called
        instead of ``node.prim.vjp(g, ans, primals, node.params, wanted)`` (which it
        calls itself): the torch face substitutes values its saved-tensor hooks
        unpacked and runs the node's post-hooks there.
    """
    # The walk creates no reference cycles, so the cyclic collector has nothing
    # to find; pausing it keeps its scans of the (large) graph off the walk.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _walk(trace, roots, root_cts, keep, free, create_graph, on_grad, apply_rule)
    finally:
        if gc_was_enabled:
            gc.enable()


def _walk(trace, roots, root_cts, keep, free, create_graph, on_grad, apply_rule):
    kept = {id(k) for k in keep}
    debugging = config.nans_watched and config.checking_nans()
    results: dict[int, Any] = {}
    cts: dict[int, Any] = {}
    tape = getattr(trace, "tape", None)
    heap: list[tuple[int, ReverseTracer]] | None = None if tape is not None else []
    for root, ct in zip(roots, root_cts):
        if isinstance(root, Tracer) and root._trace is trace and ct is not None:
            _accumulate(cts, heap, root, fit_cotangent(ct, root.primal))

    push = heapq.heappush
    cts_get, cts_pop = cts.get, cts.pop
    # Decreasing creation order, a reverse topological one: the tape backwards, skipping
    # what no cotangent reached, or (a trace without a tape) a heap of the nodes reached.
    # (A cotangent is never None: a symbolic zero is never stored.)
    for node in reversed(tape) if heap is None else _popped(heap):
        key = id(node)
        g = cts_pop(key, None)
        if g is None:
            continue
        prim = node.prim
        if prim is select_output_p:
            if key in kept:
                results[key] = g
            args = node.args
            if args is None:
                continue
            slots = [None] * len(args[0].primal)
            slots[node.params["index"]] = g
            _accumulate(cts, heap, args[0], slots)
            if free:
                node.args = None
            continue
        if on_grad is not None:
            g = on_grad(node, g)
        if key in kept:
            results[key] = g
        args = node.args
        if prim is None or args is None:
            continue  # an input of the trace (or a node already freed)
        if create_graph:
            wanted = [isinstance(a, Tracer) and a._trace is trace for a in args]
            primals = list(args)
            ans = node
            if prim.multiple_results:
                # The rules see the results, not the hidden tuple node: one
                # recorded select_output per result, so they differentiate again.
                ans = tuple(
                    ReverseTracer(trace, o, select_output_p, (node,), {"index": i})
                    for i, o in enumerate(node.primal)
                )
        elif len(args) == 1:  # unary and binary equations, most of them, without a loop
            a = args[0]
            if isinstance(a, Tracer) and a._trace is trace:
                wanted, primals = [True], [a.primal]
            else:
                wanted, primals = [False], [a]
            ans = node.primal
        elif len(args) == 2:
            a, b = args
            if isinstance(a, Tracer) and a._trace is trace:
                if isinstance(b, Tracer) and b._trace is trace:
                    wanted, primals = [True, True], [a.primal, b.primal]
                else:
                    wanted, primals = [True, False], [a.primal, b]
            elif isinstance(b, Tracer) and b._trace is trace:
                wanted, primals = [False, True], [a, b.primal]
            else:
                wanted, primals = [False, False], [a, b]
            ans = node.primal
        else:
            wanted = []
            primals = []
            for a in args:
                if isinstance(a, Tracer) and a._trace is trace:
                    wanted.append(True)
                    primals.append(a.primal)
                else:
                    wanted.append(False)
                    primals.append(a)
            ans = node.primal
        if type(g) is list:
            g = tuple(g)
        try:
            if apply_rule is None:
                arg_cts = (prim.vjp or derive_vjp(prim))(g, ans, primals, node.params, wanted)
            else:
                arg_cts = apply_rule(node, g, ans, primals, wanted)
            if debugging:
                check_nans(prim.name, [g, ans, *primals], arg_cts,
                           where=getattr(node, "where", None), backward_of=prim.name)
        except NaNError as e:
            raise _backward_nan(e, node) from None
        if free:
            node.args = None
        i = 0
        for ct in arg_cts:
            if ct is None or not wanted[i]:
                i += 1
                continue
            a = args[i]
            i += 1
            # fit_cotangent, inlined for the common case: an array (or a NumPy scalar) of the
            # right shape and dtype, compared on the concrete values behind any reverse
            # tracers of outer traces (nested grad), which have the same shape and dtype.
            primal = p = a.primal
            while type(p) is ReverseTracer:
                p = p.primal
            c = ct
            while type(c) is ReverseTracer:
                c = c.primal
            if not (type(p) in _CONCRETE and type(c) in _CONCRETE
                    and c.shape == p.shape and c.dtype == p.dtype):
                ct = fit_cotangent(ct, primal)
            akey = id(a)
            old = cts_get(akey)
            if old is None:
                cts[akey] = ct
                if heap is not None:
                    push(heap, (-a.seq, a))
            elif type(old) is list:
                cts[akey] = [c if d is None else d if c is None else c + d
                             for c, d in zip(old, ct)]
            else:
                cts[akey] = old + ct
    if free and tape is not None:
        tape.clear()  # the graph is spent: its nodes go now, not with the trace
    return results


def _popped(heap: list) -> Iterator[Any]:
    while heap:
        yield heapq.heappop(heap)[1]


def _accumulate(cts: dict, heap: list | None, node: ReverseTracer, ct: Any) -> None:
    """Add ``ct`` to ``node``'s cotangent, queueing the node (on a heap, if any) when it is
    its first."""
    key = id(node)
    old = cts.get(key)
    if old is None:
        cts[key] = ct
        if heap is not None:
            heapq.heappush(heap, (-node.seq, node))
    elif type(old) is list:  # the results of a multiple-result primitive
        cts[key] = [a if b is None else b if a is None else a + b for a, b in zip(old, ct)]
    else:
        cts[key] = old + ct


def _backward_nan(error: NaNError, node: ReverseTracer) -> NaNError:
    """A NaN raised inside a VJP rule, reported at the forward operation it differentiates."""
    if "backward pass" in str(error):
        return error
    where = getattr(node, "where", None) or error.where
    try:
        check_nans(error.primitive, [], np.array(np.nan), where=where, backward_of=node.prim.name)
    except NaNError as reported:
        return reported
    return error  # pragma: no cover - check_nans always raises on a NaN


def fit_cotangent(ct: Any, primal: Any) -> Any:
    """Sum ``ct`` down to ``primal``'s shape and cast it to ``primal``'s dtype.

    This is the one place where broadcasting is undone and derivative dtypes
    are restored: rules may return cotangents of the broadcast output shape.
    """
    kind = type(primal)
    if kind is tuple:
        return ct
    if kind is type(ct) and kind in _NUMPY_SCALARS and ct.dtype == primal.dtype:
        return ct  # a NumPy scalar (what NumPy returns from 0-d arithmetic) of its dtype
    try:
        ct_shape, ct_dtype = ct.shape, ct.dtype
    except AttributeError:  # a rule mixing Python scalars may return one
        ct = np.asarray(ct)
        ct_shape, ct_dtype = ct.shape, ct.dtype
    shape = primal.shape
    if ct_shape != shape:
        ct = sum_to_shape(ct, shape)
    if ct_dtype != primal.dtype:
        ct = cast_derivative(ct, primal.dtype)
    return ct


_NUMPY_SCALARS = frozenset((np.float64, np.float32, np.float16, np.complex128, np.complex64))
_CONCRETE = _NUMPY_SCALARS | {np.ndarray}


def cast_derivative(d: Any, dtype: np.dtype) -> Any:
    """A tangent or cotangent in its value's dtype; from complex to real, its real part."""
    if d.dtype.kind == "c" and dtype.kind != "c":
        d = real(d)
    return astype(d, dtype)


# ---------------------------------------------------------------------------
# A VJP by transposing a JVP
# ---------------------------------------------------------------------------

def vjp_by_transposing_jvp(prim: Primitive) -> Callable:
    """The VJP of ``prim`` obtained by transposing its JVP rule with reverse mode.

    A JVP rule is linear in the tangents. Running it under a reverse-mode trace
    on zero tangents and pulling the cotangents back through what it recorded
    gives exactly the transpose of that linear map, which is the VJP in JAX's
    convention (``<v, J u> = <J^T v, u>`` under ``Re(sum(a * b))``). This is how
    JAX derives most of its VJPs; here it serves the decompositions (SVD, QR,
    Cholesky, ``eig``) whose hand-written VJPs would be long, error-prone copies
    of their JVPs. Because the JVP is written with the primitives' binding
    functions, the VJP so obtained is itself differentiable.
    """

    def vjp(g, ans, primals, params, wanted):
        trace = ReverseTrace("transpose")
        with trace:
            tangents = [
                trace.new_input(zeros_like(p)) if w else None for p, w in zip(primals, wanted)
            ]
            out = prim.jvp(list(primals), tangents, ans, **params)
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

    vjp.__name__ = f"{prim.name}_vjp_by_transposing_jvp"
    return vjp


def derive_vjp(prim: Primitive) -> Callable:
    """``prim``'s VJP when it declares only a JVP: the JVP's transpose (set on first use)."""
    if prim.jvp is None:
        raise missing_rule(prim, "VJP", "defvjp or defderivative")
    prim.vjp = vjp_by_transposing_jvp(prim)
    return prim.vjp


# ---------------------------------------------------------------------------
# The transforms
# ---------------------------------------------------------------------------

def lower(trace: Trace, value: Any) -> Any:
    """``value`` seen from outside ``trace``: its primal if it is one of the trace's tracers."""
    if isinstance(value, Tracer):
        return as_array(value.primal) if value._trace is trace else value
    return as_array(value)


def trace_vjp(fun, inputs, in_tree, has_aux, transform):
    """Run ``fun`` on reverse tracers of ``inputs``; the outputs, their tree, aux and trace."""
    trace = ReverseTrace(transform)
    tracers = [trace.new_input(x) for x in inputs]
    # The recorded graph has no reference cycles (nodes point only to earlier nodes), so
    # the cyclic collector has nothing to find in it; pausing it while recording keeps
    # its rescans of a growing graph off the forward pass (a deep chain stays flat).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        with trace:
            out = fun(*in_tree.unflatten(tracers))
    finally:
        if gc_was_enabled:
            gc.enable()
    aux = None
    if has_aux:
        out, aux = split_aux(out, transform)
        aux = tree_map(lambda a: lower(trace, a), aux)
    if type(out) is ReverseTracer:
        return trace, tracers, [out], _LEAF, aux  # one output: no tree to walk
    out_nodes, out_tree = tree_flatten(out)
    return trace, tracers, out_nodes, out_tree, aux


def collect(grads: dict, tracers: list, inputs: list) -> list:
    out = []
    result_class = result_type()
    for t, x in zip(tracers, inputs):
        g = grads.get(id(t))
        if type(g) is np.ndarray and type(x) is np.ndarray:
            out.append(g if result_class is np.ndarray else g.view(result_class))
            continue  # the common case: what as_result does, without its checks
        if type(g) is ReverseTracer:
            out.append(g)  # an outer grad's value (nested grad), as as_result leaves it
            continue
        if type(g) in _NUMPY_SCALARS and type(x) is np.ndarray:
            out.append(_as_result(g))  # what 0-d arithmetic gives
            continue
        g = zeros_like(x) if g is None else as_array(g)
        if type(g) is np.ndarray and type(x) is not np.ndarray:
            warn_if_converted("the derivative", (x,), g)
        out.append(as_result(g))
    return out


def _as_result(value: Any) -> Any:
    """:func:`as_result`, directly for an array or a NumPy scalar (what walks produce)."""
    kind = type(value)
    if kind in _NUMPY_SCALARS:
        value = np.asarray(value)
    elif kind is not np.ndarray:
        return as_result(value)
    cls = result_type()
    return value if cls is np.ndarray else value.view(cls)


def value_and_grad(
    fun: Callable[P, Any],
    argnums: int | Sequence[int] = 0,
    has_aux: bool = False,
    holomorphic: bool = False,
    *,
    argnum: int | Sequence[int] | None = None,
) -> Callable[P, tuple[Any, Any]]:
    """A function returning both ``fun(*args)`` and its gradient.

    Parameters
    ----------
    fun : callable
        Returns a real scalar (or, with ``holomorphic=True``, a complex scalar).
    argnums : int or tuple of ints
        Which positional arguments to differentiate with respect to.
    has_aux : bool
        ``fun`` returns ``(value, aux)``; the result is then ``((value, aux), grad)``.
    holomorphic : bool
        ``fun`` is holomorphic in complex inputs: the gradient is its complex derivative.
    argnum : int or tuple of ints, optional
        HIPS autograd's name for ``argnums``.

    Returns
    -------
    callable
        ``(value, grad)`` where ``grad`` has the structure of the argument (a
        tuple of them when ``argnums`` is a tuple).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.value_and_grad(lambda x: fnp.sum(x ** 2))(fnp.asarray([1.0, 2.0]))
    (array(5.), array([2., 4.]))
    """

    argnums = resolve_argnums(fun, argnums, argnum, "value_and_grad")

    def value_and_grad_fun(*args, **kwargs):
        one = None
        if type(argnums) is int and 0 <= argnums < len(args):
            one = _one_argument(args[argnums])
        if one is None:
            nums = normalize_argnums(argnums, len(args), "grad", fun)
            dynamic, partial = split_args(fun, args, kwargs, nums)
            inputs, in_tree = flatten_inputs(fun, dynamic, unique_argnums(nums), "grad")
        # The collector stays paused from recording through the walk: re-enabled in
        # between, it would first scan every node just recorded (see trace_vjp).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            if one is None:
                trace, tracers, out_nodes, out_tree, aux = trace_vjp(
                    partial, inputs, in_tree, has_aux, "grad"
                )
            else:
                inputs, kind = one
                trace, tracers, out_nodes, out_tree, aux = _trace_one_argument(
                    fun, args, kwargs, argnums, inputs, kind, has_aux)
            if len(out_nodes) != 1:
                raise TypeError(
                    f"grad requires a function returning one scalar, but it returned "
                    f"{out_tree}. Use funcgrad.jacrev or funcgrad.vjp for several outputs."
                )
            node = out_nodes[0]
            value = node.primal if type(node) is ReverseTracer and node._trace is trace else (
                lower(trace, node))
            seed = _seed(value, holomorphic)
            grads = backward_pass(trace, [node], [seed], keep=tracers, free=True)
        finally:
            if gc_was_enabled:
                gc.enable()
        if one is None:
            g = regroup(nums, in_tree.unflatten(collect(grads, tracers, inputs)))
            g = g[0] if isinstance(argnums, (int, np.integer)) else g
        else:
            g = collect(grads, tracers, inputs)
            g = g[0] if kind is None else kind(g)
        value = _as_result(value)
        if out_tree is not _LEAF:
            value = out_tree.unflatten([value])  # the output as the function returned it
        return ((value, aux), g) if has_aux else (value, g)

    name_transform(value_and_grad_fun, "value_and_grad", fun)
    return value_and_grad_fun


def _one_argument(x: Any) -> tuple[list, type | None] | None:
    """The common argument of ``grad(f)(x, ...)``, checked quickly: ``([x], None)`` for one
    floating array, number or traced value, ``(list(x), type(x))`` for a tuple or list of
    floating arrays (a model's parameters); ``None`` sends everything else to the general
    path (other pytrees, integer inputs, duck arrays), which also writes the errors.
    """
    kind = type(x)
    if kind is float or kind in _NUMPY_SCALARS:
        return [np.asarray(x)], None
    if kind is tuple or kind is list:
        for v in x:
            if not isinstance(v, np.ndarray) or v.dtype.kind not in "fc":
                return None
        return (list(x), kind) if x else None
    if isinstance(x, np.ndarray):
        return ([x], None) if x.dtype.kind in "fc" else None  # an array or a subclass
    if kind is ReverseTracer and np.dtype(x.dtype).kind in "fc":
        return [x], None  # an outer grad's value (nested grad)
    return None


def _trace_one_argument(fun, args, kwargs, argnum, inputs, kind, has_aux):
    """:func:`trace_vjp` for the arguments :func:`_one_argument` accepted, without the
    pytree machinery: the tracers go straight into ``fun``'s argument list."""
    trace = ReverseTrace("grad")
    tracers = [ReverseTracer(trace, x) for x in inputs]
    full = list(args)
    full[argnum] = tracers[0] if kind is None else kind(tracers)
    with trace:
        out = fun(*full, **kwargs)
    aux = None
    if has_aux:
        out, aux = split_aux(out, "grad")
        aux = tree_map(lambda a: lower(trace, a), aux)
    if type(out) is ReverseTracer:
        return trace, tracers, [out], _LEAF, aux
    out_nodes, out_tree = tree_flatten(out)
    return trace, tracers, out_nodes, out_tree, aux


def _seed(value: Any, holomorphic: bool) -> np.ndarray:
    c = value
    while type(c) is ReverseTracer:  # an outer grad's value (nested grad): its concrete value
        c = c.primal
    if type(c) in _CONCRETE and c.shape == ():
        seed = _SEEDS.get(c.dtype)  # a real floating scalar seen before: checked then
        if seed is not None and (holomorphic or seed.dtype.kind == "f"):
            return seed
    shape = np.shape(value)
    dtype = value.dtype if hasattr(value, "dtype") else np.result_type(value)
    if shape != () and math.prod(shape) != 1:  # one element of any shape: as autograd, torch
        raise TypeError(
            f"grad requires a scalar output, but the function returned an array of shape "
            f"{shape}. Use funcgrad.jacrev (or jacfwd) for its Jacobian, funcgrad.vjp for "
            f"a vector-Jacobian product, or reduce it (e.g. with funcgrad.numpy.sum)."
        )
    if dtype.kind == "c" and not holomorphic:
        raise TypeError(
            f"grad requires a real-valued output, but the function returned {dtype}. "
            f"For the derivative of a holomorphic function pass holomorphic=True; for a "
            f"real loss take its real part or its absolute value."
        )
    if dtype.kind not in "fc":
        raise TypeError(
            f"grad requires a floating output, but the function returned {dtype}: an "
            f"integer or boolean output has no derivative."
        )
    if is_duck_array(value):
        return np.ones_like(value)  # a Dask (or CuPy) output seeds a Dask (or CuPy) walk
    if shape != ():
        return np.ones(shape, dtype)
    seed = _SEEDS.get(dtype)
    if seed is None:
        seed = _SEEDS[dtype] = np.ones((), dtype)
        seed.flags.writeable = False  # shared by every call: nothing may write into it
    return seed


_SEEDS: dict[np.dtype, np.ndarray] = {}


def grad(
    fun: Callable[P, Any],
    argnums: int | Sequence[int] = 0,
    has_aux: bool = False,
    holomorphic: bool = False,
    *,
    argnum: int | Sequence[int] | None = None,
) -> Callable[P, Any]:
    """The gradient of a scalar function, as a function of the same arguments.

    Parameters
    ----------
    fun : callable
        Returns a real scalar.
    argnums : int or tuple of ints
        Which positional arguments to differentiate with respect to.
    has_aux : bool
        ``fun`` returns ``(value, aux)``; the gradient function returns ``(grad, aux)``.
    holomorphic : bool
        ``fun`` is holomorphic in complex inputs: the gradient is its complex derivative.
    argnum : int or tuple of ints, optional
        HIPS autograd's name for ``argnums``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.tanh)(0.5)
    array(0.78644773)
    >>> fg.grad(fg.grad(fnp.sin))(0.0)
    array(-0.)
    >>> fg.grad(lambda p: p["w"] * p["b"])({"w": 2.0, "b": 3.0})
    {'b': array(2.), 'w': array(3.)}
    """
    argnums = resolve_argnums(fun, argnums, argnum, "grad")
    value_and_grad_fun = value_and_grad(fun, argnums, has_aux, holomorphic)

    def grad_fun(*args, **kwargs):
        out, g = value_and_grad_fun(*args, **kwargs)
        return (g, out[1]) if has_aux else g

    name_transform(grad_fun, "grad", fun)
    return grad_fun


def name_transform(wrapper: Callable, transform: str, fun: Callable) -> None:
    name = getattr(fun, "__name__", type(fun).__name__)
    wrapper.__name__ = f"{transform}({name})"
    wrapper.__qualname__ = wrapper.__name__
    wrapper.__doc__ = getattr(fun, "__doc__", None)
    wrapper.__wrapped__ = fun
