"""funcgrad.numpy.linalg: every public name with its variants (format: ``cases.Case``).

Each builder is written against a module ``m`` (funcgrad.numpy or NumPy), so
the runner compares values with NumPy's and checks plain-NumPy dispatch
(``np.linalg.inv(traced)``). Decompositions are determined only up to a gauge
(signs or phases of eigen- and singular vectors, a basis of the complement in
the full SVD/QR): their entries check gauge-fixed or gauge-invariant functions
of the factors.
"""

from __future__ import annotations

import numpy as np
from cases import Case
from matrix_samplers import complex_, fixed, general, hermitian, positive, shifted, spd

MODULE = "funcgrad.numpy.linalg"

CASES: list[Case] = []


def add(name, build, samplers, shapes, **kw):
    covers = (name.split(":")[0],)
    CASES.append(Case(name, build, tuple(samplers), shapes=list(shapes), covers=covers, **kw))


def call(name, **kw):
    """The builder of ``m.linalg.<name>(*args, **kw)``."""
    return lambda m: lambda *xs: getattr(m.linalg, name)(*xs, **kw)


# ---------------------------------------------------------------------------
# Gauge fixing, written against the module m
# ---------------------------------------------------------------------------

def _h(m, x):
    return m.conj(m.swapaxes(x, -1, -2))


def _column_signs(m, u):
    return m.sign(u[..., :1, :])


def eigh_fixed(m, r):
    w, v = r
    return w, v * _column_signs(m, v)


def svd_fixed(m, r):
    u, s, vh = r
    k = s.shape[-1]
    signs = _column_signs(m, u[..., :, :k])
    return u[..., :, :k] * signs, s, vh[..., :k, :] * m.swapaxes(signs, -1, -2)


def projector(m, u):
    return u @ _h(m, u)


def matrix_function(m, w, v):
    """``V diag(exp(w / 4)) V^H``: invariant to the eigenvectors' phases."""
    return v @ (m.exp(w / 4)[..., :, None] * _h(m, v))


def as_complex(x):
    return x.astype(np.result_type(x.dtype, np.complex64))


# ---------------------------------------------------------------------------
# Inverses and solves
# ---------------------------------------------------------------------------

add("inv", call("inv"), [shifted], [(3, 3)])
add("inv:batched", call("inv"), [shifted], [(2, 3, 3)])
add("inv:complex", call("inv"), [complex_(shifted)], [(3, 3)])
add("solve:vector", call("solve"), [shifted, general], [(3, 3), (3,)])
add("solve:matrix", call("solve"), [shifted, general], [(3, 3), (3, 2)])
add("solve:broadcast", call("solve"), [shifted, general], [(2, 3, 3), (3, 2)])
add("solve:complex", call("solve"), [complex_(shifted), complex_(general)], [(3, 3), (3, 2)])
add("pinv:tall", call("pinv"), [general], [(4, 2)])
add("pinv:wide", call("pinv"), [general], [(2, 4)])
add("pinv:batched", call("pinv"), [general], [(2, 3, 2)])
add("pinv:complex", call("pinv"), [complex_(general)], [(3, 2)])
add("pinv:hermitian", call("pinv", hermitian=True), [spd], [(3, 3)])
add("tensorinv", call("tensorinv", ind=1),
    [lambda shape, rng, dtype: shifted((6, 6), rng, dtype).reshape(shape)], [(6, 2, 3)])
add("tensorsolve", call("tensorsolve"),
    [lambda shape, rng, dtype: shifted((6, 6), rng, dtype).reshape(shape), general],
    [(2, 3, 2, 3), (2, 3)])
# lstsq's residuals exist only at full rank (NumPy's): it needs concrete values, not staged.
add("lstsq:tall", lambda m: lambda a, b: (lambda r: (r[0], r[1], r[3]))(m.linalg.lstsq(a, b)),
    [general, general], [(5, 3), (5, 2)], staged=False)
add("lstsq:vector", lambda m: lambda a, b: m.linalg.lstsq(a, b)[0], [general, general],
    [(5, 3), (5,)], staged=False)
add("lstsq:wide", lambda m: lambda a, b: m.linalg.lstsq(a, b)[0], [general, general],
    [(2, 4), (2,)], staged=False)

# ---------------------------------------------------------------------------
# Determinants (including singular matrices: the gradient is the adjugate)
# ---------------------------------------------------------------------------

add("det", call("det"), [general], [(3, 3)])
add("det:batched", call("det"), [general], [(2, 4, 4)])
add("det:complex", call("det"), [complex_(general)], [(3, 3)])
add("det:1x1", call("det"), [general], [(2, 1, 1)])
add("det:singular", call("det"), [fixed([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])],
    [(3, 3)], dtypes=(np.float64,))
