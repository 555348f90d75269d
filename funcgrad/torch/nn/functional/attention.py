"""Attention: ``scaled_dot_product_attention`` and ``multi_head_attention_forward``.

Both are composites of the torch face's products, ``softmax`` and ``where``;
masks follow PyTorch's two conventions: in ``scaled_dot_product_attention`` a
boolean ``attn_mask`` says which positions *take part* (``True`` = attend),
while ``MultiheadAttention``'s boolean masks say which are *masked out*
(``True`` = ignore). A float mask is added to the scores in both.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from ...factories import tensor, zeros
from ...functions import cat, matmul, where
from ...tensor import Tensor
from ._common import _named
from .activations import softmax
from .dense import dropout, linear
from .padding import pad

__all__ = ["scaled_dot_product_attention", "multi_head_attention_forward"]


def canonical_mask(mask: Tensor | None, mask_name: str, other_type: Any, other_name: str,
                   target_type: Any, check_other: bool = True) -> Tensor | None:
    """A float mask as it is, a boolean one as ``-inf`` where ``True`` and ``0`` elsewhere.

    PyTorch's ``F._canonical_mask``: the form ``MultiheadAttention`` and the
    transformer layers add to attention scores.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> canonical_mask(torch.tensor([False, True]), "key_padding_mask", None, "",
    ...                torch.float32)
    tensor([0., -inf])
    """
    if mask is None:
        return None
    if mask.dtype != _bool_dtype() and not mask.is_floating_point():
        raise AssertionError(f"only bool and floating types of {mask_name} are supported")
    if check_other and other_type is not None and mask.dtype != other_type:
        warnings.warn(
            f"Support for mismatched {mask_name} and {other_name} is deprecated. "
            "Use same type for both instead.", stacklevel=3,
        )
    if mask.is_floating_point():
        return mask
    return where(mask, float("-inf"), zeros(mask.shape, dtype=target_type))


def _bool_dtype() -> Any:
    return tensor(True).dtype


def _causal_bool(rows: int, cols: int) -> Tensor:
    """``True`` on and below the diagonal: where a causal query may attend."""
    return tensor(np.tril(np.ones((rows, cols), dtype=bool)))


def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor,
                                 attn_mask: Tensor | None = None, dropout_p: float = 0.0,
                                 is_causal: bool = False, scale: float | None = None,
                                 enable_gqa: bool = False) -> Tensor:
    """``softmax(query @ key.T * scale + mask) @ value`` over the last two axes.

    ``attn_mask`` is boolean (``True``: the query may attend to that key) or
    float (added to the scores); ``is_causal`` masks every key after the
    query's position; ``scale`` defaults to ``1 / sqrt(query.size(-1))``;
    ``dropout_p`` drops attention weights (always: pass ``0.0`` in
    evaluation); ``enable_gqa`` lets ``key``/``value`` have fewer heads
    (axis -3) than ``query``, each shared by a group of query heads.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> q = k = v = torch.eye(3).reshape(1, 3, 3)
    >>> F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=0.0)
    tensor([[[1.0000, 0.0000, 0.0000],
             [0.5000, 0.5000, 0.0000],
             [0.3333, 0.3333, 0.3333]]])
    """
    if is_causal and attn_mask is not None:
        raise RuntimeError(
            "_scaled_dot_product_attention: Explicit attn_mask should not be set when "
            "is_causal=True"
        )
    L, S = query.shape[-2], key.shape[-2]
    factor = 1.0 / math.sqrt(query.shape[-1]) if scale is None else float(scale)
    if enable_gqa and query.ndim >= 3:
        groups = query.shape[-3] // key.shape[-3]
        key = _repeat_heads(key, groups)
        value = _repeat_heads(value, query.shape[-3] // value.shape[-3])
    scores = matmul(query, key.transpose(-2, -1)) * factor
    if is_causal:
        scores = where(_causal_bool(L, S), scores, float("-inf"))
    elif attn_mask is not None:
        if attn_mask.dtype == _bool_dtype():
            scores = where(attn_mask, scores, float("-inf"))
        else:
            scores = scores + attn_mask
    weights = softmax(scores, dim=-1)
    if dropout_p > 0.0:
        weights = dropout(weights, dropout_p, training=True)
    return _named("sdpa", matmul(weights, value), (query, key, value))


def _repeat_heads(x: Tensor, times: int) -> Tensor:
    """Each head of axis -3 repeated ``times`` times in place (``repeat_interleave``)."""
    if times == 1:
        return x
    shape = tuple(x.shape)
    expanded = x.unsqueeze(-3).expand(*shape[:-3], shape[-3], times, *shape[-2:])
    return expanded.reshape(*shape[:-3], shape[-3] * times, *shape[-2:])


def _mha_shape_check(query: Tensor, key: Tensor, value: Tensor,
                     key_padding_mask: Tensor | None, attn_mask: Tensor | None,
                     num_heads: int) -> bool:
    """Whether the inputs are batched; PyTorch's errors for inconsistent ranks."""
    if query.dim() == 3:
        if key.dim() != 3 or value.dim() != 3:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively"
            )
        if key_padding_mask is not None and key_padding_mask.dim() != 2:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D "
                f"but found {key_padding_mask.dim()}-D tensor instead"
            )
        if attn_mask is not None and attn_mask.dim() not in (2, 3):
            raise AssertionError(
                "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D "
                f"but found {attn_mask.dim()}-D tensor instead"
            )
        return True
    if query.dim() == 2:
        if key.dim() != 2 or value.dim() != 2:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively"
            )
        if key_padding_mask is not None and key_padding_mask.dim() != 1:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D "
                f"but found {key_padding_mask.dim()}-D tensor instead"
            )
        if attn_mask is not None:
            if attn_mask.dim() not in (2, 3):
                raise AssertionError(
                    "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or "
                    f"3-D but found {attn_mask.dim()}-D tensor instead"
                )
            expected = (num_heads, query.shape[0], key.shape[0])
            if attn_mask.dim() == 3 and tuple(attn_mask.shape) != expected:
                raise AssertionError(
                    f"Expected `attn_mask` shape to be {expected} but got {attn_mask.shape}"
                )
        return False
    raise AssertionError(
        "query should be unbatched 2D or batched 3D tensor but received "
        f"{query.dim()}-D query tensor"
    )


