"""Collectives over a named vmap axis: values, derivatives (against finite differences and
the values JAX prints), nesting, jit, and the unbound-name error."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax

X = np.array([1.0, 3.0, 4.0])


def test_values():
    np.testing.assert_allclose(fg.vmap(lambda x: x / lax.psum(x, "i"), axis_name="i")(X),
                               X / X.sum())
    np.testing.assert_allclose(fg.vmap(lambda x: x - lax.pmean(x, "i"), axis_name="i")(X),
                               X - X.mean())
    np.testing.assert_array_equal(fg.vmap(lambda x: lax.pmax(x, "i"), axis_name="i")(X), [4] * 3)
    np.testing.assert_array_equal(fg.vmap(lambda x: lax.pmin(x, "i"), axis_name="i")(X), [1] * 3)
    np.testing.assert_array_equal(fg.vmap(lambda x: lax.all_gather(x, "i"), axis_name="i")(X),
                                  np.stack([X] * 3))
    np.testing.assert_array_equal(fg.vmap(lambda x: x * lax.axis_index("i"), axis_name="i")(X),
                                  X * np.arange(3))
    # A value that does not vary along the axis counts once per example.
    np.testing.assert_array_equal(fg.vmap(lambda x: lax.psum(1.0, "i") + 0 * x,
                                          axis_name="i")(X), [3.0] * 3)


def test_nested_axes_and_jit():
    xx = np.arange(6.0).reshape(2, 3)
    both = fg.vmap(fg.vmap(lambda v: lax.psum(v, ("i", "j")), axis_name="j"), axis_name="i")
    np.testing.assert_array_equal(both(xx), np.full((2, 3), 15.0))
    outer = fg.vmap(fg.vmap(lambda v: lax.psum(v, "i"), axis_name="j"), axis_name="i")
    np.testing.assert_array_equal(outer(xx), np.stack([xx.sum(0)] * 2))
    tiled = fg.vmap(lambda v: lax.all_gather(v, "i", tiled=True), axis_name="i")
    np.testing.assert_array_equal(fg.jit(tiled)(xx), np.stack([xx.ravel()] * 2))


def _loss(x):
    per = fg.vmap(lambda v: v / lax.psum(v, "i") + lax.pmax(v * v, "i")
                  + lax.all_gather(v, "i")[0] * lax.pmin(v, "i"), axis_name="i")(x)
    return fnp.sum(per ** 2)


def test_derivatives():
    check_grads(_loss, [X], order=2)
    np.testing.assert_allclose(fg.jit(fg.grad(_loss))(X), fg.grad(_loss)(X), rtol=1e-12)


def test_grad_inside_the_named_vmap_matches_jax():
    # jax.vmap(lambda v: jax.grad(lambda w: w * lax.psum(w * v, 'i'))(1.0), axis_name='i')
    h = fg.vmap(lambda v: fg.grad(lambda w: w * lax.psum(w * v, "i"))(1.0), axis_name="i")
    np.testing.assert_array_equal(h(X), [11.0, 17.0, 20.0])


def test_unbound_axis_name():
    with pytest.raises(NameError, match="unbound axis name: j"):
        fg.vmap(lambda x: lax.psum(x, "j"), axis_name="i")(X)
