"""funcgrad.numpy: NumPy's names, differentiable.

Every function accepts NumPy arrays, Python scalars and traced values, and
follows NumPy's broadcasting and dtype rules. Functions that only create
constants (``zeros``, ``arange``, ...) and NumPy's dtypes and constants are
NumPy's own.
"""

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
    float16,
    float32,
    float64,
    full,
    identity,
    inf,
    int8,
    int16,
    int32,
    int64,
    linspace,
    nan,
    ndarray,
    newaxis,
    ones,
    pi,
    uint8,
    zeros,
)

from . import _operators  # noqa: F401 - gives traced values their operators
from .creation import array, asarray
from .elementwise import (
    abs,
    absolute,
    add,
    astype,
    conj,
    conjugate,
    cos,
    divide,
    equal,
    exp,
    greater,
    greater_equal,
    imag,
    integer_pow,
    isfinite,
    less,
    less_equal,
    log,
    logical_and,
    logical_not,
    logical_or,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    ones_like,
    power,
    real,
    sign,
    sin,
    sqrt,
    subtract,
    tan,
    tanh,
    true_divide,
    where,
    zeros_like,
)
from .indexing import getitem
from .products import dot, matmul
from .reductions import amax, amin, max, mean, min, sum
from .shape import (
    broadcast_to,
    concatenate,
    expand_dims,
    moveaxis,
    reshape,
    squeeze,
    stack,
    swapaxes,
    transpose,
)
