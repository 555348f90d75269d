"""``Fold`` and ``Unfold``: sliding blocks into columns and back.

>>> import funcgrad.torch as torch
>>> torch.nn.Unfold(kernel_size=(2, 3))(torch.ones(2, 5, 3, 4)).shape
torch.Size([2, 30, 4])
"""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = ["Fold", "Unfold"]

_MOD = "torch.nn.modules.fold"


class Fold(Module):
    """Columns ``(N, C * prod(kernel_size), L)`` summed back into ``(N, C, *output_size)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> fold = torch.nn.Fold(output_size=(4, 5), kernel_size=2)
    >>> fold
    Fold(output_size=(4, 5), kernel_size=2, dilation=1, padding=0, stride=1)
    >>> fold(torch.ones(1, 4, 12)).shape
    torch.Size([1, 1, 4, 5])
    """

    __module__ = _MOD
    __constants__ = ["output_size", "kernel_size", "dilation", "padding", "stride"]

    def __init__(self, output_size: Any, kernel_size: Any, dilation: Any = 1,
                 padding: Any = 0, stride: Any = 1) -> None:
        super().__init__()
        self.output_size = output_size
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:
        return F.fold(input, self.output_size, self.kernel_size, self.dilation, self.padding,
                      self.stride)

    def extra_repr(self) -> str:
        return (
            f"output_size={self.output_size}, kernel_size={self.kernel_size}, "
            f"dilation={self.dilation}, padding={self.padding}, stride={self.stride}"
        )


class Unfold(Module):
    """Every sliding block of ``(N, C, H, W)`` as a column of ``(N, C * prod(kernel_size), L)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Unfold(kernel_size=(2, 3), stride=2)
    Unfold(kernel_size=(2, 3), dilation=1, padding=0, stride=2)
    """

    __module__ = _MOD
    __constants__ = ["kernel_size", "dilation", "padding", "stride"]

    def __init__(self, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
                 stride: Any = 1) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:
        return F.unfold(input, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self) -> str:
        return (
            f"kernel_size={self.kernel_size}, dilation={self.dilation}, "
            f"padding={self.padding}, stride={self.stride}"
        )
