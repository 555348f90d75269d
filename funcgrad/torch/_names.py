"""``grad_fn`` objects: PyTorch's node names and ``next_functions``.

A value's node is named by the operation that produced it: a torch-face
operation (``"mm"``, ``"matmul_mv"``, ``"sum_dim"``: the face tells apart the
cases PyTorch tells apart) or, for values made by a kernel primitive outside
any torch-face call (a funcgrad.numpy function applied to a tensor, or a
``create_graph`` backward pass), the kernel primitive. Where a torch operation
is exactly one primitive, its PyTorch name and what PyTorch saves for its
backward (which decides when an in-place change makes ``backward()`` fail) are
declared beside the primitive (:func:`funcgrad.core.primitive.deftorch`), and
the key is the primitive's name (``"mul"``, ``"reduce_sum"``); :data:`NODES`
is the table of the face's composite operations.

Saved-value codes: ``""`` nothing, ``"in"`` every tensor input, ``"out"`` the
result, ``"in+out"`` both, ``"cross"`` each input whose partner requires grad
(products), ``"self"`` the first input, ``"other"`` the second.
"""

from __future__ import annotations

from typing import Any

from ..core.primitive import registry
from ._graph import Node

NODES: dict[str, tuple[str, str]] = {
    # arithmetic (a face operation that is one primitive is named beside the
    # primitive, with deftorch, in funcgrad/primitives/)
    "rsub": ("RsubBackward1", ""),
    "rdiv": ("MulBackward0", "in"),
    "pow_tensor": ("PowBackward1", "in+out"),  # tensor ** tensor
    "rpow": ("PowBackward2", "in+out"),  # number ** tensor
    # elementwise functions
    "rsqrt": ("RsqrtBackward0", "out"),
    "sigmoid": ("SigmoidBackward0", "out"),
    "relu": ("ReluBackward0", "out"),
    "clamp": ("ClampBackward1", "self"),
    "clamp_min": ("ClampMinBackward0", "self"),
    "clamp_max": ("ClampMaxBackward0", "self"),
    "where": ("WhereBackward0", ""),
    "maximum": ("MaximumBackward0", "in"),
    "minimum": ("MinimumBackward0", "in"),
    "softmax": ("SoftmaxBackward0", "out"),
    "log_softmax": ("LogSoftmaxBackward0", "out"),
    "to": ("ToCopyBackward0", ""),
    "clone": ("CloneBackward0", ""),
    # reductions
    "sum": ("SumBackward0", ""),
    "sum_dim": ("SumBackward1", ""),
    "mean": ("MeanBackward0", ""),
    "mean_dim": ("MeanBackward1", ""),
    "max_all": ("MaxBackward1", "in+out"),
    "max_dim": ("MaxBackward0", ""),
    "min_all": ("MinBackward1", "in+out"),
    "min_dim": ("MinBackward0", ""),
    "amax": ("AmaxBackward0", "in+out"),
    "amin": ("AminBackward0", "in+out"),
    "prod": ("ProdBackward0", "in+out"),
    "prod_dim": ("ProdBackward1", "in+out"),
    "std": ("StdBackward0", "in+out"),
    "var": ("VarBackward0", "in"),
    "norm": ("LinalgVectorNormBackward0", "in+out"),
    "trace": ("TraceBackward0", ""),
    # products
    "dot": ("DotBackward0", "cross"),
    "mm": ("MmBackward0", "cross"),
    "mv": ("MvBackward0", "cross"),
    "bmm": ("BmmBackward0", "cross"),
    "matmul_vm": ("SqueezeBackward4", "cross"),  # vector @ matrix
    "outer": ("MulBackward0", "cross"),
    "addmm": ("AddmmBackward0", "cross"),
    # shapes and views
    "view": ("ViewBackward0", ""),
    "reshape_copy": ("UnsafeViewBackward0", ""),
    "t": ("TBackward0", ""),
    "permute": ("PermuteBackward0", ""),
    "unsqueeze": ("UnsqueezeBackward0", ""),
    "squeeze": ("SqueezeBackward0", ""),
    "squeeze_dim": ("SqueezeBackward1", ""),
    "expand": ("ExpandBackward0", ""),
    "select_index": ("SelectBackward0", ""),
    "slice": ("SliceBackward0", ""),
    "index": ("IndexBackward0", ""),
    "alias": ("AliasBackward0", ""),
    "as_strided": ("AsStridedBackward0", ""),
    "cat": ("CatBackward0", ""),
    "stack": ("StackBackward0", ""),
    "split": ("SplitBackward0", ""),
    "unbind": ("UnbindBackward0", ""),
    "flip": ("FlipBackward0", ""),
    "repeat": ("RepeatBackward0", ""),
    "copy_slices": ("CopySlices", ""),
    "copy": ("CopyBackwards", ""),
    "fill": ("FillBackward2", ""),
    "zero": ("ZeroBackward0", ""),
    "mse_loss": ("MseLossBackward0", "in"),
    # more_ops (names the generic rule would spell otherwise)
    "deg2rad": ("Deg2RadBackward0", ""),
    "rad2deg": ("Rad2DegBackward0", ""),
    "median_dim": ("MedianBackward1", ""),
    "lerp_tensor": ("LerpBackward1", "in"),
    "asin": ("AsinBackward0", "self"),
    "acos": ("AcosBackward0", "self"),
    "atan": ("AtanBackward0", "self"),
    "erfinv": ("ErfinvBackward0", "self"),
    "sort": ("SortBackward0", ""),
    "topk": ("TopkBackward0", ""),
    # torch.nn's composites whose PyTorch names do not follow from the key
    "max_pool2d_with_indices": ("MaxPool2DWithIndicesBackward0", ""),
    "avg_pool2d": ("AvgPool2DBackward0", ""),
    "max_pool3d_with_indices": ("MaxPool3DWithIndicesBackward0", ""),
    "avg_pool3d": ("AvgPool3DBackward0", ""),
    "max_unpool2d": ("MaxUnpool2DBackward0", ""),
    "max_unpool3d": ("MaxUnpool3DBackward0", ""),
    "adaptive_avg_pool2d": ("AdaptiveAvgPool2DBackward0", ""),
    "nll_loss2d": ("NllLoss2DBackward0", ""),
    "reflection_pad1d": ("ReflectionPad1DBackward0", ""),
    "reflection_pad2d": ("ReflectionPad2DBackward0", ""),
    "replication_pad1d": ("ReplicationPad1DBackward0", ""),
    "replication_pad2d": ("ReplicationPad2DBackward0", ""),
    "sdpa": ("ScaledDotProductFlashAttentionForCpuBackward0", ""),
    "upsample_nearest1d": ("UpsampleNearest1DBackward0", ""),
    "upsample_nearest2d": ("UpsampleNearest2DBackward0", ""),
    "upsample_nearest3d": ("UpsampleNearest3DBackward0", ""),
    "upsample_nearest_exact1d": ("UpsampleNearestExact1DBackward0", ""),
    "upsample_nearest_exact2d": ("UpsampleNearestExact2DBackward0", ""),
    "upsample_nearest_exact3d": ("UpsampleNearestExact3DBackward0", ""),
    "upsample_linear1d": ("UpsampleLinear1DBackward0", ""),
    "upsample_bilinear2d": ("UpsampleBilinear2DBackward0", ""),
    "upsample_bicubic2d": ("UpsampleBicubic2DBackward0", ""),
    "upsample_trilinear3d": ("UpsampleTrilinear3DBackward0", ""),
    "adaptive_max_pool2d": ("AdaptiveMaxPool2DBackward0", ""),
    "im2col": ("Im2ColBackward0", ""),
    "col2im": ("Col2ImBackward0", ""),
    "grid_sampler_2d": ("GridSampler2DBackward0", ""),
    "affine_grid_generator": ("AffineGridGeneratorBackward0", ""),
    "rrelu_with_noise": ("RreluWithNoiseBackward0", ""),
}

