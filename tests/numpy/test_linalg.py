"""funcgrad.numpy.linalg: the table (values, both modes to 2nd order, float32), edge cases."""

from __future__ import annotations

import numpy as np
import pytest
from cases import random_points_test
from checks import check_grads
from table_linalg import CASES

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.numpy import _dispatch as dispatch
from funcgrad.transforms.reverse import ReverseTrace, backward_pass

L = fnp.linalg


test_table_at_random_points = random_points_test(CASES)


def test_numpy_equivalents_cover_numpy_linalg():
    for name in np.linalg.__all__:
        if name == "LinAlgError":
            continue
        assert L.NUMPY_EQUIVALENTS[getattr(np.linalg, name)] is getattr(L, name)
        # and plain NumPy on a traced value is routed to it
        assert dispatch.HANDLED_FUNCTIONS[getattr(np.linalg, name)] is getattr(L, name)


# ---------------------------------------------------------------------------
# det at singular matrices: the gradient is the (transposed) adjugate, as JAX's
# ---------------------------------------------------------------------------

def _cofactors(a):
    n = a.shape[0]
    return np.array([
        [(-1) ** (i + j) * np.linalg.det(np.delete(np.delete(a, i, 0), j, 1)) for j in range(n)]
        for i in range(n)
    ])


@pytest.mark.parametrize("a", [
    [[1.0, 2.0], [2.0, 4.0]],
    [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],
    [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0], [0.5, -1.0, 2.0]],
])
def test_det_gradient_at_singular_matrix_is_the_cofactor_matrix(a):
    a = np.asarray(a)
    g = fg.grad(L.det)(a)
    assert np.all(np.isfinite(g))
    np.testing.assert_allclose(g, _cofactors(a), atol=1e-12)
    _, t = fg.jvp(L.det, (a,), (np.ones_like(a),))
    np.testing.assert_allclose(t, np.sum(_cofactors(a)), atol=1e-12)


def test_det_gradient_at_rank_n_minus_2_is_zero():
    a = np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 2.0])
    np.testing.assert_allclose(fg.grad(L.det)(a), np.zeros((3, 3)), atol=1e-12)


def test_det_hessian_at_singular_matrix():
    # det [[a, b], [c, d]] = ad - bc: the Hessian is constant.
    h = fg.hessian(L.det)(np.array([[1.0, 2.0], [2.0, 4.0]])).reshape(4, 4)
    expected = np.array([[0, 0, 0, 1], [0, 0, -1, 0], [0, -1, 0, 0], [1, 0, 0, 0]], float)
    np.testing.assert_allclose(h, expected, atol=1e-12)
    # 3x3 of rank 2: d2 det / da_ij da_kl is a signed 1x1 minor.
    a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    h = fg.hessian(L.det)(a)
    assert np.all(np.isfinite(h))
    np.testing.assert_allclose(h[0, 0, 1, 1], a[2, 2], atol=1e-12)
    np.testing.assert_allclose(h[0, 0, 1, 2], -a[2, 1], atol=1e-12)
    np.testing.assert_allclose(h[0, 0, 0, 1], 0.0, atol=1e-12)


# ---------------------------------------------------------------------------
# norm at the zero vector (JAX: NaN for the 2-norm, 0/0), eigh/svd at repeated values
# ---------------------------------------------------------------------------

def test_norm_gradient_at_zero_vector_is_nan_as_in_jax():
    with np.errstate(all="ignore"):
        assert np.all(np.isnan(fg.grad(L.norm)(np.zeros(3))))
        assert np.all(np.isnan(fg.grad(lambda x: L.norm(x, "fro"))(np.zeros((2, 2)))))
    # The 1-norm is a sum of |x|: funcgrad.numpy's |x| has slope 1 at 0 (JAX's).
    np.testing.assert_array_equal(fg.grad(lambda x: L.norm(x, 1))(np.zeros(3)), np.ones(3))
    # Squared norms written as sums are fine.
    np.testing.assert_array_equal(fg.grad(lambda x: fnp.sum(x * x))(np.zeros(3)), np.zeros(3))


def test_eigenvalue_gradients_at_repeated_eigenvalues_are_finite():
    a = np.eye(3)
    np.testing.assert_allclose(fg.grad(lambda a: fnp.sum(L.eigvalsh(a)))(a), np.eye(3))
    np.testing.assert_allclose(fg.grad(lambda a: L.eigh(a)[0][-1] + L.eigh(a)[0][0])(a),
                               fg.grad(lambda a: L.eigh(a)[0][-1] + L.eigh(a)[0][0])(a))
    _, t = fg.jvp(lambda a: fnp.sum(L.eigvalsh(a)), (a,), (np.ones((3, 3)),))
    np.testing.assert_allclose(t, 3.0)
    np.testing.assert_allclose(fg.grad(lambda a: L.norm(a, "nuc"))(a), np.eye(3))


