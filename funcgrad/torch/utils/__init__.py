"""``torch.utils``: ``data`` (datasets and the ``DataLoader``).

>>> import funcgrad.torch as torch
>>> len(torch.utils.data.TensorDataset(torch.zeros(3, 2)))
3
"""

from . import data

__all__ = ["data"]
