"""dtype rules of funcgrad.torch's reductions, divisions and clamp, against real PyTorch.

The numbers in :mod:`dtype_rules_table` were recorded from PyTorch 2.13 (CPU)
running the recipes below (``torch`` there was PyTorch). Integer and bool sums
and products accumulate in int64 (``(t > 0).cumsum(0)`` counts, uint8 does not
wrap), ``dtype=`` is honoured, reductions PyTorch refuses on integers raise its
error, an integer division by zero raises RuntimeError("ZeroDivisionError"), and
``clamp(min=6, max=4)`` is 4 everywhere.
"""

from __future__ import annotations

import math
import os
import sys

import numpy as np
import pytest

import funcgrad.torch as torch

sys.path.insert(0, os.path.dirname(__file__))
from dtype_rules_table import DIVISIONS, REDUCTIONS  # noqa: E402

# Casting complex to real (sum(dtype=float64) of a complex tensor) warns, as in PyTorch.
pytestmark = pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")

INPUTS = {
    "bool": lambda: torch.tensor([True, False, True]),
    "uint8": lambda: torch.tensor([200, 100], dtype=torch.uint8),
    "int8": lambda: torch.tensor([100, 100], dtype=torch.int8),
    "int16": lambda: torch.tensor([3, 4], dtype=torch.int16),
    "int32": lambda: torch.tensor([3, 4], dtype=torch.int32),
    "int64": lambda: torch.tensor([3, 4]),
    "float16": lambda: torch.tensor([1.5, 2], dtype=torch.float16),
    "float32": lambda: torch.tensor([1.5, 2.0]),
    "complex64": lambda: torch.tensor([1 + 1j, 2], dtype=torch.complex64),
}

REDUCE = {
    "sum": lambda t: t.sum(), "sum0": lambda t: t.sum(0), "prod": lambda t: t.prod(),
    "prod0": lambda t: t.prod(0), "cumsum": lambda t: t.cumsum(0),
    "cumprod": lambda t: t.cumprod(0), "nansum": lambda t: t.nansum(),
    "mean": lambda t: t.mean(), "count_nonzero": lambda t: t.count_nonzero(),
    "nanmean": lambda t: t.nanmean(), "std": lambda t: t.std(), "var": lambda t: t.var(),
    "norm": lambda t: t.norm(), "logsumexp": lambda t: t.logsumexp(0),
    "amax": lambda t: t.amax(), "max": lambda t: t.max(), "min": lambda t: t.min(),
    "median": lambda t: t.median(), "all": lambda t: t.all(), "any": lambda t: t.any(),
    "argmax": lambda t: t.argmax(),
    "sum_dt_f64": lambda t: t.sum(dtype=torch.float64),
    "sum_dt_i16": lambda t: t.sum(dtype=torch.int16),
    "cumsum_dt_f32": lambda t: t.cumsum(0, dtype=torch.float32),
    "prod_dt_f64": lambda t: t.prod(dtype=torch.float64),
    "mean_dt_f64": lambda t: t.mean(dtype=torch.float64),
    "cumprod_dt_i32": lambda t: torch.cumprod(t, 0, dtype=torch.int32),
    "nansum_dt": lambda t: t.nansum(dtype=torch.float64),
    "sum_dim_dt": lambda t: torch.sum(t, 0, dtype=torch.float64),
    "prod_dim_dt": lambda t: torch.prod(t, 0, dtype=torch.int32),
    "trace": lambda t: t.reshape(1, -1)[:, :1].trace(),
}


def _i():
    return torch.tensor([5, -5, 0])


def _f():
    return torch.tensor([5.0, -5.0, 0.0])


