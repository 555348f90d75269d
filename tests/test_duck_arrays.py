"""Dask arrays (and any array speaking NumPy's protocols) go through every transform as
themselves: their type in, their type out, lazy until the user computes."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core.array import DuckArrayConversionWarning, is_duck_array

da = pytest.importorskip("dask.array")
cloudpickle = pytest.importorskip("cloudpickle")

RNG = np.random.default_rng(0)
X_NP = RNG.normal(size=(6, 3))
Y_NP = RNG.normal(size=6)
W_NP = RNG.normal(size=3)


def dask(a, chunks=2):
    return da.from_array(a, chunks=chunks)


def loss(w, X, y):
    return fnp.mean((fnp.tanh(X @ w) - y) ** 2)


@pytest.fixture(autouse=True)
def no_conversions():
    """A test here fails if anything turned a Dask array into a NumPy array."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DuckArrayConversionWarning)
        yield


def test_gradient_with_respect_to_a_dask_array_is_lazy():
    X = dask(X_NP)
    g = fg.grad(lambda X: loss(W_NP, X, Y_NP))(X)
    assert isinstance(g, da.Array)
    np.testing.assert_allclose(g.compute(), fg.grad(lambda X: loss(W_NP, X, Y_NP))(X_NP))


def test_gradient_of_numpy_weights_through_a_dask_data_term_is_one_dask_result():
    g = fg.grad(loss)(W_NP, dask(X_NP), dask(Y_NP, 3))
    assert isinstance(g, da.Array)
    np.testing.assert_allclose(g.compute(), fg.grad(loss)(W_NP, X_NP, Y_NP))
    value, g = fg.value_and_grad(loss)(W_NP, dask(X_NP), dask(Y_NP, 3))
    assert isinstance(value, da.Array)
    # One graph: computing the value and the gradient together reads the data once.
    v, g = da.compute(value, g)
    np.testing.assert_allclose(v, loss(W_NP, X_NP, Y_NP))


def test_dask_constant_inside_the_function():
    X = dask(X_NP)
    g = fg.grad(lambda w: fnp.sum(w * X))(np.ones((6, 3)))
    assert isinstance(g, da.Array)
    np.testing.assert_allclose(g.compute(), X_NP)


@pytest.mark.parametrize("name, f", [
    ("elementwise", lambda x: fnp.sum(fnp.exp(fnp.sin(x)) * fnp.log1p(x ** 2))),
    ("reductions", lambda x: fnp.sum(fnp.max(x, axis=0) + fnp.mean(x, axis=1).sum())),
    ("variance", lambda x: fnp.var(x, axis=0).sum() + fnp.std(x)),
    ("products", lambda x: fnp.sum((x.T @ x) ** 2) + fnp.einsum("ij,ij->", x, x)),
    ("shapes",
     lambda x: fnp.sum(fnp.concatenate([x.reshape(2, 3, 3), x[::-1].reshape(2, 3, 3)]) ** 3)),
    ("broadcast", lambda x: fnp.sum((x[:, None, :] - x[None, :, :]) ** 2)),
    ("basic indexing", lambda x: fnp.sum(x[1:, ::2] ** 2) + x[0, 0]),
    ("where", lambda x: fnp.sum(fnp.where(x > 0, x ** 2, -x))),
    ("logsumexp-like", lambda x: fnp.sum(fnp.log(fnp.sum(fnp.exp(x), axis=1)))),
])
def test_families_stay_lazy_in_both_modes(name, f):
    x = dask(X_NP)
    g = fg.grad(f)(x)
    assert isinstance(g, da.Array), name
    np.testing.assert_allclose(g.compute(), fg.grad(f)(X_NP), rtol=1e-10, err_msg=name)
    v = dask(RNG.normal(size=X_NP.shape))
    out, t = fg.jvp(f, (x,), (v,))
    assert isinstance(t, da.Array), name
    _, t_np = fg.jvp(f, (X_NP,), (v.compute(),))
    np.testing.assert_allclose(t.compute(), t_np, rtol=1e-10, err_msg=name)


