"""funcgrad.extend: autograd's primitive / defvjp / defjvp, as HIPS autograd's
define_gradient example uses them; derivatives against finite differences, to second
order where the rules are written with funcgrad.numpy."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.extend import defjvp, defvjp, primitive


@primitive
def logsumexp(x):
    m = np.max(x)  # plain NumPy inside: a black box
    return m + np.log(np.sum(np.exp(x - m)))


defvjp(logsumexp, lambda ans, x: lambda g: fnp.full(x.shape, g) * fnp.exp(x - ans))


@primitive
def scaled(x, y, power=2):
    return x ** power * y


defvjp(scaled, lambda ans, x, y, power=2: lambda g: g * power * x ** (power - 1) * y,
       lambda ans, x, y, power=2: lambda g: g * x ** power)


def test_define_gradient_example():
    x = np.random.default_rng(0).normal(size=5)
    expected = np.exp(x ** 2 - np.log(np.sum(np.exp(x ** 2)))) * 2 * x
    np.testing.assert_allclose(fg.grad(lambda y: logsumexp(y ** 2))(x), expected, rtol=1e-12)
    fg.test_util.check_grads(lambda y: logsumexp(y ** 2), modes=["rev"])(x)  # autograd's form


def test_several_arguments_keywords_and_second_order():
    check_grads(lambda x, y: scaled(x, y, power=3), [np.array([0.5, 1.5]), np.array([2.0, 3.0])],
                order=2)
    assert fg.grad(scaled, argnums=1)(2.0, 5.0, 3) == 8.0  # a non-array argument is constant


def test_defjvp_forward_and_reverse():
    cube = primitive(lambda x: x ** 3)
    defjvp(cube, lambda g, ans, x: 3 * x ** 2 * g)
    assert fg.jvp(cube, (2.0,), (1.0,))[1] == 12.0
    assert fg.grad(cube)(2.0) == 12.0
    with pytest.raises(TypeError, match="@primitive"):
        defvjp(lambda x: x, lambda ans, x: lambda g: g)
