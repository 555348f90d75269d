"""What JAX programs written by others reach for beyond the transforms: the IR read as a
jaxpr (custom interpreters), ``lax.<name>_p``, ``funcgrad.extend.core`` and
``funcgrad.example_libraries``.

The reference numbers were recorded once from JAX 0.10.2 (``JAX_ENABLE_X64=1``), running
the same code with ``jax`` imports.
"""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax
from funcgrad.extend import core


def _inverse(fun, registry):
    """The inverse of a chain of unary primitives, interpreted backwards from its IR
    (JAX's "Writing custom Jaxpr interpreters" tutorial, written with its names)."""

    def wrapped(x):
        closed = fg.make_jaxpr(fun)(x)
        jaxpr = closed.jaxpr
        env = {}

        def read(var):
            return var.val if type(var) is core.Literal else env[var]

        env[jaxpr.outvars[0]] = x
        for var, value in zip(jaxpr.constvars, closed.literals):
            env[var] = value
        for eqn in jaxpr.eqns[::-1]:
            if eqn.primitive not in registry:
                raise NotImplementedError(f"{eqn.primitive} has no inverse")
            env[eqn.invars[0]] = registry[eqn.primitive](*[read(v) for v in eqn.outvars])
        return read(jaxpr.invars[0])

    return wrapped


def test_inverse_interpreter_under_jit_vmap_grad():
    registry = {lax.exp_p: fnp.log, lax.tanh_p: fnp.arctanh}
    f_inv = _inverse(lambda x: fnp.exp(fnp.tanh(x)), registry)
    np.testing.assert_allclose(f_inv(np.exp(np.tanh(1.0))), 1.0)
    got = fg.jit(fg.vmap(fg.grad(f_inv)))((fnp.arange(5) + 1.0) / 5.0)
    want = [-3.1440798604623548, 15.584937488120188, 2.2551254585222846,
            1.3155028941386715, 1.0]  # JAX
    np.testing.assert_allclose(got, want, rtol=1e-12)
    ir = fg.make_jaxpr(f_inv)(2.0)
    assert [str(e.primitive) for e in ir.eqns] == ["log", "atanh"]  # as JAX prints it


def test_eval_interpreter_reads_jax_names():
    def f(w, b, x):
        return fnp.dot(w, x) + b + fnp.ones(5), x

    args = (np.ones((5, 10)), np.ones(5), np.ones(10))
    closed = fg.make_jaxpr(f)(*args)
    jaxpr = closed.jaxpr
    env = {}
    for var, value in zip(jaxpr.constvars, closed.literals):
        env[var] = value
    for var, value in zip(jaxpr.invars, args):
        env[var] = value
    for eqn in jaxpr.eqns:
        ins = [v.val if type(v) is core.Literal else env[v] for v in eqn.invars]
        out = eqn.primitive.bind(*ins, **eqn.params)
        outs = out if eqn.primitive.multiple_results else [out]
        for var, value in zip(eqn.outvars, outs):
            env[var] = value
    result = [env[v] for v in jaxpr.outvars]
    np.testing.assert_array_equal(result[0], np.full(5, 12.0))
    np.testing.assert_array_equal(result[1], np.ones(10))
    assert all(isinstance(e, core.JaxprEqn) for e in jaxpr.eqns)
    assert isinstance(closed, core.ClosedJaxpr) and isinstance(jaxpr, core.Jaxpr)
    assert all(isinstance(v, core.Var) for v in jaxpr.invars)
    assert all(isinstance(e.primitive, core.Primitive) for e in jaxpr.eqns)


def test_literal_val_and_eqn_names():
    ir = fg.make_jaxpr(lambda x: x + 1)(5)
    (eqn,) = ir.eqns
    assert str(eqn.primitive) == "add" and eqn.primitive is lax.add_p
    assert eqn.invars is eqn.inputs and eqn.outvars is eqn.outputs
    assert eqn.invars[1].val == 1 and type(eqn.invars[1]) is core.Literal
    assert eqn.outvars[0] is ir.outvars[0]
    assert "add" in repr(eqn)


@pytest.mark.parametrize("x", [np.array([0.5, -1.5]), np.array(2.0)])
def test_jaxpr_as_fun_replays_and_differentiates(x):
    fun = core.jaxpr_as_fun(fg.make_jaxpr(lambda y: fnp.sin(y) * 3.0)(x))
    np.testing.assert_allclose(fun(x)[0], np.sin(x) * 3.0)
    np.testing.assert_allclose(fg.grad(lambda y: fnp.sum(fun(y)[0]))(x), 3.0 * np.cos(x))
    with pytest.raises(TypeError, match="what make_jaxpr returns"):
        core.jaxpr_as_fun(lambda y: y)


def test_lax_primitive_names():
    assert lax.sin_p.name == "sin" and lax.convert_element_type_p is lax.convert_p
    with pytest.raises(AttributeError, match="no primitive named 'frobnicate'"):
        lax.frobnicate_p  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        lax.nothing_here  # noqa: B018


def test_example_libraries_are_the_same_modules():
    from funcgrad.example_libraries.stax import Dense, Relu

    from funcgrad import example_libraries, optimizers, stax
    from funcgrad.example_libraries import optimizers as ex_optimizers
    from funcgrad.example_libraries import stax as ex_stax

    assert ex_stax is stax and ex_optimizers is optimizers
    assert Dense is stax.Dense and Relu is stax.Relu
    assert example_libraries.__all__ == ["optimizers", "stax"]


