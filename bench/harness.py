"""Shared machinery for the benchmark scripts: threads, libraries, timing, memory, tables.

Import this module before anything imports NumPy, PyTorch or JAX: importing it
pins every math library to one thread through environment variables, which the
libraries read only once, when they load.
"""

import os

_ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
    "JAX_PLATFORMS": "cpu",
    "TF_CPP_MIN_LOG_LEVEL": "3",
}
for _name, _value in _ONE_THREAD.items():
    os.environ[_name] = _value

import ctypes  # noqa: E402
import gc  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import types  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
# The funcgrad being measured is the one in this checkout, or the checkout named by
# FUNCGRAD_BENCH_ROOT (what `run.py --compare` sets for the other side).
FUNCGRAD_ROOT = Path(os.environ.get("FUNCGRAD_BENCH_ROOT") or REPO_ROOT).resolve()
if str(FUNCGRAD_ROOT) not in sys.path:
    sys.path.insert(0, str(FUNCGRAD_ROOT))
# FUNCGRAD_BENCH_LIBS (comma-separated) restricts the libraries loaded; the others' rows
# say "not selected" (`run.py --compare` measures NumPy and funcgrad only).
SELECTED_LIBS = [lib for lib in os.environ.get("FUNCGRAD_BENCH_LIBS", "").split(",") if lib]

# ------------------------------------------------------------------ settings


@dataclass
class Settings:
    """How hard to try: `quick` trades precision for a run of a few minutes."""

    quick: bool = False
    repeats: int = 7  # timed samples per case; the median is reported
    min_sample: float = 0.05  # seconds; calls are batched until a sample lasts this long
    budget: float = 8.0  # seconds of timed samples per case at most (>= 1 sample always)

    @classmethod
    def make(cls, quick):
        if quick:
            return cls(quick=True, repeats=5, min_sample=0.02, budget=3.0)
        return cls()


# ------------------------------------------------------------------ libraries

_LOADED = {}


def _load_numpy():
    import numpy as np

    return types.SimpleNamespace(np=np, version=np.__version__)


def _load_funcgrad():
    import funcgrad.numpy  # binds `funcgrad` too

    fg = funcgrad
    return types.SimpleNamespace(fg=fg, fnp=fg.numpy, version=getattr(fg, "__version__", "?"))


def _load_funcgrad_torch():
    import funcgrad.torch as ftorch

    return types.SimpleNamespace(torch=ftorch, version="(funcgrad)")


def _load_torch():
    import torch

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set, or parallel work has started
        pass
    return types.SimpleNamespace(torch=torch, version=torch.__version__)


def _load_jax():
    import jax

    jax.config.update("jax_enable_x64", True)  # float64 workloads need it; float32 stays float32
    import jax.numpy as jnp

    return types.SimpleNamespace(jax=jax, jnp=jnp, version=jax.__version__)


def _load_autograd():
    import autograd
    import autograd.numpy as anp

    try:
        from importlib.metadata import version

        ver = version("autograd")
    except Exception:
        ver = "?"
    return types.SimpleNamespace(ag=autograd, anp=anp, version=ver)


LOADERS = {
    "numpy": _load_numpy,
    "funcgrad": _load_funcgrad,
    "funcgrad.torch": _load_funcgrad_torch,
    "torch": _load_torch,
    "jax": _load_jax,
    "autograd": _load_autograd,
}
FUNCGRAD_LIBS = ("funcgrad", "funcgrad.torch")


def load(lib):
    """The library `lib` as a namespace, or a string saying why it is unavailable.

    Anchors that are not installed say "not installed"; funcgrad, which is ours,
    reports the exact import error so a half-built kernel is easy to diagnose.
    """
    if SELECTED_LIBS and lib not in SELECTED_LIBS:
        return f"{lib}: not selected"
    if lib not in _LOADED:
        try:
            _LOADED[lib] = LOADERS[lib]()
        except Exception as exc:  # ImportError, or anything a broken package raises
            if lib in FUNCGRAD_LIBS:
                _LOADED[lib] = f"{lib}: not available ({type(exc).__name__}: {exc})"
            elif isinstance(exc, ImportError):
                _LOADED[lib] = f"{lib}: not installed"
            else:
                _LOADED[lib] = f"{lib}: failed to import ({type(exc).__name__}: {exc})"
    return _LOADED[lib]


def versions():
    """One line naming every library that loaded, with its version."""
    parts = []
    for lib in LOADERS:
        got = load(lib)
        parts.append(f"{lib} {got.version}" if not isinstance(got, str) else got)
    return "; ".join(parts)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return f"{cpu}, nproc={os.cpu_count()}, Python {platform.python_version()}, {platform.system()}"


# ------------------------------------------------------------------ timing


# What samples are timed with: wall time, or with `run.py --cpu-time` this process's CPU
# time, which a busy shared machine inflates far less (every workload runs one thread).
clock = time.perf_counter


