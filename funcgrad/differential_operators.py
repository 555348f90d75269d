"""HIPS autograd's differential operators under autograd's names, composed from funcgrad's
transforms, so programs written for ``autograd`` port by changing the import.

Each takes ``fun`` and ``argnum`` (an int, or a tuple of ints for a tuple of
inputs) and returns a function of ``fun``'s arguments, as autograd does.
``grad``, ``value_and_grad``, ``elementwise_grad``, ``jacobian``, ``hessian``
and ``checkpoint`` need no translation: they are :mod:`funcgrad`'s own.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> f = lambda x: fnp.sum(x ** 3)
>>> fg.hessian_vector_product(f)(fnp.ones(2), fnp.asarray([1.0, 0.0]))
array([6., 0.])
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from . import numpy as fnp
from .transforms._args import split_args
from .transforms.forward import jvp
from .transforms.pullback import vjp
from .transforms.reverse import grad

__all__ = [
    "make_vjp", "make_jvp", "deriv", "make_hvp", "make_ggnvp", "hessian_tensor_product",
    "hessian_vector_product", "tensor_jacobian_product", "vector_jacobian_product",
    "grad_and_aux", "holomorphic_grad", "grad_named", "multigrad_dict",
]

Argnum = int | tuple[int, ...]


def _of_argnum(fun: Callable, argnum: Argnum, args: tuple, kwargs: dict):
    """``(f, x)``: ``fun`` as a function of its argument(s) ``argnum`` alone (a tuple of
    them for a tuple ``argnum``, as autograd), and their value."""
    if isinstance(argnum, int):
        (x,), partial = split_args(fun, args, kwargs, (argnum,))
        return partial, x
    xs, partial = split_args(fun, args, kwargs, tuple(argnum))
    return (lambda x: partial(*x)), tuple(xs)


def make_vjp(fun: Callable, argnum: Argnum = 0) -> Callable:
    """``(vjp, ans)``: the vector-Jacobian product function at ``args`` and ``fun``'s value.

    Parameters
    ----------
    fun : callable
    argnum : int or tuple of ints
        The argument(s) to differentiate with respect to.

    Returns
    -------
    callable
        ``maker(*args)`` gives ``(vjp, ans)`` where ``vjp(g)`` is ``g`` times the Jacobian.

    See Also
    --------
    funcgrad.vjp : JAX's form, ``ans, vjp = fg.vjp(f, x)``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> vjp, ans = fg.make_vjp(lambda x: x ** 2)(3.0)
    >>> float(ans), float(vjp(1.0))
    (9.0, 6.0)
    """
    def maker(*args: Any, **kwargs: Any):
        f, x = _of_argnum(fun, argnum, args, kwargs)
        ans, pullback = vjp(f, x)
        return (lambda g: pullback(g)[0]), ans

    return maker


def make_jvp(fun: Callable, argnum: Argnum = 0) -> Callable:
    """The Jacobian-vector product function at ``args``: ``jvp(v)`` gives ``(ans, J v)``.

    Parameters
    ----------
    fun : callable
    argnum : int or tuple of ints

    Returns
    -------
    callable
        ``maker(*args)`` gives ``jvp``, with ``jvp(v) = (fun(*args), J v)``.

    See Also
    --------
    funcgrad.jvp : JAX's form, ``fg.jvp(f, (x,), (v,))``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> ans, tangent = fg.make_jvp(lambda x: x ** 2)(3.0)(2.0)
    >>> float(ans), float(tangent)
    (9.0, 12.0)
    """
    def maker(*args: Any, **kwargs: Any):
        f, x = _of_argnum(fun, argnum, args, kwargs)
        return lambda v: jvp(f, (x,), (v,))

    return maker


def deriv(fun: Callable, argnum: Argnum = 0) -> Callable:
    """The derivative of ``fun`` along a vector of ones: for a scalar input, ``f'(x)``.

    Parameters
    ----------
    fun : callable
    argnum : int

    Returns
    -------
    callable
        ``fun``'s directional derivative along ones, at the given arguments.

    See Also
    --------
    make_jvp, funcgrad.elementwise_grad

    Examples
    --------
    >>> import funcgrad as fg
    >>> float(fg.deriv(lambda x: x ** 3)(2.0))
    12.0
    """
    def derivative(*args: Any, **kwargs: Any):
        f, x = _of_argnum(fun, argnum, args, kwargs)
        return jvp(f, (x,), (fnp.ones_like(x),))[1]

    return derivative


def _tensordot_last(a: Any, v: Any) -> Any:
    """``a`` contracted with ``v`` over all of ``v``'s dimensions (autograd's pairing)."""
    return fnp.tensordot(a, v, axes=fnp.ndim(v))


def hessian_tensor_product(fun: Callable, argnum: int = 0) -> Callable:
    """The Hessian of ``fun`` times a tensor ``v``, exactly and without forming the Hessian.

    Parameters
    ----------
    fun : callable
        A scalar-valued function.
    argnum : int

    Returns
    -------
    callable
        ``hvp(*args, v)``: ``fun``'s arguments followed by ``v``, of the argument's shape.

    See Also
    --------
    make_hvp, funcgrad.hessian

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.hessian_tensor_product(lambda x: fnp.sum(x ** 3))(fnp.ones(2), fnp.ones(2))
    array([6., 6.])
    """
    gradient = grad(fun, argnum)

    def vector_dot_grad(*args: Any, **kwargs: Any):
        *args_, vector = args
        return _tensordot_last(gradient(*args_, **kwargs), vector)

    return grad(vector_dot_grad, argnum)


hessian_vector_product = hessian_tensor_product


def tensor_jacobian_product(fun: Callable, argnum: int = 0) -> Callable:
    """A tensor ``v`` times the Jacobian of ``fun``: the vector-Jacobian product, exactly.

    Parameters
    ----------
    fun : callable
    argnum : int

    Returns
    -------
    callable
        ``vjp(*args, v)``: ``fun``'s arguments followed by ``v``, of ``fun``'s output shape.

    See Also
    --------
    make_vjp, funcgrad.vjp

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.tensor_jacobian_product(lambda x: x ** 3)(fnp.ones(2), fnp.asarray([1.0, 2.0]))
    array([3., 6.])
    """
    def vector_dot_fun(*args: Any, **kwargs: Any):
        *args_, vector = args
        return _tensordot_last(fun(*args_, **kwargs), vector)

    return grad(vector_dot_fun, argnum)


vector_jacobian_product = tensor_jacobian_product


def make_hvp(fun: Callable, argnum: int = 0) -> Callable:
    """``(hvp, gradient)`` at ``args``: ``hvp(v)`` is the Hessian times ``v``.

    Parameters
    ----------
    fun : callable
        A scalar-valued function.
    argnum : int

    Returns
    -------
    callable
        ``maker(*args)`` gives ``(hvp, gradient)``; the gradient's linearisation is
        computed once and ``hvp`` reuses it for every ``v``.

    See Also
    --------
    hessian_tensor_product

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> hvp, g = fg.make_hvp(lambda x: fnp.sum(x ** 3))(fnp.ones(2))
    >>> hvp(fnp.asarray([1.0, 0.0])), g
    (array([6., 0.]), array([3., 3.]))
    """
    return make_vjp(grad(fun, argnum), argnum)


def _half_sum_of_squares(x: Any) -> Any:
    return 0.5 * fnp.sum(x ** 2)


def make_ggnvp(f: Callable, g: Callable = _half_sum_of_squares, f_argnum: int = 0) -> Callable:
    """Generalised Gauss-Newton products: ``J_f^T H_g J_f v`` for the loss ``g(f(x))``.

    Parameters
    ----------
    f : callable
        The model, whose Jacobian ``J_f`` is taken at the arguments.
    g : callable
        The loss of ``f``'s output, whose Hessian ``H_g`` is taken at ``f(x)``;
        by default half the sum of squares (so the product is ``J^T J v``).
    f_argnum : int

    Returns
    -------
    callable
        ``maker(*args)`` gives ``ggnvp``, with ``ggnvp(v) = J_f^T H_g J_f v``.

    See Also
    --------
    make_hvp

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.make_ggnvp(lambda x: x ** 2)(fnp.ones(2))(fnp.asarray([1.0, 2.0]))
    array([4., 8.])
    """
    loss_grad = grad(g)

    def maker(*args: Any, **kwargs: Any):
        model, x = _of_argnum(f, f_argnum, args, kwargs)
        fx, pullback = vjp(model, x)

        def ggnvp(v: Any) -> Any:
            jv = jvp(model, (x,), (v,))[1]
            return pullback(jvp(loss_grad, (fx,), (jv,))[1])[0]

        return ggnvp

    return maker


def grad_and_aux(fun: Callable, argnum: Argnum = 0) -> Callable:
    """The gradient of ``fun``'s first output, with its second output passed through.

    Parameters
    ----------
    fun : callable
        Returns ``(scalar, aux)``.
    argnum : int or tuple of ints

    Returns
    -------
    callable
        Gives ``(gradient, aux)``.

    See Also
    --------
    funcgrad.grad : JAX's spelling, ``fg.grad(fun, has_aux=True)``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> g, aux = fg.grad_and_aux(lambda x: (x ** 2, x * 5))(3.0)
    >>> float(g), float(aux)
    (6.0, 15.0)
    """
    return grad(fun, argnum, has_aux=True)


def holomorphic_grad(fun: Callable, argnum: Argnum = 0) -> Callable:
    """The complex derivative ``f'(z)`` of a holomorphic ``fun``.

    Parameters
    ----------
    fun : callable
        Holomorphic in the argument(s) ``argnum``, which are complex.
    argnum : int or tuple of ints

    Returns
    -------
    callable
        Gives ``f'(z)``.

    See Also
    --------
    funcgrad.grad : JAX's spelling, ``fg.grad(fun, holomorphic=True)``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> complex(fg.holomorphic_grad(lambda z: z ** 2)(1.0 + 1.0j))
    (2+2j)
    """
    return grad(fun, argnum, holomorphic=True)


def grad_named(fun: Callable, argname: str) -> Callable:
    """The gradient of ``fun`` with respect to the parameter named ``argname``.

    Parameters
    ----------
    fun : callable
    argname : str
        A parameter of ``fun``'s signature.

    Returns
    -------
    callable
        Gives the gradient with respect to that parameter.

    See Also
    --------
    funcgrad.grad

    Examples
    --------
    >>> import funcgrad as fg
    >>> float(fg.grad_named(lambda a, b: a * b ** 2, "b")(2.0, 3.0))
    12.0
    """
    names = list(inspect.signature(fun).parameters)
    if argname not in names:
        raise ValueError(f"grad_named: {getattr(fun, '__name__', 'the function')} has no "
                         f"parameter {argname!r} (its parameters: {', '.join(names)})")
    return grad(fun, names.index(argname))


def multigrad_dict(fun: Callable) -> Callable:
    """The gradients of ``fun`` with respect to all its arguments, keyed by parameter name.

    Parameters
    ----------
    fun : callable
        A scalar-valued function of named parameters.

    Returns
    -------
    callable
        Gives a dict from parameter names to gradients (of the arguments passed).

    See Also
    --------
    grad_named

    Examples
    --------
    >>> import funcgrad as fg
    >>> g = fg.multigrad_dict(lambda a, b: a * b ** 2)(2.0, 3.0)
    >>> {k: float(v) for k, v in g.items()}
    {'a': 9.0, 'b': 12.0}
    """
    signature = inspect.signature(fun)

    def gradients(*args: Any, **kwargs: Any):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        names = list(bound.arguments)

        def of_all(values):
            return fun(**dict(zip(names, values)))

        return dict(zip(names, grad(of_all)(tuple(bound.arguments.values()))))

    return gradients
