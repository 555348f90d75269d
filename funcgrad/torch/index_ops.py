"""Indexing operations of the torch face: ``gather``, ``scatter``, ``index_select``, ...

Each composes the kernel's gather and scatter primitives (``take_along_axis``
and its transpose ``put_add_along_axis``) through nodes of the torch face, so
the index may itself be traced (``torch.func.vmap`` over indices) and the
derivatives are the kernel's own. Results carry PyTorch's node names
(``GatherBackward0``, ``ScatterBackward0``, ``IndexSelectBackward0``, ...) and
bad indices raise PyTorch's errors. Operations whose result's shape depends on
values (``nonzero``, ``masked_select``) need concrete values, as in PyTorch's
``vmap``.

>>> import funcgrad.torch as torch
>>> q = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
>>> actions = torch.tensor([[1], [0]])
>>> chosen = q.gather(1, actions)
>>> chosen
tensor([[2.],
        [3.]], grad_fn=<GatherBackward0>)
>>> chosen.sum().backward()
>>> q.grad
tensor([[0., 1.],
        [1., 0.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import numpy as fnp
from ..primitives.indexing import put_add_along_axis_p
from ..transforms.custom import stop_gradient
from ..transforms.reverse import ReverseTracer
from ._graph import apply
from ._operands import _check_broadcast, _t
from .tensor import Tensor, _wrap_dim, record, scalar_type_name

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def known(t: Tensor) -> np.ndarray | None:
    """``t``'s values when they are concrete (not traced by a functional transform), else None.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> known(torch.tensor([1, 2]))
    array([1, 2])
    """
    p = t._node.primal
    while type(p) is ReverseTracer:  # a reverse-mode tracer (not a face node) carries the value
        p = p.primal
    return p if isinstance(p, np.ndarray) else None


def index_arg(index: Any, fn: str, message: str | None = None) -> Tensor:
    """``index`` as an integer tensor, or PyTorch's error for another dtype."""
    if not isinstance(index, Tensor):
        if isinstance(index, (np.ndarray, list, tuple, int)):
            index = _t(np.asarray(index, dtype=np.int64))
        else:
            raise TypeError(
                f"{fn}(): argument 'index' must be Tensor, not {type(index).__name__}"
            )
    if index.dtype.np.kind not in "iu":
        raise RuntimeError(message or f"{fn}(): Expected dtype int32/int64 for index")
    return index


def node_in(x: Any, dt: np.dtype) -> Any:
    """``x`` (a tensor or a number) as a node or array of dtype ``dt``."""
    if isinstance(x, Tensor):
        n = x._node
        return n if n.dtype == dt else fnp.astype(n, dt)
    return np.asarray(x, dt)


def _check_bounds(idx: Tensor, size: int, dim: int) -> None:
    a = known(idx)
    if a is None or a.size == 0:
        return
    hi, lo = a.max(), a.min()
    if hi >= size or lo < 0:
        bad = hi if hi >= size else lo
        raise RuntimeError(f"index {bad} is out of bounds for dimension {dim} with size {size}")


def _leading(node: Any, shape: tuple) -> Any:
    """``node`` cut to its first ``shape[d]`` elements along every dimension."""
    have = tuple(np.shape(node.primal if hasattr(node, "primal") else node))
    if have == tuple(shape):
        return node
    return fnp.getitem(node, tuple(slice(0, s) for s in shape))


def put_add(shape: tuple, dt: np.dtype, idx: Any, updates: Any, dim: int) -> Any:
    """A zero array of ``shape`` with ``updates`` added at ``idx`` along ``dim``."""
    return apply(put_add_along_axis_p, np.zeros(shape, dt), idx, updates, axis=dim)


def written(shape: tuple, idx: Any, dim: int) -> Any:
    """A boolean mask of the positions of ``shape`` that ``idx`` writes along ``dim``."""
    count = put_add(shape, np.dtype(np.int64), idx, np.ones(np.shape(_primal(idx)), np.int64), dim)
    return fnp.greater(count, 0)


def _primal(x: Any) -> Any:
    return x.primal if hasattr(x, "primal") else x


