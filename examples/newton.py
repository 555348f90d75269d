"""Newton's method with the exact Hessian, against gradient descent.

Minimises Rosenbrock's banana function ``(1 - x)^2 + 100 (y - x^2)^2`` from the
classic start (-1.2, 1). Newton's method takes the step that solves
``H(p) step = -grad(p)``; the Hessian comes from ``fg.hessian`` (forward mode
over reverse mode) and the gradient from ``fg.grad``. Gradient descent on the
same function needs thousands of steps.

Run: python examples/newton.py
"""

import numpy as np

import funcgrad as fg


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


def newton(f, p, tol=1e-10, max_steps=50):
    grad, hess = fg.grad(f), fg.hessian(f)
    for i in range(max_steps):
        g = grad(p)
        print(f"  step {i:2d}  p = ({p[0]: .8f}, {p[1]: .8f})  f = {f(p):.3e}  "
              f"|grad| = {np.linalg.norm(g):.1e}")
        if np.linalg.norm(g) < tol:
            return p, i
        step = np.linalg.solve(hess(p), -g)
        # A backtracking line search keeps the steps downhill far from the minimum.
        t = 1.0
        while f(p + t * step) > f(p) and t > 1e-4:
            t /= 2
        p = p + t * step
    return p, max_steps


def gradient_descent(f, p, tol=1e-6, learning_rate=1e-3, max_steps=100_000):
    grad = fg.grad(f)
    for i in range(max_steps):
        g = grad(p)
        if np.linalg.norm(g) < tol:
            return p, i
        p = p - learning_rate * g
    return p, max_steps


def main():
    start = np.array([-1.2, 1.0])
    print("Hessian at the start:")
    print(fg.hessian(rosenbrock)(start))
    print("Newton's method:")
    p, steps = newton(rosenbrock, start)
    print(f"Newton: minimum at ({p[0]:.8f}, {p[1]:.8f}) in {steps} steps "
          f"(the last few show quadratic convergence)")
    p, steps = gradient_descent(rosenbrock, start, max_steps=2000)
    print(f"gradient descent, {steps} steps: p = ({p[0]:.4f}, {p[1]:.4f}), "
          f"f = {rosenbrock(p):.2e}, still far from the minimum (1, 1)")


if __name__ == "__main__":
    main()
