"""funcgrad.nn: neural-network activations and softmax-type functions (anchor: ``jax.nn``).

Every function is numerically stable in its value *and* its first and second
derivatives: inputs such as ``+-1000`` give finite results in float32 and
float64. The tricks: ``sigmoid`` and ``softplus`` are primitives with stable
NumPy implementations and derivatives written through their own outputs
(``sigmoid' = s (1 - s)``); ``logsumexp`` is a primitive whose derivative is
``exp(a - logsumexp(a))`` (never above 1); branches that would overflow in the
branch not taken (``elu``) are guarded on their input too (the double-``where``
idiom), so no ``inf * 0`` reaches a gradient.

At kinks the derivative follows JAX: ``relu'(0) = 0``, ``leaky_relu'(0) = 1``,
``relu6'`` is 0 at 0 and 6, ``hard_tanh'(+-1) = 1``.
"""

from __future__ import annotations

import math

import numpy as np

from .. import numpy as fnp
from ..primitives.comparisons import less, not_equal, sign
from ..primitives.elementwise import absolute, exp, integer_pow, tanh, where
from ..primitives.elementwise import where as _where
from ..primitives.indexing import as_inexact, asarray
from ..primitives.nn import erf_p, logsumexp_p, sigmoid, softplus_p
from ..primitives.nn import log_softmax as _log_softmax
from ..primitives.nn import softmax as _softmax
from ..primitives.reductions import sum
from ..primitives.shape import keep_reduced_dims, normalize_axis
from ..primitives.ufuncs import expm1
from ..primitives.util import dtype_of
from ..transforms.custom import stop_gradient
from . import initializers  # noqa: F401 - funcgrad.nn.initializers, as jax.nn's

__all__ = [
    "celu", "elu", "gelu", "hard_tanh", "leaky_relu", "log_sigmoid", "log_softmax",
    "logsumexp", "relu", "relu6", "selu", "sigmoid", "silu", "soft_sign", "softmax",
    "softplus", "swish", "identity", "squareplus", "sparse_plus", "sparse_sigmoid", "mish",
    "hard_sigmoid", "hard_silu", "hard_swish", "log1mexp", "glu", "logmeanexp", "standardize",
    "one_hot", "dot_product_attention", "tanh", "initializers",
]


# ---------------------------------------------------------------------------
# Activations
# ---------------------------------------------------------------------------

def relu(x):
    """``max(x, 0)``, with derivative 0 at 0 (as :func:`jax.nn.relu`).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.relu)(0.0), fg.grad(nn.relu)(2.0)
    (array(0.), array(1.))
    """
    x = asarray(x)
    return where(x > 0, x, 0)


def relu6(x):
    """``min(max(x, 0), 6)``, with derivative 1 only strictly inside (0, 6) (as JAX).

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.relu6(fnp.asarray([-1.0, 3.0, 7.0]))
    array([0., 3., 6.])
    """
    x = asarray(x)
    return where(x > 0, where(x < 6, x, 6), 0)


def softplus(x):
    """``log(1 + exp(x))``, computed stably, as :func:`jax.nn.softplus`; derivative ``sigmoid(x)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> nn.softplus(1000.0), fg.grad(nn.softplus)(0.0)
    (np.float64(1000.0), array(0.5))
    """
    return softplus_p.bind(as_inexact(x))


def log_sigmoid(x):
    """``log(sigmoid(x)) = -softplus(-x)``, as :func:`jax.nn.log_sigmoid`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> nn.log_sigmoid(-1000.0), fg.grad(nn.log_sigmoid)(-1000.0)
    (np.float64(-1000.0), array(1.))
    """
    return -softplus(-as_inexact(x))


def silu(x):
    """``x * sigmoid(x)`` (also called swish), as :func:`jax.nn.silu`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.silu)(0.0)
    array(0.5)
    """
    x = as_inexact(x)
    return x * sigmoid(x)


swish = silu


def gelu(x, approximate=True):
    """The Gaussian error linear unit, as :func:`jax.nn.gelu`.

    ``approximate=True`` (JAX's default) uses ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))``;
    ``approximate=False`` the exact ``0.5 x (1 + erf(x / sqrt(2)))``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.gelu)(0.0), fg.grad(lambda x: nn.gelu(x, approximate=False))(0.0)
    (array(0.5), array(0.5))
    """
    x = as_inexact(x)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * integer_pow(x, 3))
        return x * (0.5 * (1 + tanh(inner)))
    return x * (0.5 * (1 + erf_p.bind(x * (1 / math.sqrt(2)))))


