"""Resampling layers: ``Upsample``, ``UpsamplingNearest2d``, ``UpsamplingBilinear2d``,
``PixelShuffle``, ``PixelUnshuffle``.

>>> import funcgrad.torch as torch
>>> torch.nn.Upsample(scale_factor=2, mode="bilinear")(torch.ones(1, 3, 4, 4)).shape
torch.Size([1, 3, 8, 8])
"""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d", "PixelShuffle",
           "PixelUnshuffle"]


def _float_scale(scale_factor: Any) -> Any:
    if scale_factor is None:
        return None
    if isinstance(scale_factor, (list, tuple)):
        return tuple(float(s) for s in scale_factor)
    return float(scale_factor)


class Upsample(Module):
    """:func:`~funcgrad.torch.nn.functional.interpolate` as a layer.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> up = torch.nn.Upsample(scale_factor=2)
    >>> up
    Upsample(scale_factor=2.0, mode='nearest')
    >>> up(torch.tensor([[[1.0, 2.0]]]))
    tensor([[[1., 1., 2., 2.]]])
    """

    __module__ = "torch.nn.modules.upsampling"
    __constants__ = ["size", "scale_factor", "mode", "align_corners", "name",
                     "recompute_scale_factor"]

    def __init__(self, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
                 align_corners: bool | None = None,
                 recompute_scale_factor: bool | None = None) -> None:
        super().__init__()
        self.name = type(self).__name__
        self.size = size
        self.scale_factor = _float_scale(scale_factor)
        self.mode = mode
        self.align_corners = align_corners
        self.recompute_scale_factor = recompute_scale_factor

    def forward(self, input: Tensor) -> Tensor:
        return F.interpolate(input, self.size, self.scale_factor, self.mode, self.align_corners,
                             recompute_scale_factor=self.recompute_scale_factor)

    def extra_repr(self) -> str:
        if self.scale_factor is not None:
            info = "scale_factor=" + repr(self.scale_factor)
        else:
            info = "size=" + repr(self.size)
        return info + ", mode=" + repr(self.mode)


class UpsamplingNearest2d(Upsample):
    """Nearest-neighbour upsampling of ``(N, C, H, W)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.UpsamplingNearest2d(scale_factor=2)(torch.ones(1, 1, 2, 3)).shape
    torch.Size([1, 1, 4, 6])
    """

    __module__ = "torch.nn.modules.upsampling"

    def __init__(self, size: Any = None, scale_factor: Any = None) -> None:
        super().__init__(size, scale_factor, mode="nearest")


class UpsamplingBilinear2d(Upsample):
    """Bilinear upsampling of ``(N, C, H, W)`` with ``align_corners=True``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.UpsamplingBilinear2d(size=(1, 3))(torch.tensor([[[[0.0, 2.0]]]]))
    tensor([[[[0., 1., 2.]]]])
    """

    __module__ = "torch.nn.modules.upsampling"

    def __init__(self, size: Any = None, scale_factor: Any = None) -> None:
        super().__init__(size, scale_factor, mode="bilinear", align_corners=True)


class PixelShuffle(Module):
    """``(*, C * r**2, H, W)`` -> ``(*, C, H * r, W * r)`` (sub-pixel convolution's last step).

    Parameters
    ----------
    upscale_factor : int
        ``r``, the factor by which height and width grow.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> ps = torch.nn.PixelShuffle(3)
    >>> ps, ps(torch.ones(1, 9, 4, 4)).shape
    (PixelShuffle(upscale_factor=3), torch.Size([1, 1, 12, 12]))
    """

    __module__ = "torch.nn.modules.pixelshuffle"
    __constants__ = ["upscale_factor"]

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return F.pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(Module):
    """``(*, C, H * r, W * r)`` -> ``(*, C * r**2, H, W)``: the inverse of ``PixelShuffle``.

    Parameters
    ----------
    downscale_factor : int
        ``r``, the factor by which height and width shrink.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> pu = torch.nn.PixelUnshuffle(2)
    >>> pu, pu(torch.ones(1, 1, 4, 6)).shape
    (PixelUnshuffle(downscale_factor=2), torch.Size([1, 4, 2, 3]))
    """

    __module__ = "torch.nn.modules.pixelshuffle"
    __constants__ = ["downscale_factor"]

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return F.pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"
