"""ndarray's methods and attributes on traced values agree with ndarray's own."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg

X = np.array([[0.5, -1.5, 2.0], [1.1, 0.33, -0.77]])

METHODS = {
    "sum": lambda x: x.sum(axis=1, keepdims=True),
    "mean": lambda x: x.mean(0),
    "prod": lambda x: x.prod(axis=-1),
    "std": lambda x: x.std(ddof=1),
    "var": lambda x: x.var(axis=0),
    "max": lambda x: x.max(axis=1),
    "min": lambda x: x.min(),
    "cumsum": lambda x: x.cumsum(axis=1),
    "cumprod": lambda x: x.cumprod(0),
    "ravel": lambda x: x.ravel(),
    "flatten": lambda x: x.flatten(),
    "squeeze": lambda x: x[None].squeeze(0),
    "reshape": lambda x: x.reshape(3, 2) + x.reshape((3, 2)) + x.reshape(-1, 2),
    "transpose": lambda x: x.transpose() + x.transpose(1, 0) + x.transpose((1, 0)) + x.T,
    "mT": lambda x: x[None].mT,
    "swapaxes": lambda x: x.swapaxes(0, 1),
    "clip": lambda x: x.clip(-1.0, 1.0) + x.clip(min=0.0),
    "round": lambda x: x.round(1) + x,
    "dot": lambda x: x.dot(x.T),
    "take": lambda x: x.take([0, 2], axis=1),
    "repeat": lambda x: x.repeat(2, axis=0),
    "trace": lambda x: x.trace(),
    "diagonal": lambda x: x.diagonal(),
    "astype": lambda x: x.astype(np.float32).astype(np.float64) * 0 + x,
    "conj": lambda x: x.conj() + x.conjugate(),
    "real_imag": lambda x: x.real + x.imag,
    "compress": lambda x: x.compress([True, False, True], axis=1),
    "copy": lambda x: x.copy() * 2,
    "floordiv_mod": lambda x: x // 0.7 + x % 0.7 + divmod(x, 0.7)[1],
    "operators": lambda x: (-x + 2) * (1 / (abs(x) + 1)) ** 2 - 3.0 ** x + (+x) @ x.T.dot(x),
}

NO_DERIVATIVE = {
    "argmax": lambda x: x.argmax(axis=1),
    "argmin": lambda x: x.argmin(),
    "argsort": lambda x: x.argsort(axis=0),
    "all_any": lambda x: (x > 0).all(axis=0) | (x > 1).any(axis=0),
    "nonzero": lambda x: (x > 0).nonzero(),
    "shape_size_ndim": lambda x: (x.shape, x.size, x.ndim, len(x), x.dtype),
}


@pytest.mark.parametrize("name", sorted(METHODS))
def test_method_values_and_derivatives(name):
    f = METHODS[name]
    expected = f(X)
    out, _ = fg.vjp(f, X)
    np.testing.assert_allclose(out, expected)
    assert np.asarray(out).dtype == np.asarray(expected).dtype
    check_grads(f, [X], order=2 if name not in ("round",) else 1)


@pytest.mark.parametrize("name", sorted(NO_DERIVATIVE))
def test_methods_without_derivative(name):
    f = NO_DERIVATIVE[name]
    expected = f(X)

    def inside(x):
        got = f(x)
        for a, b in zip(np.atleast_1d(np.asarray(got, dtype=object)),
                        np.atleast_1d(np.asarray(expected, dtype=object))):
            assert np.array_equal(np.asarray(a), np.asarray(b)) or a == b
        return x.sum()

    fg.grad(inside)(X)


def test_item_tolist_iteration_and_conversions():
    def f(x):
        # Converting to Python numbers would drop the derivative: it raises (test_misuse.py).
        for convert in (lambda v: v[0, 0].item(), lambda v: float(v[0, 0]), lambda v: v.tolist()):
            with pytest.raises(fg.TracerConversionError):
                convert(x)
        assert [r.shape for r in x] == [(3,), (3,)]
        assert (x[0, 0] == 0.5) and bool(x[0, 0] > 0)
        return x.sum()

    fg.grad(f)(X)
    assert X[0, 0].item() == 0.5 and fg.stop_gradient(X).tolist() == X.tolist()


def test_in_place_methods_raise_with_the_functional_alternative():
    with pytest.raises(TypeError, match=r"fnp.sort|funcgrad.numpy.sort"):
        fg.grad(lambda x: x.sort())(X)
    with pytest.raises(TypeError, match="full_like"):
        fg.grad(lambda x: x.fill(0.0))(X)