def _in_projection(query: Tensor, key: Tensor, value: Tensor, w: Tensor | None,
                   b: Tensor | None, separate: tuple) -> tuple[Tensor, Tensor, Tensor]:
    """The query, key and value projections, from the packed or the three separate weights."""
    if separate[0] is not None:
        bq = bk = bv = None
        if b is not None:
            bq, bk, bv = b.chunk(3)
        return (linear(query, separate[0], bq), linear(key, separate[1], bk),
                linear(value, separate[2], bv))
    assert w is not None
    E = query.shape[-1]
    if key is value and query is key:
        q, k, v = linear(query, w, b).split(E, dim=-1)
        return q, k, v
    if key is value:
        wq, wkv = w.split([E, 2 * E])
        bq = bkv = None
        if b is not None:
            bq, bkv = b.split([E, 2 * E])
        k, v = linear(key, wkv, bkv).split(E, dim=-1)
        return linear(query, wq, bq), k, v
    wq, wk, wv = w.chunk(3)
    bq = bk = bv = None
    if b is not None:
        bq, bk, bv = b.chunk(3)
    return linear(query, wq, bq), linear(key, wk, bk), linear(value, wv, bv)


def _check_attn_mask(attn_mask: Tensor, tgt_len: int, src_len: int, heads: int) -> Tensor:
    if attn_mask.dim() == 2:
        if tuple(attn_mask.shape) != (tgt_len, src_len):
            raise RuntimeError(
                f"The shape of the 2D attn_mask is {attn_mask.shape}, but should be "
                f"{(tgt_len, src_len)}."
            )
        return attn_mask.unsqueeze(0)
    if attn_mask.dim() == 3:
        if tuple(attn_mask.shape) != (heads, tgt_len, src_len):
            raise RuntimeError(
                f"The shape of the 3D attn_mask is {attn_mask.shape}, but should be "
                f"{(heads, tgt_len, src_len)}."
            )
        return attn_mask
    raise RuntimeError(f"attn_mask's dimension {attn_mask.dim()} is not supported")


