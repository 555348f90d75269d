"""Primitives: the only operations the kernel knows.

A primitive is declared once, with everything about it side by side: its NumPy
implementation, its shape/dtype rule, its JVP and VJP rules, its batching rule,
its spelling in jit's generated code, its simplification identities, and the
PyTorch name of its backward node. The primitives themselves live in
:mod:`funcgrad.primitives`, one module per family; this module is the class and
the ways of declaring rules. Rules are written with the primitives' own binding
functions, so they are differentiable themselves, which is all that
higher-order derivatives need.

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
    result, or one for all). :func:`defbatch` declares one;
    :mod:`funcgrad.primitives.batching` builds the common families; a primitive
    with no rule is batched by a slow loop.

:func:`defjvp` and :func:`defvjp` build these from one rule per argument, which
is how most rules read: ``defvjp(sin_p, lambda g, ans, x: g * cos(x))``. A
primitive with a JVP and no VJP gets the transpose of its JVP as its VJP
(reverse mode derives it on first use).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from .config import config
from .nans import check_nans
from .trace import Tracer

registry: dict[str, Primitive] = {}


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
    impure : bool
        Whether ``impl`` has an effect or a result beyond its arguments (jit's
        optimiser never folds, shares or drops such an equation).
    torch_name : str, optional
        PyTorch's name for the backward node of the torch op that is exactly this
        primitive (``"SinBackward0"``); the torch face names its ``grad_fn`` by it.

    See Also
    --------
    funcgrad.make_jaxpr : the IR, whose equations each hold one primitive.

    Examples
    --------
    Primitives are declared in ``funcgrad.primitives``; programs meet them in
    the IR, and ``bind`` applies one under the active transforms:

    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> eqn = fg.make_jaxpr(fnp.sin)(0.5).eqns[0]
    >>> print(eqn.primitive), eqn.primitive.multiple_results
    sin
    (None, False)
    >>> fg.grad(lambda x: eqn.primitive.bind(x))(0.0)
    array(1.)
    """

    __slots__ = (
        "name", "impl", "multiple_results", "jvp", "vjp", "batch", "abstract_eval",
        "differentiable", "impure", "source", "identity", "torch_name", "torch_saves",
        "module", "__weakref__",
    )
    # What reverse mode runs forward for a primitive that keeps residuals (loops, calls):
    # ``vjp_fwd(primals, wanted, **params) -> (outs, residuals)``. Subclasses set it on
    # their instances; a class attribute keeps the check on every recorded equation cheap.
    vjp_fwd: Callable | None = None
    # What forward mode runs instead of the primitive and its JVP, for primitives that give
    # outputs and tangents together (calls, loops): ``jvp_call(primals, tangents, **params)
    # -> (outs, tangents_out)``. Also set on instances by subclasses.
    jvp_call: Callable | None = None

    def __init__(self, name: str, impl: Callable, *, multiple_results: bool = False,
                 impure: bool = False, torch_name: str | None = None) -> None:
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
        self.impure = impure
        self.source: Source | None = None
        self.identity: Callable | None = None
        self.torch_name = torch_name
        self.torch_saves = ""
        # The module that declares it: another process imports it to find the primitive.
        frame = sys._getframe(1)
        while frame.f_code.co_name == "__init__":  # a subclass's __init__ (CallPrimitive)
            frame = frame.f_back
        self.module = frame.f_globals.get("__name__")
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

    def __str__(self) -> str:
        """The name, as JAX prints a primitive (``print(eqn.primitive)`` shows ``sin``)."""
        return self.name

    def __reduce__(self):
        # Primitives are singletons: a pickled IR (in a jitted function sent to another
        # process, a Dask worker) refers to the receiving process's primitive of that name.
        return (registered, (self.module, self.name))


def registered(module: str | None, name: str) -> Primitive:
    """The primitive ``name``, declared in ``module`` (imported if it is not yet)."""
    if name not in registry and module is not None:
        importlib.import_module(module)
    return registry[name]


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


# Below this a new array costs less than the checks that let a rule write into one.
_IN_PLACE_BYTES = 1 << 16


