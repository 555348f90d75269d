"""Collectives over a named ``vmap`` axis: ``psum``, ``pmean``, ``pmax``, ``pmin``,
``all_gather``, ``axis_index`` (anchor: JAX's named axes, as in ``jax.vmap``'s docs).

``vmap(f, axis_name="i")`` names its batch axis; inside ``f`` a collective over
``"i"`` combines the examples: ``psum(x, "i")`` is the sum of ``x`` over every
example, the same value for each of them. Each collective is a primitive whose
batching rule knows the axis it reduces (the batch trace tells it its name), so
it composes with ``grad``, ``jvp``, ``jit`` and other ``vmap`` axes. A value that
does not vary along the axis is combined as ``size`` equal copies.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.primitive import Primitive
from ..core.tree_util import tree_map
from ..primitives import comparisons as cmp
from ..primitives import elementwise as el
from ..primitives import reductions as rd
from ..primitives.shape import broadcast_to, moveaxis, reshape
from ..primitives.slicing import dynamic_slice
from .vmap import BatchTracer, named_axes


class Collective(Primitive):
    """A primitive over a named axis: ``named_batch(trace, vals, dims, **params)`` is its
    batching rule, told which vmap (and so which axis name) is batching it."""

    named_batch: Any = None


def _names(axis_name: Any) -> tuple:
    return tuple(axis_name) if isinstance(axis_name, (tuple, list)) else (axis_name,)


def _axis_trace(name: Any):
    for n, trace in reversed(named_axes):
        if n == name:
            return trace
    raise NameError(f"unbound axis name: {name}. The name must be given to an enclosing "
                    f"funcgrad.vmap(..., axis_name={name!r}).")


def _size(axis_name: Any) -> int:
    size = 1
    for n in _names(axis_name):
        size *= _axis_trace(n).size
    return size


# ---------------------------------------------------------------------------
# The reductions: psum, pmax, pmin (pmean is psum / size)
# ---------------------------------------------------------------------------

def _reduction(name: str, reduce, unbatched):
    """A collective reducing over the named axes: ``reduce(val, axis)`` on the batch;
    ``unbatched(x, size)`` for a value equal in every example."""

    prim = Collective(name, lambda x, *, axis_name: unbatched(x, _size(axis_name)))
    prim.abstract_eval = lambda x, *, axis_name: x

    def named_batch(trace, vals, dims, *, axis_name):
        names = _names(axis_name)
        x, d = vals[0], dims[0]
        if trace.axis_name not in names:  # another vmap's axis: reduce each of its examples
            return prim.bind(x, axis_name=axis_name), d
        rest = tuple(n for n in names if n != trace.axis_name)
        out = unbatched(x, trace.size) if d is None else reduce(x, d)
        return (prim.bind(out, axis_name=rest) if rest else out), None

    prim.named_batch = named_batch
    return prim


psum_p = _reduction("psum", lambda x, d: rd.sum(x, axis=d), lambda x, n: x * n)
pmax_p = _reduction("pmax", lambda x, d: rd.amax(x, axis=d), lambda x, n: x)
pmin_p = _reduction("pmin", lambda x, d: rd.amin(x, axis=d), lambda x, n: x)

psum_p.jvp = lambda primals, tangents, ans, *, axis_name: (
    None if tangents[0] is None else psum_p.bind(tangents[0], axis_name=axis_name))
# Every example's output is the sum of every example's input: the transpose is psum again.
psum_p.vjp = lambda g, ans, primals, params, wanted: [psum_p.bind(g, **params)]


def _extreme_rules(prim: Primitive) -> None:
    def share(x, ans, axis_name):
        hit = el.astype(cmp.equal(x, ans), ans.dtype if hasattr(ans, "dtype") else float)
        return hit / psum_p.bind(hit, axis_name=axis_name)

    def jvp(primals, tangents, ans, *, axis_name):
        t = tangents[0]
        if t is None:
            return None
        return psum_p.bind(t * share(primals[0], ans, axis_name), axis_name=axis_name)

    def vjp(g, ans, primals, params, wanted):
        return [psum_p.bind(g, **params) * share(primals[0], ans, params["axis_name"])]

    prim.jvp, prim.vjp = jvp, vjp


_extreme_rules(pmax_p)
_extreme_rules(pmin_p)


def _tree(prim: Primitive, x: Any, axis_name: Any) -> Any:
    return tree_map(lambda leaf: prim.bind(leaf, axis_name=axis_name), x)


def psum(x: Any, axis_name: Any, *, axis_index_groups: Any = None) -> Any:
    """The sum of ``x`` over every example of the named axis (a pytree too).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: x / lax.psum(x, "i"), axis_name="i")(np.array([1.0, 3.0]))
    array([0.25, 0.75])
    """
    _no_groups(axis_index_groups)
    return _tree(psum_p, x, axis_name)


def pmean(x: Any, axis_name: Any, *, axis_index_groups: Any = None) -> Any:
    """The mean of ``x`` over every example of the named axis.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: x - lax.pmean(x, "i"), axis_name="i")(np.array([1.0, 3.0]))
    array([-1.,  1.])
    """
    _no_groups(axis_index_groups)
    n = _size(axis_name)
    return tree_map(lambda leaf: psum_p.bind(leaf, axis_name=axis_name) / n, x)


def pmax(x: Any, axis_name: Any, *, axis_index_groups: Any = None) -> Any:
    """The maximum of ``x`` over every example of the named axis.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: lax.pmax(x, "i"), axis_name="i")(np.array([1.0, 3.0]))
    array([3., 3.])
    """
    _no_groups(axis_index_groups)
    return _tree(pmax_p, x, axis_name)


def pmin(x: Any, axis_name: Any, *, axis_index_groups: Any = None) -> Any:
    """The minimum of ``x`` over every example of the named axis.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: lax.pmin(x, "i"), axis_name="i")(np.array([1.0, 3.0]))
    array([1., 1.])
    """
    _no_groups(axis_index_groups)
    return _tree(pmin_p, x, axis_name)


def _no_groups(groups: Any) -> None:
    if groups is not None:
        raise NotImplementedError("axis_index_groups is not supported: funcgrad's named axes "
                                  "are vmap's batch axes, reduced as a whole.")


# ---------------------------------------------------------------------------
# all_gather and axis_index
# ---------------------------------------------------------------------------

def _gather_unbatched(x, size, axis, tiled):
    shape = tuple(np.shape(x))
    stacked = broadcast_to(reshape(x, shape[:axis] + (1,) + shape[axis:]),
                           shape[:axis] + (size,) + shape[axis:])
    if tiled:
        return reshape(stacked, shape[:axis] + (size * shape[axis],) + shape[axis + 1:])
    return stacked


def _gather_impl(x, *, axis_name, axis, tiled):
    return np.asarray(_gather_unbatched(np.asarray(x), _size(axis_name), axis, tiled))


all_gather_p = Collective("all_gather", _gather_impl)


def _gather_named_batch(trace, vals, dims, *, axis_name, axis, tiled):
    x, d = vals[0], dims[0]
    if trace.axis_name != axis_name:
        return all_gather_p.bind(moveaxis(x, d, 0) if d else x, axis_name=axis_name,
                                 axis=axis + 1, tiled=tiled), 0
    if d is None:
        return _gather_unbatched(x, trace.size, axis, tiled), None
    out = moveaxis(x, d, axis)
    if tiled:
        shape = tuple(np.shape(out))
        out = reshape(out, shape[:axis] + (shape[axis] * shape[axis + 1],) + shape[axis + 2:])
    return out, None


def _gather_vjp(g, ans, primals, params, wanted):
    # Example j's input appears in every example's output at position j.
    total = psum_p.bind(g, axis_name=params["axis_name"])
    index = axis_index(params["axis_name"])
    n = np.shape(primals[0])[params["axis"]] if params["tiled"] else 1
    axis = params["axis"]
    starts = [0] * len(np.shape(total))
    starts[axis] = index * n
    sizes = list(np.shape(total))
    sizes[axis] = n
    out = dynamic_slice(total, starts, sizes)
    if not params["tiled"]:
        out = reshape(out, np.shape(primals[0]))
    return [out]


all_gather_p.named_batch = _gather_named_batch
all_gather_p.jvp = lambda primals, tangents, ans, **params: (
    None if tangents[0] is None else all_gather_p.bind(tangents[0], **params))
all_gather_p.vjp = _gather_vjp


def all_gather(x: Any, axis_name: Any, *, axis_index_groups: Any = None, axis: int = 0,
               tiled: bool = False) -> Any:
    """Every example's ``x``, stacked along a new axis ``axis`` (concatenated with ``tiled``):
    the same array for each example.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: lax.all_gather(x, "i"), axis_name="i")(np.array([1.0, 3.0]))
    array([[1., 3.],
           [1., 3.]])
    """
    _no_groups(axis_index_groups)
    return tree_map(lambda leaf: all_gather_p.bind(
        leaf, axis_name=axis_name, axis=int(axis), tiled=bool(tiled)), x)


def axis_index(axis_name: Any) -> Any:
    """The position of the current example along the named axis.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: x * lax.axis_index("i"), axis_name="i")(np.array([5.0, 5.0]))
    array([0., 5.])
    """
    trace = _axis_trace(axis_name)
    return BatchTracer(trace, np.arange(trace.size, dtype=np.int32), 0)


def axis_size(axis_name: Any) -> int:
    """The number of examples along the named axis.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg
    >>> from funcgrad import lax
    >>> fg.vmap(lambda x: x * lax.axis_size("i"), axis_name="i")(np.array([1.0, 2.0]))
    array([2., 4.])
    """
    return _size(axis_name)
