"""funcgrad.numpy.__all__ lists the whole public namespace (star imports and tools read it)."""

import types

import numpy as np

import funcgrad.numpy as fnp


def test_all_is_the_public_namespace():
    public = {
        name for name, obj in vars(fnp).items()
        if not name.startswith("_")
        and (not isinstance(obj, types.ModuleType) or name in ("fft", "linalg", "random"))
    }
    assert set(fnp.__all__) == public
    assert len(fnp.__all__) == len(set(fnp.__all__))
    for name in ("ones", "eye", "arange", "ndarray", "zeros", "float32", "pi", "sin", "einsum",
                 "linalg", "fft", "random", "UnsupportedNumPyFunctionError"):
        assert name in fnp.__all__, name
    assert "elementwise" not in fnp.__all__  # implementation modules are not API


def test_star_import():
    namespace: dict = {}
    exec("from funcgrad.numpy import *", namespace)
    assert namespace["ones"] is fnp.ones and namespace["sin"] is fnp.sin
    assert namespace["ones"].__wrapped__ is np.ones
    assert namespace["linalg"] is fnp.linalg
