"""``funcgrad.Array``: the type of every array value a funcgrad program sees."""

from __future__ import annotations

import abc

import numpy as np

from .trace import Tracer


class Array(abc.ABC):  # noqa: B024 - a type to register into, not to subclass
    """The abstract type of arrays: NumPy arrays, funcgrad.numpy's arrays and traced values.

    For ``isinstance`` checks and type hints, as ``jax.Array``: a function
    annotated ``def f(x: fg.Array) -> fg.Array`` accepts what it is given
    inside and outside every transform. NumPy scalars (``np.float64(1.0)``)
    count as arrays of shape ``()``; Python numbers do not.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> isinstance(np.ones(2), fg.Array), isinstance(fnp.zeros(3), fg.Array)
    (True, True)
    >>> fg.grad(lambda x: float(isinstance(x, fg.Array)) + x)(1.0)
    array(1.)
    >>> isinstance(1.0, fg.Array)
    False
    """


Array.register(np.ndarray)
Array.register(np.number)
Array.register(np.bool_)
Array.register(Tracer)
