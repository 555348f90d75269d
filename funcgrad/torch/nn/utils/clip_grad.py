"""Gradient clipping: ``clip_grad_norm_`` and ``clip_grad_value_``.

>>> import funcgrad.torch as torch
>>> p = torch.nn.Parameter(torch.zeros(2)); p.grad = torch.tensor([3.0, 4.0])
>>> torch.nn.utils.clip_grad_norm_([p], max_norm=1.0)
tensor(5.)
>>> p.grad
tensor([0.6000, 0.8000])
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..._graph import no_grad
from ...factories import tensor
from ...tensor import Tensor

__all__ = ["clip_grad_norm_", "clip_grad_norm", "clip_grad_value_"]


def _grads(parameters: Any) -> list[Tensor]:
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def clip_grad_norm_(
    parameters: Iterable[Tensor] | Tensor,
    max_norm: float,
    norm_type: float = 2.0,
    error_if_nonfinite: bool = False,
    foreach: Any = None,
) -> Tensor:
    """Scale the gradients so that their joint ``norm_type`` norm is at most ``max_norm``.

    Returns the total norm before clipping, as a tensor. The scale is
    ``max_norm / (total_norm + 1e-6)``, clamped at 1, as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.nn.Parameter(torch.zeros(2)); p.grad = torch.tensor([3.0, 4.0])
    >>> torch.nn.utils.clip_grad_norm_([p], 10.0), p.grad
    (tensor(5.), tensor([3., 4.]))
    """
    grads = _grads(parameters)
    if not grads:
        return tensor(0.0)
    norm_type = float(norm_type)
    arrays = [g.detach().numpy() for g in grads]
    dt = arrays[0].dtype
    if norm_type == math.inf:
        norms = [np.abs(a).max() if a.size else dt.type(0) for a in arrays]
        total = np.max(np.asarray(norms, dtype=dt))
    else:
        norms = [
            np.linalg.norm(a.reshape(-1), ord=norm_type).astype(dt) for a in arrays
        ]
        total = np.linalg.norm(np.asarray(norms, dtype=dt), ord=norm_type).astype(dt)
    if error_if_nonfinite and not np.isfinite(total):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is "
            "non-finite, so it cannot be clipped. To disable this error and scale the gradients "
            "by the non-finite norm anyway, set `error_if_nonfinite=False`"
        )
    coef = dt.type(max_norm) / (total + dt.type(1e-6))
    coef = min(coef, dt.type(1.0))
    with no_grad():
        for g in grads:
            g.mul_(float(coef))
    return tensor(total)


def clip_grad_norm(parameters: Any, max_norm: float, norm_type: float = 2.0,
                   error_if_nonfinite: bool = False, foreach: Any = None) -> Tensor:
    """The deprecated name of :func:`clip_grad_norm_`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.nn.Parameter(torch.zeros(1)); p.grad = torch.tensor([2.0])
    >>> torch.nn.utils.clip_grad_norm([p], 1.0)
    tensor(2.)
    """
    return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite, foreach)


def clip_grad_value_(parameters: Iterable[Tensor] | Tensor, clip_value: float,
                     foreach: Any = None) -> None:
    """Clamp every gradient element into ``[-clip_value, clip_value]``, in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.nn.Parameter(torch.zeros(2)); p.grad = torch.tensor([-3.0, 0.5])
    >>> torch.nn.utils.clip_grad_value_([p], 1.0); p.grad
    tensor([-1.0000,  0.5000])
    """
    clip_value = float(clip_value)
    with no_grad():
        for g in _grads(parameters):
            g.clamp_(-clip_value, clip_value)
