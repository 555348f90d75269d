"""Vectorizing map: a trace that carries a batch axis through every primitive.

A :class:`BatchTracer` is a value with one extra axis, ``bdim``, that runs over
the examples; the function sees only the per-example shape. Each primitive is
applied once to the whole batch by its batching rule ``p.batch(args, dims,
**params) -> (out, out_dim)`` (see :mod:`funcgrad.primitives.batching`).

A primitive without a rule is still batched correctly, by a Python loop over
the examples whose results are stacked — which is slow. Elementwise primitives
whose ``impl`` is a NumPy ufunc get the one-call elementwise rule automatically;
others should declare a rule beside the primitive.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.array import as_array, as_result, is_duck_array
from ..core.ir import format_aval
from ..core.primitive import ShapedArray
from ..core.trace import ConcretizationError, Trace, Tracer
from ..core.tree_util import PyTreeDef, tree_flatten
from ..primitives.batching import elementwise_batch, is_plain_ufunc
from ..primitives.indexing import getitem, stack
from ..primitives.shape import batch_size, broadcast_to, moveaxis, reshape
from ._args import P, arg_label, check_callable
from .reverse import name_transform

# ---------------------------------------------------------------------------
# Which rule batches a primitive
# ---------------------------------------------------------------------------

def loop_batch(prim) -> Callable:
    """The fallback for a primitive with no batching rule: one application per example,
    stacked. Correct for any primitive, but slow (a Python loop over the batch):
    give the primitive a rule (``p.batch = ...``, or ``defbatch_elementwise(p)``) to
    batch it in one call.
    """

    def rule(args, dims, **params):
        size = batch_size(args, dims)
        if size == 0:
            return _empty_batch(prim, args, dims, params), 0
        outs = []
        for i in range(size):
            example = [
                a if d is None else getitem(a, (slice(None),) * d + (i,))
                for a, d in zip(args, dims)
            ]
            outs.append(prim.bind(*example, **params))
        if prim.multiple_results:
            return tuple(stack([o[k] for o in outs]) for k in range(len(outs[0]))), 0
        return stack(outs), 0

    rule.__name__ = f"{prim.name}_loop_batch"
    return rule


def _empty_batch(prim, args, dims, params):
    avals = [
        ShapedArray(np.shape(a)[:d] + np.shape(a)[d + 1:], np.result_type(a.dtype))
        if d is not None else a
        for a, d in zip(args, dims)
    ]
    out = prim.abstract_eval(*avals, **params)
    if prim.multiple_results:
        return tuple(np.zeros((0,) + o.shape, o.dtype) for o in out)
    return np.zeros((0,) + out.shape, out.dtype)


def default_batch_rule(prim) -> Callable:
    """The rule vmap applies to ``prim``: its own, the elementwise one when its
    implementation is a plain NumPy ufunc, else the (slow) loop."""
    if prim.batch is not None:
        return prim.batch
    if is_plain_ufunc(prim.impl):
        rule = _ufunc_rules.get(prim)
        if rule is None:
            rule = _ufunc_rules[prim] = elementwise_batch(prim)
        return rule
    rule = _loop_rules.get(prim)
    if rule is None:
        rule = _loop_rules[prim] = loop_batch(prim)
    return rule


_ufunc_rules: dict = {}
_loop_rules: dict = {}


# ---------------------------------------------------------------------------
# The trace
# ---------------------------------------------------------------------------


class BatchTracer(Tracer):
    """A batch of values: ``val`` holds them all, stacked along axis ``bdim``."""

    __slots__ = ("val", "bdim")

    def __init__(self, trace: Trace, val: Any, bdim: int) -> None:
        self._trace = trace
        self.val = val
        self.bdim = bdim

    @property
    def shape(self) -> tuple[int, ...]:
        shape = np.shape(self.val)
        return shape[: self.bdim] + shape[self.bdim + 1:]

    @property
    def dtype(self) -> np.dtype:
        dtype = getattr(self.val, "dtype", None)
        return np.dtype(dtype) if dtype is not None else np.result_type(self.val)

    def concrete(self) -> Any:
        raise ConcretizationError(
            f"A value batched by funcgrad.vmap (per-example shape {self.shape}, dtype "
            f"{self.dtype}) was used in Python control flow (if/while/bool/int/float), but "
            f"it holds a different value for every example. Write the branch with "
            f"funcgrad.numpy.where, or pass the value unbatched (in_axes=None)."
        )

    def __repr__(self) -> str:
        return f"Traced<{self._trace.name}>(batch of {self.shape}, axis {self.bdim})"


class BatchTrace(Trace):
    """Applies each primitive's batching rule to the batched values."""

    __slots__ = ("size", "axis_name")

    def __init__(self, size: int, name: str = "vmap", axis_name: Any = None) -> None:
        super().__init__(name)
        self.size = size
        self.axis_name = axis_name

    def process(self, prim, args, params):
        vals, dims = [], []
        for a in args:
            if isinstance(a, Tracer):
                if a._trace is self:
                    vals.append(a.val)
                    dims.append(a.bdim)
                    continue
                if not a._trace.active:
                    raise a._trace.escaped(f" (in {prim.name})")
            vals.append(a)
            dims.append(None)
        named = getattr(prim, "named_batch", None)
        if named is not None:
            # Collectives (psum, all_gather, ...) need to know which named axis this is.
            out, out_dim = named(self, vals, dims, **params)
        else:
            out, out_dim = default_batch_rule(prim)(vals, dims, **params)
        if prim.multiple_results:
            out_dims = out_dim if isinstance(out_dim, (tuple, list)) else (out_dim,) * len(out)
            return tuple(self._wrap(o, d) for o, d in zip(out, out_dims))
        return self._wrap(out, out_dim)

    def _wrap(self, value: Any, bdim: int | None) -> Any:
        return value if bdim is None else BatchTracer(self, value, bdim)


