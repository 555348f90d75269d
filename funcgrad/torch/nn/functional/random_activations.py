"""Activations that draw random numbers: ``rrelu`` and ``gumbel_softmax``.

The draws come from funcgrad's generator (``torch.manual_seed``), so the
values differ from PyTorch's draws; the distributions and the gradients are
PyTorch's.
"""

from __future__ import annotations

from ...factories import empty_like, zeros_like
from ...functions import softmax as _softmax
from ...functions import where
from ...tensor import Tensor
from ._common import _inplace, _named

__all__ = ["rrelu", "rrelu_", "gumbel_softmax"]


def rrelu(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
          training: bool = False, inplace: bool = False) -> Tensor:
    """Randomized leaky ReLU: negative inputs times a slope drawn from ``U(lower, upper)`` per
    element in training, times ``(lower + upper) / 2`` in evaluation.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.rrelu(torch.tensor([-1.0, 2.0, -3.0]))
    tensor([-0.2292,  2.0000, -0.6875])
    >>> y = F.rrelu(torch.full((1000,), -1.0), training=True)
    >>> bool(((-1 / 3 <= y) & (y <= -1 / 8)).all())
    True
    """
    if training:
        slope = empty_like(input).uniform_(lower, upper)
        out = where(input >= 0, input, input * slope)
    else:
        out = where(input >= 0, input, input * ((lower + upper) / 2))
    return _inplace(input, _named("rrelu_with_noise", out, (input,)), inplace)


def rrelu_(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
           training: bool = False) -> Tensor:
    """``rrelu`` in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.rrelu_(torch.tensor([-8.0, 1.0]), 0.25, 0.25)
    tensor([-2.,  1.])
    """
    return rrelu(input, lower, upper, training, inplace=True)


def gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10,
                   dim: int = -1) -> Tensor:
    """A sample of the Gumbel-softmax (concrete) distribution over ``dim``; with ``hard=True``
    a one-hot sample whose gradient is the soft sample's (straight-through).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y = F.gumbel_softmax(torch.tensor([[1.0, 2.0, 3.0]]), tau=0.5)
    >>> y.shape, round(y.sum().item(), 6)
    (torch.Size([1, 3]), 1.0)
    >>> F.gumbel_softmax(torch.tensor([0.0, 50.0, 0.0]), hard=True)
    tensor([0., 1., 0.])
    """
    del eps  # unused, as in PyTorch
    gumbels = -empty_like(logits).exponential_().log()
    y_soft = _softmax((logits + gumbels) / tau, dim)
    if not hard:
        return y_soft
    index = y_soft.max(dim, keepdim=True)[1]
    y_hard = zeros_like(logits).scatter_(dim, index, 1.0)
    return y_hard - y_soft.detach() + y_soft
