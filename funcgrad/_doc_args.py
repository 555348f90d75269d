"""What the JAX-style faces' less common arguments mean, function by function.

:data:`SPECIFIC` maps a public name (``"funcgrad.lax.slice"``) to
``{argument: (type, description)}`` for the arguments whose meaning is that
function's own; it is read before the table of common argument names
(:data:`funcgrad.core.docstrings.JAX_PARAMETERS`) when
:mod:`funcgrad._docs` fills in a Parameters section.
"""

from __future__ import annotations

_SHAPE = ("tuple of ints", "The shape of the {what}.")
_LAYER_INIT = ("callable, optional", "``init(key, shape)`` giving the initial {what}.")
_POOL = {
    "window_shape": ("tuple of ints", "The size of the window in each spatial dimension."),
    "spec": ("str, optional", "The layout of the input, such as ``'NHWC'`` (batch and "
             "channels first and last when None)."),
}
_CONV = {
    "out_chan": ("int", "The number of output channels."),
    "filter_shape": ("tuple of ints", "The spatial size of the kernel."),
    "W_init": ("callable, optional", "``init(key, shape)`` for the kernel (Glorot normal "
               "over its fan-in and fan-out when None)."),
    "b_init": (_LAYER_INIT[0], _LAYER_INIT[1].format(what="bias")),
}
_TREE_TRANSPOSE = {
    "outer_treedef": ("PyTreeDef", "The structure of the outer level of "
                      "``pytree_to_transpose``."),
    "inner_treedef": ("PyTreeDef or None", "The structure of each of its outer leaves (read "
                      "from the first when None)."),
    "pytree_to_transpose": ("pytree", "An outer structure whose leaves all have the inner "
                            "structure."),
}
_REDUCE = {"initializer": ("object, optional", "The starting value of the fold (the first "
                           "leaf when left out).")}
_CHECK = {"err_msg": ("str, optional", "Text put in front of the assertion's message.")}
_B1 = ("float, optional", "The decay rate of the running average of the gradient (0.9).")
_B2 = ("float, optional", "The decay rate of the running average of its square (0.999).")
_DECAY_STEPS = ("int", "The number of steps over which the step size decays by "
                "``decay_rate``.")
_DECAY_RATE = ("float", "The factor of the step size after ``decay_steps`` steps.")
_ODE_UNUSED = ("optional", "SciPy's LSODA option; it must keep its default here.")
_SHAPES = ("tuple of ints", "The shape of the {what}.")
_WINDOW = {
    "window_dimensions": ("tuple of ints", "The size of the window in each dimension of "
                          "the operand."),
    "base_dilation": ("tuple of ints, optional", "The dilation of the operand (ones when "
                      "None)."),
    "window_dilation": ("tuple of ints, optional", "The dilation of the window (ones when "
                        "None)."),
}
_ENUM = {"value": ("int or str", "The member's value (or look it up by name: "
                   "``Precision['HIGHEST']``).")}
_SEED = {"seed": ("int or integer array", "The seed (up to 64 bits).")}
_ACCEPTED = "Accepted for JAX's signature (one device: there is nothing to shard)."
_TRIANGULAR = ("array_like", "The {what} end of the distribution.")

