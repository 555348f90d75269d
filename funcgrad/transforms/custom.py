"""Custom derivative rules (``custom_jvp``, ``custom_vjp``) and ``stop_gradient``.

Anchor: JAX's ``jax.custom_jvp`` / ``jax.custom_vjp``. A decorated function
called on plain arrays just runs. Called on traced values, it binds one call
primitive (see :mod:`._call`) so that every transform applies the rule:

* ``custom_jvp``: forward mode calls the rule; reverse mode pulls cotangents
  back through the rule's tangent map (linear in the tangents); ``vmap`` batches
  the function and the rule; ``jit`` records the call and inlines the function
  when it compiles.
* ``custom_vjp``: reverse mode runs ``fwd``, keeps its residuals as extra
  outputs of the equation and calls ``bwd``; forward mode (not available in JAX)
  transposes ``bwd``, which is linear in its cotangent, by reverse mode.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import numpy as np

from ..core.array import as_array
from ..core.ir import IR, eval_ir
from ..core.primitive import Primitive, defidentity, nondifferentiable
from ..core.trace import Tracer
from ..core.tree_util import PyTreeDef, tree_flatten, tree_map
from ..primitives.batching import defbatch_elementwise
from ..primitives.util import zeros_like
from ._args import P, R
from ._call import Call, CallPrimitive, jvp_flat, vjp_flat
from .reverse import ReverseTracer
from .staging import StagingTrace, aval_of
from .vmap import batch_flat

# ---------------------------------------------------------------------------
# stop_gradient
# ---------------------------------------------------------------------------

stop_gradient_p = nondifferentiable(Primitive("stop_gradient", lambda x: x))
defbatch_elementwise(stop_gradient_p)
defidentity(stop_gradient_p, lambda consts: 0)  # compiled code has no derivatives


F = TypeVar("F", bound=Callable)  # a rule, returned as it was given


def stop_gradient(x: Any) -> Any:
    """``x`` itself, with a zero derivative in every mode (pytrees too).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: x * fg.stop_gradient(x))(3.0)   # d/dx (x * c) with c = x
    array(3.)
    """
    return tree_map(lambda leaf: stop_gradient_p.bind(leaf) if isinstance(leaf, Tracer)
                    else leaf, x)


# ---------------------------------------------------------------------------
# Shared: splitting arguments
# ---------------------------------------------------------------------------

def _resolve_args(fun: Callable, args: tuple, kwargs: dict) -> tuple:
    """Keyword arguments as positional ones, as JAX's custom rules require."""
    if not kwargs:
        return args
    try:
        bound = inspect.signature(fun).bind(*args, **kwargs)
    except TypeError as e:
        raise TypeError(f"{getattr(fun, '__name__', 'custom function')}: {e}") from None
    bound.apply_defaults()
    if bound.kwargs:
        raise TypeError(
            f"{fun.__name__}: a custom_jvp/custom_vjp function cannot take keyword-only "
            f"arguments ({sorted(bound.kwargs)}); pass them positionally."
        )
    return tuple(bound.args)


def _split_nondiff(args: tuple, nondiff: tuple[int, ...]) -> tuple[tuple, tuple]:
    return (tuple(args[i] for i in nondiff),
            tuple(a for i, a in enumerate(args) if i not in nondiff))


def _merge(nondiff: tuple[int, ...], nondiff_vals: tuple, diff_vals: Sequence[Any], n: int):
    it_nd, it_d = iter(nondiff_vals), iter(diff_vals)
    return tuple(next(it_nd) if i in nondiff else next(it_d) for i in range(n))


def _zeros_for(values: Sequence[Any]) -> list:
    return [zeros_like(v) for v in values]


class Store:
    """What a flat function learns when it runs: its output structure (and residuals')."""

    def __init__(self) -> None:
        self.out_tree: PyTreeDef | None = None
        self.res_tree: PyTreeDef | None = None


# ---------------------------------------------------------------------------
# custom_jvp
# ---------------------------------------------------------------------------

class _JVPCall(Call):
    """``fun`` plus ``jvp(primals, tangents) -> (outs, tangents_out)`` on flat lists."""

    def __init__(self, fun: Callable, jvp: Callable, name: str) -> None:
        super().__init__(fun, name)
        self.jvp = jvp


custom_jvp_call_p = CallPrimitive("custom_jvp_call")


