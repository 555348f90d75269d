"""``jit``: trace once per signature, optimize the IR, run generated NumPy code.

On a call, the arguments' signature (pytree structure, shapes, dtypes and the
values of static arguments) picks a cache entry. A miss stages the function
(:mod:`funcgrad.transforms.staging`) into an IR. Concrete arguments then run
compiled code: the IR is optimized (:mod:`.optimize`) and turned into
straight-line NumPy source (:mod:`.codegen`) that is ``exec``'d once. When the
arguments are tracers of an outer transform (``grad(jit(f))``), the cached IR
is replayed by binding its primitives, so the outer transform sees them.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import numbers
import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any, overload

import numpy as np

from ..core.array import as_result, duck_type_name, is_duck_array
from ..core.config import config
from ..core.ir import IR, eval_ir
from ..core.primitive import ShapedArray
from ..core.shape_dtype import ShapeDtypeStruct
from ..core.trace import ConcretizationError, Tracer
from ..core.tree_util import PyTreeDef, tree_flatten, tree_map
from . import codegen
from ._args import P, R, check_callable
from .aot import Traced
from .cache_misses import explain
from .jit_fastpath import MISS, make_fast_call
from .optimize import eliminate_dead_code, optimize
from .reroll import reroll
from .reverse import name_transform
from .staging import StagingTrace

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# Above this many equations (an unrolled loop of 1e4 steps is ~4e4), jit ...
MAX_GENERATED_EQUATIONS = 20_000
# ... and then generates it in functions of this many statements (see codegen.split_into_chunks).
CHUNK_STATEMENTS = 2_000


class _Entry:
    """One traced signature: the IR to replay, and (once needed) compiled code."""

    __slots__ = ("ir", "out_tree", "name", "arg_names", "_compiled", "concrete")

    def __init__(self, ir: IR, out_tree: PyTreeDef, name: str, arg_names: list[str]) -> None:
        self.ir = ir
        self.out_tree = out_tree
        self.name = name
        self.arg_names = arg_names
        self._compiled = None
        # Constants that are tracers of an outer transform must be replayed by binding.
        self.concrete = not any(isinstance(c, Tracer) for c in ir.consts)

    def compiled(self) -> Callable:
        if self._compiled is None:
            self._compiled = self.generated().compile()
        return self._compiled

    def generated(self) -> codegen.Generated:
        # An unrolled loop (thousands of equations repeating a block) becomes a loop again.
        ir = optimize(reroll(self.ir))
        # CPython compiles one huge function in superlinear time and memory (minutes
        # and gigabytes past ~1e5 lines): a long program becomes many short functions.
        chunk = CHUNK_STATEMENTS if len(ir.eqns) > MAX_GENERATED_EQUATIONS else None
        return codegen.generate(ir, self.name, self.arg_names, chunk=chunk)

    def source(self) -> str:
        """The module ``jit`` runs for this signature (``jit(f).lower(x).as_text()``)."""
        return self.generated().module_source()


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector off while a program is staged and compiled: the IR
    holds no cycles, and a long program's millions of new objects would otherwise make
    the collector rescan them all, again and again (a third of the time at 1e5 steps)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _normalize_static(static_argnums: int | Sequence[int]) -> tuple[int, ...]:
    nums = (static_argnums,) if isinstance(static_argnums, (int, np.integer)) else static_argnums
    out = []
    for n in nums:
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool):
            raise TypeError(f"jit: static_argnums must be ints, got {n!r}")
        out.append(int(n))
    return tuple(out)


def _normalize_names(static_argnames: str | Sequence[str]) -> frozenset:
    names = (static_argnames,) if isinstance(static_argnames, str) else tuple(static_argnames)
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"jit: static_argnames must be strings, got {n!r}")
    return frozenset(names)


def _static_both_ways(fun: Callable, nums: tuple[int, ...], names: frozenset):
    """As JAX: a static parameter is static whether passed by position or by keyword."""
    try:
        params = list(inspect.signature(fun).parameters.values())
    except (TypeError, ValueError):
        return nums, names, frozenset()
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY,
                                                      p.POSITIONAL_OR_KEYWORD)]
    more_nums = [positional.index(n) for n in names if n in positional]
    more_names = [positional[i] for i in nums if 0 <= i < len(positional)]
    nums = tuple(dict.fromkeys(nums + tuple(more_nums)))
    # A static parameter may be left to its default or passed by keyword: then it has
    # no position in the call.
    optional = frozenset(i for i in nums if 0 <= i < len(positional))
    return nums, names | frozenset(more_names), optional


def _split(fun: Callable, static: tuple[int, ...], args: tuple, transform: str,
           optional: frozenset = frozenset()):
    nargs = len(args)
    nums = set()
    for n in static:
        if n >= nargs and n in optional:
            continue  # passed by keyword or left to its default
        if not -nargs <= n < nargs:
            raise ValueError(
                f"{transform}: static_argnums={static} names argument {n}, but "
                f"{getattr(fun, '__name__', 'the function')} was called with {nargs} positional "
                f"argument{'' if nargs == 1 else 's'}"
            )
        nums.add(n % nargs)
    static_vals = []
    for i in sorted(nums):
        _check_hashable(fun, args[i], f"static argument {i}", transform)
        static_vals.append((i, args[i]))
    dynamic = tuple(a for i, a in enumerate(args) if i not in nums)
    return nums, tuple(static_vals), dynamic


def _placeholder(x: Any) -> Any:
    """For ``trace``/``lower``/``eval_shape``: a ShapeDtypeStruct stands for an array of its
    shape and dtype (a read-only broadcast zero: staging reads only shapes and dtypes)."""
    if isinstance(x, ShapeDtypeStruct):
        return np.broadcast_to(np.zeros((), x.dtype), x.shape)
    return x


def _as_leaf(x: Any, fun: Callable, transform: str) -> Any:
    """An argument leaf as an array (or a tracer), or a TypeError naming the fix."""
    if isinstance(x, (np.ndarray, Tracer)):
        return x
    if is_duck_array(x):
        kind = duck_type_name(type(x))
        raise TypeError(
            f"{transform}: an argument of {getattr(fun, '__name__', 'the function')} is a "
            f"{kind}. jit compiles to NumPy code that runs on NumPy arrays, and converting "
            f"a {kind} would compute it (or copy it to the host) behind your back. Call the "
            f"function without jit: grad, vjp, jvp and vmap keep {kind} values as they are "
            f"(a Dask gradient stays lazy). Or convert it yourself first (x.compute() for "
            f"Dask, x.get() for CuPy) if a NumPy array is what you want."
        )
    if not isinstance(x, np.ndarray):
        if isinstance(x, (numbers.Number, np.generic)):
            x = np.asarray(x)
        else:
            raise TypeError(
                f"{transform}: an argument of {getattr(fun, '__name__', 'the function')} is a "
                f"{type(x).__name__} ({x!r:.40}), not an array or a number. Mark the argument "
                f"static with static_argnums, or close over it."
            )
    return x


def _arg_names(fun: Callable, nargs: int, static: set[int], dynamic: tuple, kwargs: dict):
    try:
        params = list(inspect.signature(fun).parameters.values())
    except (TypeError, ValueError):
        params = []
    names = []
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    dyn_index = 0
    for i in range(nargs):
        if i in static:
            continue
        base = positional[i].name if i < len(positional) else f"x{i}"
        leaves, tree = tree_flatten(dynamic[dyn_index])
        dyn_index += 1
        names.extend(_leaf_names(base, dynamic[dyn_index - 1], len(leaves)))
    for key in sorted(kwargs):
        names.extend(_leaf_names(key, kwargs[key], len(tree_flatten(kwargs[key])[0])))
    return names


def _leaf_names(base: str, value: Any, n: int) -> list[str]:
    if n == 1:
        return [base]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        keys = sorted(value)
        if all(len(tree_flatten(value[k])[0]) == 1 for k in keys):
            return [f"{base}_{k}" for k in keys]
    return [f"{base}_{k}" for k in range(n)]


def _user_frame(exc: BaseException) -> str:
    """Where in the user's code ``exc`` was raised (the innermost frame outside funcgrad)."""
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        path = os.path.abspath(frame.filename)
        if not path.startswith(_PACKAGE + os.sep) and "<funcgrad" not in frame.filename:
            line = f"\n    {frame.line.strip()}" if frame.line else ""
            return f'\n\nThe value was needed at File "{frame.filename}", line {frame.lineno}, ' \
                   f"in {frame.name}:{line}"
    return ""


