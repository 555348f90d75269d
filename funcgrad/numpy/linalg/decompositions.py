"""funcgrad.numpy.linalg's decompositions: cholesky, eigh/eigvalsh, eig/eigvals, svd/svdvals, qr.

Thin public faces of the primitives in :mod:`funcgrad.primitives.linalg`
(where their derivative rules are); here are NumPy's argument handling and
result types. Imported by :mod:`funcgrad.numpy.linalg`, where the conventions
are listed.
"""

from __future__ import annotations

from typing import NamedTuple

from ...primitives import linalg as P
from ...primitives.indexing import as_inexact


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
    a = P.square_inexact(a)
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
    a = P.square_inexact(a)
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
    w, v = P.eig_p.bind(P.square_inexact(a))
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
    a = as_inexact(a)
    P.stacked_2d(a)
    if hermitian:  # read (a + a^H) / 2, as JAX (NumPy reads one triangle)
        P.stacked_square(a)
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
    a = as_inexact(a)
    P.stacked_2d(a)
    if mode == "raw":
        return P.qr_raw_p.bind(a)
    if mode not in ("reduced", "complete", "r"):
        raise ValueError(f"Unrecognized mode '{mode}'")
    q, r = P.qr_p.bind(a, complete=mode == "complete")
    return r if mode == "r" else QRResult(q, r)
