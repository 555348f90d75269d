"""funcgrad.stax: a small neural-network library of (init_fun, apply_fun) pairs
(anchor: ``jax.example_libraries.stax``).

A layer is a pair of functions. ``init_fun(rng, input_shape)`` takes a
:mod:`funcgrad.random` key and the input's shape and returns ``(output_shape,
params)``; ``apply_fun(params, inputs, **kwargs)`` computes the layer (a layer
that draws random numbers, :func:`Dropout`, takes ``rng=key``). Combinators
(:func:`serial`, :func:`parallel`) build layers from layers. Parameters are
plain pytrees of arrays, so ``funcgrad.grad``, ``jit``, ``vmap`` and
:mod:`funcgrad.optimizers`-style updates apply to them directly. The same key
gives the parameters JAX gives (with ``jax_enable_x64``).

>>> import funcgrad.numpy as fnp, funcgrad.random as random
>>> from funcgrad import stax
>>> init_fun, apply_fun = stax.serial(stax.Dense(4), stax.Relu, stax.Dense(2), stax.LogSoftmax)
>>> out_shape, params = init_fun(random.key(0), (-1, 3))
>>> out_shape, apply_fun(params, fnp.ones((5, 3))).shape
((-1, 2), (5, 2))
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import _docs, lax, random
from . import numpy as fnp
from .nn import (
    elu,
    gelu,
    leaky_relu,
    log_softmax,
    relu,
    selu,
    sigmoid,
    softmax,
    softplus,
    standardize,
)
from .nn.initializers import glorot_normal, normal, ones, zeros

__all__ = [
    "AvgPool", "BatchNorm", "Conv", "Conv1DTranspose", "ConvTranspose", "Dense", "Dropout",
    "Elu", "Exp", "FanInConcat", "FanInSum", "FanOut", "Flatten", "Gelu", "GeneralConv",
    "GeneralConvTranspose", "Identity", "LeakyRelu", "Log", "LogSoftmax", "MaxPool", "Relu",
    "Selu", "Sigmoid", "Softmax", "Softplus", "SumPool", "Tanh", "elementwise", "glorot",
    "logsoftmax", "parallel", "randn", "serial", "shape_dependent",
]

Layer = tuple[Callable, Callable]

# JAX's old names, kept by stax.
glorot = glorot_normal
randn = normal
logsoftmax = log_softmax

# Default initializers (stax's): Glorot-normal weights, small normal biases.
_GLOROT_NORMAL = glorot_normal()
_NORMAL = normal()
_CONV_BIAS = normal(1e-6)


# ---------------------------------------------------------------------------
# Layers with parameters
# ---------------------------------------------------------------------------

def Dense(out_dim: int, W_init=_GLOROT_NORMAL, b_init=_NORMAL) -> Layer:  # noqa: N802, N803
    """A fully connected layer, ``inputs @ W + b``.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> init_fun, apply_fun = Dense(3)
    >>> out_shape, (W, b) = init_fun(random.key(0), (-1, 5))
    >>> out_shape, W.shape, b.shape
    ((-1, 3), (5, 3), (3,))
    """
    def init_fun(rng, input_shape):
        output_shape = tuple(input_shape[:-1]) + (out_dim,)
        k1, k2 = random.split(rng)
        return output_shape, (W_init(k1, (input_shape[-1], out_dim)), b_init(k2, (out_dim,)))

    def apply_fun(params, inputs, **kwargs):
        W, b = params
        return fnp.dot(inputs, W) + b

    return init_fun, apply_fun


def _kernel_shape(rhs_spec: str, lhs_spec: str, out_chan: int, filter_shape, input_shape):
    spatial = iter(filter_shape)
    return [out_chan if c == "O" else input_shape[lhs_spec.index("C")] if c == "I"
            else next(spatial) for c in rhs_spec]


def GeneralConv(dimension_numbers, out_chan: int, filter_shape: Sequence[int],  # noqa: N802
                strides=None, padding="VALID", W_init=None,  # noqa: N803
                b_init=_CONV_BIAS) -> Layer:  # noqa: N803
    """A convolution layer in the layout ``dimension_numbers`` (three strings such as
    ``('NHWC', 'HWIO', 'NHWC')``), with a bias per output channel.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> init_fun, apply_fun = GeneralConv(('NCHW', 'OIHW', 'NCHW'), 4, (3, 3), padding='SAME')
    >>> init_fun(random.key(0), (2, 1, 8, 8))[0]
    (2, 4, 8, 8)
    """
    lhs_spec, rhs_spec, out_spec = dimension_numbers
    one = (1,) * len(filter_shape)
    strides = strides or one
    W_init = W_init or glorot_normal(rhs_spec.index("I"), rhs_spec.index("O"))  # noqa: N806

    def init_fun(rng, input_shape):
        kernel_shape = _kernel_shape(rhs_spec, lhs_spec, out_chan, filter_shape, input_shape)
        output_shape = lax.conv_general_shape_tuple(input_shape, kernel_shape, strides, padding,
                                                    dimension_numbers)
        bias_shape = [out_chan if c == "C" else 1 for c in out_spec]
        k1, k2 = random.split(rng)
        return output_shape, (W_init(k1, kernel_shape), b_init(k2, bias_shape))

    def apply_fun(params, inputs, **kwargs):
        W, b = params
        return lax.conv_general_dilated(inputs, W, strides, padding, one, one,
                                        dimension_numbers=dimension_numbers) + b

    return init_fun, apply_fun


#: A 2-D convolution in the NHWC / HWIO layout: ``Conv(out_chan, filter_shape, strides, padding)``.
Conv = functools.partial(GeneralConv, ("NHWC", "HWIO", "NHWC"))
Conv.__doc__ = """``GeneralConv`` with NHWC inputs and HWIO kernels (``stax.Conv``).

