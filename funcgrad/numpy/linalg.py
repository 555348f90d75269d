"""funcgrad.numpy.linalg: NumPy's ``linalg``, differentiable in both modes, on stacks of matrices.

Values are NumPy's (LAPACK's); derivatives follow JAX. The decompositions'
derivative rules and the conventions where the anchors could differ:

* ``det``: the derivative is the adjugate, ``det(a) inv(a)``, computed from the
  SVD so it is finite (and right) at singular matrices, as JAX's is; a matrix of
  rank ``n - 2`` or less has gradient 0. The second derivative is finite too.
* ``eigh``/``cholesky`` read the Hermitian part ``(a + a^H) / 2`` (JAX's
  ``symmetrize_input=True``; NumPy reads one triangle). Pass
  ``symmetrize_input=False`` to read the triangle ``UPLO`` as NumPy does.
* ``eigh``: the eigenvector derivative has ``1 / (w_j - w_i)`` factors, so it is
  infinite/NaN where eigenvalues repeat (as in JAX); the eigenvalues alone
  (``eigvalsh``, or ``eigh`` when only ``w`` is used) have finite gradients there.
  Likewise ``svd``'s ``U``/``Vh`` at repeated singular values, and ``eig``.
* ``eig``/``eigvals`` always return complex arrays (JAX), where NumPy returns
  real ones when every eigenvalue is real.
* ``svd(full_matrices=True)`` and ``qr(mode='complete')`` of non-square matrices
  differentiate the extra columns (a basis of the complement, which LAPACK
  chooses freely) by the choice that does not rotate them among themselves;
  only functions invariant to that basis are meaningful. JAX raises there.
* ``norm`` at the zero vector: the 2-norm's gradient is NaN (``0 / 0``), as in
  JAX (PyTorch returns 0).
* Integer results (``matrix_rank``, the rank from ``lstsq``) and
  ``qr(mode='raw')`` are constants.
"""

from __future__ import annotations

import operator
from typing import NamedTuple

import numpy as np
from numpy.linalg import LinAlgError

from ..core.trace import Tracer
from . import _linalg_primitives as P
from .creation import asarray
from .elementwise import (
    _dtype,
    absolute,
    astype,
    conj,
    multiply,
    not_equal,
    power,
    real,
    sqrt,
    where,
)
from .indexing import getitem
from .products import dot, matmul
from .reductions import amax, amin, sum
from .shape import expand_dims, moveaxis, reshape, stack, transpose

__all__ = [
    "LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh", "eigvals",
    "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm", "matrix_power", "matrix_rank",
    "matrix_transpose", "multi_dot", "norm", "outer", "pinv", "qr", "slogdet", "solve", "svd",
    "svdvals", "tensordot", "tensorinv", "tensorsolve", "trace", "vecdot", "vector_norm",
]


class EighResult(NamedTuple):
    eigenvalues: object
    eigenvectors: object


class EigResult(NamedTuple):
    eigenvalues: object
    eigenvectors: object


class SVDResult(NamedTuple):
    U: object
    S: object
    Vh: object


class QRResult(NamedTuple):
    Q: object
    R: object


class SlogdetResult(NamedTuple):
    sign: object
    logabsdet: object


class LstsqResult(NamedTuple):
    x: object
    residuals: object
    rank: object
    s: object


# ---------------------------------------------------------------------------
# Argument checks (NumPy's messages)
# ---------------------------------------------------------------------------

def _inexact(a):
    """``a`` as an array of a floating or complex dtype (integers become float64)."""
    a = asarray(a)
    if not np.issubdtype(_dtype(a), np.inexact):
        a = astype(a, np.float64)
    return a


def _ndim(a) -> int:
    return len(np.shape(a))


def _stacked_2d(*arrays) -> None:
    for a in arrays:
        if _ndim(a) < 2:
            raise LinAlgError(
                f"{_ndim(a)}-dimensional array given. Array must be at least two-dimensional"
            )


def _stacked_square(*arrays) -> None:
    _stacked_2d(*arrays)
    for a in arrays:
        m, n = np.shape(a)[-2:]
        if m != n:
            raise LinAlgError("Last 2 dimensions of the array must be square")


