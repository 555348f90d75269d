"""funcgrad.stax and funcgrad.nn.initializers against numbers recorded once from JAX
(jax 0.10.2, x64: jax.example_libraries.stax, jax.nn.initializers), and stax models under
grad, jit and vmap."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.nn as nn
import funcgrad.numpy as fnp
from funcgrad import random, stax
from funcgrad.nn import initializers as init

# First four draws with random.PRNGKey(0), shape (3, 4), float64.
INITIALIZERS = {
    "glorot_normal": (init.glorot_normal(), [-0.11931729520105679, -0.4505697204137817,
                                             0.9665552832093731, 0.10889619576683274]),
    "glorot_uniform": (init.glorot_uniform(), [-0.15098808993295423, -0.5253187410461037,
                                               0.8616079231189994, 0.13794818313741336]),
    "he_normal": (init.he_normal(), [-0.18226017899207797, -0.6882566165504147,
                                     1.4764375828888106, 0.1663416866647469]),
    "lecun_uniform": (init.lecun_uniform(), [-0.16308577656722711, -0.5674090907889773,
                                             0.930642922237995, 0.1490010674550093]),
    "normal": (init.normal(), [-0.0020584213947964338, -0.00784765776446741,
                               0.018160866726679836, 0.001878440128937887]),
    "uniform": (init.uniform(), [0.004184571117163864, 0.002162954546055114,
                                 0.009653214611189976, 0.0057450053372750465]),
    "truncated_normal": (init.truncated_normal(), [-0.0019635199236715064,
                                                   -0.007414705651387619,
                                                   0.01590591332726381,
                                                   0.0017920272969640283]),
    "orthogonal": (init.orthogonal(), [-0.13709981567531937, 0.12511228074365008,
                                       0.7927007935881333, -0.5806685884337635]),
}


@pytest.mark.parametrize("name", sorted(INITIALIZERS))
def test_initializers_draw_jax_numbers(name):
    fn, expected = INITIALIZERS[name]
    out = fn(random.PRNGKey(0), (3, 4))
    assert out.shape == (3, 4) and out.dtype == np.float64
    np.testing.assert_allclose(np.ravel(out)[:4], expected, rtol=1e-12, atol=1e-15)
    assert fn(random.PRNGKey(0), (3, 4), np.float32).dtype == np.float32


def test_conv_kernel_fans():
    out = init.glorot_normal(2, 3)(random.PRNGKey(0), (2, 2, 3, 4))
    np.testing.assert_allclose(np.ravel(out)[:3], [-0.05965864760052839, -0.22528486020689084,
                                                   0.48327764160468656], rtol=1e-12)


def test_standardize_and_one_hot():
    x = np.array([[1.0, 2.0, 4.0], [0.5, -1.0, 3.0]])
    np.testing.assert_allclose(nn.standardize(x), [
        [-1.0690415314502968, -0.26726038286257403, 1.3363019143128716],
        [-0.2020301378350195, -1.1111657580926075, 1.3131958959276273]], rtol=1e-12)
    hot = nn.one_hot(np.array([0, 2, 5, -1]), 3)
    assert hot.dtype == np.float64
    np.testing.assert_array_equal(hot, [[1, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]])


def _model():
    return stax.serial(
        stax.Conv(8, (3, 3), padding="SAME"), stax.BatchNorm(), stax.Relu,
        stax.MaxPool((2, 2), strides=(2, 2)),
        stax.FanOut(2), stax.parallel(stax.Conv(8, (3, 3), padding="SAME"), stax.Identity),
        stax.FanInSum, stax.Conv(6, (3, 3), strides=(2, 2)), stax.Tanh,
        stax.AvgPool((2, 2), strides=(1, 1), padding="SAME"), stax.Dropout(0.9), stax.Flatten,
        stax.Dense(10), stax.LogSoftmax)


def _data():
    r = np.random.RandomState(0)
    return r.randn(64, 12, 12, 1), np.eye(10)[r.randint(0, 10, 64)], r


def test_training_matches_jax():
    """Five jitted SGD steps of a small CNN (every layer kind) print JAX's losses."""
    init_fun, predict = _model()

    def loss(params, batch, rng):
        inputs, targets = batch
        return -fnp.mean(fnp.sum(predict(params, inputs, rng=rng) * targets, axis=1))

    @fg.jit
    def update(params, batch, rng):
        g = fg.grad(loss)(params, batch, rng)
        return fg.tree_util.tree_map(lambda p, d: p - 0.05 * d, params, g)

    rng = random.PRNGKey(0)
    out_shape, params = init_fun(rng, (-1, 12, 12, 1))
    assert out_shape == (-1, 10)
    images, labels, r = _data()
    losses = []
    for _ in range(5):
        idx = r.permutation(64)[:32]
        batch = (images[idx], labels[idx])
        rng, sub = random.split(rng)
        losses.append(float(loss(params, batch, sub)))
        params = update(params, batch, sub)
    expected = [2.526306489393505, 2.311837227162477, 2.245928252962992, 2.2619724435478212,
                2.2800549217949695]
    np.testing.assert_allclose(losses, expected, rtol=1e-10)
    np.testing.assert_allclose(float(loss(params, (images, labels), rng)), 2.2678559991138076,
                               rtol=1e-10)

    def one(params, x, y, k):
        return loss(params, (x[None], y[None]), k)

    per_example = fg.vmap(fg.grad(one), in_axes=(None, 0, 0, None))(params, images[:4],
                                                                      labels[:4], rng)
    total = sum(float(np.sum(np.asarray(leaf) ** 2))
                for leaf in fg.tree_util.tree_leaves(per_example))
    np.testing.assert_allclose(total, 413.3462352028106, rtol=1e-9)


def test_conv_transpose_layer_matches_jax():
    init_fun, apply_fun = stax.serial(
        stax.ConvTranspose(3, (3, 3), strides=(2, 2), padding="SAME"), stax.Relu)
    shape, params = init_fun(random.PRNGKey(3), (2, 5, 5, 4))
    assert shape == (2, 10, 10, 3)
    np.testing.assert_allclose(float(fnp.sum(apply_fun(params, np.ones((2, 5, 5, 4)) * 0.3))),
                               22.474621843293097, rtol=1e-10)


def test_layer_shapes_and_errors():
    init_fun, apply_fun = stax.serial(stax.FanOut(2), stax.parallel(stax.Dense(3), stax.Dense(4)),
                                      stax.FanInConcat())
    shape, params = init_fun(random.PRNGKey(1), (5, 2))
    assert shape == (5, 7)
    assert apply_fun(params, np.ones((5, 2))).shape == (5, 7)
    with pytest.raises(ValueError, match="requires apply_fun to be called with a PRNG key"):
        stax.Dropout(0.5)[1]((), np.ones(3))
    assert stax.Dropout(0.5, mode="test")[1]((), np.ones(3)).tolist() == [1.0, 1.0, 1.0]
