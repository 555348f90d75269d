"""``Adadelta``, PyTorch's update step for step.

>>> import funcgrad.torch as torch
>>> torch.optim.Adadelta([torch.nn.Parameter(torch.ones(1))]).defaults["rho"]
0.9
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..factories import tensor, zeros_like
from .optimizer import Optimizer, array_of, scalar, write_delta

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
            lr, rho, eps, wd = group["lr"], group["rho"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["step"] = tensor(0.0)
                    state["square_avg"] = zeros_like(p).detach()
                    state["acc_delta"] = zeros_like(p).detach()
                pa = array_of(p)
                dt = pa.dtype
                g = array_of(p.grad)
                if group["maximize"]:
                    g = -g
                array_of(state["step"])[...] += 1
                if wd != 0:
                    g = g + pa * scalar(wd, dt)
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
                write_delta(p, delta * scalar(-lr, dt))
        return loss
