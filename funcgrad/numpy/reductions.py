"""Reductions: sum, prod, mean, average, var, std, max, min, ptp and their NaN-ignoring twins.

Every function takes NumPy's ``axis`` (None, an int, a tuple, negative
values) and ``keepdims``, and raises NumPy's own
:class:`numpy.exceptions.AxisError` for an axis out of range.
"""

from __future__ import annotations

import builtins

import numpy as np

from ..core.primitive import (
    Primitive,
    defbatch_axis,
    defjvp,
    deflinear,
    defvjp,
    nondifferentiable,
)
from ._util import concrete_or_none, dtype_of, is_inexact, reject_out, shape_of
from .comparisons import equal
from .creation import asarray
from .cumulative import scan_mul_last
from .elementwise import abs_squared, astype, maximum, minimum, multiply, sqrt, true_divide
from .elementwise import where as _select
from .shape import broadcast_to, concatenate, expand_dims, reshape, transpose


def normalize_axis(axis, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, int or tuple, possibly negative) as a sorted tuple of axes.

    Raises NumPy's own :class:`numpy.exceptions.AxisError` for an axis out of range.
    """
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    out = []
    for a in axes:
        if isinstance(a, (float, np.floating)) or isinstance(a, bool):
            raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer")
        a = int(a)
        if not -ndim <= a < ndim:
            raise np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else 0)
    if len(set(out)) != len(out):
        raise ValueError("duplicate value in 'axis'")
    return tuple(sorted(out))


def keep_reduced_dims(g, axes, keepdims):
    """``g`` with the reduced axes put back as size-1 dimensions (so it broadcasts
    against the reduction's input)."""
    return g if keepdims else expand_dims(g, axes)


def defreduction(prim: Primitive, *partials) -> None:
    """Rules for a reduction over ``axis`` from ``partial(ans, *primals, axis, keepdims)``,
    the derivative of each output with respect to each element of its slice (an array of
    the input's shape): JVP ``sum(t * partial)`` over ``axis``, VJP ``g * partial``.

    The reduction's analogue of :func:`~funcgrad.core.primitive.defderivative`; a
    ``None`` partial means no derivative with respect to that argument.
    """

    def jvp_rule(partial):
        return lambda t, ans, *primals, axis, keepdims: sum(
            t * partial(ans, *primals, axis=axis, keepdims=keepdims), axis=axis,
            keepdims=keepdims)

    def vjp_rule(partial):
        return lambda g, ans, *primals, axis, keepdims: keep_reduced_dims(
            g, axis, keepdims) * partial(ans, *primals, axis=axis, keepdims=keepdims)

    defjvp(prim, *[None if p is None else jvp_rule(p) for p in partials])
    defvjp(prim, *[None if p is None else vjp_rule(p) for p in partials])


def _count(shape, axes) -> int:
    n = 1
    for ax in axes:
        n *= shape[ax]
    return n


def _mask(a, where_):
    """``where=`` as a boolean mask broadcast against ``a`` (None when everything counts)."""
    if where_ is True or where_ is None:
        return None
    return broadcast_to(where_, np.broadcast_shapes(shape_of(a), shape_of(where_)))


# ---------------------------------------------------------------------------
# sum
# ---------------------------------------------------------------------------

def _sum(x, *, axis, keepdims):
    # np.add.reduce is what np.sum calls, without ~2 us of argument handling per call.
    return np.add.reduce(x, axis=axis, keepdims=keepdims)


sum_p = Primitive("reduce_sum", _sum)
defbatch_axis(sum_p)
deflinear(
    sum_p,
    lambda g, ans, x, *, axis, keepdims: broadcast_to(keep_reduced_dims(g, axis, keepdims),
                                                      x.shape),
)


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):  # noqa: A001
    """Sum of array elements over the given axes, as :func:`numpy.sum`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(x ** 2))(fnp.asarray([1.0, 2.0]))
    array([2., 4.])
    """
    reject_out("sum", out)
    result = _reduce_arithmetic(sum_p, a, axis, dtype, keepdims, where, identity=0)
    return result if initial is None else result + initial


