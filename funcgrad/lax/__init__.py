"""funcgrad.lax: JAX's ``jax.lax`` on funcgrad's kernel.

Convolutions (``conv_general_dilated``, ``conv``, ``conv_transpose``, ...), window
reductions (``reduce_window`` with ``lax.add``/``lax.max``/``lax.min``: sum, max and
average pooling) and ``dot_general``, differentiable in both modes to any order,
batched by ``vmap`` and compiled by ``jit``.

>>> import numpy as np, funcgrad as fg
>>> from funcgrad import lax
>>> lax.conv(np.ones((1, 1, 3)), np.ones((1, 1, 2)), (1,), 'VALID')
array([[[2., 2.]]])
"""

from .convolution import (
    ConvDimensionNumbers,
    ConvGeneralDilatedDimensionNumbers,
    conv,
    conv_dimension_numbers,
    conv_general_dilated,
    conv_transpose,
    conv_with_general_padding,
    dot_general,
    padtype_to_pads,
    reduce_window,
)

__all__ = [
    "ConvDimensionNumbers", "ConvGeneralDilatedDimensionNumbers", "conv", "conv_dimension_numbers",
    "conv_general_dilated", "conv_transpose", "conv_with_general_padding", "dot_general",
    "padtype_to_pads", "reduce_window",
]