>>> from funcgrad import random
>>> init_fun, apply_fun = Conv(4, (3, 3), padding="SAME")
>>> out_shape, params = init_fun(random.key(0), (1, 5, 5, 2))
>>> out_shape, apply_fun(params, np.ones((1, 5, 5, 2))).shape
((1, 5, 5, 4), (1, 5, 5, 4))
"""


def GeneralConvTranspose(dimension_numbers, out_chan: int,  # noqa: N802
                         filter_shape: Sequence[int], strides=None, padding="VALID",
                         W_init=None, b_init=_CONV_BIAS) -> Layer:  # noqa: N803
    """A transposed-convolution layer (``lax.conv_transpose``) in the layout
    ``dimension_numbers``, with a bias per output channel.

    Examples
    --------
    >>> import funcgrad.random as random
    >>> init_fun, apply_fun = GeneralConvTranspose(('NHWC', 'HWIO', 'NHWC'), 2, (3, 3),
    ...                                            strides=(2, 2), padding='SAME')
    >>> init_fun(random.key(0), (1, 4, 4, 3))[0]
    (1, 8, 8, 2)
    """
    lhs_spec, rhs_spec, out_spec = dimension_numbers
    one = (1,) * len(filter_shape)
    strides = strides or one
    W_init = W_init or glorot_normal(rhs_spec.index("I"), rhs_spec.index("O"))  # noqa: N806

    def init_fun(rng, input_shape):
        kernel_shape = _kernel_shape(rhs_spec, lhs_spec, out_chan, filter_shape, input_shape)
        output_shape = lax.conv_transpose_shape_tuple(input_shape, kernel_shape, strides,
                                                      padding, dimension_numbers)
        bias_shape = [out_chan if c == "C" else 1 for c in out_spec]
        k1, k2 = random.split(rng)
        return output_shape, (W_init(k1, kernel_shape), b_init(k2, bias_shape))

    def apply_fun(params, inputs, **kwargs):
        W, b = params
        return lax.conv_transpose(inputs, W, strides, padding,
                                  dimension_numbers=dimension_numbers) + b

    return init_fun, apply_fun


#: A 1-D transposed convolution in the NHC / HIO layout.
Conv1DTranspose = functools.partial(GeneralConvTranspose, ("NHC", "HIO", "NHC"))
Conv1DTranspose.__doc__ = """``GeneralConvTranspose`` in one spatial dimension, NHC inputs.

>>> from funcgrad import random
>>> init_fun, apply_fun = Conv1DTranspose(3, (2,), strides=(2,))
>>> init_fun(random.key(0), (1, 4, 2))[0]
(1, 8, 3)
"""
#: A 2-D transposed convolution in the NHWC / HWIO layout.
ConvTranspose = functools.partial(GeneralConvTranspose, ("NHWC", "HWIO", "NHWC"))
ConvTranspose.__doc__ = """``GeneralConvTranspose`` with NHWC inputs (``stax.ConvTranspose``).

