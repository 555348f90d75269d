"""``torch.fft``: discrete Fourier transforms with PyTorch's signatures.

The transforms of funcgrad.numpy.fft (the kernel's ``fft`` primitive, so
they are differentiable, complex gradients following PyTorch's convention)
with PyTorch's argument names (``n``/``s``, ``dim``, ``norm``), dtypes
(``float32`` in, ``complex64`` out) and node names (``FftR2CBackward0``,
``FftC2CBackward0``, ``FftC2RBackward0``).

>>> import funcgrad.torch as torch
>>> x = torch.tensor([1.0, 2.0, 0.5, -1.0], requires_grad=True)
>>> X = torch.fft.rfft(x)
>>> X
tensor([2.5000+0.j, 0.5000-3.j, 0.5000+0.j], grad_fn=<FftR2CBackward0>)
>>> torch.fft.irfft(X, n=4)
tensor([ 1.0000,  2.0000,  0.5000, -1.0000], grad_fn=<FftC2RBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import numpy as fnp
from . import _dtypes
from ._operands import _t
from .tensor import Tensor, _wrap_dim, record

__all__ = [
    "fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "rfft2", "irfft2",
    "fftn", "ifftn", "rfftn", "irfftn", "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]


def _input(x: Any, fn: str) -> tuple[Tensor, Any]:
    t = _t(x)
    node = t._node
    kind = node.dtype.kind
    if kind in "biu":
        node = fnp.astype(node, _dtypes.default_float())
    return t, node


def _norm(norm: Any) -> Any:
    if norm not in (None, "backward", "ortho", "forward"):
        raise RuntimeError(f"Invalid normalization mode: {norm}")
    return norm


def _dims(t: Tensor, dim: Any, s: Any, default: Any) -> Any:
    if dim is None:
        if s is not None:
            return tuple(range(t.dim() - len(s), t.dim()))
        return default
    if isinstance(dim, int):
        dim = (dim,)
    return tuple(_wrap_dim(d, t.dim()) for d in dim)


def _one(fn_name: str, key_real: str, key_complex: str, example: str, shows: str) -> Any:
    numpy_fn = getattr(fnp.fft, fn_name)

    def op(input, n=None, dim=-1, norm=None):
        t, node = _input(input, fn_name)
        key = key_complex if node.dtype.kind == "c" else key_real
        d = _wrap_dim(dim, t.dim())
        return record(key, numpy_fn(node, n, d, _norm(norm)), (t,))

    op.__name__ = op.__qualname__ = fn_name
    op.__doc__ = f"""``torch.fft.{fn_name}``: the one-dimensional transform along ``dim``
    (zero-padded or cut to ``n``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.{fn_name}({example})
    {shows}
    """
    return op


def _many(fn_name: str, key_real: str, key_complex: str, default: Any, example: str,
          shows: str) -> Any:
    numpy_fn = getattr(fnp.fft, fn_name)

    def op(input, s=None, dim=default, norm=None):
        t, node = _input(input, fn_name)
        key = key_complex if node.dtype.kind == "c" else key_real
        axes = _dims(t, dim, s, default)
        return record(key, numpy_fn(node, s, axes, _norm(norm)), (t,))

    op.__name__ = op.__qualname__ = fn_name
    op.__doc__ = f"""``torch.fft.{fn_name}``: the transform over the dimensions ``dim``
    (sizes ``s``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.{fn_name}({example})
    {shows}
    """
    return op


_V = "torch.tensor([1.0, 2.0, 0.5, -1.0])"
_M = "torch.tensor([[1.0, 2.0], [0.5, -1.0]])"
fft = _one("fft", "fft_r2c", "fft_c2c", _V,
           "tensor([2.5000+0.j, 0.5000-3.j, 0.5000+0.j, 0.5000+3.j])")
ifft = _one("ifft", "conj", "fft_c2c", _V,
            "tensor([0.6250-0.0000j, 0.1250+0.7500j, 0.1250-0.0000j, 0.1250-0.7500j])")
rfft = _one("rfft", "fft_r2c", "fft_r2c", _V, "tensor([2.5000+0.j, 0.5000-3.j, 0.5000+0.j])")
irfft = _one("irfft", "fft_c2r", "fft_c2r", _V,
             "tensor([ 0.8333,  0.5833, -0.4167, -0.1667, -0.4167,  0.5833])")
hfft = _one("hfft", "fft_c2r", "fft_c2r", _V,
            "tensor([ 5.0000,  3.5000, -2.5000, -1.0000, -2.5000,  3.5000])")
ihfft = _one("ihfft", "conj", "conj", _V, "tensor([0.6250-0.0000j, 0.1250+0.7500j, "
             "0.1250-0.0000j])")
fft2 = _many("fft2", "fft_c2c", "fft_c2c", (-2, -1), _M,
             "tensor([[ 2.5000+0.j,  0.5000+0.j],\n            [ 3.5000+0.j, -2.5000+0.j]])")
ifft2 = _many("ifft2", "fft_c2c", "fft_c2c", (-2, -1), _M,
              "tensor([[ 0.6250+0.j,  0.1250+0.j],\n            [ 0.8750+0.j, -0.6250+0.j]])")
rfft2 = _many("rfft2", "fft_r2c", "fft_r2c", (-2, -1), _M,
              "tensor([[ 2.5000+0.j,  0.5000+0.j],\n            [ 3.5000+0.j, -2.5000+0.j]])")
irfft2 = _many("irfft2", "fft_c2r", "fft_c2r", (-2, -1), _M,
               "tensor([[ 0.6250,  0.1250],\n            [ 0.8750, -0.6250]])")
fftn = _many("fftn", "fft_c2c", "fft_c2c", None, _M,
             "tensor([[ 2.5000+0.j,  0.5000+0.j],\n            [ 3.5000+0.j, -2.5000+0.j]])")
ifftn = _many("ifftn", "fft_c2c", "fft_c2c", None, _M,
              "tensor([[ 0.6250+0.j,  0.1250+0.j],\n            [ 0.8750+0.j, -0.6250+0.j]])")
rfftn = _many("rfftn", "fft_r2c", "fft_r2c", None, _M,
              "tensor([[ 2.5000+0.j,  0.5000+0.j],\n            [ 3.5000+0.j, -2.5000+0.j]])")
irfftn = _many("irfftn", "fft_c2r", "fft_c2r", None, _M,
               "tensor([[ 0.6250,  0.1250],\n            [ 0.8750, -0.6250]])")


def _freq_dtype(dtype: Any) -> np.dtype:
    return _dtypes.to_numpy(dtype) if dtype is not None else _dtypes.default_float()


def fftfreq(n, d=1.0, *, dtype=None, layout=None, device=None, requires_grad=False,
            pin_memory=False):
    """The sample frequencies of a length-``n`` transform with sample spacing ``d``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.fftfreq(4)
    tensor([ 0.0000,  0.2500, -0.5000, -0.2500])
    """
    _dtypes.check_placement("fftfreq()", device, layout, pin_memory)
    out = _t(np.fft.fftfreq(n, d).astype(_freq_dtype(dtype)))
    return out.requires_grad_() if requires_grad else out


def rfftfreq(n, d=1.0, *, dtype=None, layout=None, device=None, requires_grad=False,
             pin_memory=False):
    """The sample frequencies of ``rfft`` of a length-``n`` signal with sample spacing ``d``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.rfftfreq(5, 0.5)
    tensor([0.0000, 0.4000, 0.8000])
    """
    _dtypes.check_placement("rfftfreq()", device, layout, pin_memory)
    out = _t(np.fft.rfftfreq(n, d).astype(_freq_dtype(dtype)))
    return out.requires_grad_() if requires_grad else out


def _shift(input: Any, dim: Any, sign: int) -> Tensor:
    t = _t(input)
    dims = tuple(range(t.dim())) if dim is None else _dims(t, dim, None, None)
    shifts = tuple(sign * (t.shape[d] // 2) if sign > 0 else -(t.shape[d] // 2) for d in dims)
    return record("roll", fnp.roll(t._node, shifts, axis=dims), (t,))


def fftshift(input, dim=None):
    """The zero frequency moved to the middle (a roll by half of each dimension).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.fftshift(torch.fft.fftfreq(4))
    tensor([-0.5000, -0.2500,  0.0000,  0.2500])
    """
    return _shift(input, dim, 1)


def ifftshift(input, dim=None):
    """The inverse of :func:`fftshift`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.fft.ifftshift(torch.fft.fftshift(torch.arange(5)))
    tensor([0, 1, 2, 3, 4])
    """
    return _shift(input, dim, -1)


NODE_NAMES = {
    "fft_r2c": ("FftR2CBackward0", ""),
    "fft_c2c": ("FftC2CBackward0", ""),
    "fft_c2r": ("FftC2RBackward0", ""),
}
