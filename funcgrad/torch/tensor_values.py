"""What a tensor's values are outside the graph: Python numbers and lists, NumPy arrays,
its device, its legacy type name, and how it prints.

:class:`TensorValues` is a base of :class:`~funcgrad.torch.tensor.Tensor`
(methods only, no state): ``item``, ``tolist``, ``numpy``, ``__array__``,
``bool``/``float``/``int``/``complex``/``index``, ``len``, iteration, ``repr``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..transforms.forward import JVPTracer
from . import _dtypes
from ._dtypes import device
from ._graph import constant, is_grad_enabled
from .printing import format_tensor

SCALAR_OF_GRAD_TENSOR = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first."
)
_warned_scalar = [False]


def _warn_scalar_once(t: Any) -> None:
    """PyTorch's once-per-process warning when ``float``/``complex`` reads a tensor that
    requires grad with grad mode on (``item()``, ``int()`` and ``bool()`` do not warn, nor
    does anything under ``no_grad``, as in PyTorch)."""
    if not _warned_scalar[0] and t.requires_grad and is_grad_enabled():
        _warned_scalar[0] = True
        warnings.warn(SCALAR_OF_GRAD_TENSOR, UserWarning, stacklevel=3)


class TensorValues:
    """The conversions of a tensor to values outside autograd (a base of ``Tensor``)."""

    __slots__ = ()

    def type(self, dtype: Any = None):
        """The legacy type name (``'torch.FloatTensor'``), or a copy converted to ``dtype``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(2).type(), torch.ones(2).type(torch.int64)
        ('torch.FloatTensor', tensor([1, 1]))
        """
        if dtype is None:
            return f"torch.{self.dtype._legacy}"
        if isinstance(dtype, str) or isinstance(dtype, type) and hasattr(dtype, "_np"):
            # 'torch.DoubleTensor' or torch.DoubleTensor
            name = dtype.rsplit(".", 1)[-1] if isinstance(dtype, str) else dtype.__name__
            match = [d for d in _dtypes._BY_NAME.values() if d._legacy == name]
            if not match:
                raise ValueError(f"invalid type: '{dtype}'")
            dtype = match[0]
        return self.to(dtype)

    @property
    def device(self) -> str:
        """The device the tensor is on: always the CPU in funcgrad.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(1).device
        device(type='cpu')
        """
        return device("cpu")

    @property
    def is_cuda(self) -> bool:
        """False: funcgrad runs on the CPU.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(1).is_cuda
        False
        """
        return False

    def cpu(self):
        """The tensor on the CPU: the tensor itself (funcgrad has no other device).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(1)
        >>> x.cpu() is x
        True
        """
        return self

    def item(self) -> Any:
        """The value of a one-element tensor as a Python number.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor([2.5]).item()
        2.5
        """
        if self.numel() != 1:
            raise RuntimeError(
                f"a Tensor with {self.numel()} elements cannot be converted to Scalar"
            )
        return self._array().reshape(()).item()

    def tolist(self) -> Any:
        """The values as (nested) Python lists.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor([[1, 2]]).tolist()
        [[1, 2]]
        """
        return self._array().tolist()

    def numpy(self, *, force: bool = False) -> np.ndarray:
        """The values as a NumPy array sharing the tensor's memory.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(2).numpy()
        array([1., 1.], dtype=float32)
        """
        if self.requires_grad and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. "
                "Use tensor.detach().numpy() instead."
            )
        return self._array()

    def __array__(self, dtype=None, copy=None):
        a = self.numpy()
        return a if dtype is None else a.astype(dtype)

    def __bool__(self) -> bool:
        if self.numel() != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self.item())

    def __float__(self) -> float:
        _warn_scalar_once(self)
        return float(self._scalar("float"))

    def __int__(self) -> int:
        return int(self._scalar("int"))

    def __complex__(self) -> complex:
        _warn_scalar_once(self)
        return complex(self._scalar("complex"))

    def __index__(self) -> int:
        if self.dtype.np.kind not in "iub" or self.numel() != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def _scalar(self, what: str):
        if self.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self.item()

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self.shape[0]

    def __iter__(self):
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self.shape[0]))

    def __format__(self, spec: str) -> str:
        # As PyTorch: a 0-d tensor formats as its number (f"{t}" gives "0.5").
        if self.ndim == 0 and (spec or isinstance(self._node.primal, np.ndarray)):
            return format(self.item(), spec)
        return format(repr(self), spec)

    def __repr__(self, *, tensor_contents: Any = None) -> str:
        suffixes = []
        fn = self.grad_fn
        if fn is not None:
            suffixes.append(f"grad_fn=<{fn._torch_name}>")
        elif self.requires_grad:
            suffixes.append("requires_grad=True")
        p = self._node.primal
        if isinstance(p, JVPTracer) and p._trace.outlives and p._trace.active:
            t = p.tangent  # a dual tensor of torch.autograd.forward_ad
            shown = repr(type(self)._from_node(constant(t))) if np.ndim(t) else repr(float(t))
            suffixes.append(f"tangent={shown}")
        return format_tensor(
            self._array(),
            dtype_name=self.dtype.name,
            suffixes=suffixes,
            default_dtype=_dtypes.get_default_dtype().name,
        )

    __str__ = __repr__
