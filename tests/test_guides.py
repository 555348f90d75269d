"""The name lists of docs/guides/from_autograd.rst stay true.

The page lists, for each NumPy-like namespace of HIPS autograd 1.9, the names
funcgrad has under the same name (``.. names-present: MODULE``) and those it
has not (``.. names-missing: MODULE``). The lists were taken from autograd
once; this test checks them against funcgrad, so a name added to funcgrad
shows up here until the page says so.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "guides" / "from_autograd.rst"


def name_lists() -> list[tuple[str, str, list[str]]]:
    """(kind, module, names) for every marked list of the page."""
    text = PAGE.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"^\.\. names-(present|missing): (\S+)\n\n(.*?)(?:\n\n|\Z)",
                             text, flags=re.M | re.S):
        kind, module, body = match.groups()
        found.append((kind, module, re.findall(r"``(\w+)``", body)))
    return found


LISTS = name_lists()


def test_the_page_has_its_lists():
    modules = {module for _, module, _ in LISTS}
    assert {"funcgrad.numpy", "funcgrad.numpy.linalg", "funcgrad.numpy.fft",
            "funcgrad.numpy.random", "funcgrad.scipy.special"} <= modules
    assert all(names for _, _, names in LISTS)


@pytest.mark.parametrize("kind, module, names", LISTS,
                         ids=[f"{kind}-{module}" for kind, module, _ in LISTS])
def test_name_list(kind, module, names):
    if module.startswith("funcgrad.scipy"):
        pytest.importorskip("scipy")
    namespace = importlib.import_module(module)
    if kind == "present":
        absent = [name for name in names if not hasattr(namespace, name)]
        assert not absent, f"the guide says {module} has {absent}"
    else:
        present = [name for name in names if hasattr(namespace, name)]
        assert not present, f"{module} now has {present}: move them to the page's present list"


def test_readme_snippets_run(capsys):
    """The README's Python blocks run, in order, and print what their comments say."""
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    # Spot checks of the commented results.
    for expected in ["14.0", "12.0 14.0", "[4. 2.]", "[4. 1.]", "(3, 2)", "tensor(8.)"]:
        assert expected in printed, expected
