"""``torch.distributions.utils``: broadcasting parameters, probabilities and logits.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch.distributions.utils import probs_to_logits
>>> probs_to_logits(torch.tensor([0.5, 0.5]))
tensor([-0.6931, -0.6931])
"""

from __future__ import annotations

from .distribution import (
    broadcast_all,
    clamp_probs,
    lazy_property,
    logits_to_probs,
    probs_to_logits,
)

__all__ = ["broadcast_all", "clamp_probs", "lazy_property", "logits_to_probs", "probs_to_logits"]
