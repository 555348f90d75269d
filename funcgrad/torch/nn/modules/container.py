"""Containers: ``Sequential``, ``ModuleList``, ``ModuleDict``, ``ParameterList``, ``ParameterDict``.

>>> import funcgrad.torch as torch
>>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
>>> len(net), net[1]
(2, ReLU())
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ...tensor import Tensor
from ..parameter import Parameter
from .module import Module, _addindent

__all__ = ["Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]


def _index(idx: Any, n: int, what: str) -> int:
    idx = operator.index(idx)
    if not -n <= idx < n:
        raise IndexError(f"index {idx} is out of range")
    return idx % n


class Sequential(Module):
    """Modules applied one after the other: ``Sequential(a, b)(x) == b(a(x))``.

    Built from modules (named ``"0"``, ``"1"``, ...) or from an
    ``OrderedDict`` of named modules; supports indexing, slicing (a new
    ``Sequential``), ``len``, ``append``, ``insert``, ``extend`` and ``del``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from collections import OrderedDict
    >>> net = torch.nn.Sequential(OrderedDict([("fc", torch.nn.Linear(3, 2)),
    ...                                        ("act", torch.nn.Tanh())]))
    >>> net
    Sequential(
      (fc): Linear(in_features=3, out_features=2, bias=True)
      (act): Tanh()
    )
    >>> net.fc is net[0], net[:1]
    (True, Sequential(
      (fc): Linear(in_features=3, out_features=2, bias=True)
    ))
    """

    __module__ = "torch.nn.modules.container"

    def __init__(self, *args: Any) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return type(self)(OrderedDict(list(self._modules.items())[idx]))
        return list(self._modules.values())[_index(idx, len(self), "Sequential")]

    def __setitem__(self, idx: int, module: Module) -> None:
        key = list(self._modules.keys())[_index(idx, len(self), "Sequential")]
        setattr(self, key, module)

    def __delitem__(self, idx: Any) -> None:
        keys = list(self._modules.keys())
        if isinstance(idx, slice):
            for key in keys[idx]:
                delattr(self, key)
        else:
            delattr(self, keys[_index(idx, len(self), "Sequential")])
        # Renumber, as PyTorch does.
        items = list(self._modules.values())
        self._modules = OrderedDict((str(i), m) for i, m in enumerate(items))

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __add__(self, other: Sequential) -> Sequential:
        if not isinstance(other, Sequential):
            raise ValueError(
                "add operator supports only objects of Sequential class, but "
                f"{type(other)} is given."
            )
        out = Sequential()
        for m in list(self) + list(other):
            out.append(m)
        return out

    def append(self, module: Module) -> Sequential:
        """Add ``module`` at the end; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Sequential().append(torch.nn.ReLU())
        Sequential(
          (0): ReLU()
        )
        """
        self.add_module(str(len(self)), module)
        return self

    def insert(self, index: int, module: Module) -> Sequential:
        """Insert ``module`` before position ``index``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.ReLU()).insert(0, torch.nn.Tanh())
        >>> [type(m).__name__ for m in net]
        ['Tanh', 'ReLU']
        """
        if not isinstance(module, Module):
            raise AssertionError(f"module should be of type: {Module}")
        n = len(self)
        if not -n <= index <= n:
            raise IndexError(f"Index out of range: {index}")
        index %= n + 1 if index < 0 else n + 1
        items = list(self._modules.values())
        items.insert(index, module)
        self._modules = OrderedDict((str(i), m) for i, m in enumerate(items))
        return self

    def extend(self, sequential: Iterable[Module]) -> Sequential:
        """Append every module of ``sequential``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(torch.nn.Sequential().extend([torch.nn.ReLU(), torch.nn.Tanh()]))
        2
        """
        for m in sequential:
            self.append(m)
        return self

    def pop(self, key: int) -> Module:
        """Remove and return the module at ``key``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Tanh()).pop(0)
        ReLU()
        """
        v = self[key]
        del self[key]
        return v

    def forward(self, input: Any) -> Any:
        for module in self._modules.values():
            input = module(input)
        return input


class ModuleList(Module):
    """A list of modules, each registered (so its parameters are the list's).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> layers = torch.nn.ModuleList([torch.nn.Linear(2, 2) for _ in range(3)])
    >>> layers.append(torch.nn.ReLU())
    ModuleList(
      (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)
      (3): ReLU()
    )
    >>> len(list(layers.parameters()))
    6
    """

    __module__ = "torch.nn.modules.container"

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self += modules

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return type(self)(list(self._modules.values())[idx])
        return self._modules[str(_index(idx, len(self), "ModuleList"))]

    def __setitem__(self, idx: int, module: Module) -> None:
        setattr(self, str(_index(idx, len(self), "ModuleList")), module)

    def __delitem__(self, idx: Any) -> None:
        if isinstance(idx, slice):
            for k in range(len(self._modules))[idx]:
                delattr(self, str(k))
        else:
            delattr(self, str(_index(idx, len(self), "ModuleList")))
        items = list(self._modules.values())
        self._modules = OrderedDict((str(i), m) for i, m in enumerate(items))

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __iadd__(self, modules: Iterable[Module]) -> ModuleList:
        return self.extend(modules)

    def __add__(self, other: Iterable[Module]) -> ModuleList:
        out = ModuleList()
        for m in list(self) + list(other):
            out.append(m)
        return out

    def __repr__(self) -> str:
        reprs = [repr(m) for m in self]
        if not reprs:
            return self._get_name() + "()"
        blocks: list[list] = []  # [start, end, repr]
        for i, r in enumerate(reprs):
            if blocks and blocks[-1][2] == r:
                blocks[-1][1] = i
            else:
                blocks.append([i, i, r])
        lines = []
        for start, end, r in blocks:
            if start == end:
                line = f"({start}): {r}"
            else:
                line = f"({start}-{end}): {end - start + 1} x {r}"
            lines.append(_addindent(line, 2))
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"

    def append(self, module: Module) -> ModuleList:
        """Add ``module`` at the end; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(torch.nn.ModuleList().append(torch.nn.ReLU()))
        1
        """
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> ModuleList:
        """Append every module of ``modules``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(torch.nn.ModuleList().extend([torch.nn.ReLU(), torch.nn.Tanh()]))
        2
        """
        if not isinstance(modules, Iterable):
            raise TypeError(
                "ModuleList.extend should be called with an iterable, but got "
                + type(modules).__name__
            )
        offset = len(self)
        for i, module in enumerate(modules):
            self.add_module(str(offset + i), module)
        return self

    def insert(self, index: int, module: Module) -> None:
        """Insert ``module`` before position ``index``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> ml = torch.nn.ModuleList([torch.nn.ReLU()]); ml.insert(0, torch.nn.Tanh()); ml[0]
        Tanh()
        """
        items = list(self._modules.values())
        items.insert(index, module)
        self._modules = OrderedDict()
        for i, m in enumerate(items):
            self.add_module(str(i), m)

    def pop(self, key: int) -> Module:
        """Remove and return the module at ``key``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.ModuleList([torch.nn.ReLU()]).pop(0)
        ReLU()
        """
        v = self[key]
        del self[key]
        return v


class ModuleDict(Module):
    """A dict of modules, each registered under its key (insertion order kept).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> d = torch.nn.ModuleDict({"act": torch.nn.ReLU(), "fc": torch.nn.Linear(1, 1)})
    >>> list(d.keys()), "act" in d
    (['act', 'fc'], True)
    """

    __module__ = "torch.nn.modules.container"

    def __init__(self, modules: Mapping[str, Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        del self._modules[key]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __contains__(self, key: str) -> bool:
        return key in self._modules

    def clear(self) -> None:
        """Remove every module.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> d = torch.nn.ModuleDict({"a": torch.nn.ReLU()}); d.clear(); len(d)
        0
        """
        self._modules.clear()

    def pop(self, key: str) -> Module:
        """Remove and return the module under ``key``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.ModuleDict({"a": torch.nn.ReLU()}).pop("a")
        ReLU()
        """
        v = self[key]
        del self[key]
        return v

    def keys(self) -> Iterable[str]:
        """The keys, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> list(torch.nn.ModuleDict({"a": torch.nn.ReLU()}).keys())
        ['a']
        """
        return self._modules.keys()

    def items(self) -> Iterable[tuple[str, Module]]:
        """``(key, module)`` pairs, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> list(torch.nn.ModuleDict({"a": torch.nn.ReLU()}).items())
        [('a', ReLU())]
        """
        return self._modules.items()

    def values(self) -> Iterable[Module]:
        """The modules, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> list(torch.nn.ModuleDict({"a": torch.nn.ReLU()}).values())
        [ReLU()]
        """
        return self._modules.values()

    def update(self, modules: Any) -> None:
        """Add the modules of a mapping or of ``(key, module)`` pairs.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> d = torch.nn.ModuleDict(); d.update([("a", torch.nn.ReLU())]); list(d)
        ['a']
        """
        items = modules.items() if isinstance(modules, Mapping) else modules
        for key, module in items:
            self[key] = module


class ParameterList(Module):
    """A list of parameters, each registered (a plain tensor becomes a ``Parameter``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> ps = torch.nn.ParameterList([torch.nn.Parameter(torch.ones(2)), torch.zeros(2, 3)])
    >>> ps
    ParameterList(
        (0): Parameter containing: [torch.float32 of size 2]
        (1): Parameter containing: [torch.float32 of size 2x3]
    )
    >>> [n for n, _ in ps.named_parameters()]
    ['0', '1']
    """

    __module__ = "torch.nn.modules.container"

    def __init__(self, values: Iterable[Any] | None = None) -> None:
        super().__init__()
        object.__setattr__(self, "_size", 0)
        if values is not None:
            self += values

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, slice):
            return ParameterList([self[i] for i in range(self._size)[idx]])
        return getattr(self, str(_index(idx, self._size, "ParameterList")))

    def __setitem__(self, idx: int, param: Any) -> None:
        idx = _index(idx, self._size, "ParameterList")
        if isinstance(param, Tensor) and not isinstance(param, Parameter):
            param = Parameter(param)
        setattr(self, str(idx), param)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(self._size))

    def __iadd__(self, parameters: Iterable[Any]) -> ParameterList:
        return self.extend(parameters)

    def append(self, value: Any) -> ParameterList:
        """Add ``value`` at the end; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(torch.nn.ParameterList().append(torch.ones(1)))
        1
        """
        new_idx = self._size
        object.__setattr__(self, "_size", new_idx + 1)
        if isinstance(value, Tensor) and not isinstance(value, Parameter):
            value = Parameter(value)
        setattr(self, str(new_idx), value)
        return self

    def extend(self, values: Iterable[Any]) -> ParameterList:
        """Append every value of ``values``; returns self.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(torch.nn.ParameterList().extend([torch.ones(1), torch.ones(2)]))
        2
        """
        for v in values:
            self.append(v)
        return self

    def extra_repr(self) -> str:
        lines = []
        for k, p in enumerate(self):
            if isinstance(p, Tensor):
                size = "x".join(str(s) for s in p.size())
                kind = "Parameter" if isinstance(p, Parameter) else "Tensor"
                lines.append(f"  ({k}): {kind} containing: [{p.dtype} of size {size}]")
            else:
                lines.append(f"  ({k}): Object of type: {type(p).__name__}")
        return "\n".join(lines)


class ParameterDict(Module):
    """A dict of parameters, each registered under its key.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> pd = torch.nn.ParameterDict({"scale": torch.nn.Parameter(torch.ones(2))})
    >>> pd
    ParameterDict(  (scale): Parameter containing: [torch.FloatTensor of size 2])
    >>> pd["scale"].shape
    torch.Size([2])
    """

    __module__ = "torch.nn.modules.container"

    def __init__(self, parameters: Any = None) -> None:
        super().__init__()
        object.__setattr__(self, "_keys", {})
        if parameters is not None:
            self.update(parameters)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        self._keys[key] = None
        if isinstance(value, Tensor) and not isinstance(value, Parameter):
            value = Parameter(value)
        setattr(self, key, value)

    def __delitem__(self, key: str) -> None:
        del self._keys[key]
        delattr(self, key)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def keys(self) -> Iterable[str]:
        """The keys, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> list(torch.nn.ParameterDict({"a": torch.ones(1)}).keys())
        ['a']
        """
        return self._keys.keys()

    def items(self) -> Iterable[tuple[str, Any]]:
        """``(key, parameter)`` pairs, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> [k for k, _ in torch.nn.ParameterDict({"a": torch.ones(1)}).items()]
        ['a']
        """
        return ((k, self[k]) for k in self._keys)

    def values(self) -> Iterable[Any]:
        """The parameters, in insertion order.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> len(list(torch.nn.ParameterDict({"a": torch.ones(1)}).values()))
        1
        """
        return (self[k] for k in self._keys)

    def update(self, values: Any) -> None:
        """Add the parameters of a mapping or of ``(key, value)`` pairs.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> pd = torch.nn.ParameterDict(); pd.update({"a": torch.ones(1)}); list(pd)
        ['a']
        """
        items = values.items() if isinstance(values, Mapping) else values
        for key, value in items:
            self[key] = value

    def extra_repr(self) -> str:
        lines = []
        for k, p in self.items():
            if isinstance(p, Tensor):
                size = "x".join(str(s) for s in p.size())
                kind = "Parameter" if isinstance(p, Parameter) else "Tensor"
                legacy = f"torch.{p.dtype._legacy}"
                lines.append(f"  ({k}): {kind} containing: [{legacy} of size {size}]")
            else:
                lines.append(f"  ({k}): Object of type: {type(p).__name__}")
        return "\n".join(lines)
