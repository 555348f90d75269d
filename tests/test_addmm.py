"""The ``addmm`` primitive (``b + x @ w`` as one equation, what ``torch.nn.functional.linear``
binds): both modes to second order against finite differences, dtypes, vmap over every
combination of batched arguments against a loop, jit against eager, and the in-place bias
add never changing an argument. No NumPy name binds it, so no case table reaches it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from checks import check_dtypes, check_grads
from transform_checks import check_transforms

import funcgrad as fg
from funcgrad.primitives.products import addmm

RNG = np.random.default_rng(7)
X, W = RNG.standard_normal((4, 5)), RNG.standard_normal((5, 3))
BIASES = {
    "row": RNG.standard_normal(3),
    "full": RNG.standard_normal((4, 3)),
    "column": RNG.standard_normal((4, 1)),
    "scalar": np.array(0.7),
}


@pytest.mark.parametrize("bias", BIASES, ids=str)
def test_value_and_derivatives(bias):
    b = BIASES[bias]
    np.testing.assert_allclose(addmm(b, X, W), X @ W + b, rtol=1e-14)
    check_grads(addmm, (b, X, W), order=2)
    check_dtypes(addmm, [a.astype(np.float32) for a in (b, X, W)])


def test_a_bias_larger_than_the_product_broadcasts_into_a_new_array():
    b = RNG.standard_normal((2, 4, 3))
    np.testing.assert_allclose(addmm(b, X, W), X @ W + b, rtol=1e-14)
    check_grads(addmm, (b, X, W), order=1)


def test_mixed_dtypes_promote_as_numpy():
    x32, w32 = X.astype(np.float32), W.astype(np.float32)
    assert addmm(BIASES["row"], x32, w32).dtype == np.float64  # not added into f32
    assert addmm(1.0, x32, w32).dtype == np.float32
    assert addmm(BIASES["row"].astype(np.float32), x32, w32).dtype == np.float32


def test_arguments_are_never_written():
    b, x, w = BIASES["full"].copy(), X.copy(), W.copy()
    addmm(b, x, w)
    fg.grad(lambda b, x, w: addmm(b, x, w).sum(), argnums=(0, 1, 2))(b, x, w)
    for ours, original in ((b, BIASES["full"]), (x, X), (w, W)):
        np.testing.assert_array_equal(ours, original)


@pytest.mark.parametrize("axes", [a for a in itertools.product((0, None), repeat=3)
                                  if a != (None, None, None)], ids=str)
def test_vmap_and_jit(axes):
    args = (BIASES["row"], X, W)
    batched = [a if ax is None else np.stack([a, 2 * a - 1]) for a, ax in zip(args, axes)]
    check_transforms(addmm, args, batched, f"addmm{axes}", order=2,
                     rng=np.random.default_rng(0), in_axes=axes)
