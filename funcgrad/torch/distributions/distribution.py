"""``Distribution``: the base class of ``torch.distributions``, and its helpers.

Shapes follow PyTorch: a sample has shape ``sample_shape + batch_shape +
event_shape``; ``log_prob`` reduces the event dimensions. Arguments are
validated against ``arg_constraints`` and values against ``support`` (unless
``validate_args=False``), with PyTorch's ``ValueError`` messages; values a
functional transform traces are not checked. Random draws come from
funcgrad.torch's generator (``torch.manual_seed``).

>>> import funcgrad.torch as torch
>>> d = torch.distributions.Normal(torch.zeros(3), 1.0)
>>> d.batch_shape, d.event_shape
(torch.Size([3]), torch.Size([]))
>>> d.sample((2,)).shape
torch.Size([2, 3])
"""

from __future__ import annotations

import warnings
from numbers import Number
from typing import Any

import numpy as np

from .. import _dtypes
from .._graph import no_grad
from ..factories import randn
from ..factories import tensor as _tensor
from ..functions import broadcast_to, clamp, log, log1p, sigmoid, softmax
from ..index_ops import known
from ..more_ops import broadcast_shapes
from ..tensor import Size, Tensor
from . import constraints

# The default sample shape: one sample.
EMPTY_SHAPE = Size()

__all__ = ["Distribution", "broadcast_all", "probs_to_logits", "logits_to_probs", "clamp_probs",
           "lazy_property"]


class lazy_property:  # noqa: N801 - PyTorch's name
    """A property computed once, at first access, then stored on the instance.

    ``Bernoulli(probs=...)`` computes ``logits`` only when asked (and then shows
    it in its ``repr``), as in PyTorch.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> b = torch.distributions.Bernoulli(probs=torch.tensor([0.5, 0.5]))
    >>> b
    Bernoulli(probs: torch.Size([2]))
    >>> b.logits
    tensor([0., 0.])
    >>> b
    Bernoulli(probs: torch.Size([2]), logits: torch.Size([2]))
    """

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        self.__doc__ = wrapped.__doc__
        self.__name__ = wrapped.__name__

    def __get__(self, instance: Any, obj_type: Any = None) -> Any:
        if instance is None:
            return self
        value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value


def broadcast_all(*values: Any) -> tuple:
    """The arguments as tensors of one broadcast shape (numbers take the tensors' dtype, or
    the default one).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.distributions.utils import broadcast_all
    >>> [v.shape for v in broadcast_all(torch.zeros(2), 1.0)]
    [torch.Size([2]), torch.Size([2])]
    """
    if not all(isinstance(v, (Tensor, Number)) for v in values):
        raise ValueError(
            "Input arguments must all be instances of numbers.Number, torch.Tensor or objects "
            "implementing __torch_function__."
        )
    like = next((v for v in values if isinstance(v, Tensor)), None)
    dtype = like.dtype if like is not None else _dtypes.to_torch(_dtypes.default_float())
    tensors = [v if isinstance(v, Tensor) else _tensor(v, dtype=dtype) for v in values]
    shape = broadcast_shapes(*[tuple(t.shape) for t in tensors])
    return tuple(t if tuple(t.shape) == tuple(shape) else broadcast_to(t, shape)
                 for t in tensors)


def clamp_probs(probs: Tensor) -> Tensor:
    """``probs`` kept a machine epsilon away from 0 and 1.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.distributions.utils import clamp_probs
    >>> bool(clamp_probs(torch.tensor([0.0])) > 0)
    True
    """
    eps = float(np.finfo(probs.dtype.np).eps)
    return clamp(probs, min=eps, max=1 - eps)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    """Log-odds (``is_binary``) or log-probabilities of ``probs``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.distributions.utils import probs_to_logits
    >>> probs_to_logits(torch.tensor([0.5]), is_binary=True)
    tensor([0.])
    """
    ps = clamp_probs(probs)
    if is_binary:
        return log(ps) - log1p(-ps)
    return log(ps)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    """Probabilities from log-odds (``is_binary``: the sigmoid) or from logits (the softmax).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> from funcgrad.torch.distributions.utils import logits_to_probs
    >>> logits_to_probs(torch.tensor([0.0, 0.0]))
    tensor([0.5000, 0.5000])
    """
    if is_binary:
        return sigmoid(logits)
    return softmax(logits, -1)


