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
from ..primitives.shape import reshape_p
from . import _dtypes
from ._graph import Node, constant
from ._operands import _cast, _check_tensor, _dims, _t
from .tensor import Size, Tensor, _wrap_dim, record

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
    return _as_node(identity(node))


def identity(node: Node):
    # An identity the reverse walk sees as one equation: a reshape to the same shape.
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
    out = identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
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
    out = _as_node(identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape))
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


def movedim(input, source, destination):
    """A view with the dimensions ``source`` moved to ``destination`` (the rest keep their order).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(2, 3, 4)
    >>> torch.movedim(x, 0, -1).shape, x.movedim((0, 1), (2, 0)).shape
    (torch.Size([3, 4, 2]), torch.Size([3, 4, 2]))
    """
    x = input
    src = tuple(source) if isinstance(source, (tuple, list)) else (source,)
    dst = tuple(destination) if isinstance(destination, (tuple, list)) else (destination,)
    if len(src) != len(dst):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({list(src)} dims) should "
            f"contain the same number of dims as destination ({list(dst)} dims)"
        )
    src = tuple(_wrap_dim(d, x.ndim) for d in src)
    dst = tuple(_wrap_dim(d, x.ndim) for d in dst)
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise RuntimeError("movedim: repeated dim in `source` or `destination`")
    order = [d for d in range(x.ndim) if d not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return permute(x, tuple(order))


moveaxis = movedim


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
        return _view_result("transpose", x, identity(x._node), "alias", None)
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
        return _view_result("t", x, identity(x._node), "alias", None)
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
        return _view_result("permute", x, identity(x._node), "alias", None)
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
    out = identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
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
    out = identity(x._node) if shape == tuple(x.shape) else fnp.broadcast_to(x._node, shape)
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
    out = _as_node(identity(node))
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
    for i, x in enumerate(ts):
        if x.ndim == 0:
            raise RuntimeError(
                f"zero-dimensional tensor (at position {i}) cannot be concatenated; give it a "
                "dimension first (t.view(1) or t.unsqueeze(0)), or use torch.stack"
            )
    dt = _dtypes.result_type(*((builtins.max(x.ndim, 1), x._node.dtype) for x in ts))
    nodes = [_cast(x, dt) for x in ts]
    d = _wrap_dim(dim, ts[0].ndim)
    out = _as_node(fnp.concatenate(nodes, axis=d) if len(nodes) > 1 else identity(nodes[0]))
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
