"""The Parameters, Returns and See Also sections of the JAX-style faces' docstrings.

``funcgrad`` (the transforms), ``tree``, ``tree_util``, ``flatten_util``,
``ad_checkpoint``, ``debug``, ``test_util``, ``lax``, ``random``, ``nn``,
``nn.initializers``, ``optimizers`` and ``stax`` follow JAX, whose docstrings
are not at hand: the sections a docstring does not write itself are filled in
at import (by :func:`funcgrad.core.docstrings.complete_module`) from
:data:`~funcgrad.core.docstrings.JAX_PARAMETERS`, the results described here
(:data:`RESULTS`) or by the docstring's summary line, and a See Also naming
JAX's function, the related names (:data:`RELATED`) and the funcgrad.numpy
function of the same name.
"""

from __future__ import annotations

import sys
from types import ModuleType

from . import numpy as fnp
from ._doc_args import SPECIFIC, module_parameters
from .core.docstrings import JAX_PARAMETERS, complete, complete_module, section_titles

#: The JAX module each face module follows.
ANCHORS = {
    "funcgrad": "jax",
    "funcgrad.tree": "jax.tree",
    "funcgrad.tree_util": "jax.tree_util",
    "funcgrad.flatten_util": "jax.flatten_util",
    "funcgrad.ad_checkpoint": "jax.ad_checkpoint",
    "funcgrad.debug": "jax.debug",
    "funcgrad.test_util": "jax.test_util",
    "funcgrad.lax": "jax.lax",
    "funcgrad.random": "jax.random",
    "funcgrad.nn": "jax.nn",
    "funcgrad.nn.initializers": "jax.nn.initializers",
    "funcgrad.optimizers": "jax.example_libraries.optimizers",
    "funcgrad.stax": "jax.example_libraries.stax",
}

_F = "callable"
#: What the transforms return, where their docstrings do not say it.
RESULTS: dict[str, list[str]] = {
    "grad": [_F, "A function with ``fun``'s arguments returning the gradient with respect "
             "to the arguments ``argnums`` names (a tuple for a tuple), shaped like them; "
             "``(gradient, aux)`` with ``has_aux``."],
    "value_and_grad": [_F, "A function returning ``(value, gradient)`` (``((value, aux), "
                       "gradient)`` with ``has_aux``)."],
    "elementwise_grad": [_F, "A function returning the sum of the Jacobian's rows: the "
                         "derivative of each output element when ``fun`` acts elementwise."],
    "jvp": ["tuple", "``(out, tangent_out)``, or ``(out, tangent_out, aux)`` with "
            "``has_aux``."],
    "jacfwd": [_F, "A function returning the Jacobian, of shape ``out.shape + in.shape`` "
               "(built one column per input element, forward mode)."],
    "jacrev": [_F, "A function returning the Jacobian, of shape ``out.shape + in.shape`` "
               "(built one row per output element, reverse mode)."],
    "jacobian": [_F, "A function returning the Jacobian (``jacrev``)."],
    "hessian": [_F, "A function returning the Hessian, of shape ``in.shape + in.shape`` "
                "for a scalar ``fun``."],
    "jit": [_F, "The compiled function, with ``fun``'s arguments and results (a decorator "
            "when ``fun`` is None)."],
    "vmap": [_F, "The batched function: its results have the batch axis where "
             "``out_axes`` says."],
    "make_ir": [_F, "A function of ``fun``'s arguments returning the :class:`IR` of "
                "``fun`` traced on their shapes and dtypes."],
    "make_jaxpr": [_F, "A function of ``fun``'s arguments returning the :class:`IR` "
                   "(JAX's name for :func:`make_ir`)."],
    "make_source": [_F, "A function of ``fun``'s arguments returning the generated "
                    "NumPy source as a string."],
    "block_until_ready": ["pytree", "``x`` itself."],
    "stop_gradient": ["Array", "``x``'s value, with a zero derivative."],
    "checkpoint": [_F, "``fun``, with the same value and derivatives, whose "
                   "intermediates are recomputed in the backward pass."],
    "remat": [_F, "``checkpoint(fun, ...)`` (the same function)."],
    "fwd_and_bwd": ["tuple of two callables", "``(fwd, bwd)``: ``fwd(*args)`` returns "
                    "``(out, residuals)``; ``bwd(residuals, cotangent)`` the cotangents."],
    "linearize": ["tuple", "``(out, f_jvp)``: ``f_jvp(*tangents)`` is the JVP at "
                  "``primals``."],
    "debug_nans": ["context manager", "Checks for new NaNs inside the ``with`` block."],
    "disable_jit": ["context manager", "Runs ``jit``-compiled functions eagerly inside "
                    "the ``with`` block."],
}

