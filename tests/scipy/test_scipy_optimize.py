"""funcgrad.scipy.optimize.minimize: SciPy's optimisers with funcgrad's gradients and
Hessian-vector products reach SciPy's answers (Rosenbrock from (-1.2, 1), where JAX's own
BFGS stalls), with pytrees as parameters."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize as so

import funcgrad.numpy as fnp
from funcgrad.scipy.optimize import minimize


def rosen(x):
    return fnp.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


METHODS = ["BFGS", "L-BFGS-B", "CG", "Newton-CG", "trust-ncg", "trust-krylov", "trust-exact",
           "trust-constr", "SLSQP", "Nelder-Mead", None]


@pytest.mark.parametrize("method", METHODS)
def test_rosenbrock(method):
    x0 = np.array([-1.2, 1.0])
    result = minimize(rosen, x0, method=method)
    assert isinstance(result, so.OptimizeResult)
    assert result.success, result.message
    np.testing.assert_allclose(result.x, [1.0, 1.0], atol=2e-3)


def test_same_path_as_scipy_with_its_exact_derivatives():
    x0 = np.array([-1.2, 1.0, 0.8])
    ours = minimize(rosen, x0, method="Newton-CG")
    theirs = so.minimize(so.rosen, x0, method="Newton-CG", jac=so.rosen_der,
                         hessp=so.rosen_hess_prod)
    np.testing.assert_allclose(ours.x, theirs.x, rtol=1e-10)
    assert ours.nit == theirs.nit


def test_dogleg_uses_the_full_hessian():
    result = minimize(rosen, np.array([1.2, 1.1]), method="dogleg")
    assert result.success and result.nhev > 0


def test_pytree_parameters_and_args():
    def loss(params, target):
        return fnp.sum((params["w"] @ np.ones(2) - target) ** 2) + params["b"] ** 2

    result = minimize(loss, {"w": np.zeros((2, 2)), "b": 1.0}, args=(np.array([1.0, 2.0]),),
                      method="BFGS")
    assert result.x["w"].shape == (2, 2)
    np.testing.assert_allclose(result.x["w"] @ np.ones(2), [1.0, 2.0], atol=1e-5)
    assert abs(result.x["b"]) < 1e-5


def test_an_explicit_jacobian_is_used():
    calls = []

    def jac(x):
        calls.append(1)
        return 2 * x

    result = minimize(lambda x: float(np.sum(x ** 2)), np.ones(2), method="BFGS", jac=jac)
    assert calls and np.allclose(result.x, 0.0)
