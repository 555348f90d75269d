"""funcgrad/torch/tensor_signatures.pyi declares what funcgrad.torch attaches to Tensor.

The methods are set on the class at import time (fast, but invisible to a type
checker); the stub declares them for mypy and pyright. These tests keep the two
equal: every attached name is declared, nothing else is, and each declaration
has the parameters the method takes at run time.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import funcgrad.torch as torch
from funcgrad.torch.tensor import Tensor

STUB = Path(torch.__file__).parent / "tensor_signatures.pyi"
SOURCE = Path(torch.__file__).parent / "tensor.py"
# Attached at run time but not part of the typed surface: the error for a missing
# name, pickling and copying hooks, the in-place helper, and the slots.
UNTYPED = {"__getattr__", "__reduce__", "__deepcopy__", "_inplace",
           "_node", "_vc", "_view", "_grad", "__weakref__"}


def _class_body_names(path: Path, cls: str) -> dict[str, ast.AST]:
    tree = ast.parse(path.read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls]
    names: dict[str, ast.AST] = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            names[item.name] = item
        elif isinstance(item, ast.Assign):
            names.update({t.id: item for t in item.targets if isinstance(t, ast.Name)})
    return names


DECLARED = _class_body_names(STUB, "TensorBase")
IN_CLASS_BODY = _class_body_names(SOURCE, "Tensor")
ATTACHED = set(vars(Tensor)) - set(IN_CLASS_BODY) - UNTYPED - {"__module__", "__doc__"}


def test_every_attached_method_is_declared_and_nothing_else():
    missing = sorted(ATTACHED - set(DECLARED))
    assert not missing, (
        f"{missing}: attached to Tensor at import but not declared for type checkers. Add a "
        f"line to class TensorBase in {STUB.name} with the method's parameters and result "
        f"(e.g. `def exp(self) -> Tensor: ...`), or define the method in the class body."
    )
    stale = sorted(set(DECLARED) - ATTACHED)
    assert not stale, f"{stale}: declared in {STUB.name} but not attached to Tensor: remove them"


def _runtime_parameters(name: str) -> list[inspect.Parameter] | None:
    value = vars(Tensor)[name]
    if isinstance(value, property):
        return None
    params = list(inspect.signature(value).parameters.values())[1:]  # without self
    if any(p.kind is p.VAR_POSITIONAL and p.name == "args" for p in params) and any(
        p.kind is p.VAR_KEYWORD for p in params
    ):
        return None  # an in-place wrapper: (*args, **kwargs) forwards to the function
    return params


@pytest.mark.parametrize("name", sorted(n for n in DECLARED if isinstance(DECLARED[n],
                                                                       ast.FunctionDef)))
def test_declared_parameters_are_the_runtime_ones(name):
    runtime = _runtime_parameters(name)
    if runtime is None:
        pytest.skip("a property or a forwarding in-place wrapper")
    fn = DECLARED[name]
    declared_positional = [a.arg for a in fn.args.args[1:]]
    declared_keyword = {a.arg for a in fn.args.kwonlyargs}
    positional = [p.name for p in runtime if p.kind is p.POSITIONAL_OR_KEYWORD]
    keyword = {p.name for p in runtime if p.kind is p.KEYWORD_ONLY}
    where = f"Tensor.{name} and its declaration in {STUB.name} differ"
    if name.startswith("__"):
        # Operators take one operand; their keyword options are for the named method.
        assert declared_positional == positional[: len(declared_positional)], where
        return
    assert declared_positional == positional, where
    numpy_names = {"axis", "keepdims"} if getattr(vars(Tensor)[name], "__numpy_names__",
                                                  False) else set()
    assert keyword <= declared_keyword <= keyword | numpy_names | set(positional), where
    assert (fn.args.vararg is not None) == any(
        p.kind is p.VAR_POSITIONAL for p in runtime
    ), where
