"""``torch.save`` / ``torch.load``, and how tensors pickle and copy.

A tensor pickles as its array (dtype and values exactly) and its
``requires_grad``; ``copy.deepcopy`` of a leaf also copies its ``.grad``, as
PyTorch's. ``torch.save`` pickles any object (tensors, nested dicts and lists
of them, state dicts) to a path or a binary file object; ``torch.load`` reads
it back. As in PyTorch 2.6 and later, ``torch.load`` defaults to
``weights_only=True``: it rebuilds tensors, parameters, containers, dtypes,
sizes and devices, and any other class or function only when it is listed with
:func:`add_safe_globals` or :class:`safe_globals` (or ``weights_only=False``,
for files you trust). Unlike PyTorch, plain NumPy arrays also load (funcgrad's
tensors pickle through them).

>>> import io
>>> import funcgrad.torch as torch
>>> buffer = io.BytesIO()
>>> torch.save({"w": torch.tensor([1.0, 2.0], dtype=torch.float64)}, buffer)
>>> _ = buffer.seek(0)
>>> torch.load(buffer)
{'w': tensor([1., 2.], dtype=torch.float64)}
"""

from __future__ import annotations

import _compat_pickle
import copy
import io
import os
import pickle
from collections.abc import Iterable
from typing import Any

import numpy as np

from ._graph import leaf
from .tensor import Tensor

__all__ = [
    "save", "load", "rebuild_tensor", "add_safe_globals", "clear_safe_globals",
    "get_safe_globals", "safe_globals",
]

DEEPCOPY_NON_LEAF = (
    "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at "
    "the moment.  If you were attempting to deepcopy a module, this may be because of a "
    "torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"
)


def rebuild_tensor(array: np.ndarray, requires_grad: bool, grad: Any = None) -> Tensor:
    """The tensor a pickle or a copy stored: its array, ``requires_grad`` and ``.grad``.

    Examples
    --------
    >>> import numpy as np
    >>> rebuild_tensor(np.array([1.5], np.float16), True)
    tensor([1.5000], dtype=torch.float16, requires_grad=True)
    """
    t = Tensor._from_node(leaf(np.array(array, copy=True), bool(requires_grad)))
    if grad is not None:
        t._grad = grad
    return t


def reduce_tensor(t: Tensor) -> tuple:
    """What ``pickle`` and ``copy.copy`` store of a tensor (``Tensor.__reduce__``)."""
    return (rebuild_tensor, (t._array(), t.requires_grad))


def deepcopy_tensor(t: Tensor, memo: dict) -> Tensor:
    """``copy.deepcopy`` of a leaf: a new leaf with a copy of the values and of ``.grad``."""
    if not t.is_leaf:
        raise RuntimeError(DEEPCOPY_NON_LEAF)
    grad = copy.deepcopy(t._grad, memo) if t._grad is not None else None
    out = rebuild_tensor(t._array(), t.requires_grad, grad)
    memo[id(t)] = out
    return out


def save(obj: Any, f: Any, pickle_module: Any = pickle, pickle_protocol: int = 2,
         _use_new_zipfile_serialization: bool = True) -> None:
    """Write ``obj`` (tensors, containers of them, state dicts, ...) to a path or binary file.

    Examples
    --------
    >>> import funcgrad.torch as torch, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "t.pt")
    >>> torch.save(torch.arange(3.0), path)
    >>> torch.load(path)
    tensor([0., 1., 2.])
    """
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as handle:
            pickle_module.dump(obj, handle, protocol=pickle_protocol)
    else:
        pickle_module.dump(obj, f, protocol=pickle_protocol)


# What a weights-only load rebuilds without being told (PyTorch's defaults, and the
# pieces funcgrad's tensors, parameters, dtypes and sizes pickle into).
_DEFAULT_SAFE = frozenset({
    "collections.OrderedDict", "builtins.set", "builtins.frozenset", "builtins.bytearray",
    "builtins.complex", "builtins.slice", "builtins.range", "_codecs.encode",
    "funcgrad.torch.serialization.rebuild_tensor", "funcgrad.torch.nn.parameter.rebuild_parameter",
    "funcgrad.torch._dtypes._by_name", "funcgrad.torch._dtypes.device",
    "funcgrad.torch.tensor.Size", "numpy._core.multiarray._reconstruct",
    "numpy.core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype",
})
_REBUILD_MODULE = "funcgrad.torch.nn.modules.module.rebuild_module"
_user_safe: dict[str, Any] = {}

WEIGHTS_ONLY_FAILED = (
    "Weights only load failed. This file can still be loaded, to do so you have two options, "
    "do those steps only if you trust the source of the checkpoint. \n\t(1) In PyTorch 2.6, we "
    "changed the default value of the `weights_only` argument in `torch.load` from `False` to "
    "`True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, "
    "but it can result in arbitrary code execution. Do it only if you got the file from a "
    "trusted source.\n\t(2) Alternatively, to load with `weights_only=True` please check the "
    "recommended steps in the following error message.\n\tWeightsUnpickler error: {}"
)
UNSUPPORTED_GLOBAL = (
    "Unsupported global: GLOBAL {full} was not an allowed global by default. Please use "
    "`torch.serialization.add_safe_globals([{name}])` or the "
    "`torch.serialization.safe_globals([{name}])` context manager to allowlist this global if "
    "you trust this class/function."
)