#: ``{public name: {argument: (type, description)}}``.
SPECIFIC: dict[str, dict[str, tuple[str, str]]] = {
    "funcgrad.IR": {
        "invars": ("list of Var", "The variables of the inputs, in order."),
        "constvars": ("list of Var", "The variables of the constants the program closes "
                      "over."),
        "consts": ("list", "The values of ``constvars``."),
        "eqns": ("list of Eqn", "The equations, one primitive application each, in order."),
        "outvars": ("list of Var or Literal", "What the program returns."),
        "in_tree": ("PyTreeDef, optional", "The structure of the arguments."),
        "out_tree": ("PyTreeDef, optional", "The structure of the results."),
    },
    "funcgrad.debug.print": {
        "fmt": ("str", "A ``str.format`` string, filled with ``args`` and ``kwargs``."),
        "args": ("arrays or pytrees", "The values for ``fmt``'s positional fields."),
        "kwargs": ("arrays or pytrees", "The values for its named fields."),
    },
    "funcgrad.debug_nans": {"enabled": ("bool, optional", "Check (True) or stop checking "
                                        "inside the block.")},
    "funcgrad.disable_jit": {"disable": ("bool, optional", "Run compiled functions eagerly "
                                         "(True) inside the block.")},
    "funcgrad.elementwise_grad": {"argnum": ("int or tuple of ints, optional", "HIPS "
                                             "autograd's name for ``argnums``.")},
    "funcgrad.flatten_util.ravel_pytree": {"pytree": ("pytree", "Arrays and numbers in "
                                                      "nested containers.")},
    "funcgrad.lax.ConvDimensionNumbers": {
        "lhs_spec": ("tuple of ints", "The input's batch, feature and spatial dimensions."),
        "rhs_spec": ("tuple of ints", "The kernel's output-feature, input-feature and "
                     "spatial dimensions."),
        "out_spec": ("tuple of ints", "The output's batch, feature and spatial dimensions."),
    },
    "funcgrad.lax.Precision": _ENUM,
    "funcgrad.lax.RoundingMethod": _ENUM,
    "funcgrad.lax.all_gather": {
        "axis": ("int, optional", "Where the new axis of the gathered values goes."),
        "tiled": ("bool, optional", "Concatenate along ``axis`` instead of stacking."),
    },
    "funcgrad.lax.argmax": {"index_dtype": ("dtype, optional", "The integer dtype of the "
                                            "result (int32).")},
    "funcgrad.lax.argmin": {"index_dtype": ("dtype, optional", "The integer dtype of the "
                                            "result (int32).")},
    "funcgrad.lax.associative_scan": {
        "fn": ("callable", "An associative combination of two pytrees of arrays, "
               "elementwise along ``axis``."),
        "elems": ("pytree", "Arrays of the same length along ``axis``."),
        "axis": ("int, optional", "The axis scanned along."),
    },
    "funcgrad.lax.broadcast": {"sizes": ("tuple of ints", "The leading dimensions added.")},
    "funcgrad.lax.broadcast_in_dim": {
        "shape": ("tuple of ints", "The shape of the result."),
        "broadcast_dimensions": ("tuple of ints", "For each dimension of ``operand``, the "
                                 "dimension of the result it becomes."),
        "out_sharding": ("optional", _ACCEPTED),
    },
    "funcgrad.lax.clamp": {"min": ("array_like", "The lower bound (broadcast)."),
                           "x": ("array_like", "The values to clamp."),
                           "max": ("array_like", "The upper bound (broadcast).")},
    "funcgrad.lax.conv_dimension_numbers": {
        "lhs_shape": (_SHAPES[0], _SHAPES[1].format(what="input")),
        "rhs_shape": (_SHAPES[0], _SHAPES[1].format(what="kernel")),
        "dimension_numbers": ("None, three strings or ConvDimensionNumbers", "The layouts, "
                              "such as ``('NHWC', 'HWIO', 'NHWC')``."),
    },
    "funcgrad.lax.conv_general_shape_tuple": {
        "lhs_shape": (_SHAPES[0], _SHAPES[1].format(what="input")),
        "rhs_shape": (_SHAPES[0], _SHAPES[1].format(what="kernel")),
    },
    "funcgrad.lax.conv_transpose_shape_tuple": {
        "lhs_shape": (_SHAPES[0], _SHAPES[1].format(what="input")),
        "rhs_shape": (_SHAPES[0], _SHAPES[1].format(what="kernel")),
    },
    "funcgrad.lax.conv_transpose": {
        "rhs_dilation": ("tuple of ints, optional", "The dilation of the kernel (atrous)."),
        "transpose_kernel": ("bool, optional", "Flip the kernel spatially and swap its "
                             "input and output features: the gradient of a convolution."),
    },
    "funcgrad.lax.conv_with_general_padding": {
        "lhs_dilation": ("tuple of ints or None", "The dilation of the input (a transposed "
                         "convolution)."),
        "rhs_dilation": ("tuple of ints or None", "The dilation of the kernel (atrous)."),
    },
    "funcgrad.lax.convert_element_type": {"new_dtype": ("dtype", "The dtype of the "
                                                        "result.")},
    "funcgrad.lax.dot_general": {"out_sharding": ("optional", _ACCEPTED)},
    "funcgrad.lax.dynamic_slice": {
        "start_indices": ("sequence of ints or scalar arrays", "The first index in each "
                          "dimension (clamped so that the slice fits)."),
        "slice_sizes": ("tuple of ints", "The size of the slice in each dimension."),
    },
    "funcgrad.lax.dynamic_slice_in_dim": {
        "start_index": ("int or scalar array", "The first index along ``axis`` (clamped)."),
        "slice_size": ("int", "The length of the slice along ``axis``."),
    },
    "funcgrad.lax.dynamic_update_index_in_dim": {
        "update": ("array_like", "The values written: ``operand``'s shape without "
                   "``axis`` (or with it of length 1)."),
    },
    "funcgrad.lax.dynamic_update_slice": {
        "update": ("array_like", "The values written, with ``operand``'s number of "
                   "dimensions."),
        "start_indices": ("sequence of ints or scalar arrays", "Where ``update`` starts in "
                          "each dimension (clamped so that it fits)."),
    },
    "funcgrad.lax.dynamic_update_slice_in_dim": {
        "update": ("array_like", "The values written."),
        "start_index": ("int or scalar array", "Where ``update`` starts along ``axis``."),
    },
    "funcgrad.lax.expand_dims": {"array": ("array_like", "The array to reshape."),
                                 "dimensions": ("tuple of ints", "Where the new axes of "
                                                "length 1 go in the result.")},
    "funcgrad.lax.squeeze": {"array": ("array_like", "The array to reshape."),
                             "dimensions": ("tuple of ints", "The axes of length 1 to "
                                            "remove.")},
    "funcgrad.lax.full": {"fill_value": ("scalar", "The value of every element.")},
    "funcgrad.lax.full_like": {"fill_value": ("scalar", "The value of every element."),
                               "shape": ("tuple of ints, optional", "The shape (``x``'s "
                                         "when None).")},
    "funcgrad.lax.iota": {"size": ("int", "The length: the result is ``0, 1, ..., "
                                   "size - 1``.")},
    "funcgrad.lax.map": {"batch_size": ("int, optional", "Apply ``f`` to this many slices "
                                        "at a time, with ``vmap``.")},
    "funcgrad.lax.nextafter": {"x1": ("array_like", "The values to step from."),
                               "x2": ("array_like", "The direction: the step goes towards "
                                      "it.")},
    "funcgrad.lax.pad": {
        "padding_value": ("scalar", "The value of the new elements."),
        "padding_config": ("sequence of (int, int, int)", "``(low, high, interior)`` per "
                           "dimension: elements added before, after and between (negative "
                           "values crop)."),
    },
    "funcgrad.lax.padtype_to_pads": {
        "in_shape": ("tuple of ints", "The spatial shape of the input."),
        "window": ("tuple of ints", "The spatial shape of the window."),
        "strides": ("tuple of ints", "The stride per spatial dimension."),
        "padding": ("str", "``'SAME'``, ``'SAME_LOWER'`` or ``'VALID'``."),
    },
    "funcgrad.lax.reduce_window": {
        **_WINDOW,
        "init_value": ("scalar", "The identity of ``computation`` (0 for a sum, -inf for "
                       "a maximum)."),
        "computation": ("callable", "The binary reduction, such as :func:`lax.add` or "
                        ":func:`lax.max`."),
    },
    "funcgrad.lax.reduce_window_shape_tuple": {
        **_WINDOW,
        "operand_shape": ("tuple of ints", "The shape of the operand."),
    },
    "funcgrad.lax.reshape": {
        "new_sizes": ("tuple of ints", "The shape of the result."),
        "dimensions": ("tuple of ints, optional", "Transpose ``operand`` to this order "
                       "first."),
        "out_sharding": ("optional", _ACCEPTED),
    },
    "funcgrad.lax.round": {"rounding_method": ("RoundingMethod or int, optional", "Halves "
                                               "go ``AWAY_FROM_ZERO`` (0) or "
                                               "``TO_NEAREST_EVEN`` (1).")},
    "funcgrad.lax.select": {"pred": ("array_like of bool", "Where to take ``on_true``."),
                            "on_true": ("array_like", "The values where ``pred`` holds."),
                            "on_false": ("array_like", "The values elsewhere.")},
    "funcgrad.lax.slice": {
        "start_indices": ("tuple of ints", "The first index in each dimension."),
        "limit_indices": ("tuple of ints", "The index to stop before in each dimension."),
        "strides": ("tuple of ints, optional", "The step in each dimension (ones when "
                    "None)."),
    },
    "funcgrad.lax.slice_in_dim": {
        "start_index": ("int or None", "The first index along ``axis`` (0 when None)."),
        "limit_index": ("int or None", "The index to stop before (the end when None)."),
        "stride": ("int, optional", "The step."),
        "axis": ("int, optional", "The axis sliced."),
    },
    "funcgrad.lax.sort": {
        "operand": ("array or sequence of arrays", "What to sort; several arrays are "
                    "sorted together by the first ``num_keys``."),
        "dimension": ("int, optional", "The axis to sort along."),
        "is_stable": ("bool, optional", "Keep equal keys in their order."),
        "num_keys": ("int, optional", "How many of the arrays are keys, compared "
                     "lexicographically."),
    },
    "funcgrad.lax.sort_key_val": {
        "keys": ("array_like", "The keys sorted by."),
        "values": ("array_like", "Values moved with their keys."),
        "dimension": ("int, optional", "The axis to sort along."),
        "is_stable": ("bool, optional", "Keep equal keys in their order."),
    },
    "funcgrad.lax.transpose": {"permutation": ("tuple of ints", "The axes of ``operand`` "
                                               "in their new order.")},
    "funcgrad.nn.dot_product_attention": {
        "query": ("array_like", "``(batch, q_length, heads, head_dim)``."),
        "key": ("array_like", "``(batch, kv_length, kv_heads, head_dim)``; ``heads`` is a "
                "multiple of ``kv_heads``."),
        "value": ("array_like", "Shaped like ``key``."),
        "bias": ("array_like, optional", "Added to the logits, broadcast to ``(batch, "
                 "heads, q_length, kv_length)``."),
        "mask": ("array_like of bool, optional", "False where attention is not allowed, "
                 "broadcast like ``bias``."),
        "scale": ("float, optional", "The factor of the logits (``1 / sqrt(head_dim)``)."),
        "is_causal": ("bool, optional", "Let each query attend only to keys at its "
                      "position or before."),
        "query_seq_lengths": ("array of ints, optional", "The valid length of each batch "
                              "element's queries."),
        "key_value_seq_lengths": ("array of ints, optional", "The valid length of its keys "
                                  "and values."),
        "local_window_size": ("int or (int, int), optional", "Keys at most this far "
                              "before (and after) each query."),
        "implementation": ("str, optional", "None or ``'xla'`` (the one funcgrad has)."),
        "return_residual": ("bool, optional", "Also return the log-sum-exp of the logits."),
    },
    "funcgrad.nn.gelu": {"approximate": ("bool, optional", "Use the tanh approximation "
                                         "(True) or the exact erf form.")},
    "funcgrad.nn.leaky_relu": {"negative_slope": ("float, optional", "The slope for "
                                                  "negative inputs.")},
    "funcgrad.nn.logsumexp": {"return_sign": ("bool, optional", "Return ``(log|sum|, "
                                              "sign)``, for weights ``b`` of any sign.")},
    "funcgrad.nn.one_hot": {"num_classes": ("int", "The length of each one-hot vector.")},
    "funcgrad.nn.standardize": {
        "variance": ("array_like, optional", "The variance to use (computed over ``axis`` "
                     "when None)."),
        "epsilon": ("float, optional", "Added to the variance before the square root."),
        "algorithm": ("str, optional", "``'fast'`` (``E[x^2] - E[x]^2``) or ``'stable'`` "
                      "(``E[(x - E[x])^2]``)."),
    },
    "funcgrad.nn.initializers.delta_orthogonal": {"column_axis": (
        "int, optional", "The axis of the output features, kept orthogonal.")},
    "funcgrad.nn.initializers.orthogonal": {"column_axis": (
        "int, optional", "The axis whose columns are orthonormal.")},
    "funcgrad.nn.initializers.normal": {"stddev": ("float, optional", "The standard "
                                                   "deviation.")},
    "funcgrad.nn.initializers.truncated_normal": {
        "stddev": ("float, optional", "The standard deviation of the untruncated normal."),
        "lower": ("float, optional", "The lower bound, in standard deviations."),
        "upper": ("float, optional", "The upper bound, in standard deviations."),
    },
    "funcgrad.nn.initializers.variance_scaling": {
        "scale": ("float", "The variance is ``scale / fan``."),
        "mode": ("str", "``'fan_in'``, ``'fan_out'``, ``'fan_avg'`` or ``'fan_geo_avg'``: "
                 "which fan."),
        "distribution": ("str", "``'truncated_normal'``, ``'normal'`` or ``'uniform'``."),
    },
    "funcgrad.optimizers.JoinPoint": {"subtree": ("OptimizerState", "The state of one "
                                                  "leaf's subtree.")},
    "funcgrad.optimizers.Optimizer": {
        "init_fn": ("callable", "``init_fn(params)`` makes the state."),
        "update_fn": ("callable", "``update_fn(step, grads, state)`` takes one step."),
        "params_fn": ("callable", "``params_fn(state)`` reads the parameters."),
    },
    "funcgrad.optimizers.OptimizerState": {
        "packed_state": ("list", "The flattened per-leaf states."),
        "tree_def": ("PyTreeDef", "The structure of the parameters."),
        "subtree_defs": ("list of PyTreeDef", "The structure of each leaf's state."),
    },
    "funcgrad.optimizers.adagrad": {"momentum": ("float, optional", "The momentum of the "
                                                 "scaled updates.")},
    "funcgrad.optimizers.sm3": {"momentum": ("float, optional", "The momentum of the "
                                             "updates.")},
    "funcgrad.optimizers.adam": {"b1": _B1, "b2": _B2},
    "funcgrad.optimizers.adamax": {"b1": _B1, "b2": ("float, optional", "The decay of the "
                                                     "running maximum of the gradient's "
                                                     "magnitude (0.999).")},
    "funcgrad.optimizers.clip_grads": {
        "grad_tree": ("pytree", "The gradients."),
        "max_norm": ("float", "The largest 2-norm allowed for all the leaves together."),
    },
    "funcgrad.optimizers.exponential_decay": {"decay_steps": _DECAY_STEPS,
                                              "decay_rate": _DECAY_RATE},
    "funcgrad.optimizers.inverse_time_decay": {
        "decay_steps": ("int", "The step size is ``step_size / (1 + decay_rate * i / "
                        "decay_steps)`` at step ``i``."),
        "decay_rate": ("float", "How fast it decays."),
        "staircase": ("bool, optional", "Decay in whole multiples of ``decay_steps``."),
    },
    "funcgrad.optimizers.polynomial_decay": {
        "decay_steps": ("int", "Steps from ``step_size`` to ``final_step_size``."),
        "final_step_size": ("float", "The step size from then on."),
        "power": ("float, optional", "The exponent of the decay (1: linear)."),
    },
    "funcgrad.optimizers.make_schedule": {"scalar_or_schedule": (
        "float or callable", "A constant step size, or a schedule (returned as it is).")},
    "funcgrad.optimizers.momentum": {"mass": ("float", "The momentum: the weight of the "
                                              "previous velocity.")},
    "funcgrad.optimizers.nesterov": {"mass": ("float", "The momentum: the weight of the "
                                              "previous velocity.")},
    "funcgrad.optimizers.optimizer": {"opt_maker": (
        "callable", "Returns ``(init, update, get_params)`` acting on one array.")},
    "funcgrad.optimizers.pack_optimizer_state": {"marked_pytree": (
        "JoinPoint pytree", "What :func:`unpack_optimizer_state` returned.")},
    "funcgrad.optimizers.unpack_optimizer_state": {"opt_state": (
        "OptimizerState", "The state the ``update`` function returns.")},
    "funcgrad.optimizers.piecewise_constant": {
        "boundaries": ("sequence of ints", "The steps at which the step size changes, "
                       "increasing."),
        "values": ("sequence of floats", "The step sizes, one more than the boundaries."),
    },
    "funcgrad.optimizers.rmsprop": {"gamma": ("float, optional", "The decay rate of the "
                                              "running average of the squared gradient.")},
    "funcgrad.optimizers.rmsprop_momentum": {
        "gamma": ("float, optional", "The decay rate of the running average of the squared "
                  "gradient."),
        "momentum": ("float, optional", "The momentum of the updates."),
    },
    "funcgrad.random.PRNGKey": _SEED,
    "funcgrad.random.key": _SEED,
    "funcgrad.random.ball": {"d": ("int", "The dimension of the ball."),
                             "p": ("float, optional", "The order of the norm whose unit "
                                   "ball is sampled.")},
    "funcgrad.random.categorical": {
        "logits": ("array_like", "Unnormalized log-probabilities along ``axis``."),
        "replace": ("bool, optional", "Draw with replacement (False: distinct categories "
                    "per sample)."),
    },
    "funcgrad.random.choice": {
        "a": ("int or array_like", "The values to draw from along ``axis``, or ``n`` for "
              "``arange(n)``."),
        "replace": ("bool, optional", "Draw with replacement."),
        "p": ("array_like, optional", "The probability of each value (uniform when None)."),
    },
    "funcgrad.random.f": {"dfnum": ("array_like", "The degrees of freedom of the "
                                    "numerator."),
                          "dfden": ("array_like", "The degrees of freedom of the "
                                    "denominator.")},
    "funcgrad.random.fold_in": {"data": ("int or integer array", "A 32-bit number mixed "
                                         "into the key.")},
    "funcgrad.random.key_data": {"keys": ("array of uint32", "Keys (their last axis of "
                                          "length 2).")},
    "funcgrad.random.lognormal": {"sigma": ("array_like, optional", "The standard "
                                            "deviation of the underlying normal.")},
    "funcgrad.random.multivariate_normal": {"method": (
        "str, optional", "How ``cov`` is factored: ``'cholesky'``, ``'eigh'`` or "
        "``'svd'``.")},
    "funcgrad.random.orthogonal": {"n": ("int", "The number of rows."),
                                   "m": ("int, optional", "The number of columns (``n`` "
                                         "when None).")},
    "funcgrad.random.permutation": {
        "x": ("int or array_like", "What to permute along ``axis``, or ``n`` for "
              "``arange(n)``."),
        "independent": ("bool, optional", "Permute each slice along ``axis`` "
                        "separately."),
    },
    "funcgrad.random.poisson": {"lam": ("array_like", "The rate (mean) of the "
                                        "distribution.")},
    "funcgrad.random.randint": {"minval": ("int or array_like", "The lowest value."),
                                "maxval": ("int or array_like", "One above the highest "
                                           "value.")},
    "funcgrad.random.uniform": {"minval": ("float or array_like, optional", "The lower "
                                           "bound (included)."),
                                "maxval": ("float or array_like, optional", "The upper "
                                           "bound (excluded).")},
    "funcgrad.random.split": {"num": ("int or tuple of ints, optional", "How many keys "
                                      "(or their batch shape).")},
    "funcgrad.random.triangular": {
        "left": (_TRIANGULAR[0], _TRIANGULAR[1].format(what="lower")),
        "mode": ("array_like", "The peak of the distribution."),
        "right": (_TRIANGULAR[0], _TRIANGULAR[1].format(what="upper")),
    },
    "funcgrad.random.weibull_min": {"scale": ("array_like", "The scale parameter."),
                                    "concentration": ("array_like", "The shape parameter "
                                                      "``k``.")},
    "funcgrad.random.wrap_key_data": {
        "key_bits_array": ("array of uint32", "Raw key data, last axis of length 2."),
        "impl": ("str, optional", "None or ``'threefry2x32'`` (the only generator "
                 "here)."),
    },
    "funcgrad.scipy.integrate.odeint": {
        n: _ODE_UNUSED for n in ("Dfun", "col_deriv", "full_output", "ml", "mu", "tcrit",
                                 "h0", "hmax", "hmin", "ixpr", "mxhnil", "mxordn", "mxords",
                                 "printmessg")
    },
    "funcgrad.scipy.linalg.block_diag": {"arrs": ("array_like", "The blocks, each a "
                                                  "scalar, a vector or a matrix.")},
    "funcgrad.scipy.linalg.cho_solve": {"c_and_lower": (
        "tuple", "``(c, lower)`` as :func:`cho_factor` returns them.")},
    "funcgrad.scipy.linalg.lu_solve": {"lu_and_piv": (
        "tuple", "``(lu, piv)`` as :func:`lu_factor` returns them.")},
    "funcgrad.scipy.signal.convolve": {"dot_axes": (
        "pair of sequences of ints, optional", "Axes of ``in1`` and ``in2`` summed over as "
        "in a tensor dot (the channels of a convolution layer).")},
    "funcgrad.scipy.stats.multivariate_normal.logpdf": {"allow_singular": (
        "bool, optional", "Accepted for SciPy's signature; ``cov`` must be invertible.")},
    "funcgrad.scipy.stats.multivariate_normal.pdf": {"allow_singular": (
        "bool, optional", "Accepted for SciPy's signature; ``cov`` must be invertible.")},
    "funcgrad.stax.AvgPool": _POOL,
    "funcgrad.stax.MaxPool": _POOL,
    "funcgrad.stax.SumPool": _POOL,
    "funcgrad.stax.BatchNorm": {
        "axis": ("tuple of ints, optional", "The axes the statistics are taken over."),
        "epsilon": ("float, optional", "Added to the variance."),
        "center": ("bool, optional", "Learn a shift ``beta``."),
        "scale": ("bool, optional", "Learn a scale ``gamma``."),
        "beta_init": (_LAYER_INIT[0], _LAYER_INIT[1].format(what="shift")),
        "gamma_init": (_LAYER_INIT[0], _LAYER_INIT[1].format(what="scale")),
    },
    "funcgrad.stax.Dense": {
        "out_dim": ("int", "The number of outputs."),
        "W_init": (_LAYER_INIT[0], _LAYER_INIT[1].format(what="weights")),
        "b_init": (_LAYER_INIT[0], _LAYER_INIT[1].format(what="bias")),
    },
    "funcgrad.stax.Dropout": {"rate": ("float", "The probability of keeping each "
                                       "element (as JAX's stax)."),
                              "mode": ("str, optional", "``'train'`` (drop) or anything "
                                       "else (the identity).")},
    "funcgrad.stax.FanOut": {"num": ("int", "How many copies of the input.")},
    "funcgrad.stax.GeneralConv": _CONV,
    "funcgrad.stax.GeneralConvTranspose": _CONV,
    "funcgrad.stax.elementwise": {"fun_kwargs": ("keyword arguments", "Passed to ``fun`` "
                                                 "on every call.")},
    "funcgrad.stax.parallel": {"layers": ("layers", "``(init_fun, apply_fun)`` pairs, one "
                                          "per input.")},
    "funcgrad.stax.serial": {"layers": ("layers", "``(init_fun, apply_fun)`` pairs, applied "
                                        "in order.")},
    "funcgrad.stax.shape_dependent": {"make_layer": (
        "callable", "Makes a layer from the input shape.")},
    "funcgrad.test_util.check_jvp": {**_CHECK, "f_jvp": (
        "callable", "The JVP to check: ``f_jvp(primals, tangents)`` as :func:`jvp`.")},
    "funcgrad.test_util.check_vjp": {**_CHECK, "f_vjp": (
        "callable", "The VJP to check: ``f_vjp(*args)`` returning ``(out, vjp_fun)`` as "
        ":func:`vjp`.")},
    "funcgrad.tree.reduce": _REDUCE,
    "funcgrad.tree_util.tree_reduce": _REDUCE,
    "funcgrad.tree.transpose": _TREE_TRANSPOSE,
    "funcgrad.tree_util.tree_transpose": _TREE_TRANSPOSE,
    "funcgrad.tree_util.PyTreeDef": {
        "node": ("registration or None", "How the node's type flattens and unflattens "
                 "(None for a leaf)."),
        "kind": ("type or None", "The node's type: ``tuple``, ``dict``, a registered "
                 "class."),
        "aux": ("object", "The static data its registration kept."),
        "children": ("tuple of PyTreeDef", "The structures of its children."),
    },
    "funcgrad.tree_util.SequenceKey": {"idx": ("int", "The position in the sequence.")},
    "funcgrad.tree_util.register_dataclass": {
        "nodetype": ("type", "The dataclass."),
        "data_fields": ("sequence of str, optional", "The fields that are children "
                        "(traced); the fields without ``static=True`` metadata when None."),
        "meta_fields": ("sequence of str, optional", "The fields that are static data "
                        "(hashed, part of the structure)."),
        "drop_fields": ("sequence of str, optional", "Fields left out of both."),
    },
}

