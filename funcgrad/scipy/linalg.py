"""funcgrad.scipy.linalg: SciPy's linear algebra, differentiable (anchors: ``scipy.linalg``
for names, signatures and values; ``jax.scipy.linalg`` for derivatives).

Functions NumPy also has (``inv``, ``det``, ``solve``, ``cholesky``, ``eigh``,
``svd``, ``qr``) reuse :mod:`funcgrad.numpy.linalg`'s primitives, with SciPy's
signatures (``cholesky`` returns the *upper* factor by default, ``qr``'s modes
are ``"full"``, ``"economic"`` and ``"r"``). Triangular solves, LU, ``expm``
and ``sqrtm`` are primitives of :mod:`funcgrad.primitives.scipy_linalg`;
``cho_solve`` and ``lu_solve`` are triangular solves, so their derivatives are
triangular solves too.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.linalg import expm
>>> fg.grad(lambda t: expm(t * fnp.asarray([[0.0, 1.0], [-1.0, 0.0]]))[0, 0])(0.5)  # -sin
array(-0.47942554)
"""

from __future__ import annotations

import numpy as np

from .. import numpy as fnp
from ..numpy import linalg as fla
from ..primitives import scipy_linalg as sl
from ..primitives.indexing import as_inexact
from ..primitives.linalg import H

__all__ = [
    "block_diag", "cho_factor", "cho_solve", "cholesky", "det", "eigh", "expm", "inv", "lu",
    "lu_factor", "lu_solve", "qr", "solve", "solve_triangular", "sqrtm", "svd", "toeplitz",
]

_TRANS = {0: 0, 1: 1, 2: 2, "N": 0, "T": 1, "C": 2}


def _as_matrix_rhs(b):
    """``b`` as a stack of matrices, and how to give the result ``b``'s shape back."""
    if fnp.ndim(b) == 1:
        return fnp.expand_dims(b, -1), lambda x: x[..., 0]
    return b, lambda x: x


def solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                     check_finite=True):
    """Solve ``op(a) x = b`` for a triangular ``a``, ``op`` set by ``trans`` (0/'N': a,
    1/'T': a^T, 2/'C': a^H), as :func:`scipy.linalg.solve_triangular`.

    Only the triangle named by ``lower`` is read (its diagonal is taken as ones
    with ``unit_diagonal``), and only that triangle receives a derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a = fnp.asarray([[2.0, 0.0], [1.0, 4.0]])
    >>> solve_triangular(a, fnp.asarray([2.0, 9.0]), lower=True)
    array([1., 2.])
    >>> fg.grad(lambda a: solve_triangular(a, fnp.asarray([2.0, 9.0]), lower=True)[1])(a)
    array([[ 0.125,  0.   ],
           [-0.25 , -0.5  ]])
    """
    if trans not in _TRANS:
        raise ValueError(f"solve_triangular: trans must be 0, 1, 2, 'N', 'T' or 'C', got {trans!r}")
    a = as_inexact(a)
    b, restore = _as_matrix_rhs(as_inexact(b))
    return restore(sl.solve_triangular(a, b, lower=lower, trans=_TRANS[trans],
                                       unit_diagonal=unit_diagonal))


def cholesky(a, lower=False, overwrite_a=False, check_finite=True):
    """The Cholesky factor of a Hermitian positive-definite ``a``: upper by default
    (``a = U^H U``), lower with ``lower=True`` (``a = L L^H``), as SciPy.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> cholesky(fnp.asarray([[4.0, 2.0], [2.0, 5.0]]))
    array([[2., 1.],
           [0., 2.]])
    """
    factor = fla.cholesky(as_inexact(a))
    return factor if lower else H(factor)


def cho_factor(a, lower=False, overwrite_a=False, check_finite=True):
    """``(c, lower)``: the Cholesky factor (zeros in the other triangle) and which it is,
    the input of :func:`cho_solve`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> c, low = cho_factor(fnp.asarray([[4.0, 2.0], [2.0, 5.0]]), lower=True)
    >>> c, low
    (array([[2., 0.],
           [1., 2.]]), True)
    """
    return cholesky(a, lower=lower), lower


