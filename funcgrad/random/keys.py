"""Keys (``key``, ``split``, ``fold_in``) and the basic draws: bits, uniform, normal, Gumbel.

The conventions (64-bit default dtypes, raw ``uint32`` keys, where floats may
differ from JAX's in the last bits) are on :mod:`funcgrad.random`'s page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import numpy as fnp
from ..core.trace import Tracer
from ..primitives.random_bits import (
    erf_inv,
    random_bits,
    random_fold_in,
    random_split,
    unit_floats,
)

__all__ = [
    "PRNGKey", "bits", "clone", "fold_in", "gumbel", "key", "key_data", "normal", "split",
    "uniform", "wrap_key_data",
]

Array = Any
Shape = Sequence[int]


def check_key(name: str, key: Array, allow_batched: bool = False) -> Array:
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


def key(seed: int | Array, *, impl: str | None = None) -> Array:
    """A key from an integer seed, as :func:`jax.random.key`.

    The seed's 64 bits become the key's two ``uint32`` words (high, low).
    funcgrad's keys are raw ``uint32`` arrays of shape ``(2,)``; JAX's ``key``
    wraps the same two words in a typed scalar. ``impl`` may name the one
    generator there is, ``'threefry2x32'`` (JAX's default).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.key(42)
    array([ 0, 42], dtype=uint32)
    >>> random.key(2 ** 32 + 5)
    array([1, 5], dtype=uint32)
    >>> random.key(0, impl="threefry2x32")
    array([0, 0], dtype=uint32)
    """
    _check_impl(impl)
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


def PRNGKey(seed: int | Array, *, impl: str | None = None) -> Array:  # noqa: N802 - JAX's name
    """A key from an integer seed, as :func:`jax.random.PRNGKey`: the same as :func:`key`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.PRNGKey(0)
    array([0, 0], dtype=uint32)
    """
    return key(seed, impl=impl)


def _check_impl(impl: str | None) -> None:
    if impl not in (None, "threefry2x32"):
        raise ValueError(f"unknown PRNG implementation {impl!r}: funcgrad has 'threefry2x32'.")


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
    return check_key("key_data", keys, allow_batched=True)


def wrap_key_data(key_bits_array: Array, *, impl: str | None = None) -> Array:
    """Keys from their ``uint32`` words, as :func:`jax.random.wrap_key_data`.

    Only threefry2x32 keys exist here (``impl`` may name it).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.wrap_key_data(np.array([0, 42], dtype=np.uint32))
    array([ 0, 42], dtype=uint32)
    """
    _check_impl(impl)
    return check_key("wrap_key_data", key_bits_array, allow_batched=True)


def clone(key: Array) -> Array:
    """The key itself, as :func:`jax.random.clone` (keys are values; there is nothing to copy).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.clone(random.key(1))
    array([0, 1], dtype=uint32)
    """
    return check_key("clone", key)


def as_shape(shape) -> tuple[int, ...]:
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
    key = check_key("split", key)
    return random_split(key, as_shape(num))


def fold_in(key: Array, data: int | Array) -> Array:
    """A new key from ``key`` and a 32-bit integer, as :func:`jax.random.fold_in`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.fold_in(random.key(0), 7)
    array([2716826189,  292468403], dtype=uint32)
    """
    key = check_key("fold_in", key)
    if np.ndim(data):
        raise TypeError(f"fold_in accepts a scalar, but was given an array of shape "
                        f"{np.shape(data)}; use funcgrad.vmap for batching.")
    return random_fold_in(key, data)


def split_into(key: Array, num: int = 2) -> list[Array]:
    keys = random_split(key, (num,))
    return [keys[i] for i in range(num)]


def float_dtype(name: str, dtype, kinds=(np.floating,)) -> np.dtype:
    dtype = np.dtype(np.float64 if dtype is None else dtype)
    if not any(np.issubdtype(dtype, k) for k in kinds):
        raise ValueError(f"dtype argument to `{name}` must be a float dtype, got {dtype}")
    return dtype


def int_dtype(name: str, dtype) -> np.dtype:
    dtype = np.dtype(np.int64 if dtype is None else dtype)
    if not np.issubdtype(dtype, np.integer):
        raise TypeError(f"{name} only accepts integer dtypes, got {dtype}")
    return dtype


def check_shape(name: str, shape: tuple, *param_shapes) -> None:
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


def shape_or_broadcast(name: str, shape, *params) -> tuple[int, ...]:
    shapes = [np.shape(p) for p in params]
    if shape is None:
        return tuple(np.broadcast_shapes(*shapes)) if shapes else ()
    shape = as_shape(shape)
    check_shape(name, shape, *shapes)
    return shape


def bits(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Uniform random unsigned integers, as :func:`jax.random.bits` (default ``uint64``).

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> random.bits(random.key(0), (2,), np.uint32)
    array([4070199207, 4202968722], dtype=uint32)
    """
    key = check_key("bits", key)
    dtype = np.dtype(np.uint64 if dtype is None else dtype)
    if not np.issubdtype(dtype, np.unsignedinteger):
        raise ValueError(f"dtype argument to `bits` must be an unsigned int dtype, got {dtype}")
    return random_bits(key, dtype.itemsize * 8, as_shape(shape))


def uniform_values(key, shape, dtype, minval, maxval):
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
    key = check_key("uniform", key)
    dtype = float_dtype("uniform", dtype)
    shape = as_shape(shape)
    check_shape("uniform", shape, np.shape(minval), np.shape(maxval))
    return uniform_values(key, shape, dtype, minval, maxval)


def _normal_real(key, shape, dtype):
    lo = np.nextafter(np.array(-1.0, dtype), np.array(0.0, dtype))
    u = uniform_values(key, shape, dtype, lo, dtype.type(1.0))
    return dtype.type(np.sqrt(2)) * erf_inv(u)


def normal_values(key, shape, dtype):
    if np.issubdtype(dtype, np.complexfloating):
        real = np.finfo(dtype).dtype
        k_re, k_im = split_into(key)
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
    key = check_key("normal", key)
    dtype = float_dtype("normal", dtype, (np.inexact,))
    return normal_values(key, as_shape(shape), dtype)


def unit_args(name, key, shape, dtype):
    key = check_key(name, key)
    return key, float_dtype(name, dtype), as_shape(shape)


def gumbel(key: Array, shape: Shape = (), dtype=None, mode: str | None = None) -> Array:
    """Standard Gumbel random values, ``-log(-log(u))``, as :func:`jax.random.gumbel`.

    ``mode="high"`` draws two uniforms per value to resolve small probabilities better.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.gumbel(random.key(0), (2,))
    array([ 0.13790566, -0.42599294])
    """
    key, dtype, shape = unit_args("gumbel", key, shape, dtype)
    mode = "low" if mode is None else mode
    if mode not in ("highest", "high", "low"):
        raise ValueError(f"Must provide valid mode for gumbel got: {mode}")
    info = np.finfo(dtype)
    if mode == "low":
        return -fnp.log(-fnp.log(uniform_values(key, shape, dtype, info.tiny, 1.0)))
    u = uniform_values(key, (2, *shape), dtype, 0.0, 1.0)
    high, low = u[0], u[1]
    x = fnp.where(high >= 0.5, high, high + dtype.type(2.0 ** -info.nmant) * low + info.tiny)
    return -fnp.log(-fnp.log1p(-x))
