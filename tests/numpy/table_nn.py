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

# jax.nn's other functions
add("identity", nn.identity, [anything], typed(lambda x: x))
add("tanh", nn.tanh, [anything], typed(np.tanh))
add("squareplus", nn.squareplus, [anything], typed(lambda x: (x + np.sqrt(x * x + 4)) / 2))
add("sparse_plus", nn.sparse_plus, [uniform(-3, 3, avoid=(-1, 1))],
    typed(lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))))
add("sparse_sigmoid", nn.sparse_sigmoid, [uniform(-3, 3, avoid=(-1, 1))],
    typed(lambda x: 0.5 * np.clip(x + 1, 0, 2)))
add("mish", nn.mish, [anything], typed(lambda x: x * np.tanh(np.log1p(np.exp(x)))))
add("hard_sigmoid", nn.hard_sigmoid, [uniform(-5, 5, avoid=(-3, 3))],
    typed(lambda x: np.clip(x + 3, 0, 6) / 6))
add("hard_silu", nn.hard_silu, [uniform(-5, 5, avoid=(-3, 3))],
    typed(lambda x: x * np.clip(x + 3, 0, 6) / 6))
add("hard_swish", nn.hard_swish, [uniform(-5, 5, avoid=(-3, 3))],
    typed(lambda x: x * np.clip(x + 3, 0, 6) / 6))
add("log1mexp", nn.log1mexp, [uniform(0.1, 3.0, avoid=(np.log(2),))],
    typed(lambda x: np.log(-np.expm1(-x))))
add("glu", nn.glu, [anything], typed(lambda x: x[:, :2] * _sigmoid(x[:, 2:])), shapes=[(3, 4)])
add("logmeanexp", lambda x: nn.logmeanexp(x, axis=1), [anything],
    typed(lambda x: np.log(np.mean(np.exp(x), axis=1))), shapes=[(3, 4)])
add("standardize", nn.standardize, [anything],
    typed(lambda x: (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)),
    shapes=[(3, 4)], atol=1e-4, rtol=1e-4)
add("one_hot", lambda x: nn.one_hot(x, 4),
    [lambda shape, rng, dtype=np.float64: rng.integers(0, 4, shape).astype(dtype)],
    lambda x: (x[..., None] == np.arange(4)).astype(np.float64), shapes=[(3,)], order=0,
    dtypes=(np.float64,))
add("dot_product_attention", lambda q, k, v: nn.dot_product_attention(q, k, v, scale=0.5),
    [anything, anything, anything],
    lambda q, k, v: np.einsum("bnts,bsnh->btnh", _softmax_last(
        np.einsum("btnh,bsnh->bnts", q, k) * 0.5), v).astype(q.dtype),
    shapes=[(1, 2, 1, 3), (1, 2, 1, 3), (1, 2, 1, 3)], atol=1e-4, rtol=1e-4)


def _softmax_last(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)
