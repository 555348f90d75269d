"""Every public name of funcgrad has a docstring with a runnable ``>>>`` example.

The examples themselves run as doctests (``--doctest-modules``); this sweep
makes sure none is missing, and that each docstring has NumPy's sections
(Parameters, Returns, See Also, Examples; see ``test_public_names_have_sections``),
and that the API pages (docs/_ext/funcgrad_apipages.py) cover the same modules.
It covers the functions and classes that funcgrad defines in its public
modules, not NumPy's own names that funcgrad.numpy passes on (dtypes,
constants, ``finfo``), and for funcgrad.torch also the methods and properties
of ``Tensor``.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import sys
import types
from pathlib import Path

import pytest

from funcgrad.core.docstrings import section_titles, takes_parameters

MODULES = [
    "funcgrad",
    "funcgrad.numpy",
    "funcgrad.numpy.linalg",
    "funcgrad.numpy.fft",
    "funcgrad.numpy.random",
    "funcgrad.array_api",
    "funcgrad.nn",
    "funcgrad.nn.initializers",
    "funcgrad.random",
    "funcgrad.optimizers",
    "funcgrad.tree_util",
    "funcgrad.tree",
    "funcgrad.flatten_util",
    "funcgrad.debug",
    "funcgrad.test_util",
    "funcgrad.extend",
    "funcgrad.extend.core",
    "funcgrad.experimental.checkify",
    "funcgrad.example_libraries",
    "funcgrad.lax",
    "funcgrad.stax",
    "funcgrad.ad_checkpoint",
    "funcgrad.torch",
    "funcgrad.torch.autograd",
    "funcgrad.torch.autograd.functional",
    "funcgrad.torch.autograd.graph",
    "funcgrad.torch.autograd.function",
    "funcgrad.torch.autograd.gradcheck",
    "funcgrad.torch.autograd.forward_ad",
    "funcgrad.torch.func",
    "funcgrad.torch.autograd.saved_hooks",
    "funcgrad.torch.autograd.anomaly_mode",
    "funcgrad.torch.legacy",
    "funcgrad.torch.serialization",
    "funcgrad.torch.onnx",
    "funcgrad.scipy",
    "funcgrad.lax",
    "funcgrad.scipy.special",
    "funcgrad.scipy.linalg",
    "funcgrad.scipy.stats",
    "funcgrad.scipy.signal",
    "funcgrad.scipy.integrate",
    "funcgrad.scipy.optimize",
    *[f"funcgrad.scipy.stats.{d}" for d in (
        "bernoulli", "beta", "binom", "cauchy", "chi2", "dirichlet", "expon", "gamma", "geom",
        "laplace", "logistic", "multinomial", "multivariate_normal", "nbinom", "norm",
        "poisson", "t", "truncnorm", "uniform")],
    "funcgrad.torch.nn",
    "funcgrad.torch.nn.functional",
    "funcgrad.torch.nn.init",
    "funcgrad.torch.nn.utils",
    "funcgrad.torch.nn.utils.prune",
    "funcgrad.torch.nn.utils.parametrizations",
    "funcgrad.torch.optim",
    "funcgrad.torch.optim.lr_scheduler",
    "funcgrad.torch.utils.data",
    "funcgrad.torch.linalg",
    "funcgrad.torch.special",
    "funcgrad.torch.fft",
    "funcgrad.torch.distributions",
]
# The torch face's modules are pages of their own (``torch.autograd.functional``):
# their module docstrings carry an example too.
MODULES_WITH_EXAMPLE = [m for m in MODULES if m.startswith("funcgrad.torch")]


def _defined_here(obj) -> bool:
    """Whether ``obj`` is a function or class of funcgrad (``torch`` for the torch face)."""
    module = getattr(obj, "__module__", None) or ""
    if not module and not isinstance(obj, type):
        module = getattr(type(obj), "__module__", "") or ""
    return module == "torch" or module.split(".")[0] in ("funcgrad", "torch")


def _has_example(obj) -> bool:
    return ">>>" in (inspect.getdoc(obj) or "")


def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    return list(names)


def _missing_in_module(name: str) -> list[str]:
    module = importlib.import_module(name)
    missing = []
    if name in MODULES_WITH_EXAMPLE and not _has_example(module):
        missing.append(f"{name} (the module)")
    for attr in _public_names(module):
        obj = getattr(module, attr)
        if isinstance(obj, types.ModuleType) or not callable(obj) or not _defined_here(obj):
            continue
        if not _has_example(obj):
            missing.append(f"{name}.{attr}")
    return missing


@pytest.mark.parametrize("name", MODULES)
def test_public_names_have_examples(name):
    missing = _missing_in_module(name)
    assert not missing, (
        f"{len(missing)} public names of {name} have no `>>>` example in their docstring "
        "(write a NumPy-style docstring with a runnable example):\n  " + "\n  ".join(missing)
    )


def _tensor_members():
    from funcgrad.torch import Tensor

    for attr in sorted(vars(Tensor)):
        if attr.startswith("_"):
            continue
        member = inspect.getattr_static(Tensor, attr)
        if isinstance(member, property):
            yield attr, member.fget
        elif isinstance(member, (staticmethod, classmethod)):
            yield attr, member.__func__
        elif callable(member):
            yield attr, member


def test_tensor_methods_have_examples():
    missing = [f"Tensor.{attr}" for attr, fn in _tensor_members() if not _has_example(fn)]
    assert not missing, (
        f"{len(missing)} methods and properties of funcgrad.torch.Tensor have no `>>>` "
        "example in their docstring:\n  " + "\n  ".join(missing)
    )


def _collected_by_doctest_modules(fn) -> bool:
    """Whether ``--doctest-modules`` runs ``fn``'s examples: a function of its module's globals.

    Tensor's own methods are not (the class says ``__module__ = "torch"``, as
    PyTorch's), nor the methods built by factories (``add_``, ``float``).
    """
    module = sys.modules.get(getattr(fn, "__module__", None) or "")
    return module is not None and getattr(module, getattr(fn, "__name__", ""), None) is fn


_OPTIONS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize(
    "attr",
    ["(the class)"]
    + [a for a, fn in _tensor_members() if not _collected_by_doctest_modules(fn)],
)
def test_tensor_method_examples_run(attr):
    """The examples that --doctest-modules does not reach run here."""
    from funcgrad.torch import Tensor

    fn = Tensor if attr == "(the class)" else dict(_tensor_members())[attr]
    doc = inspect.getdoc(fn) or ""
    test = doctest.DocTestParser().get_doctest(doc, {}, f"Tensor.{attr}", None, 0)
    runner = doctest.DocTestRunner(optionflags=_OPTIONS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


def test_the_sweep_sees_what_it_should():
    """The sweep is not vacuous: it finds torch's functions and Tensor's methods."""
    import funcgrad.torch as torch

    assert _defined_here(torch.add) and _defined_here(torch.Tensor)
    assert not _defined_here(__import__("numpy").float32)
    assert {"backward", "detach", "add_", "view", "grad"} <= {a for a, _ in _tensor_members()}


# ---------------------------------------------------------------------------
# NumPy's sections, and an API page for every module
# ---------------------------------------------------------------------------

def _missing_sections(obj) -> list[str]:
    """The NumPy sections ``obj``'s docstring lacks.

    Functions: Parameters (when they take any), Returns (or Yields), See Also
    and Examples. Classes document their constructor's Parameters (or their
    Attributes) and See Also; exceptions and warnings, which are raised rather
    than called, only their Examples.
    """
    titles = set(section_titles(inspect.getdoc(obj)))
    need = ["Examples"]
    if isinstance(obj, type):
        if issubclass(obj, BaseException):
            return [t for t in need if t not in titles]
        need.append("See Also")
        if takes_parameters(obj) and not titles & {"Parameters", "Attributes"}:
            need.append("Parameters")
        return [t for t in need if t not in titles]
    need += ["See Also"]
    if not titles & {"Returns", "Yields"}:
        need.append("Returns")
    if takes_parameters(obj):
        need.append("Parameters")
    return [t for t in need if t not in titles]


def _names_missing_sections(name: str) -> list[str]:
    module = importlib.import_module(name)
    out = []
    for attr in _public_names(module):
        obj = getattr(module, attr)
        if isinstance(obj, types.ModuleType) or not callable(obj) or not _defined_here(obj):
            continue
        missing = _missing_sections(obj)
        if missing:
            out.append(f"{name}.{attr}: {', '.join(missing)}")
    return out


@pytest.mark.parametrize("name", list(dict.fromkeys(MODULES)))
def test_public_names_have_sections(name):
    missing = _names_missing_sections(name)
    assert not missing, (
        f"{len(missing)} public names of {name} lack NumPy docstring sections (a function "
        "has Parameters, Returns, See Also and Examples; funcgrad/core/docstrings.py fills "
        "them in for the faces that mirror NumPy and PyTorch):\n  " + "\n  ".join(missing)
    )


def test_tensor_methods_have_sections():
    """Tensor's methods as functions (the tensor itself is no parameter); properties
    have Returns, See Also and Examples."""
    from funcgrad.torch import Tensor

    missing = []
    for attr, fn in _tensor_members():
        gaps = _missing_sections(fn)
        if isinstance(inspect.getattr_static(Tensor, attr), property):
            gaps = [g for g in gaps if g != "Parameters"]
        elif "Parameters" in gaps and len(_signature_parameters(fn)) <= 1:
            gaps.remove("Parameters")
        if gaps:
            missing.append(f"Tensor.{attr}: {', '.join(gaps)}")
    assert not missing, "\n  ".join([f"{len(missing)} members of Tensor lack sections:",
                                      *missing])


def _signature_parameters(fn) -> list[str]:
    try:
        return [p for p in inspect.signature(fn).parameters if not p.startswith("_")]
    except (TypeError, ValueError):
        return []


def _api_pages():
    path = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "funcgrad_apipages.py"
    spec = importlib.util.spec_from_file_location("funcgrad_apipages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_swept_module_has_an_api_page():
    """The docs' module pages and this sweep cover the same modules."""
    pages = set(_api_pages().MODULES)
    assert pages == set(MODULES), (
        f"only in the sweep: {sorted(set(MODULES) - pages)}; only in the API pages "
        f"(docs/_ext/funcgrad_apipages.py FACES): {sorted(pages - set(MODULES))}"
    )


def test_api_pages_list_every_documented_name():
    """A module's page lists each public name the sweep checks (and the torch dtypes)."""
    pages = _api_pages()
    import funcgrad.torch as torch

    listed = pages.documented_names(torch)
    assert {"add", "Tensor", "float32", "no_grad"} <= set(listed)
    page = pages.module_page("funcgrad.torch", set())
    assert all(f"   {n}" in page.splitlines() for n in listed)
