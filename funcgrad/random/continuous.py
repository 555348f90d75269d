"""Continuous draws by transforming uniforms, normals and gamma variates."""

from __future__ import annotations

import numpy as np

from .. import numpy as fnp
from ..primitives.nn import erf_p
from ..primitives.random_bits import erf_inv, random_gamma
from ..transforms.custom import stop_gradient
from .discrete import rademacher
from .keys import (
    Array,
    Shape,
    as_shape,
    check_key,
    check_shape,
    float_dtype,
    normal_values,
    shape_or_broadcast,
    split_into,
    uniform_values,
    unit_args,
)

__all__ = [
    "ball", "beta", "cauchy", "chisquare", "dirichlet", "double_sided_maxwell", "exponential",
    "f", "gamma", "generalized_normal", "laplace", "loggamma", "logistic", "lognormal",
    "maxwell", "multivariate_normal", "orthogonal", "pareto", "rayleigh", "t", "triangular",
    "truncated_normal", "wald", "weibull_min",
]


def exponential(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard exponential random values, ``-log1p(-u)``, as :func:`jax.random.exponential`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.exponential(random.key(0), (2,))
    array([0.54207056, 0.24372319])
    """
    key, dtype, shape = unit_args("exponential", key, shape, dtype)
    return -fnp.log1p(-uniform_values(key, shape, dtype, 0.0, 1.0))


def laplace(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard Laplace random values, as :func:`jax.random.laplace`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.laplace(random.key(0), (2,))
    array([0.17803369, 0.83796278])
    """
    key, dtype, shape = unit_args("laplace", key, shape, dtype)
    u = uniform_values(key, shape, dtype, -1.0 + np.finfo(dtype).epsneg, 1.0)
    return fnp.sign(u) * fnp.log1p(-fnp.abs(u))


def logistic(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard logistic random values, ``log(u) - log1p(-u)``, as :func:`jax.random.logistic`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.logistic(random.key(0), (2,))
    array([-0.32911032, -1.28738678])
    """
    key, dtype, shape = unit_args("logistic", key, shape, dtype)
    x = uniform_values(key, shape, dtype, np.finfo(dtype).tiny, 1.0)
    return fnp.log(x) - fnp.log1p(-x)


def cauchy(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Standard Cauchy random values, ``tan(pi (u - 1/2))``, as :func:`jax.random.cauchy`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.cauchy(random.key(0), (2,))
    array([-0.26192951, -1.23784602])
    """
    key, dtype, shape = unit_args("cauchy", key, shape, dtype)
    u = uniform_values(key, shape, dtype, np.finfo(dtype).eps, 1.0)
    return fnp.tan(dtype.type(np.pi) * (u - dtype.type(0.5)))


def truncated_normal(key: Array, lower, upper, shape: Shape | None = None, dtype=None) -> Array:
    """Standard normal values truncated to ``(lower, upper)``, as
    :func:`jax.random.truncated_normal` (differentiable in the bounds, as JAX's).

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.truncated_normal(random.key(0), -1.0, 1.0, (3,))
    array([-0.13999612, -0.50631466,  0.90652156])
    """
    key = check_key("truncated_normal", key)
    dtype = float_dtype("truncated_normal", dtype)
    shape = shape_or_broadcast("truncated_normal", shape, lower, upper)
    sqrt2 = dtype.type(np.sqrt(2))
    lower = fnp.astype(fnp.asarray(lower), dtype)
    upper = fnp.astype(fnp.asarray(upper), dtype)
    a = erf_p.bind(lower / sqrt2)
    b = erf_p.bind(upper / sqrt2)
    u = uniform_values(key, shape, dtype, a, b)
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
    key = check_key("multivariate_normal", key)
    if method not in ("svd", "eigh", "cholesky"):
        raise ValueError("method must be one of {'svd', 'eigh', 'cholesky'}")
    mean = fnp.asarray(mean)
    cov = fnp.asarray(cov)
    common = np.result_type(mean.dtype, cov.dtype, np.float16)
    if not np.issubdtype(common, np.inexact):
        common = np.dtype(np.float64)
    mean, cov = fnp.astype(mean, common), fnp.astype(cov, common)
    dtype = common if dtype is None else float_dtype("multivariate_normal", dtype)
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
        shape = as_shape(shape)
        check_shape("normal", shape, mean.shape[:-1], cov.shape[:-2])
    if method == "svd":
        u, s, _ = fnp.linalg.svd(cov)
        factor = u * fnp.sqrt(s[..., None, :])
    elif method == "eigh":
        w, v = fnp.linalg.eigh(cov)
        factor = v * fnp.sqrt(w[..., None, :])
    else:
        factor = fnp.linalg.cholesky(cov)
    z = normal_values(key, shape + mean.shape[-1:], dtype)
    return mean + fnp.einsum("...ij,...j->...i", factor, z)


def _gamma(key, a, shape, dtype, log_space=False):
    if shape is None:
        shape = np.shape(a)
    else:
        check_shape("gamma", shape, np.shape(a))
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
    key = check_key("gamma", key)
    dtype = float_dtype("gamma", dtype)
    return _gamma(key, a, None if shape is None else as_shape(shape), dtype)


def loggamma(key: Array, a, shape: Shape | None = None, dtype=None) -> Array:
    """The logarithm of gamma random values, accurate for small ``a``, as
    :func:`jax.random.loggamma`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.loggamma(random.key(0), 0.1, (2,))
    array([-11.70236649, -23.66064025])
    """
    key = check_key("loggamma", key)
    dtype = float_dtype("loggamma", dtype)
    return _gamma(key, a, None if shape is None else as_shape(shape), dtype, log_space=True)


def beta(key: Array, a, b, shape: Shape | None = None, dtype=None) -> Array:
    """Beta random values, from two log-gamma draws, as :func:`jax.random.beta`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.beta(random.key(0), 2.0, 3.0, (2,))
    array([0.32795607, 0.61380901])
    """
    key = check_key("beta", key)
    dtype = float_dtype("beta", dtype)
    shape = shape_or_broadcast("beta", shape, a, b)
    a = fnp.broadcast_to(fnp.astype(fnp.asarray(a), dtype), shape)
    b = fnp.broadcast_to(fnp.astype(fnp.asarray(b), dtype), shape)
    key_a, key_b = split_into(key)
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
    key = check_key("dirichlet", key)
    dtype = float_dtype("dirichlet", dtype)
    alpha = fnp.asarray(alpha)
    if alpha.ndim < 1:
        raise ValueError(f"dirichlet requires alpha.ndim >= 1, got alpha.ndim == {alpha.ndim}")
    if shape is None:
        shape = alpha.shape[:-1]
    else:
        shape = as_shape(shape)
        check_shape("dirichlet", shape, alpha.shape[:-1])
    log_gamma = _gamma(key, fnp.astype(alpha, dtype), shape + alpha.shape[-1:], dtype,
                       log_space=True)
    # softmax over the last axis, as JAX's: shift by the (constant) maximum, normalise.
    shifted = fnp.exp(log_gamma - stop_gradient(fnp.max(log_gamma, axis=-1, keepdims=True)))
    return shifted / fnp.sum(shifted, axis=-1, keepdims=True)


def chisquare(key: Array, df, shape: Shape | None = None, dtype=None) -> Array:
    """Chi-square random values with ``df`` degrees of freedom, as :func:`jax.random.chisquare`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.chisquare(random.key(0), 3.0, (2,))
    array([1.81389348, 1.44835385])
    """
    key = check_key("chisquare", key)
    dtype = float_dtype("chisquare", dtype)
    shape = shape_or_broadcast("chisquare", shape, df)
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
    key = check_key("f", key)
    dtype = float_dtype("f", dtype)
    shape = shape_or_broadcast("f", shape, dfnum, dfden)
    dfden = fnp.astype(fnp.asarray(dfden), dtype)
    dfnum = fnp.astype(fnp.asarray(dfnum), dtype)
    key_dfd, key_dfn = split_into(key)
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
    key = check_key("t", key)
    dtype = float_dtype("t", dtype)
    shape = shape_or_broadcast("t", shape, df)
    df = fnp.astype(fnp.asarray(df), dtype)
    key_n, key_g = split_into(key)
    n = normal_values(key_n, shape, dtype)
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
    key, dtype, shape = unit_args("generalized_normal", key, shape, dtype)
    k1, k2 = split_into(key)
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
    key, dtype, shape = unit_args("ball", key, shape, dtype)
    k1, k2 = split_into(key)
    g = generalized_normal(k1, p, (*shape, int(d)), dtype)
    e = exponential(k2, shape, dtype)
    return g / (((fnp.abs(g) ** p).sum(-1) + e) ** (1 / p))[..., None]


def pareto(key: Array, b, shape: Shape | None = None, dtype=None) -> Array:
    """Pareto random values with shape ``b``, ``exp(e / b)``, as :func:`jax.random.pareto`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.pareto(random.key(0), 3.0, (2,))
    array([1.19804395, 1.08463233])
    """
    key = check_key("pareto", key)
    dtype = float_dtype("pareto", dtype)
    shape = shape_or_broadcast("pareto", shape, b)
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
    key = check_key("lognormal", key)
    dtype = float_dtype("lognormal", dtype, (np.inexact,))
    shape = shape_or_broadcast("lognormal", shape, sigma)
    sigma = fnp.astype(fnp.asarray(sigma), dtype)
    return fnp.exp(normal_values(key, shape, dtype) * sigma)


def maxwell(key: Array, shape: Shape = (), dtype=None) -> Array:
    """Maxwell random values, the norm of three standard normals, as :func:`jax.random.maxwell`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.maxwell(random.key(0), (2,))
    array([1.98906991, 0.42460738])
    """
    key, dtype, shape = unit_args("maxwell", key, shape, dtype)
    z = normal_values(key, shape + (3,), dtype)
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
    key, dtype, shape = unit_args("double_sided_maxwell", key, shape, dtype)
    params_shape = tuple(np.broadcast_shapes(np.shape(loc), np.shape(scale)))
    if not shape:
        shape = params_shape
    shape = shape + params_shape
    maxwell_key, rademacher_key = split_into(key)
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
    key, dtype, shape = unit_args("weibull_min", key, shape, dtype)
    u = uniform_values(key, shape, dtype, 0.0, 1.0)
    return fnp.power(-fnp.log1p(-u), 1.0 / fnp.asarray(concentration)) * scale


def rayleigh(key: Array, scale, shape: Shape | None = None, dtype=None) -> Array:
    """Rayleigh random values ``scale * sqrt(-2 log u)``, as :func:`jax.random.rayleigh`.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> random.rayleigh(random.key(0), 1.0, (2,))
    array([1.31998551, 1.74991998])
    """
    key = check_key("rayleigh", key)
    dtype = float_dtype("rayleigh", dtype)
    shape = shape_or_broadcast("rayleigh", shape, scale)
    u = uniform_values(key, shape, dtype, 0.0, 1.0)
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
    key = check_key("wald", key)
    dtype = float_dtype("wald", dtype)
    shape = shape_or_broadcast("wald", shape, mean)
    k1, k2 = split_into(key)
    mean = fnp.broadcast_to(fnp.astype(fnp.asarray(mean), dtype), shape)
    v = normal_values(k1, shape, dtype)
    z = uniform_values(k2, shape, dtype, 0.0, 1.0)
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
    key = check_key("triangular", key)
    dtype = float_dtype("triangular", dtype)
    shape = shape_or_broadcast("triangular", shape, left, mode, right)
    left, mode, right = (fnp.broadcast_to(fnp.astype(fnp.asarray(v), dtype), shape)
                         for v in (left, mode, right))
    fc = (mode - left) / (right - left)
    u = uniform_values(key, shape, dtype, 0.0, 1.0)
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
    key, dtype, shape = unit_args("orthogonal", key, shape, dtype)
    m = n if m is None else m
    z = normal_values(key, (*shape, max(n, m), min(n, m)), dtype)
    q, r = fnp.linalg.qr(z)
    d = fnp.diagonal(r, axis1=-2, axis2=-1)
    x = q * fnp.expand_dims(fnp.sign(d), -2)
    return fnp.swapaxes(x, -1, -2) if n < m else x
