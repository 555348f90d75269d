# ruff: noqa: E501 - one program per line reads best
"""Programs run alike on PyTorch (to record nn_build_reference.py) and funcgrad.torch.

Pruning, weight and spectral normalisation, EmbeddingBag, 3-D convolution and
post-accumulate-grad hooks; conventions as in nn_programs.py (weights set
deterministically, each program returns a dict name -> nested list).
"""
from nn_programs import det, out, setw


def _grads(model, prefix=""):
    return {prefix + "grad." + n: out(p.grad) for n, p in model.named_parameters() if p.grad is not None}


def _lenet(nn):
    F = nn.functional

    class LeNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 3, 3)
            self.fc1 = nn.Linear(3 * 3 * 3, 5)
            self.fc2 = nn.Linear(5, 4)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.conv1(x)), 2)
            return self.fc2(F.relu(self.fc1(x.flatten(start_dim=1))))
    return LeNet()


def prune(torch, nn):
    P = nn.utils.prune
    r = {}
    model = _lenet(nn)
    setw(torch, model, 1)
    conv = model.conv1
    P.l1_unstructured(conv, name="weight", amount=0.3)
    P.l1_unstructured(conv, name="bias", amount=1)
    r["params"] = [n for n, _ in conv.named_parameters()]
    r["buffers"] = [n for n, _ in conv.named_buffers()]
    r["weight_mask"], r["bias"] = out(conv.weight_mask), out(conv.bias)
    P.ln_structured(conv, name="weight", amount=0.34, n=2, dim=0)
    P.ln_structured(conv, name="weight", amount=1, n=1, dim=2)
    r["weight_mask2"] = out(conv.weight_mask)
    hook = [h for h in conv._forward_pre_hooks.values() if h._tensor_name == "weight"][0]
    r["history"] = [type(h).__name__ for h in hook]
    r["keys"] = list(model.state_dict().keys())
    x = torch.tensor(det((2, 1, 8, 8), 5))
    with torch.no_grad():
        conv.weight_orig.mul_(2.0)  # the pre-hook recomputes weight before the call
    y = model(x)
    (y * torch.tensor(det((2, 4), 6))).sum().backward()
    r["y"] = out(y)
    r.update(_grads(model))
    P.remove(conv, "weight")
    r["after_remove"] = [n for n, _ in conv.named_parameters()] + [n for n, _ in conv.named_buffers()]
    r["removed_weight"] = out(conv.weight)
    r["is_pruned"] = [str(P.is_pruned(model)), str(P.is_pruned(model.fc2))]
    # global pruning across layers, after a local pruning of fc1 (the masks combine)
    m2 = _lenet(nn)
    setw(torch, m2, 7)
    P.l1_unstructured(m2.fc1, "weight", amount=10)
    P.global_unstructured([(m2.conv1, "weight"), (m2.fc1, "weight"), (m2.fc2, "weight")],
                          pruning_method=P.L1Unstructured, amount=0.4)
    r["global.conv1"], r["global.fc1"], r["global.fc2"] = out(m2.conv1.weight_mask), out(m2.fc1.weight_mask), out(m2.fc2.weight_mask)
    r["global.history"] = [type(h).__name__ for h in m2.fc1._forward_pre_hooks[next(iter(m2.fc1._forward_pre_hooks))]]
    # importance scores, custom masks and a custom method
    lin = nn.Linear(3, 4)
    setw(torch, lin, 2)
    P.l1_unstructured(lin, "weight", amount=5, importance_scores=torch.tensor(det((4, 3), 8)))
    P.custom_from_mask(lin, "bias", torch.tensor([1.0, 0.0, 1.0, 0.0]))

    class EveryOther(P.BasePruningMethod):
        PRUNING_TYPE = "unstructured"

        def compute_mask(self, t, default_mask):
            mask = default_mask.clone()
            mask.view(-1)[::2] = 0
            return mask
    EveryOther.apply(lin, "weight")
    r["scores_mask"], r["custom_bias"] = out(lin.weight_mask), out(lin.bias)
    r["prune_fn"] = out(P.LnStructured(amount=1, n=float("inf"), dim=-1).prune(torch.tensor(det((3, 4), 9))))
    counts = []
    for amount in (0.25, 3, 0.0):
        rl = nn.Linear(4, 3)
        P.random_unstructured(rl, "weight", amount=amount)
        counts.append(int((rl.weight == 0).sum()))
        P.random_structured(rl, "weight", amount=1, dim=0)
        counts.append(int((rl.weight_mask.sum(dim=1) == 0).sum()))
    r["random_counts"] = counts
    errors = []
    for bad in (lambda: P.l1_unstructured(nn.Linear(2, 2), "weight", amount=1.5),
                lambda: P.l1_unstructured(nn.Linear(2, 2), "weight", amount=5),
                lambda: P.ln_structured(nn.Linear(2, 2), "bias", amount=1, n=2, dim=0),
                lambda: P.remove(nn.Linear(2, 2), "weight")):
        try:
            bad()
            errors.append("no error")
        except Exception as e:
            errors.append(type(e).__name__)
    r["errors"] = errors
    return r


