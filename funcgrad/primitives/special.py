"""Special-function primitives: SciPy computes the values, the rules below the derivatives.

Each primitive's implementation is the ``scipy.special`` function of the same
name (jit spells it that way too: ``scipy.special.gammaln(t1)``). Every rule is
written with funcgrad's own functions, and the derivatives of this family are
themselves members of it (``gammaln' = digamma``, ``digamma' = polygamma(1, .)``,
``erfinv'`` uses ``erfinv``), so derivatives of any order work.

``erf`` and ``expit`` are funcgrad.nn's ``erf_p`` and ``logistic_p`` (one rule each
in the project); this module re-exports them.

Arguments that are not differentiable (the order ``n`` of ``polygamma``) have
``None`` rules. Derivatives SciPy's formulas do not give (``betainc`` in its
shape parameters, ``zeta`` in its exponent) raise an error that says so.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

from ..core.primitive import (
    Primitive,
    defderivative,
    defjvp,
    defsource,
    defvjp,
    nondifferentiable,
)
from .batching import defbatch_elementwise
from .comparisons import equal, sign
from .elementwise import exp, log, where
from .nn import erf_p, logistic_p  # noqa: F401 - erf and expit (the logistic function)
from .ufuncs import log1p

_SQRT_PI = math.sqrt(math.pi)
_SQRT_2PI = math.sqrt(2 * math.pi)


def _inexact_dtype(*args) -> np.dtype:
    """The float dtype of the answer: NumPy's promotion of the arguments (Python numbers
    weak), made inexact."""
    return np.result_type(*args, 0.0)


def _keeping_dtype(fn):
    """``fn`` with its result cast to the promoted float dtype of its arguments (SciPy
    computes some functions only in float64)."""

    def impl(*args):
        return np.asarray(fn(*args)).astype(_inexact_dtype(*args), copy=False)[()]

    impl.__name__ = getattr(fn, "__name__", "impl")
    return impl


def special_primitive(name: str, fn=None) -> Primitive:
    """An elementwise primitive computed by ``scipy.special.<name>`` (or ``fn``), its result
    in NumPy's promotion of the arguments (SciPy computes some only in float64, and promotes
    a Python float with a float32 array to float64)."""
    fn = fn if fn is not None else getattr(sc, name)
    prim = defbatch_elementwise(Primitive(name, _keeping_dtype(fn)))
    n = fn.nin if isinstance(fn, np.ufunc) else 2
    args = ", ".join(f"{{{i}}}" for i in range(n))
    defsource(prim, f"scipy.special.{fn.__name__}({args})"
                    f".astype(np.result_type({args}, 0.0), copy=False)", fresh=True)
    return prim


def _no_derivative(function: str, argument: str, hint: str = ""):
    def rule(*args, **params):
        raise NotImplementedError(
            f"funcgrad.scipy.special.{function}: the derivative with respect to {argument} "
            f"is not implemented (JAX has none either){hint}. Hold that argument constant, "
            f"or wrap it in funcgrad.stop_gradient."
        )

    return rule


# ---------------------------------------------------------------------------
# Error function and the normal distribution
# ---------------------------------------------------------------------------

erfc_p = special_primitive("erfc")
defderivative(erfc_p, lambda ans, x: (-2 / _SQRT_PI) * exp(-x * x))

erfcx_p = special_primitive("erfcx")  # exp(x**2) erfc(x)
defderivative(erfcx_p, lambda ans, x: 2 * x * ans - 2 / _SQRT_PI)

erfinv_p = special_primitive("erfinv")
defderivative(erfinv_p, lambda ans, x: (_SQRT_PI / 2) * exp(ans * ans))

erfcinv_p = special_primitive("erfcinv")
defderivative(erfcinv_p, lambda ans, x: (-_SQRT_PI / 2) * exp(ans * ans))

ndtr_p = special_primitive("ndtr")
defderivative(ndtr_p, lambda ans, x: exp(-0.5 * x * x) / _SQRT_2PI)

ndtri_p = special_primitive("ndtri")
defderivative(ndtri_p, lambda ans, x: _SQRT_2PI * exp(0.5 * ans * ans))

log_ndtr_p = special_primitive("log_ndtr")
# pdf(x) / cdf(x) = sqrt(2/pi) / erfcx(-x/sqrt(2)): no exp(-x**2/2) that underflows in the tail.
defderivative(log_ndtr_p,
              lambda ans, x: math.sqrt(2 / math.pi) / erfcx(x * (-1 / math.sqrt(2))))


# ---------------------------------------------------------------------------
# Gamma and beta families
# ---------------------------------------------------------------------------

gammaln_p = special_primitive("gammaln")
defderivative(gammaln_p, lambda ans, x: digamma(x))

digamma_p = special_primitive("psi")
defderivative(digamma_p, lambda ans, x: polygamma(1, x))

polygamma_p = special_primitive("polygamma", sc.polygamma)
defderivative(polygamma_p, None, lambda ans, n, x: polygamma(n + 1, x))

gamma_p = special_primitive("gamma")
defderivative(gamma_p, lambda ans, x: ans * digamma(x))

betaln_p = special_primitive("betaln")
defderivative(
    betaln_p,
    lambda ans, a, b: digamma(a) - digamma(a + b),
    lambda ans, a, b: digamma(b) - digamma(a + b),
)

beta_p = special_primitive("beta")
defderivative(
    beta_p,
    lambda ans, a, b: ans * (digamma(a) - digamma(a + b)),
    lambda ans, a, b: ans * (digamma(b) - digamma(a + b)),
)


def _gammainc_dx(a, x):
    """d/dx P(a, x): the gamma density, x**(a-1) exp(-x) / Gamma(a)."""
    return exp(xlogy(a - 1, x) - x - gammaln(a))


def _gammainc_da_series(a, x):
    """d/da P(a, x) from P = exp(-x) sum_k x**(a+k) / Gamma(a+k+1), summed term by term.

    Terms peak near k = x, so ``x + 12 sqrt(x) + 40`` of them reach float64's precision.
    """
    a, x = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    out = np.zeros(a.shape)
    positive = (x > 0) & (a > 0)
    av, xv = a[positive], x[positive]
    if av.size:
        terms = int(np.ceil(np.max(xv) + 12 * np.sqrt(np.max(xv)) + 40))
        k = np.arange(terms, dtype=np.float64)[:, None]
        ak1 = av[None, :] + k + 1
        logx = np.log(xv)[None, :]
        weights = np.exp((ak1 - 1) * logx - xv[None, :] - sc.gammaln(ak1))
        out[positive] = np.sum(weights * (logx - sc.psi(ak1)), axis=0)
    return out


def _gammainc_da(a, x):
    return _gammainc_da_series(a, x).astype(_inexact_dtype(a, x), copy=False)


# The derivative in the shape parameter is a primitive of its own (first order only:
# the series is summed numerically).
gammainc_da_p = defbatch_elementwise(Primitive("gammainc_da", _gammainc_da))
defjvp(gammainc_da_p, _no_derivative("gammainc", "a, to second order"),
       _no_derivative("gammainc", "a, to second order"))
defvjp(gammainc_da_p, _no_derivative("gammainc", "a, to second order"),
       _no_derivative("gammainc", "a, to second order"))

gammainc_p = special_primitive("gammainc")
defderivative(gammainc_p, lambda ans, a, x: gammainc_da_p.bind(a, x),
              lambda ans, a, x: _gammainc_dx(a, x))

gammaincc_p = special_primitive("gammaincc")
defderivative(gammaincc_p, lambda ans, a, x: -gammainc_da_p.bind(a, x),
              lambda ans, a, x: -_gammainc_dx(a, x))

betainc_p = special_primitive("betainc")
_betainc_ab = _no_derivative("betainc", "a and b")
defjvp(betainc_p, _betainc_ab, _betainc_ab,
       lambda t, ans, a, b, x: t * exp(xlogy(a - 1, x) + xlog1py(b - 1, -x) - betaln(a, b)))
defvjp(betainc_p, _betainc_ab, _betainc_ab,
       lambda g, ans, a, b, x: g * exp(xlogy(a - 1, x) + xlog1py(b - 1, -x) - betaln(a, b)))

zeta_p = special_primitive("zeta")  # Hurwitz zeta(x, q)
_zeta_x = _no_derivative("zeta", "x")
defjvp(zeta_p, _zeta_x, lambda t, ans, x, q: t * (-x) * zeta(x + 1, q))
defvjp(zeta_p, _zeta_x, lambda g, ans, x, q: g * (-x) * zeta(x + 1, q))


# ---------------------------------------------------------------------------
# Logistic function, logarithms that are 0 at 0, entropies
# ---------------------------------------------------------------------------

logit_p = special_primitive("logit")
defderivative(logit_p, lambda ans, x: 1 / (x * (1 - x)))

log_expit_p = special_primitive("log_expit")
defderivative(log_expit_p, lambda ans, x: logistic_p.bind(-x))


def _unless_x_is_zero(x, value):
    """``value`` where ``x != 0``, else 0: the terms ``x * (...)`` that vanish with ``x``."""
    return where(equal(x, 0), 0.0, value)


def _safe_divisor(x, y):
    """``y`` with 1 where ``x == 0``, so that ``x / y`` has no 0/0 there."""
    return where(equal(x, 0), 1.0, y)


xlogy_p = special_primitive("xlogy")
defderivative(
    xlogy_p,
    lambda ans, x, y: log(y),
    lambda ans, x, y: _unless_x_is_zero(x, x / _safe_divisor(x, y)),
)

xlog1py_p = special_primitive("xlog1py")
defderivative(
    xlog1py_p,
    lambda ans, x, y: log1p(y),
    lambda ans, x, y: _unless_x_is_zero(x, x / _safe_divisor(x, 1 + y)),
)

entr_p = special_primitive("entr")  # -x log x
defderivative(entr_p, lambda ans, x: -log(x) - 1)

rel_entr_p = special_primitive("rel_entr")  # x log(x / y)
defderivative(
    rel_entr_p,
    lambda ans, x, y: log(x) - log(y) + 1,
    lambda ans, x, y: _unless_x_is_zero(x, -x / _safe_divisor(x, y)),
)

kl_div_p = special_primitive("kl_div")  # x log(x / y) - x + y
defderivative(
    kl_div_p,
    lambda ans, x, y: log(x) - log(y),
    lambda ans, x, y: 1 - _unless_x_is_zero(x, x / _safe_divisor(x, y)),
)


# ---------------------------------------------------------------------------
# Modified Bessel functions of the first kind
# ---------------------------------------------------------------------------

def _over_x(v, x, at_zero):
    """``v / x``, with its limit ``at_zero`` at ``x == 0`` (``v`` vanishes there)."""
    return where(equal(x, 0), at_zero, v / _safe_divisor(x, x))


i0_p = special_primitive("i0")
defderivative(i0_p, lambda ans, x: i1(x))

i0e_p = special_primitive("i0e")  # exp(-|x|) i0(x)
defderivative(i0e_p, lambda ans, x: i1e(x) - sign(x) * ans)

i1_p = special_primitive("i1")
defderivative(i1_p, lambda ans, x: i0(x) - _over_x(ans, x, 0.5))

i1e_p = special_primitive("i1e")
defderivative(i1e_p, lambda ans, x: i0e(x) - sign(x) * ans - _over_x(ans, x, 0.5))


# ---------------------------------------------------------------------------
# Quantiles: the inverses of distribution functions
# ---------------------------------------------------------------------------
# The inverse function rule, at the answer x: dx/dq = 1 / F'(x). A shape parameter s by
# implicit differentiation of F(x; s) = q: dx/ds = -(dF/ds)(x) / F'(x). Both are written
# with the answer, so they differentiate again wherever F's derivatives do.

def _beta_density(a, b, x):
    return exp(xlogy(a - 1, x) + xlog1py(b - 1, -x) - betaln(a, b))


def _t_density(df, x):
    half = 0.5 * (df + 1)
    return exp(gammaln(half) - gammaln(0.5 * df) - 0.5 * log(df * math.pi)
               - half * log1p(x * x / df))


gammaincinv_p = special_primitive("gammaincinv")  # x with gammainc(a, x) = q
defderivative(gammaincinv_p,
              lambda ans, a, q: -gammainc_da_p.bind(a, ans) / _gammainc_dx(a, ans),
              lambda ans, a, q: 1 / _gammainc_dx(a, ans))

gammainccinv_p = special_primitive("gammainccinv")  # x with gammaincc(a, x) = q
defderivative(gammainccinv_p,
              lambda ans, a, q: -gammainc_da_p.bind(a, ans) / _gammainc_dx(a, ans),
              lambda ans, a, q: -1 / _gammainc_dx(a, ans))

betaincinv_p = special_primitive("betaincinv")  # x with betainc(a, b, x) = q
_betaincinv_ab = _no_derivative("betaincinv", "a and b", " (betainc has none in them)")
defjvp(betaincinv_p, _betaincinv_ab, _betaincinv_ab,
       lambda t, ans, a, b, q: t / _beta_density(a, b, ans))
defvjp(betaincinv_p, _betaincinv_ab, _betaincinv_ab,
       lambda g, ans, a, b, q: g / _beta_density(a, b, ans))

stdtrit_p = special_primitive("stdtrit")  # Student's t quantile: x with stdtr(df, x) = q
_stdtrit_df = _no_derivative("stdtrit", "df", " (the t cdf has none in df)")
defjvp(stdtrit_p, _stdtrit_df, lambda t, ans, df, q: t / _t_density(df, ans))
defvjp(stdtrit_p, _stdtrit_df, lambda g, ans, df, q: g / _t_density(df, ans))

ndtri_exp_p = special_primitive("ndtri_exp")  # x with log_ndtr(x) = y
defderivative(ndtri_exp_p, lambda ans, y: exp(y + 0.5 * ans * ans) * _SQRT_2PI)


# Discrete quantiles: the least k in the support with cdf(k) >= q, as SciPy's rv_discrete
# gives them (q = 0: one below the support; q > 1, q < 0 or a NaN: NaN). Step functions of q
# and the parameters: derivative zero, like floor.

def _least_k(q, cdf, guess, lowest, highest):
    """Refine a continuous inverse ``guess`` to the least integer ``k`` with ``cdf(k) >= q``."""
    with np.errstate(invalid="ignore", over="ignore"):
        k = np.ceil(guess)
        below = np.maximum(k - 1, lowest)
        k = np.where(cdf(below) >= q, below, k)
        k = np.minimum(np.maximum(k, lowest), highest)
        k = np.where(q == 0, lowest - 1, np.where(q == 1, highest, k))
        return np.where((q >= 0) & (q <= 1), k, np.nan)


def _binom_cdf(k, n, p):
    """``bdtr(k, n, p)`` for integer-valued float ``k`` and ``n``, as ``betainc(n - k, k + 1,
    1 - p)`` (``bdtr`` itself takes no float ``n``)."""
    with np.errstate(invalid="ignore"):
        return np.where(k >= n, 1.0, sc.betainc(np.maximum(n - k, 1.0), k + 1, 1 - p))


def _poisson_ppf(q, mu):
    q, mu = np.broadcast_arrays(np.asarray(q, np.float64), np.asarray(mu, np.float64))
    k = _least_k(q, lambda k: sc.pdtr(k, mu), sc.pdtrik(q, mu), 0, np.inf)
    return np.where(mu >= 0, k, np.nan)


def _binom_ppf(q, n, p):
    q, n, p = np.broadcast_arrays(*[np.asarray(v, np.float64) for v in (q, n, p)])
    k = _least_k(q, lambda k: _binom_cdf(k, n, p), sc.bdtrik(q, n, p), 0, n)
    return np.where((n >= 0) & (n == np.floor(n)) & (p >= 0) & (p <= 1), k, np.nan)


def _nbinom_ppf(q, n, p):
    q, n, p = np.broadcast_arrays(*[np.asarray(v, np.float64) for v in (q, n, p)])
    k = _least_k(q, lambda k: sc.betainc(n, k + 1, p), sc.nbdtrik(q, n, p), 0, np.inf)
    return np.where((n > 0) & (p > 0) & (p <= 1), k, np.nan)


def _geom_ppf(q, p):
    q, p = np.broadcast_arrays(np.asarray(q, np.float64), np.asarray(p, np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        guess = np.log1p(-q) / np.log1p(-p)
    k = _least_k(q, lambda k: -np.expm1(np.log1p(-p) * k), guess, 1, np.inf)
    return np.where((p > 0) & (p <= 1), k, np.nan)


def _discrete_quantile(name, fn):
    return defbatch_elementwise(nondifferentiable(Primitive(name, _keeping_dtype(fn))))


poisson_ppf_p = _discrete_quantile("poisson_ppf", _poisson_ppf)
binom_ppf_p = _discrete_quantile("binom_ppf", _binom_ppf)
nbinom_ppf_p = _discrete_quantile("nbinom_ppf", _nbinom_ppf)
geom_ppf_p = _discrete_quantile("geom_ppf", _geom_ppf)


# ---------------------------------------------------------------------------
# Binding functions (the rules above use them; funcgrad.scipy.special documents them)
# ---------------------------------------------------------------------------

def erfc(x):
    return erfc_p.bind(x)


def erfcx(x):
    return erfcx_p.bind(x)


def erfinv(x):
    return erfinv_p.bind(x)


def erfcinv(x):
    return erfcinv_p.bind(x)


def ndtr(x):
    return ndtr_p.bind(x)


def ndtri(x):
    return ndtri_p.bind(x)


def log_ndtr(x):
    return log_ndtr_p.bind(x)


def gammaln(x):
    return gammaln_p.bind(x)


def digamma(x):
    return digamma_p.bind(x)


def polygamma(n, x):
    return polygamma_p.bind(n, x)


def gamma(x):
    return gamma_p.bind(x)


def betaln(a, b):
    return betaln_p.bind(a, b)


def beta(a, b):
    return beta_p.bind(a, b)


def gammainc(a, x):
    return gammainc_p.bind(a, x)


def gammaincc(a, x):
    return gammaincc_p.bind(a, x)


def betainc(a, b, x):
    return betainc_p.bind(a, b, x)


def zeta(x, q):
    return zeta_p.bind(x, q)


def logit(x):
    return logit_p.bind(x)


def log_expit(x):
    return log_expit_p.bind(x)


def xlogy(x, y):
    return xlogy_p.bind(x, y)


def xlog1py(x, y):
    return xlog1py_p.bind(x, y)


def entr(x):
    return entr_p.bind(x)


def rel_entr(x, y):
    return rel_entr_p.bind(x, y)


def kl_div(x, y):
    return kl_div_p.bind(x, y)


def i0(x):
    return i0_p.bind(x)


def i0e(x):
    return i0e_p.bind(x)


def i1(x):
    return i1_p.bind(x)


def i1e(x):
    return i1e_p.bind(x)


def gammaincinv(a, q):
    return gammaincinv_p.bind(a, q)


def gammainccinv(a, q):
    return gammainccinv_p.bind(a, q)


def betaincinv(a, b, q):
    return betaincinv_p.bind(a, b, q)


def stdtrit(df, q):
    return stdtrit_p.bind(df, q)


def ndtri_exp(y):
    return ndtri_exp_p.bind(y)


def random_gamma_grad(a, x):
    """d x / d a of a gamma(a) draw ``x`` at fixed uniform noise (implicit
    reparameterisation): ``-(dP/da) / (dP/dx)`` with ``P = gammainc``, as JAX's
    ``random_gamma_grad``."""
    return -gammainc_da_p.bind(a, x) / _gammainc_dx(a, x)


def poisson_ppf(q, mu):
    return poisson_ppf_p.bind(q, mu)


def binom_ppf(q, n, p):
    return binom_ppf_p.bind(q, n, p)


def nbinom_ppf(q, n, p):
    return nbinom_ppf_p.bind(q, n, p)


def geom_ppf(q, p):
    return geom_ppf_p.bind(q, p)
