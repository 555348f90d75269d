"""JAX's device API on the one device funcgrad has (reprs recorded from JAX 0.10.2)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def test_the_one_device_as_jax_prints_it():
    assert repr(fg.devices()) == "[CpuDevice(id=0)]"
    assert fg.local_devices() == fg.devices()
    d = fg.devices()[0]
    assert (d.platform, d.id, d.device_kind, d.process_index, str(d)) == ("cpu", 0, "cpu", 0,
                                                                         "cpu:0")
    assert (fg.device_count(), fg.local_device_count(), fg.process_index(),
            fg.process_count(), fg.default_backend()) == (1, 1, 0, 1, "cpu")
    assert pickle.loads(pickle.dumps(d)) == d
    with pytest.raises(RuntimeError, match="Unknown backend 'gpu'"):
        fg.devices("gpu")


def test_arrays_report_their_device_and_sharding():
    x = fnp.arange(3.0)
    assert repr(x.devices()) == "{CpuDevice(id=0)}"
    assert repr(x.sharding) == "SingleDeviceSharding(device=CpuDevice(id=0), memory_kind=device)"


def test_device_put_and_get_round_trip_pytrees():
    tree = fg.device_put({"a": [1.0, 2.0], "b": np.ones(2)}, fg.devices()[0])
    assert isinstance(tree["a"][0], fnp.ndarray) and tree["a"][0].ndim == 0
    assert tree["b"].at[0].set(5.0)[0] == 5.0        # funcgrad arrays: `.at` works
    back = fg.device_get(tree)
    assert type(back["b"]) is np.ndarray
    # inside a transform, device_put passes traced values through
    assert fg.grad(lambda x: fg.device_put(x) ** 2)(3.0) == 6.0
    with pytest.raises(TypeError, match="device_get of a traced value"):
        fg.grad(lambda x: fg.device_get(x))(3.0)