def test_vjp_and_vmap_keep_dask():
    x = dask(X_NP)
    out, vjp_fn = fg.vjp(fnp.sin, x)
    assert isinstance(out, da.Array)
    (ct,) = vjp_fn(np.ones(X_NP.shape))
    assert isinstance(ct, da.Array)
    np.testing.assert_allclose(ct.compute(), np.cos(X_NP))
    per_row = fg.vmap(fg.grad(lambda r: fnp.sum(r ** 3)))(x)
    assert isinstance(per_row, da.Array)
    np.testing.assert_allclose(per_row.compute(), 3 * X_NP ** 2)


def test_indexing_with_repeated_integers_raises_rather_than_dropping_a_contribution():
    x = dask(X_NP)
    g = fg.grad(lambda x: fnp.sum(x[np.array([2, 0])] ** 2))(x)
    np.testing.assert_allclose(g.compute()[[2, 0]], 2 * X_NP[[2, 0]])
    with pytest.raises(NotImplementedError, match="repeated"):
        fg.grad(lambda x: fnp.sum(x[np.array([1, 1])]))(x)


def test_jit_refuses_dask_arguments_with_a_clear_message():
    with pytest.raises(TypeError, match="dask.Array.*without jit"):
        fg.jit(lambda x: fnp.sum(x))(dask(X_NP))


def test_a_function_dask_cannot_keep_lazy_warns():
    with pytest.warns(DuckArrayConversionWarning, match="funcgrad.numpy.roll"):
        fnp.roll(dask(X_NP), 1)


def test_duck_array_detection():
    assert is_duck_array(dask(X_NP))
    assert not is_duck_array(X_NP) and not is_duck_array(1.0) and not is_duck_array([1.0])


# ---------------------------------------------------------------------------
# Transformed functions travel to other processes (Dask workers)
# ---------------------------------------------------------------------------


@fg.custom_vjp
def clipped_identity(x):
    return x


clipped_identity.defvjp(lambda x: (x, None), lambda _, g: (fnp.clip(g, -1.0, 1.0),))


@pytest.mark.parametrize("transform", [
    lambda f: fg.grad(f),
    lambda f: fg.jit(fg.grad(f)),
    lambda f: fg.vmap(fg.grad(f)),
    lambda f: fg.jit(fg.value_and_grad(lambda x: fnp.sum(clipped_identity(x) * x))),
], ids=["grad", "jit(grad)", "vmap(grad)", "jit(value_and_grad(custom_vjp))"])
def test_transformed_functions_pickle_with_cloudpickle(transform):
    f = transform(lambda x: fnp.sum(fnp.sin(x) * x))
    x = X_NP[:2]
    expected = f(x)  # after a call: jit's cache of compiled code travels too
    again = pickle.loads(cloudpickle.dumps(f))
    for a, b in zip(fg.tree.leaves(again(x)), fg.tree.leaves(expected)):
        np.testing.assert_allclose(a, b)


def test_primitives_unpickle_as_the_same_object():
    from funcgrad.primitives.elementwise import sin_p

    assert pickle.loads(pickle.dumps(sin_p)) is sin_p
    assert pickle.loads(pickle.dumps(fg.config)) is fg.config


def test_data_parallel_gradient_on_a_local_cluster():
    distributed = pytest.importorskip("distributed")
    import examples.data_parallel_dask as example  # noqa: PLC0415 - needs dask.distributed

    (X, Y), _ = example.load_data(seed=0)
    params = example.init_params(np.random.default_rng(1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        shards = [client.scatter((X[i::2], Y[i::2])) for i in range(2)]
        results = client.gather([client.submit(example.shard_loss_and_grad, params, s)
                                 for s in shards])
    value, grads = example.averaged(results)
    whole_value, whole = fg.value_and_grad(example.loss)(params, X, Y)
    assert value == pytest.approx(float(whole_value), rel=1e-12)
    for name in whole:
        np.testing.assert_allclose(grads[name], whole[name], rtol=1e-10, atol=1e-14)
