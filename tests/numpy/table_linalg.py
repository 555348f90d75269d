"""The table of funcgrad.numpy.linalg: every public name, with its variants (see ``table_case``).

Decompositions are determined only up to a gauge (the signs or phases of
eigen- and singular vectors, a basis of the complement in the full SVD/QR);
their entries check gauge-fixed or gauge-invariant functions of the factors,
built with funcgrad.numpy functions that also run on NumPy's own factors.
"""

from __future__ import annotations

import numpy as np
from table_case import Case, complex_dtype, normal

import funcgrad.numpy as fnp

L = fnp.linalg


# ---------------------------------------------------------------------------
# Argument generators: args(rng, dtype) -> tuple
# ---------------------------------------------------------------------------

def mats(*shapes, kind="general", cplx=False):
    """Arguments of the given shapes; ``kind`` (one, or one per shape) conditions them."""
    kinds = kind if isinstance(kind, tuple) else (kind,) * len(shapes)

    def make(rng, dtype):
        dt = complex_dtype(dtype) if cplx else np.dtype(dtype)
        out = []
        for shape, k in zip(shapes, kinds):
            x = normal(rng, shape, dt)
            if k == "shifted":  # well conditioned: eigenvalues pushed away from 0
                x = x + 3 * np.eye(shape[-1], dtype=dt)
            elif k in ("spd", "hermitian"):
                x = x @ np.conj(np.swapaxes(x, -1, -2))
                if k == "spd":
                    x = x + shape[-1] * np.eye(shape[-1], dtype=dt)
            elif k == "positive":
                x = np.abs(x) + 0.5
            out.append(x.astype(dt))
        return tuple(out)

    return make


def fixed(*arrays):
    return lambda rng, dtype: tuple(np.asarray(a, dtype) for a in arrays)


# ---------------------------------------------------------------------------
# Gauge fixing (works on NumPy arrays and traced values alike)
# ---------------------------------------------------------------------------

def _column_signs(u):
    return fnp.sign(u[..., :1, :])


def eigh_fixed(r):
    w, v = r
    return w, v * _column_signs(v)


def svd_fixed(r):
    u, s, vh = r
    k = s.shape[-1]
    signs = _column_signs(u[..., :, :k])
    u_k = u[..., :, :k] * signs
    return u_k, s, vh[..., :k, :] * fnp.swapaxes(signs, -1, -2)


def _h(x):
    return fnp.conj(fnp.swapaxes(x, -1, -2))


def projector(u):
    return u @ _h(u)


def matrix_function(w, v):
    """``V diag(exp(w / 4)) V^H``: invariant to the eigenvectors' phases."""
    return v @ (fnp.exp(w / 4)[..., :, None] * _h(v))


def qr_fixed(r):
    q, rr = r
    return q, rr


def as_tuple(r):
    return tuple(r)


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

CASES: dict[str, Case] = {}


def add(name, fun, args, numpy=None, **kw):
    assert name not in CASES, name
    CASES[name] = Case(fun, args, numpy, **kw)


# inverses and solves
add("linalg.inv", L.inv, mats((3, 3), kind="shifted"), np.linalg.inv)
add("linalg.inv[batched]", L.inv, mats((2, 3, 3), kind="shifted"), np.linalg.inv)
add("linalg.inv[complex]", L.inv, mats((3, 3), kind="shifted", cplx=True), np.linalg.inv)
add("linalg.solve[vector]", L.solve, mats((3, 3), (3,), kind=("shifted", "general")),
    np.linalg.solve)
add("linalg.solve[matrix]", L.solve, mats((3, 3), (3, 2), kind=("shifted", "general")),
    np.linalg.solve)
add("linalg.solve[broadcast]", L.solve, mats((2, 3, 3), (3, 2), kind=("shifted", "general")),
    np.linalg.solve)
add("linalg.solve[complex]", L.solve,
    mats((3, 3), (3, 2), kind=("shifted", "general"), cplx=True), np.linalg.solve)
add("linalg.pinv[tall]", L.pinv, mats((4, 2)), np.linalg.pinv)
add("linalg.pinv[wide]", L.pinv, mats((2, 4)), np.linalg.pinv)
add("linalg.pinv[batched]", L.pinv, mats((2, 3, 2)), np.linalg.pinv)
add("linalg.pinv[complex]", L.pinv, mats((3, 2), cplx=True), np.linalg.pinv)
add("linalg.pinv[hermitian]", lambda a: L.pinv(a, hermitian=True), mats((3, 3), kind="spd"),
    lambda a: np.linalg.pinv(a, hermitian=True))
