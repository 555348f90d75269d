"""W5: the full Jacobian of f(x) = tanh(A @ x) + x**2, n = 100 and 500, forward and reverse."""

from harness import Case, find, fmt_ratio, fmt_time, ratio_bar, run_cases, table

TITLE = "W5 Jacobian of tanh(A@x) + x**2 (jacfwd, jacrev)"
HAND = "numpy (hand)"
SIZES = (100, 500)


def problem(n):
    import numpy as np

    rng = np.random.default_rng(n)
    return rng.standard_normal((n, n)) / np.sqrt(n), rng.standard_normal(n)


def make_f(xp, A):
    return lambda x: xp.tanh(A @ x) + x**2


def hand_jacobian(np, A, x):
    """d/dx [tanh(Ax) + x**2] = diag(1 - tanh(Ax)**2) A + diag(2x)."""
    t = np.tanh(A @ x)
    J = (1.0 - t * t)[:, None] * A
    J[np.diag_indices_from(J)] += 2.0 * x
    return J


def cases(n):
    A, x = problem(n)

    def hand(ns):
        return lambda: hand_jacobian(ns.np, A, x)

    def funcgrad(mode, jit=False):
        def build(ns):
            jac = getattr(ns.fg, mode)(make_f(ns.fnp, A))
            jac = ns.fg.jit(jac) if jit else jac
            return lambda: jac(x)

        return build

    def jax(mode, jit=False):
        def build(ns):
            A_, x_ = ns.jax.device_put((A, x))
            jac = getattr(ns.jax, mode)(make_f(ns.jnp, A_))
            jac = ns.jax.jit(jac) if jit else jac
            return lambda: ns.jax.block_until_ready(jac(x_))

        return build

    def torch(**options):
        def build(ns):
            t = ns.torch
            A_, x_ = t.from_numpy(A), t.from_numpy(x)
            f = lambda v: t.tanh(A_ @ v) + v**2
            return lambda: t.autograd.functional.jacobian(f, x_, **options)

        return build

    def autograd(ns):
        jac = ns.ag.jacobian(make_f(ns.anp, A))
        return lambda: jac(x)

    vectorized = {"vectorize": True}
    return [
        Case(HAND, "numpy", hand),
        Case("funcgrad jacfwd", "funcgrad", funcgrad("jacfwd")),
        Case("funcgrad jacrev", "funcgrad", funcgrad("jacrev")),
        Case("funcgrad jit(jacfwd)", "funcgrad", funcgrad("jacfwd", True), jit=True),
        Case("funcgrad jit(jacrev)", "funcgrad", funcgrad("jacrev", True), jit=True),
        Case("funcgrad.torch jacobian", "funcgrad.torch", torch()),
        Case("torch jacobian (rev, vectorize)", "torch", torch(**vectorized)),
        Case("torch jacobian (fwd, vectorize)", "torch",
             torch(strategy="forward-mode", **vectorized)),
        Case("jax jacfwd", "jax", jax("jacfwd")),
        Case("jax jacrev", "jax", jax("jacrev")),
        Case("jax jit(jacfwd)", "jax", jax("jacfwd", True), jit=True),
        Case("jax jit(jacrev)", "jax", jax("jacrev", True), jit=True),
        Case("autograd jacobian (rev)", "autograd", autograd),
    ]


def run(settings, args):
    import numpy as np

    by_n = {}
    for n in SIZES:
        A, x = problem(n)
        by_n[n] = run_cases(cases(n), settings, reference=hand_jacobian(np, A, x),
                             context=f"W5 n={n}")
    big = by_n[SIZES[-1]]
    jax_ref = find(big, "jax jit(jacrev)")
    headers = ["implementation"] + [f"n={n}" for n in SIZES]
    headers += [f"vs jax jit(jacrev) at n={SIZES[-1]}", "first call (compile)", "check"]
    body = []
    for case in cases(1):
        cells, checks = [case.label], set()
        for rows in by_n.values():
            row = find(rows, case.label)
            cells.append(fmt_time(row.time) if row.ok else row.status)
            if row.ok:
                checks.add(row.check)
        row = find(big, case.label)
        ratio = row.time / jax_ref.time if row.ok and jax_ref.ok else None
        cells += [fmt_ratio(ratio), fmt_time(row.first) if row.ok else "-"]
        cells.append(", ".join(sorted(checks)) or "-")
        body.append(cells)
    bars = [
        ratio_bar(f"W5 funcgrad {m} / jax jit(jacrev), n={SIZES[-1]}", big,
                  f"funcgrad {m}", "jax jit(jacrev)", limit)
        for m, limit in (("jacrev", 2.0), ("jacfwd", 2.0), ("jit(jacrev)", 1.0),
                         ("jit(jacfwd)", 1.0))
    ]
    return table(headers, body), bars, by_n

