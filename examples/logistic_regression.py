"""Logistic regression by gradient descent, with the gradient from funcgrad.

Two Gaussian clouds in the plane, labels -1 and +1, a linear model
``z = x @ w + b`` and the logistic loss ``mean(log(1 + exp(-y z)))``. The
gradient comes from ``fg.value_and_grad``; the parameters are a dict (a
pytree), so the gradient is a dict with the same keys.

Run: python examples/logistic_regression.py
"""

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp


def make_data(n, rng):
    """n points per class: class +1 around (1, 1), class -1 around (-1, -0.5)."""
    pos = rng.normal([1.0, 1.0], 0.8, size=(n, 2))
    neg = rng.normal([-1.0, -0.5], 0.8, size=(n, 2))
    x = np.concatenate([pos, neg])
    y = np.concatenate([np.ones(n), -np.ones(n)])
    return x, y


def loss(params, x, y):
    """Mean logistic loss of the linear model; written with funcgrad.numpy."""
    z = x @ params["w"] + params["b"]
    return fnp.mean(fnp.log(1.0 + fnp.exp(-y * z)))


def hand_gradient(params, x, y):
    """The same gradient derived on paper, to check funcgrad's against."""
    z = x @ params["w"] + params["b"]
    s = -y / (1.0 + np.exp(y * z)) / len(y)  # d loss / d z
    return {"w": x.T @ s, "b": np.sum(s)}


def main():
    rng = np.random.default_rng(0)
    x, y = make_data(100, rng)
    params = {"w": np.zeros(2), "b": 0.0}

    g = fg.grad(loss)(params, x, y)
    expected = hand_gradient(params, x, y)
    same = all(np.allclose(g[k], expected[k]) for k in g)
    print(f"gradient at the start matches the hand-derived one: {same}")

    step = fg.value_and_grad(loss)
    learning_rate = 0.5
    for i in range(201):
        value, g = step(params, x, y)
        # A gradient-descent step on every leaf of the pytree at once.
        params = fg.tree_util.tree_map(lambda p, dp: p - learning_rate * dp, params, g)
        if i % 50 == 0:
            print(f"step {i:3d}  loss {value:.4f}")

    z = x @ params["w"] + params["b"]
    accuracy = np.mean(np.sign(z) == y)
    w, b = params["w"], float(params["b"])
    print(f"w = {np.array2string(w, precision=3)}, b = {b:.3f}, training accuracy {accuracy:.1%}")


if __name__ == "__main__":
    main()
