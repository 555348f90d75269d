"""``checkpoint`` (alias ``remat``): recompute a function in the backward pass instead of
storing its intermediate values.

``checkpoint(f)`` binds one call primitive (see :mod:`._call`). Reverse mode
records only that equation — ``f``'s inputs and outputs — and runs ``f``
without recording; the VJP rule runs ``f`` again under a fresh reverse trace
and pulls the cotangents back through it. Checkpointing each block of a long
chain trades one extra forward pass for memory: peak memory grows with the
number of blocks plus the length of one block, not the length of the chain.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from ..core.array import as_array
from ..core.trace import Tracer
from ..core.tree_util import tree_flatten
from ._call import Call, CallPrimitive, jvp_flat, vjp_flat
from .vmap import batch_flat

checkpoint_call_p = CallPrimitive("checkpoint")


def _checkpoint_jvp_call(primals, tangents, *, call):
    return jvp_flat(call.fun, list(primals), list(tangents))


def _checkpoint_vjp(g, ans, primals, params, wanted):
    # Recompute: run the function again, recording this time, and pull back.
    return vjp_flat(params["call"].fun, list(primals), list(g), wanted)


def _checkpoint_batch(args, dims, *, call):
    size = next(np.shape(a)[d] for a, d in zip(args, dims) if d is not None)
    batched = Call(lambda *xs: batch_flat(call.fun, xs, dims, size), f"vmap({call.name})")
    return checkpoint_call_p.bind(*args, call=batched), 0


checkpoint_call_p.jvp_call = _checkpoint_jvp_call
checkpoint_call_p.vjp = _checkpoint_vjp
checkpoint_call_p.batch = _checkpoint_batch


def checkpoint(fun: Callable) -> Callable:
    """``fun``, recomputed in the backward pass instead of stored (anchor: ``jax.checkpoint``).

    Under ``grad``/``vjp`` only ``fun``'s inputs are kept; its intermediates are
    recomputed when the backward pass reaches it. Values and derivatives are
    unchanged, in every mode and under every transform.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> block = fg.checkpoint(lambda x: fnp.sin(fnp.sin(x)))
    >>> fg.grad(lambda x: fnp.sum(block(block(x))))(fnp.zeros(2))
    array([1., 1.])
    """

    @functools.wraps(fun)
    def checkpointed(*args, **kwargs):
        leaves, in_tree = tree_flatten((args, kwargs))
        if not any(isinstance(x, Tracer) for x in leaves):
            return fun(*args, **kwargs)
        leaves = [as_array(x) for x in leaves]
        trees = {}

        def flat_fun(*xs):
            a, kw = in_tree.unflatten(xs)
            out_leaves, trees["out"] = tree_flatten(fun(*a, **kw))
            return out_leaves

        outs = checkpoint_call_p.bind(*leaves, call=Call(flat_fun, getattr(fun, "__name__", "f")))
        return trees["out"].unflatten(outs)

    return checkpointed


remat = checkpoint
