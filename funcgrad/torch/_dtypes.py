"""PyTorch's dtype objects and its type-promotion rules, on NumPy dtypes.

A ``torch.dtype`` here wraps a NumPy dtype and prints as PyTorch's does
(``torch.float32``). The promotion rules are PyTorch's, which differ from
NumPy's in two ways this module takes care of:

* a Python float meeting an integer tensor gives the *default* float dtype
  (``float32``), not ``float64``;
* within one kind (bool < integer < floating < complex), tensors with
  dimensions decide the dtype before zero-dimensional tensors, which decide
  before Python scalars: ``ones(2) * tensor(2., dtype=float64)`` is float32.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np


class UnrepresentableDtype(TypeError):
    """PyTorch's answer is a dtype NumPy has no type for (``complex32``, ``bfloat16``)."""


class dtype:  # noqa: N801 - PyTorch's name
    """A PyTorch dtype: ``torch.float32``, ``torch.int64``, ...

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.float32, torch.tensor([1, 2]).dtype
    (torch.float32, torch.int64)
    """

    __slots__ = ("name", "np", "_legacy", "_kind")

    def __init__(self, name: str, np_dtype: Any, legacy: str, kind: str = "") -> None:
        self.name = name
        # None for a dtype PyTorch has and NumPy does not (bfloat16, complex32):
        # it can be named and compared, and using it for values raises (to_numpy).
        self.np: np.dtype = np.dtype(np_dtype) if np_dtype is not None else cast(np.dtype, None)
        self._legacy = legacy
        self._kind = kind or self.np.kind

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    __str__ = __repr__

    def __reduce__(self):
        return (_by_name, (self.name,))

    @property
    def dtype(self) -> np.dtype:
        """The NumPy dtype, under NumPy's protocol for dtype-like objects.

        So ``np.dtype(torch.float32)`` works, and funcgrad.numpy functions read
        the dtype of a tensor.

        Examples
        --------
        >>> import numpy as np, funcgrad.torch as torch
        >>> np.dtype(torch.float32)
        dtype('float32')
        """
        return to_numpy(self)

    @property
    def is_floating_point(self) -> bool:
        return self._kind == "f"

    @property
    def is_complex(self) -> bool:
        return self._kind == "c"

    @property
    def is_signed(self) -> bool:
        return self._kind in "fic"

    @property
    def itemsize(self) -> int:
        return self.np.itemsize if self.np is not None else 2


_TABLE = [
    # name, numpy dtype, legacy tensor type name, aliases
    ("float32", np.float32, "FloatTensor", ("float",)),
    ("float64", np.float64, "DoubleTensor", ("double",)),
    ("float16", np.float16, "HalfTensor", ("half",)),
    ("complex64", np.complex64, "ComplexFloatTensor", ("cfloat",)),
    ("complex128", np.complex128, "ComplexDoubleTensor", ("cdouble",)),
    ("int64", np.int64, "LongTensor", ("long",)),
    ("int32", np.int32, "IntTensor", ("int",)),
    ("int16", np.int16, "ShortTensor", ("short",)),
    ("int8", np.int8, "CharTensor", ()),
    ("uint8", np.uint8, "ByteTensor", ()),
    ("bool", np.bool_, "BoolTensor", ()),
]

_BY_NAME: dict[str, dtype] = {}
_BY_NP: dict[np.dtype, dtype] = {}
ALIASES: dict[str, dtype] = {}
for _name, _np, _legacy, _aliases in _TABLE:
    _d = dtype(_name, _np, _legacy)
    _BY_NAME[_name] = _d
    _BY_NP[np.dtype(_np)] = _d
    ALIASES[_name] = _d
    for _a in _aliases:
        ALIASES[_a] = _d

# PyTorch's dtypes that NumPy has no type for: named, never held by a tensor.
UNREPRESENTABLE = {
    "bfloat16": ("BFloat16Tensor", "f", "torch.float32 (or torch.float16)"),
    "complex32": ("ComplexHalfTensor", "c", "torch.complex64"),
}
for _name, (_legacy, _kind, _instead) in UNREPRESENTABLE.items():
    _BY_NAME[_name] = ALIASES[_name] = dtype(_name, None, _legacy, _kind)
ALIASES["chalf"] = _BY_NAME["complex32"]


def _by_name(name: str) -> dtype:
    return _BY_NAME[name]


_default = {"float": _BY_NAME["float32"]}


def get_default_dtype() -> dtype:
    """The dtype of tensors made from Python floats (``torch.float32`` unless changed).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.get_default_dtype()
    torch.float32
    """
    return _default["float"]


def set_default_dtype(d: dtype) -> None:
    """Set the dtype of tensors made from Python floats: ``torch.float32`` or ``torch.float64``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.set_default_dtype(torch.float64); torch.tensor(1.0).dtype
    torch.float64
    >>> torch.set_default_dtype(torch.float32)
    """
    d = to_torch(d)
    if d.np.kind != "f":
        raise TypeError("only floating-point types are supported as the default type")
    _default["float"] = d


