"""The ``funcgrad-ir-graph`` directive: a picture of an IR, drawn at build time.

The content is Python code that leaves an :class:`funcgrad.IR` in a variable
named ``ir``::

    .. funcgrad-ir-graph::
       :caption: The IR of ``grad(k)``.

       import funcgrad as fg, funcgrad.numpy as fnp
       ir = fg.make_ir(fg.grad(lambda x: fnp.sin(x) * x))(2.0)

or, for the backward graph behind ``funcgrad.torch`` tensors, the tensor (or
a list of them) in a variable named ``tensor``, and optionally names for the
leaves in ``params`` (drawn by ``funcgrad.torch.autograd.graph.to_svg``)::

    .. funcgrad-ir-graph::

       import funcgrad.torch as torch
       w = torch.ones(2, requires_grad=True)
       tensor, params = (w * w).sum(), {"w": w}

The directive runs the code, draws the IR with :meth:`funcgrad.IR.to_svg` into
``docs/generated/ir/`` (git-ignored, written anew on every build) and shows it
as a figure. Nothing is checked in, so a picture cannot go stale. Without a
Graphviz ``dot`` program (the ``graph`` extra that ``docs`` installs) it shows
the DOT text as a literal block and warns, which fails a ``-W`` build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.nodes import nested_parse_with_titles

logger = logging.getLogger(__name__)

OUT = "generated/ir"  # under the documentation's source folder


class IRGraph(Directive):
    has_content = True
    option_spec = {"caption": directives.unchanged, "alt": directives.unchanged}

    def run(self):
        env = self.state.document.settings.env
        code = "\n".join(self.content)
        namespace: dict = {}
        exec(compile(code, f"<funcgrad-ir-graph in {env.docname}>", "exec"), namespace)
        ir = namespace.get("ir")
        if ir is None and "tensor" in namespace:
            ir = _TorchGraph(namespace["tensor"], namespace.get("params"))
        if ir is None:
            raise self.error(
                "funcgrad-ir-graph: the code must leave an IR in a variable `ir` "
                "(or funcgrad.torch tensors in `tensor`)"
            )
        name = hashlib.sha1(f"{env.docname}\n{code}".encode()).hexdigest()[:12]
        caption = self.options.get("caption", "")
        alt = self.options.get("alt", caption or "A picture of the IR")

        from funcgrad.core.ir_dot import find_dot_program

        if find_dot_program() is None:
            logger.warning(
                "funcgrad-ir-graph: no Graphviz dot program (install funcgrad[graph]); "
                "showing the DOT text instead", location=(env.docname, self.lineno),
            )
            return [nodes.literal_block(ir.to_dot(), ir.to_dot(), language="dot")]

        folder = Path(env.srcdir) / OUT
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.svg").write_text(ir.to_svg(name=name), encoding="utf-8")
        lines = [f".. figure:: /{OUT}/{name}.svg", f"   :alt: {alt}", "   :align: center", ""]
        if caption:
            lines += [f"   {caption}", ""]
        node = nodes.Element()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, "<funcgrad-ir-graph>"), node)
        return node.children


class _TorchGraph:
    """The backward graph behind funcgrad.torch tensors, drawn like an IR."""

    def __init__(self, tensor, params):
        self.tensors = tensor if isinstance(tensor, (list, tuple)) else [tensor]
        self.params = params

    def to_dot(self):
        from funcgrad.torch.autograd.graph import to_dot

        return to_dot(*self.tensors, params=self.params)

    def to_svg(self, name):
        from funcgrad.torch.autograd.graph import to_svg

        return to_svg(*self.tensors, params=self.params, name=name)


def setup(app):
    app.add_directive("funcgrad-ir-graph", IRGraph)
    return {"parallel_read_safe": True, "version": "1"}
