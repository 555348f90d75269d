"""Normalisation layers: ``BatchNorm1d/2d/3d`` (and their lazy forms), ``LayerNorm``,
``GroupNorm``.

>>> import funcgrad.torch as torch
>>> bn = torch.nn.BatchNorm1d(2)
>>> bn(torch.tensor([[1.0, 2.0], [3.0, 6.0]]))
tensor([[-1.0000, -1.0000],
        [ 1.0000,  1.0000]], grad_fn=<NativeBatchNormBackward0>)
>>> bn.running_mean, bn.num_batches_tracked
(tensor([0.2000, 0.4000]), tensor(1))
"""

from __future__ import annotations

from typing import Any

from ..._dtypes import ALIASES as _DTYPES
from ...factories import empty, ones, tensor, zeros
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter, UninitializedBuffer, UninitializedParameter
from .module import Module

__all__ = [
    "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LazyBatchNorm1d", "LazyBatchNorm2d",
    "LazyBatchNorm3d", "LayerNorm", "GroupNorm",
]


class _BatchNorm(Module):
    __module__ = "torch.nn.modules.batchnorm"
    _dims: tuple[int, ...] = ()

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = Parameter(empty(num_features, dtype=dtype))
            self.bias = Parameter(empty(num_features, dtype=dtype))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", zeros(num_features, dtype=dtype))
            self.register_buffer("running_var", ones(num_features, dtype=dtype))
            self.register_buffer("num_batches_tracked", tensor(0, dtype=_DTYPES["int64"]))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self) -> None:
        if self.track_running_stats:
            self.running_mean.zero_()
            self.running_var.fill_(1)
            self.num_batches_tracked.zero_()

    def reset_parameters(self) -> None:
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            init.zeros_(self.bias)

    def _check_input_dim(self, input: Tensor) -> None:
        if input.ndim not in self._dims:
            want = " or ".join(f"{d}D" for d in self._dims)
            raise ValueError(f"expected {want} input (got {input.ndim}D input)")

    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:
                factor = 1.0 / float(self.num_batches_tracked.item())
            else:
                factor = self.momentum
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        track = not self.training or self.track_running_stats
        return F.batch_norm(
            input,
            self.running_mean if track else None,
            self.running_var if track else None,
            self.weight,
            self.bias,
            use_batch,
            factor,
            self.eps,
        )

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={self.affine}, bias={self.bias is not None}, "
            f"track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNorm):
    """Batch normalisation over a ``(N, C)`` or ``(N, C, L)`` input, per channel.

    In training the batch statistics normalise and the running ones move by
    ``momentum`` (``None``: a cumulative average); in evaluation the running
    statistics normalise.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> bn = torch.nn.BatchNorm1d(3)
    >>> bn
    BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    >>> bn.eval()(torch.ones(2, 3))
    tensor([[1.0000, 1.0000, 1.0000],
            [1.0000, 1.0000, 1.0000]], grad_fn=<NativeBatchNormBackward0>)
    """

    __module__ = "torch.nn.modules.batchnorm"
    _dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch normalisation over a ``(N, C, H, W)`` input, per channel.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.BatchNorm2d(4, affine=False)(torch.randn(2, 4, 3, 3)).shape
    torch.Size([2, 4, 3, 3])
    """

    __module__ = "torch.nn.modules.batchnorm"
    _dims = (4,)


class BatchNorm3d(_BatchNorm):
    """Batch normalisation over a ``(N, C, D, H, W)`` input, per channel.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.BatchNorm3d(2)(torch.randn(2, 2, 2, 2, 2)).shape
    torch.Size([2, 2, 2, 2, 2])
    """

    __module__ = "torch.nn.modules.batchnorm"
    _dims = (5,)


class _LazyBatchNorm:
    """``num_features`` from the first input's dim 1 (or from a loaded state dict)."""

    weight: Any
    bias: Any
    running_mean: Any
    running_var: Any
    num_features: int

    def _lazy_init(self, eps: float, momentum: float | None, affine: bool,
                   track_running_stats: bool, dtype: Any) -> None:
        self._base.__init__(  # type: ignore[attr-defined]
            self, 0, eps, momentum, affine, track_running_stats, dtype=dtype)
        if affine:
            self.weight = UninitializedParameter(dtype=dtype)
            self.bias = UninitializedParameter(dtype=dtype)
        if track_running_stats:
            self.running_mean = UninitializedBuffer(dtype=dtype)
            self.running_var = UninitializedBuffer(dtype=dtype)

    def _uninitialized(self) -> list:
        return [t for t in (self.weight, self.bias, self.running_mean, self.running_var)
                if isinstance(t, (UninitializedParameter, UninitializedBuffer))]

    def reset_parameters(self) -> None:
        if not self._uninitialized() and self.num_features != 0:
            self._base.reset_parameters(self)  # type: ignore[attr-defined]

    def forward(self, input: Tensor) -> Tensor:
        base = self._base  # type: ignore[attr-defined]
        pending = self._uninitialized()
        if pending:
            self.num_features = input.shape[1] if input.ndim > 1 else input.shape[0]
            for t in pending:
                t.materialize((self.num_features,))
            self.reset_parameters()
        # The plain class from the first forward on, as in PyTorch.
        self.__class__ = base
        return base.forward(self, input)


