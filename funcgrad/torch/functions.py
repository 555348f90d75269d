"""PyTorch's functions and Tensor methods, each binding funcgrad.numpy's (one rule set).

Every function promotes its operands by PyTorch's rules, calls the
funcgrad.numpy function on the tensors' nodes, and hands the result to
:func:`~funcgrad.torch.tensor.record` with the name of the operation, which
picks the ``grad_fn`` name from the one table in :mod:`funcgrad.torch._names`.
Where PyTorch's answer differs from JAX's (``abs`` at 0, ``clamp`` at its
bounds, ``max(dim)`` with ties, ``norm`` at 0, ``std`` of a constant) the
choice is made here, by a primitive's parameter or by how the composite is
built, never by a second copy of a rule.
"""

from __future__ import annotations

import builtins
import collections
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..numpy.elementwise import absolute_p, power_p
from ..numpy.indexing import normalize_index, scatter_add
from . import _dtypes
from ._graph import Node, constant, is_grad_enabled
from .tensor import Size, Tensor, _wrap_dim, as_tensor_arg, record, scalar_type_name

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# Operands
# ---------------------------------------------------------------------------


def _t(x: Any) -> Tensor:
    """``x`` as a Tensor (numbers and arrays become constants)."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return Tensor._from_node(constant(x))
    if isinstance(x, _Number):
        return Tensor._from_node(constant(np.asarray(x, _dtypes.scalar_dtype(x))))
    raise TypeError(f"expected Tensor as element 0 in argument 0, but got {type(x).__name__}")


def _desc(x: Any) -> Any:
    if isinstance(x, Tensor):
        return (x.ndim, x._node.dtype)
    if isinstance(x, np.ndarray):
        return (x.ndim, x.dtype)
    return x


def _cast(x: Any, dt: np.dtype) -> Any:
    """The node (or constant array) of operand ``x`` in dtype ``dt``."""
    if isinstance(x, Tensor):
        node = x._node
        return node if node.dtype == dt else fnp.astype(node, dt)
    return np.asarray(x, dt)


def _operands(*xs: Any, floating: bool = False, broadcast: bool = True):
    xs = tuple(as_tensor_arg(x) for x in xs)
    shaped = [x for x in xs if isinstance(x, Tensor)]
    if broadcast and len(shaped) > 1:
        _check_broadcast([tuple(x.shape) for x in shaped])
    dt = _dtypes.result_type(*(_desc(x) for x in xs))
    if floating and dt.kind not in "fc":
        dt = _dtypes.default_float()
    return dt, [_cast(x, dt) for x in xs], xs


def _check_broadcast(shapes: list) -> None:
    """PyTorch's error for shapes that do not broadcast."""
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        a = shapes[0]
        for b in shapes[1:]:
            n = builtins.max(len(a), len(b))
            pa, pb = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
            for d in range(n - 1, -1, -1):
                if pa[d] != pb[d] and pa[d] != 1 and pb[d] != 1:
                    raise RuntimeError(
                        f"The size of tensor a ({pa[d]}) must match the size of tensor b "
                        f"({pb[d]}) at non-singleton dimension {d}"
                    ) from None
            a = np.broadcast_shapes(a, b)
        raise


def _float_node(x: Tensor):
    """``x``'s node, converted to the default float dtype if it is an integer tensor."""
    dt = x._node.dtype
    if dt.kind in "fc":
        return x._node
    return fnp.astype(x._node, _dtypes.default_float())


def _check_tensor(x: Any, fn: str) -> Tensor:
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return _t(x)
    raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


_methods: dict[str, Any] = {}


def _method(*names: str):
    def register(fn):
        for n in names:
            _methods[n] = fn
        return fn

    return register


# ---------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------


def add(input, other, *, alpha=1):
    """``input + alpha * other`` with PyTorch's type promotion.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.add(torch.tensor([1, 2]), 1.5)
    tensor([2.5000, 3.5000])
    """
    if alpha != 1:
        other = mul(other, alpha)
    _, (a, b), xs = _operands(input, other)
    return record("add", fnp.add(a, b), xs)


def sub(input, other, *, alpha=1):
    """``input - alpha * other``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.sub(torch.tensor([1.0, 2.0]), 1)
    tensor([0., 1.])
    """
    if alpha != 1:
        other = mul(other, alpha)
    _, (a, b), xs = _operands(input, other)
    return record("sub", fnp.subtract(a, b), xs)


def _rsub(input, other):
    _, (a, b), xs = _operands(other, input)
    key = "rsub" if not isinstance(other, Tensor) else "sub"
    return record(key, fnp.subtract(a, b), (xs[1], xs[0]) if key == "rsub" else xs)


def mul(input, other):
    """Elementwise product.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mul(torch.tensor([1.0, 2.0]), 3)
    tensor([3., 6.])
    """
    _, (a, b), xs = _operands(input, other)
    return record("mul", fnp.multiply(a, b), xs)


def div(input, other, *, rounding_mode=None):
    """True division (integers divide to the default float dtype).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.div(torch.tensor(3), 2)
    tensor(1.5000)
    """
    if rounding_mode is not None:
        return _floor_divide(input, other, rounding_mode)
    _, (a, b), xs = _operands(input, other, floating=True)
    return record("div", fnp.true_divide(a, b), xs)


def _rdiv(input, other):
    _, (a, b), xs = _operands(other, input, floating=True)
    key = "rdiv" if not isinstance(other, Tensor) else "div"
    return record(key, fnp.true_divide(a, b), (xs[1], xs[0]) if key == "rdiv" else xs)


def _floor_divide(input, other, mode="floor"):
    dt, (a, b), xs = _operands(input, other)
    av, bv = np.asarray(_value(a)), np.asarray(_value(b))
    with np.errstate(all="ignore"):
        q = np.floor_divide(av, bv) if mode == "floor" else np.trunc(av / bv).astype(dt)
    return record("floor_divide", constant(np.asarray(q, dt)), ())


def _value(x):
    from ..core.trace import full_lower

    return full_lower(x.primal) if isinstance(x, Node) else x


def remainder(input, other):
    """Python's modulo (the sign of the divisor); zero derivative in ``other``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.remainder(torch.tensor([5, -2]), 3)
    tensor([2, 1])
    """
    dt, (a, b), xs = _operands(input, other)
    if dt.kind in "fc":
        # x - floor(x / y) * y, with floor taken as a constant.
        q = np.floor(np.asarray(_value(a)) / np.asarray(_value(b)))
        return record("remainder", fnp.subtract(a, fnp.multiply(q.astype(dt), b)), xs)
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
    if not isinstance(input, Tensor):
        dt, (a, b), xs = _operands(input, exponent)
        return record("rpow", _power(a, b), (xs[1],))
    if isinstance(exponent, (int, np.integer)) and not isinstance(exponent, (bool, np.bool_)):
        dt, (a,), xs = _operands(input)
        if dt.kind == "b":
            dt, a = np.dtype(np.int64), fnp.astype(a, np.int64)
        if dt.kind in "iu" and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        return record("pow", fnp.integer_pow(a, int(exponent)), (input, exponent))
    dt, (a, b), xs = _operands(input, exponent)
    key = "pow_tensor" if isinstance(exponent, Tensor) else "pow"
    return record(key, _power(a, b), xs)


