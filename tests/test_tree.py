"""funcgrad.tree, funcgrad.tree_util's registrations and key paths, flatten_util.ravel_pytree.

Expected structures, key strings and orders were recorded with jax 0.10.2.
"""

from __future__ import annotations

import collections
import dataclasses
import sys

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import tree_util as tu

P = collections.namedtuple("P", "a b")


def _sample():
    return {"x": [1, (2, 3)], "y": P(4, None), "z": collections.OrderedDict([("q", 5), ("b", 6)])}


def test_paths_and_structure_as_jax():
    pairs, treedef = fg.tree.flatten_with_path(_sample())
    assert [tu.keystr(p) for p, _ in pairs] == [
        "['x'][0]", "['x'][1][0]", "['x'][1][1]", "['y'].a", "['z']['q']", "['z']['b']"]
    assert [leaf for _, leaf in pairs] == [1, 2, 3, 4, 5, 6]
    assert pairs[3][0] == (tu.DictKey("x" if False else "y"), tu.GetAttrKey("a"))
    assert repr(treedef) == (
        "PyTreeDef({'x': [*, (*, *)], 'y': CustomNode(namedtuple[P], [*, None]), "
        "'z': CustomNode(OrderedDict[('q', 'b')], [*, *])})")
    assert (treedef.num_leaves, treedef.num_nodes) == (6, 12)
    assert tu.keystr(pairs[0][0], simple=True, separator="/") == "x/0"
    assert fg.tree.unflatten(treedef, range(6)) == {
        "x": [0, (1, 2)], "y": P(3, None), "z": collections.OrderedDict([("q", 4), ("b", 5)])}


@pytest.mark.parametrize("key, text", [
    (tu.SequenceKey(1), "[1]"), (tu.DictKey("a"), "['a']"), (tu.GetAttrKey("a"), ".a"),
    (tu.FlattenedIndexKey(3), "[<flat index 3>]"),
])
def test_key_strings(key, text):
    assert str(key) == text
    assert key == type(key)(*[getattr(key, key._field)]) and hash(key) == hash(type(key)(
        getattr(key, key._field)))


def test_tree_functions():
    assert fg.tree.leaves([1, None, ()]) == [1]
    assert repr(fg.tree.structure([1, None, ()])) == "PyTreeDef([*, None, ()])"
    assert fg.tree.map(lambda x, y: x * y, {"a": 2, "b": [3]}, {"a": 10, "b": [100]}) == {
        "a": 20, "b": [300]}
    # rest may be deeper than the first tree: f receives the subtree
    assert fg.tree.map(lambda x, y: (x, y), (1, 2), ([0], {"k": 1})) == ((1, [0]), (2, {"k": 1}))
    assert fg.tree.reduce(lambda a, b: a + b, [1, 2, 3]) == 6
    assert fg.tree.reduce(lambda a, b: a + b, [], 7) == 7
    assert fg.tree.all([1, {"a": True}]) and not fg.tree.all([1, 0])
    outer, inner = fg.tree.structure([0, 0]), fg.tree.structure((0, 0))
    assert fg.tree.transpose(outer, inner, [(1, 2), (3, 4)]) == ([1, 3], [2, 4])
    assert fg.tree.transpose(outer, None, [(1, 2), (3, 4)]) == ([1, 3], [2, 4])
    assert fg.tree.leaves([1, (2, 3)], is_leaf=lambda x: isinstance(x, tuple)) == [1, (2, 3)]
    assert fg.tree.map_with_path(lambda p, x: len(p), {"a": [0, 0]}) == {"a": [2, 2]}
    assert fg.tree.leaves_with_path((5,)) == [((tu.SequenceKey(0),), 5)]
    with pytest.raises(ValueError, match="mismatch|Expected"):
        fg.tree.map(lambda x, y: x, (1, 2), (1, 2, 3))
    with pytest.raises(ValueError, match="Too few leaves"):
        fg.tree.unflatten(fg.tree.structure((0, 0)), [1])


def test_defaultdict_keeps_its_factory_and_sorted_keys():
    d = collections.defaultdict(list, {"b": 1, "a": 2})
    out = fg.tree.map(lambda x: x + 1, d)
    assert isinstance(out, collections.defaultdict) and out.default_factory is list
    assert fg.tree.leaves(d) == [2, 1]