def _custom_jvp_jvp_call(primals, tangents, *, call):
    return call.jvp(list(primals), list(tangents))


class _LinearRule:
    """The rule's tangent map at one point, staged as an IR linear in the wanted tangents.

    Reverse mode keeps it as the residual of a ``custom_jvp_call`` equation, so the rule
    runs once per evaluation (as in JAX, which linearizes it) instead of once forward and
    once more when the cotangents arrive.
    """

    __slots__ = ("ir", "wanted")

    def __init__(self, ir: IR, wanted: Sequence[bool]) -> None:
        self.ir = ir
        self.wanted = list(wanted)


def _custom_jvp_vjp_fwd(primals, wanted, *, call):
    # Run the rule once with staged tangents: the primal outputs come out as values (from
    # the rule, as in JAX, so the function's body does not run) and the tangent outputs
    # as an IR whose constants are the factors the rule computed from the primals.
    staging = StagingTrace(f"linearize({call.name})")
    t_in = [staging.new_input(aval_of(p)) if w else None for p, w in zip(primals, wanted)]
    with staging:
        outs, t_outs = call.jvp(list(primals), t_in)
    outs = list(outs)
    if any(isinstance(o, Tracer) and o._trace is staging for o in outs):
        raise ValueError(
            f"Custom JVP rule of {call.name} computed its primal output from the tangents; "
            f"the primal output must depend on the primals only."
        )
    t_outs = [zeros_like(o) if t is None else t for o, t in zip(outs, t_outs)]
    ir = staging.to_ir([t.ir_var for t in t_in if t is not None], t_outs)
    return outs, (_LinearRule(ir, wanted),)


def _custom_jvp_vjp(g, ans, primals, params, wanted):
    # The rule's tangent map is linear: its transpose, by reverse mode, is the VJP.
    g = list(g[:len(ans) - 1])
    linear = ans[-1]
    if isinstance(linear, _LinearRule) and linear.wanted == list(wanted):
        ir = linear.ir
        zeros = [zeros_like(p) for p, w in zip(primals, wanted) if w]
        cts = iter(vjp_flat(lambda *ts: eval_ir(ir, *ts), zeros, g, [True] * len(zeros)))
        return [next(cts) if w else None for w in wanted]
    # The backward pass is itself being recorded (create_graph) and the residual is a
    # traced value: run the rule again on the traced primals, so it differentiates.
    call = params["call"]
    primals = list(primals)

    def tangent_map(*ts):
        return call.jvp(primals, [t if w else None for t, w in zip(ts, wanted)])[1]

    return vjp_flat(tangent_map, _zeros_for(primals), g, wanted)


def _custom_jvp_batch(args, dims, *, call):
    size = next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)
    n = len(args)

    def fun(*xs):
        return batch_flat(call.fun, xs, dims, size)

    def jvp(primals, tangents):
        # A tangent is batched like its primal (they are one value of an inner trace).
        present = [k for k, t in enumerate(tangents) if t is not None]

        def flat(*values):
            ts = [None] * n
            for k, v in zip(present, values[n:]):
                ts[k] = v
            outs, t_outs = call.jvp(list(values[:n]), ts)
            return list(outs) + [zeros_like(o) if t is None else t
                                 for o, t in zip(outs, t_outs)]

        t_dims = [dims[k] for k in present]
        res = batch_flat(flat, list(primals) + [tangents[k] for k in present],
                         list(dims) + t_dims, size)
        m = len(res) // 2
        return res[:m], res[m:]

    batched = _JVPCall(fun, jvp, f"vmap({call.name})")
    return custom_jvp_call_p.bind(*args, call=batched), 0


def _custom_jvp_impl(*args, call):
    # Evaluating the equation (an IR replayed on values): the outputs come from the rule,
    # as in JAX, so the function's own body (and its side effects) does not run.
    return tuple(call.jvp(list(args), [None] * len(args))[0])


custom_jvp_call_p.impl = _custom_jvp_impl
custom_jvp_call_p.jvp_call = _custom_jvp_jvp_call
custom_jvp_call_p.vjp_fwd = _custom_jvp_vjp_fwd
custom_jvp_call_p.vjp = _custom_jvp_vjp
custom_jvp_call_p.batch = _custom_jvp_batch


