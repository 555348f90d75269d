"""Rerolling (transforms/reroll.py): unrolled loops in a long IR run as loops again, with
the values, gradients, dtypes and shapes of the unrolled program."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core.ir import eval_ir
from funcgrad.transforms import codegen
from funcgrad.transforms import reroll as reroll_module
from funcgrad.transforms.optimize import eliminate_dead_code, optimize
from funcgrad.transforms.reroll import reroll, rerolled_p


@pytest.fixture(autouse=True)
def short_programs(monkeypatch):
    monkeypatch.setattr(reroll_module, "MIN_EQUATIONS", 10)


rng = np.random.default_rng(7)
W = rng.standard_normal((3, 3)) / 2


def chain(v):
    for _ in range(40):
        v = fnp.sin(v) * 1.0001 + 0.1 * v
    return fnp.sum(v)


def two_carries(v, w):
    for _ in range(80):
        v, w = w, fnp.tanh(v * w) + 0.5 * v
    return fnp.sum(v * w)


def rnn(W, h):
    states = []
    for _ in range(25):
        h = fnp.tanh(h @ W) + h * 0.25
        states.append(h)
    return fnp.sum(fnp.stack(states) ** 2)


def collected(v):
    out = []
    for _ in range(20):
        v = fnp.cos(v) * 0.5
        out.append(v)
    return out[3], out[-1], out[10] * out[11]


def fibonacci(a, b):  # each step reads two steps back: a loop over pairs of steps
    for _ in range(30):
        a, b = b, (a + b) * 0.5
    return b


def lagged(v):  # each step reads 40 steps back: further than any loop body looked for
    vs = [v * 0.5 for _ in range(40)]
    for _ in range(60):
        vs.append(fnp.sin(vs[-1]) + vs[-40] * 0.1)
    return vs[-1]


CASES = {
    "chain": (chain, (np.linspace(-1, 1, 5),)),
    "grad_chain": (fg.grad(chain), (np.linspace(-1, 1, 5),)),
    "grad_chain_float32": (fg.grad(chain), (np.linspace(-1, 1, 4).astype(np.float32),)),
    "grad_chain_matrix": (fg.grad(chain), (rng.standard_normal((2, 3)),)),
    "two_carries": (fg.grad(two_carries, argnums=(0, 1)), (np.linspace(0.1, 1, 4),
                                                           np.linspace(-1, 0.5, 4))),
    "rnn": (fg.value_and_grad(rnn, argnums=(0, 1)), (W, rng.standard_normal((2, 3)))),
    "collected": (collected, (np.linspace(-2, 2, 3),)),
    "fibonacci": (fibonacci, (np.ones(2), np.arange(2.0))),
    "lagged": (lagged, (np.linspace(-1, 1, 3),)),
    "grad_lagged": (fg.grad(lambda v: fnp.sum(lagged(v))), (np.linspace(-1, 1, 3),)),
}


def flat(tree):
    return [np.asarray(x) for x in fg.tree.leaves(tree)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rerolled_jit_matches_eager(name):
    fun, args = CASES[name]
    want, got = flat(fun(*args)), flat(fg.jit(fun)(*args))
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-5 if w.dtype == np.float32 else 1e-13)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rerolled_ir_evaluates_to_the_unrolled_values(name):
    fun, args = CASES[name]
    ir = eliminate_dead_code(fg.make_ir(fun)(*args))
    rolled = reroll(ir)
    leaves = flat(args)
    for g, w in zip(eval_ir(rolled, *leaves), eval_ir(ir, *leaves)):
        np.testing.assert_array_equal(g, w)
    loops = [e for e in rolled.eqns if e.prim is rerolled_p]
    if not name.endswith("lagged"):  # (whose loops read values from before them)
        # (an RNN's backward pass slices a different step out of the stacked cotangent
        # in each step, its parameters differ: only its forward pass is a loop)
        assert loops and len(rolled.eqns) < len(ir.eqns) / (1.5 if name == "rnn" else 4)
        for e in loops:
            assert e.params["count"] >= reroll_module.MIN_REPEATS


def test_a_step_reading_two_steps_back_is_no_loop_of_one_step(monkeypatch):
    # One equation a step, reading the last two values: a loop over pairs of steps
    # (the state is two values), one equation longer than allowed here: nothing is
    # rerolled, and the values stay right.
    monkeypatch.setattr(reroll_module, "MAX_PERIOD", 1)

    def pairs(a, b):
        for _ in range(40):
            a, b = b, fnp.arctan2(a, b)
        return b

    args = (np.ones(2), np.arange(1.0, 3.0))
    rolled = reroll(eliminate_dead_code(fg.make_ir(pairs)(*args)))
    assert not any(e.prim is rerolled_p for e in rolled.eqns)
    np.testing.assert_array_equal(fg.jit(pairs)(*args), pairs(*args))
    monkeypatch.setattr(reroll_module, "MAX_PERIOD", 2)
    rolled = reroll(eliminate_dead_code(fg.make_ir(pairs)(*args)))
    assert [e.params["count"] for e in rolled.eqns if e.prim is rerolled_p] == [19]
    np.testing.assert_array_equal(fg.jit(pairs)(*args), pairs(*args))


def test_the_generated_code_is_a_loop():
    fun, args = CASES["grad_chain"]
    source = fg.make_source(fun)(*args)
    assert source.count("for ") == 2  # forward and backward
    assert "L1 = []" in source and "L1.append(" in source
    assert "L1[" in source  # the backward pass reads the forward's values back
    assert source.count("np.sin(") <= 2  # (the loop may start mid-step)


def test_short_programs_stay_straight_line(monkeypatch):
    monkeypatch.setattr(reroll_module, "MIN_EQUATIONS", 10_000)
    fun, args = CASES["grad_chain"]
    assert "for " not in fg.make_source(fun)(*args)


def test_values_from_the_same_list_in_pieces_are_read_as_slices():
    # The forward values, read back in reverse by the backward pass, with the first
    # steps of each pass left out of the loops: a slice of the list, and single items.
    fun, args = CASES["grad_chain"]
    source = fg.make_source(fun)(*args)
    assert "::-1]" in source or "reversed(L1)" in source


@pytest.mark.filterwarnings("ignore:divide by zero")
def test_signed_zeros_keep_steps_apart():
    # 0.0 == -0.0, but 1 / (v * 0.0) and 1 / (v * -0.0) are +inf and -inf: steps
    # alternating between them are a loop of two steps, not of one.
    def signs(v):
        for k in range(40):
            v = v + fnp.arctan(1.0 / (v * (0.0 if k % 2 else -0.0)))
        return v

    x = np.linspace(1, 2, 3)
    want = signs(x)
    np.testing.assert_array_equal(fg.jit(signs)(x), want)
    ir = eliminate_dead_code(fg.make_ir(signs)(x))
    rolled = reroll(ir)
    assert [e.params["body"].eqns.__len__() for e in rolled.eqns if e.prim is rerolled_p] == [8]
    np.testing.assert_array_equal(eval_ir(rolled, x)[0], want)


@pytest.mark.parametrize("size", [1, 3, 8])
@pytest.mark.parametrize("name", ["grad_chain", "two_carries", "collected", "rnn"])
def test_rerolled_code_in_parts_gives_the_same_values(name, size):
    fun, args = CASES[name]
    ir = optimize(reroll(eliminate_dead_code(fg.make_ir(fun)(*args))))
    generated = codegen.generate(ir, "f", None, chunk=size)
    assert "_part2(R)" in generated.function or size > 3
    got = generated.compile()(*flat(args))
    for g, w in zip(got, flat(fun(*args))):
        np.testing.assert_allclose(g, w, rtol=1e-13)


def test_dead_code_elimination_of_variables_made_far_apart():
    # Liveness is indexed by the variables' creation numbers; an IR whose variables were
    # made millions apart is pruned by id instead, with the same result.
    from funcgrad.core.ir import Var
    fun, args = CASES["grad_chain"]
    ir = fg.make_ir(fun)(*args)
    before = eliminate_dead_code(ir)
    leaves = flat(args)
    want = eval_ir(before, *leaves)[0]
    far = Var.__new__(Var)
    far.aval, far.count = ir.invars[0].aval, ir.invars[0].count + 10**9
    ir.invars[0], old = far, ir.invars[0]
    for e in ir.eqns:
        e.inputs = [far if a is old else a for a in e.inputs]
    after = eliminate_dead_code(ir)
    assert len(after.eqns) == len(before.eqns)
    np.testing.assert_array_equal(eval_ir(after, *leaves)[0], want)
    np.testing.assert_array_equal(eval_ir(reroll(after), *leaves)[0], want)
