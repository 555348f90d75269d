"""Pooling: max and average pooling (1-D to 3-D), max unpooling and adaptive average pooling.

One helper, :func:`_pool`, serves every max and average variant: it binds the
kernel's window primitives (``reduce_window_max``, ``reduce_window_sum``) over
the spatial axes; ``return_indices`` adds PyTorch's flat index of each maximum
within its ``(N, C)`` plane. Adaptive average pooling is two products with
constant averaging matrices.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ....primitives.pooling import reduce_window_max, reduce_window_sum, window_argmax
from ...factories import tensor, zeros
from ...functions import matmul
from ...tensor import Tensor
from ._common import _batched, _named, _tuple

__all__ = [
    "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
    "max_unpool1d", "max_unpool2d", "max_unpool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
]

# PyTorch pools 1-D inputs as 2-D ones and squeezes the result.
_NODE = {("max", 1): "squeeze_dim", ("max", 2): "max_pool2d_with_indices",
         ("max", 3): "max_pool3d_with_indices", ("avg", 1): "squeeze_dim",
         ("avg", 2): "avg_pool2d", ("avg", 3): "avg_pool3d"}


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


def _pool(kind: str, n: int, what: str, input: Tensor, kernel_size: Any, stride: Any,
          padding: Any, dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False,
          count_include_pad: bool = True, divisor_override: int | None = None) -> Any:
    """Max (``kind="max"``) or average pooling over the last ``n`` axes, as PyTorch's ``what``."""
    x, unbatched = _batched(input, n, what)
    ks, ss, ps, ds, geo = _pool_args(x, n, kernel_size, stride, padding, dilation, ceil_mode)
    window = ((1, 1) + ks, (1, 1) + ss, ((0, 0), (0, 0)) + tuple(g[1] for g in geo),
              (1,) * (n + 2), (1, 1) + ds)
    if kind == "max":
        out = reduce_window_max(x, *window)
    else:
        out = _average(reduce_window_sum(x, *window), x, ks, ss, ps, geo, count_include_pad,
                       divisor_override)
    if unbatched:
        out = out.squeeze(0)
    out = _named(_NODE[kind, n], out, (input,))
    if not return_indices:
        return out
    positions = window_argmax(x.detach().numpy(), *window)[2:]
    flat = np.zeros(positions[0].shape, np.int64)
    for axis, pos in enumerate(positions):
        flat = flat * x.shape[2 + axis] + pos
    indices = tensor(flat[0] if unbatched else flat)
    return out, indices


def _average(total: Tensor, x: Tensor, ks, ss, ps, geo, count_include_pad: bool,
             divisor_override: int | None) -> Tensor:
    """Window sums divided by PyTorch's count of each window (or ``divisor_override``)."""
    if divisor_override:
        return total / float(divisor_override)
    divisor = np.ones(())
    for i in range(len(ks)):
        counts = _window_counts(x.shape[2 + i], ks[i], ss[i], ps[i], geo[i][0],
                                count_include_pad)
        divisor = np.multiply.outer(divisor, counts)
    if np.all(divisor == divisor.flat[0]):
        return total / float(divisor.flat[0])
    return total / tensor(divisor.astype(x.dtype.np))


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


def max_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The maximum over sliding windows of the last axis (padding counts as ``-inf``).

    With ``return_indices`` also the position of each maximum (``int64``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.max_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 5.0, 4.0]]]), 2, return_indices=True)
    (tensor([[[3., 5.]]]), tensor([[[1, 3]]]))
    """
    return _pool("max", 1, "max_pool1d", input, kernel_size, stride, padding, dilation,
                 ceil_mode, return_indices)


def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The maximum over sliding ``kernel_size`` windows of the last two axes.

    With ``return_indices`` also each maximum's flat index ``h * W + w`` in its
    ``(N, C)`` plane, as PyTorch numbers them (what ``max_unpool2d`` takes).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.arange(16.0).reshape(1, 1, 4, 4).requires_grad_()
    >>> y, idx = F.max_pool2d(x, 2, return_indices=True)
    >>> y
    tensor([[[[ 5.,  7.],
              [13., 15.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)
    >>> idx
    tensor([[[[ 5,  7],
              [13, 15]]]])
    """
    return _pool("max", 2, "max_pool2d", input, kernel_size, stride, padding, dilation,
                 ceil_mode, return_indices)


