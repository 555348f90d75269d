"""Data-parallel training on a dask.distributed cluster: per-shard gradients, averaged
======================================================================================

The digits data (scikit-learn's ``load_digits``: 1,797 8x8 images, no download)
is split into one shard per worker and sent to the workers once. Each step, the
driver sends the current parameters; every worker computes the loss and the
gradient of its shard with the same jitted ``value_and_grad`` (funcgrad's
transformed functions pickle with cloudpickle, which is how Dask ships them),
and the driver averages the results, weighted by shard size. The averaged
gradient is exactly the gradient of the whole data set, which the script checks
before it trains.

    python examples/data_parallel_dask.py                        # a LocalCluster of 2 processes
    python examples/data_parallel_dask.py --address tcp://host:8786   # an existing cluster
"""

from __future__ import annotations

import argparse

import numpy as np
from dask.distributed import Client, LocalCluster
from sklearn.datasets import load_digits

import funcgrad as fg
import funcgrad.numpy as fnp


def init_params(rng: np.random.Generator, sizes=(64, 64, 10)) -> dict:
    params = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        params[f"W{i}"] = rng.normal(0.0, 1.0 / np.sqrt(n_in), (n_in, n_out))
        params[f"b{i}"] = np.zeros(n_out)
    return params


def logits(params: dict, X):
    h = fnp.tanh(X @ params["W0"] + params["b0"])
    return h @ params["W1"] + params["b1"]


def loss(params: dict, X, Y):
    """Mean softmax cross-entropy of the batch (Y one-hot)."""
    z = logits(params, X)
    z = z - fnp.max(z, axis=1, keepdims=True)
    log_probs = z - fnp.log(fnp.sum(fnp.exp(z), axis=1, keepdims=True))
    return -fnp.mean(fnp.sum(Y * log_probs, axis=1))


# One compiled function, shipped to every worker.
loss_and_grad = fg.jit(fg.value_and_grad(loss))


def shard_loss_and_grad(params: dict, shard: tuple) -> tuple:
    """Runs on a worker: the shard's mean loss and gradient, and the shard's size."""
    X, Y = shard
    value, grads = loss_and_grad(params, X, Y)
    return float(value), grads, len(X)


def averaged(results: list) -> tuple:
    """The data set's mean loss and gradient from the shards' (weighted by their sizes)."""
    total = sum(n for _, _, n in results)
    value = sum(v * n for v, _, n in results) / total
    grads = fg.tree.map(lambda *gs: sum(g * n for g, (_, _, n) in zip(gs, results)) / total,
                        *[g for _, g, _ in results])
    return value, grads


def load_data(seed: int):
    digits = load_digits()
    X = digits.data / 16.0
    Y = np.eye(10)[digits.target]
    order = np.random.default_rng(seed).permutation(len(X))
    split = int(0.8 * len(X))
    train, test = order[:split], order[split:]
    return (X[train], Y[train]), (X[test], Y[test])


def main(argv=None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default=None,
                        help="scheduler address of an existing cluster (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.5)
    args = parser.parse_args(argv)

    (X, Y), (X_test, Y_test) = load_data(seed=0)
    params = init_params(np.random.default_rng(0))

    cluster = None
    if args.address is None:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(args.address or cluster)
    try:
        workers = list(client.scheduler_info()["workers"])
        shards = [(X[i::len(workers)], Y[i::len(workers)]) for i in range(len(workers))]
        # Each shard lives on one worker from now on: only parameters and gradients travel.
        futures = [client.scatter(s, workers=[w]) for s, w in zip(shards, workers)]

        def step(params):
            jobs = [client.submit(shard_loss_and_grad, params, f, workers=[w], pure=False)
                    for f, w in zip(futures, workers)]
            return averaged(client.gather(jobs))

        value, grads = step(params)
        whole_value, whole_grads = loss_and_grad(params, X, Y)
        gap = max(float(np.max(np.abs(g - h)))
                  for g, h in zip(fg.tree.leaves(grads), fg.tree.leaves(whole_grads)))
        print(f"{len(workers)} workers; averaged gradient vs one process: max difference "
              f"{gap:.1e}")
        assert gap < 1e-12 and abs(value - float(whole_value)) < 1e-12

        velocity = fg.tree.map(np.zeros_like, params)
        for i in range(args.steps):
            value, grads = step(params)
            velocity = fg.tree.map(lambda v, g: 0.9 * v + g, velocity, grads)
            params = fg.tree.map(lambda p, v: p - args.lr * v, params, velocity)
            if (i + 1) % 25 == 0:
                print(f"step {i + 1:4d}  loss {value:.4f}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    accuracy = float(np.mean(np.argmax(logits(params, X_test), axis=1)
                             == np.argmax(Y_test, axis=1)))
    print(f"test accuracy: {accuracy:.3f}")
    return accuracy


if __name__ == "__main__":
    main()
