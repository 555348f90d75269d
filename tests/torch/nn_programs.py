# ruff: noqa: E501 - one program per line reads best
"""Programs run alike on real PyTorch (to record tests/torch/nn_reference.py) and funcgrad.torch.

Each takes the torch module and its nn, sets weights deterministically
(``with torch.no_grad(): p.copy_(...)``) and returns a dict name -> nested list.
"""
import numpy as np


def det(shape, k=0):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 1.7 + k) * 0.5).reshape(shape).astype(np.float32)


def setw(torch, model, k=0):
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(torch.tensor(det(tuple(p.shape), k + i)))


def out(t):
    return np.asarray(t.detach().numpy(), dtype=np.float64).round(7).tolist()


def mlp(torch, nn):
    m = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3))
    setw(torch, m)
    x = torch.tensor(det((6, 4), 9))
    y = torch.tensor([0, 1, 2, 1, 0, 2])
    logits = m(x)
    loss = nn.CrossEntropyLoss()(logits, y)
    loss.backward()
    r = {"logits": out(logits), "loss": out(loss)}
    for n, p in m.named_parameters():
        r["grad." + n] = out(p.grad)
    return r


def _opt_run(torch, nn, make, steps=5, closure_opt=False):
    m = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 2))
    setw(torch, m, 3)
    x = torch.tensor(det((5, 3), 4))
    t = torch.tensor(det((5, 2), 7))
    opt = make(m.parameters())
    for _ in range(steps):
        def closure():
            opt.zero_grad()
            loss = ((m(x) - t) ** 2).mean()
            loss.backward()
            return loss
        if closure_opt:
            opt.step(closure)
        else:
            closure()
            opt.step()
    return {n: out(p) for n, p in m.named_parameters()}


OPTIMIZERS = {
    "sgd": lambda o, p: o.SGD(p, lr=0.5),
    "sgd_momentum": lambda o, p: o.SGD(p, lr=0.3, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda o, p: o.SGD(p, lr=0.3, momentum=0.8, nesterov=True, maximize=False),
    "sgd_maximize": lambda o, p: o.SGD(p, lr=0.1, momentum=0.5, maximize=True),
    "adam": lambda o, p: o.Adam(p, lr=0.05),
    "adam_amsgrad_wd": lambda o, p: o.Adam(p, lr=0.05, amsgrad=True, weight_decay=0.1),
    "adamw": lambda o, p: o.AdamW(p, lr=0.05, weight_decay=0.2, betas=(0.8, 0.99)),
    "rmsprop": lambda o, p: o.RMSprop(p, lr=0.01),
    "rmsprop_centered_momentum": lambda o, p: o.RMSprop(p, lr=0.01, centered=True, momentum=0.9, weight_decay=0.05),
    "adagrad": lambda o, p: o.Adagrad(p, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1),
    "adadelta": lambda o, p: o.Adadelta(p, lr=1.0, weight_decay=0.01),
    "lbfgs": ("closure", lambda o, p: o.LBFGS(p, lr=0.5, max_iter=4)),
    "lbfgs_wolfe": ("closure", lambda o, p: o.LBFGS(p, max_iter=5, line_search_fn="strong_wolfe")),
}


def optimizers(torch, nn):
    r = {}
    for name, make in OPTIMIZERS.items():
        closure = isinstance(make, tuple)
        mk = make[1] if closure else make
        res = _opt_run(torch, nn, lambda p, mk=mk: mk(torch.optim, p), closure_opt=closure,
                       steps=2 if closure else 5)
        for k, v in res.items():
            r[f"{name}.{k}"] = v
    return r


SCHEDULERS = {
    "step": lambda s, o: s.StepLR(o, step_size=3, gamma=0.5),
    "multistep": lambda s, o: s.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.3),
    "exponential": lambda s, o: s.ExponentialLR(o, gamma=0.9),
    "cosine": lambda s, o: s.CosineAnnealingLR(o, T_max=4, eta_min=0.01),
    "lambda": lambda s, o: s.LambdaLR(o, lambda e: 1.0 / (e + 1)),
    "onecycle": lambda s, o: s.OneCycleLR(o, max_lr=1.0, total_steps=12),
    "onecycle3": lambda s, o: s.OneCycleLR(o, max_lr=[0.5], total_steps=12, three_phase=True, anneal_strategy="linear"),
    "linear": lambda s, o: s.LinearLR(o, start_factor=0.25, total_iters=4),
}


