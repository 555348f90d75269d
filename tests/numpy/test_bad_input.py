"""Bad input raises NumPy's own exception types, with NumPy's messages, traced or not."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.numpy.products import ShapeMismatchError

X = np.arange(6.0).reshape(2, 3)

# (id, function of a module m and an array x). Each raises in NumPy; ours must raise the same.
BAD = [
    ("add_shapes", lambda m, x: m.add(x, np.ones(4))),
    ("sum_axis", lambda m, x: m.sum(x, axis=2)),
    ("sum_negative_axis", lambda m, x: m.sum(x, axis=-3)),
    ("mean_axis", lambda m, x: m.mean(x, axis=(0, 5))),
    ("prod_axis", lambda m, x: m.prod(x, axis=3)),
    ("var_axis", lambda m, x: m.var(x, axis=2)),
    ("max_axis", lambda m, x: m.max(x, axis=2)),
    ("max_empty", lambda m, x: m.max(x[:, :0], axis=1)),
    ("max_where_no_initial", lambda m, x: m.max(x, where=x > 1)),
    ("cumsum_axis", lambda m, x: m.cumsum(x, axis=2)),
    ("argmax_axis", lambda m, x: m.argmax(x, axis=2)),
    ("sort_axis", lambda m, x: m.sort(x, axis=2)),
    ("concatenate_shapes", lambda m, x: m.concatenate([x, x.T])),
    ("concatenate_axis", lambda m, x: m.concatenate([x, x], axis=2)),
    ("concatenate_0d", lambda m, x: m.concatenate([x[0, 0], x[0, 1]])),
    ("stack_shapes", lambda m, x: m.stack([x, x[:1]])),
    ("stack_axis", lambda m, x: m.stack([x, x], axis=4)),
    ("reshape", lambda m, x: m.reshape(x, (4, 2))),
    ("transpose_axes", lambda m, x: m.transpose(x, (0, 0))),
    ("transpose_range", lambda m, x: m.transpose(x, (0, 2))),
    ("moveaxis", lambda m, x: m.moveaxis(x, 0, 5)),
    ("swapaxes", lambda m, x: m.swapaxes(x, 0, 5)),
    ("expand_dims", lambda m, x: m.expand_dims(x, 5)),
    ("squeeze", lambda m, x: m.squeeze(x, 0)),
    ("broadcast_to", lambda m, x: m.broadcast_to(x, (3, 3))),
    ("broadcast_arrays", lambda m, x: m.broadcast_arrays(x, np.ones(4))),
    ("matmul_shapes", lambda m, x: m.matmul(x, x)),
    ("matmul_scalar", lambda m, x: m.matmul(x, 2.0)),
    ("dot_shapes", lambda m, x: m.dot(x, x)),
    ("tensordot", lambda m, x: m.tensordot(x, x, axes=([0], [1]))),
    ("einsum_shapes", lambda m, x: m.einsum("ij,jk->ik", x, x)),
    ("einsum_output", lambda m, x: m.einsum("ij->k", x)),
    ("split_unequal", lambda m, x: m.split(x, 2, axis=1)),
    ("vsplit_1d", lambda m, x: m.vsplit(x[0], 3)),
    ("diagonal_1d", lambda m, x: m.diagonal(x[0])),
    ("diag_3d", lambda m, x: m.diag(x[None])),
    ("rot90_axes", lambda m, x: m.rot90(x, axes=(0, 0))),
    ("tile_negative", lambda m, x: m.tile(x, -1)),
    ("take_bounds", lambda m, x: m.take(x, [7])),
    ("take_axis", lambda m, x: m.take(x, [0], axis=3)),
    ("index_bounds", lambda m, x: x[2]),
    ("index_array_bounds", lambda m, x: x[:, np.array([0, 3])]),
    ("index_too_many", lambda m, x: x[0, 0, 0]),
    ("flip_axis", lambda m, x: m.flip(x, 2)),
    ("roll_axis", lambda m, x: m.roll(x, 1, axis=2)),
    ("average_weights", lambda m, x: m.average(x, weights=np.ones(3))),
    ("average_weights_axis", lambda m, x: m.average(x, axis=0, weights=np.ones(3))),
    ("quantile_range", lambda m, x: m.quantile(x, 1.5)),
    ("cross_dims", lambda m, x: m.cross(x, x[:, :1])),
    ("inner_shapes", lambda m, x: m.inner(x, x.T)),
    ("select_lengths", lambda m, x: m.select([x > 0], [x, x])),
]


def _numpy_error(f):
    try:
        with np.errstate(all="ignore"):
            f(np, X.copy())
    except Exception as e:  # noqa: BLE001 - any exception NumPy raises is the reference
        return e
    raise AssertionError("NumPy accepted the input: the case is not bad input")


def _same_type(ours, numpys):
    """NumPy's exception type; unaligned shapes are ShapeMismatchError, NumPy's ValueError
    that is also JAX's TypeError."""
    if isinstance(ours, ShapeMismatchError):
        return type(numpys) is ValueError
    return type(ours) is type(numpys)


