"""``torch.testing``: :func:`assert_close` compares tensors (and numbers, and sequences
or mappings of them) with PyTorch's default tolerances for each dtype and its messages.

>>> import funcgrad.torch as torch
>>> torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7]))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from . import _dtypes
from .tensor import Tensor

__all__ = ["assert_close", "assert_allclose"]

# PyTorch's default (rtol, atol) per dtype; exact for integers and bool.
_TOLERANCES = {
    np.dtype(np.float16): (1e-3, 1e-5),
    np.dtype(np.float32): (1.3e-6, 1e-5),
    np.dtype(np.float64): (1e-7, 1e-7),
    np.dtype(np.complex64): (1.3e-6, 1e-5),
    np.dtype(np.complex128): (1e-7, 1e-7),
}


def _fail(msg: str | None, text: str, cls: type = AssertionError) -> None:
    raise cls(msg if msg is not None else text)


def _compare_leaf(actual: Any, expected: Any, rtol: float | None, atol: float | None,
                  equal_nan: bool, check_dtype: bool, msg: str | None, where: str) -> None:
    tensors = isinstance(actual, Tensor) or isinstance(expected, Tensor)
    if tensors and type(actual) is not type(expected):
        _fail(msg, f"Type mismatch{where}: {type(actual)} != {type(expected)}", TypeError)
    a = actual.detach().numpy() if isinstance(actual, Tensor) else np.asarray(actual)
    e = expected.detach().numpy() if isinstance(expected, Tensor) else np.asarray(expected)
    kind = "Tensor-likes" if tensors or a.ndim else "Scalars"
    if a.shape != e.shape:
        _fail(msg, f"The values for attribute 'shape' do not match{where}: "
                   f"{_shape(a, tensors)} != {_shape(e, tensors)}.")
    if check_dtype and a.dtype != e.dtype:
        _fail(msg, f"The values for attribute 'dtype' do not match{where}: "
                   f"{_dtype(a.dtype, tensors)} != {_dtype(e.dtype, tensors)}.")
    if (rtol is None) != (atol is None):
        raise ValueError("Both 'rtol' and 'atol' must be either specified or omitted, but got "
                         f"no {'rtol' if rtol is None else 'atol'}.")
    if rtol is None:
        rtol, atol = max((_TOLERANCES.get(d, (0.0, 0.0)) for d in (a.dtype, e.dtype)),
                         key=lambda t: t[0])
    assert rtol is not None and atol is not None
    common = np.promote_types(a.dtype, e.dtype)
    if common.kind in "biu":
        common = np.dtype(np.int64) if common.kind != "b" else common
    a64, e64 = a.astype(common), e.astype(common)
    close = np.isclose(a64, e64, rtol=rtol, atol=atol, equal_nan=equal_nan)
    if close.all():
        return
    bad = int((~close).sum())
    # The differences in the common dtype (float32 for float32), as PyTorch reports them.
    exact = common if common.kind in "fc" else np.dtype(np.float64)
    with np.errstate(all="ignore"):
        diff = np.abs(a64.astype(exact) - e64.astype(exact))
        diff = np.where(np.isnan(diff), np.inf, diff)
        rel = diff / np.abs(e64.astype(exact))
    rel = np.where(np.isnan(rel), np.inf, rel)
    lines = [f"{kind} are not close!", ""]
    if a.ndim:
        lines.append(f"Mismatched elements: {bad} / {a.size} ({bad / a.size:.1%})")
        i = np.unravel_index(int(np.argmax(diff)), a.shape)
        j = np.unravel_index(int(np.argmax(rel)), a.shape)
        lines.append(f"Greatest absolute difference: {float(diff[i])} at index "
                     f"{tuple(int(k) for k in i)} (up to {atol} allowed)")
        lines.append(f"Greatest relative difference: {float(rel[j])} at index "
                     f"{tuple(int(k) for k in j)} (up to {rtol} allowed)")
    else:
        lines.append(f"Expected {e.item()} but got {a.item()}.")
        lines.append(f"Absolute difference: {float(diff)} (up to {atol} allowed)")
        lines.append(f"Relative difference: {float(rel)} (up to {rtol} allowed)")
    if where:
        lines.append("")
        lines.append(f"The failure occurred for item {where.strip()[3:]}")
    _fail(msg, "\n".join(lines))


def _shape(a: np.ndarray, tensors: bool) -> str:
    return f"torch.Size({list(a.shape)})" if tensors else str(a.shape)


def _dtype(d: np.dtype, tensors: bool) -> str:
    return str(_dtypes.to_torch(d)) if tensors else d.name


def assert_close(actual: Any, expected: Any, *, allow_subclasses: bool = True,
                 rtol: float | None = None, atol: float | None = None,
                 equal_nan: bool = False, check_device: bool = True, check_dtype: bool = True,
                 check_layout: bool = True, check_stride: bool = False,
                 msg: str | None = None) -> None:
    """Raise ``AssertionError`` unless ``actual`` and ``expected`` are close:
    ``|actual - expected| <= atol + rtol * |expected|`` elementwise, with equal shapes
    (and dtypes, unless ``check_dtype=False``); sequences and mappings item by item.

    Without ``rtol``/``atol``, PyTorch's defaults for the dtype: float32 ``1.3e-6`` and
    ``1e-5``, float64 ``1e-7`` and ``1e-7``, float16 ``1e-3`` and ``1e-5``, exact
    for integers.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> try:
    ...     torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1]))
    ... except AssertionError as e:
    ...     print(e)
    Tensor-likes are not close!
    <BLANKLINE>
    Mismatched elements: 1 / 2 (50.0%)
    Greatest absolute difference: 0.09999990463256836 at index (1,) (up to 1e-05 allowed)
    Greatest relative difference: 0.04761900380253792 at index (1,) (up to 1.3e-06 allowed)
    """
    stack: list[tuple[Any, Any, str]] = [(actual, expected, "")]
    while stack:
        a, e, where = stack.pop()
        if isinstance(a, Mapping) and isinstance(e, Mapping):
            if set(a) != set(e):
                _fail(msg, f"The keys of the mappings do not match{where}: "
                           f"{sorted(map(str, a))} != {sorted(map(str, e))}")
            stack.extend((a[k], e[k], f"{where}[{k!r}]") for k in reversed(list(a)))
        elif (isinstance(a, Sequence) and isinstance(e, Sequence)
              and not isinstance(a, str) and not isinstance(e, str)):
            if len(a) != len(e):
                _fail(msg, f"The length of the sequences mismatch{where}: {len(a)} != {len(e)}")
            items = list(enumerate(zip(a, e)))
            stack.extend((x, y, f"{where}[{i}]") for i, (x, y) in reversed(items))
        else:
            _compare_leaf(a, e, rtol, atol, equal_nan, check_dtype, msg,
                          f" at {where}" if where else "")


def assert_allclose(actual: Any, expected: Any, rtol: float | None = None,
                    atol: float | None = None, equal_nan: bool = True,
                    msg: str = "") -> None:
    """The older spelling of :func:`assert_close` (dtypes may differ; NaNs compare equal).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.testing.assert_allclose(torch.tensor([1.0]), [1.0])
    """
    a = actual.detach().numpy() if isinstance(actual, Tensor) else np.asarray(actual)
    e = expected.detach().numpy() if isinstance(expected, Tensor) else np.asarray(expected)
    assert_close(a, e.astype(a.dtype), rtol=rtol, atol=atol, equal_nan=equal_nan,
                 check_dtype=False, msg=msg or None)
