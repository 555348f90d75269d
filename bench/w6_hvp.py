"""W6: Hessian-vector product of f(x) = sum(tanh(A @ x)**2), n = 1000, against one gradient.

funcgrad and JAX use forward-over-reverse, jvp(grad(f), (x,), (v,)); PyTorch is run both
ways (torch.func forward-over-reverse and the classic double backward); HIPS autograd has
only reverse-over-reverse.
"""

from harness import Case, fmt_ratio, fmt_time, ratio_bar, run_cases, table

TITLE = "W6 Hessian-vector product of sum(tanh(A@x)**2), n=1000"
N = 1000
HAND = "numpy (hand)"


def problem():
    import numpy as np

    rng = np.random.default_rng(6)
    A = rng.standard_normal((N, N)) / np.sqrt(N)
    return A, rng.standard_normal(N), rng.standard_normal(N)


def make_f(xp, A):
    return lambda x: xp.sum(xp.tanh(A @ x) ** 2)


def hand_grad(np, A, x):
    t = np.tanh(A @ x)
    return A.T @ (2.0 * t * (1.0 - t * t))


def hand_hvp(np, A, x, v):
    """H v = A^T diag(2 s (s - 2 t**2)) A v, with t = tanh(Ax), s = 1 - t**2."""
    t = np.tanh(A @ x)
    s = 1.0 - t * t
    return A.T @ (2.0 * s * (s - 2.0 * t * t) * (A @ v))


def cases(A, x, v, hvp):
    """Cases computing the HVP when `hvp`, else one gradient, under the same labels."""

    def hand(ns):
        return (lambda: hand_hvp(ns.np, A, x, v)) if hvp else (lambda: hand_grad(ns.np, A, x))

    def functional(lib, jit=False):
        def build(ns):
            fg, xp = (ns.fg, ns.fnp) if lib == "funcgrad" else (ns.jax, ns.jnp)
            grad_f = fg.grad(make_f(xp, A))
            fn = (lambda x_, v_: fg.jvp(grad_f, (x_,), (v_,))[1]) if hvp else grad_f
            fn = fg.jit(fn) if jit else fn
            args = (x, v) if hvp else (x,)
            if lib == "jax":
                args = ns.jax.device_put(args)
                return lambda: ns.jax.block_until_ready(fn(*args))
            return lambda: fn(*args)

        return build

    def torch_double_backward(ns):
        t = ns.torch
        A_, v_ = t.from_numpy(A), t.from_numpy(v)
        f = make_f(t, A_)

        def step():
            x_ = t.from_numpy(x.copy()).requires_grad_()
            (g,) = t.autograd.grad(f(x_), x_, create_graph=hvp)
            if not hvp:
                return g
            (hv,) = t.autograd.grad(g, x_, grad_outputs=v_)
            return hv

        return step

    def torch_func(ns):
        t = ns.torch
        A_, x_, v_ = t.from_numpy(A), t.from_numpy(x), t.from_numpy(v)
        grad_f = t.func.grad(make_f(t, A_))
        if hvp:
            return lambda: t.func.jvp(grad_f, (x_,), (v_,))[1]
        return lambda: grad_f(x_)

    def autograd(ns):
        f = make_f(ns.anp, A)
        if hvp:
            hv = ns.ag.hessian_vector_product(f)
            return lambda: hv(x, v)
        g = ns.ag.grad(f)
        return lambda: g(x)

    return [
        Case(HAND, "numpy", hand),
        Case("funcgrad jvp(grad)", "funcgrad", functional("funcgrad")),
        Case("funcgrad jit(jvp(grad))", "funcgrad", functional("funcgrad", True), jit=True),
        Case("funcgrad.torch double backward", "funcgrad.torch", torch_double_backward),
        Case("torch double backward", "torch", torch_double_backward),
        Case("torch.func jvp(grad)", "torch", torch_func),
        Case("jax jvp(grad)", "jax", functional("jax")),
        Case("jax jit(jvp(grad))", "jax", functional("jax", True), jit=True),
        Case("autograd hessian_vector_product (rev-rev)", "autograd", autograd),
    ]


def run(settings, args):
    import numpy as np

    A, x, v = problem()
    grad_rows = run_cases(cases(A, x, v, False), settings, reference=hand_grad(np, A, x),
                          context="W6 grad")
    hvp_rows = run_cases(cases(A, x, v, True), settings, reference=hand_hvp(np, A, x, v),
                         context="W6 hvp")
    body = []
    for g, h in zip(grad_rows, hvp_rows):
        if not h.ok:
            body.append([h.label, "-" if not g.ok else fmt_time(g.time), h.status, "-", "-", "-"])
            continue
        body.append([
            h.label,
            fmt_time(g.time) if g.ok else g.status,
            fmt_time(h.time),
            fmt_ratio(h.time / g.time) if g.ok else "-",
            fmt_time(h.first),
            f"grad {g.check or '-'}, hvp {h.check}",
        ])
    headers = ["implementation", "one gradient", "HVP", "HVP / gradient",
               "HVP first call (compile)", "check"]
    bars = []
    for label in ("funcgrad jvp(grad)", "funcgrad jit(jvp(grad))"):
        bars.append(ratio_bar(f"W6 {label} HVP / hand-written HVP", hvp_rows, label,
                              "numpy (hand)", 1.3))
    return table(headers, body), bars, {"grad": grad_rows, "hvp": hvp_rows}
