"""Logistic regression by gradient descent, with the gradient from funcgrad
========================================================================

Two Gaussian clouds in the plane, labels -1 and +1, a linear model
``z = x @ w + b`` and the logistic loss ``mean(log(1 + exp(-y z)))``. The
gradient comes from ``fg.value_and_grad``; the parameters are a dict (a
pytree), so the gradient is a dict with the same keys.

The picture shows the two clouds and the line the model learned.

Run: ``python examples/logistic_regression.py [--plot PATH]``
"""

import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # write files; never open a window
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import funcgrad as fg  # noqa: E402
import funcgrad.numpy as fnp  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_logistic_regression.png")


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


def main(argv=None):
    parser = argparse.ArgumentParser(description="Logistic regression by gradient descent.")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the picture (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)
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

    fig, ax = plt.subplots(figsize=(5, 4.5))
    for label, color in [(1.0, "tab:blue"), (-1.0, "tab:red")]:
        ax.scatter(*x[y == label].T, s=10, color=color, label=f"class {label:+.0f}")
    xs = np.linspace(x[:, 0].min(), x[:, 0].max(), 2)
    ax.plot(xs, -(w[0] * xs + b) / w[1], color="black", label="decision line x @ w + b = 0")
    ax.set(xlabel="x0", ylabel="x1", title="Logistic regression")
    ax.legend(loc="upper left", fontsize="small")
    fig.tight_layout()
    fig.savefig(args.plot, dpi=100)
    print(f"picture of the decision line saved to {args.plot}")


if __name__ == "__main__":
    main()
