"""``torch.linalg``: PyTorch's linear algebra on funcgrad's kernel.

Norms, inverses, solves, determinants and the decompositions (Cholesky, QR,
eigh, SVD) with PyTorch's signatures, return types (``torch.return_types.
linalg_slogdet``, ...), node names (``LinalgCholeskyExBackward0``, ...) and
errors (:class:`LinAlgError` for a matrix that is singular or not positive
definite). Values are LAPACK's (through NumPy); derivatives are the kernel's
rules, so the functions work under ``torch.func.grad``/``vmap`` too. Where
PyTorch differentiates a decomposition of a matrix that should be symmetric,
funcgrad reads its symmetric part (as JAX does): the gradients agree whenever
the matrix is built symmetric (``A @ A.T + ...``), as in real programs.

>>> import funcgrad.torch as torch
>>> K = torch.tensor([[2.0, 0.5], [0.5, 1.0]], requires_grad=True)
>>> L = torch.linalg.cholesky(K)
>>> L
tensor([[1.4142, 0.0000],
        [0.3536, 0.9354]], grad_fn=<LinalgCholeskyExBackward0>)
>>> torch.linalg.det(K)
tensor(1.7500, grad_fn=<LinalgDetBackward0>)
"""

from __future__ import annotations

from .common import LinAlgError
from .decompositions import (
    cholesky,
    cholesky_ex,
    cond,
    cross,
    diagonal,
    eig,
    eigh,
    eigvals,
    eigvalsh,
    matmul,
    matrix_exp,
    matrix_power,
    multi_dot,
    qr,
    svd,
    svdvals,
    tensorinv,
    tensorsolve,
    vecdot,
)
from .solves import (
    det,
    inv,
    inv_ex,
    lstsq,
    matrix_norm,
    matrix_rank,
    norm,
    pinv,
    slogdet,
    solve,
    solve_triangular,
    vector_norm,
)

__all__ = [
    "LinAlgError",
    "vector_norm",
    "matrix_norm",
    "norm",
    "inv",
    "inv_ex",
    "det",
    "slogdet",
    "solve",
    "solve_triangular",
    "pinv",
    "matrix_rank",
    "lstsq",
    "cholesky",
    "cholesky_ex",
    "qr",
    "eigh",
    "eigvalsh",
    "eig",
    "eigvals",
    "svd",
    "svdvals",
    "cross",
    "multi_dot",
    "matrix_power",
    "matrix_exp",
    "vecdot",
    "diagonal",
    "matmul",
    "cond",
    "tensorinv",
    "tensorsolve",
]
NODE_NAMES: dict[str, tuple[str, str]] = {}
