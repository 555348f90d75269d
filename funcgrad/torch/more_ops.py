"""More of PyTorch's documented math: inverse trigonometry, special functions, sorting, ...

Each function binds the kernel's operations through ``funcgrad.numpy`` /
``funcgrad.scipy.special`` (so its derivatives are the kernel's rules) and
records the result under PyTorch's node name (``AsinBackward0``,
``SortBackward0``, ...). The functions of PyTorch's "Pointwise", "Reduction",
"Comparison" and "Other" tables that funcgrad does not have raise
``NotImplementedError`` naming them (see :data:`NOT_IMPLEMENTED`).

>>> import funcgrad.torch as torch
>>> x = torch.tensor([0.5], requires_grad=True)
>>> y = torch.asin(x)
>>> y
tensor([0.5236], grad_fn=<AsinBackward0>)
>>> y.backward()
>>> x.grad
tensor([1.1547])
"""

from __future__ import annotations

import builtins
from collections import namedtuple
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..core.optional import optional_function
from . import _dtypes
from ._operands import (
    _binary,
    _check_tensor,
    _float_node,
    _t,
    _value,
    as_constant,
    index_tensor,
    peek_value,
)
from .elementwise import check_integer_divisor
from .functions import cat
from .tensor import Size, Tensor, record

# SciPy is an optional extra: these import funcgrad.scipy.special at their first call.
_sp_digamma = optional_function("funcgrad.scipy.special", "digamma")
_sp_erf = optional_function("funcgrad.scipy.special", "erf")
_sp_erfc = optional_function("funcgrad.scipy.special", "erfc")
_sp_erfinv = optional_function("funcgrad.scipy.special", "erfinv")
_sp_gammaln = optional_function("funcgrad.scipy.special", "gammaln")
_sp_i0 = optional_function("funcgrad.scipy.special", "i0")
_sp_logit = optional_function("funcgrad.scipy.special", "logit")
_sp_xlogy = optional_function("funcgrad.scipy.special", "xlogy")

# ---------------------------------------------------------------------------
# Elementwise
# ---------------------------------------------------------------------------


def _unary(key: str, fn, example: str, shows: str):
    def op(input):
        x = input if type(input) is Tensor else _check_tensor(input, key)
        return record(key, fn(_float_node(x)), (x,))

    op.__name__ = op.__qualname__ = key
    op.__doc__ = f"""Elementwise ``{key}``, as ``torch.{key}`` (differentiable).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{key}(torch.tensor({example}))
    {shows}
    """
    return op


def _binary_op(key: str, fn, example: str, shows: str, floating: bool = True):
    def op(input, other):
        _, a, b, xs = _binary(input, other, floating=floating)
        return record(key, fn(a, b), xs)

    op.__name__ = op.__qualname__ = key
    op.__doc__ = f"""Elementwise ``{key}`` of two tensors (or a tensor and a number).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.{key}({example})
    {shows}
    """
    return op


asin = _unary("asin", fnp.arcsin, "[0.5]", "tensor([0.5236])")
acos = _unary("acos", fnp.arccos, "[0.5]", "tensor([1.0472])")
atan = _unary("atan", fnp.arctan, "[1.0]", "tensor([0.7854])")
asinh = _unary("asinh", fnp.arcsinh, "[1.0]", "tensor([0.8814])")
acosh = _unary("acosh", fnp.arccosh, "[2.0]", "tensor([1.3170])")
atanh = _unary("atanh", fnp.arctanh, "[0.5]", "tensor([0.5493])")
arcsin, arccos, arctan, arcsinh, arccosh, arctanh = asin, acos, atan, asinh, acosh, atanh
deg2rad = _unary("deg2rad", fnp.deg2rad, "[180.0]", "tensor([3.1416])")
rad2deg = _unary("rad2deg", fnp.rad2deg, "[3.1416]", "tensor([180.0004])")
erf = _unary("erf", _sp_erf, "[0.5]", "tensor([0.5205])")
erfc = _unary("erfc", _sp_erfc, "[0.5]", "tensor([0.4795])")
erfinv = _unary("erfinv", _sp_erfinv, "[0.5]", "tensor([0.4769])")
digamma = _unary("digamma", _sp_digamma, "[1.0]", "tensor([-0.5772])")
lgamma = _unary("lgamma", _sp_gammaln, "[3.0]", "tensor([0.6931])")
i0 = _unary("i0", _sp_i0, "[1.0]", "tensor([1.2661])")
sinc = _unary("sinc", fnp.sinc, "[0.5]", "tensor([0.6366])")
frac = _unary("frac", lambda x: fnp.subtract(x, fnp.trunc(x)), "[-1.5]", "tensor([-0.5000])")
fix = _unary("fix", fnp.trunc, "[-1.5]", "tensor([-1.])")
# PyTorch's sgn has a zero derivative (for real tensors) but records a node.
sgn = _unary("sgn", lambda x: fnp.add(fnp.sign(x), fnp.multiply(x, 0.0)), "[-2.0]",
             "tensor([-1.])")

