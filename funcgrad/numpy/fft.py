"""funcgrad.numpy.fft: NumPy's discrete Fourier transforms, differentiable.

Every transform binds the one primitive ``fft`` (see :mod:`funcgrad.primitives.fft`
for it and its rules).
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.fft import fftfreq, rfftfreq

from ..numpy.shape import roll
from ..primitives.elementwise import conj
from ..primitives.fft import DUAL_NORM, check_norm, transform
from ..primitives.indexing import as_inexact, asarray
from ..primitives.util import canonical_axis

__all__ = [
    "fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "fftn", "ifftn",
    "rfft2", "irfft2", "rfftn", "irfftn", "fftshift", "ifftshift", "fftfreq", "rfftfreq",
]


def _one_axis(n, axis):
    return None if n is None else (n,), (axis,)


# ---------------------------------------------------------------------------
# The public transforms
# ---------------------------------------------------------------------------

def fft(a, n=None, axis=-1, norm=None):
    """One-dimensional discrete Fourier transform, as :func:`numpy.fft.fft`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.real(fnp.fft.fft(x)[1])   # sum_k x_k cos(2 pi k / 4)
    >>> fg.grad(f)(fnp.ones(4))
    array([ 1.,  0., -1.,  0.])
    """
    s, axes = _one_axis(n, axis)
    return transform("fft", a, s, axes, norm)


def ifft(a, n=None, axis=-1, norm=None):
    """One-dimensional inverse discrete Fourier transform, as :func:`numpy.fft.ifft`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.real(fnp.fft.ifft(x)[0]))(fnp.ones(4))
    array([0.25, 0.25, 0.25, 0.25])
    """
    s, axes = _one_axis(n, axis)
    return transform("ifft", a, s, axes, norm)


def rfft(a, n=None, axis=-1, norm=None):
    """Discrete Fourier transform of real input (the non-negative frequencies), as
    :func:`numpy.fft.rfft`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.real(fnp.fft.rfft(x)[0]))(fnp.ones(3))
    array([1., 1., 1.])
    """
    s, axes = _one_axis(n, axis)
    return transform("rfft", a, s, axes, norm)


def irfft(a, n=None, axis=-1, norm=None):
    """Inverse of :func:`rfft`: ``n`` real output points (default ``2 * (m - 1)``), as
    :func:`numpy.fft.irfft`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.fft.irfft(x)[0])(fnp.ones(3))   # bins counted once, twice, once
    array([0.25, 0.5 , 0.25])
    """
    s, axes = _one_axis(n, axis)
    return transform("irfft", a, s, axes, norm)


def hfft(a, n=None, axis=-1, norm=None):
    """FFT of a Hermitian-symmetric signal given by its first half (real output), as
    :func:`numpy.fft.hfft`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.hfft(fnp.asarray([1.0, 2.0, 3.0]))
    array([ 8., -2.,  0., -2.])
    """
    a = as_inexact(a)
    if n is None:
        n = 2 * (np.shape(a)[axis] - 1)
    norm = DUAL_NORM[check_norm(norm)]
    return irfft(conj(a), n, axis, norm=norm)


def ihfft(a, n=None, axis=-1, norm=None):
    """Inverse of :func:`hfft`, as :func:`numpy.fft.ihfft`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ihfft(fnp.asarray([8.0, -2.0, 0.0, -2.0]))
    array([1.-0.j, 2.-0.j, 3.-0.j])
    """
    norm = DUAL_NORM[check_norm(norm)]
    return conj(rfft(a, n, axis, norm=norm))


def fftn(a, s=None, axes=None, norm=None):
    """N-dimensional discrete Fourier transform, as :func:`numpy.fft.fftn`.

    With ``s`` and no ``axes``, the last ``len(s)`` axes are transformed (NumPy's
    deprecated default, and JAX's).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.fftn(fnp.ones((2, 2)))
    array([[4.+0.j, 0.+0.j],
           [0.+0.j, 0.+0.j]])
    """
    return transform("fft", a, s, axes, norm)


def ifftn(a, s=None, axes=None, norm=None):
    """N-dimensional inverse discrete Fourier transform, as :func:`numpy.fft.ifftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ifftn(fnp.ones((2, 2))).real
    array([[1., 0.],
           [0., 0.]])
    """
    return transform("ifft", a, s, axes, norm)


def rfftn(a, s=None, axes=None, norm=None):
    """N-dimensional FFT of real input (halved along the last axis), as :func:`numpy.fft.rfftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.rfftn(fnp.ones((2, 4))).shape
    (2, 3)
    """
    return transform("rfft", a, s, axes, norm)


def irfftn(a, s=None, axes=None, norm=None):
    """Inverse of :func:`rfftn`, as :func:`numpy.fft.irfftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.irfftn(fnp.fft.rfftn(fnp.ones((2, 4)))).shape
    (2, 4)
    """
    return transform("irfft", a, s, axes, norm)


def fft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional FFT, as :func:`numpy.fft.fft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.fft2(fnp.ones((3, 2, 2)))[:, 0, 0].real
    array([4., 4., 4.])
    """
    return transform("fft", a, s, axes, norm)


def ifft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional inverse FFT, as :func:`numpy.fft.ifft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ifft2(fnp.ones((2, 2)), norm="forward")[0, 0]
    np.complex128(4+0j)
    """
    return transform("ifft", a, s, axes, norm)


def rfft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional FFT of real input, as :func:`numpy.fft.rfft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.rfft2(fnp.ones((4, 4))).shape
    (4, 3)
    """
    return transform("rfft", a, s, axes, norm)


def irfft2(a, s=None, axes=(-2, -1), norm=None):
    """Inverse of :func:`rfft2`, as :func:`numpy.fft.irfft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.irfft2(fnp.ones((4, 3))).shape
    (4, 4)
    """
    return transform("irfft", a, s, axes, norm)


# ---------------------------------------------------------------------------
# Shifts
# ---------------------------------------------------------------------------

def _shift(x, axes, sign):
    """``roll`` by half of each axis (rounded down), forwards or backwards."""
    x = asarray(x)
    shape = np.shape(x)
    if axes is None:
        axes = tuple(range(len(shape)))
    elif isinstance(axes, (int, np.integer)):
        axes = (axes,)
    axes = tuple(canonical_axis(operator.index(ax), len(shape)) for ax in axes)
    return roll(x, tuple(sign * (shape[ax] // 2) for ax in axes), axes)


def fftshift(x, axes=None):
    """Move the zero-frequency term to the centre, as :func:`numpy.fft.fftshift`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.fftshift(fnp.asarray([0.0, 1.0, 2.0, -2.0, -1.0]))
    array([-2., -1.,  0.,  1.,  2.])
    """
    return _shift(x, axes, 1)


def ifftshift(x, axes=None):
    """The inverse of :func:`fftshift`, as :func:`numpy.fft.ifftshift`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ifftshift(fnp.asarray([-2.0, -1.0, 0.0, 1.0, 2.0]))
    array([ 0.,  1.,  2., -2., -1.])
    """
    return _shift(x, axes, -1)


# ---------------------------------------------------------------------------
# NumPy's functions and ours, for plain-NumPy dispatch (__array_function__)
# ---------------------------------------------------------------------------

NUMPY_EQUIVALENTS = {
    getattr(np.fft, name): globals()[name]
    for name in __all__
    if name not in ("fftfreq", "rfftfreq")
}