_X = "array_like"
_STATS = {
    "x": (_X, "The points at which the function is evaluated."),
    "k": (_X, "The counts (integers) at which the function is evaluated."),
    "q": (_X, "Probabilities in [0, 1]: the function is evaluated at them."),
    "loc": ("array_like, optional", "The shift: the distribution of ``x - loc`` is the "
            "standard one."),
    "scale": ("array_like, optional", "The spread: the distribution of ``(x - loc) / "
              "scale`` is the standard one."),
    "a": (_X, "The first shape parameter."),
    "b": (_X, "The second shape parameter."),
    "df": (_X, "The degrees of freedom (positive)."),
    "mu": (_X, "The mean of the distribution."),
    "n": (_X, "The number of trials."),
    "p": (_X, "The probability of success of each trial."),
}
_ELEMENTWISE = {
    "x": (_X, "The operand; the function applies to each element."),
    "y": (_X, "The second operand, broadcast against ``x`` (JAX requires equal shapes or "
          "a scalar)."),
    "operand": (_X, "The array operated on."),
}
#: ``{face module: {argument: (type, description)}}``: what a common argument name
#: means throughout one module (``funcgrad.scipy.stats.*`` for each distribution).
MODULE_PARAMETERS: dict[str, dict[str, tuple[str, str]]] = {
    "funcgrad": {"x": ("pytree of arrays", "The values acted on.")},
    "funcgrad.ad_checkpoint": {"x": (_X, "The value to tag.")},
    "funcgrad.lax": _ELEMENTWISE,
    "funcgrad.nn": {"x": (_X, "The pre-activation values, any shape."),
                    "a": (_X, "The values whose exponentials are summed."),
                    "b": (_X, "Weights of the exponentials, broadcast against ``a`` (for "
                          "``squareplus``: the smoothing, 4 by default).")},
    "funcgrad.nn.initializers": {"scale": ("float, optional", "The factor of the "
                                           "initial values.")},
    "funcgrad.random": {
        "key": ("array of uint32, shape (2,)", "The random key (from :func:`key` or "
                ":func:`split`); the same key gives the same numbers."),
        "a": (_X, "The first shape parameter (``alpha``)."),
        "b": (_X, "The second shape parameter (``beta``)."),
        "df": (_X, "The degrees of freedom (positive)."),
        "p": (_X, "The probability of success."),
        "n": (_X, "The number of trials."),
        "mean": (_X, "The mean."),
        "loc": (_X, "The location (shift)."),
        "scale": (_X, "The scale (spread)."),
        "x": (_X, "The array to shuffle along ``axis``."),
    },
    "funcgrad.scipy.special": {"x": (_X, "The argument; the function applies to each "
                                     "element."),
                               "q": (_X, "The value of the function whose inverse is "
                                     "taken.")},
    "funcgrad.scipy.stats": _STATS,
    "funcgrad.tree_util": {"key": ("hashable", "The dict key.")},
}
_RANDOM_MODE = ("str, optional", "``'low'`` or ``'high'``: how many random bits make each "
                "number, as JAX's (None: JAX's default).")
