"""JAX's device functions (``jax.devices``, ``device_put``, ...) for the one device NumPy
computes on: the CPU. Programs written for JAX that place or fetch arrays run unchanged;
there is nothing to place, so ``device_put`` only makes arrays of its leaves.

>>> import funcgrad as fg
>>> fg.devices(), fg.default_backend(), fg.device_count()
([CpuDevice(id=0)], 'cpu', 1)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import numpy as fnp
from .core.device import CPU, Device, SingleDeviceSharding
from .core.trace import Tracer
from .tree import map as tree_map

__all__ = [
    "Device", "SingleDeviceSharding", "devices", "local_devices", "device_count",
    "local_device_count", "default_backend", "process_index", "process_count",
    "device_put", "device_get",
]


def _check_backend(backend: Any) -> None:
    if backend not in (None, "cpu") and backend is not CPU:
        raise RuntimeError(
            f"Unknown backend {backend!r}: funcgrad computes with NumPy on the CPU, the only "
            "backend ('cpu').")


def devices(backend: Any = None) -> list[Device]:
    """The devices funcgrad computes on: ``[CpuDevice(id=0)]`` (``jax.devices``).

    Parameters
    ----------
    backend : None or 'cpu'
        The only backend is the CPU.

    Returns
    -------
    list of Device

    See Also
    --------
    local_devices, device_count

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.devices()
    [CpuDevice(id=0)]
    """
    _check_backend(backend)
    return [CPU]


def local_devices(process_index: int | None = None, backend: Any = None) -> list[Device]:
    """The devices of this process: ``[CpuDevice(id=0)]`` (``jax.local_devices``).

    Parameters
    ----------
    process_index : int, optional
        Only process 0 exists.
    backend : None or 'cpu'

    Returns
    -------
    list of Device

    See Also
    --------
    devices

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.local_devices()
    [CpuDevice(id=0)]
    """
    _check_backend(backend)
    return [CPU] if process_index in (None, 0) else []


def device_count(backend: Any = None) -> int:
    """The number of devices: 1 (``jax.device_count``).

    Parameters
    ----------
    backend : None or 'cpu'

    Returns
    -------
    int

    See Also
    --------
    devices, local_device_count

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.device_count()
    1
    """
    _check_backend(backend)
    return 1


def local_device_count(backend: Any = None) -> int:
    """The number of this process's devices: 1 (``jax.local_device_count``).

    Parameters
    ----------
    backend : None or 'cpu'

    Returns
    -------
    int

    See Also
    --------
    device_count

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.local_device_count()
    1
    """
    _check_backend(backend)
    return 1


def default_backend() -> str:
    """The backend arrays are computed on: ``'cpu'`` (``jax.default_backend``).

    Returns
    -------
    str

    See Also
    --------
    devices

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.default_backend()
    'cpu'
    """
    return "cpu"


def process_index() -> int:
    """This process's index among the processes of a computation: 0 (``jax.process_index``).

    Returns
    -------
    int

    See Also
    --------
    process_count

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.process_index()
    0
    """
    return 0


def process_count() -> int:
    """The number of processes of a computation: 1 (``jax.process_count``; for several
    machines, see the Dask guide).

    Returns
    -------
    int

    See Also
    --------
    process_index

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.process_count()
    1
    """
    return 1


def device_put(x: Any, device: Any = None, *, src: Any = None, donate: bool = False,
               may_alias: bool | None = None) -> Any:
    """``x`` with every leaf made a funcgrad array on the CPU (``jax.device_put``).

    Parameters
    ----------
    x : pytree
        Arrays, scalars, or containers of them.
    device : None, Device, SingleDeviceSharding or 'cpu'
        Where to put it: the CPU is the only place.
    src, donate, may_alias
        Accepted as JAX does; NumPy has nothing to transfer.

    Returns
    -------
    pytree
        ``x``'s structure with array leaves (traced leaves stay as they are).

    See Also
    --------
    device_get

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.device_put({"w": [1.0, 2.0]})
    {'w': [array(1.), array(2.)]}
    """
    if device is not None and not isinstance(device, (Device, SingleDeviceSharding)):
        _check_backend(device)
    return tree_map(lambda leaf: leaf if isinstance(leaf, Tracer) else fnp.asarray(leaf), x)


def device_get(x: Any) -> Any:
    """``x`` with every leaf a NumPy array or scalar on the host (``jax.device_get``).

    Parameters
    ----------
    x : pytree

    Returns
    -------
    pytree
        ``x``'s structure with NumPy leaves.

    Raises
    ------
    TypeError
        For a traced leaf, whose value is not known yet.

    See Also
    --------
    device_put

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.device_get({"w": fnp.ones(2)})
    {'w': array([1., 1.])}
    """
    def get(leaf):
        if isinstance(leaf, Tracer):
            raise TypeError(
                "device_get of a traced value: its value is not known while a function is "
                "transformed. Call device_get on the transformed function's result.")
        return np.asarray(leaf) if isinstance(leaf, np.ndarray) else leaf

    return tree_map(get, x)
