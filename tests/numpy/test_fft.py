"""funcgrad.numpy.fft: the table, the transposes in JAX's convention, dtypes and errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import seeds
from table_case import run_case
from table_fft import CASES

import funcgrad as fg
import funcgrad.numpy as fnp

F = fnp.fft


@pytest.mark.parametrize("name", sorted(CASES))
def test_table(name):
    run_case(CASES[name], name)


@given(name=st.sampled_from(sorted(CASES)), seed=seeds)
def test_table_at_random_points(name, seed):
    """The same checks at other points (more of them with HYPOTHESIS_PROFILE=thorough)."""
    run_case(CASES[name], name, seed=seed)


def test_every_public_name_has_an_entry():
    covered = {name.split("[")[0].split(".", 1)[1] for name in CASES}
    assert set(F.__all__) <= covered, sorted(set(F.__all__) - covered)
    assert set(F.__all__) == set(np.fft.__all__)


def test_numpy_equivalents():
    for name in F.__all__:
        if name not in ("fftfreq", "rfftfreq"):
            assert F.NUMPY_EQUIVALENTS[getattr(np.fft, name)] is getattr(F, name)


def test_vjp_is_the_transpose_not_the_adjoint():
    # fft's matrix is symmetric, so in JAX's convention its VJP is fft itself
    # (the adjoint would be n * ifft).
    g = np.array([1.0, 2.0j, -1.0, 0.5])
    _, pullback = fg.vjp(F.fft, np.zeros(4, complex))
    np.testing.assert_allclose(pullback(g)[0], np.fft.fft(g))
    # grad of a real loss of a complex input: conj of PyTorch's .grad.
    x = np.array([1.0 + 1.0j, 2.0, -1.0j])
    f = lambda x: fnp.real(fnp.sum(F.fft(x) * np.array([1.0, 2.0, 3.0])))
    expected = np.fft.fft(np.array([1.0, 2.0, 3.0]))  # d Re(c . F x) / dx, JAX convention
    np.testing.assert_allclose(fg.grad(f)(x), expected)


def test_rfft_irfft_gradients_match_full_transforms():
    x = np.random.default_rng(0).standard_normal(6)
    w = np.random.default_rng(1).standard_normal(4)
    f_r = lambda x: fnp.sum(fnp.real(F.rfft(x)) * w)
    f_full = lambda x: fnp.sum(fnp.real(F.fft(x)[:4]) * w)
    np.testing.assert_allclose(fg.grad(f_r)(x), fg.grad(f_full)(x), atol=1e-12)


@pytest.mark.parametrize("f", [F.fft, F.ifft, F.rfft, F.irfft, F.fftn, F.rfftn, F.irfftn])
def test_float32_stays_single_precision(f):
    x = np.ones((2, 4), np.float32)
    out = f(x)
    assert out.dtype in (np.float32, np.complex64)
    g = fg.grad(lambda x: fnp.sum(fnp.real(f(x))))(x)
    assert g.dtype == np.float32


def test_staging():
    ir = fg.make_ir(lambda x: F.irfft(F.rfft(x, norm="ortho"), n=5, norm="ortho"))(np.ones(5))
    assert ir.outvars[0].aval.shape == (5,)


def test_errors():
    with pytest.raises(ValueError, match="Invalid norm value"):
        F.fft(np.ones(4), norm="sideways")
    with pytest.raises(ValueError, match="Invalid number of FFT data points"):
        F.fft(np.ones(4), n=0)
    with pytest.raises(TypeError, match="real input"):
        F.rfft(np.ones(4, complex))
