"""The Dirichlet distribution with concentrations ``alpha``, as ``scipy.stats.dirichlet``:
``x`` holds the components on its *first* axis (``(K,)`` or ``(K, N)``; with ``K - 1``
entries the last one is ``1 - sum``), as SciPy and JAX.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.stats import dirichlet
>>> fg.grad(dirichlet.logpdf, argnums=1)(fnp.asarray([0.2, 0.8]), fnp.asarray([2.0, 3.0]))
array([-0.52610458,  0.36018978])
"""

from __future__ import annotations

import numpy as np

from ... import numpy as fnp
from .. import special
from ._util import inside, promote

__all__ = ["logpdf", "pdf"]


def logpdf(x, alpha):
    """``sum((alpha - 1) log x) + gammaln(sum(alpha)) - sum(gammaln(alpha))`` on the simplex
    (``-inf`` off it).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> logpdf(fnp.asarray([0.5, 0.5]), fnp.asarray([2.0, 2.0]))
    array(0.40546511)
    """
    x, alpha = promote(x, alpha)
    k = np.shape(alpha)[0]
    if np.shape(x)[0] == k - 1:
        x = fnp.concatenate([x, 1 - fnp.sum(x, axis=0, keepdims=True)], axis=0)
    if np.shape(x)[0] != k:
        raise ValueError(f"dirichlet: x must have {k} (or {k - 1}) entries on its first axis, "
                         f"one per concentration; got shape {np.shape(x)}")
    a = fnp.reshape(alpha, (k,) + (1,) * (fnp.ndim(x) - 1))
    value = (fnp.sum(special.xlogy(a - 1, fnp.maximum(x, 0)), axis=0)
             + special.gammaln(fnp.sum(alpha)) - fnp.sum(special.gammaln(alpha)))
    total = fnp.sum(x, axis=0)
    on_simplex = fnp.logical_and(fnp.all(fnp.greater_equal(x, 0), axis=0),
                                 fnp.less(fnp.abs(total - 1), 1e-6))
    return inside(on_simplex, value)


def pdf(x, alpha):
    """The density.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> pdf(fnp.asarray([0.5, 0.5]), fnp.asarray([2.0, 2.0]))
    np.float64(1.5)
    """
    return fnp.exp(logpdf(x, alpha))
