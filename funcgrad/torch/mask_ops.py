"""Masks and data-dependent shapes in the torch face: ``masked_fill``, ``masked_select``,
``masked_scatter``, ``put``, ``nonzero``, ``argwhere``, ``repeat_interleave``.

``masked_fill`` works on traced values (it is a ``where``); the others make a
result whose size depends on values, so they need concrete masks and counts,
as in PyTorch's ``vmap``.

>>> import funcgrad.torch as torch
>>> scores = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
>>> causal = torch.tensor([[False, True], [False, False]])
>>> scores.masked_fill(causal, float("-inf")).softmax(-1)
tensor([[1.0000, 0.0000],
        [0.2689, 0.7311]], grad_fn=<SoftmaxBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import numpy as fnp
from ._operands import _check_broadcast, _t
from .index_ops import index_arg, index_select, known, node_in, put_add, scatter_set
from .tensor import Tensor, _wrap_dim, record, scalar_type_name

# ---------------------------------------------------------------------------
# masked_fill, masked_select, masked_scatter, put
# ---------------------------------------------------------------------------


def _bool_mask(mask: Any, fn: str, message: str | None = None) -> Tensor:
    mask = _t(mask) if not isinstance(mask, Tensor) else mask
    if mask.dtype.np != np.bool_:
        raise RuntimeError(
            message or f"{fn} only supports boolean masks, but got mask with dtype "
            f"{_C_NAMES.get(mask.dtype.np.name, mask.dtype.np.name)}"
        )
    return mask


# How PyTorch's C++ messages spell dtypes.
_C_NAMES = {"int64": "long int", "int32": "int", "int16": "short int", "int8": "signed char",
            "uint8": "unsigned char", "float32": "float", "float64": "double",
            "float16": "c10::Half"}


def masked_fill(input, mask, value):
    """``input`` with ``value`` where the boolean ``mask`` (broadcast to ``input``) is true.

    ``value`` is a number or a 0-d tensor (which then receives a gradient);
    it is converted to ``input``'s dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> scores = torch.tensor([[0.5, 1.0], [2.0, 0.1]])
    >>> scores.masked_fill(torch.tensor([[False, True], [False, False]]), float("-inf"))
    tensor([[0.5000,   -inf],
            [2.0000, 0.1000]])
    """
    x = _t(input)
    mask = _bool_mask(mask, "masked_fill_")
    if isinstance(value, Tensor) and value.dim() != 0:
        raise RuntimeError(
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
            f"{value.dim()} dimension(s)."
        )
    if tuple(mask.shape) != tuple(x.shape):
        _check_broadcast([tuple(mask.shape), tuple(x.shape)])
        if np.broadcast_shapes(tuple(x.shape), tuple(mask.shape)) != tuple(x.shape):
            raise RuntimeError(
                f"masked_fill_(): the mask of shape {list(mask.shape)} does not broadcast to "
                f"the tensor's shape {list(x.shape)}"
            )
    out = fnp.where(mask._node, node_in(value, x.dtype.np), x._node)
    if isinstance(value, Tensor):
        return record("masked_fill_tensor", out, (x, value))
    return record("masked_fill", out, (x,))


def _concrete_mask(mask: Tensor, fn: str) -> np.ndarray:
    a = known(mask)
    if a is None:
        raise RuntimeError(
            f"{fn}: the result's size depends on the mask's values, which a functional "
            "transform (vmap, grad, jit) traces here. Use torch.where(mask, x, fill) to keep "
            "the shape fixed."
        )
    return a


def masked_select(input, mask):
    """The values of ``input`` where the boolean ``mask`` is true, as a 1-d tensor.

    ``input`` and ``mask`` broadcast together. The result's length depends on
    the mask's values, so the mask must be concrete (not traced by ``vmap``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, -2.0], [3.0, -4.0]])
    >>> torch.masked_select(x, x > 0)
    tensor([1., 3.])
    """
    x = _t(input)
    mask = _bool_mask(mask, "masked_select", "masked_select: expected BoolTensor for mask")
    _check_broadcast([tuple(x.shape), tuple(mask.shape)])
    shape = np.broadcast_shapes(tuple(x.shape), tuple(mask.shape))
    m = np.broadcast_to(_concrete_mask(mask, "masked_select"), shape)
    xn = x._node
    if tuple(x.shape) != shape:
        xn = fnp.broadcast_to(xn, shape)
    out = fnp.getitem(fnp.reshape(xn, (-1,)), np.flatnonzero(m))
    return record("masked_select", out, (x,))


def masked_scatter(input, mask, source):
    """``input`` with the positions where ``mask`` is true filled by ``source``'s first values
    in order.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 2).masked_scatter(torch.tensor([[True, False], [True, True]]),
    ...                                  torch.tensor([1.0, 2.0, 3.0, 4.0]))
    tensor([[1., 0.],
            [2., 3.]])
    """
    x = _t(input)
    mask = _bool_mask(mask, "masked_scatter_", "masked_scatter_ only supports boolean masks, "
                      f"but got mask with dtype {_t(mask).dtype}")
    source = _t(source)
    if source.dtype != x.dtype:
        raise RuntimeError(
            "masked_scatter_: expected self and source to have same dtypes but got "
            f"{scalar_type_name(x.dtype)} and {scalar_type_name(source.dtype)}"
        )
    m = np.broadcast_to(_concrete_mask(mask, "masked_scatter"), tuple(x.shape))
    positions = np.flatnonzero(m)
    if positions.size > source.numel():
        raise RuntimeError("masked_scatter: expected source to have at least as many elements "
                           "as ones in mask")
    flat = fnp.reshape(source._node, (-1,))
    taken = fnp.getitem(flat, slice(0, positions.size))
    spread = put_add((x.numel(),), x.dtype.np, positions, taken, 0)
    out = fnp.where(m, fnp.reshape(spread, tuple(x.shape)), x._node)
    return record("masked_scatter", out, (x, source))


def put(input, index, source, accumulate=False):
    """``input`` flattened, with ``source``'s values written (or added) at ``index``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 2).put(torch.tensor([3, 0]), torch.tensor([1.0, 2.0]))
    tensor([[2., 0.],
            [0., 1.]])
    """
    x = _t(input)
    source = _t(source)
    index = index_arg(index, "put", "put_(): Expected a long tensor for index")
    if source.numel() != index.numel():
        raise RuntimeError(
            f"put_(): Expected source and index to have the same number of elements, but got "
            f"source.numel() = {source.numel()}, index.numel() = {index.numel()}"
        )
    if source.dtype != x.dtype:
        raise RuntimeError(
            f"put_(): self and source expected to have the same dtype, but got self.dtype = "
            f"{x.dtype} and source.dtype = {source.dtype}"
        )
    n = x.numel()
    a = known(index)
    if a is not None and a.size and (a.max() >= n or a.min() < -n):
        bad = a.max() if a.max() >= n else a.min()
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} elements.")
    idx = fnp.reshape(index._node, (-1,))
    if a is None or (a.size and a.min() < 0):
        idx = fnp.where(fnp.less(idx, 0), fnp.add(idx, n), idx)
    flat_x = x.reshape(-1)
    flat_s = source.reshape(-1)
    idx_t = Tensor._from_node(idx)
    if accumulate:
        out = fnp.add(flat_x._node, put_add((n,), x.dtype.np, idx, flat_s._node, 0))
    else:
        out = scatter_set(flat_x, 0, idx_t, flat_s._node)
    return record("put", fnp.reshape(out, tuple(x.shape)), (x, source))


# ---------------------------------------------------------------------------
# nonzero, argwhere, repeat_interleave
# ---------------------------------------------------------------------------


def nonzero(input, *, as_tuple=False):
    """The indices of the non-zero elements: an ``(n, ndim)`` int64 tensor, or one vector
    per dimension with ``as_tuple=True``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[0.0, 1.0], [2.0, 0.0]])
    >>> torch.nonzero(x)
    tensor([[0, 1],
            [1, 0]])
    >>> x.nonzero(as_tuple=True)
    (tensor([0, 1]), tensor([1, 0]))
    """
    x = _t(input)
    a = _concrete_mask(x, "nonzero")
    if as_tuple:
        if a.ndim == 0:
            return (_t(np.flatnonzero(np.atleast_1d(a)).astype(np.int64)),)
        return tuple(_t(np.ascontiguousarray(i, dtype=np.int64)) for i in np.nonzero(a))
    return _t(np.ascontiguousarray(np.argwhere(a), dtype=np.int64))


def argwhere(input):
    """The indices of the non-zero elements, one row per element (``nonzero``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.argwhere(torch.tensor([0.0, 3.0, 4.0]))
    tensor([[1],
            [2]])
    """
    return nonzero(input)


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Each element (or slice along ``dim``) repeated ``repeats`` times, one after another.

    ``repeats`` is a number or a tensor of counts per element; without
    ``dim`` the input is flattened. ``repeat_interleave(counts)`` alone gives
    ``i`` repeated ``counts[i]`` times.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.repeat_interleave(x, 2, dim=0)
    tensor([[1., 2.],
            [1., 2.],
            [3., 4.],
            [3., 4.]])
    >>> torch.repeat_interleave(torch.tensor([1, 2]))
    tensor([0, 1, 1])
    """
    if repeats is None:
        counts = _t(input)
        if counts.dim() > 1 or counts.dtype.np.kind not in "iu":
            raise RuntimeError("repeats has to be Long or Int tensor")
        a = _concrete_mask(counts, "repeat_interleave").reshape(-1)
        return _t(np.repeat(np.arange(a.size, dtype=np.int64), a))
    x = _t(input)
    if dim is None:
        x = x.reshape(-1)
        d = 0
    else:
        d = _wrap_dim(dim, x.dim())
    if x.dim() == 0:
        x = x.reshape(1)
    n = x.shape[d]
    if isinstance(repeats, Tensor):
        r = _concrete_mask(repeats, "repeat_interleave").reshape(-1)
        if r.size == 1:
            repeats = int(r[0])
        else:
            if r.size != n:
                raise RuntimeError("repeats must have the same size as input along dim, but got "
                                   f"repeats.size(0) = {r.size} and input.size({d}) = {n}")
            if (r < 0).any():
                raise RuntimeError("repeats can not be negative")
            return index_select(x, d, _t(np.repeat(np.arange(n, dtype=np.int64), r)))
    repeats = int(repeats)
    if repeats < 0:
        raise RuntimeError("repeats can not be negative")
    # A broadcast along a new axis after ``d``, then a reshape (PyTorch's ViewBackward0).
    xn = x._node
    shape = tuple(x.shape)
    expanded = fnp.broadcast_to(fnp.expand_dims(xn, d + 1),
                                shape[:d + 1] + (repeats,) + shape[d + 1:])
    out = fnp.reshape(expanded, shape[:d] + (n * repeats,) + shape[d + 1:])
    return record("view", out, (x,))


PUBLIC = ["masked_fill", "masked_select", "masked_scatter", "nonzero", "argwhere",
          "repeat_interleave"]
METHODS = PUBLIC + ["put"]
INPLACE = {"masked_fill_": masked_fill, "masked_scatter_": masked_scatter, "put_": put}
NODE_NAMES = {"masked_fill_tensor": ("MaskedFillBackward1", "")}
INPLACE_EXAMPLES = {
    "masked_fill_": ("[1.0, 2.0]", "torch.tensor([True, False]), 0.0", "tensor([0., 2.])"),
    "masked_scatter_": ("[1.0, 2.0]", "torch.tensor([False, True]), torch.tensor([9.0])",
                        "tensor([1., 9.])"),
    "put_": ("[1.0, 2.0]", "torch.tensor([0]), torch.tensor([5.0])", "tensor([5., 2.])"),
}
