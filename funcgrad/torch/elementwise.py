"""Arithmetic, elementwise functions and comparisons of the torch face.

Each binds funcgrad.numpy's primitives (one rule set). Where PyTorch's answer
differs from JAX's (``abs`` at 0, ``clamp`` at its bounds, ``x ** 0`` at 0)
the choice is a primitive's parameter or the way the composite is built.
"""

from __future__ import annotations

import numpy as np

from .. import numpy as fnp
from ..core.primitive import Primitive
from ..core.trace import Tracer
from ..primitives.elementwise import (
    absolute_p,
    add_p,
    cos_p,
    exp_p,
    integer_pow_p,
    log_p,
    multiply_p,
    power_p,
    sin_p,
    sqrt_p,
    subtract_p,
    tan_p,
    tanh_p,
    true_divide_p,
)
from . import _dtypes, _fast
from ._graph import Node, apply, constant, is_grad_enabled
from ._operands import _binary, _check_tensor, _float_node, _operands, _t, _value, peek_value
from .out_args import write_out
from .tensor import Tensor, record, scalar_type_name

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------


def add(input, other, *, alpha=1, out=None):
    """``input + alpha * other`` with PyTorch's type promotion.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.add(torch.tensor([1, 2]), 1.5)
    tensor([2.5000, 3.5000])
    """
    if out is not None:  # PyTorch's out= (see out_args), in the signature: no extra frame
        return write_out("add", _scaled_binary("add", add_p, input, other, alpha), out)
    return _scaled_binary("add", add_p, input, other, alpha)


def sub(input, other, *, alpha=1, out=None):
    """``input - alpha * other``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.sub(torch.tensor([1.0, 2.0]), 1)
    tensor([0., 1.])
    """
    if out is not None:
        return write_out("sub", _scaled_binary("sub", subtract_p, input, other, alpha), out)
    return _scaled_binary("sub", subtract_p, input, other, alpha)


def _scaled_binary(key: str, prim: Primitive, input, other, alpha):
    """``prim(input, alpha * other)``: ``add`` and ``sub``."""
    if alpha != 1:
        other = mul(other, alpha)
    else:
        out = _fast.binary(key, prim, input, other)
        if out is not None:
            return out
    _, a, b, xs = _binary(input, other)
    return record(key, apply(prim, a, b), xs)


def _reflected(key: str, prim: Primitive, input, other, *, floating: bool = False):
    """``other - input``, ``other / input`` for the reflected operators (``2 - x``).

    With a number on the left PyTorch records ``RsubBackward1``/``DivBackward1``
    (``r{key}``) whose one input is the tensor.
    """
    _, a, b, xs = _binary(other, input, floating=floating)
    if isinstance(other, Tensor):
        return record(key, apply(prim, a, b), xs)
    return record("r" + key, apply(prim, a, b), (xs[1], xs[0]))


def _rsub(input, other):
    if not isinstance(other, Tensor):
        # `2 - b` is PyTorch's rsub(b, 2): one edge, to b.
        _, a, b, xs = _binary(other, input)
        return record("rsub", apply(subtract_p, a, b), (xs[1],))
    return _reflected("sub", subtract_p, input, other)


def mul(input, other, *, out=None):
    """Elementwise product.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mul(torch.tensor([1.0, 2.0]), 3)
    tensor([3., 6.])
    """
    if out is not None:
        return write_out("mul", mul(input, other), out)
    res = _fast.binary("mul", multiply_p, input, other)
    if res is not None:
        return res
    _, a, b, xs = _binary(input, other)
    return record("mul", apply(multiply_p, a, b), xs)


def div(input, other, *, rounding_mode=None, out=None):
    """True division (integers divide to the default float dtype).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.div(torch.tensor(3), 2)
    tensor(1.5000)
    """
    if out is not None:
        return write_out("div", div(input, other, rounding_mode=rounding_mode), out)
    if rounding_mode is not None:
        return _floor_divide(input, other, rounding_mode)
    if isinstance(input, Tensor):  # a number on the left is _rdiv's (PyTorch's DivBackward1)
        res = _fast.binary("div", true_divide_p, input, other)
        if res is not None:
            return res
    _, a, b, xs = _binary(input, other, floating=True)
    return record("div", apply(true_divide_p, a, b), xs)