MODULE_PARAMETERS["funcgrad.random"]["mode"] = _RANDOM_MODE
_MAP = ("callable", "``f(leaf, *leaves_of_rest)``: the new leaf.")
_MAP_PATH = ("callable", "``f(path, leaf, *leaves_of_rest)``: the new leaf, given the key "
             "path of the leaf.")
_FOLD = ("callable", "``function(accumulated, leaf)``: folds the leaves from the left.")
SPECIFIC.update({
    "funcgrad.nn.initializers.zeros": {"key": ("array of uint32", "Accepted, as every "
                                               "initializer takes a key; not used.")},
    "funcgrad.nn.initializers.ones": {"key": ("array of uint32", "Accepted, as every "
                                              "initializer takes a key; not used.")},
    "funcgrad.tree_util.FlattenedIndexKey": {"key": ("int", "The position among the "
                                                     "node's children.")},
    "funcgrad.lax.top_k": {"k": ("int", "How many of the largest elements to return.")},
    "funcgrad.block_until_ready": {"x": ("pytree of arrays", "The values to wait for.")},
    "funcgrad.device_get": {"x": ("pytree of arrays", "The values to fetch.")},
    "funcgrad.stop_gradient": {"x": ("pytree of arrays", "The values whose derivative is "
                                     "zero.")},
    "funcgrad.stax.logsoftmax": {"x": (_X, "The logits.")},
    "funcgrad.tree.map": {"f": _MAP},
    "funcgrad.tree_util.tree_map": {"f": _MAP},
    "funcgrad.tree.map_with_path": {"f": _MAP_PATH},
    "funcgrad.tree_util.tree_map_with_path": {"f": _MAP_PATH},
    "funcgrad.lax.scan": {"f": ("callable", "The loop body: ``f(carry, x)`` returns "
                                "``(carry, y)``, the carry keeping its structure.")},
    "funcgrad.lax.map": {"f": ("callable", "Applied to each slice of ``xs`` along its "
                               "leading axis.")},
})
for _name in ("funcgrad.tree.reduce", "funcgrad.tree_util.tree_reduce"):
    SPECIFIC[_name] = {**SPECIFIC[_name], "function": _FOLD}
SPECIFIC["funcgrad.random.generalized_normal"] = {"p": (_X, "The exponent of the density "
                                                          "``exp(-|x|^p)``.")}
SPECIFIC["funcgrad.random.bernoulli"] = {"mode": ("str, optional", "``'low'`` (the "
                                                  "default) or ``'high'``: how many random "
                                                  "bits make each number, as JAX's.")}


def module_parameters(module_name: str) -> dict[str, tuple[str, str]]:
    """:data:`MODULE_PARAMETERS` of a face module (or of its package's entry)."""
    if module_name in MODULE_PARAMETERS:
        return MODULE_PARAMETERS[module_name]
    if module_name.startswith("funcgrad.scipy.stats."):
        return MODULE_PARAMETERS["funcgrad.scipy.stats"]
    return {}
