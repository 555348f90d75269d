"""Index lookups: ``embedding``, ``embedding_bag`` and ``one_hot``."""

from __future__ import annotations

import numpy as np

from ..._graph import no_grad
from ...factories import tensor
from ...functions import where
from ...tensor import Tensor
from ._common import _named

__all__ = ["embedding", "embedding_bag", "one_hot"]


def embedding(
    input: Tensor,
    weight: Tensor,
    padding_idx: int | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """Rows of ``weight`` picked by the integer tensor ``input``.

    The row ``padding_idx`` gets no gradient; ``max_norm`` renormalises the
    rows looked up, in place, as PyTorch does.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.embedding(torch.tensor([2, 0]), torch.arange(6.0).reshape(3, 2))
    tensor([[4., 5.],
            [0., 1.]])
    """
    if input.is_floating_point():
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            "types: Long, Int; but got torch.FloatTensor instead (while checking arguments "
            "for embedding)"
        )
    if padding_idx is not None and padding_idx < 0:
        padding_idx += weight.shape[0]
    if max_norm is not None:
        with no_grad():
            rows = np.unique(input.numpy().reshape(-1))
            w = weight.detach().numpy()
            norms = np.linalg.norm(w[rows], ord=norm_type, axis=1)
            scale = np.where(norms > max_norm, max_norm / (norms + 1e-7), 1.0)
            w[rows] = (w[rows] * scale[:, None]).astype(w.dtype)
    out = weight[input]
    if padding_idx is not None and out.requires_grad:
        keep = (input != padding_idx).unsqueeze(-1)
        out = where(keep, out, out.detach())
    return _named("embedding", out, (weight, input))


