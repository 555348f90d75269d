"""funcgrad.lax's convolutions, window reductions and dot_general.

Against numbers recorded once from ``jax.lax`` (values, gradients, second order;
``conv_cases.py`` and ``conv_reference.py``), against finite differences in both
modes to second order, in float32, under ``vmap`` (against a loop) and ``jit``
(against eager), and their errors.
"""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_dtypes, check_grads
from conv_cases import CASES, CONV, DOT, WINDOW, data
from conv_reference import REFERENCE
from transform_checks import check_transforms

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax

INIT = {"max": -np.inf, "min": np.inf, "add": 0.0}
MONOID = {"max": fnp.maximum, "min": fnp.minimum, "add": fnp.add}


def build(fn: str, kw: dict):
    kw = dict(kw)
    if fn == "reduce_window":
        kind = kw.pop("computation")
        return lambda x: lax.reduce_window(x, INIT[kind], MONOID[kind], **kw)
    f = getattr(lax, fn)
    return lambda *a: f(*a, **kw)


def inputs(shapes, dtype=np.float64):
    return [data(s, i + 1).astype(dtype) for i, s in enumerate(shapes)]


@pytest.mark.parametrize("name, fn, shapes, kw", CASES, ids=[c[0] for c in CASES])
def test_matches_jax(name, fn, shapes, kw):
    f = build(fn, kw)
    args = inputs(shapes)
    ref = REFERENCE[name]
    out = f(*args)
    np.testing.assert_allclose(out, ref["out"], rtol=1e-10, atol=1e-10)
    ct = data(np.shape(out), 7)
    argnums = tuple(range(len(args)))

    def loss(*a):
        return fnp.sum(f(*a) * ct)

    grads = fg.grad(loss, argnums)(*args)
    for g, expected in zip(grads, ref["grads"]):
        np.testing.assert_allclose(g, expected, rtol=1e-10, atol=1e-10)
    probes = [data(s, 11 + i) for i, s in enumerate(shapes)]

    def loss2(*a):
        gs = fg.grad(loss, argnums)(*a)
        return sum(fnp.sum(g * p) for g, p in zip(gs, probes))

    second = fg.grad(loss2, argnums)(*args)
    pairs = [data(s, 21 + i) for i, s in enumerate(shapes)]
    got = [float(np.sum(h * q)) for h, q in zip(second, pairs)]
    np.testing.assert_allclose(got, ref["second"], rtol=1e-9, atol=1e-9)


# Finite differences, both modes, order 2; away from max-pooling ties by construction.
@pytest.mark.parametrize("name, fn, shapes, kw", CONV + WINDOW + DOT[:2],
                         ids=[c[0] for c in CONV + WINDOW + DOT[:2]])
def test_finite_differences(name, fn, shapes, kw):
    check_grads(build(fn, kw), inputs(shapes), order=2, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("name, fn, shapes, kw", CASES[::3], ids=[c[0] for c in CASES[::3]])
def test_float32(name, fn, shapes, kw):
    f = build(fn, kw)
    args32 = inputs(shapes, np.float32)
    out = f(*args32)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, REFERENCE[name]["out"], rtol=1e-4, atol=1e-4)
    check_dtypes(f, args32)


def _stacked(shapes, size=3):
    return [np.stack([data(s, i + 1 + 10 * k) for k in range(size)]) for i, s in enumerate(shapes)]


VMAP_CASES = [c for c in CASES if c[0] in (
    "nhwc_hwio_same", "feature_groups", "batch_groups", "conv3d", "transpose_same",
    "max_pool_same", "sum_base_dilation", "batched_matmul")]


