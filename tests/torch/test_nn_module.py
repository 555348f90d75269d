"""The Module contract, containers, optimizer state, lr schedules and data loading.

Structural behaviour is PyTorch's (checked against it when these tests were
written): registration, walks with prefixes and de-duplication, hooks,
train/eval, state_dict round trips and their errors, dtype moves, DataLoader
batching and shuffling determinism.
"""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

import funcgrad.torch as torch
from funcgrad.torch import nn
from funcgrad.torch.utils.data import DataLoader, Subset, TensorDataset, random_split


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)
        self.shared = self.fc  # the same module twice
        self.block = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
        self.scale = nn.Parameter(torch.ones(1))
        self.register_buffer("steps", torch.zeros(()))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)

    def forward(self, x):
        return self.block(self.fc(x)) * self.scale


def test_walks_deduplicate_and_prefix():
    m = Net()
    assert [n for n, _ in m.named_parameters()] == [
        "scale", "fc.weight", "fc.bias", "block.0.weight", "block.0.bias", "block.1.weight",
        "block.1.bias",
    ]
    assert [n for n, _ in m.named_modules()] == ["", "fc", "block", "block.0", "block.1"]
    assert [n for n, _ in m.named_modules(remove_duplicate=False)] == [
        "", "fc", "shared", "block", "block.0", "block.1"]
    assert [n for n, _ in m.named_parameters(prefix="net", recurse=False)] == ["net.scale"]
    assert [n for n, _ in m.named_buffers()] == [
        "steps", "scratch", "block.1.running_mean", "block.1.running_var",
        "block.1.num_batches_tracked"]
    assert [n for n, _ in m.named_children()] == ["fc", "block"]
    assert list(m.state_dict()) == [
        "scale", "steps", "fc.weight", "fc.bias", "shared.weight", "shared.bias",
        "block.0.weight", "block.0.bias", "block.1.weight", "block.1.bias",
        "block.1.running_mean", "block.1.running_var", "block.1.num_batches_tracked"]


