"""Array creation: constants for every transform, and traced values passed through."""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer


def asarray(a, dtype=None):
    """Convert ``a`` to an array; a traced value is returned as it is (cast to ``dtype``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.asarray([1.0, 2.0])
    array([1., 2.])
    """
    if isinstance(a, Tracer):
        from .elementwise import astype

        return a if dtype is None or a.dtype == np.dtype(dtype) else astype(a, dtype)
    if isinstance(a, (list, tuple)) and _contains_tracer(a):
        return array(a, dtype=dtype)
    return np.asarray(a, dtype=dtype)


def array(object, dtype=None, copy=True, ndmin=0):  # noqa: A002 - NumPy's name
    """Create an array, as :func:`numpy.array`; nested lists of traced values are stacked.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.array([x, 2 * x, [3.0, 4.0]])))(fnp.ones(2))
    array([3., 3.])
    """
    if isinstance(object, Tracer):
        out = asarray(object, dtype)
    elif isinstance(object, (list, tuple)) and _contains_tracer(object):
        from .shape import stack

        out = stack([array(o, dtype=dtype) for o in object])
    else:
        return np.array(object, dtype=dtype, copy=copy, ndmin=ndmin)
    from .shape import reshape

    ndim = len(out.shape)
    return reshape(out, (1,) * (ndmin - ndim) + out.shape) if ndmin > ndim else out


def _contains_tracer(seq) -> bool:
    stack = [seq]
    while stack:
        for item in stack.pop():
            if isinstance(item, Tracer):
                return True
            if isinstance(item, (list, tuple)):
                stack.append(item)
    return False
