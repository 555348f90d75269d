"""``torch.nn.utils.prune``: zero out entries of a module's tensors through a mask.

Pruning ``module.<name>`` moves the parameter to ``<name>_orig``, stores the
mask as the buffer ``<name>_mask`` and makes ``<name>`` a plain attribute,
``<name>_mask * <name>_orig``, recomputed by a forward pre-hook (the pruning
method itself) before every call, exactly as PyTorch names and stores them;
the state dict keys are ``<name>_orig`` and ``<name>_mask``. Pruning the same
tensor again combines the masks in a :class:`PruningContainer`;
:func:`remove` makes the pruning permanent.

>>> import funcgrad.torch as torch
>>> import funcgrad.torch.nn.utils.prune as prune
>>> layer = torch.nn.Linear(3, 2)
>>> with torch.no_grad():
...     _ = layer.weight.copy_(torch.tensor([[0.1, -0.5, 0.2], [0.4, -0.05, 0.3]]))
>>> _ = prune.l1_unstructured(layer, name="weight", amount=2)
>>> layer.weight_mask
tensor([[1., 1., 0.],
        [1., 0., 1.]])
>>> sorted(layer.state_dict())
['bias', 'weight_mask', 'weight_orig']
"""

from __future__ import annotations

import numbers
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

from ...factories import ones_like, rand, rand_like, zeros_like
from ...tensor import Tensor
from ..modules.module import Module
from .convert_parameters import parameters_to_vector

__all__ = [
    "BasePruningMethod", "PruningContainer", "Identity", "RandomUnstructured",
    "L1Unstructured", "RandomStructured", "LnStructured", "CustomFromMask", "identity",
    "random_unstructured", "l1_unstructured", "random_structured", "ln_structured",
    "global_unstructured", "custom_from_mask", "remove", "is_pruned",
]

_MOD = "torch.nn.utils.prune"


