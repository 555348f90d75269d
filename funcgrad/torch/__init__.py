"""funcgrad.torch: PyTorch's autograd API on funcgrad's kernel, by changing only the import.

>>> import funcgrad.torch as torch
>>> x = torch.arange(4.0, requires_grad=True)
>>> y = 2 * torch.dot(x, x)
>>> y
tensor(28., grad_fn=<MulBackward0>)
>>> y.backward()
>>> x.grad
tensor([ 0.,  4.,  8., 12.])

A tensor that requires grad records the kernel's own equations as the code
runs (define-by-run, on one global reverse trace); ``backward()`` is the
kernel's reverse walk. Where PyTorch and JAX disagree (``abs`` at 0,
``clamp`` at its bounds, ``max`` along a dim with ties, ``norm`` at 0, ``std``
of a constant, complex gradients, shape-(1,) outputs as scalars) this face
gives PyTorch's answers.

Tensors also go through the functional transforms (``funcgrad.grad``,
``jacrev``, ``vmap``, ``jit``, ...), as in ``torch.func``: to the transforms a
tensor is a pytree node whose one leaf is its array, so the transform traces
the array and the results are tensors again. (``funcgrad.tree`` and
``funcgrad.tree_util`` treat a tensor as a leaf, as JAX treats a torch tensor.)
Autograd state (``requires_grad``, ``grad_fn``, ``.grad``) is not part of the
structure and is left alone.

>>> import funcgrad as fg
>>> fg.grad(lambda t: (t * t).sum())(torch.tensor([1.0, 2.0]))
tensor([2., 4.])
"""

from __future__ import annotations

from . import array_ops as _array_ops
from . import (  # noqa: F401 - torch.linalg, torch.special
    autograd,  # noqa: F401 - torch.autograd
    func,  # noqa: F401 - torch.func
    linalg,
    special,
    tensor_methods,  # noqa: F401 - attaches the Tensor methods
)
from . import functions as _functions
from . import index_ops as _index_ops
from . import legacy as _legacy
from . import mask_ops as _mask_ops
from . import matrix_ops as _matrix_ops
from . import more_ops as _more_ops
from . import out_args as _out_args
from . import search_ops as _search_ops
from ._dtypes import ALIASES as _ALIASES
from ._dtypes import (
    channels_last,
    channels_last_3d,
    contiguous_format,
    device,
    dtype,
    get_default_dtype,
    layout,
    memory_format,
    preserve_format,
    promote_types,
    set_default_dtype,
    strided,
)
from ._graph import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from ._install import install as _install
from ._names import NODES
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled
from .factories import (
    Generator,
    arange,
    as_tensor,
    asarray,
    default_generator,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    initial_seed,
    linspace,
    logspace,
    manual_seed,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randn,
    randn_like,
    randperm,
    seed,
    tensor,
    zeros,
    zeros_like,
)
from .func import vmap
from .functions import (
    abs,
    absolute,
    add,
    addmm,
    all,
    allclose,
    amax,
    amin,
    any,
    argmax,
    argmin,
    bitwise_and,
    bitwise_not,
    bitwise_or,
    bitwise_xor,
    bmm,
    broadcast_to,
    cat,
    ceil,
    chunk,
    clamp,
    clamp_max,
    clamp_min,
    clip,
    clone,
    concat,
    concatenate,
    conj,
    cos,
    cosh,
    count_nonzero,
    cumsum,
    div,
    dot,
    eq,
    equal,
    exp,
    exp2,
    expm1,
    flatten,
    flip,
    float_power,
    floor,
    ge,
    ger,
    gt,
    hstack,
    imag,
    inner,
    is_complex,
    is_floating_point,
    is_tensor,
    isclose,
    isfinite,
    isinf,
    isnan,
    le,
    log,
    log1p,
    log2,
    log10,
    log_softmax,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    logsumexp,
    lt,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    mm,
    moveaxis,
    movedim,
    mul,
    mv,
    nanmean,
    nansum,
    narrow,
    ne,
    neg,
    negative,
    norm,
    numel,
    outer,
    permute,
    pow,
    prod,
    real,
    reciprocal,
    relu,
    remainder,
    repeat,
    reshape,
    round,
    rsqrt,
    select,
    sigmoid,
    sign,
    sin,
    sinh,
    softmax,
    split,
    sqrt,
    square,
    squeeze,
    stack,
    std,
    sub,
    sum,
    swapaxes,
    swapdims,
    t,
    tan,
    tanh,
    trace,
    transpose,
    trunc,
    unbind,
    unsqueeze,
    var,
    vstack,
    where,
)
from .functions import div as divide  # noqa: F401
from .functions import mul as multiply
from .functions import sub as _sub
from .functions import sub as subtract
from .printing import get_printoptions, printoptions, set_printoptions
from .promotion import can_cast, result_type
from .serialization import load, save
from .tensor import Size, Tensor

float32 = float = _ALIASES["float32"]  # noqa: A001 - PyTorch's names
float64 = double = _ALIASES["float64"]
float16 = half = _ALIASES["float16"]
complex64 = cfloat = _ALIASES["complex64"]
complex128 = cdouble = _ALIASES["complex128"]
int64 = long = _ALIASES["int64"]
int32 = int = _ALIASES["int32"]  # noqa: A001
int16 = short = _ALIASES["int16"]
int8 = _ALIASES["int8"]
uint8 = _ALIASES["uint8"]
bool = _ALIASES["bool"]  # noqa: A001
# Named for programs that mention them; NumPy cannot hold their values (using one raises).
bfloat16 = _ALIASES["bfloat16"]
complex32 = chalf = _ALIASES["complex32"]

__version__ = "2.13.0+funcgrad"


