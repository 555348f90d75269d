"""Batching rules shared by families of primitives (what :func:`funcgrad.vmap` applies).

A batching rule has the signature ``rule(args, dims, **params) -> (out, out_dim)``:
``args`` are the unbatched-view values (arrays or tracers of outer transforms),
``dims[i]`` is the axis of ``args[i]`` that carries the batch, or ``None`` when
the argument is the same for every example. The rule returns the batched
result and the axis of it that carries the batch (a tuple of axes for
primitives with multiple results, or one axis for all of them).

Rules are written with the primitives' binding functions, so a batched
computation can itself be differentiated, staged or batched again. The helpers
that move batch axes (:func:`~funcgrad.primitives.shape.bdim_to_front`, ...) are
shape operations and live in :mod:`funcgrad.primitives.shape`; one-off rules sit
beside their primitive; the slow fallback for a primitive with no rule is
:mod:`funcgrad.transforms.vmap`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.primitive import Primitive, defbatch
from .shape import batch_size, bdim_to_front, ndim_of, pad_rank_after_batch, shift_axis


def is_plain_ufunc(impl: Any) -> bool:
    """Whether ``impl`` is a NumPy ufunc without a core signature: a primitive with such an
    ``impl`` and no rule of its own is batched by :func:`elementwise_batch` without asking
    (and jit's optimizer treats it as elementwise).

    Examples
    --------
    >>> import numpy as np
    >>> is_plain_ufunc(np.add), is_plain_ufunc(np.where), is_plain_ufunc(np.matmul)
    (True, False, False)
    """
    return isinstance(impl, np.ufunc) and impl.signature is None


def stacked_batch(prim: Primitive) -> Callable:
    """The rule of a primitive that broadcasts over leading "stack" axes and works on
    trailing core axes, as NumPy's gufuncs and ``numpy.linalg`` do: batch axes go first
    and ranks align, as for elementwise primitives, and one call handles the batch."""
    rule = elementwise_batch(prim)
    rule.elementwise = False
    return rule


def elementwise_batch(prim: Primitive) -> Callable:
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


def axis_batch(prim: Primitive, axis_param: str = "axis", none_means_all: bool = True) -> Callable:
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


def defbatch_elementwise(prim: Primitive) -> Primitive:
    """Batch ``prim`` for ``vmap`` as an elementwise op with NumPy broadcasting.

    One call handles the whole batch: batch axes move to the front and ranks
    are aligned. A primitive whose ``impl`` is a plain NumPy ufunc gets this
    rule without asking (:func:`is_plain_ufunc`): declare it only for other impls.
    Returns ``prim``.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad.core.primitive import Primitive
    >>> clip01_p = defbatch_elementwise(Primitive("clip01_example", lambda x: np.clip(x, 0, 1)))
    >>> fg.vmap(lambda x: clip01_p.bind(x))(np.array([[-1.0, 0.5], [2.0, 0.2]]))
    array([[0. , 0.5],
           [1. , 0.2]])
    """
    return defbatch(prim, elementwise_batch(prim))


def defbatch_axis(prim: Primitive, axis_param: str = "axis",
                  none_means_all: bool = True) -> Primitive:
    """Batch ``prim`` for ``vmap`` when its parameter ``axis_param`` names axes of its
    arguments (reductions, cumulative ops): the batch axis goes first and the axes
    shift by one. With ``none_means_all``, ``axis=None`` means every axis. Returns ``prim``.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad.core.primitive import Primitive
    >>> cummax_p = defbatch_axis(
    ...     Primitive("cummax_example", lambda x, *, axis: np.maximum.accumulate(x, axis=axis)),
    ...     none_means_all=False)
    >>> fg.vmap(lambda x: cummax_p.bind(x, axis=0), in_axes=1)(np.array([[1.0, 3.0], [2.0, 0.0]]))
    array([[1., 2.],
           [3., 3.]])
    """
    return defbatch(prim, axis_batch(prim, axis_param, none_means_all))
