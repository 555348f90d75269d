"""Discrete draws: integers, permutations, choices, Bernoulli, categorical, Poisson, binomial."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .. import numpy as fnp
from ..core.trace import Tracer
from ..primitives.random_bits import random_binomial, random_bits, random_poisson
from .keys import (
    Array,
    Shape,
    as_shape,
    check_key,
    check_shape,
    float_dtype,
    gumbel,
    int_dtype,
    shape_or_broadcast,
    split_into,
    uniform,
    uniform_values,
)

__all__ = [
    "bernoulli", "binomial", "categorical", "choice", "geometric", "permutation", "poisson",
    "rademacher", "randint", "shuffle",
]


def _clip_to(val, dtype):
    """``val`` converted to the integer ``dtype``, clipped to its range rather than wrapped."""
    src = np.iinfo(val.dtype)
    dst = np.iinfo(dtype)
    lo, hi = max(src.min, dst.min), min(src.max, dst.max)
    return fnp.astype(fnp.clip(val, val.dtype.type(lo), val.dtype.type(hi)), dtype)


def _randint(key, shape, minval, maxval, dtype):
    with np.errstate(over="ignore"):  # unsigned arithmetic wraps on purpose
        return _randint_wrapping(key, shape, minval, maxval, dtype)


def _randint_wrapping(key, shape, minval, maxval, dtype):
    minval = fnp.asarray(minval)
    maxval = fnp.asarray(maxval)
    if not np.issubdtype(minval.dtype, np.integer):
        minval = fnp.astype(minval, np.int64)
    if not np.issubdtype(maxval.dtype, np.integer):
        maxval = fnp.astype(maxval, np.int64)
    check_shape("randint", shape, np.shape(minval), np.shape(maxval))
    dtype_max = _clip_to(np.array(np.iinfo(dtype).max, dtype), maxval.dtype)
    maxval_out_of_range = maxval > dtype_max
    minval = _clip_to(minval, dtype)
    maxval = _clip_to(maxval, dtype)
    nbits = np.iinfo(dtype).bits
    k1, k2 = split_into(key)
    higher_bits = random_bits(k1, nbits, shape)
    lower_bits = random_bits(k2, nbits, shape)
    unsigned = np.dtype(f"uint{nbits}").type
    span = fnp.astype(maxval - minval, unsigned)
    # maxval <= minval gives minval; an out-of-range maxval makes the span one larger.
    span = fnp.where(maxval <= minval, unsigned(1), span)
    span = fnp.where(maxval_out_of_range & (maxval > minval), span + unsigned(1), span)
    # (hi * 2**nbits + lo) % span without 2*nbits-bit integers: (a b) % n = ((a % n)(b % n)) % n.
    multiplier = unsigned(2 ** (nbits // 2)) % span
    multiplier = (multiplier * multiplier) % span
    offset = ((higher_bits % span) * multiplier + lower_bits % span) % span
    return minval + fnp.astype(offset, dtype)


def randint(key: Array, shape: Shape, minval, maxval, dtype=None) -> Array:
    """Uniform random integers in ``[minval, maxval)``, as :func:`jax.random.randint`
    (default ``int64``).

    Like JAX's, the draw reduces ``2 * nbits`` random bits modulo the range, so it is
    very slightly biased when the range is not a power of two.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> k1, k2 = random.split(random.key(0))
    >>> random.randint(k1, (4,), 0, 10)
    array([6, 2, 0, 2])
    """
    key = check_key("randint", key)
    dtype = int_dtype("randint", dtype)
    shape = as_shape(shape)
    info = np.iinfo(dtype)
    if info.bits < 32:  # sampled in 32 bits, as JAX, to keep the bias small
        minval = fnp.clip(fnp.astype(fnp.asarray(minval), np.int32), int(info.min), int(info.max))
        maxval = fnp.clip(fnp.astype(fnp.asarray(maxval), np.int32), int(info.min),
                          int(info.max) + 1)
        return fnp.astype(_randint(key, shape, minval, maxval, np.dtype(np.int32)), dtype)
    return _randint(key, shape, minval, maxval, dtype)


def _shuffle(key, x, axis):
    """Sort by fresh 32-bit random keys, ``ceil(3 log(n) / log(2**32 - 1))`` times (JAX's
    rounds: enough that ties, which a stable sort leaves in order, are negligible)."""
    size = math.prod(np.shape(x))
    rounds = int(np.ceil(3 * np.log(max(1, size)) / np.log(np.iinfo(np.uint32).max)))
    for _ in range(rounds):
        key, subkey = split_into(key)
        sort_keys = random_bits(subkey, 32, np.shape(x))
        order = fnp.argsort(sort_keys, axis=axis, kind="stable")
        x = fnp.take_along_axis(x, order, axis=axis)
    return x


def _take(arr, ind, axis):
    """``arr`` indexed by the integer array ``ind`` along ``axis`` (as :func:`numpy.take`),
    with ``ind`` possibly traced: through ``take_along_axis``."""
    pre, n, post = arr.shape[:axis], arr.shape[axis], arr.shape[axis + 1:]
    ind_shape = np.shape(ind)
    if not ind_shape:
        out = _take(arr, fnp.reshape(ind, (1,)), axis)
        return fnp.reshape(out, pre + post)
    full = pre + ind_shape + post
    arr2 = fnp.reshape(arr, pre + (n,) + (1,) * (len(ind_shape) - 1) + post)
    arr2 = fnp.broadcast_to(arr2, pre + (n,) + ind_shape[1:] + post)
    idx = fnp.reshape(ind, (1,) * len(pre) + ind_shape + (1,) * len(post))
    return fnp.take_along_axis(arr2, fnp.broadcast_to(idx, full), axis=axis)


def _normalize_axis(axis: int, ndim: int) -> int:
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis {axis} is out of bounds for an array of dimension {ndim}")
    return axis % ndim


def permutation(key: Array, x: int | Array, axis: int = 0, independent: bool = False) -> Array:
    """A random permutation of ``arange(x)`` or of ``x`` along ``axis``, as
    :func:`jax.random.permutation`; ``independent=True`` permutes each slice separately.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> k1, k2 = random.split(random.key(0))
    >>> random.permutation(k1, 5)
    array([0, 2, 4, 1, 3])
    """
    key = check_key("permutation", key)
    if not np.ndim(x):
        if not np.issubdtype(np.asarray(x).dtype if not isinstance(x, Tracer) else x.dtype,
                             np.integer):
            raise TypeError("x must be an integer or at least 1-dimensional")
        if isinstance(x, Tracer):
            raise TypeError("permutation(key, n) needs a concrete n: the length of the result "
                            "depends on it. Mark n static (jit(..., static_argnums=...)).")
        return _shuffle(key, np.arange(int(x)), 0)
    x = fnp.asarray(x)
    axis = _normalize_axis(axis, x.ndim)
    if independent or x.ndim == 1:
        return _shuffle(key, x, axis)
    order = _shuffle(key, np.arange(x.shape[axis]), 0)
    return _take(x, order, axis)


def shuffle(key: Array, x: Array, axis: int = 0) -> Array:
    """``x`` shuffled along ``axis`` (each slice independently), as :func:`jax.random.shuffle`.

    JAX deprecates ``shuffle`` in favour of ``permutation(key, x, axis, independent=True)``,
    which is what this is.

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.shuffle(random.key(0), np.arange(5))
    array([0, 1, 4, 3, 2])
    """
    key = check_key("shuffle", key)
    x = fnp.asarray(x)
    return _shuffle(key, x, _normalize_axis(axis, x.ndim))


def _top_k_indices(values, k):
    """Indices of the ``k`` largest entries of the last axis, largest first, ties by position."""
    order = fnp.argsort(-values, axis=-1, kind="stable")
    return order[..., :k]


def choice(key: Array, a: int | Array, shape: Shape = (), replace: bool = True, p=None,
           axis: int = 0, mode: str | None = None) -> Array:
    """A random sample of ``a`` (or of ``arange(a)``), as :func:`jax.random.choice`.

    With ``p``, entries are drawn with those probabilities; without replacement
    the draw uses the Gumbel top-k trick, as JAX.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.choice(random.key(0), 5, (3,), replace=False)
    array([0, 1, 4])
    >>> random.choice(random.key(0), 3, (4,), p=[0.1, 0.1, 0.8])
    array([2, 2, 0, 2])
    """
    key = check_key("choice", key)
    if not isinstance(shape, Sequence):
        raise TypeError(f"shape argument of funcgrad.random.choice must be a sequence, got {shape}")
    shape = as_shape(shape)
    arr = fnp.asarray(a)
    if arr.ndim == 0:
        if isinstance(a, Tracer):
            raise TypeError("choice(key, n, ...) needs a concrete n; mark it static under jit.")
        n_inputs = int(a)
    else:
        axis = _normalize_axis(axis, arr.ndim)
        n_inputs = arr.shape[axis]
    n_draws = math.prod(shape)
    if n_draws == 0:
        return fnp.zeros(shape, dtype=arr.dtype)
    if n_inputs <= 0:
        raise ValueError("a must be greater than 0 unless no samples are taken")
    if not replace and n_draws > n_inputs:
        raise ValueError(f"Cannot take a larger sample (size {n_draws}) than population "
                         f"(size {n_inputs}) when 'replace=False'")
    if p is None:
        if replace:
            ind = randint(key, shape, 0, n_inputs)
            result = ind if arr.ndim == 0 else _take(arr, ind, axis)
        else:
            perm = permutation(key, n_inputs if arr.ndim == 0 else arr, axis)
            index = (slice(None),) * (0 if arr.ndim == 0 else axis) + (slice(n_draws),)
            result = perm[index]
    else:
        p_arr = fnp.asarray(p)
        if not np.issubdtype(p_arr.dtype, np.inexact):
            p_arr = fnp.astype(p_arr, np.float64)
        if p_arr.shape != (n_inputs,):
            raise ValueError(
                "p must be None or a 1D vector with the same size as a.shape[axis]. "
                f"p has shape {p_arr.shape} and a.shape[axis] is {n_inputs}.")
        if replace:
            p_cuml = fnp.cumsum(p_arr)
            r = p_cuml[-1] * (1 - uniform(key, shape, dtype=p_cuml.dtype))
            ind = fnp.astype(fnp.searchsorted(p_cuml, r), np.int64)
        else:
            g = gumbel(key, (n_inputs,), dtype=p_arr.dtype, mode=mode) + fnp.log(p_arr)
            ind = fnp.astype(_top_k_indices(g, n_draws), np.int64)
        result = ind if arr.ndim == 0 else _take(arr, ind, axis)
    out_shape = shape if arr.ndim == 0 else arr.shape[:axis] + shape + arr.shape[axis + 1:]
    return fnp.reshape(result, out_shape)


def bernoulli(key: Array, p=0.5, shape: Shape | None = None, mode: str = "low") -> Array:
    """Random booleans, ``True`` with probability ``p``, as :func:`jax.random.bernoulli`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.bernoulli(random.key(0), 0.5, (4,))
    array([ True,  True, False, False])
    """
    key = check_key("bernoulli", key)
    if mode not in ("high", "low"):
        raise ValueError(f"got mode={mode!r}, expected 'high' or 'low'")
    p = fnp.asarray(p)
    dtype = p.dtype
    if not np.issubdtype(dtype, np.floating):
        raise TypeError(f"bernoulli probability `p` must have a floating dtype, got {dtype}.")
    shape = shape_or_broadcast("bernoulli", shape, p)
    if mode == "high":
        u = uniform_values(key, (2, *shape), dtype, 0.0, 1.0)
        u1, u2 = u[0], u[1] * dtype.type(2.0 ** -np.finfo(dtype).nmant)
        return u2 < p - u1
    return uniform_values(key, shape, dtype, 0.0, 1.0) < p


def rademacher(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Random signs, -1 or +1 with equal probability, as :func:`jax.random.rademacher`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.rademacher(random.key(0), (4,))
    array([ 1,  1, -1, -1])
    """
    key = check_key("rademacher", key)
    dtype = np.dtype(np.int64 if dtype is None else dtype)
    b = fnp.astype(bernoulli(key, 0.5, as_shape(shape)), dtype)
    return fnp.astype(2 * b - 1, dtype)


