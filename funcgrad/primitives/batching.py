"""Batching rules shared by families of primitives (what :func:`funcgrad.vmap` applies).

A batching rule has the signature ``rule(args, dims, **params) -> (out, out_dim)``:
``args`` are the unbatched-view values (arrays or tracers of outer transforms),
``dims[i]`` is the axis of ``args[i]`` that carries the batch, or ``None`` when
the argument is the same for every example. The rule returns the batched
result and the axis of it that carries the batch (a tuple of axes for
primitives with multiple results, or one axis for all of them).

Rules are written with funcgrad.numpy operations, so a batched computation can
itself be differentiated, staged or batched again.

The families here are declared with :func:`funcgrad.core.primitive.defbatch_elementwise`
and :func:`funcgrad.core.primitive.defbatch_axis`; one-off rules sit beside their
primitive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def ndim_of(x: Any) -> int:
    return len(np.shape(x))


def batch_size(args: Sequence[Any], dims: Sequence[int | None]) -> int:
    """The size of the batch axis (every batched argument agrees; vmap checked it)."""
    for a, d in zip(args, dims):
        if d is not None:
            return np.shape(a)[d]
    raise ValueError("a batching rule was called with no batched argument")


def bdim_to_front(x: Any, d: int | None, size: int | None = None) -> Any:
    """``x`` with its batch axis moved to 0.

    An unbatched ``x`` (``d is None``) is returned as is, or, when ``size`` is
    given, broadcast along a new leading axis of that size.
    """
    from .shape import broadcast_to, moveaxis, reshape

    if d is None:
        if size is None:
            return x
        shape = np.shape(x)
        return broadcast_to(reshape(x, (1,) + shape), (size,) + shape)
    return moveaxis(x, d, 0) if d != 0 else x


def pad_rank_after_batch(x: Any, rank: int) -> Any:
    """``x`` (batch axis at 0) with size-1 axes inserted after the batch axis up to ``rank``
    per-example dimensions, so that it broadcasts against arrays of that rank."""
    from .shape import reshape

    shape = np.shape(x)
    missing = rank - (len(shape) - 1)
    if missing <= 0:
        return x
    return reshape(x, shape[:1] + (1,) * missing + shape[1:])


def shift_axis(axis: Any, by: int = 1) -> Any:
    """An axis parameter (int, tuple of ints or None) renumbered after inserting
    ``by`` leading axes. Negative axes count from the end and do not move."""
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        return type(axis)(shift_axis(a, by) for a in axis)
    a = int(axis)
    return a + by if a >= 0 else a


# ---------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------

def stacked_batch(prim) -> Callable:
    """The rule of a primitive that broadcasts over leading "stack" axes and works on
    trailing core axes, as NumPy's gufuncs and ``numpy.linalg`` do: batch axes go first
    and ranks align, as for elementwise primitives, and one call handles the batch."""
    rule = elementwise_batch(prim)
    rule.elementwise = False
    return rule


def elementwise_batch(prim) -> Callable:
    """The rule of a NumPy-broadcasting elementwise primitive (any number of arguments).

    Batched arguments get their batch axis moved to the front and size-1 axes
    inserted after it until every argument has the output's per-example rank;
    unbatched ones broadcast as they are. One primitive application handles
    the whole batch.
    """

    def rule(args, dims, **params):
        rank = max(ndim_of(a) - (d is not None) for a, d in zip(args, dims))
        moved = [
            a if d is None else pad_rank_after_batch(bdim_to_front(a, d), rank)
            for a, d in zip(args, dims)
        ]
        out = prim.bind(*moved, **params)
        return out, 0

    rule.__name__ = f"{prim.name}_batch"
    rule.elementwise = True  # jit's optimizer reads this
    return rule


def axis_batch(prim, axis_param: str = "axis", none_means_all: bool = True) -> Callable:
    """The rule of a primitive whose static parameter ``axis_param`` names axes of its
    arguments (reductions, cumulative sums, sorts...): every argument gets its batch
    axis moved to the front (unbatched ones are broadcast) and the axes shift by one.

    With ``none_means_all``, ``axis=None`` (all axes) becomes every per-example axis.
    """

    def rule(args, dims, **params):
        size = batch_size(args, dims)
        rank = max(ndim_of(a) - (d is not None) for a, d in zip(args, dims))
        # Several operands broadcast against each other: align their ranks behind the batch.
        moved = [pad_rank_after_batch(bdim_to_front(a, d, size), rank) if len(args) > 1
                 else bdim_to_front(a, d, size) for a, d in zip(args, dims)]
        axis = params.get(axis_param)
        if axis is None and none_means_all and axis_param in params:
            axis = tuple(range(ndim_of(moved[0]) - 1))
        if axis_param in params:
            params = dict(params, **{axis_param: shift_axis(axis)})
        return prim.bind(*moved, **params), 0

    rule.__name__ = f"{prim.name}_batch"
    return rule


def loop_batch(prim) -> Callable:
    """The fallback for a primitive with no batching rule: one application per example,
    stacked. Correct for any primitive, but slow (a Python loop over the batch):
    give the primitive a rule (``p.batch = ...``, or ``defbatch_elementwise(p)``) to
    batch it in one call.
    """

    def rule(args, dims, **params):
        from .indexing import getitem
        from .shape import stack

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
    from ..core.primitive import ShapedArray

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
    impl = prim.impl
    if isinstance(impl, np.ufunc) and impl.signature is None:
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
