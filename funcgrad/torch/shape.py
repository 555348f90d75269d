"""Shapes, views and indexing of the torch face.

Views share storage (NumPy views) and version counters with their base, and
remember how they were taken, so an in-place change of a view can rewire the
base's graph (PyTorch's ``CopySlices``).
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..primitives.indexing import normalize_index, scatter_add
from . import _dtypes
from ._graph import Node, constant
from ._names import share_grad_fn
from ._operands import _cast, _check_tensor, _dims, _t, _value
from .tensor import Size, Tensor, _wrap_dim, as_tensor_arg, record

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# Shapes and views
# ---------------------------------------------------------------------------


def _shape_args(shape) -> tuple:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


def _infer_shape(shape: tuple, numel: int) -> tuple:
    if builtins.sum(1 for s in shape if s == -1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(
                f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input of size {numel}"
            )
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(
            f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input of size {numel}"
        )
    return shape


def _shares(a: Any, b: Any) -> bool:
    return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.shares_memory(a, b)


def _reshape_node(x: Tensor, shape) -> Tensor:
    return Tensor._from_node(_as_node(fnp.reshape(x._node, tuple(shape))))


def _permute_node(x: Tensor, axes) -> Tensor:
    return Tensor._from_node(_as_node(fnp.transpose(x._node, tuple(int(a) for a in axes))))


def _getitem_node(x: Tensor, index) -> Tensor:
    return Tensor._from_node(_as_node(fnp.getitem(x._node, index)))


def _as_node(out):
    return out if isinstance(out, Node) else constant(out)


def _view_result(key: str, x: Tensor, out_node, kind: str, param) -> Tensor:
    out_node = _as_node(out_node)
    if out_node is x._node:
        out_node = _alias(x._node)
    shares = _shares(out_node.primal, x._node.primal)
    view = (x, kind, param) if shares or not isinstance(x._node.primal, np.ndarray) else None
    return record(key, out_node, (x,), view=view, vc_of=x if view is not None else None)


def _alias(node: Node) -> Node:
    """A new node with ``node``'s value (a view that changes nothing), recorded when needed."""
    return _as_node(_identity(node))


def _identity(node: Node):
    # An identity the reverse walk sees as one equation: a reshape to the same shape.
    from ..primitives.shape import reshape_p

    return reshape_p.bind(node, shape=tuple(np.shape(node.primal)))


