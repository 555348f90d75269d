"""funcgrad.numpy.fft: the table, the transposes in JAX's convention, dtypes and errors."""

from __future__ import annotations

import numpy as np
import pytest
from cases import random_points_test
from table_fft import CASES

import funcgrad as fg
import funcgrad.numpy as fnp

F = fnp.fft


test_table_at_random_points = random_points_test(CASES)


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


@pytest.mark.parametrize("f", [
    F.fft, lambda x: F.rfft(x, n=6, norm="ortho"), lambda x: F.irfftn(x, axes=(0, 1)),
    lambda x: F.fftshift(F.ifft2(x)), fg.grad(lambda x: fnp.sum(fnp.abs(F.fft2(x)))),
])
def test_vmap_and_jit_agree_with_a_loop(f):
    x = np.random.default_rng(0).standard_normal((3, 4, 5))
    loop = np.stack([f(v) for v in x])
    np.testing.assert_allclose(fg.vmap(f)(x), loop, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fg.vmap(f, in_axes=1)(np.moveaxis(x, 0, 1)), loop, rtol=1e-10,
                               atol=1e-12)
    np.testing.assert_allclose(fg.jit(f)(x[0]), loop[0], rtol=1e-10, atol=1e-12)


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
