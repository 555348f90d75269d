"""Array operations of the torch face: diagonals, products of tensors, distances, splitting.

``diag``, ``diagonal``, ``diag_embed``, ``tensordot``, ``kron``, ``cross``,
``cdist``, ``dist``, ``std_mean``, ``var_mean``, ``tensor_split``,
``Tensor.unfold``, ``block_diag``, ``cartesian_prod``, ``baddbmm`` and
friends. Each composes funcgrad.numpy functions on the face's nodes (so they
work under ``torch.func.vmap`` and ``grad``) and records PyTorch's node name.

>>> import funcgrad.torch as torch
>>> a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
>>> torch.diagonal(a)
tensor([1., 4.], grad_fn=<DiagonalBackward0>)
>>> torch.cdist(a, torch.zeros(1, 2))
tensor([[2.2361],
        [5.0000]], grad_fn=<CdistBackward0>)
"""

from __future__ import annotations

import builtins
import itertools
import math
from typing import Any

import numpy as np

from .. import numpy as fnp
from . import _dtypes
from ._graph import no_grad
from ._names import share_grad_fn
from ._operands import _operands, _t
from .factories import rand
from .functions import mean, stack, std, var
from .tensor import Tensor, _wrap_dim, record

# ---------------------------------------------------------------------------
# Diagonals
# ---------------------------------------------------------------------------


def diagonal(input, offset=0, dim1=0, dim2=1):
    """The diagonal of ``input`` in the plane of ``dim1`` and ``dim2``, as the last dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.diagonal(torch.arange(9.0).reshape(3, 3), 1)
    tensor([1., 5.])
    """
    x = _t(input)
    d1, d2 = _wrap_dim(dim1, x.dim()), _wrap_dim(dim2, x.dim())
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return record("diagonal", fnp.diagonal(x._node, offset, d1, d2), (x,))


def diag(input, diagonal=0):
    """A square matrix with the vector ``input`` on its ``diagonal``, or the ``diagonal`` of the
    matrix ``input`` as a vector.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.diag(torch.tensor([1.0, 2.0]))
    tensor([[1., 0.],
            [0., 2.]])
    >>> torch.diag(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), 1)
    tensor([2.])
    """
    x = _t(input)
    if x.dim() == 1:
        return diag_embed(x, diagonal, 0, 1)
    if x.dim() != 2:
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " f"{x.dim()}D")
    return record("diagonal_copy", fnp.diagonal(x._node, diagonal, 0, 1), (x,))


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """Matrices (in the dimensions ``dim1``, ``dim2`` of the result) with the last dimension of
    ``input`` on their ``offset`` diagonal.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.diag_embed(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    tensor([[[1., 0.],
             [0., 2.]],
    <BLANKLINE>
            [[3., 0.],
             [0., 4.]]])
    """
    x = _t(input)
    nd = x.dim() + 1
    d1, d2 = _wrap_dim(dim1, nd), _wrap_dim(dim2, nd)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    m = x.shape[-1] if x.dim() else 1
    n = m + builtins.abs(offset)
    place = np.zeros((m, n, n), x.dtype.np)
    k = np.arange(m)
    place[k, k + builtins.max(-offset, 0), k + builtins.max(offset, 0)] = 1
    xn = x._node if x.dim() else fnp.reshape(x._node, (1,))
    out = fnp.einsum("...k,krc->...rc", xn, place)
    if x.dim() == 0:
        out = fnp.reshape(out, (n, n))
    if (d1, d2) != (nd - 2, nd - 1):
        out = fnp.moveaxis(out, (nd - 2, nd - 1), (d1, d2))
    return record("diag_embed", out, (x,))


def diagflat(input, offset=0):
    """A matrix with the flattened ``input`` on its ``offset`` diagonal.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.diagflat(torch.tensor([[1.0], [2.0]]))
    tensor([[1., 0.],
            [0., 2.]])
    """
    return diag_embed(_t(input).reshape(-1), offset, 0, 1)


# ---------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------