def schedulers(torch, nn):
    r = {}
    for name, make in SCHEDULERS.items():
        p = nn.Parameter(torch.ones(1))
        opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
        s = make(torch.optim.lr_scheduler, opt)
        lrs, moms = [], []
        for _ in range(11):
            opt.step()
            s.step()
            lrs.append(opt.param_groups[0]["lr"])
            moms.append(opt.param_groups[0]["momentum"])
        r[name] = lrs
        r[name + ".momentum"] = moms
    p = nn.Parameter(torch.ones(1))
    opt = torch.optim.SGD([p], lr=1.0)
    s = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=2, factor=0.5, cooldown=1)
    lrs = []
    for m in [5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3]:
        s.step(m)
        lrs.append(opt.param_groups[0]["lr"])
    r["plateau"] = lrs
    return r


def batchnorm(torch, nn):
    r = {}
    bn = nn.BatchNorm2d(3)
    setw(torch, bn, 1)
    x = torch.tensor(det((4, 3, 2, 2), 2)) * 3 + 1
    x.requires_grad_(True)
    for i in range(2):
        y = bn(x * (i + 1))
        (y * torch.tensor(det(tuple(y.shape), 5))).sum().backward()
        r[f"train{i}.y"] = out(y)
    r["x.grad"] = out(x.grad)
    r["weight.grad"] = out(bn.weight.grad)
    r["bias.grad"] = out(bn.bias.grad)
    r["running_mean"] = out(bn.running_mean)
    r["running_var"] = out(bn.running_var)
    r["num_batches_tracked"] = [int(bn.num_batches_tracked)]
    bn.eval()
    r["eval.y"] = out(bn(x))
    bn1 = nn.BatchNorm1d(2, momentum=None, affine=False)
    for i in range(3):
        bn1(torch.tensor(det((5, 2), i)) + i)
    r["cumulative.running_mean"] = out(bn1.running_mean)
    r["cumulative.running_var"] = out(bn1.running_var)
    ln = nn.LayerNorm((2, 3))
    setw(torch, ln, 4)
    xl = torch.tensor(det((2, 2, 3), 1), requires_grad=True)
    yl = ln(xl)
    (yl * torch.tensor(det((2, 2, 3), 3))).sum().backward()
    r["ln.y"] = out(yl)
    r["ln.x.grad"] = out(xl.grad)
    r["ln.weight.grad"] = out(ln.weight.grad)
    gn = nn.GroupNorm(2, 4)
    setw(torch, gn, 2)
    xg = torch.tensor(det((2, 4, 3), 6), requires_grad=True)
    yg = gn(xg)
    (yg * torch.tensor(det((2, 4, 3), 8))).sum().backward()
    r["gn.y"] = out(yg)
    r["gn.x.grad"] = out(xg.grad)
    r["gn.bias.grad"] = out(gn.bias.grad)
    return r


def _input_grad(torch, fn, *arrays):
    xs = [torch.tensor(a, requires_grad=True) for a in arrays]
    y = fn(*xs)
    w = torch.tensor(det(tuple(y.shape), 11)) if y.ndim else torch.tensor(1.0)
    (y * w).sum().backward()
    return out(y), [out(x.grad) for x in xs]


