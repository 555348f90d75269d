"""funcgrad.random: JAX's key-based random numbers, with JAX's numbers (anchor: ``jax.random``).

A key is an explicit value: ``key(seed)`` makes one, ``split`` and ``fold_in``
derive new ones, and every sampler is a pure function of the key it is given
(the same key gives the same numbers; use a fresh key for fresh numbers). The
generator is threefry2x32, JAX's default, with ``jax_threefry_partitionable``
on (JAX's default since 0.5), so a program ported from JAX draws JAX's numbers:

>>> import funcgrad.random as random
>>> k1, k2 = random.split(random.key(0))
>>> random.uniform(k2, (3,))
array([0.08062437, 0.92394884, 0.73395235])
>>> random.randint(k1, (4,), 0, 10)
array([6, 2, 0, 2])

Conventions, and where they differ from JAX:

- **Dtypes are 64-bit first**, like NumPy and the rest of funcgrad: ``normal``
  and ``uniform`` return float64, ``randint`` int64, ``bits`` uint64, the numbers
  JAX draws with ``jax_enable_x64``. Ask for ``dtype=np.float32`` to get the
  numbers JAX draws by default (without x64).
- **Keys are raw** ``uint32`` arrays of shape ``(2,)``: ``key(0)`` and
  ``PRNGKey(0)`` are the same value (JAX's ``key`` returns a typed scalar
  wrapping the same two words). A batch of keys has shape ``(..., 2)``;
  ``key_data`` and ``wrap_key_data`` convert nothing.
- Integer outputs (keys, bits, ``randint``, ``permutation``, ``choice``,
  ``bernoulli``, ``categorical``, ``poisson``...) are JAX's bit for bit. Floating
  outputs are JAX's to within a few units in the last place: XLA evaluates
  ``log``, ``exp`` and fused multiply-adds with its own code, NumPy with the C
  library's.

Random functions are **constants to differentiation** (a sample has zero
derivative with respect to anything it is computed from, except where a
sampler is a differentiable function of its parameters, as ``truncated_normal``
of its bounds). They work under ``jit`` and ``vmap``: ``vmap`` over a batch of
keys gives what a loop over the keys gives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import numpy as fnp
from .core.trace import Tracer
from .nn import erf_p, logsumexp
from .primitives.random_bits import (
    erf_inv,
    random_binomial,
    random_bits,
    random_fold_in,
    random_gamma,
    random_poisson,
    random_split,
    unit_floats,
)
from .transforms.custom import stop_gradient

__all__ = [
    "PRNGKey", "ball", "bernoulli", "beta", "binomial", "bits", "categorical", "cauchy",
    "chisquare", "choice", "clone", "dirichlet", "double_sided_maxwell", "exponential", "f",
    "fold_in", "gamma", "generalized_normal", "geometric", "gumbel", "key", "key_data",
    "laplace", "loggamma", "logistic", "lognormal", "maxwell", "multivariate_normal",
    "normal", "orthogonal", "pareto", "permutation", "poisson", "rademacher", "randint",
    "rayleigh", "shuffle", "split", "t", "triangular", "truncated_normal", "uniform", "wald",
    "weibull_min", "wrap_key_data",
]

Array = Any
Shape = Sequence[int]

# ---------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------


def _check_key(name: str, key: Array, allow_batched: bool = False) -> Array:
    if not isinstance(key, Tracer):
        key = np.asarray(key)
    shape, dtype = np.shape(key), key.dtype
    if dtype != np.uint32 or not shape or shape[-1] != 2:
        raise TypeError(
            f"{name} expects a key, a uint32 array of shape (2,), but was given an array of "
            f"shape {shape} and dtype {dtype}. Make keys with funcgrad.random.key(seed) and "
            "derive new ones with split or fold_in."
        )
    if not allow_batched and len(shape) > 1:
        raise ValueError(
            f"{name} accepts a single key, but was given a batch of keys of shape "
            f"{shape[:-1]}. Use funcgrad.vmap to map {name} over the keys."
        )
    return key


def key(seed: int | Array) -> Array:
    """A key from an integer seed, as :func:`jax.random.key`.

    The seed's 64 bits become the key's two ``uint32`` words (high, low).
    funcgrad's keys are raw ``uint32`` arrays of shape ``(2,)``; JAX's ``key``
    wraps the same two words in a typed scalar.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.key(42)
    array([ 0, 42], dtype=uint32)
    >>> random.key(2 ** 32 + 5)
    array([1, 5], dtype=uint32)
    """
    if isinstance(seed, Tracer):
        if seed.ndim:
            raise TypeError(f"key accepts a scalar seed, but was given shape {seed.shape}; "
                            "use funcgrad.vmap for batching.")
        s = fnp.astype(seed, np.int64)
        hi = fnp.astype(fnp.right_shift(fnp.astype(s, np.uint64), np.uint64(32)), np.uint32)
        return fnp.stack([hi, fnp.astype(s, np.uint32)])
    if np.ndim(seed):
        raise TypeError(f"key accepts a scalar seed, but was given an array of shape "
                        f"{np.shape(seed)}; use funcgrad.vmap for batching.")
    if isinstance(seed, (bool, np.bool_)) or not (
            isinstance(seed, int) or np.issubdtype(np.asarray(seed).dtype, np.integer)):
        raise TypeError(f"key expects an integer seed, got {seed!r}.")
    s = int(seed) & 0xFFFFFFFFFFFFFFFF
    return np.array([s >> 32, s & 0xFFFFFFFF], dtype=np.uint32)


def PRNGKey(seed: int | Array) -> Array:  # noqa: N802 - JAX's name
    """A key from an integer seed, as :func:`jax.random.PRNGKey`: the same as :func:`key`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.PRNGKey(0)
    array([0, 0], dtype=uint32)
    """
    return key(seed)


def key_data(keys: Array) -> Array:
    """The ``uint32`` words of a key or a batch of keys, as :func:`jax.random.key_data`.

    funcgrad's keys are their data already: this returns ``keys`` (checked).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.key_data(random.split(random.key(0)))
    array([[1797259609, 2579123966],
           [ 928981903, 3453687069]], dtype=uint32)
    """
    return _check_key("key_data", keys, allow_batched=True)


def wrap_key_data(key_bits_array: Array, *, impl: str | None = None) -> Array:
    """Keys from their ``uint32`` words, as :func:`jax.random.wrap_key_data`.

    Only threefry2x32 keys exist here (``impl`` may name it).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.wrap_key_data(np.array([0, 42], dtype=np.uint32))
    array([ 0, 42], dtype=uint32)
    """
    if impl not in (None, "threefry2x32"):
        raise ValueError(f"unknown PRNG implementation {impl!r}: funcgrad has 'threefry2x32'.")
    return _check_key("wrap_key_data", key_bits_array, allow_batched=True)


def clone(key: Array) -> Array:
    """The key itself, as :func:`jax.random.clone` (keys are values; there is nothing to copy).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.clone(random.key(1))
    array([0, 1], dtype=uint32)
    """
    return _check_key("clone", key)


def _shape(shape) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def split(key: Array, num: int | Shape = 2) -> Array:
    """``num`` new keys (a shape, when ``num`` is a tuple), as :func:`jax.random.split`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.split(random.key(0))
    array([[1797259609, 2579123966],
           [ 928981903, 3453687069]], dtype=uint32)
    >>> random.split(random.key(0), (2, 3)).shape
    (2, 3, 2)
    """
    key = _check_key("split", key)
    return random_split(key, _shape(num))


def fold_in(key: Array, data: int | Array) -> Array:
    """A new key from ``key`` and a 32-bit integer, as :func:`jax.random.fold_in`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.fold_in(random.key(0), 7)
    array([2716826189,  292468403], dtype=uint32)
    """
    key = _check_key("fold_in", key)
    if np.ndim(data):
        raise TypeError(f"fold_in accepts a scalar, but was given an array of shape "
                        f"{np.shape(data)}; use funcgrad.vmap for batching.")
    return random_fold_in(key, data)


def _split(key: Array, num: int = 2) -> list[Array]:
    keys = random_split(key, (num,))
    return [keys[i] for i in range(num)]


# ---------------------------------------------------------------------------
# Bits, uniform, normal
# ---------------------------------------------------------------------------

def _float_dtype(name: str, dtype, kinds=(np.floating,)) -> np.dtype:
    dtype = np.dtype(np.float64 if dtype is None else dtype)
    if not any(np.issubdtype(dtype, k) for k in kinds):
        raise ValueError(f"dtype argument to `{name}` must be a float dtype, got {dtype}")
    return dtype


def _int_dtype(name: str, dtype) -> np.dtype:
    dtype = np.dtype(np.int64 if dtype is None else dtype)
    if not np.issubdtype(dtype, np.integer):
        raise TypeError(f"{name} only accepts integer dtypes, got {dtype}")
    return dtype


def _check_shape(name: str, shape: tuple, *param_shapes) -> None:
    if param_shapes:
        try:
            full = np.broadcast_shapes(shape, *param_shapes)
        except ValueError:
            full = None
        if full != shape:
            raise ValueError(
                f"{name} parameter shapes must be broadcast-compatible with shape argument, and "
                f"the result of broadcasting the shapes must equal the shape argument, but got "
                f"result {full} for shape argument {shape} (parameter shapes {param_shapes}).")


def _shape_or_broadcast(name: str, shape, *params) -> tuple[int, ...]:
    shapes = [np.shape(p) for p in params]
    if shape is None:
        return tuple(np.broadcast_shapes(*shapes)) if shapes else ()
    shape = _shape(shape)
    _check_shape(name, shape, *shapes)
    return shape


def bits(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Uniform random unsigned integers, as :func:`jax.random.bits` (default ``uint64``).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.bits(random.key(0), (2,), np.uint32)
    array([4070199207, 4202968722], dtype=uint32)
    """
    key = _check_key("bits", key)
    dtype = np.dtype(np.uint64 if dtype is None else dtype)
    if not np.issubdtype(dtype, np.unsignedinteger):
        raise ValueError(f"dtype argument to `bits` must be an unsigned int dtype, got {dtype}")
    return random_bits(key, dtype.itemsize * 8, _shape(shape))


