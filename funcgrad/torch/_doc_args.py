"""What the torch face's less common arguments mean, function by function.

:data:`SPECIFIC` maps a PyTorch name (``"torch.optim.LBFGS"``) to
``{argument: (type, description)}`` for the arguments whose meaning is that
function's own; :data:`MORE_PARAMETERS` extends the table of common argument
names of :mod:`funcgrad.torch._docs`. An argument that funcgrad accepts and
does not use says so.
"""

from __future__ import annotations

_T = "Tensor"
_ACCEPTED = "Accepted for PyTorch's signature; it changes nothing here."
_LIKE_KW = ("keyword arguments", "``dtype``, ``device``, ``requires_grad`` and "
            "``memory_format`` of the new tensor (the dtype of ``input`` by default).")
_PROJ = ("int, optional", "The size of the LSTM's projected hidden state (0: no "
         "projection); RNN and GRU accept only 0.")
_DIVISOR = ("int, optional", "Divide each window's sum by this number instead of the "
            "number of elements counted.")
_POS_WEIGHT = ("Tensor, optional", "The weight of the positive examples, one per class "
               "(broadcast against the last dimension).")
_APPROXIMATE = ("str, optional", "``'none'`` (the exact GELU, with erf) or ``'tanh'`` "
                "(the tanh approximation).")
_HARDTANH = {"min_val": ("float, optional", "The lower end of the linear region (-1)."),
             "max_val": ("float, optional", "The upper end of the linear region (1).")}
_HUBER = {"delta": ("float, optional", "Where the loss changes from quadratic to linear "
                    "(1.0).")}
_KL = {"log_target": ("bool, optional", "``target`` holds log-probabilities (otherwise "
                      "probabilities).")}
_SLOPE = {"negative_slope": ("float, optional", "The slope for negative inputs (0.01).")}
_EMBEDDING = {
    "num_embeddings": ("int", "The number of rows of the table (the size of the vocabulary)."),
    "embedding_dim": ("int", "The length of each embedding vector."),
    "padding_idx": ("int, optional", "An index whose row gets no gradient (and starts as "
                    "zeros in the module)."),
    "scale_grad_by_freq": ("bool, optional", "Divide each row's gradient by how often its "
                           "index occurs in the batch."),
    "sparse": ("bool, optional", "Accepted for PyTorch's signature; the gradient of the "
               "weight is a dense tensor."),
}
_V = ("Tensor or tuple of Tensors", "The vector of the product, shaped like {what}.")
_UNPOOL = {"indices": (_T, "The positions of the maxima, as the ``max_pool`` with "
                       "``return_indices=True`` returned them.")}
_CHECK = ("bool, optional", _ACCEPTED)
_DIM_LEVEL = ("int, optional", "The dual level (the innermost one entered when None).")

