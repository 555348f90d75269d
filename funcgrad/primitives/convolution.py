"""The convolution primitive, ``conv_general_dilated``, with all its rules.

The primitive works in one layout: ``lhs`` is ``(N, C, *spatial)``, ``rhs`` is
``(O, I, *window)`` and the result ``(N, O, *spatial_out)`` (NCHW / OIHW).
Faces move other layouts (NHWC, HWIO, ...) there with transposes, which NumPy
makes as views. Per spatial axis the operand is dilated by ``lhs_dilation``,
padded by ``padding`` (negative pads crop), and correlated with the kernel
(taps ``rhs_dilation`` apart, one window every ``window_strides`` cells); see
:mod:`funcgrad.primitives.windows` for the arithmetic.

``feature_group_count = G`` splits the input features into ``G`` groups, each
seen by ``O / G`` output features (``I = C / G``); ``batch_group_count = B``
splits the batch instead (group-major: example ``b * N/B + n`` is in group
``b``), each group seen by ``O / B`` output features. At most one is above 1.

The implementation is one GEMM per group (``np.matmul``) in the operands'
dtype, fed the cheaper of two ways: an ``im2col`` matrix gathered from one
strided view of the windows (tap-major, one block copy per kernel tap; or
position-major where the window is larger than the output, as in a weight
gradient), or, for a stride-1 convolution with more inputs than outputs per
channel (the input gradient), the product with the unpadded input first and
each tap's slice shift-added into the output (col2im). Large batches go in
chunks so that matrix stays below a few hundred megabytes.

The derivative rules are convolutions themselves (so every order works):

- JVP: the primitive is bilinear, ``conv(dx, w) + conv(x, dw)``;
- VJP in ``lhs``: a convolution of the cotangent, dilated by the stride, with
  the spatially flipped kernel whose in/out features are swapped (per group);
  its stride is the forward ``lhs_dilation``;
- VJP in ``rhs``: a convolution of the operand (batch and features swapped)
  with the cotangent as the kernel; its stride is the forward ``rhs_dilation``
  and its kernel dilation the forward stride; feature groups become batch
  groups and the other way round;
- ``vmap``: a batch axis of ``lhs`` folds into the batch, one of ``rhs`` into the
  output features, one of both into the feature (or batch) groups.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..core.primitive import Primitive, ShapedArray, defbatch, defjvp, defvjp
from .indexing import getitem
from .shape import bdim_to_front, reshape, transpose
from .util import dtype_of, shape_of
from .windows import Pads, dilate_pad, dilated_length, output_length, window_view

# Above this many elements the im2col matrix is built a chunk of the batch at a time.
_IM2COL_LIMIT = 1 << 24
# From this many outputs per example, the forward-like GEMM goes one example at a time.
_BATCHED_ROWS = 64


def conv_shape(lhs_shape: Sequence[int], rhs_shape: Sequence[int], *, window_strides, padding,
               lhs_dilation, rhs_dilation, feature_group_count: int,
               batch_group_count: int) -> tuple[int, ...]:
    """The result shape of ``conv_general_dilated_p`` (NCHW layout), after checking that
    the operands and groups fit together (errors name what does not).

    Examples
    --------
    >>> conv_shape((2, 3, 8, 8), (4, 3, 3, 3), window_strides=(2, 2), padding=((1, 1), (1, 1)),
    ...            lhs_dilation=(1, 1), rhs_dilation=(1, 1), feature_group_count=1,
    ...            batch_group_count=1)
    (2, 4, 4, 4)
    """
    if len(lhs_shape) != len(rhs_shape) or len(lhs_shape) < 2:
        raise TypeError(f"conv_general_dilated: lhs and rhs must have the same rank (at least 2: "
                        f"batch and features); got shapes {tuple(lhs_shape)} and "
                        f"{tuple(rhs_shape)}")
    n, c = lhs_shape[:2]
    o, i = rhs_shape[:2]
    g, b = feature_group_count, batch_group_count
    if g < 1 or b < 1 or (g > 1 and b > 1):
        raise ValueError(f"conv_general_dilated: feature_group_count ({g}) and "
                         f"batch_group_count ({b}) must be positive and at most one above 1")
    if c != i * g:
        raise ValueError(f"conv_general_dilated: lhs has {c} input features but rhs expects "
                         f"{i} per group x feature_group_count {g} = {i * g}")
    if o % (g * b):
        raise ValueError(f"conv_general_dilated: rhs's {o} output features do not divide into "
                         f"{g * b} groups")
    if n % b:
        raise ValueError(f"conv_general_dilated: the batch ({n}) does not divide into "
                         f"batch_group_count {b} groups")
    spatial = tuple(
        output_length(size, k, s, pad, a, d)
        for size, k, s, pad, a, d in zip(lhs_shape[2:], rhs_shape[2:], window_strides, padding,
                                         lhs_dilation, rhs_dilation)
    )
    return (n // b, o) + spatial


def _conv_impl(lhs, rhs, *, window_strides, padding, lhs_dilation, rhs_dilation,
               feature_group_count, batch_group_count, preferred_element_type):
    lhs, rhs = np.asarray(lhs), np.asarray(rhs)
    out_shape = conv_shape(lhs.shape, rhs.shape, window_strides=window_strides, padding=padding,
                           lhs_dilation=lhs_dilation, rhs_dilation=rhs_dilation,
                           feature_group_count=feature_group_count,
                           batch_group_count=batch_group_count)
    dtype = np.result_type(lhs, rhs)
    if math.prod(out_shape) == 0 or lhs.shape[1] == 0:
        out = np.zeros(out_shape, dtype)
    else:
        out = _conv_numpy(lhs.astype(dtype, copy=False), rhs.astype(dtype, copy=False),
                          out_shape, window_strides, padding, lhs_dilation, rhs_dilation,
                          feature_group_count, batch_group_count)
    if preferred_element_type is not None:
        out = out.astype(preferred_element_type, copy=False)
    return out


def _conv_numpy(lhs, rhs, out_shape, strides, padding, lhs_dilation, rhs_dilation, g, b):
    nsp = lhs.ndim - 2
    n_all, c = lhs.shape[:2]
    o = out_shape[1]
    in_sp, out_sp = lhs.shape[2:], tuple(out_shape[2:])
    # Of the two ways that cost one GEMM, take the one that moves less memory: gather
    # (C * taps) x (N * outputs) (im2col), or multiply first, O * taps x (N * inputs), and
    # shift-add the taps' products into the output (what a transposed convolution wants).
    plain = all(s == 1 for s in strides) and all(a == 1 for a in lhs_dilation) and b == 1
    if plain and o * math.prod(in_sp) < c * math.prod(out_sp):
        return _conv_shift_add(lhs, rhs, out_shape, padding, rhs_dilation, g)
    spatial = tuple(range(2, 2 + nsp))
    xp = dilate_pad(lhs, spatial, lhs_dilation, padding, 0)
    win = window_view(xp, spatial, rhs.shape[2:], strides, rhs_dilation)  # (N, C, *O, *K)
    n = out_shape[0]
    k_sp = tuple(rhs.shape[2:])
    cg, og = c // g, o // (g * b)
    rows, taps = math.prod(out_sp), math.prod(k_sp)
    step = max(1, _IM2COL_LIMIT // max(1, b * g * cg * taps * rows))
    win = win.reshape((b, n, g, cg) + out_sp + k_sp)
    if taps <= rows and b == 1 and rows >= _BATCHED_ROWS:
        # Many outputs per example: position-major columns (n, G, Cg * taps, *O), copied
        # from the window view in one pass, and one GEMM per example and group,
        # (Og, Cg * taps) @ (Cg * taps, outputs): the result is already NCHW.
        win = win.reshape((n, g, cg) + out_sp + k_sp)
        order = (0, 1, 2) + tuple(range(3 + nsp, 3 + 2 * nsp)) + tuple(range(3, 3 + nsp))
        win = win.transpose(order)
        kernel = rhs.reshape(g, og, cg * taps)
        res = np.empty((n, g, og, rows), dtype=lhs.dtype)
        for start in range(0, n, step):
            m = min(step, n - start)
            cols = np.empty((m, g, cg) + k_sp + out_sp, dtype=lhs.dtype)
            np.copyto(cols, win[start:start + m])
            np.matmul(kernel, cols.reshape(m, g, cg * taps, rows), out=res[start:start + m])
        return res.reshape(out_shape)
    if taps <= rows:
        # Few taps, many outputs: tap-major columns (B, G, Cg, *K, n, *O), one block copy
        # per tap, and the GEMM kernel (Og, Cg * taps) @ columns, long dimension last.
        win = win.transpose((0, 2, 3, 1) + tuple(range(4, 4 + 2 * nsp)))
        kernel = rhs.reshape(b * g, og, cg * taps)
        res = np.empty((b * g, og, n, rows), dtype=lhs.dtype)
        for start in range(0, n, step):
            m = min(step, n - start)
            cols = np.empty((b, g, cg) + k_sp + (m,) + out_sp, dtype=lhs.dtype)
            chunk = win[:, :, :, start:start + m]
            for tap in np.ndindex(*k_sp):
                cols[(slice(None),) * 3 + tap] = chunk[(Ellipsis,) + tap]
            prod = np.matmul(kernel, cols.reshape(b * g, cg * taps, m * rows))
            res[:, :, start:start + m] = prod.reshape(b * g, og, m, rows)
        res = res.reshape((b * g * og, n) + out_sp)
        return np.ascontiguousarray(np.moveaxis(res, 1, 0))
    # A large window over few outputs (a weight gradient): position-major rows gathered by
    # the reshape, (B, G, n, *O) x (Cg, *K), times the kernel's transpose.
    perm = (0, 2, 1) + tuple(range(4, 4 + nsp)) + (3,) + tuple(range(4 + nsp, 4 + 2 * nsp))
    win = win.transpose(perm)
    kernel = rhs.reshape(b * g, og, cg * taps).transpose(0, 2, 1)
    parts = []
    for start in range(0, n, step):
        chunk = win[:, :, start:start + step]
        m = chunk.shape[2]
        cols_matrix = chunk.reshape(b * g, m * rows, cg * taps)  # the im2col copy
        parts.append(np.matmul(cols_matrix, kernel).reshape((b, g, m) + out_sp + (og,)))
    res = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=2)
    # (B, G, n, *O, Og) -> (n, B, G, Og, *O) -> (n, O, *O)
    res = res.transpose((2, 0, 1, 3 + nsp) + tuple(range(3, 3 + nsp)))
    return np.ascontiguousarray(res).reshape(out_shape)


def _conv_shift_add(lhs, rhs, out_shape, padding, rhs_dilation, g):
    """A stride-1 convolution as one GEMM over the unpadded input, (taps * O) x (inputs * N),
    then each tap's product added into the output at its offset.

    The batch is the innermost axis of both the product and the output (``(.., *S, N)``),
    so each tap's shift-add moves rows of ``width * N`` contiguous elements."""
    nsp = lhs.ndim - 2
    n, c = lhs.shape[:2]
    o = rhs.shape[0]
    in_sp, k_sp, out_sp = tuple(lhs.shape[2:]), tuple(rhs.shape[2:]), tuple(out_shape[2:])
    cg, og = c // g, o // g
    taps = math.prod(k_sp)
    # Kernel (G, Og, Cg, *K) -> (G, *K, Og, Cg); input (N, G, Cg, *P) -> (G, Cg, *P, N).
    kernel = np.moveaxis(rhs.reshape((g, og, cg) + k_sp), (1, 2), (-2, -1))
    kernel = kernel.reshape(g, taps * og, cg)
    x = np.empty((g, cg) + in_sp + (n,), dtype=lhs.dtype)
    np.copyto(x, np.moveaxis(lhs.reshape((n, g, cg) + in_sp), 0, -1))
    z = np.matmul(kernel, x.reshape(g, cg, -1)).reshape((g,) + k_sp + (og,) + in_sp + (n,))
    out = np.zeros((g, og) + out_sp + (n,), dtype=lhs.dtype)
    for tap in np.ndindex(*k_sp):
        dst, src = [], []
        for ax in range(nsp):
            shift = padding[ax][0] - tap[ax] * rhs_dilation[ax]  # output = input + shift
            lo = max(0, -shift)
            hi = min(in_sp[ax], out_sp[ax] - shift)
            if hi <= lo:
                break
            src.append(slice(lo, hi))
            dst.append(slice(lo + shift, hi + shift))
        else:
            out[(slice(None),) * 2 + tuple(dst)] += z[(slice(None),) + tap + (slice(None),)
                                                     + tuple(src)]
    res = np.empty(out_shape, dtype=lhs.dtype)
    np.copyto(res, np.moveaxis(out.reshape((g * og,) + out_sp + (n,)), -1, 0))
    return res


