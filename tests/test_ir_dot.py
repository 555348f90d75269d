"""IR.to_dot and IR.to_svg: the picture says what the printout says."""

from __future__ import annotations

import re

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core import ir_dot


def _ir():
    W = np.ones((3, 2))
    return fg.make_ir(lambda x: (fnp.sum(fnp.tanh(x @ W) - 1.0), x[1:]))(np.ones(3))


def test_one_node_per_equation_and_typed_edges():
    ir = _ir()
    dot = ir.to_dot()
    assert dot.startswith('digraph "ir" {') and dot.rstrip().endswith("}")
    assert len(re.findall(r"^  eqn\d+ \[", dot, re.M)) == len(ir.eqns)
    assert len(re.findall(r"^  in\d+ \[", dot, re.M)) == 1
    assert len(re.findall(r"^  const\d+ \[", dot, re.M)) == 1
    assert len(re.findall(r"^  out\d+ \[", dot, re.M)) == 2
    # Variables are named as str(ir) names them, with their types.
    for binder in re.findall(r"(\w+:\w+\[[\d,]*\])", str(ir)):
        assert f'label="{binder}"' in dot, binder
    assert 'label="reduce_sum\\naxis=(0,)\\nkeepdims=False"' in dot
    assert 'label="1.0"' in dot  # the literal of `- 1.0`


def test_unused_results_and_outputs_that_are_inputs():
    ir = fg.make_ir(lambda x, y: (x, fnp.sin(y) * 0.0 + 1.0))(1.0, 2.0)
    dot = ir.to_dot()
    assert "in0 -> out0" in dot
    dead = fg.make_ir(fg.grad(lambda x: fnp.sin(x) * x))(2.0).to_dot()
    assert "(result unused)" in dead


def test_quotes_are_escaped():
    ir = fg.make_ir(lambda x: fnp.astype(x, np.float32))(np.ones(2))
    dot = ir.to_dot(name='say "hi"')
    assert dot.startswith('digraph "say \\"hi\\"" {')


@pytest.mark.skipif(ir_dot.find_dot_program() is None, reason="no dot program")
def test_svg():
    svg = _ir().to_svg()
    assert "<svg" in svg and "reduce_sum" in svg and "</svg>" in svg


def test_missing_program_names_the_extra(monkeypatch):
    monkeypatch.setattr(ir_dot, "find_dot_program", lambda: None)
    with pytest.raises(RuntimeError, match=r"funcgrad\[graph\]"):
        _ir().to_svg()