#: ``{PyTorch name: {argument: (type, description)}}``.
SPECIFIC: dict[str, dict[str, tuple[str, str]]] = {
    "torch.Tensor.apply_": {"callable": ("callable", "The Python function applied to each "
                                         "element.")},
    "torch.chain_matmul": {"matrices": ("Tensor", "The matrices, multiplied left to right.")},
    "torch.cholesky_inverse": {"L": (_T, "The Cholesky factor of the matrix to invert."),
                               "upper": ("bool, optional", "``L`` is upper triangular.")},
    "torch.cholesky_solve": {"B": (_T, "The right-hand side."),
                             "L": (_T, "The Cholesky factor of the matrix."),
                             "upper": ("bool, optional", "``L`` is upper triangular.")},
    "torch.det": {"A": (_T, "A (batch of) square matrices.")},
    "torch.inverse": {"A": (_T, "A (batch of) square matrices.")},
    "torch.matrix_exp": {"A": (_T, "A (batch of) square matrices.")},
    "torch.isin": {"elements": (_T, "The values to look up."),
                   "test_elements": (_T, "The values to look among."),
                   "assume_unique": ("bool, optional", _ACCEPTED),
                   "invert": ("bool, optional", "Say where the values are not found.")},
    "torch.Size": {"iterable": ("iterable of ints", "The sizes of the dimensions, in "
                                "order (empty for a scalar).")},
    "torch.arange": {"start": ("Number, optional", "The first value (0 when only one "
                               "bound is given)."),
                     "end": ("Number", "The bound, not included."),
                     "step": ("Number, optional", "The difference between consecutive "
                              "values (1).")},
    "torch.autograd.Variable": {"volatile": ("bool, optional", "Deprecated in PyTorch and "
                                             "ignored, as there.")},
    "torch.autograd.anomaly_mode.detect_anomaly": {"check_nan": (
        "bool, optional", "Raise when a backward function returns NaN (True).")},
    "torch.autograd.anomaly_mode.set_detect_anomaly": {
        "mode": ("bool", "Turn anomaly detection on or off."),
        "check_nan": ("bool, optional", "Raise when a backward function returns NaN.")},
    "torch.autograd.backward": {
        "tensors": ("Tensor or sequence of Tensors", "The outputs to differentiate."),
        "grad_tensors": ("Tensor or sequence of Tensors, optional", "The vector of the "
                         "vector-Jacobian product, one per output (ones for a scalar "
                         "output when None)."),
        "grad_variables": ("Tensor or sequence of Tensors, optional", "The old name of "
                           "``grad_tensors``.")},
    "torch.autograd.forward_ad.UnpackedDualTensor": {
        "primal": (_T, "The value of the dual tensor."),
        "tangent": ("Tensor or None", "Its tangent at the level asked for (None when it "
                    "has none).")},
    "torch.autograd.forward_ad.exit_dual_level": {"level": (
        "int, optional", "The level to leave (the innermost one when None).")},
    "torch.autograd.forward_ad.make_dual": {
        "tensor": (_T, "The value (the primal)."),
        "tangent": (_T, "Its tangent, of the same shape."),
        "level": _DIM_LEVEL},
    "torch.autograd.forward_ad.unpack_dual": {
        "tensor": (_T, "A dual tensor (or a plain one, whose tangent is None)."),
        "level": _DIM_LEVEL},
    "torch.autograd.functional.vjp": {"v": (_V[0], _V[1].format(what="the output"))},
    "torch.autograd.functional.jvp": {"v": (_V[0], _V[1].format(what="``inputs``"))},
    "torch.autograd.functional.vhp": {"v": (_V[0], _V[1].format(what="``inputs``"))},
    "torch.autograd.functional.hvp": {"v": (_V[0], _V[1].format(what="``inputs``"))},
    "torch.autograd.functional.jacobian": {
        "vectorize": ("bool, optional", "Accepted as in PyTorch (needed there for forward "
                      "mode); the values do not change."),
        "strategy": ("str, optional", "``'reverse-mode'`` (one backward pass per output "
                     "element) or ``'forward-mode'`` (one tangent per input element).")},
    "torch.autograd.functional.hessian": {
        "vectorize": ("bool, optional", "Accepted as in PyTorch; the values do not change."),
        "outer_jacobian_strategy": ("str, optional", "How the Jacobian of the gradient is "
                                    "taken: ``'reverse-mode'`` or ``'forward-mode'``.")},
    "torch.autograd.grad": {
        "only_inputs": ("bool, optional", "Deprecated in PyTorch; accepted and ignored, "
                        "as there."),
        "allow_unused": ("bool, optional", "Return None for an input the outputs do not "
                         "depend on instead of raising (``materialize_grads`` by default)."),
        "is_grads_batched": ("bool, optional", _ACCEPTED),
        "materialize_grads": ("bool, optional", "Return zeros instead of None for unused "
                              "inputs.")},
    "torch.autograd.gradgradcheck": {
        "gen_non_contig_grad_outputs": _CHECK, "check_fwd_over_rev": _CHECK,
        "masked": ("bool, optional", _ACCEPTED),
        "raise_exception": ("bool, optional", "Raise ``GradcheckError`` on a mismatch "
                            "(else return False)."),
        "nondet_tol": ("float, optional", _ACCEPTED + " (NumPy is deterministic)"),
        "check_undefined_grad": _CHECK, "check_grad_dtypes": _CHECK,
        "check_batched_grad": _CHECK,
        "check_rev_over_rev": ("bool, optional", "Check the second derivatives in reverse "
                               "over reverse mode (when False nothing is checked)."),
        "fast_mode": ("bool, optional", "Compare random projections ``v^T J u`` instead of "
                      "whole Jacobians.")},
    "torch.autograd.graph.SavedTensor": {"attr": ("str", "The name under which the "
                                                  "backward node keeps the value.")},
    "torch.autograd.graph.disable_saved_tensors_hooks": {"error_message": (
        "str", "The message of the error raised when a hook is registered inside.")},
    "torch.autograd.graph.save_on_cpu": {"device_type": (
        "str, optional", "The device the saved tensors come from (``'cuda'`` in PyTorch; "
        "every tensor is on the CPU here).")},
    "torch.autograd.graph.saved_tensors_hooks": {
        "pack_hook": ("callable", "Called with each tensor a backward node saves; what it "
                      "returns is stored instead."),
        "unpack_hook": ("callable", "Called with what ``pack_hook`` returned when the "
                        "backward pass needs the tensor; returns the tensor.")},
    "torch.autograd.graph.to_svg": {
        "name": ("str, optional", "The title of the picture."),
        "params": ("dict, optional", "``{name: tensor}`` to label leaves by name (such as "
                   "``dict(model.named_parameters())``).")},
    "torch.broadcast_shapes": {"shapes": ("ints or sequences of ints", "The shapes to "
                                          "broadcast together.")},
    "torch.can_cast": {"from_": ("torch.dtype", "The dtype cast from."),
                       "to": ("torch.dtype", "The dtype cast to.")},
    "torch.chunk": {"chunks": ("int", "How many pieces (the last may be smaller; fewer "
                               "when the size does not allow that many).")},
    "torch.device": {"type": ("str or torch.device", "``'cpu'`` (possibly with an index, "
                              "``'cpu:0'``)."),
                     "index": ("int, optional", "The device index (0).")},
    "torch.diff": {"prepend": ("Tensor, optional", "Values put before ``input`` along "
                               "``dim`` before differencing."),
                   "append": ("Tensor, optional", "Values put after ``input`` along "
                              "``dim`` before differencing.")},
    "torch.dtype": {"name": ("str", "PyTorch's name, such as ``'float32'``."),
                    "np_dtype": ("numpy dtype or None", "The NumPy dtype that holds the "
                                 "values (None for ``bfloat16`` and ``complex32``)."),
                    "legacy": ("str", "The name of the legacy tensor type "
                               "(``'FloatTensor'``)."),
                    "kind": ("str, optional", "NumPy's kind letter when ``np_dtype`` is "
                             "None.")},
    "torch.einsum": {"equation": ("str", "The subscripts, such as ``'ij,jk->ik'``."),
                     "operands": ("Tensors", "The tensors, one per comma-separated term "
                                  "(or one sequence of them).")},
    "torch.eye": {"n": ("int", "The number of rows."),
                  "m": ("int, optional", "The number of columns (``n`` when None).")},
    "torch.from_numpy": {"ndarray": ("numpy.ndarray", "The array; the tensor shares its "
                                     "memory.")},
    "torch.func.jacfwd": {"randomness": ("str, optional", _ACCEPTED)},
    "torch.func.jacrev": {"chunk_size": ("int, optional", _ACCEPTED)},
    "torch.func.jvp": {"primals": ("tuple of Tensors", "The point, one tensor per "
                                   "argument of ``func``."),
                       "tangents": ("tuple of Tensors", "The tangents, shaped like "
                                    "``primals``.")},
    "torch.func.stack_module_state": {"models": ("sequence of Modules", "Modules of the "
                                                 "same architecture.")},
    "torch.func.vjp": {"primals": ("Tensors", "The arguments of ``func``.")},
    "torch.is_tensor": {"obj": ("object", "Any Python object.")},
    "torch.legacy.accept_numpy_names": {
        "namespace": ("dict", "A module's namespace (``globals()``) whose functions get "
                      "the aliases."),
        "cls": ("type", "The class (``Tensor``) whose methods get them.")},
    "torch.load": {
        "f": ("str, path or file object", "Where :func:`save` wrote."),
        "map_location": ("optional", "Accepted for PyTorch's signature: every tensor is "
                         "loaded on the CPU."),
        "pickle_module": ("module, optional", "The module to unpickle with (``pickle``)."),
        "weights_only": ("bool, optional", "Rebuild only tensors, containers and allowed "
                         "globals (default True, False with a ``pickle_module``)."),
        "mmap": ("bool, optional", "Accepted for PyTorch's signature."),
        "pickle_load_args": ("keyword arguments", "Passed to ``pickle_module.load``.")},
    "torch.serialization.add_safe_globals": {
        "safe_globals": ("list", "Classes and functions, or ``(object, 'module.qualname')`` "
                         "pairs, that a weights-only load may rebuild.")},
    "torch.serialization.safe_globals": {
        "safe_globals": ("list", "Classes and functions a weights-only load may rebuild "
                         "inside the block.")},
    "torch.logspace": {"base": ("float, optional", "The base of the powers (10).")},
    "torch.manual_seed": {"seed": ("int", "The seed of the default generator.")},
    "torch.meshgrid": {"indexing": ("str, optional", "``'ij'`` (matrix indexing) or "
                                    "``'xy'`` (Cartesian: the first two dimensions "
                                    "swapped).")},
    "torch.moveaxis": {"source": ("int or tuple of ints", "The dimensions to move."),
                       "destination": ("int or tuple of ints", "Where they go.")},
    "torch.nan_to_num": {"nan": ("float, optional", "What NaNs become (0)."),
                         "posinf": ("float, optional", "What +inf becomes (the largest "
                                    "finite value of the dtype when None)."),
                         "neginf": ("float, optional", "What -inf becomes (the lowest "
                                    "finite value of the dtype when None).")},
    "torch.narrow": {"start": ("int", "The first index kept along ``dim``."),
                     "length": ("int", "How many indices are kept.")},
    "torch.randint": {"low": ("int, optional", "The lowest value (0 when only one bound "
                              "is given)."),
                      "high": ("int", "One above the highest value.")},
    "torch.roll": {"shifts": ("int or tuple of ints", "By how many places the elements "
                              "move (one per dimension of ``dims``).")},
    "torch.save": {"obj": ("object", "Tensors, modules' state dicts or any picklable "
                           "object holding them."),
                   "f": ("str, path or file object", "Where to write."),
                   "pickle_module": ("module, optional", "The module to pickle with "
                                     "(``pickle``)."),
                   "pickle_protocol": ("int, optional", "The pickle protocol (2).")},
    "torch.serialization.rebuild_tensor": {
        "array": ("numpy.ndarray", "The stored values."),
        "requires_grad": ("bool", "Whether the tensor requires grad."),
        "grad": ("numpy.ndarray, optional", "The stored ``.grad``, if any.")},
    "torch.set_default_dtype": {"d": ("torch.dtype", "``torch.float32`` or "
                                      "``torch.float64``: the dtype of new float tensors.")},
    "torch.set_printoptions": {
        "precision": ("int, optional", "Digits after the decimal point (4)."),
        "threshold": ("float, optional", "Summarize tensors with more elements than this "
                      "(1000)."),
        "edgeitems": ("int, optional", "Elements shown at each end of a summarized "
                      "dimension (3)."),
        "linewidth": ("int, optional", "Characters per line (80)."),
        "profile": ("str, optional", "``'default'``, ``'short'`` or ``'full'``, applied "
                    "before the other options."),
        "sci_mode": ("bool, optional", "Force (True) or forbid (False) scientific "
                     "notation; None chooses.")},
    "torch.split": {"split_size_or_sections": ("int or list of ints", "The size of each "
                                               "piece (the last may be smaller), or the "
                                               "list of sizes.")},
    "torch.topk": {"k": ("int", "How many elements to keep."),
                   "largest": ("bool, optional", "The largest (True) or the smallest."),
                   "sorted": ("bool, optional", "Return them in order.")},
    "torch.vmap": {"in_dims": ("int, None or tuple, optional", "The batch dimension of "
                               "each argument (None: not batched)."),
                   "out_dims": ("int or tuple, optional", "Where the batch dimension goes "
                                "in each result."),
                   "randomness": ("str, optional", _ACCEPTED),
                   "chunk_size": ("int, optional", _ACCEPTED)},
    "torch.where": {"condition": ("Tensor of bool", "Where to take ``input`` (else "
                                  "``other``); alone, the indices where it holds.")},
    "torch.inference_mode": {"mode": ("bool, optional", "Turn inference mode on (True) "
                                      "or leave it off.")},
    "torch.set_grad_enabled": {"mode": ("bool", "Record operations for backward (True) "
                                        "or not.")},
    "torch.floor_divide": {"mode": ("str, optional", "``'floor'`` (round down) or "
                                    "``'trunc'`` (round towards zero).")},
    "torch.lerp": {"end": (_T, "The values interpolated towards."),
                   "weight": ("float or Tensor", "The interpolation weight: ``input + "
                              "weight * (end - input)``.")},
    "torch.addmm": {"mat1": (_T, "The first matrix of the product, ``(n, m)``."),
                    "mat2": (_T, "The second matrix of the product, ``(m, p)``."),
                    "input": (_T, "The matrix added to the product, broadcast to "
                              "``(n, p)``."),
                    "alpha": ("Number, optional", "The multiplier of the product."),
                    "beta": ("Number, optional", "The multiplier of ``input``.")},
    **{f"torch.nn.{loss}": {"weight": ("Tensor, optional", "A weight per class, "
                                       "multiplying each target class's loss.")}
       for loss in ("CrossEntropyLoss", "NLLLoss", "functional.cross_entropy",
                    "functional.nll_loss")},
    **{f"torch.nn.{loss}": {"weight": ("Tensor, optional", "A weight per element, "
                                       "broadcast against ``input``.")}
       for loss in ("BCELoss", "BCEWithLogitsLoss", "functional.binary_cross_entropy",
                    "functional.binary_cross_entropy_with_logits")},
    "torch.nn.ParameterDict": {"parameters": ("mapping, optional", "``{name: parameter}`` "
                                              "to register, in order.")},
    **{f"torch.{n}": {"tensors": ("sequence of Tensors", "The tensors to join, in order; "
                                  "their shapes agree except along ``dim``.")}
       for n in ("cat", "concat", "concatenate")},
    **{f"torch.{n}": {"dim": ("int or tuple of ints, optional", "The dimension (or "
                              "dimensions) to reduce; all of them when None.")}
       for n in ("all", "amax", "amin", "any", "count_nonzero", "logsumexp", "max", "mean",
                 "min", "nanmean", "nansum", "norm", "prod", "std", "sum", "var")},
    **{f"torch.{n}": {"q": ("float or Tensor", "The quantile, or a 1-d tensor of "
                            "quantiles, in [0, 1]."),
                      "dim": ("int, optional", "The dimension to take the quantiles along; "
                              "all values when None."),
                      "interpolation": ("str, optional", "Between two values: "
                                        "``'linear'``, ``'lower'``, ``'higher'``, "
                                        "``'midpoint'`` or ``'nearest'``.")}
       for n in ("quantile", "nanquantile", "Tensor.quantile", "Tensor.nanquantile")},
    "torch.finfo": {"type": ("torch.dtype, optional", "A floating dtype (the default "
                             "dtype when None).")},
    "torch.iinfo": {"type": ("torch.dtype", "An integer dtype.")},
    "torch.set_rng_state": {"new_state": ("Tensor of uint8", "A state that "
                                          ":func:`get_rng_state` returned.")},
    "torch.stack": {"tensors": ("sequence of Tensors", "Tensors of one shape, stacked "
                                "along a new dimension ``dim``.")},
    "torch.Tensor.exponential_": {"lambd": ("float, optional", "The rate of the "
                                            "distribution (its mean is ``1 / lambd``).")},
    "torch.Tensor.register_hook": {"hook": ("callable", "``hook(grad)``, called with the "
                                            "gradient; a tensor it returns replaces it.")},
    "torch.Tensor.uniform_": {"kw": ("keyword arguments", "PyTorch's names of the bounds, "
                                     "``from`` and ``to``.")},
    **{f"torch.{n}_like": {"kw": _LIKE_KW} for n in ("empty", "full", "ones", "rand",
                                                     "randn", "zeros")},
    "torch.nn.AvgPool2d": {"divisor_override": _DIVISOR},
    "torch.nn.AvgPool3d": {"divisor_override": _DIVISOR},
    "torch.nn.functional.avg_pool2d": {"divisor_override": _DIVISOR},
    "torch.nn.functional.avg_pool3d": {"divisor_override": _DIVISOR},
    "torch.nn.BCEWithLogitsLoss": {"pos_weight": _POS_WEIGHT},
    "torch.nn.functional.binary_cross_entropy_with_logits": {"pos_weight": _POS_WEIGHT},
    "torch.nn.Bilinear": {"in1_features": ("int", "The size of each sample of the first "
                                           "input."),
                          "in2_features": ("int", "The size of each sample of the second "
                                           "input.")},
    "torch.nn.functional.bilinear": {"input1": (_T, "The first input, ``(..., in1)``."),
                                     "input2": (_T, "The second input, ``(..., in2)``."),
                                     "weight": (_T, "``(out, in1, in2)``.")},
    "torch.nn.Buffer": {"persistent": ("bool, optional", "Whether the module's "
                                       "``state_dict`` holds it.")},
    "torch.nn.Embedding": _EMBEDDING,
    "torch.nn.functional.embedding": {**_EMBEDDING, "input": (_T, "The indices, an "
                                                              "integer tensor."),
                                      "weight": (_T, "The table, ``(num_embeddings, "
                                                 "embedding_dim)``.")},
    "torch.nn.GELU": {"approximate": _APPROXIMATE},
    "torch.nn.functional.gelu": {"approximate": _APPROXIMATE},
    "torch.nn.GRU": {"proj_size": _PROJ},
    "torch.nn.LSTM": {"proj_size": _PROJ},
    "torch.nn.RNN": {"proj_size": _PROJ},
    "torch.nn.RNNBase": {"proj_size": _PROJ,
                         "mode": ("str", "``'RNN_TANH'``, ``'RNN_RELU'``, ``'LSTM'`` or "
                                  "``'GRU'``.")},
    "torch.nn.GroupNorm": {"num_groups": ("int", "Into how many groups the channels are "
                                          "divided."),
                           "num_channels": ("int", "The number of channels ``C``.")},
    "torch.nn.functional.group_norm": {"num_groups": ("int", "Into how many groups the "
                                                      "channels are divided.")},
    "torch.nn.Hardtanh": _HARDTANH,
    "torch.nn.functional.hardtanh": _HARDTANH,
    "torch.nn.HuberLoss": _HUBER,
    "torch.nn.functional.huber_loss": _HUBER,
    "torch.nn.KLDivLoss": _KL,
    "torch.nn.functional.kl_div": _KL,
    "torch.nn.LayerNorm": {"normalized_shape": ("int or tuple of ints", "The trailing "
                                                "dimensions normalized over."),
                           "elementwise_affine": ("bool, optional", "Learn a per-element "
                                                  "scale and shift.")},
    "torch.nn.functional.layer_norm": {"normalized_shape": ("int or tuple of ints",
                                                            "The trailing dimensions "
                                                            "normalized over.")},
    "torch.nn.LeakyReLU": _SLOPE,
    "torch.nn.functional.leaky_relu": _SLOPE,
    "torch.nn.ModuleDict": {"modules": ("mapping or iterable of pairs, optional",
                                        "``{name: module}`` to register, in order.")},
    "torch.nn.ModuleList": {"modules": ("iterable of Modules, optional", "The modules to "
                                        "register, in order.")},
    "torch.nn.ParameterList": {"values": ("iterable of Tensors, optional", "The "
                                          "parameters to register, in order.")},
    "torch.nn.PReLU": {"num_parameters": ("int, optional", "1 (one slope shared) or the "
                                          "number of channels (a slope each)."),
                       "init": ("float, optional", "The initial slope (0.25).")},
    "torch.nn.Unflatten": {"unflattened_size": ("tuple of ints", "The shape the dimension "
                                                "``dim`` is split into.")},
    "torch.nn.functional.batch_norm": {
        "running_mean": ("Tensor or None", "The running mean per channel, updated in "
                         "place when training."),
        "running_var": ("Tensor or None", "The running variance per channel, updated in "
                        "place when training."),
        "training": ("bool, optional", "Normalize with the batch's statistics (and update "
                     "the running ones) rather than with the running ones.")},
    "torch.nn.functional.dropout": {"training": ("bool, optional", "Apply dropout (True); "
                                                 "when False ``input`` is returned "
                                                 "unchanged.")},
    "torch.nn.functional.cosine_similarity": {
        "x1": (_T, "The first tensor."),
        "x2": (_T, "The second tensor, broadcast against ``x1``.")},
    "torch.nn.functional.pairwise_distance": {
        "x1": (_T, "The first batch of vectors, ``(N, D)`` or ``(D,)``."),
        "x2": (_T, "The second batch of vectors, broadcast against ``x1``.")},
    "torch.nn.functional.max_unpool1d": _UNPOOL,
    "torch.nn.functional.max_unpool2d": _UNPOOL,
    "torch.nn.functional.max_unpool3d": _UNPOOL,
    "torch.nn.functional.one_hot": {"tensor": (_T, "The class indices, an integer tensor."),
                                    "num_classes": ("int, optional", "The length of each "
                                                    "one-hot vector (one more than the "
                                                    "largest index when -1).")},
    "torch.nn.functional.pad": {"pad": ("tuple of ints", "``(left, right)`` amounts for "
                                        "the last dimension, then for the one before, and "
                                        "so on."),
                                "value": ("float, optional", "The fill value of "
                                          "``'constant'`` padding (0).")},
    "torch.nn.init.calculate_gain": {"param": ("float, optional", "The negative slope, for "
                                               "``'leaky_relu'`` (0.01 when None).")},
    "torch.nn.init.constant_": {"val": ("Number", "The value every element gets.")},
    "torch.nn.init.sparse_": {"sparsity": ("float", "The fraction of each column set to "
                                           "zero."),
                              "std": ("float, optional", "The standard deviation of the "
                                      "nonzero values (0.01).")},
    "torch.nn.utils.clip_grad_norm": {"error_if_nonfinite": (
        "bool, optional", "Raise when the total norm is NaN or infinite.")},
    "torch.nn.utils.clip_grad_norm_": {"error_if_nonfinite": (
        "bool, optional", "Raise when the total norm is NaN or infinite.")},
    "torch.nn.utils.clip_grad_value_": {"clip_value": ("float", "Gradients are clipped to "
                                                       "``[-clip_value, clip_value]``.")},
    "torch.optim.Adadelta": {"rho": ("float, optional", "The decay rate of the running "
                                     "averages of squared gradients and updates (0.9).")},
    "torch.optim.Adagrad": {"lr_decay": ("float, optional", "The learning rate is "
                                         "``lr / (1 + (step - 1) * lr_decay)``."),
                            "initial_accumulator_value": ("float, optional", "The starting "
                                                          "sum of squared gradients (0).")},
    "torch.optim.Adam": {"decoupled_weight_decay": ("bool, optional", "Decay the weights "
                                                    "directly, as AdamW, rather than "
                                                    "adding ``weight_decay * p`` to the "
                                                    "gradient.")},
    "torch.optim.LBFGS": {
        "max_iter": ("int, optional", "Iterations per ``step()`` (20)."),
        "max_eval": ("int, optional", "Function evaluations per ``step()`` "
                     "(``max_iter * 5 // 4`` when None)."),
        "tolerance_grad": ("float, optional", "Stop when the largest gradient element is "
                           "below this (1e-7)."),
        "tolerance_change": ("float, optional", "Stop when the step or the loss changes "
                             "less than this (1e-9)."),
        "history_size": ("int, optional", "How many past updates approximate the inverse "
                         "Hessian (100)."),
        "line_search_fn": ("str, optional", "None (a fixed step ``lr``) or "
                           "``'strong_wolfe'``.")},
    "torch.optim.Optimizer": {"defaults": ("dict", "The default options (``lr``, ...) of "
                                           "every parameter group.")},
    "torch.optim.RMSprop": {"centered": ("bool, optional", "Divide by the estimated "
                                         "variance of the gradient rather than its second "
                                         "moment.")},
    "torch.optim.lr_scheduler.ConstantLR": {
        "factor": ("float, optional", "The learning rate is multiplied by this until "
                   "``total_iters`` (1/3)."),
        "total_iters": ("int, optional", "The step at which the factor stops applying "
                        "(5).")},
    "torch.optim.lr_scheduler.CosineAnnealingLR": {
        "T_max": ("int", "Steps from the initial learning rate to ``eta_min``."),
        "eta_min": ("float, optional", "The smallest learning rate (0).")},
    "torch.optim.lr_scheduler.LambdaLR": {"lr_lambda": (
        "callable or list of callables", "The factor of the initial learning rate as a "
        "function of the epoch (one per parameter group for a list).")},
    "torch.optim.lr_scheduler.MultiplicativeLR": {"lr_lambda": (
        "callable or list of callables", "The factor applied to the current learning "
        "rate at each epoch, as a function of the epoch.")},
    "torch.optim.lr_scheduler.LinearLR": {
        "start_factor": ("float, optional", "The factor at the first step (1/3)."),
        "end_factor": ("float, optional", "The factor after ``total_iters`` steps (1)."),
        "total_iters": ("int, optional", "Steps over which the factor changes linearly "
                        "(5).")},
    "torch.optim.lr_scheduler.OneCycleLR": {
        "max_lr": ("float or list of floats", "The peak learning rate (per group for a "
                   "list)."),
        "total_steps": ("int, optional", "Steps in the cycle (``epochs * "
                        "steps_per_epoch`` when None)."),
        "epochs": ("int, optional", "With ``steps_per_epoch``, gives ``total_steps``."),
        "steps_per_epoch": ("int, optional", "With ``epochs``, gives ``total_steps``."),
        "pct_start": ("float, optional", "The fraction of the cycle spent increasing the "
                      "learning rate (0.3)."),
        "anneal_strategy": ("str, optional", "``'cos'`` or ``'linear'`` annealing."),
        "cycle_momentum": ("bool, optional", "Cycle the momentum (or ``beta1``) inversely "
                           "to the learning rate."),
        "base_momentum": ("float or list of floats, optional", "The lowest momentum "
                          "(0.85)."),
        "max_momentum": ("float or list of floats, optional", "The highest momentum "
                         "(0.95)."),
        "div_factor": ("float, optional", "The initial learning rate is ``max_lr / "
                       "div_factor`` (25)."),
        "final_div_factor": ("float, optional", "The last learning rate is the initial "
                             "one divided by this (1e4)."),
        "three_phase": ("bool, optional", "Add a third phase that anneals to the last "
                        "learning rate.")},
    "torch.optim.lr_scheduler.ReduceLROnPlateau": {
        "mode": ("str, optional", "``'min'``: the metric should decrease; ``'max'``: "
                 "increase."),
        "factor": ("float, optional", "The learning rate is multiplied by this on a "
                   "plateau (0.1)."),
        "patience": ("int, optional", "Epochs without improvement tolerated (10)."),
        "threshold": ("float, optional", "The smallest change that counts as an "
                      "improvement (1e-4)."),
        "threshold_mode": ("str, optional", "``'rel'`` (``threshold`` is relative) or "
                           "``'abs'``."),
        "cooldown": ("int, optional", "Epochs to wait after a reduction before counting "
                     "again."),
        "min_lr": ("float or list of floats, optional", "The learning rate is not reduced "
                   "below this."),
        "eps": ("float, optional", "A reduction smaller than this is skipped (1e-8).")},
    "torch.utils.data.ConcatDataset": {"datasets": ("sequence of Datasets", "The "
                                                    "datasets, one after the other.")},
    "torch.utils.data.Subset": {"indices": ("sequence of ints", "The indices of "
                                            "``dataset`` it holds, in order.")},
    "torch.utils.data.SubsetRandomSampler": {"indices": ("sequence of ints", "The indices "
                                                         "to draw from, without "
                                                         "replacement.")},
    "torch.utils.data.random_split": {"lengths": ("sequence of ints or floats", "The "
                                                  "sizes of the parts, or fractions "
                                                  "summing to 1.")},
    "torch.utils.data.DataLoader": {
        "batch_sampler": ("Sampler or iterable, optional", "Yields the list of indices of "
                          "each batch (instead of ``batch_size``, ``shuffle``, ``sampler`` "
                          "and ``drop_last``)."),
        "timeout": ("float, optional", "Seconds to wait for a batch from the workers "
                    "before raising (0: forever)."),
        "worker_init_fn": ("callable, optional", "Called with the worker id in each "
                           "worker process before loading."),
        "multiprocessing_context": ("str or context, optional", "How worker processes "
                                    "start (``'fork'``, ``'spawn'``, ...)."),
        "prefetch_factor": ("int, optional", "Batches in flight per worker (2 when "
                            "``num_workers > 0``)."),
        "persistent_workers": ("bool, optional", "Keep the worker processes between "
                               "epochs."),
        "pin_memory_device": ("str, optional", "Accepted for PyTorch's signature; there "
                              "is no GPU memory to pin."),
        "in_order": ("bool, optional", "Accepted for PyTorch's signature; batches always "
                     "come in order.")},
    "torch.utils.data.default_collate": {"batch": ("list", "The samples of one batch: "
                                                   "tensors, arrays, numbers, or tuples, "
                                                   "lists and dicts of them.")},
    "torch.utils.data.RandomSampler": {
        "replacement": ("bool, optional", "Draw with replacement."),
        "num_samples": ("int, optional", "How many indices per epoch (the length of the "
                        "data when None).")},
}

