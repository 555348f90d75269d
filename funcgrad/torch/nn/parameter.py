"""``nn.Parameter``: a tensor that a :class:`~funcgrad.torch.nn.Module` registers as a parameter.

>>> import funcgrad.torch as torch
>>> p = torch.nn.Parameter(torch.ones(2))
>>> p
Parameter containing:
tensor([1., 1.], requires_grad=True)
"""

from __future__ import annotations

from typing import Any

from .._graph import leaf
from ..factories import empty
from ..tensor import Tensor


class Parameter(Tensor):
    """A tensor that is a module parameter: assigning one to a module attribute registers it.

    ``Parameter(data)`` shares ``data``'s storage and is a new leaf that
    requires grad (unless ``requires_grad=False``). Operations on a parameter
    give plain tensors.

    Parameters
    ----------
    data : Tensor, optional
        The values (an empty tensor when omitted).
    requires_grad : bool
        Whether the parameter requires grad (default True).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
    >>> w.requires_grad, w.is_leaf, type(w * 2).__name__
    (True, True, 'Tensor')
    >>> torch.nn.Parameter(torch.zeros(2), requires_grad=False)
    Parameter containing:
    tensor([0., 0.])
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ()

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(
                f"Parameter expects a Tensor as its data, got {type(data).__name__}; "
                "wrap it first: nn.Parameter(torch.tensor(...))"
            )
        node = leaf(data.primal, False)
        p = cls._from_node(node, vc=data._vc)
        if requires_grad:
            p.requires_grad_(True)
        return p

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        pass  # all done in __new__

    def __repr__(self, *, tensor_contents: Any = None) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce__(self):
        # The class says PyTorch's module name; pickle finds it through this function.
        return (rebuild_parameter, (self.detach().clone(), self.requires_grad))

    def __deepcopy__(self, memo: dict) -> Parameter:
        if id(self) in memo:
            return memo[id(self)]
        out = Parameter(self.detach().clone(), self.requires_grad)
        memo[id(self)] = out
        return out


def rebuild_parameter(data: Tensor, requires_grad: bool) -> Parameter:
    """``Parameter(data, requires_grad)``: how a pickled parameter comes back.

    Examples
    --------
    >>> import pickle
    >>> import funcgrad.torch as torch
    >>> pickle.loads(pickle.dumps(torch.nn.Parameter(torch.ones(1))))
    Parameter containing:
    tensor([1.], requires_grad=True)
    """
    return Parameter(data, requires_grad)


class Buffer(Tensor):
    """A tensor that a module registers as a buffer when assigned to one of its attributes.

    ``Buffer(data, persistent=True)``: the module keeps it (it moves with
    ``to(dtype)``) and ``state_dict`` holds it unless ``persistent=False``.
    The module stores ``data`` itself, not the Buffer wrapper.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.Module()
    >>> m.steps = torch.nn.Buffer(torch.zeros(1))
    >>> list(m.state_dict())
    ['steps']
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ("persistent",)

    def __new__(cls, data: Tensor | None = None, *, persistent: bool = True) -> Buffer:
        if data is None:
            data = empty(0)
        b = cls._from_node(leaf(data.primal, False), vc=data._vc)
        b.persistent = persistent
        return b

    def __init__(self, data: Tensor | None = None, *, persistent: bool = True) -> None:
        pass


class _Uninitialized:
    """What PyTorch's ``UninitializedTensorMixin`` gives both kinds: a placeholder that
    prints as such and becomes ``cls_to_become`` in place, shaped, when materialised."""

    __slots__ = ()
    cls_to_become: type

    def __repr__(self, *, tensor_contents: Any = None) -> str:
        return f"<{type(self).__name__}>"

    __str__ = __repr__

    def materialize(self, shape: Any, device: Any = None, dtype: Any = None) -> None:
        """Give it its shape (values uninitialised) and make it a ``cls_to_become``."""
        if isinstance(shape, int):
            shape = (shape,)
        self.data = empty(*shape, dtype=dtype or self.dtype)  # type: ignore[attr-defined]
        self.__class__ = self.cls_to_become


class UninitializedParameter(_Uninitialized, Parameter):
    """A parameter whose shape is not known yet (the weights of ``LazyLinear`` before a forward).

    It holds no values: in-place fills on its ``.data`` do nothing. The lazy
    module materialises it in place on the first forward (the object becomes a
    :class:`Parameter` of the right shape), so an optimizer built before that
    still holds it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.nn.parameter.UninitializedParameter()
    >>> p
    <UninitializedParameter>
    >>> p.materialize((2, 3)); type(p).__name__, p.shape
    ('Parameter', torch.Size([2, 3]))
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ()
    cls_to_become = Parameter

    def __new__(cls, requires_grad: bool = True, device: Any = None,
                dtype: Any = None) -> UninitializedParameter:
        return super().__new__(cls, empty(0, dtype=dtype), requires_grad)

    def __init__(self, requires_grad: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        pass



class UninitializedBuffer(_Uninitialized, Tensor):
    """A buffer whose shape is not known yet (``LazyBatchNorm``'s running statistics).

    The lazy module materialises it in place on the first forward, or when a
    state dict is loaded, and it becomes a plain tensor.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> b = torch.nn.parameter.UninitializedBuffer()
    >>> b
    <UninitializedBuffer>
    >>> b.materialize((2,)); type(b).__name__, b.shape
    ('Tensor', torch.Size([2]))
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ()
    cls_to_become = Tensor

    def __new__(cls, requires_grad: bool = False, device: Any = None,
                dtype: Any = None, persistent: bool = True) -> UninitializedBuffer:
        b = cls._from_node(leaf(empty(0, dtype=dtype).primal, False))
        if requires_grad:
            b.requires_grad_(True)
        return b

    def __init__(self, requires_grad: bool = False, device: Any = None,
                 dtype: Any = None, persistent: bool = True) -> None:
        pass

