"""Helpers shared by the ``torch.nn.functional`` files: node names, in-place results, shapes."""

from __future__ import annotations

from typing import Any

from ...tensor import Tensor, record


def _named(key: str, out: Tensor, inputs: tuple) -> Tensor:
    """Give the result of a composite the ``grad_fn`` PyTorch's fused operation has."""
    node = out._node
    if node.prim is not None and node.grad_fn_obj is None:
        node.face = None
        return record(key, node, inputs)
    return out


def _inplace(input: Tensor, out: Tensor, inplace: bool) -> Tensor:
    if inplace:
        return input.copy_(out)
    return out


def _tuple(value: Any, n: int, what: str) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            return (int(value[0]),) * n
        if len(value) != n:
            raise ValueError(f"{what} must be an int or a tuple of {n} ints, got {value}")
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _batched(input: Tensor, n_spatial: int, what: str) -> tuple[Tensor, bool]:
    if input.ndim == n_spatial + 1:
        return input.unsqueeze(0), True
    if input.ndim != n_spatial + 2:
        raise RuntimeError(
            f"Expected {n_spatial + 1}D (unbatched) or {n_spatial + 2}D (batched) input to "
            f"{what}, but got input of size: {list(input.shape)}"
        )
    return input, False
