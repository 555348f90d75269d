"""funcgrad.optimizers: optimizers over pytrees (anchor: ``jax.example_libraries.optimizers``).

An optimizer is a triple of functions ``(init, update, get_params)``:

- ``init(params)`` builds the optimizer's state from a pytree of parameters;
- ``update(step, grads, state)`` returns the next state, given the step index
  and a pytree of gradients shaped like the parameters;
- ``get_params(state)`` returns the parameters held in a state.

States are pytrees (:class:`OptimizerState`), so ``update`` can be compiled with
:func:`funcgrad.jit` and the states passed through any transform. The update
formulas, defaults and schedules are JAX's, step for step. Programs written
against ``jax.example_libraries.optimizers`` run by changing the import:

>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> from funcgrad import optimizers
>>> opt_init, opt_update, get_params = optimizers.adam(0.1)
>>> loss = lambda p: fnp.sum((p["w"] - 3.0) ** 2)
>>> state = opt_init({"w": fnp.zeros(2)})
>>> step = fg.jit(lambda i, s: opt_update(i, fg.grad(loss)(get_params(s)), s))
>>> for i in range(100):
...     state = step(i, state)
>>> get_params(state)["w"]
array([2.98065544, 2.98065544])
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from . import numpy as fnp
from .tree_util import register_pytree_node, tree_flatten, tree_map, tree_unflatten

__all__ = [
    "JoinPoint", "Optimizer", "OptimizerState", "adagrad", "adam", "adamax", "clip_grads",
    "constant", "exponential_decay", "inverse_time_decay", "l2_norm", "make_schedule",
    "momentum", "nesterov", "optimizer", "pack_optimizer_state", "piecewise_constant",
    "polynomial_decay", "rmsprop", "rmsprop_momentum", "sgd", "sm3", "unpack_optimizer_state",
]

Params = Any
State = Any
Step = int
Schedule = Callable[[Step], Any]

# ---------------------------------------------------------------------------
# The state and the pytree plumbing
# ---------------------------------------------------------------------------

OptimizerState = namedtuple("OptimizerState", ["packed_state", "tree_def", "subtree_defs"])
OptimizerState.__doc__ = """The state of an optimizer over a pytree of parameters, as JAX's.

``packed_state`` holds one flat list of arrays per parameter leaf;
``tree_def`` is the parameters' structure and ``subtree_defs`` the structure of
each leaf's state. It is a pytree whose leaves are the arrays of ``packed_state``.

