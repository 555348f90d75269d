"""``torch.save`` / ``torch.load``, and how tensors pickle and copy.

A tensor pickles as its array (dtype and values exactly) and its
``requires_grad``; ``copy.deepcopy`` of a leaf also copies its ``.grad``, as
PyTorch's. ``torch.save`` pickles any object (tensors, nested dicts and lists
of them, state dicts) to a path or a binary file object; ``torch.load`` reads
it back.

>>> import io
>>> import funcgrad.torch as torch
>>> buffer = io.BytesIO()
>>> torch.save({"w": torch.tensor([1.0, 2.0], dtype=torch.float64)}, buffer)
>>> _ = buffer.seek(0)
>>> torch.load(buffer)
{'w': tensor([1., 2.], dtype=torch.float64)}
"""

from __future__ import annotations

import copy
import os
import pickle
from typing import Any

import numpy as np

from ._graph import leaf
from .tensor import Tensor

__all__ = ["save", "load", "rebuild_tensor"]

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


def load(f: Any, map_location: Any = None, pickle_module: Any = None, *,
         weights_only: bool | None = None, mmap: bool | None = None, **pickle_load_args: Any):
    """Read what :func:`save` wrote (everything lives on the CPU: ``map_location`` is accepted).

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
    module = pickle_module or pickle
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as handle:
            return module.load(handle, **pickle_load_args)
    return module.load(f, **pickle_load_args)


# How tensors pickle and deep-copy (attached here: this module builds tensors).
Tensor.__reduce__ = reduce_tensor
Tensor.__deepcopy__ = deepcopy_tensor
