"""W4: a deep chain of cheap steps, v <- sin(v)*1.0001 + 0.1*v on a size-10 vector.

The gradient of sum(v_N) with respect to v_0, for N = 1e3, 1e4, 1e5 (and 1e6 with --big).
Measures per-step time (should be flat in N) and peak memory per step: tracemalloc for
NumPy-based implementations (it sees every Python object and NumPy buffer), and for PyTorch
and JAX, whose C++ allocators tracemalloc cannot see, the growth of the process's peak
resident set during one call, marked "(rss)" (see harness.peak_rss).
JAX eager is run up to N = 1e4 and jax.jit only at N = 1e3: both trace the unrolled Python
loop, which takes minutes beyond that. The same chain written with `lax.fori_loop` (static
bounds: a scan) runs at every N for funcgrad and JAX: the body is traced once, and jit
compiles a loop, so compile time does not grow with N. funcgrad.jit finds the unrolled chain's
repeated steps again (rerolling) and compiles loops: its first call at 1e5 is mostly tracing
(~8 s). With --quick, funcgrad.jit stops at 1e5 (it would trace for ~80 s at 1e6), HIPS
autograd (15 s a call at 1e5) at 1e4 and JAX eager at 1e3.
"""

from harness import (
    Bar,
    Case,
    case_memory,
    find,
    fmt_bytes,
    fmt_ratio,
    fmt_time,
    ratio_bar,
    run_cases,
    short_error,
    table,
)

TITLE = "W4 deep chain v = sin(v)*1.0001 + 0.1*v, size 10"
SIZE = 10
HAND = "numpy (hand)"
NUMPY_BASED = ("numpy", "funcgrad", "funcgrad.torch", "autograd")
JAX_EAGER_MAX, JAX_JIT_MAX, AUTOGRAD_QUICK_MAX = 10_000, 1_000, 10_000
FUNCGRAD_JIT_QUICK_MAX = 100_000  # tracing the unrolled chain takes ~8 s at 1e5


def start_vector():
    import numpy as np

    return np.linspace(-1.0, 1.0, SIZE)


def make_chain(xp, n):
    """f(v0) = sum(v_n) with a NumPy-like module `xp`."""

    def f(v):
        for _ in range(n):
            v = xp.sin(v) * 1.0001 + 0.1 * v
        return xp.sum(v)

    return f


def make_fori_chain(lax, xp, n):
    """The chain as one `fori_loop` (funcgrad.lax or jax.lax)."""

    def f(v):
        return xp.sum(lax.fori_loop(0, n, lambda i, v: xp.sin(v) * 1.0001 + 0.1 * v, v))

    return f


def hand_grad(np, v, n):
    """Forward keeping cos(v) per step, then the chain rule backwards."""
    saved = []
    for _ in range(n):
        saved.append(np.cos(v))
        v = np.sin(v) * 1.0001 + 0.1 * v
    g = np.ones_like(v)
    for c in reversed(saved):
        g = g * (c * 1.0001 + 0.1)
    return g


def cases(n, quick=False):
    v0 = start_vector()

    def hand(ns):
        return lambda: hand_grad(ns.np, v0, n)

    def funcgrad(ns, jit=False):
        g = ns.fg.grad(make_chain(ns.fnp, n))
        g = ns.fg.jit(g) if jit else g
        return lambda: g(v0)

    def funcgrad_fori(ns, jit=False):
        g = ns.fg.grad(make_fori_chain(ns.fg.lax, ns.fnp, n))
        g = ns.fg.jit(g) if jit else g
        return lambda: g(v0)

    def jax_fori(ns):
        g = ns.jax.jit(ns.jax.grad(make_fori_chain(ns.jax.lax, ns.jnp, n)))
        x = ns.jax.device_put(v0)
        return lambda: ns.jax.block_until_ready(g(x))

    def jax(ns, jit=False):
        g = ns.jax.grad(make_chain(ns.jnp, n))
        g = ns.jax.jit(g) if jit else g
        x = ns.jax.device_put(v0)
        return lambda: ns.jax.block_until_ready(g(x))

    def autograd(ns):
        g = ns.ag.grad(make_chain(ns.anp, n))
        return lambda: g(v0)

    def torch(ns):
        t = ns.torch
        f = make_chain(t, n)

        def step():
            v = t.from_numpy(v0.copy()).requires_grad_()
            f(v).backward()
            return v.grad

        return step

    out = [
        Case(HAND, "numpy", hand),
        Case("funcgrad grad", "funcgrad", funcgrad, min_repeats=3),
    ]
    if not quick or n <= FUNCGRAD_JIT_QUICK_MAX:
        out.append(Case("funcgrad jit(grad)", "funcgrad", lambda ns: funcgrad(ns, True),
                        jit=True, min_repeats=3))
    out += [
        Case("funcgrad fori_loop grad", "funcgrad", funcgrad_fori, min_repeats=3),
        Case("funcgrad fori_loop jit(grad)", "funcgrad", lambda ns: funcgrad_fori(ns, True),
             jit=True, min_repeats=3),
        Case("funcgrad.torch backward", "funcgrad.torch", torch, min_repeats=3),
        Case("torch backward", "torch", torch),
    ]
    if not quick or n <= AUTOGRAD_QUICK_MAX:
        out.append(Case("autograd grad", "autograd", autograd))
    if n <= (JAX_JIT_MAX if quick else JAX_EAGER_MAX):
        out.append(Case("jax grad", "jax", jax))
    if n <= JAX_JIT_MAX:
        out.append(Case("jax jit(grad)", "jax", lambda ns: jax(ns, True), jit=True))
    out.append(Case("jax fori_loop jit(grad)", "jax", jax_fori, jit=True))
    return out