add("linalg.tensorinv", lambda a: L.tensorinv(a, ind=1),
    lambda rng, dt: (normal(rng, (6, 6), dt).reshape(6, 2, 3) + np.eye(6).reshape(6, 2, 3) * 3,),
    lambda a: np.linalg.tensorinv(a, ind=1))
add("linalg.tensorsolve", L.tensorsolve,
    lambda rng, dt: ((normal(rng, (6, 6), dt) + 3 * np.eye(6, dtype=dt)).reshape(2, 3, 2, 3),
                     normal(rng, (2, 3), dt)),
    np.linalg.tensorsolve)
add("linalg.lstsq[tall]", lambda a, b: as_tuple(L.lstsq(a, b))[:2] + (L.lstsq(a, b)[3],),
    mats((5, 3), (5, 2)), lambda a, b: np.linalg.lstsq(a, b)[:2] + (np.linalg.lstsq(a, b)[3],))
add("linalg.lstsq[vector]", lambda a, b: L.lstsq(a, b)[0], mats((5, 3), (5,)),
    lambda a, b: np.linalg.lstsq(a, b)[0])
add("linalg.lstsq[wide]", lambda a, b: L.lstsq(a, b)[0], mats((2, 4), (2,)),
    lambda a, b: np.linalg.lstsq(a, b)[0])

# determinants
add("linalg.det", L.det, mats((3, 3)), np.linalg.det)
add("linalg.det[batched]", L.det, mats((2, 4, 4)), np.linalg.det)
add("linalg.det[complex]", L.det, mats((3, 3), cplx=True), np.linalg.det)
add("linalg.det[1x1]", L.det, mats((2, 1, 1)), np.linalg.det)
add("linalg.det[singular]", L.det, fixed([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
    np.linalg.det, float32=False)
add("linalg.det[rank1]", L.det, fixed(np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 2.0])),
    np.linalg.det, float32=False)
add("linalg.slogdet", lambda a: as_tuple(L.slogdet(a)), mats((3, 3)),
    lambda a: as_tuple(np.linalg.slogdet(a)))
add("linalg.slogdet[batched]", lambda a: as_tuple(L.slogdet(a)), mats((2, 3, 3)),
    lambda a: as_tuple(np.linalg.slogdet(a)))
add("linalg.slogdet[complex]", lambda a: as_tuple(L.slogdet(a)), mats((3, 3), cplx=True),
    lambda a: as_tuple(np.linalg.slogdet(a)))

# decompositions
add("linalg.cholesky", L.cholesky, mats((3, 3), kind="spd"), np.linalg.cholesky)
add("linalg.cholesky[upper]", lambda a: L.cholesky(a, upper=True), mats((3, 3), kind="spd"),
    lambda a: np.linalg.cholesky(a, upper=True))
add("linalg.cholesky[batched]", L.cholesky, mats((2, 3, 3), kind="spd"), np.linalg.cholesky)
add("linalg.cholesky[complex]", L.cholesky, mats((3, 3), kind="spd", cplx=True),
    np.linalg.cholesky)
add("linalg.cholesky[triangle]", lambda a: L.cholesky(a, symmetrize_input=False),
    mats((3, 3), kind="spd"), np.linalg.cholesky)
add("linalg.eigh", lambda a: eigh_fixed(L.eigh(a)), mats((3, 3), kind="hermitian"),
    lambda a: eigh_fixed(np.linalg.eigh(a)))
add("linalg.eigh[batched]", lambda a: eigh_fixed(L.eigh(a)), mats((2, 3, 3), kind="hermitian"),
    lambda a: eigh_fixed(np.linalg.eigh(a)))
add("linalg.eigh[complex]", lambda a: (L.eigh(a)[0], matrix_function(*L.eigh(a)),
                                       fnp.abs(L.eigh(a)[1])),
    mats((3, 3), kind="hermitian", cplx=True),
    lambda a: (np.linalg.eigh(a)[0], matrix_function(*np.linalg.eigh(a)),
               np.abs(np.linalg.eigh(a)[1])))
add("linalg.eigh[upper]", lambda a: eigh_fixed(L.eigh(a, "U", symmetrize_input=False)),
    mats((3, 3)), lambda a: eigh_fixed(np.linalg.eigh(a, "U")))
add("linalg.eigvalsh", L.eigvalsh, mats((3, 3), kind="hermitian"), np.linalg.eigvalsh)
add("linalg.eigvalsh[batched]", L.eigvalsh, mats((2, 4, 4), kind="hermitian"),
    np.linalg.eigvalsh)
add("linalg.eigvalsh[complex]", L.eigvalsh, mats((3, 3), kind="hermitian", cplx=True),
    np.linalg.eigvalsh)
