"""Checking and splitting the arguments of a transformed function.

Errors name the transform, the argument, what was expected and what was
found, and the fix.
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

import numpy as np

from ..core.array import is_duck_array
from ..core.trace import Tracer
from ..core.tree_util import tree_flatten, tree_structure
from ..core.tree_util import tuple_treedef as make_tuple_treedef

P = ParamSpec("P")  # the parameters of the function a transform wraps
R = TypeVar("R")  # its result

DOCS = "the 'Sharp bits' page of the documentation (docs/sharp_bits.rst)"


def check_callable(fun: Any, transform: str) -> None:
    """Raise at once (not at the first call) when ``fun`` is not a function."""
    if not callable(fun):
        raise TypeError(
            f"{transform}: expected a callable value (the function to transform) as its first "
            f"argument, got {_short(fun)} of type {type(fun).__name__}. Pass the function "
            f"itself, e.g. funcgrad.{transform}(f), not its result f(x)."
        )


def resolve_argnums(fun: Any, argnums: Any, argnum: Any, transform: str) -> Any:
    """Check ``fun`` and the argument numbers when the transform is created; ``argnum``
    (HIPS autograd's name) wins over ``argnums`` when given."""
    check_callable(fun, transform)
    argnums = argnums if argnum is None else argnum
    check_argnums(argnums, transform)
    return argnums


def check_argnums(argnums: Any, transform: str) -> None:
    """Check the type of ``argnums`` when the transform is created."""
    nums = (argnums,) if not isinstance(argnums, (tuple, list)) else argnums
    for n in nums:
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool):
            raise TypeError(
                f"{transform}: argnums must be an int or a tuple of ints naming positional "
                f"arguments, but got {argnums!r} (containing {n!r} of type "
                f"{type(n).__name__}). Write argnums={_suggest(n)} or a tuple such as "
                f"argnums=(0, 1)."
            )


def _suggest(n: Any) -> str:
    try:
        return repr(int(n))
    except (TypeError, ValueError):
        return "0"


def normalize_argnums(argnums: int | Sequence[int], nargs: int, transform: str, fun) -> tuple:
    """``argnums`` as a tuple of non-negative ints, checked against the call's arguments."""
    if type(argnums) is int and 0 <= argnums < nargs:
        return (argnums,)  # the common case, already checked when the transform was made
    check_argnums(argnums, transform)
    many = not isinstance(argnums, (int, np.integer))
    nums = tuple(argnums) if many else (argnums,)
    if many and not nums:
        raise ValueError(f"{transform}: argnums must name at least one argument, got ()")
    out = []
    for n in nums:
        if not -nargs <= n < nargs:
            raise TypeError(
                f"{transform}: argnums={argnums!r} asks for argument {n}, but "
                f"{_fun_name(fun)} was called with {nargs} positional argument"
                f"{'' if nargs == 1 else 's'}. Pass the argument positionally, or change argnums."
            )
        out.append(int(n) % nargs)
    return tuple(out)


def unique_argnums(nums: tuple) -> tuple:
    """``nums`` without repeats, in order of first appearance."""
    return tuple(dict.fromkeys(nums))


def regroup(nums: tuple, results: tuple) -> tuple:
    """Results per ``unique_argnums(nums)`` spread back to one per entry of ``nums``.

    ``grad(f, argnums=(0, 0))`` differentiates argument 0 once and gives its
    gradient twice, as each entry asks for it.
    """
    unique = unique_argnums(nums)
    if len(unique) == len(nums):
        return results
    return tuple(results[unique.index(n)] for n in nums)


def split_args(fun: Callable, args: tuple, kwargs: dict, argnums: tuple) -> tuple[list, Callable]:
    """The differentiated arguments, and ``fun`` as a function of them alone.

    A repeated argnum appears once (see :func:`regroup` for the results).
    """
    argnums = unique_argnums(argnums)
    dynamic = [args[i] for i in argnums]

    def partial(*dyn):
        full = list(args)
        for i, a in zip(argnums, dyn):
            full[i] = a
        return fun(*full, **kwargs)

    return dynamic, partial