add("det:rank1", call("det"), [fixed(np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 2.0]))], [(3, 3)],
    dtypes=(np.float64,))
add("slogdet", lambda m: lambda a: tuple(m.linalg.slogdet(a)), [general], [(3, 3)])
add("slogdet:batched", lambda m: lambda a: tuple(m.linalg.slogdet(a)), [general], [(2, 3, 3)])
add("slogdet:complex", lambda m: lambda a: tuple(m.linalg.slogdet(a)), [complex_(general)],
    [(3, 3)])

# ---------------------------------------------------------------------------
# Decompositions
# ---------------------------------------------------------------------------

add("cholesky", call("cholesky"), [spd], [(3, 3)])
add("cholesky:upper", call("cholesky", upper=True), [spd], [(3, 3)])
add("cholesky:batched", call("cholesky"), [spd], [(2, 3, 3)])
add("cholesky:complex", call("cholesky"), [complex_(spd)], [(3, 3)])
add("cholesky:triangle", lambda m: lambda a: m.linalg.cholesky(a, symmetrize_input=False),
    [spd], [(3, 3)], numpy=False, reference=lambda m: m.linalg.cholesky)
add("eigh", lambda m: lambda a: eigh_fixed(m, m.linalg.eigh(a)), [hermitian], [(3, 3)])
add("eigh:batched", lambda m: lambda a: eigh_fixed(m, m.linalg.eigh(a)), [hermitian],
    [(2, 3, 3)])
add("eigh:complex",
    lambda m: lambda a: (lambda w, v: (w, matrix_function(m, w, v), m.abs(v)))(*m.linalg.eigh(a)),
    [complex_(hermitian)], [(3, 3)])
add("eigh:upper-triangle",
    lambda m: lambda a: eigh_fixed(m, m.linalg.eigh(a, "U", symmetrize_input=False)),
    [general], [(3, 3)], numpy=False,
    reference=lambda m: lambda a: eigh_fixed(m, m.linalg.eigh(a, "U")))
add("eigvalsh", call("eigvalsh"), [hermitian], [(3, 3)])
add("eigvalsh:batched", call("eigvalsh"), [hermitian], [(2, 4, 4)])
add("eigvalsh:complex", call("eigvalsh"), [complex_(hermitian)], [(3, 3)])
# eig is always complex (JAX); NumPy's is real when every eigenvalue is.
add("eig", lambda m: lambda a: (lambda w, v: (w, m.abs(v)))(*m.linalg.eig(a)), [general],
    [(3, 3)], reference=lambda m: lambda a: (lambda w, v: (as_complex(w), m.abs(v)))(
        *m.linalg.eig(a)))
add("eig:complex", lambda m: lambda a: (lambda w, v: (w, m.abs(v)))(*m.linalg.eig(a)),
    [complex_(general)], [(3, 3)])
add("eigvals", call("eigvals"), [general], [(2, 3, 3)],
    reference=lambda m: lambda a: as_complex(m.linalg.eigvals(a)))
add("svd", lambda m: lambda a: svd_fixed(m, m.linalg.svd(a, full_matrices=False)), [general],
    [(4, 3)])
add("svd:wide", lambda m: lambda a: svd_fixed(m, m.linalg.svd(a, full_matrices=False)),
    [general], [(2, 4)])
add("svd:batched", lambda m: lambda a: svd_fixed(m, m.linalg.svd(a, full_matrices=False)),
    [general], [(2, 3, 3)])
add("svd:full-tall",
    lambda m: lambda a: (projector(m, m.linalg.svd(a)[0][:, 3:]),) + svd_fixed(m, m.linalg.svd(a)),
    [general], [(5, 3)])
add("svd:full-wide",
    lambda m: lambda a: (projector(m, _h(m, m.linalg.svd(a)[2][2:, :])),)
    + svd_fixed(m, m.linalg.svd(a)),
    [general], [(2, 4)])
add("svd:compute_uv=False", call("svd", compute_uv=False), [general], [(2, 4, 3)])
add("svd:hermitian", call("svd", compute_uv=False, hermitian=True), [hermitian], [(3, 3)])
add("svd:complex",
    lambda m: lambda a: (lambda u, s, vh: ((u * s[..., None, :]) @ vh, s, m.abs(u)))(
        *m.linalg.svd(a, full_matrices=False)),
    [complex_(general)], [(4, 3)])
