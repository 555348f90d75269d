"""The discrete Fourier transform primitive (NumPy's names for it are in funcgrad.numpy.fft).

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
"""

from __future__ import annotations

import operator

import numpy as np

from ..core.primitive import Primitive, defvjp
from .batching import defbatch_axis
from .elementwise import conj, real
from .indexing import as_inexact, concatenate, getitem
from .util import dtype_of

_NORMS = ("backward", "ortho", "forward")
DUAL_NORM = {"backward": "forward", "ortho": "ortho", "forward": "backward"}


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
    spectrum = fft_p.bind(g, kind="rfft", axes=axes, lengths=lengths, norm=DUAL_NORM[norm])
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


def check_norm(norm):
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


def transform(kind, a, s, axes, norm):
    """The transform ``kind`` (``"fft"``, ``"ifft"``, ``"rfft"``, ``"irfft"``) of ``a`` over
    ``axes``, each padded or cropped to its length in ``s``, with NumPy's ``norm``."""
    a = as_inexact(a)
    if kind == "rfft" and np.issubdtype(dtype_of(a), np.complexfloating):
        raise TypeError("rfft requires real input (take its real part first)")
    norm = check_norm(norm)
    axes, lengths = _axes_and_lengths(a, s, axes, kind)
    if not axes:
        return a
    for i, (ax, n) in enumerate(zip(axes, lengths)):
        last = i == len(axes) - 1
        a = _pad_or_crop(a, ax, n // 2 + 1 if kind == "irfft" and last else n)
    return fft_p.bind(a, kind=kind, axes=axes, lengths=lengths, norm=norm)
