"""``funcgrad.ad_checkpoint``: JAX's ``jax.ad_checkpoint`` names.

``checkpoint`` (``remat``) recomputes a function in the backward pass;
``checkpoint_name`` tags a value for the policies
``checkpoint_policies.save_only_these_names`` / ``save_any_names_but_these``;
``print_saved_residuals`` lists what reverse mode keeps between its passes.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad.ad_checkpoint import checkpoint, checkpoint_name
>>> f = checkpoint(lambda x: fnp.sin(checkpoint_name(x ** 2, "sq")),
...                policy=fg.checkpoint_policies.save_only_these_names("sq"))
>>> fg.grad(f)(1.0)
array(1.08060461)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from .core.ir import format_aval
from .core.primitive import ShapedArray
from .transforms._call import stage_flat
from .transforms.checkpoint import (
    checkpoint,
    checkpoint_name,
    checkpoint_policies,
    name_p,
    remat,
)
from .transforms.partial_eval import VIEWS, split_vjp
from .transforms.staging import aval_of
from .tree_util import keystr, tree_flatten, tree_flatten_with_path

__all__ = ["checkpoint", "checkpoint_name", "checkpoint_policies", "print_saved_residuals",
           "remat", "saved_residuals"]


def saved_residuals(f: Callable, *args: Any, **kwargs: Any) -> list[tuple[ShapedArray, str]]:
    """The values reverse mode keeps between the forward and backward passes of ``f`` at
    ``args``: ``(shape and dtype, where it comes from)`` each, arguments first.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> [what for _, what in saved_residuals(lambda x: fnp.sin(fnp.sin(x)), 1.0)]
    ['output of cos', 'output of cos']
    """
    leaves, in_tree = tree_flatten((args, kwargs))
    leaves = [x if hasattr(x, "dtype") else np.asarray(x) for x in leaves]
    avals = [aval_of(x) for x in leaves]

    def flat(*xs: Any) -> list[Any]:
        a, kw = in_tree.unflatten(xs)
        return tree_flatten(f(*a, **kw))[0]

    out_avals = [v.aval for v in stage_flat(flat, avals, "saved_residuals").outvars]
    diff = [np.issubdtype(a.dtype, np.inexact) for a in avals]
    ct_mask = [np.issubdtype(a.dtype, np.inexact) for a in out_avals]
    split = split_vjp(flat, avals, out_avals, diff, ct_mask, "saved_residuals")
    labels = _argument_labels(f, args, kwargs)
    inputs = {id(v): k for k, v in enumerate(split.ir.invars[:split.n_in])}
    producer = {id(o): e for e in split.ir.eqns for o in e.outputs}
    found = []
    for v in split.residuals:
        source = v
        # A view of a value (its transpose) stands for the value.
        while id(source) in producer and producer[id(source)].prim.name in VIEWS:
            source = producer[id(source)].inputs[0]
        if id(source) in inputs:
            found.append((inputs[id(source)], source.aval,
                          f"from the argument {labels[inputs[id(source)]]}"))
        elif id(source) in producer:
            eqn = producer[id(source)]
            found.append((_program_order(eqn, split.ir.eqns, producer, inputs), source.aval,
                          _describe(eqn, eqn.outputs.index(source))))
        else:
            found.append(((-3, 0), source.aval, "from a constant"))
    seen, out = set(), []
    found = [((-2, k), a, w) if isinstance(k, int) else (k, a, w) for k, a, w in found]
    for order, aval, what in sorted(found, key=lambda t: t[0]):
        if (order, what) not in seen:
            seen.add((order, what))
            out.append((aval, what))
    return out


def print_saved_residuals(f: Callable, *args: Any, **kwargs: Any) -> None:
    """Print :func:`saved_residuals`, one per line (anchor:
    ``jax.ad_checkpoint.print_saved_residuals``; funcgrad does not record source lines).

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> print_saved_residuals(fg.checkpoint(lambda w, x: fnp.sin(w @ x)), np.ones((2, 3)),
    ...                       np.ones(3))
    f64[2,3] from the argument w
    f64[3] from the argument x
    """
    for aval, what in saved_residuals(f, *args, **kwargs):
        print(f"{format_aval(aval)} {what}")


def _program_order(eqn, eqns, producer, inputs) -> tuple[int, int]:
    """Where a value stands in the forward program: after the latest of its inputs (the
    backward pass computes some residuals, such as ``cos(x)``, late)."""
    latest = max([eqns.index(producer[id(a)]) for a in eqn.inputs if id(a) in producer]
                 + [-1])
    return (latest, eqns.index(eqn))


def _describe(eqn, index: int) -> str:
    """``output of sin``, ``named 'a'``; a checkpoint's output by the equation inside it."""
    while eqn.prim.name == "checkpoint" and getattr(eqn.params["call"], "ir", None) is not None:
        inner = eqn.params["call"].ir
        var = inner.outvars[index]
        made = [e for e in inner.eqns if any(o is var for o in e.outputs)]
        if not made:
            break
        eqn = made[0]
        index = [i for i, o in enumerate(eqn.outputs) if o is var][0]
    return f"named '{eqn.params['name']}'" if eqn.prim is name_p else f"output of {eqn.prim.name}"


def _argument_labels(f: Callable, args: tuple, kwargs: dict) -> list[str]:
    try:
        params = [p.name for p in inspect.signature(f).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    labels = []
    for i, a in enumerate(args):
        base = params[i] if i < len(params) else f"args[{i}]"
        paths = tree_flatten_with_path(a)[0]
        labels += [base if not path else base + keystr(path) for path, _ in paths]
    for key in sorted(kwargs):
        paths = tree_flatten_with_path(kwargs[key])[0]
        labels += [key + keystr(path) for path, _ in paths]
    return labels
