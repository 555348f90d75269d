"""Linear-algebra primitives SciPy computes and NumPy does not: triangular solves,
the LU factorisation, the matrix exponential and the matrix square root.

Every primitive works on stacks of matrices (the last two axes), as
``numpy.linalg`` does; SciPy's routines see one matrix at a time. The rules
follow JAX's convention (VJP = transpose of the JVP under ``Re(sum(a * b))``,
no conjugation) and are written with funcgrad's own functions, so they are
differentiable themselves:

* ``solve_triangular``: its VJP in ``b`` is itself with the transposed operator;
* ``lu``: ``dL = L tril(X, -1)``, ``dU = triu(X) U`` with ``X = L^-1 P^T dA U^-1``;
* ``expm``: the Frechet derivative is the upper-right block of
  ``expm([[A, E], [0, A]])``, so ``expm`` differentiates into ``expm``;
* ``sqrtm``: ``dX`` solves the Sylvester equation ``X dX + dX X = dA``.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from ..core.primitive import (
    Primitive,
    ShapedArray,
    abstract_eval_by_running,
    defsource,
    nondifferentiable,
)
from .batching import stacked_batch
from .elementwise import conj
from .indexing import concatenate, take_along_axis
from .linalg import H, mT, solve, tril, triu
from .shape import broadcast_to, expand_dims, reshape
from .util import dtype_of, shape_of, zeros_like


def _identity_placeholder(aval: ShapedArray) -> np.ndarray:
    """Identity matrices (ones are singular) for the shape rule's trial run."""
    if aval.ndim < 2:
        return aval.placeholder()
    return aval.placeholder() * np.eye(aval.shape[-2], aval.shape[-1], dtype=aval.dtype)


def _primitive(name: str, impl, multiple_results: bool = False) -> Primitive:
    p = Primitive(name, impl, multiple_results=multiple_results)
    p.abstract_eval = abstract_eval_by_running(impl, multiple_results, _identity_placeholder)
    p.batch = stacked_batch(p)
    return p


def _per_matrix(fn, *arrays, nout: int = 1):
    """Apply ``fn`` (one matrix per argument) over the broadcast leading axes of ``arrays``."""
    arrays = [np.asarray(a) for a in arrays]
    if all(a.ndim == 2 for a in arrays):
        return fn(*arrays)
    stack = np.broadcast_shapes(*[a.shape[:-2] for a in arrays])
    arrays = [np.broadcast_to(a, stack + a.shape[-2:]) for a in arrays]
    results = [fn(*[a[i] for a in arrays]) for i in np.ndindex(*stack)]
    if nout == 1:
        return np.stack(results).reshape(stack + results[0].shape)
    return tuple(np.stack([r[k] for r in results]).reshape(stack + results[0][k].shape)
                 for k in range(nout))


def _inexact(x) -> np.ndarray:
    x = np.asarray(x)
    return x if x.dtype.kind in "fc" else x.astype(np.float64)


# ---------------------------------------------------------------------------
# solve_triangular: x = op(A)^-1 b, op(A) one of A, A^T, A^H (trans = 0, 1, 2)
# ---------------------------------------------------------------------------

def _solve_triangular(a, b, *, lower, trans, unit_diagonal):
    a, b = _inexact(a), _inexact(b)
    dtype = np.result_type(a, b)
    out = _per_matrix(lambda m, v: sla.solve_triangular(
        m, v, lower=lower, trans=trans, unit_diagonal=unit_diagonal, check_finite=False), a, b)
    return np.asarray(out).astype(dtype, copy=False)


solve_triangular_p = _primitive("solve_triangular", _solve_triangular)
defsource(solve_triangular_p, "scipy.linalg.solve_triangular({0}, {1}, lower={lower}, "
          "trans={trans}, unit_diagonal={unit_diagonal}, check_finite=False)", fresh=True)


def _op(a, trans: int):
    """op(A) for ``trans`` 0, 1, 2: A, A^T, A^H."""
    return a if trans == 0 else mT(a) if trans == 1 else H(a)


def _triangle(x, lower: bool, unit_diagonal: bool):
    """The entries of ``x`` that ``solve_triangular`` reads from its matrix argument."""
    k = 1 if unit_diagonal else 0
    return tril(x, -k) if lower else triu(x, k)


