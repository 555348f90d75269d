"""Reductions: sum, mean, max and min over axes."""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defjvp, deflinear, defvjp
from .elementwise import astype, equal, true_divide
from .shape import broadcast_to, expand_dims, reshape


def normalize_axis(axis, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, int or tuple, possibly negative) as a sorted tuple of axes.

    Raises NumPy's own :class:`numpy.exceptions.AxisError` for an axis out of range.
    """
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    out = []
    for a in axes:
        a = int(a)
        if not -ndim <= a < ndim:
            raise np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else 0)
    if len(set(out)) != len(out):
        raise ValueError("duplicate value in 'axis'")
    return tuple(sorted(out))


def _keep_reduced_dims(g, shape, axes, keepdims):
    """``g`` with the reduced axes put back as size-1 dimensions."""
    return g if keepdims else expand_dims(g, axes)


# ---------------------------------------------------------------------------
# sum
# ---------------------------------------------------------------------------

def _sum(x, *, axis, keepdims):
    return np.sum(x, axis=axis, keepdims=keepdims)


sum_p = Primitive("reduce_sum", _sum)
deflinear(
    sum_p,
    lambda g, ans, x, *, axis, keepdims: broadcast_to(
        _keep_reduced_dims(g, x.shape, axis, keepdims), x.shape
    ),
)


def sum(a, axis=None, dtype=None, keepdims=False):  # noqa: A001 - NumPy's name
    """Sum of array elements over the given axes, as :func:`numpy.sum`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(x ** 2))(fnp.asarray([1.0, 2.0]))
    array([2., 4.])
    """
    ndim = np.ndim(a) if not hasattr(a, "ndim") else a.ndim
    out = sum_p.bind(a, axis=normalize_axis(axis, ndim), keepdims=bool(keepdims))
    return out if dtype is None else astype(out, dtype)


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
    x_shape = np.shape(x)
    if x_shape == shape:
        return x
    lead = len(x_shape) - len(shape)
    if lead < 0 or any(s != 1 and s != x_shape[lead + i] for i, s in enumerate(shape)):
        return broadcast_to(x, shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, s in enumerate(shape) if s == 1 and x_shape[lead + i] != 1
    )
    if axes:
        x = sum_p.bind(x, axis=axes, keepdims=False)
    return reshape(x, shape)


def mean(a, axis=None, dtype=None, keepdims=False):
    """Arithmetic mean over the given axes, as :func:`numpy.mean`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.mean)(fnp.asarray([1.0, 2.0, 3.0, 4.0]))
    array([0.25, 0.25, 0.25, 0.25])
    """
    shape = np.shape(a)
    axes = normalize_axis(axis, len(shape))
    count = 1
    for ax in axes:
        count *= shape[ax]
    total = sum(a, axis=axes, keepdims=keepdims)
    if np.issubdtype(total.dtype, np.integer) or total.dtype == np.bool_:
        total = astype(total, np.float64)
    out = true_divide(total, count)
    return out if dtype is None else astype(out, dtype)


# ---------------------------------------------------------------------------
# max and min
# ---------------------------------------------------------------------------

def _amax(x, *, axis, keepdims):
    return np.amax(x, axis=axis, keepdims=keepdims)


def _amin(x, *, axis, keepdims):
    return np.amin(x, axis=axis, keepdims=keepdims)


max_p = Primitive("reduce_max", _amax)
min_p = Primitive("reduce_min", _amin)


def _chooser_weights(ans, x, axis, keepdims):
    """Where ``x`` attains its max (or min), with ties sharing equally (as JAX does)."""
    hits = astype(equal(x, _keep_reduced_dims(ans, x.shape, axis, keepdims)), x.dtype)
    return hits / sum(hits, axis=axis, keepdims=True)


def _chooser_jvp(t, ans, x, *, axis, keepdims):
    return sum(t * _chooser_weights(ans, x, axis, keepdims), axis=axis, keepdims=keepdims)


def _chooser_vjp(g, ans, x, *, axis, keepdims):
    return _keep_reduced_dims(g, x.shape, axis, keepdims) * _chooser_weights(
        ans, x, axis, keepdims
    )


for _p in (max_p, min_p):
    defjvp(_p, _chooser_jvp)
    defvjp(_p, _chooser_vjp)


def _reduce_extreme(prim, a, axis, keepdims, name):
    shape = np.shape(a)
    axes = normalize_axis(axis, len(shape))
    if any(shape[ax] == 0 for ax in axes):
        raise ValueError(
            f"zero-size array to reduction operation {name} which has no identity"
        )
    return prim.bind(a, axis=axes, keepdims=bool(keepdims))


def amax(a, axis=None, keepdims=False):
    """Maximum over the given axes, as :func:`numpy.amax`. Ties share the derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.amax)(fnp.asarray([1.0, 3.0, 3.0]))
    array([0. , 0.5, 0.5])
    """
    return _reduce_extreme(max_p, a, axis, keepdims, "maximum")


def amin(a, axis=None, keepdims=False):
    """Minimum over the given axes, as :func:`numpy.amin`. Ties share the derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.amin)(fnp.asarray([1.0, 3.0, 3.0]))
    array([1., 0., 0.])
    """
    return _reduce_extreme(min_p, a, axis, keepdims, "minimum")


max = amax  # noqa: A001 - NumPy's names
min = amin  # noqa: A001
