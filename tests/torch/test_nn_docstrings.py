"""The examples of funcgrad.torch.nn / optim / utils.data classes that say PyTorch's module.

Those classes set ``__module__`` to PyTorch's (``torch.nn.modules.linear``) so
``type(m)`` prints as in PyTorch; ``--doctest-modules`` then skips them, so
they run here, with the examples of their methods.
"""

from __future__ import annotations

import doctest
import importlib
import inspect

import pytest

MODULES = [
    "funcgrad.torch.nn",
    "funcgrad.torch.nn.functional",
    "funcgrad.torch.nn.init",
    "funcgrad.torch.nn.utils",
    "funcgrad.torch.nn.utils.prune",
    "funcgrad.torch.nn.utils.parametrizations",
    "funcgrad.torch.nn.utils.weight_norm",
    "funcgrad.torch.nn.utils.spectral_norm",
    "funcgrad.torch.optim",
    "funcgrad.torch.optim.lr_scheduler",
    "funcgrad.torch.utils.data",
]


def _classes():
    seen = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", dir(module)):
            obj = getattr(module, attr, None)
            if isinstance(obj, type) and obj.__module__.startswith("torch."):
                seen[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return sorted(seen.items())


def _examples(cls):
    """The class's own docstring and those of the methods it defines."""
    yield "(class)", inspect.getdoc(cls) or ""
    for attr, member in vars(cls).items():
        fn = member.fget if isinstance(member, property) else member
        fn = getattr(fn, "__func__", fn)
        if callable(fn) and (fn.__doc__ or "").count(">>>"):
            yield attr, inspect.getdoc(fn)


CASES = [(f"{name}.{attr}", doc) for name, cls in _classes() for attr, doc in _examples(cls)]
_OPTIONS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize("name,doc", CASES, ids=[c[0] for c in CASES])
def test_example_runs(name, doc):
    test = doctest.DocTestParser().get_doctest(doc, {}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=_OPTIONS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


def test_the_sweep_finds_the_layers():
    names = {c[0] for c in CASES}
    assert "torch.nn.modules.linear.Linear.(class)" in names
    assert "torch.optim.adam.Adam.step" in names
    assert len(CASES) > 100