def _rdiv(input, other):
    if not isinstance(other, Tensor) and input.dtype.np.kind in "fc":
        # PyTorch computes `2 / b` as `b.reciprocal() * 2` (its nodes and its rounding).
        return mul(reciprocal(input), other)
    return _reflected("div", true_divide_p, input, other, floating=True)


def _floor_divide(input, other, mode="floor"):
    """``input // other``: the quotient rounded down (towards 0 with ``mode="trunc"``).

    No derivative, as PyTorch's. ``Tensor.floor_divide`` and ``//`` call it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([5, -5]).floor_divide(2), torch.tensor([5.0, -5.0]) // 2
    (tensor([ 2, -3]), tensor([ 2., -3.]))
    """
    dt, (a, b), xs = _operands(input, other)
    av, bv = np.asarray(_value(a)), np.asarray(_value(b))
    check_integer_divisor(dt, bv, "div_floor" if mode == "floor" else "div_trunc")
    with np.errstate(all="ignore"):
        if dt.kind in "iu":
            q = np.floor_divide(av, bv)
            if mode != "floor":  # towards zero, exactly (no detour through floats)
                q = q + ((q * bv != av) & ((av < 0) != (bv < 0)))
        else:
            q = np.floor_divide(av, bv) if mode == "floor" else np.trunc(av / bv)
    return record("floor_divide", constant(np.asarray(q, dt)), ())


def check_integer_divisor(dt: np.dtype, divisor, kernel: str) -> None:
    """PyTorch's errors for an integer division by zero and for dividing bools."""
    if dt.kind == "b":
        raise NotImplementedError(f"\"{kernel}_cpu\" not implemented for 'Bool'")
    concrete = isinstance(divisor, (np.ndarray, np.generic, int, float, bool))
    if dt.kind in "iu" and concrete and np.any(np.asarray(divisor) == 0):
        raise RuntimeError("ZeroDivisionError")


def remainder(input, other):
    """Python's modulo (the sign of the divisor); zero derivative in ``other``.

    An integer remainder by zero raises RuntimeError("ZeroDivisionError"), as PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.remainder(torch.tensor([5, -2]), 3)
    tensor([2, 1])
    """
    dt, (a, b), xs = _operands(input, other)
    if dt.kind in "fc":
        return record("remainder", fnp.mod(a, b), xs)
    check_integer_divisor(dt, _value(b), "remainder")
    return record("remainder", constant(np.mod(_value(a), _value(b))), ())


def neg(input):
    """``-input``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.neg(torch.tensor([1.0, -2.0]))
    tensor([-1.,  2.])
    """
    x = _check_tensor(input, "neg")
    if x.dtype.np.kind == "b":
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
            "to invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return record("neg", fnp.negative(x._node), (x,))


negative = neg


def pow(input, exponent):  # noqa: A001 - PyTorch's name
    """``input ** exponent`` (either may be a number).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.pow(torch.tensor([1.0, 2.0]), 2), torch.pow(2, torch.tensor([1.0, 2.0]))
    (tensor([1., 4.]), tensor([2., 4.]))
    """
    if type(exponent) is int:  # x ** 2 of a floating tensor: the fast path
        out = _fast.unary("pow", integer_pow_p, input, {"y": exponent})
        if out is not None:
            return out
    if not isinstance(input, Tensor):
        dt, (a, b), xs = _operands(input, exponent)
        return record("rpow", _power(a, b), (xs[1],))
    if isinstance(exponent, (int, np.integer)) and not isinstance(exponent, (bool, np.bool_)):
        a = input._node
        dt = a.primal.dtype
        if dt.kind == "b":
            dt, a = np.dtype(np.int64), fnp.astype(a, np.int64)
        if dt.kind in "iu" and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        return record("pow", apply(integer_pow_p, a, y=int(exponent)), (input,))
    dt, (a, b), xs = _operands(input, exponent)
    if isinstance(exponent, Tensor):
        return record("pow_tensor", _power(a, b), xs)
    return record("pow", _power(a, b), xs[:1])  # a number exponent has no edge


def _power(a, b):
    # PyTorch: x ** 0 is the constant 1, so its derivative is 0 even at x = 0.
    return power_p.bind(a, b, zero_exponent_is_constant=True)


def square(input):
    """``input ** 2``, elementwise.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.square(torch.tensor([-2.0, 3.0]))
    tensor([4., 9.])
    """
    return pow(input, 2)


