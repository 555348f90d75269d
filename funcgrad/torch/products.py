"""Products of the torch face: dot, mm, mv, matmul, bmm, outer, addmm (all on the kernel's
``matmul``), with PyTorch's shape and dtype checks and node names (``MmBackward0``, ...)."""

from __future__ import annotations

import numpy as np

from .. import numpy as fnp
from ..primitives.products import addmm_p, matmul_p
from . import _fast
from ._graph import apply
from ._operands import _check_tensor, _operands
from .out_args import write_out
from .tensor import Tensor, record, scalar_type_name


def _same_dtype(a: Tensor, b: Tensor, fn: str) -> None:
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"{fn}: expected both vectors to have same dtype, but found "
            f"{scalar_type_name(a.dtype)} and {scalar_type_name(b.dtype)}"
        )


def dot(input, other):
    """The dot product of two 1-D tensors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(4.0)
    >>> torch.dot(x, x)
    tensor(14.)
    """
    a, b = _check_tensor(input, "dot"), _check_tensor(other, "dot")
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] "
            f"to have the same number of elements, but got {a.shape[0]} and {b.shape[0]} "
            "elements respectively"
        )
    _same_dtype(a, b, "dot ")
    return record("dot", fnp.matmul(a._node, b._node), (a, b))


inner = dot


def mm(input, mat2, *, out=None):
    """The product of two matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mm(torch.ones(2, 3), torch.ones(3, 2))
    tensor([[3., 3.],
            [3., 3.]])
    """
    if out is not None:  # PyTorch's out= (see out_args), in the signature: no extra frame
        return write_out("mm", mm(input, mat2), out)
    a, b = _check_tensor(input, "mm"), _check_tensor(mat2, "mm")
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({a.shape[0]}x{a.shape[1]} and "
            f"{b.shape[0]}x{b.shape[1]})"
        )
    _check_matmul_dtypes(a, b)
    return record("mm", fnp.matmul(a._node, b._node), (a, b))


def _check_matmul_dtypes(a, b):
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {a.dtype} != {b.dtype}"
        )


def mv(input, vec):
    """The product of a matrix and a vector.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mv(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), torch.tensor([1.0, 1.0]))
    tensor([3., 7.])
    """
    a, b = _check_tensor(input, "mv"), _check_tensor(vec, "mv")
    if a.ndim != 2 or b.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {b.ndim}")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}), "
            f"vec ({b.shape[0]})"
        )
    _check_matmul_dtypes(a, b)
    return record("mv", fnp.matmul(a._node, b._node), (a, b))


def matmul(input, other, *, out=None):
    """Matrix product with broadcasting, choosing ``dot``/``mv``/``mm`` by dimension as PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> (torch.ones(2, 3, requires_grad=True) @ torch.ones(3)).grad_fn
    <MvBackward0 object at ...>
    """
    if out is not None:
        return write_out("matmul", matmul(input, other), out)
    if isinstance(input, Tensor) and isinstance(other, Tensor):
        pa, pb = input._node.primal, other._node.primal
        if (
            type(pa) is np.ndarray
            and type(pb) is np.ndarray
            and pa.ndim == 2
            and pb.ndim == 2
            and pa.shape[1] == pb.shape[0]
        ):  # mm of two floating matrices of one dtype
            res = _fast.binary("mm", matmul_p, input, other)
            if res is not None:
                return res
    a, b = _check_tensor(input, "matmul"), _check_tensor(other, "matmul")
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and {b.ndim}D"
        )
    if a.ndim == 1 and b.ndim == 1:
        return dot(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return mv(a, b)
    if a.ndim == 2 and b.ndim == 2:
        return mm(a, b)
    if a.ndim == 1 and b.ndim == 2:
        if a.shape[0] != b.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input (1), mat (1x{a.shape[0]}), vec ({b.shape[0]})"
            )
        _check_matmul_dtypes(a, b)
        return record("matmul_vm", fnp.matmul(a._node, b._node), (a, b))
    ka = a.shape[-1]
    kb = b.shape[-2] if b.ndim > 1 else b.shape[0]
    if ka != kb:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied "
            f"({int(np.prod(a.shape[:-1]))}x{ka} and {kb}x{b.shape[-1] if b.ndim > 1 else 1})"
        )
    _check_matmul_dtypes(a, b)
    return record("matmul", fnp.matmul(a._node, b._node), (a, b))


def bmm(input, mat2):
    """Batched matrix product of 3-D tensors: ``out[i] = input[i] @ mat2[i]`` (no broadcasting).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bmm(torch.ones(4, 2, 3), torch.ones(4, 3, 5)).shape
    torch.Size([4, 2, 5])
    """
    a, b = _check_tensor(input, "bmm"), _check_tensor(mat2, "bmm")
    if a.ndim != 3 or b.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    return record("bmm", fnp.matmul(a._node, b._node), (a, b))


def outer(input, vec2):
    """Outer product of two vectors (``ger`` is the same function).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0]))
    tensor([[  1.,  10., 100.],
            [  2.,  20., 200.]])
    """
    a, b = _check_tensor(input, "outer"), _check_tensor(vec2, "outer")
    _, (x, y), xs = _operands(a, b, broadcast=False)
    return record("outer", fnp.multiply(fnp.reshape(x, (-1, 1)), fnp.reshape(y, (1, -1))), xs)


ger = outer


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat1 @ mat2)``; ``input`` broadcasts to the product's shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addmm(torch.ones(2), torch.eye(2), torch.tensor([[1.0, 2.0], [3.0, 4.0]]), beta=10)
    tensor([[11., 12.],
            [13., 14.]])
    """
    a, b = _check_tensor(mat1, "addmm"), _check_tensor(mat2, "addmm")
    _, (i, m1, m2, be, al), xs = _operands(input, a, b, beta, alpha, broadcast=False)
    if type(beta) in (int, float) and type(alpha) in (int, float) and beta == alpha == 1:
        return record("addmm", apply(addmm_p, i, m1, m2), xs[:3])  # one equation
    out = fnp.add(fnp.multiply(be, i), fnp.multiply(al, fnp.matmul(m1, m2)))
    return record("addmm", out, xs[:3])
