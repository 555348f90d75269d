"""``torch.nn.functional``: layers, activations and losses as functions of tensors.

Each is a composite of the kernel's primitives (through the torch face's own
functions), so every derivative comes from the one rule set; the result's
``grad_fn`` carries PyTorch's node name (``NllLossBackward0``,
``GeluBackward0``, ...).

>>> import funcgrad.torch as torch
>>> import funcgrad.torch.nn.functional as F
>>> logits = torch.tensor([[2.0, 0.0, -1.0]], requires_grad=True)
>>> F.cross_entropy(logits, torch.tensor([0]))
tensor(0.1698, grad_fn=<NllLossBackward0>)
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from ...primitives.nn import erf_p, softplus_p
from .._graph import no_grad
from ..factories import arange, rand, tensor, zeros
from ..functions import cat, exp, log, matmul, where
from ..functions import log_softmax as _log_softmax
from ..functions import softmax as _softmax
from ..tensor import Tensor, record
from .convolution import (  # noqa: F401 - part of this namespace
    adaptive_avg_pool1d,
    adaptive_avg_pool2d,
    avg_pool1d,
    avg_pool2d,
    conv1d,
    conv2d,
    conv_padding,
    max_pool1d,
    max_pool2d,
)

__all__ = [
    "linear", "bilinear", "dropout", "embedding", "one_hot", "pad", "normalize",
    "relu", "relu_", "relu6", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish",
    "sigmoid", "tanh", "softmax", "log_softmax", "softmin", "softplus", "softsign",
    "hardtanh", "hardsigmoid", "hardswish", "logsigmoid", "tanhshrink", "threshold", "prelu",
    "glu", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss",
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div",
    "cosine_similarity", "pairwise_distance", "batch_norm", "layer_norm", "group_norm",
    "conv1d", "conv2d", "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d",
    "adaptive_avg_pool1d", "adaptive_avg_pool2d",
]


def _named(key: str, out: Tensor, inputs: tuple) -> Tensor:
    """Give the result of a composite the ``grad_fn`` PyTorch's fused operation has."""
    node = out._node
    if node.prim is not None and node.grad_fn_obj is None:
        node.face = None
        return record(key, node, inputs)
    return out


# ---------------------------------------------------------------------------
# Linear maps
# ---------------------------------------------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.linear(torch.ones(1, 2), torch.tensor([[1.0, 2.0]]), torch.tensor([0.5]))
    tensor([[3.5000]])
    """
    wt = weight.t()
    out = matmul(input, wt)
    if bias is None:
        return out
    out = out + bias
    # PyTorch computes a 2-D input's ``x @ W.T + b`` as one addmm.
    return _named("addmm", out, (bias, input, wt)) if input.ndim == 2 else out


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``y_k = x1 @ weight[k] @ x2 + bias[k]`` for each output ``k``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.bilinear(torch.ones(1, 2), torch.ones(1, 3), torch.ones(4, 2, 3)).shape
    torch.Size([1, 4])
    """
    # (..., i) (k, i, j) -> (..., k, j), then contract j with input2.
    tmp = matmul(input1.unsqueeze(-2).unsqueeze(-2), weight).squeeze(-2)
    out = (tmp * input2.unsqueeze(-2)).sum(-1)
    if bias is not None:
        out = out + bias
    return out


