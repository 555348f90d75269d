"""W10: one training step of a LeNet-style CNN: Conv2d(1,6,5,pad 2)-ReLU-MaxPool2d(2)-
Conv2d(6,16,5)-ReLU-MaxPool2d(2)-Flatten-Linear(400,120)-ReLU-Linear(120,84)-ReLU-
Linear(84,10), CrossEntropyLoss, SGD with momentum, batch 64 of 1x28x28, float32.

Each call is ``zero_grad(); loss = crit(model(x), y); loss.backward(); opt.step()``
and returns the loss of the weights before the step; both implementations start
from the same weights, so their first losses must agree (PyTorch's is the
reference here: there is no hand-written convolution gradient).
The bar: funcgrad.torch within 2x of PyTorch.
"""

from harness import Case, fmt_ratio, fmt_time, ratio_bar, run_cases, table

TITLE = "W10 LeNet training step (Conv2d/MaxPool2d), batch 64, CrossEntropyLoss + SGD"
BATCH, LR = 64, 0.05


def data():
    import numpy as np

    rng = np.random.default_rng(0)
    shapes = [(6, 1, 5, 5), (6,), (16, 6, 5, 5), (16,), (120, 400), (120,), (84, 120), (84,),
              (10, 84), (10,)]
    params = []
    for shape in shapes:
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else shape[0]
        params.append((rng.uniform(-1, 1, shape) / np.sqrt(fan_in)).astype(np.float32))
    x = rng.random((BATCH, 1, 28, 28)).astype(np.float32)
    y = rng.integers(0, 10, BATCH)
    return params, x, y


def lenet_step(ns):
    torch = ns.torch
    nn = torch.nn
    params, x, y = data()
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )
    with torch.no_grad():
        for p, v in zip(model.parameters(), params):
            p.copy_(torch.from_numpy(v))
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        opt.zero_grad()
        loss = crit(model(xt), yt)
        loss.backward()
        opt.step()
        return loss.detach()

    return step


CASES = [
    Case("funcgrad.torch nn", "funcgrad.torch", lenet_step),
    Case("torch nn", "torch", lenet_step),
]


def run(settings, args):
    import harness

    ref = harness.load("torch")
    reference = None
    if not isinstance(ref, str):
        reference = lenet_step(ref)().numpy()
    rows = run_cases(CASES, settings, reference=reference, rtol=1e-5, atol=1e-6, context="W10")
    torch_row = next((r for r in rows if r.label == "torch nn" and r.ok), None)
    body = []
    for row in rows:
        if not row.ok:
            body.append([row.label, row.status, "-", "-"])
            continue
        vs = fmt_ratio(row.time / torch_row.time) if torch_row else "-"
        body.append([row.label, fmt_time(row.time), vs, row.check or "-"])
    text = table(["implementation", "per step", "vs torch nn", "first-loss check (vs torch)"],
                 body)
    bars = [ratio_bar("W10 funcgrad.torch LeNet step / torch LeNet step (float32)", rows,
                      "funcgrad.torch nn", "torch nn", 2.0)]
    return text, bars, rows
