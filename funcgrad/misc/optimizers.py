"""HIPS autograd's optimisers (``autograd.misc.optimizers``): ``sgd``, ``rmsprop``, ``adam``.

Each runs ``num_iters`` steps from ``x0`` given ``grad(x, i)``, the gradient at
``x`` in iteration ``i``, and calls ``callback(x, i, g)`` before every step.
``x0`` may be any pytree of arrays: the optimiser works on its flat vector and
hands ``grad`` and ``callback`` the pytree (autograd's ``unflatten_optimizer``).
For JAX's ``(init, update, get_params)`` triples use :mod:`funcgrad.optimizers`.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.misc.optimizers import adam
>>> loss = lambda p, i: (p["w"] - 3.0) ** 2
>>> adam(fg.grad(loss), {"w": 0.0}, step_size=0.1, num_iters=500)["w"]
array(3.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..flatten_util import ravel_pytree

__all__ = ["sgd", "rmsprop", "adam"]

Gradient = Callable[[Any, int], Any]
Callback = Callable[[Any, int, Any], Any] | None


def _on_flat_vectors(optimize: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``optimize`` on ``x0``'s flat vector; ``grad`` and ``callback`` see pytrees."""

    @functools.wraps(optimize)
    def run(grad: Gradient, x0: Any, callback: Callback = None, *args: Any,
            **kwargs: Any) -> Any:
        flat0, unflatten = ravel_pytree(x0)

        def flat_grad(x: Any, i: int) -> Any:
            return np.asarray(ravel_pytree(grad(unflatten(x), i))[0])

        flat_callback = None
        if callback is not None:
            def flat_callback(x: Any, i: int, g: Any) -> Any:
                return callback(unflatten(x), i, unflatten(g))

        return unflatten(optimize(flat_grad, np.asarray(flat0), flat_callback, *args, **kwargs))

    return run


@_on_flat_vectors
def sgd(grad: Gradient, x: Any, callback: Callback = None, num_iters: int = 200,
        step_size: float = 0.1, mass: float = 0.9) -> Any:
    """Stochastic gradient descent with momentum (``autograd.misc.optimizers.sgd``).

    The velocity is an exponential average of negative gradients:
    ``v = mass * v - (1 - mass) * g``, then ``x = x + step_size * v``.

    Parameters
    ----------
    grad : callable
        ``grad(x, i)``: the gradient at ``x`` in iteration ``i``.
    x : pytree
        The starting point.
    callback : callable, optional
        ``callback(x, i, g)``, called before each step.
    num_iters : int
    step_size : float
    mass : float
        The momentum, between 0 and 1.

    Returns
    -------
    pytree
        The point after ``num_iters`` steps, of ``x``'s structure.

    See Also
    --------
    adam, rmsprop, funcgrad.optimizers.momentum

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.misc.optimizers import sgd
    >>> float(sgd(fg.grad(lambda x, i: (x - 1.0) ** 2), 0.0, num_iters=300))
    1.0
    """
    velocity = np.zeros(len(x))
    for i in range(num_iters):
        g = grad(x, i)
        if callback:
            callback(x, i, g)
        velocity = mass * velocity - (1.0 - mass) * g
        x = x + step_size * velocity
    return x


@_on_flat_vectors
def rmsprop(grad: Gradient, x: Any, callback: Callback = None, num_iters: int = 100,
            step_size: float = 0.1, gamma: float = 0.9, eps: float = 1e-8) -> Any:
    """Root-mean-square propagation (``autograd.misc.optimizers.rmsprop``).

    A running average of squared gradients, started at one, scales each step:
    ``s = gamma * s + (1 - gamma) * g**2``, ``x = x - step_size * g / (sqrt(s) + eps)``.

    Parameters
    ----------
    grad : callable
        ``grad(x, i)``: the gradient at ``x`` in iteration ``i``.
    x : pytree
        The starting point.
    callback : callable, optional
        ``callback(x, i, g)``, called before each step.
    num_iters : int
    step_size : float
    gamma : float
        The decay of the running average.
    eps : float

    Returns
    -------
    pytree
        The point after ``num_iters`` steps.

    See Also
    --------
    adam, sgd, funcgrad.optimizers.rmsprop

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.misc.optimizers import rmsprop
    >>> round(float(rmsprop(fg.grad(lambda x, i: (x - 1.0) ** 2), 0.0, step_size=0.01,
    ...                     num_iters=500)), 3)
    1.0
    """
    avg_sq_grad = np.ones(len(x))
    for i in range(num_iters):
        g = grad(x, i)
        if callback:
            callback(x, i, g)
        avg_sq_grad = avg_sq_grad * gamma + g**2 * (1 - gamma)
        x = x - step_size * g / (np.sqrt(avg_sq_grad) + eps)
    return x


@_on_flat_vectors
def adam(grad: Gradient, x: Any, callback: Callback = None, num_iters: int = 100,
         step_size: float = 0.001, b1: float = 0.9, b2: float = 0.999,
         eps: float = 1e-8) -> Any:
    """Adam (Kingma and Ba, 2015), as ``autograd.misc.optimizers.adam``.

    First and second moment estimates with bias correction:
    ``m = b1 m + (1 - b1) g``, ``v = b2 v + (1 - b2) g**2``,
    ``x = x - step_size * m_hat / (sqrt(v_hat) + eps)`` with
    ``m_hat = m / (1 - b1**(i + 1))`` and ``v_hat = v / (1 - b2**(i + 1))``.

    Parameters
    ----------
    grad : callable
        ``grad(x, i)``: the gradient at ``x`` in iteration ``i``.
    x : pytree
        The starting point.
    callback : callable, optional
        ``callback(x, i, g)``, called before each step.
    num_iters : int
    step_size : float
    b1, b2 : float
        The decay rates of the moment estimates.
    eps : float

    Returns
    -------
    pytree
        The point after ``num_iters`` steps.

    See Also
    --------
    sgd, rmsprop, funcgrad.optimizers.adam

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.misc.optimizers import adam
    >>> float(adam(fg.grad(lambda x, i: (x - 2.0) ** 2), 0.0, step_size=0.1, num_iters=500))
    2.0
    """
    m = np.zeros(len(x))
    v = np.zeros(len(x))
    for i in range(num_iters):
        g = grad(x, i)
        if callback:
            callback(x, i, g)
        m = (1 - b1) * g + b1 * m
        v = (1 - b2) * (g**2) + b2 * v
        m_hat = m / (1 - b1 ** (i + 1))
        v_hat = v / (1 - b2 ** (i + 1))
        x = x - step_size * m_hat / (np.sqrt(v_hat) + eps)
    return x