# Nodes that PyTorch implements in C++ by hand report a qualified name().
_QUALIFIED = {"CopySlices", "AccumulateGrad", "CopyBackwards"}


def node_name(key: str | None) -> str:
    """PyTorch's name for the backward node of operation ``key``.

    Examples
    --------
    >>> node_name("mul"), node_name("sum_dim")
    ('MulBackward0', 'SumBackward1')
    """
    if key is None:
        return "Backward0"
    entry = NODES.get(key)
    if entry is not None:
        return entry[0]
    prim = registry.get(key)
    if prim is not None and prim.torch_name is not None:
        return prim.torch_name
    return "".join(part.capitalize() for part in key.split("_")) + "Backward0"


def saves(key: str | None) -> str:
    """What PyTorch saves for the backward of operation ``key`` (a code, see the module doc).

    Examples
    --------
    >>> saves("mul"), saves("exp"), saves("add")
    ('cross', 'out', '')
    """
    entry = NODES.get(key)
    if entry is not None:
        return entry[1]
    prim = registry.get(key)
    return prim.torch_saves if prim is not None else ""


# ---------------------------------------------------------------------------
# grad_fn objects
# ---------------------------------------------------------------------------


class GradFn:
    """A backward node as PyTorch shows it: ``<MulBackward0 object at 0x...>``."""

    __slots__ = ("_node", "_outputs", "__weakref__")
    _torch_name = "Backward0"

    def __init__(self, node) -> None:
        self._node = node
        self._outputs = None  # the nodes of a shared grad_fn (see share_grad_fn)

    def name(self) -> str:
        """PyTorch's name of the node (``"MulBackward0"``)."""
        n = self._torch_name
        return f"torch::autograd::{n}" if n in _QUALIFIED else n

    @property
    def next_functions(self) -> tuple:
        """``(node, output index)`` per input: its ``grad_fn``, ``AccumulateGrad``, or ``None``."""
        return tuple(_edge(n) for n in self._input_nodes())

    def _input_nodes(self) -> tuple:
        """The graph node of each input (None for a number), in ``next_functions`` order."""
        node = self._node
        inputs = node.face_inputs
        if inputs is None:
            inputs = node.args or ()
        return tuple(a if _is_node(a) else None for a in inputs)

    @property
    def metadata(self) -> dict:
        return {}

    def register_hook(self, fn):
        raise NotImplementedError("grad_fn.register_hook: use Tensor.register_hook instead")

    def __repr__(self) -> str:
        return f"<{self._torch_name} object at {hex(id(self))}>"


