"""Every public function of every covered module has at least one table entry.

A table is a ``tests/numpy/table_<name>.py`` module exporting ``CASES`` in one
of two formats:

* a list of ``cases.Case`` with ``MODULE`` naming the public module it covers
  (``"funcgrad.numpy"``); each case lists the names it ``covers``;
* a dict keyed ``"<submodule>.<name>[variant]"`` (``table_case``'s format, used by
  the linalg, fft and nn tables): the submodule is ``funcgrad.numpy.<submodule>``
  or else ``funcgrad.<submodule>``.

A module is covered as soon as some table names it.
"""

from __future__ import annotations

import glob
import importlib
import inspect
import os

import pytest


def _module_of(prefix: str) -> str:
    for candidate in (f"funcgrad.numpy.{prefix}", f"funcgrad.{prefix}"):
        try:
            importlib.import_module(candidate)
            return candidate
        except ImportError:
            continue
    raise AssertionError(f"a table names {prefix!r}, which is no funcgrad module")


def covered_names() -> dict[str, set[str]]:
    """Public module -> the names some table entry covers."""
    here = os.path.dirname(__file__)
    covered: dict[str, set[str]] = {}
    for path in sorted(glob.glob(os.path.join(here, "table_*.py"))):
        table = importlib.import_module(os.path.basename(path)[:-3])
        cases = getattr(table, "CASES", None)
        if isinstance(cases, dict):
            for key in cases:
                prefix, name = key.split("[")[0].split(".", 1)
                covered.setdefault(_module_of(prefix), set()).add(name)
        elif isinstance(cases, list):
            names = covered.setdefault(table.MODULE, set())
            for case in cases:
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
