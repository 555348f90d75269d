"""HIPS autograd's extension API (``autograd.extend``): ``primitive``, ``defvjp``, ``defjvp``.

A function wrapped by :func:`primitive` is opaque to differentiation; its
derivatives are the rules given with :func:`defvjp` (reverse mode; forward mode
follows by transposition) or :func:`defjvp` (forward mode; reverse mode follows
by transposition). The rules are autograd's: a VJP maker
``vjpmaker(ans, *args, **kwargs)`` returns ``g -> the cotangent of one
argument``, a JVP function ``jvpfun(g, ans, *args, **kwargs)`` returns the
output tangent for the tangent ``g`` of one argument. Underneath they are
funcgrad's custom rules (:class:`funcgrad.custom_vjp` and
:class:`funcgrad.custom_jvp`), so ``jit``, ``vmap`` and higher orders work
when the rules are written with ``funcgrad.numpy``.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.extend import primitive, defvjp
>>> @primitive
... def logsumexp(x):
...     m = fnp.max(x)
...     return m + fnp.log(fnp.sum(fnp.exp(x - m)))
>>> defvjp(logsumexp, lambda ans, x: lambda g: g * fnp.exp(x - ans))
>>> fg.grad(logsumexp)(fnp.asarray([0.0, 0.0]))
array([0.5, 0.5])
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..core.trace import Tracer
from ..core.tree_util import tree_leaves, tree_map
from ..transforms.custom import custom_jvp, custom_vjp, stop_gradient

__all__ = ["primitive", "defvjp", "defvjp_argnum", "defjvp", "defjvp_argnum",
           "notrace_primitive"]


def _traced(value: Any) -> bool:
    return any(isinstance(leaf, Tracer) for leaf in tree_leaves(value))


class primitive:  # noqa: N801 - autograd's name
    """``fun`` as an opaque operation whose derivatives are given by rules.

    Parameters
    ----------
    fun : callable
        Called with the arguments' values; whatever it does inside is not
        differentiated.

    Returns
    -------
    primitive
        A callable; give its derivatives with :func:`defvjp` or :func:`defjvp`.

    See Also
    --------
    defvjp, defjvp, funcgrad.custom_vjp

    Examples
    --------
    >>> import funcgrad as fg, numpy as np
    >>> from funcgrad.extend import primitive, defvjp
    >>> @primitive
    ... def cube(x):
    ...     return np.power(x, 3)      # plain NumPy: the rule below differentiates it
    >>> defvjp(cube, lambda ans, x: lambda g: g * 3 * x ** 2)
    >>> float(fg.grad(cube)(2.0))
    12.0
    """

    def __init__(self, fun: Callable) -> None:
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.__name__: str = getattr(fun, "__name__", "primitive")
        self.vjpmaker: Callable | None = None  # vjpmaker(argnum, ans, args, kwargs)
        self.jvpmaker: Callable | None = None  # jvpmaker(argnum, g, ans, args, kwargs)

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        return self if instance is None else functools.partial(self, instance)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argnums = [i for i, a in enumerate(args) if _traced(a)]
        if not argnums:
            return self.fun(*args, **kwargs)
        # Values only inside: the rules, not the body, carry the derivatives.
        values = [stop_gradient(a) if i in argnums else a for i, a in enumerate(args)]

        def body(*traced: Any) -> Any:
            full = list(values)
            for i, t in zip(argnums, traced):
                full[i] = stop_gradient(t)
            return self.fun(*full, **kwargs)

        if self.vjpmaker is not None:
            return self._with_vjp(body, argnums, values, kwargs)(*[args[i] for i in argnums])
        if self.jvpmaker is not None:
            return self._with_jvp(body, argnums, values, kwargs)(*[args[i] for i in argnums])
        raise NotImplementedError(
            f"{self.__name__} is a primitive with no derivative rule: give one with "
            f"funcgrad.extend.defvjp or defjvp.")

    def _with_vjp(self, body: Callable, argnums: list[int], values: list, kwargs: dict):
        vjpmaker = self.vjpmaker
        assert vjpmaker is not None
        f = custom_vjp(body)

        def fwd(*traced: Any):
            ans = body(*traced)
            return ans, (ans, traced)

        def bwd(residuals: Any, g: Any):
            ans, traced = residuals
            if _traced(traced):
                # A higher order differentiates the rule, which reads `ans`: recompute it
                # through the primitive, so that it carries its own derivative (autograd's
                # boxed `ans` does).
                ans = f(*traced)
            full = list(values)
            for i, t in zip(argnums, traced):
                full[i] = t
            return tuple(vjpmaker(i, ans, tuple(full), kwargs)(g) for i in argnums)

        f.defvjp(fwd, bwd)
        return f

    def _with_jvp(self, body: Callable, argnums: list[int], values: list, kwargs: dict):
        jvpmaker = self.jvpmaker
        assert jvpmaker is not None
        f = custom_jvp(body)

        @f.defjvp
        def rule(primals: tuple, tangents: tuple):
            ans = body(*primals)
            full = list(values)
            for i, p in zip(argnums, primals):
                full[i] = p
            out = None
            for i, t in zip(argnums, tangents):
                term = jvpmaker(i, t, ans, tuple(full), kwargs)
                out = term if out is None else out + term
            return ans, out

        return f

    def __repr__(self) -> str:
        return f"wrapped primitive {self.__name__}"


def _require_primitive(fun: Any, what: str) -> primitive:
    if not isinstance(fun, primitive):
        raise TypeError(f"{what} takes a function wrapped by funcgrad.extend.primitive, got "
                        f"{type(fun).__name__}: decorate it with @primitive first.")
    return fun


def defvjp_argnum(fun: primitive, vjpmaker: Callable) -> None:
    """Give ``fun``'s VJPs by one maker: ``vjpmaker(argnum, ans, args, kwargs)(g)``.

    Parameters
    ----------
    fun : primitive
    vjpmaker : callable
        Returns, for argument ``argnum``, the function ``g -> cotangent``.

    Returns
    -------
    None

    See Also
    --------
    defvjp

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.extend import primitive, defvjp_argnum
    >>> mul = primitive(lambda x, y: x * y)
    >>> defvjp_argnum(mul, lambda i, ans, args, kw: lambda g: g * args[1 - i])
    >>> [float(d) for d in fg.grad(mul, (0, 1))(2.0, 5.0)]
    [5.0, 2.0]
    """
    _require_primitive(fun, "defvjp_argnum").vjpmaker = vjpmaker


def defvjp(fun: primitive, *vjpmakers: Callable | None, argnums: Any = None) -> None:
    """Give ``fun``'s VJPs, one maker per argument: ``vjpmaker(ans, *args, **kwargs)(g)``.

    Parameters
    ----------
    fun : primitive
    *vjpmakers : callable or None
        For the arguments ``argnums`` (by default 0, 1, ...): each returns the
        function ``g -> cotangent of that argument``. ``None`` marks an argument
        with no derivative (differentiating with respect to it is an error).
    argnums : sequence of ints, optional

    Returns
    -------
    None

    See Also
    --------
    defjvp, primitive

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.extend import primitive, defvjp
    >>> mul = primitive(lambda x, y: x * y)
    >>> defvjp(mul, lambda ans, x, y: lambda g: g * y, lambda ans, x, y: lambda g: g * x)
    >>> [float(d) for d in fg.grad(mul, (0, 1))(2.0, 5.0)]
    [5.0, 2.0]
    """
    fun = _require_primitive(fun, "defvjp")
    makers = dict(zip(range(len(vjpmakers)) if argnums is None else argnums, vjpmakers))
    name = fun.__name__

    def vjpmaker(argnum: int, ans: Any, args: tuple, kwargs: dict):
        maker = makers.get(argnum)
        if maker is None:
            raise NotImplementedError(f"VJP of {name} with respect to argument {argnum} is "
                                      "not defined (give it with funcgrad.extend.defvjp)")
        return maker(ans, *args, **kwargs)

    fun.vjpmaker = vjpmaker


def defjvp_argnum(fun: primitive, jvpmaker: Callable) -> None:
    """Give ``fun``'s JVPs by one function: ``jvpmaker(argnum, g, ans, args, kwargs)``.

    Parameters
    ----------
    fun : primitive
    jvpmaker : callable
        The output tangent for the tangent ``g`` of argument ``argnum``.

    Returns
    -------
    None

    See Also
    --------
    defjvp

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.extend import primitive, defjvp_argnum
    >>> mul = primitive(lambda x, y: x * y)
    >>> defjvp_argnum(mul, lambda i, g, ans, args, kw: g * args[1 - i])
    >>> float(fg.jvp(mul, (2.0, 5.0), (1.0, 0.0))[1])
    5.0
    """
    _require_primitive(fun, "defjvp_argnum").jvpmaker = jvpmaker


def defjvp(fun: primitive, *jvpfuns: Callable | None, argnums: Any = None) -> None:
    """Give ``fun``'s JVPs, one per argument: ``jvpfun(g, ans, *args, **kwargs)``.

    Parameters
    ----------
    fun : primitive
    *jvpfuns : callable or None
        For the arguments ``argnums`` (by default 0, 1, ...): each returns the
        output tangent for the tangent ``g`` of that argument. Reverse mode
        transposes them, so they must be linear in ``g``.
    argnums : sequence of ints, optional

    Returns
    -------
    None

    See Also
    --------
    defvjp, primitive

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.extend import primitive, defjvp
    >>> sin = primitive(fnp.sin)
    >>> defjvp(sin, lambda g, ans, x: g * fnp.cos(x))
    >>> float(fg.grad(sin)(0.0)), float(fg.jvp(sin, (0.0,), (2.0,))[1])
    (1.0, 2.0)
    """
    fun = _require_primitive(fun, "defjvp")
    rules = dict(zip(range(len(jvpfuns)) if argnums is None else argnums, jvpfuns))
    name = fun.__name__

    def jvpmaker(argnum: int, g: Any, ans: Any, args: tuple, kwargs: dict):
        rule = rules.get(argnum)
        if rule is None:
            raise NotImplementedError(f"JVP of {name} with respect to argument {argnum} is "
                                      "not defined (give it with funcgrad.extend.defjvp)")
        return rule(g, ans, *args, **kwargs)

    fun.jvpmaker = jvpmaker


def notrace_primitive(fun: Callable) -> Callable:
    """``fun`` run on its arguments' values, with no derivative (``autograd.extend``'s name).

    Parameters
    ----------
    fun : callable

    Returns
    -------
    callable
        ``fun`` with every argument passed through :func:`funcgrad.stop_gradient`.

    See Also
    --------
    funcgrad.stop_gradient

    Examples
    --------
    >>> import funcgrad as fg
    >>> from funcgrad.extend import notrace_primitive
    >>> sign = notrace_primitive(lambda x: 1.0 if x > 0 else -1.0)
    >>> float(fg.grad(lambda x: sign(x) * x)(-3.0))
    -1.0
    """
    @functools.wraps(fun)
    def without_derivative(*args: Any, **kwargs: Any) -> Any:
        return fun(*tree_map(stop_gradient, args), **kwargs)

    return without_derivative
