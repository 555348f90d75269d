"""``funcgrad.lax`` elementwise operations: the names JAX code imports from ``jax.lax``
(``add``, ``mul``, ``max``, ...), with ``jax.lax``'s signatures (shapes, slicing and
reductions are in :mod:`funcgrad.lax.shapes`).

They bind the same primitives as :mod:`funcgrad.numpy` (every derivative rule
lives once, with its primitive); what differs is the interface: dimensions are
explicit (``broadcast_in_dim``, ``pad`` with interior padding, ``slice`` with
limits and strides), ``div`` and ``rem`` round toward zero for integers, ``round``
rounds half away from zero by default.
"""

from __future__ import annotations

import enum
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..core.optional import optional_function
from ..nn import sigmoid as _sigmoid
from ..transforms.custom import stop_gradient

__all__ = [
    "Precision", "RoundingMethod", "stop_gradient", "select",
    "add", "sub", "mul", "div", "rem", "pow", "integer_pow", "max", "min", "neg", "abs",
    "sign", "floor", "ceil", "round", "exp", "exp2", "log", "log1p", "expm1", "sin", "cos",
    "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
    "sqrt", "rsqrt", "cbrt", "square", "reciprocal", "logistic", "erf", "erfc", "erf_inv",
    "lgamma", "digamma", "is_finite", "real", "imag", "conj", "clamp", "nextafter",
    "eq", "ne", "lt", "le", "gt", "ge", "bitwise_and", "bitwise_or", "bitwise_xor",
    "bitwise_not", "shift_left", "shift_right_arithmetic", "shift_right_logical",
]


class Precision(enum.Enum):
    """``jax.lax.Precision``: accepted by ``precision=`` arguments (NumPy always computes at
    full precision, so every value means the same here).

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.Precision.HIGHEST
    <Precision.HIGHEST: 2>
    """

    DEFAULT = 0
    HIGH = 1
    HIGHEST = 2


class RoundingMethod(enum.IntEnum):
    """``jax.lax.RoundingMethod`` for :func:`round`.

    Examples
    --------
    >>> from funcgrad import lax
    >>> int(lax.RoundingMethod.TO_NEAREST_EVEN)
    1
    """

    AWAY_FROM_ZERO = 0
    TO_NEAREST_EVEN = 1


def _dtype(x: Any) -> np.dtype:
    return np.dtype(x.dtype) if hasattr(x, "dtype") else np.result_type(x)


def _integer(x: Any) -> bool:
    return _dtype(x).kind in "iub"


# ---------------------------------------------------------------------------
# Elementwise
# ---------------------------------------------------------------------------

def add(x: Any, y: Any) -> Any:
    """``x + y``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.add(1.0, 2.0)
    array(3.)
    """
    return fnp.asarray(fnp.add(x, y))


def sub(x: Any, y: Any) -> Any:
    """``x - y``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.sub(1.0, 2.0)
    array(-1.)
    """
    return fnp.asarray(fnp.subtract(x, y))


def mul(x: Any, y: Any) -> Any:
    """``x * y``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.mul(3.0, 2.0)
    array(6.)
    """
    return fnp.asarray(fnp.multiply(x, y))


def div(x: Any, y: Any) -> Any:
    """``x / y``; for integers, the quotient rounded toward zero (as C and XLA).

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.div(-7, 2), lax.div(7.0, 2.0)
    (array(-3), array(3.5))
    """
    if _integer(x) and _integer(y):
        q = fnp.floor_divide(x, y)
        fix = fnp.logical_and(fnp.not_equal(fnp.remainder(x, y), 0),
                              fnp.less(fnp.multiply(x, y), 0))
        return fnp.asarray(fnp.where(fix, q + 1, q))
    return fnp.asarray(fnp.true_divide(x, y))


def rem(x: Any, y: Any) -> Any:
    """The remainder of :func:`div`: it has the sign of ``x`` (C's ``fmod``).

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.rem(-7, 2), lax.rem(7.5, 2.0)
    (array(-1), array(1.5))
    """
    return fnp.asarray(fnp.fmod(x, y))


def pow(x: Any, y: Any) -> Any:  # noqa: A001 - jax.lax's name
    """``x ** y``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.pow(2.0, 3.0)
    array(8.)
    """
    return fnp.asarray(fnp.power(x, y))


def integer_pow(x: Any, y: int) -> Any:
    """``x ** y`` for a Python integer ``y``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.integer_pow(3.0, 2)
    array(9.)
    """
    return fnp.asarray(fnp.asarray(x) ** int(y))


