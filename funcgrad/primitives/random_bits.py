"""Counter-based random bits: the threefry2x32 hash and JAX's key operations on it.

A key is a ``uint32`` array of shape ``(2,)`` (a batch of keys: shape ``(..., 2)``).
Everything random in :mod:`funcgrad.random` is a function of keys computed by
the primitives here, in NumPy ``uint32`` arithmetic, bit for bit as JAX computes
them with its default ``jax_threefry_partitionable=True``:

``threefry2x32(k1, k2, x1, x2)``
    The Threefry-2x32 block cipher of Salmon et al. (SC'11, "Parallel random
    numbers: as easy as 1, 2, 3"), 20 rounds, elementwise over broadcast arrays.
``random_bits(keys, bit_width, shape)``
    Hashes the 64-bit counter ``0, 1, ..., prod(shape) - 1`` (as its high and
    low 32-bit words) under each key; a 32-bit draw is the XOR of the two
    output words, a 64-bit draw their concatenation, 8 and 16 bits the low bits
    of the XOR.
``random_split(keys, shape)``
    The same hashes, kept as pairs: new keys.
``random_fold_in(keys, data)``
    The hash of the counter ``(0, data)``.

The primitives take batches of keys in their leading axes, so ``vmap`` over
keys is one vectorised call. Keys and bits have no derivative. ``erf_inv`` is
XLA's polynomial approximation of the inverse error function (Giles, "Approximating
the erfinv function", GPU Computing Gems 2011), the one JAX's ``normal`` uses.
``random_gamma`` is Marsaglia and Tsang's rejection sampler, with JAX's keys.
``random_poisson`` is Knuth's algorithm for small rates and Hormann's transformed
rejection (PTRS) for large ones, again with JAX's keys and float32 arithmetic.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.optional import optional_function
from ..core.primitive import Primitive, defderivative, nondifferentiable
from .batching import defbatch_elementwise
from .comparisons import equal
from .elementwise import exp, where
from .shape import batch_size, bdim_to_front

__all__ = [
    "erf_inv", "erf_inv_p", "random_binomial", "random_binomial_p", "random_bits",
    "random_bits_p", "random_fold_in",
    "random_fold_in_p", "random_gamma", "random_gamma_p", "random_poisson", "random_poisson_p",
    "random_split", "random_split_p", "threefry2x32", "threefry2x32_p",
]

_U32 = np.uint32
UINT_DTYPES = {8: np.dtype(np.uint8), 16: np.dtype(np.uint16), 32: np.dtype(np.uint32),
               64: np.dtype(np.uint64)}

# ---------------------------------------------------------------------------
# threefry2x32
# ---------------------------------------------------------------------------

_ROTATIONS = ((13, 15, 26, 6), (17, 29, 16, 24))
_PARITY = _U32(0x1BD11BDA)


def _threefry2x32(k1, k2, x1, x2):
    """The Threefry-2x32 hash of the counter words ``(x1, x2)`` under the key ``(k1, k2)``."""
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=_U32) for a in (k1, k2, x1, x2)))
    shape = arrays[0].shape
    # 1-d arrays: uint32 arithmetic wraps silently (NumPy scalars would warn).
    k1, k2, x1, x2 = (a.reshape(-1) for a in arrays)
    ks = (k1, k2, k1 ^ k2 ^ _PARITY)
    a = x1 + ks[0]
    b = x2 + ks[1]
    for i in range(5):
        for r in _ROTATIONS[i % 2]:
            a += b
            b = (b << _U32(r)) | (b >> _U32(32 - r))
            b ^= a
        a += ks[(i + 1) % 3]
        b += ks[(i + 2) % 3]
        b += _U32(i + 1)
    return a.reshape(shape), b.reshape(shape)


threefry2x32_p = Primitive("threefry2x32", _threefry2x32, multiple_results=True)
nondifferentiable(threefry2x32_p)
defbatch_elementwise(threefry2x32_p)


def threefry2x32(k1, k2, x1, x2):
    """The Threefry-2x32 hash, elementwise over the broadcast ``uint32`` arrays.

    Returns the two output words. ``(k1, k2)`` is the key, ``(x1, x2)`` the counter.

    Examples
    --------
    >>> import numpy as np
    >>> threefry2x32(np.uint32(0), np.uint32(0), np.uint32(0), np.uint32(1))
    (array(928981903, dtype=uint32), array(3453687069, dtype=uint32))
    """
    return threefry2x32_p.bind(k1, k2, x1, x2)


# ---------------------------------------------------------------------------
# Key operations (NumPy kernels on batches of keys, then their primitives)
# ---------------------------------------------------------------------------

def _counters(shape):
    """The 64-bit counter ``arange(prod(shape)).reshape(shape)`` as (high, low) uint32 words."""
    count = np.arange(math.prod(shape), dtype=np.uint64).reshape(shape)
    return (count >> np.uint64(32)).astype(_U32), count.astype(_U32)


def _hash_counters(keys, shape):
    keys = np.asarray(keys, dtype=_U32)
    lead = keys.shape[:-1]
    expand = (Ellipsis,) + (None,) * len(shape)
    hi, lo = _counters(tuple(shape))
    b1, b2 = _threefry2x32(keys[..., 0][expand], keys[..., 1][expand], hi, lo)
    return np.broadcast_to(b1, lead + tuple(shape)), np.broadcast_to(b2, lead + tuple(shape))


def split_keys(keys, shape):
    """``keys.shape[:-1] + shape + (2,)`` new keys: the hashes of the counters of ``shape``."""
    b1, b2 = _hash_counters(keys, shape)
    return np.stack([b1, b2], axis=-1)


def fold_in_keys(keys, data):
    """The keys hashing the counter ``(0, data)`` (``data`` broadcast against the batch)."""
    keys = np.asarray(keys, dtype=_U32)
    data = np.asarray(data).astype(np.int64).astype(_U32)
    b1, b2 = _threefry2x32(keys[..., 0], keys[..., 1], _U32(0), data)
    return np.stack([b1, b2], axis=-1)


def bits_of_keys(keys, bit_width, shape):
    """Uniform unsigned integers of ``bit_width`` bits, shape ``keys.shape[:-1] + shape``."""
    b1, b2 = _hash_counters(keys, shape)
    if bit_width == 64:
        return (b1.astype(np.uint64) << np.uint64(32)) | b2.astype(np.uint64)
    out = b1 ^ b2
    return out if bit_width == 32 else out.astype(UINT_DTYPES[bit_width])


def unit_floats(bits, dtype):
    """Floats in ``[0, 1)`` from uniform bits: the top ``nmant`` bits as the mantissa of a
    number in ``[1, 2)``, minus 1 (JAX's construction; here ``m * 2**-nmant``, the same value).
    Written with operators only, so it works on arrays and on traced values alike."""
    info = np.finfo(dtype)
    return (bits >> UINT_DTYPES[info.bits].type(info.bits - info.nmant)).astype(dtype) * \
        dtype.type(2.0 ** -info.nmant)


def _keys_batch(prim, n_other=0):
    """The vmap rule of a primitive whose first argument is a batch of keys: the batch axis
    goes first (unbatched keys are broadcast) and one call handles the batch."""

    def rule(args, dims, **params):
        size = batch_size(args, dims)
        keys = bdim_to_front(args[0], dims[0], size)
        others = [bdim_to_front(a, d, size) for a, d in zip(args[1:], dims[1:])]
        return prim.bind(keys, *others, **params), 0

    rule.__name__ = f"{prim.name}_batch"
    return rule


random_split_p = nondifferentiable(Primitive("random_split", split_keys))
random_split_p.batch = _keys_batch(random_split_p)
random_bits_p = nondifferentiable(Primitive("random_bits", bits_of_keys))
random_bits_p.batch = _keys_batch(random_bits_p)
random_fold_in_p = nondifferentiable(Primitive("random_fold_in", fold_in_keys))
random_fold_in_p.batch = _keys_batch(random_fold_in_p)


def random_split(keys, shape):
    """New keys of shape ``keys.shape[:-1] + shape + (2,)`` (see :func:`funcgrad.random.split`).

    Examples
    --------
    >>> import numpy as np
    >>> random_split(np.zeros(2, np.uint32), (2,))
    array([[1797259609, 2579123966],
           [ 928981903, 3453687069]], dtype=uint32)
    """
    return random_split_p.bind(keys, shape=tuple(shape))


def random_bits(keys, bit_width, shape):
    """Uniform ``uint<bit_width>`` values of shape ``keys.shape[:-1] + shape``.

    Examples
    --------
    >>> import numpy as np
    >>> random_bits(np.zeros(2, np.uint32), 32, (2,))
    array([4070199207, 4202968722], dtype=uint32)
    """
    return random_bits_p.bind(keys, bit_width=int(bit_width), shape=tuple(shape))


def random_fold_in(keys, data):
    """The keys ``keys`` with the 32-bit integer ``data`` folded in.

    Examples
    --------
    >>> import numpy as np
    >>> random_fold_in(np.zeros(2, np.uint32), 7)
    array([2716826189,  292468403], dtype=uint32)
    """
    return random_fold_in_p.bind(keys, data)


# ---------------------------------------------------------------------------
# erf_inv: XLA's approximation (what JAX's normal draws go through)
# ---------------------------------------------------------------------------

# Horner coefficients, highest power first (Giles 2011; as XLA evaluates them).
_ERFINV_F32 = (
    (2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
     -0.00125372503, -0.00417768164, 0.246640727, 1.50140941),
    (-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
     -0.0076224613, 0.00943887047, 1.00167406, 2.83297682),
)
_ERFINV_F64 = (
    (-3.64441206401782e-21, -1.6850591381820166e-19, 1.28584807152564e-18,
     1.1157877678025181e-17, -1.3331716628546209e-16, 2.0972767875968562e-17,
     6.6376381343583238e-15, -4.0545662729752069e-14, -8.1519341976054722e-14,
     2.6335093153082323e-12, -1.2975133253453532e-11, -5.4154120542946279e-11,
     1.0512122733215323e-09, -4.1126339803469837e-09, -2.9070369957882005e-08,
     4.2347877827932404e-07, -1.3654692000834679e-06, -1.3882523362786469e-05,
     0.00018673420803405714, -0.000740702534166267, -0.0060336708714301491,
     0.24015818242558962, 1.6536545626831027),
    (2.2137376921775787e-09, 9.0756561938885391e-08, -2.7517406297064545e-07,
     1.8239629214389228e-08, 1.5027403968909828e-06, -4.013867526981546e-06,
     2.9234449089955446e-06, 1.2475304481671779e-05, -4.7318229009055734e-05,
     6.8284851459573175e-05, 2.4031110387097894e-05, -0.00035503752036284748,
     0.0009532893797373805, -0.0016882755560235047, 0.0024914420961078508,
     -0.0037512085075692412, 0.0053709145535900636, 1.0052589676941592,
     3.0838856104922208),
    (-2.7109920616438573e-11, -2.5556418169965252e-10, 1.5076572693500548e-09,
     -3.789465440126737e-09, 7.61570120807834e-09, -1.496002662714924e-08,
     2.9147953450901081e-08, -6.7711997758452339e-08, 2.2900482228026655e-07,
     -9.9298272942317e-07, 4.5260625972231537e-06, -1.9681778105531671e-05,
     7.5995277030017761e-05, -0.00021503011930044477, -0.00013871931833623122,
     1.0103004648645344, 4.8499064014085844),
)


def _horner(coefficients, w, dtype):
    p = np.full(w.shape, coefficients[0], dtype)
    for c in coefficients[1:]:
        p *= w
        p += dtype.type(c)
    return p


def _erf_inv(x):
    x = np.asarray(x)
    out_dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
    dtype = np.dtype(np.float64) if out_dtype == np.float64 else np.dtype(np.float32)
    x = np.atleast_1d(x.astype(dtype, copy=False))
    with np.errstate(divide="ignore", invalid="ignore"):
        w = -np.log1p(x * -x)
        if dtype == np.float64:
            small, medium, big = _ERFINV_F64
            p = np.where(w < 6.25, _horner(small, w - 3.125, dtype),
                         np.where(w < 16.0, _horner(medium, np.sqrt(w) - 3.25, dtype),
                                  _horner(big, np.sqrt(w) - 5.0, dtype)))
        else:
            central, tail = _ERFINV_F32
            p = np.where(w < 5.0, _horner(central, w - dtype.type(2.5), dtype),
                         _horner(tail, np.sqrt(w) - dtype.type(3.0), dtype))
        out = np.where(np.abs(x) == 1, x * dtype.type(np.inf), p * x)
    return out.astype(out_dtype, copy=False)


def _erf_inv_impl(x):
    return _erf_inv(x).reshape(np.shape(x))


erf_inv_p = defbatch_elementwise(Primitive("erf_inv", _erf_inv_impl))
defderivative(erf_inv_p, lambda ans, x: (math.sqrt(math.pi) / 2) * exp(ans * ans))


def erf_inv(x):
    """The inverse error function, computed as XLA computes it (so normal draws match JAX's).

    Examples
    --------
    >>> import numpy as np
    >>> erf_inv(np.array([0.0, 0.5, -0.5]))
    array([ 0.        ,  0.47693628, -0.47693628])
    """
    return erf_inv_p.bind(x)


# ---------------------------------------------------------------------------
# Rejection samplers: JAX's while loops, run lane by lane in NumPy
# ---------------------------------------------------------------------------
# JAX runs these loops under vmap (one lane per element for gamma, one per key for
# poisson); a lane whose loop has ended keeps its state. Here every lane's state
# lives in an array and each pass updates the lanes still running.

def _uniform_scalars(keys, dtype, minval=0.0, maxval=1.0):
    """One uniform draw per key (shape ``keys.shape[:-1]``), as ``uniform(key, ())``."""
    info = np.finfo(dtype)
    floats = unit_floats(bits_of_keys(keys, info.bits, ()), dtype)
    minval, maxval = dtype.type(minval), dtype.type(maxval)
    return np.maximum(minval, floats * (maxval - minval) + minval)


def _normal_scalars(keys, dtype):
    lo = np.nextafter(dtype.type(-1.0), dtype.type(0.0))
    u = _uniform_scalars(keys, dtype, lo, 1.0)
    return dtype.type(np.sqrt(2)) * _erf_inv(u)


def _gamma_lanes(keys, alpha, log_space):
    """Marsaglia and Tsang's sampler, one lane per entry of ``alpha`` (``keys``: (n, 2))."""
    dtype = alpha.dtype
    one, third = dtype.type(1), dtype.type(1 / 3)
    boost = alpha >= one
    alpha_boosted = np.where(boost, alpha, alpha + one)
    d = alpha_boosted - third
    c = third / np.sqrt(d)
    pair = split_keys(keys, (2,))
    key, subkey = pair[:, 0].copy(), pair[:, 1]
    n = alpha.shape[0]
    X, V, U = np.zeros(n, dtype), np.ones(n, dtype), np.full(n, 2, dtype)

    def rejected(i):
        x, v, u = X[i], V[i], U[i]
        squeeze = u >= one - dtype.type(0.0331) * (x * x)
        return squeeze & (np.log(u) >= x * dtype.type(0.5) + d[i] * ((one - v) + np.log(v)))

    with np.errstate(divide="ignore", invalid="ignore"):
        lanes = np.flatnonzero(rejected(np.arange(n)))
        while lanes.size:
            three = split_keys(key[lanes], (3,))
            key[lanes] = three[:, 0]
            x_key, u_key = three[:, 1].copy(), three[:, 2]
            x = np.zeros(lanes.size, dtype)
            v = np.full(lanes.size, -one)
            inner = np.arange(lanes.size)
            while inner.size:  # a normal draw with 1 + c x > 0
                two = split_keys(x_key[inner], (2,))
                x_key[inner] = two[:, 0]
                x[inner] = _normal_scalars(two[:, 1], dtype)
                v[inner] = one + x[inner] * c[lanes[inner]]
                inner = inner[v[inner] <= 0]
            X[lanes] = x * x
            V[lanes] = (v * v) * v
            U[lanes] = _uniform_scalars(u_key, dtype)
            lanes = lanes[rejected(lanes)]
        if log_space:
            log_samples = np.log1p(-_uniform_scalars(subkey, dtype))
            log_boost = np.where(boost | (log_samples == 0), dtype.type(0),
                                 log_samples * (one / alpha))
            return (np.log(d) + np.log(V)) + log_boost
        samples = one - _uniform_scalars(subkey, dtype)
        return (d * V) * np.where(boost, one, samples ** (one / alpha))


def _random_gamma(keys, a, *, log_space):
    keys = np.asarray(keys, dtype=_U32)
    a = np.asarray(a)
    lead = keys.shape[:-1]
    count = math.prod(a.shape[len(lead):])
    lane_keys = split_keys(keys, (count,)).reshape(-1, 2)
    return _gamma_lanes(lane_keys, a.reshape(-1), log_space).reshape(a.shape)


random_gamma_p = Primitive("random_gamma", _random_gamma)
random_gamma_p.batch = _keys_batch(random_gamma_p)

# The derivative in ``a`` is JAX's implicit reparameterisation gradient: the draw moves
# with ``a`` at fixed noise, ``dx/da = -(dP/da) / (dP/dx)`` with ``P = gammainc(a, x)``.
# SciPy computes its pieces, so it binds at its first use (funcgrad imports without SciPy).
_gamma_grad = optional_function("funcgrad.primitives.special", "random_gamma_grad")


def _random_gamma_da(ans, keys, a, *, log_space):
    if not log_space:
        return _gamma_grad(a, ans)
    # d log x = dx / x; a draw that rounded to 0 counts as the smallest normal float.
    x = exp(ans)
    x = where(equal(x, 0), np.finfo(np.result_type(ans)).tiny, x)
    return _gamma_grad(a, x) / x


defderivative(random_gamma_p, None, _random_gamma_da)


def random_gamma(keys, a, *, log_space=False):
    """Gamma(``a``, 1) draws (their logarithms with ``log_space``), one per entry of ``a``.

    ``keys`` is a key, or a batch of keys matching ``a``'s leading axes.

    Examples
    --------
    >>> import numpy as np
    >>> random_gamma(np.zeros(2, np.uint32), np.array([1.0, 5.0]))
    array([0.47552933, 3.71164505])
    """
    return random_gamma_p.bind(keys, a, log_space=bool(log_space))


def _lgamma_scalar(x: float) -> float:
    return math.inf if x <= 0 and x == math.floor(x) else math.lgamma(x)  # poles, as XLA


_lgamma_vector = np.vectorize(_lgamma_scalar, otypes=[np.float64])


def _lgamma(x):
    return _lgamma_vector(x.astype(np.float64)).astype(x.dtype)


def _poisson_knuth(keys, lam, shape, lanes_axes):
    f32 = np.dtype(np.float32)
    k = np.zeros(lam.shape, np.int64)
    log_prod = np.zeros(lam.shape, f32)
    rng = keys.copy()
    with np.errstate(divide="ignore"):
        while True:
            running = log_prod > -lam
            lane_running = running.any(axis=lanes_axes)
            if not lane_running.any():
                return k - 1
            pair = split_keys(rng, (2,))
            rng = np.where(lane_running[..., None], pair[..., 0, :], rng)
            u = unit_floats(bits_of_keys(pair[..., 1, :], 32, shape), f32)
            live = lane_running.reshape(lane_running.shape + (1,) * len(shape))
            k = np.where(live & running, k + 1, k)
            log_prod = np.where(live, log_prod + np.log(u), log_prod)


def _poisson_rejection(keys, lam, shape, lanes_axes):
    f32 = np.float32
    with np.errstate(divide="ignore", invalid="ignore"):
        log_lam = np.log(lam)
        b = f32(0.931) + f32(2.53) * np.sqrt(lam)
        a = f32(-0.059) + f32(0.02483) * b
        inv_alpha = f32(1.1239) + f32(1.1328) / (b - f32(3.4))
        v_r = f32(0.9277) - f32(3.6224) / (b - f32(2))
        k_out = np.full(lam.shape, -1, f32)
        accepted = np.zeros(lam.shape, bool)
        rng = keys.copy()
        while True:
            lane_running = (~accepted).any(axis=lanes_axes)
            if not lane_running.any():
                return k_out
            three = split_keys(rng, (3,))
            rng = np.where(lane_running[..., None], three[..., 0, :], rng)
            u = unit_floats(bits_of_keys(three[..., 1, :], 32, shape), np.dtype(f32)) - f32(0.5)
            v = unit_floats(bits_of_keys(three[..., 2, :], 32, shape), np.dtype(f32))
            u_shifted = f32(0.5) - np.abs(u)
            k = np.floor((f32(2) * a / u_shifted + b) * u + lam + f32(0.43))
            s = np.log(v * inv_alpha / (a / (u_shifted * u_shifted) + b))
            t = -lam + k * log_lam - _lgamma(k + f32(1))
            accept1 = (u_shifted >= f32(0.07)) & (v <= v_r)
            reject = (k < 0) | ((u_shifted < f32(0.013)) & (v > u_shifted))
            accept = accept1 | (~reject & (s <= t))
            live = lane_running.reshape(lane_running.shape + (1,) * len(shape))
            k_out = np.where(live & accept, k, k_out)
            accepted = accepted | (live & accept)


def _random_poisson(keys, lam, *, dtype):
    keys = np.asarray(keys, dtype=_U32)
    lam = np.asarray(lam, np.float32)
    dtype = np.dtype(dtype)
    lead = keys.shape[:-1]
    shape = lam.shape[len(lead):]
    lanes_axes = tuple(range(len(lead), lam.ndim))
    use_knuth = np.isnan(lam) | (lam < 10)
    knuth = _poisson_knuth(keys, np.where(use_knuth, lam, np.float32(0)), shape, lanes_axes)
    rejection = _poisson_rejection(keys, np.where(use_knuth, np.float32(1e5), lam), shape,
                                   lanes_axes)
    out = np.where(use_knuth, knuth.astype(dtype), rejection.astype(dtype))
    return np.where(lam == 0, dtype.type(0), out)


random_poisson_p = nondifferentiable(Primitive("random_poisson", _random_poisson))
random_poisson_p.batch = _keys_batch(random_poisson_p)


def random_poisson(keys, lam, *, dtype=np.int64):
    """Poisson(``lam``) draws of integer ``dtype``; ``lam`` is float32, its leading axes
    those of the batch of ``keys``.

    Examples
    --------
    >>> import numpy as np
    >>> random_poisson(np.zeros(2, np.uint32), np.array([1.0, 50.0], np.float32))
    array([ 0, 47])
    """
    return random_poisson_p.bind(keys, lam, dtype=np.dtype(dtype))


_STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                  0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                  0.0118967099458917, 0.010411265261972, 0.00925546218271273,
                  0.00833056343336287)


def _stirling_tail(k):
    """``log k! - (Stirling's approximation)``: a table up to 9, then the series (which JAX
    evaluates at ``k`` clamped to 9; kept, so that the draws are JAX's)."""
    dtype = k.dtype
    use_table = k <= 9
    k = np.clip(k, dtype.type(0), dtype.type(9))
    kp1sq = (k + 1) * (k + 1)
    approx = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)
    table = np.asarray(_STIRLING_TAIL, dtype)[np.floor(k).astype(np.int32)]
    return np.where(use_table, table, approx).astype(dtype, copy=False)