def _split_kwargs(fun: Callable, names: frozenset, kwargs: dict, transform: str):
    """Keyword arguments split into static ones (a sorted, hashable tuple) and traced ones."""
    if not names or not kwargs:
        return (), kwargs
    static, dynamic = [], {}
    for k, v in kwargs.items():
        if k in names:
            _check_hashable(fun, v, f"static argument {k!r}", transform)
            static.append((k, v))
        else:
            dynamic[k] = v
    return tuple(sorted(static, key=lambda kv: kv[0])), dynamic


def _check_hashable(fun: Callable, value: Any, what: str, transform: str) -> None:
    try:
        hash(value)
    except TypeError as e:
        raise ValueError(
            f"Non-hashable static arguments are not supported: {transform} was given an "
            f"object of type {type(value).__name__} as {what} of "
            f"{getattr(fun, '__name__', 'the function')} ({e}). Pass arrays as ordinary "
            f"(traced) arguments, or convert the value to a hashable one (a tuple for a list)."
        ) from None


def _check_outputs(fun: Callable, out: Any, transform: str) -> None:
    for path_leaf in tree_flatten(out)[0]:
        if not isinstance(path_leaf, (Tracer, np.ndarray, numbers.Number, np.generic)):
            raise TypeError(
                f"{transform}: {getattr(fun, '__name__', 'the function')} returned a value of "
                f"type {type(path_leaf).__name__} ({path_leaf!r:.40}), which is not an array: a "
                f"function compiled by {transform} may return only arrays and numbers (in "
                f"tuples, lists, dicts). Return other values from a function that calls the "
                f"compiled one."
            )


