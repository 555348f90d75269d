"""Samplers ``(shape, rng, dtype) -> array`` for the linalg, fft and nn tables."""

from __future__ import annotations

import numpy as np


def _normal(shape, rng, dtype):
    dtype = np.dtype(dtype)
    x = rng.standard_normal(shape)
    if dtype.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def general(shape, rng, dtype=np.float64):
    return _normal(shape, rng, dtype)


def shifted(shape, rng, dtype=np.float64):
    """Square and well conditioned: ``N(0, 1) + 3 I``."""
    return (_normal(shape, rng, dtype) + 3 * np.eye(shape[-1])).astype(dtype)


def hermitian(shape, rng, dtype=np.float64):
    x = _normal(shape, rng, dtype)
    return (x @ np.conj(np.swapaxes(x, -1, -2))).astype(dtype)


def spd(shape, rng, dtype=np.float64):
    """Hermitian positive definite: ``X X^H + n I``."""
    return (hermitian(shape, rng, dtype) + shape[-1] * np.eye(shape[-1])).astype(dtype)


def positive(shape, rng, dtype=np.float64):
    return (np.abs(rng.standard_normal(shape)) + 0.5).astype(dtype)


def complex_(sampler):
    """The same sampler drawing complex numbers of the given precision."""

    def draw(shape, rng, dtype=np.float64):
        return sampler(shape, rng, np.result_type(dtype, np.complex64))

    draw.__name__ = f"complex_{sampler.__name__}"
    return draw


def fixed(array):
    """Always the same array (a known point, e.g. a singular matrix)."""

    def draw(shape, rng, dtype=np.float64):
        return np.asarray(array, dtype)

    return draw


def uniform(low, high, avoid=(), margin=0.2):
    """Uniform draws in ``[low, high]`` kept ``margin`` away from the kinks in ``avoid``."""

    def draw(shape, rng, dtype=np.float64):
        x = rng.uniform(low, high, shape)
        for k in avoid:
            near = np.abs(x - k) < margin
            x = np.where(near, k + np.where(x >= k, margin, -margin), x)
        return x.astype(dtype)

    return draw