def max_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The maximum over sliding ``kernel_size`` windows of the last three axes.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.max_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2)
    tensor([[[[[7.]]]]])
    """
    return _pool("max", 3, "max_pool3d", input, kernel_size, stride, padding, dilation,
                 ceil_mode, return_indices)


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
    return _pool("avg", 1, "avg_pool1d", input, kernel_size, stride, padding,
                 ceil_mode=ceil_mode, count_include_pad=count_include_pad)


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
    return _pool("avg", 2, "avg_pool2d", input, kernel_size, stride, padding,
                 ceil_mode=ceil_mode, count_include_pad=count_include_pad,
                 divisor_override=divisor_override)


def avg_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """The mean over sliding ``kernel_size`` windows of the last three axes.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.avg_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2)
    tensor([[[[[3.5000]]]]])
    """
    return _pool("avg", 3, "avg_pool3d", input, kernel_size, stride, padding,
                 ceil_mode=ceil_mode, count_include_pad=count_include_pad,
                 divisor_override=divisor_override)


# ---------------------------------------------------------------------------
# Max unpooling: each value back at the position its index names, zeros elsewhere
# ---------------------------------------------------------------------------


def unpool_size(input_size: tuple, kernel_size: tuple, stride: tuple, padding: tuple,
                output_size: Any) -> tuple[int, ...]:
    """The spatial size a max unpooling makes: PyTorch's default, or ``output_size`` checked.

    Examples
    --------
    >>> unpool_size((2, 2), (2, 2), (2, 2), (0, 0), None)
    (4, 4)
    >>> unpool_size((2, 2), (2, 2), (2, 2), (0, 0), (1, 1, 5, 4))
    (5, 4)
    """
    n = len(kernel_size)
    default = tuple((input_size[i] - 1) * stride[i] - 2 * padding[i] + kernel_size[i]
                    for i in range(n))
    if output_size is None:
        return default
    if len(output_size) == n + 2:
        output_size = output_size[2:]
    size = tuple(int(s) for s in output_size)
    if len(size) != n:
        raise ValueError(
            f"output_size should be a sequence containing {n} or {n + 2} elements, but it has "
            f"a length of '{len(size)}'"
        )
    for d in range(n):
        low, high = default[d] - stride[d], default[d] + stride[d]
        if not low < size[d] < high:
            raise ValueError(
                f'invalid output_size "{output_size}" (dim {d} must be between {low} and {high})'
            )
    return size


def _max_unpool(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any, padding: Any,
                output_size: Any, n: int, what: str) -> Tensor:
    x, unbatched = _batched(input, n, what)
    ks = _tuple(kernel_size, n, "kernel_size")
    ss = ks if stride is None else _tuple(stride, n, "stride")
    ps = _tuple(padding, n, "padding")
    size = unpool_size(tuple(x.shape[2:]), ks, ss, ps, output_size)
    if tuple(indices.shape) != tuple(input.shape):
        raise RuntimeError(
            f"Expected shape of indices to be same as that of the input tensor "
            f"({list(input.shape)}) but got indices tensor with shape: {list(indices.shape)}"
        )
    idx = indices.numpy().reshape(x.shape[0], x.shape[1], -1).astype(np.int64, copy=False)
    plane = math.prod(size)
    bad = idx[(idx < 0) | (idx >= plane)]
    if bad.size:
        raise RuntimeError(
            f"Found an invalid max index: {int(bad[0])} (output volumes are of size "
            + "x".join(str(s) for s in size) + ")"
        )
    nn_, cc = np.indices(idx.shape[:2])
    out = zeros(x.shape[0], x.shape[1], plane, dtype=x.dtype)
    out[tensor(nn_[..., None]), tensor(cc[..., None]), tensor(idx)] = x.reshape(
        x.shape[0], x.shape[1], -1)
    out = out.reshape(x.shape[0], x.shape[1], *size)
    if unbatched:
        out = out.squeeze(0)
    return _named({1: "squeeze_dim", 2: "max_unpool2d", 3: "max_unpool3d"}[n], out, (input,))


def max_unpool1d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """The inverse of ``max_pool1d``: each value at its index, zeros elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y, i = F.max_pool1d(torch.tensor([[[1.0, 3.0, 2.0, 5.0]]]), 2, return_indices=True)
    >>> F.max_unpool1d(y, i, 2)
    tensor([[[0., 3., 0., 5.]]])
    """
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 1,
                       "max_unpool1d")


def max_unpool2d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """The inverse of ``max_pool2d``: each value at its flat index, zeros elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y, i = F.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2, return_indices=True)
    >>> F.max_unpool2d(y, i, 2)
    tensor([[[[ 0.,  0.,  0.,  0.],
              [ 0.,  5.,  0.,  7.],
              [ 0.,  0.,  0.,  0.],
              [ 0., 13.,  0., 15.]]]])
    """
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 2,
                       "max_unpool2d")


def max_unpool3d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """The inverse of ``max_pool3d``: each value at its flat index, zeros elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y, i = F.max_pool3d(torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2, return_indices=True)
    >>> F.max_unpool3d(y, i, 2).flatten().tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7.0]
    """
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 3,
                       "max_unpool3d")


# ---------------------------------------------------------------------------
# Adaptive average pooling
# ---------------------------------------------------------------------------


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
