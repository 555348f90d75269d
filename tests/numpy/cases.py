"""The table format shared by every ``tests/numpy/table_<module>.py``, and its runner.

A table module exports ``MODULE`` (the public module it covers, e.g.
``"funcgrad.numpy"``) and ``CASES``, a list of :class:`Case`. ``test_table.py``
runs every case of every table; ``test_coverage.py`` fails when a public name
of a covered module has no case. Another module (``funcgrad.numpy.linalg``)
plugs in by adding ``table_linalg.py`` with ``MODULE = "funcgrad.numpy.linalg"``.

A case's ``fn`` is a *builder*: ``fn(m)`` returns the function to test written
against the module ``m``. The runner calls it with ``funcgrad.numpy`` (the
function under test) and with ``numpy`` itself, which gives both the reference
values and a test of plain-NumPy dispatch on traced values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from checks import check_dtypes, check_grads
from hypothesis import given
from hypothesis import strategies as st
from strategies import broadcastable_shapes, seeds

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.tree_util import tree_flatten, tree_map

# ---------------------------------------------------------------------------
# Argument samplers: (shape, rng, dtype) -> array
# ---------------------------------------------------------------------------


def anything(shape, rng, dtype=np.float64):
    return rng.uniform(-2.0, 2.0, shape).astype(dtype)


def positive(shape, rng, dtype=np.float64):
    return rng.uniform(0.5, 2.0, shape).astype(dtype)


def away_from_zero(shape, rng, dtype=np.float64):
    return (rng.uniform(0.3, 2.0, shape) * rng.choice([-1.0, 1.0], shape)).astype(dtype)


def unit(shape, rng, dtype=np.float64):
    """Inside (-1, 1), away from the ends (arcsin, arctanh)."""
    return rng.uniform(-0.8, 0.8, shape).astype(dtype)


def above_one(shape, rng, dtype=np.float64):
    return rng.uniform(1.2, 3.0, shape).astype(dtype)


def near_one(shape, rng, dtype=np.float64):
    """Values in (0.5, 1.5): products of a handful stay well scaled."""
    return rng.uniform(0.5, 1.5, shape).astype(dtype)


def off_integer(shape, rng, dtype=np.float64):
    """Values away from integers and half-integers (remainders, rounding)."""
    whole = rng.integers(-3, 3, shape)
    return (whole + rng.uniform(0.1, 0.4, shape)).astype(dtype)


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Case:
    """One row of a table.

    name: unique id. covers: the public names it exercises (default: name).
    fn: builder, ``fn(m, **params) -> function``. samplers: one per argument.
    shapes: fixed shapes (one per argument), or "broadcast" (hypothesis draws
    mutually broadcastable shapes), or "reduce" (one array; hypothesis draws
    its shape, ``axis`` and ``keepdims``, passed to ``fn`` as params).
    order: derivative order checked (0: no derivative; outputs must carry none).
    dtypes: input dtypes whose values are compared with NumPy's; float32 and
    float16 in the list also check that derivatives keep that dtype.
    numpy: whether ``fn(numpy)`` exists (reference values and dispatch test).
    staged: whether the function can be staged by ``make_ir`` (False for functions whose
    output shape depends on values: boolean masks, nonzero).
    """

    name: str
    fn: Callable[..., Callable]
    samplers: Sequence[Callable] = (anything,)
    shapes: Any = "broadcast"
    order: int = 2
    dtypes: Sequence[Any] = (np.float64, np.float32)
    covers: Sequence[str] = ()
    numpy: bool = True
    atol: float = 1e-5
    rtol: float = 1e-5
    reference: Callable[..., Callable] | None = None
    staged: bool = True

    def __post_init__(self):
        if not self.covers:
            self.covers = (self.name.split(":")[0],)


def with_float16(cases: list[Case]) -> list[Case]:
    """Also check float16 (values and derivative dtypes) wherever a case checks float32."""
    for case in cases:
        if np.float32 in case.dtypes and np.float16 not in case.dtypes:
            case.dtypes = tuple(case.dtypes) + (np.float16,)
    return cases


def draw_shapes_and_params(case: Case, data) -> tuple[list, dict]:
    if case.shapes == "broadcast":
        return list(data.draw(broadcastable_shapes(len(case.samplers)))), {}
    if case.shapes == "reduce":
        shape = data.draw(broadcastable_shapes(1, min_dims=1, max_dims=3))[0]
        shape = tuple(max(s, 1) for s in shape)
        ndim = len(shape)
        axis = data.draw(st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1),
            st.lists(st.integers(0, ndim - 1), unique=True, min_size=1, max_size=ndim)
            .map(tuple),
        ))
        keepdims = data.draw(st.booleans())
        return [shape], {"axis": axis, "keepdims": keepdims}
    return list(case.shapes), {}


def _leaves(tree):
    return [np.asarray(x) for x in tree_flatten(tree)[0]]


def assert_same(ours, theirs, what, atol=1e-6, rtol=1e-6):
    lo, lt = _leaves(ours), _leaves(theirs)
    assert len(lo) == len(lt), f"{what}: {len(lo)} outputs vs NumPy's {len(lt)}"
    for a, b in zip(lo, lt):
        assert a.shape == b.shape, f"{what}: shape {a.shape} vs NumPy's {b.shape}"
        assert a.dtype == b.dtype, f"{what}: dtype {a.dtype} vs NumPy's {b.dtype}"
        if a.dtype.kind in "fc":
            np.testing.assert_allclose(a, b, atol=atol, rtol=rtol, err_msg=what, equal_nan=True)
        else:
            np.testing.assert_array_equal(a, b, err_msg=what)


def run_case(case: Case, shapes, params, seed: int) -> None:
    rng = np.random.default_rng(seed)
    f = case.fn(fnp, **params)
    reference = (case.reference or case.fn)
    for dtype in case.dtypes:
        args = [s(shape, rng, dtype) for s, shape in zip(case.samplers, shapes)]
        tol = {np.float64: 1e-6, np.float32: 1e-4}.get(dtype, 1e-2)
        if case.numpy or case.reference is not None:
            f_np = reference(np, **params)
            expected = f_np(*args)
            assert_same(f(*args), expected, f"{case.name}: value ({np.dtype(dtype)})", tol, tol)
            if case.order > 0 or _inexact(expected):
                # The traced path (values from inside a transform) agrees too.
                traced, _ = fg.vjp(lambda *xs: _floats(f(*xs)), *args)
                assert_same(traced, _floats(expected), f"{case.name}: traced value", tol, tol)
        if dtype != np.float64 and case.order > 0:
            check_dtypes(f, args)
    if case.staged:
        args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
        _check_staged(f, args, case.name)
    if case.order == 0:
        args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
        _check_no_derivative(f, args, case.name)
        return
    args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
    check_grads(f, args, order=case.order, atol=case.atol, rtol=case.rtol, seed=seed % 1000)
    if case.numpy:
        _check_dispatch(case.fn(np, **params), f, args, case.name)


def random_points_test(cases: list[Case]):
    """A test that runs the table ``cases`` at random seeds (test_table.py runs each at one
    point; many more with HYPOTHESIS_PROFILE=thorough). Fixed shapes are used as given,
    broadcast cases at shape (2, 3)."""

    @given(index=st.integers(0, len(cases) - 1), seed=seeds)
    def test_table_at_random_points(index, seed):
        case = cases[index]
        shapes = [(2, 3)] * len(case.samplers) if case.shapes == "broadcast" else case.shapes
        run_case(case, shapes, {}, seed)

    return test_table_at_random_points


def _inexact(tree) -> bool:
    return any(x.dtype.kind in "fc" for x in _leaves(tree))


def _floats(tree):
    """The inexact leaves of an output (integer/bool outputs are not differentiable)."""
    return [x for x in tree_flatten(tree)[0] if _dtype(x).kind in "fc"]


def _dtype(x):
    dtype = getattr(x, "dtype", None)
    return np.dtype(dtype) if dtype is not None else np.result_type(x)


def _check_dispatch(f_np, f_fg, args, name):
    """Plain NumPy on traced values gives funcgrad's values and derivatives."""
    out_np, pull_np = fg.vjp(f_np, *args)
    out_fg, pull_fg = fg.vjp(f_fg, *args)
    assert_same(out_np, out_fg, f"{name}: numpy dispatch value")
    ones = tree_map(lambda o: np.ones_like(np.asarray(o)), out_fg)
    assert_same(pull_np(ones), pull_fg(ones), f"{name}: numpy dispatch derivative")


def _check_no_derivative(f, args, name):
    out, t_out = fg.jvp(f, tuple(args), tuple(np.ones_like(a) for a in args))
    for t in _leaves(t_out):
        assert not np.any(t), f"{name}: a function with no derivative has a tangent {t}"


def _check_staged(f, args, name):
    """make_ir stages the function (no concrete value needed) and the IR replays its values."""
    ir = fg.make_ir(f)(*args)
    replayed = ir(*args)
    expected = _leaves(f(*args))
    assert len(replayed) == len(expected), f"{name}: staged outputs"
    for r, e, v in zip(replayed, expected, ir.outvars):
        assert tuple(v.aval.shape) == e.shape, f"{name}: staged shape {v.aval.shape} vs {e.shape}"
        assert v.aval.dtype == e.dtype, f"{name}: staged dtype {v.aval.dtype} vs {e.dtype}"
        assert_same(r, e, f"{name}: replayed IR value")