def _square(a):
    a = _inexact(a)
    _stacked_square(a)
    return a


# ---------------------------------------------------------------------------
# Inverses and solves
# ---------------------------------------------------------------------------

def inv(a):
    """The inverse of a (stack of) square matrices, as :func:`numpy.linalg.inv`.

    ``d inv(A) = -inv(A) dA inv(A)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a = fnp.asarray([[2.0, 0.0], [0.0, 4.0]])
    >>> fg.grad(lambda a: fnp.linalg.inv(a)[0, 0])(a)   # -inv(a)[0, 0] ** 2 at (0, 0)
    array([[-0.25, -0.  ],
           [-0.  , -0.  ]])
    """
    return P.inv(_square(a))


def solve(a, b):
    """Solve ``a @ x = b``, as :func:`numpy.linalg.solve` (NumPy 2 broadcasting).

    ``b`` is a vector when it is 1-D, else a stack of matrices ``(..., n, k)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a = fnp.asarray([[2.0, 0.0], [0.0, 4.0]])
    >>> fg.grad(lambda b: fnp.sum(fnp.linalg.solve(a, b)))(fnp.asarray([1.0, 1.0]))
    array([0.5 , 0.25])
    """
    a, b = _square(a), _inexact(b)
    if _ndim(b) == 1:
        return getitem(P.solve(a, expand_dims(b, -1)), (Ellipsis, 0))
    return P.solve(a, b)


def pinv(a, rcond=None, hermitian=False, *, rtol=np._NoValue):
    """The Moore-Penrose pseudo-inverse, as :func:`numpy.linalg.pinv`.

    The derivative is the constant-rank one (as JAX's): it is right where the
    rank does not change near ``a``, which singular values cut off by
    ``rcond`` make true for small perturbations.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda a: fnp.sum(fnp.linalg.pinv(a)))(fnp.asarray([[2.0, 0.0]]))
    array([[-0.25,  0.25]])
    """
    a = _inexact(a)
    _stacked_2d(a)
    if rcond is None:
        if rtol is np._NoValue:
            rcond = 1e-15
        elif rtol is None:
            rcond = max(np.shape(a)[-2:]) * np.finfo(_dtype(a)).eps
        else:
            rcond = rtol
    elif rtol is not np._NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    if hermitian:  # read (a + a^H) / 2, as JAX (NumPy reads one triangle)
        a = (a + P.H(a)) / 2
    return P.pinv_p.bind(a, rcond=float(rcond), hermitian=bool(hermitian))


def tensorinv(a, ind=2):
    """The inverse of an N-d array with respect to ``tensordot``, as :func:`numpy.linalg.tensorinv`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.tensorinv(fnp.eye(4).reshape(4, 2, 2), ind=1).shape
    (2, 2, 4)
    """
    a = _inexact(a)
    shape = np.shape(a)
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    inv_shape = shape[ind:] + shape[:ind]
    rows = int(np.prod(shape[ind:], dtype=np.int64))
    return reshape(inv(reshape(a, (rows, -1))), inv_shape)


def tensorsolve(a, b, axes=None):
    """Solve ``tensordot(a, x, axes=x.ndim) = b`` for ``x``, as :func:`numpy.linalg.tensorsolve`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.tensorsolve(2 * fnp.eye(6).reshape(6, 2, 3), fnp.ones(6)).shape
    (2, 3)
    """
    a, b = _inexact(a), _inexact(b)
    an = _ndim(a)
    if axes is not None:
        order = list(range(an))
        for k in axes:
            order.remove(k)
            order.insert(an, k)
        a = transpose(a, tuple(order))
    old_shape = np.shape(a)[-(an - _ndim(b)):]
    size = int(np.prod(old_shape, dtype=np.int64))
    if int(np.prod(np.shape(a), dtype=np.int64)) != size**2:
        raise LinAlgError(
            "Input arrays must satisfy the requirement "
            "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])"
        )
    return reshape(solve(reshape(a, (size, size)), reshape(b, (-1,))), old_shape)


