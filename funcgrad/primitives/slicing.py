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
