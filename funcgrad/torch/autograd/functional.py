"""``torch.autograd.functional``: ``vjp``, ``jvp``, ``vhp``, ``hvp``, ``jacobian``, ``hessian``.

Each runs the function on fresh leaves that require grad and differentiates
it with :func:`funcgrad.torch.autograd.grad`, so the rules are the kernel's.
As in PyTorch, ``jvp`` and ``hvp`` use the double-backward trick (a ``vjp``
with a placeholder cotangent recorded with ``create_graph=True``,
differentiated again with respect to the placeholder), and
``jacobian(..., strategy="forward-mode")`` uses dual tensors
(:mod:`funcgrad.torch.autograd.forward_ad`). Arguments are checked and
reported with PyTorch's messages (``strict=True`` included).

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

import numpy as np

from .._graph import enable_grad, is_grad_enabled, set_grad_enabled
from ..factories import tensor as _tensor
from ..factories import zeros_like
from ..functions import stack
from ..tensor import Tensor
from . import forward_ad as fwAD
from .engine import grad as _autograd_grad_fn

__all__ = ["vjp", "jvp", "vhp", "hvp", "jacobian", "hessian"]


# ---------------------------------------------------------------------------
# Shared checks and conversions (PyTorch's messages)
# ---------------------------------------------------------------------------


def _as_tuple(x: Any, arg_name: str, fn_name: str) -> tuple[bool, tuple]:
    if isinstance(x, tuple):
        for i, el in enumerate(x):
            if not isinstance(el, Tensor):
                raise TypeError(
                    f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple of "
                    f"Tensors but the value at index {i} has type {type(el)}."
                )
        return True, x
    if not isinstance(x, Tensor):
        raise TypeError(
            f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple of Tensors "
            f"but the given {arg_name} has type {type(x)}."
        )
    return False, (x,)


def _unpack(res: Any, is_tuple: Any) -> Any:
    """One tensor or a tuple, as the user passed them (nested for Jacobians)."""
    if isinstance(is_tuple, tuple):
        outer, inner = is_tuple
        if not inner:
            res = tuple(r[0] for r in res)
        return res if outer else res[0]
    return res if is_tuple else res[0]


def _preprocess(inputs: tuple, create_graph: bool, need_graph: bool) -> tuple:
    """Fresh leaves (or, under ``create_graph``, views that keep the caller's graph)."""
    out = []
    for x in inputs:
        if create_graph and x.requires_grad:
            out.append(x.view_as(x))
        else:
            out.append(x.detach().requires_grad_(need_graph))
    return tuple(out)


def _postprocess(values: Any, create_graph: bool) -> Any:
    if isinstance(values, tuple):
        return tuple(_postprocess(v, create_graph) for v in values)
    if values is None or create_graph:
        return values
    return values.detach()


def _validate_v(v: tuple, other: tuple, is_other_tuple: bool) -> None:
    if len(other) != len(v):
        if is_other_tuple:
            raise RuntimeError(
                f"v is a tuple of invalid length: should be {len(other)} but got {len(v)}."
            )
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (el_v, el_other) in enumerate(zip(v, other)):
        if tuple(el_v.shape) != tuple(el_other.shape):
            where = f"Entry {i} in " if is_other_tuple else ""
            raise RuntimeError(
                f"{where}v has invalid size: should be {el_other.size()} but got {el_v.size()}."
            )


_NOT_DIFFERENTIABLE = {
    "outputs": "Output {i} of the user-provided function does not require gradients. The "
    "outputs must be computed in a differentiable manner from the input when running in strict "
    "mode.",
    "grad_inputs": "The gradient with respect to input {i} is independent of the inputs of the "
    "user-provided function. This is not allowed in strict mode.",
    "jacobian": "While computing the hessian, found that the jacobian of the user-provided "
    "function with respect to input {i} is independent of the input. This is not allowed in "
    "strict mode. You should ensure that your function is twice differentiable and that the "
    "jacobian depends on the inputs (this would be violated by a linear function for example).",
    "hessian": "The hessian of the user-provided function with respect to input {i} is "
    "independent of the input. This is not allowed in strict mode. You should ensure that your "
    "function is thrice differentiable and that the hessian depends on the inputs.",
}


def _check_requires_grad(values: tuple, kind: str, strict: bool) -> None:
    if not strict:
        return
    for i, t in enumerate(values):
        if t is None:
            raise RuntimeError(
                f"The output of the user-provided function is independent of input {i}. This "
                "is not allowed in strict mode."
            )
        if not t.requires_grad:
            raise RuntimeError(_NOT_DIFFERENTIABLE[kind].format(i=i))


def _grad(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None) -> tuple:
    """``torch.autograd.grad`` over the outputs that require grad (``None`` where unused)."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o is not None and o.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return _autograd_grad_fn(
        [o for o, _ in pairs],
        inputs,
        [g for _, g in pairs] if any(g is not None for _, g in pairs) else None,
        retain_graph=retain_graph,
        create_graph=create_graph,
        allow_unused=True,
    )


_INDEPENDENT = {
    "back": "The output of the user-provided function is independent of input {i}. This is "
    "not allowed in strict mode.",
    "back_trick": "The gradient with respect to the input is independent of entry {i} in the "
    "grad_outputs when using the double backward trick to compute forward mode gradients. This "
    "is not allowed in strict mode.",
    "double_back": "The jacobian of the user-provided function is independent of input {i}. "
    "This is not allowed in strict mode.",
    "double_back_trick": "The hessian of the user-provided function is independent of entry {i} "
    "in the grad_jacobian. This is not allowed in strict mode as it prevents from using the "
    "double backward trick to replace forward mode AD.",
}


def _fill_in_zeros(grads: tuple, refs: tuple, strict: bool, create_graph: bool,
                   stage: str) -> tuple:
    out = []
    for i, g in enumerate(grads):
        if g is None:
            if strict:
                raise RuntimeError(_INDEPENDENT[stage].format(i=i))
            g = zeros_like(refs[i])
        elif strict and create_graph and not g.requires_grad:
            which = "hessian" if "double" in stage else "jacobian"
            raise RuntimeError(
                f"The {which} of the user-provided function is independent of input {i}. This "
                "is not allowed in strict mode when create_graph=True."
            )
        out.append(g)
    return tuple(out)


def _v_or_single(v, against: tuple, against_is_tuple: bool, fn_name: str, create_graph: bool,
                 message: str) -> tuple | None:
    if v is not None:
        _, vs = _as_tuple(v, "v", fn_name)
        vs = _preprocess(vs, create_graph, need_graph=False)
        _validate_v(vs, against, against_is_tuple)
        return vs
    if len(against) != 1 or against[0].numel() != 1:
        raise RuntimeError(message)
    return None


_V_NONE_INPUT = (
    "The vector v can only be None if the input to the user-provided function is a single "
    "Tensor with a single element."
)
_V_NONE_OUTPUT = (
    "The vector v can only be None if the user-provided function returns a single Tensor with "
    "a single element."
)


# ---------------------------------------------------------------------------
# vjp, jvp, vhp, hvp
# ---------------------------------------------------------------------------


def vjp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False):
    """``(func(inputs), v^T J)``: the vector-Jacobian product.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def exp_reducer(x):
    ...     return x.exp().sum(dim=1)
    >>> torch.autograd.functional.vjp(exp_reducer, torch.zeros(2, 2), torch.ones(2))
    (tensor([2., 2.]), tensor([[1., 1.],
            [1., 1.]]))
    >>> def adder(x, y):
    ...     return 2 * x + 3 * y
    >>> torch.autograd.functional.vjp(adder, (torch.zeros(2), torch.ones(2)), torch.ones(2))
    (tensor([3., 3.]), (tensor([2., 2.]), tensor([3., 3.])))
    """
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _preprocess(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided "
                                           "function", "vjp")
        _check_requires_grad(outputs, "outputs", strict)
        vs = _v_or_single(v, outputs, outputs_tuple, "vjp", create_graph, _V_NONE_OUTPUT)
        with set_grad_enabled(True if create_graph else is_grad_enabled()):
            res = _grad(outputs, inputs, vs, create_graph=create_graph)
            result = _fill_in_zeros(res, inputs, strict, create_graph, "back")
    outputs = _postprocess(outputs, create_graph)
    result = _postprocess(result, create_graph)
    return _unpack(outputs, outputs_tuple), _unpack(result, inputs_tuple)


def jvp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False):
    """``(func(inputs), J v)``: the Jacobian-vector product, by the double-backward trick.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def adder(x, y):
    ...     return 2 * x + 3 * y
    >>> v = (torch.ones(2), torch.ones(2))
    >>> torch.autograd.functional.jvp(adder, (torch.zeros(2), torch.ones(2)), v)
    (tensor([3., 3.]), tensor([5., 5.]))
    """
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _preprocess(inputs, create_graph, need_graph=True)
        vs = _v_or_single(v, inputs, inputs_tuple, "jvp", create_graph, _V_NONE_INPUT)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided "
                                           "function", "jvp")
        _check_requires_grad(outputs, "outputs", strict)
        placeholders = tuple(zeros_like(o).requires_grad_(True) for o in outputs)
        grad_inputs = _grad(outputs, inputs, placeholders, create_graph=True)
        _check_requires_grad(grad_inputs, "grad_inputs", strict)
        with set_grad_enabled(True if create_graph else is_grad_enabled()):
            res = _grad(grad_inputs, placeholders, vs, create_graph=create_graph)
            result = _fill_in_zeros(res, outputs, strict, create_graph, "back_trick")
    outputs = _postprocess(outputs, create_graph)
    result = _postprocess(result, create_graph)
    return _unpack(outputs, outputs_tuple), _unpack(result, outputs_tuple)


def _scalar_output(func: Callable, inputs: tuple, strict: bool, fn_name: str) -> tuple:
    outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function",
                                       fn_name)
    _check_requires_grad(outputs, "outputs", strict)
    if outputs_tuple:
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if outputs[0].numel() != 1:
        raise RuntimeError(
            f"The Tensor returned by the function given to {fn_name} should contain a single "
            "element"
        )
    return outputs


def vhp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False):
    """``(func(inputs), v^T H)`` for a function returning one element.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def pow_reducer(x):
    ...     return x.pow(3).sum()
    >>> inputs = torch.tensor([[0.1, 0.2], [0.3, 0.4]])
    >>> torch.autograd.functional.vhp(pow_reducer, inputs, torch.ones(2, 2))
    (tensor(0.1000), tensor([[0.6000, 1.2000],
            [1.8000, 2.4000]]))
    """
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vhp")
        inputs = _preprocess(inputs, create_graph, need_graph=True)
        vs = _v_or_single(v, inputs, inputs_tuple, "vhp", create_graph, _V_NONE_INPUT)
        outputs = _scalar_output(func, inputs, strict, "vhp")
        jac = _grad(outputs, inputs, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict)
        with set_grad_enabled(True if create_graph else is_grad_enabled()):
            res = _grad(jac, inputs, vs, create_graph=create_graph)
            result = _fill_in_zeros(res, inputs, strict, create_graph, "double_back")
    outputs = _postprocess(outputs, create_graph)
    result = _postprocess(result, create_graph)
    return _unpack(outputs, False), _unpack(result, inputs_tuple)


def hvp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False):
    """``(func(inputs), H v)`` for a function returning one element (double-backward trick).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def pow_adder_reducer(x, y):
    ...     return (2 * x.pow(2) + 3 * y.pow(2)).sum()
    >>> inputs = (torch.tensor([0.3, 0.4]), torch.tensor([0.5, 0.6]))
    >>> torch.autograd.functional.hvp(pow_adder_reducer, inputs, (torch.zeros(2), torch.ones(2)))
    (tensor(2.3300), (tensor([0., 0.]), tensor([6., 6.])))
    """
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hvp")
        inputs = _preprocess(inputs, create_graph, need_graph=True)
        vs = _v_or_single(v, inputs, inputs_tuple, "hvp", create_graph, _V_NONE_INPUT)
        outputs = _scalar_output(func, inputs, strict, "hvp")
        jac = _grad(outputs, inputs, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict)
        placeholders = tuple(zeros_like(x).requires_grad_(True) for x in inputs)
        double_back = _grad(jac, inputs, placeholders, create_graph=True)
        _check_requires_grad(jac, "hessian", strict)
        with set_grad_enabled(True if create_graph else is_grad_enabled()):
            res = _grad(double_back, placeholders, vs, create_graph=create_graph)
            result = _fill_in_zeros(res, inputs, strict, create_graph, "double_back_trick")
    outputs = _postprocess(outputs, create_graph)
    result = _postprocess(result, create_graph)
    return _unpack(outputs, False), _unpack(result, inputs_tuple)


# ---------------------------------------------------------------------------
# jacobian, hessian
# ---------------------------------------------------------------------------

_STRATEGY = (
    'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function '
    'has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, '
    'prefer to use "reverse-mode".'
)


def jacobian(
    func: Callable,
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
):
    """The Jacobian of ``func`` at ``inputs``, shaped ``out.shape + in.shape``.

    ``strategy="reverse-mode"`` takes one backward pass per output element;
    ``"forward-mode"`` (with ``vectorize=True``, as PyTorch requires) one dual
    tangent per input element. ``vectorize`` changes no value.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def exp_reducer(x):
    ...     return x.exp().sum(dim=1)
    >>> torch.autograd.functional.jacobian(exp_reducer, torch.zeros(2, 2))
    tensor([[[1., 1.],
             [0., 0.]],
    <BLANKLINE>
            [[0., 0.],
             [1., 1.]]])
    >>> def linear_model(x):
    ...     W = torch.tensor([[2.0, -1.0], [0.0, 1.0]])
    ...     return x @ W.T
    >>> jac = torch.autograd.functional.jacobian(linear_model, torch.ones(4, 2), vectorize=True)
    >>> jac.shape
    torch.Size([4, 2, 4, 2])
    """
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(_STRATEGY)
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(
                "torch.autograd.functional.jacobian: `create_graph=True` and "
                '`strategy="forward-mode"` are not supported together (yet). Please either set '
                '`create_graph=False` or `strategy="reverse-mode"`.'
            )
        if not vectorize:
            raise NotImplementedError(
                "Computing Jacobian using forward-AD or forward-over-reverse Hessian is"
                "only implemented for `vectorize=True`."
            )
        return _jacobian_forward(func, inputs, strict)
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _preprocess(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided "
                                           "function", "jacobian")
        _check_requires_grad(outputs, "outputs", strict)
        table = []
        for i, out in enumerate(outputs):
            rows: list[list] = [[] for _ in inputs]
            flat = out.reshape(-1)
            for k in range(out.numel()):
                gs = _grad((flat[k],), inputs, retain_graph=True, create_graph=create_graph)
                for j, (g, x) in enumerate(zip(gs, inputs)):
                    if g is None:
                        if strict:
                            raise RuntimeError(
                                f"Output {i} of the user-provided function is independent of "
                                f"input {j}. This is not allowed in strict mode."
                            )
                        g = zeros_like(x)
                    elif strict and create_graph and not g.requires_grad:
                        raise RuntimeError(
                            f"The jacobian of the user-provided function is independent of "
                            f"input {i}. This is not allowed in strict mode when "
                            "create_graph=True."
                        )
                    rows[j].append(g)
            table.append(tuple(
                stack(r, 0).view(*out.shape, *x.shape) if r
                else zeros_like(x).reshape(-1)[:0].reshape(*out.shape, *x.shape)
                for r, x in zip(rows, inputs)
            ))
        result = _postprocess(tuple(table), create_graph)
    return _unpack(result, (outputs_tuple, inputs_tuple))


def _jacobian_forward(func: Callable, inputs: Any, strict: bool):
    """The Jacobian by forward mode: one dual tangent per input element."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
    inputs = tuple(x.detach() for x in inputs)
    columns: list[list[list]] = []  # [input][element] -> tangent of each output
    outputs: tuple = ()
    outputs_tuple = False
    for j, x in enumerate(inputs):
        per_element = []
        for k in range(x.numel()):
            basis = np.zeros(x.numel(), dtype=x.dtype.np)
            basis[k] = 1
            with fwAD.dual_level():
                args = list(inputs)
                args[j] = fwAD.make_dual(x, _tensor(basis.reshape(tuple(x.shape))))
                outputs_tuple, outs = _as_tuple(func(*args), "outputs of the user-provided "
                                                "function", "jacobian")
                unpacked = [fwAD.unpack_dual(o) for o in outs]
                outputs = tuple(u.primal for u in unpacked)
                per_element.append([u.tangent for u in unpacked])
        columns.append(per_element)
    if not outputs:
        with enable_grad():
            outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided "
                                               "function", "jacobian")
    table = []
    for i, out in enumerate(outputs):
        row = []
        for j, x in enumerate(inputs):
            cols = []
            for tangents in columns[j]:
                t = tangents[i]
                if t is None:
                    if strict:
                        raise RuntimeError(
                            f"Output {i} of the user-provided function is independent of "
                            f"input {j}. This is not allowed in strict mode."
                        )
                    t = zeros_like(out)
                cols.append(t.reshape(-1))
            jac = stack(cols, 1) if cols else zeros_like(out).reshape(-1, 0)
            row.append(jac.reshape(*out.shape, *x.shape).detach())
        table.append(tuple(row))
    return _unpack(tuple(table), (outputs_tuple, inputs_tuple))


