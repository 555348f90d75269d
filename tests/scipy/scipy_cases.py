"""The table format of funcgrad.scipy's tests, and its runner.

A :class:`Case`'s ``fn(m)`` builds the function under test against a module ``m``:
funcgrad's (``funcgrad.scipy.special``) and SciPy's own (``scipy.special``), which
gives the reference values. Each case checks values against SciPy's in float64 and
float32, that float32 stays float32 through values and both modes, derivatives in
both modes against finite differences up to ``order``, and that ``jit`` gives the
same values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from checks import check_dtypes, check_grads

import funcgrad as fg
from funcgrad.tree_util import tree_flatten


def uniform(lo, hi):
    def sample(shape, rng, dtype=np.float64):
        return rng.uniform(lo, hi, shape).astype(dtype)

    return sample


def integers(lo, hi):
    """Integer-valued floats (counts), held constant by the gradient checks."""
    def sample(shape, rng, dtype=np.float64):
        return rng.integers(lo, hi, shape).astype(dtype)

    sample.constant = True
    return sample


def constant(value):
    def sample(shape, rng, dtype=np.float64):
        return np.asarray(value, dtype=dtype)

    sample.constant = True
    return sample


def spd(n):
    def sample(shape, rng, dtype=np.float64):
        a = rng.standard_normal((n, n))
        return (a @ a.T / n + np.eye(n)).astype(dtype)

    return sample


def simplex(k):
    def sample(shape, rng, dtype=np.float64):
        p = rng.uniform(0.5, 2.0, (k,) + tuple(shape))
        return (p / p.sum(axis=0)).astype(dtype)

    # Constant: a perturbation leaves the simplex, where the density is 0 (-inf in logs).
    sample.constant = True
    return sample


@dataclasses.dataclass
class Case:
    """name; fn: builder ``fn(m)``; samplers: one per argument; shapes: one per argument;
    order: derivative order checked (0: values only); covers: public names exercised;
    float32: whether float32 inputs are checked; atol/rtol: derivative tolerances."""

    name: str
    fn: Callable[[Any], Callable]
    samplers: Sequence[Callable]
    shapes: Sequence[tuple] = ()
    order: int = 2
    covers: Sequence[str] = ()
    float32: bool = True
    atol: float = 1e-5
    rtol: float = 1e-5
    value_rtol: float = 1e-6

    def __post_init__(self):
        if not self.covers:
            self.covers = (self.name.split(":")[0],)
        if not self.shapes:
            self.shapes = [(3,)] * len(self.samplers)


def _leaves(tree):
    return [np.asarray(x) for x in tree_flatten(tree)[0]]


def run_case(case: Case, ours, theirs, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    f, f_ref = case.fn(ours), case.fn(theirs)
    args = [s(shape, rng) for s, shape in zip(case.samplers, case.shapes)]
    expected = _leaves(f_ref(*args))
    got = _leaves(f(*args))
    assert len(got) == len(expected), case.name
    for g, e in zip(got, expected):
        assert g.shape == e.shape, f"{case.name}: shape {g.shape} vs SciPy's {e.shape}"
        np.testing.assert_allclose(g, e, rtol=case.value_rtol, atol=1e-12, err_msg=case.name)
    # jit: the same values through generated code
    jitted = _leaves(fg.jit(f)(*args))
    for g, e in zip(jitted, expected):
        np.testing.assert_allclose(g, e, rtol=case.value_rtol, atol=1e-12,
                                   err_msg=f"{case.name} (jit)")
    wrt = [i for i, s in enumerate(case.samplers) if not getattr(s, "constant", False)]

    def partial(*xs):
        full = list(args)
        for i, x in zip(wrt, xs):
            full[i] = x
        return f(*full)

    if case.float32:
        args32 = [a.astype(np.float32) for a in args]
        got32 = _leaves(f(*args32))
        for g, e in zip(got32, expected):
            if g.dtype.kind == "f":
                assert g.dtype == np.float32, f"{case.name}: float32 in, {g.dtype} out"
                np.testing.assert_allclose(g, e, rtol=2e-3, atol=1e-5, err_msg=case.name)
        if case.order > 0:
            def partial32(*xs):
                full = list(args32)
                for i, x in zip(wrt, xs):
                    full[i] = x
                return f(*full)

            check_dtypes(partial32, [args32[i] for i in wrt])
    if case.order > 0:
        check_grads(partial, [args[i] for i in wrt], order=case.order, atol=case.atol,
                    rtol=case.rtol, seed=seed)