>>> from funcgrad import random
>>> init_fun, apply_fun = ConvTranspose(3, (2, 2), strides=(2, 2))
>>> init_fun(random.key(0), (1, 4, 4, 2))[0]
(1, 8, 8, 3)
"""


def BatchNorm(axis=(0, 1, 2), epsilon=1e-5, center=True, scale=True,  # noqa: N802
              beta_init=zeros, gamma_init=ones) -> Layer:
    """Batch normalisation over ``axis`` (the batch statistics of every call; stax keeps no
    running averages), with a learned shift ``beta`` and scale ``gamma``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp, funcgrad.random as random
    >>> init_fun, apply_fun = BatchNorm(axis=(0,))
    >>> _, params = init_fun(random.key(0), (4, 3))
    >>> x = fnp.asarray([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [1.0, 0.0, 1.0], [3.0, 0.0, 3.0]])
    >>> apply_fun(params, x)[:, 0]
    array([-0.999995,  0.999995, -0.999995,  0.999995])
    """
    axis = (axis,) if np.isscalar(axis) else tuple(axis)

    def init_fun(rng, input_shape):
        shape = tuple(d for i, d in enumerate(input_shape) if i not in axis)
        k1, k2 = random.split(rng)
        beta = beta_init(k1, shape) if center else ()
        gamma = gamma_init(k2, shape) if scale else ()
        return input_shape, (beta, gamma)

    def apply_fun(params, x, **kwargs):
        beta, gamma = params
        expand = tuple(None if i in axis else slice(None) for i in range(fnp.ndim(x)))
        z = standardize(x, axis, epsilon=epsilon)
        if center and scale:
            return gamma[expand] * z + beta[expand]
        if center:
            return z + beta[expand]
        if scale:
            return gamma[expand] * z
        return z

    return init_fun, apply_fun


class _DocumentedLayer(tuple):
    """An ``(init_fun, apply_fun)`` pair that carries its own docstring (JAX's stax layers
    are plain pairs; this one is still a tuple, for unpacking and ``serial``)."""


#: The docstrings of the layers that are pairs rather than functions, run as doctests.
__test__: dict[str, str] = {}


def _documented(name: str, layer: Any, doc: str) -> Any:
    """``layer`` with ``doc`` as its docstring (a pair, or a ``functools.partial``)."""
    if isinstance(layer, tuple):
        layer = _DocumentedLayer(layer)
    layer.__doc__ = doc
    __test__[name] = doc
    return layer


# ---------------------------------------------------------------------------
# Elementwise layers
# ---------------------------------------------------------------------------

def elementwise(fun: Callable, **fun_kwargs) -> Layer:
    """A layer without parameters applying ``fun(inputs, **fun_kwargs)``.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> init_fun, apply_fun = elementwise(fnp.square)
    >>> apply_fun((), fnp.asarray([1.0, 2.0]))
    array([1., 4.])
    """
    def init_fun(rng, input_shape):
        return input_shape, ()

    def apply_fun(params, inputs, **kwargs):
        return fun(inputs, **fun_kwargs)

    return init_fun, apply_fun


Tanh = _documented("Tanh", elementwise(fnp.tanh), """
The layer applying ``fnp.tanh`` elementwise (no parameters).

>>> init_fun, apply_fun = Tanh
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-0.76159416,  0.46211716])
""")
Relu = _documented("Relu", elementwise(relu), """
The layer applying ``relu`` elementwise (no parameters).

>>> init_fun, apply_fun = Relu
>>> apply_fun((), np.array([-1.0, 0.5]))
array([0. , 0.5])
""")
Exp = _documented("Exp", elementwise(fnp.exp), """
The layer applying ``fnp.exp`` elementwise (no parameters).

>>> init_fun, apply_fun = Exp
>>> apply_fun((), np.array([-1.0, 0.5]))
array([0.36787944, 1.64872127])
""")
Log = _documented("Log", elementwise(fnp.log), """
The layer applying ``fnp.log`` elementwise (no parameters).

>>> init_fun, apply_fun = Log
>>> apply_fun((), np.array([0.5, 2.0]))
array([-0.69314718,  0.69314718])
""")
LogSoftmax = _documented("LogSoftmax", elementwise(log_softmax, axis=-1), """
The layer applying ``log_softmax(x, axis=-1)`` elementwise (no parameters).

