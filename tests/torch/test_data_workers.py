"""DataLoader with worker processes: the batches and their order, as PyTorch 2.13 gives them.

The expected lists were printed by PyTorch running the same programs (its
``IterableDataset`` documentation's worker-splitting examples among them).
"""

from __future__ import annotations

import math

import pytest

import funcgrad.torch as torch
from funcgrad.torch.utils.data import (
    BatchSampler,
    DataLoader,
    Dataset,
    IterableDataset,
    SequentialSampler,
    TensorDataset,
    get_worker_info,
)


class Range(IterableDataset):
    """``range(start, end)``; with ``split`` each worker takes its share (PyTorch's example)."""

    def __init__(self, start, end, split=False):
        self.start, self.end, self.split = start, end, split

    def __iter__(self):
        info = get_worker_info()
        if not self.split or info is None:
            return iter(range(self.start, self.end))
        per = int(math.ceil((self.end - self.start) / float(info.num_workers)))
        lo = self.start + info.id * per
        return iter(range(lo, min(lo + per, self.end)))


def split_in_init(worker_id):
    info = get_worker_info()
    ds = info.dataset
    per = int(math.ceil((ds.end - ds.start) / float(info.num_workers)))
    start = ds.start + info.id * per
    ds.start, ds.end = start, min(start + per, ds.end)


def _flat(loader):
    return [b.tolist() for b in loader]


ITERABLE = [
    (dict(dataset=Range(3, 7, split=True), num_workers=0), [[3], [4], [5], [6]]),
    (dict(dataset=Range(3, 7, split=True), num_workers=2), [[3], [5], [4], [6]]),
    (dict(dataset=Range(3, 7, split=True), num_workers=3), [[3], [5], [4], [6]]),
    (dict(dataset=Range(3, 7, split=True), batch_size=2, num_workers=2), [[3, 4], [5, 6]]),
    (dict(dataset=Range(3, 7), num_workers=2),
     [[3], [3], [4], [4], [5], [5], [6], [6]]),
    (dict(dataset=Range(3, 7), num_workers=2, worker_init_fn=split_in_init),
     [[3], [5], [4], [6]]),
    (dict(dataset=Range(0, 10), batch_size=3, num_workers=2, drop_last=True),
     [[0, 1, 2], [0, 1, 2], [3, 4, 5], [3, 4, 5], [6, 7, 8], [6, 7, 8]]),
    (dict(dataset=range(7), num_workers=3,
          batch_sampler=BatchSampler(SequentialSampler(range(7)), 3, False)),
     [[0, 1, 2], [3, 4, 5], [6]]),
    (dict(dataset=range(7), sampler=[6, 5, 4, 0], batch_size=3, num_workers=2),
     [[6, 5, 4], [0]]),
]


@pytest.mark.parametrize("kwargs,want", ITERABLE, ids=range(len(ITERABLE)))
def test_batches_in_pytorchs_order(kwargs, want):
    with pytest.warns(UserWarning, match="worker processes") if kwargs.get(
            "num_workers", 0) > 2 else _nothing():
        assert _flat(DataLoader(**kwargs)) == want


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_persistent_workers_serve_every_epoch_and_collate_fn_runs_in_workers():
    data = TensorDataset(torch.arange(10.0).reshape(5, 2), torch.arange(5))
    loader = DataLoader(data, batch_size=2, num_workers=2, persistent_workers=True)
    for _ in range(2):
        assert [y.tolist() for _, y in loader] == [[0, 1], [2, 3], [4]]
    assert loader._pool is not None and len(loader._pool.procs) == 2
    loader._pool.shutdown()
    assert list(DataLoader(range(6), batch_size=2, num_workers=2, collate_fn=sum)) == [1, 5, 9]


def test_shuffled_batches_do_not_depend_on_num_workers():
    data = TensorDataset(torch.arange(10.0), torch.arange(10))

    def order(n):
        g = torch.Generator().manual_seed(5)
        return [y.tolist() for _, y in DataLoader(data, batch_size=3, shuffle=True,
                                                  num_workers=n, generator=g)]

    assert order(0) == order(2)


class WhoAmI(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        info = get_worker_info()
        return info.id, info.num_workers, info.seed, torch.initial_seed()


def test_worker_info_and_seeds():
    rows = list(DataLoader(WhoAmI(), batch_size=None, num_workers=2))
    assert [(r[0], r[1]) for r in rows] == [(0, 2), (1, 2), (0, 2), (1, 2)]
    assert all(seed == torch_seed for _, _, seed, torch_seed in rows)
    assert rows[1][2] == rows[0][2] + 1
    assert get_worker_info() is None


class Fails(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 2:
            raise ValueError("bad item 2")
        return i


def test_a_workers_error_is_raised_with_its_traceback():
    with pytest.raises(ValueError, match="Caught ValueError in DataLoader worker process 0") as e:
        list(DataLoader(Fails(), batch_size=1, num_workers=2))
    assert str(e.value).splitlines()[-1] == "ValueError: bad item 2"


@pytest.mark.parametrize("kwargs,message", [
    (dict(num_workers=-1), "num_workers option should be non-negative"),
    (dict(prefetch_factor=2), "prefetch_factor option could only be specified"),
    (dict(persistent_workers=True), "persistent_workers option needs num_workers > 0"),
    (dict(timeout=-1), "timeout option should be non-negative"),
])
def test_invalid_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DataLoader(range(4), **kwargs)


def test_pin_memory_is_accepted_with_pytorchs_warning():
    with pytest.warns(UserWarning, match="no accelerator is found"):
        assert _flat(DataLoader(range(3), batch_size=2, pin_memory=True)) == [[0, 1], [2]]
