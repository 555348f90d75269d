"""funcgrad.nn: every public name against a NumPy reference formula (format: ``cases.Case``).

NumPy has no ``nn``, so entries carry a ``reference`` (a builder ignoring its
module) and ``numpy=False``; elementwise functions draw broadcastable shapes.
"""

from __future__ import annotations

import math

import numpy as np
from cases import Case
from matrix_samplers import uniform

import funcgrad.nn as nn

MODULE = "funcgrad.nn"

CASES: list[Case] = []


def add(name, fun, samplers, reference, shapes="broadcast", **kw):
    covers = (name.split(":")[0],)
    CASES.append(Case(name, lambda m: fun, tuple(samplers), shapes=shapes, covers=covers,
                      numpy=False, reference=lambda m: reference, **kw))


def typed(f):
    """A reference returning its first argument's dtype (NumPy may promote on the way)."""
    return lambda x, *rest: np.asarray(f(x, *rest)).astype(x.dtype)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _logsumexp(a, axis=None, b=None, keepdims=False):
    m = np.max(a, axis=axis, keepdims=True)
    s = np.sum((1 if b is None else b) * np.exp(a - m), axis=axis, keepdims=True)
    out = np.log(s) + m
    return out if keepdims else np.squeeze(out, axis=axis)


_erf = np.vectorize(math.erf)
anything = uniform(-3.0, 3.0)
_SELU_ALPHA, _SELU_SCALE = 1.6732632423543772, 1.0507009873554805

add("sigmoid", nn.sigmoid, [anything], typed(_sigmoid))
add("relu", nn.relu, [uniform(-3, 3, avoid=(0,))], typed(lambda x: np.maximum(x, 0)))
add("relu6", nn.relu6, [uniform(-2, 8, avoid=(0, 6))], typed(lambda x: np.clip(x, 0, 6)))
add("softplus", nn.softplus, [anything], typed(lambda x: np.log1p(np.exp(x))))
add("log_sigmoid", nn.log_sigmoid, [anything], typed(lambda x: np.log(_sigmoid(x))))
add("silu", nn.silu, [anything], typed(lambda x: x * _sigmoid(x)))
add("swish", nn.swish, [anything], typed(lambda x: x * _sigmoid(x)))
add("gelu", nn.gelu, [anything],
    typed(lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))))
add("gelu:exact", lambda x: nn.gelu(x, approximate=False), [anything],
    typed(lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2)))))
add("elu", nn.elu, [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0)))))
add("elu:alpha", lambda x: nn.elu(x, alpha=0.5), [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: np.where(x > 0, x, 0.5 * np.expm1(np.minimum(x, 0)))))
add("celu", lambda x: nn.celu(x, alpha=2.0), [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: np.maximum(x, 0) + 2.0 * np.expm1(np.minimum(x, 0) / 2.0)))
add("selu", nn.selu, [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: _SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * np.expm1(np.minimum(x, 0)))))
add("leaky_relu", nn.leaky_relu, [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: np.where(x >= 0, x, 0.01 * x)))
add("leaky_relu:slope", lambda x: nn.leaky_relu(x, negative_slope=0.2),
    [uniform(-3, 3, avoid=(0,))], typed(lambda x: np.where(x >= 0, x, 0.2 * x)))
add("hard_tanh", nn.hard_tanh, [uniform(-3, 3, avoid=(-1, 1))],
    typed(lambda x: np.clip(x, -1, 1)))
add("soft_sign", nn.soft_sign, [uniform(-3, 3, avoid=(0,))],
    typed(lambda x: x / (np.abs(x) + 1)))
add("logsumexp", nn.logsumexp, [anything], typed(_logsumexp), shapes=[(3, 4)])
add("logsumexp:axis,keepdims", lambda a: nn.logsumexp(a, axis=1, keepdims=True), [anything],
    typed(lambda a: _logsumexp(a, axis=1, keepdims=True)), shapes=[(2, 3, 4)])
add("logsumexp:axes", lambda a: nn.logsumexp(a, axis=(0, 2)), [anything],
    typed(lambda a: _logsumexp(a, axis=(0, 2))), shapes=[(2, 3, 4)])
add("logsumexp:b", lambda a, b: nn.logsumexp(a, axis=-1, b=b), [anything, uniform(0.5, 2.0)],
    typed(lambda a, b: _logsumexp(a, axis=-1, b=b)), shapes=[(2, 3), (3,)])
add("logsumexp:b,return_sign", lambda a, b: nn.logsumexp(a, b=b, return_sign=True),
    [uniform(-1, 1), uniform(-3, 3, avoid=(0,), margin=0.5)],
    lambda a, b: tuple(np.asarray(v, a.dtype) for v in (
        np.log(np.abs(np.sum(b * np.exp(a)))), np.sign(np.sum(b * np.exp(a))))),
    shapes=[(4,), (4,)])
add("softmax", nn.softmax, [anything],
    typed(lambda x: np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)), shapes=[(3, 4)])
add("softmax:axis=0", lambda x: nn.softmax(x, axis=0), [anything],
    typed(lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True)), shapes=[(3, 4)])
add("log_softmax", nn.log_softmax, [anything],
    typed(lambda x: x - _logsumexp(x, axis=-1, keepdims=True)), shapes=[(3, 4)])
add("log_softmax:axes", lambda x: nn.log_softmax(x, axis=(0, 1)), [anything],
    typed(lambda x: x - _logsumexp(x, axis=(0, 1), keepdims=True)), shapes=[(2, 3)])