class LazyBatchNorm1d(_LazyBatchNorm, BatchNorm1d):
    """A ``BatchNorm1d`` whose ``num_features`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> bn = torch.nn.LazyBatchNorm1d()
    >>> bn
    LazyBatchNorm1d(0, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    >>> bn(torch.tensor([[1.0, 2.0], [3.0, 6.0]])).shape, bn.running_mean
    (torch.Size([2, 2]), tensor([0.2000, 0.4000]))
    >>> bn
    BatchNorm1d(2, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    __module__ = "torch.nn.modules.batchnorm"
    _base = BatchNorm1d

    def __init__(self, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        self._lazy_init(eps, momentum, affine, track_running_stats, dtype)


class LazyBatchNorm2d(_LazyBatchNorm, BatchNorm2d):
    """A ``BatchNorm2d`` whose ``num_features`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> bn = torch.nn.LazyBatchNorm2d()
    >>> bn(torch.ones(2, 3, 4, 4)).shape, bn.weight.shape
    (torch.Size([2, 3, 4, 4]), torch.Size([3]))
    """

    __module__ = "torch.nn.modules.batchnorm"
    _base = BatchNorm2d

    def __init__(self, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        self._lazy_init(eps, momentum, affine, track_running_stats, dtype)


class LazyBatchNorm3d(_LazyBatchNorm, BatchNorm3d):
    """A ``BatchNorm3d`` whose ``num_features`` comes from the first input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> bn = torch.nn.LazyBatchNorm3d(affine=False)
    >>> bn(torch.ones(2, 3, 2, 2, 2)).shape, bn.running_var.shape
    (torch.Size([2, 3, 2, 2, 2]), torch.Size([3]))
    """

    __module__ = "torch.nn.modules.batchnorm"
    _base = BatchNorm3d

    def __init__(self, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        self._lazy_init(eps, momentum, affine, track_running_stats, dtype)


class LayerNorm(Module):
    """Normalise over the trailing ``normalized_shape`` dimensions, then scale and shift.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> ln = torch.nn.LayerNorm(2)
    >>> ln
    LayerNorm((2,), eps=1e-05, elementwise_affine=True, bias=True)
    >>> ln(torch.tensor([[1.0, 3.0]]))
    tensor([[-1.0000,  1.0000]], grad_fn=<NativeLayerNormBackward0>)
    """

    __module__ = "torch.nn.modules.normalization"

    def __init__(self, normalized_shape: Any, eps: float = 1e-5,
                 elementwise_affine: bool = True, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(ones(*self.normalized_shape, dtype=dtype))
            if bias:
                self.bias = Parameter(zeros(*self.normalized_shape, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def reset_parameters(self) -> None:
        if self.elementwise_affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input: Tensor) -> Tensor:
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.normalized_shape}, eps={self.eps}, "
            f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}"
        )


class GroupNorm(Module):
    """Normalise the channels in ``num_groups`` groups, then scale and shift per channel.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> gn = torch.nn.GroupNorm(2, 4)
    >>> gn
    GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)
    >>> gn(torch.randn(3, 4, 5)).shape
    torch.Size([3, 4, 5])
    """

    __module__ = "torch.nn.modules.normalization"

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5,
                 affine: bool = True, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError("num_channels must be divisible by num_groups")
        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        if affine:
            self.weight = Parameter(ones(num_channels, dtype=dtype))
            self.bias = Parameter(zeros(num_channels, dtype=dtype)) if bias else None
            if not bias:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, input: Tensor) -> Tensor:
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, "
            f"bias={self.bias is not None}"
        )
