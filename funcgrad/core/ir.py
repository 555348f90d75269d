"""The intermediate representation: a flat list of equations between typed variables.

An :class:`IR` is what :func:`funcgrad.make_ir` returns and what ``jit``
replays: inputs, constants, equations ``outs = prim[params](ins)`` and outputs.
Printed, it reads like a jaxpr::

    { lambda ; a:f64[3]. let
        b:f64[3] = sin a
        c:f64[3] = mul b 2.0
      in (c,) }
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from .graphviz import html_figure, svg_or_none
from .primitive import Primitive, ShapedArray


class Var:
    """A typed variable of the IR: an input, a constant or an equation's output.

    Parameters
    ----------
    aval : ShapedArray
        Its shape and dtype.

    See Also
    --------
    Literal : a constant written into an equation.

    Examples
    --------
    >>> import funcgrad as fg
    >>> ir = fg.make_jaxpr(lambda x: x * 2.0)(1.0)
    >>> ir.invars[0], ir.eqns[0].invars[0] is ir.invars[0]
    (Var(float64[]), True)
    """

    __slots__ = ("aval", "count")
    _counter = itertools.count()

    def __init__(self, aval: ShapedArray) -> None:
        self.aval = aval
        self.count = next(Var._counter)

    def __repr__(self) -> str:
        return f"Var({self.aval})"


_SCALAR_AVALS = {kind: ShapedArray((), np.result_type(kind(0))) for kind in (float, bool, complex)}


class Literal:
    """A Python scalar written into an equation.

    Parameters
    ----------
    value : scalar
        The value (also ``val``, JAX's name).

    See Also
    --------
    Var : the IR's other kind of input to an equation.

    Examples
    --------
    >>> import funcgrad as fg
    >>> (eqn,) = fg.make_jaxpr(lambda x: x * 2.0)(1.0).eqns
    >>> lit = eqn.invars[1]
    >>> lit, lit.val, lit.aval
    (2.0, 2.0, ShapedArray((), float64))
    """

    __slots__ = ("value", "aval")

    def __init__(self, value: Any) -> None:
        self.value = value
        kind = type(value)
        if kind is float or kind is bool or kind is complex:  # (staging makes many)
            self.aval = _SCALAR_AVALS[kind]
        elif isinstance(value, np.generic):
            self.aval = ShapedArray((), value.dtype)
        else:
            self.aval = ShapedArray(np.shape(value), np.result_type(value))

    @property
    def val(self) -> Any:
        """The value (JAX's name for it: interpreters read ``literal.val``)."""
        return self.value

    def __repr__(self) -> str:
        value = self.value
        # NumPy 2 scalars repr as np.float64(2.0); the IR shows the number.
        return repr(value.item() if isinstance(value, np.generic) else value)


class Eqn:
    """One equation: ``outputs = prim[params](inputs)``.

    ``primitive``, ``invars`` and ``outvars`` are JAX's names for ``prim``,
    ``inputs`` and ``outputs``, so custom interpreters written against
    ``jaxpr.eqns`` read an IR unchanged.

    Parameters
    ----------
    prim : Primitive
        The operation.
    inputs : list of Var or Literal
        Its operands.
    outputs : list of Var
        Its results (one unless the primitive has multiple results).
    params : dict
        The primitive's static parameters, passed to ``prim.bind`` as keywords.

    See Also
    --------
    IR : the list of equations.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> ir = fg.make_jaxpr(lambda x: fnp.sum(fnp.sin(x)))(fnp.ones(3))
    >>> for eqn in ir.eqns:
    ...     print(eqn.primitive, eqn.invars, eqn.outvars, eqn.params)
    sin [Var(float64[3])] [Var(float64[3])] {}
    reduce_sum [Var(float64[3])] [Var(float64[])] {'axis': (0,), 'keepdims': False}
    """

    __slots__ = ("prim", "inputs", "outputs", "params")

    def __init__(self, prim: Primitive, inputs: list, outputs: list[Var], params: dict) -> None:
        self.prim = prim
        self.inputs = inputs
        self.outputs = outputs
        self.params = params

    @property
    def primitive(self) -> Primitive:
        """The primitive (JAX's name for :attr:`prim`)."""
        return self.prim

    @property
    def invars(self) -> list:
        """The inputs, variables and literals (JAX's name for :attr:`inputs`)."""
        return self.inputs

    @property
    def outvars(self) -> list[Var]:
        """The outputs (JAX's name for :attr:`outputs`)."""
        return self.outputs

    def __repr__(self) -> str:
        return f"Eqn({self.prim.name}, {self.inputs!r} -> {self.outputs!r}, {self.params!r})"


class IR:
    """A traced function: ``outvars = eqns(invars, constvars)``.

    ``str(ir)`` prints it; :func:`eval_ir` evaluates it, under any transform.
    In a Jupyter notebook it shows itself as a picture (:meth:`to_svg`) with its
    text folded below, or as its text when no Graphviz ``dot`` program is
    installed (``pip install 'funcgrad[graph]'`` brings one).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> ir = fg.make_ir(lambda x: fnp.exp(x) + 1.0)(np.zeros(2))
    >>> len(ir.eqns), ir.invars[0].aval
    (2, ShapedArray((2,), float64))
    >>> ir(np.zeros(2))
    [array([2., 2.])]
    """

    __slots__ = ("invars", "constvars", "consts", "eqns", "outvars", "in_tree", "out_tree")

    def __init__(self, invars, constvars, consts, eqns, outvars, in_tree=None, out_tree=None):
        self.invars = invars
        self.constvars = constvars
        self.consts = consts
        self.eqns = eqns
        self.outvars = outvars
        self.in_tree = in_tree
        self.out_tree = out_tree

    def __call__(self, *args: Any) -> list[Any]:
        return eval_ir(self, *args)

    @property
    def jaxpr(self) -> IR:
        """The IR itself. JAX's ``make_jaxpr`` returns a closed jaxpr (the constants'
        values) around an open one (the equations); an IR is both, so programs that
        read ``make_jaxpr(f)(x).jaxpr.eqns`` run unchanged."""
        return self

    @property
    def literals(self) -> list[Any]:
        """The constants' values, in the order of ``constvars`` (JAX's
        ``ClosedJaxpr.literals``; also :attr:`consts`)."""
        return self.consts

    @property
    def in_avals(self) -> list[ShapedArray]:
        """The shape and dtype of each input."""
        return [v.aval for v in self.invars]

    @property
    def out_avals(self) -> list[ShapedArray]:
        """The shape and dtype of each output (literal outputs included)."""
        return [v.aval for v in self.outvars]

    def __str__(self) -> str:
        return format_ir(self)

    __repr__ = __str__

    def _repr_pretty_(self, p, cycle) -> None:  # IPython
        p.text(str(self))

    def _repr_svg_(self) -> str | None:
        """Jupyter: the picture of :meth:`to_dot`, or ``None`` without a ``dot`` program
        (or for a graph too large to draw), and Jupyter shows the next format."""
        return svg_or_none(self.to_dot())

    def _repr_html_(self) -> str:
        """Jupyter: the picture (when there is one) with the text folded below it,
        otherwise the text, as ``str(ir)`` prints it."""
        return html_figure(self.to_dot(), str(self), "IR as text")

    def to_dot(self, name: str = "ir") -> str:
        """The IR as Graphviz DOT text: one box per equation, one edge per use of a variable.

        Each equation is a box with its primitive's name and parameters; each
        edge is a variable, labelled with its name as ``str(ir)`` prints it and
        its type (``b:f64[3]``). Inputs are blue ovals, captured constants grey
        notes, Python-scalar literals plain text, outputs green octagons. No
        Graphviz is needed to make the text; :meth:`to_svg` lays it out.

        Examples
        --------
        >>> import funcgrad as fg, funcgrad.numpy as fnp
        >>> ir = fg.make_ir(lambda x: fnp.sin(x) * 2.0)(fnp.ones(3))
        >>> dot = ir.to_dot()
        >>> print(dot.splitlines()[0])
        digraph "ir" {
        >>> for line in dot.splitlines():
        ...     if "->" in line:
        ...         print(line.strip())
        in0 -> eqn0 [label="a:f64[3]"];
        eqn0 -> eqn1 [label="b:f64[3]" headlabel="0" labelfontsize=8];
        lit0 -> eqn1 [style=dashed headlabel="1" labelfontsize=8];
        eqn1 -> out0 [label="c:f64[3]"];
        """
        from .ir_dot import to_dot  # ir_dot draws with this module's helpers: loaded on use

        return to_dot(self, name)

    def to_svg(self, name: str = "ir") -> str:
        """The IR drawn as SVG text by Graphviz (the picture of :meth:`to_dot`).

        Needs a ``dot`` program: Graphviz's own, or the ``graphviz-pure``
        program of the optional extra (``pip install 'funcgrad[graph]'``).
        Without one it raises a ``RuntimeError`` that says so.

        Examples
        --------
        >>> import funcgrad as fg, funcgrad.numpy as fnp
        >>> ir = fg.make_ir(lambda x: fnp.sin(x) * 2.0)(fnp.ones(3))
        >>> svg = ir.to_svg()
        >>> svg.lstrip().startswith("<?xml") and "<svg" in svg
        True
        """
        from .ir_dot import to_svg  # (as in to_dot)

        return to_svg(self, name)


def eval_ir(ir: IR, *args: Any) -> list[Any]:
    """Evaluate ``ir`` on ``args`` (flat), binding each primitive in turn.

    Because it binds, evaluation happens under whatever transforms are active:
    ``grad`` of a replayed IR differentiates it.
    """
    if len(args) != len(ir.invars):
        raise TypeError(f"the IR takes {len(ir.invars)} inputs, got {len(args)}")
    env: dict[int, Any] = {}
    for v, x in zip(ir.constvars, ir.consts):
        env[id(v)] = x
    for v, x in zip(ir.invars, args):
        env[id(v)] = x

    def read(atom):
        return atom.value if isinstance(atom, Literal) else env[id(atom)]

    for eqn in ir.eqns:
        out = eqn.prim.bind(*[read(a) for a in eqn.inputs], **eqn.params)
        if eqn.prim.multiple_results:
            for v, o in zip(eqn.outputs, out):
                env[id(v)] = o
        else:
            env[id(eqn.outputs[0])] = out
    return [read(v) for v in ir.outvars]


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------

_SHORT_DTYPES = {
    "float64": "f64", "float32": "f32", "float16": "f16", "int64": "i64", "int32": "i32",
    "int16": "i16", "int8": "i8", "uint8": "u8", "bool": "bool", "complex128": "c128",
    "complex64": "c64",
}


def format_aval(aval: ShapedArray) -> str:
    dtype = _SHORT_DTYPES.get(aval.dtype.name, aval.dtype.name)
    return f"{dtype}[{','.join(map(str, aval.shape))}]"


def var_names():
    # a, b, ..., z, ba, bb, ... as jaxprs do.
    letters = "abcdefghijklmnopqrstuvwxyz"
    for n in itertools.count(1):
        for combo in itertools.product(letters, repeat=n):
            if n > 1 and combo[0] == "a":
                continue
            yield "".join(combo)


def format_param(value: Any) -> str:
    if isinstance(value, np.dtype) or (isinstance(value, type) and issubclass(value, np.generic)):
        return np.dtype(value).name
    if isinstance(value, IR):
        return "{ ... }"
    return repr(value)


def format_ir(ir: IR) -> str:
    names: dict[int, str] = {}
    fresh = var_names()

    def name(v):
        if isinstance(v, Literal):
            return repr(v)
        if id(v) not in names:
            names[id(v)] = next(fresh)
        return names[id(v)]

    def binder(v):
        return f"{name(v)}:{format_aval(v.aval)}"

    consts = " ".join(binder(v) for v in ir.constvars)
    ins = " ".join(binder(v) for v in ir.invars)
    lines = [f"{{ lambda {consts}; {ins}. let"]
    for eqn in ir.eqns:
        outs = " ".join(binder(v) for v in eqn.outputs)
        params = ""
        if eqn.params:
            params = "[" + " ".join(f"{k}={format_param(v)}" for k, v in eqn.params.items()) + "]"
        args = " ".join(name(a) for a in eqn.inputs)
        lines.append(f"    {outs} = {eqn.prim.name}{params} {args}".rstrip())
    outs = ", ".join(name(v) for v in ir.outvars)
    lines.append(f"  in ({outs}{',' if len(ir.outvars) == 1 else ''}) }}")
    return "\n".join(lines)
