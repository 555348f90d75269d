"""PyTorch-exact text for tensors: the body of ``repr(tensor)`` / ``str(tensor)``.

The torch face promises that a tensor prints exactly as PyTorch prints it, so
this module reproduces PyTorch's rules (``torch/_tensor_str.py``) on plain
NumPy arrays. It knows nothing about ``Tensor``: the caller hands over the
values, the torch dtype name and the autograd suffixes (``requires_grad=True``,
``grad_fn=<MulBackward0>``); everything else (column widths, fixed or
scientific notation, wrapping, summarization, ``size=`` and ``dtype=``) is
decided here.

The rules, in the order PyTorch applies them:

* One formatter per tensor (two for complex: real and imaginary parts), built
  from the values actually shown. For floats it looks at the nonzero finite
  values only: if they are all whole numbers it prints ``1.`` style
  ("int mode"); it switches to scientific notation when
  ``max / min > 1000``, ``max > 1e8`` or ``min < 1e-4`` (of absolute values).
  Every element is right-aligned to the widest nonzero finite one.
* Rows wrap so that ``elements * (width + 2)`` fits in ``linewidth`` minus the
  indentation; nested dimensions indent one column per level and are
  separated by ``ndim - 1`` newlines.
* Above ``threshold`` elements only ``edgeitems`` items are shown at each end
  of every dimension, with ``...`` between.
* ``dtype=`` appears unless the dtype is the default float dtype, its complex
  partner, ``int64`` or ``bool``; empty tensors show every non-default dtype
  and their ``size=`` unless they are 1-d.
* Suffixes go after the data, each moved to a new line when it would pass
  ``linewidth``.

PyTorch's own quirks are kept on purpose (see the comments marked *quirk*):
matching PyTorch byte for byte is the point of this module.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

__all__ = [
    "PrintOptions",
    "PRINT_OPTS",
    "set_printoptions",
    "get_printoptions",
    "printoptions",
    "format_tensor",
]

# ---------------------------------------------------------------- options ---


@dataclasses.dataclass
class PrintOptions:
    """The knobs of ``torch.set_printoptions``, with PyTorch's defaults."""

    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


PRINT_OPTS = PrintOptions()

_PROFILES = {
    "default": dict(precision=4, threshold=1000, edgeitems=3, linewidth=80),
    "short": dict(precision=2, threshold=1000, edgeitems=2, linewidth=80),
    "full": dict(precision=4, threshold=math.inf, edgeitems=3, linewidth=80),
}


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """Change how tensors print, as ``torch.set_printoptions`` does.

    A ``profile`` (``"default"``, ``"short"`` or ``"full"``) is applied first,
    then any explicit option. As in PyTorch, ``sci_mode`` is always set:
    leaving it out puts it back to ``None`` (choose automatically).

    Examples
    --------
    >>> set_printoptions(precision=2)
    >>> print(format_tensor(np.array([1.12345], dtype=np.float32)))
    tensor([1.12])
    >>> set_printoptions(profile="default")
    """
    if profile is not None:
        if profile not in _PROFILES:
            raise ValueError(
                f"set_printoptions: unknown profile {profile!r}; "
                f"expected one of {sorted(_PROFILES)}"
            )
        for key, value in _PROFILES[profile].items():
            setattr(PRINT_OPTS, key, value)
    for key, value in dict(
        precision=precision, threshold=threshold, edgeitems=edgeitems, linewidth=linewidth
    ).items():
        if value is not None:
            setattr(PRINT_OPTS, key, value)
    PRINT_OPTS.sci_mode = sci_mode  # quirk: PyTorch resets it when not given


def get_printoptions() -> dict[str, Any]:
    """The current options, as keyword arguments for :func:`set_printoptions`.

    (PyTorch keeps them in ``torch._tensor_str.PRINT_OPTS``; funcgrad also
    has this function.)

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.get_printoptions()
    {'precision': 4, 'threshold': 1000, 'edgeitems': 3, 'linewidth': 80, 'sci_mode': None}
    """
    return dataclasses.asdict(PRINT_OPTS)


@contextlib.contextmanager
def printoptions(**kwargs: Any) -> Iterator[None]:
    """Context manager: print with ``kwargs`` inside, restore the options after.

    (A funcgrad addition: PyTorch has only :func:`set_printoptions`.)

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> with torch.printoptions(precision=2):
    ...     print(torch.tensor([1.23456]))
    tensor([1.23])
    >>> torch.tensor([1.23456])
    tensor([1.2346])
    """
    saved = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**saved)


# ----------------------------------------------------------------- dtypes ---

_FLOAT = frozenset({"float16", "bfloat16", "float32", "float64"})
_COMPLEX = frozenset({"complex32", "complex64", "complex128"})
_INT = frozenset({"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"})
_KNOWN = _FLOAT | _COMPLEX | _INT | {"bool"}
# NumPy kind letters each torch dtype family may arrive as.
_NUMPY_KINDS = {"f": "fiu", "c": "fciu", "i": "iu", "b": "b"}


