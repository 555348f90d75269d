"""Indexing primitives: ``x[idx]``, ``take_along_axis`` and their transposes; concatenation.

Two kinds of index live here. A *static* index (ints, slices, None, Ellipsis,
integer and boolean NumPy arrays) is a parameter of ``getitem`` and its
transpose ``scatter_add``. An index that is itself an array *operand* (the
output of ``argsort``, say, which is traced under ``make_ir``) goes through
``take_along_axis`` and its transpose.

Joining (``concatenate``) lives here too: it is the transpose of slicing.
Functional updates ``x.at[idx]``, ``take`` and ``compress`` are composites of
these, in :mod:`funcgrad.numpy.indexing`.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import (
    Primitive,
    ShapedArray,
    defbatch,
    defjvp,
    deflinear,
    defsource,
    deftorch,
    defvjp,
)
from ..core.trace import Tracer
from .batching import defbatch_axis
from .elementwise import astype
from .shape import (
    batch_size,
    bdim_to_front,
    broadcast_to,
    expand_dims,
    moveaxis,
    pad_rank_after_batch,
    reshape,
)
from .slicing import dynamic_get, dynamic_plan
from .util import (
    canonical_axis,
    contains_tracer,
    dtype_of,
    placeholder,
    reject_out,
    shape_of,
    zeros_like,
)


def normalize_index(index) -> tuple:
    """``index`` as a tuple of ints, slices, None, Ellipsis and NumPy arrays."""
    if not isinstance(index, tuple):
        index = (index,)
    out = []
    for i in index:
        if isinstance(i, Tracer):
            if i.dtype == np.bool_:
                raise TypeError(
                    "indexing with a traced boolean mask is not supported: the number of "
                    "elements it selects depends on values, which are unknown while a "
                    "function is staged (make_ir, jit) or batched (vmap). Keep the shape "
                    "fixed with funcgrad.numpy.where(mask, x, 0), or compute the mask from "
                    "concrete values."
                )
            raise TypeError(
                "indexing with a traced value is supported for integer scalars with full "
                "slices (x[i], x[i, :], x.at[i].set(v): a dynamic slice); for other traced "
                "indices use funcgrad.numpy.take_along_axis or funcgrad.lax.dynamic_slice."
            )
        if isinstance(i, (list, tuple, np.ndarray)):  # a tuple inside the index: a sequence
            i = np.asarray(i)
            if i.dtype.kind not in "iub" and i.size:
                raise IndexError(
                    "arrays used as indices must be of integer (or boolean) type"
                )
            if i.dtype.kind not in "iub":
                i = i.astype(np.intp)
        elif isinstance(i, (bool, np.bool_)):
            i = np.asarray(i)
        elif isinstance(i, (int, np.integer)):
            i = int(i)
        elif not (i is None or i is Ellipsis or isinstance(i, slice)):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
                f"integer or boolean arrays are valid indices (got {type(i).__name__})"
            )
        out.append(i)
    return tuple(out)


def _is_basic(index: tuple) -> bool:
    return not any(isinstance(i, np.ndarray) for i in index)


def _getitem(x, *, index):
    return np.asarray(x)[index] if not isinstance(x, np.ndarray) else x[index]


getitem_p = Primitive("getitem", _getitem)
deftorch(getitem_p, "IndexBackward0")
deflinear(getitem_p, lambda g, ans, x, *, index: scatter_add(zeros_like(x, dtype_of(g)), index, g))


def _getitem_source(gen, k, eqn, args) -> None:
    """``x[index]``; an advanced index copies, so the result owns its buffer."""
    gen.assign(eqn, f"{args[0]}[{gen.index_src(eqn.params['index'])}]")
    if any(isinstance(i, np.ndarray) for i in eqn.params["index"]):
        gen.owned.add(id(eqn.outputs[0]))


defsource(getitem_p, emit=_getitem_source)


def _batched_index(index: tuple) -> tuple[tuple, int]:
    """``index`` for an array with a leading batch axis, and where that axis lands.

    NumPy puts the dimensions of advanced indices first when the advanced
    indices are not next to each other, so the batch axis then follows them.
    """
    batched = (slice(None),) + index
    arrays = [i for i in index if isinstance(i, np.ndarray)]
    if not arrays:
        return batched, 0
    positions = [k for k, i in enumerate(index) if isinstance(i, (np.ndarray, int))]
    if positions == list(range(positions[0], positions[-1] + 1)):
        return batched, 0
    return batched, max(1 if a.dtype == np.bool_ else a.ndim for a in arrays)


def _getitem_batch(args, dims, *, index):
    batched, position = _batched_index(index)
    return getitem_p.bind(bdim_to_front(args[0], dims[0]), index=batched), position


defbatch(getitem_p, _getitem_batch)


def _scatter_add(x, updates, *, index):
    out = np.array(x, copy=True)
    if _is_basic(index):
        out[index] += updates
    else:
        np.add.at(out, index, updates)  # repeated indices accumulate
    return out


scatter_add_p = Primitive("scatter_add", _scatter_add)
deftorch(scatter_add_p, "IndexPutBackward0")
defjvp(
    scatter_add_p,
    lambda t, ans, x, u, *, index: t,
    lambda t, ans, x, u, *, index: scatter_add(zeros_like(ans, dtype_of(t)), index, t),
)
defvjp(
    scatter_add_p,
    lambda g, ans, x, u, *, index: g,
    lambda g, ans, x, u, *, index: getitem(g, index),
)


def _scatter_add_source(gen, k, eqn, args) -> None:
    """``x[index] += u`` into ``x``'s buffer when it is dead, else into a copy."""
    x, updates = eqn.inputs
    index = eqn.params["index"]
    out = eqn.outputs[0]
    if gen.reusable(x, k, out):
        n = args[0]
    else:
        n = gen.fresh_name()
        gen.lines.append(f"{n} = np.array({args[0]})")
    if any(isinstance(i, np.ndarray) for i in index):
        idx = gen.index_src(index)
        gen.lines.append(f"np.add.at({n}, ({idx}{',' if len(index) == 1 else ''}), "
                          f"{args[1]})")
    else:
        gen.lines.append(f"{n}[{gen.index_src(index)}] += {args[1]}")
    gen.names[id(out)] = n
    gen.owned.add(id(out))