def cho_solve(c_and_lower, b, overwrite_b=False, check_finite=True):
    """Solve ``a x = b`` given ``(c, lower) = cho_factor(a)``: two triangular solves.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> a = fnp.asarray([[4.0, 2.0], [2.0, 5.0]])
    >>> cho_solve(cho_factor(a), fnp.asarray([6.0, 7.0]))
    array([1., 1.])
    >>> fg.grad(lambda b: cho_solve(cho_factor(a), b)[0])(fnp.asarray([6.0, 7.0]))
    array([ 0.3125, -0.125 ])
    """
    c, lower = c_and_lower
    if lower:  # a = L L^H: solve L y = b, then L^H x = y
        y = solve_triangular(c, b, lower=True)
        return solve_triangular(c, y, lower=True, trans=2)
    y = solve_triangular(c, b, lower=False, trans=2)  # a = U^H U
    return solve_triangular(c, y, lower=False)


def lu_factor(a, overwrite_a=False, check_finite=True):
    """``(lu, piv)``: ``L`` (below the diagonal, unit diagonal implied) and ``U`` packed in one
    matrix, and LAPACK's pivot indices, as :func:`scipy.linalg.lu_factor` (square ``a``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> lu_factor(fnp.asarray([[1.0, 2.0], [3.0, 4.0]]))
    (array([[3.        , 4.        ],
           [0.33333333, 0.66666667]]), array([1, 1], dtype=int32))
    """
    packed, piv, _ = sl.lu(as_inexact(a))
    return packed, piv


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    """Solve ``op(a) x = b`` given ``(lu, piv) = lu_factor(a)``, as :func:`scipy.linalg.lu_solve`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> a = fnp.asarray([[1.0, 2.0], [3.0, 4.0]])
    >>> lu_solve(lu_factor(a), fnp.asarray([5.0, 11.0]))
    array([1., 2.])
    >>> lu_solve(lu_factor(a), fnp.asarray([7.0, 10.0]), trans=1)
    array([1., 2.])
    """
    packed, piv = lu_and_piv
    t = _TRANS[trans]
    perm = sl.pivots_to_permutation(piv)
    b, restore = _as_matrix_rhs(as_inexact(b))
    if t == 0:  # P L U x = b with P^T b = b[perm]
        y = sl.solve_triangular(packed, _rows(b, perm), lower=True, trans=0, unit_diagonal=True)
        return restore(sl.solve_triangular(packed, y, lower=False, trans=0, unit_diagonal=False))
    # op(a) = U^T L^T P^T (or its conjugate): solve U^T, then L^T, then undo the permutation.
    y = sl.solve_triangular(packed, b, lower=False, trans=t, unit_diagonal=False)
    z = sl.solve_triangular(packed, y, lower=True, trans=t, unit_diagonal=True)
    return restore(_rows(z, fnp.argsort(perm, axis=-1)))


def _rows(x, order):
    """``x[..., order, :]`` for a (possibly stacked, possibly traced) row order."""
    return fnp.take_along_axis(x, fnp.expand_dims(order, -1), axis=-2)


def lu(a, permute_l=False, overwrite_a=False, check_finite=True, p_indices=False):
    """``(p, l, u)`` with ``a = p @ l @ u`` (``(p @ l, u)`` with ``permute_l``; the row
    indices instead of ``p`` with ``p_indices``), as :func:`scipy.linalg.lu` (square ``a``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> p, l, u = lu(fnp.asarray([[1.0, 2.0], [3.0, 4.0]]))
    >>> p
    array([[0., 1.],
           [1., 0.]])
    >>> l @ u
    array([[3., 4.],
           [1., 2.]])
    """
    packed, _, perm = sl.lu(as_inexact(a))
    n = np.shape(packed)[-1]
    lower = fnp.tril(packed, -1) + np.eye(n, dtype=fnp.result_type(packed))
    upper = fnp.triu(packed)
    rows = fnp.argsort(perm, axis=-1)  # a = lower[rows] @ upper
    if permute_l:
        return _rows(lower, rows), upper
    if p_indices:
        return rows, lower, upper
    eye = np.broadcast_to(np.eye(n, dtype=fnp.result_type(packed)), np.shape(packed))
    p = _rows(eye, rows)
    return p, lower, upper


