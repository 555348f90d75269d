"""Ahead-of-time stages of a jitted function, as JAX's: ``jit(f).trace(x)`` gives the
traced function (its IR as ``.jaxpr``), ``.lower()`` the generated NumPy source,
``.compile()`` a callable bound to that one signature.

JAX lowers to StableHLO and compiles with XLA; here lowering writes the NumPy
code ``jit`` runs (``as_text()`` shows it, as :func:`funcgrad.make_source`
does) and compiling compiles that Python code.

>>> import funcgrad as fg, funcgrad.numpy as fnp, numpy as np
>>> traced = fg.jit(lambda x: fnp.sin(x) * 2).trace(np.ones(3))
>>> print(traced.jaxpr)
{ lambda ; a:f64[3]. let
    b:f64[3] = sin a
    c:f64[3] = mul b 2
  in (c,) }
>>> compiled = traced.lower().compile()
>>> compiled(np.zeros(3))
array([0., 0., 0.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.array import as_result
from ..core.ir import IR
from ..core.shape_dtype import ShapeDtypeStruct
from ..core.tree_util import PyTreeDef, tree_flatten

__all__ = ["Traced", "Lowered", "Compiled"]


def _weak_scalars(tree: Any, signature: tuple) -> Any:
    """Python numbers among the arguments take the dtype compiled for them (JAX's weak
    types: a function compiled for int32 scalars takes ``3``)."""
    leaves, treedef = tree_flatten(tree)
    if len(leaves) != len(signature):
        return tree
    out = [np.asarray(x, dtype) if type(x) in (int, float, complex, bool) and shape == ()
           and np.can_cast(np.min_scalar_type(x), dtype, "same_kind") else x
           for x, (shape, dtype) in zip(leaves, signature)]
    return treedef.unflatten(out)


class _Stage:
    """What every stage knows: the signature it was traced for and how to run it."""

    def __init__(self, name: str, ir: IR, in_tree: PyTreeDef, out_tree: PyTreeDef,
                 key: Any, signature: Callable[[tuple, dict], Any],
                 compile_entry: Callable[[], Callable], source: Callable[[], str]) -> None:
        self.fun_name = name
        self._ir, self._in_tree, self._out_tree = ir, in_tree, out_tree
        self._key, self._signature = key, signature
        self._compile_entry, self._source = compile_entry, source

    @property
    def out_info(self) -> Any:
        """The output's structure with a :class:`~funcgrad.ShapeDtypeStruct` per array."""
        return self._out_tree.unflatten(
            [ShapeDtypeStruct(v.aval.shape, v.aval.dtype) for v in self._ir.outvars])

    @property
    def in_avals(self) -> Any:
        """The inputs' structure with a :class:`~funcgrad.ShapeDtypeStruct` per array."""
        return self._in_tree.unflatten(
            [ShapeDtypeStruct(v.aval.shape, v.aval.dtype) for v in self._ir.invars])


class Traced(_Stage):
    """``jit(f).trace(*args)``: ``f`` staged for the arguments' shapes and dtypes."""

    @property
    def jaxpr(self) -> IR:
        """The traced function's IR (JAX's closed jaxpr; ``.jaxpr`` of it is itself)."""
        return self._ir

    def lower(self) -> Lowered:
        """The generated NumPy code for this signature."""
        return Lowered(self.fun_name, self._ir, self._in_tree, self._out_tree, self._key,
                       self._signature, self._compile_entry, self._source)


class Lowered(_Stage):
    """``jit(f).lower(*args)``: the NumPy source ``jit`` generates for one signature."""

    def as_text(self) -> str:
        """The generated module: imports, constants and the function."""
        return self._source()

    def compile(self) -> Compiled:
        """The source compiled: a callable for arguments of this signature only."""
        return Compiled(self.fun_name, self._ir, self._in_tree, self._out_tree, self._key,
                        self._signature, self._compile_entry, self._source)


class Compiled(_Stage):
    """``jit(f).lower(*args).compile()``: call it with arguments of the same structure,
    shapes and dtypes, leaving out the static ones (their values were fixed when
    tracing); anything else raises, as JAX's does.

    >>> import funcgrad as fg
    >>> compiled = fg.jit(lambda n, y: n * 2 + y, static_argnums=0).trace(7, 8).lower().compile()
    >>> compiled(5)
    array(19)
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._run = self._compile_entry()

    def as_text(self) -> str:
        """The generated module that runs."""
        return self._source()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # As JAX's: the static arguments were fixed when tracing; pass only the others.
        _, signature, static, static_kw = self._key
        args, kwargs = _weak_scalars((args, kwargs), signature)
        if static:
            full = list(args)
            for i, value in static:
                full.insert(i, value)
            args = tuple(full)
        if static_kw:
            kwargs = {**kwargs, **dict(static_kw)}
        key, leaves = self._signature(args, kwargs)
        if key != self._key:
            raise TypeError(
                f"Computation compiled for input types {self._describe(self._key)} called "
                f"with input types {self._describe(key)}; call jit(f) itself to trace "
                f"again for new shapes, dtypes or static values")
        return self._out_tree.unflatten([as_result(o) for o in self._run(*leaves)])

    @staticmethod
    def _describe(key: Any) -> str:
        _, signature, static, static_kw = key
        shapes = ", ".join(f"{dtype}{list(shape)}" for shape, dtype in signature)
        extra = f"; static {static}{static_kw or ''}" if static or static_kw else ""
        return f"({shapes}{extra})"
