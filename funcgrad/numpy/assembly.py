"""Joining, splitting, tiling and padding arrays: composites of concatenate, getitem,
broadcast_to and reshape, so their derivatives come from those primitives' rules.
"""

from __future__ import annotations

import numpy as np

from ..core.trace import Tracer, full_lower
from ..primitives.indexing import asarray, concatenate, getitem
from ..primitives.shape import broadcast_to, ravel, reshape
from ..primitives.util import canonical_axis, dtype_of, shape_of
from .indexing import take
from .shape import atleast_1d, atleast_2d, atleast_3d


def _as_list(arrays):
    if isinstance(arrays, (Tracer, np.ndarray)):
        return [arrays[i] for i in range(shape_of(arrays)[0])]
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    return arrays


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------

def hstack(tup, *, dtype=None, casting="same_kind"):
    """Join arrays column-wise (along axis 1, or 0 for 1-d arrays), as :func:`numpy.hstack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.hstack([fnp.ones(2), fnp.zeros(1)])
    array([1., 1., 0.])
    """
    arrs = [atleast_1d(a) for a in _as_list(tup)]
    axis = 0 if len(shape_of(arrs[0])) == 1 else 1
    return concatenate(arrs, axis=axis, dtype=dtype)


def vstack(tup, *, dtype=None, casting="same_kind"):
    """Join arrays row-wise (1-d arrays become rows), as :func:`numpy.vstack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.vstack([fnp.ones(2), fnp.zeros(2)]).shape
    (2, 2)
    """
    return concatenate([atleast_2d(a) for a in _as_list(tup)], axis=0, dtype=dtype)


def dstack(tup):
    """Join arrays along the third axis, as :func:`numpy.dstack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.dstack([fnp.ones(2), fnp.zeros(2)]).shape
    (1, 2, 2)
    """
    return concatenate([atleast_3d(a) for a in _as_list(tup)], axis=2)


def column_stack(tup):
    """Join 1-d arrays as columns (2-d arrays as they are), as :func:`numpy.column_stack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.column_stack([fnp.ones(2), fnp.zeros(2)]).shape
    (2, 2)
    """
    arrs = []
    for a in _as_list(tup):
        if len(shape_of(a)) < 2:
            a = reshape(atleast_1d(a), (-1, 1))
        arrs.append(a)
    return concatenate(arrs, axis=1)


def block(arrays):
    """Assemble an array from nested lists of blocks, as :func:`numpy.block`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.block([[fnp.ones((1, 1)), fnp.zeros((1, 2))], [fnp.zeros((2, 1)), fnp.ones((2, 2))]])
    array([[1., 0., 0.],
           [0., 1., 1.],
           [0., 1., 1.]])
    """
    depth, max_ndim = _block_depth(arrays)
    ndim = max(depth, max_ndim)

    def assemble(item, level):
        if isinstance(item, list):
            if not item:
                raise ValueError("Lists cannot be empty")
            parts = [assemble(i, level + 1) for i in item]
            return concatenate(parts, axis=-(depth - level))
        shape = shape_of(item)
        return reshape(item, (1,) * (ndim - len(shape)) + shape) if len(shape) < ndim else item

    out = assemble(arrays, 0)
    return out if isinstance(out, Tracer) else np.asarray(out)