conv_general_dilated_p = Primitive("conv_general_dilated", _conv_impl,
                                   torch_name="ConvolutionBackward0")


def _conv_abstract_eval(lhs, rhs, *, preferred_element_type, **params):
    shape = conv_shape(shape_of(lhs), shape_of(rhs), **params)
    dtype = preferred_element_type or np.result_type(dtype_of(lhs), dtype_of(rhs))
    return ShapedArray(shape, dtype)


conv_general_dilated_p.abstract_eval = _conv_abstract_eval


def conv_general_dilated(lhs, rhs, *, window_strides: Sequence[int], padding: Pads,
                         lhs_dilation: Sequence[int], rhs_dilation: Sequence[int],
                         feature_group_count: int = 1, batch_group_count: int = 1,
                         preferred_element_type=None):
    """Bind :data:`conv_general_dilated_p` (NCHW / OIHW layout, explicit padding pairs).

    ``funcgrad.lax.conv_general_dilated`` is the public face (layouts, padding
    strings, defaults); this binding function takes every parameter explicitly.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(5.0).reshape(1, 1, 5)
    >>> conv_general_dilated(x, np.ones((1, 1, 2)), window_strides=(1,), padding=((0, 0),),
    ...                      lhs_dilation=(1,), rhs_dilation=(1,))
    array([[[1., 3., 5., 7.]]])
    """
    return conv_general_dilated_p.bind(
        lhs, rhs, window_strides=tuple(int(s) for s in window_strides),
        padding=tuple((int(lo), int(hi)) for lo, hi in padding),
        lhs_dilation=tuple(int(a) for a in lhs_dilation),
        rhs_dilation=tuple(int(d) for d in rhs_dilation),
        feature_group_count=int(feature_group_count), batch_group_count=int(batch_group_count),
        preferred_element_type=None if preferred_element_type is None
        else np.dtype(preferred_element_type),
    )


