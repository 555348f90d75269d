"""Convolution and pooling as functions of tensors (``F.conv2d``, ``F.max_pool2d``, ...).

Each binds the kernel's window primitives: ``conv_general_dilated`` (NCHW/OIHW,
PyTorch's node name ``ConvolutionBackward0``), ``reduce_window_max`` and
``reduce_window_sum``. Adaptive average pooling is two products with constant
averaging matrices. :mod:`funcgrad.torch.nn.functional` re-exports them.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch.nn.convolution import conv2d
>>> conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2))
tensor([[[[4., 4.],
          [4., 4.]]]])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ...primitives.convolution import conv_general_dilated
from ...primitives.pooling import reduce_window_max, reduce_window_sum
from ..factories import tensor
from ..functions import matmul
from ..tensor import Tensor, record

__all__ = [
    "conv1d", "conv2d", "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d",
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "conv_padding",
]


def _tuple(value: Any, n: int, what: str) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            return (int(value[0]),) * n
        if len(value) != n:
            raise ValueError(f"{what} must be an int or a tuple of {n} ints, got {value}")
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _named(key: str, out: Tensor, inputs: tuple) -> Tensor:
    node = out._node
    if node.prim is not None and node.grad_fn_obj is None:
        node.face = None
        return record(key, node, inputs)
    return out


def _batched(input: Tensor, n_spatial: int, what: str) -> tuple[Tensor, bool]:
    if input.ndim == n_spatial + 1:
        return input.unsqueeze(0), True
    if input.ndim != n_spatial + 2:
        raise RuntimeError(
            f"Expected {n_spatial + 1}D (unbatched) or {n_spatial + 2}D (batched) input to "
            f"{what}, but got input of size: {list(input.shape)}"
        )
    return input, False


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
    if unbatched:
        out = out.squeeze(0)
    return _named("convolution", out, (input, weight, bias))


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


# ---------------------------------------------------------------------------
# Pooling
# ---------------------------------------------------------------------------


def _pool_geometry(length: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> tuple:
    """PyTorch's output length, and the padding ``(low, high)`` that gives it."""
    if p > (d * (k - 1) + 1) // 2:
        raise RuntimeError(
            f"pad should be at most half of effective kernel size, but got pad={p}, "
            f"kernel_size={k} and dilation={d}"
        )
    span = length + 2 * p - d * (k - 1) - 1
    out = (span + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (out - 1) * s >= length + p:
        out -= 1
    if out < 1:
        raise RuntimeError(
            f"Given input size {length}, the pooled output size is {out}, which is too small"
        )
    high = max((out - 1) * s + d * (k - 1) + 1 - length - p, 0)
    return out, (p, high)


def _pool_args(x: Tensor, n: int, kernel_size: Any, stride: Any, padding: Any,
               dilation: Any, ceil_mode: bool):
    ks = _tuple(kernel_size, n, "kernel_size")
    ss = ks if stride is None or (isinstance(stride, (list, tuple)) and not stride) \
        else _tuple(stride, n, "stride")
    ps = _tuple(padding, n, "padding")
    ds = _tuple(dilation, n, "dilation")
    geo = [_pool_geometry(x.shape[2 + i], ks[i], ss[i], ps[i], ds[i], ceil_mode)
           for i in range(n)]
    return ks, ss, ps, ds, geo


def _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, n,
              what):
    if return_indices:
        raise NotImplementedError(
            f"{what}(return_indices=True) is not supported by funcgrad.torch; use the values"
        )
    x, unbatched = _batched(input, n, what)
    ks, ss, _, ds, geo = _pool_args(x, n, kernel_size, stride, padding, dilation, ceil_mode)
    out = reduce_window_max(
        x, (1, 1) + ks, (1, 1) + ss, ((0, 0), (0, 0)) + tuple(g[1] for g in geo),
        (1,) * (n + 2), (1, 1) + ds,
    )
    if unbatched:
        out = out.squeeze(0)
    # PyTorch pools 1-D inputs as 2-D ones and squeezes the result.
    key = "max_pool2d_with_indices" if n == 2 else "squeeze_dim"
    return _named(key, out, (input,))


def max_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Tensor:
    """The maximum over sliding windows of the last axis (padding counts as ``-inf``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.max_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 5.0, 4.0]]]), 2)
    tensor([[[3., 5.]]])
    """
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices,
                     1, "max_pool1d")


