"""``torch.utils``: ``data`` (datasets and the ``DataLoader``) and ``benchmark`` (timing).

>>> import funcgrad.torch as torch
>>> len(torch.utils.data.TensorDataset(torch.zeros(3, 2)))
3
"""

from . import benchmark, data

__all__ = ["benchmark", "data"]