def lstsq(a, b, rcond=None):
    """Least-squares solution of ``a @ x = b``, as :func:`numpy.linalg.lstsq`.

    Returns ``(x, residuals, rank, s)``. ``x`` is computed from the SVD (as
    JAX's), so it is differentiable at constant rank; ``rank`` is a constant
    and needs a concrete value (so ``lstsq`` cannot be staged by ``make_ir``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a = fnp.asarray([[1.0], [1.0]])
    >>> fg.grad(lambda b: fnp.linalg.lstsq(a, b)[0][0])(fnp.asarray([1.0, 3.0]))
    array([0.5, 0.5])
    """
    a, b = _inexact(a), _inexact(b)
    is_1d = _ndim(b) == 1
    if is_1d:
        b = expand_dims(b, -1)
    if _ndim(a) != 2 or _ndim(b) != 2:
        raise LinAlgError(
            f"{max(_ndim(a), _ndim(b))}-dimensional array given. Array must be two-dimensional"
        )
    m, n = np.shape(a)
    if np.shape(b)[0] != m:
        raise LinAlgError("Incompatible dimensions")
    if rcond is None:
        rcond = np.finfo(np.result_type(_dtype(a), _dtype(b))).eps * max(m, n)
    u, s, vh = P.svd_p.bind(a, full_matrices=False, hermitian=False)
    large = s > rcond * amax(s) if np.shape(s)[0] else s > 0
    rank = np.int32(np.count_nonzero(_concrete(large)))
    safe = where(large, s, 1)
    s_inv = where(large, 1 / safe, 0)
    x = P.H(vh) @ (expand_dims(s_inv, -1) * (P.H(u) @ b))
    real_dtype = np.finfo(_dtype(x)).dtype
    if rank == n and m > n:
        r = b - a @ x
        residuals = sum(real(r * conj(r)) if P.is_complex(r) else r * r, axis=0)
    else:
        residuals = np.zeros((0,), real_dtype)
    if is_1d:
        x = getitem(x, (Ellipsis, 0))
    return LstsqResult(x, residuals, rank, s)


def _concrete(x):
    from ..core.trace import full_lower

    return full_lower(x) if isinstance(x, Tracer) else x


# ---------------------------------------------------------------------------
# Determinants
# ---------------------------------------------------------------------------

def det(a):
    """The determinant, as :func:`numpy.linalg.det`.

    The gradient is the transposed adjugate (``det(a) inv(a)^T`` where ``a`` is
    invertible), computed from the SVD so that it is right at singular matrices.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.linalg.det)(fnp.asarray([[1.0, 2.0], [2.0, 4.0]]))   # singular
    array([[ 4., -2.],
           [-2.,  1.]])
    """
    return P.det(_square(a))


def slogdet(a):
    """Sign and log of the absolute determinant, as :func:`numpy.linalg.slogdet`.

    ``d logabsdet = Re(tr(inv(a) da))``; the sign of a real matrix has zero
    derivative, that of a complex one ``sign * i * Im(tr(inv(a) da))``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda a: fnp.linalg.slogdet(a)[1])(fnp.asarray([[-2.0, 0.0], [0.0, 4.0]]))
    array([[-0.5 ,  0.  ],
           [-0.  ,  0.25]])
    """
    sign, logabsdet = P.slogdet_p.bind(_square(a))
    return SlogdetResult(sign, logabsdet)


# ---------------------------------------------------------------------------
# Decompositions
# ---------------------------------------------------------------------------

def _hermitian_part(a, UPLO, symmetrize_input):
    if symmetrize_input:
        return (a + P.H(a)) / 2
    lower = (UPLO or "L").upper() == "L"
    if (UPLO or "L").upper() not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    off = P.tril(a, -1) if lower else P.triu(a, 1)
    d = P.diag_embed(P.real_part(P.diagonal(a)))
    return off + P.H(off) + d


def cholesky(a, /, *, upper=False, symmetrize_input=True):
    """The Cholesky factor of a Hermitian positive-definite matrix (:func:`numpy.linalg.cholesky`).

    Returns ``L`` (lower) with ``a = L L^H``, or ``L^H`` when ``upper=True``.
    Reads ``(a + a^H) / 2`` as JAX does (``symmetrize_input=False``: the lower
    triangle, as NumPy). ``dL = L Phi(L^-1 dA L^-H)`` with ``Phi`` the lower
    triangle with a halved diagonal.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda a: fnp.linalg.cholesky(a)[0, 0])(fnp.asarray([[4.0, 1.0], [1.0, 3.0]]))
    array([[0.25, 0.  ],
           [0.  , 0.  ]])
    """
    a = _square(a)
    lower = P.cholesky_p.bind(_hermitian_part(a, "L", symmetrize_input))
    return P.H(lower) if upper else lower


