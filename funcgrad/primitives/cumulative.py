"""Running sums: the ``cumsum`` primitive, and the scan of multiplications that
``prod``'s derivative and :func:`funcgrad.numpy.cumprod` share.

``cumprod``, ``cumulative_sum`` and ``cumulative_prod`` are composites, in
:mod:`funcgrad.numpy.cumulative`.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, deflinear, deftorch
from .batching import defbatch_axis
from .elementwise import astype
from .indexing import concatenate, getitem
from .shape import reshape
from .util import canonical_axis, dtype_of, reject_out, shape_of


def along(axis: int, ndim: int, s: slice) -> tuple:
    return (slice(None),) * axis + (s,) + (slice(None),) * (ndim - axis - 1)


def _flip(x, axis: int):
    return getitem(x, along(axis, len(shape_of(x)), slice(None, None, -1)))


def cumulative_operand(a, axis, dtype):
    """``a`` (flattened when ``axis`` is None, cast to ``dtype``, booleans as int64) and
    the axis of a running sum or product over it, as NumPy prepares them."""
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    axis = canonical_axis(axis, len(shape_of(a)))
    if dtype is not None:
        a = astype(a, dtype)
    elif dtype_of(a) == np.bool_:
        a = astype(a, np.int64)
    return a, axis


# ---------------------------------------------------------------------------
# cumsum: linear; its transpose is the running sum from the other end
# ---------------------------------------------------------------------------

def _cumsum(x, *, axis):
    return np.cumsum(x, axis=axis)


cumsum_p = Primitive("cumsum", _cumsum)
deftorch(cumsum_p, "CumsumBackward0")
defbatch_axis(cumsum_p, none_means_all=False)
deflinear(cumsum_p, lambda g, ans, x, *, axis: _flip(cumsum_p.bind(_flip(g, axis), axis=axis),
                                                     axis))


def cumsum(a, axis=None, dtype=None, out=None):
    """Running sum along ``axis`` (flattened when None), as :func:`numpy.cumsum`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.cumsum(x)))(fnp.asarray([1.0, 2.0, 3.0]))
    array([3., 2., 1.])
    """
    reject_out("cumsum", out)
    a, axis = cumulative_operand(a, axis, dtype)
    return cumsum_p.bind(a, axis=axis)


# ---------------------------------------------------------------------------
# cumprod: a scan of multiplications, so every derivative is exact at zeros
# ---------------------------------------------------------------------------

def scan_mul_last(x):
    """Running products along the last axis by doubling strides: ``log2(n)`` multiplies."""
    n = shape_of(x)[-1]
    k = 1
    while k < n:
        lead = np.ones(shape_of(x)[:-1] + (k,), dtype_of(x))
        x = x * concatenate([lead, x[..., : n - k]], axis=-1)
        k *= 2
    return x
