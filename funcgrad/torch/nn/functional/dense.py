"""Dense layers: ``linear``, ``bilinear`` and ``dropout``."""

from __future__ import annotations

import numpy as np

from ....primitives.products import addmm_p
from ..._graph import apply
from ...factories import rand
from ...functions import matmul
from ...tensor import Tensor, record
from ._common import _inplace, _named

__all__ = ["linear", "bilinear", "dropout"]


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.linear(torch.ones(1, 2), torch.tensor([[1.0, 2.0]]), torch.tensor([0.5]))
    tensor([[3.5000]])
    """
    wt = weight.t()
    if bias is not None and _one_addmm(input, weight, bias):
        # PyTorch computes a 2-D input's ``x @ W.T + b`` as one addmm: one node, and the
        # bias added into the product's buffer.
        return record("addmm", apply(addmm_p, bias._node, input._node, wt._node),
                      (bias, input, wt))
    out = matmul(input, wt)
    if bias is None:
        return out
    out = out + bias
    return _named("addmm", out, (bias, input, wt)) if input.ndim == 2 else out


def _one_addmm(input: Tensor, weight: Tensor, bias: Tensor) -> bool:
    """Whether ``linear`` is one addmm of floating arrays of one dtype, of shapes that fit
    (anything else composes matmul and add, which word PyTorch's errors)."""
    x, w, b = input._node.primal, weight._node.primal, bias._node.primal
    return (
        type(x) is np.ndarray and type(w) is np.ndarray and type(b) is np.ndarray
        and x.ndim == 2 and w.ndim == 2 and b.shape == w.shape[:1]
        and x.shape[1] == w.shape[1] and x.dtype == w.dtype == b.dtype
        and x.dtype.kind == "f"
    )


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``y_k = x1 @ weight[k] @ x2 + bias[k]`` for each output ``k``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.bilinear(torch.ones(1, 2), torch.ones(1, 3), torch.ones(4, 2, 3)).shape
    torch.Size([1, 4])
    """
    # (..., i) (k, i, j) -> (..., k, j), then contract j with input2.
    tmp = matmul(input1.unsqueeze(-2).unsqueeze(-2), weight).squeeze(-2)
    out = (tmp * input2.unsqueeze(-2)).sum(-1)
    if bias is not None:
        out = out + bias
    return out


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False):
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    The identity when ``training`` is false. The mask is drawn from
    funcgrad.torch's generator.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.dropout(torch.ones(4), 0.5, training=False)
    tensor([1., 1., 1., 1.])
    >>> set(F.dropout(torch.ones(100), 0.5).tolist()) <= {0.0, 2.0}
    True
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    if p == 1.0:
        out = input * 0.0
    else:
        keep = rand(*input.shape, dtype=input.dtype if input.is_floating_point() else None) >= p
        out = input * (keep.to(input.dtype) * (1.0 / (1.0 - p)))
    return _inplace(input, out, inplace)