DIVIDE = {
    "i//0": lambda: _i() // 0, "i//t0": lambda: _i() // torch.tensor([0, 1, 0]),
    "i%0": lambda: _i() % 0, "i%t0": lambda: _i() % torch.tensor([1, 0, 1]),
    "f//0": lambda: _f() // 0, "f%0": lambda: _f() % 0, "f//t0": lambda: _f() // torch.zeros(3),
    "i.div_floor0": lambda: _i().div(0, rounding_mode="floor"),
    "i.div_trunc0": lambda: _i().div(0, rounding_mode="trunc"), "i/0": lambda: _i() / 0,
    "fmod_i0": lambda: torch.fmod(_i(), 0), "fmod_f0": lambda: torch.fmod(_f(), 0),
    "remainder_i0": lambda: torch.remainder(_i(), 0),
    "u8//0": lambda: torch.tensor([3], dtype=torch.uint8) // 0,
    "bool//": lambda: torch.tensor([True]) // torch.tensor([True]),
    "clamp64": lambda: torch.clamp(torch.arange(8.0), min=6, max=4),
    "clampint": lambda: torch.clamp(torch.arange(8), min=6, max=4),
    "clampT": lambda: torch.clamp(torch.arange(8.0), min=torch.full((8,), 6.0),
                                  max=torch.full((8,), 4.0)),
    "clamp_int_float": lambda: torch.clamp(torch.arange(4), min=1.5),
    "clamp_int_fmax": lambda: torch.clamp(torch.arange(4), max=2.5),
    "clamp_none": lambda: torch.clamp(torch.arange(4)),
    "clamp_min_gt": lambda: torch.arange(8.0).clamp_min(3).clamp_max(1),
    "clip": lambda: torch.clip(torch.arange(8.0), 6, 4),
    "f32//f64_0dim": lambda: _f() // torch.tensor(2.0, dtype=torch.float64),
    "i//2.5": lambda: _i() // 2.5, "i%2.5": lambda: _i() % 2.5, "i//-2": lambda: _i() // -2,
    "i%-2": lambda: _i() % -2, "2//i0": lambda: 7 // torch.tensor([2, 0]),
    "2%i0": lambda: 7 % torch.tensor([2, 0]),
    "f//-0": lambda: torch.tensor([1.0, -1.0, 0.0]) // -0.0,
    "f%-0": lambda: torch.tensor([1.0, -1.0]) % -0.0,
    "inf//": lambda: torch.tensor([float("inf"), 5.0]) // torch.tensor([2.0, float("inf")]),
    "f%inf": lambda: torch.tensor([5.0, -5.0]) % float("inf"),
}


def _number(v):
    if isinstance(v, list):
        return [_number(x) for x in v]
    return float(v) if isinstance(v, str) else v


def _check(fn, expected):
    dtype, values = expected
    if dtype.startswith("!"):
        error = {"!RuntimeError": RuntimeError, "!NotImplementedError": NotImplementedError}[dtype]
        with pytest.raises(error) as info:
            fn()
        assert str(info.value) == values
        return
    out = fn()
    assert str(out.dtype) == "torch." + dtype
    got, want = np.asarray(out.tolist()), np.asarray(_number(values))
    np.testing.assert_allclose(got, want, rtol=1e-6 if dtype != "float16" else 1e-3)


@pytest.mark.parametrize("key", sorted(REDUCTIONS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_reductions_as_pytorch(key):
    name, op = key
    _check(lambda: REDUCE[op](INPUTS[name]()), REDUCTIONS[key])


@pytest.mark.parametrize("key", sorted(DIVISIONS))
def test_division_and_clamp_as_pytorch(key):
    _check(DIVIDE[key], DIVISIONS[key])


def test_counting_with_cumsum_and_derivatives_of_promoted_reductions():
    t = torch.tensor([1.0, -2.0, 3.0, 4.0])
    count = (t > 0).cumsum(0)
    assert count.dtype == torch.int64 and count.tolist() == [1, 1, 2, 3]
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x.cumprod(0, dtype=torch.float64)
    assert y.dtype == torch.float64
    y.sum().backward()
    assert x.grad.dtype == torch.float32
    assert x.grad.tolist() == [1 + 2 + 6, 1 + 3, 2]
    x.grad = None
    torch.clamp(x, min=6, max=4).sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]  # PyTorch's: no input lies in [6, 4]


def test_integer_trunc_division_is_exact():
    big = torch.tensor([2**62 + 1, -(2**62) - 1])
    assert big.div(1, rounding_mode="trunc").tolist() == [2**62 + 1, -(2**62) - 1]
    assert torch.tensor([7, -7]).div(2, rounding_mode="trunc").tolist() == [3, -3]
    assert math.isnan(torch.tensor(0.0).fmod(0.0).item())
