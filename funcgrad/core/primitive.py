"""Primitives: the only operations the kernel knows.

A primitive is declared once, with everything about it side by side: its NumPy
implementation, its shape/dtype rule, its JVP and VJP rules (and later its
batching rule). Rules are written with funcgrad.numpy's own operations, so they
are differentiable themselves, which is all that higher-order derivatives need.

Rule conventions
----------------
``jvp(primals, tangents, out, **params)``
    the output tangent (a tuple of them for multiple results). A tangent that
    is known to be zero is ``None`` (a symbolic zero); a rule returns ``None``
    when the output tangent is zero.
``vjp(g, out, primals, params, wanted)``
    one cotangent per primal, ``None`` where the primal is not wanted or the
    cotangent is zero. ``g`` is a tuple (with ``None`` for zeros) for primitives
    with multiple results. The reverse walk sums each cotangent down to its
    input's shape and casts it to its input's dtype, so a rule may return a
    broadcast cotangent.
``batch(args, dims, **params)``
    ``(out, out_dim)`` for ``vmap``: ``dims[i]`` is the batch axis of ``args[i]``
    (``None`` when unbatched); ``out_dim`` the batch axis of the result (one per
    result, or one for all). :func:`defbatch_elementwise` and :func:`defbatch_axis`
    declare the common families; a primitive with no rule is batched by a slow loop.

:func:`defjvp` and :func:`defvjp` build these from one rule per argument, which
is how most rules read: ``defvjp(sin_p, lambda g, ans, x: g * cos(x))``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .config import config
from .nans import check_nans
from .trace import Tracer

registry: dict[str, Primitive] = {}
#: Primitives with effects (printing, callbacks, random draws): never removed,
#: merged or folded by jit's optimizer. See :func:`mark_impure`.
impure: set[Primitive] = set()


class Primitive:
    """An operation with an implementation and derivative rules.

    Parameters
    ----------
    name : str
        The name printed in the IR (``sin``, ``mul``, ...).
    impl : callable
        The NumPy implementation, ``impl(*arrays, **params)``.
    multiple_results : bool
        Whether ``impl`` returns a tuple of arrays.
    """

    __slots__ = (
        "name", "impl", "multiple_results", "jvp", "vjp", "batch", "abstract_eval",
        "differentiable", "source", "__weakref__",
    )

    def __init__(self, name: str, impl: Callable, *, multiple_results: bool = False) -> None:
        if name in registry:
            raise ValueError(f"a primitive named {name!r} is already registered")
        self.name = name
        self.impl = impl
        self.multiple_results = multiple_results
        self.jvp: Callable | None = None
        self.vjp: Callable | None = None
        self.batch: Callable | None = None
        self.abstract_eval: Callable = abstract_eval_by_running(impl, multiple_results)
        self.differentiable = True
        # How jit's code generator spells the primitive: a format string over the
        # arguments' source ("scipy.special.gammaln({0})") and parameters by name, or None.
        self.source: str | None = None
        registry[name] = self

    def bind(self, *args: Any, **params: Any) -> Any:
        """Apply the primitive: evaluate it, or hand it to the innermost active trace."""
        top = None
        level = 0
        for a in args:
            if isinstance(a, Tracer):
                t = a._trace
                if t.level > level:
                    top, level = t, t.level
        if top is None:
            if config.nans_watched and config.checking_nans():
                out = self.impl(*args, **params)
                check_nans(self.name, args, out)
                return out
            return self.impl(*args, **params)
        if not top.active:
            raise top.escaped(f" (in {self.name})")
        return top.process(self, args, params)

    def __repr__(self) -> str:
        return f"Primitive({self.name})"


# ---------------------------------------------------------------------------
# Declaring rules
# ---------------------------------------------------------------------------

def defjvp(prim: Primitive, *rules: Callable | None) -> None:
    """Give ``prim`` a JVP from one rule per argument, ``rule(t, ans, *primals, **params)``.

    The output tangent is the sum of the contributions of the arguments whose
    tangent is not zero. ``None`` marks an argument with no derivative.
    """

    def jvp(primals, tangents, ans, **params):
        out = None
        for rule, t in zip(rules, tangents):
            if t is None or rule is None:
                continue
            contribution = rule(t, ans, *primals, **params)
            out = contribution if out is None else out + contribution
        return out

    prim.jvp = jvp


def defvjp(prim: Primitive, *rules: Callable | None) -> None:
    """Give ``prim`` a VJP from one rule per argument, ``rule(g, ans, *primals, **params)``.

    Only the rules of wanted arguments run. ``None`` marks an argument with no
    derivative (an index, a condition).
    """
    n = len(rules)
    # Unary and binary rules get direct wrappers: this runs once per node of every walk.
    if n == 1 and rules[0] is not None:
        (r0,) = rules

        def vjp(g, ans, primals, params, wanted):
            return (r0(g, ans, *primals, **params) if wanted[0] else None,)

    elif n == 2 and None not in rules:
        r0, r1 = rules

        def vjp(g, ans, primals, params, wanted):
            return (
                r0(g, ans, *primals, **params) if wanted[0] else None,
                r1(g, ans, *primals, **params) if wanted[1] else None,
            )

    else:

        def vjp(g, ans, primals, params, wanted):
            cts = [None] * len(primals)
            for i, w in enumerate(wanted):
                if w and i < n and rules[i] is not None:
                    cts[i] = rules[i](g, ans, *primals, **params)
            return cts

    prim.vjp = vjp


def defderivative(prim: Primitive, *partials: Callable | None) -> None:
    """Rules for an elementwise primitive from its partial derivatives.

    ``partials[i](ans, *primals, **params)`` is the derivative with respect to
    argument ``i``; the JVP multiplies tangents by it and the VJP multiplies
    cotangents by it (JAX's convention: no complex conjugation in the VJP).
    """
    defjvp(prim, *[None if d is None else _times(d) for d in partials])
    defvjp(prim, *[None if d is None else _times(d) for d in partials])


def _times(partial: Callable) -> Callable:
    return lambda g, ans, *primals, **params: g * partial(ans, *primals, **params)


def deflinear(prim: Primitive, transpose: Callable) -> None:
    """Rules for a primitive linear in its one array argument (``reshape``, ``sum``, ``neg``).

    The JVP applies the primitive itself to the tangent; ``transpose(g, ans, x,
    **params)`` is the VJP. (Operations linear in several arguments jointly,
    like ``add``, sum per-argument contributions with :func:`defjvp` instead.)
    """

    def jvp(primals, tangents, ans, **params):
        t = tangents[0]
        return None if t is None else prim.bind(t, **params)

    prim.jvp = jvp
    defvjp(prim, transpose)


def nondifferentiable(prim: Primitive) -> Primitive:
    """Mark ``prim`` as having a zero derivative everywhere (comparisons, floor, sign)."""
    prim.differentiable = False
    return prim


def defbatch_elementwise(prim: Primitive) -> Primitive:
    """Batch ``prim`` for ``vmap`` as an elementwise op with NumPy broadcasting.

    One call handles the whole batch: batch axes move to the front and ranks
    are aligned. (A primitive whose ``impl`` is a plain NumPy ufunc gets this
    rule without asking.) Returns ``prim``.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> clip01_p = defbatch_elementwise(Primitive("clip01_example", lambda x: np.clip(x, 0, 1)))
    >>> fg.vmap(lambda x: clip01_p.bind(x))(np.array([[-1.0, 0.5], [2.0, 0.2]]))
    array([[0. , 0.5],
           [1. , 0.2]])
    """
    from ..numpy._batching import elementwise_batch

    prim.batch = elementwise_batch(prim)
    return prim


def defbatch_axis(prim: Primitive, axis_param: str = "axis", none_means_all: bool = True):
    """Batch ``prim`` for ``vmap`` when its parameter ``axis_param`` names axes of its
    arguments (reductions, cumulative ops): the batch axis goes first and the axes
    shift by one. With ``none_means_all``, ``axis=None`` means every axis. Returns ``prim``.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> cummax_p = defbatch_axis(
    ...     Primitive("cummax_example", lambda x, *, axis: np.maximum.accumulate(x, axis=axis)),
    ...     none_means_all=False)
    >>> fg.vmap(lambda x: cummax_p.bind(x, axis=0), in_axes=1)(np.array([[1.0, 3.0], [2.0, 0.0]]))
    array([[1., 2.],
           [3., 3.]])
    """
    from ..numpy._batching import axis_batch

    prim.batch = axis_batch(prim, axis_param, none_means_all)
    return prim


def mark_impure(prim: Primitive) -> Primitive:
    """Declare that ``prim`` has an effect: jit's optimizer keeps every call of it.

    Examples
    --------
    >>> import numpy as np
    >>> draw_p = mark_impure(Primitive("draw_example", lambda x: x + np.random.random()))
    >>> draw_p in impure
    True
    """
    impure.add(prim)
    return prim


# ---------------------------------------------------------------------------
# Shape and dtype rules
# ---------------------------------------------------------------------------

class ShapedArray:
    """The abstract value of an array: its shape and dtype, nothing else."""

    __slots__ = ("shape", "dtype")

    def __init__(self, shape: tuple[int, ...], dtype: np.dtype) -> None:
        self.shape = tuple(shape)
        self.dtype = np.dtype(dtype)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def placeholder(self) -> np.ndarray:
        # Ones rather than zeros: fewer NumPy functions fail or warn on them.
        return np.ones(self.shape, self.dtype)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ShapedArray)
            and self.shape == other.shape
            and self.dtype == other.dtype
        )

    def __hash__(self) -> int:
        return hash((self.shape, self.dtype))

    def __repr__(self) -> str:
        return f"ShapedArray({self.shape}, {self.dtype})"


def abstract_eval_by_running(
    impl: Callable,
    multiple_results: bool,
    placeholder: Callable[[ShapedArray], np.ndarray] = ShapedArray.placeholder,
) -> Callable:
    """The default shape/dtype rule: run NumPy on placeholder values.

    NumPy is the reference for shapes and dtypes (broadcasting, promotion,
    NEP 50 scalars), so asking it directly is the rule least likely to drift.
    Primitives whose placeholders of ones would be invalid pass another
    ``placeholder`` (linalg uses identity matrices: ones are singular).
    """

    def abstract_eval(*args, **params):
        values = [placeholder(a) if isinstance(a, ShapedArray) else a for a in args]
        with np.errstate(all="ignore"):
            out = impl(*values, **params)
        if multiple_results:
            return tuple(ShapedArray(np.shape(o), np.result_type(o)) for o in out)
        return ShapedArray(np.shape(out), np.result_type(out))

    return abstract_eval
