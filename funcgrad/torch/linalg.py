"""``torch.linalg``: PyTorch's linear algebra on funcgrad's kernel.

Norms, inverses, solves, determinants and the decompositions (Cholesky, QR,
eigh, SVD) with PyTorch's signatures, return types (``torch.return_types.
linalg_slogdet``, ...), node names (``LinalgCholeskyExBackward0``, ...) and
errors (:class:`LinAlgError` for a matrix that is singular or not positive
definite). Values are LAPACK's (through NumPy); derivatives are the kernel's
rules, so the functions work under ``torch.func.grad``/``vmap`` too. Where
PyTorch differentiates a decomposition of a matrix that should be symmetric,
funcgrad reads its symmetric part (as JAX does): the gradients agree whenever
the matrix is built symmetric (``A @ A.T + ...``), as in real programs.

>>> import funcgrad.torch as torch
>>> K = torch.tensor([[2.0, 0.5], [0.5, 1.0]], requires_grad=True)
>>> L = torch.linalg.cholesky(K)
>>> L
tensor([[1.4142, 0.0000],
        [0.3536, 0.9354]], grad_fn=<LinalgCholeskyExBackward0>)
>>> torch.linalg.det(K)
tensor(1.7500, grad_fn=<LinalgDetBackward0>)
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from .. import numpy as fnp
from ..core.optional import optional_function
from ._names import share_grad_fn
from ._operands import _operands, _t
from .array_ops import cross as _cross
from .array_ops import p_norm
from .index_ops import known
from .tensor import Tensor, _wrap_dim, record

_expm = optional_function("funcgrad.scipy.linalg", "expm")
_solve_triangular = optional_function("funcgrad.scipy.linalg", "solve_triangular")


class _LinAlgError(RuntimeError):
    """A matrix that a decomposition or an inverse cannot handle (``torch.linalg.LinAlgError``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> try:
    ...     torch.linalg.inv(torch.zeros(2, 2))
    ... except torch.linalg.LinAlgError as e:
    ...     print("singular")
    singular
    """

    __module__ = "torch._C"


LinAlgError = _LinAlgError


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _matrix(A: Any, fn: str, square: bool = True) -> Tensor:
    x = _t(A)
    if x.dim() < 2:
        raise RuntimeError(
            f"linalg.{fn}: The input tensor A must have at least 2 dimensions."
        )
    if square and x.shape[-1] != x.shape[-2]:
        raise RuntimeError(
            f"linalg.{fn}: A must be batches of square matrices, but they are {x.shape[-2]} by "
            f"{x.shape[-1]} matrices"
        )
    if not (x.is_floating_point() or x.is_complex()):
        raise RuntimeError(
            f"linalg.{fn}: Expected a floating point or complex tensor as input. Got "
            f"{x.dtype.np.name.capitalize().replace('Int64', 'Long')}"
        )
    return x


def _shared(key: str, outs: tuple) -> tuple:
    """Results of one decomposition share one ``grad_fn``, as in PyTorch."""
    for o in outs:
        n = o._node
        if n.prim is not None:
            n.face = key
            n.grad_fn_obj = None
    share_grad_fn([o._node for o in outs])
    return outs


def _renamed(t: Tensor, key: str) -> Tensor:
    """``t``, its node shown as PyTorch's operation ``key`` (the last of a composite)."""
    if t._node.prim is not None:
        t._node.face = key
        t._node.grad_fn_obj = None
    return t


def _record_all(key: str, nodes: tuple, inputs: tuple) -> tuple:
    outs = tuple(record(key, n, inputs) for n in nodes)
    return _shared(key, outs)


def _check_invertible(x: Tensor, fn: str) -> None:
    a = known(x)
    if a is None:
        return
    with np.errstate(all="ignore"):
        for m in a.reshape((-1,) + a.shape[-2:]):
            try:
                lu = _lu_diagonal(m)
            except np.linalg.LinAlgError:
                lu = np.zeros(m.shape[0])
            zero = np.flatnonzero(lu == 0)
            if zero.size:
                raise LinAlgError(
                    f"linalg.{fn}: The diagonal element {int(zero[0]) + 1} is zero, the "
                    f"{'inversion' if fn.startswith('inv') else 'solve'} could not be completed "
                    "because the input matrix is singular."
                )


def _lu_diagonal(m: np.ndarray) -> np.ndarray:
    """The diagonal of ``U`` in the LU factorisation with partial pivoting of ``m``."""
    u = np.array(m, dtype=np.result_type(m.dtype, np.float64), copy=True)
    n = u.shape[0]
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            out = np.diagonal(u).copy()
            out[k] = 0
            return out
        u[[k, p]] = u[[p, k]]
        u[k + 1:, k:] -= np.outer(u[k + 1:, k] / u[k, k], u[k, k:])
    return np.diagonal(u)


def _check_positive_definite(x: Tensor) -> None:
    a = known(x)
    if a is None:
        return
    for m in a.reshape((-1,) + a.shape[-2:]):
        sym = (m + m.conj().T) / 2
        for k in range(1, m.shape[0] + 1):
            try:
                np.linalg.cholesky(sym[:k, :k])
            except np.linalg.LinAlgError:
                raise LinAlgError(
                    "linalg.cholesky: The factorization could not be completed because the "
                    f"input is not positive-definite (the leading minor of order {k} is not "
                    "positive-definite)."
                ) from None


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
    n = t._node if dtype is None else fnp.astype(t._node, _np_dtype(dtype))
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


def _np_dtype(dtype: Any) -> np.dtype:
    return dtype.np if hasattr(dtype, "np") else np.dtype(dtype)


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
    n = x._node if dtype is None else fnp.astype(x._node, _np_dtype(dtype))
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
    x = _matrix(A, "inv")
    _check_invertible(x, "inv")
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
    x = _matrix(A, "inv_ex")
    info = _info(x, check_errors, "inv")
    return InvExReturn(record("linalg_inv_ex", fnp.linalg.inv(x._node), (x,)), info)


def _info(x: Tensor, check_errors: bool, fn: str) -> Tensor:
    a = known(x)
    code = np.zeros(tuple(x.shape[:-2]), np.int32)
    if a is not None:
        flat = code.reshape(-1)
        for i, m in enumerate(a.reshape((-1,) + a.shape[-2:])):
            d = _lu_diagonal(m) if fn == "inv" else None
            if d is not None and (d == 0).any():
                flat[i] = int(np.flatnonzero(d == 0)[0]) + 1
            elif fn == "cholesky":
                sym = (m + m.conj().T) / 2
                for k in range(1, m.shape[0] + 1):
                    if np.linalg.eigvalsh(sym[:k, :k]).min() <= 0:
                        flat[i] = k
                        break
        if check_errors and flat.any():
            if fn == "inv":
                _check_invertible(x, "inv")
            else:
                _check_positive_definite(x)
    return _t(code)


def det(A):
    """The determinant of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.det(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor(5.0000)
    """
    x = _matrix(A, "det")
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
    x = _matrix(A, "slogdet")
    sign, logabs = fnp.linalg.slogdet(x._node)
    # The sign has no derivative; it still shows the shared node, as in PyTorch.
    sign = fnp.add(sign, fnp.multiply(logabs, 0)) if x.requires_grad else sign
    return SlogdetReturn(*_record_all("linalg_slogdet", (sign, logabs), (x,)))


def logdet(input):
    """The log of the determinant: NaN for a negative determinant, ``-inf`` for zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.logdet(torch.tensor([[2.0, 0.0], [0.0, 3.0]]))
    tensor(1.7918)
    """
    x = _matrix(input, "logdet")
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
    a, b = _matrix(A, "solve"), _t(B)
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
    _check_invertible(a, "solve")
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
    x = _matrix(A, "pinv", square=False)
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
    x = _matrix(A, "matrix_rank", square=False)
    s = np.linalg.svd(_concrete(x), compute_uv=False)
    big = s.max(axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1] + (1,))
    if tol is not None:
        atol = tol
    if rtol is None:
        rtol = 0.0 if atol else max(x.shape[-2:]) * np.finfo(s.dtype).eps
    cut = np.maximum(atol or 0.0, rtol * big)
    return _t(np.asarray((s > cut).sum(axis=-1), np.int64))


