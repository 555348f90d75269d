"""PyTorch's type-promotion table, recorded from real PyTorch, against funcgrad.torch.

Every row of :data:`promotion_table.TABLE` is a pair of operands and the dtype
PyTorch gives (or the error it raises) for each operation of ``OPS``. The pairs
cover every dtype PyTorch's CPU arithmetic supports, tensors with dimensions and
zero-dimensional ones, and Python numbers. funcgrad.torch must agree with every
entry, except where PyTorch's answer is a dtype NumPy cannot hold (bfloat16,
complex32): there it raises :class:`~funcgrad.torch._dtypes.UnrepresentableDtype`
(a TypeError that names the dtype and what to use instead), as listed in
:func:`_funcgrad_expects`.
"""

from __future__ import annotations

import os
import sys

import pytest

import funcgrad.torch as torch
from funcgrad.torch._dtypes import UnrepresentableDtype

sys.path.insert(0, os.path.dirname(__file__))
from promotion_table import OPS, TABLE  # noqa: E402

NUMBERS = {"b": True, "i": 3, "f": 2.5, "c": 1 + 2j}
UNREPRESENTABLE = {"bfloat16", "complex32"}

ROWS = [line.split() for line in TABLE.strip().splitlines()]


def _operand(spec: str):
    if spec in NUMBERS:
        return NUMBERS[spec]
    name, dims = spec.split(":")
    return torch.ones((2,) if dims == "n" else (), dtype=getattr(torch, name))


_OPERATIONS = {
    "result_type": lambda a, b: torch.result_type(a, b),
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "where": lambda a, b: torch.where(torch.tensor(True), a, b),
    "eq": lambda a, b: a == b,
    "lt": lambda a, b: a < b,
}


def _outcome(fn, a, b) -> str:
    try:
        out = fn(a, b)
    except UnrepresentableDtype:
        return "unrepresentable"
    except NotImplementedError:
        return "!NotImpl"
    return str(getattr(out, "dtype", out)).replace("torch.", "")


def _funcgrad_expects(torch_answer: str, op: str, row: list) -> str:
    """What funcgrad.torch gives where PyTorch gives ``torch_answer`` for ``op`` on ``row``.

    A dtype NumPy cannot hold raises UnrepresentableDtype. So does dividing in
    complex32, which PyTorch has no kernel for (NotImplementedError). Ordering
    comparisons of complex numbers raise NotImplementedError as PyTorch's.
    """
    if torch_answer in UNREPRESENTABLE:
        return "unrepresentable"
    if op == "div" and row[2] == "complex32":
        return "unrepresentable"
    return torch_answer


def test_the_table_covers_every_supported_dtype_and_number():
    dtypes = {s.split(":")[0] for row in ROWS for s in row[:2] if ":" in s}
    assert dtypes == {
        "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
        "float32", "float64", "complex64", "complex128",
    }
    assert {s for row in ROWS for s in row[:2] if ":" not in s} == set(NUMBERS)
    assert all(len(row) == 2 + len(OPS) for row in ROWS)
    assert len(ROWS) == 24 * 24 + 2 * 24 * 4


@pytest.mark.parametrize("row", [r for r in ROWS if not {*r[0:2]} & {"bfloat16:n", "bfloat16:0"}],
                         ids=lambda r: f"{r[0]}-{r[1]}")
def test_promotion_agrees_with_pytorch(row):
    a, b = _operand(row[0]), _operand(row[1])
    got = [_outcome(_OPERATIONS[op], a, b) for op in OPS]
    want = [_funcgrad_expects(w, op, row) for w, op in zip(row[2:], OPS)]
    assert got == want, f"{row[0]} with {row[1]}: {dict(zip(OPS, got))} != {dict(zip(OPS, want))}"


def test_bfloat16_operands_raise_a_clear_error():
    # PyTorch's rows with a bfloat16 tensor: funcgrad cannot make the operand at all.
    assert sum(1 for r in ROWS if "bfloat16:n" in r[:2] or "bfloat16:0" in r[:2]) > 0
    for make in (lambda: torch.ones(2, dtype=torch.bfloat16),
                 lambda: torch.tensor(1.0, dtype=torch.bfloat16),
                 lambda: torch.ones(2).to(torch.bfloat16)):
        with pytest.raises(TypeError, match="cannot hold bfloat16 values.*float32"):
            make()


def test_promote_types_and_can_cast():
    assert torch.promote_types(torch.int64, torch.float16) == torch.float16
    assert torch.promote_types(torch.complex64, torch.float64) == torch.complex128
    assert torch.promote_types(torch.uint8, torch.int8) == torch.int16
    assert torch.promote_types(torch.bool, torch.uint8) == torch.uint8
    assert torch.can_cast(torch.int32, torch.float16)
    assert not torch.can_cast(torch.complex64, torch.float64)
    assert not torch.can_cast(torch.int8, torch.bool)
    assert torch.can_cast(torch.bool, torch.bool)
