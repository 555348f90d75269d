"""Activation modules: each calls its :mod:`funcgrad.torch.nn.functional` function.

>>> import funcgrad.torch as torch
>>> torch.nn.ReLU()(torch.tensor([-1.0, 1.0]))
tensor([0., 1.])
"""

from __future__ import annotations

from typing import Any

from ...factories import empty
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .attention import MultiheadAttention  # noqa: F401 - where PyTorch defines it
from .module import Module

__all__ = [
    "ReLU", "ReLU6", "LeakyReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish", "Sigmoid",
    "Tanh", "Softmax", "LogSoftmax", "Softmin", "Softplus", "Softsign", "Hardtanh",
    "Hardsigmoid", "Hardswish", "LogSigmoid", "Tanhshrink", "Threshold", "PReLU", "GLU",
    "RReLU",
]

_MOD = "torch.nn.modules.activation"


class ReLU(Module):
    """``max(x, 0)`` elementwise.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReLU()(torch.tensor([-2.0, 3.0]))
    tensor([0., 3.])
    """

    __module__ = _MOD

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class ReLU6(Module):
    """``min(max(x, 0), 6)`` elementwise.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ReLU6()(torch.tensor([-2.0, 8.0]))
    tensor([0., 6.])
    """

    __module__ = _MOD

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.relu6(input, self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class LeakyReLU(Module):
    """``x`` where positive, ``negative_slope * x`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.LeakyReLU(0.1)(torch.tensor([-2.0, 3.0]))
    tensor([-0.2000,  3.0000])
    """

    __module__ = _MOD

    def __init__(self, negative_slope: float = 1e-2, inplace: bool = False) -> None:
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class RReLU(Module):
    """Randomized leaky ReLU (:func:`~funcgrad.torch.nn.functional.rrelu`): a random negative
    slope from ``U(lower, upper)`` per element in training, their mean in evaluation.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.RReLU()
    >>> m
    RReLU(lower=0.125, upper=0.3333333333333333)
    >>> m.eval()(torch.tensor([-1.0, 2.0]))
    tensor([-0.2292,  2.0000])
    """

    __module__ = _MOD

    def __init__(self, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
                 inplace: bool = False) -> None:
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.rrelu(input, self.lower, self.upper, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"lower={self.lower}, upper={self.upper}" + (", inplace=True" if self.inplace
                                                             else "")


class ELU(Module):
    """``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.ELU()(torch.tensor([-1.0, 1.0]))
    tensor([-0.6321,  1.0000])
    """

    __module__ = _MOD

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.elu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class CELU(ELU):
    """``max(0, x) + min(0, alpha * (exp(x / alpha) - 1))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.CELU(2.0)(torch.tensor([-1.0]))
    tensor([-0.7869])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.celu(input, self.alpha, self.inplace)


class SELU(Module):
    """``scale * elu(x, alpha)`` with the self-normalising constants.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.SELU()(torch.tensor([1.0]))
    tensor([1.0507])
    """

    __module__ = _MOD

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.selu(input, self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class GELU(Module):
    """``x * Phi(x)``; ``approximate='tanh'`` uses the tanh approximation.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.GELU()(torch.tensor([1.0]))
    tensor([0.8413])
    """

    __module__ = _MOD

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


class _Simple(Module):
    """An activation without settings."""

    __module__ = _MOD
    _fn: Any = None

    def forward(self, input: Tensor) -> Tensor:
        return type(self)._fn(input)


class SiLU(_Simple):
    """``x * sigmoid(x)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.SiLU()(torch.tensor([1.0]))
    tensor([0.7311])
    """

    __module__ = _MOD

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.silu(input, self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class Mish(SiLU):
    """``x * tanh(softplus(x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Mish()(torch.tensor([1.0]))
    tensor([0.8651])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.mish(input, self.inplace)


class Sigmoid(_Simple):
    """``1 / (1 + exp(-x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Sigmoid()(torch.tensor([0.0]))
    tensor([0.5000])
    """

    __module__ = _MOD
    _fn = staticmethod(F.sigmoid)


class Tanh(_Simple):
    """The hyperbolic tangent.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Tanh()(torch.tensor([0.0]))
    tensor([0.])
    """

    __module__ = _MOD
    _fn = staticmethod(F.tanh)


class Softsign(_Simple):
    """``x / (1 + |x|)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Softsign()(torch.tensor([1.0]))
    tensor([0.5000])
    """

    __module__ = _MOD
    _fn = staticmethod(F.softsign)


class LogSigmoid(_Simple):
    """``log(sigmoid(x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.LogSigmoid()(torch.tensor([0.0]))
    tensor([-0.6931])
    """

    __module__ = _MOD
    _fn = staticmethod(F.logsigmoid)


class Tanhshrink(_Simple):
    """``x - tanh(x)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Tanhshrink()(torch.tensor([1.0]))
    tensor([0.2384])
    """

    __module__ = _MOD
    _fn = staticmethod(F.tanhshrink)


class Hardsigmoid(SiLU):
    """``relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Hardsigmoid()(torch.tensor([0.0]))
    tensor([0.5000])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.hardsigmoid(input, self.inplace)


class Hardswish(SiLU):
    """``x * relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Hardswish()(torch.tensor([4.0]))
    tensor([4.])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.hardswish(input, self.inplace)


class _DimModule(Module):
    __module__ = _MOD

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Softmax(_DimModule):
    """``exp(x) / sum(exp(x))`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Softmax(dim=1)(torch.tensor([[1.0, 1.0]]))
    tensor([[0.5000, 0.5000]])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim)


class LogSoftmax(_DimModule):
    """``x - logsumexp(x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.LogSoftmax(dim=1)(torch.tensor([[1.0, 1.0]]))
    tensor([[-0.6931, -0.6931]])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim)


class Softmin(_DimModule):
    """``softmax(-x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Softmin(dim=0)(torch.tensor([0.0, 0.0]))
    tensor([0.5000, 0.5000])
    """

    __module__ = _MOD

    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim)


class Softplus(Module):
    """``log(1 + exp(beta * x)) / beta``, linear above ``threshold``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Softplus()(torch.tensor([0.0]))
    tensor([0.6931])
    """

    __module__ = _MOD

    def __init__(self, beta: float = 1.0, threshold: float = 20.0) -> None:
        super().__init__()
        self.beta = beta
        self.threshold = threshold

    def forward(self, input: Tensor) -> Tensor:
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self) -> str:
        return f"beta={self.beta}, threshold={self.threshold}"


class Hardtanh(Module):
    """``clamp(x, min_val, max_val)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Hardtanh()(torch.tensor([-3.0, 3.0]))
    tensor([-1.,  1.])
    """

    __module__ = _MOD

    def __init__(self, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.min_val = min_val
        self.max_val = max_val
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self) -> str:
        return f"min_val={self.min_val}, max_val={self.max_val}" + (
            ", inplace=True" if self.inplace else ""
        )


class Threshold(Module):
    """``x`` where ``x > threshold``, ``value`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Threshold(0.1, 20.0)(torch.tensor([0.0, 1.0]))
    tensor([20.,  1.])
    """

    __module__ = _MOD

    def __init__(self, threshold: float, value: float, inplace: bool = False) -> None:
        super().__init__()
        self.threshold = threshold
        self.value = value
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self) -> str:
        return f"threshold={self.threshold}, value={self.value}" + (
            ", inplace=True" if self.inplace else ""
        )


class PReLU(Module):
    """``x`` where positive, ``weight * x`` elsewhere; ``weight`` is learned (init 0.25).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.PReLU()(torch.tensor([-4.0, 1.0]))
    tensor([-1.,  1.], grad_fn=<PreluKernelBackward0>)
    """

    __module__ = _MOD

    def __init__(self, num_parameters: int = 1, init: float = 0.25, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        self.num_parameters = num_parameters
        self.init = init
        self.weight = Parameter(empty(num_parameters, dtype=dtype))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.constant_(self.weight, self.init)

    def forward(self, input: Tensor) -> Tensor:
        return F.prelu(input, self.weight)

    def extra_repr(self) -> str:
        return f"num_parameters={self.num_parameters}"


class GLU(Module):
    """``a * sigmoid(b)`` for the halves ``a, b`` of the input along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.GLU()(torch.tensor([1.0, 0.0]))
    tensor([0.5000])
    """

    __module__ = _MOD

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"