def losses(torch, nn):
    F = torch.nn.functional
    x = det((4, 3), 1) * 3
    t_idx = np.array([0, 2, 1, 2])
    probs = np.abs(det((4, 3), 2)) + 0.1
    probs = (probs / probs.sum(1, keepdims=True)).astype(np.float32)
    tgt = det((4, 3), 3)
    bin_t = (det((4, 3), 4) > 0).astype(np.float32)
    w = np.array([0.2, 1.0, 3.0], np.float32)
    T = lambda a: torch.tensor(a)
    cases = {
        "mse": lambda a: F.mse_loss(a, T(tgt)),
        "mse_sum": lambda a: nn.MSELoss(reduction="sum")(a, T(tgt)),
        "l1": lambda a: F.l1_loss(a, T(tgt)),
        "smooth_l1": lambda a: F.smooth_l1_loss(a, T(tgt) * 4, beta=0.5),
        "huber": lambda a: F.huber_loss(a, T(tgt) * 4, delta=0.7, reduction="none"),
        "ce": lambda a: F.cross_entropy(a, T(t_idx)),
        "ce_weight": lambda a: F.cross_entropy(a, T(t_idx), weight=T(w)),
        "ce_ignore": lambda a: F.cross_entropy(a, T(np.array([0, -100, 1, 2])), weight=T(w)),
        "ce_ignore5": lambda a: F.cross_entropy(a, T(np.array([0, 5, 1, 5])), ignore_index=5),
        "ce_smooth": lambda a: F.cross_entropy(a, T(t_idx), label_smoothing=0.2),
        "ce_smooth_weight_ignore": lambda a: F.cross_entropy(a, T(np.array([0, 1, -100, 2])), weight=T(w), label_smoothing=0.1),
        "ce_probs": lambda a: F.cross_entropy(a, T(probs)),
        "ce_probs_smooth_weight": lambda a: F.cross_entropy(a, T(probs), weight=T(w), label_smoothing=0.3),
        "ce_none": lambda a: F.cross_entropy(a, T(t_idx), reduction="none"),
        "ce_sum": lambda a: F.cross_entropy(a, T(t_idx), reduction="sum"),
        "ce_nd": lambda a: F.cross_entropy(a.reshape(2, 3, 2), T(np.array([[0, 2], [1, 1]]))),
        "nll": lambda a: F.nll_loss(F.log_softmax(a, 1), T(t_idx)),
        "bce": lambda a: F.binary_cross_entropy(torch.sigmoid(a), T(bin_t)),
        "bce_weight": lambda a: nn.BCELoss(weight=T(w))(torch.sigmoid(a), T(bin_t)),
        "bce_logits": lambda a: F.binary_cross_entropy_with_logits(a, T(bin_t)),
        "bce_logits_pos": lambda a: nn.BCEWithLogitsLoss(pos_weight=T(w))(a, T(bin_t)),
        "kl": lambda a: F.kl_div(F.log_softmax(a, 1), T(probs), reduction="batchmean"),
        "kl_logt": lambda a: nn.KLDivLoss(reduction="sum", log_target=True)(F.log_softmax(a, 1), T(np.log(probs))),
    }
    r = {}
    for name, fn in cases.items():
        y, (g,) = _input_grad(torch, fn, x)
        r[name] = y
        r[name + ".grad"] = g
    return r


