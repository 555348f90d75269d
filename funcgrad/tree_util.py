"""Pytrees: ``funcgrad.tree_util`` (JAX's ``jax.tree_util``; see :mod:`funcgrad.core.tree_util`)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from .core import tree_util as _tu
from .core.tree_util import (
    DictKey,
    FlattenedIndexKey,
    GetAttrKey,
    Partial,
    PyTreeDef,
    SequenceKey,
    keystr,
    register_dataclass,
    register_pytree_node,
    register_pytree_node_class,
    register_pytree_with_keys,
    tree_transpose,
    tree_unflatten,
    treedef_is_leaf,
)

_F = TypeVar("_F", bound=Callable[..., Any])


def _users_view(fun: _F) -> _F:
    """``fun`` (a flattening function of the core) as users see it: types the transforms
    open but users keep whole (a ``funcgrad.torch`` tensor, see
    :func:`funcgrad.core.tree_util.register_users_leaf`) are leaves, as JAX treats a
    torch tensor."""
    parameter = inspect.signature(fun).parameters["is_leaf"]
    position = (list(inspect.signature(fun).parameters).index("is_leaf")
                if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD else None)

    @functools.wraps(fun)
    def public(*args: Any, **kwargs: Any) -> Any:
        if position is not None and len(args) > position:
            args = (*args[:position], _tu.users_is_leaf(args[position]), *args[position + 1:])
        else:
            kwargs["is_leaf"] = _tu.users_is_leaf(kwargs.get("is_leaf"))
        return fun(*args, **kwargs)

    return public  # type: ignore[return-value]


tree_all = _users_view(_tu.tree_all)
tree_flatten = _users_view(_tu.tree_flatten)
tree_flatten_with_path = _users_view(_tu.tree_flatten_with_path)
tree_leaves = _users_view(_tu.tree_leaves)
tree_leaves_with_path = _users_view(_tu.tree_leaves_with_path)
tree_map = _users_view(_tu.tree_map)
tree_map_with_path = _users_view(_tu.tree_map_with_path)
tree_reduce = _users_view(_tu.tree_reduce)
tree_structure = _users_view(_tu.tree_structure)

__all__ = [
    "DictKey", "FlattenedIndexKey", "GetAttrKey", "Partial", "PyTreeDef", "SequenceKey",
    "keystr", "register_dataclass", "register_pytree_node", "register_pytree_node_class",
    "register_pytree_with_keys", "tree_all", "tree_flatten", "tree_flatten_with_path",
    "tree_leaves", "tree_leaves_with_path", "tree_map", "tree_map_with_path", "tree_reduce",
    "tree_structure", "tree_transpose", "tree_unflatten", "treedef_is_leaf",
    "register_static", "register_pytree_with_keys_class",
]


def register_static(cls: type) -> type:
    """Register ``cls`` as a pytree with no leaves: an instance is static data.

    Transforms pass instances through unchanged, and ``jit`` keys its cache on
    them (so they must be hashable and compare by value), as JAX's
    ``jax.tree_util.register_static``. Usable as a decorator.

    Parameters
    ----------
    cls : type
        The class; its instances must be hashable.

    Returns
    -------
    type
        ``cls``, registered.

    See Also
    --------
    register_dataclass : a dataclass with static and data fields.

    Examples
    --------
    >>> import funcgrad as fg
    >>> @register_static
    ... class Config:
    ...     def __init__(self, scale):
    ...         self.scale = scale
    ...     def __hash__(self):
    ...         return hash(self.scale)
    ...     def __eq__(self, other):
    ...         return isinstance(other, Config) and other.scale == self.scale
    >>> tree_leaves([Config(3), 1.0])
    [1.0]
    >>> fg.jit(lambda c, x: x * c.scale)(Config(5), 2.0)
    array(10.)
    """
    register_pytree_node(cls, _no_children, _the_instance)
    return cls


def _no_children(obj):
    return (), obj


def _the_instance(aux, children):
    return aux


def register_pytree_with_keys_class(cls: type) -> type:
    """Register ``cls`` by its methods ``tree_flatten_with_keys`` and ``tree_unflatten``.

    ``obj.tree_flatten_with_keys()`` returns ``(((key, child), ...), aux_data)``
    and the class method ``cls.tree_unflatten(aux_data, children)`` rebuilds an
    instance; a ``tree_flatten`` method, when the class has one, is the faster
    flattening without keys (JAX's ``jax.tree_util.register_pytree_with_keys_class``).
    Usable as a decorator.

    Parameters
    ----------
    cls : type
        The class, with the methods above.

    Returns
    -------
    type
        ``cls``, registered.

    See Also
    --------
    register_pytree_node_class : the same without keys.

    Examples
    --------
    >>> @register_pytree_with_keys_class
    ... class Box:
    ...     def __init__(self, a, b):
    ...         self.a, self.b = a, b
    ...     def tree_flatten_with_keys(self):
    ...         return ((GetAttrKey("a"), self.a), (GetAttrKey("b"), self.b)), None
    ...     @classmethod
    ...     def tree_unflatten(cls, aux, children):
    ...         return cls(*children)
    >>> [(keystr(path), leaf) for path, leaf in tree_leaves_with_path(Box(1.0, {"c": 2.0}))]
    [('.a', 1.0), (".b['c']", 2.0)]
    """
    flatten = getattr(cls, "tree_flatten", None)
    register_pytree_with_keys(cls, lambda obj: obj.tree_flatten_with_keys(),
                              cls.tree_unflatten,  # type: ignore[attr-defined]
                              None if flatten is None else (lambda obj: obj.tree_flatten()))
    return cls
