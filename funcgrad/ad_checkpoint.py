"""``funcgrad.ad_checkpoint``: JAX's ``jax.ad_checkpoint`` names.

``checkpoint`` (``remat``) recomputes a function in the backward pass;
``checkpoint_name`` tags a value for the policies
``checkpoint_policies.save_only_these_names`` / ``save_any_names_but_these``.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.ad_checkpoint import checkpoint, checkpoint_name
>>> f = checkpoint(lambda x: fnp.sin(checkpoint_name(x ** 2, "sq")),
...                policy=fg.checkpoint_policies.save_only_these_names("sq"))
>>> fg.grad(f)(1.0)
array(1.08060461)
"""

from .transforms.checkpoint import checkpoint, checkpoint_name, checkpoint_policies, remat

__all__ = ["checkpoint", "checkpoint_name", "checkpoint_policies", "remat"]
