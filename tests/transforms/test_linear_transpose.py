"""linear_transpose: J^T of a linear function (checked against the explicit matrix), and an
error naming the operation for a nonlinear one instead of the derivative at zero."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp

R = np.random.default_rng(0)
A, B = R.normal(size=(3, 4)), R.normal(size=(4, 2))


@pytest.mark.parametrize("f, shape", [
    (lambda x: A @ x, (4,)),
    (lambda x: fnp.sum(x, axis=0) * 2.0 - x[1], (3, 4)),
    (lambda x: fnp.concatenate([x, -x.T.reshape(-1)[:4]]) / 3.0, (4,)),
    (lambda x: fnp.where(A > 0, x, 0.0) @ B, (3, 4)),
    (lambda x: fnp.cumsum(x)[::-1] + fnp.real(x), (5,)),
])
def test_transpose_is_the_matrix_transpose(f, shape):
    n = int(np.prod(shape))
    basis = np.eye(n).reshape((n,) + shape)
    J = np.stack([np.ravel(f(e)) for e in basis], axis=1)  # columns: f of unit vectors
    out_shape = np.shape(f(np.zeros(shape)))
    ct = R.normal(size=out_shape)
    (got,) = fg.linear_transpose(f, np.zeros(shape))(ct)
    np.testing.assert_allclose(np.ravel(got), J.T @ np.ravel(ct), rtol=1e-12, atol=1e-12)


def test_pytrees_and_shape_structs():
    f = lambda p: {"y": p["w"] @ B + p["b"]}  # noqa: E731
    primals = {"w": fg.ShapeDtypeStruct((3, 4), np.float64), "b": np.zeros(2)}
    (g,) = fg.linear_transpose(f, primals)({"y": np.ones((3, 2))})
    np.testing.assert_allclose(g["w"], np.ones((3, 2)) @ B.T)
    np.testing.assert_allclose(g["b"], [3.0, 3.0])


def test_transpose_of_linearize_is_vjp():
    W = R.normal(size=(3, 3))
    f = lambda w: fnp.tanh(w @ W)  # noqa: E731
    y, f_jvp = fg.linearize(f, W)
    u = np.ones_like(y)
    np.testing.assert_allclose(fg.linear_transpose(f_jvp, W)(u)[0], fg.vjp(f, W)[1](u)[0])


@pytest.mark.parametrize("f, prim", [
    (fnp.sin, "sin"),
    (lambda x: x * x, "mul"),
    (lambda x: 1.0 / x, "div"),
    (lambda x: fnp.maximum(x, 0.0), "max"),
])
def test_nonlinear_functions_raise(f, prim):
    with pytest.raises(TypeError, match=f"not linear in its inputs: it applies {prim}"):
        fg.linear_transpose(f, np.ones(3))
