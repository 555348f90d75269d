"""The convolution, pooling and dot_general cases whose results were recorded once from
``jax.lax`` (jax 0.10.2, x64) into ``conv_reference.py``; plain data, shared by the
recording script and the tests.

Every input is a deterministic function of its shape and a seed (:func:`data`), so the
recording and the tests build the same arrays without storing them. Each case is
``(name, function, shapes, keyword arguments)``; the function is a ``jax.lax`` name
(``conv_general_dilated``, ``conv_transpose``, ``reduce_window`` with the monoid
given by ``"computation"``, ``dot_general``).
"""

from __future__ import annotations

import math

import numpy as np


def data(shape, seed: int) -> np.ndarray:
    """Distinct, well-scaled float64 values (no ties for max pooling)."""
    n = math.prod(shape)
    return (np.sin(0.7 * np.arange(n) + seed) * (1.0 + 0.05 * np.arange(n) / max(n, 1))
            ).reshape(shape)


CONV = [
    ("nchw_valid", "conv_general_dilated", [(2, 3, 6, 5), (4, 3, 3, 2)],
     dict(window_strides=(1, 1), padding="VALID")),
    ("nchw_same_stride", "conv_general_dilated", [(2, 3, 7, 6), (4, 3, 3, 3)],
     dict(window_strides=(2, 2), padding="SAME")),
    ("nhwc_hwio_same", "conv_general_dilated", [(2, 6, 5, 3), (3, 3, 3, 4)],
     dict(window_strides=(1, 2), padding="SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))),
    ("pads_and_dilations", "conv_general_dilated", [(1, 2, 7, 6), (3, 2, 2, 3)],
     dict(window_strides=(2, 1), padding=((1, 2), (0, 1)), lhs_dilation=(1, 2),
          rhs_dilation=(2, 1))),
    ("negative_padding_1d", "conv_general_dilated", [(2, 2, 8), (3, 2, 3)],
     dict(window_strides=(1,), padding=((-1, 2),))),
    ("feature_groups", "conv_general_dilated", [(2, 4, 6, 6), (6, 2, 3, 3)],
     dict(window_strides=(1, 1), padding="SAME", feature_group_count=2)),
    ("depthwise", "conv_general_dilated", [(1, 3, 5, 5), (3, 1, 3, 3)],
     dict(window_strides=(1, 1), padding="VALID", feature_group_count=3)),
    ("batch_groups", "conv_general_dilated", [(4, 3, 5), (6, 3, 2)],
     dict(window_strides=(1,), padding="VALID", batch_group_count=2)),
    ("nwc_same_lower", "conv_general_dilated", [(2, 7, 3), (3, 3, 2)],
     dict(window_strides=(2,), padding="SAME_LOWER", dimension_numbers=("NWC", "WIO", "NWC"))),
    ("conv3d", "conv_general_dilated", [(1, 2, 4, 5, 3), (2, 2, 2, 3, 2)],
     dict(window_strides=(1, 2, 1), padding="SAME")),
    ("mixed_layouts", "conv_general_dilated", [(2, 3, 5, 4), (2, 3, 3, 4)],
     dict(window_strides=(1, 1), padding=((1, 0), (0, 1)),
          dimension_numbers=("NCHW", "HWIO", "NHWC"))),
    ("even_kernel_same", "conv_general_dilated", [(1, 2, 6, 5), (2, 2, 2, 2)],
     dict(window_strides=(1, 1), padding="SAME")),
    ("transpose_same", "conv_transpose", [(1, 4, 3, 2), (3, 3, 2, 3)],
     dict(strides=(2, 2), padding="SAME")),
    ("transpose_valid", "conv_transpose", [(2, 3, 2), (2, 2, 3)],
     dict(strides=(3,), padding="VALID")),
    ("transpose_kernel", "conv_transpose", [(1, 3, 3, 2), (3, 2, 3, 2)],
     dict(strides=(2, 1), padding="SAME", transpose_kernel=True)),
]

WINDOW = [
    ("max_pool_nhwc", "reduce_window", [(2, 4, 6, 3)],
     dict(computation="max", window_dimensions=(1, 2, 2, 1), window_strides=(1, 2, 2, 1),
          padding="VALID")),
    ("max_pool_same", "reduce_window", [(1, 2, 5, 5)],
     dict(computation="max", window_dimensions=(1, 1, 3, 3), window_strides=(1, 1, 2, 2),
          padding="SAME")),
    ("sum_pool_padded", "reduce_window", [(2, 3, 7)],
     dict(computation="add", window_dimensions=(1, 1, 3), window_strides=(1, 1, 2),
          padding=((0, 0), (0, 0), (1, 2)))),
    ("min_pool_padded", "reduce_window", [(3, 8)],
     dict(computation="min", window_dimensions=(2, 3), window_strides=(1, 1),
          padding=((0, 0), (1, 1)))),
    ("sum_window_dilation", "reduce_window", [(3, 8)],
     dict(computation="add", window_dimensions=(2, 3), window_strides=(1, 2),
          padding=((0, 1), (1, 1)), window_dilation=(1, 2))),
    ("sum_base_dilation", "reduce_window", [(4, 5)],
     dict(computation="add", window_dimensions=(2, 2), window_strides=(1, 2),
          padding=((1, 0), (0, 1)), base_dilation=(2, 1))),
    ("max_base_dilation", "reduce_window", [(5, 4)],
     dict(computation="max", window_dimensions=(3, 2), window_strides=(2, 1),
          padding=((0, 0), (1, 0)), base_dilation=(1, 2), window_dilation=(1, 1))),
]

DOT = [
    ("batched_matmul", "dot_general", [(3, 2, 4), (3, 4, 5)],
     dict(dimension_numbers=(((2,), (1,)), ((0,), (0,))))),
    ("two_contractions", "dot_general", [(2, 3, 4), (4, 5, 3)],
     dict(dimension_numbers=(((1, 2), (2, 0)), ((), ())))),
    ("outer", "dot_general", [(2, 3), (4,)],
     dict(dimension_numbers=(((), ()), ((), ())))),
    ("batch_not_leading", "dot_general", [(4, 3, 2), (2, 5, 3)],
     dict(dimension_numbers=(((2,), (0,)), ((1,), (2,))))),
]

CASES = CONV + WINDOW + DOT
