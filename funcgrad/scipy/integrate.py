"""funcgrad.scipy.integrate: ODE solutions and the trapezoidal rule, differentiable
(anchors: ``scipy.integrate`` for values, ``jax.experimental.ode.odeint`` and
``autograd.scipy.integrate.odeint`` for derivatives).

``odeint`` solves with SciPy's ``odeint`` (LSODA) and differentiates by the adjoint
method: the backward pass integrates, from the last time to the first, the state
together with its adjoint ``a`` (``da/dt = -a^T df/dy``) and the accumulated
derivatives in the times and the extra arguments, taking the vector-Jacobian
products of ``func`` with funcgrad (the backward pass is itself a call of the solver).
The adjoint system is solved by ``odeint`` itself, so it has an adjoint too:
reverse mode of reverse mode works (``grad(grad(f))``, ``vjp`` of ``vjp``), to any
order. Under ``jit`` and ``vmap`` (and so ``jacrev``) SciPy solves when the program
runs, through :func:`funcgrad.pure_callback` (one example at a time under ``vmap``),
so ``func`` must take what it depends on as arguments (not close over traced
values). Forward mode (``jvp``, ``jacfwd``, ``hessian``) raises, as in JAX.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.scipy.integrate import odeint
>>> decay = lambda y, t, k: -k * y
>>> t = fnp.asarray([0.0, 1.0])
>>> round(float(fg.grad(lambda k: odeint(decay, 1.0, t, (k,))[-1])(0.5)), 6)   # -t exp(-k t)
-0.606531
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.integrate as si

from .. import numpy as fnp
from ..callbacks import pure_callback
from ..core.shape_dtype import ShapeDtypeStruct
from ..core.trace import Tracer
from ..primitives.indexing import as_inexact
from ..transforms.custom import custom_vjp
from ..transforms.pullback import vjp
from ..transforms.staging import StagingTracer
from ..transforms.vmap import BatchTracer
from ..tree_util import tree_flatten, tree_unflatten

__all__ = ["odeint", "trapezoid"]


# ---------------------------------------------------------------------------
# Flattening pytrees into one vector (the solver works on vectors)
# ---------------------------------------------------------------------------

def _ravel(tree: Any):
    """``(vector, unravel)``: the leaves of ``tree`` concatenated, and the inverse."""
    leaves, treedef = tree_flatten(tree)
    leaves = [as_inexact(x) for x in leaves]
    shapes = [np.shape(x) for x in leaves]
    sizes = [int(np.prod(s)) for s in shapes]
    flat = (fnp.concatenate([fnp.ravel(x) for x in leaves]) if leaves
            else np.zeros(0))

    def unravel(v, lead: tuple[int, ...] = ()):
        out, start = [], 0
        for shape, size in zip(shapes, sizes):
            out.append(fnp.reshape(v[..., start:start + size], lead + shape))
            start += size
        return tree_unflatten(treedef, out)

    return flat, unravel


def _staged(*values) -> bool:
    """Whether any value is traced by jit or vmap only (no forward or reverse mode)."""
    traced = [x for x in values if isinstance(x, Tracer)]
    return bool(traced) and all(isinstance(x, (StagingTracer, BatchTracer)) for x in traced)


def _concrete(x, what: str) -> np.ndarray:
    if isinstance(x, Tracer):
        raise TypeError(
            f"odeint: {what} is a traced value here (under forward mode: jvp, jacfwd, "
            "hessian); odeint's derivatives are reverse mode, by the adjoint method, as "
            "in JAX. Use grad, vjp or jacrev (nested for higher orders).")
    return np.asarray(x, dtype=np.float64)


# ---------------------------------------------------------------------------
# The solver on vectors, with its adjoint
# ---------------------------------------------------------------------------

def _solve(func: Callable, rtol: float, atol: float, mxstep: int, y0, t, p):
    """SciPy's solution of ``dy/dt = func(y, t, p)`` at the times ``t`` (rows)."""
    if _staged(y0, t, p):
        # Under jit or vmap: SciPy runs when the program runs, on the arguments' values,
        # one example at a time; func is called there on concrete arrays.
        out = ShapeDtypeStruct((np.shape(t)[0], np.shape(y0)[0]), np.dtype(np.float64))
        return pure_callback(functools.partial(_solve, func, rtol, atol, mxstep), out,
                             y0, t, p, vmap_method="sequential")
    y0, t, p = _concrete(y0, "y0"), _concrete(t, "t"), _concrete(p, "an argument")

    def rhs(y, tt):
        return np.asarray(func(y, tt, p), dtype=np.float64)

    ys = si.odeint(rhs, y0, t, rtol=rtol, atol=atol, mxstep=mxstep)
    return ys


