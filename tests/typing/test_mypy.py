"""mypy on the package and on the user programs beside this file.

``numpy_user.py`` and ``torch_user.py`` are typical programs of the two faces:
mypy must find no error in them (and they run). ``fail_numpy.py`` and
``fail_torch.py`` are programs with mistakes: every line marked ``# E: <text>``
must get an error containing <text>, and no other line any. The package itself
must be clean at the settings of ``[tool.mypy]`` in pyproject.toml.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy (the dev extra) type checks the user programs")

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
USER_PROGRAMS = sorted(HERE.glob("*_user.py"))
MISTAKES = sorted(HERE.glob("fail_*.py"))
_ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*)$", re.M)


@pytest.fixture(scope="module")
def mypy_errors() -> dict[tuple[str, int], list[str]]:
    """One mypy run (as ``make types`` runs it, plus the mistakes): errors by (file, line)."""
    files = [str(p.relative_to(ROOT)) for p in USER_PROGRAMS + MISTAKES]
    # Run from the repository root: mypy finds this checkout's funcgrad there.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context",
         "funcgrad", *files],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    if result.returncode not in (0, 1):  # 2: mypy itself failed (a bad option, a crash)
        pytest.fail(f"mypy did not run:\n{result.stdout}\n{result.stderr}")
    errors: dict[tuple[str, int], list[str]] = {}
    for m in _ERROR.finditer(result.stdout):
        errors.setdefault((Path(m["path"]).name, int(m["line"])), []).append(m["message"])
    return errors


def _expected(path: Path) -> dict[int, str]:
    return {
        i: line.split("# E: ", 1)[1].strip()
        for i, line in enumerate(path.read_text().splitlines(), start=1)
        if "# E: " in line
    }


def test_the_package_type_checks(mypy_errors):
    found = {k: v for k, v in mypy_errors.items() if not k[0].startswith(("fail_", "test_"))
             and not k[0].endswith("_user.py")}
    assert not found, (
        "mypy finds errors in funcgrad (run `make types`): fix them, or, for a module whose "
        "bodies are not yet typed, add it to the ignore_errors list of [tool.mypy] in "
        f"pyproject.toml:\n{found}"
    )


@pytest.mark.parametrize("program", USER_PROGRAMS, ids=lambda p: p.name)
def test_typical_programs_pass(mypy_errors, program):
    found = {k: v for k, v in mypy_errors.items() if k[0] == program.name}
    assert not found, f"mypy flags a correct program: {found}"


@pytest.mark.parametrize("program", USER_PROGRAMS, ids=lambda p: p.name)
def test_typical_programs_run(program):
    result = subprocess.run([sys.executable, str(program)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("program", MISTAKES, ids=lambda p: p.name)
def test_mistakes_are_flagged(mypy_errors, program):
    expected = _expected(program)
    assert expected, f"{program.name} marks no expected error"
    found = {line: msgs for (name, line), msgs in mypy_errors.items() if name == program.name}
    for line, text in expected.items():
        assert any(text in m for m in found.get(line, [])), (
            f"{program.name}:{line}: mypy should report {text!r}; it reports "
            f"{found.get(line, 'nothing')}"
        )
    unexpected = {line: msgs for line, msgs in found.items() if line not in expected}
    assert not unexpected, f"{program.name}: errors on lines not marked # E: {unexpected}"
