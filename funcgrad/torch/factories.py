"""Tensor factories: ``tensor``, ``zeros``, ``arange``, ``randn``, ... with PyTorch's dtype rules.

Python floats make ``float32`` tensors (the default dtype), Python ints
``int64``, NumPy arrays keep their dtype. ``requires_grad=True`` makes a leaf
that records what is done with it.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core.trace import Tracer
from . import _dtypes
from ._dtypes import check_placement
from ._graph import leaf
from .tensor import Size, Tensor


def _finish(values: Any, dtype: Any, requires_grad: bool) -> Tensor:
    if dtype is not None:
        dt = _dtypes.to_numpy(dtype)
        if not isinstance(values, Tracer):
            values = np.asarray(values).astype(dt, copy=False)
    t = Tensor._from_node(leaf(values, False))
    if requires_grad:
        t.requires_grad_(
            True, _message="Only Tensors of floating point and complex dtype can require gradients"
        )
    return t


def _infer_dtype(data: Any) -> np.dtype:
    """The dtype PyTorch infers for nested Python data."""
    kinds = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, Tensor):
            kinds.add(("t", item._node.dtype))
        elif isinstance(item, np.ndarray):
            kinds.add(("t", item.dtype))
        elif isinstance(item, (list, tuple)) or _is_sequence(item):
            stack.extend(item)
        elif isinstance(item, (bool, np.bool_)):
            kinds.add(("s", np.dtype(np.bool_)))
        elif isinstance(item, (int, np.integer)):
            kinds.add(("s", np.dtype(np.int64)))
        elif isinstance(item, (float, np.floating)):
            kinds.add(("s", _dtypes.default_float()))
        elif isinstance(item, (complex, np.complexfloating)):
            kinds.add(("s", _dtypes.default_complex()))
        else:
            raise TypeError(f"Could not infer dtype of {type(item).__name__}")
    if not kinds:
        return _dtypes.default_float()
    dts = [d for _, d in kinds]
    rank = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}
    top = builtins.max(rank[d.kind] for d in dts)
    same = [d for d in dts if rank[d.kind] == top]
    return np.result_type(*same)


def _is_sequence(item: Any) -> bool:
    """A Python sequence PyTorch reads element by element (``range``, ``collections.deque``,
    ...), not a string."""
    return isinstance(item, Sequence) and not isinstance(item, (str, bytes, bytearray))


def _values(data: Any) -> np.ndarray:
    if isinstance(data, Tensor):
        return data._array()
    if isinstance(data, (list, tuple)) or _is_sequence(data):
        return np.array([_values(d) if isinstance(d, (Tensor, list, tuple)) or _is_sequence(d)
                         else d for d in data])
    return np.asarray(data)


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False) -> Tensor:
    """A new leaf tensor holding a copy of ``data`` (nested lists, numbers, arrays, tensors).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0, 2.0]), torch.tensor([1, 2]).dtype
    (tensor([1., 2.]), torch.int64)
    >>> torch.tensor([[-1.5], [2.7]], requires_grad=True)
    tensor([[-1.5000],
            [ 2.7000]], requires_grad=True)
    """
    check_placement("tensor()", device, None, pin_memory)
    if dtype is not None:
        dt = _dtypes.to_numpy(dtype)  # straight to the asked dtype: no float32 rounding first
    elif isinstance(data, np.ndarray):
        dt = data.dtype
    else:
        dt = _infer_dtype(data)
    values = np.array(_values(data), dtype=dt, copy=True)
    if dtype is None and values.dtype not in _dtypes._BY_NP:
        values = values.astype(_dtypes.to_numpy(values.dtype.type))
    return _finish(values, dtype, requires_grad)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """A tensor from ``data``, sharing memory with a NumPy array or tensor when the dtype allows.

    Examples
    --------
    >>> import numpy as np, funcgrad.torch as torch
    >>> a = np.array([1.0, 2.0])
    >>> t = torch.as_tensor(a); a[0] = 5.0; t
    tensor([5., 2.], dtype=torch.float64)
    """
    _dtypes.check_device(device, "as_tensor()")
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray):
        if dtype is None or _dtypes.to_numpy(dtype) == data.dtype:
            return from_numpy(data)
        return Tensor._from_node(leaf(data.astype(_dtypes.to_numpy(dtype)), False))
    if isinstance(data, Tracer):
        return Tensor._from_node(leaf(data, False))
    return tensor(data, dtype=dtype)


asarray = as_tensor


def from_numpy(ndarray: np.ndarray) -> Tensor:
    """A tensor sharing memory with a NumPy array.

    Examples
    --------
    >>> import numpy as np, funcgrad.torch as torch
    >>> torch.from_numpy(np.array([1.0, 2.0]))
    tensor([1., 2.], dtype=torch.float64)
    """
    if not isinstance(ndarray, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(ndarray).__name__})")
    if ndarray.dtype not in _dtypes._BY_NP:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{ndarray.dtype.name}. The only supported "
            "types are: float64, float32, float16, complex64, complex128, int64, int32, int16, "
            "int8, uint8, and bool."
        )
    return Tensor._from_node(leaf(ndarray, False))


def _size_keyword(name: str, kwargs: dict) -> Any:
    """``size=`` given as a keyword (``torch.zeros(size=(2, 3))``); any other name is refused."""
    for key in kwargs:
        if key != "size":
            raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
    return kwargs.get("size")


def _size(size, kw=None) -> tuple:
    if kw is not None:
        size = (kw,)
    if len(size) == 1 and isinstance(size[0], (tuple, list, Size)):
        size = tuple(size[0])
    out = tuple(int(s) for s in size)
    for s in out:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(out)}")
    return out


def _float_dtype(dtype) -> np.dtype:
    return _dtypes.default_float() if dtype is None else _dtypes.to_numpy(dtype)


def zeros(*size, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False,
          **kwargs) -> Tensor:
    """A tensor of zeros.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, 3)
    tensor([[0., 0., 0.],
            [0., 0., 0.]])
    """
    check_placement("zeros()", device, layout, pin_memory)
    shape = _size(size, _size_keyword("zeros", kwargs))
    return _finish(np.zeros(shape, _float_dtype(dtype)), None, requires_grad)


def ones(*size, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False,
         **kwargs) -> Tensor:
    """A tensor of ones.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.ones(1, requires_grad=True)
    tensor([1.], requires_grad=True)
    """
    check_placement("ones()", device, layout, pin_memory)
    shape = _size(size, _size_keyword("ones", kwargs))
    return _finish(np.ones(shape, _float_dtype(dtype)), None, requires_grad)


def empty(*size, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False,
          memory_format=None, **kwargs) -> Tensor:
    """An uninitialized tensor (funcgrad fills it with zeros).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.empty([3, 1]).shape
    torch.Size([3, 1])
    """
    check_placement("empty()", device, layout, pin_memory)
    shape = _size(size, _size_keyword("empty", kwargs))
    return _finish(np.zeros(shape, _float_dtype(dtype)), None, requires_grad)


def full(size, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False,
         pin_memory=False) -> Tensor:
    """A tensor filled with ``fill_value`` (whose type picks the dtype).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.full((2,), 7), torch.full((2,), 7.0)
    (tensor([7, 7]), tensor([7., 7.]))
    """
    check_placement("full()", device, layout, pin_memory)
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    dt = _dtypes.scalar_dtype(fill_value) if dtype is None else _dtypes.to_numpy(dtype)
    return _finish(np.full(_size((size,)), fill_value, dt), None, requires_grad)


def _num(x):
    return x.item() if isinstance(x, Tensor) else x


def arange(start, end=None, step=1, *, dtype=None, layout=None, device=None,
           requires_grad=False, pin_memory=False) -> Tensor:
    """Values from ``start`` to ``end`` (exclusive) by ``step``; float arguments give float32.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.arange(4.0), torch.arange(4)
    (tensor([0., 1., 2., 3.]), tensor([0, 1, 2, 3]))
    """
    check_placement("arange()", device, layout, pin_memory)
    start, end, step = _num(start), _num(end), _num(step)
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    floating = builtins.any(isinstance(v, (float, np.floating)) for v in (start, end, step))
    if dtype is not None:
        dt = _dtypes.to_numpy(dtype)
    else:
        dt = _dtypes.default_float() if floating else np.dtype(np.int64)
    n = builtins.max(math.ceil((end - start) / step), 0)
    values = (
        (start + np.arange(n, dtype=np.float64) * step)
        if floating
        else (start + np.arange(n, dtype=np.int64) * step)
    )
    return _finish(values.astype(dt), None, requires_grad)


def linspace(start, end, steps, *, dtype=None, layout=None, device=None, requires_grad=False,
             pin_memory=False) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end`` inclusive.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    check_placement("linspace()", device, layout, pin_memory)
    start, end = _num(start), _num(end)
    dt = _float_dtype(dtype)
    steps = int(steps)
    if steps == 1:
        values = np.array([start], np.float64)
    else:
        # As PyTorch: the first half counts up from start, the second half down from end.
        step = (end - start) / (steps - 1)
        i = np.arange(steps, dtype=np.float64)
        half = steps // 2
        values = np.where(i < half, start + step * i, end - step * (steps - 1 - i))
    return _finish(values.astype(dt), None, requires_grad)


def logspace(start, end, steps, base=10.0, *, dtype=None, layout=None, device=None,
             requires_grad=False, pin_memory=False) -> Tensor:
    """``steps`` values from ``base ** start`` to ``base ** end``, evenly spaced in the exponent.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.logspace(0, 2, 3), torch.logspace(0, 3, 4, base=2)
    (tensor([  1.,  10., 100.]), tensor([1., 2., 4., 8.]))
    """
    check_placement("logspace()", device, layout, pin_memory)
    lin = linspace(start, end, steps, dtype=_dtypes._BY_NAME["float64"])._array()
    return _finish(np.power(base, lin).astype(_float_dtype(dtype)), None, requires_grad)


def eye(n, m=None, *, dtype=None, layout=None, device=None, requires_grad=False,
        pin_memory=False) -> Tensor:
    """The identity matrix.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.eye(2)
    tensor([[1., 0.],
            [0., 1.]])
    """
    check_placement("eye()", device, layout, pin_memory)
    return _finish(np.eye(n, m, dtype=_float_dtype(dtype)), None, requires_grad)


# ---------------------------------------------------------------------------
# Random numbers
# ---------------------------------------------------------------------------


class Generator:
    """A random number generator (NumPy's PCG64; the numbers differ from PyTorch's).

    Pass one as ``generator=`` to the random factories for a stream of its own;
    the global one is ``torch.default_generator``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> g = torch.Generator().manual_seed(42)
    >>> a = torch.rand(3, generator=g)
    >>> b = torch.rand(3, generator=g.manual_seed(42))
    >>> torch.equal(a, b), g.initial_seed()
    (True, 42)
    """

    def __init__(self, device: str = "cpu") -> None:
        self._seed = 67280421310721
        self._rng = np.random.default_rng(self._seed)

    def manual_seed(self, seed: int) -> Generator:
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        s = int(np.random.SeedSequence().entropy) % (2**63)
        self.manual_seed(s)
        return s


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed the global generator; returns it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> _ = torch.manual_seed(0); a = torch.rand(2)
    >>> _ = torch.manual_seed(0); bool((a == torch.rand(2)).all())
    True
    """
    return default_generator.manual_seed(seed)


