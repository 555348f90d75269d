"""One API page per public module of every face, listing every public name.

At ``config-inited`` (before Sphinx looks for source files) this writes
``docs/api/<module>.rst`` for each module in :data:`FACES`: the module's
docstring, then, grouped by the module that defines them (``elementwise``,
``reductions``, ...), an autosummary table of its public names and the
documentation of each, with its anchor, on the same page. One page per module
rather than one per name keeps the build fast (2,000 names; see
docs/api/index.rst): the guides' autosummary tables link to the entries here.
The few names that no module page holds (``funcgrad.misc``, the checkpoint
policies, ...) have a page of their own in ``docs/generated/``, from a table
with ``:toctree:`` (templates in ``docs/_templates/autosummary/``); such a name
is in its module's table only, linking there. A name added to a module gets its entry
with no edit to the docs; ``docs/api/index.rst`` links the module pages (a
module listed here and missing there fails the ``-W`` build, as a page in no
toctree).

A module's public names are its ``__all__`` (or its names without a leading
underscore) that are funcgrad's own: functions and classes defined in
funcgrad (or, for the torch face, in the module named ``torch``), and objects
whose type is (``config``, the torch dtypes); NumPy's own names that
funcgrad.numpy passes on (``float32``, ``pi``) are NumPy's to document.
tests/test_docstrings.py sweeps the same names for their docstrings.
"""

from __future__ import annotations

import importlib
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
API = HERE.parent / "api"

#: (section title, modules) in the order of docs/api/index.rst.
FACES: list[tuple[str, list[str]]] = [
    ("Transforms: ``funcgrad``", [
        "funcgrad", "funcgrad.tree", "funcgrad.tree_util", "funcgrad.flatten_util",
        "funcgrad.ad_checkpoint", "funcgrad.debug", "funcgrad.test_util", "funcgrad.extend",
        "funcgrad.extend.core", "funcgrad.experimental.checkify",
    ]),
    ("NumPy: ``funcgrad.numpy``", [
        "funcgrad.numpy", "funcgrad.numpy.linalg", "funcgrad.numpy.fft",
        "funcgrad.numpy.random", "funcgrad.array_api",
    ]),
    ("JAX's other modules", [
        "funcgrad.lax", "funcgrad.random", "funcgrad.nn", "funcgrad.nn.initializers",
        "funcgrad.optimizers", "funcgrad.stax", "funcgrad.example_libraries",
    ]),
    ("SciPy: ``funcgrad.scipy``", [
        "funcgrad.scipy", "funcgrad.scipy.special", "funcgrad.scipy.linalg",
        "funcgrad.scipy.stats", *[f"funcgrad.scipy.stats.{d}" for d in (
            "bernoulli", "beta", "binom", "cauchy", "chi2", "dirichlet", "expon", "gamma",
            "geom", "laplace", "logistic", "multinomial", "multivariate_normal", "nbinom",
            "norm", "poisson", "t", "truncnorm", "uniform")],
        "funcgrad.scipy.signal", "funcgrad.scipy.integrate", "funcgrad.scipy.optimize",
    ]),
    ("PyTorch: ``funcgrad.torch``", [
        "funcgrad.torch", "funcgrad.torch.autograd", "funcgrad.torch.autograd.functional",
        "funcgrad.torch.autograd.function", "funcgrad.torch.autograd.graph",
        "funcgrad.torch.autograd.gradcheck", "funcgrad.torch.autograd.forward_ad",
        "funcgrad.torch.autograd.saved_hooks", "funcgrad.torch.autograd.anomaly_mode",
        "funcgrad.torch.func", "funcgrad.torch.nn", "funcgrad.torch.nn.functional",
        "funcgrad.torch.nn.init", "funcgrad.torch.nn.utils",
        "funcgrad.torch.nn.utils.prune",
        "funcgrad.torch.nn.utils.parametrizations", "funcgrad.torch.optim",
        "funcgrad.torch.optim.lr_scheduler", "funcgrad.torch.utils.data",
        "funcgrad.torch.legacy", "funcgrad.torch.serialization", "funcgrad.torch.onnx",
        "funcgrad.torch.linalg",
        "funcgrad.torch.special", "funcgrad.torch.fft", "funcgrad.torch.distributions",
    ]),
]

MODULES = [m for _, modules in FACES for m in modules]

#: Headings for the defining modules whose own name says too little.
HEADINGS = {
    "util": "Elementwise",
    "ufuncs": "Elementwise",
    "piecewise": "Elementwise (piecewise)",
    "comparisons": "Comparisons and logic",
    "complex": "Complex numbers",
    "complexes": "Complex numbers",
    "nanfunctions": "Ignoring NaNs",
    "einsum": "Einstein summation",
    "assembly": "Joining and splitting",
    "index tricks": "Index helpers",
    "more ops": "More operations",
    "tensor values": "Values of tensors",
    "random inplace": "Random numbers in place",
    "jit": "Compilation",
    "vmap": "Batching",
    "reverse": "Reverse mode",
    "forward": "Forward mode",
    "custom": "Custom derivatives",
    "config": "Configuration",
    "staging": "Staging",
}


def defined_here(obj) -> bool:
    """Whether ``obj`` is funcgrad's own (``torch`` is the torch face's module name)."""
    module = getattr(obj, "__module__", None) or ""
    if not module and not isinstance(obj, type):
        module = getattr(type(obj), "__module__", "") or ""
    return module == "torch" or module.split(".")[0] in ("funcgrad", "torch")