def _reduce_arithmetic(prim, a, axis, dtype, keepdims, where_, identity):
    """``sum``/``prod``: masked-out entries become the identity; booleans count as int64."""
    if isinstance(a, (list, tuple)):
        a = asarray(a)
    mask = _mask(a, where_)
    if mask is not None:
        a = _select(mask, a, identity)
    if dtype is not None:
        a = astype(a, dtype)
    elif dtype_of(a) == np.bool_:
        a = astype(a, np.int64)
    return prim.bind(a, axis=normalize_axis(axis, len(shape_of(a))), keepdims=bool(keepdims))


def sum_to_shape(x, shape: tuple[int, ...]):
    """Sum ``x`` over the axes along which it was broadcast from ``shape``.

    The inverse of broadcasting, used by the reverse walk to bring a
    cotangent back to its input's shape.

    Examples
    --------
    >>> import numpy as np
    >>> sum_to_shape(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    """
    x_shape = shape_of(x)
    if x_shape == shape:
        return x
    lead = len(x_shape) - len(shape)
    if lead < 0 or builtins.any(s != 1 and s != x_shape[lead + i] for i, s in enumerate(shape)):
        return broadcast_to(x, shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, s in enumerate(shape) if s == 1 and x_shape[lead + i] != 1
    )
    if axes:
        x = sum_p.bind(x, axis=axes, keepdims=False)
    return reshape(x, shape)


# ---------------------------------------------------------------------------
# prod: the derivative is the product of the *other* elements, computed
# without division so that one zero, or two, give the right answer.
# ---------------------------------------------------------------------------

def _prod(x, *, axis, keepdims):
    return np.prod(x, axis=axis, keepdims=keepdims)


prod_p = Primitive("reduce_prod", _prod)
defbatch_axis(prod_p)


def _exclusive_scan_mul(x, n: int):
    """Running products along the last axis (length ``n``), each without its own element."""
    lead = np.ones(shape_of(x)[:-1] + (1,), dtype_of(x))
    return scan_mul_last(concatenate([lead, x[..., : n - 1]], axis=-1))


def others_product(x, axes: tuple[int, ...]):
    """For every element, the product of the other elements of its slice along ``axes``.

    Built from multiplications only (a prefix and a suffix running product), so
    it is exact at zeros and differentiates again to any order.
    """
    shape = shape_of(x)
    ndim = len(shape)
    rest = [i for i in range(ndim) if i not in axes]
    perm = rest + list(axes)
    n = _count(shape, axes)
    if n <= 1:
        return np.ones(shape, dtype_of(x))
    flat = reshape(transpose(x, tuple(perm)), tuple(shape[i] for i in rest) + (n,))
    left = _exclusive_scan_mul(flat, n)
    right = _exclusive_scan_mul(flat[..., ::-1], n)[..., ::-1]
    others = reshape(left * right, tuple(shape[i] for i in perm))
    return transpose(others, tuple(np.argsort(perm)))


defreduction(prod_p, lambda ans, x, *, axis, keepdims: others_product(x, axis))


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    """Product of array elements over the given axes, as :func:`numpy.prod`.

    The derivative with respect to each element is the product of the others,
    computed without division: with one zero in a slice only that element has
    a non-zero derivative, with two or more zeros every derivative is 0 (JAX's
    answers).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.prod)(fnp.asarray([2.0, 0.0, 5.0]))
    array([ 0., 10.,  0.])
    """
    reject_out("prod", out)
    result = _reduce_arithmetic(prod_p, a, axis, dtype, keepdims, where, identity=1)
    return result if initial is None else result * initial


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
    mask = _mask(a, where)
    if mask is None:
        total = sum(a, axis=axes, keepdims=keepdims)
        return true_divide(total, _count(shape, axes))
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
    mask = _mask(a, where)
    center = mean if mean is not None else _mean_fn(a, axes, True, mask)
    dev = abs_squared(a - center)
    if mask is None:
        n = _count(shape, axes)
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
        scl = np.asarray(_count(shape, axes), dtype_of(avg))
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


# ---------------------------------------------------------------------------
# max and min
# ---------------------------------------------------------------------------

def _amax(x, *, axis, keepdims):
    return np.amax(x, axis=axis, keepdims=keepdims)


def _amin(x, *, axis, keepdims):
    return np.amin(x, axis=axis, keepdims=keepdims)


max_p = Primitive("reduce_max", _amax)
min_p = Primitive("reduce_min", _amin)


