"""Complex-number predicates and ``real_if_close`` (composites of ``imag`` and ``real``)."""

from __future__ import annotations

import numpy as np

from ..core.trace import ConcretizationError
from ..primitives.comparisons import equal, not_equal
from ..primitives.elementwise import imag, real
from ..primitives.util import concrete_or_none, dtype_of


def iscomplex(x):
    """Whether each element has a nonzero imaginary part, as :func:`numpy.iscomplex`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.iscomplex(fnp.asarray([1.0 + 1j, 2.0 + 0j]))
    array([ True, False])
    """
    return not_equal(imag(x), 0)


def isreal(x):
    """Whether each element has a zero imaginary part, as :func:`numpy.isreal`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.isreal(fnp.asarray([1.0 + 1j, 2.0 + 0j]))
    array([False,  True])
    """
    return equal(imag(x), 0)


def real_if_close(a, tol=100):
    """``a``'s real part if every imaginary part is within ``tol`` machine epsilons of 0,
    else ``a``, as :func:`numpy.real_if_close` (the choice needs concrete values).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.real_if_close(fnp.asarray([2.0 + 1e-16j]))
    array([2.])
    """
    if not np.issubdtype(dtype_of(a), np.complexfloating):
        return a
    value = concrete_or_none(a)
    if value is None:
        raise ConcretizationError(
            "real_if_close chooses its result's dtype from the values, which are unknown "
            "while the function is staged (jit, make_ir): take real(a) explicitly instead."
        )
    limit = tol * np.finfo(dtype_of(a)).eps if tol > 1 else tol
    return real(a) if bool(np.all(np.abs(value.imag) < limit)) else a