def defderivative(prim: Primitive, *partials: Callable | None) -> None:
    """Rules for an elementwise primitive from its partial derivatives.

    ``partials[i](ans, *primals, **params)`` is the derivative with respect to
    argument ``i``; the JVP multiplies tangents by it and the VJP multiplies
    cotangents by it (JAX's convention: no complex conjugation in the VJP).
    """
    if len(partials) == 1 and partials[0] is not None:
        # One argument (tanh, exp, log...): rules calling the partial directly, one Python
        # call fewer per recorded and per walked equation than the per-argument wrappers.
        (d0,) = partials

        def jvp(primals, tangents, ans, **params):
            t = tangents[0]
            return None if t is None else t * d0(ans, *primals, **params)

        def vjp(g, ans, primals, params, wanted):
            if not wanted[0]:
                return (None,)
            d = d0(ans, *primals, **params)
            if (
                type(d) is np.ndarray and d.nbytes >= _IN_PLACE_BYTES and type(g) is np.ndarray
                and d.shape == g.shape and d.dtype == g.dtype and d.base is None
                and sys.getrefcount(d) == 2
            ):
                # The partial is a fresh large array only this frame holds (``1 - ans *
                # ans``, not ``ans`` itself): the product goes into it, one array fewer.
                return (np.multiply(g, d, out=d),)
            return (g * d,)

        prim.jvp = jvp
        prim.vjp = vjp
        return
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


def defbatch(prim: Primitive, rule: Callable) -> Primitive:
    """Give ``prim`` a batching rule for ``vmap``, ``rule(args, dims, **params) -> (out, out_dim)``.

    (:func:`funcgrad.primitives.batching.defbatch_elementwise` and
    ``defbatch_axis`` declare the common families; a primitive whose ``impl`` is
    a plain NumPy ufunc is batched as elementwise without asking.) Returns ``prim``.
    """
    prim.batch = rule
    return prim


# ---------------------------------------------------------------------------
# What jit and the optimiser know of a primitive
# ---------------------------------------------------------------------------

class Source:
    """How a primitive reads as NumPy source in jit's generated code (see :func:`defsource`)."""

    __slots__ = ("template", "ufunc", "fresh", "ufunc_params", "emit")

    def __init__(self, template, ufunc, fresh, ufunc_params, emit) -> None:
        self.template = template
        self.ufunc = ufunc
        self.fresh = fresh
        self.ufunc_params = ufunc_params
        self.emit = emit


def defsource(prim: Primitive, template: str | Callable | None = None, *,
              ufunc: str | None = None, fresh: bool | None = None,
              ufunc_params: tuple[str, ...] = (), emit: Callable | None = None) -> Primitive:
    """Teach jit's code generator how ``prim`` reads as NumPy source. Returns ``prim``.

    Parameters
    ----------
    template : str or callable, optional
        ``None`` with ``ufunc`` given: ``np.<ufunc>(args...)``. Otherwise a format
        string over the arguments' source (``{0}``, ``{1}``...) and the
        parameters' source by name (``"np.cumsum({0}, axis={axis})"``), or a
        function ``(args, params) -> str`` given the arguments' source and the
        raw parameters (plus ``_ndim``, the first argument's rank).
    ufunc : str, optional
        The NumPy ufunc the primitive is (``"add"``): lets the generator write
        into a dead input's buffer with ``out=``.
    fresh : bool, optional
        Whether the result is a newly allocated array (not a view of an input).
        Defaults to ``ufunc is not None``.
    ufunc_params : tuple of str
        Parameters passed to the ufunc after the arguments (``integer_pow``'s ``y``).
    emit : callable, optional
        For a primitive that reads as statements rather than one expression
        (``scatter_add``): ``emit(gen, k, eqn, args)`` writes its lines through the
        code generator ``gen`` (see :mod:`funcgrad.transforms.codegen`).

    Examples
    --------
    >>> cube_p = defsource(Primitive("cube_example", lambda x: x ** 3), "{0} ** 3", fresh=True)
    >>> cube_p.source.template
    '{0} ** 3'
    """
    prim.source = Source(template, ufunc, bool(ufunc) if fresh is None else fresh,
                         tuple(ufunc_params), emit)
    return prim


def dtype_source(dtype: Any) -> str:
    """A dtype as NumPy source (``np.float32``), for spellings that name one.

    Examples
    --------
    >>> dtype_source(np.float32)
    'np.float32'
    """
    name = np.dtype(dtype).name
    return f"np.{name}" if hasattr(np, name) else f"np.dtype({name!r})"


