"""``funcgrad.tree``: JAX's ``jax.tree`` namespace of pytree utilities.

The same functions as :mod:`funcgrad.tree_util` under short names:
``fg.tree.map(f, params)`` is ``tree_util.tree_map(f, params)``.

Examples
--------
>>> import funcgrad as fg
>>> fg.tree.map(lambda x: x * 2, {"w": 1.0, "b": [2.0]})
{'b': [4.0], 'w': 2.0}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .core import tree_util as _tu

__all__ = [
    "all", "flatten", "flatten_with_path", "leaves", "leaves_with_path", "map",
    "map_with_path", "reduce", "structure", "transpose", "unflatten",
]

_IsLeaf = Callable[[Any], bool] | None


def map(f: Callable[..., Any], tree: Any, *rest: Any, is_leaf: _IsLeaf = None) -> Any:  # noqa: A001
    """Apply ``f`` to every leaf of ``tree`` (and the matching subtrees of ``rest``).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.map(lambda x, y: x + y, (1, [2]), (10, [20]))
    (11, [22])
    """
    return _tu.tree_map(f, tree, *rest, is_leaf=_tu.users_is_leaf(is_leaf))


def leaves(tree: Any, is_leaf: _IsLeaf = None) -> list[Any]:
    """The leaves of ``tree``, in flattening order (dict keys sorted).

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.leaves({"b": [1, 2], "a": 3})
    [3, 1, 2]
    """
    return _tu.tree_leaves(tree, _tu.users_is_leaf(is_leaf))


def structure(tree: Any, is_leaf: _IsLeaf = None) -> _tu.PyTreeDef:
    """The structure of ``tree``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.structure({"w": 1.0, "b": (0.0, None)})
    PyTreeDef({'b': (*, None), 'w': *})
    """
    return _tu.tree_structure(tree, _tu.users_is_leaf(is_leaf))


def flatten(tree: Any, is_leaf: _IsLeaf = None) -> tuple[list[Any], _tu.PyTreeDef]:
    """``(leaves, treedef)`` of ``tree``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.flatten([1.0, (2.0, 3.0)])
    ([1.0, 2.0, 3.0], PyTreeDef([*, (*, *)]))
    """
    return _tu.tree_flatten(tree, _tu.users_is_leaf(is_leaf))


def unflatten(treedef: _tu.PyTreeDef, leaves: Any) -> Any:
    """The pytree of structure ``treedef`` with the given leaves.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.unflatten(fg.tree.structure([0, (0, 0)]), [1, 2, 3])
    [1, (2, 3)]
    """
    return _tu.tree_unflatten(treedef, leaves)


def reduce(function: Callable[[Any, Any], Any], tree: Any,
           initializer: Any = _tu._NO_INITIALIZER, is_leaf: _IsLeaf = None) -> Any:
    """Fold ``function`` over the leaves of ``tree``.

    Examples
    --------
    >>> import funcgrad as fg, operator
    >>> fg.tree.reduce(operator.add, [1, (2, 3)], 10)
    16
    """
    return _tu.tree_reduce(function, tree, initializer, _tu.users_is_leaf(is_leaf))


def all(tree: Any, *, is_leaf: _IsLeaf = None) -> bool:  # noqa: A001
    """Whether every leaf of ``tree`` is true.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.all({"a": True, "b": [1, 2]})
    True
    """
    return _tu.tree_all(tree, is_leaf=_tu.users_is_leaf(is_leaf))


def transpose(outer_treedef: _tu.PyTreeDef, inner_treedef: _tu.PyTreeDef | None,
              pytree_to_transpose: Any) -> Any:
    """Swap the outer and inner levels of a tree of trees.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.transpose(fg.tree.structure([0, 0]), None, [{"a": 1, "b": 2}, {"a": 3, "b": 4}])
    {'a': [1, 3], 'b': [2, 4]}
    """
    return _tu.tree_transpose(outer_treedef, inner_treedef, pytree_to_transpose)


def map_with_path(f: Callable[..., Any], tree: Any, *rest: Any, is_leaf: _IsLeaf = None) -> Any:
    """Apply ``f(path, leaf, *others)`` to every leaf, with its key path.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.map_with_path(lambda p, x: fg.tree_util.keystr(p), {"w": [0.0]})
    {'w': ["['w'][0]"]}
    """
    return _tu.tree_map_with_path(f, tree, *rest, is_leaf=_tu.users_is_leaf(is_leaf))


def leaves_with_path(tree: Any, is_leaf: _IsLeaf = None) -> list[tuple[tuple, Any]]:
    """The ``(key path, leaf)`` pairs of ``tree``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.leaves_with_path({"w": 1.0})
    [((DictKey(key='w'),), 1.0)]
    """
    return _tu.tree_leaves_with_path(tree, _tu.users_is_leaf(is_leaf))


def flatten_with_path(tree: Any, is_leaf: _IsLeaf = None):
    """``([(key path, leaf), ...], treedef)`` of ``tree``.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.tree.flatten_with_path((1.0,))
    ([((SequenceKey(idx=0),), 1.0)], PyTreeDef((*,)))
    """
    return _tu.tree_flatten_with_path(tree, _tu.users_is_leaf(is_leaf))
