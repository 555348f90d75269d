"""Matrix products: the matmul primitive (every other product is a composite of it,
in :mod:`funcgrad.numpy.products`)."""

from __future__ import annotations

import numpy as np
from numpy import ndarray

from ..core.config import config
from ..core.primitive import Primitive, defbatch, defjvp, defsource, deftorch, defvjp
from .elementwise import multiply
from .indexing import getitem
from .shape import bdim_to_front, ndim_of, pad_rank_after_batch, reshape, swapaxes
from .util import shape_of

matmul_p = Primitive("matmul", np.matmul)
deftorch(matmul_p, "UnsafeViewBackward0", saves="cross")
defjvp(matmul_p, lambda t, ans, x, y: matmul(t, y), lambda t, ans, x, y: matmul(x, t))


def _matmul_vjp_x(g, ans, x, y):
    # g has the shape of x @ y; 1-d operands are matrices with a dimension dropped.
    if type(g) is ndarray and type(y) is ndarray and y.ndim == 2 and g.ndim >= 2:
        # Plain arrays (no trace sees them): NumPy directly, what binding would run.
        if g.ndim == 2 and _transposed(x):
            return _plain_matmul(y, g.T).T  # in x's layout, as below
        return _plain_matmul(g, y.T)
    if len(shape_of(y)) == 1:
        return multiply(_expand_last(g), y)
    if len(shape_of(x)) == 1:
        return getitem(matmul(y, _expand_last(g)), (Ellipsis, 0))
    return matmul(g, swapaxes(y, -1, -2))


def _matmul_vjp_y(g, ans, x, y):
    if type(g) is ndarray and type(x) is ndarray and x.ndim == 2 and g.ndim == 2:
        if _transposed(y):
            # y is a transposed view (``x @ W.T``): give its cotangent the same layout, so
            # that W's gradient comes out C-contiguous, as W is, and updates of W with it
            # stream through memory. PyTorch's mm backward makes the same choice.
            return _plain_matmul(g.T, x).T
        return _plain_matmul(x.T, g)
    if len(shape_of(x)) == 1:
        if len(shape_of(y)) == 1:
            return multiply(g, x)
        return multiply(_expand_last(x), getitem(g, (Ellipsis, None, slice(None))))
    if len(shape_of(y)) == 1:
        if len(shape_of(x)) == 2:
            return matmul(g, x)  # a vector-matrix product
        # Per stacked matrix, as a one-row product; the walk sums the stack.
        row = getitem(g, (Ellipsis, None, slice(None)))
        return getitem(matmul(row, x), (Ellipsis, 0, slice(None)))
    return matmul(swapaxes(x, -1, -2), g)


def _transposed(a) -> bool:
    """Whether the 2-D array ``a`` is laid out column-major (a transposed view)."""
    if type(a) is not ndarray:
        return False  # a traced value has no layout yet
    flags = a.flags
    return flags.f_contiguous and not flags.c_contiguous


def _plain_matmul(a, b):
    """``a @ b`` of two NumPy arrays, unless NaNs are watched (then bound, to be checked)."""
    return matmul_p.bind(a, b) if config.nans_watched else np.matmul(a, b)


def _expand_last(a):
    return getitem(a, (Ellipsis, None))


defvjp(matmul_p, _matmul_vjp_x, _matmul_vjp_y)
defsource(matmul_p, "{0} @ {1}", fresh=True)


def _matmul_batch(args, dims):
    """Vectors become matrices, batch axes go first, stack ranks align; one matmul."""
    (x, y), (dx, dy) = args, dims
    x_vec = ndim_of(x) - (dx is not None) == 1
    y_vec = ndim_of(y) - (dy is not None) == 1
    x, y = bdim_to_front(x, dx), bdim_to_front(y, dy)
    # Where the batch folds into the rows of one matrix, one GEMM replaces a
    # stack of small products (NumPy runs a stacked matmul as a loop).
    if dx is not None and dy is None and ndim_of(y) == 2 and ndim_of(x) <= 3:
        shape = np.shape(x)  # (B, k) or (B, n, k) times a (k, m) matrix
        out = matmul_p.bind(reshape(x, (-1, shape[-1])), y)
        return reshape(out, shape[:-1] + np.shape(y)[-1:]), 0
    if dx is None and ndim_of(x) == 2 and dy is not None and y_vec:
        return matmul_p.bind(y, swapaxes(x, -1, -2)), 0  # (n, k) times a batch of k-vectors
    if x_vec:  # (k,) -> (1, k)
        shape = np.shape(x)
        x = reshape(x, shape[:-1] + (1,) + shape[-1:])
    if y_vec:  # (k,) -> (k, 1)
        y = reshape(y, np.shape(y) + (1,))
    rank = max(ndim_of(x) - (dx is not None), ndim_of(y) - (dy is not None))
    if dx is not None:
        x = pad_rank_after_batch(x, rank)
    if dy is not None:
        y = pad_rank_after_batch(y, rank)
    out = matmul_p.bind(x, y)
    if x_vec or y_vec:
        shape = np.shape(out)
        keep = shape[:-2] + (() if x_vec else shape[-2:-1]) + (() if y_vec else shape[-1:])
        out = reshape(out, keep)
    return out, 0


defbatch(matmul_p, _matmul_batch)


def matmul(x1, x2, /):
    """Matrix product with NumPy's broadcasting of stacks, as :func:`numpy.matmul`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> A = fnp.asarray([[1.0, 2.0], [3.0, 4.0]])
    >>> fg.grad(lambda x: fnp.sum(fnp.matmul(A, x)))(fnp.asarray([1.0, 1.0]))
    array([4., 6.])
    """
    return matmul_p.bind(x1, x2)