defsource(scatter_add_p, emit=_scatter_add_source, fresh=True)


def _scatter_add_batch(args, dims, *, index):
    size = batch_size(args, dims)
    x = bdim_to_front(args[0], dims[0], size)
    batched, position = _batched_index(index)
    selected = np.broadcast_to(np.empty((), np.bool_), np.shape(x)[1:])[index].shape
    updates = pad_rank_after_batch(bdim_to_front(args[1], dims[1], size), len(selected))
    updates = moveaxis(updates, 0, position)
    return scatter_add_p.bind(x, updates, index=batched), 0


defbatch(scatter_add_p, _scatter_add_batch)


def getitem(x, index):
    """``x[index]`` for basic, advanced and boolean indices (what ``x[...]`` binds).

    Out-of-bounds indices raise :class:`IndexError`, as NumPy does (JAX clamps).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: x[1] * x[-1])(fnp.asarray([1.0, 2.0, 3.0]))
    array([0., 3., 2.])
    """
    plan = dynamic_plan(x, index)
    if plan is not None:  # a traced integer index (a loop's): a dynamic slice
        return dynamic_get(x, plan)
    index = normalize_index(index)
    if len(index) == 0 or (len(index) == 1 and index[0] is Ellipsis):
        return x if isinstance(x, Tracer) else np.asarray(x)
    return getitem_p.bind(x, index=index)


def scatter_add(x, index, updates):
    """``x`` with ``updates`` added at ``index``; repeated indices accumulate (``np.add.at``).

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.scatter_add(np.zeros(3), (np.array([0, 0, 2]),), np.ones(3))
    array([2., 0., 1.])
    """
    index = normalize_index(index)
    target = _placeholder(x)[index]
    updates = fit_updates(updates, shape_of(target), dtype_of(x))
    return scatter_add_p.bind(x, updates, index=index)


def _placeholder(x):
    return np.broadcast_to(np.zeros((), dtype_of(x)), shape_of(x))


def fit_updates(updates, shape, dtype):
    """``updates`` broadcast to the indexed shape (NumPy's message when it cannot be)."""
    ushape = shape_of(updates)
    try:
        ok = np.broadcast_shapes(ushape, shape) == shape
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(
            f"shape mismatch: value array of shape {ushape} could not be broadcast to "
            f"indexing result of shape {shape}"
        )
    if dtype_of(updates) != dtype:
        updates = astype(updates, dtype)
    return broadcast_to(updates, shape)


