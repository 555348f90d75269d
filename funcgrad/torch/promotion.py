"""``torch.result_type`` and ``torch.can_cast``: PyTorch's type promotion, asked directly.

The rules themselves live in :mod:`funcgrad.torch._dtypes`; every operation of
the face applies them through :mod:`funcgrad.torch._operands`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _dtypes
from ._operands import _desc
from .tensor import Tensor

_Number = (int, float, complex, bool, np.number, np.bool_)


def result_type(tensor1: Any, tensor2: Any) -> _dtypes.dtype:
    """The dtype an arithmetic operation on ``tensor1`` and ``tensor2`` gives.

    Each is a tensor or a Python number. A tensor with dimensions decides over
    a zero-dimensional one, which decides over a number, unless the other is
    of a higher category (bool < integer < floating < complex).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.result_type(torch.tensor([1, 2]), 1.5)
    torch.float32
    >>> torch.result_type(torch.tensor([1.0], dtype=torch.float16), torch.tensor(2.0))
    torch.float16
    """
    for i, x in enumerate((tensor1, tensor2)):
        if not isinstance(x, (Tensor, *_Number)):
            raise TypeError(
                f"result_type() received an invalid combination of arguments: argument {i + 1} "
                f"must be a Tensor or a Number, not {type(x).__name__}"
            )
    return _dtypes.to_torch(_dtypes.result_type(_desc(tensor1), _desc(tensor2)))


def can_cast(from_: _dtypes.dtype, to: _dtypes.dtype) -> bool:
    """Whether PyTorch's type promotion allows casting ``from_`` to ``to``.

    It forbids only going down a category: complex to real, floating to
    integer, anything but bool to bool.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.can_cast(torch.float64, torch.float16), torch.can_cast(torch.float32, torch.int32)
    (True, False)
    """
    a, b = _dtypes.to_torch(from_), _dtypes.to_torch(to)
    rank = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}
    return rank[a._kind] <= rank[b._kind]
