"""funcgrad: automatic differentiation for NumPy code.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> fg.grad(lambda x: fnp.sum(fnp.sin(x) ** 2))(fnp.asarray([0.0, 1.0]))
array([0.        , 0.90929743])
"""

from . import (
    numpy,  # noqa: F401 - binds the operators of traced values
    tree_util,
)
from .core.ir import IR
from .core.trace import ConcretizationError, UnexpectedTracerError
from .transforms.forward import jvp
from .transforms.jacobians import hessian, jacfwd, jacobian, jacrev
from .transforms.reverse import elementwise_grad, grad, value_and_grad, vjp
from .transforms.staging import make_ir

__version__ = "0.1.0"

__all__ = [
    "IR", "ConcretizationError", "UnexpectedTracerError", "elementwise_grad", "grad",
    "hessian", "jacfwd", "jacobian", "jacrev", "jvp", "make_ir", "tree_util",
    "value_and_grad", "vjp",
]
