"""Convolution layers: ``Conv1d``, ``Conv2d``, ``Conv3d`` (and their lazy forms).

>>> import funcgrad.torch as torch
>>> torch.nn.Conv2d(1, 6, 5)(torch.ones(2, 1, 28, 28)).shape
torch.Size([2, 6, 24, 24])
"""

from __future__ import annotations

import math
from typing import Any

from ...factories import empty
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..functional.convolution import conv_padding
from ..parameter import Parameter, UninitializedParameter
from .module import Module

__all__ = ["Conv1d", "Conv2d", "Conv3d", "LazyConv1d", "LazyConv2d", "LazyConv3d"]

_MOD = "torch.nn.modules.conv"
_PAD_MODES = {"zeros", "reflect", "replicate", "circular"}


def _ntuple(value: Any, n: int) -> tuple:
    if isinstance(value, (list, tuple)):
        return tuple(value) if len(value) == n else tuple(value) * n
    return (value,) * n


class _ConvNd(Module):
    __module__ = _MOD
    _n = 2

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        n = self._n
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        if padding_mode not in _PAD_MODES:
            raise ValueError(
                f"padding_mode must be one of {sorted(_PAD_MODES)}, but got "
                f"padding_mode='{padding_mode}'"
            )
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _ntuple(kernel_size, n)
        self.stride = _ntuple(stride, n)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(
                    f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}"
                )
            if padding == "same" and any(s != 1 for s in self.stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
            self.padding = padding
        else:
            self.padding = _ntuple(padding, n)
        self.dilation = _ntuple(dilation, n)
        self.transposed = False
        self.output_padding = (0,) * n
        self.groups = groups
        self.padding_mode = padding_mode
        self._has_bias = bias
        self._dtype = dtype
        self._make_parameters(in_channels)

    def _make_parameters(self, in_channels: int) -> None:
        shape = (self.out_channels, in_channels // self.groups) + self.kernel_size
        self.weight = Parameter(empty(*shape, dtype=self._dtype))
        if self._has_bias:
            self.bias = Parameter(empty(self.out_channels, dtype=self._dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.weight.shape[1] * math.prod(self.weight.shape[2:])
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def _pad_input(self, input: Tensor) -> tuple[Tensor, Any]:
        if self.padding_mode == "zeros":
            return input, self.padding
        if isinstance(self.padding, str):
            pads = conv_padding(self.padding, self.kernel_size, self.dilation, self.stride)
        else:
            pads = tuple((p, p) for p in self.padding)
        flat = []
        for lo, hi in reversed(pads):
            flat += [lo, hi]
        return F.pad(input, tuple(flat), mode=self.padding_mode), 0

    def extra_repr(self) -> str:
        s = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}"
        s += f", stride={self.stride}"
        zero = (0,) * self._n
        if self.padding != zero:
            s += f", padding={self.padding}"
        if self.dilation != (1,) * self._n:
            s += f", dilation={self.dilation}"
        if self.output_padding != zero:
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


class Conv1d(_ConvNd):
    """1-D convolution over ``(N, C_in, L)``: weight ``(C_out, C_in/groups, K)``.

    Stride, padding (ints, ``'same'``, ``'valid'``), dilation, groups, bias and
    ``padding_mode`` as PyTorch; weights start from ``kaiming_uniform_(a=sqrt(5))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.Conv1d(2, 4, 3, padding="same", dilation=2, groups=2)
    >>> conv
    Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=same, dilation=(2,), groups=2)
    >>> conv(torch.ones(5, 2, 10)).shape
    torch.Size([5, 4, 10])
    """

    __module__ = _MOD
    _n = 1

    def forward(self, input: Tensor) -> Tensor:
        x, padding = self._pad_input(input)
        return F.conv1d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class Conv2d(_ConvNd):
    """2-D convolution over ``(N, C_in, H, W)``: weight ``(C_out, C_in/groups, kH, kW)``.

    Stride, padding (ints, ``'same'``, ``'valid'``), dilation, groups, bias and
    ``padding_mode`` as PyTorch; weights start from ``kaiming_uniform_(a=sqrt(5))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.Conv2d(1, 6, 3, stride=2, padding=1, bias=False)
    >>> conv
    Conv2d(1, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    >>> conv(torch.ones(2, 1, 28, 28)).shape
    torch.Size([2, 6, 14, 14])
    """

    __module__ = _MOD
    _n = 2

    def forward(self, input: Tensor) -> Tensor:
        x, padding = self._pad_input(input)
        return F.conv2d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class Conv3d(_ConvNd):
    """3-D convolution over ``(N, C_in, D, H, W)``: weight ``(C_out, C_in/groups, kD, kH, kW)``.

    Stride, padding (ints, ``'same'``, ``'valid'``), dilation, groups, bias and
    ``padding_mode`` as PyTorch; weights start from ``kaiming_uniform_(a=sqrt(5))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.Conv3d(2, 4, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))
    >>> conv
    Conv3d(2, 4, kernel_size=(3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))
    >>> conv(torch.ones(3, 2, 10, 6, 6)).shape
    torch.Size([3, 4, 8, 6, 5])
    """

    __module__ = _MOD
    _n = 3

    def forward(self, input: Tensor) -> Tensor:
        x, padding = self._pad_input(input)
        return F.conv3d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class _LazyConv:
    def _lazy_init(self, out_channels: int, kernel_size: Any, stride: Any, padding: Any,
                   dilation: Any, groups: int, bias: bool, padding_mode: str,
                   dtype: Any) -> None:
        base = self._base  # type: ignore[attr-defined]
        base.__init__(self, groups, out_channels, kernel_size, stride, padding, dilation,
                      groups, bias, padding_mode, dtype=dtype)
        self.in_channels = 0

    def _make_parameters(self, in_channels: int) -> None:
        self.weight = UninitializedParameter(dtype=self._dtype)
        if self._has_bias:
            self.bias = UninitializedParameter(dtype=self._dtype)
        else:
            self.register_parameter("bias", None)

    def reset_parameters(self) -> None:
        if not isinstance(self.weight, UninitializedParameter):
            self._base.reset_parameters(self)  # type: ignore[attr-defined]

    def forward(self, input: Tensor) -> Tensor:
        base = self._base  # type: ignore[attr-defined]
        if isinstance(self.weight, UninitializedParameter):
            channels_axis = 0 if input.ndim == self._n + 1 else 1  # type: ignore[attr-defined]
            self.in_channels = input.shape[channels_axis]
            shape = (self.out_channels, self.in_channels // self.groups) + self.kernel_size
            self.weight.materialize(shape)
            if self.bias is not None:
                self.bias.materialize((self.out_channels,))
            self.reset_parameters()
        # The plain class from the first forward on; after a loaded state dict materialised
        # the weight, ``in_channels`` stays 0 as in PyTorch.
        self.__class__ = base
        return base.forward(self, input)


class LazyConv1d(_LazyConv, Conv1d):
    """A ``Conv1d`` whose ``in_channels`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.LazyConv1d(4, 3)
    >>> conv(torch.ones(2, 5, 8)).shape, conv
    (torch.Size([2, 4, 6]), Conv1d(5, 4, kernel_size=(3,), stride=(1,)))
    """

    __module__ = _MOD
    _base = Conv1d

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        self._lazy_init(out_channels, kernel_size, stride, padding, dilation, groups, bias,
                        padding_mode, dtype)


class LazyConv2d(_LazyConv, Conv2d):
    """A ``Conv2d`` whose ``in_channels`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.LazyConv2d(6, kernel_size=5, padding=2)
    >>> conv(torch.ones(2, 1, 28, 28)).shape, conv
    (torch.Size([2, 6, 28, 28]), Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)))
    """

    __module__ = _MOD
    _base = Conv2d

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        self._lazy_init(out_channels, kernel_size, stride, padding, dilation, groups, bias,
                        padding_mode, dtype)


class LazyConv3d(_LazyConv, Conv3d):
    """A ``Conv3d`` whose ``in_channels`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> conv = torch.nn.LazyConv3d(2, kernel_size=3)
    >>> conv(torch.ones(1, 4, 5, 5, 5)).shape, conv
    (torch.Size([1, 2, 3, 3, 3]), Conv3d(4, 2, kernel_size=(3, 3, 3), stride=(1, 1, 1)))
    """

    __module__ = _MOD
    _base = Conv3d

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        self._lazy_init(out_channels, kernel_size, stride, padding, dilation, groups, bias,
                        padding_mode, dtype)
