"""What the modules of ``torch.linalg`` share: its error, argument checks, shared nodes.

>>> import funcgrad.torch as torch
>>> issubclass(torch.linalg.LinAlgError, RuntimeError)
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._names import share_grad_fn
from .._operands import _t
from ..index_ops import known
from ..tensor import Tensor, record


class _LinAlgError(RuntimeError):
    """A matrix that a decomposition or an inverse cannot handle (``torch.linalg.LinAlgError``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> try:
    ...     torch.linalg.inv(torch.zeros(2, 2))
    ... except torch.linalg.LinAlgError as e:
    ...     print("singular")
    singular
    """

    __module__ = "torch._C"


LinAlgError = _LinAlgError


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def matrix_arg(A: Any, fn: str, square: bool = True) -> Tensor:
    """``A`` as a tensor of (batches of) matrices, or PyTorch's error."""
    x = _t(A)
    if x.dim() < 2:
        raise RuntimeError(
            f"linalg.{fn}: The input tensor A must have at least 2 dimensions."
        )
    if square and x.shape[-1] != x.shape[-2]:
        raise RuntimeError(
            f"linalg.{fn}: A must be batches of square matrices, but they are {x.shape[-2]} by "
            f"{x.shape[-1]} matrices"
        )
    if not (x.is_floating_point() or x.is_complex()):
        raise RuntimeError(
            f"linalg.{fn}: Expected a floating point or complex tensor as input. Got "
            f"{x.dtype.np.name.capitalize().replace('Int64', 'Long')}"
        )
    return x


def shared(key: str, outs: tuple) -> tuple:
    """Results of one decomposition share one ``grad_fn``, as in PyTorch."""
    for o in outs:
        n = o._node
        if n.prim is not None:
            n.face = key
            n.grad_fn_obj = None
    share_grad_fn([o._node for o in outs])
    return outs


def renamed(t: Tensor, key: str) -> Tensor:
    """``t``, its node shown as PyTorch's operation ``key`` (the last of a composite)."""
    if t._node.prim is not None:
        t._node.face = key
        t._node.grad_fn_obj = None
    return t


def record_all(key: str, nodes: tuple, inputs: tuple) -> tuple:
    outs = tuple(record(key, n, inputs) for n in nodes)
    return shared(key, outs)


def check_invertible(x: Tensor, fn: str) -> None:
    a = known(x)
    if a is None:
        return
    with np.errstate(all="ignore"):
        for m in a.reshape((-1,) + a.shape[-2:]):
            try:
                lu = lu_diagonal(m)
            except np.linalg.LinAlgError:
                lu = np.zeros(m.shape[0])
            zero = np.flatnonzero(lu == 0)
            if zero.size:
                raise LinAlgError(
                    f"linalg.{fn}: The diagonal element {int(zero[0]) + 1} is zero, the "
                    f"{'inversion' if fn.startswith('inv') else 'solve'} could not be completed "
                    "because the input matrix is singular."
                )


def lu_diagonal(m: np.ndarray) -> np.ndarray:
    """The diagonal of ``U`` in the LU factorisation with partial pivoting of ``m``."""
    u = np.array(m, dtype=np.result_type(m.dtype, np.float64), copy=True)
    n = u.shape[0]
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            out = np.diagonal(u).copy()
            out[k] = 0
            return out
        u[[k, p]] = u[[p, k]]
        u[k + 1:, k:] -= np.outer(u[k + 1:, k] / u[k, k], u[k, k:])
    return np.diagonal(u)


def check_positive_definite(x: Tensor) -> None:
    a = known(x)
    if a is None:
        return
    for m in a.reshape((-1,) + a.shape[-2:]):
        sym = (m + m.conj().T) / 2
        for k in range(1, m.shape[0] + 1):
            try:
                np.linalg.cholesky(sym[:k, :k])
            except np.linalg.LinAlgError:
                raise LinAlgError(
                    "linalg.cholesky: The factorization could not be completed because the "
                    f"input is not positive-definite (the leading minor of order {k} is not "
                    "positive-definite)."
                ) from None



def info_codes(x: Tensor, check_errors: bool, fn: str) -> Tensor:
    a = known(x)
    code = np.zeros(tuple(x.shape[:-2]), np.int32)
    if a is not None:
        flat = code.reshape(-1)
        for i, m in enumerate(a.reshape((-1,) + a.shape[-2:])):
            d = lu_diagonal(m) if fn == "inv" else None
            if d is not None and (d == 0).any():
                flat[i] = int(np.flatnonzero(d == 0)[0]) + 1
            elif fn == "cholesky":
                sym = (m + m.conj().T) / 2
                for k in range(1, m.shape[0] + 1):
                    if np.linalg.eigvalsh(sym[:k, :k]).min() <= 0:
                        flat[i] = k
                        break
        if check_errors and flat.any():
            if fn == "inv":
                check_invertible(x, "inv")
            else:
                check_positive_definite(x)
    return _t(code)


def np_dtype(dtype: Any) -> np.dtype:
    return dtype.np if hasattr(dtype, "np") else np.dtype(dtype)


def concrete(x: Tensor) -> np.ndarray:
    a = known(x)
    if a is None:
        raise RuntimeError(
            "torch.linalg: this result is an integer computed from the values, which a "
            "functional transform traces here; call it outside the transform."
        )
    return a
