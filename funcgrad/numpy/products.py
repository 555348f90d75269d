"""Matrix products: matmul and dot."""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defjvp, defvjp
from .elementwise import multiply
from .indexing import getitem
from .shape import swapaxes

matmul_p = Primitive("matmul", np.matmul)
defjvp(matmul_p, lambda t, ans, x, y: matmul(t, y), lambda t, ans, x, y: matmul(x, t))


def _matmul_vjp_x(g, ans, x, y):
    # g has the shape of x @ y; 1-d operands are matrices with a dimension dropped.
    if np.ndim(y) == 1:
        return multiply(_expand_last(g), y)
    if np.ndim(x) == 1:
        return getitem(matmul(y, _expand_last(g)), (Ellipsis, 0))
    return matmul(g, swapaxes(y, -1, -2))


def _matmul_vjp_y(g, ans, x, y):
    if np.ndim(x) == 1:
        if np.ndim(y) == 1:
            return multiply(g, x)
        return multiply(_expand_last(x), getitem(g, (Ellipsis, None, slice(None))))
    if np.ndim(y) == 1:
        return multiply(_expand_last(g), x)  # the walk sums the stack and rows away
    return matmul(swapaxes(x, -1, -2), g)


def _expand_last(a):
    return getitem(a, (Ellipsis, None))


defvjp(matmul_p, _matmul_vjp_x, _matmul_vjp_y)


def matmul(x1, x2, /):
    """Matrix product with NumPy's broadcasting of stacks, as :func:`numpy.matmul`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> A = fnp.asarray([[1.0, 2.0], [3.0, 4.0]])
    >>> fg.grad(lambda x: fnp.sum(fnp.matmul(A, x)))(fnp.asarray([1.0, 1.0]))
    array([4., 6.])
    """
    if np.ndim(x1) == 0 or np.ndim(x2) == 0:
        raise ValueError(
            "matmul: Input operand does not have enough dimensions (a 0-d operand); "
            "use multiply for scalars"
        )
    return matmul_p.bind(x1, x2)


def dot(a, b):
    """Dot product, as :func:`numpy.dot`.

    Scalars multiply; vectors and matrices use :func:`matmul`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.dot(x, x))(fnp.asarray([1.0, 2.0]))
    array([2., 4.])
    """
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return multiply(a, b)
    if np.ndim(b) <= 2:
        return matmul(a, b)
    from . import tensordot  # N-d dot contracts a's last axis with b's second-to-last

    return tensordot(a, b, axes=([-1], [-2]))
