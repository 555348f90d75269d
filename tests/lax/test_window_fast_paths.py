"""The NumPy fast paths of convolution and max pooling give what the general paths give.

- ``conv_general_dilated``: the per-example GEMM (many outputs per example) and the
  batch-innermost shift-add (the input gradient's shape) against a plain definition
  (an einsum over the window view), for groups, strides, dilations, padding, 1-3
  spatial axes, float32/float64; and the same convolution with the fast path
  switched off.
- ``select_and_scatter_add`` over tiling windows (stride = window: max pooling's
  gradient) against the general index-based path, bit for bit: ties (the first
  element wins), signed zeros, cropped edges, NaNs, integers, min, 1-D to 3-D.
"""

from __future__ import annotations

import numpy as np
import pytest

from funcgrad.primitives import convolution, pooling
from funcgrad.primitives.convolution import conv_general_dilated_p
from funcgrad.primitives.pooling import select_and_scatter_add_p
from funcgrad.primitives.windows import dilate_pad, window_view

# (lhs shape, rhs shape, strides, padding, lhs dilation, rhs dilation, feature groups)
CONVS = [
    ((3, 1, 12, 12), (4, 1, 3, 3), (1, 1), ((1, 1), (1, 1)), (1, 1), (1, 1), 1),
    ((2, 4, 11, 10), (6, 2, 3, 2), (1, 1), ((2, 0), (1, 1)), (1, 1), (1, 1), 2),
    ((2, 3, 20, 18), (5, 3, 3, 3), (2, 1), ((1, 2), (0, 1)), (1, 1), (2, 1), 1),
    ((2, 3, 70), (4, 3, 5), (1,), ((3, 3),), (1,), (2,), 1),
    ((1, 2, 6, 6, 5), (2, 2, 2, 2, 2), (1, 1, 1), ((0, 0),) * 3, (1, 1, 1), (1, 1, 1), 1),
    ((1, 2, 5, 6, 5), (3, 2, 2, 2, 2), (1, 1, 1), ((1, 1),) * 3, (1, 1, 1), (1, 1, 1), 1),
    # the input gradient's shape: few inputs, more outputs (shift-add), with groups
    ((3, 6, 4, 5), (4, 3, 3, 3), (1, 1), ((2, 2), (2, 2)), (1, 1), (1, 1), 2),
    ((2, 8, 5, 4), (2, 8, 4, 4), (1, 1), ((3, 3), (3, 2)), (1, 1), (2, 1), 1),
    # lhs dilation (a strided convolution's input gradient)
    ((2, 3, 6, 6), (2, 3, 3, 3), (1, 1), ((2, 2), (2, 2)), (2, 2), (1, 1), 1),
]


def reference(lhs, rhs, strides, padding, lhs_dil, rhs_dil, groups):
    nsp = lhs.ndim - 2
    axes = tuple(range(2, 2 + nsp))
    xp = dilate_pad(lhs, axes, lhs_dil, padding, 0)
    win = window_view(xp, axes, rhs.shape[2:], strides, rhs_dil)  # (N, C, *O, *K)
    n, c = lhs.shape[:2]
    o, i = rhs.shape[:2]
    win = win.reshape((n, groups, i) + win.shape[2:])
    w = rhs.reshape((groups, o // groups, i) + rhs.shape[2:])
    letters = "abcdefghij"[:nsp]
    taps = "pqrstu"[:nsp]
    out = np.einsum(f"ngi{letters}{taps},goi{taps}->ngo{letters}", win, w)
    return out.reshape((n, o) + out.shape[3:])


def conv(lhs, rhs, strides, padding, lhs_dil, rhs_dil, groups):
    return conv_general_dilated_p.bind(
        lhs, rhs, window_strides=strides, padding=padding, lhs_dilation=lhs_dil,
        rhs_dilation=rhs_dil, feature_group_count=groups, batch_group_count=1,
        preferred_element_type=None)


@pytest.mark.parametrize("case", CONVS, ids=[str(c[0]) for c in CONVS])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_conv_paths_match_the_definition(case, dtype, monkeypatch):
    rng = np.random.default_rng(len(case[0]))
    lhs = rng.standard_normal(case[0]).astype(dtype)
    rhs = rng.standard_normal(case[1]).astype(dtype)
    want = reference(lhs.astype(np.float64), rhs.astype(np.float64), *case[2:])
    got = conv(lhs, rhs, *case[2:])
    assert got.dtype == dtype and got.shape == want.shape and got.flags.c_contiguous
    tol = 1e-12 if dtype == np.float64 else 2e-5
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol * np.abs(want).max())
    monkeypatch.setattr(convolution, "_BATCHED_ROWS", 1 << 30)  # the general path
    np.testing.assert_allclose(got, conv(lhs, rhs, *case[2:]), rtol=tol,
                               atol=tol * np.abs(want).max())


def test_conv_fast_path_handles_non_contiguous_operands():
    rng = np.random.default_rng(0)
    lhs = rng.standard_normal((12, 12, 3, 2)).transpose(3, 2, 0, 1)
    rhs = rng.standard_normal((3, 3, 3, 4))[::-1].transpose(3, 2, 0, 1)
    args = ((1, 1), ((1, 1), (1, 1)), (1, 1), (1, 1), 1)
    np.testing.assert_allclose(conv(lhs, rhs, *args), reference(lhs, rhs, *args), rtol=1e-12)


def scatter(g, x, window, select="max"):
    nd = x.ndim
    return select_and_scatter_add_p.bind(
        g, x, select=select, window_dimensions=window, window_strides=window,
        padding=((0, 0),) * nd, base_dilation=(1,) * nd, window_dilation=(1,) * nd)


def tie_heavy(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(-2, 3, shape).astype(dtype)


SCATTERS = [
    ((2, 3, 8, 8), (1, 1, 2, 2), np.float32, "max"),
    ((2, 3, 9, 7), (1, 1, 2, 3), np.float64, "max"),  # cropped edges
    ((4, 10), (1, 3), np.float64, "min"),
    ((2, 4, 4, 6), (1, 2, 2, 3), np.float32, "max"),
    ((3, 2, 5), (1, 1, 5), np.int64, "max"),
]


@pytest.mark.parametrize("shape, window, dtype, select", SCATTERS)
def test_tiled_scatter_matches_the_general_path(shape, window, dtype, select, monkeypatch):
    x = tie_heavy(shape, dtype, sum(shape))
    if dtype == np.float32:
        x[x == 0] = np.where(np.arange((x == 0).sum()) % 2, -0.0, 0.0)
    out_shape = tuple(n // k for n, k in zip(shape, window))
    g = np.random.default_rng(1).standard_normal(out_shape)
    fast = scatter(g, x, window, select)
    monkeypatch.setattr(pooling, "_tiling", lambda x, params: False)
    general = scatter(g, x, window, select)
    assert fast.dtype == general.dtype and fast.shape == general.shape == shape
    np.testing.assert_array_equal(fast, general)
    # every window's cotangent lands exactly once
    np.testing.assert_allclose(fast.sum(), g.sum())


def test_tiled_scatter_sends_nans_to_the_general_path():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    x[0, 0, 1, 1] = np.nan
    x[0, 0, 0, 0] = np.nan
    g = np.arange(1.0, 5.0).reshape(1, 1, 2, 2)
    out = scatter(g, x, (1, 1, 2, 2))
    assert out[0, 0, 0, 0] == 1.0 and out[0, 0, 1, 1] == 0.0  # the first NaN is picked
    assert out.sum() == g.sum()
