"""``Optimizer``: parameter groups, per-parameter state, ``zero_grad``, ``state_dict``.

The update rules (in :mod:`funcgrad.torch.optim.sgd`, ``adam``, ...) follow
PyTorch's single-tensor implementations step for step, in the parameters'
dtype. They compute on the arrays behind the tensors and write each parameter
with one in-place tensor operation, so the version counter moves as in
PyTorch.

>>> import funcgrad.torch as torch
>>> w = torch.nn.Parameter(torch.tensor([1.0, -1.0]))
>>> opt = torch.optim.SGD([w], lr=0.5)
>>> (w * w).sum().backward(); opt.step(); w
Parameter containing:
tensor([0., 0.], requires_grad=True)
"""

from __future__ import annotations

import copy
import importlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from .._graph import enable_grad, no_grad
from ..factories import from_numpy, tensor, zeros_like
from ..tensor import Tensor
from ..views import _unrecorded_storage

__all__ = ["Optimizer", "required"]


class _RequiredParameter:
    """Marks a hyper-parameter without a default (``lr`` of ``SGD`` in old PyTorch)."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


def array_of(t: Tensor) -> np.ndarray:
    """The array behind ``t`` (shared, writable), for the update rules."""
    return t.detach().numpy()


def write_delta(param: Tensor, delta: np.ndarray) -> None:
    """``param += delta`` as one in-place tensor operation (its version counter moves)."""
    with no_grad():
        param.add_(from_numpy(np.asarray(delta)))


def write_scaled(param: Tensor, update: np.ndarray, alpha: float) -> None:
    """``param += alpha * update``, as PyTorch's ``param.add_(update, alpha=alpha)``.

    One in-place tensor operation (its version counter moves). With SciPy installed
    and both arrays contiguous float32 or float64 of one shape, it is one BLAS
    ``axpy`` pass, as PyTorch's fused kernel, instead of a scaled temporary and an
    add (a third of the memory traffic of a step on large weights).

    Examples
    --------
    >>> import numpy as np, funcgrad.torch as torch
    >>> w = torch.ones(3)
    >>> write_scaled(w, np.full(3, 2.0, np.float32), -0.25); w
    tensor([0.5000, 0.5000, 0.5000])
    """
    with no_grad():
        storage = _unrecorded_storage(param)
    axpy = None
    if (
        storage is not None
        and type(update) is np.ndarray
        and update.dtype == storage.dtype
        and update.shape == storage.shape
        and storage.flags.c_contiguous
        and update.flags.c_contiguous
        and storage.size
    ):
        axpy = _axpy(storage.dtype)
    if axpy is None:
        write_delta(param, update * scalar(alpha, np.asarray(update).dtype))
        return
    axpy(update.reshape(-1), storage.reshape(-1), a=alpha)  # writes into storage
    param._vc[0] += 1


_AXPY: dict = {}


def _axpy(dtype: np.dtype) -> Callable | None:
    """SciPy's BLAS ``saxpy``/``daxpy`` for ``dtype``, or None (another dtype, no SciPy)."""
    if dtype not in _AXPY:
        name = {np.dtype(np.float32): "saxpy", np.dtype(np.float64): "daxpy"}.get(dtype)
        found = None
        if name is not None:
            try:
                found = getattr(importlib.import_module("scipy.linalg.blas"), name)
            except ImportError:  # SciPy is optional: NumPy's two passes then
                pass
        _AXPY[dtype] = found
    return _AXPY[dtype]


def write_scale(param: Tensor, factor: float) -> None:
    """``param *= factor`` as one in-place tensor operation."""
    with no_grad():
        param.mul_(factor)


def scalar(x: float, dtype: np.dtype) -> Any:
    """A Python number as a NumPy scalar of ``dtype`` (PyTorch casts scalars to the tensor's)."""
    return dtype.type(x)


