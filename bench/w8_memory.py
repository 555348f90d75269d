"""W8: peak memory of W2's value-and-grad (float64) and of W4's chain at N = 1e5.

Two methods, side by side:
- tracemalloc: exact for NumPy-based implementations (it sees every Python object and
  every NumPy buffer); blind to C++ allocators, so "n/a" for PyTorch and JAX.
- RSS: growth of the process's peak resident set during one call (harness.peak_rss),
  for every implementation; page-granular and includes allocator slack.
Each implementation is called once first, so compilation and caches are not counted.
"""

import time

from harness import Bar, case_memory, fmt_bytes, fmt_ratio, progress, short_error, table
from mlp import Problem, vg_cases
from w2_mlp import BATCH, SIZES
from w4_chain import NUMPY_BASED
from w4_chain import cases as chain_cases

TITLE = "W8 peak memory: W2 value_and_grad (float64) and W4 at N=1e5"
CHAIN_N = 100_000


def measure(case, key):
    """(tracemalloc bytes or None, rss bytes or None, status)."""
    start = time.perf_counter()
    try:
        traced = case_memory(case, "tracemalloc", key) if case.lib in NUMPY_BASED else None
        return traced, case_memory(case, "rss", key), "ok"
    except Exception as exc:
        return None, None, f"error: {short_error(exc)}"
    finally:
        progress(f"W8 {key} {case.label}: {time.perf_counter() - start:.1f} s")


def workload_table(name, key, cases, per=1, results=None):
    results = [(case, *measure(case, key)) for case in cases] if results is None else results
    hand_traced, hand_rss = results[0][1], results[0][2]
    body = []
    for case, traced, rss, status in results:
        if status != "ok":
            body.append([name, case.label, status, "-", "-", "-"])
            continue
        body.append([
            name,
            case.label,
            fmt_bytes(traced / per) if traced is not None else "n/a",
            fmt_ratio(traced / hand_traced) if traced and hand_traced else "-",
            fmt_bytes(rss / per) if rss is not None else "n/a",
            fmt_ratio(rss / hand_rss) if rss and hand_rss else "-",
        ])
    return body


def run(settings, args):
    mlp = Problem(SIZES, BATCH, "ce", "float64")
    measured = [(case, *measure(case, ("W2", "float64"))) for case in vg_cases(mlp)]
    mlp_body = workload_table("W2 f64 (per call)", ("W2", "float64"), None, results=measured)
    peak = {case.label: traced for case, traced, _, _ in measured}
    hand, fg = peak.get("numpy (hand)"), peak.get("funcgrad value_and_grad")
    bars = [Bar("W2 f64 funcgrad value_and_grad peak memory / hand NumPy (tracemalloc)",
                fg / hand if fg and hand else None, 1.1, "not measured")]
    chain = chain_cases(CHAIN_N, settings.quick)
    chain_body = workload_table("W4 N=1e5 (per step)", ("W4", CHAIN_N), chain, per=CHAIN_N)
    headers = ["workload", "implementation", "tracemalloc peak", "vs hand", "RSS peak", "vs hand"]
    return table(headers, mlp_body + chain_body), bars, None
