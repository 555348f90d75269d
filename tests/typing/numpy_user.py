"""A typical program of the functional face, as a user writes it: mypy finds no error.

tests/typing/test_mypy.py type checks it (and runs it).
"""

from __future__ import annotations

from functools import partial

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp


def loss(w: fg.Array, x: fg.Array, y: fg.Array) -> fg.Array:
    return fnp.mean((fnp.tanh(x @ w) - y) ** 2)


@fg.jit
def predict(w: fg.Array, x: fg.Array) -> fg.Array:
    return fnp.tanh(x @ w)


@fg.jit(static_argnames="power")
def norm(x: fg.Array, power: int = 2) -> fg.Array:
    return fnp.sum(fnp.abs(x) ** power) ** (1.0 / power)


@partial(fg.jit, static_argnums=1)
def repeat_sum(x: fg.Array, n: int) -> fg.Array:
    return fnp.sum(fnp.tile(x, n))


@fg.custom_jvp
def softplus(x: fg.Array) -> fg.Array:
    return fnp.logaddexp(x, 0.0)


@softplus.defjvp
def softplus_jvp(primals: tuple[fg.Array], tangents: tuple[fg.Array]) -> tuple[fg.Array, fg.Array]:
    (x,), (t,) = primals, tangents
    return softplus(x), t / (1.0 + fnp.exp(-x))


def block(x: fg.Array) -> fg.Array:
    return fnp.sin(fnp.sin(x))


@partial(fg.vmap, in_axes=(0, None))
def batched_dot(x: fg.Array, w: fg.Array) -> fg.Array:
    return x @ w


@partial(fg.custom_vjp, nondiff_argnums=(0,))
def scaled(n: int, x: fg.Array) -> fg.Array:
    return x * n


def scaled_fwd(n: int, x: fg.Array) -> tuple[fg.Array, None]:
    return scaled(n, x), None


def scaled_bwd(n: int, residuals: None, ct: fg.Array) -> tuple[fg.Array]:
    return (ct * n,)


scaled.defvjp(scaled_fwd, scaled_bwd)


@fg.jit
@fg.grad
def squared_norm_grad(x: fg.Array) -> fg.Array:
    return fnp.sum(x**2)


class Model:
    def __init__(self, w: fg.Array) -> None:
        self.w = w

    @partial(fg.jit, static_argnums=0)
    def apply(self, x: fg.Array) -> fg.Array:
        return fnp.tanh(x @ self.w)


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 3))
    y = np.tanh(x @ np.array([1.0, -2.0, 0.5]))
    w = np.zeros(3)

    grad_loss = fg.jit(fg.grad(loss))
    for _ in range(200):
        w = w - 0.5 * grad_loss(w, x, y)
    value, g = fg.value_and_grad(loss)(w, x, y)
    print(f"loss {float(value):.2e}, |grad| {float(norm(g)):.2e}")
    (value, aux), g = fg.value_and_grad(lambda w: (loss(w, x, y), w.sum()), has_aux=True)(w)

    preds: fg.Array = predict(w, x)
    print(preds.shape, norm(w, power=1), repeat_sum(w, 3))

    per_example = fg.vmap(fg.grad(loss), in_axes=(None, 0, 0))(w, x, y)
    print(per_example.shape, fg.jacfwd(predict)(w, x).shape, fg.hessian(loss)(w, x, y).shape)

    out, tangent = fg.jvp(fnp.sin, (1.0,), (1.0,))
    out, f_vjp = fg.vjp(fnp.sin, np.ones(2))
    (ct,) = f_vjp(np.ones(2))
    out, f_jvp = fg.linearize(fnp.exp, 0.5)
    print(out, tangent, ct, f_jvp(1.0))

    print(fg.grad(softplus)(np.asarray(100.0)), fg.checkpoint(block)(np.ones(2)))
    print(batched_dot(x, w).shape, fg.grad(lambda v: fnp.sum(scaled(3, v)))(w))
    print(squared_norm_grad(w), Model(w).apply(x).shape)
    ir = fg.make_ir(loss)(w, x, y)
    print(len(ir.eqns), "equations")

    value_any: object = w
    if isinstance(value_any, fg.Array):
        print(value_any.shape)


if __name__ == "__main__":
    main()
