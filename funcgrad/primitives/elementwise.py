"""Elementwise primitives: arithmetic, powers, exponentials, trigonometry, extrema,
selection, complex parts and dtype conversion (comparisons are in :mod:`.comparisons`).

Every rule here is the textbook derivative. NumPy broadcasts the operands; the
reverse walk sums each cotangent back down to its operand's shape.
"""

from __future__ import annotations

import numpy as np

from ..core.array import is_duck_array
from ..core.primitive import (
    Primitive,
    all_equal,
    defderivative,
    defidentity,
    defjvp,
    deflinear,
    defsource,
    deftorch,
    defvjp,
    dtype_source,
)
from .batching import defbatch_elementwise
from .comparisons import equal, greater, sign
from .util import dtype_of, is_inexact, ones_like, zeros_like

# ---------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------

add_p = Primitive("add", np.add)
deftorch(add_p, "AddBackward0")


# add, sub and mul run on every recorded and walked equation of most programs: their rules
# take the primitive's whole argument list (one Python call each, not one per argument).
def _add_jvp(primals, tangents, ans):
    tx, ty = tangents
    return ty if tx is None else tx if ty is None else tx + ty


def _add_vjp(g, ans, primals, params, wanted):
    return (g if wanted[0] else None, g if wanted[1] else None)


add_p.jvp = _add_jvp
add_p.vjp = _add_vjp
defsource(add_p, "{0} + {1}", ufunc="add")
defidentity(add_p, lambda consts: 0 if all_equal(consts[1], 0)
            else 1 if all_equal(consts[0], 0) else None)

subtract_p = Primitive("sub", np.subtract)
deftorch(subtract_p, "SubBackward0")


def _sub_jvp(primals, tangents, ans):
    tx, ty = tangents
    if ty is None:
        return tx
    return -ty if tx is None else tx + -ty


def _sub_vjp(g, ans, primals, params, wanted):
    return (g if wanted[0] else None, -g if wanted[1] else None)


subtract_p.jvp = _sub_jvp
subtract_p.vjp = _sub_vjp
defsource(subtract_p, "{0} - {1}", ufunc="subtract")
defidentity(subtract_p, lambda consts: 0 if all_equal(consts[1], 0) else None)

multiply_p = Primitive("mul", np.multiply)
deftorch(multiply_p, "MulBackward0", saves="cross")


def _mul_jvp(primals, tangents, ans):
    x, y = primals
    tx, ty = tangents
    if ty is None:
        return None if tx is None else tx * y
    return x * ty if tx is None else tx * y + x * ty


def _mul_vjp(g, ans, primals, params, wanted):
    x, y = primals
    return (g * y if wanted[0] else None, x * g if wanted[1] else None)


multiply_p.jvp = _mul_jvp
multiply_p.vjp = _mul_vjp
defsource(multiply_p, "{0} * {1}", ufunc="multiply")
defidentity(multiply_p, lambda consts: 0 if all_equal(consts[1], 1)
            else 1 if all_equal(consts[0], 1) else None)

true_divide_p = Primitive("div", np.true_divide)
deftorch(true_divide_p, "DivBackward0", saves="in")
defderivative(true_divide_p, lambda ans, x, y: 1 / y, lambda ans, x, y: -ans / y)
defsource(true_divide_p, "{0} / {1}", ufunc="true_divide")
defidentity(true_divide_p, lambda consts: 0 if all_equal(consts[1], 1) else None)

negative_p = Primitive("neg", np.negative)
deftorch(negative_p, "NegBackward0")
deflinear(negative_p, lambda g, ans, x: -g)
defsource(negative_p, "-{0}", ufunc="negative")


def _integer_pow(x, *, y):
    return np.power(x, y)


integer_pow_p = Primitive("integer_pow", _integer_pow)
deftorch(integer_pow_p, "PowBackward0", saves="self")
defbatch_elementwise(integer_pow_p)
defderivative(integer_pow_p, lambda ans, x, *, y: _integer_pow_slope(x, y))
defsource(integer_pow_p, "{0} ** {y}", ufunc="power", ufunc_params=("y",))


def _integer_pow_slope(x, y: int):
    # d/dx x**y = y * x**(y-1), written without powers where a power is wasted.
    if y == 0:
        return zeros_like(x)
    if y == 1:
        return ones_like(x)
    if y == 2:
        return 2 * x
    return y * integer_pow(x, y - 1)


def _power(x, y, *, zero_exponent_is_constant=False):
    return np.power(x, y)


