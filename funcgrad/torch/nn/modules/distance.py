"""``CosineSimilarity`` and ``PairwiseDistance``.

>>> import funcgrad.torch as torch
>>> torch.nn.CosineSimilarity()(torch.ones(2, 3), torch.ones(2, 3))
tensor([1., 1.])
"""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = ["CosineSimilarity", "PairwiseDistance"]

_MOD = "torch.nn.modules.distance"


class CosineSimilarity(Module):
    """Cosine similarity ``sum(x1 * x2) / max(||x1|| ||x2||, eps)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> cos = torch.nn.CosineSimilarity(dim=0)
    >>> cos, cos(torch.tensor([1.0, 0.0]), torch.tensor([1.0, 1.0]))
    (CosineSimilarity(), tensor(0.7071))
    """

    __module__ = _MOD
    __constants__ = ["dim", "eps"]

    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim = dim
        self.eps = eps

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return F.cosine_similarity(x1, x2, self.dim, self.eps)


class PairwiseDistance(Module):
    """The ``p``-norm of ``x1 - x2 + eps`` along the last axis.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> d = torch.nn.PairwiseDistance()
    >>> d, d(torch.tensor([[3.0, 0.0]]), torch.tensor([[0.0, 4.0]]))
    (PairwiseDistance(), tensor([5.]))
    """

    __module__ = _MOD
    __constants__ = ["norm", "eps", "keepdim"]

    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return F.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)
