"""``jax.lax``'s convolutions, window reductions and ``dot_general``.

Names, signatures and results follow ``jax.lax``. Every layout (``NCHW``,
``NHWC``, ``HWIO``, ...) is moved to the primitive's NCHW / OIHW layout with
transposes (views in NumPy), so one primitive, :data:`~funcgrad.primitives.
convolution.conv_general_dilated_p`, with one set of rules, serves every
layout, and ``funcgrad.torch.nn``'s convolution layers bind it as well.
``reduce_window`` with ``lax.add``, ``lax.max`` or ``lax.min`` binds the
window-reduction primitives of :mod:`funcgrad.primitives.pooling` (sum pooling,
max pooling; average pooling is a sum divided by the window's size).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from .. import numpy as fnp
from ..primitives import pooling
from ..primitives.convolution import conv_general_dilated as _bind_conv
from ..primitives.util import dtype_of, shape_of
from ..primitives.windows import canonical_padding, dilated_length, padtype_to_pads

__all__ = [
    "ConvDimensionNumbers", "ConvGeneralDilatedDimensionNumbers", "conv", "conv_dimension_numbers",
    "conv_general_dilated", "conv_transpose", "conv_with_general_padding", "dot_general",
    "padtype_to_pads", "reduce_window",
]


class ConvDimensionNumbers(NamedTuple):
    """Where the batch, feature and spatial dimensions are, as ``jax.lax.ConvDimensionNumbers``.

    ``lhs_spec`` is ``(batch dimension, feature dimension, spatial dimensions...)`` of
    the input, ``rhs_spec`` ``(output feature dimension, input feature dimension,
    spatial dimensions...)`` of the kernel, ``out_spec`` like ``lhs_spec`` for the
    result. The spatial dimensions of the three are listed in the same order.

    Examples
    --------
    >>> ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1), out_spec=(0, 3, 1, 2))
    ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1), out_spec=(0, 3, 1, 2))
    """

    lhs_spec: tuple[int, ...]
    rhs_spec: tuple[int, ...]
    out_spec: tuple[int, ...]


#: What ``dimension_numbers`` may be: None (NCHW / OIHW), three layout strings, or
#: :class:`ConvDimensionNumbers`.
ConvGeneralDilatedDimensionNumbers = Any


def conv_dimension_numbers(lhs_shape: Sequence[int], rhs_shape: Sequence[int],
                           dimension_numbers) -> ConvDimensionNumbers:
    """:class:`ConvDimensionNumbers` from ``None``, a :class:`ConvDimensionNumbers`, or three
    layout strings such as ``('NHWC', 'HWIO', 'NHWC')``, as ``jax.lax.conv_dimension_numbers``.

    In the strings ``N`` is the batch, ``C`` the features of the input and result,
    ``O``/``I`` the kernel's output/input features; every other letter names a
    spatial dimension, matched between the three by letter and ordered as in the
    kernel's string.

    Examples
    --------
    >>> conv_dimension_numbers((1, 5, 5, 3), (2, 2, 3, 4), ('NHWC', 'HWIO', 'NHWC'))
    ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1), out_spec=(0, 3, 1, 2))
    >>> conv_dimension_numbers((1, 3, 5, 5), (4, 3, 2, 2), None)
    ConvDimensionNumbers(lhs_spec=(0, 1, 2, 3), rhs_spec=(0, 1, 2, 3), out_spec=(0, 1, 2, 3))
    """
    lhs_shape, rhs_shape = tuple(lhs_shape), tuple(rhs_shape)
    if len(lhs_shape) != len(rhs_shape):
        raise TypeError(f"convolution requires lhs and rhs ndim to be equal, got "
                        f"{len(lhs_shape)} and {len(rhs_shape)}.")
    n = len(lhs_shape)
    if dimension_numbers is None:
        spec = tuple(range(n))
        return ConvDimensionNumbers(spec, spec, spec)
    if isinstance(dimension_numbers, ConvDimensionNumbers):
        return dimension_numbers
    if len(dimension_numbers) != 3:
        raise TypeError(f"convolution dimension_numbers must be None, a ConvDimensionNumbers "
                        f"or three layout strings like ('NHWC', 'HWIO', 'NHWC'); got "
                        f"{dimension_numbers!r}")
    lhs_s, rhs_s, out_s = dimension_numbers
    if not all(isinstance(s, str) for s in dimension_numbers):
        specs = tuple(tuple(int(i) for i in s) for s in dimension_numbers)
        return ConvDimensionNumbers(*specs)
    for k, (s, of) in enumerate(((lhs_s, "lhs"), (rhs_s, "rhs"), (out_s, "lhs"))):
        if len(s) != n:
            raise TypeError(f"convolution dimension_numbers[{k}] must have len equal to the "
                            f"ndim of {of} ({n}), got {len(s)} for {s!r}.")
    spatial = set(rhs_s) - {"O", "I"}
    ok = ("N" in lhs_s and "C" in lhs_s and "N" in out_s and "C" in out_s and "O" in rhs_s
          and "I" in rhs_s and set(lhs_s) - {"N", "C"} == spatial == set(out_s) - {"N", "C"}
          and len(set(lhs_s)) == len(set(rhs_s)) == len(set(out_s)) == n)
    if not ok:
        raise TypeError(f"convolution dimension_numbers {dimension_numbers!r}: the input and "
                        f"output need 'N' and 'C', the kernel 'O' and 'I', and all three the "
                        f"same spatial letters, each once")

    def perm(s, first, second):
        rest = sorted((i for i, c in enumerate(s) if c not in (first, second)),
                      key=lambda i: rhs_s.index(s[i]))
        return (s.index(first), s.index(second)) + tuple(rest)

    return ConvDimensionNumbers(perm(lhs_s, "N", "C"), perm(rhs_s, "O", "I"),
                                perm(out_s, "N", "C"))


def _tuple(value, n: int, default: int, what: str) -> tuple[int, ...]:
    if value is None:
        return (default,) * n
    value = tuple(int(v) for v in value)
    if len(value) != n:
        raise ValueError(f"{what} must have one entry per spatial dimension ({n}); got {value}")
    return value


def conv_general_dilated(lhs, rhs, window_strides: Sequence[int], padding,
                         lhs_dilation: Sequence[int] | None = None,
                         rhs_dilation: Sequence[int] | None = None,
                         dimension_numbers: ConvGeneralDilatedDimensionNumbers = None,
                         feature_group_count: int = 1, batch_group_count: int = 1,
                         precision=None, preferred_element_type=None):
    """General n-dimensional convolution with dilations and groups, as
    ``jax.lax.conv_general_dilated``.

    Parameters
    ----------
    lhs, rhs : array
        The input (batch, features and spatial dimensions) and the kernel (output
        features, input features and spatial dimensions), laid out as
        ``dimension_numbers`` says.
    window_strides : sequence of int
        The stride per spatial dimension.
    padding : str or sequence of (int, int)
        ``'SAME'``, ``'SAME_LOWER'``, ``'VALID'``, or a ``(low, high)`` pair per
        spatial dimension (negative values crop).
    lhs_dilation, rhs_dilation : sequence of int, optional
        Dilation of the input (a transposed convolution) and of the kernel (atrous).
    dimension_numbers : None, three strings or ConvDimensionNumbers
        ``None`` is ``('NCHW', 'OIHW', 'NCHW')`` for any number of spatial dimensions.
    feature_group_count, batch_group_count : int
        Grouped (depthwise) convolution; batch groups as XLA defines them.
    precision : ignored
        Accepted for JAX's signature; NumPy computes at full precision.
    preferred_element_type : dtype, optional
        The result's dtype.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> w = np.ones((1, 1, 2, 2))
    >>> conv_general_dilated(x, w, (2, 2), 'VALID')
    array([[[[10., 18.],
             [42., 50.]]]])
    >>> fg.grad(lambda w: fnp.sum(conv_general_dilated(x, w, (1, 1), 'SAME')))(w)[0, 0]
    array([[120.,  96.],
           [114.,  90.]])
    """
    del precision
    lhs = lhs if hasattr(lhs, "shape") else fnp.asarray(lhs)
    rhs = rhs if hasattr(rhs, "shape") else fnp.asarray(rhs)
    dn = conv_dimension_numbers(shape_of(lhs), shape_of(rhs), dimension_numbers)
    nsp = len(shape_of(lhs)) - 2
    strides = _tuple(window_strides, nsp, 1, "window_strides")
    lhs_dilation = _tuple(lhs_dilation, nsp, 1, "lhs_dilation")
    rhs_dilation = _tuple(rhs_dilation, nsp, 1, "rhs_dilation")
    lhs_c = _to_layout(lhs, dn.lhs_spec)
    rhs_c = _to_layout(rhs, dn.rhs_spec)
    if isinstance(padding, str):
        if any(a != 1 for a in lhs_dilation):
            raise ValueError("String padding is not implemented for transposed convolution "
                             "using this op. Please either exactly specify the required "
                             "padding or use conv_transpose.")
        extent = [dilated_length(k, d) for k, d in zip(shape_of(rhs_c)[2:], rhs_dilation)]
        pads = padtype_to_pads(shape_of(lhs_c)[2:], extent, strides, padding)
    else:
        pads = canonical_padding(padding, nsp, "conv_general_dilated")
    out = _bind_conv(lhs_c, rhs_c, window_strides=strides, padding=pads,
                     lhs_dilation=lhs_dilation, rhs_dilation=rhs_dilation,
                     feature_group_count=feature_group_count,
                     batch_group_count=batch_group_count,
                     preferred_element_type=preferred_element_type)
    return _to_layout(out, tuple(int(i) for i in np.argsort(dn.out_spec)))


def _to_layout(x, perm):
    perm = tuple(perm)
    return x if perm == tuple(range(len(perm))) else fnp.transpose(x, perm)


def conv(lhs, rhs, window_strides: Sequence[int], padding: str, precision=None,
         preferred_element_type=None):
    """Convolution in the NCHW / OIHW layout with no dilation, as ``jax.lax.conv``.

    Examples
    --------
    >>> import numpy as np
    >>> conv(np.ones((1, 2, 3, 3)), np.ones((1, 2, 2, 2)), (1, 1), 'VALID')
    array([[[[8., 8.],
             [8., 8.]]]])
    """
    return conv_general_dilated(lhs, rhs, window_strides, padding, precision=precision,
                                preferred_element_type=preferred_element_type)


def conv_with_general_padding(lhs, rhs, window_strides: Sequence[int], padding,
                              lhs_dilation: Sequence[int] | None,
                              rhs_dilation: Sequence[int] | None, precision=None,
                              preferred_element_type=None):
    """Convolution in the NCHW / OIHW layout with padding and dilations, as
    ``jax.lax.conv_with_general_padding``.

    Examples
    --------
    >>> import numpy as np
    >>> conv_with_general_padding(np.ones((1, 1, 3)), np.ones((1, 1, 2)), (1,), [(1, 1)],
    ...                           (1,), (2,))
    array([[[1., 2., 1.]]])
    """
    return conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=lhs_dilation,
                                rhs_dilation=rhs_dilation, precision=precision,
                                preferred_element_type=preferred_element_type)


def _conv_transpose_padding(k: int, s: int, padding: str) -> tuple[int, int]:
    """The padding of the dilated input that gives a transposed convolution TensorFlow's
    output size (``n * s`` for 'SAME', ``n * s + max(k - s, 0)`` for 'VALID')."""
    if padding == "SAME":
        total = k + s - 2
        low = k - 1 if s > k - 1 else -(-total // 2)
    elif padding == "VALID":
        total = k + s - 2 + max(k - s, 0)
        low = k - 1
    else:
        raise ValueError(f"conv_transpose: padding must be 'SAME', 'VALID' or explicit pairs; "
                         f"got {padding!r}")
    return low, total - low


_TRANSPOSE_LAYOUTS = {2: ("NC", "IO", "NC"), 3: ("NHC", "HIO", "NHC"),
                      4: ("NHWC", "HWIO", "NHWC"), 5: ("NHWDC", "HWDIO", "NHWDC")}


def conv_transpose(lhs, rhs, strides: Sequence[int], padding, rhs_dilation=None,
                   dimension_numbers: ConvGeneralDilatedDimensionNumbers = None,
                   transpose_kernel: bool = False, precision=None,
                   preferred_element_type=None):
    """Transposed ("deconvolution") convolution, as ``jax.lax.conv_transpose``: the input is
    dilated by ``strides`` and convolved with stride 1. Layouts default to NHWC / HWIO.

    With ``transpose_kernel=True`` the kernel is flipped spatially and its feature
    axes swapped, which makes this the gradient of ``conv_general_dilated``.

    Examples
    --------
    >>> import numpy as np
    >>> conv_transpose(np.ones((1, 2, 1)), np.ones((2, 1, 1)), (2,), 'SAME')[..., 0]
    array([[1., 1., 1., 1.]])
    """
    ndim = len(shape_of(lhs))
    if dimension_numbers is None:
        if ndim not in _TRANSPOSE_LAYOUTS:
            raise ValueError(f"conv_transpose: no default dimension_numbers for {ndim}-d "
                             f"inputs; pass dimension_numbers")
        dimension_numbers = _TRANSPOSE_LAYOUTS[ndim]
    dn = conv_dimension_numbers(shape_of(lhs), shape_of(rhs), dimension_numbers)
    nsp = ndim - 2
    k_sizes = [shape_of(rhs)[i] for i in dn.rhs_spec[2:]]
    rhs_dilation = _tuple(rhs_dilation, nsp, 1, "rhs_dilation")
    strides = _tuple(strides, nsp, 1, "strides")
    if isinstance(padding, str):
        pads = tuple(_conv_transpose_padding(dilated_length(k, d), s, padding.upper())
                     for k, d, s in zip(k_sizes, rhs_dilation, strides))
    else:
        pads = padding
    if transpose_kernel:
        flip = [slice(None)] * ndim
        for i in dn.rhs_spec[2:]:
            flip[i] = slice(None, None, -1)
        rhs = fnp.swapaxes(rhs[tuple(flip)], dn.rhs_spec[0], dn.rhs_spec[1])
    return conv_general_dilated(lhs, rhs, (1,) * nsp, pads, strides, rhs_dilation, dn,
                                precision=precision,
                                preferred_element_type=preferred_element_type)


# ---------------------------------------------------------------------------
# reduce_window
# ---------------------------------------------------------------------------

_MONOIDS = {"add": "sum", "max": "max", "maximum": "max", "min": "min", "minimum": "min"}


def _monoid(computation: Callable) -> str | None:
    """'sum', 'max' or 'min' for lax.add/max/min (or NumPy's and funcgrad.numpy's
    add/maximum/minimum); None for any other computation."""
    name = getattr(computation, "__name__", None)
    module = getattr(computation, "__module__", None) or ""
    if isinstance(computation, np.ufunc) or module.split(".")[0] in ("funcgrad", "numpy"):
        return _MONOIDS.get(name)
    return None


def reduce_window(operand, init_value, computation: Callable,
                  window_dimensions: Sequence[int], window_strides: Sequence[int], padding,
                  base_dilation: Sequence[int] | None = None,
                  window_dilation: Sequence[int] | None = None):
    """Reduce every window of ``operand`` with ``computation``, as ``jax.lax.reduce_window``.

    ``computation`` is ``lax.add`` (sum pooling), ``lax.max`` (max pooling) or
    ``lax.min`` (or NumPy's ``add``/``maximum``/``minimum``). Each window's reduction
    starts at ``init_value`` and takes in the window's cells of ``operand`` (padding
    cells and the holes of ``base_dilation`` take no part), as XLA computes it:
    with the reduction's identity (``0.``, ``-inf``, ``inf``) it changes nothing.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> x = np.array([[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 1.0]])
    >>> reduce_window(x, -np.inf, fnp.maximum, (2, 2), (2, 2), 'VALID')
    array([[5., 8.]])
    >>> fg.grad(lambda x: fnp.sum(reduce_window(x, -np.inf, fnp.maximum, (2, 2), (2, 2),
    ...                                         'VALID')))(x)
    array([[0., 1., 0., 0.],
           [0., 0., 1., 0.]])
    """
    kind = _monoid(computation)
    if kind is None or isinstance(operand, (list, tuple)) and not hasattr(operand, "shape"):
        raise NotImplementedError(
            f"funcgrad.lax.reduce_window supports one operand reduced with lax.add, lax.max or "
            f"lax.min (sum, max and min pooling); got computation {computation!r}. Write "
            f"other window reductions with those, or with conv_general_dilated")
    operand = operand if hasattr(operand, "shape") else fnp.asarray(operand)
    shape = shape_of(operand)
    n = len(shape)
    window_dimensions = _tuple(window_dimensions, n, 1, "window_dimensions")
    window_strides = _tuple(window_strides, n, 1, "window_strides")
    base_dilation = _tuple(base_dilation, n, 1, "base_dilation")
    window_dilation = _tuple(window_dilation, n, 1, "window_dilation")
    if isinstance(padding, str):
        extent = [dilated_length(k, d) for k, d in zip(window_dimensions, window_dilation)]
        pads = padtype_to_pads(shape, extent, window_strides, padding)
    else:
        pads = canonical_padding(padding, n, "reduce_window")
    args = (window_dimensions, window_strides, pads, base_dilation, window_dilation)
    if kind == "sum":
        out = pooling.reduce_window_sum(operand, *args)
        if not _is_zero(init_value):
            out = out + init_value  # XLA starts each window at init_value, once
        return out
    reduce = pooling.reduce_window_max if kind == "max" else pooling.reduce_window_min
    out = reduce(operand, *args)
    identity = -np.inf if kind == "max" else np.inf
    if not _is_value(init_value, identity, dtype_of(operand), kind):
        out = (fnp.maximum if kind == "max" else fnp.minimum)(out, init_value)
    return out


def _is_zero(value) -> bool:
    return not hasattr(value, "_trace") and np.ndim(value) == 0 and bool(np.asarray(value) == 0)


def _is_value(value, identity, dtype, kind) -> bool:
    """Whether a concrete ``init_value`` is the identity of max/min (in an integer
    dtype, its smallest/largest value)."""
    if hasattr(value, "_trace") or np.ndim(value) != 0:
        return False
    v = np.asarray(value)
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return bool(v == (info.min if kind == "max" else info.max))
    return bool(v == identity)


# ---------------------------------------------------------------------------
# dot_general
# ---------------------------------------------------------------------------

def dot_general(lhs, rhs, dimension_numbers, precision=None, preferred_element_type=None,
                out_sharding=None):
    """General tensor contraction, as ``jax.lax.dot_general``.

    ``dimension_numbers`` is ``((lhs_contracting, rhs_contracting), (lhs_batch,
    rhs_batch))``. The result's axes are the batch axes, then ``lhs``'s free axes,
    then ``rhs``'s free axes, each in order. One ``matmul`` computes it (every rule
    is matmul's, transposes' and reshapes').

    Examples
    --------
    >>> import numpy as np
    >>> a, b = np.ones((3, 2, 4)), np.ones((3, 4, 5))
    >>> dot_general(a, b, (((2,), (1,)), ((0,), (0,)))).shape
    (3, 2, 5)
    >>> dot_general(np.arange(3.0), np.arange(3.0), (((0,), (0,)), ((), ())))
    array(5.)
    """
    del precision, out_sharding
    lhs = lhs if hasattr(lhs, "shape") else fnp.asarray(lhs)
    rhs = rhs if hasattr(rhs, "shape") else fnp.asarray(rhs)
    try:
        (lc, rc), (lb, rb) = dimension_numbers
        lc, rc, lb, rb = (tuple(int(i) for i in d) for d in (lc, rc, lb, rb))
    except (TypeError, ValueError):
        raise TypeError(f"dot_general: dimension_numbers must be ((lhs_contracting, "
                        f"rhs_contracting), (lhs_batch, rhs_batch)); got "
                        f"{dimension_numbers!r}") from None
    ls, rs = shape_of(lhs), shape_of(rhs)
    lc, lb = tuple(i % len(ls) for i in lc), tuple(i % len(ls) for i in lb)
    rc, rb = tuple(i % len(rs) for i in rc), tuple(i % len(rs) for i in rb)
    if len(lc) != len(rc) or len(lb) != len(rb):
        raise TypeError(f"dot_general requires equal numbers of lhs and rhs contracting and "
                        f"batch dimensions; got {dimension_numbers!r}")
    for kind, a, b in (("contracting", lc, rc), ("batch", lb, rb)):
        if tuple(ls[i] for i in a) != tuple(rs[i] for i in b):
            raise TypeError(f"dot_general requires {kind} dimensions to have the same shape, "
                            f"got {tuple(ls[i] for i in a)} and {tuple(rs[i] for i in b)}.")
    lf = tuple(i for i in range(len(ls)) if i not in lc and i not in lb)
    rf = tuple(i for i in range(len(rs)) if i not in rc and i not in rb)
    batch = tuple(ls[i] for i in lb)
    k = int(np.prod([ls[i] for i in lc], dtype=np.int64))
    m_shape, n_shape = tuple(ls[i] for i in lf), tuple(rs[i] for i in rf)
    m, n = int(np.prod(m_shape, dtype=np.int64)), int(np.prod(n_shape, dtype=np.int64))
    b = int(np.prod(batch, dtype=np.int64))
    a2 = fnp.reshape(_to_layout(lhs, lb + lf + lc), (b, m, k) if lb else (m, k))
    b2 = fnp.reshape(_to_layout(rhs, rb + rc + rf), (b, k, n) if rb else (k, n))
    out = fnp.reshape(fnp.matmul(a2, b2), batch + m_shape + n_shape)
    if preferred_element_type is not None:
        out = fnp.astype(out, np.dtype(preferred_element_type))
    return out