_OPT = ("tuple of three callables", "``(init_fun, update_fun, get_params)``: "
        "``init_fun(params)`` makes the state, ``update_fun(step, grads, state)`` takes one "
        "step, ``get_params(state)`` reads the parameters.")
_SCHEDULE = ("callable", "The step size as a function of the step number.")
_LAYER = ("tuple of two callables", "``(init_fun, apply_fun)``: ``init_fun(key, "
          "input_shape)`` returns ``(output_shape, params)``, ``apply_fun(params, inputs)`` "
          "the outputs.")
#: What the functions of the other modules return, where their docstrings do not say it
#: (full name: (type, description)).
MORE_RESULTS: dict[str, tuple[str, str]] = {
    **{f"funcgrad.optimizers.{n}": _OPT for n in (
        "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmsprop_momentum", "adam",
        "adamax", "sm3")},
    **{f"funcgrad.optimizers.{n}": _SCHEDULE for n in (
        "constant", "exponential_decay", "inverse_time_decay", "polynomial_decay",
        "piecewise_constant", "make_schedule")},
    "funcgrad.optimizers.l2_norm": ("Array", "The 2-norm of all the leaves together."),
    "funcgrad.optimizers.clip_grads": ("pytree", "``grads``, scaled down to the norm "
                                       "``max_norm`` when it is larger."),
    "funcgrad.optimizers.optimizer": ("callable", "The function, returning "
                                      "``(init_fun, update_fun, get_params)`` on pytrees."),
    "funcgrad.optimizers.pack_optimizer_state": ("OptimizerState", "The state, restored."),
    "funcgrad.optimizers.unpack_optimizer_state": ("JoinPoint", "The state as nested "
                                                   "Python values, to pickle."),
    **{f"funcgrad.stax.{n}": _LAYER for n in (
        "AvgPool", "BatchNorm", "Conv", "Conv1DTranspose", "ConvTranspose", "Dense",
        "Dropout", "GeneralConv", "GeneralConvTranspose", "MaxPool", "SumPool",
        "elementwise", "parallel", "serial", "shape_dependent")},
    "funcgrad.stax.glorot": ("callable", "An initializer ``init(key, shape)``."),
    "funcgrad.stax.randn": ("callable", "An initializer ``init(key, shape)``."),
    "funcgrad.stax.logsoftmax": ("Array", "``x - logsumexp(x, axis)``."),
    "funcgrad.debug.print": ("None", "The values are printed when they are known."),
    "funcgrad.debug.callback": ("None", "The callback runs when the values are known."),
    "funcgrad.test_util.check_grads": ("None", "It raises AssertionError naming the "
                                       "mode, the order and the mismatch."),
    "funcgrad.test_util.check_jvp": ("None", "It raises AssertionError on a mismatch."),
    "funcgrad.test_util.check_vjp": ("None", "It raises AssertionError on a mismatch."),
    "funcgrad.ad_checkpoint.print_saved_residuals": ("None", "The residuals are printed."),
    "funcgrad.ad_checkpoint.saved_residuals": ("list of tuples", "``(shape and dtype, "
                                               "what it is)`` of each saved value."),
    "funcgrad.ad_checkpoint.checkpoint_name": ("Array", "``x`` itself, tagged with "
                                               "``name``."),
    "funcgrad.lax.scan": ("tuple", "``(carry, ys)``: the final carry and the stacked "
                          "``y`` of every iteration."),
    "funcgrad.lax.while_loop": ("pytree", "The loop value when ``cond_fun`` first fails."),
    "funcgrad.lax.fori_loop": ("pytree", "The loop value after the last iteration."),
    "funcgrad.lax.cond": ("pytree", "The result of the branch taken."),
    "funcgrad.lax.switch": ("pytree", "The result of the branch taken."),
    "funcgrad.lax.map": ("pytree", "The results of ``f`` on each slice, stacked."),
    "funcgrad.lax.associative_scan": ("pytree", "The running combinations, shaped like "
                                      "``elems``."),
    "funcgrad.flatten_util.ravel_pytree": ("tuple", "``(flat, unravel)``: a 1-D array of "
                                           "all the leaves and the function rebuilding the "
                                           "pytree from such an array."),
}