def _block_depth(arrays):
    depths, ndims = set(), [0]
    stack = [(arrays, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, tuple):
            raise TypeError("arrays is a tuple. Only lists can be used to arrange blocks, "
                            "and np.block does not allow implicit conversion from tuple to "
                            "ndarray.")
        if isinstance(item, list):
            stack.extend((i, level + 1) for i in item)
            if not item:
                depths.add(level + 1)
        else:
            depths.add(level)
            ndims.append(len(shape_of(item)))
    if len(depths) != 1:
        raise ValueError("List depths are mismatched: every block must be nested equally deep")
    return depths.pop(), max(ndims)


def append(arr, values, axis=None):
    """``arr`` with ``values`` appended (flattened when ``axis`` is None), as :func:`numpy.append`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.append(fnp.asarray([1.0, 2.0]), [[3.0]])
    array([1., 2., 3.])
    """
    arr, values = asarray(arr), asarray(values)  # lists of traced values are stacked
    if axis is None:
        if len(shape_of(arr)) != 1:
            arr = ravel(arr)
        values = ravel(values)
        axis = len(shape_of(arr)) - 1
    return concatenate([arr, values], axis=axis)


def delete(arr, obj, axis=None):
    """``arr`` without the entries ``obj`` along ``axis``, as :func:`numpy.delete`.

    With ``axis=None`` the array is flattened first.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.delete(fnp.asarray([1.0, 2.0, 3.0]), 1)
    array([1., 3.])
    """
    if axis is None:
        arr = ravel(arr)
        axis = 0
    axis = canonical_axis(axis, len(shape_of(arr)))
    n = shape_of(arr)[axis]
    keep = np.ones(n, dtype=bool)
    obj = full_lower(obj) if isinstance(obj, Tracer) else obj
    keep[obj] = False
    return take(arr, np.nonzero(keep)[0], axis=axis)


# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------

def array_split(ary, indices_or_sections, axis=0):
    """Split into pieces along ``axis`` (sizes may differ by one), as :func:`numpy.array_split`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [p.shape for p in fnp.array_split(fnp.ones(5), 3)]
    [(2,), (2,), (1,)]
    """
    shape = shape_of(ary)
    axis = canonical_axis(axis, len(shape))
    n = shape[axis]
    if np.ndim(indices_or_sections) == 0:
        sections = int(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.")
        each, extra = divmod(n, sections)
        sizes = [each + 1] * extra + [each] * (sections - extra)
        bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    else:
        bounds = [0] + [int(i) for i in indices_or_sections] + [n]
    pieces = []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        index = (slice(None),) * axis + (slice(start, stop),)
        pieces.append(getitem(ary, index))
    return pieces


def split(ary, indices_or_sections, axis=0):
    """Split into equal pieces (or at given indices) along ``axis``, as :func:`numpy.split`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.split(x, 2)[1] ** 2)
    >>> fg.grad(f)(fnp.asarray([1.0, 2.0, 3.0, 4.0]))
    array([0., 0., 6., 8.])
    """
    if np.ndim(indices_or_sections) == 0:
        n = shape_of(ary)[canonical_axis(axis, len(shape_of(ary)))]
        if n % int(indices_or_sections):
            raise ValueError("array split does not result in an equal division")
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    """Split column-wise (axis 1; axis 0 for 1-d arrays), as :func:`numpy.hsplit`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [p.shape for p in fnp.hsplit(fnp.ones((2, 4)), 2)]
    [(2, 2), (2, 2)]
    """
    axis = 1 if len(shape_of(ary)) > 1 else 0
    return _split_needing(1, "hsplit", ary, indices_or_sections, axis)


def vsplit(ary, indices_or_sections):
    """Split row-wise (axis 0), as :func:`numpy.vsplit`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [p.shape for p in fnp.vsplit(fnp.ones((4, 2)), 2)]
    [(2, 2), (2, 2)]
    """
    return _split_needing(2, "vsplit", ary, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    """Split along the third axis, as :func:`numpy.dsplit`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [p.shape for p in fnp.dsplit(fnp.ones((1, 2, 4)), 2)]
    [(1, 2, 2), (1, 2, 2)]
    """
    return _split_needing(3, "dsplit", ary, indices_or_sections, 2)


def _split_needing(min_ndim: int, name: str, ary, indices_or_sections, axis):
    """:func:`split` along ``axis``, with NumPy's error below ``min_ndim`` dimensions."""
    if len(shape_of(ary)) < min_ndim:
        raise ValueError(f"{name} only works on arrays of {min_ndim} or more dimensions")
    return split(ary, indices_or_sections, axis)


# ---------------------------------------------------------------------------
# Tiling and repeating
# ---------------------------------------------------------------------------

def tile(A, reps):
    """Repeat the whole array ``reps`` times along each axis, as :func:`numpy.tile`.

    Built from ``broadcast_to`` and ``reshape``: the derivative sums the copies.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.tile(fnp.asarray([1.0, 2.0]), (2, 2))
    array([[1., 2., 1., 2.],
           [1., 2., 1., 2.]])
    >>> fg.grad(lambda x: fnp.sum(fnp.tile(x, 3)))(fnp.asarray([1.0, 2.0]))
    array([3., 3.])
    """
    reps = (int(reps),) if np.ndim(reps) == 0 else tuple(int(r) for r in reps)
    if any(r < 0 for r in reps):
        raise ValueError("negative dimensions are not allowed")
    shape = shape_of(A)
    d = max(len(reps), len(shape))
    shape = (1,) * (d - len(shape)) + shape
    reps = (1,) * (d - len(reps)) + reps
    interleaved = tuple(x for s in shape for x in (1, s))
    target = tuple(x for r, s in zip(reps, shape) for x in (r, s))
    out = broadcast_to(reshape(A, interleaved), target)
    return reshape(out, tuple(r * s for r, s in zip(reps, shape)))


def repeat(a, repeats, axis=None):
    """Repeat each element ``repeats`` times along ``axis``, as :func:`numpy.repeat`.

    With ``axis=None`` the array is flattened first. The derivative sums the repeats.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.repeat(x, [1, 3])))(fnp.asarray([1.0, 2.0]))
    array([1., 3.])
    """
    if axis is None:
        a = ravel(a)
        axis = 0
    axis = canonical_axis(axis, len(shape_of(a)))
    n = shape_of(a)[axis]
    repeats = full_lower(repeats) if isinstance(repeats, Tracer) else repeats
    index = np.repeat(np.arange(n), repeats)
    return take(a, index, axis=axis)


# ---------------------------------------------------------------------------
# Padding
# ---------------------------------------------------------------------------

def _normalize_pairs(value, ndim):
    arr = np.asarray(value)
    try:
        return np.broadcast_to(arr, (ndim, 2))
    except ValueError:
        raise ValueError(
            f"operands could not be broadcast together with remapped shapes "
            f"[original->remapped]: {arr.shape} and requested shape ({ndim},2)"
        ) from None


def _side_pieces(x, axis, before, after, mode):
    n = shape_of(x)[axis]

    def piece(start, stop, step=1):
        index = (slice(None),) * axis + (slice(start, stop, step),)
        return getitem(x, index)

    if mode == "edge":
        left_shape = list(shape_of(x))
        left_shape[axis] = before
        right_shape = list(shape_of(x))
        right_shape[axis] = after
        return (broadcast_to(piece(0, 1), tuple(left_shape)),
                broadcast_to(piece(n - 1, n), tuple(right_shape)))
    if mode == "reflect":
        left = piece(before, 0, -1) if before else None
        right = piece(n - 2, n - 2 - after if n - 2 - after >= 0 else None, -1) if after else None
    elif mode == "symmetric":
        flip = (slice(None),) * axis + (slice(None, None, -1),)
        left = getitem(piece(0, before), flip) if before else None
        right = getitem(piece(n - after, n), flip) if after else None
    elif mode == "wrap":
        left = piece(n - before, None) if before else None
        right = piece(0, after) if after else None
    else:  # pragma: no cover - checked by the caller
        raise AssertionError(mode)
    return left, right


_LIMITS = {"reflect": lambda n: n - 1, "symmetric": lambda n: n}


def pad(array, pad_width, mode="constant", **kwargs):
    """Pad an array, as :func:`numpy.pad`, for the modes ``constant``, ``edge``,
    ``reflect``, ``symmetric`` and ``wrap`` (``reflect_type='even'``).

    Padding is linear in the array: the derivative of the padded entries
    flows back to the entries they copy (the constant has none).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fnp.pad(fnp.asarray([1.0, 2.0, 3.0]), (2, 1), mode="reflect")
    array([3., 2., 1., 2., 3., 2.])
    >>> fg.grad(lambda x: fnp.sum(fnp.pad(x, 1, mode="edge")))(fnp.asarray([1.0, 2.0]))
    array([2., 2.])
    """
    supported = ("constant", "edge", "reflect", "symmetric", "wrap")
    if callable(mode) or mode not in supported:
        raise NotImplementedError(
            f"pad(mode={mode!r}) is not supported by funcgrad.numpy; the modes with "
            f"derivatives are {', '.join(supported)}"
        )
    allowed = {"constant": {"constant_values"}, "reflect": {"reflect_type"},
               "symmetric": {"reflect_type"}}.get(mode, set())
    unexpected = set(kwargs) - allowed
    if unexpected:
        raise ValueError(f"unsupported keyword arguments for mode '{mode}': {unexpected}")
    if kwargs.get("reflect_type", "even") != "even":
        raise NotImplementedError("pad(reflect_type='odd') is not supported by funcgrad.numpy")
    shape = shape_of(array)
    ndim = len(shape)
    widths = _normalize_pairs(full_lower(pad_width), ndim)
    if widths.dtype.kind not in "iu":
        raise TypeError("`pad_width` must be of integral type.")
    if np.any(widths < 0):
        raise ValueError("index can't contain negative values")
    x = array if isinstance(array, Tracer) else np.asarray(array)
    if mode == "constant":
        values = _normalize_pairs(full_lower(kwargs.get("constant_values", 0)), ndim)
        dtype = dtype_of(x)
        for axis in range(ndim):
            before, after = (int(w) for w in widths[axis])
            parts = []
            for side, width in ((0, before), (1, after)):
                if width:
                    piece_shape = list(shape_of(x))
                    piece_shape[axis] = width
                    parts.append(np.full(piece_shape, values[axis, side]).astype(dtype))
                else:
                    parts.append(None)
            x = concatenate([p for p in (parts[0], x, parts[1]) if p is not None], axis=axis) \
                if before or after else x
        return x
    for axis in range(ndim):
        before, after = (int(w) for w in widths[axis])
        if (before or after) and shape[axis] == 0:
            raise ValueError(f"can't extend empty axis {axis} using modes other than "
                             f"'constant' or 'empty'")
        if mode == "wrap":
            if before or after:
                x = take(x, np.arange(-before, shape[axis] + after) % shape[axis], axis=axis)
            continue
        limit = _LIMITS.get(mode, lambda n: 1 << 62)
        while before or after:
            n = shape_of(x)[axis]
            cap = limit(n)
            if mode == "reflect" and n == 1:
                left_shape = list(shape_of(x))
                left_shape[axis] = before + after + 1
                x = broadcast_to(x, tuple(left_shape))
                break
            b, a = min(before, cap), min(after, cap)
            left, right = _side_pieces(x, axis, b, a, mode)
            x = concatenate([p for p in (left, x, right) if p is not None], axis=axis)
            before, after = before - b, after - a
    return x