class AccumulateGrad(GradFn):
    """The node that accumulates into a leaf's ``.grad``."""

    __slots__ = ()
    _torch_name = "AccumulateGrad"

    @property
    def next_functions(self) -> tuple:
        return ()

    def _input_nodes(self) -> tuple:
        return ()

    @property
    def variable(self):
        t = self._node.tensor() if self._node.tensor is not None else None
        return t


_classes: dict[str, type] = {}


def _grad_fn_class(name: str) -> type:
    cls = _classes.get(name)
    if cls is None:
        # Named like PyTorch's C++ node types, which live in no Python module.
        cls = type(
            name, (GradFn,), {"__slots__": (), "_torch_name": name, "__module__": "builtins"}
        )
        _classes[name] = cls
    return cls


def _is_node(a: Any) -> bool:
    return isinstance(a, Node)


def grad_fn_of(node) -> GradFn | None:
    """The ``grad_fn`` of a node (one object per node), or None for a leaf."""
    if node.prim is None:
        return None
    obj = node.grad_fn_obj
    if obj is None:
        if node.prim.name == "select_output" and node.face is None:
            return grad_fn_of(node.args[0]) if node.args else None
        key = node.face if node.face is not None else _kernel_key(node)
        obj = _grad_fn_class(node_name(key))(node)
        node.grad_fn_obj = obj
    return obj


def _kernel_key(node) -> str:
    """The key of a value made by a kernel primitive outside any torch-face call.

    A ``reshape`` that only drops or inserts one axis of length 1 is what PyTorch
    records as ``squeeze(dim)`` / ``unsqueeze(dim)`` (in a ``create_graph``
    backward pass, for instance); any other is a ``view``.
    """
    name = node.prim.name
    if name == "reshape" and node.args:
        before = tuple(getattr(node.args[0], "shape", ()))
        after = tuple(node.primal.shape)
        if len(before) == len(after) + 1 and _drops_one_unit_axis(before, after):
            return "squeeze_dim"
        if len(after) == len(before) + 1 and _drops_one_unit_axis(after, before):
            return "unsqueeze"
    return name


def _drops_one_unit_axis(longer: tuple, shorter: tuple) -> bool:
    return any(
        longer[i] == 1 and longer[:i] + longer[i + 1:] == shorter for i in range(len(longer))
    )


def share_grad_fn(nodes) -> None:
    """Give the results of one operation (``unbind``, ``split``) one ``grad_fn``, as PyTorch does.

    The face records such results as separate values; ``next_functions`` then
    names them by their place among the results (PyTorch's output number).
    """
    nodes = tuple(n for n in nodes if n.prim is not None)
    if len(nodes) < 2:
        return
    fn = grad_fn_of(nodes[0])
    fn._outputs = nodes
    for n in nodes:
        n.grad_fn_obj = fn


def accumulate_grad_of(node) -> AccumulateGrad:
    obj = node.grad_fn_obj
    if obj is None:
        obj = AccumulateGrad(node)
        node.grad_fn_obj = obj
    return obj


def _edge(node) -> tuple:
    if node is None or not node.requires_grad:
        return (None, 0)
    if node.prim is None:
        return (accumulate_grad_of(node), 0)
    index = 0
    if node.prim.name == "select_output" and node.face is None:
        index = node.params["index"]
    fn = grad_fn_of(node)
    if fn._outputs is not None:
        index = next(i for i, n in enumerate(fn._outputs) if n is node)
    return (fn, index)