def eigh(a, UPLO=None, *, symmetrize_input=True):
    """Eigenvalues (ascending) and eigenvectors of a Hermitian matrix, as :func:`numpy.linalg.eigh`.

    Reads ``(a + a^H) / 2`` as JAX does (``symmetrize_input=False`` reads the
    triangle ``UPLO``, as NumPy). The eigenvectors' derivative is infinite or NaN
    where eigenvalues repeat (as in JAX); the eigenvalues' is finite.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda a: fnp.linalg.eigh(a).eigenvalues[-1]   # the largest eigenvalue
    >>> fg.grad(f)(fnp.asarray([[2.0, 0.0], [0.0, 1.0]]))   # v v^T for its eigenvector v
    array([[1., 0.],
           [0., 0.]])
    """
    a = _square(a)
    w, v = P.eigh_p.bind(_hermitian_part(a, UPLO, symmetrize_input))
    return EighResult(w, v)


def eigvalsh(a, UPLO="L", *, symmetrize_input=True):
    """Eigenvalues (ascending) of a Hermitian matrix, as :func:`numpy.linalg.eigvalsh`.

    Finite gradients where eigenvalues repeat (the eigenvectors' cotangent is a
    symbolic zero).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda a: fnp.sum(fnp.linalg.eigvalsh(a)))(fnp.eye(2))   # d trace = I
    array([[1., 0.],
           [0., 1.]])
    """
    return eigh(a, UPLO, symmetrize_input=symmetrize_input)[0]


def eig(a):
    """Eigenvalues and right eigenvectors of a general matrix, as :func:`numpy.linalg.eig`.

    Always complex (as JAX; NumPy returns real arrays when all eigenvalues are
    real). Eigenvectors have unit norm; their phase is LAPACK's, so only
    phase-invariant functions of them (e.g. ``abs``) have a meaningful derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda a: fnp.real(fnp.sum(fnp.linalg.eig(a).eigenvalues))   # the trace
    >>> np.allclose(fg.grad(f)(fnp.asarray([[1.0, 2.0], [3.0, 4.0]])), np.eye(2))
    True
    """
    w, v = P.eig_p.bind(_square(a))
    return EigResult(w, v)


def eigvals(a):
    """Eigenvalues of a general matrix (complex), as :func:`numpy.linalg.eigvals`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.eigvals(fnp.asarray([[0.0, -1.0], [1.0, 0.0]]))
    array([0.+1.j, 0.-1.j])
    """
    return eig(a)[0]


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """Singular value decomposition ``a = U diag(S) Vh``, as :func:`numpy.linalg.svd`.

    Derivatives for the reduced and full forms and for ``compute_uv=False``.
    ``U``/``Vh``'s derivative is infinite where singular values repeat, and
    divides by ``S`` for non-square ``a``; ``S``'s is finite. With
    ``full_matrices=True`` the extra columns of ``U`` (rows of ``Vh``) are a free
    basis: only basis-invariant functions of them have a meaningful derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda a: fnp.linalg.svd(a, compute_uv=False)[0]   # the 2-norm
    >>> fg.grad(f)(fnp.asarray([[3.0, 0.0], [0.0, 1.0]]))   # u1 v1^T
    array([[1., 0.],
           [0., 0.]])
    """
    a = _inexact(a)
    _stacked_2d(a)
    if hermitian:  # read (a + a^H) / 2, as JAX (NumPy reads one triangle)
        _stacked_square(a)
        a = (a + P.H(a)) / 2
    if not compute_uv:
        return P.svd_p.bind(a, full_matrices=False, hermitian=bool(hermitian))[1]
    u, s, vh = P.svd_p.bind(a, full_matrices=bool(full_matrices), hermitian=bool(hermitian))
    return SVDResult(u, s, vh)


