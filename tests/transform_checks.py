"""``vmap`` against a Python loop and ``jit`` against eager evaluation, for a function and
its derivatives: what every case table runs on every primitive its cases reach.

:func:`derivative_chain` builds ``f`` and, up to ``order``, the gradient of a random
projection of it (then of that): programs of primitives too, so checking them under
``vmap`` and ``jit`` exercises the batching rule and the jit spelling of every
primitive the derivative rules bind. :func:`primitives_reached` lists those
primitives (what tests/test_primitive_inventory.py counts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.tree_util import tree_flatten

BATCH = 2


def _dtype(x: Any) -> np.dtype:
    dtype = getattr(x, "dtype", None)
    return np.dtype(dtype) if dtype is not None else np.result_type(x)


def _leaves(tree: Any) -> list[np.ndarray]:
    return [np.asarray(x) for x in tree_flatten(tree)[0]]


def _inexact_leaves(tree: Any) -> list[Any]:
    return [x for x in tree_flatten(tree)[0] if _dtype(x).kind in "fc"]


def _assert_same(ours: Any, theirs: Any, what: str, tol: float) -> None:
    lo, lt = _leaves(ours), _leaves(theirs)
    assert len(lo) == len(lt), f"{what}: {len(lo)} outputs vs {len(lt)}"
    for a, b in zip(lo, lt):
        assert a.shape == b.shape, f"{what}: shape {a.shape} vs {b.shape}"
        assert a.dtype == b.dtype, f"{what}: dtype {a.dtype} vs {b.dtype}"
        if a.dtype.kind in "fc":
            np.testing.assert_allclose(a, b, atol=tol, rtol=tol, err_msg=what, equal_nan=True)
        else:
            np.testing.assert_array_equal(a, b, err_msg=what)


def derivative_chain(f: Callable, args: Sequence[Any], order: int, rng: np.random.Generator,
                     wrt: Sequence[int] | None = None) -> list[Callable]:
    """``[f, g1, g2, ..., t1]``: ``g1`` the gradient (reverse mode) of a random projection
    of ``f``'s inexact outputs with respect to the arguments ``wrt`` (default: the inexact
    ones), ``g2`` the same of ``g1``, up to ``order``; ``t1`` the JVP (forward mode) of
    ``f`` along a random tangent, when ``order >= 1``."""
    chain = [f]
    if wrt is None:
        wrt = [i for i, a in enumerate(args) if _dtype(a).kind in "fc"]
    wrt = tuple(wrt)
    if order < 1 or not wrt or not _inexact_leaves(f(*args)):
        return chain
    g = f
    for _ in range(order):
        weights = [rng.uniform(-1.0, 1.0, np.shape(o)) for o in _inexact_leaves(g(*args))]

        def project(*xs, g=g, weights=weights):
            outs = _inexact_leaves(g(*xs))
            return sum(fnp.sum(fnp.real(o * w)) for o, w in zip(outs, weights))

        g = fg.grad(project, argnums=wrt)
        chain.append(g)
    tangents = []
    for i in wrt:
        t = rng.uniform(-1.0, 1.0, np.shape(args[i]))
        if _dtype(args[i]).kind == "c":
            t = t + 1j * rng.uniform(-1.0, 1.0, np.shape(args[i]))
        tangents.append(t.astype(_dtype(args[i])))

    def forward(*xs):
        def of_wrt(*ws):
            full = list(xs)
            for i, w in zip(wrt, ws):
                full[i] = w
            return _inexact_leaves(f(*full))

        return fg.jvp(of_wrt, tuple(xs[i] for i in wrt), tuple(tangents))[1]

    chain.append(forward)
    return chain


def check_vmap_against_loop(f: Callable, batched: Sequence[Any], name: str, tol: float,
                            in_axes: Any = 0) -> None:
    """``vmap(f)`` over axis 0 of the batched arguments equals stacking ``f`` per example
    (an ``in_axes`` entry of ``None`` leaves that argument unbatched)."""
    axes = in_axes if isinstance(in_axes, (tuple, list)) else [in_axes] * len(batched)
    ours = fg.vmap(f, in_axes=tuple(axes))(*batched)
    size = next(np.shape(b)[0] for b, a in zip(batched, axes) if a is not None)
    examples = [f(*[b if a is None else b[i] for b, a in zip(batched, axes)])
                for i in range(size)]
    per_leaf = zip(*[_leaves(e) for e in examples])
    expected = [np.stack(list(leaf)) for leaf in per_leaf]
    got = _leaves(ours)
    assert len(got) == len(expected), f"{name}: vmap gives {len(got)} outputs"
    for a, b in zip(got, expected):
        _assert_same(a, b, f"{name}: vmap vs a loop", tol)


def check_jit_against_eager(f: Callable, args: Sequence[Any], name: str, tol: float) -> None:
    _assert_same(fg.jit(f)(*args), f(*args), f"{name}: jit vs eager", tol)


def check_transforms(f: Callable, args: Sequence[Any], batched: Sequence[Any], name: str,
                     order: int, rng: np.random.Generator, wrt: Sequence[int] | None = None,
                     tol: float = 1e-6, in_axes: Any = 0) -> None:
    """jit against eager and vmap against a loop, for ``f`` and its derivative chain."""
    chain = derivative_chain(f, args, min(order, 2), rng, wrt)
    for k, g in enumerate(chain):
        forward = k and k == len(chain) - 1
        what = f"{name} (forward mode)" if forward else (
            f"{name} (derivative {k})" if k else name)
        scale = 10 ** (1 if forward else k)
        check_jit_against_eager(g, args, what, tol * scale)
        check_vmap_against_loop(g, batched, what, tol * scale, in_axes)


def primitives_reached(f: Callable, args: Sequence[Any], order: int,
                       rng: np.random.Generator, wrt: Sequence[int] | None = None) -> set:
    """The primitives (objects) in the programs of ``f`` and its derivative chain."""
    reached = set()
    for g in derivative_chain(f, args, min(order, 2), rng, wrt):
        reached.update(e.prim for e in fg.make_ir(g)(*args).eqns)
    return reached