def _solve_triangular_jvp(primals, tangents, ans, *, lower, trans, unit_diagonal):
    (a, _), (ta, tb) = primals, tangents
    params = dict(lower=lower, trans=trans, unit_diagonal=unit_diagonal)
    rhs = tb
    if ta is not None:
        da_x = -(_op(_triangle(ta, lower, unit_diagonal), trans) @ ans)
        rhs = da_x if rhs is None else rhs + da_x
    return None if rhs is None else solve_triangular_p.bind(a, rhs, **params)


def _solve_triangular_vjp(g, ans, primals, params, wanted):
    a, _ = primals
    lower, trans, unit_diagonal = params["lower"], params["trans"], params["unit_diagonal"]
    # The transpose of op(A)^-1 is op'(A)^-1 with op' = op^T: A <-> A^T; A^H -> conj(A).
    if trans == 2:
        gb = conj(solve_triangular_p.bind(a, conj(g), lower=lower, trans=0,
                                              unit_diagonal=unit_diagonal))
    else:
        gb = solve_triangular_p.bind(a, g, lower=lower, trans=1 - trans,
                                     unit_diagonal=unit_diagonal)
    ga = None
    if wanted[0]:
        # dx = -op(A)^-1 op(dA) x: the cotangent of op(dA) is -gb x^T; that of dA is its
        # transpose through op (conjugated for A^H, which is not complex-linear in A).
        outer = -(gb @ mT(ans))
        ga = _triangle(outer if trans == 0 else mT(outer) if trans == 1 else conj(mT(outer)),
                       lower, unit_diagonal)
    return [ga, gb if wanted[1] else None]


solve_triangular_p.jvp = _solve_triangular_jvp
solve_triangular_p.vjp = _solve_triangular_vjp


def solve_triangular(a, b, *, lower: bool, trans: int, unit_diagonal: bool):
    """``op(a)^-1 b`` for a stack of triangular ``a`` and a stack of matrices ``b``."""
    return solve_triangular_p.bind(a, b, lower=bool(lower), trans=int(trans),
                                   unit_diagonal=bool(unit_diagonal))


# ---------------------------------------------------------------------------
# LU with partial pivoting: A[perm] = L U, packed as SciPy's lu_factor (and JAX's lu)
# ---------------------------------------------------------------------------

def _permutation(piv: np.ndarray) -> np.ndarray:
    """The row order ``perm`` (``A[perm] = L U``) that LAPACK's row interchanges ``piv`` make."""
    perm = np.arange(piv.shape[0])
    for i, p in enumerate(piv):
        perm[i], perm[p] = perm[p], perm[i]
    return perm


def _pivots_to_permutation(piv):
    piv = np.asarray(piv)
    if piv.ndim == 1:
        return _permutation(piv).astype(np.int32)
    flat = piv.reshape(-1, piv.shape[-1])
    return np.stack([_permutation(p) for p in flat]).reshape(piv.shape).astype(np.int32)


# Integer outputs: no derivative (the pivots of lu_factor -> the row order lu_solve needs).
pivots_to_permutation_p = nondifferentiable(
    Primitive("lu_pivots_to_permutation", _pivots_to_permutation))


def pivots_to_permutation(piv):
    """The row order ``perm`` (``A[perm] = L U``) of LAPACK pivots ``piv``."""
    return pivots_to_permutation_p.bind(piv)


def _lu_one(a):
    packed, piv = sla.lu_factor(a, check_finite=False)
    return packed, piv.astype(np.int32), _permutation(piv).astype(np.int32)


def _lu(a):
    a = _inexact(a)
    if a.shape[-1] != a.shape[-2]:
        raise ValueError("lu: funcgrad differentiates the LU factorisation of square matrices "
                         f"only; got shape {a.shape}")
    return _per_matrix(_lu_one, a, nout=3)


lu_p = _primitive("lu", _lu, multiple_results=True)


