"""Padding layers: zero, constant, reflection, replication and circular, 1-D to 3-D.

Each is :func:`~funcgrad.torch.nn.functional.pad` with a fixed ``padding``
(an int pads every side alike; a tuple is ``(left, right, top, bottom,
front, back)`` as far as it goes).

>>> import funcgrad.torch as torch
>>> torch.nn.ZeroPad2d((1, 0, 0, 1))(torch.ones(1, 1, 2, 2))
tensor([[[[0., 1., 1.],
          [0., 1., 1.],
          [0., 0., 0.]]]])
"""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = [
    "ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d",
    "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d",
    "ReplicationPad2d", "ReplicationPad3d", "CircularPad1d", "CircularPad2d", "CircularPad3d",
]

_MOD = "torch.nn.modules.padding"


def _sides(padding: Any, n: int) -> tuple:
    if isinstance(padding, (list, tuple)):
        if len(padding) != 2 * n:
            raise ValueError(
                f"padding must be an int or a tuple of {2 * n} ints, got {tuple(padding)}"
            )
        return tuple(padding)
    return (padding,) * (2 * n)


class _PadNd(Module):
    __module__ = _MOD
    _n = 1
    _mode = "constant"

    def __init__(self, padding: Any) -> None:
        super().__init__()
        self.padding = _sides(padding, self._n)

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, self._mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class _ConstantPadNd(_PadNd):
    __constants__ = ["padding", "value"]

    def __init__(self, padding: Any, value: float) -> None:
        super().__init__(padding)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    """Pad the last axis with ``value``: ``padding`` is an int or ``(left, right)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.ConstantPad1d(2, 3.5)
    >>> m, m(torch.zeros(1, 1))
    (ConstantPad1d(padding=(2, 2), value=3.5), tensor([[3.5000, 3.5000, 0.0000, 3.5000, 3.5000]]))
    """

    __module__ = _MOD
    _n = 1


class ConstantPad2d(_ConstantPadNd):
    """Pad the last two axes with ``value``: ``(left, right, top, bottom)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ConstantPad2d((1, 0, 2, 3), 1.0)(torch.zeros(1, 2, 2)).shape
    torch.Size([1, 7, 3])
    """

    __module__ = _MOD
    _n = 2


class ConstantPad3d(_ConstantPadNd):
    """Pad the last three axes with ``value``: ``(left, right, top, bottom, front, back)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ConstantPad3d(1, 0.5)(torch.zeros(1, 1, 1, 1)).shape
    torch.Size([1, 3, 3, 3])
    """

    __module__ = _MOD
    _n = 3


class ZeroPad1d(ConstantPad1d):
    """Pad the last axis with zeros.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.ZeroPad1d((1, 2))
    >>> m, m(torch.ones(1, 2))
    (ZeroPad1d((1, 2)), tensor([[0., 1., 1., 0., 0.]]))
    """

    __module__ = _MOD

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad2d(ConstantPad2d):
    """Pad the last two axes with zeros.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ZeroPad2d(2)
    ZeroPad2d((2, 2, 2, 2))
    """

    __module__ = _MOD

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad3d(ConstantPad3d):
    """Pad the last three axes with zeros.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ZeroPad3d(1)(torch.ones(1, 1, 1, 1)).sum()
    tensor(1.)
    """

    __module__ = _MOD

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_PadNd):
    """Pad the last axis with its reflection (the edge is not repeated).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReflectionPad1d(2)(torch.tensor([[1.0, 2.0, 3.0]]))
    tensor([[3., 2., 1., 2., 3., 2., 1.]])
    """

    __module__ = _MOD
    _n = 1
    _mode = "reflect"


class ReflectionPad2d(_PadNd):
    """Pad the last two axes with their reflection.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReflectionPad2d(1)(torch.ones(1, 1, 3, 3)).shape
    torch.Size([1, 1, 5, 5])
    """

    __module__ = _MOD
    _n = 2
    _mode = "reflect"


class ReflectionPad3d(_PadNd):
    """Pad the last three axes with their reflection.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReflectionPad3d(1)(torch.ones(1, 1, 2, 2, 2)).shape
    torch.Size([1, 1, 4, 4, 4])
    """

    __module__ = _MOD
    _n = 3
    _mode = "reflect"


class ReplicationPad1d(_PadNd):
    """Pad the last axis by repeating its edge values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReplicationPad1d((1, 2))(torch.tensor([[1.0, 2.0]]))
    tensor([[1., 1., 2., 2., 2.]])
    """

    __module__ = _MOD
    _n = 1
    _mode = "replicate"


class ReplicationPad2d(_PadNd):
    """Pad the last two axes by repeating their edge values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReplicationPad2d(1)
    ReplicationPad2d((1, 1, 1, 1))
    """

    __module__ = _MOD
    _n = 2
    _mode = "replicate"


class ReplicationPad3d(_PadNd):
    """Pad the last three axes by repeating their edge values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReplicationPad3d(1)(torch.ones(1, 1, 1, 1, 1)).shape
    torch.Size([1, 1, 3, 3, 3])
    """

    __module__ = _MOD
    _n = 3
    _mode = "replicate"


class CircularPad1d(_PadNd):
    """Pad the last axis by wrapping around.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.CircularPad1d(1)(torch.tensor([[[1.0, 2.0, 3.0]]]))
    tensor([[[3., 1., 2., 3., 1.]]])
    """

    __module__ = _MOD
    _n = 1
    _mode = "circular"


class CircularPad2d(_PadNd):
    """Pad the last two axes by wrapping around.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.CircularPad2d(1)(torch.ones(1, 1, 2, 2)).shape
    torch.Size([1, 1, 4, 4])
    """

    __module__ = _MOD
    _n = 2
    _mode = "circular"


class CircularPad3d(_PadNd):
    """Pad the last three axes by wrapping around.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.CircularPad3d(1)(torch.ones(1, 1, 2, 2, 2)).shape
    torch.Size([1, 1, 4, 4, 4])
    """

    __module__ = _MOD
    _n = 3
    _mode = "circular"
