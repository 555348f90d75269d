"""``torch.func``: PyTorch's function transforms, which are funcgrad's own transforms.

``torch.func.grad`` is :func:`funcgrad.grad`, ``vmap`` is :func:`funcgrad.vmap`,
and so on: a tensor is a pytree whose one leaf is its array, so the transform
traces the array, the torch operations bind the kernel's primitives on the
traced values, and the results come back as tensors. This module adds only
PyTorch's signatures, return orders and messages, plus the two helpers for
modules, :func:`functional_call` and :func:`stack_module_state`, which work
with any object that has PyTorch's ``Module`` contract (``named_parameters``,
``named_buffers``, ``_parameters``/``_buffers``/``_modules`` dicts).

>>> import funcgrad.torch as torch
>>> from funcgrad.torch.func import grad, vmap
>>> grad(lambda t: (t.sin() ** 2).sum())(torch.tensor([1.0, 2.0]))
tensor([ 0.9093, -0.7568])
>>> vmap(torch.dot)(torch.ones(2, 3), torch.ones(2, 3))
tensor([3., 3.])
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..core.tree_util import tree_map
from ..transforms import forward as _forward
from ..transforms import jacobians as _jacobians
from ..transforms import pullback as _pullback
from ..transforms import reverse as _reverse
from ..transforms import vmap as _vmap
from .functions import stack as _stack
from .tensor import Tensor

__all__ = [
    "grad",
    "grad_and_value",
    "vjp",
    "jvp",
    "jacrev",
    "jacfwd",
    "hessian",
    "vmap",
    "functional_call",
    "stack_module_state",
]


# ---------------------------------------------------------------------------
# grad, grad_and_value
# ---------------------------------------------------------------------------


def _is_subclass_tensor(x: Any) -> bool:
    return isinstance(x, Tensor) and type(x) is not Tensor


def _plain(tree: Any) -> Any:
    """``tree`` with ``nn.Parameter`` (any Tensor subclass) leaves as plain tensors of the same
    values and graph node.

    funcgrad's pytrees know ``Tensor`` by its exact class, so a parameter would
    not flatten as a tensor; PyTorch's transforms take ``dict(model.named_parameters())``
    as readily as detached copies.
    """
    if not any(_is_subclass_tensor(x) for x in _leaves(tree)):
        return tree
    out = tree_map(lambda x: Tensor._from_node(x._node) if _is_subclass_tensor(x) else x, tree,
                   is_leaf=lambda x: isinstance(x, Tensor))
    return _in_order_of(out, tree)


def _leaves(tree: Any) -> list:
    found: list = []
    tree_map(found.append, tree, is_leaf=lambda x: isinstance(x, Tensor))
    return found


def _scalar_checked(func: Callable, has_aux: bool) -> Callable:
    """``func`` with PyTorch's checks of what ``grad`` differentiates."""

    def checked(*args, **kwargs):
        out = func(*args, **kwargs)
        value = out
        if has_aux:
            if not (isinstance(out, tuple) and len(out) == 2):
                raise RuntimeError(
                    "grad_and_value(f)(*args): output of function f should be a tuple: "
                    "(output, aux) if has_aux is True"
                )
            value = out[0]
        if not isinstance(value, Tensor):
            raise RuntimeError(
                "grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got "
                f"{type(value)}"
            )
        if value.dim() != 0:
            raise RuntimeError(
                "grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got "
                f"tensor with {value.dim()} dims. Maybe you wanted to use the vjp or jacrev "
                "APIs instead?"
            )
        return out

    return checked


def grad_and_value(func: Callable, argnums: int | tuple[int, ...] = 0,
                   has_aux: bool = False) -> Callable:
    """A function returning ``(gradient, value)`` of ``func`` (note PyTorch's order).

    With ``has_aux=True``, ``func`` returns ``(value, aux)`` and the result is
    ``(gradient, (value, aux))``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import grad_and_value
    >>> grad_and_value(lambda t: (t ** 2).sum())(torch.tensor([1.0, 2.0, 3.0]))
    (tensor([2., 4., 6.]), tensor(14.))
    """
    inner = _reverse.value_and_grad(_scalar_checked(func, has_aux), argnums, has_aux)

    def wrapper(*args, **kwargs):
        args, kwargs = _plain(args), _plain(kwargs)
        value, g = inner(*args, **kwargs)
        if isinstance(argnums, int):
            g = _in_order_of(g, args[argnums])
        else:
            g = tuple(_in_order_of(gi, args[i]) for gi, i in zip(g, argnums))
        return g, value

    return wrapper


