"""Mistakes mypy must flag in a program of the functional face.

Each line whose comment is ``# E:`` and a text must get a mypy error with that text; no
other line may get one (tests/typing/test_mypy.py). The program is never run.
"""

from __future__ import annotations

from functools import partial

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp


@fg.jit
def scale(x: fg.Array, factor: float) -> fg.Array:
    return x * factor


@fg.jit(static_argnames="n")
def power(x: fg.Array, n: int) -> fg.Array:
    return x**n


@partial(fg.jit, static_argnums=1)
def shifted(x: fg.Array, by: int) -> fg.Array:
    return x + by


@fg.custom_vjp
def clip(x: fg.Array, bound: float) -> fg.Array:
    return fnp.clip(x, -bound, bound)


def loss(w: fg.Array, x: fg.Array) -> fg.Array:
    return fnp.sum((x @ w) ** 2)


def main() -> None:
    x = np.ones(3)
    scale("three", 2.0)  # E: Argument 1 to "scale" has incompatible type "str"
    scale(x, "2")  # E: Argument 2 to "scale" has incompatible type "str"
    power(x, n="2")  # E: Argument "n" to "power" has incompatible type "str"
    power(x, m=2)  # E: Unexpected keyword argument "m" for "power"
    y: str = scale(x, 2.0)  # E: Incompatible types in assignment
    fg.grad(loss)(x)  # E: Too few arguments
    fg.grad(loss)(x, [1.0, 2.0])  # E: Argument 2 has incompatible type "list[float]"
    fg.value_and_grad(loss)(x, x, x)  # E: Too many arguments
    fg.vmap(loss, in_axes=(None, 0))(x, "batch")  # E: Argument 2 has incompatible type "str"
    fg.checkpoint(loss)(x, x, policy=None)  # E: Unexpected keyword argument "policy"
    clip(x, "1")  # E: Argument 2 to "__call__" of "custom_vjp" has incompatible type "str"
    print(fg.make_ir(loss)(x, x).eqnz)  # E: "IR" has no attribute "eqnz"
    fg.jit(loss, static_argnum=1)  # E: No overload variant of "jit" matches argument types
    print(y)
