"""einsum: Einstein summation as a composite of diagonal, sum, transpose, reshape and matmul.

Each operand first loses its repeated labels (a diagonal) and the labels no
one else needs (a sum); then operands are contracted left to right, each
pair as one batched ``matmul``. Every step is a funcgrad primitive or
composite with rules, so derivatives of any order and in both modes follow.
On concrete operands NumPy's own ``einsum`` computes the value.
"""

from __future__ import annotations

import string

import numpy as np

from ..primitives.elementwise import astype
from ..primitives.products import matmul
from ..primitives.reductions import sum as _sum
from ..primitives.shape import broadcast_to, reshape, transpose
from ..primitives.util import dtype_of, is_traced, placeholder, reject_out, shape_of
from .matrices import diagonal

_LETTERS = set(string.ascii_letters)


def _from_sublists(operands):
    """einsum(op0, sublist0, op1, sublist1, ..., [sublistout]) as a subscripts string."""
    ops = list(operands)
    arrays, subs = ops[0::2], ops[1::2]
    out = None
    if len(ops) % 2 == 1:
        arrays, subs, out = ops[0:-1:2], ops[1:-1:2], ops[-1]

    def letters(sub):
        return "".join("..." if s is Ellipsis else string.ascii_letters[int(s)] for s in sub)

    spec = ",".join(letters(s) for s in subs)
    if out is not None:
        spec += "->" + letters(out)
    return spec, arrays


def _parse(subscripts: str, shapes):
    """Per-operand label lists and the output labels, with '...' expanded to fresh labels."""
    subscripts = subscripts.replace(" ", "")
    explicit = "->" in subscripts
    lhs, rhs = subscripts.split("->") if explicit else (subscripts, None)
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError(
            "more operands provided to einstein sum function than specified in the "
            "subscripts string" if len(shapes) > len(terms) else
            "fewer operands provided to einstein sum function than specified in the "
            "subscripts string"
        )
    ell_ndim = 0
    parsed = []
    for term, shape in zip(terms, shapes):
        if term.count("...") > 1 or ("." in term.replace("...", "")):
            raise ValueError("einstein sum subscripts string contains a '.' that is not "
                             "part of an ellipsis ('...')")
        bad = [c for c in term.replace("...", "") if c not in _LETTERS]
        if bad:
            raise ValueError(f"invalid subscript '{bad[0]}' in einstein sum subscripts string, "
                             f"subscripts must be letters")
        named = len(term.replace("...", ""))
        if "..." in term:
            k = len(shape) - named
            if k < 0:
                raise ValueError("operand has more dimensions than subscripts given in "
                                 "einstein sum, but no '...' ellipsis provided to broadcast "
                                 "the extra dimensions.")
            ell_ndim = max(ell_ndim, k)
        elif named != len(shape):
            raise ValueError(
                "operand has more dimensions than subscripts given in einstein sum, but no "
                "'...' ellipsis provided to broadcast the extra dimensions." if
                len(shape) > named else
                "einstein sum subscripts string contains too many subscripts for operand"
            )
        parsed.append(term)
    ell = [chr(0x3B1 + i) for i in range(ell_ndim)]  # Greek letters: never user labels

    def expand(term, ndim):
        if "..." not in term:
            return list(term)
        head, tail = term.split("...")
        k = ndim - len(head) - len(tail)
        return list(head) + ell[ell_ndim - k:] + list(tail)

    labels = [expand(t, len(s)) for t, s in zip(parsed, shapes)]
    if explicit:
        if rhs.count("...") > 1:
            raise ValueError("einstein sum subscripts string contains a '.' that is not part "
                             "of an ellipsis ('...') in the output")
        out = expand(rhs, len(rhs.replace("...", "")) + ell_ndim) if "..." in rhs else list(rhs)
        seen = set()
        for c in out:
            if c in seen:
                raise ValueError(f"einstein sum subscripts string includes output subscript "
                                 f"'{c}' multiple times")
            seen.add(c)
            if not any(c in lab for lab in labels):
                raise ValueError(f"einstein sum subscripts string included output subscript "
                                 f"'{c}' which never appeared in an input")
        if ell_ndim and "..." not in rhs and any(e in lab for lab in labels for e in ell):
            raise ValueError("output has more dimensions than subscripts given in einstein "
                             "sum, but no '...' ellipsis provided to broadcast the extra "
                             "dimensions.")
    else:
        counts = {}
        for lab in labels:
            for c in lab:
                counts[c] = counts.get(c, 0) + 1
        out = ell + sorted(c for c, n in counts.items() if n == 1 and c not in ell)
    return labels, out


def _sizes(labels, shapes, ell_labels):
    # As NumPy: a dimension of size 1 broadcasts against the label's other sizes, for
    # named labels as for ellipsis dimensions (the rule then sums the broadcast away).
    sizes: dict[str, int] = {}
    for i, (lab, shape) in enumerate(zip(labels, shapes)):
        for c, s in zip(lab, shape):
            prev = sizes.get(c)
            if prev is None or prev == 1:
                sizes[c] = s
            elif s != prev and s != 1:
                if c in ell_labels:
                    raise ValueError(
                        "operands could not be broadcast together with remapped shapes "
                        "[original->remapped]: " + " ".join(str(tuple(sh)) for sh in shapes)
                    )
                raise ValueError(f"Size of label '{c}' for operand {i} ({s}) does not match "
                                 f"previous terms ({prev}).")
    return sizes


