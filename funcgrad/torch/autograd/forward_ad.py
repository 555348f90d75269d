"""``torch.autograd.forward_ad``: forward-mode AD with dual tensors, on the kernel's JVP rules.

Inside ``with dual_level():`` a dual tensor made by :func:`make_dual` carries
a tangent. Its value is a tracer of the kernel's forward-mode trace (the one
:func:`funcgrad.jvp` opens), so every operation on it applies the primitive's
own JVP rule, and :func:`unpack_dual` reads the tangent back. When the level
exits the tangents are gone: the tensors keep their values, as in PyTorch.

>>> import funcgrad.torch as torch
>>> import funcgrad.torch.autograd.forward_ad as fwAD
>>> with fwAD.dual_level():
...     x = fwAD.make_dual(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 1.0]))
...     y = x.sin() * 2
...     fwAD.unpack_dual(y).tangent
tensor([2.0000, 1.0806])
"""

from __future__ import annotations

import weakref
from collections import namedtuple
from typing import Any

import numpy as np

from ...transforms.forward import JVPTrace, JVPTracer
from .._graph import Node, constant
from ..tensor import Tensor

__all__ = [
    "dual_level",
    "enter_dual_level",
    "exit_dual_level",
    "make_dual",
    "unpack_dual",
    "UnpackedDualTensor",
]


class _DualTrace(JVPTrace):
    """The forward-mode trace of one dual level; its tracers fall back to values at exit."""

    __slots__ = ("index",)
    outlives = True  # a finished level's tracers are read as their primals, not as errors

    def __init__(self, index: int) -> None:
        super().__init__("forward_ad")
        self.index = index


_levels: list[_DualTrace] = []

# The tangent tensors given to make_dual, by the id of their array (weakly held).
_tangent_tensors: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def enter_dual_level() -> int:
    """Open a dual level and return its index (prefer the :class:`dual_level` context manager).

    Examples
    --------
    >>> import funcgrad.torch.autograd.forward_ad as fwAD
    >>> level = fwAD.enter_dual_level()
    >>> level
    0
    >>> fwAD.exit_dual_level(level=level)
    """
    if _levels:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")
    trace = _DualTrace(len(_levels))
    _levels.append(trace)
    return trace.index


def exit_dual_level(*, level: int | None = None) -> None:
    """Close the current dual level: the tangents of its dual tensors are dropped.

    Examples
    --------
    >>> import funcgrad.torch.autograd.forward_ad as fwAD
    >>> fwAD.exit_dual_level(level=fwAD.enter_dual_level())
    """
    if not _levels:
        raise RuntimeError("Trying to exit a forward AD level that was not the last one created.")
    if level is not None and level != _levels[-1].index:
        raise RuntimeError(
            "Trying to exit a forward AD level that was not the last one created. This is not "
            "supported."
        )
    _levels.pop().finish()


class dual_level:  # noqa: N801 - PyTorch's name
    """Context manager for forward AD: dual tensors made inside carry tangents until it exits.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     d = fwAD.make_dual(torch.tensor(2.0), torch.tensor(1.0))
    ...     fwAD.unpack_dual(d ** 3).tangent
    tensor(12.)
    >>> fwAD.unpack_dual(d).tangent is None
    True
    """

    def __enter__(self) -> int:
        return enter_dual_level()

    def __exit__(self, *exc: Any) -> None:
        exit_dual_level()


UnpackedDualTensor = namedtuple("UnpackedDualTensor", ["primal", "tangent"])
UnpackedDualTensor.__doc__ = """``(primal, tangent)`` of a dual tensor (``tangent`` is None for
a tensor that is not dual at the current level).

Examples
--------
>>> import funcgrad.torch as torch
>>> import funcgrad.torch.autograd.forward_ad as fwAD
>>> fwAD.unpack_dual(torch.zeros(1)).tangent is None
True
"""
UnpackedDualTensor.__module__ = "torch.autograd.forward_ad"


