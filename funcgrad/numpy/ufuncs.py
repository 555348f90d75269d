"""NumPy's elementwise functions that are composites of the primitives.

Each is written with the primitives' binding functions, so its derivatives of
every order, its batching and its jit spelling come from theirs. Where a
composite's derivative at a kink matters, its docstring says which rule it
inherits (``clip`` shares a tie half and half, as :func:`maximum` does).

``fabs`` is ``absolute`` in NumPy's float result type: as a composite it is
faster than a primitive of its own (NumPy's ``abs`` is faster than its ``fabs``).
"""

from __future__ import annotations

import numpy as np

from ..primitives.comparisons import equal, greater
from ..primitives.elementwise import (
    absolute,
    add,
    astype,
    maximum,
    minimum,
    multiply,
    negative,
    power,
    sin,
    subtract,
    where,
)
from ..primitives.indexing import as_inexact
from ..primitives.piecewise import (
    floor_divide,
    frexp_exponent_p,
    isnan,
    isneginf,
    isposinf,
    ldexp,
    remainder,
    signbit,
    trunc,
)
from ..primitives.shape import broadcast_to
from ..primitives.ufuncs import sinc_maclaurin_p
from ..primitives.util import alias_function as _alias
from ..primitives.util import dtype_of, is_inexact, reject_out, result_dtype, shape_of


def fabs(x, /):
    """Elementwise absolute value of real numbers (float results), as :func:`numpy.fabs`.

    The derivative at 0 is 1, as for :func:`absolute` (JAX's choice).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.fabs)(-2.0)
    array(-1.)
    >>> fnp.fabs(fnp.asarray([-2, 3], dtype=fnp.int16))
    array([2., 3.], dtype=float32)
    """
    dtype = dtype_of(x)
    target = np.fabs(np.zeros((), dtype)).dtype  # NumPy's result type (and its error for complex)
    return absolute(x if dtype == target else astype(x, target))


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


def _angle_scale(x, factor: float):
    return multiply(as_inexact(x), factor)


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


def frexp(x, /):
    """Mantissa and exponent, ``x = m * 2**e``, as :func:`numpy.frexp`.

    The mantissa is ``ldexp(x, -e)``: its derivative is ``2**-e``; the exponent has none.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.frexp(fnp.asarray([8.0, 0.75]))
    (array([0.5 , 0.75]), array([4, 0], dtype=int32))
    >>> fg.grad(lambda x: fnp.frexp(x)[0])(8.0)
    array(0.0625)
    """
    exponent = frexp_exponent_p.bind(x)
    return ldexp(x, negative(exponent)), exponent


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
    x = as_inexact(x)
    pi_x = x * np.pi
    zero = equal(x, 0)
    safe = where(zero, 1.0, pi_x)
    return where(zero, sinc_maclaurin_p.bind(pi_x, k=0), sin(safe) / safe)


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
