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

import numpy as np

from .. import numpy as fnp
from . import _graph
from ._graph import constant, is_grad_enabled
from ._operands import (  # noqa: F401 - re-exported
    _cast,
    _t,
)
from .elementwise import (  # noqa: F401 - re-exported
    _floor_divide,
    _rdiv,
    _rsub,
    abs,
    absolute,
    add,
    all,
    allclose,
    any,
    bitwise_and,
    bitwise_not,
    bitwise_or,
    bitwise_xor,
    ceil,
    clamp,
    clamp_max,
    clamp_min,
    clip,
    cos,
    cosh,
    div,
    eq,
    equal,
    exp,
    exp2,
    expm1,
    float_power,
    floor,
    ge,
    greater,
    greater_equal,
    gt,
    isclose,
    isfinite,
    isinf,
    isnan,
    le,
    less,
    less_equal,
    log,
    log1p,
    log2,
    log10,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    lt,
    maximum,
    minimum,
    mul,
    ne,
    neg,
    negative,
    not_equal,
    pow,
    reciprocal,
    relu,
    remainder,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sinh,
    sqrt,
    square,
    sub,
    tan,
    tanh,
    trunc,
    where,
)
from .reductions import (  # noqa: F401 - re-exported
    ReturnType,
    addmm,
    amax,
    amin,
    argmax,
    argmin,
    bmm,
    cumsum,
    dot,
    ger,
    inner,
    log_softmax,
    logsumexp,
    matmul,
    max,
    mean,
    min,
    mm,
    mv,
    norm,
    outer,
    prod,
    softmax,
    std,
    sum,
    trace,
    var,
)
from .shape import (  # noqa: F401 - re-exported
    _T,
    _as_node,
    _converter,
    _getitem,
    _getitem_node,
    _identity,
    _index_set,
    _mT,
    _permute_node,
    _reshape_node,
    _setitem,
    _shares,
    _to,
    broadcast_to,
    cat,
    chunk,
    clone,
    concat,
    concatenate,
    conj,
    contiguous,
    expand,
    expand_as,
    flatten,
    flip,
    hstack,
    imag,
    is_complex,
    is_contiguous,
    is_floating_point,
    is_tensor,
    narrow,
    numel,
    permute,
    real,
    repeat,
    reshape,
    reshape_as,
    select,
    split,
    squeeze,
    stack,
    swapaxes,
    swapdims,
    t,
    transpose,
    unbind,
    unsqueeze,
    view,
    view_as,
    vstack,
)
from .tensor import Tensor, _view_of_leaf, as_tensor_arg, record

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# In-place methods
# ---------------------------------------------------------------------------