def _family(dtype_name: str) -> str:
    if dtype_name in _FLOAT:
        return "f"
    if dtype_name in _COMPLEX:
        return "c"
    return "b" if dtype_name == "bool" else "i"


# -------------------------------------------------------------- formatter ---


class _Formatter:
    """Fixed-width text for every element of one real tensor (or one part of a
    complex tensor), chosen from the values that will be shown."""

    def __init__(self, shown: np.ndarray, floating: bool) -> None:
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.width = 1
        p = PRINT_OPTS.precision
        if not floating:
            # Integers and bools: plain str(), padded to the longest one.
            for v in np.unique(shown).tolist():
                self.width = max(self.width, len(str(v)))
            return
        vals = shown[np.isfinite(shown) & (shown != 0)]
        if vals.size == 0:
            return  # only zeros / inf / nan: keep int mode, width 1
        mags = np.abs(vals)
        lo, hi = float(mags.min()), float(mags.max())
        self.int_mode = bool(np.all(vals == np.ceil(vals)))
        if PRINT_OPTS.sci_mode is None:
            self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        else:
            self.sci_mode = bool(PRINT_OPTS.sci_mode)
        # Only distinct values can differ in width; this keeps "full" profile
        # prints of large tensors from formatting every element twice.
        for v in np.unique(vals).tolist():
            if self.sci_mode:
                n = len(f"{v:.{p}e}")
            elif self.int_mode:
                n = len(f"{v:.0f}") + 1  # room for the trailing "."
            else:
                n = len(f"{v:.{p}f}")
            self.width = max(self.width, n)

    def format(self, v: Any) -> str:
        p = PRINT_OPTS.precision
        if not self.floating:
            text = str(v)
        elif self.sci_mode:
            text = f"{v:{self.width}.{p}e}"
        elif self.int_mode:
            # The "." marks a float; inf and nan have no room for it.
            text = f"{v:.0f}" + ("." if math.isfinite(v) else "")
        else:
            text = f"{v:.{p}f}"
        # Zeros, -0. and non-finite values were not measured and may be wider
        # (quirk): they then push their column out rather than being cut.
        return text.rjust(self.width)


class _ElementFormat:
    """Formats one element, real or complex, and knows its nominal width."""

    def __init__(self, real: _Formatter, imag: _Formatter | None = None) -> None:
        self.real, self.imag = real, imag
        # ", " after every element; complex adds the imaginary part and "j".
        self.slot = real.width + 2 + (imag.width + 1 if imag is not None else 0)

    def __call__(self, v: Any) -> str:
        if self.imag is None:
            return self.real.format(v)
        re_text = self.real.format(v.real)
        im_text = (self.imag.format(v.imag) + "j").lstrip()
        # A sign (including that of -0.) joins the parts; otherwise add "+".
        return re_text + (im_text if im_text[0] in "+-" else "+" + im_text)


# ----------------------------------------------------------------- layout ---


def _edge_indices(n: int, edge: int) -> np.ndarray:
    return np.concatenate([np.arange(edge), np.arange(n - edge, n)])


def _shown_values(a: np.ndarray, summarize: bool, edge: int) -> np.ndarray:
    """The elements a summarized print displays (what the formatter measures)."""
    if not summarize or a.ndim == 0:
        return a
    if edge == 0:
        # Nothing but "..." is displayed. (PyTorch measures the whole of a 1-d
        # tensor here, which cannot change a lone "...".)
        return a.reshape(-1)[:0]
    for axis, n in enumerate(a.shape):
        if n > 2 * edge:
            a = np.take(a, _edge_indices(n, edge), axis=axis)
    return a


