"""Pooling: max, average and adaptive average pooling on the kernel's window primitives."""

from __future__ import annotations

from typing import Any

import numpy as np

from ....primitives.pooling import reduce_window_max, reduce_window_sum
from ...factories import tensor
from ...functions import matmul
from ...tensor import Tensor
from ._common import _batched, _named, _tuple

__all__ = [
    "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d", "adaptive_avg_pool1d",
    "adaptive_avg_pool2d"
]


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
