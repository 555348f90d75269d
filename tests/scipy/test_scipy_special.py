"""funcgrad.scipy.special: every public name against SciPy's values, both modes against
finite differences (order 2 where the derivative is itself in the module), float32 kept,
jit; then the edge values the anchors define."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special as ss
from scipy_cases import Case, integers, run_case, uniform

import funcgrad as fg
import funcgrad.scipy.special as fs

anything = uniform(-2.0, 2.0)
positive = uniform(0.5, 3.0)
prob = uniform(0.1, 0.9)


def call(name, *extra, **kw):
    return lambda m: lambda *xs: getattr(m, name)(*xs, *extra, **kw)


CASES = [
    Case("expit", call("expit"), [anything]),
    Case("logit", call("logit"), [prob]),
    Case("log_expit", call("log_expit"), [anything]),
    Case("erf", call("erf"), [anything]),
    Case("erfc", call("erfc"), [anything]),
    Case("erfcx", call("erfcx"), [anything]),
    Case("erfinv", call("erfinv"), [uniform(-0.9, 0.9)]),
    Case("erfcinv", call("erfcinv"), [uniform(0.1, 1.9)]),
    Case("ndtr", call("ndtr"), [anything]),
    Case("ndtri", call("ndtri"), [prob]),
    Case("log_ndtr", call("log_ndtr"), [uniform(-10.0, 3.0)]),
    Case("gammaln", call("gammaln"), [positive]),
    Case("gamma", call("gamma"), [positive]),
    Case("digamma", call("digamma"), [positive]),
    Case("psi", call("psi"), [positive]),
    Case("polygamma", lambda m: lambda x: m.polygamma(2, x), [positive]),
    Case("polygamma:n-array", lambda m: lambda n, x: m.polygamma(n, x),
         [integers(0, 3), positive]),
    Case("multigammaln", lambda m: lambda a: m.multigammaln(a, 3), [uniform(1.5, 3.0)]),
    Case("betaln", call("betaln"), [positive, positive]),
    Case("beta", call("beta"), [positive, positive]),
    Case("gammainc", call("gammainc"), [positive, positive], order=1, atol=1e-4, rtol=1e-4),
    Case("gammainc:x", lambda m: lambda x: m.gammainc(2.5, x), [positive]),
    Case("gammaincc", call("gammaincc"), [positive, positive], order=1, atol=1e-4, rtol=1e-4),
    Case("gammaincinv", call("gammaincinv"), [positive, prob], order=1, atol=1e-4, rtol=1e-4),
    Case("gammaincinv:q", lambda m: lambda q: m.gammaincinv(2.5, q), [prob]),
    Case("gammainccinv", call("gammainccinv"), [positive, prob], order=1, atol=1e-4,
         rtol=1e-4),
    Case("gammainccinv:q", lambda m: lambda q: m.gammainccinv(2.5, q), [prob]),
    Case("betaincinv", lambda m: lambda q: m.betaincinv(2.0, 3.5, q), [prob]),
    Case("stdtrit", lambda m: lambda q: m.stdtrit(3.5, q), [prob]),
    Case("ndtri_exp", call("ndtri_exp"), [uniform(-30.0, -0.1)]),
    Case("gammaincc:x", lambda m: lambda x: m.gammaincc(2.5, x), [positive]),
    Case("betainc", lambda m: lambda x: m.betainc(2.0, 3.5, x), [prob]),
    Case("factorial", call("factorial"), [uniform(0.0, 4.0)]),
    Case("zeta", lambda m: lambda q: m.zeta(3.0, q), [positive]),
    Case("zeta:riemann", lambda m: lambda x: m.zeta(x), [uniform(1.5, 4.0)], order=0),
    Case("xlogy", call("xlogy"), [anything, positive]),
    Case("xlog1py", call("xlog1py"), [anything, uniform(-0.5, 2.0)]),
    Case("entr", call("entr"), [positive]),
    Case("rel_entr", call("rel_entr"), [positive, positive]),
    Case("kl_div", call("kl_div"), [positive, positive]),
    Case("i0", call("i0"), [anything]),
    Case("i0e", call("i0e"), [uniform(0.2, 3.0)]),
    Case("i1", call("i1"), [anything]),
    Case("i1e", call("i1e"), [uniform(0.2, 3.0)]),
    Case("sinc", lambda m: lambda x: (m.sinc if m is fs else np.sinc)(x), [anything]),
    Case("logsumexp", call("logsumexp"), [anything], shapes=[(2, 3)]),
    Case("logsumexp:axis", call("logsumexp", axis=1, keepdims=True), [anything],
         shapes=[(2, 3)]),
    Case("logsumexp:b", lambda m: lambda a, b: m.logsumexp(a, axis=0, b=b),
         [anything, positive], shapes=[(3, 2), (3, 2)]),
    Case("logsumexp:sign", lambda m: lambda a, b: m.logsumexp(a, b=b, return_sign=True)[0],
         [anything, anything], shapes=[(4,), (4,)]),
    Case("softmax", call("softmax"), [anything], shapes=[(2, 3)]),
    Case("softmax:axis", call("softmax", axis=-1), [anything], shapes=[(2, 3)]),
    Case("log_softmax", call("log_softmax", axis=0), [anything], shapes=[(2, 3)]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case):
    run_case(case, fs, ss)


def test_every_public_name_has_a_case():
    covered = {n for c in CASES for n in c.covers}
    assert sorted(set(fs.__all__) - covered) == []


# ---------------------------------------------------------------------------
# Edge values (the anchors' definitions; funcgrad better than JAX at xlogy(0, 0))
# ---------------------------------------------------------------------------

EDGES = [
    # (function, argument index, point, expected derivative)
    (fs.xlogy, 1, (0.0, 0.0), 0.0),          # JAX: nan
    (fs.xlogy, 1, (0.0, 2.0), 0.0),
    (fs.xlog1py, 1, (0.0, -1.0), 0.0),       # JAX: nan
    (fs.xlogy, 0, (0.0, 1.0), 0.0),          # log(1)
    (fs.expit, 0, (1000.0,), 0.0),
    (fs.expit, 0, (-1000.0,), 0.0),
    (fs.logit, 0, (0.0,), np.inf),
    (fs.log_ndtr, 0, (-1e5,), 1e5),          # about -x far in the tail, finite
    (fs.log_ndtr, 0, (-40.0,), 40.02498),
    (fs.log_ndtr, 0, (40.0,), 0.0),
    (fs.log_expit, 0, (-1000.0,), 1.0),
    (fs.i1, 0, (0.0,), 0.5),
    (fs.entr, 0, (1.0,), -1.0),
]


@pytest.mark.parametrize("f, argnum, point, expected", EDGES,
                         ids=[f"{e[0].__name__}{e[2]}" for e in EDGES])
def test_edge_derivatives(f, argnum, point, expected):
    g = fg.grad(f, argnums=argnum)(*point)
    np.testing.assert_allclose(g, expected, rtol=1e-6)
    # forward mode agrees (the other arguments held constant)

    def along(x):
        return f(*point[:argnum], x, *point[argnum + 1:])

    tangent = fg.jvp(along, (np.float64(point[argnum]),), (np.float64(1.0),))[1]
    np.testing.assert_allclose(tangent, expected, rtol=1e-6)


def test_logsumexp_over_minus_infinity():
    a = np.array([0.0, -np.inf, np.log(3.0)])
    assert fs.logsumexp(a) == pytest.approx(np.log(4.0))
    np.testing.assert_allclose(fg.grad(fs.logsumexp)(a), [0.25, 0.0, 0.75])
    np.testing.assert_allclose(fg.jvp(fs.logsumexp, (a,), (np.ones(3),))[1], 1.0)
    rows = np.array([[-np.inf, -np.inf], [0.0, 0.0]])
    np.testing.assert_allclose(fs.logsumexp(rows, axis=1), ss.logsumexp(rows, axis=1))


def test_log_ndtr_second_derivative_far_in_the_tail_is_finite():
    d2 = fg.grad(fg.grad(fs.log_ndtr))(-1e3)
    assert np.isfinite(d2) and d2 == pytest.approx(-1.0, rel=1e-3)


def test_underivable_arguments_raise_with_the_fix():
    with pytest.raises(NotImplementedError, match="stop_gradient"):
        fg.grad(fs.betainc, argnums=0)(2.0, 3.0, 0.5)
    with pytest.raises(NotImplementedError, match="zeta"):
        fg.grad(fs.zeta, argnums=0)(2.0, 1.0)


def test_jit_spells_special_functions_as_scipy_calls():
    source = fg.make_source(lambda x: fs.gammaln(x) + fs.digamma(x))(np.ones(2))
    assert "scipy.special.gammaln(" in source and "import scipy.special" in source


def test_vmap_of_a_special_function():
    x = np.array([[0.5, 1.5], [2.0, 3.0]])
    np.testing.assert_allclose(fg.vmap(fg.grad(fs.gammaln))(x.ravel()), ss.digamma(x.ravel()))