class BasePruningMethod(ABC):
    """The base of pruning methods: subclass it, set ``PRUNING_TYPE``, write ``compute_mask``.

    ``PRUNING_TYPE`` is ``'unstructured'`` (single entries), ``'structured'``
    (whole slices along ``self.dim``) or ``'global'``; it tells
    :class:`PruningContainer` which part of an already pruned tensor a new
    mask acts on. An instance is the module's forward pre-hook.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> class EveryOther(prune.BasePruningMethod):
    ...     PRUNING_TYPE = "unstructured"
    ...     def compute_mask(self, t, default_mask):
    ...         mask = default_mask.clone()
    ...         mask.view(-1)[::2] = 0
    ...         return mask
    >>> layer = torch.nn.Linear(2, 3)
    >>> _ = EveryOther.apply(layer, "bias")
    >>> layer.bias_mask
    tensor([0., 1., 0.])
    """

    __module__ = _MOD
    PRUNING_TYPE: str | None = None
    _tensor_name: str

    def __call__(self, module: Module, inputs: Any) -> None:
        """The forward pre-hook: recompute ``module.<name>`` from its original and mask."""
        setattr(module, self._tensor_name, self.apply_mask(module))

    @abstractmethod
    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """The mask for ``t`` (of its shape), starting from ``default_mask``."""

    def apply_mask(self, module: Module) -> Tensor:
        """``<name>_mask * <name>_orig`` of ``module`` (differentiable in the original).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> import funcgrad.torch.nn.utils.prune as prune
        >>> layer = torch.nn.Linear(2, 2)
        >>> method = prune.CustomFromMask.apply(layer, "bias", torch.tensor([0.0, 1.0]))
        >>> bool((method.apply_mask(layer) == layer.bias).all())
        True
        """
        if getattr(self, "_tensor_name", None) is None:
            raise ValueError(
                f"Module {module} has to be pruned (the pruning method has no tensor name); "
                "prune it with <Method>.apply(module, name, ...) first"
            )
        orig = getattr(module, self._tensor_name + "_orig")
        mask = getattr(module, self._tensor_name + "_mask")
        return mask.to(dtype=orig.dtype) * orig

    @classmethod
    def apply(cls, module: Module, name: str, *args: Any, importance_scores: Tensor | None = None,
              **kwargs: Any) -> BasePruningMethod:
        """Prune ``module.<name>`` with ``cls(*args, **kwargs)`` (combined with earlier pruning).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> import funcgrad.torch.nn.utils.prune as prune
        >>> layer = torch.nn.Linear(4, 2)
        >>> method = prune.RandomUnstructured.apply(layer, "weight", amount=0.5)
        >>> int(layer.weight_mask.sum())
        4
        """
        method = _composite_method(cls, module, name, *args, **kwargs)
        orig = getattr(module, name)
        if importance_scores is not None:
            if tuple(importance_scores.shape) != tuple(orig.shape):
                raise ValueError(
                    f"importance_scores should have the same shape as parameter {name} of "
                    f"{module}: got {list(importance_scores.shape)}, want {list(orig.shape)}"
                )
        else:
            importance_scores = orig
        first = not isinstance(method, PruningContainer)
        if first:
            module.register_parameter(name + "_orig", orig)
            del module._parameters[name]
            default_mask = ones_like(orig)
        else:
            default_mask = getattr(module, name + "_mask").detach().clone()
        try:
            mask = method.compute_mask(importance_scores, default_mask=default_mask)
            module.register_buffer(name + "_mask", mask)
            setattr(module, name, method.apply_mask(module))
            module.register_forward_pre_hook(method)
        except Exception:
            if first:
                orig = getattr(module, name + "_orig")
                module.register_parameter(name, orig)
                del module._parameters[name + "_orig"]
            raise
        return method

    def prune(self, t: Tensor, default_mask: Tensor | None = None,
              importance_scores: Tensor | None = None) -> Tensor:
        """``t`` times its mask: the pruned tensor, with no module involved.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> import funcgrad.torch.nn.utils.prune as prune
        >>> prune.L1Unstructured(amount=1).prune(torch.tensor([3.0, -1.0, 2.0]))
        tensor([3., -0., 2.])
        """
        if importance_scores is not None:
            if tuple(importance_scores.shape) != tuple(t.shape):
                raise ValueError("importance_scores should have the same shape as tensor t")
        else:
            importance_scores = t
        default_mask = default_mask if default_mask is not None else ones_like(t)
        return t * self.compute_mask(importance_scores, default_mask=default_mask)

    def remove(self, module: Module) -> None:
        """Make the pruning permanent: ``<name>`` becomes a parameter holding the pruned values.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> import funcgrad.torch.nn.utils.prune as prune
        >>> layer = torch.nn.Linear(2, 2)
        >>> method = prune.Identity.apply(layer, "bias")
        >>> method.remove(layer)
        >>> [n for n, _ in layer.named_parameters()]
        ['weight', 'bias']
        """
        if getattr(self, "_tensor_name", None) is None:
            raise ValueError(f"Module {module} has to be pruned before pruning can be removed")
        weight = self.apply_mask(module)
        if self._tensor_name in module.__dict__:
            delattr(module, self._tensor_name)
        orig = module._parameters[self._tensor_name + "_orig"]
        orig.data = weight.data
        del module._parameters[self._tensor_name + "_orig"]
        del module._buffers[self._tensor_name + "_mask"]
        setattr(module, self._tensor_name, orig)


def _composite_method(cls: type, module: Module, name: str, *args: Any,
                      **kwargs: Any) -> BasePruningMethod:
    """``cls(*args, **kwargs)`` for ``name``, chained after a pruning hook already on ``name``."""
    old = [(k, hook) for k, hook in module._forward_pre_hooks.items()
           if isinstance(hook, BasePruningMethod) and hook._tensor_name == name]
    if len(old) > 1:
        raise RuntimeError(
            f"Avoid adding multiple pruning hooks to the same tensor {name} of module "
            f"{module}. Use a PruningContainer."
        )
    for k, _ in old:
        del module._forward_pre_hooks[k]
    method = cls(*args, **kwargs)
    method._tensor_name = name
    if old:
        old_method = old[0][1]
        if isinstance(old_method, PruningContainer):
            old_method.add_pruning_method(method)
            method = old_method
        else:
            container = PruningContainer(old_method)
            container.add_pruning_method(method)
            method = container
    return method


