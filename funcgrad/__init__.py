"""funcgrad: automatic differentiation for NumPy code.

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> fg.grad(lambda x: fnp.sum(fnp.sin(x) ** 2))(fnp.asarray([0.0, 1.0]))
array([0.        , 0.90929743])
"""

from . import (
    ad_checkpoint,
    array_api,  # traced values answer __array_namespace__ with it
    debug,
    flatten_util,
    lax,
    nn,
    numpy,  # noqa: F401 - binds the operators of traced values
    optimizers,
    random,
    test_util,
    tree,
    tree_util,
)
from .callbacks import (
    ShapeDtypeStruct,
    effects_barrier,
    eval_shape,
    io_callback,
    pure_callback,
    typeof,
)
from .core.array import Array
from .core.config import config, debug_nans, disable_jit
from .core.ir import IR
from .core.trace import ConcretizationError, TracerConversionError, UnexpectedTracerError
from .device_api import (
    default_backend,
    device_count,
    device_get,
    device_put,
    devices,
    local_device_count,
    local_devices,
    process_count,
    process_index,
)
from .differential_operators import (
    deriv,
    grad_and_aux,
    grad_named,
    hessian_tensor_product,
    hessian_vector_product,
    holomorphic_grad,
    make_ggnvp,
    make_hvp,
    make_jvp,
    make_vjp,
    multigrad_dict,
    tensor_jacobian_product,
    vector_jacobian_product,
)
from .transforms.checkpoint import checkpoint, checkpoint_policies, remat
from .transforms.custom import custom_jvp, custom_vjp, stop_gradient
from .transforms.forward import jvp
from .transforms.jacobians import hessian, jacfwd, jacobian, jacrev
from .transforms.jit import block_until_ready, jit, make_source
from .transforms.linear_transpose import linear_transpose
from .transforms.linearize import linearize
from .transforms.pmap import pmap
from .transforms.pullback import elementwise_grad, fwd_and_bwd, vjp
from .transforms.reverse import grad, value_and_grad
from .transforms.staging import make_ir
from .transforms.vmap import vmap

make_jaxpr = make_ir  # JAX's name

__version__ = "0.1.0"

__all__ = [
    "Array", "ad_checkpoint", "array_api", "checkpoint_policies",
    "config", "debug", "debug_nans", "disable_jit", "flatten_util", "fwd_and_bwd",
    "test_util", "tree",
    "IR", "ConcretizationError", "TracerConversionError", "UnexpectedTracerError", "checkpoint",
    "custom_jvp",
    "custom_vjp", "elementwise_grad", "grad", "remat", "stop_gradient",
    "hessian", "jacfwd", "jacobian", "jacrev", "jit", "jvp", "linear_transpose", "linearize",
    "make_ir",
    "lax", "make_jaxpr", "make_source", "block_until_ready", "nn", "optimizers", "random",
    "tree_util",
    "value_and_grad", "vjp", "vmap", "pmap",
    "default_backend", "device_count", "device_get", "device_put", "devices",
    "local_device_count", "local_devices", "process_count", "process_index",
    "deriv", "grad_and_aux", "grad_named", "hessian_tensor_product", "hessian_vector_product",
    "holomorphic_grad", "make_ggnvp", "make_hvp", "make_jvp", "make_vjp", "multigrad_dict",
    "tensor_jacobian_product", "vector_jacobian_product",
    "ShapeDtypeStruct", "effects_barrier", "eval_shape", "io_callback", "pure_callback",
    "typeof",
]

# Parameters, Returns and See Also of the JAX-style faces (see _docs.py), last.
from . import _docs  # noqa: E402

_docs.complete_all()
