"""funcgrad.scipy.special: SciPy's special functions, differentiable (anchors:
``scipy.special`` for names, signatures and values; ``jax.scipy.special`` for derivatives).

Values come from SciPy; derivatives from the rules in
:mod:`funcgrad.primitives.special`, which use these same functions
(``gammaln' = digamma``, ``digamma' = polygamma(1, .)``), so every order works.

At the edges: ``xlogy(0, y)`` and ``xlog1py(0, y)`` have zero derivative in
``y``, also at ``y = 0`` (JAX gives NaN there); ``logsumexp`` ignores ``-inf``
entries (zero derivative) and weights ``b == 0``; ``log_ndtr``'s derivative stays
finite far into the lower tail (``log_ndtr'(x) ~ -x``); ``expit`` and ``logit``
are exact at the extremes (``expit'(+-1000) = 0``, ``logit'(0) = inf``).

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.special import gammaln, logsumexp
>>> fg.grad(lambda a: logsumexp(a))(fnp.asarray([0.0, fnp.log(3.0)]))
array([0.25, 0.75])
"""

from __future__ import annotations

import math

import numpy as np

from .. import nn
from .. import numpy as fnp
from ..core.trace import Tracer
from ..primitives import special as sp
from ..primitives.indexing import as_inexact

__all__ = [
    "beta", "betainc", "betaincinv", "betaln", "digamma", "entr", "erf", "erfc", "erfcinv",
    "erfcx", "erfinv", "expit", "factorial", "gamma", "gammainc", "gammaincc", "gammainccinv",
    "gammaincinv", "gammaln", "i0", "i0e", "i1", "i1e", "kl_div", "log_expit", "log_ndtr",
    "log_softmax", "logit", "logsumexp", "multigammaln", "ndtr", "ndtri", "ndtri_exp", "polygamma",
    "psi", "rel_entr", "sinc", "softmax", "stdtrit", "xlog1py", "xlogy", "zeta",
]


# ---------------------------------------------------------------------------
# Sums of exponentials and the logistic function
# ---------------------------------------------------------------------------

def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """``log(sum(b * exp(a)))`` over ``axis``, without overflow, as :func:`scipy.special.logsumexp`.

    The derivative is ``b * exp(a - logsumexp(a))`` (a softmax). Entries equal to
    ``-inf``, or weighted by ``b == 0``, contribute nothing and get zero derivative.
    With weights the sum may be negative: ``return_sign=True`` returns
    ``(log|sum|, sign)``; otherwise a negative sum gives NaN.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> logsumexp(fnp.asarray([[1000.0, 1000.0], [0.0, -fnp.inf]]), axis=1)
    array([1000.69314718,    0.        ])
    >>> fg.grad(logsumexp)(fnp.asarray([0.0, -fnp.inf]))
    array([1., 0.])
    >>> logsumexp(fnp.asarray([1.0, 2.0]), b=fnp.asarray([1.0, -1.0]), return_sign=True)
    (array(1.54132485), np.float64(-1.0))
    """
    return nn.logsumexp(a, axis=axis, b=b, keepdims=keepdims, return_sign=return_sign)


def softmax(x, axis=None):
    """``exp(x) / sum(exp(x))`` over ``axis`` (by default every axis, as SciPy).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> softmax(fnp.asarray([0.0, fnp.log(3.0)]))
    array([0.25, 0.75])
    """
    return nn.softmax(x, axis=axis)


def log_softmax(x, axis=None):
    """``x - logsumexp(x)`` over ``axis`` (by default every axis, as SciPy).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> log_softmax(fnp.asarray([1000.0, -1000.0]))
    array([    0., -2000.])
    """
    return nn.log_softmax(x, axis=axis)


def expit(x):
    """The logistic function ``1 / (1 + exp(-x))``; derivative ``expit(x) (1 - expit(x))``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(expit)(fnp.asarray([0.0, 1000.0, -1000.0]))
    array([0.25, 0.  , 0.  ])
    """
    return sp.logistic_p.bind(as_inexact(x))


def logit(x):
    """``log(x / (1 - x))``, the inverse of :func:`expit`; derivative ``1 / (x (1 - x))``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(logit)(fnp.asarray([0.5, 0.0]))
    array([ 4., inf])
    """
    return sp.logit(x)


