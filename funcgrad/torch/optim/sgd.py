"""``SGD``: stochastic gradient descent with momentum, dampening, Nesterov and weight decay.

>>> import funcgrad.torch as torch
>>> torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1, momentum=0.9).defaults["momentum"]
0.9
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .optimizer import Optimizer, array_of, scalar, write_scaled

__all__ = ["SGD"]


class SGD(Optimizer):
    """Stochastic gradient descent, PyTorch's update step for step.

    ``g = grad (+ weight_decay * p)``; with momentum ``buf = momentum * buf +
    (1 - dampening) * g`` (the first step: ``buf = g``), then ``g = buf`` or,
    Nesterov, ``g + momentum * buf``; ``p -= lr * g`` (``+=`` with ``maximize``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.zero_grad(); (w * w).sum().backward(); opt.step()
    >>> w
    Parameter containing:
    tensor([0.4600], requires_grad=True)
    """

    __module__ = "torch.optim.sgd"

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = dict(
            lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
            nesterov=nesterov, maximize=maximize, foreach=foreach,
            differentiable=differentiable, fused=fused,
        )
        super().__init__(params, defaults)

    def step(self, closure: Any = None) -> Any:
        """One SGD update of every parameter with a gradient; returns ``closure()``'s loss.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.tensor([2.0]))
        >>> opt = torch.optim.SGD([w], lr=0.25)
        >>> (w * w).sum().backward(); opt.step(); w.detach()
        tensor([1.])
        """
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, momentum = group["lr"], group["momentum"]
            dampening, wd = group["dampening"], group["weight_decay"]
            nesterov, maximize = group["nesterov"], group["maximize"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                pa = array_of(p)
                dt = pa.dtype
                g = array_of(p.grad)
                if maximize:
                    g = -g
                if wd != 0:
                    g = g + pa * scalar(wd, dt)
                if momentum != 0:
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        state["momentum_buffer"] = p.grad.detach().clone()
                        np.copyto(array_of(state["momentum_buffer"]), g)
                        b = g
                    else:
                        b = array_of(buf)
                        b *= scalar(momentum, dt)
                        b += g * scalar(1 - dampening, dt)
                    g = g + b * scalar(momentum, dt) if nesterov else b
                write_scaled(p, g, -lr)
        return loss
