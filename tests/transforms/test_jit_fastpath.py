"""jit's per-call fast path (funcgrad/transforms/jit_fastpath.py): a call whose arguments
differ from the last signature in any way falls back to the general path and gets the
right answer; the fast path itself gives what the general path gives."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core.tree_util import tree_flatten
from funcgrad.transforms.jit_fastpath import MISS, make_fast_call


def f(p, x):
    return {"y": p["w"] * x + p["b"][0], "n": None, "l": [fnp.sum(x), x]}


def eager(p, x):
    p = {"w": np.asarray(p["w"]), "b": [np.asarray(b) for b in p["b"]]}
    x = np.asarray(x)
    return {"y": p["w"] * x + p["b"][0], "n": None, "l": [np.sum(x), x]}


CALLS = [
    ({"w": 2.0, "b": [1.0]}, np.ones(3)),
    ({"w": 2.0, "b": [1.0]}, np.arange(3.0)),                # same signature
    ({"w": 2.0, "b": [1.0]}, np.arange(4.0)),                # new shape
    ({"w": 2.0, "b": [1.0]}, np.arange(4.0, dtype=np.float32)),  # new dtype
    ({"w": np.float32(2.0), "b": [1.0]}, np.arange(4.0)),    # a NumPy scalar leaf
    ({"w": np.asarray(3.0), "b": [1.0]}, np.arange(4.0)),    # an array where a float was
    ({"w": 3.0, "b": [1.0, 2.0]}, np.arange(4.0)),           # a longer list
    ({"w": 3.0, "b": (1.0,)}, np.arange(4.0)),               # a tuple where a list was
    ({"w": 3.0, "b": [1.0], "c": 0.0}, np.arange(4.0)),      # one more key
    ({"w": 3.0, "b": [1.0]}, fnp.arange(4.0)),               # funcgrad.numpy's array type
    ({"w": 3.0, "b": [1.0]}, 5.0),                           # a float where an array was
    ({"w": 3.0, "b": [1.0]}, np.arange(4.0)),                # back to an earlier signature
]


def same(got, want):
    got_leaves, got_tree = tree_flatten(got)
    want_leaves, want_tree = tree_flatten(want)
    assert got_tree == want_tree
    for g, w in zip(got_leaves, want_leaves):
        assert type(g) is np.ndarray or isinstance(g, np.ndarray)
        assert g.dtype == np.asarray(w).dtype and g.shape == np.shape(w)
        np.testing.assert_allclose(g, w)


def test_every_kind_of_change_between_calls_gives_the_eager_answer():
    jf = fg.jit(f)
    for p, x in CALLS + CALLS[::-1] + CALLS:
        same(jf(p, x), f(p, x) if isinstance(x, float) else eager(p, x))


@pytest.mark.parametrize("args, changed", [
    ((np.ones(2), 1.0), (np.ones(5), 1.0)),
    ((np.ones(2), 1.0), (np.ones(2), 1)),                       # an int: another dtype
    ((np.ones(2), 1.0), (np.ones(2), np.float32(1.0))),
    ((np.ones(2), 1.0), (np.ones(2), "1.0")),
    ((np.ones(2), 1.0), (np.ones(2, np.float32), 1.0)),
    (((np.ones(2), [np.zeros(3)]), {"a": 1.0, "b": None}),
     ((np.ones(2), [np.zeros(3)]), {"a": 1.0, "b": 2.0})),
    (((np.ones(2), [np.zeros(3)]), {"a": 1.0, "b": None}),
     ((np.ones(2), (np.zeros(3),)), {"a": 1.0, "b": None})),
    (((np.ones(2), [np.zeros(3)]), {"a": 1.0, "b": None}),
     ((np.ones(2), [np.zeros(3)]), {"a": 1.0, "c": None})),
])
def test_fast_call_matches_its_signature_and_misses_otherwise(args, changed):
    fun = fg.jit(lambda a, b: tree_flatten((a, b))[0])
    want = fun(*args)
    leaves, in_tree = tree_flatten((args, {}))
    ir_leaves = [np.asarray(v) for v in leaves]
    fast = make_fast_call(args, in_tree, tree_flatten(want)[1], lambda *xs: list(xs))
    assert fast is not None and "def fast(args)" in fast.__funcgrad_source__
    got = fast(args)
    for g, w in zip(tree_flatten(got)[0], ir_leaves):
        np.testing.assert_array_equal(g, w)
    # the same signature spelled otherwise: a NumPy scalar or a 0-d array for a float
    respelled = tuple(np.float64(a) if type(a) is float else a for a in args)
    assert fast(respelled) is not MISS
    assert fast(args[:1]) is MISS
    assert fast(changed) is MISS


def test_fast_path_skips_static_arguments_and_keywords_but_stays_right():
    g = fg.jit(lambda x, n: x ** n, static_argnums=1)
    assert [float(g(2.0, n)) for n in (1, 2, 3, 2)] == [2.0, 4.0, 8.0, 4.0]
    h = fg.jit(lambda x, y=1.0: x * y)
    assert [float(h(2.0)), float(h(2.0, y=3.0)), float(h(2.0))] == [2.0, 6.0, 2.0]


def test_fast_path_leaves_tracers_to_the_general_path():
    jf = fg.jit(lambda x: fnp.sin(x) * x)
    jf(1.0)  # the fast call is set up for floats
    d = fg.grad(jf)(1.0)
    np.testing.assert_allclose(d, np.cos(1.0) + np.sin(1.0))
    np.testing.assert_allclose(fg.vmap(jf)(np.ones(3)), np.sin(1.0) * np.ones(3))


def test_disable_jit_is_honoured_after_fast_calls():
    calls = []

    def g(x):
        calls.append(1)
        return x * 2

    jg = fg.jit(g)
    jg(1.0)
    jg(1.0)
    assert len(calls) == 1
    with fg.disable_jit():
        jg(1.0)
    assert len(calls) == 2
    jg(1.0)
    assert len(calls) == 2