atan2 = _binary_op("atan2", fnp.arctan2, "torch.tensor([1.0]), torch.tensor([1.0])",
                   "tensor([0.7854])")
arctan2 = atan2
hypot = _binary_op("hypot", fnp.hypot, "torch.tensor([3.0]), torch.tensor([4.0])",
                   "tensor([5.])")
logaddexp = _binary_op("logaddexp", fnp.logaddexp, "torch.tensor([0.0]), torch.tensor([0.0])",
                       "tensor([0.6931])")
logaddexp2 = _binary_op("logaddexp2", fnp.logaddexp2,
                        "torch.tensor([0.0]), torch.tensor([0.0])", "tensor([1.])")
copysign = _binary_op("copysign", fnp.copysign, "torch.tensor([2.0]), -1.0", "tensor([-2.])")
xlogy = _binary_op("xlogy", _sp_xlogy, "torch.tensor([2.0]), torch.tensor([1.0])",
                   "tensor([0.])")
def fmod(input, other):
    """C's remainder (the sign of the dividend); an integer ``fmod`` by zero raises, as PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fmod(torch.tensor([-3.0, 3.0]), 2)
    tensor([-1.,  1.])
    """
    dt, a, b, xs = _binary(input, other)
    check_integer_divisor(dt, _value(b), "fmod")
    return record("fmod", fnp.fmod(a, b), xs)
fmax = _binary_op("fmax", fnp.fmax, "torch.tensor([1.0, float('nan')]), torch.tensor([2.0, 0.0])",
                  "tensor([2., 0.])", floating=False)
fmin = _binary_op("fmin", fnp.fmin, "torch.tensor([1.0, float('nan')]), torch.tensor([2.0, 0.0])",
                  "tensor([1., 0.])", floating=False)


def logit(input, eps=None):
    """``log(p / (1 - p))``, with ``p`` clamped to ``[eps, 1 - eps]`` when ``eps`` is given.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.logit(torch.tensor([0.25]))
    tensor([-1.0986])
    """
    x = _t(input)
    node = _float_node(x)
    if eps is not None:
        node = fnp.clip(node, eps, 1 - eps)
    return record("logit", _sp_logit(node), (x,))


def nan_to_num(input, nan=0.0, posinf=None, neginf=None):
    """NaN, +inf and -inf replaced by ``nan`` and the dtype's largest/smallest values.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nan_to_num(torch.tensor([float('nan'), 1.0]))
    tensor([0., 1.])
    """
    x = _t(input)
    return record("nan_to_num", fnp.nan_to_num(x._node, nan=nan, posinf=posinf, neginf=neginf),
                  (x,))


def _nodes(*values):
    """Tensors as nodes (in a common floating dtype), numbers as they are."""
    out = []
    for v in values:
        out.append(_float_node(v) if isinstance(v, Tensor) else v)
    return out


