"""Freeing what a backward pass without ``retain_graph`` leaves behind, as PyTorch does.

In PyTorch a graph node holds the tensors it *saved* for backward, and nothing
else: intermediate values nobody saved die with their last Python reference,
and ``backward()`` frees the saved ones. Here a node of the graph is also the
value it computed (:class:`~funcgrad.torch._graph.Node` holds ``primal``), and
the equations that consumed it hold the node. So after ``backward()`` the
output would keep every intermediate array alive.

:func:`release` runs after a backward pass that does not retain the graph. It
marks the nodes that saved values as released (a later walk through one, or
``grad_fn._saved_*``, raises PyTorch's error) and drops their inputs. Then it
replaces by a *placeholder* (an array of the same shape and dtype that stores
one element, ``np.broadcast_to``) the value of every node that nothing can read
any more:

* no tensor handle, ``grad_fn`` object or equation outside the walked graph
  refers to the node (its reference count is fully explained by the walked
  equations that consume it: anything else, a user's variable or an equation
  recorded on the side, keeps the value);
* no walked equation that can still run reads it: a released node never runs
  again, and the equations in :data:`STRUCTURAL` (sums, reshapes, indexing,
  additions, ...) read only their operands' shapes and dtypes.

The graph keeps its shape: ``grad_fn``, ``next_functions`` and a second
backward through nodes that saved nothing (``(x + 1).sum()``) work as in
PyTorch, on shapes and dtypes.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..primitives.elementwise import add_p, astype_p, conj_p, imag_p, negative_p, real_p, subtract_p
from ..primitives.indexing import concatenate_p, getitem_p
from ..primitives.shape import broadcast_to_p, reshape_p, sum_p, transpose_p
from ..transforms.reverse import select_output_p
from ._graph import Node

# Primitives whose VJP reads neither their result nor their operands' values,
# only shapes, dtypes and parameters (linear maps and their relatives).
STRUCTURAL = frozenset({
    add_p, subtract_p, negative_p, real_p, imag_p, conj_p, astype_p, sum_p, reshape_p,
    transpose_p, broadcast_to_p, getitem_p, concatenate_p, select_output_p,
})

# References to a node the analysis itself holds while it looks at one: the
# ``order`` list and the argument of ``sys.getrefcount``.
_OWN_REFERENCES = 2


def placeholder(value: Any) -> Any:
    """An array with ``value``'s shape and dtype that stores a single element.

    Examples
    --------
    >>> import numpy as np
    >>> p = placeholder(np.ones((1000, 1000)))
    >>> p.shape, p.dtype, p.base.nbytes
    ((1000, 1000), dtype('float64'), 8)
    """
    if type(value) is tuple:
        return tuple(placeholder(v) for v in value)
    if type(value) is not np.ndarray or value.size <= 1:
        return value
    return np.broadcast_to(np.zeros((), value.dtype), value.shape)


def _walked(roots: list) -> list:
    """The recorded nodes reachable from ``roots`` through equations, consumers first."""
    seen: set[int] = set()
    order: list = []
    stack = list(roots)
    while stack:
        n = stack.pop()
        if id(n) in seen or type(n) is not Node or n.prim is None or n.args is None:
            continue
        seen.add(id(n))
        order.append(n)
        stack.extend(a for a in n.args if type(a) is Node)
    order.sort(key=lambda n: -n.seq)
    return order


def release(roots: list, visited: list) -> None:
    """Free what the backward pass from ``roots`` (without ``retain_graph``) leaves behind.

    ``visited`` are the walked nodes that saved values for backward: they are
    released (a later walk or ``_saved_*`` raises PyTorch's error).
    """
    released = {id(n) for n in visited}
    order = _walked(roots)
    graph_refs = _graph_references(order)
    in_visited = {id(n) for n in visited}
    live_consumer: set[int] = set()  # a consumer that a later walk can run
    value_read: set[int] = set()  # a consumer that can still run reads the value
    for i in range(len(order)):
        # Counted first, while only ``order`` and the call's argument hold the node.
        count = sys.getrefcount(order[i])
        n = order[i]
        k = id(n)
        expected = _OWN_REFERENCES + graph_refs.get(k, 0) + (k in in_visited)
        alive = count > expected or n.grad_fn_obj is not None
        runs_again = not (n.released or k in released) and (alive or k in live_consumer)
        reads = n.prim not in STRUCTURAL
        if not (alive or k in value_read or (runs_again and reads)):
            n.primal = placeholder(n.primal)
        if runs_again:
            _mark_inputs(n.args, reads, live_consumer, value_read)
        n = None  # no reference left to the node for the next one's count
    order.clear()
    for node in visited:
        # Its saved values are gone, as in PyTorch: a later walk through it raises.
        node.released = True
        node.args = None


def _graph_references(order: list) -> dict[int, int]:
    """References each node gets from the walked graph: its consumers' argument tuples and
    (when distinct) their face-level input tuples, each tuple counted once."""
    refs: dict[int, int] = {}
    tuples: set[int] = set()
    for c in order:
        for tup in (c.args, c.face_inputs):
            if tup is None or id(tup) in tuples:
                continue
            tuples.add(id(tup))
            for a in tup:
                if type(a) is Node:
                    refs[id(a)] = refs.get(id(a), 0) + 1
    return refs


def _mark_inputs(args: tuple, reads: bool, live_consumer: set, value_read: set) -> None:
    for a in args:
        if type(a) is Node:
            live_consumer.add(id(a))
            if reads:
                value_read.add(id(a))