def defidentity(prim: Primitive, rule: Callable) -> Primitive:
    """Tell the optimiser when an equation of ``prim`` merely returns one of its inputs.

    ``rule(consts, **params)`` gets, per argument, its value when the optimiser
    knows it (a constant) or ``None``, and returns the index of the input the
    equation returns unchanged (``x * 1`` returns input 0), or ``None``. The
    optimiser still checks that input has the output's shape and dtype. Returns ``prim``.

    Examples
    --------
    >>> twice_p = Primitive("twice_example", lambda x, *, k: k * x)
    >>> twice_p = defidentity(twice_p, lambda consts, *, k: 0 if k == 1 else None)
    >>> twice_p.identity([None], k=1)
    0
    """
    prim.identity = rule
    return prim


def all_equal(value: Any, target: Any) -> bool:
    """Whether a known constant ``value`` (``None`` when unknown) is ``target`` everywhere.

    Examples
    --------
    >>> all_equal(np.ones(3), 1), all_equal(None, 1)
    (True, False)
    """
    if type(value) in _SCALARS:
        return bool(value == target)  # a Python number (the common literal): no NumPy call
    return value is not None and not isinstance(value, Tracer) and bool(
        np.all(np.equal(value, target)))


def deftorch(prim: Primitive, name: str, *, saves: str = "") -> Primitive:
    """Name the backward node of the torch op that is exactly ``prim``, as PyTorch does.

    ``saves`` says what PyTorch keeps for that node's backward (which decides
    when an in-place change makes ``backward()`` fail): ``""`` nothing, ``"in"``
    every tensor input, ``"out"`` the result, ``"in+out"`` both, ``"cross"``
    each input whose partner requires grad, ``"self"`` the first input,
    ``"other"`` the second. Returns ``prim``.

    Examples
    --------
    >>> cube_p = Primitive("cube_example2", lambda x: x ** 3)
    >>> cube_p = deftorch(cube_p, "PowBackward0", saves="self")
    >>> cube_p.torch_name, cube_p.torch_saves
    ('PowBackward0', 'self')
    """
    prim.torch_name = name
    prim.torch_saves = saves
    return prim


def mark_impure(prim: Primitive) -> Primitive:
    """Declare that ``prim`` has an effect (printing, a callback): jit's optimiser never
    folds, shares or drops an equation of it. The same as ``Primitive(..., impure=True)``.

    Examples
    --------
    >>> import numpy as np
    >>> draw_p = mark_impure(Primitive("draw_example", lambda x: x + np.random.random()))
    >>> draw_p.impure
    True
    """
    prim.impure = True
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

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def __repr__(self) -> str:
        return f"ShapedArray({self.shape}, {self.dtype})"

    def __str__(self) -> str:
        """As JAX prints a type: ``float32[3,4]``."""
        return f"{self.dtype.name}[{','.join(map(str, self.shape))}]"


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

    # Results by the arguments' shapes and dtypes (and Python scalars' types and values):
    # staging a long program asks the same question many times (an unrolled loop).
    cache: dict[Any, Any] = {}

    def abstract_eval(*args, **params):
        key = _abstract_key(args, params)
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                return hit
        values = [placeholder(a) if isinstance(a, ShapedArray) else a for a in args]
        with np.errstate(all="ignore"):
            out = impl(*values, **params)
        if multiple_results:
            result: Any = tuple(ShapedArray(np.shape(o), np.result_type(o)) for o in out)
        else:
            result = ShapedArray(np.shape(out), np.result_type(out))
        if key is not None:
            if len(cache) >= _ABSTRACT_CACHE_SIZE:
                cache.clear()
            cache[key] = result
        return result

    return abstract_eval


_ABSTRACT_CACHE_SIZE = 512
_SCALARS = (float, int, bool, complex)


def _abstract_key(args: tuple, params: dict) -> Any:
    """A hashable key for an abstract evaluation, or None when a result may depend on more
    than shapes, dtypes and scalar values (a concrete array argument, an unhashable parameter).
    """
    key: list[Any] = []
    for a in args:
        kind = type(a)
        if kind is ShapedArray:
            key.append(a)
        elif kind in _SCALARS:
            key.append((kind, a))
        else:
            return None
    if params:
        key.append(tuple(sorted(params.items())))
    try:
        hash(key[-1] if key else 0)
    except TypeError:
        return None
    return tuple(key)