def addcmul(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 * tensor2``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addcmul(torch.ones(2), torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), value=0.5)
    tensor([2.5000, 5.0000])
    """
    a, b, c = _nodes(input, tensor1, tensor2)
    out = fnp.add(a, fnp.multiply(value, fnp.multiply(b, c)))
    return record("addcmul", out, (input, tensor1, tensor2))


def addcdiv(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 / tensor2``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.addcdiv(torch.ones(2), torch.tensor([1.0, 2.0]), torch.tensor([2.0, 4.0]))
    tensor([1.5000, 1.5000])
    """
    a, b, c = _nodes(input, tensor1, tensor2)
    out = fnp.add(a, fnp.multiply(value, fnp.true_divide(b, c)))
    return record("addcdiv", out, (input, tensor1, tensor2))


def lerp(input, end, weight):
    """``input + weight * (end - input)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.lerp(torch.zeros(2), torch.tensor([2.0, 4.0]), 0.5)
    tensor([1., 2.])
    """
    a, b, w = _nodes(input, end, weight)
    out = fnp.add(a, fnp.multiply(w, fnp.subtract(b, a)))
    key = "lerp_tensor" if isinstance(weight, Tensor) else "lerp"
    inputs = (input, end, weight) if isinstance(weight, Tensor) else (input, end)
    return record(key, out, inputs)


def positive(input):
    """``input`` itself (``+input``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.positive(torch.tensor([-1.0]))
    tensor([-1.])
    """
    return input


def signbit(input):
    """Whether the sign bit is set (true for ``-0.0``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.signbit(torch.tensor([-0.0, 1.0]))
    tensor([ True, False])
    """
    return Tensor._from_node(fnp.signbit(_t(input)._node))


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------

SortReturn = namedtuple("sort", ["values", "indices"])
SortReturn.__module__ = "torch.return_types"
TopkReturn = namedtuple("topk", ["values", "indices"])
TopkReturn.__module__ = "torch.return_types"
KthvalueReturn = namedtuple("kthvalue", ["values", "indices"])
KthvalueReturn.__module__ = "torch.return_types"
ModeReturn = namedtuple("mode", ["values", "indices"])
ModeReturn.__module__ = "torch.return_types"
MedianReturn = namedtuple("median", ["values", "indices"])
MedianReturn.__module__ = "torch.return_types"


def _ret_repr(self):
    return (f"torch.return_types.{type(self).__name__}(\nvalues={self.values!r},\n"
            f"indices={self.indices!r})")


for _cls in (SortReturn, TopkReturn, KthvalueReturn, ModeReturn, MedianReturn):
    _cls.__repr__ = _ret_repr


def _gather(x: Tensor, idx, dim: int, key: str) -> Tensor:
    """``x``'s values at ``idx`` along ``dim`` (differentiable: the kernel's take_along_axis)."""
    return record(key, fnp.take_along_axis(x._node, as_constant(idx), axis=dim), (x,))


def _dim(dim: int, ndim: int) -> int:
    n = builtins.max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    return dim % n


def sort(input, dim=-1, descending=False, stable=False):
    """Sorted values and their indices along ``dim`` (gradients flow to the values).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.sort(torch.tensor([3.0, 1.0, 2.0]))
    torch.return_types.sort(
    values=tensor([1., 2., 3.]),
    indices=tensor([1, 2, 0]))
    """
    x = _t(input)
    if x.dim() == 0:
        return SortReturn(x.clone(), index_tensor(np.zeros((), np.int64)))
    d = _dim(dim, x.dim())
    idx = _argsort(peek_value(x._node), d, descending)
    return SortReturn(_gather(x, idx, d, "sort"), index_tensor(idx))


def _argsort(a, dim: int, descending: bool):
    """Stable sorting indices of ``a`` (an array, or a traced value NumPy dispatches on)."""
    if descending:  # stable: equal values keep their order
        return np.argsort(~a if a.dtype.kind == "b" else -a, axis=dim, kind="stable")
    return np.argsort(a, axis=dim, kind="stable")


def argsort(input, dim=-1, descending=False, stable=False):
    """The indices that sort ``input`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.argsort(torch.tensor([3.0, 1.0, 2.0]), descending=True)
    tensor([0, 2, 1])
    """
    return sort(input, dim, descending, stable).indices


