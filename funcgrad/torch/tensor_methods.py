"""The Tensor's methods and operators: PyTorch's names attached to the face's functions.

``x.exp()``, ``x + y``, ``x.sum(dim=0)``, ``x.add_(y)``, ``x.backward()``: each is
the function of the same name in :mod:`funcgrad.torch` (or its in-place form
from :mod:`funcgrad.torch.views`) set on :class:`~funcgrad.torch.tensor.Tensor`
here, once, when funcgrad.torch is imported.
"""

from __future__ import annotations

from . import factories
from ._dtypes import check_placement
from ._operands import (
    _t,
)
from .autograd import engine
from .conversions import (
    _converter,
    _to,
    conj,
    imag,
    real,
)
from .elementwise import (  # noqa: A004 - PyTorch's names shadow the builtins here
    _floor_divide,
    _rdiv,
    _rsub,
    abs,
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
    cos,
    cosh,
    div,
    eq,
    equal,
    exp,
    exp2,
    expm1,
    floor,
    ge,
    gt,
    isfinite,
    isinf,
    isnan,
    le,
    log,
    log1p,
    log2,
    log10,
    logical_and,
    logical_not,
    logical_or,
    lt,
    maximum,
    minimum,
    mul,
    ne,
    neg,
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
from .indexing import (
    _getitem,
    _setitem,
    chunk,
    narrow,
    select,
    split,
    unbind,
)
from .products import (
    bmm,
    dot,
    matmul,
    mm,
    mv,
    outer,
)
from .reductions import (  # noqa: A004
    amax,
    amin,
    argmax,
    argmin,
    count_nonzero,
    cumsum,
    log_softmax,
    logsumexp,
    max,
    mean,
    min,
    nanmean,
    nansum,
    norm,
    prod,
    softmax,
    std,
    sum,
    trace,
    var,
)
from .shape import (
    _T,
    _mT,
    broadcast_to,
    clone,
    contiguous,
    expand,
    expand_as,
    flatten,
    flip,
    is_contiguous,
    movedim,
    permute,
    repeat,
    reshape,
    reshape_as,
    squeeze,
    t,
    transpose,
    unsqueeze,
    view,
    view_as,
)
from .tensor import Tensor
from .views import (
    _inplace_method,
    _inplace_table,
    _shape_inplace_method,
    _shape_inplace_table,
    _zero_method,
    inplace,
)


def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate the gradient of this tensor into the ``.grad`` of the leaves.

    Parameters
    ----------
    gradient : Tensor, optional
        The gradient with respect to this tensor; needed unless it has one element.
    retain_graph : bool, optional
        Keep the graph for another backward pass (default: ``create_graph``).
    create_graph : bool
        Record the backward pass, so the gradients can be differentiated again.
    inputs : sequence of Tensor, optional
        Accumulate only into these tensors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (x ** 2).sum().backward()
    >>> x.grad
    tensor([2., 4.])
    """
    engine.backward(self, gradient, retain_graph, create_graph, inputs=inputs)


# ---------------------------------------------------------------------------
# Tensor methods and operators
# ---------------------------------------------------------------------------


def _swap(fn):
    return lambda self, other: fn(other, self)


def _commuted(fn):
    # `2 * b` is `b.mul(2)` in PyTorch: b comes first in next_functions and is `self`,
    # the order the reflected operator receives them in, so `fn` itself is the method.
    return fn


def _matmul_method(self, other):
    return matmul(self, other)


def _rmatmul(self, other):
    return matmul(_t(other), self)


def _new(factory_name, call, out):
    def method(self, *size, dtype=None, layout=None, device=None, requires_grad=False,
               pin_memory=False, **kwargs):
        for key in kwargs:
            if key != "size":
                raise TypeError(f"new_{factory_name}() got an unexpected keyword argument '{key}'")
        dtype = dtype if dtype is not None else self.dtype
        return getattr(factories, factory_name)(*size, dtype=dtype, layout=layout, device=device,
                                                requires_grad=requires_grad,
                                                pin_memory=pin_memory, **kwargs)

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


def _new_full(self, size, fill_value, *, dtype=None, layout=None, device=None,
              requires_grad=False, pin_memory=False):
    """A new tensor of shape ``size`` filled with ``fill_value``, in this tensor's dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0], dtype=torch.float64).new_full((2,), 3.5)
    tensor([3.5000, 3.5000], dtype=torch.float64)
    """
    return factories.full(size, fill_value, dtype=dtype or self.dtype, layout=layout,
                          device=device, requires_grad=requires_grad, pin_memory=pin_memory)


def _new_tensor(self, data, *, dtype=None, layout=None, device=None, requires_grad=False,
                pin_memory=False):
    """A new tensor holding a copy of ``data``, in this tensor's dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1, 2]).new_tensor([1.5, 2.5])
    tensor([1, 2])
    """
    check_placement("new_tensor()", device, layout, pin_memory)
    return factories.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


# PyTorch's names, in messages such as "new_full() got an unexpected keyword argument".
_new_full.__qualname__ = "new_full"
_new_tensor.__qualname__ = "new_tensor"


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
    "nansum": nansum,
    "nanmean": nanmean,
    "count_nonzero": count_nonzero,
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
    "movedim": movedim,
    "moveaxis": movedim,
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

_tensor_methods["backward"] = backward
_tensor_methods["_inplace"] = inplace

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
