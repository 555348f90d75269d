"""Table for ``funcgrad.lax``: control flow and the lax operations, against NumPy references.

Each builder ignores the module it is given (``funcgrad.lax`` has no NumPy twin)
and returns the function under test written with ``funcgrad.lax``; ``reference``
gives the same computation in plain NumPy (Python loops for the control flow).
"""

from __future__ import annotations

import numpy as np
from cases import Case, anything, near_one, positive, unit

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import lax

MODULE = "funcgrad.lax"


def _np_scan(f, init, xs, reverse=False):
    carry, ys = init, []
    order = range(len(xs) - 1, -1, -1) if reverse else range(len(xs))
    for i in order:
        carry, y = f(carry, xs[i])
        ys.append(y)
    if reverse:
        ys.reverse()
    return carry, np.stack(ys)


def _rnn(m_tanh):
    def step(h, x, w):
        return m_tanh(h * w[0] + x * w[1])
    return step


def _named(f):
    """``f`` mapped over the examples of an axis named "i"."""
    return fg.vmap(f, axis_name="i")


def _lax_case(name, fn, reference, samplers=(anything,), shapes=((3,),), order=2, **kw):
    return Case(name, lambda m: fn, samplers, shapes, order=order, numpy=False,
                reference=lambda m: reference, **kw)


def _unary(name, ref, sampler=anything, order=2):
    return _lax_case(name, getattr(lax, name), ref, (sampler,), ((2, 3),), order=order)


def _binary(name, ref, samplers=(anything, anything), order=2):
    return _lax_case(name, getattr(lax, name), ref, samplers, ((2, 3), (2, 3)), order=order)


def _to_int(m, x):
    """Small positive integers from floats (the runner differentiates float inputs)."""
    if m is None:
        return (np.abs(x) * 3 + 1).astype(np.int64)
    return m.convert_element_type(m.abs(x) * 3 + 1, np.int64)


def _int_binary(name, ref):
    return _lax_case(name, lambda a, b: getattr(lax, name)(_to_int(lax, a), _to_int(lax, b)),
                     lambda a, b: ref(_to_int(None, a), _to_int(None, b)), (anything, anything),
                     ((2, 3), (2, 3)), order=0)


def _math(name):
    import math

    fn = np.vectorize(getattr(math, name))
    return lambda x: fn(x).astype(x.dtype)


