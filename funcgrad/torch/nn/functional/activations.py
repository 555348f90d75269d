"""Activation functions: ``relu``, ``gelu``, ``softmax``, ... (PyTorch's node names)."""

from __future__ import annotations

import math
from typing import Any

from ....primitives.nn import erf_p, softplus_p
from ...functions import log_softmax as _log_softmax
from ...functions import softmax as _softmax
from ...functions import where
from ...tensor import Tensor
from ._common import _inplace, _named

__all__ = [
    "relu", "relu_", "hardtanh", "relu6", "leaky_relu", "elu", "selu", "celu", "gelu", "sigmoid",
    "tanh", "silu", "softplus", "mish", "logsigmoid", "softsign", "tanhshrink", "hardsigmoid",
    "hardswish", "threshold", "prelu", "glu", "softmax", "log_softmax", "softmin"
]


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """``max(x, 0)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    return input.relu_() if inplace else input.relu()


def relu_(input: Tensor) -> Tensor:
    """``relu`` in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu_(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    return input.relu_()


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    """``clamp(x, min_val, max_val)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardtanh(torch.tensor([-3.0, 0.5, 3.0]))
    tensor([-1.0000,  0.5000,  1.0000])
    """
    # PyTorch's derivative is 0 at the bounds (clamp's is 1): a mask of the open interval.
    inside = (input > min_val) & (input < max_val)
    out = where(inside, input, input.detach().clamp(min_val, max_val))
    return _inplace(input, _named("hardtanh", out, (input,)), inplace)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    """``min(max(x, 0), 6)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu6(torch.tensor([-1.0, 3.0, 9.0]))
    tensor([0., 3., 6.])
    """
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """``x`` where positive, ``negative_slope * x`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.leaky_relu(torch.tensor([-2.0, 2.0]), 0.1)
    tensor([-0.2000,  2.0000])
    """
    out = where(input > 0, input, input * negative_slope)
    return _inplace(input, _named("leaky_relu", out, (input,)), inplace)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.elu(torch.tensor([-1.0, 1.0]))
    tensor([-0.6321,  1.0000])
    """
    out = where(input > 0, input, (input.clamp_max(0.0).expm1()) * alpha)
    return _inplace(input, _named("elu", out, (input,)), inplace)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """``scale * elu(x, alpha)`` with the self-normalising constants.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.selu(torch.tensor([-1.0, 1.0]))
    tensor([-1.1113,  1.0507])
    """
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    out = where(input > 0, input, (input.clamp_max(0.0).expm1()) * alpha) * scale
    return _inplace(input, _named("elu", out, (input,)), inplace)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """``max(0, x) + min(0, alpha * (exp(x / alpha) - 1))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.celu(torch.tensor([-1.0, 1.0]), alpha=2.0)
    tensor([-0.7869,  1.0000])
    """
    out = where(input > 0, input, (input.clamp_max(0.0) / alpha).expm1() * alpha)
    return _inplace(input, _named("celu", out, (input,)), inplace)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """``x * Phi(x)`` (``approximate='tanh'``: the tanh approximation).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.gelu(torch.tensor([-1.0, 0.0, 1.0]))
    tensor([-0.1587,  0.0000,  0.8413])
    >>> F.gelu(torch.tensor([1.0]), approximate="tanh")
    tensor([0.8412])
    """
    if approximate == "tanh":
        inner = (input + input * input * input * 0.044715) * math.sqrt(2.0 / math.pi)
        out = input * 0.5 * (inner.tanh() + 1.0)
    elif approximate == "none":
        out = input * 0.5 * (erf_p.bind(input * (1.0 / math.sqrt(2.0))) + 1.0)
    else:
        raise ValueError(f"approximate argument must be either none or tanh, got {approximate!r}")
    return _named("gelu", out, (input,))


def sigmoid(input: Tensor) -> Tensor:
    """``1 / (1 + exp(-x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.sigmoid(torch.tensor([0.0]))
    tensor([0.5000])
    """
    return input.sigmoid()


def tanh(input: Tensor) -> Tensor:
    """The hyperbolic tangent.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.tanh(torch.tensor([0.0]))
    tensor([0.])
    """
    return input.tanh()


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * sigmoid(x)`` (swish).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.silu(torch.tensor([1.0]))
    tensor([0.7311])
    """
    return _inplace(input, _named("silu", input * input.sigmoid(), (input,)), inplace)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """``log(1 + exp(beta * x)) / beta``, linear above ``threshold``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softplus(torch.tensor([0.0, 30.0]))
    tensor([ 0.6931, 30.0000])
    """
    scaled = input * beta if beta != 1 else input
    soft = softplus_p.bind(scaled)
    if beta != 1:
        soft = soft / beta
    out = where(scaled > threshold, input, soft)
    return _named("softplus", out, (input,))


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * tanh(softplus(x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.mish(torch.tensor([1.0]))
    tensor([0.8651])
    """
    out = input * softplus_p.bind(input).tanh()
    return _inplace(input, _named("mish", out, (input,)), inplace)


def logsigmoid(input: Tensor) -> Tensor:
    """``log(sigmoid(x))``, computed stably.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.logsigmoid(torch.tensor([0.0, -200.0]))
    tensor([  -0.6931, -200.0000])
    """
    return _named("log_sigmoid", -softplus_p.bind(-input), (input,))


def softsign(input: Tensor) -> Tensor:
    """``x / (1 + |x|)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softsign(torch.tensor([1.0]))
    tensor([0.5000])
    """
    return input / (input.abs() + 1.0)


def tanhshrink(input: Tensor) -> Tensor:
    """``x - tanh(x)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.tanhshrink(torch.tensor([1.0]))
    tensor([0.2384])
    """
    return input - input.tanh()


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    """``relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardsigmoid(torch.tensor([-4.0, 0.0, 4.0]))
    tensor([0.0000, 0.5000, 1.0000])
    """
    inside = (input > -3.0) & (input < 3.0)
    out = where(inside, input / 6.0 + 0.5, (input.detach() > 0).to(input.dtype))
    return _inplace(input, _named("hardsigmoid", out, (input,)), inplace)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardswish(torch.tensor([-4.0, 1.0, 4.0]))
    tensor([-0.0000,  0.6667,  4.0000])
    """
    out = where(input <= -3.0, input * 0.0,
                where(input >= 3.0, input, input * (input + 3.0) / 6.0))
    return _inplace(input, _named("hardswish", out, (input,)), inplace)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    """``x`` where ``x > threshold``, ``value`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.threshold(torch.tensor([0.5, 2.0]), 1.0, -1.0)
    tensor([-1.,  2.])
    """
    out = where(input > threshold, input, value)
    return _inplace(input, _named("threshold", out, (input,)), inplace)


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """``x`` where positive, ``weight * x`` elsewhere (``weight`` per channel, dim 1).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.prelu(torch.tensor([[-2.0, 2.0]]), torch.tensor([0.25]))
    tensor([[-0.5000,  2.0000]])
    """
    w = weight
    if weight.numel() > 1 and input.ndim > 1:
        w = weight.reshape((-1,) + (1,) * (input.ndim - 2))
    return _named("prelu_kernel", where(input > 0, input, input * w), (input, weight))


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """``a * sigmoid(b)`` where ``a, b`` are the halves of ``input`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.glu(torch.tensor([1.0, 0.0]))
    tensor([0.5000])
    """
    a, b = input.chunk(2, dim)
    return _named("glu", a * b.sigmoid(), (input,))


def _softmax_dim(ndim: int) -> int:
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``exp(x) / sum(exp(x))`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[0.5000, 0.5000]])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _softmax(input, dim, dtype=dtype)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``x - logsumexp(x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.log_softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[-0.6931, -0.6931]])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _log_softmax(input, dim, dtype=dtype)


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``softmax(-x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softmin(torch.tensor([0.0, 0.0]), dim=0)
    tensor([0.5000, 0.5000])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _softmax(-input, dim, dtype=dtype)
