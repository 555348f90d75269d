"""Every public function of every covered module has at least one table entry.

A table is a ``tests/numpy/table_<name>.py`` module exporting ``MODULE`` (the
public module it covers, e.g. ``"funcgrad.numpy.linalg"``) and ``CASES``, a
list of ``cases.Case``, each listing the names it ``covers``. A module is
covered as soon as some table names it.
"""

from __future__ import annotations

import glob
import importlib
import inspect
import os

import pytest


def covered_names() -> dict[str, set[str]]:
    """Public module -> the names some table entry covers."""
    here = os.path.dirname(__file__)
    covered: dict[str, set[str]] = {}
    for path in sorted(glob.glob(os.path.join(here, "table_*.py"))):
        table = importlib.import_module(os.path.basename(path)[:-3])
        names = covered.setdefault(table.MODULE, set())
        for case in table.CASES:
            names.update(case.covers)
    return covered


COVERED = covered_names()
COVERED_MODULES = sorted(COVERED)


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
    missing = sorted(set(public_functions(module_name)) - COVERED[module_name])
    assert not missing, (
        f"public functions of {module_name} with no entry in any tests/numpy/table_*.py: "
        f"{missing}"
    )


def test_the_numpy_face_and_its_submodules_are_covered():
    for module in ("funcgrad.numpy", "funcgrad.numpy.linalg", "funcgrad.numpy.fft"):
        assert module in COVERED_MODULES, module
