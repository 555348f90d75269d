"""Graphviz: finding a ``dot`` program, laying DOT text out as SVG, and showing
the picture in a Jupyter notebook.

The DOT text itself is made by whoever draws: :mod:`funcgrad.core.ir_dot` for an
IR, ``funcgrad.torch.autograd.graph`` for a backward graph. Here is what they
share: the search for ``dot`` (Graphviz's own, or ``graphviz-pure`` from the
optional extra ``funcgrad[graph]``), the layout, and the notebook display.

In a notebook a picture shows itself as SVG when a ``dot`` program is found and
the graph has at most ``MAX_DRAWN_NODES`` nodes, and as its text otherwise: a
missing Graphviz never makes displaying fail. :func:`svg_or_none` then gives
``None`` and Jupyter shows the next format.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sysconfig
from pathlib import Path

__all__ = [
    "find_dot_program", "require_program", "layout", "svg_or_none", "html_figure", "Drawing",
    "MAX_DRAWN_NODES",
]

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


def require_program(what: str) -> str:
    """The ``dot`` program (:func:`find_dot_program`), or a ``RuntimeError`` that
    names the extra to install; ``what`` is what was to be drawn (``"an IR"``)."""
    program = find_dot_program()
    if program is None:
        raise RuntimeError(
            f"Drawing {what} as SVG needs a Graphviz `dot` program, and none was found on "
            "PATH or beside this Python. Install the optional extra: "
            "`pip install 'funcgrad[graph]'` (it brings `graphviz-pure`, a self-contained "
            "`dot`), or Graphviz itself. The DOT text (`to_dot()`) needs neither."
        )
    return program


def layout(program: str, dot: str) -> str:
    """``dot`` laid out as SVG text by ``program``; a ``RuntimeError`` when it fails."""
    result = subprocess.run(
        [program, "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed to lay out the graph:\n{result.stderr.strip()}")
    return result.stdout


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
            svg = layout(program, dot)
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
    >>> from funcgrad.core.graphviz import Drawing
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
        return layout(require_program("a graph"), self.source)

    def _repr_svg_(self) -> str | None:
        return svg_or_none(self.source)

    def _repr_html_(self) -> str:
        return html_figure(self.source, self.source, "DOT source")

    def __repr__(self) -> str:
        return self.source