# torch.linalg and torch.distributions: the arguments PyTorch names as in its own docs.
_LA_A = {"A": (_T, "A square matrix, or a batch of them in the last two dimensions.")}
_LA_UPPER = {"upper": ("bool, optional", "Work with the upper triangular factor (default: "
                    "the lower one).")}
_LA_CHECK = {"check_errors": ("bool, optional", "Raise when the decomposition fails instead "
                           "of reporting it in ``info``.")}
_LA_DRIVER = {"driver": ("str, optional", "Accepted for PyTorch's signature (a LAPACK driver "
                      "choice); NumPy's routine is used.")}
_LA_UPLO = {"UPLO": ("str, optional", "``'L'`` or ``'U'``: which triangle of ``A`` is read.")}
_LA_B = {"B": (_T, "The right-hand side(s), batched as ``A``."),
      "left": ("bool, optional", "Solve ``A X = B`` (True) or ``X A = B`` (False).")}
_LA_VALIDATE = {"validate_args": ("bool, optional", "Check the parameters (and the values "
                               "given to ``log_prob``) against their constraints.")}
_LA_PROBS = {"probs": (_T, "Event probabilities (give ``probs`` or ``logits``, not both)."),
          "logits": (_T, "Event log-odds, unnormalised (instead of ``probs``).")}
