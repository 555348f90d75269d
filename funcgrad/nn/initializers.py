"""funcgrad.nn.initializers: parameter initializers (anchor: ``jax.nn.initializers``).

An initializer is a function ``init(key, shape, dtype=float64)`` returning an
array drawn from :mod:`funcgrad.random` with the key given; the functions here
build them. They draw JAX's numbers from the same keys (float64 by default,
JAX's x64 numbers; ``dtype=np.float32`` gives JAX's default float32 numbers).

>>> import funcgrad.random as random
>>> from funcgrad.nn import initializers
>>> init = initializers.glorot_normal()
>>> init(random.key(0), (2, 3)).round(6)
array([[-0.141178, -0.533121,  1.143644],
       [ 0.128848,  0.055493, -0.25484 ]])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal, Protocol

import numpy as np

from .. import numpy as fnp
from .. import random

__all__ = [
    "Initializer", "constant", "delta_orthogonal", "glorot_normal", "glorot_uniform",
    "he_normal", "he_uniform", "kaiming_normal", "kaiming_uniform", "lecun_normal",
    "lecun_uniform", "normal", "ones", "orthogonal", "truncated_normal", "uniform",
    "variance_scaling", "xavier_normal", "xavier_uniform", "zeros",
]

class Initializer(Protocol):
    """The type of an initializer: ``init(key, shape, dtype=None) -> array``
    (``jax.nn.initializers.Initializer``).

    Examples
    --------
    >>> from funcgrad import random
    >>> init: Initializer = glorot_normal()
    >>> init(random.key(0), (2, 3)).shape
    (2, 3)
    """

    def __call__(self, key: Any, shape: Any, dtype: Any = None) -> Any: ...
Axes = "int | Sequence[int]"


def _dtype(dtype) -> np.dtype:
    return np.dtype(np.float64 if dtype is None else dtype)


def zeros(key, shape, dtype=None):
    """An array of zeros (the key is unused), as :func:`jax.nn.initializers.zeros`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.zeros(random.key(0), (2,))
    array([0., 0.])
    """
    return fnp.zeros(shape, _dtype(dtype))


def ones(key, shape, dtype=None):
    """An array of ones (the key is unused), as :func:`jax.nn.initializers.ones`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.ones(random.key(0), (2,))
    array([1., 1.])
    """
    return fnp.ones(shape, _dtype(dtype))


def constant(value, dtype=None) -> Initializer:
    """An initializer filling arrays with ``value``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.constant(-7.0)(random.key(0), (2,))
    array([-7., -7.])
    """

    def init(key, shape, dtype=dtype):
        return fnp.full(shape, value, dtype=_dtype(dtype))

    return init


def uniform(scale=1e-2, dtype=None) -> Initializer:
    """An initializer drawing uniformly from ``[0, scale)``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.uniform(10.0)(random.key(0), (2,))
    array([4.18457112, 2.16295455])
    """

    def init(key, shape, dtype=dtype):
        dtype = _dtype(dtype)
        return random.uniform(key, shape, dtype) * np.asarray(scale, dtype)

    return init


def normal(stddev=1e-2, dtype=None) -> Initializer:
    """An initializer drawing from a centred normal of standard deviation ``stddev``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.normal(1.0)(random.key(0), (2,))
    array([-0.20584214, -0.78476578])
    """

    def init(key, shape, dtype=dtype):
        dtype = _dtype(dtype)
        return random.normal(key, shape, dtype) * np.asarray(stddev, dtype)

    return init


def truncated_normal(stddev=1e-2, dtype=None, lower=-2.0, upper=2.0) -> Initializer:
    """An initializer drawing ``stddev`` times a standard normal truncated to
    ``(lower, upper)``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.truncated_normal(1.0)(random.key(0), (2,))
    array([-0.19635199, -0.74147057])
    """

    def init(key, shape, dtype=dtype):
        dtype = _dtype(dtype)
        return random.truncated_normal(key, lower, upper, shape, dtype) * np.asarray(stddev,
                                                                                     dtype)

    return init


def _compute_fans(shape, in_axis=-2, out_axis=-1, batch_axis=()):
    """(fan_in, fan_out) of a weight of ``shape``: the input and output sizes times the
    receptive field (the product of the remaining axes, other than ``batch_axis``)."""
    if isinstance(in_axis, int) and in_axis == -2 and len(shape) <= 1:
        raise ValueError(
            f"Can't compute input and output sizes of a {len(shape)}-dimensional weights "
            "tensor with default in_axis. Must be at least 2D or specify in_axis explicitly.")

    def size(axes):
        return shape[axes] if isinstance(axes, int) else math.prod(shape[i] for i in axes)

    in_size, out_size, batch_size = size(in_axis), size(out_axis), size(batch_axis)
    receptive_field_size = math.prod(shape) / in_size / out_size / batch_size
    return in_size * receptive_field_size, out_size * receptive_field_size


def _complex_uniform(key, shape, dtype):
    key_r, key_theta = random.split(key)
    real = np.finfo(dtype).dtype
    r = fnp.astype(fnp.sqrt(2 * random.uniform(key_r, shape, real)), dtype)
    theta = 2 * np.pi * fnp.astype(random.uniform(key_theta, shape, real), dtype)
    return r * fnp.exp(1j * theta)


def _complex_truncated_normal(key, upper, shape, dtype):
    key_r, key_theta = random.split(key)
    real = np.finfo(dtype).dtype
    t = (1 - fnp.exp(np.asarray(-upper ** 2, dtype))) * fnp.astype(
        random.uniform(key_r, shape, real), dtype)
    r = fnp.sqrt(-fnp.log(1 - t))
    theta = 2 * np.pi * fnp.astype(random.uniform(key_theta, shape, real), dtype)
    return r * fnp.exp(1j * theta)


def variance_scaling(
    scale,
    mode: Literal["fan_in", "fan_out", "fan_avg", "fan_geo_avg"],
    distribution: Literal["truncated_normal", "normal", "uniform"],
    in_axis: int | Sequence[int] = -2,
    out_axis: int | Sequence[int] = -1,
    batch_axis: int | Sequence[int] = (),
    dtype=None,
) -> Initializer:
    """An initializer whose draws have variance ``scale / n``, ``n`` the fan-in, fan-out,
    their mean or their geometric mean (``mode``), as
    :func:`jax.nn.initializers.variance_scaling`.

    ``distribution`` is ``"truncated_normal"`` (cut at two standard deviations,
    rescaled), ``"normal"`` or ``"uniform"``; complex dtypes get JAX's complex draws.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> init = initializers.variance_scaling(2.0, "fan_in", "normal")
    >>> init(random.key(0), (2, 2))
    array([[-0.20584214, -0.78476578],
           [ 1.81608667,  0.18784401]])
    """
    if mode not in ("fan_in", "fan_out", "fan_avg", "fan_geo_avg"):
        raise ValueError(f"invalid mode for variance scaling initializer: {mode}")
    if distribution not in ("truncated_normal", "normal", "uniform"):
        raise ValueError(f"invalid distribution for variance scaling initializer: {distribution}")

    def init(key, shape, dtype=dtype):
        shape = tuple(int(d) for d in shape)
        dtype = _dtype(dtype)
        fan_in, fan_out = _compute_fans(shape, in_axis, out_axis, batch_axis)
        denominator = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2,
                       "fan_geo_avg": (fan_in * fan_out) ** 0.5}[mode]
        variance = np.asarray(scale / denominator, dtype=dtype)
        complex_ = np.issubdtype(dtype, np.complexfloating)
        if distribution == "truncated_normal":
            if not complex_:
                stddev = np.sqrt(variance) / np.asarray(0.8796256610342398, dtype)
                return random.truncated_normal(key, -2, 2, shape, dtype) * stddev
            stddev = np.sqrt(variance) / np.asarray(0.9531116438049121, dtype)
            return _complex_truncated_normal(key, 2, shape, dtype) * stddev
        if distribution == "normal":
            return random.normal(key, shape, dtype) * np.sqrt(variance)
        if not complex_:
            return random.uniform(key, shape, dtype, -1) * np.sqrt(3 * variance)
        return _complex_uniform(key, shape, dtype) * np.sqrt(variance)

    return init


def glorot_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """Glorot (Xavier) uniform: ``variance_scaling(1.0, "fan_avg", "uniform")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.glorot_uniform()(random.key(0), (2, 2)).round(6)
    array([[-0.199738, -0.694931],
           [ 1.1398  ,  0.182488]])
    """
    return variance_scaling(1.0, "fan_avg", "uniform", in_axis, out_axis, batch_axis, dtype)


def glorot_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """Glorot (Xavier) normal: ``variance_scaling(1.0, "fan_avg", "truncated_normal")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.glorot_normal()(random.key(0), (2, 2)).round(6)
    array([[-0.157842, -0.596048],
           [ 1.278632,  0.144056]])
    """
    return variance_scaling(1.0, "fan_avg", "truncated_normal", in_axis, out_axis, batch_axis,
                            dtype)


def lecun_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """LeCun uniform: ``variance_scaling(1.0, "fan_in", "uniform")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.lecun_uniform()(random.key(0), (2, 2)).round(6)
    array([[-0.199738, -0.694931],
           [ 1.1398  ,  0.182488]])
    """
    return variance_scaling(1.0, "fan_in", "uniform", in_axis, out_axis, batch_axis, dtype)


def lecun_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """LeCun normal: ``variance_scaling(1.0, "fan_in", "truncated_normal")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.lecun_normal()(random.key(0), (2, 2)).round(6)
    array([[-0.157842, -0.596048],
           [ 1.278632,  0.144056]])
    """
    return variance_scaling(1.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis,
                            dtype)


def he_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """He (Kaiming) uniform: ``variance_scaling(2.0, "fan_in", "uniform")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.he_uniform()(random.key(0), (2, 2)).round(6)
    array([[-0.282473, -0.982781],
           [ 1.611921,  0.258077]])
    """
    return variance_scaling(2.0, "fan_in", "uniform", in_axis, out_axis, batch_axis, dtype)


def he_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None) -> Initializer:
    """He (Kaiming) normal: ``variance_scaling(2.0, "fan_in", "truncated_normal")``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> initializers.he_normal()(random.key(0), (2, 2)).round(6)
    array([[-0.223222, -0.842939],
           [ 1.808259,  0.203726]])
    """
    return variance_scaling(2.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis,
                            dtype)


xavier_uniform = glorot_uniform
xavier_normal = glorot_normal
kaiming_uniform = he_uniform
kaiming_normal = he_normal


def orthogonal(scale=1.0, column_axis=-1, dtype=None) -> Initializer:
    """An initializer drawing (scaled) orthogonal matrices, as
    :func:`jax.nn.initializers.orthogonal`; axes other than ``column_axis`` are flattened
    into rows.

    Examples
    --------
    >>> import numpy as np, funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> w = initializers.orthogonal()(random.key(0), (3, 3))
    >>> np.allclose(w.T @ w, np.eye(3))
    True
    """

    def init(key, shape, dtype=dtype):
        dtype = _dtype(dtype)
        shape = tuple(int(d) for d in shape)
        if len(shape) < 2:
            raise ValueError("orthogonal initializer requires at least a 2D shape")
        if any(d == 0 for d in shape):
            return fnp.zeros(shape, dtype=dtype)
        n_rows, n_cols = math.prod(shape) // shape[column_axis], shape[column_axis]
        q = random.orthogonal(key, n_rows, (), dtype, n_cols)
        q = fnp.reshape(q, tuple(np.delete(shape, column_axis)) + (shape[column_axis],))
        q = fnp.moveaxis(q, -1, column_axis)
        return np.asarray(scale, dtype) * q

    return init


def delta_orthogonal(scale=1.0, column_axis=-1, dtype=None) -> Initializer:
    """An initializer for convolution kernels (3, 4 or 5 dimensions): an orthogonal matrix
    at the spatial centre, zeros elsewhere, as :func:`jax.nn.initializers.delta_orthogonal`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> from funcgrad.nn import initializers
    >>> w = initializers.delta_orthogonal()(random.key(0), (3, 2, 2))
    >>> bool((w[0] == 0).all() and (w[2] == 0).all())
    True
    """

    def init(key, shape, dtype=dtype):
        dtype = _dtype(dtype)
        shape = tuple(int(d) for d in shape)
        if len(shape) not in (3, 4, 5):
            raise ValueError("Delta orthogonal initializer requires a 3D, 4D or 5D shape.")
        if shape[-1] < shape[-2]:
            raise ValueError("`fan_in` must be less or equal than `fan_out`. ")
        ortho = orthogonal(scale=scale, column_axis=column_axis, dtype=dtype)(key, shape[-2:])
        centre = tuple((k - 1) // 2 for k in shape[:-2])
        return fnp.zeros(shape, dtype=dtype).at[centre + (Ellipsis,)].set(ortho)

    return init
