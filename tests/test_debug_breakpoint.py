"""``funcgrad.debug.breakpoint``: a (jdb) prompt with the run-time values of the caller."""

from __future__ import annotations

import io
import sys

import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def _session(monkeypatch, typed: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    return out


def f(x):
    y = fnp.sin(x) * 2.0
    fg.debug.breakpoint()
    return y * x


def test_prompt_prints_values_under_jit(monkeypatch):
    out = _session(monkeypatch, "p y\npp {'x': x}\nz = y + 1\np z\nw\nl\nc\n")
    assert float(fg.jit(f)(fnp.asarray(0.5))) == pytest.approx(float(fnp.sin(0.5)))
    text = out.getvalue()
    assert "array(0.95885108)" in text and "{'x': array(0.5)}" in text
    assert "1.958851077" in text                  # a statement ran in the frame's names
    assert "test_debug_breakpoint.py" in text and "->     fg.debug.breakpoint()" in text


def test_once_per_example_under_vmap_and_primal_values_under_grad(monkeypatch):
    out = _session(monkeypatch, "p x\nc\np x\nc\np x\n")   # end of input continues too
    fg.vmap(f)(fnp.asarray([1.0, 2.0]))
    fg.grad(f)(3.0)
    assert out.getvalue().count("(jdb)") == 6
    assert "array(1.)" in out.getvalue() and "array(2.)" in out.getvalue()
    assert "array(3.)" in out.getvalue()


def test_errors_are_reported_and_quit_stops(monkeypatch):
    out = _session(monkeypatch, "p nothing_here\nq\n")
    with pytest.raises(SystemExit, match="quit"):
        f(fnp.asarray(1.0))
    assert "*** NameError" in out.getvalue()
