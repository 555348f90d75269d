"""``parameters_to_vector`` and ``vector_to_parameters``.

>>> import funcgrad.torch as torch
>>> m = torch.nn.Linear(2, 1)
>>> torch.nn.utils.parameters_to_vector(m.parameters()).shape
torch.Size([3])
"""

from __future__ import annotations

from collections.abc import Iterable

from ..._graph import no_grad
from ...functions import cat
from ...tensor import Tensor

__all__ = ["parameters_to_vector", "vector_to_parameters"]


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    """The parameters flattened and concatenated into one vector (differentiable).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> ps = [torch.nn.Parameter(torch.ones(2, 2)), torch.nn.Parameter(torch.zeros(1))]
    >>> torch.nn.utils.parameters_to_vector(ps)
    tensor([1., 1., 1., 1., 0.], grad_fn=<CatBackward0>)
    """
    return cat([p.reshape(-1) for p in parameters])


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    """Copy consecutive slices of ``vec`` into the parameters, in place.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.nn.Parameter(torch.zeros(2))
    >>> torch.nn.utils.vector_to_parameters(torch.tensor([5.0, 6.0]), [p]); p
    Parameter containing:
    tensor([5., 6.], requires_grad=True)
    """
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    offset = 0
    with no_grad():
        for p in parameters:
            n = p.numel()
            p.copy_(vec[offset:offset + n].reshape(p.shape))
            offset += n
