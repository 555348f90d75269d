"""``Tensor``: a handle on a node of the define-by-run graph, with PyTorch's autograd API.

The math methods (``x.exp()``, ``x + y``, ``x.sum(dim=0)``) are attached by
:mod:`funcgrad.torch.functions`; this module holds what is about the tensor
itself: ``requires_grad``, ``grad``, ``grad_fn``, ``is_leaf``, ``detach``,
hooks, ``data``, conversions, printing, and the machinery of in-place
operations (version counters, views writing back to their base).
"""

from __future__ import annotations

import builtins
import warnings
import weakref
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.trace import Tracer, full_lower
from ..core.tree_util import register_pytree_node, register_users_leaf
from . import _dtypes
from ._graph import (
    INFERENCE_STARTS,
    TRACE,
    Node,
    _state,
    constant,
    is_inference_node,
    leaf,
)
from ._names import grad_fn_of, node_name, saves
from ._saved import pack_saved
from .hooks import RemovableHandle  # noqa: F401 - imported from here by other modules too
from .tensor_values import TensorValues

if TYPE_CHECKING:
    # The methods funcgrad.torch attaches at import, declared for type checkers.
    from .tensor_signatures import TensorBase
else:
    TensorBase = object

# ---------------------------------------------------------------------------
# torch.Size
# ---------------------------------------------------------------------------


class Size(tuple):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(2, 3).shape
    torch.Size([2, 3])
    >>> torch.ones(2, 3).size() == (2, 3)
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(str(d) for d in self)}])"

    __str__ = __repr__

    def numel(self) -> int:
        n = 1
        for d in self:
            n *= d
        return n

    def __getitem__(self, item):
        out = tuple.__getitem__(self, item)
        return Size(out) if isinstance(item, slice) else out

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))


# ---------------------------------------------------------------------------
# Messages shared with the autograd engine
# ---------------------------------------------------------------------------

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information."
)
LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_OF_LEAF_INPLACE = (
    "a view of a leaf Variable that requires grad is being used in an in-place operation."
)
OVERLAP = (
    "unsupported operation: more than one element of the written-to tensor refers to a single "
    "memory location. Please clone() the tensor before performing the operation."
)


def legacy_type(t: Tensor) -> str:
    """``torch.FloatTensor``: PyTorch's legacy type name of a tensor."""
    return f"torch.{t.dtype._legacy}"


def scalar_type_name(d: _dtypes.dtype) -> str:
    """``Float``, ``Long``: the name PyTorch's C++ messages give a dtype."""
    return d._legacy[: -len("Tensor")]


# ---------------------------------------------------------------------------
# Tensor
# ---------------------------------------------------------------------------