def diagonal_indices(n1: int, n2: int, offset: int):
    """Row and column indices of the ``offset``-th diagonal of an ``n1 x n2`` matrix."""
    if offset >= 0:
        k = max(min(n1, n2 - offset), 0)
        rows = np.arange(k)
        return rows, rows + offset
    k = max(min(n1 + offset, n2), 0)
    cols = np.arange(k)
    return cols - offset, cols



# ---------------------------------------------------------------------------
# take_along_axis: the gather whose indices are an operand
# ---------------------------------------------------------------------------

def _take_along_axis(x, idx, *, axis):
    return np.take_along_axis(x, idx, axis=axis)


def _put_add_along_axis(x, idx, u, *, axis):
    out = np.array(x, copy=True)
    np.add.at(out, _axis_grid(np.shape(idx), idx, axis), u)
    return out


def _axis_grid(shape, idx, axis):
    grid = list(np.indices(shape, sparse=True))
    grid[axis] = idx
    return tuple(grid)


take_along_axis_p = Primitive("take_along_axis", _take_along_axis)
put_add_along_axis_p = Primitive("put_add_along_axis", _put_add_along_axis)
# Shape rules by hand: the default runs NumPy on placeholder ones, which are not valid indices.
take_along_axis_p.abstract_eval = lambda x, idx, *, axis: ShapedArray(
    shape_of(idx), dtype_of(x))
put_add_along_axis_p.abstract_eval = lambda x, idx, u, *, axis: ShapedArray(
    shape_of(x), dtype_of(x))
defbatch_axis(take_along_axis_p, none_means_all=False)  # every operand moves its batch first
defbatch_axis(put_add_along_axis_p, none_means_all=False)

defjvp(take_along_axis_p, lambda t, ans, x, idx, *, axis: take_along_axis_p.bind(t, idx,
                                                                                axis=axis))
defvjp(
    take_along_axis_p,
    lambda g, ans, x, idx, *, axis: put_add_along_axis_p.bind(
        zeros_like(x, dtype_of(g)), idx, g, axis=axis
    ),
    None,
)
defjvp(
    put_add_along_axis_p,
    lambda t, ans, x, idx, u, *, axis: t,
    None,
    lambda t, ans, x, idx, u, *, axis: put_add_along_axis_p.bind(
        zeros_like(ans, dtype_of(t)), idx, t, axis=axis
    ),
)
defvjp(
    put_add_along_axis_p,
    lambda g, ans, x, idx, u, *, axis: g,
    None,
    lambda g, ans, x, idx, u, *, axis: take_along_axis_p.bind(g, idx, axis=axis),
)


def take_along_axis(arr, indices, axis=-1):
    """Pick values along ``axis`` by matching index arrays, as :func:`numpy.take_along_axis`.

    ``indices`` may be traced (e.g. the output of ``argsort`` under ``make_ir``).
    Repeated indices accumulate in the derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> x = fnp.asarray([[3.0, 1.0, 2.0]])
    >>> fnp.take_along_axis(x, fnp.argsort(x, axis=1), axis=1)
    array([[1., 2., 3.]])
    """
    if axis is None:
        arr = reshape(arr, (-1,))
        axis = 0
    shape, ishape = shape_of(arr), shape_of(indices)
    if len(ishape) != len(shape):
        raise ValueError(
            "`indices` and `arr` must have the same number of dimensions"
        )
    if dtype_of(indices).kind not in "iu":
        raise IndexError("`indices` must be an integer array")
    axis = canonical_axis(axis, len(shape))
    full = list(np.broadcast_shapes(tuple(1 if i == axis else s for i, s in enumerate(shape)),
                                    tuple(1 if i == axis else s for i, s in enumerate(ishape))))
    full[axis] = ishape[axis]
    full = tuple(full)
    if ishape != full:
            indices = broadcast_to(indices, full)
    if not isinstance(indices, Tracer):
        indices = np.asarray(indices)
        n = shape[axis]
        if indices.size and (indices.max() >= n or indices.min() < -n):
            bad = indices.max() if indices.max() >= n else indices.min()
            raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {n}")
    xshape = tuple(s if i == axis else full[i] for i, s in enumerate(shape))
    if shape != xshape:
            arr = broadcast_to(arr, xshape)
    return take_along_axis_p.bind(arr, indices, axis=axis)


# ---------------------------------------------------------------------------
# concatenate, stack: joining, the transpose of slicing
# ---------------------------------------------------------------------------

def _concatenate(*xs, axis):
    return np.concatenate(xs, axis=axis)


concatenate_p = Primitive("concatenate", _concatenate)
deftorch(concatenate_p, "CatBackward0")


