"""``AdaptiveMaxPool1d`` and ``AdaptiveMaxPool2d``.

>>> import funcgrad.torch as torch
>>> torch.nn.AdaptiveMaxPool2d((5, 7))(torch.ones(1, 64, 8, 9)).shape
torch.Size([1, 64, 5, 7])
"""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = ["AdaptiveMaxPool1d", "AdaptiveMaxPool2d"]

_MOD = "torch.nn.modules.pooling"


class _AdaptiveMaxPoolNd(Module):
    __module__ = _MOD
    __constants__ = ["output_size", "return_indices"]

    def __init__(self, output_size: Any, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class AdaptiveMaxPool1d(_AdaptiveMaxPoolNd):
    """Max pooling of ``(N, C, L)`` to ``output_size`` positions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.AdaptiveMaxPool1d(2)
    >>> m, m(torch.tensor([[[1.0, 5.0, 2.0, 4.0, 3.0]]]))
    (AdaptiveMaxPool1d(output_size=2), tensor([[[5., 4.]]]))
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool1d(input, self.output_size, self.return_indices)


class AdaptiveMaxPool2d(_AdaptiveMaxPoolNd):
    """Max pooling of ``(N, C, H, W)`` to an ``output_size`` grid (``None`` keeps an axis).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.AdaptiveMaxPool2d((None, 1))
    >>> m, m(torch.arange(6.0).reshape(1, 1, 2, 3)).flatten()
    (AdaptiveMaxPool2d(output_size=(None, 1)), tensor([2., 5.]))
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Any:
        return F.adaptive_max_pool2d(input, self.output_size, self.return_indices)
