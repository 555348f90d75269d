"""The argument of a complex number, ``angle``; ``real``, ``imag``, ``conj`` and ``abs`` are in
:mod:`funcgrad.primitives.elementwise`.

Complex numbers follow JAX's convention (the VJP is the transpose of the JVP,
no conjugation): for a real-valued ``f`` of complex ``z``, ``grad(f)(z)`` is
``df/dx - i df/dy``, the conjugate of what PyTorch stores in ``.grad``.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defjvp, defvjp
from .batching import defbatch_elementwise
from .elementwise import imag
from .util import is_complex


def _angle(z):
    return np.angle(z)


angle_p = defbatch_elementwise(Primitive("angle", _angle))


# d angle(z) = Im(dz / z) = Re(-i dz / z); a real input's angle (0 or pi) is locally constant.
defjvp(angle_p, lambda t, ans, z: imag(t / z) if is_complex(z) else None)
defvjp(angle_p, lambda g, ans, z: g * (-1j / z) if is_complex(z) else None)


def angle(z, deg=False):
    """The counterclockwise angle from the positive real axis, as :func:`numpy.angle`.

    In JAX's convention ``grad(angle)(z) = -i / z`` (``d angle = Im(dz / z)``);
    for real inputs the derivative is 0. At ``z = 0`` it is not finite.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(fnp.angle)(1.0 + 1.0j)   # -1/2 - i/2
    array(-0.5-0.5j)
    >>> fnp.angle(fnp.asarray([1.0j, -1.0]), deg=True)
    array([ 90., 180.])
    """
    out = angle_p.bind(z)
    return out * (180 / np.pi) if deg else out


NUMPY_EQUIVALENTS = {np.angle: angle}
