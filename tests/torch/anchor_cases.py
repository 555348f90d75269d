"""Evaluating an expression of the torch face the way its PyTorch answer was recorded.

The expression sees ``t`` and ``u``, float32 leaves that require grad. The answer is the
printed result (or ``"!!Error: message"``), and the printed ``.grad`` of ``t`` and ``u``
after ``backward()`` of a weighted sum of the results that require grad.
"""

import funcgrad.torch as torch


def evaluate(expression, x0, u0, as_lists=False):
    """What ``expression`` prints, and the gradients of ``t`` and ``u`` it gives."""
    t = torch.tensor(x0, requires_grad=True)
    u = torch.tensor(u0, requires_grad=True)
    try:
        y = eval(expression)
    except Exception as e:  # noqa: BLE001 - the error is part of the answer
        return "!!" + type(e).__name__ + ": " + str(e).splitlines()[0], "", ""
    outs = [y] if isinstance(y, torch.Tensor) else [
        o for o in (y if isinstance(y, tuple) else []) if isinstance(o, torch.Tensor)]
    outs = [o for o in outs if o.requires_grad and o.is_floating_point()]
    if not outs:
        return repr(y), "", ""
    loss = 0
    for o in outs:
        w = torch.arange(o.numel(), dtype=o.dtype).reshape(o.shape) + 1
        loss = loss + (torch.where(torch.isfinite(o), o, 0) * w).sum()
    try:
        loss.backward()
    except Exception as e:  # noqa: BLE001
        return repr(y), "!!" + type(e).__name__ + ": " + str(e).splitlines()[0], ""
    if as_lists:  # compared to a tolerance
        return repr(y), _listed(t.grad), _listed(u.grad)
    return repr(y), repr(t.grad), repr(u.grad)


def _listed(grad):
    return None if grad is None else grad.tolist()