def _chooser_weights(ans, x, *, axis, keepdims):
    """Where ``x`` attains its max (or min), with ties sharing equally (as JAX does)."""
    hits = astype(equal(x, keep_reduced_dims(ans, axis, keepdims)), x.dtype)
    return hits / sum(hits, axis=axis, keepdims=True)


for _p in (max_p, min_p):
    defreduction(_p, _chooser_weights)
    defbatch_axis(_p)


def _reduce_extreme(prim, a, axis, keepdims, initial, where_, name, combine):
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    mask = _mask(a, where_)
    if mask is not None:
        if initial is None:
            raise ValueError(
                f"reduction operation '{name}' does not have an identity, so to use a "
                f"where mask one has to specify 'initial'"
            )
        a = _select(mask, a, initial)
    if builtins.any(shape[ax] == 0 for ax in axes):
        if initial is not None:
            out_shape = tuple(1 if i in axes else s for i, s in enumerate(shape) if
                              keepdims or i not in axes)
            return np.full(out_shape, initial, dtype_of(a))
        raise ValueError(f"zero-size array to reduction operation {name} which has no identity")
    out = prim.bind(a, axis=axes, keepdims=bool(keepdims))
    return out if initial is None else combine(out, initial)


def amax(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Maximum over the given axes, as :func:`numpy.amax`. Ties share the derivative equally.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.amax)(fnp.asarray([1.0, 3.0, 3.0]))
    array([0. , 0.5, 0.5])
    """
    reject_out("amax", out)
    return _reduce_extreme(max_p, a, axis, keepdims, initial, where, "maximum", maximum)


def amin(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Minimum over the given axes, as :func:`numpy.amin`. Ties share the derivative equally.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.amin)(fnp.asarray([1.0, 3.0, 3.0]))
    array([1., 0., 0.])
    """
    reject_out("amin", out)
    return _reduce_extreme(min_p, a, axis, keepdims, initial, where, "minimum", minimum)


max = amax  # noqa: A001 - NumPy's names
min = amin  # noqa: A001


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


# ---------------------------------------------------------------------------
# Logical reductions and counts: no derivative
# ---------------------------------------------------------------------------

def _all(x, *, axis, keepdims):
    return np.all(x, axis=axis, keepdims=keepdims)


def _any(x, *, axis, keepdims):
    return np.any(x, axis=axis, keepdims=keepdims)


def _count_nonzero(x, *, axis, keepdims):
    if axis is None and not keepdims:
        return np.count_nonzero(x)
    return np.count_nonzero(x, axis=axis, keepdims=keepdims)


all_p = defbatch_axis(nondifferentiable(Primitive("reduce_and", _all)))
any_p = defbatch_axis(nondifferentiable(Primitive("reduce_or", _any)))
count_nonzero_p = defbatch_axis(nondifferentiable(Primitive("count_nonzero", _count_nonzero)))


def all(a, axis=None, out=None, keepdims=False, *, where=True):  # noqa: A001
    """Whether all elements are true over the given axes, as :func:`numpy.all`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.all(fnp.asarray([[True, False], [True, True]]), axis=1)
    array([False,  True])
    """
    reject_out("all", out)
    return _reduce_logical(all_p, a, axis, keepdims, where, identity=True)


def any(a, axis=None, out=None, keepdims=False, *, where=True):  # noqa: A001
    """Whether any element is true over the given axes, as :func:`numpy.any`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.any(fnp.asarray([[True, False], [False, False]]), axis=1)
    array([ True, False])
    """
    reject_out("any", out)
    return _reduce_logical(any_p, a, axis, keepdims, where, identity=False)


def _reduce_logical(prim, a, axis, keepdims, where_, identity):
    """``all``/``any``: masked-out entries become the identity (True for and, False for or)."""
    mask = _mask(a, where_)
    if mask is not None:
        a = _select(mask, a, identity)
    return prim.bind(a, axis=normalize_axis(axis, len(shape_of(a))), keepdims=bool(keepdims))


def count_nonzero(a, axis=None, *, keepdims=False):
    """The number of non-zero elements, as :func:`numpy.count_nonzero`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.count_nonzero(fnp.asarray([1.0, 0.0, 2.0]))
    np.int64(2)
    """
    axes = None if axis is None else normalize_axis(axis, len(shape_of(a)))
    return count_nonzero_p.bind(a, axis=axes, keepdims=bool(keepdims))

