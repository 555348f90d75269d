"""PyTorch's process-wide settings as they apply to a NumPy backend on the CPU:
``torch.backends``, ``torch.compile``, the thread count, deterministic algorithms,
and the limits of each dtype (``finfo``, ``iinfo``).

Scripts set these before training (``torch.backends.cudnn.benchmark = True``,
``torch.set_num_threads(1)``, ``torch.use_deterministic_algorithms(True)``) and
read them (``torch.finfo(torch.float32).eps``); all of that runs unchanged.

>>> import funcgrad.torch as torch
>>> torch.backends.mps.is_available(), torch.finfo(torch.float32).eps
(False, 1.1920928955078125e-07)
"""

from __future__ import annotations

import os
import types
import warnings
from typing import Any

import numpy as np

from . import _dtypes

try:  # optional: what can change the number of threads NumPy's BLAS uses
    import threadpoolctl  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - depends on the environment
    threadpoolctl = None

__all__ = ["backends", "compile", "set_num_threads", "get_num_threads",
           "use_deterministic_algorithms", "are_deterministic_algorithms_enabled",
           "finfo", "iinfo"]


def _unavailable() -> bool:
    return False


# torch.backends: the switches of GPU libraries (settable, with PyTorch's CPU defaults:
# nothing here reads them) and the availability of each backend.
backends = types.SimpleNamespace(
    cudnn=types.SimpleNamespace(enabled=True, benchmark=False, deterministic=False,
                                allow_tf32=True, is_available=_unavailable),
    cuda=types.SimpleNamespace(matmul=types.SimpleNamespace(allow_tf32=False,
                                                            allow_fp16_reduced_precision_reduction=True),
                               is_built=_unavailable),
    mps=types.SimpleNamespace(is_available=_unavailable, is_built=_unavailable),
    mkldnn=types.SimpleNamespace(enabled=True, is_available=_unavailable),
    openmp=types.SimpleNamespace(is_available=_unavailable),
)


def compile(model: Any = None, *, fullgraph: bool = False, dynamic: Any = None,
            backend: Any = "inductor", mode: Any = None, options: Any = None,
            disable: bool = False) -> Any:
    """``model`` itself (a module or a function), or a decorator when called without one.

    PyTorch's ``torch.compile`` changes how a model runs, never what it computes;
    funcgrad's torch face has no graph compiler, so the model runs as written (as
    ``torch.compile(model, disable=True)`` does). For generated code, write the
    computation functionally and use :func:`funcgrad.jit`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> model = torch.nn.Linear(2, 1)
    >>> torch.compile(model) is model
    True
    >>> @torch.compile(mode="reduce-overhead")
    ... def double(x):
    ...     return 2 * x
    >>> double(torch.ones(2))
    tensor([2., 2.])
    """
    if model is None:
        return lambda m: m
    return model


_threads: list[int] = []


def _blas_pools() -> Any:
    return threadpoolctl


def set_num_threads(n: int) -> None:
    """Limit the threads NumPy's BLAS uses for matrix products to ``n`` (through
    ``threadpoolctl``; without it installed the number is only recorded, with a warning).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> before = torch.get_num_threads()
    >>> torch.set_num_threads(1); torch.get_num_threads()
    1
    >>> torch.set_num_threads(before)
    """
    n = int(n)
    if n < 1:
        raise RuntimeError("set_num_threads expects a positive integer")
    pools = _blas_pools()
    if pools is None:
        warnings.warn("set_num_threads: NumPy's BLAS threads cannot be changed without the "
                      "threadpoolctl package (pip install threadpoolctl); the number is "
                      "recorded only", RuntimeWarning, stacklevel=2)
    else:
        pools.threadpool_limits(limits=n, user_api="blas")
    _threads[:] = [n]


def get_num_threads() -> int:
    """The number of threads set by :func:`set_num_threads`, else that of NumPy's BLAS (or
    the number of CPUs).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.get_num_threads() >= 1
    True
    """
    if _threads:
        return _threads[0]
    pools = _blas_pools()
    if pools is not None:
        counts = [p["num_threads"] for p in pools.threadpool_info() if p["user_api"] == "blas"]
        if counts:
            return int(counts[0])
    return os.cpu_count() or 1


_deterministic: list[bool] = [False]


def use_deterministic_algorithms(mode: bool, *, warn_only: bool = False) -> None:
    """Ask for deterministic algorithms. NumPy's are on the CPU, so every operation
    already gives the same result for the same inputs; the setting is kept for
    :func:`are_deterministic_algorithms_enabled`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.use_deterministic_algorithms(True)
    >>> torch.are_deterministic_algorithms_enabled()
    True
    >>> torch.use_deterministic_algorithms(False)
    """
    _deterministic[0] = bool(mode)


def are_deterministic_algorithms_enabled() -> bool:
    """Whether :func:`use_deterministic_algorithms` was turned on.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.are_deterministic_algorithms_enabled()
    False
    """
    return _deterministic[0]


def _g(x: float) -> str:
    return f"{x:.6g}"


class finfo:  # noqa: N801 - PyTorch's name
    """The limits of a floating dtype (default: the default dtype), as PyTorch names them.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.finfo(torch.float32)  # doctest: +ELLIPSIS
    finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, ...)
    >>> torch.finfo(torch.float64).eps
    2.220446049250313e-16
    """

    def __init__(self, type: Any = None) -> None:
        dt = _dtypes.default_float() if type is None else _dtypes.to_numpy(type)
        if dt.kind not in "fc":
            raise TypeError(f"torch.finfo() requires a floating point input type, got "
                            f"{_dtypes.to_torch(dt)}. Use torch.iinfo for integers")
        info = np.finfo(dt)
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = float(info.resolution)
        self.dtype = np.dtype(info.dtype).name

    def __repr__(self) -> str:
        return (f"finfo(resolution={_g(self.resolution)}, min={_g(self.min)}, "
                f"max={_g(self.max)}, eps={_g(self.eps)}, "
                f"smallest_normal={_g(self.smallest_normal)}, tiny={_g(self.tiny)}, "
                f"dtype={self.dtype})")


class iinfo:  # noqa: N801 - PyTorch's name
    """The limits of an integer dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.iinfo(torch.int32)
    iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32)
    >>> torch.iinfo(torch.uint8).max
    255
    """

    def __init__(self, type: Any) -> None:
        dt = _dtypes.to_numpy(type)
        if dt.kind not in "iub":
            raise TypeError(f"torch.iinfo() requires an integer input type, got "
                            f"{_dtypes.to_torch(dt)}. Use torch.finfo for floating types")
        info = np.iinfo(np.uint8 if dt.kind == "b" else dt)
        self.bits, self.min, self.max = int(info.bits), int(info.min), int(info.max)
        self.dtype = dt.name

    def __repr__(self) -> str:
        return f"iinfo(min={_g(self.min)}, max={_g(self.max)}, dtype={self.dtype})"