def _power(a, b):
    # PyTorch: x ** 0 is the constant 1, so its derivative is 0 even at x = 0.
    return power_p.bind(a, b, zero_exponent_is_constant=True)


def square(input):
    """``input ** 2``."""
    return pow(input, 2)


def float_power(input, exponent):
    """``input ** exponent`` in float64."""
    x = _t(input).to(_dtypes._BY_NAME["float64"])
    return pow(x, exponent)


# ---------------------------------------------------------------------------
# Elementwise functions
# ---------------------------------------------------------------------------


def _unary(key: str, fn, doc_in: str, doc_out: str):
    def op(input):
        x = _check_tensor(input, key)
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


exp = _unary("exp", fnp.exp, "[0.0]", "tensor([1.])")
log = _unary("log", fnp.log, "[1.0]", "tensor([0.])")
sqrt = _unary("sqrt", fnp.sqrt, "[4.0]", "tensor([2.])")
sin = _unary("sin", fnp.sin, "[0.0]", "tensor([0.])")
cos = _unary("cos", fnp.cos, "[0.0]", "tensor([1.])")
tan = _unary("tan", fnp.tan, "[0.0]", "tensor([0.])")
tanh = _unary("tanh", fnp.tanh, "[0.0]", "tensor([0.])")
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
    """The sign of each element; zero derivative."""
    x = _check_tensor(input, "sign")
    return record("sign", _zero_derivative(x, np.sign(np.asarray(_value(x._node)))), (x,))


def _zero_derivative(x: Tensor, values: np.ndarray):
    """``values`` as a function of ``x`` with derivative zero (PyTorch records such ops)."""
    n = x._node
    values = np.asarray(values, n.dtype)
    if not n.requires_grad or not is_grad_enabled():
        return constant(values)
    return fnp.where(np.zeros(values.shape, np.bool_), n, values)


def _constant_op(fn, name):
    def op(input):
        x = _check_tensor(input, name)
        return record(name, _zero_derivative(x, fn(np.asarray(_value(x._node)))), (x,))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"Elementwise ``{name}``; piecewise constant, so its derivative is zero."
    return op


floor = _constant_op(np.floor, "floor")
ceil = _constant_op(np.ceil, "ceil")
round = _constant_op(np.round, "round")  # noqa: A001
trunc = _constant_op(np.trunc, "trunc")


def clamp(input, min=None, max=None):  # noqa: A002 - PyTorch's names
    """Limit values to ``[min, max]``; the derivative is 1 at the bounds, as PyTorch's.

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
        out = fnp.where(fnp.greater(n, hi), hi, out)
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
    return clamp(input, min=min)


def clamp_max(input, max):  # noqa: A002
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
    _, (a, b), xs = _operands(input, other)
    return record("maximum", fnp.maximum(a, b), xs)


def minimum(input, other):
    """Elementwise minimum; at a tie each side gets half the derivative."""
    _, (a, b), xs = _operands(input, other)
    return record("minimum", fnp.minimum(a, b), xs)


# ---------------------------------------------------------------------------
# Comparisons and logic (no derivative)
# ---------------------------------------------------------------------------


def _compare(name: str, fn):
    def op(input, other):
        _, (a, b), xs = _operands(input, other)
        return record(name, fn(a, b), ())

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"Elementwise comparison ``{name}``; a bool tensor with no derivative."
    return op


eq = _compare("eq", fnp.equal)
ne = _compare("ne", fnp.not_equal)
lt = _compare("lt", fnp.less)
le = _compare("le", fnp.less_equal)
gt = _compare("gt", fnp.greater)
ge = _compare("ge", fnp.greater_equal)
greater, greater_equal, less, less_equal, not_equal = gt, ge, lt, le, ne


def _logical(name: str, fn):
    def op(input, other):
        a, b = _t(input)._array(), _t(other)._array()
        return Tensor._from_node(constant(np.asarray(fn(a, b))))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"Elementwise ``{name}``; no derivative."
    return op


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)


def _bitwise(fn):
    def op(input, other):
        dt, (a, b), xs = _operands(input, other)
        if dt.kind not in "biu":
            raise RuntimeError("bitwise operations are only defined on integer and bool tensors")
        return Tensor._from_node(constant(np.asarray(fn(_value(a), _value(b)))))

    return op


bitwise_and = _bitwise(np.bitwise_and)
bitwise_or = _bitwise(np.bitwise_or)
bitwise_xor = _bitwise(np.bitwise_xor)


def logical_not(input):
    return Tensor._from_node(constant(np.logical_not(_t(input)._array())))


def bitwise_not(input):
    a = _t(input)._array()
    return Tensor._from_node(constant(np.logical_not(a) if a.dtype == np.bool_ else np.invert(a)))


def isfinite(input):
    return Tensor._from_node(constant(np.isfinite(_t(input)._array())))


def isnan(input):
    return Tensor._from_node(constant(np.isnan(_t(input)._array())))


def isinf(input):
    return Tensor._from_node(constant(np.isinf(_t(input)._array())))


def equal(input, other) -> bool:
    """Whether two tensors have the same shape and values."""
    a, b = _t(input)._array(), _t(other)._array()
    return a.shape == b.shape and bool(np.all(a == b))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
    """Whether all values are close, as :func:`numpy.allclose`."""
    return bool(np.allclose(_t(input)._array(), _t(other)._array(), rtol, atol, equal_nan))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return Tensor._from_node(
        constant(np.isclose(_t(input)._array(), _t(other)._array(), rtol, atol, equal_nan))
    )


def all(input, dim=None, keepdim=False):  # noqa: A001
    a = _t(input)._array()
    return Tensor._from_node(constant(np.asarray(np.all(a, axis=dim, keepdims=keepdim))))


def any(input, dim=None, keepdim=False):  # noqa: A001
    a = _t(input)._array()
    return Tensor._from_node(constant(np.asarray(np.any(a, axis=dim, keepdims=keepdim))))


# ---------------------------------------------------------------------------
# Reductions
# ---------------------------------------------------------------------------


def _dims(dim, ndim):
    if dim is None:
        return None
    if isinstance(dim, (list, tuple)):
        return tuple(_wrap_dim(int(d), ndim) for d in dim)
    return (_wrap_dim(int(dim), ndim),)


def sum(input, dim=None, keepdim=False, *, dtype=None, axis=None):  # noqa: A001
    """Sum of all elements, or over ``dim``; integers and bools sum to int64.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).sum(dim=0)
    tensor([4., 6.])
    """
    x = _check_tensor(input, "sum")
    dim = axis if dim is None else dim
    n = x._node
    if dtype is not None:
        n = fnp.astype(n, _dtypes.to_numpy(dtype))
    elif n.dtype.kind in "biu":
        n = fnp.astype(n, np.int64)
    axes = _dims(dim, x.ndim)
    if x.ndim == 0:
        axes = None
    key = "sum" if dim is None else "sum_dim"
    return record(key, fnp.sum(n, axis=axes, keepdims=keepdim), (x,))


def mean(input, dim=None, keepdim=False, *, dtype=None, axis=None):
    """Mean of all elements, or over ``dim`` (floating tensors only, as in PyTorch).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).mean()
    tensor(2.)
    """
    x = _check_tensor(input, "mean")
    dim = axis if dim is None else dim
    n = x._node
    if dtype is not None:
        n = fnp.astype(n, _dtypes.to_numpy(dtype))
    elif n.dtype.kind not in "fc":
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {scalar_type_name(x.dtype)}"
        )
    axes = _dims(dim, x.ndim) if x.ndim else None
    key = "mean" if dim is None else "mean_dim"
    return record(key, fnp.mean(n, axis=axes, keepdims=keepdim), (x,))


def _var_node(x: Tensor, dim, correction, keepdim):
    n = _float_node(x)
    axes = _dims(dim, x.ndim) if x.ndim else None
    shape = x.shape
    count = 1
    for ax in axes if axes is not None else range(len(shape)):
        count *= shape[ax]
    m = fnp.mean(n, axis=axes, keepdims=True)
    d = fnp.subtract(n, m)
    sq = fnp.real(fnp.multiply(d, fnp.conj(d))) if n.dtype.kind == "c" else fnp.multiply(d, d)
    total = fnp.sum(sq, axis=axes, keepdims=keepdim)
    return fnp.true_divide(total, np.asarray(builtins.max(count - correction, 0), total.dtype))


def _correction(unbiased, correction):
    if correction is not None:
        return correction
    return 1 if unbiased is None or unbiased else 0


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """Variance (Bessel-corrected unless ``unbiased=False`` or ``correction=0``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).var()
    tensor(1.)
    """
    x = _check_tensor(input, "var")
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    return record("var", _var_node(x, dim, _correction(unbiased, correction), keepdim), (x,))


def _safe_sqrt(v):
    """sqrt with derivative 0 (not inf or nan) where its argument is 0: PyTorch's std and norm."""
    zero = fnp.equal(v, 0)
    return fnp.where(
        zero, np.zeros((), v.dtype), fnp.sqrt(fnp.where(zero, np.ones((), v.dtype), v))
    )


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """Standard deviation; its derivative at a constant input is 0, as PyTorch's.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(3, requires_grad=True)
    >>> x.std().backward(); x.grad
    tensor([0., 0., 0.])
    """
    x = _check_tensor(input, "std")
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    v = _var_node(x, dim, _correction(unbiased, correction), keepdim)
    return record("std", _safe_sqrt(v), (x,))


