"""``torch.linalg``'s decompositions (Cholesky, QR, eigh, eig, SVD) and functions of matrices.

>>> import funcgrad.torch as torch
>>> torch.linalg.eigvalsh(torch.tensor([[2.0, 1.0], [1.0, 2.0]]))
tensor([1., 3.])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ... import numpy as fnp
from ...core.optional import optional_function
from .._operands import _t
from ..array_ops import cross as _cross
from ..tensor import _wrap_dim, record
from .common import (
    check_positive_definite,
    info_codes,
    matrix_arg,
    record_all,
    renamed,
)
from .solves import inv, matrix_norm, solve

_expm = optional_function("funcgrad.scipy.linalg", "expm")


# ---------------------------------------------------------------------------
# Decompositions
# ---------------------------------------------------------------------------


def cholesky(A, *, upper=False):
    """The Cholesky factor ``L`` (lower; ``U = L^H`` with ``upper=True``) of a (batch of)
    symmetric positive-definite matrices; otherwise :class:`LinAlgError`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.cholesky(torch.tensor([[4.0, 2.0], [2.0, 5.0]]))
    tensor([[2., 0.],
            [1., 2.]])
    """
    x = matrix_arg(A, "cholesky")
    check_positive_definite(x)
    return record("linalg_cholesky_ex", fnp.linalg.cholesky(x._node, upper=upper), (x,))


class CholeskyExReturn(NamedTuple):
    """``torch.return_types.linalg_cholesky_ex``."""

    L: Any
    info: Any

    def __repr__(self) -> str:
        return f"torch.return_types.linalg_cholesky_ex(\nL={self.L!r},\ninfo={self.info!r})"


def cholesky_ex(A, *, upper=False, check_errors=False):
    """The Cholesky factor and an ``info`` code (0: success; ``k``: the leading minor of order
    ``k`` is not positive-definite; the factor of such a matrix is unspecified, here the
    identity).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.cholesky_ex(torch.eye(2)).info
    tensor(0, dtype=torch.int32)
    """
    x = matrix_arg(A, "cholesky_ex")
    info = info_codes(x, check_errors, "cholesky")
    node = x._node
    failed = info.numpy() != 0
    if failed.any():
        # Where the factorisation fails, PyTorch's L is unspecified: factor the identity there.
        eye = np.eye(x.shape[-1], dtype=x.dtype.np)
        node = fnp.where(failed[..., None, None], eye, node)
    out = fnp.linalg.cholesky(node, upper=upper)
    return CholeskyExReturn(record("linalg_cholesky_ex", out, (x,)), info)


class QRReturn(NamedTuple):
    """``torch.return_types.linalg_qr``: ``A = Q R``."""

    Q: Any
    R: Any

    def __repr__(self) -> str:
        return f"torch.return_types.linalg_qr(\nQ={self.Q!r},\nR={self.R!r})"


class EighReturn(NamedTuple):
    """``torch.return_types.linalg_eigh``."""

    eigenvalues: Any
    eigenvectors: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.linalg_eigh(\neigenvalues={self.eigenvalues!r},\n"
                f"eigenvectors={self.eigenvectors!r})")


class EigReturn(NamedTuple):
    """``torch.return_types.linalg_eig``."""

    eigenvalues: Any
    eigenvectors: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.linalg_eig(\neigenvalues={self.eigenvalues!r},\n"
                f"eigenvectors={self.eigenvectors!r})")


def qr(A, mode="reduced"):
    """The QR decomposition ``A = Q R`` (``mode`` ``'reduced'``, ``'complete'`` or ``'r'``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> Q, R = torch.linalg.qr(torch.tensor([[3.0, 1.0], [4.0, 2.0]]))
    >>> R
    tensor([[-5.0000, -2.2000],
            [ 0.0000,  0.4000]])
    """
    x = matrix_arg(A, "qr", square=False)
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(
            f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), "
            "'r', or 'complete'"
        )
    q, r = fnp.linalg.qr(x._node, mode="complete" if mode == "complete" else "reduced")
    if mode == "r":
        out_r = record("linalg_qr", r, (x,))
        return QRReturn(_t(np.zeros((0,), x.dtype.np)), out_r)
    return QRReturn(*record_all("linalg_qr", (q, r), (x,)))


def eigh(A, UPLO="L"):
    """The eigenvalues (ascending) and orthonormal eigenvectors of a (batch of) symmetric or
    Hermitian matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigh(torch.tensor([[2.0, 0.0], [0.0, 1.0]])).eigenvalues
    tensor([1., 2.])
    """
    x = matrix_arg(A, "eigh")
    w, v = fnp.linalg.eigh(x._node, UPLO)
    return EighReturn(*record_all("linalg_eigh", (w, v), (x,)))


def eigvalsh(A, UPLO="L"):
    """The eigenvalues (ascending) of a (batch of) symmetric or Hermitian matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigvalsh(torch.tensor([[2.0, 1.0], [1.0, 2.0]]))
    tensor([1., 3.])
    """
    x = matrix_arg(A, "eigvalsh")
    return record("linalg_eigh", fnp.linalg.eigvalsh(x._node, UPLO), (x,))


def eig(A):
    """The (complex) eigenvalues and eigenvectors of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eig(torch.tensor([[2.0, 0.0], [0.0, 1.0]])).eigenvalues
    tensor([2.+0.j, 1.+0.j])
    """
    x = matrix_arg(A, "eig")
    w, v = fnp.linalg.eig(x._node)
    return EigReturn(*record_all("linalg_eig", (w, v), (x,)))


def eigvals(A):
    """The (complex) eigenvalues of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigvals(torch.tensor([[0.0, 1.0], [-1.0, 0.0]]))
    tensor([0.+1.j, 0.-1.j])
    """
    x = matrix_arg(A, "eigvals")
    return record("linalg_eig", fnp.linalg.eigvals(x._node), (x,))


class SVDReturn(NamedTuple):
    """``torch.return_types.linalg_svd``: ``A = U diag(S) Vh``."""

    U: Any
    S: Any
    Vh: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.linalg_svd(\nU={self.U!r},\nS={self.S!r},\n"
                f"Vh={self.Vh!r})")


def svd(A, full_matrices=True, *, driver=None):
    """The singular value decomposition ``A = U diag(S) Vh`` (singular values descending).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.svd(torch.tensor([[3.0, 0.0], [0.0, -4.0]])).S
    tensor([4., 3.])
    """
    x = matrix_arg(A, "svd", square=False)
    u, s, vh = fnp.linalg.svd(x._node, full_matrices=full_matrices)
    return SVDReturn(*record_all("linalg_svd", (u, s, vh), (x,)))


def svdvals(A, *, driver=None):
    """The singular values, descending.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.svdvals(torch.tensor([[3.0, 0.0], [0.0, -4.0]]))
    tensor([4., 3.])
    """
    x = matrix_arg(A, "svdvals", square=False)
    return record("linalg_svd", fnp.linalg.svd(x._node, compute_uv=False), (x,))


# ---------------------------------------------------------------------------
# Products and functions of matrices
# ---------------------------------------------------------------------------


def cross(input, other, *, dim=-1):
    """The cross product of 3-vectors along ``dim`` (broadcasting the others).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0]))
    tensor([0., 0., 1.])
    """
    return _cross(input, other, dim)


def multi_dot(tensors):
    """The product of a list of matrices (the first and last may be vectors), left to right.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.multi_dot([torch.ones(2), torch.eye(2), torch.ones(2)])
    tensor(2.)
    """
    ts = [_t(t) for t in tensors]
    if len(ts) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(ts)}")
    out = ts[0]
    for t in ts[1:]:
        out = out @ t
    return renamed(out, "view")


def matrix_power(A, n):
    """``A`` multiplied by itself ``n`` times (the inverse's powers for negative ``n``; the
    identity for 0).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.matrix_power(torch.tensor([[1.0, 1.0], [0.0, 1.0]]), 3)
    tensor([[1., 3.],
            [0., 1.]])
    """
    x = _t(A)
    if x.dim() < 2 or x.shape[-1] != x.shape[-2]:
        raise RuntimeError(
            "linalg.matrix_power: A must be batches of square matrices, but they are "
            f"{x.shape[-2] if x.dim() > 1 else 1} by {x.shape[-1]} matrices"
        )
    if n == 0:
        eye = np.broadcast_to(np.eye(x.shape[-1], dtype=x.dtype.np), tuple(x.shape))
        return record("copy", fnp.add(fnp.multiply(x._node, 0), eye), (x,))
    base = inv(x) if n < 0 else x
    n = abs(int(n))
    result = None
    while n:
        if n & 1:
            result = base if result is None else result @ base
        n >>= 1
        if n:
            base = base @ base
    return result


def matrix_exp(A):
    """The matrix exponential ``sum_k A^k / k!`` of a (batch of) square matrices.

    Needs SciPy (funcgrad's ``scipy`` extra), which computes the values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.matrix_exp(torch.zeros(2, 2))
    tensor([[1., 0.],
            [0., 1.]])
    """
    x = matrix_arg(A, "matrix_exp")
    return record("linalg_matrix_exp", _expm(x._node), (x,))


def vecdot(x, y, *, dim=-1):
    """The dot product of vectors along ``dim`` (the first conjugated), broadcasting.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.vecdot(torch.tensor([[1.0, 2.0]]), torch.tensor([3.0, 4.0]))
    tensor([11.])
    """
    a, b = _t(x), _t(y)
    return ((a.conj() if a.is_complex() else a) * b).sum(dim)


def diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    """The diagonal of the matrices in the last two dimensions (``torch.diagonal`` with
    ``dim1=-2, dim2=-1``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.diagonal(torch.eye(2) * 3)
    tensor([3., 3.])
    """
    x = _t(A)
    return record("diagonal", fnp.diagonal(x._node, offset, _wrap_dim(dim1, x.dim()),
                                           _wrap_dim(dim2, x.dim())), (x,))


def matmul(input, other):
    """The matrix product (``torch.matmul``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.matmul(torch.eye(2), torch.ones(2))
    tensor([1., 1.])
    """
    return _t(input) @ _t(other)


def cond(A, p=None):
    """The condition number in the ``p`` norm (2 by default: the ratio of the extreme singular
    values).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.cond(torch.tensor([[4.0, 0.0], [0.0, 2.0]]))
    tensor(2.)
    """
    x = matrix_arg(A, "cond", square=p not in (None, 2, -2))
    if p in (None, 2, -2):
        s = svdvals(x)
        big, small = s.amax(-1), s.amin(-1)
        ratio = big / small if p != -2 else small / big
        return renamed(ratio, "squeeze_dim")
    return matrix_norm(x, p) * matrix_norm(inv(x), p)


def tensorinv(A, ind=2):
    """The inverse of ``A`` with respect to ``tensordot`` over ``ind`` dimensions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.tensorinv(torch.eye(4).reshape(4, 2, 2), ind=1).shape
    torch.Size([2, 2, 4])
    """
    x = _t(A)
    rows = int(np.prod(x.shape[:ind]))
    return inv(x.reshape(rows, -1)).reshape(tuple(x.shape[ind:]) + tuple(x.shape[:ind]))


def tensorsolve(A, B, dims=None):
    """The ``X`` with ``tensordot(A, X, X.ndim) = B``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.tensorsolve(2 * torch.eye(6).reshape(6, 2, 3), torch.ones(6)).shape
    torch.Size([2, 3])
    """
    a, b = _t(A), _t(B)
    if dims is not None:
        order = [i for i in range(a.dim()) if i not in [d % a.dim() for d in dims]]
        a = a.permute(*order, *[d % a.dim() for d in dims])
    shape = tuple(a.shape[b.dim():])
    size = int(np.prod(shape))
    return solve(a.reshape(size, size), b.reshape(size)).reshape(shape)
