"""``funcgrad.test_util``: check derivatives against finite differences (anchor: ``jax.test_util``).

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> fg.test_util.check_grads(fnp.sin, (0.5,), order=2)   # silent when the derivatives agree
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np

from .core.tree_util import tree_flatten, tree_map
from .transforms.forward import jvp
from .transforms.pullback import vjp

__all__ = ["check_grads", "check_jvp", "check_vjp", "numerical_jvp"]

EPS = 1e-4
#: Default absolute and relative tolerance per dtype (JAX's values).
DEFAULT_GRADIENT_TOLERANCE = {
    np.dtype(np.float16): 1e-2, np.dtype(np.float32): 2e-3, np.dtype(np.float64): 1e-5,
    np.dtype(np.complex64): 1e-3, np.dtype(np.complex128): 1e-5,
}


def _dtype(x: Any) -> np.dtype:
    return np.dtype(x.dtype) if hasattr(x, "dtype") else np.result_type(x)


def _tolerance(dtype: np.dtype, tol: Any) -> float:
    if isinstance(tol, dict):
        return tol.get(dtype, DEFAULT_GRADIENT_TOLERANCE.get(dtype, 1e-5))
    if tol is not None:
        return float(tol)
    return DEFAULT_GRADIENT_TOLERANCE.get(np.dtype(dtype), 1e-5)


def _rand_like(rng: np.random.RandomState, x: Any) -> Any:
    shape, dtype = np.shape(x), _dtype(x)
    out = np.asarray(rng.randn(*shape), dtype=dtype)
    if dtype.kind == "c":
        out = out + dtype.type(1j) * np.asarray(rng.randn(*shape), dtype=dtype)
    return out.item() if isinstance(x, (float, complex, int)) else out


def _close(xs: Any, ys: Any, atol: Any, rtol: Any, what: str) -> None:
    x_leaves, x_tree = tree_flatten(xs)
    y_leaves, y_tree = tree_flatten(ys)
    if x_tree != y_tree:
        raise AssertionError(f"check_grads: {what}: structures differ: {x_tree} and {y_tree}")
    for k, (a, b) in enumerate(zip(x_leaves, y_leaves)):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            raise AssertionError(
                f"check_grads: {what}: leaf {k} has shape {a.shape}, expected {b.shape}"
            )
        dtype = np.promote_types(a.dtype, b.dtype) if a.dtype.kind in "fc" else b.dtype
        try:
            with np.errstate(invalid="ignore"):
                np.testing.assert_allclose(
                    a, b, atol=_tolerance(dtype, atol), rtol=_tolerance(dtype, rtol)
                )
        except AssertionError as e:
            raise AssertionError(
                f"check_grads: {what} (leaf {k}) differs from its expected value (the "
                f"function's own output, or central finite differences for derivatives)."
                f"{e}".rstrip()
            ) from None


def numerical_jvp(f: Callable, primals: Sequence[Any], tangents: Sequence[Any],
                  eps: float = EPS) -> Any:
    """Central finite difference ``(f(x + eps t) - f(x - eps t)) / (2 eps)``.

    Examples
    --------
    >>> import numpy as np
    >>> float(np.round(numerical_jvp(np.sin, (0.0,), (1.0,)), 6))
    1.0
    """
    plus = tree_map(lambda x, t: np.asarray(x) + eps * np.asarray(t), tuple(primals),
                    tuple(tangents))
    minus = tree_map(lambda x, t: np.asarray(x) - eps * np.asarray(t), tuple(primals),
                     tuple(tangents))
    f_pos, f_neg = f(*plus), f(*minus)
    return tree_map(lambda p, m: (np.asarray(p) - np.asarray(m)) * (0.5 / eps), f_pos, f_neg)


def _inner(xs: Any, ys: Any) -> float:
    total = 0.0
    for x, y in zip(tree_flatten(xs)[0], tree_flatten(ys)[0]):
        total += np.real(np.dot(np.conj(np.asarray(x)).reshape(-1), np.asarray(y).reshape(-1)))
    return total


def check_jvp(f: Callable, f_jvp: Callable, args: Sequence[Any], atol: Any = None,
              rtol: Any = None, eps: float = EPS, err_msg: str = "") -> None:
    """Check ``f_jvp(args, tangents)`` against ``f`` and finite differences along a random tangent.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from functools import partial
    >>> check_jvp(fnp.exp, partial(fg.jvp, fnp.exp), (0.3,))
    """
    rng = np.random.RandomState(0)
    tangents = tree_map(partial(_rand_like, rng), tuple(args))
    v_out, t_out = f_jvp(tuple(args), tangents)
    what = err_msg or "JVP"
    _close(v_out, f(*args), atol, rtol, f"{what}: primal output")
    _close(t_out, numerical_jvp(f, args, tangents, eps), atol, rtol, f"{what}: tangent output")


def check_vjp(f: Callable, f_vjp: Callable, args: Sequence[Any], atol: Any = None,
              rtol: Any = None, eps: float = EPS, err_msg: str = "") -> None:
    """Check ``f_vjp(*args)`` by the dot-product test ``<J^T v, u> == <v, J u>`` (J u by finite
    differences).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from functools import partial
    >>> check_vjp(fnp.tanh, partial(fg.vjp, fnp.tanh), (0.3,))
    """
    what = err_msg or "VJP"
    v_out, vjp_fn = f_vjp(*args)
    _close(v_out, f(*args), atol, rtol, f"{what}: primal output")
    rng = np.random.RandomState(0)
    tangents = tree_map(partial(_rand_like, rng), tuple(args))
    tangent_out = numerical_jvp(f, args, tangents, eps)
    cotangent = tree_map(partial(_rand_like, rng), v_out)
    cotangent_out = tree_map(np.conj, vjp_fn(tree_map(np.conj, cotangent)))
    ip = _inner(tangents, cotangent_out)
    ip_expected = _inner(tangent_out, cotangent)
    _close(ip, ip_expected, atol, rtol,
           f"{what}: <J^T v, u> = {ip!r} vs <v, J u> = {ip_expected!r}: the inner product")


def check_grads(
    f: Callable,
    args: Sequence[Any] | int | None = None,
    order: int | None = None,
    modes: Sequence[str] = ("fwd", "rev"),
    atol: Any = None,
    rtol: Any = None,
    eps: float | None = None,
) -> Callable[..., None] | None:
    """Check ``f``'s derivatives up to ``order`` against finite differences, in both modes.

    As ``jax.test_util.check_grads``: forward mode (``"fwd"``) is compared
    with central differences along a random tangent; reverse mode (``"rev"``)
    by the dot-product test against them; for ``order > 1`` the same checks
    run on the JVP and VJP functions themselves. A mismatch raises
    :class:`AssertionError` saying which derivative (``JVP of VJP``...) and by
    how much.

    Parameters
    ----------
    f : callable
        The function, of the positional arguments ``args``.
    args : tuple
        The point.
    order : int
        The highest order of derivatives to check.
    modes : sequence of {"fwd", "rev"}
    atol, rtol : float or dict from dtype to float, optional
        Tolerances; by default 1e-5 for float64 and 2e-3 for float32 (JAX's).
    eps : float, optional
        The finite-difference step (default 1e-4).

    Notes
    -----
    HIPS autograd's curried form works too, so its programs port by changing
    the import: when ``args`` is omitted, or is an argument number (an int or
    a tuple of ints, autograd's ``argnum``), ``check_grads(f, argnum,
    modes=..., order=2)`` returns a function of ``f``'s arguments that runs
    the same checks on the arguments named by ``argnum`` (``order`` defaults
    to 2, as in autograd).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.test_util.check_grads(fnp.tanh, modes=["rev"])(0.3)     # autograd's form
    >>> fg.test_util.check_grads(lambda x, y: fnp.sum(x * fnp.sin(y)),
    ...                          (fnp.ones(3), fnp.arange(3.0)), order=2)
    >>> bad = fg.custom_jvp(fnp.sin)
    >>> _ = bad.defjvp(lambda primals, tangents: (fnp.sin(primals[0]), 2 * tangents[0]))
    >>> fg.test_util.check_grads(bad, (0.5,), order=1, modes=["fwd"])
    Traceback (most recent call last):
        ...
    AssertionError: check_grads: JVP: tangent output (leaf 0) differs from its expected value ...
    Not equal to tolerance rtol=1e-05, atol=1e-05
    ...
    """
    if args is None or _is_argnum(args):
        return _autograd_form(f, 0 if args is None else args, 2 if order is None else order,
                              modes, atol, rtol, eps)
    if order is None:
        raise TypeError("check_grads(f, args, order): give the highest order to check, e.g. "
                        "order=2 (or omit args for autograd's form check_grads(f)(*args))")
    if isinstance(modes, str):
        modes = (modes,)
    unknown = set(modes) - {"fwd", "rev"}
    if unknown:
        raise ValueError(f"check_grads: modes must be 'fwd' and/or 'rev', got {sorted(unknown)}")
    eps = eps or EPS
    args = tuple(args)

    def _check(fun: Callable, fun_args: tuple, order_left: int, msg: str) -> None:
        if "fwd" in modes:
            fwd_msg = f"JVP of {msg}" if msg else "JVP"
            check_jvp(fun, partial(jvp, fun), fun_args, atol, rtol, eps, fwd_msg)
            if order_left > 1:
                _check(partial(jvp, fun), (fun_args, fun_args), order_left - 1, fwd_msg)
        if "rev" in modes:
            rev_msg = f"VJP of {msg}" if msg else "VJP"
            check_vjp(fun, partial(vjp, fun), fun_args, atol, rtol, eps, rev_msg)
            if order_left > 1:

                def f_vjp(*xs):
                    out, pullback = vjp(fun, *xs)
                    return pullback(out)

                _check(f_vjp, fun_args, order_left - 1, rev_msg)

    _check(f, args, order, "")


def _is_argnum(args: Any) -> bool:
    if isinstance(args, (int, np.integer)) and not isinstance(args, bool):
        return True
    return isinstance(args, (tuple, list)) and bool(args) and all(
        isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in args)


def _autograd_form(f, argnum, order, modes, atol, rtol, eps) -> Callable[..., None]:
    many = isinstance(argnum, (tuple, list))
    nums = tuple(argnum) if many else (argnum,)

    def check(*args: Any, **kwargs: Any) -> None:
        def of_checked(*xs):
            full = list(args)
            for i, x in zip(nums, xs):
                full[i] = x
            return f(*full, **kwargs)

        check_grads(of_checked, tuple(args[i] for i in nums), order, modes, atol, rtol, eps)

    return check
