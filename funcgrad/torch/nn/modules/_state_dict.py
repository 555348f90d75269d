"""``state_dict`` and ``load_state_dict`` with PyTorch's dotted key names.

:class:`~funcgrad.torch.nn.Module` inherits them from :class:`StateDictMixin`.

>>> import funcgrad.torch as torch
>>> list(torch.nn.Linear(2, 1).state_dict())
['weight', 'bias']
"""

from __future__ import annotations

from collections import OrderedDict, namedtuple
from collections.abc import Callable
from typing import Any

from ..._graph import no_grad
from ...tensor import Tensor
from ..parameter import Parameter, UninitializedBuffer, UninitializedParameter

__all__ = ["StateDictMixin"]


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    __slots__ = ()

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__



class StateDictMixin:
    """The part of ``nn.Module`` that saves and restores its parameters and buffers.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> a, b = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    >>> b.load_state_dict(a.state_dict())
    <All keys matched successfully>
    """

    # What the mixin uses of nn.Module.
    named_modules: Callable[..., Any]
    _get_name: Callable[[], str]

    def state_dict(
        self, *args: Any, destination: Any = None, prefix: str = "", keep_vars: bool = False
    ) -> OrderedDict:
        """An ordered dict of every parameter and persistent buffer, by dotted name.

        The values are detached tensors sharing storage with the module's
        (``keep_vars=True`` keeps the parameters themselves).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
        >>> list(net.state_dict())  # doctest: +NORMALIZE_WHITESPACE
        ['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var',
         '1.num_batches_tracked']
        """
        if args:
            destination = args[0] if destination is None else destination
            if len(args) > 1:
                prefix = args[1]
            if len(args) > 2:
                keep_vars = args[2]
        if destination is None:
            destination = OrderedDict()
        for name, module in self.named_modules(prefix=prefix.rstrip("."), remove_duplicate=False):
            dot = name + "." if name else ""
            for key, param in module._parameters.items():
                if param is not None:
                    keep = keep_vars or isinstance(param, UninitializedParameter)
                    destination[dot + key] = param if keep else param.detach()
            for key, buf in module._buffers.items():
                if buf is not None and key not in module._non_persistent_buffers_set:
                    keep = keep_vars or isinstance(buf, UninitializedBuffer)
                    destination[dot + key] = buf if keep else buf.detach()
            extra = getattr(type(module), "get_extra_state", None)
            if extra is not None and extra is not StateDictMixin.get_extra_state:
                destination[dot + "_extra_state"] = module.get_extra_state()
        return destination

    def get_extra_state(self) -> Any:
        """Extra state for :meth:`state_dict`: override with ``set_extra_state`` to use it.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.ReLU().get_extra_state()
        Traceback (most recent call last):
        ...
        RuntimeError: Reached a code path in Module.get_extra_state() that should never be called.
        """
        raise RuntimeError(
            "Reached a code path in Module.get_extra_state() that should never be called."
        )

    def set_extra_state(self, state: Any) -> None:
        """Restore what :meth:`get_extra_state` returned (override both to use them).

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.nn.ReLU().set_extra_state({})
        Traceback (most recent call last):
        ...
        RuntimeError: Reached a code path in Module.set_extra_state() that should never be called.
        """
        raise RuntimeError(
            "Reached a code path in Module.set_extra_state() that should never be called."
        )

    def load_state_dict(self, state_dict: Any, strict: bool = True, assign: bool = False):
        """Copy parameters and buffers from ``state_dict`` into this module.

        Returns ``(missing_keys, unexpected_keys)``; with ``strict`` (the
        default) any of either, or a shape mismatch, raises.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> a, b = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
        >>> b.load_state_dict(a.state_dict())
        <All keys matched successfully>
        >>> torch.equal(a.weight, b.weight)
        True
        """
        if not hasattr(state_dict, "keys"):
            raise TypeError(
                f"Expected state_dict to be dict-like, got {type(state_dict)}."
            )
        missing: list[str] = []
        unexpected: list[str] = []
        errors: list[str] = []
        expected: set[str] = set()
        for name, module in self.named_modules(remove_duplicate=False):
            dot = name + "." if name else ""
            local = [(k, v, True) for k, v in module._parameters.items() if v is not None]
            local += [
                (k, v, False)
                for k, v in module._buffers.items()
                if v is not None and k not in module._non_persistent_buffers_set
            ]
            for key, current, is_param in local:
                full = dot + key
                expected.add(full)
                if full not in state_dict:
                    missing.append(full)
                    continue
                value = state_dict[full]
                if not isinstance(value, Tensor):
                    errors.append(
                        f'While copying the parameter named "{full}", expected torch.Tensor or '
                        f"Tensor-like object from checkpoint but received {type(value)}"
                    )
                    continue
                if isinstance(current, (UninitializedParameter, UninitializedBuffer)) and \
                        not isinstance(value, (UninitializedParameter, UninitializedBuffer)):
                    # A lazy module takes the checkpoint's shape, as PyTorch's load hook does.
                    current.materialize(value.shape)
                if tuple(value.shape) != tuple(current.shape):
                    errors.append(
                        f"size mismatch for {full}: copying a param with shape {value.shape} "
                        f"from checkpoint, the shape in current model is {current.shape}."
                    )
                    continue
                if assign:
                    if is_param:
                        setattr(module, key, Parameter(value, current.requires_grad))
                    else:
                        module._buffers[key] = value
                else:
                    with no_grad():
                        current.copy_(value)
            if getattr(type(module), "set_extra_state", None) is not StateDictMixin.set_extra_state:
                full = dot + "_extra_state"
                expected.add(full)
                if full in state_dict:
                    module.set_extra_state(state_dict[full])
                else:
                    missing.append(full)
        if strict:
            unexpected = [k for k in state_dict.keys() if k not in expected]
        if strict:
            if unexpected:
                errors.insert(
                    0,
                    "Unexpected key(s) in state_dict: "
                    + ", ".join(f'"{k}"' for k in unexpected)
                    + ". ",
                )
            if missing:
                errors.insert(
                    0,
                    "Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ". ",
                )
        if errors:
            raise RuntimeError(
                f"Error(s) in loading state_dict for {self._get_name()}:\n\t"
                + "\n\t".join(errors)
            )
        return _IncompatibleKeys(missing if strict or missing else [], unexpected)
