"""funcgrad.lax: JAX's ``jax.lax`` on funcgrad's kernel.

Structured control flow (``cond``, ``switch``, ``while_loop``, ``fori_loop``,
``scan``, ``map``, ``associative_scan``) traces its bodies once into IR and
binds one primitive, differentiable in both modes (``while_loop``: forward
only, as in JAX), batched by ``vmap`` and compiled as loops by ``jit``. The
operation names JAX code imports with them (``add``, ``mul``, ``max``,
``dynamic_slice``, ``pad``, ...) bind the same primitives as ``funcgrad.numpy``.

>>> import funcgrad as fg
>>> from funcgrad import lax
>>> fg.grad(lambda x: lax.fori_loop(0, 3, lambda i, y: lax.sin(y), x))(0.5)
array(0.69726644)
"""

from ..transforms.collectives import (
    all_gather,
    axis_index,
    axis_size,
    pmax,
    pmean,
    pmin,
    psum,
)
from .arithmetic import *  # noqa: F403 - the lax operations
from .arithmetic import __all__ as _arithmetic_all
from .control_flow import (
    associative_scan,
    cond,
    fori_loop,
    map,  # noqa: A004 - jax.lax's name
    scan,
    switch,
    while_loop,
)

__all__ = [
    "all_gather", "axis_index", "axis_size", "pmax", "pmean", "pmin", "psum",
    "associative_scan", "cond", "fori_loop", "map", "scan", "switch", "while_loop",
    *_arithmetic_all,
]