def use_cpu_time():
    global clock
    clock = time.process_time


def _batch(fn, number):
    start = clock()
    for _ in range(number):
        fn()
    return clock() - start


def measure(fn, settings, min_repeats=1, jit=False, first=None):
    """Time `fn()`: the first call apart, a warm-up, then repeated samples.

    Returns (first_call_seconds, median_seconds_per_call, samples_taken).
    The first call carries tracing and compilation for jit-style functions; it
    is reported as the compile time and is never part of the steady state.
    Pass `first` when the first call has already been made and timed.
    Fast calls are batched so that one sample lasts at least `min_sample`;
    slow calls get as many samples as `budget` allows. A slow eager call is its
    own warm-up; a jit call always gets a second, warm-up call after compiling.
    """
    gc.collect()
    if first is None:
        first = _batch(fn, 1)
    single = first
    if jit or first < settings.min_sample:
        single = _batch(fn, 1)  # warm-up, and a first estimate of the steady state
    number = max(1, math.ceil(settings.min_sample / max(single, 1e-9)))
    if number > 1:
        single = _batch(fn, number) / number  # a better estimate, also discarded
    affordable = int(settings.budget / max(single * number, 1e-9))
    samples = max(min_repeats, min(settings.repeats, affordable))
    times = [_batch(fn, number) / number for _ in range(samples)]
    return first, statistics.median(times), samples


# ------------------------------------------------------------------ memory


def peak_tracemalloc(fn):
    """Peak bytes allocated while `fn()` runs, as seen by tracemalloc.

    Counts every Python object and every NumPy buffer (NumPy reports its data
    allocations to tracemalloc), so it is exact for NumPy-based libraries.
    It does not see memory allocated by C++ libraries such as PyTorch or XLA.
    """
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - base


def _status_bytes(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    raise OSError(f"{key} missing from /proc/self/status")


def peak_rss(fn):
    """Growth of the resident set's high-water mark while `fn()` runs (Linux only).

    Works for every library, C++ allocators included. Freed heap memory is first
    handed back to the OS (malloc_trim) and the high-water mark is reset
    (/proc/self/clear_refs), so the figure is peak RSS during the call minus RSS
    just before it. Page-granular (4 KiB), so use it on large workloads only.
    Returns None where the kernel interfaces are missing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        gc.collect()
        libc.malloc_trim(0)
        base = _status_bytes("VmRSS:")
        Path("/proc/self/clear_refs").write_text("5")
        fn()
        return max(0, _status_bytes("VmHWM:") - base)
    except OSError:
        return None


_MEMORY = {}


def case_memory(case, method, key):
    """Peak bytes of one call of `case` by `method` ("tracemalloc" or "rss"), cached under `key`.

    A workload measuring the same case as another (W8 repeats W4 at N = 1e5) reuses the
    figure. Jit cases, and every case measured by RSS, are called once first, so that
    compilation and one-time allocations are not counted. Returns None where unavailable.
    """
    memo = (key, case.label, method)
    if memo not in _MEMORY:
        fn, why = build_case(case)
        if fn is None:
            raise RuntimeError(why)
        if case.jit or method == "rss":
            fn()
        _MEMORY[memo] = peak_tracemalloc(fn) if method == "tracemalloc" else peak_rss(fn)
    return _MEMORY[memo]


# ------------------------------------------------------------------ cases and results


@dataclass
class Case:
    """One implementation of one workload.

    `build(ns)` receives the loaded library namespace and returns a zero-argument
    callable doing one unit of work (one step, one gradient...). The callable's
    return value is compared with the hand-written NumPy reference by `check`.
    """

    label: str
    lib: str
    build: object
    jit: bool = False  # report the first call as compile time
    min_repeats: int = 1


@dataclass
class Row:
    label: str
    lib: str
    status: str = "ok"  # "ok" or why there is no number
    first: float | None = None
    time: float | None = None
    samples: int = 0
    check: str = ""
    extra: dict = field(default_factory=dict)
    context: str = ""  # which table of the workload (W4's N, W2's dtype), for --compare

    @property
    def ok(self):
        return self.status == "ok"


def short_error(exc, limit=110):
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ").replace("|", "/")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def build_case(case):
    """(callable, None) or (None, reason)."""
    ns = load(case.lib)
    if isinstance(ns, str):
        return None, ns
    try:
        return case.build(ns), None
    except Exception as exc:
        return None, f"build failed: {short_error(exc)}"


def compare(got, want, rtol, atol):
    """'ok', or what is wrong, comparing (nested tuples of) arrays."""
    import numpy as np

    got_leaves, want_leaves = _leaves(got), _leaves(want)
    if len(got_leaves) != len(want_leaves):
        return f"MISMATCH: {len(got_leaves)} arrays, expected {len(want_leaves)}"
    worst = 0.0
    for g, w in zip(got_leaves, want_leaves):
        g = to_numpy(g)
        w = np.asarray(w)
        if g.shape != w.shape:
            return f"MISMATCH: shape {g.shape}, expected {w.shape}"
        if not np.allclose(g, w, rtol=rtol, atol=atol):
            scale = np.maximum(np.abs(w), 1.0)
            worst = max(worst, float(np.max(np.abs(g - w) / scale)))
    return "ok" if worst == 0.0 else f"MISMATCH (max rel err {worst:.1e})"


def _leaves(tree):
    if isinstance(tree, (tuple, list)):
        out = []
        for item in tree:
            out.extend(_leaves(item))
        return out
    return [tree]


def to_numpy(x):
    """A NumPy array from any library's array or tensor."""
    import numpy as np

    if hasattr(x, "detach"):  # torch and funcgrad.torch tensors
        x = x.detach()
        if hasattr(x, "numpy"):
            x = x.numpy()
    return np.asarray(x)


def run_cases(cases, settings, reference=None, rtol=1e-6, atol=1e-8, context=""):
    """Build, check and time every case; never raises for a library's sake.

    The first call is timed (it carries any compilation) and its result is
    compared with `reference`; then the case is timed in its steady state.
    """
    rows = []
    for case in cases:
        row = Row(case.label, case.lib, context=context)
        rows.append(row)
        start = time.perf_counter()
        fn, why = build_case(case)
        if fn is None:
            row.status = why
            continue
        try:
            gc.collect()
            t0 = clock()
            result = fn()
            first = clock() - t0
            if reference is not None:
                row.check = compare(result, reference, rtol, atol)
            del result
            first, median, samples = measure(fn, settings, case.min_repeats, case.jit, first)
        except Exception as exc:
            row.status = f"error: {short_error(exc)}"
            continue
        finally:
            progress(f"{context} {case.label}: {time.perf_counter() - start:.1f} s, {row.status}")
        row.time, row.samples = median, samples
        row.first = first if case.jit else None
    return rows


def progress(text):
    """A progress line on stderr, so a long run shows where it is (the report is on stdout)."""
    print(f"  [{time.strftime('%H:%M:%S')}] {text.strip()}", file=sys.stderr, flush=True)


def find(rows, label):
    for row in rows:
        if row.label == label:
            return row
    return None


# ------------------------------------------------------------------ formatting


def fmt_time(seconds):
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(n):
    if n is None:
        return "-"
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if abs(n) >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f} B"


