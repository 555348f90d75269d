"""Comparisons, logical operations, ``sign`` and ``isfinite``: elementwise, with no derivative.

Their outputs are constants to every transform (registered once with
``nondifferentiable``), so a rule may use them freely.
"""

from __future__ import annotations

import numpy as np

from ..core.primitive import Primitive, defsource, deftorch, nondifferentiable
from .batching import defbatch_elementwise, is_plain_ufunc


def nondiff_elementwise(name: str, impl) -> Primitive:
    """An elementwise primitive with no derivative (shared with :mod:`.piecewise`).

    A plain ufunc ``impl`` is batched elementwise by default; another gets the rule here.
    """
    prim = nondifferentiable(Primitive(name, impl))
    return prim if is_plain_ufunc(impl) else defbatch_elementwise(prim)


equal_p = nondiff_elementwise("eq", np.equal)
not_equal_p = nondiff_elementwise("ne", np.not_equal)
less_p = nondiff_elementwise("lt", np.less)
less_equal_p = nondiff_elementwise("le", np.less_equal)
greater_p = nondiff_elementwise("gt", np.greater)
greater_equal_p = nondiff_elementwise("ge", np.greater_equal)
sign_p = nondiff_elementwise("sign", np.sign)
deftorch(sign_p, "SignBackward0")
logical_not_p = nondiff_elementwise("not", np.logical_not)
logical_and_p = nondiff_elementwise("and", np.logical_and)
logical_or_p = nondiff_elementwise("or", np.logical_or)
isfinite_p = nondiff_elementwise("isfinite", np.isfinite)
defsource(equal_p, "{0} == {1}", ufunc="equal")
defsource(not_equal_p, "{0} != {1}", ufunc="not_equal")
defsource(less_p, "{0} < {1}", ufunc="less")
defsource(less_equal_p, "{0} <= {1}", ufunc="less_equal")
defsource(greater_p, "{0} > {1}", ufunc="greater")
defsource(greater_equal_p, "{0} >= {1}", ufunc="greater_equal")
defsource(sign_p, ufunc="sign")
defsource(logical_not_p, ufunc="logical_not")
defsource(logical_and_p, ufunc="logical_and")
defsource(logical_or_p, ufunc="logical_or")
defsource(isfinite_p, ufunc="isfinite")


def _comparison(prim: Primitive, symbol: str, np_name: str):
    def compare(x1, x2, /):
        return prim.bind(x1, x2)

    compare.__name__ = np_name
    compare.__qualname__ = np_name
    compare.__doc__ = f"""Elementwise ``x1 {symbol} x2``, as :func:`numpy.{np_name}`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.{np_name}(fnp.asarray([1.0, 2.0, 3.0]), 2.0)
    {getattr(np, np_name)(np.array([1.0, 2.0, 3.0]), 2.0)!r}
    """
    return compare


equal = _comparison(equal_p, "==", "equal")
not_equal = _comparison(not_equal_p, "!=", "not_equal")
less = _comparison(less_p, "<", "less")
less_equal = _comparison(less_equal_p, "<=", "less_equal")
greater = _comparison(greater_p, ">", "greater")
greater_equal = _comparison(greater_equal_p, ">=", "greater_equal")
logical_and = _comparison(logical_and_p, "and", "logical_and")
logical_or = _comparison(logical_or_p, "or", "logical_or")


def logical_not(x, /):
    """Elementwise ``not x``, as :func:`numpy.logical_not`; no derivative.

    Examples
    --------
    >>> import funcgrad.numpy as fnp
    >>> fnp.logical_not(fnp.asarray([True, False]))
    array([False,  True])
    """
    return logical_not_p.bind(x)


def sign(x, /):
    """Elementwise sign, as :func:`numpy.sign`; zero derivative.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> fg.grad(lambda x: fnp.sign(x) * x)(-3.0)
    array(-1.)
    """
    return sign_p.bind(x)


def isfinite(x, /):
    """Elementwise test for finiteness, as :func:`numpy.isfinite`; no derivative.

    Examples
    --------
    >>> import numpy as np, funcgrad.numpy as fnp
    >>> fnp.isfinite(fnp.asarray([1.0, np.inf, np.nan]))
    array([ True, False, False])
    """
    return isfinite_p.bind(x)