def _uniform(key, shape, dtype, minval, maxval):
    info = np.finfo(dtype)
    if info.bits not in (16, 32, 64):
        raise TypeError(f"uniform only accepts 16-, 32- or 64-bit float dtypes, got {dtype}.")
    minval = fnp.astype(fnp.asarray(minval), dtype)
    maxval = fnp.astype(fnp.asarray(maxval), dtype)
    floats = unit_floats(random_bits(key, info.bits, shape), dtype)
    return fnp.maximum(minval, floats * (maxval - minval) + minval)


def uniform(key: Array, shape: Shape = (), dtype=None, minval=0.0, maxval=1.0) -> Array:
    """Uniform random values in ``[minval, maxval)``, as :func:`jax.random.uniform`.

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.uniform(random.key(0), (3,))
    array([0.41845711, 0.21629545, 0.96532146])
    >>> random.uniform(random.key(0), (2,), np.float32, minval=-1.0, maxval=1.0)
    array([0.895334  , 0.95715976], dtype=float32)
    """
    key = _check_key("uniform", key)
    dtype = _float_dtype("uniform", dtype)
    shape = _shape(shape)
    _check_shape("uniform", shape, np.shape(minval), np.shape(maxval))
    return _uniform(key, shape, dtype, minval, maxval)