@pytest.mark.parametrize("name, f", BAD, ids=[b[0] for b in BAD])
def test_same_exception_as_numpy(name, f):
    expected = _numpy_error(f)
    first_line = str(expected).splitlines()[0] if str(expected) else ""
    with pytest.raises(type(expected)) as plain:
        f(fnp, X.copy())
    assert _same_type(plain.value, expected)
    # Traced: inside a transform the same error, before anything is differentiated.
    with pytest.raises(type(expected)) as traced:
        fg.grad(lambda x: fnp.sum(f(fnp, x)))(X.copy())
    assert _same_type(traced.value, expected)
    if name not in MESSAGE_DIFFERS:
        assert str(plain.value).splitlines()[0] == first_line
        assert str(traced.value).splitlines()[0] == first_line


# Messages that differ from NumPy's wording (the exception type is still NumPy's): none.
MESSAGE_DIFFERS: set[str] = set()


def test_axis_errors_are_numpy_axis_errors():
    for f in (lambda x: fnp.sum(x, 3), lambda x: fnp.cumsum(x, -4), lambda x: fnp.mean(x, 9)):
        with pytest.raises(np.exceptions.AxisError, match="out of bounds for array of dimension"):
            f(X)


def test_out_argument_is_rejected_clearly():
    with pytest.raises(TypeError, match="out="):
        fnp.sum(X, out=np.zeros(()))
    with pytest.raises(TypeError, match="out="):
        fg.grad(lambda x: np.sum(np.sin(x, out=np.zeros(3))))(np.ones(3))


def test_traced_index_is_rejected_clearly():
    with pytest.raises(TypeError, match="indexing with a traced value"):
        fg.grad(lambda x: fnp.sum(x[x]))(np.ones(3))


def test_at_update_shape_mismatch():
    with pytest.raises(ValueError, match="shape mismatch: value array of shape"):
        fnp.at(np.zeros(3))[np.array([0, 1])].set(np.ones(3))


def test_setitem_on_a_traced_value_points_to_at():
    def f(x):
        x[0] = 1.0
        return fnp.sum(x)

    with pytest.raises(TypeError, match=r"\.at\[index\]\.set"):
        fg.grad(f)(np.ones(3))


def test_traced_boolean_mask_under_staging_says_why():
    with pytest.raises(TypeError, match="traced boolean mask"):
        fg.make_ir(lambda x: x[x > 0])(np.ones(3))


@pytest.mark.parametrize("op", [fnp.dot, fnp.inner])
def test_unaligned_shapes_are_numpys_valueerror_and_jaxs_typeerror(op):
    # JAX's MLP tutorial catches TypeError here; NumPy code catches ValueError.
    for error in (ValueError, TypeError):
        with pytest.raises(error, match="not aligned"):
            op(np.ones((2, 3)), np.ones((2, 4)))
