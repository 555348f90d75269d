"""Elementwise functions of funcgrad.numpy over random broadcastable shapes."""

import numpy as np
from cases import (
    Case,
    above_one,
    anything,
    away_from_zero,
    off_integer,
    positive,
    unit,
    with_float16,
)

MODULE = "funcgrad.numpy"


def ufunc(name, *samplers, order=2, **kw):
    samplers = samplers or (anything,)
    return Case(name, lambda m, name=name: getattr(m, name), samplers, order=order, **kw)


def bool_ufunc(name, n):
    # Logical functions of comparisons: constant outputs, never a derivative.
    if n == 1:
        return Case(name, lambda m: lambda x: getattr(m, name)(x > 0), (anything,), order=0)
    return Case(name, lambda m: lambda x, y: getattr(m, name)(x > 0, y > 0),
                (anything, anything), order=0)


def int_ufunc(name, n):
    # Integer functions: the float inputs are turned into integer constants first.
    if n == 1:
        return Case(name, lambda m: lambda x: getattr(m, name)((x * 10).astype(np.int64)),
                    (anything,), order=0)
    return Case(name, lambda m: lambda x, y: getattr(m, name)((x * 10).astype(np.int64),
                                                              (abs(y) * 2).astype(np.int64)),
                (anything, anything), order=0)


