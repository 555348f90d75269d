"""The numerical oracle every derivative rule is checked against.

:func:`check_grads` compares, for a function and a point:

* forward mode with central finite differences along a random direction ``u``;
* reverse mode with forward mode by the dot-product test
  ``<v, J u> == <J^T v, u>``, so that no Jacobian is ever built;
* the same again, one order up, on the functions ``x -> J(x) u`` and
  ``x -> J(x)^T v``.

The pairing is ``Re(sum(a * b))`` (no conjugation): the one under which
funcgrad's VJP is the transpose of its JVP, as in JAX.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import funcgrad as fg
from funcgrad.tree_util import tree_flatten, tree_map, tree_unflatten


def _inner(a: Any, b: Any) -> float:
    la, _ = tree_flatten(a)
    lb, _ = tree_flatten(b)
    return float(sum(np.real(np.sum(np.asarray(x) * np.asarray(y))) for x, y in zip(la, lb)))


def _random_like(tree: Any, rng: np.random.Generator) -> Any:
    def draw(x):
        x = np.asarray(x)
        out = rng.standard_normal(x.shape)
        if np.iscomplexobj(x):
            out = out + 1j * rng.standard_normal(x.shape)
        return out.astype(x.dtype)

    return tree_map(draw, tree)


def _axpy(a: float, x: Any, y: Any) -> Any:
    return tree_map(lambda xi, yi: np.asarray(yi) + a * np.asarray(xi), x, y)


def numerical_jvp(f: Callable, args: Sequence[Any], tangents: Sequence[Any], eps: float):
    """Central finite difference of ``f`` at ``args`` along ``tangents``."""
    plus = f(*_axpy(eps, tuple(tangents), tuple(args)))
    minus = f(*_axpy(-eps, tuple(tangents), tuple(args)))
    return tree_map(lambda p, m: (np.asarray(p) - np.asarray(m)) / (2 * eps), plus, minus)


def _close(a: Any, b: Any, atol: float, rtol: float, what: str) -> None:
    la, ta = tree_flatten(a)
    lb, tb = tree_flatten(b)
    assert ta == tb, f"{what}: structures differ: {ta} vs {tb}"
    for x, y in zip(la, lb):
        x, y = np.asarray(x), np.asarray(y)
        assert x.shape == y.shape, f"{what}: shapes differ: {x.shape} vs {y.shape}"
        np.testing.assert_allclose(x, y, atol=atol, rtol=rtol, err_msg=what)


def check_jvp(f, args, rng, eps, atol, rtol):
    tangents = _random_like(tuple(args), rng)
    _, t_out = fg.jvp(f, tuple(args), tangents)
    _close(t_out, numerical_jvp(f, args, tangents, eps), atol, rtol, "JVP vs finite differences")
    return tangents, t_out


def check_vjp(f, args, rng, eps, atol, rtol):
    tangents, t_out = check_jvp(f, args, rng, eps, atol, rtol)
    out, pullback = fg.vjp(f, *args)
    v = _random_like(out, rng)
    ct_in = pullback(v)
    lhs, rhs = _inner(v, t_out), _inner(ct_in, tangents)
    scale = max(1.0, abs(lhs), abs(rhs))
    assert abs(lhs - rhs) <= atol * scale + rtol * scale, (
        f"VJP is not the transpose of the JVP: <v, J u> = {lhs} but <J^T v, u> = {rhs}"
    )
    return tangents, v


def check_grads(
    f: Callable,
    args: Sequence[Any],
    order: int = 2,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-5,
    seed: int = 0,
) -> None:
    """Check ``f``'s derivatives at ``args`` up to ``order`` in both modes (float64 inputs)."""
    rng = np.random.default_rng(seed)
    args = tuple(args)
    tangents, v = check_vjp(f, args, rng, eps, atol, rtol)
    if order <= 1:
        return

    def directional(*xs):
        return fg.jvp(f, xs, tangents)[1]

    def pulled_back(*xs):
        return fg.vjp(f, *xs)[1](v)

    # Looser tolerances one order up: finite differences of derivatives lose digits.
    check_grads(directional, args, order - 1, eps=eps * 10, atol=atol * 10, rtol=rtol * 10,
                seed=seed + 1)
    check_grads(pulled_back, args, order - 1, eps=eps * 10, atol=atol * 10, rtol=rtol * 10,
                seed=seed + 2)


def check_dtypes(f: Callable, args: Sequence[Any]) -> None:
    """Each derivative has its input's dtype, in both modes (e.g. float32 in, float32 out)."""
    args = tuple(args)
    out, pullback = fg.vjp(f, *args)
    for x, g in zip(tree_flatten(args)[0], tree_flatten(pullback(tree_map(np.ones_like, out)))[0]):
        assert np.asarray(g).dtype == np.asarray(x).dtype, (
            f"VJP dtype {np.asarray(g).dtype} for an input of dtype {np.asarray(x).dtype}"
        )
    _, t_out = fg.jvp(f, args, tree_map(np.ones_like, args))
    for o, t in zip(tree_flatten(out)[0], tree_flatten(t_out)[0]):
        expected = np.asarray(o).dtype  # each output's own: outputs may mix real and complex
        assert np.asarray(t).dtype == expected, (
            f"JVP tangent dtype {np.asarray(t).dtype} for an output of dtype {expected}"
        )


__all__ = ["check_grads", "check_dtypes", "numerical_jvp", "tree_unflatten"]
