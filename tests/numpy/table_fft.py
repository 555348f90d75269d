"""The table of funcgrad.numpy.fft: every public name, with ``n``/``s``, axes and each ``norm``."""

from __future__ import annotations

import numpy as np
from table_case import Case, complex_dtype, normal

import funcgrad.numpy as fnp

F = fnp.fft


def real_args(*shapes):
    return lambda rng, dtype: tuple(normal(rng, s, dtype) for s in shapes)


def complex_args(*shapes):
    return lambda rng, dtype: tuple(normal(rng, s, complex_dtype(dtype)) for s in shapes)


CASES: dict[str, Case] = {}


def add(name, fun, args, numpy, **kw):
    assert name not in CASES, name
    CASES[name] = Case(fun, args, numpy, **kw)


# (name, keyword arguments, argument generator) per transform; every norm for each.
_VARIANTS = {
    "fft": [
        ("", {}, complex_args((5,))),
        ("real", {}, real_args((2, 5))),
        ("n-pad,axis=0", {"n": 7, "axis": 0}, complex_args((5, 2))),
        ("n-crop", {"n": 3}, complex_args((5,))),
    ],
    "ifft": [
        ("", {}, complex_args((4,))),
        ("n-pad", {"n": 6}, complex_args((2, 4))),
    ],
    "rfft": [
        ("", {}, real_args((6,))),
        ("odd,batched", {}, real_args((2, 5))),
        ("n-pad", {"n": 8}, real_args((5,))),
        ("n-crop,axis=0", {"n": 3, "axis": 0}, real_args((5, 2))),
    ],
    "irfft": [
        ("", {}, complex_args((4,))),
        ("n-odd", {"n": 7}, complex_args((4,))),
        ("n-crop", {"n": 4}, complex_args((2, 5))),
        ("n-pad,axis=0", {"n": 10, "axis": 0}, complex_args((3, 2))),
    ],
    "hfft": [
        ("", {}, complex_args((4,))),
        ("n-odd", {"n": 5}, complex_args((2, 3))),
    ],
    "ihfft": [
        ("", {}, real_args((5,))),
        ("n", {"n": 4}, real_args((2, 6))),
    ],
    "fft2": [
        ("", {}, complex_args((3, 4))),
        ("s,batched", {"s": (4, 2)}, complex_args((2, 3, 3))),
    ],
    "ifft2": [
        ("", {}, complex_args((2, 3, 4))),
        ("s,axes", {"s": (4, 5), "axes": (0, 2)}, complex_args((2, 3, 4))),
    ],
    "fftn": [
        ("", {}, complex_args((2, 3, 4))),
        ("real,axes", {"axes": (0, 2)}, real_args((2, 3, 4))),
    ],
    "ifftn": [
        ("", {}, complex_args((2, 3, 2))),
        ("axes", {"axes": (1,)}, complex_args((2, 3, 2))),
    ],
    "rfft2": [
        ("", {}, real_args((3, 4))),
        ("s", {"s": (2, 5)}, real_args((2, 3, 4))),
    ],
    "irfft2": [
        ("", {}, complex_args((3, 4))),
        ("s", {"s": (4, 5)}, complex_args((3, 3))),
    ],
    "rfftn": [
        ("", {}, real_args((2, 3, 5))),
        ("axes", {"axes": (2, 0)}, real_args((2, 3, 4))),
    ],
    "irfftn": [
        ("", {}, complex_args((2, 3, 4))),
        ("s,axes", {"s": (3, 7), "axes": (0, 2)}, complex_args((2, 3, 4))),
    ],
}

for _name, _variants in _VARIANTS.items():
    for _label, _kw, _args in _variants:
        for _norm in (None, "ortho", "forward"):
            kw = dict(_kw, norm=_norm) if _norm else dict(_kw)
            tag = ",".join(t for t in (_label, f"norm={_norm}" if _norm else "") if t)
            ours, theirs = getattr(F, _name), getattr(np.fft, _name)
            add(f"fft.{_name}[{tag}]" if tag else f"fft.{_name}",
                lambda *a, f=ours, kw=kw: f(*a, **kw), _args,
                lambda *a, f=theirs, kw=kw: f(*a, **kw))

# s without axes: the last len(s) axes (NumPy's deprecated default, JAX's).
add("fft.fftn[s-without-axes]", lambda x: F.fftn(x, s=(3, 5)), complex_args((2, 3, 4)),
    lambda x: np.fft.fftn(x, s=(3, 5), axes=(1, 2)))
add("fft.fftshift", F.fftshift, real_args((4, 5)), np.fft.fftshift)
add("fft.fftshift[axes]", lambda x: F.fftshift(x, axes=1), complex_args((3, 5)),
    lambda x: np.fft.fftshift(x, axes=1))
add("fft.ifftshift", F.ifftshift, real_args((4, 5)), np.fft.ifftshift)
add("fft.ifftshift[axes]", lambda x: F.ifftshift(x, axes=(0,)), real_args((5, 2)),
    lambda x: np.fft.ifftshift(x, axes=(0,)))
add("fft.fftfreq", lambda: F.fftfreq(5, 0.1), lambda rng, dtype: (), lambda: np.fft.fftfreq(5, 0.1),
    order=0, float32=False)
add("fft.rfftfreq", lambda: F.rfftfreq(6), lambda rng, dtype: (), lambda: np.fft.rfftfreq(6),
    order=0, float32=False)
