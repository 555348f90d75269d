"""In-place operations: version counters, graph rewiring, and views writing back to
their base.

:func:`inplace` is ``Tensor._inplace``: it applies ``compute(old) -> new`` to a
tensor in place, bumps its version counter (so a backward pass that saved the
old value raises PyTorch's error), makes the tensor's node the new value's,
and, for a view, rewires its base's graph through the new value
(:func:`write_back`). The ``x.add_(y)`` family of methods is built here on it.
"""

from __future__ import annotations

import weakref

import numpy as np

from .. import numpy as fnp
from . import _graph
from ._graph import constant, is_grad_enabled, is_inference_node
from ._operands import _cast, _t
from .elementwise import (
    abs,
    add,
    ceil,
    clamp,
    clamp_max,
    clamp_min,
    cos,
    div,
    exp,
    floor,
    log,
    mul,
    neg,
    pow,
    reciprocal,
    relu,
    round,
    sigmoid,
    sin,
    sqrt,
    square,
    sub,
    tanh,
)
from .indexing import _index_set
from .shape import (
    _as_node,
    _getitem_node,
    _permute_node,
    _reshape_node,
    _shares,
    squeeze,
    t,
    unsqueeze,
)
from .tensor import (
    LEAF_INPLACE,
    OVERLAP,
    VIEW_OF_LEAF_INPLACE,
    Tensor,
    as_tensor_arg,
    record,
    scalar_type_name,
)

# ---------------------------------------------------------------------------
# The machinery
# ---------------------------------------------------------------------------

def inplace(self: Tensor, compute) -> Tensor:
    """Apply ``compute(old) -> new`` in place: bump the version, rewire the graph, write."""
    node = self._node
    if _graph.INFERENCE_STARTS and not _graph._state.inference and is_inference_node(node):
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can "
            "make a clone to get a normal tensor before doing inplace update.See "
            "https://github.com/pytorch/rfcs/pull/17 for more details."
        )
    recording = is_grad_enabled()
    if recording and node.requires_grad and node.prim is None:
        raise RuntimeError(LEAF_INPLACE)
    if recording and view_of_leaf(self):
        raise RuntimeError(VIEW_OF_LEAF_INPLACE)
    # The old value, as the in-place operation's own input: it is copied below
    # when the operation is recorded, so it has its own version counter.
    old = Tensor._from_node(node)
    new = compute(old)
    new_dt, dt = new._node.primal.dtype, node.primal.dtype
    if new_dt != dt:
        if dt.kind in "iub" and new_dt.kind in "fc" or (dt.kind != "c" and new_dt.kind == "c"):
            raise RuntimeError(
                f"result type {scalar_type_name(new.dtype)} can't be cast to the desired "
                f"output type {scalar_type_name(self.dtype)}"
            )
        new = new.to(self.dtype)
    if new._node.primal.shape != node.primal.shape:
        new = new.expand(self.shape) if recording else new
        if tuple(new.shape) != tuple(self.shape):
            raise RuntimeError(
                f"output with shape {list(self.shape)} doesn't match the broadcast shape "
                f"{list(new.shape)}"
            )
    new_node = new._node
    storage = node.primal
    recorded = new_node.prim is not None
    if isinstance(storage, np.ndarray) and isinstance(new_node.primal, np.ndarray):
        if recorded:
            node.primal = storage.copy()  # the old value stays in the graph
        if not storage.flags.writeable:
            node.primal = storage
            raise RuntimeError(OVERLAP)
        np.copyto(storage, new_node.primal, casting="unsafe")
        new_node.primal = storage
    elif not recorded:
        node.primal = new_node.primal
    if recorded:
        new_node.tensor = weakref.ref(self)
        self._node = new_node
        if self._view is not None:
            write_back(self)
    self._vc[0] += 1
    return self


def view_of_leaf(t: Tensor) -> bool:
    while t._view is not None:
        parent, kind, _ = t._view
        if kind in ("detach", "data"):
            return False
        t = parent
        if t._node.prim is None and t._node.requires_grad:
            return True
    return False


