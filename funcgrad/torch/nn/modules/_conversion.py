"""Conversions of every parameter and buffer: ``apply``, ``to``, ``double``, ``float``, ...

:class:`~funcgrad.torch.nn.Module` inherits them from :class:`ConversionMixin`.

>>> import funcgrad.torch as torch
>>> torch.nn.Linear(2, 2).double().weight.dtype
torch.float64
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import _dtypes
from ..._dtypes import dtype as _dtype_class
from ..._graph import no_grad
from ...tensor import Tensor

__all__ = ["ConversionMixin"]


class ConversionMixin:
    """The part of ``nn.Module`` that maps a function over its parameters and buffers.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.Linear(1, 1).to(torch.float64).bias.dtype
    torch.float64
    """

    # What the mixin uses of nn.Module.
    children: Callable[[], Any]
    modules: Callable[[], Any]

    def apply(self, fn: Callable[[Any], Any]) -> Any:
        """Call ``fn`` on every submodule (children first) and then on self; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> def init(m):
        ...     if isinstance(m, torch.nn.Linear):
        ...         torch.nn.init.ones_(m.weight)
        >>> net = torch.nn.Sequential(torch.nn.Linear(2, 1)).apply(init)
        >>> net[0].weight
        Parameter containing:
        tensor([[1., 1.]], requires_grad=True)
        """
        # Post-order: the children, then the module itself, as PyTorch does.
        order = []
        stack = [(self, False)]
        while stack:
            module, done = stack.pop()
            if done:
                order.append(module)
                continue
            stack.append((module, True))
            for child in reversed(list(module.children())):
                stack.append((child, False))
        for module in order:
            fn(module)
        return self

    def _apply(self, fn: Callable[[Tensor], Tensor]) -> Any:
        for module in self.modules():
            for param in module._parameters.values():
                if param is None:
                    continue
                with no_grad():
                    new = fn(param)
                param.data = new
                if param.grad is not None:
                    with no_grad():
                        param.grad = fn(param.grad)
            for key, buf in module._buffers.items():
                if buf is not None:
                    module._buffers[key] = fn(buf)
        return self

    def to(self, *args: Any, **kwargs: Any) -> Any:
        """Convert the floating point parameters and buffers to a dtype (devices are the CPU).

        Accepts ``to(dtype)``, ``to(device)``, ``to(device, dtype)``,
        ``to(tensor)`` and the keywords ``dtype=``/``device=``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(2, 2).to(torch.float64).weight.dtype
        torch.float64
        >>> m = torch.nn.Linear(2, 2); m.to("cpu") is m
        True
        """
        dtype = kwargs.pop("dtype", None)
        _dtypes.check_device(kwargs.pop("device", None), "Module.to()")
        kwargs.pop("non_blocking", None)
        kwargs.pop("memory_format", None)
        for key in kwargs:
            raise TypeError(f"to() got an unexpected keyword argument '{key}'")
        for a in args:
            if isinstance(a, _dtype_class):
                dtype = a
            elif isinstance(a, Tensor):
                dtype = a.dtype
            elif isinstance(a, (str, _dtypes.device)) or type(a) is int:
                _dtypes.check_device(a, "Module.to()")
        if dtype is None:
            return self
        if not (dtype.is_floating_point or dtype.is_complex):
            raise TypeError(
                "nn.Module.to only accepts floating point or complex dtypes, but got desired "
                f"dtype={dtype}"
            )
        return self._apply(lambda t: t.to(dtype) if t.is_floating_point() else t)

    def double(self) -> Any:
        """Floating point parameters and buffers to ``float64``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(1, 1).double().bias.dtype
        torch.float64
        """
        return self.to(_float("float64"))

    def float(self) -> Any:
        """Floating point parameters and buffers to ``float32``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(1, 1).double().float().bias.dtype
        torch.float32
        """
        return self.to(_float("float32"))

    def half(self) -> Any:
        """Floating point parameters and buffers to ``float16``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(1, 1).half().bias.dtype
        torch.float16
        """
        return self.to(_float("float16"))

    def type(self, dst_type: Any) -> Any:
        """All parameters and buffers to ``dst_type``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(1, 1).type(torch.float64).weight.dtype
        torch.float64
        """
        return self._apply(lambda t: t.to(dst_type))

    def cpu(self) -> Any:
        """The module on the CPU: itself (funcgrad has no other device).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.ReLU(); m.cpu() is m
        True
        """
        return self

    def cuda(self, device: Any = None) -> Any:
        """funcgrad has no GPU: raises, naming the fix.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.ReLU().cuda()
        Traceback (most recent call last):
        ...
        RuntimeError: funcgrad runs on the CPU only: use .to("cpu") or leave the module where it is
        """
        raise RuntimeError(
            'funcgrad runs on the CPU only: use .to("cpu") or leave the module where it is'
        )

    def share_memory(self) -> Any:
        """A no-op (one process): returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.ReLU(); m.share_memory() is m
        True
        """
        return self


def _float(name: str):
    return _dtypes.ALIASES[name]

