"""Python's operators and ndarray's methods on traced values, bound to funcgrad.numpy.

A method exists where ndarray has it and it makes sense for an immutable
value; in-place methods (``sort``, ``fill``, ``resize``, ``__setitem__``)
raise with the functional alternative.
"""

from __future__ import annotations

from ..core.trace import Tracer, full_lower
from ..primitives import comparisons as cmp
from ..primitives import cumulative, shape
from ..primitives import elementwise as el
from ..primitives import piecewise as pw
from ..primitives import reductions as rd
from ..primitives import sorting as so
from . import _array, assembly, indexing, matrices, products, reductions, sorting, ufuncs
from .cumulative import cumprod


def _swap(f):
    return lambda self, other: f(other, self)


def _pow(x, y):
    return el.power(x, y)


def _shape_args(args):
    return args[0] if len(args) == 1 and not isinstance(args[0], int) else args


def _reshape_method(self, *shape_, order="C"):
    return shape.reshape(self, _shape_args(shape_), order=order)


def _transpose_method(self, *axes):
    axes = _shape_args(axes)
    return shape.transpose(self, axes if axes else None)


def _in_place(name: str, alternative: str):
    def method(self, *args, **kwargs):
        raise TypeError(
            f"ndarray.{name}() changes an array in place, and traced values are immutable. "
            f"Use {alternative} instead."
        )

    method.__name__ = name
    return method


def _clip_method(self, min=None, max=None, out=None, **kwargs):  # noqa: A002
    return ufuncs.clip(self, min, max, out, **kwargs)


def _round_method(self, decimals=0, out=None):
    return pw.round(self, decimals, out)


def _squeeze_method(self, axis=None):
    return shape.squeeze(self, axis)


def _astype_method(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
    return el.astype(self, dtype)


def _tolist(self):
    self.check_conversion("x.tolist()")
    return full_lower(self).tolist()


_methods = {
    # Arithmetic, comparison and bitwise operators
    "__add__": el.add, "__radd__": _swap(el.add),
    "__sub__": el.subtract, "__rsub__": _swap(el.subtract),
    "__mul__": el.multiply, "__rmul__": _swap(el.multiply),
    "__truediv__": el.true_divide, "__rtruediv__": _swap(el.true_divide),
    "__floordiv__": pw.floor_divide, "__rfloordiv__": _swap(pw.floor_divide),
    "__mod__": pw.remainder, "__rmod__": _swap(pw.remainder),
    "__divmod__": ufuncs.divmod, "__rdivmod__": _swap(ufuncs.divmod),
    "__pow__": _pow, "__rpow__": _swap(_pow),
    "__matmul__": products.matmul, "__rmatmul__": _swap(products.matmul),
    "__neg__": el.negative, "__pos__": lambda self: self, "__abs__": el.absolute,
    "__invert__": pw.invert, "__round__": lambda self, ndigits=None: pw.round(self, ndigits or 0),
    "__and__": pw.bitwise_and, "__rand__": _swap(pw.bitwise_and),
    "__or__": pw.bitwise_or, "__ror__": _swap(pw.bitwise_or),
    "__xor__": pw.bitwise_xor, "__rxor__": _swap(pw.bitwise_xor),
    "__lshift__": pw.left_shift, "__rlshift__": _swap(pw.left_shift),
    "__rshift__": pw.right_shift, "__rrshift__": _swap(pw.right_shift),
    "__eq__": cmp.equal, "__ne__": cmp.not_equal,
    "__lt__": cmp.less, "__le__": cmp.less_equal,
    "__gt__": cmp.greater, "__ge__": cmp.greater_equal,
    "__getitem__": indexing.getitem,
    # Reductions
    "sum": rd.sum, "prod": rd.prod, "mean": reductions.mean,
    "std": reductions.std, "var": reductions.var, "max": rd.amax,
    "min": rd.amin, "all": rd.all, "any": rd.any,
    "argmax": so.argmax, "argmin": so.argmin, "argsort": so.argsort,
    "cumsum": cumulative.cumsum, "cumprod": cumprod,
    "trace": matrices.trace, "diagonal": matrices.diagonal, "nonzero": sorting.nonzero,
    # Shape
    "reshape": _reshape_method, "transpose": _transpose_method,
    "swapaxes": shape.swapaxes, "ravel": shape.ravel, "flatten": shape.ravel,
    "squeeze": _squeeze_method, "repeat": assembly.repeat, "take": indexing.take,
    "compress": lambda self, condition, axis=None, out=None: indexing.compress(
        condition, self, axis, out),
    # Elementwise
    "clip": _clip_method, "round": _round_method, "astype": _astype_method,
    "conj": el.conj, "conjugate": el.conj, "dot": products.dot,
    "copy": lambda self, order="C": self, "view": lambda self, *args: self,
    "tolist": _tolist,
    # In-place methods of ndarray have no traced counterpart
    "sort": _in_place("sort", "`x = funcgrad.numpy.sort(x)`"),
    "fill": _in_place("fill", "`x = funcgrad.numpy.full_like(x, value)`"),
    "resize": _in_place("resize", "`x = funcgrad.numpy.reshape(x, shape)`"),
    "partition": _in_place("partition", "`x = funcgrad.numpy.sort(x)`"),
}

for _name, _fn in _methods.items():
    setattr(Tracer, _name, _fn)

Tracer.T = property(lambda self: shape.transpose(self))
Tracer.mT = property(lambda self: shape.swapaxes(self, -1, -2))
Tracer.real = property(el.real)
Tracer.imag = property(el.imag)
Tracer.at = property(_array.at, doc="Functional index updates: ``x.at[idx].set(v)`` (JAX).")
Tracer.flat = property(lambda self: shape.ravel(self))