def tensordot(a, b, dims=2):
    """The sum of products over the ``dims`` last dimensions of ``a`` and first of ``b`` (or the
    dimensions listed as ``([a's], [b's])``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> a, b = torch.ones(2, 3), torch.ones(3, 4)
    >>> torch.tensordot(a, b, dims=1).shape, torch.tensordot(a, b, dims=([1], [0])).shape
    (torch.Size([2, 4]), torch.Size([2, 4]))
    """
    _, (an, bn), (ta, tb) = _operands(a, b, broadcast=False)
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, (int, np.integer)):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        axes: Any = int(dims)
    else:
        da, db = dims
        axes = ([da] if isinstance(da, int) else list(da), [db] if isinstance(db, int)
                else list(db))
        for i, j in zip(*axes):
            if ta.shape[i] != tb.shape[j]:
                raise RuntimeError(
                    f"contracted dimensions need to match, but first has size {ta.shape[i]} in "
                    f"dim {i} and second has size {tb.shape[j]} in dim {j}"
                )
    return record("view", fnp.tensordot(an, bn, axes=axes), (ta, tb))


def kron(input, other):
    """The Kronecker product of two tensors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.kron(torch.eye(2), torch.tensor([[1.0, 2.0]]))
    tensor([[1., 2., 0., 0.],
            [0., 0., 1., 2.]])
    """
    _, (an, bn), xs = _operands(input, other, broadcast=False)
    return record("reshape_copy", fnp.kron(an, bn), xs)


def cross(input, other, dim=None):
    """The cross product of 3-vectors along ``dim`` (the first dimension of size 3 when None).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0]), dim=0)
    tensor([0., 0., 1.])
    """
    ta, tb = _t(input), _t(other)
    if ta.dim() != tb.dim():
        raise RuntimeError(
            f"linalg.cross: inputs must have the same number of dimensions. Got {ta.dim()} and "
            f"{tb.dim()}"
        )
    if dim is None:
        dim = next((i for i, (p, q) in enumerate(zip(ta.shape, tb.shape)) if p == q == 3), None)
        if dim is None:
            raise RuntimeError("no dimension of size 3 in input")
    d = _wrap_dim(dim, ta.dim())
    if ta.shape[d] != 3 or tb.shape[d] != 3:
        raise RuntimeError(
            f"linalg.cross: inputs dimension {dim} must have length 3. Got {ta.shape[d]} and "
            f"{tb.shape[d]}"
        )
    _, (an, bn), (ta, tb) = _operands(ta, tb)
    return record("linalg_cross", fnp.cross(an, bn, axis=d), (ta, tb))


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1):
    """``beta * input + alpha * (batch1 @ batch2)`` for batches of matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.baddbmm(torch.ones(1, 2, 2), torch.ones(1, 2, 3), torch.ones(1, 3, 2), alpha=2)
    tensor([[[7., 7.],
             [7., 7.]]])
    """
    _, (c, a, b), xs = _operands(input, batch1, batch2, broadcast=False)
    prod = fnp.matmul(a, b)
    if alpha != 1:
        prod = fnp.multiply(prod, alpha)
    out = prod if beta == 0 else fnp.add(c if beta == 1 else fnp.multiply(c, beta), prod)
    if tuple(np.shape(out.primal)) != tuple(np.shape(prod.primal)):
        raise RuntimeError(
            f"The expanded size of the tensor ({np.shape(prod.primal)[-1]}) must match the "
            f"existing size ({xs[0].shape[-1]})"
        )
    return record("baddbmm", out, xs)


def addbmm(input, batch1, batch2, *, beta=1, alpha=1):
    """``beta * input + alpha * sum_i batch1[i] @ batch2[i]``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addbmm(torch.zeros(2, 2), torch.ones(3, 2, 1), torch.ones(3, 1, 2))
    tensor([[3., 3.],
            [3., 3.]])
    """
    _, (c, a, b), xs = _operands(input, batch1, batch2, broadcast=False)
    prod = fnp.sum(fnp.matmul(a, b), axis=0)
    if alpha != 1:
        prod = fnp.multiply(prod, alpha)
    out = prod if beta == 0 else fnp.add(c if beta == 1 else fnp.multiply(c, beta), prod)
    return record("addbmm", out, xs)