def expm(A):
    """The matrix exponential, as :func:`scipy.linalg.expm`; its derivative (the Frechet
    derivative) is a block of ``expm`` of a twice larger matrix, so every order works.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> expm(fnp.asarray([[0.0, 1.0], [0.0, 0.0]]))
    array([[1., 1.],
           [0., 1.]])
    """
    return sl.expm(as_inexact(A))


def sqrtm(A, disp=True, blocksize=64):
    """The principal matrix square root, as :func:`scipy.linalg.sqrtm`; its derivative solves
    ``X dX + dX X = dA``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> sqrtm(fnp.asarray([[4.0, 0.0], [0.0, 9.0]]))
    array([[2., 0.],
           [0., 3.]])
    """
    return sl.sqrtm(as_inexact(A))


def inv(a, overwrite_a=False, check_finite=True):
    """The inverse of a square matrix (funcgrad.numpy.linalg's ``inv``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> inv(fnp.asarray([[2.0, 0.0], [0.0, 4.0]]))
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    return fla.inv(a)


def det(a, overwrite_a=False, check_finite=True):
    """The determinant (funcgrad.numpy.linalg's ``det``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(det)(fnp.asarray([[2.0, 1.0], [1.0, 3.0]]))
    array([[ 3., -1.],
           [-1.,  2.]])
    """
    return fla.det(a)


def solve(a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
          assume_a=None, transposed=False):
    """Solve ``a x = b`` (``a^T x = b`` with ``transposed``), as :func:`scipy.linalg.solve`.

    Every ``assume_a`` gives the general solve's value and derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> solve(fnp.asarray([[2.0, 1.0], [1.0, 3.0]]), fnp.asarray([3.0, 5.0]))
    array([0.8, 1.4])
    """
    a = as_inexact(a)
    if transposed:
        a = fnp.swapaxes(a, -1, -2)
    b, restore = _as_matrix_rhs(as_inexact(b))
    return restore(fla.solve(a, b))


def eigh(a, b=None, *, lower=True, eigvals_only=False, overwrite_a=False, overwrite_b=False,
         type=1, check_finite=True, subset_by_index=None, subset_by_value=None, driver=None):
    """Eigenvalues (ascending) and eigenvectors of a Hermitian ``a``, or of the generalised
    problem ``a v = w b v`` for a positive-definite ``b``, as :func:`scipy.linalg.eigh`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> eigh(fnp.asarray([[2.0, 1.0], [1.0, 2.0]]), eigvals_only=True)
    array([1., 3.])
    >>> fg.grad(lambda a: eigh(a, eigvals_only=True)[1])(fnp.asarray([[2.0, 1.0], [1.0, 2.0]]))
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    if type != 1 or subset_by_index is not None or subset_by_value is not None:
        raise NotImplementedError("eigh: type=2/3 and subsets are not supported; compute all "
                                  "eigenpairs with type=1 and select from them")
    uplo = "L" if lower else "U"
    if b is None:
        w, v = fla.eigh(as_inexact(a), UPLO=uplo)
        return w if eigvals_only else (w, v)
    # a v = w b v with b = L L^H: the standard problem for L^-1 a L^-H, vectors v = L^-H y.
    chol = fla.cholesky(as_inexact(b))
    c = sl.solve_triangular(chol, H(sl.solve_triangular(chol, as_inexact(a), lower=True,
                                                        trans=0, unit_diagonal=False)),
                            lower=True, trans=0, unit_diagonal=False)
    w, y = fla.eigh(c)
    if eigvals_only:
        return w
    return w, sl.solve_triangular(chol, y, lower=True, trans=2, unit_diagonal=False)


def svd(a, full_matrices=True, compute_uv=True, overwrite_a=False, check_finite=True,
        lapack_driver="gesdd"):
    """``(U, s, Vh)`` with ``a = U diag(s) Vh`` (``s`` alone without ``compute_uv``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> svd(fnp.asarray([[3.0, 0.0], [0.0, -2.0]]), compute_uv=False)
    array([3., 2.])
    """
    out = fla.svd(a, full_matrices=full_matrices, compute_uv=compute_uv)
    return out if not compute_uv else tuple(out)


def qr(a, overwrite_a=False, lwork=None, mode="full", pivoting=False, check_finite=True):
    """``(Q, R)`` with ``a = Q R``; ``mode`` ``"full"`` (square ``Q``), ``"economic"``, or
    ``"r"`` (returns ``(R,)``), as :func:`scipy.linalg.qr`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> q, r = qr(fnp.asarray([[3.0, 1.0], [4.0, 2.0]]))
    >>> q @ r
    array([[3., 1.],
           [4., 2.]])
    """
    if pivoting:
        raise NotImplementedError("qr: pivoting=True is not supported (column pivoting has no "
                                  "derivative); use pivoting=False")
    modes = {"full": "complete", "economic": "reduced", "r": "r"}
    if mode not in modes:
        raise ValueError(f"qr: mode must be 'full', 'economic' or 'r', got {mode!r}")
    if mode == "r":
        r = fla.qr(a, mode="complete")[1]
        return (r,)
    q, r = fla.qr(a, mode=modes[mode])
    return q, r


def block_diag(*arrs):
    """A block-diagonal matrix from the given arrays (scalars and vectors are 1-row blocks),
    as :func:`scipy.linalg.block_diag`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> block_diag(fnp.asarray([[1.0, 2.0]]), 3.0)
    array([[1., 2., 0.],
           [0., 0., 3.]])
    """
    if not arrs:
        return np.empty((1, 0))
    blocks = [fnp.atleast_2d(a) for a in arrs]
    bad = [i for i, b in enumerate(blocks) if fnp.ndim(b) > 2]
    if bad:
        raise ValueError(f"arguments in the following positions have dimension greater than 2: "
                         f"{bad}")
    # NumPy's promotion with Python numbers weak: a float32 block and 2.0 stay float32.
    dtype = np.result_type(*[a if isinstance(a, (int, float)) else fnp.result_type(a)
                             for a in arrs])
    widths = [np.shape(b)[1] for b in blocks]
    total = int(np.sum(widths))
    rows, start = [], 0
    for b, w in zip(blocks, widths):
        h = np.shape(b)[0]
        left = np.zeros((h, start), dtype)
        right = np.zeros((h, total - start - w), dtype)
        rows.append(fnp.concatenate([left, fnp.astype(b, dtype), right], axis=1))
        start += w
    return fnp.concatenate(rows, axis=0)


def toeplitz(c, r=None):
    """The Toeplitz matrix with first column ``c`` and first row ``r`` (``r[0]`` is
    ignored; by default ``r = conj(c)``), as :func:`scipy.linalg.toeplitz`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> toeplitz(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([1.0, 4.0]))
    array([[1., 4.],
           [2., 1.],
           [3., 2.]])
    """
    c = fnp.ravel(c)
    r = fnp.conj(c) if r is None else fnp.ravel(r)
    m, n = np.shape(c)[0], np.shape(r)[0]
    values = fnp.concatenate([c[::-1], r[1:]])
    index = (m - 1) - np.arange(m)[:, None] + np.arange(n)[None, :]
    return values[index]


# Parameters, Returns and See Also (see _docs.py).
from ._docs import complete_scipy  # noqa: E402

complete_scipy(__name__)