def svdvals(x, /):
    """Singular values in descending order, as :func:`numpy.linalg.svdvals`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.svdvals(fnp.asarray([[0.0, 2.0], [1.0, 0.0]]))
    array([2., 1.])
    """
    return svd(x, compute_uv=False)


def qr(a, mode="reduced"):
    """QR decomposition, as :func:`numpy.linalg.qr` (modes 'reduced', 'complete', 'r', 'raw').

    Differentiable for every shape (wide matrices through ``[X | Y] = Q [R1 | Q^H Y]``);
    ``mode='raw'`` (Householder reflectors) is a constant. With
    ``mode='complete'`` and more rows than columns, the extra columns of ``Q``
    are a free basis (see :func:`svd`).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda a: fnp.linalg.qr(a, mode="r")[0, 0]   # -|first column| (LAPACK's sign)
    >>> fg.grad(f)(fnp.asarray([[3.0, 1.0], [4.0, 1.0]]))
    array([[-0.6, -0. ],
           [-0.8, -0. ]])
    """
    a = _inexact(a)
    _stacked_2d(a)
    if mode == "raw":
        return P.qr_raw_p.bind(a)
    if mode not in ("reduced", "complete", "r"):
        raise ValueError(f"Unrecognized mode '{mode}'")
    q, r = P.qr_p.bind(a, complete=mode == "complete")
    return r if mode == "r" else QRResult(q, r)


# ---------------------------------------------------------------------------
# Norms and condition number
# ---------------------------------------------------------------------------

def _sum_abs_squares(x, axis, keepdims):
    return sum(real(x * conj(x)) if P.is_complex(x) else x * x, axis=axis, keepdims=keepdims)