def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """Vector norm (2-norm by default); its derivative at the zero vector is 0, as PyTorch's.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.zeros(3, requires_grad=True)
    >>> x.norm().backward(); x.grad
    tensor([0., 0., 0.])
    """
    x = _check_tensor(input, "norm")
    n = _float_node(x)
    axes = _dims(dim, x.ndim) if x.ndim else None
    if p in ("fro", 2, 2.0, None):
        sq = fnp.real(fnp.multiply(n, fnp.conj(n))) if n.dtype.kind == "c" else fnp.multiply(n, n)
        out = _safe_sqrt(fnp.sum(sq, axis=axes, keepdims=keepdim))
    elif p == 1:
        out = fnp.sum(absolute_p.bind(n, slope_at_zero=0.0), axis=axes, keepdims=keepdim)
    elif p in (float("inf"), "inf"):
        out = fnp.amax(absolute_p.bind(n, slope_at_zero=0.0), axis=axes, keepdims=keepdim)
    else:
        a = absolute_p.bind(n, slope_at_zero=0.0)
        s = fnp.sum(fnp.power(a, np.asarray(p, a.dtype)), axis=axes, keepdims=keepdim)
        out = fnp.power(s, np.asarray(1.0 / p, s.dtype))
    return record("norm", out, (x,))


def prod(input, dim=None, keepdim=False, *, dtype=None):
    """Product of elements (by a product of the leading and trailing partial products)."""
    x = _check_tensor(input, "prod")
    n = x._node if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    if dim is None:
        n = fnp.reshape(n, (-1,))
        axis = 0
    else:
        axis = _wrap_dim(dim, x.ndim)
    size = n.shape[axis]
    parts = [fnp.getitem(n, (slice(None),) * axis + (i,)) for i in range(size)]
    out = parts[0] if parts else np.ones(np.delete(np.array(n.shape), axis), n.dtype)
    for p in parts[1:]:
        out = fnp.multiply(out, p)
    if keepdim and dim is not None:
        out = fnp.expand_dims(out, axis)
    return record("prod", out, (x,))


ReturnType = collections.namedtuple("ReturnType", ["values", "indices"])


class _MaxResult(ReturnType):
    __slots__ = ()
    _name = "max"

    def __repr__(self) -> str:
        return (
            f"torch.return_types.{self._name}(\nvalues={self.values!r},\nindices={self.indices!r})"
        )


def _extreme(name: str, input, dim=None, keepdim=False, *, other=None):
    x = _check_tensor(input, name)
    if isinstance(dim, Tensor):
        other, dim = dim, None
    if other is not None:
        return (maximum if name == "max" else minimum)(x, other)
    n = x._node
    if dim is None:
        if x.numel() == 0:
            raise RuntimeError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        fn = fnp.amax if name == "max" else fnp.amin
        # Over all elements ties share the derivative evenly (PyTorch and JAX agree here).
        return record(f"{name}_all", fn(n, axis=None), (x,))
    axis = _wrap_dim(dim, x.ndim)
    values = np.asarray(_value(n))
    arg = (
        (np.argmax if name == "max" else np.argmin)(values, axis=axis) if x.ndim else np.asarray(0)
    )
    # Along a dim PyTorch gives the whole derivative to the one index it returns.
    index = tuple(
        np.expand_dims(arg, axis) if i == axis else _arange_along(values.shape, i)
        for i in range(x.ndim)
    )
    picked = fnp.getitem(n, index) if x.ndim else n
    picked = fnp.squeeze(picked, axis) if x.ndim else picked
    if keepdim and x.ndim:
        picked = fnp.expand_dims(picked, axis)
        arg = np.expand_dims(arg, axis)
    result = _MaxResult(
        record(f"{name}_dim", picked, (x,)),
        Tensor._from_node(constant(np.asarray(arg, np.int64))),
    )
    if name == "min":
        result = _MinResult(*result)
    return result


class _MinResult(_MaxResult):
    __slots__ = ()
    _name = "min"


def _arange_along(shape, i):
    s = [1] * len(shape)
    s[i] = shape[i]
    return np.arange(shape[i]).reshape(s)


def max(input, dim=None, keepdim=False, *, other=None):  # noqa: A001
    """The maximum; ``max(x, dim)`` returns ``(values, indices)``; ``max(x, y)`` is ``maximum``.

    Over all elements, tied maxima share the derivative evenly; along ``dim``
    it all goes to the returned index (PyTorch's behaviour).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 3.0, 3.0], requires_grad=True)
    >>> x.max().backward(); x.grad
    tensor([0.0000, 0.5000, 0.5000])
    """
    return _extreme("max", input, dim, keepdim, other=other)


