"""The array API standard's namespace: every name the standard lists, and code written
against it differentiates through traced values."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.array_api as xp_fg
from funcgrad.core.trace import Tracer

array_api_compat = pytest.importorskip("array_api_compat")

# The functions of the 2023.12 standard (its "API specification" pages), frozen here so
# that a name dropped from the namespace fails this test.
STANDARD_FUNCTIONS = """
abs acos acosh add all any arange argmax argmin argsort asarray asin asinh astype atan atan2
atanh bitwise_and bitwise_invert bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor
broadcast_arrays broadcast_to can_cast ceil clip concat conj copysign cos cosh cumulative_sum
divide empty empty_like equal exp expand_dims expm1 eye finfo flip floor floor_divide
from_dlpack full full_like greater greater_equal hypot iinfo imag isdtype isfinite isinf isnan
less less_equal linspace log log1p log2 log10 logaddexp logical_and logical_not logical_or
logical_xor matmul matrix_transpose max maximum mean meshgrid min minimum moveaxis multiply
negative nonzero not_equal ones ones_like permute_dims positive pow prod real remainder repeat
reshape result_type roll round searchsorted sign signbit sin sinh sort sqrt square squeeze stack
std subtract sum take tan tanh tensordot tile tril triu trunc unique_all unique_counts
unique_inverse unique_values unstack var vecdot where zeros zeros_like
""".split()
STANDARD_LINALG = """
cholesky cross det diagonal eigh eigvalsh inv matmul matrix_norm matrix_power matrix_rank
matrix_transpose outer pinv qr slogdet solve svd svdvals tensordot trace vecdot vector_norm
""".split()


def test_every_standard_name_is_in_the_namespace():
    missing = [n for n in STANDARD_FUNCTIONS if not callable(getattr(xp_fg, n, None))]
    assert not missing, f"funcgrad.array_api lacks {missing}"
    missing = [n for n in STANDARD_LINALG if not callable(getattr(xp_fg.linalg, n, None))]
    assert not missing, f"funcgrad.array_api.linalg lacks {missing}"
    for name in ("e", "inf", "nan", "pi", "newaxis", "float32", "float64", "int64", "bool"):
        assert hasattr(xp_fg, name)


def test_the_names_agree_with_array_api_compat_numpy():
    """array_api_compat's NumPy namespace is the reference for names and results."""
    ref = array_api_compat.array_namespace(np.ones(2))
    x = np.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]])
    for name in ("sin", "exp", "abs", "tanh", "sqrt", "square"):
        f = getattr(xp_fg, name)
        np.testing.assert_allclose(f(np.abs(x)), getattr(ref, name)(np.abs(x)), err_msg=name)
    for call in (
        lambda xp: xp.sort(x, axis=1, descending=True),
        lambda xp: xp.argsort(x, axis=0, descending=True),
        lambda xp: xp.std(x, axis=0, correction=1),
        lambda xp: xp.matrix_transpose(x),
        lambda xp: xp.unstack(x, axis=1),
        lambda xp: xp.astype(x, xp.int64),
        lambda xp: xp.take(x, np.array([2, 0]), axis=1),
        lambda xp: xp.concat([x, x], axis=0),
        lambda xp: xp.permute_dims(x, (1, 0)),
        lambda xp: xp.cumulative_sum(x, axis=1),
        lambda xp: xp.vecdot(x, x),
    ):
        for a, b in zip(fg.tree.leaves(call(xp_fg)), fg.tree.leaves(call(ref))):
            np.testing.assert_array_equal(a, b)


def test_descending_sort_is_stable():
    x = np.array([1.0, 3.0, 1.0, 3.0, 2.0])
    np.testing.assert_array_equal(xp_fg.argsort(x, descending=True), [1, 3, 4, 0, 2])


def test_traced_values_answer_with_this_namespace():
    seen = []

    def f(x):
        seen.append(array_api_compat.array_namespace(x))
        return x.__array_namespace__().sum(x)

    fg.grad(f)(np.ones(2))
    assert seen == [xp_fg]
    with pytest.raises(ValueError, match="implements version"):
        fg.grad(lambda x: x.__array_namespace__(api_version="2021.12").sum(x))(np.ones(2))


def softmax_cross_entropy(w, X, labels):
    """Written against the standard only."""
    xp = array_api_compat.array_namespace(w)
    z = xp.matmul(X, w)
    z = z - xp.max(z, axis=1, keepdims=True)
    log_p = z - xp.log(xp.sum(xp.exp(z), axis=1, keepdims=True))
    picked = xp.take_along_axis(log_p, labels[:, None], axis=1) if hasattr(
        xp, "take_along_axis") else xp.sum(log_p * (labels[:, None] == xp.arange(3)), axis=1)
    return -xp.mean(picked)


def test_array_api_code_differentiates():
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(5, 4)), rng.normal(size=(4, 3))
    labels = np.array([0, 2, 1, 1, 0])
    g = fg.grad(softmax_cross_entropy)(w, X, labels)
    z = X @ w
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    expected = X.T @ (p - np.eye(3)[labels]) / 5
    np.testing.assert_allclose(g, expected, rtol=1e-12)
    # jvp and jit see the same namespace.
    v = rng.normal(size=w.shape)
    _, t = fg.jvp(lambda w: softmax_cross_entropy(w, X, labels), (w,), (v,))
    np.testing.assert_allclose(t, np.sum(expected * v), rtol=1e-12)
    assert isinstance(fg.jit(fg.grad(softmax_cross_entropy))(w, X, labels), np.ndarray)


def test_tracers_have_the_standard_attributes():
    def f(x):
        assert isinstance(x, Tracer) and x.device == "cpu" and x.mT.shape == (3, 2)
        return xp_fg.sum(x)

    fg.grad(f)(np.ones((2, 3)))
