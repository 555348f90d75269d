"""More elementwise functions: exponentials and logarithms, inverse trigonometry,
hyperbolic functions, roots, remainders, and everything that rounds or tests.

Each primitive sits with its derivative (``defderivative``: the partial
derivatives, written with funcgrad.numpy operations so they differentiate
again). Where an operation is not differentiable at a point, the value the
rule takes there is JAX's and the docstring says it.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defbatch_elementwise, defderivative, nondifferentiable
from ._util import dtype_of, is_inexact, result_dtype, shape_of
from .elementwise import (
    _abs_slope,
    _absolute,
    absolute,
    add,
    astype,
    cos,
    equal,
    exp,
    greater,
    less,
    log,
    logical_and,
    logical_or,
    maximum,
    minimum,
    multiply,
    negative,
    power,
    sin,
    sqrt,
    subtract,
    true_divide,
    where,
)

_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))


def _doc(np_name: str, summary: str, rule: str, example: str) -> str:
    """A NumPy-style docstring whose example output NumPy itself computes."""
    args = example.split(";")
    shown = ", ".join(f"fnp.asarray({a.strip()})" for a in args)
    expected = getattr(np, np_name)(*[np.asarray(eval(a)) for a in args])  # noqa: S307
    return f"""{summary}, as :func:`numpy.{np_name}`.

    {rule}

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.{np_name}({shown})
    {expected!r}
    """


def _unary(prim: Primitive, name: str, summary: str, rule: str, example: str):
    def f(x, /):
        return prim.bind(x)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = _doc(name, summary, rule, example)
    return f


def _binary(prim: Primitive, name: str, summary: str, rule: str, example: str):
    def f(x1, x2, /):
        return prim.bind(x1, x2)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = _doc(name, summary, rule, example)
    return f


def _alias(f, name: str):
    """``f`` under NumPy 2's array-API name (``asin`` for ``arcsin``)."""

    def g(*args):
        return f(*args)

    g.__name__ = g.__qualname__ = name
    g.__doc__ = f"Alias of :func:`{f.__name__}` (NumPy 2's name).\n\n" + "\n".join(
        f.__doc__.splitlines()[1:]
    ).replace(f"fnp.{f.__name__}(", f"fnp.{name}(")
    return g


def _replace_posinf(x):
    # JAX's guard in logaddexp's rule: +inf - +inf would be NaN; 0 - 0 gives weight 1.
    return where(equal(x, np.inf), 0.0, x)


# ---------------------------------------------------------------------------
# Exponentials and logarithms
# ---------------------------------------------------------------------------

exp2_p = Primitive("exp2", np.exp2)
defderivative(exp2_p, lambda ans, x: ans * _LN2)

expm1_p = Primitive("expm1", np.expm1)
defderivative(expm1_p, lambda ans, x: ans + 1)

log2_p = Primitive("log2", np.log2)
defderivative(log2_p, lambda ans, x: 1 / (x * _LN2))

log10_p = Primitive("log10", np.log10)
defderivative(log10_p, lambda ans, x: 1 / (x * _LN10))

log1p_p = Primitive("log1p", np.log1p)
defderivative(log1p_p, lambda ans, x: 1 / (x + 1))

logaddexp_p = Primitive("logaddexp", np.logaddexp)
defderivative(
    logaddexp_p,
    lambda ans, x1, x2: exp(_replace_posinf(x1) - _replace_posinf(ans)),
    lambda ans, x1, x2: exp(_replace_posinf(x2) - _replace_posinf(ans)),
)

logaddexp2_p = Primitive("logaddexp2", np.logaddexp2)
defderivative(
    logaddexp2_p,
    lambda ans, x1, x2: exp2(_replace_posinf(x1) - _replace_posinf(ans)),
    lambda ans, x1, x2: exp2(_replace_posinf(x2) - _replace_posinf(ans)),
)

exp2 = _unary(exp2_p, "exp2", "Elementwise ``2 ** x``", "Derivative: ``log(2) * 2 ** x``.",
              "[0.0, 1.0, 2.5]")
expm1 = _unary(expm1_p, "expm1", "Elementwise ``exp(x) - 1``, accurate near 0",
               "Derivative: ``exp(x)``.", "[0.0, 1e-10, 1.0]")
