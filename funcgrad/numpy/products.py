"""Products built on matmul: dot, tensordot, outer, inner, vdot, kron, cross, vecdot,
matvec, vecmat (the primitive is in :mod:`funcgrad.primitives.products`)."""

from __future__ import annotations

import numpy as np

from ..primitives.elementwise import conj, multiply, subtract
from ..primitives.indexing import getitem, stack
from ..primitives.products import matmul
from ..primitives.reductions import sum as _sum
from ..primitives.shape import moveaxis, reshape, transpose
from ..primitives.util import canonical_axis, dtype_of, reject_out, shape_of
from .shape import broadcast_arrays


def _fmt(shape) -> str:
    """A shape as NumPy prints it in its messages: ``(2,3)``, ``(3,)``."""
    return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def dot(a, b, out=None):
    """Dot product, as :func:`numpy.dot`.

    Scalars multiply; vectors and matrices use :func:`matmul`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.dot(x, x))(fnp.asarray([1.0, 2.0]))
    array([2., 4.])
    """
    sa, sb = shape_of(a), shape_of(b)
    if not sa or not sb:
        # numpy.dot makes arrays of Python numbers: no weak scalars (float32 . 3.0 is float64).
        return multiply(*[np.asarray(v) if isinstance(v, (int, float, complex)) else v
                          for v in (a, b)])
    k = sb[0] if len(sb) == 1 else sb[-2]
    if sa[-1] != k:
        dim = 0 if len(sb) == 1 else len(sb) - 2
        raise ValueError(f"shapes {_fmt(sa)} and {_fmt(sb)} not aligned: {sa[-1]} "
                         f"(dim {len(sa) - 1}) != {k} (dim {dim})")
    if len(sb) <= 2:
        return matmul(a, b)
    return tensordot(a, b, axes=([-1], [-2]))


# ---------------------------------------------------------------------------
# Composites: tensordot, outer, inner, vdot, kron, cross
# ---------------------------------------------------------------------------

def tensordot(a, b, axes=2):
    """Sum products over the given axes, as :func:`numpy.tensordot` (one ``matmul``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.tensordot(fnp.ones((2, 3, 4)), fnp.ones((3, 4, 5))).shape
    (2, 5)
    """
    sa, sb = shape_of(a), shape_of(b)
    if np.ndim(axes) == 0:
        n = int(axes)
        if n < 0:
            raise ValueError("negative number of axes in tensordot")
        ax_a = list(range(len(sa) - n, len(sa)))
        ax_b = list(range(n))
    else:
        ax_a, ax_b = axes
        ax_a = [int(ax_a)] if np.ndim(ax_a) == 0 else [int(i) for i in ax_a]
        ax_b = [int(ax_b)] if np.ndim(ax_b) == 0 else [int(i) for i in ax_b]
    if len(ax_a) != len(ax_b) or len(ax_a) > min(len(sa), len(sb)) and (ax_a or ax_b):
        raise ValueError("shape-mismatch for sum")
    ax_a = [canonical_axis(i, len(sa)) for i in ax_a]
    ax_b = [canonical_axis(i, len(sb)) for i in ax_b]
    if any(sa[i] != sb[j] for i, j in zip(ax_a, ax_b)):
        raise ValueError("shape-mismatch for sum")
    free_a = [i for i in range(len(sa)) if i not in ax_a]
    free_b = [i for i in range(len(sb)) if i not in ax_b]
    k = int(np.prod([sa[i] for i in ax_a], dtype=np.int64))
    ma = int(np.prod([sa[i] for i in free_a], dtype=np.int64))
    nb = int(np.prod([sb[i] for i in free_b], dtype=np.int64))
    at = reshape(transpose(a, tuple(free_a + ax_a)), (ma, k))
    bt = reshape(transpose(b, tuple(ax_b + free_b)), (k, nb))
    out = matmul(at, bt)
    return reshape(out, tuple(sa[i] for i in free_a) + tuple(sb[i] for i in free_b))


def outer(a, b, out=None):
    """Outer product of the flattened inputs, as :func:`numpy.outer`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.outer(fnp.asarray([1.0, 2.0]), fnp.asarray([1.0, 0.0, -1.0]))
    array([[ 1.,  0., -1.],
           [ 2.,  0., -2.]])
    """
    reject_out("outer", out)
    return multiply(reshape(a, (-1, 1)), reshape(b, (1, -1)))


def inner(a, b, /):
    """Inner product over the last axes, as :func:`numpy.inner`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.inner(fnp.ones((2, 3)), fnp.ones((4, 3))).shape
    (2, 4)
    """
    sa, sb = shape_of(a), shape_of(b)
    if not sa or not sb:
        return multiply(a, b)
    if sa[-1] != sb[-1]:
        flipped = sb[::-1] if len(sb) == 2 else sb
        raise ValueError(f"shapes {_fmt(sa)} and {_fmt(flipped)} not aligned: "
                         f"{sa[-1]} (dim {len(sa) - 1}) != {sb[-1]} (dim 0)")
    return tensordot(a, b, axes=([-1], [-1]))


