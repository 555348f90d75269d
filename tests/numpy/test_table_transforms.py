"""Every case of every ``table_*.py`` through ``vmap`` (against a Python loop over the
examples) and ``jit`` (against eager evaluation), for the function and for its first
and second derivatives (as far as the case's ``order`` goes).

Both modes to second order are checked against finite differences by test_table.py;
here the batching rule and the jit spelling of every primitive the cases reach are
exercised on values and on derivatives, which are programs of primitives too.
tests/test_primitive_inventory.py checks that the tables reach every primitive.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_table import ALL
from transform_checks import BATCH, check_transforms

import funcgrad.numpy as fnp


def shapes_and_params(case):
    if case.shapes == "broadcast":
        return [(2, 3)] * len(case.samplers), {}
    if case.shapes == "reduce":
        return [(2, 3)], {"axis": 1, "keepdims": False}
    return list(case.shapes), {}


def staged_inputs(case):
    """The function of ``case``, its arguments and a batch of ``BATCH`` examples of them."""
    shapes, params = shapes_and_params(case)
    rng = np.random.default_rng(7)
    f = case.fn(fnp, **params)
    args = [s(shape, rng, np.float64) for s, shape in zip(case.samplers, shapes)]
    batched = [np.stack([s(shape, rng, np.float64) for _ in range(BATCH)])
               for s, shape in zip(case.samplers, shapes)]
    return f, args, batched, rng


STAGED = [pytest.param(c, id=f"{t}:{c.name}") for t, c in ALL if c.staged]


@pytest.mark.parametrize("case", STAGED)
def test_vmap_and_jit(case):
    f, args, batched, rng = staged_inputs(case)
    check_transforms(f, args, batched, case.name, case.order, rng)