# ---------------------------------------------------------------------------
# pmap: recorded with jax 0.10.2 on 4 forced host devices
# (XLA_FLAGS=--xla_force_host_platform_device_count=4, JAX_ENABLE_X64=1).
# ---------------------------------------------------------------------------

def test_pmap_collectives_and_axis_index():
    x = fnp.arange(12.0).reshape(4, 3)
    got = fg.pmap(lambda v: v / lax.psum(v, "i"), axis_name="i")(x)
    want = [[0.0, 0.045454545454545456, 0.07692307692307693],
            [0.16666666666666666, 0.18181818181818182, 0.19230769230769232],
            [0.3333333333333333, 0.3181818181818182, 0.3076923076923077],
            [0.5, 0.45454545454545453, 0.4230769230769231]]
    np.testing.assert_allclose(got, want, rtol=1e-15)
    got = fg.pmap(lambda a: lax.axis_index("i") + a, axis_name="i")(fnp.zeros(4))
    np.testing.assert_array_equal(got, [0.0, 1.0, 2.0, 3.0])


def test_pmap_data_parallel_training_step():
    def loss(w, xb, yb):
        return fnp.mean((fnp.tanh(xb @ w) - yb) ** 2)

    def step(w, xb, yb):
        value, g = fg.value_and_grad(loss)(w, xb, yb)
        return w - 0.5 * lax.pmean(g, "d"), lax.pmean(value, "d")

    replicated = fnp.stack([fnp.array([0.3, -0.2, 0.1])] * 4)
    xb = fnp.sin(fnp.arange(24.0).reshape(4, 2, 3))
    yb = fnp.cos(fnp.arange(8.0).reshape(4, 2))
    update = fg.pmap(step, axis_name="d")
    for _ in range(3):
        replicated, value = update(replicated, xb, yb)
    np.testing.assert_allclose(
        replicated, [[0.33288341209828765, -0.05263066292642328, 0.22636457317193756]] * 4,
        rtol=1e-13)
    np.testing.assert_allclose(value, [0.5373063364853256] * 4, rtol=1e-13)


def test_pmap_static_broadcasted_argnums():
    x = fnp.arange(12.0).reshape(4, 3)
    mapped = fg.pmap(lambda a, n, b: a * n + b, static_broadcasted_argnums=1,
                     in_axes=(0, None, None))
    want = [[1.0, 4.0, 7.0], [10.0, 13.0, 16.0], [19.0, 22.0, 25.0], [28.0, 31.0, 34.0]]
    np.testing.assert_array_equal(mapped(x, 3, fnp.ones(3)), want)
    np.testing.assert_array_equal(mapped(x, 0, fnp.ones(3)), np.ones((4, 3)))
    with pytest.raises(TypeError, match="pmap: expected a callable"):
        fg.pmap(3)


# ---------------------------------------------------------------------------
# Custom pytree nodes JAX programs declare (outputs recorded with jax 0.10.2)
# ---------------------------------------------------------------------------

def test_register_static_is_a_leafless_node_keyed_by_jit():
    from funcgrad.tree_util import register_static, tree_leaves, tree_structure

    @register_static
    class Cfg:
        def __init__(self, k):
            self.k = k

        def __hash__(self):
            return hash(self.k)

        def __eq__(self, other):
            return isinstance(other, Cfg) and other.k == self.k

    assert tree_leaves((Cfg(3), fnp.ones(1))) == [np.ones(1)]  # JAX: [Array([1.])]
    assert tree_structure(Cfg(3)) == tree_structure(Cfg(3))
    assert tree_structure(Cfg(3)) != tree_structure(Cfg(4))
    traced = []
    f = fg.jit(lambda c, x: traced.append(c.k) or x * c.k)
    assert f(Cfg(5), 2.0) == 10.0 and f(Cfg(5), 3.0) == 15.0  # JAX: 10.0
    assert f(Cfg(6), 1.0) == 6.0 and traced == [5, 6]


def test_register_pytree_with_keys_class_paths():
    from funcgrad.tree_util import (
        GetAttrKey,
        keystr,
        register_pytree_with_keys_class,
        tree_flatten_with_path,
        tree_map,
    )

    @register_pytree_with_keys_class
    class Box:
        def __init__(self, a, b):
            self.a, self.b = a, b

        def tree_flatten_with_keys(self):
            return ((GetAttrKey("a"), self.a), (GetAttrKey("b"), self.b)), None

        @classmethod
        def tree_unflatten(cls, aux, children):
            return cls(*children)

    leaves = tree_flatten_with_path(Box(1.0, {"c": 2.0}))[0]
    assert [(keystr(k), v) for k, v in leaves] == [(".a", 1.0), (".b['c']", 2.0)]  # JAX
    doubled = tree_map(lambda v: 2 * v, Box(1.0, {"c": 2.0}))
    assert isinstance(doubled, Box) and doubled.a == 2.0 and doubled.b == {"c": 4.0}
    grads = fg.grad(lambda box: box.a * box.b["c"])(Box(3.0, {"c": 5.0}))
    assert (grads.a, grads.b["c"]) == (5.0, 3.0)


def test_random_key_names_its_one_implementation():
    from funcgrad import random

    np.testing.assert_array_equal(random.key(7, impl="threefry2x32"), random.key(7))
    np.testing.assert_array_equal(random.PRNGKey(7, impl="threefry2x32"), random.key(7))
    with pytest.raises(ValueError, match="funcgrad has 'threefry2x32'"):
        random.key(0, impl="rbg")