class Tensor(TensorValues, Tracer, TensorBase):
    """A multi-dimensional array that can record the operations applied to it.

    Create tensors with the factories (:func:`funcgrad.torch.tensor`,
    :func:`~funcgrad.torch.ones`, ...). A tensor that requires grad records
    every operation on it; ``backward()`` then fills the ``.grad`` of the
    leaves it depends on.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.tensor([[1.0, -1.0]], requires_grad=True)
    >>> x = torch.tensor([[2.0], [3.0]])
    >>> loss = (w @ x).relu().sum()
    >>> w.is_leaf, loss.is_leaf, loss.grad_fn
    (True, False, <SumBackward0 object at ...>)
    >>> loss.backward()
    >>> w.grad
    tensor([[0., 0.]])
    >>> isinstance(w, torch.Tensor), type(w)
    (True, <class 'torch.Tensor'>)
    """

    # PyTorch's scripts print type(t): keep the name they print.
    __module__ = "torch"
    __slots__ = ("_node", "_vc", "_view", "_grad", "__weakref__")
    __hash__ = object.__hash__  # tensors hash by identity, as PyTorch's

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .factories import _legacy_constructor  # factories builds on this module

        t = _legacy_constructor(*args, **kwargs)
        self._trace = TRACE
        self._node = t._node
        self._node.tensor = weakref.ref(self)
        self._vc = t._vc
        self._view = None
        self._grad = None

    @classmethod
    def _from_node(cls, node: Node, vc: list | None = None, view: tuple | None = None) -> Tensor:
        t = object.__new__(cls)
        t._trace = TRACE
        t._node = node
        t._vc = vc if vc is not None else [0]
        t._view = view
        t._grad = None
        if node.tensor is None and node.prim is None:
            # A leaf knows its tensor (its .grad is filled); a recorded value only
            # when a hook or retain_grad asks, so the common path makes no weakref.
            node.tensor = weakref.ref(t)
        return t

    # -- the value ----------------------------------------------------------

    @property
    def primal(self) -> Any:
        """The value behind the tensor (a NumPy array, or an outer transform's tracer).

        funcgrad's own: the array itself, shared, with no checks (see :meth:`numpy`).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor([1.0, 2.0]).primal
        array([1., 2.], dtype=float32)
        """
        return self._node.primal

    def concrete(self) -> Any:
        """The value behind the tensor, as the kernel's tracers give it (see :attr:`primal`).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor(3).concrete()
        array(3)
        """
        return self._node.primal

    def _array(self) -> np.ndarray:
        return np.asarray(full_lower(self._node.primal))

    @property
    def shape(self) -> Size:
        """The shape, a :class:`Size` (``size()`` without an argument).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.zeros(2, 3).shape
        torch.Size([2, 3])
        """
        p = self._node.primal
        return Size(p.shape if type(p) is np.ndarray else np.shape(p))

    def size(self, dim: int | None = None):
        """The shape, or the length of dimension ``dim``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(2, 3).size(), torch.ones(2, 3).size(-1)
        (torch.Size([2, 3]), 3)
        """
        shape = self.shape
        if dim is None:
            return shape
        return shape[_wrap_dim(dim, len(shape))]

    @property
    def dtype(self) -> _dtypes.dtype:
        """The data type of the elements.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor([1.0]).dtype, torch.tensor([1]).dtype, torch.tensor([True]).dtype
        (torch.float32, torch.int64, torch.bool)
        """
        d = _dtypes._BY_NP.get(self._node.primal.dtype)
        return d if d is not None else _dtypes.to_torch(self._node.dtype)

    @property
    def ndim(self) -> int:
        """The number of dimensions (:meth:`dim`).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.zeros(2, 3).ndim, torch.tensor(1.0).ndim
        (2, 0)
        """
        p = self._node.primal
        return p.ndim if type(p) is np.ndarray else len(np.shape(p))

    def dim(self) -> int:
        """The number of dimensions (``ndimension()`` is the same method).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.zeros(2, 3).dim(), torch.zeros(2, 3).ndimension()
        (2, 2)
        """
        return self.ndim

    ndimension = dim

    def numel(self) -> int:
        """The number of elements (``nelement()`` is the same method).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.zeros(2, 3).numel(), torch.zeros(2, 3).nelement()
        (6, 6)
        """
        return self.shape.numel()

    nelement = numel

    def element_size(self) -> int:
        """The size of one element in bytes.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(2).element_size(), torch.ones(2, dtype=torch.float64).element_size()
        (4, 8)
        """
        return self.dtype.itemsize

    def is_floating_point(self) -> bool:
        """Whether the dtype is a floating point one.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(1).is_floating_point(), torch.tensor([1]).is_floating_point()
        (True, False)
        """
        return self.dtype.is_floating_point

    def is_complex(self) -> bool:
        """Whether the dtype is complex.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.tensor([1j]).is_complex(), torch.ones(1).is_complex()
        (True, False)
        """
        return self.dtype.is_complex

    @property
    def _version(self) -> int:
        if is_inference_node(self._node):
            raise RuntimeError("Inference tensors do not track version counter.")
        return self._vc[0]

    def is_inference(self) -> bool:
        """Whether the tensor was made in ``torch.inference_mode``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> with torch.inference_mode():
        ...     x = torch.ones(1)
        >>> x.is_inference(), torch.ones(1).is_inference()
        (True, False)
        """
        return is_inference_node(self._node)

    # -- autograd -----------------------------------------------------------

    @property
    def requires_grad(self) -> bool:
        """Whether autograd records operations on this tensor (settable on leaves).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> x.requires_grad, (x * 2).requires_grad, x.detach().requires_grad
        (True, True, False)
        >>> w = torch.zeros(2)
        >>> w.requires_grad = True
        >>> w
        tensor([0., 0.], requires_grad=True)
        """
        return self._node.requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        self.requires_grad_(
            value,
            _message="only Tensors of floating point and complex dtype can require gradients",
        )

    def requires_grad_(self, requires_grad: bool = True, *, _message=None) -> Tensor:
        """Set whether autograd records operations on this leaf; returns the tensor.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.ones(2).requires_grad_()
        tensor([1., 1.], requires_grad=True)
        """
        node = self._node
        if node.prim is not None:
            if not requires_grad:
                raise RuntimeError(
                    "you can only change requires_grad flags of leaf variables. If you want to "
                    "use a computed variable in a subgraph that doesn't require differentiation "
                    "use var_no_grad = var.detach()."
                )
            return self
        if requires_grad and self.dtype.np.kind not in "fc":
            raise RuntimeError(
                _message or "only Tensors of floating point dtype can require gradients"
            )
        if requires_grad and not _state.inference and is_inference_node(node):
            raise RuntimeError(
                "Setting requires_grad=True on inference tensor outside InferenceMode is not "
                "allowed."
            )
        node.requires_grad = bool(requires_grad)
        node.tensor = weakref.ref(self)
        return self

    @property
    def is_leaf(self) -> bool:
        """Whether the tensor was made by the user rather than recorded from an operation.

        Tensors that do not require grad are leaves too; only leaves get a
        ``.grad`` from ``backward()`` (unless :meth:`retain_grad` is called).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> x.is_leaf, (x * 2).is_leaf, torch.ones(2).is_leaf
        (True, False, True)
        """
        return self._node.prim is None

    @property
    def grad_fn(self):
        """The backward node of the operation that made this tensor, named as PyTorch names it.

        ``None`` for leaves. Its ``next_functions`` lead to the nodes of the inputs.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> y = (x * 2).sum()
        >>> y.grad_fn
        <SumBackward0 object at ...>
        >>> y.grad_fn.next_functions
        ((<MulBackward0 object at ...>, 0),)
        >>> x.grad_fn is None
        True
        """
        return grad_fn_of(self._node)

    @property
    def grad(self) -> Tensor | None:
        """The gradient ``backward()`` accumulated into this leaf (``None`` before).

        Each ``backward()`` adds to it; set it to ``None`` (or ``zero_()`` it)
        between steps. Reading it on a non-leaf warns, as PyTorch does.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> x.grad is None
        True
        >>> (x * x).sum().backward(); (x * x).sum().backward()
        >>> x.grad
        tensor([4., 8.])
        """
        node = self._node
        if node.prim is not None and not node.retains_grad:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value.shape != self.shape:
                raise RuntimeError("assigned grad has data of a different size")
        self._grad = value

    @grad.deleter
    def grad(self) -> None:
        self._grad = None

    @property
    def retains_grad(self) -> bool:
        """Whether :meth:`retain_grad` was called on this non-leaf tensor.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> y = torch.ones(2, requires_grad=True) * 2
        >>> y.retains_grad
        False
        >>> y.retain_grad(); y.retains_grad
        True
        """
        return self._node.prim is not None and self._node.retains_grad

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in ``.grad`` during ``backward()``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> y = x * 2
        >>> y.retain_grad()
        >>> (y * y).sum().backward()
        >>> y.grad
        tensor([4., 4.])
        """
        node = self._node
        if not node.requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if node.prim is None:
            return
        node.retains_grad = True
        node.tensor = weakref.ref(self)

    def register_hook(self, hook):
        """Call ``hook(grad)`` when this tensor's gradient is computed; it may return a replacement.

        Returns a handle whose ``remove()`` unregisters the hook.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> h = x.register_hook(lambda g: g * 10)
        >>> (x * 3).sum().backward()
        >>> x.grad
        tensor([30., 30.])
        >>> h.remove()
        """
        node = self._node
        if not node.requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if node.hooks is None:
            node.hooks = {}
        handle = RemovableHandle(node.hooks)
        node.hooks[handle.id] = hook
        if node.tensor is None:
            node.tensor = weakref.ref(self)
        return handle

    def detach(self) -> Tensor:
        """A tensor sharing this one's storage (and version counter) that does not require grad.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> x.detach()
        tensor([1., 1.])
        """
        return Tensor._from_node(
            constant(self._node.primal), vc=self._vc, view=(self, "detach", None)
        )

    def detach_(self) -> Tensor:
        """Make this tensor a leaf that does not require grad, in place; returns it.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> y = torch.ones(2, requires_grad=True) * 2
        >>> y.detach_() is y, y.is_leaf, y.requires_grad
        (True, True, False)
        """
        if self._view is not None and self._view[1] != "detach":
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using "
                "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set "
                "as True, gradients are views of DDP buckets, and hence detach_() cannot be "
                "called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution."
            )
        self._node = constant(self._node.primal)
        self._node.tensor = weakref.ref(self)
        return self

    @property
    def data(self) -> Tensor:
        """A tensor sharing this one's storage, outside autograd (its own version counter).

        Changing it changes the tensor without autograd noticing; assigning to
        ``x.data`` replaces the values. Prefer :meth:`detach` and ``no_grad``.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> x = torch.ones(2, requires_grad=True)
        >>> x.data.mul_(3)
        tensor([3., 3.])
        >>> x
        tensor([3., 3.], requires_grad=True)
        """
        return Tensor._from_node(constant(self._node.primal), view=(self, "data", None))

    @data.setter
    def data(self, value: Tensor) -> None:
        if not isinstance(value, Tensor):
            raise TypeError("data must be a Tensor")
        self._node.primal = value._node.primal


def _wrap_dim(dim: int, ndim: int) -> int:
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    return dim % n


# ---------------------------------------------------------------------------
# Recording the face operation behind a result
# ---------------------------------------------------------------------------


def record(key: str, out: Any, inputs: tuple, *, view: tuple | None = None, vc_of=None) -> Tensor:
    """Wrap the node ``out`` computed by torch operation ``key`` from ``inputs`` as a Tensor.

    Names its ``grad_fn`` (``key`` in :data:`funcgrad.torch._names.NODES`),
    remembers the tensor inputs for ``next_functions`` and takes the version
    of each value PyTorch saves for backward.
    """
    if type(out) is Node:
        node = out
    elif isinstance(out, Tensor):
        node = out._node
    elif isinstance(out, Node):
        node = out
    else:
        node = constant(out)
    vc = vc_of._vc if vc_of is not None else None
    if vc is None:
        for t in inputs:
            if isinstance(t, Tensor) and t._node is node:
                # The operation returned its input unchanged: a new handle on the same value.
                vc = t._vc
                break
    result = Tensor._from_node(node, vc=vc, view=view)
    if node.prim is not None and node.face is None:
        node.face = key
        node.face_inputs = _face_inputs(node.args, inputs)
        code = saves(key)
        if code:
            node.saved = _saved(code, inputs, result)
            if INFERENCE_STARTS:
                _check_not_inference(node.saved)
        if _state.saved_hooks:  # torch.autograd.graph.saved_tensors_hooks
            pack_saved(node, node_name(key), inputs, result)
    return result


def _check_not_inference(saved: tuple) -> None:
    for entry in saved:
        t = entry[2]() if entry[2] is not None else None
        if t is not None and is_inference_node(t._node):
            raise RuntimeError(
                "Inference tensors cannot be saved for backward. Please do not use Tensors "
                "created in inference mode in computation tracked by autograd. To work around "
                "this, you can make a clone to get a normal tensor and use it in autograd, or use "
                "`torch.no_grad()` instead of `torch.inference_mode()`."
            )


def _face_inputs(args: tuple, inputs: tuple) -> tuple:
    """What ``next_functions`` reads: per tensor input its node, anything else for the others.

    When the equation's own arguments are the operation's inputs (``x * 2``
    binds ``mul(x's node, 2)``), they are kept as they are: one object less
    per recorded value for Python's cyclic collector to scan. (An argument
    that does not require grad is its array there; it has no edge either way.)
    """
    if len(args) == len(inputs):
        for a, t in zip(args, inputs):
            if a is t:
                continue  # the same number
            if isinstance(t, Tensor) and (a is t._node or a is t._node.primal):
                continue
            break
        else:
            return args
    return tuple([t._node if isinstance(t, Tensor) else None for t in inputs])


def _saved(code: str, inputs: tuple, out: Tensor) -> tuple:
    """What PyTorch saves for backward: ``(version cell, version, tensor ref, is output, shape,
    dtype)``, the last two for the error message.

    A saved number (``x * 2`` saves the 2) has no version cell; it still makes
    the node one whose saved values a backward pass without ``retain_graph``
    frees.
    """
    if code == "cross":
        # Each factor is saved for the other's derivative: only if the other requires grad.
        if len(inputs) == 2:
            a, b = inputs
            chosen = []
            if isinstance(b, Tensor) and b._node.requires_grad:
                chosen.append(a)
            if isinstance(a, Tensor) and a._node.requires_grad:
                chosen.append(b)
        else:
            chosen = [
                t
                for i, t in enumerate(inputs)
                if builtins.any(
                    j != i and isinstance(u, Tensor) and u._node.requires_grad
                    for j, u in enumerate(inputs)
                )
            ]
    elif code == "self":
        chosen = inputs[:1]
    elif code == "in" or code == "in+out":
        chosen = inputs
    elif code == "other":
        chosen = inputs[1:2]
    else:  # "out"
        chosen = ()
    entries = []
    for t in chosen:
        if isinstance(t, Tensor):
            p = t._node.primal
            entries.append((t._vc, t._vc[0], weakref.ref(t), False, _shape(p), p.dtype))
    if code == "out" or code == "in+out":
        p = out._node.primal
        entries.append((out._vc, out._vc[0], None, True, _shape(p), p.dtype))
    if not entries:
        return _NUMBERS_SAVED if chosen else ()
    return tuple(entries)


_SHAPES: dict[tuple, tuple] = {}


def _shape(value: Any) -> tuple:
    """``value.shape``, one tuple per distinct shape (a saved entry keeps it for its
    message: a deep graph of one shape then keeps one tuple, not one per node)."""
    shape = value.shape
    kept = _SHAPES.get(shape)
    if kept is None:
        if len(_SHAPES) > 4096:
            return shape
        kept = _SHAPES[shape] = shape
    return kept


# What a node that saved only numbers keeps (one shared tuple): nothing to check.
_NUMBERS_SAVED = ((None, 0, None, False, (), None),)


def _label(shape: tuple, dtype: np.dtype) -> str:
    """``[torch.FloatTensor [2, 3]]``: how PyTorch's message names a saved value."""
    return f"[torch.{_dtypes.to_torch(dtype)._legacy} [{', '.join(str(n) for n in shape)}]]"


def check_saved(node: Node) -> None:
    """Raise PyTorch's error if a value ``node`` saved for backward was changed in place."""
    for vc, version, ref, is_output, shape, dtype in node.saved:
        if vc is None or vc[0] == version:
            continue
        if is_output:
            which = f", which is output 0 of {_short_name(node_name(node.face))},"
        else:
            t = ref()
            which = ""
            if t is not None and t._node.prim is not None:
                which = f", which is output 0 of {_short_name(t.grad_fn._torch_name)},"
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {_label(shape, dtype)}{which} is at version {vc[0]}; expected "
            f"version {version} instead. Hint: enable anomaly detection to find the operation "
            "that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, "
            "check_nan=False)."
        )