#: The type of a function's result where neither the docstring nor the tables say it.
MODULE_RESULTS = {"funcgrad.tree": "pytree", "funcgrad.tree_util": "pytree",
                  "funcgrad.nn.initializers": "callable"}

#: More See Also entries of the transforms.
RELATED: dict[str, list[tuple[str, str]]] = {
    "grad": [("value_and_grad", "the value too."), ("jacrev", "non-scalar functions."),
             ("vjp", "the pullback itself.")],
    "value_and_grad": [("grad", "the gradient alone.")],
    "elementwise_grad": [("grad", ""), ("vmap", "per-example gradients in general.")],
    "jvp": [("linearize", "the JVP as a function of the tangents."),
            ("jacfwd", "the whole Jacobian, forward mode."), ("vjp", "reverse mode.")],
    "vjp": [("grad", ""), ("jvp", "forward mode."), ("jacrev", "")],
    "jacfwd": [("jacrev", "reverse mode."), ("hessian", ""), ("jvp", "")],
    "jacrev": [("jacfwd", "forward mode."), ("hessian", ""), ("vjp", "")],
    "jacobian": [("jacrev", ""), ("jacfwd", "")],
    "hessian": [("jacfwd", ""), ("jacrev", ""), ("grad", "")],
    "jit": [("make_source", "the code it runs."), ("make_ir", "the program it traces."),
            ("disable_jit", "")],
    "vmap": [("jit", ""), ("funcgrad.lax.psum", "a collective over a named axis.")],
    "make_ir": [("make_jaxpr", "JAX's name."), ("IR", "")],
    "make_jaxpr": [("make_ir", "")],
    "make_source": [("jit", "")],
    "block_until_ready": [("jit", "")],
    "stop_gradient": [("custom_jvp", ""), ("custom_vjp", "")],
    "checkpoint": [("remat", "its other name."), ("checkpoint_policies", ""),
                   ("funcgrad.ad_checkpoint.checkpoint_name", "")],
    "remat": [("checkpoint", "")],
    "fwd_and_bwd": [("vjp", "")],
    "linearize": [("jvp", "")],
    "debug_nans": [("funcgrad.debug.check_nans", ""), ("config", "")],
    "disable_jit": [("jit", "")],
    "custom_jvp": [("custom_vjp", ""), ("stop_gradient", "")],
    "custom_vjp": [("custom_jvp", ""), ("stop_gradient", "")],
    "IR": [("make_ir", "")],
    "Array": [("funcgrad.numpy.asarray", "")],
}


def _related(module: ModuleType, names: list[str]) -> dict[str, list[tuple[str, str]]]:
    """:data:`RELATED` for ``funcgrad``; elsewhere the funcgrad.numpy namesake."""
    if module.__name__ == "funcgrad":
        return RELATED
    out = {}
    for name in names:
        ours, theirs = getattr(module, name, None), getattr(fnp, name, None)
        if callable(theirs) and not isinstance(theirs, type) and theirs is not ours:
            out[name] = [(f"funcgrad.numpy.{name}", "NumPy's spelling.")]
    return out


def complete_face(module_name: str) -> None:
    """Fill in the sections of the public names of one JAX-style module."""
    module = sys.modules[module_name]
    names = list(getattr(module, "__all__", None) or
                 [n for n in dir(module) if not n.startswith("_")])
    anchor = ANCHORS[module_name]
    results = {f"funcgrad.{n}": (r[0], r[1]) for n, r in RESULTS.items()}
    results.update(MORE_RESULTS)
    for name in names:
        result = results.get(f"{module_name}.{name}")
        fn = getattr(module, name, None)
        if result and fn is not None and fn.__doc__ and \
                "Returns" not in section_titles(fn.__doc__):
            complete(fn, returns=[result])
    table = {**JAX_PARAMETERS, **module_parameters(module_name)}
    complete_module(module, names, anchor=anchor, table=table,
                    anchor_text="JAX's, which this one follows.",
                    related=_related(module, names),
                    result=MODULE_RESULTS.get(module_name, "Array"), specific=SPECIFIC)


def complete_all() -> None:
    """Every JAX-style module imported so far (``stax`` completes itself when imported)."""
    for name in ANCHORS:
        if name in sys.modules:
            complete_face(name)
