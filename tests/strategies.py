"""Hypothesis strategies for shapes that broadcast, and arrays on them."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def broadcastable_shapes(num_shapes: int, min_dims: int = 0, max_dims: int = 3):
    """``num_shapes`` shapes that broadcast together (some with size-1 or missing axes)."""
    return hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes, min_dims=min_dims, max_dims=max_dims, max_side=3
    ).map(lambda r: r.input_shapes)


def values(shape, rng: np.random.Generator, low: float = -2.0, high: float = 2.0, dtype=np.float64):
    return rng.uniform(low, high, size=shape).astype(dtype)


seeds = st.integers(min_value=0, max_value=2**32 - 1)