# ---------------------------------------------------------------------------
# Mapping flat lists of values (shared by vmap and the rules of call primitives)
# ---------------------------------------------------------------------------

def batch_flat(
    fun: Callable, args: Sequence[Any], dims: Sequence[int | None], size: int,
    out_dim: int | None = 0,
) -> list[Any]:
    """Apply ``fun`` (flat list of values in, flat list out) to every example of a batch.

    ``dims`` says where each argument's batch axis is (``None``: shared by all
    examples). Every output comes back with its batch axis at ``out_dim``
    (unbatched outputs are broadcast).
    """
    trace = BatchTrace(size)
    with trace:
        outs = fun(*[a if d is None else BatchTracer(trace, a, d) for a, d in zip(args, dims)])
    return [move_out(trace, o, out_dim, size, None) for o in outs]


def move_out(trace: BatchTrace, out: Any, axis: int | None, size: int, where: str | None):
    if isinstance(out, BatchTracer) and out._trace is trace:
        if axis is None:
            raise ValueError(
                f"vmap has mapped output{' ' + where if where else ''} but out_axes is None "
                f"for it: the output differs between examples, so it needs an output "
                f"axis. Give out_axes an int for it."
            )
        ndim = len(np.shape(out.val))
        axis = _check_axis(axis, ndim, "out_axes", where)
        return as_array(moveaxis(out.val, out.bdim, axis))
    if axis is None:
        return as_array(out)
    # An output that does not depend on the batch: one copy per example.
    shape = tuple(np.shape(out))
    axis = _check_axis(axis, len(shape) + 1, "out_axes", where)
    if isinstance(out, Tracer):
        expanded = reshape(out, shape[:axis] + (1,) + shape[axis:])
        return broadcast_to(expanded, shape[:axis] + (size,) + shape[axis:])
    out = as_array(out)
    return np.repeat(np.expand_dims(out, axis), size, axis=axis)


def _check_axis(axis: int, ndim: int, what: str, where: str | None) -> int:
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"vmap {what}={axis} is out of range for an output{' ' + where if where else ''} "
            f"of rank {ndim} (with the batch axis): it must be in [{-ndim}, {ndim})."
        )
    return axis % ndim


# ---------------------------------------------------------------------------
# Matching axis specifications to pytrees
# ---------------------------------------------------------------------------

