"""PyTorch's top-level matrix functions: ``torch.det``, ``inverse``, ``cholesky``, ``svd``, ...

Most are ``torch.linalg`` functions under their older names (and Tensor
methods); ``torch.cholesky``, ``torch.svd`` (which returns ``V``, not ``Vh``)
and ``torch.slogdet`` keep their own node names and return types.

>>> import funcgrad.torch as torch
>>> A = torch.tensor([[2.0, 0.0], [0.0, 4.0]], requires_grad=True)
>>> A.inverse()
tensor([[0.5000, 0.0000],
        [0.0000, 0.2500]], grad_fn=<LinalgInvExBackward0>)
>>> torch.logdet(A)
tensor(2.0794, grad_fn=<WhereBackward0>)
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .. import numpy as fnp
from . import linalg
from ._operands import _operands, _t
from .linalg import solves as linalg_solves
from .tensor import record

det = linalg.det
logdet = linalg_solves.logdet
inverse = linalg.inv
matrix_exp = linalg.matrix_exp
matrix_power = linalg.matrix_power


class SlogdetReturn(NamedTuple):
    """``torch.return_types.slogdet``."""

    sign: Any
    logabsdet: Any

    def __repr__(self) -> str:
        return (f"torch.return_types.slogdet(\nsign={self.sign!r},\n"
                f"logabsdet={self.logabsdet!r})")


def slogdet(input):
    """The sign and the log of the absolute value of the determinant (``torch.slogdet``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.slogdet(torch.tensor([[-2.0, 0.0], [0.0, 3.0]])).logabsdet
    tensor(1.7918)
    """
    return SlogdetReturn(*linalg.slogdet(input))


def pinverse(input, rcond=1e-15):
    """The pseudo-inverse, singular values below ``rcond`` times the largest cut off.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.pinverse(torch.tensor([[2.0, 0.0]]))
    tensor([[0.5000],
            [0.0000]])
    """
    return linalg.pinv(input, rtol=rcond)


def cholesky(input, upper=False):
    """The Cholesky factor (``torch.cholesky``, PyTorch's older spelling of
    ``torch.linalg.cholesky``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cholesky(torch.tensor([[4.0, 2.0], [2.0, 5.0]]), upper=True)
    tensor([[2., 1.],
            [0., 2.]])
    """
    out = linalg.cholesky(input, upper=upper)
    if out._node.prim is not None:
        out._node.face = "cholesky"
        out._node.grad_fn_obj = None
    return out


def cholesky_solve(B, L, upper=False):
    """The solution of ``A X = B`` given the Cholesky factor ``L`` of ``A``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> L = torch.tensor([[2.0, 0.0], [1.0, 2.0]])
    >>> torch.cholesky_solve(torch.tensor([[4.0], [7.0]]), L)
    tensor([[0.3750],
            [1.2500]])
    """
    _, (bn, ln), xs = _operands(_t(B), _t(L), broadcast=False)
    lower = fnp.swapaxes(ln, -1, -2) if upper else ln
    a = fnp.matmul(lower, fnp.conj(fnp.swapaxes(lower, -1, -2)))
    return record("cholesky_solve", fnp.linalg.solve(a, bn), xs)


def cholesky_inverse(L, upper=False):
    """The inverse of ``A`` given its Cholesky factor ``L``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cholesky_inverse(torch.tensor([[2.0, 0.0], [0.0, 1.0]]))
    tensor([[0.2500, 0.0000],
            [0.0000, 1.0000]])
    """
    x = _t(L)
    lower = fnp.swapaxes(x._node, -1, -2) if upper else x._node
    a = fnp.matmul(lower, fnp.conj(fnp.swapaxes(lower, -1, -2)))
    return record("cholesky_inverse", fnp.linalg.inv(a), (x,))


class SvdReturn(NamedTuple):
    """``torch.return_types.svd``: ``input = U diag(S) V^H``."""

    U: Any
    S: Any
    V: Any

    def __repr__(self) -> str:
        return f"torch.return_types.svd(\nU={self.U!r},\nS={self.S!r},\nV={self.V!r})"


def svd(input, some=True, compute_uv=True):
    """The singular value decomposition as ``(U, S, V)`` (``torch.svd``; note ``V``, not
    ``Vh``). ``some=False`` gives the full square ``U`` and ``V``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.svd(torch.tensor([[3.0, 0.0], [0.0, -4.0]])).S
    tensor([4., 3.])
    """
    x = _t(input)
    if not compute_uv:
        s = linalg.svdvals(x)
        m, n = x.shape[-2:]
        zu = _t(np.zeros(tuple(x.shape[:-2]) + (m, m if not some else min(m, n)), x.dtype.np))
        zv = _t(np.zeros(tuple(x.shape[:-2]) + (n, n if not some else min(m, n)), x.dtype.np))
        return SvdReturn(zu, s, zv)
    u, s, vh = linalg.svd(x, full_matrices=not some)
    return SvdReturn(u, s, vh.mH if hasattr(vh, "mH") else vh.transpose(-2, -1).conj())


PUBLIC = ["det", "logdet", "slogdet", "inverse", "pinverse", "cholesky", "cholesky_solve",
          "cholesky_inverse", "matrix_exp", "matrix_power", "svd"]
METHODS = list(PUBLIC)
NODE_NAMES = {"cholesky": ("CholeskyBackward0", "")}