>>> init_fun, apply_fun = LogSoftmax
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-1.70141328, -0.20141328])
""")
Softmax = _documented("Softmax", elementwise(softmax, axis=-1), """
The layer applying ``softmax(x, axis=-1)`` elementwise (no parameters).

>>> init_fun, apply_fun = Softmax
>>> apply_fun((), np.array([-1.0, 0.5]))
array([0.18242552, 0.81757448])
""")
Softplus = _documented("Softplus", elementwise(softplus), """
The layer applying ``softplus`` elementwise (no parameters).

>>> init_fun, apply_fun = Softplus
>>> apply_fun((), np.array([-1.0, 0.5]))
array([0.31326169, 0.97407698])
""")
Sigmoid = _documented("Sigmoid", elementwise(sigmoid), """
The layer applying ``sigmoid`` elementwise (no parameters).

>>> init_fun, apply_fun = Sigmoid
>>> apply_fun((), np.array([-1.0, 0.5]))
array([0.26894142, 0.62245933])
""")
Elu = _documented("Elu", elementwise(elu), """
The layer applying ``elu`` elementwise (no parameters).

>>> init_fun, apply_fun = Elu
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-0.63212056,  0.5       ])
""")
LeakyRelu = _documented("LeakyRelu", elementwise(leaky_relu), """
The layer applying ``leaky_relu`` elementwise (no parameters).

>>> init_fun, apply_fun = LeakyRelu
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-0.01,  0.5 ])
""")
Selu = _documented("Selu", elementwise(selu), """
The layer applying ``selu`` elementwise (no parameters).

>>> init_fun, apply_fun = Selu
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-1.11133074,  0.52535049])
""")
Gelu = _documented("Gelu", elementwise(gelu), """
The layer applying ``gelu`` elementwise (no parameters).

>>> init_fun, apply_fun = Gelu
>>> apply_fun((), np.array([-1.0, 0.5]))
array([-0.15880801,  0.34571401])
""")


# ---------------------------------------------------------------------------
# Pooling
# ---------------------------------------------------------------------------

def _pooling_layer(reducer: Callable, init_val: float, rescaler: Callable | None = None):
    def PoolingLayer(window_shape: Sequence[int], strides=None, padding="VALID",  # noqa: N802
                     spec: str | None = None) -> Layer:
        window_shape = tuple(window_shape)
        strides = tuple(strides or (1,) * len(window_shape))
        rescale = rescaler(window_shape, strides, padding) if rescaler else None
        non_spatial = ((0, len(window_shape) + 1) if spec is None
                       else (spec.index("N"), spec.index("C")))
        dims, steps = window_shape, strides
        for i in sorted(non_spatial):
            dims = dims[:i] + (1,) + dims[i:]
            steps = steps[:i] + (1,) + steps[i:]

        def init_fun(rng, input_shape):
            pads = lax.padtype_to_pads(input_shape, dims, steps, padding)
            ones_ = (1,) * len(dims)
            return lax.reduce_window_shape_tuple(input_shape, dims, steps, pads, ones_,
                                                 ones_), ()

        def apply_fun(params, inputs, **kwargs):
            out = lax.reduce_window(inputs, init_val, reducer, dims, steps, padding)
            return rescale(out, inputs, spec) if rescale else out

        return init_fun, apply_fun

    return PoolingLayer


def _normalize_by_window_size(dims, strides, padding):
    """Average pooling's divisor: the number of input cells (padding excluded) per window."""
    def rescale(outputs, inputs, spec):
        ndim = fnp.ndim(inputs)
        non_spatial = (0, ndim - 1) if spec is None else (spec.index("N"), spec.index("C"))
        spatial = tuple(d for i, d in enumerate(fnp.shape(inputs)) if i not in non_spatial)
        sizes = lax.reduce_window(np.ones(spatial, inputs.dtype), 0.0, fnp.add, dims, strides,
                                  padding)
        for i in sorted(non_spatial):
            sizes = fnp.expand_dims(sizes, i)
        return outputs / sizes

    return rescale


