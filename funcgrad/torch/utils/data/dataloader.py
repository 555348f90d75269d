"""``DataLoader``: batches of samples from a dataset, in order or shuffled.

>>> import funcgrad.torch as torch
>>> from funcgrad.torch.utils.data import DataLoader
>>> [b.tolist() for b in DataLoader([1, 2, 3], batch_size=2)]
[[1, 2], [3]]
"""

from __future__ import annotations

import collections.abc
import os
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ..._dtypes import ALIASES as _DTYPES
from ...factories import randint, tensor
from ...functions import stack
from ...tensor import Tensor
from ._workers import WorkerPool
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

__all__ = ["DataLoader", "default_collate"]


def default_collate(batch: list) -> Any:
    """Stack a list of samples into a batch, recursing into tuples, lists and dicts.

    Tensors are stacked; NumPy arrays become stacked tensors; Python ints
    become an ``int64`` tensor and floats a ``float64`` one; strings stay a list.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.utils.data import default_collate
    >>> default_collate([(torch.zeros(2), 1), (torch.ones(2), 0)])
    [tensor([[0., 0.],
            [1., 1.]]), tensor([1, 0])]
    >>> default_collate([{"x": 1.5}, {"x": 2.5}])
    {'x': tensor([1.5000, 2.5000], dtype=torch.float64)}
    """
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(list(batch), 0)
    if isinstance(elem, np.ndarray) and elem.dtype.kind not in "OSU":
        return stack([tensor(b) for b in batch], 0)
    if isinstance(elem, np.generic):
        return tensor(np.asarray(batch))
    if isinstance(elem, bool):
        return tensor(batch)
    if isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, float):
        return tensor(batch, dtype=_DTYPES["float64"])
    if isinstance(elem, (str, bytes)):
        return list(batch)
    if isinstance(elem, collections.abc.Mapping):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):
        return type(elem)(*(default_collate(list(s)) for s in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        size = len(elem)
        if any(len(e) != size for e in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        transposed = list(zip(*batch))
        if isinstance(elem, tuple):
            return [default_collate(list(s)) for s in transposed]
        return [default_collate(list(s)) for s in transposed]
    raise TypeError(
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
        f"found {type(elem)}"
    )


def default_convert(data: Any) -> Any:
    """What ``batch_size=None`` does to each sample: NumPy arrays become tensors.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad.torch.utils.data.dataloader import default_convert
    >>> default_convert(np.array([1.0]))
    tensor([1.], dtype=torch.float64)
    """
    if isinstance(data, np.ndarray) and data.dtype.kind not in "OSU":
        return tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return {k: default_convert(v) for k, v in data.items()}
    if isinstance(data, tuple):
        return tuple(default_convert(d) for d in data)
    if isinstance(data, list):
        return [default_convert(d) for d in data]
    return data


class DataLoader:
    """Iterate over a dataset in batches (``batch_size``), optionally shuffled.

    ``shuffle=True`` draws a new permutation each epoch from ``generator``
    (or funcgrad.torch's global generator); ``drop_last`` drops a final short
    batch; ``collate_fn`` (default :func:`default_collate`) assembles each
    batch. With ``num_workers > 0`` worker processes load the batches
    (each seeded from ``base_seed + worker_id``, ``worker_init_fn`` called
    in each; ``persistent_workers`` keeps them between epochs) and the loader
    yields them in order: the same batches as ``num_workers=0``.
    ``pin_memory`` is accepted (there is no GPU memory to pin).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.utils.data import DataLoader, TensorDataset
    >>> ds = TensorDataset(torch.arange(6.0).reshape(3, 2), torch.tensor([0, 1, 0]))
    >>> for X, y in DataLoader(ds, batch_size=2):
    ...     print(X.shape, y)
    torch.Size([2, 2]) tensor([0, 1])
    torch.Size([1, 2]) tensor([0])
    >>> g = torch.Generator().manual_seed(3)
    >>> len(DataLoader(ds, batch_size=2, shuffle=True, generator=g, drop_last=True))
    1
    """

    __module__ = "torch.utils.data.dataloader"

    def __init__(
        self,
        dataset: Any,
        batch_size: int | None = 1,
        shuffle: bool | None = None,
        sampler: Sampler | Any = None,
        batch_sampler: Any = None,
        num_workers: int = 0,
        collate_fn: Callable | None = None,
        pin_memory: bool = False,
        drop_last: bool = False,
        timeout: float = 0,
        worker_init_fn: Callable | None = None,
        multiprocessing_context: Any = None,
        generator: Any = None,
        *,
        prefetch_factor: int | None = None,
        persistent_workers: bool = False,
        pin_memory_device: str = "",
        in_order: bool = True,
    ) -> None:
        if num_workers < 0:
            raise ValueError(
                "num_workers option should be non-negative; use num_workers=0 to disable "
                "multiprocessing."
            )
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError(
                "prefetch_factor option could only be specified in multiprocessing.let "
                "num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to "
                "None."
            )
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = 2 if num_workers > 0 and prefetch_factor is None \
            else prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.persistent_workers = persistent_workers
        self.in_order = in_order
        self.generator = generator
        self._pool: WorkerPool | None = None
        self._iterable = isinstance(dataset, IterableDataset)
        if self._iterable:
            if shuffle not in (None, False):
                raise ValueError(
                    f"DataLoader with IterableDataset: expected unspecified shuffle option, but "
                    f"got shuffle={shuffle}"
                )
            if sampler is not None or batch_sampler is not None:
                raise ValueError(
                    "DataLoader with IterableDataset: expected unspecified sampler option"
                )
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, "
                    "sampler, and drop_last"
                )
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError(
                "batch_size=None option disables auto-batching and is mutually exclusive with "
                "drop_last"
            )
        if sampler is None and not self._iterable:
            sampler = (
                RandomSampler(dataset, generator=generator) if shuffle
                else SequentialSampler(dataset)
            )
        if batch_size is not None and batch_sampler is None and not self._iterable:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        if collate_fn is None:
            collate_fn = default_collate if batch_size is not None or batch_sampler is not None \
                else default_convert
        self.collate_fn = collate_fn

    def __iter__(self) -> Iterator[Any]:
        # Every pass draws a base seed first, as PyTorch does (the workers' seeds come from
        # it), so the shuffled order does not depend on num_workers.
        if self._pool is None or not self.persistent_workers:
            base_seed = int(randint(0, 2**62, (1,), generator=self.generator).item())
            if self.num_workers > 0:
                _warn_worker_number(self.num_workers)
                self._pool = WorkerPool(self, base_seed)
            if self.pin_memory:
                warnings.warn(
                    "'pin_memory' argument is set as true but no accelerator is found, then "
                    "device pinned memory won't be used.",
                    stacklevel=2,
                )
        if self.num_workers > 0:
            assert self._pool is not None
            return self._pool.epoch()
        return self._iter_here()

    def _iter_here(self) -> Iterator[Any]:
        if self._iterable:
            yield from self._iter_stream()
            return
        fetch_many = getattr(self.dataset, "__getitems__", None)
        if self.batch_sampler is None:
            for idx in self.sampler:
                yield self.collate_fn(self.dataset[idx])
            return
        for indices in self.batch_sampler:
            if fetch_many is not None:
                samples = fetch_many(indices)
            else:
                samples = [self.dataset[i] for i in indices]
            yield self.collate_fn(samples)

    def _iter_stream(self) -> Iterator[Any]:
        if self.batch_size is None:
            for item in self.dataset:
                yield self.collate_fn(item)
            return
        batch: list = []
        for item in self.dataset:
            batch.append(item)
            if len(batch) == self.batch_size:
                yield self.collate_fn(batch)
                batch = []
        if batch and not self.drop_last:
            yield self.collate_fn(batch)

    def __len__(self) -> int:
        if self._iterable:
            n = len(self.dataset)
            if self.batch_size is None:
                return n
            return n // self.batch_size if self.drop_last else -(-n // self.batch_size)
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)



def _warn_worker_number(n: int) -> None:
    """PyTorch's warning when more workers are asked for than the process may use cores."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    if n > cpus:
        warnings.warn(
            f"This DataLoader will create {n} worker processes in total. Our suggested max "
            f"number of worker in current system is {cpus}, which is smaller than what this "
            "DataLoader is going to create. Please be aware that excessive worker creation "
            "might get DataLoader running slow or even freeze, lower the worker number to "
            "avoid potential slowness/freeze if necessary.",
            stacklevel=3,
        )