Examples
--------
>>> import numpy as np
>>> from funcgrad import optimizers
>>> state = optimizers.momentum(0.1, 0.9)[0]((np.zeros(2), np.ones(3)))
>>> type(state).__name__, len(state.packed_state)
('OptimizerState', 2)
"""
register_pytree_node(
    OptimizerState,
    lambda s: ((s.packed_state,), (s.tree_def, s.subtree_defs)),
    lambda aux, children: OptimizerState(children[0], aux[0], aux[1]),
)


class Optimizer(NamedTuple):
    """The ``(init_fn, update_fn, params_fn)`` triple an optimizer returns (unpacks as a tuple).

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> opt = optimizers.sgd(0.1)
    >>> opt_init, opt_update, get_params = opt
    >>> opt.params_fn is get_params
    True
    """

    init_fn: Callable[[Params], OptimizerState]
    update_fn: Callable[[Step, Params, OptimizerState], OptimizerState]
    params_fn: Callable[[OptimizerState], Params]


def optimizer(opt_maker: Callable[..., tuple[Callable, Callable, Callable]]
              ) -> Callable[..., Optimizer]:
    """Lift an optimizer written for one array into one over pytrees, as JAX's decorator.

    ``opt_maker(*args)`` returns ``(init, update, get_params)`` acting on a single
    array (its state may be any pytree); the decorated maker applies them leaf by
    leaf and packs the states into an :class:`OptimizerState`.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> @optimizers.optimizer
    ... def sign_sgd(step_size):
    ...     return (lambda x: x, lambda i, g, x: x - step_size * np.sign(g), lambda x: x)
    >>> init, update, get_params = sign_sgd(0.5)
    >>> get_params(update(0, {"a": np.array([2.0, -3.0])}, init({"a": np.zeros(2)})))
    {'a': array([-0.5,  0.5])}
    """

    @functools.wraps(opt_maker)
    def tree_opt_maker(*args, **kwargs):
        init, update, get_params = opt_maker(*args, **kwargs)

        @functools.wraps(init)
        def tree_init(x0_tree):
            x0_flat, tree = tree_flatten(x0_tree)
            flats = [tree_flatten(init(x0)) for x0 in x0_flat]
            return OptimizerState(tuple(f[0] for f in flats), tree, tuple(f[1] for f in flats))

        @functools.wraps(update)
        def tree_update(i, grad_tree, opt_state):
            states_flat, tree, subtrees = opt_state
            grad_flat, tree2 = tree_flatten(grad_tree)
            if tree2 != tree:
                raise TypeError(
                    "optimizer update function was passed a gradient tree that did not match "
                    f"the parameter tree structure with which it was initialized: parameter "
                    f"tree {tree} and grad tree {tree2}.")
            states = [tree_unflatten(s, f) for s, f in zip(subtrees, states_flat)]
            new_flats = [tree_flatten(update(i, g, s)) for g, s in zip(grad_flat, states)]
            for subtree, (_, subtree2) in zip(subtrees, new_flats):
                if subtree2 != subtree:
                    raise TypeError(
                        "optimizer update function produced an output structure that did not "
                        f"match its input structure: input {subtree} and output {subtree2}.")
            return OptimizerState(tuple(f[0] for f in new_flats), tree, subtrees)

        @functools.wraps(get_params)
        def tree_get_params(opt_state):
            states_flat, tree, subtrees = opt_state
            states = [tree_unflatten(s, f) for s, f in zip(subtrees, states_flat)]
            return tree_unflatten(tree, [get_params(s) for s in states])

        return Optimizer(tree_init, tree_update, tree_get_params)

    return tree_opt_maker


# ---------------------------------------------------------------------------
# Optimizers
# ---------------------------------------------------------------------------

@optimizer
def sgd(step_size):
    """Stochastic gradient descent: ``x - step_size(i) * g``.

    ``step_size`` is a number or a schedule (a function of the step index).

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.sgd(0.1)
    >>> get_params(update(0, np.array([1.0, -2.0]), init(np.zeros(2))))
    array([-0.1,  0.2])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0

    def update(i, g, x):
        return x - step_size(i) * g

    def get_params(x):
        return x

    return init, update, get_params