def _last_writes(idx: np.ndarray, shape: tuple, dim: int) -> np.ndarray | None:
    """For a concrete ``idx``: which of its positions is the last to write its target.

    None when every target is written once. (PyTorch leaves the winner of
    repeated writes unspecified; its CPU loop keeps the last, as this does.)
    """
    grid: list[Any] = list(np.indices(idx.shape))
    grid[dim] = idx
    target = np.ravel_multi_index(tuple(grid), shape)
    flat = target.reshape(-1)
    if np.unique(flat).size == flat.size:
        return None
    order = np.arange(flat.size)
    winner = np.full(int(np.prod(shape)), -1, np.int64)
    winner[flat] = order
    return (winner[flat] == order).reshape(idx.shape)


def _last_writes_traced(idx: Any, dim: int) -> Any:
    """:func:`_last_writes` for a traced index: a position is overwritten when a later position
    along ``dim`` (the only direction in which targets can collide) holds the same index."""
    a = fnp.moveaxis(idx, dim, -1)
    k = np.shape(_primal(a))[-1]
    same = fnp.equal(fnp.expand_dims(a, -1), fnp.expand_dims(a, -2))  # [..., j, j']
    later = np.triu(np.ones((k, k), np.bool_), 1)  # j' > j
    overwritten = fnp.any(fnp.logical_and(same, later), axis=-1)
    return fnp.moveaxis(fnp.logical_not(overwritten), -1, dim)


def scatter_set(x: Tensor, dim: int, index: Tensor, src: Any) -> Any:
    """``x`` with ``src`` written at ``index`` along ``dim`` (``src`` a node or array of
    ``index``'s shape): the node of ``scatter``."""
    xn = x._node
    shape = tuple(x.shape)
    idx = index._node
    concrete = known(index)
    keep = (_last_writes(concrete, shape, dim) if concrete is not None
            else _last_writes_traced(idx, dim))
    if keep is not None:
        # Overwritten updates add nothing but still receive their gradient, as in PyTorch.
        src = fnp.where(keep, src, fnp.subtract(src, stop_gradient(src)))
    spread = put_add(shape, xn.dtype, idx, src, dim)
    return fnp.where(written(shape, idx, dim), spread, xn)


def _same_ndim(x: Tensor, index: Tensor, what: str = "input") -> None:
    if index.dim() != x.dim() and not (index.dim() <= 1 and x.dim() <= 1):
        raise RuntimeError(
            f"Index tensor must have the same number of dimensions as {what} tensor"
        )


# ---------------------------------------------------------------------------
# gather, take_along_dim, take
# ---------------------------------------------------------------------------


def gather(input, dim, index, *, sparse_grad=False):
    """Values of ``input`` along ``dim`` at ``index``: ``out[i][j] = input[i][index[i][j]]``.

    ``index`` has ``input``'s number of dimensions and is no larger apart from
    ``dim``; the result has ``index``'s shape. The gradient adds up at repeated indices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.gather(x, 1, torch.tensor([[0, 0], [1, 0]]))
    tensor([[1., 1.],
            [4., 3.]])
    """
    x = _t(input)
    index = index_arg(index, "gather")
    d = _wrap_dim(dim, x.dim())
    _same_ndim(x, index)
    if x.dim() == 0:
        out = gather(x.reshape(1), 0, index.reshape(-1), sparse_grad=sparse_grad)
        return out.reshape(index.shape)
    for i, (a, b) in enumerate(zip(index.shape, x.shape)):
        if i != d and a > b:
            raise RuntimeError(
                f"Size does not match at dimension {i} expected index {list(index.shape)} to be "
                f"no larger than self {list(x.shape)} apart from dimension {d}"
            )
    _check_bounds(index, x.shape[d], d)
    xn = _leading(x._node, tuple(s if i != d else x.shape[d] for i, s in enumerate(index.shape)))
    return record("gather", fnp.take_along_axis(xn, index._node, axis=d), (x,))