def _inplace_method(name: str, fn):
    ufunc = _STORAGE_UFUNCS.get(fn)
    if ufunc is not None:

        def method(self, *args, **kwargs):
            if len(args) == 1 and not kwargs and _store_in_place(self, ufunc, args[0]):
                return self
            return self._inplace(lambda old: fn(old, *args, **kwargs))

    else:

        def method(self, *args, **kwargs):
            return self._inplace(lambda old: fn(old, *args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = _inplace_doc(name)
    return method


def _inplace_doc(name: str) -> str:
    data, args, out = _INPLACE_EXAMPLES[name]
    return f"""In-place :meth:`{name[:-1]}`: writes the result into this tensor and returns it.

    The tensor's version counter goes up by one, so a backward pass that
    needs its old value raises PyTorch's error. On a leaf that requires grad
    this is an error outside :func:`~funcgrad.torch.no_grad`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor({data})
    >>> x.{name}({args}) is x, x
    (True, {out})
    """


# name: (data, arguments, the tensor after the call); PyTorch prints the same.
_INPLACE_EXAMPLES = {
    "add_": ("[1.0, 4.0]", "1", "tensor([2., 5.])"),
    "sub_": ("[1.0, 4.0]", "1", "tensor([0., 3.])"),
    "mul_": ("[1.0, 4.0]", "2", "tensor([2., 8.])"),
    "div_": ("[1.0, 4.0]", "2", "tensor([0.5000, 2.0000])"),
    "pow_": ("[1.0, 4.0]", "2", "tensor([ 1., 16.])"),
    "clamp_": ("[1.0, 4.0]", "2, 3", "tensor([2., 3.])"),
    "clip_": ("[1.0, 4.0]", "2, 3", "tensor([2., 3.])"),
    "fill_": ("[1.0, 4.0]", "7", "tensor([7., 7.])"),
    "copy_": ("[1.0, 4.0]", "torch.tensor([5, 6])", "tensor([5., 6.])"),
    "neg_": ("[1.0, 4.0]", "", "tensor([-1., -4.])"),
    "exp_": ("[0.0, 1.0]", "", "tensor([1.0000, 2.7183])"),
    "log_": ("[1.0, 4.0]", "", "tensor([0.0000, 1.3863])"),
    "sqrt_": ("[1.0, 4.0]", "", "tensor([1., 2.])"),
    "abs_": ("[-1.0, 4.0]", "", "tensor([1., 4.])"),
    "relu_": ("[-1.0, 4.0]", "", "tensor([0., 4.])"),
    "sigmoid_": ("[0.0, 0.0]", "", "tensor([0.5000, 0.5000])"),
    "tanh_": ("[0.0, 1.0]", "", "tensor([0.0000, 0.7616])"),
    "sin_": ("[0.0, 1.0]", "", "tensor([0.0000, 0.8415])"),
    "cos_": ("[0.0, 1.0]", "", "tensor([1.0000, 0.5403])"),
    "clamp_min_": ("[-1.0, 4.0]", "0", "tensor([0., 4.])"),
    "clamp_max_": ("[-1.0, 4.0]", "0", "tensor([-1.,  0.])"),
    "floor_": ("[-1.5, 2.5]", "", "tensor([-2.,  2.])"),
    "ceil_": ("[-1.5, 2.5]", "", "tensor([-1.,  3.])"),
    "round_": ("[-1.5, 2.5]", "", "tensor([-2.,  2.])"),
    "square_": ("[-1.0, 4.0]", "", "tensor([ 1., 16.])"),
    "reciprocal_": ("[1.0, 4.0]", "", "tensor([1.0000, 0.2500])"),
}


def _shape_inplace_method(name: str, fn):
    """``t_``, ``squeeze_``, ``unsqueeze_``: in place only where the shape stays."""

    def method(self, *args, **kwargs):
        new_shape = fn(self.detach(), *args, **kwargs).shape
        if new_shape != self.shape:
            raise NotImplementedError(
                f"{name}(): changing a tensor's shape in place is not supported by "
                f"funcgrad.torch yet (here {list(self.shape)} -> {list(new_shape)}); "
                f"use `x = x.{name[:-1]}(...)` instead."
            )
        return self._inplace(lambda old: fn(old, *args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"""In-place :meth:`{name[:-1]}`, where it leaves the shape as it is.

    Differs from PyTorch: funcgrad cannot change a tensor's shape in place yet,
    so where :meth:`{name[:-1]}` would give another shape this raises
    ``NotImplementedError``; write ``x = x.{name[:-1]}(...)`` instead.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, 3)
    >>> {_SHAPE_INPLACE_EXAMPLES[name]}
    """
    return method


_SHAPE_INPLACE_EXAMPLES = {
    "t_": "torch.tensor([1.0, 2.0]).t_()\n    tensor([1., 2.])",
    "squeeze_": "x.squeeze_(0) is x, x.shape\n    (True, torch.Size([2, 3]))",
    "unsqueeze_": (
        "x.unsqueeze_(0)\n    Traceback (most recent call last):\n    ...\n"
        "    NotImplementedError: unsqueeze_(): changing a tensor's shape in place is not ..."
    ),
}


# Arithmetic whose in-place form can write straight into the storage when
# nothing is recorded (``w -= lr * w.grad`` under no_grad, ``.grad`` updates).
_STORAGE_UFUNCS = {add: np.add, sub: np.subtract, mul: np.multiply, div: np.true_divide}


def _unrecorded_storage(t: Tensor):
    """``t``'s array if an in-place change of ``t`` records nothing and may write it directly."""
    node = t._node
    storage = node.primal
    if type(storage) is not np.ndarray or not storage.flags.writeable:
        return None
    if _graph._state.grad_enabled and (
        node.requires_grad or t._view is not None and _view_of_leaf(t)
    ):
        return None  # recorded, or an error (in-place on a leaf, a view of one)
    if _graph.INFERENCE_STARTS and not _graph._state.inference:
        return None  # maybe an inference tensor outside inference mode: the checked path
    return storage


def _store_in_place(self: Tensor, ufunc, other) -> bool:
    """``self op= other`` on the storage, as ``_inplace`` would when nothing is recorded.

    Only for the plain cases (a float tensor, and a Python number or a tensor
    of its dtype and shape or a 0-d one); returns False for the others, which
    take the general path.
    """
    storage = _unrecorded_storage(self)
    if storage is None or storage.dtype.kind not in "fc":
        return False
    if isinstance(other, Tensor):
        o = other._node
        value = o.primal
        if (
            _graph._state.grad_enabled and o.requires_grad
            or type(value) is not np.ndarray
            or value.dtype != storage.dtype
            or (value.shape != storage.shape and value.shape != ())
        ):
            return False
    elif type(other) in (int, float, bool):
        value = other
    else:
        return False
    with _graph.quiet_errors():
        ufunc(storage, value, out=storage)
    self._vc[0] += 1
    return True


def _zero(old):
    return _overwrite(old, 0, "zero")


def _zero_method(self) -> Tensor:
    """Fill the tensor with zeros in place (bumps its version); returns it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> (3 * x).sum().backward()
    >>> x.grad.zero_()
    tensor([0., 0.])
    """
    storage = _unrecorded_storage(self)
    if storage is not None:
        storage.fill(0)
        self._vc[0] += 1
        return self
    return self._inplace(_zero)


def _fill(old, value):
    return _overwrite(old, value, "fill")


def _copy(old, src, non_blocking=False):
    s = as_tensor_arg(src)
    return _overwrite(old, s if isinstance(s, Tensor) else _t(s), "copy")


def _overwrite(old: Tensor, value, key: str) -> Tensor:
    """``old`` replaced by ``value`` everywhere: the old value gets derivative zero.

    Written as a select with an all-true condition, so that it is recorded
    whenever the old value or ``value`` requires grad (PyTorch's FillBackward,
    ZeroBackward, CopyBackwards), and the gradient goes only to ``value``.
    """
    n = old._node
    shape = n.primal.shape
    src = value._node.primal if isinstance(value, Tensor) else value
    if (
        not (is_grad_enabled() and (n.requires_grad or _requires_grad(value)))
        and type(n.primal) is np.ndarray
        and n.primal.dtype.kind in "fc"
        and (type(src) in (int, float, bool) or type(src) is np.ndarray and src.dtype.kind != "c")
        and np.shape(src) in (shape, ())
    ):
        # Nothing to record: the new value is a fresh array (never the storage of
        # ``value``, which the in-place write may share).
        return record(key, constant(np.full(shape, src, n.primal.dtype)), ())
    if isinstance(value, Tensor):
        v = _cast(value, n.dtype)
    else:
        v = np.asarray(value, n.dtype)
    if np.shape(v) != shape:
        v = fnp.broadcast_to(v, shape)
    out = _as_node(fnp.where(np.ones(shape, np.bool_), v, n))
    if isinstance(out.primal, np.ndarray) and isinstance(value, Tensor):
        if _shares(out.primal, value._node.primal):
            out.primal = out.primal.copy()
    inputs = (old, value) if isinstance(value, Tensor) else (old,)
    return record(key, out, inputs)


def _requires_grad(x) -> bool:
    return isinstance(x, Tensor) and x._node.requires_grad


_inplace_table = {
    "add_": add,
    "sub_": sub,
    "mul_": mul,
    "div_": div,
    "pow_": pow,
    "clamp_": clamp,
    "clip_": clamp,
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
}
_shape_inplace_table = {"t_": t, "squeeze_": squeeze, "unsqueeze_": unsqueeze}


# ---------------------------------------------------------------------------
# Tensor methods and operators
# ---------------------------------------------------------------------------


def _swap(fn):
    return lambda self, other: fn(other, self)


def _commuted(fn):
    # `2 * b` is `b.mul(2)` in PyTorch: b comes first in next_functions and is `self`.
    return lambda self, other: fn(self, other)


def _matmul_method(self, other):
    return matmul(self, other)


def _rmatmul(self, other):
    return matmul(_t(other), self)


def _new(factory_name, call, out):
    def method(self, *size, dtype=None, requires_grad=False, **kwargs):
        from . import factories

        dtype = dtype if dtype is not None else self.dtype
        return getattr(factories, factory_name)(*size, dtype=dtype, requires_grad=requires_grad)

    method.__name__ = method.__qualname__ = f"new_{factory_name}"
    method.__doc__ = f"""Like :func:`~funcgrad.torch.{factory_name}`, in this dtype by default.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1, 2], dtype=torch.int32)
    >>> x.{call}
    {out}
    """
    return method


def _new_full(self, size, fill_value, *, dtype=None, requires_grad=False, **kwargs):
    """A new tensor of shape ``size`` filled with ``fill_value``, in this tensor's dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0], dtype=torch.float64).new_full((2,), 3.5)
    tensor([3.5000, 3.5000], dtype=torch.float64)
    """
    from . import factories

    return factories.full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)


def _new_tensor(self, data, *, dtype=None, requires_grad=False, **kwargs):
    """A new tensor holding a copy of ``data``, in this tensor's dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1, 2]).new_tensor([1.5, 2.5])
    tensor([1, 2])
    """
    from . import factories

    return factories.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


def _where_method(self, condition, other):
    """``torch.where(condition, self, other)``: this tensor where ``condition`` holds.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]).where(torch.tensor([True, False]), 0.0)
    tensor([1., 0.])
    """
    return where(condition, self, other)


_tensor_methods = {
    "__add__": add,
    "__radd__": _commuted(add),
    "__sub__": sub,
    "__rsub__": _rsub,
    "__mul__": mul,
    "__rmul__": _commuted(mul),
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
    "where": _where_method,
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
    "new_zeros": _new(
        "zeros", "new_zeros(2, 3)", "tensor([[0, 0, 0],\n            [0, 0, 0]], dtype=torch.int32)"
    ),
    "new_ones": _new("ones", "new_ones(2)", "tensor([1, 1], dtype=torch.int32)"),
    "new_empty": _new("empty", "new_empty(3, dtype=torch.float32).shape", "torch.Size([3])"),
    "new_full": _new_full,
    "new_tensor": _new_tensor,
}
for _name, _fn in _inplace_table.items():
    _tensor_methods[_name] = _inplace_method(_name, _fn)
for _name, _fn in _shape_inplace_table.items():
    _tensor_methods[_name] = _shape_inplace_method(_name, _fn)
# ``x += y`` is ``x.add_(y)``, as in PyTorch.
for _op in ("add", "sub", "mul", "pow"):
    _tensor_methods[f"__i{_op}__"] = _tensor_methods[f"{_op}_"]
_tensor_methods["__itruediv__"] = _tensor_methods["div_"]
_zero_method.__name__ = _zero_method.__qualname__ = "zero_"
_tensor_methods["zero_"] = _zero_method

for _name, _fn in _tensor_methods.items():
    setattr(Tensor, _name, _fn)

Tensor.T = property(_T)
Tensor.mT = property(_mT)


def _H(self):
    """The conjugate transpose of a matrix (``x.H``); the transpose of a real one.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([[1 + 1j, 2]]).H
    tensor([[1.-1.j],
            [2.-0.j]])
    """
    return conj(_T(self))


Tensor.H = property(_H)
Tensor.real = property(real)
Tensor.imag = property(imag)
