"""The function ``vjp`` returns is a pytree (as JAX's): its leaves are the recorded values,
and a pullback rebuilt from other leaves computes the backward pass from those."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.tree_util import tree_flatten, tree_leaves, tree_map, tree_unflatten


def mlp(params, x):
    (w1, b1), (w2, b2) = params
    h = fnp.tanh(x @ w1 + b1)
    return fnp.sum((h @ w2 + b2) ** 2), h


@pytest.fixture
def problem():
    r = np.random.default_rng(0)
    params = [(r.normal(size=(3, 4)), r.normal(size=4)), (r.normal(size=(4, 2)), r.normal(size=2))]
    return params, r.normal(size=(5, 3))


def close(a, b):
    for u, v in zip(tree_leaves(a), tree_leaves(b)):
        np.testing.assert_allclose(u, v, rtol=1e-12, atol=1e-12)


def test_rebuilt_pullback_gives_the_same_cotangents(problem):
    params, x = problem
    out, f_vjp = fg.vjp(mlp, params, x)
    ct = (np.array(1.5), np.ones((5, 4)))
    leaves, treedef = tree_flatten(f_vjp)
    assert all(isinstance(leaf, (np.ndarray, np.generic)) for leaf in leaves)
    close(tree_unflatten(treedef, leaves)(ct), f_vjp(ct))
    close(f_vjp(ct), fg.vjp(mlp, params, x)[1](ct))


def test_a_rebuilt_pullback_reads_its_leaves():
    # d(x*y) = (y, x): the pullback rebuilt with x=5, y=7 (and their product) gives (7, 5).
    _, f_vjp = fg.vjp(lambda x, y: x * y, 2.0, 3.0)
    leaves, treedef = tree_flatten(f_vjp)
    assert [float(v) for v in leaves] == [2.0, 3.0, 6.0]
    moved = tree_unflatten(treedef, [np.array(5.0), np.array(7.0), np.array(35.0)])
    assert [float(g) for g in moved(1.0)] == [7.0, 5.0]


def test_pullback_passes_through_jit(problem):
    params, x = problem
    _, f_vjp = fg.vjp(lambda p: mlp(p, x)[0], params)
    apply = fg.jit(lambda pullback, ct: pullback(ct))
    close(apply(f_vjp, 2.0), f_vjp(2.0))
    close(tree_map(lambda v: v * 1, f_vjp)(2.0), f_vjp(2.0))


def test_backward_pass_staged_from_the_leaves():
    # JAX's gradient-checkpointing guide prints the forward pass (with the residuals
    # as outputs) and the backward pass as a function of the residuals.
    f = lambda x: fnp.sin(fnp.sin(x))  # noqa: E731
    x = np.linspace(0.0, 1.0, 3)
    fwd = fg.make_jaxpr(lambda x: fg.vjp(f, x))(x).jaxpr
    assert [e.prim.name for e in fwd.eqns] == ["sin", "sin"]
    y, f_vjp = fg.vjp(f, x)
    res, treedef = tree_flatten(f_vjp)
    assert len(fwd.outvars) == 1 + len(res)

    def backward(*args):
        *res, ct = args
        return tree_unflatten(treedef, res)(ct)

    bwd = fg.make_jaxpr(backward)(*res, np.ones(3))
    names = [e.prim.name for e in bwd.eqns]
    assert "sin" not in names and names.count("cos") == 2
    np.testing.assert_allclose(bwd(*res, np.ones(3))[0], np.cos(np.sin(x)) * np.cos(x))


def test_checkpoint_and_custom_vjp_nodes_rebuild():
    @fg.custom_vjp
    def h(x):
        return fnp.sin(x)

    h.defvjp(lambda x: (fnp.sin(x), fnp.cos(x)), lambda c, g: (3 * g * c,))

    def f(w, x):
        y = fg.checkpoint(lambda w, x: fnp.tanh(w @ x))(w, x)
        return fnp.sum(h(y))

    w, x = np.eye(3) * 0.5, np.array([0.1, 0.2, 0.3])
    _, f_vjp = fg.vjp(f, w, x)
    leaves, treedef = tree_flatten(f_vjp)
    close(tree_unflatten(treedef, leaves)(1.0), f_vjp(1.0))
    close(f_vjp(1.0), fg.grad(f, argnums=(0, 1))(w, x))


def test_has_aux_and_a_constant_output():
    def f(x):
        return (fnp.sum(x * x), np.float64(4.0)), "aux"

    out, f_vjp, aux = fg.vjp(f, np.arange(3.0), has_aux=True)
    assert aux == "aux"
    leaves, treedef = tree_flatten(f_vjp)
    ct = (np.array(1.0), np.array(1.0))
    close(tree_unflatten(treedef, leaves)(ct), (2 * np.arange(3.0),))


def test_structure_of_cotangent_still_checked():
    _, f_vjp = fg.vjp(lambda x: (x, x), 1.0)
    leaves, treedef = tree_flatten(f_vjp)
    with pytest.raises(TypeError, match="structure of the output"):
        tree_unflatten(treedef, leaves)(1.0)


def test_ir_reads_as_a_closed_jaxpr():
    ir = fg.make_jaxpr(lambda x, y: fnp.sin(x) * y)(np.ones(2), 3.0)
    assert ir.jaxpr is ir
    assert [str(a) for a in ir.in_avals] == [str(ir.invars[0].aval), str(ir.invars[1].aval)]
    assert ir.out_avals[0].shape == (2,)
