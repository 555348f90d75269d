"""``torch.nn.init``: fill a tensor in place from PyTorch's initialisation distributions.

The bounds and standard deviations are PyTorch's (``kaiming_uniform_`` with
``a=sqrt(5)`` is what ``Linear`` and ``Conv`` use); the random numbers come
from funcgrad.torch's generator (or the ``generator`` given).

>>> import funcgrad.torch as torch
>>> w = torch.empty(3, 5)
>>> _ = torch.nn.init.kaiming_uniform_(w, a=5 ** 0.5)
>>> bool((w.abs() <= 1 / 5 ** 0.5).all())
True
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._graph import no_grad
from ..factories import rand, randn, tensor
from ..tensor import Tensor

__all__ = [
    "calculate_gain", "uniform_", "normal_", "trunc_normal_", "constant_", "ones_", "zeros_",
    "eye_", "dirac_", "xavier_uniform_", "xavier_normal_", "kaiming_uniform_",
    "kaiming_normal_", "orthogonal_", "sparse_",
]


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended gain for a nonlinearity (``'relu'``: ``sqrt(2)``, ``'tanh'``: 5/3, ...).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.calculate_gain("relu"), torch.nn.init.calculate_gain("leaky_relu", 0.2)
    (1.4142135623730951, 1.3867504905630728)
    """
    linear = {"linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
              "conv_transpose3d", "sigmoid"}
    if nonlinearity in linear:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _fan_in_and_fan_out(t: Tensor) -> tuple[int, int]:
    if t.ndim < 2:
        raise ValueError(
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
        )
    receptive = 1
    for s in t.shape[2:]:
        receptive *= s
    return t.shape[1] * receptive, t.shape[0] * receptive


def _fan(t: Tensor, mode: str) -> int:
    mode = mode.lower()
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _fan_in_and_fan_out(t)
    return fan_in if mode == "fan_in" else fan_out


def _fill(t: Tensor, values: Any) -> Tensor:
    with no_grad():
        t.copy_(values if isinstance(values, Tensor) else tensor(np.asarray(values)))
    return t


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with draws from ``U(a, b)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.uniform_(torch.empty(100), -2.0, -1.0)
    >>> bool(((-2 <= w) & (w < -1)).all())
    True
    """
    u = rand(*tensor.shape, generator=generator, dtype=tensor.dtype)
    return _fill(tensor, u * (b - a) + a)


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with draws from ``N(mean, std^2)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.normal_(torch.empty(10000), 3.0, 0.5)
    >>> round(w.mean().item()), round(w.std().item(), 1)
    (3, 0.5)
    """
    z = randn(*tensor.shape, generator=generator, dtype=tensor.dtype)
    return _fill(tensor, z * std + mean)


def trunc_normal_(
    tensor: Tensor,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    generator: Any = None,
) -> Tensor:
    """Fill with draws from ``N(mean, std^2)`` truncated to ``[a, b]`` (inverse-CDF sampling).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.trunc_normal_(torch.empty(1000), std=1.0, a=-0.5, b=0.5)
    >>> bool(((-0.5 <= w) & (w <= 0.5)).all())
    True
    """
    def cdf(x: float) -> float:
        return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0

    lo, hi = cdf((a - mean) / std), cdf((b - mean) / std)
    u = rand(*tensor.shape, generator=generator, dtype=tensor.dtype).numpy().astype(np.float64)
    u = 2 * (lo + u * (hi - lo)) - 1
    u = np.clip(u, -1 + 1e-12, 1 - 1e-12)
    values = _erfinv(u) * std * math.sqrt(2.0) + mean
    return _fill(tensor, np.clip(values, a, b).astype(tensor.dtype.np))


def _erfinv(y: np.ndarray) -> np.ndarray:
    """The inverse error function: Giles' approximation polished by two Newton steps."""
    w = -np.log((1.0 - y) * (1.0 + y))
    small = w < 5.0
    ws = w - 2.5
    wl = np.sqrt(np.maximum(w, 5.0)) - 3.0
    ps = np.polyval([2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06,
                     0.00021858087, -0.00125372503, -0.00417768164, 0.246640727,
                     1.50140941], ws)
    pl = np.polyval([-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844,
                     0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
                     2.83297682], wl)
    x = np.where(small, ps, pl) * y
    erf = np.vectorize(math.erf)
    for _ in range(2):
        x = x - (erf(x) - y) / (2.0 / math.sqrt(math.pi) * np.exp(-x * x))
    return x


def constant_(tensor: Tensor, val: float) -> Tensor:
    """Fill with the number ``val``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.constant_(torch.empty(2), 0.3)
    tensor([0.3000, 0.3000])
    """
    with no_grad():
        tensor.fill_(val)
    return tensor


def ones_(tensor: Tensor) -> Tensor:
    """Fill with ones.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.ones_(torch.empty(2))
    tensor([1., 1.])
    """
    return constant_(tensor, 1.0)


