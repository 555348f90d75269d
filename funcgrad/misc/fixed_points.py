"""A differentiable fixed-point solver (``autograd.misc.fixed_points.fixed_point``).

The derivative of the fixed point ``x* = f(a)(x*)`` with respect to ``a``
comes from the implicit function theorem, not from unrolling the iterations:
the backward pass solves the adjoint fixed point ``w = g + (d f / d x)^T w``
by the same iteration, then pulls ``w`` back through ``f`` to ``a``.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.misc.fixed_points import fixed_point
>>> newton_sqrt = lambda a: lambda x: 0.5 * (x + a / x)   # its fixed point is sqrt(a)
>>> distance = lambda x, y: fnp.abs(x - y)
>>> round(float(fixed_point(newton_sqrt, 2.0, 1.0, distance, 1e-10)), 10)
1.4142135624
>>> round(float(fg.grad(lambda a: fixed_point(newton_sqrt, a, 1.0, distance, 1e-10))(2.0)), 10)
0.3535533906
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.tree_util import tree_map
from ..transforms.custom import custom_vjp
from ..transforms.pullback import vjp

__all__ = ["fixed_point"]


def _iterate(step: Callable, x0: Any, distance: Callable, tol: float) -> Any:
    x, previous = step(x0), x0
    while distance(x, previous) > tol:
        x, previous = step(x), x
    return x


def _fixed_point(f: Callable, a: Any, x0: Any, distance: Callable, tol: float) -> Any:
    return _iterate(f(a), x0, distance, tol)


_solver = custom_vjp(_fixed_point, nondiff_argnums=(0, 3, 4))


def _forward(f, a, x0, distance, tol):
    x_star = _fixed_point(f, a, x0, distance, tol)
    return x_star, (a, x_star, x0)


def _backward(f, distance, tol, residuals, g):
    a, x_star, x0 = residuals
    _, pullback_x = vjp(f(a), x_star)
    # The adjoint fixed point: w = g + (df/dx)^T w, iterated from zero.
    w = _iterate(lambda w: tree_map(lambda gi, vi: gi + vi, g, pullback_x(w)[0]),
                 tree_map(lambda gi: gi * 0, g), distance, tol)
    _, pullback_a = vjp(lambda a: f(a)(x_star), a)
    return pullback_a(w)[0], tree_map(lambda xi: xi * 0, x0)


_solver.defvjp(_forward, _backward)


def fixed_point(f: Callable, a: Any, x0: Any, distance: Callable, tol: float) -> Any:
    """The fixed point of ``x -> f(a)(x)`` reached from ``x0``, differentiable in ``a``.

    Parameters
    ----------
    f : callable
        Curried: ``f(a)`` is the map whose fixed point is sought.
    a : pytree
        The parameters (differentiated).
    x0 : pytree
        The starting point (its derivative is zero: the fixed point does not depend on it).
    distance : callable
        ``distance(x, x_previous)``: iteration stops when it is at most ``tol``.
    tol : float

    Returns
    -------
    pytree
        ``x*`` with ``f(a)(x*) = x*`` (to ``tol``).

    See Also
    --------
    funcgrad.lax.while_loop, funcgrad.custom_vjp

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.misc.fixed_points import fixed_point
    >>> x = fixed_point(lambda a: lambda x: fnp.cos(a * x), 1.0, 0.0,
    ...                 lambda x, y: fnp.abs(x - y), 1e-12)
    >>> round(float(x), 10)
    0.7390851332
    """
    return _solver(f, a, x0, distance, tol)
