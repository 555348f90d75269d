"""Shape manipulation, joining, splitting, tiling, padding, diagonals (fixed shapes)."""

import numpy as np
from cases import Case, with_float16

MODULE = "funcgrad.numpy"


def shaped(name, fn, *shapes, **kw):
    return Case(name, fn, shapes=list(shapes), samplers=(kw.pop("sampler", None)
                                                          or __import__("cases").anything,)
                * len(shapes), **kw)


CASES = [
    shaped("reshape", lambda m: lambda x: m.reshape(x, (3, 2, -1)), (2, 3, 2)),
    shaped("reshape:method", lambda m: lambda x: x.reshape(6, 2), (2, 3, 2),
           covers=("reshape",)),
    shaped("ravel", lambda m: lambda x: m.ravel(x), (2, 3)),
    shaped("flatten", lambda m: lambda x: x.flatten(), (2, 3), covers=()),
    shaped("transpose", lambda m: lambda x: m.transpose(x, (1, 2, 0)), (2, 3, 4)),
    shaped("transpose:T", lambda m: lambda x: x.T + x.transpose(), (2, 3),
           covers=("transpose",)),
    shaped("permute_dims", lambda m: lambda x: m.permute_dims(x, (1, 0)), (2, 3)),
    shaped("moveaxis", lambda m: lambda x: m.moveaxis(x, (0, 1), (-1, 0)), (2, 3, 4)),
    shaped("rollaxis", lambda m: lambda x: m.rollaxis(x, 2), (2, 3, 4)),
    shaped("swapaxes", lambda m: lambda x: m.swapaxes(x, 0, -1), (2, 3, 4)),
    shaped("expand_dims", lambda m: lambda x: m.expand_dims(x, (0, -1)), (2, 3)),
    shaped("squeeze", lambda m: lambda x: m.squeeze(x, 1), (2, 1, 3)),
    shaped("squeeze:all", lambda m: lambda x: x.squeeze(), (1, 3, 1), covers=("squeeze",)),
    shaped("atleast_1d", lambda m: lambda x: m.atleast_1d(x, x[0]), (3,)),
    shaped("atleast_2d", lambda m: lambda x: m.atleast_2d(x), (3,)),
    shaped("atleast_3d", lambda m: lambda x: m.atleast_3d(x, x[0]), (2, 3)),
    shaped("broadcast_to", lambda m: lambda x: m.broadcast_to(x, (4, 2, 3)), (2, 1)),
    shaped("broadcast_arrays", lambda m: lambda x, y: m.broadcast_arrays(x, y), (2, 1), (3,)),
    shaped("flip", lambda m: lambda x: m.flip(x, (0, 2)), (2, 3, 2)),
    shaped("flip:all", lambda m: lambda x: m.flip(x), (2, 3), covers=("flip",)),
    shaped("fliplr", lambda m: lambda x: m.fliplr(x), (2, 3)),
    shaped("flipud", lambda m: lambda x: m.flipud(x), (2, 3)),
    shaped("rot90", lambda m: lambda x: [m.rot90(x, k, axes=(1, 2)) for k in range(-1, 4)],
           (2, 3, 4)),
    shaped("roll", lambda m: lambda x: m.roll(x, (1, -2), axis=(0, 1)), (3, 4)),
    shaped("roll:flat", lambda m: lambda x: m.roll(x, 5), (3, 4), covers=("roll",)),
    # Joining
    shaped("concatenate", lambda m: lambda x, y: m.concatenate([x, y, x], axis=1),
           (2, 3), (2, 1)),
    shaped("concatenate:none", lambda m: lambda x, y: m.concatenate([x, y], axis=None),
           (2, 3), (4,), covers=("concatenate",)),
    shaped("concat", lambda m: lambda x, y: m.concat([x, y]), (2, 3), (1, 3)),
    shaped("concatenate:last", lambda m: lambda x: m.concatenate([x, x ** 2], axis=-1), (2, 3),
           covers=("concatenate",)),
    shaped("stack", lambda m: lambda x, y: m.stack([x, y], axis=-1), (2, 3), (2, 3)),
    shaped("hstack", lambda m: lambda x, y: m.hstack([x, y]), (2, 3), (2, 1)),
    shaped("hstack:1d", lambda m: lambda x, y: m.hstack((x, y)), (2,), (3,),
           covers=("hstack",)),
    shaped("vstack", lambda m: lambda x, y: m.vstack([x, y]), (3,), (2, 3)),
    shaped("row_stack", lambda m: lambda x, y: m.vstack([x, y]) if m is np else
           m.row_stack([x, y]), (3,), (2, 3)),
    shaped("dstack", lambda m: lambda x, y: m.dstack([x, y]), (2, 3), (2, 3)),
    shaped("column_stack", lambda m: lambda x, y: m.column_stack([x, y]), (3,), (3, 2)),
    shaped("block", lambda m: lambda a, b, c, d: m.block([[a, b], [c, d]]),
           (1, 1), (1, 2), (2, 1), (2, 2)),
    shaped("append", lambda m: lambda x, y: m.append(x, y, axis=0), (2, 3), (1, 3)),
    shaped("append:flat", lambda m: lambda x, y: m.append(x, y), (2, 3), (2,),
           covers=("append",)),
    shaped("delete", lambda m: lambda x: m.delete(x, [0, 2], axis=1), (2, 4)),
    # Splitting
    shaped("split", lambda m: lambda x: m.split(x, 2, axis=1), (3, 4)),
    shaped("split:indices", lambda m: lambda x: m.split(x, [1, 3]), (5, 2), covers=("split",)),
    shaped("array_split", lambda m: lambda x: m.array_split(x, 3, axis=0), (5, 2)),
    shaped("hsplit", lambda m: lambda x: m.hsplit(x, 2), (3, 4)),
    shaped("vsplit", lambda m: lambda x: m.vsplit(x, [1]), (3, 4)),
    shaped("dsplit", lambda m: lambda x: m.dsplit(x, 2), (1, 2, 4)),
    # Tiling, repeating, padding
    shaped("tile", lambda m: lambda x: m.tile(x, (2, 1, 3)), (2, 3)),
    shaped("repeat", lambda m: lambda x: m.repeat(x, [1, 0, 2], axis=1), (2, 3)),
    shaped("repeat:flat", lambda m: lambda x: x.repeat(2), (2, 3), covers=("repeat",)),
    shaped("pad", lambda m: lambda x: m.pad(x, ((1, 2), (0, 3))), (2, 3)),
    shaped("pad:constant_values", lambda m: lambda x: m.pad(x, 2, constant_values=(1.5, -1.0)),
           (2, 3), covers=("pad",)),
    shaped("pad:edge", lambda m: lambda x: m.pad(x, ((2, 1), (1, 0)), mode="edge"), (2, 3),
           covers=("pad",)),
    shaped("pad:reflect", lambda m: lambda x: m.pad(x, ((4, 1), (2, 2)), mode="reflect"),
           (2, 3), covers=("pad",)),
    shaped("pad:symmetric", lambda m: lambda x: m.pad(x, 3, mode="symmetric"), (2, 3),
           covers=("pad",)),
    shaped("pad:wrap", lambda m: lambda x: m.pad(x, (1, 4), mode="wrap"), (2, 3),
           covers=("pad",)),
    # Diagonals and triangles
    shaped("diag", lambda m: lambda x: m.diag(x, -1), (3,)),
    shaped("diag:2d", lambda m: lambda x: m.diag(x, 1), (3, 4), covers=("diag",)),
    shaped("diagflat", lambda m: lambda x: m.diagflat(x, 1), (2, 2)),
    shaped("diagonal", lambda m: lambda x: m.diagonal(x, 1, 2, 0), (3, 2, 4)),
    shaped("diagonal:method", lambda m: lambda x: x.diagonal(-1), (3, 3),
           covers=("diagonal",)),
    shaped("trace", lambda m: lambda x: m.trace(x, axis1=1, axis2=2), (2, 3, 3)),
    shaped("trace:method", lambda m: lambda x: x.trace(), (3, 4), covers=("trace",)),
    shaped("tril", lambda m: lambda x: m.tril(x, -1), (2, 3, 4)),
    shaped("triu", lambda m: lambda x: m.triu(x, 1), (3, 4)),
]
_ = np

CASES = with_float16(CASES)