def zeros_(tensor: Tensor) -> Tensor:
    """Fill with zeros.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.zeros_(torch.ones(2))
    tensor([0., 0.])
    """
    return constant_(tensor, 0.0)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a 2-D tensor with the identity matrix.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.eye_(torch.empty(2, 3))
    tensor([[1., 0., 0.],
            [0., 1., 0.]])
    """
    if tensor.ndim != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    return _fill(tensor, np.eye(*tensor.shape, dtype=tensor.dtype.np))


def dirac_(tensor: Tensor, groups: int = 1) -> Tensor:
    """Fill a 3-5-D convolution weight with the Dirac delta (the convolution is the identity).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.dirac_(torch.empty(1, 1, 3))
    tensor([[[0., 1., 0.]]])
    """
    if tensor.ndim not in (3, 4, 5):
        raise ValueError("Only tensors with 3, 4, or 5 dimensions are supported")
    shape = tensor.shape
    if shape[0] % groups:
        raise ValueError("dim 0 must be divisible by groups")
    out_per_group = shape[0] // groups
    values = np.zeros(tuple(shape), dtype=tensor.dtype.np)
    for g in range(groups):
        for d in range(min(out_per_group, shape[1])):
            centre = tuple(s // 2 for s in shape[2:])
            values[(g * out_per_group + d, d) + centre] = 1
    return _fill(tensor, values)


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """``U(-b, b)`` with ``b = gain * sqrt(6 / (fan_in + fan_out))`` (Glorot).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.xavier_uniform_(torch.empty(3, 5))
    >>> bool((w.abs() <= (6 / 8) ** 0.5).all())
    True
    """
    fan_in, fan_out = _fan_in_and_fan_out(tensor)
    bound = gain * math.sqrt(2.0 / float(fan_in + fan_out)) * math.sqrt(3.0)
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """``N(0, std^2)`` with ``std = gain * sqrt(2 / (fan_in + fan_out))`` (Glorot).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.xavier_normal_(torch.empty(3, 5)).shape
    torch.Size([3, 5])
    """
    fan_in, fan_out = _fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std, generator)


def kaiming_uniform_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """``U(-b, b)`` with ``b = gain * sqrt(3 / fan)`` (He); ``a`` is the leaky slope.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.kaiming_uniform_(torch.empty(4, 6), nonlinearity="relu")
    >>> bool((w.abs() <= 1.0).all())
    True
    """
    if 0 in tensor.shape:
        return tensor
    fan = _fan(tensor, mode)
    gain = calculate_gain(nonlinearity, a)
    bound = math.sqrt(3.0) * gain / math.sqrt(fan)
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """``N(0, std^2)`` with ``std = gain / sqrt(fan)`` (He).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.init.kaiming_normal_(torch.empty(4, 6), mode="fan_out").shape
    torch.Size([4, 6])
    """
    if 0 in tensor.shape:
        return tensor
    fan = _fan(tensor, mode)
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    return normal_(tensor, 0.0, std, generator)


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """A (semi-)orthogonal matrix from the QR decomposition of a Gaussian one, times ``gain``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.orthogonal_(torch.empty(3, 3))
    >>> torch.allclose(w @ w.T, torch.eye(3), atol=1e-5)
    True
    """
    if tensor.ndim < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    flat = randn(rows, cols, generator=generator, dtype=tensor.dtype).numpy().astype(np.float64)
    if rows < cols:
        flat = flat.T
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return _fill(tensor, (gain * q).reshape(tuple(tensor.shape)).astype(tensor.dtype.np))


def sparse_(tensor: Tensor, sparsity: float, std: float = 0.01, generator: Any = None) -> Tensor:
    """A 2-D tensor with ``N(0, std^2)`` entries and a ``sparsity`` fraction of each column zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.init.sparse_(torch.empty(10, 3), sparsity=0.5)
    >>> (w == 0).sum(0).tolist()
    [5, 5, 5]
    """
    if tensor.ndim != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rows, cols = tensor.shape
    zeros_per_col = int(math.ceil(sparsity * rows))
    values = randn(rows, cols, generator=generator, dtype=tensor.dtype).numpy() * std
    for c in range(cols):
        order = rand(rows, generator=generator).numpy().argsort()
        values[order[:zeros_per_col], c] = 0
    return _fill(tensor, values.astype(tensor.dtype.np))


# PyTorch's old names without the trailing underscore (deprecated there).
uniform = uniform_
normal = normal_
constant = constant_
xavier_uniform = xavier_uniform_
xavier_normal = xavier_normal_
kaiming_uniform = kaiming_uniform_
kaiming_normal = kaiming_normal_
orthogonal = orthogonal_
_calculate_fan_in_and_fan_out = _fan_in_and_fan_out
