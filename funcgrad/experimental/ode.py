"""``funcgrad.experimental.ode``: JAX's ``jax.experimental.ode.odeint`` signature.

The extra arguments of ``func`` follow ``t`` one by one, ``odeint(func, y0, t, *args)``;
SciPy's signature, one ``args`` tuple, is :func:`funcgrad.scipy.integrate.odeint`. Both
solve with SciPy's LSODA (the ``scipy`` extra) and differentiate by the adjoint method.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.experimental.ode import odeint
>>> t = fnp.asarray([0.0, 1.0])
>>> round(float(fg.grad(lambda k: odeint(lambda y, t, k: -k * y, 1.0, t, k)[-1])(0.5)), 6)
-0.606531
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..scipy.integrate import solve

__all__ = ["odeint"]


def odeint(func: Callable, y0: Any, t: Any, *args: Any, rtol: float = 1.4e-8,
           atol: float = 1.4e-8, mxstep: float = np.inf, hmax: float = np.inf) -> Any:
    """Solve ``dy/dt = func(y, t, *args)`` from ``y(t[0]) = y0`` at the times ``t``
    (``jax.experimental.ode.odeint``).

    Parameters
    ----------
    func : callable
        ``func(y, t, *args)``; ``y`` may be a pytree.
    y0 : pytree
        The state at ``t[0]``.
    t : array
        Increasing times; the result has one entry per time (leading axis).
    *args
        Extra arguments of ``func`` (pytrees), differentiated too.
    rtol, atol : float
        The solver's tolerances.
    mxstep : int
        The most steps between two times (JAX's default, infinity, becomes SciPy's 500).
    hmax : float
        Accepted as JAX does.

    Returns
    -------
    pytree
        The solution at every time in ``t``.

    See Also
    --------
    funcgrad.scipy.integrate.odeint : SciPy's signature.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> from funcgrad.experimental.ode import odeint
    >>> ys = odeint(lambda y, t, a, b: a * y + b, 0.0, fnp.asarray([0.0, 1.0]), -1.0, 1.0)
    >>> round(float(ys[-1]), 6)   # 1 - exp(-1)
    0.632121
    """
    steps = 500 if not np.isfinite(mxstep) else int(mxstep)
    return solve(func, y0, t, args, rtol, atol, steps)
