"""``torch.nn``: modules, parameters, losses, ``init`` and ``functional`` on funcgrad's kernel.

Same names, signatures, default initialisations (drawn from funcgrad.torch's
generator), ``repr`` and ``state_dict`` keys as PyTorch; every derivative is
the kernel's.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch import nn
>>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> model
Sequential(
  (0): Linear(in_features=4, out_features=8, bias=True)
  (1): ReLU()
  (2): Linear(in_features=8, out_features=1, bias=True)
)
>>> loss = nn.MSELoss()(model(torch.ones(2, 4)), torch.zeros(2, 1))
>>> loss.backward()
>>> [tuple(p.grad.shape) for p in model.parameters()]
[(8, 4), (8,), (1, 8), (1,)]
"""

from . import functional, init, parameter, utils
from .modules import *  # noqa: F403 - the layer classes, listed in modules.__all__
from .modules import __all__ as _modules_all
from .parameter import Buffer, Parameter, UninitializedBuffer, UninitializedParameter

__all__ = [
    "Parameter", "Buffer", "UninitializedParameter", "UninitializedBuffer", "parameter",
    "functional", "init", "utils",
    *_modules_all,
]
