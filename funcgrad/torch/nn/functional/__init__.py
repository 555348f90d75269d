"""``torch.nn.functional``: layers, activations and losses as functions of tensors.

Each is a composite of the kernel's primitives (through the torch face's own
functions), so every derivative comes from the one rule set; the result's
``grad_fn`` carries PyTorch's node name (``NllLossBackward0``,
``GeluBackward0``, ...). One file per family: :mod:`.dense`,
:mod:`.activations`, :mod:`.sparse`, :mod:`.padding`, :mod:`.distance`,
:mod:`.losses`, :mod:`.normalization`, :mod:`.convolution`, :mod:`.pooling`.

>>> import funcgrad.torch as torch
>>> import funcgrad.torch.nn.functional as F
>>> logits = torch.tensor([[2.0, 0.0, -1.0]], requires_grad=True)
>>> F.cross_entropy(logits, torch.tensor([0]))
tensor(0.1698, grad_fn=<NllLossBackward0>)
"""

from .activations import *  # noqa: F403
from .activations import __all__ as _activations
from .adaptive_max import *  # noqa: F403
from .adaptive_max import __all__ as _adaptive_max
from .attention import *  # noqa: F403
from .attention import __all__ as _attention
from .conv_transpose import *  # noqa: F403
from .conv_transpose import __all__ as _conv_transpose
from .convolution import *  # noqa: F403
from .convolution import __all__ as _convolution
from .dense import *  # noqa: F403
from .dense import __all__ as _dense
from .distance import *  # noqa: F403
from .distance import __all__ as _distance
from .dropout_variants import *  # noqa: F403
from .dropout_variants import __all__ as _dropout_variants
from .fold import *  # noqa: F403
from .fold import __all__ as _fold
from .grid import *  # noqa: F403
from .grid import __all__ as _grid
from .losses import *  # noqa: F403
from .losses import __all__ as _losses
from .losses_more import *  # noqa: F403
from .losses_more import __all__ as _losses_more
from .norm_variants import *  # noqa: F403
from .norm_variants import __all__ as _norm_variants
from .normalization import *  # noqa: F403
from .normalization import __all__ as _normalization
from .padding import *  # noqa: F403
from .padding import __all__ as _padding
from .pooling import *  # noqa: F403
from .pooling import __all__ as _pooling
from .random_activations import *  # noqa: F403
from .random_activations import __all__ as _random_activations
from .sparse import *  # noqa: F403
from .sparse import __all__ as _sparse
from .upsampling import *  # noqa: F403
from .upsampling import __all__ as _upsampling

__all__ = [
    *_dense, *_activations, *_sparse, *_padding, *_distance, *_losses, *_normalization,
    *_convolution, *_pooling, *_attention,
    *_conv_transpose, *_upsampling, *_adaptive_max, *_dropout_variants, *_fold,
    *_norm_variants, *_losses_more, *_grid,
    *_random_activations,
]
