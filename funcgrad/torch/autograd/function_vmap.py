"""``autograd.Function`` under ``torch.func.vmap``: its ``vmap`` staticmethod or
``generate_vmap_rule``, as PyTorch's "Extending torch.func with autograd.Function" describes.

>>> from funcgrad.torch.autograd.function_vmap import VmapInfo
>>> VmapInfo(batch_size=3, randomness="error")
VmapInfo(batch_size=3, randomness='error')
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from ...core.trace import Tracer
from ...transforms.vmap import BatchTrace, BatchTracer
from .._graph import constant
from ..tensor import Tensor

__all__ = ["VmapInfo", "batch_trace", "apply_under_vmap"]

VmapInfo = namedtuple("VmapInfo", ["batch_size", "randomness"])
VmapInfo.__doc__ = """What a Function's ``vmap`` staticmethod learns of the vmap: ``batch_size``
and ``randomness``.

Examples
--------
>>> VmapInfo(batch_size=4, randomness="error").batch_size
4
"""


def batch_trace(tensors: list) -> Any:
    """The innermost vmap the tensors are batched by, if vmap is the innermost transform.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> batch_trace([torch.ones(2)]) is None
    True
    """
    top = None
    for t in tensors:
        v = t._node.primal
        trace: Any = getattr(v, "_trace", None) if isinstance(v, Tracer) else None
        if trace is not None and (top is None or trace.level > top.level):
            top = trace
    return top if top is not None and isinstance(top, BatchTrace) else None


def apply_under_vmap(cls: Any, args: tuple, trace: Any, uses_setup_context: bool,
                     own_rule: bool) -> Any:
    """``cls.apply`` on tensors batched by ``trace``, as PyTorch runs it under vmap: through
    ``cls.vmap`` (``own_rule``), or None for the generated rule (forward and backward run
    batched); PyTorch's errors where neither is given.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> class Twice(torch.autograd.Function):
    ...     generate_vmap_rule = True
    ...     @staticmethod
    ...     def forward(x):
    ...         return x * 2
    ...     @staticmethod
    ...     def setup_context(ctx, inputs, output):
    ...         pass
    ...     @staticmethod
    ...     def backward(ctx, g):
    ...         return g * 2
    >>> torch.vmap(Twice.apply)(torch.ones(2, 3)).shape
    torch.Size([2, 3])
    """
    name = cls.__name__
    if not uses_setup_context:
        raise RuntimeError(
            "In order to use an autograd.Function with functorch transforms (vmap, grad, jvp, "
            "jacrev, ...), it must override the setup_context staticmethod. For more details, "
            "please see https://pytorch.org/docs/main/notes/extending.func.html"
        )
    if own_rule and cls.generate_vmap_rule:
        raise RuntimeError(
            f"You tried to vmap over {name}, but it has both generate_vmap_rule=True and an "
            "overridden vmap staticmethod. Please set generate_vmap_rule=False or delete the "
            "overridden vmap staticmethod to avoid ambiguity. For more details, please see "
            "https://pytorch.org/docs/main/notes/extending.func.html"
        )
    if not own_rule:
        if not cls.generate_vmap_rule:
            raise RuntimeError(
                f"You tried to vmap over {name}, but it does not have vmap support. Please "
                "override and implement the vmap staticmethod or set generate_vmap_rule=True. "
                "For more details, please see https://pytorch.org/docs/main/notes/extending.func.html"
            )
        return None  # the generated rule: forward and backward run batched
    in_dims: list[int | None] = []
    unbatched: list = []
    for a in args:
        v = a._node.primal if isinstance(a, Tensor) else None
        if isinstance(v, BatchTracer) and v._trace is trace:
            unbatched.append(Tensor._from_node(constant(v.val)))
            in_dims.append(v.bdim)
        else:
            unbatched.append(a)
            in_dims.append(None)
    info = VmapInfo(batch_size=trace.size, randomness=getattr(trace, "randomness", "error"))
    result = cls.vmap(info, tuple(in_dims), *unbatched)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise RuntimeError(
            f"The vmap staticmethod of {name} must return a tuple (output, out_dims); got "
            f"{type(result).__name__}."
        )
    output, out_dims = result
    outs = output if isinstance(output, tuple) else (output,)
    dims = out_dims if isinstance(out_dims, tuple) else (out_dims,) * len(outs)
    if len(dims) != len(outs):
        raise RuntimeError(
            f"{name}.vmap returned {len(outs)} outputs but {len(dims)} out_dims: give one "
            "out_dim (an int or None) per output."
        )
    batched = []
    for o, d in zip(outs, dims):
        if d is None or not isinstance(o, Tensor):
            batched.append(o)
        else:
            d = d + o.ndim if d < 0 else d
            batched.append(Tensor._from_node(constant(BatchTracer(trace, o._node.primal, d))))
    return tuple(batched) if isinstance(output, tuple) else batched[0]