@pytest.mark.parametrize("name, fn, shapes, kw", VMAP_CASES, ids=[c[0] for c in VMAP_CASES])
def test_vmap_matches_loop(name, fn, shapes, kw):
    f = build(fn, kw)
    batched = _stacked(shapes)
    plain = inputs(shapes)
    n = len(shapes)
    patterns = [(0,) * n] + ([(0, None), (None, 0), (1, 0)] if n == 2 else [(1,)])
    for axes in patterns:
        args = [np.moveaxis(b, 0, ax) if ax is not None else p
                for b, p, ax in zip(batched, plain, axes)]
        got = fg.vmap(f, in_axes=axes)(*args)
        expected = np.stack([f(*[b[k] if ax is not None else p
                                 for b, p, ax in zip(batched, plain, axes)]) for k in range(3)])
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12, err_msg=str(axes))


@pytest.mark.parametrize("groups", [dict(feature_group_count=2), dict(batch_group_count=2)])
def test_per_example_gradients(groups):
    """vmap(grad) over examples: the kernel's cotangent is a convolution with the groups
    swapped, batched in both arguments."""
    x = data((5, 4, 6, 5), 1)
    w = data((4, 2, 3, 3), 2) if "feature_group_count" in groups else data((4, 4, 3, 3), 2)
    if "batch_group_count" in groups:
        x = data((5, 2, 4, 6, 5), 1)  # each example is a batch of 2 for the batch groups

    def loss(w, x):
        xb = x[None] if x.ndim == 3 else x
        out = lax.conv_general_dilated(xb, w, (2, 1), "SAME", **groups)
        return fnp.sum(fnp.tanh(out))

    got = fg.vmap(fg.grad(loss), in_axes=(None, 0))(w, x)
    expected = np.stack([fg.grad(loss)(w, x[k]) for k in range(x.shape[0])])
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name, fn, shapes, kw", VMAP_CASES, ids=[c[0] for c in VMAP_CASES])
def test_jit_matches_eager(name, fn, shapes, kw):
    f = build(fn, kw)
    args = inputs(shapes)

    def loss(*a):
        return fnp.sum(fnp.sin(f(*a)))

    argnums = tuple(range(len(args)))
    eager = fg.value_and_grad(loss, argnums)(*args)
    jitted = fg.jit(fg.value_and_grad(loss, argnums))(*args)
    np.testing.assert_allclose(jitted[0], eager[0], rtol=1e-12)
    for a, b in zip(jitted[1], eager[1]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_max_pool_picks_the_first_of_ties():
    x = np.array([[1.0, 1.0, 0.0, 2.0], [1.0, 0.5, 2.0, 2.0]])
    g = fg.grad(lambda x: fnp.sum(lax.reduce_window(x, -np.inf, lax_max, (2, 2), (2, 2),
                                                    "VALID")))(x)
    np.testing.assert_array_equal(g, [[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]])


def lax_max(a, b):
    return fnp.maximum(a, b)


lax_max.__module__ = "funcgrad.lax"
lax_max.__name__ = "max"


def test_average_pool_and_init_values():
    x = data((1, 5, 5, 2), 3)
    window, strides = (1, 2, 2, 1), (1, 2, 2, 1)
    avg = lax.reduce_window(x, 0.0, fnp.add, window, strides, "VALID") / 4
    np.testing.assert_allclose(avg[0, 0, 0], x[0, :2, :2].mean(axis=(0, 1)))
    # init_value starts each window's reduction once (XLA), padding takes no part.
    shifted = lax.reduce_window(x, 1.5, fnp.add, window, strides, "SAME")
    plain = lax.reduce_window(x, 0.0, fnp.add, window, strides, "SAME")
    np.testing.assert_allclose(shifted, plain + 1.5)
    floor = lax.reduce_window(x, 0.5, fnp.maximum, window, strides, "VALID")
    np.testing.assert_allclose(floor, np.maximum(
        lax.reduce_window(x, -np.inf, fnp.maximum, window, strides, "VALID"), 0.5))


def test_ir_names_the_primitives():
    x, w = data((1, 2, 5, 5), 1), data((3, 2, 3, 3), 2)
    ir = str(fg.make_ir(lambda x, w: lax.reduce_window(
        lax.conv(x, w, (1, 1), "SAME"), -np.inf, fnp.maximum, (1, 1, 2, 2), (1, 1, 2, 2),
        "VALID"))(x, w))
    assert "conv_general_dilated" in ir and "reduce_window_max" in ir


def test_dimension_numbers():
    dn = lax.conv_dimension_numbers((2, 5, 5, 3), (3, 3, 3, 4), ("NHWC", "HWIO", "NHWC"))
    assert dn == lax.ConvDimensionNumbers((0, 3, 1, 2), (3, 2, 0, 1), (0, 3, 1, 2))
    x, w = data((2, 5, 5, 3), 1), data((3, 3, 3, 4), 2)
    by_strings = lax.conv_general_dilated(x, w, (1, 1), "SAME",
                                          dimension_numbers=("NHWC", "HWIO", "NHWC"))
    by_numbers = lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=dn)
    nchw = lax.conv_general_dilated(x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1), (1, 1),
                                    "SAME")
    np.testing.assert_allclose(by_strings, by_numbers)
    np.testing.assert_allclose(by_strings, nchw.transpose(0, 2, 3, 1))


