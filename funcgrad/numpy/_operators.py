"""Python's operators and array methods on traced values, bound to funcgrad.numpy."""

from __future__ import annotations

from ..core.trace import Tracer
from . import elementwise as el
from .indexing import getitem
from .products import matmul
from .reductions import amax, amin, mean, sum
from .shape import reshape, swapaxes, transpose


def _swap(f):
    return lambda self, other: f(other, self)


def _pow(x, y):
    return el.power(x, y)


def _reshape_method(self, *shape, order="C"):
    if len(shape) == 1 and not isinstance(shape[0], int):
        shape = shape[0]
    return reshape(self, shape, order=order)


def _transpose_method(self, *axes):
    if len(axes) == 1 and not isinstance(axes[0], int):
        axes = axes[0]
    return transpose(self, axes or None)


_methods = {
    "__add__": el.add, "__radd__": _swap(el.add),
    "__sub__": el.subtract, "__rsub__": _swap(el.subtract),
    "__mul__": el.multiply, "__rmul__": _swap(el.multiply),
    "__truediv__": el.true_divide, "__rtruediv__": _swap(el.true_divide),
    "__pow__": _pow, "__rpow__": _swap(_pow),
    "__matmul__": matmul, "__rmatmul__": _swap(matmul),
    "__neg__": el.negative, "__pos__": lambda self: self, "__abs__": el.absolute,
    "__eq__": el.equal, "__ne__": el.not_equal,
    "__lt__": el.less, "__le__": el.less_equal,
    "__gt__": el.greater, "__ge__": el.greater_equal,
    "__getitem__": getitem,
    "sum": sum, "mean": mean, "max": amax, "min": amin,
    "reshape": _reshape_method, "transpose": _transpose_method,
    "swapaxes": swapaxes, "astype": el.astype, "conj": el.conj, "conjugate": el.conj,
    "dot": lambda self, other: __import__("funcgrad.numpy", fromlist=["dot"]).dot(self, other),
}

for _name, _fn in _methods.items():
    setattr(Tracer, _name, _fn)

Tracer.T = property(lambda self: transpose(self))
Tracer.real = property(el.real)
Tracer.imag = property(el.imag)
