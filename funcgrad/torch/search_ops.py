"""Searching, counting and running extremes in the torch face.

``isin``, ``searchsorted``, ``bucketize`` (by comparisons, so they work on
traced values), ``unique``, ``unique_consecutive``, ``bincount``, ``histc``
(sizes that depend on values: concrete inputs), ``cummax``, ``cummin``,
``logcumsumexp`` (differentiable, PyTorch's node names), ``quantile`` and
``nanquantile`` (differentiable: the gradient goes to the one or two values
each quantile interpolates between).

>>> import funcgrad.torch as torch
>>> edges = torch.tensor([0.0, 1.0, 2.0])
>>> torch.bucketize(torch.tensor([0.5, 1.5, 3.0]), edges)
tensor([1, 2, 3])
>>> torch.unique(torch.tensor([2, 1, 2]), return_counts=True)
(tensor([1, 2]), tensor([1, 2]))
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .. import numpy as fnp
from ..transforms.custom import stop_gradient
from ._operands import _operands, _t
from .index_ops import known
from .tensor import Tensor, _wrap_dim, record

# ---------------------------------------------------------------------------
# isin, searchsorted, bucketize
# ---------------------------------------------------------------------------


def isin(elements, test_elements, *, assume_unique=False, invert=False):
    """Whether each element of ``elements`` is among ``test_elements`` (or not, ``invert=True``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.isin(torch.tensor([[1, 2], [3, 4]]), torch.tensor([2, 3]))
    tensor([[False,  True],
            [ True, False]])
    """
    _, (a, b), (ta, tb) = _operands(elements, test_elements, broadcast=False)
    a = a if hasattr(a, "primal") else np.asarray(a)
    flat = fnp.reshape(b, (-1,))
    hit = fnp.any(fnp.equal(fnp.expand_dims(a, -1), flat), axis=-1)
    if invert:
        hit = fnp.logical_not(hit)
    return Tensor._from_node(_node(hit))


def _node(value: Any) -> Any:
    return value if hasattr(value, "primal") else _t(np.asarray(value))._node


def _count_before(seq: Any, values: Any, right: bool, dt: np.dtype) -> Any:
    """For each value, how many entries of the sorted last dimension of ``seq`` come before it."""
    before = fnp.less_equal if right else fnp.less
    cmp = before(fnp.expand_dims(seq, -2), fnp.expand_dims(values, -1))
    return fnp.astype(fnp.sum(fnp.astype(cmp, np.int64), axis=-1), dt)


def searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None,
                 sorter=None):
    """Where each value of ``input`` would go in the sorted last dimension of ``sorted_sequence``.

    ``right=True`` (or ``side='right'``) puts a value after entries equal to
    it. A batched ``sorted_sequence`` searches row by row.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.searchsorted(torch.tensor([1.0, 3.0, 5.0]), torch.tensor([3.0, 6.0]))
    tensor([1, 3])
    >>> torch.searchsorted(torch.tensor([1.0, 3.0, 5.0]), torch.tensor([3.0]), right=True)
    tensor([2])
    """
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(
                f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}"
            )
        if right and side == "left":
            raise RuntimeError(
                "torch.searchsorted(): side and right can't be set to opposites, got side of "
                "left while right was True"
            )
        right = side == "right"
    seq = _t(sorted_sequence)
    scalar = not isinstance(input, Tensor)
    if scalar and seq.dim() != 1:
        raise RuntimeError(
            "torch.searchsorted(): input value can be a scalar only when boundaries tensor "
            f"dimension is 1, but we got boundaries tensor dim({seq.dim()}) and input value's "
            "dim(0) numel(1)"
        )
    _, (s, v), (_, vals) = _operands(seq, input, broadcast=False)
    if sorter is not None:
        s = fnp.take_along_axis(s, _t(sorter)._node, axis=-1)
    if not scalar and seq.dim() > 1:
        if tuple(seq.shape[:-1]) != tuple(vals.shape[:-1]):
            raise RuntimeError(
                "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                "dimensions of boundaries tensor and input value tensor must match, but we got "
                f"boundaries tensor {list(seq.shape)} and input value tensor {list(vals.shape)}"
            )
    dt = np.dtype(np.int32 if out_int32 else np.int64)
    if scalar:
        v = np.asarray(v)[None]
        return Tensor._from_node(_node(fnp.reshape(_count_before(s, v, right, dt), ())))
    return Tensor._from_node(_node(_count_before(s, v, right, dt)))


def bucketize(input, boundaries, *, out_int32=False, right=False):
    """The index of the bucket of each value of ``input`` among the sorted 1-d ``boundaries``.

    With ``right=False`` a value equal to a boundary goes into the bucket below
    it (``boundaries[i-1] < x <= boundaries[i]``), with ``right=True`` above.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bucketize(torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0, 3.0]), right=True)
    tensor([1, 2])
    """
    b = _t(boundaries)
    if b.dim() != 1:
        raise RuntimeError(
            f"boundaries tensor must be 1 dimension, but got dim({b.dim()})"
        )
    scalar = not isinstance(input, Tensor)
    _, (s, v), _ = _operands(b, input, broadcast=False)
    dt = np.dtype(np.int32 if out_int32 else np.int64)
    if scalar:
        v = np.asarray(v)[None]
        return Tensor._from_node(_node(fnp.reshape(_count_before(s, v, right, dt), ())))
    return Tensor._from_node(_node(_count_before(s, v, right, dt)))


# ---------------------------------------------------------------------------
# unique, unique_consecutive, bincount, histc
# ---------------------------------------------------------------------------


def _values_of(x: Tensor, fn: str) -> np.ndarray:
    a = known(x)
    if a is None:
        raise RuntimeError(
            f"torch.{fn}: the result's size depends on the values, which a functional transform "
            "(vmap, grad, jit) traces here; call it outside the transform."
        )
    return a


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values of ``input`` (sorted), or its distinct slices along ``dim``.

    ``return_inverse`` adds where each element went, ``return_counts`` how often each
    distinct value occurs.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.unique(torch.tensor([3, 1, 3]), return_inverse=True)
    (tensor([1, 3]), tensor([1, 0, 1]))
    """
    x = _t(input)
    a = _values_of(x, "unique")
    if dim is None:
        values, inverse, counts = np.unique(a, return_inverse=True, return_counts=True)
        inverse = inverse.reshape(a.shape)
    else:
        d = _wrap_dim(dim, x.dim())
        values, inverse, counts = np.unique(a, return_inverse=True, return_counts=True, axis=d)
        inverse = inverse.reshape(-1)
    return _unique_result(values, inverse, counts, return_inverse, return_counts)