def _normal_real(key, shape, dtype):
    lo = np.nextafter(np.array(-1.0, dtype), np.array(0.0, dtype))
    u = _uniform(key, shape, dtype, lo, dtype.type(1.0))
    return dtype.type(np.sqrt(2)) * erf_inv(u)


def _normal(key, shape, dtype):
    if np.issubdtype(dtype, np.complexfloating):
        real = np.finfo(dtype).dtype
        k_re, k_im = _split(key)
        re = fnp.astype(_normal_real(k_re, shape, real), dtype)
        im = fnp.astype(_normal_real(k_im, shape, real), dtype)
        return (re + 1j * im) / dtype.type(np.sqrt(2))
    return _normal_real(key, shape, dtype)


def normal(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard normal random values, as :func:`jax.random.normal` (complex dtypes too).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.normal(random.key(0), (3,))
    array([-0.20584214, -0.78476578,  1.81608667])
    >>> random.normal(random.key(0), (3,), dtype=np.float32)
    array([ 1.6226422 ,  2.0252647 , -0.43359444], dtype=float32)
    """
    key = _check_key("normal", key)
    dtype = _float_dtype("normal", dtype, (np.inexact,))
    return _normal(key, _shape(shape), dtype)


# ---------------------------------------------------------------------------
# Integers, permutations, choices
# ---------------------------------------------------------------------------

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
    _check_shape("randint", shape, np.shape(minval), np.shape(maxval))
    dtype_max = _clip_to(np.array(np.iinfo(dtype).max, dtype), maxval.dtype)
    maxval_out_of_range = maxval > dtype_max
    minval = _clip_to(minval, dtype)
    maxval = _clip_to(maxval, dtype)
    nbits = np.iinfo(dtype).bits
    k1, k2 = _split(key)
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
    key = _check_key("randint", key)
    dtype = _int_dtype("randint", dtype)
    shape = _shape(shape)
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
        key, subkey = _split(key)
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
    key = _check_key("permutation", key)
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
    key = _check_key("shuffle", key)
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
    key = _check_key("choice", key)
    if not isinstance(shape, Sequence):
        raise TypeError(f"shape argument of funcgrad.random.choice must be a sequence, got {shape}")
    shape = _shape(shape)
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
    key = _check_key("bernoulli", key)
    if mode not in ("high", "low"):
        raise ValueError(f"got mode={mode!r}, expected 'high' or 'low'")
    p = fnp.asarray(p)
    dtype = p.dtype
    if not np.issubdtype(dtype, np.floating):
        raise TypeError(f"bernoulli probability `p` must have a floating dtype, got {dtype}.")
    shape = _shape_or_broadcast("bernoulli", shape, p)
    if mode == "high":
        u = _uniform(key, (2, *shape), dtype, 0.0, 1.0)
        u1, u2 = u[0], u[1] * dtype.type(2.0 ** -np.finfo(dtype).nmant)
        return u2 < p - u1
    return _uniform(key, shape, dtype, 0.0, 1.0) < p


def rademacher(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Random signs, -1 or +1 with equal probability, as :func:`jax.random.rademacher`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.rademacher(random.key(0), (4,))
    array([ 1,  1, -1, -1])
    """
    key = _check_key("rademacher", key)
    dtype = np.dtype(np.int64 if dtype is None else dtype)
    b = fnp.astype(bernoulli(key, 0.5, _shape(shape)), dtype)
    return fnp.astype(2 * b - 1, dtype)


# ---------------------------------------------------------------------------
# Continuous distributions by transforming uniforms and normals
# ---------------------------------------------------------------------------

def _unit(name, key, shape, dtype):
    key = _check_key(name, key)
    return key, _float_dtype(name, dtype), _shape(shape)


def exponential(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard exponential random values, ``-log1p(-u)``, as :func:`jax.random.exponential`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.exponential(random.key(0), (2,))
    array([0.54207056, 0.24372319])
    """
    key, dtype, shape = _unit("exponential", key, shape, dtype)
    return -fnp.log1p(-_uniform(key, shape, dtype, 0.0, 1.0))


def laplace(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard Laplace random values, as :func:`jax.random.laplace`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.laplace(random.key(0), (2,))
    array([0.17803369, 0.83796278])
    """
    key, dtype, shape = _unit("laplace", key, shape, dtype)
    u = _uniform(key, shape, dtype, -1.0 + np.finfo(dtype).epsneg, 1.0)
    return fnp.sign(u) * fnp.log1p(-fnp.abs(u))


def logistic(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard logistic random values, ``log(u) - log1p(-u)``, as :func:`jax.random.logistic`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.logistic(random.key(0), (2,))
    array([-0.32911032, -1.28738678])
    """
    key, dtype, shape = _unit("logistic", key, shape, dtype)
    x = _uniform(key, shape, dtype, np.finfo(dtype).tiny, 1.0)
    return fnp.log(x) - fnp.log1p(-x)


def cauchy(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard Cauchy random values, ``tan(pi (u - 1/2))``, as :func:`jax.random.cauchy`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.cauchy(random.key(0), (2,))
    array([-0.26192951, -1.23784602])
    """
    key, dtype, shape = _unit("cauchy", key, shape, dtype)
    u = _uniform(key, shape, dtype, np.finfo(dtype).eps, 1.0)
    return fnp.tan(dtype.type(np.pi) * (u - dtype.type(0.5)))


def gumbel(key: Array, shape: Shape = (), dtype=None, mode: str | None = None) -> Array:
    """Standard Gumbel random values, ``-log(-log(u))``, as :func:`jax.random.gumbel`.

    ``mode="high"`` draws two uniforms per value to resolve small probabilities better.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.gumbel(random.key(0), (2,))
    array([ 0.13790566, -0.42599294])
    """
    key, dtype, shape = _unit("gumbel", key, shape, dtype)
    mode = "low" if mode is None else mode
    if mode not in ("highest", "high", "low"):
        raise ValueError(f"Must provide valid mode for gumbel got: {mode}")
    info = np.finfo(dtype)
    if mode == "low":
        return -fnp.log(-fnp.log(_uniform(key, shape, dtype, info.tiny, 1.0)))
    u = _uniform(key, (2, *shape), dtype, 0.0, 1.0)
    high, low = u[0], u[1]
    x = fnp.where(high >= 0.5, high, high + dtype.type(2.0 ** -info.nmant) * low + info.tiny)
    return -fnp.log(-fnp.log1p(-x))


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
    key = _check_key("categorical", key)
    logits = fnp.asarray(logits)
    axis = _normalize_axis(axis, logits.ndim) - logits.ndim
    batch_shape = tuple(np.delete(logits.shape, axis))
    if shape is None:
        shape = batch_shape
    else:
        shape = _shape(shape)
        _check_shape("categorical", shape, batch_shape)
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


def truncated_normal(key: Array, lower, upper, shape: Shape | None = None, dtype=None) -> Array:
    """Standard normal values truncated to ``(lower, upper)``, as
    :func:`jax.random.truncated_normal` (differentiable in the bounds, as JAX's).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.truncated_normal(random.key(0), -1.0, 1.0, (3,))
    array([-0.13999612, -0.50631466,  0.90652156])
    """
    key = _check_key("truncated_normal", key)
    dtype = _float_dtype("truncated_normal", dtype)
    shape = _shape_or_broadcast("truncated_normal", shape, lower, upper)
    sqrt2 = dtype.type(np.sqrt(2))
    lower = fnp.astype(fnp.asarray(lower), dtype)
    upper = fnp.astype(fnp.asarray(upper), dtype)
    a = erf_p.bind(lower / sqrt2)
    b = erf_p.bind(upper / sqrt2)
    u = _uniform(key, shape, dtype, a, b)
    out = sqrt2 * erf_inv(u)
    return fnp.clip(out, fnp.nextafter(stop_gradient(lower), dtype.type(np.inf)),
                    fnp.nextafter(stop_gradient(upper), dtype.type(-np.inf)))


def multivariate_normal(key: Array, mean, cov, shape: Shape | None = None, dtype=None,
                        method: str = "cholesky") -> Array:
    """Multivariate normal values ``mean + factor @ z``, as :func:`jax.random.multivariate_normal`
    (``method`` is ``"cholesky"``, ``"eigh"`` or ``"svd"``).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.multivariate_normal(random.key(0), np.zeros(2), np.eye(2), (2,))
    array([[-0.20584214, -0.78476578],
           [ 1.81608667,  0.18784401]])
    """
    key = _check_key("multivariate_normal", key)
    if method not in ("svd", "eigh", "cholesky"):
        raise ValueError("method must be one of {'svd', 'eigh', 'cholesky'}")
    mean = fnp.asarray(mean)
    cov = fnp.asarray(cov)
    common = np.result_type(mean.dtype, cov.dtype, np.float16)
    if not np.issubdtype(common, np.inexact):
        common = np.dtype(np.float64)
    mean, cov = fnp.astype(mean, common), fnp.astype(cov, common)
    dtype = common if dtype is None else _float_dtype("multivariate_normal", dtype)
    if mean.ndim < 1:
        raise ValueError(f"multivariate_normal requires mean.ndim >= 1, got mean.ndim == "
                         f"{mean.ndim}")
    if cov.ndim < 2:
        raise ValueError(f"multivariate_normal requires cov.ndim >= 2, got cov.ndim == {cov.ndim}")
    n = mean.shape[-1]
    if cov.shape[-2:] != (n, n):
        raise ValueError(f"multivariate_normal requires cov.shape == (..., n, n) for n={n}, but "
                         f"got cov.shape == {cov.shape}.")
    if shape is None:
        shape = tuple(np.broadcast_shapes(mean.shape[:-1], cov.shape[:-2]))
    else:
        shape = _shape(shape)
        _check_shape("normal", shape, mean.shape[:-1], cov.shape[:-2])
    if method == "svd":
        u, s, _ = fnp.linalg.svd(cov)
        factor = u * fnp.sqrt(s[..., None, :])
    elif method == "eigh":
        w, v = fnp.linalg.eigh(cov)
        factor = v * fnp.sqrt(w[..., None, :])
    else:
        factor = fnp.linalg.cholesky(cov)
    z = _normal(key, shape + mean.shape[-1:], dtype)
    return mean + fnp.einsum("...ij,...j->...i", factor, z)


# ---------------------------------------------------------------------------
# Gamma and its family
# ---------------------------------------------------------------------------

def _gamma(key, a, shape, dtype, log_space=False):
    if shape is None:
        shape = np.shape(a)
    else:
        _check_shape("gamma", shape, np.shape(a))
    a = fnp.astype(fnp.asarray(a), dtype)
    if a.shape != shape:
        a = fnp.broadcast_to(a, shape)
    return random_gamma(key, a, log_space=log_space)


def gamma(key: Array, a, shape: Shape | None = None, dtype=None) -> Array:
    """Gamma random values with shape parameter ``a`` (scale 1), as :func:`jax.random.gamma`
    (Marsaglia and Tsang's method, with JAX's keys).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.gamma(random.key(0), 2.0, (3,))
    array([1.3520308 , 1.12435945, 3.73240416])
    """
    key = _check_key("gamma", key)
    dtype = _float_dtype("gamma", dtype)
    return _gamma(key, a, None if shape is None else _shape(shape), dtype)


def loggamma(key: Array, a, shape: Shape | None = None, dtype=None) -> Array:
    """The logarithm of gamma random values, accurate for small ``a``, as
    :func:`jax.random.loggamma`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.loggamma(random.key(0), 0.1, (2,))
    array([-11.70236649, -23.66064025])
    """
    key = _check_key("loggamma", key)
    dtype = _float_dtype("loggamma", dtype)
    return _gamma(key, a, None if shape is None else _shape(shape), dtype, log_space=True)


def beta(key: Array, a, b, shape: Shape | None = None, dtype=None) -> Array:
    """Beta random values, from two log-gamma draws, as :func:`jax.random.beta`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.beta(random.key(0), 2.0, 3.0, (2,))
    array([0.32795607, 0.61380901])
    """
    key = _check_key("beta", key)
    dtype = _float_dtype("beta", dtype)
    shape = _shape_or_broadcast("beta", shape, a, b)
    a = fnp.broadcast_to(fnp.astype(fnp.asarray(a), dtype), shape)
    b = fnp.broadcast_to(fnp.astype(fnp.asarray(b), dtype), shape)
    key_a, key_b = _split(key)
    log_gamma_a = _gamma(key_a, a, shape, dtype, log_space=True)
    log_gamma_b = _gamma(key_b, b, shape, dtype, log_space=True)
    log_max = fnp.maximum(log_gamma_a, log_gamma_b)
    gamma_a_scaled = fnp.exp(log_gamma_a - log_max)
    gamma_b_scaled = fnp.exp(log_gamma_b - log_max)
    return gamma_a_scaled / (gamma_a_scaled + gamma_b_scaled)


def dirichlet(key: Array, alpha, shape: Shape | None = None, dtype=None) -> Array:
    """Dirichlet random vectors (the softmax of log-gamma draws), as :func:`jax.random.dirichlet`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.dirichlet(random.key(0), [1.0, 2.0, 3.0])
    array([0.07065346, 0.16705569, 0.76229085])
    """
    key = _check_key("dirichlet", key)
    dtype = _float_dtype("dirichlet", dtype)
    alpha = fnp.asarray(alpha)
    if alpha.ndim < 1:
        raise ValueError(f"dirichlet requires alpha.ndim >= 1, got alpha.ndim == {alpha.ndim}")
    if shape is None:
        shape = alpha.shape[:-1]
    else:
        shape = _shape(shape)
        _check_shape("dirichlet", shape, alpha.shape[:-1])
    log_gamma = _gamma(key, fnp.astype(alpha, dtype), shape + alpha.shape[-1:], dtype,
                       log_space=True)
    return fnp.exp(log_gamma - logsumexp(log_gamma, axis=-1, keepdims=True))


def chisquare(key: Array, df, shape: Shape | None = None, dtype=None) -> Array:
    """Chi-square random values with ``df`` degrees of freedom, as :func:`jax.random.chisquare`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.chisquare(random.key(0), 3.0, (2,))
    array([1.81389348, 1.44835385])
    """
    key = _check_key("chisquare", key)
    dtype = _float_dtype("chisquare", dtype)
    shape = _shape_or_broadcast("chisquare", shape, df)
    half_df = fnp.astype(fnp.asarray(df), dtype) / dtype.type(2)
    return fnp.exp(_gamma(key, half_df, shape, dtype, log_space=True)) * dtype.type(2)


def f(key: Array, dfnum, dfden, shape: Shape | None = None, dtype=None) -> Array:
    """F-distributed random values, a ratio of scaled chi-squares, as :func:`jax.random.f`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.f(random.key(0), 2.0, 5.0, (2,))
    array([1.66584261, 0.28497479])
    """
    key = _check_key("f", key)
    dtype = _float_dtype("f", dtype)
    shape = _shape_or_broadcast("f", shape, dfnum, dfden)
    dfden = fnp.astype(fnp.asarray(dfden), dtype)
    dfnum = fnp.astype(fnp.asarray(dfnum), dtype)
    key_dfd, key_dfn = _split(key)
    chi2_dfn = chisquare(key_dfn, dfnum, shape, dtype)
    chi2_dfd = chisquare(key_dfd, dfden, shape, dtype)
    return (chi2_dfn / dfnum) / (chi2_dfd / dfden)


def t(key: Array, df, shape: Shape | None = None, dtype=None) -> Array:
    """Student's t random values with ``df`` degrees of freedom, as :func:`jax.random.t`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.t(random.key(0), 4.0, (2,))
    array([ 1.43881401, -0.57618965])
    """
    key = _check_key("t", key)
    dtype = _float_dtype("t", dtype)
    shape = _shape_or_broadcast("t", shape, df)
    df = fnp.astype(fnp.asarray(df), dtype)
    key_n, key_g = _split(key)
    n = _normal(key_n, shape, dtype)
    half_df = df / dtype.type(2)
    g = _gamma(key_g, half_df, shape, dtype)
    return n * fnp.sqrt(half_df / g)


def generalized_normal(key: Array, p: float, shape: Shape = (), dtype=None) -> Array:
    """Generalized normal values with density proportional to ``exp(-|x|**p)``, as
    :func:`jax.random.generalized_normal`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.generalized_normal(random.key(0), 1.5, (2,))
    array([ 1.00520642, -1.6840824 ])
    """
    key, dtype, shape = _unit("generalized_normal", key, shape, dtype)
    k1, k2 = _split(key)
    g = _gamma(k1, 1 / fnp.asarray(p), shape, dtype)
    r = rademacher(k2, shape, dtype)
    return r * g ** (1 / fnp.asarray(p))


def ball(key: Array, d: int, p: float = 2, shape: Shape = (), dtype=None) -> Array:
    """Points drawn uniformly from the unit ``p``-norm ball in ``d`` dimensions, as
    :func:`jax.random.ball`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.ball(random.key(0), 2)
    array([-0.87015073, -0.45473046])
    """
    key, dtype, shape = _unit("ball", key, shape, dtype)
    k1, k2 = _split(key)
    g = generalized_normal(k1, p, (*shape, int(d)), dtype)
    e = exponential(k2, shape, dtype)
    return g / (((fnp.abs(g) ** p).sum(-1) + e) ** (1 / p))[..., None]


# ---------------------------------------------------------------------------
# Other continuous distributions
# ---------------------------------------------------------------------------

def pareto(key: Array, b, shape: Shape | None = None, dtype=None) -> Array:
    """Pareto random values with shape ``b``, ``exp(e / b)``, as :func:`jax.random.pareto`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.pareto(random.key(0), 3.0, (2,))
    array([1.19804395, 1.08463233])
    """
    key = _check_key("pareto", key)
    dtype = _float_dtype("pareto", dtype)
    shape = _shape_or_broadcast("pareto", shape, b)
    b = fnp.astype(fnp.asarray(b), dtype)
    return fnp.exp(exponential(key, shape, dtype) / b)


def lognormal(key: Array, sigma=1.0, shape: Shape | None = None, dtype=None) -> Array:
    """Log-normal random values, ``exp(sigma z)``, as :func:`jax.random.lognormal`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.lognormal(random.key(0), 0.5, (2,))
    array([0.90219818, 0.67544544])
    """
    key = _check_key("lognormal", key)
    dtype = _float_dtype("lognormal", dtype, (np.inexact,))
    shape = _shape_or_broadcast("lognormal", shape, sigma)
    sigma = fnp.astype(fnp.asarray(sigma), dtype)
    return fnp.exp(_normal(key, shape, dtype) * sigma)


def maxwell(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Maxwell random values, the norm of three standard normals, as :func:`jax.random.maxwell`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.maxwell(random.key(0), (2,))
    array([1.98906991, 0.42460738])
    """
    key, dtype, shape = _unit("maxwell", key, shape, dtype)
    z = _normal(key, shape + (3,), dtype)
    return fnp.sqrt(fnp.sum(z * z, axis=-1))


def double_sided_maxwell(key: Array, loc, scale, shape: Shape = (), dtype=None) -> Array:
    """Double-sided Maxwell values ``sign * maxwell * scale + loc``, as
    :func:`jax.random.double_sided_maxwell`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.double_sided_maxwell(random.key(0), 0.0, 1.0, (2,))
    array([ 1.98461204, -2.4782074 ])
    """
    key, dtype, shape = _unit("double_sided_maxwell", key, shape, dtype)
    params_shape = tuple(np.broadcast_shapes(np.shape(loc), np.shape(scale)))
    if not shape:
        shape = params_shape
    shape = shape + params_shape
    maxwell_key, rademacher_key = _split(key)
    maxwell_rvs = maxwell(maxwell_key, shape, dtype)
    random_sign = rademacher(rademacher_key, shape, dtype)
    return random_sign * maxwell_rvs * scale + loc


def weibull_min(key: Array, scale, concentration, shape: Shape = (), dtype=None) -> Array:
    """Weibull random values ``(-log1p(-u)) ** (1 / concentration) * scale``, as
    :func:`jax.random.weibull_min`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.weibull_min(random.key(0), 1.0, 2.0, (2,))
    array([0.73625441, 0.49368328])
    """
    key, dtype, shape = _unit("weibull_min", key, shape, dtype)
    u = _uniform(key, shape, dtype, 0.0, 1.0)
    return fnp.power(-fnp.log1p(-u), 1.0 / fnp.asarray(concentration)) * scale


def rayleigh(key: Array, scale, shape: Shape | None = None, dtype=None) -> Array:
    """Rayleigh random values ``scale * sqrt(-2 log u)``, as :func:`jax.random.rayleigh`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.rayleigh(random.key(0), 1.0, (2,))
    array([1.31998551, 1.74991998])
    """
    key = _check_key("rayleigh", key)
    dtype = _float_dtype("rayleigh", dtype)
    shape = _shape_or_broadcast("rayleigh", shape, scale)
    u = _uniform(key, shape, dtype, 0.0, 1.0)
    scale = fnp.broadcast_to(fnp.astype(fnp.asarray(scale), dtype), shape)
    return scale * fnp.sqrt(fnp.log(u) * dtype.type(-2))


def wald(key: Array, mean, shape: Shape | None = None, dtype=None) -> Array:
    """Wald (inverse Gaussian) random values, as :func:`jax.random.wald`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.wald(random.key(0), 1.0, (2,))
    array([0.18700294, 1.61073217])
    """
    key = _check_key("wald", key)
    dtype = _float_dtype("wald", dtype)
    shape = _shape_or_broadcast("wald", shape, mean)
    k1, k2 = _split(key)
    mean = fnp.broadcast_to(fnp.astype(fnp.asarray(mean), dtype), shape)
    v = _normal(k1, shape, dtype)
    z = _uniform(k2, shape, dtype, 0.0, 1.0)
    y = v * v
    y_sq = y * y
    mean_sq = mean * mean
    sqrt_term = fnp.sqrt(4 * mean * y + mean_sq * y_sq)
    x = mean + mean_sq * y / 2 - mean / 2 * sqrt_term
    return fnp.where(z <= mean / (mean + x), x, mean_sq / x)


def triangular(key: Array, left, mode, right, shape: Shape | None = None, dtype=None) -> Array:
    """Triangular random values on ``[left, right]`` peaking at ``mode``, as
    :func:`jax.random.triangular`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.triangular(random.key(0), 0.0, 0.5, 1.0, (2,))
    array([0.45741508, 0.32885822])
    """
    key = _check_key("triangular", key)
    dtype = _float_dtype("triangular", dtype)
    shape = _shape_or_broadcast("triangular", shape, left, mode, right)
    left, mode, right = (fnp.broadcast_to(fnp.astype(fnp.asarray(v), dtype), shape)
                         for v in (left, mode, right))
    fc = (mode - left) / (right - left)
    u = _uniform(key, shape, dtype, 0.0, 1.0)
    out1 = left + fnp.sqrt(u * (right - left) * (mode - left))
    out2 = right - fnp.sqrt((1 - u) * (right - left) * (right - mode))
    return fnp.where(u < fc, out1, out2)


def orthogonal(key: Array, n: int, shape: Shape = (), dtype=None, m: int | None = None) -> Array:
    """Random ``n x m`` matrices with orthonormal columns (or rows), Haar-distributed, as
    :func:`jax.random.orthogonal`.

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> q = random.orthogonal(random.key(0), 3)
    >>> np.allclose(q @ q.T, np.eye(3))
    True
    """
    key, dtype, shape = _unit("orthogonal", key, shape, dtype)
    m = n if m is None else m
    z = _normal(key, (*shape, max(n, m), min(n, m)), dtype)
    q, r = fnp.linalg.qr(z)
    d = fnp.diagonal(r, axis1=-2, axis2=-1)
    x = q * fnp.expand_dims(fnp.sign(d), -2)
    return fnp.swapaxes(x, -1, -2) if n < m else x


# ---------------------------------------------------------------------------
# Discrete distributions with rejection loops
# ---------------------------------------------------------------------------

def geometric(key: Array, p, shape: Shape | None = None, dtype=None) -> Array:
    """Geometric random values (trials to the first success), as :func:`jax.random.geometric`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.geometric(random.key(0), 0.3, (4,))
    array([3, 5, 1, 2])
    """
    key = _check_key("geometric", key)
    dtype = _int_dtype("geometric", dtype)
    shape = _shape_or_broadcast("geometric", shape, p)
    p = fnp.asarray(p)
    if not np.issubdtype(p.dtype, np.inexact):
        p = fnp.astype(p, np.float64)
    u = _uniform(key, shape, p.dtype, 0.0, 1.0)
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
    key = _check_key("poisson", key)
    dtype = _int_dtype("poisson", dtype)
    shape = np.shape(lam) if shape is None else _shape(shape)
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
    key = _check_key("binomial", key)
    dtype = _float_dtype("binomial", dtype)
    shape = _shape_or_broadcast("binomial", shape, n, p)
    p = fnp.asarray(p)
    if not np.issubdtype(p.dtype, np.inexact):
        p = fnp.astype(p, np.float64)
    n = fnp.broadcast_to(fnp.astype(fnp.asarray(n), p.dtype), shape)
    p = fnp.broadcast_to(p, shape)
    return random_binomial(key, n, p, dtype=dtype)
