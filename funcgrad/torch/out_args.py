"""``out=``: PyTorch's output arguments, for every function that has one in PyTorch.

``torch.add(x, y, out=r)`` writes the result into ``r`` and returns ``r``, as
PyTorch does:

* ``r`` is resized when its shape differs (with PyTorch's deprecation warning
  when it had elements), its version counter moves, a view writes through to
  its base;
* the result must cast to ``r``'s dtype by PyTorch's rule (no complex to real,
  floating to integer, or anything but bool to bool): ``result type Float
  can't be cast to the desired output type Long``; factories without
  ``dtype=`` make ``r``'s dtype, and a ``dtype=`` that differs is an error;
* with grad mode on, an input or ``r`` that requires grad is an error (PyTorch
  does not differentiate through ``out=``);
* operations with several results (``max(x, dim)``, ``sort``, ``topk``,
  ``linalg.eigh``, ...) take a tuple of tensors and return them.

One table, :data:`OUT_FUNCTIONS`, names the functions of each namespace
(``funcgrad.torch``, ``.fft``, ``.linalg``, ``.special``); :func:`install`
gives each of them ``out=`` through one wrapper, :func:`with_out`. A function
whose own signature has ``out`` (the hot ones: ``add``, ``mul``, ``matmul``,
...) passes it to :func:`write_out` itself, so a call without ``out=`` costs
no extra Python frame.
"""

from __future__ import annotations

import functools
import inspect
import types
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _dtypes
from ._graph import is_grad_enabled, leaf, no_grad
from .promotion import can_cast
from .tensor import Tensor, scalar_type_name

# ---------------------------------------------------------------------------
# The table: PyTorch 2.13's functions with ``out=``, by namespace (checked by
# calling each with ``out=`` in PyTorch; tests/torch/test_out_args.py keeps it true)
# ---------------------------------------------------------------------------

OUT_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "": tuple("""
abs absolute acos acosh add addbmm addcdiv addcmul addmm addmv addr all amax amin any arange
arccos arccosh arcsin arcsinh arctan arctan2 arctanh argmax argmin asin asinh atan atan2
atanh baddbmm bernoulli bitwise_and bitwise_not bitwise_or bitwise_xor bmm bucketize cat
ceil chain_matmul cholesky cholesky_inverse cholesky_solve clamp clamp_max clamp_min clip
concat concatenate copysign cos cosh cross cummax cummin cumprod cumsum deg2rad diag diff
digamma div divide dot empty eq erf erfc erfinv exp exp2 expm1 eye fix float_power floor
floor_divide fmax fmin fmod frac full gather ge ger greater greater_equal gt histc hstack
hypot i0 index_add index_copy index_select inner inverse isin kron kthvalue le lerp less
less_equal lgamma linspace log log10 log1p log2 log_softmax logaddexp logaddexp2
logcumsumexp logical_and logical_not logical_or logical_xor logit logspace logsumexp lt
masked_select matmul matrix_power max maximum mean median min minimum mm mode msort mul
multinomial multiply mv mvlgamma nan_to_num nanmean nanquantile nansum ne neg negative
nonzero norm normal not_equal ones outer polygamma pow prod quantile rad2deg rand randint
randn randperm reciprocal remainder round rsqrt scatter scatter_add scatter_reduce
searchsorted sgn sigmoid sign signbit sin sinc sinh slogdet softmax sort sqrt square stack
std sub subtract sum svd take take_along_dim tan tanh tensordot topk tril triu true_divide
trunc var vstack where xlogy zeros
""".split()),
    "fft": tuple("""
fft fft2 fftfreq fftn hfft ifft ifft2 ifftn ihfft irfft irfft2 irfftn rfft rfft2 rfftfreq
rfftn
""".split()),
    "linalg": tuple("""
cholesky cholesky_ex cond cross det eig eigh eigvals eigvalsh inv inv_ex lstsq matmul
matrix_norm matrix_power matrix_rank multi_dot norm pinv qr slogdet solve solve_triangular
svd svdvals tensorinv tensorsolve vecdot vector_norm
""".split()),
    "special": tuple("""
digamma entr erf erfc erfcx erfinv exp2 expit expm1 gammainc gammaincc gammaln i0 i0e i1 i1e
log1p log_ndtr logit logsumexp multigammaln ndtr ndtri polygamma psi round sinc xlog1py
xlogy zeta
""".split()),
}