class PruningContainer(BasePruningMethod):
    """The pruning history of one tensor: each new method acts on what earlier ones left.

    Iterating gives the methods in order of application.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> layer = torch.nn.Linear(3, 2)
    >>> _ = prune.random_unstructured(layer, "weight", amount=1)
    >>> _ = prune.ln_structured(layer, "weight", amount=1, n=2, dim=0)
    >>> hook = next(iter(layer._forward_pre_hooks.values()))
    >>> [type(m).__name__ for m in hook]
    ['RandomUnstructured', 'LnStructured']
    >>> int(layer.weight_mask.sum()) <= 3
    True
    """

    __module__ = _MOD

    def __init__(self, *args: BasePruningMethod) -> None:
        self._pruning_methods: tuple[BasePruningMethod, ...] = ()
        if len(args) == 1:
            self._tensor_name = args[0]._tensor_name
            self.add_pruning_method(args[0])
        else:
            for method in args:
                self.add_pruning_method(method)

    def add_pruning_method(self, method: BasePruningMethod | None) -> None:
        """Append ``method`` (which must act on this container's tensor) to the history."""
        if not isinstance(method, BasePruningMethod) and method is not None:
            raise TypeError(f"{type(method)} is not a BasePruningMethod subclass")
        if method is not None and getattr(self, "_tensor_name", None) != method._tensor_name:
            raise ValueError(
                "Can only add pruning methods acting on the parameter named "
                f"'{getattr(self, '_tensor_name', None)}' to PruningContainer {self}. "
                f"Found '{method._tensor_name}'"
            )
        self._pruning_methods += (method,)  # type: ignore[operator]

    def __len__(self) -> int:
        return len(self._pruning_methods)

    def __iter__(self) -> Iterator[BasePruningMethod]:
        return iter(self._pruning_methods)

    def __getitem__(self, idx: int) -> BasePruningMethod:
        return self._pruning_methods[idx]

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        """Apply the newest method to the part of ``t`` the current mask still keeps."""
        method = self._pruning_methods[-1]
        new_mask = default_mask.to(dtype=t.dtype)
        kind = method.PRUNING_TYPE
        slc: Any
        if kind == "unstructured":
            slc = default_mask == 1
        elif kind == "structured":
            if not hasattr(method, "dim"):
                raise AttributeError(
                    "Pruning methods of PRUNING_TYPE 'structured' need to have the attribute "
                    "`dim` defined."
                )
            n_dims = t.dim()
            dim = method.dim if method.dim >= 0 else n_dims + method.dim
            if dim < 0:
                raise IndexError(f"Index is out of bounds for tensor with dimensions {n_dims}")
            others = [d for d in range(n_dims) if d != dim]
            keep_channel = default_mask.sum(dim=others) != 0
            parts: list[Any] = [slice(None)] * n_dims
            parts[dim] = keep_channel
            slc = tuple(parts)
        elif kind == "global":
            slc = (slice(None),) * t.dim()
        else:
            raise ValueError(f"Unrecognized PRUNING_TYPE {kind}")
        partial_mask = method.compute_mask(t[slc], default_mask=default_mask[slc])
        new_mask[slc] = partial_mask.to(dtype=new_mask.dtype)
        return new_mask


class Identity(BasePruningMethod):
    """Prune nothing: the mask is all ones (the reparametrization alone).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> layer = prune.identity(torch.nn.Linear(2, 1), "bias")
    >>> layer.bias_mask
    tensor([1.])
    """

    __module__ = _MOD
    PRUNING_TYPE = "unstructured"

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        return default_mask

    @classmethod
    def apply(cls, module: Module, name: str) -> BasePruningMethod:  # type: ignore[override]
        return super().apply(module, name)


class RandomUnstructured(BasePruningMethod):
    """Prune ``amount`` entries (a fraction in [0, 1] or a count) chosen uniformly at random.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> int(prune.RandomUnstructured(amount=0.25).compute_mask(
    ...     torch.ones(8), torch.ones(8)).sum())
    6
    """

    __module__ = _MOD
    PRUNING_TYPE = "unstructured"

    def __init__(self, amount: int | float) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        tensor_size = t.nelement()
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        _validate_pruning_amount(nparams_toprune, tensor_size)
        mask = default_mask.clone()
        if nparams_toprune != 0:
            prob = rand_like(t)
            topk = prob.view(-1).topk(k=nparams_toprune)
            mask.view(-1)[topk.indices] = 0
        return mask

    @classmethod
    def apply(cls, module: Module, name: str,  # type: ignore[override]
              amount: int | float) -> BasePruningMethod:
        return super().apply(module, name, amount=amount)