def float_power(input, exponent):
    """``input ** exponent`` computed in double precision (the result is ``float64``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.float_power(torch.tensor([2, 3]), 2)
    tensor([4., 9.], dtype=torch.float64)
    """
    x = _t(input).to(_dtypes._BY_NAME["float64"])
    return pow(x, exponent)


# ---------------------------------------------------------------------------
# Elementwise functions
# ---------------------------------------------------------------------------


def _unary(key: str, fn, doc_in: str, doc_out: str):
    if isinstance(fn, Primitive):
        prim = fn

        def op(input):
            out = _fast.unary(key, prim, input)
            if out is not None:
                return out
            x = input if type(input) is Tensor else _check_tensor(input, key)
            return record(key, apply(prim, _float_node(x)), (x,))

    else:

        def op(input):
            x = input if type(input) is Tensor else _check_tensor(input, key)
            return record(key, fn(_float_node(x)), (x,))

    op.__name__ = op.__qualname__ = key
    op.__doc__ = f"""Elementwise ``{key}`` (integer tensors compute in the default float dtype).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{key}(torch.tensor({doc_in}))
    {doc_out}
    """
    return op


def _sigmoid(x):
    return fnp.true_divide(1.0, fnp.add(1.0, fnp.exp(fnp.negative(x))))


exp = _unary("exp", exp_p, "[0.0]", "tensor([1.])")
log = _unary("log", log_p, "[1.0]", "tensor([0.])")
sqrt = _unary("sqrt", sqrt_p, "[4.0]", "tensor([2.])")
sin = _unary("sin", sin_p, "[0.0]", "tensor([0.])")
cos = _unary("cos", cos_p, "[0.0]", "tensor([1.])")
tan = _unary("tan", tan_p, "[0.0]", "tensor([0.])")
tanh = _unary("tanh", tanh_p, "[0.0]", "tensor([0.])")
sigmoid = _unary("sigmoid", _sigmoid, "[0.0]", "tensor([0.5000])")
log1p = _unary("log1p", lambda x: fnp.log(fnp.add(1.0, x)), "[0.0]", "tensor([0.])")
expm1 = _unary("expm1", lambda x: fnp.subtract(fnp.exp(x), 1.0), "[0.0]", "tensor([0.])")
rsqrt = _unary("rsqrt", lambda x: fnp.true_divide(1.0, fnp.sqrt(x)), "[4.0]", "tensor([0.5000])")
reciprocal = _unary("reciprocal", lambda x: fnp.true_divide(1.0, x), "[2.0]", "tensor([0.5000])")
exp2 = _unary("exp2", lambda x: fnp.power(2.0, x), "[3.0]", "tensor([8.])")
log2 = _unary(
    "log2", lambda x: fnp.true_divide(fnp.log(x), float(np.log(2.0))), "[8.0]", "tensor([3.])"
)
log10 = _unary(
    "log10", lambda x: fnp.true_divide(fnp.log(x), float(np.log(10.0))), "[100.0]", "tensor([2.])"
)
sinh = _unary(
    "sinh",
    lambda x: fnp.multiply(0.5, fnp.subtract(fnp.exp(x), fnp.exp(fnp.negative(x)))),
    "[0.0]",
    "tensor([0.])",
)
cosh = _unary(
    "cosh",
    lambda x: fnp.multiply(0.5, fnp.add(fnp.exp(x), fnp.exp(fnp.negative(x)))),
    "[0.0]",
    "tensor([1.])",
)


def relu(input):
    """``max(input, 0)``; the derivative at 0 is 0, as PyTorch's.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.relu(torch.tensor([-1.0, 0.0, 2.0]))
    tensor([0., 0., 2.])
    """
    x = _check_tensor(input, "relu")
    n = x._node
    return record("relu", fnp.where(fnp.greater(n, 0), n, np.zeros((), n.dtype)), (x,))


def abs(input):  # noqa: A001 - PyTorch's name
    """``|input|``; the derivative at 0 is 0 (PyTorch's choice; funcgrad.numpy takes 1).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([-2.0, 0.0], requires_grad=True)
    >>> x.abs().sum().backward(); x.grad
    tensor([-1.,  0.])
    """
    x = _check_tensor(input, "abs")
    return record("abs", absolute_p.bind(x._node, slope_at_zero=0.0), (x,))


absolute = abs


