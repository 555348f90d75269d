"""funcgrad.scipy.optimize: SciPy's optimisers driven by funcgrad's derivatives (anchors:
``scipy.optimize.minimize`` for the call and the result, ``jax.scipy.optimize.minimize``).

Examples
--------
>>> import funcgrad.numpy as fnp
>>> from funcgrad.scipy.optimize import minimize
>>> rosen = lambda x: fnp.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
>>> result = minimize(rosen, fnp.asarray([-1.2, 1.0]), method="BFGS")
>>> bool(result.success), fnp.round(result.x, 5)
(True, array([1., 1.]))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.optimize as so

from .. import numpy as fnp
from ..primitives.indexing import as_inexact
from ..transforms.forward import jvp
from ..transforms.jacobians import hessian
from ..transforms.reverse import grad, value_and_grad
from ..tree_util import tree_flatten, tree_unflatten

__all__ = ["minimize"]

# Methods that use second derivatives: a Hessian-vector product, or the whole Hessian.
_HESSP_METHODS = {"newton-cg", "trust-ncg", "trust-krylov", "trust-constr"}
_HESS_METHODS = {"dogleg", "trust-exact"}
_DERIVATIVE_FREE = {"nelder-mead", "powell", "cobyla", "cobyqa"}


def _ravel(x0):
    leaves, treedef = tree_flatten(x0)
    arrays = [np.asarray(as_inexact(x)) for x in leaves]
    shapes = [a.shape for a in arrays]
    sizes = [a.size for a in arrays]
    flat = np.concatenate([a.ravel() for a in arrays]).astype(np.float64)

    def unravel(v):
        out, start = [], 0
        for shape, size in zip(shapes, sizes):
            out.append(fnp.reshape(v[start:start + size], shape))
            start += size
        return tree_unflatten(treedef, out)

    return flat, unravel


def minimize(fun: Callable, x0: Any, args: tuple = (), method: str | None = None,
             jac: Any = None, hess: Any = None, hessp: Any = None, bounds: Any = None,
             constraints: Any = (), tol: float | None = None, callback: Callable | None = None,
             options: dict | None = None) -> so.OptimizeResult:
    """Minimise ``fun(x, *args)`` with :func:`scipy.optimize.minimize`, giving it funcgrad's
    gradient (``jac=None``), and for Newton-CG and the trust-region methods funcgrad's
    Hessian-vector products (or the Hessian, for ``dogleg`` and ``trust-exact``).

    Derivative-free methods (Nelder-Mead, Powell, COBYLA, COBYQA) get the function alone.
    Returns SciPy's ``OptimizeResult``. ``x0`` may be a pytree (a dict of arrays, a list
    of weight matrices): the optimiser sees one flat float64 vector, and ``result.x``
    has ``x0``'s structure. A ``jac``, ``hess`` or ``hessp`` given explicitly is used as
    it is; every other argument is SciPy's.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> quadratic = lambda x, c: fnp.sum((x - c) ** 2)
    >>> r = minimize(quadratic, fnp.zeros(2), args=(fnp.asarray([1.0, 2.0]),), method="Newton-CG")
    >>> fnp.round(r.x, 6), int(r.nhev) > 0
    (array([1., 2.]), True)
    >>> r = minimize(lambda p: (p["a"] - 3.0) ** 2, {"a": 0.0}, method="L-BFGS-B")
    >>> round(float(r.x["a"]), 4)
    3.0
    """
    flat0, unravel = _ravel(x0)
    leaves, _ = tree_flatten(x0)
    if len(leaves) == 1 and leaves[0] is x0 and np.ndim(x0) <= 1:
        unravel = None  # a vector (or a number): SciPy's own convention, x is 1-D
    name = (method or "").lower()

    def objective(v, *a):
        return fun(v if unravel is None else unravel(v), *a)

    if jac is None and name not in _DERIVATIVE_FREE:
        value_and_gradient = value_and_grad(objective)

        def fun_and_jac(v, *a):
            value, g = value_and_gradient(v, *a)
            return float(value), np.asarray(g, dtype=np.float64)

        scipy_fun, scipy_jac = fun_and_jac, True
    else:
        scipy_fun, scipy_jac = objective, jac
    if hess is None and hessp is None:
        if name in _HESSP_METHODS:
            gradient = grad(objective)

            def hessp(v, p, *a):
                return np.asarray(jvp(lambda w: gradient(w, *a), (v,), (p,))[1],
                                  dtype=np.float64)
        elif name in _HESS_METHODS:
            full = hessian(objective)

            def hess(v, *a):
                return np.asarray(full(v, *a), dtype=np.float64)

    result = so.minimize(scipy_fun, flat0, args=tuple(args), method=method, jac=scipy_jac,
                         hess=hess, hessp=hessp, bounds=bounds, constraints=constraints,
                         tol=tol, callback=callback, options=options)
    if unravel is not None:
        result.x = unravel(result.x)
    return result


# Parameters, Returns and See Also (see _docs.py).
from ._docs import complete_scipy  # noqa: E402

complete_scipy(__name__)
