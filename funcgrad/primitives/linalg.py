"""Linear-algebra primitives and their rules; the public names are in :mod:`funcgrad.numpy.linalg`.

Every primitive works on stacks of matrices (the last two axes), as NumPy's
``linalg`` does. Rules use the plain transpose ``mT`` where a textbook writes
``^T`` and ``H`` (conjugate transpose) where it writes ``^H``: the VJPs follow
JAX's convention (the transpose of the JVP under ``Re(sum(a * b))``, no
conjugation), so the same lines serve real and complex matrices.

Decompositions whose VJPs would be long copies of their JVPs (SVD, QR,
Cholesky, ``eig``, ``pinv``) declare no VJP: reverse mode transposes their JVP
(:func:`funcgrad.transforms.reverse.vjp_by_transposing_jvp`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.linalg import LinAlgError

from ..core.primitive import (
    Primitive,
    ShapedArray,
    abstract_eval_by_running,
    defbatch,
    defjvp,
    defvjp,
    nondifferentiable,
)
from .batching import stacked_batch
from .elementwise import conj, imag, real, where
from .indexing import as_inexact, concatenate, diagonal_indices, getitem
from .products import matmul
from .reductions import sum
from .shape import expand_dims, swapaxes
from .util import dtype_of, is_complex, ndim_of

# ---------------------------------------------------------------------------
# Argument checks of the public functions (NumPy's messages)
# ---------------------------------------------------------------------------

def stacked_2d(*arrays) -> None:
    for a in arrays:
        if ndim_of(a) < 2:
            raise LinAlgError(
                f"{ndim_of(a)}-dimensional array given. Array must be at least two-dimensional"
            )


def stacked_square(*arrays) -> None:
    stacked_2d(*arrays)
    for a in arrays:
        m, n = np.shape(a)[-2:]
        if m != n:
            raise LinAlgError("Last 2 dimensions of the array must be square")


def square_inexact(a):
    """``a`` as a stack of square floating or complex matrices."""
    a = as_inexact(a)
    stacked_square(a)
    return a


# ---------------------------------------------------------------------------
# Helpers on stacks of matrices (written with differentiable operations)
# ---------------------------------------------------------------------------


def mT(x):
    """Transpose of the last two axes."""
    return swapaxes(x, -1, -2)


def H(x):
    """Conjugate transpose of the last two axes (the transpose for real ``x``)."""
    return conj(mT(x)) if is_complex(x) else mT(x)


def real_part(x):
    return real(x) if is_complex(x) else x


def diagonal(x, offset: int = 0):
    """The diagonal of the last two axes, shape ``(..., k)``."""
    rows, cols = diagonal_indices(*np.shape(x)[-2:], offset)
    return getitem(x, (Ellipsis, rows, cols))


def trace(x):
    return sum(diagonal(x), axis=-1)


def diag_embed(v):
    """Stack of diagonal matrices with ``v`` (shape ``(..., k)``) on the diagonal."""
    k = np.shape(v)[-1]
    return expand_dims(v, -1) * np.eye(k, dtype=_real_dtype(v))


def tril(x, k: int = 0):
    return where(np.tril(np.ones(np.shape(x)[-2:], dtype=bool), k), x, 0)


def triu(x, k: int = 0):
    return where(np.triu(np.ones(np.shape(x)[-2:], dtype=bool), k), x, 0)


def inverse_gaps(w):
    """``F[..., i, j] = 1 / (w_j - w_i)`` off the diagonal and 0 on it.

    Equal eigenvalues (or singular values) give infinite entries, as in JAX:
    the eigenvector derivative is not defined there.
    """
    n = np.shape(w)[-1]
    eye = np.eye(n, dtype=_real_dtype(w))
    gaps = expand_dims(w, -2) - expand_dims(w, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 / (gaps + eye) - eye


def solve_right(b, a):
    """``b @ inv(a)`` for a square ``a``, by a solve."""
    return mT(solve(mT(a), mT(b)))


def _real_dtype(x) -> np.dtype:
    return np.finfo(dtype_of(x)).dtype if np.issubdtype(dtype_of(x), np.inexact) else np.float64


def _identity_placeholder(aval: ShapedArray) -> np.ndarray:
    """Stacks of identity matrices: a placeholder of ones would be singular."""
    if aval.ndim < 2:
        return aval.placeholder()
    return aval.placeholder() * np.eye(aval.shape[-2], aval.shape[-1], dtype=aval.dtype)


def _primitive(name: str, impl: Callable, multiple_results: bool = False) -> Primitive:
    p = Primitive(name, impl, multiple_results=multiple_results)
    p.abstract_eval = abstract_eval_by_running(impl, multiple_results, _identity_placeholder)
    defbatch(p, stacked_batch(p))  # numpy.linalg broadcasts over leading stack axes
    return p


# ---------------------------------------------------------------------------
# inv and solve
# ---------------------------------------------------------------------------

inv_p = _primitive("inv", np.linalg.inv)
defjvp(inv_p, lambda t, ans, a: -(ans @ t @ ans))
defvjp(inv_p, lambda g, ans, a: -(mT(ans) @ g @ mT(ans)))


def inv(a):
    return inv_p.bind(a)


def _solve(a, b):
    return np.linalg.solve(a, b)


solve_p = _primitive("solve", _solve)  # b is a stack of matrices, (..., n, k)
defjvp(
    solve_p,
    lambda t, ans, a, b: -solve(a, t @ ans),
    lambda t, ans, a, b: solve(a, t),
)


def _solve_vjp(g, ans, primals, params, wanted):
    a, _ = primals
    gb = solve(mT(a), g)
    return [-(gb @ mT(ans)) if wanted[0] else None, gb if wanted[1] else None]


solve_p.vjp = _solve_vjp


def solve(a, b):
    """``inv(a) @ b`` for stacks of matrices ``a`` (..., n, n) and ``b`` (..., n, k)."""
    return solve_p.bind(a, b)


# ---------------------------------------------------------------------------
# det (through the adjugate, which is finite at singular matrices) and slogdet
# ---------------------------------------------------------------------------

def _exclusive_products(s):
    """``out[..., i] = prod(s[..., j] for j != i)``, without dividing (s may contain 0)."""
    ones = np.ones(s.shape[:-1] + (1,), s.dtype)
    left = np.cumprod(np.concatenate([ones, s[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([ones, s[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return left * right


def _adjugate(a):
    """``adj(a) = det(a) inv(a)``, computed as ``det(U) det(Vh) V adj(S) U^H`` from the SVD.

    The SVD form holds for singular matrices too, where ``det * inv`` is 0 * inf.
    """
    a = np.asarray(a)
    if a.shape[-1] == 0:
        return np.zeros(a.shape, np.result_type(a.dtype, np.float64))
    u, s, vh = np.linalg.svd(a)
    phase = np.linalg.det(u) * np.linalg.det(vh)
    v_adj_s = np.conj(np.swapaxes(vh, -1, -2)) * _exclusive_products(s)[..., None, :]
    return phase[..., None, None] * (v_adj_s @ np.conj(np.swapaxes(u, -1, -2)))


adjugate_p = _primitive("adjugate", _adjugate)


def _adjugate_jvp(primals, tangents, ans):
    """``d adj(A)[E]``, finite everywhere (adj is a polynomial), from the SVD of ``A``.

    ``adj(P X Q) = adj(Q) adj(X) adj(P)``, so with ``A = U S V^H``,
    ``d adj(A)[E] = det(U) det(V^H) V d adj(S)[U^H E V] U^H``, and at a diagonal
    ``S``: ``d adj(S)[K] = -K * D + diag(D @ diag(K))`` where ``D[i, j]`` is the
    product of the singular values other than ``s_i`` and ``s_j`` (0 on the diagonal).
    """
    (a,), (t,) = primals, tangents
    n = np.shape(a)[-1]
    if t is None or n <= 1:
        return None
    u, s, vh = svd_p.bind(a, full_matrices=False, hermitian=False)
    phase = expand_dims(det(u) * det(vh), (-2, -1))
    dtype = _real_dtype(s)
    d = None
    for k in range(n):  # D[i, j] = product over l of (1 if l in {i, j} else s_l)
        hit = np.zeros((n, n), bool)
        hit[k, :] = True
        hit[:, k] = True
        s_k = expand_dims(getitem(s, (Ellipsis, slice(k, k + 1))), -1)
        factor = where(hit, np.ones((), dtype), s_k)
        d = factor if d is None else d * factor
    d = d * (1 - np.eye(n, dtype=dtype))
    k_mat = H(u) @ t @ H(vh)
    d_adj_s = diag_embed(_matvec(d, diagonal(k_mat))) - k_mat * d
    return phase * (H(vh) @ d_adj_s @ H(u))


def _matvec(m, v):
    return getitem(matmul(m, expand_dims(v, -1)), (Ellipsis, 0))


adjugate_p.jvp = _adjugate_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


def adjugate(a):
    """The adjugate ``det(a) inv(a)``, defined (and differentiable) for singular ``a`` too."""
    return adjugate_p.bind(a)


det_p = _primitive("det", np.linalg.det)
defjvp(det_p, lambda t, ans, a: sum(mT(adjugate(a)) * t, axis=(-2, -1)))
defvjp(det_p, lambda g, ans, a: expand_dims(g, (-2, -1)) * mT(adjugate(a)))


def det(a):
    return det_p.bind(a)


def _slogdet(a):
    sign, logabsdet = np.linalg.slogdet(a)
    return sign, logabsdet


slogdet_p = _primitive("slogdet", _slogdet, multiple_results=True)


def _slogdet_jvp(primals, tangents, ans):
    (a,), (t,) = primals, tangents
    if t is None:
        return None, None
    sign, _ = ans
    y = trace(solve(a, t))
    if not is_complex(a):
        return None, y
    return sign * 1j * imag(y), real(y)


def _slogdet_vjp(g, ans, primals, params, wanted):
    """``d logabsdet = Re(tr(inv(a) da))``; complex ``a``: ``d sign = sign i Im(tr(inv(a) da))``."""
    (a,) = primals
    g_sign, g_logabsdet = g
    inv_t = mT(inv(a))
    ct = None
    if g_logabsdet is not None:
        ct = expand_dims(g_logabsdet, (-2, -1)) * inv_t
    if g_sign is not None and is_complex(a):
        sign, _ = ans
        weight = expand_dims(real(1j * g_sign * sign), (-2, -1))
        term = weight * (-1j * inv_t)
        ct = term if ct is None else ct + term
    return [ct]


slogdet_p.jvp = _slogdet_jvp
slogdet_p.vjp = _slogdet_vjp


# ---------------------------------------------------------------------------
# pinv
# ---------------------------------------------------------------------------

def _pinv(a, *, rcond, hermitian):
    return np.linalg.pinv(a, rcond=rcond, hermitian=hermitian)


pinv_p = _primitive("pinv", _pinv)


def _pinv_jvp(primals, tangents, ans, *, rcond, hermitian):
    """The derivative of the pseudo-inverse at constant rank (Golub & Pereyra):

    ``dP = -P dA P + P P^H dA^H (I - A P) + (I - P A) dA^H P^H P``.
    """
    (a,), (t,) = primals, tangents
    if t is None:
        return None
    p = ans
    t_h = H(t)
    m, n = np.shape(a)[-2:]
    left = np.eye(m, dtype=dtype_of(p)) - a @ p  # I - A P, (m, m)
    right = np.eye(n, dtype=dtype_of(p)) - p @ a  # I - P A, (n, n)
    return -(p @ t @ p) + p @ (H(p) @ t_h) @ left + right @ (t_h @ H(p)) @ p


pinv_p.jvp = _pinv_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


# ---------------------------------------------------------------------------
# Cholesky
# ---------------------------------------------------------------------------

cholesky_p = _primitive("cholesky", np.linalg.cholesky)  # lower factor of a Hermitian matrix


def _cholesky_jvp(primals, tangents, ans):
    """``dL = L Phi(L^{-1} dA L^{-H})``, Phi = the lower triangle with the diagonal halved."""
    (a,), (t,) = primals, tangents
    if t is None:
        return None
    lower = ans
    x = solve(lower, t)
    y = H(solve(lower, H(x)))
    n = np.shape(a)[-1]
    dtype = _real_dtype(lower)
    phi = np.tril(np.ones((n, n), dtype), -1) + 0.5 * np.eye(n, dtype=dtype)
    return lower @ (y * phi)


cholesky_p.jvp = _cholesky_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


# ---------------------------------------------------------------------------
# eigh: eigenvalues and eigenvectors of a Hermitian matrix
# ---------------------------------------------------------------------------

def _eigh(a):
    w, v = np.linalg.eigh(a)
    return w, v


eigh_p = _primitive("eigh", _eigh, multiple_results=True)


def _eigh_jvp(primals, tangents, ans):
    """With ``M = V^H dA V``: ``dw = Re(diag(M))``, ``dV = V (F * M)``, ``F_ij = 1/(w_j - w_i)``."""
    (t,) = tangents
    if t is None:
        return None, None
    w, v = ans
    m = H(v) @ t @ v
    with np.errstate(invalid="ignore"):  # inf * 0 at repeated eigenvalues: NaN, as JAX
        return real_part(diagonal(m)), v @ (inverse_gaps(w) * m)


def _eigh_vjp(g, ans, primals, params, wanted):
    """The transpose of the JVP: ``conj(V) (diag(gw) + F * (V^T gV)) V^T``."""
    g_w, g_v = g
    w, v = ans
    b = None
    if g_w is not None:
        b = diag_embed(g_w)
    with np.errstate(invalid="ignore"):  # inf * 0 at repeated eigenvalues: NaN, as JAX
        if g_v is not None:
            term = inverse_gaps(w) * (mT(v) @ g_v)
            b = term if b is None else b + term
        if b is None:
            return [None]
        return [conj(v) @ b @ mT(v) if is_complex(v) else v @ b @ mT(v)]


eigh_p.jvp = _eigh_jvp
eigh_p.vjp = _eigh_vjp


# ---------------------------------------------------------------------------
# eig: eigenvalues and eigenvectors of a general matrix (always complex, as in JAX)
# ---------------------------------------------------------------------------

def _eig(a):
    w, v = np.linalg.eig(a)
    dtype = np.result_type(a.dtype, np.complex64)
    return w.astype(dtype), v.astype(dtype)


eig_p = _primitive("eig", _eig, multiple_results=True)


def _eig_jvp(primals, tangents, ans):
    """``dw = diag(V^-1 dA V)``, ``dV = V (F * V^-1 dA V)``, then kept at unit norm (LAPACK's)."""
    (t,) = tangents
    if t is None:
        return None, None
    w, v = ans
    m = solve(v, t @ v)
    with np.errstate(invalid="ignore"):
        dv = v @ (inverse_gaps(w) * m)
        dv = dv - v * real(sum(conj(v) * dv, axis=-2, keepdims=True))
    return diagonal(m), dv


eig_p.jvp = _eig_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


# ---------------------------------------------------------------------------
# SVD
# ---------------------------------------------------------------------------

def _svd(a, *, full_matrices, hermitian):
    u, s, vh = np.linalg.svd(a, full_matrices=full_matrices, hermitian=hermitian)
    return u, s, vh


svd_p = _primitive("svd", _svd, multiple_results=True)


def _svd_jvp(primals, tangents, ans, *, full_matrices, hermitian):
    with np.errstate(invalid="ignore", divide="ignore"):  # repeated or zero singular values
        return _svd_jvp_rule(primals, tangents, ans)


def _svd_jvp_rule(primals, tangents, ans):
    """The standard SVD derivative (as in JAX), with ``dS = U^H dA V`` and
    ``F_ij = 1 / (s_j^2 - s_i^2)``:

    ``ds = Re(diag(dS))``, ``dU = U (F * (dS S + S dS^H)) + (I - U U^H) dA V S^-1``,
    ``dV = V (F * (S dS + dS^H S)) + (I - V V^H) dA^H U S^-1``; for complex ``A``
    the diagonal gauge term ``(dS - dS^H) / 2 S^-1`` joins ``dU``.

    With ``full_matrices=True`` the extra columns ``U_perp`` (or rows of ``Vh``)
    are any orthonormal basis of the complement; their derivative is taken as
    ``-U dU^H U_perp``, the one that keeps them orthogonal to ``U`` without
    rotating them among themselves. Only functions invariant to that basis
    (such as the projector ``U_perp U_perp^H``) have a derivative that means
    something.
    """
    (a,), (t,) = primals, tangents
    if t is None:
        return None, None, None
    u_all, s, vh_all = ans
    m, n = np.shape(a)[-2:]
    k = min(m, n)
    u = getitem(u_all, (Ellipsis, slice(None), slice(0, k))) if u_all.shape[-1] > k else u_all
    vh = getitem(vh_all, (Ellipsis, slice(0, k), slice(None))) if vh_all.shape[-2] > k else vh_all
    v = H(vh)
    ds_mat = H(u) @ t @ v
    ds = real_part(diagonal(ds_mat))
    s_row = expand_dims(s, -2)  # s_j
    s_col = expand_dims(s, -1)  # s_i
    f = inverse_gaps(s * s)
    dss = ds_mat * s_row
    sds = s_col * ds_mat
    du_core = f * (dss + H(dss))
    dv_core = f * (sds + H(sds))
    if is_complex(ds_mat):
        safe = where(s == 0, 1, s)
        s_inv = where(s == 0, 0, 1 / safe)
        du_core = du_core + 0.5 * (ds_mat - H(ds_mat)) * diag_embed(s_inv)
    du = u @ du_core
    dv = v @ dv_core
    if m > k:
        dav = t @ v
        du = du + (dav - u @ (H(u) @ dav)) / s_row
    if n > k:
        dahu = H(t) @ u
        dv = dv + (dahu - v @ (vh @ dahu)) / s_row
    if u_all.shape[-1] > k:
        u_perp = getitem(u_all, (Ellipsis, slice(None), slice(k, None)))
        du = concatenate([du, -(u @ (H(du) @ u_perp))], axis=-1)
    if vh_all.shape[-2] > k:
        v_perp = H(getitem(vh_all, (Ellipsis, slice(k, None), slice(None))))
        dv = concatenate([dv, -(v @ (H(dv) @ v_perp))], axis=-1)
    return du, ds, H(dv)


svd_p.jvp = _svd_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


# ---------------------------------------------------------------------------
# QR
# ---------------------------------------------------------------------------

def _qr(a, *, complete):
    q, r = np.linalg.qr(a, mode="complete" if complete else "reduced")
    return q, r


qr_p = _primitive("qr", _qr, multiple_results=True)


def _qr_square_or_tall_jvp(q, r, t):
    """For ``A = Q R`` with ``m >= n`` (reduced): with ``C = Q^H dA R^-1`` and
    ``Omega`` the skew-Hermitian matrix built from C's strictly lower triangle,
    ``dQ = Q (Omega - C) + dA R^-1`` and ``dR = (C - Omega) R`` (as in JAX)."""
    dx_rinv = solve_right(t, r)
    c = H(q) @ dx_rinv
    lower = tril(c, -1)
    omega = lower - H(lower)
    if is_complex(c):
        n = np.shape(c)[-1]
        omega = omega + np.eye(n, dtype=_real_dtype(c)) * (c - real(c))
    return q @ (omega - c) + dx_rinv, (c - omega) @ r


def _qr_jvp(primals, tangents, ans, *, complete):
    """Reduced QR with ``m >= n`` as above. Wide ``A = [X | Y]`` (``m < n``):
    ``X = Q R_1`` is square and ``R_2 = Q^H Y``, so ``dR_2 = dQ^H Y + Q^H dY``.
    ``mode='complete'`` with ``m > n``: the extra columns of Q move as the SVD's
    do (see :func:`_svd_jvp`): ``dQ_perp = -Q dQ^H Q_perp``.
    """
    (a,), (t,) = primals, tangents
    if t is None:
        return None, None
    q_all, r_all = ans
    m, n = np.shape(a)[-2:]
    k = min(m, n)
    q = getitem(q_all, (Ellipsis, slice(None), slice(0, k))) if q_all.shape[-1] > k else q_all
    r = getitem(r_all, (Ellipsis, slice(0, k), slice(0, k)))
    t_left = getitem(t, (Ellipsis, slice(None), slice(0, k))) if n > k else t
    dq, dr = _qr_square_or_tall_jvp(q, r, t_left)
    if n > k:
        y = getitem(a, (Ellipsis, slice(None), slice(k, None)))
        dy = getitem(t, (Ellipsis, slice(None), slice(k, None)))
        dr = concatenate([dr, H(dq) @ y + H(q) @ dy], axis=-1)
    if q_all.shape[-1] > k:
        q_perp = getitem(q_all, (Ellipsis, slice(None), slice(k, None)))
        dq = concatenate([dq, -(q @ (H(dq) @ q_perp))], axis=-1)
    if r_all.shape[-2] > k:
        zeros = np.zeros(np.shape(r_all)[:-2] + (r_all.shape[-2] - k, n), dtype_of(r_all))
        dr = concatenate([dr, zeros], axis=-2)
    return dq, dr


qr_p.jvp = _qr_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


# ---------------------------------------------------------------------------
# Results with no derivative
# ---------------------------------------------------------------------------

def _matrix_rank(a, *, tol, hermitian, rtol):
    return np.linalg.matrix_rank(a, tol=tol, hermitian=hermitian, rtol=rtol)


matrix_rank_p = nondifferentiable(Primitive("matrix_rank", _matrix_rank))
defbatch(matrix_rank_p, stacked_batch(matrix_rank_p))


def _qr_raw(a):
    h, tau = np.linalg.qr(a, mode="raw")
    return h, tau


qr_raw_p = nondifferentiable(Primitive("qr_raw", _qr_raw, multiple_results=True))
defbatch(qr_raw_p, stacked_batch(qr_raw_p))
