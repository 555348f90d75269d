"""Behaviours that real PyTorch programs (tutorials, d2l, pytorch/examples) relied on.

Each case was found by running such a program on funcgrad.torch next to
PyTorch 2.13; the expected values were read from PyTorch then and are frozen
here as literals.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest

import funcgrad.torch as torch
import funcgrad.torch.nn.functional as F
from funcgrad.torch import nn, tensor_values


def _pattern(y):
    return (y.numpy() != 0).astype(int)


def test_dropout2d_on_2d_input_drops_single_elements():
    # examples/mnist_rnn applies Dropout2d to (batch, features): PyTorch's feature dropout
    # masks dims 0 and 1, so single elements go, not whole rows.
    torch.manual_seed(0)
    with pytest.warns(UserWarning, match="Received a 2-D input to dropout2d"):
        y = F.dropout2d(torch.ones(40, 30), 0.5)
    rows = _pattern(y)
    assert set(np.unique(y.numpy())) <= {0.0, 2.0}
    assert ((rows.min(1) == 0) & (rows.max(1) == 1)).any()  # some row is mixed


def test_dropout2d_masks_the_first_two_dims_of_any_rank():
    torch.manual_seed(1)
    with pytest.warns(UserWarning, match="Received a 5-D input"):
        y = F.dropout2d(torch.ones(3, 4, 1, 1, 2), 0.5)
    pattern = _pattern(y)
    assert (pattern == pattern[..., :1]).all()  # constant over the trailing dims
    with pytest.raises(RuntimeError, match="at least 2 dimensions"), pytest.warns(UserWarning):
        F.dropout2d(torch.ones(5), 0.5)


def test_lazy_modules_take_a_loaded_state_dict_shape():
    # d2l "File I/O": a LazyLinear MLP loads the parameters a trained twin saved.
    src = nn.Linear(3, 2)
    lazy = nn.LazyLinear(2)
    assert repr(lazy.state_dict()["weight"]) == "<UninitializedParameter>"
    buffer = io.BytesIO()
    torch.save(src.state_dict(), buffer)
    buffer.seek(0)
    lazy.load_state_dict(torch.load(buffer))
    assert repr(lazy) == "LazyLinear(in_features=0, out_features=2, bias=True)"
    assert type(lazy.weight) is nn.Parameter and tuple(lazy.weight.shape) == (2, 3)
    x = torch.tensor([[1.0, -2.0, 0.5]])
    np.testing.assert_array_equal(lazy(x).detach().numpy(), src(x).detach().numpy())
    assert repr(lazy) == "Linear(in_features=3, out_features=2, bias=True)"

    conv = nn.LazyConv2d(4, 3)
    conv.load_state_dict(nn.Conv2d(2, 4, 3).state_dict())
    assert repr(conv) == "LazyConv2d(0, 4, kernel_size=(3, 3), stride=(1, 1))"
    assert conv(torch.ones(1, 2, 5, 5)).shape == (1, 4, 3, 3)
    assert repr(conv) == "Conv2d(0, 4, kernel_size=(3, 3), stride=(1, 1))"  # as PyTorch


def test_float_of_a_tensor_that_requires_grad_warns_once():
    # d2l "Weight Decay" prints float(l2_penalty(w)): PyTorch warns once per process.
    tensor_values._warned_scalar[0] = False
    t = torch.tensor(1.5, requires_grad=True)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert int(t) == 1 and t.item() == 1.5 and float(t.detach()) == 1.5
        assert not seen
        assert float(t * 2) == 3.0
        assert complex(t) == 1.5 + 0j
    assert [str(w.message) for w in seen] == [tensor_values.SCALAR_OF_GRAD_TENSOR]


def test_func_transforms_take_module_parameters_and_keep_their_order():
    # torch.func over dict(model.named_parameters()) (tutorials: forward-mode AD, per-sample
    # gradients); values from PyTorch 2.13.
    from funcgrad.torch.func import functional_call, grad, hessian, jacfwd, jacrev, jvp, vjp

    m = nn.Linear(3, 2)
    params = dict(m.named_parameters())
    x = torch.ones(4, 3)

    def f(p):
        return functional_call(m, p, (x,)).sum()

    fours = {"weight": np.full((2, 3), 4.0), "bias": np.full(2, 4.0)}
    for result in (grad(f)(params), vjp(f, params)[1](torch.tensor(1.0))[0],
                   jacrev(f)(params), jacfwd(f)(params)):
        assert list(result) == ["weight", "bias"]
        for k, v in result.items():
            np.testing.assert_array_equal(v.numpy(), fours[k])
    ones = {k: torch.ones_like(v) for k, v in params.items()}
    assert float(jvp(f, (params,), (ones,))[1]) == 32.0
    h = hessian(f)(params)
    assert [(k, list(v)) for k, v in h.items()] == [
        ("weight", ["weight", "bias"]), ("bias", ["weight", "bias"])]
    assert tuple(h["bias"]["weight"].shape) == (2, 2, 3)


def test_lazy_batch_norm_matches_pytorch():
    # d2l "Batch Normalization", ResNet, DenseNet, GoogLeNet build with LazyBatchNorm2d.
    bn = nn.LazyBatchNorm2d()
    assert repr(bn) == (
        "LazyBatchNorm2d(0, eps=1e-05, momentum=0.1, affine=True, bias=True, "
        "track_running_stats=True)")
    assert [(k, repr(v)) for k, v in bn.state_dict().items()] == [
        ("weight", "<UninitializedParameter>"), ("bias", "<UninitializedParameter>"),
        ("running_mean", "<UninitializedBuffer>"), ("running_var", "<UninitializedBuffer>"),
        ("num_batches_tracked", "tensor(0)")]
    x = torch.arange(24.0).reshape(2, 3, 2, 2)
    y = bn(x)
    assert type(bn) is nn.BatchNorm2d and bn.num_features == 3
    # running statistics after one step, from PyTorch 2.13
    np.testing.assert_allclose(bn.running_mean.numpy(), [0.75, 1.15, 1.55], rtol=1e-6)
    np.testing.assert_allclose(bn.running_var.numpy(), [5.1571431, 5.1571431, 5.1571431],
                               rtol=1e-6)
    np.testing.assert_allclose(y[0, 0, 0].detach().numpy(), [-1.2288477, -1.0650014], rtol=1e-6)
    assert repr(nn.LazyBatchNorm1d(affine=False)) == (
        "LazyBatchNorm1d(0, eps=1e-05, momentum=0.1, affine=False, bias=False, "
        "track_running_stats=True)")
    loaded = nn.LazyBatchNorm2d()
    loaded.load_state_dict(nn.BatchNorm2d(4).state_dict())
    assert tuple(loaded.running_var.shape) == (4,) and type(loaded.weight) is nn.Parameter


def test_cat_of_zero_dim_tensors_is_pytorchs_runtime_error():
    # The BiLSTM-CRF tutorial's older text concatenates 0-d scores.
    with pytest.raises(RuntimeError, match=r"zero-dimensional tensor \(at position 1\)"):
        torch.cat([torch.ones(1), torch.tensor(2.0)])


class _Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)


class _Skew(nn.Module):
    def forward(self, X):
        A = X.triu(1)
        return A - A.transpose(-1, -2)

    def right_inverse(self, A):
        return A.triu(1)


def test_parametrize_contract_as_in_the_tutorial():
    import funcgrad.torch.nn.utils.parametrize as P

    layer = nn.Linear(3, 3)
    with torch.no_grad():
        layer.weight.copy_(torch.arange(9.0).reshape(3, 3))
    weight = layer.weight
    P.register_parametrization(layer, "weight", _Symmetric())
    assert type(layer).__name__ == "ParametrizedLinear"
    assert P.type_before_parametrizations(layer) is nn.Linear
    assert layer.parametrizations.weight.original is weight  # the same parameter object
    np.testing.assert_array_equal(layer.weight.detach().numpy(),
                                  [[0, 1, 2], [1, 4, 5], [2, 5, 8]])
    assert [n for n, _ in layer.named_parameters()] == [
        "bias", "parametrizations.weight.original"]
    assert list(layer.state_dict()) == ["bias", "parametrizations.weight.original"]
    # repr as PyTorch 2.13 prints it
    assert repr(layer) == (
        "ParametrizedLinear(\n  in_features=3, out_features=3, bias=True\n"
        "  (parametrizations): ModuleDict(\n    (weight): ParametrizationList(\n"
        "      (0): _Symmetric()\n    )\n  )\n)")
    layer(torch.ones(1, 3)).sum().backward()
    np.testing.assert_array_equal(weight.grad.numpy(), [[1, 2, 2], [0, 1, 2], [0, 0, 1]])

    calls = []

    class Noisy(nn.Module):
        def forward(self, X):
            calls.append(1)
            return X

    noisy = P.register_parametrization(nn.Linear(2, 2), "weight", Noisy())
    calls.clear()
    _ = noisy.weight + noisy.weight.T
    assert len(calls) == 2
    with P.cached():
        _ = noisy.weight + noisy.weight.T
    assert len(calls) == 3

    with pytest.raises(ValueError, match="may not change the shape"):
        P.register_parametrization(nn.Linear(2, 2), "weight", nn.Flatten(0))
    with pytest.raises(ValueError, match="does not have a parameter, a buffer"):
        P.register_parametrization(nn.Linear(2, 2), "nothing", _Skew())


def test_parametrize_right_inverse_and_removal():
    import funcgrad.torch.nn.utils.parametrize as P

    layer = P.register_parametrization(nn.Linear(2, 2), "weight", _Skew())
    x = torch.tensor([[0.0, 3.0], [-3.0, 0.0]])
    layer.weight = x
    np.testing.assert_array_equal(layer.parametrizations.weight.original.detach().numpy(),
                                  [[0, 3], [0, 0]])
    np.testing.assert_array_equal(layer.weight.detach().numpy(), x.numpy())
    P.remove_parametrizations(layer, "weight")
    assert type(layer) is nn.Linear and type(layer.weight) is nn.Parameter
    np.testing.assert_array_equal(layer.weight.detach().numpy(), x.numpy())

    layer = P.register_parametrization(nn.Linear(2, 2), "weight", _Skew())
    layer.weight = x
    P.remove_parametrizations(layer, "weight", leave_parametrized=False)
    np.testing.assert_array_equal(layer.weight.detach().numpy(), [[0, 3], [0, 0]])
    assert not P.is_parametrized(layer) and not hasattr(layer, "parametrizations")

    class Split(nn.Module):  # a parametrization of two tensors
        def forward(self, a, b):
            return a + b

        def right_inverse(self, w):
            return w / 2, w / 2

    layer = P.register_parametrization(nn.Linear(2, 2), "bias", Split())
    assert sorted(n for n, _ in layer.named_parameters()) == [
        "parametrizations.bias.original0", "parametrizations.bias.original1", "weight"]
    with pytest.raises(ValueError, match="sequence of tensors"):
        P.remove_parametrizations(layer, "bias", leave_parametrized=False)