def _drop_broadcast_dims(x, lab, sizes):
    """Squeeze size-1 dimensions that broadcast against larger ones (the label lives on in
    the other operands; where no operand keeps it, the output broadcasts it back)."""
    keep = [i for i, c in enumerate(lab) if not (shape_of(x)[i] == 1 and sizes[c] != 1)]
    if len(keep) == len(lab):
        return x, lab
    return reshape(x, tuple(shape_of(x)[i] for i in keep)), [lab[i] for i in keep]


def _take_diagonals(x, lab):
    while len(set(lab)) != len(lab):
        for p, c in enumerate(lab):
            q = lab.index(c, p + 1) if c in lab[p + 1:] else -1
            if q >= 0:
                x = diagonal(x, 0, p, q)
                lab = [d for i, d in enumerate(lab) if i not in (p, q)] + [c]
                break
    return x, lab


def _sum_out(x, lab, needed):
    axes = tuple(i for i, c in enumerate(lab) if c not in needed)
    if not axes:
        return x, lab
    return _sum(x, axis=axes), [c for c in lab if c in needed]


def _contract(x, lx, y, ly, needed):
    batch = [c for c in lx if c in ly and c in needed]
    summed = [c for c in lx if c in ly and c not in needed]
    free_x = [c for c in lx if c not in ly]
    free_y = [c for c in ly if c not in lx]
    sx, sy = dict(zip(lx, shape_of(x))), dict(zip(ly, shape_of(y)))

    def size(labels, s):
        return int(np.prod([s[c] for c in labels], dtype=np.int64))

    xt = transpose(x, tuple(lx.index(c) for c in batch + free_x + summed))
    yt = transpose(y, tuple(ly.index(c) for c in batch + summed + free_y))
    xm = reshape(xt, (size(batch, sx), size(free_x, sx), size(summed, sx)))
    ym = reshape(yt, (size(batch, sy), size(summed, sy), size(free_y, sy)))
    out = matmul(xm, ym)
    shape = tuple(sx[c] for c in batch + free_x) + tuple(sy[c] for c in free_y)
    return reshape(out, shape), batch + free_x + free_y


def einsum(subscripts, *operands, out=None, dtype=None, order="K", casting="safe",
           optimize=False):
    """Einstein summation, as :func:`numpy.einsum`: any subscripts, ellipses and repeated labels.

    Also accepts NumPy's interleaved form ``einsum(a, [0, 1], b, [1, 2], [0, 2])``.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> A = fnp.asarray([[1.0, 2.0], [3.0, 4.0]])
    >>> fnp.einsum("ij,j->i", A, fnp.asarray([1.0, 1.0]))
    array([3., 7.])
    >>> fg.grad(lambda x: fnp.einsum("ii", x))(A)   # the trace
    array([[1., 0.],
           [0., 1.]])
    """
    reject_out("einsum", out)
    if not isinstance(subscripts, str):
        subscripts, operands = _from_sublists((subscripts,) + operands)
    if dtype is not None:
        operands = [astype(op, dtype) for op in operands]
    if not is_traced(*operands):
        return np.einsum(subscripts, *operands, dtype=dtype, optimize=optimize)
    shapes = [shape_of(op) for op in operands]
    try:
        labels, out_labels = _parse(subscripts, shapes)
        ell_labels = {c for lab in labels for c in lab if c not in _LETTERS}
        sizes = _sizes(labels, shapes, ell_labels)
    except ValueError:
        # Bad input: let NumPy say what is wrong in its own words (only on this error path,
        # where the zero-strided placeholders cost one einsum of the input's size).
        np.einsum(subscripts, *[placeholder(op) for op in operands])
        raise
    result_dtype = np.result_type(*[dtype_of(op) for op in operands])
    ops = []
    for op, lab in zip(operands, labels):
        if dtype_of(op) != result_dtype:
            op = astype(op, result_dtype)
        op, lab = _drop_broadcast_dims(op, list(lab), sizes)
        op, lab = _take_diagonals(op, lab)
        ops.append((op, lab))
    x, lx = ops[0]
    rest = ops[1:]
    needed = set(out_labels).union(*[set(lab) for _, lab in rest]) if rest else set(out_labels)
    x, lx = _sum_out(x, lx, needed)
    for k, (y, ly) in enumerate(rest):
        later = set(out_labels).union(*[set(lab) for _, lab in rest[k + 1:]])
        y, ly = _sum_out(y, ly, later | set(lx))
        x, lx = _sum_out(x, lx, later | set(ly))
        x, lx = _contract(x, lx, y, ly, later)
    x, lx = _sum_out(x, lx, set(out_labels))
    # Output labels that only ellipsis broadcasting supplied are missing: broadcast them in.
    missing = [c for c in out_labels if c not in lx]
    if missing:

        x = reshape(x, shape_of(x) + (1,) * len(missing))
        lx = lx + missing
        x = broadcast_to(x, tuple(sizes[c] for c in lx))
    perm = tuple(lx.index(c) for c in out_labels)
    return transpose(x, perm)
