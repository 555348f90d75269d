"""``flatten`` and ``flatten_func``: pytrees as flat vectors (``autograd.misc.flatten``).

>>> from funcgrad.misc.flatten import flatten
>>> flatten([1.0, (2.0, 3.0)])[0]
array([1., 2., 3.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..flatten_util import ravel_pytree

__all__ = ["flatten", "flatten_func"]


def flatten(value: Any) -> tuple[Any, Callable[[Any], Any]]:
    """``value`` (a pytree of arrays) as one 1-D array, and the function that rebuilds it.

    Parameters
    ----------
    value : pytree
        Arrays and numbers in tuples, lists and dicts.

    Returns
    -------
    flat : ndarray
        The raveled leaves, concatenated.
    unflatten : callable
        ``unflatten(flat)`` gives a pytree of ``value``'s structure.

    See Also
    --------
    funcgrad.flatten_util.ravel_pytree : the same, JAX's name.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad.misc import flatten
    >>> flat, unflatten = flatten((np.ones(2), np.zeros((1, 2))))
    >>> flat.shape
    (4,)
    """
    return ravel_pytree(value)


def flatten_func(func: Callable, example: Any) -> tuple[Callable, Callable, Any]:
    """``func`` of a pytree as a function of ``example``'s flat vector.

    Parameters
    ----------
    func : callable
        ``func(tree, *args)``, with ``tree`` of ``example``'s structure.
    example : pytree

    Returns
    -------
    flat_func : callable
        ``flat_func(vector, *args) = func(unflatten(vector), *args)``.
    unflatten : callable
    flat_example : ndarray

    See Also
    --------
    flatten

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.misc.flatten import flatten_func
    >>> params = {"w": [1.0, 2.0], "b": 3.0}
    >>> f, unflatten, x = flatten_func(lambda p: fnp.sum(p["w"]) * p["b"], params)
    >>> float(f(x))
    9.0
    """
    flat_example, unflatten = ravel_pytree(example)

    def flat_func(vector: Any, *args: Any, **kwargs: Any) -> Any:
        return func(unflatten(vector), *args, **kwargs)

    return flat_func, unflatten, flat_example
