"""Indexing (basic, advanced, boolean, mixed), take, and functional updates."""

import numpy as np
from cases import Case, anything, with_float16

MODULE = "funcgrad.numpy"


def indexed(name, index, shape, **kw):
    return Case(name, lambda m: lambda x: x[index], (anything,), shapes=[shape],
                covers=kw.pop("covers", ("getitem",)), **kw)


def at_case(name, method, index, shape, vshape, reference, **kw):
    """``x.at[index].<method>(v)`` against the NumPy in-place operation on a copy."""

    def ours(m):
        return lambda x, v: getattr(m.at(x)[index], method)(v)

    def numpy_reference(m):
        def f(x, v):
            out = x.copy()
            reference(out, index, v)
            return out

        return f

    return Case(name, ours, (anything, anything), shapes=[shape, vshape], numpy=False,
                reference=numpy_reference, covers=("at",), **kw)


def _set(out, index, v):
    out[index] = v


CASES = [
    indexed("getitem:int", (1, -1), (3, 4)),
    indexed("getitem:slice", (slice(None, None, -2), slice(1, None)), (5, 4)),
    indexed("getitem:newaxis_ellipsis", (None, Ellipsis, 1, None), (2, 3, 4)),
    indexed("getitem:int_array", np.array([[0, 2], [2, 2]]), (3, 2)),
    indexed("getitem:repeated", (np.array([0, 0, 1]), np.array([1, 1, 0])), (2, 3)),
    indexed("getitem:negative_array", np.array([-1, -3, 0]), (3,)),
    indexed("getitem:mask", np.array([True, False, True]), (3, 2)),
    indexed("getitem:mask2d", np.array([[True, False], [False, True], [True, True]]), (3, 2)),
    indexed("getitem:mixed", (slice(None), np.array([1, 0]), None, 0), (2, 3, 2)),
    indexed("getitem:mixed_separated", (np.array([1, 0]), slice(None), np.array([0, 2])),
            (2, 3, 3)),
    indexed("getitem:list", [0, 2, 2], (3, 2)),
    indexed("getitem:numpy_int", (np.int64(1), np.int32(-1)), (3, 4)),
    indexed("getitem:zero_d_array", np.array(2), (3, 4)),
    indexed("getitem:empty_tuple", (), (2, 3)),
    indexed("getitem:scalar_bool", True, (2, 3)),
    indexed("getitem:list_of_bools", [True, False, True], (3, 2)),
    indexed("getitem:mask_and_slice", (np.array([True, False, True]), slice(None, None, -1)),
            (3, 2)),
    indexed("getitem:negative_step_bounds", slice(10, -10, -3), (7,)),
    indexed("getitem:empty_result", (slice(2, 1), Ellipsis), (3, 2)),
    indexed("getitem:ellipsis_mask", (Ellipsis, np.array([True, False, True])), (2, 3)),
    Case("getitem:traced_mask", lambda m: lambda x: x[x > 0], (anything,), shapes=[(3, 4)],
         covers=("getitem",), staged=False),
    Case("take", lambda m: lambda x: m.take(x, [[0, 2], [1, 1]], axis=1), shapes=[(2, 3)]),
    Case("take:flat", lambda m: lambda x: m.take(x, [5, 0, 5]), shapes=[(2, 3)],
         covers=("take",)),
    Case("take:wrap", lambda m: lambda x: m.take(x, [4, -5], axis=0, mode="wrap"),
         shapes=[(3, 2)], covers=("take",)),
    Case("take:clip", lambda m: lambda x: x.take([7, -1], axis=1, mode="clip"),
         shapes=[(3, 2)], covers=("take",)),
    Case("take_along_axis", lambda m: lambda x: m.take_along_axis(
        x, np.array([[0, 2, 2], [1, 0, 0]]), axis=1), shapes=[(2, 3)]),
    Case("take_along_axis:broadcast", lambda m: lambda x: m.take_along_axis(
        x, np.array([[1], [0]]), axis=0), shapes=[(2, 3)], covers=("take_along_axis",)),
    Case("compress", lambda m: lambda x: m.compress([True, False, True], x, axis=1),
         shapes=[(2, 3)]),
    Case("scatter_add", lambda m: lambda x, u: m.scatter_add(x, (np.array([0, 0, 2]),), u),
         (anything, anything), shapes=[(3, 2), (3, 2)], numpy=False,
         reference=lambda m: lambda x, u: _add_at(x, (np.array([0, 0, 2]),), u)),
    # Functional updates, against NumPy's in-place operations on a copy
    at_case("at:set", "set", (slice(None), 1), (3, 4), (3,), _set),
    at_case("at:set_repeated", "set", np.array([0, 2, 0]), (3, 2), (3, 2), _set),
    at_case("at:set_broadcast", "set", (np.array([0, 1]), slice(1, None)), (2, 3), (2,), _set),
    at_case("at:add", "add", np.array([1, 1, 0]), (3, 2), (3, 2), np.add.at),
    at_case("at:subtract", "subtract", (0, np.array([1, 1])), (2, 3), (2,), np.subtract.at),
    at_case("at:multiply", "multiply", np.array([1, 1, 0, 1]), (3,), (4,), np.multiply.at),
    at_case("at:divide", "divide", np.array([1, 1]), (3,), (2,), np.divide.at),
    at_case("at:min", "min", np.array([2, 2, 0]), (3, 2), (3, 2), np.minimum.at),
    at_case("at:max", "max", np.array([True, False, True]), (3, 2), (2,), np.maximum.at),
    Case("at:get", lambda m: lambda x: m.at(x)[1:, 0].get(), shapes=[(3, 2)], numpy=False,
         reference=lambda m: lambda x: x[1:, 0], covers=("at",)),
]


def _add_at(x, index, u):
    out = x.copy()
    np.add.at(out, index, u)
    return out

CASES = with_float16(CASES)
