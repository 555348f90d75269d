"""``torch.autograd.gradcheck`` and ``gradgradcheck``: derivatives against finite differences.

:func:`gradcheck` compares the Jacobian that the reverse walk computes (one
``torch.autograd.grad`` per output element, or, with ``fast_mode=True``, one
random projection ``v^T J u``) with central differences of the function, for
every input that requires grad and every output that is differentiable, as
PyTorch's does. :func:`gradgradcheck` runs :func:`gradcheck` on the function's
``grad(create_graph=True)``, which checks second derivatives.

>>> import funcgrad.torch as torch
>>> x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
>>> torch.autograd.gradcheck(torch.sin, (x,)), torch.autograd.gradgradcheck(torch.sin, (x,))
(True, True)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._graph import enable_grad
from ..factories import tensor as _tensor
from ..tensor import Tensor
from . import forward_ad as fwAD
from .engine import grad

__all__ = ["gradcheck", "gradgradcheck", "GradcheckError"]


class GradcheckError(RuntimeError):
    """What :func:`gradcheck` raises when the derivatives disagree (a ``RuntimeError``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    >>> try:
    ...     torch.autograd.gradcheck(lambda t: t.detach() * t, (x,))
    ... except torch.autograd.GradcheckError as e:
    ...     print(str(e).splitlines()[0])
    Jacobian mismatch for output 0 with respect to input 0,
    """


FAST_MODE_NOTE = (
    "\n\nThe above quantities relating the numerical and analytical jacobians are computed \n"
    "in fast mode. See: https://github.com/pytorch/pytorch/issues/53876 for more background \n"
    "about fast mode. Below, we recompute numerical and analytical jacobians in slow mode:\n\n"
)


def _as_tuple(x: Any) -> tuple:
    if isinstance(x, Tensor):
        return (x,)
    if isinstance(x, (list, tuple)):
        return tuple(x)
    return (x,)


def _differentiable_inputs(inputs: tuple) -> list[int]:
    return [i for i, t in enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad]


def _outputs(func: Callable, inputs: tuple) -> tuple:
    return _as_tuple(func(*inputs))


def _float_outputs(outputs: tuple) -> list[int]:
    return [
        k for k, o in enumerate(outputs) if isinstance(o, Tensor) and o.dtype.np.kind in "fc"
    ]


def _numerical_columns(func, inputs, i, eps, out_ids, direction=None):
    """Central differences of the outputs with respect to input ``i``.

    Without ``direction``: a list (one per output) of arrays ``(in_numel, out_numel)``.
    With ``direction`` (an array shaped like the input): one directional derivative per
    output, flattened.
    """
    storage = inputs[i]._node.primal
    if not isinstance(storage, np.ndarray):
        raise TypeError("gradcheck needs concrete inputs (not values traced by a transform)")

    def values():
        with enable_grad():  # the function may itself differentiate (gradgradcheck)
            outs = _outputs(func, inputs)
        return [np.asarray(outs[k]._node.primal, dtype=np.float64).reshape(-1) for k in out_ids]

    if direction is not None:
        original = storage.copy()
        storage += eps * direction
        plus = values()
        storage[...] = original - eps * direction
        minus = values()
        storage[...] = original
        return [(p - m) / (2 * eps) for p, m in zip(plus, minus)]
    cols: list[list] = [[] for _ in out_ids]
    for idx in np.ndindex(storage.shape):
        orig = storage[idx].copy()
        storage[idx] = orig + eps
        plus = values()
        storage[idx] = orig - eps
        minus = values()
        storage[idx] = orig
        for c, p, m in zip(cols, plus, minus):
            c.append((p - m) / (2 * eps))
    out = []
    for c in cols:
        n_out = len(c[0]) if c else 0
        out.append(np.array(c, dtype=np.float64).reshape(storage.size, n_out))
    return out


def _analytical(func, inputs, diff_in, out_ids):
    """``jac[o][i]``: arrays ``(in_numel, out_numel)`` from one backward pass per output element."""
    with enable_grad():
        outputs = _outputs(func, inputs)
    jac = []
    targets = [inputs[i] for i in diff_in]
    for k in out_ids:
        o = outputs[k]
        cols = [np.zeros((t.numel(), o.numel())) for t in targets]
        if o.requires_grad:
            for j in range(o.numel()):
                seed = np.zeros(o.numel(), dtype=o.dtype.np)
                seed[j] = 1
                gs = grad(
                    o,
                    targets,
                    _tensor(seed.reshape(tuple(o.shape)), dtype=o.dtype),
                    retain_graph=True,
                    allow_unused=True,
                )
                for c, g in zip(cols, gs):
                    if g is not None:
                        c[:, j] = np.asarray(g._node.primal, dtype=np.float64).reshape(-1)
        jac.append(cols)
    return jac


def _fmt(a: np.ndarray) -> str:
    return repr(_tensor(a, dtype=np.float64))


def _close(a, n, atol, rtol) -> bool:
    return bool(np.allclose(a, n, rtol=rtol, atol=atol))


def _check_inputs(inputs: tuple, diff_in: list[int]) -> None:
    if not diff_in:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of them "
            "have requires_grad=True."
        )
    for i in diff_in:
        t = inputs[i]
        if t.dtype.np.kind == "c":
            raise NotImplementedError(
                "gradcheck of complex inputs is not supported by funcgrad.torch yet: check the "
                "real and imaginary parts as separate real inputs."
            )
        if t.dtype.np != np.float64:
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ",
                UserWarning,
                stacklevel=3,
            )


def _slow(func, inputs, diff_in, out_ids, eps, atol, rtol):
    analytical = _analytical(func, inputs, diff_in, out_ids)
    for pos, i in enumerate(diff_in):
        numerical = _numerical_columns(func, inputs, i, eps, out_ids)
        for o_pos, k in enumerate(out_ids):
            a, n = analytical[o_pos][pos], numerical[o_pos]
            if not _close(a, n, atol, rtol):
                return (
                    f"Jacobian mismatch for output {k} with respect to input {i},\n"
                    f"numerical:{_fmt(n)}\nanalytical:{_fmt(a)}\n"
                )
    return None


def _fast(func, inputs, diff_in, out_ids, eps, atol, rtol):
    rng = np.random.default_rng(0)
    us = []
    for i in diff_in:
        u = rng.standard_normal(tuple(inputs[i].shape))
        norm = np.linalg.norm(u)
        us.append(u / norm if norm > 0 else u)
    with enable_grad():
        outputs = _outputs(func, inputs)
    targets = [inputs[i] for i in diff_in]
    for k in out_ids:
        o = outputs[k]
        v = rng.standard_normal(tuple(o.shape))
        norm = np.linalg.norm(v)
        v = v / norm if norm > 0 else v
        if o.requires_grad:
            gs = grad(o, targets, _tensor(v, dtype=o.dtype), retain_graph=True,
                      allow_unused=True)
        else:
            gs = (None,) * len(targets)
        for pos, i in enumerate(diff_in):
            num = _numerical_columns(func, inputs, i, eps, [k], direction=us[pos])[0]
            n = float(np.dot(num, v.reshape(-1)))
            g = gs[pos]
            a = 0.0 if g is None else float(
                np.dot(np.asarray(g._node.primal, dtype=np.float64).reshape(-1),
                       us[pos].reshape(-1))
            )
            if not _close(a, n, atol, rtol):
                slow_a = _analytical(func, inputs, [i], [k])[0][0]
                slow_n = _numerical_columns(func, inputs, i, eps, [k])[0]
                diff = float(np.max(np.abs(slow_a - slow_n))) if slow_a.size else 0.0
                return (
                    f"Jacobian mismatch for output {k} with respect to input {i},\n"
                    f"numerical:{n!r}\nanalytical:{a!r}\n" + FAST_MODE_NOTE
                    + f"Numerical:\n {_fmt(slow_n)}\nAnalytical:\n{_fmt(slow_a)}\n\n"
                    f"The max per-element difference (slow mode) is: {diff!r}.\n"
                )
    return None


def gradcheck(
    func: Callable,
    inputs: Any,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_batched_forward_grad: bool = False,
    check_forward_ad: bool = False,
    check_backward_ad: bool = True,
    fast_mode: bool = False,
    masked: bool | None = None,
) -> bool:
    """Check the gradients of ``func`` at ``inputs`` against central finite differences.

    Parameters
    ----------
    func : callable
        Takes the tensors of ``inputs`` and returns a tensor or a tuple of them.
    inputs : Tensor or tuple
        The point; the tensors that require grad are checked (use ``float64``).
    eps : float
        The finite-difference step.
    atol, rtol : float
        Tolerances, as :func:`funcgrad.torch.allclose`.
    raise_exception : bool
        Raise :class:`GradcheckError` on a mismatch (else return ``False``).
    fast_mode : bool
        Compare one random projection ``v^T J u`` per input/output pair instead of
        whole Jacobians (the message then shows the whole Jacobians too).
    check_forward_ad : bool
        Also compare forward mode's Jacobian (``torch.autograd.forward_ad``).

    Returns
    -------
    bool
        ``True`` if every checked derivative agrees.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    >>> b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradcheck(lambda a, b: (a * b).exp(), (a, b), eps=1e-6, atol=1e-4)
    True
    """
    del nondet_tol, check_undefined_grad, check_grad_dtypes, masked
    del check_batched_grad, check_batched_forward_grad
    inputs = _as_tuple(inputs)
    diff_in = _differentiable_inputs(inputs)
    _check_inputs(inputs, diff_in)
    with enable_grad():
        outputs = _outputs(func, inputs)
    out_ids = _float_outputs(outputs)
    message = None
    if check_backward_ad:
        check = _fast if fast_mode else _slow
        message = check(func, inputs, diff_in, out_ids, eps, atol, rtol)
    if message is None and check_forward_ad:
        message = _check_forward(func, inputs, diff_in, out_ids, eps, atol, rtol)
    if message is None:
        return True
    if raise_exception:
        raise GradcheckError(message)
    return False


def _check_forward(func, inputs, diff_in, out_ids, eps, atol, rtol):
    """Forward mode's Jacobian, one dual tangent per input element, against differences."""
    for i in diff_in:
        x = inputs[i]
        numerical = _numerical_columns(func, inputs, i, eps, out_ids)
        cols = [np.zeros_like(n) for n in numerical]
        for j in range(x.numel()):
            t = np.zeros(x.numel(), dtype=x.dtype.np)
            t[j] = 1
            with fwAD.dual_level():
                args = list(inputs)
                args[i] = fwAD.make_dual(x.detach(), _tensor(t.reshape(tuple(x.shape))))
                outs = _outputs(func, tuple(args))
                for c, k in zip(cols, out_ids):
                    tangent = fwAD.unpack_dual(outs[k]).tangent
                    if tangent is not None:
                        c[j] = np.asarray(tangent._node.primal, dtype=np.float64).reshape(-1)
        for c, n, k in zip(cols, numerical, out_ids):
            if not _close(c, n, atol, rtol):
                return (
                    f"Jacobian computed with forward mode mismatch for output {k} with "
                    f"respect to input {i},\nnumerical:{_fmt(n)}\nanalytical:{_fmt(c)}\n"
                )
    return None


def gradgradcheck(
    func: Callable,
    inputs: Any,
    grad_outputs: Sequence[Any] | Any | None = None,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    gen_non_contig_grad_outputs: bool = False,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_fwd_over_rev: bool = False,
    check_rev_over_rev: bool = True,
    fast_mode: bool = False,
    masked: bool = False,
) -> bool:
    """Check second derivatives: :func:`gradcheck` of the gradients of ``func``.

    The gradients are ``torch.autograd.grad(func(*inputs), inputs, grad_outputs,
    create_graph=True)``, a function of ``inputs`` and ``grad_outputs``; random
    ``grad_outputs`` (which then also require grad) are drawn when none are given.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> x = torch.tensor([0.3, 0.7], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradgradcheck(lambda t: (t ** 3).sum(), (x,))
    True
    """
    del gen_non_contig_grad_outputs, check_fwd_over_rev, masked
    inputs = _as_tuple(inputs)
    diff_in = _differentiable_inputs(inputs)
    _check_inputs(inputs, diff_in)
    if grad_outputs is None:
        with enable_grad():
            outputs = _outputs(func, inputs)
        rng = np.random.default_rng(0)
        grad_outputs = tuple(
            _tensor(rng.uniform(-9.0, 9.0, tuple(o.shape)), dtype=o.dtype).requires_grad_()
            for o in outputs
            if isinstance(o, Tensor) and o.requires_grad
        )
    else:
        grad_outputs = _as_tuple(grad_outputs)
    n_in = len(inputs)

    def new_func(*args):
        xs, gos = args[:n_in], args[n_in:]
        outs = [o for o in _outputs(func, xs) if isinstance(o, Tensor) and o.requires_grad]
        targets = [xs[i] for i in diff_in]
        gs = grad(outs, targets, gos, create_graph=True, allow_unused=True)
        return tuple(g for g in gs if g is not None)

    if not check_rev_over_rev:
        return True
    return gradcheck(
        new_func,
        inputs + tuple(grad_outputs),
        eps=eps,
        atol=atol,
        rtol=rtol,
        raise_exception=raise_exception,
        nondet_tol=nondet_tol,
        check_undefined_grad=check_undefined_grad,
        check_grad_dtypes=check_grad_dtypes,
        check_batched_grad=check_batched_grad,
        fast_mode=fast_mode,
    )
