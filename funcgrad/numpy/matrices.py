"""Diagonals and triangles: diag, diagflat, diagonal, trace, tril, triu.

Gathers and masks over the primitives ``getitem``/``scatter_add`` and ``where``,
so each derivative is the matching scatter, gather or mask.
"""

from __future__ import annotations

import numpy as np

from ..primitives.elementwise import astype, where
from ..primitives.indexing import diagonal_indices, getitem, scatter_add
from ..primitives.reductions import sum as _sum
from ..primitives.shape import moveaxis, ravel
from ..primitives.util import dtype_of, placeholder, reject_out, shape_of


def diagonal(a, offset=0, axis1=0, axis2=1):
    """The diagonal of the planes ``(axis1, axis2)``, as the last axis, as :func:`numpy.diagonal`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.diagonal(x)))(fnp.ones((2, 3)))
    array([[1., 0., 0.],
           [0., 1., 0.]])
    """
    if len(shape_of(a)) < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    np.diagonal(placeholder(a), offset, axis1, axis2)  # NumPy's errors for bad axes
    x = moveaxis(a, (axis1, axis2), (-2, -1))
    n1, n2 = shape_of(x)[-2:]
    rows, cols = diagonal_indices(n1, n2, int(offset))
    return getitem(x, (Ellipsis, rows, cols))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Sum along the diagonals, as :func:`numpy.trace`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.trace)(fnp.ones((2, 2)))
    array([[1., 0.],
           [0., 1.]])
    """
    reject_out("trace", out)
    return _sum(diagonal(a, offset, axis1, axis2), axis=-1, dtype=dtype)


def diag(v, k=0):
    """The ``k``-th diagonal of a 2-d ``v``, or a 2-d array with a 1-d ``v`` on it.

    As :func:`numpy.diag`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.diag(fnp.asarray([1.0, 2.0]), 1)
    array([[0., 1., 0.],
           [0., 0., 2.],
           [0., 0., 0.]])
    >>> fg.grad(lambda v: fnp.sum(fnp.diag(v) ** 2))(fnp.asarray([1.0, 2.0]))
    array([2., 4.])
    """
    shape = shape_of(v)
    if len(shape) == 1:
        n = shape[0] + abs(int(k))
        rows, cols = diagonal_indices(n, n, int(k))
        return scatter_add(np.zeros((n, n), dtype_of(v)), (rows, cols), v)
    if len(shape) == 2:
        return diagonal(v, k)
    raise ValueError("Input must be 1- or 2-d.")


def diagflat(v, k=0):
    """A 2-d array with the flattened ``v`` on its ``k``-th diagonal, as :func:`numpy.diagflat`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.diagflat(fnp.asarray([[1.0], [2.0]])).shape
    (2, 2)
    """
    return diag(ravel(v), k)


def _triangle(m, mask):
    dtype = dtype_of(m)
    out = where(mask, m, np.zeros(1, dtype))
    return astype(out, dtype) if dtype_of(out) != dtype else out


def tril(m, k=0):
    """The lower triangle (entries above the ``k``-th diagonal zeroed), as :func:`numpy.tril`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.tril(fnp.ones((2, 2)))
    array([[1., 0.],
           [1., 1.]])
    """
    shape = shape_of(m)
    return _triangle(m, np.tri(*shape[-2:], k=int(k), dtype=bool))


def triu(m, k=0):
    """The upper triangle (entries below the ``k``-th diagonal zeroed), as :func:`numpy.triu`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.triu(fnp.ones((2, 2)))
    array([[1., 1.],
           [0., 1.]])
    """
    shape = shape_of(m)
    return _triangle(m, ~np.tri(*shape[-2:], k=int(k) - 1, dtype=bool))