def seed() -> int:
    """Seed the global generator from the operating system's entropy; returns the seed.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> s = torch.seed()
    >>> s == torch.initial_seed()
    True
    """
    return default_generator.seed()


def initial_seed() -> int:
    """The seed the global generator was last seeded with.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> _ = torch.manual_seed(3)
    >>> torch.initial_seed()
    3
    """
    return default_generator.initial_seed()


def _rng(generator):
    return (generator or default_generator)._rng


def rand(*size, generator=None, dtype=None, layout=None, device=None, requires_grad=False,
         pin_memory=False, **kwargs) -> Tensor:
    """Uniform random numbers in ``[0, 1)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.rand(2, 3).shape
    torch.Size([2, 3])
    """
    check_placement("rand()", device, layout, pin_memory)
    values = _rng(generator).random(_size(size, _size_keyword("rand", kwargs)))
    return _finish(values.astype(_float_dtype(dtype)), None, requires_grad)


def randn(*size, generator=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False, **kwargs) -> Tensor:
    """Standard normal random numbers.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.randn(5, 5).dtype
    torch.float32
    """
    check_placement("randn()", device, layout, pin_memory)
    values = _rng(generator).standard_normal(_size(size, _size_keyword("randn", kwargs)))
    return _finish(values.astype(_float_dtype(dtype)), None, requires_grad)


