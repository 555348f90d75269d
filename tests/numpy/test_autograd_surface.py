"""NumPy names HIPS autograd's test suite reaches for (issue 11): index tricks, gradient,
partition, real_if_close, row_stack, iscomplex/isreal, where by keyword, reductions and
append of Python lists of traced values, tuple-of-sequence indexing, integer casts.
Values are NumPy's own; derivatives are checked against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.test_util import check_grads

RNG = np.random.default_rng(0)
A = RNG.standard_normal((3, 2))
V = RNG.standard_normal(10)

CASES = {
    "r_": (lambda x: fnp.r_[x, A, x], [A], lambda x: np.r_[x, A, x]),
    "r_slice": (lambda x: fnp.r_[x, V, 1:10], [V], lambda x: np.r_[x, V, 1:10]),
    "r_axis_spec": (lambda x: fnp.r_["1", x, A], [A], lambda x: np.r_["1", x, A]),
    "c_": (lambda x: fnp.c_[x, A, x], [A], lambda x: np.c_[x, A, x]),
    "c_1d": (lambda x: fnp.c_[x, x ** 2], [V], lambda x: np.c_[x, x ** 2]),
    "gradient_1d": (fnp.gradient, [V], np.gradient),
    "gradient_2d": (lambda x: fnp.gradient(x, 0.5), [A], lambda x: np.gradient(x, 0.5)),
    "gradient_axis": (lambda x: fnp.gradient(x, axis=-1, edge_order=2),
                      [RNG.standard_normal((2, 5))],
                      lambda x: np.gradient(x, axis=-1, edge_order=2)),
    "partition": (lambda x: fnp.partition(x, 3), [V], lambda x: np.partition(x, 3)),
    "row_stack": (lambda x: fnp.row_stack((x, x * 2)), [V], lambda x: np.vstack((x, x * 2))),
    "mean_of_list": (lambda x: fnp.mean([x, x + 2]), [1.5], lambda x: np.mean([x, x + 2])),
    "std_of_tuple": (lambda x: fnp.std((x, x * 3)), [1.5], lambda x: np.std((x, x * 3))),
    "var_of_list": (lambda x: fnp.var([x, x ** 2, 1.0]), [1.5],
                    lambda x: np.var([x, x ** 2, 1.0])),
    "sum_of_list": (lambda x: fnp.sum([x, x * 2]), [1.5], lambda x: np.sum([x, x * 2])),
    "append_list": (lambda a, b: fnp.append(a, b), [[1.0, 2.0, 3.0], 4.0],
                    lambda a, b: np.append(a, b)),
    "tuple_index": (lambda x: fnp.fft.rfftn(x)[(0, 1, 0), (3, 3, 2)],
                    [RNG.standard_normal((4, 4, 4))],
                    lambda x: np.fft.rfftn(x)[(0, 1, 0), (3, 3, 2)]),
    "real_if_close": (lambda x: fnp.real_if_close(x + 1e-17j), [A],
                      lambda x: np.real_if_close(x + 1e-17j)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_and_derivatives(name):
    f, args, expected = CASES[name]
    np.testing.assert_allclose(f(*args), expected(*args))
    check_grads(f, args, order=2)


def test_predicates_and_keywords():
    np.testing.assert_array_equal(fnp.iscomplex(np.array([1 + 1j, 2 + 0j, 3])),
                                  np.iscomplex(np.array([1 + 1j, 2 + 0j, 3])))
    np.testing.assert_array_equal(fnp.isreal(np.array([1 + 1j, 2])), [False, True])
    x, y = np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])
    cond = [True, False, True]
    np.testing.assert_array_equal(fnp.where(condition=cond, x=x, y=y), [1.0, 5.0, 3.0])
    np.testing.assert_array_equal(fnp.where(cond, x, y=y), [1.0, 5.0, 3.0])
    assert fg.grad(lambda v: fnp.sum(fnp.where(condition=cond, x=v, y=y)))(x).tolist() == [
        1.0, 0.0, 1.0]
    # The choice of real_if_close needs values: staged, it says so.
    with pytest.raises(fg.ConcretizationError, match="real_if_close"):
        fg.jit(fnp.real_if_close)(A + 0j)


def test_integer_casts_of_traced_values_are_fine():
    def f(w):
        rows = np.int64(w[:, -1])  # an integer copy carries no derivative: allowed
        assert rows.dtype == np.int64
        return fnp.sum(w[rows])

    np.testing.assert_array_equal(fg.grad(f)(np.ones((3, 2))), [[0, 0], [3, 3], [0, 0]])


def test_numpy_dtypes_and_constants_come_through():
    assert fnp.longdouble is np.longdouble and fnp.__version__ == np.__version__
    with pytest.raises(AttributeError, match="numpy.i0 has no funcgrad counterpart"):
        fnp.i0  # noqa: B018


def test_numpy_utilities_come_through_and_still_refuse_traced_values():
    # hmm_em.py (HIPS autograd's examples) calls np.seterr; user code asks dtype questions.
    assert fnp.issubdtype(fnp.float32, fnp.floating) and fnp.promote_types("f4", "i8") == "f8"
    assert fnp.seterr is np.seterr and fnp.geterr() == np.geterr()
    with pytest.raises(TypeError, match="numpy.array_str was called on a traced value"):
        fg.grad(lambda x: fnp.array_str(x) and x)(1.0)
