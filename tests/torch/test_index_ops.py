"""The torch face's indexing, array and search operations against PyTorch 2.13's answers.

Each expression runs on ``t`` (2x3) and ``u`` (3x3), float32 leaves that require grad; the
printed result (values, ``grad_fn`` name, dtype), the printed gradients of ``t`` and ``u``
after ``backward()`` of a weighted sum of the result, or the error, were recorded from PyTorch
2.13. Then float64 finite differences, ``torch.func.vmap`` against a loop, and in-place
variants.
"""

import os
import sys

import pytest

import funcgrad.torch as torch

sys.path.insert(0, os.path.dirname(__file__))
from anchor_cases import evaluate  # noqa: E402

X0 = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]]
U0 = [[1.0, 0.5, -0.3], [0.2, -1.1, 0.7], [0.4, 0.9, 1.3]]

# (expression, printed result or "!!Error: message", t.grad, u.grad)
CASES = [
    ('torch.gather(t, 1, torch.tensor([[0, 0], [2, 1]]))', 'tensor([[ 0.3000,  0.3000],\n        [-0.6000,  0.4000]], grad_fn=<GatherBackward0>)', 'tensor([[3., 0., 0.],\n        [0., 4., 3.]])', 'None'),  # noqa: E501
    ('t.gather(0, torch.tensor([[1, 0, 1]]))', 'tensor([[ 0.1000, -0.2000, -0.6000]], grad_fn=<GatherBackward0>)', 'tensor([[0., 2., 0.],\n        [1., 0., 3.]])', 'None'),  # noqa: E501
    ('torch.gather(t, 1, torch.tensor([[0], [1]], dtype=torch.int32))', 'tensor([[0.3000],\n        [0.4000]], grad_fn=<GatherBackward0>)', 'tensor([[1., 0., 0.],\n        [0., 2., 0.]])', 'None'),  # noqa: E501
    ('torch.take_along_dim(t, torch.tensor([[2], [0]]), dim=1)', 'tensor([[0.5000],\n        [0.1000]], grad_fn=<GatherBackward0>)', 'tensor([[0., 0., 1.],\n        [2., 0., 0.]])', 'None'),  # noqa: E501
    ('torch.take_along_dim(t, torch.tensor([5, 0, 5]))', 'tensor([-0.6000,  0.3000, -0.6000], grad_fn=<GatherBackward0>)', 'tensor([[2., 0., 0.],\n        [0., 0., 4.]])', 'None'),  # noqa: E501
    ('torch.take(t, torch.tensor([[0, 5], [-1, 2]]))', 'tensor([[ 0.3000, -0.6000],\n        [-0.6000,  0.5000]], grad_fn=<TakeBackward0>)', 'tensor([[1., 0., 4.],\n        [0., 0., 5.]])', 'None'),  # noqa: E501
    ('torch.scatter(t, 1, torch.tensor([[2], [0]]), u[:2, :1])', 'tensor([[ 0.3000, -0.2000,  1.0000],\n        [ 0.2000,  0.4000, -0.6000]], grad_fn=<ScatterBackward0>)', 'tensor([[1., 2., 0.],\n        [0., 5., 6.]])', 'tensor([[3., 0., 0.],\n        [4., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.scatter(t, 0, torch.tensor([[1, 0, 1]]), u[:1])', 'tensor([[ 0.3000,  0.5000,  0.5000],\n        [ 1.0000,  0.4000, -0.3000]], grad_fn=<ScatterBackward0>)', 'tensor([[1., 0., 3.],\n        [0., 5., 0.]])', 'tensor([[4., 2., 6.],\n        [0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.scatter(t, 1, torch.tensor([[1], [2]]), 7.0)', 'tensor([[0.3000, 7.0000, 0.5000],\n        [0.1000, 0.4000, 7.0000]], grad_fn=<ScatterBackward1>)', 'tensor([[1., 0., 3.],\n        [4., 5., 0.]])', 'None'),  # noqa: E501
    ('t.scatter(1, torch.tensor([[0, 0], [1, 1]]), u[:2, :2])', 'tensor([[ 0.5000, -0.2000,  0.5000],\n        [ 0.1000, -1.1000, -0.6000]], grad_fn=<ScatterBackward0>)', 'tensor([[0., 2., 3.],\n        [4., 0., 6.]])', 'tensor([[1., 1., 0.],\n        [5., 5., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.scatter_add(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2])', 'tensor([[ 1.8000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -1.5000]], grad_fn=<ScatterAddBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'tensor([[1., 1., 0.],\n        [6., 6., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('t.scatter_add(0, torch.tensor([[1, 1, 0], [1, 0, 0]]), u[:2])', 'tensor([[ 0.3000, -1.3000,  0.9000],\n        [ 1.3000,  0.9000, -0.6000]], grad_fn=<ScatterAddBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'tensor([[4., 5., 3.],\n        [4., 2., 3.],\n        [0., 0., 0.]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2], 'sum')", 'tensor([[ 1.8000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -1.5000]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'tensor([[1., 1., 0.],\n        [6., 6., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2], 'mean')", 'tensor([[ 0.6000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.5000]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[0.3333, 2.0000, 3.0000],\n        [4.0000, 5.0000, 2.0000]])', 'tensor([[0.3333, 0.3333, 0.0000],\n        [2.0000, 2.0000, 0.0000],\n        [0.0000, 0.0000, 0.0000]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2], 'mean', include_self=False)", 'tensor([[ 0.7500, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.4500]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[0., 2., 3.],\n        [4., 5., 0.]])', 'tensor([[0.5000, 0.5000, 0.0000],\n        [3.0000, 3.0000, 0.0000],\n        [0.0000, 0.0000, 0.0000]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2], 'amax')", 'tensor([[ 1.0000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000,  0.2000]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[0., 2., 3.],\n        [4., 5., 0.]])', 'tensor([[1., 0., 0.],\n        [6., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 1]]), u[:2, :2], 'amin', include_self=False)", 'tensor([[ 0.5000, -0.2000,  0.5000],\n        [ 0.1000, -1.1000,  0.2000]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[0., 2., 3.],\n        [4., 0., 0.]])', 'tensor([[0., 1., 0.],\n        [6., 5., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ("torch.scatter_reduce(t, 1, torch.tensor([[0, 0], [2, 2]]), u[:2, :2], 'prod')", 'tensor([[ 0.1500, -0.2000,  0.5000],\n        [ 0.1000,  0.4000,  0.1320]], grad_fn=<ScatterReduceBackward0>)', 'tensor([[ 0.5000,  2.0000,  3.0000],\n        [ 4.0000,  5.0000, -1.3200]])', 'tensor([[ 0.1500,  0.3000,  0.0000],\n        [ 3.9600, -0.7200,  0.0000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.index_select(t, 1, torch.tensor([2, 0, 2]))', 'tensor([[ 0.5000,  0.3000,  0.5000],\n        [-0.6000,  0.1000, -0.6000]], grad_fn=<IndexSelectBackward0>)', 'tensor([[ 2.,  0.,  4.],\n        [ 5.,  0., 10.]])', 'None'),  # noqa: E501
    ('t.index_select(0, torch.tensor([1]))', 'tensor([[ 0.1000,  0.4000, -0.6000]], grad_fn=<IndexSelectBackward0>)', 'tensor([[0., 0., 0.],\n        [1., 2., 3.]])', 'None'),  # noqa: E501
    ('torch.index_add(t, 1, torch.tensor([0, 0, 2]), u[:2], alpha=2)', 'tensor([[ 3.3000, -0.2000, -0.1000],\n        [-1.7000,  0.4000,  0.8000]], grad_fn=<IndexAddBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'tensor([[ 2.,  2.,  6.],\n        [ 8.,  8., 12.],\n        [ 0.,  0.,  0.]])'),  # noqa: E501
    ('torch.index_copy(t, 0, torch.tensor([1, 0]), u[1:])', 'tensor([[ 0.4000,  0.9000,  1.3000],\n        [ 0.2000, -1.1000,  0.7000]], grad_fn=<IndexCopyBackward0>)', 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])', 'tensor([[0., 0., 0.],\n        [4., 5., 6.],\n        [1., 2., 3.]])'),  # noqa: E501
    ('torch.index_fill(t, 1, torch.tensor([1, 2]), -1.0)', 'tensor([[ 0.3000, -1.0000, -1.0000],\n        [ 0.1000, -1.0000, -1.0000]], grad_fn=<IndexFillBackward0>)', 'tensor([[1., 0., 0.],\n        [4., 0., 0.]])', 'None'),  # noqa: E501
    ('torch.index_fill(t, 1, torch.tensor([1]), u[0, 0])', 'tensor([[ 0.3000,  1.0000,  0.5000],\n        [ 0.1000,  1.0000, -0.6000]], grad_fn=<IndexFillBackward1>)', 'tensor([[1., 0., 3.],\n        [4., 0., 6.]])', 'tensor([[7., 0., 0.],\n        [0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.masked_fill(t, torch.tensor([True, False, True]), 0.0)', 'tensor([[ 0.0000, -0.2000,  0.0000],\n        [ 0.0000,  0.4000,  0.0000]], grad_fn=<MaskedFillBackward0>)', 'tensor([[0., 2., 0.],\n        [0., 5., 0.]])', 'None'),  # noqa: E501
    ("t.masked_fill(t > 0.2, float('-inf')).softmax(-1)", 'tensor([[0.0000, 1.0000, 0.0000],\n        [0.6682, 0.0000, 0.3318]], grad_fn=<SoftmaxBackward0>)', 'tensor([[ 0.0000,  0.0000,  0.0000],\n        [-0.4434,  0.0000,  0.4434]])', 'None'),  # noqa: E501
    ('torch.masked_fill(t, torch.tensor([[True], [False]]), u[1, 1])', 'tensor([[-1.1000, -1.1000, -1.1000],\n        [ 0.1000,  0.4000, -0.6000]], grad_fn=<MaskedFillBackward1>)', 'tensor([[0., 0., 0.],\n        [4., 5., 6.]])', 'tensor([[0., 0., 0.],\n        [0., 6., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.masked_select(t, t > 0)', 'tensor([0.3000, 0.5000, 0.1000, 0.4000], grad_fn=<MaskedSelectBackward0>)', 'tensor([[1., 0., 2.],\n        [3., 4., 0.]])', 'None'),  # noqa: E501
    ('torch.masked_select(t, torch.tensor([True, False, True]))', 'tensor([ 0.3000,  0.5000,  0.1000, -0.6000], grad_fn=<MaskedSelectBackward0>)', 'tensor([[1., 0., 2.],\n        [3., 0., 4.]])', 'None'),  # noqa: E501
    ('t.masked_scatter(torch.tensor([[True, False, True], [False, True, False]]), u)', 'tensor([[ 1.0000, -0.2000,  0.5000],\n        [ 0.1000, -0.3000, -0.6000]], grad_fn=<MaskedScatterBackward0>)', 'tensor([[0., 2., 0.],\n        [4., 0., 6.]])', 'tensor([[1., 3., 5.],\n        [0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('t.put(torch.tensor([0, 4]), u[0, :2])', 'tensor([[ 1.0000, -0.2000,  0.5000],\n        [ 0.1000,  0.5000, -0.6000]], grad_fn=<PutBackward0>)', 'tensor([[0., 2., 3.],\n        [4., 0., 6.]])', 'tensor([[1., 5., 0.],\n        [0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('t.put(torch.tensor([0, 0]), u[0, :2], accumulate=True)', 'tensor([[ 1.8000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000]], grad_fn=<PutBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'tensor([[1., 1., 0.],\n        [0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.nonzero(t > 0)', 'tensor([[0, 0],\n        [0, 2],\n        [1, 0],\n        [1, 1]])', '', ''),  # noqa: E501
    ('torch.nonzero(t > 0, as_tuple=True)', '(tensor([0, 0, 1, 1]), tensor([0, 2, 0, 1]))', '', ''),  # noqa: E501
    ('torch.argwhere(t < 0)', 'tensor([[0, 1],\n        [1, 2]])', '', ''),  # noqa: E501
    ('torch.repeat_interleave(t, 2)', 'tensor([ 0.3000,  0.3000, -0.2000, -0.2000,  0.5000,  0.5000,  0.1000,  0.1000,\n         0.4000,  0.4000, -0.6000, -0.6000], grad_fn=<ViewBackward0>)', 'tensor([[ 3.,  7., 11.],\n        [15., 19., 23.]])', 'None'),  # noqa: E501
    ('torch.repeat_interleave(t, 2, dim=0)', 'tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.3000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000],\n        [ 0.1000,  0.4000, -0.6000]], grad_fn=<ViewBackward0>)', 'tensor([[ 5.,  7.,  9.],\n        [17., 19., 21.]])', 'None'),  # noqa: E501
    ('t.repeat_interleave(torch.tensor([1, 0, 2]), dim=1)', 'tensor([[ 0.3000,  0.5000,  0.5000],\n        [ 0.1000, -0.6000, -0.6000]], grad_fn=<IndexSelectBackward0>)', 'tensor([[ 1.,  0.,  5.],\n        [ 4.,  0., 11.]])', 'None'),  # noqa: E501
    ('torch.repeat_interleave(torch.tensor([1, 3]))', 'tensor([0, 1, 1, 1])', '', ''),  # noqa: E501
    ('t.expand_as(torch.ones(2, 2, 3))', 'tensor([[[ 0.3000, -0.2000,  0.5000],\n         [ 0.1000,  0.4000, -0.6000]],\n\n        [[ 0.3000, -0.2000,  0.5000],\n         [ 0.1000,  0.4000, -0.6000]]], grad_fn=<ExpandBackward0>)', 'tensor([[ 8., 10., 12.],\n        [14., 16., 18.]])', 'None'),  # noqa: E501
    ('t.type_as(torch.ones(1, dtype=torch.float64))', 'tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000]], dtype=torch.float64,\n       grad_fn=<ToCopyBackward0>)', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])', 'None'),  # noqa: E501
    ('torch.diag(t)', 'tensor([0.3000, 0.4000], grad_fn=<DiagonalBackward0_copy>)', 'tensor([[1., 0., 0.],\n        [0., 2., 0.]])', 'None'),  # noqa: E501
    ('torch.diag(t, 1)', 'tensor([-0.2000, -0.6000], grad_fn=<DiagonalBackward0_copy>)', 'tensor([[0., 1., 0.],\n        [0., 0., 2.]])', 'None'),  # noqa: E501
    ('torch.diag(t[0], -1)', 'tensor([[ 0.0000,  0.0000,  0.0000,  0.0000],\n        [ 0.3000,  0.0000,  0.0000,  0.0000],\n        [ 0.0000, -0.2000,  0.0000,  0.0000],\n        [ 0.0000,  0.0000,  0.5000,  0.0000]], grad_fn=<DiagEmbedBackward0>)', 'tensor([[ 5., 10., 15.],\n        [ 0.,  0.,  0.]])', 'None'),  # noqa: E501
    ('torch.diagonal(u)', 'tensor([ 1.0000, -1.1000,  1.3000], grad_fn=<DiagonalBackward0>)', 'None', 'tensor([[1., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 3.]])'),  # noqa: E501
    ('torch.diagonal(u, -1)', 'tensor([0.2000, 0.9000], grad_fn=<DiagonalBackward0>)', 'None', 'tensor([[0., 0., 0.],\n        [1., 0., 0.],\n        [0., 2., 0.]])'),  # noqa: E501
    ('u.diagonal(1, 1, 0)', 'tensor([0.2000, 0.9000], grad_fn=<DiagonalBackward0>)', 'None', 'tensor([[0., 0., 0.],\n        [1., 0., 0.],\n        [0., 2., 0.]])'),  # noqa: E501
    ('torch.diag_embed(t)', 'tensor([[[ 0.3000,  0.0000,  0.0000],\n         [ 0.0000, -0.2000,  0.0000],\n         [ 0.0000,  0.0000,  0.5000]],\n\n        [[ 0.1000,  0.0000,  0.0000],\n         [ 0.0000,  0.4000,  0.0000],\n         [ 0.0000,  0.0000, -0.6000]]], grad_fn=<DiagEmbedBackward0>)', 'tensor([[ 1.,  5.,  9.],\n        [10., 14., 18.]])', 'None'),  # noqa: E501
    ('torch.diag_embed(t, 1, 0, 2)', 'tensor([[[ 0.0000,  0.3000,  0.0000,  0.0000],\n         [ 0.0000,  0.1000,  0.0000,  0.0000]],\n\n        [[ 0.0000,  0.0000, -0.2000,  0.0000],\n         [ 0.0000,  0.0000,  0.4000,  0.0000]],\n\n        [[ 0.0000,  0.0000,  0.0000,  0.5000],\n         [ 0.0000,  0.0000,  0.0000, -0.6000]],\n\n        [[ 0.0000,  0.0000,  0.0000,  0.0000],\n         [ 0.0000,  0.0000,  0.0000,  0.0000]]], grad_fn=<DiagEmbedBackward0>)', 'tensor([[ 2., 11., 20.],\n        [ 6., 15., 24.]])', 'None'),  # noqa: E501
    ('torch.diagflat(t[0])', 'tensor([[ 0.3000,  0.0000,  0.0000],\n        [ 0.0000, -0.2000,  0.0000],\n        [ 0.0000,  0.0000,  0.5000]], grad_fn=<DiagEmbedBackward0>)', 'tensor([[1., 5., 9.],\n        [0., 0., 0.]])', 'None'),  # noqa: E501
    ('torch.tensordot(t, u, dims=1)', 'tensor([[ 0.4600,  0.8200,  0.4200],\n        [-0.0600, -0.9300, -0.5300]], grad_fn=<ViewBackward0>)', 'tensor([[ 1.1000,  0.1000,  6.1000],\n        [ 4.7000, -0.5000, 13.9000]])', 'tensor([[ 0.7000,  1.1000,  1.5000],\n        [ 1.4000,  1.6000,  1.8000],\n        [-1.9000, -2.0000, -2.1000]])'),  # noqa: E501
    ('torch.tensordot(t, u, dims=([1], [0]))', 'tensor([[ 0.4600,  0.8200,  0.4200],\n        [-0.0600, -0.9300, -0.5300]], grad_fn=<ViewBackward0>)', 'tensor([[ 1.1000,  0.1000,  6.1000],\n        [ 4.7000, -0.5000, 13.9000]])', 'tensor([[ 0.7000,  1.1000,  1.5000],\n        [ 1.4000,  1.6000,  1.8000],\n        [-1.9000, -2.0000, -2.1000]])'),  # noqa: E501
    ('torch.tensordot(t, t, dims=2)', 'tensor(0.9100, grad_fn=<ViewBackward0>)', 'tensor([[ 0.6000, -0.4000,  1.0000],\n        [ 0.2000,  0.8000, -1.2000]])', 'None'),  # noqa: E501
    ('torch.kron(t, u[:2, :2])', 'tensor([[ 0.3000,  0.1500, -0.2000, -0.1000,  0.5000,  0.2500],\n        [ 0.0600, -0.3300, -0.0400,  0.2200,  0.1000, -0.5500],\n        [ 0.1000,  0.0500,  0.4000,  0.2000, -0.6000, -0.3000],\n        [ 0.0200, -0.1100,  0.0800, -0.4400, -0.1200,  0.6600]],\n       grad_fn=<UnsafeViewBackward0>)', 'tensor([[-5.4000, -4.2000, -3.0000],\n        [ 1.8000,  3.0000,  4.2000]])', 'tensor([[-0.7000, -0.2000,  0.0000],\n        [ 2.3000,  2.8000,  0.0000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.cross(t, u[:2], dim=1)', 'tensor([[-0.1900,  0.5900,  0.3500],\n        [-0.3800, -0.1900, -0.1900]], grad_fn=<LinalgCrossBackward0>)', 'tensor([[  2.1000,  -3.3000,   1.5000],\n        [-10.1000,   1.6000,   5.4000]])', 'tensor([[ 1.6000,  0.4000, -0.8000],\n        [-5.4000,  3.0000,  1.1000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.cross(t[0], u[0], dim=0)', 'tensor([-0.1900,  0.5900,  0.3500], grad_fn=<LinalgCrossBackward0>)', 'tensor([[ 2.1000, -3.3000,  1.5000],\n        [ 0.0000,  0.0000,  0.0000]])', 'tensor([[ 1.6000,  0.4000, -0.8000],\n        [ 0.0000,  0.0000,  0.0000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.cdist(t, u[:, :3])', 'tensor([[1.2728, 0.9274, 1.3638],\n        [0.9539, 1.9875, 1.9875]], grad_fn=<CdistBackward0>)', 'tensor([[ -0.5543,  -1.0287,  -1.5626],\n        [ -4.9311,   1.8449, -10.2644]])', 'tensor([[ 4.3238,  0.9693,  0.6294],\n        [ 0.0359, -5.7146,  3.7018],\n        [ 1.1256,  3.9291,  7.4957]])'),  # noqa: E501
    ('torch.cdist(t, u, p=1)', 'tensor([[2.2000, 1.2000, 2.0000],\n        [1.3000, 2.9000, 2.7000]], grad_fn=<CdistBackward0>)', 'tensor([[ -2.,  -2.,  -4.],\n        [-15.,  -5., -15.]])', 'tensor([[ 5.,  5.,  3.],\n        [ 3., -7.,  7.],\n        [ 9.,  9.,  9.]])'),  # noqa: E501
    ('torch.cdist(t, t)', 'tensor([[0.0000, 1.2689],\n        [1.2689, 0.0000]], grad_fn=<CdistBackward0>)', 'tensor([[ 0.7881, -2.3643,  4.3346],\n        [-0.7881,  2.3643, -4.3346]])', 'None'),  # noqa: E501
    ('torch.cdist(t[None], u[None], p=3)', 'tensor([[[1.0621, 0.9037, 1.2263],\n         [0.9114, 1.7729, 1.9139]]], grad_fn=<CdistBackward0>)', 'tensor([[-0.4299, -0.8647, -0.8074],\n        [-4.0641,  3.1213, -9.0346]])', 'tensor([[ 4.3351,  0.4826, -0.1340],\n        [-0.0086, -5.5627,  2.7862],\n        [ 0.1674,  2.8235,  7.1898]])'),  # noqa: E501
    ("torch.cdist(t, u, p=float('inf'))", 'tensor([[0.8000, 0.9000, 1.1000],\n        [0.9000, 1.5000, 1.9000]], grad_fn=<CdistBackward0>)', 'tensor([[ 0., -1.,  1.],\n        [-4.,  5., -6.]])', 'tensor([[ 4.,  0., -1.],\n        [ 0., -7.,  0.],\n        [ 0.,  3.,  6.]])'),  # noqa: E501
    ('torch.dist(t, u[:2])', 'tensor(2.3601, grad_fn=<DistBackward0>)', 'tensor([[-0.2966, -0.2966,  0.3390],\n        [-0.0424,  0.6356, -0.5508]])', 'tensor([[ 0.2966,  0.2966, -0.3390],\n        [ 0.0424, -0.6356,  0.5508],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.dist(t, u[1:], p=1)', 'tensor(3.9000, grad_fn=<DistBackward0>)', 'tensor([[ 1.,  1., -1.],\n        [-1., -1., -1.]])', 'tensor([[ 0.,  0.,  0.],\n        [-1., -1.,  1.],\n        [ 1.,  1.,  1.]])'),  # noqa: E501
    ('torch.std_mean(t, 1)', '(tensor([0.3606, 0.5132], grad_fn=<StdMeanBackward0>), tensor([ 0.2000, -0.0333], grad_fn=<StdMeanBackward0>))', 'tensor([[ 0.4720, -0.2214,  0.7494],\n        [ 0.9265,  1.5111, -0.4376]])', 'None'),  # noqa: E501
    ('torch.std_mean(t)', '(tensor(0.4167, grad_fn=<StdMeanBackward0>), tensor(0.0833, grad_fn=<StdMeanBackward0>))', 'tensor([[ 0.2707,  0.0307,  0.3666],\n        [ 0.1747,  0.3186, -0.1613]])', 'None'),  # noqa: E501
    ('torch.var_mean(t, 0, keepdim=True)', '(tensor([[0.0200, 0.1800, 0.6050]], grad_fn=<VarMeanBackward0>), tensor([[ 0.2000,  0.1000, -0.0500]], grad_fn=<VarMeanBackward0>))', 'tensor([[ 0.7000, -0.2000,  4.8000],\n        [ 0.3000,  2.2000, -1.8000]])', 'None'),  # noqa: E501
    ('torch.var_mean(t, dim=1, correction=0)', '(tensor([0.0867, 0.1756], grad_fn=<VarMeanBackward0>), tensor([ 0.2000, -0.0333], grad_fn=<VarMeanBackward0>))', 'tensor([[ 0.4000,  0.0667,  0.5333],\n        [ 0.8444,  1.2444, -0.0889]])', 'None'),  # noqa: E501
    ('torch.tensor_split(t, 2, dim=1)', '(tensor([[ 0.3000, -0.2000],\n        [ 0.1000,  0.4000]], grad_fn=<SliceBackward0>), tensor([[ 0.5000],\n        [-0.6000]], grad_fn=<SliceBackward0>))', 'tensor([[1., 2., 1.],\n        [3., 4., 2.]])', 'None'),  # noqa: E501
    ('torch.tensor_split(t, [1, 2], dim=1)', '(tensor([[0.3000],\n        [0.1000]], grad_fn=<SliceBackward0>), tensor([[-0.2000],\n        [ 0.4000]], grad_fn=<SliceBackward0>), tensor([[ 0.5000],\n        [-0.6000]], grad_fn=<SliceBackward0>))', 'tensor([[1., 1., 1.],\n        [2., 2., 2.]])', 'None'),  # noqa: E501
    ('t.tensor_split(torch.tensor([1]), 0)', '(tensor([[ 0.3000, -0.2000,  0.5000]], grad_fn=<SliceBackward0>), tensor([[ 0.1000,  0.4000, -0.6000]], grad_fn=<SliceBackward0>))', 'tensor([[1., 2., 3.],\n        [1., 2., 3.]])', 'None'),  # noqa: E501
    ('t.unfold(1, 2, 1)', 'tensor([[[ 0.3000, -0.2000],\n         [-0.2000,  0.5000]],\n\n        [[ 0.1000,  0.4000],\n         [ 0.4000, -0.6000]]], grad_fn=<UnfoldBackward0>)', 'tensor([[ 1.,  5.,  4.],\n        [ 5., 13.,  8.]])', 'None'),  # noqa: E501
    ('u.unfold(0, 2, 1)', 'tensor([[[ 1.0000,  0.2000],\n         [ 0.5000, -1.1000],\n         [-0.3000,  0.7000]],\n\n        [[ 0.2000,  0.4000],\n         [-1.1000,  0.9000],\n         [ 0.7000,  1.3000]]], grad_fn=<UnfoldBackward0>)', 'None', 'tensor([[ 1.,  3.,  5.],\n        [ 9., 13., 17.],\n        [ 8., 10., 12.]])'),  # noqa: E501
    ('torch.isin(torch.tensor([1, 2, 3, 4]), torch.tensor([2, 4, 6]))', 'tensor([False,  True, False,  True])', '', ''),  # noqa: E501
    ('torch.isin(t, torch.tensor([0.3, 0.4]), invert=True)', 'tensor([[False,  True,  True],\n        [ True, False,  True]])', '', ''),  # noqa: E501
    ('torch.unique(torch.tensor([3, 1, 2, 1, 3]))', 'tensor([1, 2, 3])', '', ''),  # noqa: E501
    ('torch.unique(torch.tensor([3, 1, 2, 1, 3]), return_inverse=True, return_counts=True)', '(tensor([1, 2, 3]), tensor([2, 0, 1, 0, 2]), tensor([2, 1, 2]))', '', ''),  # noqa: E501
    ('torch.unique(torch.tensor([[1, 2], [1, 2], [0, 5]]), dim=0, return_counts=True)', '(tensor([[0, 5],\n        [1, 2]]), tensor([1, 2]))', '', ''),  # noqa: E501
    ('torch.unique(torch.tensor([3.5, 1.0, 3.5]), sorted=True, return_inverse=True)', '(tensor([1.0000, 3.5000]), tensor([1, 0, 1]))', '', ''),  # noqa: E501
    ('torch.searchsorted(torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.tensor([2.5, 2.0, 0.0, 9.0]))', 'tensor([2, 1, 0, 4])', '', ''),  # noqa: E501
    ('torch.searchsorted(torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.tensor([2.5, 2.0]), right=True)', 'tensor([2, 2])', '', ''),  # noqa: E501
    ('torch.searchsorted(torch.tensor([[1.0, 3.0], [2.0, 4.0]]), torch.tensor([[2.0], [5.0]]))', 'tensor([[1],\n        [2]])', '', ''),  # noqa: E501
    ("torch.searchsorted(torch.tensor([1, 3, 5]), 3, side='right')", 'tensor(2)', '', ''),  # noqa: E501
    ('torch.searchsorted(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0]), out_int32=True)', 'tensor([1], dtype=torch.int32)', '', ''),  # noqa: E501
    ('torch.bucketize(torch.tensor([[0.5, 2.0], [3.0, 9.0]]), torch.tensor([1.0, 2.0, 3.0]))', 'tensor([[0, 1],\n        [2, 3]])', '', ''),  # noqa: E501
    ('torch.bucketize(torch.tensor([0.5, 2.0, 3.0]), torch.tensor([1.0, 2.0, 3.0]), right=True)', 'tensor([0, 2, 3])', '', ''),  # noqa: E501
    ('torch.block_diag(t, u[:1, :1], torch.tensor(2.0))', 'tensor([[ 0.3000, -0.2000,  0.5000,  0.0000,  0.0000],\n        [ 0.1000,  0.4000, -0.6000,  0.0000,  0.0000],\n        [ 0.0000,  0.0000,  0.0000,  1.0000,  0.0000],\n        [ 0.0000,  0.0000,  0.0000,  0.0000,  2.0000]],\n       grad_fn=<BlockDiagBackward0>)', 'tensor([[1., 2., 3.],\n        [6., 7., 8.]])', 'tensor([[14.,  0.,  0.],\n        [ 0.,  0.,  0.],\n        [ 0.,  0.,  0.]])'),  # noqa: E501
    ('torch.cartesian_prod(t[0], t[1, :2])', 'tensor([[ 0.3000,  0.1000],\n        [ 0.3000,  0.4000],\n        [-0.2000,  0.1000],\n        [-0.2000,  0.4000],\n        [ 0.5000,  0.1000],\n        [ 0.5000,  0.4000]], grad_fn=<StackBackward0>)', 'tensor([[ 4., 12., 20.],\n        [18., 24.,  0.]])', 'None'),  # noqa: E501
    ('torch.combinations(t[0])', 'tensor([[ 0.3000, -0.2000],\n        [ 0.3000,  0.5000],\n        [-0.2000,  0.5000]], grad_fn=<StackBackward0>)', 'tensor([[ 4.,  7., 10.],\n        [ 0.,  0.,  0.]])', 'None'),  # noqa: E501
    ('torch.combinations(t[0], 2, with_replacement=True)', 'tensor([[ 0.3000,  0.3000],\n        [ 0.3000, -0.2000],\n        [ 0.3000,  0.5000],\n        [-0.2000, -0.2000],\n        [-0.2000,  0.5000],\n        [ 0.5000,  0.5000]], grad_fn=<StackBackward0>)', 'tensor([[11., 28., 39.],\n        [ 0.,  0.,  0.]])', 'None'),  # noqa: E501
    ('torch.tril_indices(3, 4, 1)', 'tensor([[0, 0, 1, 1, 1, 2, 2, 2, 2],\n        [0, 1, 0, 1, 2, 0, 1, 2, 3]])', '', ''),  # noqa: E501
    ('torch.triu_indices(3, 3, -1)', 'tensor([[0, 0, 0, 1, 1, 1, 2, 2],\n        [0, 1, 2, 0, 1, 2, 1, 2]])', '', ''),  # noqa: E501
    ('torch.baddbmm(t[None], t[None], u[None], beta=0.5, alpha=2)', 'tensor([[[ 1.0700,  1.5400,  1.0900],\n         [-0.0700, -1.6600, -1.3600]]], grad_fn=<BaddbmmBackward0>)', 'tensor([[ 2.7000,  1.2000, 13.7000],\n        [11.4000,  1.5000, 30.8000]])', 'tensor([[ 1.4000,  2.2000,  3.0000],\n        [ 2.8000,  3.2000,  3.6000],\n        [-3.8000, -4.0000, -4.2000]])'),  # noqa: E501
    ('torch.addbmm(t, torch.stack([t, t]), torch.stack([u, u]))', 'tensor([[ 1.2200,  1.4400,  1.3400],\n        [-0.0200, -1.4600, -1.6600]], grad_fn=<AddbmmBackward0>)', 'tensor([[ 3.2000,  2.2000, 15.2000],\n        [13.4000,  4.0000, 33.8000]])', 'tensor([[ 1.4000,  2.2000,  3.0000],\n        [ 2.8000,  3.2000,  3.6000],\n        [-3.8000, -4.0000, -4.2000]])'),  # noqa: E501
    ('torch.addmv(t[0, :2], u[:2], t[1], alpha=3)', 'tensor([ 1.7400, -2.7200], grad_fn=<AddmvBackward0>)', 'tensor([[ 1.0000,  2.0000,  0.0000],\n        [ 4.2000, -5.1000,  3.3000]])', 'tensor([[ 0.3000,  1.2000, -1.8000],\n        [ 0.6000,  2.4000, -3.6000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.addr(u, t[0], t[1], beta=2)', 'tensor([[ 2.0300,  1.1200, -0.7800],\n        [ 0.3800, -2.2800,  1.5200],\n        [ 0.8500,  2.0000,  2.3000]], grad_fn=<AddrBackward0>)', 'tensor([[-0.9000, -1.2000, -1.5000],\n        [ 3.0000,  3.6000,  4.2000]])', 'tensor([[ 2.,  4.,  6.],\n        [ 8., 10., 12.],\n        [14., 16., 18.]])'),  # noqa: E501
    ('torch.kron(t[0], t[1])', 'tensor([ 0.0300,  0.1200, -0.1800, -0.0200, -0.0800,  0.1200,  0.0500,  0.2000,\n        -0.3000], grad_fn=<UnsafeViewBackward0>)', 'tensor([[-0.9000, -1.2000, -1.5000],\n        [ 3.0000,  3.6000,  4.2000]])', 'None'),  # noqa: E501
    ('t.t().stride()', '(1, 3)', '', ''),  # noqa: E501
    ('u.stride()', '(3, 1)', '', ''),  # noqa: E501
    ('t[:, 1:].storage_offset()', '1', '', ''),  # noqa: E501
    ('torch.cummax(t, 1)', 'torch.return_types.cummax(\nvalues=tensor([[0.3000, 0.3000, 0.5000],\n        [0.1000, 0.4000, 0.4000]], grad_fn=<CummaxBackward0>),\nindices=tensor([[0, 0, 2],\n        [0, 1, 1]]))', 'tensor([[ 3.,  0.,  3.],\n        [ 4., 11.,  0.]])', 'None'),  # noqa: E501
    ('torch.cummax(torch.tensor([1.0, 3.0, 3.0, 2.0]) * t[0, 0], 0)', 'torch.return_types.cummax(\nvalues=tensor([0.3000, 0.9000, 0.9000, 0.9000], grad_fn=<CummaxBackward0>),\nindices=tensor([0, 1, 2, 2]))', 'tensor([[28.,  0.,  0.],\n        [ 0.,  0.,  0.]])', 'None'),  # noqa: E501
    ('t.cummin(0)', 'torch.return_types.cummin(\nvalues=tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.1000, -0.2000, -0.6000]], grad_fn=<CumminBackward0>),\nindices=tensor([[0, 0, 0],\n        [1, 0, 1]]))', 'tensor([[1., 7., 3.],\n        [4., 0., 6.]])', 'None'),  # noqa: E501
    ('torch.cummin(u, 1)', 'torch.return_types.cummin(\nvalues=tensor([[ 1.0000,  0.5000, -0.3000],\n        [ 0.2000, -1.1000, -1.1000],\n        [ 0.4000,  0.4000,  0.4000]], grad_fn=<CumminBackward0>),\nindices=tensor([[0, 1, 2],\n        [0, 1, 1],\n        [0, 0, 0]]))', 'None', 'tensor([[ 1.,  2.,  3.],\n        [ 4., 11.,  0.],\n        [24.,  0.,  0.]])'),  # noqa: E501
    ('torch.logcumsumexp(t, 1)', 'tensor([[0.3000, 0.7741, 1.3395],\n        [0.1000, 0.9544, 1.1461]], grad_fn=<LogcumsumexpBackward0>)', 'tensor([[3.3058, 1.3985, 1.2957],\n        [8.2357, 5.7176, 1.0467]])', 'None'),  # noqa: E501
    ('u.logcumsumexp(0)', 'tensor([[ 1.0000,  0.5000, -0.3000],\n        [ 1.3711,  0.6839,  1.0133],\n        [ 1.6922,  1.4909,  1.8600]], grad_fn=<LogcumsumexpBackward0>)', 'None', 'tensor([[7.2632, 9.1300, 5.6516],\n        [2.8142, 1.4395, 7.2077],\n        [1.9226, 4.4305, 5.1408]])'),  # noqa: E501
    ('torch.bincount(torch.tensor([0, 1, 1, 3]))', 'tensor([1, 2, 0, 1])', '', ''),  # noqa: E501
    ('torch.bincount(torch.tensor([0, 1, 1, 3]), minlength=6)', 'tensor([1, 2, 0, 1, 0, 0])', '', ''),  # noqa: E501
    ('torch.bincount(torch.tensor([0, 1, 1]), weights=torch.tensor([0.5, 1.0, 2.0]))', 'tensor([0.5000, 3.0000])', '', ''),  # noqa: E501
    ('torch.histc(t, bins=4)', 'tensor([1., 1., 1., 3.])', '', ''),  # noqa: E501
    ('torch.histc(u, bins=3, min=-1, max=1)', 'tensor([0., 2., 5.])', '', ''),  # noqa: E501
    ('torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1, 1]), return_inverse=True, return_counts=True)', '(tensor([1, 2, 3, 1]), tensor([0, 0, 1, 1, 2, 3, 3]), tensor([2, 2, 1, 2]))', '', ''),  # noqa: E501
    ('torch.gather(t, 1, torch.tensor([[0.0], [1.0]]))', '!!RuntimeError: gather(): Expected dtype int32/int64 for index', '', ''),  # noqa: E501
    ('torch.gather(t, 1, torch.tensor([[3]]))', '!!RuntimeError: index 3 is out of bounds for dimension 1 with size 3', '', ''),  # noqa: E501
    ('torch.gather(t, 1, torch.tensor([0]))', '!!RuntimeError: Index tensor must have the same number of dimensions as input tensor', '', ''),  # noqa: E501
    ('torch.gather(t, 1, torch.tensor([[0], [1], [0]]))', '!!RuntimeError: Size does not match at dimension 0 expected index [3, 1] to be no larger than self [2, 3] apart from dimension 1', '', ''),  # noqa: E501
    ('torch.scatter(t, 1, torch.tensor([[0], [1]]), torch.ones(2, 1, dtype=torch.float64))', '!!RuntimeError: scatter(): Expected self.dtype to be equal to src.dtype', '', ''),  # noqa: E501
    ('torch.scatter(t, 1, torch.tensor([[0], [3]]), 5.0)', '!!RuntimeError: index 3 is out of bounds for dimension 1 with size 3', '', ''),  # noqa: E501
    ('torch.scatter_add(t, 1, torch.tensor([[0], [1]]), torch.ones(2, 1, dtype=torch.int64))', '!!RuntimeError: scatter(): Expected self.dtype to be equal to src.dtype', '', ''),  # noqa: E501
    ('torch.index_select(t, 1, torch.tensor([0.0, 2.0]))', '!!RuntimeError: index_select(): Expected dtype int32 or int64 for index', '', ''),  # noqa: E501
    ('torch.index_select(t, 1, torch.tensor([[0, 2]]))', '!!IndexError: index_select(): Index is supposed to be a vector', '', ''),  # noqa: E501
    ('torch.index_select(t, 1, torch.tensor([5]))', '!!RuntimeError: INDICES element is out of DATA bounds, id=5 axis_dim=3', '', ''),  # noqa: E501
    ('torch.masked_fill(t, torch.tensor([1, 0, 1]), 0.0)', '!!RuntimeError: masked_fill_ only supports boolean masks, but got mask with dtype long int', '', ''),  # noqa: E501
    ('torch.masked_fill(t, torch.tensor([True, False, True]), torch.tensor([1.0, 2.0]))', '!!RuntimeError: masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).', '', ''),  # noqa: E501
    ('torch.masked_fill(t, torch.tensor([True, False]), 1.0)', '!!RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1', '', ''),  # noqa: E501
    ('torch.masked_select(t, torch.tensor([1, 0, 1]))', '!!RuntimeError: masked_select: expected BoolTensor for mask', '', ''),  # noqa: E501
    ('torch.take(t, torch.tensor([6]))', '!!IndexError: out of range: tried to access index 6 on a tensor of 6 elements.', '', ''),  # noqa: E501
    ('torch.take_along_dim(t, torch.tensor([[0, 1]]), 0)', '!!RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1', '', ''),  # noqa: E501
    ('torch.cdist(t, u[:, :2])', '!!RuntimeError: X1 and X2 must have the same number of columns. X1: 3 X2: 2', '', ''),  # noqa: E501
    ('torch.cdist(t[0], u)', '!!RuntimeError: cdist only supports at least 2D tensors, X1 got: 1D', '', ''),  # noqa: E501
    ('torch.cross(t, u[:2, :2], dim=1)', '!!RuntimeError: linalg.cross: inputs dimension 1 must have length 3. Got 3 and 2', '', ''),  # noqa: E501
    ('torch.diag(torch.ones(2, 2, 2))', '!!RuntimeError: diag(): Supports 1D or 2D tensors. Got 3D', '', ''),  # noqa: E501
    ('t.unfold(1, 4, 1)', '!!RuntimeError: maximum size for tensor at dimension 1 is 3 but size is 4', '', ''),  # noqa: E501
    ('torch.index_add(t, 0, torch.tensor([0]), torch.ones(1, 3, dtype=torch.float64))', '!!RuntimeError: index_add_(): self (Float) and source (Double) must have the same scalar type', '', ''),  # noqa: E501
    ('torch.repeat_interleave(t, torch.tensor([1, 2]), dim=1)', '!!RuntimeError: repeats must have the same size as input along dim, but got repeats.size(0) = 2 and input.size(1) = 3', '', ''),  # noqa: E501
    ('torch.searchsorted(torch.tensor([[1.0, 2.0]]), 2.0)', "!!RuntimeError: torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(2) and input value's dim(0) numel(1)", '', ''),  # noqa: E501
    ('torch.bucketize(t, torch.ones(2, 2))', '!!RuntimeError: boundaries tensor must be 1 dimension, but got dim(2)', '', ''),  # noqa: E501
    ('torch.tensordot(t, u, dims=([0], [0]))', '!!RuntimeError: contracted dimensions need to match, but first has size 2 in dim 0 and second has size 3 in dim 0', '', ''),  # noqa: E501
]


@pytest.mark.parametrize(("expression", "out", "grad_t", "grad_u"), CASES,
                         ids=[c[0] for c in CASES])
def test_against_pytorch(expression, out, grad_t, grad_u):
    assert evaluate(expression, X0, U0) == (out, grad_t, grad_u)


# ---------------------------------------------------------------------------
# Finite differences in float64
# ---------------------------------------------------------------------------

I2 = [[0, 2], [1, 1]]
I3 = [[0, 2], [1, 0]]  # no repeats: PyTorch's gradient of an overwritten value is not zero
GRADCHECK = {
    "gather": lambda x, u: torch.gather(x, 1, torch.tensor(I2)),
    "take_along_dim": lambda x, u: torch.take_along_dim(x, torch.tensor([[2], [0]]), 1),
    "take": lambda x, u: torch.take(x, torch.tensor([[0, 5], [-1, 5]])),
    "scatter": lambda x, u: torch.scatter(x, 1, torch.tensor(I3), u[:2, :2]),
    "scatter_value": lambda x, u: torch.scatter(x, 1, torch.tensor(I2), 2.0),
    "scatter_add": lambda x, u: torch.scatter_add(x, 1, torch.tensor(I2), u[:2, :2]),
    "scatter_mean": lambda x, u: torch.scatter_reduce(x, 1, torch.tensor(I2), u[:2, :2], "mean"),
    "scatter_prod": lambda x, u: torch.scatter_reduce(x, 1, torch.tensor(I2), u[:2, :2], "prod"),
    "scatter_amax": lambda x, u: torch.scatter_reduce(x, 1, torch.tensor(I2), u[:2, :2], "amax"),
    "index_select": lambda x, u: torch.index_select(x, 1, torch.tensor([2, 0, 2])),
    "index_add": lambda x, u: torch.index_add(x, 1, torch.tensor([0, 0, 2]), u[:2], alpha=2),
    "index_copy": lambda x, u: torch.index_copy(x, 0, torch.tensor([1, 0]), u[1:]),
    "index_fill": lambda x, u: torch.index_fill(x, 1, torch.tensor([1]), u[0, 0]),
    "masked_fill": lambda x, u: torch.masked_fill(x, torch.tensor([True, False, True]), u[1, 1]),
    "masked_select": lambda x, u: torch.masked_select(x, torch.tensor([True, False, True])),
    "masked_scatter": lambda x, u: x.masked_scatter(torch.tensor([False, True, True]), u),
    "put": lambda x, u: x.put(torch.tensor([0, 4]), u[0, :2]),
    "repeat_interleave": lambda x, u: x.repeat_interleave(torch.tensor([1, 0, 2]), dim=1),
    "diag": lambda x, u: torch.diag(x[0], 1) + torch.diag(u, -1).sum(),
    "diag_embed": lambda x, u: torch.diag_embed(x, 1, 0, 2),
    "tensordot": lambda x, u: torch.tensordot(x, u, dims=([1], [1])),
    "kron": lambda x, u: torch.kron(x, u),
    "cross": lambda x, u: torch.cross(x, u[:2], dim=1),
    "cdist": lambda x, u: torch.cdist(x, u),
    "cdist_p1": lambda x, u: torch.cdist(x, u, p=1),
    "cdist_p3": lambda x, u: torch.cdist(x, u, p=3),
    "dist": lambda x, u: torch.dist(x, u[1:], p=3),
    "std_mean": lambda x, u: torch.std_mean(x, 1),
    "var_mean": lambda x, u: torch.var_mean(u, 0),
    "unfold": lambda x, u: u.unfold(1, 2, 1),
    "cummax": lambda x, u: torch.cummax(u, 1).values,
    "logcumsumexp": lambda x, u: torch.logcumsumexp(u, 0),
    "block_diag": lambda x, u: torch.block_diag(x, u),
    "baddbmm": lambda x, u: torch.baddbmm(x[None], x[None], u[None], beta=0.5, alpha=2),
    "addr": lambda x, u: torch.addr(u, x[0], x[1], beta=2),
}


@pytest.mark.parametrize("name", list(GRADCHECK))
def test_gradients_match_finite_differences(name):
    x = torch.tensor(X0, dtype=torch.float64, requires_grad=True)
    u = torch.tensor(U0, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(GRADCHECK[name], (x, u))


# ---------------------------------------------------------------------------
# torch.func.vmap against a loop, and grad through it
# ---------------------------------------------------------------------------

XB = [[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]], [[-1.0, 0.7, 0.2], [0.9, -0.3, 0.0]],
      [[0.5, 0.5, -0.5], [1.2, -0.8, 0.3]]]
IB = [[[0, 2], [1, 1]], [[2, 2], [0, 1]], [[1, 0], [0, 0]]]
VB = [0, 2, 1]
VMAPPED = {
    "gather": lambda x, i, v: torch.gather(x, 1, i),
    "take_along_dim": lambda x, i, v: torch.take_along_dim(x, i, 1),
    "take": lambda x, i, v: torch.take(x, i),
    "scatter": lambda x, i, v: torch.scatter(x, 1, i, x[:, :2] * 3),
    "scatter_value": lambda x, i, v: torch.scatter(x, 1, i, 3.0),
    "scatter_add": lambda x, i, v: torch.scatter_add(x, 1, i, x[:, :2] * 3),
    "scatter_mean": lambda x, i, v: torch.scatter_reduce(x, 1, i, x[:, 1:], "mean"),
    "index_select": lambda x, i, v: torch.index_select(x, 1, v.reshape(1)),
    "index_add": lambda x, i, v: torch.index_add(x, 1, v.reshape(1), x[:, :1] * 2),
    "index_copy": lambda x, i, v: torch.index_copy(x, 1, v.reshape(1), x[:, :1] * 2),
    "index_fill": lambda x, i, v: torch.index_fill(x, 1, v.reshape(1), -1.0),
    "masked_fill": lambda x, i, v: torch.masked_fill(x, x > 0, x[0, 0]),
    "repeat_interleave": lambda x, i, v: torch.repeat_interleave(x, 2, dim=1),
    "diagonal": lambda x, i, v: torch.diagonal(x, 1),
    "diag_embed": lambda x, i, v: torch.diag_embed(x),
    "tensordot": lambda x, i, v: torch.tensordot(x, x.t(), dims=1),
    "cross": lambda x, i, v: torch.cross(x, x.flip(0), dim=1),
    "cdist": lambda x, i, v: torch.cdist(x, x * 2),
    "std_mean": lambda x, i, v: torch.std_mean(x, 1)[0],
    "tensor_split": lambda x, i, v: torch.tensor_split(x, 2, dim=1)[1],
    "unfold": lambda x, i, v: x.unfold(1, 2, 1),
    "isin": lambda x, i, v: torch.isin(i, v),
    "searchsorted": lambda x, i, v: torch.searchsorted(x.exp().cumsum(-1), x),
    "bucketize": lambda x, i, v: torch.bucketize(x, torch.tensor([-0.5, 0.0, 0.5])),
    "cummax": lambda x, i, v: torch.cummax(x, 1).values,
    "cummin_indices": lambda x, i, v: torch.cummin(x, 1).indices,
    "logcumsumexp": lambda x, i, v: torch.logcumsumexp(x, 1),
}


@pytest.mark.parametrize("name", list(VMAPPED))
def test_vmap_matches_a_loop(name):
    f = VMAPPED[name]
    x, i, v = torch.tensor(XB, dtype=torch.float64), torch.tensor(IB), torch.tensor(VB)
    out = torch.func.vmap(f)(x, i, v)
    loop = torch.stack([f(x[k], i[k], v[k]) for k in range(3)])
    assert out.dtype == loop.dtype
    assert torch.allclose(out, loop) if out.is_floating_point() else torch.equal(out, loop)
    if out.is_floating_point():
        g = torch.func.grad(lambda a: (torch.func.vmap(f)(a, i, v) ** 2).sum())(x)
        expected = []
        for k in range(3):
            a = x[k].clone().requires_grad_()
            (f(a, i[k], v[k]) ** 2).sum().backward()
            expected.append(a.grad)
        assert torch.allclose(g, torch.stack(expected))


def test_traced_masks_and_sizes_say_why_they_fail():
    with pytest.raises(RuntimeError, match="depends on the mask's values"):
        torch.func.vmap(lambda x: torch.masked_select(x, x > 0))(torch.ones(2, 3))
    with pytest.raises(RuntimeError, match="depends on the values"):
        torch.func.vmap(lambda x: torch.unique(x))(torch.ones(2, 3))


# ---------------------------------------------------------------------------
# In-place variants
# ---------------------------------------------------------------------------

INPLACE = [
    ("scatter_", (1, torch.tensor([[0], [2]]), torch.tensor([[5.0], [6.0]])), "ScatterBackward0"),
    ("scatter_add_", (1, torch.tensor([[0], [2]]), torch.tensor([[5.0], [6.0]])),
     "ScatterAddBackward0"),
    ("scatter_reduce_", (1, torch.tensor([[0], [2]]), torch.tensor([[5.0], [6.0]]), "amax"),
     "ScatterReduceBackward0"),
    ("index_add_", (0, torch.tensor([1]), torch.ones(1, 3)), "IndexAddBackward0"),
    ("index_copy_", (0, torch.tensor([1]), torch.ones(1, 3)), "IndexCopyBackward0"),
    ("index_fill_", (1, torch.tensor([0]), 2.0), "IndexFillBackward0"),
    ("masked_fill_", (torch.tensor([True, False, True]), 0.0), "MaskedFillBackward0"),
    ("masked_scatter_", (torch.tensor([True, False, True]), torch.ones(4)),
     "MaskedScatterBackward0"),
    ("put_", (torch.tensor([0, 5]), torch.tensor([7.0, 8.0])), "PutBackward0"),
]


@pytest.mark.parametrize(("name", "args", "node"), INPLACE, ids=[c[0] for c in INPLACE])
def test_inplace_variants(name, args, node):
    leaf = torch.tensor(X0, requires_grad=True)
    y = leaf * 1
    before = y._version
    expected = getattr(y, name[:-1])(*args)
    assert getattr(y, name)(*args) is y
    assert y._version == before + 1
    assert torch.equal(y, expected)
    assert type(y.grad_fn).__name__ == node
    y.sum().backward()
    assert leaf.grad is not None
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        getattr(leaf, name)(*args)
