"""Run the funcgrad benchmark suite and print a Markdown report.

    PYTHONPATH=. python bench/run.py --quick              # everything, a few minutes
    python bench/run.py --only W1,W3 --out report.md      # some workloads, report saved
    python bench/run.py --only W4 --big                   # adds N = 1e6 to W4
    python bench/run.py --quick --compare ../old          # funcgrad here against another checkout

Run by hand, on an otherwise idle machine; never from the test suite.
"""

import argparse
import datetime
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

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
    parser.add_argument("--compare", metavar="REF",
                        help="another checkout of funcgrad (a directory): measure NumPy and "
                             "funcgrad in both, alternating, and report the ratios")
    parser.add_argument("--rounds", type=int, default=2,
                        help="with --compare: runs of each side per workload (best kept)")
    parser.add_argument("--cpu-time", action="store_true",
                        help="time samples by this process's CPU time, not wall time (steadier "
                             "on a busy machine; --compare always does)")
    parser.add_argument("--rows-json", help=argparse.SUPPRESS)  # a --compare child's output
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


# In a file that has this line (bench/README.md), --out replaces only what follows it.
MARKER = "<!-- The report below is written by `python bench/run.py --out bench/README.md`. -->"


def write_report(path, report):
    """Write `report` to `path`; in a file with MARKER, in place of what follows the marker."""
    head = ""
    try:
        with open(path) as handle:
            text = handle.read()
        if MARKER in text:
            head = text[: text.index(MARKER) + len(MARKER)] + "\n\n"
    except FileNotFoundError:
        pass
    with open(path, "w") as handle:
        handle.write(head + report)


def row_record(row):
    return {"context": row.context, "label": row.label, "status": row.status,
            "time": row.time, "first": row.first, "check": row.check,
            "bytes": row.extra.get("bytes")}


def git_commit(root):
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def run_side(root, workload, args, where):
    """One child run of `workload` measuring the funcgrad in `root`: its rows as records."""
    env = dict(os.environ, FUNCGRAD_BENCH_ROOT=str(root),
               FUNCGRAD_BENCH_LIBS="numpy,funcgrad,funcgrad.torch")
    command = [sys.executable, str(Path(__file__).resolve()), "--only", workload,
               "--rows-json", where, "--cpu-time"]
    command += ["--quick"] if args.quick else []
    command += ["--big"] if args.big else []
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
    if done.returncode:
        raise SystemExit(f"the {workload} run for {root} failed (exit {done.returncode})")
    with open(where) as handle:
        return json.load(handle)


def compare(args):
    """Run each workload for this checkout and for REF, alternating; print both and ratios."""
    here, ref = harness.REPO_ROOT, Path(args.compare).resolve()
    if not (ref / "funcgrad" / "__init__.py").exists():
        raise SystemExit(f"--compare: {ref} is not a funcgrad checkout (no funcgrad/__init__.py)")
    out = []

    def say(text=""):
        print(text, flush=True)
        out.append(text)

    say(f"# funcgrad {git_commit(here)} ({here}) against {git_commit(ref)} ({ref}), "
        f"{datetime.date.today().isoformat()}")
    say()
    say(f"- machine: {harness.machine()}")
    say(f"- {'quick' if args.quick else 'full'} mode, CPU time, best of {args.rounds} "
        f"alternating runs per side; ratio = this checkout / REF (below 1: this one is faster)")
    where = Path(os.environ.get("TMPDIR", "/tmp")) / f"funcgrad-compare-{os.getpid()}.json"
    for name in args.only:
        best = {here: {}, ref: {}}
        for r in range(args.rounds):
            for root in (here, ref) if r % 2 == 0 else (ref, here):
                harness.progress(f"--compare {name} round {r + 1}: {root}")
                for rec in run_side(root, name, args, str(where)):
                    key = (rec["context"], rec["label"])
                    old = best[root].get(key)
                    if old is None or (rec["time"] is not None and
                                       (old["time"] is None or rec["time"] < old["time"])):
                        best[root][key] = rec
        keys = list(best[here]) + [k for k in best[ref] if k not in best[here]]
        keys = [k for k in keys if not all(
            r is not None and r["status"].endswith("not selected")
            for r in (best[here].get(k), best[ref].get(k)))]
        body = []
        for key in keys:
            a, b = best[here].get(key), best[ref].get(key)
            cells = [key[0], key[1]]
            for rec in (a, b):
                ok = rec is not None and rec["status"] == "ok" and rec["time"] is not None
                cells.append(harness.fmt_time(rec["time"]) if ok else
                             (rec["status"] if rec is not None else "absent"))
            both = all(r is not None and r["time"] for r in (a, b))
            cells.append(f"{a['time'] / b['time']:.2f}" if both else "-")
            mem = [r.get("bytes") if r is not None else None for r in (a, b)]
            cells.append(f"{harness.fmt_bytes(mem[0])} / {harness.fmt_bytes(mem[1])}"
                         if any(m is not None for m in mem) else "-")
            body.append(cells)
        say()
        say(f"## {name}")
        say()
        say(harness.table(["table", "implementation", "this", "REF", "this / REF",
                           "bytes (this / REF)"], body))
    if where.exists():
        where.unlink()
    if args.out:
        with open(args.out, "w") as handle:
            handle.write("\n".join(out) + "\n")


def main(argv=None):
    args = parse_args(argv)
    if args.compare:
        return compare(args)
    settings = harness.Settings.make(args.quick)
    if args.cpu_time:
        harness.use_cpu_time()
    records = []
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
        records.extend(row_record(r) for r in all_rows(rows))
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
        write_report(args.out, "\n".join(out) + "\n")
    if args.rows_json:
        with open(args.rows_json, "w") as handle:
            json.dump(records, handle)


if __name__ == "__main__":
    main()