_LA_LOC_SCALE = {"loc": (_T, "The location (mean or median) of the distribution."),
              "scale": (_T, "The scale (standard deviation or spread), positive.")}
SPECIFIC.update({
    "torch.linalg.inv_ex": {**_LA_A, **_LA_CHECK},
    "torch.linalg.slogdet": _LA_A,
    "torch.linalg.solve": {**_LA_A, **_LA_B},
    "torch.linalg.solve_triangular": {
        "A": (_T, "A triangular matrix (or batch)."), **_LA_B, **_LA_UPPER,
        "unitriangular": ("bool, optional", "Take the diagonal of ``A`` as ones.")},
    "torch.linalg.lstsq": {**_LA_A, "B": (_T, "The right-hand side(s)."),
                           "rcond": ("float, optional", "Singular values below this "
                                     "fraction of the largest count as zero."), **_LA_DRIVER},
    "torch.linalg.cholesky": {"A": (_T, "A symmetric (Hermitian) positive-definite matrix, "
                                    "or a batch of them."), **_LA_UPPER},
    "torch.linalg.cholesky_ex": {"A": (_T, "A symmetric (Hermitian) positive-definite "
                                       "matrix, or a batch of them."), **_LA_UPPER, **_LA_CHECK},
    "torch.linalg.eigh": {"A": (_T, "A symmetric (Hermitian) matrix, or a batch."), **_LA_UPLO},
    "torch.linalg.eigvalsh": {"A": (_T, "A symmetric (Hermitian) matrix, or a batch."),
                              **_LA_UPLO},
    "torch.linalg.eig": _LA_A,
    "torch.linalg.eigvals": _LA_A,
    "torch.linalg.svd": {"A": (_T, "A matrix (any shape), or a batch of them."),
                         "full_matrices": ("bool, optional", "Square ``U`` and ``Vh`` "
                                           "(True) or the reduced factors (False)."),
                         **_LA_DRIVER},
    "torch.linalg.svdvals": {"A": (_T, "A matrix (any shape), or a batch of them."),
                             **_LA_DRIVER},
    "torch.linalg.tensorinv": {"A": (_T, "The tensor to invert, as a matrix of its first "
                                     "``ind`` and its last dimensions."),
                               "ind": ("int, optional", "How many leading dimensions form "
                                       "the rows (2).")},
    "torch.distributions.Distribution": {
        "batch_shape": ("torch.Size", "The shape of the batch of independent distributions."),
        "event_shape": ("torch.Size", "The shape of one sample of one distribution."),
        **_LA_VALIDATE},
    "torch.distributions.Bernoulli": {**_LA_PROBS, **_LA_VALIDATE},
    "torch.distributions.Categorical": {**_LA_PROBS, **_LA_VALIDATE},
    "torch.distributions.OneHotCategorical": {**_LA_PROBS, **_LA_VALIDATE},
    "torch.distributions.Beta": {
        "concentration1": (_T, "The first concentration, alpha (positive)."),
        "concentration0": (_T, "The second concentration, beta (positive)."), **_LA_VALIDATE},
    "torch.distributions.Dirichlet": {
        "concentration": (_T, "The concentrations (positive), the categories in the last "
                          "dimension."), **_LA_VALIDATE},
    "torch.distributions.Exponential": {"rate": (_T, "The rate (positive), one over the "
                                                 "mean."), **_LA_VALIDATE},
    "torch.distributions.Gamma": {
        "concentration": (_T, "The shape parameter, alpha (positive)."),
        "rate": (_T, "The rate, beta (positive), one over the scale."), **_LA_VALIDATE},
    "torch.distributions.Independent": {
        "base_distribution": ("Distribution", "The distribution whose batch dimensions "
                              "become event dimensions."),
        "reinterpreted_batch_ndims": ("int", "How many of its rightmost batch dimensions."),
        **_LA_VALIDATE},
    "torch.distributions.Laplace": {**_LA_LOC_SCALE, **_LA_VALIDATE},
    "torch.distributions.Normal": {**_LA_LOC_SCALE, **_LA_VALIDATE},
    "torch.distributions.MultivariateNormal": {
        "loc": (_T, "The mean vector (batched in the leading dimensions)."),
        "covariance_matrix": (_T, "The covariance matrix, positive-definite (give one of "
                              "the three matrices)."),
        "precision_matrix": (_T, "The inverse of the covariance matrix."),
        "scale_tril": (_T, "The lower Cholesky factor of the covariance matrix."),
        **_LA_VALIDATE},
    "torch.distributions.register_kl": {
        "type_p": ("type", "The class of the first distribution."),
        "type_q": ("type", "The class of the second distribution.")},
    "torch.distributions.Uniform": {"low": (_T, "The lower end of the interval (included)."),
                                    "high": (_T, "The upper end of the interval (excluded)."),
                                    **_LA_VALIDATE},
})