def msort(input):
    """``input`` sorted along its first dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.msort(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor([[1., 1.],
            [2., 3.]])
    """
    return sort(input, 0).values


def topk(input, k, dim=-1, largest=True, sorted=True):
    """The ``k`` largest (or smallest) values along ``dim`` and their indices.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.topk(torch.tensor([1.0, 5.0, 3.0]), 2)
    torch.return_types.topk(
    values=tensor([5., 3.]),
    indices=tensor([1, 2]))
    """
    x = _t(input)
    d = _dim(dim, x.dim())
    if not 0 <= k <= (x.shape[d] if x.dim() else 1):
        raise RuntimeError("selected index k out of range")
    idx = _argsort(peek_value(x._node), d, largest)
    idx = np.take(idx, np.arange(k), axis=d)
    return TopkReturn(_gather(x, idx, d, "topk"), index_tensor(idx))


def kthvalue(input, k, dim=-1, keepdim=False):
    """The ``k``-th smallest value along ``dim`` (1-based) and its index.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.kthvalue(torch.tensor([3.0, 1.0, 2.0]), 2)
    torch.return_types.kthvalue(
    values=tensor(2.),
    indices=tensor(2))
    """
    x = _t(input)
    d = _dim(dim, x.dim())
    idx = np.take(_argsort(peek_value(x._node), d, False), [k - 1], axis=d)
    return _reduced(KthvalueReturn, x, idx, d, keepdim, "kthvalue")


def _reduced(kind, x, idx, d, keepdim, key):
    values = fnp.take_along_axis(x._node, as_constant(idx), axis=d)
    if not keepdim:
        values = fnp.squeeze(values, axis=d)
        idx = np.squeeze(idx, d)
    return kind(record(key, values, (x,)), index_tensor(idx))