MaxPool = _pooling_layer(fnp.maximum, -np.inf)
MaxPool.__doc__ = """Max pooling over ``window_shape`` (spatial dimensions; ``spec`` such as
``'NHWC'`` places the batch and channels, default first and last).

Examples
--------
>>> import funcgrad.numpy as fnp, funcgrad.random as random
>>> init_fun, apply_fun = MaxPool((2, 2), strides=(2, 2))
>>> init_fun(random.key(0), (1, 4, 4, 3))[0]
(1, 2, 2, 3)
"""
SumPool = _pooling_layer(fnp.add, 0.0)
SumPool.__doc__ = """Sum pooling over ``window_shape`` (arguments as :func:`MaxPool`).

Examples
--------
>>> import funcgrad.numpy as fnp
>>> SumPool((2,))[1]((), fnp.ones((1, 4, 1)))[0, :, 0]
array([2., 2., 2.])
"""
AvgPool = _pooling_layer(fnp.add, 0.0, _normalize_by_window_size)
AvgPool.__doc__ = """Average pooling over ``window_shape`` (arguments as :func:`MaxPool`); with
``'SAME'`` padding each window averages only its cells inside the input.

Examples
--------
>>> import funcgrad.numpy as fnp
>>> AvgPool((2,), padding='SAME')[1]((), fnp.asarray([1.0, 2.0, 4.0]).reshape(1, 3, 1))[0, :, 0]
array([1.5, 3. , 4. ])
"""


# ---------------------------------------------------------------------------
# Shape layers and fan in / fan out
# ---------------------------------------------------------------------------

def _flatten() -> Layer:
    def init_fun(rng, input_shape):
        return (input_shape[0], math.prod(input_shape[1:])), ()

    def apply_fun(params, inputs, **kwargs):
        return fnp.reshape(inputs, (fnp.shape(inputs)[0], -1))

    return init_fun, apply_fun


Flatten = _documented("Flatten", _flatten(), """
Flattens every dimension but the leading (batch) one.

>>> init_fun, apply_fun = Flatten
>>> init_fun(None, (2, 3, 4))[0], apply_fun((), np.ones((2, 3, 4))).shape
((2, 12), (2, 12))
""")


def _identity() -> Layer:
    def init_fun(rng, input_shape):
        return input_shape, ()

    def apply_fun(params, inputs, **kwargs):
        return inputs

    return init_fun, apply_fun


Identity = _documented("Identity", _identity(), """
Returns its input.

>>> init_fun, apply_fun = Identity
>>> apply_fun((), np.array([1.0, 2.0]))
array([1., 2.])
""")


def FanOut(num: int) -> Layer:  # noqa: N802
    """A layer returning a list of ``num`` copies of its input (for :func:`parallel`).

    Examples
    --------
    >>> init_fun, apply_fun = FanOut(2)
    >>> init_fun(None, (3,))[0]
    [(3,), (3,)]
    """
    def init_fun(rng, input_shape):
        return [input_shape] * num, ()

    def apply_fun(params, inputs, **kwargs):
        return [inputs] * num

    return init_fun, apply_fun


def _fan_in_sum() -> Layer:
    def init_fun(rng, input_shape):
        return input_shape[0], ()

    def apply_fun(params, inputs, **kwargs):
        return sum(inputs[1:], inputs[0])

    return init_fun, apply_fun


FanInSum = _documented("FanInSum", _fan_in_sum(), """
Sums a list of inputs (the end of a residual block).

>>> init_fun, apply_fun = FanInSum
>>> apply_fun((), [np.array([1.0, 2.0]), np.array([10.0, 20.0])])
array([11., 22.])
""")


def FanInConcat(axis: int = -1) -> Layer:  # noqa: N802
    """A layer concatenating a list of inputs along ``axis``.

    Examples
    --------
    >>> init_fun, apply_fun = FanInConcat()
    >>> init_fun(None, [(2, 3), (2, 4)])[0]
    (2, 7)
    """
    def init_fun(rng, input_shape):
        ax = axis % len(input_shape[0])
        size = sum(shape[ax] for shape in input_shape)
        return tuple(input_shape[0][:ax]) + (size,) + tuple(input_shape[0][ax + 1:]), ()

    def apply_fun(params, inputs, **kwargs):
        return fnp.concatenate(inputs, axis)

    return init_fun, apply_fun


