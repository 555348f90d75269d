"""``torch.nn.utils.parametrize``: a module attribute computed from other tensors.

:func:`register_parametrization` moves ``module.<name>`` to
``module.parametrizations.<name>.original`` and turns ``<name>`` into a
property that returns ``parametrization(original)`` each time it is read (once
per :func:`cached` block). Assigning to the property runs the
parametrizations' ``right_inverse`` backwards into ``original``. The module's
class becomes ``Parametrized<Class>``, as in PyTorch, and its state dict keys
become ``parametrizations.<name>.original``.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch import nn
>>> import funcgrad.torch.nn.utils.parametrize as P
>>> class Symmetric(nn.Module):
...     def forward(self, X):
...         return X.triu() + X.triu(1).transpose(-1, -2)
>>> layer = nn.Linear(3, 3)
>>> _ = P.register_parametrization(layer, "weight", Symmetric())
>>> bool((layer.weight == layer.weight.T).all()), type(layer).__name__
(True, 'ParametrizedLinear')
>>> list(layer.state_dict())
['bias', 'parametrizations.weight.original']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from ..._graph import no_grad
from ...tensor import Tensor
from ..modules.container import ModuleDict, ModuleList
from ..modules.module import Module
from ..parameter import Parameter

__all__ = [
    "register_parametrization", "remove_parametrizations", "is_parametrized", "cached",
    "type_before_parametrizations", "transfer_parametrizations_and_params",
    "ParametrizationList",
]

_cache_depth = [0]
_cache: dict[tuple[int, str], Tensor] = {}


@contextlib.contextmanager
def cached() -> Iterator[None]:
    """Compute each parametrized tensor once inside the block (and reuse it), not per read.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> layer = torch.nn.Linear(2, 2)
    >>> _ = P.register_parametrization(layer, "weight", torch.nn.Tanh())
    >>> with P.cached():
    ...     layer.weight is layer.weight
    True
    >>> layer.weight is layer.weight
    False
    """
    _cache_depth[0] += 1
    try:
        yield
    finally:
        _cache_depth[0] -= 1
        if not _cache_depth[0]:
            _cache.clear()


def _register_parameter_or_buffer(module: Module, name: str, value: Tensor) -> None:
    if isinstance(value, Parameter):
        module.register_parameter(name, value)
    else:
        module.register_buffer(name, value)


def _set_values(original: Tensor, new: Tensor) -> None:
    """``original.set_(new)``: the same object (so optimizers still hold it), new values."""
    with no_grad():
        original.data = new.detach()


class ParametrizationList(ModuleList):
    """The parametrizations of one tensor, applied in order, and the ``original`` they start from.

    ``original`` (or ``original0``, ``original1``, ... when the first
    parametrization's ``right_inverse`` returns several tensors) is a parameter
    when the tensor was one.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> layer = torch.nn.Linear(2, 2)
    >>> _ = P.register_parametrization(layer, "weight", torch.nn.ReLU())
    >>> layer.parametrizations.weight
    ParametrizationList(
      (0): ReLU()
    )
    >>> type(layer.parametrizations.weight.original).__name__
    'Parameter'
    """

    __module__ = "torch.nn.utils.parametrize"

    def __init__(self, modules: Sequence[Module], original: Tensor, unsafe: bool = False) -> None:
        if len(modules) == 0:
            raise ValueError("ParametrizationList requires one or more modules.")
        super().__init__(modules)
        self.unsafe = unsafe
        original_shape, original_dtype = tuple(original.shape), original.dtype
        with no_grad():
            new: Any = original
            for module in reversed(self):
                if hasattr(module, "right_inverse"):
                    new = module.right_inverse(new)
        if not isinstance(new, Tensor) and not isinstance(new, Sequence):
            raise ValueError(
                "'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). "
                f"Got {type(new).__name__}"
            )
        self.is_tensor = isinstance(new, Tensor)
        self.ntensors = 1 if self.is_tensor else len(new)
        if isinstance(new, Tensor):
            if original.dtype != new.dtype:
                raise ValueError(
                    "When `right_inverse` outputs one tensor, it may not change the dtype.\n"
                    f"original.dtype: {original.dtype}\nright_inverse(original).dtype: "
                    f"{new.dtype}"
                )
            _set_values(original, new)
            _register_parameter_or_buffer(self, "original", original)
        else:
            for i, value in enumerate(new):
                if not isinstance(value, Tensor):
                    raise ValueError(
                        "'right_inverse' must return a Tensor or a Sequence of tensors "
                        f"(list, tuple...). Got element {i} of the sequence with type "
                        f"{type(value).__name__}."
                    )
                if isinstance(original, Parameter):
                    value = Parameter(value.detach(), original.requires_grad)
                _register_parameter_or_buffer(self, f"original{i}", value)
        if not unsafe:
            z = self()
            if not isinstance(z, Tensor):
                raise ValueError(
                    "A parametrization must return a tensor. Got "
                    f"{type(z).__name__}."
                )
            if z.dtype != original_dtype:
                raise ValueError(
                    "Registering a parametrization may not change the dtype of the tensor, "
                    "unless `unsafe` flag is enabled.\n"
                    f"unparametrized dtype: {original_dtype}\nparametrized dtype: {z.dtype}"
                )
            if tuple(z.shape) != original_shape:
                raise ValueError(
                    "Registering a parametrization may not change the shape of the tensor, "
                    "unless `unsafe` flag is enabled.\n"
                    f"unparametrized shape: {original.shape}\nparametrized shape: {z.shape}"
                )

    def right_inverse(self, value: Tensor) -> None:
        """Set ``original`` so that the parametrized tensor is ``value``."""
        with no_grad():
            for module in reversed(self):
                if not hasattr(module, "right_inverse"):
                    raise RuntimeError(
                        f"parametrization {type(module).__name__} does not implement "
                        "right_inverse."
                    )
                value = module.right_inverse(value)
            if self.is_tensor:
                if not isinstance(value, Tensor):
                    raise ValueError(
                        f"`right_inverse` should return a tensor. Got {type(value).__name__}"
                    )
                _set_values(self.original, value)
            else:
                for i, t in enumerate(value):
                    _set_values(getattr(self, f"original{i}"), t)

    def forward(self) -> Tensor:
        if self.is_tensor:
            x = self[0](self.original)
        else:
            x = self[0](*(getattr(self, f"original{i}") for i in range(self.ntensors)))
        for module in list(self)[1:]:
            x = module(x)
        return x


def _no_pickle(self: Any) -> Any:
    raise RuntimeError(
        "Serialization of parametrized modules is only supported through state_dict(). See:\n"
        "https://pytorch.org/tutorials/beginner/saving_loading_models.html"
        "#saving-loading-a-general-checkpoint-for-inference-and-or-resuming-training"
    )


def _inject_new_class(module: Module) -> None:
    cls = module.__class__
    module.__class__ = type(f"Parametrized{cls.__name__}", (cls,), {
        "__getstate__": _no_pickle, "__module__": cls.__module__,
    })


def _inject_property(module: Module, tensor_name: str) -> None:
    def get_parametrized(self: Module) -> Tensor:
        parametrization = self.parametrizations[tensor_name]
        if _cache_depth[0]:
            key = (id(self), tensor_name)
            value = _cache.get(key)
            if value is None:
                value = _cache[key] = parametrization()
            return value
        return parametrization()

    def set_original(self: Module, value: Tensor) -> None:
        self.parametrizations[tensor_name].right_inverse(value)

    setattr(module.__class__, tensor_name, property(get_parametrized, set_original))


def is_parametrized(module: Module, tensor_name: str | None = None) -> bool:
    """Whether ``module`` has a parametrization (on ``tensor_name``, if given).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> layer = torch.nn.Linear(2, 2)
    >>> P.is_parametrized(layer)
    False
    >>> _ = P.register_parametrization(layer, "bias", torch.nn.Softplus())
    >>> P.is_parametrized(layer, "bias"), P.is_parametrized(layer, "weight")
    (True, False)
    """
    parametrizations = module.__dict__.get("_modules", {}).get("parametrizations")
    if parametrizations is None or not isinstance(parametrizations, ModuleDict):
        return False
    if tensor_name is None:
        return len(parametrizations) > 0
    return tensor_name in parametrizations


def type_before_parametrizations(module: Module) -> type:
    """The module's class before any parametrization was registered.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> layer = torch.nn.Linear(2, 2)
    >>> _ = P.register_parametrization(layer, "weight", torch.nn.Identity())
    >>> type(layer).__name__, P.type_before_parametrizations(layer).__name__
    ('ParametrizedLinear', 'Linear')
    """
    if is_parametrized(module):
        return module.__class__.__bases__[0]
    return type(module)


def register_parametrization(module: Module, tensor_name: str, parametrization: Module, *,
                             unsafe: bool = False) -> Module:
    """Make ``module.<tensor_name>`` the output of ``parametrization`` on the stored original.

    A second registration on the same name chains after the first. With
    ``unsafe=False`` the parametrization may change neither shape nor dtype.
    If ``parametrization`` has ``right_inverse``, registering runs it on the
    current value (so the tensor keeps its value where possible) and
    assigning to the attribute goes through it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> class Skew(torch.nn.Module):
    ...     def forward(self, X):
    ...         A = X.triu(1)
    ...         return A - A.transpose(-1, -2)
    ...     def right_inverse(self, A):
    ...         return A.triu(1)
    >>> layer = P.register_parametrization(torch.nn.Linear(2, 2), "weight", Skew())
    >>> layer.weight = torch.tensor([[0.0, 2.0], [-2.0, 0.0]])
    >>> layer.weight
    tensor([[ 0.,  2.],
            [-2.,  0.]], grad_fn=<SubBackward0>)
    """
    parametrization.train(module.training)
    if is_parametrized(module, tensor_name):
        if not unsafe:
            y = getattr(module, tensor_name)
            x = parametrization(y)
            if not isinstance(x, Tensor):
                raise ValueError(
                    f"A parametrization must return a tensor. Got {type(x).__name__}.")
            if x.dtype != y.dtype:
                raise ValueError(
                    "Registering a parametrization may not change the dtype of the tensor, "
                    "unless the `unsafe` flag is enabled.\n"
                    f"module.{tensor_name}.dtype: {y.dtype}\nparametrization(module."
                    f"{tensor_name}).dtype: {x.dtype}"
                )
            if tuple(x.shape) != tuple(y.shape):
                raise ValueError(
                    "Registering a parametrization may not change the shape of the tensor, "
                    "unless the `unsafe` flag is enabled.\n"
                    f"module.{tensor_name}.shape: {y.shape}\nparametrization(module."
                    f"{tensor_name}).shape: {x.shape}"
                )
        plist = module.parametrizations[tensor_name]
        plist.append(parametrization)
        plist.unsafe |= unsafe
    elif tensor_name in module._buffers or tensor_name in module._parameters:
        original = getattr(module, tensor_name)
        plist = ParametrizationList([parametrization], original, unsafe=unsafe)
        delattr(module, tensor_name)
        if not is_parametrized(module):
            _inject_new_class(module)
            module.parametrizations = ModuleDict()
        _inject_property(module, tensor_name)
        module.parametrizations[tensor_name] = plist
    else:
        raise ValueError(
            f"Module '{module}' does not have a parameter, a buffer, or a parametrized element "
            f"with name '{tensor_name}'"
        )
    return module


def remove_parametrizations(module: Module, tensor_name: str,
                            leave_parametrized: bool = True) -> Module:
    """Undo :func:`register_parametrization` on ``tensor_name``.

    With ``leave_parametrized=True`` the tensor keeps its current
    (parametrized) value; otherwise it goes back to the stored original.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> layer = P.register_parametrization(torch.nn.Linear(2, 2), "bias", torch.nn.ReLU())
    >>> layer = P.remove_parametrizations(layer, "bias")
    >>> type(layer).__name__, bool((layer.bias >= 0).all()), list(layer.state_dict())
    ('Linear', True, ['weight', 'bias'])
    """
    if not is_parametrized(module, tensor_name):
        raise ValueError(f"Module {module} does not have a parametrization on {tensor_name}")
    plist = module.parametrizations[tensor_name]
    if plist.is_tensor:
        original = plist.original
        if leave_parametrized:
            with no_grad():
                value = getattr(module, tensor_name)
            _set_values(original, value)
    else:
        if not leave_parametrized:
            raise ValueError(
                "Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is "
                "parametrized in terms of a sequence of tensors."
            )
        with no_grad():
            value = getattr(module, tensor_name)
        original = Parameter(value.detach(), value.requires_grad) if isinstance(
            plist.original0, Parameter) else value.detach()
    delattr(module.__class__, tensor_name)
    del module.parametrizations[tensor_name]
    _register_parameter_or_buffer(module, tensor_name, original)
    if not is_parametrized(module):
        delattr(module, "parametrizations")
        module.__class__ = module.__class__.__bases__[0]
    return module


def transfer_parametrizations_and_params(from_module: Module, to_module: Module,
                                         tensor_name: str | None = None) -> Module:
    """Give ``to_module`` the parametrizations (and originals) of ``from_module``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.parametrize as P
    >>> a = P.register_parametrization(torch.nn.Linear(2, 2), "weight", torch.nn.Tanh())
    >>> b = P.transfer_parametrizations_and_params(a, torch.nn.Linear(2, 2))
    >>> bool((a.weight == b.weight).all()), type(b).__name__
    (True, 'ParametrizedLinear')
    """
    if not is_parametrized(from_module):
        return to_module
    names = list(from_module.parametrizations) if tensor_name is None else [tensor_name]
    for name in names:
        source = from_module.parametrizations[name]
        if not hasattr(to_module, name):
            _register_parameter_or_buffer(
                to_module, name, Parameter(getattr(from_module, name).detach()))
        for parametrization in source:
            register_parametrization(to_module, name, parametrization, unsafe=source.unsafe)
        with no_grad():
            target = to_module.parametrizations[name]
            if source.is_tensor:
                _set_values(target.original, source.original)
            else:
                for i in range(source.ntensors):
                    _set_values(getattr(target, f"original{i}"), getattr(source, f"original{i}"))
    return to_module