def min(input, dim=None, keepdim=False, *, other=None):  # noqa: A001
    """The minimum; see :func:`max`."""
    return _extreme("min", input, dim, keepdim, other=other)


def amax(input, dim=(), keepdim=False):
    """Maximum over ``dim`` (all dims by default); ties share the derivative."""
    x = _check_tensor(input, "amax")
    axes = None if dim == () or dim is None else _dims(dim, x.ndim)
    return record("amax", fnp.amax(x._node, axis=axes, keepdims=keepdim), (x,))


def amin(input, dim=(), keepdim=False):
    """Minimum over ``dim`` (all dims by default); ties share the derivative."""
    x = _check_tensor(input, "amin")
    axes = None if dim == () or dim is None else _dims(dim, x.ndim)
    return record("amin", fnp.amin(x._node, axis=axes, keepdims=keepdim), (x,))


def argmax(input, dim=None, keepdim=False):
    a = _t(input)._array()
    r = np.argmax(a) if dim is None else np.argmax(a, axis=dim)
    if keepdim and dim is not None:
        r = np.expand_dims(r, dim)
    return Tensor._from_node(constant(np.asarray(r, np.int64)))


def argmin(input, dim=None, keepdim=False):
    a = _t(input)._array()
    r = np.argmin(a) if dim is None else np.argmin(a, axis=dim)
    if keepdim and dim is not None:
        r = np.expand_dims(r, dim)
    return Tensor._from_node(constant(np.asarray(r, np.int64)))


def logsumexp(input, dim, keepdim=False):
    """``log(sum(exp(x)))`` over ``dim``, shifted by the (constant) maximum for stability."""
    x = _check_tensor(input, "logsumexp")
    n = _float_node(x)
    axes = _dims(dim, x.ndim)
    m = np.max(np.asarray(_value(n)), axis=axes, keepdims=True)
    m = np.where(np.isfinite(m), m, 0).astype(n.dtype)
    s = fnp.sum(fnp.exp(fnp.subtract(n, m)), axis=axes, keepdims=True)
    out = fnp.add(fnp.log(s), m)
    if not keepdim:
        out = fnp.squeeze(out, axes)
    return record("logsumexp", out, (x,))


def softmax(input, dim, dtype=None):
    """``exp(x) / sum(exp(x))`` along ``dim``."""
    x = _check_tensor(input, "softmax")
    n = _float_node(x) if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    axes = _dims(dim, x.ndim)
    m = np.max(np.asarray(_value(n)), axis=axes, keepdims=True).astype(n.dtype)
    e = fnp.exp(fnp.subtract(n, m))
    return record("softmax", fnp.true_divide(e, fnp.sum(e, axis=axes, keepdims=True)), (x,))


def log_softmax(input, dim, dtype=None):
    """``x - logsumexp(x)`` along ``dim``."""
    x = _check_tensor(input, "log_softmax")
    n = _float_node(x) if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    axes = _dims(dim, x.ndim)
    m = np.max(np.asarray(_value(n)), axis=axes, keepdims=True).astype(n.dtype)
    s = fnp.sum(fnp.exp(fnp.subtract(n, m)), axis=axes, keepdims=True)
    return record("log_softmax", fnp.subtract(fnp.subtract(n, m), fnp.log(s)), (x,))


def cumsum(input, dim, *, dtype=None):
    """Cumulative sum along ``dim`` (as a sum of the prefixes)."""
    x = _check_tensor(input, "cumsum")
    n = x._node if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    axis = _wrap_dim(dim, x.ndim)
    size = x.shape[axis] if x.ndim else 1
    # A lower-triangular matrix of ones along the axis: out = moveaxis(tri @ moveaxis(x)).
    tri = np.tril(np.ones((size, size), n.dtype))
    moved = fnp.moveaxis(n, axis, -1) if x.ndim else fnp.reshape(n, (1,))
    out = fnp.matmul(moved, tri.T)
    out = fnp.moveaxis(out, -1, axis) if x.ndim else fnp.reshape(out, ())
    return record("cumsum", out, (x,))


def trace(input):
    """The sum of the diagonal of a matrix."""
    x = _check_tensor(input, "trace")
    k = builtins.min(x.shape)
    idx = np.arange(k)
    return record("trace", fnp.sum(fnp.getitem(x._node, (idx, idx))), (x,))


# ---------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------


def _same_dtype(a: Tensor, b: Tensor, fn: str) -> None:
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"{fn}: expected both vectors to have same dtype, but found "
            f"{scalar_type_name(a.dtype)} and {scalar_type_name(b.dtype)}"
        )


def dot(input, other):
    """The dot product of two 1-D tensors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.arange(4.0)
    >>> torch.dot(x, x)
    tensor(14.)
    """
    a, b = _check_tensor(input, "dot"), _check_tensor(other, "dot")
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] "
            f"to have the same number of elements, but got {a.shape[0]} and {b.shape[0]} "
            "elements respectively"
        )
    _same_dtype(a, b, "dot ")
    return record("dot", fnp.matmul(a._node, b._node), (a, b))


inner = dot


def mm(input, mat2):
    """The product of two matrices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mm(torch.ones(2, 3), torch.ones(3, 2))
    tensor([[3., 3.],
            [3., 3.]])
    """
    a, b = _check_tensor(input, "mm"), _check_tensor(mat2, "mm")
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({a.shape[0]}x{a.shape[1]} and "
            f"{b.shape[0]}x{b.shape[1]})"
        )
    _check_matmul_dtypes(a, b)
    return record("mm", fnp.matmul(a._node, b._node), (a, b))


def _check_matmul_dtypes(a, b):
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {a.dtype} != {b.dtype}"
        )


def mv(input, vec):
    """Matrix-vector product."""
    a, b = _check_tensor(input, "mv"), _check_tensor(vec, "mv")
    if a.ndim != 2 or b.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {b.ndim}")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}), "
            f"vec ({b.shape[0]})"
        )
    _check_matmul_dtypes(a, b)
    return record("mv", fnp.matmul(a._node, b._node), (a, b))


def matmul(input, other):
    """Matrix product with broadcasting, choosing ``dot``/``mv``/``mm`` by dimension as PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> (torch.ones(2, 3, requires_grad=True) @ torch.ones(3)).grad_fn
    <MvBackward0 object at ...>
    """
    a, b = _check_tensor(input, "matmul"), _check_tensor(other, "matmul")
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and {b.ndim}D"
        )
    if a.ndim == 1 and b.ndim == 1:
        return dot(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return mv(a, b)
    if a.ndim == 2 and b.ndim == 2:
        return mm(a, b)
    if a.ndim == 1 and b.ndim == 2:
        if a.shape[0] != b.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input (1), mat (1x{a.shape[0]}), vec ({b.shape[0]})"
            )
        _check_matmul_dtypes(a, b)
        return record("matmul_vm", fnp.matmul(a._node, b._node), (a, b))
    ka = a.shape[-1]
    kb = b.shape[-2] if b.ndim > 1 else b.shape[0]
    if ka != kb:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied "
            f"({int(np.prod(a.shape[:-1]))}x{ka} and {kb}x{b.shape[-1] if b.ndim > 1 else 1})"
        )
    _check_matmul_dtypes(a, b)
    return record("matmul", fnp.matmul(a._node, b._node), (a, b))


