"""The Parameters, Returns and See Also sections of funcgrad.numpy's docstrings.

Each function's own docstring says what it computes, how it differs from
NumPy and shows an example; the contract it shares with its NumPy namesake is
read from NumPy's docstring at import, as ``jax.numpy`` does: the entries of
the parameters our signature has, NumPy's Returns, and a See Also naming
``numpy.<name>`` and the related names of NumPy's See Also that funcgrad.numpy
has too (so ``sin`` links ``arcsin``, ``sinh`` and ``cos`` here).
"""

from __future__ import annotations

import inspect
import re
from types import ModuleType
from typing import Any

from ..core.docstrings import (
    anchor_sections,
    complete,
    contract,
    plain_text,
    section,
    takes_parameters,
)

#: What a parameter NumPy's docstring does not describe means here.
PARAMETERS: dict[str, tuple[str, str]] = {
    "out": ("!None", "Must be None: funcgrad's results are new values (a traced value "
                    "cannot be written into an array)."),
    "where": ("array_like of bool, optional", "Elements to include, as in NumPy."),
    "dtype": ("dtype, optional", "The dtype of the result (NumPy's rule when None)."),
    "axis": ("int or tuple of ints, optional", "The axis or axes to work along."),
    "keepdims": ("bool, optional", "Keep the reduced axes with length one."),
    "a": ("array_like", "The input array (or a traced value)."),
    "x": ("array_like", "The input array (or a traced value)."),
    "x1": ("array_like", "The first input (arrays broadcast together)."),
    "x2": ("array_like", "The second input (arrays broadcast together)."),
    "index": ("int, slice, array, tuple of them, Ellipsis or None", "Any index NumPy "
              "accepts in ``x[index]``: basic, advanced (integer arrays) or boolean."),
    "updates": ("array_like", "The values added, broadcast to the shape of ``x[index]``."),
    "y": ("int", "The exponent, a Python integer (negative ones too)."),
    "symmetrize_input": ("bool, optional", "Read ``(a + a^H) / 2`` (True, as JAX) or only "
                         "the lower triangle of ``a`` (False, as NumPy)."),
    "arys": ("array_like", "The arrays, one per argument."),
    "arrays": ("sequence of array_like", "The arrays to join; their shapes agree except "
               "along ``axis``."),
    "xi": ("array_like", "1-D arrays of the coordinates along each axis."),
    "kwargs": ("keyword arguments", "The options of ``mode`` (``constant_values``, "
               "``end_values``, ``reflect_type``), as NumPy's."),
}

#: Our functions that NumPy documents under another name (``amax`` under ``max``);
#: for ``triu`` and the splits only the parameters are read there (``tril`` returns
#: the other triangle, ``split`` raises where ``array_split`` does not).
ANCHOR_NAMES = {"amax": "max", "amin": "min", "around": "round", "array_split": "split",
                "dsplit": "split", "hsplit": "split", "vsplit": "split", "triu": "tril"}
_PARAMETERS_ONLY = {"array_split", "triu"}

_SPLIT = ("list of Arrays", "The pieces, in order.")
#: What the functions without a NumPy namesake (or its Returns) return.
RETURNS: dict[str, list[tuple[str, str]]] = {
    "at": [("IndexUpdateHelper", "``helper[index]`` has the methods ``get``, ``set``, "
            "``add``, ``subtract``, ``multiply``, ``divide``, ``min`` and ``max``, each "
            "returning a new array.")],
    "getitem": [("Array", "``x[index]`` as a new array (a traced value inside a "
                 "transform).")],
    "scatter_add": [("Array", "A new array shaped like ``x``.")],
    "integer_pow": [("Array", "``x ** y``, in the dtype of ``x``.")],
    "triu": [("Array", "``m`` with the elements below the ``k``-th diagonal set to zero, "
              "of its shape and dtype.")],
    "matrix_norm": [("Array", "The norm of each matrix: ``x``'s shape without its last "
                     "two axes (kept with length 1 when ``keepdims``), real.")],
    "vector_norm": [("Array", "The norm over ``axis`` (over all the elements when None), "
                     "real.")],
    "array_split": [_SPLIT],
    "dsplit": [_SPLIT],
    "hsplit": [_SPLIT],
    "vsplit": [_SPLIT],
}
#: Parameters whose NumPy description says something false here.
OWN_PARAMETERS = {
    "array_split": {"indices_or_sections": (
        "!int or 1-D array of ints", "A number of pieces (the first ``len % n`` one longer) "
        "or the sorted indices where the pieces start.")},
}