def _concatenate_jvp(primals, tangents, ans, *, axis):
    if all(t is None for t in tangents):
        return None
    dtype = np.result_type(*[np.dtype(x.dtype) if hasattr(x, "dtype") else np.result_type(x)
                             for x in primals])
    parts = [zeros_like(x, dtype) if t is None else t for x, t in zip(primals, tangents)]
    return concatenate_p.bind(*parts, axis=axis)


def _concatenate_vjp(g, ans, primals, params, wanted):
    axis = params["axis"]
    cts = []
    start = 0
    for x, w in zip(primals, wanted):
        stop = start + shape_of(x)[axis]
        if w:
            index = (slice(None),) * axis + (slice(start, stop),)
            cts.append(getitem(g, index))
        else:
            cts.append(None)
        start = stop
    return cts


# Written whole rather than per argument: each argument's slice depends on all the shapes.
concatenate_p.jvp = _concatenate_jvp
concatenate_p.vjp = _concatenate_vjp


def _concatenate_batch(args, dims, *, axis):
    size = batch_size(args, dims)
    parts = [bdim_to_front(x, d, size) for x, d in zip(args, dims)]
    return concatenate_p.bind(*parts, axis=axis + 1), 0


defbatch(concatenate_p, _concatenate_batch)
defsource(concatenate_p, lambda args, params: f"np.concatenate([{', '.join(args)}]"
          + (f", axis={params['axis']})" if params["axis"] else ")"), fresh=True)


def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along an existing axis, as :func:`numpy.concatenate`.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> f = lambda x: fnp.sum(fnp.concatenate([x, 2 * x]))
    >>> fg.grad(f)(fnp.asarray([1.0, 1.0]))
    array([3., 3.])
    """
    reject_out("concatenate", out)
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        arrays = [reshape(x, (-1,)) for x in arrays]
        axis = 0
    ndim = len(shape_of(arrays[0]))
    if ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    axis = canonical_axis(axis, ndim)
    if dtype is not None:
        arrays = [astype(x, dtype) for x in arrays]
    if len(arrays) == 1:
        x = arrays[0]
        return x if hasattr(x, "_trace") else np.array(x)
    # NumPy's own error for mismatched shapes, before anything is traced.
    np.concatenate([placeholder(x) for x in arrays], axis=axis)
    return concatenate_p.bind(*arrays, axis=axis)


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along a new axis, as :func:`numpy.stack`.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.stack([fnp.ones(3), fnp.zeros(3)], axis=1).shape
    (3, 2)
    """
    arrays = list(arrays)
    if not arrays:
        raise ValueError("need at least one array to stack")
    shapes = {shape_of(x) for x in arrays}
    if len(shapes) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = canonical_axis(axis, len(shape_of(arrays[0])) + 1)
    return concatenate([expand_dims(x, axis) for x in arrays], axis=axis, out=out, dtype=dtype)


# ---------------------------------------------------------------------------
# Arrays from nested sequences of traced values (stacked)
# ---------------------------------------------------------------------------

def asarray(a, dtype=None):
    """Convert ``a`` to an array; a traced value is returned as it is (cast to ``dtype``).

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.asarray([1.0, 2.0])
    array([1., 2.])
    """
    if isinstance(a, Tracer):
        return a if dtype is None or a.dtype == np.dtype(dtype) else astype(a, dtype)
    if isinstance(a, (list, tuple)) and contains_tracer(a):
        return array(a, dtype=dtype)
    return np.asarray(a, dtype=dtype)


def as_inexact(a):
    """``a`` as an array of a floating or complex dtype (other dtypes become float64)."""
    a = asarray(a)
    if not np.issubdtype(dtype_of(a), np.inexact):
        a = astype(a, np.float64)
    return a


def array(object, dtype=None, copy=True, ndmin=0):  # noqa: A002 - NumPy's name
    """Create an array, as :func:`numpy.array`; nested lists of traced values are stacked.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sum(fnp.array([x, 2 * x, [3.0, 4.0]])))(fnp.ones(2))
    array([3., 3.])
    """
    if isinstance(object, Tracer):
        out = asarray(object, dtype)
    elif isinstance(object, (list, tuple)) and contains_tracer(object):
        out = stack([array(o, dtype=dtype) for o in object])
    else:
        return np.array(object, dtype=dtype, copy=copy, ndmin=ndmin)
    ndim = len(out.shape)
    return reshape(out, (1,) * (ndmin - ndim) + out.shape) if ndmin > ndim else out
