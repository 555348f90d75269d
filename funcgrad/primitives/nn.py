"""Neural-network primitives with numerically stable implementations: the logistic
function, softplus, erf and logsumexp (the activations built on them are in
:mod:`funcgrad.nn`).

Their derivatives are written through their own outputs (``sigmoid' = s (1 - s)``;
``logsumexp``'s is ``exp(a - logsumexp(a))``, never above 1), so values and
derivatives of every order stay finite at inputs such as ``+-1000``.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.primitive import Primitive, defderivative, deftorch
from .batching import defbatch_axis, defbatch_elementwise
from .comparisons import sign
from .elementwise import exp
from .indexing import as_inexact
from .reductions import defreduction, sum
from .shape import keep_reduced_dims

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


def sigmoid(x):
    """The logistic function ``1 / (1 + exp(-x))``, as :func:`jax.nn.sigmoid`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.nn as nn
    >>> fg.grad(nn.sigmoid)(0.0), fg.grad(nn.sigmoid)(-1000.0)
    (array(0.25), array(0.))
    """
    return logistic_p.bind(as_inexact(x))
