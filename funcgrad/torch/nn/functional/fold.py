"""``unfold`` (im2col) and ``fold`` (col2im): sliding blocks out of and back into an image.

``unfold`` is a grouped convolution with one-hot kernels: output channel
``c * kh * kw + i * kw + j`` picks element ``(i, j)`` of each block of
channel ``c``. ``fold`` is its adjoint, the transposed convolution with the
same kernels, so overlapping blocks add up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ....primitives.convolution import conv_general_dilated
from ...factories import tensor
from ...tensor import Tensor
from ._common import _named, _tuple

__all__ = ["unfold", "fold"]


def _one_hot_kernels(channels: int, kh: int, kw: int, dtype: np.dtype) -> Tensor:
    eye = np.eye(kh * kw, dtype=dtype).reshape(kh * kw, 1, kh, kw)
    return tensor(np.tile(eye, (channels, 1, 1, 1)))


def _blocks(size: int, k: int, d: int, p: int, s: int) -> int:
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def unfold(input: Tensor, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
           stride: Any = 1) -> Tensor:
    """``(N, C, H, W)`` -> ``(N, C * kh * kw, L)``: every sliding block as a column.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.unfold(torch.arange(9.0).reshape(1, 1, 3, 3), 2)
    tensor([[[0., 1., 3., 4.],
             [1., 2., 4., 5.],
             [3., 4., 6., 7.],
             [4., 5., 7., 8.]]])
    """
    if input.dim() not in (3, 4):
        raise NotImplementedError(
            f"Input Error: Only 3D or 4D input Tensors are supported (got {input.dim()}D)"
        )
    unbatched = input.dim() == 3
    x = input.unsqueeze(0) if unbatched else input
    kh, kw = _tuple(kernel_size, 2, "kernel_size")
    dh, dw = _tuple(dilation, 2, "dilation")
    ph, pw = _tuple(padding, 2, "padding")
    sh, sw = _tuple(stride, 2, "stride")
    n, c = x.shape[:2]
    cols = conv_general_dilated(
        x, _one_hot_kernels(c, kh, kw, x.dtype.np), window_strides=(sh, sw),
        padding=((ph, ph), (pw, pw)), lhs_dilation=(1, 1), rhs_dilation=(dh, dw),
        feature_group_count=c,
    )
    out = cols.reshape(n, c * kh * kw, -1)
    if unbatched:
        out = out.squeeze(0)
    return _named("im2col", out, (input,))


def fold(input: Tensor, output_size: Any, kernel_size: Any, dilation: Any = 1,
         padding: Any = 0, stride: Any = 1) -> Tensor:
    """``(N, C * kh * kw, L)`` -> ``(N, C, H, W)``: columns back into blocks, overlaps summed.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.fold(torch.ones(1, 4, 4), (3, 3), 2)
    tensor([[[[1., 2., 1.],
              [2., 4., 2.],
              [1., 2., 1.]]]])
    """
    if input.dim() not in (2, 3):
        raise NotImplementedError(
            f"Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported "
            f"(got {input.dim()}D)"
        )
    unbatched = input.dim() == 2
    x = input.unsqueeze(0) if unbatched else input
    oh, ow = _tuple(output_size, 2, "output_size")
    kh, kw = _tuple(kernel_size, 2, "kernel_size")
    dh, dw = _tuple(dilation, 2, "dilation")
    ph, pw = _tuple(padding, 2, "padding")
    sh, sw = _tuple(stride, 2, "stride")
    n, ck, length = x.shape
    if ck % (kh * kw):
        raise RuntimeError(
            "Expected size of input's dimension 1 to be divisible by the product of "
            f"kernel_size, but got input.size(1)={ck} and kernel_size=({kh}, {kw})."
        )
    bh, bw = _blocks(oh, kh, dh, ph, sh), _blocks(ow, kw, dw, pw, sw)
    if bh * bw != length:
        raise RuntimeError(
            f"Given output_size=({oh}, {ow}), kernel_size=({kh}, {kw}), dilation=({dh}, {dw}), "
            f"padding=({ph}, {pw}), stride=({sh}, {sw}), expected size of input's dimension 2 "
            f"to match the calculated number of sliding blocks {bh} * {bw} = {bh * bw}, but "
            f"got input.size(2)={length}."
        )
    c = ck // (kh * kw)
    cols = x.reshape(n, ck, bh, bw)
    # (C, K, kh, kw): output channel c gathers its K columns, each through its flipped one-hot.
    eye = np.eye(kh * kw, dtype=x.dtype.np).reshape(1, kh * kw, kh, kw)[:, :, ::-1, ::-1]
    kernels = tensor(np.ascontiguousarray(np.tile(eye, (c, 1, 1, 1))))
    # The input dilated by the stride, padded so the output is exactly (oh, ow).
    pads = [(d * (k - 1) - p, size + p - ((b - 1) * s + 1))
            for size, k, d, p, s, b in ((oh, kh, dh, ph, sh, bh), (ow, kw, dw, pw, sw, bw))]
    out = conv_general_dilated(
        cols, kernels, window_strides=(1, 1), padding=tuple(pads), lhs_dilation=(sh, sw),
        rhs_dilation=(dh, dw), feature_group_count=c,
    )
    if unbatched:
        out = out.squeeze(0)
    return _named("col2im", out, (input,))
