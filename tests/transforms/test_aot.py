"""jit's ahead-of-time stages (trace, lower, compile), typeof and effects_barrier, as JAX's."""

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp


def f(params, x, n):
    return {"y": fnp.sum(fnp.tanh(x @ params["w"]) ** n), "x": x}


jf = fg.jit(f, static_argnums=2)
PARAMS = {"w": np.ones((3, 2))}
X = np.linspace(0, 1, 12).reshape(4, 3)


def test_trace_gives_the_ir_and_the_output_types():
    traced = jf.trace(PARAMS, X, 2)
    assert traced.jaxpr.jaxpr is traced.jaxpr
    assert [e.prim.name for e in traced.jaxpr.eqns] == ["matmul", "tanh", "integer_pow",
                                                       "reduce_sum"]
    assert traced.out_info == {"y": fg.ShapeDtypeStruct((), np.float64),
                               "x": fg.ShapeDtypeStruct((4, 3), np.float64)}
    assert jf.eval_shape(PARAMS, X, 3) == traced.out_info


def test_lowered_text_is_the_generated_source_and_compiled_runs_it():
    lowered = jf.lower(PARAMS, X, 2)
    # The code make_source shows, returning the flat outputs jit unflattens.
    shown = fg.make_source(f, static_argnums=2)(PARAMS, X, 2)
    assert lowered.as_text().split("return")[0] == shown.split("return")[0]
    assert "return (x, t2)" in lowered.as_text()
    compiled = lowered.compile()
    got = compiled(PARAMS, 2 * X)  # as JAX's: the static argument was fixed when lowering
    want = f(PARAMS, 2 * X, 2)
    np.testing.assert_allclose(got["y"], want["y"])
    np.testing.assert_array_equal(got["x"], want["x"])


@pytest.mark.parametrize("args", [(PARAMS, X[:2], 2), (PARAMS, X, 3),
                                  (PARAMS, X.astype(np.float32), 2)])
def test_compiled_refuses_another_signature(args):
    compiled = jf.lower(PARAMS, X, 2).compile()
    with pytest.raises(TypeError, match="compiled for input types"):
        compiled(*args)


def test_grad_of_jit_trace_shows_the_gradient():
    g = fg.jit(fg.grad(lambda x: fnp.sum(fnp.sin(x))))
    names = [e.prim.name for e in g.trace(np.zeros(3)).jaxpr.eqns]
    assert names == ["cos"] or "cos" in names and "sin" not in names


def test_typeof():
    assert str(fg.typeof(np.ones((2, 3), np.float32))) == "float32[2,3]"
    assert str(fg.typeof(1.0)) == "float64[]"
    seen = []
    fg.jit(lambda x: seen.append(str(fg.typeof(x))) or x)(np.zeros(4, np.int32))
    fg.grad(lambda x: seen.append(str(fg.typeof(x))) or x)(2.0)
    assert seen == ["int32[4]", "float64[]"]


def test_effects_barrier_returns_after_the_effects_ran(capsys):
    fg.jit(lambda x: fg.debug.print("x = {}", x) or x)(np.float64(3.0))
    fg.effects_barrier()
    assert capsys.readouterr().out == "x = 3.0\n"


def test_shape_dtype_structs_trace_and_python_numbers_call():
    """JAX's AOT walk-through: trace on ShapeDtypeStructs, call the compiled function with
    Python numbers (weakly typed), static arguments left out of the call."""
    i32 = fg.ShapeDtypeStruct((), np.dtype("int32"))
    g = fg.jit(lambda x, y: 2 * x + y)
    assert g.eval_shape(i32, i32) == i32
    got = g.trace(i32, i32).lower().compile()(3, 4)
    assert got == 10 and got.dtype == np.int32  # JAX: Array(10, dtype=int32)
    with pytest.raises(TypeError, match="compiled for input types"):
        g.trace(i32, i32).lower().compile()(3.5, 4)
    fixed = fg.jit(lambda x, y: 2 * x + y, static_argnums=0).trace(7, 8).lower().compile()
    assert fixed(5) == 19  # JAX: 19
    with pytest.raises(TypeError, match="compiled for input types"):
        fixed(7, 5)
    h = fg.jit(lambda x, n=1: x * n, static_argnames="n").trace(np.ones(2), n=3)
    np.testing.assert_array_equal(h.lower().compile()(np.ones(2)), [3.0, 3.0])
