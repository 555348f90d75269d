"""HIPS autograd's ``autograd.builtins``: the containers it needed to wrap, plain here.

autograd could differentiate through tuples, lists and dicts only in its own
container types; funcgrad treats Python's containers as pytrees, so these are
Python's builtins, named so that ``from autograd.builtins import tuple`` ports by
changing the import.

>>> import funcgrad as fg
>>> from funcgrad.builtins import tuple
>>> fg.grad(lambda t: t[0] * t[1])(tuple((2.0, 3.0)))
(array(3.), array(2.))
"""

from __future__ import annotations

import builtins

__all__ = ["tuple", "list", "dict", "isinstance", "type"]

tuple = builtins.tuple  # noqa: A001
list = builtins.list  # noqa: A001
dict = builtins.dict  # noqa: A001
isinstance = builtins.isinstance  # noqa: A001
type = builtins.type  # noqa: A001