def sign(input):
    """The sign of each element (-1, 0 or 1); its derivative is zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.sign(torch.tensor([-2.0, 0.0, 3.0]))
    tensor([-1.,  0.,  1.])
    """
    x = _check_tensor(input, "sign")
    return record("sign", _zero_derivative(x, np.sign(peek_value(x._node))), (x,))


def _zero_derivative(x: Tensor, values: np.ndarray):
    """``values`` as a function of ``x`` with derivative zero (PyTorch records such ops)."""
    n = x._node
    if isinstance(values, Tracer):
        values = constant(values.astype(n.dtype))
    else:
        values = np.asarray(values, n.dtype)
    if not n.requires_grad or not is_grad_enabled():
        return values if isinstance(values, Node) else constant(values)
    return fnp.where(np.zeros(values.shape, np.bool_), n, values)


def _constant_op(fn, name, what, out):
    def op(input):
        x = _check_tensor(input, name)
        return record(name, _zero_derivative(x, fn(peek_value(x._node))), (x,))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"""{what}, elementwise; piecewise constant, so its derivative is zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{name}(torch.tensor([-1.5, 0.5, 2.7]))
    {out}
    """
    return op


floor = _constant_op(np.floor, "floor", "The largest integer not above", "tensor([-2.,  0.,  2.])")
ceil = _constant_op(np.ceil, "ceil", "The smallest integer not below", "tensor([-1.,  1.,  3.])")
_round_to_integer = _constant_op(
    np.round, "round", "The nearest integer (halves to even)", "tensor([-2.,  0.,  3.])"
)


def round(input, *, decimals=None):  # noqa: A001 - PyTorch's name
    """Round to the nearest integer, or to ``decimals`` decimal places (halves to even).

    Piecewise constant, so its derivative is zero. As PyTorch, a call naming
    ``decimals`` (even 0) is the other overload, whose node is ``RoundBackward1``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.round(torch.tensor([-1.5, 0.5, 2.7]))
    tensor([-2.,  0.,  3.])
    >>> torch.round(torch.tensor([0.5, 1.5, 2.25]), decimals=1)
    tensor([0.5000, 1.5000, 2.2000])
    """
    if decimals is None:
        return _round_to_integer(input)
    x = _t(input)
    node = x._node
    if decimals:
        scale = 10.0 ** decimals
        out = fnp.true_divide(fnp.round(fnp.multiply(node, scale)), scale)
    else:
        out = fnp.round(node)
    if x.requires_grad:  # piecewise constant: a zero derivative, recorded as PyTorch does
        out = fnp.add(out, fnp.multiply(node, 0))
    return record("round_decimals", out, (x,))
trunc = _constant_op(np.trunc, "trunc", "The integer part (towards 0)", "tensor([-1.,  0.,  2.])")


def clamp(input, min=None, max=None):  # noqa: A002 - PyTorch's names
    """Limit values to ``[min, max]``; the derivative is 1 at the bounds, as PyTorch's.

    ``min(max(input, min), max)``: where ``min`` exceeds ``max``, the result is ``max``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    >>> x.clamp(0, 2).sum().backward(); x.grad
    tensor([1., 1., 1., 0.])
    """
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    x = _check_tensor(input, "clamp")
    dt, ops, xs = _operands(x, *(v for v in (min, max) if v is not None))
    n = ops[0]
    rest = list(ops[1:])
    out = n
    if min is not None:
        lo = rest.pop(0)
        out = fnp.where(fnp.less(n, lo), lo, out)
    if max is not None:
        hi = rest.pop(0)
        # Compared with the result so far: where min > max, max wins (as PyTorch).
        out = fnp.where(fnp.greater(out, hi), hi, out)
    key = (
        "clamp"
        if min is not None and max is not None
        else "clamp_min"
        if max is None
        else "clamp_max"
    )
    key = "clamp" if not isinstance(min, Tensor) and not isinstance(max, Tensor) else key
    return record(key, out, xs)


clip = clamp


def clamp_min(input, min):  # noqa: A002
    """Limit values from below: :func:`clamp` with ``max=None``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.clamp_min(torch.tensor([-1.0, 0.5, 2.0]), 0.0)
    tensor([0.0000, 0.5000, 2.0000])
    """
    return clamp(input, min=min)