log2 = _unary(log2_p, "log2", "Elementwise base-2 logarithm",
              "Derivative: ``1 / (x log 2)``.", "[1.0, 8.0]")
log10 = _unary(log10_p, "log10", "Elementwise base-10 logarithm",
               "Derivative: ``1 / (x log 10)``.", "[1.0, 100.0]")
log1p = _unary(log1p_p, "log1p", "Elementwise ``log(1 + x)``, accurate near 0",
               "Derivative: ``1 / (1 + x)``.", "[0.0, 1e-10, 1.0]")
logaddexp = _binary(
    logaddexp_p, "logaddexp", "Elementwise ``log(exp(x1) + exp(x2))`` without overflow",
    "Derivatives: ``exp(x1 - out)`` and ``exp(x2 - out)``, with ``+inf`` read as 0 in both "
    "(JAX's guard, so ``logaddexp(inf, inf)`` has finite derivatives).",
    "[0.0, 1000.0]; [0.0, 1000.0]")
logaddexp2 = _binary(
    logaddexp2_p, "logaddexp2", "Elementwise ``log2(2**x1 + 2**x2)`` without overflow",
    "Derivatives: ``2 ** (x1 - out)`` and ``2 ** (x2 - out)`` (``+inf`` read as 0).",
    "[0.0, 1.0]; [0.0, 3.0]")


# ---------------------------------------------------------------------------
# Trigonometric and hyperbolic functions and their inverses
# ---------------------------------------------------------------------------

arcsin_p = Primitive("asin", np.arcsin)
defderivative(arcsin_p, lambda ans, x: 1 / sqrt(1 - x * x))

arccos_p = Primitive("acos", np.arccos)
defderivative(arccos_p, lambda ans, x: -1 / sqrt(1 - x * x))

arctan_p = Primitive("atan", np.arctan)
defderivative(arctan_p, lambda ans, x: 1 / (1 + x * x))

arctan2_p = Primitive("atan2", np.arctan2)
defderivative(
    arctan2_p,
    lambda ans, x1, x2: x2 / (x1 * x1 + x2 * x2),
    lambda ans, x1, x2: -x1 / (x1 * x1 + x2 * x2),
)

sinh_p = Primitive("sinh", np.sinh)
defderivative(sinh_p, lambda ans, x: cosh(x))

cosh_p = Primitive("cosh", np.cosh)
defderivative(cosh_p, lambda ans, x: sinh(x))

arcsinh_p = Primitive("asinh", np.arcsinh)
defderivative(arcsinh_p, lambda ans, x: 1 / sqrt(x * x + 1))

arccosh_p = Primitive("acosh", np.arccosh)
defderivative(arccosh_p, lambda ans, x: 1 / sqrt((x - 1) * (x + 1)))

arctanh_p = Primitive("atanh", np.arctanh)
defderivative(arctanh_p, lambda ans, x: 1 / ((1 - x) * (1 + x)))

arcsin = _unary(arcsin_p, "arcsin", "Elementwise inverse sine",
                "Derivative: ``1 / sqrt(1 - x**2)`` (infinite at ``|x| = 1``).", "[0.0, 0.5]")
arccos = _unary(arccos_p, "arccos", "Elementwise inverse cosine",
                "Derivative: ``-1 / sqrt(1 - x**2)``.", "[0.0, 0.5]")
arctan = _unary(arctan_p, "arctan", "Elementwise inverse tangent",
                "Derivative: ``1 / (1 + x**2)``.", "[0.0, 1.0]")
arctan2 = _binary(
    arctan2_p, "arctan2", "Elementwise angle of the point ``(x2, x1)``",
    "Derivatives: ``x2 / (x1**2 + x2**2)`` and ``-x1 / (x1**2 + x2**2)`` (NaN at the origin, "
    "as in JAX).", "[1.0, -1.0]; [1.0, 0.0]")
sinh = _unary(sinh_p, "sinh", "Elementwise hyperbolic sine", "Derivative: ``cosh(x)``.",
              "[0.0, 1.0]")
cosh = _unary(cosh_p, "cosh", "Elementwise hyperbolic cosine", "Derivative: ``sinh(x)``.",
              "[0.0, 1.0]")
