"""Plain NumPy on traced values: ufuncs, functions, operators, ufunc methods, and clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.numpy import _dispatch

W = np.arange(6.0).reshape(2, 3) / 4
X = np.array([0.3, -1.2, 2.0])


def plain_numpy(x):
    h = np.tanh(W @ x) + np.add(x[:2], 1.0)
    y = np.concatenate([h, x]) * np.float64(0.5)
    z = np.where(y > 0, y, 0.1 * y)
    return np.sum(z ** 2, axis=0) + np.max(x) + np.mean(np.outer(x, h), axis=1).sum()


def same_with_fnp(x):
    h = fnp.tanh(fnp.matmul(W, x)) + fnp.add(x[:2], 1.0)
    y = fnp.concatenate([h, x]) * 0.5
    z = fnp.where(y > 0, y, 0.1 * y)
    return fnp.sum(z ** 2, axis=0) + fnp.max(x) + fnp.mean(fnp.outer(x, h), axis=1).sum()


def test_plain_numpy_differentiates_like_funcgrad_numpy():
    np.testing.assert_allclose(fg.grad(plain_numpy)(X), fg.grad(same_with_fnp)(X))
    np.testing.assert_allclose(fg.hessian(plain_numpy)(X), fg.hessian(same_with_fnp)(X))
    check_grads(plain_numpy, [X])


def test_operators_with_ndarrays_on_either_side():
    def f(x):
        a = W @ x            # ndarray @ traced
        b = x @ W.T          # traced @ ndarray
        c = np.ones(2) - a   # ndarray - traced
        d = np.float32(2.0) * b
        return np.sum(a * b + c / d)

    check_grads(f, [X])
    assert fg.grad(f)(X).shape == X.shape


def test_ufunc_methods():
    M = np.arange(6.0).reshape(2, 3) + 1
    cases = [
        lambda x: np.add.reduce(x, axis=1),
        lambda x: np.add.reduce(x),                       # NumPy's default axis is 0
        lambda x: np.multiply.reduce(x, axis=None),
        lambda x: np.maximum.reduce(x, axis=0, keepdims=True),
        lambda x: np.add.accumulate(x, axis=1),
        lambda x: np.multiply.accumulate(x),
        lambda x: np.multiply.outer(x[0], x[1]),
        lambda x: np.subtract.outer(x, x[0]),
    ]
    for f in cases:
        out, _ = fg.vjp(f, M)
        np.testing.assert_allclose(out, f(M))
        check_grads(f, [M], order=1)


def test_ufunc_dtype_argument():
    out = fg.vjp(lambda x: np.add(x, 1, dtype=np.float32), X)[0]
    assert out.dtype == np.float32


def test_queries_work_on_traced_values():
    def f(x):
        assert np.shape(x) == (3,) and np.ndim(x) == 1 and np.size(x) == 3
        assert np.result_type(x, np.float32) == np.float64
        assert not np.iscomplexobj(x) and np.isrealobj(x)
        return np.sum(x)

    fg.grad(f)(X)
    fg.make_ir(f)(X)


def test_plain_numpy_under_make_ir():
    ir = fg.make_ir(lambda x: np.sum(np.sin(x) * W[0]))(X)
    assert "sin" in str(ir)
    np.testing.assert_allclose(ir(X)[0], np.sum(np.sin(X) * W[0]))


def test_unsupported_function_names_itself_and_the_way_out():
    with pytest.raises(_dispatch.UnsupportedNumPyFunctionError) as e:
        fg.grad(lambda x: np.histogram(x)[0].sum())(X)
    assert "numpy.histogram" in str(e.value) and "custom_vjp" in str(e.value)
    assert isinstance(e.value, TypeError)
    with pytest.raises(fnp.UnsupportedNumPyFunctionError, match="numpy.unique"):
        fg.grad(lambda x: np.unique(x).sum())(X)
    with pytest.raises(fnp.UnsupportedNumPyFunctionError, match="numpy.add.reduceat"):
        fg.grad(lambda x: np.add.reduceat(x, [0, 1]).sum())(X)
    with pytest.raises(fnp.UnsupportedNumPyFunctionError, match="numpy.isnat"):
        fg.grad(lambda x: np.isnat(x).sum())(X)


def test_in_place_ufunc_at_points_to_functional_updates():
    with pytest.raises(TypeError, match=r"funcgrad.numpy.at\(a\)\[indices\].add"):
        fg.grad(lambda x: np.add.at(x, [0], 1.0))(X)


def test_out_and_where_arguments_are_rejected():
    with pytest.raises(TypeError, match="out="):
        fg.grad(lambda x: np.exp(x, out=np.empty(3)).sum())(X)
    with pytest.raises(TypeError, match="where="):
        fg.grad(lambda x: np.exp(x, where=x > 0).sum())(X)

    def in_place(x):
        a = np.ones(3)
        a += x
        return a.sum()

    with pytest.raises(TypeError, match="out="):
        fg.grad(in_place)(X)


def test_converting_a_traced_value_to_an_array_fails_clearly():
    with pytest.raises(TypeError, match="cannot be converted to a NumPy array"):
        fg.grad(lambda x: np.asarray(x).sum())(X)


def test_registry_lets_other_modules_plug_in():
    import types

    fake = types.ModuleType("fake_linalg")

    def det(a):
        return fnp.prod(fnp.diagonal(a))   # a triangular matrix's determinant

    fake.det = det
    fake.__all__ = ["det", "not_in_numpy"]
    fake.not_in_numpy = det
    previous = _dispatch.HANDLED_FUNCTIONS.get(np.linalg.det)  # funcgrad.numpy.linalg's
    try:
        assert _dispatch.register_module(np.linalg, fake) == ["det"]
        A = np.triu(np.arange(1.0, 10.0).reshape(3, 3))
        g = fg.grad(lambda a: np.linalg.det(a))(A)
        np.testing.assert_allclose(np.diag(g), [45 / 1, 45 / 5, 45 / 9])
    finally:
        if previous is None:
            del _dispatch.HANDLED_FUNCTIONS[np.linalg.det]
        else:
            _dispatch.HANDLED_FUNCTIONS[np.linalg.det] = previous


def test_every_registered_function_is_a_funcgrad_function():
    for np_func, ours in _dispatch.HANDLED_FUNCTIONS.items():
        assert ours.__module__.startswith("funcgrad"), (np_func, ours)
    for ufunc, ours in _dispatch.HANDLED_UFUNCS.items():
        assert isinstance(ufunc, np.ufunc)
        assert ours.__module__.startswith("funcgrad"), (ufunc, ours)


def test_signatures_accept_numpys_parameters():
    """A plain NumPy call passes NumPy's arguments on: ours must accept every one of them."""
    import inspect

    others = ("funcgrad.numpy.fft", "funcgrad.numpy.linalg", "funcgrad.primitives.complex")
    problems = []
    for np_func, ours in _dispatch.HANDLED_FUNCTIONS.items():
        if ours.__module__.startswith(others):
            continue
        try:
            theirs = inspect.signature(np_func).parameters
        except (TypeError, ValueError):
            continue
        mine = inspect.signature(ours).parameters
        if any(p.kind is p.VAR_KEYWORD for p in mine.values()):
            continue
        missing = [n for n, p in theirs.items()
                   if n not in mine and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        positional = [n for n, p in theirs.items()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        ours_positional = [n for n, p in mine.items()
                           if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        k = min(len(positional), len(ours_positional))
        if missing or positional[:k] != ours_positional[:k]:
            problems.append((np_func.__name__, missing, positional, ours_positional))
    assert not problems, problems


def test_ufunc_keyword_arguments_our_function_takes_are_passed_on():
    M = np.ones((3, 2))
    out, _ = fg.vjp(lambda x: np.vecdot(x, x, axis=0), M)
    np.testing.assert_array_equal(out, np.vecdot(M, M, axis=0))