def log_expit(x):
    """``log(expit(x))`` without underflow; derivative ``expit(-x)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> log_expit(fnp.asarray([-1000.0, 0.0]))
    array([-1.00000000e+03, -6.93147181e-01])
    """
    return sp.log_expit(x)


# ---------------------------------------------------------------------------
# Error function and the normal distribution
# ---------------------------------------------------------------------------

def erf(x):
    """The error function; derivative ``2 / sqrt(pi) exp(-x**2)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(erf)(fnp.asarray([0.0, 1.0]))
    array([1.12837917, 0.4151075 ])
    """
    return sp.erf_p.bind(as_inexact(x))


def erfc(x):
    """``1 - erf(x)``, accurate where ``erf(x)`` is near 1.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> erfc(fnp.asarray([0.0, 10.0]))
    array([1.00000000e+00, 2.08848758e-45])
    """
    return sp.erfc(x)


def erfcx(x):
    """The scaled complementary error function ``exp(x**2) erfc(x)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(erfcx)(fnp.asarray([0.0]))   # -2 / sqrt(pi)
    array([-1.12837917])
    """
    return sp.erfcx(x)


def erfinv(x):
    """The inverse of :func:`erf`; derivative ``sqrt(pi) / 2 exp(erfinv(x)**2)``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(erfinv)(fnp.asarray([0.0, 0.5]))
    array([0.88622693, 1.11258482])
    """
    return sp.erfinv(x)


def erfcinv(x):
    """The inverse of :func:`erfc`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> erfcinv(fnp.asarray([1.0, 0.5]))
    array([0.        , 0.47693628])
    """
    return sp.erfcinv(x)


def ndtr(x):
    """The standard normal CDF; derivative the standard normal density.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(ndtr)(fnp.asarray([0.0]))
    array([0.39894228])
    """
    return sp.ndtr(x)


def ndtri(p):
    """The inverse of :func:`ndtr` (the standard normal quantile function).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(ndtri)(fnp.asarray([0.5]))   # sqrt(2 pi)
    array([2.50662827])
    """
    return sp.ndtri(p)


def log_ndtr(x):
    """``log(ndtr(x))``, accurate far into the lower tail, where its derivative is about ``-x``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.elementwise_grad(log_ndtr)(fnp.asarray([-1e5, 0.0, 40.0]))
    array([1.00000000e+05, 7.97884561e-01, 0.00000000e+00])
    """
    return sp.log_ndtr(x)


# ---------------------------------------------------------------------------
# Gamma and beta families
# ---------------------------------------------------------------------------

def gammaln(x):
    """``log|Gamma(x)|``; derivative :func:`digamma`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> gammaln(fnp.asarray([1.0, 3.0]))
    array([0.        , 0.69314718])
    >>> fg.grad(fg.grad(gammaln))(1.0)   # polygamma(1, 1) = pi**2 / 6
    array(1.64493407)
    """
    return sp.gammaln(x)


def gamma(x):
    """The gamma function; derivative ``gamma(x) digamma(x)``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(gamma)(1.0)   # -Euler's constant
    array(-0.57721566)
    """
    return sp.gamma(x)


def digamma(x):
    """The derivative of :func:`gammaln`; its own derivative is ``polygamma(1, x)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> digamma(fnp.asarray([1.0, 2.0]))
    array([-0.57721566,  0.42278434])
    """
    return sp.digamma(x)


psi = digamma


def polygamma(n, x):
    """The ``n``-th derivative of :func:`digamma` (``n`` an integer, not differentiable).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> polygamma(1, fnp.asarray([1.0]))
    array([1.64493407])
    >>> fg.grad(lambda x: polygamma(1, x))(1.0)   # polygamma(2, 1) = -2 zeta(3)
    array(-2.40411381)
    """
    return sp.polygamma(n, x)