def _identity_above_zero(x, below):
    """``x`` where ``x > 0``, else ``below(x)``; ``below`` sees 0 in place of the positive
    entries (the double-``where`` idiom), so an overflow there never reaches a gradient."""
    x = as_inexact(x)
    positive = x > 0
    return where(positive, x, below(where(positive, 0, x)))


def elu(x, alpha=1.0):
    """``x`` for ``x > 0``, else ``alpha * (exp(x) - 1)``, as :func:`jax.nn.elu`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.elu)(1000.0), fg.grad(nn.elu)(-1000.0)
    (array(1.), array(0.))
    """
    return _identity_above_zero(x, lambda safe: alpha * expm1(safe))


def celu(x, alpha=1.0):
    """``max(x, 0) + alpha * expm1(min(x, 0) / alpha)``, as :func:`jax.nn.celu`.

    Examples
    --------
    >>> import funcgrad.nn as nn
    >>> nn.celu(-1000.0, alpha=2.0)
    array(-2.)
    """
    return _identity_above_zero(x, lambda safe: alpha * expm1(safe / alpha))


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(x):
    """The scaled ELU ``scale * elu(x, alpha)`` with JAX's constants, as :func:`jax.nn.selu`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.selu)(1.0)
    array(1.05070099)
    """
    return _SELU_SCALE * elu(x, _SELU_ALPHA)


def leaky_relu(x, negative_slope=1e-2):
    """``x`` for ``x >= 0``, else ``negative_slope * x``, as :func:`jax.nn.leaky_relu`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.leaky_relu)(-3.0), fg.grad(nn.leaky_relu)(0.0)
    (array(0.01), array(1.))
    """
    x = as_inexact(x)
    return where(x >= 0, x, negative_slope * x)


def hard_tanh(x):
    """``x`` clipped to ``[-1, 1]``, with derivative 1 on the closed interval (as JAX).

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.hard_tanh(fnp.asarray([-2.0, 0.5, 2.0]))
    array([-1. ,  0.5,  1. ])
    """
    x = as_inexact(x)
    return where(x > 1, 1, where(x < -1, -1, x))


def soft_sign(x):
    """``x / (|x| + 1)``, as :func:`jax.nn.soft_sign`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.soft_sign)(1.0)
    array(0.25)
    """
    x = as_inexact(x)
    return x / (absolute(x) + 1)


# ---------------------------------------------------------------------------
# logsumexp and softmax
# ---------------------------------------------------------------------------

def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """``log(sum(b * exp(a)))`` over ``axis``, stably, as :func:`jax.nn.logsumexp`.

    The derivative is ``b * exp(a - logsumexp(a))``, a softmax, bounded by
    ``|b|``. With weights ``b`` the sum may be negative: ``return_sign=True``
    returns ``(log|sum|, sign)``; otherwise a negative sum gives NaN (as JAX).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.logsumexp(fnp.asarray([1000.0, 1000.0]))   # 1000 + log 2
    array(1000.69314718)
    >>> fg.grad(nn.logsumexp)(fnp.asarray([1000.0, -1000.0]))
    array([1., 0.])
    """
    a = as_inexact(a)
    weights = 1.0 if b is None else b
    if b is not None:  # entries weighted 0 are left out, and do not set the shift (as JAX)
        a = where(not_equal(b, 0), a, -np.inf)
    shape = np.broadcast_shapes(np.shape(a), np.shape(weights))
    axes = normalize_axis(axis, len(shape))
    out = logsumexp_p.bind(a, weights, axis=axes, keepdims=bool(keepdims))
    if b is None:
        return (out, np.ones(np.shape(out), dtype_of(out))) if return_sign else out
    lse = keep_reduced_dims(out, axes, keepdims)
    sgn = sign(sum(weights * exp(a - lse), axis=axes, keepdims=bool(keepdims)))
    if return_sign:
        return out, sgn
    return where(less(sgn, 0), np.nan, out)


def log_softmax(x, axis=-1, where=None):
    """``x - logsumexp(x, axis, keepdims=True)``, as :func:`jax.nn.log_softmax`.

    One primitive (its derivative ``g - softmax(x) * sum(g)``). ``where``, a boolean
    mask broadcast against ``x``, leaves the entries where it is False out of the
    normalisation; they come out as ``-inf``, with zero gradient.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.log_softmax(fnp.asarray([1000.0, -1000.0]))
    array([    0., -2000.])
    >>> nn.log_softmax(fnp.asarray([1.0, 2.0, 3.0]), where=fnp.asarray([True, False, True]))
    array([-2.12692801,        -inf, -0.12692801])
    """
    x = as_inexact(x)
    if where is None:
        return _log_softmax(x, axis)
    mask = fnp.broadcast_to(fnp.asarray(where, dtype=bool), np.shape(x))
    return _where(mask, _log_softmax(_where(mask, x, -np.inf), axis), -np.inf)


