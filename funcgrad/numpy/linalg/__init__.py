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

from ...core.trace import Tracer, full_lower
from ...primitives import linalg as P
from ...primitives.elementwise import abs_squared, where
from ...primitives.indexing import as_inexact, asarray, getitem
from ...primitives.products import matmul
from ...primitives.reductions import amax, sum
from ...primitives.shape import expand_dims, ndim_of, reshape, transpose
from ...primitives.util import dtype_of
from .decompositions import (  # noqa: F401 - the result types are public too
    EighResult,
    EigResult,
    QRResult,
    SVDResult,
    cholesky,
    eig,
    eigh,
    eigvals,
    eigvalsh,
    qr,
    svd,
    svdvals,
)
from .norms import matrix_norm, matrix_rank, norm, vector_norm
from .products import (
    cross,
    diagonal,
    matrix_transpose,
    multi_dot,
    outer,
    tensordot,
    trace,
    vecdot,
)

__all__ = [
    "LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh", "eigvals",
    "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm", "matrix_power", "matrix_rank",
    "matrix_transpose", "multi_dot", "norm", "outer", "pinv", "qr", "slogdet", "solve", "svd",
    "svdvals", "tensordot", "tensorinv", "tensorsolve", "trace", "vecdot", "vector_norm",
]


class SlogdetResult(NamedTuple):
    sign: object
    logabsdet: object


class LstsqResult(NamedTuple):
    x: object
    residuals: object
    rank: object
    s: object


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
    return P.inv(P.square_inexact(a))


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
    a, b = P.square_inexact(a), as_inexact(b)
    if ndim_of(b) == 1:
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
    a = as_inexact(a)
    P.stacked_2d(a)
    if rcond is None:
        if rtol is np._NoValue:
            rcond = 1e-15
        elif rtol is None:
            rcond = max(np.shape(a)[-2:]) * np.finfo(dtype_of(a)).eps
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
    a = as_inexact(a)
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
    a, b = as_inexact(a), as_inexact(b)
    an = ndim_of(a)
    if axes is not None:
        order = list(range(an))
        for k in axes:
            order.remove(k)
            order.insert(an, k)
        a = transpose(a, tuple(order))
    old_shape = np.shape(a)[-(an - ndim_of(b)):]
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
    a, b = as_inexact(a), as_inexact(b)
    is_1d = ndim_of(b) == 1
    if is_1d:
        b = expand_dims(b, -1)
    if ndim_of(a) != 2 or ndim_of(b) != 2:
        raise LinAlgError(
            f"{max(ndim_of(a), ndim_of(b))}-dimensional array given. Array must be two-dimensional"
        )
    m, n = np.shape(a)
    if np.shape(b)[0] != m:
        raise LinAlgError("Incompatible dimensions")
    if rcond is None:
        rcond = np.finfo(np.result_type(dtype_of(a), dtype_of(b))).eps * max(m, n)
    u, s, vh = P.svd_p.bind(a, full_matrices=False, hermitian=False)
    large = s > rcond * amax(s) if np.shape(s)[0] else s > 0
    rank = np.int32(np.count_nonzero(_concrete(large)))
    safe = where(large, s, 1)
    s_inv = where(large, 1 / safe, 0)
    x = P.H(vh) @ (expand_dims(s_inv, -1) * (P.H(u) @ b))
    real_dtype = np.finfo(dtype_of(x)).dtype
    if rank == n and m > n:
        r = b - a @ x
        residuals = sum(abs_squared(r), axis=0)
    else:
        residuals = np.zeros((0,), real_dtype)
    if is_1d:
        x = getitem(x, (Ellipsis, 0))
    return LstsqResult(x, residuals, rank, s)


def _concrete(x):
    return full_lower(x) if isinstance(x, Tracer) else x


# ---------------------------------------------------------------------------
# Powers and the condition number (through inv)
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
    P.stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n == 0:
        return np.broadcast_to(np.eye(np.shape(a)[-1], dtype=dtype_of(a)), np.shape(a)).copy()
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
    x = as_inexact(x)
    P.stacked_2d(x)
    if p is None or (not isinstance(p, str) and p in (2, -2)):
        s = svdvals(x)
        first, last = getitem(s, (Ellipsis, 0)), getitem(s, (Ellipsis, -1))
        return last / first if p == -2 else first / last
    P.stacked_square(x)
    try:
        return norm(x, p, axis=(-2, -1)) * norm(inv(x), p, axis=(-2, -1))
    except LinAlgError:  # a singular matrix in the stack: NumPy's inf there, a constant
        return np.linalg.cond(_concrete(x), p)


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
    return P.det(P.square_inexact(a))


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
    sign, logabsdet = P.slogdet_p.bind(P.square_inexact(a))
    return SlogdetResult(sign, logabsdet)


# ---------------------------------------------------------------------------
# NumPy's functions and ours, for plain-NumPy dispatch (__array_function__)
# ---------------------------------------------------------------------------

NUMPY_EQUIVALENTS = {getattr(np.linalg, name): globals()[name] for name in __all__
                     if name != "LinAlgError"}