def _vector_norm(x, ord, axis, keepdims):
    if ord is None or (not isinstance(ord, str) and ord == 2):
        return sqrt(_sum_abs_squares(x, axis, keepdims))
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    if ord == np.inf:
        return amax(absolute(x), axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return amin(absolute(x), axis=axis, keepdims=keepdims)
    if ord == 0:
        return sum(astype(not_equal(x, 0), np.finfo(_dtype(x)).dtype), axis=axis, keepdims=keepdims)
    if ord == 1:
        return sum(absolute(x), axis=axis, keepdims=keepdims)
    ord = float(ord)
    exponent = int(ord) if ord.is_integer() else ord
    return power(sum(power(absolute(x), exponent), axis=axis, keepdims=keepdims), 1.0 / ord)


def _svd_norm(x, row_axis, col_axis, reduce):
    s = svdvals(moveaxis(x, (row_axis, col_axis), (-2, -1)))
    return reduce(s, axis=-1)


def _matrix_norm(x, ord, axis, keepdims):
    nd = _ndim(x)
    row_axis, col_axis = (operator.index(ax) for ax in axis)
    for ax in (row_axis, col_axis):
        if not -nd <= ax < nd:
            raise np.exceptions.AxisError(ax, nd)
    row_axis, col_axis = row_axis % nd, col_axis % nd
    if row_axis == col_axis:
        raise ValueError("Duplicate axes given.")
    if ord is None or ord in ("fro", "f"):
        ret = sqrt(_sum_abs_squares(x, (row_axis, col_axis), False))
    elif ord == "nuc":
        ret = _svd_norm(x, row_axis, col_axis, sum)
    elif isinstance(ord, str):
        raise ValueError("Invalid norm order for matrices.")
    elif ord == 2:
        ret = _svd_norm(x, row_axis, col_axis, amax)
    elif ord == -2:
        ret = _svd_norm(x, row_axis, col_axis, amin)
    elif ord in (1, -1):
        reduce = amax if ord == 1 else amin
        col = col_axis - 1 if col_axis > row_axis else col_axis
        ret = reduce(sum(absolute(x), axis=row_axis), axis=col)
    elif ord in (np.inf, -np.inf):
        reduce = amax if ord == np.inf else amin
        row = row_axis - 1 if row_axis > col_axis else row_axis
        ret = reduce(sum(absolute(x), axis=col_axis), axis=row)
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        shape = list(np.shape(x))
        shape[row_axis] = shape[col_axis] = 1
        ret = reshape(ret, tuple(shape))
    return ret


def norm(x, ord=None, axis=None, keepdims=False):
    """Vector or matrix norm, as :func:`numpy.linalg.norm`: every ``ord`` and ``axis`` NumPy takes.

    Vector ``ord``: None/2, 1, inf, -inf, 0 (count of non-zeros, no
    derivative) and any other number ``p``; matrix ``ord``: 'fro', 'nuc', 1, -1,
    2, -2, inf, -inf. At the zero vector the 2-norm's gradient is NaN, as in JAX
    (``0 / 0``; PyTorch returns 0). Ties in ``inf``/``1``-type norms share the
    derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.linalg.norm)(fnp.asarray([3.0, 4.0]))
    array([0.6, 0.8])
    >>> fg.grad(lambda a: fnp.linalg.norm(a, "nuc"))(fnp.asarray([[2.0, 0.0], [0.0, -1.0]]))
    array([[ 1.,  0.],
           [ 0., -1.]])
    """
    x = _inexact(x)
    nd = _ndim(x)
    if axis is None:
        if ord is None or (isinstance(ord, str) and ord in ("f", "fro") and nd == 2) or (
            not isinstance(ord, str) and ord == 2 and nd == 1
        ):
            ret = sqrt(_sum_abs_squares(reshape(x, (-1,)), 0, False))
            return reshape(ret, (1,) * nd) if keepdims else ret
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = (operator.index(axis),)
        except TypeError as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
    if len(axis) == 1:
        return _vector_norm(x, ord, axis, keepdims)
    if len(axis) == 2:
        return _matrix_norm(x, ord, axis, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """Vector norm over any axes (flattened together), as :func:`numpy.linalg.vector_norm`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.vector_norm(fnp.ones((2, 2)), ord=1)
    np.float64(4.0)
    """
    x = _inexact(x)
    shape = np.shape(x)
    nd = len(shape)
    axes = tuple(range(nd)) if axis is None else (
        (axis,) if not isinstance(axis, tuple) else axis
    )
    axes = tuple(operator.index(a) % nd if nd else 0 for a in axes)
    rest = [i for i in range(nd) if i not in axes]
    moved = transpose(x, tuple(rest) + axes) if nd else x
    flat = reshape(moved, tuple(shape[i] for i in rest) + (-1,))
    ret = _vector_norm(flat, ord, (len(rest),), False)
    if keepdims:
        ret = reshape(ret, tuple(1 if i in axes else shape[i] for i in range(nd)))
    return ret


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """Matrix norm over the last two axes, as :func:`numpy.linalg.matrix_norm`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.matrix_norm(fnp.eye(3), ord="nuc")
    np.float64(3.0)
    """
    x = _inexact(x)
    _stacked_2d(x)
    return norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)


def cond(x, p=None):
    """The condition number, as :func:`numpy.linalg.cond`.

    For ``p`` other than None/2/-2 a singular matrix gives NumPy's ``inf``;
    the result is then a constant (zero derivative) for the whole stack.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.linalg.cond)(fnp.asarray([[2.0, 0.0], [0.0, 1.0]]))
    array([[ 1.,  0.],
           [ 0., -2.]])
    """
    x = _inexact(x)
    _stacked_2d(x)
    if p is None or (not isinstance(p, str) and p in (2, -2)):
        s = svdvals(x)
        first, last = getitem(s, (Ellipsis, 0)), getitem(s, (Ellipsis, -1))
        return last / first if p == -2 else first / last
    _stacked_square(x)
    try:
        return norm(x, p, axis=(-2, -1)) * norm(inv(x), p, axis=(-2, -1))
    except LinAlgError:  # a singular matrix in the stack: NumPy's inf there, a constant
        return np.linalg.cond(_concrete(x), p)


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """The rank from the SVD, as :func:`numpy.linalg.matrix_rank`; a constant.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.matrix_rank(fnp.asarray([[1.0, 2.0], [2.0, 4.0]]))
    np.int64(1)
    """
    return P.matrix_rank_p.bind(A, tol=tol, hermitian=bool(hermitian), rtol=rtol)


# ---------------------------------------------------------------------------
# Products and powers
# ---------------------------------------------------------------------------

def matrix_power(a, n):
    """``a`` to the integer power ``n`` by repeated squaring, as :func:`numpy.linalg.matrix_power`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda a: fnp.linalg.matrix_power(a, 3)[0, 0]
    >>> fg.grad(f)(fnp.asarray([[2.0, 0.0], [0.0, 1.0]]))   # 3 a**2 at (0, 0)
    array([[12.,  0.],
           [ 0.,  0.]])
    """
    a = asarray(a)
    _stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n == 0:
        return np.broadcast_to(np.eye(np.shape(a)[-1], dtype=_dtype(a)), np.shape(a)).copy()
    if n < 0:
        a = inv(a)
        n = -n
    power_of_two, result = None, None
    while n > 0:
        power_of_two = a if power_of_two is None else matmul(power_of_two, power_of_two)
        n, bit = divmod(n, 2)
        if bit:
            result = power_of_two if result is None else matmul(result, power_of_two)
    return result


def _chain_order(dims):
    """The cheapest parenthesisation of a matrix chain with shapes ``dims[i] x dims[i+1]``."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            best = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, k
            cost[i][j] = best
    return split


def multi_dot(arrays, *, out=None):
    """The product of several matrices in the cheapest order, as :func:`numpy.linalg.multi_dot`.

    The first and last arrays may be 1-D (a row and a column vector).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a, b = fnp.ones((2, 3)), fnp.ones((3, 4))
    >>> fg.grad(lambda c: fnp.sum(fnp.linalg.multi_dot([a, b, c])))(fnp.ones(4))
    array([6., 6., 6., 6.])
    """
    if out is not None:
        raise NotImplementedError("multi_dot: out= is not supported (arrays are immutable here)")
    arrays = [asarray(a) for a in arrays]
    if len(arrays) < 2:
        raise ValueError("Expecting at least two arrays.")
    if len(arrays) == 2:
        return dot(arrays[0], arrays[1])
    first_1d, last_1d = _ndim(arrays[0]) == 1, _ndim(arrays[-1]) == 1
    if first_1d:
        arrays[0] = expand_dims(arrays[0], 0)
    if last_1d:
        arrays[-1] = expand_dims(arrays[-1], -1)
    for a in arrays:
        if _ndim(a) != 2:
            raise LinAlgError(f"{_ndim(a)}-dimensional array given. Array must be two-dimensional")
    dims = [np.shape(arrays[0])[0]] + [np.shape(a)[1] for a in arrays]
    split = _chain_order(dims)
    # Evaluate the parenthesisation with an explicit stack (no recursion).
    results: dict[tuple[int, int], object] = {}
    todo = [(0, len(arrays) - 1, False)]
    while todo:
        i, j, ready = todo.pop()
        if i == j:
            results[i, j] = arrays[i]
        elif ready:
            k = split[i][j]
            results[i, j] = matmul(results.pop((i, k)), results.pop((k + 1, j)))
        else:
            k = split[i][j]
            todo += [(i, j, True), (i, k, False), (k + 1, j, False)]
    result = results[0, len(arrays) - 1]
    if first_1d and last_1d:
        return getitem(result, (0, 0))
    if first_1d:
        return getitem(result, 0)
    if last_1d:
        return getitem(result, (slice(None), 0))
    return result


def tensordot(x1, x2, /, *, axes=2):
    """Sum of products over the given axes, as :func:`numpy.linalg.tensordot`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.tensordot(fnp.ones((2, 3, 4)), fnp.ones((3, 4, 5))).shape
    (2, 5)
    """
    a, b = asarray(x1), asarray(x2)
    na, nb = _ndim(a), _ndim(b)
    if isinstance(axes, (int, np.integer)):
        axes_a, axes_b = list(range(na - axes, na)), list(range(axes))
    else:
        axes_a, axes_b = axes
        axes_a = [axes_a] if isinstance(axes_a, (int, np.integer)) else list(axes_a)
        axes_b = [axes_b] if isinstance(axes_b, (int, np.integer)) else list(axes_b)
    axes_a = [ax % na for ax in axes_a]
    axes_b = [ax % nb for ax in axes_b]
    sa, sb = np.shape(a), np.shape(b)
    if len(axes_a) != len(axes_b) or any(sa[i] != sb[j] for i, j in zip(axes_a, axes_b)):
        raise ValueError("shape-mismatch for sum")
    free_a = [i for i in range(na) if i not in axes_a]
    free_b = [j for j in range(nb) if j not in axes_b]
    k = int(np.prod([sa[i] for i in axes_a], dtype=np.int64))
    a2 = reshape(transpose(a, tuple(free_a + axes_a)), (-1, k))
    b2 = reshape(transpose(b, tuple(axes_b + free_b)), (k, -1))
    out_shape = tuple(sa[i] for i in free_a) + tuple(sb[j] for j in free_b)
    return reshape(matmul(a2, b2), out_shape)


def outer(x1, x2, /):
    """Outer product of two vectors, as :func:`numpy.linalg.outer`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.outer(fnp.asarray([1.0, 2.0]), fnp.asarray([1.0, 0.0, -1.0]))
    array([[ 1.,  0., -1.],
           [ 2.,  0., -2.]])
    """
    x1, x2 = asarray(x1), asarray(x2)
    if _ndim(x1) != 1 or _ndim(x2) != 1:
        raise ValueError(
            f"Input arrays must be one-dimensional, but they are x1.ndim={_ndim(x1)} and "
            f"x2.ndim={_ndim(x2)}."
        )
    return multiply(expand_dims(x1, -1), expand_dims(x2, 0))


def vecdot(x1, x2, /, *, axis=-1):
    """Vector dot product ``sum(conj(x1) * x2)`` along ``axis``, as :func:`numpy.linalg.vecdot`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.vecdot(fnp.asarray([1j, 2.0]), fnp.asarray([1j, 1.0]))
    np.complex128(3+0j)
    """
    x1, x2 = asarray(x1), asarray(x2)
    left = conj(x1) if P.is_complex(x1) else x1
    return sum(left * x2, axis=axis)


def cross(x1, x2, /, *, axis=-1):
    """Cross product of 3-vectors along ``axis``, as :func:`numpy.linalg.cross`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.cross(fnp.asarray([1.0, 0.0, 0.0]), fnp.asarray([0.0, 1.0, 0.0]))
    array([0., 0., 1.])
    """
    x1, x2 = asarray(x1), asarray(x2)
    if np.shape(x1)[axis] != 3 or np.shape(x2)[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
            f"{np.shape(x1)[axis]} and {np.shape(x2)[axis]} dimensional instead."
        )
    a, b = moveaxis(x1, axis, -1), moveaxis(x2, axis, -1)
    a0, a1, a2 = (getitem(a, (Ellipsis, i)) for i in range(3))
    b0, b1, b2 = (getitem(b, (Ellipsis, i)) for i in range(3))
    out = stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return moveaxis(out, -1, axis)


def trace(x, /, *, offset=0, dtype=None):
    """Sum along the diagonal of the last two axes, as :func:`numpy.linalg.trace`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.linalg.trace)(fnp.ones((2, 2)))
    array([[1., 0.],
           [0., 1.]])
    """
    x = asarray(x)
    _stacked_2d(x)
    return sum(P.diagonal(x, offset), axis=-1, dtype=dtype)


def diagonal(x, /, *, offset=0):
    """The diagonal of the last two axes, as :func:`numpy.linalg.diagonal`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.diagonal(fnp.asarray([[1.0, 2.0], [3.0, 4.0]]), offset=1)
    array([2.])
    """
    x = asarray(x)
    _stacked_2d(x)
    return P.diagonal(x, offset)


def matrix_transpose(x, /):
    """Transpose of the last two axes, as :func:`numpy.linalg.matrix_transpose`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.matrix_transpose(fnp.ones((4, 2, 3))).shape
    (4, 3, 2)
    """
    x = asarray(x)
    _stacked_2d(x)
    return P.mT(x)


# ---------------------------------------------------------------------------
# NumPy's functions and ours, for plain-NumPy dispatch (__array_function__)
# ---------------------------------------------------------------------------

NUMPY_EQUIVALENTS = {getattr(np.linalg, name): globals()[name] for name in __all__
                     if name != "LinAlgError"}