def take_along_dim(input, indices, dim=None):
    """Values of ``input`` at ``indices`` along ``dim``, the other dimensions broadcast.

    With ``dim=None`` both are flattened first (as ``numpy.take_along_axis``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[10.0, 30.0, 20.0], [60.0, 40.0, 50.0]])
    >>> torch.take_along_dim(x, torch.argmax(x, dim=1, keepdim=True), dim=1)
    tensor([[30.],
            [60.]])
    """
    x = _t(input)
    index = index_arg(indices, "torch.take_along_dim()",
                   "torch.take_along_dim(): dtype of indices should be Long but got "
                   f"{scalar_type_name(_t(indices).dtype) if isinstance(indices, Tensor) else ''}")
    if dim is None:
        return gather(x.reshape(-1), 0, index.reshape(-1))
    d = _wrap_dim(dim, x.dim())
    if x.dim() != index.dim():
        raise RuntimeError(
            "torch.take_along_dim(): input and indices should have the same number of "
            f"dimensions, but got {x.dim()} dimensions for input, and {index.dim()} dimensions "
            "for indices"
        )
    xs = [s for i, s in enumerate(x.shape) if i != d]
    js = [s for i, s in enumerate(index.shape) if i != d]
    _check_broadcast([tuple(1 if i == d else s for i, s in enumerate(x.shape)),
                      tuple(1 if i == d else s for i, s in enumerate(index.shape))])
    common = list(np.broadcast_shapes(tuple(xs), tuple(js)))
    xshape = common[:d] + [x.shape[d]] + common[d:]
    ishape = common[:d] + [index.shape[d]] + common[d:]
    if list(x.shape) != xshape:
        x = x.expand(xshape)
    if list(index.shape) != ishape:
        index = index.expand(ishape)
    return gather(x, d, index)


def take(input, index):
    """Values of ``input`` flattened, at ``index`` (any shape; negative counts from the end).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.take(torch.tensor([[4.0, 3.0], [5.0, 7.0]]), torch.tensor([[0, 3], [-1, 1]]))
    tensor([[4., 7.],
            [7., 3.]])
    """
    x = _t(input)
    index = index_arg(index, "take", "take(): Expected a long tensor for index, but got "
                   f"{getattr(getattr(index, 'dtype', None), '__repr__', lambda: '')()}")
    n = x.numel()
    a = known(index)
    if a is not None and a.size and (a.max() >= n or a.min() < -n):
        bad = a.max() if a.max() >= n else a.min()
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} elements.")
    idx = fnp.reshape(index._node, (-1,))
    if a is None or (a.size and a.min() < 0):
        idx = fnp.where(fnp.less(idx, 0), fnp.add(idx, n), idx)
    out = fnp.take_along_axis(fnp.reshape(x._node, (-1,)), idx, axis=0)
    return record("take", fnp.reshape(out, tuple(index.shape)), (x,))


# ---------------------------------------------------------------------------
# scatter, scatter_add, scatter_reduce
# ---------------------------------------------------------------------------


def _scatter_checks(x: Tensor, d: int, index: Tensor, src: Tensor | None, fn: str) -> None:
    _same_ndim(x, index, "self")
    if src is not None:
        if src.dtype != x.dtype:
            raise RuntimeError(f"{fn}(): Expected self.dtype to be equal to src.dtype")
        if src.dim() != index.dim() and not (index.dim() <= 1 and src.dim() <= 1):
            raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
    for i in range(index.dim()):
        too_big = (i != d and index.shape[i] > x.shape[i]) or (
            src is not None and src.dim() and index.shape[i] > src.shape[i])
        if too_big:
            raise RuntimeError(
                f"Expected index {list(index.shape)} to be no larger than self {list(x.shape)} "
                f"apart from dimension {d}"
                + (f" and to be no larger size than src {list(src.shape)}" if src is not None
                   else "")
            )
    if x.dim():
        _check_bounds(index, x.shape[d], d)


