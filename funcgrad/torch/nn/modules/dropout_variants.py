"""Channel-wise and self-normalising dropout layers.

>>> import funcgrad.torch as torch
>>> torch.nn.Dropout2d(0.3).eval()(torch.ones(1, 2, 2, 2)).sum()
tensor(8.)
"""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .dropout import Dropout

__all__ = ["Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"]

_MOD = "torch.nn.modules.dropout"


class Dropout1d(Dropout):
    """Zero whole channels of ``(N, C, L)``/``(C, L)`` in training, scaling the rest by ``1/(1-p)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Dropout1d(0.2)
    Dropout1d(p=0.2, inplace=False)
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(Dropout):
    """Zero whole channels of ``(N, C, H, W)``/``(C, H, W)`` in training.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> d = torch.nn.Dropout2d()
    >>> d, d(torch.ones(3, 4, 2, 2)).shape
    (Dropout2d(p=0.5, inplace=False), torch.Size([3, 4, 2, 2]))
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout2d(input, self.p, self.training, self.inplace)


class Dropout3d(Dropout):
    """Zero whole channels of ``(N, C, D, H, W)``/``(C, D, H, W)`` in training.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Dropout3d().eval()(torch.ones(1, 1, 1, 1, 2))
    tensor([[[[[1., 1.]]]]])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout3d(input, self.p, self.training, self.inplace)


class AlphaDropout(Dropout):
    """Dropout for SELU networks: keeps the input's mean and variance.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.AlphaDropout(0.1)
    AlphaDropout(p=0.1, inplace=False)
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(Dropout):
    """Alpha dropout of whole channels.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.FeatureAlphaDropout().eval()(torch.ones(1, 2, 2)).sum()
    tensor(4.)
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.feature_alpha_dropout(input, self.p, self.training)
