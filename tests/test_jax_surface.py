"""JAX's everyday surface beyond the transforms: jit's options, disable_jit, fg.Array,
debug.print, debug_nans, test_util.check_grads, fwd_and_bwd, and misuse errors.

Printed formats and error meanings were checked against jax 0.10.2.
"""

from __future__ import annotations

import threading
from functools import partial

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.core.nans import NaNError

# ---------------------------------------------------------------------------
# jit options
# ---------------------------------------------------------------------------


def test_static_argnames_by_keyword_and_position():
    calls = []

    @partial(fg.jit, static_argnames=["n"])
    def f(x, n):
        calls.append(n)
        return x * n

    assert f(1.0, n=2) == 2.0 and f(1.0, 3) == 3.0 and f(2.0, n=2) == 4.0
    assert calls == [2, 3]  # n=2 traced once: by keyword or by position, n is static
    with pytest.raises(ValueError, match="Non-hashable static arguments.*'n'"):
        f(1.0, n=[1])


def test_static_argnums_also_static_by_keyword_and_default():
    g = fg.jit(lambda x, n=2: x ** n, static_argnums=1)
    assert g(3.0) == 9.0 and g(3.0, n=3) == 27.0 and g(3.0, 1) == 3.0
    with pytest.raises(ValueError, match="static_argnums"):
        fg.jit(lambda x: x, static_argnums=3)(1.0)


def test_donate_argnums_is_accepted_and_leaves_arguments_valid():
    x = np.ones(3)
    out = fg.jit(lambda a: a + 1.0, donate_argnums=0)(x)
    np.testing.assert_array_equal(out, [2.0, 2.0, 2.0])
    np.testing.assert_array_equal(x, [1.0, 1.0, 1.0])
    with pytest.raises(TypeError, match="static_argnums must be ints"):
        fg.jit(lambda a: a, donate_argnums="a")


def test_disable_jit_runs_eagerly_and_is_thread_local():
    seen = []

    @fg.jit
    def f(x):
        seen.append(type(x).__name__)
        return x * 2

    f(np.ones(2))
    with fg.disable_jit():
        assert f(np.ones(2))[0] == 2.0
        other = threading.Thread(target=lambda: f(np.ones(3)))
        other.start()
        other.join()
    assert seen == ["StagingTracer", "ndarray", "StagingTracer"]
    fg.config.update("jax_disable_jit", True)
    try:
        f(np.ones(2))
    finally:
        fg.config.update("jax_disable_jit", False)
    assert seen[-1] == "ndarray"


def test_config_names():
    fg.config.update("jax_enable_x64", True)  # JAX programs set it; funcgrad follows NumPy
    with pytest.raises(AttributeError, match="Unrecognized config option: jax_no_such"):
        fg.config.update("jax_no_such", 1)


# ---------------------------------------------------------------------------
# fg.Array
# ---------------------------------------------------------------------------


def test_array_type_covers_arrays_and_traced_values():
    kinds = []

    def f(x: fg.Array) -> fg.Array:
        kinds.append(isinstance(x, fg.Array))
        return fnp.sum(x * 2)

    x = np.ones(2)
    f(x)
    fg.grad(f)(x)
    fg.jit(f)(x)
    fg.vmap(f)(np.ones((2, 2)))
    fg.jvp(f, (x,), (x,))
    assert kinds == [True] * 5
    assert isinstance(fnp.sum(x), fg.Array) and isinstance(np.float32(1), fg.Array)
    assert not isinstance(1.0, fg.Array) and not isinstance([1.0], fg.Array)


# ---------------------------------------------------------------------------
# debug.print
# ---------------------------------------------------------------------------


def _show(x):
    fg.debug.print("x={}", x)
    return x * 2


def test_debug_print_runs_at_run_time(capsys):
    jf = fg.jit(_show)
    jf(fnp.arange(2.0))
    jf(fnp.arange(2.0) + 1)  # cached: prints again, with the new values
    fg.vmap(_show)(fnp.arange(3.0))
    fg.grad(lambda x: fnp.sum(_show(x)))(fnp.ones(2))
    fg.jit(fg.grad(lambda x: fnp.sum(_show(x))))(fnp.zeros(1))
    fg.debug.print("{a} and {b:.2f}", a=np.ones(2), b=np.float64(3.14159))
    assert capsys.readouterr().out.splitlines() == [
        "x=[0. 1.]", "x=[1. 2.]", "x=0.0", "x=1.0", "x=2.0", "x=[1. 1.]", "x=[0.]",
        "[1. 1.] and 3.14",
    ]


def test_debug_print_is_kept_by_jit_and_shown_by_make_ir():
    text = str(fg.make_ir(_show)(np.ones(2)))
    assert "debug_callback" in text


# ---------------------------------------------------------------------------
# debug_nans
# ---------------------------------------------------------------------------


def _sqrt_sum(x):
    y = fnp.sqrt(x)  # the line the error names
    return fnp.sum(y * 0.0)


def test_debug_nans_forward_names_primitive_and_line():
    with fg.debug_nans(True), np.errstate(invalid="ignore"):
        with pytest.raises(FloatingPointError, match="encountered in sqrt") as info:
            fg.grad(_sqrt_sum)(np.array([-1.0, 1.0]))
    assert info.value.primitive == "sqrt"
    assert "test_jax_surface.py" in info.value.where and "y = fnp.sqrt(x)" in info.value.where