power_p = Primitive("pow", _power)
deftorch(power_p, "PowBackward0", saves="self")
defbatch_elementwise(power_p)
defderivative(
    power_p,
    lambda ans, x, y, *, zero_exponent_is_constant: _power_dx(x, y, zero_exponent_is_constant),
    lambda ans, x, y, *, zero_exponent_is_constant: _power_dy(ans, x),
)
defsource(power_p, "{0} ** {1}", ufunc="power")


def _power_dx(x, y, zero_exponent_is_constant: bool):
    """y * x**(y-1); at y == 0 and x == 0 that is 0 * inf = nan.

    JAX keeps the nan for a floating exponent and takes 0 for an integer one;
    PyTorch takes 0 always (``x ** 0`` is the constant 1). The choice is the
    parameter ``zero_exponent_is_constant``.
    """
    slope = y * power(x, y - 1)
    return where(equal(y, 0), 0.0, slope) if zero_exponent_is_constant else slope


def _power_dy(ans, x):
    # log(x) * x**y, taken as 0 at x == 0 where x**y is 0 (for y > 0) but log(x) is -inf.
    safe_x = where(equal(x, 0), 1.0, x)
    return log(safe_x) * ans


# ---------------------------------------------------------------------------
# Exponentials, logarithms, roots and trigonometry
# ---------------------------------------------------------------------------

exp_p = Primitive("exp", np.exp)
deftorch(exp_p, "ExpBackward0", saves="out")
defderivative(exp_p, lambda ans, x: ans)
defsource(exp_p, ufunc="exp")

log_p = Primitive("log", np.log)
deftorch(log_p, "LogBackward0", saves="self")
defderivative(log_p, lambda ans, x: 1 / x)
defsource(log_p, ufunc="log")

sqrt_p = Primitive("sqrt", np.sqrt)
deftorch(sqrt_p, "SqrtBackward0", saves="out")
defderivative(sqrt_p, lambda ans, x: 0.5 / ans)
defsource(sqrt_p, ufunc="sqrt")

sin_p = Primitive("sin", np.sin)
deftorch(sin_p, "SinBackward0", saves="self")
defderivative(sin_p, lambda ans, x: cos(x))
defsource(sin_p, ufunc="sin")

cos_p = Primitive("cos", np.cos)
deftorch(cos_p, "CosBackward0", saves="self")
defderivative(cos_p, lambda ans, x: -sin(x))
defsource(cos_p, ufunc="cos")

tan_p = Primitive("tan", np.tan)
deftorch(tan_p, "TanBackward0", saves="out")
defderivative(tan_p, lambda ans, x: 1 + ans * ans)
defsource(tan_p, ufunc="tan")

tanh_p = Primitive("tanh", np.tanh)
deftorch(tanh_p, "TanhBackward0", saves="out")
defderivative(tanh_p, lambda ans, x: 1 - ans * ans)
defsource(tanh_p, ufunc="tanh")


# ---------------------------------------------------------------------------
# Absolute value, extrema, selection
# ---------------------------------------------------------------------------

def _absolute(x, *, slope_at_zero=1.0):
    return np.absolute(x)


absolute_p = Primitive("abs", _absolute)
deftorch(absolute_p, "AbsBackward0", saves="self")
defbatch_elementwise(absolute_p)


def abs_slope(x, slope_at_zero):
    """The factor ``a`` with ``d|x| = Re(a * dx)``: sign(x) for reals, conj(x)/|x| for complex.

    At 0 a real ``|x|`` has no derivative; JAX takes 1, PyTorch takes 0, so
    the choice is the parameter ``slope_at_zero``.
    """
    if dtype_of(x).kind == "c":
        safe = where(equal(x, 0), 1.0, x)
        return where(equal(x, 0), 0.0, conj(safe) / absolute(safe))
    return where(equal(x, 0), slope_at_zero, sign(x))


defjvp(absolute_p, lambda t, ans, x, *, slope_at_zero: real(abs_slope(x, slope_at_zero) * t))
defvjp(absolute_p, lambda g, ans, x, *, slope_at_zero: g * abs_slope(x, slope_at_zero))
defsource(absolute_p, lambda args, params: f"np.abs({args[0]})", ufunc="absolute")


def abs_squared(x):
    """``|x|**2`` as a real value: ``Re(x conj(x))`` for complex ``x``, ``x * x`` otherwise."""
    return real(x * conj(x)) if dtype_of(x).kind == "c" else x * x


def share_of_first(x, y):
    """How much of the derivative of max(x, y) goes to x: all, half at a tie, none."""
    return where(greater(x, y), 1.0, where(equal(x, y), 0.5, 0.0))


maximum_p = Primitive("max", np.maximum)
deftorch(maximum_p, "MaximumBackward0", saves="in")
defderivative(
    maximum_p,
    lambda ans, x, y: share_of_first(x, y),
    lambda ans, x, y: share_of_first(y, x),
)
defsource(maximum_p, ufunc="maximum")

