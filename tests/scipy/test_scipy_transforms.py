"""Every case of funcgrad.scipy.special's and funcgrad.scipy.linalg's tables through
``vmap`` (against a Python loop) and ``jit`` (against eager evaluation), for the
function and its derivatives to second order (as far as the case's ``order`` goes):
the batching rules and jit spellings of the primitives in
funcgrad/primitives/special.py and scipy_linalg.py. (Both modes against finite
differences: the tables' own tests.)
"""

from __future__ import annotations

import numpy as np
import pytest
import test_scipy_linalg
import test_scipy_special
from transform_checks import BATCH, check_transforms

import funcgrad.scipy.linalg as fla
import funcgrad.scipy.special as fs

TABLES = [(fs, test_scipy_special.CASES), (fla, test_scipy_linalg.CASES)]
CASES = [pytest.param(m, c, id=f"{m.__name__.rsplit('.', 1)[-1]}:{c.name}")
         for m, cases in TABLES for c in cases]


def staged_inputs(module, case, seed=3):
    """The function of ``case``, its arguments, a batch of them, which to differentiate."""
    rng = np.random.default_rng(seed)
    f = case.fn(module)
    args = [s(shape, rng) for s, shape in zip(case.samplers, case.shapes)]
    batched = [np.stack([s(shape, rng) for _ in range(BATCH)])
               for s, shape in zip(case.samplers, case.shapes)]
    wrt = [i for i, s in enumerate(case.samplers) if not getattr(s, "constant", False)]
    return f, args, batched, wrt, rng


@pytest.mark.parametrize("module, case", CASES)
def test_vmap_and_jit(module, case):
    f, args, batched, wrt, rng = staged_inputs(module, case)
    check_transforms(f, args, batched, case.name, case.order, rng, wrt=wrt, tol=1e-7)
