"""``funcgrad.torch.printing`` prints tensors exactly as PyTorch does.

The expected strings below were produced by real PyTorch (``repr`` of the same
values, dtype and autograd state, under the same print options) and frozen
here, so these tests never import torch. The property tests at the end need
no oracle: they check that the text is a faithful, well-shaped picture of the
array.
"""

from __future__ import annotations

import ast
import math
import re
from typing import Any, NamedTuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from funcgrad.torch.printing import (
    PRINT_OPTS,
    format_tensor,
    get_printoptions,
    printoptions,
    set_printoptions,
)


class Case(NamedTuple):
    id: str
    values: np.ndarray
    expected: str
    dtype_name: str | None = None
    suffixes: tuple[str, ...] = ()
    options: dict[str, Any] | None = None
    default_dtype: str = "float32"


@pytest.fixture(autouse=True)
def _default_print_options():
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")


# ---------------------------------------------------------- frozen oracle ---

# ---- BEGIN GENERATED: expected text from torch 2.13.0+cpu.
# Written by a generator script kept outside the repo; regenerate, do not hand-edit.
# fmt: off
CASES = [
    Case(
        "scalar_int_mode",
        np.array(28.0, dtype=np.float32),
        "tensor(28.)",
    ),
    Case(
        "scalar_zero",
        np.array(0.0, dtype=np.float32),
        "tensor(0.)",
    ),
    Case(
        "scalar_neg_zero",
        np.array(-0.0, dtype=np.float32),
        "tensor(-0.)",
    ),
    Case(
        "scalar_fraction",
        np.array(1.5, dtype=np.float32),
        "tensor(1.5000)",
    ),
    Case(
        "scalar_tenth",
        np.array(0.1, dtype=np.float32),
        "tensor(0.1000)",
    ),
    Case(
        "scalar_small_sci",
        np.array(1e-5, dtype=np.float32),
        "tensor(1.0000e-05)",
    ),
    Case(
        "scalar_large_sci",
        np.array(1e10, dtype=np.float32),
        "tensor(1.0000e+10)",
    ),
    Case(
        "scalar_nan",
        np.array(np.nan, dtype=np.float32),
        "tensor(nan)",
    ),
    Case(
        "scalar_inf",
        np.array(np.inf, dtype=np.float32),
        "tensor(inf)",
    ),
    Case(
        "scalar_neg_inf",
        np.array(-np.inf, dtype=np.float32),
        "tensor(-inf)",
    ),
    Case(
        "scalar_float64",
        np.array(3.25, dtype=np.float64),
        "tensor(3.2500, dtype=torch.float64)",
    ),
    Case(
        "scalar_int64",
        np.array(7, dtype=np.int64),
        "tensor(7)",
    ),
    Case(
        "scalar_int32",
        np.array(-7, dtype=np.int32),
        "tensor(-7, dtype=torch.int32)",
    ),
    Case(
        "scalar_bool",
        np.array(True),
        "tensor(True)",
    ),
    Case(
        "scalar_complex",
        np.array(1 + 2j, dtype=np.complex64),
        "tensor(1.+2.j)",
    ),
    Case(
        "scalar_complex128_neg_imag",
        np.array(0.5 - 0.25j, dtype=np.complex128),
        "tensor(0.5000-0.2500j, dtype=torch.complex128)",
    ),
    Case(
        "scalar_requires_grad",
        np.array(2.0, dtype=np.float32),
        "tensor(2., requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "scalar_grad_fn",
        np.array(28.0, dtype=np.float32),
        "tensor(28., grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "scalar_float64_grad_fn",
        np.array(28.0, dtype=np.float64),
        "tensor(28., dtype=torch.float64, grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "int_mode_aligned",
        np.array([0.0, 4.0, 8.0, 12.0], dtype=np.float32),
        "tensor([ 0.,  4.,  8., 12.])",
    ),
    Case(
        "int_mode_negative",
        np.array([-1.0, 2.0, -300.0], dtype=np.float32),
        "tensor([  -1.,    2., -300.])",
    ),
    Case(
        "fixed_mixed",
        np.array([1.5, -2.25, 10.0], dtype=np.float32),
        "tensor([ 1.5000, -2.2500, 10.0000])",
    ),
    Case(
        "fixed_rounding",
        np.array([0.12345, 0.99995, 1.00005], dtype=np.float64),
        "tensor([0.1235, 1.0000, 1.0001], dtype=torch.float64)",
    ),
    Case(
        "fixed_ratio_exactly_1000",
        np.array([1.0, 1000.0], dtype=np.float32),
        "tensor([   1., 1000.])",
    ),
    Case(
        "sci_ratio_above_1000",
        np.array([1.0, 1001.0], dtype=np.float32),
        "tensor([1.0000e+00, 1.0010e+03])",
    ),
    Case(
        "fixed_ratio_tenth_hundred_f32",
        np.array([0.1, 100.0], dtype=np.float32),
        "tensor([  0.1000, 100.0000])",
    ),
    Case(
        "fixed_ratio_tenth_hundred_f64",
        np.array([0.1, 100.0], dtype=np.float64),
        "tensor([  0.1000, 100.0000], dtype=torch.float64)",
    ),
    Case(
        "min_1e4_float32_is_sci",
        np.array([0.0001, 0.001], dtype=np.float32),
        "tensor([1.0000e-04, 1.0000e-03])",
    ),
    Case(
        "min_1e4_float64_is_fixed",
        np.array([0.0001, 0.001], dtype=np.float64),
        "tensor([0.0001, 0.0010], dtype=torch.float64)",
    ),
    Case(
        "max_1e8_fixed",
        np.array([1e8, 2e7], dtype=np.float32),
        "tensor([100000000.,  20000000.])",
    ),
    Case(
        "max_above_1e8_sci",
        np.array([1.5e8, 2e7], dtype=np.float32),
        "tensor([1.5000e+08, 2.0000e+07])",
    ),
    Case(
        "sci_small",
        np.array([1e-5, 2.5e-5], dtype=np.float32),
        "tensor([1.0000e-05, 2.5000e-05])",
    ),
    Case(
        "sci_mixed_sign",
        np.array([-1e-5, 3.0, 12345.0], dtype=np.float32),
        "tensor([-1.0000e-05,  3.0000e+00,  1.2345e+04])",
    ),
    Case(
        "sci_int_mode",
        np.array([1e10, 1.0], dtype=np.float32),
        "tensor([1.0000e+10, 1.0000e+00])",
    ),
    Case(
        "all_zeros",
        np.zeros(3, dtype=np.float32),
        "tensor([0., 0., 0.])",
    ),
    Case(
        "zeros_2d",
        np.zeros((2, 3), dtype=np.float32),
        (
            "tensor([[0., 0., 0.],\n"
            "        [0., 0., 0.]])"
        ),
    ),
    Case(
        "neg_zero_int_mode",
        np.array([0.0, -0.0], dtype=np.float32),
        "tensor([0., -0.])",
    ),
    Case(
        "neg_zero_fixed",
        np.array([1.5, -0.0], dtype=np.float32),
        "tensor([1.5000, -0.0000])",
    ),
    Case(
        "neg_zero_sci",
        np.array([1e-5, -0.0, 1.0], dtype=np.float32),
        "tensor([1.0000e-05, -0.0000e+00, 1.0000e+00])",
    ),
    Case(
        "neg_zero_first",
        np.array([-0.0, 1.0, 10.0], dtype=np.float32),
        "tensor([-0.,  1., 10.])",
    ),
    Case(
        "inf_nan_only",
        np.array([np.inf, -np.inf, np.nan], dtype=np.float32),
        "tensor([inf, -inf, nan])",
    ),
    Case(
        "inf_int_mode",
        np.array([1.0, np.inf, 20.0], dtype=np.float32),
        "tensor([ 1., inf, 20.])",
    ),
    Case(
        "nan_fixed",
        np.array([1.5, np.nan, -np.inf], dtype=np.float32),
        "tensor([1.5000,    nan,   -inf])",
    ),
    Case(
        "nan_sci",
        np.array([1e10, np.nan, 1.0, -np.inf], dtype=np.float32),
        "tensor([1.0000e+10,        nan, 1.0000e+00,       -inf])",
    ),
    Case(
        "huge_float64",
        np.array([1e300, -1e-300], dtype=np.float64),
        "tensor([ 1.0000e+300, -1.0000e-300], dtype=torch.float64)",
    ),
    Case(
        "float64_arange_wrap",
        np.arange(30, dtype=np.float64),
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n"
            "        28., 29.], dtype=torch.float64)"
        ),
    ),
    Case(
        "float32_wrap_fixed",
        (np.arange(25, dtype=np.float32) * np.float32(0.37) - 4).astype(np.float32),
        (
            "tensor([-4.0000, -3.6300, -3.2600, -2.8900, -2.5200, -2.1500, -1.7800, -1.4100,\n"
            "        -1.0400, -0.6700, -0.3000,  0.0700,  0.4400,  0.8100,  1.1800,  1.5500,\n"
            "         1.9200,  2.2900,  2.6600,  3.0300,  3.4000,  3.7700,  4.1400,  4.5100,\n"
            "         4.8800])"
        ),
    ),
    Case(
        "float32_wrap_sci",
        (np.arange(1, 22, dtype=np.float32) ** 7).astype(np.float32),
        (
            "tensor([1.0000e+00, 1.2800e+02, 2.1870e+03, 1.6384e+04, 7.8125e+04, 2.7994e+05,\n"
            "        8.2354e+05, 2.0972e+06, 4.7830e+06, 1.0000e+07, 1.9487e+07, 3.5832e+07,\n"
            "        6.2749e+07, 1.0541e+08, 1.7086e+08, 2.6844e+08, 4.1034e+08, 6.1222e+08,\n"
            "        8.9387e+08, 1.2800e+09, 1.8011e+09])"
        ),
    ),
    Case(
        "float16",
        np.array([1.5, 2.0, 65504.0], dtype=np.float16),
        "tensor([1.5000e+00, 2.0000e+00, 6.5504e+04], dtype=torch.float16)",
    ),
    Case(
        "float16_fraction",
        np.array([0.1, 0.2], dtype=np.float16),
        "tensor([0.1000, 0.2000], dtype=torch.float16)",
    ),
    Case(
        "bfloat16",
        np.array([1.0, 2.0, 0.5], dtype=np.float32),
        "tensor([1.0000, 2.0000, 0.5000], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "bfloat16_fraction",
        np.array([0.099609375, 3.140625], dtype=np.float32),
        "tensor([0.0996, 3.1406], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "float64_vector",
        np.array([1.0, 2.5], dtype=np.float64),
        "tensor([1.0000, 2.5000], dtype=torch.float64)",
    ),
    Case(
        "int64_vector",
        np.array([1, -20, 300], dtype=np.int64),
        "tensor([  1, -20, 300])",
    ),
    Case(
        "int64_extremes",
        np.array([2**63 - 1, -(2**63)], dtype=np.int64),
        "tensor([ 9223372036854775807, -9223372036854775808])",
    ),
    Case(
        "int32_vector",
        np.array([1, 2, 3], dtype=np.int32),
        "tensor([1, 2, 3], dtype=torch.int32)",
    ),
    Case(
        "int16_vector",
        np.array([-1, 2], dtype=np.int16),
        "tensor([-1,  2], dtype=torch.int16)",
    ),
    Case(
        "int8_vector",
        np.array([-128, 127], dtype=np.int8),
        "tensor([-128,  127], dtype=torch.int8)",
    ),
    Case(
        "uint8_vector",
        np.array([0, 255, 7], dtype=np.uint8),
        "tensor([  0, 255,   7], dtype=torch.uint8)",
    ),
    Case(
        "uint16_vector",
        np.array([1, 2, 200], dtype=np.uint16),
        "tensor([  1,   2, 200], dtype=torch.uint16)",
    ),
    Case(
        "uint32_vector",
        np.array([1, 4000000000], dtype=np.uint32),
        "tensor([         1, 4000000000], dtype=torch.uint32)",
    ),
    Case(
        "uint64_vector",
        np.array([1, 2**64 - 1], dtype=np.uint64),
        "tensor([                   1, 18446744073709551615], dtype=torch.uint64)",
    ),
    Case(
        "bool_vector",
        np.array([True, False]),
        "tensor([ True, False])",
    ),
    Case(
        "bool_all_true",
        np.array([True, True]),
        "tensor([True, True])",
    ),
    Case(
        "bool_matrix",
        np.array([[True, False, True], [False, False, True]]),
        (
            "tensor([[ True, False,  True],\n"
            "        [False, False,  True]])"
        ),
    ),
    Case(
        "int_matrix",
        np.arange(12, dtype=np.int64).reshape(3, 4) - 5,
        (
            "tensor([[-5, -4, -3, -2],\n"
            "        [-1,  0,  1,  2],\n"
            "        [ 3,  4,  5,  6]])"
        ),
    ),
    Case(
        "int_long_wrap",
        np.arange(40, dtype=np.int64) * 1000,
        (
            "tensor([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,\n"
            "        10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000,\n"
            "        20000, 21000, 22000, 23000, 24000, 25000, 26000, 27000, 28000, 29000,\n"
            "        30000, 31000, 32000, 33000, 34000, 35000, 36000, 37000, 38000, 39000])"
        ),
    ),
    Case(
        "complex_int_mode",
        np.array([1 + 2j, -3 - 4j], dtype=np.complex64),
        "tensor([ 1.+2.j, -3.-4.j])",
    ),
    Case(
        "complex_fixed",
        np.array([1.5 - 2j, -0.5 + 0.25j], dtype=np.complex64),
        "tensor([ 1.5000-2.0000j, -0.5000+0.2500j])",
    ),
    Case(
        "complex128",
        np.array([1.5 - 2j, -0.5 + 0.25j], dtype=np.complex128),
        "tensor([ 1.5000-2.0000j, -0.5000+0.2500j], dtype=torch.complex128)",
    ),
    Case(
        "complex_sci_real",
        np.array([1e-5 + 1j, 1 + 2j], dtype=np.complex64),
        "tensor([1.0000e-05+1.j, 1.0000e+00+2.j])",
    ),
    Case(
        "complex_sci_imag",
        np.array([1 + 1e10j, 2 + 1j], dtype=np.complex64),
        "tensor([1.+1.0000e+10j, 2.+1.0000e+00j])",
    ),
    Case(
        "complex_neg_zero_imag",
        np.array([complex(1.0, -0.0), complex(-0.0, 2.5)], dtype=np.complex64),
        "tensor([1.-0.0000j, -0.+2.5000j])",
    ),
    Case(
        "complex_nonfinite",
        np.array([complex(np.inf, np.nan), complex(1, -np.inf)], dtype=np.complex64),
        "tensor([inf+nanj, 1.-infj])",
    ),
    Case(
        "complex_matrix",
        (np.arange(6).reshape(2, 3) * (0.5 - 1.25j)).astype(np.complex64),
        (
            "tensor([[0.0000+0.0000j, 0.5000-1.2500j, 1.0000-2.5000j],\n"
            "        [1.5000-3.7500j, 2.0000-5.0000j, 2.5000-6.2500j]])"
        ),
    ),
    Case(
        "complex_wrap",
        (np.arange(20) * (0.5 - 1.25j)).astype(np.complex64),
        (
            "tensor([0.0000+0.0000j, 0.5000-1.2500j, 1.0000-2.5000j, 1.5000-3.7500j,\n"
            "        2.0000-5.0000j, 2.5000-6.2500j, 3.0000-7.5000j, 3.5000-8.7500j,\n"
            "        4.0000-10.0000j, 4.5000-11.2500j, 5.0000-12.5000j, 5.5000-13.7500j,\n"
            "        6.0000-15.0000j, 6.5000-16.2500j, 7.0000-17.5000j, 7.5000-18.7500j,\n"
            "        8.0000-20.0000j, 8.5000-21.2500j, 9.0000-22.5000j, 9.5000-23.7500j])"
        ),
    ),
    Case(
        "complex32",
        np.array([1 + 2j, 0.5], dtype=np.complex64),
        "tensor([1.0000+2.j, 0.5000+0.j], dtype=torch.complex32)",
        dtype_name="complex32",
    ),
    Case(
        "complex_requires_grad",
        np.array([1 + 2j], dtype=np.complex64),
        "tensor([1.+2.j], requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "matrix_2x2",
        np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32),
        (
            "tensor([[1., 2.],\n"
            "        [3., 4.]])"
        ),
    ),
    Case(
        "matrix_fixed",
        np.array([[1.5, -2.0], [3.25, 400.0]], dtype=np.float32),
        (
            "tensor([[  1.5000,  -2.0000],\n"
            "        [  3.2500, 400.0000]])"
        ),
    ),
    Case(
        "matrix_col",
        np.array([[1.0], [2.0], [3.0]], dtype=np.float32),
        (
            "tensor([[1.],\n"
            "        [2.],\n"
            "        [3.]])"
        ),
    ),
    Case(
        "matrix_row",
        np.array([[1.0, 2.0, 3.0]], dtype=np.float32),
        "tensor([[1., 2., 3.]])",
    ),
    Case(
        "tensor3d",
        np.arange(24, dtype=np.float32).reshape(2, 3, 4),
        (
            "tensor([[[ 0.,  1.,  2.,  3.],\n"
            "         [ 4.,  5.,  6.,  7.],\n"
            "         [ 8.,  9., 10., 11.]],\n"
            "\n"
            "        [[12., 13., 14., 15.],\n"
            "         [16., 17., 18., 19.],\n"
            "         [20., 21., 22., 23.]]])"
        ),
    ),
    Case(
        "tensor3d_int",
        np.arange(24, dtype=np.int64).reshape(2, 3, 4),
        (
            "tensor([[[ 0,  1,  2,  3],\n"
            "         [ 4,  5,  6,  7],\n"
            "         [ 8,  9, 10, 11]],\n"
            "\n"
            "        [[12, 13, 14, 15],\n"
            "         [16, 17, 18, 19],\n"
            "         [20, 21, 22, 23]]])"
        ),
    ),
    Case(
        "tensor4d",
        np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2),
        (
            "tensor([[[[ 0.,  1.],\n"
            "          [ 2.,  3.]],\n"
            "\n"
            "         [[ 4.,  5.],\n"
            "          [ 6.,  7.]]],\n"
            "\n"
            "\n"
            "        [[[ 8.,  9.],\n"
            "          [10., 11.]],\n"
            "\n"
            "         [[12., 13.],\n"
            "          [14., 15.]]]])"
        ),
    ),
    Case(
        "tensor5d",
        np.arange(32, dtype=np.int64).reshape(2, 2, 2, 2, 2),
        (
            "tensor([[[[[ 0,  1],\n"
            "           [ 2,  3]],\n"
            "\n"
            "          [[ 4,  5],\n"
            "           [ 6,  7]]],\n"
            "\n"
            "\n"
            "         [[[ 8,  9],\n"
            "           [10, 11]],\n"
            "\n"
            "          [[12, 13],\n"
            "           [14, 15]]]],\n"
            "\n"
            "\n"
            "\n"
            "        [[[[16, 17],\n"
            "           [18, 19]],\n"
            "\n"
            "          [[20, 21],\n"
            "           [22, 23]]],\n"
            "\n"
            "\n"
            "         [[[24, 25],\n"
            "           [26, 27]],\n"
            "\n"
            "          [[28, 29],\n"
            "           [30, 31]]]]])"
        ),
    ),
    Case(
        "singleton_3d",
        np.array([[[5.5]]], dtype=np.float32),
        "tensor([[[5.5000]]])",
    ),
    Case(
        "matrix_row_wraps",
        (np.arange(40, dtype=np.float32).reshape(2, 20) * np.float32(1.5)).astype(np.float32),
        (
            "tensor([[ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
            "         12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
            "         24.0000, 25.5000, 27.0000, 28.5000],\n"
            "        [30.0000, 31.5000, 33.0000, 34.5000, 36.0000, 37.5000, 39.0000, 40.5000,\n"
            "         42.0000, 43.5000, 45.0000, 46.5000, 48.0000, 49.5000, 51.0000, 52.5000,\n"
            "         54.0000, 55.5000, 57.0000, 58.5000]])"
        ),
    ),
    Case(
        "tensor3d_rows_wrap",
        (np.arange(60, dtype=np.float64).reshape(2, 2, 15) / 7),
        (
            "tensor([[[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000,\n"
            "          1.1429, 1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000],\n"
            "         [2.1429, 2.2857, 2.4286, 2.5714, 2.7143, 2.8571, 3.0000, 3.1429,\n"
            "          3.2857, 3.4286, 3.5714, 3.7143, 3.8571, 4.0000, 4.1429]],\n"
            "\n"
            "        [[4.2857, 4.4286, 4.5714, 4.7143, 4.8571, 5.0000, 5.1429, 5.2857,\n"
            "          5.4286, 5.5714, 5.7143, 5.8571, 6.0000, 6.1429, 6.2857],\n"
            "         [6.4286, 6.5714, 6.7143, 6.8571, 7.0000, 7.1429, 7.2857, 7.4286,\n"
            "          7.5714, 7.7143, 7.8571, 8.0000, 8.1429, 8.2857, 8.4286]]],\n"
            "       dtype=torch.float64)"
        ),
    ),
    Case(
        "matrix_grad_fn",
        np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32),
        (
            "tensor([[1., 2.],\n"
            "        [3., 4.]], grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "matrix_float64_requires_grad",
        np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float64),
        (
            "tensor([[1., 2.],\n"
            "        [3., 4.]], dtype=torch.float64, requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "summarize_arange",
        np.arange(2000, dtype=np.float32),
        (
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
            "        1.9990e+03])"
        ),
    ),
    Case(
        "summarize_1001_int",
        np.arange(1001, dtype=np.int64),
        "tensor([   0,    1,    2,  ...,  998,  999, 1000])",
    ),
    Case(
        "no_summarize_1000",
        np.arange(1000, dtype=np.int64),
        (
            "tensor([  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,\n"
            "         14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,\n"
            "         28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,  41,\n"
            "         42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,\n"
            "         56,  57,  58,  59,  60,  61,  62,  63,  64,  65,  66,  67,  68,  69,\n"
            "         70,  71,  72,  73,  74,  75,  76,  77,  78,  79,  80,  81,  82,  83,\n"
            "         84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95,  96,  97,\n"
            "         98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,\n"
            "        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125,\n"
            "        126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139,\n"
            "        140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153,\n"
            "        154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167,\n"
            "        168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181,\n"
            "        182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195,\n"
            "        196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209,\n"
            "        210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,\n"
            "        224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237,\n"
            "        238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251,\n"
            "        252, 253, 254, 255, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265,\n"
            "        266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279,\n"
            "        280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293,\n"
            "        294, 295, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307,\n"
            "        308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321,\n"
            "        322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 334, 335,\n"
            "        336, 337, 338, 339, 340, 341, 342, 343, 344, 345, 346, 347, 348, 349,\n"
            "        350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 360, 361, 362, 363,\n"
            "        364, 365, 366, 367, 368, 369, 370, 371, 372, 373, 374, 375, 376, 377,\n"
            "        378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 391,\n"
            "        392, 393, 394, 395, 396, 397, 398, 399, 400, 401, 402, 403, 404, 405,\n"
            "        406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419,\n"
            "        420, 421, 422, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433,\n"
            "        434, 435, 436, 437, 438, 439, 440, 441, 442, 443, 444, 445, 446, 447,\n"
            "        448, 449, 450, 451, 452, 453, 454, 455, 456, 457, 458, 459, 460, 461,\n"
            "        462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475,\n"
            "        476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489,\n"
            "        490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500, 501, 502, 503,\n"
            "        504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517,\n"
            "        518, 519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531,\n"
            "        532, 533, 534, 535, 536, 537, 538, 539, 540, 541, 542, 543, 544, 545,\n"
            "        546, 547, 548, 549, 550, 551, 552, 553, 554, 555, 556, 557, 558, 559,\n"
            "        560, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573,\n"
            "        574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586, 587,\n"
            "        588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601,\n"
            "        602, 603, 604, 605, 606, 607, 608, 609, 610, 611, 612, 613, 614, 615,\n"
            "        616, 617, 618, 619, 620, 621, 622, 623, 624, 625, 626, 627, 628, 629,\n"
            "        630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643,\n"
            "        644, 645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 656, 657,\n"
            "        658, 659, 660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671,\n"
            "        672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 684, 685,\n"
            "        686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 696, 697, 698, 699,\n"
            "        700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712, 713,\n"
            "        714, 715, 716, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727,\n"
            "        728, 729, 730, 731, 732, 733, 734, 735, 736, 737, 738, 739, 740, 741,\n"
            "        742, 743, 744, 745, 746, 747, 748, 749, 750, 751, 752, 753, 754, 755,\n"
            "        756, 757, 758, 759, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769,\n"
            "        770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783,\n"
            "        784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797,\n"
            "        798, 799, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, 811,\n"
            "        812, 813, 814, 815, 816, 817, 818, 819, 820, 821, 822, 823, 824, 825,\n"
            "        826, 827, 828, 829, 830, 831, 832, 833, 834, 835, 836, 837, 838, 839,\n"
            "        840, 841, 842, 843, 844, 845, 846, 847, 848, 849, 850, 851, 852, 853,\n"
            "        854, 855, 856, 857, 858, 859, 860, 861, 862, 863, 864, 865, 866, 867,\n"
            "        868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881,\n"
            "        882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895,\n"
            "        896, 897, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909,\n"
            "        910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923,\n"
            "        924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 935, 936, 937,\n"
            "        938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951,\n"
            "        952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965,\n"
            "        966, 967, 968, 969, 970, 971, 972, 973, 974, 975, 976, 977, 978, 979,\n"
            "        980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 990, 991, 992, 993,\n"
            "        994, 995, 996, 997, 998, 999])"
        ),
    ),
    Case(
        "summarize_matrix",
        np.arange(2000, dtype=np.float32).reshape(100, 20),
        (
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.7000e+01, 1.8000e+01,\n"
            "         1.9000e+01],\n"
            "        [2.0000e+01, 2.1000e+01, 2.2000e+01,  ..., 3.7000e+01, 3.8000e+01,\n"
            "         3.9000e+01],\n"
            "        [4.0000e+01, 4.1000e+01, 4.2000e+01,  ..., 5.7000e+01, 5.8000e+01,\n"
            "         5.9000e+01],\n"
            "        ...,\n"
            "        [1.9400e+03, 1.9410e+03, 1.9420e+03,  ..., 1.9570e+03, 1.9580e+03,\n"
            "         1.9590e+03],\n"
            "        [1.9600e+03, 1.9610e+03, 1.9620e+03,  ..., 1.9770e+03, 1.9780e+03,\n"
            "         1.9790e+03],\n"
            "        [1.9800e+03, 1.9810e+03, 1.9820e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
            "         1.9990e+03]])"
        ),
    ),
    Case(
        "summarize_wide_matrix",
        np.arange(2000, dtype=np.float32).reshape(2, 1000),
        (
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02,\n"
            "         9.9900e+02],\n"
            "        [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
            "         1.9990e+03]])"
        ),
    ),
    Case(
        "summarize_3d",
        np.arange(2000, dtype=np.int64).reshape(20, 10, 10),
        (
            "tensor([[[   0,    1,    2,  ...,    7,    8,    9],\n"
            "         [  10,   11,   12,  ...,   17,   18,   19],\n"
            "         [  20,   21,   22,  ...,   27,   28,   29],\n"
            "         ...,\n"
            "         [  70,   71,   72,  ...,   77,   78,   79],\n"
            "         [  80,   81,   82,  ...,   87,   88,   89],\n"
            "         [  90,   91,   92,  ...,   97,   98,   99]],\n"
            "\n"
            "        [[ 100,  101,  102,  ...,  107,  108,  109],\n"
            "         [ 110,  111,  112,  ...,  117,  118,  119],\n"
            "         [ 120,  121,  122,  ...,  127,  128,  129],\n"
            "         ...,\n"
            "         [ 170,  171,  172,  ...,  177,  178,  179],\n"
            "         [ 180,  181,  182,  ...,  187,  188,  189],\n"
            "         [ 190,  191,  192,  ...,  197,  198,  199]],\n"
            "\n"
            "        [[ 200,  201,  202,  ...,  207,  208,  209],\n"
            "         [ 210,  211,  212,  ...,  217,  218,  219],\n"
            "         [ 220,  221,  222,  ...,  227,  228,  229],\n"
            "         ...,\n"
            "         [ 270,  271,  272,  ...,  277,  278,  279],\n"
            "         [ 280,  281,  282,  ...,  287,  288,  289],\n"
            "         [ 290,  291,  292,  ...,  297,  298,  299]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[1700, 1701, 1702,  ..., 1707, 1708, 1709],\n"
            "         [1710, 1711, 1712,  ..., 1717, 1718, 1719],\n"
            "         [1720, 1721, 1722,  ..., 1727, 1728, 1729],\n"
            "         ...,\n"
            "         [1770, 1771, 1772,  ..., 1777, 1778, 1779],\n"
            "         [1780, 1781, 1782,  ..., 1787, 1788, 1789],\n"
            "         [1790, 1791, 1792,  ..., 1797, 1798, 1799]],\n"
            "\n"
            "        [[1800, 1801, 1802,  ..., 1807, 1808, 1809],\n"
            "         [1810, 1811, 1812,  ..., 1817, 1818, 1819],\n"
            "         [1820, 1821, 1822,  ..., 1827, 1828, 1829],\n"
            "         ...,\n"
            "         [1870, 1871, 1872,  ..., 1877, 1878, 1879],\n"
            "         [1880, 1881, 1882,  ..., 1887, 1888, 1889],\n"
            "         [1890, 1891, 1892,  ..., 1897, 1898, 1899]],\n"
            "\n"
            "        [[1900, 1901, 1902,  ..., 1907, 1908, 1909],\n"
            "         [1910, 1911, 1912,  ..., 1917, 1918, 1919],\n"
            "         [1920, 1921, 1922,  ..., 1927, 1928, 1929],\n"
            "         ...,\n"
            "         [1970, 1971, 1972,  ..., 1977, 1978, 1979],\n"
            "         [1980, 1981, 1982,  ..., 1987, 1988, 1989],\n"
            "         [1990, 1991, 1992,  ..., 1997, 1998, 1999]]])"
        ),
    ),
    Case(
        "summarize_hidden_outlier",
        np.where(np.arange(2000) == 1000, 1e10, np.arange(2000) % 100 + 1).astype(np.float32),
        "tensor([  1.,   2.,   3.,  ...,  98.,  99., 100.])",
    ),
    Case(
        "summarize_hidden_fraction",
        np.where(np.arange(2000) == 1000, 0.5, np.arange(2000) % 100 + 1).astype(np.float32),
        "tensor([  1.,   2.,   3.,  ...,  98.,  99., 100.])",
    ),
    Case(
        "summarize_hidden_neg_zero_3d",
        np.where(np.arange(3000) == 1500, -0.0, np.arange(3000) % 7 + 0.25).reshape(30, 10, 10),
        (
            "tensor([[[0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500],\n"
            "         [6.2500, 0.2500, 1.2500,  ..., 6.2500, 0.2500, 1.2500],\n"
            "         ...,\n"
            "         [0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500],\n"
            "         [6.2500, 0.2500, 1.2500,  ..., 6.2500, 0.2500, 1.2500]],\n"
            "\n"
            "        [[2.2500, 3.2500, 4.2500,  ..., 2.2500, 3.2500, 4.2500],\n"
            "         [5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500],\n"
            "         ...,\n"
            "         [2.2500, 3.2500, 4.2500,  ..., 2.2500, 3.2500, 4.2500],\n"
            "         [5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500]],\n"
            "\n"
            "        [[4.2500, 5.2500, 6.2500,  ..., 4.2500, 5.2500, 6.2500],\n"
            "         [0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500],\n"
            "         ...,\n"
            "         [4.2500, 5.2500, 6.2500,  ..., 4.2500, 5.2500, 6.2500],\n"
            "         [0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500],\n"
            "         [4.2500, 5.2500, 6.2500,  ..., 4.2500, 5.2500, 6.2500],\n"
            "         ...,\n"
            "         [5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500],\n"
            "         [4.2500, 5.2500, 6.2500,  ..., 4.2500, 5.2500, 6.2500]],\n"
            "\n"
            "        [[0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500],\n"
            "         [6.2500, 0.2500, 1.2500,  ..., 6.2500, 0.2500, 1.2500],\n"
            "         ...,\n"
            "         [0.2500, 1.2500, 2.2500,  ..., 0.2500, 1.2500, 2.2500],\n"
            "         [3.2500, 4.2500, 5.2500,  ..., 3.2500, 4.2500, 5.2500],\n"
            "         [6.2500, 0.2500, 1.2500,  ..., 6.2500, 0.2500, 1.2500]],\n"
            "\n"
            "        [[2.2500, 3.2500, 4.2500,  ..., 2.2500, 3.2500, 4.2500],\n"
            "         [5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500],\n"
            "         ...,\n"
            "         [2.2500, 3.2500, 4.2500,  ..., 2.2500, 3.2500, 4.2500],\n"
            "         [5.2500, 6.2500, 0.2500,  ..., 5.2500, 6.2500, 0.2500],\n"
            "         [1.2500, 2.2500, 3.2500,  ..., 1.2500, 2.2500, 3.2500]]],\n"
            "       dtype=torch.float64)"
        ),
    ),
    Case(
        "summarize_small_middle_dim",
        np.arange(1200, dtype=np.float32).reshape(200, 2, 3),
        (
            "tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00],\n"
            "         [3.0000e+00, 4.0000e+00, 5.0000e+00]],\n"
            "\n"
            "        [[6.0000e+00, 7.0000e+00, 8.0000e+00],\n"
            "         [9.0000e+00, 1.0000e+01, 1.1000e+01]],\n"
            "\n"
            "        [[1.2000e+01, 1.3000e+01, 1.4000e+01],\n"
            "         [1.5000e+01, 1.6000e+01, 1.7000e+01]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[1.1820e+03, 1.1830e+03, 1.1840e+03],\n"
            "         [1.1850e+03, 1.1860e+03, 1.1870e+03]],\n"
            "\n"
            "        [[1.1880e+03, 1.1890e+03, 1.1900e+03],\n"
            "         [1.1910e+03, 1.1920e+03, 1.1930e+03]],\n"
            "\n"
            "        [[1.1940e+03, 1.1950e+03, 1.1960e+03],\n"
            "         [1.1970e+03, 1.1980e+03, 1.1990e+03]]])"
        ),
    ),
    Case(
        "summarize_complex",
        (np.arange(1500) * (1 - 0.5j)).astype(np.complex64),
        (
            "tensor([0.0000e+00+0.0000e+00j, 1.0000e+00-5.0000e-01j, 2.0000e+00-1.0000e+00j,\n"
            "         ..., 1.4970e+03-7.4850e+02j, 1.4980e+03-7.4900e+02j,\n"
            "        1.4990e+03-7.4950e+02j])"
        ),
    ),
    Case(
        "summarize_bool",
        np.arange(1500) % 3 == 0,
        "tensor([ True, False, False,  ...,  True, False, False])",
    ),
    Case(
        "summarize_requires_grad",
        np.arange(2000, dtype=np.float32).reshape(100, 20) / 7,
        (
            "tensor([[0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 2.4286e+00, 2.5714e+00,\n"
            "         2.7143e+00],\n"
            "        [2.8571e+00, 3.0000e+00, 3.1429e+00,  ..., 5.2857e+00, 5.4286e+00,\n"
            "         5.5714e+00],\n"
            "        [5.7143e+00, 5.8571e+00, 6.0000e+00,  ..., 8.1429e+00, 8.2857e+00,\n"
            "         8.4286e+00],\n"
            "        ...,\n"
            "        [2.7714e+02, 2.7729e+02, 2.7743e+02,  ..., 2.7957e+02, 2.7971e+02,\n"
            "         2.7986e+02],\n"
            "        [2.8000e+02, 2.8014e+02, 2.8029e+02,  ..., 2.8243e+02, 2.8257e+02,\n"
            "         2.8271e+02],\n"
            "        [2.8286e+02, 2.8300e+02, 2.8314e+02,  ..., 2.8529e+02, 2.8543e+02,\n"
            "         2.8557e+02]], requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "summarize_float64_grad_fn",
        np.arange(2000, dtype=np.float64),
        (
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
            "        1.9990e+03], dtype=torch.float64, grad_fn=<SubBackward0>)"
        ),
        suffixes=("grad_fn=<SubBackward0>",),
    ),
    Case(
        "empty_float",
        np.zeros(0, dtype=np.float32),
        "tensor([])",
    ),
    Case(
        "empty_matrix",
        np.zeros((0, 3), dtype=np.float32),
        "tensor([], size=(0, 3))",
    ),
    Case(
        "empty_cols",
        np.zeros((2, 0), dtype=np.float32),
        "tensor([], size=(2, 0))",
    ),
    Case(
        "empty_3d_int32",
        np.zeros((0, 0, 2), dtype=np.int32),
        "tensor([], size=(0, 0, 2), dtype=torch.int32)",
    ),
    Case(
        "empty_int64",
        np.zeros(0, dtype=np.int64),
        "tensor([], dtype=torch.int64)",
    ),
    Case(
        "empty_bool",
        np.zeros((0, 3), dtype=bool),
        "tensor([], size=(0, 3), dtype=torch.bool)",
    ),
    Case(
        "empty_float64",
        np.zeros(0, dtype=np.float64),
        "tensor([], dtype=torch.float64)",
    ),
    Case(
        "empty_complex64",
        np.zeros(0, dtype=np.complex64),
        "tensor([], dtype=torch.complex64)",
    ),
    Case(
        "empty_requires_grad",
        np.zeros((0, 2), dtype=np.float32),
        "tensor([], size=(0, 2), requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "suffix_wrap_float64_n7",
        np.arange(7, dtype=np.float64) + 0.5,
        (
            "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000],\n"
            "       dtype=torch.float64, grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_float64_n8",
        np.arange(8, dtype=np.float64) + 0.5,
        (
            "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000],\n"
            "       dtype=torch.float64, grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_float64_n9",
        np.arange(9, dtype=np.float64) + 0.5,
        (
            "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000],\n"
            "       dtype=torch.float64, grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_float64_n10",
        np.arange(10, dtype=np.float64) + 0.5,
        (
            "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000,\n"
            "        9.5000], dtype=torch.float64, grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_float64_n11",
        np.arange(11, dtype=np.float64) + 0.5,
        (
            "tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,\n"
            "         8.5000,  9.5000, 10.5000], dtype=torch.float64,\n"
            "       grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_float64_n12",
        np.arange(12, dtype=np.float64) + 0.5,
        (
            "tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,\n"
            "         8.5000,  9.5000, 10.5000, 11.5000], dtype=torch.float64,\n"
            "       grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "suffix_wrap_int8_n12",
        np.arange(12, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19],\n"
            "       dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_int8_n13",
        np.arange(13, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18],\n"
            "       dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_int8_n14",
        np.arange(14, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17],\n"
            "       dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_int8_n15",
        np.arange(15, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17,\n"
            "        -16], dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_int8_n16",
        np.arange(16, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17,\n"
            "        -16, -15], dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_int8_n17",
        np.arange(17, dtype=np.int8) - 30,
        (
            "tensor([-30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17,\n"
            "        -16, -15, -14], dtype=torch.int8)"
        ),
    ),
    Case(
        "suffix_wrap_after_wrapped_rows",
        np.arange(26, dtype=np.float64) * 3.5,
        (
            "tensor([ 0.0000,  3.5000,  7.0000, 10.5000, 14.0000, 17.5000, 21.0000, 24.5000,\n"
            "        28.0000, 31.5000, 35.0000, 38.5000, 42.0000, 45.5000, 49.0000, 52.5000,\n"
            "        56.0000, 59.5000, 63.0000, 66.5000, 70.0000, 73.5000, 77.0000, 80.5000,\n"
            "        84.0000, 87.5000], dtype=torch.float64, grad_fn=<ViewBackward0>)"
        ),
        suffixes=("grad_fn=<ViewBackward0>",),
    ),
    Case(
        "suffix_wrap_matrix_float16",
        np.arange(30, dtype=np.float16).reshape(2, 15) * 7,
        (
            "tensor([[  0.,   7.,  14.,  21.,  28.,  35.,  42.,  49.,  56.,  63.,  70.,  77.,\n"
            "          84.,  91.,  98.],\n"
            "        [105., 112., 119., 126., 133., 140., 147., 154., 161., 168., 175., 182.,\n"
            "         189., 196., 203.]], dtype=torch.float16, grad_fn=<ExpandBackward0>)"
        ),
        suffixes=("grad_fn=<ExpandBackward0>",),
    ),
    Case(
        "opt_precision_2",
        np.array([1.12345, 2.0], dtype=np.float32),
        "tensor([1.12, 2.00])",
        options={"precision": 2},
    ),
    Case(
        "opt_precision_0",
        np.array([1.5, 2.25], dtype=np.float64),
        "tensor([2, 2], dtype=torch.float64)",
        options={"precision": 0},
    ),
    Case(
        "opt_precision_8",
        np.array([1.12345, 2.0], dtype=np.float32),
        "tensor([1.12345004, 2.00000000])",
        options={"precision": 8},
    ),
    Case(
        "opt_precision_sci",
        np.array([1e-6, 2.0], dtype=np.float32),
        "tensor([1.0e-06, 2.0e+00])",
        options={"precision": 1},
    ),
    Case(
        "opt_sci_true",
        np.array([1.0, 2.5], dtype=np.float32),
        "tensor([1.0000e+00, 2.5000e+00])",
        options={"sci_mode": True},
    ),
    Case(
        "opt_sci_true_int",
        np.array([1, 2], dtype=np.int64),
        "tensor([1, 2])",
        options={"sci_mode": True},
    ),
    Case(
        "opt_sci_false",
        np.array([1e-6, 1e10], dtype=np.float32),
        "tensor([          0.0000, 10000000000.0000])",
        options={"sci_mode": False},
    ),
    Case(
        "opt_sci_false_int_mode",
        np.array([1e10, 1.0], dtype=np.float32),
        "tensor([10000000000.,           1.])",
        options={"sci_mode": False},
    ),
    Case(
        "opt_linewidth_40",
        np.arange(20, dtype=np.float32),
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,\n"
            "         6.,  7.,  8.,  9., 10., 11.,\n"
            "        12., 13., 14., 15., 16., 17.,\n"
            "        18., 19.])"
        ),
        options={"linewidth": 40},
    ),
    Case(
        "opt_linewidth_tiny",
        np.arange(5, dtype=np.float32),
        (
            "tensor([0.,\n"
            "        1.,\n"
            "        2.,\n"
            "        3.,\n"
            "        4.])"
        ),
        options={"linewidth": 5},
    ),
    Case(
        "opt_linewidth_120",
        np.arange(40, dtype=np.float64) * 1.5,
        (
            "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000, 12.0000, 13.5000, 15.0000, 16.5000,\n"  # noqa: E501
            "        18.0000, 19.5000, 21.0000, 22.5000, 24.0000, 25.5000, 27.0000, 28.5000, 30.0000, 31.5000, 33.0000, 34.5000,\n"  # noqa: E501
            "        36.0000, 37.5000, 39.0000, 40.5000, 42.0000, 43.5000, 45.0000, 46.5000, 48.0000, 49.5000, 51.0000, 52.5000,\n"  # noqa: E501
            "        54.0000, 55.5000, 57.0000, 58.5000], dtype=torch.float64, grad_fn=<MulBackward0>)"  # noqa: E501
        ),
        suffixes=("grad_fn=<MulBackward0>",),
        options={"linewidth": 120},
    ),
    Case(
        "opt_threshold_5",
        np.arange(10, dtype=np.int64),
        "tensor([0, 1, 2,  ..., 7, 8, 9])",
        options={"threshold": 5},
    ),
    Case(
        "opt_threshold_5_matrix",
        np.arange(12, dtype=np.float32).reshape(3, 4),
        (
            "tensor([[ 0.,  ...,  3.],\n"
            "        ...,\n"
            "        [ 8.,  ..., 11.]])"
        ),
        options={"threshold": 5, "edgeitems": 1},
    ),
    Case(
        "opt_threshold_0_scalar",
        np.array(3.0, dtype=np.float32),
        "tensor(3.)",
        options={"threshold": 0},
    ),
    Case(
        "opt_edgeitems_1",
        np.arange(2000, dtype=np.float32).reshape(40, 50),
        (
            "tensor([[   0.,  ...,   49.],\n"
            "        ...,\n"
            "        [1950.,  ..., 1999.]])"
        ),
        options={"edgeitems": 1},
    ),
    Case(
        "opt_edgeitems_0_small",
        np.arange(5, dtype=np.float32),
        "tensor([0., 1., 2., 3., 4.], size=(5,))",
        options={"edgeitems": 0},
    ),
    Case(
        "opt_edgeitems_0_summarized",
        np.arange(2000, dtype=np.float32).reshape(2, 1000),
        "tensor([...], size=(2, 1000))",
        options={"edgeitems": 0},
    ),
    Case(
        "opt_edgeitems_0_vector",
        np.arange(2000, dtype=np.float64),
        "tensor([...], size=(2000,), dtype=torch.float64, grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
        options={"edgeitems": 0},
    ),
    Case(
        "opt_edgeitems_0_empty",
        np.zeros((0, 2), dtype=np.float32),
        "tensor([], size=(0, 2))",
        options={"edgeitems": 0},
    ),
    Case(
        "opt_profile_short",
        np.array([1.12345, 2.0], dtype=np.float32),
        "tensor([1.12, 2.00])",
        options={"profile": 'short'},
    ),
    Case(
        "opt_profile_short_summarize",
        np.arange(2000, dtype=np.float32) / 3,
        "tensor([0.00e+00, 3.33e-01,  ..., 6.66e+02, 6.66e+02])",
        options={"profile": 'short'},
    ),
    Case(
        "opt_profile_full",
        np.arange(1100, dtype=np.int64),
        (
            "tensor([   0,    1,    2,    3,    4,    5,    6,    7,    8,    9,   10,   11,\n"
            "          12,   13,   14,   15,   16,   17,   18,   19,   20,   21,   22,   23,\n"
            "          24,   25,   26,   27,   28,   29,   30,   31,   32,   33,   34,   35,\n"
            "          36,   37,   38,   39,   40,   41,   42,   43,   44,   45,   46,   47,\n"
            "          48,   49,   50,   51,   52,   53,   54,   55,   56,   57,   58,   59,\n"
            "          60,   61,   62,   63,   64,   65,   66,   67,   68,   69,   70,   71,\n"
            "          72,   73,   74,   75,   76,   77,   78,   79,   80,   81,   82,   83,\n"
            "          84,   85,   86,   87,   88,   89,   90,   91,   92,   93,   94,   95,\n"
            "          96,   97,   98,   99,  100,  101,  102,  103,  104,  105,  106,  107,\n"
            "         108,  109,  110,  111,  112,  113,  114,  115,  116,  117,  118,  119,\n"
            "         120,  121,  122,  123,  124,  125,  126,  127,  128,  129,  130,  131,\n"
            "         132,  133,  134,  135,  136,  137,  138,  139,  140,  141,  142,  143,\n"
            "         144,  145,  146,  147,  148,  149,  150,  151,  152,  153,  154,  155,\n"
            "         156,  157,  158,  159,  160,  161,  162,  163,  164,  165,  166,  167,\n"
            "         168,  169,  170,  171,  172,  173,  174,  175,  176,  177,  178,  179,\n"
            "         180,  181,  182,  183,  184,  185,  186,  187,  188,  189,  190,  191,\n"
            "         192,  193,  194,  195,  196,  197,  198,  199,  200,  201,  202,  203,\n"
            "         204,  205,  206,  207,  208,  209,  210,  211,  212,  213,  214,  215,\n"
            "         216,  217,  218,  219,  220,  221,  222,  223,  224,  225,  226,  227,\n"
            "         228,  229,  230,  231,  232,  233,  234,  235,  236,  237,  238,  239,\n"
            "         240,  241,  242,  243,  244,  245,  246,  247,  248,  249,  250,  251,\n"
            "         252,  253,  254,  255,  256,  257,  258,  259,  260,  261,  262,  263,\n"
            "         264,  265,  266,  267,  268,  269,  270,  271,  272,  273,  274,  275,\n"
            "         276,  277,  278,  279,  280,  281,  282,  283,  284,  285,  286,  287,\n"
            "         288,  289,  290,  291,  292,  293,  294,  295,  296,  297,  298,  299,\n"
            "         300,  301,  302,  303,  304,  305,  306,  307,  308,  309,  310,  311,\n"
            "         312,  313,  314,  315,  316,  317,  318,  319,  320,  321,  322,  323,\n"
            "         324,  325,  326,  327,  328,  329,  330,  331,  332,  333,  334,  335,\n"
            "         336,  337,  338,  339,  340,  341,  342,  343,  344,  345,  346,  347,\n"
            "         348,  349,  350,  351,  352,  353,  354,  355,  356,  357,  358,  359,\n"
            "         360,  361,  362,  363,  364,  365,  366,  367,  368,  369,  370,  371,\n"
            "         372,  373,  374,  375,  376,  377,  378,  379,  380,  381,  382,  383,\n"
            "         384,  385,  386,  387,  388,  389,  390,  391,  392,  393,  394,  395,\n"
            "         396,  397,  398,  399,  400,  401,  402,  403,  404,  405,  406,  407,\n"
            "         408,  409,  410,  411,  412,  413,  414,  415,  416,  417,  418,  419,\n"
            "         420,  421,  422,  423,  424,  425,  426,  427,  428,  429,  430,  431,\n"
            "         432,  433,  434,  435,  436,  437,  438,  439,  440,  441,  442,  443,\n"
            "         444,  445,  446,  447,  448,  449,  450,  451,  452,  453,  454,  455,\n"
            "         456,  457,  458,  459,  460,  461,  462,  463,  464,  465,  466,  467,\n"
            "         468,  469,  470,  471,  472,  473,  474,  475,  476,  477,  478,  479,\n"
            "         480,  481,  482,  483,  484,  485,  486,  487,  488,  489,  490,  491,\n"
            "         492,  493,  494,  495,  496,  497,  498,  499,  500,  501,  502,  503,\n"
            "         504,  505,  506,  507,  508,  509,  510,  511,  512,  513,  514,  515,\n"
            "         516,  517,  518,  519,  520,  521,  522,  523,  524,  525,  526,  527,\n"
            "         528,  529,  530,  531,  532,  533,  534,  535,  536,  537,  538,  539,\n"
            "         540,  541,  542,  543,  544,  545,  546,  547,  548,  549,  550,  551,\n"
            "         552,  553,  554,  555,  556,  557,  558,  559,  560,  561,  562,  563,\n"
            "         564,  565,  566,  567,  568,  569,  570,  571,  572,  573,  574,  575,\n"
            "         576,  577,  578,  579,  580,  581,  582,  583,  584,  585,  586,  587,\n"
            "         588,  589,  590,  591,  592,  593,  594,  595,  596,  597,  598,  599,\n"
            "         600,  601,  602,  603,  604,  605,  606,  607,  608,  609,  610,  611,\n"
            "         612,  613,  614,  615,  616,  617,  618,  619,  620,  621,  622,  623,\n"
            "         624,  625,  626,  627,  628,  629,  630,  631,  632,  633,  634,  635,\n"
            "         636,  637,  638,  639,  640,  641,  642,  643,  644,  645,  646,  647,\n"
            "         648,  649,  650,  651,  652,  653,  654,  655,  656,  657,  658,  659,\n"
            "         660,  661,  662,  663,  664,  665,  666,  667,  668,  669,  670,  671,\n"
            "         672,  673,  674,  675,  676,  677,  678,  679,  680,  681,  682,  683,\n"
            "         684,  685,  686,  687,  688,  689,  690,  691,  692,  693,  694,  695,\n"
            "         696,  697,  698,  699,  700,  701,  702,  703,  704,  705,  706,  707,\n"
            "         708,  709,  710,  711,  712,  713,  714,  715,  716,  717,  718,  719,\n"
            "         720,  721,  722,  723,  724,  725,  726,  727,  728,  729,  730,  731,\n"
            "         732,  733,  734,  735,  736,  737,  738,  739,  740,  741,  742,  743,\n"
            "         744,  745,  746,  747,  748,  749,  750,  751,  752,  753,  754,  755,\n"
            "         756,  757,  758,  759,  760,  761,  762,  763,  764,  765,  766,  767,\n"
            "         768,  769,  770,  771,  772,  773,  774,  775,  776,  777,  778,  779,\n"
            "         780,  781,  782,  783,  784,  785,  786,  787,  788,  789,  790,  791,\n"
            "         792,  793,  794,  795,  796,  797,  798,  799,  800,  801,  802,  803,\n"
            "         804,  805,  806,  807,  808,  809,  810,  811,  812,  813,  814,  815,\n"
            "         816,  817,  818,  819,  820,  821,  822,  823,  824,  825,  826,  827,\n"
            "         828,  829,  830,  831,  832,  833,  834,  835,  836,  837,  838,  839,\n"
            "         840,  841,  842,  843,  844,  845,  846,  847,  848,  849,  850,  851,\n"
            "         852,  853,  854,  855,  856,  857,  858,  859,  860,  861,  862,  863,\n"
            "         864,  865,  866,  867,  868,  869,  870,  871,  872,  873,  874,  875,\n"
            "         876,  877,  878,  879,  880,  881,  882,  883,  884,  885,  886,  887,\n"
            "         888,  889,  890,  891,  892,  893,  894,  895,  896,  897,  898,  899,\n"
            "         900,  901,  902,  903,  904,  905,  906,  907,  908,  909,  910,  911,\n"
            "         912,  913,  914,  915,  916,  917,  918,  919,  920,  921,  922,  923,\n"
            "         924,  925,  926,  927,  928,  929,  930,  931,  932,  933,  934,  935,\n"
            "         936,  937,  938,  939,  940,  941,  942,  943,  944,  945,  946,  947,\n"
            "         948,  949,  950,  951,  952,  953,  954,  955,  956,  957,  958,  959,\n"
            "         960,  961,  962,  963,  964,  965,  966,  967,  968,  969,  970,  971,\n"
            "         972,  973,  974,  975,  976,  977,  978,  979,  980,  981,  982,  983,\n"
            "         984,  985,  986,  987,  988,  989,  990,  991,  992,  993,  994,  995,\n"
            "         996,  997,  998,  999, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007,\n"
            "        1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019,\n"
            "        1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031,\n"
            "        1032, 1033, 1034, 1035, 1036, 1037, 1038, 1039, 1040, 1041, 1042, 1043,\n"
            "        1044, 1045, 1046, 1047, 1048, 1049, 1050, 1051, 1052, 1053, 1054, 1055,\n"
            "        1056, 1057, 1058, 1059, 1060, 1061, 1062, 1063, 1064, 1065, 1066, 1067,\n"
            "        1068, 1069, 1070, 1071, 1072, 1073, 1074, 1075, 1076, 1077, 1078, 1079,\n"
            "        1080, 1081, 1082, 1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090, 1091,\n"
            "        1092, 1093, 1094, 1095, 1096, 1097, 1098, 1099])"
        ),
        options={"profile": 'full'},
    ),
    Case(
        "default_f64_float64",
        np.array([1.0, 2.5], dtype=np.float64),
        "tensor([1.0000, 2.5000])",
        default_dtype="float64",
    ),
    Case(
        "default_f64_float32",
        np.array([1.0, 2.5], dtype=np.float32),
        "tensor([1.0000, 2.5000], dtype=torch.float32)",
        default_dtype="float64",
    ),
    Case(
        "default_f64_complex128",
        np.array([1j], dtype=np.complex128),
        "tensor([0.+1.j])",
        default_dtype="float64",
    ),
    Case(
        "default_f64_complex64",
        np.array([1j], dtype=np.complex64),
        "tensor([0.+1.j], dtype=torch.complex64)",
        default_dtype="float64",
    ),
    Case(
        "default_f64_empty_float64",
        np.zeros(0, dtype=np.float64),
        "tensor([])",
        default_dtype="float64",
    ),
    Case(
        "default_f64_empty_float32",
        np.zeros(0, dtype=np.float32),
        "tensor([], dtype=torch.float32)",
        default_dtype="float64",
    ),
]

# Small random arrays (NumPy RNG, fixed seed) across dtypes, magnitudes and options.
RANDOM_CASES = [
    Case(
        "random_00",
        np.array([complex(-1.1782587e-05, np.inf)], dtype=np.complex64).reshape(()),
        "tensor(-1.1783e-05+infj)",
    ),
    Case(
        "random_01",
        np.array([
            complex(-55870.97426310202, np.inf), complex(-0.024495419064951434, 1e-05),
            complex(0.0, np.inf), complex(-np.inf, np.inf), complex(0.0002127040081104507, 1.0),
            complex(2.563866557955782e-08, 1e-05), complex(10.467075127283115, np.nan),
            complex(-1886.4595755602213, np.nan), complex(5.029888784068341e-07, -np.inf),
            complex(5.768033931535983e-06, 1e-05), complex(np.inf, 100000000.0),
            complex(13324.483492805273, 1.0), complex(-1.1362036618055983e-05, 0.0),
            complex(0.00030333293436738535, 0.5), complex(-0.0, 1e-05), complex(18590812.642374918,
            np.inf),
        ], dtype=np.complex128).reshape((4, 4)),
        (
            "tensor([[-5.5871e+04+infj, -2.4495e-02+1.0000e-05j,  0.0000e+00+infj,\n"
            "                -inf+infj],\n"
            "        [ 2.1270e-04+1.0000e+00j,  2.5639e-08+1.0000e-05j,  1.0467e+01+nanj,\n"
            "         -1.8865e+03+nanj],\n"
            "        [ 5.0299e-07-infj,  5.7680e-06+1.0000e-05j,         inf+1.0000e+08j,\n"
            "          1.3324e+04+1.0000e+00j],\n"
            "        [-1.1362e-05+0.0000e+00j,  3.0333e-04+5.0000e-01j, -0.0000e+00+1.0000e-05j,\n"
            "          1.8591e+07+infj]], dtype=torch.complex128)"
        ),
    ),
    Case(
        "random_02",
        np.array([
            100000000.0, -0.0, np.inf, 1.0, -0.0, np.nan, -0.0, 123.0, -np.inf, 0.5, np.nan,
            -np.inf,
        ], dtype=np.float32).reshape((3, 4)),
        (
            "tensor([[1.0000e+08, -0.0000e+00,        inf, 1.0000e+00],\n"
            "        [-0.0000e+00,        nan, -0.0000e+00, 1.2300e+02],\n"
            "        [      -inf, 5.0000e-01,        nan,       -inf]])"
        ),
    ),
    Case(
        "random_03",
        np.array([
            100000000.0, 0.0, 123.0, np.nan, 1e-05, 123.0, -0.0, np.nan, 0.5, 1.0, 100000000.0,
            123.0, np.nan, np.inf, 123.0,
        ], dtype=np.float64).reshape((5, 3)),
        (
            "tensor([[1.0000e+08, 0.0000e+00, 1.2300e+02],\n"
            "        [       nan, 1.0000e-05, 1.2300e+02],\n"
            "        [-0.0000e+00,        nan, 5.0000e-01],\n"
            "        [1.0000e+00, 1.0000e+08, 1.2300e+02],\n"
            "        [       nan,        inf, 1.2300e+02]], dtype=torch.float64)"
        ),
    ),
    Case(
        "random_04",
        np.array([
            -944892800000.0, -755914240000.0, 541165880000.0, -811748800000.0, -69793220000.0,
            -470298920000.0, 665719900000.0, -597000450000.0,
        ], dtype=np.float32).reshape((2, 4)),
        (
            "tensor([[-9.4489e+11, -7.5591e+11,  5.4117e+11, -8.1175e+11],\n"
            "        [-6.9793e+10, -4.7030e+11,  6.6572e+11, -5.9700e+11]],\n"
            "       dtype=torch.bfloat16, grad_fn=<CloneBackward0>)"
        ),
        dtype_name="bfloat16",
        suffixes=("grad_fn=<CloneBackward0>",),
    ),
    Case(
        "random_05",
        np.array([True, False]),
        "tensor([ True, False])",
    ),
    Case(
        "random_06",
        np.array([
            1.9520521e-06, 3.695488e-06, -1.7166138e-05, 7.5101852e-06, -8.791685e-07,
            9.655952e-06, -6.854534e-06, 9.953976e-06, 1.4364719e-05, -1.6987324e-06,
            -3.0398369e-06, -3.993511e-06,
        ], dtype=np.float32).reshape((3, 4)),
        (
            "tensor([[ 1.9521e-06,  3.6955e-06, -1.7166e-05,  7.5102e-06],\n"
            "        [-8.7917e-07,  9.6560e-06, -6.8545e-06,  9.9540e-06],\n"
            "        [ 1.4365e-05, -1.6987e-06, -3.0398e-06, -3.9935e-06]],\n"
            "       dtype=torch.bfloat16, requires_grad=True)"
        ),
        dtype_name="bfloat16",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_07",
        np.array([
            True, True, False, False, False, False, True, False, True, True, True, True,
        ]).reshape((4, 1, 3)),
        (
            "tensor([[[ True,  True, False]],\n"
            "\n"
            "        [[False, False, False]],\n"
            "\n"
            "        [[ True, False,  True]],\n"
            "\n"
            "        [[ True,  True,  True]]])"
        ),
    ),
    Case(
        "random_08",
        np.array([
            -992000.0, 721000.0, 319000.0, 281000.0, 378000.0,
        ], dtype=np.float32).reshape((1, 5)),
        "tensor([[-992000.,  721000.,  319000.,  281000.,  378000.]])",
        options={"precision": 3, "threshold": 1000},
    ),
    Case(
        "random_09",
        np.array([196, 192, 131, 117, 186], dtype=np.uint8).reshape((5, 1)),
        (
            "tensor([[196],\n"
            "        [192],\n"
            "        [131],\n"
            "        [117],\n"
            "        [186]], dtype=torch.uint8)"
        ),
        options={"threshold": 10},
    ),
    Case(
        "random_10",
        np.array([
            complex(-1709924889.8010366, -0.030408339999071336), complex(-63185488.78238633,
            933754.2897919281), complex(1360304215.3341112, 1.616038499007402),
            complex(-1018799991.4182118, 0.00014905664367956842), complex(239618805.79680777,
            -222760.61254509867), complex(742947824.8425435, -76.0214106318509),
            complex(-1081146205.8285728, -1.2063235769204643e-06), complex(-1353649128.7274568,
            -0.015413973869078265), complex(-787941323.1935658, 2081564.1954787255),
            complex(1342883742.1427727, -0.06179559057084499), complex(-135621707.18513793,
            -18340504.875020273), complex(249277940.00194317, 0.05848848725788258),
            complex(-648214705.1085588, 0.11849949413002789), complex(-30046892.191130925,
            -11.33728077108837), complex(-1976493064.8123105, -2.2760633952505286e-06),
            complex(-437763944.5010526, 1.2495522419384162e-05), complex(343426559.73447055,
            0.5009514420729916), complex(-1593658659.1281197, 449861274.2026127),
            complex(-2253139.372635205, -3877.290529277104), complex(-155220747.697697,
            -2.328059537700111),
        ], dtype=np.complex128).reshape((4, 1, 5)),
        (
            "tensor([[[-1.7099e+09-3.0408e-02j, -6.3185e+07+9.3375e+05j,\n"
            "           1.3603e+09+1.6160e+00j, -1.0188e+09+1.4906e-04j,\n"
            "           2.3962e+08-2.2276e+05j]],\n"
            "\n"
            "        [[ 7.4295e+08-7.6021e+01j, -1.0811e+09-1.2063e-06j,\n"
            "          -1.3536e+09-1.5414e-02j, -7.8794e+08+2.0816e+06j,\n"
            "           1.3429e+09-6.1796e-02j]],\n"
            "\n"
            "        [[-1.3562e+08-1.8341e+07j,  2.4928e+08+5.8488e-02j,\n"
            "          -6.4821e+08+1.1850e-01j, -3.0047e+07-1.1337e+01j,\n"
            "          -1.9765e+09-2.2761e-06j]],\n"
            "\n"
            "        [[-4.3776e+08+1.2496e-05j,  3.4343e+08+5.0095e-01j,\n"
            "          -1.5937e+09+4.4986e+08j, -2.2531e+06-3.8773e+03j,\n"
            "          -1.5522e+08-2.3281e+00j]]], dtype=torch.complex128)"
        ),
    ),
    Case(
        "random_11",
        np.array([34], dtype=np.int8).reshape(()),
        "tensor(34, dtype=torch.int8)",
        options={"precision": 1, "sci_mode": False, "linewidth": 63},
    ),
    Case(
        "random_12",
        np.array([-1.9117677e-05, -5.5066016e-06, -7.899675e-06], dtype=np.float32),
        "tensor([-1.9118e-05, -5.5066e-06, -7.8997e-06])",
    ),
    Case(
        "random_13",
        np.array([-800757010.6245255], dtype=np.float64).reshape(()),
        "tensor(-8.0076e+08, dtype=torch.float64, requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_14",
        np.array([-78463848.28796476], dtype=np.float64).reshape(()),
        "tensor(-78463848.2880, dtype=torch.float64)",
    ),
    Case(
        "random_15",
        np.array([np.inf, 318112320.0], dtype=np.float32),
        "tensor([       inf, 3.1811e+08], requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_16",
        np.array([complex(-657.4197269817414, np.nan)], dtype=np.complex128),
        (
            "tensor([-657.4197+nanj],\n"
            "       dtype=torch.complex128)"
        ),
        options={"linewidth": 45},
    ),
    Case(
        "random_17",
        np.array([
            -872684874.1362911, 1041303143.7190492, -815824184.6068116,
        ], dtype=np.float64).reshape((3, 1)),
        (
            "tensor([[-8.7268e+08],\n"
            "        [ 1.0413e+09],\n"
            "        [-8.1582e+08]], dtype=torch.float64)"
        ),
    ),
    Case(
        "random_18",
        np.array([
            complex(-130.9, -1.2), complex(14.5, 33.7), complex(-0.7, 99.3), complex(57.1, 192.1),
            complex(-166.8, -64.7), complex(-40.6, 86.6), complex(-188.5, 113.0), complex(57.2,
            47.0),
        ], dtype=np.complex128).reshape((4, 2)),
        (
            "tensor([[-130.9000-1.2000j,   14.5000+33.7000j],\n"
            "        [  -0.7000+99.3000j,   57.1000+192.1000j],\n"
            "        [-166.8000-64.7000j,  -40.6000+86.6000j],\n"
            "        [-188.5000+113.0000j,   57.2000+47.0000j]],\n"
            "       dtype=torch.complex128, grad_fn=<MulBackward0>)"
        ),
        suffixes=("grad_fn=<MulBackward0>",),
        options={"linewidth": 63, "edgeitems": 2},
    ),
    Case(
        "random_19",
        np.array([complex(-2.8277267e-07, 44942000.0)], dtype=np.complex64).reshape(()),
        "tensor(-2.8277e-07+44942000.j, grad_fn=<CloneBackward0>)",
        suffixes=("grad_fn=<CloneBackward0>",),
    ),
    Case(
        "random_20",
        np.array([
            complex(1e-05, 83.13), complex(123.0, -30.28), complex(100000000.0, -158.58),
            complex(1.0, -49.84), complex(1.0, -24.51), complex(-0.0, 124.57), complex(0.5, 74.66),
            complex(-0.0, -0.0),
        ], dtype=np.complex64).reshape((2, 4)),
        (
            "tensor([[1.0000e-05+83.1300j, 1.2300e+02-30.2800j, 1.0000e+08-158.5800j,\n"
            "         1.0000e+00-49.8400j],\n"
            "        [1.0000e+00-24.5100j, -0.0000e+00+124.5700j, 5.0000e-01+74.6600j,\n"
            "         -0.0000e+00-0.0000j]])"
        ),
    ),
    Case(
        "random_21",
        np.array([-np.inf, -0.0, 100000000.0], dtype=np.float32),
        "tensor([      -inf,        -0., 100000000.], requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_22",
        np.array([39.62], dtype=np.float64).reshape(()),
        "tensor(39.6200, dtype=torch.float64, requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_23",
        np.array([-414323119.51199704], dtype=np.float64).reshape(()),
        "tensor(-4.1432e+08, dtype=torch.float64)",
    ),
    Case(
        "random_24",
        np.array([116], dtype=np.int8),
        "tensor([116], dtype=torch.int8)",
    ),
    Case(
        "random_25",
        np.array([
            828928700000.0, 292057780000.0, 0.0, -858993460000.0, -457414020000.0, -554050800000.0,
            936302900000.0, -19058917000.0, np.nan, -np.inf, 901943100000.0, 144955150000.0,
            483183820000.0, -0.0, 42949673000.0,
        ], dtype=np.float32).reshape((3, 5)),
        (
            "tensor([[ 8.2893e+11,  2.9206e+11,  0.0000e+00, -8.5899e+11, -4.5741e+11],\n"
            "        [-5.5405e+11,  9.3630e+11, -1.9059e+10,         nan,        -inf],\n"
            "        [ 9.0194e+11,  1.4496e+11,  4.8318e+11, -0.0000e+00,  4.2950e+10]],\n"
            "       dtype=torch.bfloat16, grad_fn=<MulBackward0>)"
        ),
        dtype_name="bfloat16",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "random_26",
        np.array([
            222, 230, 110, 96, 81, 112, 113, 183, 144, 244, 57, 116, 92, 248, 132, 237,
        ], dtype=np.uint8).reshape((4, 2, 2)),
        (
            "tensor([[[222, 230],\n"
            "         [110,  96]],\n"
            "\n"
            "        [[ 81, 112],\n"
            "         [113, 183]],\n"
            "\n"
            "        [[144, 244],\n"
            "         [ 57, 116]],\n"
            "\n"
            "        [[ 92, 248],\n"
            "         [132, 237]]], dtype=torch.uint8)"
        ),
    ),
    Case(
        "random_27",
        np.array([False, True, True, False, True, True, False, True, False, True]).reshape((2, 5)),
        (
            "tensor([[False,  True,  True, False,  True],\n"
            "        [ True, False,  True, False,  True]])"
        ),
    ),
    Case(
        "random_28",
        np.array([True]),
        "tensor([True])",
        options={"sci_mode": False, "threshold": 1000},
    ),
    Case(
        "random_29",
        np.array([False, False, False, True, False, False]).reshape((3, 2)),
        (
            "tensor([[False, False],\n"
            "        [False,  True],\n"
            "        [False, False]])"
        ),
    ),
    Case(
        "random_30",
        np.array([
            True, True, True, True, True, True, False, False, False, False, True, True, True,
            False, False,
        ]).reshape((5, 3)),
        (
            "tensor([[ True,  True,  True],\n"
            "        [ True,  True,  True],\n"
            "        [False, False, False],\n"
            "        [False,  True,  True],\n"
            "        [ True, False, False]])"
        ),
    ),
    Case(
        "random_31",
        np.array([
            11814083000.0, -11670636000.0, -2204893000.0, 14337650000.0, 17978909000.0,
            6923607600.0,
        ], dtype=np.float32).reshape((3, 2)),
        (
            "tensor([[ 1.1814e+10, -1.1671e+10],\n"
            "        [-2.2049e+09,  1.4338e+10],\n"
            "        [ 1.7979e+10,  6.9236e+09]])"
        ),
    ),
    Case(
        "random_32",
        np.array([-1.2516975e-05, -1.296401e-06, -7.4505806e-06], dtype=np.float32).reshape((1, 3)),
        "tensor([[-0.0000, -0.0000, -0.0000]], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
        options={"sci_mode": False},
    ),
    Case(
        "random_33",
        np.array([complex(100000000.0, 1153054528.0441597)], dtype=np.complex128).reshape(()),
        "tensor(100000000.+1.1531e+09j, dtype=torch.complex128, requires_grad=True)",
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_34",
        np.array([-0.0, 123.0], dtype=np.float32),
        "tensor([ -0., 123.], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "random_35",
        np.array([
            complex(1.0, 35193180.0), complex(100000000.0, 75894000.0), complex(-np.inf,
            47900740.0), complex(0.0, 78015070.0), complex(1.0, 152901580.0),
        ], dtype=np.complex64),
        (
            "tensor([1.0000e+00+3.5193e+07j, 1.0000e+08+7.5894e+07j,       -inf+4.7901e+07j,\n"
            "        0.0000e+00+7.8015e+07j, 1.0000e+00+1.5290e+08j])"
        ),
    ),
    Case(
        "random_36",
        np.array([
            267.0, 18.0, -296.0, 474.0, 971.0, -890.0, 318.0, -863.0, -249.0, -702.0, 697.0,
            -747.0, -418.0, -40.0, 37.0, -297.0, -685.0, -423.0, 994.0, -554.0,
        ], dtype=np.float32).reshape((5, 4)),
        (
            "tensor([[ 2.6700e+02,  1.8000e+01, -2.9600e+02,  4.7400e+02],\n"
            "        [ 9.7100e+02, -8.9000e+02,  3.1800e+02, -8.6300e+02],\n"
            "        [-2.4900e+02, -7.0200e+02,  6.9700e+02, -7.4700e+02],\n"
            "        [-4.1800e+02, -4.0000e+01,  3.7000e+01, -2.9700e+02],\n"
            "        [-6.8500e+02, -4.2300e+02,  9.9400e+02, -5.5400e+02]])"
        ),
        options={"sci_mode": True, "threshold": 5, "edgeitems": 3},
    ),
    Case(
        "random_37",
        np.array([True, True]),
        "tensor([True, True])",
    ),
    Case(
        "random_38",
        np.array([
            10.137355, 0.0044691428, 0.000617431, 1.46927706e-08, 27.918861, -0.3803213, 5146623.5,
            -0.6395844, -2.9854213e-08, -279780.1, -0.003761699, 0.09176621,
        ], dtype=np.float32).reshape((3, 4)),
        (
            "tensor([[ 1.0137e+01,  4.4691e-03,  6.1743e-04,  1.4693e-08],\n"
            "        [ 2.7919e+01, -3.8032e-01,  5.1466e+06, -6.3958e-01],\n"
            "        [-2.9854e-08, -2.7978e+05, -3.7617e-03,  9.1766e-02]])"
        ),
    ),
    Case(
        "random_39",
        np.array([
            -11289965560568180, 76706962835975211, 76740672638492685, 91061861090091225,
            -47525541443105990, -46269427741197142, -35442958515378793, -9294492098728963,
            92379104025740386,
        ], dtype=np.int64).reshape((3, 3)),
        (
            "tensor([[-11289965560568180,  76706962835975211,  76740672638492685],\n"
            "        [ 91061861090091225, -47525541443105990, -46269427741197142],\n"
            "        [-35442958515378793,  -9294492098728963,  92379104025740386]])"
        ),
    ),
    Case(
        "random_40",
        np.array([-4.53e-06], dtype=np.float16).reshape(()),
        "tensor(-4.5300e-06, dtype=torch.float16, grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "random_41",
        np.array([
            complex(-1.00182633541452e-05, 1e-05), complex(0.0, -np.inf), complex(0.0, 0.0),
            complex(7.886352905156782e-06, np.nan), complex(-6.788201151257255e-05, 1.0),
            complex(-8.257807054563489e-06, 100000000.0), complex(4.986024307460767e-05, np.inf),
            complex(0.00017661939093826297, 0.0), complex(-0.00022116661541765097, np.inf),
        ], dtype=np.complex128).reshape((1, 3, 3)),
        (
            "tensor([[[-1.0018e-05+1.0000e-05j,  0.0000e+00-infj,\n"
            "           0.0000e+00+0.0000e+00j],\n"
            "         [ 7.8864e-06+nanj, -6.7882e-05+1.0000e+00j,\n"
            "          -8.2578e-06+1.0000e+08j],\n"
            "         [ 4.9860e-05+infj,  1.7662e-04+0.0000e+00j,\n"
            "          -2.2117e-04+infj]]], dtype=torch.complex128,\n"
            "       grad_fn=<CloneBackward0>)"
        ),
        suffixes=("grad_fn=<CloneBackward0>",),
    ),
    Case(
        "random_42",
        np.array([
            0.07066376626654672, -179.58199854258174, -6.526767417732953e-08,
        ], dtype=np.float64).reshape((1, 3)),
        (
            "tensor([[ 7.0664e-02, -1.7958e+02, -6.5268e-08]], dtype=torch.float64,\n"
            "       requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_43",
        np.array([1.6667367e-05], dtype=np.float32),
        "tensor([1.6667e-05])",
    ),
    Case(
        "random_44",
        np.array([
            -8.62939e-06, -7.030738e-06, -1.0646005e-06, -7.743964e-06, 1.786963e-05,
            -7.5019275e-06, 9.530356e-06, 1.0180099e-05, -5.4029965e-06, 2.0033753e-05,
            -1.1293363e-05, 3.9147967e-06,
        ], dtype=np.float32).reshape((4, 3)),
        (
            "tensor([[-8.6294e-06, -7.0307e-06, -1.0646e-06],\n"
            "        [-7.7440e-06,  1.7870e-05, -7.5019e-06],\n"
            "        [ 9.5304e-06,  1.0180e-05, -5.4030e-06],\n"
            "        [ 2.0034e-05, -1.1293e-05,  3.9148e-06]], requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_45",
        np.array([
            13.4177, -159.7205, 204.0063, -241.4881, 26.3619, -6.9426,
        ], dtype=np.float32).reshape((2, 3)),
        (
            "tensor([[  13.4177, -159.7205,  204.0063],\n"
            "        [-241.4881,   26.3619,   -6.9426]])"
        ),
    ),
    Case(
        "random_46",
        np.array([
            complex(-105.76, -601000.0), complex(166.88, 574000.0), complex(-111.73, 900000.0),
            complex(-59.97, 819000.0), complex(-62.98, -675000.0), complex(165.44, 599000.0),
            complex(-71.86, 654000.0), complex(49.81, -322000.0), complex(14.27, 274000.0),
            complex(37.87, -368000.0),
        ], dtype=np.complex64).reshape((2, 5)),
        (
            "tensor([[-105.7600-601000.j,  166.8800+574000.j, -111.7300+900000.j,\n"
            "          -59.9700+819000.j,  -62.9800-675000.j],\n"
            "        [ 165.4400+599000.j,  -71.8600+654000.j,   49.8100-322000.j,\n"
            "           14.2700+274000.j,   37.8700-368000.j]], grad_fn=<CloneBackward0>)"
        ),
        suffixes=("grad_fn=<CloneBackward0>",),
    ),
    Case(
        "random_47",
        np.array([
            445744200.0, -2023929000.0, -16271969.0, 49728450.0, np.inf, -2125207000.0,
        ], dtype=np.float32).reshape((3, 2)),
        (
            "tensor([[ 4.4574e+08, -2.0239e+09],\n"
            "        [-1.6272e+07,  4.9728e+07],\n"
            "        [        inf, -2.1252e+09]])"
        ),
    ),
    Case(
        "random_48",
        np.array([-0.0], dtype=np.float32).reshape(()),
        "tensor(-0., grad_fn=<CloneBackward0>)",
        suffixes=("grad_fn=<CloneBackward0>",),
    ),
    Case(
        "random_49",
        np.array([complex(-2356.1243, -6.2114763)], dtype=np.complex64).reshape(()),
        "tensor(-2356.1243-6.2115j)",
    ),
    Case(
        "random_50",
        np.array([5e-07], dtype=np.float16).reshape(()),
        "tensor(4.7684e-07, dtype=torch.float16)",
    ),
    Case(
        "random_51",
        np.array([
            complex(-548.0, 3.1897798e-06), complex(-721.0, 1.8239896e-05), complex(-21.0,
            -6.8616214e-06), complex(-688.0, 1.1795421e-05), complex(929.0, np.nan), complex(202.0,
            -9.62299e-06), complex(566.0, 9.553683e-06), complex(53.0, -1.9356611e-07),
            complex(-280.0, -4.7886256e-06), complex(-899.0, -0.0), complex(875.0, -0.0),
            complex(-276.0, 8.061157e-06), complex(151.0, 6.3761213e-06), complex(536.0,
            3.3570345e-06), complex(-127.0, -0.0), complex(-952.0, -5.3486883e-06), complex(-157.0,
            8.935968e-06), complex(-993.0, -9.024685e-06), complex(-951.0, -2.6270957e-06),
            complex(-787.0, -1.6388836e-06),
        ], dtype=np.complex64).reshape((5, 4)),
        (
            "tensor([[-548.+3.1898e-06j, -721.+1.8240e-05j,  -21.-6.8616e-06j,\n"
            "         -688.+1.1795e-05j],\n"
            "        [ 929.+nanj,  202.-9.6230e-06j,  566.+9.5537e-06j,\n"
            "           53.-1.9357e-07j],\n"
            "        [-280.-4.7886e-06j, -899.-0.0000e+00j,  875.-0.0000e+00j,\n"
            "         -276.+8.0612e-06j],\n"
            "        [ 151.+6.3761e-06j,  536.+3.3570e-06j, -127.-0.0000e+00j,\n"
            "         -952.-5.3487e-06j],\n"
            "        [-157.+8.9360e-06j, -993.-9.0247e-06j, -951.-2.6271e-06j,\n"
            "         -787.-1.6389e-06j]])"
        ),
    ),
    Case(
        "random_52",
        np.array([complex(-596000000000.0, 2.7924257e-08)], dtype=np.complex64).reshape(()),
        "tensor(-5.9600e+11+2.7924e-08j, grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "random_53",
        np.array([-np.inf], dtype=np.float32).reshape(()),
        "tensor(-inf, grad_fn=<CloneBackward0>)",
        suffixes=("grad_fn=<CloneBackward0>",),
        options={"precision": 5, "linewidth": 63},
    ),
    Case(
        "random_54",
        np.array([-1.0113581e-09], dtype=np.float32).reshape(()),
        "tensor(-1.0114e-09, dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "random_55",
        np.array([-100123.54195459167], dtype=np.float64).reshape(()),
        "tensor(-100123.54195, dtype=torch.float64, grad_fn=<CloneBackward0>)",
        suffixes=("grad_fn=<CloneBackward0>",),
        options={"precision": 5, "sci_mode": False},
    ),
    Case(
        "random_56",
        np.array([-440320.0, 6815744.0], dtype=np.float32),
        "tensor([-440320., 6815744.], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "random_57",
        np.array([
            197712.27, -130205.76, -4.630853, -2.645975e-07, -3.5241396, -104935576.0, -179453.08,
            -51.84451, 0.054303378, -49048.203, -0.25639915, 879368600.0,
        ], dtype=np.float32).reshape((3, 4)),
        (
            "tensor([[ 1.9771e+05, -1.3021e+05, -4.6309e+00, -2.6460e-07],\n"
            "        [-3.5241e+00, -1.0494e+08, -1.7945e+05, -5.1845e+01],\n"
            "        [ 5.4303e-02, -4.9048e+04, -2.5640e-01,  8.7937e+08]])"
        ),
        options={"linewidth": 103},
    ),
    Case(
        "random_58",
        np.array([3.5045585e-07], dtype=np.float32).reshape(()),
        "tensor(3.5046e-07)",
        options={"linewidth": 84, "threshold": 1000},
    ),
    Case(
        "random_59",
        np.array([-1.8924475e-06, 3.233552e-06, 1.9967556e-06], dtype=np.float32),
        "tensor([-1.8924e-06,  3.2336e-06,  1.9968e-06], dtype=torch.bfloat16)",
        dtype_name="bfloat16",
    ),
    Case(
        "random_60",
        np.array([125], dtype=np.int8),
        "tensor([125], dtype=torch.int8)",
    ),
    Case(
        "random_61",
        np.array([
            -190639647, 904457639, -163198333, 697522231, -927884351, 875047319, -417108817,
            -459051527, -67134511, 168882731, -162937136, 123748104, 826677368, 447810515,
            -3186640,
        ], dtype=np.int32).reshape((3, 1, 5)),
        (
            "tensor([[[-190639647,  904457639, -163198333,  697522231, -927884351]],\n"
            "\n"
            "        [[ 875047319, -417108817, -459051527,  -67134511,  168882731]],\n"
            "\n"
            "        [[-162937136,  123748104,  826677368,  447810515,   -3186640]]], dtype=torch.int32)"  # noqa: E501
        ),
        options={"linewidth": 107, "threshold": 5},
    ),
    Case(
        "random_62",
        np.array([
            False, True, False, True, False, False, True, False, True, False, False, False, True,
            True, False, False, True, True, True, True,
        ]).reshape((5, 4)),
        (
            "tensor([[False,  True, False,  True],\n"
            "        [False, False,  True, False],\n"
            "        [ True, False, False, False],\n"
            "        [ True,  True, False, False],\n"
            "        [ True,  True,  True,  True]])"
        ),
        options={"threshold": 10},
    ),
    Case(
        "random_63",
        np.array([
            complex(-700.0, -74.788), complex(841.0, -158.446), complex(-188.0, 45.468),
            complex(-526.0, -40.956), complex(-545.0, -26.998), complex(-164.0, -20.844),
            complex(760.0, 32.994), complex(-480.0, 75.262), complex(176.0, -285.428),
            complex(-94.0, -3.309), complex(-474.0, 27.106), complex(184.0, 54.139),
            complex(-419.0, -8.798), complex(-534.0, 40.917), complex(995.0, -159.067),
        ], dtype=np.complex64).reshape((5, 3)),
        (
            "tensor([[-700.-74.7880j,  841.-158.4460j, -188.+45.4680j],\n"
            "        [-526.-40.9560j, -545.-26.9980j, -164.-20.8440j],\n"
            "        [ 760.+32.9940j, -480.+75.2620j,  176.-285.4280j],\n"
            "        [ -94.-3.3090j, -474.+27.1060j,  184.+54.1390j],\n"
            "        [-419.-8.7980j, -534.+40.9170j,  995.-159.0670j]])"
        ),
        options={"sci_mode": False, "linewidth": 114, "edgeitems": 1},
    ),
    Case(
        "random_64",
        np.array([165556310538, 471035027071, 958243451417], dtype=np.int64),
        "tensor([165556310538, 471035027071, 958243451417])",
        options={"precision": 1},
    ),
    Case(
        "random_65",
        np.array([1.0, -0.0, 1.0, -0.0], dtype=np.float32),
        "tensor([1., -0., 1., -0.], grad_fn=<MulBackward0>)",
        suffixes=("grad_fn=<MulBackward0>",),
    ),
    Case(
        "random_66",
        np.array([
            True, True, True, True, True, True, True, True, False, True, True, True, True, True,
            False,
        ]).reshape((3, 5, 1)),
        (
            "tensor([[[ True],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [ True]],\n"
            "\n"
            "        [[ True],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [False],\n"
            "         [ True]],\n"
            "\n"
            "        [[ True],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [False]]])"
        ),
    ),
    Case(
        "random_67",
        np.array([
            3.59375, -79.0, 49.0, -172.0, 104.5, -78.0, -116.5, 34.0, 24.25, -22.75, 2.296875,
            32.0, 77.0, 28.0, 91.0, 60.0, -190.0, -195.0, -22.375, -135.0,
        ], dtype=np.float32).reshape((5, 4)),
        (
            "tensor([[   3.5938,  -79.0000,   49.0000, -172.0000],\n"
            "        [ 104.5000,  -78.0000, -116.5000,   34.0000],\n"
            "        [  24.2500,  -22.7500,    2.2969,   32.0000],\n"
            "        [  77.0000,   28.0000,   91.0000,   60.0000],\n"
            "        [-190.0000, -195.0000,  -22.3750, -135.0000]], dtype=torch.bfloat16)"
        ),
        dtype_name="bfloat16",
    ),
    Case(
        "random_68",
        np.array([False]),
        "tensor([False])",
    ),
    Case(
        "random_69",
        np.array([complex(-np.inf, 0.0)], dtype=np.complex64).reshape(()),
        "tensor(-inf+0.j)",
        options={"threshold": 10},
    ),
    Case(
        "random_70",
        np.array([
            7.340964e-09, -3.822566e-09, 1.5693782e-08, 1.313889e-09,
        ], dtype=np.float32).reshape((4, 1)),
        (
            "tensor([[ 7.3410e-09],\n"
            "        [-3.8226e-09],\n"
            "        [ 1.5694e-08],\n"
            "        [ 1.3139e-09]])"
        ),
    ),
    Case(
        "random_71",
        np.array([
            complex(-4.840832100706098e-06, -0.019532167957675928), complex(9.329529920217e-06,
            4.783887399141922e-06), complex(2.9299930891457412e-05, -0.00012158070020810464),
            complex(-2.117411263762054e-06, -8.664709855259374e-08),
            complex(-2.050608412534577e-05, -0.13754266282841363), complex(-9.958183891613792e-07,
            -2.5946255933675345e-07), complex(-7.467666404794767e-06, -10980364.045413539),
            complex(-9.364453310910465e-06, -1.7649354170823455), complex(4.93724158490881e-06,
            -127447.24242579944), complex(-5.513775302652369e-06, -40.2746243741052),
            complex(-8.237023704731142e-06, 0.00048538099856491965), complex(1.070955184762078e-06,
            0.00021318827563199445), complex(-1.4116084117783856e-05, -3652265698.897405),
            complex(-1.274486107310115e-05, -3.3950800552454803), complex(1.1155683609704537e-05,
            -26.62353027317372), complex(-5.579471842791656e-07, 1265.145944586611),
            complex(2.4274795941302067e-06, -14064602.005046977), complex(1.3666886820035081e-05,
            7.659919457136344e-06), complex(-2.68754483782884e-06, 14.512072219546233),
            complex(5.098192787747627e-06, -1.4810325598631517e-06),
        ], dtype=np.complex128).reshape((4, 5)),
        (
            "tensor([[-4.8408e-06-1.9532e-02j,  9.3295e-06+4.7839e-06j,\n"
            "          2.9300e-05-1.2158e-04j, -2.1174e-06-8.6647e-08j,\n"
            "         -2.0506e-05-1.3754e-01j],\n"
            "        [-9.9582e-07-2.5946e-07j, -7.4677e-06-1.0980e+07j,\n"
            "         -9.3645e-06-1.7649e+00j,  4.9372e-06-1.2745e+05j,\n"
            "         -5.5138e-06-4.0275e+01j],\n"
            "        [-8.2370e-06+4.8538e-04j,  1.0710e-06+2.1319e-04j,\n"
            "         -1.4116e-05-3.6523e+09j, -1.2745e-05-3.3951e+00j,\n"
            "          1.1156e-05-2.6624e+01j],\n"
            "        [-5.5795e-07+1.2651e+03j,  2.4275e-06-1.4065e+07j,\n"
            "          1.3667e-05+7.6599e-06j, -2.6875e-06+1.4512e+01j,\n"
            "          5.0982e-06-1.4810e-06j]], dtype=torch.complex128)"
        ),
    ),
    Case(
        "random_72",
        np.array([
            781000000000.0, -654000000000.0, -131000000000.0, -970000000000.0, -611000000000.0,
        ], dtype=np.float32),
        (
            "tensor([ 7.8100e+11, -6.5400e+11, -1.3100e+11, -9.7000e+11, -6.1100e+11],\n"
            "       requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_73",
        np.array([-943000000000.0, 721000000000.0, -122000000000.0], dtype=np.float64),
        "tensor([-9.4300e+11,  7.2100e+11, -1.2200e+11], dtype=torch.float64)",
    ),
    Case(
        "random_74",
        np.array([False, True, True, False, False]).reshape((1, 5, 1)),
        (
            "tensor([[[False],\n"
            "         [ True],\n"
            "         [ True],\n"
            "         [False],\n"
            "         [False]]])"
        ),
    ),
    Case(
        "random_75",
        np.array([0.28125, -172.0, -148.0, -123.0, 20.125], dtype=np.float32),
        (
            "tensor([   0.2812, -172.0000, -148.0000, -123.0000,   20.1250],\n"
            "       dtype=torch.bfloat16)"
        ),
        dtype_name="bfloat16",
    ),
    Case(
        "random_76",
        np.array([complex(-507000.0, -2688134100.0)], dtype=np.complex64).reshape(()),
        "tensor(-507000.-2.6881e+09j)",
    ),
    Case(
        "random_77",
        np.array([
            33.38, -8.43, -186.6, 0.0, -36.34, -38.4, -47.06, 87.94,
        ], dtype=np.float16).reshape((4, 2, 1)),
        (
            "tensor([[[  33.3750],\n"
            "         [  -8.4297]],\n"
            "\n"
            "        [[-186.6250],\n"
            "         [   0.0000]],\n"
            "\n"
            "        [[ -36.3438],\n"
            "         [ -38.4062]],\n"
            "\n"
            "        [[ -47.0625],\n"
            "         [  87.9375]]], dtype=torch.float16)"
        ),
    ),
    Case(
        "random_78",
        np.array([
            -2.583418, 4.7656634e-08, 5.8010037e-06, 0.21246156, 3.477739, -101.34393,
            -1.9452683e-07, 0.0016039902, 39.779984, 230.00403, 0.0002926846, -2.4765722e-08,
            -110.83396, -2428735.5, -1.3070731, 1.5595331,
        ], dtype=np.float32).reshape((4, 4)),
        (
            "tensor([[-2.5834e+00,  4.7657e-08,  5.8010e-06,  2.1246e-01],\n"
            "        [ 3.4777e+00, -1.0134e+02, -1.9453e-07,  1.6040e-03],\n"
            "        [ 3.9780e+01,  2.3000e+02,  2.9268e-04, -2.4766e-08],\n"
            "        [-1.1083e+02, -2.4287e+06, -1.3071e+00,  1.5595e+00]],\n"
            "       requires_grad=True)"
        ),
        suffixes=("requires_grad=True",),
    ),
    Case(
        "random_79",
        np.array([
            3.4333425e-11, -2.3646862e-10, -4.5474735e-11, 9.322321e-12, -2.7853275e-11,
            1.027729e-10, 1.2732926e-10, 1.2732926e-10, 2.1827873e-11, 5.434231e-11,
        ], dtype=np.float32).reshape((5, 2, 1)),
        (
            "tensor([[[ 3.4333e-11],\n"
            "         [-2.3647e-10]],\n"
            "\n"
            "        [[-4.5475e-11],\n"
            "         [ 9.3223e-12]],\n"
            "\n"
            "        [[-2.7853e-11],\n"
            "         [ 1.0277e-10]],\n"
            "\n"
            "        [[ 1.2733e-10],\n"
            "         [ 1.2733e-10]],\n"
            "\n"
            "        [[ 2.1828e-11],\n"
            "         [ 5.4342e-11]]], dtype=torch.bfloat16)"
        ),
        dtype_name="bfloat16",
    ),
]
# fmt: on
# ---- END GENERATED


@pytest.mark.parametrize("case", CASES + RANDOM_CASES, ids=lambda c: c.id)
def test_matches_pytorch(case: Case) -> None:
    with printoptions(**(case.options or {})):
        got = format_tensor(
            case.values,
            dtype_name=case.dtype_name,
            suffixes=case.suffixes,
            default_dtype=case.default_dtype,
        )
    assert got == case.expected


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES + RANDOM_CASES]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- options ---


def test_set_and_get_printoptions() -> None:
    set_printoptions(precision=2, threshold=10, edgeitems=1, linewidth=40, sci_mode=True)
    assert get_printoptions() == dict(
        precision=2, threshold=10, edgeitems=1, linewidth=40, sci_mode=True
    )
    set_printoptions(profile="default")
    assert get_printoptions() == dict(
        precision=4, threshold=1000, edgeitems=3, linewidth=80, sci_mode=None
    )


def test_sci_mode_resets_when_not_given() -> None:
    # PyTorch's set_printoptions always assigns sci_mode.
    set_printoptions(sci_mode=False)
    set_printoptions(precision=3)
    assert PRINT_OPTS.sci_mode is None
    assert PRINT_OPTS.precision == 3


def test_profiles() -> None:
    set_printoptions(profile="short")
    assert (PRINT_OPTS.precision, PRINT_OPTS.edgeitems) == (2, 2)
    set_printoptions(profile="full")
    assert PRINT_OPTS.threshold == math.inf
    with pytest.raises(ValueError, match="unknown profile"):
        set_printoptions(profile="tiny")


def test_printoptions_restores_on_error() -> None:
    with pytest.raises(RuntimeError), printoptions(precision=1, linewidth=30):
        assert PRINT_OPTS.precision == 1
        raise RuntimeError
    assert (PRINT_OPTS.precision, PRINT_OPTS.linewidth) == (4, 80)


# ----------------------------------------------------------------- errors ---


def test_unknown_dtype_name() -> None:
    with pytest.raises(ValueError, match="unknown torch dtype 'float8'"):
        format_tensor(np.zeros(2), dtype_name="float8")


def test_values_that_do_not_fit_the_dtype() -> None:
    with pytest.raises(ValueError, match="cannot be printed as torch.int64"):
        format_tensor(np.zeros(2), dtype_name="int64")
    with pytest.raises(ValueError, match="object"):
        format_tensor(np.array(["a"], dtype=object))


def test_torch_prefix_is_accepted() -> None:
    text = format_tensor(np.zeros(2, np.float32), dtype_name="torch.bfloat16")
    assert text == "tensor([0., 0.], dtype=torch.bfloat16)"


# ------------------------------------------------------------- properties ---


def _body(text: str) -> str:
    """The bracketed data between ``tensor(`` and the first suffix."""
    assert text.startswith("tensor(") and text.endswith(")")
    start = len("tensor(")
    end = text.rindex("]") + 1 if "[" in text else text.index(",") if "," in text else -1
    return text[start:end]


def _parse(body: str) -> Any:
    # nan and inf are not Python literals; 1e999 parses as inf.
    return ast.literal_eval(re.sub(r"\bnan\b", "None", body.replace("inf", "1e999")))


def _close(printed: Any, value: float, precision: int) -> bool:
    if math.isnan(value):
        return printed is None
    if math.isinf(value):
        return printed == value
    # Fixed notation rounds to 10**-precision; scientific to that many
    # digits of the mantissa, i.e. relative to |value|.
    tol = 0.5 * 10.0**-precision * max(1.0, abs(value))
    return abs(printed - value) <= tol * (1 + 1e-9) + 1e-300


finite_or_not = st.floats(allow_nan=True, allow_infinity=True, width=32)
small_shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5)


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.float32, small_shapes, elements=finite_or_not), st.integers(0, 8))
def test_float_text_parses_back_to_the_array(a: np.ndarray, precision: int) -> None:
    with printoptions(precision=precision):
        printed = _parse(_body(format_tensor(a)))
    flat_printed = np.array(printed, dtype=object).reshape(-1).tolist()
    assert np.shape(np.array(printed, dtype=object)) == a.shape
    for p, v in zip(flat_printed, a.reshape(-1).tolist()):
        assert _close(p, v, precision), (p, v)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        hnp.arrays(hnp.integer_dtypes(endianness="="), small_shapes),
        hnp.arrays(hnp.unsigned_integer_dtypes(endianness="="), small_shapes),
        hnp.arrays(np.bool_, small_shapes),
    )
)
def test_integer_and_bool_text_is_exact(a: np.ndarray) -> None:
    text = format_tensor(a)
    assert _parse(_body(text)) == a.tolist()
    named = a.dtype.name not in ("int64", "bool")
    named_in_text = re.search(rf",\s+dtype=torch\.{a.dtype.name}\)$", text) is not None
    assert named_in_text == named


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(
        np.float32,
        st.integers(1, 200),
        # Zeros are not measured (-0. may stick out), so leave them out.
        elements=st.floats(-(2.0**40), 2.0**40, width=32).filter(lambda x: x != 0),
    )
)
def test_vector_columns_align_and_fit_the_line(a: np.ndarray) -> None:
    text = format_tensor(a)
    lines = text.split("\n")
    # Drop "tensor([" / the continuation indent, then the trailing "," or "])".
    rows = [line[8:].removesuffix(",").removesuffix("])") for line in lines]
    widths = {len(item) for row in rows for item in row.split(", ")}
    assert len(widths) == 1  # every element padded to one width
    assert all(len(line) <= 80 for line in lines)
    # Continuation lines start under the first element.
    assert all(line.startswith(" " * 8) for line in lines[1:])


@settings(max_examples=50, deadline=None)
@given(
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=40).filter(
        lambda s: math.prod(s) > 1000
    ),
    st.integers(1, 4),
)
def test_summarized_prints_only_the_edges(shape: tuple[int, ...], edge: int) -> None:
    a = np.arange(math.prod(shape), dtype=np.int64).reshape(shape)
    with printoptions(edgeitems=edge):
        text = format_tensor(a)
    assert "..." in text
    shown = [int(n) for n in re.findall(r"\d+", _body(text))]
    expected = a
    for axis, n in enumerate(shape):
        if n > 2 * edge:
            keep = list(range(edge)) + list(range(n - edge, n))
            expected = np.take(expected, keep, axis=axis)
    assert shown == expected.reshape(-1).tolist()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text("abcdefgh=<>_", min_size=1, max_size=40), max_size=4),
    st.integers(1, 40),
)
def test_suffixes_keep_their_order_and_wrap_at_the_indent(suffixes: list[str], n: int) -> None:
    text = format_tensor(np.arange(n, dtype=np.float64) + 0.5, suffixes=suffixes)
    assert text.endswith(")")
    tail = text[text.rindex("]") + 1 : -1]
    parts = re.split(r",\n {7}|, ", tail)[1:]
    assert parts == ["dtype=torch.float64", *suffixes]
