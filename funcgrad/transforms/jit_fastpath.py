"""jit's per-call fast path: one generated function that matches, runs and rebuilds.

A call of a jitted function normally flattens its arguments into a pytree,
builds the cache key (the structure, each leaf's shape and dtype, the static
values), looks it up, runs the compiled code and unflattens the outputs. For
the arguments that programs pass on every step of a loop (arrays, Python
floats, and tuples, lists and dicts of them) all of that is written out once
as straight-line Python: :func:`make_fast_call` generates a function that takes
the call's positional arguments, checks each leaf's type, shape and dtype
against the signature the entry was compiled for, calls the compiled code on
the leaves and returns the outputs in their structure. A mismatch returns
:data:`MISS`, and the caller takes the general path (which traces a new
signature when needed). Structures with other nodes (namedtuples, registered
classes) are not fast-pathed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.array import result_type
from ..core.tree_util import PyTreeDef

#: What a fast call returns when the arguments do not match its signature.
MISS = object()

_BUILTIN = (tuple, list, dict, type(None))
_NUMBERS = frozenset({float, int, complex, bool})


def make_fast_call(args: tuple, in_tree: PyTreeDef, out_tree: PyTreeDef,
                   compiled: Callable) -> Callable | None:
    """A function ``fast(args)`` for calls shaped like ``args``, or None when not fast-pathable.

    ``in_tree`` is the structure of ``(args, {})`` as the general path flattened it;
    ``compiled`` the entry's compiled code, taking the leaves.
    """
    if in_tree.kind is not tuple or len(in_tree.children) != 2:
        return None
    if _depth(in_tree) > MAX_DEPTH or _depth(out_tree) > MAX_DEPTH:
        return None  # (the parser's nesting limit; and deep trees are no loop's arguments)
    args_tree, kwargs_tree = in_tree.children
    if kwargs_tree.kind is not dict or kwargs_tree.children or len(args_tree.children) != len(args):
        return None
    gen = _Writer()
    lines = [f"    if len(args) != {len(args)}:", "        return MISS"]
    leaves: list[str] = []
    for i, (value, tree) in enumerate(zip(args, args_tree.children)):
        if not gen.match(value, tree, f"args[{i}]", lines, leaves, "    "):
            return None
    outs = [f"o{k}" for k in range(out_tree.num_leaves)]
    rebuilt = gen.rebuild(out_tree, iter(outs))
    if rebuilt is None:
        return None
    if outs:
        lines.append(f"    {', '.join(outs)}, = compiled({', '.join(leaves)})")
    else:
        lines.append(f"    compiled({', '.join(leaves)})")
    for o in outs:
        # Outputs as the general path gives them: funcgrad.numpy's arrays (with `.at`,
        # `block_until_ready`), whatever NumPy returned (a scalar, a view).
        lines.append(f"    {o} = ({o} if type({o}) is ndarray else asarray({o})).view(Result)")
    lines.append(f"    return {rebuilt}")
    source = "def fast(args):\n" + "\n".join(lines) + "\n"
    namespace = dict(gen.consts, MISS=MISS, ndarray=np.ndarray, asarray=np.asarray,
                     Result=result_type(),
                     generic=np.generic, NUMBERS=_NUMBERS, compiled=compiled)
    exec(compile(source, "<funcgrad.jit fast call>", "exec"), namespace)  # noqa: S102
    fast = namespace["fast"]
    fast.__funcgrad_source__ = source
    return fast


MAX_DEPTH = 32


def _depth(tree: PyTreeDef) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((c, depth + 1) for c in node.children)
    return deepest


class _Writer:
    def __init__(self) -> None:
        self.consts: dict[str, Any] = {}
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def const(self, value: Any) -> str:
        name = self.name("c")
        self.consts[name] = value
        return name

    def match(self, value: Any, tree: PyTreeDef, src: str, lines: list[str], leaves: list[str],
              indent: str) -> bool:
        """Append the lines checking ``src`` (whose value now is ``value``) against ``tree``."""
        stack = [(value, tree, src)]
        while stack:
            value, tree, src = stack.pop(0)
            if tree.node is None:
                if not self.leaf(value, src, lines, leaves, indent):
                    return False
                continue
            kind = type(value)
            if kind is not tree.kind or kind not in _BUILTIN:
                return False
            var = self.name("n")
            lines.append(f"{indent}{var} = {src}")
            if kind is type(None):
                lines += [f"{indent}if {var} is not None:", f"{indent}    return MISS"]
                continue
            n = len(tree.children)
            lines += [f"{indent}if type({var}) is not {kind.__name__} or len({var}) != {n}:",
                      f"{indent}    return MISS"]
            if kind is dict:
                keys = list(tree.aux)  # sorted, as the general path flattened them
                lines += [f"{indent}if {var}.keys() != {self.const(frozenset(keys))}:",
                          f"{indent}    return MISS"]
                children = [(value[k], c, f"{var}[{self.const(k)}]")
                            for k, c in zip(keys, tree.children)]
            else:
                children = [(v, c, f"{var}[{j}]")
                            for j, (v, c) in enumerate(zip(value, tree.children))]
            stack[0:0] = children  # depth first, in the leaves' order
        return True

    def leaf(self, value: Any, src: str, lines: list[str], leaves: list[str], indent: str) -> bool:
        """Check one leaf: an array as it is (subclasses too, as on the general path), a
        number or NumPy scalar converted by ``asarray``; then its shape and dtype."""
        if not isinstance(value, (np.ndarray, np.generic)) and type(value) not in _NUMBERS:
            return False
        var = self.name("x")
        leaves.append(var)
        value = np.asarray(value)
        shape, dtype = self.const(value.shape), self.const(value.dtype)
        lines += [f"{indent}{var} = {src}",
                  f"{indent}if not isinstance({var}, ndarray):",
                  f"{indent}    if type({var}) not in NUMBERS and not isinstance({var}, generic):",
                  f"{indent}        return MISS",
                  f"{indent}    {var} = asarray({var})",
                  f"{indent}if {var}.shape != {shape} or {var}.dtype is not {dtype}:",
                  f"{indent}    return MISS"]
        return True

    def rebuild(self, tree: PyTreeDef, names) -> str | None:
        """Source rebuilding ``tree`` from the output names, or None for other node kinds."""
        if tree.node is None:
            return next(names)
        kind = tree.kind
        if kind is type(None):
            return "None"
        parts: list[str] = []
        for c in tree.children:
            part = self.rebuild(c, names)
            if part is None:
                return None
            parts.append(part)
        if kind is tuple:
            return "(" + "".join(p + ", " for p in parts) + ")"
        if kind is list:
            return "[" + ", ".join(parts) + "]"
        if kind is dict:
            return "{" + ", ".join(f"{self.const(k)}: {p}" for k, p in zip(tree.aux, parts)) + "}"
        return None
