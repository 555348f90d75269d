"""The arrays funcgrad.numpy returns: NumPy arrays with JAX's ``.at`` updates.

JAX code builds arrays functionally: ``out = jnp.zeros(3); out = out.at[0].set(v)``.
Traced values have ``.at``; for concrete results funcgrad.numpy returns
:class:`UpdatableArray`, an ``ndarray`` subclass that adds only the ``at``
property and prints exactly as NumPy's arrays do. Arrays the user passes in are
never converted, and the kernel never creates one: the public functions of
``funcgrad.numpy`` are wrapped (:func:`returning_updatable`) at the namespace, so
derivative rules, which call the implementation modules, keep working on plain
ndarrays at full speed. Mixed with plain arrays in NumPy arithmetic the result is
a plain array (``__array_priority__`` below ndarray's), so an UpdatableArray
constant never slows a computation on plain arrays down.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.array import warn_if_converted
from ..core.trace import Tracer
from ..primitives.indexing import getitem
from .indexing import _IndexUpdateHelper

_ndarray = np.ndarray


class UpdatableArray(np.ndarray):
    """A NumPy array with JAX's functional updates ``x.at[idx].set(v)``.

    What ``funcgrad.numpy`` functions return for concrete values; otherwise
    exactly a NumPy array (``isinstance(x, np.ndarray)`` holds, it prints the
    same, results of reductions to a scalar are NumPy scalars).

    Attributes
    ----------
    at : _IndexUpdateHelper
        ``x.at[index]`` has the methods ``get()``, ``set(v)``, ``add(v)``,
        ``subtract(v)``, ``multiply(v)``, ``divide(v)``, ``min(v)`` and
        ``max(v)``, each returning a new array.

    See Also
    --------
    at : the same updates for any array, ``fnp.at(x)[index].set(v)``.
    numpy.ndarray : everything else it does.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> out = fnp.zeros(3)
    >>> out
    array([0., 0., 0.])
    >>> out.at[0].set(2.0).at[1:].add(1.0)
    array([2., 1., 1.])
    >>> out                                  # unchanged: updates are functional
    array([0., 0., 0.])
    """

    __array_priority__ = -1.0

    def __array_wrap__(self, array, context=None, return_scalar=False):
        if return_scalar:
            return array[()]
        return array.view(UpdatableArray) if type(array) is _ndarray else array

    def __getitem__(self, index):
        # A traced index (a loop's counter, as in JAX's `xs[i]` in a fori_loop body):
        # funcgrad's indexing, which reads it as a dynamic slice.
        if isinstance(index, Tracer) or (
                isinstance(index, tuple) and any(isinstance(i, Tracer) for i in index)):
            return getitem(self.view(_ndarray), index)
        return _ndarray.__getitem__(self, index)

    @property
    def at(self) -> _IndexUpdateHelper:
        """Functional index updates (JAX's ``x.at[idx]``): ``get``, ``set``, ``add``,
        ``subtract``, ``multiply``, ``divide``, ``power``, ``min``, ``max``, ``apply``.

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.arange(4.0).at[::2].multiply(10.0)
        array([ 0.,  1., 20.,  3.])
        """
        return _IndexUpdateHelper(self)

    def block_until_ready(self) -> UpdatableArray:
        """The array itself: NumPy computes eagerly, so it is always ready (JAX's method).

        Examples
        --------
        >>> import funcgrad.numpy as fnp
        >>> fnp.ones(2).block_until_ready()
        array([1., 1.])
        """
        return self

    def __repr__(self) -> str:
        return _ndarray.__repr__(self.view(_ndarray))

    def __reduce__(self):
        # Pickled as what it is to NumPy: a plain array (it needs no funcgrad to load).
        return self.view(_ndarray).__reduce__()


def updatable(out: Any) -> Any:
    """``out`` as an :class:`UpdatableArray` if it is a plain ndarray (tuples: each item).

    Examples
    --------
    >>> import numpy as np
    >>> type(updatable(np.ones(2))).__name__, updatable(1.0)
    ('UpdatableArray', 1.0)
    """
    t = type(out)
    if t is _ndarray:
        return out.view(UpdatableArray)
    if t is tuple or t is list:
        return t(o.view(UpdatableArray) if type(o) is _ndarray else o for o in out)
    return out


def returning_updatable(fn: Callable) -> Callable:
    """``fn`` returning :class:`UpdatableArray` where it returns plain ndarrays.

    Examples
    --------
    >>> import numpy as np
    >>> ones = returning_updatable(np.ones)
    >>> ones(2).at[0].set(5.0)
    array([5., 1.])
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        out = fn(*args, **kwargs)
        t = type(out)
        if t is _ndarray:
            warn_if_converted(f"funcgrad.numpy.{fn.__name__}", args, out)
            return out.view(UpdatableArray)
        if t is tuple or t is list:
            return updatable(out)
        return out

    return wrapper
