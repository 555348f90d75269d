"""The ``funcgrad-support-table`` directive: derivative support of every funcgrad.numpy function.

The table is built at documentation build time from the tables that drive the
systematic derivative tests (``tests/test_primitives.py``: ``ELEMENTWISE``,
``REDUCTIONS``, ``SHAPE_OPS``), so it says exactly what the test suite checks
and cannot drift from it. Each test case is attributed to public functions in
two ways:

* by name: the case's key is the function's name, or starts with it
  (``power_half`` checks ``power``, ``matmul_mv`` checks ``matmul``), or is one
  of a few aliases (``T`` is ``transpose``);
* by primitive: a function whose primitive (``<name>_p`` beside it) appears in
  the traced program of a case is exercised by that case too
  (``power_int``, which is ``x ** 3``, exercises ``integer_pow``).

The rows are every public function of :mod:`funcgrad.numpy` (functions that are
the same object, such as ``abs`` and ``absolute``, share a row).
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.nodes import nested_parse_with_titles

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"

TEST_TABLES = [TESTS / "test_primitives.py"]

# Case keys that are not a function's name or a prefix of it.
ALIASES = {"T": "transpose", "rpow": "power"}


@dataclass
class Case:
    """One entry of a test table: a function checked in both modes up to ``order``."""

    key: str
    table: str
    fun: object
    args: list
    order: int
    complex: bool
    primitives: set[str] = field(default_factory=set)


def _load(path: Path, name: str):
    """Import a test module by path (its own folder on sys.path, for its sibling imports)."""
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def _is_complex(args) -> bool:
    return any(np.iscomplexobj(a) for a in args)


def cases_from_test_primitives() -> list[Case]:
    """The cases of tests/test_primitives.py (every one checked to second order)."""
    tp = _load(TESTS / "test_primitives.py", "_funcgrad_docs_test_primitives")
    rng = np.random.default_rng(0)
    cases = []
    for key, (fun, samplers) in tp.ELEMENTWISE.items():
        args = [s((2, 3), rng) for s in samplers]
        cases.append(Case(key, "ELEMENTWISE", fun, args, 2, _is_complex(args)))
    for key, reduce in tp.REDUCTIONS.items():
        args = [tp.anything((2, 3), rng)]
        cases.append(Case(key, "REDUCTIONS", reduce, args, 2, False))
    for key, (fun, shape) in tp.SHAPE_OPS.items():
        args = [tp.anything(shape, rng)]
        cases.append(Case(key, "SHAPE_OPS", fun, args, 2, False))
    return cases


def _primitives_of(case: Case) -> set[str]:
    """The primitives in the traced program of a case (empty when it cannot be staged)."""
    import funcgrad as fg

    try:
        ir = fg.make_ir(case.fun)(*case.args)
    except Exception:  # a data-dependent shape (boolean masks) cannot be staged
        return set()
    return {e.prim.name for e in ir.eqns}


@dataclass
class Row:
    names: list[str]
    fun: object
    differentiable: bool | None  # False: a primitive with zero derivative; None: unknown
    primitive: str | None
    by_name: list[Case] = field(default_factory=list)
    by_primitive: list[Case] = field(default_factory=list)


def public_functions() -> list[Row]:
    """Every public function of funcgrad.numpy, one row per function object."""
    import funcgrad.numpy as fnp

    rows: dict[int, Row] = {}
    for name in sorted(dir(fnp)):
        obj = getattr(fnp, name)
        if name.startswith("_") or not callable(obj) or isinstance(obj, type):
            continue
        if not getattr(obj, "__module__", "").startswith("funcgrad."):
            continue  # NumPy's own constant factories (zeros, arange, ...)
        row = rows.get(id(obj))
        if row is None:
            row = rows[id(obj)] = Row([], obj, True, None)
        row.names.append(name)
        prim = getattr(sys.modules[obj.__module__], f"{name}_p", None)
        if prim is not None and row.primitive is None:
            row.primitive = prim.name
            row.differentiable = prim.differentiable
    return sorted(rows.values(), key=lambda r: r.names[0])


def attribute(rows: list[Row], cases: list[Case]) -> list[Case]:
    """Fill each row's cases; return the cases no row claimed."""
    by_name = {name: row for row in rows for name in row.names}
    unclaimed = []
    for case in cases:
        case.primitives = _primitives_of(case)
        target = ALIASES.get(case.key, case.key)
        parts = target.split("_")
        row = None
        for n in range(len(parts), 0, -1):
            row = by_name.get("_".join(parts[:n]))
            if row is not None:
                break
        if row is not None:
            row.by_name.append(case)
        claimed = row is not None
        for other in rows:
            if other is not row and other.primitive in case.primitives:
                other.by_primitive.append(case)
                claimed = True
        if not claimed:
            unclaimed.append(case)
    return unclaimed


