"""Creation functions and queries: values only where there is nothing to differentiate."""

import numpy as np
from cases import Case, anything, with_float16

MODULE = "funcgrad.numpy"


def query(name, fn, shape=(2, 3), **kw):
    return Case(name, fn, (anything,), shapes=[shape], order=0, staged=False, **kw)


CASES = [
    Case("array", lambda m: lambda x, y: m.array([x, y, [1.0, 2.0]]), (anything, anything),
         shapes=[(2,), (2,)], numpy=False, reference=lambda m: lambda x, y: np.array(
             [x, y, [1.0, 2.0]])),
    # np.asarray is not overridable by NumPy's protocols: a traced value cannot pass it.
    Case("asarray", lambda m: lambda x: m.asarray(x) * 2, shapes=[(2,)], numpy=False,
         reference=lambda m: lambda x: x * 2),
    Case("asanyarray", lambda m: lambda x: m.asanyarray(x) * 2, shapes=[(2,)], numpy=False,
         reference=lambda m: lambda x: x * 2),
    Case("copy", lambda m: lambda x: m.copy(x) * 2, shapes=[(2,)]),
    Case("full_like", lambda m: lambda x: m.full_like(x, 3.0) * x, shapes=[(2,)]),
    Case("zeros_like", lambda m: lambda x: m.zeros_like(x) + x, shapes=[(2,)]),
    Case("ones_like", lambda m: lambda x: m.ones_like(x) * x, shapes=[(2,)]),
    Case("empty_like", lambda m: lambda x: m.empty_like(x).shape, shapes=[(2,)], order=0,
         staged=False),
    query("shape", lambda m: lambda x: m.shape(x)),
    query("ndim", lambda m: lambda x: m.ndim(x)),
    query("size", lambda m: lambda x: m.size(x)),
    query("result_type", lambda m: lambda x: m.result_type(x, 1.0)),
    query("iscomplexobj", lambda m: lambda x: m.iscomplexobj(x)),
    query("isrealobj", lambda m: lambda x: m.isrealobj(x)),
    query("allclose", lambda m: lambda x: m.allclose(x, x + 1e-9)),
    query("array_equal", lambda m: lambda x: m.array_equal(x, x)),
]

CASES = with_float16(CASES)