def trace_signature(fun: Callable, static: tuple[int, ...], args: tuple, kwargs: dict,
                    transform: str = "jit", static_names: frozenset = frozenset(),
                    optional: frozenset = frozenset()):
    """Stage ``fun`` on the arguments' shapes: the IR, its trees and the flat inputs."""
    nums, static_vals, dynamic = _split(fun, static, args, transform, optional)
    static_kw, kwargs = _split_kwargs(fun, static_names, kwargs, transform)
    leaves, in_tree = tree_flatten((dynamic, kwargs))
    leaves = [_as_leaf(x, fun, transform) for x in leaves]
    # Plain (shape, dtype) pairs key the cache: this runs on every call.
    signature = tuple((x.shape, x.dtype) for x in leaves)
    key = (in_tree, signature, static_vals, static_kw)

    def stage():
        avals = [ShapedArray(shape, dtype) for shape, dtype in signature]
        trace = StagingTrace(transform)
        tracers = [trace.new_input(a) for a in avals]
        dyn, kw = in_tree.unflatten(tracers)
        it = iter(dyn)
        full = [args[i] if i in nums else next(it) for i in range(len(args))]
        with trace:
            try:
                out = fun(*full, **kw, **dict(static_kw))
                _check_outputs(fun, out, transform)
            except ConcretizationError as e:
                raise ConcretizationError(
                    f"{e}{_user_frame(e)}\n(while tracing "
                    f"{getattr(fun, '__name__', 'the function')} with {transform} for "
                    f"arguments of shapes {[a.shape for a in avals]})"
                ).with_traceback(e.__traceback__) from None
        out_leaves, out_tree = tree_flatten(out)
        ir = trace.to_ir([t.ir_var for t in tracers], out_leaves, in_tree, out_tree)
        names = _arg_names(fun, len(args), nums, dynamic, kwargs)
        return ir, out_tree, names

    return key, leaves, stage


@overload
def jit(
    fun: Callable[P, R],
    static_argnums: int | Sequence[int] = (),
    static_argnames: str | Sequence[str] = (),
    donate_argnums: int | Sequence[int] = (),
) -> Callable[P, R]: ...


