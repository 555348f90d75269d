"""funcgrad.numpy.fft: NumPy's discrete Fourier transforms, differentiable in both modes.

One primitive, ``fft``, covers the four kinds of transform (``fft``, ``ifft``,
``rfft``, ``irfft``) over any set of axes, with NumPy's ``norm`` modes; every
public function pads or crops its input to the lengths asked for with ``n``/``s``
(differentiable ``getitem``/``concatenate``) and binds it.

The transforms are linear, so the JVP applies the transform to the tangent.
The VJP is the *transpose* (JAX's convention, no conjugation): the DFT matrix
is symmetric, so ``fft`` and ``ifft`` are their own transposes; ``rfft``'s is
the real part of the full ``fft`` of the zero-padded cotangent; ``irfft``'s is
``conj(mask * rfft(g))``, where ``mask`` counts each half-spectrum bin once or
twice (as JAX does), with the dual ``norm``.

``fftfreq`` and ``rfftfreq`` are NumPy's own (constants).
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.fft import fftfreq, rfftfreq

from ..core.primitive import Primitive, defbatch_axis, defvjp
from ._util import canonical_axis, dtype_of
from .creation import as_inexact, asarray
from .elementwise import conj, real
from .indexing import getitem
from .shape import concatenate, roll

__all__ = [
    "fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "fftn", "ifftn",
    "rfft2", "irfft2", "rfftn", "irfftn", "fftshift", "ifftshift", "fftfreq", "rfftfreq",
]

_NORMS = ("backward", "ortho", "forward")
_DUAL_NORM = {"backward": "forward", "ortho": "ortho", "forward": "backward"}


# ---------------------------------------------------------------------------
# The primitive and its rules
# ---------------------------------------------------------------------------

def _fft(x, *, kind, axes, lengths, norm):
    """``lengths`` are the real-space lengths along ``axes`` (the output's, for irfft)."""
    if kind == "fft":
        return np.fft.fftn(x, s=lengths, axes=axes, norm=norm)
    if kind == "ifft":
        return np.fft.ifftn(x, s=lengths, axes=axes, norm=norm)
    if kind == "rfft":
        return np.fft.rfftn(x, s=lengths, axes=axes, norm=norm)
    return np.fft.irfftn(x, s=lengths, axes=axes, norm=norm)


fft_p = Primitive("fft", _fft)
defbatch_axis(fft_p, axis_param="axes", none_means_all=False)


def _fft_jvp(primals, tangents, ans, **params):
    t = tangents[0]
    return None if t is None else fft_p.bind(t, **params)


def _fft_transpose(g, ans, x, *, kind, axes, lengths, norm):
    if kind in ("fft", "ifft"):
        return fft_p.bind(g, kind=kind, axes=axes, lengths=lengths, norm=norm)
    if kind == "rfft":
        # rfft = the first n//2 + 1 bins of the full fft along the last axis.
        axis, n = axes[-1], lengths[-1]
        g = _pad_or_crop(g, axis, n)
        return real(fft_p.bind(g, kind="fft", axes=axes, lengths=lengths, norm=norm))
    # irfft: y = Re(sum_k c_k X_k e^{+i...}) / N with c_k = 1 or 2 per half-spectrum bin.
    axis, n = axes[-1], lengths[-1]
    half = n // 2 + 1
    mask = np.full(half, 2.0, dtype=np.finfo(dtype_of(g)).dtype)
    mask[0] = 1.0
    if n % 2 == 0:
        mask[-1] = 1.0
    shape = [1] * len(np.shape(g))
    shape[axis] = half
    spectrum = fft_p.bind(g, kind="rfft", axes=axes, lengths=lengths, norm=_DUAL_NORM[norm])
    return conj(mask.reshape(shape) * spectrum)


fft_p.jvp = _fft_jvp
defvjp(fft_p, _fft_transpose)


# ---------------------------------------------------------------------------
# Argument handling (NumPy's semantics)
# ---------------------------------------------------------------------------

def _pad_or_crop(x, axis: int, n: int):
    """``x`` cut or zero-padded to length ``n`` along ``axis``."""
    shape = np.shape(x)
    have = shape[axis]
    if n == have:
        return x
    if n < have:
        index = (slice(None),) * axis + (slice(0, n),)
        return getitem(x, index)
    pad_shape = list(shape)
    pad_shape[axis] = n - have
    return concatenate([x, np.zeros(pad_shape, dtype_of(x))], axis=axis)


def _check_norm(norm):
    if norm is None:
        return "backward"
    if norm not in _NORMS:
        raise ValueError(
            f'Invalid norm value {norm}; should be "backward", "ortho" or "forward".'
        )
    return norm


def _axes_and_lengths(a, s, axes, kind):
    """Normalized axes and input lengths (for irfftn: the output length of the last axis)."""
    ndim = len(np.shape(a))
    if axes is None:
        axes = tuple(range(ndim)) if s is None else tuple(range(ndim - len(s), ndim))
    axes = tuple(operator.index(ax) for ax in axes)
    for ax in axes:
        if not -ndim <= ax < ndim:
            raise np.exceptions.AxisError(ax, ndim)
    axes = tuple(ax % ndim for ax in axes)
    if s is None:
        lengths = [np.shape(a)[ax] for ax in axes]
        if kind == "irfft" and axes:
            lengths[-1] = 2 * (lengths[-1] - 1)
    else:
        lengths = [operator.index(n) for n in s]
        if len(lengths) != len(axes):
            raise ValueError("Shape and axes have different lengths.")
    for n in lengths:
        if n < 1:
            raise ValueError(f"Invalid number of FFT data points ({n}) specified.")
    return axes, tuple(lengths)


def _transform(kind, a, s, axes, norm):
    a = as_inexact(a)
    if kind == "rfft" and np.issubdtype(dtype_of(a), np.complexfloating):
        raise TypeError("rfft requires real input (take its real part first)")
    norm = _check_norm(norm)
    axes, lengths = _axes_and_lengths(a, s, axes, kind)
    if not axes:
        return a
    for i, (ax, n) in enumerate(zip(axes, lengths)):
        last = i == len(axes) - 1
        a = _pad_or_crop(a, ax, n // 2 + 1 if kind == "irfft" and last else n)
    return fft_p.bind(a, kind=kind, axes=axes, lengths=lengths, norm=norm)


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
    return _transform("fft", a, s, axes, norm)


def ifft(a, n=None, axis=-1, norm=None):
    """One-dimensional inverse discrete Fourier transform, as :func:`numpy.fft.ifft`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.real(fnp.fft.ifft(x)[0]))(fnp.ones(4))
    array([0.25, 0.25, 0.25, 0.25])
    """
    s, axes = _one_axis(n, axis)
    return _transform("ifft", a, s, axes, norm)


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
    return _transform("rfft", a, s, axes, norm)


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
    return _transform("irfft", a, s, axes, norm)


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
    norm = _DUAL_NORM[_check_norm(norm)]
    return irfft(conj(a), n, axis, norm=norm)


def ihfft(a, n=None, axis=-1, norm=None):
    """Inverse of :func:`hfft`, as :func:`numpy.fft.ihfft`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ihfft(fnp.asarray([8.0, -2.0, 0.0, -2.0]))
    array([1.-0.j, 2.-0.j, 3.-0.j])
    """
    norm = _DUAL_NORM[_check_norm(norm)]
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
    return _transform("fft", a, s, axes, norm)


def ifftn(a, s=None, axes=None, norm=None):
    """N-dimensional inverse discrete Fourier transform, as :func:`numpy.fft.ifftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ifftn(fnp.ones((2, 2))).real
    array([[1., 0.],
           [0., 0.]])
    """
    return _transform("ifft", a, s, axes, norm)


def rfftn(a, s=None, axes=None, norm=None):
    """N-dimensional FFT of real input (halved along the last axis), as :func:`numpy.fft.rfftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.rfftn(fnp.ones((2, 4))).shape
    (2, 3)
    """
    return _transform("rfft", a, s, axes, norm)


def irfftn(a, s=None, axes=None, norm=None):
    """Inverse of :func:`rfftn`, as :func:`numpy.fft.irfftn`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.irfftn(fnp.fft.rfftn(fnp.ones((2, 4)))).shape
    (2, 4)
    """
    return _transform("irfft", a, s, axes, norm)


def fft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional FFT, as :func:`numpy.fft.fft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.fft2(fnp.ones((3, 2, 2)))[:, 0, 0].real
    array([4., 4., 4.])
    """
    return _transform("fft", a, s, axes, norm)


def ifft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional inverse FFT, as :func:`numpy.fft.ifft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.ifft2(fnp.ones((2, 2)), norm="forward")[0, 0]
    np.complex128(4+0j)
    """
    return _transform("ifft", a, s, axes, norm)


def rfft2(a, s=None, axes=(-2, -1), norm=None):
    """Two-dimensional FFT of real input, as :func:`numpy.fft.rfft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.rfft2(fnp.ones((4, 4))).shape
    (4, 3)
    """
    return _transform("rfft", a, s, axes, norm)


def irfft2(a, s=None, axes=(-2, -1), norm=None):
    """Inverse of :func:`rfft2`, as :func:`numpy.fft.irfft2`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.fft.irfft2(fnp.ones((4, 3))).shape
    (4, 4)
    """
    return _transform("irfft", a, s, axes, norm)


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
