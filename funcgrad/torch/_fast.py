"""The torch face's fast path: one primitive on floating tensors of one dtype.

Most operations of a training loop apply one primitive to floating tensors of
one dtype, or to one such tensor and a Python number (``x * 2.0``, ``x @ W``,
``torch.tanh(h)``, ``r.sum()``). For them PyTorch's type promotion keeps the
dtype, no operand is converted and no outer transform traces a value, so the
general path (:func:`~funcgrad.torch._operands._binary`,
:meth:`~funcgrad.torch._graph.TorchTrace.process`,
:func:`~funcgrad.torch.tensor.record`) reduces to: compute under NumPy's quiet
error state, make the node, name it. This module does exactly that, with the
same nodes, edges, saved-value checks and hooks as the general path; anything
else (an integer or boolean tensor, mixed dtypes, a value traced by a
functional transform, a broadcasting error to report) returns ``None`` and the
caller takes the general path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.primitive import Primitive
from ._graph import (
    INFERENCE_STARTS,
    TRACE,
    Node,
    _in_quiet_context,
    _per_thread,
    _quiet_context,
    _state,
    forward_trace,
)
from ._names import node_name, saves
from ._saved import pack_saved
from .tensor import Tensor, _check_not_inference, _saved

# Native floating dtypes: promotion between two of one kind, or with a Python
# float or int, keeps it.
_FLOATING = frozenset(
    np.dtype(t) for t in (np.float16, np.float32, np.float64, np.complex64, np.complex128)
)
_NO_PARAMS: dict = {}
_ndarray = np.ndarray


def record_fresh(key: str, node: Node, inputs: tuple) -> Tensor:
    """:func:`record` for a node just recorded from ``inputs``, its arguments one per input
    (each input's node, or its value or number when it needs no gradient): what ``record``
    finds out by comparing (a new version counter, ``face_inputs`` the arguments) is known.
    """
    if _state.anomaly:
        node.where = forward_trace()  # type: ignore[attr-defined]  # a slot of ReverseTracer
    t = object.__new__(Tensor)
    t._trace = TRACE
    t._node = node
    t._vc = [0]
    t._view = None
    t._grad = None
    node.face = key
    node.face_inputs = node.args
    code = _SAVES.get(key)
    if code is None:
        code = _SAVES[key] = saves(key)
    if code:
        node.saved = _saved(code, inputs, t)
        if INFERENCE_STARTS:
            _check_not_inference(node.saved)
    if _state.saved_hooks:  # torch.autograd.graph.saved_tensors_hooks
        pack_saved(node, node_name(key), inputs, t)
    return t


_SAVES: dict[str, str] = {}  # saves(key), looked up once per operation name


def binary(key: str, prim: Primitive, x: Any, y: Any) -> Tensor | None:
    """``prim(x, y)`` recorded as torch operation ``key``, or ``None`` if not on the fast path.

    ``x`` and ``y`` are floating tensors of one dtype, or one of them is such a
    tensor and the other a Python ``float`` or ``int``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.primitives.elementwise import multiply_p
    >>> binary("mul", multiply_p, torch.ones(2, requires_grad=True), 3.0)
    tensor([3., 3.], grad_fn=<MulBackward0>)
    >>> binary("mul", multiply_p, torch.ones(2), torch.ones(2, dtype=torch.int64)) is None
    True
    """
    if isinstance(x, Tensor):
        nx = x._node
        px = nx.primal
        if type(px) is not _ndarray or px.dtype not in _FLOATING:
            return None
        if isinstance(y, Tensor):
            ny = y._node
            py = ny.primal
            if type(py) is not _ndarray or py.dtype != px.dtype:
                return None
            requires = nx.requires_grad or ny.requires_grad
            a = nx if nx.requires_grad else px
            b = ny if ny.requires_grad else py
        elif type(y) is float or type(y) is int:
            py = b = y
            requires = nx.requires_grad
            a = nx if requires else px
        else:
            return None
    elif type(x) is float or type(x) is int:
        if not isinstance(y, Tensor):
            return None
        ny = y._node
        py = ny.primal
        if type(py) is not _ndarray or py.dtype not in _FLOATING:
            return None
        px = a = x
        requires = ny.requires_grad
        b = ny if requires else py
    else:
        return None
    try:
        if _in_quiet_context.get():
            out = prim.impl(px, py)
        else:
            out = (_per_thread.context or _quiet_context()).run(prim.impl, px, py)
    except ValueError:
        return None  # shapes that do not broadcast: the general path reports them
    if type(out) is not _ndarray:
        out = np.asarray(out)  # NumPy returns 0-d results as scalars
    if requires and _state.grad_enabled and out.dtype.kind in "fc":
        return record_fresh(key, Node(TRACE, out, prim, (a, b), _NO_PARAMS), (x, y))
    return Tensor._from_node(Node(TRACE, out))


def unary(key: str, prim: Primitive, x: Any, params: dict = _NO_PARAMS) -> Tensor | None:
    """``prim(x, **params)`` recorded as torch operation ``key``, or ``None`` if ``x`` is not
    a floating tensor holding a NumPy array.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.primitives.elementwise import exp_p
    >>> unary("exp", exp_p, torch.zeros(2, requires_grad=True))
    tensor([1., 1.], grad_fn=<ExpBackward0>)
    """
    if not isinstance(x, Tensor):
        return None
    nx = x._node
    px = nx.primal
    if type(px) is not _ndarray or px.dtype not in _FLOATING:
        return None
    if _in_quiet_context.get():
        out = prim.impl(px, **params)
    else:
        out = (_per_thread.context or _quiet_context()).run(prim.impl, px, **params)
    if type(out) is not _ndarray:
        out = np.asarray(out)
    if nx.requires_grad and _state.grad_enabled and out.dtype.kind in "fc":
        return record_fresh(key, Node(TRACE, out, prim, (nx,), params), (x,))
    return Tensor._from_node(Node(TRACE, out))
