"""Every public function of every covered module has at least one table entry.

A table is a ``tests/numpy/table_<name>.py`` module exporting ``MODULE`` (the
public module it covers) and ``CASES``. A module is covered when some table
names it; for a new module (``funcgrad.numpy.linalg``), add a table with
``MODULE = "funcgrad.numpy.linalg"`` and this test starts checking it.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from test_table import load_tables

TABLES = load_tables()
COVERED_MODULES = sorted({t.MODULE for t in TABLES})


def public_functions(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
    out = []
    for name in names:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.ismodule(obj) or not callable(obj):
            continue
        if not getattr(obj, "__module__", "").startswith("funcgrad"):
            continue  # NumPy's own objects re-exported as they are (zeros, arange, ...)
        out.append(name)
    return out


@pytest.mark.parametrize("module_name", COVERED_MODULES)
def test_every_public_function_has_a_table_entry(module_name):
    covered = set()
    for table in TABLES:
        if table.MODULE == module_name:
            for case in table.CASES:
                covered.update(case.covers)
    missing = sorted(set(public_functions(module_name)) - covered)
    assert not missing, (
        f"public functions of {module_name} with no entry in any tests/numpy/table_*.py "
        f"naming MODULE = {module_name!r}: {missing}"
    )


def test_funcgrad_numpy_is_covered():
    assert "funcgrad.numpy" in COVERED_MODULES