def bmm(input, mat2):
    """Batched matrix product of 3-D tensors."""
    a, b = _check_tensor(input, "bmm"), _check_tensor(mat2, "bmm")
    if a.ndim != 3 or b.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    return record("bmm", fnp.matmul(a._node, b._node), (a, b))


def outer(input, vec2):
    """Outer product of two vectors."""
    a, b = _check_tensor(input, "outer"), _check_tensor(vec2, "outer")
    _, (x, y), xs = _operands(a, b)
    return record("outer", fnp.multiply(fnp.reshape(x, (-1, 1)), fnp.reshape(y, (1, -1))), xs)


ger = outer


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat1 @ mat2)``."""
    a, b = _check_tensor(mat1, "addmm"), _check_tensor(mat2, "addmm")
    _, (i, m1, m2, be, al), xs = _operands(input, a, b, beta, alpha, broadcast=False)
    out = fnp.add(fnp.multiply(be, i), fnp.multiply(al, fnp.matmul(m1, m2)))
    return record("addmm", out, xs[:3])


# ---------------------------------------------------------------------------
# Shapes and views
# ---------------------------------------------------------------------------


def _shape_args(shape) -> tuple:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


def _infer_shape(shape: tuple, numel: int) -> tuple:
    if builtins.sum(1 for s in shape if s == -1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(
                f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input of size {numel}"
            )
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(
            f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input of size {numel}"
        )
    return shape


def _shares(a: Any, b: Any) -> bool:
    return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.shares_memory(a, b)


def _reshape_node(x: Tensor, shape) -> Tensor:
    return Tensor._from_node(_as_node(fnp.reshape(x._node, tuple(shape))))


def _permute_node(x: Tensor, axes) -> Tensor:
    return Tensor._from_node(_as_node(fnp.transpose(x._node, tuple(int(a) for a in axes))))


def _getitem_node(x: Tensor, index) -> Tensor:
    return Tensor._from_node(_as_node(fnp.getitem(x._node, index)))


def _as_node(out):
    return out if isinstance(out, Node) else constant(out)


def _view_result(key: str, x: Tensor, out_node, kind: str, param) -> Tensor:
    out_node = _as_node(out_node)
    if out_node is x._node:
        out_node = _alias(x._node)
    shares = _shares(out_node.primal, x._node.primal)
    view = (x, kind, param) if shares or not isinstance(x._node.primal, np.ndarray) else None
    return record(key, out_node, (x,), view=view, vc_of=x if view is not None else None)


def _alias(node: Node) -> Node:
    """A new node with ``node``'s value (a view that changes nothing), recorded when needed."""
    return _as_node(_identity(node))


def _identity(node: Node):
    # An identity the reverse walk sees as one equation: a reshape to the same shape.
    from ..numpy.shape import reshape_p

    return reshape_p.bind(node, shape=tuple(np.shape(node.primal)))


