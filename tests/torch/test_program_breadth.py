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
        with torch.no_grad():  # LBFGS reads float(closure()) under no_grad: no warning
            assert float(t * 2) == 3.0
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


# (align_corners, mode, padding, sum(y * w), weighted sum of d/dx, d/dtheta), PyTorch 2.13
_GRID_CASES = [
    (False, 'bilinear', 'zeros', 3.0268315067, 1.1898023441, [
        -1.6354962719, 0.6039726339, 1.495219678, -3.2580855218, -0.5867197632, -12.8479181913,
        0.3381582096, -0.862102423, -0.9357301998, 3.8516823771, -1.6474108867, 9.9174055897]),
    (False, 'bilinear', 'border', 4.3402588048, -0.0614323909, [
        -1.3655869755, -1.0002528751, 4.8801956088, -4.5840038883, -0.4124635214, -10.4520268085,
        -1.222480382, -0.4509355309, -1.4693972547, 1.9776672276, -4.5723365638, 14.9417425266]),
    (False, 'bilinear', 'reflection', 6.5715857215, 1.1613065846, [
        2.1786923624, 0.0368812626, 3.3244944024, -3.886434852, 3.2932704674, -23.0009941752,
        -1.0383774542, -0.9663316529, -4.4706464866, 1.4515780594, -15.2003618849, 0.8212202]),
    (False, 'nearest', 'zeros', 3.6768497239, 0.6070047544, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    (False, 'nearest', 'border', 6.5078812945, -0.16009121, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    (False, 'nearest', 'reflection', 10.4975255243, 1.687434455, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    (True, 'bilinear', 'zeros', 0.9301312418, 1.2496548632, [
        -0.2456038904, -0.7118545773, 0.256732382, -3.3162946548, 0.1189208804, -11.3247445957,
        -1.5246824586, -1.104834051, -0.4713400194, -3.7119567173, -8.0656083436, 2.9411217308]),
    (True, 'bilinear', 'border', 2.2394077481, -0.6081182828, [
        -0.9332443722, -0.8791489088, 2.8619358643, -5.2492043963, 0.1250694836, -10.05675796,
        -1.4264428774, -2.5248330748, 0.8224554001, -9.9150684713, -5.534596953, 4.1395889537]),
    (True, 'bilinear', 'reflection', -4.1628987674, 1.9654260677, [
        1.9461577981, 1.8078857203, -0.9190793418, -3.9209199755, -8.7415416005, 4.0502913112,
        2.5612225343, -2.314383251, 0.584871833, -11.345249759, -8.6359635896, 11.6277375053]),
    (True, 'nearest', 'zeros', 2.2376008922, -1.4568767728, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    (True, 'nearest', 'border', 2.8600360272, -4.1676735594, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    (True, 'nearest', 'reflection', -3.5151498095, 0.4343558973, [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
]


@pytest.mark.parametrize("case", _GRID_CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_grid_sample_of_affine_grid_matches_pytorch(case):
    # The spatial transformer tutorial: F.affine_grid then F.grid_sample, every mode.
    align, mode, padding, value, dx, dtheta = case
    x = torch.arange(2 * 2 * 4 * 3, dtype=torch.float64).view(2, 2, 4, 3).mul(0.7).sin()
    x.requires_grad_()
    theta = torch.tensor([[[0.9, -0.3, 0.2], [0.4, 1.1, -0.1]],
                          [[-1.2, 0.5, 0.3], [0.2, 0.8, 0.6]]], dtype=torch.float64,
                         requires_grad=True)
    g = F.affine_grid(theta, (2, 2, 3, 5), align_corners=align) * 1.4
    y = F.grid_sample(x, g, mode=mode, padding_mode=padding, align_corners=align)
    assert y.grad_fn.name() == "GridSampler2DBackward0"
    w = torch.arange(y.numel(), dtype=torch.float64).view_as(y).cos()
    gx, gt = torch.autograd.grad((y * w).sum(), (x, theta))
    np.testing.assert_allclose((y * w).sum().item(), value, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose((gx * gx.flatten().cos().view_as(gx)).sum().item(), dx,
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(gt.flatten().numpy(), dtheta, rtol=1e-9, atol=1e-9)


def test_affine_grid_values_and_default_warning():
    theta = torch.tensor([[[0.9, -0.3, 0.2], [0.4, 1.1, -0.1]],
                          [[-1.2, 0.5, 0.3], [0.2, 0.8, 0.6]]], dtype=torch.float64)
    np.testing.assert_allclose(
        F.affine_grid(theta, (2, 1, 2, 3), align_corners=False)[1].numpy(),
        [[[0.85, 0.0666666666666667], [0.05, 0.2], [-0.75, 0.3333333333333333]],
         [[1.35, 0.8666666666666667], [0.55, 1.0], [-0.25, 1.1333333333333333]]], rtol=1e-12)
    with pytest.warns(UserWarning, match="align_corners=False since 1.3.0"):
        F.affine_grid(theta, (2, 1, 2, 3))
    with pytest.raises(ValueError, match="Nx2x3"):
        F.affine_grid(theta[:, :1], (2, 1, 2, 3), align_corners=False)
    with pytest.raises(NotImplementedError, match="volumetric"):
        F.grid_sample(torch.ones(1, 1, 2, 2, 2), torch.zeros(1, 1, 1, 1, 3), align_corners=False)


def test_legacy_size_average_warns_as_pytorch():
    # The spatial transformer tutorial sums its test loss with size_average=False.
    out = torch.tensor([[-1.0, -2.0], [-0.5, -3.0]])
    target = torch.tensor([0, 1])
    with pytest.warns(UserWarning, match="please use reduction='sum' instead"):
        assert F.nll_loss(out, target, size_average=False).item() == 4.0
    with pytest.warns(UserWarning, match="please use reduction='none' instead"):
        loss = nn.NLLLoss(reduce=False)
    assert loss.reduction == "none"


def test_tensor_reads_any_python_sequence():
    # RL programs keep their recent rewards in a collections.deque.
    import collections

    d = collections.deque([1.0, 2.0], maxlen=3)
    t = torch.tensor(d)
    assert t.dtype == torch.float32 and t.tolist() == [1.0, 2.0]
    assert torch.tensor(range(3)).tolist() == [0, 1, 2]
    assert torch.tensor(range(3)).dtype == torch.int64
    assert torch.as_tensor(collections.deque([[1, 2], [3, 4]])).tolist() == [[1, 2], [3, 4]]


def test_rrelu_and_gumbel_softmax():
    x = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
    y = F.rrelu(x)  # evaluation: the mean slope; values and node name from PyTorch 2.13
    np.testing.assert_allclose(y.detach().numpy(), [-0.2291667, 2.0, -0.6875], rtol=1e-6)
    assert y.grad_fn.name() == "RreluWithNoiseBackward0"
    torch.manual_seed(0)
    t = F.rrelu(torch.full((4000,), -1.0), training=True)
    assert -1 / 3 <= t.min().item() and t.max().item() <= -1 / 8
    assert abs(t.mean().item() + (1 / 8 + 1 / 3) / 2) < 0.01
    assert repr(nn.RReLU(0.1, 0.3, inplace=True)) == "RReLU(lower=0.1, upper=0.3, inplace=True)"

    logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, 0.0, 3.0]], requires_grad=True)
    soft = F.gumbel_softmax(logits, tau=0.5)
    np.testing.assert_allclose(soft.sum(-1).detach().numpy(), [1.0, 1.0], rtol=1e-6)
    hard = F.gumbel_softmax(logits, hard=True)
    assert sorted(hard.detach().flatten().tolist()) == [0, 0, 0, 0, 1, 1]
    (hard * torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])).sum().backward()
    assert logits.grad is not None and logits.grad.abs().sum().item() > 0  # straight-through


class _Tagger(nn.Module):  # a user model saved whole, as examples/word_language_model does
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(5, 3)
        self.rnn = nn.LSTM(3, 4)
        self.out = nn.Linear(4, 2)


def test_weights_only_load_is_pytorchs_default():
    import pickle

    model = _Tagger()
    buffer = io.BytesIO()
    torch.save(model, buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="Unsupported global: GLOBAL .*_Tagger"):
        torch.load(buffer)
    safe = [_Tagger, nn.modules.sparse.Embedding, nn.modules.rnn.LSTM,
            nn.modules.linear.Linear]
    with torch.serialization.safe_globals(safe):
        assert torch.serialization.get_safe_globals() == safe
        buffer.seek(0)
        loaded = torch.load(buffer)
    assert torch.serialization.get_safe_globals() == []
    assert type(loaded) is _Tagger and repr(loaded) == repr(model)
    for (k, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items()):
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=k)
    with torch.serialization.safe_globals([_Tagger, nn.Embedding, nn.LSTM]):  # no Linear
        buffer.seek(0)
        with pytest.raises(pickle.UnpicklingError, match="add_safe_globals"):
            torch.load(buffer)
    buffer.seek(0)
    assert type(torch.load(buffer, weights_only=False)) is _Tagger

    # state dicts, optimizer state and plain containers load by default
    opt = torch.optim.Adam(model.parameters())
    model.out(torch.ones(1, 4)).sum().backward()
    opt.step()
    buffer = io.BytesIO()
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": 3,
                "size": torch.Size([2]), "dtype": torch.float16}, buffer)
    buffer.seek(0)
    ckpt = torch.load(buffer)
    assert ckpt["epoch"] == 3 and ckpt["dtype"] is torch.float16
    assert list(ckpt["model"]) == list(model.state_dict())
    assert ckpt["opt"]["state"][5]["step"].item() == 1.0

    # functions are globals too
    buffer = io.BytesIO()
    torch.save({"f": len}, buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError,
                       match=r"GLOBAL builtins.len .*add_safe_globals\(\[len\]\)"):
        torch.load(buffer)
    with torch.serialization.safe_globals([len]):
        buffer.seek(0)
        assert torch.load(buffer) == {"f": len}


def test_examples_import_onnx_and_flatten_parameters():
    import funcgrad.torch.onnx

    assert funcgrad.torch.onnx.is_in_onnx_export() is False
    with pytest.raises(RuntimeError, match="no ONNX exporter"):
        funcgrad.torch.onnx.export(nn.Linear(1, 1), (torch.ones(1),), "m.onnx")
    lstm = nn.LSTM(2, 3)
    assert lstm.flatten_parameters() is None
    assert nn.modules.linear.NonDynamicallyQuantizableLinear is nn.NonDynamicallyQuantizableLinear


@pytest.mark.parametrize("reduction, printed", [
    ("none", "tensor([])"), ("sum", "tensor(0.)"), ("mean", "tensor(nan)"),
])
def test_nll_loss_of_no_targets_is_pytorchs(reduction, printed):
    # PyTorch 2.13: an empty batch sums to 0 (not -0), averages to NaN, and 'none' is empty.
    out = F.nll_loss(torch.empty(0, 3), torch.empty(0, dtype=torch.long), reduction=reduction)
    assert repr(out) == printed
