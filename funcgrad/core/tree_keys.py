"""Key paths of pytrees: the keys that lead from a tree's root to a leaf.

:class:`SequenceKey` (a position in a tuple or list), :class:`DictKey` (a
dict's key), :class:`GetAttrKey` (an attribute, for namedtuples and
dataclasses) and :class:`FlattenedIndexKey` (a position among a registered
node's children); :func:`keystr` prints a path. :mod:`funcgrad.core.tree_util`
builds them while it flattens.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

# ---------------------------------------------------------------------------
# Key paths
# ---------------------------------------------------------------------------

class _Key:
    __slots__ = ()
    _field = ""

    def _value(self):
        return getattr(self, self._field)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._value() == other._value()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._value()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._field}={self._value()!r})"


class SequenceKey(_Key):
    """The key of an item of a tuple or list: its index.

    Examples
    --------
    >>> k = SequenceKey(1)
    >>> k, str(k), k.idx
    (SequenceKey(idx=1), '[1]', 1)
    """

    __slots__ = ("idx",)
    _field = "idx"

    def __init__(self, idx: int) -> None:
        self.idx = idx

    def __str__(self) -> str:
        return f"[{self.idx!r}]"


class DictKey(_Key):
    """The key of an entry of a dict.

    Examples
    --------
    >>> k = DictKey("w")
    >>> k, str(k), k.key
    (DictKey(key='w'), "['w']", 'w')
    """

    __slots__ = ("key",)
    _field = "key"

    def __init__(self, key: Hashable) -> None:
        self.key = key

    def __str__(self) -> str:
        return f"[{self.key!r}]"


class GetAttrKey(_Key):
    """The key of an attribute (a namedtuple field, a dataclass field).

    Examples
    --------
    >>> k = GetAttrKey("weight")
    >>> k, str(k), k.name
    (GetAttrKey(name='weight'), '.weight', 'weight')
    """

    __slots__ = ("name",)
    _field = "name"

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f".{self.name}"


class FlattenedIndexKey(_Key):
    """The key of a child of a class registered without keys: its position among the children.

    Examples
    --------
    >>> k = FlattenedIndexKey(0)
    >>> k, str(k)
    (FlattenedIndexKey(key=0), '[<flat index 0>]')
    """

    __slots__ = ("key",)
    _field = "key"

    def __init__(self, key: int) -> None:
        self.key = key

    def __str__(self) -> str:
        return f"[<flat index {self.key}>]"


def keystr(keys: Sequence[Any], *, simple: bool = False, separator: str = "") -> str:
    """A key path as a string, ``"['w'][0].bias"``.

    Parameters
    ----------
    keys : tuple of keys
        A key path, as :func:`tree_flatten_with_path` gives them.
    simple : bool
        Print only the keys' values (``w``, ``0``, ``bias``), joined by ``separator``.
    separator : str
        What goes between the keys.

    Examples
    --------
    >>> path = (DictKey("layers"), SequenceKey(0), GetAttrKey("w"))
    >>> keystr(path)
    "['layers'][0].w"
    >>> keystr(path, simple=True, separator="/")
    'layers/0/w'
    """
    if simple:
        return separator.join(str(_simple(k)) for k in keys)
    return separator.join(str(k) for k in keys)


def _simple(key: Any) -> Any:
    for attr in ("idx", "key", "name"):
        if hasattr(key, attr):
            return getattr(key, attr)
    return key