# Factories: without ``dtype=`` they make ``out``'s dtype; ``requires_grad=`` applies to ``out``.
FACTORIES = frozenset("""
arange empty eye full linspace logspace ones rand randint randn randperm zeros fftfreq
rfftfreq
""".split())

_NO_AUTOGRAD = ("{}(): functions with out=... arguments don't support automatic "
                "differentiation, but one of the arguments requires grad.")
_RESIZED = ("An output with one or more elements was resized since it had shape {}, which "
            "does not match the required output shape {}. This behavior is deprecated, and in "
            "a future PyTorch release outputs will not be resized unless they have zero "
            "elements. You can explicitly reuse an out tensor t by resizing it, inplace, to "
            "zero elements with t.resize_(0).")


# ---------------------------------------------------------------------------
# Writing a result into ``out``
# ---------------------------------------------------------------------------

def write_out(name: str, result: Any, out: Any) -> Any:
    """Write ``result`` (a tensor, or a tuple of them) into ``out``; return ``out``.

    Parameters
    ----------
    name : str
        The function's name, for error messages (``"add"``).
    result : Tensor or tuple of Tensor
        What the function computed.
    out : Tensor or tuple of Tensor
        Where the user asked for it.

    Returns
    -------
    Tensor or tuple of Tensor
        ``out`` (a tuple of the result's kind for several results).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.out_args import write_out
    >>> r = torch.empty(2)
    >>> write_out("add", torch.tensor([1.0, 2.0]), r) is r, r
    (True, tensor([1., 2.]))
    """
    if isinstance(result, tuple):
        if not (isinstance(out, (tuple, list)) and all(isinstance(o, Tensor) for o in out)):
            raise TypeError(f"{name}(): argument 'out' must be tuple of Tensors, not "
                            f"{type(out).__name__}")
        if len(out) != len(result):
            raise TypeError(f"{name}(): argument 'out' must be a tuple of {len(result)} "
                            f"Tensors, not of {len(out)}")
        _check_grad(name, result, out)
        for r, o in zip(result, out):
            _write(name, r, o)
        return type(result)(*out) if hasattr(result, "_fields") else tuple(out)
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    _check_grad(name, (result,), (out,))
    _write(name, result, out)
    return out


def _check_grad(name: str, results: tuple, outs: Any) -> None:
    if is_grad_enabled() and (any(isinstance(r, Tensor) and r.requires_grad for r in results)
                              or any(o.requires_grad for o in outs)):
        raise RuntimeError(_NO_AUTOGRAD.format(name))


def _write(name: str, result: Any, out: Tensor) -> None:
    if not isinstance(result, Tensor):
        result = Tensor._from_node(leaf(np.asarray(result), False))
    if not can_cast(result.dtype, out.dtype):
        raise RuntimeError(f"result type {scalar_type_name(result.dtype)} can't be cast to the "
                           f"desired output type {scalar_type_name(out.dtype)}")
    shape = tuple(result.shape)
    if tuple(out.shape) != shape:
        if out.numel():
            warnings.warn(_RESIZED.format(list(out.shape), list(shape)), UserWarning,
                          stacklevel=4)
        _resize(name, out, shape)
    with no_grad():
        out.copy_(result)


def _resize(name: str, out: Tensor, shape: tuple) -> None:
    """Give ``out`` fresh storage of ``shape`` (its values are overwritten next)."""
    if out._view is not None:
        raise RuntimeError(
            f"{name}(): out= is a view of another tensor, of shape {list(out.shape)}, and the "
            f"result has shape {list(shape)}; funcgrad does not resize views. Pass an out "
            f"tensor of shape {list(shape)} (or a fresh tensor)."
        )
    node = out._node
    fresh = leaf(np.zeros(shape, node.primal.dtype), node.requires_grad and node.prim is None)
    fresh.tensor = weakref.ref(out)
    out._node = fresh


