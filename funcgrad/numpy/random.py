"""funcgrad.numpy.random: NumPy's random samplers and generators, re-exported as they are.

Random draws are **constants to every transform**: ``grad``, ``jvp``, ``vmap``
and ``jit`` see a sample as a fixed array with zero derivative, exactly like
an array created with ``fnp.zeros``. The state is NumPy's own, so
``fnp.random.seed(0)`` seeds ``numpy.random`` too, and a ``Generator`` from
``fnp.random.default_rng`` is a ``numpy.random.Generator``.

Distribution parameters must be concrete (NumPy converts them to arrays); to
differentiate through a sample, reparametrise it, e.g.
``loc + scale * fnp.random.standard_normal(shape)``.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> rng = fnp.random.default_rng(0)
>>> noise = rng.standard_normal(3)
>>> g = fg.grad(lambda mu: fnp.sum(mu + 2.0 * noise))(fnp.zeros(3))
>>> g   # the sample is a constant: the derivative is 1 wherever it is added
array([1., 1., 1.])
"""

from numpy.random import (
    MT19937,
    PCG64,
    PCG64DXSM,
    SFC64,
    BitGenerator,
    Generator,
    Philox,
    RandomState,
    SeedSequence,
    beta,
    binomial,
    bytes,
    chisquare,
    choice,
    default_rng,
    dirichlet,
    exponential,
    f,
    gamma,
    geometric,
    get_state,
    gumbel,
    hypergeometric,
    laplace,
    logistic,
    lognormal,
    logseries,
    multinomial,
    multivariate_normal,
    negative_binomial,
    noncentral_chisquare,
    noncentral_f,
    normal,
    pareto,
    permutation,
    poisson,
    power,
    rand,
    randint,
    randn,
    random,
    random_integers,
    random_sample,
    ranf,
    rayleigh,
    sample,
    seed,
    set_state,
    shuffle,
    standard_cauchy,
    standard_exponential,
    standard_gamma,
    standard_normal,
    standard_t,
    triangular,
    uniform,
    vonmises,
    wald,
    weibull,
    zipf,
)

__all__ = [
    "beta", "binomial", "bytes", "chisquare", "choice", "dirichlet", "exponential", "f",
    "gamma", "geometric", "get_state", "gumbel", "hypergeometric", "laplace", "logistic",
    "lognormal", "logseries", "multinomial", "multivariate_normal", "negative_binomial",
    "noncentral_chisquare", "noncentral_f", "normal", "pareto", "permutation", "poisson",
    "power", "rand", "randint", "randn", "random", "random_integers", "random_sample", "ranf",
    "rayleigh", "sample", "seed", "set_state", "shuffle", "standard_cauchy",
    "standard_exponential", "standard_gamma", "standard_normal", "standard_t", "triangular",
    "uniform", "vonmises", "wald", "weibull", "zipf", "Generator", "RandomState",
    "SeedSequence", "MT19937", "Philox", "PCG64", "PCG64DXSM", "SFC64", "default_rng",
    "BitGenerator",
]

# Samplers are constants: nothing to register for plain-NumPy dispatch.
NUMPY_EQUIVALENTS: dict = {}
