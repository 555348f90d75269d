"""Indexing: ``x[idx]`` and its transpose, the scatter-add ``x.at[idx].add(v)``."""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defjvp, deflinear, defvjp
from ..core.trace import Tracer
from .elementwise import zeros_like


def normalize_index(index) -> tuple:
    """``index`` as a tuple of ints, slices, None, Ellipsis and NumPy arrays."""
    if not isinstance(index, tuple):
        index = (index,)
    out = []
    for i in index:
        if isinstance(i, Tracer):
            raise TypeError(
                "indexing with a traced value is not supported: an index has no "
                "derivative, so compute it from concrete values (e.g. with NumPy) first."
            )
        if isinstance(i, (list, np.ndarray)):
            i = np.asarray(i)
        elif isinstance(i, (bool, np.bool_)):
            i = np.asarray(i)
        elif isinstance(i, (int, np.integer)):
            i = int(i)
        out.append(i)
    return tuple(out)


def _is_basic(index: tuple) -> bool:
    return not any(isinstance(i, np.ndarray) for i in index)


def _getitem(x, *, index):
    return np.asarray(x)[index] if not isinstance(x, np.ndarray) else x[index]


getitem_p = Primitive("getitem", _getitem)
deflinear(getitem_p, lambda g, ans, x, *, index: scatter_add(zeros_like(x, _dtype(g)), index, g))


def _scatter_add(x, updates, *, index):
    out = np.array(x, copy=True)
    if _is_basic(index):
        out[index] += updates
    else:
        np.add.at(out, index, updates)  # repeated indices accumulate
    return out


scatter_add_p = Primitive("scatter_add", _scatter_add)
defjvp(
    scatter_add_p,
    lambda t, ans, x, u, *, index: t,
    lambda t, ans, x, u, *, index: scatter_add(zeros_like(ans, _dtype(t)), index, t),
)
defvjp(
    scatter_add_p,
    lambda g, ans, x, u, *, index: g,
    lambda g, ans, x, u, *, index: getitem(g, index),
)


def _dtype(x):
    return getattr(x, "dtype", None) or np.result_type(x)


def getitem(x, index):
    """``x[index]`` for basic, advanced and boolean indices (what ``x[...]`` binds).

    Out-of-bounds indices raise :class:`IndexError`, as NumPy does.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: x[1] * x[-1])(fnp.asarray([1.0, 2.0, 3.0]))
    array([0., 3., 2.])
    """
    return getitem_p.bind(x, index=normalize_index(index))


def scatter_add(x, index, updates):
    """``x`` with ``updates`` added at ``index``; repeated indices accumulate (``np.add.at``).

    Examples
    --------
    >>> import numpy as np
    >>> scatter_add(np.zeros(3), (np.array([0, 0, 2]),), np.ones(3))
    array([2., 0., 1.])
    """
    return scatter_add_p.bind(x, updates, index=normalize_index(index))
