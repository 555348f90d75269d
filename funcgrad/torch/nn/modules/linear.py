"""``Identity``, ``Linear``, ``Bilinear``, ``Flatten``, ``Unflatten``.

>>> import funcgrad.torch as torch
>>> torch.nn.Linear(4, 2)(torch.ones(3, 4)).shape
torch.Size([3, 2])
"""

from __future__ import annotations

import math
from typing import Any

from ...factories import empty
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter, UninitializedParameter
from .module import Module

__all__ = [
    "Identity", "Linear", "Bilinear", "LazyLinear", "Flatten", "Unflatten",
    "NonDynamicallyQuantizableLinear",
]


class Identity(Module):
    """Returns its input (any constructor arguments are ignored).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Identity(54, unused="x")(torch.tensor([1.0]))
    tensor([1.])
    """

    __module__ = "torch.nn.modules.linear"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def forward(self, input: Tensor) -> Tensor:
        return input


class Linear(Module):
    """``y = x @ weight.T + bias``; ``weight`` is ``(out_features, in_features)``.

    Both start as ``U(-1/sqrt(in_features), 1/sqrt(in_features))``
    (``kaiming_uniform_(a=sqrt(5))`` for the weight), as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> fc = torch.nn.Linear(3, 2)
    >>> fc
    Linear(in_features=3, out_features=2, bias=True)
    >>> fc.weight.shape, fc.bias.shape, fc(torch.ones(5, 3)).shape
    (torch.Size([2, 3]), torch.Size([2]), torch.Size([5, 2]))
    """

    __module__ = "torch.nn.modules.linear"

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(empty(out_features, in_features, dtype=dtype))
        if bias:
            self.bias = Parameter(empty(out_features, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.weight.shape[1]
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input: Tensor) -> Tensor:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )


class NonDynamicallyQuantizableLinear(Linear):
    """A :class:`Linear` under another name: ``MultiheadAttention``'s ``out_proj``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.MultiheadAttention(4, 1).out_proj
    NonDynamicallyQuantizableLinear(in_features=4, out_features=4, bias=True)
    """

    __module__ = "torch.nn.modules.linear"


class LazyLinear(Linear):
    """A ``Linear`` whose ``in_features`` is taken from the first input it sees.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> fc = torch.nn.LazyLinear(2)
    >>> fc
    LazyLinear(in_features=0, out_features=2, bias=True)
    >>> fc(torch.ones(5, 7)).shape, fc.weight.shape
    (torch.Size([5, 2]), torch.Size([2, 7]))
    >>> fc  # materialised: a Linear now, as in PyTorch
    Linear(in_features=7, out_features=2, bias=True)
    """

    __module__ = "torch.nn.modules.linear"

    def __init__(self, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        Module.__init__(self)
        self.in_features = 0
        self.out_features = out_features
        self.weight = UninitializedParameter(dtype=dtype)
        if bias:
            self.bias = UninitializedParameter(dtype=dtype)
        else:
            self.register_parameter("bias", None)

    def reset_parameters(self) -> None:
        if self.in_features != 0:
            super().reset_parameters()

    def forward(self, input: Tensor) -> Tensor:
        if isinstance(self.weight, UninitializedParameter):
            self.in_features = input.shape[-1]
            self.weight.materialize((self.out_features, self.in_features))
            if self.bias is not None:
                self.bias.materialize((self.out_features,))
            self.reset_parameters()
        # PyTorch's lazy modules become the plain class at their first forward (also when a
        # loaded state dict materialised the parameters first).
        self.in_features = input.shape[-1]
        self.__class__ = Linear
        return F.linear(input, self.weight, self.bias)


class Bilinear(Module):
    """``y = x1 @ weight[k] @ x2 + bias[k]``; ``weight`` is ``(out, in1, in2)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.Bilinear(2, 3, 4)
    >>> m
    Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)
    >>> m(torch.ones(5, 2), torch.ones(5, 3)).shape
    torch.Size([5, 4])
    """

    __module__ = "torch.nn.modules.linear"

    def __init__(self, in1_features: int, in2_features: int, out_features: int,
                 bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        self.weight = Parameter(empty(out_features, in1_features, in2_features, dtype=dtype))
        if bias:
            self.bias = Parameter(empty(out_features, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        bound = 1 / math.sqrt(self.weight.shape[1])
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
            f"out_features={self.out_features}, bias={self.bias is not None}"
        )


class Flatten(Module):
    """Flatten dimensions ``start_dim`` to ``end_dim`` into one (default: all but the batch).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Flatten()(torch.ones(2, 3, 4)).shape
    torch.Size([2, 12])
    """

    __module__ = "torch.nn.modules.flatten"

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Split dimension ``dim`` into ``unflattened_size``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Unflatten(1, (2, 5))(torch.ones(3, 10)).shape
    torch.Size([3, 2, 5])
    """

    __module__ = "torch.nn.modules.flatten"

    def __init__(self, dim: int, unflattened_size: Any) -> None:
        super().__init__()
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:
        shape = list(input.shape)
        dim = self.dim % len(shape)
        new = shape[:dim] + list(self.unflattened_size) + shape[dim + 1:]
        return input.reshape(*new)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
