"""``torch.linalg``'s norms, inverses, determinants and solves.

>>> import funcgrad.torch as torch
>>> torch.linalg.solve(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), torch.tensor([2.0, 4.0]))
tensor([1., 1.])
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ... import numpy as fnp
from ...core.optional import optional_function
from .._operands import _operands, _t
from ..array_ops import p_norm
from ..tensor import _wrap_dim, record
from .common import (
    check_invertible,
    concrete,
    info_codes,
    matrix_arg,
    np_dtype,
    record_all,
)

_solve_triangular = optional_function("funcgrad.scipy.linalg", "solve_triangular")


# ---------------------------------------------------------------------------
# Norms
# ---------------------------------------------------------------------------


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    """The ``ord``-norm of ``x`` over ``dim`` (all elements, flattened, when None).

    The derivative at the zero vector is 0, as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.vector_norm(torch.tensor([[3.0, 4.0], [0.0, 1.0]]), dim=1)
    tensor([5., 1.])
    """
    t = _t(x)
    if not (t.is_floating_point() or t.is_complex()) and dtype is None:
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
            f"{t.dtype._legacy[:-len('Tensor')]}"
        )
    n = t._node if dtype is None else fnp.astype(t._node, np_dtype(dtype))
    if t.is_complex():
        n = fnp.abs(n)
    if dim is None:
        axes: Any = None if not keepdim else tuple(range(t.dim()))
    else:
        axes = tuple(_wrap_dim(d, t.dim()) for d in ((dim,) if isinstance(dim, int) else dim))
    out = p_norm(n, float(ord), axes, keepdim)
    if dim is None and keepdim and t.dim():
        out = fnp.reshape(out, (1,) * t.dim())
    return record("linalg_vector_norm", out, (t,))


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    """The ``ord`` matrix norm (``'fro'``, ``'nuc'``, ``inf``, ``-inf``, 1, -1, 2, -2) over the
    two dimensions ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.matrix_norm(torch.tensor([[1.0, -2.0], [3.0, 4.0]]), ord=1)
    tensor(6.)
    """
    x = _t(A)
    if not isinstance(dim, (tuple, list)) or len(dim) != 2:
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {dim}")
    if x.dim() < 2:
        raise RuntimeError(
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."
        )
    d0, d1 = (_wrap_dim(d, x.dim()) for d in dim)
    if ord == "fro":
        return vector_norm(x, 2, (d0, d1), keepdim, dtype=dtype)
    n = x._node if dtype is None else fnp.astype(x._node, np_dtype(dtype))
    moved = fnp.moveaxis(n, (d0, d1), (-2, -1))
    if ord in ("nuc", 2, -2):
        s = fnp.linalg.svd(moved, compute_uv=False)
        if ord == "nuc":
            key, out = "sum_dim", fnp.sum(s, axis=-1)
        elif ord == 2:
            key, out = "amax", fnp.amax(s, axis=-1)
        else:
            key, out = "amin", fnp.amin(s, axis=-1)
    elif ord in (1, -1, math.inf, -math.inf):
        sums = fnp.sum(fnp.abs(moved), axis=-2 if ord in (1, -1) else -1)
        key = "amax" if ord in (1, math.inf) else "amin"
        out = (fnp.amax if key == "amax" else fnp.amin)(sums, axis=-1)
    else:
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if keepdim:
        for d in sorted((d0, d1)):
            out = fnp.expand_dims(out, d)
    return record(key, out, (x,))


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    """A vector norm (1-d input, an int ``dim``, or ``ord=None`` over all elements) or a matrix
    norm (2-d input with ``ord``, or a 2-tuple ``dim``), as ``torch.linalg.norm``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> A = torch.tensor([[3.0, 0.0], [0.0, 4.0]])
    >>> torch.linalg.norm(A), torch.linalg.norm(A, 2), torch.linalg.norm(A, dim=0)
    (tensor(5.), tensor(4.), tensor([3., 4.]))
    """
    x = _t(A)
    if isinstance(ord, str):
        return matrix_norm(x, ord, (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    if isinstance(dim, int):
        dim = (dim,)
    if dim is not None and len(dim) == 2 or dim is None and ord is not None and x.dim() == 2:
        return matrix_norm(x, "fro" if ord is None else ord, tuple(dim or (-2, -1)), keepdim,
                           dtype=dtype)
    if dim is None and ord is not None and x.dim() != 1:
        raise RuntimeError(
            f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got "
            f"{x.dim()}D."
        )
    return vector_norm(x, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


# ---------------------------------------------------------------------------
# Inverses, determinants, solves
# ---------------------------------------------------------------------------


def inv(A):
    """The inverse of a (batch of) square matrices; a singular one raises :class:`LinAlgError`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.inv(torch.tensor([[2.0, 0.0], [0.0, 4.0]]))
    tensor([[0.5000, 0.0000],
            [0.0000, 0.2500]])
    """
    x = matrix_arg(A, "inv")
    check_invertible(x, "inv")
    return record("linalg_inv_ex", fnp.linalg.inv(x._node), (x,))


class InvExReturn(NamedTuple):
    """``torch.return_types.linalg_inv_ex``."""

    inverse: Any
    info: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.linalg_inv_ex(\ninverse={self.inverse!r},\n"
                f"info={self.info!r})")


def inv_ex(A, *, check_errors=False):
    """The inverse and an ``info`` code (0: success; ``k``: the ``k``-th pivot is zero).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.inv_ex(torch.eye(2)).info
    tensor(0, dtype=torch.int32)
    """
    x = matrix_arg(A, "inv_ex")
    info = info_codes(x, check_errors, "inv")
    return InvExReturn(record("linalg_inv_ex", fnp.linalg.inv(x._node), (x,)), info)


def det(A):
    """The determinant of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.det(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor(5.0000)
    """
    x = matrix_arg(A, "det")
    return record("linalg_det", fnp.linalg.det(x._node), (x,))


class SlogdetReturn(NamedTuple):
    """``torch.return_types.linalg_slogdet``: the sign and the log of the absolute determinant."""

    sign: Any
    logabsdet: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.{self._name}(\nsign={self.sign!r},\n"
                f"logabsdet={self.logabsdet!r})")

    @property
    def _name(self) -> str:
        return "linalg_slogdet"


class _TorchSlogdet(SlogdetReturn):
    __slots__ = ()

    @property
    def _name(self) -> str:
        return "slogdet"


def slogdet(A):
    """The sign and the logarithm of the absolute value of the determinant.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.slogdet(torch.tensor([[-2.0, 0.0], [0.0, 3.0]]))
    torch.return_types.linalg_slogdet(
    sign=tensor(-1.),
    logabsdet=tensor(1.7918))
    """
    x = matrix_arg(A, "slogdet")
    sign, logabs = fnp.linalg.slogdet(x._node)
    # The sign has no derivative; it still shows the shared node, as in PyTorch.
    sign = fnp.add(sign, fnp.multiply(logabs, 0)) if x.requires_grad else sign
    return SlogdetReturn(*record_all("linalg_slogdet", (sign, logabs), (x,)))


def logdet(input):
    """The log of the determinant: NaN for a negative determinant, ``-inf`` for zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.logdet(torch.tensor([[2.0, 0.0], [0.0, 3.0]]))
    tensor(1.7918)
    """
    x = matrix_arg(input, "logdet")
    sign, logabs = fnp.linalg.slogdet(x._node)
    out = fnp.where(fnp.less(sign, 0), np.asarray(np.nan, logabs.dtype), logabs)
    out = fnp.where(fnp.equal(sign, 0), np.asarray(-np.inf, logabs.dtype), out)
    return record("where", out, (x,))


def solve(A, B, *, left=True):
    """The solution ``X`` of ``A X = B`` (or ``X A = B`` with ``left=False``); ``B`` may be a
    (batch of) vectors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.solve(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), torch.tensor([2.0, 2.0]))
    tensor([1.0000, 0.5000])
    """
    a, b = matrix_arg(A, "solve"), _t(B)
    _, (an, bn), (a, b) = _operands(a, b, broadcast=False)
    n = a.shape[-1]
    vector = b.dim() == 1 or (b.dim() == a.dim() - 1 and tuple(b.shape) == tuple(a.shape[:-1]))
    if not left:
        an = fnp.swapaxes(an, -1, -2)
        bn = fnp.swapaxes(bn, -1, -2) if not vector else bn
    rows = b.shape[-1] if vector else (b.shape[-2] if left else b.shape[-1])
    if rows != n:
        raise RuntimeError(
            f"linalg.solve: Incompatible shapes of A and B for the equation "
            f"{'AX = B' if left else 'XA = B'} ({a.shape[-2]}x{a.shape[-1]} and "
            f"{b.shape[-1] if vector else b.shape[-2]}x{1 if vector else b.shape[-1]})"
        )
    check_invertible(a, "solve")
    if vector:
        out = fnp.squeeze(fnp.linalg.solve(an, fnp.expand_dims(bn, -1)), -1)
    else:
        out = fnp.linalg.solve(an, bn)
        if not left:
            out = fnp.swapaxes(out, -1, -2)
    return record("linalg_solve_ex", out, (a, b))


def solve_triangular(A, B, *, upper, left=True, unitriangular=False):
    """The solution of ``A X = B`` (``X A = B`` with ``left=False``) for a triangular ``A``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> A = torch.tensor([[2.0, 0.0], [1.0, 1.0]])
    >>> torch.linalg.solve_triangular(A, torch.tensor([[2.0], [2.0]]), upper=False)
    tensor([[1.],
            [1.]])
    """
    _, (an, bn), (a, b) = _operands(_t(A), _t(B), broadcast=False)
    if not left:
        out = _solve_triangular(fnp.swapaxes(an, -1, -2), fnp.swapaxes(bn, -1, -2),
                                lower=upper, unit_diagonal=unitriangular)
        out = fnp.swapaxes(out, -1, -2)
    else:
        out = _solve_triangular(an, bn, lower=not upper, unit_diagonal=unitriangular)
    return record("linalg_solve_triangular", out, (a, b))


def pinv(A, *, atol=None, rtol=None, hermitian=False):
    """The Moore-Penrose pseudo-inverse (singular values below the tolerance count as zero).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.pinv(torch.tensor([[2.0, 0.0]]))
    tensor([[0.5000],
            [0.0000]])
    """
    x = matrix_arg(A, "pinv", square=False)
    if atol is not None:
        raise NotImplementedError(
            "torch.linalg.pinv(atol=...) is not supported by funcgrad.torch; pass rtol."
        )
    out = fnp.linalg.pinv(x._node, rtol=rtol, hermitian=hermitian)
    return record("linalg_pinv", out, (x,))


def matrix_rank(A, *, atol=None, rtol=None, hermitian=False, tol=None):
    """The rank: the number of singular values above the tolerance (an int64 tensor).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.matrix_rank(torch.tensor([[1.0, 2.0], [2.0, 4.0]]))
    tensor(1)
    """
    x = matrix_arg(A, "matrix_rank", square=False)
    s = np.linalg.svd(concrete(x), compute_uv=False)
    big = s.max(axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1] + (1,))
    if tol is not None:
        atol = tol
    if rtol is None:
        rtol = 0.0 if atol else max(x.shape[-2:]) * np.finfo(s.dtype).eps
    cut = np.maximum(atol or 0.0, rtol * big)
    return _t(np.asarray((s > cut).sum(axis=-1), np.int64))


class LstsqReturn(NamedTuple):
    """``torch.return_types.linalg_lstsq``."""

    solution: Any
    residuals: Any
    rank: Any
    singular_values: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.linalg_lstsq(\nsolution={self.solution!r},\n"
                f"residuals={self.residuals!r},\nrank={self.rank!r},\n"
                f"singular_values={self.singular_values!r})")


def lstsq(A, B, rcond=None, *, driver=None):
    """The least-squares solution of ``A X = B``: ``(solution, residuals, rank,
    singular_values)``, as PyTorch's default CPU driver ``'gelsy'`` fills them (the singular
    values only with ``driver='gelsd'`` or ``'gelss'``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> A = torch.tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> torch.linalg.lstsq(A, torch.tensor([[1.0], [2.0], [3.0]])).solution
    tensor([[1.0000],
            [1.0000]])
    """
    x = matrix_arg(A, "lstsq", square=False)
    _, (an, bn), (x, b) = _operands(x, _t(B), broadcast=False)
    if driver not in (None, "gelsy", "gelsd", "gelss", "gels"):
        raise RuntimeError(
            "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)"
        )
    if x.dim() != 2:
        raise NotImplementedError(
            "torch.linalg.lstsq: batches of matrices are not supported by funcgrad.torch yet; "
            "loop over the batch."
        )
    vector = b.dim() == 1
    if vector:
        raise RuntimeError(
            "torch.linalg.lstsq: input.dim() must be greater or equal to other.dim() and "
            "(input.dim() - other.dim()) <= 1"
        )
    sol, residuals, rank, _ = fnp.linalg.lstsq(an, bn, rcond=rcond)
    driver = driver or "gelsy"
    if driver == "gelsy" or not hasattr(residuals, "primal"):
        # Empty (gelsy computes no residuals), a node still, so it shows the shared grad_fn.
        residuals = fnp.getitem(fnp.sum(sol, axis=0), slice(0, 0))
    outs = record_all("linalg_lstsq", (sol, residuals), (x, b))
    if driver in ("gelsd", "gelss"):
        values = np.linalg.svd(concrete(x), compute_uv=False)
    else:
        values = np.zeros((0,), x.dtype.np)
    rank_out = np.zeros((0,), np.int64) if driver == "gels" else np.asarray(int(rank), np.int64)
    return LstsqReturn(outs[0], outs[1], _t(rank_out), _t(values))
