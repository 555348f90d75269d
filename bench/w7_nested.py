"""W7: the 4th derivative of tanh at 0.3 by nesting grad four times (eager and jit)."""

from harness import Case, fmt_ratio, fmt_time, ratio_bar, run_cases, table

TITLE = "W7 4th derivative of tanh at 0.3 by nested grad"
X0 = 0.3
ORDER = 4


def hand_d4_tanh(np, x):
    """d^4/dx^4 tanh(x) = 8 t s (2 - 3 t**2), with t = tanh(x), s = 1 - t**2."""
    t = np.tanh(x)
    return 8.0 * t * (1.0 - t * t) * (2.0 - 3.0 * t * t)


def nested(grad, f):
    for _ in range(ORDER):
        f = grad(f)
    return f


def cases():
    def hand(ns):
        return lambda: hand_d4_tanh(ns.np, X0)

    def funcgrad(ns, jit=False):
        d4 = nested(ns.fg.grad, ns.fnp.tanh)
        d4 = ns.fg.jit(d4) if jit else d4
        return lambda: d4(X0)

    def jax(ns, jit=False):
        d4 = nested(ns.jax.grad, ns.jnp.tanh)
        d4 = ns.jax.jit(d4) if jit else d4
        return lambda: ns.jax.block_until_ready(d4(X0))

    def autograd(ns):
        d4 = nested(ns.ag.grad, ns.anp.tanh)
        return lambda: d4(X0)

    def torch_chain(ns):
        t = ns.torch

        def d4():
            x = t.tensor(X0, dtype=t.float64, requires_grad=True)
            y = t.tanh(x)
            for _ in range(ORDER):
                (y,) = t.autograd.grad(y, x, create_graph=True)
            return y.detach()

        return d4

    return [
        Case("numpy (hand, closed form)", "numpy", hand),
        Case("funcgrad grad^4", "funcgrad", funcgrad),
        Case("funcgrad jit(grad^4)", "funcgrad", lambda ns: funcgrad(ns, True), jit=True),
        Case("funcgrad.torch double-backward chain", "funcgrad.torch", torch_chain),
        Case("torch double-backward chain", "torch", torch_chain),
        Case("jax grad^4", "jax", jax),
        Case("jax jit(grad^4)", "jax", lambda ns: jax(ns, True), jit=True),
        Case("autograd grad^4", "autograd", autograd),
    ]


def run(settings, args):
    import numpy as np

    rows = run_cases(cases(), settings, reference=hand_d4_tanh(np, X0), rtol=1e-9, atol=1e-12,
                     context="W7")
    torch_row = next(r for r in rows if r.label == "torch double-backward chain")
    body = []
    for row in rows:
        if not row.ok:
            body.append([row.label, row.status, "-", "-", "-"])
            continue
        vs = fmt_ratio(row.time / torch_row.time) if torch_row.ok else "-"
        body.append([row.label, fmt_time(row.time), fmt_time(row.first), vs, row.check])
    headers = ["implementation", "time", "first call (compile)", "vs torch chain", "check"]
    bars = [
        ratio_bar("W7 funcgrad grad^4 / torch double-backward chain", rows,
                  "funcgrad grad^4", "torch double-backward chain", 1.0),
        ratio_bar("W7 funcgrad.torch chain / torch double-backward chain", rows,
                  "funcgrad.torch double-backward chain", "torch double-backward chain", 1.0),
        ratio_bar("W7 funcgrad jit(grad^4) / jax jit(grad^4)", rows,
                  "funcgrad jit(grad^4)", "jax jit(grad^4)", 1.0),
    ]
    return table(headers, body), bars, rows