def scatter(input, dim, index, src=None, value=None, *, reduce=None):
    """``input`` with the values of ``src`` (or the number ``value``) written at ``index``
    along ``dim``: ``out[i][index[i][j]] = src[i][j]``.

    The gradient reaches ``input`` where nothing was written and ``src`` at
    every written position. ``reduce='add'`` / ``'multiply'`` combine instead
    of overwriting (prefer :func:`scatter_add` and :func:`scatter_reduce`).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 3).scatter(1, torch.tensor([[2], [0]]), torch.tensor([[1.0], [2.0]]))
    tensor([[0., 0., 1.],
            [2., 0., 0.]])
    >>> torch.scatter(torch.zeros(3), 0, torch.tensor([1]), 5.0)
    tensor([0., 5., 0.])
    """
    x = _t(input)
    if src is None and value is None:
        raise TypeError("scatter() missing 1 required positional argument: 'src' or 'value'")
    if src is None:
        src = value
    if reduce is not None:
        if reduce not in ("add", "multiply"):
            raise RuntimeError(f"reduce argument must be either add or multiply. Got {reduce}")
        if not isinstance(src, Tensor):
            src = _t(np.full(tuple(_t(index).shape), src, x.dtype.np))
        return scatter_reduce(x, dim, index, src, "sum" if reduce == "add" else "prod")
    index = index_arg(index, "scatter")
    d = _wrap_dim(dim, x.dim()) if x.dim() else 0
    if isinstance(src, Tensor):
        _scatter_checks(x, d, index, src, "scatter")
        if x.dim() == 0:
            return scatter(x.reshape(1), 0, index.reshape(-1), src.reshape(-1)).reshape(())
        s = _leading(src._node, tuple(index.shape))
        return record("scatter", scatter_set(x, d, index, s), (x, src))
    _scatter_checks(x, d, index, None, "scatter")
    if x.dim() == 0:
        return scatter(x.reshape(1), 0, index.reshape(-1), value=src).reshape(())
    s = np.full(tuple(index.shape), src, x.dtype.np)
    return record("scatter_value", scatter_set(x, d, index, s), (x,))


def scatter_add(input, dim, index, src):
    """``input`` with ``src`` added at ``index`` along ``dim``: ``out[i][index[i][j]] += src[i][j]``
    (repeated indices add up).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(4).scatter_add(0, torch.tensor([0, 1, 0]), torch.tensor([1.0, 2.0, 3.0]))
    tensor([4., 2., 0., 0.])
    """
    x = _t(input)
    src = _t(src)
    index = index_arg(index, "scatter_add")
    d = _wrap_dim(dim, x.dim()) if x.dim() else 0
    _scatter_checks(x, d, index, src, "scatter")
    if x.dim() == 0:
        return scatter_add(x.reshape(1), 0, index.reshape(-1), src.reshape(-1)).reshape(())
    s = _leading(src._node, tuple(index.shape))
    out = fnp.add(x._node, put_add(tuple(x.shape), x.dtype.np, index._node, s, d))
    return record("scatter_add_dim", out, (x, src))


_REDUCTIONS = ("sum", "prod", "mean", "amax", "amin")


def scatter_reduce(input, dim, index, src, reduce, *, include_self=True):
    """``input`` with ``src``'s values at ``index`` along ``dim`` combined by ``reduce``.

    ``reduce`` is ``"sum"``, ``"prod"``, ``"mean"``, ``"amax"`` or ``"amin"``;
    with ``include_self=False`` the written positions of ``input`` take no part.
    The gradient of ``amax``/``amin`` is shared evenly among ties, as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
    >>> torch.zeros(2).scatter_reduce(0, torch.tensor([0, 1, 0, 1]), x, "amax")
    tensor([3., 4.])
    >>> torch.ones(2).scatter_reduce(0, torch.tensor([0, 1, 0, 1]), x, "mean",
    ...                              include_self=False)
    tensor([2., 3.])
    """
    x = _t(input)
    src = _t(src)
    if reduce not in _REDUCTIONS:
        raise RuntimeError(
            f"reduce argument must be either sum, prod, mean, amax or amin, got {reduce}"
        )
    index = index_arg(index, "scatter_reduce")
    d = _wrap_dim(dim, x.dim()) if x.dim() else 0
    _scatter_checks(x, d, index, src, "scatter_reduce")
    if x.dim() == 0:
        return scatter_reduce(x.reshape(1), 0, index.reshape(-1), src.reshape(-1), reduce,
                              include_self=include_self).reshape(())
    shape, dt = tuple(x.shape), x.dtype.np
    xn, idx = x._node, index._node
    s = _leading(src._node, tuple(index.shape))
    hit = written(shape, idx, d)
    base = xn if include_self else fnp.where(hit, _neutral(reduce, dt), xn)
    if reduce in ("sum", "mean"):
        out = fnp.add(base, put_add(shape, dt, idx, s, d))
        if reduce == "mean":
            ones = np.ones(tuple(index.shape), dt)
            count = put_add(shape, dt, idx, ones, d)
            if include_self:
                count = fnp.add(count, 1)
            count = fnp.where(fnp.greater(count, 0), count, 1)
            out = fnp.true_divide(out, count) if dt.kind in "fc" else fnp.floor_divide(out, count)
    else:
        layers = _layers(index, shape, d, reduce)
        if reduce == "prod":
            out = base
            for layer in layers:
                spread = put_add(shape, dt, idx, fnp.where(layer, s, 0), d)
                wrote = _written_where(shape, idx, layer, d)
                out = fnp.multiply(out, fnp.where(wrote, spread, 1))
        else:
            out = _scatter_extreme(base, shape, dt, idx, s, d, reduce, layers)
    return record("scatter_reduce", out, (x, src))