@functools.partial(custom_vjp, nondiff_argnums=(0, 1, 2, 3))
def _odeint_flat(func, rtol, atol, mxstep, y0, t, p):
    return _solve(func, rtol, atol, mxstep, y0, t, p)


def _odeint_fwd(func, rtol, atol, mxstep, y0, t, p):
    # Through the custom_vjp function, not the solver: differentiated again (a second
    # derivative), these values are traced, and the call records its own adjoint.
    ys = _odeint_flat(func, rtol, atol, mxstep, y0, t, p)
    return ys, (ys, t, p)


def _odeint_bwd(func, rtol, atol, mxstep, residuals, g):
    """The adjoint method, backwards from the last time to the first, in reversed time
    ``s = -t`` (the solver integrates forwards)."""
    ys, t, p = residuals
    n, m = np.shape(ys)[1], np.shape(p)[0]

    def augmented(state, s, p):
        y, adjoint = state[:n], state[n:2 * n]
        y_dot, pullback = vjp(func, y, -s, p)
        a_y, a_t, a_p = pullback(adjoint)
        return fnp.concatenate([-y_dot, a_y, fnp.reshape(a_t, (1,)), a_p])

    y_bar = g[-1]
    t0_bar = 0.0
    p_bar = fnp.zeros(m)
    t_bars = []
    for i in range(np.shape(ys)[0] - 1, 0, -1):
        # Moving the i-th time moves the i-th output along f.
        t_bar = fnp.sum(func(ys[i], t[i], p) * g[i])
        t_bars.append(t_bar)
        t0_bar = t0_bar - t_bar
        state = fnp.concatenate([ys[i], y_bar, fnp.reshape(t0_bar, (1,)), p_bar])
        times = fnp.stack([-t[i], -t[i - 1]])
        after = _odeint_flat(augmented, rtol, atol, mxstep, state, times, p)[1]
        y_bar = after[n:2 * n] + g[i - 1]
        t0_bar = after[2 * n]
        p_bar = after[2 * n + 1:2 * n + 1 + m]
    t_bar_all = fnp.stack([fnp.reshape(t0_bar, ())] + t_bars[::-1])
    return y_bar, t_bar_all, p_bar


_odeint_flat.defvjp(_odeint_fwd, _odeint_bwd)


