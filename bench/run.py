"""Run the funcgrad benchmark suite and print a Markdown report.

    PYTHONPATH=. python bench/run.py --quick              # everything, a few minutes
    python bench/run.py --only W1,W3 --out report.md      # some workloads, report saved
    python bench/run.py --only W4 --big                   # adds N = 1e6 to W4

Run by hand, on an otherwise idle machine; never from the test suite.
"""

import argparse
import datetime
import importlib
import time

import harness  # first: pins every math library to one thread before any of them loads

WORKLOADS = {
    "W1": "w1_sgd",
    "W2": "w2_mlp",
    "W3": "w3_small_mlp",
    "W4": "w4_chain",
    "W5": "w5_jacobian",
    "W6": "w6_hvp",
    "W7": "w7_nested",
    "W8": "w8_memory",
    "W9": "w9_nn_mlp",
    "W10": "w10_lenet",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(WORKLOADS),
                        help="comma-separated workloads, e.g. W1,W3 (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats and a smaller time budget per case")
    parser.add_argument("--big", action="store_true", help="W4 also at N = 1e6 (slow)")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    args.only = [w.strip().upper() for w in args.only.split(",") if w.strip()]
    unknown = [w for w in args.only if w not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workload(s) {unknown}; choose from {list(WORKLOADS)}")
    return args


def all_rows(rows):
    """Flatten what a workload returned (a list, or dicts/lists of lists) into Rows."""
    if isinstance(rows, harness.Row):
        return [rows]
    if isinstance(rows, dict):
        rows = list(rows.values())
    if isinstance(rows, (list, tuple)):
        return [r for item in rows for r in all_rows(item)]
    return []


def check_summary(rows):
    """One sentence on how every implementation's result compared with the hand-written one."""
    agree = sorted({r.label for r in rows if r.ok and r.check == "ok"})
    wrong = sorted({f"{r.label} ({r.check})" for r in rows if r.ok and r.check not in ("ok", "")})
    missing = sorted({r.label for r in rows if not r.ok})
    parts = [f"{len(agree)} implementation(s) agree with the hand-written NumPy reference"]
    if wrong:
        parts.append("DISAGREE: " + "; ".join(wrong))
    if missing:
        parts.append("not run: " + ", ".join(missing))
    return "Gradient check: " + ". ".join(parts) + "."


def main(argv=None):
    args = parse_args(argv)
    settings = harness.Settings.make(args.quick)
    out = []

    def say(text=""):
        print(text, flush=True)
        out.append(text)

    say(f"# funcgrad benchmarks, {datetime.date.today().isoformat()}")
    say()
    say(f"- machine: {harness.machine()}")
    say(f"- libraries: {harness.versions()}")
    say(f"- threads pinned to 1; mode: {'quick' if args.quick else 'full'} "
        f"(median of up to {settings.repeats} samples of >= {settings.min_sample * 1e3:.0f} ms, "
        f"at most {settings.budget:g} s per case)")
    all_bars = []
    for name in args.only:
        module = importlib.import_module(WORKLOADS[name])
        start = time.perf_counter()
        text, bars, rows = module.run(settings, args)
        say()
        say(f"## {module.TITLE}")
        say()
        summary = check_summary(all_rows(rows))
        if all_rows(rows):
            say(summary)
            say()
        say(text)
        say()
        say(f"_{name} took {time.perf_counter() - start:.0f} s._")
        all_bars.extend(bars)
    if all_bars:
        say()
        say("## Bars")
        say()
        say(harness.bars_table(all_bars))
    if args.out:
        with open(args.out, "w") as handle:
            handle.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
