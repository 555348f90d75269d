"""funcgrad.numpy.linalg's products and matrix views: multi_dot, tensordot, outer, vecdot,
cross, trace, diagonal, matrix_transpose.

The array-API forms of functions :mod:`funcgrad.numpy` already has: each checks
its arguments as :mod:`numpy.linalg` does and shares the computation with its
namesake. Imported by :mod:`funcgrad.numpy.linalg`.
"""

from __future__ import annotations

import numpy as np
from numpy.linalg import LinAlgError

from ...primitives import linalg as P
from ...primitives.indexing import asarray, getitem
from ...primitives.products import matmul
from ...primitives.reductions import sum
from ...primitives.shape import expand_dims, ndim_of
from .. import products
from ..products import dot

# ---------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------

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
    first_1d, last_1d = ndim_of(arrays[0]) == 1, ndim_of(arrays[-1]) == 1
    if first_1d:
        arrays[0] = expand_dims(arrays[0], 0)
    if last_1d:
        arrays[-1] = expand_dims(arrays[-1], -1)
    for a in arrays:
        if ndim_of(a) != 2:
            raise LinAlgError(
                f"{ndim_of(a)}-dimensional array given. Array must be two-dimensional"
            )
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
    return products.tensordot(x1, x2, axes=axes)


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
    if ndim_of(x1) != 1 or ndim_of(x2) != 1:
        raise ValueError(
            f"Input arrays must be one-dimensional, but they are x1.ndim={ndim_of(x1)} and "
            f"x2.ndim={ndim_of(x2)}."
        )
    return products.outer(x1, x2)


def vecdot(x1, x2, /, *, axis=-1):
    """Vector dot product ``sum(conj(x1) * x2)`` along ``axis``, as :func:`numpy.linalg.vecdot`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.linalg.vecdot(fnp.asarray([1j, 2.0]), fnp.asarray([1j, 1.0]))
    np.complex128(3+0j)
    """
    return products.vecdot(x1, x2, axis=axis)


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
    return products.cross(x1, x2, axis=axis)


# ---------------------------------------------------------------------------
# Views of the last two axes
# ---------------------------------------------------------------------------

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
    P.stacked_2d(x)
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
    P.stacked_2d(x)
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
    P.stacked_2d(x)
    return P.mT(x)
