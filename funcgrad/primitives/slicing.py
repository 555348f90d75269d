"""Dynamic slicing: windows of an array whose start is an operand (traced in loops).

``dynamic_slice(x, *starts, sizes)`` reads the window of shape ``sizes`` at
``starts``; ``dynamic_update_slice(x, update, *starts)`` writes ``update`` there.
Starts are clamped so the window fits, as in XLA (and ``jax.lax``). The starts
are integer operands, not parameters, so a loop index may be one: this is what
``x[i]`` inside a ``fori_loop`` body needs.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, ShapedArray
from ..core.trace import Tracer
from .comparisons import less
from .elementwise import astype, where
from .shape import batch_size, bdim_to_front, broadcast_to, reshape
from .util import zeros_like


def _window(shape, starts, sizes) -> tuple:
    out = []
    for n, s, k in zip(shape, starts, sizes):
        s = int(min(max(int(s), 0), n - k))
        out.append(slice(s, s + k))
    return tuple(out)


def _dynamic_slice(x, *starts, slice_sizes):
    return np.asarray(x)[_window(np.shape(x), starts, slice_sizes)].copy()


def _dynamic_update_slice(x, update, *starts):
    out = np.array(x, copy=True)
    out[_window(out.shape, starts, np.shape(update))] = update
    return out


dynamic_slice_p = Primitive("dynamic_slice", _dynamic_slice)
dynamic_slice_p.abstract_eval = lambda x, *starts, slice_sizes: ShapedArray(
    tuple(slice_sizes), x.dtype)
dynamic_update_slice_p = Primitive("dynamic_update_slice", _dynamic_update_slice)
dynamic_update_slice_p.abstract_eval = lambda x, update, *starts: ShapedArray(x.shape, x.dtype)


def dynamic_slice(x, starts, sizes):
    """The window of ``x`` of shape ``sizes`` starting at ``starts`` (clamped to fit).

    Examples
    --------
    >>> import numpy as np
    >>> dynamic_slice(np.arange(5.0), (3,), (2,))
    array([3., 4.])
    """
    return dynamic_slice_p.bind(x, *starts, slice_sizes=tuple(int(k) for k in sizes))


def dynamic_update_slice(x, update, starts):
    """``x`` with the window at ``starts`` (clamped to fit) replaced by ``update``.

    Examples
    --------
    >>> import numpy as np
    >>> dynamic_update_slice(np.zeros(4), np.ones(2), (1,))
    array([0., 1., 1., 0.])
    """
    return dynamic_update_slice_p.bind(x, update, *starts)


def _ds_jvp(primals, tangents, ans, *, slice_sizes):
    t = tangents[0]
    return None if t is None else dynamic_slice(t, primals[1:], slice_sizes)


def _ds_vjp(g, ans, primals, params, wanted):
    x = primals[0]
    ct = dynamic_update_slice(zeros_like(x), g, primals[1:]) if wanted[0] else None
    return [ct] + [None] * (len(primals) - 1)


def _dus_jvp(primals, tangents, ans, **params):
    x, update, starts = primals[0], primals[1], primals[2:]
    tx, tu = tangents[0], tangents[1]
    if tx is None and tu is None:
        return None
    return dynamic_update_slice(zeros_like(x) if tx is None else tx,
                                zeros_like(update) if tu is None else tu, starts)


def _dus_vjp(g, ans, primals, params, wanted):
    update, starts = primals[1], primals[2:]
    cx = dynamic_update_slice(g, zeros_like(update), starts) if wanted[0] else None
    cu = dynamic_slice(g, starts, np.shape(update)) if wanted[1] else None
    return [cx, cu] + [None] * len(starts)


dynamic_slice_p.jvp = _ds_jvp
dynamic_slice_p.vjp = _ds_vjp
dynamic_update_slice_p.jvp = _dus_jvp
dynamic_update_slice_p.vjp = _dus_vjp


# ---------------------------------------------------------------------------
# x[i] with a traced integer i (a loop index): a dynamic slice
# ---------------------------------------------------------------------------

def dynamic_plan(x, index):
    """For an index made of integers (at least one traced, 0-d) and full slices ``:``,
    ``(starts, sizes, kept_shape)`` of the window it reads; None for any other index.

    Examples
    --------
    >>> import numpy as np
    >>> dynamic_plan(np.zeros((2, 3)), (1, slice(None))) is None   # nothing traced
    True
    """
    index = index if isinstance(index, tuple) else (index,)
    if not any(isinstance(i, Tracer) for i in index):
        return None
    shape = tuple(np.shape(x))
    if len(index) > len(shape):
        return None
    starts, sizes, kept = [], [], []
    for axis, n in enumerate(shape):
        i = index[axis] if axis < len(index) else slice(None)
        if isinstance(i, slice) and i == slice(None):
            starts.append(0)
            sizes.append(n)
            kept.append(n)
        elif isinstance(i, Tracer) and i.shape == () and np.dtype(i.dtype).kind in "iu":
            starts.append(where(less(i, 0), i + n, i))
            sizes.append(1)
        elif isinstance(i, (int, np.integer)) and not isinstance(i, bool):
            starts.append(int(i) % n if -n <= int(i) < n else int(i))
            sizes.append(1)
        else:
            return None
    return starts, sizes, tuple(kept)


def dynamic_get(x, plan):
    """``x[index]`` for a :func:`dynamic_plan` (starts clamped so the window fits, as JAX).

    Examples
    --------
    >>> import numpy as np
    >>> dynamic_get(np.arange(6.0).reshape(2, 3), ([1, 0], [1, 3], (3,)))
    array([3., 4., 5.])
    """
    starts, sizes, kept = plan
    return reshape(dynamic_slice(x, starts, sizes), kept)


def dynamic_update(x, plan, combine):
    """``x`` with the window of a :func:`dynamic_plan` replaced by ``combine(window)``.

    Examples
    --------
    >>> import numpy as np
    >>> dynamic_update(np.zeros(3), ([1], [1], ()), lambda w: w + 2.0)
    array([0., 2., 0.])
    """
    starts, sizes, kept = plan
    window = reshape(dynamic_slice(x, starts, sizes), kept)
    new = broadcast_to(combine(window), kept)
    return dynamic_update_slice(x, astype(reshape(new, tuple(sizes)), x.dtype), starts)


# ---------------------------------------------------------------------------
# vmap: one call when only the array is batched; per example when the starts are
# ---------------------------------------------------------------------------

def _example(x, d, b, size):
    """Example ``b`` of ``x`` batched along ``d`` (``x`` itself when unbatched)."""
    if d is None:
        return x
    x = bdim_to_front(x, d)
    shape = tuple(np.shape(x))
    return reshape(dynamic_slice(x, [b] + [0] * (len(shape) - 1), (1,) + shape[1:]), shape[1:])


def _per_example(fn, args, dims):
    size = batch_size(args, dims)
    outs = [fn(*[_example(a, d, b, size) for a, d in zip(args, dims)]) for b in range(size)]
    shape = tuple(np.shape(outs[0]))
    total = zeros_like(outs[0], shape=(size,) + shape)
    for b, o in enumerate(outs):
        total = dynamic_update_slice(total, reshape(o, (1,) + shape), [b] + [0] * len(shape))
    return total, 0


def _ds_batch(args, dims, *, slice_sizes):
    x, starts = args[0], args[1:]
    if all(d is None for d in dims[1:]):
        x = bdim_to_front(x, dims[0])
        out = dynamic_slice(x, [0, *starts], (np.shape(x)[0], *slice_sizes))
        return out, 0
    return _per_example(lambda x, *s: dynamic_slice(x, s, slice_sizes), args, dims)


def _dus_batch(args, dims):
    x, update, starts = args[0], args[1], args[2:]
    if all(d is None for d in dims[2:]):
        size = batch_size(args, dims)
        x = bdim_to_front(x, dims[0], size)
        update = bdim_to_front(update, dims[1], size)
        return dynamic_update_slice(x, update, [0, *starts]), 0
    return _per_example(lambda x, u, *s: dynamic_update_slice(x, u, s), args, dims)


dynamic_slice_p.batch = _ds_batch
dynamic_update_slice_p.batch = _dus_batch
