"""``torch.nn.utils``: gradient clipping and parameter/vector conversion.

>>> import funcgrad.torch as torch
>>> p = torch.nn.Parameter(torch.ones(2))
>>> torch.nn.utils.parameters_to_vector([p])
tensor([1., 1.], grad_fn=<CatBackward0>)
"""

from . import parametrizations, parametrize, prune
from .clip_grad import clip_grad_norm, clip_grad_norm_, clip_grad_value_
from .convert_parameters import parameters_to_vector, vector_to_parameters
from .spectral_norm import remove_spectral_norm, spectral_norm
from .weight_norm import remove_weight_norm, weight_norm

__all__ = [
    "parametrize", "prune", "clip_grad_norm_", "clip_grad_norm", "clip_grad_value_",
    "parameters_to_vector", "vector_to_parameters", "parametrizations", "weight_norm",
    "remove_weight_norm", "spectral_norm", "remove_spectral_norm",
]
