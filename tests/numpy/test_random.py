"""funcgrad.numpy.random: NumPy's samplers, re-exported; samples are constants to transforms."""

from __future__ import annotations

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp


def test_every_numpy_name_is_reexported_as_is():
    assert set(fnp.random.__all__) == set(np.random.__all__)
    for name in np.random.__all__:
        assert getattr(fnp.random, name) is getattr(np.random, name), name


def test_shared_state_reproduces_numpy():
    fnp.random.seed(7)
    a = fnp.random.rand(3)
    b = fnp.random.randn(2, 2)
    np.random.seed(7)
    np.testing.assert_array_equal(a, np.random.rand(3))
    np.testing.assert_array_equal(b, np.random.randn(2, 2))
    rng, ref = fnp.random.default_rng(3), np.random.default_rng(3)
    assert isinstance(rng, np.random.Generator)
    np.testing.assert_array_equal(rng.normal(size=4), ref.normal(size=4))
    np.testing.assert_array_equal(rng.uniform(-1, 1, 4), ref.uniform(-1, 1, 4))


def test_samples_are_constants_to_every_transform():
    def f(mu):
        rng = fnp.random.default_rng(0)
        eps = rng.standard_normal(mu.shape)  # drawn inside the function: still a constant
        return fnp.sum((mu + 0.5 * eps) ** 2)

    mu = np.array([0.1, -0.2, 0.3])
    eps = np.random.default_rng(0).standard_normal(3)
    np.testing.assert_allclose(fg.grad(f)(mu), 2 * (mu + 0.5 * eps))
    _, t = fg.jvp(f, (mu,), (np.ones(3),))
    np.testing.assert_allclose(t, np.sum(2 * (mu + 0.5 * eps)))
    ir = fg.make_ir(f)(mu)
    np.testing.assert_allclose(ir(mu)[0], f(mu))
    assert fnp.random.NUMPY_EQUIVALENTS == {}