def conv3d(torch, nn):
    F = nn.functional
    r = {}
    x = torch.tensor(det((2, 4, 5, 6, 4), 1), requires_grad=True)
    net = nn.Sequential(nn.Conv3d(4, 6, (3, 2, 3), stride=(1, 2, 1), padding=(1, 0, 2), dilation=(2, 1, 1), groups=2),
                        nn.ReLU(), nn.MaxPool3d(2, stride=1), nn.Conv3d(6, 3, 2, padding="same", bias=False),
                        nn.AvgPool3d((1, 2, 2), ceil_mode=True))
    setw(torch, net, 2)
    r["repr"] = [repr(net)]
    y = net(x)
    (y * torch.tensor(det(tuple(y.shape), 3))).sum().backward()
    r["y"], r["xgrad"] = out(y), out(x.grad)
    r.update(_grads(net))
    w = torch.tensor(det((2, 5, 2, 2, 2), 4), requires_grad=True)
    u = torch.tensor(det((5, 3, 4, 3), 5), requires_grad=True)  # unbatched
    z = F.conv3d(u, w, torch.tensor([0.1, -0.2]), stride=2, padding=1)
    z.sum().backward()
    r["unbatched"], r["unbatched.wgrad"], r["unbatched.ugrad"] = out(z), out(w.grad), out(u.grad)
    r["node"] = [z.grad_fn.name()]
    r["circular"] = out(nn.Conv3d(1, 1, 3, padding=1, padding_mode="circular", bias=False).requires_grad_(False).apply(lambda m: setw(torch, m, 6))(torch.tensor(det((1, 1, 3, 4, 3), 7))))
    return r


def embedding_bag(torch, nn):
    F = nn.functional
    r = {}
    text = torch.tensor([1, 5, 2, 0, 7, 7, 3, 9, 4, 0, 6])
    offsets = torch.tensor([0, 3, 3, 6])
    w = torch.tensor(det((10, 4), 1), requires_grad=True)
    for mode in ("sum", "mean", "max"):
        for pad in (None, 0):
            w.grad = None
            y = F.embedding_bag(text, w, offsets, mode=mode, padding_idx=pad)
            (y * torch.tensor(det(tuple(y.shape), 2))).sum().backward()
            key = f"{mode}.pad{pad}"
            r[key], r[key + ".wgrad"] = out(y), out(w.grad)
    w.grad = None
    psw = torch.tensor(det((11,), 3), requires_grad=True)
    y = F.embedding_bag(text, w, torch.tensor([0, 3, 8, 11]), mode="sum", per_sample_weights=psw, include_last_offset=True)
    (y * torch.tensor(det(tuple(y.shape), 4))).sum().backward()
    r["psw"], r["psw.wgrad"], r["psw.grad"] = out(y), out(w.grad), out(psw.grad)
    r["node"] = [y.grad_fn.name()]
    y2 = F.embedding_bag(torch.tensor([[1, 2, 3], [4, 4, 0]]), w, mode="mean")
    r["2d"] = out(y2)

    class TextClassificationModel(nn.Module):  # PyTorch's text classification tutorial
        def __init__(self, vocab_size, embed_dim, num_class):
            super().__init__()
            self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
            self.fc = nn.Linear(embed_dim, num_class)

        def forward(self, text, offsets):
            return self.fc(self.embedding(text, offsets))
    model = TextClassificationModel(10, 4, 3)
    setw(torch, model, 5)
    r["repr"] = [repr(model)]
    r["keys"] = list(model.state_dict())
    opt = torch.optim.SGD(model.parameters(), lr=5.0)
    crit = nn.CrossEntropyLoss()
    label = torch.tensor([2, 0, 1, 1])
    for _ in range(3):
        opt.zero_grad()
        loss = crit(model(text, offsets), label)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.1)
        opt.step()
    r["trained.loss"] = out(loss)
    r.update({"trained." + n: out(p) for n, p in model.named_parameters()})
    bag = nn.EmbeddingBag(10, 3, max_norm=1.0, mode="sum", padding_idx=2)
    r["repr2"] = [repr(bag), repr(nn.EmbeddingBag.from_pretrained(torch.ones(2, 2), mode="max"))]
    errors = []
    for bad in (lambda: F.embedding_bag(text, w, None), lambda: F.embedding_bag(text.reshape(1, -1), w, offsets),
                lambda: F.embedding_bag(text, w, offsets, mode="mean", per_sample_weights=torch.ones(11)),
                lambda: F.embedding_bag(text, w, offsets, mode="avg")):
        try:
            bad()
            errors.append("no error")
        except Exception as e:
            errors.append(type(e).__name__)
    r["errors"] = errors
    return r


def _setuv(torch, u, v, k):
    with torch.no_grad():
        u.copy_(torch.tensor(det(tuple(u.shape), k)))
        v.copy_(torch.tensor(det(tuple(v.shape), k + 1)))


