"""Profile one funcgrad case of a workload, to find per-op overhead.

    python bench/profile_fg.py W1                      # cProfile, funcgrad grad, top 30
    python bench/profile_fg.py W4 --n 10000            # the deep chain at N = 1e4
    python bench/profile_fg.py W4 --label "funcgrad.torch backward"
    python bench/profile_fg.py W3                      # the small MLP's value_and_grad
    python bench/profile_fg.py W7                      # the nested grad^4 of tanh
    python bench/profile_fg.py W1 --pyinstrument       # call tree (pip install pyinstrument)
"""

import argparse
import cProfile
import io
import pstats

import harness
import w1_sgd
import w4_chain
import w7_nested
from mlp import Problem, vg_cases


def pick_case(workload, label, n):
    if workload == "W1":
        cases = w1_sgd.CASES
    elif workload == "W3":
        cases = vg_cases(Problem((32, 32, 1), 8, "mse", "float64"))
    elif workload == "W7":
        cases = w7_nested.cases()
    else:
        cases = w4_chain.cases(n)
    for case in cases:
        if case.label == label:
            return case
    raise SystemExit(f"no case {label!r} in {workload}; have {[c.label for c in cases]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=["W1", "W3", "W4", "W7"])
    parser.add_argument("--label", default=None, help="case label (default: funcgrad grad)")
    parser.add_argument("--n", type=int, default=10_000, help="W4 chain length")
    parser.add_argument("--calls", type=int, default=0, help="calls to profile (default: auto)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args()

    default = {"W3": "funcgrad value_and_grad", "W7": "funcgrad grad^4"}
    case = pick_case(args.workload, args.label or default.get(args.workload, "funcgrad grad"),
                     args.n)
    fn, why = harness.build_case(case)
    if fn is None:
        raise SystemExit(why)
    fn()  # warm-up
    calls = args.calls or {"W1": 50, "W3": 1000, "W7": 1000}.get(args.workload, 1)

    def work():
        for _ in range(calls):
            fn()

    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
        work()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    profiler = cProfile.Profile()
    profiler.runcall(work)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(text.getvalue())


if __name__ == "__main__":
    main()
