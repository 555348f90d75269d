"""Matrix products: the matmul primitive (every other product is a composite of it,
in :mod:`funcgrad.numpy.products`)."""

from __future__ import annotations

import numpy as np
from numpy import ndarray

from ..core.config import config
from ..core.primitive import Primitive, defbatch, defjvp, defsource, deftorch, defvjp
from .elementwise import add, multiply
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


# ---------------------------------------------------------------------------
# addmm: b + x @ w as one equation (PyTorch's addmm, what a linear layer runs)
# ---------------------------------------------------------------------------

def _addmm(b, x, w):
    out = np.matmul(x, w)
    if type(out) is ndarray and np.result_type(out, b) == out.dtype:
        try:
            # Into the product's own fresh buffer, as BLAS's beta = 1: no second array.
            return np.add(out, b, out=out)
        except ValueError:  # b broadcasts to a larger shape than the product's
            pass
    return np.add(out, b)


addmm_p = Primitive("addmm", _addmm)
deftorch(addmm_p, "AddmmBackward0", saves="cross")
# d(b + x w) = db + dx w + x dw, with matmul's rules for x and w. b's tangent and
# cotangent are t and g as they are: the transforms' one place for broadcasting fits
# them (fit_tangent, fit_cotangent), as for add.
defjvp(
    addmm_p,
    lambda t, ans, b, x, w: t,
    lambda t, ans, b, x, w: matmul(t, w),
    lambda t, ans, b, x, w: matmul(x, t),
)
defvjp(
    addmm_p,
    lambda g, ans, b, x, w: g,
    lambda g, ans, b, x, w: _matmul_vjp_x(g, ans, x, w),
    lambda g, ans, b, x, w: _matmul_vjp_y(g, ans, x, w),
)
defsource(addmm_p, "{1} @ {2} + {0}", fresh=True)


def _addmm_batch(args, dims):
    """The batched product by matmul's rule, then the bias, its batch axis first and
    padded to the product's rank so that it broadcasts as before."""
    (b, x, w), (db, dx, dw) = args, dims
    if dx is None and dw is None:  # only the bias is batched: the product broadcasts
        product = matmul_p.bind(x, w)
        rank = ndim_of(product)
    else:
        product, _ = _matmul_batch((x, w), (dx, dw))
        rank = ndim_of(product) - 1
    if db is not None:
        b = pad_rank_after_batch(bdim_to_front(b, db), rank)
    return add(product, b), 0


defbatch(addmm_p, _addmm_batch)


def addmm(b, x, w):
    """``b + x @ w`` as one equation (one node, one result buffer), as ``torch.addmm``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.primitives.products import addmm
    >>> x, w = fnp.asarray([[1.0, 2.0]]), fnp.asarray([[3.0], [4.0]])
    >>> addmm(fnp.asarray([0.5]), x, w)
    array([[11.5]])
    >>> fg.grad(lambda w: fnp.sum(addmm(1.0, x, w)))(w)
    array([[1.],
           [2.]])
    """
    return addmm_p.bind(b, x, w)