def grad(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False) -> Callable:
    """The gradient of a function returning a scalar tensor (:func:`funcgrad.grad`).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import grad
    >>> grad(grad(lambda t: t.sin()))(torch.tensor(1.0))
    tensor(-0.8415)
    >>> grad(lambda t, u: (t * u).sum(), argnums=(0, 1))(torch.ones(2), torch.tensor([2.0, 3.0]))
    (tensor([2., 3.]), tensor([1., 1.]))
    """
    inner = grad_and_value(func, argnums, has_aux)

    def wrapper(*args, **kwargs):
        g, value = inner(*args, **kwargs)
        return (g, value[1]) if has_aux else g

    return wrapper


def _in_order_of(value: Any, template: Any) -> Any:
    """``value`` with its dicts' keys in ``template``'s order (PyTorch keeps insertion order;
    funcgrad's pytrees, as JAX's, sort keys)."""
    root = [value]
    stack = [(root, 0, template)]
    while stack:
        holder, key, like = stack.pop()
        v = holder[key]
        if isinstance(v, dict) and isinstance(like, Mapping) and set(v) == set(like):
            new = {k: v[k] for k in like}
            holder[key] = new
            stack.extend((new, k, like[k]) for k in like)
        elif isinstance(v, (list, tuple)) and isinstance(like, (list, tuple)) \
                and len(v) == len(like):
            items = list(v)
            stack.extend((items, i, like[i]) for i in range(len(items)))
            holder[key] = _Rebuild(type(v), items)
    return _finish(root[0])


class _Rebuild:
    """A list or tuple whose items are still being reordered."""

    def __init__(self, kind: type, items: list) -> None:
        self.kind, self.items = kind, items


def _finish(value: Any) -> Any:
    """Turn the :class:`_Rebuild` placeholders left by :func:`_in_order_of` into containers."""
    if not isinstance(value, (_Rebuild, dict)):
        return value
    root = [value]
    order = []  # (holder, key) in the order found; built back to front
    stack = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        v = holder[key]
        order.append((holder, key))
        if isinstance(v, _Rebuild):
            stack.extend((v.items, i) for i in range(len(v.items)))
        elif isinstance(v, dict):
            stack.extend((v, k) for k in v)
    for holder, key in reversed(order):
        v = holder[key]
        if isinstance(v, _Rebuild):
            holder[key] = v.kind(v.items) if v.kind in (list, tuple) else v.kind(*v.items)
    return root[0]


# ---------------------------------------------------------------------------
# vjp, jvp, jacobians
# ---------------------------------------------------------------------------


def vjp(func: Callable, *primals: Any, has_aux: bool = False):
    """``(output, vjp_fn)`` (and ``aux``): ``vjp_fn(cotangents)`` returns one gradient per primal.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import vjp
    >>> out, vjp_fn = vjp(torch.sin, torch.tensor([0.0, 1.0]))
    >>> vjp_fn(torch.ones(2))
    (tensor([1.0000, 0.5403]),)
    """
    primals = _plain(primals)
    out, vjp_fn, *aux = _pullback.vjp(func, *primals, has_aux=has_aux)

    def ordered_vjp_fn(cotangents):
        return _in_order_of(vjp_fn(cotangents), primals)

    return (out, ordered_vjp_fn, *aux)


def jvp(func: Callable, primals: Any, tangents: Any, *, strict: bool = False,
        has_aux: bool = False):
    """``(output, jvp_out)`` (and ``aux``): the output and its derivative along ``tangents``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import jvp
    >>> jvp(torch.sin, (torch.tensor([0.0, 1.0]),), (torch.ones(2),))
    (tensor([0.0000, 0.8415]), tensor([1.0000, 0.5403]))
    """
    del strict
    for name, value in (("primals", primals), ("tangents", tangents)):
        if not isinstance(value, tuple):
            raise RuntimeError(
                f"jvp(f, primals, tangents): Expected {name} to be a tuple. E.g. it should be "
                "valid to call f(*primals)."
            )
    if len(primals) != len(tangents):
        raise RuntimeError(
            "jvp(f, primals, tangents): Expected primals and tangents to have the same python "
            f"structure. For example, if primals is a tuple of 3 tensors, tangents also must be. "
            f"Got primals with {len(primals)} and tangents with {len(tangents)} entries."
        )
    return _forward.jvp(func, _plain(primals), _plain(tangents), has_aux=has_aux)


def _ordered_jacobian(make: Callable, func: Callable, argnums: Any, has_aux: bool,
                      twice: bool = False) -> Callable:
    """``make(func, argnums)`` taking parameters as tensors, with the result's dicts in
    PyTorch's order: the output's structure holding the differentiated argument's
    (``twice`` for the Hessian: the argument's structure holding itself)."""
    seen: list[Any] = []

    def traced(*args, **kwargs):
        out = func(*args, **kwargs)
        seen[:] = [out[0] if has_aux else out]
        return out

    jac = make(traced, argnums, has_aux=has_aux) if has_aux else make(traced, argnums)

    def call(*args, **kwargs):
        args, kwargs = _plain(args), _plain(kwargs)
        result = jac(*args, **kwargs)
        wrt = args[argnums] if isinstance(argnums, int) else tuple(args[i] for i in argnums)
        outer = wrt if twice else seen[0]
        like = _in_order_of(
            tree_map(lambda _: wrt, outer, is_leaf=lambda x: isinstance(x, Tensor)), outer)
        if has_aux:
            return (_in_order_of(result[0], like), result[1])
        return _in_order_of(result, like)

    return call


