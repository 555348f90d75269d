"""Adaptive max pooling: ``adaptive_max_pool1d``, ``adaptive_max_pool2d``.

PyTorch's adaptive bins along an axis of length ``L`` into ``n`` outputs are
``[floor(i L / n), ceil((i + 1) L / n))``. Each axis gathers its bins (padded
to one width by repeating the bin's first index, which cannot change a
maximum) and takes the maximum; a 2-D bin's maximum is the maximum over rows
of the maximum over columns. Indices, as PyTorch numbers them (``h * W + w``
in the plane), come with ``return_indices``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...factories import tensor
from ...tensor import Tensor
from ._common import _batched, _named

__all__ = ["adaptive_max_pool1d", "adaptive_max_pool2d"]


def _bins(length: int, out: int) -> np.ndarray:
    """``(out, width)`` source indices of each adaptive bin, short bins padded by repetition."""
    starts = [(i * length) // out for i in range(out)]
    ends = [-((-(i + 1) * length) // out) for i in range(out)]
    width = max(e - s for s, e in zip(starts, ends))
    index = np.empty((out, width), dtype=np.int64)
    for i, (s, e) in enumerate(zip(starts, ends)):
        row = list(range(s, e))
        index[i] = row + [s] * (width - len(row))
    return index


def _sizes(x: Tensor, output_size: Any, n: int) -> tuple[int, ...]:
    sizes = output_size if isinstance(output_size, (list, tuple)) else (output_size,) * n
    if len(sizes) != n:
        raise ValueError(f"adaptive_max_pool{n}d: output_size must be an int or {n} ints, "
                         f"got {output_size}")
    return tuple(x.shape[2 + i] if s is None else int(s) for i, s in enumerate(sizes))


def _adaptive_max(input: Tensor, output_size: Any, n: int, return_indices: bool) -> Any:
    what = f"adaptive_max_pool{n}d"
    x, unbatched = _batched(input, n, what)
    sizes = _sizes(x, output_size, n)
    out = x
    for axis in range(n):
        index = _bins(x.shape[2 + axis], sizes[axis])
        ax = 2 + axis
        gathered = out[(slice(None),) * ax + (index,)]  # (..., out, width, ...)
        out = gathered.max(ax + 1).values
    if unbatched:
        out = out.squeeze(0)
    out = _named("adaptive_max_pool2d" if n == 2 else "squeeze_dim", out, (input,))
    if not return_indices:
        return out
    return out, _indices(x.detach().numpy(), sizes, unbatched)


def _indices(values: np.ndarray, sizes: tuple, unbatched: bool) -> Tensor:
    """Each output's argmax (first maximum, row-major), flat within its ``(N, C)`` plane."""
    spatial = values.shape[2:]
    flat = np.zeros(values.shape[:2] + sizes, dtype=np.int64)
    bins = [_bins(spatial[a], sizes[a]) for a in range(len(sizes))]
    for pos in np.ndindex(*sizes):
        window = values
        for a, p in enumerate(pos):
            lo, hi = int(bins[a][p].min()), int(bins[a][p].max()) + 1
            window = window[(slice(None),) * (2 + a) + (slice(lo, hi),)]
        w_shape = window.shape[2:]
        arg = window.reshape(window.shape[:2] + (-1,)).argmax(-1)
        coords = np.unravel_index(arg, w_shape)
        linear = np.zeros_like(arg)
        for a, c in enumerate(coords):
            lo = int(bins[a][pos[a]].min())
            linear = linear * spatial[a] + (c + lo)
        flat[(slice(None), slice(None)) + pos] = linear
    return tensor(flat[0] if unbatched else flat)


def adaptive_max_pool1d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:
    """Max pooling of ``(N, C, L)`` to ``output_size`` positions (PyTorch's adaptive bins).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.adaptive_max_pool1d(torch.tensor([[[1.0, 5.0, 2.0, 4.0, 3.0]]]), 2,
    ...                       return_indices=True)
    (tensor([[[5., 4.]]]), tensor([[[1, 3]]]))
    """
    return _adaptive_max(input, output_size, 1, return_indices)


def adaptive_max_pool2d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:
    """Max pooling of ``(N, C, H, W)`` to an ``output_size`` grid (``None`` keeps an axis).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.arange(16.0).reshape(1, 1, 4, 4).requires_grad_()
    >>> y = F.adaptive_max_pool2d(x, (2, 1))
    >>> y.flatten(), y.grad_fn.name()
    (tensor([ 7., 15.], grad_fn=<ViewBackward0>), 'AdaptiveMaxPool2DBackward0')
    """
    return _adaptive_max(input, output_size, 2, return_indices)
