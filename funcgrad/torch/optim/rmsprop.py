"""``RMSprop``, PyTorch's update step for step.

>>> import funcgrad.torch as torch
>>> torch.optim.RMSprop([torch.nn.Parameter(torch.ones(1))]).defaults["alpha"]
0.99
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .optimizer import Optimizer, array_of, scalar, write_delta, write_scaled

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """Divide the gradient by a running root-mean-square of recent gradients.

    ``v = alpha v + (1 - alpha) g^2``; ``centered`` subtracts the square of
    the running mean gradient; with ``momentum`` a buffer accumulates
    ``g / (sqrt(v) + eps)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> opt = torch.optim.RMSprop([w], lr=0.01)
    >>> w.sum().backward(); opt.step(); w.detach()
    tensor([0.9000])
    """

    __module__ = "torch.optim.rmsprop"

    def __init__(
        self,
        params: Any,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= momentum:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        defaults = dict(
            lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
            weight_decay=weight_decay, capturable=capturable, foreach=foreach,
            maximize=maximize, differentiable=differentiable,
        )
        super().__init__(params, defaults)

    def step(self, closure: Any = None) -> Any:
        """One RMSprop update of every parameter with a gradient.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> opt = torch.optim.RMSprop([w], lr=0.1, alpha=0.0)
        >>> w.sum().backward(); opt.step(); w.detach()
        tensor([0.9000])
        """
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
            momentum, centered = group["momentum"], group["centered"]
            buffers = ("square_avg",) + ("momentum_buffer",) * (momentum > 0) \
                + ("grad_avg",) * centered
            for p, state, pa, g, _ in self._gradients(group, buffers):
                dt = pa.dtype
                v = array_of(state["square_avg"])
                v *= scalar(alpha, dt)
                v += g * g * scalar(1 - alpha, dt)
                if centered:
                    ga = array_of(state["grad_avg"])
                    ga += (g - ga) * scalar(1 - alpha, dt)
                    avg = np.sqrt(v - ga * ga)
                else:
                    avg = np.sqrt(v)
                avg += scalar(eps, dt)
                if momentum > 0:
                    buf = array_of(state["momentum_buffer"])
                    buf *= scalar(momentum, dt)
                    buf += g / avg
                    write_scaled(p, buf, -lr)
                else:
                    write_delta(p, scalar(-lr, dt) * g / avg)
        return loss
