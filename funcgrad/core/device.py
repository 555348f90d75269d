"""The one device funcgrad computes on, described as JAX describes devices.

NumPy computes on the CPU of the running process, so there is one device,
``CpuDevice(id=0)``; ``funcgrad.devices()`` lists it and every concrete array
reports it, so JAX programs that ask where their arrays live run unchanged.

>>> from funcgrad.core.device import CPU
>>> CPU, CPU.platform
(CpuDevice(id=0), 'cpu')
"""

from __future__ import annotations


class Device:
    """A device (JAX's ``jax.Device``): here always the process's CPU.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.devices()[0].platform
    'cpu'
    """

    __slots__ = ()
    platform = "cpu"
    device_kind = "cpu"
    id = 0
    process_index = 0
    host_id = 0

    def __repr__(self) -> str:
        return "CpuDevice(id=0)"

    def __str__(self) -> str:
        return "cpu:0"

    def __reduce__(self):
        return (Device, ())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Device)

    def __hash__(self) -> int:
        return hash(Device)


CPU = Device()


class SingleDeviceSharding:
    """Where an array lives (JAX's ``jax.sharding.SingleDeviceSharding``): all of it on one
    device, the CPU.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.ones(2).sharding
    SingleDeviceSharding(device=CpuDevice(id=0), memory_kind=device)
    """

    __slots__ = ()
    memory_kind = "device"
    device_set = frozenset({CPU})
    is_fully_replicated = True
    is_fully_addressable = True

    def __repr__(self) -> str:
        return "SingleDeviceSharding(device=CpuDevice(id=0), memory_kind=device)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleDeviceSharding)

    def __hash__(self) -> int:
        return hash(SingleDeviceSharding)


SHARDING = SingleDeviceSharding()
