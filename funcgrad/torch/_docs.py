"""The Parameters, Returns and See Also sections of the torch face's docstrings.

PyTorch's own docstrings are not at hand (the face must not import PyTorch),
so a parameter is described from :data:`PARAMETERS`, the meaning PyTorch gives
each of its common argument names (``input``, ``dim``, ``keepdim``, ...); a
function's result is described by its summary line; See Also names PyTorch's
function (as text: there is no PyTorch inventory offline), the funcgrad.numpy
function of the same name and the ``Tensor`` method or module function
that is its twin. Each docstring keeps the sections it writes itself.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

from .. import numpy as fnp
from ..core.docstrings import complete, first_paragraph, section_titles, signature_parameters
from ._doc_args import INPUTS, MODULE_INPUT, SPECIFIC

_T = "Tensor"
#: PyTorch's meaning of its common argument names: ``{name: (type, description)}``.
PARAMETERS: dict[str, tuple[str, str]] = {
    "input": (_T, "The input tensor."),
    "other": ("Tensor or Number", "The second operand, broadcast against ``input``."),
    "dim": ("int or tuple of ints, optional",
            "The dimension (or dimensions) the function works along; negative ones count "
            "from the end."),
    "dims": ("tuple of ints", "The dimensions to work along, in order."),
    "dim0": ("int", "The first dimension."),
    "dim1": ("int", "The second dimension."),
    "start_dim": ("int, optional", "The first dimension flattened."),
    "end_dim": ("int, optional", "The last dimension flattened."),
    "keepdim": ("bool, optional", "Keep the reduced dimensions with size one."),
    "dtype": ("torch.dtype, optional",
              "The dtype of the result (a module: of its parameters); when None, PyTorch's "
              "rule: the default dtype or the input's."),
    "device": ("torch.device or str, optional", "Only ``'cpu'``: funcgrad computes with "
               "NumPy on the CPU."),
    "requires_grad": ("bool, optional", "Record operations on the result for ``backward()``."),
    "inplace": ("bool, optional", "Overwrite the input instead of returning a new tensor."),
    "out": ("Tensor, optional", "A tensor to write the result into (outside autograd)."),
    "eps": ("float, optional", "Added to denominators for numerical stability."),
    "weight": (_T, "The weight tensor (a learnable parameter)."),
    "bias": ("Tensor or bool, optional", "A module: whether it learns an additive bias. "
             "A function: the bias tensor added to the output (None: none)."),
    "generator": ("torch.Generator, optional", "The generator to draw from (the default "
                  "generator when None)."),
    "memory_format": ("torch.memory_format, optional", "Accepted for PyTorch's signature; "
                      "tensors are always contiguous NumPy arrays."),
    "pin_memory": ("bool, optional", "Accepted for PyTorch's signature (CPU only)."),
    "tensor": (_T, "The tensor the function reads (or, for ``nn.init``, fills in place)."),
    "tensors": ("sequence of Tensors", "The tensors, in the order they are used."),
    "inputs": ("Tensor or tuple of Tensors", "The tensors the derivatives are taken with "
               "respect to (the point, for the checks and ``autograd.functional``)."),
    "outputs": ("Tensor or tuple of Tensors", "The outputs to differentiate."),
    "grad_outputs": ("Tensor or tuple of Tensors, optional", "The vector of the "
                     "vector-Jacobian product (ones for a scalar output when None)."),
    "retain_graph": ("bool, optional", "Keep the graph for another backward pass."),
    "create_graph": ("bool, optional", "Record the backward pass itself, for higher "
                     "derivatives."),
    "func": ("callable", "The function to transform."),
    "fn": ("callable", "The function called (see the summary above for its arguments)."),
    "f": ("callable", "The function called (see the summary above for its arguments)."),
    "reduction": ("str, optional", "``'mean'`` (the default), ``'sum'`` or ``'none'``."),
    "size_average": ("bool, optional", "Deprecated, as in PyTorch: use ``reduction``."),
    "reduce": ("bool, optional", "Deprecated, as in PyTorch: use ``reduction``."),
    "size": ("int or sequence of ints", "The shape."),
    "sizes": ("int or sequence of ints", "The shape."),
    "shape": ("sequence of ints", "The shape."),
    "stride": ("int or tuple, optional", "The step of the sliding window per spatial "
               "dimension (pooling: the kernel size when None)."),
    "padding": ("int, tuple or str, optional", "What is added to both sides of each "
                "spatial dimension (convolutions also take ``'same'`` and ``'valid'``)."),
    "dilation": ("int or tuple, optional", "The spacing between kernel elements."),
    "kernel_size": ("int or tuple", "The size of the kernel (or pooling window) per "
                    "spatial dimension; one int for all."),
    "groups": ("int, optional", "The channels are split into this many groups, each "
               "convolved with its own kernels."),
    "ceil_mode": ("bool, optional", "Round the output size up instead of down."),
    "alpha": ("Number, optional", "The multiplier of ``other``."),
    "beta": ("Number, optional", "The multiplier of ``input``."),
    "axis": ("int, optional", "NumPy's name for ``dim``."),
    "mode": ("str, optional", "The variant of the function, one of the strings PyTorch "
             "accepts (see the summary above)."),
    "optimizer": ("torch.optim.Optimizer", "The optimizer whose learning rate is scheduled."),
    "params": ("iterable of Tensors or dicts", "The parameters to optimize, or parameter "
               "groups (dicts with ``'params'`` and per-group options)."),
    "parameters": ("Tensor or iterable of Tensors", "The parameters (their ``.grad`` for "
                   "the clipping functions)."),
    "lr": ("float, optional", "The learning rate."),
    "momentum": ("float, optional", "An optimizer: the momentum factor. Batch norm: the "
                 "weight of each batch's statistics in the running ones (None: a "
                 "cumulative average)."),
    "weight_decay": ("float, optional", "The L2 penalty added to the gradient."),
    "maximize": ("bool, optional", "Maximize the objective instead of minimizing it."),
    "foreach": ("bool, optional", "Accepted for PyTorch's signature (no effect)."),
    "fused": ("bool, optional", "Accepted for PyTorch's signature (no effect)."),
    "capturable": ("bool, optional", "Accepted for PyTorch's signature (no effect)."),
    "differentiable": ("bool, optional", "Accepted for PyTorch's signature (no effect)."),
    "last_epoch": ("int, optional", "The index of the last epoch (-1 to start)."),
    "target": (_T, "The target values."),
    "rtol": ("float, optional", "The relative tolerance."),
    "atol": ("float, optional", "The absolute tolerance."),
    "equal_nan": ("bool, optional", "Count NaNs in the same places as equal."),
    "data": ("array_like", "The values: a tensor, a NumPy array, a number or nested lists."),
    "strict": ("bool, optional", "Raise where PyTorch's strict mode raises."),
    "value": ("Number or Tensor", "The value."),
    "p": ("float, optional", "The order of the norm, or a probability."),
    "min": ("Number or Tensor, optional", "The lower bound."),
    "max": ("Number or Tensor, optional", "The upper bound."),
    "has_aux": ("bool, optional", "The function returns ``(output, aux)``; ``aux`` is "
                "passed through."),
    "argnums": ("int or tuple of ints, optional", "The positional arguments to differentiate."),
    "start": ("Number", "The first value."),
    "end": ("Number", "The end value."),
    "steps": ("int", "The number of values."),
    "mean": ("float or Tensor, optional", "The mean."),
    "std": ("float or Tensor, optional", "The standard deviation."),
    "n": ("int", "The count."),
    "k": ("int", "The count."),
    "descending": ("bool, optional", "Largest first."),
    "stable": ("bool, optional", "Keep equal elements in their order."),
    "unbiased": ("bool, optional", "Divide by ``N - 1`` rather than ``N``."),
    "correction": ("int, optional", "Degrees of freedom removed from the count."),
    "diagonal": ("int, optional", "The diagonal: 0 the main one, positive above it."),
    "exponent": ("Number or Tensor", "The exponent."),
    "mat2": (_T, "The second matrix."),
    "vec": (_T, "The vector."),
    "vec2": (_T, "The second vector."),
    "tensor1": (_T, "The first tensor of the product."),
    "tensor2": (_T, "The second tensor of the product."),
    "index": (_T, "The indices (an integer tensor)."),
    "fill_value": ("Number", "The value to fill with."),
    "nonlinearity": ("str, optional", "The activation the gain is computed for."),
    "gain": ("float, optional", "The scaling factor."),
    "a": ("float, optional", "The parameter of the distribution."),
    "b": ("float, optional", "The second parameter of the distribution."),
    "threshold": ("float", "The threshold."),
    "rounding_mode": ("str, optional", "None (true division), ``'trunc'`` or ``'floor'``."),
    "dataset": ("Dataset", "The samples: a map-style dataset (``len`` and ``[i]``) or an "
                "``IterableDataset``."),
    "data_source": ("Dataset or sequence", "What to sample indices of."),
    "ignore_index": ("int, optional", "A target value that does not count."),
    "max_norm": ("float", "The largest norm allowed."),
    "norm_type": ("float, optional", "The order of the norm."),
    "in_features": ("int", "The size of each input sample."),
    "out_features": ("int", "The size of each output sample."),
    "in_channels": ("int", "The number of channels of the input."),
    "out_channels": ("int", "The number of channels of the output."),
    "num_features": ("int", "The number of features (channels) ``C``."),
    "affine": ("bool, optional", "Learn a scale and a shift."),
    "track_running_stats": ("bool, optional", "Keep running estimates for evaluation."),
    "input_size": ("int", "The number of features of each input step."),
    "hidden_size": ("int", "The number of features of the hidden state."),
    "num_layers": ("int, optional", "The number of stacked layers."),
    "batch_first": ("bool, optional", "Inputs and outputs are ``(batch, seq, feature)``."),
    "dropout": ("float, optional", "The dropout probability between layers."),
    "bidirectional": ("bool, optional", "Run forwards and backwards."),
    "padding_mode": ("str, optional", "``'zeros'`` (the default), ``'reflect'``, "
                     "``'replicate'`` or ``'circular'``."),
    "return_indices": ("bool, optional", "Return the positions of the maxima too."),
    "count_include_pad": ("bool, optional", "Count the zero padding in the average."),
    "output_size": ("int or tuple", "The spatial size of the output."),
    "dampening": ("float, optional", "The dampening of the momentum."),
    "nesterov": ("bool, optional", "Use Nesterov momentum."),
    "betas": ("tuple of two floats, optional", "The decay rates of the running averages "
              "of the gradient and of its square."),
    "amsgrad": ("bool, optional", "Use the AMSGrad variant."),
    "label_smoothing": ("float, optional", "Mix the target with the uniform distribution."),
    "batch_size": ("int, optional", "Samples per batch."),
    "shuffle": ("bool, optional", "Reshuffle the data every epoch."),
    "drop_last": ("bool, optional", "Drop the last incomplete batch."),
    "sampler": ("Sampler or iterable, optional", "Yields the index of each sample, in "
                "order (instead of ``shuffle``)."),
    "collate_fn": ("callable, optional", "Merges a list of samples into a batch."),
    "num_workers": ("int, optional", "Worker processes that load the batches (0: load them "
                    "in this process)."),
    "gamma": ("float", "The multiplicative factor of the learning-rate decay."),
    "step_size": ("int", "The period of the learning-rate decay, in epochs."),
    "milestones": ("list of ints", "The epochs at which to decay the learning rate."),
    "args": ("", "Positional arguments, as PyTorch's function takes them."),
    "kwargs": ("", "Keyword arguments, as PyTorch's function takes them."),
}


def _summary(fn: Any) -> str:
    return first_paragraph(fn.__doc__ or "")


def _returns(name: str, fn: Any) -> list[tuple[str, str]]:
    if name.startswith(("is_", "are_")):
        return [("bool", _summary(fn))]
    if name.startswith("set_") or name.endswith("_seed") and name != "initial_seed":
        return [("None", "It changes global state: " + _summary(fn))]
    annotation = (getattr(fn, "__annotations__", None) or {}).get("return",
                                                                  inspect.Signature.empty)
    kind = _T
    if annotation is inspect.Signature.empty:
        pass
    elif isinstance(annotation, str) and annotation not in ("Any", "Tensor"):
        kind = annotation
    elif isinstance(annotation, type) and annotation.__name__ != "Tensor":
        kind = annotation.__name__
    return [(kind, _summary(fn))]


def _see_also(torch_name: str, short: str, fn: Any, twins: list[str]) -> list[tuple[str, str]]:
    out = [(torch_name, "PyTorch's, which this one follows.")]
    out += [(t, "") for t in twins]
    if callable(getattr(fnp, short, None)) and not isinstance(getattr(fnp, short), type):
        out.append((f"funcgrad.numpy.{short}", "NumPy's spelling, for the functional "
                                               "transforms."))
    return out


def complete_function(fn: Any, torch_name: str, twins: list[str],
                      method: bool = False) -> None:
    """Fill in the sections of one function, class or (``method``) method of the face."""
    if not getattr(fn, "__doc__", None):
        return
    short = torch_name.rsplit(".", 1)[-1]
    # A method reads the arguments of its function twin too (``Tensor.chunk``, ``torch.chunk``).
    specific = {**SPECIFIC.get(f"torch.{short}", {}), **SPECIFIC.get(torch_name, {})} \
        if method else SPECIFIC.get(torch_name)
    where = getattr(fn, "__module__", "")
    if not method and (torch_name in INPUTS or where in MODULE_INPUT) and \
            "input" not in (specific or {}):
        text = INPUTS.get(torch_name) or MODULE_INPUT[where]
        specific = {**(specific or {}), "input": (_T, text)}
    params = signature_parameters(fn, {**PARAMETERS, **specific} if specific else PARAMETERS)
    if method and params and params[0][0] in ("input", "tensor"):
        params = params[1:]  # the tensor the method is called on
    see_also = _see_also(torch_name, short, fn, twins)
    if isinstance(fn, type):
        if "Attributes" in section_titles(fn.__doc__):
            params = []
        complete(fn, parameters=params, see_also=see_also)
        return
    complete(fn, parameters=params, returns=_returns(short, fn), see_also=see_also)


#: The torch face's public modules, whose names are PyTorch's with ``funcgrad.`` in front.
PUBLIC_MODULES = [
    "funcgrad.torch", "funcgrad.torch.autograd", "funcgrad.torch.autograd.functional",
    "funcgrad.torch.autograd.function", "funcgrad.torch.autograd.graph",
    "funcgrad.torch.autograd.gradcheck", "funcgrad.torch.autograd.forward_ad",
    "funcgrad.torch.autograd.saved_hooks", "funcgrad.torch.autograd.anomaly_mode",
    "funcgrad.torch.func", "funcgrad.torch.nn", "funcgrad.torch.nn.functional",
    "funcgrad.torch.nn.init", "funcgrad.torch.nn.utils",
    "funcgrad.torch.nn.utils.prune",
    "funcgrad.torch.nn.utils.parametrizations", "funcgrad.torch.optim",
    "funcgrad.torch.optim.lr_scheduler", "funcgrad.torch.utils.data",
    "funcgrad.torch.legacy", "funcgrad.torch.serialization", "funcgrad.torch.linalg",
    "funcgrad.torch.special", "funcgrad.torch.fft", "funcgrad.torch.distributions",
]


def complete_face(modules: dict[str, ModuleType], tensor: type) -> None:
    """Fill in the sections of every public name of the face (``modules``: sys.modules)."""
    for name in PUBLIC_MODULES:
        if name in modules:
            complete_module(modules[name], tensor)
    complete_tensor_methods(tensor, modules["funcgrad.torch"])


def complete_module(module: ModuleType, tensor: type) -> None:
    """Fill in the sections of the public functions and classes of a torch-face module."""
    prefix = module.__name__.removeprefix("funcgrad.")
    names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
    for name in names:
        obj = getattr(module, name, None)
        if obj is None or isinstance(obj, ModuleType) or not callable(obj):
            continue
        where = getattr(obj, "__module__", "") or ""
        if not (where == "torch" or where.startswith(("funcgrad", "torch"))):
            continue
        twins = [f"Tensor.{name}"] if prefix == "torch" and hasattr(tensor, name) else []
        complete_function(obj, f"{prefix}.{name}", twins)


def complete_tensor_methods(tensor: type, module: ModuleType) -> None:
    """Fill in the sections of ``Tensor``'s methods and properties."""
    for name in sorted(vars(tensor)):
        if name.startswith("_"):
            continue
        member = inspect.getattr_static(tensor, name)
        if isinstance(member, property):
            fn, twins = member.fget, []
            if fn is not None and fn.__doc__:
                complete(fn, returns=[(_T if name not in ("shape", "dtype", "device",
                                                          "requires_grad", "is_leaf")
                                       else name, _summary(fn))],
                         see_also=[(f"torch.Tensor.{name}", "PyTorch's, which this one "
                                                            "follows.")])
                try:
                    member.__doc__ = fn.__doc__
                except AttributeError:
                    pass
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if not callable(member):
            continue
        twins = [f"funcgrad.torch.{name}"] if callable(getattr(module, name, None)) else []
        complete_function(member, f"torch.Tensor.{name}", twins, method=True)