add("svdvals", call("svdvals"), [general], [(3, 2)])
add("qr", lambda m: lambda a: tuple(m.linalg.qr(a)), [general], [(4, 3)])
add("qr:wide", lambda m: lambda a: tuple(m.linalg.qr(a)), [general], [(2, 4)])
add("qr:batched", lambda m: lambda a: tuple(m.linalg.qr(a)), [general], [(2, 3, 3)])
add("qr:r", call("qr", mode="r"), [general], [(4, 3)])
add("qr:raw", call("qr", mode="raw"), [general], [(4, 3)], order=0)
add("qr:complete",
    lambda m: lambda a: (lambda q, r: (q[:, :3], projector(m, q[:, 3:]), r))(
        *m.linalg.qr(a, mode="complete")),
    [general], [(5, 3)])
add("qr:complex", lambda m: lambda a: tuple(m.linalg.qr(a)), [complex_(general)], [(4, 3)])
add("matrix_rank", call("matrix_rank"), [general], [(2, 3, 3)], order=0)
add("matrix_rank:deficient", call("matrix_rank"),
    [fixed([[1.0, 2.0], [2.0, 4.0]])], [(2, 2)], order=0)

# ---------------------------------------------------------------------------
# Norms and condition numbers: every ord NumPy accepts
# ---------------------------------------------------------------------------

for _ord in [None, 2, 1, np.inf, -np.inf, 0, 3, 0.5, -1, -2.5]:
    add(f"norm:vector,ord={_ord}", call("norm", ord=_ord),
        [general if _ord in (None, 2, 3) else positive], [(5,)])
for _ord in [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]:
    add(f"norm:matrix,ord={_ord}", call("norm", ord=_ord), [general], [(3, 4)])
    add(f"norm:matrix,ord={_ord},axis=(2,0),keepdims",
        call("norm", ord=_ord, axis=(2, 0), keepdims=True), [general], [(3, 2, 4)])
add("norm:axis=None,3d", call("norm"), [general], [(2, 3, 2)])
add("norm:axis=1,keepdims", call("norm", ord=1, axis=1, keepdims=True), [positive], [(3, 4, 2)])
add("norm:complex", call("norm"), [complex_(general)], [(4,)])
add("norm:complex,ord=inf", call("norm", ord=np.inf), [complex_(general)], [(4,)])
add("norm:complex,nuc", call("norm", ord="nuc"), [complex_(general)], [(3, 3)])
add("vector_norm", call("vector_norm", axis=(0, 2), ord=3), [general], [(2, 3, 2)])
add("vector_norm:keepdims", call("vector_norm", keepdims=True), [general], [(2, 3)])
add("matrix_norm", call("matrix_norm", ord="nuc"), [general], [(2, 3, 3)])
for _p in [None, 1, "fro", -2, np.inf]:
    add(f"cond:p={_p}", call("cond", p=_p), [shifted], [(3, 3)])

# ---------------------------------------------------------------------------
# Products, powers and helpers
# ---------------------------------------------------------------------------

for _n in [3, 2, 1, 0, -2]:
    add(f"matrix_power:n={_n}", lambda m, n=_n: lambda a: m.linalg.matrix_power(a, n), [shifted],
        [(2, 3, 3)], order=2 if _n else 0)
add("multi_dot", lambda m: lambda *xs: m.linalg.multi_dot(list(xs)), [general] * 4,
    [(2, 5), (5, 3), (3, 4), (4, 2)])
add("multi_dot:vectors", lambda m: lambda *xs: m.linalg.multi_dot(list(xs)), [general] * 3,
    [(3,), (3, 4), (4,)])
add("multi_dot:first-vector", lambda m: lambda *xs: m.linalg.multi_dot(list(xs)), [general] * 3,
    [(3,), (3, 4), (4, 2)])
add("trace", call("trace", offset=1), [general], [(2, 3, 4)])
add("diagonal", call("diagonal", offset=-1), [general], [(2, 4, 3)])
add("matrix_transpose", call("matrix_transpose"), [general], [(2, 3, 4)])
add("matmul", call("matmul"), [general, general], [(2, 3, 4), (4, 2)])
add("outer", call("outer"), [general, general], [(3,), (4,)])
add("vecdot", call("vecdot"), [complex_(general), complex_(general)], [(2, 3), (3,)])
add("cross", call("cross", axis=0), [general, general], [(3, 2), (3, 1)])
add("tensordot", call("tensordot", axes=([0, 2], [1, 0])), [general, general],
    [(2, 3, 4), (4, 2, 5)])
add("tensordot:int", call("tensordot"), [general, general], [(2, 3, 4), (3, 4, 2)])