def _binomial_inversion(keys, count, prob, shape, lanes_axes):
    dtype = prob.dtype
    log1minusprob = np.log1p(-prob)
    num_geom = np.zeros(prob.shape, dtype)
    geom_sum = np.zeros(prob.shape, dtype)
    rng = keys.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        while True:
            lane_running = (geom_sum <= count).any(axis=lanes_axes)
            if not lane_running.any():
                return num_geom - 1
            pair = split_keys(rng, (2,))
            live = lane_running.reshape(lane_running.shape + (1,) * len(shape))
            rng = np.where(lane_running[..., None], pair[..., 1, :], rng)
            num_geom = np.where(live & (geom_sum <= count), num_geom + 1, num_geom)
            u = unit_floats(bits_of_keys(pair[..., 0, :], np.finfo(dtype).bits, shape), dtype)
            geom = np.ceil(np.log(u) / log1minusprob)
            geom_sum = np.where(live, geom_sum + geom, geom_sum)


def _binomial_btrs(keys, count, prob, shape, lanes_axes):
    dtype = prob.dtype
    with np.errstate(divide="ignore", invalid="ignore"):
        stddev = np.sqrt(count * prob * (1 - prob))
        b = 1.15 + 2.53 * stddev
        a = -0.0873 + 0.0248 * b + 0.01 * prob
        c = count * prob + 0.5
        v_r = 0.92 - 4.2 / b
        r = prob / (1 - prob)
        alpha = (2.83 + 5.1 / b) * stddev
        m = np.floor((count + 1) * prob)
        k_out = np.full(prob.shape, -1, dtype)
        accepted = np.zeros(prob.shape, bool)
        rng = keys.copy()
        nbits = np.finfo(dtype).bits
        while True:
            lane_running = (~accepted).any(axis=lanes_axes)
            if not lane_running.any():
                return k_out
            three = split_keys(rng, (3,))
            rng = np.where(lane_running[..., None], three[..., 0, :], rng)
            u = unit_floats(bits_of_keys(three[..., 1, :], nbits, shape), dtype)
            v = unit_floats(bits_of_keys(three[..., 2, :], nbits, shape), dtype)
            u = u - 0.5
            us = 0.5 - np.abs(u)
            accept1 = (us >= 0.07) & (v <= v_r)
            k = np.floor((2 * a / us + b) * u + c)
            reject = (k < 0) | (k > count)
            v = np.log(v * alpha / (a / (us * us) + b))
            ub = ((m + 0.5) * np.log((m + 1) / (r * (count - m + 1)))
                  + (count + 1) * np.log((count - m + 1) / (count - k + 1))
                  + (k + 0.5) * np.log(r * (count - k + 1) / (k + 1))
                  + _stirling_tail(m) + _stirling_tail(count - m)
                  - _stirling_tail(k) - _stirling_tail(count - k))
            accept = accept1 | (~reject & (v <= ub))
            live = lane_running.reshape(lane_running.shape + (1,) * len(shape))
            k_out = np.where(live & accept, k, k_out)
            accepted = accepted | (live & accept)


