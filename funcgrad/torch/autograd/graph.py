"""``torch.autograd.graph``: pictures of the backward graph.

:func:`to_dot` draws the graph that ``backward()`` walks from some tensors,
the way :meth:`funcgrad.IR.to_dot` draws an IR (the same node styles): one box
per backward node, named as PyTorch names it (``MulBackward0``), one oval per
leaf that requires grad (its ``AccumulateGrad`` node, with the leaf's type),
one edge per ``next_functions`` entry, pointing the way the values flowed
forward and labelled with the value's type (``f32[3]``). :func:`to_svg` lays
the text out with Graphviz, and :func:`draw` returns a picture that a Jupyter
notebook shows. The picture is what ``torchviz.make_dot`` shows for real
PyTorch, without the ``graphviz`` package.

>>> import funcgrad.torch as torch
>>> w = torch.ones(2, requires_grad=True)
>>> print(torch.autograd.graph.to_dot((w * w).sum(), params={"w": w}).count("->"))
4
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from typing import Any

from ...core.graphviz import Drawing
from ...core.ir import format_aval
from ...core.ir_dot import EQN, INPUT, OUTPUT, find_dot_program, quote
from ...core.primitive import ShapedArray
from ...transforms.reverse import select_output_p
from .._names import accumulate_grad_of
from ..tensor import Tensor
from .saved_hooks import (
    Node,
    SavedTensor,
    disable_saved_tensors_hooks,
    save_on_cpu,
    saved_tensors_hooks,
)

__all__ = [
    "draw",
    "to_dot",
    "to_svg",
    "Node",
    "SavedTensor",
    "saved_tensors_hooks",
    "save_on_cpu",
    "disable_saved_tensors_hooks",
]


def draw(*outputs: Any, params: Mapping[str, Any] | None = None,
         name: str = "autograd") -> Drawing:
    """The backward graph behind ``outputs`` as a picture that a notebook shows.

    What ``torchviz.make_dot`` gives for PyTorch: evaluate it as the last line of a
    Jupyter cell and the graph of :func:`to_dot` appears, drawn as SVG when a
    Graphviz ``dot`` program is found (``pip install 'funcgrad[graph]'``), and
    as its DOT text otherwise.

    Parameters
    ----------
    *outputs : Tensor
        The tensors whose graph to draw (a list or tuple of them works too).
    params : mapping of str to Tensor, optional
        Names for leaves (``dict(model.named_parameters())``), shown in their ovals.
    name : str
        The name of the ``digraph``.

    Returns
    -------
    funcgrad.core.graphviz.Drawing
        ``.source`` is the DOT text of :func:`to_dot`; ``.to_svg()`` lays it out.

    See Also
    --------
    to_dot, to_svg

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.ones(2, requires_grad=True)
    >>> picture = torch.autograd.graph.draw((w * w).sum(), params={"w": w})
    >>> print(picture.source.splitlines()[0])
    digraph "autograd" {
    >>> "AccumulateGrad" in picture.source and "MulBackward0" in picture.source
    True
    """
    return Drawing(to_dot(*outputs, params=params, name=name))


def to_dot(*outputs: Any, params: Mapping[str, Any] | None = None, name: str = "autograd") -> str:
    """The backward graph behind ``outputs`` as Graphviz DOT text.

    Parameters
    ----------
    *outputs : Tensor
        The tensors whose graph to draw (a list or tuple of them works too).
    params : mapping of str to Tensor, optional
        Names for leaves, as ``torchviz.make_dot``'s ``params`` (for instance
        ``dict(w=w, b=b)``): a named leaf's oval shows its name.
    name : str
        The name of the ``digraph``.

    Returns
    -------
    str
        DOT text: backward nodes are boxes named like PyTorch's (``MulBackward0``),
        leaves that require grad are ``AccumulateGrad`` ovals with their type
        (``f32[3]``), outputs are octagons; an edge goes from each entry of a
        node's ``next_functions`` to the node, labelled with the type of the value
        that flowed forward along it, and numbered (its place in ``next_functions``)
        when several edges come in.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(3, requires_grad=True)
    >>> y = (x * 2).sum()
    >>> dot = torch.autograd.graph.to_dot(y)
    >>> print(dot.splitlines()[0])
    digraph "autograd" {
    >>> for line in dot.splitlines():
    ...     if " shape=" in line:  # a node: its name and label
    ...         print(line.split(" [")[0].strip(), line.split("label=")[1].split(" shape=")[0])
    fn0 "SumBackward0"
    fn1 "MulBackward0"
    fn2 "AccumulateGrad\\nf32[3]"
    out0 "output 0\\nf32[]"
    >>> for line in dot.splitlines():
    ...     if "->" in line:
    ...         print(line.strip())
    fn1 -> fn0 [label="f32[3]"];
    fn2 -> fn1 [label="f32[3]"];
    fn0 -> out0;
    """
    tensors = _tensors(outputs)
    leaf_names: dict[int, str] = {}
    for key, t in (params or {}).items():
        if not isinstance(t, Tensor):
            raise TypeError(f"to_dot: params[{key!r}] is a {type(t).__name__}, not a Tensor")
        leaf_names[id(t._node)] = str(key)

    ids: dict[int, str] = {}  # id(grad_fn) -> DOT node
    lines = [
        f"digraph {quote(name)} {{",
        '  graph [rankdir=TB nodesep=0.3 ranksep=0.35 fontname="Helvetica"];',
        '  node [fontname="Helvetica" fontsize=11 height=0.3];',
        '  edge [fontname="Helvetica" fontsize=9 color="#4b5563" arrowsize=0.6];',
    ]
    edges: list[str] = []

    def visit(fn) -> str:
        node_id = ids.get(id(fn))
        if node_id is None:
            node_id = ids[id(fn)] = f"fn{len(ids)}"
            queue.append(fn)
        return node_id

    queue: list = []
    roots = []
    for t in tensors:
        fn = t.grad_fn
        if fn is None and t._node.requires_grad:
            fn = accumulate_grad_of(t._node)
        roots.append(None if fn is None else visit(fn))

    # Breadth first from the outputs: each node is written once, before its inputs.
    i = 0
    while i < len(queue):
        fn = queue[i]
        i += 1
        here = ids[id(fn)]
        lines.append(f"  {here} [label={quote(_fn_label(fn, leaf_names))} {_style(fn)}];")
        entries = fn.next_functions
        # Number the edges when several come in: the order of the operands matters (sub).
        many = sum(nxt is not None for nxt, _ in entries) > 1
        for position, ((nxt, index), value) in enumerate(zip(entries, fn._input_nodes())):
            if nxt is None:
                continue  # an input that does not require grad
            attrs = []
            label = _value_label(value, nxt, index)
            if label:
                attrs.append(f"label={quote(label)}")
            if many:
                attrs.append(f'headlabel="{position}" labelfontsize=8')
            extra = f" [{' '.join(attrs)}]" if attrs else ""
            edges.append(f"  {visit(nxt)} -> {here}{extra};")

    for k, (t, root) in enumerate(zip(tensors, roots)):
        label = f"output {k}\n{_type(t._node.primal)}"
        lines.append(f"  out{k} [label={quote(label)} {OUTPUT}];")
        if root is not None:
            edges.append(f"  {root} -> out{k};")

    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(*outputs: Any, params: Mapping[str, Any] | None = None, name: str = "autograd") -> str:
    """The backward graph behind ``outputs`` drawn as SVG text by Graphviz (see :func:`to_dot`).

    Needs a ``dot`` program: Graphviz's own, or the ``graphviz-pure`` program
    of the optional extra (``pip install 'funcgrad[graph]'``), as
    :meth:`funcgrad.IR.to_svg` does. Without one it raises a ``RuntimeError``
    that says so.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> loss = (w * w).sum()
    >>> svg = torch.autograd.graph.to_svg(loss, params={"w": w})
    >>> svg.lstrip().startswith("<?xml") and "MulBackward0" in svg
    True
    """
    program = find_dot_program()
    if program is None:
        raise RuntimeError(
            "Drawing a graph as SVG needs a Graphviz `dot` program, and none was found on "
            "PATH or beside this Python. Install the optional extra: "
            "`pip install 'funcgrad[graph]'` (it brings `graphviz-pure`, a self-contained "
            "`dot`), or Graphviz itself. `torch.autograd.graph.to_dot(...)` works without either."
        )
    text = to_dot(*outputs, params=params, name=name)
    result = subprocess.run(
        [program, "-Tsvg"], input=text, capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed to lay out the graph:\n{result.stderr.strip()}")
    return result.stdout


def _tensors(outputs: tuple) -> list:
    if len(outputs) == 1 and isinstance(outputs[0], (list, tuple)):
        outputs = tuple(outputs[0])
    if not outputs:
        raise TypeError("to_dot() needs at least one tensor to draw the graph behind")
    for k, t in enumerate(outputs):
        if not isinstance(t, Tensor):
            raise TypeError(f"to_dot: output {k} is a {type(t).__name__}, not a Tensor")
    return list(outputs)


def _type(value: Any) -> str:
    """``f32[2,3]``: the type of a value, as the IR pictures write it."""
    try:
        return format_aval(ShapedArray(value.shape, value.dtype))
    except (AttributeError, TypeError):
        return ""


def _fn_label(fn, leaf_names: dict) -> str:
    name = fn._torch_name
    if name != "AccumulateGrad":
        return name
    lines = [name, _type(fn._node.primal)]
    given = leaf_names.get(id(fn._node))
    return "\n".join([given, *lines] if given is not None else lines)


def _style(fn) -> str:
    return INPUT if fn._torch_name == "AccumulateGrad" else EQN


def _value_label(value: Any, producer, index: int) -> str:
    """The type of the value an edge carries; which result, for a node with several."""
    if value is None:
        return ""
    label = _type(value.primal)
    several = producer._outputs is not None or (
        value.prim is select_output_p and value.face is None
    )
    if several:
        label += f" (output {index})"
    return label
