"""The multivariate normal distribution ``N(mean, cov)``, as
``scipy.stats.multivariate_normal`` (``autograd.scipy.stats.multivariate_normal``).

The log density goes through a Cholesky factor of ``cov`` and one triangular
solve, so it is differentiable in ``x``, ``mean`` and ``cov`` (the gradient in
``cov`` is symmetric). ``cov`` may be a scalar (``cov * I``), a vector (a
diagonal) or a matrix; ``x`` has the dimension on its last axis.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.stats import multivariate_normal as mvn
>>> fg.grad(mvn.logpdf, argnums=2)(fnp.asarray([1.0, 0.0]), fnp.zeros(2), fnp.eye(2))
array([[ 0. ,  0. ],
       [ 0. , -0.5]])
"""

from __future__ import annotations

import math

import numpy as np

from ... import numpy as fnp
from ...numpy import linalg as fla
from ...primitives import scipy_linalg as sl
from ._util import promote

__all__ = ["logpdf", "pdf"]


def _dimension(x, mean, cov) -> int:
    if mean is not None and fnp.ndim(mean) > 0:
        return int(np.shape(mean)[-1])
    if fnp.ndim(cov) > 0:
        return int(np.shape(cov)[-1])
    return int(np.shape(x)[-1]) if fnp.ndim(x) > 0 else 1


def logpdf(x, mean=None, cov=1, allow_singular=False):
    """``-(d log(2 pi) + log det(cov) + (x - mean)^T cov^-1 (x - mean)) / 2``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> logpdf(fnp.asarray([[0.0, 0.0], [1.0, 1.0]]), fnp.zeros(2), fnp.eye(2))
    array([-1.83787707, -2.83787707])
    """
    d = _dimension(x, mean, cov)
    x, cov = promote(x, cov)
    mean = fnp.zeros(d, fnp.result_type(x)) if mean is None else promote(mean, x)[0]
    if d == 1 and (fnp.ndim(x) == 0 or np.shape(x)[-1] != 1):
        x = fnp.expand_dims(x, -1)  # SciPy: in one dimension, x holds points, not a vector
    if fnp.ndim(cov) == 0:
        cov = cov * np.eye(d)
    elif fnp.ndim(cov) == 1:
        cov = cov[:, None] * np.eye(d)
    cov = fnp.astype(cov, fnp.result_type(x))
    lower = fla.cholesky(cov)
    r = x - mean
    batch = np.shape(r)[:-1]
    columns = fnp.transpose(fnp.reshape(r, (-1, d)))
    z = sl.solve_triangular(lower, columns, lower=True, trans=0, unit_diagonal=False)
    mahalanobis = fnp.reshape(fnp.sum(z * z, axis=0), batch)
    log_det = 2 * fnp.sum(fnp.log(fnp.diagonal(lower)))
    return -0.5 * (d * math.log(2 * math.pi) + log_det + mahalanobis)


def pdf(x, mean=None, cov=1, allow_singular=False):
    """The density, ``exp(logpdf)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> pdf(fnp.zeros(2), fnp.zeros(2), fnp.eye(2))
    np.float64(0.15915494309189535)
    """
    return fnp.exp(logpdf(x, mean, cov, allow_singular))
