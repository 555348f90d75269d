"""Reduction composites: mean, average, var, std and ptp, from the reduction primitives.

The primitives (``sum``, ``prod``, ``max``, ``min``, ...) are in
:mod:`funcgrad.primitives.reductions`.
"""

from __future__ import annotations

import builtins

import numpy as np

from ..primitives.elementwise import abs_squared, astype, maximum, multiply, sqrt, true_divide
from ..primitives.indexing import asarray
from ..primitives.reductions import amax, amin, element_count, mask_of, sum
from ..primitives.shape import broadcast_to, normalize_axis, reshape, transpose
from ..primitives.util import concrete_or_none, dtype_of, is_inexact, reject_out, shape_of

# ---------------------------------------------------------------------------
# mean, average, var, std
# ---------------------------------------------------------------------------

def _float_dtype(dtype) -> np.dtype:
    dtype = np.dtype(dtype)
    return dtype if is_inexact(dtype) else np.dtype(np.float64)


def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    """Arithmetic mean over the given axes, as :func:`numpy.mean`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.mean)(fnp.asarray([1.0, 2.0, 3.0, 4.0]))
    array([0.25, 0.25, 0.25, 0.25])
    """
    reject_out("mean", out)
    if isinstance(a, (list, tuple)):
        a = asarray(a)  # a list of traced values is stacked, as autograd and JAX do
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    if dtype is None and dtype_of(a) == np.float16:
        # NumPy (and JAX) accumulate float16 in float32 and round once at the end.
        return astype(mean(astype(a, np.float32), axes, None, None, keepdims, where=where),
                      np.float16)
    target = _float_dtype(dtype if dtype is not None else dtype_of(a))
    if dtype_of(a) != target:
        a = astype(a, target)
    mask = mask_of(a, where)
    if mask is None:
        total = sum(a, axis=axes, keepdims=keepdims)
        return true_divide(total, element_count(shape, axes))
    total = sum(a, axis=axes, keepdims=keepdims, where=mask)
    count = sum(astype(mask, target), axis=axes, keepdims=keepdims)
    return true_divide(total, count)


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
        mean=None, correction=None):  # noqa: A002 - NumPy's names
    """Variance over the given axes, as :func:`numpy.var`, with ``ddof`` (or ``correction``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.var)(fnp.asarray([1.0, 2.0, 3.0]))   # 2 (x - mean) / n
    array([-0.66666667,  0.        ,  0.66666667])
    """
    reject_out("var", out)
    if correction is not None:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    if isinstance(a, (list, tuple)):
        a = asarray(a)
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    target = _float_dtype(dtype if dtype is not None else dtype_of(a))
    if dtype_of(a) != target:
        a = astype(a, target)
    mask = mask_of(a, where)
    center = mean if mean is not None else _mean_fn(a, axes, True, mask)
    dev = abs_squared(a - center)
    if mask is None:
        n = element_count(shape, axes)
        total = sum(dev, axis=axes, keepdims=keepdims)
        return true_divide(total, builtins.max(n - ddof, 0))
    n = sum(astype(mask, dtype_of(dev)), axis=axes, keepdims=keepdims)
    total = sum(dev, axis=axes, keepdims=keepdims, where=mask)
    return true_divide(total, maximum(n - ddof, 0))


def _mean_fn(a, axes, keepdims, mask):
    # var's parameter ``mean`` hides the function of that name.
    return mean(a, axis=axes, keepdims=keepdims, where=True if mask is None else mask)


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
        mean=None, correction=None):  # noqa: A002 - NumPy's names
    """Standard deviation, ``sqrt(var)``, as :func:`numpy.std`.

    At a constant input the derivative is NaN (``sqrt``'s infinite slope at 0
    times 0), as in JAX; PyTorch takes 0 there.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.std)(fnp.asarray([1.0, 3.0]))
    array([-0.5,  0.5])
    """
    return sqrt(var(a, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
                    correction=correction))


def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    """Weighted average over the given axes, as :func:`numpy.average`; differentiable in both.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> w = fnp.asarray([1.0, 3.0])
    >>> fg.grad(lambda x: fnp.average(x, weights=w))(fnp.asarray([2.0, 4.0]))
    array([0.25, 0.75])
    """
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    if weights is None:
        avg = mean(a, axis=axes, keepdims=keepdims)
        scl = np.asarray(element_count(shape, axes), dtype_of(avg))
    else:
        wshape = shape_of(weights)
        if dtype_of(a).kind in "iub":
            rdtype = np.result_type(dtype_of(a), dtype_of(weights), "f8")
        else:
            rdtype = np.result_type(dtype_of(a), dtype_of(weights))
        if wshape != shape:
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if wshape != tuple(shape[ax] for ax in axes):
                raise ValueError(
                    "Shape of weights must be consistent with shape of a along specified axis."
                )
            order = np.argsort(np.argsort(axes))
            w = transpose(weights, tuple(order)) if len(axes) > 1 else weights
            full = [1] * len(shape)
            for ax in axes:
                full[ax] = shape[ax]
            weights = reshape(w, tuple(full))
        a = astype(a, rdtype) if dtype_of(a) != rdtype else a
        weights = astype(weights, rdtype) if dtype_of(weights) != rdtype else weights
        scl = sum(broadcast_to(weights, np.broadcast_shapes(shape, shape_of(weights))),
                  axis=axes, keepdims=keepdims)
        _check_weight_sum(scl)
        avg = sum(multiply(a, weights), axis=axes, keepdims=keepdims) / scl
    if returned:
        return avg, broadcast_to(scl, shape_of(avg))
    return avg


def _check_weight_sum(scl):
    concrete = concrete_or_none(scl)  # staged: NumPy's check needs values
    if concrete is not None and np.any(concrete == 0.0):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")


def ptp(a, axis=None, out=None, keepdims=False):
    """Range ``max - min`` over the given axes, as :func:`numpy.ptp`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.ptp)(fnp.asarray([1.0, 5.0, 2.0]))
    array([-1.,  1.,  0.])
    """
    reject_out("ptp", out)
    return amax(a, axis, keepdims=keepdims) - amin(a, axis, keepdims=keepdims)
