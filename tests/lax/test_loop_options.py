"""scan's ``unroll`` and map's ``batch_size`` (same results, JAX's loop shapes), second-order
reverse mode through scan residuals (also on one tape, as ``create_graph`` records it), and
fori_loop with traced bounds under forward mode and vmap."""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax
from funcgrad.transforms.reverse import ReverseTrace, ReverseTracer, backward_pass


def _loss(w, unroll=1, reverse=False):
    def body(c, x):
        c = fnp.sin(c * w + x)
        return c, c ** 2

    c, ys = lax.scan(body, 0.3, fnp.arange(7.0), unroll=unroll, reverse=reverse)
    return c + fnp.sum(ys * fnp.arange(7.0))


@pytest.mark.parametrize("unroll", [1, 2, 3, 7, 9, 0, True, False])
@pytest.mark.parametrize("reverse", [False, True])
def test_unroll_changes_the_compiled_loop_not_the_results(unroll, reverse):
    value, grad = _loss(0.7, 1, reverse), fg.grad(_loss)(0.7, 1, reverse)
    f = fg.jit(_loss, static_argnums=(1, 2))
    np.testing.assert_allclose(f(0.7, unroll, reverse), value, rtol=1e-14)
    np.testing.assert_allclose(fg.jit(fg.grad(_loss), static_argnums=(1, 2))(0.7, unroll, reverse),
                               grad, rtol=1e-13)
    np.testing.assert_allclose(_loss(0.7, unroll, reverse), value, rtol=1e-14)


def test_unroll_runs_k_iterations_per_step_of_the_compiled_loop():
    source = fg.make_source(lambda w: _loss(w, 3))(0.7)
    assert "range(0, 6, 3)" in source and "range(6, 7)" in source  # two steps, then one
    assert source.count("= scan_body(") == 4
    full = fg.make_source(lambda w: _loss(w, True))(0.7)
    assert "for " not in full.split("def f")[-1] and full.count("= scan_body(") == 7
    with pytest.raises(ValueError, match="non-negative"):
        _loss(0.7, -1)
    with pytest.raises(ValueError, match="statically known"):
        fg.jit(lambda n: lax.fori_loop(0, n, lambda i, x: x * 2.0, 1.0, unroll=2))(3)


@pytest.mark.parametrize("batch_size", [None, 0, 1, 3, 5, 10, 20])
def test_map_batch_size(batch_size):
    xs = {"a": np.arange(30.0).reshape(10, 3), "b": np.linspace(0.0, 1.0, 10)}

    def f(x):
        return {"s": fnp.sum(fnp.sin(x["a"])) * x["b"], "v": x["a"] * x["b"]}

    out = lax.map(f, xs, batch_size=batch_size)
    np.testing.assert_allclose(out["s"], np.sin(xs["a"]).sum(1) * xs["b"], rtol=1e-14)
    np.testing.assert_allclose(out["v"], xs["a"] * xs["b"][:, None], rtol=1e-14)
    grad = fg.grad(lambda a: fnp.sum(lax.map(fnp.sin, a, batch_size=batch_size) ** 2))(xs["a"])
    np.testing.assert_allclose(grad, np.sin(2 * xs["a"]), rtol=1e-12)


def test_map_batch_size_traces_vmapped_chunks_and_the_remainder():
    shapes = []

    def f(x):
        shapes.append(x.shape)
        return x + 1

    assert lax.map(f, fnp.ones((10, 3, 4)), batch_size=3).shape == (10, 3, 4)
    assert shapes == [(3, 4), (3, 4)]  # once for the chunks, once for the remainder
    with pytest.raises(ValueError, match="batch_size"):
        lax.map(f, fnp.ones(3), batch_size=-1)


def _scan_sum(w):
    def body(c, x):
        c = fnp.sin(c * w + x)
        return c, c ** 2

    c, ys = lax.scan(body, fnp.ones(2) * 0.3, fnp.arange(5.0))
    return fnp.sum(c + fnp.sum(ys, 0))


def _fori_sum(w):
    return fnp.sum(lax.fori_loop(0, 6, lambda i, x: fnp.sin(x * w) + 0.1 * i, w))


@pytest.mark.parametrize("f", [_scan_sum, _fori_sum])
def test_second_order_reverse_against_differences_of_the_gradient(f):
    w = np.array([0.7, 0.2])
    grad = fg.grad(f)
    eps = 1e-6
    fd = np.stack([(grad(w + eps * e) - grad(w - eps * e)) / (2 * eps) for e in np.eye(2)])
    np.testing.assert_allclose(fg.hessian(f)(w), fd, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(fg.jacrev(fg.jacrev(f))(w), fd, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(fg.jit(fg.hessian(f))(w), fd, rtol=1e-6, atol=1e-8)
    g2 = fg.grad(lambda v: fnp.sum(fg.grad(f)(v * w)))(1.0)
    np.testing.assert_allclose(g2, fd.sum(0) @ w, rtol=1e-6)


@pytest.mark.parametrize("f", [_scan_sum, _fori_sum])
def test_double_backward_on_one_tape(f):
    # backward_pass(create_graph=True) records the backward pass on the same tape; the
    # second walk then sends cotangents to the scan's stored residuals.
    w0 = np.array([0.7, 0.2])
    trace = ReverseTrace()
    with trace:
        w = ReverseTracer(trace, w0)
        y = f(w)
        g = backward_pass(trace, [y], [np.ones(())], keep=[w], create_graph=True)[id(w)]
        h = backward_pass(trace, [fnp.sum(g)], [np.ones(())], keep=[w])[id(w)]
    np.testing.assert_allclose(h, fg.hessian(f)(w0).sum(0), rtol=1e-12)


def test_double_backward_on_one_tape_through_saved_checkpoint_values():
    policy = fg.checkpoint_policies.everything_saveable

    def f(w):
        return fnp.sum(fg.checkpoint(lambda v: fnp.sin(fnp.sin(v) * v), policy=policy)(w) * w)

    w0 = np.array([0.7, 0.2])
    trace = ReverseTrace()
    with trace:
        w = ReverseTracer(trace, w0)
        g = backward_pass(trace, [f(w)], [np.ones(())], keep=[w], create_graph=True)[id(w)]
        h = backward_pass(trace, [fnp.sum(g)], [np.ones(())], keep=[w])[id(w)]
    np.testing.assert_allclose(h, fg.hessian(f)(w0).sum(0), rtol=1e-12)


def test_fori_loop_with_traced_bounds_under_forward_mode_and_vmap():
    def f(x, n):
        return lax.fori_loop(0, n, lambda i, y: y * x, 1.0)

    ns = np.array([1, 2, 3], np.int32)
    np.testing.assert_allclose(fg.vmap(f, in_axes=(None, 0))(2.0, ns), [2.0, 4.0, 8.0])
    np.testing.assert_allclose(fg.jit(fg.vmap(f, in_axes=(None, 0)))(2.0, ns), [2.0, 4.0, 8.0])
    jac = fg.jacfwd(lambda x: fg.vmap(f, in_axes=(None, 0))(x, ns))(2.0)
    np.testing.assert_allclose(jac, [1.0, 4.0, 12.0])
    with pytest.raises(ValueError, match="fori_loop with static start/stop"):
        fg.grad(lambda x: fg.vmap(f, in_axes=(None, 0))(x, ns).sum())(2.0)
