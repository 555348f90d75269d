"""Misuses of the functional face that used to give a silent wrong answer (issue 11).

Each test failed before the fix: a conversion that cut the derivative, a repeated argnum,
a complex cotangent for a real output, custom rules that recursed or reran the primal,
einsum broadcasting of size-1 dimensions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp

CONVERSIONS = {
    "float": lambda x: float(x) * x,
    "int": lambda x: int(x) * x,
    "complex": lambda x: complex(x).real * x,
    "math.sin": lambda x: math.sin(x) * x,
    "math.exp": lambda x: math.exp(x) * x,
    "np.float64": lambda x: np.float64(x) * x,
    "np.float32": lambda x: np.float32(x) * x,
    "np.asarray": lambda x: np.asarray(x) * x,
    "item": lambda x: x.item() * x,
    "tolist": lambda x: fnp.asarray(x.tolist()) * x,
}


@pytest.mark.parametrize("name", sorted(CONVERSIONS))
@pytest.mark.parametrize("transform", ["grad", "jvp", "jacrev"])
def test_conversion_of_a_traced_value_raises(name, transform):
    f = CONVERSIONS[name]
    with pytest.raises(fg.TracerConversionError) as info:
        if transform == "grad":
            fg.grad(f)(3.0)
        elif transform == "jvp":
            fg.jvp(f, (3.0,), (1.0,))
        else:
            fg.jacrev(f)(3.0)
    assert isinstance(info.value, TypeError)
    message = str(info.value)
    assert "stop_gradient" in message and "funcgrad.numpy" in message


def test_allowed_conversions():
    # bool and comparisons drive Python control flow
    assert fg.grad(lambda x: x * x if x > 2.0 else x)(3.0) == 6.0
    assert fg.grad(lambda x: x * 2.0 if bool(x) else x)(3.0) == 2.0
    # the intended cut: convert the stopped value
    assert fg.grad(lambda x: float(fg.stop_gradient(x)) * x)(3.0) == 3.0
    # integers carry no derivative: index with them freely
    assert fg.grad(lambda x: x[int(fnp.argmax(x))])(np.array([1.0, 5.0, 2.0]))[1] == 1.0
    # outside transforms nothing changes
    assert float(fnp.sin(fnp.asarray(0.0))) == 0.0


def test_torch_face_keeps_pytorch_float():
    import funcgrad.torch as torch

    t = torch.tensor(2.0, requires_grad=True)
    assert float(t * 3) == 6.0 and (t * 3).item() == 6.0


def test_complex_cotangent_for_real_output_raises():
    _, pullback = fg.vjp(lambda x: x * 2, np.ones(3))
    with pytest.raises(TypeError, match="complex128 but its output is real"):
        pullback(np.ones(3) * (1 + 1j))
    _, pullback = fg.vjp(lambda x: x * 2, np.ones(3, complex))
    np.testing.assert_array_equal(pullback(np.ones(3) * 1j)[0], 2j * np.ones(3))


# ---------------------------------------------------------------------------
# custom rules
# ---------------------------------------------------------------------------


@fg.custom_vjp
def _sin(x):
    return fnp.sin(x)


def _sin_fwd(x):
    return _sin(x), fnp.cos(x)  # the pattern JAX's documentation teaches


_sin.defvjp(_sin_fwd, lambda c, g: (c * g,))

_COMPOSITIONS = {
    "jit": (lambda: fg.jit(_sin), np.sin),
    "vmap": (lambda: fg.vmap(_sin), np.sin),
    "grad": (lambda: fg.vmap(fg.grad(_sin)), np.cos),
    "jit(grad)": (lambda: fg.jit(fg.vmap(fg.grad(_sin))), np.cos),
    "vmap(grad)": (lambda: fg.vmap(fg.grad(_sin)), np.cos),
    "grad(jit)": (lambda: fg.vmap(fg.grad(fg.jit(_sin))), np.cos),
    "jit(vmap(grad))": (lambda: fg.jit(fg.vmap(fg.grad(_sin))), np.cos),
    "jacfwd": (lambda: lambda x: np.diag(fg.jacfwd(_sin)(x)), np.cos),
    "hessian": (lambda: fg.vmap(fg.hessian(_sin)), lambda x: -np.sin(x)),
}


@pytest.mark.parametrize("name", sorted(_COMPOSITIONS))
def test_custom_vjp_whose_fwd_calls_the_function(name):
    build, expected = _COMPOSITIONS[name]
    x = np.linspace(0.1, 1.0, 3)
    np.testing.assert_allclose(build()(x), expected(x), rtol=1e-12, atol=1e-12)


def test_custom_jvp_does_not_rerun_the_primal():
    calls = []

    @fg.custom_jvp
    def h(x):
        calls.append("primal")
        return fnp.sin(x)

    @h.defjvp
    def h_jvp(primals, tangents):
        calls.append("rule")
        return fnp.sin(primals[0]), fnp.cos(primals[0]) * tangents[0]

    fg.jvp(h, (1.0,), (1.0,))
    assert calls == ["rule"]
    calls.clear()
    assert fg.grad(h)(0.0) == 1.0
    assert "primal" not in calls
    calls.clear()
    fg.vmap(fg.grad(h))(np.ones(2))
    assert "primal" not in calls
    calls.clear()
    jitted = fg.jit(fg.grad(h))
    jitted(1.0)
    calls.clear()
    jitted(2.0)  # compiled: no Python runs at all
    assert calls == []


# ---------------------------------------------------------------------------
# einsum
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec, shapes", [
    ("mnd,mdo->mno", [(1, 3, 2), (20, 2, 4)]),
    ("ij,ij->ij", [(2, 1), (1, 3)]),
    ("ij,jk", [(1, 3), (3, 2)]),
])
def test_einsum_size_one_broadcast_differentiates(spec, shapes):
    rng = np.random.default_rng(0)
    ops = [rng.standard_normal(s) for s in shapes]
    f = lambda *xs: fnp.einsum(spec, *xs)  # noqa: E731
    np.testing.assert_allclose(f(*ops), np.einsum(spec, *ops))
    np.testing.assert_allclose(fg.jit(f)(*ops), np.einsum(spec, *ops))
    fg.test_util.check_grads(f, ops, order=2)
