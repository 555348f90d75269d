"""``DataLoader(num_workers > 0)``: worker processes that load batches, as PyTorch's do.

Each worker is a process holding its own copy of the dataset. On start it
seeds Python's ``random``, NumPy's global generator and funcgrad.torch's
generator from ``base_seed + worker_id``, makes :func:`get_worker_info`
answer, and calls ``worker_init_fn(worker_id)``. The main process hands out
batches round-robin (``prefetch_factor`` per worker in flight) and yields the
results in the order of the batches, so the batches and their order are those
of ``num_workers=0``. For an ``IterableDataset`` every worker iterates its own
copy (split the work with :func:`get_worker_info`), and batches are taken from
the workers in turn until each is exhausted, as in PyTorch.

>>> from funcgrad.torch.utils.data import get_worker_info
>>> get_worker_info() is None  # in the main process
True
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import traceback
from collections.abc import Iterator
from typing import Any

import numpy as np

from ...factories import manual_seed

__all__ = ["WorkerInfo", "get_worker_info"]

_MOD = "torch.utils.data._utils.worker"
_info: WorkerInfo | None = None
# How long the main process waits on the result queue before checking on the workers.
_POLL_SECONDS = 5.0


class WorkerInfo:
    """What a worker process knows about itself: ``id``, ``num_workers``, ``seed``, ``dataset``.

    Examples
    --------
    >>> from funcgrad.torch.utils.data._workers import WorkerInfo
    >>> WorkerInfo(id=0, num_workers=2, seed=7, dataset=[1, 2])
    WorkerInfo(id=0, num_workers=2, seed=7, dataset=[1, 2])
    """

    __module__ = _MOD

    def __init__(self, **kwargs: Any) -> None:
        self._keys = tuple(kwargs)
        for k, v in kwargs.items():
            object.__setattr__(self, k, v)

    def __setattr__(self, key: str, val: Any) -> None:
        if key != "_keys" and key in getattr(self, "_keys", ()):
            raise RuntimeError(
                f"Cannot assign attributes to {type(self).__name__} objects"
            )
        object.__setattr__(self, key, val)

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={getattr(self, k)}" for k in self._keys)
        return f"{type(self).__name__}({items})"


def get_worker_info() -> WorkerInfo | None:
    """In a ``DataLoader`` worker process its :class:`WorkerInfo`; in the main process None.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.utils.data import get_worker_info
    >>> print(get_worker_info())
    None
    """
    return _info


class _IterableEnd:
    """A worker's answer when its copy of an ``IterableDataset`` is exhausted."""

    def __init__(self, worker_id: int) -> None:
        self.worker_id = worker_id


class _Failure:
    """An exception raised in a worker, carried to the main process with its traceback."""

    def __init__(self, exc: BaseException, where: str) -> None:
        self.exc_type = type(exc)
        self.message = (
            f"Caught {type(exc).__name__} {where}.\nOriginal "
            + "".join(traceback.format_exception(exc))
        )

    def reraise(self) -> None:
        msg: Any = self.message
        if self.exc_type is KeyError:
            msg = KeyError(msg)
        try:
            err = self.exc_type(msg)
        except Exception:
            raise RuntimeError(msg) from None
        raise err


def _fetch_batch(loader: Any, it: Any, indices: Any) -> Any:
    """One batch: from the indices (map-style) or the next items of ``it`` (iterable)."""
    if it is None:
        if loader.batch_sampler is None:
            return loader.collate_fn(loader.dataset[indices])
        many = getattr(loader.dataset, "__getitems__", None)
        samples = many(indices) if many is not None else [loader.dataset[i] for i in indices]
        return loader.collate_fn(samples)
    if loader.batch_size is None:
        return loader.collate_fn(next(it))
    batch = []
    for item in it:
        batch.append(item)
        if len(batch) == loader.batch_size:
            break
    if not batch or (loader.drop_last and len(batch) < loader.batch_size):
        raise StopIteration
    return loader.collate_fn(batch)