# ---------------------------------------------------------------------------
# The wrapper and its installation
# ---------------------------------------------------------------------------

def with_out(fn: Callable, name: str, factory: bool = False) -> Callable:
    """``fn`` taking PyTorch's ``out=`` keyword argument (see :func:`write_out`).

    The wrapper is generated with ``fn``'s own parameters plus ``out``, so a
    call without ``out=`` passes its arguments straight on (no packing into
    ``*args``/``**kwargs``) and a misspelt keyword fails with ``fn``'s name.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.out_args import with_out
    >>> def double(input):
    ...     return input * 2
    >>> double = with_out(double, "double")
    >>> r = torch.empty(0)
    >>> double(torch.tensor([1.0, 2.0]), out=r) is r, r
    (True, tensor([2., 4.]))
    """
    write = _factory_out if factory else _function_out
    try:
        sig: inspect.Signature | None = inspect.signature(fn)
    except (TypeError, ValueError):
        sig = None
    if sig is None or not name.isidentifier() or getattr(fn, "__numpy_names__", False):
        # (A function taking NumPy's axis=/keepdims= gets its arguments as given.)
        def wrapper(*args, out=None, **kwargs):
            if out is None:
                return fn(*args, **kwargs)
            return write(fn, name, args, kwargs, out)
        inner = wrapper
    else:
        inner = _generated(fn, name, sig, write)
    # The wrapper lives in the wrapped function's module, so doctest finds its examples there.
    wrapped = types.FunctionType(inner.__code__, getattr(fn, "__globals__", globals()), name,
                                 inner.__defaults__, inner.__closure__)
    wrapped.__kwdefaults__ = inner.__kwdefaults__
    functools.update_wrapper(wrapped, fn)
    if sig is not None:
        wrapped.__signature__ = _with_out_parameter(sig)  # type: ignore[attr-defined]
    wrapped.__out_arg__ = True  # type: ignore[attr-defined]
    return wrapped


_P = inspect.Parameter


def _generated(fn: Callable, name: str, sig: inspect.Signature,
               write: Callable | None) -> Callable:
    """``def name(<fn's parameters>, *, out=None)`` calling ``fn``, compiled from source
    (without ``write``: ``fn``'s parameters but ``out``, for a method)."""
    cells: dict[str, Any] = {"_out_fn_": fn, "_out_write_": write, "_out_name_": name}
    defs: list[str] = []
    pos: list[str] = []
    kws: list[str] = []
    star = False
    var_kw = None
    params = [p for p in sig.parameters.values() if write is not None or p.name != "out"]
    for k, p in enumerate(params):
        default = ""
        if p.default is not _P.empty:
            cells[f"_out_d{k}_"] = p.default
            default = f"=_out_d{k}_"
        if p.kind is _P.VAR_POSITIONAL:
            defs.append(f"*{p.name}")
            pos.append(f"*{p.name}")
            star = True
        elif p.kind is _P.KEYWORD_ONLY:
            if not star:
                defs.append("*")
                star = True
            defs.append(p.name + default)
            kws.append(p.name)
        elif p.kind is _P.VAR_KEYWORD:
            var_kw = p.name
        else:
            defs.append(p.name + default)
            pos.append(p.name)
            if p.kind is _P.POSITIONAL_ONLY and (
                    k + 1 == len(params) or params[k + 1].kind is not _P.POSITIONAL_ONLY):
                defs.append("/")
    if write is not None:
        if not star:
            defs.append("*")
        defs.append("out=None")
    if var_kw is not None:
        defs.append(f"**{var_kw}")
    call = ", ".join(pos + [f"{k}={k}" for k in kws] + ([f"**{var_kw}"] if var_kw else []))
    args = "(" + "".join(f"{a}, " for a in pos) + ")"
    kwargs = "{" + ", ".join([f"{k!r}: {k}" for k in kws]
                             + ([f"**{var_kw}"] if var_kw else [])) + "}"
    body = (f"        if out is None:\n"
            f"            return _out_fn_({call})\n"
            f"        return _out_write_(_out_fn_, _out_name_, {args}, {kwargs}, out)\n"
            if write is not None else f"        return _out_fn_({call})\n")
    source = (
        f"def _out_make_({', '.join(cells)}):\n"
        f"    def {name}({', '.join(defs)}):\n"
        f"{body}"
        f"    return {name}\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<out= wrapper of {name}>", "exec"), namespace)  # noqa: S102
    return namespace["_out_make_"](*cells.values())