def _all_valid(valid: Any) -> bool:
    """Whether every entry of the check ``valid`` is true (True when it is traced)."""
    if not isinstance(valid, Tensor):
        return bool(valid)
    a = known(valid)
    return True if a is None else bool(np.all(a))


def _traced(value: Any) -> bool:
    """Whether ``value`` is a tensor whose values a functional transform traces."""
    return isinstance(value, Tensor) and known(value) is None


def _describe(value: Any) -> str:
    return f"{type(value).__name__} of shape {tuple(value.shape)}"


class Distribution:
    """The base class of probability distributions, with PyTorch's interface.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> d = torch.distributions.Normal(0.0, 1.0)
    >>> isinstance(d, torch.distributions.Distribution), d.has_rsample
    (True, True)
    """

    has_rsample = False
    has_enumerate_support = False
    _validate_args = __debug__

    @staticmethod
    def set_default_validate_args(value: bool) -> None:
        """Validate arguments by default (True, PyTorch's default) or not.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> torch.distributions.Distribution.set_default_validate_args(True)
        """
        if value not in (True, False):
            raise ValueError
        Distribution._validate_args = value

    def __init__(self, batch_shape: Any = EMPTY_SHAPE, event_shape: Any = EMPTY_SHAPE,
                 validate_args: bool | None = None) -> None:
        self._batch_shape = Size(batch_shape)
        self._event_shape = Size(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if self._validate_args:
            try:
                arg_constraints = self.arg_constraints
            except NotImplementedError:
                arg_constraints = {}
                warnings.warn(
                    f"{self.__class__} does not define `arg_constraints`. Please set "
                    "`arg_constraints = {}` or initialize the distribution with "
                    "`validate_args=False` to turn off validation.", stacklevel=2)
            for param, constraint in arg_constraints.items():
                if constraints.is_dependent(constraint):
                    continue
                if param not in self.__dict__ and isinstance(
                        getattr(type(self), param, None), lazy_property):
                    continue  # skip checking lazily-constructed args
                value = getattr(self, param)
                if _traced(value):
                    continue  # a functional transform's value: no Python check of it
                if not _all_valid(constraint.check(value)):
                    raise ValueError(
                        f"Expected parameter {param} ({_describe(value)}) of distribution "
                        f"{self!r} to satisfy the constraint {constraint!r}, but found invalid "
                        f"values:\n{value}"
                    )

    def expand(self, batch_shape: Any, _instance: Any = None) -> Distribution:
        """A distribution with its batch broadcast to ``batch_shape`` (parameters expanded)."""
        raise NotImplementedError

    @property
    def batch_shape(self) -> Size:
        """The shape over which parameters are batched."""
        return self._batch_shape

    @property
    def event_shape(self) -> Size:
        """The shape of a single sample (without batching)."""
        return self._event_shape

    @property
    def arg_constraints(self) -> dict:
        """The constraint each argument satisfies."""
        raise NotImplementedError

    @property
    def support(self) -> Any:
        """The constraint the values of the distribution satisfy."""
        raise NotImplementedError

    @property
    def mean(self) -> Tensor:
        """The mean."""
        raise NotImplementedError(f"{self.__class__} does not implement mean")

    @property
    def mode(self) -> Tensor:
        """The mode."""
        raise NotImplementedError(f"{self.__class__} does not implement mode")

    @property
    def variance(self) -> Tensor:
        """The variance."""
        raise NotImplementedError(f"{self.__class__} does not implement variance")

    @property
    def stddev(self) -> Tensor:
        """The standard deviation."""
        return self.variance.sqrt()

    def sample(self, sample_shape: Any = EMPTY_SHAPE) -> Tensor:
        """A sample (a batch of them for a non-empty ``sample_shape``), outside autograd."""
        with no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape: Any = EMPTY_SHAPE) -> Tensor:
        """A reparameterized sample: gradients flow to the parameters."""
        raise NotImplementedError(f"{self.__class__} does not implement rsample")

    def sample_n(self, n: int) -> Tensor:
        """``n`` samples (``sample((n,))``)."""
        warnings.warn("sample_n will be deprecated. Use .sample((n,)) instead", UserWarning,
                      stacklevel=2)
        return self.sample(Size((n,)))

    def log_prob(self, value: Tensor) -> Tensor:
        """The log of the probability density (or mass) at ``value``."""
        raise NotImplementedError

    def cdf(self, value: Tensor) -> Tensor:
        """The cumulative distribution function at ``value``."""
        raise NotImplementedError

    def icdf(self, value: Tensor) -> Tensor:
        """The inverse of the cumulative distribution function."""
        raise NotImplementedError

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """Every value of a discrete distribution, along a new first dimension."""
        raise NotImplementedError

    def entropy(self) -> Tensor:
        """The entropy, per batch element."""
        raise NotImplementedError

    def perplexity(self) -> Tensor:
        """``exp(entropy)``."""
        return self.entropy().exp()

    def _extended_shape(self, sample_shape: Any = EMPTY_SHAPE) -> Size:
        if not isinstance(sample_shape, Size):
            sample_shape = Size(sample_shape)
        return Size(tuple(sample_shape) + tuple(self._batch_shape) + tuple(self._event_shape))

    def _validate_sample(self, value: Any) -> None:
        if not isinstance(value, Tensor):
            raise ValueError("The value argument to log_prob must be a Tensor")
        event_dim_start = value.dim() - len(self._event_shape)
        if value.shape[event_dim_start:] != self._event_shape:
            raise ValueError(
                f"The right-most size of value must match event_shape: {value.shape} vs "
                f"{self._event_shape}."
            )
        actual = value.shape
        expected = self._batch_shape + self._event_shape
        for i, j in zip(reversed(actual), reversed(expected)):
            if i != 1 and j != 1 and i != j:
                raise ValueError(
                    f"Value is not broadcastable with batch_shape+event_shape: {actual} vs "
                    f"{expected}."
                )
        if _traced(value) or any(_traced(v) for v in self.__dict__.values()):
            return  # a functional transform's values: no Python check of them
        try:
            support = self.support
        except NotImplementedError:
            warnings.warn(
                f"{self.__class__} does not define `support` to enable sample validation. "
                "Please initialize the distribution with `validate_args=False` to turn off "
                "validation.", stacklevel=2)
            return
        if not _all_valid(support.check(value)):
            raise ValueError(
                f"Expected value argument ({_describe(value)}) to be within the support "
                f"({support!r}) of the distribution {self!r}, but found invalid values:\n{value}"
            )

    def _get_checked_instance(self, cls: type, _instance: Any = None) -> Any:
        own_init = getattr(type(self), "__init__")  # noqa: B009 - the class's, not a bound one
        if _instance is None and own_init is not getattr(cls, "__init__"):  # noqa: B009
            raise NotImplementedError(
                f"Subclass {self.__class__.__name__} of {cls.__name__} that defines a custom "
                "__init__ method must also define a custom .expand() method."
            )
        return self.__new__(type(self)) if _instance is None else _instance

    def __repr__(self) -> str:
        names = [k for k in self.arg_constraints if k in self.__dict__]
        parts = []
        for p in names:
            v = self.__dict__[p]
            parts.append(f"{p}: {v if v.numel() == 1 else v.size()}")
        return self.__class__.__name__ + "(" + ", ".join(parts) + ")"


def standard_normal(shape: Any, like: Tensor) -> Tensor:
    """Draws from N(0, 1) of ``shape`` in ``like``'s dtype, from funcgrad.torch's generator."""
    return randn(*shape, dtype=like.dtype)


def sum_rightmost(value: Tensor, dim: int) -> Tensor:
    """``value`` summed over its ``dim`` last dimensions."""
    if dim == 0:
        return value
    return value.reshape(value.shape[: value.dim() - dim] + (-1,)).sum(-1)

