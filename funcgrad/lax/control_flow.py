"""``funcgrad.lax`` control flow: ``cond``, ``switch``, ``while_loop``, ``fori_loop``, ``scan``,
``map``, ``associative_scan`` (anchor: ``jax.lax``).

Each function traces its branches or body once, on the shapes and dtypes of
its operands, and binds one primitive (:mod:`funcgrad.transforms.control_flow`,
:mod:`funcgrad.transforms.scan`): Python side effects in a body happen once,
when it is traced. Pytrees are flattened here; the primitives see flat lists.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..core.ir import IR, Var
from ..core.primitive import ShapedArray
from ..core.trace import Tracer
from ..core.tree_util import tree_flatten, tree_map, tree_unflatten
from ..transforms.control_flow import Body, cond_p, describe, trace_body, while_p
from ..transforms.scan import scan_p
from ..transforms.staging import aval_of
from ..transforms.vmap import vmap

__all__ = ["cond", "switch", "while_loop", "fori_loop", "scan", "map", "associative_scan"]


def _leaf(x: Any) -> Any:
    return x if isinstance(x, (Tracer, np.ndarray)) else np.asarray(x)


def _avals(leaves: Sequence[Any]) -> list[ShapedArray]:
    return [aval_of(x) for x in leaves]


def _match(outs: list, avals: Sequence[ShapedArray], what: str, in_tree, out_tree) -> list:
    """``outs`` checked against ``avals`` (and cast within a dtype kind: NumPy promotes
    ``float32 + int32`` to float64 where JAX keeps float32)."""
    got = _avals(outs)
    bad = [k for k, (a, b) in enumerate(zip(avals, got)) if a.shape != b.shape
           or (a.dtype != b.dtype and a.dtype.kind != b.dtype.kind)]
    if bad:
        raise TypeError(
            f"{what} must have identical types, got\n  input:  {describe(avals)}\n"
            f"  output: {describe(got)}\n(structure {in_tree}). Make the function return "
            f"values of the same shapes and dtypes as it receives (e.g. with .astype).")
    return [o if a.dtype == b.dtype else fnp.astype(o, a.dtype)
            for o, a, b in zip(outs, avals, got)]


# ---------------------------------------------------------------------------
# cond / switch
# ---------------------------------------------------------------------------

def _branches(funs: Sequence[Callable], ops: Sequence[Any], names: Sequence[str]):
    """Trace each branch on the operands; one operand list and bodies taking all of it."""
    leaves, in_tree = tree_flatten(tuple(ops))
    leaves = [_leaf(x) for x in leaves]
    avals = _avals(leaves)
    traced, out_tree, out_avals = [], None, None
    for fun, name in zip(funs, names):
        tree_box = {}

        def flat(*xs, fun=fun, tree_box=tree_box, first=(out_tree, out_avals), name=name):
            out_leaves, tree_box["tree"] = tree_flatten(fun(*in_tree.unflatten(xs)))
            out_leaves = [_leaf(o) for o in out_leaves]
            if first[1] is not None and tree_box["tree"] == first[0]:
                out_leaves = _match(out_leaves, first[1], f"{names[0]} and {name} output",
                                    first[0], first[0])
            return out_leaves

        body, lifted = trace_body(flat, avals, name)
        if out_tree is None:
            out_tree, out_avals = tree_box["tree"], body.out_avals
        elif tree_box["tree"] != out_tree:
            raise TypeError(
                f"{names[0]} and {name} output must have same type structure, got "
                f"{out_tree} and {tree_box['tree']}.")
        traced.append((body, lifted))
    # Every branch takes the constants of all of them, then the operands.
    consts = [c for _, lifted in traced for c in lifted]
    bodies = []
    for k, (body, lifted) in enumerate(traced):
        ir = body.ir
        n = len(lifted)
        before = [Var(aval_of(c)) for _, lf in traced[:k] for c in lf]
        after = [Var(aval_of(c)) for _, lf in traced[k + 1:] for c in lf]
        invars = before + list(ir.invars[:n]) + after + list(ir.invars[n:])
        bodies.append(Body(IR(invars, ir.constvars, ir.consts, ir.eqns, ir.outvars),
                           body.name))
    return tuple(bodies), consts, leaves, out_tree


def _check_index(x: Any, what: str) -> Any:
    shape = np.shape(x)
    if shape != ():
        raise TypeError(f"{what} must be a scalar, got {shape} shaped. Reduce it first "
                        f"(e.g. funcgrad.numpy.all), or use funcgrad.lax.select for an "
                        f"elementwise choice.")
    dtype = np.dtype(x.dtype) if hasattr(x, "dtype") else np.result_type(x)
    if dtype.kind not in "biu":
        if what == "Pred" and dtype.kind == "f":
            return x
        raise TypeError(f"{what} type must be either boolean or number, got {dtype}."
                        if what == "Pred" else
                        f"Index type must be an integer, got {dtype}.")
    return x


def cond(pred: Any, true_fun: Callable, false_fun: Callable, *operands: Any) -> Any:
    """``true_fun(*operands)`` if ``pred`` else ``false_fun(*operands)``, as one primitive.

    Both branches are traced (once) and must return the same structure, shapes
    and dtypes. Under ``vmap`` with a batched ``pred`` both run and the result
    is selected per example; under ``grad`` only the taken branch is
    differentiated; ``jit`` writes an ``if``.

    Parameters
    ----------
    pred : bool or number scalar
    true_fun, false_fun : callable
    *operands : pytrees passed to the branch taken

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad import lax
    >>> lax.cond(True, lambda x: x + 1.0, lambda x: x - 1.0, 2.0)
    array(3.)
    >>> fg.grad(lambda x: lax.cond(x > 0, fnp.sin, fnp.cos, x))(0.5)
    array(0.87758256)
    """
    pred = _check_index(pred if isinstance(pred, Tracer) else np.asarray(pred), "Pred")
    index = fnp.astype(fnp.not_equal(pred, 0), np.int32)
    return _switch(index, [false_fun, true_fun], operands, ["false_fun", "true_fun"])


def switch(index: Any, branches: Sequence[Callable], *operands: Any) -> Any:
    """``branches[index](*operands)``, with ``index`` clamped to the valid range.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.switch(5, [lambda x: x, lambda x: 2 * x, lambda x: 3 * x], 1.0)
    array(3.)
    """
    branches = list(branches)
    if not branches:
        raise ValueError("Empty branch sequence")
    index = _check_index(index if isinstance(index, Tracer) else np.asarray(index), "Index")
    index = fnp.astype(index, np.int32)
    names = ["branch 0"] + [f"branch {k}" for k in range(1, len(branches))]
    return _switch(index, branches, operands, names)


def _switch(index, funs, operands, names):
    bodies, consts, leaves, out_tree = _branches(funs, operands, names)
    outs = cond_p.bind(index, *consts, *leaves, branches=bodies)
    return out_tree.unflatten(list(outs))


# ---------------------------------------------------------------------------
# Loops
# ---------------------------------------------------------------------------

def while_loop(cond_fun: Callable, body_fun: Callable, init_val: Any) -> Any:
    """Repeat ``val = body_fun(val)`` while ``cond_fun(val)``; the final ``val``.

    Forward mode and ``vmap`` work (a batched condition runs until every
    example stops); reverse mode does not, as in JAX: use ``scan`` or
    ``fori_loop`` with static bounds, or a ``custom_vjp``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.while_loop(lambda c: c[0] < 5, lambda c: (c[0] + 1, c[1] * 2.0), (0, 1.0))
    (array(5), array(32.))
    """
    leaves, tree = tree_flatten(init_val)
    weak = [_weak(x) for x in leaves]
    leaves = _settle_weak([_leaf(x) for x in leaves], weak)
    cbody, cconsts, bbody, bconsts = _trace_while(cond_fun, body_fun, tree, _avals(leaves))
    outs = while_p.bind(*cconsts, *bconsts, *leaves, cond=cbody, body=bbody,
                        cond_nconsts=len(cconsts), body_nconsts=len(bconsts))
    return tree.unflatten(list(outs))


def _trace_while(cond_fun, body_fun, tree, avals):
    def flat_cond(*xs):
        out = cond_fun(tree.unflatten(xs))
        o = _leaf(out)
        if np.shape(o) != () or np.dtype(o.dtype) != np.bool_:
            raise TypeError(
                f"cond_fun must return a boolean scalar, but got output type(s) "
                f"{describe([aval_of(o)])}.")
        return [o]

    def flat_body(*xs):
        out_leaves, out_tree = tree_flatten(body_fun(tree.unflatten(xs)))
        if out_tree != tree:
            raise TypeError(f"body_fun output and input must have same type structure, got "
                            f"{out_tree} and {tree}.")
        out_leaves = [_leaf(o) for o in out_leaves]
        return _match(out_leaves, avals, "body_fun output and input", tree, out_tree)

    cbody, cconsts = trace_body(flat_cond, avals, "cond_fun")
    bbody, bconsts = trace_body(flat_body, avals, "body_fun")
    return cbody, cconsts, bbody, bconsts


def fori_loop(lower: Any, upper: Any, body_fun: Callable, init_val: Any, *,
              unroll: int | bool | None = None) -> Any:
    """``val = body_fun(i, val)`` for ``i`` from ``lower`` to ``upper - 1``; the final ``val``.

    With concrete bounds (Python or NumPy integers) this is a ``scan``, so
    reverse mode works; with traced bounds it is a ``while_loop`` (forward mode
    only), as in JAX.

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad import lax
    >>> lax.fori_loop(0, 4, lambda i, x: x * 2.0, 1.0)
    array(16.)
    >>> fg.grad(lambda w: lax.fori_loop(0, 3, lambda i, x: x * w, 1.0))(2.0)
    array(12.)
    """
    if not isinstance(lower, Tracer) and not isinstance(upper, Tracer):
        if isinstance(lower, (int, np.integer)) and isinstance(upper, (int, np.integer)):
            dtype = np.dtype(np.int32) if isinstance(lower, int) and isinstance(upper, int) \
                else np.result_type(lower, upper)
        else:
            lower, upper = np.asarray(lower), np.asarray(upper)
            dtype = np.result_type(lower, upper)
        lo, hi = int(lower), int(upper)

        def step(carry, _):
            i, x = carry
            return (i + dtype.type(1), body_fun(i, x)), None

        (_, out), _ = scan(step, (np.asarray(lo, dtype), init_val), None,
                           length=builtins.max(hi - lo, 0),
                           unroll=1 if unroll is None else unroll)
        return out
    if unroll is not None and unroll is not False and unroll != 1:
        raise ValueError("Can only use `unroll` in `fori_loop` if the loop bounds are "
                         "statically known.")
    dtype = np.result_type(getattr(lower, "dtype", np.int32), getattr(upper, "dtype", np.int32))

    def keep_going(carry):
        return carry[0] < carry[1]

    def step_while(carry):
        i, hi, x = carry
        return i + np.dtype(dtype).type(1), hi, body_fun(i, x)

    _, _, out = while_loop(keep_going, step_while,
                           (fnp.astype(lower, dtype), fnp.astype(upper, dtype), init_val))
    return out


def scan(f: Callable, init: Any, xs: Any = None, length: int | None = None,
         reverse: bool = False, unroll: int | bool = 1,
         _split_transpose: bool = False) -> tuple[Any, Any]:
    """Loop ``carry, y = f(carry, x)`` over the leading axis of ``xs``; ``(carry, ys)``.

    The semantics are JAX's::

        def scan(f, init, xs, length=None):
            if xs is None:
                xs = [None] * length
            carry = init
            ys = []
            for x in xs:
                carry, y = f(carry, x)
                ys.append(y)
            return carry, np.stack(ys)

    ``f`` is traced once. Every transform applies: ``grad`` stores per-iteration
    residuals and runs a second scan backwards; ``vmap`` batches the body; ``jit``
    writes a Python ``for`` loop. ``unroll=k`` makes that compiled loop run ``k``
    iterations per step (and the remainder after it); ``unroll=True`` or ``0``
    unrolls it completely. The results are the same for every ``k``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad import lax
    >>> lax.scan(lambda c, x: (c + x, c * x), 0.0, fnp.arange(1.0, 4.0))
    (array(6.), array([0., 2., 9.]))
    """
    carry_leaves, carry_tree = tree_flatten(init)
    weak = [_weak(x) for x in carry_leaves]
    carry_leaves = [_leaf(x) for x in carry_leaves]
    x_leaves, x_tree = tree_flatten(xs)
    x_leaves = [_leaf(x) for x in x_leaves]
    lengths = {np.shape(x)[0] if np.shape(x) else None for x in x_leaves}
    if None in lengths:
        raise ValueError("scan got value with no leading axis to scan over: every leaf of "
                         "xs needs a leading axis of the loop's length.")
    if length is not None:
        length = int(length)
        if lengths and lengths != {length}:
            raise ValueError(f"scan got `length` argument of {length} which disagrees with "
                             f"leading axis sizes {sorted(lengths)}.")
    elif len(lengths) == 1:
        length = lengths.pop()
    elif lengths:
        raise ValueError(f"scan got values with different leading axis sizes: "
                         f"{', '.join(str(n) for n in sorted(lengths))}.")
    else:
        raise ValueError("scan got no values to scan over and `length` not provided.")
    unroll = _unroll_steps(unroll, length)
    x_avals = [ShapedArray(np.shape(x)[1:], aval_of(x).dtype) for x in x_leaves]
    nh = len(carry_leaves)
    ys_box: dict[str, Any] = {}
    carry_leaves = _settle_weak(carry_leaves, weak, x_leaves)
    body, consts = _trace_scan_body(f, carry_tree, x_tree, _avals(carry_leaves), x_avals,
                                    ys_box)
    outs = scan_p.bind(*consts, *carry_leaves, *x_leaves, body=body, length=length,
                       reverse=bool(reverse), unroll=unroll, num_consts=len(consts),
                       num_carry=nh)
    return carry_tree.unflatten(list(outs[:nh])), ys_box["tree"].unflatten(list(outs[nh:]))


def _unroll_steps(unroll: Any, length: int) -> int:
    """``scan``'s ``unroll`` as JAX reads it: iterations per step of the compiled loop
    (``True`` or ``0``: all of them; ``False``: one)."""
    if isinstance(unroll, Tracer):
        raise TypeError("The `unroll` argument to `scan` expects a concrete `int` or `bool` "
                        "value, got a traced value. Pass a Python int.")
    if isinstance(unroll, (bool, np.bool_)):
        return builtins.max(length, 1) if unroll else 1
    if not isinstance(unroll, (int, np.integer)) or unroll < 0:
        raise ValueError(f"`unroll` must be a `bool` or a non-negative `int`, got {unroll!r}.")
    return builtins.max(length, 1) if unroll == 0 else int(unroll)


def _weak(x: Any) -> bool:
    """A Python float: its dtype follows the loop body's, as JAX's weak types do."""
    return isinstance(x, float) and not isinstance(x, np.generic)


def _settle_weak(leaves: list, weak: list, others: Sequence[Any] = ()) -> list:
    """Python-float carries take the float dtype of the other inputs (``1.0`` carried with
    float32 arrays is float32), float64 when there are none: JAX's weak types, decided
    before tracing so that the body is traced once."""
    floats = [aval_of(x).dtype for x, w in zip(leaves, weak) if not w]
    floats += [aval_of(x).dtype for x in others]
    floats = [d for d in floats if d.kind == "f"]
    dtype = np.result_type(*floats) if floats else np.dtype(np.float64)
    return [np.asarray(x, dtype) if w else x for x, w in zip(leaves, weak)]


def _trace_scan_body(f, carry_tree, x_tree, c_avals, x_avals, ys_box):
    nh = len(c_avals)

    def flat(*args):
        carry = carry_tree.unflatten(args[:nh])
        x = x_tree.unflatten(args[nh:])
        out = f(carry, x)
        if not (isinstance(out, (tuple, list)) and len(out) == 2):
            raise TypeError("scan body output must be a pair: (carry, y), got "
                            f"{type(out).__name__}.")
        new_carry, y = out
        c_out, c_tree = tree_flatten(new_carry)
        if c_tree != carry_tree:
            raise TypeError(
                f"scan body function carry input and carry output must have the same pytree "
                f"structure, but they differ: the input carry is {carry_tree} and the output "
                f"carry is {c_tree}.")
        c_out = [_leaf(o) for o in c_out]
        c_out = _match(c_out, c_avals, "scan body function carry output and input",
                       carry_tree, c_tree)
        y_leaves, ys_box["tree"] = tree_flatten(y)
        return c_out + [_leaf(o) for o in y_leaves]

    return trace_body(flat, c_avals + x_avals, getattr(f, "__name__", "f"))


def map(f: Callable, xs: Any, *, batch_size: int | None = None) -> Any:  # noqa: A001
    """``f`` applied to each slice of ``xs`` along its leading axis, stacked (a ``scan``).

    With ``batch_size``, as in JAX, a ``scan`` runs ``vmap(f)`` on chunks of that
    many slices, and the remainder (when the length is not a multiple) runs as one
    more ``vmap(f)`` whose results are appended; ``batch_size=0`` is one ``vmap``.
    ``f`` is then traced once per distinct chunk shape.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad import lax
    >>> lax.map(lambda x: x ** 2, fnp.arange(3.0))
    array([0., 1., 4.])
    >>> def f(x):
    ...     print("inner shape:", x.shape)
    ...     return x + 1
    >>> lax.map(f, fnp.ones((10, 3, 4)), batch_size=3).shape
    inner shape: (3, 4)
    inner shape: (3, 4)
    (10, 3, 4)
    """
    if batch_size is None:
        _, ys = scan(lambda c, x: ((), f(x)), (), xs)
        return ys
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
            or batch_size < 0:
        raise ValueError(f"lax.map: batch_size must be a non-negative int, got {batch_size!r}.")
    leaves, tree = tree_flatten(xs)
    if not leaves:
        raise ValueError("lax.map with batch_size needs at least one array in xs.")
    leaves = [_leaf(x) for x in leaves]
    n = np.shape(leaves[0])[0]
    chunks, rest = (0, n) if batch_size == 0 else divmod(n, batch_size)
    done = chunks * batch_size
    parts = []
    if chunks:
        stacked = tree.unflatten([fnp.reshape(x[:done], (chunks, batch_size) + np.shape(x)[1:])
                                  for x in leaves])
        _, ys = scan(lambda c, x: ((), vmap(f)(x)), (), stacked)
        parts.append(tree_map(lambda y: fnp.reshape(y, (-1,) + np.shape(y)[2:]), ys))
    if rest:
        parts.append(vmap(f)(tree.unflatten([x[done:] for x in leaves])))
    if len(parts) == 1:
        return parts[0]
    return tree_map(lambda a, b: fnp.concatenate([a, b], axis=0), parts[0], parts[1])


# ---------------------------------------------------------------------------
# associative_scan: the parallel prefix of an associative function
# ---------------------------------------------------------------------------

def _take(x: Any, axis: int, start: int | None, stop: int | None, step: int | None = None):
    index = [slice(None)] * len(np.shape(x))
    index[axis] = slice(start, stop, step)
    return x[tuple(index)]


def _interleave(a: Any, b: Any, axis: int) -> Any:
    """``a0 b0 a1 b1 ...`` along ``axis`` (``a`` may be one longer)."""
    na, nb = np.shape(a)[axis], np.shape(b)[axis]
    if na > nb:
        pad_shape = list(np.shape(b))
        pad_shape[axis] = 1
        b = fnp.concatenate([b, fnp.zeros(tuple(pad_shape), b.dtype)], axis=axis)
    both = fnp.stack([a, b], axis=axis + 1)
    shape = list(np.shape(a))
    shape[axis] = 2 * np.shape(b)[axis]
    out = fnp.reshape(both, tuple(shape))
    return _take(out, axis, 0, na + nb)


def associative_scan(fn: Callable, elems: Any, reverse: bool = False, axis: int = 0) -> Any:
    """All prefix combinations ``fn(...fn(fn(e0, e1), e2)...)`` along ``axis``, computed in
    ``O(log n)`` vectorised steps (``fn`` must be associative and work on stacked slices).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad import lax
    >>> lax.associative_scan(fnp.add, fnp.arange(1.0, 6.0))
    array([ 1.,  3.,  6., 10., 15.])
    """
    leaves, tree = tree_flatten(elems)
    leaves = [_leaf(x) for x in leaves]
    if not leaves:
        return elems
    axis = axis % len(np.shape(leaves[0]))
    if reverse:
        leaves = [fnp.flip(x, axis) for x in leaves]

    def combine(a, b):
        out = fn(tree_unflatten(tree, a), tree_unflatten(tree, b))
        return [_leaf(o) for o in tree_flatten(out)[0]]

    # Iterative up-sweep: the levels of pairwise reductions, then the down-sweep.
    levels = [leaves]
    while np.shape(levels[-1][0])[axis] >= 2:
        cur = levels[-1]
        levels.append(combine([_take(x, axis, 0, -1, 2) for x in cur],
                              [_take(x, axis, 1, None, 2) for x in cur]))
    result = levels[-1]
    for k in range(len(levels) - 2, -1, -1):
        elems_k, odd = levels[k], result
        n = np.shape(elems_k[0])[axis]
        if n < 2:
            result = elems_k
            continue
        if n % 2 == 0:
            even = combine([_take(x, axis, 0, -1) for x in odd],
                           [_take(x, axis, 2, None, 2) for x in elems_k])
        else:
            even = combine(odd, [_take(x, axis, 2, None, 2) for x in elems_k])
        even = [fnp.concatenate([_take(e, axis, 0, 1), v], axis=axis)
                for e, v in zip(elems_k, even)]
        result = [_interleave(e, o, axis) for e, o in zip(even, odd)]
    if reverse:
        result = [fnp.flip(x, axis) for x in result]
    return tree.unflatten(result)