class L1Unstructured(BasePruningMethod):
    """Prune the ``amount`` entries of smallest absolute value (of ``importance_scores``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> prune.L1Unstructured(amount=0.5).compute_mask(
    ...     torch.tensor([0.3, -2.0, 0.1, 1.0]), torch.ones(4))
    tensor([0., 1., 0., 1.])
    """

    __module__ = _MOD
    PRUNING_TYPE = "unstructured"

    def __init__(self, amount: int | float) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        tensor_size = t.nelement()
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        _validate_pruning_amount(nparams_toprune, tensor_size)
        mask = default_mask.clone()
        if nparams_toprune != 0:
            topk = t.abs().reshape(-1).topk(k=nparams_toprune, largest=False)
            mask.view(-1)[topk.indices] = 0
        return mask

    @classmethod
    def apply(cls, module: Module, name: str, amount: int | float,  # type: ignore[override]
              importance_scores: Tensor | None = None) -> BasePruningMethod:
        return super().apply(module, name, amount=amount, importance_scores=importance_scores)


def _channel_mask(t: Tensor, dim: int, keep: Any) -> Tensor:
    mask = zeros_like(t)
    slc: list[Any] = [slice(None)] * t.dim()
    slc[dim] = keep
    mask[tuple(slc)] = 1
    return mask


class RandomStructured(BasePruningMethod):
    """Prune ``amount`` whole channels along ``dim``, chosen at random.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> mask = prune.RandomStructured(amount=2, dim=0).compute_mask(
    ...     torch.ones(4, 3), torch.ones(4, 3))
    >>> mask.sum(dim=1).tolist().count(0.0)
    2
    """

    __module__ = _MOD
    PRUNING_TYPE = "structured"

    def __init__(self, amount: int | float, dim: int = -1) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount
        self.dim = dim

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        _validate_structured_pruning(t)
        _validate_pruning_dim(t, self.dim)
        tensor_size = t.shape[self.dim]
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        _validate_pruning_amount(nparams_toprune, tensor_size)
        if nparams_toprune == 0:
            return default_mask
        prob = rand(tensor_size)
        threshold = prob.kthvalue(k=nparams_toprune).values
        mask = _channel_mask(t, self.dim, prob > threshold)
        mask *= default_mask.to(dtype=mask.dtype)
        return mask

    @classmethod
    def apply(cls, module: Module, name: str, amount: int | float,  # type: ignore[override]
              dim: int = -1) -> BasePruningMethod:
        return super().apply(module, name, amount=amount, dim=dim)


class LnStructured(BasePruningMethod):
    """Prune the ``amount`` channels along ``dim`` of smallest ``n``-norm.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> t = torch.tensor([[1.0, 1.0], [0.1, 0.2], [3.0, 0.0]])
    >>> prune.LnStructured(amount=1, n=2, dim=0).compute_mask(t, torch.ones(3, 2))
    tensor([[1., 1.],
            [0., 0.],
            [1., 1.]])
    """

    __module__ = _MOD
    PRUNING_TYPE = "structured"

    def __init__(self, amount: int | float, n: Any, dim: int = -1) -> None:
        _validate_pruning_amount_init(amount)
        self.amount = amount
        self.n = n
        self.dim = dim

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        _validate_structured_pruning(t)
        _validate_pruning_dim(t, self.dim)
        tensor_size = t.shape[self.dim]
        nparams_toprune = _compute_nparams_toprune(self.amount, tensor_size)
        nparams_tokeep = tensor_size - nparams_toprune
        _validate_pruning_amount(nparams_toprune, tensor_size)
        dim = self.dim if self.dim >= 0 else t.dim() + self.dim
        dims = [d for d in range(t.dim()) if d != dim]
        norm = t.norm(p=self.n, dim=dims)
        topk = norm.topk(k=nparams_tokeep, largest=True)
        if nparams_toprune == 0:
            return default_mask
        mask = _channel_mask(t, dim, topk.indices)
        mask *= default_mask.to(dtype=mask.dtype)
        return mask

    @classmethod
    def apply(cls, module: Module, name: str, amount: int | float,  # type: ignore[override]
              n: Any, dim: int, importance_scores: Tensor | None = None) -> BasePruningMethod:
        return super().apply(module, name, amount=amount, n=n, dim=dim,
                             importance_scores=importance_scores)


