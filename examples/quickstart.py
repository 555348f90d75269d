"""funcgrad in one page: derivatives of NumPy code, forward and reverse, at any order
=====================================================================================

Run with `make demo` (or `python examples/quickstart.py` inside .venv).
"""

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp  # NumPy's names, differentiable


def loss(w, x, y):
    """Mean squared error of a tiny model, written as ordinary NumPy code."""
    prediction = fnp.tanh(x @ w)
    return fnp.mean((prediction - y) ** 2)


rng = np.random.default_rng(0)
x = rng.standard_normal((8, 3))
y = rng.standard_normal(8)
w = np.array([0.5, -0.25, 1.0])

print("1. Gradient of a loss (reverse mode)")
value, g = fg.value_and_grad(loss)(w, x, y)
print(f"   loss = {value:.6f}")
print(f"   dloss/dw = {np.array2string(g, precision=6)}")

print("\n2. Forward mode: a directional derivative with jvp")
direction = np.array([1.0, 0.0, 0.0])
_, slope = fg.jvp(lambda w: loss(w, x, y), (w,), (direction,))
print(f"   d loss along e0 = {slope:.6f}  (equals dloss/dw[0] = {g[0]:.6f})")

print("\n3. Reverse mode: a vector-Jacobian product with vjp")
out, pullback = fg.vjp(lambda w: fnp.tanh(x @ w), w)
(ct,) = pullback(np.ones_like(out))
print(f"   ones @ J = {np.array2string(ct, precision=6)}")

print("\n4. Jacobians both ways, and a Hessian")
f = lambda v: fnp.stack([v[0] * v[1], fnp.sin(v[2]), fnp.exp(v[0] - v[2])])
v = np.array([1.0, 2.0, 0.5])
J_fwd, J_rev = fg.jacfwd(f)(v), fg.jacrev(f)(v)
print(f"   jacfwd == jacrev: {np.allclose(J_fwd, J_rev)}")
print("   " + np.array2string(J_rev, precision=4).replace("\n", "\n   "))
H = fg.hessian(loss)(w, x, y)
print(f"   Hessian of the loss: shape {H.shape}, symmetric: {np.allclose(H, H.T)}")

print("\n5. Higher order: the fourth derivative of tanh at 0.3")
d4 = fg.grad(fg.grad(fg.grad(fg.grad(fnp.tanh))))(0.3)
t = np.tanh(0.3)
print(f"   {d4:.12f}  (closed form {8 * t * (1 - t**2) * (2 - 3 * t**2):.12f})")

print("\n6. Python control flow just works under grad")


def clipped_power(x, n):
    result = 1.0
    for _ in range(n):
        result = result * x if result < 10 else result
    return result


print(f"   d/dx clipped_power(1.5, 4) = {fg.grad(clipped_power)(1.5, 4):.4f}  (4 * 1.5**3 = 13.5)")

print("\n7. The traced program (the IR) behind a function and behind its gradient")
small = lambda x: fnp.sum(fnp.sin(x) * x)
print(fg.make_ir(small)(np.ones(3)))
print(fg.make_ir(fg.grad(small))(np.ones(3)))
