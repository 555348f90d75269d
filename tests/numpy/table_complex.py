"""funcgrad.numpy.angle (format: ``cases.Case``); the complex convention is in test_complex.py."""

from __future__ import annotations

from cases import Case
from matrix_samplers import complex_, general

MODULE = "funcgrad.numpy"

CASES = [
    Case("angle", lambda m: m.angle, (complex_(general),)),
    Case("angle:deg", lambda m: lambda z: m.angle(z, deg=True), (complex_(general),),
         covers=("angle",)),
    Case("angle:real", lambda m: lambda x: m.angle(x - 0.5), (general,), covers=("angle",)),
]
