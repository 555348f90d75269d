"""Pytrees: ``funcgrad.tree_util`` (see :mod:`funcgrad.core.tree_util`)."""

from .core.tree_util import (
    PyTreeDef,
    register_pytree_node,
    tree_flatten,
    tree_leaves,
    tree_map,
    tree_structure,
    tree_unflatten,
)

__all__ = [
    "PyTreeDef", "register_pytree_node", "tree_flatten", "tree_leaves", "tree_map",
    "tree_structure", "tree_unflatten",
]
