"""``torch.distributions``: probability distributions with PyTorch's interface.

``sample``/``rsample`` (reparameterized where PyTorch's is: ``Normal``,
``Uniform``, ``Laplace``, ``Exponential``, ``Gamma``, ``Beta``,
``Dirichlet``, ``MultivariateNormal``), ``log_prob``, ``entropy``,
``cdf``/``icdf``, ``mean``, ``mode``, ``stddev``, ``variance``,
``batch_shape``/``event_shape``, ``expand``, argument and value validation with
PyTorch's messages, and ``kl_divergence`` with its ``register_kl`` registry.
The formulas are PyTorch's, written with funcgrad.torch's operations, so
gradients flow through ``log_prob``, ``entropy``, ``rsample`` and
``kl_divergence`` and the distributions work under ``torch.func``'s
transforms. Random draws come from funcgrad.torch's generator
(``torch.manual_seed``): the same distributions, not the same numbers.

>>> import funcgrad.torch as torch
>>> D = torch.distributions
>>> mu = torch.tensor([0.0, 1.0], requires_grad=True)
>>> q = D.Normal(mu, torch.ones(2))
>>> kl = D.kl_divergence(q, D.Normal(0.0, 1.0)).sum()
>>> kl
tensor(0.5000, grad_fn=<SumBackward0>)
>>> kl.backward(); mu.grad
tensor([0., 1.])
"""

from __future__ import annotations

from . import constraints, utils  # noqa: F401 - torch.distributions.constraints, .utils
from .continuous import Beta, Dirichlet, Exponential, Gamma, Laplace, Normal, Uniform
from .discrete import Bernoulli, Categorical, OneHotCategorical
from .distribution import Distribution
from .kl import kl_divergence, register_kl
from .multivariate import Independent, MultivariateNormal

__all__ = [
    "Bernoulli", "Beta", "Categorical", "Dirichlet", "Distribution", "Exponential", "Gamma",
    "Independent", "Laplace", "MultivariateNormal", "Normal", "OneHotCategorical", "Uniform",
    "kl_divergence", "register_kl",
]