class custom_jvp(Generic[P, R]):  # noqa: N801 - JAX's name
    """A function with a custom JVP rule (anchor: ``jax.custom_jvp``).

    Decorate the function, then give the rule with :meth:`defjvp`:
    ``rule(primals, tangents) -> (primal_out, tangent_out)``, or one rule per
    argument with :meth:`defjvps`. The rule is used by every transform:
    ``jvp``/``jacfwd`` call it, ``grad``/``vjp``/``jacrev`` transpose it,
    ``vmap`` batches it and ``jit`` keeps it for outer transforms.

    Parameters
    ----------
    fun : callable
        The function.
    nondiff_argnums : tuple of ints
        Arguments that are not differentiated (Python values, functions): the
        rule then reads ``rule(*nondiff_args, primals, tangents)`` where
        ``primals``/``tangents`` cover the other arguments.

    Examples
    --------
    The numerically stable ``log(1 + exp(x))``: its naive derivative at large
    ``x`` is ``inf / inf``.

    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> @fg.custom_jvp
    ... def log1pexp(x):
    ...     return fnp.log(1.0 + fnp.exp(x))
    >>> @log1pexp.defjvp
    ... def log1pexp_jvp(primals, tangents):
    ...     x, = primals
    ...     t, = tangents
    ...     return log1pexp(x), t * (1.0 - 1.0 / (1.0 + fnp.exp(x)))
    >>> fg.grad(log1pexp)(100.0)
    array(1.)
    """

    def __init__(self, fun: Callable[P, R], nondiff_argnums: Sequence[int] = ()) -> None:
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.nondiff_argnums = tuple(sorted(int(i) for i in nondiff_argnums))
        self.jvp: Callable | None = None
        self.jvps: tuple | None = None
        self.applying_rule = 0

    def defjvp(self, jvp: F) -> F:
        """Set the rule ``jvp(primals, tangents) -> (primal_out, tangent_out)``; returns it."""
        self.jvp, self.jvps = jvp, None
        return jvp

    def defjvps(self, *rules: Callable | None) -> None:
        """One rule per argument: ``rule(tangent, primal_out, *primals) -> tangent_out``;
        contributions are summed, ``None`` means the argument has no derivative."""
        self.jvp, self.jvps = None, rules

    def __get__(self, instance, owner=None):
        return self if instance is None else functools.partial(self, instance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        name = getattr(self.fun, "__name__", "function")
        if self.jvp is None and self.jvps is None:
            raise AttributeError(f"No JVP defined for custom_jvp function {name} using defjvp.")
        args = _resolve_args(self.fun, args, kwargs)
        nondiff = tuple(i % len(args) for i in self.nondiff_argnums) if args else ()
        nondiff_vals, diff_args = _split_nondiff(args, nondiff)
        leaves, in_tree = tree_flatten(diff_args)
        traced = [x._trace for x in leaves if isinstance(x, Tracer)]
        top = max(traced, key=lambda t: t.level, default=None)
        if top is None or (self.applying_rule and not top.differentiates):
            # Concrete arguments; or the rule computing the primal output with the function
            # itself (JAX's idiom `return f(x), t * ...`) while a batching or staging trace
            # runs it: there the call is the plain function. On a differentiating trace's
            # values (jacfwd(jacrev(f))) it is a custom call again, differentiated by the rule.
            return self.fun(*args)
        leaves = [as_array(x) for x in leaves]
        store = Store()
        nargs = len(args)

        def flat_fun(*xs):
            out = self.fun(*_merge(nondiff, nondiff_vals, in_tree.unflatten(xs), nargs))
            out_leaves, store.out_tree = tree_flatten(out)
            return out_leaves

        def flat_jvp(primals, tangents):
            return self._apply_rule(name, store, nondiff, nondiff_vals, in_tree, nargs,
                                    primals, tangents)

        call = _JVPCall(flat_fun, flat_jvp, name)
        outs = custom_jvp_call_p.bind(*leaves, call=call)
        return store.out_tree.unflatten(outs)

    def _apply_rule(self, *args):
        self.applying_rule += 1
        try:
            return self._run_rule(*args)
        finally:
            self.applying_rule -= 1

    def _run_rule(self, name, store, nondiff, nondiff_vals, in_tree, nargs, primals, tangents):
        primal_args = in_tree.unflatten(primals)
        if self.jvps is not None:
            out = self.fun(*_merge(nondiff, nondiff_vals, primal_args, nargs))
            out_leaves, out_tree = tree_flatten(out)
            total = None
            per_arg = _per_arg(in_tree, tangents)
            for k, rule in enumerate(self.jvps):
                ts = per_arg[k][1] if k < len(per_arg) else []
                if rule is None or all(t is None for t in ts):
                    continue
                full = [zeros_like(p) if t is None else t
                        for p, t in zip(tree_flatten(primal_args[k])[0], ts)]
                contribution = rule(per_arg[k][2].unflatten(full), out, *primal_args)
                c_leaves = tree_flatten(contribution)[0]
                total = c_leaves if total is None else [a + b for a, b in zip(total, c_leaves)]
            store.out_tree = out_tree
            if total is None:
                total = _zeros_for(out_leaves)
            return out_leaves, [as_array(t) for t in total]
        full = [zeros_like(p) if t is None else t for p, t in zip(primals, tangents)]
        tangent_args = in_tree.unflatten(full)
        result = self.jvp(*nondiff_vals, primal_args, tangent_args)
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            raise TypeError(
                f"Custom JVP rule of {name} must produce a pair (list or tuple of length two) "
                f"representing primal and tangent outputs, but got {type(result).__name__}."
            )
        out, t_out = result
        out_leaves, out_tree = tree_flatten(out)
        t_leaves, t_tree = tree_flatten(t_out)
        if out_tree != t_tree:
            raise TypeError(
                f"Custom JVP rule of {name} must produce primal and tangent outputs with equal "
                f"container (pytree) structures, but got {out_tree} and {t_tree}."
            )
        if store.out_tree is not None and store.out_tree != out_tree:
            raise TypeError(
                f"Custom JVP rule of {name} must produce a primal output with the structure "
                f"of the function's output, {store.out_tree}, but got {out_tree}."
            )
        for o, t in zip(out_leaves, t_leaves):
            if np.shape(t) != np.shape(o):
                raise ValueError(
                    f"Custom JVP rule of {name} produced a tangent of shape {np.shape(t)} for "
                    f"a primal output of shape {np.shape(o)}; they must match."
                )
        store.out_tree = out_tree
        return out_leaves, [as_array(t) for t in t_leaves]


def _per_arg(in_tree: PyTreeDef, flat: Sequence[Any]) -> list:
    """Split a flat list by top-level argument: (None, leaves, tree) per argument."""
    out, start = [], 0
    for child in in_tree.children:
        n = child.num_leaves
        out.append((None, list(flat[start:start + n]), child))
        start += n
    return out


# ---------------------------------------------------------------------------
# custom_vjp
# ---------------------------------------------------------------------------

class VJPCall(Call):
    """``fwd`` (outputs then residuals, flat), ``bwd`` (residuals and output cotangents in,
    one cotangent per input leaf out) and how many outputs come before the residuals."""

    def __init__(self, fwd: Callable, bwd: Callable, name: str, store: Store, owner) -> None:
        super().__init__(fwd, name)
        self.bwd = bwd
        self.store = store
        self.owner = owner  # the custom_vjp function, whose fwd may call it again

    @property
    def n_out(self) -> int:
        return self.store.out_tree.num_leaves


custom_vjp_call_p = CallPrimitive("custom_vjp_call")


def _custom_vjp_vjp(g, ans, primals, params, wanted):
    call = params["call"]
    values = ans.primal if isinstance(ans, Tracer) else ans
    n = call.n_out
    g = list(g)
    outs, res = list(values[:n]), list(values[n:])
    cts = [None] * len(primals)
    if any(c is not None for c in g[:n]):
        # A call may take its zero cotangents as None (torch.autograd.Function's
        # set_materialize_grads(False)).
        materialize = getattr(call, "materialize_grads", True)
        g_out = [zeros_like(o) if c is None and materialize else c for o, c in zip(outs, g[:n])]
        cts = list(call.bwd(*res, *g_out))
    if any(c is not None for c in g[n:]):
        # A cotangent on a residual comes from an outer reverse pass that
        # differentiated bwd (grad of grad). The residuals are ordinary
        # functions of the inputs computed by fwd: pull it back through fwd.
        through_fwd = vjp_flat(call.fun, list(primals), [None] * n + g[n:], list(wanted))
        cts = [a if b is None else b if a is None else a + b for a, b in zip(cts, through_fwd)]
    return [c if w else None for c, w in zip(cts, wanted)]


def _custom_vjp_jvp_call(primals, tangents, *, call):
    # Not in JAX: forward mode through a custom_vjp. The outputs' tangents come from the
    # rule, by transposing bwd (linear in its cotangent) with reverse mode; the residuals'
    # tangents, which only higher orders need (forward over reverse, as in hessian), come
    # from differentiating fwd itself, as JAX's forward-over-reverse does.
    # While fwd is differentiated, a call of the same function inside it (JAX's usual
    # `fwd = lambda x: (f(x), res)`) runs its plain body: applying the rule again
    # there would recurse without end.
    own_rule = getattr(call, "jvp_rule", None)
    if own_rule is not None:  # torch.autograd.Function's jvp staticmethod
        return own_rule(list(primals), list(tangents))
    call.owner.differentiating_fwd += 1
    try:
        values, t_values = jvp_flat(call.fun, list(primals), list(tangents))
    finally:
        call.owner.differentiating_fwd -= 1
    n = call.n_out
    if all(t is None for t in tangents):
        return values, [None] * len(values)
    res = values[n:]
    t_out = vjp_flat(lambda *g: call.bwd(*res, *g), _zeros_for(values[:n]), list(tangents),
                     [True] * n)
    t_out = [zeros_like(o) if t is None else t for o, t in zip(values[:n], t_out)]
    return values, t_out + list(t_values[n:])


def _custom_vjp_batch(args, dims, *, call):
    size = next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)

    def fwd(*xs):
        return batch_flat(call.fun, xs, dims, size)

    def bwd(*res_and_g):
        return batch_flat(call.bwd, res_and_g, [0] * len(res_and_g), size)

    batched = VJPCall(fwd, bwd, f"vmap({call.name})", call.store, call.owner)
    return custom_vjp_call_p.bind(*args, call=batched), 0


