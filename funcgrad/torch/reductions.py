"""Reductions of the torch face: sum, mean, var, std, norm, max, softmax, cumsum, trace
(the products, dot/mm/matmul, are in :mod:`funcgrad.torch.products`).

``max(dim)`` gives its whole derivative to the index it returns, ``norm`` and
``std`` have derivative 0 at a degenerate point: PyTorch's answers, built from
the kernel's primitives.
"""

from __future__ import annotations

import builtins
import collections

import numpy as np

from .. import numpy as fnp
from ..primitives.elementwise import abs_squared, absolute_p
from ..primitives.nn import log_softmax_p, softmax_p
from ..primitives.shape import normalize_axis, sum_p
from . import _dtypes, _fast
from ._graph import apply, constant
from ._operands import (
    _check_tensor,
    _dims,
    _float_node,
    _t,
    as_constant,
    index_tensor,
    peek_value,
)
from .elementwise import maximum, minimum
from .tensor import Tensor, _wrap_dim, record, scalar_type_name

_Number = (int, float, complex, bool, np.number, np.bool_)


def _accumulating(x: Tensor, dtype) -> object:
    """``x``'s node in the dtype a sum or product accumulates in, as PyTorch.

    ``dtype=`` if given; else int64 for bool and integer tensors (so
    ``(t > 0).cumsum(0)`` counts and uint8 sums do not wrap around).
    """
    n = x._node
    if dtype is not None:
        dt = _dtypes.to_numpy(dtype)
    elif n.primal.dtype.kind in "biu":
        dt = np.dtype(np.int64)
    else:
        return n
    return n if n.primal.dtype == dt else fnp.astype(n, dt)


def _in_dtype(out, dt: np.dtype):
    """``out`` (a node) in dtype ``dt``: NumPy sums small integers in int64."""
    return out if out.primal.dtype == dt else fnp.astype(out, dt)


def _not_complex(x: Tensor, kernel: str) -> None:
    if x.dtype.np.kind == "c":
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{scalar_type_name(x.dtype)}'"
        )


def _floating_only(x: Tensor, message: str) -> None:
    if x.dtype.np.kind not in "fc":
        raise RuntimeError(message.format(scalar_type_name(x.dtype)))

# ---------------------------------------------------------------------------
# Reductions
# ---------------------------------------------------------------------------


def sum(input, dim=None, keepdim=False, *, dtype=None, axis=None):  # noqa: A001
    """Sum of all elements, or over ``dim``; integers and bools sum to int64.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).sum(dim=0)
    tensor([4., 6.])
    """
    x = input if type(input) is Tensor else _check_tensor(input, "sum")
    dim = axis if dim is None else dim
    n = _accumulating(x, dtype)
    ndim = n.primal.ndim
    if dim is None or ndim == 0:
        axes = tuple(range(ndim))
    else:
        axes = normalize_axis(_dims(dim, ndim), ndim)
    key = "sum" if dim is None else "sum_dim"
    if n is x._node:  # a floating tensor summed in its dtype
        out = _fast.unary(key, sum_p, x, {"axis": axes, "keepdims": bool(keepdim)})
        if out is not None:
            return out
    out = _in_dtype(apply(sum_p, n, axis=axes, keepdims=bool(keepdim)), n.primal.dtype)
    return record(key, out, (x,))


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    """Sum treating NaN as zero; integers and bools sum to int64, as :func:`sum`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, float("nan"), 2.0]).nansum()
    tensor(3.)
    """
    x = _check_tensor(input, "nansum")
    if x.dtype.np.kind == "c":
        raise RuntimeError("nansum on CPU does not support complex inputs")
    n = _accumulating(x, dtype)
    if n.primal.dtype.kind == "f":
        n = fnp.where(fnp.isnan(n), np.zeros((), n.primal.dtype), n)
    ndim = n.primal.ndim
    if dim is None or ndim == 0:
        axes = tuple(range(ndim))
    else:
        axes = normalize_axis(_dims(dim, ndim), ndim)
    out = _in_dtype(apply(sum_p, n, axis=axes, keepdims=bool(keepdim)), n.primal.dtype)
    return record("nansum", out, (x,))


def nanmean(input, dim=None, keepdim=False, *, dtype=None):
    """Mean of the elements that are not NaN (floating tensors only, as PyTorch).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, float("nan"), 2.0]).nanmean()
    tensor(1.5000)
    """
    x = _check_tensor(input, "nanmean")
    _floating_only(
        x, "nanmean(): expected input to have floating point or complex dtype but got {}"
    )
    total = nansum(x, dim, keepdim, dtype=dtype)
    count = count_nonzero(x.isnan().logical_not(), dim)
    if keepdim and dim is not None:
        count = count.reshape(total.shape)
    return total / count


