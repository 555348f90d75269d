"""Transposed convolution layers: ``ConvTranspose1d``, ``ConvTranspose2d``.

>>> import funcgrad.torch as torch
>>> torch.nn.ConvTranspose2d(100, 64, 4, 1, 0, bias=False)(torch.ones(2, 100, 1, 1)).shape
torch.Size([2, 64, 4, 4])
"""

from __future__ import annotations

from typing import Any

from ...factories import empty
from ...tensor import Tensor
from .. import functional as F
from ..parameter import Parameter
from .conv import _ConvNd, _ntuple

__all__ = ["ConvTranspose1d", "ConvTranspose2d"]

_MOD = "torch.nn.modules.conv"


class _ConvTransposeNd(_ConvNd):
    __module__ = _MOD

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, output_padding: Any = 0, groups: int = 1, bias: bool = True,
                 dilation: Any = 1, padding_mode: str = "zeros", device: Any = None,
                 dtype: Any = None) -> None:
        if padding_mode != "zeros":
            raise ValueError(
                f'Only "zeros" padding mode is supported for {type(self).__name__}'
            )
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, dtype=dtype)
        self.transposed = True
        self.output_padding = _ntuple(output_padding, self._n)

    def _make_parameters(self, in_channels: int) -> None:
        shape = (in_channels, self.out_channels // self.groups) + self.kernel_size
        self.weight = Parameter(empty(*shape, dtype=self._dtype))
        if self._has_bias:
            self.bias = Parameter(empty(self.out_channels, dtype=self._dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def _output_padding(self, input: Tensor, output_size: Any) -> tuple:
        """``output_padding``, or the padding that gives ``output_size`` (PyTorch's checks)."""
        n = self._n
        if output_size is None:
            return self.output_padding
        output_size = [int(s) for s in output_size]
        batched = input.dim() == n + 2
        lead = 2 if batched else 1
        if len(output_size) == lead + n:
            output_size = output_size[lead:]
        if len(output_size) != n:
            raise ValueError(
                f"ConvTranspose{n}D: for {input.dim()}D input, output_size must have {n} "
                f"or {lead + n} elements (got {len(output_size)})"
            )
        mins = [
            (input.shape[lead + d] - 1) * self.stride[d] - 2 * self.padding[d]
            + self.dilation[d] * (self.kernel_size[d] - 1) + 1
            for d in range(n)
        ]
        maxs = [m + self.stride[d] - 1 for d, m in enumerate(mins)]
        for size, lo, hi in zip(output_size, mins, maxs):
            if size < lo or size > hi:
                raise ValueError(
                    f"requested an output size of {output_size}, but valid sizes range from "
                    f"{mins} to {maxs} (for an input of {input.shape[lead:]})"
                )
        return tuple(s - m for s, m in zip(output_size, mins))


class ConvTranspose1d(_ConvTransposeNd):
    """1-D transposed convolution over ``(N, C_in, L)``: weight ``(C_in, C_out/groups, K)``.

    The gradient of a ``Conv1d`` with respect to its input, as a layer:
    stride, padding, output_padding, groups, dilation and bias as PyTorch;
    ``forward(input, output_size=None)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> up = torch.nn.ConvTranspose1d(4, 2, 3, stride=2, padding=1, output_padding=1)
    >>> up
    ConvTranspose1d(4, 2, kernel_size=(3,), stride=(2,), padding=(1,), output_padding=(1,))
    >>> up.weight.shape, up(torch.ones(5, 4, 10)).shape
    (torch.Size([4, 2, 3]), torch.Size([5, 2, 20]))
    """

    __module__ = _MOD
    _n = 1

    def forward(self, input: Tensor, output_size: Any = None) -> Tensor:
        extra = self._output_padding(input, output_size)
        return F.conv_transpose1d(input, self.weight, self.bias, self.stride, self.padding,
                                  extra, self.groups, self.dilation)


class ConvTranspose2d(_ConvTransposeNd):
    """2-D transposed convolution over ``(N, C_in, H, W)``: weight ``(C_in, C_out/groups, kH, kW)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> up = torch.nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1, bias=False)
    >>> up
    ConvTranspose2d(8, 4, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)
    >>> up(torch.ones(2, 8, 7, 7)).shape
    torch.Size([2, 4, 14, 14])
    >>> up(torch.ones(2, 8, 7, 7), output_size=[15, 15]).shape
    torch.Size([2, 4, 15, 15])
    """

    __module__ = _MOD
    _n = 2

    def forward(self, input: Tensor, output_size: Any = None) -> Tensor:
        extra = self._output_padding(input, output_size)
        return F.conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding,
                                  extra, self.groups, self.dilation)