def activations(torch, nn):
    x = det((3, 4), 1) * 6
    mods = {
        "relu": nn.ReLU(), "relu6": nn.ReLU6(), "leaky": nn.LeakyReLU(0.2), "elu": nn.ELU(0.7),
        "selu": nn.SELU(), "celu": nn.CELU(1.5), "gelu": nn.GELU(), "gelu_tanh": nn.GELU("tanh"),
        "silu": nn.SiLU(), "mish": nn.Mish(), "sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(),
        "softmax": nn.Softmax(dim=1), "logsoftmax": nn.LogSoftmax(dim=0), "softmin": nn.Softmin(1),
        "softplus": nn.Softplus(beta=2.0, threshold=4.0), "softsign": nn.Softsign(),
        "hardtanh": nn.Hardtanh(-2.0, 1.5), "hardsigmoid": nn.Hardsigmoid(),
        "hardswish": nn.Hardswish(), "logsigmoid": nn.LogSigmoid(), "tanhshrink": nn.Tanhshrink(),
        "threshold": nn.Threshold(0.5, -1.0), "prelu": nn.PReLU(), "glu": nn.GLU(1),
    }
    r = {}
    for name, m in mods.items():
        y, (g,) = _input_grad(torch, m, x)
        r[name] = y
        r[name + ".grad"] = g
    F = torch.nn.functional
    extra = {
        "pad_const": lambda a: F.pad(a, (1, 2, 0, 1), value=0.5),
        "pad_reflect": lambda a: F.pad(a.reshape(1, 3, 4), (2, 1), mode="reflect"),
        "pad_replicate": lambda a: F.pad(a.reshape(1, 3, 4), (1, 3), mode="replicate"),
        "pad_circular": lambda a: F.pad(a.reshape(1, 3, 4), (1, 2), mode="circular"),
        "pad_crop": lambda a: F.pad(a, (-1, 1)),
        "normalize": lambda a: F.normalize(a, dim=1),
        "normalize_p1": lambda a: F.normalize(a, p=1.0, dim=0),
        "cosine": lambda a: F.cosine_similarity(a, a.flip(0)),
        "dropout_eval": lambda a: F.dropout(a, 0.5, training=False),
    }
    for name, fn in extra.items():
        y, (g,) = _input_grad(torch, fn, x)
        r[name] = y
        r[name + ".grad"] = g
    r["one_hot"] = F.one_hot(torch.tensor([0, 3, 1]), 5).tolist()
    emb = nn.Embedding(6, 3, padding_idx=2)
    setw(torch, emb, 1)
    ids = torch.tensor([[1, 2], [2, 5]])
    e = emb(ids)
    (e * torch.tensor(det((2, 2, 3), 2))).sum().backward()
    r["embedding"] = out(e)
    r["embedding.grad"] = out(emb.weight.grad)
    bil = nn.Bilinear(2, 3, 2)
    setw(torch, bil, 5)
    a1, a2 = torch.tensor(det((4, 2), 1), requires_grad=True), torch.tensor(det((4, 3), 2))
    yb = bil(a1, a2)
    yb.sum().backward()
    r["bilinear"] = out(yb)
    r["bilinear.weight.grad"] = out(bil.weight.grad)
    r["bilinear.x1.grad"] = out(a1.grad)
    return r


PROGRAMS = ["mlp", "optimizers", "schedulers", "batchnorm", "losses", "activations"]


def recurrent(torch, nn):
    r = {}
    x = torch.tensor(det((2, 4, 3), 1), requires_grad=True)  # batch_first (N, L, H_in)
    models = {
        "lstm": (nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True), True),
        "gru": (nn.GRU(3, 4, num_layers=2, batch_first=True), False),
        "rnn_relu": (nn.RNN(3, 4, nonlinearity="relu", batch_first=True, bidirectional=True), False),
        "rnn_tanh_nobias": (nn.RNN(3, 4, bias=False, batch_first=True), False),
    }
    for name, (m, is_lstm) in models.items():
        setw(torch, m, 2)
        layers = m.num_layers * (2 if m.bidirectional else 1)
        h0 = torch.tensor(det((layers, 2, 4), 3))
        hx = (h0, torch.tensor(det((layers, 2, 4), 4))) if is_lstm else h0
        outp, hn = m(x, hx)
        h_last = hn[0] if is_lstm else hn
        loss = (outp * torch.tensor(det(tuple(outp.shape), 5))).sum() + (h_last ** 2).sum()
        if is_lstm:
            loss = loss + hn[1].sum()
        x.grad = None
        loss.backward()
        r[name + ".out"] = out(outp)
        r[name + ".h_n"] = out(h_last)
        if is_lstm:
            r[name + ".c_n"] = out(hn[1])
        r[name + ".x.grad"] = out(x.grad)
        for n, p in m.named_parameters():
            r[f"{name}.grad.{n}"] = out(p.grad)
    # unbatched input, no initial state
    gru = nn.GRU(3, 2)
    setw(torch, gru, 7)
    o, h = gru(torch.tensor(det((5, 3), 2)))
    r["gru_unbatched.out"] = out(o)
    cells = {"lstm_cell": nn.LSTMCell(3, 2), "gru_cell": nn.GRUCell(3, 2), "rnn_cell": nn.RNNCell(3, 2)}
    for name, cell in cells.items():
        setw(torch, cell, 1)
        res = cell(torch.tensor(det((4, 3), 6)))
        r[name] = out(res[0] if isinstance(res, tuple) else res)
    return r