def test_eigenvector_gradient_at_repeated_eigenvalues_is_not_finite_as_in_jax():
    g = fg.grad(lambda a: fnp.sum(L.eigh(a)[1][:, 0] * np.arange(3.0)))(np.eye(3))
    assert not np.all(np.isfinite(g))


def test_decompositions_reconstruct_and_are_orthonormal():
    a = np.random.default_rng(0).standard_normal((2, 4, 3))
    u, s, vh = L.svd(a)
    np.testing.assert_allclose((u[..., :3] * s[..., None, :]) @ vh, a, atol=1e-12)
    q, r = L.qr(a, mode="complete")
    np.testing.assert_allclose(q @ r, a, atol=1e-12)


# ---------------------------------------------------------------------------
# Transforms: staging (shape rules on identities), double backward, errors
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("f", [
    L.inv, L.det, lambda a: L.slogdet(a)[1], L.cholesky, lambda a: L.eigh(a)[1],
    lambda a: L.svd(a)[0], lambda a: L.qr(a)[1], lambda a: L.solve(a, a[0]), L.pinv,
    lambda a: L.eig(a)[0], lambda a: L.norm(a, 2),
])
def test_make_ir_infers_shapes_without_singular_placeholders(f):
    a = np.eye(3) * 2.0 + 0.1
    ir = fg.make_ir(f)(a)
    out = np.asarray(f(a))
    assert ir.outvars[0].aval.shape == out.shape
    assert ir.outvars[0].aval.dtype == out.dtype


def test_double_backward_through_a_multiple_result_primitive():
    # backward_pass(create_graph=True) hands multiple-result rules their results as tracers.
    a0 = np.array([[2.0, 0.5], [0.5, 1.0]])

    def f(a):
        w, v = L.eigh(a)
        return fnp.sum(v[:, 0] ** 2 * np.array([1.0, 2.0])) + w[1] ** 2

    trace = ReverseTrace("test")
    x = trace.new_input(a0)
    y = f(x)
    g = backward_pass(trace, [y], [np.ones(())], keep=[x], create_graph=True)[id(x)]
    u = np.array([[0.3, -1.0], [0.7, 0.2]])
    hv = backward_pass(trace, [fnp.sum(g * u)], [np.ones(())], keep=[x])[id(x)]
    trace.finish()
    expected = fg.grad(lambda a: fnp.sum(fg.grad(f)(a) * u))(a0)
    np.testing.assert_allclose(hv, expected, rtol=1e-10)


@pytest.mark.parametrize("f", [
    L.det, L.inv, lambda a: L.slogdet(a)[1], lambda a: L.eigvalsh(a + a.T),
    lambda a: L.svd(a, compute_uv=False), lambda a: L.qr(a)[1], lambda a: L.norm(a, "nuc"),
    lambda a: L.solve(a, a[0]), fg.grad(L.det), fg.grad(lambda a: L.norm(a, 2)),
])
def test_vmap_and_jit_agree_with_a_loop(f):
    a = np.random.default_rng(0).standard_normal((3, 3, 3)) + 2 * np.eye(3)
    loop = np.stack([f(x) for x in a])
    np.testing.assert_allclose(fg.vmap(f)(a), loop, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fg.jit(f)(a[0]), loop[0], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fg.vmap(f, in_axes=2)(np.moveaxis(a, 0, 2)), loop, rtol=1e-10,
                               atol=1e-12)


def test_jacfwd_of_jacrev_of_a_decomposition():
    a = np.array([[2.0, 0.3], [0.1, 1.0]])
    f = lambda a: L.svd(a, compute_uv=False)[0]
    h = fg.jacfwd(fg.jacrev(f))(a)
    check_grads(fg.grad(f), [a], order=1)
    np.testing.assert_allclose(h, fg.jacrev(fg.jacfwd(f))(a), atol=1e-10)


def test_cond_of_singular_matrix_is_inf_as_numpy():
    a = np.array([[[1.0, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 2.0]]])
    for p in (1, "fro", np.inf):
        np.testing.assert_array_equal(L.cond(a, p), np.linalg.cond(a, p))
    assert np.all(fg.grad(lambda a: fnp.sum(L.cond(a, 1)))(a) == 0)


def test_errors_are_numpys():
    with pytest.raises(np.linalg.LinAlgError, match="square"):
        L.inv(np.ones((2, 3)))
    with pytest.raises(np.linalg.LinAlgError, match="at least two-dimensional"):
        L.det(np.ones(3))
    with pytest.raises(ValueError, match="Invalid norm order"):
        L.norm(np.ones(3), "fro")
    with pytest.raises(ValueError, match="Improper number of dimensions"):
        L.norm(np.ones((2, 2, 2)), 2)
    with pytest.raises(TypeError, match="exponent must be an integer"):
        L.matrix_power(np.eye(2), 1.5)
    with pytest.raises(ValueError, match="Unrecognized mode"):
        L.qr(np.eye(2), mode="full")