def jacrev(func: Callable, argnums: int | tuple[int, ...] = 0, *, has_aux: bool = False,
           chunk_size: int | None = None, _preallocate_and_copy: bool = False) -> Callable:
    """The Jacobian by reverse mode (:func:`funcgrad.jacrev`); shape ``out.shape + in.shape``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import jacrev
    >>> jacrev(lambda t: t ** 2)(torch.tensor([1.0, 2.0]))
    tensor([[2., 0.],
            [0., 4.]])
    """
    del chunk_size, _preallocate_and_copy
    return _ordered_jacobian(_jacobians.jacrev, func, argnums, has_aux)


def jacfwd(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False, *,
           randomness: str = "error") -> Callable:
    """The Jacobian by forward mode (:func:`funcgrad.jacfwd`).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import jacfwd
    >>> jacfwd(lambda a, b: a * b, argnums=1)(torch.tensor([1.0, 2.0]), torch.ones(2))
    tensor([[1., 0.],
            [0., 2.]])
    """
    del randomness
    return _ordered_jacobian(_jacobians.jacfwd, func, argnums, has_aux)


def hessian(func: Callable, argnums: int | tuple[int, ...] = 0) -> Callable:
    """The Hessian, ``jacfwd(jacrev(func))`` (:func:`funcgrad.hessian`).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import hessian
    >>> hessian(lambda t: (t ** 3).sum())(torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    """
    return _ordered_jacobian(_jacobians.hessian, func, argnums, False, twice=True)


def vmap(func: Callable, in_dims: Any = 0, out_dims: Any = 0, randomness: str = "error", *,
         chunk_size: int | None = None) -> Callable:
    """``func`` mapped over a batch dimension of its arguments (:func:`funcgrad.vmap`).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import vmap
    >>> vmap(lambda a, b: a * b, in_dims=(0, None))(torch.ones(2, 3), torch.tensor([1.0, 2.0, 3.0]))
    tensor([[1., 2., 3.],
            [1., 2., 3.]])
    """
    del randomness, chunk_size
    # funcgrad's pytrees sort dict keys, as JAX's; PyTorch's keep insertion order, so
    # the function sees its arguments' dicts, and its caller the output's, in their order.
    given: list[Any] = []
    template: list[Any] = []

    def traced(*args, **kwargs):
        args, kwargs = _in_order_of((args, kwargs), given[0])
        out = func(*args, **kwargs)
        template[:] = [out]
        return out

    mapped = _vmap.vmap(traced, in_axes=in_dims, out_axes=out_dims)

    def wrapper(*args, **kwargs):
        args, kwargs = _plain(args), _plain(kwargs)
        given[:] = [(args, kwargs)]
        return _in_order_of(mapped(*args, **kwargs), template[0])

    return functools.wraps(func)(wrapper)


# ---------------------------------------------------------------------------
# Modules as functions
# ---------------------------------------------------------------------------


def _owner(module: Any, name: str) -> tuple[Any, str]:
    """The submodule that holds ``name`` (``"lin.weight"``) and the last part of the name."""
    *path, last = name.split(".")
    owner = module
    for part in path:
        modules = getattr(owner, "_modules", None)
        owner = modules[part] if modules is not None and part in modules else getattr(owner, part)
    return owner, last


@contextlib.contextmanager
def _swapped(module: Any, values: Mapping[str, Any]) -> Iterator[None]:
    """``module`` with the named parameters and buffers replaced by ``values`` for a while."""
    undo: list[tuple[Any, str, str | None, Any]] = []
    try:
        for name, value in values.items():
            owner, last = _owner(module, name)
            for table in ("_parameters", "_buffers"):
                entries = owner.__dict__.get(table)
                if entries is not None and last in entries:
                    undo.append((owner, last, table, entries[last]))
                    entries[last] = value
                    break
            else:
                undo.append((owner, last, None, owner.__dict__.get(last, _MISSING)))
                object.__setattr__(owner, last, value)
        yield
    finally:
        for owner, last, table, old in reversed(undo):
            if table is not None:
                owner.__dict__[table][last] = old
            elif old is _MISSING:
                object.__delattr__(owner, last)
            else:
                object.__setattr__(owner, last, old)


_MISSING = object()


