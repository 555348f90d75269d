"""Handwritten digits with the PyTorch face: nn.Module, optim, DataLoader
========================================================================

The same task as the functional digits example, written as a PyTorch
tutorial writes it, on ``funcgrad.torch`` (the import is the only change
from PyTorch):

- a ``torch.nn.Module`` subclass with two ``nn.Linear`` layers;
- ``torch.utils.data.TensorDataset`` and ``DataLoader`` (shuffled minibatches);
- ``torch.optim.Adam`` and ``nn.CrossEntropyLoss``, with the usual
  ``zero_grad()`` / ``backward()`` / ``step()`` loop;
- ``model.eval()`` and ``torch.no_grad()`` to measure the held-out accuracy.

``torch.manual_seed`` fixes the initial weights and the shuffling, so every
run prints the same numbers. The training curve is saved as a PNG.

Run: ``python examples/digits_torch.py [--epochs N] [--plot PATH]``
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

import funcgrad.torch as torch  # noqa: E402  (PyTorch programs: `import torch`)
from funcgrad.torch import nn  # noqa: E402
from funcgrad.torch.utils.data import DataLoader, TensorDataset  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_digits_torch.png")


class DigitNet(nn.Module):
    """64 pixels -> 128 hidden units (ReLU) -> 10 class scores."""

    def __init__(self, hidden: int = 128):
        super().__init__()
        self.hidden = nn.Linear(64, hidden)
        self.out = nn.Linear(hidden, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def load_data(seed: int = 0):
    """Tensors of the digits scaled to [0, 1], split 80/20 into training and held-out sets."""
    digits = load_digits()
    X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
    y = torch.tensor(digits.target, dtype=torch.int64)
    order = np.random.default_rng(seed).permutation(len(X))
    split = int(0.8 * len(X))
    train, test = order[:split], order[split:]
    return TensorDataset(X[train], y[train]), (X[test], y[test])


def evaluate(model: nn.Module, X, y) -> float:
    """The fraction of ``X`` the model classifies correctly."""
    model.eval()
    with torch.no_grad():
        predicted = model(X).argmax(dim=1)
    model.train()
    return (predicted == y).float().mean().item()


def train(epochs: int = 15, batch_size: int = 64, seed: int = 0):
    """Train; return the model and the per-epoch (mean loss, held-out accuracy)."""
    torch.manual_seed(seed)
    train_set, (X_test, y_test) = load_data(seed)
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True)
    model = DigitNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.CrossEntropyLoss()
    history = {"loss": [], "test_accuracy": []}
    for epoch in range(1, epochs + 1):
        total, count = 0.0, 0
        with tqdm(total=len(loader), desc=f"epoch {epoch:2d}/{epochs}", unit="batch") as bar:
            for X, y in loader:
                optimizer.zero_grad()
                loss = loss_fn(model(X), y)
                loss.backward()
                optimizer.step()
                total += loss.item() * len(X)
                count += len(X)
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
                bar.update()
            history["loss"].append(total / count)
            history["test_accuracy"].append(evaluate(model, X_test, y_test))
            bar.set_postfix(loss=f"{history['loss'][-1]:.4f}",
                            test_accuracy=f"{history['test_accuracy'][-1]:.3f}")
    return model, history


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
    parser = argparse.ArgumentParser(description="Digits with funcgrad's PyTorch face.")
    parser.add_argument("--epochs", type=int, default=15, help="passes over the data (15)")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the training curve (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)

    model, history = train(epochs=args.epochs)
    print(model)
    for epoch, (value, acc) in enumerate(zip(history["loss"], history["test_accuracy"]), 1):
        print(f"epoch {epoch:2d}  loss {value:.4f}  held-out accuracy {acc:.3f}")
    plot_history(history, args.plot, "64-128-10 network, funcgrad.torch")
    print(f"training curve saved to {args.plot}")
    final = history["test_accuracy"][-1]
    print(f"test accuracy: {final:.3f}")
    return final


if __name__ == "__main__":
    main()
