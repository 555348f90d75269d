"""Traces and tracers: how a primitive finds the transform that should see it.

Every transform call opens a :class:`Trace` with a fresh, higher level. A
:class:`Tracer` belongs to exactly one trace. When a primitive is applied,
:meth:`Primitive.bind` hands it to the trace of highest level among its
arguments; that trace treats arguments from lower levels as constants. Nested
transforms therefore never mix up their perturbations: the levels keep them
apart by construction.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

_levels = itertools.count(1)


class UnexpectedTracerError(RuntimeError):
    """A traced value was used after the transform that made it had returned.

    Examples
    --------
    >>> import funcgrad as fg
    >>> leaked = []
    >>> _ = fg.grad(lambda x: leaked.append(x) or x * 2)(1.0)
    >>> leaked[0] * 3.0
    Traceback (most recent call last):
        ...
    funcgrad.core.trace.UnexpectedTracerError: A value traced by funcgrad.grad was used after ...
    """


class ConcretizationError(TypeError):
    """Python needed a concrete value, but only a shape and dtype were known.

    Examples
    --------
    >>> import funcgrad as fg
    >>> fg.make_ir(lambda x: x if x > 0 else -x)(1.0)
    Traceback (most recent call last):
        ...
    funcgrad.core.trace.ConcretizationError: A value traced by funcgrad.make_ir ...
    """


class TracerConversionError(ConcretizationError):
    """A value that carries a derivative was converted to a Python or NumPy scalar.

    ``float(x)``, ``int(x)``, ``complex(x)``, ``x.item()``, ``x.tolist()``,
    ``np.float64(x)`` and ``math`` functions (which call ``float``) would
    return a number without the derivative, so the gradient would silently
    lose that path. ``bool(x)`` and comparisons stay allowed: Python control
    flow on values works under ``grad`` and ``jvp``.

    Examples
    --------
    >>> import math, funcgrad as fg
    >>> fg.grad(lambda x: math.sin(x))(1.0)
    Traceback (most recent call last):
        ...
    funcgrad.core.trace.TracerConversionError: float() of a value traced by funcgrad.grad ...
    >>> fg.grad(lambda x: x * 2.0 if x > 0 else -x)(1.0)   # bool() is fine
    array(2.)
    """


class Trace:
    """An interpreter for primitives, active for the duration of one transform call."""

    __slots__ = ("level", "active", "name")
    # Whether the trace's tracers read as their primals once it is finished (instead of
    # raising UnexpectedTracerError): torch's forward-AD levels, whose dual tensors outlive them.
    outlives = False
    # Whether the trace takes derivatives (forward or reverse mode), rather than batching
    # or staging: a custom rule calling its own function on such a trace's values asks
    # for the rule again (jacfwd(jacrev(f)) of a custom_jvp f).
    differentiates = False

    def __init__(self, name: str) -> None:
        self.level = next(_levels)
        self.active = True
        self.name = name

    def process(self, prim, args: tuple, params: dict):  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        """Close the trace: any of its tracers used later raises UnexpectedTracerError."""
        self.active = False

    def __enter__(self) -> Trace:
        return self

    def __exit__(self, *exc) -> None:
        self.finish()

    def escaped(self, what: str = "") -> UnexpectedTracerError:
        return UnexpectedTracerError(
            f"A value traced by funcgrad.{self.name} was used after `{self.name}` returned"
            f"{what}. This happens when a traced value is stored outside the function "
            f"(in a global, a list, an attribute) and used later. Return the value from "
            f"the function instead, or use funcgrad.stop_gradient on it before storing it."
        )


def missing_rule(prim, rule: str, how: str) -> NotImplementedError:
    """The error for differentiating a primitive that has no rule for this mode."""
    return NotImplementedError(
        f"Differentiation rule for primitive '{prim.name}' is not implemented ({rule}). "
        f"Give it one beside its definition with funcgrad.core.primitive.{how}, mark it "
        f"nondifferentiable(...) if its derivative is zero, or wrap the computation in "
        f"funcgrad.stop_gradient."
    )


class Tracer:
    """A value seen by a transform. Subclasses add the primal, tangent, node, or type.

    Python's operators are attached by :mod:`funcgrad.numpy`, so that ``x * y``
    on tracers binds the same primitives that ``funcgrad.numpy.multiply`` does.
    """

    __slots__ = ("_trace",)
    # Make NumPy defer binary operators (ndarray + tracer) to the tracer's reflected methods.
    __array_priority__ = 1000

    # Tracers compare elementwise, so they cannot be hashed (as NumPy arrays).
    __hash__ = None  # type: ignore[assignment]

    @property
    def shape(self) -> tuple[int, ...]:
        raise NotImplementedError

    @property
    def dtype(self) -> np.dtype:
        raise NotImplementedError

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    def __len__(self) -> int:
        shape = self.shape
        if not shape:
            raise TypeError("len() of unsized object (a 0-d traced value)")
        return shape[0]

    def __iter__(self):
        if not self.shape:
            raise TypeError("iteration over a 0-d traced value")
        return (self[i] for i in range(self.shape[0]))

    def concrete(self) -> Any:
        """The concrete value behind the tracer, for Python control flow."""
        raise NotImplementedError

    #: Whether the value carries a derivative (reverse and forward mode): converting
    #: it to a Python number would cut the derivative, so such conversions raise.
    carries_derivative = False

    def __bool__(self) -> bool:
        return bool(full_lower(self.concrete()))

    def __float__(self) -> float:
        self.check_conversion("float()")
        return float(full_lower(self.concrete()))

    def __int__(self) -> int:
        self.check_conversion("int()")
        return int(full_lower(self.concrete()))

    def __index__(self) -> int:
        return int(full_lower(self.concrete()).__index__())

    def __complex__(self) -> complex:
        self.check_conversion("complex()")
        return complex(full_lower(self.concrete()))

    def item(self) -> Any:
        self.check_conversion("x.item()")
        return full_lower(self.concrete()).item()

    def check_conversion(self, what: str) -> None:
        """Raise :class:`TracerConversionError` if ``what`` would drop this value's derivative."""
        if not self.carries_derivative or self.dtype.kind not in "fc":
            return
        name = self._trace.name
        raise TracerConversionError(
            f"{what} of a value traced by funcgrad.{name} would return a plain number without "
            f"its derivative, so funcgrad.{name} would silently miss this path. The same "
            f"happens with float(), int(), complex(), x.item(), x.tolist(), np.float64(x) and "
            f"the functions of Python's math module (they call float()). Use funcgrad.numpy "
            f"instead (fnp.sin(x) for math.sin(x), x.astype(float) for np.float64(x)); if the "
            f"cut is intended, convert funcgrad.stop_gradient(x) instead of x. Comparisons and "
            f"bool() for Python control flow keep working."
        )

    def __array__(self, dtype=None, copy=None):
        if dtype is not None and np.dtype(dtype).kind in "iub":
            # An integer or boolean copy has no derivative to lose (np.int64(x), indices).
            return np.asarray(full_lower(self.concrete()), dtype)
        error = TracerConversionError if self.carries_derivative else TypeError
        raise error(
            f"A traced value (shape {self.shape}, dtype {self.dtype}) cannot be converted "
            f"to a NumPy array (np.asarray, np.array, np.float64(x)): its derivative would be "
            f"lost. Use funcgrad.numpy functions (`import funcgrad.numpy as fnp`) on it, or "
            f"funcgrad.stop_gradient(x) if you really want a constant."
        )


def full_lower(value: Any) -> Any:
    """The concrete NumPy value behind any number of tracer levels."""
    # A primal may itself be traced by an outer transform: unwrap every level.
    while isinstance(value, Tracer):
        value = value.concrete()
    return value