def reprs(torch, nn):
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 3, bias=False), nn.Tanh()), nn.Dropout(0.2))
    r = {"sequential": [repr(m)], "state_dict": list(m.state_dict().keys())}
    lstm = nn.LSTM(3, 4, 2, bidirectional=True)
    r["lstm"] = [repr(lstm)]
    r["lstm.state_dict"] = list(lstm.state_dict().keys())
    bn = nn.Sequential(nn.BatchNorm1d(3), nn.LayerNorm(3), nn.Embedding(4, 3))
    r["bn"] = [repr(bn)]
    r["bn.state_dict"] = list(bn.state_dict().keys())
    r["modulelist"] = [repr(nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU()]))]
    r["moduledict"] = [repr(nn.ModuleDict({"a": nn.ReLU(), "b": nn.Linear(1, 1)}))]
    r["parameterlist"] = [repr(nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.ones(2, 3))]))]
    r["parameter"] = [repr(nn.Parameter(torch.tensor([1.0, 2.0])))]
    r["optimizers"] = [repr(torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)), repr(torch.optim.Adam(m.parameters())),
                       repr(torch.optim.AdamW(m.parameters())), repr(torch.optim.RMSprop(m.parameters()))]
    r["layers"] = [repr(x) for x in [
        nn.GRU(3, 4), nn.RNN(3, 4, nonlinearity="relu", dropout=0.5, num_layers=2), nn.LSTMCell(2, 3),
        nn.RNNCell(2, 3, nonlinearity="relu"), nn.GroupNorm(2, 4), nn.LayerNorm((2, 3), elementwise_affine=False),
        nn.BatchNorm2d(3, momentum=None, affine=False), nn.Embedding(10, 3, padding_idx=0, max_norm=1.0),
        nn.Bilinear(2, 3, 4), nn.Unflatten(1, (2, 2)), nn.Flatten(0), nn.Identity(), nn.PReLU(3),
        nn.GELU("tanh"), nn.Softplus(2.0), nn.Hardtanh(-2.0, 2.0), nn.LeakyReLU(0.2, True), nn.ELU(),
        nn.Threshold(0.1, 20), nn.Softmax(), nn.CrossEntropyLoss(label_smoothing=0.1), nn.HuberLoss(delta=2.0),
    ]]
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    sd = opt.state_dict()
    r["sgd.state_dict.param_groups"] = [repr(sd["param_groups"])]
    return r


PROGRAMS.extend(["recurrent", "reprs"])