custom_vjp_call_p.jvp_call = _custom_vjp_jvp_call
custom_vjp_call_p.vjp = _custom_vjp_vjp
custom_vjp_call_p.batch = _custom_vjp_batch


class custom_vjp(Generic[P, R]):  # noqa: N801 - JAX's name
    """A function with a custom VJP (anchor: ``jax.custom_vjp``).

    Give ``fwd(*args) -> (out, residuals)`` and ``bwd(residuals, g) -> cotangents``
    with :meth:`defvjp`; ``bwd`` returns a tuple with one entry per argument
    (``None`` for a zero cotangent), each with its argument's structure. Reverse
    mode (``grad``, ``vjp``, ``jacrev``) runs ``fwd`` and calls ``bwd``; ``vmap``
    batches both; ``jit`` keeps them for outer transforms. Forward mode, which
    JAX refuses, is obtained by transposing ``bwd`` (it is linear in ``g``), so
    ``jacfwd`` and ``hessian`` work too when ``bwd`` is written with
    ``funcgrad.numpy``.

    Parameters
    ----------
    fun : callable
        The function (what runs when no derivative is taken).
    nondiff_argnums : tuple of ints
        Arguments that are not differentiated; ``bwd`` then reads
        ``bwd(*nondiff_args, residuals, g)`` and returns cotangents for the
        other arguments only.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> @fg.custom_vjp
    ... def clip_gradient(x):
    ...     return x
    >>> def fwd(x):
    ...     return x, None
    >>> def bwd(res, g):
    ...     return (fnp.minimum(fnp.maximum(g, -1.0), 1.0),)
    >>> clip_gradient.defvjp(fwd, bwd)
    >>> fg.grad(lambda x: 5.0 * clip_gradient(x))(2.0)
    array(1.)
    """

    def __init__(self, fun: Callable[P, R], nondiff_argnums: Sequence[int] = ()) -> None:
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.nondiff_argnums = tuple(sorted(int(i) for i in nondiff_argnums))
        self.fwd: Callable | None = None
        self.bwd: Callable | None = None
        self.differentiating_fwd = 0

    def defvjp(self, fwd: Callable, bwd: Callable) -> None:
        """Set ``fwd(*args) -> (out, residuals)`` and ``bwd(residuals, g) -> cotangents``."""
        self.fwd, self.bwd = fwd, bwd

    def __get__(self, instance, owner=None):
        return self if instance is None else functools.partial(self, instance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        name = getattr(self.fun, "__name__", "function")
        if self.fwd is None:
            raise AttributeError(f"No VJP defined for custom_vjp function {name} using defvjp.")
        args = _resolve_args(self.fun, args, kwargs)
        if self.differentiating_fwd:
            return self.fun(*args)
        nondiff = tuple(i % len(args) for i in self.nondiff_argnums) if args else ()
        nondiff_vals, diff_args = _split_nondiff(args, nondiff)
        leaves, in_tree = tree_flatten(diff_args)
        if not any(isinstance(x, Tracer) for x in leaves):
            return self.fun(*args)
        leaves = [as_array(x) for x in leaves]
        in_shapes = [(np.shape(x), x.dtype) for x in leaves]
        store = Store()
        nargs = len(args)
        fwd_fn, bwd_fn = self.fwd, self.bwd

        def flat_fwd(*xs):
            # JAX's documentation writes fwd with a call of the function itself
            # (`return f(x), res`): inside fwd that call is the plain function, or
            # staging, batching or differentiating fwd would bind the rule again, forever.
            # Reverse mode alone evaluates a bound call on concrete values, so there the
            # call keeps its rule (grad of grad through a fixed point solved with
            # while_loop, which has no reverse mode of its own, needs it).
            plain = not all(isinstance(x, ReverseTracer) or not isinstance(x, Tracer)
                            for x in xs)
            self.differentiating_fwd += plain
            try:
                result = fwd_fn(*_merge(nondiff, nondiff_vals, in_tree.unflatten(xs), nargs))
            finally:
                self.differentiating_fwd -= plain
            if not (isinstance(result, (tuple, list)) and len(result) == 2):
                raise TypeError(
                    f"Custom VJP fwd rule of {name} must produce a pair (list or tuple of "
                    f"length two) where the first element is the primal output and the "
                    f"second the residuals, but got {type(result).__name__}."
                )
            out, res = result
            out_leaves, store.out_tree = tree_flatten(out)
            res_leaves, store.res_tree = tree_flatten(res)
            return [as_array(o) for o in out_leaves] + [as_array(r) for r in res_leaves]

        def flat_bwd(*res_and_g):
            n_res = store.res_tree.num_leaves
            res = store.res_tree.unflatten(res_and_g[:n_res])
            g = store.out_tree.unflatten(res_and_g[n_res:])
            cts = bwd_fn(*nondiff_vals, res, g)
            return _check_bwd_output(name, cts, in_tree, in_shapes)

        call = VJPCall(flat_fwd, flat_bwd, name, store, self)
        outs = custom_vjp_call_p.bind(*leaves, call=call)
        return store.out_tree.unflatten(list(outs)[: store.out_tree.num_leaves])


def _check_bwd_output(name: str, cts: Any, in_tree: PyTreeDef, in_shapes: list) -> list:
    """``bwd``'s cotangents as one array per input leaf (zeros for None), checked."""
    n_args = len(in_tree.children)
    if not isinstance(cts, (tuple, list)) or len(cts) != n_args:
        got = f"a {type(cts).__name__}" if not isinstance(cts, (tuple, list)) \
            else f"a {type(cts).__name__} of length {len(cts)}"
        raise TypeError(
            f"Custom VJP bwd rule of {name} must produce a tuple with one cotangent per "
            f"(differentiated) argument of the function, {n_args} here, with each argument's "
            f"structure; got {got}."
        )
    leaves: list[Any] = []
    shapes = iter(in_shapes)
    for k, (ct, arg_tree) in enumerate(zip(cts, in_tree.children)):
        arg_shapes = [next(shapes) for _ in range(arg_tree.num_leaves)]
        if ct is None:
            leaves.extend(np.zeros(s, d) for s, d in arg_shapes)
            continue
        ct_leaves, ct_tree = tree_flatten(ct, is_leaf=lambda x: x is None)
        if ct_tree != arg_tree:
            ct_leaves, ct_tree = tree_flatten(ct)
        if ct_tree != arg_tree:
            raise TypeError(
                f"Custom VJP bwd rule of {name} must produce an output with the same container "
                f"(pytree) structure as the args tuple of the primal function: for argument "
                f"{k} the structure is {arg_tree}, but bwd gave {ct_tree}."
            )
        for c, (shape, dtype) in zip(ct_leaves, arg_shapes):
            if c is None:
                leaves.append(np.zeros(shape, dtype))
                continue
            c = as_array(c)
            if np.shape(c) != shape:
                raise ValueError(
                    f"Custom VJP bwd rule of {name} produced a cotangent of shape "
                    f"{np.shape(c)} for argument {k}, whose shape is {shape}; they must match."
                )
            leaves.append(c)
    return leaves
