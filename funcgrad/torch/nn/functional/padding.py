"""``pad``: constant, reflect, replicate and circular padding of the last dimensions."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...factories import tensor, zeros
from ...functions import cat
from ...tensor import Tensor
from ._common import _named

__all__ = ["pad"]


def pad(input: Tensor, pad: Any, mode: str = "constant", value: float | None = None) -> Tensor:
    """Pad the last ``len(pad) // 2`` dimensions: ``pad = (left, right, top, bottom, ...)``.

    ``mode`` is ``'constant'`` (with ``value``), ``'reflect'``, ``'replicate'``
    or ``'circular'``; negative pads crop.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.pad(torch.tensor([[1.0, 2.0]]), (1, 2))
    tensor([[0., 1., 2., 0., 0.]])
    >>> F.pad(torch.tensor([[1.0, 2.0, 3.0]]), (2, 1), mode="reflect")
    tensor([[3., 2., 1., 2., 3., 2.]])
    """
    pad = tuple(int(p) for p in pad)
    if len(pad) % 2 or len(pad) // 2 > input.ndim:
        raise ValueError(
            f"Padding length must be divisible by 2 and at most twice the number of dimensions "
            f"of the input; got {len(pad)} for an input of {input.ndim} dimensions"
        )
    out = input
    for i in range(len(pad) // 2):
        dim = input.ndim - 1 - i
        before, after = pad[2 * i], pad[2 * i + 1]
        if before == 0 and after == 0:
            continue
        n = out.shape[dim]
        if mode == "constant":
            if before < 0 or after < 0:
                out = out.narrow(dim, max(-before, 0), n - max(-before, 0) - max(-after, 0))
                before, after = max(before, 0), max(after, 0)
            parts = []
            fill = 0.0 if value is None else value
            shape = list(out.shape)
            if before:
                shape[dim] = before
                parts.append(zeros(*shape, dtype=out.dtype) + fill)
            parts.append(out)
            if after:
                shape[dim] = after
                parts.append(zeros(*shape, dtype=out.dtype) + fill)
            out = cat(parts, dim) if len(parts) > 1 else out
            continue
        positions = np.arange(-before, n + after)
        if mode == "reflect":
            if before >= n or after >= n:
                raise RuntimeError(
                    "Argument #4: Padding size should be less than the corresponding input "
                    f"dimension, but got: padding ({before}, {after}) at dimension {dim} of input "
                    f"{list(input.shape)}"
                )
            period = 2 * (n - 1)
            positions = np.abs(positions) % period if period else positions * 0
            positions = np.where(positions >= n, period - positions, positions)
        elif mode == "replicate":
            positions = np.clip(positions, 0, n - 1)
        elif mode == "circular":
            positions = positions % n
        else:
            raise NotImplementedError(
                f"pad mode {mode!r}: use 'constant', 'reflect', 'replicate' or 'circular'"
            )
        index = (slice(None),) * dim + (tensor(positions),)
        out = out[index]
    if mode == "constant":
        key = "constant_pad_nd"
    elif mode == "circular":
        key = "copy_slices"
    else:
        kind = "reflection" if mode == "reflect" else "replication"
        key = f"{kind}_pad{len(pad) // 2}d"
    return _named(key, out, (input,))