def multi_head_attention_forward(
    query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: int, num_heads: int,
    in_proj_weight: Tensor | None, in_proj_bias: Tensor | None, bias_k: Tensor | None,
    bias_v: Tensor | None, add_zero_attn: bool, dropout_p: float, out_proj_weight: Tensor,
    out_proj_bias: Tensor | None, training: bool = True,
    key_padding_mask: Tensor | None = None, need_weights: bool = True,
    attn_mask: Tensor | None = None, use_separate_proj_weight: bool = False,
    q_proj_weight: Tensor | None = None, k_proj_weight: Tensor | None = None,
    v_proj_weight: Tensor | None = None, static_k: Tensor | None = None,
    static_v: Tensor | None = None, average_attn_weights: bool = True,
    is_causal: bool = False,
) -> tuple[Tensor, Tensor | None]:
    """The computation of :class:`~funcgrad.torch.nn.MultiheadAttention`, sequence-first.

    ``query`` is ``(L, N, E)`` (or ``(L, E)`` unbatched), ``key``/``value``
    ``(S, N, E)``. Returns the output ``(L, N, E)`` and, with
    ``need_weights``, the attention weights ``(N, L, S)`` (averaged over
    heads) or ``(N, num_heads, L, S)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.nn.functional as F
    >>> x = torch.ones(3, 2, 4)
    >>> out, w = F.multi_head_attention_forward(
    ...     x, x, x, 4, 2, torch.ones(12, 4), None, None, None, False, 0.0,
    ...     torch.eye(4), None)
    >>> out.shape, w.shape, w[0, 0]
    (torch.Size([3, 2, 4]), torch.Size([2, 3, 3]), tensor([0.3333, 0.3333, 0.3333]))
    """
    is_batched = _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not is_batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    key_padding_mask = canonical_mask(
        key_padding_mask, "key_padding_mask", None if attn_mask is None else attn_mask.dtype,
        "attn_mask", query.dtype,
    )
    if is_causal and attn_mask is None:
        raise RuntimeError(
            "Need attn_mask if specifying the is_causal hint. You may use the Transformer "
            "module method `generate_square_subsequent_mask` to create this mask."
        )
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # the causal hint goes to scaled_dot_product_attention
    else:
        attn_mask = canonical_mask(attn_mask, "attn_mask", None, "", query.dtype,
                                   check_other=False)
        if key_padding_mask is not None:
            is_causal = False
    if embed_dim != embed_dim_to_check:
        raise AssertionError(
            f"was expecting embedding dimension of {embed_dim_to_check}, but got {embed_dim}"
        )
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if use_separate_proj_weight:
        if tuple(key.shape[:2]) != tuple(value.shape[:2]):
            raise AssertionError(
                f"key's sequence and batch dims {key.shape[:2]} do not match value's "
                f"{value.shape[:2]}"
            )
        for name, w in (("q", q_proj_weight), ("k", k_proj_weight), ("v", v_proj_weight)):
            if w is None:
                raise AssertionError(
                    f"use_separate_proj_weight is True but {name}_proj_weight is None"
                )
        separate = (q_proj_weight, k_proj_weight, v_proj_weight)
    else:
        if tuple(key.shape) != tuple(value.shape):
            raise AssertionError(f"key shape {key.shape} does not match value shape "
                                 f"{value.shape}")
        if in_proj_weight is None:
            raise AssertionError("use_separate_proj_weight is False but in_proj_weight is None")
        separate = (None, None, None)
    q, k, v = _in_projection(query, key, value, in_proj_weight, in_proj_bias, separate)
    if attn_mask is not None:
        attn_mask = _check_attn_mask(attn_mask, tgt_len, src_len, bsz * num_heads)
    if bias_k is not None and bias_v is not None:
        if static_k is not None:
            raise AssertionError("bias cannot be added to static key.")
        if static_v is not None:
            raise AssertionError("bias cannot be added to static value.")
        k = cat([k, bias_k.repeat(1, bsz, 1)])
        v = cat([v, bias_v.repeat(1, bsz, 1)])
        attn_mask = None if attn_mask is None else pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else pad(key_padding_mask, (0, 1))
    elif bias_k is not None:
        raise AssertionError("bias_k is set but bias_v is None")
    elif bias_v is not None:
        raise AssertionError("bias_v is set but bias_k is None")
    heads = bsz * num_heads
    q = q.reshape(tgt_len, heads, head_dim).transpose(0, 1)
    k = _static(static_k, "static_k", heads, head_dim) if static_k is not None \
        else k.reshape(k.shape[0], heads, head_dim).transpose(0, 1)
    v = _static(static_v, "static_v", heads, head_dim) if static_v is not None \
        else v.reshape(v.shape[0], heads, head_dim).transpose(0, 1)
    if add_zero_attn:
        k = cat([k, zeros((heads, 1, head_dim), dtype=k.dtype)], dim=1)
        v = cat([v, zeros((heads, 1, head_dim), dtype=v.dtype)], dim=1)
        attn_mask = None if attn_mask is None else pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else pad(key_padding_mask, (0, 1))
    src_len = k.shape[1]
    if key_padding_mask is not None:
        for axis, want in ((0, bsz), (1, src_len)):
            if key_padding_mask.shape[axis] != want:
                raise AssertionError(
                    f"Expected key_padded_mask.shape[{axis}] to be {want}, but got "
                    f"{key_padding_mask.shape[axis]}"
                )
        kpm = key_padding_mask.reshape(bsz, 1, 1, src_len).expand(-1, num_heads, -1, -1)
        kpm = kpm.reshape(heads, 1, src_len)
        attn_mask = kpm if attn_mask is None else attn_mask + kpm
    if not training:
        dropout_p = 0.0
    if need_weights:
        scores = matmul(q * math.sqrt(1.0 / float(head_dim)), k.transpose(-2, -1))
        if attn_mask is not None:
            scores = scores + attn_mask
        weights = softmax(scores, dim=-1)
        if dropout_p > 0.0:
            weights = dropout(weights, p=dropout_p)
        out = matmul(weights, v).transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        out = linear(out, out_proj_weight, out_proj_bias).view(tgt_len, bsz, -1)
        weights = weights.view(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(dim=1)
        if not is_batched:
            out, weights = out.squeeze(1), weights.squeeze(0)
        return out, weights
    if attn_mask is not None:
        if attn_mask.shape[0] == 1 and attn_mask.dim() == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.reshape(bsz, num_heads, -1, src_len)
    q = q.reshape(bsz, num_heads, tgt_len, head_dim)
    k = k.reshape(bsz, num_heads, src_len, head_dim)
    v = v.reshape(bsz, num_heads, src_len, head_dim)
    out = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
    out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = linear(out, out_proj_weight, out_proj_bias).view(tgt_len, bsz, -1)
    if not is_batched:
        out = out.squeeze(1)
    return out, None


def _static(x: Tensor, name: str, heads: int, head_dim: int) -> Tensor:
    if x.shape[0] != heads:
        raise AssertionError(f"expecting {name}.size(0) of {heads}, but got {x.shape[0]}")
    if x.shape[2] != head_dim:
        raise AssertionError(f"expecting {name}.size(2) of {head_dim}, but got {x.shape[2]}")
    return x