@optimizer
def momentum(step_size: Schedule, mass: float):
    """Heavy-ball momentum: ``v = mass * v + g``, ``x - step_size(i) * v``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.momentum(0.1, mass=0.9)
    >>> s = update(1, np.ones(2), update(0, np.ones(2), init(np.zeros(2))))
    >>> get_params(s)
    array([-0.29, -0.29])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0)

    def update(i, g, state):
        x, velocity = state
        velocity = mass * velocity + g
        return x - step_size(i) * velocity, velocity

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def nesterov(step_size: Schedule, mass: float):
    """Nesterov's accelerated gradient: ``v = mass * v + g``, ``x - step_size(i) * (mass * v + g)``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.nesterov(0.1, mass=0.9)
    >>> get_params(update(0, np.ones(2), init(np.zeros(2))))
    array([-0.19, -0.19])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0)

    def update(i, g, state):
        x, velocity = state
        velocity = mass * velocity + g
        return x - step_size(i) * (mass * velocity + g), velocity

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def adagrad(step_size, momentum=0.9):
    """Adagrad with momentum (Duchi et al. 2011), as JAX's: gradients scaled by the inverse
    root of their accumulated squares, then averaged with weight ``momentum``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.adagrad(1.0)
    >>> get_params(update(0, np.array([2.0, 0.0]), init(np.zeros(2))))
    array([-0.1,  0. ])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0), fnp.zeros_like(x0)

    def update(i, g, state):
        x, g_sq, m = state
        g_sq = g_sq + fnp.square(g)
        with np.errstate(divide="ignore"):  # the zeros are replaced
            g_sq_inv_sqrt = fnp.where(g_sq > 0, 1.0 / fnp.sqrt(g_sq), 0.0)
        m = (1.0 - momentum) * (g * g_sq_inv_sqrt) + momentum * m
        return x - step_size(i) * m, g_sq, m

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def rmsprop(step_size, gamma=0.9, eps=1e-8):
    """RMSProp (Tieleman and Hinton 2012): ``x - step_size(i) * g / sqrt(avg(g**2) + eps)``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.rmsprop(0.01)
    >>> get_params(update(0, np.array([1.0]), init(np.zeros(1))))
    array([-0.03162278])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0)

    def update(i, g, state):
        x, avg_sq_grad = state
        avg_sq_grad = avg_sq_grad * gamma + fnp.square(g) * (1.0 - gamma)
        return x - step_size(i) * g / fnp.sqrt(avg_sq_grad + eps), avg_sq_grad

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def rmsprop_momentum(step_size, gamma=0.9, eps=1e-8, momentum=0.9):
    """RMSProp with momentum on the scaled step, as JAX's.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.rmsprop_momentum(0.01)
    >>> get_params(update(0, np.array([1.0]), init(np.zeros(1))))
    array([-0.03162278])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0), fnp.zeros_like(x0)

    def update(i, g, state):
        x, avg_sq_grad, mom = state
        avg_sq_grad = avg_sq_grad * gamma + fnp.square(g) * (1.0 - gamma)
        mom = momentum * mom + step_size(i) * g / fnp.sqrt(avg_sq_grad + eps)
        return x - mom, avg_sq_grad, mom

    def get_params(state):
        return state[0]

    return init, update, get_params


def _power_of(b, dtype, i):
    """``b ** (i + 1)`` in the moments' dtype (``i`` may be traced)."""
    return fnp.asarray(b, dtype) ** (i + 1)


@optimizer
def adam(step_size, b1=0.9, b2=0.999, eps=1e-8):
    """Adam (Kingma and Ba 2015) with bias-corrected moments, as JAX's.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.adam(0.1)
    >>> get_params(update(0, np.array([0.5, -2.0]), init(np.zeros(2))))
    array([-0.1,  0.1])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0), fnp.zeros_like(x0)

    def update(i, g, state):
        x, m, v = state
        m = (1 - b1) * g + b1 * m
        v = (1 - b2) * fnp.square(g) + b2 * v
        mhat = m / (1 - _power_of(b1, m.dtype, i))
        vhat = v / (1 - _power_of(b2, m.dtype, i))
        return x - step_size(i) * mhat / (fnp.sqrt(vhat) + eps), m, v

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def adamax(step_size, b1=0.9, b2=0.999, eps=1e-8):
    """AdaMax (the infinity-norm variant of Adam, Kingma and Ba 2015), as JAX's.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.adamax(0.1)
    >>> get_params(update(0, np.array([0.5, -2.0]), init(np.zeros(2))))
    array([-0.1,  0.1])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return x0, fnp.zeros_like(x0), fnp.zeros_like(x0)

    def update(i, g, state):
        x, m, u = state
        m = (1 - b1) * g + b1 * m
        u = fnp.maximum(b2 * u, fnp.abs(g))
        x = x - step_size(i) / (1 - _power_of(b1, m.dtype, i)) * m / (u + eps)
        return x, m, u

    def get_params(state):
        return state[0]

    return init, update, get_params


def _splice(seq, i, x):
    lst = list(seq)
    lst[i:i + 1] = x
    return lst


