"""More elementwise functions: exponentials and logarithms, trigonometric and
hyperbolic functions and their inverses, powers and roots.

Remainders, rounding, tests and bit operations are in
:mod:`funcgrad.primitives.piecewise`; the NumPy functions composed from these
(sinc, float_power, positive, clip, ...) in :mod:`funcgrad.numpy.ufuncs`.

Each primitive sits with its derivative (``defderivative``: the partial
derivatives, written with funcgrad.numpy operations so they differentiate
again). Where an operation is not differentiable at a point, the value the
rule takes there is JAX's and the docstring says it.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defderivative, deftorch
from .batching import defbatch_elementwise
from .comparisons import equal
from .elementwise import exp, sqrt, where
from .util import alias_function as _alias
from .util import binary_function as _binary
from .util import unary_function as _unary

_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))


def _replace_posinf(x):
    # JAX's guard in logaddexp's rule: +inf - +inf would be NaN; 0 - 0 gives weight 1.
    return where(equal(x, np.inf), 0.0, x)


# ---------------------------------------------------------------------------
# Exponentials and logarithms
# ---------------------------------------------------------------------------

exp2_p = Primitive("exp2", np.exp2)
defderivative(exp2_p, lambda ans, x: ans * _LN2)

expm1_p = Primitive("expm1", np.expm1)
deftorch(expm1_p, "Expm1Backward0", saves="out")
defderivative(expm1_p, lambda ans, x: ans + 1)

log2_p = Primitive("log2", np.log2)
defderivative(log2_p, lambda ans, x: 1 / (x * _LN2))

log10_p = Primitive("log10", np.log10)
defderivative(log10_p, lambda ans, x: 1 / (x * _LN10))

log1p_p = Primitive("log1p", np.log1p)
deftorch(log1p_p, "Log1PBackward0", saves="self")
defderivative(log1p_p, lambda ans, x: 1 / (x + 1))


def _deflogaddexp(prim, base_power):
    """``d out / d x_i = base_power(x_i - out)`` for ``out = log_b(b**x1 + b**x2)``."""
    defderivative(
        prim,
        lambda ans, x1, x2: base_power(_replace_posinf(x1) - _replace_posinf(ans)),
        lambda ans, x1, x2: base_power(_replace_posinf(x2) - _replace_posinf(ans)),
    )


logaddexp_p = Primitive("logaddexp", np.logaddexp)
_deflogaddexp(logaddexp_p, exp)

logaddexp2_p = Primitive("logaddexp2", np.logaddexp2)
_deflogaddexp(logaddexp2_p, exp2_p.bind)

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


# ---------------------------------------------------------------------------
# Powers and roots
# ---------------------------------------------------------------------------

cbrt_p = Primitive("cbrt", np.cbrt)
defderivative(cbrt_p, lambda ans, x: 1 / (3 * ans * ans))

square_p = Primitive("square", np.square)
deftorch(square_p, "PowBackward0", saves="self")
defderivative(square_p, lambda ans, x: 2 * x)

reciprocal_p = Primitive("reciprocal", np.reciprocal)
deftorch(reciprocal_p, "ReciprocalBackward0", saves="out")
defderivative(reciprocal_p, lambda ans, x: -(ans * ans))

cbrt = _unary(cbrt_p, "cbrt", "Elementwise cube root",
              "Derivative: ``1 / (3 cbrt(x)**2)`` (infinite at 0).", "[8.0, -27.0]")
square = _unary(square_p, "square", "Elementwise ``x * x``", "Derivative: ``2 x``.",
                "[2.0, -3.0]")
reciprocal = _unary(reciprocal_p, "reciprocal", "Elementwise ``1 / x``",
                    "Derivative: ``-1 / x**2``.", "[2.0, -4.0]")