def _axes_per_leaf(spec: Any, tree: Any, what: str) -> list[int | None]:
    """The axis of every leaf of ``tree``, from ``spec``: an int or None applies to the
    whole subtree; a container must match the tree's container (a tree prefix)."""
    spec_leaves, spec_def = tree_flatten(spec, is_leaf=lambda x: x is None)
    for s in spec_leaves:
        if s is not None and (not isinstance(s, (int, np.integer)) or isinstance(s, bool)):
            raise TypeError(
                f"vmap {what} must be made of ints and None (in containers matching the "
                f"arguments), but it contains {s!r}"
            )
    _, tree_def = tree_flatten(tree)
    out: list[int | None] = []
    it = iter(spec_leaves)
    stack: list[tuple[PyTreeDef, PyTreeDef]] = [(spec_def, tree_def)]
    while stack:
        s, t = stack.pop()
        if s.node is None:
            out.extend([next(it)] * t.num_leaves)
            continue
        if s.kind is not t.kind or s.aux != t.aux or len(s.children) != len(t.children):
            raise ValueError(
                f"vmap {what} specification must be a tree prefix of the corresponding "
                f"value: got specification {s} for value tree {t}."
            )
        stack.extend(reversed(list(zip(s.children, t.children))))
    return out


# ---------------------------------------------------------------------------
# The transform
# ---------------------------------------------------------------------------

# The named axes of the vmaps running now, innermost last: (axis_name, trace).
named_axes: list[tuple[Any, BatchTrace]] = []


def vmap(fun: Callable[P, Any], in_axes: Any = 0, out_axes: Any = 0, axis_name: Any = None,
         axis_size: int | None = None, spmd_axis_name: Any = None) -> Callable[P, Any]:
    """Vectorize ``fun`` over a batch axis of its arguments (anchor: ``jax.vmap``).

    ``vmap(f)(xs)`` equals stacking ``f(x)`` over the examples ``x`` of ``xs``,
    but each primitive runs once on the whole batch. It composes with every
    other transform: ``vmap(grad(loss), in_axes=(None, 0))(params, examples)``
    gives per-example gradients.

    Parameters
    ----------
    fun : callable
        A function of arrays (or pytrees of arrays).
    in_axes : int, None, or a tuple with one entry per positional argument
        Which axis of each argument carries the batch; ``None`` passes the
        argument unbatched to every example. An entry may be a container
        matching its argument (a pytree prefix). Keyword arguments are mapped
        over axis 0.
    out_axes : int, None, or a pytree prefix of the output
        Where the batch axis goes in each output. ``None`` is allowed only for
        outputs that do not depend on the batch.
    axis_name : hashable, optional
        Names the batch axis for the collectives of :mod:`funcgrad.lax`
        (``psum``, ``pmean``, ``pmax``, ``pmin``, ``all_gather``, ``axis_index``),
        which combine the examples (anchor: JAX's named axes).
    axis_size : int, optional
        The batch size when no argument is mapped (``in_axes`` all None).

    Notes
    -----
    Primitives without a batching rule are batched by a Python loop over the
    examples (correct, but slow); the primitives of ``funcgrad.numpy`` all
    have rules.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.vmap(fnp.dot, in_axes=(0, None))(fnp.ones((3, 2)), fnp.asarray([1.0, 2.0]))
    array([3., 3., 3.])
    >>> fg.vmap(fg.grad(lambda w, x: fnp.sum(w * x) ** 2), in_axes=(None, 0))(
    ...     fnp.asarray([1.0, 1.0]), fnp.asarray([[1.0, 0.0], [1.0, 1.0]]))
    array([[2., 0.],
           [4., 4.]])
    """
    check_callable(fun, "vmap")
    if isinstance(in_axes, list):
        in_axes = tuple(in_axes)  # as JAX: a list at the top level means one entry per argument
    if not (in_axes is None or isinstance(in_axes, (int, np.integer, tuple))):
        raise TypeError(
            f"vmap in_axes must be an int, None, or a tuple of entries corresponding to the "
            f"positional arguments passed to the function, but got {in_axes!r}."
        )

    def vmap_fun(*args, **kwargs):
        if isinstance(in_axes, tuple) and len(in_axes) != len(args):
            raise ValueError(
                f"vmap in_axes must be an int, None, or a tuple of entries corresponding to "
                f"the positional arguments passed to the function, but got "
                f"len(in_axes)={len(in_axes)}, len(args)={len(args)}"
            )
        leaves, in_tree = tree_flatten((args, kwargs))
        spec = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
        axes = _axes_per_leaf((spec, {k: 0 for k in kwargs}), (args, kwargs), "in_axes")
        labels = _leaf_labels(fun, args, kwargs)
        if all(a is None for a in axes) and axis_size is None:
            raise ValueError(
                "vmap must have at least one non-None value in in_axes: with every argument "
                "unbatched there is no batch to map over."
            )
        leaves, axes = _check_inputs(leaves, axes, labels)
        size = _batch_size(leaves, axes, labels) if axis_size is None or any(
            a is not None for a in axes) else int(axis_size)
        trace = BatchTrace(size, axis_name=axis_name)
        named_axes.append((axis_name, trace))
        try:
            with trace:
                wrapped = [x if a is None else BatchTracer(trace, x, a)
                           for x, a in zip(leaves, axes)]
                call_args, call_kwargs = in_tree.unflatten(wrapped)
                out = fun(*call_args, **call_kwargs)
        finally:
            named_axes.remove((axis_name, trace))
        out_leaves, out_tree = tree_flatten(out)
        out_spec = out_axes if not isinstance(out_axes, list) else tuple(out_axes)
        axes_out = _axes_per_leaf(out_spec, out, "out_axes")
        where = len(out_leaves) > 1
        results = [
            as_result(move_out(trace, o, a, size, f"(leaf {k} of the output)" if where else None))
            for k, (o, a) in enumerate(zip(out_leaves, axes_out))
        ]
        return out_tree.unflatten(results)

    name_transform(vmap_fun, "vmap", fun)
    return vmap_fun


