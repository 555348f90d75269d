"""Helpers shared by the distributions: promotion to floats, standardisation, supports."""

from __future__ import annotations

import numpy as np

from ... import numpy as fnp
from ...primitives.indexing import as_inexact


def promote(*args):
    """The arguments as arrays of one floating dtype: NumPy's promotion, Python numbers weak
    (``loc=0`` keeps a float32 ``x`` float32), integers made float64."""
    dtype = np.result_type(
        *[a if isinstance(a, (int, float)) else fnp.result_type(a) for a in args], 0.0)
    arrays = [as_inexact(a) for a in args]
    return [a if fnp.result_type(a) == dtype else fnp.astype(a, dtype) for a in arrays]


def standardize(x, loc, scale):
    """``(x - loc) / scale`` and ``log(scale)``, in the arguments' common float dtype."""
    x, loc, scale = promote(x, loc, scale)
    return (x - loc) / scale, fnp.log(scale)


def inside(condition, value, outside=-np.inf):
    """``value`` where ``condition`` holds, ``outside`` elsewhere (no derivative there)."""
    return fnp.where(condition, value, outside)


def is_integer(k):
    return fnp.equal(k, fnp.floor(k))
