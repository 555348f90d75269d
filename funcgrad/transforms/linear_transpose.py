"""``linear_transpose``: the transpose of a linear function, as JAX's.

A linear function's transpose is its VJP, the same at every point: the function
is evaluated at zeros shaped like ``primals`` and its pullback returned. That is
right only for a linear function, so the function is first staged and every
equation that reads an input checked to be linear in it (sums, reshapes,
slices, products with one traced factor, division of a traced numerator...);
any other, or a nonlinear use (``sin``, a product of two traced values), raises
instead of returning the derivative at zero. Constants added to the output are
dropped, as by JAX.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.ir import Var
from ..core.tree_util import tree_flatten
from ._args import check_callable
from .pullback import vjp
from .staging import make_ir

# Linear in every operand: any of them may be traced.
_LINEAR = frozenset({
    "add", "sub", "neg", "reduce_sum", "reshape", "transpose", "broadcast_to", "concatenate",
    "conj", "real", "imag", "cumsum", "fft", "convert", "reduce_window_sum", "psum",
    "optimization_barrier", "select_output", "name", "stop_gradient", "dynamic_update_slice",
    "scatter_add", "put_add_along_axis",
})
# Linear in the operands at these positions; the others must not be traced.
_LINEAR_IN = {
    "getitem": (0,), "dynamic_slice": (0,), "take_along_axis": (0,), "select": (1, 2),
    "div": (0,), "solve": (1,),
}
# Linear in each operand when the others are not traced (bilinear: x * y, x @ y).
_BILINEAR = frozenset({"mul", "matmul", "conv_general_dilated"})


def _check_linear(ir: Any, name: str) -> None:
    traced: set[int] = {id(v) for v in ir.invars}
    for eqn in ir.eqns:
        which = [isinstance(v, Var) and id(v) in traced for v in eqn.inputs]
        if not any(which):
            continue
        prim = eqn.prim.name
        positions = [i for i, w in enumerate(which) if w]
        if prim in _LINEAR:
            ok = True
        elif prim in _LINEAR_IN:
            ok = all(i in _LINEAR_IN[prim] for i in positions)
        elif prim in _BILINEAR:
            ok = len(positions) == 1
        else:
            ok = False
        if not ok:
            raise TypeError(
                f"linear_transpose: {name} is not linear in its inputs: it applies {prim} to "
                f"{'them' if len(positions) > 1 else 'one of them'} (operand "
                f"{', '.join(map(str, positions))}). Transpose a linear function, such as "
                f"the f_jvp of funcgrad.linearize, or use funcgrad.vjp for the pullback of a "
                f"nonlinear one."
            )
        traced.update(id(v) for v in eqn.outputs)


def linear_transpose(fun: Callable[..., Any], *primals: Any,
                     reduce_axes: Any = ()) -> Callable[..., tuple[Any, ...]]:
    """The transpose of the linear function ``fun`` (``jax.linear_transpose``).

    Parameters
    ----------
    fun : callable
        A linear function of arrays (or pytrees of arrays).
    *primals
        Arrays, or :class:`~funcgrad.ShapeDtypeStruct`, giving the shapes and dtypes of
        ``fun``'s arguments; their values are not used.
    reduce_axes : tuple
        Accepted for JAX compatibility (named axes are not reduced here).

    Returns
    -------
    callable
        ``transpose(cotangent)``: a tuple with one array (or pytree) per argument of
        ``fun``, ``J^T cotangent``.

    Raises
    ------
    TypeError
        When ``fun`` applies a nonlinear operation to its inputs.

    See Also
    --------
    vjp : the pullback of any function at a point.
    linearize : a function's linear part, which ``linear_transpose`` transposes.

    Examples
    --------
    >>> import numpy as np, funcgrad as fg, funcgrad.numpy as fnp
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> fg.linear_transpose(lambda x: A @ x, np.zeros(2))(np.array([1.0, 0.0]))
    (array([1., 2.]),)
    >>> y, f_jvp = fg.linearize(fnp.sin, 0.5)
    >>> fg.linear_transpose(f_jvp, 0.5)(1.0)                  # cos(0.5)
    (array(0.87758256),)
    """
    check_callable(fun, "linear_transpose")
    name = getattr(fun, "__name__", "the function")
    zeros = _zeros_like_primals(primals)
    _check_linear(make_ir(fun)(*zeros), name)
    _, pullback = vjp(fun, *zeros)
    return pullback


def _zeros_like_primals(primals: tuple) -> list[Any]:
    leaves, tree = tree_flatten(primals, is_leaf=lambda x: hasattr(x, "shape")
                                and hasattr(x, "dtype") and not isinstance(x, np.ndarray))
    zeros = [np.zeros(np.shape(x), x.dtype if hasattr(x, "dtype") else np.result_type(x))
             for x in leaves]
    return list(tree.unflatten(zeros))