def _concrete(x: Tensor) -> np.ndarray:
    a = known(x)
    if a is None:
        raise RuntimeError(
            "torch.linalg: this result is an integer computed from the values, which a "
            "functional transform traces here; call it outside the transform."
        )
    return a


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
    x = _matrix(A, "lstsq", square=False)
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
    outs = _record_all("linalg_lstsq", (sol, residuals), (x, b))
    if driver in ("gelsd", "gelss"):
        values = np.linalg.svd(_concrete(x), compute_uv=False)
    else:
        values = np.zeros((0,), x.dtype.np)
    rank_out = np.zeros((0,), np.int64) if driver == "gels" else np.asarray(int(rank), np.int64)
    return LstsqReturn(outs[0], outs[1], _t(rank_out), _t(values))


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
    x = _matrix(A, "cholesky")
    _check_positive_definite(x)
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
    x = _matrix(A, "cholesky_ex")
    info = _info(x, check_errors, "cholesky")
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
    x = _matrix(A, "qr", square=False)
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(
            f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), "
            "'r', or 'complete'"
        )
    q, r = fnp.linalg.qr(x._node, mode="complete" if mode == "complete" else "reduced")
    if mode == "r":
        out_r = record("linalg_qr", r, (x,))
        return QRReturn(_t(np.zeros((0,), x.dtype.np)), out_r)
    return QRReturn(*_record_all("linalg_qr", (q, r), (x,)))