_ANY = "A tensor of any shape"
#: What ``input`` is, by the module that defines the function (``fn.__module__``);
#: :data:`SPECIFIC` and :data:`INPUTS` win over it.
MODULE_INPUT: dict[str, str] = {
    "funcgrad.torch.elementwise": f"{_ANY}; the function applies to each element "
                                  "(broadcast against the other tensor arguments).",
    "funcgrad.torch.more_ops": f"{_ANY}; the function applies to each element, or along "
                               "``dim`` when it takes one.",
    "funcgrad.torch.reductions": f"{_ANY}, read along ``dim`` (over all its elements when "
                                 "``dim`` is None).",
    "funcgrad.torch.shape": "The tensor to reshape, reorder or copy; its values are "
                            "not changed.",
    "funcgrad.torch.indexing": "The tensor to take pieces of along ``dim``.",
    "funcgrad.torch.conversions": f"{_ANY}.",
    "funcgrad.torch.factories": "The tensor whose shape (and, by default, dtype) the new "
                                "tensor has; its values are not read.",
    "funcgrad.torch.legacy": "The tensor changed in place and returned.",
    "funcgrad.torch.nn.functional.activations": "The pre-activation values, a tensor of "
                                                "any shape.",
    "funcgrad.torch.nn.functional.losses": "The predictions, ``(N, ...)``, compared with "
                                           "``target``.",
    "funcgrad.torch.nn.functional.dense": "The input features, ``(..., in_features)``.",
    "funcgrad.torch.nn.functional.normalization": "A batch ``(N, C, ...)``.",
    "funcgrad.torch.nn.functional.distance": "The vectors, along ``dim``.",
    "funcgrad.torch.nn.functional.padding": f"{_ANY}; its last dimensions are padded.",
}

