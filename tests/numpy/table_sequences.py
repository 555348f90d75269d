"""Sequences, creation from traced values, NumPy 2's vector products, float representation."""

import numpy as np
from cases import Case, anything, away_from_zero, positive, with_float16

MODULE = "funcgrad.numpy"


def sorted_points(shape, rng, dtype=np.float64):
    return np.sort(rng.uniform(-2.0, 2.0, shape) + np.arange(np.prod(shape)) * 0.5).astype(dtype)


CASES = [
    Case("convolve", lambda m: lambda a, v: m.convolve(a, v), (anything, anything),
         shapes=[(5,), (3,)]),
    Case("convolve:same", lambda m: lambda a, v: m.convolve(a, v, "same"), (anything, anything),
         shapes=[(3,), (4,)], covers=("convolve",)),
    Case("convolve:valid", lambda m: lambda a, v: m.convolve(a, v, mode="valid"),
         (anything, anything), shapes=[(6,), (2,)], covers=("convolve",)),
    Case("correlate", lambda m: lambda a, v: m.correlate(a, v), (anything, anything),
         shapes=[(5,), (3,)]),
    Case("correlate:full", lambda m: lambda a, v: m.correlate(a, v, "full"),
         (anything, anything), shapes=[(3,), (4,)], covers=("correlate",)),
    Case("interp", lambda m: lambda x, xp, fp: m.interp(x, xp, fp), (anything, sorted_points,
                                                                      anything),
         shapes=[(2, 3), (5,), (5,)]),
    Case("interp:bounds", lambda m: lambda x, fp: m.interp(x * 3, np.array([-1.0, 0.0, 2.0]),
                                                           fp, left=-5.0, right=fp[0]),
         (anything, anything), shapes=[(6,), (3,)], covers=("interp",)),
    Case("polyval", lambda m: lambda p, x: m.polyval(p, x), (anything, anything),
         shapes=[(4,), (2, 3)]),
    Case("vander", lambda m: lambda x: m.vander(x, 4), shapes=[(3,)]),
    Case("vander:increasing", lambda m: lambda x: m.vander(x, increasing=True), shapes=[(3,)],
         covers=("vander",)),
    Case("bincount", lambda m: lambda w: m.bincount([0, 3, 3, 1], weights=w, minlength=6),
         shapes=[(4,)]),
    Case("bincount:counts", lambda m: lambda x: m.bincount((abs(x) * 3).astype(np.int64)),
         shapes=[(5,)], order=0, covers=("bincount",), staged=False),
    Case("ediff1d", lambda m: lambda x, b: m.ediff1d(x, to_begin=b, to_end=[1.0, 2.0]),
         (anything, anything), shapes=[(2, 3), (1,)]),
    Case("full", lambda m: lambda v: m.full((2, 3), v), shapes=[()], numpy=False,
         reference=lambda m: lambda v: np.full((2, 3), v)),
    Case("meshgrid", lambda m: lambda x, y: m.meshgrid(x, y), (anything, anything),
         shapes=[(3,), (2,)], numpy=False, reference=lambda m: lambda x, y: np.meshgrid(x, y)),
    Case("meshgrid:ij_sparse", lambda m: lambda x, y, z: m.meshgrid(x, y, z, indexing="ij",
                                                                   sparse=True),
         (anything, anything, anything), shapes=[(3,), (2,), (2,)], numpy=False,
         reference=lambda m: lambda x, y, z: np.meshgrid(x, y, z, indexing="ij", sparse=True),
         covers=("meshgrid",)),
    Case("linspace", lambda m: lambda a, b: m.linspace(a, b, 5), (anything, anything),
         shapes=[(), ()], numpy=False,
         reference=lambda m: lambda a, b: np.linspace(a, b, 5)),
    Case("linspace:arrays", lambda m: lambda a, b: m.linspace(a, b, 4, endpoint=False, axis=-1,
                                                             retstep=True),
         (anything, anything), shapes=[(2,), (3, 2)], numpy=False,
         reference=lambda m: lambda a, b: np.linspace(a, b, 4, endpoint=False, axis=-1,
                                                      retstep=True),
         covers=("linspace",)),
    Case("vecdot", lambda m: lambda x, y: m.vecdot(x, y), (anything, anything),
         shapes=[(2, 3), (3,)]),
    Case("matvec", lambda m: lambda x, y: m.matvec(x, y), (anything, anything),
         shapes=[(2, 4, 3), (3,)]),
    Case("vecmat", lambda m: lambda x, y: m.vecmat(x, y), (anything, anything),
         shapes=[(3,), (2, 3, 4)]),
    Case("ldexp", lambda m: lambda x: m.ldexp(x, np.array([2, -1, 0])), shapes=[(2, 3)]),
    Case("frexp", lambda m: lambda x: m.frexp(x), (away_from_zero,), shapes=[(2, 3)]),
    Case("spacing", lambda m: lambda x: m.spacing(x), (positive,), shapes=[(3,)], order=0),
    Case("nextafter", lambda m: lambda x, y: m.nextafter(x, y), (anything, anything),
         shapes=[(3,), (3,)], order=0),
    Case("bitwise_count", lambda m: lambda x: m.bitwise_count((x * 10).astype(np.int64)),
         shapes=[(3,)], order=0),
    Case("where:one_argument", lambda m: lambda x: m.where(x > 0), shapes=[(2, 3)], order=0,
         staged=False, covers=("where",)),
]

CASES = with_float16(CASES)