def test_attribute_registration_and_errors():
    m = nn.Module()
    m.w = nn.Parameter(torch.ones(2))
    m.sub = nn.ReLU()
    m.plain = 3
    assert set(m._parameters) == {"w"} and set(m._modules) == {"sub"} and m.plain == 3
    with pytest.raises(TypeError, match="cannot assign 'torch.FloatTensor' as parameter 'w'"):
        m.w = torch.ones(2)
    m.w = None
    assert m.w is None and list(m.parameters()) == []
    del m.sub
    with pytest.raises(AttributeError, match="'Module' object has no attribute 'sub'"):
        m.sub  # noqa: B018
    with pytest.raises(KeyError, match="attribute 'plain' already exists"):
        m.register_buffer("plain", torch.ones(1))
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' object to parameter"):
        m.register_parameter("bad", torch.ones(1, requires_grad=True) * 2)
    with pytest.raises(NotImplementedError, match='missing the required "forward"'):
        m(torch.ones(1))

    class Early(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(torch.ones(1))

    with pytest.raises(AttributeError, match="before Module.__init__"):
        Early()


def test_hooks_train_eval_zero_grad():
    m = Net()
    calls = []
    h1 = m.register_forward_pre_hook(lambda mod, args: calls.append("pre") or (args[0] * 0,))
    h2 = m.register_forward_hook(lambda mod, args, out: calls.append("post") or out + 1)
    out = m(torch.ones(4, 3))
    assert calls == ["pre", "post"]
    h1.remove()
    h2.remove()
    out.sum().backward()
    assert m.fc.weight.grad is not None
    m.zero_grad(set_to_none=False)
    assert float(m.fc.weight.grad.abs().sum()) == 0.0
    m.zero_grad()
    assert m.fc.weight.grad is None
    m.eval()
    assert not any(mod.training for mod in m.modules())
    m.train()
    assert all(mod.training for mod in m.modules())


def test_state_dict_round_trip_and_errors():
    a, b = Net(), Net()
    a(torch.randn(5, 3))  # moves the running statistics
    result = b.load_state_dict(a.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    for (n, p), (_, q) in zip(a.state_dict().items(), b.state_dict().items()):
        assert torch.equal(p, q), n
    sd = a.state_dict()
    sd["extra"] = torch.ones(1)
    del sd["scale"]
    with pytest.raises(RuntimeError) as err:
        b.load_state_dict(sd)
    assert 'Missing key(s) in state_dict: "scale"' in str(err.value)
    assert 'Unexpected key(s) in state_dict: "extra"' in str(err.value)
    result = b.load_state_dict(sd, strict=False)
    assert result.missing_keys == ["scale"] and result.unexpected_keys == []
    sd = a.state_dict()
    sd["fc.weight"] = torch.ones(5, 5)
    with pytest.raises(RuntimeError, match="size mismatch for fc.weight"):
        b.load_state_dict(sd)
    # state_dict values share storage with the parameters, detached
    v = a.state_dict()["fc.bias"]
    assert not v.requires_grad
    with torch.no_grad():
        a.fc.bias.fill_(7.0)
    assert v.tolist() == [7.0, 7.0]


def test_to_double_apply_requires_grad_copy_pickle():
    m = Net()
    w = m.fc.weight
    m.double()
    assert m.fc.weight is w and w.dtype == torch.float64
    assert m.block[1].running_mean.dtype == torch.float64
    assert m.block[1].num_batches_tracked.dtype == torch.int64
    m.float()
    assert w.dtype == torch.float32
    seen = []
    m.apply(lambda mod: seen.append(type(mod).__name__))
    assert seen == ["Linear", "Linear", "BatchNorm1d", "Sequential", "Net"]
    m.requires_grad_(False)
    assert not any(p.requires_grad for p in m.parameters())
    m2 = copy.deepcopy(m)
    assert m2.fc is m2.shared and m2.fc.weight is not m.fc.weight
    assert torch.equal(m2.fc.weight, m.fc.weight)
    m3 = pickle.loads(pickle.dumps(m))
    assert torch.equal(m3.block[0].bias, m.block[0].bias)


def test_containers():
    seq = nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1))
    assert isinstance(seq[0:2], nn.Sequential) and len(seq[0:2]) == 2
    assert seq[-1] is seq[2]
    del seq[1]
    assert [k for k, _ in seq.named_children()] == ["0", "1"]
    ml = nn.ModuleList([nn.ReLU()])
    ml += [nn.Tanh()]
    ml.insert(0, nn.Sigmoid())
    assert [type(m).__name__ for m in ml] == ["Sigmoid", "ReLU", "Tanh"]
    md = nn.ModuleDict({"b": nn.ReLU(), "a": nn.Tanh()})
    assert list(md) == ["b", "a"]
    pl = nn.ParameterList([torch.ones(1), nn.Parameter(torch.zeros(2))])
    assert all(isinstance(p, nn.Parameter) for p in pl)
    pd = nn.ParameterDict({"x": torch.ones(2)})
    assert [n for n, _ in pd.named_parameters()] == ["x"]


