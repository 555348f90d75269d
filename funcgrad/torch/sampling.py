"""Random sampling functions of the torch face (``multinomial``, ``bernoulli``, ``poisson``) and
the dtype limits ``finfo``/``iinfo``.

Draws come from funcgrad.torch's generator (``torch.manual_seed``, or the
``generator`` given): the same distributions as PyTorch, not the same numbers.

>>> import funcgrad.torch as torch
>>> torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), 2, replacement=True)
tensor([1, 1])
>>> torch.finfo(torch.float32).eps
1.1920928955078125e-07
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import random as fg_random
from . import _dtypes
from ._graph import no_grad
from ._operands import _t
from .factories import rand, randint
from .tensor import Tensor

__all__ = ["multinomial", "bernoulli", "poisson", "finfo", "iinfo"]


def multinomial(input, num_samples, replacement=False, *, generator=None, out=None):
    """``num_samples`` category indices per row of the non-negative weights ``input`` (1-d or
    2-d), with or without replacement.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.multinomial(torch.tensor([[0.0, 3.0], [5.0, 0.0]]), 1)
    tensor([[1],
            [0]])
    """
    w = _t(input)
    if w.dim() not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    n = w.shape[-1]
    if not replacement and num_samples > n:
        raise RuntimeError(
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement"
        )
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    with no_grad():
        p = w.detach().double()
        a = p.numpy()
        if (a < 0).any() or not np.isfinite(a).all():
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if (a.sum(-1) <= 0).any():
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        rows = p.reshape(-1, n)
        if replacement:
            u = rand(rows.shape[0], num_samples, dtype=p.dtype, generator=generator)
            cdf = rows.cumsum(-1)
            u = u * cdf[:, -1:]
            idx = (cdf.unsqueeze(-2) <= u.unsqueeze(-1)).sum(-1).clamp(max=n - 1)
        else:
            # The keys u ** (1 / p) order a weighted draw without replacement.
            u = rand(rows.shape[0], n, dtype=p.dtype, generator=generator)
            r = rows.numpy()
            with np.errstate(divide="ignore"):
                keys = np.where(r > 0, np.log(u.numpy()) / np.where(r > 0, r, 1.0), -np.inf)
            idx = _t(np.ascontiguousarray(np.argsort(-keys, axis=-1, kind="stable")
                                          [:, :num_samples]))
        out_idx = idx.reshape(tuple(w.shape[:-1]) + (num_samples,))
    return out_idx.long()


def bernoulli(input, p=None, *, generator=None, out=None):
    """1 with probability ``input`` (or ``p``), else 0, in ``input``'s dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bernoulli(torch.tensor([0.0, 1.0]))
    tensor([0., 1.])
    """
    x = _t(input)
    prob = x if p is None else p
    with no_grad():
        u = rand(*x.shape, dtype=_dtypes.to_torch(np.dtype(np.float64)), generator=generator)
        probs = prob.detach().double() if isinstance(prob, Tensor) else prob
        return (u < probs).to(x.dtype)


def poisson(input, generator=None):
    """Draws from the Poisson distributions of rates ``input``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.poisson(torch.zeros(3))
    tensor([0., 0., 0.])
    """
    rates = _t(input)
    with no_grad():
        seed = int(randint(0, 2**62, (1,), generator=generator).item())
        draws = fg_random.poisson(fg_random.key(seed), rates.detach().numpy())
    return _t(np.asarray(draws).astype(rates.dtype.np))


class finfo:  # noqa: N801 - PyTorch's name
    """The limits of a floating point dtype (the default one without an argument).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.finfo(torch.float32)
    finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)
    """  # noqa: E501

    def __init__(self, type: Any = None) -> None:  # noqa: A002 - PyTorch's name
        dt = _dtypes.default_float() if type is None else _dtypes.to_numpy(type)
        if dt.kind not in "fc":
            raise TypeError("torch.finfo() requires a floating point input type. Use "
                            "torch.iinfo to handle 'torch.finfo'")
        info = np.finfo(dt)
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.tiny)
        self.resolution = float(info.resolution)
        self.dtype = np.dtype(info.dtype).name

    def __repr__(self) -> str:
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, "
                f"tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo:  # noqa: N801 - PyTorch's name
    """The limits of an integer dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.iinfo(torch.int32)
    iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32)
    """

    def __init__(self, type: Any) -> None:  # noqa: A002 - PyTorch's name
        dt = _dtypes.to_numpy(type)
        if dt.kind not in "iub":
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to "
                            "handle 'torch.iinfo'")
        info = np.iinfo(np.uint8 if dt.kind == "b" else dt)
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)
        self.dtype = np.dtype(dt).name

    def __repr__(self) -> str:
        return f"iinfo(min={float(self.min):g}, max={float(self.max):g}, dtype={self.dtype})"