def median(input, dim=None, keepdim=False):
    """The lower median (of all values, or along ``dim`` with its index), as PyTorch's.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.median(torch.tensor([3.0, 1.0, 2.0, 4.0]))
    tensor(2.)
    """
    x = _t(input)
    if x.dtype.np.kind in "bc":
        kind = x.dtype._legacy[: -len("Tensor")]  # Bool, ComplexFloat, ...
        raise NotImplementedError(f"\"median_cpu\" not implemented for '{kind}'")
    if dim is None:
        flat = fnp.reshape(x._node, (-1,))
        i = np.take(np.argsort(peek_value(flat), kind="stable"), [(x.numel() - 1) // 2])
        value = fnp.reshape(fnp.take_along_axis(flat, as_constant(i), axis=0), ())
        return record("median", value, (x,))
    d = _dim(dim, x.dim())
    n = x.shape[d] if x.dim() else 1
    idx = np.take(_argsort(peek_value(x._node), d, False), [(n - 1) // 2], axis=d)
    return _reduced(MedianReturn, x, idx, d, keepdim, "median_dim")


def mode(input, dim=-1, keepdim=False):
    """The most frequent value along ``dim`` (the smallest of ties) and an index of it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.mode(torch.tensor([1.0, 2.0, 2.0, 3.0]))
    torch.return_types.mode(
    values=tensor(2.),
    indices=tensor(2))
    """
    x = _t(input)
    d = _dim(dim, x.dim())
    a = np.moveaxis(x._array(), d, -1)
    flat = a.reshape(-1, a.shape[-1])
    out = np.empty(flat.shape[0], np.int64)
    for r, row in enumerate(flat):
        values, counts = np.unique(row, return_counts=True)
        best = values[np.argmax(counts)]
        out[r] = np.nonzero(row == best)[0][-1]
    idx = np.expand_dims(out.reshape(a.shape[:-1]), d)
    return _reduced(ModeReturn, x, idx, d, keepdim, "mode")


# ---------------------------------------------------------------------------
# Other operations
# ---------------------------------------------------------------------------


def tril(input, diagonal=0):
    """The lower triangle (below ``diagonal``); the rest zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tril(torch.ones(2, 2))
    tensor([[1., 0.],
            [1., 1.]])
    """
    x = _t(input)
    return record("tril", fnp.tril(x._node, diagonal), (x,))


def triu(input, diagonal=0):
    """The upper triangle (above ``diagonal``); the rest zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.triu(torch.ones(2, 2))
    tensor([[1., 1.],
            [0., 1.]])
    """
    x = _t(input)
    return record("triu", fnp.triu(x._node, diagonal), (x,))


def roll(input, shifts, dims=None):
    """Elements shifted along ``dims`` (wrapping around).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.roll(torch.tensor([1.0, 2.0, 3.0]), 1)
    tensor([3., 1., 2.])
    """
    x = _t(input)
    return record("roll", fnp.roll(x._node, shifts, axis=dims), (x,))


def cumprod(input, dim, *, dtype=None):
    """Cumulative product along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cumprod(torch.tensor([1.0, 2.0, 3.0]), 0)
    tensor([1., 2., 6.])
    """
    x = _t(input)
    n = x._node
    if dtype is not None or n.primal.dtype.kind in "biu":
        # PyTorch multiplies in ``dtype``, or in int64 for bools and integers.
        dt = _dtypes.to_numpy(dtype) if dtype is not None else np.dtype(np.int64)
        n = n if n.primal.dtype == dt else fnp.astype(n, dt)
    return record("cumprod", fnp.cumprod(n, axis=dim), (x,))


def diff(input, n=1, dim=-1, prepend=None, append=None):
    """The ``n``-th forward difference along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.diff(torch.tensor([1.0, 4.0, 9.0]))
    tensor([3., 5.])
    """
    x = _t(input)
    parts = [p for p in (prepend, x, append) if p is not None]
    if len(parts) > 1:
        x = cat(parts, dim)
    for _ in range(n):
        length = x.shape[dim]
        idx_hi = [slice(None)] * x.dim()
        idx_lo = [slice(None)] * x.dim()
        idx_hi[dim] = slice(1, length)
        idx_lo[dim] = slice(0, length - 1)
        x = x[tuple(idx_hi)] - x[tuple(idx_lo)]
    return x


def ravel(input):
    """``input`` flattened to one dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ravel(torch.ones(2, 2))
    tensor([1., 1., 1., 1.])
    """
    return _t(input).reshape(-1)


def fliplr(input):
    """Reversed along dimension 1.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fliplr(torch.tensor([[1.0, 2.0]]))
    tensor([[2., 1.]])
    """
    return _t(input).flip(1)


def flipud(input):
    """Reversed along dimension 0.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.flipud(torch.tensor([[1.0], [2.0]]))
    tensor([[2.],
            [1.]])
    """
    return _t(input).flip(0)


def einsum(equation, *operands):
    """Einstein summation (operands as separate arguments or one list).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.einsum("ij,j->i", torch.ones(2, 3), torch.tensor([1.0, 2.0, 3.0]))
    tensor([6., 6.])
    """
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    ts = [_t(o) for o in operands]
    return record("einsum", fnp.einsum(equation, *[t._node for t in ts]), tuple(ts))


def atleast_1d(*tensors):
    """Each tensor with at least one dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.atleast_1d(torch.tensor(1.0))
    tensor([1.])
    """
    return _atleast(tensors, 1)


def atleast_2d(*tensors):
    """Each tensor with at least two dimensions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.atleast_2d(torch.tensor([1.0]))
    tensor([[1.]])
    """
    return _atleast(tensors, 2)


def atleast_3d(*tensors):
    """Each tensor with at least three dimensions.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.atleast_3d(torch.tensor([1.0])).shape
    torch.Size([1, 1, 1])
    """
    return _atleast(tensors, 3)


def _atleast(tensors, n):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    out = []
    for t in tensors:
        t = _t(t)
        if t.dim() < n:
            if n == 3 and t.dim() == 2:
                t = t.unsqueeze(-1)
            elif n == 3 and t.dim() == 1:
                t = t.reshape(1, -1, 1)
            else:
                t = t.reshape((1,) * (n - t.dim()) + tuple(t.shape))
        out.append(t)
    return out[0] if len(out) == 1 else tuple(out)


def broadcast_tensors(*tensors):
    """The tensors broadcast to their common shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> [t.shape for t in torch.broadcast_tensors(torch.ones(2, 1), torch.ones(3))]
    [torch.Size([2, 3]), torch.Size([2, 3])]
    """
    shape = Size(np.broadcast_shapes(*[tuple(_t(t).shape) for t in tensors]))
    return tuple(_t(t).expand(shape) for t in tensors)


def broadcast_shapes(*shapes):
    """The shape that ``shapes`` broadcast to.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.broadcast_shapes((2, 1), (3,))
    torch.Size([2, 3])
    """
    return Size(np.broadcast_shapes(*[(s,) if isinstance(s, int) else tuple(s) for s in shapes]))


def meshgrid(*tensors, indexing="ij"):
    """Coordinate grids (``indexing="ij"`` or ``"xy"``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> [g.shape for g in torch.meshgrid(torch.ones(2), torch.ones(3), indexing="ij")]
    [torch.Size([2, 3]), torch.Size([2, 3])]
    """
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    ts = [_t(t) for t in tensors]
    shape = [t.numel() for t in ts]
    if indexing == "xy" and len(ts) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    out = []
    for i, t in enumerate(ts):
        view = [1] * len(ts)
        pos = i
        if indexing == "xy" and len(ts) >= 2 and i < 2:
            pos = 1 - i
        view[pos] = t.numel()
        out.append(t.reshape(view).expand(shape))
    return tuple(out)


# ---------------------------------------------------------------------------
# What the documented tables list and funcgrad does not have
# ---------------------------------------------------------------------------

# Functions of PyTorch's "Pointwise", "Reduction", "Comparison" and "Other"
# tables (docs/source/torch.rst) that funcgrad.torch does not provide: using one
# raises NotImplementedError naming it (an AttributeError too, so hasattr() is False).
NOT_IMPLEMENTED = frozenset("""
angle bitwise_left_shift bitwise_right_shift conj_physical fake_quantize_per_channel_affine
fake_quantize_per_tensor_affine frexp gradient igamma igammac ldexp nanmedian
nextafter isposinf isneginf isreal corrcoef cov gcd histogram lcm renorm rot90 vander
view_as_real view_as_complex resolve_conj resolve_neg
""".split())


class NotImplementedInFuncgrad(NotImplementedError, AttributeError):
    """A PyTorch function or method funcgrad.torch does not have (yet).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> hasattr(torch, "rot90")
    False
    """


def missing(name: str, where: str = "torch") -> NotImplementedInFuncgrad:
    return NotImplementedInFuncgrad(
        f"{where}.{name} is not implemented in funcgrad.torch; write it from the available "
        "operations (they are differentiable), or from funcgrad.numpy on the tensor's arrays."
    )


PUBLIC = [
    "asin", "acos", "atan", "asinh", "acosh", "atanh", "arcsin", "arccos", "arctan", "arcsinh",
    "arccosh", "arctanh", "deg2rad", "rad2deg", "erf", "erfc", "erfinv", "digamma", "lgamma",
    "i0", "sinc", "frac", "fix", "sgn", "atan2", "arctan2", "hypot", "logaddexp", "logaddexp2",
    "copysign", "xlogy", "fmod", "fmax", "fmin", "logit", "nan_to_num", "addcmul", "addcdiv",
    "lerp", "positive", "signbit", "sort", "argsort", "msort", "topk", "kthvalue", "median",
    "mode", "tril", "triu", "roll", "cumprod", "diff", "ravel", "fliplr", "flipud", "einsum",
    "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_tensors", "broadcast_shapes",
    "meshgrid",
]

# Those that are Tensor methods too (Tensor.sort, Tensor.asin, ...).
METHODS = [
    n for n in PUBLIC
    if n not in ("einsum", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_tensors",
                 "broadcast_shapes", "meshgrid", "atan2", "arctan2")
] + ["atan2", "arctan2"]

del Any