@optimizer
def sm3(step_size, momentum=0.9):
    """SM3 (Anil et al. 2019, "Memory-efficient adaptive optimization"): one accumulator per
    row, column, ... of each parameter instead of one per entry, as JAX's.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, update, get_params = optimizers.sm3(1.0)
    >>> get_params(update(0, np.array([[2.0, 1.0]]), init(np.zeros((1, 2)))))
    array([[-0.1, -0.1]])
    """
    step_size = make_schedule(step_size)

    def init(x0):
        x_shape = np.shape(x0)
        x0 = fnp.atleast_1d(x0)
        vs = [fnp.zeros(n, dtype=x0.dtype) for n in x0.shape]
        return x0, fnp.zeros_like(x0), vs, x_shape

    def update(i, g, state):
        x, m, vs, x_shape = state
        ndim = np.ndim(g)
        vs = [fnp.reshape(v, _splice([1] * ndim, k, [np.shape(v)[0]])) for k, v in enumerate(vs)]
        accum = functools.reduce(fnp.minimum, vs) + fnp.square(g)
        with np.errstate(divide="ignore"):  # the zeros are replaced
            accum_inv_sqrt = fnp.where(accum > 0, 1.0 / fnp.sqrt(accum), 0)
        m = (1.0 - momentum) * (g * accum_inv_sqrt) + momentum * m
        x = x - step_size(i) * m
        vs = [fnp.max(accum, axis=tuple(_splice(range(ndim), j, []))) for j in range(ndim)]
        return x, m, vs, x_shape

    def get_params(state):
        x, _, _, x_shape = state
        return fnp.reshape(x, x_shape)

    return init, update, get_params


# ---------------------------------------------------------------------------
# Learning-rate schedules
# ---------------------------------------------------------------------------

def constant(step_size) -> Schedule:
    """The schedule that is ``step_size`` at every step.

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> optimizers.constant(0.1)(1000)
    0.1
    """

    def schedule(i):
        return step_size

    return schedule


def exponential_decay(step_size, decay_steps, decay_rate) -> Schedule:
    """``step_size * decay_rate ** (i / decay_steps)``.

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> optimizers.exponential_decay(1.0, 10, 0.5)(20)
    0.25
    """

    def schedule(i):
        return step_size * decay_rate ** (i / decay_steps)

    return schedule


def inverse_time_decay(step_size, decay_steps, decay_rate, staircase=False) -> Schedule:
    """``step_size / (1 + decay_rate * i / decay_steps)`` (the ratio floored with ``staircase``).

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> optimizers.inverse_time_decay(1.0, 10, 1.0)(5), optimizers.inverse_time_decay(
    ...     1.0, 10, 1.0, staircase=True)(5)
    (0.6666666666666666, np.float64(1.0))
    """
    if staircase:

        def schedule(i):
            return step_size / (1 + decay_rate * fnp.floor(i / decay_steps))

    else:

        def schedule(i):
            return step_size / (1 + decay_rate * i / decay_steps)

    return schedule


def polynomial_decay(step_size, decay_steps, final_step_size, power=1.0) -> Schedule:
    """From ``step_size`` to ``final_step_size`` over ``decay_steps`` steps along
    ``(1 - i / decay_steps) ** power``, then constant.

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> sched = optimizers.polynomial_decay(1.0, 10, 0.0)
    >>> sched(5), sched(50)
    (np.float64(0.5), np.float64(0.0))
    """

    def schedule(step_num):
        step_num = fnp.minimum(step_num, decay_steps)
        step_mult = (1 - step_num / decay_steps) ** power
        return step_mult * (step_size - final_step_size) + final_step_size

    return schedule


def piecewise_constant(boundaries: Any, values: Any) -> Schedule:
    """``values[k]`` for steps between ``boundaries[k-1]`` (exclusive) and ``boundaries[k]``
    (inclusive); ``values`` has one more entry than ``boundaries``.

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> sched = optimizers.piecewise_constant([10, 20], [1.0, 0.5, 0.1])
    >>> float(sched(0)), float(sched(10)), float(sched(11)), float(sched(100))
    (1.0, 1.0, 0.5, 0.1)
    """
    boundaries = np.array(boundaries)
    values = np.array(values)
    if not boundaries.ndim == values.ndim == 1:
        raise ValueError("boundaries and values must be sequences")
    if not boundaries.shape[0] == values.shape[0] - 1:
        raise ValueError("boundaries length must be one shorter than values length")

    def schedule(i):
        index = fnp.sum(i > boundaries)
        return fnp.take_along_axis(values, fnp.reshape(index, (1,)), axis=0)[0]

    return schedule