_POOL_IN = "A batch ``(N, C, {0})`` or one sample ``(C, {0})``."
_SPATIAL = {"1d": "L", "2d": "H, W", "3d": "D, H, W"}
#: ``input`` of particular functions (the name as :data:`SPECIFIC`'s).
INPUTS: dict[str, str] = {
    **{f"torch.nn.functional.{kind}_pool{d}": _POOL_IN.format(s)
       for kind in ("avg", "max", "adaptive_avg", "adaptive_max") for d, s in _SPATIAL.items()},
    **{f"torch.nn.functional.max_unpool{d}": "The pooled values, ``(N, C, {0})`` or ``(C, "
       "{0})``.".replace("{0}", s) for d, s in _SPATIAL.items()},
    "torch.nn.functional.conv1d": "A batch ``(N, C_in, L)`` or one sample ``(C_in, L)``.",
    "torch.nn.functional.conv2d": "A batch ``(N, C_in, H, W)`` or one sample ``(C_in, H, "
                                  "W)``.",
    "torch.nn.functional.layer_norm": "The values, ``(..., *normalized_shape)``.",
    "torch.nn.functional.binary_cross_entropy": "Predicted probabilities, in [0, 1].",
    "torch.nn.functional.binary_cross_entropy_with_logits": "Predicted logits (the "
                                                            "sigmoid is applied here).",
    "torch.nn.functional.cross_entropy": "Logits, ``(N, C)``, ``(C,)`` or ``(N, C, d1, "
                                         "...)`` (the log-softmax is applied here).",
    "torch.nn.functional.nll_loss": "Log-probabilities, ``(N, C)``, ``(C,)`` or ``(N, C, "
                                    "d1, ...)``.",
    "torch.nn.functional.kl_div": "Log-probabilities, shaped like ``target``.",
    "torch.nn.functional.glu": "The values, halved along ``dim`` into the linear part and "
                               "the gate.",
    "torch.nn.functional.dropout": f"{_ANY}.",
    "torch.addmm": "The matrix added to the product, broadcast to ``(n, p)``.",
    "torch.bmm": "A batch of matrices, ``(b, n, m)``.",
    "torch.dot": "A 1-D tensor.",
    "torch.inner": "A tensor whose last dimension is summed against ``other``'s.",
    "torch.ger": "A 1-D tensor, the first factor of the outer product.",
    "torch.outer": "A 1-D tensor, the first factor of the outer product.",
    "torch.matmul": "A tensor of one or more dimensions (batch dimensions broadcast).",
    "torch.mm": "A matrix, ``(n, m)``.",
    "torch.mv": "A matrix, ``(n, m)``.",
}