add("linalg.eig", lambda a: (L.eig(a)[0], fnp.abs(L.eig(a)[1])), mats((3, 3)),
    lambda a: (np.linalg.eig(a)[0].astype(complex), np.abs(np.linalg.eig(a)[1])))
add("linalg.eig[complex]", lambda a: (L.eig(a)[0], fnp.abs(L.eig(a)[1])), mats((3, 3), cplx=True),
    lambda a: (np.linalg.eig(a)[0], np.abs(np.linalg.eig(a)[1])))
add("linalg.eigvals", L.eigvals, mats((2, 3, 3)),
    lambda a: np.linalg.eigvals(a).astype(complex))
add("linalg.svd", lambda a: svd_fixed(L.svd(a, full_matrices=False)), mats((4, 3)),
    lambda a: svd_fixed(np.linalg.svd(a, full_matrices=False)))
add("linalg.svd[wide]", lambda a: svd_fixed(L.svd(a, full_matrices=False)), mats((2, 4)),
    lambda a: svd_fixed(np.linalg.svd(a, full_matrices=False)))
add("linalg.svd[batched]", lambda a: svd_fixed(L.svd(a, full_matrices=False)), mats((2, 3, 3)),
    lambda a: svd_fixed(np.linalg.svd(a, full_matrices=False)))
add("linalg.svd[full-tall]",
    lambda a: (projector(L.svd(a)[0][:, 3:]),) + svd_fixed(L.svd(a)), mats((5, 3)),
    lambda a: (projector(np.linalg.svd(a)[0][:, 3:]),) + svd_fixed(np.linalg.svd(a)))
add("linalg.svd[full-wide]",
    lambda a: (projector(_h(L.svd(a)[2][2:, :])),) + svd_fixed(L.svd(a)), mats((2, 4)),
    lambda a: (projector(_h(np.linalg.svd(a)[2][2:, :])),) + svd_fixed(np.linalg.svd(a)))
add("linalg.svd[compute_uv=False]", lambda a: L.svd(a, compute_uv=False), mats((2, 4, 3)),
    lambda a: np.linalg.svd(a, compute_uv=False))
add("linalg.svd[complex]",
    lambda a: (lambda u, s, vh: ((u * s[..., None, :]) @ vh, s, fnp.abs(u)))(
        *L.svd(a, full_matrices=False)),
    mats((4, 3), cplx=True),
    lambda a: (lambda u, s, vh: ((u * s[..., None, :]) @ vh, s, np.abs(u)))(
        *np.linalg.svd(a, full_matrices=False)))
add("linalg.svdvals", L.svdvals, mats((3, 2)), np.linalg.svdvals)
add("linalg.qr", lambda a: as_tuple(L.qr(a)), mats((4, 3)), lambda a: as_tuple(np.linalg.qr(a)))
add("linalg.qr[wide]", lambda a: as_tuple(L.qr(a)), mats((2, 4)),
    lambda a: as_tuple(np.linalg.qr(a)))
add("linalg.qr[batched]", lambda a: as_tuple(L.qr(a)), mats((2, 3, 3)),
    lambda a: as_tuple(np.linalg.qr(a)))
add("linalg.qr[r]", lambda a: L.qr(a, mode="r"), mats((4, 3)),
    lambda a: np.linalg.qr(a, mode="r"))
add("linalg.qr[complete]",
    lambda a: (lambda q, r: (q[:, :3], projector(q[:, 3:]), r))(*L.qr(a, mode="complete")),
    mats((5, 3)),
    lambda a: (lambda q, r: (q[:, :3], projector(q[:, 3:]), r))(*np.linalg.qr(a, "complete")))
add("linalg.qr[complex]", lambda a: as_tuple(L.qr(a)), mats((4, 3), cplx=True),
    lambda a: as_tuple(np.linalg.qr(a)))
add("linalg.matrix_rank", L.matrix_rank, mats((2, 3, 3)), np.linalg.matrix_rank, order=0,
    float32=False)

# norms
_VECTOR_ORDS = [None, 2, 1, np.inf, -np.inf, 0, 3, 0.5, -1, -2.5]
for _ord in _VECTOR_ORDS:
    add(f"linalg.norm[vector,ord={_ord}]", lambda x, o=_ord: L.norm(x, o),
        mats((5,), kind="positive" if _ord not in (None, 2, 3) else "general"),
        lambda x, o=_ord: np.linalg.norm(x, o))