def softmax(x, axis=-1, where=None):
    """``exp(x) / sum(exp(x))`` over ``axis``, stably, as :func:`jax.nn.softmax`.

    One primitive (its derivative ``p * (g - sum(g * p))`` with ``p`` the result).
    ``where`` leaves the entries where it is False out; they come out as 0.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.softmax(fnp.asarray([1000.0, -1000.0]))
    array([1., 0.])
    >>> fg.jacobian(nn.softmax)(fnp.asarray([0.0, 0.0]))
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> nn.softmax(fnp.asarray([0.0, 5.0, 0.0]), where=fnp.asarray([True, False, True]))
    array([0.5, 0. , 0.5])
    """
    x = as_inexact(x)
    if where is None:
        return _softmax(x, axis)
    mask = fnp.broadcast_to(fnp.asarray(where, dtype=bool), np.shape(x))
    return _where(mask, _softmax(_where(mask, x, -np.inf), axis), 0.0)


# No NumPy counterparts: nothing to register for plain-NumPy dispatch.
NUMPY_EQUIVALENTS: dict = {}


# ---------------------------------------------------------------------------
# More of jax.nn
# ---------------------------------------------------------------------------

def identity(x):
    """``x`` itself, as :func:`jax.nn.identity`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.identity)(3.0)
    array(1.)
    """
    return fnp.asarray(x)


def squareplus(x, b=4):
    """``(x + fnp.sqrt(x**2 + b)) / 2``, a smooth ReLU, as :func:`jax.nn.squareplus`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> nn.squareplus(0.0), fg.grad(nn.squareplus)(0.0)
    (np.float64(1.0), array(0.5))
    """
    x = as_inexact(x)
    return (x + fnp.sqrt(fnp.square(x) + b)) / 2


def sparse_plus(x):
    """0 below -1, ``x`` above 1, ``(x + 1)**2 / 4`` between, as :func:`jax.nn.sparse_plus`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.sparse_plus(fnp.asarray([-2.0, 0.0, 2.0]))
    array([0.  , 0.25, 2.  ])
    """
    x = as_inexact(x)
    return fnp.where(x <= -1.0, 0.0, fnp.where(x >= 1.0, x, (x + 1.0) ** 2 / 4))


def sparse_sigmoid(x):
    """``fnp.clip(x + 1, 0, 2) / 2``, the derivative of :func:`sparse_plus`, as
    :func:`jax.nn.sparse_sigmoid`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.sparse_sigmoid(fnp.asarray([-2.0, 0.0, 2.0]))
    array([0. , 0.5, 1. ])
    """
    return 0.5 * fnp.clip(as_inexact(x) + 1.0, 0.0, 2.0)


def mish(x):
    """``x * tanh(softplus(x))``, as :func:`jax.nn.mish`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.mish)(0.0)
    array(0.6)
    """
    x = as_inexact(x)
    return x * tanh(softplus(x))


def hard_sigmoid(x):
    """``relu6(x + 3) / 6``, as :func:`jax.nn.hard_sigmoid`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.hard_sigmoid(fnp.asarray([-4.0, 0.0, 4.0]))
    array([0. , 0.5, 1. ])
    """
    return relu6(as_inexact(x) + 3.0) / 6.0


