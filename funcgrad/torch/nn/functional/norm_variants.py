"""``instance_norm`` and ``local_response_norm``."""

from __future__ import annotations

from ..._graph import no_grad
from ...tensor import Tensor
from ._common import _named
from .padding import pad

__all__ = ["instance_norm", "local_response_norm"]


def instance_norm(input: Tensor, running_mean: Tensor | None = None,
                  running_var: Tensor | None = None, weight: Tensor | None = None,
                  bias: Tensor | None = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Normalise each ``(sample, channel)`` over its spatial axes, then scale and shift.

    With ``use_input_stats`` (the default) the statistics are the
    instance's own, and running statistics (if given) move by ``momentum``
    towards their mean over the batch (unbiased variance), in place; without
    it the running statistics normalise.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.instance_norm(torch.tensor([[[1.0, 3.0], [0.0, 4.0]]]))
    tensor([[[-1.0000,  1.0000],
             [-1.0000,  1.0000]]])
    """
    if input.dim() < 3:
        raise ValueError(f"instance_norm expects (N, C, *) input, got {input.dim()}D input")
    dims = tuple(range(2, input.ndim))
    shape = (1, -1) + (1,) * (input.ndim - 2)
    if use_input_stats:
        count = 1
        for d in dims:
            count *= input.shape[d]
        if count <= 1:
            raise ValueError(
                f"Expected more than 1 spatial element when training, got input size "
                f"{list(input.shape)}"
            )
        mean = input.mean(dims, keepdim=True)
        centered = input - mean
        var = (centered * centered).mean(dims, keepdim=True)
        out = centered * (var + eps).rsqrt()
        if running_mean is not None and running_var is not None:
            with no_grad():
                m = mean.detach().reshape(input.shape[0], -1).mean(0)
                v = (var.detach() * (count / (count - 1))).reshape(input.shape[0], -1).mean(0)
                running_mean.mul_(1 - momentum).add_(m * momentum)
                running_var.mul_(1 - momentum).add_(v * momentum)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("Expected running_mean and running_var to be defined when "
                               "use_input_stats is false")
        out = (input - running_mean.reshape(shape)) * (running_var.reshape(shape) + eps).rsqrt()
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return _named("view", out, (input, weight, bias))


def local_response_norm(input: Tensor, size: int, alpha: float = 1e-4, beta: float = 0.75,
                        k: float = 1.0) -> Tensor:
    """Divide by ``(k + alpha * mean of squares over size neighbouring channels) ** beta``.

    The neighbourhood of channel ``c`` is ``c - size // 2`` to
    ``c + (size - 1) // 2``, zero-padded at the ends (AlexNet's normalisation).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.local_response_norm(torch.ones(1, 3, 1), 2, alpha=1.0, beta=1.0)
    tensor([[[0.6667],
             [0.5000],
             [0.5000]]])
    """
    dim = input.dim()
    if dim < 3:
        raise ValueError(
            f"Expected 3D or higher dimensionality input (got {dim} dimensions)"
        )
    if input.numel() == 0:
        return input
    sq = input * input
    c = input.shape[1]
    # Zero-pad the channel axis, then sum `size` shifted copies.
    padded = pad(sq.movedim(1, -1), (size // 2, (size - 1) // 2))
    windows = [padded[..., j:j + c] for j in range(size)]
    total = windows[0]
    for w in windows[1:]:
        total = total + w
    div = (total.movedim(-1, 1) * (alpha / size) + k) ** beta
    return _named("div", input / div, (input,))