def convolution(torch, nn):
    F = torch.nn.functional
    r = {}
    x = torch.tensor(det((2, 4, 9, 8), 1), requires_grad=True)
    convs = {
        "plain": nn.Conv2d(4, 3, 3),
        "stride_pad": nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 2)),
        "dilation_groups": nn.Conv2d(4, 4, 3, dilation=2, groups=2, bias=False),
        "same": nn.Conv2d(4, 2, (4, 3), padding="same"),
        "reflect": nn.Conv2d(4, 2, 3, padding=1, padding_mode="reflect"),
        "circular": nn.Conv2d(4, 2, 3, padding=2, padding_mode="circular", stride=2),
    }
    for name, c in convs.items():
        setw(torch, c, 2)
        x.grad = None
        y = c(x)
        (y * torch.tensor(det(tuple(y.shape), 3))).sum().backward()
        r[f"conv.{name}"] = out(y)
        r[f"conv.{name}.x.grad"] = out(x.grad)
        for n, p in c.named_parameters():
            r[f"conv.{name}.grad.{n}"] = out(p.grad)
    x1 = torch.tensor(det((2, 3, 11), 4), requires_grad=True)
    c1 = nn.Conv1d(3, 4, 3, stride=2, padding=1)
    setw(torch, c1, 5)
    y1 = c1(x1)
    (y1 ** 2).sum().backward()
    r["conv1d"] = out(y1)
    r["conv1d.x.grad"] = out(x1.grad)
    r["conv1d.weight.grad"] = out(c1.weight.grad)
    pools = {
        "max": lambda a: F.max_pool2d(a, 2),
        "max_pad_stride": lambda a: F.max_pool2d(a, 3, stride=2, padding=1),
        "max_ceil": lambda a: F.max_pool2d(a, (2, 3), ceil_mode=True),
        "max_dilation": lambda a: F.max_pool2d(a, 2, stride=1, dilation=2),
        "avg": lambda a: F.avg_pool2d(a, 2),
        "avg_pad": lambda a: F.avg_pool2d(a, 3, stride=2, padding=1),
        "avg_pad_exclude": lambda a: F.avg_pool2d(a, 3, stride=2, padding=1, count_include_pad=False),
        "avg_ceil": lambda a: F.avg_pool2d(a, 2, ceil_mode=True, padding=1),
        "avg_divisor": lambda a: F.avg_pool2d(a, 2, divisor_override=3),
        "adaptive": lambda a: F.adaptive_avg_pool2d(a, (4, 3)),
        "adaptive_none": lambda a: F.adaptive_avg_pool2d(a, (None, 5)),
        "max1d": lambda a: F.max_pool1d(a.reshape(2, 4, 72), 4, stride=3),
        "avg1d": lambda a: F.avg_pool1d(a.reshape(2, 4, 72), 5, stride=4, padding=2),
        "adaptive1d": lambda a: F.adaptive_avg_pool1d(a.reshape(2, 4, 72), 7),
    }
    for name, fn in pools.items():
        y, (g,) = _input_grad(torch, fn, det((2, 4, 9, 8), 6))
        r["pool." + name] = y
        r["pool." + name + ".grad"] = g

    class LeNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
            self.conv2 = nn.Conv2d(6, 16, 5)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.fc2 = nn.Linear(120, 10)

        def forward(self, a):
            a = F.max_pool2d(F.relu(self.conv1(a)), 2)
            a = F.avg_pool2d(torch.sigmoid(self.conv2(a)), 2)
            return self.fc2(F.relu(self.fc1(a.flatten(1))))

    net = LeNet()
    setw(torch, net, 8)
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(0.2)
    images = torch.tensor(det((3, 1, 28, 28), 9))
    logits = net(images)
    loss = F.cross_entropy(logits, torch.tensor([1, 7, 3]))
    loss.backward()
    r["lenet.logits"] = out(logits)
    for n, p in net.named_parameters():
        r["lenet.grad." + n] = out(p.grad)
    xs = torch.ones(1, 2, 6, 6, requires_grad=True)
    x1s = torch.ones(1, 2, 6, requires_grad=True)
    w = torch.ones(2, 2, 3, 3)
    names = [
        F.conv2d(xs, w), F.conv2d(xs, w, torch.ones(2)), F.max_pool2d(xs, 2), F.avg_pool2d(xs, 2),
        F.adaptive_avg_pool2d(xs, 2), F.max_pool1d(x1s, 2), F.avg_pool1d(x1s, 2),
        F.cross_entropy(xs, torch.zeros(1, 6, 6, dtype=torch.long)), F.pad(x1s, (1, 1), mode="reflect"),
        F.pad(xs, (1, 1, 1, 1), mode="replicate"), F.pad(xs, (1, 1)), F.celu(xs), F.dropout(xs, 0.0, training=False) * 1,
    ]
    r["grad_fn_names"] = [t.grad_fn.name() for t in names]
    r["reprs"] = [repr(m) for m in [
        nn.Conv2d(1, 6, 5), nn.Conv2d(1, 6, 3, stride=2, padding=1, bias=False),
        nn.Conv1d(2, 4, 3, padding="same", dilation=2, groups=2), nn.Conv2d(2, 2, 3, padding_mode="reflect", padding=1),
        nn.MaxPool2d(2), nn.MaxPool2d((2, 3), stride=1, padding=1, ceil_mode=True), nn.AvgPool2d(2),
        nn.AvgPool2d(3, stride=2, padding=1), nn.AdaptiveAvgPool2d((1, 1)), nn.AdaptiveAvgPool2d(5),
        nn.MaxPool1d(3), nn.AvgPool1d(2), nn.AdaptiveAvgPool1d(4),
    ]]
    return r


