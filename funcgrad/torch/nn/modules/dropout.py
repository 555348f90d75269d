"""``Dropout``: zero elements at random in training mode.

>>> import funcgrad.torch as torch
>>> torch.nn.Dropout(0.3).eval()(torch.ones(2))
tensor([1., 1.])
"""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module

__all__ = ["Dropout"]


class Dropout(Module):
    """In training, zero each element with probability ``p`` and scale the rest by ``1/(1-p)``.

    The identity in evaluation mode (``model.eval()``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> d = torch.nn.Dropout(p=0.2)
    >>> d
    Dropout(p=0.2, inplace=False)
    >>> d.eval()(torch.ones(3))
    tensor([1., 1., 1.])
    """

    __module__ = "torch.nn.modules.dropout"

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"
