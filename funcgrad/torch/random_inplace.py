"""Tensor methods that fill a tensor in place with random numbers: ``normal_``, ``uniform_``,
``bernoulli_``, ``exponential_`` (from funcgrad.torch's generator, or the ``generator`` given).

Each is an in-place write, so the usual rules hold: on a leaf that requires
grad it needs ``torch.no_grad()`` (or ``.data``), as in PyTorch.

>>> import funcgrad.torch as torch
>>> w = torch.empty(2, 3)
>>> w.normal_(0, 0.01).shape
torch.Size([2, 3])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .factories import rand, randn, tensor
from .tensor import Tensor

__all__ = ["normal_", "uniform_", "bernoulli_", "exponential_"]


def _float_dtype(t: Tensor):
    if not t.is_floating_point():
        raise RuntimeError(
            f"expected a floating point tensor to fill with random numbers, got {t.dtype}"
        )
    return t.dtype


def normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *, generator: Any = None):
    """Fill with draws from ``N(mean, std^2)``; returns the tensor.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.zeros(1000).normal_(2.0, 0.5)
    >>> round(w.mean().item()), round(w.std().item(), 1)
    (2, 0.5)
    """
    dt = _float_dtype(self)
    return self.copy_(randn(*self.shape, generator=generator, dtype=dt) * std + mean)


def uniform_(self: Tensor, a: float = 0.0, b: float = 1.0, *, generator: Any = None, **kw):
    """Fill with draws from ``U(a, b)`` (``from``/``to`` are PyTorch's keyword names).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.zeros(100).uniform_(-1.0, 1.0)
    >>> bool(((-1 <= w) & (w < 1)).all())
    True
    """
    a = kw.pop("from", a)
    b = kw.pop("to", b)
    for key in kw:
        raise TypeError(f"uniform_() got an unexpected keyword argument '{key}'")
    dt = _float_dtype(self)
    return self.copy_(rand(*self.shape, generator=generator, dtype=dt) * (b - a) + a)


def bernoulli_(self: Tensor, p: Any = 0.5, *, generator: Any = None):
    """Fill with 1 (probability ``p``, a number or a tensor) or 0.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(4).bernoulli_(1.0)
    tensor([1., 1., 1., 1.])
    """
    prob = p.detach().numpy() if isinstance(p, Tensor) else p
    u = rand(*self.shape, generator=generator).numpy()
    return self.copy_(tensor((u < prob).astype(self.dtype.np)))


def exponential_(self: Tensor, lambd: float = 1.0, *, generator: Any = None):
    """Fill with draws from the exponential distribution of rate ``lambd``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> bool((torch.zeros(100).exponential_(2.0) >= 0).all())
    True
    """
    dt = _float_dtype(self)
    u = rand(*self.shape, generator=generator, dtype=dt).numpy().astype(np.float64)
    return self.copy_(tensor((-np.log1p(-u) / lambd).astype(dt.np)))


for _fn in (normal_, uniform_, bernoulli_, exponential_):
    setattr(Tensor, _fn.__name__, _fn)
