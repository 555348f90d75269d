"""funcgrad.extend.core: the IR's classes under ``jax.extend.core``'s names.

Custom interpreters written for JAX walk a jaxpr: ``make_jaxpr(f)(x)`` gives a
closed jaxpr, whose ``.jaxpr`` has ``invars``, ``constvars``, ``outvars`` and
``eqns``; each equation has ``primitive``, ``invars``, ``outvars`` and
``params``; an input that is a constant written into the equation is a
``Literal`` with its ``val``. funcgrad's :class:`~funcgrad.IR` answers to all of
these names, and this module gives the classes JAX's interpreters test against:

- :class:`Jaxpr` and :class:`ClosedJaxpr` are :class:`funcgrad.IR` (an IR is both:
  its ``jaxpr`` is itself and its ``literals``/``consts`` are its constants' values);
- :class:`JaxprEqn`, :class:`Var`, :class:`Literal` and :class:`Primitive` are the
  IR's equation, variable, literal and primitive classes;
- :func:`jaxpr_as_fun` turns an IR back into a function.

``primitive.bind(*values, **eqn.params)`` applies a primitive under whatever
transforms are active, so an interpreter built from these runs under ``grad``,
``vmap`` and ``jit``. (New primitives are declared in ``funcgrad.primitives``
with all their rules; this module only reads the IR.)

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.extend import core
>>> closed = fg.make_jaxpr(lambda x: fnp.exp(fnp.tanh(x)) + 1.0)(fnp.ones(2))
>>> [str(eqn.primitive) for eqn in closed.jaxpr.eqns]
['tanh', 'exp', 'add']
>>> [type(v) is core.Literal for v in closed.jaxpr.eqns[2].invars]
[False, True]
>>> closed.jaxpr.eqns[2].invars[1].val
1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.ir import IR, Eqn, Literal, Var, eval_ir
from ..core.primitive import Primitive

__all__ = ["ClosedJaxpr", "Jaxpr", "JaxprEqn", "Literal", "Primitive", "Var", "jaxpr_as_fun"]

Jaxpr = IR
ClosedJaxpr = IR
JaxprEqn = Eqn


def jaxpr_as_fun(closed_jaxpr: IR) -> Callable[..., list[Any]]:
    """A function that evaluates ``closed_jaxpr`` on flat arguments.

    Parameters
    ----------
    closed_jaxpr : IR
        What :func:`funcgrad.make_jaxpr` returned (JAX's closed jaxpr).

    Returns
    -------
    callable
        ``fun(*args)``: the list of the IR's outputs for the flat inputs
        ``args``. It binds each primitive in turn, so it differentiates,
        batches and compiles like the function that was traced.

    See Also
    --------
    funcgrad.make_jaxpr : trace a function into an IR.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> from funcgrad.extend.core import jaxpr_as_fun
    >>> closed = fg.make_jaxpr(lambda x, y: x * fnp.sin(y))(fnp.ones(2), fnp.ones(2))
    >>> f = jaxpr_as_fun(closed)
    >>> f(fnp.full(2, 2.0), fnp.zeros(2))
    [array([0., 0.])]
    >>> fg.grad(lambda y: f(fnp.full(2, 3.0), y)[0].sum())(fnp.zeros(2))
    array([3., 3.])
    """
    if not isinstance(closed_jaxpr, IR):
        raise TypeError(f"jaxpr_as_fun takes what make_jaxpr returns (an IR), "
                        f"got {type(closed_jaxpr).__name__}")

    def fun(*args: Any) -> list[Any]:
        return eval_ir(closed_jaxpr, *args)

    return fun
