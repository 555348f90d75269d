"""funcgrad.numpy.fft: every public name with n/s, axes and each norm (``cases`` format).

Builders are written against a module ``m`` (funcgrad.numpy or NumPy): the
runner compares values with NumPy's and checks plain-NumPy dispatch.
"""

from __future__ import annotations

from cases import Case
from matrix_samplers import complex_, general

MODULE = "funcgrad.numpy.fft"

CASES: list[Case] = []
real = general
cplx = complex_(general)


def add(name, build, samplers, shapes, **kw):
    covers = (name.split(":")[0],)
    CASES.append(Case(name, build, tuple(samplers), shapes=list(shapes), covers=covers, **kw))


# (name, keyword arguments, argument generator) per transform; every norm for each.
_VARIANTS = {
    "fft": [
        ("", {}, (cplx, (5,))),
        ("real", {}, (real, (2, 5))),
        ("n-pad,axis=0", {"n": 7, "axis": 0}, (cplx, (5, 2))),
        ("n-crop", {"n": 3}, (cplx, (5,))),
    ],
    "ifft": [
        ("", {}, (cplx, (4,))),
        ("n-pad", {"n": 6}, (cplx, (2, 4))),
    ],
    "rfft": [
        ("", {}, (real, (6,))),
        ("odd,batched", {}, (real, (2, 5))),
        ("n-pad", {"n": 8}, (real, (5,))),
        ("n-crop,axis=0", {"n": 3, "axis": 0}, (real, (5, 2))),
    ],
    "irfft": [
        ("", {}, (cplx, (4,))),
        ("n-odd", {"n": 7}, (cplx, (4,))),
        ("n-crop", {"n": 4}, (cplx, (2, 5))),
        ("n-pad,axis=0", {"n": 10, "axis": 0}, (cplx, (3, 2))),
    ],
    "hfft": [
        ("", {}, (cplx, (4,))),
        ("n-odd", {"n": 5}, (cplx, (2, 3))),
    ],
    "ihfft": [
        ("", {}, (real, (5,))),
        ("n", {"n": 4}, (real, (2, 6))),
    ],
    "fft2": [
        ("", {}, (cplx, (3, 4))),
        ("s,batched", {"s": (4, 2)}, (cplx, (2, 3, 3))),
    ],
    "ifft2": [
        ("", {}, (cplx, (2, 3, 4))),
        ("s,axes", {"s": (4, 5), "axes": (0, 2)}, (cplx, (2, 3, 4))),
    ],
    "fftn": [
        ("", {}, (cplx, (2, 3, 4))),
        ("real,axes", {"axes": (0, 2)}, (real, (2, 3, 4))),
    ],
    "ifftn": [
        ("", {}, (cplx, (2, 3, 2))),
        ("axes", {"axes": (1,)}, (cplx, (2, 3, 2))),
    ],
    "rfft2": [
        ("", {}, (real, (3, 4))),
        ("s", {"s": (2, 5)}, (real, (2, 3, 4))),
    ],
    "irfft2": [
        ("", {}, (cplx, (3, 4))),
        ("s", {"s": (4, 5)}, (cplx, (3, 3))),
    ],
    "rfftn": [
        ("", {}, (real, (2, 3, 5))),
        ("axes", {"axes": (2, 0)}, (real, (2, 3, 4))),
    ],
    "irfftn": [
        ("", {}, (cplx, (2, 3, 4))),
        ("s,axes", {"s": (3, 7), "axes": (0, 2)}, (cplx, (2, 3, 4))),
    ],
}

for _name, _variants in _VARIANTS.items():
    for _label, _kw, (_sampler, _shape) in _variants:
        for _norm in (None, "ortho", "forward"):
            kw = dict(_kw, norm=_norm) if _norm else dict(_kw)
            tag = ",".join(t for t in (_label, f"norm={_norm}" if _norm else "") if t)
            add(f"{_name}:{tag}" if tag else _name,
                lambda m, name=_name, kw=kw: lambda x: getattr(m.fft, name)(x, **kw),
                [_sampler], [_shape])

# s without axes: the last len(s) axes (NumPy's deprecated default, and JAX's).
add("fftn:s-without-axes", lambda m: lambda x: m.fft.fftn(x, s=(3, 5)), [cplx], [(2, 3, 4)],
    numpy=False, reference=lambda m: lambda x: m.fft.fftn(x, s=(3, 5), axes=(1, 2)))
add("fftshift", lambda m: m.fft.fftshift, [real], [(4, 5)])
add("fftshift:axes", lambda m: lambda x: m.fft.fftshift(x, axes=1), [cplx], [(3, 5)])
add("ifftshift", lambda m: m.fft.ifftshift, [real], [(4, 5)])
add("ifftshift:axes", lambda m: lambda x: m.fft.ifftshift(x, axes=(0,)), [real], [(5, 2)])