def default_float() -> np.dtype:
    return _default["float"].np


def default_complex() -> np.dtype:
    return np.dtype(np.complex128 if default_float() == np.float64 else np.complex64)


def to_torch(d: Any) -> dtype:
    """A torch dtype from a torch dtype, a NumPy dtype or a Python type."""
    if isinstance(d, dtype):
        return d
    if isinstance(d, np.dtype):
        found = _BY_NP.get(d)
        if found is not None:
            return found
    if d is float:
        return _default["float"]
    if d is int:
        return _BY_NAME["int64"]
    if d is bool:
        return _BY_NAME["bool"]
    if d is complex:
        return _BY_NP[default_complex()]
    try:
        return _BY_NP[np.dtype(d)]
    except (KeyError, TypeError):
        raise TypeError(f"funcgrad.torch has no dtype for {d!r}") from None


def to_numpy(d: Any) -> np.dtype:
    """The NumPy dtype behind a torch dtype (or anything :func:`to_torch` accepts)."""
    out: np.dtype | None = to_torch(d).np
    if out is None:
        name = to_torch(d).name
        raise UnrepresentableDtype(
            f"funcgrad.torch cannot hold {name} values: NumPy has no {name} dtype. Use "
            f"{UNREPRESENTABLE[name][2]} instead"
        )
    return out


# ---------------------------------------------------------------------------
# Promotion
# ---------------------------------------------------------------------------


def _kind_rank(d: np.dtype) -> int:
    return {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}[d.kind]


def scalar_dtype(value: Any) -> np.dtype:
    """The dtype PyTorch gives a Python scalar on its own (``tensor(1.5)`` is float32)."""
    if isinstance(value, (bool, np.bool_)):
        return np.dtype(np.bool_)
    if isinstance(value, (int, np.integer)):
        return np.dtype(np.int64)
    if isinstance(value, (float, np.floating)):
        return default_float()
    if isinstance(value, (complex, np.complexfloating)):
        return default_complex()
    raise TypeError(f"not a number: {value!r}")


_COMPLEX_OF: dict[np.dtype, np.dtype] = {
    np.dtype(np.float32): np.dtype(np.complex64),
    np.dtype(np.float64): np.dtype(np.complex128),
}


def _complex_of(d: np.dtype) -> np.dtype:
    out = _COMPLEX_OF.get(d)
    if out is None:  # float16: PyTorch gives complex32 (ComplexHalf)
        raise UnrepresentableDtype(
            "PyTorch's type promotion gives complex32 (ComplexHalf) here, which funcgrad.torch "
            "cannot represent (NumPy has no such dtype): convert the float16 tensor to "
            "torch.float32 (.float()) before combining it with a complex number"
        )
    return out


def _combine(higher: np.dtype | None, lower: np.dtype | None) -> np.dtype | None:
    """PyTorch's ``combine_categories``: a higher-priority group's dtype against a lower one's.

    Within its category the higher group decides; a lower group of a higher
    category takes over (a complex one keeping a higher floating precision).
    """
    if higher is None:
        return lower
    if lower is None or higher.kind == "c":
        return higher
    if lower.kind == "c":
        return _complex_of(higher) if higher.kind == "f" else lower
    if higher.kind == "f":
        return higher
    if higher.kind == "b" or lower.kind == "f":
        return _promote_pair(higher, lower)
    return higher


def _promote_pair(a: np.dtype | None, b: np.dtype) -> np.dtype:
    """PyTorch's ``promote_types``: NumPy's, except that an integer never widens a float.

    (NumPy makes int64 with float32 float64; PyTorch keeps float32.)
    """
    if a is None or a == b:
        return b
    ka, kb = _kind_rank(a), _kind_rank(b)
    if ka >= 2 and kb <= 1:
        return a
    if kb >= 2 and ka <= 1:
        return b
    return np.promote_types(a, b)


def result_type(*operands: Any) -> np.dtype:
    """The dtype of an operation on ``operands`` by PyTorch's rules.

    Each operand is a ``(ndim, numpy dtype)`` pair for a tensor, or a Python
    number. As PyTorch, the operands fall in three groups: tensors with
    dimensions, zero-dimensional tensors, Python numbers (which count as the
    default dtype of their kind). Each group promotes within itself; a group
    then decides over the next only within its own category (bool < integer <
    floating < complex).

    Examples
    --------
    >>> import numpy as np
    >>> result_type((1, np.dtype("int64")), 2.5)
    dtype('float32')
    >>> result_type((1, np.dtype("float32")), (0, np.dtype("float64")))
    dtype('float32')
    >>> result_type((1, np.dtype("complex64")), (1, np.dtype("float64")))
    dtype('complex128')
    """
    groups: list[np.dtype | None] = [None, None, None]
    for op in operands:
        if isinstance(op, tuple):
            ndim, d = op
            i = 0 if ndim > 0 else 1
            d = np.dtype(d)
        else:
            i = 2
            d = scalar_dtype(op)
        groups[i] = _promote_pair(groups[i], d)
    if all(g is None for g in groups):
        raise TypeError("result_type needs at least one operand")
    out = _combine(groups[0], _combine(groups[1], groups[2]))
    assert out is not None
    return out