def view(input, *shape):
    """A view with another shape sharing the storage (``-1`` is inferred).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(6).view(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    x = input
    if len(shape) == 1 and isinstance(shape[0], _dtypes.dtype):
        raise NotImplementedError("view(dtype) is not supported by funcgrad.torch")
    shape = _infer_shape(_shape_args(shape), x.numel())
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
    out = _as_node(out)
    if (
        isinstance(x._node.primal, np.ndarray)
        and x.numel() > 1
        and not _shares(out.primal, x._node.primal)
    ):
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        )
    return _view_result("view", x, out, "reshape", tuple(x.shape))


def reshape(input, *shape):
    """The values with another shape: a view when the storage allows, else a copy.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.reshape(torch.arange(4.0), (2, 2))
    tensor([[0., 1.],
            [2., 3.]])
    """
    x = _check_tensor(input, "reshape")
    shape = _infer_shape(_shape_args(shape), x.numel())
    out = _as_node(_identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape))
    if (
        isinstance(x._node.primal, np.ndarray)
        and not _shares(out.primal, x._node.primal)
        and x.numel() > 1
    ):
        return record("reshape_copy", out, (x,))
    return _view_result("reshape", x, out, "reshape", tuple(x.shape))


def flatten(input, start_dim=0, end_dim=-1):
    """Flatten dimensions ``start_dim..end_dim`` into one."""
    x = input
    nd = x.ndim
    if nd == 0:
        return reshape(x, 1)
    s, e = _wrap_dim(start_dim, nd), _wrap_dim(end_dim, nd)
    shape = tuple(x.shape[:s]) + (-1,) + tuple(x.shape[e + 1 :])
    if s == e:
        return x
    return reshape(x, shape)


def permute(input, *dims):
    """A view with the dimensions permuted."""
    x = input
    dims = tuple(_wrap_dim(d, x.ndim) for d in _shape_args(dims))
    if sorted(dims) != list(range(x.ndim)):
        raise RuntimeError("permute(): dims don't match the number of dimensions of the input")
    return _view_result("permute", x, fnp.transpose(x._node, dims), "permute", dims)


def transpose(input, dim0, dim1):
    """A view with two dimensions swapped.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(2, 3).transpose(0, 1).shape
    torch.Size([3, 2])
    """
    x = input
    nd = x.ndim
    if nd == 0:
        return _view_result("transpose", x, _identity(x._node), "alias", None)
    a, b = _wrap_dim(dim0, nd), _wrap_dim(dim1, nd)
    axes = list(range(nd))
    axes[a], axes[b] = axes[b], axes[a]
    return _view_result("transpose", x, fnp.transpose(x._node, tuple(axes)), "permute", tuple(axes))


swapaxes = swapdims = transpose


def t(input):
    """The transpose of a matrix (a vector stays as it is)."""
    x = input
    if x.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.ndim}D")
    if x.ndim < 2:
        return _view_result("t", x, _identity(x._node), "alias", None)
    return _view_result("t", x, fnp.transpose(x._node, (1, 0)), "permute", (1, 0))


def _T(x):
    if x.ndim <= 1:
        return _view_result("permute", x, _identity(x._node), "alias", None)
    axes = tuple(range(x.ndim - 1, -1, -1))
    return _view_result("permute", x, fnp.transpose(x._node, axes), "permute", axes)


def _mT(x):
    return transpose(x, -2, -1)


def unsqueeze(input, dim):
    """A view with a size-1 dimension inserted at ``dim``."""
    x = input
    d = _wrap_dim(dim, x.ndim + 1)
    shape = tuple(x.shape[:d]) + (1,) + tuple(x.shape[d:])
    return _view_result("unsqueeze", x, fnp.reshape(x._node, shape), "reshape", tuple(x.shape))


def squeeze(input, dim=None):
    """A view without size-1 dimensions (all, or only ``dim``)."""
    x = input
    if dim is None:
        shape = tuple(s for s in x.shape if s != 1)
        key = "squeeze"
    else:
        dims = _dims(dim, x.ndim) if x.ndim else ()
        shape = tuple(s for i, s in enumerate(x.shape) if not (i in dims and s == 1))
        key = "squeeze_dim"
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.reshape(x._node, shape)
    return _view_result(key, x, out, "reshape", tuple(x.shape))


def expand(input, *sizes):
    """A broadcast view to ``sizes`` (``-1`` keeps a dimension); writing into it is an error."""
    x = input
    sizes = _shape_args(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(
            f"expand(torch.{x.dtype._legacy}{{{list(x.shape)}}}, size={list(sizes)}): the number "
            f"of sizes provided ({len(sizes)}) must be greater or equal to the number of "
            f"dimensions in the tensor ({x.ndim})"
        )
    lead = len(sizes) - x.ndim
    shape = tuple(x.shape[i - lead] if s == -1 and i >= lead else s for i, s in enumerate(sizes))
    for i in range(x.ndim):
        if x.shape[i] != 1 and x.shape[i] != shape[lead + i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({shape[lead + i]}) must match the existing "
                f"size ({x.shape[i]}) at non-singleton dimension {lead + i}.  Target sizes: "
                f"{list(sizes)}.  Tensor sizes: {list(x.shape)}"
            )
    out = _identity(x._node) if shape == tuple(x.shape) else fnp.broadcast_to(x._node, shape)
    return _view_result("expand", x, out, "expand", shape)


def broadcast_to(input, size):
    return expand(input, *size)


def expand_as(input, other):
    return expand(input, *other.shape)


def view_as(input, other):
    return view(input, *other.shape)


def reshape_as(input, other):
    return reshape(input, *other.shape)


def contiguous(input, memory_format=None):
    """The tensor itself if its storage is in row-major order, else a row-major copy."""
    x = input
    p = x._node.primal
    if not isinstance(p, np.ndarray) or p.flags.c_contiguous:
        return x
    return clone(x)


def is_contiguous(input, memory_format=None) -> bool:
    p = input._node.primal
    return not isinstance(p, np.ndarray) or bool(p.flags.c_contiguous)


def clone(input, *, memory_format=None):
    """A copy with its own storage; the derivative passes through.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]).clone()
    tensor([1., 2.])
    """
    x = _check_tensor(input, "clone")
    node = x._node
    out = _as_node(_identity(node))
    if isinstance(out.primal, np.ndarray):
        out.primal = np.array(out.primal, copy=True, order="C")
    return record("clone", out, (x,))


def cat(tensors, dim=0, *, axis=None):
    """Concatenate tensors along an existing dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cat([torch.ones(2), torch.zeros(1)])
    tensor([1., 1., 0.])
    """
    dim = axis if axis is not None else dim
    ts = [_check_tensor(x, "cat") for x in tensors]
    if not ts:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    dt = _dtypes.result_type(*((builtins.max(x.ndim, 1), x._node.dtype) for x in ts))
    nodes = [_cast(x, dt) for x in ts]
    d = _wrap_dim(dim, ts[0].ndim)
    out = _as_node(fnp.concatenate(nodes, axis=d) if len(nodes) > 1 else _identity(nodes[0]))
    if len(nodes) == 1 and isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("cat", out, tuple(ts))


concat = concatenate = cat


def stack(tensors, dim=0):
    """Join tensors along a new dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.stack([torch.ones(2), torch.zeros(2)], dim=1)
    tensor([[1., 0.],
            [1., 0.]])
    """
    ts = [_check_tensor(x, "stack") for x in tensors]
    if not ts:
        raise RuntimeError("stack expects a non-empty TensorList")
    shapes = {tuple(x.shape) for x in ts}
    if len(shapes) != 1:
        raise RuntimeError(
            f"stack expects each tensor to be equal size, but got {list(ts[0].shape)} at entry 0 "
            f"and {list(next(x.shape for x in ts if tuple(x.shape) != tuple(ts[0].shape)))} at "
            f"entry {next(i for i, x in enumerate(ts) if tuple(x.shape) != tuple(ts[0].shape))}"
        )
    dt = _dtypes.result_type(*((builtins.max(x.ndim, 1), x._node.dtype) for x in ts))
    d = _wrap_dim(dim, ts[0].ndim + 1)
    nodes = [fnp.expand_dims(_cast(x, dt), d) for x in ts]
    out = _as_node(fnp.concatenate(nodes, axis=d) if len(nodes) > 1 else nodes[0])
    if len(nodes) == 1 and isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("stack", out, tuple(ts))


def hstack(tensors):
    ts = [_t(x) for x in tensors]
    return cat(ts, dim=0 if ts[0].ndim == 1 else 1)


def vstack(tensors):
    ts = [_t(x) if _t(x).ndim > 1 else _t(x).unsqueeze(0) for x in tensors]
    return cat(ts, dim=0)


def flip(input, dims):
    """Reverse the order of elements along ``dims``."""
    x = _check_tensor(input, "flip")
    dims = _dims(dims, x.ndim)
    index = tuple(slice(None, None, -1) if i in dims else slice(None) for i in range(x.ndim))
    out = _as_node(fnp.getitem(x._node, index))
    if isinstance(out.primal, np.ndarray):
        out.primal = out.primal.copy()
    return record("flip", out, (x,))


def repeat(input, *sizes):
    """Tile the tensor ``sizes`` times along each dimension."""
    x = input
    sizes = _shape_args(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions "
            "of tensor"
        )
    shape = (1,) * (len(sizes) - x.ndim) + tuple(x.shape)
    n = fnp.reshape(x._node, tuple(v for s in shape for v in (1, s)))
    n = fnp.broadcast_to(n, tuple(v for r, s in zip(sizes, shape) for v in (r, s)))
    out = _as_node(fnp.reshape(n, tuple(r * s for r, s in zip(sizes, shape))))
    if isinstance(out.primal, np.ndarray):
        out.primal = np.array(out.primal, copy=True)
    return record("repeat", out, (x,))


def narrow(input, dim, start, length):
    """A view of ``length`` elements from ``start`` along ``dim``."""
    d = _wrap_dim(dim, input.ndim)
    index = (slice(None),) * d + (slice(start, start + length),)
    return _getitem(input, index)


def select(input, dim, index):
    """A view of one index along ``dim`` (the dimension is removed)."""
    d = _wrap_dim(dim, input.ndim)
    return _getitem(input, (slice(None),) * d + (int(index),))


def unbind(input, dim=0):
    """The slices along ``dim``, as a tuple of views."""
    d = _wrap_dim(dim, input.ndim)
    out = tuple(_getitem(input, (slice(None),) * d + (i,)) for i in range(input.shape[d]))
    for o in out:
        if o._node.prim is not None:
            o._node.face = "unbind"
    return out


def split(tensor, split_size_or_sections, dim=0):
    """Views of consecutive chunks along ``dim``."""
    x = tensor
    d = _wrap_dim(dim, x.ndim)
    size = x.shape[d]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        bounds = [(i, builtins.min(i + step, size)) for i in range(0, size, step)] or [(0, 0)]
    else:
        bounds, start = [], 0
        for s in split_size_or_sections:
            bounds.append((start, start + s))
            start += s
    out = tuple(_getitem(x, (slice(None),) * d + (slice(a, b),)) for a, b in bounds)
    for o in out:
        if o._node.prim is not None:
            o._node.face = "split"
    return out


def chunk(input, chunks, dim=0):
    """Split into ``chunks`` views of (nearly) equal size."""
    d = _wrap_dim(dim, input.ndim)
    size = input.shape[d]
    step = -(-size // chunks) if size else 1
    return split(input, step, d)


# ---------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------


def _index_key(index) -> tuple:
    """The index as NumPy takes it (tensors become arrays), as a tuple."""
    if not isinstance(index, tuple):
        index = (index,)
    out = []
    for i in index:
        if isinstance(i, Tensor):
            a = i._array()
            i = int(a) if a.ndim == 0 and a.dtype.kind in "iu" else a
        out.append(i)
    return normalize_index(tuple(out))


def _index_name(index: tuple) -> str:
    if builtins.any(isinstance(i, np.ndarray) for i in index):
        return "index"
    last = None
    for i in index:
        if isinstance(i, int):
            last = "select_index"
        elif isinstance(i, slice) and i != slice(None):
            last = "slice"
        elif i is None:
            last = last or "unsqueeze"
    return last or "alias"


def _getitem(x: Tensor, index) -> Tensor:
    key = _index_key(index)
    n = x._node
    p = n.primal
    if isinstance(p, np.ndarray):
        _check_index(p, key)
    out = _as_node(fnp.getitem(n, key))
    if out is n:
        out = _alias(n)
    name = _index_name(key)
    if name == "index":
        if isinstance(out.primal, np.ndarray) and _shares(out.primal, p):
            out.primal = out.primal.copy()
        return record(name, out, (x,))
    if isinstance(p, np.ndarray) and Ellipsis not in key:
        # NumPy gives a scalar for x[0] of a vector; x[0, ...] is the 0-d view PyTorch gives.
        out.primal = p[key + (Ellipsis,)]
    return _view_result(name, x, out, "index", key)


def _check_index(p: np.ndarray, key: tuple) -> None:
    """NumPy's IndexError for an index out of bounds, in PyTorch's words."""
    try:
        p[key]
    except IndexError as e:
        raise IndexError(str(e).replace(" axis ", " dimension ")) from None


def _index_set(x: Tensor, key: tuple, value) -> Tensor:
    """``x`` with ``value`` written at ``key``, built from the kernel's select and scatter-add.

    (A dedicated indexed-set primitive is being added to funcgrad.numpy as
    ``x.at[idx].set(v)``; this composite should move onto it then.)
    """
    n = x._node
    dt = n.dtype
    shape = tuple(np.shape(n.primal))
    key = _plain_index(key, shape)
    mask = np.zeros(shape, np.bool_)
    mask[key] = True
    target = np.empty(shape, np.bool_)[key].shape
    v = as_tensor_arg(value)
    vn = _cast(v, dt)
    if np.shape(vn) != target:
        vn = fnp.broadcast_to(vn, target)
    if not builtins.all(isinstance(i, (int, slice)) or i is None or i is Ellipsis for i in key):
        # Repeated advanced indices: the last write wins, as in NumPy and PyTorch.
        ids = np.arange(int(np.prod(target)), dtype=np.int64).reshape(target)
        winner = np.full(shape, -1, np.int64)
        winner[key] = ids
        keep = winner[key] == ids
        if not keep.all():
            # The overwritten updates add nothing to the value but still get their
            # gradient, as in PyTorch's index_put backward.
            vn = fnp.where(keep, vn, fnp.subtract(vn, np.asarray(_value(_as_node(vn)))))
    spread = scatter_add(np.zeros(shape, dt), key, vn)
    out = fnp.where(mask, spread, n)
    return Tensor._from_node(_as_node(out))


def _plain_index(key: tuple, shape) -> tuple:
    """Boolean masks as integer index arrays (scatter-add wants integers)."""
    out = []
    for i in key:
        if isinstance(i, np.ndarray) and i.dtype == np.bool_:
            out.extend(np.nonzero(i))
        else:
            out.append(i)
    return tuple(out)


def _setitem(self: Tensor, index, value) -> None:
    key = _index_key(index)
    if isinstance(self._node.primal, np.ndarray):
        _check_index(self._node.primal, key)

    def compute(old):
        out = _index_set(old, key, value)
        return record("copy_slices", out._node, (old, value))

    self._inplace(compute)


# ---------------------------------------------------------------------------
# dtype conversion
# ---------------------------------------------------------------------------


def _to(input, *args, **kwargs) -> Tensor:
    """``x.to(dtype)`` (devices are accepted and ignored: funcgrad runs on the CPU)."""
    x = input
    dtype = kwargs.get("dtype")
    copy = kwargs.get("copy", False)
    for a in args:
        if isinstance(a, _dtypes.dtype):
            dtype = a
        elif isinstance(a, Tensor):
            dtype = a.dtype
    if dtype is None or _dtypes.to_torch(dtype) == x.dtype:
        return clone(x) if copy else x
    dt = _dtypes.to_numpy(dtype)
    return record("to", _as_node(fnp.astype(x._node, dt)), (x,))


def _converter(name: str):
    def convert(self, memory_format=None):
        return _to(self, _dtypes.ALIASES[name])

    convert.__name__ = name
    convert.__doc__ = f"The tensor converted to ``torch.{_dtypes.ALIASES[name].name}``."
    return convert


def real(input):
    x = _check_tensor(input, "real")
    if x.dtype.np.kind != "c":
        return x
    return _view_result("real", x, fnp.real(x._node), "real", None)


def imag(input):
    x = _check_tensor(input, "imag")
    if x.dtype.np.kind != "c":
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    return record("imag", fnp.imag(x._node), (x,))


def conj(input):
    x = _check_tensor(input, "conj")
    if x.dtype.np.kind != "c":
        return x
    return record("conj", fnp.conj(x._node), (x,))


def numel(input) -> int:
    return input.numel()


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def is_floating_point(input) -> bool:
    return input.is_floating_point()


def is_complex(input) -> bool:
    return input.is_complex()


# ---------------------------------------------------------------------------
# In-place methods
# ---------------------------------------------------------------------------


def _inplace_method(name: str, fn):
    def method(self, *args, **kwargs):
        return self._inplace(lambda old: fn(old, *args, **kwargs))

    method.__name__ = name
    method.__doc__ = f"In-place ``{name[:-1]}``: changes the tensor, bumps its version."
    return method


def _zero(old):
    return _fill(old, 0)


def _fill(old, value):
    v = value._array() if isinstance(value, Tensor) else value
    if isinstance(value, Tensor) and value.requires_grad:
        out = record(
            "fill", fnp.broadcast_to(_cast(value, old._node.dtype), tuple(old.shape)), (old, value)
        )
        return out
    return Tensor._from_node(constant(np.full(tuple(old.shape), v, old._node.dtype)))


def _copy(old, src, non_blocking=False):
    s = as_tensor_arg(src)
    if not isinstance(s, Tensor):
        s = _t(s)
    n = _cast(s, old._node.dtype)
    if np.shape(n) != tuple(old.shape):
        n = fnp.broadcast_to(n, tuple(old.shape))
    n = _as_node(n)
    if n is s._node:
        n = _as_node(_identity(n))
    if isinstance(n.primal, np.ndarray) and _shares(n.primal, s._node.primal):
        n.primal = n.primal.copy()
    return record("copy", n, (old, s))


_inplace_table = {
    "add_": add,
    "sub_": sub,
    "mul_": mul,
    "div_": div,
    "pow_": pow,
    "clamp_": clamp,
    "clip_": clamp,
    "zero_": _zero,
    "fill_": _fill,
    "copy_": _copy,
    "neg_": neg,
    "exp_": exp,
    "log_": log,
    "sqrt_": sqrt,
    "abs_": abs,
    "relu_": relu,
    "sigmoid_": sigmoid,
    "tanh_": tanh,
    "sin_": sin,
    "cos_": cos,
    "clamp_min_": clamp_min,
    "clamp_max_": clamp_max,
    "floor_": floor,
    "ceil_": ceil,
    "round_": round,
    "square_": square,
    "reciprocal_": reciprocal,
    "t_": t,
    "squeeze_": squeeze,
    "unsqueeze_": unsqueeze,
}


def _iop(fn):
    def method(self, other):
        return self._inplace(lambda old: fn(old, other))

    return method


# ---------------------------------------------------------------------------
# Tensor methods and operators
# ---------------------------------------------------------------------------


def _swap(fn):
    return lambda self, other: fn(other, self)


def _matmul_method(self, other):
    return matmul(self, other)


def _rmatmul(self, other):
    return matmul(_t(other), self)


def _new(factory_name):
    def method(self, *size, dtype=None, requires_grad=False, **kwargs):
        from . import factories

        dtype = dtype if dtype is not None else self.dtype
        return getattr(factories, factory_name)(*size, dtype=dtype, requires_grad=requires_grad)

    return method


def _new_full(self, size, fill_value, *, dtype=None, requires_grad=False, **kwargs):
    from . import factories

    return factories.full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)


def _new_tensor(self, data, *, dtype=None, requires_grad=False, **kwargs):
    from . import factories

    return factories.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


_tensor_methods = {
    "__add__": add,
    "__radd__": _swap(add),
    "__sub__": sub,
    "__rsub__": _rsub,
    "__mul__": mul,
    "__rmul__": _swap(mul),
    "__truediv__": div,
    "__rtruediv__": _rdiv,
    "__div__": div,
    "__floordiv__": _floor_divide,
    "__rfloordiv__": _swap(_floor_divide),
    "__mod__": remainder,
    "__rmod__": _swap(remainder),
    "__pow__": pow,
    "__rpow__": lambda self, other: pow(other, self),
    "__matmul__": _matmul_method,
    "__rmatmul__": _rmatmul,
    "__neg__": neg,
    "__pos__": lambda self: self,
    "__abs__": abs,
    "__eq__": eq,
    "__ne__": ne,
    "__lt__": lt,
    "__le__": le,
    "__gt__": gt,
    "__ge__": ge,
    "__and__": bitwise_and,
    "__or__": bitwise_or,
    "__xor__": bitwise_xor,
    "__rand__": _swap(bitwise_and),
    "__ror__": _swap(bitwise_or),
    "__invert__": bitwise_not,
    "__getitem__": _getitem,
    "__setitem__": _setitem,
    "__iadd__": _iop(add),
    "__isub__": _iop(sub),
    "__imul__": _iop(mul),
    "__itruediv__": _iop(div),
    "__ipow__": _iop(pow),
    "add": add,
    "sub": sub,
    "subtract": sub,
    "mul": mul,
    "multiply": mul,
    "div": div,
    "divide": div,
    "true_divide": div,
    "pow": pow,
    "neg": neg,
    "negative": neg,
    "remainder": remainder,
    "floor_divide": _floor_divide,
    "exp": exp,
    "log": log,
    "sqrt": sqrt,
    "sin": sin,
    "cos": cos,
    "tan": tan,
    "tanh": tanh,
    "sigmoid": sigmoid,
    "relu": relu,
    "abs": abs,
    "absolute": abs,
    "sign": sign,
    "log1p": log1p,
    "expm1": expm1,
    "rsqrt": rsqrt,
    "reciprocal": reciprocal,
    "exp2": exp2,
    "log2": log2,
    "log10": log10,
    "sinh": sinh,
    "cosh": cosh,
    "square": square,
    "floor": floor,
    "ceil": ceil,
    "round": round,
    "trunc": trunc,
    "clamp": clamp,
    "clip": clamp,
    "clamp_min": clamp_min,
    "clamp_max": clamp_max,
    "maximum": maximum,
    "minimum": minimum,
    "where": lambda self, cond, other: where(cond, self, other),
    "eq": eq,
    "ne": ne,
    "lt": lt,
    "le": le,
    "gt": gt,
    "ge": ge,
    "logical_and": logical_and,
    "logical_or": logical_or,
    "logical_not": logical_not,
    "isfinite": isfinite,
    "isnan": isnan,
    "isinf": isinf,
    "equal": equal,
    "allclose": allclose,
    "all": all,
    "any": any,
    "sum": sum,
    "mean": mean,
    "var": var,
    "std": std,
    "norm": norm,
    "prod": prod,
    "max": max,
    "min": min,
    "amax": amax,
    "amin": amin,
    "argmax": argmax,
    "argmin": argmin,
    "logsumexp": logsumexp,
    "softmax": softmax,
    "log_softmax": log_softmax,
    "cumsum": cumsum,
    "trace": trace,
    "dot": dot,
    "inner": dot,
    "mm": mm,
    "mv": mv,
    "matmul": matmul,
    "bmm": bmm,
    "outer": outer,
    "ger": outer,
    "view": view,
    "reshape": reshape,
    "flatten": flatten,
    "permute": permute,
    "transpose": transpose,
    "swapaxes": transpose,
    "t": t,
    "unsqueeze": unsqueeze,
    "squeeze": squeeze,
    "expand": expand,
    "expand_as": expand_as,
    "view_as": view_as,
    "reshape_as": reshape_as,
    "contiguous": contiguous,
    "is_contiguous": is_contiguous,
    "clone": clone,
    "flip": flip,
    "repeat": repeat,
    "narrow": narrow,
    "select": select,
    "unbind": unbind,
    "split": split,
    "chunk": chunk,
    "broadcast_to": broadcast_to,
    "to": _to,
    "float": _converter("float32"),
    "double": _converter("float64"),
    "half": _converter("float16"),
    "long": _converter("int64"),
    "int": _converter("int32"),
    "bool": _converter("bool"),
    "short": _converter("int16"),
    "byte": _converter("uint8"),
    "char": _converter("int8"),
    "cfloat": _converter("complex64"),
    "cdouble": _converter("complex128"),
    "conj": conj,
    "new_zeros": _new("zeros"),
    "new_ones": _new("ones"),
    "new_empty": _new("empty"),
    "new_full": _new_full,
    "new_tensor": _new_tensor,
}
for _name, _fn in _inplace_table.items():
    _tensor_methods[_name] = _inplace_method(_name, _fn)

for _name, _fn in _tensor_methods.items():
    setattr(Tensor, _name, _fn)

Tensor.T = property(_T)
Tensor.mT = property(_mT)
Tensor.H = property(lambda self: conj(_T(self)))
Tensor.real = property(real)
Tensor.imag = property(imag)