def weight_spectral_norm(torch, nn):
    import warnings
    U = nn.utils
    r = {}
    x = torch.tensor(det((3, 2, 5), 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conv = U.weight_norm(nn.Conv1d(2, 4, 3))
        setw(torch, conv, 2)
        lin = U.weight_norm(nn.Linear(3, 2), dim=None)
        setw(torch, lin, 3)
    r["wn.params"] = [n for n, _ in conv.named_parameters()] + [n for n, _ in lin.named_parameters()]
    r["wn.keys"] = list(conv.state_dict()) + [repr(conv)]
    y = lin(conv(x).relu().sum(1))
    (y * torch.tensor(det(tuple(y.shape), 4))).sum().backward()
    r["wn.y"] = out(y)
    r.update(_grads(conv, "wn.conv."))
    r.update(_grads(lin, "wn.lin."))
    r["wn.node"] = [conv.weight.grad_fn.name()]
    U.remove_weight_norm(conv)
    r["wn.removed"] = out(conv.weight)
    # the parametrization form
    pc = U.parametrizations.weight_norm(nn.Conv1d(2, 4, 3), dim=1)
    setw(torch, pc, 5)
    r["pwn.params"] = [n for n, _ in pc.named_parameters()] + [repr(pc)]
    y = pc(x)
    (y * torch.tensor(det(tuple(y.shape), 6))).sum().backward()
    r["pwn.y"] = out(y)
    r.update(_grads(pc, "pwn."))
    # spectral norm, hook form: training steps refine u and v, eval leaves them
    sn = U.spectral_norm(nn.Linear(5, 4), n_power_iterations=2)
    setw(torch, sn, 7)
    _setuv(torch, sn.weight_u, sn.weight_v, 8)
    r["sn.keys"] = list(sn.state_dict()) + [n for n, _ in sn.named_buffers()]
    for step in range(2):
        y = sn(x[0])
        (y * torch.tensor(det(tuple(y.shape), 10 + step))).sum().backward()
        r[f"sn.y{step}"], r[f"sn.u{step}"], r[f"sn.v{step}"] = out(y), out(sn.weight_u), out(sn.weight_v)
    r.update(_grads(sn, "sn."))
    sn.eval()
    r["sn.eval"], r["sn.eval.u"] = out(sn(x[1])), out(sn.weight_u)
    sct = U.spectral_norm(nn.ConvTranspose1d(2, 3, 2))
    r["sn.convt.u"] = [str(tuple(sct.weight_u.shape)), str(tuple(sct.weight_v.shape))]
    U.remove_spectral_norm(sn)
    r["sn.removed"], r["sn.removed.names"] = out(sn.weight), [n for n, _ in sn.named_parameters()] + [str(len(sn._forward_pre_hooks))]
    # spectral norm, parametrization form
    ps = nn.Linear(5, 4)
    setw(torch, ps, 12)
    U.parametrizations.spectral_norm(ps)
    sp = ps.parametrizations.weight[0]
    _setuv(torch, sp._u, sp._v, 13)
    r["psn.keys"] = list(ps.state_dict())
    y = ps(x[0])
    (y * torch.tensor(det(tuple(y.shape), 14))).sum().backward()
    r["psn.y"], r["psn.u"] = out(y), out(sp._u)
    r.update(_grads(ps, "psn."))
    ps.eval()
    r["psn.eval"] = out(ps(x[1]))
    return r


def post_accumulate_hook(torch, nn):
    r = {}
    model = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 2))
    setw(torch, model, 1)
    opts = {p: torch.optim.Adam([p], lr=0.1, foreach=False) for p in model.parameters()}
    seen = []

    def hook(p):
        seen.append(tuple(p.shape))
        opts[p].step()
        opts[p].zero_grad()
    handles = [p.register_post_accumulate_grad_hook(hook) for p in model.parameters()]
    for step in range(3):
        x = torch.tensor(det((3, 4), step))
        model(x).pow(2).sum().backward()
    r.update({n: out(p) for n, p in model.named_parameters()})
    r["grads_none"] = [str(all(p.grad is None for p in model.parameters()))]
    r["calls"] = [str(sorted(seen))]
    for h in handles:
        h.remove()
    model(x).sum().backward()
    r["after_remove"] = [str(len(seen))] + [str(p.grad is not None) for p in model.parameters()]
    # the hook sees the accumulated .grad (two backward passes before it is read)
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    got = []
    w.register_post_accumulate_grad_hook(lambda t: got.append(t.grad.clone()))
    (w * 3).sum().backward()
    (w * w).sum().backward()
    r["accumulated"] = [out(g) for g in got]
    try:
        (w * 2).register_post_accumulate_grad_hook(lambda t: None)
        r["nonleaf"] = ["no error"]
    except RuntimeError as e:
        r["nonleaf"] = [str(e)]
    return r


PROGRAMS = ["prune", "conv3d", "embedding_bag", "weight_spectral_norm", "post_accumulate_hook"]