def _names_of(obj: Any) -> set[str]:
    """The paths a pickle may name ``obj`` by: PyTorch's (``torch.nn.modules.linear.Linear``)
    and, for funcgrad's layers, where they are defined."""
    names = {f"{obj.__module__}.{obj.__qualname__}"}
    home = getattr(obj, "__dict__", {}).get("_defined_in")
    if home:
        names.add(f"{home}.{obj.__qualname__}")
    return names


def add_safe_globals(safe_globals: Iterable[Any]) -> None:
    """Allow these classes and functions in ``torch.load(..., weights_only=True)``.

    An item is the object or ``(object, "module.qualname")``.

    Examples
    --------
    >>> import io
    >>> import funcgrad.torch as torch
    >>> buffer = io.BytesIO()
    >>> torch.save(torch.nn.Linear(2, 1), buffer)
    >>> torch.serialization.add_safe_globals([torch.nn.Linear])
    >>> _ = buffer.seek(0); torch.load(buffer)
    Linear(in_features=2, out_features=1, bias=True)
    >>> torch.serialization.clear_safe_globals()
    """
    for item in safe_globals:
        if isinstance(item, tuple):
            obj, name = item
            _user_safe[name] = obj
        else:
            for name in _names_of(item):
                _user_safe[name] = item


def clear_safe_globals() -> None:
    """Forget every global :func:`add_safe_globals` allowed.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.serialization.add_safe_globals([len]); torch.serialization.clear_safe_globals()
    >>> torch.serialization.get_safe_globals()
    []
    """
    _user_safe.clear()


def get_safe_globals() -> list[Any]:
    """The globals :func:`add_safe_globals` allowed, in order, each once.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.serialization.safe_globals([len]):
    ...     torch.serialization.get_safe_globals()
    [<built-in function len>]
    """
    seen: list[Any] = []
    for obj in _user_safe.values():
        if not any(obj is s for s in seen):
            seen.append(obj)
    return seen


class safe_globals:
    """Context manager: :func:`add_safe_globals` inside the block only.

    Examples
    --------
    >>> import io
    >>> import funcgrad.torch as torch
    >>> buffer = io.BytesIO()
    >>> torch.save(torch.nn.ReLU(), buffer)
    >>> with torch.serialization.safe_globals([torch.nn.ReLU]):
    ...     _ = buffer.seek(0); torch.load(buffer)
    ReLU()
    """

    def __init__(self, safe_globals: Iterable[Any]) -> None:
        self.safe_globals = list(safe_globals)
        self._before: dict[str, Any] = {}

    def __enter__(self) -> None:
        self._before = dict(_user_safe)
        add_safe_globals(self.safe_globals)

    def __exit__(self, *exc: Any) -> None:
        _user_safe.clear()
        _user_safe.update(self._before)


def _unsupported(module: str, name: str) -> pickle.UnpicklingError:
    return pickle.UnpicklingError(WEIGHTS_ONLY_FAILED.format(
        UNSUPPORTED_GLOBAL.format(full=f"{module}.{name}", name=name)))


class _WeightsOnlyUnpickler(pickle.Unpickler):
    """Rebuilds only allowlisted globals (PyTorch's ``weights_only=True``)."""

    def find_class(self, module: str, name: str) -> Any:
        # Protocol 2 writes Python 2's names (``__builtin__``): read them as Python 3's.
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        full = f"{module}.{name}"
        if full in _user_safe:
            return _user_safe[full]
        if full == _REBUILD_MODULE:
            return _checked_rebuild_module
        if full in _DEFAULT_SAFE:
            return super().find_class(module, name)
        raise _unsupported(module, name)


def _checked_rebuild_module(home: str, qualname: str) -> Any:
    name = f"{home}.{qualname}"
    cls = _user_safe.get(name)
    if cls is None:
        for obj in _user_safe.values():
            if name in _names_of(obj):
                cls = obj
                break
    if cls is None:
        raise _unsupported(home, qualname)
    return cls.__new__(cls)


def load(f: Any, map_location: Any = None, pickle_module: Any = None, *,
         weights_only: bool | None = None, mmap: bool | None = None, **pickle_load_args: Any):
    """Read what :func:`save` wrote (everything lives on the CPU: ``map_location`` is accepted).

    ``weights_only`` defaults to True, as in PyTorch 2.6 and later (False when
    a ``pickle_module`` is given): only tensors, containers of them and the
    globals :func:`add_safe_globals` allows are rebuilt; anything else raises
    PyTorch's ``UnpicklingError``. Pass ``weights_only=False`` for files you
    trust (it runs whatever code the file names).

    Examples
    --------
    >>> import io
    >>> import funcgrad.torch as torch
    >>> buffer = io.BytesIO()
    >>> torch.save([torch.ones(2), 3], buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer, map_location="cpu", weights_only=True)
    [tensor([1., 1.]), 3]
    """
    if weights_only is None:
        weights_only = pickle_module is None and not os.environ.get(
            "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD")
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as handle:
            return _load(handle, pickle_module, weights_only, pickle_load_args)
    return _load(f, pickle_module, weights_only, pickle_load_args)


def _load(handle: Any, pickle_module: Any, weights_only: bool, args: dict) -> Any:
    if weights_only:
        if pickle_module is not None:
            raise RuntimeError(
                "Can not safely load weights when explicit pickle_module is specified")
        data = handle.read() if hasattr(handle, "read") else handle
        return _WeightsOnlyUnpickler(io.BytesIO(data), **args).load()
    return (pickle_module or pickle).load(handle, **args)


# How tensors pickle and deep-copy (attached here: this module builds tensors).
Tensor.__reduce__ = reduce_tensor
Tensor.__deepcopy__ = deepcopy_tensor