def _current(level: int | None, what: str) -> _DualTrace:
    if not _levels:
        raise RuntimeError(
            f"Trying to {what} for forward AD but no level exists, make sure to "
            "enter_dual_level() first."
        )
    trace = _levels[-1]
    if level is not None and level != trace.index:
        raise RuntimeError(f"Trying to {what} at level {level}, but the current level is "
                           f"{trace.index}.")
    return trace


def make_dual(tensor: Tensor, tangent: Tensor, *, level: int | None = None) -> Tensor:
    """A tensor with ``tensor``'s value that carries ``tangent`` through the operations applied.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([0.5, 0.0]))
    tensor([1., 2.], tangent=tensor([0.5000, 0.0000]))
    """
    trace = _current(level, "create a dual Tensor")
    if not isinstance(tensor, Tensor) or not isinstance(tangent, Tensor):
        raise TypeError("make_dual expects Tensors for both the primal and the tangent")
    if tuple(tangent.shape) != tuple(tensor.shape):
        raise RuntimeError(
            "Trying to set a forward gradient that has a different size than that of the "
            f"original Tensor, this is not supported. Tensor is of size {list(tensor.shape)} "
            f"while the given forward gradient is of size {list(tangent.shape)}."
        )
    if tensor.dtype.np.kind not in "fc":
        raise ValueError(
            f"Expected primal to be floating point or complex, but got: {tensor.dtype}"
        )
    primal = tensor._node.primal
    if isinstance(primal, JVPTracer) and primal._trace is trace:
        primal = primal.primal
    t = tangent._node.primal
    if isinstance(t, JVPTracer) and t._trace is trace:
        t = t.primal
    if getattr(t, "dtype", None) != primal.dtype:
        t = np.asarray(t).astype(primal.dtype) if isinstance(t, np.ndarray) else t
    dual = JVPTracer(trace, primal, t)
    if t is tangent._node.primal:
        _tangent_tensors[id(t)] = tangent  # unpack_dual gives this very tensor back
    if tensor.requires_grad:
        # A view of the tensor, as PyTorch's: gradients flow back to it.
        out = tensor.view_as(tensor)
        out._node.primal = dual
        return out
    return Tensor._from_node(constant(dual), vc=tensor._vc)


def unpack_dual(tensor: Tensor, *, level: int | None = None) -> UnpackedDualTensor:
    """``(primal, tangent)`` of a dual tensor; ``tangent`` is None when it has none.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     y = fwAD.make_dual(torch.tensor(3.0), torch.tensor(1.0)) ** 2
    ...     p, t = fwAD.unpack_dual(y)
    >>> p, t
    (tensor(9.), tensor(6.))
    >>> fwAD.unpack_dual(torch.ones(1))
    UnpackedDualTensor(primal=tensor([1.]), tangent=None)
    """
    if not isinstance(tensor, Tensor):
        raise TypeError("unpack_dual expects a Tensor")
    p = tensor._node.primal
    if not isinstance(p, JVPTracer) or not isinstance(p._trace, _DualTrace):
        return UnpackedDualTensor(tensor, None)
    value = p.primal
    if tensor.requires_grad:
        primal = tensor.view_as(tensor)
        primal._node.primal = value
    else:
        primal = Tensor._from_node(constant(value), vc=tensor._vc)
    if not p._trace.active or (level is not None and level != p._trace.index):
        return UnpackedDualTensor(primal, None)
    given = _tangent_tensors.get(id(p.tangent))
    if given is not None and given._node.primal is p.tangent:
        return UnpackedDualTensor(primal, given)
    return UnpackedDualTensor(primal, Tensor._from_node(constant(p.tangent)))


def tangent_of(tensor: Tensor) -> Any:
    """The tangent value a tensor carries at the open dual level, or None."""
    p = tensor._node.primal
    if isinstance(p, JVPTracer) and isinstance(p._trace, _DualTrace) and p._trace.active:
        return p.tangent
    return None


del Node