def write_back(view: Tensor) -> None:
    """After an in-place change of ``view``, make its base's graph go through the new value."""
    child = view
    while child._view is not None:
        parent, kind, param = child._view
        if kind in ("detach", "data"):
            return
        value = Tensor._from_node(child._node, vc=child._vc)
        base_old = Tensor._from_node(parent._node, vc=parent._vc)
        if kind == "index":
            new_parent = _index_set(base_old, param, value)
        elif kind == "reshape":
            new_parent = _reshape_node(value, parent.shape)
        elif kind == "permute":
            new_parent = _permute_node(value, tuple(np.argsort(param)))
        else:  # "alias"
            new_parent = value
        new_node = new_parent._node
        new_node.face = "copy_slices"
        new_node.face_inputs = (parent._node, child._node)
        if isinstance(parent._node.primal, np.ndarray):
            new_node.primal = parent._node.primal  # the base's storage, already written
        new_node.tensor = weakref.ref(parent)
        parent._node = new_node
        # The view now reads from the new base.
        if kind == "index":
            again = _getitem_node(Tensor._from_node(new_node), param)
        elif kind == "reshape":
            again = _reshape_node(Tensor._from_node(new_node), child.shape)
        elif kind == "permute":
            again = _permute_node(Tensor._from_node(new_node), param)
        else:
            again = Tensor._from_node(new_node)
        if again._node is not new_node:
            again._node.face = "as_strided"
            again._node.face_inputs = (new_node,)
            if isinstance(child._node.primal, np.ndarray):
                again._node.primal = child._node.primal
            again._node.tensor = weakref.ref(child)
            child._node = again._node
        child = parent


# ---------------------------------------------------------------------------
# In-place methods
# ---------------------------------------------------------------------------