def promote_types(a: dtype, b: dtype) -> dtype:
    """PyTorch's ``torch.promote_types``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.promote_types(torch.int64, torch.float32)
    torch.float32
    """
    return to_torch(_promote_pair(to_numpy(a), to_numpy(b)))


# The operations of the face ask for the same few promotions again and again:
# each answer is kept, keyed by what decides it (see :func:`promote`).
_promotions: dict[tuple, np.dtype] = {}


def promote(key: tuple) -> np.dtype:
    """:func:`result_type` from a hashable description of the operands, cached.

    Each entry of ``key`` is ``(has_dims, numpy dtype)`` for a tensor, or the
    Python (or NumPy scalar) type of a number. The cache is keyed by the
    default dtype too, which decides Python floats.

    Examples
    --------
    >>> import numpy as np
    >>> promote(((True, np.dtype("int64")), float))
    dtype('float32')
    """
    k = (key, _default["float"])
    out = _promotions.get(k)
    if out is None:
        ops = [(int(op[0]), op[1]) if type(op) is tuple else op() for op in key]
        out = _promotions[k] = result_type(*ops)
    return out


# ---------------------------------------------------------------------------
# Devices: funcgrad runs on the CPU
# ---------------------------------------------------------------------------


class device:  # noqa: N801 - PyTorch's name
    """A device, as ``torch.device("cpu")``: funcgrad has only the CPU.

    Factories and ``Tensor.to`` accept a device and ignore it.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.device("cpu"), torch.ones(1).device.type
    (device(type='cpu'), 'cpu')
    """

    def __init__(self, type: str = "cpu", index: int | None = None) -> None:  # noqa: A002
        if isinstance(type, device):
            type = type.type  # noqa: A001
        self.type = str(type).split(":")[0]
        self.index = index

    def __repr__(self) -> str:
        return f"device(type='{self.type}')"

    def __str__(self) -> str:
        return self.type

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def check_device(device: Any, where: str) -> None:
    """Refuse a device other than the CPU (None and ``"cpu"`` pass), naming the fix.

    Examples
    --------
    >>> check_device("cpu", "zeros()")
    >>> check_device("cuda", "zeros()")
    Traceback (most recent call last):
    ...
    RuntimeError: zeros(): device='cuda': funcgrad.torch runs on the CPU only; pass 'cpu' ...
    """
    if device is None:
        return
    name = device.type if isinstance(device, _device_type) else device
    if isinstance(name, str) and name.split(":")[0] == "cpu":
        return
    raise RuntimeError(
        f"{where}: device={device!r}: funcgrad.torch runs on the CPU only; pass 'cpu' or leave "
        f"device out (a script that picks 'cuda' when torch.cuda.is_available() picks 'cpu' "
        f"here)."
    )


_device_type = device


class layout:  # noqa: N801 - PyTorch's name
    """A tensor layout: funcgrad's tensors are dense NumPy arrays, ``torch.strided``.

    Factories accept ``layout=torch.strided`` (PyTorch's default) and refuse
    sparse layouts.

    Parameters
    ----------
    name : str
        PyTorch's name of the layout (``"strided"``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros(2, layout=torch.strided)
    tensor([0., 0.])
    >>> torch.strided
    torch.strided
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"torch.{self.name}"


strided = layout("strided")


class memory_format:  # noqa: N801 - PyTorch's name
    """A memory format: accepted where PyTorch takes one; NumPy arrays are row-major.

    Parameters
    ----------
    name : str
        PyTorch's name of the format (``"preserve_format"``, ``"channels_last"``, ...).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.zeros_like(torch.ones(2), memory_format=torch.preserve_format)
    tensor([0., 0.])
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"torch.{self.name}"


contiguous_format = memory_format("contiguous_format")
preserve_format = memory_format("preserve_format")
channels_last = memory_format("channels_last")
channels_last_3d = memory_format("channels_last_3d")


def check_placement(where: str, device: Any = None, layout: Any = None,
                    pin_memory: bool = False) -> None:
    """Check a factory's ``device``, ``layout`` and ``pin_memory``: the CPU, dense, unpinned.

    Examples
    --------
    >>> check_placement("ones()", "cpu", strided, False)
    >>> check_placement("ones()", pin_memory=True)
    Traceback (most recent call last):
    ...
    RuntimeError: pin_memory=True requires a CUDA or other accelerator backend; ...
    """
    check_device(device, where)
    if layout is not None and layout is not strided:
        raise RuntimeError(f"{where}: layout={layout!r}: funcgrad.torch has only dense tensors "
                           f"(torch.strided); leave layout out.")
    if pin_memory:
        raise RuntimeError("pin_memory=True requires a CUDA or other accelerator backend; no "
                           "pinned memory allocator is available on this system.")
