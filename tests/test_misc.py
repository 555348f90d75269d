"""``funcgrad.misc``: HIPS autograd's optimisers and ``flatten``, step for step as autograd 1.9
(the numbers below were recorded from ``autograd.misc.optimizers`` on the same problem)."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.misc import flatten
from funcgrad.misc.optimizers import adam, rmsprop, sgd


def loss(p, i):
    return (fnp.sum((p["w"] - fnp.asarray([1.0, -2.0])) ** 2 * (1 + 0.1 * i))
            + fnp.sin(p["b"][0]) ** 2)


RECORDED = {
    "adam": ([1.0917065853696408, -0.5326155570721485], -0.012103942602042402,
             [-1.0, -0.9900000011000001, -0.9600329531529757]),
    "sgd": ([1.085159005022272, -2.425795025111359], 0.04222551059879631,
            [-1.0, -1.089, -1.164132]),
    "rmsprop": ([0.9994194874291384, -0.9487183640304614], 0.00815374924438849,
                [-1.0, -0.9900000011000001, -0.9610816195556806]),
}


@pytest.mark.parametrize("optimizer", [adam, sgd, rmsprop], ids=lambda o: o.__name__)
def test_steps_and_callbacks_as_autograd(optimizer):
    p0 = {"w": np.array([0.5, 0.5]), "b": [np.array(0.3)]}
    calls = []
    out = optimizer(fg.grad(loss), p0, step_size=0.05, num_iters=20,
                    callback=lambda x, i, g: calls.append((set(x), float(g["w"][0]))))
    w, b, first_grads = RECORDED[optimizer.__name__]
    np.testing.assert_allclose(out["w"], w, rtol=1e-12)
    np.testing.assert_allclose(out["b"][0], b, rtol=1e-10)
    np.testing.assert_allclose([g for _, g in calls[:3]], first_grads, rtol=1e-12)
    assert len(calls) == 20 and calls[0][0] == {"w", "b"}   # the callback sees the pytree
    assert p0["w"].tolist() == [0.5, 0.5]                   # x0 untouched


def test_flatten_round_trips_and_differentiates():
    flat, unflatten = flatten({"w": np.ones((2, 2)), "b": [np.zeros(1)]})
    assert flat.shape == (5,)
    rebuilt = unflatten(np.arange(5.0))
    np.testing.assert_array_equal(rebuilt["b"][0], [0.0])
    np.testing.assert_array_equal(rebuilt["w"], [[1.0, 2.0], [3.0, 4.0]])
    g = fg.grad(lambda v: fnp.sum(unflatten(v)["w"] ** 2))(flat)
    np.testing.assert_array_equal(g, [0.0, 2.0, 2.0, 2.0, 2.0])


def test_fixed_point_gradient_by_the_implicit_function_theorem():
    from funcgrad.misc.fixed_points import fixed_point

    def cos_map(a):
        return lambda x: fnp.cos(a * x)

    def distance(x, y):
        return fnp.max(fnp.abs(x - y))

    def solve(a):
        return fixed_point(cos_map, a, fnp.zeros(2), distance, 1e-13)

    a = np.array([0.7, 1.1])
    x = solve(a)
    np.testing.assert_allclose(x, np.cos(a * x), atol=1e-12)
    # x = cos(a x)  =>  dx/da = -sin(a x) x / (1 + sin(a x) a), elementwise
    expected = -np.sin(a * x) * x / (1 + np.sin(a * x) * a)
    np.testing.assert_allclose(fg.grad(lambda a: fnp.sum(solve(a)))(a), expected, rtol=1e-9)


def test_flatten_func():
    from funcgrad.misc.flatten import flatten_func

    f, unflatten, x = flatten_func(lambda p, k: fnp.sum(p["w"] ** 2) * k, {"w": np.ones(2)})
    assert float(f(x, 3.0)) == 6.0
    np.testing.assert_array_equal(fg.grad(f)(x, 3.0), [6.0, 6.0])