def _with_out_parameter(sig: inspect.Signature) -> inspect.Signature:
    params = list(sig.parameters.values())
    at = len(params) - (bool(params) and params[-1].kind is _P.VAR_KEYWORD)
    params.insert(at, _P("out", _P.KEYWORD_ONLY, default=None))
    return sig.replace(parameters=params)


def _function_out(fn: Callable, name: str, args: tuple, kwargs: dict, out: Any) -> Any:
    return write_out(name, fn(*args, **kwargs), out)


def _factory_out(fn: Callable, name: str, args: tuple, kwargs: dict, out: Any) -> Any:
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    dtype = kwargs.get("dtype")
    if dtype is None:
        kwargs["dtype"] = out.dtype
    elif _dtypes.to_torch(dtype) != out.dtype:
        raise RuntimeError(f"dtype {scalar_type_name(_dtypes.to_torch(dtype))} does not match "
                           f"dtype of out parameter ({scalar_type_name(out.dtype)})")
    requires_grad = kwargs.pop("requires_grad", False)
    write_out(name, fn(*args, **kwargs), out)
    if requires_grad:
        out.requires_grad_(True)
    return out


def install(namespace: dict, names: tuple[str, ...], *, present_only: bool = False) -> None:
    """Give every function ``names`` names in ``namespace`` PyTorch's ``out=``.

    A function that already takes ``out`` handles it itself (with
    :func:`write_out`) and is left as it is; with ``present_only``, names not
    (yet) in ``namespace`` are skipped.

    Examples
    --------
    >>> import inspect, funcgrad.torch as torch
    >>> "out" in inspect.signature(torch.exp).parameters
    True
    """
    for name in names:
        if present_only and name not in namespace:
            continue
        fn = namespace[name]
        if getattr(fn, "__out_arg__", False) or _takes_out(fn):
            continue
        namespace[name] = with_out(fn, name, factory=name in FACTORIES)


def strip_from_methods(cls: type) -> None:
    """Take ``out=`` away from the methods of ``cls``: PyTorch's Tensor methods have none.

    A function wrapped by :func:`with_out` gives back the function; one that
    takes ``out`` itself (``add``, ``mul``, ...: the hot module functions) gets
    a method with its other parameters.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(1).add(1, out=torch.empty(1))
    Traceback (most recent call last):
    ...
    TypeError: add() got an unexpected keyword argument 'out'
    """
    for name, member in list(vars(cls).items()):
        if name.startswith("_") or not isinstance(member, types.FunctionType):
            continue
        if getattr(member, "__out_arg__", False):
            setattr(cls, name, member.__wrapped__)  # type: ignore[attr-defined]
        elif _takes_out(member):
            method = _generated(member, name, inspect.signature(member), None)
            functools.update_wrapper(method, member)
            method.__signature__ = _without_out_parameter(  # type: ignore[attr-defined]
                inspect.signature(member))
            del method.__wrapped__  # type: ignore[attr-defined]
            setattr(cls, name, method)


def _without_out_parameter(sig: inspect.Signature) -> inspect.Signature:
    return sig.replace(parameters=[p for p in sig.parameters.values() if p.name != "out"])


def _takes_out(fn: Callable) -> bool:
    code = getattr(fn, "__code__", None)
    return code is not None and "out" in code.co_varnames[
        :code.co_argcount + code.co_kwonlyargcount]
