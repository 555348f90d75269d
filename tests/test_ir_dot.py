"""IR.to_dot and IR.to_svg: the picture says what the printout says."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.torch as torch
from funcgrad.core import graphviz, ir_dot


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
    monkeypatch.setattr(graphviz, "find_dot_program", lambda: None)
    with pytest.raises(RuntimeError, match=r"funcgrad\[graph\]"):
        _ir().to_svg()


# ---------------------------------------------------------------------------
# Jupyter: _repr_svg_ and _repr_html_ (IR), torch.autograd.graph.draw
# ---------------------------------------------------------------------------


@pytest.fixture
def fresh(monkeypatch):
    """No picture remembered from another test; the layouts this test makes, counted."""
    monkeypatch.setattr(graphviz, "_last_svg", ("", None))
    calls = []
    layout = graphviz.layout

    def counted(program, dot):
        calls.append(dot)
        return layout(program, dot)

    monkeypatch.setattr(graphviz, "layout", counted)
    return calls


@pytest.mark.skipif(graphviz.find_dot_program() is None, reason="no dot program")
def test_notebook_shows_the_picture_with_the_text_below(fresh):
    ir = _ir()
    svg = ir._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "reduce_sum" in svg
    page = ir._repr_html_()
    assert page.startswith("<div><svg") and "<details><summary>IR as text</summary>" in page
    assert html.escape(str(ir)) in page
    assert len(fresh) == 1  # Jupyter asks for both formats: one layout serves them


def test_without_dot_the_notebook_shows_text(monkeypatch, fresh):
    monkeypatch.setattr(graphviz, "find_dot_program", lambda: None)
    ir = fg.make_ir(lambda x: fnp.where(x < 1.0, x, 2.0 * x))(np.ones(2))
    assert ir._repr_svg_() is None  # Jupyter falls back to the next format
    assert ir._repr_html_() == f'<pre style="margin:0">{html.escape(str(ir))}</pre>'
    assert fresh == []


def test_large_graphs_and_failed_layouts_show_text(monkeypatch, fresh):
    monkeypatch.setattr(graphviz, "find_dot_program", lambda: "dot")
    monkeypatch.setattr(graphviz, "MAX_DRAWN_NODES", 3)
    ir = _ir()
    assert ir._repr_svg_() is None and fresh == []
    assert ir._repr_html_().startswith("<pre")

    def broken(program, dot):
        raise RuntimeError("dot crashed")

    monkeypatch.setattr(graphviz, "MAX_DRAWN_NODES", 400)
    monkeypatch.setattr(graphviz, "layout", broken)
    monkeypatch.setattr(graphviz, "_last_svg", ("", None))
    assert ir._repr_svg_() is None


def test_torch_graph_drawing(monkeypatch, fresh):
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    loss = (w * w).sum()
    picture = torch.autograd.graph.draw(loss, params={"w": w})
    assert isinstance(picture, graphviz.Drawing)
    assert picture.source == torch.autograd.graph.to_dot(loss, params={"w": w})
    assert repr(picture) == picture.source
    if graphviz.find_dot_program() is not None:
        assert "MulBackward0" in picture._repr_svg_() and "<svg" in picture._repr_html_()
        assert "<svg" in picture.to_svg()
    monkeypatch.setattr(graphviz, "find_dot_program", lambda: None)
    monkeypatch.setattr(graphviz, "_last_svg", ("", None))
    assert picture._repr_svg_() is None
    assert picture._repr_html_() == f'<pre style="margin:0">{html.escape(picture.source)}</pre>'
    with pytest.raises(RuntimeError, match=r"funcgrad\[graph\]"):
        picture.to_svg()
