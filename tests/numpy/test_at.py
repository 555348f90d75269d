"""Functional index updates: ``x.at[idx]`` on traced values, ``fnp.at(x)[idx]`` anywhere."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp

IDX = np.array([0, 2, 0, 0])


def test_at_property_on_traced_values_and_function_on_arrays():
    x = np.arange(4.0)
    by_function = fnp.at(x)[1:3].set(7.0)
    by_property = fg.vjp(lambda x: x.at[1:3].set(7.0), x)[0]
    np.testing.assert_array_equal(by_function, [0, 7, 7, 3])
    np.testing.assert_array_equal(by_property, by_function)
    np.testing.assert_array_equal(x, np.arange(4.0))   # never modified


@pytest.mark.parametrize("method, reference", [
    ("add", np.add.at), ("subtract", np.subtract.at), ("multiply", np.multiply.at),
    ("min", np.minimum.at), ("max", np.maximum.at),
])
def test_repeated_indices_accumulate_as_ufunc_at(method, reference):
    x = np.array([1.0, -2.0, 3.0, 0.5])
    v = np.array([0.5, 2.0, -1.0, 4.0])
    expected = x.copy()
    reference(expected, IDX, v)
    np.testing.assert_array_equal(getattr(fnp.at(x)[IDX], method)(v), expected)
    check_grads(lambda x, v: getattr(fnp.at(x)[IDX], method)(v), [x, v])


def test_set_with_repeated_indices_takes_the_last():
    x, v = np.zeros(3), np.array([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(fnp.at(x)[IDX].set(v), [4.0, 0.0, 2.0])
    gx, gv = fg.grad(lambda x, v: fnp.sum(x.at[IDX].set(v) * np.array([1.0, 2.0, 3.0])),
                     argnums=(0, 1))(x, v)
    np.testing.assert_array_equal(gx, [0, 2, 0])
    np.testing.assert_array_equal(gv, [0, 3, 0, 1])   # only the winning updates


def test_multiply_with_zeros_at_repeated_indices():
    x, v = np.array([2.0, 1.0, 1.0]), np.array([0.0, 5.0, 3.0, 0.0])
    # position 0 becomes 2 * 0 * 3 * 0: two zeros, so every derivative there is 0
    gx, gv = fg.grad(lambda x, v: x.at[IDX].multiply(v)[0], argnums=(0, 1))(x, v)
    np.testing.assert_array_equal(gx, [0, 0, 0])
    np.testing.assert_array_equal(gv, [0, 0, 0, 0])
    v1 = np.array([0.0, 5.0, 3.0, 2.0])   # one zero: only it has a derivative
    gv1 = fg.grad(lambda v: fnp.at(x)[IDX].multiply(v)[0])(v1)
    np.testing.assert_array_equal(gv1, [12.0, 0, 0, 0])
    check_grads(lambda x, v: fnp.at(x)[IDX].multiply(v), [x, v])


def test_min_max_ties_share_with_the_original():
    x = np.array([1.0, 0.0])
    g = fg.grad(lambda x, v: x.at[np.array([0, 0])].max(v)[0], argnums=(0, 1))(
        x, np.array([1.0, 1.0]))
    np.testing.assert_allclose(g[0], [1 / 3, 0])
    np.testing.assert_allclose(g[1], [1 / 3, 1 / 3])


def test_at_under_make_ir_and_forward_mode():
    f = lambda x: x.at[np.array([1, 1])].add(x[:2] ** 2)   # noqa: E731
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(fg.make_ir(f)(x)(x)[0], [1, 7, 3])
    np.testing.assert_allclose(fg.jacfwd(f)(x), fg.jacrev(f)(x))


def test_get_and_divide():
    x = np.array([4.0, 9.0])
    np.testing.assert_array_equal(fnp.at(x)[1].get(), 9.0)
    np.testing.assert_array_equal(fnp.at(x)[np.array([1, 1])].divide(3.0), [4.0, 1.0])


# ``mode=``: what an out-of-bounds index means (JAX's names; values recorded from JAX 0.10.2).
def test_out_of_bounds_raises_by_default_as_numpy():
    with pytest.raises(IndexError):
        fnp.arange(10.0).at[11].get()


def test_get_mode_fill_and_clip():
    x = fnp.arange(10.0)
    assert np.isnan(x.at[11].get(mode="fill", fill_value=np.nan))
    assert x.at[11].get(mode="clip") == 9.0
    assert x.at[-12].get(mode="clip") == 0.0
    np.testing.assert_array_equal(x.at[np.array([1, -1, 12, -12])].get(mode="fill"),
                                  [1.0, 9.0, np.nan, np.nan])
    ints = fnp.arange(4)
    assert ints.at[7].get(mode="fill") == np.iinfo(ints.dtype).min
    m = fnp.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(m.at[..., np.array([0, 5])].get(mode="fill", fill_value=-1),
                                  [[0, -1], [4, -1], [8, -1]])
    np.testing.assert_array_equal(m.at[None, 5, 1].get(mode="fill", fill_value=-1), [-1.0])


def test_update_mode_drop_and_clip():
    x = fnp.arange(10.0)
    np.testing.assert_array_equal(x.at[11].set(5.0, mode="drop"), np.arange(10.0))
    np.testing.assert_array_equal(x.at[np.array([1, 12])].add(5.0, mode="drop"),
                                  [0, 6, 2, 3, 4, 5, 6, 7, 8, 9])
    np.testing.assert_array_equal(x.at[11].set(5.0, mode="clip"),
                                  [0, 1, 2, 3, 4, 5, 6, 7, 8, 5])
    with pytest.raises(ValueError, match="mode must be one of"):
        x.at[1].set(0.0, mode="wrap")


def test_modes_differentiate_transform_and_compile():
    x = fnp.arange(10.0)
    g = fg.grad(lambda x: x.at[np.array([1, 12, 1])].get(mode="fill", fill_value=0.0).sum())(x)
    np.testing.assert_array_equal(g, [0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    g = fg.grad(lambda x: (x.at[np.array([2, 12])].set(1.0, mode="drop") * x).sum())(x)
    np.testing.assert_array_equal(g, [0, 2, 1, 6, 8, 10, 12, 14, 16, 18])
    assert fg.jit(lambda x: x.at[11].get(mode="fill", fill_value=-1.0))(x) == -1.0
    m = fnp.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(fg.vmap(lambda r: r.at[7].get(mode="fill", fill_value=-1.0))(m),
                                  [-1.0, -1.0, -1.0])