def max(x: Any, y: Any) -> Any:  # noqa: A001
    """The elementwise maximum (NaN if either is NaN).

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.max(1.0, 2.0)
    array(2.)
    """
    return fnp.asarray(fnp.maximum(x, y))


def min(x: Any, y: Any) -> Any:  # noqa: A001
    """The elementwise minimum.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.min(1.0, 2.0)
    array(1.)
    """
    return fnp.asarray(fnp.minimum(x, y))


def _unary(fn, name: str, example: str, result: str):
    def op(x: Any) -> Any:
        return fnp.asarray(fn(x))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"``jax.lax.{name}``, elementwise.\n\n    Examples\n    --------\n"
                  f"    >>> from funcgrad import lax\n    >>> lax.{name}({example})\n"
                  f"    {result}\n    ")
    return op


def _scipy_special(name: str) -> Any:
    # SciPy is an optional extra: import it when one of these is first called
    return optional_function("funcgrad.scipy.special", name)


neg = _unary(fnp.negative, "neg", "2.0", "array(-2.)")
abs = _unary(fnp.abs, "abs", "-2.0", "array(2.)")  # noqa: A001
sign = _unary(fnp.sign, "sign", "-2.0", "array(-1.)")
floor = _unary(fnp.floor, "floor", "1.5", "array(1.)")
ceil = _unary(fnp.ceil, "ceil", "1.5", "array(2.)")
exp = _unary(fnp.exp, "exp", "0.0", "array(1.)")
exp2 = _unary(fnp.exp2, "exp2", "3.0", "array(8.)")
log = _unary(fnp.log, "log", "1.0", "array(0.)")
log1p = _unary(fnp.log1p, "log1p", "0.0", "array(0.)")
expm1 = _unary(fnp.expm1, "expm1", "0.0", "array(0.)")
sin = _unary(fnp.sin, "sin", "0.0", "array(0.)")
cos = _unary(fnp.cos, "cos", "0.0", "array(1.)")
tan = _unary(fnp.tan, "tan", "0.0", "array(0.)")
asin = _unary(fnp.arcsin, "asin", "0.0", "array(0.)")
acos = _unary(fnp.arccos, "acos", "1.0", "array(0.)")
atan = _unary(fnp.arctan, "atan", "0.0", "array(0.)")
sinh = _unary(fnp.sinh, "sinh", "0.0", "array(0.)")
cosh = _unary(fnp.cosh, "cosh", "0.0", "array(1.)")
tanh = _unary(fnp.tanh, "tanh", "0.0", "array(0.)")
asinh = _unary(fnp.arcsinh, "asinh", "0.0", "array(0.)")
acosh = _unary(fnp.arccosh, "acosh", "1.0", "array(0.)")
atanh = _unary(fnp.arctanh, "atanh", "0.0", "array(0.)")
sqrt = _unary(fnp.sqrt, "sqrt", "4.0", "array(2.)")
cbrt = _unary(fnp.cbrt, "cbrt", "8.0", "array(2.)")
square = _unary(fnp.square, "square", "3.0", "array(9.)")
reciprocal = _unary(fnp.reciprocal, "reciprocal", "4.0", "array(0.25)")
logistic = _unary(_sigmoid, "logistic", "0.0", "array(0.5)")
erf = _unary(_scipy_special("erf"), "erf", "0.0", "array(0.)")
erfc = _unary(_scipy_special("erfc"), "erfc", "0.0", "array(1.)")
erf_inv = _unary(_scipy_special("erfinv"), "erf_inv", "0.0", "array(0.)")
lgamma = _unary(_scipy_special("gammaln"), "lgamma", "1.0", "array(0.)")
digamma = _unary(_scipy_special("digamma"), "digamma", "1.0", "array(-0.57721566)")
is_finite = _unary(fnp.isfinite, "is_finite", "1.0", "array(True)")
real = _unary(fnp.real, "real", "1.0", "array(1.)")
imag = _unary(fnp.imag, "imag", "1.0", "array(0.)")
conj = _unary(fnp.conj, "conj", "1.0", "array(1.)")
bitwise_not = _unary(fnp.invert, "bitwise_not", "0", "array(-1)")


def rsqrt(x: Any) -> Any:
    """``1 / sqrt(x)``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.rsqrt(4.0)
    array(0.5)
    """
    return fnp.asarray(1 / fnp.sqrt(x))


