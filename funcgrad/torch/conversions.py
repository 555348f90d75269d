"""dtype conversions of the torch face (``x.to``, ``x.float()``, ...), complex parts
(``real``, ``imag``, ``conj``) and type predicates (``is_tensor``, ``is_complex``, ...)."""

from __future__ import annotations

import numpy as np

from .. import numpy as fnp
from . import _dtypes
from ._operands import _check_tensor
from .shape import (
    _as_node,
    _view_result,
    clone,
)
from .tensor import Tensor, record

_Number = (int, float, complex, bool, np.number, np.bool_)

# ---------------------------------------------------------------------------
# dtype conversion
# ---------------------------------------------------------------------------


def to(input, *args, device=None, dtype=None, non_blocking=False, copy=False,
        memory_format=None) -> Tensor:
    """The tensor converted to ``dtype`` (or another tensor's dtype); itself if it has it.

    ``x.to(dtype)``, ``x.to(other)``, ``x.to(device, dtype)``: devices are
    accepted and ignored (funcgrad runs on the CPU). ``copy=True`` always copies.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.5, -2.0], requires_grad=True)
    >>> x.to(torch.float64)
    tensor([ 1.5000, -2.0000], dtype=torch.float64, grad_fn=<ToCopyBackward0>)
    >>> x.to("cpu") is x
    True
    """
    x = input
    _dtypes.check_device(device, "to()")
    flags = []  # positional non_blocking, copy
    for i, a in enumerate(args):
        if isinstance(a, _dtypes.dtype):
            dtype = a
        elif isinstance(a, Tensor):
            dtype = a.dtype
        elif isinstance(a, bool):
            flags.append(a)
        elif isinstance(a, (str, int, _dtypes.device)):
            _dtypes.check_device(a, "to()")
        elif a is not None:
            raise TypeError(f"to() received an invalid combination of arguments: argument "
                            f"{i + 1} is a {type(a).__name__}, expected a device, a dtype or "
                            f"a tensor")
    if len(flags) > 1:
        copy = flags[1]
    if dtype is None or _dtypes.to_torch(dtype) == x.dtype:
        return clone(x) if copy else x
    dt = _dtypes.to_numpy(dtype)
    return record("to", _as_node(fnp.astype(x._node, dt)), (x,))


_to = to  # the Tensor method (its name in messages is PyTorch's, to())


def _converter(name: str):
    def convert(self, memory_format=None):
        return _to(self, _dtypes.ALIASES[name])

    method, example, out = _CONVERTER_EXAMPLES[name]
    convert.__name__ = convert.__qualname__ = method
    convert.__doc__ = f"""``self.to(torch.{_dtypes.ALIASES[name].name})``: the tensor in that dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor({example}).{method}()
    {out}
    """
    return convert


_CONVERTER_EXAMPLES = {  # dtype: (method, data, what the method gives)
    "float32": ("float", "[1, 2]", "tensor([1., 2.])"),
    "float64": ("double", "[1, 2]", "tensor([1., 2.], dtype=torch.float64)"),
    "float16": ("half", "[1, 2]", "tensor([1., 2.], dtype=torch.float16)"),
    "int64": ("long", "[1.7, -1.7]", "tensor([ 1, -1])"),
    "int32": ("int", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int32)"),
    "int16": ("short", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int16)"),
    "int8": ("char", "[1.7, -1.7]", "tensor([ 1, -1], dtype=torch.int8)"),
    "uint8": ("byte", "[1.7, 200.0]", "tensor([  1, 200], dtype=torch.uint8)"),
    "bool": ("bool", "[0.0, 0.5]", "tensor([False,  True])"),
    "complex64": ("cfloat", "[1.0, 2.0]", "tensor([1.+0.j, 2.+0.j])"),
    "complex128": ("cdouble", "[1.0, 2.0]", "tensor([1.+0.j, 2.+0.j], dtype=torch.complex128)"),
}


def real(input):
    """The real part of a complex tensor, as a view; a real tensor itself.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.real(torch.tensor([1 + 2j, 3 - 1j]))
    tensor([1., 3.])
    """
    x = _check_tensor(input, "real")
    if x.dtype.np.kind != "c":
        return x
    return _view_result("real", x, fnp.real(x._node), "real", None)


def imag(input):
    """The imaginary part of a complex tensor (an error for a real one).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1 + 2j, 3 - 1j]).imag
    tensor([ 2., -1.])
    """
    x = _check_tensor(input, "imag")
    if x.dtype.np.kind != "c":
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    return record("imag", fnp.imag(x._node), (x,))


def conj(input):
    """The complex conjugate; a real tensor itself.

    PyTorch returns a lazily conjugated view (``is_conj()``); funcgrad computes
    the values at once, which prints and differentiates the same.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.conj(torch.tensor([1 + 2j, 3 - 1j]))
    tensor([1.-2.j, 3.+1.j])
    """
    x = _check_tensor(input, "conj")
    if x.dtype.np.kind != "c":
        return x
    return record("conj", fnp.conj(x._node), (x,))


def numel(input) -> int:
    """The number of elements (a Python int).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.numel(torch.zeros(2, 3)), torch.numel(torch.tensor(5.0))
    (6, 1)
    """
    return input.numel()


def is_tensor(obj) -> bool:
    """Whether ``obj`` is a tensor (``isinstance(obj, torch.Tensor)``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_tensor(torch.ones(1)), torch.is_tensor([1.0])
    (True, False)
    """
    return isinstance(obj, Tensor)


def is_floating_point(input) -> bool:
    """Whether the tensor's dtype is a floating point one (``float16/32/64``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_floating_point(torch.ones(1)), torch.tensor([1]).is_floating_point()
    (True, False)
    """
    return input.is_floating_point()


def is_complex(input) -> bool:
    """Whether the tensor's dtype is complex.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.is_complex(torch.tensor([1j])), torch.ones(1).is_complex()
    (True, False)
    """
    return input.is_complex()