def addmv(input, mat, vec, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat @ vec)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addmv(torch.ones(2), torch.eye(2), torch.tensor([1.0, 2.0]))
    tensor([2., 3.])
    """
    _, (c, a, b), xs = _operands(input, mat, vec, broadcast=False)
    prod = fnp.matmul(a, b)
    if alpha != 1:
        prod = fnp.multiply(prod, alpha)
    out = prod if beta == 0 else fnp.add(c if beta == 1 else fnp.multiply(c, beta), prod)
    return record("addmv", out, xs)


def addr(input, vec1, vec2, *, beta=1, alpha=1):
    """``beta * input + alpha * outer(vec1, vec2)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addr(torch.zeros(2, 2), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 3.0]))
    tensor([[1., 3.],
            [2., 6.]])
    """
    _, (c, a, b), xs = _operands(input, vec1, vec2, broadcast=False)
    prod = fnp.outer(a, b)
    if alpha != 1:
        prod = fnp.multiply(prod, alpha)
    out = prod if beta == 0 else fnp.add(c if beta == 1 else fnp.multiply(c, beta), prod)
    return record("addr", out, xs)


def chain_matmul(*matrices):
    """The product of the matrices, left to right (``torch.linalg.multi_dot``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.chain_matmul(torch.eye(2), torch.ones(2, 2)).sum()
    tensor(4.)
    """
    out = matrices[0]
    for m in matrices[1:]:
        out = out @ m
    return out


# ---------------------------------------------------------------------------
# Distances
# ---------------------------------------------------------------------------


def _safe_sqrt(v):
    """sqrt whose derivative is 0 where its argument is 0 (PyTorch's norms and distances)."""
    zero = fnp.equal(v, 0)
    root = fnp.sqrt(fnp.where(zero, np.ones((), v.dtype), v))
    return fnp.where(zero, np.zeros((), v.dtype), root)


def p_norm(diff: Any, p: float, axis: Any, keepdims: bool = False) -> Any:
    """The ``p``-norm of ``diff`` along ``axis`` with PyTorch's derivatives (0 at 0)."""
    if p == 2:
        return _safe_sqrt(fnp.sum(fnp.multiply(diff, diff), axis=axis, keepdims=keepdims))
    mag = fnp.abs(diff)
    if p == 1:
        return fnp.sum(mag, axis=axis, keepdims=keepdims)
    if p == math.inf:
        return fnp.amax(mag, axis=axis, keepdims=keepdims)
    if p == -math.inf:
        return fnp.amin(mag, axis=axis, keepdims=keepdims)
    if p == 0:  # a count: its derivative is 0 (still recorded, as PyTorch does)
        count = fnp.sum(fnp.astype(fnp.not_equal(diff, 0), diff.dtype), axis=axis,
                        keepdims=keepdims)
        return fnp.add(count, fnp.multiply(fnp.sum(mag, axis=axis, keepdims=keepdims), 0))
    total = fnp.sum(fnp.power(mag, p), axis=axis, keepdims=keepdims)
    zero = fnp.equal(total, 0)
    root = fnp.power(fnp.where(zero, np.ones((), total.dtype), total), 1.0 / p)
    return fnp.where(zero, np.zeros((), total.dtype), root)


def cdist(x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary"):
    """The ``p``-norm distance between each row of ``x1`` and each row of ``x2`` (batched).

    ``x1`` is ``(..., P, M)`` and ``x2`` ``(..., R, M)``; the result is ``(..., P, R)``.
    The derivative at a zero distance is 0, as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cdist(torch.tensor([[0.0, 0.0], [1.0, 1.0]]), torch.tensor([[3.0, 4.0]]))
    tensor([[5.0000],
            [3.6056]])
    """
    _, (a, b), (t1, t2) = _operands(x1, x2, broadcast=False)
    if t1.dim() < 2 or t2.dim() < 2:
        raise RuntimeError(
            f"cdist only supports at least 2D tensors, X1 got: {t1.dim()}D"
            if t1.dim() < 2 else f"cdist only supports at least 2D tensors, X2 got: {t2.dim()}D"
        )
    if t1.shape[-1] != t2.shape[-1]:
        raise RuntimeError(
            f"X1 and X2 must have the same number of columns. X1: {t1.shape[-1]} X2: "
            f"{t2.shape[-1]}"
        )
    if p < 0:
        raise RuntimeError(f"cdist only supports non-negative p values, got {p}")
    if not t1.is_floating_point():
        raise RuntimeError(
            f"cdist only supports floating-point dtypes, X1 got: {t1.dtype.np.name}"
        )
    diff = fnp.subtract(fnp.expand_dims(a, -2), fnp.expand_dims(b, -3))
    return record("cdist", p_norm(diff, p, -1), (t1, t2))


def dist(input, other, p=2):
    """The ``p``-norm of ``input - other`` (broadcast), as one number.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.dist(torch.tensor([3.0, 0.0]), torch.tensor([0.0, 4.0]))
    tensor(5.)
    """
    _, (a, b), xs = _operands(input, other, floating=True)
    diff = fnp.subtract(a, b)
    return record("dist", p_norm(diff, float(p), None), xs)


def pdist(input, p=2):
    """The ``p``-norm distances between the rows of ``input``, the upper triangle as a vector.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.pdist(torch.tensor([[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]]))
    tensor([5.0000, 1.0000, 4.2426])
    """
    x = _t(input)
    n = x.shape[0]
    rows, cols = np.triu_indices(n, 1)
    diff = fnp.subtract(fnp.getitem(x._node, rows), fnp.getitem(x._node, cols))
    return record("pdist", p_norm(diff, float(p), -1), (x,))


# ---------------------------------------------------------------------------
# Statistics in pairs
# ---------------------------------------------------------------------------


def _pair(key: str, first: Tensor, second: Tensor) -> tuple:
    for t in (first, second):
        if t._node.prim is not None:
            t._node.face = key
            t._node.grad_fn_obj = None
    share_grad_fn([first._node, second._node])
    return first, second


def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The standard deviation and the mean, computed together (one ``grad_fn``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.std_mean(torch.tensor([1.0, 2.0, 3.0]))
    (tensor(1.), tensor(2.))
    """
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    s = std(input, dim, unbiased, keepdim, correction=correction)
    m = mean(input, dim, keepdim) if dim is not None else mean(input)
    if dim is None and keepdim:
        m = m.reshape((1,) * _t(input).dim())
    return _pair("std_mean", s, m)


def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The variance and the mean, computed together (one ``grad_fn``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.var_mean(torch.tensor([[1.0, 3.0], [5.0, 7.0]]), dim=1)
    (tensor([2., 2.]), tensor([2., 6.]))
    """
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    v = var(input, dim, unbiased, keepdim, correction=correction)
    m = mean(input, dim, keepdim) if dim is not None else mean(input)
    if dim is None and keepdim:
        m = m.reshape((1,) * _t(input).dim())
    return _pair("var_mean", v, m)


# ---------------------------------------------------------------------------
# Splitting and windows
# ---------------------------------------------------------------------------


def tensor_split(input, indices_or_sections, dim=0):
    """Views of ``input`` split along ``dim`` into ``n`` nearly equal parts (an int), or at the
    given indices (a list or a 1-d tensor), as :func:`numpy.array_split`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor_split(torch.arange(5), 2)
    (tensor([0, 1, 2]), tensor([3, 4]))
    >>> torch.tensor_split(torch.arange(5), [1, 4])
    (tensor([0]), tensor([1, 2, 3]), tensor([4]))
    """
    x = _t(input)
    d = _wrap_dim(dim, x.dim())
    n = x.shape[d]
    spec = indices_or_sections
    if isinstance(spec, Tensor):
        if spec.dtype.np.kind not in "iu" or spec.dim() > 1:
            raise RuntimeError(
                "tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                "one-dimensional tensor, but got a tensor with "
                f"{spec.dim()} dims" if spec.dim() > 1 else
                "tensor_split expected tensor_indices_or_sections to have integer dtype, but got "
                f"{spec.dtype}"
            )
        spec = int(spec.item()) if spec.dim() == 0 else spec.tolist()
    if isinstance(spec, (int, np.integer)):
        if spec <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {spec}")
        size, extra = divmod(n, int(spec))
        bounds, start = [], 0
        for i in range(int(spec)):
            stop = start + size + (1 if i < extra else 0)
            bounds.append((start, stop))
            start = stop
    else:
        cuts = [0] + [builtins.min(builtins.max(int(i) if i >= 0 else n + int(i), 0), n)
                      for i in spec] + [n]
        bounds = [(cuts[i], builtins.max(cuts[i], cuts[i + 1])) for i in range(len(cuts) - 1)]
    lead = (slice(None),) * d
    return tuple(x[lead + (slice(a, b),)] for a, b in bounds)


def unfold(self, dimension, size, step):
    """The windows of length ``size`` taken every ``step`` along ``dimension``, as a new last
    dimension (``Tensor.unfold``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(5.0).unfold(0, 2, 2)
    tensor([[0., 1.],
            [2., 3.]])
    """
    x = _t(self)
    d = _wrap_dim(dimension, x.dim()) if x.dim() else 0
    n = x.shape[d] if x.dim() else 1
    if size > n:
        raise RuntimeError(
            f"maximum size for tensor at dimension {d} is {n} but size is {size}"
        )
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    count = (n - size) // step + 1
    windows = np.arange(count)[:, None] * step + np.arange(size)[None, :]
    xn = x._node if x.dim() else fnp.reshape(x._node, (1,))
    out = fnp.take(xn, windows, axis=d)
    out = fnp.moveaxis(out, d + 1, -1)
    if x.dim() == 0:
        out = fnp.reshape(out, (size,))
    return record("unfold", out, (x,))


# ---------------------------------------------------------------------------
# Assembling
# ---------------------------------------------------------------------------


def block_diag(*tensors):
    """A block-diagonal matrix with the given tensors (0-d, 1-d or 2-d) as its blocks.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.block_diag(torch.tensor([[1.0, 2.0]]), torch.tensor(3.0))
    tensor([[1., 2., 0.],
            [0., 0., 3.]])
    """
    ts = [_t(t) for t in tensors]
    for i, t in enumerate(ts):
        if t.dim() > 2:
            raise RuntimeError(
                f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {i} has "
                f"{t.dim()} dimensions"
            )
    if not ts:
        return _t(np.zeros((1, 0), _dtypes.default_float()))
    dt, nodes, _ = _operands(*ts, broadcast=False)
    blocks = []
    for t, n in zip(ts, nodes):
        shape = (1, 1) if t.dim() == 0 else (1, t.shape[0]) if t.dim() == 1 else tuple(t.shape)
        blocks.append((fnp.reshape(n, shape), shape))
    width = builtins.sum(s[1] for _, s in blocks)
    rows, left = [], 0
    for n, (r, c) in blocks:
        parts = []
        if left:
            parts.append(np.zeros((r, left), dt))
        parts.append(n)
        if width - left - c:
            parts.append(np.zeros((r, width - left - c), dt))
        rows.append(fnp.concatenate(parts, axis=1) if len(parts) > 1 else n)
        left += c
    return record("block_diag", fnp.concatenate(rows, axis=0), tuple(ts))


def cartesian_prod(*tensors):
    """The Cartesian product of 1-d tensors, one row per combination.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4]))
    tensor([[1, 3],
            [1, 4],
            [2, 3],
            [2, 4]])
    """
    ts = [_t(t) for t in tensors]
    if len(ts) == 1:
        return ts[0]
    sizes = [t.numel() for t in ts]
    grids = []
    for i, t in enumerate(ts):
        view = [1] * len(ts)
        view[i] = sizes[i]
        grids.append(t.reshape(view).expand(sizes).reshape(-1))
    return stack(grids, 1)


def combinations(input, r=2, with_replacement=False):
    """The length-``r`` combinations of the elements of the 1-d ``input``, one row each.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.combinations(torch.tensor([1, 2, 3]))
    tensor([[1, 2],
            [1, 3],
            [2, 3]])
    """
    x = _t(input)
    if x.dim() != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(x.shape)}")
    pick = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    idx = np.array(list(pick(range(x.shape[0]), r)), np.int64).reshape(-1, r)
    if idx.size == 0:
        return x[np.zeros(0, np.int64)]
    return stack([x[idx[:, k]] for k in range(r)], 1)


def tril_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The indices (a ``2 x n`` tensor) of the lower triangle of a ``row x col`` matrix.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tril_indices(3, 3)
    tensor([[0, 1, 1, 2, 2, 2],
            [0, 0, 1, 0, 1, 2]])
    """
    _dtypes.check_placement("tril_indices()", device, layout)
    r, c = np.tril_indices(row, offset, col)
    dt = _dtypes.to_numpy(dtype) if dtype is not None else np.dtype(np.int64)
    return _t(np.ascontiguousarray(np.stack([r, c]).astype(dt)))


def triu_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The indices (a ``2 x n`` tensor) of the upper triangle of a ``row x col`` matrix.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.triu_indices(2, 3)
    tensor([[0, 0, 0, 1, 1],
            [0, 1, 2, 1, 2]])
    """
    _dtypes.check_placement("triu_indices()", device, layout)
    r, c = np.triu_indices(row, offset, col)
    dt = _dtypes.to_numpy(dtype) if dtype is not None else np.dtype(np.int64)
    return _t(np.ascontiguousarray(np.stack([r, c]).astype(dt)))


# ---------------------------------------------------------------------------
# Tensor methods about the tensor itself
# ---------------------------------------------------------------------------


def type_as(self, other):
    """This tensor converted to ``other``'s dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1, 2]).type_as(torch.ones(1))
    tensor([1., 2.])
    """
    return self.to(other.dtype)


def stride(self, dim=None):
    """The step in elements between neighbours along each dimension (of ``dim`` only if given).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(2, 3).stride(), torch.ones(2, 3).t().stride()
    ((3, 1), (1, 3))
    """
    p = self._node.primal
    shape = tuple(self.shape)
    if isinstance(p, np.ndarray) and p.itemsize:
        steps = tuple(builtins.int(s // p.itemsize) for s in p.strides)
    else:
        steps, run = [], 1
        for s in reversed(shape):
            steps.append(run)
            run *= builtins.max(s, 1)
        steps = tuple(reversed(steps))
    return steps if dim is None else steps[_wrap_dim(dim, len(shape))]


def storage_offset(self):
    """The offset in elements of this tensor's first element in its storage (0 unless a view).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(6.0)
    >>> x.storage_offset(), x[2:].storage_offset()
    (0, 2)
    """
    p = self._node.primal
    if not isinstance(p, np.ndarray) or not p.itemsize:
        return 0
    root = p
    while isinstance(root.base, np.ndarray):
        root = root.base
    low = root.__array_interface__["data"][0]
    return builtins.int((p.__array_interface__["data"][0] - low) // p.itemsize)


def apply_(self, callable):
    """Apply the Python function ``callable`` to each element, in place (slow; no autograd).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]).apply_(lambda v: v * 10)
    tensor([10., 20.])
    """
    if self.requires_grad:
        raise RuntimeError("apply_ is only implemented on CPU tensors that do not require grad")
    values = np.vectorize(callable, otypes=[self.dtype.np])(self.numpy())
    with no_grad():
        self.copy_(_t(np.asarray(values, self.dtype.np)))
    return self


def random_(self, from_=0, to=None, *, generator=None, **kwargs):
    """Fill with integers drawn uniformly from ``[from, to)`` (``[0, 2**mantissa]`` by default).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(100).random_(0, 3)
    >>> sorted(set(x.tolist())) <= [0.0, 1.0, 2.0]
    True
    """
    from_ = kwargs.pop("from", from_)
    for key in kwargs:
        raise TypeError(f"random_() got an unexpected keyword argument '{key}'")
    if to is None:
        if from_ != 0:
            from_, to = 0, from_
        else:
            dt = self.dtype.np
            to = 2 ** (np.finfo(dt).nmant + 1) + 1 if dt.kind == "f" else (
                2 if dt == np.bool_ else np.iinfo(dt).max)
    u = rand(*self.shape, generator=generator, dtype=_dtypes.to_torch(np.dtype(np.float64))).numpy()
    values = np.floor(from_ + u * (to - from_)).astype(np.float64)
    with no_grad():
        self.copy_(_t(np.minimum(values, to - 1).astype(self.dtype.np)))
    return self


PUBLIC = [
    "diagonal", "diag", "diag_embed", "diagflat", "tensordot", "kron", "cross", "baddbmm",
    "addbmm", "addmv", "addr", "chain_matmul", "cdist", "dist", "pdist", "std_mean",
    "var_mean", "tensor_split", "block_diag", "cartesian_prod", "combinations",
    "tril_indices", "triu_indices",
]
METHODS = [
    "diagonal", "diag", "diag_embed", "diagflat", "kron", "cross", "baddbmm", "addbmm",
    "addmv", "addr", "dist", "tensor_split", "unfold", "type_as", "stride", "storage_offset",
    "apply_", "random_",
]
NODE_NAMES = {
    "diagonal_copy": ("DiagonalBackward0_copy", ""),
    "std_mean": ("StdMeanBackward0", ""),
    "var_mean": ("VarMeanBackward0", ""),
}