def count_nonzero(input, dim=None):
    """The number of nonzero elements, over everything or along ``dim`` (int64).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.count_nonzero(torch.tensor([[0, 1], [2, 0]]), dim=0)
    tensor([1, 1])
    """
    x = _check_tensor(input, "count_nonzero")
    a = x._array()
    axes = None if dim is None or a.ndim == 0 else _dims(dim, a.ndim)
    return Tensor._from_node(constant(np.asarray(np.count_nonzero(a, axis=axes), np.int64)))


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
    """The NumPy face's ``var`` (its ``ddof`` is PyTorch's ``correction``)."""
    n = _float_node(x)
    axes = _dims(dim, x.ndim) if x.ndim else None
    return fnp.var(n, axis=axes, ddof=correction, keepdims=keepdim)


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
    _floating_only(x, "std and var only support floating point and complex dtypes")
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
    _floating_only(x, "std and var only support floating point and complex dtypes")
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
    if dtype is None:
        _floating_only(
            x, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}"
        )
    n = _float_node(x) if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    axes = _dims(dim, x.ndim) if x.ndim else None
    if p in ("fro", 2, 2.0, None):
        out = _safe_sqrt(fnp.sum(abs_squared(n), axis=axes, keepdims=keepdim))
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
    """Product of all elements, or along ``dim``.

    Built from the kernel's multiplications, so its derivative is right even
    where an element is zero.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 0.0]], requires_grad=True)
    >>> torch.prod(x), x.prod(dim=1)
    (tensor(0., grad_fn=<ProdBackward0>), tensor([2., 0.], grad_fn=<ProdBackward1>))
    >>> x.prod().backward(); x.grad
    tensor([[0., 0.],
            [0., 6.]])
    """
    x = _check_tensor(input, "prod")
    n = _accumulating(x, dtype)
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
    return record("prod" if dim is None else "prod_dim", out, (x,))


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
    _not_complex(x, f"{name}_all" if dim is None else name)
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
    if not x.ndim:
        picked, arg = n, np.zeros((), np.int64)
    else:
        # The index from the values (traced under torch.func.vmap); along a dim PyTorch
        # gives the whole derivative to the one index it returns.
        find = np.argmax if name == "max" else np.argmin
        arg = np.expand_dims(find(peek_value(n), axis=axis), axis)
        picked = fnp.take_along_axis(n, as_constant(arg), axis=axis)
        if not keepdim:
            picked, arg = fnp.squeeze(picked, axis), np.squeeze(arg, axis)
    result = _MaxResult(record(f"{name}_dim", picked, (x,)), index_tensor(arg))
    if name == "min":
        result = _MinResult(*result)
    return result


class _MinResult(_MaxResult):
    __slots__ = ()
    _name = "min"


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
    """The minimum; ``min(x, dim)`` returns ``(values, indices)``; ``min(x, y)`` is ``minimum``.

    Over all elements, tied minima share the derivative evenly; along ``dim``
    it all goes to the returned index (PyTorch's behaviour).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[3.0, 1.0], [2.0, 4.0]])
    >>> torch.min(x)
    tensor(1.)
    >>> torch.min(x, dim=1)
    torch.return_types.min(
    values=tensor([1., 2.]),
    indices=tensor([1, 0]))
    """
    return _extreme("min", input, dim, keepdim, other=other)


def _amax_amin(name: str, fn, input, dim, keepdim):
    x = _check_tensor(input, name)
    _not_complex(x, f"{name[1:]}_values_cpu")
    axes = None if dim == () or dim is None else _dims(dim, x.ndim)
    return record(name, fn(x._node, axis=axes, keepdims=keepdim), (x,))


def amax(input, dim=(), keepdim=False):
    """Maximum over ``dim`` (all dims by default), values only; tied maxima share the derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 5.0], [5.0, 2.0]], requires_grad=True)
    >>> torch.amax(x, dim=0)
    tensor([5., 5.], grad_fn=<AmaxBackward0>)
    >>> x.amax().backward(); x.grad
    tensor([[0.0000, 0.5000],
            [0.5000, 0.0000]])
    """
    return _amax_amin("amax", fnp.amax, input, dim, keepdim)


def amin(input, dim=(), keepdim=False):
    """Minimum over ``dim`` (all dims by default), values only; tied minima share the derivative.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.amin(torch.tensor([[1.0, 5.0], [0.0, 2.0]]), dim=1)
    tensor([1., 0.])
    """
    return _amax_amin("amin", fnp.amin, input, dim, keepdim)


def _arg_extreme(fn, input, dim, keepdim):
    a = peek_value(_t(input)._node)
    if a.dtype.kind in "bc":
        kind = "bool" if a.dtype.kind == "b" else "complex"
        raise RuntimeError(f"{fn.__name__}(): does not support {kind} input")
    r = fn(a) if dim is None else fn(a, axis=dim)
    if keepdim and dim is not None:
        r = np.expand_dims(r, dim)
    return index_tensor(r)


