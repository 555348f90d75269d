"""Neural-network primitives with numerically stable implementations: the logistic
function, softplus, erf, logsumexp, softmax and log_softmax (the activations built on
them are in :mod:`funcgrad.nn`).

Their derivatives are written through their own outputs (``sigmoid' = s (1 - s)``;
``logsumexp``'s is ``exp(a - logsumexp(a))``, never above 1), so values and
derivatives of every order stay finite at inputs such as ``+-1000``.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.primitive import Primitive, defderivative, defjvp, deftorch, defvjp
from .batching import defbatch_axis, defbatch_elementwise
from .comparisons import sign
from .elementwise import exp
from .indexing import as_inexact
from .reductions import defreduction, sum
from .shape import keep_reduced_dims, normalize_axis

# ---------------------------------------------------------------------------
# Primitives with stable implementations
# ---------------------------------------------------------------------------

def _logistic(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


logistic_p = defbatch_elementwise(Primitive("logistic", _logistic))
defderivative(logistic_p, lambda ans, x: ans * (1 - ans))


def _softplus(x):
    return np.logaddexp(x, 0)


softplus_p = defbatch_elementwise(Primitive("softplus", _softplus))
defderivative(softplus_p, lambda ans, x: sigmoid(x))

_erf_scalar = np.frompyfunc(math.erf, 1, 1)


def _erf(x):
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    return np.asarray(_erf_scalar(x), dtype=dtype)


erf_p = defbatch_elementwise(Primitive("erf", _erf))
defderivative(erf_p, lambda ans, x: (2 / math.sqrt(math.pi)) * exp(-(x * x)))


def _logsumexp(a, b, *, axis, keepdims):
    """``log|sum(b * exp(a))|`` over ``axis``, shifted by the maximum so nothing overflows."""
    a = np.asarray(a)
    a, b = np.broadcast_arrays(a, np.asarray(b, dtype=np.result_type(a, b)))
    m = np.amax(a, axis=axis, keepdims=True) if a.size else np.zeros((1,) * a.ndim, a.dtype)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(np.abs(np.sum(b * np.exp(a - m), axis=axis, keepdims=True))) + m
    return out if keepdims else np.squeeze(out, axis)


logsumexp_p = defbatch_axis(Primitive("logsumexp", _logsumexp))
deftorch(logsumexp_p, "LogsumexpBackward0", saves="in+out")


def _logsumexp_weights(ans, a, b, *, axis, keepdims):
    """``sign(S) * exp(a - log|S|)``, the derivative of ``log|S|`` with respect to ``b``."""
    e = exp(a - keep_reduced_dims(ans, axis, keepdims))
    if isinstance(b, (int, float)) and b == 1:
        return e
    return sign(sum(b * e, axis=axis, keepdims=True)) * e


defreduction(
    logsumexp_p,
    lambda ans, a, b, **params: b * _logsumexp_weights(ans, a, b, **params),
    _logsumexp_weights,
)


# ---------------------------------------------------------------------------
# softmax and log_softmax: one node each (PyTorch's SoftmaxBackward0 and
# LogSoftmaxBackward0) instead of the five operations of their formulas
# ---------------------------------------------------------------------------

def _reduce(ufunc, x, axis):
    """``ufunc.reduce`` over ``axis``, dimensions kept. NumPy reduces a short last axis of
    many rows slowly (256 rows of 10 floats: ~15 us for the maximum, ~5 us for the sum, a
    class count's logits); across the rows of the transposed copy it is vectorised (~2.5 us
    with the copy)."""
    if axis == (1,) and x.ndim == 2 and x.shape[1] <= 32 and x.shape[0] >= 64:
        return ufunc.reduce(np.ascontiguousarray(x.T), axis=0)[:, None]
    return ufunc.reduce(x, axis=axis, keepdims=True)


def _shifted_by_max(x, axis):
    """``x - max(x)`` over ``axis`` as a fresh array (a non-finite maximum shifts by 0,
    so a slice of ``-inf`` gives NaN rather than a guess, as ``logsumexp`` does)."""
    x = np.asarray(x)
    if x.size == 0:
        return np.array(x, copy=True)
    m = _reduce(np.maximum, x, axis)
    if not np.isfinite(m).all():
        m = np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)
    return x - m


def _log_softmax(x, *, axis):
    shifted = _shifted_by_max(x, axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        shifted -= np.log(_reduce(np.add, np.exp(shifted), axis))
    return shifted


def _softmax(x, *, axis):
    e = np.exp(_shifted_by_max(x, axis))
    with np.errstate(invalid="ignore"):
        e /= _reduce(np.add, e, axis)
    return e


log_softmax_p = defbatch_axis(Primitive("log_softmax", _log_softmax))
softmax_p = defbatch_axis(Primitive("softmax", _softmax))
deftorch(log_softmax_p, "LogSoftmaxBackward0", saves="out")
deftorch(softmax_p, "SoftmaxBackward0", saves="out")

# Per slice along the axes, with p = softmax(x) = exp(log_softmax(x)):
#   log_softmax: J = I - 1 p^T, so J t = t - <p, t> and J^T g = g - p sum(g);
#   softmax:     J = diag(p) - p p^T (symmetric), so J t = p (t - <p, t>), J^T g likewise.
defjvp(log_softmax_p, lambda t, ans, x, *, axis: t - sum(exp(ans) * t, axis=axis,
                                                          keepdims=True))
defvjp(log_softmax_p, lambda g, ans, x, *, axis: g - exp(ans) * sum(g, axis=axis,
                                                                    keepdims=True))
defjvp(softmax_p, lambda t, ans, x, *, axis: ans * (t - sum(ans * t, axis=axis,
                                                            keepdims=True)))
defvjp(softmax_p, lambda g, ans, x, *, axis: ans * (g - sum(g * ans, axis=axis,
                                                            keepdims=True)))


def log_softmax(x, axis=-1):
    """``x - logsumexp(x)`` over ``axis`` (an int, a tuple or None for all), one primitive.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.primitives.nn import log_softmax
    >>> log_softmax(fnp.asarray([0.0, 0.0]))
    array([-0.69314718, -0.69314718])
    >>> fg.grad(lambda x: log_softmax(x)[0])(fnp.asarray([0.0, 0.0]))
    array([ 0.5, -0.5])
    """
    x = as_inexact(x)
    return log_softmax_p.bind(x, axis=normalize_axis(axis, np.ndim(x)))


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` over ``axis`` (an int, a tuple or None), one primitive.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.primitives.nn import softmax
    >>> softmax(fnp.asarray([1000.0, -1000.0]))
    array([1., 0.])
    """
    x = as_inexact(x)
    return softmax_p.bind(x, axis=normalize_axis(axis, np.ndim(x)))


def sigmoid(x):
    """The logistic function ``1 / (1 + exp(-x))``, as :func:`jax.nn.sigmoid`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.sigmoid)(0.0), fg.grad(nn.sigmoid)(-1000.0)
    (array(0.25), array(0.))
    """
    return logistic_p.bind(as_inexact(x))