def sizes(args):
    ns = [1_000, 10_000, 100_000]
    return ns + [1_000_000] if getattr(args, "big", False) else ns


def memory_per_step(case, n):
    """Peak bytes per step of one call: tracemalloc where it sees everything, else RSS."""
    if case.lib in NUMPY_BASED:
        return case_memory(case, "tracemalloc", ("W4", n)) / n, ""
    rss = case_memory(case, "rss", ("W4", n))
    return (None, "") if rss is None else (rss / n, " (rss)")


def run(settings, args):
    import numpy as np

    by_n = {}
    for n in sizes(args):
        ref = hand_grad(np, start_vector(), n)
        rows = run_cases(cases(n, settings.quick), settings, reference=ref, rtol=1e-8, atol=1e-12,
                         context=f"W4 N={n}")
        for case, row in zip(cases(n, settings.quick), rows):
            if row.ok:
                try:
                    row.extra["bytes"], row.extra["how"] = memory_per_step(case, n)
                except Exception as exc:
                    row.extra["how"] = f"memory: {short_error(exc, 40)}"
        by_n[n] = rows

    headers = ["implementation"]
    for n in by_n:
        headers += [f"N=1e{len(str(n)) - 1} per step", "bytes/step"]
    headers += ["1e5 / 1e3 per step", "first call (compile), largest N", "check"]
    body = []
    for label in [c.label for c in cases(1)]:
        cells, checks = [label], set()
        for n, rows in by_n.items():
            row = find(rows, label)
            if row is None:
                cells += ["skipped", "-"]
            elif not row.ok:
                cells += [row.status, "-"]
            else:
                checks.add(row.check)
                memory = row.extra.get("bytes")
                cells += [fmt_time(row.time / n),
                          fmt_bytes(memory) + row.extra.get("how", "") if memory else "-"]
        cells.append(fmt_ratio(flatness(by_n, label)))
        firsts = [find(rows, label) for rows in by_n.values()]
        firsts = [r.first for r in firsts if r is not None and r.ok and r.first is not None]
        cells.append(fmt_time(firsts[-1]) if firsts else "-")
        cells.append(", ".join(sorted(checks)) or "-")
        body.append(cells)
    return table(headers, body), make_bars(by_n), by_n


def flatness(by_n, label):
    """Per-step time at N=1e5 over per-step time at N=1e3, or None."""
    lo, hi = find(by_n[1_000], label), find(by_n[100_000], label)
    if lo is None or hi is None or not (lo.ok and hi.ok):
        return None
    return (hi.time / 100_000) / (lo.time / 1_000)


def make_bars(by_n):
    bars = []
    big = by_n[100_000]
    # (label, flatness limit, vs hand limit, bytes per step limit): issue 17's bars
    for label, flat, vs_hand, per_step in (("funcgrad grad", 1.2, 4.0, 1000),
                                           ("funcgrad.torch backward", 1.3, 5.0, 2000)):
        row = find(big, label)
        why = row.status if row is not None and not row.ok else "not measured"
        bars.append(Bar(f"W4 {label} flat: per-step time 1e5 / 1e3", flatness(by_n, label),
                        flat, why))
        bars.append(ratio_bar(f"W4 {label} / hand NumPy at N=1e5", big, label, HAND, vs_hand))
        memory = row.extra.get("bytes") if row is not None else None
        bars.append(Bar(f"W4 {label} peak bytes per step at N=1e5", memory, per_step, why))
    for label, limit in (("funcgrad jit(grad)", 10.0), ("funcgrad fori_loop jit(grad)", 2.0)):
        bars.append(ratio_bar(f"W4 {label} / hand NumPy at N=1e5", big, label, HAND, 1.5))
        row = find(big, label)
        # The first call traces, compiles and runs once: its excess over a steady call.
        compile_time = row.first - row.time if row is not None and row.ok else None
        why = (row.status if row is not None and not row.ok
               else "not run (--quick)" if row is None else "not measured")
        bars.append(Bar(f"W4 {label} compile time at N=1e5, s", compile_time, limit, why))
    return bars
