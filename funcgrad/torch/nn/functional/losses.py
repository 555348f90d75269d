"""Losses: regression, classification and divergence losses with PyTorch's reductions."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .... import numpy as fnp
from ....core.trace import Tracer
from ....primitives.indexing import take_along_axis_p
from ....primitives.nn import softplus_p
from ....primitives.shape import sum_p
from ..._graph import is_grad_enabled
from ..._operands import peek_value
from ...factories import arange, tensor
from ...functions import exp, log, where
from ...functions import log_softmax as _log_softmax
from ...tensor import Tensor, record
from ._common import _named

__all__ = [
    "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "nll_loss", "cross_entropy",
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div"
]


_REDUCTIONS = ("none", "mean", "sum")


def _reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        legacy = ("mean" if size_average else "sum") if reduce else "none"
        warnings.warn(
            "size_average and reduce args will be deprecated, please use "
            f"reduction='{legacy}' instead.", UserWarning, stacklevel=3)
        return legacy
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
    if weight is not None and weight.requires_grad and is_grad_enabled():
        # PyTorch has no derivative for the class weights; computing without one would
        # drop it silently.
        raise RuntimeError(
            "The function 'nll_loss_forward' is not differentiable with respect to argument "
            "'weight'. This input cannot have requires_grad True."
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
        logp = _class_dim_last(input)
        t = target if target.ndim == 1 else target.reshape(-1)
    n, c = logp.shape
    if isinstance(peek_value(t._node), Tracer):
        out = _nll_traced(logp, t, weight, ignore_index, reduction)
        return _named(key, out.reshape(out_shape) if reduction == "none" else out, (input,))
    idx = t.numpy()
    ignored = idx == ignore_index
    any_ignored = bool(ignored.any())
    if any_ignored:
        idx = np.where(ignored, 0, idx)
    if idx.size and (idx.min() < 0 or idx.max() >= c):
        bad = int(idx[(idx < 0) | (idx >= c)][0])
        raise IndexError(f"Target {bad} is out of bounds.")
    if weight is None and not any_ignored and n:
        # The common case composed on the kernel's nodes: the face records one node,
        # NllLossBackward0, as PyTorch does, instead of one per step of the formula. A
        # gather of one entry per row (its derivative writes each row's entry), then
        # -sum / n as sum / -n.
        picked = take_along_axis_p.bind(logp._node, idx[:, None], axis=1)
        if reduction == "none":
            out = fnp.reshape(fnp.negative(picked), out_shape)
        else:
            total = sum_p.bind(picked, axis=(0, 1), keepdims=False)
            out = fnp.true_divide(total, -n) if reduction == "mean" else fnp.negative(total)
        return record(key, out, (input,))
    picked = logp[arange(n), tensor(idx)]
    if weight is None and not any_ignored:  # no targets: PyTorch's 0 for a sum, NaN for a mean
        if reduction == "none":
            out = (-picked).reshape(out_shape)
        else:
            out = picked.sum() * float("nan") if reduction == "mean" else picked.sum()
        return _named(key, out, (input,))
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
    return _named(key, out, (input,))


def _nll_traced(logp: Tensor, t: Tensor, weight: Tensor | None, ignore_index: int,
                reduction: str) -> Tensor:
    """nll_loss with targets that are traced (per-example targets under ``torch.func.vmap``):
    the same formula with gathers and masks in place of NumPy indexing, and no bounds
    check, which needs the targets' values."""
    ignored = t == ignore_index
    safe = where(ignored, 0, t)
    picked = where(arange(logp.shape[1]) == safe.unsqueeze(1), logp, 0.0).sum(1)
    w = weight.detach()[safe] if weight is not None else None
    if w is None and ignore_index < 0:
        w = where(ignored, 0.0, 1.0).to(logp.dtype)
    elif w is None:
        w = (~ignored).to(logp.dtype)
    else:
        w = where(ignored, 0.0, w).to(logp.dtype)
    losses = -picked * w
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / w.sum()


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