minimum_p = Primitive("min", np.minimum)
deftorch(minimum_p, "MinimumBackward0", saves="in")
defderivative(
    minimum_p,
    lambda ans, x, y: share_of_first(y, x),
    lambda ans, x, y: share_of_first(x, y),
)
defsource(minimum_p, ufunc="minimum")

where_p = Primitive("select", np.where)
deftorch(where_p, "WhereBackward0")
defbatch_elementwise(where_p)
defjvp(
    where_p,
    None,
    lambda t, ans, c, x, y: where(c, t, 0.0),
    lambda t, ans, c, x, y: where(c, 0.0, t),
)
defvjp(
    where_p,
    None,
    lambda g, ans, c, x, y: where(c, g, 0.0),
    lambda g, ans, c, x, y: where(c, 0.0, g),
)
defsource(where_p, "np.where({0}, {1}, {2})", fresh=True)


# ---------------------------------------------------------------------------
# Complex parts and dtype conversion
# ---------------------------------------------------------------------------

real_p = Primitive("real", np.real)
deftorch(real_p, "RealBackward0")
defbatch_elementwise(real_p)
deflinear(real_p, lambda g, ans, x: g)
defsource(real_p, "np.real({0})")

imag_p = Primitive("imag", np.imag)
deftorch(imag_p, "ImagBackward0")
defbatch_elementwise(imag_p)
deflinear(imag_p, lambda g, ans, x: -1j * g)
defsource(imag_p, "np.imag({0})")

conj_p = Primitive("conj", np.conjugate)
deftorch(conj_p, "ConjBackward0")
deflinear(conj_p, lambda g, ans, x: conj(g))
defsource(conj_p, ufunc="conj")


def _astype(x, *, dtype):
    if isinstance(x, np.ndarray) or is_duck_array(x):
        return x.astype(dtype)
    return np.asarray(x).astype(dtype)


astype_p = Primitive("convert", _astype)
deftorch(astype_p, "ToCopyBackward0")
defbatch_elementwise(astype_p)
# The derivative is the identity: the one step that fits every tangent and
# cotangent to its value's dtype does the conversion (taking the real part
# from complex to real). To an integer or boolean dtype there is none (JAX's float0).
defjvp(astype_p, lambda t, ans, x, *, dtype: t if is_inexact(dtype) else None)
defvjp(astype_p, lambda g, ans, x, *, dtype: g if is_inexact(dtype) else None)
defsource(astype_p, lambda args, params: f"{args[0]}.astype({dtype_source(params['dtype'])})",
          fresh=True)
defidentity(astype_p, lambda consts, *, dtype: 0)  # the optimiser checks the dtype is kept


# ---------------------------------------------------------------------------
# The public functions
# ---------------------------------------------------------------------------

def add(x1, x2, /):
    """Elementwise ``x1 + x2``, as :func:`numpy.add`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.add(x, 3.0))(2.0)
    array(1.)
    """
    return add_p.bind(x1, x2)


def subtract(x1, x2, /):
    """Elementwise ``x1 - x2``, as :func:`numpy.subtract`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.subtract(1.0, x))(2.0)
    array(-1.)
    """
    return subtract_p.bind(x1, x2)


def multiply(x1, x2, /):
    """Elementwise ``x1 * x2``, as :func:`numpy.multiply`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.multiply(x, x))(3.0)
    array(6.)
    """
    return multiply_p.bind(x1, x2)


def true_divide(x1, x2, /):
    """Elementwise ``x1 / x2``, as :func:`numpy.true_divide`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.true_divide(1.0, x))(2.0)   # -1/x**2
    array(-0.25)
    """
    return true_divide_p.bind(x1, x2)


divide = true_divide


def negative(x, /):
    """Elementwise ``-x``, as :func:`numpy.negative`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.negative)(2.0)
    array(-1.)
    """
    return negative_p.bind(x)


def integer_pow(x, y: int):
    """``x ** y`` for a fixed Python integer ``y`` (what ``x ** 3`` binds).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.integer_pow(x, 3))(2.0)   # 3 x**2
    array(12.)
    """
    return integer_pow_p.bind(x, y=int(y))


