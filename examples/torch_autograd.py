"""The first lessons of PyTorch autograd, on funcgrad.torch
===========================================================

Each lesson is written against PyTorch's API; the only change from a PyTorch
script is the import line. The last lesson computes the same gradient with
funcgrad's functional face, to show that both faces share one kernel.

Run: python examples/torch_autograd.py
"""

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.torch as torch  # the only change from a PyTorch script


def lesson(title):
    print(f"\n== {title}")


lesson("1. requires_grad, backward() and .grad")
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
print("y =", y)
y.backward()
print("x.grad =", x.grad, " equals 4 * x:", bool((x.grad == 4 * x).all()))

lesson("2. Gradients accumulate until zeroed")
x.grad.zero_()
x.sum().backward()
x.sum().backward()
print("after two backward() calls of sum():", x.grad)
x.grad.zero_()

lesson("3. Linear regression by hand-written gradient descent")
x_data = torch.tensor([1.0, 2.0, 3.0])
y_data = torch.tensor([2.0, 4.0, 6.0])
w = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)
for epoch in range(200):
    loss = ((x_data * w + b - y_data) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.05 * w.grad
        b -= 0.05 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 50 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.6f}  w {w.item():.4f}  b {b.item():.4f}")
print(f"prediction for x = 4: {(4 * w + b).item():.4f}")

lesson("4. Python control flow is recorded as it runs")


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    return b if b.sum() > 0 else 100 * b


a = torch.tensor(0.7, requires_grad=True)
d = f(a)
d.backward()
print(f"d = {d.item():.1f}, a.grad = {a.grad.item():.1f}; d / a = {(d / a).item():.1f}")

lesson("5. Double backward: Newton's method on f(t) = t**4 - 3 t")
t = torch.tensor(2.0, requires_grad=True)
for step in range(6):
    value = t ** 4 - 3 * t
    (slope,) = torch.autograd.grad(value, t, create_graph=True)
    (curvature,) = torch.autograd.grad(slope, t)
    with torch.no_grad():
        t -= slope / curvature
    print(f"step {step}  t = {t.item():.6f}  f'(t) = {slope.item():+.2e}")
print(f"minimum at t = {t.item():.6f} (exact (3/4)**(1/3) = {0.75 ** (1 / 3):.6f})")

lesson("6. The same gradient from the functional face")
values = np.array([0.5, -1.0, 2.0])
xt = torch.tensor(values, dtype=torch.float64, requires_grad=True)
(torch.sin(xt) * xt).sum().backward()
functional = fg.grad(lambda v: fnp.sum(fnp.sin(v) * v))(values)
print("funcgrad.torch:", xt.grad.numpy())
print("funcgrad.grad: ", functional)
print("equal:", np.allclose(xt.grad.numpy(), functional))