class CustomFromMask(BasePruningMethod):
    """Prune with a given mask (combined with any earlier one).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> layer = prune.custom_from_mask(torch.nn.Linear(2, 2), "bias", torch.tensor([0, 1]))
    >>> layer.bias_mask
    tensor([0., 1.])
    """

    __module__ = _MOD
    PRUNING_TYPE = "global"

    def __init__(self, mask: Tensor) -> None:
        self.mask = mask

    def compute_mask(self, t: Tensor, default_mask: Tensor) -> Tensor:
        if tuple(default_mask.shape) != tuple(self.mask.shape):
            raise ValueError(
                f"the mask has shape {list(self.mask.shape)} but the tensor it prunes has "
                f"shape {list(default_mask.shape)}"
            )
        return default_mask * self.mask.to(dtype=default_mask.dtype)

    @classmethod
    def apply(cls, module: Module, name: str,  # type: ignore[override]
              mask: Tensor) -> BasePruningMethod:
        return super().apply(module, name, mask=mask)


def identity(module: Module, name: str) -> Module:
    """Reparametrize ``module.<name>`` with an all-ones mask (prunes nothing).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = prune.identity(torch.nn.Linear(2, 3), "weight")
    >>> [n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()]
    (['bias', 'weight_orig'], ['weight_mask'])
    """
    Identity.apply(module, name)
    return module


def random_unstructured(module: Module, name: str, amount: int | float) -> Module:
    """Prune ``amount`` randomly chosen entries of ``module.<name>`` (fraction or count).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = prune.random_unstructured(torch.nn.Linear(4, 5), name="weight", amount=0.3)
    >>> int((m.weight == 0).sum())
    6
    """
    RandomUnstructured.apply(module, name, amount)
    return module


def l1_unstructured(module: Module, name: str, amount: int | float,
                    importance_scores: Tensor | None = None) -> Module:
    """Prune the ``amount`` entries of ``module.<name>`` of smallest absolute value.

    ``importance_scores`` (of the tensor's shape) ranks entries in place of the
    tensor itself.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = torch.nn.Linear(3, 1)
    >>> with torch.no_grad():
    ...     _ = m.bias.fill_(0.5)
    >>> _ = prune.l1_unstructured(m, name="bias", amount=1)
    >>> m.bias
    tensor([0.], grad_fn=<MulBackward0>)
    """
    L1Unstructured.apply(module, name, amount=amount, importance_scores=importance_scores)
    return module


def random_structured(module: Module, name: str, amount: int | float, dim: int) -> Module:
    """Prune ``amount`` random channels of ``module.<name>`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = prune.random_structured(torch.nn.Linear(3, 4), "weight", amount=0.5, dim=0)
    >>> (m.weight_mask.sum(dim=1) == 0).sum().item()
    2
    """
    RandomStructured.apply(module, name, amount, dim)
    return module


def ln_structured(module: Module, name: str, amount: int | float, n: Any, dim: int,
                  importance_scores: Tensor | None = None) -> Module:
    """Prune the ``amount`` channels of ``module.<name>`` along ``dim`` of smallest ``n``-norm.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = torch.nn.Linear(2, 3)
    >>> with torch.no_grad():
    ...     _ = m.weight.copy_(torch.tensor([[1.0, 1.0], [0.1, 0.1], [2.0, 0.0]]))
    >>> _ = prune.ln_structured(m, "weight", amount=1, n=2, dim=0)
    >>> m.weight_mask
    tensor([[1., 1.],
            [0., 0.],
            [1., 1.]])
    """
    LnStructured.apply(module, name, amount, n, dim, importance_scores=importance_scores)
    return module