CASES = [
    # Arithmetic
    ufunc("add", anything, anything),
    ufunc("subtract", anything, anything),
    ufunc("multiply", anything, anything),
    ufunc("true_divide", anything, away_from_zero),
    ufunc("divide", anything, away_from_zero),
    ufunc("negative"),
    ufunc("positive"),
    ufunc("power", positive, anything),
    ufunc("pow", positive, anything),
    ufunc("float_power", positive, anything),
    ufunc("square"),
    ufunc("reciprocal", away_from_zero),
    ufunc("floor_divide", anything, away_from_zero, order=0),
    ufunc("remainder", off_integer, above_one),
    ufunc("mod", off_integer, above_one),
    ufunc("fmod", off_integer, above_one),
    Case("divmod", lambda m: m.divmod, (off_integer, above_one)),
    Case("modf", lambda m: m.modf, (off_integer,)),
    Case("integer_pow", lambda m: lambda x: m.integer_pow(x, 3), (anything,), numpy=False),
    Case("power:int", lambda m: lambda x: x ** 3, (anything,), covers=("power",)),
    Case("power:square", lambda m: lambda x: x ** 2, (anything,), covers=("power",)),
    Case("power:half", lambda m: lambda x: x ** 0.5, (positive,), covers=("power",)),
    Case("power:neg_int", lambda m: lambda x: x ** -2, (away_from_zero,), covers=("power",)),
    Case("power:rpow", lambda m: lambda x: 2.0 ** x, (anything,), covers=("power",)),
    # Exponentials and logarithms
    ufunc("exp"), ufunc("exp2"), ufunc("expm1"),
    ufunc("log", positive), ufunc("log2", positive), ufunc("log10", positive),
    ufunc("log1p", positive),
    ufunc("logaddexp", anything, anything), ufunc("logaddexp2", anything, anything),
    # Trigonometry
    ufunc("sin"), ufunc("cos"), ufunc("tan", unit),
    ufunc("arcsin", unit), ufunc("arccos", unit), ufunc("arctan"),
    ufunc("asin", unit), ufunc("acos", unit), ufunc("atan"),
    ufunc("arctan2", away_from_zero, away_from_zero),
    ufunc("atan2", away_from_zero, away_from_zero),
    ufunc("hypot", away_from_zero, away_from_zero),
    ufunc("sinh"), ufunc("cosh"), ufunc("tanh"),
    ufunc("arcsinh"), ufunc("arccosh", above_one), ufunc("arctanh", unit),
    ufunc("asinh"), ufunc("acosh", above_one), ufunc("atanh", unit),
    ufunc("sinc"),
    ufunc("deg2rad"), ufunc("rad2deg"), ufunc("degrees"), ufunc("radians"),
    # Roots, absolute values, signs
    ufunc("sqrt", positive), ufunc("cbrt", away_from_zero),
    ufunc("absolute", away_from_zero), ufunc("abs", away_from_zero),
    ufunc("fabs", away_from_zero),
    ufunc("sign", order=0),
    ufunc("copysign", away_from_zero, away_from_zero),
    # Extrema and selection
    ufunc("maximum", anything, anything), ufunc("minimum", anything, anything),
    ufunc("fmax", anything, anything), ufunc("fmin", anything, anything),
    Case("clip", lambda m: lambda x, lo: m.clip(x, lo, lo + 1.0), (anything, anything)),
    Case("clip:keywords", lambda m: lambda x: m.clip(x, min=-0.5), (anything,),
         covers=("clip",)),
    Case("where", lambda m: lambda c, x, y: m.where(c > 0, x * y, x - y),
         (anything, anything, anything)),
    Case("select", lambda m: lambda x, y: m.select([x < -0.5, x < 0.5], [x * y, y ** 2], x),
         (anything, anything)),
    Case("heaviside", lambda m: lambda x, y: m.heaviside(m.round(x), y), (anything, anything)),
    Case("nan_to_num", lambda m: lambda x: m.nan_to_num(x + np.array([np.nan, np.inf, -np.inf,
                                                                     0.0])), (anything,),
         shapes=[(3, 4)]),
    # Rounding: values only, zero derivative
    ufunc("floor", off_integer, order=0), ufunc("ceil", off_integer, order=0),
    ufunc("trunc", off_integer, order=0), ufunc("rint", off_integer, order=0),
    ufunc("fix", off_integer, order=0),
    Case("round", lambda m: lambda x: m.round(x, 1), (anything,), order=0),
    Case("around", lambda m: lambda x: m.around(x, 2), (anything,), order=0),
    # Tests and comparisons
    ufunc("isnan", order=0), ufunc("isinf", order=0), ufunc("isfinite", order=0),
    ufunc("isposinf", order=0), ufunc("isneginf", order=0), ufunc("signbit", order=0),
    Case("isclose", lambda m: lambda x, y: m.isclose(x, m.round(y, 1), atol=0.2),
         (anything, anything), order=0),
    ufunc("equal", anything, anything, order=0), ufunc("not_equal", anything, anything, order=0),
    ufunc("less", anything, anything, order=0),
    ufunc("less_equal", anything, anything, order=0),
    ufunc("greater", anything, anything, order=0),
    ufunc("greater_equal", anything, anything, order=0),
    bool_ufunc("logical_and", 2), bool_ufunc("logical_or", 2), bool_ufunc("logical_xor", 2),
    bool_ufunc("logical_not", 1),
    int_ufunc("bitwise_and", 2), int_ufunc("bitwise_or", 2), int_ufunc("bitwise_xor", 2),
    int_ufunc("invert", 1), int_ufunc("bitwise_not", 1), int_ufunc("bitwise_invert", 1),
    int_ufunc("left_shift", 2), int_ufunc("right_shift", 2),
    int_ufunc("gcd", 2), int_ufunc("lcm", 2),
    Case("iscomplex", lambda m: lambda x: m.iscomplex(m.astype(x, np.complex128) * (1 + 1j)
                                                      * (x > 0)), (anything,), order=0),
    Case("isreal", lambda m: lambda x: m.isreal(m.astype(x, np.complex128) * (1 + 1j)
                                                * (x > 0)), (anything,), order=0),
    Case("real_if_close", lambda m: lambda x: m.real_if_close(m.astype(x, np.complex128)) * x,
         (anything,), staged=False),
    # dtype conversion
    Case("astype", lambda m: lambda x: m.imag(m.astype(x, np.complex128) * (1 + 2j) * x),
         (anything,), covers=("astype", "imag")),
    Case("angle", lambda m: lambda x, y: m.angle(x + 1j * y),
         (away_from_zero, away_from_zero)),
    Case("real", lambda m: lambda x: m.real(m.astype(x, np.complex128) * (2 - 1j)) * x,
         (anything,)),
    Case("conj", lambda m: lambda x: m.imag(m.conj(m.astype(x, np.complex128) * (1 + 2j)) * x),
         (anything,), covers=("conj", "conjugate")),
    Case("astype:int", lambda m: lambda x: m.astype(x * 3, np.int64), (anything,), order=0,
         covers=("astype",)),
]

CASES = with_float16(CASES)