# torch.nn.utils.prune, weight_norm and spectral_norm.
_PR = "torch.nn.utils.prune."
_PR_MODULE = {"module": ("Module", "The module whose tensor is pruned (changed in place)."),
              "name": ("str", "The name of the parameter (or buffer) to prune, such as "
                       "``'weight'``.")}
_PR_AMOUNT = {"amount": ("int or float", "How much to prune: a fraction of the entries (or "
                         "channels) in [0, 1], or their number.")}
_PR_SCORES = {"importance_scores": ("Tensor, optional", "Scores of the tensor's shape that "
                                    "rank the entries in place of the tensor's own values.")}
_PR_DIM = {"dim": ("int", "The dimension whose slices (channels) are pruned whole.")}
_PR_N = {"n": ("int, float, inf, -inf, 'fro' or 'nuc'", "The order of the norm that ranks "
               "the channels (as ``torch.norm``'s ``p``).")}
_PR_MASK = {"mask": (_T, "The mask (of the tensor's shape): 0 prunes an entry, 1 keeps it.")}
SPECIFIC.update({
    _PR + "identity": _PR_MODULE,
    _PR + "random_unstructured": {**_PR_MODULE, **_PR_AMOUNT},
    _PR + "l1_unstructured": {**_PR_MODULE, **_PR_AMOUNT, **_PR_SCORES},
    _PR + "random_structured": {**_PR_MODULE, **_PR_AMOUNT, **_PR_DIM},
    _PR + "ln_structured": {**_PR_MODULE, **_PR_AMOUNT, **_PR_N, **_PR_DIM, **_PR_SCORES},
    _PR + "custom_from_mask": {**_PR_MODULE, **_PR_MASK},
    _PR + "remove": {**_PR_MODULE, "name": ("str", "The name of the pruned tensor.")},
    _PR + "is_pruned": {"module": ("Module", "The module to look through (with its "
                                   "submodules).")},
    _PR + "global_unstructured": {
        "parameters": ("iterable of (Module, str)", "The tensors to prune together, as "
                       "``(module, name)`` pairs."),
        "pruning_method": ("type", "An unstructured pruning method class, such as "
                           "``L1Unstructured``."),
        "importance_scores": ("dict, optional", "Scores by ``(module, name)`` that rank the "
                              "entries in place of the tensors' own values."),
        "kwargs": ("", "The arguments of ``pruning_method`` (``amount``)."),
    },
    _PR + "RandomUnstructured": _PR_AMOUNT,
    _PR + "L1Unstructured": _PR_AMOUNT,
    _PR + "RandomStructured": {**_PR_AMOUNT, "dim": ("int, optional", "The dimension whose "
                                                     "slices are pruned whole (-1).")},
    _PR + "LnStructured": {**_PR_AMOUNT, **_PR_N, "dim": ("int, optional", "The dimension "
                                                          "whose slices are pruned whole.")},
    _PR + "CustomFromMask": _PR_MASK,
    _PR + "PruningContainer": {"args": ("BasePruningMethod", "The pruning methods, in the "
                                        "order they were applied.")},
})
_BAG = {
    "offsets": ("Tensor, optional", "For a 1-D ``input``: the position where each bag starts "
                "(the first is 0); None for a 2-D ``input`` (one bag per row)."),
    "mode": ("str, optional", "How a bag's rows combine: ``'sum'``, ``'mean'`` (the default) "
             "or ``'max'``."),
    "per_sample_weights": ("Tensor, optional", "A weight per index (``input``'s shape) that "
                           "scales its row before the sum (``mode='sum'`` only)."),
    "include_last_offset": ("bool, optional", "``offsets`` has one more entry, the end of "
                            "the last bag."),
    "padding_idx": ("int, optional", "An index left out of every bag (and of the count for "
                    "``'mean'``); its row gets no gradient."),
    "scale_grad_by_freq": _EMBEDDING["scale_grad_by_freq"],
    "sparse": _EMBEDDING["sparse"],
    "max_norm": ("float, optional", "Rows looked up whose norm exceeds this are rescaled to "
                 "it, in place, as PyTorch does."),
}
SPECIFIC["torch.nn.functional.embedding_bag"] = {
    **_BAG, "input": (_T, "Integer indices: ``(B, N)`` (B bags of N) or 1-D, cut at "
                      "``offsets``."),
    "weight": (_T, "The table, ``(num_embeddings, embedding_dim)``.")}
