"""Random sampling from given probabilities or rates (``bernoulli``, ``multinomial``,
``poisson``, ``randint_like``) and the generator's state (``get_rng_state``,
``set_rng_state``, the ``torch.random`` module), from funcgrad.torch's generator.

The draws are NumPy's (PCG64), not PyTorch's: the same seed gives the same numbers
run after run, but not PyTorch's numbers. None of these has a derivative, as in
PyTorch.

>>> import funcgrad.torch as torch
>>> _ = torch.manual_seed(0)
>>> torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), 2, replacement=True)
tensor([1, 1])
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator
from typing import Any

import numpy as np

from . import _dtypes, factories
from .factories import _finish, _rng, default_generator
from .tensor import Tensor

__all__ = ["bernoulli", "multinomial", "poisson", "randint_like", "get_rng_state",
           "set_rng_state", "random"]


def _probabilities(input: Tensor, name: str) -> np.ndarray:
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}(): argument 'input' must be Tensor, not {type(input).__name__}")
    return input.detach().numpy()


def bernoulli(input: Tensor, p: float | None = None, *, generator: Any = None) -> Tensor:
    """1 with probability ``input`` (or ``p``), else 0, elementwise; ``input``'s dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.bernoulli(torch.tensor([0.0, 1.0, 1.0]))
    tensor([0., 1., 1.])
    """
    probs = _probabilities(input, "bernoulli")
    if p is not None:
        probs = np.full(probs.shape, p, probs.dtype)
    if probs.size and (np.nanmin(probs) < 0 or np.nanmax(probs) > 1 or np.isnan(probs).any()):
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
    draws = _rng(generator).random(probs.shape) < probs
    return _finish(draws.astype(probs.dtype), None, False)


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,
                generator: Any = None) -> Tensor:
    """Indices drawn with probabilities proportional to ``input`` (a row, or one row per
    sample set in 2-D), with or without replacement; ``int64``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.multinomial(torch.tensor([[0.0, 2.0], [5.0, 0.0]]), 1)
    tensor([[1],
            [0]])
    >>> torch.multinomial(torch.tensor([1.0, 1.0]), 3)
    Traceback (most recent call last):
        ...
    RuntimeError: cannot sample n_sample > prob_dist.size(-1) samples without replacement
    """
    weights = _probabilities(input, "multinomial").astype(np.float64)
    if weights.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    rows = weights.reshape(-1, weights.shape[-1])
    n = int(num_samples)
    if n <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and n > rows.shape[1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    if (rows < 0).any() or not np.isfinite(rows).all():
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    rng = _rng(generator)
    out = np.empty((rows.shape[0], n), np.int64)
    for i, w in enumerate(rows):
        total = w.sum()
        if total <= 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        if not replacement and np.count_nonzero(w) < n:
            raise RuntimeError("invalid multinomial distribution (with replacement=False, "
                               "not enough non-negative category to sample)")
        out[i] = rng.choice(w.size, size=n, replace=replacement, p=w / total)
    return _finish(out.reshape(weights.shape[:-1] + (n,)), None, False)


def poisson(input: Tensor, generator: Any = None) -> Tensor:
    """Poisson draws with the rates in ``input``, in ``input``'s dtype.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.poisson(torch.zeros(3))
    tensor([0., 0., 0.])
    """
    rates = _probabilities(input, "poisson")
    if (rates < 0).any():
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    return _finish(_rng(generator).poisson(rates).astype(rates.dtype), None, False)


def randint_like(input: Tensor, low: int = 0, high: int | None = None, *,
                 dtype: Any = None, layout: Any = None, device: Any = None,
                 requires_grad: bool = False, memory_format: Any = None,
                 generator: Any = None) -> Tensor:
    """Random integers in ``[low, high)`` with ``input``'s shape (``randint_like(x, high)``
    draws from ``[0, high)``), in ``input``'s dtype unless ``dtype`` is given.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.randint_like(torch.zeros(2, 2), 3, 5)
    >>> x.dtype, bool(((x >= 3) & (x < 5)).all())
    (torch.float32, True)
    """
    _dtypes.check_placement("randint_like()", device, layout)
    if high is None:
        low, high = 0, low
    dt = _dtypes.to_numpy(dtype) if dtype is not None else input.detach().numpy().dtype
    values = _rng(generator).integers(low, high, tuple(input.shape))
    return _finish(values.astype(dt), None, requires_grad)


_STATE_BYTES = 40  # PCG64: the 128-bit state and increment, the buffered 32 bits and its flag


def get_rng_state() -> Tensor:
    """The global generator's state as a ``uint8`` tensor, for :func:`set_rng_state`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> state = torch.get_rng_state()
    >>> a = torch.rand(2)
    >>> torch.set_rng_state(state)
    >>> torch.equal(a, torch.rand(2))
    True
    """
    st = default_generator._rng.bit_generator.state
    raw = (int(st["state"]["state"]).to_bytes(16, "little")
           + int(st["state"]["inc"]).to_bytes(16, "little")
           + int(st["has_uint32"]).to_bytes(4, "little")
           + int(st["uinteger"]).to_bytes(4, "little"))
    return _finish(np.frombuffer(raw, np.uint8).copy(), None, False)


def set_rng_state(new_state: Tensor) -> None:
    """Restore the global generator to a state from :func:`get_rng_state`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> state = torch.get_rng_state()
    >>> first = torch.randn(2)
    >>> torch.set_rng_state(state)
    >>> torch.equal(first, torch.randn(2))
    True
    """
    raw = bytes(new_state.detach().numpy().astype(np.uint8).tobytes())
    if len(raw) != _STATE_BYTES:
        raise RuntimeError(f"set_rng_state: expected a state of {_STATE_BYTES} bytes from "
                           f"torch.get_rng_state(), got {len(raw)}")
    bits = default_generator._rng.bit_generator
    bits.state = {"bit_generator": "PCG64",
                  "state": {"state": int.from_bytes(raw[:16], "little"),
                            "inc": int.from_bytes(raw[16:32], "little")},
                  "has_uint32": int.from_bytes(raw[32:36], "little"),
                  "uinteger": int.from_bytes(raw[36:40], "little")}


@contextlib.contextmanager
def fork_rng(devices: Any = None, enabled: bool = True, _caller: str = "fork_rng",
             _devices_kw: str = "devices", device_type: str = "cuda") -> Iterator[None]:
    """Inside the block, draws do not advance the global generator: its state is restored
    on exit.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> _ = torch.manual_seed(1)
    >>> with torch.random.fork_rng():
    ...     _ = torch.rand(5)
    >>> a = torch.rand(1); _ = torch.manual_seed(1); torch.equal(a, torch.rand(1))
    True
    """
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)


def _random_module() -> Any:
    """``torch.random``: the seeding functions and the generator state, as a module."""
    module = types.ModuleType("funcgrad.torch.random", _random_module.__doc__)
    module.__dict__.update(
        manual_seed=factories.manual_seed, seed=factories.seed,
        initial_seed=factories.initial_seed, get_rng_state=get_rng_state,
        set_rng_state=set_rng_state, fork_rng=fork_rng, default_generator=default_generator)
    return module


random = _random_module()
