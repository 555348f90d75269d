"""The ``funcgrad-support-table`` directive: the derivative support of every public function.

The tables are built at documentation build time from the tables that drive
the systematic derivative tests, so they say exactly what the test suite
checks and cannot drift from it. Three table formats are read:

* ``tests/test_primitives.py``: the dicts ``ELEMENTWISE``, ``REDUCTIONS`` and
  ``SHAPE_OPS``, every entry checked to second order. An entry is attributed
  to a function by name (the key is the name, or starts with it:
  ``power_half`` checks ``power``; or is an alias: ``T`` is ``transpose``), and
  marked *(inside)* for a function whose primitive (``<name>_p`` beside it)
  appears in the entry's traced program (``x ** 3`` is ``integer_pow``).
* ``tests/numpy/table_*.py`` with ``MODULE`` and a list ``CASES`` of cases
  with ``covers`` (the public names a case checks), ``order`` and ``dtypes``.
* ``tests/numpy/table_*.py`` with a dict ``CASES`` keyed by the public name
  relative to ``funcgrad.numpy`` or ``funcgrad`` (``"linalg.inv[batched]"``,
  ``"nn.softmax"``), each case with ``order`` and ``args(rng, dtype)``.

There is one table per module: ``funcgrad.numpy`` always, and every other
module a test case names. The rows are the module's public functions (its
``__all__``, or its public callables defined in funcgrad); functions that are
the same object, such as ``abs`` and ``absolute``, share a row.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.util.nodes import nested_parse_with_titles

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PRIMITIVE_TESTS = TESTS / "test_primitives.py"
TABLES = TESTS / "numpy"
BASE = "funcgrad.numpy"

# test_primitives keys that are neither a function's name nor start with one.
ALIASES = {"T": "transpose", "rpow": "power"}


@dataclass
class Check:
    """What one test case checks, for the public functions it names."""

    key: str
    source: str  # the file, relative to the repository
    names: list[str]  # qualified public names
    order: int  # 0: no derivative checked
    zero: bool = False  # order 0, and the derivative is checked to be zero
    complex: bool = False  # some inputs are complex
    inside: list[str] = field(default_factory=list)  # names whose primitive it runs


# ---------------------------------------------------------------------------
# Reading the test tables
# ---------------------------------------------------------------------------

def _load(path: Path, name: str):
    """Import a test module by path, with tests/ and its own folder on sys.path."""
    added = [p for p in (str(TESTS), str(path.parent)) if p not in sys.path]
    sys.path[:0] = added
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        for p in added:
            sys.path.remove(p)


def _complex_args(args) -> bool:
    return any(np.iscomplexobj(a) for a in args)


def _primitives_of(fun, args) -> set[str]:
    """The primitives in the traced program of ``fun`` (empty when it cannot be staged)."""
    import funcgrad as fg

    try:
        ir = fg.make_ir(fun)(*args)
    except Exception:  # a data-dependent shape (a boolean mask) cannot be staged
        return set()
    return {e.prim.name for e in ir.eqns}


def checks_from_test_primitives() -> list[Check]:
    if not PRIMITIVE_TESTS.exists():
        return []
    tp = _load(PRIMITIVE_TESTS, "_funcgrad_docs_test_primitives")
    rng = np.random.default_rng(0)
    entries = []
    for key, (fun, samplers) in getattr(tp, "ELEMENTWISE", {}).items():
        entries.append((key, fun, [s((2, 3), rng) for s in samplers]))
    for key, reduce in getattr(tp, "REDUCTIONS", {}).items():
        entries.append((key, reduce, [tp.anything((2, 3), rng)]))
    for key, (fun, shape) in getattr(tp, "SHAPE_OPS", {}).items():
        entries.append((key, fun, [tp.anything(shape, rng)]))

    import funcgrad.numpy as fnp

    by_primitive = {}
    for name in _public_names(fnp):
        obj = getattr(fnp, name)
        prim = getattr(sys.modules.get(getattr(obj, "__module__", ""), None), f"{name}_p", None)
        if prim is not None:
            by_primitive.setdefault(prim.name, []).append(f"{BASE}.{name}")
    public = set(_public_names(fnp))
    checks = []
    for key, fun, args in entries:
        target = ALIASES.get(key, key)
        parts = target.split("_")
        names = []
        for n in range(len(parts), 0, -1):
            if "_".join(parts[:n]) in public:
                names = [f"{BASE}.{'_'.join(parts[:n])}"]
                break
        inside = [q for p in _primitives_of(fun, args) for q in by_primitive.get(p, [])]
        checks.append(Check(key, "tests/test_primitives.py", names, 2,
                            complex=_complex_args(args), inside=inside))
    return checks


def _resolve(relative: str) -> str | None:
    """``linalg.inv`` -> ``funcgrad.numpy.linalg.inv`` (or ``funcgrad.nn.softmax``)."""
    for base in (BASE, "funcgrad"):
        module_name, _, attr = f"{base}.{relative}".rpartition(".")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, attr):
            return f"{module_name}.{attr}"
    return None


def checks_from_numpy_tables() -> list[Check]:
    checks = []
    for path in sorted(TABLES.glob("table_*.py")):
        table = _load(path, f"_funcgrad_docs_{path.stem}")
        cases = getattr(table, "CASES", None)
        source = str(path.relative_to(ROOT))
        if isinstance(cases, dict):  # name -> Case(fun, args, numpy, order, ...)
            for key, case in cases.items():
                qualified = _resolve(key.split("[")[0])
                try:
                    cplx = _complex_args(case.args(np.random.default_rng(0), np.float64))
                except Exception:
                    cplx = False
                checks.append(Check(key, source, [qualified] if qualified else [],
                                    case.order, complex=cplx))
        elif cases is not None:  # [Case(name, fn, samplers, shapes, order, dtypes, covers)]
            module = getattr(table, "MODULE", BASE)
            for case in cases:
                dtypes = getattr(case, "dtypes", ())
                cplx = any(np.dtype(d).kind == "c" for d in dtypes)
                names = [f"{module}.{n}" for n in case.covers]
                checks.append(Check(case.name, source, names, case.order,
                                    zero=case.order == 0, complex=cplx))
    return checks


def table_files() -> list[Path]:
    files = sorted(TABLES.glob("*.py")) if TABLES.exists() else []
    return ([PRIMITIVE_TESTS] if PRIMITIVE_TESTS.exists() else []) + files


# ---------------------------------------------------------------------------
# Rows: the public functions of each module
# ---------------------------------------------------------------------------

def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n for n in dir(module)
            if not n.startswith("_")
            and getattr(getattr(module, n), "__module__", "").startswith("funcgrad.")
        ]
    return [
        n for n in names
        if callable(getattr(module, n, None)) and not isinstance(getattr(module, n), type)
    ]


@dataclass
class Row:
    names: list[str]
    differentiable: bool = True  # False: its primitive is declared with no derivative
    checks: list[Check] = field(default_factory=list)
    inside: list[Check] = field(default_factory=list)


def rows_of(module_name: str) -> list[Row]:
    module = importlib.import_module(module_name)
    rows: dict[int, Row] = {}
    for name in sorted(_public_names(module)):
        obj = getattr(module, name)
        row = rows.setdefault(id(obj), Row([]))
        row.names.append(name)
        home = sys.modules.get(getattr(obj, "__module__", ""), None)
        prim = getattr(home, f"{name}_p", None)
        if prim is not None and not getattr(prim, "differentiable", True):
            row.differentiable = False
    return sorted(rows.values(), key=lambda r: r.names[0])


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

def _cells(row: Row) -> list[str]:
    zero = any(c.zero for c in row.checks)
    derivative = [c for c in row.checks if c.order > 0]
    if not derivative and not zero and row.differentiable:
        derivative = [c for c in row.inside if c.order > 0]
    if derivative:
        order = max(c.order for c in derivative)
        higher = f"✓ to order {order}" if order >= 2 else "first order only"
        cplx = "✓" if any(c.complex for c in derivative) else "not checked"
        return ["✓", "✓", higher, cplx]
    if zero:
        return ["zero (checked)", "zero (checked)", "—", "—"]
    if not row.differentiable:
        return ["zero (by definition)", "zero (by definition)", "—", "—"]
    if row.checks:
        return ["values only", "values only", "—", "—"]
    return ["not checked"] * 4


def _checked_by(row: Row) -> str:
    if not row.differentiable and not row.checks:
        return ""
    if row.checks:
        return ", ".join(f"``{c.key}``" for c in row.checks)
    return ", ".join(f"``{c.key}`` (inside)" for c in row.inside)


def build(checks: list[Check]) -> tuple[dict[str, list[Row]], list[Check]]:
    """One list of rows per module, and the checks that named no public function."""
    modules = [BASE] + sorted({
        n.rpartition(".")[0] for c in checks for n in c.names if n.rpartition(".")[0] != BASE
    })
    tables = {m: rows_of(m) for m in modules}
    index = {f"{m}.{n}": row for m, rows in tables.items() for row in rows for n in row.names}
    unmatched = []
    for check in checks:
        matched = False
        for name in check.names:
            if name in index and check not in index[name].checks:
                index[name].checks.append(check)
                matched = True
        for name in check.inside:
            if name in index and name not in check.names and check not in index[name].inside:
                index[name].inside.append(check)
                matched = True
        if not matched:
            unmatched.append(check)
    return tables, unmatched


def _summary(module: str, rows: list[Row]) -> str:
    cells = [_cells(r) for r in rows]
    checked = sum(c[0] == "✓" for c in cells)
    cplx = sum(c[3] == "✓" for c in cells)
    zero = sum(c[0].startswith("zero") for c in cells)
    values = sum(c[0] == "values only" for c in cells)
    missing = [r.names[0] for r, c in zip(rows, cells) if c[0] == "not checked"]
    text = (
        f"{len(rows)} functions. {checked} {'is' if checked == 1 else 'are'} checked in "
        f"forward and reverse mode "
        f"against finite differences, {cplx} of them with complex inputs too; "
        f"{zero} have a zero derivative"
    )
    if values:
        verb, its = ("is", "its") if values == 1 else ("are", "their")
        text += f"; {values} {verb} checked for {its} values only."
    else:
        text += "."
    if missing:
        text += " Not in a test table yet: " + ", ".join(f"``{n}``" for n in missing) + "."
    return text


def table_lines() -> list[str]:
    checks = checks_from_test_primitives() + checks_from_numpy_tables()
    sources = sorted({c.source for c in checks})
    tables, unmatched = build(checks)
    lines = [
        "Read from: " + ", ".join(f"``{s}``" for s in sources) + f" ({len(checks)} test cases).",
        "",
    ]
    for module, rows in tables.items():
        title = f"``{module}``"
        lines += [title, "-" * len(title), "", _summary(module, rows), ""]
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 22 12 12 14 12 28",
            "",
            "   * - function",
            "     - forward (``jvp``)",
            "     - reverse (``vjp``)",
            "     - higher order",
            "     - complex inputs",
            "     - checked by the test cases",
        ]
        for row in rows:
            cells = _cells(row)
            lines.append("   * - " + ", ".join(f"``{n}``" for n in row.names))
            lines += [f"     - {c}" for c in cells]
            lines.append(f"     - {_checked_by(row)}")
        lines.append("")
    if unmatched:
        lines += [
            "Test cases that name no public function",
            "---------------------------------------",
            "",
            "These cases run in the test suite, but the names they give match no public "
            "function of the modules above:",
            "",
        ]
        lines += [f"* ``{c.key}`` in ``{c.source}``" for c in unmatched]
        lines.append("")
    return lines


class SupportTable(Directive):
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        for path in table_files():  # read the page again when a test table changes
            env.note_dependency(str(path))
        node = nodes.Element()
        node.document = self.state.document
        lines = StringList(table_lines(), "<funcgrad-support-table>")
        nested_parse_with_titles(self.state, lines, node)
        return node.children


def setup(app):
    app.add_directive("funcgrad-support-table", SupportTable)
    return {"parallel_read_safe": True, "version": "2"}
