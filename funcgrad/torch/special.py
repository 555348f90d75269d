"""``torch.special``: PyTorch's special functions on funcgrad's kernel.

The SciPy-backed ones (``erfcx``, ``gammaln``, ``digamma``, ``polygamma``,
``i0e``, ``i1``, ``ndtri``, ``zeta``, ...) bind funcgrad.scipy.special's
functions, whose values SciPy computes and whose derivatives are the
kernel's; SciPy is an optional extra, imported at the first call. Results
carry PyTorch's node names.

>>> import funcgrad.torch as torch
>>> x = torch.tensor([0.5, 2.0], requires_grad=True)
>>> torch.special.expit(x)
tensor([0.6225, 0.8808], grad_fn=<SigmoidBackward0>)
>>> torch.special.xlogy(x, x)
tensor([-0.3466,  1.3863], grad_fn=<XlogyBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.optional import optional_function
from ._operands import _binary, _float_node, _t
from .elementwise import round as _round
from .functions import exp2, expm1, log1p, log_softmax, logsumexp, sigmoid, softmax
from .more_ops import digamma, erf, erfc, erfinv, i0, lgamma, logit, sinc, xlogy
from .tensor import Tensor, record

__all__ = [
    "expit", "logit", "erf", "erfc", "erfcx", "erfinv", "gammaln", "digamma", "psi",
    "polygamma", "multigammaln", "xlogy", "xlog1py", "i0", "i0e", "i1", "i1e", "logsumexp",
    "softmax", "log_softmax", "ndtr", "ndtri", "log_ndtr", "sinc", "entr", "zeta",
    "gammainc", "gammaincc", "exp2", "expm1", "log1p", "round",
]

_sp = {name: optional_function("funcgrad.scipy.special", name) for name in (
    "erfcx", "i0e", "i1", "i1e", "ndtri", "log_ndtr", "polygamma", "multigammaln", "xlog1py",
    "zeta", "gammainc", "gammaincc", "entr", "ndtr")}

expit = sigmoid
gammaln = lgamma
psi = digamma
del sigmoid  # torch.special has expit, not sigmoid


def _unary(key: str, fn: Any, example: str, shows: str) -> Any:
    def op(input):
        x = _t(input)
        return record(key, fn(_float_node(x)), (x,))

    name = key.removeprefix("special_")
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"""Elementwise ``{name}``, as ``torch.special.{name}`` (differentiable).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.{name}(torch.tensor({example}))
    {shows}
    """
    return op


erfcx = _unary("special_erfcx", _sp["erfcx"], "[0.5]", "tensor([0.6157])")
i0e = _unary("special_i0e", _sp["i0e"], "[1.0]", "tensor([0.4658])")
i1 = _unary("special_i1", _sp["i1"], "[1.0]", "tensor([0.5652])")
i1e = _unary("special_i1e", _sp["i1e"], "[1.0]", "tensor([0.2079])")
ndtri = _unary("special_ndtri", _sp["ndtri"], "[0.975]", "tensor([1.9600])")
log_ndtr = _unary("special_log_ndtr", _sp["log_ndtr"], "[0.0]", "tensor([-0.6931])")


def ndtr(input):
    """The standard normal cumulative distribution function.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.ndtr(torch.tensor([0.0, 1.96]))
    tensor([0.5000, 0.9750])
    """
    x = _t(input)
    return record("ndtr", _sp["ndtr"](_float_node(x)), (x,))


def entr(input):
    """Elementwise entropy term: ``-x log x`` (0 at 0, ``-inf`` for negative ``x``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.entr(torch.tensor([0.5, 0.0, -1.0]))
    tensor([0.3466, 0.0000,   -inf])
    """
    x = _t(input)
    return record("special_entr", _sp["entr"](_float_node(x)), (x,))


def polygamma(n, input):
    """The ``n``-th derivative of the digamma function.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.polygamma(1, torch.tensor([1.0]))
    tensor([1.6449])
    """
    x = _t(input)
    if int(n) < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    node = _float_node(x)
    order = np.asarray(int(n), node.dtype)
    return record("polygamma", _sp["polygamma"](order, node), (x,))


def multigammaln(input, p):
    """The log of the multivariate gamma function of dimension ``p``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.multigammaln(torch.tensor([2.5]), 2)
    tensor([0.8570])
    """
    x = _t(input)
    a = x._node.primal
    if isinstance(a, np.ndarray) and (a <= (p - 1) / 2).any():
        raise RuntimeError(
            f"All elements must be greater than (p-1)/2, but got {(p - 1) / 2}"
        )
    return record("mvlgamma", _sp["multigammaln"](_float_node(x), int(p)), (x,))


def _two(key: str, fn: Any, input: Any, other: Any) -> Tensor:
    _, a, b, xs = _binary(input, other, floating=True)
    if not isinstance(xs[0], Tensor):
        key += "_self_scalar"
        xs = (xs[1],)
    elif not isinstance(xs[1], Tensor):
        key += "_other_scalar"
        xs = (xs[0],)
    return record(key, fn(a, b), xs)


def round(input, *, decimals=0):  # noqa: A001 - PyTorch's name
    """Round to ``decimals`` decimal places (halves to even); the derivative is 0.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.round(torch.tensor([0.5, 1.5, 2.25]), decimals=1)
    tensor([0.5000, 1.5000, 2.2000])
    """
    return _round(input, decimals=decimals)


def xlog1py(input, other):
    """``input * log1p(other)``, 0 where ``input`` is 0.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.xlog1py(torch.tensor([0.0, 2.0]), torch.tensor([-1.0, 1.0]))
    tensor([0.0000, 1.3863])
    """
    return _two("special_xlog1py", _sp["xlog1py"], input, other)


def zeta(input, other):
    """The Hurwitz zeta function ``sum_k (k + other) ** -input``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.zeta(torch.tensor([2.0]), torch.tensor([1.0]))
    tensor([1.6449])
    """
    return _two("special_zeta", _sp["zeta"], input, other)


def gammainc(input, other):
    """The regularized lower incomplete gamma function ``P(input, other)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.gammainc(torch.tensor([1.0]), torch.tensor([1.0]))
    tensor([0.6321])
    """
    return _two("igamma", _sp["gammainc"], input, other)


def gammaincc(input, other):
    """The regularized upper incomplete gamma function ``Q(input, other)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.special.gammaincc(torch.tensor([1.0]), torch.tensor([1.0]))
    tensor([0.3679])
    """
    return _two("igammac", _sp["gammaincc"], input, other)


NODE_NAMES = {
    "special_xlog1py": ("SpecialXlog1PyBackward0", ""),
    "special_i0e": ("SpecialI0EBackward0", ""),
    "special_i1e": ("SpecialI1EBackward0", ""),
    "ndtr": ("MulBackward1", ""),
    "xlogy_self_scalar": ("XlogyBackward1", ""),
    "special_xlog1py_self_scalar": ("SpecialXlog1PyBackward1", ""),
    "special_xlog1py_other_scalar": ("SpecialXlog1PyBackward2", ""),
    "special_zeta_self_scalar": ("SpecialZetaBackward1", ""),
    "special_zeta_other_scalar": ("SpecialZetaBackward2", ""),
    "igamma_self_scalar": ("IgammaBackward1", ""),
    "igamma_other_scalar": ("IgammaBackward2", ""),
    "igammac_self_scalar": ("IgammacBackward1", ""),
    "igammac_other_scalar": ("IgammacBackward2", ""),
    "round_decimals": ("RoundBackward1", ""),
}

# The functions torch.special shares with torch (the same objects).
SHARED = (erf, erfc, erfinv, i0, logit, sinc, xlogy, logsumexp, softmax, log_softmax, exp2,
          expm1, log1p)
TOP_LEVEL = {"polygamma": polygamma, "mvlgamma": multigammaln}


def polygamma_method(self, n):
    """``Tensor.polygamma(n)``: the ``n``-th derivative of the digamma function.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.tensor([1.0]).polygamma(1)
    tensor([1.6449])
    """
    return polygamma(n, self)


TENSOR_METHODS = {"polygamma": polygamma_method, "mvlgamma": multigammaln}