def _cell(row: Row, what: str) -> str:
    if row.differentiable is False:
        return "zero (by definition)" if what in ("fwd", "rev") else "—"
    cases = row.by_name or row.by_primitive
    if not cases:
        return "not checked"
    if what in ("fwd", "rev"):
        return "✓"
    if what == "order":
        order = max(c.order for c in cases)
        return f"✓ to order {order}" if order >= 2 else "first order only"
    if what == "complex":
        return "✓" if any(c.complex for c in cases) else "not checked"
    raise ValueError(what)


def _checked_by(row: Row) -> str:
    """The cases named after the function, else those whose program contains its primitive."""
    if row.differentiable is False:
        return ""
    if row.by_name:
        return ", ".join(f"``{c.key}``" for c in row.by_name)
    return ", ".join(f"``{c.key}`` (inside)" for c in row.by_primitive)


def _summary(rows: list[Row]) -> list[str]:
    checked = [r for r in rows if r.differentiable is not False and (r.by_name or r.by_primitive)]
    zero = [r for r in rows if r.differentiable is False]
    missing = [r for r in rows if r.differentiable is not False and r not in checked]
    complex_checked = [r for r in checked if _cell(r, "complex") == "✓"]
    text = (
        f"{len(rows)} functions. {len(checked)} are checked in forward and reverse mode "
        f"against finite differences, to second order; {len(complex_checked)} of them with "
        f"complex inputs. {len(zero)} have a zero derivative by definition."
    )
    if missing:
        names = ", ".join(f"``{r.names[0]}``" for r in missing)
        text += f" Not in a test table yet: {names}."
    return [text, ""]


def table_lines() -> list[str]:
    rows = public_functions()
    cases = cases_from_test_primitives()
    unclaimed = attribute(rows, cases)
    for case in unclaimed:
        logger.warning(f"support table: test case {case.key!r} names no funcgrad.numpy function")
    lines = _summary(rows) + [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 22 12 12 18 12 24",
        "",
        "   * - function",
        "     - forward (``jvp``)",
        "     - reverse (``vjp``)",
        "     - higher order",
        "     - complex inputs",
        "     - checked by the test cases",
    ]
    for row in rows:
        label = ", ".join(f"``{n}``" for n in row.names)
        lines += [
            f"   * - {label}",
            f"     - {_cell(row, 'fwd')}",
            f"     - {_cell(row, 'rev')}",
            f"     - {_cell(row, 'order')}",
            f"     - {_cell(row, 'complex')}",
            f"     - {_checked_by(row)}",
        ]
    return lines


class SupportTable(Directive):
    has_content = False

    def run(self):
        # Read the page again whenever a test table changes.
        env = self.state.document.settings.env
        for path in TEST_TABLES:
            env.note_dependency(str(path))
        node = nodes.Element()
        node.document = self.state.document
        lines = StringList(table_lines(), "<funcgrad-support-table>")
        nested_parse_with_titles(self.state, lines, node)
        return node.children


def setup(app):
    app.add_directive("funcgrad-support-table", SupportTable)
    return {"parallel_read_safe": True, "version": "1"}