def fmt_ratio(x):
    return "-" if x is None else f"{x:.2f}x"


def table(headers, body):
    """A Markdown table as a string."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for cells in body:
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def timing_table(rows, unit_name="time", reference_label=None, scale=1.0):
    """The usual per-implementation table: time, compile, ratio to a reference, check."""
    ref = find(rows, reference_label) if reference_label else None
    ref_time = ref.time if ref is not None and ref.ok else None
    headers = ["implementation", unit_name, "first call (compile)"]
    if reference_label:
        headers.append(f"vs {reference_label}")
    headers.append("gradient check")
    body = []
    for row in rows:
        if not row.ok:
            cells = [row.label, row.status, "-"] + (["-"] if reference_label else []) + ["-"]
            body.append(cells)
            continue
        t = row.time * scale
        cells = [row.label, fmt_time(t), fmt_time(row.first * scale if row.first else None)]
        if reference_label:
            cells.append(fmt_ratio(row.time / ref_time) if ref_time else "-")
        cells.append(row.check or "-")
        body.append(cells)
    return table(headers, body)


# ------------------------------------------------------------------ bars


@dataclass
class Bar:
    """One acceptance bar: `measured` (a ratio, or bytes) must be at most `limit`."""

    name: str
    measured: float | None
    limit: float
    why_missing: str = ""

    @property
    def verdict(self):
        if self.measured is None:
            return "n/a"
        return "PASS" if self.measured <= self.limit else "MISS"

    def cells(self):
        m = self.measured
        if m is None:
            got = self.why_missing or "-"
        else:
            got = f"{m:.2f}" if m < 100 else f"{m:.0f}"
        return [self.name, got, f"<= {self.limit:g}", self.verdict]


def ratio_bar(name, rows, num_label, den_label, limit, num_rows=None, den_rows=None):
    """A bar on time(num) / time(den), either side possibly missing."""
    num = find(num_rows or rows, num_label)
    den = find(den_rows or rows, den_label)
    for label, row in ((num_label, num), (den_label, den)):
        if row is None or not row.ok:
            status = row.status if row is not None else "absent"
            return Bar(name, None, limit, f"{label}: {status}"[:80])
    return Bar(name, num.time / den.time, limit)


def bars_table(bars):
    return table(["bar", "measured", "limit", "verdict"], [b.cells() for b in bars])
