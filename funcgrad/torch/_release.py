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
one element, ``np.broadcast_to``) every walked value of at least
:data:`MIN_BYTES` that nothing can read any more:

* no tensor handle, ``grad_fn`` object or equation outside the walk refers to
  the node (its reference count is fully explained by the walked equations
  that consume it: anything else, a user's variable or an equation recorded on
  the side, keeps the value);
* no equation that can run again reads it: the node itself and each walked
  equation consuming it is released (it never runs again) or one of
  :data:`STRUCTURAL` (sums, reshapes, indexing, additions, ...), whose rules
  read only shapes and dtypes.

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

# An array smaller than this stays: its placeholder would not be much smaller.
MIN_BYTES = 1024

_zeros: dict[np.dtype, np.ndarray] = {}


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
    dtype = value.dtype
    zero = _zeros.get(dtype)
    if zero is None:
        zero = np.zeros((), dtype)
        zero.flags.writeable = False  # so every array made on it is read-only
        _zeros[dtype] = zero
    if dtype.hasobject:
        return np.broadcast_to(zero, value.shape)
    # What np.broadcast_to(zero, shape) makes (a read-only view of ``zero`` whose strides
    # are all 0), for a fifth of its cost.
    return np.ndarray(value.shape, dtype, zero, 0, (0,) * value.ndim)


def _large(value: Any) -> bool:
    if type(value) is tuple:
        return any(_large(v) for v in value)
    return type(value) is np.ndarray and value.nbytes >= MIN_BYTES


def release(walked: list, visited: list) -> None:
    """Free what a backward pass without ``retain_graph`` leaves behind.

    ``walked`` are the recorded nodes the pass went through, ``visited`` those
    of them that saved values for backward: they are released (a later walk or
    ``_saved_*`` raises PyTorch's error) and drop their inputs. Before that, the
    large values of ``walked`` that nothing can read any more become placeholders.
    """
    candidates = {}
    for n in walked:
        p = n.primal
        if type(p) is np.ndarray:
            if p.nbytes >= MIN_BYTES and not _freed(p):
                candidates[id(n)] = n
        elif type(p) is tuple and _large(p) and not _freed(p):
            candidates[id(n)] = n
    n = None  # the loop's last node is no longer held here (see _free_values' count)
    if candidates:
        _free_values(walked, candidates)
    for node in visited:
        node.released = True
        node.args = None


def _freed(value: Any) -> bool:
    """Whether ``value`` is a placeholder already (a view of one of the cached zeros)."""
    if type(value) is tuple:
        return all(_freed(v) for v in value)
    base = getattr(value, "base", None)
    return base is not None and base is _zeros.get(value.dtype)


def _free_values(walked: list, candidates: dict) -> None:
    # References each candidate gets from the walked graph: its consumers' argument
    # tuples and (when distinct) face-level input tuples, each tuple counted once.
    refs = dict.fromkeys(candidates, 0)
    counted: set[int] = set()
    read: set[int] = set()  # read by an equation that can run again
    for c in walked:
        # A walked node that saved values (c.saved) is released by this pass.
        reads = not c.saved and c.prim not in STRUCTURAL
        args, face_inputs = c.args, c.face_inputs
        for tup in (args,) if face_inputs is args else (args, face_inputs):
            if tup is None or id(tup) in counted:
                continue
            hits = [id(a) for a in tup if id(a) in candidates and type(a) is Node]
            if not hits:
                continue
            counted.add(id(tup))
            for k in hits:
                refs[k] += 1
                if reads and tup is c.args:
                    read.add(k)
    c = tup = None
    for k in list(candidates):
        # Held here by ``walked``, ``candidates``, the call's argument, and ``visited``
        # (a node that saved values): anything more is a tensor, a grad_fn or an
        # equation outside the walk that can still read the value.
        count = sys.getrefcount(candidates[k])
        n = candidates[k]
        released = bool(n.saved)
        expected = 3 + released + refs[k]
        if (
            count == expected
            and n.grad_fn_obj is None
            and (released or n.prim in STRUCTURAL)
            and k not in read
        ):
            n.primal = placeholder(n.primal)
        n = None