def _lu_jvp(primals, tangents, ans):
    (a,), (ta,) = primals, tangents
    if ta is None:
        return None, None, None
    packed, _, perm = ans
    n = np.shape(a)[-1]
    eye = np.eye(n, dtype=dtype_of(packed))
    lower = tril(packed, -1) + eye
    upper = triu(packed)
    permuted = take_along_axis(ta, expand_dims(perm, -1), axis=-2)
    y = solve_triangular(lower, permuted, lower=True, trans=0, unit_diagonal=True)
    x = mT(solve_triangular(upper, mT(y), lower=False, trans=1, unit_diagonal=False))
    return tril(lower @ tril(x, -1), -1) + triu(x) @ upper, None, None


lu_p.jvp = _lu_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


def lu(a):
    """``(packed, pivots, permutation)``: ``a[..., perm, :] = L U`` with ``L`` unit lower and
    ``U`` upper triangular, packed in one matrix; ``pivots`` are LAPACK's row interchanges."""
    return lu_p.bind(a)


# ---------------------------------------------------------------------------
# The matrix exponential and its Frechet derivative
# ---------------------------------------------------------------------------

def _expm(a):
    a = _inexact(a)
    return np.asarray(sla.expm(a)).astype(a.dtype, copy=False)


expm_p = _primitive("expm", _expm)
defsource(expm_p, "scipy.linalg.expm({0})", fresh=True)


def expm_frechet(a, e):
    """``L(A, E)``, the derivative of ``expm`` at ``a`` along ``e``: the upper-right block of
    ``expm([[A, E], [0, A]])``, so that it is itself differentiable (through ``expm``)."""
    n = np.shape(a)[-1]
    shape = np.broadcast_shapes(shape_of(a), shape_of(e))
    a, e = broadcast_to(a, shape), broadcast_to(e, shape)
    top = concatenate([a, e], axis=-1)
    bottom = concatenate([zeros_like(a), a], axis=-1)
    block = expm_p.bind(concatenate([top, bottom], axis=-2))
    return block[..., :n, n:]


def _expm_jvp(primals, tangents, ans):
    (a,), (ta,) = primals, tangents
    return None if ta is None else expm_frechet(a, ta)


def _expm_vjp(g, ans, primals, params, wanted):
    (a,) = primals
    # L(A, .) transposes (bilinear pairing, no conjugation) into L(A^T, .).
    return [expm_frechet(mT(a), g) if wanted[0] else None]


expm_p.jvp = _expm_jvp
expm_p.vjp = _expm_vjp


# ---------------------------------------------------------------------------
# The principal matrix square root: X X = A, X dX + dX X = dA
# ---------------------------------------------------------------------------

def _sqrtm(a):
    a = _inexact(a)
    out = _per_matrix(lambda m: np.asarray(sla.sqrtm(m)), a)
    if a.dtype.kind == "f" and np.iscomplexobj(out) and np.all(np.imag(out) == 0):
        out = np.real(out)
    return out.astype(np.result_type(a, out), copy=False)


sqrtm_p = _primitive("sqrtm", _sqrtm)


def _sylvester_sqrt(x, c):
    """The ``D`` with ``X D + D X = C``, by a dense solve of the Kronecker system (row-major
    vectorisation: ``vec(X D) = (X kron I) vec(D)``, ``vec(D X) = (I kron X^T) vec(D)``)."""
    n = np.shape(x)[-1]
    eye = np.eye(n, dtype=dtype_of(x))
    stack = np.shape(x)[:-2]
    # k[..., i, j, k, l] = x[..., i, k] eye[j, l] + eye[i, k] x[..., l, j]
    k = (x[..., :, None, :, None] * eye[:, None, :]
         + eye[:, None, :, None] * mT(x)[..., None, :, None, :])
    k = reshape(k, stack + (n * n, n * n))
    c = broadcast_to(c, stack + (n, n)) if np.shape(c)[:-2] != stack else c
    d = solve(k, reshape(c, np.shape(c)[:-2] + (n * n, 1)))
    return reshape(d, np.shape(c)[:-2] + (n, n))


def _sqrtm_jvp(primals, tangents, ans):
    (ta,) = tangents
    return None if ta is None else _sylvester_sqrt(ans, ta)


sqrtm_p.jvp = _sqrtm_jvp
# VJP: the transpose of the JVP (reverse mode derives it).


def sqrtm(a):
    """The principal square root of a stack of square matrices."""
    return sqrtm_p.bind(a)


def expm(a):
    """The matrix exponential of a stack of square matrices."""
    return expm_p.bind(a)
