"""``torch.autograd``: ``backward``, ``grad`` and ``functional`` on the kernel's reverse walk.

Both entry points call :func:`funcgrad.transforms.reverse.backward_pass`, the
one reverse walk of the project, with an ``on_grad`` callback that does what
only this face knows about: version checks of saved values, hooks,
``retain_grad``, accumulation into the leaves' ``.grad``, and PyTorch's error
for a graph already freed by an earlier backward pass.

>>> import funcgrad.torch as torch
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> y = (x ** 3).sum()
>>> g, = torch.autograd.grad(y, x, create_graph=True)
>>> g
tensor([ 3., 12.], grad_fn=<MulBackward0>)
>>> g.sum().backward()
>>> x.grad
tensor([ 6., 12.])
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...core.trace import Tracer
from ...numpy import conj
from ...transforms.forward import JVPTracer
from ...transforms.reverse import backward_pass
from .._graph import (
    TRACE,
    Node,
    _state,
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from ..legacy import Variable  # noqa: F401 - torch.autograd.Variable
from ..tensor import Size, Tensor, check_saved
from . import (  # noqa: F401 - torch.autograd.functional
    anomaly_mode,
    engine,
    function,  # noqa: F401 - torch.autograd.function
    functional,
    graph,  # noqa: F401 - torch.autograd.graph: to_dot, to_svg, hooks
    saved_hooks,
)
from .anomaly_mode import detect_anomaly, set_detect_anomaly  # noqa: F401
from .engine import backward, grad
from .function import Function, once_differentiable  # noqa: F401
from .gradcheck import GradcheckError, gradcheck, gradgradcheck  # noqa: F401

__all__ = [
    "backward",
    "grad",
    "functional",
    "graph",
    "Function",
    "no_grad",
    "enable_grad",
    "set_grad_enabled",
    "Variable",
    "gradcheck",
    "gradgradcheck",
]




del Sequence, Tracer, is_grad_enabled