def as_input(x: Any, transform: str, where: Callable[[], str], *, allow_int: bool = False) -> Any:
    """``x`` as an array a transform can differentiate, or a TypeError that says why not.

    ``where()`` names the argument; it is only called to write an error message.
    """
    kind = type(x)
    if kind is float or kind is complex:
        return np.asarray(x)  # the common case first: a Python number is always inexact
    if kind is np.ndarray and x.dtype.kind in "fc":
        return x
    if isinstance(x, (np.ndarray, Tracer)) or is_duck_array(x):
        dtype = np.dtype(x.dtype)  # Dask and CuPy arrays stay what they are: no np.asarray
    elif isinstance(x, (numbers.Number, np.generic)) or (
        isinstance(x, (list, tuple)) is False and hasattr(x, "__array__")
    ):
        x = np.asarray(x)
        dtype = x.dtype
    else:
        raise TypeError(
            f"{transform}: {where()} is a {type(x).__name__} ({_short(x)}), not an array or "
            f"a number. Differentiated arguments must be arrays, numbers, or pytrees "
            f"(tuples, lists, dicts) of them; pass other values through a closure or as "
            f"an argument that is not in argnums."
        )
    if not allow_int and dtype.kind not in "fc":
        raise TypeError(
            f"{transform} requires real- or complex-valued inputs (a floating dtype), but "
            f"{where()} has dtype {np.dtype(dtype).name}. Convert it with "
            f"`x.astype(float)` to differentiate with respect to it, or leave it out of "
            f"argnums to use it as a constant. See 'Integer inputs' in {DOCS}."
        )
    return x


def arg_label(fun: Callable, argnum: int, path: str = "") -> str:
    """A readable name for argument ``argnum`` of ``fun``, e.g. ``argument 'x' (argnums 0)``."""
    try:
        params = list(inspect.signature(fun).parameters.values())
        name = params[argnum].name if argnum < len(params) else None
        if name is not None and params[argnum].kind is inspect.Parameter.VAR_POSITIONAL:
            name = None
    except (TypeError, ValueError):
        name = None
    label = f"argument {name!r} (argnums {argnum})" if name else f"argument {argnum}"
    return label + (f" at {path}" if path else "")


def _fun_name(fun: Callable) -> str:
    return getattr(fun, "__name__", type(fun).__name__)


def _short(x: Any) -> str:
    r = repr(x)
    return r if len(r) <= 40 else r[:37] + "..."


def tuple_treedef(children: list) -> Any:
    """The structure of a tuple whose items have the structures ``children``."""
    return make_tuple_treedef(children)


_LEAF_TYPES = frozenset({np.ndarray, float, np.float64, np.float32, complex, np.complex128})
_LEAF = tree_structure(0.0)
_ONE_LEAF = tree_structure((0.0,))
_SEQUENCE_TREEDEFS: dict[tuple[type, int], Any] = {}


def flatten_inputs(fun: Callable, values: Sequence[Any], argnums: Sequence[int], transform: str):
    """Flatten the differentiated arguments to checked leaves and their pytree structure."""
    treedefs = []
    checked = []
    for argnum, value in zip(argnums, values):
        if type(value) in _LEAF_TYPES:  # an array or a number: no tree to walk
            treedefs.append(_LEAF)
            checked.append(as_input(value, transform, lambda a=argnum: arg_label(fun, a)))
            continue
        kind = type(value)
        if (kind is tuple or kind is list) and all(type(v) in _LEAF_TYPES for v in value):
            # A tuple or list of arrays (a model's parameters): its structure, cached by length.
            treedef = _SEQUENCE_TREEDEFS.get((kind, len(value)))
            if treedef is None:
                treedef = _SEQUENCE_TREEDEFS[kind, len(value)] = tree_structure(
                    kind([0.0] * len(value)))
            arg_leaves = value
        else:
            arg_leaves, treedef = tree_flatten(value)
        treedefs.append(treedef)
        many = len(arg_leaves) > 1
        for k, leaf in enumerate(arg_leaves):
            if type(leaf) is np.ndarray and leaf.dtype.kind in "fc":
                checked.append(leaf)  # as_input's first case, without building its label
                continue
            where = lambda a=argnum, k=k, m=many: arg_label(fun, a, f"leaf {k}" if m else "")
            checked.append(as_input(leaf, transform, where))
    if len(treedefs) == 1 and treedefs[0] is _LEAF:
        return checked, _ONE_LEAF
    return checked, tuple_treedef(treedefs)


def split_aux(out: Any, transform: str) -> tuple[Any, Any]:
    """``(output, aux)`` from what a ``has_aux=True`` function returned, or a TypeError."""
    if not (isinstance(out, (tuple, list)) and len(out) == 2):
        raise TypeError(
            f"{transform} with has_aux=True requires the function to return a pair "
            f"(output, aux), but it returned {type(out).__name__}"
        )
    return out[0], out[1]
