"""``torch.nn.utils.weight_norm``: ``w = g * v / ||v||`` through a forward pre-hook.

The hook-based form PyTorch keeps for old programs (deprecated there in favour of
:func:`funcgrad.torch.nn.utils.parametrizations.weight_norm`): the parameter
``<name>`` becomes ``<name>_g`` (the norms) and ``<name>_v`` (the direction),
and ``<name>`` is recomputed from them before every call.

>>> import funcgrad.torch as torch
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     m = torch.nn.utils.weight_norm(torch.nn.Linear(3, 2))
>>> [n for n, _ in m.named_parameters()], m.weight_g.shape
(['bias', 'weight_g', 'weight_v'], torch.Size([2, 1]))
"""

from __future__ import annotations

import warnings
from typing import Any

from ...tensor import Tensor
from ..functional._common import _named
from ..modules.module import Module
from ..parameter import Parameter, UninitializedParameter

__all__ = ["WeightNorm", "weight_norm", "remove_weight_norm", "norm_except_dim"]


def norm_except_dim(v: Tensor, pow: float = 2, dim: int = 0) -> Tensor:  # noqa: A002
    """The ``pow``-norm of ``v`` over every dimension but ``dim`` (kept, as size 1).

    ``dim=-1`` gives the norm of the whole tensor, as PyTorch's
    ``torch.norm_except_dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.nn.utils.weight_norm import norm_except_dim
    >>> norm_except_dim(torch.tensor([[3.0, 0.0], [4.0, 1.0]]), 2, 1)
    tensor([[5., 1.]])
    """
    if dim == -1:
        return v.norm(pow)
    dims = [d for d in range(v.dim()) if d != dim]
    if not dims:
        return v.abs() if pow != 0 else (v != 0).to(v.dtype)
    return v.norm(p=pow, dim=dims, keepdim=True)


def weight_norm_interface(v: Tensor, g: Tensor, dim: int = 0) -> Tensor:
    """``v * (g / norm_except_dim(v, 2, dim))``: PyTorch's ``torch._weight_norm``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.nn.utils.weight_norm import weight_norm_interface
    >>> v = torch.tensor([[3.0, 4.0]], requires_grad=True)
    >>> weight_norm_interface(v, torch.tensor([[10.0]]), 0)
    tensor([[6., 8.]], grad_fn=<WeightNormInterfaceBackward0>)
    """
    out = v * (g / norm_except_dim(v, 2, dim))
    return _named("weight_norm_interface", out, (v, g))


class WeightNorm:
    """The forward pre-hook of :func:`weight_norm`: recomputes ``<name>`` from ``_g`` and ``_v``.

    Attributes
    ----------
    name : str
        The name of the normalised parameter.
    dim : int
        The dimension that keeps its own norm (-1: one norm for the whole tensor).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = torch.nn.utils.weight_norm(torch.nn.Linear(2, 2), dim=None)
    >>> hook = next(iter(m._forward_pre_hooks.values()))
    >>> type(hook).__name__, hook.name, hook.dim, m.weight_g.shape
    ('WeightNorm', 'weight', -1, torch.Size([]))
    """

    __module__ = "torch.nn.utils.weight_norm"

    def __init__(self, name: str, dim: int | None) -> None:
        self.name = name
        self.dim = -1 if dim is None else dim

    def compute_weight(self, module: Module) -> Tensor:
        """``g * v / ||v||`` from the module's ``<name>_g`` and ``<name>_v``."""
        g = getattr(module, self.name + "_g")
        v = getattr(module, self.name + "_v")
        return weight_norm_interface(v, g, self.dim)

    @staticmethod
    def apply(module: Module, name: str, dim: int | None) -> WeightNorm:
        """Split ``module.<name>`` into ``<name>_g`` and ``<name>_v`` and add the hook."""
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, WeightNorm) and hook.name == name:
                raise RuntimeError(
                    f"Cannot register two weight_norm hooks on the same parameter {name}")
        fn = WeightNorm(name, dim)
        weight = getattr(module, name)
        if isinstance(weight, UninitializedParameter):
            raise ValueError(
                "The module passed to `WeightNorm` can't have uninitialized parameters. Make "
                "sure to run the dummy forward before applying weight normalization"
            )
        del module._parameters[name]
        module.register_parameter(
            name + "_g", Parameter(norm_except_dim(weight, 2, fn.dim).detach()))
        module.register_parameter(name + "_v", Parameter(weight.detach()))
        setattr(module, name, fn.compute_weight(module))
        module.register_forward_pre_hook(fn)
        return fn

    def remove(self, module: Module) -> None:
        """Make ``<name>`` a parameter again, with its current value."""
        weight = self.compute_weight(module)
        delattr(module, self.name)
        del module._parameters[self.name + "_g"]
        del module._parameters[self.name + "_v"]
        setattr(module, self.name, Parameter(weight.detach()))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name, self.compute_weight(module))


def weight_norm(module: Module, name: str = "weight", dim: int | None = 0) -> Module:
    """Reparametrize ``module.<name>`` as ``g * v / ||v||`` (norms over all dims but ``dim``).

    Deprecated in PyTorch (a ``FutureWarning``, as there) in favour of
    :func:`funcgrad.torch.nn.utils.parametrizations.weight_norm`; the
    parameters are ``<name>_g`` and ``<name>_v`` and the state dict keys too.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = torch.nn.utils.weight_norm(torch.nn.Linear(20, 40), name="weight")
    >>> m.weight_g.size(), m.weight_v.size(), list(m.state_dict())
    (torch.Size([40, 1]), torch.Size([40, 20]), ['bias', 'weight_g', 'weight_v'])
    """
    warnings.warn(
        "`torch.nn.utils.weight_norm` is deprecated in favor of "
        "`torch.nn.utils.parametrizations.weight_norm`.", FutureWarning, stacklevel=2,
    )
    WeightNorm.apply(module, name, dim)
    return module


def remove_weight_norm(module: Module, name: str = "weight") -> Module:
    """Undo :func:`weight_norm`: ``<name>`` is one parameter again (with its current value).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = torch.nn.utils.weight_norm(torch.nn.Linear(2, 2))
    >>> m = torch.nn.utils.remove_weight_norm(m)
    >>> [n for n, _ in m.named_parameters()]
    ['bias', 'weight']
    """
    for k, hook in module._forward_pre_hooks.items():
        if isinstance(hook, WeightNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module
    raise ValueError(f"weight_norm of '{name}' not found in {module}")
