"""`.at` on every array funcgrad.numpy returns (UpdatableArray), printing exactly as NumPy.

The update values of power/apply/divide with repeated indices were recorded with jax 0.10.2.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp

CREATED = {
    "zeros": lambda: fnp.zeros(3),
    "ones": lambda: fnp.ones((2, 2), np.float32),
    "arange": lambda: fnp.arange(5),
    "eye": lambda: fnp.eye(2),
    "full": lambda: fnp.full(2, 7.0),
    "linspace": lambda: fnp.linspace(0, 1, 3),
    "array": lambda: fnp.array([1.0, 2.0]),
    "asarray": lambda: fnp.asarray(np.ones(2)),
    "zeros_like": lambda: fnp.zeros_like(np.ones(2)),
    "sin": lambda: fnp.sin(np.ones(2)),
    "matmul": lambda: fnp.matmul(np.ones((2, 2)), np.ones(2)),
    "concatenate": lambda: fnp.concatenate([np.ones(1), np.zeros(1)]),
    "split": lambda: fnp.split(np.arange(4.0), 2)[1],
    "sum_axis": lambda: fnp.sum(np.ones((2, 3)), axis=0),
}


@pytest.mark.parametrize("name", sorted(CREATED))
def test_results_have_at_and_print_like_numpy(name):
    x = CREATED[name]()
    assert isinstance(x, fnp.UpdatableArray) and isinstance(x, np.ndarray)
    plain = np.asarray(x)
    assert type(plain) is np.ndarray
    assert repr(x) == repr(plain) and str(x) == str(plain)
    assert repr([x]) == repr([plain])
    y = x.at[(0,) * x.ndim].set(9)
    assert isinstance(y, fnp.UpdatableArray) and y[(0,) * x.ndim] == 9
    np.testing.assert_array_equal(x, plain)  # x itself unchanged


def test_printing_of_large_zero_d_and_scalar_results():
    big = fnp.arange(2000.0)
    assert repr(big) == repr(np.arange(2000.0)) and str(big) == str(np.arange(2000.0))
    assert repr(fnp.ones(3).sum()) == repr(np.ones(3).sum())  # a NumPy scalar, as NumPy
    assert repr(fnp.ones(3)[0]) == repr(np.ones(3)[0])
    assert repr(fnp.asarray(2.5)) == repr(np.asarray(2.5))


def test_user_arrays_stay_plain():
    a = np.ones(3)
    fnp.sin(a)
    fg.grad(lambda x: fnp.sum(x ** 2))(a)
    assert type(a) is np.ndarray
    # what transforms return are funcgrad's arrays, as JAX's transforms return jax.Arrays
    assert type(fg.grad(lambda x: fnp.sum(x ** 2))(a)) is fnp.UpdatableArray
    # NumPy arithmetic mixing them gives plain arrays (no slowdown for plain computations)
    assert type(a * fnp.ones(3)) is np.ndarray and type(fnp.ones(3) * 2) is fnp.UpdatableArray


def test_pickle_gives_a_plain_array():
    back = pickle.loads(pickle.dumps(fnp.ones(2)))
    assert type(back) is np.ndarray and back.tolist() == [1.0, 1.0]


def test_every_update_method_matches_jax():
    x = fnp.full(3, 2.0)
    rep = np.array([0, 0])
    np.testing.assert_array_equal(x.at[rep].power(2.0), [16.0, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[rep].apply(lambda v: v * 3), [18.0, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[1].power(3.0), [2.0, 8.0, 2.0])
    np.testing.assert_allclose(x.at[:2].apply(fnp.sin), [0.90929743, 0.90929743, 2.0])
    np.testing.assert_array_equal(x.at[rep].divide(2.0), [0.5, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[rep].add(1.0), [4.0, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[1].subtract(1.0), [2.0, 1.0, 2.0])
    np.testing.assert_array_equal(x.at[rep].multiply(3.0), [18.0, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[0].min(1.0), [1.0, 2.0, 2.0])
    np.testing.assert_array_equal(x.at[0].max(5.0), [5.0, 2.0, 2.0])
    assert x.at[2].get() == 2.0
    # power's derivative in the exponent: 2**v * log 2 at v = 3
    np.testing.assert_allclose(fg.grad(lambda v: fnp.sum(x.at[1].power(v)))(3.0),
                               5.545177444479562)


def _build(t):
    out = fnp.zeros(3)
    out = out.at[0].set(t ** 2)
    return out.at[1:].add(t)


@pytest.mark.parametrize("transform", ["eager", "grad", "jit", "vmap", "jacfwd"])
def test_jax_building_pattern_in_every_transform(transform):
    if transform == "eager":
        np.testing.assert_array_equal(_build(3.0), [9.0, 3.0, 3.0])
    elif transform == "grad":
        assert fg.grad(lambda t: fnp.sum(_build(t)))(3.0) == 8.0
    elif transform == "jit":
        np.testing.assert_array_equal(fg.jit(_build)(3.0), [9.0, 3.0, 3.0])
    elif transform == "vmap":
        np.testing.assert_array_equal(fg.vmap(_build)(np.array([1.0, 2.0])),
                                      [[1.0, 1.0, 1.0], [4.0, 2.0, 2.0]])
    else:
        np.testing.assert_array_equal(fg.jacfwd(_build)(3.0), [6.0, 1.0, 1.0])


def test_transform_results_are_funcgrad_arrays():
    # JAX programs time and update what transforms return: jit(f)(x).block_until_ready().
    f = fg.jit(lambda x: (fnp.sin(x), {"s": fnp.sum(x)}))
    for _ in range(2):   # the first call traces, the second takes the compiled fast path
        out, aux = f(np.ones(3))
        assert out.block_until_ready() is out
        np.testing.assert_array_equal(out.at[0].set(0.0)[0], 0.0)
        assert repr(aux["s"]) == "array(3.)"
    g = fg.grad(lambda x: fnp.sum(x ** 2))(np.ones(2))
    np.testing.assert_array_equal(g.block_until_ready().at[1].add(1.0), [2.0, 3.0])
    assert type(np.asarray(g)) is np.ndarray      # still a NumPy array underneath
    ys = fg.vmap(fnp.sin)(np.zeros(2)), fg.jvp(fnp.sin, (0.0,), (1.0,)), fg.vjp(fnp.sin, 0.0)[0]
    assert all(type(y) is fnp.UpdatableArray for y in fg.tree.leaves(ys))
