"""What each backward node shows as ``_saved_*``, and packing by ``saved_tensors_hooks``.

PyTorch's nodes expose what they saved for backward as attributes
(``y.grad_fn._saved_self``, ``_saved_result``, ``_saved_exponent``, ...) and
as raw ``SavedTensor`` objects (``_raw_saved_self``). :data:`SAVED` lists, per
PyTorch node name, each attribute and where its value comes from in the
operation that made the node:

``"0"``, ``"1"``, ``"2"``
    that tensor input (a Python number there shows as a 0-d tensor);
``"0x"``, ``"1x"``
    that input, saved only when the *other* input requires grad (products:
    ``a * 2`` saves ``other`` but not ``self``), else ``None``;
``"n"``
    the Python number the operation took (``PowBackward0``'s ``exponent``,
    ``PowBackward2``'s ``self``);
``"out"``
    the result;
``"shape0"``, ``"numel0"``
    the shape (a tuple) or the size of input 0;
``("=", value)``
    a constant (``AddBackward0``'s ``alpha`` is 1).

Tensors are listed under PyTorch's attribute names in alphabetical order,
which is the order in which PyTorch's pack hooks see them.
"""

from __future__ import annotations

from typing import Any

from ._graph import _state

_SELF = (("self", "0"),)
_RESULT = (("result", "out"),)
_SELF_RESULT = (("result", "out"), ("self", "0"))
_SIZES = (("self_sym_sizes", "shape0"),)

SAVED: dict[str, tuple[tuple[str, Any], ...]] = {
    "AddBackward0": (("alpha", ("=", 1)),),
    "SubBackward0": (("alpha", ("=", 1)),),
    "RsubBackward1": (("alpha", ("=", 1)),),
    "MulBackward0": (("other", "1x"), ("self", "0x")),
    "DivBackward0": (("other", "1"), ("self", "0x")),
    "PowBackward0": (("exponent", "n"), ("self", "0")),
    "PowBackward1": (("exponent", "1"), ("result", "out"), ("self", "0")),
    "PowBackward2": (("exponent", "0"), ("result", "out"), ("self", "n")),
    "ExpBackward0": _RESULT,
    "Expm1Backward0": _RESULT,
    "TanhBackward0": _RESULT,
    "TanBackward0": _RESULT,
    "SigmoidBackward0": _RESULT,
    "ReluBackward0": _RESULT,
    "SqrtBackward0": _RESULT,
    "RsqrtBackward0": _RESULT,
    "ReciprocalBackward0": _RESULT,
    "LogBackward0": _SELF,
    "Log1PBackward0": _SELF,
    "Log2Backward0": _SELF,
    "Log10Backward0": _SELF,
    "SinBackward0": _SELF,
    "CosBackward0": _SELF,
    "SinhBackward0": _SELF,
    "CoshBackward0": _SELF,
    "AsinBackward0": _SELF,
    "AcosBackward0": _SELF,
    "AtanBackward0": _SELF,
    "AbsBackward0": _SELF,
    "ClampBackward1": _SELF,
    "ClampMinBackward0": _SELF,
    "ClampMaxBackward0": _SELF,
    "VarBackward0": _SELF,
    "MaxBackward1": _SELF_RESULT,
    "MinBackward1": _SELF_RESULT,
    "ProdBackward0": _SELF_RESULT,
    "AmaxBackward0": _SELF_RESULT,
    "AminBackward0": _SELF_RESULT,
    "LogsumexpBackward0": _SELF_RESULT,
    "StdBackward0": _SELF_RESULT,
    "LinalgVectorNormBackward0": _SELF_RESULT,
    "SoftmaxBackward0": _RESULT,
    "LogSoftmaxBackward0": _RESULT,
    "MaximumBackward0": (("other", "1"), ("self", "0")),
    "MinimumBackward0": (("other", "1"), ("self", "0")),
    "MmBackward0": (("mat2", "1x"), ("mat2_sym_sizes", "shape1"), ("self", "0x"),
                    ("self_sym_sizes", "shape0")),
    "MvBackward0": (("self", "0x"), ("vec", "1x")),
    "DotBackward0": (("self", "0x"), ("tensor", "1x")),
    "MseLossBackward0": (("reduction", ("=", 1)), ("self", "0"), ("target", "1")),
    "AddmmBackward0": (("alpha", ("=", 1)), ("beta", ("=", 1)), ("mat1", "1"),
                       ("mat1_sym_sizes", "shape1"), ("mat2", "2"), ("mat2_sym_sizes", "shape2")),
    "WhereBackward0": (("condition", "0"),),
    "SumBackward0": _SIZES,
    "SumBackward1": _SIZES,
    "MeanBackward0": (("self_sym_numel", "numel0"), ("self_sym_sizes", "shape0")),
    "MeanBackward1": (("self_sym_numel", "numel0"), ("self_sym_sizes", "shape0")),
    "ViewBackward0": _SIZES,
    "ExpandBackward0": _SIZES,
    "SqueezeBackward0": _SIZES,
    "SelectBackward0": _SIZES,
}

_TENSOR_SOURCES = {"0", "1", "2", "0x", "1x", "out"}


def tensor_sources(torch_name: str) -> tuple[tuple[str, Any], ...]:
    """The ``(attribute, source)`` pairs of node ``torch_name`` that hold tensors.

    Examples
    --------
    >>> tensor_sources("MulBackward0")
    (('other', '1x'), ('self', '0x'))
    """
    return tuple(
        (name, src) for name, src in SAVED.get(torch_name, ()) if src in _TENSOR_SOURCES
    )


def requires(value: Any) -> bool:
    node = getattr(value, "_node", None)
    return node is not None and node.requires_grad


def saved_value(src: str, inputs: tuple, result: Any) -> Any:
    """The object a tensor source names among ``inputs``/``result`` (None when not saved)."""
    if src == "out":
        return result
    if src in ("0x", "1x"):
        i = int(src[0])
        other = inputs[1 - i] if len(inputs) > 1 else None
        if not requires(other):
            return None
        return inputs[i] if i < len(inputs) else None
    i = int(src)
    return inputs[i] if i < len(inputs) else None


def pack_saved(node: Any, torch_name: str, inputs: tuple, result: Any) -> None:
    """Apply the innermost ``saved_tensors_hooks`` pack hook to what ``node`` saves.

    Stores ``{attribute: (unpack_hook, packed)}`` in ``node.packed``; the
    backward pass and the ``_saved_*`` attributes unpack from there.
    """
    pack, unpack = _state.saved_hooks[-1]
    packed = {}
    for name, src in tensor_sources(torch_name):
        value = saved_value(src, inputs, result)
        if value is None or not hasattr(value, "_node"):
            continue  # a Python number: PyTorch wraps it and packs nothing
        packed[name] = (unpack, pack(value))
    if packed:
        node.packed = packed
