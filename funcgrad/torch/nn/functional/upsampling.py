"""Resampling: ``interpolate`` (``upsample``) and ``pixel_shuffle``/``pixel_unshuffle``.

Interpolation is separable: along each spatial axis the output gathers the
input at source indices computed from the shapes alone (PyTorch's
``area_pixel_compute_source_index``), and the linear and cubic modes mix
those gathers with constant weights. Every derivative is the gather's
scatter-add; no value of the input is looked at, so the functions trace.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ...factories import tensor
from ...tensor import Tensor
from ._common import _named
from .pooling import adaptive_avg_pool1d, adaptive_avg_pool2d

__all__ = [
    "interpolate", "upsample", "upsample_nearest", "upsample_bilinear", "pixel_shuffle",
    "pixel_unshuffle",
]

_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"
_VALID = {"nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area"}
_NEEDS = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5}
_NODE = {
    ("nearest", 1): "upsample_nearest1d", ("nearest", 2): "upsample_nearest2d",
    ("nearest", 3): "upsample_nearest3d", ("nearest-exact", 1): "upsample_nearest_exact1d",
    ("nearest-exact", 2): "upsample_nearest_exact2d",
    ("nearest-exact", 3): "upsample_nearest_exact3d", ("linear", 1): "upsample_linear1d",
    ("bilinear", 2): "upsample_bilinear2d", ("bicubic", 2): "upsample_bicubic2d",
    ("trilinear", 3): "upsample_trilinear3d",
}


def _scale(n_in: int, n_out: int, align_corners: bool, scale: float | None) -> float:
    """Source pixels per output pixel, as PyTorch's ``area_pixel_compute_scale``."""
    if align_corners:
        return (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
    if scale is not None and scale > 0:
        return 1.0 / scale
    return n_in / n_out


def _nearest_index(n_in: int, n_out: int, scale: float | None, exact: bool) -> np.ndarray:
    s = 1.0 / scale if scale is not None and scale > 0 else n_in / n_out
    offset = np.float32(0.5 if exact else 0.0)
    src = np.floor((np.arange(n_out, dtype=np.float32) + offset) * np.float32(s))
    src = src.astype(np.int64)
    return np.minimum(src, n_in - 1)


def _source(n_in: int, n_out: int, align_corners: bool, scale: float | None,
            cubic: bool) -> np.ndarray:
    """The (fractional) source coordinate of each output position."""
    s = np.float32(_scale(n_in, n_out, align_corners, scale))
    dst = np.arange(n_out, dtype=np.float32)
    if align_corners:
        return s * dst
    src = s * (dst + np.float32(0.5)) - np.float32(0.5)
    return src if cubic else np.maximum(src, np.float32(0.0))


def _taps_linear(n_in: int, n_out: int, align_corners: bool, scale: float | None):
    src = _source(n_in, n_out, align_corners, scale, cubic=False)
    i0 = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    i1 = np.minimum(i0 + 1, n_in - 1)
    lam = src - i0
    return [(i0, 1.0 - lam), (i1, lam)]


def _cubic_weights(t: np.ndarray, a: float = -0.75) -> list[np.ndarray]:
    def near(x):  # |x| <= 1
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x):  # 1 < |x| < 2
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [far(t + 1.0), near(t), near(1.0 - t), far(2.0 - t)]


def _taps_cubic(n_in: int, n_out: int, align_corners: bool, scale: float | None):
    src = _source(n_in, n_out, align_corners, scale, cubic=True)
    base = np.floor(src).astype(np.int64)
    weights = _cubic_weights((src - base).astype(np.float32))
    return [(np.clip(base - 1 + j, 0, n_in - 1), w) for j, w in enumerate(weights)]


def _mix(x: Tensor, axis: int, taps: list) -> Tensor:
    """``sum_j weight_j * x[..., index_j, ...]`` along ``axis`` (weights per output position)."""
    lead = (slice(None),) * axis
    shape = [1] * x.ndim
    out = None
    for index, weight in taps:
        shape[axis] = len(weight)
        w = tensor(np.asarray(weight).reshape(shape).astype(x.dtype.np))
        term = x[lead + (index,)] * w
        out = term if out is None else out + term
    assert out is not None
    return out


def _output_size(input: Tensor, size: Any, scale_factor: Any, dim: int) -> tuple:
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {list(input.shape[2:])} and output size "
                    f"of {size}. Please provide input tensor in (N, C, d1, d2, ...,dK) format "
                    "and output size in (o1, o2, ...,oK) format."
                )
            if not all(isinstance(s, (int, np.integer)) for s in size):
                raise TypeError(
                    "expected size to be one of int or Tuple[int] or Tuple[int, int] or "
                    "Tuple[int, int, int], but got size with types "
                    f"{[type(s) for s in size]}"
                )
            return tuple(int(s) for s in size), None
        return (int(size),) * dim, None
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    if isinstance(scale_factor, (list, tuple)):
        if len(scale_factor) != dim:
            raise ValueError(
                "Input and scale_factor must have the same number of spatial dimensions, but "
                f"got input with spatial dimensions of {list(input.shape[2:])} and "
                f"scale_factor of shape {scale_factor}. Please provide input tensor in (N, C, "
                "d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format."
            )
        scales = tuple(float(s) for s in scale_factor)
    else:
        scales = (float(scale_factor),) * dim
    sizes = tuple(int(math.floor(input.shape[2 + i] * scales[i])) for i in range(dim))
    return sizes, scales


