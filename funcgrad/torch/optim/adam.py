"""``Adam`` and ``AdamW`` (with ``amsgrad``), PyTorch's update step for step.

>>> import funcgrad.torch as torch
>>> torch.optim.AdamW([torch.nn.Parameter(torch.ones(1))]).defaults["weight_decay"]
0.01
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .optimizer import Optimizer, array_of, scalar, write_delta, write_scale

__all__ = ["Adam", "AdamW"]


class Adam(Optimizer):
    """Adam: moving averages of the gradient and its square, bias-corrected.

    ``m = lerp(m, g, 1 - beta1)``, ``v = beta2 v + (1 - beta2) g^2``,
    ``p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)``;
    ``amsgrad`` uses the running maximum of ``v``; ``weight_decay`` adds
    ``wd * p`` to ``g`` (or, ``decoupled_weight_decay=True``, multiplies ``p``
    by ``1 - lr * wd`` first, which is AdamW).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -1.0]))
    >>> opt = torch.optim.Adam([w], lr=0.1)
    >>> (w * w).sum().backward(); opt.step(); w
    Parameter containing:
    tensor([ 0.9000, -0.9000], requires_grad=True)
    >>> sorted(opt.state[w])
    ['exp_avg', 'exp_avg_sq', 'step']
    """

    __module__ = "torch.optim.adam"

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = dict(
            lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
            maximize=maximize, foreach=foreach, capturable=capturable,
            differentiable=differentiable, fused=fused,
            decoupled_weight_decay=decoupled_weight_decay,
        )
        super().__init__(params, defaults)

    def step(self, closure: Any = None) -> Any:
        """One Adam update of every parameter with a gradient; returns ``closure()``'s loss.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> opt = torch.optim.Adam([w], lr=0.5)
        >>> w.sum().backward(); opt.step(); w.detach()
        tensor([0.5000])
        """
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
            amsgrad = group["amsgrad"]
            decoupled = group["decoupled_weight_decay"]
            buffers = ("exp_avg", "exp_avg_sq") + ("max_exp_avg_sq",) * amsgrad
            for p, state, pa, g, step in self._gradients(group, buffers, decay=not decoupled):
                dt = pa.dtype
                if decoupled and wd != 0:
                    write_scale(p, 1 - lr * wd)
                m = array_of(state["exp_avg"])
                v = array_of(state["exp_avg_sq"])
                m += (g - m) * scalar(1 - beta1, dt)
                v *= scalar(beta2, dt)
                v += g * g * scalar(1 - beta2, dt)
                bias1 = 1 - beta1**step
                bias2 = 1 - beta2**step
                step_size = lr / bias1
                bias2_sqrt = math.sqrt(bias2)
                if amsgrad:
                    vmax = array_of(state["max_exp_avg_sq"])
                    np.maximum(vmax, v, out=vmax)
                    denom = np.sqrt(vmax) / scalar(bias2_sqrt, dt) + scalar(eps, dt)
                else:
                    denom = np.sqrt(v) / scalar(bias2_sqrt, dt) + scalar(eps, dt)
                write_delta(p, scalar(-step_size, dt) * m / denom)
        return loss


class AdamW(Adam):
    """Adam with decoupled weight decay (default ``weight_decay=0.01``).

    Each step first multiplies the parameter by ``1 - lr * weight_decay``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> opt = torch.optim.AdamW([w], lr=0.1, weight_decay=0.5)
    >>> w.sum().backward(); opt.step(); w.detach()
    tensor([0.8500])
    """

    __module__ = "torch.optim.adamw"

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        super().__init__(
            params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach, maximize=maximize,
            capturable=capturable, differentiable=differentiable, fused=fused,
            decoupled_weight_decay=True,
        )
