"""``torch.nn.utils.spectral_norm``: divide a weight by its largest singular value.

The hook-based form (PyTorch also has
:func:`funcgrad.torch.nn.utils.parametrizations.spectral_norm`): the parameter
``<name>`` moves to ``<name>_orig``; the buffers ``<name>_u`` and ``<name>_v``
hold the power iteration's singular vectors, refined once per call in
training mode and left alone in eval mode; ``<name>`` is recomputed as
``<name>_orig / sigma`` before every call.

>>> import funcgrad.torch as torch
>>> m = torch.nn.utils.spectral_norm(torch.nn.Linear(20, 40))
>>> m.weight_u.shape, list(m.state_dict())
(torch.Size([40]), ['bias', 'weight_orig', 'weight_u', 'weight_v'])
"""

from __future__ import annotations

from typing import Any

from ..._graph import no_grad
from ...tensor import Tensor
from ..functional import normalize
from ..modules.conv_transpose import ConvTranspose1d, ConvTranspose2d
from ..modules.module import Module
from ..parameter import Parameter, UninitializedParameter

__all__ = ["SpectralNorm", "spectral_norm", "remove_spectral_norm"]


def weight_matrix(weight: Tensor, dim: int) -> Tensor:
    """``weight`` as a matrix with ``dim`` as its rows (the other dimensions flattened)."""
    if dim != 0:
        weight = weight.permute(dim, *[d for d in range(weight.dim()) if d != dim])
    return weight.reshape(weight.size(0), -1)


class SpectralNorm:
    """The forward pre-hook of :func:`spectral_norm`.

    Attributes
    ----------
    name : str
        The name of the normalised parameter.
    dim : int
        The dimension of the weight that is the rows of its matrix.
    n_power_iterations : int
        Power iterations per call in training mode.
    eps : float
        Added to norms when normalising the singular vectors.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.utils.spectral_norm(torch.nn.Linear(3, 2), n_power_iterations=2)
    >>> hook = next(iter(m._forward_pre_hooks.values()))
    >>> type(hook).__name__, hook.n_power_iterations, hook.dim
    ('SpectralNorm', 2, 0)
    """

    __module__ = "torch.nn.utils.spectral_norm"
    _version = 1

    def __init__(self, name: str = "weight", n_power_iterations: int = 1, dim: int = 0,
                 eps: float = 1e-12) -> None:
        self.name = name
        self.dim = dim
        if n_power_iterations <= 0:
            raise ValueError(
                "Expected n_power_iterations to be positive, but got "
                f"n_power_iterations={n_power_iterations}"
            )
        self.n_power_iterations = n_power_iterations
        self.eps = eps

    def reshape_weight_to_matrix(self, weight: Tensor) -> Tensor:
        """The weight as the matrix whose largest singular value is estimated."""
        return weight_matrix(weight, self.dim)

    def compute_weight(self, module: Module, do_power_iteration: bool) -> Tensor:
        """``<name>_orig / sigma``, refining ``u`` and ``v`` in place first if asked."""
        weight = getattr(module, self.name + "_orig")
        u = getattr(module, self.name + "_u")
        v = getattr(module, self.name + "_v")
        weight_mat = self.reshape_weight_to_matrix(weight)
        if do_power_iteration:
            with no_grad():
                for _ in range(self.n_power_iterations):
                    v.copy_(normalize(weight_mat.t().mv(u), dim=0, eps=self.eps))
                    u.copy_(normalize(weight_mat.mv(v), dim=0, eps=self.eps))
                u = u.clone()
                v = v.clone()
        sigma = u.dot(weight_mat.mv(v))
        return weight / sigma

    def remove(self, module: Module) -> None:
        """Make ``<name>`` a parameter again, holding the normalised weight."""
        with no_grad():
            weight = self.compute_weight(module, do_power_iteration=False)
        delattr(module, self.name)
        delattr(module, self.name + "_u")
        delattr(module, self.name + "_v")
        delattr(module, self.name + "_orig")
        module.register_parameter(self.name, Parameter(weight.detach()))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name,
                self.compute_weight(module, do_power_iteration=module.training))

    @staticmethod
    def apply(module: Module, name: str, n_power_iterations: int, dim: int,
              eps: float) -> SpectralNorm:
        """Move ``<name>`` to ``<name>_orig``, add the ``u``/``v`` buffers and the hook."""
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, SpectralNorm) and hook.name == name:
                raise RuntimeError(
                    f"Cannot register two spectral_norm hooks on the same parameter {name}")
        fn = SpectralNorm(name, n_power_iterations, dim, eps)
        weight = module._parameters.get(name)
        if weight is None:
            raise ValueError(
                f"`SpectralNorm` cannot be applied as parameter `{name}` is None or missing")
        if isinstance(weight, UninitializedParameter):
            raise ValueError(
                "The module passed to `SpectralNorm` can't have uninitialized parameters. Make "
                "sure to run the dummy forward before applying spectral normalization"
            )
        with no_grad():
            weight_mat = fn.reshape_weight_to_matrix(weight)
            h, w = weight_mat.shape
            u = normalize(weight.new_empty(h).normal_(0, 1), dim=0, eps=fn.eps)
            v = normalize(weight.new_empty(w).normal_(0, 1), dim=0, eps=fn.eps)
        delattr(module, fn.name)
        module.register_parameter(fn.name + "_orig", weight)
        setattr(module, fn.name, weight.detach())
        module.register_buffer(fn.name + "_u", u)
        module.register_buffer(fn.name + "_v", v)
        module.register_forward_pre_hook(fn)
        return fn


def spectral_norm(module: Module, name: str = "weight", n_power_iterations: int = 1,
                  eps: float = 1e-12, dim: int | None = None) -> Module:
    """Divide ``module.<name>`` by its spectral norm, estimated by power iteration.

    ``dim`` (0, or 1 for transposed convolutions) is the dimension that
    becomes the rows of the weight's matrix. In training mode each call runs
    ``n_power_iterations`` steps on the buffers ``<name>_u`` and
    ``<name>_v``; in eval mode the stored vectors are used as they are.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.utils.spectral_norm(torch.nn.Linear(4, 3))
    >>> for _ in range(30):
    ...     _ = m(torch.ones(1, 4))
    >>> round(float(torch.linalg.matrix_norm(m.weight.detach(), ord=2)), 4)
    1.0
    """
    if dim is None:
        dim = 1 if isinstance(module, (ConvTranspose1d, ConvTranspose2d)) else 0
    SpectralNorm.apply(module, name, n_power_iterations, dim, eps)
    return module


def remove_spectral_norm(module: Module, name: str = "weight") -> Module:
    """Undo :func:`spectral_norm`: ``<name>`` is a parameter holding the normalised weight.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> m = torch.nn.utils.spectral_norm(torch.nn.Linear(2, 2))
    >>> m = torch.nn.utils.remove_spectral_norm(m)
    >>> list(m.state_dict())
    ['bias', 'weight']
    """
    for k, hook in module._forward_pre_hooks.items():
        if isinstance(hook, SpectralNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module
    raise ValueError(f"spectral_norm of '{name}' not found in {module}")
