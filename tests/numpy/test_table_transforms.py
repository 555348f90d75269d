"""Every case of every ``table_*.py`` through ``vmap`` (against a Python loop over the
examples) and ``jit`` (against eager evaluation), for the function and for its first
and second derivatives (as far as the case's ``order`` goes).

Both modes to second order are checked against finite differences by test_table.py;
here the batching rule and the jit spelling of every primitive the cases reach are
exercised on values and on derivatives, which are programs of primitives too.
"""

from __future__ import annotations

import numpy as np
import pytest
from cases import assert_same
from test_table import ALL

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.tree_util import tree_flatten

BATCH = 2


def _shapes_and_params(case):
    if case.shapes == "broadcast":
        return [(2, 3)] * len(case.samplers), {}
    if case.shapes == "reduce":
        return [(2, 3)], {"axis": 1, "keepdims": False}
    return list(case.shapes), {}


def _leaves(tree):
    return [np.asarray(x) for x in tree_flatten(tree)[0]]


def _dtype(x):
    dtype = getattr(x, "dtype", None)
    return np.dtype(dtype) if dtype is not None else np.result_type(x)


def _inexact_leaves(tree):
    return [x for x in tree_flatten(tree)[0] if _dtype(x).kind in "fc"]


def _derivatives(f, args, order, rng):
    """``f`` and, up to ``order``, a gradient of a random projection of it (then of that)."""
    chain = [f]
    float_args = tuple(i for i, a in enumerate(args) if _dtype(a).kind in "fc")
    if order < 1 or not float_args or not _inexact_leaves(f(*args)):
        return chain, float_args
    g = f
    for _ in range(order):
        weights = [rng.uniform(-1.0, 1.0, np.shape(o)) for o in _inexact_leaves(g(*args))]

        def project(*xs, g=g, weights=weights):
            outs = _inexact_leaves(g(*xs))
            return sum(fnp.sum(fnp.real(o * w)) for o, w in zip(outs, weights))

        g = fg.grad(project, argnums=float_args)
        chain.append(g)
    return chain, float_args


def _check_vmap(f, batched, name, tol):
    ours = fg.vmap(f)(*batched)
    examples = [f(*[b[i] for b in batched]) for i in range(BATCH)]
    per_leaf = zip(*[_leaves(e) for e in examples])
    expected = [np.stack(list(leaf)) for leaf in per_leaf]
    got = _leaves(ours)
    assert len(got) == len(expected), f"{name}: vmap gives {len(got)} outputs"
    for a, b in zip(got, expected):
        assert_same(a, b, f"{name}: vmap vs a loop", tol, tol)


def _check_jit(f, args, name, tol):
    assert_same(fg.jit(f)(*args), f(*args), f"{name}: jit vs eager", tol, tol)


STAGED = [pytest.param(c, id=f"{t}:{c.name}") for t, c in ALL if c.staged]


@pytest.mark.parametrize("case", STAGED)
def test_vmap_and_jit(case):
    shapes, params = _shapes_and_params(case)
    rng = np.random.default_rng(7)
    f = case.fn(fnp, **params)
    args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
    batched = [np.stack([s(shape, rng, np.float64) for _ in range(BATCH)])
               for s, shape in zip(case.samplers, shapes)]
    chain, _ = _derivatives(f, args, min(case.order, 2), rng)
    for k, g in enumerate(chain):
        name = f"{case.name} (derivative {k})" if k else case.name
        tol = 1e-6 * 10 ** k
        _check_jit(g, args, name, tol)
        _check_vmap(g, batched, name, tol)


# The families whose primitives the NumPy face's tables reach (others have their own tables:
# tests/scipy, tests/lax, tests/test_random_keys.py).
FAMILIES = ("elementwise", "comparisons", "piecewise", "ufuncs", "shape", "reductions",
            "indexing", "cumulative", "products", "sorting", "fft", "linalg", "complex", "nn")


def test_the_tables_reach_every_primitive_of_their_families():
    import importlib

    from funcgrad.core.primitive import Primitive

    declared = {}
    for family in FAMILIES:
        module = importlib.import_module(f"funcgrad.primitives.{family}")
        for value in vars(module).values():
            if isinstance(value, Primitive):
                declared.setdefault(value.name, family)
    reached = set()
    for case in [p.values[0] for p in STAGED]:
        shapes, params = _shapes_and_params(case)
        rng = np.random.default_rng(7)
        f = case.fn(fnp, **params)
        args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
        for g in _derivatives(f, args, min(case.order, 2), rng)[0]:
            reached.update(e.prim.name for e in fg.make_ir(g)(*args).eqns)
    missing = sorted(f"{family}.{name}" for name, family in declared.items()
                     if name not in reached)
    assert not missing, f"primitives no table case reaches: {missing}"