_ALIAS = re.compile(r"(?:Alias of :func:`|This is an alias of `)(\w+)`")


_F = "funcgrad.numpy."
#: See Also of the functions that have no NumPy namesake.
RELATED: dict[str, list[tuple[str, str]]] = {
    "at": [(_F + "UpdatableArray", "the arrays whose ``.at`` is this."),
           (_F + "scatter_add", "what ``.add`` binds."), (_F + "getitem", "what ``.get`` binds.")],
    "getitem": [(_F + "at", "functional updates of ``x[index]``."),
                (_F + "take", "indexing along one axis.")],
    "scatter_add": [(_F + "at", "``at(x)[index].add(updates)``, its usual spelling."),
                    ("numpy.ufunc.at", "NumPy's in-place ``np.add.at``.")],
    "integer_pow": [(_F + "power", "any exponent, differentiable in both."),
                    ("funcgrad.lax.integer_pow", "JAX's name.")],
}


def _see_also(name: str, numpy_prefix: str, anchor: Any, ours: ModuleType) -> list:
    """``numpy.<name>`` and the names of NumPy's See Also that ``ours`` has as well."""
    entries = [(f"{numpy_prefix}.{name}", "NumPy's function, which this one follows.")]
    lines: list[str] = []
    for line in section(contract(getattr(anchor, "__doc__", None) or ""), "See Also"):
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line)
    for line in lines:
        names, _, text = line.partition(" : ")
        for other in names.split(","):
            other = other.strip().removeprefix("numpy.").removeprefix("np.")
            theirs = getattr(ours, other, None) if other.isidentifier() else None
            if other and other != name and callable(theirs):
                # Full names, so that the link works on every page that shows the
                # docstring; NumPy's own functions that funcgrad.numpy passes on
                # link to NumPy's documentation.
                own = (getattr(theirs, "__module__", "") or "").startswith("funcgrad")
                full = f"{ours.__name__}.{other}" if own else f"{numpy_prefix}.{other}"
                entries.append((full, plain_text(text.strip()) if "," not in names else ""))
    return entries


def _star_args_only(fn: Any) -> bool:
    try:
        return list(inspect.signature(fn).parameters) == ["args"]
    except (TypeError, ValueError):
        return False


def complete_module(ours: ModuleType, theirs: ModuleType, numpy_prefix: str,
                    names: list[str]) -> None:
    """Add the missing sections to the docstrings of ``ours``'s functions ``names``."""
    for name in names:
        fn = getattr(ours, name, None)
        if fn is None or isinstance(fn, type) or not callable(fn) or not fn.__doc__:
            continue
        if not (getattr(fn, "__module__", "") or "").startswith("funcgrad"):
            continue  # NumPy's own function, passed on: its docstring is NumPy's
        anchor = getattr(theirs, name, None)
        # An alias (``acos(*args)`` of ``arccos``) is described as the function it calls.
        alias = _ALIAS.match(fn.__doc__)
        target = getattr(ours, alias.group(1), None) if alias else None
        signature_of = target if target is not None and _star_args_only(fn) else fn
        described_by = getattr(theirs, ANCHOR_NAMES.get(name, ""), None) or anchor
        if alias and getattr(theirs, alias.group(1), None) is not None:
            described_by = getattr(theirs, alias.group(1))
        table = {**PARAMETERS, **OWN_PARAMETERS[name]} if name in OWN_PARAMETERS \
            else PARAMETERS
        params, anchor_returns = anchor_sections(signature_of, described_by, table)
        returns: list[str] | list[tuple[str, str]] = anchor_returns
        if not anchor_returns or name in _PARAMETERS_ONLY:
            returns = RETURNS.get(name, [])
        see = _see_also(name, numpy_prefix, anchor, ours) if anchor is not None else []
        see += RELATED.get(name, [])
        complete(fn, parameters=params if takes_parameters(fn) else [], returns=returns,
                 see_also=see)
        inner = inspect.unwrap(fn)
        if inner is not fn and inner.__doc__ and "Returns" not in inner.__doc__:
            inner.__doc__ = fn.__doc__
