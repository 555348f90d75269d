"""Two-layer tanh MLPs shared by W2 (784-512-10, softmax cross-entropy), W3 (32-32-1, squared
error) and W8 (memory of W2): data, the loss in every library, and the hand-written gradient.

The softmax cross-entropy is written without the max-shift: the logits are bounded by
construction (tanh hidden units, weights of scale 1/sqrt(fan_in)), so exp cannot overflow,
and every implementation then computes exactly the same formula.
"""

from harness import Case


class Problem:
    """Data and initial parameters, as NumPy arrays of one dtype."""

    def __init__(self, sizes, batch, kind, dtype, seed=0):
        import numpy as np

        n_in, n_hidden, n_out = sizes
        rng = np.random.default_rng(seed)
        self.kind = kind  # "ce" (softmax cross-entropy, one-hot targets) or "mse"
        self.dtype = np.dtype(dtype)
        self.X = rng.standard_normal((batch, n_in)).astype(dtype)
        if kind == "ce":
            self.Y = np.eye(n_out, dtype=dtype)[rng.integers(0, n_out, batch)]
        else:
            self.Y = rng.standard_normal((batch, n_out)).astype(dtype)
        self.params = (
            (rng.standard_normal((n_in, n_hidden)) / np.sqrt(n_in)).astype(dtype),
            (0.1 * rng.standard_normal(n_hidden)).astype(dtype),
            (rng.standard_normal((n_hidden, n_out)) / np.sqrt(n_hidden)).astype(dtype),
            (0.1 * rng.standard_normal(n_out)).astype(dtype),
        )

    def tolerance(self):
        return (1e-3, 1e-5) if self.dtype.itemsize == 4 else (1e-7, 1e-10)


# ------------------------------------------------------------------ the loss, NumPy-style


def make_loss(xp, kind):
    """loss(params, X, Y) written with a NumPy-like module `xp` (numpy, fnp, jnp, anp)."""

    def ce_loss(params, X, Y):
        W1, b1, W2, b2 = params
        z = xp.tanh(X @ W1 + b1) @ W2 + b2
        lse = xp.log(xp.sum(xp.exp(z), axis=1))
        return (xp.sum(lse) - xp.sum(z * Y)) / X.shape[0]

    def mse_loss(params, X, Y):
        W1, b1, W2, b2 = params
        r = xp.tanh(X @ W1 + b1) @ W2 + b2 - Y
        return xp.sum(r * r) / X.shape[0]

    return ce_loss if kind == "ce" else mse_loss


def make_torch_loss(torch, kind):
    """The same loss with PyTorch's names (also run on funcgrad.torch)."""

    def ce_loss(params, X, Y):
        W1, b1, W2, b2 = params
        z = torch.tanh(X @ W1 + b1) @ W2 + b2
        lse = torch.log(torch.exp(z).sum(dim=1))
        return (lse.sum() - (z * Y).sum()) / X.shape[0]

    def mse_loss(params, X, Y):
        W1, b1, W2, b2 = params
        r = torch.tanh(X @ W1 + b1) @ W2 + b2 - Y
        return (r * r).sum() / X.shape[0]

    return ce_loss if kind == "ce" else mse_loss


# ------------------------------------------------------------------ hand-written gradient


def hand_value_and_grad(np, params, X, Y, kind):
    """Forward, then the backward pass derived by hand. The reference for time and values."""
    W1, b1, W2, b2 = params
    batch = X.shape[0]
    h = np.tanh(X @ W1 + b1)
    z = h @ W2 + b2
    if kind == "ce":
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        value = (np.log(s).sum() - (z * Y).sum()) / batch
        dz = (e / s - Y) / batch  # softmax minus one-hot
    else:
        r = z - Y
        value = (r * r).sum() / batch
        dz = (2.0 / batch) * r
    dh = dz @ W2.T
    da = dh * (1.0 - h * h)  # tanh' = 1 - tanh**2
    return value, (X.T @ da, da.sum(axis=0), h.T @ dz, dz.sum(axis=0))