def eigh(A, UPLO="L"):
    """The eigenvalues (ascending) and orthonormal eigenvectors of a (batch of) symmetric or
    Hermitian matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigh(torch.tensor([[2.0, 0.0], [0.0, 1.0]])).eigenvalues
    tensor([1., 2.])
    """
    x = _matrix(A, "eigh")
    w, v = fnp.linalg.eigh(x._node, UPLO)
    return EighReturn(*_record_all("linalg_eigh", (w, v), (x,)))


def eigvalsh(A, UPLO="L"):
    """The eigenvalues (ascending) of a (batch of) symmetric or Hermitian matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigvalsh(torch.tensor([[2.0, 1.0], [1.0, 2.0]]))
    tensor([1., 3.])
    """
    x = _matrix(A, "eigvalsh")
    return record("linalg_eigh", fnp.linalg.eigvalsh(x._node, UPLO), (x,))


def eig(A):
    """The (complex) eigenvalues and eigenvectors of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eig(torch.tensor([[2.0, 0.0], [0.0, 1.0]])).eigenvalues
    tensor([2.+0.j, 1.+0.j])
    """
    x = _matrix(A, "eig")
    w, v = fnp.linalg.eig(x._node)
    return EigReturn(*_record_all("linalg_eig", (w, v), (x,)))


def eigvals(A):
    """The (complex) eigenvalues of a (batch of) square matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.eigvals(torch.tensor([[0.0, 1.0], [-1.0, 0.0]]))
    tensor([0.+1.j, 0.-1.j])
    """
    x = _matrix(A, "eigvals")
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
    x = _matrix(A, "svd", square=False)
    u, s, vh = fnp.linalg.svd(x._node, full_matrices=full_matrices)
    return SVDReturn(*_record_all("linalg_svd", (u, s, vh), (x,)))


def svdvals(A, *, driver=None):
    """The singular values, descending.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linalg.svdvals(torch.tensor([[3.0, 0.0], [0.0, -4.0]]))
    tensor([4., 3.])
    """
    x = _matrix(A, "svdvals", square=False)
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
    return _renamed(out, "view")


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
    x = _matrix(A, "matrix_exp")
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
    x = _matrix(A, "cond", square=p not in (None, 2, -2))
    if p in (None, 2, -2):
        s = svdvals(x)
        big, small = s.amax(-1), s.amin(-1)
        ratio = big / small if p != -2 else small / big
        return _renamed(ratio, "squeeze_dim")
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


PUBLIC = [
    "LinAlgError", "vector_norm", "matrix_norm", "norm", "inv", "inv_ex", "det", "slogdet",
    "solve", "solve_triangular", "pinv", "matrix_rank", "lstsq", "cholesky", "cholesky_ex",
    "qr", "eigh", "eigvalsh", "eig", "eigvals", "svd", "svdvals", "cross", "multi_dot",
    "matrix_power", "matrix_exp", "vecdot", "diagonal", "matmul", "cond", "tensorinv",
    "tensorsolve",
]
NODE_NAMES: dict[str, tuple[str, str]] = {}
__all__ = PUBLIC