def make_schedule(scalar_or_schedule: float | Schedule) -> Schedule:
    """A schedule from a number (constant) or a schedule (returned as it is).

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> optimizers.make_schedule(0.1)(7)
    0.1
    """
    if callable(scalar_or_schedule):
        return scalar_or_schedule
    if np.ndim(scalar_or_schedule) == 0:
        return constant(scalar_or_schedule)
    raise TypeError(
        f"a step size is a number or a schedule (a function of the step index), not "
        f"{type(scalar_or_schedule).__name__} of shape {np.shape(scalar_or_schedule)}.")


# ---------------------------------------------------------------------------
# Gradient utilities and state packing
# ---------------------------------------------------------------------------

def l2_norm(tree):
    """The Euclidean norm of all the leaves of a pytree together.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> optimizers.l2_norm({"a": np.array([3.0]), "b": np.array([[4.0]])})
    np.float64(5.0)
    """
    leaves, _ = tree_flatten(tree)
    return fnp.sqrt(sum(fnp.vdot(x, x) for x in leaves))


def clip_grads(grad_tree, max_norm):
    """The gradients scaled down so that their joint :func:`l2_norm` is at most ``max_norm``.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> optimizers.clip_grads({"a": np.array([3.0, 4.0])}, 1.0)
    {'a': array([0.6, 0.8])}
    """
    norm = l2_norm(grad_tree)
    return tree_map(lambda g: fnp.where(norm < max_norm, g, g * (max_norm / norm)), grad_tree)


class JoinPoint:
    """Marks the boundary between the parameter tree and a leaf's state tree in
    :func:`unpack_optimizer_state`'s output.

    Examples
    --------
    >>> from funcgrad import optimizers
    >>> list(optimizers.JoinPoint((1, 2)))
    [(1, 2)]
    """

    def __init__(self, subtree):
        self.subtree = subtree

    def __iter__(self):
        yield self.subtree


def unpack_optimizer_state(opt_state):
    """An :class:`OptimizerState` as a pytree of :class:`JoinPoint` s (picklable), as JAX's.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init = optimizers.momentum(0.1, 0.9)[0]
    >>> marked = optimizers.unpack_optimizer_state(init({"w": np.ones(2)}))
    >>> marked["w"].subtree
    (array([1., 1.]), array([0., 0.]))
    """
    states_flat, tree_def, subtree_defs = opt_state
    subtrees = [tree_unflatten(s, f) for s, f in zip(subtree_defs, states_flat)]
    return tree_unflatten(tree_def, [JoinPoint(subtree) for subtree in subtrees])


def pack_optimizer_state(marked_pytree):
    """The inverse of :func:`unpack_optimizer_state`.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad import optimizers
    >>> init, _, get_params = optimizers.momentum(0.1, 0.9)
    >>> state = init({"w": np.ones(2)})
    >>> again = optimizers.pack_optimizer_state(optimizers.unpack_optimizer_state(state))
    >>> get_params(again)
    {'w': array([1., 1.])}
    """
    sentinels, tree_def = tree_flatten(marked_pytree, is_leaf=lambda x: isinstance(x, JoinPoint))
    if not all(isinstance(s, JoinPoint) for s in sentinels):
        raise TypeError("pack_optimizer_state expects the output of unpack_optimizer_state "
                        "(a pytree whose leaves are JoinPoints).")
    flats = [tree_flatten(s.subtree) for s in sentinels]
    return OptimizerState(tuple(f[0] for f in flats), tree_def, tuple(f[1] for f in flats))