def round(x: Any, rounding_method: int = RoundingMethod.AWAY_FROM_ZERO) -> Any:  # noqa: A001
    """Round to the nearest integer: halves away from zero (default) or to even.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.round(2.5), lax.round(2.5, lax.RoundingMethod.TO_NEAREST_EVEN)
    (array(3.), array(2.))
    """
    if int(rounding_method) == RoundingMethod.TO_NEAREST_EVEN:
        return fnp.asarray(fnp.round(x))
    return fnp.asarray(fnp.sign(x) * fnp.floor(fnp.abs(x) + 0.5))


def atan2(x: Any, y: Any) -> Any:
    """``arctan(x / y)`` in the right quadrant.

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.atan2(0.0, 1.0)
    array(0.)
    """
    return fnp.asarray(fnp.arctan2(x, y))


def nextafter(x1: Any, x2: Any) -> Any:
    """The next representable number after ``x1`` toward ``x2``.

    Examples
    --------
    >>> from funcgrad import lax
    >>> bool(lax.nextafter(1.0, 2.0) > 1.0)
    True
    """
    return fnp.asarray(fnp.nextafter(x1, x2))


def clamp(min: Any, x: Any, max: Any) -> Any:  # noqa: A002
    """``x`` limited to ``[min, max]`` (note JAX's argument order).

    Examples
    --------
    >>> from funcgrad import lax
    >>> lax.clamp(0.0, 2.0, 1.0)
    array(1.)
    """
    return fnp.asarray(fnp.clip(x, min, max))


def select(pred: Any, on_true: Any, on_false: Any) -> Any:
    """``on_true`` where ``pred``, else ``on_false`` (elementwise; shapes must agree).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.select(np.array([True, False]), np.ones(2), np.zeros(2))
    array([1., 0.])
    """
    if np.shape(pred) not in ((), np.shape(on_true)) or np.shape(on_true) != np.shape(on_false):
        raise TypeError(
            f"select cases must have the same shapes, and pred must be a scalar or have "
            f"their shape; got pred {np.shape(pred)}, on_true {np.shape(on_true)}, "
            f"on_false {np.shape(on_false)}.")
    if _dtype(pred) != np.bool_:
        raise TypeError(f"select pred must be boolean type, got {_dtype(pred)}.")
    return fnp.asarray(fnp.where(pred, on_true, on_false))


def _compare(fn, name: str, op: str):
    def cmp(x: Any, y: Any) -> Any:
        return fnp.asarray(fn(x, y))

    cmp.__name__ = cmp.__qualname__ = name
    cmp.__doc__ = (f"``x {op} y``, elementwise.\n\n    Examples\n    --------\n"
                   f"    >>> from funcgrad import lax\n    >>> lax.{name}(1.0, 2.0)\n"
                   f"    array({eval(f'1.0 {op} 2.0')})\n    ")  # noqa: S307 - our literal
    return cmp


eq = _compare(fnp.equal, "eq", "==")
ne = _compare(fnp.not_equal, "ne", "!=")
lt = _compare(fnp.less, "lt", "<")
le = _compare(fnp.less_equal, "le", "<=")
gt = _compare(fnp.greater, "gt", ">")
ge = _compare(fnp.greater_equal, "ge", ">=")


def _bitwise(fn, name: str, result: str):
    def op(x: Any, y: Any) -> Any:
        return fnp.asarray(fn(x, y))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"``jax.lax.{name}``, elementwise on integers (and booleans).\n\n"
                  f"    Examples\n    --------\n    >>> from funcgrad import lax\n"
                  f"    >>> lax.{name}(6, 3)\n    {result}\n    ")
    return op


bitwise_and = _bitwise(fnp.bitwise_and, "bitwise_and", "array(2)")
bitwise_or = _bitwise(fnp.bitwise_or, "bitwise_or", "array(7)")
bitwise_xor = _bitwise(fnp.bitwise_xor, "bitwise_xor", "array(5)")
shift_left = _bitwise(fnp.left_shift, "shift_left", "array(48)")
shift_right_arithmetic = _bitwise(fnp.right_shift, "shift_right_arithmetic", "array(0)")


def shift_right_logical(x: Any, y: Any) -> Any:
    """``x >> y`` filling with zeros (the unsigned shift).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import lax
    >>> lax.shift_right_logical(np.int32(-8), np.int32(28))
    array(15, dtype=int32)
    """
    dtype = _dtype(x)
    unsigned = np.dtype(f"u{dtype.itemsize}")
    shifted = fnp.right_shift(fnp.astype(x, unsigned), fnp.astype(y, unsigned))
    return fnp.asarray(fnp.astype(shifted, dtype))
