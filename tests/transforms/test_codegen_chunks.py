"""jit's code generation in parts (codegen.split_into_chunks): long programs become many
short functions passing values through a dict; every chunk size gives the same results."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.lax as lax
import funcgrad.numpy as fnp
from funcgrad.transforms import codegen
from funcgrad.transforms import jit as jit_module
from funcgrad.transforms.optimize import optimize


def chain(v, w):
    for _ in range(6):
        v = fnp.sin(v) * w + 0.1 * v
    return fnp.sum(v * v), v, w


def mixed(x, y):
    a = fnp.tanh(x @ y)
    b, c = fnp.split(a, 2, axis=0)
    s = lax.fori_loop(0, 3, lambda i, s: s * 1.5 + b, c)
    return s.T, x, fnp.cumsum(a, axis=1)[::-1]


CASES = [
    (fg.grad(lambda v, w: chain(v, w)[0], argnums=(0, 1)), (np.linspace(-1, 1, 5), 1.3)),
    (chain, (np.linspace(-1, 1, 5), 1.3)),
    (fg.value_and_grad(lambda x, y: fnp.sum(mixed(x, y)[0])), (np.ones((4, 3)) * 0.3,
                                                               np.eye(3) * 0.5)),
    (mixed, (np.arange(12.0).reshape(4, 3) / 10, np.eye(3))),
]


def run_chunked(fun, args, size):
    ir = optimize(fg.make_ir(fun)(*args))
    generated = codegen.generate(ir, "f", None, chunk=size)
    return ir, generated, generated.compile()


@pytest.mark.parametrize("k", range(len(CASES)))
@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_every_chunk_size_gives_the_unchunked_results(k, size):
    fun, args = CASES[k]
    ir, generated, compiled = run_chunked(fun, args, size)
    whole = codegen.generate(ir, "f").compile()
    flat = [np.asarray(a) for a in fg.tree.leaves(args)]
    got, want = compiled(*flat), whole(*flat)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-13)
    if size < len(ir.eqns):
        assert "_part2(R)" in generated.function
    for g, w in zip(got, fg.tree.leaves(fun(*args))):
        np.testing.assert_allclose(g, w, rtol=1e-12)


def test_values_are_dropped_from_the_dict_at_their_last_use():
    _, generated, _ = run_chunked(CASES[0][0], CASES[0][1], 2)
    assert "R.pop(" in generated.function


def test_long_programs_are_generated_in_parts(monkeypatch):
    monkeypatch.setattr(jit_module, "MAX_GENERATED_EQUATIONS", 10)
    monkeypatch.setattr(jit_module, "CHUNK_STATEMENTS", 4)
    fun, args = CASES[0]
    got = fg.jit(fun)(*args)
    want = fun(*args)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12)