@overload
def jit(
    fun: None = None,
    static_argnums: int | Sequence[int] = (),
    static_argnames: str | Sequence[str] = (),
    donate_argnums: int | Sequence[int] = (),
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def jit(
    fun: Callable | None = None,
    static_argnums: int | Sequence[int] = (),
    static_argnames: str | Sequence[str] = (),
    donate_argnums: int | Sequence[int] = (),
) -> Callable:
    """Compile ``fun``: trace it once per signature and run generated NumPy code.

    The signature is the arguments' pytree structure, shapes and dtypes, and
    the values of the static arguments. Like ``jax.jit``, Python control flow
    may depend only on static arguments and shapes: a branch on a traced value
    raises :class:`~funcgrad.ConcretizationError` naming the line; make the
    argument static or write the branch with ``funcgrad.numpy.where``.

    ``jit`` composes with every transform: ``jit(grad(f))`` compiles the
    gradient; ``grad(jit(f))`` replays the cached IR under ``grad``. Inside
    ``with funcgrad.disable_jit():`` (and while ``debug_nans`` is on, so that
    the failing operation can be named) the Python function runs eagerly.

    Parameters
    ----------
    fun : callable
        A function of arrays (or pytrees of arrays).
    static_argnums : int or tuple of ints
        Positional arguments passed to ``fun`` as they are (hashable Python
        values); a new value traces again.
    static_argnames : str or tuple of str
        The same for arguments named by keyword (a parameter named here is
        static whether it is passed by keyword or by position).
    donate_argnums : int or tuple of ints
        Accepted for JAX compatibility. NumPy arrays are never donated: the
        arguments stay valid after the call.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = fg.jit(lambda x, n: fnp.sum(x ** n), static_argnums=1)
    >>> f(fnp.asarray([1.0, 2.0]), 2)
    array(5.)
    >>> fg.jit(fg.grad(lambda x: fnp.sum(fnp.sin(x))))(fnp.zeros(2))
    array([1., 1.])

    As a decorator with options, through :func:`functools.partial`:

    >>> from functools import partial
    >>> @partial(fg.jit, static_argnames="power")
    ... def norm(x, power=2):
    ...     return fnp.sum(fnp.abs(x) ** power) ** (1.0 / power)
    >>> norm(fnp.asarray([3.0, 4.0])), norm(fnp.asarray([3.0, 4.0]), power=1)
    (array(5.), array(7.))

    or JAX's decorator factory, ``jit`` called with options only:

    >>> @fg.jit(static_argnames=["n"])
    ... def power_sum(x, n):
    ...     return fnp.sum(x ** n)
    >>> power_sum(fnp.asarray([1.0, 2.0]), n=3)
    array(9.)

    Ahead of time, as in JAX: ``trace`` stages the function for given arguments,
    ``lower`` writes its NumPy code, ``compile`` compiles it for that signature.

    >>> g = fg.jit(lambda x: fnp.sin(x) * 2)
    >>> print(g.trace(fnp.ones(2)).jaxpr)
    { lambda ; a:f64[2]. let
        b:f64[2] = sin a
        c:f64[2] = mul b 2
      in (c,) }
    >>> g.lower(fnp.ones(2)).compile()(fnp.zeros(2))
    array([0., 0.])
    """
    if fun is None:
        return lambda f: jit(f, static_argnums, static_argnames, donate_argnums)
    check_callable(fun, "jit")
    static, names, optional = _static_both_ways(fun, _normalize_static(static_argnums),
                                      _normalize_names(static_argnames))
    _normalize_static(donate_argnums)
    cache: dict[Any, _Entry] = {}
    # The fast call of the signature last run (see jit_fastpath), and one per signature.
    fast_calls: dict[Any, Callable | None] = {}
    last: list[Callable | None] = [None]
    traced_last: list[Any] = [None, []]  # the signature traced last and its leaves' names
    fast_pathable = not static and not names

    def jit_fun(*args, **kwargs):
        if (config.jit_watched and config.read("disable_jit")) or (
                config.nans_watched and config.checking_nans()):
            return fun(*args, **kwargs)
        fast = last[0]
        if fast is not None and not kwargs:
            out = fast(args)
            if out is not MISS:
                return out
        key, leaves, entry = lookup(args, kwargs)
        if entry.concrete and not any(isinstance(x, Tracer) for x in leaves):
            if entry._compiled is None:
                with _collector_paused():
                    entry.compiled()
            compiled = entry.compiled()
            outs = compiled(*leaves)
            if fast_pathable and not kwargs:
                if key not in fast_calls:
                    fast_calls[key] = make_fast_call(args, key[0], entry.out_tree, compiled)
                last[0] = fast_calls[key]
        else:
            outs = eval_ir(entry.ir, *leaves)
        return entry.out_tree.unflatten([as_result(o) for o in outs])

    def lookup(args, kwargs):
        """The signature of the arguments, their leaves, and its traced entry."""
        key, leaves, stage = trace_signature(fun, static, args, kwargs, "jit", names, optional)
        entry = cache.get(key)
        if entry is None:
            if config.read("explain_cache_misses"):
                explain(fun, key, *traced_last)
            with _collector_paused():
                ir, out_tree, arg_names = stage()
                entry = _Entry(eliminate_dead_code(ir), out_tree,
                               getattr(fun, "__name__", "f"), arg_names)
            traced_last[:] = [key, arg_names]
            if entry.concrete:
                cache[key] = entry
        return key, leaves, entry

    def clear_cache():
        cache.clear()
        fast_calls.clear()
        last[0] = None

    def trace(*args, **kwargs) -> Traced:
        args, kwargs = tree_map(_placeholder, (args, kwargs))
        key, _, entry = lookup(args, kwargs)

        def signature(args, kwargs):
            key, leaves, _ = trace_signature(fun, static, args, kwargs, "jit", names, optional)
            return key, leaves

        return Traced(entry.name, entry.ir, key[0], entry.out_tree, key, signature,
                      entry.compiled, entry.source)

    jit_fun.trace = trace  # type: ignore[attr-defined]
    jit_fun.lower = lambda *args, **kwargs: trace(*args, **kwargs).lower()  # type: ignore[attr-defined]
    jit_fun.eval_shape = lambda *args, **kwargs: trace(*args, **kwargs).out_info  # type: ignore[attr-defined]

    jit_fun._cache_size = lambda: len(cache)  # type: ignore[attr-defined]
    jit_fun._clear_cache = clear_cache  # type: ignore[attr-defined]
    name_transform(jit_fun, "jit", fun)
    return jit_fun


def make_source(fun: Callable, static_argnums: int | Sequence[int] = ()) -> Callable:
    """A function returning the NumPy source ``jit`` generates for ``fun`` on given arguments.

    The source is standalone: it imports NumPy, defines the constants it needs
    (small ones are written inline), and defines one function whose arguments
    are named after ``fun``'s parameters (a pytree argument ``p`` gives
    ``p_w``, ``p_b``... or ``p_0``, ``p_1``...) and which returns the output with
    its structure. ``make_source(fg.grad(f))`` shows the gradient.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> def f(x):
    ...     return fnp.sum(fnp.sin(x) * 2.0)
    >>> print(fg.make_source(fg.grad(f))(fnp.ones(3)))
    import numpy as np
    <BLANKLINE>
    <BLANKLINE>
    def grad_f(x):
        t1 = np.cos(x)
        np.multiply(2.0, t1, out=t1)
        return t1
    <BLANKLINE>
    """
    static = _normalize_static(static_argnums)

    def make_source_fun(*args, **kwargs):
        _, _, stage = trace_signature(fun, static, args, kwargs, "make_source")
        ir, out_tree, names = stage()
        optimized = optimize(reroll(eliminate_dead_code(ir)))
        returns = _structured_return(out_tree)
        generated = codegen.generate(optimized, getattr(fun, "__name__", "f"), names, returns)
        return generated.module_source()

    make_source_fun.__name__ = f"make_source({getattr(fun, '__name__', 'fun')})"
    return make_source_fun


def _structured_return(tree: PyTreeDef) -> str:
    """A format string rebuilding the output's structure from its leaves' source."""
    counter = iter(range(tree.num_leaves))
    parts: list[str] = []
    # An explicit stack of (node, state) keeps this iterative.
    stack: list[Any] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node = item
        if node.node is None:
            parts.append(f"{{{next(counter)}}}")
            continue
        if node.kind is type(None):
            parts.append("None")
            continue
        if node.kind in (tuple, list):
            opening, closing = ("(", ")") if node.kind is tuple else ("[", "]")
            if node.kind is tuple and len(node.children) == 1:
                closing = ",)"
            seq: list[Any] = [opening]
            for i, c in enumerate(node.children):
                if i:
                    seq.append(", ")
                seq.append(c)
            seq.append(closing)
        elif node.kind is dict:
            seq = ["{"]
            for i, (k, c) in enumerate(zip(node.aux, node.children)):
                seq.append(("" if i == 0 else ", ") + f"{k!r}: ")
                seq.append(c)
            seq.append("}")
        else:  # a registered class: return the flat leaves
            seq = ["("]
            for i in range(node.num_leaves):
                seq.append(("" if i == 0 else ", ") + f"{{{next(counter)}}}")
            seq.append(",)" if node.num_leaves == 1 else ")")
        stack.extend(reversed(seq))
    return _escape_braces("".join(parts))


def _escape_braces(text: str) -> str:
    """Escape literal dict braces for str.format while keeping ``{n}`` placeholders."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "{":
            j = text.find("}", i)
            inner = text[i + 1:j] if j != -1 else ""
            if inner.isdigit():
                out.append(text[i:j + 1])
                i = j + 1
                continue
            out.append("{{")
        elif c == "}":
            out.append("}}")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def block_until_ready(x: Any) -> Any:
    """``x`` itself (JAX's ``jax.block_until_ready``): funcgrad computes eagerly with NumPy,
    so every value is ready when it is returned. Accepts any pytree.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.block_until_ready(fg.jit(fnp.sin)(fnp.zeros(2)))
    array([0., 0.])
    """
    return x
