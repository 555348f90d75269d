"""Sensitivity of a linear solve: which spring matters most?
============================================================

A chain of 50 springs hangs from a wall, with a load on every node. The
displacements ``u`` solve ``K(k) u = f``, where the stiffness matrix ``K`` is
assembled from the spring constants ``k``. We want the derivative of the tip
displacement with respect to all 50 spring constants, and to every load.

Reverse mode through ``fnp.linalg.solve`` gives all of them in one backward
pass, which costs one extra solve with ``K`` transposed (the adjoint method,
done for you); finite differences would need 50 more solves, and give fewer
correct digits. A chain has a closed form to check against: spring ``i``
carries the load hanging below it, ``T_i``, so the tip moves by
``sum(T_i / k_i)`` and ``d tip / d k_i = -T_i / k_i**2``.

Run: python examples/linear_solve_sensitivity.py
"""

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp

N = 50


def stiffness(k):
    """K = D^T diag(k) D, where (D u)_i = u_i - u_{i-1} is spring i's stretch (u_{-1} = 0)."""
    D = np.eye(N) - np.eye(N, k=-1)
    return D.T @ (k[:, None] * D)


def tip_displacement(k, f):
    u = fnp.linalg.solve(stiffness(k), f)
    return u[-1]


def main():
    rng = np.random.default_rng(0)
    k = rng.uniform(1.0, 3.0, N)  # spring constants
    f = rng.uniform(0.5, 1.5, N)  # the load on each node

    tension = np.cumsum(f[::-1])[::-1]  # T_i: the total load below spring i
    tip = tip_displacement(k, f)
    print(f"tip displacement {tip:.6f} (closed form {np.sum(tension / k):.6f})")

    dk, df = fg.grad(tip_displacement, argnums=(0, 1))(k, f)
    error = np.max(np.abs(dk - (-tension / k ** 2)))
    print(f"d tip / d k for all {N} springs in one backward pass; "
          f"largest error against the closed form {error:.1e}")

    # The load sensitivity is the adjoint solution: K^T lam = e_tip.
    adjoint = np.linalg.solve(stiffness(k).T, np.eye(N)[-1])
    print(f"d tip / d f equals the adjoint solution: {np.allclose(df, adjoint)}")

    # Finite differences need one more solve per spring, and lose digits.
    eps = 1e-6
    fd = np.array([(tip_displacement(k + eps * e, f) - tip) / eps for e in np.eye(N)])
    print(f"forward differences ({N} more solves): largest error {np.max(np.abs(fd - dk)):.1e}")

    stiffen = np.argsort(dk)[:3]  # the most negative: stiffening them helps most
    print("springs whose stiffening reduces the sag most: " + ", ".join(
        f"#{i} (d tip/d k = {dk[i]:.4f})" for i in stiffen))
    # Higher order works through the solve too: the curvature along a direction.
    v = np.ones(N) / np.sqrt(N)
    _, Hv = fg.jvp(fg.grad(tip_displacement), (k, f), (v, np.zeros(N)))
    exact = np.sum(2 * tension / k ** 3 * v * v)
    print(f"second derivative along a direction: {v @ Hv:.6f} (closed form {exact:.6f})")


if __name__ == "__main__":
    main()
