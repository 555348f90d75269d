"""Products: matmul, dot, tensordot, einsum, outer, inner, kron, cross, vdot."""

import warnings

import numpy as np
from cases import Case, anything, with_float16

MODULE = "funcgrad.numpy"


def product(name, fn, *shapes, **kw):
    return Case(name, fn, (anything,) * len(shapes), shapes=list(shapes), **kw)


CASES = [
    product("matmul", lambda m: lambda x, y: m.matmul(x, y), (2, 1, 3, 4), (2, 4, 2)),
    product("matmul:vector", lambda m: lambda x, y: m.matmul(x, y), (3,), (2, 3, 4),
            covers=("matmul",)),
    product("matmul:operators", lambda m: lambda x, y: (x @ y, y.T @ x.T), (2, 3), (3, 2),
            covers=("matmul",)),
    product("matmul:mv", lambda m: lambda x: x @ x[0], (3, 3), covers=("matmul",)),
    product("matmul:vm", lambda m: lambda x: x[0] @ x, (3, 3), covers=("matmul",)),
    product("matmul:vv", lambda m: lambda x: x[0] @ x[1], (2, 3), covers=("matmul",)),
    product("matmul:shared", lambda m: lambda x: m.matmul(x, x[0]), (2, 3, 3),
            covers=("matmul",)),
    product("dot", lambda m: lambda x, y: m.dot(x, y), (2, 3), (3, 4)),
    product("dot:scalar", lambda m: lambda x: m.dot(x, 3.0), (2,), covers=("dot",)),
    product("dot:nd", lambda m: lambda x, y: m.dot(x, y), (2, 3), (4, 3, 2), covers=("dot",)),
    product("dot:method", lambda m: lambda x, y: x.dot(y), (3,), (3,), covers=("dot",)),
    product("tensordot", lambda m: lambda x, y: m.tensordot(x, y, axes=([0, 2], [2, 0])),
            (2, 3, 4), (4, 3, 2)),
    product("tensordot:int", lambda m: lambda x, y: m.tensordot(x, y, 1), (2, 3), (3, 2),
            covers=("tensordot",)),
    product("einsum", lambda m: lambda x, y: m.einsum("ij,jk->ik", x, y), (2, 3), (3, 4)),
    product("einsum:batched", lambda m: lambda x, y: m.einsum("bij,bjk->bki", x, y),
            (2, 2, 3), (2, 3, 4), covers=("einsum",)),
    product("einsum:trace", lambda m: lambda x: m.einsum("ii", x), (3, 3), covers=("einsum",)),
    product("einsum:diagonal", lambda m: lambda x: m.einsum("iji->ij", x), (3, 2, 3),
            covers=("einsum",)),
    product("einsum:implicit", lambda m: lambda x, y: m.einsum("ij,kj", x, y), (2, 3), (4, 3),
            covers=("einsum",)),
    product("einsum:ellipsis", lambda m: lambda x, y: m.einsum("...ij,...jk->...ik", x, y),
            (2, 1, 2, 3), (3, 3, 4), covers=("einsum",)),
    product("einsum:ellipsis_implicit", lambda m: lambda x: m.einsum("...ij", x), (2, 3, 4),
            covers=("einsum",)),
    product("einsum:three", lambda m: lambda x, y, z: m.einsum("ij,jk,kl->li", x, y, z),
            (2, 3), (3, 4), (4, 2), covers=("einsum",)),
    product("einsum:outer_sum", lambda m: lambda x, y: m.einsum("i,j->", x, y), (3,), (2,),
            covers=("einsum",)),
    product("einsum:sublists", lambda m: lambda x, y: m.einsum(x, [0, 1], y, [1, 2], [2, 0]),
            (2, 3), (3, 4), covers=("einsum",)),
    product("outer", lambda m: lambda x, y: m.outer(x, y), (2, 2), (3,)),
    product("inner", lambda m: lambda x, y: m.inner(x, y), (2, 3), (4, 3)),
    product("inner:vector", lambda m: lambda x, y: m.inner(x, y), (3,), (3,),
            covers=("inner",)),
    product("kron", lambda m: lambda x, y: m.kron(x, y), (2, 3), (2, 2)),
    product("kron:mixed", lambda m: lambda x, y: m.kron(x, y), (3,), (2, 2),
            covers=("kron",)),
    product("cross", lambda m: lambda x, y: m.cross(x, y), (4, 3), (3,)),
    product("cross:axes", lambda m: lambda x, y: m.cross(x, y, axisa=0, axisb=1, axisc=0),
            (3, 2), (2, 3), covers=("cross",)),
    product("cross:2d", lambda m: lambda x, y: m.cross(x, y), (4, 3), (4, 2),
            covers=("cross",), numpy=False, reference=lambda m: _quiet_cross),
    product("vdot", lambda m: lambda x, y: m.vdot(x, y), (2, 3), (3, 2)),
]


def _quiet_cross(x, y):
    # NumPy 2 deprecates 2-vectors in cross (funcgrad keeps supporting them, silently).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return np.cross(x, y)

CASES = with_float16(CASES)