def test_debug_nans_backward_pass():
    # sqrt(0) is fine forward; its derivative 0.5 / 0 = inf meets the zero cotangent: 0 * inf.
    with fg.debug_nans(), np.errstate(all="ignore"):
        with pytest.raises(NaNError, match="in the backward pass of sqrt") as info:
            fg.grad(_sqrt_sum)(np.array([0.0, 1.0]))
    assert "y = fnp.sqrt(x)" in info.value.where
    with np.errstate(all="ignore"):
        assert np.isnan(fg.grad(_sqrt_sum)(np.array([0.0, 1.0]))[0])  # off: no check


def test_debug_nans_under_jit_vmap_and_config():
    fg.config.update("debug_nans", True)
    try:
        with np.errstate(invalid="ignore"):
            with pytest.raises(FloatingPointError, match="log"):
                fg.jit(lambda x: fnp.log(x) * 2)(np.array([-1.0]))
            with pytest.raises(FloatingPointError, match="log"):
                fg.vmap(fnp.log)(np.array([-1.0, 1.0]))
            # a NaN already in the inputs is not the operation's fault
            out = fg.jit(lambda x: x * 2)(np.array([np.nan]))
        assert np.isnan(out[0])
    finally:
        fg.config.update("debug_nans", False)


# ---------------------------------------------------------------------------
# check_grads
# ---------------------------------------------------------------------------


def test_check_grads_passes_on_correct_rules():
    f = lambda x, y: fnp.sum(fnp.tanh(x) * fnp.sin(y) ** 2)  # noqa: E731
    fg.test_util.check_grads(f, (np.linspace(-1, 1, 3), np.arange(3.0)), order=2)
    fg.test_util.check_grads(fnp.exp, (np.float32(0.3),), order=1, modes=("rev",))
    fg.test_util.check_grads(lambda p: fnp.sum(p["a"] ** 3), ({"a": np.ones(2)},), order=3,
                             modes=["fwd"], atol=1e-4, rtol=1e-4, eps=1e-3)


def test_check_grads_reports_which_derivative_is_wrong():
    f = fg.custom_vjp(fnp.sin)
    f.defvjp(lambda x: (fnp.sin(x), x), lambda x, g: (g * fnp.cos(x) * 1.1,))
    with pytest.raises(AssertionError, match=r"check_grads: VJP: <J\^T v, u>"):
        fg.test_util.check_grads(f, (0.7,), order=1, modes=["rev"])
    with pytest.raises(ValueError, match="modes"):
        fg.test_util.check_grads(fnp.sin, (0.7,), order=1, modes=["backward"])


# ---------------------------------------------------------------------------
# fwd_and_bwd
# ---------------------------------------------------------------------------


def test_fwd_and_bwd():
    f = lambda x, w: fnp.sin(x) * w  # noqa: E731
    fwd, bwd = fg.fwd_and_bwd(f, argnums=(0, 1))
    y, res = fwd(1.0, 2.0)
    np.testing.assert_allclose(y, np.sin(1.0) * 2.0)
    gx, gw = bwd(res, 1.0)
    np.testing.assert_allclose([gx, gw], [2 * np.cos(1.0), np.sin(1.0)])
    fwd, bwd = fg.fwd_and_bwd(lambda x: (x ** 2, "aux"), argnums=0, has_aux=True)
    y, res, aux = fwd(3.0)
    assert aux == "aux" and bwd(res, 1.0) == 6.0


# ---------------------------------------------------------------------------
# Misuse
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("transform", [
    fg.grad, fg.value_and_grad, fg.jit, fg.vmap, fg.jacfwd, fg.jacrev, fg.hessian,
    fg.elementwise_grad,
])
def test_non_callable_raises_at_once(transform):
    with pytest.raises(TypeError, match="expected a callable value.*got 3.0 of type float"):
        transform(3.0)


def test_non_callable_in_jvp_vjp():
    with pytest.raises(TypeError, match="jvp: expected a callable"):
        fg.jvp(np.ones(2), (1.0,), (1.0,))
    with pytest.raises(TypeError, match="vjp: expected a callable"):
        fg.vjp("f", 1.0)


def test_float_argnums_is_named():
    with pytest.raises(TypeError, match=r"argnums must be an int .* got 1.0 .*argnums=1"):
        fg.grad(lambda x, y: x * y, argnums=1.0)


def test_repeated_argnums():
    assert fg.grad(lambda x, y: x * y, argnums=(0, 0))(2.0, 3.0) == (3.0, 3.0)
    g = fg.value_and_grad(lambda x, y: x * y ** 2, argnums=(1, 0, 1))(2.0, 3.0)[1]
    assert g == (12.0, 9.0, 12.0)
    with pytest.raises(ValueError, match="names an argument twice"):
        fg.jacrev(lambda x: x, argnums=(0, 0))(np.ones(2))


def test_jit_returning_a_string_is_named():
    with pytest.raises(TypeError, match="returned a value of type str .*not an array"):
        fg.jit(lambda x: "abc")(1.0)


def test_jit_decorator_factory_and_make_jaxpr():
    @fg.jit(static_argnames=["n"])
    def g(x, n):
        i = 0
        while i < n:
            i += 1
        return x + i

    assert g(10, 20) == 30
    assert "log" in str(fg.make_jaxpr(lambda x: fnp.log(x) / fnp.log(2.0))(3.0))