def _inplace_method(name: str, fn):
    ufunc = _STORAGE_UFUNCS.get(fn)
    if ufunc is not None:

        def method(self, *args, **kwargs):
            if len(args) == 1 and not kwargs and _store_in_place(self, ufunc, args[0]):
                return self
            return self._inplace(lambda old: fn(old, *args, **kwargs))

    else:

        def method(self, *args, **kwargs):
            return self._inplace(lambda old: fn(old, *args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = _inplace_doc(name)
    return method


def _inplace_doc(name: str) -> str:
    data, args, out = _INPLACE_EXAMPLES[name]
    return f"""In-place :meth:`{name[:-1]}`: writes the result into this tensor and returns it.

    The tensor's version counter goes up by one, so a backward pass that
    needs its old value raises PyTorch's error. On a leaf that requires grad
    this is an error outside :func:`~funcgrad.torch.no_grad`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor({data})
    >>> x.{name}({args}) is x, x
    (True, {out})
    """


# name: (data, arguments, the tensor after the call); PyTorch prints the same.
_INPLACE_EXAMPLES = {
    "add_": ("[1.0, 4.0]", "1", "tensor([2., 5.])"),
    "sub_": ("[1.0, 4.0]", "1", "tensor([0., 3.])"),
    "mul_": ("[1.0, 4.0]", "2", "tensor([2., 8.])"),
    "div_": ("[1.0, 4.0]", "2", "tensor([0.5000, 2.0000])"),
    "pow_": ("[1.0, 4.0]", "2", "tensor([ 1., 16.])"),
    "clamp_": ("[1.0, 4.0]", "2, 3", "tensor([2., 3.])"),
    "clip_": ("[1.0, 4.0]", "2, 3", "tensor([2., 3.])"),
    "fill_": ("[1.0, 4.0]", "7", "tensor([7., 7.])"),
    "copy_": ("[1.0, 4.0]", "torch.tensor([5, 6])", "tensor([5., 6.])"),
    "neg_": ("[1.0, 4.0]", "", "tensor([-1., -4.])"),
    "exp_": ("[0.0, 1.0]", "", "tensor([1.0000, 2.7183])"),
    "log_": ("[1.0, 4.0]", "", "tensor([0.0000, 1.3863])"),
    "sqrt_": ("[1.0, 4.0]", "", "tensor([1., 2.])"),
    "abs_": ("[-1.0, 4.0]", "", "tensor([1., 4.])"),
    "relu_": ("[-1.0, 4.0]", "", "tensor([0., 4.])"),
    "sigmoid_": ("[0.0, 0.0]", "", "tensor([0.5000, 0.5000])"),
    "tanh_": ("[0.0, 1.0]", "", "tensor([0.0000, 0.7616])"),
    "sin_": ("[0.0, 1.0]", "", "tensor([0.0000, 0.8415])"),
    "cos_": ("[0.0, 1.0]", "", "tensor([1.0000, 0.5403])"),
    "clamp_min_": ("[-1.0, 4.0]", "0", "tensor([0., 4.])"),
    "clamp_max_": ("[-1.0, 4.0]", "0", "tensor([-1.,  0.])"),
    "floor_": ("[-1.5, 2.5]", "", "tensor([-2.,  2.])"),
    "ceil_": ("[-1.5, 2.5]", "", "tensor([-1.,  3.])"),
    "round_": ("[-1.5, 2.5]", "", "tensor([-2.,  2.])"),
    "square_": ("[-1.0, 4.0]", "", "tensor([ 1., 16.])"),
    "reciprocal_": ("[1.0, 4.0]", "", "tensor([1.0000, 0.2500])"),
}


def _shape_inplace_method(name: str, fn):
    """``t_``, ``squeeze_``, ``unsqueeze_``: in place only where the shape stays."""

    def method(self, *args, **kwargs):
        new_shape = fn(self.detach(), *args, **kwargs).shape
        if new_shape != self.shape:
            raise NotImplementedError(
                f"{name}(): changing a tensor's shape in place is not supported by "
                f"funcgrad.torch yet (here {list(self.shape)} -> {list(new_shape)}); "
                f"use `x = x.{name[:-1]}(...)` instead."
            )
        return self._inplace(lambda old: fn(old, *args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"""In-place :meth:`{name[:-1]}`, where it leaves the shape as it is.

    Differs from PyTorch: funcgrad cannot change a tensor's shape in place yet,
    so where :meth:`{name[:-1]}` would give another shape this raises
    ``NotImplementedError``; write ``x = x.{name[:-1]}(...)`` instead.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, 3)
    >>> {_SHAPE_INPLACE_EXAMPLES[name]}
    """
    return method


_SHAPE_INPLACE_EXAMPLES = {
    "t_": "torch.tensor([1.0, 2.0]).t_()\n    tensor([1., 2.])",
    "squeeze_": "x.squeeze_(0) is x, x.shape\n    (True, torch.Size([2, 3]))",
    "unsqueeze_": (
        "x.unsqueeze_(0)\n    Traceback (most recent call last):\n    ...\n"
        "    NotImplementedError: unsqueeze_(): changing a tensor's shape in place is not ..."
    ),
}


# Arithmetic whose in-place form can write straight into the storage when
# nothing is recorded (``w -= lr * w.grad`` under no_grad, ``.grad`` updates).
_STORAGE_UFUNCS = {add: np.add, sub: np.subtract, mul: np.multiply, div: np.true_divide}


def _unrecorded_storage(t: Tensor):
    """``t``'s array if an in-place change of ``t`` records nothing and may write it directly."""
    node = t._node
    storage = node.primal
    if type(storage) is not np.ndarray or not storage.flags.writeable:
        return None
    if _graph._state.grad_enabled and (
        node.requires_grad or t._view is not None and view_of_leaf(t)
    ):
        return None  # recorded, or an error (in-place on a leaf, a view of one)
    if _graph.INFERENCE_STARTS and not _graph._state.inference:
        return None  # maybe an inference tensor outside inference mode: the checked path
    return storage


def _store_in_place(self: Tensor, ufunc, other) -> bool:
    """``self op= other`` on the storage, as ``_inplace`` would when nothing is recorded.

    Only for the plain cases (a float tensor, and a Python number or a tensor
    of its dtype and shape or a 0-d one); returns False for the others, which
    take the general path.
    """
    storage = _unrecorded_storage(self)
    if storage is None or storage.dtype.kind not in "fc":
        return False
    if isinstance(other, Tensor):
        o = other._node
        value = o.primal
        if (
            _graph._state.grad_enabled and o.requires_grad
            or type(value) is not np.ndarray
            or value.dtype != storage.dtype
            or (value.shape != storage.shape and value.shape != ())
        ):
            return False
    elif type(other) in (int, float, bool):
        value = other
    else:
        return False
    _graph.quietly(ufunc, storage, value, out=storage)
    self._vc[0] += 1
    return True


def _zero(old):
    return _overwrite(old, 0, "zero")


def _zero_method(self) -> Tensor:
    """Fill the tensor with zeros in place (bumps its version); returns it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> (3 * x).sum().backward()
    >>> x.grad.zero_()
    tensor([0., 0.])
    """
    storage = _unrecorded_storage(self)
    if storage is not None:
        storage.fill(0)
        self._vc[0] += 1
        return self
    return self._inplace(_zero)


def _fill(old, value):
    return _overwrite(old, value, "fill")


def _copy(old, src, non_blocking=False):
    s = as_tensor_arg(src)
    return _overwrite(old, s if isinstance(s, Tensor) else _t(s), "copy")


def _overwrite(old: Tensor, value, key: str) -> Tensor:
    """``old`` replaced by ``value`` everywhere: the old value gets derivative zero.

    Written as a select with an all-true condition, so that it is recorded
    whenever the old value or ``value`` requires grad (PyTorch's FillBackward,
    ZeroBackward, CopyBackwards), and the gradient goes only to ``value``.
    """
    n = old._node
    shape = n.primal.shape
    src = value._node.primal if isinstance(value, Tensor) else value
    if (
        not (is_grad_enabled() and (n.requires_grad or _requires_grad(value)))
        and type(n.primal) is np.ndarray
        and n.primal.dtype.kind in "fc"
        and (type(src) in (int, float, bool) or type(src) is np.ndarray and src.dtype.kind != "c")
        and np.shape(src) in (shape, ())
    ):
        # Nothing to record: the new value is a fresh array (never the storage of
        # ``value``, which the in-place write may share).
        return record(key, constant(np.full(shape, src, n.primal.dtype)), ())
    if isinstance(value, Tensor):
        v = _cast(value, n.dtype)
    else:
        v = np.asarray(value, n.dtype)
    if np.shape(v) != shape:
        v = fnp.broadcast_to(v, shape)
    out = _as_node(fnp.where(np.ones(shape, np.bool_), v, n))
    if isinstance(out.primal, np.ndarray) and isinstance(value, Tensor):
        if _shares(out.primal, value._node.primal):
            out.primal = out.primal.copy()
    inputs = (old, value) if isinstance(value, Tensor) else (old,)
    return record(key, out, inputs)


def _requires_grad(x) -> bool:
    return isinstance(x, Tensor) and x._node.requires_grad


_inplace_table = {
    "add_": add,
    "sub_": sub,
    "mul_": mul,
    "div_": div,
    "pow_": pow,
    "clamp_": clamp,
    "clip_": clamp,
    "fill_": _fill,
    "copy_": _copy,
    "neg_": neg,
    "exp_": exp,
    "log_": log,
    "sqrt_": sqrt,
    "abs_": abs,
    "relu_": relu,
    "sigmoid_": sigmoid,
    "tanh_": tanh,
    "sin_": sin,
    "cos_": cos,
    "clamp_min_": clamp_min,
    "clamp_max_": clamp_max,
    "floor_": floor,
    "ceil_": ceil,
    "round_": round,
    "square_": square,
    "reciprocal_": reciprocal,
}
_shape_inplace_table = {"t_": t, "squeeze_": squeeze, "unsqueeze_": unsqueeze}
