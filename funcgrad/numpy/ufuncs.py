"""Elementwise functions that are composites of the primitives.

``fabs`` is ``absolute`` in NumPy's float result type: as a composite it is
faster than a primitive of its own (NumPy's ``abs`` is faster than its ``fabs``).
"""

from __future__ import annotations

import numpy as np

from ..primitives.elementwise import absolute, astype
from ..primitives.util import dtype_of


def fabs(x, /):
    """Elementwise absolute value of real numbers (float results), as :func:`numpy.fabs`.

    The derivative at 0 is 1, as for :func:`absolute` (JAX's choice).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.fabs)(-2.0)
    array(-1.)
    >>> fnp.fabs(fnp.asarray([-2, 3], dtype=fnp.int16))
    array([2., 3.], dtype=float32)
    """
    dtype = dtype_of(x)
    target = np.fabs(np.zeros((), dtype)).dtype  # NumPy's result type (and its error for complex)
    return absolute(x if dtype == target else astype(x, target))