def view(input, *shape):
    """A view with another shape sharing the storage (``-1`` is inferred).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(6).view(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    x = input
    if len(shape) == 1 and isinstance(shape[0], _dtypes.dtype):
        raise NotImplementedError("view(dtype) is not supported by funcgrad.torch")
    shape = _infer_shape(_shape_args(shape), x.numel())
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
    out = _as_node(out)
    if (
        isinstance(x._node.primal, np.ndarray)
        and x.numel() > 1
        and not _shares(out.primal, x._node.primal)
    ):
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        )
    return _view_result("view", x, out, "reshape", tuple(x.shape))


def reshape(input, *shape):
    """The values with another shape: a view when the storage allows, else a copy.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.reshape(torch.arange(4.0), (2, 2))
    tensor([[0., 1.],
            [2., 3.]])
    """
    x = _check_tensor(input, "reshape")
    shape = _infer_shape(_shape_args(shape), x.numel())
    out = _as_node(_identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape))
    if (
        isinstance(x._node.primal, np.ndarray)
        and not _shares(out.primal, x._node.primal)
        and x.numel() > 1
    ):
        return record("reshape_copy", out, (x,))
    return _view_result("reshape", x, out, "reshape", tuple(x.shape))


def flatten(input, start_dim=0, end_dim=-1):
    """Flatten dimensions ``start_dim..end_dim`` into one (a view when the storage allows).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 3, 4)
    >>> torch.flatten(x).shape, x.flatten(1).shape, x.flatten(0, 1).shape
    (torch.Size([24]), torch.Size([2, 12]), torch.Size([6, 4]))
    """
    x = input
    nd = x.ndim
    if nd == 0:
        return reshape(x, 1)
    s, e = _wrap_dim(start_dim, nd), _wrap_dim(end_dim, nd)
    shape = tuple(x.shape[:s]) + (-1,) + tuple(x.shape[e + 1 :])
    if s == e:
        return x
    return reshape(x, shape)


def permute(input, *dims):
    """A view with the dimensions in the order ``dims``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 3, 4)
    >>> torch.permute(x, (2, 0, 1)).shape, x.permute(1, 0, 2).shape
    (torch.Size([4, 2, 3]), torch.Size([3, 2, 4]))
    """
    x = input
    dims = tuple(_wrap_dim(d, x.ndim) for d in _shape_args(dims))
    if sorted(dims) != list(range(x.ndim)):
        raise RuntimeError("permute(): dims don't match the number of dimensions of the input")
    return _view_result("permute", x, fnp.transpose(x._node, dims), "permute", dims)


def transpose(input, dim0, dim1):
    """A view with two dimensions swapped.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(2, 3).transpose(0, 1).shape
    torch.Size([3, 2])
    """
    x = input
    nd = x.ndim
    if nd == 0:
        return _view_result("transpose", x, _identity(x._node), "alias", None)
    a, b = _wrap_dim(dim0, nd), _wrap_dim(dim1, nd)
    axes = list(range(nd))
    axes[a], axes[b] = axes[b], axes[a]
    return _view_result("transpose", x, fnp.transpose(x._node, tuple(axes)), "permute", tuple(axes))


swapaxes = swapdims = transpose


def t(input):
    """The transpose of a matrix, as a view (0-d and 1-d tensors are returned as they are).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.t(torch.tensor([[1, 2, 3], [4, 5, 6]]))
    tensor([[1, 4],
            [2, 5],
            [3, 6]])
    """
    x = input
    if x.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.ndim}D")
    if x.ndim < 2:
        return _view_result("t", x, _identity(x._node), "alias", None)
    return _view_result("t", x, fnp.transpose(x._node, (1, 0)), "permute", (1, 0))


def _T(x):
    """The tensor with its dimensions reversed (``x.T``), as a view.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 3, 4).T.shape
    torch.Size([4, 3, 2])
    """
    if x.ndim <= 1:
        return _view_result("permute", x, _identity(x._node), "alias", None)
    axes = tuple(range(x.ndim - 1, -1, -1))
    return _view_result("permute", x, fnp.transpose(x._node, axes), "permute", axes)


def _mT(x):
    """The batch of matrices with their last two dimensions swapped (``x.mT``), as a view.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 3, 4).mT.shape
    torch.Size([2, 4, 3])
    """
    return transpose(x, -2, -1)


def unsqueeze(input, dim):
    """A view with a size-1 dimension inserted at ``dim`` (negative counts from the end).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0])
    >>> torch.unsqueeze(x, 0), x.unsqueeze(-1)
    (tensor([[1., 2.]]), tensor([[1.],
            [2.]]))
    """
    x = input
    d = _wrap_dim(dim, x.ndim + 1)
    shape = tuple(x.shape[:d]) + (1,) + tuple(x.shape[d:])
    return _view_result("unsqueeze", x, fnp.reshape(x._node, shape), "reshape", tuple(x.shape))


def squeeze(input, dim=None):
    """A view without size-1 dimensions (all of them, or only those in ``dim``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 1, 3, 1)
    >>> torch.squeeze(x).shape, x.squeeze(1).shape, x.squeeze(0).shape
    (torch.Size([2, 3]), torch.Size([2, 3, 1]), torch.Size([2, 1, 3, 1]))
    """
    x = input
    if dim is None:
        shape = tuple(s for s in x.shape if s != 1)
        key = "squeeze"
    else:
        dims = _dims(dim, x.ndim) if x.ndim else ()
        shape = tuple(s for i, s in enumerate(x.shape) if not (i in dims and s == 1))
        key = "squeeze_dim"
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
    return _view_result(key, x, out, "reshape", tuple(x.shape))


def expand(input, *sizes):
    """A broadcast view to ``sizes`` (``-1`` keeps a dimension); writing into it is an error.

    No data is copied; the gradient sums over the broadcast dimensions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0], [2.0]], requires_grad=True)
    >>> x.expand(2, 3)
    tensor([[1., 1., 1.],
            [2., 2., 2.]], grad_fn=<ExpandBackward0>)
    >>> x.expand(-1, 3).sum().backward(); x.grad
    tensor([[3.],
            [3.]])
    """
    x = input
    sizes = _shape_args(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(
            f"expand(torch.{x.dtype._legacy}{{{list(x.shape)}}}, size={list(sizes)}): the number "
            f"of sizes provided ({len(sizes)}) must be greater or equal to the number of "
            f"dimensions in the tensor ({x.ndim})"
        )
    lead = len(sizes) - x.ndim
    shape = tuple(x.shape[i - lead] if s == -1 and i >= lead else s for i, s in enumerate(sizes))
    for i in range(x.ndim):
        if x.shape[i] != 1 and x.shape[i] != shape[lead + i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({shape[lead + i]}) must match the existing "
                f"size ({x.shape[i]}) at non-singleton dimension {lead + i}.  Target sizes: "
                f"{list(sizes)}.  Tensor sizes: {list(x.shape)}"
            )
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.broadcast_to(x._node, shape)
    return _view_result("expand", x, out, "expand", shape)


def broadcast_to(input, size):
    """``input`` broadcast to the shape ``size``: :meth:`Tensor.expand` with a shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.broadcast_to(torch.tensor([1, 2, 3]), (2, 3))
    tensor([[1, 2, 3],
            [1, 2, 3]])
    """
    return expand(input, *size)


def expand_as(input, other):
    """:meth:`Tensor.expand` to ``other``'s shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]).expand_as(torch.zeros(3, 2))
    tensor([[1., 2.],
            [1., 2.],
            [1., 2.]])
    """
    return expand(input, *other.shape)


def view_as(input, other):
    """:meth:`Tensor.view` with ``other``'s shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(4).view_as(torch.zeros(2, 2))
    tensor([[0, 1],
            [2, 3]])
    """
    return view(input, *other.shape)


def reshape_as(input, other):
    """:func:`reshape` to ``other``'s shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(4).reshape_as(torch.zeros(4, 1)).shape
    torch.Size([4, 1])
    """
    return reshape(input, *other.shape)


def contiguous(input, memory_format=None):
    """The tensor itself if its storage is in row-major order, else a row-major copy.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 3)
    >>> x.contiguous() is x, x.t().is_contiguous(), x.t().contiguous().is_contiguous()
    (True, False, True)
    """
    x = input
    p = x._node.primal
    if not isinstance(p, np.ndarray) or p.flags.c_contiguous:
        return x
    return clone(x)


def is_contiguous(input, memory_format=None) -> bool:
    """Whether the tensor's storage is in row-major (C) order, with no gaps.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 3)
    >>> x.is_contiguous(), x.t().is_contiguous()
    (True, False)
    """
    p = input._node.primal
    return not isinstance(p, np.ndarray) or bool(p.flags.c_contiguous)


def clone(input, *, memory_format=None):
    """A copy with its own storage; the derivative passes through.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]).clone()
    tensor([1., 2.])
    """
    x = _check_tensor(input, "clone")
    node = x._node
    out = _as_node(_identity(node))
    if isinstance(out.primal, np.ndarray):
        out.primal = np.array(out.primal, copy=True, order="C")
    return record("clone", out, (x,))


def cat(tensors, dim=0, *, axis=None):
    """Concatenate tensors along an existing dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cat([torch.ones(2), torch.zeros(1)])
    tensor([1., 1., 0.])
    """
    dim = axis if axis is not None else dim
    ts = [_check_tensor(x, "cat") for x in tensors]
    if not ts:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    dt = _dtypes.result_type(*((builtins.max(x.ndim, 1), x._node.dtype) for x in ts))
    nodes = [_cast(x, dt) for x in ts]
    d = _wrap_dim(dim, ts[0].ndim)
    out = _as_node(fnp.concatenate(nodes, axis=d) if len(nodes) > 1 else _identity(nodes[0]))
    if len(nodes) == 1 and isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("cat", out, tuple(ts))


concat = concatenate = cat


def stack(tensors, dim=0):
    """Join tensors along a new dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.stack([torch.ones(2), torch.zeros(2)], dim=1)
    tensor([[1., 0.],
            [1., 0.]])
    """
    ts = [_check_tensor(x, "stack") for x in tensors]
    if not ts:
        raise RuntimeError("stack expects a non-empty TensorList")
    shapes = {tuple(x.shape) for x in ts}
    if len(shapes) != 1:
        raise RuntimeError(
            f"stack expects each tensor to be equal size, but got {list(ts[0].shape)} at entry 0 "
            f"and {list(next(x.shape for x in ts if tuple(x.shape) != tuple(ts[0].shape)))} at "
            f"entry {next(i for i, x in enumerate(ts) if tuple(x.shape) != tuple(ts[0].shape))}"
        )
    dt = _dtypes.result_type(*((builtins.max(x.ndim, 1), x._node.dtype) for x in ts))
    d = _wrap_dim(dim, ts[0].ndim + 1)
    nodes = [fnp.expand_dims(_cast(x, dt), d) for x in ts]
    out = _as_node(fnp.concatenate(nodes, axis=d) if len(nodes) > 1 else nodes[0])
    if len(nodes) == 1 and isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("stack", out, tuple(ts))


def hstack(tensors):
    """Concatenate along the first dimension for 1-d tensors, else along the second.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.hstack([torch.tensor([1, 2]), torch.tensor([3])])
    tensor([1, 2, 3])
    >>> torch.hstack([torch.zeros(2, 1), torch.ones(2, 2)])
    tensor([[0., 1., 1.],
            [0., 1., 1.]])
    """
    ts = [_t(x) for x in tensors]
    return cat(ts, dim=0 if ts[0].ndim == 1 else 1)


def vstack(tensors):
    """Stack rows: concatenate along the first dimension, 1-d tensors counting as rows.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.vstack([torch.tensor([1, 2]), torch.tensor([3, 4])])
    tensor([[1, 2],
            [3, 4]])
    """
    ts = [_t(x) if _t(x).ndim > 1 else _t(x).unsqueeze(0) for x in tensors]
    return cat(ts, dim=0)


def flip(input, dims):
    """Reverse the order of elements along ``dims`` (a copy, as PyTorch's).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1, 2], [3, 4]])
    >>> torch.flip(x, [0]), x.flip((0, 1))
    (tensor([[3, 4],
            [1, 2]]), tensor([[4, 3],
            [2, 1]]))
    """
    x = _check_tensor(input, "flip")
    dims = _dims(dims, x.ndim)
    index = tuple(slice(None, None, -1) if i in dims else slice(None) for i in range(x.ndim))
    out = _as_node(fnp.getitem(x._node, index))
    if isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("flip", out, (x,))


def repeat(input, *sizes):
    """Tile the tensor ``sizes[i]`` times along dimension ``i`` (a copy; NumPy's ``tile``).

    Extra leading ``sizes`` add dimensions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1, 2])
    >>> x.repeat(2), x.repeat(2, 2)
    (tensor([1, 2, 1, 2]), tensor([[1, 2, 1, 2],
            [1, 2, 1, 2]]))
    """
    x = input
    sizes = _shape_args(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions "
            "of tensor"
        )
    shape = (1,) * (len(sizes) - x.ndim) + tuple(x.shape)
    n = fnp.reshape(x._node, tuple(v for s in shape for v in (1, s)))
    n = fnp.broadcast_to(n, tuple(v for r, s in zip(sizes, shape) for v in (r, s)))
    out = _as_node(fnp.reshape(n, tuple(r * s for r, s in zip(sizes, shape))))
    if isinstance(out.primal, np.ndarray):
        out.primal = np.array(out.primal, copy=True)
    return record("repeat", out, (x,))


def narrow(input, dim, start, length):
    """A view of ``length`` elements from ``start`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(9).reshape(3, 3)
    >>> torch.narrow(x, 0, 1, 2)
    tensor([[3, 4, 5],
            [6, 7, 8]])
    >>> x.narrow(1, 0, 1)
    tensor([[0],
            [3],
            [6]])
    """
    d = _wrap_dim(dim, input.ndim)
    index = (slice(None),) * d + (slice(start, start + length),)
    return _getitem(input, index)


def select(input, dim, index):
    """A view of one index along ``dim``, that dimension removed: ``x.select(1, i)`` is ``x[:, i]``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(6).reshape(2, 3)
    >>> torch.select(x, 1, 2), x.select(0, -1)
    (tensor([2, 5]), tensor([3, 4, 5]))
    """
    d = _wrap_dim(dim, input.ndim)
    return _getitem(input, (slice(None),) * d + (int(index),))


def unbind(input, dim=0):
    """The slices along ``dim``, as a tuple of views (the dimension removed).

    As in PyTorch the results share one ``grad_fn``, ``UnbindBackward0``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> torch.unbind(x)
    (tensor([1., 2.], grad_fn=<UnbindBackward0>), tensor([3., 4.], grad_fn=<UnbindBackward0>))
    >>> a, b = x.unbind(1)
    >>> a.grad_fn is b.grad_fn
    True
    """
    d = _wrap_dim(dim, input.ndim)
    out = tuple(_getitem(input, (slice(None),) * d + (i,)) for i in range(input.shape[d]))
    return _one_node(out, "unbind")


def _one_node(out: tuple, face: str) -> tuple:
    """The views ``out`` of one operation (``unbind``, ``split``) share one ``grad_fn``."""
    for o in out:
        if o._node.prim is not None:
            o._node.face = face
    share_grad_fn([o._node for o in out])
    return out


def split(tensor, split_size_or_sections, dim=0):
    """Views of consecutive pieces along ``dim``, of ``split_size_or_sections`` each.

    An int is the size of every piece (the last may be smaller); a list gives
    each piece's size.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(5)
    >>> torch.split(x, 2)
    (tensor([0, 1]), tensor([2, 3]), tensor([4]))
    >>> x.split([1, 4])
    (tensor([0]), tensor([1, 2, 3, 4]))
    """
    x = tensor
    d = _wrap_dim(dim, x.ndim)
    size = x.shape[d]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        bounds = [(i, builtins.min(i + step, size)) for i in range(0, size, step)] or [(0, 0)]
    else:
        bounds, start = [], 0
        for s in split_size_or_sections:
            bounds.append((start, start + s))
            start += s
    out = tuple(_getitem(x, (slice(None),) * d + (slice(a, b),)) for a, b in bounds)
    return _one_node(out, "split")


def chunk(input, chunks, dim=0):
    """Split into ``chunks`` views of equal size along ``dim`` (the last may be smaller).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.chunk(torch.arange(5), 3)
    (tensor([0, 1]), tensor([2, 3]), tensor([4]))
    """
    d = _wrap_dim(dim, input.ndim)
    size = input.shape[d]
    step = -(-size // chunks) if size else 1
    return split(input, step, d)


# ---------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------


def _index_key(index) -> tuple:
    """The index as NumPy takes it (tensors become arrays), as a tuple."""
    if not isinstance(index, tuple):
        index = (index,)
    out = []
    for i in index:
        if isinstance(i, Tensor):
            a = i._array()
            i = int(a) if a.ndim == 0 and a.dtype.kind in "iu" else a
        elif isinstance(i, range):
            i = np.arange(i.start, i.stop, i.step)  # PyTorch indexes with a range as a list
        out.append(i)
    return normalize_index(tuple(out))


def _index_name(index: tuple) -> str:
    if builtins.any(isinstance(i, np.ndarray) for i in index):
        return "index"
    last = None
    for i in index:
        if isinstance(i, int):
            last = "select_index"
        elif isinstance(i, slice) and i != slice(None):
            last = "slice"
        elif i is None:
            last = last or "unsqueeze"
    return last or "alias"


def _getitem(x: Tensor, index) -> Tensor:
    key = _index_key(index)
    n = x._node
    p = n.primal
    if isinstance(p, np.ndarray):
        _check_index(p, key)
    out = _as_node(fnp.getitem(n, key))
    if out is n:
        out = _alias(n)
    name = _index_name(key)
    if name == "index":
        if isinstance(out.primal, np.ndarray) and _shares(out.primal, p):
            out.primal = out.primal.copy()
        return record(name, out, (x,))
    if isinstance(p, np.ndarray) and Ellipsis not in key:
        # NumPy gives a scalar for x[0] of a vector; x[0, ...] is the 0-d view PyTorch gives.
        out.primal = p[key + (Ellipsis,)]
    return _view_result(name, x, out, "index", key)


def _check_index(p: np.ndarray, key: tuple) -> None:
    """NumPy's IndexError for an index out of bounds, in PyTorch's words."""
    try:
        p[key]
    except IndexError as e:
        raise IndexError(str(e).replace(" axis ", " dimension ")) from None


def _index_set(x: Tensor, key: tuple, value) -> Tensor:
    """``x`` with ``value`` written at ``key``, built from the kernel's select and scatter-add.

    (A dedicated indexed-set primitive is being added to funcgrad.numpy as
    ``x.at[idx].set(v)``; this composite should move onto it then.)
    """
    n = x._node
    dt = n.dtype
    shape = tuple(np.shape(n.primal))
    key = _plain_index(key, shape)
    mask = np.zeros(shape, np.bool_)
    mask[key] = True
    target = np.empty(shape, np.bool_)[key].shape
    v = as_tensor_arg(value)
    vn = _cast(v, dt)
    if np.shape(vn) != target:
        vn = fnp.broadcast_to(vn, target)
    if not builtins.all(isinstance(i, (int, slice)) or i is None or i is Ellipsis for i in key):
        # Repeated advanced indices: the last write wins, as in NumPy and PyTorch.
        ids = np.arange(int(np.prod(target)), dtype=np.int64).reshape(target)
        winner = np.full(shape, -1, np.int64)
        winner[key] = ids
        keep = winner[key] == ids
        if not keep.all():
            # The overwritten updates add nothing to the value but still get their
            # gradient, as in PyTorch's index_put backward.
            vn = fnp.where(keep, vn, fnp.subtract(vn, np.asarray(_value(_as_node(vn)))))
    spread = scatter_add(np.zeros(shape, dt), key, vn)
    out = fnp.where(mask, spread, n)
    return Tensor._from_node(_as_node(out))


def _plain_index(key: tuple, shape) -> tuple:
    """Boolean masks as integer index arrays (scatter-add wants integers)."""
    out = []
    for i in key:
        if isinstance(i, np.ndarray) and i.dtype == np.bool_:
            out.extend(np.nonzero(i))
        else:
            out.append(i)
    return tuple(out)


def _setitem(self: Tensor, index, value) -> None:
    key = _index_key(index)
    if isinstance(self._node.primal, np.ndarray):
        _check_index(self._node.primal, key)

    def compute(old):
        out = _index_set(old, key, value)
        return record("copy_slices", out._node, (old, value))

    self._inplace(compute)


# ---------------------------------------------------------------------------
# dtype conversion
# ---------------------------------------------------------------------------


def _to(input, *args, **kwargs) -> Tensor:
    """The tensor converted to ``dtype`` (or another tensor's dtype); itself if it has it.

    ``x.to(dtype)``, ``x.to(other)``, ``x.to(device, dtype)``: devices are
    accepted and ignored (funcgrad runs on the CPU). ``copy=True`` always copies.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.5, -2.0], requires_grad=True)
    >>> x.to(torch.float64)
    tensor([ 1.5000, -2.0000], dtype=torch.float64, grad_fn=<ToCopyBackward0>)
    >>> x.to("cpu") is x
    True
    """
    x = input
    dtype = kwargs.get("dtype")
    copy = kwargs.get("copy", False)
    for a in args:
        if isinstance(a, _dtypes.dtype):
            dtype = a
        elif isinstance(a, Tensor):
            dtype = a.dtype
    if dtype is None or _dtypes.to_torch(dtype) == x.dtype:
        return clone(x) if copy else x
    dt = _dtypes.to_numpy(dtype)
    return record("to", _as_node(fnp.astype(x._node, dt)), (x,))


def _converter(name: str):
    def convert(self, memory_format=None):
        return _to(self, _dtypes.ALIASES[name])

    method, example, out = _CONVERTER_EXAMPLES[name]
    convert.__name__ = convert.__qualname__ = method
    convert.__doc__ = f"""``self.to(torch.{_dtypes.ALIASES[name].name})``: the tensor in that dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor({example}).{method}()
    {out}
    """
    return convert


_CONVERTER_EXAMPLES = {  # dtype: (method, data, what the method gives)
    "float32": ("float", "[1, 2]", "tensor([1., 2.])"),
    "float64": ("double", "[1, 2]", "tensor([1., 2.], dtype=torch.float64)"),
    "float16": ("half", "[1, 2]", "tensor([1., 2.], dtype=torch.float16)"),
    "int64": ("long", "[1.7, -1.7]", "tensor([ 1, -1])"),
    "int32": ("int", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int32)"),
    "int16": ("short", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int16)"),
    "int8": ("char", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int8)"),
    "uint8": ("byte", "[1.7, 200.0]", "tensor([  1, 200], dtype=torch.uint8)"),
    "bool": ("bool", "[0.0, 0.5]", "tensor([False,  True])"),
    "complex64": ("cfloat", "[1.0, 2.0]", "tensor([1.+0.j, 2.+0.j])"),
    "complex128": ("cdouble", "[1.0, 2.0]", "tensor([1.+0.j, 2.+0.j], dtype=torch.complex128)"),
}


def real(input):
    """The real part of a complex tensor, as a view; a real tensor itself.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.real(torch.tensor([1 + 2j, 3 - 1j]))
    tensor([1., 3.])
    """
    x = _check_tensor(input, "real")
    if x.dtype.np.kind != "c":
        return x
    return _view_result("real", x, fnp.real(x._node), "real", None)


def imag(input):
    """The imaginary part of a complex tensor (an error for a real one).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1 + 2j, 3 - 1j]).imag
    tensor([ 2., -1.])
    """
    x = _check_tensor(input, "imag")
    if x.dtype.np.kind != "c":
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    return record("imag", fnp.imag(x._node), (x,))


def conj(input):
    """The complex conjugate; a real tensor itself.

    PyTorch returns a lazily conjugated view (``is_conj()``); funcgrad computes
    the values at once, which prints and differentiates the same.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.conj(torch.tensor([1 + 2j, 3 - 1j]))
    tensor([1.-2.j, 3.+1.j])
    """
    x = _check_tensor(input, "conj")
    if x.dtype.np.kind != "c":
        return x
    return record("conj", fnp.conj(x._node), (x,))


def numel(input) -> int:
    """The number of elements (a Python int).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.numel(torch.zeros(2, 3)), torch.numel(torch.tensor(5.0))
    (6, 1)
    """
    return input.numel()


def is_tensor(obj) -> bool:
    """Whether ``obj`` is a tensor (``isinstance(obj, torch.Tensor)``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_tensor(torch.ones(1)), torch.is_tensor([1.0])
    (True, False)
    """
    return isinstance(obj, Tensor)


def is_floating_point(input) -> bool:
    """Whether the tensor's dtype is a floating point one (``float16/32/64``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_floating_point(torch.ones(1)), torch.tensor([1]).is_floating_point()
    (True, False)
    """
    return input.is_floating_point()


def is_complex(input) -> bool:
    """Whether the tensor's dtype is complex.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_complex(torch.tensor([1j])), torch.ones(1).is_complex()
    (True, False)
    """
    return input.is_complex()