def categorical(key: Array, logits, axis: int = -1, shape: Shape | None = None,
                replace: bool = True, mode: str | None = None) -> Array:
    """Random indices along ``axis`` with probabilities ``softmax(logits)``, as
    :func:`jax.random.categorical` (the Gumbel-max trick; top-k without replacement).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.categorical(random.key(0), np.log(np.array([0.1, 0.2, 0.7])), shape=(5,))
    array([2, 2, 2, 1, 1])
    """
    key = check_key("categorical", key)
    logits = fnp.asarray(logits)
    axis = _normalize_axis(axis, logits.ndim) - logits.ndim
    batch_shape = tuple(np.delete(logits.shape, axis))
    if shape is None:
        shape = batch_shape
    else:
        shape = as_shape(shape)
        check_shape("categorical", shape, batch_shape)
    prefix = shape[:len(shape) - len(batch_shape)]
    dtype = logits.dtype if np.issubdtype(logits.dtype, np.floating) else np.dtype(np.float64)
    if replace:
        logits_shape = list(shape[len(shape) - len(batch_shape):])
        logits_shape.insert(axis % logits.ndim, logits.shape[axis])
        g = gumbel(key, (*prefix, *logits_shape), dtype, mode=mode)
        expanded = fnp.reshape(logits, (1,) * len(prefix) + logits.shape)
        return fnp.argmax(g + expanded, axis=axis)
    perturbed = logits + gumbel(key, logits.shape, dtype, mode=mode)
    k = math.prod(prefix)
    if k > logits.shape[axis]:
        raise ValueError(f"Number of samples without replacement ({k}) cannot exceed number of "
                         f"categories ({logits.shape[axis]}).")
    indices = fnp.astype(_top_k_indices(fnp.moveaxis(perturbed, axis, -1), k), np.int32)
    return fnp.reshape(fnp.moveaxis(indices, -1, 0), shape)  # int32, as JAX's top_k