_MATRIX_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]
for _ord in _MATRIX_ORDS:
    add(f"linalg.norm[matrix,ord={_ord}]", lambda x, o=_ord: L.norm(x, o), mats((3, 4)),
        lambda x, o=_ord: np.linalg.norm(x, o))
    add(f"linalg.norm[matrix,ord={_ord},axis=(2,0),keepdims]",
        lambda x, o=_ord: L.norm(x, o, axis=(2, 0), keepdims=True), mats((3, 2, 4)),
        lambda x, o=_ord: np.linalg.norm(x, o, axis=(2, 0), keepdims=True))
add("linalg.norm[axis=None,3d]", L.norm, mats((2, 3, 2)), np.linalg.norm)
add("linalg.norm[axis=1,keepdims]", lambda x: L.norm(x, 1, axis=1, keepdims=True),
    mats((3, 4, 2)), lambda x: np.linalg.norm(x, 1, axis=1, keepdims=True))
add("linalg.norm[complex]", L.norm, mats((4,), cplx=True), np.linalg.norm)
add("linalg.norm[complex,ord=inf]", lambda x: L.norm(x, np.inf), mats((4,), cplx=True),
    lambda x: np.linalg.norm(x, np.inf))
add("linalg.norm[complex,nuc]", lambda x: L.norm(x, "nuc"), mats((3, 3), cplx=True),
    lambda x: np.linalg.norm(x, "nuc"))
add("linalg.vector_norm", lambda x: L.vector_norm(x, axis=(0, 2), ord=3), mats((2, 3, 2)),
    lambda x: np.linalg.vector_norm(x, axis=(0, 2), ord=3))
add("linalg.vector_norm[keepdims]", lambda x: L.vector_norm(x, keepdims=True), mats((2, 3)),
    lambda x: np.linalg.vector_norm(x, keepdims=True))
add("linalg.matrix_norm", lambda x: L.matrix_norm(x, ord="nuc"), mats((2, 3, 3)),
    lambda x: np.linalg.matrix_norm(x, ord="nuc"))
for _p in [None, 1, "fro", -2, np.inf]:
    add(f"linalg.cond[p={_p}]", lambda x, p=_p: L.cond(x, p), mats((3, 3), kind="shifted"),
        lambda x, p=_p: np.linalg.cond(x, p))

# products, powers and helpers
for _n in [3, 2, 1, 0, -2]:
    add(f"linalg.matrix_power[n={_n}]", lambda a, n=_n: L.matrix_power(a, n),
        mats((2, 3, 3), kind="shifted"), lambda a, n=_n: np.linalg.matrix_power(a, n),
        order=2 if _n else 0)
add("linalg.multi_dot", lambda a, b, c, d: L.multi_dot([a, b, c, d]),
    mats((2, 5), (5, 3), (3, 4), (4, 2)), lambda a, b, c, d: np.linalg.multi_dot([a, b, c, d]))
add("linalg.multi_dot[vectors]", lambda a, b, c: L.multi_dot([a, b, c]),
    mats((3,), (3, 4), (4,)), lambda a, b, c: np.linalg.multi_dot([a, b, c]))
add("linalg.multi_dot[first-vector]", lambda a, b, c: L.multi_dot([a, b, c]),
    mats((3,), (3, 4), (4, 2)), lambda a, b, c: np.linalg.multi_dot([a, b, c]))
add("linalg.trace", lambda x: L.trace(x, offset=1), mats((2, 3, 4)),
    lambda x: np.linalg.trace(x, offset=1))
add("linalg.diagonal", lambda x: L.diagonal(x, offset=-1), mats((2, 4, 3)),
    lambda x: np.linalg.diagonal(x, offset=-1))
add("linalg.matrix_transpose", L.matrix_transpose, mats((2, 3, 4)), np.linalg.matrix_transpose)
add("linalg.matmul", L.matmul, mats((2, 3, 4), (4, 2)), np.linalg.matmul)
add("linalg.outer", L.outer, mats((3,), (4,)), np.linalg.outer)
add("linalg.vecdot", L.vecdot, mats((2, 3), (3,), cplx=True), np.linalg.vecdot)
add("linalg.cross", lambda a, b: L.cross(a, b, axis=0), mats((3, 2), (3, 1)),
    lambda a, b: np.linalg.cross(a, b, axis=0))
add("linalg.tensordot", lambda a, b: L.tensordot(a, b, axes=([0, 2], [1, 0])),
    mats((2, 3, 4), (4, 2, 5)), lambda a, b: np.linalg.tensordot(a, b, axes=([0, 2], [1, 0])))
add("linalg.tensordot[int]", L.tensordot, mats((2, 3, 4), (3, 4, 2)), np.linalg.tensordot)
