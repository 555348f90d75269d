"""``funcgrad.extend``: HIPS autograd's way of defining derivatives (anchor: ``autograd.extend``).

``@primitive`` makes a function a black box whose derivatives are given by
``defvjp`` (and ``defjvp``) rather than traced through, so autograd programs that
define their own gradients port by changing the import. Underneath, each call is
a :class:`funcgrad.custom_vjp` (or :class:`funcgrad.custom_jvp`) of the function
at that call's non-array arguments; the rules are autograd's:

- ``defvjp(fun, *vjpmakers, argnums=None)``: ``vjpmaker(ans, *args, **kwargs)``
  returns ``g -> cotangent`` for its argument (``None``: that argument gets none);
- ``defjvp(fun, *jvpfuns, argnums=None)``: ``jvpfun(g, ans, *args, **kwargs)`` is the
  tangent of the output for tangent ``g`` of its argument.

Write the rules with ``funcgrad.numpy`` and they differentiate again.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> @primitive
... def logsumexp(x):
...     m = fnp.max(x)
...     return m + fnp.log(fnp.sum(fnp.exp(x - m)))
>>> defvjp(logsumexp, lambda ans, x: lambda g: g * fnp.exp(x - ans))
>>> fg.grad(logsumexp)(fnp.zeros(2))
array([0.5, 0.5])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .core.trace import Tracer
from .transforms.custom import custom_jvp, custom_vjp

__all__ = ["defjvp", "defvjp", "primitive"]


def _is_array_like(x: Any) -> bool:
    """An argument derivatives flow through: arrays, traced values and Python floats."""
    return isinstance(x, (np.ndarray, np.inexact, Tracer, float, complex)) and not isinstance(
        x, bool)


class _Primitive:
    """A function whose derivatives come from rules given with :func:`defvjp` or
    :func:`defjvp` (see the module docstring)."""

    def __init__(self, fun: Callable) -> None:
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.vjps: dict[int, Callable | None] = {}
        self.jvps: dict[int, Callable | None] = {}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.vjps and not self.jvps:
            return self.fun(*args, **kwargs)
        slots = [i for i, a in enumerate(args) if _is_array_like(a)]

        def call(*xs):
            full = list(args)
            for i, x in zip(slots, xs):
                full[i] = x
            return self.fun(*full, **kwargs)

        def full_args(xs):
            out = list(args)
            for i, x in zip(slots, xs):
                out[i] = x
            return out

        if self.vjps:
            wrapped = custom_vjp(call)

            def fwd(*xs):
                ans = call(*xs)
                return ans, (ans, xs)

            def bwd(res, g):
                ans, xs = res
                full = full_args(xs)
                makers = [self.vjps.get(i) for i in slots]
                return tuple(None if m is None else m(ans, *full, **kwargs)(g) for m in makers)

            wrapped.defvjp(fwd, bwd)
        else:
            wrapped = custom_jvp(call)

            def jvp(primals, tangents):
                ans = call(*primals)
                full = full_args(primals)
                out = None
                for i, t in zip(slots, tangents):
                    rule = self.jvps.get(i)
                    if rule is None or _is_zero(t):
                        continue
                    term = rule(t, ans, *full, **kwargs)
                    out = term if out is None else out + term
                return ans, (ans * 0 if out is None else out)

            wrapped.defjvp(jvp)
        return wrapped(*[args[i] for i in slots])

    def __repr__(self) -> str:
        return f"<funcgrad.extend.primitive {getattr(self.fun, '__name__', 'function')}>"


def _is_zero(t: Any) -> bool:
    return t is None or (not isinstance(t, Tracer) and not np.any(t))


def primitive(fun: Callable) -> Callable:
    """``fun`` as a black box whose derivatives are given by :func:`defvjp` / :func:`defjvp`
    (anchor: ``autograd.extend.primitive``). Its body may use anything Python can run.

    Examples
    --------
    >>> import numpy as np
    >>> @primitive
    ... def cube(x):
    ...     return np.power(x, 3)   # plain NumPy: a black box
    >>> defvjp(cube, lambda ans, x: lambda g: g * 3 * x ** 2)
    >>> import funcgrad as fg
    >>> fg.grad(cube)(2.0)
    array(12.)
    """
    return _Primitive(fun)


def _rules(fun: Any, rules: Sequence[Callable | None], argnums: Sequence[int] | None,
           what: str) -> dict[int, Callable | None]:
    if not isinstance(fun, _Primitive):
        raise TypeError(f"{what} expects a function made by funcgrad.extend.primitive, got "
                        f"{fun!r}. Decorate the function with @primitive first.")
    argnums = range(len(rules)) if argnums is None else argnums
    if len(argnums) != len(rules):
        raise ValueError(f"{what}: {len(rules)} rules for argnums {tuple(argnums)}.")
    return dict(zip(argnums, rules))


def defvjp(fun: Any, *vjpmakers: Callable | None, argnums: Sequence[int] | None = None) -> None:
    """Give a :func:`primitive` its reverse-mode rules, one per argument:
    ``vjpmaker(ans, *args, **kwargs) -> (g -> cotangent)`` (anchor: ``autograd.extend.defvjp``).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> mul = primitive(lambda x, y: x * y)
    >>> defvjp(mul, lambda ans, x, y: lambda g: g * y, lambda ans, x, y: lambda g: g * x)
    >>> fg.grad(mul, argnums=(0, 1))(2.0, 3.0)
    (array(3.), array(2.))
    """
    rules = _rules(fun, vjpmakers, argnums, "defvjp")
    fun.vjps.update(rules)


def defjvp(fun: Any, *jvpfuns: Callable | None, argnums: Sequence[int] | None = None) -> None:
    """Give a :func:`primitive` its forward-mode rules, one per argument:
    ``jvpfun(g, ans, *args, **kwargs)`` is the output's tangent for the argument's
    tangent ``g`` (anchor: ``autograd.extend.defjvp``). Reverse mode then transposes it
    when no :func:`defvjp` rules are given.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> square = primitive(lambda x: x * x)
    >>> defjvp(square, lambda g, ans, x: 2 * x * g)
    >>> fg.jvp(square, (3.0,), (1.0,))[1]
    array(6.)
    """
    rules = _rules(fun, jvpfuns, argnums, "defjvp")
    fun.jvps.update(rules)
