"""Newton's method with the exact Hessian, against gradient descent
=================================================================

Minimises Rosenbrock's banana function ``(1 - x)^2 + 100 (y - x^2)^2`` from the
classic start (-1.2, 1). Newton's method takes the step that solves
``H(p) step = -grad(p)``; the Hessian comes from ``fg.hessian`` (forward mode
over reverse mode) and the gradient from ``fg.grad``. Gradient descent on the
same function needs thousands of steps.

The picture shows both paths on the function's contours.

Run: ``python examples/newton.py [--plot PATH]``
"""

import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # write files; never open a window
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import funcgrad as fg  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_newton.png")


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


def newton(f, p, tol=1e-10, max_steps=50):
    grad, hess = fg.grad(f), fg.hessian(f)
    path = [p]
    for i in range(max_steps):
        g = grad(p)
        print(f"  step {i:2d}  p = ({p[0]: .8f}, {p[1]: .8f})  f = {f(p):.3e}  "
              f"|grad| = {np.linalg.norm(g):.1e}")
        if np.linalg.norm(g) < tol:
            return p, i, np.array(path)
        step = np.linalg.solve(hess(p), -g)
        # A backtracking line search keeps the steps downhill far from the minimum.
        t = 1.0
        while f(p + t * step) > f(p) and t > 1e-4:
            t /= 2
        p = p + t * step
        path.append(p)
    return p, max_steps, np.array(path)


def gradient_descent(f, p, tol=1e-6, learning_rate=1e-3, max_steps=100_000):
    grad = fg.jit(fg.grad(f))
    path = [p]
    for i in range(max_steps):
        g = grad(p)
        if np.linalg.norm(g) < tol:
            return p, i, np.array(path)
        p = p - learning_rate * g
        path.append(p)
    return p, max_steps, np.array(path)


def plot_paths(newton_path, descent_path, path):
    """Both paths on the log-spaced contours of Rosenbrock's function."""
    x, y = np.meshgrid(np.linspace(-1.6, 1.6, 300), np.linspace(-0.6, 1.8, 300))
    z = rosenbrock(np.stack([x, y]))
    fig, ax = plt.subplots(figsize=(6.5, 5))
    ax.contour(x, y, z, levels=np.logspace(-1, 3, 15), cmap="viridis", linewidths=0.8)
    ax.plot(*descent_path.T, ".-", color="tab:orange", markersize=2, linewidth=0.8,
            label=f"gradient descent ({len(descent_path) - 1} steps)")
    ax.plot(*newton_path.T, "o-", color="tab:blue",
            label=f"Newton ({len(newton_path) - 1} steps)")
    ax.plot(1, 1, "*", color="tab:red", markersize=14, label="minimum (1, 1)")
    ax.set(xlabel="x", ylabel="y", title="Rosenbrock: Newton's path against gradient descent")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Newton's method on Rosenbrock's function.")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the picture of the paths (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)
    start = np.array([-1.2, 1.0])
    print("Hessian at the start:")
    print(fg.hessian(rosenbrock)(start))
    print("Newton's method:")
    p, steps, newton_path = newton(rosenbrock, start)
    print(f"Newton: minimum at ({p[0]:.8f}, {p[1]:.8f}) in {steps} steps "
          f"(the last few show quadratic convergence)")
    p, steps, descent_path = gradient_descent(rosenbrock, start, max_steps=2000)
    print(f"gradient descent, {steps} steps: p = ({p[0]:.4f}, {p[1]:.4f}), "
          f"f = {rosenbrock(p):.2e}, still far from the minimum (1, 1)")
    plot_paths(newton_path, descent_path, args.plot)
    print(f"picture of both paths saved to {args.plot}")


if __name__ == "__main__":
    main()
