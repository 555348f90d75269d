"""PyTorch's older and looser spellings, which real scripts still use.

* ``torch.FloatTensor([1, 2])``, ``torch.LongTensor(...)``, ... (one per dtype):
  constructors of tensors of that dtype, and ``isinstance(x, torch.FloatTensor)``
  checks the dtype, as in PyTorch.
* ``torch.autograd.Variable(t, requires_grad=True)``: since PyTorch 0.4 a
  Variable is a tensor; the call gives one.
* In-place functions in the namespace: ``torch.sin_(t)`` is ``t.sin_()``.
* ``axis=`` and ``keepdims=``, NumPy's names that PyTorch accepts for ``dim``
  and ``keepdim`` in every function and method that has them.
* ``torch.set_default_device`` (funcgrad runs on the CPU).

>>> import funcgrad.torch as torch
>>> torch.FloatTensor([1, 2]), isinstance(torch.ones(1), torch.FloatTensor)
(tensor([1., 2.]), True)
>>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).sum(axis=0, keepdims=True)
tensor([[4., 6.]])
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _dtypes
from .factories import tensor as _tensor
from .factories import zeros as _zeros
from .tensor import Tensor

__all__ = ["Variable", "set_default_device", "legacy_tensor_types", "inplace_functions",
           "accept_numpy_names"]


# ---------------------------------------------------------------------------
# FloatTensor and friends
# ---------------------------------------------------------------------------


class _LegacyTensorType(type):
    """The type of ``torch.FloatTensor`` & co: calling constructs, ``isinstance`` checks dtype."""

    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, Tensor) and obj.dtype.np == cls._np

    def __call__(cls, *args: Any, **kwargs: Any) -> Tensor:
        dtype = _dtypes._BY_NP[np.dtype(cls._np)]
        if len(args) == 1 and isinstance(args[0], Tensor):
            return args[0].to(dtype)
        if len(args) == 1 and not isinstance(args[0], int):
            return _tensor(args[0], dtype=dtype)
        if all(isinstance(a, int) for a in args) and not kwargs:
            return _zeros(*args, dtype=dtype)
        raise TypeError(f"{cls.__name__}(): invalid arguments {args!r}")


def legacy_tensor_types() -> dict[str, type]:
    """``{"FloatTensor": <class 'torch.FloatTensor'>, ...}``, one per dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.LongTensor([1, 2]), torch.DoubleTensor(2).dtype
    (tensor([1, 2]), torch.float64)
    """
    out = {}
    for name, np_type, legacy, _ in _dtypes._TABLE:
        out[legacy] = _LegacyTensorType(
            legacy,
            (),
            {
                "_np": np.dtype(np_type),
                "__module__": "torch",
                "__doc__": (
                    f"Constructor of {name} tensors (PyTorch's legacy ``torch.{legacy}``).\n\n"
                    f"    Examples\n    --------\n"
                    f"    >>> import funcgrad.torch as torch\n"
                    f"    >>> torch.{legacy}(2).dtype\n    torch.{name}\n"
                ),
            },
        )
    return out


class _VariableType(type):
    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, Tensor)

    def __call__(cls, data: Any, requires_grad: bool = False, volatile: bool = False) -> Tensor:
        t = data if isinstance(data, Tensor) else _tensor(data)
        if requires_grad:
            return t.detach().requires_grad_(True)
        return t


class Variable(metaclass=_VariableType):
    """``Variable(t, requires_grad=False)``: a tensor (what a Variable is since PyTorch 0.4).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> v = torch.autograd.Variable(torch.ones(2), requires_grad=True)
    >>> v, isinstance(v, torch.autograd.Variable)
    (tensor([1., 1.], requires_grad=True), True)
    """

    __module__ = "torch.autograd.variable"


# ---------------------------------------------------------------------------
# torch.sin_(t) and the other in-place functions of the namespace
# ---------------------------------------------------------------------------

# PyTorch 2.13's in-place functions in the torch namespace (that are Tensor methods too).
INPLACE_NAMES = (
    "abs_", "acos_", "acosh_", "arccos_", "arccosh_", "arcsin_", "arcsinh_", "arctan_",
    "arctanh_", "asin_", "asinh_", "atan_", "atanh_", "ceil_", "clamp_", "clamp_max_",
    "clamp_min_", "clip_", "cos_", "cosh_", "deg2rad_", "detach_", "erf_", "erfc_", "exp2_",
    "exp_", "expm1_", "fill_", "fix_", "floor_", "frac_", "i0_", "log10_", "log1p_", "log2_",
    "log_", "logit_", "nan_to_num_", "neg_", "negative_", "rad2deg_", "reciprocal_", "relu_",
    "round_", "rsqrt_", "sigmoid_", "sin_", "sinc_", "sinh_", "sqrt_", "square_", "tan_",
    "tanh_", "trunc_", "xlogy_", "zero_",
)


def inplace_functions() -> dict[str, Callable]:
    """``torch.sin_(t, ...)`` = ``t.sin_(...)`` for every in-place method funcgrad has.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.exp_(torch.zeros(2))
    tensor([1., 1.])
    """
    out = {}
    for name in INPLACE_NAMES:
        if not hasattr(Tensor, name):
            continue

        def fn(input, *args, _name=name, **kwargs):
            return getattr(input, _name)(*args, **kwargs)

        fn.__name__ = fn.__qualname__ = name
        fn.__doc__ = (
            f"``torch.{name}(input, ...)``: the in-place ``input.{name}(...)``.\n\n"
            f"    Examples\n    --------\n"
            f"    >>> import funcgrad.torch as torch\n    >>> callable(torch.{name})\n    True\n"
        )
        out[name] = fn
    return out


# ---------------------------------------------------------------------------
# axis= and keepdims=
# ---------------------------------------------------------------------------


def _with_numpy_names(fn: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        if kwargs:
            if "axis" in kwargs:
                if "dim" in kwargs:
                    raise TypeError(f"{fn.__name__}() got both 'dim' and its alias 'axis'")
                kwargs["dim"] = kwargs.pop("axis")
            if "keepdims" in kwargs:
                if "keepdim" in kwargs:
                    raise TypeError(
                        f"{fn.__name__}() got both 'keepdim' and its alias 'keepdims'"
                    )
                kwargs["keepdim"] = kwargs.pop("keepdims")
        return fn(*args, **kwargs)

    # The wrapper lives in the wrapped function's module (doctest finds its examples there).
    wrapped = types.FunctionType(
        wrapper.__code__, getattr(fn, "__globals__", globals()), fn.__name__, None,
        wrapper.__closure__,
    )
    functools.update_wrapper(wrapped, fn)
    wrapped.__numpy_names__ = True
    return wrapped


def _takes_dim(fn: Any) -> bool:
    if not callable(fn) or isinstance(fn, type) or getattr(fn, "__numpy_names__", False):
        return False
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "dim" in params or "keepdim" in params


def accept_numpy_names(namespace: dict, cls: type) -> None:
    """Let every function of ``namespace`` and method of ``cls`` with ``dim``/``keepdim``
    take NumPy's ``axis``/``keepdims`` too, as PyTorch's do.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mean(torch.tensor([[1.0, 2.0]]), axis=1)
    tensor([1.5000])
    """
    for name, value in list(namespace.items()):
        if not name.startswith("_") and _takes_dim(value):
            namespace[name] = _with_numpy_names(value)
    for name, value in list(vars(cls).items()):
        if not name.startswith("__") and _takes_dim(value):
            setattr(cls, name, _with_numpy_names(value))


def set_default_device(device: Any) -> None:
    """Set the default device: funcgrad has only the CPU, so only ``"cpu"`` (or None) is valid.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.set_default_device("cpu")
    >>> torch.get_default_device()
    device(type='cpu')
    """
    name = str(getattr(device, "type", device)) if device is not None else "cpu"
    if name.split(":")[0] != "cpu":
        raise RuntimeError(
            f"set_default_device({device!r}): funcgrad.torch runs on the CPU only; use "
            "'cpu' (scripts that pick 'cuda' when torch.cuda.is_available() choose 'cpu' here)."
        )
