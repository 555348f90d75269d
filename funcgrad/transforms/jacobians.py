"""Jacobians and Hessians: one VJP (reverse mode) or one JVP (forward mode), batched with
``vmap`` over the one-hot basis of the outputs or the inputs, so a Jacobian costs one
batched pass rather than a Python loop over its rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.array import as_array
from ..core.tree_util import tree_flatten
from ..primitives.indexing import getitem
from ..primitives.shape import reshape, transpose
from ._args import P, check_argnums, check_callable, flatten_inputs, normalize_argnums, split_args
from .forward import jvp
from .pullback import vjp
from .reverse import name_transform
from .vmap import vmap


def _stacked_basis(leaves: list) -> tuple[list, int]:
    """One-hot directions over a list of arrays, stacked along a new leading axis.

    Direction ``k`` (in flattened order, leaf after leaf) is one in exactly one
    element; leaf ``j`` of the result has shape ``(n,) + leaves[j].shape``.
    """
    sizes = [int(np.prod(np.shape(x), dtype=np.int64)) for x in leaves]
    n = sum(sizes)
    out, start = [], 0
    for x, size in zip(leaves, sizes):
        block = np.zeros((n, size), x.dtype)
        # Only the diagonal is written: the zero pages stay untouched (and cost nothing)
        # until read, where assigning an identity block wrote every one of the n² entries.
        diagonal = np.arange(size)
        block[start + diagonal, diagonal] = 1
        out.append(block.reshape((n,) + np.shape(x)))
        start += size
    return out, n


def _blocks(batched: list, outer: list, inner: list, rows_index_outer: bool) -> list[list]:
    """Cut batched results (leading axis: one basis direction each) into Jacobian blocks.

    Reverse mode: ``batched[j]`` has shape ``(n_out,) + inner[j].shape`` and the
    directions run over ``outer``. Forward mode: ``batched[i]`` has shape
    ``(n_in,) + outer[i].shape`` and the directions run over ``inner``. Block
    ``[i][j]`` has shape ``outer[i].shape + inner[j].shape``.
    """
    directions = outer if rows_index_outer else inner
    sizes = [int(np.prod(np.shape(x), dtype=np.int64)) for x in directions]
    starts = np.cumsum([0] + sizes)
    blocks = []
    for i, o in enumerate(outer):
        row = []
        for j, x in enumerate(inner):
            o_shape, x_shape = tuple(np.shape(o)), tuple(np.shape(x))
            if rows_index_outer:
                part = getitem(batched[j], (slice(int(starts[i]), int(starts[i + 1])),))
                block = reshape(part, o_shape + x_shape)
            else:
                part = getitem(batched[i], (slice(int(starts[j]), int(starts[j + 1])),))
                # (in elements, *out shape) -> (*out shape, in elements) -> out + in shape
                part = reshape(part, (sizes[j],) + o_shape)
                part = transpose(part, tuple(range(1, len(o_shape) + 1)) + (0,))
                block = reshape(part, o_shape + x_shape)
            row.append(as_array(block))
        blocks.append(row)
    return blocks


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


def _distinct(nums: tuple, transform: str) -> tuple:
    if len(set(nums)) != len(nums):
        raise ValueError(
            f"{transform}: argnums={nums} names an argument twice; the Jacobian with respect "
            f"to an argument is its block once. Name each argument once."
        )
    return nums


def jacrev(
    fun: Callable[P, Any], argnums: int | Sequence[int] = 0, has_aux: bool = False
) -> Callable[P, Any]:
    """The Jacobian of ``fun`` by reverse mode: one VJP, batched over the output basis.

    ``fun`` is evaluated once; its pullback is then applied to every one-hot
    output cotangent at once with :func:`~funcgrad.vmap`. The result for an
    output of shape ``S`` and an input of shape ``T`` has shape ``S + T``;
    pytrees nest as in JAX (output structure outside).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jacrev(lambda x: x ** 2)(fnp.asarray([1.0, 2.0]))
    array([[2., 0.],
           [0., 4.]])
    """
    check_callable(fun, "jacrev")
    check_argnums(argnums, "jacrev")

    def jacrev_fun(*args, **kwargs):
        nums = _distinct(normalize_argnums(argnums, len(args), "jacrev", fun), "jacrev")
        dynamic, partial = split_args(fun, args, kwargs, nums)
        out = vjp(partial, *dynamic, has_aux=has_aux)
        out, pullback, aux = out if has_aux else (*out, None)
        out_leaves, out_tree = tree_flatten(out)
        inputs, in_tree = flatten_inputs(fun, dynamic, nums, "jacrev")
        in_trees = [tree_flatten(d)[1] for d in dynamic]
        basis, n = _stacked_basis(out_leaves)
        if n == 0:
            rows = [np.zeros((0,) + np.shape(x), x.dtype) for x in inputs]
        else:
            pulled = vmap(lambda *cts: tree_flatten(pullback(out_tree.unflatten(cts)))[0])
            rows = pulled(*basis)
        jac = _assemble(_blocks(rows, out_leaves, inputs, True), out_tree, in_trees, argnums)
        return (jac, aux) if has_aux else jac

    name_transform(jacrev_fun, "jacrev", fun)
    return jacrev_fun


jacobian = jacrev


def jacfwd(
    fun: Callable[P, Any], argnums: int | Sequence[int] = 0, has_aux: bool = False
) -> Callable[P, Any]:
    """The Jacobian of ``fun`` by forward mode: one JVP, batched over the input basis.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.jacfwd(lambda x: fnp.sum(x) * x)(fnp.asarray([1.0, 2.0]))
    array([[4., 1.],
           [2., 5.]])
    """
    check_callable(fun, "jacfwd")
    check_argnums(argnums, "jacfwd")

    def jacfwd_fun(*args, **kwargs):
        nums = _distinct(normalize_argnums(argnums, len(args), "jacfwd", fun), "jacfwd")
        dynamic, partial = split_args(fun, args, kwargs, nums)
        inputs, in_tree = flatten_inputs(fun, dynamic, nums, "jacfwd")
        in_trees = [tree_flatten(d)[1] for d in dynamic]
        primals = in_tree.unflatten(inputs)
        basis, n = _stacked_basis(inputs)
        store = {}

        def pushforward(*tangent_leaves):
            result = jvp(partial, primals, in_tree.unflatten(tangent_leaves), has_aux=has_aux)
            t_leaves, store["out_tree"] = tree_flatten(result[1])
            return result[0], t_leaves, (result[2] if has_aux else None)

        if n == 0:
            out = partial(*dynamic)
            out, aux = out if has_aux else (out, None)
            out_leaves, out_tree = tree_flatten(out)
            columns = [np.zeros((0,) + np.shape(o), np.result_type(o)) for o in out_leaves]
        else:
            out, columns, aux = vmap(pushforward, out_axes=(None, 0, None))(*basis)
            out_leaves, out_tree = tree_flatten(out)
        jac = _assemble(_blocks(columns, out_leaves, inputs, False), out_tree, in_trees, argnums)
        return (jac, aux) if has_aux else jac

    name_transform(jacfwd_fun, "jacfwd", fun)
    return jacfwd_fun


def hessian(fun: Callable[P, Any], argnums: int | Sequence[int] = 0) -> Callable[P, Any]:
    """The Hessian of a scalar function: ``jacfwd(jacrev(fun))``, forward over reverse.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.hessian(lambda x: fnp.sum(x ** 3))(fnp.asarray([1.0, 2.0]))
    array([[ 6.,  0.],
           [ 0., 12.]])
    """
    hessian_fun = jacfwd(jacrev(fun, argnums), argnums)
    name_transform(hessian_fun, "hessian", fun)
    return hessian_fun