def _short_name(name: str) -> str:
    i = name.rfind("Backward")
    return name[:i] if i > 0 else name


# ---------------------------------------------------------------------------
# Tensors as pytrees: the functional transforms see a tensor's array
# ---------------------------------------------------------------------------

_ARRAY_LIKE = (np.ndarray, np.generic, int, float, complex, bool)


def _flatten_tensor(t: Tensor) -> tuple[tuple, None]:
    # One child, the array. Autograd state (requires_grad, grad_fn, .grad) is not
    # part of the structure: a tensor that requires grad and one that does not
    # flatten alike, so a cotangent tensor matches the output it belongs to.
    return (t._node.primal,), None


def _unflatten_tensor(aux: None, children) -> Any:
    (value,) = children
    if isinstance(value, Tensor):
        return value  # a tree of tensors put in a tensor's place (jacrev of tensors)
    if isinstance(value, _ARRAY_LIKE) or isinstance(value, Tracer) and type(value) is not Node:
        return Tensor._from_node(constant(value))
    return value  # not an array (None, a shape, ...): nothing to wrap


register_pytree_node(Tensor, _flatten_tensor, _unflatten_tensor)
# The transforms look inside a tensor; funcgrad.tree / funcgrad.tree_util keep it whole, as
# JAX treats a torch tensor (``tree_map(np.asarray, batch)`` gives arrays).
register_users_leaf(Tensor)


def as_tensor_arg(x: Any) -> Any:
    """``x`` as an operand: Tensors and numbers stay, a NumPy array becomes a constant tensor."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return Tensor._from_node(leaf(x, False))
    return x
