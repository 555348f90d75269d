"""funcgrad.numpy: NumPy's names, differentiable.

Every function accepts NumPy arrays, Python scalars and traced values, and
follows NumPy's broadcasting and dtype rules. Functions that only create
constants (``zeros``, ``arange``, ...) and NumPy's dtypes and constants are
NumPy's own. Plain NumPy calls on traced values (``np.sin(x)``) are routed
here by :mod:`funcgrad.numpy._dispatch`.
"""

import sys as _sys

import numpy as _np
from numpy import (  # noqa: F401 - constants, dtypes and constant factories are NumPy's own
    arange,
    bool_,
    complex64,
    complex128,
    dtype,
    e,
    empty,
    euler_gamma,
    eye,
    finfo,
    float16,
    float32,
    float64,
    geomspace,
    identity,
    iinfo,
    indices,
    inf,
    int8,
    int16,
    int32,
    int64,
    logspace,
    nan,
    ndarray,
    newaxis,
    ones,
    pi,
    tri,
    uint8,
    zeros,
)

from ..primitives.comparisons import (
    equal,
    greater,
    greater_equal,
    isfinite,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    not_equal,
    sign,
)
from ..primitives.cumulative import cumsum
from ..primitives.elementwise import (
    abs,
    absolute,
    add,
    astype,
    conj,
    conjugate,
    cos,
    divide,
    exp,
    imag,
    integer_pow,
    log,
    maximum,
    minimum,
    multiply,
    negative,
    power,
    real,
    sin,
    sqrt,
    subtract,
    tan,
    tanh,
    true_divide,
)
from ..primitives.indexing import (
    array,
    asarray,
    concatenate,
    getitem,
    scatter_add,
    stack,
    take_along_axis,
)
from ..primitives.piecewise import (
    around,
    bitwise_and,
    bitwise_count,
    bitwise_invert,
    bitwise_not,
    bitwise_or,
    bitwise_xor,
    ceil,
    fix,
    floor,
    floor_divide,
    fmax,
    fmin,
    fmod,
    gcd,
    invert,
    isclose,
    isinf,
    isnan,
    isneginf,
    isposinf,
    lcm,
    ldexp,
    left_shift,
    logical_xor,
    mod,
    nextafter,
    remainder,
    right_shift,
    rint,
    round,
    signbit,
    spacing,
    trunc,
)
from ..primitives.products import matmul
from ..primitives.reductions import all, amax, amin, any, count_nonzero, max, min, prod, sum
from ..primitives.shape import (
    broadcast_to,
    expand_dims,
    moveaxis,
    ravel,
    reshape,
    squeeze,
    swapaxes,
    transpose,
)
from ..primitives.sorting import argmax, argmin, argsort, searchsorted, sort
from ..primitives.ufuncs import (
    acos,
    acosh,
    arccos,
    arccosh,
    arcsin,
    arcsinh,
    arctan,
    arctan2,
    arctanh,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    cbrt,
    cosh,
    exp2,
    expm1,
    hypot,
    log1p,
    log2,
    log10,
    logaddexp,
    logaddexp2,
    reciprocal,
    sinh,
    square,
)
from ..primitives.util import ones_like, zeros_like
from . import _dispatch, _operators  # noqa: F401 - gives traced values their operators
from ._array import at
from ._dispatch import UnsupportedNumPyFunctionError
from .assembly import (
    append,
    array_split,
    block,
    column_stack,
    delete,
    dsplit,
    dstack,
    hsplit,
    hstack,
    pad,
    repeat,
    split,
    tile,
    vsplit,
    vstack,
)
from .complexes import iscomplex, isreal, real_if_close
from .creation import (
    allclose,
    array_equal,
    asanyarray,
    copy,
    empty_like,
    full,
    full_like,
    iscomplexobj,
    isrealobj,
    linspace,
    meshgrid,
    ndim,
    result_type,
    shape,
    size,
)
from .cumulative import cumprod, cumulative_prod, cumulative_sum, diff, gradient, trapezoid
from .einsum import einsum
from .index_tricks import c_, r_
from .indexing import compress, take
from .matrices import diag, diagflat, diagonal, trace, tril, triu
from .nanfunctions import (
    nanargmax,
    nanargmin,
    nancumprod,
    nancumsum,
    nanmax,
    nanmean,
    nanmedian,
    nanmin,
    nanpercentile,
    nanprod,
    nanquantile,
    nanstd,
    nansum,
    nanvar,
)
from .products import cross, dot, inner, kron, matvec, outer, tensordot, vdot, vecdot, vecmat
from .reductions import average, mean, ptp, std, var
from .sequences import bincount, convolve, correlate, ediff1d, interp, polyval, vander
from .shape import (
    atleast_1d,
    atleast_2d,
    atleast_3d,
    broadcast_arrays,
    flip,
    fliplr,
    flipud,
    roll,
    rollaxis,
    rot90,
)
from .sorting import (
    argwhere,
    flatnonzero,
    median,
    nonzero,
    partition,
    percentile,
    quantile,
    where,
)
from .ufuncs import (
    clip,
    copysign,
    deg2rad,
    degrees,
    divmod,
    fabs,
    float_power,
    frexp,
    heaviside,
    modf,
    nan_to_num,
    positive,
    rad2deg,
    radians,
    select,
    sinc,
)

pow = power  # noqa: A001 - NumPy 2's array-API name
row_stack = vstack  # NumPy's older name
permute_dims = transpose
concat = concatenate

