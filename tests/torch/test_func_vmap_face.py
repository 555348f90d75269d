"""torch.func.vmap over the face's own operations: operations that compute a constant from
their input's value (the max shift of softmax, sign, floor, nll_loss's targets) run on the
batched value, and per-example gradients equal a loop over the examples."""

import numpy as np
import pytest

import funcgrad.torch as torch
import funcgrad.torch.nn as nn
import funcgrad.torch.nn.functional as F
from funcgrad.torch.func import functional_call, grad, vmap


def loop(f, *args):
    return torch.stack([f(*row) for row in zip(*args)])


@pytest.mark.parametrize("f", [
    lambda a: torch.logsumexp(a, 0),
    lambda a: torch.softmax(a, 0),
    lambda a: F.log_softmax(a, dim=0),
    lambda a: a * torch.sign(a) + torch.floor(a) * a + torch.round(a),
])
def test_values_and_gradients_match_a_loop(f):
    torch.manual_seed(0)
    x = torch.randn(5, 4)
    assert torch.allclose(vmap(f)(x), loop(f, x))
    g = grad(lambda a: f(a).sum())
    assert torch.allclose(vmap(g)(x), loop(g, x))


@pytest.mark.parametrize("loss", [F.nll_loss, F.cross_entropy])
def test_per_sample_gradients_of_a_classifier(loss):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 3), nn.LogSoftmax(dim=1))
    data, targets = torch.randn(4, 6), torch.tensor([0, 2, 1, 2])
    params = {k: v.detach() for k, v in model.named_parameters()}

    def compute_loss(params, sample, target):
        out = functional_call(model, params, (sample.unsqueeze(0),))
        return loss(out, target.unsqueeze(0))

    per_sample = vmap(grad(compute_loss), in_dims=(None, 0, 0))(params, data, targets)
    assert list(per_sample) == list(params)  # the dict keeps the parameters' order
    for i in range(4):
        one = grad(compute_loss)(params, data[i], targets[i])
        for name in params:
            np.testing.assert_allclose(per_sample[name][i].numpy(), one[name].numpy(),
                                       rtol=1e-5, atol=1e-6)
        assert float(per_sample["0.weight"][i].abs().sum()) > 0


def test_nll_loss_with_batched_targets_ignores_the_ignore_index():
    logp = F.log_softmax(torch.randn(3, 4), dim=1)
    targets = torch.tensor([[1, -100], [2, 0], [-100, -100]])
    got = vmap(lambda t: F.nll_loss(logp[:2], t, reduction="sum"))(targets)
    want = loop(lambda t: F.nll_loss(logp[:2], t, reduction="sum"), targets)
    assert torch.allclose(got, want)


# Operations whose result holds indices found from the values (sorting, arg-extremes,
# truth tests): under vmap the indices are computed on the batched value.
INDEX_OPS = {
    "sort": lambda a: torch.sort(a).values * torch.sort(a, descending=True).indices,
    "argsort": lambda a: torch.argsort(a, descending=True),
    "topk": lambda a: torch.topk(a, 2).values + torch.topk(a, 2, largest=False).indices,
    "kthvalue": lambda a: a.kthvalue(2).values * a.kthvalue(2).indices,
    "median": lambda a: torch.median(a) + a.median(dim=0).values,
    "max_dim": lambda a: torch.max(a, dim=0).values + a.max(0, keepdim=True)[1],
    "min_dim": lambda a: a.min(dim=-1).values * a.min(-1).indices,
    "argmax": lambda a: torch.argmax(a) + a.argmin(dim=0, keepdim=True),
    "all_any": lambda a: (a > 0).all().float() + (a > 0.5).any(dim=0).float(),
    "round_decimals": lambda a: torch.round(a, decimals=1),
}


@pytest.mark.parametrize("name", INDEX_OPS)
def test_index_finding_operations_match_a_loop(name):
    f = INDEX_OPS[name]
    torch.manual_seed(1)
    x = torch.randn(4, 2, 5)
    out, ref = vmap(f)(x), loop(f, x)
    assert out.dtype == ref.dtype and out.shape == ref.shape
    assert torch.allclose(out.double(), ref.double())
    if out.dtype.is_floating_point:
        g = grad(lambda a: f(a).sum())
        assert torch.allclose(vmap(g)(x), loop(g, x))


def test_round_names_its_overload_as_pytorch():
    x = torch.tensor([1.26, 2.5], requires_grad=True)
    assert torch.round(x).grad_fn.name() == "RoundBackward0"
    assert torch.round(x, decimals=0).grad_fn.name() == "RoundBackward1"
    assert torch.allclose(x.round(decimals=1), torch.tensor([1.3, 2.5]))