def get_default_device():
    """The device factories put tensors on: always the CPU in funcgrad.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.get_default_device()
    device(type='cpu')
    """
    return device("cpu")


class accelerator:  # noqa: N801 - torch.accelerator
    """funcgrad runs on the CPU: there is no accelerator.

    ``torch.accelerator.current_accelerator()`` is None, as in a CPU-only PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.accelerator.is_available(), torch.accelerator.device_count()
    (False, 0)
    >>> torch.accelerator.current_accelerator() is None
    True
    """

    @staticmethod
    def is_available():
        """False: there is no accelerator in funcgrad.

        >>> import funcgrad.torch as torch
        >>> torch.accelerator.is_available()
        False
        """
        return False

    @staticmethod
    def current_accelerator(check_available=False):
        """None: there is no accelerator in funcgrad.

        >>> import funcgrad.torch as torch
        >>> print(torch.accelerator.current_accelerator())
        None
        """
        return None

    @staticmethod
    def device_count():
        """0: there is no accelerator in funcgrad.

        >>> import funcgrad.torch as torch
        >>> torch.accelerator.device_count()
        0
        """
        return 0

    @staticmethod
    def synchronize(device=None):
        """Nothing to wait for: operations on the CPU are done when they return.

        >>> import funcgrad.torch as torch
        >>> torch.accelerator.synchronize()
        """


class cuda:  # noqa: N801 - torch.cuda
    """funcgrad runs on the CPU: ``torch.cuda.is_available()`` is False.

    So scripts that pick a device the usual way run unchanged.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.cuda.is_available(), torch.cuda.device_count()
    (False, 0)
    >>> torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device(type='cpu')
    """

    @staticmethod
    def is_available():
        """False: there is no GPU in funcgrad.

        >>> import funcgrad.torch as torch
        >>> torch.cuda.is_available()
        False
        """
        return False

    @staticmethod
    def device_count():
        """0: there is no GPU in funcgrad.

        >>> import funcgrad.torch as torch
        >>> torch.cuda.device_count()
        0
        """
        return 0


# The training surface, last: it builds on every name above.
from . import distributions, fft, nn, optim, random_inplace, testing, utils  # noqa: E402  # noqa: E402, F401 - torch.distributions, torch.fft
from .runtime import (  # noqa: E402
    are_deterministic_algorithms_enabled,
    backends,
    compile,
    finfo,
    get_num_threads,
    iinfo,
    set_num_threads,
    use_deterministic_algorithms,
)
from .sampling import (  # noqa: E402
    bernoulli,
    get_rng_state,
    multinomial,
    poisson,
    randint_like,
    random,
    set_rng_state,
)

NODES.update(fft.NODE_NAMES)

# PyTorch's legacy spellings: FloatTensor & co, torch.sin_(t), axis=/keepdims=.
globals().update(_legacy.legacy_tensor_types())
globals().update(_legacy.inplace_functions())
set_default_device = _legacy.set_default_device
# out= first (out_args.py), so NumPy's names wrap a function that already takes out=.
_out_args.install(globals(), _out_args.OUT_FUNCTIONS[""], present_only=True)
_legacy.accept_numpy_names(globals(), Tensor)

# More of PyTorch's documented math (more_ops), and NotImplementedError naming what is missing.
globals().update({_n: getattr(_more_ops, _n) for _n in _more_ops.PUBLIC})
for _n in _more_ops.METHODS:
    setattr(Tensor, _n, getattr(_more_ops, _n))
# Indexing operations (gather, scatter, index_select, masked_fill, ...).
_install(_index_ops, globals())
_install(_array_ops, globals())
_install(_mask_ops, globals())
_install(_search_ops, globals())
_install(_matrix_ops, globals())
NODES.update(linalg.NODE_NAMES)
NODES.update(special.NODE_NAMES)
polygamma, mvlgamma = special.TOP_LEVEL["polygamma"], special.TOP_LEVEL["mvlgamma"]
for _n, _fn in special.TENSOR_METHODS.items():
    setattr(Tensor, _n, _fn)
# PyTorch's aliases of comparison and division functions.
greater_equal, greater, less_equal, less, not_equal = ge, gt, le, lt, ne  # noqa: F405
true_divide = div  # noqa: F405
floor_divide = Tensor.floor_divide
for _n in ("greater_equal", "greater", "less_equal", "less", "not_equal", "bitwise_not",
           "bitwise_and", "bitwise_or", "bitwise_xor", "float_power", "logical_xor", "isclose"):
    if not hasattr(Tensor, _n):
        setattr(Tensor, _n, globals()[_n])


def __getattr__(name: str):
    if name in _more_ops.NOT_IMPLEMENTED:
        raise _more_ops.missing(name)
    raise AttributeError(f"module 'funcgrad.torch' has no attribute '{name}'")


def _tensor_getattr(self, name: str):
    if name in _more_ops.NOT_IMPLEMENTED:
        raise _more_ops.missing(name, "Tensor")
    raise AttributeError(f"'Tensor' object has no attribute '{name}'")


Tensor.__getattr__ = _tensor_getattr

# PyTorch's out= for every function that has it (one table, see out_args.py).
_out_args.install(globals(), _out_args.OUT_FUNCTIONS[""])
for _n in ("fft", "linalg", "special"):
    _out_args.install(vars(globals()[_n]), _out_args.OUT_FUNCTIONS[_n])
_out_args.strip_from_methods(Tensor)  # PyTorch's methods have no out=

# Parameters, Returns and See Also of every public name (see _docs.py), last: after
# every name above exists.
import sys as _sys  # noqa: E402

from . import _docs  # noqa: E402

_docs.complete_face(_sys.modules, Tensor)
