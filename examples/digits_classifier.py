"""Handwritten digits with the functional face: jit, vmap, optimizers, random keys
================================================================================

A ``64 -> 128 (tanh) -> 10`` network learns scikit-learn's digits (1,797
8x8 images, shipped with scikit-learn: no download), written as JAX code
would be:

- the network is written for **one** image and ``fg.vmap`` maps it over a
  batch;
- the parameters are a dict drawn from ``funcgrad.random`` keys (the same
  numbers JAX draws from the same key), and the minibatch order comes from
  ``funcgrad.random.permutation`` with a key split per epoch;
- ``funcgrad.optimizers.adam`` updates them, and the whole step (loss,
  gradient, update) is one ``fg.jit``-compiled function.

A fifth of the data is held out to measure the test accuracy. The training
curve (loss and held-out accuracy per epoch) is saved as a PNG.

Run: ``python examples/digits_classifier.py [--epochs N] [--plot PATH]``
"""

from __future__ import annotations

import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # write files; never open a window
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from tqdm import tqdm  # noqa: E402

import funcgrad as fg  # noqa: E402
import funcgrad.numpy as fnp  # noqa: E402
from funcgrad import optimizers  # noqa: E402
from funcgrad import random as fgr  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_digits_classifier.png")


def load_data(seed: int = 0):
    """The digits scaled to [0, 1], split 80/20 into training and held-out sets."""
    digits = load_digits()
    X = (digits.data / 16.0).astype(np.float32)
    y = digits.target
    order = np.random.default_rng(seed).permutation(len(X))
    split = int(0.8 * len(X))
    train, test = order[:split], order[split:]
    return (X[train], y[train]), (X[test], y[test])


def init_params(key, sizes=(64, 128, 10)) -> dict:
    """Weights drawn from N(0, 1/fan_in) with one key per layer; zero biases."""
    params = {}
    keys = fgr.split(key, len(sizes) - 1)
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        params[f"W{i}"] = fgr.normal(keys[i], (n_in, n_out), dtype=np.float32) / np.sqrt(n_in)
        params[f"b{i}"] = np.zeros(n_out, np.float32)
    return params


def logits_one(params: dict, x):
    """The network on ONE image ``x`` (64 pixels): ten class scores."""
    h = fnp.tanh(x @ params["W0"] + params["b0"])
    return h @ params["W1"] + params["b1"]


# The network on a batch: map over the images, share the parameters.
logits = fg.vmap(logits_one, in_axes=(None, 0))


def loss(params: dict, X, y):
    """Mean softmax cross-entropy of a batch with integer labels ``y``."""
    log_probs = fg.nn.log_softmax(logits(params, X), axis=1)
    return -fnp.mean(fnp.take_along_axis(log_probs, y[:, None], axis=1))


opt_init, opt_update, get_params = optimizers.adam(1e-2)


@fg.jit
def train_step(i, state, X, y):
    """One Adam step on a minibatch: the loss before the step, and the new state."""
    value, grads = fg.value_and_grad(loss)(get_params(state), X, y)
    return value, opt_update(i, grads, state)


@fg.jit
def accuracy(params, X, y):
    return fnp.mean(fnp.argmax(logits(params, X), axis=1) == y)


def train(epochs: int = 15, batch_size: int = 64, seed: int = 0):
    """Train; return the parameters and the per-epoch (mean loss, held-out accuracy)."""
    (X_train, y_train), (X_test, y_test) = load_data(seed)
    key = fgr.key(seed)
    key, init_key = fgr.split(key)
    state = opt_init(init_params(init_key))
    history = {"loss": [], "test_accuracy": []}
    step = 0
    for epoch in range(1, epochs + 1):
        key, shuffle_key = fgr.split(key)
        order = np.asarray(fgr.permutation(shuffle_key, len(X_train)))
        losses = []
        batches = range(0, len(order), batch_size)
        with tqdm(total=len(batches), desc=f"epoch {epoch:2d}/{epochs}", unit="batch") as bar:
            for start in batches:
                idx = order[start:start + batch_size]
                value, state = train_step(step, state, X_train[idx], y_train[idx])
                step += 1
                losses.append(float(value))
                bar.set_postfix(loss=f"{losses[-1]:.3f}", refresh=False)
                bar.update()
            history["loss"].append(float(np.mean(losses)))
            history["test_accuracy"].append(float(accuracy(get_params(state), X_test, y_test)))
            bar.set_postfix(loss=f"{history['loss'][-1]:.4f}",
                            test_accuracy=f"{history['test_accuracy'][-1]:.3f}")
    return get_params(state), history


def plot_history(history: dict, path: str, title: str) -> None:
    """The training curve: mean loss and held-out accuracy per epoch, side by side."""
    epochs = np.arange(1, len(history["loss"]) + 1)
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.5))
    ax_loss.plot(epochs, history["loss"], marker="o")
    ax_loss.set(xlabel="epoch", ylabel="mean training loss", yscale="log", title="loss")
    ax_acc.plot(epochs, history["test_accuracy"], marker="o", color="tab:green")
    ax_acc.set(xlabel="epoch", ylabel="held-out accuracy", title="test accuracy")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main(argv=None) -> float:
    parser = argparse.ArgumentParser(description="Digits with funcgrad's functional face.")
    parser.add_argument("--epochs", type=int, default=15, help="passes over the data (15)")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the training curve (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)

    params, history = train(epochs=args.epochs)
    for epoch, (value, acc) in enumerate(zip(history["loss"], history["test_accuracy"]), 1):
        print(f"epoch {epoch:2d}  loss {value:.4f}  held-out accuracy {acc:.3f}")
    plot_history(history, args.plot, "64-128-10 network, funcgrad functional face")
    print(f"training curve saved to {args.plot}")
    final = history["test_accuracy"][-1]
    print(f"test accuracy: {final:.3f}")
    return final


if __name__ == "__main__":
    main()