def _neutral(reduce: str, dt: np.dtype) -> Any:
    if reduce in ("sum", "mean"):
        return np.zeros((), dt)
    if reduce == "prod":
        return np.ones((), dt)
    big = np.finfo(dt).max if dt.kind == "f" else np.iinfo(dt).max
    if dt.kind == "f":
        big = np.inf
    return np.asarray(-big if reduce == "amax" else big, dt)


def _layers(index: Tensor, shape: tuple, d: int, reduce: str) -> list:
    """Masks of ``index`` splitting its positions so that each mask writes a target once."""
    a = known(index)
    if a is None:
        raise NotImplementedError(
            f"scatter_reduce(reduce={reduce!r}) needs a concrete index; under vmap, map over "
            "the values only (in_dims=None for the index)."
        )
    grid: list[Any] = list(np.indices(a.shape))
    grid[d] = a
    target = np.ravel_multi_index(tuple(grid), shape).reshape(-1)
    rank = np.zeros(target.size, np.int64)
    seen: dict[int, int] = {}
    for k, t in enumerate(target.tolist()):
        rank[k] = seen.get(t, 0)
        seen[t] = rank[k] + 1
    ranks = rank.reshape(a.shape)
    return [ranks == r for r in range(int(ranks.max()) + 1 if ranks.size else 0)]


def _written_where(shape: tuple, idx: Any, layer: np.ndarray, d: int) -> Any:
    count = put_add(shape, np.dtype(np.int64), idx, layer.astype(np.int64), d)
    return fnp.greater(count, 0)


def _scatter_extreme(base, shape, dt, idx, s, d, reduce, layers):
    """``amax``/``amin`` of the written values and ``base``; the gradient is shared among ties."""
    pick = fnp.maximum if reduce == "amax" else fnp.minimum
    sv, bv = stop_gradient(s), stop_gradient(base)
    ext = bv
    for layer in layers:
        spread = put_add(shape, dt, idx, fnp.where(layer, sv, 0), d)
        ext = fnp.where(_written_where(shape, idx, layer, d), pick(ext, spread), ext)
    if dt.kind not in "fc":
        return ext
    ties_src = fnp.equal(sv, fnp.take_along_axis(ext, idx, axis=d))
    ties_base = fnp.equal(bv, ext)
    n = fnp.add(put_add(shape, dt, idx, fnp.astype(ties_src, dt), d), fnp.astype(ties_base, dt))
    shares = fnp.add(put_add(shape, dt, idx, fnp.where(ties_src, s, 0), d),
                     fnp.where(ties_base, base, 0))
    return fnp.true_divide(shares, fnp.where(fnp.greater(n, 0), n, 1))


# ---------------------------------------------------------------------------
# index_select, index_add, index_copy, index_fill
# ---------------------------------------------------------------------------