def randint(
    low, high=None, size=None, *, generator=None, dtype=None, layout=None, device=None,
    requires_grad=False, pin_memory=False
) -> Tensor:
    """Random integers in ``[low, high)`` (``low`` defaults to 0), as ``int64``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.randint(10, (2, 3))
    >>> x.shape, x.dtype, bool(((0 <= x) & (x < 10)).all())
    (torch.Size([2, 3]), torch.int64, True)
    >>> torch.randint(3, 5, (4,)).tolist() in ([a, b, c, d] for a in (3, 4) for b in (3, 4)
    ...                                        for c in (3, 4) for d in (3, 4))
    True
    """
    check_placement("randint()", device, layout, pin_memory)
    if size is None and isinstance(high, (tuple, list)):
        low, high, size = 0, low, high  # randint(high, size), PyTorch's other overload
    if high is None:
        low, high = 0, low
    dt = np.dtype(np.int64) if dtype is None else _dtypes.to_numpy(dtype)
    values = _rng(generator).integers(low, high, _size((size,)))
    return _finish(values.astype(dt), None, requires_grad)


def randperm(n, *, generator=None, dtype=None, layout=None, device=None, requires_grad=False,
             pin_memory=False) -> Tensor:
    """A random permutation of ``0, ..., n - 1`` (``int64``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> p = torch.randperm(5)
    >>> sorted(p.tolist()), p.dtype
    ([0, 1, 2, 3, 4], torch.int64)
    """
    check_placement("randperm()", device, layout, pin_memory)
    dt = np.dtype(np.int64) if dtype is None else _dtypes.to_numpy(dtype)
    return _finish(_rng(generator).permutation(n).astype(dt), None, requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False):
    """Normal random numbers with ``mean`` and ``std`` (numbers or tensors that broadcast).

    With numbers for both, ``size`` gives the shape.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.normal(torch.zeros(3), 1.0).shape, torch.normal(2.0, 0.5, size=(2, 2)).shape
    (torch.Size([3]), torch.Size([2, 2]))
    >>> torch.normal(torch.tensor([10.0, -10.0]), 0.0)
    tensor([ 10., -10.])
    """
    m = mean._array() if isinstance(mean, Tensor) else mean
    s = std._array() if isinstance(std, Tensor) else std
    shape = _size((size,)) if size is not None else np.broadcast(np.asarray(m), np.asarray(s)).shape
    values = _rng(generator).normal(m, s, shape)
    return _finish(values.astype(_float_dtype(dtype)), None, requires_grad)


