"""``nn.Module``: the base class of every layer, with PyTorch's whole contract.

Parameters, buffers and submodules register themselves when assigned to an
attribute; ``parameters()``, ``named_modules()``, ``state_dict()`` walk them in
registration order with PyTorch's dotted key names; ``__call__`` runs the
forward pre-hooks, ``forward`` and the forward hooks; ``repr`` prints the tree
exactly as PyTorch does.

>>> import funcgrad.torch as torch
>>> class Net(torch.nn.Module):
...     def __init__(self):
...         super().__init__()
...         self.fc = torch.nn.Linear(2, 1)
...     def forward(self, x):
...         return self.fc(x).relu()
>>> Net()
Net(
  (fc): Linear(in_features=2, out_features=1, bias=True)
)
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from ..._dtypes import check_device
from ...tensor import RemovableHandle, Tensor
from ..parameter import Buffer, Parameter
from ._conversion import ConversionMixin
from ._state_dict import StateDictMixin

__all__ = ["Module", "rebuild_module"]


def _addindent(text: str, spaces: int) -> str:
    """Indent every line of ``text`` but the first by ``spaces``."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    pad = " " * spaces
    return lines[0] + "\n" + "\n".join(pad + line for line in lines[1:])


class Module(ConversionMixin, StateDictMixin):
    """Base class for all neural network modules; subclass it and define ``forward``.

    Assigning a :class:`~funcgrad.torch.nn.Parameter`, a module, or (with
    :meth:`register_buffer`) a tensor to an attribute registers it; calling
    the module runs its hooks and ``forward``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch import nn
    >>> class Affine(nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.w = nn.Parameter(torch.tensor([2.0]))
    ...         self.register_buffer("calls", torch.zeros(()))
    ...     def forward(self, x):
    ...         self.calls += 1
    ...         return self.w * x
    >>> m = Affine()
    >>> m(torch.tensor([3.0]))
    tensor([6.], grad_fn=<MulBackward0>)
    >>> [name for name, _ in m.named_parameters()], list(m.state_dict())
    (['w'], ['w', 'calls'])
    """

    __module__ = "torch.nn.modules.module"

    training: bool = True
    _version: int = 1
    call_super_init: bool = False
    dump_patches: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args or kwargs:
            raise TypeError(
                f"{type(self).__name__}.__init__() got unexpected arguments {args or ''}"
                f"{kwargs or ''}: Module.__init__ takes none (pass them to your subclass)"
            )
        setattr_ = object.__setattr__
        setattr_(self, "training", True)
        setattr_(self, "_parameters", {})
        setattr_(self, "_buffers", {})
        setattr_(self, "_non_persistent_buffers_set", set())
        setattr_(self, "_modules", {})
        setattr_(self, "_forward_hooks", OrderedDict())
        setattr_(self, "_forward_hooks_with_kwargs", {})
        setattr_(self, "_forward_pre_hooks", OrderedDict())
        setattr_(self, "_forward_pre_hooks_with_kwargs", {})
        setattr_(self, "_backward_hooks", OrderedDict())
        setattr_(self, "_state_dict_hooks", OrderedDict())
        setattr_(self, "_load_state_dict_pre_hooks", OrderedDict())

    forward: Callable[..., Any]

    def _forward_unimplemented(self, *input: Any) -> None:
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function'
        )

    forward = _forward_unimplemented

    # -- calling ------------------------------------------------------------

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not (self._forward_pre_hooks or self._forward_hooks):
            return self.forward(*args, **kwargs)
        for hook_id, hook in list(self._forward_pre_hooks.items()):
            if hook_id in self._forward_pre_hooks_with_kwargs:
                result = hook(self, args, kwargs)
                if result is not None:
                    if not (isinstance(result, tuple) and len(result) == 2):
                        raise RuntimeError(
                            "forward pre-hook must return None or a tuple of (new_args, "
                            f"new_kwargs), but got {result}."
                        )
                    args, kwargs = result
            else:
                result = hook(self, args)
                if result is not None:
                    args = result if isinstance(result, tuple) else (result,)
        output = self.forward(*args, **kwargs)
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in self._forward_hooks_with_kwargs:
                result = hook(self, args, kwargs, output)
            else:
                result = hook(self, args, output)
            if result is not None:
                output = result
        return output

    def register_forward_pre_hook(
        self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False
    ) -> RemovableHandle:
        """Call ``hook(module, args)`` before each ``forward``; it may return new args.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Identity()
        >>> h = m.register_forward_pre_hook(lambda mod, args: (args[0] * 10,))
        >>> m(torch.tensor([1.0]))
        tensor([10.])
        >>> h.remove(); m(torch.tensor([1.0]))
        tensor([1.])
        """
        handle = RemovableHandle(self._forward_pre_hooks)
        self._forward_pre_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_pre_hooks_with_kwargs[handle.id] = True
        if prepend:
            self._forward_pre_hooks.move_to_end(handle.id, last=False)
        return handle

    def register_forward_hook(
        self,
        hook: Callable,
        *,
        prepend: bool = False,
        with_kwargs: bool = False,
        always_call: bool = False,
    ) -> RemovableHandle:
        """Call ``hook(module, args, output)`` after each ``forward``; it may replace the output.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Linear(2, 3)
        >>> shapes = []
        >>> h = m.register_forward_hook(lambda mod, args, out: shapes.append(tuple(out.shape)))
        >>> _ = m(torch.ones(4, 2)); shapes
        [(4, 3)]
        """
        handle = RemovableHandle(self._forward_hooks)
        self._forward_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_hooks_with_kwargs[handle.id] = True
        if prepend:
            self._forward_hooks.move_to_end(handle.id, last=False)
        return handle

    # -- registration -------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._remove_from(name, self.__dict__, self._buffers, self._modules)
            self.register_parameter(name, value)
            return
        if params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as parameter '{name}' "
                    "(torch.nn.Parameter or None expected)"
                )
            self.register_parameter(name, value)
            return
        modules = self.__dict__.get("_modules")
        if isinstance(value, Module):
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self._remove_from(name, self.__dict__, params, self._buffers)
            modules[name] = value
            return
        if modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as child module '{name}' "
                    "(torch.nn.Module or None expected)"
                )
            modules[name] = value
            return
        buffers = self.__dict__.get("_buffers")
        if isinstance(value, Buffer) or (buffers is not None and name in buffers):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as buffer '{name}' "
                    "(torch.nn.Buffer, torch.Tensor or None expected)"
                )
            if isinstance(value, Buffer):
                persistent = value.persistent
                value = Tensor._from_node(value._node, vc=value._vc)
            else:
                persistent = name not in self._non_persistent_buffers_set
            self.register_buffer(name, value, persistent)
            return
        object.__setattr__(self, name, value)

    @staticmethod
    def _remove_from(name: str, *dicts: Any) -> None:
        for d in dicts:
            if d is not None and name in d:
                del d[name]

    def __getattr__(self, name: str) -> Any:
        d = self.__dict__
        for where in ("_parameters", "_buffers", "_modules"):
            table = d.get(where)
            if table is not None and name in table:
                return table[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        for table in (self._parameters, self._buffers, self._modules):
            if name in table:
                del table[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self) -> list[str]:
        extra = list(self._parameters) + list(self._buffers) + list(self._modules)
        return sorted(set(object.__dir__(self)) | set(extra))

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        """Add a parameter (or a ``None`` placeholder) under ``name``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Module()
        >>> m.register_parameter("scale", torch.nn.Parameter(torch.ones(1)))
        >>> [n for n, _ in m.named_parameters()]
        ['scale']
        """
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        _check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{_typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)"
            )
        if param is not None and param.grad_fn is not None:
            raise ValueError(
                f"Cannot assign non-leaf Tensor to parameter '{name}'. Model parameters must "
                f"be created explicitly. To express '{name}' as a function of another Tensor, "
                "compute the value in the forward() method."
            )
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """Add a tensor that is state but not a parameter (running statistics, counters).

        ``persistent=False`` keeps it out of :meth:`state_dict`.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Module()
        >>> m.register_buffer("mean", torch.zeros(2))
        >>> m.register_buffer("scratch", torch.zeros(2), persistent=False)
        >>> [n for n, _ in m.named_buffers()], list(m.state_dict())
        (['mean', 'scratch'], ['mean'])
        """
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        _check_name(name, "buffer")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{_typename(tensor)}' object to buffer '{name}' "
                "(torch Tensor or None required)"
            )
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        """Add a child module under ``name`` (``register_module`` is the same).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Module()
        >>> m.add_module("act", torch.nn.ReLU())
        >>> m
        Module(
          (act): ReLU()
        )
        """
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{_typename(module)} is not a Module subclass")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {_typename(name)}")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        if "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        if name == "":
            raise KeyError('module name can\'t be empty string ""')
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target: str) -> Module:
        """The submodule at the dotted path ``target`` (``""`` is the module itself).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.Sequential(torch.nn.ReLU()))
        >>> net.get_submodule("0.0")
        ReLU()
        """
        if target == "":
            return self
        mod: Module = self
        for item in target.split("."):
            if item not in mod._modules:
                raise AttributeError(f"{mod._get_name()} has no attribute `{item}`")
            mod = mod._modules[item]
        return mod

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at the dotted path ``target``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Sequential(torch.nn.Linear(1, 2)).get_parameter("0.bias").shape
        torch.Size([2])
        """
        module_path, _, name = target.rpartition(".")
        mod = self.get_submodule(module_path)
        if name not in mod._parameters:
            raise AttributeError(f"{mod._get_name()} has no parameter `{name}`")
        return mod._parameters[name]

    def get_buffer(self, target: str) -> Tensor:
        """The buffer at the dotted path ``target``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.BatchNorm1d(2).get_buffer("running_var")
        tensor([1., 1.])
        """
        module_path, _, name = target.rpartition(".")
        mod = self.get_submodule(module_path)
        if name not in mod._buffers:
            raise AttributeError(f"{mod._get_name()} has no buffer `{name}`")
        return mod._buffers[name]

    # -- walking ------------------------------------------------------------

    def _named_members(self, get_members, prefix: str = "", recurse: bool = True,
                       remove_duplicate: bool = True):
        memo: set = set()
        modules = (
            self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
            if recurse
            else [(prefix, self)]
        )
        for module_prefix, module in modules:
            for k, v in get_members(module):
                if v is None or (remove_duplicate and id(v) in memo):
                    continue
                if remove_duplicate:
                    memo.add(id(v))
                yield (module_prefix + ("." if module_prefix else "") + k, v)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        """The parameters of this module and (``recurse``) its submodules, each once.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> [tuple(p.shape) for p in torch.nn.Linear(3, 2).parameters()]
        [(2, 3), (2,)]
        """
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_parameters(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Parameter]]:
        """``(dotted name, parameter)`` pairs, in registration order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU())
        >>> [name for name, _ in net.named_parameters()]
        ['0.weight', '0.bias']
        """
        yield from self._named_members(
            lambda m: m._parameters.items(), prefix, recurse, remove_duplicate
        )

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        """The buffers of this module and (``recurse``) its submodules.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(list(torch.nn.BatchNorm1d(3).buffers()))
        3
        """
        for _, buf in self.named_buffers(recurse=recurse):
            yield buf

    def named_buffers(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Tensor]]:
        """``(dotted name, buffer)`` pairs, in registration order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> [n for n, _ in torch.nn.BatchNorm1d(3).named_buffers()]
        ['running_mean', 'running_var', 'num_batches_tracked']
        """
        yield from self._named_members(
            lambda m: m._buffers.items(), prefix, recurse, remove_duplicate
        )

    def children(self) -> Iterator[Module]:
        """The direct submodules, each once.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> list(torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Tanh()).children())
        [ReLU(), Tanh()]
        """
        for _, module in self.named_children():
            yield module

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """``(name, module)`` for the direct submodules, each once.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> [n for n, _ in torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Tanh()).named_children()]
        ['0', '1']
        """
        memo: set = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in memo:
                memo.add(id(module))
                yield name, module

    def modules(self) -> Iterator[Module]:
        """This module and all below it, depth first, each once.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> l = torch.nn.Linear(2, 2)
        >>> [type(m).__name__ for m in torch.nn.Sequential(l, l).modules()]
        ['Sequential', 'Linear']
        """
        for _, module in self.named_modules():
            yield module

    def named_modules(
        self, memo: set | None = None, prefix: str = "", remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Module]]:
        """``(dotted name, module)`` for this module (name ``prefix``) and all below it.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.Sequential(torch.nn.ReLU()))
        >>> [n for n, _ in net.named_modules()]
        ['', '0', '0.0']
        """
        if memo is None:
            memo = set()
        # Depth first, pre-order, with an explicit stack.
        stack: list[tuple[str, Module]] = [(prefix, self)]
        while stack:
            name, module = stack.pop()
            if remove_duplicate:
                if id(module) in memo:
                    continue
                memo.add(id(module))
            yield name, module
            below = [
                (name + ("." if name else "") + child_name, child)
                for child_name, child in module._modules.items()
                if child is not None
            ]
            stack.extend(reversed(below))

    # -- modes and gradients ------------------------------------------------

    def train(self, mode: bool = True) -> Module:
        """Set training mode (``mode=True``) or evaluation mode here and below; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.Dropout())
        >>> net.train(False)[0].training
        False
        """
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode (``train(False)``): dropout off, batch norm uses running statistics.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.BatchNorm1d(2).eval().training
        False
        """
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        """Set ``requires_grad`` of every parameter; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Linear(2, 2).requires_grad_(False)
        >>> m.weight.requires_grad
        False
        """
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset the gradients of all parameters: to ``None``, or to zeros.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> m = torch.nn.Linear(2, 1)
        >>> m(torch.ones(1, 2)).sum().backward()
        >>> m.zero_grad(); m.weight.grad is None
        True
        """
        for p in self.parameters():
            if p.grad is None:
                continue
            if set_to_none:
                p.grad = None
            else:
                g = p.grad
                if g.grad_fn is not None:
                    g.detach_()
                else:
                    g.requires_grad_(False)
                g.zero_()

    # -- printing -----------------------------------------------------------

    def _get_name(self) -> str:
        return type(self).__name__

    def extra_repr(self) -> str:
        """The module's own settings for its ``repr``; override it in a subclass.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Linear(2, 3).extra_repr()
        'in_features=2, out_features=3, bias=True'
        """
        return ""

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [
            f"({key}): " + _addindent(repr(module), 2) for key, module in self._modules.items()
        ]
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"

    def __getstate__(self) -> dict:
        return self.__dict__.copy()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The module the class is really defined in (funcgrad's layers say PyTorch's).
        cls._defined_in = sys._getframe(1).f_globals.get("__name__", cls.__module__)
        init = cls.__dict__.get("__init__")
        if cls._defined_in.startswith("funcgrad.") and _takes_device(init):
            cls.__init__ = _checking_device(init)  # type: ignore[misc]

    def __reduce_ex__(self, protocol: Any) -> Any:
        cls = type(self)
        home = cls.__dict__.get("_defined_in", cls.__module__)
        if home == cls.__module__:
            return super().__reduce_ex__(protocol)
        # A funcgrad layer (its __module__ is PyTorch's): pickle finds it by its real home.
        return (rebuild_module, (home, cls.__qualname__), self.__getstate__())

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


def _takes_device(init: Any) -> bool:
    code = getattr(init, "__code__", None)
    return code is not None and "device" in code.co_varnames[
        :code.co_argcount + code.co_kwonlyargcount]


def _checking_device(init: Callable) -> Callable:
    """A layer's ``__init__`` that refuses a device other than the CPU (funcgrad has only it)."""
    code = init.__code__
    names = code.co_varnames[:code.co_argcount]
    at = names.index("device") if "device" in names else None  # counting self

    @functools.wraps(init)
    def checked(self: Any, *args: Any, **kwargs: Any) -> None:
        device = kwargs.get("device")
        if device is None and at is not None and len(args) >= at:
            device = args[at - 1]
        check_device(device, f"{type(self).__name__}()")
        init(self, *args, **kwargs)

    return checked


def rebuild_module(home: str, qualname: str) -> Module:
    """An empty instance of the layer class ``qualname`` of module ``home`` (for pickle).

    Examples
    --------
    >>> import pickle
    >>> import funcgrad.torch as torch
    >>> pickle.loads(pickle.dumps(torch.nn.Linear(2, 3)))
    Linear(in_features=2, out_features=3, bias=True)
    """
    cls: Any = importlib.import_module(home)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    return cls.__new__(cls)


def _typename(obj: Any) -> str:
    t = type(obj)
    if isinstance(obj, Tensor):
        return "torch." + obj.dtype._legacy if type(obj) is Tensor else t.__name__
    return t.__module__ + "." + t.__qualname__ if t.__module__ != "builtins" else t.__qualname__


def _check_name(name: Any, what: str) -> None:
    if not isinstance(name, str):
        raise TypeError(f"{what} name should be a string. Got {_typename(name)}")
    if "." in name:
        raise KeyError(f'{what} name can\'t contain "."')
    if name == "":
        raise KeyError(f'{what} name can\'t be empty string ""')

