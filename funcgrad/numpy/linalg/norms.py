"""funcgrad.numpy.linalg's norms and rank: norm, vector_norm, matrix_norm, matrix_rank.

Every ``ord`` NumPy takes, written with differentiable reductions (the matrix
2-norms and the nuclear norm through the singular values). Imported by
:mod:`funcgrad.numpy.linalg`.
"""

from __future__ import annotations

import operator

import numpy as np

from ...primitives import linalg as P
from ...primitives.comparisons import not_equal
from ...primitives.elementwise import abs_squared, absolute, astype, power, sqrt
from ...primitives.indexing import as_inexact
from ...primitives.reductions import amax, amin, sum
from ...primitives.shape import moveaxis, ndim_of, reshape, transpose
from ...primitives.util import dtype_of
from .decompositions import svdvals

# ---------------------------------------------------------------------------
# Norms and condition number
# ---------------------------------------------------------------------------

def _sum_abs_squares(x, axis, keepdims):
    return sum(abs_squared(x), axis=axis, keepdims=keepdims)


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
        count = astype(not_equal(x, 0), np.finfo(dtype_of(x)).dtype)
        return sum(count, axis=axis, keepdims=keepdims)
    if ord == 1:
        return sum(absolute(x), axis=axis, keepdims=keepdims)
    ord = float(ord)
    exponent = int(ord) if ord.is_integer() else ord
    return power(sum(power(absolute(x), exponent), axis=axis, keepdims=keepdims), 1.0 / ord)


def _svd_norm(x, row_axis, col_axis, reduce):
    s = svdvals(moveaxis(x, (row_axis, col_axis), (-2, -1)))
    return reduce(s, axis=-1)


def _matrix_norm(x, ord, axis, keepdims):
    nd = ndim_of(x)
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
    x = as_inexact(x)
    nd = ndim_of(x)
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
    x = as_inexact(x)
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
    x = as_inexact(x)
    P.stacked_2d(x)
    return norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """The rank from the SVD, as :func:`numpy.linalg.matrix_rank`; a constant.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.matrix_rank(fnp.asarray([[1.0, 2.0], [2.0, 4.0]]))
    np.int64(1)
    """
    return P.matrix_rank_p.bind(A, tol=tol, hermitian=bool(hermitian), rtol=rtol)
