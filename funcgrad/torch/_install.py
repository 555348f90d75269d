"""Putting an operations module's names on ``funcgrad.torch`` and on ``Tensor``.

An operations module (``index_ops``, ``array_ops``, ...) lists its public
functions in ``PUBLIC``, those that are Tensor methods too in ``METHODS``, its
in-place Tensor methods in ``INPLACE`` (name -> the out-of-place function) with
a doctest example each in ``INPLACE_EXAMPLES``, and node names the generic
spelling of its keys would miss in ``NODE_NAMES``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._names import NODES
from .tensor import Tensor


def _inplace_method(name: str, fn: Any, example: tuple[str, str, str]) -> Any:
    def method(self, *args, **kwargs):
        return self._inplace(lambda old: fn(old, *args, **kwargs))

    data, args, shows = example
    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"""In-place :meth:`{name[:-1]}`: writes into the tensor and returns it.

    The version counter goes up by one, so a backward pass that needs the
    old value raises PyTorch's error; on a leaf that requires grad this is an
    error outside :func:`~funcgrad.torch.no_grad`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor({data})
    >>> x.{name}({args}) is x
    True
    >>> x
    {shows}
    """
    return method


def install(module: ModuleType, namespace: dict) -> None:
    """Put ``module``'s functions in ``namespace`` (funcgrad.torch's) and its methods on Tensor."""
    namespace.update({n: getattr(module, n) for n in module.PUBLIC})
    for n in getattr(module, "METHODS", ()):
        setattr(Tensor, n, getattr(module, n))
    examples = getattr(module, "INPLACE_EXAMPLES", {})
    for n, fn in getattr(module, "INPLACE", {}).items():
        setattr(Tensor, n, _inplace_method(n, fn, examples[n]))
    NODES.update(getattr(module, "NODE_NAMES", {}))