def vdot(a, b, /):
    """Dot product of the flattened inputs, conjugating the first, as :func:`numpy.vdot`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.vdot(x, x))(fnp.asarray([[1.0, 2.0]]))
    array([[2., 4.]])
    """
    if int(np.prod(shape_of(a))) != int(np.prod(shape_of(b))):
        raise ValueError("cannot reshape array of size "
                         f"{int(np.prod(shape_of(b)))} into shape ({int(np.prod(shape_of(a)))},)")
    fa = reshape(a, (-1,))
    if dtype_of(fa).kind == "c":
        fa = conj(fa)
    return _sum(multiply(fa, reshape(b, (-1,))))


def kron(a, b):
    """Kronecker product, as :func:`numpy.kron`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.kron(fnp.eye(2), fnp.asarray([[1.0, 2.0]]))
    array([[1., 2., 0., 0.],
           [0., 0., 1., 2.]])
    """
    sa, sb = shape_of(a), shape_of(b)
    nd = max(len(sa), len(sb))
    sa = (1,) * (nd - len(sa)) + sa
    sb = (1,) * (nd - len(sb)) + sb
    ar = reshape(a, tuple(x for s in sa for x in (s, 1)))
    br = reshape(b, tuple(x for s in sb for x in (1, s)))
    return reshape(multiply(ar, br), tuple(p * q for p, q in zip(sa, sb)))


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Cross product of 3-vectors (or 2-vectors) along the given axes, as :func:`numpy.cross`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.cross(fnp.asarray([1.0, 0.0, 0.0]), fnp.asarray([0.0, 1.0, 0.0]))
    array([0., 0., 1.])
    """
    if axis is not None:
        axisa = axisb = axisc = axis
    a = moveaxis(a, canonical_axis(axisa, len(shape_of(a))), -1)
    b = moveaxis(b, canonical_axis(axisb, len(shape_of(b))), -1)
    na, nb = shape_of(a)[-1], shape_of(b)[-1]
    if na not in (2, 3) or nb not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n(dimension must be 2 or 3)")
    a0, a1 = a[..., 0], a[..., 1]
    b0, b1 = b[..., 0], b[..., 1]
    z = subtract(multiply(a0, b1), multiply(a1, b0))
    if na == 2 and nb == 2:
        return z
    if na == 3 and nb == 3:
        a2, b2 = a[..., 2], b[..., 2]
        x = subtract(multiply(a1, b2), multiply(a2, b1))
        y = subtract(multiply(a2, b0), multiply(a0, b2))
    elif na == 2:
        b2 = b[..., 2]
        x = multiply(a1, b2)
        y = -multiply(a0, b2)
    else:
        a2 = a[..., 2]
        x = -multiply(a2, b1)
        y = multiply(a2, b0)
    x, y, z = broadcast_arrays(x, y, z)
    out = stack([x, y, z], axis=-1)
    return moveaxis(out, -1, canonical_axis(axisc, len(shape_of(out))))


# ---------------------------------------------------------------------------
# NumPy 2's vector products: vecdot, matvec, vecmat
# ---------------------------------------------------------------------------

def vecdot(x1, x2, /, *, axis=-1):
    """Dot product of vectors along ``axis`` (``x1`` conjugated), as :func:`numpy.vecdot`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.vecdot(fnp.ones((2, 3)), fnp.asarray([1.0, 2.0, 3.0]))
    array([6., 6.])
    """
    if dtype_of(x1).kind == "c":
        x1 = conj(x1)
    n1, n2 = shape_of(x1), shape_of(x2)
    if not n1 or not n2 or n1[axis] != n2[axis]:
        raise ValueError("vecdot: Input operand 1 has a mismatch in its core dimension 0")
    return _sum(multiply(x1, x2), axis=axis)


def matvec(x1, x2, /):
    """Matrix-vector products over stacks, as :func:`numpy.matvec`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.matvec(fnp.eye(2) * 2, fnp.asarray([1.0, 3.0]))
    array([2., 6.])
    """
    if len(shape_of(x1)) < 2 or len(shape_of(x2)) < 1:
        raise ValueError("matvec: Input operand does not have enough dimensions")
    return getitem(matmul(x1, getitem(x2, (Ellipsis, None))), (Ellipsis, 0))


def vecmat(x1, x2, /):
    """Vector-matrix products over stacks (``x1`` conjugated), as :func:`numpy.vecmat`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.vecmat(fnp.asarray([1.0, 3.0]), fnp.eye(2) * 2)
    array([2., 6.])
    """
    if len(shape_of(x1)) < 1 or len(shape_of(x2)) < 2:
        raise ValueError("vecmat: Input operand does not have enough dimensions")
    if dtype_of(x1).kind == "c":
        x1 = conj(x1)
    row = getitem(x1, (Ellipsis, None, slice(None)))
    return getitem(matmul(row, x2), (Ellipsis, 0, slice(None)))
