"""Pytrees: nested tuples, lists, dicts, namedtuples, None and registered classes.

Transforms flatten their arguments to a list of leaves (arrays) and a
:class:`PyTreeDef` that rebuilds the structure, so that a gradient has the same
structure as its argument. Every walk here is iterative: a pytree nested
thousands deep flattens, rebuilds and prints without touching Python's
recursion limit.

A leaf's *key path* is the tuple of keys leading to it from the root
(:class:`SequenceKey`, :class:`DictKey`, :class:`GetAttrKey`,
:class:`FlattenedIndexKey`); :func:`keystr` prints one.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, NamedTuple

from .tree_keys import DictKey, FlattenedIndexKey, GetAttrKey, SequenceKey, keystr

__all__ = [
    "PyTreeDef", "tree_flatten", "tree_unflatten", "tree_map", "tree_leaves",
    "tree_structure", "tree_reduce", "tree_all", "tree_transpose", "tree_flatten_with_path",
    "tree_leaves_with_path", "tree_map_with_path", "register_pytree_node",
    "register_pytree_with_keys", "register_pytree_node_class", "register_dataclass",
    "SequenceKey", "DictKey", "GetAttrKey", "FlattenedIndexKey", "keystr", "treedef_is_leaf",
    "Partial", "register_users_leaf", "users_is_leaf",
]


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------

class _NodeType(NamedTuple):
    to_iterable: Callable[[Any], tuple[Iterable[Any], Hashable]]
    from_iterable: Callable[[Hashable, Iterable[Any]], Any]
    # ``with_keys(obj) -> (((key, child), ...), aux)``, or None: FlattenedIndexKey per child.
    with_keys: Callable[[Any], tuple[Iterable[tuple[Any, Any]], Hashable]] | None
    name: str


_registry: dict[type, _NodeType] = {}


def register_pytree_node(
    nodetype: type,
    flatten_func: Callable[[Any], tuple[Iterable[Any], Hashable]],
    unflatten_func: Callable[[Hashable, Iterable[Any]], Any],
    flatten_with_keys_func: Callable[[Any], tuple[Iterable[tuple[Any, Any]], Hashable]]
    | None = None,
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
    flatten_with_keys_func : callable, optional
        ``flatten_with_keys_func(obj) -> (((key, child), ...), aux_data)``, for key
        paths; without it a child's key is its :class:`FlattenedIndexKey`.

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
    if not isinstance(nodetype, type):
        raise TypeError(f"register_pytree_node expects a class, got {nodetype!r}")
    if nodetype in _registry:
        raise ValueError(f"{nodetype.__name__} is already registered as a pytree node")
    _registry[nodetype] = _NodeType(
        flatten_func, unflatten_func, flatten_with_keys_func, nodetype.__name__
    )


# Types the transforms open (to reach the arrays inside) while users' own pytree functions
# (``funcgrad.tree``, ``funcgrad.tree_util``) keep them whole: JAX treats a foreign array
# type such as a torch tensor as a leaf, and programs rely on ``tree_map(np.asarray, batch)``
# turning each tensor of a batch into an array.
_users_leaves: set[type] = set()


def register_users_leaf(nodetype: type) -> None:
    """Make a registered node type a leaf of the public pytree functions.

    The transforms still flatten it with its registered functions; only
    :func:`users_is_leaf` (which ``funcgrad.tree`` and ``funcgrad.tree_util`` apply)
    stops at it.

    Examples
    --------
    >>> class Wrapped:
    ...     def __init__(self, value):
    ...         self.value = value
    >>> register_pytree_node(Wrapped, lambda w: ((w.value,), None), lambda _, v: Wrapped(*v))
    >>> register_users_leaf(Wrapped)
    >>> tree_leaves([Wrapped(1.0)]), len(tree_leaves([Wrapped(1.0)], users_is_leaf(None)))
    ([1.0], 1)
    """
    if nodetype not in _registry:
        raise ValueError(f"{nodetype.__name__} is not a registered pytree node type; "
                         f"register it with register_pytree_node first.")
    _users_leaves.add(nodetype)


def users_is_leaf(is_leaf: Callable[[Any], bool] | None) -> Callable[[Any], bool] | None:
    """``is_leaf`` for the public pytree functions: also true for :func:`register_users_leaf`
    types.

    Examples
    --------
    >>> users_is_leaf(None) is None or callable(users_is_leaf(None))
    True
    """
    if not _users_leaves:
        return is_leaf
    kept = _users_leaves
    if is_leaf is None:
        return lambda x: type(x) in kept
    return lambda x: type(x) in kept or is_leaf(x)


def register_pytree_with_keys(
    nodetype: type,
    flatten_with_keys: Callable[[Any], tuple[Iterable[tuple[Any, Any]], Hashable]],
    unflatten_func: Callable[[Hashable, Iterable[Any]], Any],
    flatten_func: Callable[[Any], tuple[Iterable[Any], Hashable]] | None = None,
) -> None:
    """Register ``nodetype`` with a flattening that names each child's key.

    Parameters
    ----------
    nodetype : type
        The class to register.
    flatten_with_keys : callable
        ``flatten_with_keys(obj) -> (((key, child), ...), aux_data)``.
    unflatten_func : callable
        ``unflatten_func(aux_data, children) -> obj``.
    flatten_func : callable, optional
        A faster ``flatten_func(obj) -> (children, aux_data)``; derived from
        ``flatten_with_keys`` when omitted.

    Examples
    --------
    >>> class Pair:
    ...     def __init__(self, a, b):
    ...         self.a, self.b = a, b
    >>> register_pytree_with_keys(
    ...     Pair, lambda p: (((GetAttrKey("a"), p.a), (GetAttrKey("b"), p.b)), None),
    ...     lambda aux, ch: Pair(*ch))
    >>> [keystr(path) for path, _ in tree_flatten_with_path(Pair(1.0, 2.0))[0]]
    ['.a', '.b']
    """
    if flatten_func is None:

        def flatten_func(obj):
            pairs, aux = flatten_with_keys(obj)
            return [c for _, c in pairs], aux

    register_pytree_node(nodetype, flatten_func, unflatten_func, flatten_with_keys)


def register_pytree_node_class(cls: type) -> type:
    """Class decorator: register ``cls`` using its ``tree_flatten`` and ``tree_unflatten``.

    ``cls.tree_flatten(self) -> (children, aux_data)`` and the classmethod
    ``cls.tree_unflatten(aux_data, children)``, as in JAX.

    Examples
    --------
    >>> @register_pytree_node_class
    ... class Scaled:
    ...     def __init__(self, value, scale):
    ...         self.value, self.scale = value, scale
    ...     def tree_flatten(self):
    ...         return (self.value,), self.scale
    ...     @classmethod
    ...     def tree_unflatten(cls, scale, children):
    ...         return cls(children[0], scale)
    >>> tree_map(lambda v: v * 10, Scaled(1.5, "m")).value
    15.0
    """
    register_pytree_node(cls, lambda obj: obj.tree_flatten(), cls.tree_unflatten)
    return cls


def register_dataclass(
    nodetype: type,
    data_fields: Sequence[str] | None = None,
    meta_fields: Sequence[str] | None = None,
    drop_fields: Sequence[str] = (),
) -> type:
    """Register a dataclass: ``data_fields`` are children, ``meta_fields`` static data.

    Without ``data_fields`` and ``meta_fields`` the class must be a dataclass;
    fields declared ``field(metadata=dict(static=True))`` are meta fields and the
    other init fields are data fields (JAX's rule). Usable as a decorator.

    Examples
    --------
    >>> import dataclasses
    >>> @register_dataclass
    ... @dataclasses.dataclass
    ... class Params:
    ...     w: float
    ...     b: float
    ...     name: str = dataclasses.field(default="layer", metadata=dict(static=True))
    >>> tree_flatten_with_path(Params(1.0, 2.0))[0]
    [((GetAttrKey(name='w'),), 1.0), ((GetAttrKey(name='b'),), 2.0)]
    >>> tree_map(lambda v: v + 1, Params(1.0, 2.0))
    Params(w=2.0, b=3.0, name='layer')
    """
    if data_fields is None and meta_fields is None:
        if not dataclasses.is_dataclass(nodetype):
            raise TypeError(
                f"register_dataclass: {nodetype.__name__} is not a dataclass; decorate it with "
                f"@dataclasses.dataclass, or pass data_fields and meta_fields explicitly"
            )
        data, meta = [], []
        for f in dataclasses.fields(nodetype):
            if not f.init or f.name in drop_fields:
                continue
            (meta if f.metadata.get("static", False) else data).append(f.name)
        data_fields, meta_fields = data, meta
    elif data_fields is None or meta_fields is None:
        raise TypeError("register_dataclass: pass both data_fields and meta_fields, or neither")
    data_fields, meta_fields = tuple(data_fields), tuple(meta_fields)

    def flatten(obj):
        return [getattr(obj, n) for n in data_fields], tuple(getattr(obj, n) for n in meta_fields)

    def flatten_with_keys(obj):
        pairs = [(GetAttrKey(n), getattr(obj, n)) for n in data_fields]
        return pairs, tuple(getattr(obj, n) for n in meta_fields)

    def unflatten(meta, children):
        kwargs = dict(zip(meta_fields, meta))
        kwargs.update(zip(data_fields, children))
        return nodetype(**kwargs)

    register_pytree_node(nodetype, flatten, unflatten, flatten_with_keys)
    return nodetype


def _sorted_keys(d: dict) -> list:
    try:
        return sorted(d)
    except TypeError as e:
        # As JAX: a dict's leaves are ordered by sorted keys, so keys must be comparable.
        raise ValueError(
            f"Comparator raised exception while sorting pytree dictionary keys: the keys "
            f"{list(d)!r} cannot be sorted ({e}). Use keys of one type (e.g. all str), or an "
            f"OrderedDict, whose insertion order is kept."
        ) from None


register_pytree_node(
    tuple, lambda t: (t, None), lambda _, xs: tuple(xs),
    lambda t: ([(SequenceKey(i), c) for i, c in enumerate(t)], None),
)
register_pytree_node(
    list, lambda t: (t, None), lambda _, xs: list(xs),
    lambda t: ([(SequenceKey(i), c) for i, c in enumerate(t)], None),
)


def _dict_flatten(d):
    keys = tuple(_sorted_keys(d))
    return tuple(d[k] for k in keys), keys


register_pytree_node(
    dict, _dict_flatten, lambda keys, xs: dict(zip(keys, xs)),
    lambda d: ([(DictKey(k), d[k]) for k in _sorted_keys(d)], tuple(_sorted_keys(d))),
)
register_pytree_node(
    collections.OrderedDict,
    lambda d: (tuple(d.values()), tuple(d)),
    lambda keys, xs: collections.OrderedDict(zip(keys, xs)),
    lambda d: ([(DictKey(k), v) for k, v in d.items()], tuple(d)),
)
register_pytree_node(
    collections.defaultdict,
    lambda d: (_dict_flatten(d)[0], (d.default_factory, _dict_flatten(d)[1])),
    lambda aux, xs: collections.defaultdict(aux[0], zip(aux[1], xs)),
    lambda d: ([(DictKey(k), d[k]) for k in _sorted_keys(d)],
               (d.default_factory, tuple(_sorted_keys(d)))),
)
register_pytree_node(type(None), lambda _: ((), None), lambda _, __: None, lambda _: ((), None))

_namedtuples: dict[type, _NodeType] = {}


def _node_type(x: Any) -> _NodeType | None:
    cls = type(x)
    node = _registry.get(cls)
    if node is None and isinstance(x, tuple) and hasattr(x, "_fields"):
        # Namedtuples are tuples that rebuild with their own class.
        node = _namedtuples.get(cls)
        if node is None:
            node = _namedtuples[cls] = _NodeType(
                lambda t: (tuple(t), None),
                lambda _, xs, cls=cls: cls(*xs),
                lambda t: ([(GetAttrKey(f), v) for f, v in zip(t._fields, t)], None),
                f"namedtuple[{cls.__name__}]",
            )
    return node


# ---------------------------------------------------------------------------
# Structures
# ---------------------------------------------------------------------------

def _hashable_part(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return type(value)
    return value


class PyTreeDef:
    """The structure of a pytree, without its leaves.

    Examples
    --------
    >>> treedef = tree_structure({"w": 1.0, "b": (2.0, 3.0)})
    >>> treedef, treedef.num_leaves
    (PyTreeDef({'b': (*, *), 'w': *}), 3)
    >>> treedef.unflatten([10, 20, 30])
    {'b': (10, 20), 'w': 30}
    """

    __slots__ = ("node", "kind", "aux", "children", "num_leaves", "num_nodes", "key", "_hash")

    def __init__(self, node, kind, aux, children):
        self.node = node  # None for a leaf
        self.kind = kind
        self.aux = aux
        self.children = children
        if node is None:
            self.num_leaves = 1
            self.num_nodes = 1
            self.key = _LEAF_KEY
        else:
            self.num_leaves = sum(c.num_leaves for c in children)
            self.num_nodes = 1 + sum(c.num_nodes for c in children)
            # A flat (pre-order) key: comparing and hashing it never recurses, and
            # jit looks a structure up on every call.
            key = [kind, aux, len(children)]
            for c in children:
                key.extend(c.key)
            self.key = tuple(key)
        self._hash = None

    def unflatten(self, leaves: Iterable[Any]) -> Any:
        """The pytree of this structure with the given leaves."""
        leaves = leaves if isinstance(leaves, (list, tuple)) else list(leaves)
        if len(leaves) != self.num_leaves:
            raise ValueError(
                f"{'Too few' if len(leaves) < self.num_leaves else 'Too many'} leaves for "
                f"{self}; expected {self.num_leaves}, got {len(leaves)}"
            )
        if self.node is None:
            return leaves[0]
        pos = 0
        stack: list[tuple[PyTreeDef, list]] = [(self, [])]
        while True:
            td, built = stack[-1]
            if len(built) < len(td.children):
                child = td.children[len(built)]
                if child.node is None:
                    built.append(leaves[pos])
                    pos += 1
                else:
                    stack.append((child, []))
                continue
            stack.pop()
            obj = td.node.from_iterable(td.aux, built)
            if not stack:
                return obj
            stack[-1][1].append(obj)

    def flatten_up_to(self, tree: Any) -> list:
        """The subtrees of ``tree`` at this structure's leaves (``tree`` may be deeper).

        Examples
        --------
        >>> tree_structure((0, 0)).flatten_up_to(([1, 2], {"a": 3}))
        [[1, 2], {'a': 3}]
        """
        out: list[Any] = []
        stack: list[tuple[PyTreeDef, Any]] = [(self, tree)]
        while stack:
            td, x = stack.pop()
            if td.node is None:
                out.append(x)
                continue
            node = _node_type(x)
            if type(x) is not td.kind:
                raise ValueError(
                    f"Expected {_kind_name(td)} but got {type(x).__name__} ({_short(x)}) while "
                    f"matching the structure {self}: the trees must have the same structure "
                    f"down to this one's leaves."
                )
            children, aux = node.to_iterable(x)
            children = list(children)
            if len(children) != len(td.children) or aux != td.aux:
                raise ValueError(
                    f"{_kind_name(td)} mismatch: expected {td}, got a {type(x).__name__} with "
                    f"{len(children)} children" + (f" and metadata {aux!r}" if aux != td.aux
                                                   else "")
                )
            stack.extend(reversed(list(zip(td.children, children))))
        return out

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, PyTreeDef) and self.key == other.key)

    def __hash__(self) -> int:
        if self._hash is None:
            try:
                self._hash = hash(self.key)
            except TypeError:
                # A custom node's aux data may be unhashable (JAX's docs register nodes whose
                # aux data is a dict): hash what is hashable; equality still compares it all.
                self._hash = hash(tuple(_hashable_part(k) for k in self.key))
        return self._hash

    def __repr__(self) -> str:
        return f"PyTreeDef({self.pretty()})"

    def pretty(self) -> str:
        """The structure without the ``PyTreeDef(...)`` wrapper: ``{'b': (*, *), 'w': *}``."""
        parts: list[str] = []
        stack: list[Any] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            td = item
            if td.node is None:
                parts.append("*")
                continue
            kind = td.kind
            seq: list[Any]
            if kind is type(None):
                seq = ["None"]
            elif kind is tuple or kind is list:
                seq = ["(" if kind is tuple else "["]
                for i, c in enumerate(td.children):
                    seq += [", ", c] if i else [c]
                seq.append(("," if len(td.children) == 1 else "") + ")" if kind is tuple else "]")
            elif kind is dict:
                seq = ["{"]
                for i, (k, c) in enumerate(zip(td.aux, td.children)):
                    seq += [("" if i == 0 else ", ") + f"{k!r}: ", c]
                seq.append("}")
            else:
                aux = "" if td.aux is None else f"[{td.aux!r}]"
                seq = [f"CustomNode({td.node.name}{aux}, ["]
                for i, c in enumerate(td.children):
                    seq += [", ", c] if i else [c]
                seq.append("])")
            stack.extend(reversed(seq))
        return "".join(parts)


_LEAF_KEY = (None,)
_LEAF = PyTreeDef(None, None, None, ())


def _kind_name(td: PyTreeDef) -> str:
    return td.node.name if td.node is not None else "a leaf"


def _short(x: Any) -> str:
    r = repr(x)
    return r if len(r) <= 60 else r[:57] + "..."


def tuple_treedef(children) -> PyTreeDef:
    """The structure of a tuple whose items have the structures ``children``."""
    return PyTreeDef(_registry[tuple], tuple, None, tuple(children))


def treedef_is_leaf(treedef: PyTreeDef) -> bool:
    """Whether ``treedef`` is the structure of a single leaf.

    Examples
    --------
    >>> treedef_is_leaf(tree_structure(1.0)), treedef_is_leaf(tree_structure([1.0]))
    (True, False)
    """
    return treedef.node is None


# ---------------------------------------------------------------------------
# Flattening (iterative)
# ---------------------------------------------------------------------------

def _flatten(tree: Any, is_leaf: Callable[[Any], bool] | None, paths: list | None):
    """Leaves (appended to a new list), the structure, and optionally the leaves' key paths."""
    leaves: list[Any] = []
    node = None if is_leaf is not None and is_leaf(tree) else _node_type(tree)
    if node is None:
        leaves.append(tree)
        if paths is not None:
            paths.append(())
        return leaves, _LEAF
    # A frame: [node, kind, aux, children, keys, built structures, path]
    stack = [_open(node, tree, paths is not None, ())]
    while True:
        frame = stack[-1]
        children, built = frame[3], frame[5]
        i = len(built)
        if i < len(children):
            child = children[i]
            cnode = None if is_leaf is not None and is_leaf(child) else _node_type(child)
            if cnode is None:
                leaves.append(child)
                built.append(_LEAF)
                if paths is not None:
                    paths.append(frame[6] + (frame[4][i],))
            else:
                path = frame[6] + (frame[4][i],) if paths is not None else ()
                stack.append(_open(cnode, child, paths is not None, path))
            continue
        stack.pop()
        td = PyTreeDef(frame[0], frame[1], frame[2], tuple(built))
        if not stack:
            return leaves, td
        stack[-1][5].append(td)


def _open(node: _NodeType, x: Any, with_keys: bool, path: tuple) -> list:
    if with_keys and node.with_keys is not None:
        pairs, aux = node.with_keys(x)
        pairs = list(pairs)
        keys = [k for k, _ in pairs]
        children = [c for _, c in pairs]
    else:
        children, aux = node.to_iterable(x)
        children = children if isinstance(children, (list, tuple)) else list(children)
        keys = [FlattenedIndexKey(i) for i in range(len(children))] if with_keys else None
    return [node, type(x), aux, children, keys, [], path]


def tree_flatten(tree: Any, is_leaf: Callable[[Any], bool] | None = None):
    """Flatten a pytree into a list of leaves and its structure.

    Parameters
    ----------
    tree : pytree
    is_leaf : callable, optional
        ``is_leaf(x)`` True stops the flattening at ``x``.

    Examples
    --------
    >>> leaves, treedef = tree_flatten({"b": [1, 2], "a": (3, None)})
    >>> leaves
    [3, 1, 2]
    >>> treedef.unflatten([30, 10, 20])
    {'a': (30, None), 'b': [10, 20]}
    """
    return _flatten(tree, is_leaf, None)


def tree_flatten_with_path(tree: Any, is_leaf: Callable[[Any], bool] | None = None):
    """Like :func:`tree_flatten`, with each leaf paired with its key path.

    Examples
    --------
    >>> pairs, _ = tree_flatten_with_path({"w": [1.0, 2.0], "b": 3.0})
    >>> [(keystr(path), leaf) for path, leaf in pairs]
    [("['b']", 3.0), ("['w'][0]", 1.0), ("['w'][1]", 2.0)]
    """
    paths: list[tuple] = []
    leaves, treedef = _flatten(tree, is_leaf, paths)
    return list(zip(paths, leaves)), treedef


def tree_leaves_with_path(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> list:
    """The ``(key path, leaf)`` pairs of a pytree.

    Examples
    --------
    >>> tree_leaves_with_path([1.0, {"a": 2.0}])
    [((SequenceKey(idx=0),), 1.0), ((SequenceKey(idx=1), DictKey(key='a')), 2.0)]
    """
    return tree_flatten_with_path(tree, is_leaf)[0]


def tree_unflatten(treedef: PyTreeDef, leaves: Iterable[Any]) -> Any:
    """Rebuild a pytree from its structure and leaves (inverse of :func:`tree_flatten`).

    Examples
    --------
    >>> _, treedef = tree_flatten((1, [2, 3]))
    >>> tree_unflatten(treedef, "abc")
    ('a', ['b', 'c'])
    """
    return treedef.unflatten(leaves)


def tree_leaves(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> list[Any]:
    """The leaves of a pytree, in flattening order.

    Examples
    --------
    >>> tree_leaves([1, {"x": 2, "y": (3,)}])
    [1, 2, 3]
    """
    return _flatten(tree, is_leaf, None)[0]


def tree_structure(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> PyTreeDef:
    """The structure of a pytree.

    Examples
    --------
    >>> tree_structure({"w": 1.0, "b": [0.0, 0.0]})
    PyTreeDef({'b': [*, *], 'w': *})
    """
    return _flatten(tree, is_leaf, None)[1]


def tree_map(f: Callable[..., Any], tree: Any, *rest: Any,
             is_leaf: Callable[[Any], bool] | None = None) -> Any:
    """Apply ``f`` to every leaf (and the matching subtrees of ``rest``).

    Each of ``rest`` must have ``tree``'s structure, or one with ``tree``'s
    leaves replaced by subtrees (which ``f`` then receives whole), as in JAX.

    Examples
    --------
    >>> tree_map(lambda x, y: x + y, {"a": 1, "b": (2, 3)}, {"a": 10, "b": (20, 30)})
    {'a': 11, 'b': (22, 33)}
    """
    leaves, treedef = _flatten(tree, is_leaf, None)
    if not rest:
        return treedef.unflatten([f(x) for x in leaves])
    others = [treedef.flatten_up_to(r) for r in rest]
    return treedef.unflatten([f(*xs) for xs in zip(leaves, *others)])


def tree_map_with_path(f: Callable[..., Any], tree: Any, *rest: Any,
                       is_leaf: Callable[[Any], bool] | None = None) -> Any:
    """Apply ``f(path, leaf, *others)`` to every leaf, with its key path.

    Examples
    --------
    >>> tree_map_with_path(lambda p, x: f"{keystr(p)}={x}", {"a": 1, "b": [2]})
    {'a': "['a']=1", 'b': ["['b'][0]=2"]}
    """
    pairs, treedef = tree_flatten_with_path(tree, is_leaf)
    others = [treedef.flatten_up_to(r) for r in rest]
    return treedef.unflatten([f(p, x, *xs) for (p, x), *xs in zip(pairs, *others)])


_NO_INITIALIZER = object()


def tree_reduce(function: Callable[[Any, Any], Any], tree: Any, initializer: Any = _NO_INITIALIZER,
                is_leaf: Callable[[Any], bool] | None = None) -> Any:
    """Fold ``function`` over the leaves, as :func:`functools.reduce`.

    Examples
    --------
    >>> tree_reduce(lambda a, b: a + b, {"x": 1, "y": [2, 3]})
    6
    """
    leaves = tree_leaves(tree, is_leaf)
    if initializer is _NO_INITIALIZER:
        return functools.reduce(function, leaves)
    return functools.reduce(function, leaves, initializer)


def tree_all(tree: Any, *, is_leaf: Callable[[Any], bool] | None = None) -> bool:
    """Whether every leaf is true.

    Examples
    --------
    >>> tree_all([True, {"a": 1}]), tree_all([True, 0])
    (True, False)
    """
    return all(tree_leaves(tree, is_leaf))


def tree_transpose(outer_treedef: PyTreeDef, inner_treedef: PyTreeDef | None,
                   pytree_to_transpose: Any) -> Any:
    """Turn a tree of structure ``outer`` of trees of structure ``inner`` inside out.

    ``inner_treedef`` may be None: it is then the structure of the first subtree.

    Examples
    --------
    >>> outer, inner = tree_structure([0, 0]), tree_structure((0, 0))
    >>> tree_transpose(outer, inner, [(1, 2), (3, 4)])
    ([1, 3], [2, 4])
    """
    subtrees = outer_treedef.flatten_up_to(pytree_to_transpose)
    if inner_treedef is None:
        inner_treedef = tree_structure(subtrees[0]) if subtrees else _LEAF
    columns = [inner_treedef.flatten_up_to(s) for s in subtrees]
    rows = [outer_treedef.unflatten([col[i] for col in columns])
            for i in range(inner_treedef.num_leaves)]
    return inner_treedef.unflatten(rows)


# ---------------------------------------------------------------------------
# Partial: a function with bound array arguments that is itself a pytree
# ---------------------------------------------------------------------------

class Partial(functools.partial):
    """:func:`functools.partial` whose bound arguments are pytree children (JAX's ``Partial``).

    A ``Partial`` can be passed through ``jit`` and returned from transformed
    functions: its arguments are leaves, its function is static.

    Examples
    --------
    >>> import operator
    >>> add_one = Partial(operator.add, 1.0)
    >>> add_one(2.0), tree_leaves(add_one)
    (3.0, [1.0])
    """


register_pytree_node(
    Partial,
    lambda p: ((p.args, p.keywords), p.func),
    lambda func, xs: Partial(func, *xs[0], **xs[1]),
)
