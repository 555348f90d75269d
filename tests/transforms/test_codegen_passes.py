"""jit's optimiser and code generator for speed: products with diagonal matrices, the
spellings that skip NumPy's Python wrappers, commutative sharing; each against eager."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp

rng = np.random.default_rng(3)
A = rng.standard_normal((6, 6))
B = rng.standard_normal((6, 4))


def body(source: str) -> str:
    """The generated function without its module header (the constants)."""
    return source[source.index("\ndef "):]


# name -> (function of x, x): Jacobians whose reverse (forward) basis meets a matmul
DIAGONAL = {
    "left": (lambda x: fnp.tanh(A @ x) + x ** 2, rng.standard_normal(6)),
    "right": (lambda x: fnp.sin(x @ A) * 2.0, rng.standard_normal(6)),
    "matrix": (lambda x: fnp.tanh(x @ B), rng.standard_normal(6)),
    "vector": (lambda x: fnp.sum(x * x) * x, rng.standard_normal(6)),
    "float32": (lambda x: fnp.tanh(A.astype(np.float32) @ x),
                rng.standard_normal(6).astype(np.float32)),
}


@pytest.mark.parametrize("mode", ["jacrev", "jacfwd"])
@pytest.mark.parametrize("name", sorted(DIAGONAL))
def test_jacobians_through_diagonal_products_match_eager(name, mode):
    f, x = DIAGONAL[name]
    jac = getattr(fg, mode)(f)
    want = jac(x)
    got = fg.jit(jac)(x)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5 if x.dtype == np.float32 else 1e-13,
                               atol=1e-6 if x.dtype == np.float32 else 1e-14)


def test_a_product_with_the_reverse_basis_is_a_row_scaling():
    f, x = DIAGONAL["left"]
    source = body(fg.make_source(fg.jacrev(f))(x))
    assert source.count("@") == 1, source  # A @ x only: (I * d) @ A became d[:, None] * A
    assert ".reshape((6, 1))" in source


def test_a_non_identity_constant_keeps_its_matmul():
    D = np.eye(6)
    D[0, 1] = 0.5
    f = lambda x: (D * x) @ A  # noqa: E731 - not diagonal: stays a product
    x = rng.standard_normal(6)
    np.testing.assert_allclose(fg.jit(f)(x), f(x), rtol=1e-13)
    assert body(fg.make_source(f)(x)).count("@") == 1


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("reduce", ["sum", "max", "min"])
def test_reductions_are_written_as_the_ufuncs_reduce(reduce, axis, keepdims):
    f = lambda x: getattr(fnp, reduce)(x * 2.0, axis=axis, keepdims=keepdims)  # noqa: E731
    x = rng.standard_normal((3, 4))
    got, want = fg.jit(f)(x), f(x)
    assert np.shape(got) == np.shape(want) and np.asarray(got).dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-13)
    ufunc = {"sum": "add", "max": "maximum", "min": "minimum"}[reduce]
    source = body(fg.make_source(f)(x))
    assert f"np.{ufunc}.reduce(" in source and f"np.{reduce}(" not in source


def test_integer_and_boolean_sums_keep_numpys_dtype():
    for x in (np.arange(6, dtype=np.int32).reshape(2, 3), np.array([True, False, True])):
        f = lambda x: fnp.sum(x, axis=0)  # noqa: E731
        got = fg.jit(f)(x)
        assert got.dtype == np.sum(x, axis=0).dtype
        np.testing.assert_array_equal(got, np.sum(x, axis=0))


def test_reshape_and_transpose_are_methods():
    f = lambda x: fnp.transpose(fnp.reshape(x * 2.0, (2, 3, 2)), (2, 0, 1))  # noqa: E731
    x = rng.standard_normal(12)
    np.testing.assert_array_equal(fg.jit(f)(x), f(x))
    source = body(fg.make_source(f)(x))
    assert ".reshape((2, 3, 2))" in source and ".transpose((2, 0, 1))" in source


def test_commuted_operands_are_one_value():
    f = lambda x: 0.5 * x + x * 0.5  # noqa: E731
    x = rng.standard_normal(5)
    np.testing.assert_array_equal(fg.jit(f)(x), f(x))
    assert body(fg.make_source(f)(x)).count("0.5") == 1
