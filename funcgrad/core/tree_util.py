"""Pytrees: nested tuples, lists, dicts, namedtuples, None and registered classes.

Transforms flatten their arguments to a list of leaves (arrays) and a
:class:`PyTreeDef` that rebuilds the structure, so that a gradient has the same
structure as its argument.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple

__all__ = [
    "PyTreeDef", "tree_flatten", "tree_unflatten", "tree_map", "tree_leaves",
    "tree_structure", "register_pytree_node",
]


class _NodeType(NamedTuple):
    to_iterable: Callable[[Any], tuple[Iterable[Any], Hashable]]
    from_iterable: Callable[[Hashable, Iterable[Any]], Any]


_registry: dict[type, _NodeType] = {}


def register_pytree_node(
    nodetype: type,
    flatten_func: Callable[[Any], tuple[Iterable[Any], Hashable]],
    unflatten_func: Callable[[Hashable, Iterable[Any]], Any],
) -> None:
    """Teach the transforms to look inside instances of ``nodetype``.

    Parameters
    ----------
    nodetype : type
        The class to register.
    flatten_func : callable
        ``flatten_func(obj) -> (children, aux_data)``; ``aux_data`` must be hashable.
    unflatten_func : callable
        ``unflatten_func(aux_data, children) -> obj``.

    Examples
    --------
    >>> class Point:
    ...     def __init__(self, x, y):
    ...         self.x, self.y = x, y
    >>> register_pytree_node(Point, lambda p: ((p.x, p.y), None),
    ...                      lambda aux, xy: Point(*xy))
    >>> tree_leaves(Point(1.0, [2.0, 3.0]))
    [1.0, 2.0, 3.0]
    """
    if nodetype in _registry:
        raise ValueError(f"{nodetype.__name__} is already registered as a pytree node")
    _registry[nodetype] = _NodeType(flatten_func, unflatten_func)


register_pytree_node(tuple, lambda t: (t, None), lambda _, xs: tuple(xs))
register_pytree_node(list, lambda t: (t, None), lambda _, xs: list(xs))
register_pytree_node(
    dict,
    lambda d: (tuple(d[k] for k in sorted(d)), tuple(sorted(d))),
    lambda keys, xs: dict(zip(keys, xs)),
)
register_pytree_node(type(None), lambda _: ((), None), lambda _, __: None)


def _node_type(x: Any) -> _NodeType | None:
    node = _registry.get(type(x))
    if node is None and isinstance(x, tuple) and hasattr(x, "_fields"):
        # Namedtuples are tuples that rebuild with their own class.
        cls = type(x)
        node = _NodeType(lambda t: (tuple(t), None), lambda _, xs, cls=cls: cls(*xs))
    return node


class PyTreeDef:
    """The structure of a pytree, without its leaves.

    Examples
    --------
    >>> treedef = tree_structure({"w": 1.0, "b": (2.0, 3.0)})
    >>> treedef, treedef.num_leaves
    ({'b': (*, *), 'w': *}, 3)
    >>> treedef.unflatten([10, 20, 30])
    {'b': (10, 20), 'w': 30}
    """

    __slots__ = ("node", "kind", "aux", "children", "num_leaves", "key", "_hash")

    def __init__(self, node, kind, aux, children):
        self.node = node  # None for a leaf
        self.kind = kind
        self.aux = aux
        self.children = children
        self.num_leaves = 1 if node is None else sum(c.num_leaves for c in children)
        # A structure never changes, and jit looks it up on every call: key it once.
        self.key = (kind, aux, tuple(c.key for c in children))
        self._hash = None

    def unflatten(self, leaves: Iterable[Any]) -> Any:
        it = iter(leaves)
        tree = self._build(it)
        leftover = next(it, _sentinel)
        if leftover is not _sentinel:
            raise ValueError(f"too many leaves for the structure {self}")
        return tree

    def _build(self, it):
        if self.node is None:
            try:
                return next(it)
            except StopIteration:
                raise ValueError(f"too few leaves for the structure {self}") from None
        return self.node.from_iterable(self.aux, [c._build(it) for c in self.children])

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, PyTreeDef) and self.key == other.key)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self.key)
        return self._hash

    def __repr__(self) -> str:
        if self.node is None:
            return "*"
        inner = ", ".join(repr(c) for c in self.children)
        if self.kind is tuple:
            return f"({inner}{',' if len(self.children) == 1 else ''})"
        if self.kind is list:
            return f"[{inner}]"
        if self.kind is dict:
            return "{" + ", ".join(f"{k!r}: {c!r}" for k, c in zip(self.aux, self.children)) + "}"
        if self.kind is type(None):
            return "None"
        return f"{self.kind.__name__}({inner})"


_sentinel = object()
_LEAF = PyTreeDef(None, None, None, ())


def tuple_treedef(children) -> PyTreeDef:
    """The structure of a tuple whose items have the structures ``children``."""
    return PyTreeDef(_registry[tuple], tuple, None, tuple(children))


def tree_flatten(tree: Any, is_leaf: Callable[[Any], bool] | None = None):
    """Flatten a pytree into a list of leaves and its structure.

    Examples
    --------
    >>> leaves, treedef = tree_flatten({"b": [1, 2], "a": (3, None)})
    >>> leaves
    [3, 1, 2]
    >>> treedef.unflatten([30, 10, 20])
    {'a': (30, None), 'b': [10, 20]}
    """
    leaves: list[Any] = []
    return leaves, _flatten(tree, leaves, is_leaf)


def _flatten(x, leaves, is_leaf):
    if is_leaf is not None and is_leaf(x):
        leaves.append(x)
        return _LEAF
    node = _node_type(x)
    if node is None:
        leaves.append(x)
        return _LEAF
    children, aux = node.to_iterable(x)
    return PyTreeDef(node, type(x), aux, tuple(_flatten(c, leaves, is_leaf) for c in children))


def tree_unflatten(treedef: PyTreeDef, leaves: Iterable[Any]) -> Any:
    """Rebuild a pytree from its structure and leaves (inverse of :func:`tree_flatten`).

    Examples
    --------
    >>> _, treedef = tree_flatten((1, [2, 3]))
    >>> tree_unflatten(treedef, "abc")
    ('a', ['b', 'c'])
    """
    return treedef.unflatten(leaves)


def tree_leaves(tree: Any) -> list[Any]:
    """The leaves of a pytree, in flattening order.

    Examples
    --------
    >>> tree_leaves([1, {"x": 2, "y": (3,)}])
    [1, 2, 3]
    """
    return tree_flatten(tree)[0]


def tree_structure(tree: Any) -> PyTreeDef:
    """The structure of a pytree.

    Examples
    --------
    >>> tree_structure({"w": 1.0, "b": [0.0, 0.0]})
    {'b': [*, *], 'w': *}
    """
    return tree_flatten(tree)[1]


def tree_map(f: Callable[..., Any], tree: Any, *rest: Any) -> Any:
    """Apply ``f`` to every leaf (and the matching leaves of ``rest``).

    Examples
    --------
    >>> tree_map(lambda x, y: x + y, {"a": 1, "b": (2, 3)}, {"a": 10, "b": (20, 30)})
    {'a': 11, 'b': (22, 33)}
    """
    leaves, treedef = tree_flatten(tree)
    others = []
    for r in rest:
        r_leaves, r_def = tree_flatten(r)
        if r_def != treedef:
            raise ValueError(f"tree_map: structures differ: {treedef} and {r_def}")
        others.append(r_leaves)
    return treedef.unflatten(f(*xs) for xs in zip(leaves, *others))
