"""Pictures of the IR: Graphviz DOT text, and SVG when a ``dot`` program is at hand.

:meth:`IR.to_dot <funcgrad.IR.to_dot>` draws one box per equation (the
primitive's name and its parameters) and one edge per use of a variable,
labelled with the variable's name as :func:`funcgrad.make_ir` prints it and its
type (``b:f64[3]``). Inputs, captured constants and outputs have shapes and
colours of their own. :meth:`IR.to_svg <funcgrad.IR.to_svg>` lays the DOT text
out with Graphviz: the system's ``dot`` if there is one, otherwise the
``graphviz-pure`` program that the optional extra ``funcgrad[graph]`` installs.

In a Jupyter notebook an IR shows itself as that picture with its text folded
below it, or as its text alone without a ``dot`` program
(:mod:`funcgrad.core.graphviz`).

(``funcgrad.torch`` draws the backward graph behind its tensors with the node
styles here: ``funcgrad.torch.autograd.graph.to_dot``, ``to_svg``, and
``draw``, which returns a picture that a notebook shows.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .graphviz import find_dot_program, layout, require_program
from .ir import Literal, format_aval, format_param, var_names

if TYPE_CHECKING:
    from .ir import IR

__all__ = ["to_dot", "to_svg", "find_dot_program"]

INPUT = 'shape=ellipse style=filled fillcolor="#dbeafe" color="#1d4ed8"'
_CONST = 'shape=note style=filled fillcolor="#f3f4f6" color="#6b7280"'
_LITERAL = 'shape=plaintext fontcolor="#6b7280"'
EQN = 'shape=box style="rounded,filled" fillcolor="#fefce8" color="#a16207"'
_DEAD_EQN = 'shape=box style="rounded,dashed" color="#9ca3af" fontcolor="#6b7280"'
OUTPUT = 'shape=doubleoctagon style=filled fillcolor="#dcfce7" color="#15803d"'


def quote(text: str) -> str:
    """A DOT string: backslashes and quotes escaped, newlines as centred line breaks."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def _short_const(value) -> str:
    """The value of a captured scalar constant (``" = 1.0"``); nothing for an array."""
    arr = np.asarray(value)
    if arr.ndim == 0 and arr.dtype.kind in "biufc":
        return f" = {arr.item():.6g}" if arr.dtype.kind in "fc" else f" = {arr.item()!r}"
    return ""


def to_dot(ir: IR, name: str = "ir") -> str:
    """The IR as a Graphviz ``digraph``, one box per equation.

    Variables carry the names that ``str(ir)`` gives them, so the picture and
    the printout can be read side by side.
    """
    names: dict[int, str] = {}
    fresh = var_names()
    # Name the variables in the order format_ir does: constants, inputs, then
    # each equation's outputs.
    for v in [*ir.constvars, *ir.invars, *(o for e in ir.eqns for o in e.outputs)]:
        names[id(v)] = next(fresh)

    lines = [
        f"digraph {quote(name)} {{",
        '  graph [rankdir=TB nodesep=0.3 ranksep=0.35 fontname="Helvetica"];',
        '  node [fontname="Helvetica" fontsize=11 height=0.3];',
        '  edge [fontname="Helvetica" fontsize=9 color="#4b5563" arrowsize=0.6];',
    ]
    producer: dict[int, str] = {}  # id(var) -> the node that makes it

    for i, (v, c) in enumerate(zip(ir.constvars, ir.consts)):
        node = f"const{i}"
        producer[id(v)] = node
        label = f"const {names[id(v)]}{_short_const(c)}\n{format_aval(v.aval)}"
        lines.append(f"  {node} [label={quote(label)} {_CONST}];")
    for i, v in enumerate(ir.invars):
        node = f"in{i}"
        producer[id(v)] = node
        label = f"input {names[id(v)]}\n{format_aval(v.aval)}"
        lines.append(f"  {node} [label={quote(label)} {INPUT}];")

    # Equations none of whose results is used are drawn dashed: a transform
    # may leave them in (the forward value inside the IR of a gradient).
    used = {id(v) for v in ir.outvars}
    used.update(id(a) for e in ir.eqns for a in e.inputs)
    literals = 0
    edges: list[str] = []

    def edge(atom, target: str, extra: str = "") -> None:
        nonlocal literals
        if isinstance(atom, Literal):
            node = f"lit{literals}"
            literals += 1
            lines.append(f"  {node} [label={quote(repr(atom))} {_LITERAL}];")
            edges.append(f"  {node} -> {target} [style=dashed{extra}];")
            return
        label = f"{names[id(atom)]}:{format_aval(atom.aval)}"
        edges.append(f"  {producer[id(atom)]} -> {target} [label={quote(label)}{extra}];")

    for i, eqn in enumerate(ir.eqns):
        node = f"eqn{i}"
        label = eqn.prim.name
        if eqn.params:
            label += "\n" + "\n".join(f"{k}={format_param(v)}" for k, v in eqn.params.items())
        dead = not any(id(v) in used for v in eqn.outputs)
        if dead:
            label += "\n(result unused)"
        lines.append(f"  {node} [label={quote(label)} {_DEAD_EQN if dead else EQN}];")
        for position, atom in enumerate(eqn.inputs):
            # Number the operands when there are several: their order matters (sub, div).
            many = len(eqn.inputs) > 1
            edge(atom, node, f' headlabel="{position}" labelfontsize=8' if many else "")
        for v in eqn.outputs:
            producer[id(v)] = node

    for i, v in enumerate(ir.outvars):
        node = f"out{i}"
        lines.append(f"  {node} [label={quote(f'output {i}')} {OUTPUT}];")
        edge(v, node)

    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(ir: IR, name: str = "ir") -> str:
    """The IR drawn as SVG text (see :func:`to_dot`), laid out by Graphviz."""
    return layout(require_program("an IR"), to_dot(ir, name))