def clamp_max(input, max):  # noqa: A002
    """Limit values from above: :func:`clamp` with ``min=None``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.clamp_max(torch.tensor([-1.0, 0.5, 2.0]), 1.0)
    tensor([-1.0000,  0.5000,  1.0000])
    """
    return clamp(input, max=max)


def where(condition, input=None, other=None):
    """Choose from ``input`` where ``condition`` holds, else from ``other``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.where(torch.tensor([True, False]), torch.tensor([1.0, 2.0]), 0.0)
    tensor([1., 0.])
    """
    if input is None and other is None:
        c = _t(condition)._array()
        return tuple(Tensor._from_node(constant(i)) for i in np.nonzero(c))
    c = _t(condition)
    if c.dtype.np.kind != "b":
        raise RuntimeError(
            "where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{scalar_type_name(c.dtype)}"
        )
    _, (a, b), xs = _operands(input, other)
    return record("where", fnp.where(c._node, a, b), (c, *xs))


def maximum(input, other):
    """Elementwise maximum; at a tie each side gets half the derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.maximum(torch.tensor([1.0, 5.0]), torch.tensor([3.0, 2.0]))
    tensor([3., 5.])
    """
    _, a, b, xs = _binary(input, other)
    return record("maximum", fnp.maximum(a, b), xs)


def minimum(input, other):
    """Elementwise minimum; at a tie each side gets half the derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.minimum(torch.tensor([1.0, 5.0]), torch.tensor([3.0, 2.0]))
    tensor([1., 2.])
    """
    _, a, b, xs = _binary(input, other)
    return record("minimum", fnp.minimum(a, b), xs)


# ---------------------------------------------------------------------------
# Comparisons and logic (no derivative)
# ---------------------------------------------------------------------------


def _compare(name: str, fn, symbol: str, out: str):
    ordered = symbol not in ("==", "!=")

    def op(input, other):
        try:
            dt, a, b, xs = _binary(input, other)
            kind = scalar_type_name(_dtypes.to_torch(dt))
        except _dtypes.UnrepresentableDtype:
            # float16 against a complex number: PyTorch compares in complex32, whose
            # values complex64 holds exactly.
            dt, kind = np.dtype(np.complex64), "ComplexHalf"
            if not ordered:
                _, (a, b), xs = _operands(_as_complex64(input), _as_complex64(other))
        if ordered and dt.kind == "c":
            raise NotImplementedError(f'"{name}_cpu" not implemented for \'{kind}\'')
        return record(name, fn(a, b), ())

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"""``input {symbol} other``, elementwise: a bool tensor with no derivative.

    ``other`` may be a tensor that broadcasts, or a number; ``x {symbol} y`` calls this.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{name}(torch.tensor([1, 2, 3]), 2)
    {out}
    """
    return op


def _as_complex64(x):
    if isinstance(x, Tensor):
        return x.to(_dtypes.to_torch(np.dtype(np.complex64)))
    return complex(x) if isinstance(x, _Number) else x


eq = _compare("eq", fnp.equal, "==", "tensor([False,  True, False])")
ne = _compare("ne", fnp.not_equal, "!=", "tensor([ True, False,  True])")
lt = _compare("lt", fnp.less, "<", "tensor([ True, False, False])")
le = _compare("le", fnp.less_equal, "<=", "tensor([ True,  True, False])")
gt = _compare("gt", fnp.greater, ">", "tensor([False, False,  True])")
ge = _compare("ge", fnp.greater_equal, ">=", "tensor([False,  True,  True])")
greater, greater_equal, less, less_equal, not_equal = gt, ge, lt, le, ne


def _logical(name: str, fn, out: str):
    def op(input, other):
        a, b = _t(input)._array(), _t(other)._array()
        return Tensor._from_node(constant(np.asarray(fn(a, b))))

    op.__name__ = op.__qualname__ = name
    what = name[len("logical_") :]
    op.__doc__ = f"""Elementwise logical ``{what}`` of the truth values (nonzero is true).

    A bool tensor with no derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{name}(torch.tensor([True, True, False]), torch.tensor([True, False, False]))
    {out}
    """
    return op


logical_and = _logical("logical_and", np.logical_and, "tensor([ True, False, False])")
logical_or = _logical("logical_or", np.logical_or, "tensor([ True,  True, False])")
logical_xor = _logical("logical_xor", np.logical_xor, "tensor([False,  True, False])")