# ---------------------------------------------------------------------------
# *_like
# ---------------------------------------------------------------------------


def _like(fn, call: str, out: str, random: bool = False):
    name = fn.__name__ + "_like"

    def like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
             memory_format=None, pin_memory=False, **kw):
        check_placement(f"{name}()", device, layout, pin_memory)
        for key in kw:
            if not (random and key == "generator"):
                raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
        dt = input.dtype if dtype is None else dtype
        return fn(*input.shape, dtype=dt, requires_grad=requires_grad, **kw)

    like.__name__ = like.__qualname__ = name
    like.__doc__ = f"""Like :func:`{fn.__name__}`, with ``input``'s shape and dtype (or ``dtype``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([[1, 2, 3], [4, 5, 6]])
    >>> {call}
    {out}
    """
    return like


zeros_like = _like(
    zeros, "torch.zeros_like(x)", "tensor([[0, 0, 0],\n            [0, 0, 0]])"
)
ones_like = _like(
    ones,
    "torch.ones_like(x, dtype=torch.float32)",
    "tensor([[1., 1., 1.],\n            [1., 1., 1.]])",
)
empty_like = _like(empty, "torch.empty_like(x).shape", "torch.Size([2, 3])")
rand_like = _like(
    rand, "torch.rand_like(x, dtype=torch.float64).dtype", "torch.float64", random=True
)
randn_like = _like(
    randn, "torch.randn_like(torch.zeros(4, 2)).shape", "torch.Size([4, 2])", random=True
)


def full_like(input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None, pin_memory=False) -> Tensor:
    """Like :func:`full`, with ``input``'s shape and dtype (or ``dtype``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.full_like(torch.zeros(2, dtype=torch.int32), 7)
    tensor([7, 7], dtype=torch.int32)
    """
    check_placement("full_like()", device, layout, pin_memory)
    return full(
        tuple(input.shape),
        fill_value,
        dtype=input.dtype if dtype is None else dtype,
        requires_grad=requires_grad,
    )


# ---------------------------------------------------------------------------
# The legacy constructor
# ---------------------------------------------------------------------------


def _legacy_constructor(*args, device=None) -> Tensor:
    """``torch.Tensor(data)`` / ``torch.Tensor(2, 3)``: always the default float dtype."""
    _dtypes.check_device(device, "Tensor()")
    if (
        len(args) == 1
        and isinstance(args[0], (list, tuple, np.ndarray))
        and not (
            args[0]
            and builtins.all(isinstance(a, int) for a in args[0])
            and isinstance(args[0], Size)
        )
    ):
        return tensor(np.asarray(_values(args[0])), dtype=_dtypes.get_default_dtype())
    if builtins.all(isinstance(a, int) for a in args):
        return zeros(*args)
    raise TypeError(f"Tensor(): invalid arguments {args!r}")