PROGRAMS.append("convolution")


def pooling_more(torch, nn):
    F = torch.nn.functional
    r = {}
    x = torch.tensor(det((2, 3, 7, 6), 2), requires_grad=True)
    y, i = F.max_pool2d(x, 3, stride=2, padding=1, return_indices=True)
    r["max2d.indices"] = i.tolist()
    r["max2d.ceil.indices"] = F.max_pool2d(x, 2, ceil_mode=True, return_indices=True)[1].tolist()
    r["max1d.indices"] = F.max_pool1d(x[:, 0], 2, stride=1, return_indices=True)[1].tolist()
    y3, i3 = nn.MaxPool3d(2, return_indices=True)(x.unsqueeze(1))
    r["max3d"], r["max3d.indices"] = out(y3), i3.tolist()
    r["avg3d"] = out(nn.AvgPool3d((2, 3, 2), padding=1, count_include_pad=False)(x.unsqueeze(1)))
    u = nn.MaxUnpool2d(3, stride=2, padding=1)(y, i, output_size=(7, 6))
    (u * torch.tensor(det((7, 6), 5))).sum().backward()
    r["unpool2d"], r["unpool2d.x.grad"] = out(u), out(x.grad)
    y1, i1 = F.max_pool1d(x[0], 2, return_indices=True)
    r["unpool1d"] = out(nn.MaxUnpool1d(2)(y1, i1))
    r["names"] = [y.grad_fn.name(), y3.grad_fn.name(), u.grad_fn.name(), repr(nn.MaxUnpool2d(2)),
                  repr(nn.MaxPool3d(2)), repr(nn.AvgPool3d(2))]
    return r


def lstm_projection(torch, nn):
    r = {}
    for name, kw in {"one": {}, "deep_bi": dict(num_layers=2, bidirectional=True)}.items():
        m = nn.LSTM(3, 5, proj_size=2, batch_first=True, **kw)
        setw(torch, m, 4)
        x = torch.tensor(det((2, 4, 3), 6), requires_grad=True)
        o, (h, c) = m(x)
        (o.sum() + 2 * h.sum() + c.sum()).backward()
        r[f"{name}.out"], r[f"{name}.h"], r[f"{name}.c"] = out(o), out(h), out(c)
        r[f"{name}.x.grad"] = out(x.grad)
        for n, p in m.named_parameters():
            r[f"{name}.grad.{n}"] = out(p.grad)
        r[f"{name}.repr"] = [repr(m)] + [n for n, _ in m.named_parameters()]
    return r


PROGRAMS.extend(["pooling_more", "lstm_projection"])
