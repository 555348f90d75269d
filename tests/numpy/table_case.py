"""The entry format of the tables ``CASES`` (in ``table_linalg``, ``table_fft``, ``table_nn``).

``CASES`` maps a name to a :class:`Case`. The name is the public name under
test relative to its module's parent (``"linalg.inv"``, ``"fft.rfft"``,
``"nn.softmax"``), optionally followed by a variant in brackets
(``"linalg.inv[batched]"``); a coverage sweep strips the brackets.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np


class Case(NamedTuple):
    """One table entry.

    fun : the funcgrad function under test, of the drawn arguments.
    args : ``args(rng, dtype)`` -> tuple of NumPy arrays; ``dtype`` is float64 or
        float32, and complex cases draw the complex dtype of that precision.
    numpy : NumPy's computation of the same value (a pytree like ``fun``'s), or
        None when NumPy has no counterpart (the ``nn`` functions).
    order : the highest derivative order ``check_grads`` checks (0: values only).
    float32 : whether ``check_dtypes`` runs on float32 arguments.
    tol : ``check_grads``' ``atol`` and ``rtol``.
    """

    fun: Callable
    args: Callable[[np.random.Generator, Any], tuple]
    numpy: Callable | None = None
    order: int = 2
    float32: bool = True
    tol: float = 1e-5


def case_rng(name: str) -> np.random.Generator:
    """A generator seeded by the case's name, so each case draws the same arguments every run."""
    return np.random.default_rng(zlib.crc32(name.encode()))


def complex_dtype(dtype) -> np.dtype:
    return np.result_type(dtype, np.complex64)


def normal(rng, shape, dtype):
    """Standard normal draws; complex (real and imaginary parts) for a complex ``dtype``."""
    dtype = np.dtype(dtype)
    x = rng.standard_normal(shape)
    if dtype.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def run_case(case: Case, name: str, *, value_rtol: float = 1e-9, seed: int | None = None) -> None:
    """The standard checks of one entry: NumPy's values, derivatives in float64, float32 dtypes.

    The arguments are drawn from a generator seeded by the name, or by ``seed``.
    """
    from checks import check_dtypes, check_grads

    from funcgrad.tree_util import tree_flatten

    rng = case_rng(name) if seed is None else np.random.default_rng(seed)
    args = case.args(rng, np.float64)
    if case.numpy is not None:
        ours, ours_tree = tree_flatten(case.fun(*args))
        ref, ref_tree = tree_flatten(case.numpy(*args))
        assert ours_tree == ref_tree, f"{name}: structure {ours_tree} vs NumPy's {ref_tree}"
        for o, r in zip(ours, ref):
            o, r = np.asarray(o), np.asarray(r)
            assert o.shape == r.shape, f"{name}: shape {o.shape} vs NumPy's {r.shape}"
            np.testing.assert_allclose(o, r, rtol=value_rtol, atol=value_rtol, err_msg=name)
    if case.order:
        check_grads(case.fun, args, order=case.order, atol=case.tol, rtol=case.tol)
    if case.float32:
        check_dtypes(case.fun, case.args(rng, np.float32))