def odeint(func: Callable, y0: Any, t: Any, args: tuple = (), Dfun: Any = None,
           col_deriv: int = 0, full_output: int = 0, ml: Any = None, mu: Any = None,
           rtol: float | None = None, atol: float | None = None, tcrit: Any = None,
           h0: float = 0.0, hmax: float = 0.0, hmin: float = 0.0, ixpr: int = 0,
           mxstep: int = 0, mxhnil: int = 0, mxordn: int = 12, mxords: int = 5,
           printmessg: int = 0, tfirst: bool = False):
    """Solve ``dy/dt = func(y, t, *args)`` from ``y(t[0]) = y0``; the solution at every time
    in ``t`` (leading axis), differentiable in ``y0``, ``t`` and ``args`` by the adjoint method.

    SciPy's signature (``scipy.integrate.odeint``, as ``autograd.scipy.integrate.odeint``):
    the extra arguments are one tuple, ``args``, positional or by keyword; ``y0`` and
    the arguments may be pytrees. JAX's signature, extra arguments one by one, is
    :func:`funcgrad.experimental.ode.odeint`. SciPy's LSODA computes the values (in
    float64; the result has ``y0``'s dtype). Derivatives are reverse mode, ``grad`` and
    ``vjp``, nested to any order (``grad(grad(f))``), also under ``jit`` and ``vmap``.
    Of SciPy's solver options, ``rtol``, ``atol`` and ``mxstep`` are used; the others
    must keep their defaults.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> ys = odeint(lambda y, t, w: fnp.stack([w * y[1], -w * y[0]]), fnp.asarray([0.0, 1.0]),
    ...             fnp.asarray([0.0, fnp.pi / 2]), (1.0,))
    >>> ys.shape, round(float(ys[-1, 0]), 6)   # sin(pi / 2)
    ((2, 2), 1.0)
    """
    unsupported = {name: value for name, value, default in (
        ("Dfun", Dfun, None), ("col_deriv", col_deriv, 0), ("full_output", full_output, 0),
        ("ml", ml, None), ("mu", mu, None), ("tcrit", tcrit, None), ("h0", h0, 0.0),
        ("hmax", hmax, 0.0), ("hmin", hmin, 0.0), ("ixpr", ixpr, 0), ("mxhnil", mxhnil, 0),
        ("mxordn", mxordn, 12), ("mxords", mxords, 5), ("printmessg", printmessg, 0),
        ("tfirst", tfirst, False)) if value is not default and value != default}
    if unsupported:
        raise TypeError(f"odeint: funcgrad supports the options args, rtol, atol and mxstep; "
                        f"leave {sorted(unsupported)} at SciPy's defaults")
    if not isinstance(args, tuple):
        raise TypeError(
            f"odeint: args must be a tuple of the extra arguments of func, as in SciPy "
            f"(got {type(args).__name__}); pass args=(value,) for one, or use "
            f"funcgrad.experimental.ode.odeint for JAX's odeint(func, y0, t, *args)")
    return solve(func, y0, t, args, 1.49012e-8 if rtol is None else rtol,
                 1.49012e-8 if atol is None else atol, 500 if not mxstep else mxstep)


def solve(func: Callable, y0: Any, t: Any, args: tuple, rtol: float, atol: float,
          mxstep: int):
    """The solution of ``dy/dt = func(y, t, *args)`` at the times ``t``, differentiable
    (the one implementation behind SciPy's and JAX's ``odeint`` signatures).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> round(float(solve(lambda y, t, k: -k * y, 1.0, fnp.asarray([0.0, 1.0]), (1.0,),
    ...                   1e-8, 1e-8, 500)[-1]), 6)
    0.367879
    """
    y_flat, unravel_y = _ravel(y0)
    p_flat, unravel_p = _ravel(tuple(args))
    dtype = fnp.result_type(y_flat)
    t = as_inexact(t)

    def func_flat(y, tt, p):
        return _ravel(func(unravel_y(y), tt, *unravel_p(p)))[0]

    ys = _odeint_flat(func_flat, float(rtol), float(atol), int(mxstep), y_flat, t, p_flat)
    ys = fnp.astype(ys, dtype) if np.dtype(dtype) != np.float64 else ys
    return unravel_y(ys, (np.shape(t)[0],))


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """The integral of ``y`` along ``axis`` by the trapezoidal rule, at sample points ``x``
    (or spacing ``dx``), as :func:`scipy.integrate.trapezoid`; differentiable in ``y``
    and ``x``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> trapezoid(fnp.asarray([1.0, 2.0, 3.0]), fnp.asarray([0.0, 1.0, 3.0]))
    np.float64(6.5)
    >>> fg.grad(trapezoid)(fnp.asarray([1.0, 2.0, 3.0]))
    array([0.5, 1. , 0.5])
    """
    y = fnp.moveaxis(as_inexact(y), axis, -1)
    if x is None:
        d = dx
    else:
        x = as_inexact(x)
        d = fnp.diff(x if fnp.ndim(x) == 1 else fnp.moveaxis(x, axis, -1), axis=-1)
    return fnp.sum(d * (y[..., 1:] + y[..., :-1]), axis=-1) * 0.5


# Parameters, Returns and See Also (see _docs.py).
from ._docs import complete_scipy  # noqa: E402

complete_scipy(__name__)