def _random_binomial(keys, count, prob, *, dtype):
    """JAX's binomial sampler: inversion (sums of geometric draws) where ``count * q <= 10``,
    BTRS (Hormann's transformed rejection) elsewhere, ``q = min(p, 1 - p)``."""
    keys = np.asarray(keys, dtype=_U32)
    dtype = np.dtype(dtype)
    prob = np.asarray(prob)
    count = np.asarray(count, prob.dtype)
    lead = keys.shape[:-1]
    shape = prob.shape[len(lead):]
    lanes_axes = tuple(range(len(lead), prob.ndim))
    with np.errstate(invalid="ignore"):
        p_lt_half = prob < 0.5
        q = np.where(p_lt_half, prob, 1.0 - prob)
        count_nan_or_neg = np.isnan(count) | (count < 0.0)
        count_inf = np.isinf(count)
        q_is_nan = np.isnan(q)
        q_l_0 = q < 0.0
        q = np.where(q_is_nan | q_l_0, prob.dtype.type(0.01), q)
        use_inversion = count_nan_or_neg | (count * q <= 10.0)
        count = np.floor(count)
        count_inv = np.where(use_inversion, count, prob.dtype.type(0))
        count_btrs = np.where(use_inversion, prob.dtype.type(10000), count)
        q_btrs = np.where(use_inversion, prob.dtype.type(0.5), q)
        samples = np.where(
            use_inversion,
            _binomial_inversion(keys, count_inv, q, shape, lanes_axes).astype(dtype),
            _binomial_btrs(keys, count_btrs, q_btrs, shape, lanes_axes).astype(dtype))
        invalid = q_l_0 | q_is_nan | count_nan_or_neg
        samples = np.where(invalid, dtype.type(np.nan), samples)
        samples = np.where(count_inf & ~invalid, dtype.type(np.inf), samples)
        return np.where(p_lt_half | count_nan_or_neg | q_is_nan | count_inf, samples,
                        count.astype(dtype) - samples)


random_binomial_p = nondifferentiable(Primitive("random_binomial", _random_binomial))
random_binomial_p.batch = _keys_batch(random_binomial_p)


def random_binomial(keys, count, prob, *, dtype=np.float64):
    """Binomial(``count``, ``prob``) draws as floats of ``dtype``; ``count`` and ``prob`` have
    the result's shape, their leading axes those of the batch of ``keys``.

    Examples
    --------
    >>> import numpy as np
    >>> random_binomial(np.zeros(2, np.uint32), np.array([10.0, 100.0]), np.array([0.5, 0.5]))
    array([ 4., 46.])
    """
    return random_binomial_p.bind(keys, count, prob, dtype=np.dtype(dtype))
