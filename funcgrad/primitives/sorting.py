"""Sorting and index searches (the order statistics built on them, median, quantile and
percentile, are in :mod:`funcgrad.numpy.sorting`).

``sort`` is a gather by the stable ``argsort``: the derivative of each output
follows the element that landed there, so among ties the earlier element in
the input takes the earlier slot (as JAX, whose sort JVP uses a stable
permutation). ``argsort``, ``argmax``, ``argmin`` and the searches return
indices and have no derivative.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defbatch, nondifferentiable
from ..core.trace import Tracer, full_lower
from .batching import defbatch_axis
from .indexing import getitem, take_along_axis
from .shape import bdim_to_front, reshape
from .util import canonical_axis, reject_out, shape_of


def _argsort(x, *, axis, kind):
    return np.argsort(x, axis=axis, kind=kind)


def _argmax(x, *, axis, keepdims):
    return np.argmax(x, axis=axis, keepdims=keepdims)


def _argmin(x, *, axis, keepdims):
    return np.argmin(x, axis=axis, keepdims=keepdims)


def _searchsorted(a, v, *, side):
    return np.searchsorted(a, v, side=side)


argsort_p = nondifferentiable(Primitive("argsort", _argsort))
argmax_p = nondifferentiable(Primitive("argmax", _argmax))
argmin_p = nondifferentiable(Primitive("argmin", _argmin))
searchsorted_p = nondifferentiable(Primitive("searchsorted", _searchsorted))
defbatch_axis(argsort_p, none_means_all=False)  # searchsorted: vmap's loop


def _arg_extreme_batch(prim):
    """argmax/argmin: the batch axis goes first; axis=None (a flat index) flattens each
    example rather than the whole batch."""

    def rule(args, dims, *, axis, keepdims):
        x = bdim_to_front(args[0], dims[0])
        shape = np.shape(x)
        if axis is not None:
            return prim.bind(x, axis=axis + 1, keepdims=keepdims), 0
        out = prim.bind(reshape(x, (shape[0], -1)), axis=1, keepdims=False)
        return (reshape(out, (shape[0],) + (1,) * (len(shape) - 1)) if keepdims else out), 0

    return rule


defbatch(argmax_p, _arg_extreme_batch(argmax_p))
defbatch(argmin_p, _arg_extreme_batch(argmin_p))


def _flat_axis(a, axis):
    if axis is None:
        return reshape(a, (-1,)), 0
    return a, canonical_axis(axis, len(shape_of(a)))


def argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    """Indices that sort ``a`` along ``axis``, as :func:`numpy.argsort`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.argsort(fnp.asarray([3.0, 1.0, 2.0]))
    array([1, 2, 0])
    """
    if order is not None:
        raise NotImplementedError("argsort(order=...) applies to structured arrays only")
    a, axis = _flat_axis(a, axis)
    if stable:
        kind = "stable"
    return argsort_p.bind(a, axis=axis, kind=kind)


def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """Sorted copy of ``a`` along ``axis`` (flattened when None), as :func:`numpy.sort`.

    The derivative follows each element to its sorted slot; among equal
    elements the stable order decides (the earlier input takes the earlier slot).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sort(x)[0])(fnp.asarray([2.0, 1.0, 1.0]))
    array([0., 1., 0.])
    """
    if order is not None:
        raise NotImplementedError("sort(order=...) applies to structured arrays only")
    a, axis = _flat_axis(a, axis)
    if not isinstance(a, Tracer):
        return np.sort(a, axis=axis, kind=kind)
    perm = argsort_p.bind(a, axis=axis, kind="stable")
    return take_along_axis(a, perm, axis=axis)


def argmax(a, axis=None, out=None, *, keepdims=False):
    """Index of the maximum along ``axis``, as :func:`numpy.argmax`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.argmax(fnp.asarray([[1.0, 5.0], [7.0, 2.0]]), axis=1)
    array([1, 0])
    """
    reject_out("argmax", out)
    if axis is not None:
        axis = canonical_axis(axis, len(shape_of(a)))
    return argmax_p.bind(a, axis=axis, keepdims=bool(keepdims))


def argmin(a, axis=None, out=None, *, keepdims=False):
    """Index of the minimum along ``axis``, as :func:`numpy.argmin`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.argmin(fnp.asarray([[1.0, 5.0], [7.0, 2.0]]), axis=1)
    array([0, 1])
    """
    reject_out("argmin", out)
    if axis is not None:
        axis = canonical_axis(axis, len(shape_of(a)))
    return argmin_p.bind(a, axis=axis, keepdims=bool(keepdims))


def searchsorted(a, v, side="left", sorter=None):
    """Insertion indices keeping ``a`` sorted, as :func:`numpy.searchsorted`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.searchsorted(fnp.asarray([1.0, 2.0, 3.0]), 2.5)
    np.int64(2)
    """
    if sorter is not None:
        a = getitem(a, (np.asarray(full_lower(sorter)),))
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right' (got {side!r})")
    return searchsorted_p.bind(a, v, side=side)