def argmax(input, dim=None, keepdim=False, *, axis=None):
    """The index of the (first) maximum, in the flattened tensor or along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 5.0, 5.0], [7.0, 2.0, 3.0]])
    >>> torch.argmax(x), torch.argmax(x, dim=1)
    (tensor(3), tensor([1, 0]))
    """
    return _arg_extreme(np.argmax, input, axis if dim is None else dim, keepdim)


def argmin(input, dim=None, keepdim=False, *, axis=None):
    """The index of the (first) minimum, in the flattened tensor or along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1.0, 5.0, 0.0], [7.0, 2.0, 3.0]])
    >>> torch.argmin(x), torch.argmin(x, dim=1, keepdim=True)
    (tensor(2), tensor([[2],
            [1]]))
    """
    return _arg_extreme(np.argmin, input, axis if dim is None else dim, keepdim)


def logsumexp(input, dim, keepdim=False):
    """``log(sum(exp(x)))`` over ``dim``, shifted by the (constant) maximum for stability.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[0.0, 0.0], [1000.0, 1000.0]])
    >>> torch.logsumexp(x, dim=1)
    tensor([6.9315e-01, 1.0007e+03])
    """
    x = _check_tensor(input, "logsumexp")
    n = _float_node(x)
    axes = _dims(dim, x.ndim)
    m = np.max(peek_value(n), axis=axes, keepdims=True)
    m = as_constant(np.where(np.isfinite(m), m, 0).astype(n.dtype))
    s = fnp.sum(fnp.exp(fnp.subtract(n, m)), axis=axes, keepdims=True)
    out = fnp.add(fnp.log(s), m)
    if not keepdim:
        out = fnp.squeeze(out, axes)
    return record("logsumexp", out, (x,))


def _softmax_input(name: str, input, dim, dtype):
    """``(x, its node in the requested dtype, axes)`` for softmax and log_softmax."""
    x = _check_tensor(input, name)
    n = _float_node(x) if dtype is None else fnp.astype(x._node, _dtypes.to_numpy(dtype))
    return x, n, _dims(dim, x.ndim)


def softmax(input, dim, dtype=None):
    """``exp(x) / sum(exp(x))`` along ``dim`` (computed with the maximum subtracted).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.softmax(torch.tensor([[0.0, 0.0], [1000.0, 1000.0]]), dim=1)
    tensor([[0.5000, 0.5000],
            [0.5000, 0.5000]])
    """
    x, n, axes = _softmax_input("softmax", input, dim, dtype)
    return record("softmax", softmax_p.bind(n, axis=axes), (x,))


def log_softmax(input, dim, dtype=None):
    """``x - logsumexp(x)`` along ``dim``: the logarithm of :func:`softmax`, without overflow.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.log_softmax(torch.tensor([0.0, 0.0, 0.0, 0.0]), dim=0)
    tensor([-1.3863, -1.3863, -1.3863, -1.3863])
    """
    x, n, axes = _softmax_input("log_softmax", input, dim, dtype)
    return record("log_softmax", log_softmax_p.bind(n, axis=axes), (x,))


def cumsum(input, dim, *, dtype=None):
    """Cumulative sum along ``dim`` (as a sum of the prefixes).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> torch.cumsum(x, dim=0)
    tensor([1., 3., 6.], grad_fn=<CumsumBackward0>)
    >>> x.cumsum(0).sum().backward(); x.grad
    tensor([3., 2., 1.])
    """
    x = _check_tensor(input, "cumsum")
    n = _accumulating(x, dtype)
    axis = _wrap_dim(dim, x.ndim)
    size = x.shape[axis] if x.ndim else 1
    # A lower-triangular matrix of ones along the axis: out = moveaxis(tri @ moveaxis(x)).
    tri = np.tril(np.ones((size, size), n.dtype))
    moved = fnp.moveaxis(n, axis, -1) if x.ndim else fnp.reshape(n, (1,))
    out = fnp.matmul(moved, tri.T)
    out = fnp.moveaxis(out, -1, axis) if x.ndim else fnp.reshape(out, ())
    return record("cumsum", out, (x,))


def trace(input):
    """The sum of the diagonal of a matrix.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.trace(torch.arange(9.0).reshape(3, 3))
    tensor(12.)
    """
    x = _check_tensor(input, "trace")
    if x.dtype.np.kind == "b":
        raise NotImplementedError("\"trace\" not implemented for 'Bool'")
    k = builtins.min(x.shape)
    idx = np.arange(k)
    n = _accumulating(x, None)
    return record("trace", _in_dtype(fnp.sum(fnp.getitem(n, (idx, idx))), n.primal.dtype), (x,))
