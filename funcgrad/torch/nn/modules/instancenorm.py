"""``InstanceNorm1d/2d/3d`` and ``LocalResponseNorm``.

>>> import funcgrad.torch as torch
>>> torch.nn.InstanceNorm2d(3)(torch.rand(2, 3, 4, 4)).mean((2, 3)).abs().max() < 1e-5
tensor(True)
"""

from __future__ import annotations

import warnings
from typing import Any

from ...tensor import Tensor
from .. import functional as F
from .module import Module
from .normalization import _BatchNorm

__all__ = ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LocalResponseNorm"]


class _InstanceNorm(_BatchNorm):
    __module__ = "torch.nn.modules.instancenorm"
    _spatial = 1

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = False, track_running_stats: bool = False, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device,
                         dtype)

    def _check_input_dim(self, input: Tensor) -> None:
        n = self._spatial
        if input.dim() not in (n + 1, n + 2):
            raise ValueError(f"expected {n + 1}D or {n + 2}D input (got {input.dim()}D input)")

    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        feature_dim = input.dim() - (self._spatial + 1)
        if input.shape[feature_dim] != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features "
                    f"({self.num_features}), but got: {input.shape[feature_dim]}."
                )
            warnings.warn(
                f"input's size at dim={feature_dim} does not match num_features. You can "
                "silence this warning by not passing in num_features, which is not used "
                "because affine=False", stacklevel=2,
            )
        unbatched = input.dim() == self._spatial + 1
        x = input.unsqueeze(0) if unbatched else input
        use_input_stats = self.training or not self.track_running_stats
        out = F.instance_norm(
            x, self.running_mean, self.running_var, self.weight, self.bias, use_input_stats,
            0.1 if self.momentum is None else self.momentum, self.eps,
        )
        return out.squeeze(0) if unbatched else out


class InstanceNorm1d(_InstanceNorm):
    """Normalise each ``(sample, channel)`` of ``(N, C, L)`` over ``L``.

    ``affine`` adds per-channel ``weight``/``bias`` (ones/zeros);
    ``track_running_stats`` keeps running statistics for evaluation mode.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.InstanceNorm1d(3)
    InstanceNorm1d(3, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=False)
    >>> torch.nn.InstanceNorm1d(1)(torch.tensor([[[1.0, 3.0]]]))
    tensor([[[-1.0000,  1.0000]]])
    """

    __module__ = "torch.nn.modules.instancenorm"
    _spatial = 1


class InstanceNorm2d(_InstanceNorm):
    """Normalise each ``(sample, channel)`` of ``(N, C, H, W)`` over ``H, W``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.InstanceNorm2d(2, affine=True, track_running_stats=True)
    >>> list(m.state_dict())
    ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']
    >>> m(torch.rand(4, 2, 3, 3)).shape
    torch.Size([4, 2, 3, 3])
    """

    __module__ = "torch.nn.modules.instancenorm"
    _spatial = 2


class InstanceNorm3d(_InstanceNorm):
    """Normalise each ``(sample, channel)`` of ``(N, C, D, H, W)`` over ``D, H, W``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.InstanceNorm3d(1)(torch.rand(1, 1, 2, 2, 2)).shape
    torch.Size([1, 1, 2, 2, 2])
    """

    __module__ = "torch.nn.modules.instancenorm"
    _spatial = 3


class LocalResponseNorm(Module):
    """AlexNet's normalisation across neighbouring channels.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> lrn = torch.nn.LocalResponseNorm(2)
    >>> lrn, lrn(torch.ones(1, 3, 2)).shape
    (LocalResponseNorm(2, alpha=0.0001, beta=0.75, k=1.0), torch.Size([1, 3, 2]))
    """

    __module__ = "torch.nn.modules.normalization"
    __constants__ = ["size", "alpha", "beta", "k"]

    def __init__(self, size: int, alpha: float = 1e-4, beta: float = 0.75,
                 k: float = 1.0) -> None:
        super().__init__()
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k

    def forward(self, input: Tensor) -> Tensor:
        return F.local_response_norm(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self) -> str:
        return "{size}, alpha={alpha}, beta={beta}, k={k}".format(**self.__dict__)
