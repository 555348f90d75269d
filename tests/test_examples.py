"""Every script in examples/ runs to completion (and the quickstart stays quick).

The two digits examples train a classifier on scikit-learn's digits; their
test runs a shorter training (``--epochs``) and checks what a user reads: the
final ``test accuracy: 0.9xx`` line, at least 0.95 on the held-out fifth, and
the training-curve picture written where ``--plot`` says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent.parent / "examples"
TRAINERS = ("digits_classifier.py", "digits_torch.py")
EXAMPLES = sorted(p for p in FOLDER.glob("*.py") if p.name not in TRAINERS)


def run(script: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(FOLDER.parent), MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, f"{script.name} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script):
    start = time.perf_counter()
    result = run(script)
    assert result.stdout.strip(), f"{script.name} printed nothing"
    if script.name == "quickstart.py":
        assert time.perf_counter() - start < 10, "make demo must stay under 10 seconds"


@pytest.mark.parametrize("name", TRAINERS)
def test_digits_example_trains(name, tmp_path):
    pytest.importorskip("sklearn")
    pytest.importorskip("matplotlib")
    pytest.importorskip("tqdm")
    plot = tmp_path / "curve.png"
    result = run(FOLDER / name, "--epochs", "8", "--plot", str(plot))
    last = result.stdout.strip().splitlines()[-1]
    match = re.fullmatch(r"test accuracy: (0\.\d{3})", last)
    assert match, f"{name} must end with 'test accuracy: 0.xxx', not {last!r}"
    assert float(match.group(1)) >= 0.95, result.stdout
    # One progress bar per epoch, on stderr, ending at 100%.
    assert result.stderr.count("epoch ") >= 8 and "100%" in result.stderr, result.stderr
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "the training curve is not a PNG"