CASES = [
    # -- control flow --------------------------------------------------------
    _lax_case("cond", lambda x: lax.cond(x[0] > 0, lambda y: fnp.sin(y) * y,
                                          lambda y: fnp.cos(y), x),
              lambda x: np.sin(x) * x if x[0] > 0 else np.cos(x)),
    _lax_case("cond:pytree", lambda x: lax.cond(x[0] <= 0, lambda a, b: (a * b, {"s": a}),
                                                lambda a, b: (a + b, {"s": b}), x, 2.0 * x)[0],
              lambda x: x * 2 * x if x[0] <= 0 else x + 2 * x, covers=("cond",)),
    _lax_case("switch", lambda x: lax.switch(1, [fnp.sin, fnp.cos, fnp.tanh], x), np.cos),
    _lax_case("switch:clamped", lambda x: lax.switch(7, [fnp.sin, lambda y: y ** 3], x),
              lambda x: x ** 3, covers=("switch",)),
    _lax_case("fori_loop", lambda x: lax.fori_loop(0, 4, lambda i, y: fnp.sin(y) + i * 0.1, x),
              lambda x: _np_fori(x), samplers=(unit,)),
    _lax_case("scan", lambda x: lax.scan(lambda c, v: (fnp.tanh(c * 0.9 + v), c * v),
                                         x[0], x)[1],
              lambda x: _np_scan(lambda c, v: (np.tanh(c * 0.9 + v), c * v), x[0], x)[1],
              shapes=((4,),)),
    _lax_case("scan:reverse", lambda x: lax.scan(lambda c, v: (c * v, c + v), 1.0, x,
                                                 reverse=True)[0],
              lambda x: _np_scan(lambda c, v: (c * v, c + v), 1.0, x, reverse=True)[0],
              samplers=(near_one,), shapes=((4,),), covers=("scan",)),
    _lax_case("scan:no-xs", lambda x: lax.scan(lambda c, _: (fnp.sin(c), c), x, None,
                                               length=3)[1],
              lambda x: _np_scan(lambda c, _: (np.sin(c), c), x, [None] * 3)[1],
              covers=("scan",)),
    _lax_case("map", lambda x: lax.map(lambda r: fnp.sum(r ** 2), x),
              lambda x: np.sum(x ** 2, axis=1), shapes=((3, 2),)),
    _lax_case("associative_scan", lambda x: lax.associative_scan(fnp.multiply, x),
              lambda x: np.cumprod(x), samplers=(near_one,), shapes=((5,),)),
    _lax_case("associative_scan:reverse", lambda x: lax.associative_scan(fnp.add, x,
                                                                         reverse=True, axis=1),
              lambda x: np.flip(np.cumsum(np.flip(x, 1), axis=1), 1), shapes=((2, 4),),
              covers=("associative_scan",)),
    # (an integer output: reverse mode, which the runner also uses for values, raises)
    _lax_case("while_loop", lambda x: lax.while_loop(
        lambda c: c[1] < 3.0, lambda c: (c[0] + 1, c[1] + fnp.sum(fnp.abs(x)) + 0.1),
        (0, 0.0))[0], lambda x: _np_count(x), order=0),
    _lax_case("stop_gradient", lambda x: lax.stop_gradient(x) * 2, lambda x: x * 2, order=0),
    _lax_case("select", lambda x: lax.select(x > 0, x, -x), np.abs),
    # -- collectives over a named vmap axis ----------------------------------
    _lax_case("psum", _named(lambda v: v / lax.psum(v, "i")), lambda x: x / x.sum(0)),
    _lax_case("pmean", _named(lambda v: v - lax.pmean(v, "i")), lambda x: x - x.mean(0)),
    _lax_case("pmax", _named(lambda v: v * lax.pmax(v, "i")), lambda x: x * x.max(0)),
    _lax_case("pmin", _named(lambda v: v * lax.pmin(v, "i")), lambda x: x * x.min(0)),
    _lax_case("all_gather", _named(lambda v: lax.all_gather(v, "i") * v),
              lambda x: x[None, :] * x[:, None]),
    _lax_case("axis_index", _named(lambda v: v * lax.axis_index("i")),
              lambda x: x * np.arange(3)),
    _lax_case("axis_size", _named(lambda v: v * lax.axis_size("i")), lambda x: x * 3),
    # -- convolution and windows (tested in depth by tests/lax/test_convolution.py) --
    _lax_case("conv", lambda x, w: lax.conv(x, w, (1,), "VALID"), lambda x, w: np.correlate(
        x[0, 0], w[0, 0], "valid")[None, None], (anything, anything), ((1, 1, 5), (1, 1, 2))),
    _lax_case("conv_general_dilated", lambda x, w: lax.conv_general_dilated(
        x, w, (1,), "SAME", dimension_numbers=lax.conv_dimension_numbers(
            x.shape, w.shape, ("NCH", "OIH", "NCH"))),
        lambda x, w: np.correlate(np.pad(x[0, 0], 1), w[0, 0], "valid")[None, None],
        (anything, anything), ((1, 1, 5), (1, 1, 3)),
        covers=("conv_general_dilated", "conv_dimension_numbers")),
    _lax_case("conv_with_general_padding", lambda x, w: lax.conv_with_general_padding(
        x, w, (1,), [(1, 0)], None, None),
        lambda x, w: np.correlate(np.pad(x[0, 0], (1, 0)), w[0, 0], "valid")[None, None],
        (anything, anything), ((1, 1, 5), (1, 1, 2))),
    _lax_case("conv_transpose", lambda x, w: lax.conv_transpose(
        x, w, (1,), "VALID", dimension_numbers=("NCH", "OIH", "NCH")),
        lambda x, w: np.correlate(np.pad(x[0, 0], 2), w[0, 0], "valid")[None, None],
        (anything, anything), ((1, 1, 5), (1, 1, 3))),
    _lax_case("dot_general", lambda a, b: lax.dot_general(a, b, (((1,), (0,)), ((), ()))),
              np.matmul, (anything, anything), ((2, 3), (3, 2))),
    _lax_case("reduce_window", lambda x: lax.reduce_window(x, -np.inf, lax.max, (2,), (1,),
                                                           "VALID"),
              lambda x: np.maximum(x[:-1], x[1:]), shapes=((5,),)),
    _lax_case("reduce_window:add", lambda x: lax.reduce_window(x, 0.0, lax.add, (2,), (1,),
                                                               "VALID"),
              lambda x: x[:-1] + x[1:], shapes=((5,),), covers=("reduce_window",)),
    _lax_case("padtype_to_pads", lambda x: x * len(lax.padtype_to_pads((5,), (3,), (1,),
                                                                        "SAME")),
              lambda x: x * 1),
    # -- elementwise ---------------------------------------------------------
    _binary("add", np.add), _binary("sub", np.subtract), _binary("mul", np.multiply),
    _binary("div", np.true_divide, (anything, positive)),
    _binary("rem", np.fmod, (anything, positive)),
    _binary("pow", np.power, (positive, anything)),
    _binary("max", np.maximum), _binary("min", np.minimum),
    _binary("atan2", np.arctan2, (anything, positive)),
    _binary("nextafter", np.nextafter, order=0),
    _lax_case("integer_pow", lambda x: lax.integer_pow(x, 3), lambda x: x ** 3),
    _unary("neg", np.negative), _unary("abs", np.abs), _unary("sign", np.sign, order=0),
    _unary("floor", np.floor, order=0), _unary("ceil", np.ceil, order=0),
    _lax_case("round", lambda x: lax.round(x * 2), lambda x: np.sign(x * 2) * np.floor(
        np.abs(x * 2) + 0.5), order=0),
    _unary("exp", np.exp), _unary("exp2", np.exp2), _unary("log", np.log, positive),
    _unary("log1p", np.log1p, positive), _unary("expm1", np.expm1),
    _unary("sin", np.sin), _unary("cos", np.cos), _unary("tan", np.tan, unit),
    _unary("asin", np.arcsin, unit), _unary("acos", np.arccos, unit),
    _unary("atan", np.arctan), _unary("sinh", np.sinh), _unary("cosh", np.cosh),
    _unary("tanh", np.tanh), _unary("asinh", np.arcsinh),
    _unary("acosh", np.arccosh, lambda s, r, d=np.float64: r.uniform(1.5, 3, s).astype(d)),
    _unary("atanh", np.arctanh, unit), _unary("sqrt", np.sqrt, positive),
    _unary("rsqrt", lambda x: 1 / np.sqrt(x), positive), _unary("cbrt", np.cbrt, positive),
    _unary("square", np.square), _unary("reciprocal", np.reciprocal, positive),
    _unary("logistic", lambda x: 1 / (1 + np.exp(-x))),
    _unary("erf", _math("erf")),
    _unary("erfc", _math("erfc")),
    _lax_case("erf_inv", lambda x: lax.erf(lax.erf_inv(x)), lambda x: x, (unit,), ((2, 3),)),
    _unary("lgamma", _math("lgamma"), positive),
    _lax_case("digamma", lambda x: lax.digamma(x), lambda x: _np_digamma(x), (positive,),
              ((2, 3),), order=1),
    _unary("is_finite", np.isfinite, order=0), _unary("real", np.real),
    _unary("imag", np.imag, order=0), _unary("conj", np.conj),
    _lax_case("clamp", lambda x: lax.clamp(-0.5, x, 0.5), lambda x: np.clip(x, -0.5, 0.5)),
    _binary("eq", np.equal, order=0), _binary("ne", np.not_equal, order=0),
    _binary("lt", np.less, order=0), _binary("le", np.less_equal, order=0),
    _binary("gt", np.greater, order=0), _binary("ge", np.greater_equal, order=0),
    _int_binary("bitwise_and", np.bitwise_and), _int_binary("bitwise_or", np.bitwise_or),
    _int_binary("bitwise_xor", np.bitwise_xor), _int_binary("shift_left", np.left_shift),
    _int_binary("shift_right_arithmetic", np.right_shift),
    _int_binary("shift_right_logical", np.right_shift),
    _lax_case("bitwise_not", lambda x: lax.bitwise_not(_to_int(lax, x)),
              lambda x: np.invert(_to_int(None, x)), order=0),
    # -- types, creation, shapes --------------------------------------------
    _lax_case("convert_element_type", lambda x: lax.convert_element_type(x, np.int32),
              lambda x: x.astype(np.int32), order=0),
    _lax_case("convert_element_type:float", lambda x: lax.convert_element_type(x, np.float64),
              lambda x: x.astype(np.float64), dtypes=(np.float64,),
              covers=("convert_element_type",)),
    _lax_case("full", lambda x: lax.full((2,), 3.0, x.dtype) * x, lambda x: 3.0 * x,
              shapes=((2,),)),
    _lax_case("full_like", lambda x: lax.full_like(x, 2.0) * x, lambda x: 2.0 * x),
    _lax_case("iota", lambda x: lax.iota(np.int32, 3) * x, lambda x: np.arange(3) * x),
    _lax_case("broadcasted_iota", lambda x: lax.broadcasted_iota(np.int32, (2, 3), 1) * x,
              lambda x: np.arange(3) * x, shapes=((2, 3),)),
    _lax_case("broadcast", lambda x: lax.broadcast(x, (2,)), lambda x: np.stack([x, x])),
    _lax_case("broadcast_in_dim", lambda x: lax.broadcast_in_dim(x, (3, 2), (0,)),
              lambda x: np.stack([x, x], 1)),
    _lax_case("reshape", lambda x: lax.reshape(x, (3, 2), (1, 0)),
              lambda x: x.T.reshape(3, 2), shapes=((2, 3),)),
    _lax_case("transpose", lambda x: lax.transpose(x, (1, 0)), lambda x: x.T, shapes=((2, 3),)),
    _lax_case("squeeze", lambda x: lax.squeeze(x, (0,)), lambda x: x[0], shapes=((1, 3),)),
    _lax_case("expand_dims", lambda x: lax.expand_dims(x, (1,)), lambda x: x[:, None]),
    _lax_case("concatenate", lambda x: lax.concatenate([x, 2 * x], 0),
              lambda x: np.concatenate([x, 2 * x])),
    _lax_case("rev", lambda x: lax.rev(x, (1,)), lambda x: x[:, ::-1], shapes=((2, 3),)),
    _lax_case("pad", lambda x: lax.pad(x, 0.5, [(1, -1, 2), (0, 2, 0)]),
              lambda x: _np_pad(x), shapes=((3, 2),)),
    _lax_case("slice", lambda x: lax.slice(x, (0, 1), (2, 3), (1, 2)), lambda x: x[0:2, 1:3:2],
              shapes=((2, 3),)),
    _lax_case("slice_in_dim", lambda x: lax.slice_in_dim(x, 1, 3, axis=1), lambda x: x[:, 1:3],
              shapes=((2, 3),)),
    _lax_case("index_in_dim", lambda x: lax.index_in_dim(x, 1, keepdims=False),
              lambda x: x[1], shapes=((2, 3),)),
    _lax_case("dynamic_slice", lambda x: lax.dynamic_slice(x, (1, 2), (1, 2)),
              lambda x: x[1:2, 1:3], shapes=((2, 3),)),
    _lax_case("dynamic_slice_in_dim", lambda x: lax.dynamic_slice_in_dim(x, 2, 2),
              lambda x: x[1:3]),
    _lax_case("dynamic_index_in_dim", lambda x: lax.dynamic_index_in_dim(x, 1, 1, False),
              lambda x: x[:, 1], shapes=((2, 3),)),
    _lax_case("dynamic_update_slice", lambda x: lax.dynamic_update_slice(x, x[:2] ** 2, (1,)),
              lambda x: np.concatenate([x[:1], x[:2] ** 2])),
    _lax_case("dynamic_update_slice_in_dim",
              lambda x: lax.dynamic_update_slice_in_dim(x, x[:1] * 3, 2, 0),
              lambda x: np.concatenate([x[:2], x[:1] * 3])),
    _lax_case("dynamic_update_index_in_dim",
              lambda x: lax.dynamic_update_index_in_dim(x, x[0] * 3, 1, 0),
              lambda x: np.array([x[0], 3 * x[0], x[2]])),
    # -- reductions, cumulative, sorting, products ---------------------------
    _lax_case("reduce_sum", lambda x: lax.reduce_sum(x, (0,)), lambda x: x.sum(0),
              shapes=((2, 3),)),
    _lax_case("reduce_max", lambda x: lax.reduce_max(x, (1,)), lambda x: x.max(1),
              shapes=((2, 3),)),
    _lax_case("reduce_min", lambda x: lax.reduce_min(x, (1,)), lambda x: x.min(1),
              shapes=((2, 3),)),
    _lax_case("reduce_prod", lambda x: lax.reduce_prod(x, (0,)), lambda x: x.prod(0),
              shapes=((2, 3),)),
    _lax_case("reduce_and", lambda x: lax.reduce_and(x > 0, (0,)), lambda x: (x > 0).all(0),
              shapes=((2, 3),), order=0),
    _lax_case("reduce_or", lambda x: lax.reduce_or(x > 0, (0,)), lambda x: (x > 0).any(0),
              shapes=((2, 3),), order=0),
    _lax_case("argmax", lambda x: lax.argmax(x, 1, np.int32), lambda x: np.argmax(x, 1)
              .astype(np.int32), shapes=((2, 3),), order=0),
    _lax_case("argmin", lambda x: lax.argmin(x, 0, np.int32), lambda x: np.argmin(x, 0)
              .astype(np.int32), shapes=((2, 3),), order=0),
    _lax_case("cumsum", lambda x: lax.cumsum(x, 1, reverse=True),
              lambda x: np.cumsum(x[:, ::-1], 1)[:, ::-1], shapes=((2, 3),)),
    _lax_case("cumprod", lambda x: lax.cumprod(x), lambda x: np.cumprod(x), (near_one,)),
    _lax_case("cummax", lambda x: lax.cummax(x), lambda x: np.maximum.accumulate(x)),
    _lax_case("cummin", lambda x: lax.cummin(x, reverse=True),
              lambda x: np.minimum.accumulate(x[::-1])[::-1]),
    _lax_case("cumlogsumexp", lambda x: lax.cumlogsumexp(x),
              lambda x: np.logaddexp.accumulate(x)),
    _lax_case("sort", lambda x: lax.sort(x), np.sort),
    _lax_case("sort_key_val", lambda x: lax.sort_key_val(x, 2 * x)[1], lambda x: 2 * np.sort(x)),
    _lax_case("top_k", lambda x: lax.top_k(x, 2)[0], lambda x: np.sort(x)[::-1][:2]),
    _lax_case("dot", lambda a, b: lax.dot(a, b, precision=lax.Precision.HIGHEST), np.dot,
              (anything, anything), ((2, 3), (3,))),
    _lax_case("batch_matmul", lax.batch_matmul, np.matmul, (anything, anything),
              ((2, 1, 3), (2, 3, 2))),
]


def _np_fori(x):
    for i in range(4):
        x = np.sin(x) + i * 0.1
    return x


def _np_count(x):
    n, s = 0, 0.0
    while s < 3.0:
        n, s = n + 1, s + np.sum(np.abs(x)) + 0.1
    return np.asarray(n)


def _np_pad(x):
    n = x.shape[0]
    interior = np.full((3 * n - 2, 2), 0.5, x.dtype)
    interior[::3] = x
    out = np.concatenate([np.full((1, 2), 0.5, x.dtype), interior])[:-1]
    return np.concatenate([out, np.full((out.shape[0], 2), 0.5, x.dtype)], 1)


def _np_digamma(x):
    import scipy.special

    return scipy.special.digamma(x)