def public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    return list(names)


def documented_names(module) -> list[str]:
    """The public names of ``module`` that get an API page."""
    out = []
    for name in public_names(module):
        obj = getattr(module, name, None)
        if obj is None or isinstance(obj, types.ModuleType):
            continue
        if defined_here(obj) or defined_here(type(obj)):
            out.append(name)
    return out


def _group(module_name: str, obj) -> str:
    """The heading a name is listed under: for a function, the module that defines it."""
    if not callable(obj):
        return "Values"
    if isinstance(obj, type):
        return "Errors and warnings" if issubclass(obj, BaseException) else "Classes"
    where = getattr(obj, "__module__", None) or ""
    if where == module_name or not where.startswith("funcgrad."):
        return "Functions"
    last = where.rsplit(".", 1)[-1].strip("_").replace("_", " ")
    return HEADINGS.get(last, last.capitalize())


def _underline(title: str, char: str) -> str:
    return f"{title}\n{char * len(title)}\n"


def _directive(module_name: str, name: str, obj) -> str:
    if isinstance(obj, type):
        return f".. autoclass:: {name}\n   :members:\n   :show-inheritance:\n"
    if callable(obj):
        return f".. autofunction:: {name}\n"
    return f".. autodata:: {name}\n   :annotation:\n"


def module_page(module_name: str, documented_modules: set[str],
                elsewhere: set[str] = frozenset()) -> str:
    """The page of ``module_name``: a table per group, then each name's documentation.

    A name in ``elsewhere`` (its page is another: a guide's autosummary stub, or
    the same class under an earlier name) is in the table only, which links there.
    """
    module = importlib.import_module(module_name)
    groups: dict[str, list[str]] = {}
    for name in documented_names(module):
        groups.setdefault(_group(module_name, getattr(module, name)), []).append(name)
    # Functions first, then the groups by name, then classes, errors and values.
    last = ["Classes", "Errors and warnings", "Values"]
    order = sorted(groups, key=lambda g: (g != "Functions", g in last and last.index(g), g))
    out = [_underline(f"``{module_name}``", "="), ""]
    no_index = "" if module_name not in documented_modules else "   :no-index:\n"
    out.append(f".. automodule:: {module_name}\n   :no-members:\n{no_index}\n")
    out.append(f".. currentmodule:: {module_name}\n")
    if not groups:
        out.append("This module holds only submodules (see the contents of this section).\n")
    for group in order:
        out.append(_underline(group, "-"))
        out.append(".. autosummary::\n   :nosignatures:\n")
        out.extend(f"   {name}" for name in groups[group])
        out.append("")
        for name in groups[group]:
            if f"{module_name}.{name}" not in elsewhere:
                out.append(_directive(module_name, name, getattr(module, name)))
    return "\n".join(out) + "\n"


def _entries_elsewhere(docs: Path) -> tuple[set[str], list[str]]:
    """Modules another page declares, and the full names that have a stub page: those
    of the autosummary tables with a ``:toctree:`` (names no module page documents)."""
    modules, entries = set(), []
    for path in sorted(docs.rglob("*.rst")):
        if path.parent == API or {"_build", "generated", "auto_examples"} & set(path.parts):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        current, stubs = "", False
        for i, line in enumerate(lines):
            text = line.strip()
            if text.startswith(".. "):
                stubs = text.startswith(".. autosummary::") and any(
                    o.strip().startswith(":toctree:") for o in lines[i + 1:i + 4])
            if text.startswith(".. automodule::"):
                options = " ".join(lines[i + 1:i + 4])
                if ":no-index:" not in options:
                    modules.add(text.split("::", 1)[1].strip())
            elif text.startswith(".. currentmodule::"):
                current = text.split("::", 1)[1].strip()
            elif stubs and line.startswith("   ") and text and \
                    not text.startswith((":", "..")) and current and \
                    text.replace(".", "").replace("_", "").isalnum():
                entries.append(f"{current}.{text.lstrip('~')}")
            elif text and not line.startswith(" ") and not text.startswith(".. "):
                stubs = False  # the text after the table
    return (modules | set(entries)) & set(MODULES), entries


def _resolve(full_name: str):
    parts = full_name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
        return obj
    return None


def documented_elsewhere(entries: list[str]) -> set[str]:
    """Full names whose documentation is not on their module's page.

    The names in other pages' autosummary tables (``entries``) have their stub
    pages; and a class is described once (Sphinx registers it under its defining
    module's name too, so a second description would be a duplicate): under its
    first name, in the tables or else in the order of :data:`FACES`.
    """
    names = [f"{m}.{n}" for m in MODULES for n in documented_names(importlib.import_module(m))]
    seen: set[int] = set()
    out = set(entries)
    for full_name in dict.fromkeys(entries + names):
        obj = _resolve(full_name)
        if isinstance(obj, type):
            if id(obj) in seen:
                out.add(full_name)
            seen.add(id(obj))
    return out


def write_pages(app, config) -> None:
    API.mkdir(exist_ok=True)
    modules, entries = _entries_elsewhere(HERE.parent)
    names = {f"{m}.{n}" for m in MODULES for n in documented_names(importlib.import_module(m))}
    elsewhere = documented_elsewhere(entries)
    for module_name in MODULES:
        # A module named as a function (torch.autograd.gradcheck) leaves the name to it.
        text = module_page(module_name, modules | (names & {module_name}), elsewhere)
        path = API / f"{module_name}.rst"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("config-inited", write_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