def _vector_index(index: Any, fn: str) -> Tensor:
    index = index_arg(index, fn, f"{fn}(): Expected dtype int32 or int64 for index")
    if index.dim() > 1:
        raise IndexError(f"{fn}(): Index is supposed to be a vector")
    return index.reshape(-1) if index.dim() == 0 else index


def _along(index: Tensor, d: int, shape: tuple) -> Any:
    """The vector ``index`` as a node of ``shape``, placed along dimension ``d``."""
    view = (1,) * d + (-1,) + (1,) * (len(shape) - d - 1)
    return fnp.broadcast_to(fnp.reshape(index._node, view), shape)


def index_select(input, dim, index):
    """The slices of ``input`` along ``dim`` at the positions in the vector ``index``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    >>> torch.index_select(x, 1, torch.tensor([2, 0]))
    tensor([[3., 1.],
            [6., 4.]])
    """
    x = _t(input)
    index = _vector_index(index, "index_select")
    if x.dim() == 0:
        return index_select(x.reshape(1), 0, index).reshape(())
    d = _wrap_dim(dim, x.dim())
    a = known(index)
    size = x.shape[d]
    if a is not None and a.size and (a.max() >= size or a.min() < 0):
        bad = a.max() if a.max() >= size else a.min()
        raise RuntimeError(f"INDICES element is out of DATA bounds, id={bad} axis_dim={size}")
    shape = tuple(x.shape[:d]) + (index.shape[0],) + tuple(x.shape[d + 1:])
    return record("index_select", fnp.take_along_axis(x._node, _along(index, d, shape), axis=d),
                  (x,))


def _index_source(x: Tensor, d: int, index: Tensor, source: Any, fn: str) -> Tensor:
    source = _t(source)
    if source.dtype != x.dtype:
        raise RuntimeError(
            f"{fn}_(): self ({scalar_type_name(x.dtype)}) and source "
            f"({scalar_type_name(source.dtype)}) must have the same scalar type"
        )
    want = tuple(x.shape[:d]) + (index.shape[0],) + tuple(x.shape[d + 1:])
    got = tuple(source.shape) if source.dim() else (1,)
    if got != want and not (x.dim() == 0 and source.numel() == index.numel()):
        raise RuntimeError(
            f"{fn}(): Source/destination tensor must have same slice shapes. Destination slice "
            f"shape: {list(x.shape[:d]) + list(x.shape[d + 1:])} at dimension {d} and source "
            f"slice shape: {list(got[:d]) + list(got[d + 1:])} at dimension {d}."
        )
    _check_bounds(index, x.shape[d] if x.dim() else 1, d)
    return source


def index_add(input, dim, index, source, *, alpha=1):
    """``input`` with ``alpha * source``'s slices added at the positions ``index`` along ``dim``.

    Repeated indices add up.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(3, 2).index_add(0, torch.tensor([0, 2, 0]), torch.ones(3, 2), alpha=2)
    tensor([[4., 4.],
            [0., 0.],
            [2., 2.]])
    """
    x = _t(input)
    index = _vector_index(index, "index_add")
    d = _wrap_dim(dim, x.dim())
    source = _index_source(x, d, index, source, "index_add")
    if x.dim() == 0:
        return index_add(x.reshape(1), 0, index, source.reshape(-1), alpha=alpha).reshape(())
    s = source._node if alpha == 1 else fnp.multiply(source._node, alpha)
    idx = _along(index, d, tuple(source.shape))
    out = fnp.add(x._node, put_add(tuple(x.shape), x.dtype.np, idx, s, d))
    return record("index_add", out, (x, source))


def index_copy(input, dim, index, source):
    """``input`` with ``source``'s slices written at the positions ``index`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> src = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.zeros(3, 2).index_copy(0, torch.tensor([2, 0]), src)
    tensor([[3., 4.],
            [0., 0.],
            [1., 2.]])
    """
    x = _t(input)
    index = _vector_index(index, "index_copy")
    d = _wrap_dim(dim, x.dim())
    source = _index_source(x, d, index, source, "index_copy")
    if x.dim() == 0:
        return index_copy(x.reshape(1), 0, index, source.reshape(-1)).reshape(())
    idx_t = Tensor._from_node(_along(index, d, tuple(source.shape)))
    return record("index_copy", scatter_set(x, d, idx_t, source._node), (x, source))


