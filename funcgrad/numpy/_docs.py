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
from types import ModuleType
from typing import Any

from ..core.docstrings import (
    anchor_sections,
    complete,
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
}


#: See Also of the functions that have no NumPy namesake.
RELATED: dict[str, list[tuple[str, str]]] = {
    "at": [("UpdatableArray", "the arrays whose ``.at`` is this."),
           ("scatter_add", "what ``.add`` binds."), ("getitem", "what ``.get`` binds.")],
    "getitem": [("at", "functional updates of ``x[index]``."),
                ("take", "indexing along one axis.")],
    "scatter_add": [("at", "``at(x)[index].add(updates)``, its usual spelling."),
                    ("numpy.ufunc.at", "NumPy's in-place ``np.add.at``.")],
    "integer_pow": [("power", "any exponent, differentiable in both."),
                    ("funcgrad.lax.integer_pow", "JAX's name.")],
}


def _see_also(name: str, numpy_prefix: str, anchor: Any, ours: ModuleType) -> list:
    """``numpy.<name>`` and the names of NumPy's See Also that ``ours`` has as well."""
    entries = [(f"{numpy_prefix}.{name}", "NumPy's function, which this one follows.")]
    lines: list[str] = []
    for line in section(getattr(anchor, "__doc__", None) or "", "See Also"):
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line)
    for line in lines:
        names, _, text = line.partition(" : ")
        for other in names.split(","):
            other = other.strip().removeprefix("numpy.").removeprefix("np.")
            if other and other != name and other.isidentifier() and \
                    callable(getattr(ours, other, None)):
                entries.append((other, plain_text(text.strip()) if "," not in names else ""))
    return entries


def complete_module(ours: ModuleType, theirs: ModuleType, numpy_prefix: str,
                    names: list[str]) -> None:
    """Add the missing sections to the docstrings of ``ours``'s functions ``names``."""
    for name in names:
        fn = getattr(ours, name, None)
        if fn is None or isinstance(fn, type) or not callable(fn) or not fn.__doc__:
            continue
        anchor = getattr(theirs, name, None)
        params, returns = anchor_sections(
            fn, anchor, PARAMETERS, default="As the parameter ``{name}`` of NumPy's function.")
        if not returns:
            returns = ["out : ndarray", "    The result (a traced value inside a transform)."]
        see = _see_also(name, numpy_prefix, anchor, ours) if anchor is not None else []
        see += RELATED.get(name, [])
        complete(fn, parameters=params if takes_parameters(fn) else [], returns=returns,
                 see_also=see)
        inner = inspect.unwrap(fn)
        if inner is not fn and inner.__doc__ and "Returns" not in inner.__doc__:
            inner.__doc__ = fn.__doc__