def geometric(key: Array, p, shape: Shape | None = None, dtype=None) -> Array:
    """Geometric random values (trials to the first success), as :func:`jax.random.geometric`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.geometric(random.key(0), 0.3, (4,))
    array([3, 5, 1, 2])
    """
    key = check_key("geometric", key)
    dtype = int_dtype("geometric", dtype)
    shape = shape_or_broadcast("geometric", shape, p)
    p = fnp.asarray(p)
    if not np.issubdtype(p.dtype, np.inexact):
        p = fnp.astype(p, np.float64)
    u = uniform_values(key, shape, p.dtype, 0.0, 1.0)
    u = fnp.where(u == 0, p.dtype.type(1), u)
    g = fnp.floor(fnp.log(u) / fnp.broadcast_to(fnp.log1p(-p), shape)) + 1
    return fnp.astype(g, dtype)


def poisson(key: Array, lam, shape: Shape | None = None, dtype=None) -> Array:
    """Poisson random values with rate ``lam``, as :func:`jax.random.poisson` (Knuth's
    algorithm below rate 10, transformed rejection above, in float32 as JAX).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.poisson(random.key(0), 3.0, (5,))
    array([0, 0, 4, 4, 1])
    """
    key = check_key("poisson", key)
    dtype = int_dtype("poisson", dtype)
    shape = np.shape(lam) if shape is None else as_shape(shape)
    lam = fnp.astype(fnp.broadcast_to(fnp.asarray(lam), shape), np.float32)
    return random_poisson(key, lam, dtype=dtype)


def binomial(key: Array, n, p, shape: Shape | None = None, dtype=None) -> Array:
    """Binomial random values (successes in ``n`` trials of probability ``p``), as floats,
    as :func:`jax.random.binomial` (inversion for small means, BTRS rejection otherwise).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.binomial(random.key(0), 10, 0.3, (5,))
    array([4., 1., 3., 4., 3.])
    """
    key = check_key("binomial", key)
    dtype = float_dtype("binomial", dtype)
    shape = shape_or_broadcast("binomial", shape, n, p)
    p = fnp.asarray(p)
    if not np.issubdtype(p.dtype, np.inexact):
        p = fnp.astype(p, np.float64)
    n = fnp.broadcast_to(fnp.astype(fnp.asarray(n), p.dtype), shape)
    p = fnp.broadcast_to(p, shape)
    return random_binomial(key, n, p, dtype=dtype)