def _unique_result(values, inverse, counts, return_inverse, return_counts):
    out = [_t(np.ascontiguousarray(values))]
    if return_inverse:
        out.append(_t(np.ascontiguousarray(inverse, dtype=np.int64)))
    if return_counts:
        out.append(_t(np.ascontiguousarray(counts, dtype=np.int64)))
    return out[0] if len(out) == 1 else tuple(out)


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    """``input`` with each run of equal consecutive values (or slices along ``dim``) kept once.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 1]), return_counts=True)
    (tensor([1, 2, 1]), tensor([2, 2, 1]))
    """
    x = _t(input)
    a = _values_of(x, "unique_consecutive")
    d = 0 if dim is None else _wrap_dim(dim, x.dim())
    moved = a.reshape(-1) if dim is None else np.moveaxis(a, d, 0)
    n = moved.shape[0]
    if n == 0:
        return _unique_result(a.reshape(-1) if dim is None else a, np.zeros(a.shape, np.int64),
                              np.zeros(0, np.int64), return_inverse, return_counts)
    rows = moved.reshape(n, -1)
    change = np.concatenate([[True], (rows[1:] != rows[:-1]).any(axis=1)])
    starts = np.flatnonzero(change)
    counts = np.diff(np.append(starts, n))
    inverse = np.cumsum(change) - 1
    values = moved[starts] if dim is None else np.moveaxis(moved[starts], 0, d)
    if dim is None:
        inverse = inverse.reshape(a.shape)
    return _unique_result(values, inverse, counts, return_inverse, return_counts)