from ..primitives import complex as _complex  # noqa: E402
from ..primitives.complex import angle  # noqa: E402
from . import fft, linalg, random  # noqa: E402 - NumPy's submodules

#: Every public name of the namespace: funcgrad's functions, NumPy's re-exported
#: constants, dtypes and constant factories, and the submodules fft, linalg, random.
#: Generated, so a name added above is never missing (tests/numpy/test_all.py).
__all__ = sorted(
    name for name, obj in list(globals().items())
    if not name.startswith("_")
    and (not isinstance(obj, type(_np)) or name in ("fft", "linalg", "random"))
)


def _install_dispatch() -> None:
    import sys

    module = sys.modules[__name__]
    _dispatch.register_module(_np, module)
    # NumPy functions whose funcgrad counterpart has another name.
    _dispatch.register(_np.amax, amax)
    _dispatch.register(_np.amin, amin)
    _dispatch.register(_np.round, round)
    _dispatch.register(_np.around, around)
    _dispatch.register(_np.true_divide, true_divide)
    _dispatch.REDUCTIONS.update({
        _np.add: sum, _np.multiply: prod, _np.maximum: amax, _np.minimum: amin,
        _np.logical_and: all, _np.logical_or: any, _np.fmax: nanmax, _np.fmin: nanmin,
    })
    _dispatch.ACCUMULATIONS.update({_np.add: cumsum, _np.multiply: cumprod})
    for submodule in (linalg, fft, _complex):
        for numpy_function, ours in submodule.NUMPY_EQUIVALENTS.items():
            _dispatch.register(numpy_function, ours)
    _dispatch.install()


_install_dispatch()


# NumPy functions that compute nothing differentiable: settings, dtype questions, files,
# formatting. They come through as NumPy's own (a traced argument still raises
# TracerConversionError, never a silent cut).
_NUMPY_UTILITIES = frozenset({
    "seterr", "geterr", "seterrcall", "geterrcall", "set_printoptions", "get_printoptions",
    "printoptions", "getbufsize", "setbufsize", "show_config", "issubdtype", "isdtype",
    "can_cast", "promote_types", "min_scalar_type", "broadcast_shapes", "iterable",
    "isscalar", "may_share_memory", "shares_memory", "typename", "mintypecode", "info",
    "load", "save", "savez", "savez_compressed", "loadtxt", "genfromtxt", "savetxt",
    "fromfile", "frombuffer", "fromstring", "base_repr", "binary_repr", "array_repr",
    "array_str", "array2string", "format_float_positional", "format_float_scientific",
    # Index and window constructors from shapes and sizes; integer, set and histogram
    # functions whose results carry no derivative.
    "tril_indices", "triu_indices", "diag_indices", "mask_indices", "unravel_index",
    "ravel_multi_index", "ix_", "bartlett", "blackman", "hamming", "hanning", "kaiser",
    "get_include", "show_runtime", "common_type", "isin", "digitize", "histogram",
    "histogram_bin_edges", "histogram2d", "histogramdd", "lexsort", "argpartition",
    "intersect1d", "setdiff1d", "setxor1d", "union1d", "packbits", "unpackbits", "isnat",
    "busday_count", "busday_offset", "is_busday", "datetime_as_string", "datetime_data",
})


def __getattr__(name: str):
    # NumPy's dtypes, constants and version come through (fnp.longdouble, fnp.__version__);
    # a NumPy function funcgrad does not define is an error naming it, never NumPy's own
    # function silently without derivatives.
    theirs = getattr(_np, name, None)
    if theirs is not None and (isinstance(theirs, type) or not callable(theirs)
                               or name in _NUMPY_UTILITIES) and \
            not isinstance(theirs, type(_np)):
        return theirs
    if name == "__version__":
        return _np.__version__
    raise AttributeError(
        f"module 'funcgrad.numpy' has no attribute {name!r}"
        + (f": numpy.{name} has no funcgrad counterpart with derivative rules yet; use it "
           f"on concrete values with NumPy, or write it with funcgrad.numpy functions"
           if callable(theirs) else "")
    )


def _wrap_namespace() -> None:
    # Concrete results of the namespace's functions carry `.at` (see _array.py). Only the
    # names users call are wrapped: the implementation modules, which derivative rules
    # call, keep returning plain ndarrays.
    namespace = globals()
    for name in __all__:
        obj = namespace[name]
        if callable(obj) and not isinstance(obj, type) and name not in _NOT_WRAPPED:
            namespace[name] = _array.returning_updatable(obj)


from . import _array  # noqa: E402
from ._array import UpdatableArray  # noqa: E402

# Functions returning no array, or an object with its own `.at` logic.
_NOT_WRAPPED = {"at", "result_type", "shape", "ndim", "size", "iscomplexobj", "isrealobj",
                "allclose", "array_equal", "finfo", "iinfo", "dtype"}
__all__ = sorted(set(__all__) | {"UpdatableArray"})
_wrap_namespace()

# Parameters, Returns and See Also from NumPy's docstrings (see _docs.py).
from . import _docs  # noqa: E402

_docs.complete_module(_sys.modules[__name__], _np, "numpy", __all__)
for _sub in (linalg, fft, random):
    _docs.complete_module(_sub, getattr(_np, _sub.__name__.rsplit(".", 1)[1]),
                          _sub.__name__.replace("funcgrad.", ""), _sub.__all__)
