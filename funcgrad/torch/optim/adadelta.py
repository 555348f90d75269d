"""``Adadelta``, PyTorch's update step for step.

>>> import funcgrad.torch as torch
>>> torch.optim.Adadelta([torch.nn.Parameter(torch.ones(1))]).defaults["rho"]
0.9
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .optimizer import Optimizer, array_of, scalar, write_scaled

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    """Scale each step by the ratio of running RMS of past updates and of gradients.

    ``v = rho v + (1 - rho) g^2``; ``d = sqrt(u + eps) / sqrt(v + eps) * g``;
    ``u = rho u + (1 - rho) d^2``; ``p -= lr * d``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> opt = torch.optim.Adadelta([w])
    >>> w.sum().backward(); opt.step(); w.detach()
    tensor([0.9968])
    """

    __module__ = "torch.optim.adadelta"

    def __init__(
        self,
        params: Any,
        lr: float = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = dict(
            lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize,
            capturable=capturable, foreach=foreach, differentiable=differentiable,
        )
        super().__init__(params, defaults)

    def step(self, closure: Any = None) -> Any:
        """One Adadelta update of every parameter with a gradient.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> opt = torch.optim.Adadelta([w], lr=10.0)
        >>> w.sum().backward(); opt.step(); w.detach()
        tensor([0.9684])
        """
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, rho, eps = group["lr"], group["rho"], group["eps"]
            for p, state, pa, g, _ in self._gradients(group, ("square_avg", "acc_delta")):
                dt = pa.dtype
                v = array_of(state["square_avg"])
                u = array_of(state["acc_delta"])
                v *= scalar(rho, dt)
                v += g * g * scalar(1 - rho, dt)
                std = np.sqrt(v + scalar(eps, dt))
                delta = np.sqrt(u + scalar(eps, dt))
                delta /= std
                delta *= g
                u *= scalar(rho, dt)
                u += delta * delta * scalar(1 - rho, dt)
                write_scaled(p, delta, -lr)
        return loss