def hessian(
    func: Callable,
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    outer_jacobian_strategy: str = "reverse-mode",
):
    """The Hessian of a function returning one element: the Jacobian of its gradient.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> def pow_adder_reducer(x, y):
    ...     return (2 * x.pow(2) + 3 * y.pow(2)).sum()
    >>> inputs = (torch.tensor([0.3, 0.4]), torch.tensor([0.5, 0.6]))
    >>> torch.autograd.functional.hessian(pow_adder_reducer, inputs)[1][1]
    tensor([[6., 0.],
            [0., 6.]])
    """
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(
            'Expected strategy to be either "forward-mode" or "reverse-mode".'
        )

    def single_output(*xs):
        outputs_tuple, outs = _as_tuple(func(*xs), "outputs of the user-provided function",
                                        "hessian")
        _check_requires_grad(outs, "outputs", strict)
        if outputs_tuple:
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if outs[0].numel() != 1:
            raise RuntimeError(
                "The Tensor returned by the function given to hessian should contain a single "
                "element"
            )
        return outs[0].squeeze()

    def jac_func(*xs):
        if outer_jacobian_strategy == "forward-mode":
            xs = tuple(x.requires_grad_(True) for x in xs)
        jac = jacobian(single_output, xs, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict)
        return jac

    res = jacobian(jac_func, inputs, create_graph=create_graph, strict=strict,
                   vectorize=vectorize, strategy=outer_jacobian_strategy)
    return _unpack(res, (inputs_tuple, inputs_tuple))
