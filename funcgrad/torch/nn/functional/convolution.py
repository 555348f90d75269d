"""Convolution: ``conv1d``, ``conv2d``, ``conv3d`` on the kernel's ``conv_general_dilated``
(NCHW/OIHW)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ....primitives.convolution import conv_general_dilated
from ...tensor import Tensor
from ._common import _batched, _named, _tuple

__all__ = ["conv1d", "conv2d", "conv3d"]


def conv_padding(padding: Any, kernel: Sequence[int], dilation: Sequence[int],
                 stride: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """``(low, high)`` per spatial axis for PyTorch's ``padding`` (ints, ``'same'``, ``'valid'``).

    Examples
    --------
    >>> conv_padding("same", (4,), (1,), (1,)), conv_padding(1, (3, 3), (1, 1), (1, 1))
    (((1, 2),), ((1, 1), (1, 1)))
    """
    n = len(kernel)
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * n
        if padding == "same":
            if any(s != 1 for s in stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
            pads = []
            for k, d in zip(kernel, dilation):
                total = d * (k - 1)
                pads.append((total // 2, total - total // 2))
            return tuple(pads)
        raise ValueError(
            f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}"
        )
    return tuple((p, p) for p in _tuple(padding, n, "padding"))


def _conv(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,
          dilation: Any, groups: int, n: int, what: str) -> Tensor:
    x, unbatched = _batched(input, n, what)
    if weight.ndim != n + 2:
        raise RuntimeError(
            f"weight of {what} must be {n + 2}-D (out_channels, in_channels/groups, *kernel), "
            f"got {list(weight.shape)}"
        )
    if x.shape[1] != weight.shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {list(weight.shape)}, expected input"
            f"{list(x.shape)} to have {weight.shape[1] * groups} channels, but got "
            f"{x.shape[1]} channels instead"
        )
    strides = _tuple(stride, n, "stride")
    dilations = _tuple(dilation, n, "dilation")
    pads = conv_padding(padding, tuple(weight.shape[2:]), dilations, strides)
    out = conv_general_dilated(
        x, weight, window_strides=strides, padding=pads, lhs_dilation=(1,) * n,
        rhs_dilation=dilations, feature_group_count=groups,
    )
    if bias is not None:
        out = out + bias.reshape((1, -1) + (1,) * n)
    out = _named("convolution", out, (x, weight, bias))
    return out.squeeze(0) if unbatched else out  # PyTorch's SqueezeBackward1 when unbatched


def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """1-D cross-correlation of ``(N, C, L)`` with ``(O, C/groups, K)`` (PyTorch's conv1d).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.conv1d(torch.arange(5.0).reshape(1, 1, 5), torch.ones(1, 1, 2), padding="same")
    tensor([[[1., 3., 5., 7., 4.]]])
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d")


def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """2-D cross-correlation of ``(N, C, H, W)`` with ``(O, C/groups, kH, kW)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.ones(1, 2, 4, 4, requires_grad=True)
    >>> y = F.conv2d(x, torch.ones(3, 2, 3, 3), torch.zeros(3), stride=2, padding=1)
    >>> y.shape, y.grad_fn.name()
    (torch.Size([1, 3, 2, 2]), 'ConvolutionBackward0')
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, 2, "conv2d")


def conv3d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """3-D cross-correlation of ``(N, C, D, H, W)`` with ``(O, C/groups, kD, kH, kW)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.ones(1, 2, 4, 4, 4, requires_grad=True)
    >>> y = F.conv3d(x, torch.ones(3, 2, 3, 3, 3), padding=1, stride=(1, 2, 2))
    >>> y.shape, y.grad_fn.name(), y[0, 0, 0, 0, 0].item()
    (torch.Size([1, 3, 4, 2, 2]), 'ConvolutionBackward0', 16.0)
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, 3, "conv3d")