def test_optimizer_state_dict_round_trip_and_groups():
    m = nn.Linear(2, 1)
    opt = torch.optim.Adam(m.parameters(), lr=0.1)
    m(torch.ones(3, 2)).sum().backward()
    opt.step()
    sd = opt.state_dict()
    assert sd["param_groups"][0]["params"] == [0, 1]
    assert sorted(sd["state"][0]) == ["exp_avg", "exp_avg_sq", "step"]
    m2 = nn.Linear(2, 1)
    m2.load_state_dict(m.state_dict())
    opt2 = torch.optim.Adam(m2.parameters(), lr=0.5)
    opt2.load_state_dict(sd)
    assert opt2.param_groups[0]["lr"] == 0.1
    for o in (opt, opt2):
        o.zero_grad()
    for mm in (m, m2):
        mm(torch.ones(3, 2)).sum().backward()
    opt.step()
    opt2.step()
    assert torch.allclose(m.weight, m2.weight) and torch.allclose(m.bias, m2.bias)
    with pytest.raises(ValueError, match="more than one parameter group"):
        opt.add_param_group({"params": [m.weight]})
    with pytest.raises(ValueError, match="empty parameter list"):
        torch.optim.SGD([], lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        torch.optim.SGD([m.weight * 2], lr=0.1)


def test_lbfgs_converges_on_a_quadratic():
    x = nn.Parameter(torch.tensor([1.5, -0.5], dtype=torch.float64))
    opt = torch.optim.LBFGS([x], line_search_fn="strong_wolfe")
    target = torch.tensor([3.0, 2.0], dtype=torch.float64)

    def closure():
        opt.zero_grad()
        loss = ((x - target) ** 2 * torch.tensor([1.0, 10.0], dtype=torch.float64)).sum()
        loss.backward()
        return loss

    opt.step(closure)
    np.testing.assert_allclose(x.detach().numpy(), [3.0, 2.0], atol=1e-5)


def test_dataloader_batches_shuffle_and_collate():
    ds = TensorDataset(torch.arange(10.0).reshape(5, 2), torch.arange(5))
    batches = list(DataLoader(ds, batch_size=2))
    assert [b[1].tolist() for b in batches] == [[0, 1], [2, 3], [4]]
    assert len(DataLoader(ds, batch_size=2, drop_last=True)) == 2

    def order(seed):
        g = torch.Generator().manual_seed(seed)
        loader = DataLoader(ds, batch_size=5, shuffle=True, generator=g)
        return [b[1].tolist() for b in loader] + [b[1].tolist() for b in loader]

    first = order(3)
    assert first == order(3)  # the same seed, the same two epochs
    assert first[0] != first[1] or first[0] != order(4)[0]  # epochs (or seeds) differ
    assert sorted(first[0]) == [0, 1, 2, 3, 4]
    torch.manual_seed(1)
    a = [b[1].tolist() for b in DataLoader(ds, batch_size=5, shuffle=True)]
    torch.manual_seed(1)
    b = [b[1].tolist() for b in DataLoader(ds, batch_size=5, shuffle=True)]
    assert a == b
    dicts = [{"x": np.ones(2), "y": 1.5, "name": "a"}, {"x": np.zeros(2), "y": 0.5, "name": "b"}]
    batch = next(iter(DataLoader(dicts, batch_size=2)))
    assert batch["x"].shape == (2, 2) and batch["y"].dtype == torch.float64
    assert batch["name"] == ["a", "b"]


def test_random_split_and_subset():
    ds = TensorDataset(torch.arange(10))
    parts = random_split(ds, [3, 7], generator=torch.Generator().manual_seed(0))
    assert [len(p) for p in parts] == [3, 7]
    assert sorted(parts[0].indices + parts[1].indices) == list(range(10))
    again = random_split(ds, [0.3, 0.7], generator=torch.Generator().manual_seed(0))
    assert again[0].indices == parts[0].indices
    assert Subset(ds, [4, 2])[1][0].item() == 2
    with pytest.raises(ValueError, match="Sum of input lengths"):
        random_split(ds, [3, 3])


def test_dropout_train_eval_and_batchnorm_eval_uses_running_stats():
    torch.manual_seed(0)
    d = nn.Dropout(0.25)
    x = torch.ones(1000)
    y = d(x)
    assert set(np.unique(y.numpy()).tolist()) <= {0.0, float(np.float32(4.0 / 3.0))}
    assert 0.15 < float((y == 0).float().mean()) < 0.35
    assert torch.equal(d.eval()(x), x)


def test_clip_grad_norm_matches_pytorch():
    a = nn.Parameter(torch.zeros(2))
    b = nn.Parameter(torch.zeros(3))
    a.grad = torch.tensor([3.0, 4.0])
    b.grad = torch.tensor([12.0, 0.0, 0.0])
    total = nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    # PyTorch 2.13: tensor(13.), grads scaled by 1 / (13 + 1e-6)
    assert total.item() == 13.0
    np.testing.assert_allclose(a.grad.numpy(), [3 / 13, 4 / 13], rtol=1e-6)
    nn.utils.clip_grad_value_([b], 0.5)
    np.testing.assert_allclose(b.grad.numpy(), [0.5, 0.0, 0.0], rtol=1e-6)
    total = nn.utils.clip_grad_norm_([a, b], max_norm=10.0, norm_type="inf")
    np.testing.assert_allclose(total.item(), 0.5, rtol=1e-6)


def test_init_bounds_and_lazy_linear():
    torch.manual_seed(0)
    lin = nn.Linear(100, 50)
    bound = 1 / 10
    assert float(lin.weight.abs().max()) <= bound and float(lin.bias.abs().max()) <= bound
    assert float(lin.weight.abs().max()) > 0.9 * bound  # uniform over the whole range
    w = torch.empty(200, 300)
    nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    np.testing.assert_allclose(float(w.std()), (2 / 200) ** 0.5, rtol=0.05)
    nn.init.trunc_normal_(w, std=0.02)
    assert float(w.abs().max()) <= 2.0
    lazy = nn.LazyLinear(3)
    opt = torch.optim.SGD(lazy.parameters(), lr=0.1)  # built before the shapes are known
    lazy(torch.ones(2, 7)).sum().backward()
    opt.step()
    assert type(lazy) is nn.Linear and lazy.weight.shape == (3, 7)
    assert type(opt.param_groups[0]["params"][0]) is nn.Parameter