def _worker_loop(loader: Any, worker_id: int, num_workers: int, seed: int,
                 tasks: Any, results: Any) -> None:
    global _info
    random.seed(seed)
    manual_seed(seed)
    np.random.seed(seed % 2**32)
    _info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed,
                       dataset=loader.dataset)
    where = f"in DataLoader worker process {worker_id}"
    init_failure = None
    try:
        if loader.worker_init_fn is not None:
            loader.worker_init_fn(worker_id)
    except Exception as exc:  # reported with the first batch asked for
        init_failure = _Failure(exc, where)
    it = None
    fresh = True
    while True:
        task = tasks.get()
        if task is None:
            break
        if task == "resume":
            fresh = True
            continue
        idx, indices = task  # idx: (epoch, batch number)
        if init_failure is not None:
            results.put((idx, init_failure))
            continue
        try:
            if loader._iterable and fresh:
                it = iter(loader.dataset)
            fresh = False
            data = _fetch_batch(loader, it if loader._iterable else None, indices)
        except StopIteration:
            data = _IterableEnd(worker_id)
        except Exception as exc:
            data = _Failure(exc, where)
        results.put((idx, data))


class WorkerPool:
    """The worker processes of one ``DataLoader`` (kept between epochs with
    ``persistent_workers``), and the iteration over one epoch's batches."""

    def __init__(self, loader: Any, base_seed: int) -> None:
        ctx = loader.multiprocessing_context
        if ctx is None:
            ctx = multiprocessing.get_context()
        elif isinstance(ctx, str):
            ctx = multiprocessing.get_context(ctx)
        self.loader = loader
        self.n = loader.num_workers
        self.results = ctx.Queue()
        self.tasks = [ctx.Queue() for _ in range(self.n)]
        self.procs = []
        for wid in range(self.n):
            p = ctx.Process(target=_worker_loop, daemon=True,
                            args=(loader, wid, self.n, base_seed + wid, self.tasks[wid],
                                  self.results))
            p.start()
            self.procs.append(p)
        self.epochs = 0

    def epoch(self) -> Iterator[Any]:
        """The batches of one pass, in order."""
        if self.epochs:
            for q in self.tasks:
                q.put("resume")
        self.epochs += 1
        epoch = self.epochs
        loader = self.loader
        source = iter(loader.batch_sampler if loader.batch_sampler is not None
                      else loader.sampler) if not loader._iterable else None
        active = list(range(self.n))
        turn = 0
        sent = 0
        done = 0
        ready: dict[int, Any] = {}
        exhausted = False

        def send() -> bool:
            nonlocal turn, sent, exhausted
            if exhausted or not active:
                return False
            if source is not None:
                try:
                    indices = next(source)
                except StopIteration:
                    exhausted = True
                    return False
            else:
                indices = None
            wid = active[turn % len(active)]
            turn += 1
            self.tasks[wid].put(((epoch, sent), indices))
            sent += 1
            return True

        prefetch = loader.prefetch_factor or 2
        try:
            for _ in range(prefetch * self.n):
                if not send():
                    break
            while done < sent:
                while done not in ready:
                    (when, idx), data = self._get()
                    if when == epoch:  # a result of an abandoned pass is dropped
                        ready[idx] = data
                data = ready.pop(done)
                done += 1
                if isinstance(data, _IterableEnd):
                    if data.worker_id in active:
                        active.remove(data.worker_id)
                    send()
                    continue
                send()
                if isinstance(data, _Failure):
                    data.reraise()
                yield data
        finally:
            if not loader.persistent_workers:
                self.shutdown()

    def _get(self) -> tuple[Any, Any]:
        timeout = self.loader.timeout
        waited = 0.0
        while True:
            step = min(_POLL_SECONDS, timeout - waited) if timeout > 0 else _POLL_SECONDS
            try:
                return self.results.get(timeout=step)
            except queue.Empty:
                waited += step
                dead = [p.pid for p in self.procs if not p.is_alive()]
                if dead:
                    self.shutdown()
                    pids = ", ".join(str(p) for p in dead)
                    raise RuntimeError(
                        f"DataLoader worker (pid(s) {pids}) exited unexpectedly"
                    ) from None
                if timeout > 0 and waited >= timeout:
                    raise RuntimeError(
                        f"DataLoader timed out after {timeout} seconds"
                    ) from None

    def shutdown(self) -> None:
        """Ask every worker to stop and wait for it."""
        for q, p in zip(self.tasks, self.procs):
            if p.is_alive():
                q.put(None)
        for p in self.procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
        self.procs = []

    def __del__(self) -> None:
        if getattr(self, "procs", None):
            self.shutdown()
