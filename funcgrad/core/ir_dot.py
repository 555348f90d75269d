"""Pictures of the IR: Graphviz DOT text, and SVG when a ``dot`` program is at hand.

:meth:`IR.to_dot <funcgrad.IR.to_dot>` draws one box per equation (the
primitive's name and its parameters) and one edge per use of a variable,
labelled with the variable's name as :func:`funcgrad.make_ir` prints it and its
type (``b:f64[3]``). Inputs, captured constants and outputs have shapes and
colours of their own. :meth:`IR.to_svg <funcgrad.IR.to_svg>` lays the DOT text
out with Graphviz: the system's ``dot`` if there is one, otherwise the
``graphviz-pure`` program that the optional extra ``funcgrad[graph]`` installs.

In a Jupyter notebook an IR shows itself as that picture, with its text folded
below it (``_repr_html_``, ``_repr_svg_``), when a ``dot`` program is found and
the graph has at most ``MAX_DRAWN_NODES`` nodes; otherwise as its text. A
missing Graphviz never makes displaying fail: :func:`svg_or_none` then gives
``None`` and Jupyter shows the next format.

(``funcgrad.torch`` draws the backward graph behind its tensors with the
renderer search and the node styles here:
``funcgrad.torch.autograd.graph.to_dot``, ``to_svg``, and ``draw``, which
returns a :class:`Drawing` that a notebook shows.)
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .ir import Literal, format_aval, format_param, var_names

if TYPE_CHECKING:
    from .ir import IR

__all__ = ["to_dot", "to_svg", "find_dot_program", "svg_or_none", "html_figure", "Drawing"]

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


# ---------------------------------------------------------------------------
# Rendering with Graphviz
# ---------------------------------------------------------------------------

_PROGRAMS = ("dot", "graphviz-pure")


def find_dot_program() -> str | None:
    """The path of a Graphviz ``dot`` program, or ``None``.

    Looked for on ``PATH`` and beside the running Python (a virtual
    environment's ``bin``, which need not be on ``PATH``): first Graphviz's own
    ``dot``, then ``graphviz-pure`` from the ``funcgrad[graph]`` extra.
    """
    scripts = Path(sysconfig.get_path("scripts"))
    for program in _PROGRAMS:
        found = shutil.which(program) or shutil.which(program, path=str(scripts))
        if found:
            return found
    return None


def _require_program(what: str) -> str:
    program = find_dot_program()
    if program is None:
        raise RuntimeError(
            f"Drawing {what} as SVG needs a Graphviz `dot` program, and none was found on "
            "PATH or beside this Python. Install the optional extra: "
            "`pip install 'funcgrad[graph]'` (it brings `graphviz-pure`, a self-contained "
            "`dot`), or Graphviz itself. The DOT text (`to_dot()`) needs neither."
        )
    return program


def _layout(program: str, dot: str) -> str:
    result = subprocess.run(
        [program, "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed to lay out the graph:\n{result.stderr.strip()}")
    return result.stdout


def to_svg(ir: IR, name: str = "ir") -> str:
    """The IR drawn as SVG text (see :func:`to_dot`), laid out by Graphviz."""
    return _layout(_require_program("an IR"), to_dot(ir, name))


# ---------------------------------------------------------------------------
# Pictures in Jupyter
# ---------------------------------------------------------------------------

# Graphs with more boxes than this are shown as text in a notebook: Graphviz takes
# seconds to lay out thousands of nodes, and nobody reads such a picture.
MAX_DRAWN_NODES = 400
_last_svg: tuple[str, str | None] = ("", None)  # (DOT text, its SVG): Jupyter asks twice


def svg_or_none(dot: str) -> str | None:
    """The SVG of ``dot`` for a notebook, or ``None`` (Jupyter then shows the next format).

    ``None`` when no ``dot`` program is installed, when the graph has more than
    ``MAX_DRAWN_NODES`` nodes, or when the layout fails: a picture is an
    extra, never an error. The last result is kept, because Jupyter asks for
    ``_repr_svg_`` and ``_repr_html_`` of the same object one after the other.
    """
    global _last_svg
    if _last_svg[0] == dot:
        return _last_svg[1]
    svg = None
    nodes = sum(1 for line in dot.splitlines() if " [label=" in line and " -> " not in line)
    program = find_dot_program()
    if program is not None and nodes <= MAX_DRAWN_NODES:
        try:
            svg = _layout(program, dot)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            svg = None
    _last_svg = (dot, svg)
    return svg


def html_figure(dot: str, text: str, title: str) -> str:
    """HTML for a notebook: the picture (when :func:`svg_or_none` gives one) above
    the text, which is folded under it; without a picture, the text alone."""
    body = f'<pre style="margin:0">{html.escape(text)}</pre>'
    svg = svg_or_none(dot)
    if svg is None:
        return body
    svg = svg[svg.find("<svg"):]  # without the XML prologue and DOCTYPE
    return (
        f"<div>{svg}<details><summary>{html.escape(title)}</summary>{body}</details></div>"
    )


class Drawing:
    """A Graphviz picture that a Jupyter notebook shows as SVG: what
    ``funcgrad.torch.autograd.graph.draw`` returns.

    ``source`` is the DOT text; :meth:`to_svg` lays it out (it needs a ``dot``
    program: Graphviz's, or ``graphviz-pure`` from ``funcgrad[graph]``). In a
    notebook the drawing shows itself as SVG when a ``dot`` program is found
    and as its DOT text otherwise.

    Examples
    --------
    >>> from funcgrad.core.ir_dot import Drawing
    >>> d = Drawing('digraph "g" {\\n  a -> b;\\n}\\n')
    >>> print(d.source.splitlines()[1].strip())
    a -> b;
    >>> d._repr_svg_() is None or "<svg" in d._repr_svg_()
    True
    """

    def __init__(self, source: str) -> None:
        self.source = source

    def to_svg(self) -> str:
        """The picture as SVG text; ``RuntimeError`` naming the extra when no ``dot`` is found."""
        return _layout(_require_program("a graph"), self.source)

    def _repr_svg_(self) -> str | None:
        return svg_or_none(self.source)

    def _repr_html_(self) -> str:
        return html_figure(self.source, self.source, "DOT source")

    def __repr__(self) -> str:
        return self.source