class Optimizer:
    """Base class of the optimisers: holds ``param_groups`` and per-parameter ``state``.

    ``params`` is an iterable of tensors, or of dicts each holding
    ``"params"`` and hyper-parameters that override ``defaults`` for that
    group.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> a, b = torch.nn.Parameter(torch.ones(1)), torch.nn.Parameter(torch.ones(1))
    >>> opt = torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.01}], lr=0.1)
    >>> [g["lr"] for g in opt.param_groups]
    [0.1, 0.01]
    """

    __module__ = "torch.optim.optimizer"

    def __init__(self, params: Any, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: defaultdict = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        self._optimizer_step_pre_hooks: dict = {}
        self._optimizer_step_post_hooks: dict = {}
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                f"dicts, but got {type(params).__name__}"
            )
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for group in param_groups:
            self.add_param_group(group)

    def __getstate__(self) -> dict:
        return {
            "defaults": self.defaults,
            "state": self.state,
            "param_groups": self.param_groups,
        }

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._optimizer_step_pre_hooks = {}
        self._optimizer_step_post_hooks = {}

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters (a dict with ``"params"``) with its own hyper-parameters.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> opt = torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1)
        >>> opt.add_param_group({"params": [torch.nn.Parameter(torch.ones(1))], "lr": 1.0})
        >>> len(opt.param_groups), opt.param_groups[1]["momentum"]
        (2, 0)
        """
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group).__name__}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the "
                "ordering of tensors in sets will change between runs. Please use a list instead."
            )
        else:
            param_group["params"] = list(params)
        for p in param_group["params"]:
            if not isinstance(p, Tensor):
                raise TypeError(
                    f"optimizer can only optimize Tensors, but one of the params is "
                    f"{type(p).__module__}.{type(p).__name__}"
                )
            if not p.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(
                    f"parameter group didn't specify a value of required optimization parameter "
                    f"{name}"
                )
            param_group.setdefault(name, default)
        seen: set = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
        if any(id(p) in seen for p in param_group["params"]):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset the gradients of every parameter: to ``None`` (default), or to zeros.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.ones(2))
        >>> opt = torch.optim.SGD([w], lr=0.1)
        >>> w.sum().backward(); opt.zero_grad(); w.grad is None
        True
        """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    g = p.grad
                    if g.grad_fn is not None:
                        g.detach_()
                    else:
                        g.requires_grad_(False)
                    g.zero_()

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a gradient (subclasses define it).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.optim.Optimizer([torch.ones(1)], {}).step()
        Traceback (most recent call last):
        ...
        NotImplementedError: Optimizer.step: use a subclass (SGD, Adam, ...) that defines it
        """
        raise NotImplementedError(
            "Optimizer.step: use a subclass (SGD, Adam, ...) that defines it"
        )

    def _gradients(self, group: dict[str, Any], buffers: tuple[str, ...] = (),
                   decay: bool = True) -> Any:
        """Yield ``(param, state, param array, grad array, step)`` per parameter with a gradient.

        The shared opening of the adaptive rules (Adam, Adagrad, Adadelta,
        RMSprop): on first sight ``state`` gets ``step`` and a zero tensor per
        name in ``buffers``; the gradient is negated under ``maximize`` and,
        with ``decay``, gets ``weight_decay * param`` added; ``step`` counts
        this update.
        """
        wd = group["weight_decay"]
        for p in group["params"]:
            if p.grad is None:
                continue
            state = self.state[p]
            if not state:
                state["step"] = tensor(0.0)
                for key in buffers:
                    state[key] = zeros_like(p).detach()
            pa = array_of(p)
            g = array_of(p.grad)
            if group["maximize"]:
                g = -g
            step_arr = array_of(state["step"])
            step_arr += 1
            if decay and wd != 0:
                g = g + pa * scalar(wd, pa.dtype)
            yield p, state, pa, g, float(step_arr)

    def _closure_loss(self, closure: Callable[[], Any] | None) -> Any:
        if closure is None:
            return None
        with enable_grad():
            return closure()

    def state_dict(self) -> dict[str, Any]:
        """``{"state": {index: {...}}, "param_groups": [{..., "params": [indices]}]}``.

        Parameters are named by their position across the groups, as in PyTorch;
        the state tensors are the optimizer's own (not copies).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.ones(2))
        >>> opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
        >>> w.sum().backward(); opt.step()
        >>> opt.state_dict()["state"]
        {0: {'momentum_buffer': tensor([1., 1.])}}
        """
        index: dict[int, int] = {}
        groups = []
        start = 0
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            ids = []
            for p in group["params"]:
                if id(p) not in index:
                    index[id(p)] = start
                    start += 1
                ids.append(index[id(p)])
            packed["params"] = ids
            groups.append(packed)
        state = {index[id(p)]: v for p, v in self.state.items() if id(p) in index}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore hyper-parameters and state saved by :meth:`state_dict`.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> w = torch.nn.Parameter(torch.ones(2))
        >>> a = torch.optim.Adam([w], lr=0.1); w.sum().backward(); a.step()
        >>> b = torch.optim.Adam([w], lr=0.5); b.load_state_dict(a.state_dict())
        >>> b.param_groups[0]["lr"], b.state[w]["step"]
        (0.1, tensor(1.))
        """
        state_dict = copy.copy(state_dict)
        groups = self.param_groups
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError(
                "loaded state dict contains a parameter group that doesn't match the size of "
                "optimizer's group"
            )
        id_map = {
            old_id: p
            for s, g in zip(saved_groups, groups)
            for old_id, p in zip(s["params"], g["params"])
        }
        self.state = defaultdict(dict)
        for k, v in state_dict["state"].items():
            if k in id_map:
                p = id_map[k]
                self.state[p] = {
                    key: (_cast_state(val, p, key) if isinstance(val, Tensor) else
                          copy.deepcopy(val))
                    for key, val in v.items()
                }
        new_groups = []
        for g, s in zip(groups, saved_groups):
            s["params"] = g["params"]
            new_groups.append(s)
        self.param_groups = new_groups


def _cast_state(value: Tensor, param: Tensor, key: str) -> Tensor:
    """A copy of a saved state tensor; ``step`` keeps its dtype, the rest take the parameter's."""
    out = value.detach().clone()
    if key != "step" and param.is_floating_point() and out.is_floating_point():
        out = out.to(param.dtype)
    return out
