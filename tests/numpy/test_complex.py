"""Complex numbers: JAX's convention, against known answers, and the dot-product test.

For a real-valued ``f`` of complex ``z = x + iy``, ``grad(f)(z) = df/dx - i df/dy``:
the conjugate of PyTorch's ``.grad``. For holomorphic ``f``,
``grad(f, holomorphic=True)(z) = f'(z)``. VJPs are transposes of JVPs under
``Re(sum(a * b))`` (no conjugation), which ``check_grads`` verifies with
complex directions.
"""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_dtypes, check_grads

import funcgrad as fg
import funcgrad.numpy as fnp

L = fnp.linalg
Z = np.array([0.7 - 0.4j, -1.2 + 0.9j, 0.3 + 1.1j])
z0 = np.complex128(1.0 + 2.0j)


# ---------------------------------------------------------------------------
# Real-valued functions of complex inputs: known answers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("f, expected", [
    (lambda z: fnp.real(z * fnp.conj(z)), lambda z: 2 * np.conj(z)),            # |z|^2
    (lambda z: fnp.abs(z) ** 2, lambda z: 2 * np.conj(z)),
    (fnp.real, lambda z: np.ones_like(z)),
    (fnp.imag, lambda z: -1j * np.ones_like(z)),
    (fnp.abs, lambda z: np.conj(z) / np.abs(z)),
    (fnp.angle, lambda z: -1j / z),
    (lambda z: fnp.real(z ** 2), lambda z: 2 * z),                               # Re g: g'(z)
    (lambda z: fnp.imag(z ** 2), lambda z: -2j * z),                             # Im g: -i g'
    (lambda z: fnp.real(fnp.exp(z) * fnp.conj(z)), lambda z: np.exp(z) * np.conj(z)
     + np.conj(np.exp(z))),
])
def test_grad_of_real_valued_functions(f, expected):
    for z in Z:
        np.testing.assert_allclose(fg.grad(f)(np.complex128(z)), expected(z), rtol=1e-12)


def test_grad_is_the_conjugate_of_the_pytorch_gradient():
    # PyTorch's .grad for a real loss is df/dx + i df/dy; funcgrad (like JAX) returns its conjugate.
    f = lambda z: fnp.abs(z - (0.5 + 0.5j)) ** 3
    h = 1e-6
    x, y = z0.real, z0.imag
    fr = lambda x, y: abs(complex(x, y) - (0.5 + 0.5j)) ** 3
    dfdx = (fr(x + h, y) - fr(x - h, y)) / (2 * h)
    dfdy = (fr(x, y + h) - fr(x, y - h)) / (2 * h)
    torch_grad = dfdx + 1j * dfdy
    np.testing.assert_allclose(fg.grad(f)(z0), np.conj(torch_grad), rtol=1e-7)


def test_linalg_on_complex_matrices_known_gradients():
    rng = np.random.default_rng(3)
    a = rng.standard_normal((3, 3)) + 1j * rng.standard_normal((3, 3))
    # ||A||_F^2 -> 2 conj(A)
    np.testing.assert_allclose(fg.grad(lambda a: L.norm(a) ** 2)(a), 2 * np.conj(a), rtol=1e-12)
    # |det A|^2 -> 2 conj(det A) adj(A)^T
    d = np.linalg.det(a)
    adj_t = (d * np.linalg.inv(a)).T
    np.testing.assert_allclose(fg.grad(lambda a: fnp.abs(L.det(a)) ** 2)(a),
                               2 * np.conj(d) * adj_t, rtol=1e-10)
    # log|det A| -> inv(A)^T
    np.testing.assert_allclose(fg.grad(lambda a: L.slogdet(a)[1])(a), np.linalg.inv(a).T,
                               rtol=1e-10)


# ---------------------------------------------------------------------------
# Holomorphic functions: grad(..., holomorphic=True) is the complex derivative
# ---------------------------------------------------------------------------

HOLOMORPHIC = [
    (lambda z: z ** 2, lambda z: 2 * z, lambda z: 2 + 0 * z),
    (lambda z: z ** 3 - 2 * z, lambda z: 3 * z**2 - 2, lambda z: 6 * z),
    (lambda z: 1 / z, lambda z: -1 / z**2, lambda z: 2 / z**3),
    (fnp.exp, np.exp, np.exp),
    (fnp.log, lambda z: 1 / z, lambda z: -1 / z**2),
    (fnp.sqrt, lambda z: 0.5 / np.sqrt(z), lambda z: -0.25 / z**1.5),
    (fnp.sin, np.cos, lambda z: -np.sin(z)),
    (fnp.cos, lambda z: -np.sin(z), lambda z: -np.cos(z)),
    (fnp.tan, lambda z: 1 / np.cos(z) ** 2, lambda z: 2 * np.tan(z) / np.cos(z) ** 2),
    (fnp.tanh, lambda z: 1 - np.tanh(z) ** 2,
     lambda z: -2 * np.tanh(z) * (1 - np.tanh(z) ** 2)),
    (lambda z: fnp.power(z, 2.5), lambda z: 2.5 * z**1.5, lambda z: 3.75 * z**0.5),
    (lambda z: fnp.exp(z) * fnp.sin(z) / (z + 3.0),
     lambda z: (np.exp(z) * (np.sin(z) + np.cos(z))) / (z + 3) - np.exp(z) * np.sin(z)
     / (z + 3) ** 2, None),
]