def hard_silu(x):
    """``x * hard_sigmoid(x)`` (also called hard swish), as :func:`jax.nn.hard_silu`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.hard_silu(fnp.asarray([-4.0, 1.0, 4.0]))
    array([-0.        ,  0.66666667,  4.        ])
    """
    x = as_inexact(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def log1mexp(x):
    """``log(1 - exp(-x))`` for ``x > 0``, accurately near 0 and for large ``x``, as
    :func:`jax.nn.log1mexp`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> nn.log1mexp(1e-10), fg.grad(nn.log1mexp)(1.0)
    (array(-23.02585093), array(0.58197671))
    """
    x = as_inexact(x)
    small = x < math.log(2.0)
    near_zero = fnp.log(-expm1(-fnp.where(small, x, 1.0)))
    far = fnp.log1p(-fnp.exp(-fnp.where(small, 1.0, x)))
    return fnp.where(small, near_zero, far)


def glu(x, axis=-1):
    """The gated linear unit: the first half of ``x`` along ``axis`` times the sigmoid of
    the second, as :func:`jax.nn.glu`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.glu(fnp.asarray([2.0, 0.0]))
    array([1.])
    """
    x = fnp.asarray(x)
    size = x.shape[axis]
    if size % 2:
        raise ValueError(f"glu splits axis {axis} in halves, but its size is {size} (odd).")
    x1, x2 = fnp.split(x, 2, axis)
    return x1 * sigmoid(x2)


def logmeanexp(x, axis=None, where=None, keepdims=False):
    """``log(mean(exp(x)))`` over ``axis``, stably, as :func:`jax.nn.logmeanexp`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.logmeanexp(fnp.asarray([1000.0, 1000.0]))
    np.float64(1000.0)
    """
    x = as_inexact(x)
    if where is None:
        lse = logsumexp(x, axis=axis, keepdims=keepdims)
        axes = normalize_axis(axis, x.ndim)
        count = math.prod(x.shape[a] for a in axes) if axes is not None else x.size
        return lse - math.log(count)
    lse = logsumexp(fnp.where(where, x, -np.inf), axis=axis, keepdims=keepdims)
    count = fnp.sum(fnp.broadcast_to(where, x.shape), axis=axis, keepdims=keepdims)
    return lse - fnp.log(fnp.astype(count, lse.dtype))


def standardize(x, axis=-1, mean=None, variance=None, epsilon=1e-5, where=None, *,
                algorithm="fast"):
    """``(x - mean) / fnp.sqrt(variance + epsilon)`` over ``axis``, as :func:`jax.nn.standardize`.

    ``algorithm="fast"`` computes the variance as ``mean(x**2) - mean(x)**2``
    (clipped at 0), ``"stable"`` as ``mean((x - mean)**2)``.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.standardize(fnp.asarray([1.0, 2.0, 3.0]), epsilon=0.0)
    array([-1.22474487,  0.        ,  1.22474487])
    """
    x = as_inexact(x)
    if mean is None:
        mean = _mean(x, axis, where)
    if variance is None:
        if algorithm == "stable":
            variance = _mean(fnp.square(x - mean), axis, where)
        elif algorithm == "fast":
            variance = fnp.clip(_mean(fnp.square(x), axis, where) - fnp.square(mean), 0, None)
        else:
            raise ValueError(f"Unknown algorithm '{algorithm}'. Expected 'fast' or 'stable'.")
    return (x - mean) * (1 / fnp.sqrt(variance + epsilon))


def _mean(x, axis, where):
    if where is None:
        return fnp.mean(x, axis=axis, keepdims=True)
    w = fnp.broadcast_to(where, x.shape)
    total = fnp.sum(fnp.where(w, x, 0), axis=axis, keepdims=True)
    return total / fnp.sum(w, axis=axis, keepdims=True)


def one_hot(x, num_classes, *, dtype=None, axis=-1):
    """One-hot encodings of the integers ``x`` (a new axis of length ``num_classes`` at
    ``axis``; entries out of range give all zeros), as :func:`jax.nn.one_hot`.

    Examples
    --------
    >>> import funcgrad.nn as nn
    >>> nn.one_hot([0, 2, 5], 3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 0., 0.]])
    """
    x = fnp.asarray(x)
    num_classes = int(num_classes)
    out_axis = axis % (x.ndim + 1) if -(x.ndim + 1) <= axis <= x.ndim else None
    if out_axis is None:
        raise ValueError(f"axis {axis} is out of bounds for a one-hot encoding of rank "
                         f"{x.ndim + 1}")
    classes_shape = [1] * x.ndim
    classes_shape.insert(out_axis, num_classes)
    classes = np.arange(num_classes).reshape(classes_shape)
    out = fnp.expand_dims(x, out_axis) == classes
    return fnp.astype(out, np.float64 if dtype is None else dtype)


def _large_negative(dtype):
    return -0.7 * min(float(np.finfo(dtype).max), float(np.finfo(np.float32).max))


def dot_product_attention(query, key, value, bias=None, mask=None, *, scale=None,
                          is_causal=False, query_seq_lengths=None, key_value_seq_lengths=None,
                          local_window_size=None, implementation=None, return_residual=False):
    """Scaled dot-product attention ``softmax(q k^T * scale + bias) v`` over arrays of shape
    ``(batch, length, heads, head_dim)``, as :func:`jax.nn.dot_product_attention` (its
    ``"xla"`` implementation: grouped-query heads, boolean ``mask``, ``is_causal``, sequence
    lengths and local windows). The softmax runs in float32 for float16/32 inputs, as JAX's,
    but in float64 for float64 inputs (JAX rounds it to float32), so that its derivatives
    are exact.

    Examples
    --------
    >>> import numpy as np, funcgrad.nn as nn
    >>> q = k = v = np.eye(2).reshape(1, 2, 1, 2)
    >>> nn.dot_product_attention(q, k, v, scale=100.0).round(6)
    array([[[[1., 0.]],
    <BLANKLINE>
            [[0., 1.]]]])
    """
    if implementation not in (None, "xla"):
        raise ValueError(f"Unsupported implementation option: {implementation} (funcgrad has "
                         "the 'xla' one).")
    output_shape = np.shape(query)

    def four_d(t):
        t = fnp.asarray(t)
        return fnp.reshape(t, (1,) * (4 - t.ndim) + t.shape) if t.ndim < 4 else t

    query, key, value = four_d(query), four_d(key), four_d(value)
    bias = None if bias is None else four_d(bias)
    mask = None if mask is None else four_d(mask)
    B, S, K, H = key.shape
    T, N = query.shape[1], query.shape[2]
    if value.shape != key.shape:
        raise ValueError(f"value shape should be {key.shape}: but got {value.shape}")
    if N % K:
        raise ValueError(f"The number of query heads must be a multiple of key/value heads, "
                         f"but got {N} vs {K}")
    G = N // K
    if isinstance(local_window_size, int):
        local_window_size = (local_window_size, local_window_size)
    scale = 1.0 / np.sqrt(H) if scale is None else scale
    logits_dtype = np.promote_types(query.dtype, np.float32)
    q = fnp.reshape(query, (B, T, K, G, H))
    logits = fnp.astype(fnp.einsum("BTKGH,BSKH->BKGTS", q, key), logits_dtype)
    logits = logits * np.asarray(scale, logits_dtype)

    def grouped(t):  # (B, N or 1, T, S) -> (B, K or 1, G or 1, T, S)
        tb, tn, tt, ts = t.shape
        return fnp.reshape(t, (tb, 1, 1, tt, ts)) if tn == 1 else fnp.reshape(t, (tb, K, G, tt, ts))

    if bias is not None:
        logits = fnp.astype(logits + grouped(bias), logits_dtype)
    keep = None
    if mask is not None:
        keep = grouped(mask)
    positions_q = np.arange(T)[:, None]
    positions_k = np.arange(S)[None, :]
    if is_causal:
        keep = _and(keep, np.tril(np.ones((T, S), bool)))
    if local_window_size is not None:
        left, right = local_window_size
        window = (positions_q <= positions_k + left) & (positions_q >= positions_k - right)
        keep = _and(keep, window)
    if query_seq_lengths is not None or key_value_seq_lengths is not None:
        padding = np.ones((1, 1, 1, T, S), bool)
        if query_seq_lengths is not None:
            lengths = fnp.reshape(fnp.asarray(query_seq_lengths), (B, 1, 1, 1, 1))
            padding = padding & (positions_q < lengths)
        if key_value_seq_lengths is not None:
            lengths = fnp.reshape(fnp.asarray(key_value_seq_lengths), (B, 1, 1, 1, 1))
            padding = padding & (positions_k < lengths)
        keep = _and(keep, padding)
    if keep is not None:
        logits = fnp.where(keep, logits, _large_negative(logits_dtype))
    padded = logits  # in logits_dtype: float32 at least (JAX always rounds to float32)
    probs = fnp.astype(softmax(padded, axis=-1), key.dtype)
    encoded = fnp.reshape(fnp.einsum("BKGTS,BSKH->BTKGH", probs, value), (B, T, N, H))
    if query_seq_lengths is not None:
        valid = np.arange(T)[None, :, None, None] < fnp.reshape(fnp.asarray(query_seq_lengths),
                                                            (B, 1, 1, 1))
        encoded = encoded * fnp.astype(valid, encoded.dtype)
    encoded = fnp.reshape(encoded, output_shape)
    if return_residual:
        lse = fnp.astype(logsumexp(padded, axis=-1), key.dtype)  # (B, K, G, T)
        lse = fnp.reshape(fnp.moveaxis(fnp.reshape(lse, (B, N, T)), 1, 2), output_shape[:-1])
        return encoded, stop_gradient(lse)
    return encoded


def _and(a, b):
    return b if a is None else a & b