def index_fill(input, dim, index, value):
    """``input`` with the slices at the positions ``index`` along ``dim`` set to ``value``.

    ``value`` is a number or a 0-d tensor (which then receives a gradient).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 3).index_fill(1, torch.tensor([0, 2]), -1.0)
    tensor([[-1.,  0., -1.],
            [-1.,  0., -1.]])
    """
    x = _t(input)
    index = _vector_index(index, "index_fill")
    d = _wrap_dim(dim, x.dim()) if x.dim() else 0
    if isinstance(value, Tensor) and value.dim() != 0:
        raise RuntimeError(
            "index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
            f"{value.dim()} dimension(s)."
        )
    size = x.shape[d] if x.dim() else 1
    a = known(index)
    if a is not None and a.size and (a.max() >= size or a.min() < -size):
        bad = a.max() if a.max() >= size else a.min()
        raise IndexError(f"index {bad} is out of bounds for dimension {d} with size {size}")
    shape = tuple(x.shape) if x.dim() else (1,)
    idx = index._node
    if a is None or (a.size and a.min() < 0):
        idx = fnp.where(fnp.less(idx, 0), fnp.add(idx, size), idx)
    slab = tuple(shape[:d]) + (index.shape[0],) + tuple(shape[d + 1:])
    view = (1,) * d + (-1,) + (1,) * (len(shape) - d - 1)
    placed = fnp.broadcast_to(fnp.reshape(idx, view), slab)
    hit = written(shape, placed, d)
    if x.dim() == 0:
        hit = fnp.reshape(hit, ())
    fill = node_in(value, x.dtype.np)
    out = fnp.where(hit, fill, x._node)
    if isinstance(value, Tensor):
        return record("index_fill_tensor", out, (x, value))
    return record("index_fill", out, (x,))


# ---------------------------------------------------------------------------
# The names, and the Tensor methods with their in-place variants
# ---------------------------------------------------------------------------

PUBLIC = [
    "gather", "take_along_dim", "take", "scatter", "scatter_add", "scatter_reduce",
    "index_select", "index_add", "index_copy", "index_fill",
]
METHODS = list(PUBLIC)
# Tensor methods that write into the tensor: name -> the function computing the new value.
INPLACE = {
    "scatter_": scatter, "scatter_add_": scatter_add, "scatter_reduce_": scatter_reduce,
    "index_add_": index_add, "index_copy_": index_copy, "index_fill_": index_fill,
}
# PyTorch's node names that the generic spelling of the key would not give.
NODE_NAMES = {
    "scatter_add_dim": ("ScatterAddBackward0", ""),  # the kernel's scatter_add is IndexPut
    "scatter_value": ("ScatterBackward1", ""),
    "index_fill_tensor": ("IndexFillBackward1", ""),
}
# name: (data, arguments, the tensor after the call); PyTorch prints the same.
INPLACE_EXAMPLES = {
    "scatter_": ("[0.0, 0.0, 0.0]", "0, torch.tensor([2]), torch.tensor([5.0])",
                 "tensor([0., 0., 5.])"),
    "scatter_add_": ("[1.0, 1.0]", "0, torch.tensor([0, 0]), torch.tensor([2.0, 3.0])",
                     "tensor([6., 1.])"),
    "scatter_reduce_": ("[1.0, 1.0]", "0, torch.tensor([1, 1]), torch.tensor([2.0, 3.0]), 'amax'",
                        "tensor([1., 3.])"),
    "index_add_": ("[1.0, 1.0]", "0, torch.tensor([1]), torch.tensor([2.0])",
                   "tensor([1., 3.])"),
    "index_copy_": ("[1.0, 1.0]", "0, torch.tensor([1]), torch.tensor([2.0])",
                    "tensor([1., 2.])"),
    "index_fill_": ("[1.0, 1.0]", "0, torch.tensor([0]), 7.0", "tensor([7., 1.])"),
}