def interpolate(input: Tensor, size: Any = None, scale_factor: Any = None,
                mode: str = "nearest", align_corners: bool | None = None,
                recompute_scale_factor: bool | None = None, antialias: bool = False) -> Tensor:
    """Resample the spatial axes of ``(N, C, *S)`` to ``size`` or by ``scale_factor``.

    ``mode``: ``'nearest'``, ``'nearest-exact'``, ``'linear'`` (3-D input),
    ``'bilinear'``/``'bicubic'`` (4-D), ``'trilinear'`` (5-D) or ``'area'``
    (adaptive average pooling). ``align_corners`` (interpolating modes only)
    maps the corner pixels' centres onto each other. With ``scale_factor``
    the source coordinates use ``1 / scale_factor`` unless
    ``recompute_scale_factor`` asks for ``in / out``, as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.tensor([[[1.0, 2.0, 4.0]]])
    >>> F.interpolate(x, scale_factor=2)
    tensor([[[1., 1., 2., 2., 4., 4.]]])
    >>> F.interpolate(x, size=5, mode="linear", align_corners=True)
    tensor([[[1.0000, 1.5000, 2.0000, 3.0000, 4.0000]]])
    """
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the interpolating modes: "
                "linear | bilinear | bicubic | trilinear"
            )
    else:
        align_corners = bool(align_corners)
    dim = input.dim() - 2
    sizes, scales = _output_size(input, size, scale_factor, dim)
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if recompute_scale_factor or mode == "area":
        scales = None
    if antialias:
        raise NotImplementedError(
            "interpolate(antialias=True) is not available in funcgrad.torch; resample "
            "without it or smooth first (for example with avg_pool2d)"
        )
    if input.dim() not in (3, 4, 5) or mode not in _VALID:
        raise NotImplementedError(
            f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.dim()}D) "
            f"for the modes: {_MODES} (got {mode})"
        )
    if mode in _NEEDS and input.dim() != _NEEDS[mode]:
        raise NotImplementedError(
            f"Got {input.dim()}D input, but {mode} mode needs {_NEEDS[mode]}D input"
        )
    if mode == "area":
        if dim == 1:
            return adaptive_avg_pool1d(input, sizes)
        if dim == 2:
            return adaptive_avg_pool2d(input, sizes)
        raise NotImplementedError("interpolate(mode='area') of 5-D input is not available")
    out = input
    for i in range(dim):
        n_in, n_out = input.shape[2 + i], sizes[i]
        scale = None if scales is None else scales[i]
        if mode in ("nearest", "nearest-exact"):
            index = _nearest_index(n_in, n_out, scale, exact=mode == "nearest-exact")
            out = out[(slice(None),) * (2 + i) + (index,)]
        elif mode == "bicubic":
            out = _mix(out, 2 + i, _taps_cubic(n_in, n_out, bool(align_corners), scale))
        else:
            out = _mix(out, 2 + i, _taps_linear(n_in, n_out, bool(align_corners), scale))
    return _named(_NODE[mode, dim], out, (input,))


def upsample(input: Tensor, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
             align_corners: bool | None = None) -> Tensor:
    """The older name of :func:`interpolate` (deprecated in PyTorch, still there).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.upsample(torch.ones(1, 1, 2, 2), scale_factor=2).shape
    torch.Size([1, 1, 4, 4])
    """
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    """``interpolate(..., mode='nearest')``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.upsample_nearest(torch.tensor([[[1.0, 2.0]]]), size=4)
    tensor([[[1., 1., 2., 2.]]])
    """
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    """``interpolate(..., mode='bilinear', align_corners=True)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.upsample_bilinear(torch.tensor([[[[0.0, 2.0]]]]), size=(1, 3))
    tensor([[[[0., 1., 2.]]]])
    """
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """``(*, C * r**2, H, W)`` -> ``(*, C, H * r, W * r)``: channels become sub-pixels.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.pixel_shuffle(torch.arange(4.0).reshape(1, 4, 1, 1), 2)
    tensor([[[[0., 1.],
              [2., 3.]]]])
    """
    r = int(upscale_factor)
    if input.dim() < 3:
        raise RuntimeError(
            "pixel_shuffle expects input to have at least 3 dimensions, but got input with "
            f"{input.dim()} dimension(s)"
        )
    *lead, c, h, w = input.shape
    if c % (r * r) != 0:
        raise RuntimeError(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the "
            f"square of upscale_factor, but input.size(-3)={c} is not divisible by {r * r}"
        )
    k = len(lead)
    out = input.reshape(*lead, c // (r * r), r, r, h, w)
    out = out.permute(*range(k), k, k + 3, k + 1, k + 4, k + 2)
    out = out.reshape(*lead, c // (r * r), h * r, w * r)
    return _named("pixel_shuffle", out, (input,))


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """``(*, C, H * r, W * r)`` -> ``(*, C * r**2, H, W)``: the inverse of :func:`pixel_shuffle`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.pixel_unshuffle(torch.arange(4.0).reshape(1, 1, 2, 2), 2).flatten()
    tensor([0., 1., 2., 3.])
    """
    r = int(downscale_factor)
    if input.dim() < 3:
        raise RuntimeError(
            "pixel_unshuffle expects input to have at least 3 dimensions, but got input with "
            f"{input.dim()} dimension(s)"
        )
    *lead, c, h, w = input.shape
    if h % r != 0 or w % r != 0:
        axis, n = ("height", h) if h % r else ("width", w)
        raise RuntimeError(
            f"pixel_unshuffle expects {axis} to be divisible by downscale_factor, but input."
            f"size({-2 if axis == 'height' else -1})={n} is not divisible by {r}"
        )
    k = len(lead)
    out = input.reshape(*lead, c, h // r, r, w // r, r)
    out = out.permute(*range(k), k, k + 2, k + 4, k + 1, k + 3)
    out = out.reshape(*lead, c * r * r, h // r, w // r)
    return _named("pixel_unshuffle", out, (input,))
