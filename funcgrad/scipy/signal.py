"""funcgrad.scipy.signal: convolution and correlation, differentiable (anchors:
``scipy.signal`` for names, signatures and values; ``autograd.scipy.signal`` for the
``axes=`` / ``dot_axes=`` extension of ``convolve``).

A convolution is written as a composite of differentiable pieces: the larger
operand is zero-padded, the windows each output needs are gathered along every
convolved axis (one ``take`` with an index array per axis), and one ``einsum``
with the flipped smaller operand sums them. Its derivatives are therefore the
gather's (a scatter-add) and ``einsum``'s, in both modes and to every order.

``convolve(A, B, axes=..., dot_axes=...)`` is HIPS autograd's extension, used by
its convnet example: ``axes = (axes_of_A, axes_of_B)`` are convolved pairwise,
``dot_axes = (axes_of_A, axes_of_B)`` are summed over (a tensor dot), and the
result has A's other axes, then B's other axes, then the convolved axes.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.signal import convolve
>>> convolve(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([0.0, 1.0, 0.5]))
array([0. , 1. , 2.5, 4. , 1.5])
>>> fg.grad(lambda b: convolve(fnp.asarray([1.0, 2.0, 3.0]), b, mode="valid")[0])(
...     fnp.asarray([0.0, 1.0, 0.5]))
array([3., 2., 1.])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import numpy as fnp
from ..primitives.indexing import as_inexact

__all__ = ["convolve", "convolve2d", "correlate", "correlate2d"]

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _output_window(n_a: int, n_b: int, mode: str) -> tuple[int, int]:
    """The first index and the length of the output along one axis, within the full
    convolution (length ``n_a + n_b - 1``)."""
    if mode == "full":
        return 0, n_a + n_b - 1
    if mode == "valid":
        return min(n_a, n_b) - 1, abs(n_a - n_b) + 1
    if mode == "same":
        return (n_b - 1) // 2, n_a
    raise ValueError(f"acceptable mode flags are 'valid', 'same', or 'full'; got {mode!r}")


def _general_convolve(a, b, axes_a: Sequence[int], axes_b: Sequence[int],
                      dot_a: Sequence[int], dot_b: Sequence[int], mode: str):
    """``out[..., n] = sum_k a[..., k] b[..., n - k]`` along each pair of ``axes``, summed over
    the pairs of ``dot`` axes; result axes: a's others, b's others, then the convolved ones."""
    a, b = as_inexact(a), as_inexact(b)
    a_shape, b_shape = np.shape(a), np.shape(b)
    if mode == "valid":
        bigger = [a_shape[i] >= b_shape[j] for i, j in zip(axes_a, axes_b)]
        smaller = [a_shape[i] <= b_shape[j] for i, j in zip(axes_a, axes_b)]
        if not (all(bigger) or all(smaller)):
            raise ValueError("For 'valid' mode, one must be at least as large as the other in "
                             "every dimension")
    # Pad a by (n_b - 1) zeros on both sides of each convolved axis: every output of the
    # full convolution is then a complete window of length n_b.
    pad = [(0, 0)] * fnp.ndim(a)
    for i, j in zip(axes_a, axes_b):
        pad[i] = (b_shape[j] - 1, b_shape[j] - 1)
    windows = fnp.pad(a, pad)
    # Gather the windows: axis i of a becomes two axes (output position, offset in window).
    starts, lengths = [], []
    inserted = 0
    win_axes: dict[int, tuple[int, int]] = {}
    for i, j in sorted(zip(axes_a, axes_b)):
        start, length = _output_window(a_shape[i], b_shape[j], mode)
        starts.append(start)
        lengths.append(length)
        index = (start + np.arange(length))[:, None] + np.arange(b_shape[j])[None, :]
        windows = fnp.take(windows, index, axis=i + inserted)
        win_axes[i] = (i + inserted, i + inserted + 1)
        inserted += 1
    flipped = fnp.flip(b, axis=tuple(axes_b)) if len(axes_b) else b
    # einsum: windows' letters (positions p, offsets q), b's letters (q's on its conv axes).
    letters = iter(_LETTERS)
    w_sub = [""] * (fnp.ndim(a) + inserted)
    b_sub = [""] * fnp.ndim(b)
    out_a, out_b, out_conv = [], [], []
    for i in range(fnp.ndim(a)):
        if i in win_axes:
            p, q = next(letters), next(letters)
            w_sub[win_axes[i][0]], w_sub[win_axes[i][1]] = p, q
            b_sub[axes_b[list(axes_a).index(i)]] = q
        else:
            shift = sum(1 for k in win_axes if k < i)
            w_sub[i + shift] = next(letters)
    for i, j in zip(dot_a, dot_b):
        shift = sum(1 for k in win_axes if k < i)
        b_sub[j] = w_sub[i + shift]
    for i in range(fnp.ndim(a)):
        if i not in win_axes and i not in dot_a:
            out_a.append(w_sub[i + sum(1 for k in win_axes if k < i)])
    for j in range(fnp.ndim(b)):
        if not b_sub[j]:
            b_sub[j] = next(letters)
            out_b.append(b_sub[j])
    for i in axes_a:  # the convolved axes, in the order the caller listed them
        out_conv.append(w_sub[win_axes[i][0]])
    spec = f"{''.join(w_sub)},{''.join(b_sub)}->{''.join(out_a + out_b + out_conv)}"
    return fnp.einsum(spec, windows, flipped)


def convolve(in1, in2, mode="full", method="auto", *, axes=None, dot_axes=((), ())):
    """The convolution of ``in1`` and ``in2``, as :func:`scipy.signal.convolve`.

    ``mode`` is ``"full"``, ``"valid"`` or ``"same"``; ``method`` is accepted and ignored
    (the value is computed directly). Keyword-only, beside SciPy's signature: autograd's
    ``axes=(axes_of_in1, axes_of_in2)`` (the axes convolved pairwise; default all) and
    ``dot_axes=(axes_of_in1, axes_of_in2)`` (axes summed over, as a tensor dot); the
    result then has in1's other axes, in2's other axes, then the convolved axes.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> convolve(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([1.0, 1.0]), mode="same")
    array([1., 3., 5.])
    >>> images = fnp.ones((2, 3, 5, 5))     # batch, channels, height, width
    >>> filters = fnp.ones((3, 4, 2, 2))    # channels, features, height, width
    >>> convolve(images, filters, axes=([2, 3], [2, 3]), dot_axes=([1], [0]),
    ...          mode="valid").shape
    (2, 4, 4, 4)
    """
    if method not in ("auto", "direct", "fft"):
        raise ValueError(f"acceptable method flags are 'auto', 'direct', or 'fft'; got {method!r}")
    if axes is None:
        if fnp.ndim(in1) != fnp.ndim(in2):
            raise ValueError("in1 and in2 should have the same dimensionality")
        axes = (list(range(fnp.ndim(in1))), list(range(fnp.ndim(in2))))
    axes_a, axes_b = [list(x) for x in axes]
    dot_a, dot_b = [list(x) for x in dot_axes]
    if len(axes_a) != len(axes_b) or len(dot_a) != len(dot_b):
        raise ValueError("axes and dot_axes must each pair one axis of in1 with one of in2")
    return _general_convolve(in1, in2, axes_a, axes_b, dot_a, dot_b, mode)


def _reverse_and_conj(x):
    x = as_inexact(x)
    flipped = fnp.flip(x) if fnp.ndim(x) else x
    return fnp.conj(flipped) if np.iscomplexobj(np.zeros((), fnp.result_type(x))) else flipped


def correlate(in1, in2, mode="full", method="auto"):
    """The cross-correlation of ``in1`` and ``in2``, as :func:`scipy.signal.correlate`:
    the convolution of ``in1`` with ``in2`` reversed (and conjugated).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> correlate(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([0.0, 1.0, 0.5]))
    array([0.5, 2. , 3.5, 3. , 0. ])
    """
    if mode == "valid" and fnp.ndim(in1) == fnp.ndim(in2) and all(
            n1 < n2 for n1, n2 in zip(np.shape(in1), np.shape(in2))):
        # SciPy swaps the operands here; the correlation then runs backwards and conjugated.
        return _reverse_and_conj(convolve(in2, _reverse_and_conj(in1), mode, method))
    return convolve(in1, _reverse_and_conj(in2), mode, method)


def _check_2d(in1, in2, boundary, fillvalue):
    if fnp.ndim(in1) != 2 or fnp.ndim(in2) != 2:
        raise ValueError("convolve2d inputs must both be 2-D arrays")
    if boundary != "fill" or fillvalue != 0:
        raise NotImplementedError("convolve2d/correlate2d: only boundary='fill' with "
                                  "fillvalue=0 is supported; pad the input with fnp.pad for "
                                  "'wrap' or 'symm'")


def convolve2d(in1, in2, mode="full", boundary="fill", fillvalue=0):
    """The 2-D convolution of two 2-D arrays, as :func:`scipy.signal.convolve2d`
    (zero fill at the boundary).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> convolve2d(fnp.eye(3), fnp.asarray([[1.0, 2.0]]), mode="same")
    array([[1., 2., 0.],
           [0., 1., 2.],
           [0., 0., 1.]])
    """
    _check_2d(in1, in2, boundary, fillvalue)
    return convolve(in1, in2, mode)


def correlate2d(in1, in2, mode="full", boundary="fill", fillvalue=0):
    """The 2-D cross-correlation of two 2-D arrays, as :func:`scipy.signal.correlate2d`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> correlate2d(fnp.eye(3), fnp.asarray([[1.0, 2.0]]), mode="same")
    array([[1., 0., 0.],
           [2., 1., 0.],
           [0., 2., 1.]])
    """
    _check_2d(in1, in2, boundary, fillvalue)
    if mode != "same":
        return correlate(in1, in2, mode)
    # SciPy centres correlate2d's "same" output on the other side of correlate's for
    # even kernel sizes: start at ceil((n2 - 1) / 2) of the full correlation.
    full = correlate(in1, in2, "full")
    (r1, c1), (r2, c2) = np.shape(in1), np.shape(in2)
    top, left = r2 - 1 - (r2 - 1) // 2, c2 - 1 - (c2 - 1) // 2
    return full[top:top + r1, left:left + c1]


# Parameters, Returns and See Also (see _docs.py).
from ._docs import complete_scipy  # noqa: E402

complete_scipy(__name__)
