"""Reductions: sum, prod, max, min, all, any, count_nonzero (the composites mean, var,
std, average and ptp are in :mod:`funcgrad.numpy.reductions`; the primitive
``reduce_sum`` itself, the transpose of broadcasting, in :mod:`.shape`).

Every function takes NumPy's ``axis`` (None, an int, a tuple, negative
values) and ``keepdims``, and raises NumPy's own
:class:`numpy.exceptions.AxisError` for an axis out of range.
"""

from __future__ import annotations

import builtins

import numpy as np

from ..core.primitive import Primitive, defjvp, defsource, deftorch, defvjp, nondifferentiable
from .batching import defbatch_axis
from .comparisons import equal
from .cumulative import scan_mul_last
from .elementwise import astype, maximum, minimum
from .elementwise import where as _select
from .indexing import asarray, concatenate
from .shape import (  # noqa: F401 - reduce_sum is declared with the shape primitives
    broadcast_to,
    keep_reduced_dims,
    normalize_axis,
    reduction_source,
    reshape,
    sum_p,
    sum_to_shape,
    transpose,
)
from .util import dtype_of, reject_out, shape_of


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


def element_count(shape, axes) -> int:
    n = 1
    for ax in axes:
        n *= shape[ax]
    return n


def mask_of(a, where_):
    """``where=`` as a boolean mask broadcast against ``a`` (None when everything counts)."""
    if where_ is True or where_ is None:
        return None
    return broadcast_to(where_, np.broadcast_shapes(shape_of(a), shape_of(where_)))


# ---------------------------------------------------------------------------
# sum
# ---------------------------------------------------------------------------

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
        a = asarray(a)  # a list of traced values is stacked
    mask = mask_of(a, where_)
    if mask is not None:
        a = _select(mask, a, identity)
    if dtype is not None:
        a = astype(a, dtype)
    elif dtype_of(a) == np.bool_:
        a = astype(a, np.int64)
    return prim.bind(a, axis=normalize_axis(axis, len(shape_of(a))), keepdims=bool(keepdims))


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
    n = element_count(shape, axes)
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
# max and min
# ---------------------------------------------------------------------------

def _amax(x, *, axis, keepdims):
    return np.amax(x, axis=axis, keepdims=keepdims)


def _amin(x, *, axis, keepdims):
    return np.amin(x, axis=axis, keepdims=keepdims)


max_p = Primitive("reduce_max", _amax)
deftorch(max_p, "AmaxBackward0", saves="in+out")
min_p = Primitive("reduce_min", _amin)
deftorch(min_p, "AminBackward0", saves="in+out")


def _chooser_weights(ans, x, *, axis, keepdims):
    """Where ``x`` attains its max (or min), with ties sharing equally (as JAX does)."""
    hits = astype(equal(x, keep_reduced_dims(ans, axis, keepdims)), x.dtype)
    return hits / sum(hits, axis=axis, keepdims=True)


for _p, _name in ((max_p, "maximum"), (min_p, "minimum")):
    defreduction(_p, _chooser_weights)
    defbatch_axis(_p)
    defsource(_p, reduction_source(_name), fresh=True)


def _reduce_extreme(prim, a, axis, keepdims, initial, where_, name, combine):
    shape = shape_of(a)
    axes = normalize_axis(axis, len(shape))
    mask = mask_of(a, where_)
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
    mask = mask_of(a, where_)
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