def test_register_dataclass_pytree_node_class_and_with_keys():
    @tu.register_dataclass
    @dataclasses.dataclass
    class Layer:
        w: np.ndarray
        b: np.ndarray
        act: str = dataclasses.field(default="relu", metadata=dict(static=True))

    layer = Layer(np.ones(2), np.zeros(2), "tanh")
    g = fg.grad(lambda p: fnp.sum(p.w * 3.0 + p.b))(layer)
    assert isinstance(g, Layer) and g.act == "tanh"
    np.testing.assert_array_equal(g.w, [3.0, 3.0])
    assert [tu.keystr(p) for p, _ in tu.tree_flatten_with_path(layer)[0]] == [".w", ".b"]
    assert "CustomNode(Layer[('tanh',)]" in repr(fg.tree.structure(layer))

    @tu.register_pytree_node_class
    class Box:
        def __init__(self, v, label):
            self.v, self.label = v, label

        def tree_flatten(self):
            return (self.v,), self.label

        @classmethod
        def tree_unflatten(cls, label, children):
            return cls(children[0], label)

    out = fg.jit(lambda b: Box(b.v * 2, b.label))(Box(np.ones(2), "L"))
    assert isinstance(out, Box) and out.label == "L"
    assert tu.tree_flatten_with_path(Box(1.0, "L"))[0] == [((tu.FlattenedIndexKey(0),), 1.0)]

    class Pair:
        def __init__(self, a, b):
            self.a, self.b = a, b

    tu.register_pytree_with_keys(
        Pair, lambda p: (((tu.GetAttrKey("a"), p.a), (tu.GetAttrKey("b"), p.b)), None),
        lambda _, ch: Pair(*ch))
    assert [tu.keystr(p) for p, _ in tu.tree_leaves_with_path(Pair(1, [2]))] == [".a", ".b[0]"]
    assert fg.tree.map(lambda x: -x, Pair(1, 2)).b == -2

    with pytest.raises(TypeError, match="not a dataclass"):
        tu.register_dataclass(Pair)


def test_deep_pytree_is_flattened_iteratively():
    depth = 3 * sys.getrecursionlimit()
    tree = 1.0
    for _ in range(depth):
        tree = [tree]
    leaves, treedef = fg.tree.flatten(tree)
    assert leaves == [1.0] and treedef.num_nodes == depth + 1
    assert treedef == fg.tree.structure(fg.tree.unflatten(treedef, [2.0]))
    assert len(repr(treedef)) > depth
    g = fg.grad(lambda t: fnp.sum(fg.tree.leaves(t)[0] ** 2))(fg.tree.unflatten(treedef, [3.0]))
    assert fg.tree.leaves(g) == [6.0]
    # 500 deep through jit, whose cache hashes the structure
    tree = np.ones(2)
    for _ in range(500):
        tree = (tree,)
    assert fg.tree.leaves(fg.jit(lambda t: fg.tree.map(lambda x: x * 2, t))(tree))[0][0] == 2.0


def test_partial_is_a_pytree_through_jit():
    add = tu.Partial(lambda x, y: x + y, np.ones(2))
    out = fg.jit(lambda f, y: f(y))(add, np.ones(2))
    np.testing.assert_array_equal(out, [2.0, 2.0])


def test_ravel_pytree_matches_jax():
    tree = {"a": np.ones(2, np.float32), "b": (np.arange(3.0),)}
    flat, unravel = fg.flatten_util.ravel_pytree(tree)
    np.testing.assert_array_equal(flat, [1.0, 1.0, 0.0, 1.0, 2.0])
    assert flat.dtype == np.float64  # NumPy's promotion of float32 and float64
    back = unravel(flat)
    assert back["a"].dtype == np.float32 and back["b"][0].dtype == np.float64
    flat0, _ = fg.flatten_util.ravel_pytree([])
    assert flat0.shape == (0,) and flat0.dtype == np.float32
    with pytest.raises(ValueError, match=r"shape \(5,\)"):
        unravel(np.ones(3))


def test_ravel_pytree_under_grad_and_jit():
    params = {"w": np.arange(4.0).reshape(2, 2), "b": np.ones(2)}
    flat, unravel = fg.flatten_util.ravel_pytree(params)

    def loss(v):
        p = unravel(v)
        return fnp.sum(p["w"] ** 2) + fnp.sum(p["b"])

    np.testing.assert_allclose(fg.grad(loss)(flat), [1.0, 1.0, 0.0, 2.0, 4.0, 6.0])
    np.testing.assert_allclose(fg.jit(fg.grad(loss))(flat), [1.0, 1.0, 0.0, 2.0, 4.0, 6.0])
    g = fg.grad(lambda p: fnp.sum(fg.flatten_util.ravel_pytree(p)[0] ** 2))(params)
    np.testing.assert_allclose(g["w"], 2 * params["w"])


def test_unsortable_dict_keys_raise_as_jax():
    with pytest.raises(ValueError, match="Comparator raised exception while sorting"):
        fg.tree.map(lambda x: x + 1, {1: 7, "y": 42})
    od = collections.OrderedDict([(1, 7), ("y", 42)])  # insertion order: fine
    assert fg.tree.leaves(fg.tree.map(lambda x: x + 1, od)) == [8, 43]


def test_custom_node_with_unhashable_aux_data_works_under_jit():
    # JAX's "Common gotchas" registers a class whose aux data is a dict, then jits a method.
    class Scaled:
        def __init__(self, x, mul):
            self.x, self.mul = x, mul

    fg.tree_util.register_pytree_node(
        Scaled, lambda s: ((s.x,), {"mul": s.mul}), lambda aux, ch: Scaled(*ch, **aux))

    @fg.jit
    def calc(s, y):
        return s.x * y if s.mul else y

    assert float(calc(Scaled(2.0, True), 3.0)) == 6.0
    assert float(calc(Scaled(2.0, False), 3.0)) == 3.0  # a different structure: retraced
    assert calc._cache_size() == 2
    a, b = fg.tree.structure(Scaled(1.0, True)), fg.tree.structure(Scaled(5.0, True))
    assert a == b and hash(a) == hash(b)
