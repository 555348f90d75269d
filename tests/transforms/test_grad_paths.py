"""grad's direct path for one argument agrees with the general (pytree) path.

``grad(f)(x, ...)`` with an int ``argnums`` and ``x`` a number, a NumPy scalar, an
array (or a subclass), a tuple or list of floating arrays, or an outer grad's value
skips the pytree machinery; ``argnums=(0,)`` always takes the general path. Both
must give the same values, types and structures, and the same errors.
"""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def loss(p, x):
    if isinstance(p, (tuple, list)):
        return fnp.sum(fnp.tanh(x @ p[0] + p[1]) ** 2)
    return fnp.sum(fnp.sin(p * x) ** 2)


class Sub(np.ndarray):
    pass


W = np.linspace(-1.0, 1.0, 6).reshape(3, 2)
B = np.array([0.1, -0.2])
X = np.linspace(0.0, 1.0, 6).reshape(2, 3)

CASES = [
    ("float", 0.3, 1.5),
    ("numpy float64", np.float64(0.3), 1.5),
    ("numpy float32", np.float32(0.3), np.float32(1.5)),
    ("0-d array", np.asarray(0.3), 1.5),
    ("array", np.array([0.3, -0.7]), np.array([1.5, 2.0])),
    ("float32 array", np.array([0.3, -0.7], np.float32), np.float32(1.5)),
    ("ndarray subclass", np.array([0.3, -0.7]).view(Sub), 1.5),
    ("tuple of arrays", (W, B), X),
    ("list of arrays", [W, B], X),
]


def same(a, b):
    assert type(a) is type(b)
    if isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for u, v in zip(a, b):
            same(u, v)
        return
    assert a.dtype == b.dtype and a.shape == b.shape
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name, p, x", CASES, ids=[c[0] for c in CASES])
def test_direct_path_matches_general_path(name, p, x):
    value, g = fg.value_and_grad(loss)(p, x)
    value_general, (g_general,) = fg.value_and_grad(loss, argnums=(0,))(p, x)
    same(value, value_general)
    same(g, g_general)


def test_direct_path_with_aux_and_keywords():
    def f(x, *, k):
        return fnp.sum(x ** 2) * k, {"k": k * x}

    x = np.array([1.0, 2.0])
    (value, aux), g = fg.value_and_grad(f, has_aux=True)(x, k=3.0)
    (value2, aux2), (g2,) = fg.value_and_grad(f, argnums=(0,), has_aux=True)(x, k=3.0)
    same(value, value2)
    same(aux["k"], aux2["k"])
    same(g, g2)


def test_nested_grad_through_the_direct_path():
    d4 = fg.grad(fg.grad(fg.grad(fg.grad(fnp.tanh))))
    t = np.tanh(0.3)
    np.testing.assert_allclose(d4(0.3), 8 * t * (1 - t**2) * (2 - 3 * t**2), rtol=1e-12)


@pytest.mark.parametrize("f", [lambda x, y: fnp.sum(y), lambda x, y: 2.0, lambda x, y: y[0]],
                         ids=["unused argument", "constant output", "output not traced"])
def test_zero_gradients_match_the_general_path(f):
    x, y = np.ones(2), np.ones(3)
    g = fg.grad(f)(x, y)
    (g_general,) = fg.grad(f, argnums=(0,))(x, y)
    same(g, g_general)
    np.testing.assert_array_equal(g, np.zeros(2))


@pytest.mark.parametrize("bad", [1, (np.ones(2), 3), np.array([1, 2]), "x"],
                         ids=["int", "tuple with an int", "int array", "string"])
def test_errors_match_the_general_path(bad):
    with pytest.raises(TypeError) as direct:
        fg.grad(lambda x: fnp.sum(fnp.asarray(x)))(bad)
    with pytest.raises(TypeError) as general:
        fg.grad(lambda x: fnp.sum(fnp.asarray(x)), argnums=(0,))(bad)
    assert str(direct.value).split(" (argnums")[0][:40] == str(general.value).split(
        " (argnums")[0][:40]
