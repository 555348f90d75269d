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

from .primitives.comparisons import less, not_equal, sign
from .primitives.elementwise import absolute, exp, integer_pow, tanh, where
from .primitives.indexing import as_inexact, asarray
from .primitives.nn import erf_p, logsumexp_p, sigmoid, softplus_p
from .primitives.reductions import sum
from .primitives.shape import keep_reduced_dims, normalize_axis
from .primitives.ufuncs import expm1
from .primitives.util import dtype_of

__all__ = [
    "celu", "elu", "gelu", "hard_tanh", "leaky_relu", "log_sigmoid", "log_softmax",
    "logsumexp", "relu", "relu6", "selu", "sigmoid", "silu", "soft_sign", "softmax",
    "softplus", "swish",
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


def log_softmax(x, axis=-1):
    """``x - logsumexp(x, axis, keepdims=True)``, as :func:`jax.nn.log_softmax`.

    Examples
    --------
    >>> import funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.log_softmax(fnp.asarray([1000.0, -1000.0]))
    array([    0., -2000.])
    """
    x = as_inexact(x)
    return x - logsumexp(x, axis=axis, keepdims=True)


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` over ``axis``, stably, as :func:`jax.nn.softmax`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn, funcgrad.numpy as fnp
    >>> nn.softmax(fnp.asarray([1000.0, -1000.0]))
    array([1., 0.])
    >>> fg.jacobian(nn.softmax)(fnp.asarray([0.0, 0.0]))
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    return exp(log_softmax(x, axis=axis))


# No NumPy counterparts: nothing to register for plain-NumPy dispatch.
NUMPY_EQUIVALENTS: dict = {}