arcsinh = _unary(arcsinh_p, "arcsinh", "Elementwise inverse hyperbolic sine",
                 "Derivative: ``1 / sqrt(x**2 + 1)``.", "[0.0, 1.0]")
arccosh = _unary(arccosh_p, "arccosh", "Elementwise inverse hyperbolic cosine",
                 "Derivative: ``1 / sqrt((x - 1)(x + 1))`` (infinite at 1).", "[1.0, 2.0]")
arctanh = _unary(arctanh_p, "arctanh", "Elementwise inverse hyperbolic tangent",
                 "Derivative: ``1 / (1 - x**2)``.", "[0.0, 0.5]")
asin = _alias(arcsin, "asin")
acos = _alias(arccos, "acos")
atan = _alias(arctan, "atan")
atan2 = _alias(arctan2, "atan2")
asinh = _alias(arcsinh, "asinh")
acosh = _alias(arccosh, "acosh")
atanh = _alias(arctanh, "atanh")


def _hypot_share(ans, x):
    # x / hypot, taken as 0 at the origin (a subgradient of the norm there).
    zero = equal(ans, 0)
    return where(zero, 0.0, x / where(zero, 1.0, ans))


hypot_p = Primitive("hypot", np.hypot)
defderivative(
    hypot_p,
    lambda ans, x1, x2: _hypot_share(ans, x1),
    lambda ans, x1, x2: _hypot_share(ans, x2),
)
hypot = _binary(
    hypot_p, "hypot", "Elementwise ``sqrt(x1**2 + x2**2)`` without overflow",
    "Derivatives: ``x1 / out`` and ``x2 / out``; at the origin both are taken as 0 "
    "(JAX's composite gives 0.5 there, an artifact of its tie rule).",
    "[3.0, 0.0]; [4.0, 0.0]")


