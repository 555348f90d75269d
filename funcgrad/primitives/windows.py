"""Windows over arrays: the NumPy machinery convolution and pooling share (no primitives here).

Convolution and ``reduce_window`` see their operand through the same lens, one
spatial axis at a time: the operand is *dilated* (``a - 1`` holes between
neighbours), *padded* (``lo`` and ``hi`` cells at the ends; negative padding
crops), and read through windows of ``K`` taps ``d`` apart (the window's
dilation), one window every ``s`` cells (the stride)::

    padded length     P = (N - 1) * a + 1 + lo + hi
    window extent     K' = (K - 1) * d + 1
    output length     O = (P - K') // s + 1           (0 when P < K')
    out[o] = reduce over k of padded[o * s + k * d]

:func:`dilate_pad` builds the padded operand, :func:`window_view` the strided
view of its windows (no copy: ``sliding_window_view`` plus basic slicing), and
:func:`undilate_unpad` is the transpose of :func:`dilate_pad` (it picks the
cells that came from the operand). All axes are handled at once; the loops
here are over axes, never over elements.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Pads = tuple[tuple[int, int], ...]


def dilated_length(n: int, a: int) -> int:
    """Length of an axis of ``n`` cells with ``a - 1`` holes between neighbours."""
    return 0 if n == 0 else (n - 1) * a + 1


def output_length(n: int, window: int, stride: int, pad: tuple[int, int], base_dilation: int,
                  window_dilation: int) -> int:
    """The number of windows along one axis (the module docstring's ``O``)."""
    padded = dilated_length(n, base_dilation) + pad[0] + pad[1]
    extent = dilated_length(window, window_dilation)
    return 0 if padded < extent or extent == 0 else (padded - extent) // stride + 1


def _placement(n: int, a: int, lo: int, total: int) -> tuple[slice, slice] | None:
    """Where cells ``i`` of an axis land in a padded axis of length ``total``
    (at ``lo + i * a``): the slice of the operand kept and the slice of the
    padded axis they go to, or None when no cell survives the cropping."""
    first = (-lo + a - 1) // a if lo < 0 else 0  # the first cell at or after position 0
    last = min(n - 1, (total - 1 - lo) // a) if total - 1 - lo >= 0 else -1
    if last < first:
        return None
    start = lo + first * a
    return slice(first, last + 1), slice(start, start + (last - first) * a + 1, a)


def dilate_pad(x: np.ndarray, axes: Sequence[int], dilation: Sequence[int], padding: Pads,
               fill) -> np.ndarray:
    """``x`` dilated and padded along ``axes`` with ``fill`` in the new cells (negative
    padding crops). Returns ``x`` itself when there is nothing to do.

    Examples
    --------
    >>> dilate_pad(np.array([1, 2, 3]), (0,), (2,), ((1, -1),), 0)
    array([0, 1, 0, 2, 0])
    """
    if all(a == 1 for a in dilation) and all(lo == 0 and hi == 0 for lo, hi in padding):
        return x
    shape = list(x.shape)
    src: list[slice] = [slice(None)] * x.ndim
    dst: list[slice] = [slice(None)] * x.ndim
    empty = False
    for ax, a, (lo, hi) in zip(axes, dilation, padding):
        n = x.shape[ax]
        total = dilated_length(n, a) + lo + hi
        if total < 0:
            raise ValueError(f"padding {(lo, hi)} crops more than the {n} cells of an axis "
                             f"(dilated to {dilated_length(n, a)}): use less negative padding")
        shape[ax] = total
        place = _placement(n, a, lo, total)
        if place is None:
            empty = True
        else:
            src[ax], dst[ax] = place
    out = np.full(shape, fill, dtype=x.dtype)
    if not empty:
        out[tuple(dst)] = x[tuple(src)]
    return out


def undilate_unpad(y: np.ndarray, shape: Sequence[int], axes: Sequence[int],
                   dilation: Sequence[int], padding: Pads) -> np.ndarray:
    """The transpose of :func:`dilate_pad`: from a padded array ``y``, the cells that
    came from an operand of ``shape`` (zeros for the cells that padding cropped).

    Examples
    --------
    >>> undilate_unpad(np.array([0, 1, 0, 2, 0]), (3,), (0,), (2,), ((1, -1),))
    array([1, 2, 0])
    """
    if all(a == 1 for a in dilation) and all(lo == 0 and hi == 0 for lo, hi in padding):
        return y
    src: list[slice] = [slice(None)] * y.ndim
    dst: list[slice] = [slice(None)] * y.ndim
    for ax, a, (lo, _) in zip(axes, dilation, padding):
        place = _placement(shape[ax], a, lo, y.shape[ax])
        if place is None:
            return np.zeros(shape, y.dtype)
        dst[ax], src[ax] = place
    out = np.zeros(shape, y.dtype)
    out[tuple(dst)] = y[tuple(src)]
    return out


def window_view(xp: np.ndarray, axes: Sequence[int], window: Sequence[int],
                strides: Sequence[int], window_dilation: Sequence[int]) -> np.ndarray:
    """A read-only view of the windows of the padded array ``xp`` along ``axes``: the
    window axes become the output positions and the taps are appended at the end
    (``xp.shape`` with ``axes`` replaced by ``O``, then ``K`` per axis). No copy.

    Examples
    --------
    >>> window_view(np.arange(5), (0,), (2,), (2,), (1,))
    array([[0, 1],
           [2, 3]])
    """
    extent = [dilated_length(k, d) for k, d in zip(window, window_dilation)]
    view = sliding_window_view(xp, extent, axis=tuple(axes))
    index: list[slice] = [slice(None)] * xp.ndim
    for ax, s in zip(axes, strides):
        index[ax] = slice(None, None, s)
    index += [slice(None, None, d) for d in window_dilation]
    return view[tuple(index)]


def canonical_padding(padding, n_axes: int, what: str) -> Pads:
    """Explicit padding pairs as a tuple of int pairs, checked against the number of axes."""
    try:
        pads = tuple((int(lo), int(hi)) for lo, hi in padding)
    except (TypeError, ValueError):
        raise TypeError(f"{what}: padding must be 'SAME', 'SAME_LOWER', 'VALID' or a sequence "
                        f"of (low, high) integer pairs, one per spatial dimension; got "
                        f"{padding!r}") from None
    if len(pads) != n_axes:
        raise ValueError(f"{what}: padding has {len(pads)} (low, high) pairs but there are "
                         f"{n_axes} spatial dimensions; give one pair per dimension")
    return pads


def padtype_to_pads(in_shape: Sequence[int], window: Sequence[int], strides: Sequence[int],
                    padding: str) -> Pads:
    """Explicit padding for the string padding types, as XLA computes them.

    ``'VALID'`` is no padding; ``'SAME'`` pads so that the output has ``ceil(n / s)``
    cells, with the odd cell at the end; ``'SAME_LOWER'`` puts it at the start.
    ``window`` is the dilated window extent.

    Examples
    --------
    >>> padtype_to_pads((5,), (2,), (1,), "SAME"), padtype_to_pads((5,), (2,), (1,), "SAME_LOWER")
    (((0, 1),), ((1, 0),))
    """
    kind = padding.upper() if isinstance(padding, str) else padding
    if kind == "VALID":
        return tuple((0, 0) for _ in in_shape)
    if kind not in ("SAME", "SAME_LOWER"):
        raise ValueError(f"unknown padding type {padding!r}: use 'SAME', 'SAME_LOWER', 'VALID' "
                         f"or a sequence of (low, high) pairs")
    pads = []
    for n, k, s in zip(in_shape, window, strides):
        out = -(-n // s)
        total = max(0, (out - 1) * s + k - n)
        small, large = total // 2, total - total // 2
        pads.append((small, large) if kind == "SAME" else (large, small))
    return tuple(pads)