def test_preferred_element_type_and_integers():
    x = np.arange(12, dtype=np.int32).reshape(1, 1, 12)
    w = np.ones((1, 1, 3), np.int32)
    out = lax.conv_general_dilated(x, w, (3,), "VALID")
    assert out.dtype == np.int32 and out.tolist() == [[[3, 12, 21, 30]]]
    out = lax.conv_general_dilated(x, w, (3,), "VALID", preferred_element_type=np.float32)
    assert out.dtype == np.float32
    d = lax.dot_general(np.ones((2, 3), np.float32), np.ones((3,), np.float32),
                        (((1,), (0,)), ((), ())), preferred_element_type=np.float64)
    assert d.dtype == np.float64 and d.tolist() == [3.0, 3.0]


def test_errors_teach():
    x, w = np.ones((1, 3, 5, 5)), np.ones((4, 2, 3, 3))
    with pytest.raises(ValueError, match="3 input features but rhs expects 2"):
        lax.conv(x, w, (1, 1), "VALID")
    with pytest.raises(ValueError, match="String padding is not implemented"):
        lax.conv_general_dilated(x, np.ones((4, 3, 3, 3)), (1, 1), "SAME", lhs_dilation=(2, 2))
    with pytest.raises(ValueError, match="unknown padding type 'FULL'"):
        lax.conv(x, np.ones((4, 3, 3, 3)), (1, 1), "FULL")
    with pytest.raises(TypeError, match="'N' and 'C'"):
        lax.conv_general_dilated(np.ones((1, 5, 5, 3)), np.ones((3, 3, 3, 4)), (1, 1), "SAME",
                                 dimension_numbers=("NHWX", "HWIO", "NHWC"))
    with pytest.raises(NotImplementedError, match="lax.add, lax.max or lax.min"):
        lax.reduce_window(x, 1.0, fnp.multiply, (1, 1, 2, 2), (1, 1, 1, 1), "VALID")
    with pytest.raises(TypeError, match="same shape"):
        lax.dot_general(np.ones((2, 3)), np.ones((4, 2)), (((1,), (0,)), ((), ())))


@pytest.mark.parametrize("name, fn, shapes, kw", VMAP_CASES, ids=[c[0] for c in VMAP_CASES])
def test_vmap_and_jit_of_derivatives(name, fn, shapes, kw):
    """The function and its derivatives to second order, under vmap (against a loop) and
    jit (against eager): the batching rules and jit spellings of the conv and window
    primitives and of those their derivative rules bind."""
    rng = np.random.default_rng(5)
    check_transforms(build(fn, kw), inputs(shapes), _stacked(shapes), name, 2, rng,
                     tol=1e-10)