def functional_call(module: Any, parameter_and_buffer_dicts: Any, args: Any = None,
                    kwargs: dict | None = None, *, tie_weights: bool = True,
                    strict: bool = False) -> Any:
    """Call ``module`` with its parameters and buffers replaced by the given tensors.

    The module is left as it was. With transforms (``grad``, ``vmap``), this is
    how a model becomes a function of its parameters.

    Parameters
    ----------
    module : Module
        The model (anything with PyTorch's ``Module`` contract).
    parameter_and_buffer_dicts : dict or tuple of dicts
        Names (as ``named_parameters()`` gives them) to tensors.
    args, kwargs
        The call's arguments (a single non-tuple ``args`` is one argument).
    strict : bool
        Every parameter and buffer must be given, and nothing else.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import functional_call, grad
    >>> class Scale:  # the Module contract, in miniature
    ...     def __init__(self):
    ...         self._parameters = {"w": torch.tensor(2.0, requires_grad=True)}
    ...         self._buffers, self._modules = {}, {}
    ...     def named_parameters(self):
    ...         return iter(self._parameters.items())
    ...     def named_buffers(self):
    ...         return iter(())
    ...     def __call__(self, x):
    ...         return self._parameters["w"] * x
    >>> m = Scale()
    >>> functional_call(m, {"w": torch.tensor(5.0)}, (torch.tensor(3.0),))
    tensor(15.)
    >>> grad(lambda p: functional_call(m, p, torch.tensor(3.0)))({"w": torch.tensor(5.0)})
    {'w': tensor(3.)}
    """
    del tie_weights
    if isinstance(parameter_and_buffer_dicts, Mapping):
        values = dict(parameter_and_buffer_dicts)
    elif isinstance(parameter_and_buffer_dicts, Sequence):
        values = {}
        for d in parameter_and_buffer_dicts:
            for key, v in d.items():
                if key in values:
                    raise ValueError(
                        f"{key} appeared in multiple dictionaries; behavior of functional call "
                        "is ambiguous"
                    )
                values[key] = v
    else:
        raise ValueError(
            "Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of dicts, but "
            f"got {type(parameter_and_buffer_dicts)}"
        )
    if strict:
        expected = [n for n, _ in module.named_parameters()] + [
            n for n, _ in module.named_buffers()
        ]
        unexpected = sorted(set(values) - set(expected))
        missing = sorted(set(expected) - set(values))
        if unexpected or missing:
            lines = [f"Error(s) in reparametrizing for {type(module).__name__}:"]
            if unexpected:
                lines.append(f"\tUnexpected key(s): {', '.join(repr(k) for k in unexpected)}.")
            if missing:
                lines.append(f"\tMissing key(s): {', '.join(repr(k) for k in missing)}.")
            raise RuntimeError("\n".join(lines))
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    with _swapped(module, values):
        return module(*args, **(kwargs or {}))


def stack_module_state(models: Sequence[Any]) -> tuple[dict, dict]:
    """The parameters and buffers of several same-shaped models, stacked along a new first dim.

    Parameters that require grad give new leaves that require grad (detached
    from the models), ready for ``vmap`` over :func:`functional_call`.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.func import stack_module_state
    >>> class Lin:
    ...     def __init__(self, w):
    ...         self._parameters = {"w": torch.tensor(w, requires_grad=True)}
    ...         self._buffers, self._modules, self.training = {}, {}, True
    ...     def named_parameters(self):
    ...         return iter(self._parameters.items())
    ...     def named_buffers(self):
    ...         return iter(())
    >>> params, buffers = stack_module_state([Lin([1.0, 2.0]), Lin([3.0, 4.0])])
    >>> params["w"], buffers
    (tensor([[1., 2.],
            [3., 4.]], requires_grad=True), {})
    """
    models = list(models)
    if not models:
        raise RuntimeError("stack_module_state: Expected at least one model, got 0.")
    first = models[0]
    if not all(getattr(m, "training", None) == getattr(first, "training", None) for m in models):
        raise RuntimeError(
            "stack_module_state: Expected all models to have the same training/eval mode."
        )
    if not all(type(m) is type(first) for m in models):
        raise RuntimeError(
            "stack_module_state: Expected all models to be of the same class, got "
            f"{[type(m) for m in models]}"
        )
    all_params = [dict(m.named_parameters()) for m in models]
    all_buffers = [dict(m.named_buffers()) for m in models]

    def stacked(tensors: list, name: str) -> Tensor:
        requires = [t.requires_grad for t in tensors]
        if any(requires) and not all(requires):
            raise RuntimeError(
                f"Expected {name} from each model to have the same .requires_grad"
            )
        result = _stack([t.detach() for t in tensors])
        return result.requires_grad_() if all(requires) else result

    params = {k: stacked([p[k] for p in all_params], k) for k in all_params[0]}
    buffers = {k: stacked([b[k] for b in all_buffers], k) for k in all_buffers[0]}
    return params, buffers