def _sinc_maclaurin_impl(x, *, k):
    # The k-th derivative of sin(z)/z at z = 0: 0 for odd k, (-1)**(k/2) / (k + 1) for even k.
    value = 0.0 if k % 2 else (-1.0) ** (k // 2) / (k + 1)
    return np.full(np.shape(x), value, dtype=np.result_type(x, 1.0))


# The Taylor coefficients of sinc at 0, as a primitive whose derivative is the next one:
# this gives sinc exact derivatives of every order at 0, as JAX's `_sinc_maclaurin` does.
sinc_maclaurin_p = defbatch_elementwise(Primitive("sinc_maclaurin", _sinc_maclaurin_impl))
defderivative(sinc_maclaurin_p, lambda ans, x, *, k: sinc_maclaurin_p.bind(x, k=k + 1))


def sinc(x, /):
    """The normalized sinc function ``sin(pi x) / (pi x)``, as :func:`numpy.sinc`.

    The value and every derivative at 0 are exact (the Taylor coefficients of
    ``sin(z)/z``), as in JAX: ``sinc'(0) = 0``, ``sinc''(0) = -pi**2 / 3``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.sinc(fnp.asarray([0.0, 0.5]))
    array([1.        , 0.63661977])
    >>> fg.grad(fg.grad(fnp.sinc))(0.0)
    array(-3.28986813)
    """
    dtype = result_dtype(x, 1.0)
    if not is_inexact(dtype):
        dtype = np.dtype(np.float64)
    x = astype(x, dtype) if dtype_of(x) != dtype else x
    pi_x = x * np.pi
    zero = equal(x, 0)
    safe = where(zero, 1.0, pi_x)
    return where(zero, sinc_maclaurin_p.bind(pi_x, k=0), sin(safe) / safe)


# ---------------------------------------------------------------------------
# Powers and roots
# ---------------------------------------------------------------------------

cbrt_p = Primitive("cbrt", np.cbrt)
defderivative(cbrt_p, lambda ans, x: 1 / (3 * ans * ans))

square_p = Primitive("square", np.square)
defderivative(square_p, lambda ans, x: 2 * x)

reciprocal_p = Primitive("reciprocal", np.reciprocal)
defderivative(reciprocal_p, lambda ans, x: -(ans * ans))

cbrt = _unary(cbrt_p, "cbrt", "Elementwise cube root",
              "Derivative: ``1 / (3 cbrt(x)**2)`` (infinite at 0).", "[8.0, -27.0]")
square = _unary(square_p, "square", "Elementwise ``x * x``", "Derivative: ``2 x``.",
                "[2.0, -3.0]")
reciprocal = _unary(reciprocal_p, "reciprocal", "Elementwise ``1 / x``",
                    "Derivative: ``-1 / x**2``.", "[2.0, -4.0]")


def float_power(x1, x2, /):
    """Elementwise ``x1 ** x2`` computed in float64 (or complex128), as :func:`numpy.float_power`.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.float_power(fnp.asarray([2, 3]), 2).dtype
    dtype('float64')
    """
    target = np.complex128 if result_dtype(x1, x2).kind == "c" else np.float64
    x1 = astype(x1, target) if dtype_of(x1) != target else x1
    if not isinstance(x2, (int, float)) or isinstance(x2, bool):
        x2 = astype(x2, target) if dtype_of(x2) != target else x2
    else:
        x2 = float(x2)
    return power(x1, x2)


def positive(x, /):
    """Elementwise ``+x``, as :func:`numpy.positive`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.positive)(2.0)
    array(1.)
    """
    return add(x, 0) if not hasattr(x, "_trace") else x


def fabs(x, /):
    """Elementwise absolute value of real numbers (float results), as :func:`numpy.fabs`.

    The derivative at 0 is 1, as for :func:`absolute` (JAX's choice).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.fabs)(-2.0)
    array(-1.)
    """
    return fabs_p.bind(x, slope_at_zero=1.0)


def _fabs(x, *, slope_at_zero=1.0):
    return np.fabs(x)


fabs_p = defbatch_elementwise(Primitive("fabs", _fabs))
defderivative(fabs_p, lambda ans, x, *, slope_at_zero: _abs_slope(x, slope_at_zero))


# ---------------------------------------------------------------------------
# Remainders: derivative 1 in the dividend, minus the integer quotient in the divisor
# ---------------------------------------------------------------------------

def _quotient(ans, x1, x2):
    # (x1 - rem) / x2 is the exact integer quotient; rint removes rounding noise.
    return rint(true_divide(x1 - ans, x2))


fmod_p = Primitive("fmod", np.fmod)
defderivative(fmod_p, lambda ans, x1, x2: 1.0, lambda ans, x1, x2: -_quotient(ans, x1, x2))

remainder_p = Primitive("rem", np.remainder)
defderivative(
    remainder_p, lambda ans, x1, x2: 1.0, lambda ans, x1, x2: -_quotient(ans, x1, x2)
)

fmod = _binary(
    fmod_p, "fmod", "Elementwise remainder with the sign of the dividend (C's fmod)",
    "Derivatives: 1 with respect to ``x1`` and ``-trunc(x1 / x2)`` with respect to ``x2`` "
    "(JAX's rule, valid away from the jumps).", "[5.5, -5.5]; [2.0, 2.0]")
remainder = _binary(
    remainder_p, "remainder", "Elementwise remainder with the sign of the divisor (Python's %)",
    "Derivatives: 1 with respect to ``x1`` and ``-floor(x1 / x2)`` with respect to ``x2``.",
    "[5.5, -5.5]; [2.0, 2.0]")
mod = _alias(remainder, "mod")


# ---------------------------------------------------------------------------
# Functions with no derivative (rounding, tests, bit operations)
# ---------------------------------------------------------------------------

def _nondiff(name: str, impl) -> Primitive:
    return defbatch_elementwise(nondifferentiable(Primitive(name, impl)))


floor_p = _nondiff("floor", np.floor)
ceil_p = _nondiff("ceil", np.ceil)
trunc_p = _nondiff("trunc", np.trunc)
rint_p = _nondiff("rint", np.rint)
fix_p = _nondiff("fix", np.fix)
floor_divide_p = _nondiff("floor_divide", np.floor_divide)
isnan_p = _nondiff("isnan", np.isnan)
isinf_p = _nondiff("isinf", np.isinf)
isposinf_p = _nondiff("isposinf", np.isposinf)
isneginf_p = _nondiff("isneginf", np.isneginf)
signbit_p = _nondiff("signbit", np.signbit)
logical_xor_p = _nondiff("xor", np.logical_xor)
bitwise_and_p = _nondiff("bitwise_and", np.bitwise_and)
bitwise_or_p = _nondiff("bitwise_or", np.bitwise_or)
bitwise_xor_p = _nondiff("bitwise_xor", np.bitwise_xor)
invert_p = _nondiff("invert", np.invert)
left_shift_p = _nondiff("left_shift", np.left_shift)
right_shift_p = _nondiff("right_shift", np.right_shift)
gcd_p = _nondiff("gcd", np.gcd)
lcm_p = _nondiff("lcm", np.lcm)


def _round_impl(x, *, decimals):
    return np.round(x, decimals)


round_p = _nondiff("round", _round_impl)

_ZERO = "Zero derivative everywhere (JAX's convention for a step function)."
_NONE = "No derivative: the result is a constant to every transform."
floor = _unary(floor_p, "floor", "Elementwise floor", _ZERO, "[-1.5, 1.5]")
ceil = _unary(ceil_p, "ceil", "Elementwise ceiling", _ZERO, "[-1.5, 1.5]")
trunc = _unary(trunc_p, "trunc", "Elementwise rounding towards zero", _ZERO, "[-1.5, 1.5]")
rint = _unary(rint_p, "rint", "Elementwise rounding to the nearest integer (half to even)",
              _ZERO, "[-1.5, 0.5, 2.5]")
fix = _unary(fix_p, "fix", "Elementwise rounding towards zero", _ZERO, "[-1.5, 1.5]")
floor_divide = _binary(floor_divide_p, "floor_divide", "Elementwise ``x1 // x2``",
                       _ZERO + " (JAX's rule.)", "[5.5, -5.5]; [2.0, 2.0]")
isnan = _unary(isnan_p, "isnan", "Elementwise test for NaN", _NONE, "[1.0, float('nan')]")
isinf = _unary(isinf_p, "isinf", "Elementwise test for infinity", _NONE,
               "[1.0, float('inf')]")
isposinf = _unary(isposinf_p, "isposinf", "Elementwise test for ``+inf``", _NONE,
                  "[1.0, float('inf'), -float('inf')]")
isneginf = _unary(isneginf_p, "isneginf", "Elementwise test for ``-inf``", _NONE,
                  "[1.0, float('inf'), -float('inf')]")
signbit = _unary(signbit_p, "signbit", "Elementwise test of the sign bit", _NONE,
                 "[1.0, -0.0, -2.0]")
logical_xor = _binary(logical_xor_p, "logical_xor", "Elementwise exclusive or", _NONE,
                      "[True, False]; [True, True]")
bitwise_and = _binary(bitwise_and_p, "bitwise_and", "Elementwise bitwise and", _NONE,
                      "[12, 10]; [10, 6]")
bitwise_or = _binary(bitwise_or_p, "bitwise_or", "Elementwise bitwise or", _NONE,
                     "[12, 10]; [10, 6]")
bitwise_xor = _binary(bitwise_xor_p, "bitwise_xor", "Elementwise bitwise exclusive or", _NONE,
                      "[12, 10]; [10, 6]")
invert = _unary(invert_p, "invert", "Elementwise bitwise not", _NONE, "[True, False]")
bitwise_not = _alias(invert, "bitwise_not")
bitwise_invert = _alias(invert, "bitwise_invert")
left_shift = _binary(left_shift_p, "left_shift", "Elementwise ``x1 << x2``", _NONE,
                     "[1, 3]; [2, 1]")
right_shift = _binary(right_shift_p, "right_shift", "Elementwise ``x1 >> x2``", _NONE,
                      "[8, 3]; [2, 1]")
gcd = _binary(gcd_p, "gcd", "Elementwise greatest common divisor", _NONE, "[12, 9]; [8, 6]")
lcm = _binary(lcm_p, "lcm", "Elementwise least common multiple", _NONE, "[4, 9]; [6, 6]")


def round(a, decimals=0, out=None):  # noqa: A001 - NumPy's name
    """Round to ``decimals`` decimals (half to even), as :func:`numpy.round`; zero derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.round(fnp.asarray([1.25, 2.5, -0.5]), 1)
    array([ 1.2,  2.5, -0.5])
    """
    from ._util import reject_out

    reject_out("round", out)
    return round_p.bind(a, decimals=int(decimals))


around = round


# ---------------------------------------------------------------------------
# Composites: clip, copysign, fmax/fmin, angles, divmod, modf, nan_to_num, select
# ---------------------------------------------------------------------------

def clip(a, a_min=None, a_max=None, out=None, *, min=None, max=None):  # noqa: A002
    """Limit values to ``[a_min, a_max]``, as :func:`numpy.clip`.

    Written as JAX writes it, ``minimum(a_max, maximum(a_min, a))``, so at a
    bound the derivative is shared half and half between ``a`` and the bound
    (the tie rule of :func:`maximum`); inside it is 1, outside 0.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(lambda x: fnp.clip(x, 0.0, 1.0))(fnp.asarray([-1.0, 0.0, 0.5, 1.0]))
    array([0. , 0.5, 1. , 0.5])
    """
    from ._util import reject_out

    reject_out("clip", out)
    lo = a_min if min is None else min
    hi = a_max if max is None else max
    if a_min is not None and min is not None or a_max is not None and max is not None:
        raise ValueError("clip: pass the bounds either positionally (a_min, a_max) or as "
                         "min=/max=, not both")
    if lo is not None:
        a = maximum(lo, a)
    if hi is not None:
        a = minimum(hi, a)
    return a


def copysign(x1, x2, /):
    """``x1`` with the sign of ``x2``, as :func:`numpy.copysign`.

    Written as JAX writes it, ``where(signbit(x2), -|x1|, |x1|)``: the
    derivative with respect to ``x1`` is ``±sign(x1)`` (1 at 0), and 0 with
    respect to ``x2``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.copysign(x, -1.0))(2.0)
    array(-1.)
    """
    dtype = result_dtype(x1, x2)
    if not is_inexact(dtype):
        dtype = np.result_type(dtype, np.float16)
    mag = absolute(astype(x1, dtype) if dtype_of(x1) != dtype else x1)
    out = where(signbit(x2), negative(mag), mag)
    return astype(out, dtype) if dtype_of(out) != dtype else out


def _fmax_share(x1, x2):
    # NaN-aware: a NaN operand takes nothing; otherwise the tie rule of maximum.
    share = where(greater(x1, x2), 1.0, where(equal(x1, x2), 0.5, 0.0))
    return where(isnan(x2), 1.0, where(isnan(x1), 0.0, share))


def _fmin_share(x1, x2):
    share = where(less(x1, x2), 1.0, where(equal(x1, x2), 0.5, 0.0))
    return where(isnan(x2), 1.0, where(isnan(x1), 0.0, share))


fmax_p = Primitive("fmax", np.fmax)
defderivative(
    fmax_p, lambda ans, x1, x2: _fmax_share(x1, x2), lambda ans, x1, x2: _fmax_share(x2, x1)
)
fmin_p = Primitive("fmin", np.fmin)
defderivative(
    fmin_p, lambda ans, x1, x2: _fmin_share(x1, x2), lambda ans, x1, x2: _fmin_share(x2, x1)
)

fmax = _binary(
    fmax_p, "fmax", "Elementwise maximum ignoring NaNs",
    "At a tie each side gets half the derivative (as :func:`maximum`; JAX's ``fmax`` gives "
    "it all to ``x2``); a NaN operand gets none.", "[1.0, float('nan'), 3.0]; [2.0, 2.0, 3.0]")
fmin = _binary(
    fmin_p, "fmin", "Elementwise minimum ignoring NaNs",
    "At a tie each side gets half the derivative (as :func:`minimum`); a NaN operand gets "
    "none.", "[1.0, float('nan'), 3.0]; [2.0, 2.0, 3.0]")


def _angle_scale(x, factor: float):
    dtype = result_dtype(x, 1.0)
    if not is_inexact(dtype):
        dtype = np.dtype(np.float64)
    x = astype(x, dtype) if dtype_of(x) != dtype else x
    return multiply(x, factor)


def deg2rad(x, /):
    """Degrees to radians, as :func:`numpy.deg2rad`: ``x * pi / 180``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.deg2rad)(180.0)
    array(0.01745329)
    """
    return _angle_scale(x, np.pi / 180)


def rad2deg(x, /):
    """Radians to degrees, as :func:`numpy.rad2deg`: ``x * 180 / pi``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.rad2deg(fnp.asarray(fnp.pi))
    np.float64(180.0)
    """
    return _angle_scale(x, 180 / np.pi)


radians = _alias(deg2rad, "radians")
degrees = _alias(rad2deg, "degrees")


def divmod(x1, x2, /):  # noqa: A001 - NumPy's name
    """``(x1 // x2, x1 % x2)``, as :func:`numpy.divmod`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.divmod(fnp.asarray([5.5, -5.5]), 2.0)
    (array([ 2., -3.]), array([1.5, 0.5]))
    """
    return floor_divide(x1, x2), remainder(x1, x2)


def modf(x, /):
    """Fractional and integral parts, as :func:`numpy.modf`; the integral part has no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.modf(fnp.asarray([1.5, -2.25]))
    (array([ 0.5 , -0.25]), array([ 1., -2.]))
    """
    whole = trunc(x)
    return subtract(x, whole), whole


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """Replace NaN and infinities by numbers, as :func:`numpy.nan_to_num`.

    The derivative is 1 where ``x`` is finite and 0 where it was replaced.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.nan_to_num(fnp.asarray([np.nan, np.inf, -np.inf, 1.0]))
    array([ 0.00000000e+000,  1.79769313e+308, -1.79769313e+308,  1.00000000e+000])
    """
    dtype = dtype_of(x)
    if not is_inexact(dtype):
        return x
    if dtype.kind == "c":
        raise NotImplementedError("nan_to_num of complex values: apply it to the real and "
                                  "imaginary parts")
    info = np.finfo(dtype)
    hi = info.max if posinf is None else posinf
    lo = info.min if neginf is None else neginf
    out = where(isnan(x), nan, x)
    out = where(isposinf(x), hi, out)
    return where(isneginf(x), lo, out)


def select(condlist, choicelist, default=0):
    """Choose from ``choicelist`` by the first true condition, as :func:`numpy.select`.

    The derivative flows only to the chosen entries.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.select([x < 0, x < 1], [-x, x ** 2], 5.0))
    >>> fg.grad(f)(fnp.asarray([-2.0, 0.5, 3.0]))
    array([-1.,  1.,  0.])
    """
    condlist, choicelist = list(condlist), list(choicelist)
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if not choicelist:
        raise ValueError("select with an empty condition list is not possible")
    dtype = result_dtype(*choicelist, default)
    out = default
    for cond, choice in zip(condlist[::-1], choicelist[::-1]):
        if dtype_of(cond) != np.bool_:
            raise TypeError(f"invalid entry in condlist: should be boolean ndarray, "
                            f"got {dtype_of(cond)}")
        out = where(cond, choice, out)
    shape = np.broadcast_shapes(*[shape_of(c) for c in condlist + choicelist])
    from .shape import broadcast_to

    out = astype(out, dtype) if dtype_of(out) != dtype else out
    return broadcast_to(out, shape)


def heaviside(x1, x2, /):
    """The Heaviside step, as :func:`numpy.heaviside`: 0 below 0, ``x2`` at 0, 1 above.

    No derivative with respect to ``x1``; with respect to ``x2`` it is 1 where ``x1 == 0``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.heaviside(fnp.asarray([-1.0, 0.0, 2.0]), 0.5)
    array([0. , 0.5, 1. ])
    """
    dtype = result_dtype(x1, x2)
    step = astype(greater(x1, 0), dtype)
    out = where(equal(x1, 0), x2, step)
    return astype(out, dtype) if dtype_of(out) != dtype else out


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Elementwise closeness test, as :func:`numpy.isclose`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.isclose(fnp.asarray([1.0, 1.1]), 1.0)
    array([ True, False])
    """
    return isclose_p.bind(a, b, rtol=rtol, atol=atol, equal_nan=bool(equal_nan))


def _isclose(a, b, *, rtol, atol, equal_nan):
    return np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


isclose_p = _nondiff("isclose", _isclose)

# Mentioned so the linters see the imports used only by rules above.
_unused = (_absolute, cos, log, logical_and, logical_or)