def global_unstructured(parameters: Iterable[tuple[Module, str]], pruning_method: type,
                        importance_scores: dict | None = None, **kwargs: Any) -> None:
    """Prune the ``(module, name)`` tensors together, ranking all their entries at once.

    ``pruning_method`` is an unstructured method class (such as
    :class:`L1Unstructured`) and ``kwargs`` its arguments (``amount``); each
    tensor gets a :class:`CustomFromMask` with its share of the global mask.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> a, b = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    >>> with torch.no_grad():
    ...     _ = a.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    ...     _ = b.weight.copy_(torch.tensor([[0.5, 5.0], [6.0, 0.1]]))
    >>> prune.global_unstructured([(a, "weight"), (b, "weight")],
    ...                           pruning_method=prune.L1Unstructured, amount=3)
    >>> a.weight_mask, b.weight_mask
    (tensor([[0., 1.],
            [1., 1.]]), tensor([[0., 1.],
            [1., 0.]]))
    """
    if not isinstance(parameters, Iterable):
        raise TypeError("global_unstructured(): parameters is not an Iterable")
    parameters = list(parameters)
    importance_scores = importance_scores if importance_scores is not None else {}
    if not isinstance(importance_scores, dict):
        raise TypeError("global_unstructured(): importance_scores must be of type dict")
    relevant = parameters_to_vector([
        importance_scores.get((module, name), getattr(module, name))
        for module, name in parameters
    ])
    default_mask = parameters_to_vector([
        getattr(module, name + "_mask", ones_like(getattr(module, name)))
        for module, name in parameters
    ])
    container = PruningContainer()
    container._tensor_name = "temp"
    method = pruning_method(**kwargs)
    method._tensor_name = "temp"
    if method.PRUNING_TYPE != "unstructured":
        raise TypeError(
            'Only "unstructured" PRUNING_TYPE supported for the `pruning_method`. Found method '
            f"{pruning_method} of type {method.PRUNING_TYPE}"
        )
    container.add_pruning_method(method)
    final_mask = container.compute_mask(relevant, default_mask)
    pointer = 0
    for module, name in parameters:
        param = getattr(module, name)
        num_param = param.numel()
        param_mask = final_mask[pointer:pointer + num_param].view_as(param)
        custom_from_mask(module, name, mask=param_mask)
        pointer += num_param


def custom_from_mask(module: Module, name: str, mask: Tensor) -> Module:
    """Prune ``module.<name>`` with the given ``mask`` (of its shape).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = prune.custom_from_mask(torch.nn.Linear(3, 1), "weight",
    ...                            torch.tensor([[1.0, 0.0, 1.0]]))
    >>> m.weight_mask
    tensor([[1., 0., 1.]])
    """
    CustomFromMask.apply(module, name, mask)
    return module


def remove(module: Module, name: str) -> Module:
    """Make the pruning of ``module.<name>`` permanent (and drop ``_orig``, ``_mask``, the hook).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> m = prune.l1_unstructured(torch.nn.Linear(2, 2), "weight", amount=1)
    >>> m = prune.remove(m, "weight")
    >>> list(m.state_dict()), int((m.weight == 0).sum())
    (['bias', 'weight'], 1)
    """
    for k, hook in module._forward_pre_hooks.items():
        if isinstance(hook, BasePruningMethod) and hook._tensor_name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module
    raise ValueError(
        f"Parameter '{name}' of module {module} has to be pruned before pruning can be removed"
    )


def is_pruned(module: Module) -> bool:
    """Whether ``module`` or any submodule has a pruning hook.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.utils.prune as prune
    >>> model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
    >>> prune.is_pruned(model)
    False
    >>> _ = prune.random_unstructured(model[0], "weight", amount=1)
    >>> prune.is_pruned(model)
    True
    """
    for _, submodule in module.named_modules():
        for hook in submodule._forward_pre_hooks.values():
            if isinstance(hook, BasePruningMethod):
                return True
    return False


def _validate_pruning_amount_init(amount: Any) -> None:
    if not isinstance(amount, numbers.Real):
        raise TypeError(f"Invalid type for amount: {amount}. Must be int or float.")
    if (isinstance(amount, numbers.Integral) and amount < 0) or (
            not isinstance(amount, numbers.Integral)
            and (float(amount) > 1.0 or float(amount) < 0.0)):
        raise ValueError(
            f"amount={amount} should either be a float in the range [0, 1] or a non-negative "
            "integer"
        )


def _validate_pruning_amount(amount: int, tensor_size: int) -> None:
    if isinstance(amount, numbers.Integral) and amount > tensor_size:
        raise ValueError(
            f"amount={amount} should be smaller than the number of parameters to "
            f"prune={tensor_size}"
        )


def _validate_structured_pruning(t: Tensor) -> None:
    if len(t.shape) <= 1:
        raise ValueError(
            "Structured pruning can only be applied to multidimensional tensors. Found tensor "
            f"of shape {t.shape} with {len(t.shape)} dims"
        )


def _compute_nparams_toprune(amount: int | float, tensor_size: int) -> int:
    if isinstance(amount, numbers.Integral):
        return int(amount)
    return round(amount * tensor_size)


def _validate_pruning_dim(t: Tensor, dim: int) -> None:
    if dim >= t.dim():
        raise IndexError(f"Invalid index {dim} for tensor of size {t.shape}")