# ---------------------------------------------------------------------------
# Derivatives: the primitive is bilinear; both transposes are convolutions
# ---------------------------------------------------------------------------

defjvp(conv_general_dilated_p,
       lambda t, ans, lhs, rhs, **params: conv_general_dilated_p.bind(t, rhs, **params),
       lambda t, ans, lhs, rhs, **params: conv_general_dilated_p.bind(lhs, t, **params))


def _swap01(x):
    axes = (1, 0) + tuple(range(2, len(shape_of(x))))
    return transpose(x, axes)


def _flip_spatial(w):
    nsp = len(shape_of(w)) - 2
    return getitem(w, (slice(None), slice(None)) + (slice(None, None, -1),) * nsp)


def conv_vjp_lhs(g, lhs, rhs, *, window_strides, padding, lhs_dilation, rhs_dilation,
                 feature_group_count, batch_group_count, preferred_element_type=None):
    """The cotangent of ``lhs`` for the cotangent ``g`` of ``conv(lhs, rhs)``: a convolution
    of ``g`` (dilated by the stride) with the flipped kernel, features swapped per group."""
    lhs_shape, rhs_shape = shape_of(lhs), shape_of(rhs)
    o, i = rhs_shape[:2]
    k_sp = rhs_shape[2:]
    out_sp = shape_of(g)[2:]
    gb = feature_group_count * batch_group_count
    # Kernel (O, I, *K) = (GB, O/GB, I, *K) -> (GB, I, O/GB, *K) -> (GB * I, O/GB, *K), flipped.
    w = reshape(rhs, (gb, o // gb, i) + tuple(k_sp))
    w = transpose(w, (0, 2, 1) + tuple(range(3, 3 + len(k_sp))))
    w = _flip_spatial(reshape(w, (gb * i, o // gb) + tuple(k_sp)))
    pads = []
    for n, k, s, (lo, _), a, d, m in zip(lhs_shape[2:], k_sp, window_strides, padding,
                                         lhs_dilation, rhs_dilation, out_sp):
        extent = dilated_length(k, d)
        low = extent - 1 - lo
        pads.append((low, (n - 1) * a + extent - low - dilated_length(m, s)))
    gx = conv_general_dilated_p.bind(
        g, w, window_strides=tuple(lhs_dilation), padding=tuple(pads),
        lhs_dilation=tuple(window_strides), rhs_dilation=tuple(rhs_dilation),
        feature_group_count=gb, batch_group_count=1, preferred_element_type=None)
    if batch_group_count > 1:
        # (n, B * C, *S) -> (n, B, C, *S) -> (B, n, C, *S) -> (B * n, C, *S)
        b, sp = batch_group_count, shape_of(gx)[2:]
        n_g, c = shape_of(gx)[0], lhs_shape[1]
        gx = reshape(gx, (n_g, b, c) + tuple(sp))
        gx = transpose(gx, (1, 0, 2) + tuple(range(3, 3 + len(sp))))
        gx = reshape(gx, (b * n_g, c) + tuple(sp))
    return gx


def conv_vjp_rhs(g, lhs, rhs, *, window_strides, padding, lhs_dilation, rhs_dilation,
                 feature_group_count, batch_group_count, preferred_element_type=None):
    """The cotangent of ``rhs``: a convolution of ``lhs`` (batch and features swapped) with
    ``g`` as the kernel; feature groups become batch groups and the other way round."""
    lhs_shape, rhs_shape = shape_of(lhs), shape_of(rhs)
    out_sp = shape_of(g)[2:]
    pads = []
    for n, k, s, (lo, _), a, d, m in zip(lhs_shape[2:], rhs_shape[2:], window_strides, padding,
                                         lhs_dilation, rhs_dilation, out_sp):
        needed = (k - 1) * d + dilated_length(m, s)
        pads.append((lo, needed - dilated_length(n, a) - lo))
    gw = conv_general_dilated_p.bind(
        _swap01(lhs), _swap01(g), window_strides=tuple(rhs_dilation), padding=tuple(pads),
        lhs_dilation=tuple(lhs_dilation), rhs_dilation=tuple(window_strides),
        feature_group_count=batch_group_count, batch_group_count=feature_group_count,
        preferred_element_type=None)
    return _swap01(gw)


defvjp(conv_general_dilated_p,
       lambda g, ans, lhs, rhs, **params: conv_vjp_lhs(g, lhs, rhs, **params),
       lambda g, ans, lhs, rhs, **params: conv_vjp_rhs(g, lhs, rhs, **params))


# ---------------------------------------------------------------------------
# vmap: fold the batch axis into the batch, the output features, or the groups
# ---------------------------------------------------------------------------

def _conv_batch(args, dims, **params):
    (lhs, rhs), (dl, dr) = args, dims
    g, b = params["feature_group_count"], params["batch_group_count"]
    if dl is not None:
        lhs = bdim_to_front(lhs, dl)
    if dr is not None:
        rhs = bdim_to_front(rhs, dr)
    if dr is None:  # (V, N, C, *S): the batch axis joins the examples
        v, n_all = shape_of(lhs)[:2]
        rest = tuple(shape_of(lhs)[2:])
        if b > 1:  # keep the batch groups outermost: (V, B, n) -> (B, V, n)
            lhs = reshape(lhs, (v, b, n_all // b) + rest)
            lhs = transpose(lhs, (1, 0) + tuple(range(2, 3 + len(rest))))
        out = conv_general_dilated_p.bind(reshape(lhs, (v * n_all,) + rest), rhs, **params)
        shape = shape_of(out)
        return reshape(out, (v, shape[0] // v) + tuple(shape[1:])), 0
    v, o = shape_of(rhs)[:2]
    k_rest = tuple(shape_of(rhs)[2:])
    if dl is None:  # (V, O, I, *K): the batch axis joins the output features, inside each group
        gb = g * b
        w = reshape(rhs, (v, gb, o // gb) + k_rest)
        w = transpose(w, (1, 0) + tuple(range(2, 3 + len(k_rest))))
        out = conv_general_dilated_p.bind(lhs, reshape(w, (gb * v * (o // gb),) + k_rest),
                                          **params)
        shape = shape_of(out)
        out = reshape(out, (shape[0], gb, v, o // gb) + tuple(shape[2:]))
        nsp = len(shape) - 2
        out = transpose(out, (2, 0, 1, 3) + tuple(range(4, 4 + nsp)))
        return reshape(out, (v, shape[0], o) + tuple(shape[2:])), 0
    # Both batched: one group per batch member (times the groups already there).
    n_all, c = shape_of(lhs)[1:3]
    rest = tuple(shape_of(lhs)[3:])
    w = reshape(rhs, (v * o,) + k_rest)
    if b > 1:
        x = reshape(lhs, (v * n_all, c) + rest)
        new = dict(params, batch_group_count=b * v)
    else:
        x = transpose(lhs, (1, 0) + tuple(range(2, 3 + len(rest))))
        x = reshape(x, (n_all, v * c) + rest)
        new = dict(params, feature_group_count=g * v)
    out = conv_general_dilated_p.bind(x, w, **new)
    shape = shape_of(out)
    return reshape(out, (shape[0], v, o) + tuple(shape[2:])), 1


defbatch(conv_general_dilated_p, _conv_batch)
