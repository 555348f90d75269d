"""Every case of every ``table_*.py``: values equal NumPy's, derivatives pass the oracle.

Cases with ``shapes="broadcast"`` or ``"reduce"`` draw their shapes (and axes)
with hypothesis; the others have fixed shapes and run on one seed.
"""

from __future__ import annotations

import glob
import importlib
import os

import pytest
from cases import draw_shapes_and_params, run_case
from hypothesis import given
from hypothesis import strategies as st
from strategies import seeds


def load_tables():
    here = os.path.dirname(__file__)
    tables = []
    for path in sorted(glob.glob(os.path.join(here, "table_*.py"))):
        # Every table (numpy's, linalg, fft, nn, complex) declares MODULE and CASES.
        tables.append(importlib.import_module(os.path.basename(path)[:-3]))
    return tables


ALL = [(t.__name__, c) for t in load_tables() for c in t.CASES]
DRAWN = [pytest.param(c, id=f"{t}:{c.name}") for t, c in ALL if isinstance(c.shapes, str)]
FIXED = [pytest.param(c, id=f"{t}:{c.name}") for t, c in ALL if not isinstance(c.shapes, str)]


def test_case_names_are_unique():
    names = [f"{t}:{c.name}" for t, c in ALL]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("case", DRAWN)
@given(data=st.data(), seed=seeds)
def test_drawn_shapes(case, data, seed):
    shapes, params = draw_shapes_and_params(case, data)
    run_case(case, shapes, params, seed)


@pytest.mark.parametrize("case", FIXED)
def test_fixed_shapes(case):
    run_case(case, case.shapes, {}, seed=1234)