def _bag_bounds(input: Tensor, offsets: Tensor | None,
                include_last_offset: bool) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of each bag in the flattened ``input``."""
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError(
                "if input is 2D, then offsets has to be None, as input is treated is a "
                "mini-batch of fixed length sequences. However, found offsets of type "
                f"{type(offsets).__name__}"
            )
        bags, n = input.shape
        starts = np.arange(bags, dtype=np.int64) * n
        return starts, starts + n
    if input.dim() != 1:
        raise ValueError(
            f"input has to be 1D or 2D Tensor, but got Tensor of dimension {input.dim()}"
        )
    if offsets is None:
        raise ValueError("offsets has to be a 1D Tensor but got None")
    if offsets.dim() != 1:
        raise ValueError("offsets has to be a 1D Tensor")
    bounds = offsets.numpy().astype(np.int64)
    total = input.shape[0]
    if bounds.size and bounds[0] != 0:
        raise RuntimeError(
            "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start "
            f"from position 0. However, got {bounds[0]}"
        )
    if bounds.size and (np.any(np.diff(bounds) < 0) or bounds[-1] > total):
        raise RuntimeError(
            f"offsets must be non-decreasing and at most the length of input ({total}), got "
            f"{bounds.tolist()}"
        )
    if include_last_offset:
        if bounds.size == 0:
            raise RuntimeError("include_last_offset: number of offsets should be at least 1")
        return bounds[:-1], bounds[1:]
    return bounds, np.append(bounds[1:], total)


def embedding_bag(
    input: Tensor,
    weight: Tensor,
    offsets: Tensor | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    mode: str = "mean",
    sparse: bool = False,
    per_sample_weights: Tensor | None = None,
    include_last_offset: bool = False,
    padding_idx: int | None = None,
) -> Tensor:
    """The sum, mean or max of the rows of ``weight`` in each bag of indices.

    A 2-D ``input`` ``(B, N)`` holds ``B`` bags of ``N`` indices; a 1-D
    ``input`` is cut into bags at ``offsets`` (each bag's first position;
    with ``include_last_offset`` the last offset ends the last bag). Indices
    equal to ``padding_idx`` are left out of their bag (and of its count for
    ``'mean'``); an empty bag gives zeros. ``per_sample_weights`` (``'sum'``
    only) scales each row before the sum, differentiably.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> w = torch.arange(8.0).reshape(4, 2).requires_grad_()
    >>> F.embedding_bag(torch.tensor([0, 2, 3, 1]), w, torch.tensor([0, 3, 4]), mode="sum")
    tensor([[10., 13.],
            [ 2.,  3.],
            [ 0.,  0.]], grad_fn=<EmbeddingBagBackward0>)
    >>> F.embedding_bag(torch.tensor([[0, 2], [3, 3]]), w, mode="max", padding_idx=2)
    tensor([[0., 1.],
            [6., 7.]], grad_fn=<EmbeddingBagBackward0>)
    """
    if mode not in ("sum", "mean", "max"):
        raise ValueError("mode has to be one of sum, mean or max")
    if input.is_floating_point():
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            "types: Long, Int; but got torch.FloatTensor instead (while checking arguments "
            "for embedding_bag)"
        )
    if per_sample_weights is not None:
        if tuple(per_sample_weights.shape) != tuple(input.shape):
            raise ValueError(
                f"embedding_bag: If per_sample_weights ({per_sample_weights.shape}) is not "
                f"None, then it must have the same shape as the input ({input.shape})"
            )
        if mode != "sum":
            raise NotImplementedError(
                "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
                f"supported for mode='sum' (got mode='{mode}'). Please open a feature "
                "request on GitHub."
            )
    if padding_idx is not None:
        if not -weight.shape[0] <= padding_idx < weight.shape[0]:
            raise AssertionError("padding_idx must be within the number of embeddings")
        if padding_idx < 0:
            padding_idx += weight.shape[0]
    starts, ends = _bag_bounds(input, offsets, include_last_offset)
    flat = input.reshape(-1)
    idx = flat.numpy()
    lengths = ends - starts
    width = int(lengths.max()) if lengths.size else 0
    steps = np.arange(width)
    inside = steps[None, :] < lengths[:, None]
    pos = np.where(inside, starts[:, None] + steps[None, :], 0)
    keep = inside & (idx[pos] != padding_idx) if idx.size else inside
    count = keep.sum(axis=1)
    rows = embedding(flat, weight, None, max_norm, norm_type, scale_grad_by_freq)
    if idx.size == 0:
        rows = weight[:1] * 0.0  # no index at all: every bag is empty
        pos = np.zeros_like(pos)
    gathered = rows[tensor(pos)]  # (bags, width, dim)
    keep_t = tensor(keep[..., None])
    if mode == "max":
        if width:  # one row per feature gets the gradient, as PyTorch's max_indices
            best = gathered.masked_fill(~keep_t, float("-inf")).max(dim=1).values
            out = where(tensor(count[:, None] > 0), best, 0.0)
        else:
            out = gathered.sum(dim=1)  # only empty bags: zeros
    else:
        scale = keep_t.to(weight.dtype)
        if per_sample_weights is not None:
            scale = scale * per_sample_weights.reshape(-1)[tensor(pos)].unsqueeze(-1)
        out = (gathered * scale).sum(dim=1)
        if mode == "mean":
            out = out / tensor(np.maximum(count, 1)[:, None].astype(np.float64)).to(weight.dtype)
    return _named("embedding_bag", out, (weight, per_sample_weights))


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """``int64`` one-hot rows for the class indices in ``tensor``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.one_hot(torch.tensor([0, 2]), 3)
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    if tensor.is_floating_point():
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    idx = tensor.numpy()
    if num_classes == -1:
        num_classes = int(idx.max()) + 1 if idx.size else 0
    if idx.size and (idx.min() < 0 or idx.max() >= num_classes):
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = (idx[..., None] == np.arange(num_classes)).astype(np.int64)
    return Tensor._from_node(_leaf_node(out))


def _leaf_node(values: np.ndarray):
    return tensor(values)._node