def bincount(input, weights=None, minlength=0):
    """How often each non-negative integer occurs in the 1-d ``input`` (or the sum of its
    ``weights``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bincount(torch.tensor([0, 2, 2]))
    tensor([1, 0, 2])
    >>> torch.bincount(torch.tensor([0, 2]), weights=torch.tensor([0.5, 1.0]))
    tensor([0.5000, 0.0000, 1.0000])
    """
    x = _t(input)
    if x.dim() != 1 or x.dtype.np.kind not in "iub":
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    a = _values_of(x, "bincount")
    if a.size and a.min() < 0:
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if weights is None:
        return _t(np.bincount(a, minlength=minlength).astype(np.int64))
    w = _t(weights)
    if w.shape != x.shape:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    length = max(int(a.max()) + 1 if a.size else 0, minlength)
    dt = w.dtype.np if w.dtype.np.kind == "f" else np.dtype(np.float64)
    counts = np.bincount(a, weights=_values_of(w, "bincount"), minlength=length)
    return _t(counts.astype(dt))


def histc(input, bins=100, min=0, max=0):  # noqa: A002 - PyTorch's names
    """A histogram of ``input`` with ``bins`` equal bins over ``[min, max]`` (the data's range
    when both are 0); values outside are ignored.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.histc(torch.tensor([1.0, 2.0, 1.0]), bins=4, min=0, max=3)
    tensor([0., 2., 1., 0.])
    """
    x = _t(input)
    if not x.is_floating_point():
        raise RuntimeError(f'"histogram_cpu" not implemented for \'{x.dtype.np.name}\'')
    a = _values_of(x, "histc").astype(np.float64)
    lo, hi = float(min), float(max)
    if lo == hi and a.size:
        lo, hi = float(a.min()), float(a.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo > hi:
        raise RuntimeError("max must be larger than min")
    inside = a[(a >= lo) & (a <= hi)]
    pos = ((inside - lo) * bins / (hi - lo)).astype(np.int64)
    pos[pos == bins] = bins - 1
    return _t(np.bincount(pos, minlength=bins).astype(x.dtype.np))


# ---------------------------------------------------------------------------
# cummax, cummin, logcumsumexp
# ---------------------------------------------------------------------------

class _ValuesIndices(NamedTuple):
    values: Any
    indices: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.{self._kind}(\nvalues={self.values!r},\n"
                f"indices={self.indices!r})")

    @property
    def _kind(self) -> str:
        return "values_indices"


class CummaxReturn(_ValuesIndices):
    """``torch.return_types.cummax``: the running maxima and their indices."""

    __slots__ = ()
    __module__ = "torch.return_types"

    @property
    def _kind(self) -> str:
        return "cummax"


class CumminReturn(_ValuesIndices):
    """``torch.return_types.cummin``: the running minima and their indices."""

    __slots__ = ()
    __module__ = "torch.return_types"

    @property
    def _kind(self) -> str:
        return "cummin"


CummaxReturn.__name__ = CummaxReturn.__qualname__ = "cummax"
CumminReturn.__name__ = CumminReturn.__qualname__ = "cummin"


def _running_index(x: Tensor, d: int, largest: bool) -> Any:
    """The index of the running maximum (minimum) along ``d``: the last of ties, as PyTorch."""
    a = known(x)
    if a is not None:
        moved = np.moveaxis(a, d, -1)
        n = moved.shape[-1]
        run = (np.maximum if largest else np.minimum).accumulate(moved, axis=-1) if n else moved
        pos = np.broadcast_to(np.arange(n), moved.shape)
        # A position holds the extreme so far when it equals the running extreme (NaN wins).
        best = (moved == run) | np.isnan(moved) if moved.dtype.kind in "fc" else moved == run
        idx = np.maximum.accumulate(np.where(best, pos, -1), axis=-1) if n else pos
        return np.ascontiguousarray(np.moveaxis(idx, -1, d), dtype=np.int64)
    # Traced values: compare every pair of positions (n^2 work, no Python control flow).
    n = x.shape[d]
    xn = fnp.moveaxis(x._node, d, -1)
    earlier = np.tril(np.ones((n, n), np.bool_))  # [j, k]: k <= j
    pair = fnp.expand_dims(xn, -2)  # [..., 1, k]
    values = fnp.where(earlier, pair, -np.inf if largest else np.inf)
    run = (fnp.amax if largest else fnp.amin)(values, axis=-1)  # [..., j]
    ties = fnp.logical_and(earlier, fnp.equal(pair, fnp.expand_dims(run, -1)))
    idx = fnp.amax(fnp.where(ties, np.arange(n), -1), axis=-1)
    return fnp.moveaxis(idx, -1, d)


def _cumulative_extreme(input, dim, largest: bool, key: str, kind):
    x = _t(input)
    if x.dim() == 0:
        return kind(record(key, fnp.add(x._node, 0), (x,)), _t(np.zeros((), np.int64)))
    d = _wrap_dim(dim, x.dim())
    idx = _running_index(x, d, largest)
    values = fnp.take_along_axis(x._node, idx, axis=d)
    return kind(record(key, values, (x,)), Tensor._from_node(_node(idx)))


def cummax(input, dim):
    """The running maximum along ``dim`` and the index where each was reached.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cummax(torch.tensor([1.0, 3.0, 2.0, 3.0]), 0)
    torch.return_types.cummax(
    values=tensor([1., 3., 3., 3.]),
    indices=tensor([0, 1, 1, 3]))
    """
    return _cumulative_extreme(input, dim, True, "cummax", CummaxReturn)


def cummin(input, dim):
    """The running minimum along ``dim`` and the index where each was reached.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cummin(torch.tensor([2.0, 1.0, 3.0]), 0)
    torch.return_types.cummin(
    values=tensor([2., 1., 1.]),
    indices=tensor([0, 1, 1]))
    """
    return _cumulative_extreme(input, dim, False, "cummin", CumminReturn)


def logcumsumexp(input, dim):
    """``log(cumsum(exp(input)))`` along ``dim``, computed without overflow.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.logcumsumexp(torch.tensor([0.0, 0.0, 0.0]), 0)
    tensor([0.0000, 0.6931, 1.0986])
    """
    x = _t(input)
    n = x._node if x.is_floating_point() else fnp.astype(x._node, np.float32)
    if x.dim() == 0:
        return record("logcumsumexp", fnp.add(n, 0), (x,))
    d = _wrap_dim(dim, x.dim())
    size = x.shape[d]
    if size <= _PAIRWISE_UP_TO:
        # Each prefix's logsumexp, shifted by its own maximum: exact for any spread of values.
        moved = fnp.expand_dims(fnp.moveaxis(n, d, -1), -2)  # [..., 1, k]
        earlier = np.tril(np.ones((size, size), np.bool_))  # [j, k]: k <= j
        terms = fnp.where(earlier, moved, -np.inf)
        out = fnp.moveaxis(_logsumexp_last(terms), -1, d)
    else:
        peak = _finite(stop_gradient(fnp.amax(n, axis=d, keepdims=True)))
        out = fnp.add(fnp.log(fnp.cumsum(fnp.exp(fnp.subtract(n, peak)), axis=d)), peak)
    return record("logcumsumexp", out, (x,))


# Up to this length logcumsumexp compares every pair of positions (n^2 work, exact);
# beyond it, it shifts by the overall maximum (prefixes far below it underflow).
_PAIRWISE_UP_TO = 1024


def _finite(peak):
    return fnp.where(fnp.isfinite(peak), peak, 0)


def _logsumexp_last(terms):
    peak = _finite(stop_gradient(fnp.amax(terms, axis=-1, keepdims=True)))
    total = fnp.sum(fnp.exp(fnp.subtract(terms, peak)), axis=-1)
    return fnp.add(fnp.log(total), fnp.squeeze(peak, -1))



# ---------------------------------------------------------------------------
# quantile, nanquantile
# ---------------------------------------------------------------------------

_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(name: str, input: Any, q: Any, dim: Any, keepdim: bool, interpolation: str,
              ignore_nan: bool) -> Tensor:
    x = _t(input)
    if not x.is_floating_point():
        raise RuntimeError(f"{name}() input tensor must be either float or double dtype")
    if interpolation not in _INTERPOLATIONS:
        raise RuntimeError(
            f"{name}() interpolation must be one of linear, lower, higher, midpoint or nearest, "
            f"but got {interpolation}"
        )
    if isinstance(q, Tensor):
        if q.dim() > 1:
            raise RuntimeError(f"{name}() q must be a scalar or 1D tensor")
        values = known(q)
        if values is None:
            raise RuntimeError(f"{name}() q must be a concrete tensor, not one traced by a "
                               "transform: pass the quantiles as numbers or a plain tensor")
        qv = np.asarray(values, x.dtype.np)
    else:
        qv = np.asarray(float(q), x.dtype.np)
    if np.any((qv < 0) | (qv > 1)):
        if qv.ndim == 0:
            raise RuntimeError(f"{name}() q must be in the range [0, 1] but got {float(qv):g}")
        raise RuntimeError(f"{name}() q values must be in the range [0, 1]")
    node = x._node
    if dim is None:
        axis = 0
        node = fnp.reshape(node, (-1,))
    else:
        axis = _wrap_dim(dim, x.dim())
    fn = fnp.nanquantile if ignore_nan else fnp.quantile
    out = fn(node, qv, axis=axis, method=interpolation, keepdims=keepdim and dim is not None)
    if keepdim and dim is None:  # every dimension kept, of size 1, after q's
        out = fnp.reshape(out, qv.shape + (1,) * x.dim())
    return record("quantile", out, (x,))


def quantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    """The ``q``-th quantiles of ``input`` (of all values, or along ``dim``).

    ``interpolation`` says how a quantile between two values is taken
    (``'linear'``, ``'lower'``, ``'higher'``, ``'midpoint'``, ``'nearest'``);
    a 1-d ``q`` adds a leading dimension; a NaN in a row makes its quantiles
    NaN. The gradient goes to the values the quantile interpolates between.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 8.0]])
    >>> torch.quantile(x, torch.tensor([0.25, 0.5]), dim=1)
    tensor([[0.5000, 3.5000],
            [1.0000, 4.0000]])
    """
    return _quantile("quantile", input, q, dim, keepdim, interpolation, False)


def nanquantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    """:func:`quantile` ignoring NaN values (NaN where a row holds only NaNs).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nanquantile(torch.tensor([1.0, float("nan"), 3.0]), 0.5)
    tensor(2.)
    """
    return _quantile("nanquantile", input, q, dim, keepdim, interpolation, True)


PUBLIC = ["isin", "searchsorted", "bucketize", "unique", "unique_consecutive", "bincount",
          "histc", "cummax", "cummin", "logcumsumexp", "quantile", "nanquantile"]
METHODS = ["unique", "unique_consecutive", "bincount", "histc", "cummax", "cummin",
           "logcumsumexp", "quantile", "nanquantile"]
NODE_NAMES = {"quantile": ("SqueezeBackward4", "")}  # PyTorch's composite ends in a squeeze
