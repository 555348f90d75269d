"""Mistakes mypy must flag in a program of the torch face.

Each line whose comment is ``# E:`` and a text must get a mypy error with that text; no
other line may get one (tests/typing/test_mypy.py). The program is never run.
"""

from __future__ import annotations

import funcgrad.torch as torch


def main() -> None:
    w = torch.ones(3, requires_grad=True)
    loss = (w * 2.0).sum()
    loss.backward(retain=True)  # E: Unexpected keyword argument "retain" for "backward"
    loss.backward(create_graph="yes")  # E: Argument "create_graph" to "backward"
    loss.backwards()  # E: "Tensor" has no attribute "backwards"
    w.sum(dim=0, keep_dim=True)  # E: Unexpected keyword argument "keep_dim" for "sum"
    w + "one"  # E: Unsupported operand types for + ("Tensor" and "str")
    w.exp(2)  # E: Too many arguments for "exp" of "TensorBase"
    n: int = w.mean()  # E: Incompatible types in assignment
    w.add_(w, alpha=1.0).mull(2.0)  # E: "Tensor" has no attribute "mull"
    print(n)