def multigammaln(a, d):
    """The log of the multivariate gamma function of dimension ``d``.

    ``d (d-1) / 4 log(pi) + sum_{j=1..d} gammaln(a - (j-1)/2)``, as SciPy.

    Examples
    --------
    >>> import funcgrad as fg
    >>> float(multigammaln(3.0, 2))
    1.5501949939575645
    >>> fg.grad(multigammaln)(3.0, 2)   # digamma(3) + digamma(2.5)
    array(1.62594098)
    """
    d = int(d)
    a = as_inexact(a)
    if not isinstance(a, Tracer) and np.any(np.asarray(a) <= (d - 1) / 2):
        raise ValueError("multigammaln: condition a > (d-1)/2 not met (SciPy's domain)")
    total = d * (d - 1) / 4 * math.log(math.pi)
    for j in range(d):
        total = total + sp.gammaln(a - j / 2)
    return total


def betaln(a, b):
    """``log|B(a, b)|``; derivatives ``digamma(a) - digamma(a + b)`` and likewise in ``b``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> betaln(fnp.asarray([1.0]), fnp.asarray([2.0]))
    array([-0.69314718])
    >>> fg.grad(betaln, argnums=(0, 1))(1.0, 2.0)
    (array(-1.5), array(-0.5))
    """
    return sp.betaln(a, b)


def beta(a, b):
    """The beta function ``Gamma(a) Gamma(b) / Gamma(a + b)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> beta(fnp.asarray([2.0]), fnp.asarray([3.0]))
    array([0.08333333])
    """
    return sp.beta(a, b)


def gammainc(a, x):
    """The regularized lower incomplete gamma function ``P(a, x)``.

    Differentiable in ``x`` (to any order) and in ``a`` (first order, from its series).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(gammainc, argnums=(0, 1))(2.0, 1.5)
    (array(-0.31348864), array(0.33469524))
    """
    return sp.gammainc(a, x)


def gammaincc(a, x):
    """The regularized upper incomplete gamma function ``Q(a, x) = 1 - P(a, x)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> gammaincc(fnp.asarray([1.0]), fnp.asarray([2.0]))   # exp(-2)
    array([0.13533528])
    """
    return sp.gammaincc(a, x)


def gammaincinv(a, q):
    """The inverse of ``gammainc`` in ``x``: ``x`` with ``gammainc(a, x) = q``.

    Differentiable in ``q`` (``1 / gammainc``'s ``x``-derivative at the answer, to any
    order) and in ``a`` (implicitly, ``-(dP/da) / (dP/dx)``; first order).

    Examples
    --------
    >>> import funcgrad as fg
    >>> gammaincinv(1.0, 0.5)   # log 2, to rounding
    np.float64(0.6931471805599455)
    >>> fg.grad(gammaincinv, argnums=1)(1.0, 0.5)   # 1 / exp(-x)
    array(2.)
    """
    return sp.gammaincinv(a, q)


def gammainccinv(a, q):
    """The inverse of ``gammaincc`` in ``x``: ``x`` with ``gammaincc(a, x) = q``.

    Examples
    --------
    >>> gammainccinv(1.0, 0.5)
    np.float64(0.6931471805599455)
    """
    return sp.gammainccinv(a, q)


def betaincinv(a, b, q):
    """The inverse of ``betainc`` in ``x``: ``x`` with ``betainc(a, b, x) = q``.

    Differentiable in ``q`` (to any order); in ``a`` and ``b`` it raises, as ``betainc``.

    Examples
    --------
    >>> betaincinv(1.0, 1.0, 0.25)
    np.float64(0.25)
    """
    return sp.betaincinv(a, b, q)


def stdtrit(df, q):
    """Student's t quantile: ``x`` with ``stdtr(df, x) = q`` (``scipy.special.stdtrit``).

    Differentiable in ``q`` (to any order); in ``df`` it raises.

    Examples
    --------
    >>> stdtrit(1.0, 0.75)   # the Cauchy quartile
    np.float64(1.0000000000000002)
    """
    return sp.stdtrit(df, q)


def ndtri_exp(y):
    """The inverse of ``log_ndtr``: ``x`` with ``log_ndtr(x) = y``, accurate far in the
    lower tail.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(ndtri_exp(np.log(0.975))), 6)
    1.959964
    """
    return sp.ndtri_exp(y)


def betainc(a, b, x):
    """The regularized incomplete beta function ``I_x(a, b)``.

    Differentiable in ``x``; in ``a`` and ``b`` it raises (as JAX).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(betainc, argnums=2)(2.0, 3.0, 0.5)   # the Beta(2, 3) density at 0.5
    array(1.5)
    """
    return sp.betainc(a, b, x)


