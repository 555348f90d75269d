"""Channel-wise and self-normalising dropout: ``dropout1d/2d/3d``, ``alpha_dropout``,
``feature_alpha_dropout``.

The masks are drawn from funcgrad.torch's generator; channel-wise dropout
draws one keep/drop per ``(N, C)`` and broadcasts it over the spatial axes.
"""

from __future__ import annotations

import math
import warnings

from ...factories import rand
from ...tensor import Tensor
from ._common import _inplace

__all__ = ["dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout"]

# SELU's negative saturation value, -scale * alpha: what alpha dropout sets dropped units to.
_SELU_SATURATION = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717


def _check_p(p: float) -> None:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _keep_mask(input: Tensor, p: float, channelwise: bool) -> Tensor:
    """1.0 where a unit (or a whole channel) is kept, 0.0 where it is dropped."""
    shape = tuple(input.shape)
    if channelwise:
        shape = shape[:2] + (1,) * (len(shape) - 2)
    dtype = input.dtype if input.is_floating_point() else None
    return (rand(*shape, dtype=dtype) >= p).to(input.dtype)


def _channel_dropout(input: Tensor, p: float, training: bool, inplace: bool,
                     batched: bool) -> Tensor:
    _check_p(p)
    if not training or p == 0.0:
        return input
    unbatched = not batched
    x = input.unsqueeze(0) if unbatched else input
    if p == 1.0:
        out = x * 0.0
    else:
        out = x * (_keep_mask(x, p, channelwise=True) * (1.0 / (1.0 - p)))
    if unbatched:
        out = out.squeeze(0)
    return _inplace(input, out, inplace)


def dropout1d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:
    """Zero whole channels of ``(N, C, L)`` or ``(C, L)`` with probability ``p``, scale the rest.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y = F.dropout1d(torch.ones(4, 8, 3), 0.5)
    >>> bool(((y == 0).all(-1) | (y == 2).all(-1)).all())
    True
    """
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {input.dim()}D input. Note "
            "that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial "
            "dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D "
            "inputs)."
        )
    return _channel_dropout(input, p, training, inplace, batched=input.dim() == 3)


def dropout2d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:
    """Zero whole channels of ``(N, C, H, W)`` or ``(C, H, W)`` with probability ``p``.

    As in PyTorch, the mask always spans the first two dimensions: a 3-D input is
    taken (with PyTorch's warning) as ``(N, C, L)`` and a 2-D one as ``(N, C)``, whose
    single elements are dropped.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y = F.dropout2d(torch.ones(2, 6, 3, 3), 0.5)
    >>> sorted({float(v) for v in y.sum((2, 3)).flatten()}) in ([0.0], [18.0], [0.0, 18.0])
    True
    """
    dim = input.dim()
    if dim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {dim}-D input to dropout2d, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            "warning, please use dropout instead. Note that dropout2d exists to provide "
            "channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, "
            "and an optional batch dimension (i.e. 3D or 4D inputs).", stacklevel=2,
        )
    if dim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C "
            "is the channel dim. This behavior will change in a future release to interpret "
            "the input as one without a batch dimension, i.e. shape (C, H, W). To maintain "
            "the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2,
        )
    if dim < 2:
        raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
    # PyTorch's dropout2d is feature dropout over dims 0 and 1 whatever the rank: a 2-D
    # ``(N, C)`` input loses single elements, a 5-D one whole ``(C,)`` slices.
    return _channel_dropout(input, p, training, inplace, batched=True)


def dropout3d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:
    """Zero whole channels of ``(N, C, D, H, W)`` or ``(C, D, H, W)`` with probability ``p``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.dropout3d(torch.ones(1, 2, 2, 2, 2), 0.5, training=False).sum()
    tensor(16.)
    """
    dim = input.dim()
    if dim not in (4, 5):
        warnings.warn(
            f"dropout3d: Received a {dim}-D input to dropout3d, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            "warning, please use dropout instead. Note that dropout3d exists to provide "
            "channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, "
            "and an optional batch dimension (i.e. 4D or 5D inputs).", stacklevel=2,
        )
    return _channel_dropout(input, p, training, inplace, batched=dim == 5)


def _alpha(input: Tensor, p: float, training: bool, inplace: bool, channelwise: bool) -> Tensor:
    _check_p(p)
    if not training or p == 0.0:
        return input
    if p == 1.0:
        return _inplace(input, input * 0.0, inplace)
    keep = _keep_mask(input, p, channelwise)
    a = 1.0 / math.sqrt((1.0 - p) * (1.0 + p * _SELU_SATURATION ** 2))
    b = -a * _SELU_SATURATION * p
    # kept units: a * x + b; dropped units: a * saturation + b
    out = input * (keep * a) + ((1.0 - keep) * (a * _SELU_SATURATION) + b)
    return _inplace(input, out, inplace)


def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,
                  inplace: bool = False) -> Tensor:
    """Dropout that keeps SELU's self-normalisation: mean and variance are preserved.

    Dropped units are set to SELU's saturation value ``-1.7581`` and the
    result is scaled and shifted so the statistics stay those of the input.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.alpha_dropout(torch.ones(3), 0.5)  # training defaults to False
    tensor([1., 1., 1.])
    >>> y = F.alpha_dropout(torch.randn(20000), 0.2, training=True)
    >>> round(float(y.mean()), 1), round(float(y.std()), 1)
    (0.0, 1.0)
    """
    return _alpha(input, p, training, inplace, channelwise=False)


def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,
                          inplace: bool = False) -> Tensor:
    """Alpha dropout of whole channels (one draw per ``(N, C)``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> y = F.feature_alpha_dropout(torch.zeros(2, 4, 5), 0.5, training=True)
    >>> bool((y == y[:, :, :1]).all())
    True
    """
    return _alpha(input, p, training, inplace, channelwise=True)
