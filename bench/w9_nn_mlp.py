"""W9: one training step of an nn.Module MLP: Linear(784,512)-Tanh-Linear(512,10),
CrossEntropyLoss, SGD (lr 0.1), batch 256, float32.

Each call is ``zero_grad(); loss = crit(model(x), y); loss.backward(); opt.step()``
and returns the loss (of the weights before the step). The first call of every
implementation starts from the same weights, so the first losses must agree.
The bar: funcgrad.torch within 1.2x of PyTorch.
"""

from harness import Case, fmt_ratio, fmt_time, ratio_bar, run_cases, table

TITLE = "W9 nn.Module MLP training step 784-512-10, batch 256, CrossEntropyLoss + SGD"
SIZES, BATCH, LR = (784, 512, 10), 256, 0.1


def data():
    import numpy as np

    rng = np.random.default_rng(0)
    w1 = (rng.standard_normal((SIZES[1], SIZES[0])) / np.sqrt(SIZES[0])).astype(np.float32)
    b1 = np.zeros(SIZES[1], np.float32)
    w2 = (rng.standard_normal((SIZES[2], SIZES[1])) / np.sqrt(SIZES[1])).astype(np.float32)
    b2 = np.zeros(SIZES[2], np.float32)
    x = rng.standard_normal((BATCH, SIZES[0])).astype(np.float32)
    y = rng.integers(0, SIZES[2], BATCH)
    return (w1, b1, w2, b2), x, y


def hand_step(ns):
    np = ns.np
    (w1, b1, w2, b2), x, y = data()
    params = [w1, b1, w2, b2]
    rows = np.arange(BATCH)

    def step():
        w1, b1, w2, b2 = params
        h = np.tanh(x @ w1.T + b1)
        z = h @ w2.T + b2
        z = z - z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        loss = -logp[rows, y].mean()
        g = np.exp(logp)
        g[rows, y] -= 1
        g /= BATCH
        gw2, gb2 = g.T @ h, g.sum(0)
        gh = (g @ w2) * (1 - h * h)
        gw1, gb1 = gh.T @ x, gh.sum(0)
        for p, gp in zip(params, (gw1, gb1, gw2, gb2)):
            p -= np.float32(LR) * gp
        return loss

    return step


def nn_step(ns):
    torch = ns.torch
    nn = torch.nn
    (w1, b1, w2, b2), x, y = data()
    model = nn.Sequential(nn.Linear(784, 512), nn.Tanh(), nn.Linear(512, 10))
    with torch.no_grad():
        for p, v in zip(model.parameters(), (w1, b1, w2, b2)):
            p.copy_(torch.from_numpy(v))
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        opt.zero_grad()
        loss = crit(model(xt), yt)
        loss.backward()
        opt.step()
        return loss.detach()

    return step


CASES = [
    Case("numpy (hand)", "numpy", hand_step),
    Case("funcgrad.torch nn", "funcgrad.torch", nn_step),
    Case("torch nn", "torch", nn_step),
]


def run(settings, args):
    import numpy as np

    reference = np.float32(hand_step(__import__("types").SimpleNamespace(np=np))())
    rows = run_cases(CASES, settings, reference=reference, rtol=1e-5, atol=1e-6, context="W9")
    torch_row = next((r for r in rows if r.label == "torch nn" and r.ok), None)
    body = []
    for row in rows:
        if not row.ok:
            body.append([row.label, row.status, "-", "-"])
            continue
        vs = fmt_ratio(row.time / torch_row.time) if torch_row else "-"
        body.append([row.label, fmt_time(row.time), vs, row.check])
    text = table(["implementation", "per step", "vs torch nn", "first-loss check"], body)
    bars = [ratio_bar("W9 funcgrad.torch nn step / torch nn step (float32)", rows,
                      "funcgrad.torch nn", "torch nn", 1.2)]
    return text, bars, rows
