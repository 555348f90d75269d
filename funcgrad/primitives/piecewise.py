"""Piecewise elementwise primitives: remainders, rounding, tests, bit operations,
NaN-ignoring extrema (fmax/fmin), closeness, and the floating-point representation
(ldexp, frexp's exponent, spacing, nextafter).

The NumPy functions composed from these (clip, copysign, nan_to_num, select,
heaviside, modf, divmod, frexp, ...) are in :mod:`funcgrad.numpy.ufuncs`.

Where a function jumps, its derivative away from the jumps is the textbook
one and the rule at the jump is JAX's (documented per function).
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defderivative, deftorch
from .comparisons import nondiff_elementwise
from .elementwise import share_of_first, true_divide, where
from .util import alias_function as _alias
from .util import binary_function as _binary
from .util import dtype_of, reject_out
from .util import unary_function as _unary

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

floor_p = nondiff_elementwise("floor", np.floor)
deftorch(floor_p, "FloorBackward0")
ceil_p = nondiff_elementwise("ceil", np.ceil)
deftorch(ceil_p, "CeilBackward0")
trunc_p = nondiff_elementwise("trunc", np.trunc)
deftorch(trunc_p, "TruncBackward0")
rint_p = nondiff_elementwise("rint", np.rint)
fix_p = nondiff_elementwise("fix", np.fix)
floor_divide_p = nondiff_elementwise("floor_divide", np.floor_divide)
isnan_p = nondiff_elementwise("isnan", np.isnan)
isinf_p = nondiff_elementwise("isinf", np.isinf)
isposinf_p = nondiff_elementwise("isposinf", np.isposinf)
isneginf_p = nondiff_elementwise("isneginf", np.isneginf)
signbit_p = nondiff_elementwise("signbit", np.signbit)
logical_xor_p = nondiff_elementwise("xor", np.logical_xor)
bitwise_and_p = nondiff_elementwise("bitwise_and", np.bitwise_and)
bitwise_or_p = nondiff_elementwise("bitwise_or", np.bitwise_or)
bitwise_xor_p = nondiff_elementwise("bitwise_xor", np.bitwise_xor)
invert_p = nondiff_elementwise("invert", np.invert)
left_shift_p = nondiff_elementwise("left_shift", np.left_shift)
right_shift_p = nondiff_elementwise("right_shift", np.right_shift)
gcd_p = nondiff_elementwise("gcd", np.gcd)
lcm_p = nondiff_elementwise("lcm", np.lcm)


def _round_impl(x, *, decimals):
    return np.round(x, decimals)


round_p = nondiff_elementwise("round", _round_impl)
deftorch(round_p, "RoundBackward0")

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


def _accept_out(f):
    """NumPy's non-ufunc ``fix``/``isposinf``/``isneginf`` take ``out=``; accept it (as None)."""

    def g(x, out=None):
        reject_out(f.__name__, out)
        return f(x)

    g.__name__ = g.__qualname__ = f.__name__
    g.__doc__ = f.__doc__
    return g


fix = _accept_out(fix)
isposinf = _accept_out(isposinf)
isneginf = _accept_out(isneginf)


def round(a, decimals=0, out=None):  # noqa: A001 - NumPy's name
    """Round to ``decimals`` decimals (half to even), as :func:`numpy.round`; zero derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.round(fnp.asarray([1.25, 2.5, -0.5]), 1)
    array([ 1.2,  2.5, -0.5])
    """
    reject_out("round", out)
    return round_p.bind(a, decimals=int(decimals))


around = round


# ---------------------------------------------------------------------------
# Extrema ignoring NaNs, and closeness
# ---------------------------------------------------------------------------

def _ignoring_nan(share, x1, x2):
    """``x1``'s share of the derivative of ``fmax``/``fmin``: all of it when ``x2`` is NaN,
    none when ``x1`` is; otherwise ``share``, the tie rule of ``maximum``/``minimum``."""
    return where(isnan(x2), 1.0, where(isnan(x1), 0.0, share))


fmax_p = Primitive("fmax", np.fmax)
defderivative(
    fmax_p,
    lambda ans, x1, x2: _ignoring_nan(share_of_first(x1, x2), x1, x2),
    lambda ans, x1, x2: _ignoring_nan(share_of_first(x2, x1), x2, x1),
)
fmin_p = Primitive("fmin", np.fmin)
defderivative(
    fmin_p,
    lambda ans, x1, x2: _ignoring_nan(share_of_first(x2, x1), x1, x2),
    lambda ans, x1, x2: _ignoring_nan(share_of_first(x1, x2), x2, x1),
)

fmax = _binary(
    fmax_p, "fmax", "Elementwise maximum ignoring NaNs",
    "At a tie each side gets half the derivative (as :func:`maximum`; JAX's ``fmax`` gives "
    "it all to ``x2``); a NaN operand gets none.", "[1.0, float('nan'), 3.0]; [2.0, 2.0, 3.0]")
fmin = _binary(
    fmin_p, "fmin", "Elementwise minimum ignoring NaNs",
    "At a tie each side gets half the derivative (as :func:`minimum`); a NaN operand gets "
    "none.", "[1.0, float('nan'), 3.0]; [2.0, 2.0, 3.0]")


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


isclose_p = nondiff_elementwise("isclose", _isclose)



# ---------------------------------------------------------------------------
# Floating-point representation: ldexp, frexp's exponent, spacing, nextafter, bitwise_count
# ---------------------------------------------------------------------------

ldexp_p = Primitive("ldexp", np.ldexp)
# d/dx1 ldexp(x1, x2) = 2**x2, in x1's dtype; x2 is an integer (no derivative).
defderivative(ldexp_p, lambda ans, x1, x2: ldexp_p.bind(np.ones((), dtype_of(x1)), x2), None)


def _frexp_exponent(x):
    return np.frexp(x)[1]


frexp_exponent_p = nondiff_elementwise("frexp_exponent", _frexp_exponent)
spacing_p = nondiff_elementwise("spacing", np.spacing)
nextafter_p = nondiff_elementwise("nextafter", np.nextafter)
bitwise_count_p = nondiff_elementwise("bitwise_count", np.bitwise_count)

ldexp = _binary(ldexp_p, "ldexp", "Elementwise ``x1 * 2**x2`` for integer ``x2``",
                "Derivative: ``2**x2`` with respect to ``x1``; none with respect to ``x2``.",
                "[1.0, 3.0]; [2, -1]")
spacing = _unary(spacing_p, "spacing", "The distance to the nearest adjacent number", _NONE,
                 "[1.0, 1e10]")
nextafter = _binary(nextafter_p, "nextafter", "The next floating-point value towards ``x2``",
                    _NONE, "[1.0, 1.0]; [2.0, 0.0]")
bitwise_count = _unary(bitwise_count_p, "bitwise_count", "The number of 1-bits in ``|x|``",
                       _NONE, "[7, 8]")
