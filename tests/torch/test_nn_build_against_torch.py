"""Pruning, weight/spectral norm, EmbeddingBag, Conv3d and post-accumulate-grad hooks
run the programs of nn_build_programs.py as PyTorch does.

The numbers in nn_build_reference.py were recorded once from PyTorch 2.13 (CPU)
running the same programs; here they run on funcgrad.torch.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

import funcgrad.torch as torch
from funcgrad.torch import nn

sys.path.insert(0, os.path.dirname(__file__))

import nn_build_programs  # noqa: E402
from nn_build_reference import REFERENCE  # noqa: E402


def _cases():
    for program in nn_build_programs.PROGRAMS:
        for key in REFERENCE[program]:
            yield program, key


@pytest.fixture(scope="module")
def results():
    return {}


def _run(results, program):
    if program not in results:
        results[program] = getattr(nn_build_programs, program)(torch, nn)
    return results[program]


@pytest.mark.parametrize("program,key", list(_cases()), ids=lambda v: str(v))
def test_matches_pytorch(results, program, key):
    got = _run(results, program)[key]
    want = REFERENCE[program][key]
    if isinstance(want, list) and want and isinstance(want[0], str):
        assert got == want  # names, reprs, state_dict keys: exactly PyTorch's
        return
    np.testing.assert_allclose(
        np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64),
        rtol=2e-5, atol=2e-6, err_msg=f"{program}: {key}",
    )


def test_every_program_key_is_checked(results):
    for program in nn_build_programs.PROGRAMS:
        assert set(_run(results, program)) == set(REFERENCE[program]), program
