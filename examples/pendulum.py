"""Fit a pendulum's length and damping by differentiating through an RK4 integrator
================================================================================

A damped pendulum obeys ``theta'' = -(g / L) sin(theta) - c theta'``. We record
its angle (with a little noise) for a pendulum of unknown length ``L`` and
damping ``c``, then recover both by Levenberg-Marquardt (damped Gauss-Newton).
The residuals between the simulation and the record are a function of
``(L, c)``; their Jacobian, taken straight through 100 steps of a fourth-order
Runge-Kutta integrator, is a tall matrix with two columns, which forward mode
(``fg.jacfwd``) builds by pushing just two tangents through the simulation.
The reverse-mode gradient of the squared error is checked against it.

The picture shows the record, the first guess and the fitted simulation.

Run: ``python examples/pendulum.py [--plot PATH]``
"""

import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # write files; never open a window
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import funcgrad as fg  # noqa: E402
import funcgrad.numpy as fnp  # noqa: E402

DEFAULT_PLOT = os.path.join(tempfile.gettempdir(), "funcgrad_pendulum.png")
G = 9.81
DT, STEPS = 0.1, 100  # ten seconds of motion
THETA0, OMEGA0 = 1.2, 0.0  # released from rest at about 69 degrees


def simulate(params):
    """The angle at each of STEPS time steps, from RK4 on (theta, omega)."""
    length, damping = params[0], params[1]

    def rhs(theta, omega):
        return omega, -(G / length) * fnp.sin(theta) - damping * omega

    theta, omega = THETA0, OMEGA0
    angles = []
    for _ in range(STEPS):
        k1 = rhs(theta, omega)
        k2 = rhs(theta + 0.5 * DT * k1[0], omega + 0.5 * DT * k1[1])
        k3 = rhs(theta + 0.5 * DT * k2[0], omega + 0.5 * DT * k2[1])
        k4 = rhs(theta + DT * k3[0], omega + DT * k3[1])
        theta = theta + DT / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        omega = omega + DT / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        angles.append(theta)
    return fnp.stack(angles)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fit a pendulum through its RK4 simulation.")
    parser.add_argument("--plot", default=DEFAULT_PLOT,
                        help=f"where to save the picture of the fit (default: {DEFAULT_PLOT})")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    true_params = np.array([1.5, 0.3])
    observed = simulate(true_params) + rng.normal(0.0, 0.01, STEPS)

    def residuals(params):
        return simulate(params) - observed

    def squared_error(params):
        return fnp.sum(residuals(params) ** 2)

    params = guess = np.array([1.0, 0.1])  # a first guess
    jacobian = fg.jacfwd(residuals)
    g = fg.grad(squared_error)(params)  # reverse mode: one backward pass
    r, J = residuals(params), jacobian(params)  # J: (STEPS, 2), one column per tangent
    print(f"reverse-mode gradient equals 2 J^T r: {np.allclose(g, 2 * J.T @ r)}")

    # Levenberg-Marquardt: Gauss-Newton steps, damped by `lam` until they help.
    lam = 1.0
    error = np.sum(r ** 2)
    for i in range(30):
        print(f"iteration {i:2d}  L = {params[0]:.5f} m  c = {params[1]:.5f} 1/s  "
              f"squared error {error:.6f}")
        JtJ = J.T @ J
        while True:
            step = np.linalg.solve(JtJ + lam * np.diag(np.diag(JtJ)), -J.T @ r)
            new_error = np.sum(residuals(params + step) ** 2)
            if new_error < error:
                lam /= 3
                break
            lam *= 3
        params = params + step
        if error - new_error < 1e-12 * error:
            break
        error = new_error
        r, J = residuals(params), jacobian(params)
    print(f"recovered L = {params[0]:.3f} m, c = {params[1]:.3f} 1/s "
          f"(true values {true_params[0]} m, {true_params[1]} 1/s)")

    t = DT * np.arange(1, STEPS + 1)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.plot(t, observed, ".", color="black", markersize=4, label="noisy record")
    ax.plot(t, simulate(guess), "--", color="tab:orange",
            label=f"first guess L = {guess[0]:.1f} m, c = {guess[1]:.1f} 1/s")
    ax.plot(t, simulate(params), color="tab:blue",
            label=f"fitted L = {params[0]:.3f} m, c = {params[1]:.3f} 1/s")
    ax.set(xlabel="time (s)", ylabel="angle (rad)", title="Fitting a pendulum through RK4")
    ax.legend(loc="upper right", fontsize="small")
    fig.tight_layout()
    fig.savefig(args.plot, dpi=100)
    print(f"picture of the fit saved to {args.plot}")


if __name__ == "__main__":
    main()
