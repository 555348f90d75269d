"""Ranking, embedding, margin and likelihood loss modules.

>>> import funcgrad.torch as torch
>>> torch.nn.SoftMarginLoss()(torch.tensor([0.0]), torch.tensor([1.0]))
tensor(0.6931)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .loss import _Loss, _WeightedLoss

__all__ = [
    "MarginRankingLoss", "HingeEmbeddingLoss", "SoftMarginLoss", "MultiLabelSoftMarginLoss",
    "CosineEmbeddingLoss", "TripletMarginLoss", "TripletMarginWithDistanceLoss",
    "PoissonNLLLoss", "GaussianNLLLoss", "MultiMarginLoss",
]

_MOD = "torch.nn.modules.loss"


class MarginRankingLoss(_Loss):
    """``max(0, -y * (x1 - x2) + margin)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> loss = torch.nn.MarginRankingLoss(margin=0.5)
    >>> loss, loss(torch.tensor([1.0]), torch.tensor([0.0]), torch.tensor([-1.0]))
    (MarginRankingLoss(), tensor(1.5000))
    """

    __module__ = _MOD
    __constants__ = ["margin", "reduction"]

    def __init__(self, margin: float = 0.0, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.margin_ranking_loss(input1, input2, target, margin=self.margin,
                                     reduction=self.reduction)


class HingeEmbeddingLoss(_Loss):
    """``x`` for ``y = 1``, ``max(0, margin - x)`` for ``y = -1``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.HingeEmbeddingLoss()(torch.tensor([0.2]), torch.tensor([-1.0]))
    tensor(0.8000)
    """

    __module__ = _MOD
    __constants__ = ["margin", "reduction"]

    def __init__(self, margin: float = 1.0, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.hinge_embedding_loss(input, target, margin=self.margin,
                                      reduction=self.reduction)


class SoftMarginLoss(_Loss):
    """``log(1 + exp(-y x))`` for targets ``1``/``-1``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.SoftMarginLoss(reduction="sum")(torch.zeros(2), torch.ones(2))
    tensor(1.3863)
    """

    __module__ = _MOD
    __constants__ = ["reduction"]

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.soft_margin_loss(input, target, reduction=self.reduction)


class MultiLabelSoftMarginLoss(_WeightedLoss):
    """Per-class logistic loss averaged over the classes (multi-label classification).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.MultiLabelSoftMarginLoss()(torch.zeros(2, 3), torch.ones(2, 3))
    tensor(0.6931)
    """

    __module__ = _MOD
    __constants__ = ["reduction"]

    def __init__(self, weight: Tensor | None = None, size_average: Any = None,
                 reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__(weight, size_average, reduce, reduction)

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multilabel_soft_margin_loss(input, target, weight=self.weight,
                                             reduction=self.reduction)


class CosineEmbeddingLoss(_Loss):
    """``1 - cos`` for similar pairs (``y = 1``), ``max(0, cos - margin)`` for dissimilar ones.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 0.0]])
    >>> torch.nn.CosineEmbeddingLoss()(x, x, torch.tensor([1.0]))
    tensor(0.)
    """

    __module__ = _MOD
    __constants__ = ["margin", "reduction"]

    def __init__(self, margin: float = 0.0, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__(size_average, reduce, reduction)
        self.margin = margin

    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return F.cosine_embedding_loss(input1, input2, target, margin=self.margin,
                                       reduction=self.reduction)


class TripletMarginLoss(_Loss):
    """``max(d(a, p) - d(a, n) + margin, 0)`` with the ``p``-norm distance.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> loss = torch.nn.TripletMarginLoss(margin=1.0, p=2)
    >>> loss(torch.zeros(1, 2), torch.zeros(1, 2), torch.ones(1, 2)).item() < 1
    True
    """

    __module__ = _MOD
    __constants__ = ["margin", "p", "eps", "swap", "reduction"]

    def __init__(self, margin: float = 1.0, p: float = 2.0, eps: float = 1e-6,
                 swap: bool = False, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__(size_average, reduce, reduction)
        if margin <= 0:
            raise ValueError(
                f"TripletMarginLoss: expected margin to be greater than 0, got {margin} instead"
            )
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap

    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return F.triplet_margin_loss(anchor, positive, negative, margin=self.margin, p=self.p,
                                     eps=self.eps, swap=self.swap, reduction=self.reduction)


class TripletMarginWithDistanceLoss(_Loss):
    """The triplet loss with any ``distance_function`` (default: pairwise distance).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> loss = torch.nn.TripletMarginWithDistanceLoss(
    ...     distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y))
    >>> loss(torch.ones(1, 2), torch.ones(1, 2), -torch.ones(1, 2))
    tensor(0.)
    """

    __module__ = _MOD
    __constants__ = ["margin", "swap", "reduction"]

    def __init__(self, *, distance_function: Callable | None = None, margin: float = 1.0,
                 swap: bool = False, reduction: str = "mean") -> None:
        super().__init__(reduction=reduction)
        if margin <= 0:
            raise ValueError(
                f"TripletMarginWithDistanceLoss: expected margin to be greater than 0, got "
                f"{margin} instead"
            )
        self.distance_function = distance_function
        self.margin = margin
        self.swap = swap

    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return F.triplet_margin_with_distance_loss(
            anchor, positive, negative, distance_function=self.distance_function,
            margin=self.margin, swap=self.swap, reduction=self.reduction)


class PoissonNLLLoss(_Loss):
    """Poisson negative log-likelihood; ``log_input`` says the input is the log-rate.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.PoissonNLLLoss()(torch.zeros(2), torch.ones(2))
    tensor(1.)
    """

    __module__ = _MOD
    __constants__ = ["log_input", "full", "eps", "reduction"]

    def __init__(self, log_input: bool = True, full: bool = False, size_average: Any = None,
                 eps: float = 1e-8, reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__(size_average, reduce, reduction)
        self.log_input = log_input
        self.full = full
        self.eps = eps

    def forward(self, log_input: Tensor, target: Tensor) -> Tensor:
        return F.poisson_nll_loss(log_input, target, log_input=self.log_input, full=self.full,
                                  eps=self.eps, reduction=self.reduction)


class GaussianNLLLoss(_Loss):
    """Gaussian negative log-likelihood of ``target`` with mean ``input`` and variance ``var``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.GaussianNLLLoss()(torch.zeros(2), torch.zeros(2), torch.ones(2))
    tensor(0.)
    """

    __module__ = _MOD
    __constants__ = ["full", "eps", "reduction"]

    def __init__(self, *, full: bool = False, eps: float = 1e-6,
                 reduction: str = "mean") -> None:
        super().__init__(None, None, reduction)
        self.full = full
        self.eps = eps

    def forward(self, input: Tensor, target: Tensor, var: Tensor | float) -> Tensor:
        return F.gaussian_nll_loss(input, target, var, full=self.full, eps=self.eps,
                                   reduction=self.reduction)


class MultiMarginLoss(_WeightedLoss):
    """Multi-class hinge loss (``p`` = 1 or 2), optionally weighted per class.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.MultiMarginLoss()(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([3]))
    tensor(0.3250)
    """

    __module__ = _MOD
    __constants__ = ["p", "margin", "reduction"]

    def __init__(self, p: int = 1, margin: float = 1.0, weight: Tensor | None = None,
                 size_average: Any = None, reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__(weight, size_average, reduce, reduction)
        if p not in (1, 2):
            raise ValueError("only p == 1 and p == 2 supported")
        if weight is not None and weight.dim() != 1:
            raise ValueError(
                f"MultiMarginLoss: expected weight to be None or 1D tensor, got "
                f"{weight.dim()}D instead"
            )
        self.p = p
        self.margin = margin

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.multi_margin_loss(input, target, p=self.p, margin=self.margin,
                                   weight=self.weight, reduction=self.reduction)