def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Tensor:
    """The maximum over sliding ``kernel_size`` windows of the last two axes.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.arange(16.0).reshape(1, 1, 4, 4).requires_grad_()
    >>> y = F.max_pool2d(x, 2)
    >>> y
    tensor([[[[ 5.,  7.],
              [13., 15.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)
    """
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices,
                     2, "max_pool2d")


def _window_counts(length: int, k: int, s: int, p: int, out: int, include_pad: bool):
    """How many elements each pooling window averages along one axis, as PyTorch counts."""
    counts = np.empty(out)
    for i in range(out):
        start = i * s - p
        end = min(start + k, length + p)
        if not include_pad:
            start, end = max(start, 0), min(end, length)
        counts[i] = end - start
    return counts


def _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
              divisor_override, n, what):
    x, unbatched = _batched(input, n, what)
    ks, ss, ps, _, geo = _pool_args(x, n, kernel_size, stride, padding, 1, ceil_mode)
    total = reduce_window_sum(
        x, (1, 1) + ks, (1, 1) + ss, ((0, 0), (0, 0)) + tuple(g[1] for g in geo),
        (1,) * (n + 2), (1,) * (n + 2),
    )
    if divisor_override:
        out = total / float(divisor_override)
    else:
        divisor = np.ones(())
        for i in range(n):
            counts = _window_counts(x.shape[2 + i], ks[i], ss[i], ps[i], geo[i][0],
                                    count_include_pad)
            divisor = np.multiply.outer(divisor, counts)
        uniform = np.all(divisor == divisor.flat[0])
        if uniform:
            out = total / float(divisor.flat[0])
        else:
            out = total / tensor(divisor.astype(x.dtype.np))
    if unbatched:
        out = out.squeeze(0)
    return _named("avg_pool2d" if n == 2 else "squeeze_dim", out, (input,))


def avg_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    """The mean over sliding windows of the last axis.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.avg_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 6.0]]]), 2)
    tensor([[[2., 4.]]])
    """
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, None,
                     1, "avg_pool1d")


def avg_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """The mean over sliding ``kernel_size`` windows of the last two axes.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.avg_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2)
    tensor([[[[ 2.5000,  4.5000],
              [10.5000, 12.5000]]]])
    """
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                     divisor_override, 2, "avg_pool2d")


def _averaging_matrix(length: int, out: int, dtype: np.dtype) -> np.ndarray:
    """``(out, length)``: row ``i`` averages PyTorch's adaptive bin ``i``."""
    m = np.zeros((out, length), dtype=dtype)
    for i in range(out):
        start = (i * length) // out
        end = -((-(i + 1) * length) // out)
        m[i, start:end] = 1.0 / (end - start)
    return m


def _adaptive_avg(input: Tensor, output_size: Any, n: int, what: str) -> Tensor:
    x, unbatched = _batched(input, n, what)
    sizes = output_size if isinstance(output_size, (list, tuple)) else (output_size,) * n
    sizes = tuple(x.shape[2 + i] if s is None else int(s) for i, s in enumerate(sizes))
    out = x
    # The last axis first: out @ M^T averages it; then the axis before, through a transpose.
    for axis in range(n - 1, -1, -1):
        length = x.shape[2 + axis]
        if sizes[axis] == length:
            continue
        m = tensor(_averaging_matrix(length, sizes[axis], x.dtype.np))
        moved = out.transpose(2 + axis, -1) if axis != n - 1 else out
        moved = matmul(moved, m.t())
        out = moved.transpose(2 + axis, -1) if axis != n - 1 else moved
    if unbatched:
        out = out.squeeze(0)
    key = "adaptive_avg_pool2d" if n == 2 else "squeeze_dim"
    return _named(key, out, (input,))


def adaptive_avg_pool1d(input: Tensor, output_size: Any) -> Tensor:
    """Average pooling to ``output_size`` positions (PyTorch's adaptive bins).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.adaptive_avg_pool1d(torch.tensor([[[1.0, 2.0, 3.0, 4.0, 5.0]]]), 2)
    tensor([[[2.0000, 4.0000]]])
    """
    return _adaptive_avg(input, output_size, 1, "adaptive_avg_pool1d")


def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:
    """Average pooling to an ``output_size`` grid (``None`` keeps an axis).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.adaptive_avg_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 1)
    tensor([[[[7.5000]]]])
    """
    return _adaptive_avg(input, output_size, 2, "adaptive_avg_pool2d")