def Dropout(rate: float, mode: str = "train") -> Layer:  # noqa: N802
    """Dropout, as stax has it: in ``'train'`` mode each entry is *kept* with probability
    ``rate`` and kept entries are divided by ``rate``; ``'test'`` mode is the identity.
    ``apply_fun`` needs ``rng=key`` in training mode.

    Examples
    --------
    >>> import funcgrad.numpy as fnp, funcgrad.random as random
    >>> init_fun, apply_fun = Dropout(0.5)
    >>> out = apply_fun((), fnp.ones(1000), rng=random.key(0))
    >>> sorted(set(out.tolist()))
    [0.0, 2.0]
    """
    def init_fun(rng, input_shape):
        return input_shape, ()

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.get("rng", None)
        if mode == "train":
            if rng is None:
                raise ValueError(
                    "Dropout layer requires apply_fun to be called with a PRNG key argument. "
                    "That is, instead of `apply_fun(params, inputs)`, call it like "
                    "`apply_fun(params, inputs, rng)` where `rng` is a PRNG key (e.g. from "
                    "`funcgrad.random.key`).")
            keep = random.bernoulli(rng, rate, fnp.shape(inputs))
            return fnp.where(keep, inputs / rate, 0)
        if mode == "test":
            return inputs
        raise ValueError("Dropout layer requires `mode` argument to be either `'train'` or "
                         "`'test'`")

    return init_fun, apply_fun


# ---------------------------------------------------------------------------
# Combinators
# ---------------------------------------------------------------------------

def serial(*layers: Layer) -> Layer:
    """The layers one after another: each layer's output is the next one's input.

    ``init_fun`` gives each layer its own key (split off in turn) and returns the
    list of their parameters; ``apply_fun(params, inputs, rng=key)`` splits ``key``
    into one key per layer.

    Examples
    --------
    >>> import funcgrad.numpy as fnp, funcgrad.random as random
    >>> init_fun, apply_fun = serial(Dense(3), Tanh, Dense(1))
    >>> _, params = init_fun(random.key(1), (-1, 2))
    >>> len(params), apply_fun(params, fnp.ones((4, 2))).shape
    (3, (4, 1))
    """
    n = len(layers)
    init_funs, apply_funs = zip(*layers) if layers else ((), ())

    def init_fun(rng, input_shape):
        params = []
        for init in init_funs:
            rng, layer_rng = random.split(rng)
            input_shape, param = init(layer_rng, input_shape)
            params.append(param)
        return input_shape, params

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.pop("rng", None)
        rngs = random.split(rng, n) if rng is not None else (None,) * n
        for fun, param, r in zip(apply_funs, params, rngs):
            inputs = fun(param, inputs, rng=r, **kwargs)
        return inputs

    return init_fun, apply_fun


def parallel(*layers: Layer) -> Layer:
    """The layers side by side: a list of inputs in, one per layer, a list of outputs out
    (with :func:`FanOut` and :func:`FanInSum` / :func:`FanInConcat` around it).

    Examples
    --------
    >>> import funcgrad.numpy as fnp, funcgrad.random as random
    >>> init_fun, apply_fun = serial(FanOut(2), parallel(Dense(2), Identity), FanInSum)
    >>> _, params = init_fun(random.key(0), (-1, 2))
    >>> apply_fun(params, fnp.zeros((1, 2))).shape
    (1, 2)
    """
    n = len(layers)
    init_funs, apply_funs = zip(*layers) if layers else ((), ())

    def init_fun(rng, input_shape):
        rngs = random.split(rng, n)
        return zip(*[init(r, shape) for init, r, shape in zip(init_funs, rngs, input_shape)])

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.pop("rng", None)
        rngs = random.split(rng, n) if rng is not None else (None,) * n
        return [f(p, x, rng=r, **kwargs) for f, p, x, r in zip(apply_funs, params, inputs, rngs)]

    return init_fun, apply_fun


def shape_dependent(make_layer: Callable[[Any], Layer]) -> Layer:
    """A layer built by ``make_layer(input_shape)`` once the input's shape is known.

    Examples
    --------
    >>> import funcgrad.numpy as fnp, funcgrad.random as random
    >>> init_fun, apply_fun = shape_dependent(lambda shape: Dense(shape[-1]))
    >>> init_fun(random.key(0), (2, 5))[0]
    (2, 5)
    """
    def init_fun(rng, input_shape):
        return make_layer(input_shape)[0](rng, input_shape)

    def apply_fun(params, inputs, **kwargs):
        return make_layer(fnp.shape(inputs))[1](params, inputs, **kwargs)

    return init_fun, apply_fun


# Parameters, Returns and See Also (see funcgrad/_docs.py).
_docs.complete_face(__name__)
