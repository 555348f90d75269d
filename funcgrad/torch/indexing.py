"""Indexing of the torch face: ``x[idx]`` (a view when the index is basic), ``x[idx] = v``
(an in-place update through the graph, PyTorch's ``CopySlices``), and the slicing
functions built on them: ``narrow``, ``select``, ``unbind``, ``split``, ``chunk``."""

from __future__ import annotations

import builtins

import numpy as np

from .. import numpy as fnp
from ..primitives.indexing import normalize_index, scatter_add
from ._names import share_grad_fn
from ._operands import _cast, _value
from .shape import (
    _alias,
    _as_node,
    _shares,
    _view_result,
)
from .tensor import (
    Tensor,
    _wrap_dim,
    as_tensor_arg,
    record,
)

_Number = (int, float, complex, bool, np.number, np.bool_)

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
# Slicing functions
# ---------------------------------------------------------------------------

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