def _leaf_labels(fun: Callable, args: tuple, kwargs: dict) -> list[str]:
    labels = []
    for i, a in enumerate(args):
        n = len(tree_flatten(a)[0])
        labels.extend(arg_label(fun, i, f"leaf {k}" if n > 1 else "") for k in range(n))
    for key in sorted(kwargs):
        n = len(tree_flatten(kwargs[key])[0])
        labels.extend(f"keyword argument {key!r}" + (f" at leaf {k}" if n > 1 else "")
                      for k in range(n))
    return labels


def _check_inputs(leaves: list, axes: list, labels: list) -> tuple[list, list]:
    out_leaves, out_axes = [], []
    for x, a, label in zip(leaves, axes, labels):
        if a is not None:
            if not isinstance(x, (Tracer, np.ndarray)) and not is_duck_array(x):
                if not isinstance(x, (numbers.Number, np.generic)) and not hasattr(x, "__array__"):
                    raise TypeError(
                        f"vmap: {label} is a {type(x).__name__}, not an array; it cannot be "
                        f"mapped over. Give it in_axes None, or pass an array."
                    )
                x = np.asarray(x)
            ndim = len(np.shape(x))
            if not -ndim <= a < ndim:
                raise ValueError(
                    f"vmap was requested to map its {label} along axis {a}, which implies "
                    f"that its rank should be at least {a + 1 if a >= 0 else -a}, but is only "
                    f"{ndim} (its shape is {tuple(np.shape(x))})"
                )
            a = int(a) % ndim
        out_leaves.append(x)
        out_axes.append(a)
    return out_leaves, out_axes


def _batch_size(leaves: list, axes: list, labels: list) -> int:
    sizes = {np.shape(x)[a] for x, a in zip(leaves, axes) if a is not None}
    if len(sizes) == 1:
        return sizes.pop()
    lines = []
    for x, a, label in zip(leaves, axes, labels):
        if a is not None:
            aval = format_aval(ShapedArray(np.shape(x), np.result_type(x.dtype)))
            lines.append(f"  * one axis had size {np.shape(x)[a]}: axis {a} of {label} of "
                         f"type {aval}")
    raise ValueError(
        "vmap got inconsistent sizes for array axes to be mapped:\n" + "\n".join(lines)
    )
