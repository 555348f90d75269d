"""The package's layering, read from its own imports with ``ast`` (nothing is imported).

    core  <-  primitives  <-  transforms  <-  faces (numpy, nn, torch, lax, scipy, ...)

- core imports only core; primitives only core and primitives; transforms only
  those and transforms; a face anything.
- No cycle among module-level imports across files.
- A function-local import of a funcgrad module carries its reason in a comment
  on its line or the line above, and there are few of them.
- No file is longer than 800 lines; only primitives/ and transforms/ construct
  a ``Primitive``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "funcgrad"

LAYERS = {"core": 0, "primitives": 1, "transforms": 2}
FACE = 3
MAX_LOCAL_IMPORTS = 12  # 4 today (each with its reason); the cap only keeps them few
MAX_LINES = 800


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


FILES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], FACE) if len(parts) > 1 else FACE


def _is_package(module: str) -> bool:
    return FILES[module].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The funcgrad modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "funcgrad"]
    if node.level:
        base = module.split(".")
        if not _is_package(module):
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "funcgrad":
        return []
    out = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        out.append(sub if sub in FILES else target)
    return sorted(set(out))


def _imports(module: str):
    """(target, lineno, is_module_level, has_reason) for every funcgrad import of ``module``."""
    source = FILES[module].read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    found = []
    stack = [(tree, True)]
    while stack:
        node, top = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                line = lines[child.lineno - 1]
                above = lines[child.lineno - 2].strip() if child.lineno > 1 else ""
                reason = "#" in line or above.startswith("#")
                for target in _resolve(module, child):
                    found.append((target, child.lineno, top, reason))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # imports for annotations only
            else:
                local = top and not isinstance(
                    child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                stack.append((child, local))
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


IMPORTS = {m: _imports(m) for m in FILES}


def test_each_layer_imports_only_downward():
    wrong = []
    for module, found in IMPORTS.items():
        layer = _layer(module)
        if layer == FACE:
            continue
        for target, lineno, _, _ in found:
            if _layer(target) > layer:
                wrong.append(f"{FILES[module].relative_to(ROOT.parent)}:{lineno} imports {target}")
    assert not wrong, "imports that run upward:\n" + "\n".join(wrong)


def test_no_cycle_among_module_level_imports():
    graph = {m: sorted({t for t, _, top, _ in found if top and t != m})
             for m, found in IMPORTS.items()}
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            succ = graph.get(v, [])
            if i < len(succ):
                work.append((v, i + 1))
                w = succ[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    assert not cycles, "module-level import cycles:\n" + "\n".join(map(str, cycles))


def test_function_local_imports_are_few_and_explained():
    local = [(m, t, n, r) for m, found in IMPORTS.items() for t, n, top, r in found if not top]
    unexplained = [f"{FILES[m].relative_to(ROOT.parent)}:{n} imports {t}"
                   for m, t, n, r in local if not r]
    assert not unexplained, ("function-local imports without a reason beside them:\n"
                             + "\n".join(unexplained))
    assert len(local) < MAX_LOCAL_IMPORTS, f"{len(local)} function-local imports"


@pytest.mark.parametrize("module", sorted(FILES))
def test_file_is_short(module):
    n = len(FILES[module].read_text().splitlines())
    assert n <= MAX_LINES, f"{FILES[module]} has {n} lines (at most {MAX_LINES})"


def test_only_primitives_and_transforms_construct_primitives():
    wrong = []
    for module, path in FILES.items():
        if _layer(module) in (LAYERS["primitives"], LAYERS["transforms"]):
            continue
        if module == "funcgrad.core.primitive":
            continue  # where the class is defined
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                if name == "Primitive":
                    wrong.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
            elif isinstance(node, ast.ClassDef):
                for b in node.bases:
                    name = b.id if isinstance(b, ast.Name) else getattr(b, "attr", None)
                    if name == "Primitive":
                        wrong.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert not wrong, "Primitive constructed outside primitives/ and transforms/:\n" + "\n".join(
        wrong)
