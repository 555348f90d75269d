"""funcgrad.lax: JAX's ``jax.lax`` on funcgrad's kernel.

Structured control flow (``cond``, ``switch``, ``while_loop``, ``fori_loop``,
``scan``, ``map``, ``associative_scan``) traces its bodies once into IR and
binds one primitive, differentiable in both modes (``while_loop``: forward
only, as in JAX), batched by ``vmap`` and compiled as loops by ``jit``. The
operation names JAX code imports with them (``add``, ``mul``, ``max``,
``dynamic_slice``, ``pad``, ...) bind the same primitives as ``funcgrad.numpy``.
Collectives (``psum``, ``pmean``, ...) combine the examples of a named ``vmap`` axis.

Convolutions (``conv_general_dilated``, ``conv``, ``conv_transpose``, ...), window
reductions (``reduce_window`` with ``lax.add``/``lax.max``/``lax.min``: sum, max and
average pooling) and ``dot_general``, differentiable in both modes to any order,
batched by ``vmap`` and compiled by ``jit``.

>>> import numpy as np, funcgrad as fg
>>> from funcgrad import lax
>>> fg.grad(lambda x: lax.fori_loop(0, 3, lambda i, y: lax.sin(y), x))(0.5)
array(0.69726644)
>>> lax.conv(np.ones((1, 1, 3)), np.ones((1, 1, 2)), (1,), 'VALID')
array([[[2., 2.]]])

Each primitive of the IR is also here under JAX's spelling ``lax.<name>_p``
(``lax.exp_p``, ``lax.tanh_p``, ``lax.add_p``, ...): the very object an
equation of :func:`funcgrad.make_jaxpr` holds as ``eqn.primitive``, so custom
interpreters key their tables by it as they do in JAX:

>>> ir = fg.make_jaxpr(lambda x: lax.exp(lax.tanh(x)))(np.ones(3))
>>> [eqn.primitive is p for eqn, p in zip(ir.eqns, (lax.tanh_p, lax.exp_p))]
[True, True]
"""

from ..core.primitive import registry as _primitives
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
from .convolution import (
    ConvDimensionNumbers,
    ConvGeneralDilatedDimensionNumbers,
    conv,
    conv_dimension_numbers,
    conv_general_dilated,
    conv_general_shape_tuple,
    conv_transpose,
    conv_transpose_shape_tuple,
    conv_with_general_padding,
    dot_general,
    padtype_to_pads,
    reduce_window,
    reduce_window_shape_tuple,
)
from .shapes import *  # noqa: F403 - shapes, slicing, reductions
from .shapes import __all__ as _shapes_all

__all__ = [
    "all_gather", "axis_index", "axis_size", "pmax", "pmean", "pmin", "psum",
    "associative_scan", "cond", "fori_loop", "map", "scan", "switch", "while_loop",
    "ConvDimensionNumbers", "ConvGeneralDilatedDimensionNumbers", "conv", "conv_dimension_numbers",
    "conv_general_dilated", "conv_transpose", "conv_with_general_padding", "dot_general",
    "padtype_to_pads", "reduce_window", "conv_general_shape_tuple",
    "conv_transpose_shape_tuple", "reduce_window_shape_tuple",
    *_arithmetic_all, *_shapes_all,
]

# JAX's names of primitives whose funcgrad name differs (same meaning).
_JAX_PRIMITIVE_NAMES = {"convert_element_type": "convert"}


def __getattr__(name: str):
    """``lax.<name>_p``: the registered primitive ``<name>`` (JAX's primitive objects)."""
    if name.endswith("_p") and not name.startswith("_"):
        base = _JAX_PRIMITIVE_NAMES.get(name[:-2], name[:-2])
        if base in _primitives:
            return _primitives[base]
        raise AttributeError(
            f"funcgrad.lax has no primitive {name!r}: funcgrad has no primitive named "
            f"{base!r}. The IR's primitives are {', '.join(sorted(_primitives))}; "
            f"lax.<name>_p gives each of them.")
    raise AttributeError(f"module 'funcgrad.lax' has no attribute {name!r}")
