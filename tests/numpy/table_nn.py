"""The table of funcgrad.nn: every public name against a NumPy reference formula."""

from __future__ import annotations

import math

import numpy as np
from table_case import Case

import funcgrad.nn as nn


def draw(shape, low=-3.0, high=3.0, avoid=(), margin=0.2):
    """Uniform draws in ``[low, high]`` kept ``margin`` away from the kinks in ``avoid``."""

    def make(rng, dtype):
        x = rng.uniform(low, high, shape)
        for k in avoid:
            near = np.abs(x - k) < margin
            x = np.where(near, k + np.copysign(margin, x - k + 1e-300), x)
        return (x.astype(dtype),)

    return make


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _logsumexp(a, axis=None, b=None, keepdims=False):
    m = np.max(a, axis=axis, keepdims=True)
    s = np.sum((1 if b is None else b) * np.exp(a - m), axis=axis, keepdims=True)
    out = np.log(s) + m
    return out if keepdims else np.squeeze(out, axis=axis)


_erf = np.vectorize(math.erf)

CASES: dict[str, Case] = {}


def add(name, fun, args, numpy, **kw):
    assert name not in CASES, name
    CASES[name] = Case(fun, args, numpy, **kw)


add("nn.sigmoid", nn.sigmoid, draw((3, 4)), _sigmoid)
add("nn.relu", nn.relu, draw((3, 4), avoid=(0,)), lambda x: np.maximum(x, 0))
add("nn.relu6", nn.relu6, draw((3, 4), -2, 8, avoid=(0, 6)), lambda x: np.clip(x, 0, 6))
add("nn.softplus", nn.softplus, draw((3, 4)), lambda x: np.log1p(np.exp(x)))
add("nn.log_sigmoid", nn.log_sigmoid, draw((3, 4)), lambda x: np.log(_sigmoid(x)))
add("nn.silu", nn.silu, draw((3, 4)), lambda x: x * _sigmoid(x))
add("nn.swish", nn.swish, draw((4,)), lambda x: x * _sigmoid(x))
add("nn.gelu", nn.gelu, draw((3, 4)),
    lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))))
add("nn.gelu[exact]", lambda x: nn.gelu(x, approximate=False), draw((3, 4)),
    lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2))))
add("nn.elu", nn.elu, draw((3, 4), avoid=(0,)),
    lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))))
add("nn.elu[alpha]", lambda x: nn.elu(x, alpha=0.5), draw((5,), avoid=(0,)),
    lambda x: np.where(x > 0, x, 0.5 * np.expm1(np.minimum(x, 0))))
add("nn.celu", lambda x: nn.celu(x, alpha=2.0), draw((3, 4), avoid=(0,)),
    lambda x: np.maximum(x, 0) + 2.0 * np.expm1(np.minimum(x, 0) / 2.0))
add("nn.selu", nn.selu, draw((3, 4), avoid=(0,)),
    lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(
        np.minimum(x, 0))))
add("nn.leaky_relu", nn.leaky_relu, draw((3, 4), avoid=(0,)),
    lambda x: np.where(x >= 0, x, 0.01 * x))
add("nn.leaky_relu[slope]", lambda x: nn.leaky_relu(x, negative_slope=0.2),
    draw((5,), avoid=(0,)), lambda x: np.where(x >= 0, x, 0.2 * x))
add("nn.hard_tanh", nn.hard_tanh, draw((3, 4), avoid=(-1, 1)), lambda x: np.clip(x, -1, 1))
add("nn.soft_sign", nn.soft_sign, draw((3, 4), avoid=(0,)), lambda x: x / (np.abs(x) + 1))
add("nn.logsumexp", nn.logsumexp, draw((3, 4)), _logsumexp)
add("nn.logsumexp[axis,keepdims]", lambda a: nn.logsumexp(a, axis=1, keepdims=True),
    draw((2, 3, 4)), lambda a: _logsumexp(a, axis=1, keepdims=True))
add("nn.logsumexp[axes]", lambda a: nn.logsumexp(a, axis=(0, 2)), draw((2, 3, 4)),
    lambda a: _logsumexp(a, axis=(0, 2)))
add("nn.logsumexp[b]", lambda a, b: nn.logsumexp(a, axis=-1, b=b),
    lambda rng, dt: (rng.uniform(-3, 3, (2, 3)).astype(dt), rng.uniform(0.5, 2, (3,)).astype(dt)),
    lambda a, b: _logsumexp(a, axis=-1, b=b))
add("nn.logsumexp[b,return_sign]", lambda a, b: nn.logsumexp(a, b=b, return_sign=True),
    lambda rng, dt: (rng.uniform(-1, 1, (4,)).astype(dt),
                     np.array([1.0, -2.0, 0.5, -3.0], dt)),
    lambda a, b: (np.log(np.abs(np.sum(b * np.exp(a)))), np.sign(np.sum(b * np.exp(a)))))
add("nn.softmax", nn.softmax, draw((3, 4)),
    lambda x: np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True))
add("nn.softmax[axis=0]", lambda x: nn.softmax(x, axis=0), draw((3, 4)),
    lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True))
add("nn.log_softmax", nn.log_softmax, draw((3, 4)),
    lambda x: x - _logsumexp(x, axis=-1, keepdims=True))
add("nn.log_softmax[axis]", lambda x: nn.log_softmax(x, axis=(0, 1)), draw((2, 3)),
    lambda x: x - _logsumexp(x, axis=(0, 1), keepdims=True))
