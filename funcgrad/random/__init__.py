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
of its bounds). ``gamma``, ``loggamma``, ``beta``, ``dirichlet`` and ``chisquare``
are differentiable in their shape parameters by JAX's implicit
reparameterisation gradient (the draw moves with the parameter at fixed noise:
``dx/da = -(dP/da) / (dP/dx)``, ``P`` the gamma distribution function; its values
come from SciPy, needed only when such a gradient is taken), with JAX's numbers:

>>> import funcgrad as fg
>>> fg.grad(lambda a: random.gamma(random.key(0), a, (3,)).sum())(1.5)
array(3.15591099)

They work under ``jit`` and ``vmap``: ``vmap`` over a batch of
keys gives what a loop over the keys gives.
"""

from .continuous import (
    ball,
    beta,
    cauchy,
    chisquare,
    dirichlet,
    double_sided_maxwell,
    exponential,
    f,
    gamma,
    generalized_normal,
    laplace,
    loggamma,
    logistic,
    lognormal,
    maxwell,
    multivariate_normal,
    orthogonal,
    pareto,
    rayleigh,
    t,
    triangular,
    truncated_normal,
    wald,
    weibull_min,
)
from .discrete import (
    bernoulli,
    binomial,
    categorical,
    choice,
    geometric,
    permutation,
    poisson,
    rademacher,
    randint,
    shuffle,
)
from .keys import (
    PRNGKey,
    bits,
    clone,
    fold_in,
    gumbel,
    key,
    key_data,
    normal,
    split,
    uniform,
    wrap_key_data,
)

__all__ = [
    "ball",
    "bernoulli",
    "beta",
    "binomial",
    "bits",
    "categorical",
    "cauchy",
    "chisquare",
    "choice",
    "clone",
    "dirichlet",
    "double_sided_maxwell",
    "exponential",
    "f",
    "fold_in",
    "gamma",
    "generalized_normal",
    "geometric",
    "gumbel",
    "key",
    "key_data",
    "laplace",
    "loggamma",
    "logistic",
    "lognormal",
    "maxwell",
    "multivariate_normal",
    "normal",
    "orthogonal",
    "pareto",
    "permutation",
    "poisson",
    "PRNGKey",
    "rademacher",
    "randint",
    "rayleigh",
    "shuffle",
    "split",
    "t",
    "triangular",
    "truncated_normal",
    "uniform",
    "wald",
    "weibull_min",
    "wrap_key_data",
]
