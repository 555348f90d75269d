"""``torch.autograd.functional``: ``vjp``, ``jvp``, ``jacobian``, ``hessian`` on tensors.

Each runs the function on fresh leaves that require grad and differentiates
it with :func:`funcgrad.torch.autograd.grad`, so the rules are the kernel's.
(``jvp`` is the transpose of a ``vjp``, as PyTorch computes it: a ``vjp`` with
a placeholder cotangent recorded with ``create_graph=True``, differentiated
again.)

>>> import funcgrad.torch as torch
>>> def f(x, y):
...     return x * y.sum()
>>> torch.autograd.functional.jacobian(f, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
(tensor([[7., 0.],
        [0., 7.]]), tensor([[1., 1.],
        [2., 2.]]))
>>> torch.autograd.functional.hessian(lambda t: (t ** 2).prod(), torch.tensor([1.0, 2.0]))
tensor([[8., 8.],
        [8., 2.]])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _tuple(x: Any) -> tuple[tuple, bool]:
    from ..tensor import Tensor

    if isinstance(x, Tensor):
        return (x,), True
    return tuple(x), False


def _prepare(inputs: tuple, create_graph: bool) -> tuple:
    out = []
    for x in inputs:
        y = x if (create_graph and x.requires_grad) else x.detach()
        if not y.requires_grad:
            y = y.clone().detach() if y is x else y
            y.requires_grad_(True)
        out.append(y)
    return tuple(out)


def _grads(outputs, inputs, grad_outputs, create_graph, retain_graph=None):
    from . import grad

    return grad(
        outputs,
        inputs,
        grad_outputs,
        retain_graph=retain_graph,
        create_graph=create_graph,
        allow_unused=True,
    )


def _zeros_for_none(gs, inputs):
    from ..factories import zeros_like

    return tuple(zeros_like(x) if g is None else g for g, x in zip(gs, inputs))


def _strip(x, create_graph):
    if x is None or create_graph:
        return x
    return x.detach()


def _call(func: Callable, inputs, create_graph: bool):
    """Run ``func`` on fresh leaves for ``inputs`` (call under ``enable_grad``).

    Returns ``(leaves, inputs was one tensor, outputs, func returned one tensor)``.
    """
    xs, single = _tuple(inputs)
    xs = _prepare(xs, create_graph)
    outs, single_out = _tuple(func(*xs))
    return xs, single, outs, single_out


def _results(outs, single_out, derivs, single_deriv, create_graph):
    """``(outputs, derivatives)`` as the user gets them: detached unless ``create_graph``."""
    out = tuple(_strip(o, create_graph) for o in outs)
    ds = tuple(_strip(d, create_graph) for d in derivs)
    return (out[0] if single_out else out), (ds[0] if single_deriv else ds)


def vjp(func: Callable, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """``(func(inputs), v^T J)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.autograd.functional.vjp(lambda t: t ** 2, torch.ones(2), torch.ones(2))
    (tensor([1., 1.]), tensor([2., 2.]))
    """
    from .._graph import enable_grad
    from ..factories import ones_like

    with enable_grad():
        xs, single, outs, single_out = _call(func, inputs, create_graph)
        vs = _tuple(v)[0] if v is not None else tuple(ones_like(o) for o in outs)
        gs = _zeros_for_none(_grads(outs, xs, vs, create_graph), xs)
    return _results(outs, single_out, gs, single, create_graph)


def jvp(func: Callable, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """``(func(inputs), J v)``, by the double-vjp trick.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.autograd.functional.jvp(lambda t: t ** 2, torch.ones(2), torch.ones(2))
    (tensor([1., 1.]), tensor([2., 2.]))
    """
    from .._graph import enable_grad
    from ..factories import ones_like, zeros_like

    with enable_grad():
        xs, single, outs, single_out = _call(func, inputs, create_graph)
        vs = _tuple(v)[0] if v is not None else tuple(ones_like(x) for x in xs)
        us = tuple(zeros_like(o).requires_grad_(True) for o in outs)
        gs = _grads(outs, xs, us, create_graph=True, retain_graph=True)
        pairs = [(g, vv) for g, vv in zip(gs, vs) if g is not None and g.requires_grad]
        if pairs:
            jv = _grads([p[0] for p in pairs], us, [p[1] for p in pairs], create_graph)
            jv = _zeros_for_none(jv, outs)
        else:
            jv = tuple(zeros_like(o) for o in outs)
    return _results(outs, single_out, jv, single_out, create_graph)


def jacobian(
    func: Callable,
    inputs,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
):
    """The Jacobian of ``func`` at ``inputs`` (``out.shape + in.shape``), a vjp per output element.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.autograd.functional.jacobian(lambda t: t ** 2, torch.tensor([1.0, 2.0]))
    tensor([[2., 0.],
            [0., 4.]])
    """
    from .._graph import enable_grad
    from ..factories import zeros
    from ..functions import stack

    with enable_grad():
        xs, single, outs, single_out = _call(func, inputs, create_graph)
        table = []
        for o in outs:
            rows = [[] for _ in xs]
            flat = o.reshape(-1)
            for k in range(flat.shape[0]):
                gs = _grads(flat[k], xs, None, create_graph, retain_graph=True)
                for j, (g, x) in enumerate(zip(gs, xs)):
                    rows[j].append(zeros(*x.shape, dtype=x.dtype) if g is None else g)
            per_input = []
            for j, x in enumerate(xs):
                if rows[j]:
                    jac = stack(rows[j]).reshape(*o.shape, *x.shape)
                else:
                    jac = zeros(*o.shape, *x.shape, dtype=x.dtype)
                per_input.append(_strip(jac, create_graph))
            table.append(tuple(per_input))
    if single_out and single:
        return table[0][0]
    if single_out:
        return table[0]
    if single:
        return tuple(row[0] for row in table)
    return tuple(table)


def hessian(
    func: Callable,
    inputs,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    outer_jacobian_strategy: str = "reverse-mode",
):
    """The Hessian of a scalar function: the Jacobian of its gradient.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.autograd.functional.hessian(lambda t: (t ** 3).sum(), torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    """
    xs, single = _tuple(inputs)

    def gradient(*ys):
        from . import grad

        out = func(*ys)
        if out.numel() != 1:
            raise RuntimeError(
                "The Tensor returned by the function given to hessian should contain a single "
                "element"
            )
        gs = grad(out.reshape(()), ys, create_graph=True, allow_unused=True)
        return _zeros_for_none(gs, ys)

    jac = jacobian(gradient, xs if not single else xs[0], create_graph=create_graph)
    if single:
        return jac[0] if isinstance(jac, tuple) else jac
    return jac
