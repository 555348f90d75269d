"""A two-layer neural network trained with minibatch SGD and momentum
===================================================================

The data set is synthetic: points in the plane, labelled by whether they lie
inside a ring (no linear model can separate that). The network is
``2 -> 32 (tanh) -> 1``, its loss the logistic loss; the gradient with respect
to all four weight arrays, held in a dict, comes from one ``fg.value_and_grad``.

The picture shows the test points and the decision boundary the network learned.

Run: ``python examples/two_layer_network.py [--plot PATH]``
"""

import argparse
import os
import tempfile
import time

import matplotlib

matplotlib.use("Agg")  # write files; never open a window
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import funcgrad as fg  # noqa: E402
import funcgrad.numpy as fnp  # noqa: E402
from funcgrad.tree_util import tree_map  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_two_layer_network.png")


def make_data(n, rng):
    """Points in [-1.5, 1.5]^2; label +1 inside the ring 0.5 < r < 1.1, else -1."""
    x = rng.uniform(-1.5, 1.5, size=(n, 2))
    r = np.hypot(x[:, 0], x[:, 1])
    y = np.where((r > 0.5) & (r < 1.1), 1.0, -1.0)
    return x, y


def init(rng, hidden=32):
    return {
        "W1": rng.normal(0.0, 1.0, size=(2, hidden)),
        "b1": np.zeros(hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(hidden), size=(hidden, 1)),
        "b2": np.zeros(1),
    }


def predict(params, x):
    """The network's score for each row of x (positive means +1)."""
    h = fnp.tanh(x @ params["W1"] + params["b1"])
    return (h @ params["W2"] + params["b2"])[:, 0]


def loss(params, x, y):
    """Mean logistic loss, log(1 + exp(-y * score))."""
    return fnp.mean(fnp.log(1.0 + fnp.exp(-y * predict(params, x))))


def accuracy(params, x, y):
    return np.mean(np.sign(predict(params, x)) == y)


def main(argv=None):
    parser = argparse.ArgumentParser(description="A two-layer network on a ring.")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the picture (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    x_train, y_train = make_data(1024, rng)
    x_test, y_test = make_data(512, rng)
    params = init(rng)
    velocity = tree_map(np.zeros_like, params)
    step = fg.value_and_grad(loss)
    learning_rate, momentum, batch = 0.2, 0.9, 32

    start = time.perf_counter()
    epochs = 30
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x_train))
        losses = []
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            value, grads = step(params, x_train[idx], y_train[idx])
            velocity = tree_map(lambda v, g: momentum * v - learning_rate * g, velocity, grads)
            params = tree_map(lambda p, v: p + v, params, velocity)
            losses.append(value)
        print(
            f"epoch {epoch:2d}/{epochs}  loss {np.mean(losses):.4f}  "
            f"train accuracy {accuracy(params, x_train, y_train):6.1%}  "
            f"test accuracy {accuracy(params, x_test, y_test):6.1%}"
        )
    print(f"trained in {time.perf_counter() - start:.1f} s")

    grid = np.linspace(-1.5, 1.5, 200)
    gx, gy = np.meshgrid(grid, grid)
    scores = predict(params, np.stack([gx.ravel(), gy.ravel()], axis=1)).reshape(gx.shape)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.contourf(gx, gy, scores, levels=[-np.inf, 0, np.inf], colors=["#f4d6c5", "#c9dcef"])
    ax.contour(gx, gy, scores, levels=[0], colors="black", linewidths=1)
    for label, color in [(1.0, "tab:blue"), (-1.0, "tab:red")]:
        pick = y_test == label
        ax.scatter(*x_test[pick].T, s=8, color=color, label=f"class {label:+.0f} (test)")
    ax.set(aspect="equal", title="The decision boundary of a 2-32-1 network")
    ax.legend(loc="upper right", fontsize="small")
    fig.tight_layout()
    fig.savefig(args.plot, dpi=100)
    print(f"picture of the decision boundary saved to {args.plot}")


if __name__ == "__main__":
    main()
