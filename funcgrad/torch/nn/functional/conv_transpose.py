"""Transposed convolution: ``conv_transpose1d``, ``conv_transpose2d``.

A transposed convolution is the input-gradient of a convolution: the input is
dilated by the stride (the kernel's ``lhs_dilation``), padded by
``dilation * (k - 1) - padding`` (plus ``output_padding`` at the end) and
convolved with the kernel flipped and its in/out features swapped per group.
"""

from __future__ import annotations

from typing import Any

from ....primitives.convolution import conv_general_dilated
from ...tensor import Tensor
from ._common import _batched, _named, _tuple

__all__ = ["conv_transpose1d", "conv_transpose2d"]


def _forward_kernel(weight: Tensor, groups: int, n: int) -> Tensor:
    """``(C_in, C_out/g, *K)`` -> the ``(C_out, C_in/g, *K)`` kernel, flipped, of the conv."""
    c_in, c_out_g = weight.shape[:2]
    k = tuple(weight.shape[2:])
    w = weight.reshape(groups, c_in // groups, c_out_g, *k).transpose(1, 2)
    w = w.reshape(groups * c_out_g, c_in // groups, *k)
    return w.flip(tuple(range(2, 2 + n)))


def _conv_transpose(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,
                    padding: Any, output_padding: Any, groups: int, dilation: Any, n: int,
                    what: str) -> Tensor:
    x, unbatched = _batched(input, n, what)
    if weight.ndim != n + 2:
        raise RuntimeError(
            f"weight of {what} must be {n + 2}-D (in_channels, out_channels/groups, *kernel), "
            f"got {list(weight.shape)}"
        )
    if x.shape[1] != weight.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {list(weight.shape)}, expected input"
            f"{list(x.shape)} to have {weight.shape[0]} channels, but got {x.shape[1]} "
            "channels instead"
        )
    strides = _tuple(stride, n, "stride")
    pads = _tuple(padding, n, "padding")
    extra = _tuple(output_padding, n, "output_padding")
    dilations = _tuple(dilation, n, "dilation")
    for op, s, d in zip(extra, strides, dilations):
        if op >= s and op >= d:
            raise RuntimeError(
                "output padding must be smaller than either stride or dilation, but got "
                f"output_padding: {op}, stride: {s}, dilation: {d}"
            )
    k = tuple(weight.shape[2:])
    padding_pairs = tuple(
        (d * (kk - 1) - p, d * (kk - 1) - p + op)
        for kk, p, op, d in zip(k, pads, extra, dilations)
    )
    out = conv_general_dilated(
        x, _forward_kernel(weight, groups, n), window_strides=(1,) * n, padding=padding_pairs,
        lhs_dilation=strides, rhs_dilation=dilations, feature_group_count=groups,
    )
    if bias is not None:
        out = out + bias.reshape((1, -1) + (1,) * n)
    if unbatched:
        out = out.squeeze(0)
    return _named("convolution", out, (input, weight, bias))


def conv_transpose1d(input: Tensor, weight: Tensor, bias: Tensor | None = None,
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:
    """1-D transposed convolution of ``(N, C_in, L)`` with ``(C_in, C_out/groups, K)``.

    The output length is ``(L - 1) * stride - 2 * padding + dilation * (K - 1)
    + output_padding + 1``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.conv_transpose1d(torch.tensor([[[1.0, 2.0]]]), torch.tensor([[[1.0, 10.0]]]),
    ...                    stride=2)
    tensor([[[ 1., 10.,  2., 20.]]])
    """
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 1, "conv_transpose1d")


def conv_transpose2d(input: Tensor, weight: Tensor, bias: Tensor | None = None,
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:
    """2-D transposed convolution of ``(N, C_in, H, W)`` with ``(C_in, C_out/groups, kH, kW)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.ones(1, 2, 3, 3, requires_grad=True)
    >>> y = F.conv_transpose2d(x, torch.ones(2, 4, 4, 4), stride=2, padding=1)
    >>> y.shape, y.grad_fn.name()
    (torch.Size([1, 4, 6, 6]), 'ConvolutionBackward0')
    """
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 2, "conv_transpose2d")