SPECIFIC["torch.nn.EmbeddingBag"] = {
    **_BAG, "num_embeddings": _EMBEDDING["num_embeddings"],
    "embedding_dim": _EMBEDDING["embedding_dim"]}
_NORM_MODULE = {"module": ("Module", "The module whose parameter is reparametrized (changed "
                           "in place and returned)."),
                "name": ("str, optional", "The name of the parameter (``'weight'``).")}
_WN_DIM = {"dim": ("int or None, optional", "The dimension that keeps one norm per slice "
                   "(0: one per output unit); None or -1: one norm for the whole tensor.")}
_SN = {"n_power_iterations": ("int, optional", "Power iterations per forward call in "
                              "training mode (1)."),
       "eps": ("float, optional", "Added to norms when normalising the singular vectors."),
       "dim": ("int, optional", "The dimension of the weight that becomes the rows of its "
               "matrix: 1 for transposed convolutions, else 0.")}
for _where in ("torch.nn.utils.", "torch.nn.utils.parametrizations."):
    SPECIFIC[_where + "weight_norm"] = {**_NORM_MODULE, **_WN_DIM}
    SPECIFIC[_where + "spectral_norm"] = {**_NORM_MODULE, **_SN}
SPECIFIC["torch.nn.utils.remove_weight_norm"] = _NORM_MODULE
SPECIFIC["torch.nn.utils.remove_spectral_norm"] = _NORM_MODULE
SPECIFIC["torch.Tensor.register_post_accumulate_grad_hook"] = {"hook": (
    "callable", "``hook(tensor)``, called once the tensor's ``.grad`` holds this backward "
    "pass's gradient; it returns None.")}
# Methods whose function twin takes out= (a separate wrapper, see out_args.py): their own
# arguments, which the twin's completion used to cover.
SPECIFIC.update({
    "torch.cholesky": {"upper": ("bool, optional", "Return the upper triangular factor "
                                 "``U`` (``A = U^H U``) instead of the lower one.")},
    "torch.masked_select": {"mask": (_T, "A boolean mask, broadcast against ``input``: the "
                                     "elements where it is True, in order, flattened.")},
    "torch.nonzero": {"as_tuple": ("bool, optional", "One index tensor per dimension "
                                   "instead of one ``(n, ndim)`` tensor.")},
    "torch.round": {"decimals": ("int, optional", "The number of decimal places to round "
                                 "to (negative: to the left of the point).")},
    "torch.svd": {"some": ("bool, optional", "The reduced decomposition (the default) "
                           "rather than the full one."),
                  "compute_uv": ("bool, optional", "Compute ``U`` and ``V`` (otherwise they "
                                 "are zeros).")},
})