# ------------------------------------------------------------------ cases: value and gradient


def vg_cases(prob):
    """One Case per implementation, each returning (value, (dW1, db1, dW2, db2))."""
    kind = prob.kind

    def hand(ns):
        return lambda: hand_value_and_grad(ns.np, prob.params, prob.X, prob.Y, kind)

    def funcgrad(ns, jit=False):
        vg = ns.fg.value_and_grad(make_loss(ns.fnp, kind))
        vg = ns.fg.jit(vg) if jit else vg
        return lambda: vg(prob.params, prob.X, prob.Y)

    def jax(ns, jit=False):
        vg = ns.jax.value_and_grad(make_loss(ns.jnp, kind))
        vg = ns.jax.jit(vg) if jit else vg
        args = ns.jax.device_put((prob.params, prob.X, prob.Y))
        return lambda: ns.jax.block_until_ready(vg(*args))

    def autograd(ns):
        vg = ns.ag.value_and_grad(make_loss(ns.anp, kind))
        return lambda: vg(prob.params, prob.X, prob.Y)

    def torch(ns):
        t = ns.torch
        loss = make_torch_loss(t, kind)
        params = [t.from_numpy(p.copy()).requires_grad_() for p in prob.params]
        X, Y = t.from_numpy(prob.X), t.from_numpy(prob.Y)

        def step():
            for p in params:
                p.grad = None
            value = loss(params, X, Y)
            value.backward()
            return value.detach(), tuple(p.grad for p in params)

        return step

    return [
        Case("numpy (hand)", "numpy", hand),
        Case("funcgrad value_and_grad", "funcgrad", funcgrad),
        Case("funcgrad jit(value_and_grad)", "funcgrad", lambda ns: funcgrad(ns, True), jit=True),
        Case("funcgrad.torch backward", "funcgrad.torch", torch),
        Case("torch backward", "torch", torch),
        Case("jax value_and_grad", "jax", jax),
        Case("jax jit(value_and_grad)", "jax", lambda ns: jax(ns, True), jit=True),
        Case("autograd value_and_grad", "autograd", autograd),
    ]


# ------------------------------------------------------------------ cases: forward alone


def forward_cases(prob):
    """The same labels as vg_cases, each computing only the loss, with no derivative work."""
    kind = prob.kind

    def numpy_like(module_attr):
        def build(ns):
            loss = make_loss(getattr(ns, module_attr), kind)
            return lambda: loss(prob.params, prob.X, prob.Y)

        return build

    def funcgrad_jit(ns):
        loss = ns.fg.jit(make_loss(ns.fnp, kind))
        return lambda: loss(prob.params, prob.X, prob.Y)

    def jax(ns, jit=False):
        loss = make_loss(ns.jnp, kind)
        loss = ns.jax.jit(loss) if jit else loss
        args = ns.jax.device_put((prob.params, prob.X, prob.Y))
        return lambda: ns.jax.block_until_ready(loss(*args))

    def torch(ns):
        t = ns.torch
        loss = make_torch_loss(t, kind)
        params = [t.from_numpy(p.copy()) for p in prob.params]
        X, Y = t.from_numpy(prob.X), t.from_numpy(prob.Y)

        def forward():
            with t.no_grad():
                return loss(params, X, Y)

        return forward

    return [
        Case("numpy (hand)", "numpy", numpy_like("np")),
        Case("funcgrad value_and_grad", "funcgrad", numpy_like("fnp")),
        Case("funcgrad jit(value_and_grad)", "funcgrad", funcgrad_jit, jit=True),
        Case("funcgrad.torch backward", "funcgrad.torch", torch),
        Case("torch backward", "torch", torch),
        Case("jax value_and_grad", "jax", jax),
        Case("jax jit(value_and_grad)", "jax", lambda ns: jax(ns, True), jit=True),
        Case("autograd value_and_grad", "autograd", numpy_like("anp")),
    ]