def factorial(n, exact=False):
    """``n!`` as ``gamma(n + 1)`` (0 for negative ``n``), as ``scipy.special.factorial``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> factorial(fnp.asarray([0.0, 3.0, 4.5, -1.0]))
    array([ 1.        ,  6.        , 52.34277778,  0.        ])
    """
    if exact:
        raise ValueError("factorial: exact=True computes Python integers, which have no "
                         "derivative; use exact=False (the default)")
    n = as_inexact(n)
    return fnp.where(fnp.less(n, 0), 0.0, sp.gamma(fnp.maximum(n, 0) + 1))


def zeta(x, q=None):
    """The Hurwitz zeta function ``sum_k (k + q)**-x`` (Riemann's when ``q`` is None).

    Differentiable in ``q`` (``-x zeta(x + 1, q)``); the derivative in ``x`` raises (as JAX).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> zeta(fnp.asarray([2.0]))   # pi**2 / 6
    array([1.64493407])
    >>> fg.grad(zeta, argnums=1)(2.0, 1.0)   # -2 zeta(3)
    array(-2.40411381)
    """
    return sp.zeta(x, 1.0 if q is None else q)


# ---------------------------------------------------------------------------
# Logarithms that vanish with x, and entropies
# ---------------------------------------------------------------------------

def xlogy(x, y):
    """``x * log(y)``, taken as 0 where ``x == 0`` (with zero derivative in ``y`` there).

    Examples
    --------
    >>> import funcgrad as fg
    >>> float(xlogy(0.0, 0.0)), fg.grad(xlogy, argnums=1)(0.0, 0.0)
    (0.0, array(0.))
    """
    return sp.xlogy(x, y)


def xlog1py(x, y):
    """``x * log1p(y)``, taken as 0 where ``x == 0`` (with zero derivative in ``y`` there).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(xlog1py, argnums=(0, 1))(2.0, 1.0)
    (array(0.69314718), array(1.))
    """
    return sp.xlog1py(x, y)


def entr(x):
    """``-x log(x)`` (0 at 0, ``-inf`` below); derivative ``-(log(x) + 1)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> entr(fnp.asarray([0.0, 0.5, -1.0]))
    array([0.        , 0.34657359,       -inf])
    """
    return sp.entr(x)


def rel_entr(x, y):
    """``x log(x / y)`` for positive ``x``, ``y``; 0 at ``x == 0``; ``inf`` elsewhere.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(rel_entr, argnums=(0, 1))(1.0, 2.0)
    (array(0.30685282), array(-0.5))
    """
    return sp.rel_entr(x, y)


def kl_div(x, y):
    """``x log(x / y) - x + y`` for positive ``x``, ``y`` (SciPy's domain rules elsewhere).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(kl_div, argnums=(0, 1))(1.0, 2.0)
    (array(-0.69314718), array(0.5))
    """
    return sp.kl_div(x, y)


# ---------------------------------------------------------------------------
# Bessel functions and sinc
# ---------------------------------------------------------------------------

def i0(x):
    """The modified Bessel function of the first kind of order 0; derivative :func:`i1`.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(i0)(1.0)
    array(0.5651591)
    """
    return sp.i0(x)


def i0e(x):
    """``exp(-|x|) i0(x)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> i0e(fnp.asarray([0.0, 1.0]))
    array([1.        , 0.46575961])
    """
    return sp.i0e(x)


def i1(x):
    """The modified Bessel function of the first kind of order 1; derivative ``i0 - i1 / x``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(i1)(0.0)
    array(0.5)
    """
    return sp.i1(x)


def i1e(x):
    """``exp(-|x|) i1(x)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> i1e(fnp.asarray([0.0, 1.0]))
    array([0.        , 0.20791042])
    """
    return sp.i1e(x)


def sinc(x):
    """The normalized sinc ``sin(pi x) / (pi x)`` (``numpy.sinc``).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.grad(sinc)(0.5)   # -4 / pi
    array(-1.27323954)
    """
    return fnp.sinc(x)


# Parameters, Returns and See Also (see _docs.py).
from ._docs import complete_scipy  # noqa: E402

complete_scipy(__name__)
