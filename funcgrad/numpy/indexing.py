"""Indexing composites: ``take`` and ``compress``.

The primitives (``getitem``, ``scatter_add``, ``take_along_axis``) are in
:mod:`funcgrad.primitives.indexing`; functional updates ``x.at[idx]`` are in
:mod:`funcgrad.numpy._array`, with the arrays that carry them.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives.indexing import getitem
from ..primitives.shape import reshape
from ..primitives.util import (
    canonical_axis,
    reject_out,
    shape_of,
)


def take(a, indices, axis=None, out=None, mode="raise"):
    """Elements of ``a`` at ``indices`` along ``axis``, as :func:`numpy.take`.

    ``mode`` is ``'raise'`` (NumPy's default), ``'wrap'`` or ``'clip'``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.take(x, [0, 0, 2])))(fnp.asarray([1.0, 2.0, 3.0]))
    array([2., 0., 1.])
    """
    reject_out("take", out)
    if axis is None:
        a = reshape(a, (-1,))
        axis = 0
    shape = shape_of(a)
    axis = canonical_axis(axis, len(shape))
    idx = np.asarray(_concrete_index(indices))
    if idx.dtype.kind not in "iu":
        raise TypeError(f"Cannot cast array data from dtype('{idx.dtype}') to dtype('int64') "
                        "according to the rule 'safe'")
    n = shape[axis]
    if mode == "wrap":
        idx = idx % n
    elif mode == "clip":
        idx = np.clip(idx, 0, n - 1)
    elif mode not in ("raise", None):
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    return getitem(a, (slice(None),) * axis + (idx,))


def _concrete_index(indices):
    if isinstance(indices, Tracer):
        return full_lower(indices)
    return indices


def compress(condition, a, axis=None, out=None):
    """The slices of ``a`` along ``axis`` where ``condition`` is true, as :func:`numpy.compress`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.compress([True, False, True], fnp.asarray([1.0, 2.0, 3.0]))
    array([1., 3.])
    """
    reject_out("compress", out)
    cond = np.asarray(_concrete_index(condition), dtype=bool).ravel()
    return take(a, np.nonzero(cond)[0], axis=axis)
