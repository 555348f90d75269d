"""W1: scalar SGD loop, the smallest possible workload: pure per-call overhead.

Data x = [1, 2, 3], y = [2, 4, 6]; one weight w = 1.0; per-sample loss
(x*w - y)**2; 100 epochs of one gradient step per sample (300 steps).
The unit reported is microseconds per step.
"""

from harness import Case, find, fmt_time, ratio_bar, run_cases, table

TITLE = "W1 scalar SGD loop (100 epochs x 3 samples)"
XS = (1.0, 2.0, 3.0)
YS = (2.0, 4.0, 6.0)
EPOCHS = 100
STEPS = EPOCHS * len(XS)
LR = 0.01


def loss(w, x, y):
    return (x * w - y) ** 2


# ------------------------------------------------------------------ hand-written reference


def hand_sgd(ns):
    def train():
        w = 1.0
        for _ in range(EPOCHS):
            for x, y in zip(XS, YS):
                w -= LR * (2.0 * (x * w - y) * x)  # d/dw (x*w - y)**2
        return w

    return train


# ------------------------------------------------------------------ functional libraries


def functional_sgd(grad_fn):
    def train():
        w = 1.0
        for _ in range(EPOCHS):
            for x, y in zip(XS, YS):
                w = w - LR * grad_fn(w, x, y)
        return w

    return train


def funcgrad_grad(ns):
    return functional_sgd(ns.fg.grad(loss))


def funcgrad_jit_grad(ns):
    return functional_sgd(ns.fg.jit(ns.fg.grad(loss)))


def jax_grad(ns):
    return functional_sgd(ns.jax.grad(loss))


def jax_jit_grad(ns):
    return functional_sgd(ns.jax.jit(ns.jax.grad(loss)))


def autograd_grad(ns):
    return functional_sgd(ns.ag.grad(loss))


# ------------------------------------------------------------------ PyTorch style (both torches)


def torch_backward(ns):
    torch = ns.torch

    def train():
        w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        for _ in range(EPOCHS):
            for x, y in zip(XS, YS):
                loss(w, x, y).backward()
                with torch.no_grad():
                    w -= LR * w.grad
                w.grad.zero_()
        return w.detach()

    return train


CASES = [
    Case("numpy (hand)", "numpy", hand_sgd),
    Case("funcgrad grad", "funcgrad", funcgrad_grad),
    Case("funcgrad jit(grad)", "funcgrad", funcgrad_jit_grad, jit=True),
    Case("funcgrad.torch backward", "funcgrad.torch", torch_backward),
    Case("torch backward", "torch", torch_backward),
    Case("jax grad", "jax", jax_grad),
    Case("jax jit(grad)", "jax", jax_jit_grad, jit=True),
    Case("autograd grad", "autograd", autograd_grad),
]


def run(settings, args):
    reference = hand_sgd(None)()  # the final weight after training
    rows = run_cases(CASES, settings, reference=reference, rtol=1e-9, atol=1e-12,
                     context="W1")
    body = []
    hand = find(rows, "numpy (hand)")
    for row in rows:
        if not row.ok:
            body.append([row.label, row.status, "-", "-", "-"])
            continue
        per_step = row.time / STEPS
        first = fmt_time(row.first) if row.first is not None else "-"
        vs = f"{row.time / hand.time:.1f}x" if hand and hand.ok else "-"
        body.append([row.label, fmt_time(per_step), first, vs, row.check])
    headers = ["implementation", "per step", "first run (with compile)", "vs hand", "w check"]
    text = table(headers, body)
    bars = [
        ratio_bar("W1 funcgrad grad / torch backward, per step", rows,
                  "funcgrad grad", "torch backward", 0.8),
        ratio_bar("W1 funcgrad.torch backward / torch backward, per step", rows,
                  "funcgrad.torch backward", "torch backward", 1.0),
        ratio_bar("W1 funcgrad jit(grad) / jax jit(grad), per step", rows,
                  "funcgrad jit(grad)", "jax jit(grad)", 1.0),
    ]
    return text, bars, rows