# ---------------------------------------------------------------------------
# Activations
# ---------------------------------------------------------------------------


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """``max(x, 0)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    return input.relu_() if inplace else input.relu()


def relu_(input: Tensor) -> Tensor:
    """``relu`` in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu_(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    return input.relu_()


def _inplace(input: Tensor, out: Tensor, inplace: bool) -> Tensor:
    if inplace:
        return input.copy_(out)
    return out


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    """``clamp(x, min_val, max_val)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardtanh(torch.tensor([-3.0, 0.5, 3.0]))
    tensor([-1.0000,  0.5000,  1.0000])
    """
    # PyTorch's derivative is 0 at the bounds (clamp's is 1): a mask of the open interval.
    inside = (input > min_val) & (input < max_val)
    out = where(inside, input, input.detach().clamp(min_val, max_val))
    return _inplace(input, _named("hardtanh", out, (input,)), inplace)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    """``min(max(x, 0), 6)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.relu6(torch.tensor([-1.0, 3.0, 9.0]))
    tensor([0., 3., 6.])
    """
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """``x`` where positive, ``negative_slope * x`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.leaky_relu(torch.tensor([-2.0, 2.0]), 0.1)
    tensor([-0.2000,  2.0000])
    """
    out = where(input > 0, input, input * negative_slope)
    return _inplace(input, _named("leaky_relu", out, (input,)), inplace)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.elu(torch.tensor([-1.0, 1.0]))
    tensor([-0.6321,  1.0000])
    """
    out = where(input > 0, input, (input.clamp_max(0.0).expm1()) * alpha)
    return _inplace(input, _named("elu", out, (input,)), inplace)


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """``scale * elu(x, alpha)`` with the self-normalising constants.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.selu(torch.tensor([-1.0, 1.0]))
    tensor([-1.1113,  1.0507])
    """
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    out = where(input > 0, input, (input.clamp_max(0.0).expm1()) * alpha) * scale
    return _inplace(input, _named("elu", out, (input,)), inplace)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """``max(0, x) + min(0, alpha * (exp(x / alpha) - 1))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.celu(torch.tensor([-1.0, 1.0]), alpha=2.0)
    tensor([-0.7869,  1.0000])
    """
    out = where(input > 0, input, (input.clamp_max(0.0) / alpha).expm1() * alpha)
    return _inplace(input, _named("celu", out, (input,)), inplace)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """``x * Phi(x)`` (``approximate='tanh'``: the tanh approximation).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.gelu(torch.tensor([-1.0, 0.0, 1.0]))
    tensor([-0.1587,  0.0000,  0.8413])
    >>> F.gelu(torch.tensor([1.0]), approximate="tanh")
    tensor([0.8412])
    """
    if approximate == "tanh":
        inner = (input + input * input * input * 0.044715) * math.sqrt(2.0 / math.pi)
        out = input * 0.5 * (inner.tanh() + 1.0)
    elif approximate == "none":
        out = input * 0.5 * (erf_p.bind(input * (1.0 / math.sqrt(2.0))) + 1.0)
    else:
        raise ValueError(f"approximate argument must be either none or tanh, got {approximate!r}")
    return _named("gelu", out, (input,))


def sigmoid(input: Tensor) -> Tensor:
    """``1 / (1 + exp(-x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.sigmoid(torch.tensor([0.0]))
    tensor([0.5000])
    """
    return input.sigmoid()


def tanh(input: Tensor) -> Tensor:
    """The hyperbolic tangent.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.tanh(torch.tensor([0.0]))
    tensor([0.])
    """
    return input.tanh()


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * sigmoid(x)`` (swish).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.silu(torch.tensor([1.0]))
    tensor([0.7311])
    """
    return _inplace(input, _named("silu", input * input.sigmoid(), (input,)), inplace)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """``log(1 + exp(beta * x)) / beta``, linear above ``threshold``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softplus(torch.tensor([0.0, 30.0]))
    tensor([ 0.6931, 30.0000])
    """
    scaled = input * beta if beta != 1 else input
    soft = softplus_p.bind(scaled)
    if beta != 1:
        soft = soft / beta
    out = where(scaled > threshold, input, soft)
    return _named("softplus", out, (input,))


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * tanh(softplus(x))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.mish(torch.tensor([1.0]))
    tensor([0.8651])
    """
    out = input * softplus_p.bind(input).tanh()
    return _inplace(input, _named("mish", out, (input,)), inplace)


def logsigmoid(input: Tensor) -> Tensor:
    """``log(sigmoid(x))``, computed stably.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.logsigmoid(torch.tensor([0.0, -200.0]))
    tensor([  -0.6931, -200.0000])
    """
    return _named("log_sigmoid", -softplus_p.bind(-input), (input,))


def softsign(input: Tensor) -> Tensor:
    """``x / (1 + |x|)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softsign(torch.tensor([1.0]))
    tensor([0.5000])
    """
    return input / (input.abs() + 1.0)


def tanhshrink(input: Tensor) -> Tensor:
    """``x - tanh(x)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.tanhshrink(torch.tensor([1.0]))
    tensor([0.2384])
    """
    return input - input.tanh()


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    """``relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardsigmoid(torch.tensor([-4.0, 0.0, 4.0]))
    tensor([0.0000, 0.5000, 1.0000])
    """
    inside = (input > -3.0) & (input < 3.0)
    out = where(inside, input / 6.0 + 0.5, (input.detach() > 0).to(input.dtype))
    return _inplace(input, _named("hardsigmoid", out, (input,)), inplace)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    """``x * relu6(x + 3) / 6``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.hardswish(torch.tensor([-4.0, 1.0, 4.0]))
    tensor([-0.0000,  0.6667,  4.0000])
    """
    out = where(input <= -3.0, input * 0.0,
                where(input >= 3.0, input, input * (input + 3.0) / 6.0))
    return _inplace(input, _named("hardswish", out, (input,)), inplace)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    """``x`` where ``x > threshold``, ``value`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.threshold(torch.tensor([0.5, 2.0]), 1.0, -1.0)
    tensor([-1.,  2.])
    """
    out = where(input > threshold, input, value)
    return _inplace(input, _named("threshold", out, (input,)), inplace)


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """``x`` where positive, ``weight * x`` elsewhere (``weight`` per channel, dim 1).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.prelu(torch.tensor([[-2.0, 2.0]]), torch.tensor([0.25]))
    tensor([[-0.5000,  2.0000]])
    """
    w = weight
    if weight.numel() > 1 and input.ndim > 1:
        w = weight.reshape((-1,) + (1,) * (input.ndim - 2))
    return _named("prelu_kernel", where(input > 0, input, input * w), (input, weight))


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """``a * sigmoid(b)`` where ``a, b`` are the halves of ``input`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.glu(torch.tensor([1.0, 0.0]))
    tensor([0.5000])
    """
    a, b = input.chunk(2, dim)
    return _named("glu", a * b.sigmoid(), (input,))


def _softmax_dim(ndim: int) -> int:
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``exp(x) / sum(exp(x))`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[0.5000, 0.5000]])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _softmax(input, dim, dtype=dtype)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``x - logsumexp(x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.log_softmax(torch.tensor([[0.0, 0.0]]), dim=1)
    tensor([[-0.6931, -0.6931]])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _log_softmax(input, dim, dtype=dtype)


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None):
    """``softmax(-x)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.softmin(torch.tensor([0.0, 0.0]), dim=0)
    tensor([0.5000, 0.5000])
    """
    if dim is None:
        dim = _softmax_dim(input.ndim)
    return _softmax(-input, dim, dtype=dtype)


# ---------------------------------------------------------------------------
# Dropout, embedding, one_hot, pad, normalize
# ---------------------------------------------------------------------------


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False):
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    The identity when ``training`` is false. The mask is drawn from
    funcgrad.torch's generator.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.dropout(torch.ones(4), 0.5, training=False)
    tensor([1., 1., 1., 1.])
    >>> set(F.dropout(torch.ones(100), 0.5).tolist()) <= {0.0, 2.0}
    True
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    if p == 1.0:
        out = input * 0.0
    else:
        keep = rand(*input.shape, dtype=input.dtype if input.is_floating_point() else None) >= p
        out = input * (keep.to(input.dtype) * (1.0 / (1.0 - p)))
    return _inplace(input, out, inplace)


def embedding(
    input: Tensor,
    weight: Tensor,
    padding_idx: int | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """Rows of ``weight`` picked by the integer tensor ``input``.

    The row ``padding_idx`` gets no gradient; ``max_norm`` renormalises the
    rows looked up, in place, as PyTorch does.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.embedding(torch.tensor([2, 0]), torch.arange(6.0).reshape(3, 2))
    tensor([[4., 5.],
            [0., 1.]])
    """
    if input.is_floating_point():
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            "types: Long, Int; but got torch.FloatTensor instead (while checking arguments "
            "for embedding)"
        )
    if padding_idx is not None and padding_idx < 0:
        padding_idx += weight.shape[0]
    if max_norm is not None:
        with no_grad():
            rows = np.unique(input.numpy().reshape(-1))
            w = weight.detach().numpy()
            norms = np.linalg.norm(w[rows], ord=norm_type, axis=1)
            scale = np.where(norms > max_norm, max_norm / (norms + 1e-7), 1.0)
            w[rows] = (w[rows] * scale[:, None]).astype(w.dtype)
    out = weight[input]
    if padding_idx is not None and out.requires_grad:
        keep = (input != padding_idx).unsqueeze(-1)
        out = where(keep, out, out.detach())
    return _named("embedding", out, (weight, input))


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """``int64`` one-hot rows for the class indices in ``tensor``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.one_hot(torch.tensor([0, 2]), 3)
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    if tensor.is_floating_point():
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    idx = tensor.numpy()
    if num_classes == -1:
        num_classes = int(idx.max()) + 1 if idx.size else 0
    if idx.size and (idx.min() < 0 or idx.max() >= num_classes):
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = (idx[..., None] == np.arange(num_classes)).astype(np.int64)
    return Tensor._from_node(_leaf_node(out))


def _leaf_node(values: np.ndarray):
    return tensor(values)._node


def pad(input: Tensor, pad: Any, mode: str = "constant", value: float | None = None) -> Tensor:
    """Pad the last ``len(pad) // 2`` dimensions: ``pad = (left, right, top, bottom, ...)``.

    ``mode`` is ``'constant'`` (with ``value``), ``'reflect'``, ``'replicate'``
    or ``'circular'``; negative pads crop.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.pad(torch.tensor([[1.0, 2.0]]), (1, 2))
    tensor([[0., 1., 2., 0., 0.]])
    >>> F.pad(torch.tensor([[1.0, 2.0, 3.0]]), (2, 1), mode="reflect")
    tensor([[3., 2., 1., 2., 3., 2.]])
    """
    pad = tuple(int(p) for p in pad)
    if len(pad) % 2 or len(pad) // 2 > input.ndim:
        raise ValueError(
            f"Padding length must be divisible by 2 and at most twice the number of dimensions "
            f"of the input; got {len(pad)} for an input of {input.ndim} dimensions"
        )
    out = input
    for i in range(len(pad) // 2):
        dim = input.ndim - 1 - i
        before, after = pad[2 * i], pad[2 * i + 1]
        if before == 0 and after == 0:
            continue
        n = out.shape[dim]
        if mode == "constant":
            if before < 0 or after < 0:
                out = out.narrow(dim, max(-before, 0), n - max(-before, 0) - max(-after, 0))
                before, after = max(before, 0), max(after, 0)
            parts = []
            fill = 0.0 if value is None else value
            shape = list(out.shape)
            if before:
                shape[dim] = before
                parts.append(zeros(*shape, dtype=out.dtype) + fill)
            parts.append(out)
            if after:
                shape[dim] = after
                parts.append(zeros(*shape, dtype=out.dtype) + fill)
            out = cat(parts, dim) if len(parts) > 1 else out
            continue
        positions = np.arange(-before, n + after)
        if mode == "reflect":
            if before >= n or after >= n:
                raise RuntimeError(
                    "Argument #4: Padding size should be less than the corresponding input "
                    f"dimension, but got: padding ({before}, {after}) at dimension {dim} of input "
                    f"{list(input.shape)}"
                )
            period = 2 * (n - 1)
            positions = np.abs(positions) % period if period else positions * 0
            positions = np.where(positions >= n, period - positions, positions)
        elif mode == "replicate":
            positions = np.clip(positions, 0, n - 1)
        elif mode == "circular":
            positions = positions % n
        else:
            raise NotImplementedError(
                f"pad mode {mode!r}: use 'constant', 'reflect', 'replicate' or 'circular'"
            )
        index = (slice(None),) * dim + (tensor(positions),)
        out = out[index]
    if mode == "constant":
        key = "constant_pad_nd"
    elif mode == "circular":
        key = "copy_slices"
    else:
        kind = "reflection" if mode == "reflect" else "replication"
        key = f"{kind}_pad{len(pad) // 2}d"
    return _named(key, out, (input,))


def normalize(
    input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Any = None
) -> Tensor:
    """``x / max(||x||_p, eps)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.normalize(torch.tensor([[3.0, 4.0]]))
    tensor([[0.6000, 0.8000]])
    """
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """``sum(x1 * x2) / max(||x1|| ||x2||, eps)`` along ``dim``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.cosine_similarity(torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]]))
    tensor([0.7071])
    """
    n1 = (x1 * x1).sum(dim)
    n2 = (x2 * x2).sum(dim)
    return (x1 * x2).sum(dim) / (n1 * n2).clamp_min(eps * eps).sqrt()


def pairwise_distance(
    x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False
) -> Tensor:
    """``||x1 - x2 + eps||_p`` along the last dimension.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.pairwise_distance(torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]]), eps=0.0)
    tensor([5.])
    """
    return (x1 - x2 + eps).norm(p, -1, keepdim=keepdim)


# ---------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------

_REDUCTIONS = ("none", "mean", "sum")


def _reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        return ("mean" if size_average else "sum") if reduce else "none"
    return reduction


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"{reduction} is not a valid value for reduction")


def _check_same_size(input: Tensor, target: Tensor, name: str) -> None:
    if tuple(input.shape) != tuple(target.shape):
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            stacklevel=3,
        )


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """The mean (or sum) of squared differences.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0]))
    tensor(2.5000)
    """
    _check_same_size(input, target, "mse_loss")
    reduction = _reduction(size_average, reduce, reduction)
    d = input - target
    loss = _reduce(d * d if weight is None else d * d * weight, reduction)
    return _named("mse_loss", loss, (input, target))


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """The mean (or sum) of absolute differences.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.l1_loss(torch.tensor([1.0, -2.0]), torch.tensor([0.0, 0.0]))
    tensor(1.5000)
    """
    _check_same_size(input, target, "l1_loss")
    reduction = _reduction(size_average, reduce, reduction)
    d = (input - target).abs()
    return _reduce(d if weight is None else d * weight, reduction)


def smooth_l1_loss(
    input, target, size_average=None, reduce=None, reduction="mean", beta=1.0
):
    """``0.5 d^2 / beta`` where ``|d| < beta``, ``|d| - beta / 2`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.smooth_l1_loss(torch.tensor([0.5, 3.0]), torch.tensor([0.0, 0.0]))
    tensor(1.3125)
    """
    _check_same_size(input, target, "smooth_l1_loss")
    reduction = _reduction(size_average, reduce, reduction)
    d = input - target
    a = d.abs()
    if beta == 0.0:
        loss = a
    else:
        loss = where(a < beta, d * d * (0.5 / beta), a - 0.5 * beta)
    return _named("smooth_l1_loss", _reduce(loss, reduction), (input, target))


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """``0.5 d^2`` where ``|d| < delta``, ``delta (|d| - delta / 2)`` elsewhere.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.huber_loss(torch.tensor([0.5, 3.0]), torch.tensor([0.0, 0.0]), delta=2.0)
    tensor(2.0625)
    """
    _check_same_size(input, target, "huber_loss")
    d = input - target
    a = d.abs()
    loss = where(a < delta, d * d * 0.5, (a - 0.5 * delta) * delta)
    if weight is not None:
        loss = loss * weight
    return _named("huber_loss", _reduce(loss, reduction), (input, target))


def _class_dim_last(x: Tensor) -> Tensor:
    """``(N, C, d1, ...)`` -> ``(N * d1 * ..., C)``."""
    if x.ndim <= 2:
        return x
    perm = (0,) + tuple(range(2, x.ndim)) + (1,)
    return x.permute(*perm).reshape(-1, x.shape[1])


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: Any = None,
    ignore_index: int = -100,
    reduce: Any = None,
    reduction: str = "mean",
) -> Tensor:
    """The negative log likelihood of the class indices ``target`` under log-probabilities.

    ``input`` is ``(N, C)`` (or ``(C,)``, or ``(N, C, d1, ...)`` with
    ``target`` ``(N, d1, ...)``). ``weight`` rescales each class; targets
    equal to ``ignore_index`` count for nothing; ``'mean'`` divides by the
    total weight of the counted targets.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> logp = torch.tensor([[-0.5, -1.0], [-2.0, -0.1]])
    >>> F.nll_loss(logp, torch.tensor([0, 1]))
    tensor(0.3000)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if target.is_floating_point():
        raise RuntimeError(
            "expected scalar type Long but found Float: nll_loss takes class indices (int64); "
            "for probabilities use cross_entropy"
        )
    key = "nll_loss2d" if input.ndim >= 3 else "nll_loss"
    out_shape = tuple(target.shape)
    if input.ndim == 1:
        logp, t = input.unsqueeze(0), target.reshape(1)
    else:
        if input.ndim > 2 and (
            tuple(target.shape) != (input.shape[0],) + tuple(input.shape[2:])
        ):
            raise RuntimeError(
                f"Expected target size {[input.shape[0]] + list(input.shape[2:])}, "
                f"got {list(target.shape)}"
            )
        if input.ndim == 2 and target.shape[0] != input.shape[0]:
            raise ValueError(
                f"Expected input batch_size ({input.shape[0]}) to match target batch_size "
                f"({target.shape[0]})."
            )
        logp, t = _class_dim_last(input), target.reshape(-1)
    n, c = logp.shape
    idx = t.numpy()
    ignored = idx == ignore_index
    any_ignored = bool(ignored.any())
    if any_ignored:
        idx = np.where(ignored, 0, idx)
    if idx.size and (idx.min() < 0 or idx.max() >= c):
        bad = int(idx[(idx < 0) | (idx >= c)][0])
        raise IndexError(f"Target {bad} is out of bounds.")
    rows = arange(n)
    picked = logp[rows, tensor(idx)]
    if weight is None and not any_ignored:
        losses = -picked
        if reduction == "mean":
            out = -picked.mean() if n else picked.sum() * float("nan")
        elif reduction == "sum":
            out = -picked.sum()
        else:
            out = losses.reshape(out_shape)
        return _named(key, out, (input, target, weight))
    w = weight.detach().numpy()[idx] if weight is not None else np.ones(n, logp.dtype.np)
    if any_ignored:
        w = np.where(ignored, 0, w)
    w = w.astype(logp.dtype.np)
    losses = -picked * tensor(w)
    if reduction == "none":
        out = losses.reshape(out_shape)
    elif reduction == "sum":
        out = losses.sum()
    else:
        out = losses.sum() / float(w.sum(dtype=np.float64)) if w.sum() else losses.sum() / 0.0
    return _named(key, out, (input, target, weight))


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: Any = None,
    ignore_index: int = -100,
    reduce: Any = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """``nll_loss(log_softmax(input, 1), target)``; ``target`` class indices or probabilities.

    With class probabilities (``target`` shaped like ``input``, floating)
    the loss is ``-sum(target * log_softmax(input))`` per sample.
    ``label_smoothing`` mixes the target with the uniform distribution.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.tensor([[1.0, 2.0, 0.5]])
    >>> F.cross_entropy(x, torch.tensor([1]))
    tensor(0.4644)
    >>> F.cross_entropy(x, torch.tensor([[0.0, 1.0, 0.0]]))
    tensor(0.4644)
    >>> F.cross_entropy(x, torch.tensor([1]), label_smoothing=0.1)
    tensor(0.5477)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 0 if input.ndim == 1 else 1
    logp = _log_softmax(input, class_dim)
    n_classes = input.shape[class_dim]
    if target.is_floating_point():
        if tuple(target.shape) != tuple(input.shape):
            raise RuntimeError(
                "Expected floating point target (class probabilities) to have the same shape as "
                f"the input {list(input.shape)}, got {list(target.shape)}"
            )
        t = target
        if label_smoothing > 0:
            t = t * (1 - label_smoothing) + label_smoothing / n_classes
        prod = logp * t
        if weight is not None:
            shape = [1] * input.ndim
            shape[class_dim] = n_classes
            prod = prod * weight.reshape(shape)
        losses = -prod.sum(class_dim)
        if reduction == "mean":
            count = input.numel() // n_classes if input.ndim > 1 else 1
            return losses.sum() / count
        return _reduce(losses, reduction)
    nll = nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    if label_smoothing <= 0:
        return nll
    if weight is not None:
        shape = [1] * input.ndim
        shape[class_dim] = n_classes
        smooth = -(logp * weight.reshape(shape)).sum(class_dim)
    else:
        smooth = -logp.sum(class_dim)
    ignored = target == ignore_index
    smooth = where(ignored, 0.0, smooth)
    if reduction == "mean":
        if weight is not None:
            idx = target.numpy()[~ignored.numpy()]
            ret = smooth.sum() / float(weight.detach().numpy()[idx].sum())
        else:
            ret = smooth.sum() / float((~ignored.numpy()).sum())
    elif reduction == "sum":
        ret = smooth.sum()
    else:
        ret = smooth
    return nll * (1 - label_smoothing) + ret * (label_smoothing / n_classes)


def binary_cross_entropy(
    input, target, weight=None, size_average=None, reduce=None, reduction="mean"
):
    """``-(t log x + (1 - t) log(1 - x))``, each log clamped at -100 as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.binary_cross_entropy(torch.tensor([0.8, 0.1]), torch.tensor([1.0, 0.0]))
    tensor(0.1643)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size."
        )
    a = input.detach().numpy()
    if a.size and (a.min() < 0 or a.max() > 1):
        raise RuntimeError("all elements of input should be between 0 and 1")
    log_x = log(input).clamp_min(-100.0)
    log_1mx = log(1 - input).clamp_min(-100.0)
    loss = -(target * log_x + (1 - target) * log_1mx)
    if weight is not None:
        loss = loss * weight
    return _named("binary_cross_entropy", _reduce(loss, reduction), (input, target, weight))


def binary_cross_entropy_with_logits(
    input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None
):
    """``binary_cross_entropy(sigmoid(input), target)`` computed stably from the logits.

    ``pos_weight`` weighs the positive term (per class, broadcast along the last dim).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.binary_cross_entropy_with_logits(torch.tensor([2.0, -1.0]), torch.tensor([1.0, 0.0]))
    tensor(0.2201)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    # -log(sigmoid(x)) = softplus(-x); its derivative is exact at every x.
    neg_log_sig = softplus_p.bind(-input)
    if pos_weight is not None:
        log_weight = (pos_weight - 1) * target + 1
        loss = (1 - target) * input + log_weight * neg_log_sig
    else:
        loss = (1 - target) * input + neg_log_sig
    if weight is not None:
        loss = loss * weight
    out = _reduce(loss, reduction)
    return _named("binary_cross_entropy_with_logits", out, (input, target, weight, pos_weight))


def kl_div(
    input, target, size_average=None, reduce=None, reduction="mean", log_target=False
):
    """``target * (log(target) - input)`` summed as ``reduction`` says (``'batchmean'``: / N).

    ``input`` holds log-probabilities; ``target`` probabilities (or
    log-probabilities with ``log_target=True``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> logq = torch.log(torch.tensor([[0.5, 0.5]]))
    >>> F.kl_div(logq, torch.tensor([[0.9, 0.1]]), reduction="batchmean")
    tensor(0.3681)
    """
    reduction = _reduction(size_average, reduce, reduction)
    if log_target:
        loss = exp(target) * (target - input)
    else:
        safe = where(target > 0, target, 1.0)
        loss = where(target > 0, target * (log(safe) - input), -(target * input) * 0.0)
    if reduction == "batchmean":
        return loss.sum() / input.shape[0] if input.ndim else loss.sum()
    return _reduce(loss, reduction)


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise each channel (dim 1) by the batch statistics (training) or the running ones.

    In training the running statistics move by ``momentum`` towards the
    batch mean and the unbiased batch variance, in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.tensor([[1.0], [3.0]])
    >>> rm, rv = torch.zeros(1), torch.ones(1)
    >>> F.batch_norm(x, rm, rv, training=True)
    tensor([[-1.0000],
            [ 1.0000]])
    >>> rm, rv
    (tensor([0.2000]), tensor([1.1000]))
    """
    dims = (0,) + tuple(range(2, input.ndim))
    shape = (1, -1) + (1,) * (input.ndim - 2)
    if training:
        count = input.numel() // input.shape[1]
        if count <= 1:
            raise ValueError(
                f"Expected more than 1 value per channel when training, got input size "
                f"{input.shape}"
            )
        mean = input.mean(dims, keepdim=True)
        centered = input - mean
        var = (centered * centered).mean(dims, keepdim=True)
        out = centered * (var + eps).rsqrt()
        if running_mean is not None and running_var is not None:
            with no_grad():
                m = mean.detach().reshape(-1)
                v = var.detach().reshape(-1) * (count / (count - 1))
                running_mean.mul_(1 - momentum).add_(m * momentum)
                running_var.mul_(1 - momentum).add_(v * momentum)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("batch_norm in eval mode needs running_mean and running_var")
        out = (input - running_mean.reshape(shape)) * (running_var.reshape(shape) + eps).rsqrt()
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return _named("native_batch_norm", out, (input, weight, bias))


def layer_norm(
    input: Tensor,
    normalized_shape: Any,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise over the last ``len(normalized_shape)`` dimensions, then scale and shift.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.layer_norm(torch.tensor([[1.0, 3.0]]), (2,))
    tensor([[-1.0000,  1.0000]])
    """
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    k = len(normalized_shape)
    if tuple(input.shape[input.ndim - k:]) != tuple(normalized_shape):
        raise RuntimeError(
            f"Given normalized_shape={list(normalized_shape)}, expected input with shape "
            f"[*, {', '.join(str(s) for s in normalized_shape)}], but got input of size"
            f"{input.shape}"
        )
    dims = tuple(range(input.ndim - k, input.ndim))
    mean = input.mean(dims, keepdim=True)
    centered = input - mean
    var = (centered * centered).mean(dims, keepdim=True)
    out = centered * (var + eps).rsqrt()
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return _named("native_layer_norm", out, (input, weight, bias))


def group_norm(
    input: Tensor,
    num_groups: int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise the channels (dim 1) in ``num_groups`` groups, then scale and shift per channel.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> F.group_norm(torch.tensor([[1.0, 3.0, 5.0, 5.0]]), 2)
    tensor([[-1.0000,  1.0000,  0.0000,  0.0000]])
    """
    n, c = input.shape[0], input.shape[1]
    if c % num_groups:
        raise RuntimeError(
            f"Expected number of channels in input to be divisible by num_groups, but got input "
            f"of shape {input.shape} and num_groups={num_groups}"
        )
    grouped = input.reshape(n, num_groups, -1)
    mean = grouped.mean(-1, keepdim=True)
    centered = grouped - mean
    var = (centered * centered).mean(-1, keepdim=True)
    out = (centered * (var + eps).rsqrt()).reshape(input.shape)
    shape = (1, -1) + (1,) * (input.ndim - 2)
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return _named("native_group_norm", out, (input, weight, bias))