def _bitwise(name: str, fn, out: str):
    def op(input, other):
        dt, (a, b), xs = _operands(input, other)
        if dt.kind not in "biu":
            raise RuntimeError("bitwise operations are only defined on integer and bool tensors")
        return Tensor._from_node(constant(np.asarray(fn(_value(a), _value(b)))))

    op.__name__ = op.__qualname__ = name
    what = name[len("bitwise_") :]
    op.__doc__ = f"""Elementwise bitwise ``{what}`` of integer or bool tensors.

    No derivative. The operators ``&``, ``|`` and ``^`` call these functions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{name}(torch.tensor([12, 10]), 6)
    {out}
    """
    return op


bitwise_and = _bitwise("bitwise_and", np.bitwise_and, "tensor([4, 2])")
bitwise_or = _bitwise("bitwise_or", np.bitwise_or, "tensor([14, 14])")
bitwise_xor = _bitwise("bitwise_xor", np.bitwise_xor, "tensor([10, 12])")


def bitwise_not(input):
    """Elementwise bitwise not (``~x``): logical not for bool tensors. No derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bitwise_not(torch.tensor([0, 5])), ~torch.tensor([True, False])
    (tensor([-1, -6]), tensor([False,  True]))
    """
    a = _t(input)._array()
    return Tensor._from_node(constant(np.logical_not(a) if a.dtype == np.bool_ else np.invert(a)))


def _predicate(name: str, fn, what: str, example: str, out: str):
    """A test of each element, as a bool tensor with no derivative."""

    def op(input):
        return Tensor._from_node(constant(fn(_t(input)._array())))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"""{what}: a bool tensor with no derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{name}(torch.tensor({example}))
    {out}
    """
    return op


_SPECIAL = "[1.0, float('inf'), float('nan')]"
logical_not = _predicate(
    "logical_not", np.logical_not, "Elementwise logical not (zero is false)", "[0, 1, 2]",
    "tensor([ True, False, False])",
)
isfinite = _predicate(
    "isfinite", np.isfinite, "Whether each element is finite", _SPECIAL,
    "tensor([ True, False, False])",
)
isnan = _predicate(
    "isnan", np.isnan, "Whether each element is NaN", _SPECIAL, "tensor([False, False,  True])"
)
isinf = _predicate(
    "isinf", np.isinf, "Whether each element is infinite", _SPECIAL,
    "tensor([False,  True, False])",
)


def equal(input, other) -> bool:
    """Whether two tensors have the same shape and the same values (a Python bool).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1, 2])
    >>> torch.equal(x, torch.tensor([1, 2])), torch.equal(x, torch.tensor([1]))
    (True, False)
    """
    a, b = _t(input)._array(), _t(other)._array()
    return a.shape == b.shape and bool(np.all(a == b))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
    """Whether ``|input - other| <= atol + rtol * |other|`` everywhere (a Python bool).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.allclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-6]))
    True
    """
    return bool(np.allclose(_t(input)._array(), _t(other)._array(), rtol, atol, equal_nan))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether ``|input - other| <= atol + rtol * |other|``, elementwise (a bool tensor).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1]))
    tensor([ True, False])
    """
    return Tensor._from_node(
        constant(np.isclose(_t(input)._array(), _t(other)._array(), rtol, atol, equal_nan))
    )


def _all_or_any(fn, input, dim, keepdim):
    a = peek_value(_t(input)._node)  # traced under torch.func.vmap
    out = fn(a, axis=dim, keepdims=keepdim)
    if not isinstance(out, Tracer):
        out = np.asarray(out)
    # As PyTorch, a uint8 tensor answers in uint8 (1 or 0), any other in bool.
    return Tensor._from_node(constant(out.astype(np.uint8) if a.dtype == np.uint8 else out))


def all(input, dim=None, keepdim=False):  # noqa: A001
    """Whether all elements are true (nonzero), over everything or along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[True, False], [True, True]])
    >>> torch.all(x), torch.all(x, dim=1)
    (tensor(False), tensor([False,  True]))
    """
    return _all_or_any(np.all, input, dim, keepdim)


def any(input, dim=None, keepdim=False):  # noqa: A001
    """Whether any element is true (nonzero), over everything or along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[False, False], [True, False]])
    >>> torch.any(x), torch.any(x, dim=1)
    (tensor(True), tensor([False,  True]))
    """
    return _all_or_any(np.any, input, dim, keepdim)
