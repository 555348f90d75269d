"""``funcgrad.misc``: the helpers of HIPS autograd's ``autograd.misc``, so that programs written
for autograd port by changing the import.

``flatten`` turns a pytree of arrays into one vector (``autograd.misc.flatten``;
the same as :func:`funcgrad.flatten_util.ravel_pytree`), ``flatten_func`` a
function of a pytree into a function of a vector,
:mod:`funcgrad.misc.optimizers` has autograd's ``sgd``, ``rmsprop`` and ``adam``
with their callback protocol, and :mod:`funcgrad.misc.fixed_points` the
differentiable ``fixed_point`` solver.

Examples
--------
>>> from funcgrad.misc import flatten
>>> flat, unflatten = flatten({"b": [1.0, 2.0], "w": 3.0})
>>> flat
array([1., 2., 3.])
>>> unflatten(flat * 10)
{'b': [array(10.), array(20.)], 'w': array(30.)}
"""

from __future__ import annotations

from . import fixed_points, optimizers
from .flatten import flatten, flatten_func

__all__ = ["fixed_points", "flatten", "flatten_func", "optimizers"]
