"""``torch.nn.utils.parametrizations``: weight and spectral normalisation as parametrizations.

Each registers a module with :func:`~funcgrad.torch.nn.utils.parametrize.register_parametrization`,
so the tensor is recomputed on every read and its originals live under
``parametrizations.<name>``: ``original0`` (the norms ``g``) and ``original1``
(the direction ``v``) for :func:`weight_norm`, ``original`` and the power
iteration's buffers ``0._u``, ``0._v`` for :func:`spectral_norm`, exactly as
PyTorch names them.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch.nn.utils.parametrizations import weight_norm
>>> m = weight_norm(torch.nn.Linear(3, 2))
>>> list(m.state_dict())
['bias', 'parametrizations.weight.original0', 'parametrizations.weight.original1']
"""

from __future__ import annotations

from ..._graph import no_grad
from ...tensor import Tensor
from ..functional import normalize
from ..modules.conv_transpose import ConvTranspose1d, ConvTranspose2d
from ..modules.module import Module
from . import parametrize
from .spectral_norm import weight_matrix
from .weight_norm import norm_except_dim, weight_norm_interface

__all__ = ["weight_norm", "spectral_norm"]

_MOD = "torch.nn.utils.parametrizations"


class _WeightNorm(Module):
    """``g * v / ||v||``, the norms over every dimension but ``dim``."""

    __module__ = _MOD

    def __init__(self, dim: int | None = 0) -> None:
        super().__init__()
        self.dim = -1 if dim is None else dim

    def forward(self, weight_g: Tensor, weight_v: Tensor) -> Tensor:
        return weight_norm_interface(weight_v, weight_g, self.dim)

    def right_inverse(self, weight: Tensor) -> tuple[Tensor, Tensor]:
        return norm_except_dim(weight, 2, self.dim), weight


class _SpectralNorm(Module):
    """The weight divided by its largest singular value (power iteration on ``_u``, ``_v``)."""

    __module__ = _MOD

    def __init__(self, weight: Tensor, n_power_iterations: int = 1, dim: int = 0,
                 eps: float = 1e-12) -> None:
        super().__init__()
        ndim = weight.ndim
        if dim >= ndim or dim < -ndim:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [-{ndim}, {ndim - 1}] but "
                f"got {dim})"
            )
        if n_power_iterations <= 0:
            raise ValueError(
                "Expected n_power_iterations to be positive, but got "
                f"n_power_iterations={n_power_iterations}"
            )
        self.dim = dim if dim >= 0 else dim + ndim
        self.eps = eps
        if ndim > 1:
            self.n_power_iterations = n_power_iterations
            weight_mat = weight_matrix(weight, self.dim)
            h, w = weight_mat.shape
            with no_grad():
                u = weight_mat.new_empty(h).normal_(0, 1)
                v = weight_mat.new_empty(w).normal_(0, 1)
                self.register_buffer("_u", normalize(u, dim=0, eps=self.eps))
                self.register_buffer("_v", normalize(v, dim=0, eps=self.eps))
            self._power_method(weight_mat, 15)

    def _power_method(self, weight_mat: Tensor, n_power_iterations: int) -> None:
        with no_grad():
            for _ in range(n_power_iterations):
                self._u.copy_(normalize(weight_mat.mv(self._v), dim=0, eps=self.eps))
                self._v.copy_(normalize(weight_mat.t().mv(self._u), dim=0, eps=self.eps))

    def forward(self, weight: Tensor) -> Tensor:
        if weight.ndim == 1:
            return normalize(weight, dim=0, eps=self.eps)
        weight_mat = weight_matrix(weight, self.dim)
        if self.training:
            self._power_method(weight_mat, self.n_power_iterations)
        u = self._u.clone()
        v = self._v.clone()
        sigma = u.dot(weight_mat.mv(v))
        return weight / sigma

    def right_inverse(self, value: Tensor) -> Tensor:
        return value


def weight_norm(module: Module, name: str = "weight", dim: int | None = 0) -> Module:
    """Parametrize ``module.<name>`` as ``g * v / ||v||`` (norms over all dims but ``dim``).

    ``g`` is ``parametrizations.<name>.original0`` and ``v`` is
    ``original1``; ``dim=None`` takes one norm for the whole tensor.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.nn.utils.parametrizations import weight_norm
    >>> m = weight_norm(torch.nn.Linear(20, 40), name="weight")
    >>> m.parametrizations.weight.original0.size(), m.parametrizations.weight.original1.size()
    (torch.Size([40, 1]), torch.Size([40, 20]))
    >>> m.weight.grad_fn.name()
    'WeightNormInterfaceBackward0'
    """
    parametrize.register_parametrization(module, name, _WeightNorm(dim), unsafe=True)
    return module


def spectral_norm(module: Module, name: str = "weight", n_power_iterations: int = 1,
                  eps: float = 1e-12, dim: int | None = None) -> Module:
    """Parametrize ``module.<name>`` as itself divided by its spectral norm.

    The power iteration's vectors are the buffers
    ``parametrizations.<name>.0._u`` and ``._v``: 15 iterations at
    registration, then ``n_power_iterations`` at each read in training mode
    and none in eval mode. ``dim`` is 1 for transposed convolutions, else 0.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.nn.utils.parametrizations import spectral_norm
    >>> m = spectral_norm(torch.nn.Linear(20, 40))
    >>> m.parametrizations.weight.original.shape
    torch.Size([40, 20])
    >>> round(float(torch.linalg.matrix_norm(m.weight.detach(), ord=2)), 3)
    1.0
    """
    weight = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise ValueError(f"Module '{module}' has no parameter or buffer with name '{name}'")
    if dim is None:
        dim = 1 if isinstance(module, (ConvTranspose1d, ConvTranspose2d)) else 0
    parametrize.register_parametrization(
        module, name, _SpectralNorm(weight, n_power_iterations, dim, eps))
    return module
