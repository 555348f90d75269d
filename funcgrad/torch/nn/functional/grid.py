"""Sampling at given coordinates: ``affine_grid`` and ``grid_sample`` (spatial transformers).

``affine_grid`` maps PyTorch's normalised base grid (``[-1, 1]`` per axis,
pixel centres unless ``align_corners=True``) through a batch of affine
matrices. ``grid_sample`` reads the input at those coordinates: it gathers the
(up to four) neighbouring pixels with advanced indexing and mixes them with
weights that are functions of the grid, so gradients reach both the input
(the gather's scatter-add) and the grid (through the weights), as PyTorch's.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from ...factories import arange, tensor
from ...tensor import Tensor
from ._common import _named

__all__ = ["affine_grid", "grid_sample"]

ALIGN_CORNERS_DEFAULT = (
    "Default grid_sample and affine_grid behavior has changed to align_corners=False since "
    "1.3.0. Please specify align_corners=True if the old behavior is desired. See the "
    "documentation of grid_sample for details."
)


def _align(align_corners: bool | None) -> bool:
    if align_corners is None:
        warnings.warn(ALIGN_CORNERS_DEFAULT, UserWarning, stacklevel=3)
        return False
    return bool(align_corners)


def _fma(a: float, b: float, c: float, dt: Any) -> Any:
    """``a * b + c`` rounded once to ``dt`` (PyTorch's vectorised linspace fuses them)."""
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    return dt(float(exact)) if dt is np.float64 else dt(exact.numerator / exact.denominator)


def _base_axis(n: int, align_corners: bool, dt: Any) -> np.ndarray:
    """PyTorch's ``linspace(-1, 1, n)`` bit for bit in ``dt`` (first half counted up from -1,
    second half down from 1, each a fused multiply-add), scaled to pixel centres unless
    ``align_corners``: grid points that land exactly on pixels then pick the same
    neighbours, and so the same one-sided derivative, as PyTorch's."""
    if n <= 1:
        return np.zeros(max(n, 0), dt)
    step = float(dt(2.0) / dt(n - 1))
    half = n // 2
    steps = np.array([_fma(step, i, -1.0, dt) if i < half else _fma(-step, n - 1 - i, 1.0, dt)
                      for i in range(n)], dt)
    return steps if align_corners else (steps * dt(n - 1)) / dt(n)


def affine_grid(theta: Tensor, size: Any, align_corners: bool | None = None) -> Tensor:
    """The sampling grid of a batch of affine maps: ``(N, H, W, 2)`` (or ``(N, D, H, W, 3)``).

    ``theta`` is ``(N, 2, 3)`` for a 4-D ``size`` ``(N, C, H, W)`` and
    ``(N, 3, 4)`` for a 5-D one; the grid's last axis is ``(x, y[, z])``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> theta = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    >>> F.affine_grid(theta, (1, 1, 2, 2), align_corners=False)
    tensor([[[[-0.5000, -0.5000],
              [ 0.5000, -0.5000]],
    <BLANKLINE>
             [[-0.5000,  0.5000],
              [ 0.5000,  0.5000]]]])
    """
    align = _align(align_corners)
    if not theta.is_floating_point():
        raise ValueError(
            f"Expected theta to have floating point type, but got {theta.dtype}")
    size = tuple(int(s) for s in size)
    if len(size) == 4:
        if theta.dim() != 3 or tuple(theta.shape[-2:]) != (2, 3):
            raise ValueError(
                f"Expected a batch of 2D affine matrices of shape Nx2x3 for size {size}. "
                f"Got {tuple(theta.shape)}."
            )
        n, _, h, w = size
        spatial: tuple[int, ...] = (h, w)
    elif len(size) == 5:
        if theta.dim() != 3 or tuple(theta.shape[-2:]) != (3, 4):
            raise ValueError(
                f"Expected a batch of 3D affine matrices of shape Nx3x4 for size {size}. "
                f"Got {tuple(theta.shape)}."
            )
        n, _, d, h, w = size
        spatial = (d, h, w)
    else:
        raise NotImplementedError(
            f"affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
            f"respectively. Got size {size}."
        )
    if min(spatial) <= 0:
        raise ValueError(f"Expected non-zero, positive output size. Got {size}")
    k = len(spatial)
    dt = np.float64 if theta.dtype.np == np.float64 else np.float32
    axes = [_base_axis(s, align, dt) for s in reversed(spatial)]  # x, y[, z]
    base = np.ones(spatial + (k + 1,), dt)
    for i, ax in enumerate(axes):
        shape = [1] * k
        shape[k - 1 - i] = ax.size
        base[..., i] = ax.reshape(shape)
    flat = tensor(base.reshape(1, -1, k + 1), dtype=theta.dtype)
    grid = flat.matmul(theta.transpose(1, 2)).view(n, *spatial, k)
    return _named("affine_grid_generator", grid, (theta,))


def _unnormalize(coord: Tensor, size: int, align: bool) -> Tensor:
    if align:
        return (coord + 1) / 2 * (size - 1)
    return ((coord + 1) * size - 1) / 2


def _reflect(coord: Tensor, twice_low: int, twice_high: int) -> Tensor:
    if twice_low == twice_high:
        return coord * 0
    low = twice_low / 2
    span = (twice_high - twice_low) / 2
    coord = (coord - low).abs()
    extra = coord.fmod(span)
    flips = (coord / span).floor()
    even = flips.fmod(2) == 0
    return (extra + low).where(even, span - extra + low)


def _source(coord: Tensor, size: int, padding_mode: str, align: bool) -> Tensor:
    coord = _unnormalize(coord, size, align)
    if padding_mode == "border":
        coord = coord.clamp(0, size - 1)
    elif padding_mode == "reflection":
        if align:
            coord = _reflect(coord, 0, 2 * (size - 1))
        else:
            coord = _reflect(coord, -1, 2 * size - 1)
        coord = coord.clamp(0, size - 1)
    return coord


def grid_sample(input: Tensor, grid: Tensor, mode: str = "bilinear",
                padding_mode: str = "zeros", align_corners: bool | None = None) -> Tensor:
    """``input`` ``(N, C, H, W)`` read at ``grid`` ``(N, Ho, Wo, 2)`` (normalised ``x, y``).

    ``mode`` is ``'bilinear'`` or ``'nearest'``; ``padding_mode`` is
    ``'zeros'``, ``'border'`` or ``'reflection'``. Differentiable in ``input``
    and (bilinear) in ``grid``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> img = torch.arange(4.0).view(1, 1, 2, 2)
    >>> grid = torch.tensor([[[[0.0, 0.0], [-1.0, -1.0]]]])
    >>> F.grid_sample(img, grid, align_corners=True)
    tensor([[[[1.5000, 0.0000]]]])
    """
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise ValueError(
            "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or "
            f"'bicubic', but got: '{mode}'"
        )
    if padding_mode not in ("zeros", "border", "reflection"):
        raise ValueError(
            "nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or "
            f"'reflection', but got: '{padding_mode}'"
        )
    align = _align(align_corners)
    if input.dim() != 4 or grid.dim() != 4 or grid.shape[-1] != 2:
        if input.dim() == 5:
            raise NotImplementedError(
                "grid_sample of 5-D (volumetric) input is not implemented in funcgrad.torch; "
                "sample each depth slice with 4-D grid_sample, or interpolate the depth axis "
                "yourself."
            )
        raise RuntimeError(
            "grid_sampler(): expected 4D input and grid with last dimension 2, but got input "
            f"with sizes {list(input.shape)} and grid with sizes {list(grid.shape)}"
        )
    if mode == "bicubic":
        raise NotImplementedError(
            "grid_sample(mode='bicubic') is not implemented in funcgrad.torch; use 'bilinear' "
            "or 'nearest'."
        )
    n, c, h, w = input.shape
    if grid.shape[0] != n:
        raise RuntimeError(
            "grid_sampler(): expected grid and input to have same batch size, but got input "
            f"with sizes {list(input.shape)} and grid with sizes {list(grid.shape)}"
        )
    ix = _source(grid[..., 0], w, padding_mode, align)
    iy = _source(grid[..., 1], h, padding_mode, align)
    batch = arange(n).view(n, 1, 1)

    def read(yc: Tensor, xc: Tensor) -> Tensor:
        inside = (xc >= 0) & (xc <= w - 1) & (yc >= 0) & (yc <= h - 1)
        xi = xc.clamp(0, w - 1).long()
        yi = yc.clamp(0, h - 1).long()
        values = input[batch, :, yi, xi]  # (N, Ho, Wo, C)
        return values * inside.unsqueeze(-1).to(values.dtype)

    if mode == "nearest":
        rx, ry = ix.round(), iy.round()
        out = read(ry.detach(), rx.detach())
        # A zero that keeps the grid in the graph: its gradient is zeros, as PyTorch's.
        out = out + ((rx - rx.detach()) + (ry - ry.detach())).unsqueeze(-1)
    else:
        x0, y0 = ix.floor().detach(), iy.floor().detach()
        x1, y1 = x0 + 1, y0 + 1
        wx1, wy1 = ix - x0, iy - y0
        wx0, wy0 = x1 - ix, y1 - iy
        out = (read(y0, x0) * (wy0 * wx0).unsqueeze(-1)
               + read(y0, x1) * (wy0 * wx1).unsqueeze(-1)
               + read(y1, x0) * (wy1 * wx0).unsqueeze(-1)
               + read(y1, x1) * (wy1 * wx1).unsqueeze(-1))
    out = out.permute(0, 3, 1, 2)
    return _named("grid_sampler_2d", out, (input, grid))
