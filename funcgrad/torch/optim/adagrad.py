"""``Adagrad``, PyTorch's update step for step.

>>> import funcgrad.torch as torch
>>> torch.optim.Adagrad([torch.nn.Parameter(torch.ones(1))]).defaults["eps"]
1e-10
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..factories import full_like, tensor
from .optimizer import Optimizer, array_of, scalar, write_delta

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    """Divide the gradient by the root of the sum of all squared gradients so far.

    ``sum += g^2``; ``p -= clr * g / (sqrt(sum) + eps)`` with
    ``clr = lr / (1 + (t - 1) * lr_decay)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> opt = torch.optim.Adagrad([w], lr=0.5)
    >>> w.sum().backward(); opt.step(); w.detach()
    tensor([0.5000])
    """

    __module__ = "torch.optim.adagrad"

    def __init__(
        self,
        params: Any,
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= lr_decay:
            raise ValueError(f"Invalid lr_decay value: {lr_decay}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= initial_accumulator_value:
            raise ValueError(
                f"Invalid initial_accumulator_value value: {initial_accumulator_value}"
            )
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        defaults = dict(
            lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value, foreach=foreach,
            maximize=maximize, differentiable=differentiable, fused=fused,
        )
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                state["step"] = tensor(0.0)
                state["sum"] = full_like(p, group["initial_accumulator_value"]).detach()

    def step(self, closure: Any = None) -> Any:
        """One Adagrad update of every parameter with a gradient.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> opt = torch.optim.Adagrad([w], lr=1.0)
        >>> w.sum().backward(); opt.step(); w.detach()
        tensor([0.])
        """
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, lr_decay, eps = group["lr"], group["lr_decay"], group["eps"]
            for p, state, pa, g, step in self._gradients(group):
                dt = pa.dtype
                clr = lr / (1 + (step - 1) * lr_decay)
                acc = array_of(state["sum"])
                acc += g * g
                std = np.sqrt(acc) + scalar(eps, dt)
                write_delta(p, scalar(-clr, dt) * g / std)
        return loss