@pytest.mark.parametrize("i", range(len(HOLOMORPHIC)))
def test_holomorphic_derivatives(i):
    f, d1, d2 = HOLOMORPHIC[i]
    for z in Z:
        z = np.complex128(z)
        np.testing.assert_allclose(fg.grad(f, holomorphic=True)(z), d1(z), rtol=1e-10)
        np.testing.assert_allclose(fg.jvp(f, (z,), (np.complex128(1.0),))[1], d1(z), rtol=1e-10)
        if d2 is not None:
            second = fg.grad(fg.grad(f, holomorphic=True), holomorphic=True)(z)
            np.testing.assert_allclose(second, d2(z), rtol=1e-9)
    # the Jacobian of an elementwise holomorphic map is diag(f'), in both modes
    expected = np.diag(d1(Z))
    np.testing.assert_allclose(fg.jacrev(f)(Z), expected, rtol=1e-10)
    np.testing.assert_allclose(fg.jacfwd(f)(Z), expected, rtol=1e-10)


def test_holomorphic_linear_algebra():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((3, 3)) + 1j * rng.standard_normal((3, 3)) + 3 * np.eye(3)
    # d det = det tr(inv dA): the holomorphic gradient is det(A) inv(A)^T
    np.testing.assert_allclose(fg.grad(L.det, holomorphic=True)(a),
                               np.linalg.det(a) * np.linalg.inv(a).T, rtol=1e-10)
    # d tr(inv A) = -tr(inv dA inv) -> -(inv^2)^T
    inv = np.linalg.inv(a)
    np.testing.assert_allclose(fg.grad(lambda a: L.trace(L.inv(a)), holomorphic=True)(a),
                               -(inv @ inv).T, rtol=1e-10)


def test_complex_output_needs_holomorphic():
    with pytest.raises(TypeError, match="holomorphic=True"):
        fg.grad(fnp.exp)(z0)


def test_real_input_complex_intermediates():
    x = np.array([0.3, -1.2])
    np.testing.assert_allclose(fg.elementwise_grad(lambda x: fnp.real(fnp.exp(1j * x)))(x),
                               -np.sin(x), rtol=1e-12)
    np.testing.assert_allclose(fg.elementwise_grad(lambda x: fnp.angle(x + 1j))(x),
                               -1 / (1 + x**2), rtol=1e-12)


def test_angle():
    np.testing.assert_allclose(fnp.angle(Z), np.angle(Z))
    np.testing.assert_allclose(fnp.angle(Z, deg=True), np.angle(Z, deg=True))
    np.testing.assert_array_equal(fg.elementwise_grad(fnp.angle)(np.array([-2.0, 3.0])), 0.0)


# ---------------------------------------------------------------------------
# Both modes against finite differences and each other, with complex directions
# ---------------------------------------------------------------------------

def _c(shape, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)


DOT_PRODUCT = {
    # holomorphic
    "exp*sin": (lambda z: fnp.exp(z) * fnp.sin(z), [_c((3,), 0)]),
    "log/sqrt": (lambda z: fnp.log(z) / fnp.sqrt(z), [_c((3,), 1)]),
    "tan,tanh,cos": (lambda z: fnp.tan(z) + fnp.tanh(z) * fnp.cos(z), [_c((3,), 2) * 0.5]),
    "power": (lambda z, w: fnp.power(z, w), [_c((3,), 3) + 3, _c((3,), 4) * 0.3]),
    "matmul": (lambda a, b: a @ b, [_c((2, 3), 5), _c((3, 2), 6)]),
    # not holomorphic, complex output
    "conj": (lambda z: fnp.conj(z) * z ** 2, [_c((3,), 7)]),
    "abs*z": (lambda z: fnp.abs(z) * z, [_c((3,), 8)]),
    # real output
    "abs": (fnp.abs, [_c((4,), 9)]),
    "angle": (fnp.angle, [_c((4,), 10)]),
    "real,imag": (lambda z: fnp.real(z) * fnp.imag(z) ** 2, [_c((4,), 11)]),
    "norm": (L.norm, [_c((4,), 12)]),
    # mixed real and complex inputs
    "real*complex": (lambda x, z: x * z + fnp.astype(x, np.complex128), [
        np.array([0.5, -1.0, 2.0]), _c((3,), 13)]),
    "abs(fft)": (lambda x: fnp.abs(fnp.fft.fft(x)), [np.array([1.0, 2.0, -0.5, 0.3])]),
    "eigh(hermitian)": (lambda a: L.eigvalsh(a), [_c((3, 3), 14)]),
}


@pytest.mark.parametrize("name", sorted(DOT_PRODUCT))
def test_both_modes_with_complex_directions(name):
    f, args = DOT_PRODUCT[name]
    check_grads(f, args, order=2)
    check_dtypes(f, [a.astype(np.complex64 if np.iscomplexobj(a) else np.float32) for a in args])