def _render(a: np.ndarray, indent: int, summarize: bool, fmt: _ElementFormat) -> str:
    """The bracketed body of ``a``; ``indent`` is the column of its ``[``.

    Recursion depth is ``a.ndim``, never the data size.
    """
    edge = PRINT_OPTS.edgeitems
    if a.ndim == 0:
        return fmt(a.item())
    n = a.shape[0]
    if a.ndim == 1:
        if summarize and not edge:
            items = ["..."]
        elif summarize and n > 2 * edge:
            # The " ..." placeholder takes an element's place in the wrapping.
            items = [fmt(v) for v in a[:edge].tolist()]
            items += [" ..."] + [fmt(v) for v in a[n - edge :].tolist()]
        else:
            items = [fmt(v) for v in a.tolist()]
        per_line = max(1, (PRINT_OPTS.linewidth - indent) // fmt.slot)
        lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
        return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"
    if summarize and n > 2 * edge:
        parts = [_render(a[i], indent + 1, summarize, fmt) for i in range(edge)]
        parts.append("...")
        parts += [_render(a[i], indent + 1, summarize, fmt) for i in range(n - edge, n)]
    else:
        parts = [_render(a[i], indent + 1, summarize, fmt) for i in range(n)]
    # One blank line between matrices, two between 4-d blocks, and so on.
    return "[" + ("," + "\n" * (a.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _append_suffixes(text: str, suffixes: Sequence[str], indent: int) -> str:
    out = [text]
    # quirk: PyTorch counts the first line as 2 characters longer than it is.
    used = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if used + len(suffix) + 2 > PRINT_OPTS.linewidth:
            out.append(",\n" + " " * indent + suffix)
            used = indent + len(suffix)
        else:
            out.append(", " + suffix)
            used += len(suffix) + 2
    out.append(")")
    return "".join(out)


# ------------------------------------------------------------------ entry ---


def format_tensor(
    values: np.ndarray,
    *,
    dtype_name: str | None = None,
    suffixes: Sequence[str] = (),
    default_dtype: str = "float32",
) -> str:
    """Return the exact text PyTorch prints for a tensor holding ``values``.

    Parameters
    ----------
    values : numpy.ndarray
        The tensor's values, any shape (0-d included). Floats, complex,
        integers or bools.
    dtype_name : str, optional
        The torch dtype, spelled as after ``torch.`` (``"float32"``,
        ``"bfloat16"``, ``"int64"``, ...). Defaults to ``values.dtype.name``;
        it is needed only when NumPy has no such dtype (pass bfloat16 values
        as a float32 array holding the rounded values).
    suffixes : sequence of str
        Autograd notes in PyTorch's order, e.g. ``("requires_grad=True",)``
        or ``("grad_fn=<MulBackward0>",)``. They follow the ``size=`` and
        ``dtype=`` notes this function adds itself.
    default_dtype : str
        ``torch.get_default_dtype()``, which decides which dtypes go unnamed.

    Returns
    -------
    str
        ``repr(tensor)``, which is also ``str(tensor)``, under the current
        :data:`PRINT_OPTS`.

    Examples
    --------
    >>> print(format_tensor(np.array([0.0, 4.0, 8.0, 12.0], dtype=np.float32)))
    tensor([ 0.,  4.,  8., 12.])
    >>> print(format_tensor(np.array([[1e-5, 1.0], [2.0, 3.0]])))
    tensor([[1.0000e-05, 1.0000e+00],
            [2.0000e+00, 3.0000e+00]], dtype=torch.float64)
    >>> print(format_tensor(np.float32(28.0), suffixes=["grad_fn=<MulBackward0>"]))
    tensor(28., grad_fn=<MulBackward0>)
    """
    a = np.asarray(values)
    name = a.dtype.name if dtype_name is None else dtype_name.removeprefix("torch.")
    if name not in _KNOWN:
        raise ValueError(
            f"format_tensor: unknown torch dtype {name!r}; "
            f"expected one of {sorted(_KNOWN)} (spelled without 'torch.')"
        )
    family = _family(name)
    if a.dtype.kind not in _NUMPY_KINDS[family]:
        raise ValueError(
            f"format_tensor: values of NumPy dtype {a.dtype} cannot be printed as "
            f"torch.{name}; convert them first (e.g. values.astype(...))"
        )
    opts = PRINT_OPTS
    prefix = "tensor("
    indent = len(prefix)
    notes: list[str] = []

    if a.size == 0:
        # Nothing to infer the dtype from, so any non-default one is named.
        if a.ndim != 1:
            notes.append(f"size={tuple(a.shape)}")
        if name != default_dtype:
            notes.append(f"dtype=torch.{name}")
        return _append_suffixes(prefix + "[]", [*notes, *suffixes], indent)

    if not opts.edgeitems:
        notes.append(f"size={tuple(a.shape)}")
    default_complex = "complex128" if default_dtype == "float64" else "complex64"
    if name not in (default_dtype, default_complex, "int64", "bool"):
        notes.append(f"dtype=torch.{name}")

    summarize = a.size > opts.threshold
    shown = _shown_values(a, summarize, opts.edgeitems)
    if family == "c":
        a = a.astype(np.complex128)
        fmt = _ElementFormat(
            _Formatter(shown.real.astype(np.float64), True),
            _Formatter(shown.imag.astype(np.float64), True),
        )
    elif family == "f":
        # float64 holds every float16/bfloat16/float32 value exactly, and
        # PyTorch too formats Python floats (doubles).
        a = a.astype(np.float64)
        fmt = _ElementFormat(_Formatter(shown.astype(np.float64), True))
    else:
        fmt = _ElementFormat(_Formatter(shown, False))
    body = _render(a, indent, summarize, fmt)
    return _append_suffixes(prefix + body, [*notes, *suffixes], indent)
