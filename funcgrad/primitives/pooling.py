"""Window reductions (pooling): ``reduce_window_sum``, ``reduce_window_max``/``min``, and
the selections that differentiate the latter, with all their rules.

Every primitive here takes its window over *all* axes of its operand (a window
of 1 with stride 1 leaves an axis alone), with per-axis ``window_dimensions``,
``window_strides``, ``padding`` pairs, ``base_dilation`` and ``window_dilation``
(see :mod:`funcgrad.primitives.windows` for the arithmetic). The operand is
padded and dilated with the reduction's identity (0 for a sum, ``-inf`` for a
max), as XLA's ``reduce_window`` does.

- ``reduce_window_sum`` is linear: its JVP is itself on the tangent and its
  transpose is another window sum, of the cotangent dilated by the stride.
- ``reduce_window_max`` picks one element per window (the first of equal maxima,
  as XLA and PyTorch do). Its JVP gathers the tangent at the picked elements,
  ``select_and_gather_add(t, x)``, and its VJP scatters the cotangent there,
  ``select_and_scatter_add(g, x)``. Those two are linear in their first argument,
  each the other's transpose, and constant in ``x`` (which element is picked does
  not change under a small perturbation), so derivatives of every order close
  over these three primitives.
- ``vmap`` adds the batch axis as one more axis with a window of 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.primitive import Primitive, ShapedArray, defbatch, defjvp, deflinear, defvjp
from .shape import bdim_to_front
from .util import dtype_of, shape_of
from .windows import Pads, dilate_pad, dilated_length, output_length, undilate_unpad, window_view

WINDOW_PARAMS = ("window_dimensions", "window_strides", "padding", "base_dilation",
                 "window_dilation")


def window_shape(shape: Sequence[int], *, window_dimensions, window_strides, padding,
                 base_dilation, window_dilation) -> tuple[int, ...]:
    """The result shape of a window reduction over every axis of an operand of ``shape``.

    Examples
    --------
    >>> window_shape((4, 6), window_dimensions=(1, 2), window_strides=(1, 2),
    ...              padding=((0, 0), (0, 0)), base_dilation=(1, 1), window_dilation=(1, 1))
    (4, 3)
    """
    params = (window_dimensions, window_strides, padding, base_dilation, window_dilation)
    if any(len(p) != len(shape) for p in params):
        raise ValueError(
            f"reduce_window: an operand of shape {tuple(shape)} needs {len(shape)} entries in "
            f"each of window_dimensions, window_strides, padding, base_dilation and "
            f"window_dilation; got {tuple(len(p) for p in params)}")
    return tuple(output_length(*args) for args in zip(shape, *params))


def _identity(kind: str, dtype: np.dtype):
    """The identity of the reduction ``kind`` in ``dtype`` (what padding holds)."""
    if kind == "sum":
        return 0
    if np.issubdtype(dtype, np.inexact):
        return -np.inf if kind == "max" else np.inf
    if dtype == np.bool_:
        return kind != "max"
    info = np.iinfo(dtype)
    return info.min if kind == "max" else info.max


def _windows(x, kind, *, window_dimensions, window_strides, padding, base_dilation,
             window_dilation):
    """The padded operand and the view of its windows (positions, then taps)."""
    x = np.asarray(x)
    axes = tuple(range(x.ndim))
    xp = dilate_pad(x, axes, base_dilation, padding, _identity(kind, x.dtype))
    return xp, window_view(xp, axes, window_dimensions, window_strides, window_dilation)


def _reduce_impl(kind: str):
    def impl(x, **params):
        x = np.asarray(x)
        shape = window_shape(x.shape, **params)
        if 0 in shape:
            return np.zeros(shape, x.dtype)
        _, win = _windows(x, kind, **params)
        if _few_taps(params["window_dimensions"]):
            return _reduce_by_taps(win, kind, params["window_dimensions"])
        taps = tuple(range(x.ndim, 2 * x.ndim))
        if kind == "sum":
            return win.sum(axis=taps, dtype=x.dtype)
        return win.max(axis=taps) if kind == "max" else win.min(axis=taps)

    impl.__name__ = f"reduce_window_{kind}"
    return impl


def _few_taps(window) -> bool:
    """Whether to reduce tap by tap (a few strided slices) rather than over the window view."""
    return int(np.prod(window)) <= _MAX_TAP_LOOP


# Up to this many taps per window, reductions run as one ufunc call per tap over a
# strided slice (long, regular passes) instead of one reduction over the window view.
_MAX_TAP_LOOP = 64


def _reduce_by_taps(win, kind: str, window) -> np.ndarray:
    taps = list(np.ndindex(*window))
    ufunc = {"sum": np.add, "max": np.maximum, "min": np.minimum}[kind]
    out = np.array(win[(Ellipsis,) + taps[0]])
    for tap in taps[1:]:
        ufunc(out, win[(Ellipsis,) + tap], out=out)
    return out


def _window_abstract_eval(x, **params):
    return ShapedArray(window_shape(shape_of(x), **params), dtype_of(x))


def _window_batch(prim: Primitive):
    """vmap: the batch axis goes first and gets a window of 1 (for every array argument)."""

    def rule(args, dims, **params):
        size = next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)
        moved = [bdim_to_front(a, d, size) for a, d in zip(args, dims)]
        new = {k: ((1,) if k != "padding" else ((0, 0),)) + tuple(params[k])
               for k in WINDOW_PARAMS}
        return prim.bind(*moved, **dict(params, **new)), 0

    rule.__name__ = f"{prim.name}_batch"
    return rule


def _window_primitive(name: str, impl, torch_name: str | None = None) -> Primitive:
    prim = Primitive(name, impl, torch_name=torch_name)
    prim.abstract_eval = _window_abstract_eval if name.startswith("reduce") else (
        lambda x, y, *, select, **params: ShapedArray(
            shape_of(y) if name.endswith("scatter_add") else window_shape(shape_of(y), **params),
            dtype_of(x)))
    return defbatch(prim, _window_batch(prim))


def _params(window_dimensions, window_strides, padding, base_dilation, window_dilation):
    return dict(window_dimensions=tuple(int(k) for k in window_dimensions),
                window_strides=tuple(int(s) for s in window_strides),
                padding=tuple((int(lo), int(hi)) for lo, hi in padding),
                base_dilation=tuple(int(a) for a in base_dilation),
                window_dilation=tuple(int(d) for d in window_dilation))


# ---------------------------------------------------------------------------
# reduce_window_sum: linear; its transpose is a window sum of the dilated cotangent
# ---------------------------------------------------------------------------

reduce_window_sum_p = _window_primitive("reduce_window_sum", _reduce_impl("sum"))


def _reduce_window_sum_transpose(g, ans, x, *, window_dimensions, window_strides, padding,
                                 base_dilation, window_dilation):
    pads = []
    for n, k, s, (lo, _), a, d, m in zip(shape_of(x), window_dimensions, window_strides,
                                         padding, base_dilation, window_dilation, shape_of(g)):
        extent = dilated_length(k, d)
        low = extent - 1 - lo
        pads.append((low, (n - 1) * a + extent - low - dilated_length(m, s)))
    return reduce_window_sum_p.bind(
        g, window_dimensions=window_dimensions, window_strides=base_dilation,
        padding=tuple(pads), base_dilation=window_strides, window_dilation=window_dilation)


deflinear(reduce_window_sum_p, _reduce_window_sum_transpose)


def reduce_window_sum(x, window_dimensions: Sequence[int], window_strides: Sequence[int],
                      padding: Pads, base_dilation: Sequence[int],
                      window_dilation: Sequence[int]):
    """Sum over windows of every axis of ``x`` (zero padding), binding :data:`reduce_window_sum_p`.

    Examples
    --------
    >>> reduce_window_sum(np.arange(6.0), (2,), (2,), ((0, 0),), (1,), (1,))
    array([1., 5., 9.])
    """
    return reduce_window_sum_p.bind(x, **_params(window_dimensions, window_strides, padding,
                                                 base_dilation, window_dilation))


# ---------------------------------------------------------------------------
# The selections: gather a tangent at, or scatter a cotangent to, the picked elements
# ---------------------------------------------------------------------------

def _picked(x, kind, **params):
    """Flat indices into the padded operand of the element each window picks, and the
    padded shape. Ties go to the first element in the window (row-major order)."""
    xp, win = _windows(x, kind, **params)
    out_shape = win.shape[:xp.ndim]
    window = tuple(params["window_dimensions"])
    if _few_taps(window):
        local = _arg_by_taps(win, kind, window, xp)
    else:
        flat = win.reshape(out_shape + (-1,))
        local = flat.argmax(axis=-1) if kind == "max" else flat.argmin(axis=-1)
    # flat index = (window start's flat index) + (the picked tap's offset from it)
    elem = np.cumprod((1,) + xp.shape[:0:-1])[::-1]  # row-major element strides
    start = np.zeros((), np.intp)
    for ax in range(xp.ndim):
        start = np.add.outer(start, np.arange(out_shape[ax])
                             * (params["window_strides"][ax] * elem[ax]))
    offsets = np.zeros((), np.intp)
    for ax, k in enumerate(window):
        step = np.arange(k) * (params["window_dilation"][ax] * elem[ax])
        offsets = np.add.outer(offsets, step)
    return start + offsets.reshape(-1)[local], xp.shape


def _arg_by_taps(win, kind: str, window, operand: np.ndarray) -> np.ndarray:
    """The window-local index of each window's max (min): the first of equal ones, a NaN
    before any number, as ``argmax`` over the window would pick."""
    taps = list(np.ndindex(*window))
    best = np.array(win[(Ellipsis,) + taps[0]])
    arg = np.zeros(best.shape, np.intp)
    better = np.greater if kind == "max" else np.less
    # NaNs need a second test per tap; look for them once.
    floating = np.issubdtype(best.dtype, np.inexact) and bool(np.isnan(operand).any())
    for i, tap in enumerate(taps[1:], 1):
        v = win[(Ellipsis,) + tap]
        take = better(v, best)
        if floating:
            take |= np.isnan(v) & ~np.isnan(best)
        np.copyto(arg, i, where=take)
        np.copyto(best, v, where=take)
    return arg


def _select_and_gather_add(t, x, *, select, **params):
    t, x = np.asarray(t), np.asarray(x)
    shape = window_shape(x.shape, **params)
    if 0 in shape:
        return np.zeros(shape, t.dtype)
    index, _ = _picked(x, select, **params)
    tp = dilate_pad(t, tuple(range(t.ndim)), params["base_dilation"], params["padding"], 0)
    return tp.reshape(-1)[index]


def _select_and_scatter_add(g, x, *, select, **params):
    g, x = np.asarray(g), np.asarray(x)
    if g.size == 0 or x.size == 0:
        return np.zeros(x.shape, g.dtype)
    if _tiling(x, params):
        out = _scatter_tiles(g, x, select, params["window_dimensions"])
        if out is not None:
            return out
    index, padded_shape = _picked(x, select, **params)
    size = int(np.prod(padded_shape))
    if np.issubdtype(g.dtype, np.floating):
        flat = np.bincount(index.reshape(-1), weights=g.reshape(-1), minlength=size)
        flat = flat.astype(g.dtype, copy=False)
    else:
        flat = np.zeros(size, g.dtype)
        np.add.at(flat, index.reshape(-1), g.reshape(-1))
    return undilate_unpad(flat.reshape(padded_shape), x.shape, tuple(range(x.ndim)),
                          params["base_dilation"], params["padding"])


def _tiling(x: np.ndarray, params) -> bool:
    """Whether the windows tile the operand: stride = window, no padding nor dilation."""
    return (params["window_strides"] == params["window_dimensions"]
            and all(lo == 0 and hi == 0 for lo, hi in params["padding"])
            and all(a == 1 for a in params["base_dilation"])
            and all(d == 1 for d in params["window_dilation"])
            and x.dtype.kind in "biuf")


def _scatter_tiles(g: np.ndarray, x: np.ndarray, kind: str, window) -> np.ndarray | None:
    """``select_and_scatter_add`` for windows that tile ``x`` (max pooling's usual case).

    The windows' elements are copied tap-major, ``(taps, windows)``, so that every step is
    one contiguous pass: the maxima, then per tap the windows whose first maximum it is,
    and the cotangent written back into that tap's strided slice. Returns None when a
    window holds a NaN (the general path picks the first NaN)."""
    nd = x.ndim
    out_shape = tuple(n // k for n, k in zip(x.shape, window))
    crop = x[tuple(slice(0, o * k) for o, k in zip(out_shape, window))]
    split = crop.reshape(tuple(v for pair in zip(out_shape, window) for v in pair))
    taps = int(np.prod(window))
    tiles = np.empty(tuple(window) + out_shape, x.dtype)
    np.copyto(tiles, split.transpose(tuple(range(1, 2 * nd, 2)) + tuple(range(0, 2 * nd, 2))))
    tiles = tiles.reshape(taps, -1)
    best = (np.maximum if kind == "max" else np.minimum).reduce(tiles, axis=0)
    if x.dtype.kind == "f" and np.isnan(best).any():
        return None
    flat_g = g.reshape(-1)
    free = np.ones(best.shape, bool)
    hit = np.empty(best.shape, bool)
    out = np.zeros(x.shape, g.dtype)
    view = out[tuple(slice(0, o * k) for o, k in zip(out_shape, window))].reshape(split.shape)
    for t, tap in enumerate(np.ndindex(*window)):
        np.equal(tiles[t], best, out=hit)
        hit &= free
        free ^= hit
        index = tuple(v for i in range(nd) for v in (slice(None), tap[i]))
        view[index] = (flat_g * hit).reshape(out_shape)
    return out


select_and_gather_add_p = _window_primitive("select_and_gather_add", _select_and_gather_add)
select_and_scatter_add_p = _window_primitive("select_and_scatter_add", _select_and_scatter_add)

# Linear in the first argument, constant in the second (the selection is locally constant).
defjvp(select_and_gather_add_p,
       lambda t, ans, s, x, **params: select_and_gather_add_p.bind(t, x, **params), None)
defvjp(select_and_gather_add_p,
       lambda g, ans, s, x, **params: select_and_scatter_add_p.bind(g, x, **params), None)
defjvp(select_and_scatter_add_p,
       lambda t, ans, s, x, **params: select_and_scatter_add_p.bind(t, x, **params), None)
defvjp(select_and_scatter_add_p,
       lambda g, ans, s, x, **params: select_and_gather_add_p.bind(g, x, **params), None)


# ---------------------------------------------------------------------------
# reduce_window_max and reduce_window_min
# ---------------------------------------------------------------------------

reduce_window_max_p = _window_primitive("reduce_window_max", _reduce_impl("max"),
                                        torch_name="MaxPool2DWithIndicesBackward0")
reduce_window_min_p = _window_primitive("reduce_window_min", _reduce_impl("min"))

for _prim, _kind in ((reduce_window_max_p, "max"), (reduce_window_min_p, "min")):
    defjvp(_prim, lambda t, ans, x, _k=_kind, **params:
           select_and_gather_add_p.bind(t, x, select=_k, **params))
    defvjp(_prim, lambda g, ans, x, _k=_kind, **params:
           select_and_scatter_add_p.bind(g, x, select=_k, **params))


def reduce_window_max(x, window_dimensions: Sequence[int], window_strides: Sequence[int],
                      padding: Pads, base_dilation: Sequence[int],
                      window_dilation: Sequence[int]):
    """Maximum over windows of every axis of ``x`` (``-inf`` padding), binding
    :data:`reduce_window_max_p`.

    Examples
    --------
    >>> reduce_window_max(np.array([1.0, 3.0, 2.0, 0.0]), (2,), (2,), ((0, 0),), (1,), (1,))
    array([3., 2.])
    """
    return reduce_window_max_p.bind(x, **_params(window_dimensions, window_strides, padding,
                                                 base_dilation, window_dilation))


def reduce_window_min(x, window_dimensions: Sequence[int], window_strides: Sequence[int],
                      padding: Pads, base_dilation: Sequence[int],
                      window_dilation: Sequence[int]):
    """Minimum over windows of every axis of ``x`` (``+inf`` padding), binding
    :data:`reduce_window_min_p`.

    Examples
    --------
    >>> reduce_window_min(np.array([1.0, 3.0, 2.0, 0.0]), (2,), (2,), ((0, 0),), (1,), (1,))
    array([1., 0.])
    """
    return reduce_window_min_p.bind(x, **_params(window_dimensions, window_strides, padding,
                                                 base_dilation, window_dilation))


def window_argmax(x, window_dimensions: Sequence[int], window_strides: Sequence[int],
                  padding: Pads, base_dilation: Sequence[int],
                  window_dilation: Sequence[int]) -> tuple[np.ndarray, ...]:
    """Where each window's maximum sits in ``x``: one integer array per axis (of the result's
    shape), the first of equal maxima, as :func:`reduce_window_max` picks them.

    A plain NumPy function (indices have no derivative): PyTorch's
    ``max_pool2d(return_indices=True)`` is built from it.

    Examples
    --------
    >>> window_argmax(np.array([1.0, 3.0, 2.0, 0.0]), (2,), (2,), ((0, 0),), (1,), (1,))
    (array([1, 2]),)
    """
    params = _params(window_dimensions, window_strides, padding, base_dilation, window_dilation)
    index, padded_shape = _picked(np.asarray(x), "max", **params)
    coords = np.unravel_index(index, padded_shape)
    return tuple((c - lo) // a for c, (lo, _), a in zip(coords, params["padding"],
                                                         params["base_dilation"]))
