"""Tensors through the functional transforms (``fg.grad``, ``jacrev``, ``vmap``, ``jit``, ...).

To the transforms a :class:`funcgrad.torch.Tensor` is a pytree node whose one
leaf is its array: a transform sees the array, traces it, and the function
receives a tensor built around the traced value. Results come back as tensors
wherever the function's input or output was one (as ``torch.func`` does).
To users' pytree functions (``funcgrad.tree``, ``funcgrad.tree_util``) a tensor
is a leaf, as JAX treats a torch tensor.
"""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.torch as torch
from funcgrad.core import tree_util as core_tree
from funcgrad.torch.utils.data import default_collate
from funcgrad.tree_util import tree_flatten, tree_leaves, tree_map, tree_structure


def _np(t):
    assert isinstance(t, torch.Tensor), type(t)
    return t.detach().numpy()


def test_grad_of_a_function_of_a_tensor():
    g = fg.grad(lambda t: (t * t).sum())(torch.tensor(3.0))
    assert isinstance(g, torch.Tensor) and g.dtype == torch.float32
    assert repr(g) == "tensor(6.)"


def test_grad_leaves_autograd_state_alone():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    g = fg.grad(lambda t: (t**3).sum())(x)
    np.testing.assert_allclose(_np(g), [3.0, 12.0])
    assert not g.requires_grad and g.grad_fn is None
    assert x.grad is None  # a transform returns derivatives, it does not accumulate


def test_value_and_grad_returns_tensors():
    value, g = fg.value_and_grad(lambda t: (t * t).sum())(torch.tensor([1.0, 2.0]))
    assert repr(value) == "tensor(5.)"
    np.testing.assert_allclose(_np(g), [2.0, 4.0])


def test_jacobians_and_hessian():
    x = torch.tensor([1.0, 2.0, 3.0])

    def f(t):
        return torch.sin(t) * t

    expected = np.diag(np.sin(_np(x)) + _np(x) * np.cos(_np(x)))
    np.testing.assert_allclose(_np(fg.jacrev(f)(x)), expected, rtol=1e-6)
    np.testing.assert_allclose(_np(fg.jacfwd(f)(x)), expected, rtol=1e-6)
    h = fg.hessian(lambda t: (t**3).sum())(x)
    np.testing.assert_allclose(_np(h), np.diag(6 * _np(x)))


def test_jacrev_with_several_tensor_arguments():
    a, b = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])
    ja, jb = fg.jacrev(lambda u, v: u * v, argnums=(0, 1))(a, b)
    np.testing.assert_allclose(_np(ja), np.diag([3.0, 4.0]))
    np.testing.assert_allclose(_np(jb), np.diag([1.0, 2.0]))


def test_vjp_and_jvp_take_tensors():
    x = torch.tensor([1.0, 2.0])
    out, pullback = fg.vjp(lambda t: t * t, x)
    assert repr(out) == "tensor([1., 4.])"
    (ct,) = pullback(torch.tensor([1.0, 1.0]))
    np.testing.assert_allclose(_np(ct), [2.0, 4.0])
    y, dy = fg.jvp(lambda t: t * t, (x,), (torch.ones(2),))
    np.testing.assert_allclose(_np(y), [1.0, 4.0])
    np.testing.assert_allclose(_np(dy), [2.0, 4.0])


def test_vmap_over_tensors():
    xs = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    out = fg.vmap(lambda t: (t * t).sum())(xs)
    np.testing.assert_allclose(_np(out), [5.0, 25.0])
    per_row = fg.vmap(fg.grad(lambda t: (t**3).sum()))(xs)
    np.testing.assert_allclose(_np(per_row), 3 * _np(xs) ** 2)
    scaled = fg.vmap(lambda t, s: t * s, in_axes=(0, None))(xs, torch.tensor(2.0))
    np.testing.assert_allclose(_np(scaled), 2 * _np(xs))


def test_jit_of_a_function_of_tensors():
    f = fg.jit(lambda t: torch.sin(t) * 2 + t.sum())
    x = torch.tensor([0.0, 1.0])
    np.testing.assert_allclose(_np(f(x)), 2 * np.sin([0.0, 1.0]) + 1.0, rtol=1e-6)
    np.testing.assert_allclose(_np(f(x)), _np(f(x)))  # the cached program


def test_higher_order_and_pytrees_of_tensors():
    d2 = fg.grad(fg.grad(lambda t: (t**4).sum()))(torch.tensor(2.0))
    assert repr(d2) == "tensor(48.)"
    params = {"w": torch.tensor(2.0), "b": torch.tensor(3.0)}
    g = fg.grad(lambda p: (p["w"] * p["b"] + p["b"]).sum())(params)
    assert repr(g) == "{'b': tensor(3.), 'w': tensor(3.)}"


def test_funcgrad_numpy_functions_on_tensors_inside_a_transform():
    g = fg.grad(lambda t: fnp.sum(fnp.sin(t) * t))(torch.tensor([0.0, 1.0]))
    np.testing.assert_allclose(_np(g), [0.0, np.sin(1.0) + np.cos(1.0)], rtol=1e-6)


def test_a_tensor_that_requires_grad_in_a_closure_is_a_constant_to_the_transform():
    w = torch.tensor([2.0, 3.0], requires_grad=True)
    g = fg.grad(lambda t: (t * w).sum())(torch.ones(2))
    np.testing.assert_allclose(_np(g), [2.0, 3.0])


def test_integer_tensor_is_refused_with_the_usual_message():
    with pytest.raises(TypeError, match="floating dtype.*int64"):
        fg.grad(lambda t: (t * t).sum())(torch.tensor(3))


def test_to_the_transforms_a_tensor_is_a_node_with_one_leaf():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (leaf,) = core_tree.tree_leaves(x)
    assert isinstance(leaf, np.ndarray) and leaf.dtype == np.float32
    # Autograd state is not part of the structure.
    assert core_tree.tree_structure(x) == core_tree.tree_structure(torch.zeros(3))
    doubled = core_tree.tree_map(lambda a: a * 2, {"x": x})
    assert isinstance(doubled["x"], torch.Tensor) and not doubled["x"].requires_grad
    np.testing.assert_allclose(_np(doubled["x"]), [2.0, 4.0])
    # Leaves that are not arrays are not wrapped.
    assert core_tree.tree_map(lambda a: a.shape, x) == (2,)


def test_to_users_pytree_functions_a_tensor_is_a_leaf_as_in_jax():
    # JAX's "Training a simple neural network, with PyTorch data loading" collates
    # batches with tree_map(np.asarray, default_collate(batch)) and feeds them to jit.
    batch = default_collate([(np.ones(3, np.float32), 1), (np.zeros(3, np.float32), 0)])
    x, y = tree_map(np.asarray, batch)
    assert type(x) is np.ndarray and x.dtype == np.float32 and x.shape == (2, 3)
    assert type(y) is np.ndarray and y.dtype == np.int64
    t = torch.tensor([1.0, 2.0], requires_grad=True)
    for leaves in (tree_leaves({"t": t}), fg.tree.leaves({"t": t}), tree_flatten([t])[0]):
        assert len(leaves) == 1 and leaves[0] is t
    assert str(tree_structure(t)) == "PyTreeDef(*)"
    assert fg.tree.map(lambda a: a.shape, [t]) == [(2,)]
    assert tree_leaves([t, 1.0], lambda v: isinstance(v, float)) == [t, 1.0]
    assert fg.jit(lambda a: a * 2)(x).shape == (2, 3)
