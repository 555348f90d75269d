"""``import funcgrad`` and every face work without SciPy (an optional extra); only the
functions whose values SciPy computes need it, and they say which extra to install."""

from __future__ import annotations

import subprocess
import sys
import textwrap

WITHOUT_SCIPY = textwrap.dedent(
    """
    import sys
    sys.modules["scipy"] = None  # what an environment without SciPy looks like to import

    import funcgrad as fg, funcgrad.numpy as fnp, funcgrad.lax as lax, funcgrad.torch as torch
    import funcgrad.random, funcgrad.nn, funcgrad.optimizers, funcgrad.stax, funcgrad.tree
    import funcgrad.debug, funcgrad.test_util, funcgrad.array_api, funcgrad.torch.nn
    import funcgrad.torch.optim, funcgrad.torch.utils.data

    assert float(fg.grad(lambda x: fnp.sin(x) * x)(0.0)) == 0.0
    for call in (lambda: lax.erf(0.5), lambda: torch.erf(torch.tensor([0.5]))):
        try:
            call()
        except ImportError as error:
            assert "pip install 'funcgrad[scipy]'" in str(error), error
        else:
            raise AssertionError("a SciPy-backed function ran without SciPy")
    print("ok")
    """
)


def test_funcgrad_imports_and_runs_without_scipy():
    result = subprocess.run([sys.executable, "-c", WITHOUT_SCIPY], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
