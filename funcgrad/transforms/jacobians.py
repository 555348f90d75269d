"""Jacobians and Hessians, by reverse mode (one VJP per output element) or forward mode
(one JVP per input element)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..core.tree_util import tree_flatten
from ..numpy.shape import reshape, stack
from ._args import flatten_inputs, normalize_argnums, split_args
from .forward import jvp
from .reverse import _name, vjp


def _basis(leaves: list) -> list[list]:
    """One-hot directions over a list of arrays, in flattened order, leaf by leaf."""
    directions = []
    for j, leaf in enumerate(leaves):
        shape, dtype = np.shape(leaf), leaf.dtype
        for k in range(int(np.prod(shape, dtype=np.int64))):
            direction = [np.zeros(np.shape(x), x.dtype) for x in leaves]
            e = np.zeros(shape, dtype)
            e.flat[k] = 1
            direction[j] = e
            directions.append(direction)
    return directions


def _blocks(rows: list[list], outer: list, inner: list, rows_index_outer: bool) -> list[list]:
    """Assemble ``rows`` (one list of arrays per basis direction) into Jacobian blocks.

    Block ``[i][j]`` has shape ``outer[i].shape + inner[j].shape`` when the
    directions run over ``outer`` (reverse mode) and over ``inner`` otherwise.
    """
    blocks = []
    start = 0
    directions = outer if rows_index_outer else inner
    sizes = [int(np.prod(np.shape(x), dtype=np.int64)) for x in directions]
    chunks = []
    for size in sizes:
        chunks.append(rows[start:start + size])
        start += size
    for i, o in enumerate(outer):
        row = []
        for j, x in enumerate(inner):
            shape = np.shape(o) + np.shape(x)
            if rows_index_outer:
                parts = [r[j] for r in chunks[i]]
            else:
                parts = [r[i] for r in chunks[j]]
            block = stack(parts) if parts else np.zeros((0,), x.dtype)
            if not rows_index_outer:
                # Columns were stacked first: move the input axes behind the output axes.
                block = reshape(block, (-1,) + np.shape(o))
                block = _move_leading_axis_last(block, np.shape(x), np.shape(o))
            row.append(reshape(block, shape))
        blocks.append(row)
    return blocks


def _move_leading_axis_last(block, in_shape, out_shape):
    from ..numpy.shape import transpose

    n_out = len(out_shape)
    block = reshape(block, (-1,) + tuple(out_shape))
    return transpose(block, tuple(range(1, n_out + 1)) + (0,))


def _assemble(blocks, out_tree, in_trees, argnums):
    """Nest the blocks as JAX does: the output's structure, then the inputs' within it."""
    single = isinstance(argnums, (int, np.integer))
    per_output = []
    for row in blocks:
        pieces, start = [], 0
        for tree in in_trees:
            n = tree.num_leaves
            pieces.append(tree.unflatten(row[start:start + n]))
            start += n
        per_output.append(pieces[0] if single else tuple(pieces))
    return out_tree.unflatten(per_output)


def jacrev(fun: Callable, argnums: int | Sequence[int] = 0, has_aux: bool = False) -> Callable:
    """The Jacobian of ``fun`` by reverse mode: one VJP per output element.

    The result for an output of shape ``S`` and an input of shape ``T`` has
    shape ``S + T``; pytrees nest as in JAX (output structure outside).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jacrev(lambda x: x ** 2)(fnp.asarray([1.0, 2.0]))
    array([[2., 0.],
           [0., 4.]])
    """

    def jacrev_fun(*args, **kwargs):
        nums = normalize_argnums(argnums, len(args), "jacrev", fun)
        dynamic, partial = split_args(fun, args, kwargs, nums)
        out = vjp(partial, *dynamic, has_aux=has_aux)
        out, pullback, aux = out if has_aux else (*out, None)
        out_leaves, out_tree = tree_flatten(out)
        inputs, _ = flatten_inputs(fun, dynamic, nums, "jacrev")
        in_trees = [tree_flatten(d)[1] for d in dynamic]
        rows = [
            tree_flatten(pullback(out_tree.unflatten(direction)))[0]
            for direction in _basis(out_leaves)
        ]
        jac = _assemble(_blocks(rows, out_leaves, inputs, True), out_tree, in_trees, argnums)
        return (jac, aux) if has_aux else jac

    _name(jacrev_fun, "jacrev", fun)
    return jacrev_fun


jacobian = jacrev


def jacfwd(fun: Callable, argnums: int | Sequence[int] = 0, has_aux: bool = False) -> Callable:
    """The Jacobian of ``fun`` by forward mode: one JVP per input element.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jacfwd(lambda x: fnp.sum(x) * x)(fnp.asarray([1.0, 2.0]))
    array([[4., 1.],
           [2., 5.]])
    """

    def jacfwd_fun(*args, **kwargs):
        nums = normalize_argnums(argnums, len(args), "jacfwd", fun)
        dynamic, partial = split_args(fun, args, kwargs, nums)
        inputs, in_tree = flatten_inputs(fun, dynamic, nums, "jacfwd")
        in_trees = [tree_flatten(d)[1] for d in dynamic]
        columns = []
        out_leaves = out_tree = aux = None
        for direction in _basis(inputs):
            tangents = in_tree.unflatten(direction)
            result = jvp(partial, in_tree.unflatten(inputs), tangents, has_aux=has_aux)
            out, t_out = result[0], result[1]
            aux = result[2] if has_aux else None
            out_leaves, out_tree = tree_flatten(out)
            columns.append(tree_flatten(t_out)[0])
        if out_tree is None:  # no input elements: evaluate once for the output's shape
            out = partial(*dynamic)
            out, aux = out if has_aux else (out, None)
            out_leaves, out_tree = tree_flatten(out)
        jac = _assemble(_blocks(columns, out_leaves, inputs, False), out_tree, in_trees, argnums)
        return (jac, aux) if has_aux else jac

    _name(jacfwd_fun, "jacfwd", fun)
    return jacfwd_fun


def hessian(fun: Callable, argnums: int | Sequence[int] = 0) -> Callable:
    """The Hessian of a scalar function: ``jacfwd(jacrev(fun))``, forward over reverse.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.hessian(lambda x: fnp.sum(x ** 3))(fnp.asarray([1.0, 2.0]))
    array([[ 6.,  0.],
           [ 0., 12.]])
    """
    hessian_fun = jacfwd(jacrev(fun, argnums), argnums)
    _name(hessian_fun, "hessian", fun)
    return hessian_fun