def power(x1, x2, /):
    """Elementwise ``x1 ** x2``, as :func:`numpy.power`, differentiable in both.

    A Python integer exponent binds :func:`integer_pow`. With respect to the
    base the derivative is ``y * x ** (y - 1)``: at ``x = 0`` with a floating
    exponent ``0.`` that is ``nan``, as in JAX (an integer exponent 0 gives 0).
    With respect to the exponent it is ``log(x) * x ** y``, taken as 0 at ``x = 0``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.power, argnums=(0, 1))(2.0, 3.0)   # (3 * 2**2, log(2) * 2**3)
    (array(12.), array(5.54517744))
    """
    if isinstance(x2, int) and not isinstance(x2, bool):
        return integer_pow_p.bind(x1, y=x2)
    return power_p.bind(x1, x2, zero_exponent_is_constant=np.issubdtype(dtype_of(x2), np.integer))


def exp(x, /):
    """Elementwise :math:`e^x`, as :func:`numpy.exp`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.exp)(0.0)
    array(1.)
    """
    return exp_p.bind(x)


def log(x, /):
    """Elementwise natural logarithm, as :func:`numpy.log`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.log)(4.0)   # 1/x
    array(0.25)
    """
    return log_p.bind(x)


def sqrt(x, /):
    """Elementwise square root, as :func:`numpy.sqrt`. The derivative at 0 is ``inf``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.sqrt)(4.0)   # 1 / (2 sqrt(x))
    array(0.25)
    """
    return sqrt_p.bind(x)


def sin(x, /):
    """Elementwise sine, as :func:`numpy.sin`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.sin)(0.0)   # cos(0)
    array(1.)
    """
    return sin_p.bind(x)


def cos(x, /):
    """Elementwise cosine, as :func:`numpy.cos`.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.cos)(np.pi / 2)   # -sin(pi/2)
    array(-1.)
    """
    return cos_p.bind(x)


def tan(x, /):
    """Elementwise tangent, as :func:`numpy.tan`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.tan)(0.0)   # 1 + tan(x)**2
    array(1.)
    """
    return tan_p.bind(x)


def tanh(x, /):
    """Elementwise hyperbolic tangent, as :func:`numpy.tanh`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.tanh)(0.0)   # 1 - tanh(x)**2
    array(1.)
    """
    return tanh_p.bind(x)


def absolute(x, /):
    """Elementwise ``|x|``, as :func:`numpy.absolute`.

    The derivative at 0 is taken as 1 (JAX's choice; ``funcgrad.torch`` takes
    0 as PyTorch does). For complex ``x`` the derivative is ``conj(x)/|x|``
    in JAX's convention, and 0 at 0.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.absolute)(-2.0), fg.grad(fnp.absolute)(0.0)
    (array(-1.), array(1.))
    """
    return absolute_p.bind(x, slope_at_zero=1.0)


abs = absolute


def maximum(x1, x2, /):
    """Elementwise maximum, as :func:`numpy.maximum`. At a tie each side gets half.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.maximum(x, 1.0))(1.0)
    array(0.5)
    """
    return maximum_p.bind(x1, x2)


def minimum(x1, x2, /):
    """Elementwise minimum, as :func:`numpy.minimum`. At a tie each side gets half.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.minimum(x, 1.0))(0.5)
    array(1.)
    """
    return minimum_p.bind(x1, x2)


def where(condition, x=None, y=None, /):
    """Choose from ``x`` where ``condition`` holds, else from ``y``, as :func:`numpy.where`.

    The derivative flows only to the chosen side. A NaN in the side not chosen
    still poisons a gradient if it comes from a NaN *derivative*: guard the
    input too (the double-``where`` idiom, see the sharp bits page).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.where(x > 0, x ** 2, -x))
    >>> fg.grad(f)(fnp.asarray([-1.0, 3.0]))
    array([-1.,  6.])
    """
    if x is None or y is None:
        raise TypeError("where() takes one or three arguments: where(condition, x, y) "
                        "(funcgrad.numpy.where(condition) gives the indices)")
    return where_p.bind(condition, x, y)


def real(val, /):
    """The real part, as :func:`numpy.real`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.real(fnp.asarray(1.0 + 2.0j))
    array(1.)
    """
    return real_p.bind(val)


def imag(val, /):
    """The imaginary part, as :func:`numpy.imag`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.imag(fnp.asarray(1.0 + 2.0j))
    array(2.)
    """
    return imag_p.bind(val)


def conj(x, /):
    """The complex conjugate, as :func:`numpy.conjugate`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.conj(fnp.asarray([1.0 + 2.0j]))
    array([1.-2.j])
    """
    return conj_p.bind(x)


conjugate = conj


def astype(x, dtype, /, *, copy=True, device=None):
    """``x`` converted to ``dtype``; the derivative keeps its input's dtype.

    Converting to an integer or boolean dtype has zero derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.astype(x, np.float32) * 2)(np.float64(1.0)).dtype
    dtype('float64')
    """
    return astype_p.bind(x, dtype=np.dtype(dtype))
