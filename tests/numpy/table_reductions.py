"""Reductions, running reductions and order statistics, over random shapes and axes."""

import numpy as np
from cases import Case, anything, near_one, positive, with_float16

MODULE = "funcgrad.numpy"


def reduction(name, sampler=anything, order=2, method=False, **kw):
    if method:
        return Case(f"{name}:method", lambda m, axis, keepdims, name=name: (
            lambda x: getattr(x, name)(axis=axis, keepdims=keepdims)), (sampler,),
            shapes="reduce", order=order, covers=(name,), **kw)
    return Case(name, lambda m, axis, keepdims, name=name: (
        lambda x: getattr(m, name)(x, axis=axis, keepdims=keepdims)), (sampler,),
        shapes="reduce", order=order, **kw)


def with_nans(shape, rng, dtype=np.float64):
    x = rng.uniform(-2.0, 2.0, shape)
    x.flat[:: 3] = np.nan
    return x.astype(dtype)


CASES = [
    reduction("sum"), reduction("sum", method=True),
    reduction("prod", near_one), reduction("prod", near_one, method=True),
    reduction("mean"), reduction("mean", method=True),
    reduction("max"), reduction("max", method=True),
    reduction("min"), reduction("min", method=True),
    reduction("amax"), reduction("amin"),
    reduction("ptp"),
    reduction("var", atol=1e-4, rtol=1e-4), reduction("var", method=True, atol=1e-4, rtol=1e-4),
    Case("std", lambda m: lambda x: m.std(x, axis=(0, 2)), shapes=[(3, 2, 4)]),
    Case("std:method", lambda m: lambda x: x.std(axis=-1, keepdims=True), shapes=[(3, 4)],
         covers=("std",)),
    reduction("median", atol=1e-4),
    reduction("all", order=0), reduction("any", order=0),
    Case("var:ddof", lambda m: lambda x: m.var(x, axis=1, ddof=1), shapes=[(3, 4)],
         covers=("var",)),
    Case("std:ddof", lambda m: lambda x: m.std(x, axis=0, ddof=1, keepdims=True),
         shapes=[(3, 4)], covers=("std",)),
    Case("sum:where", lambda m: lambda x: m.sum(x, axis=1, where=x > 0, initial=1.0),
         shapes=[(3, 4)], covers=("sum",)),
    Case("sum:dtype", lambda m: lambda x: m.sum(x, dtype=np.float64), shapes=[(3, 4)],
         covers=("sum",), dtypes=(np.float32,)),
    Case("prod:where", lambda m: lambda x: m.prod(x, axis=0, where=x > 0.8),
         (near_one,), shapes=[(3, 4)], covers=("prod",)),
    Case("mean:where", lambda m: lambda x: m.mean(x, axis=0, where=x > -1.5),
         shapes=[(3, 4)], covers=("mean",)),
    Case("max:initial", lambda m: lambda x: m.max(x, axis=0, initial=0.5, where=x < 1.5),
         shapes=[(3, 4)], covers=("max",)),
    Case("average", lambda m: lambda x, w: m.average(x, axis=1, weights=w),
         (anything, positive), shapes=[(3, 4), (4,)]),
    Case("average:returned", lambda m: lambda x, w: m.average(x, axis=(0, 1), weights=w,
                                                              returned=True),
         (anything, positive), shapes=[(3, 4, 2), (3, 4)], covers=("average",)),
    Case("average:plain", lambda m: lambda x: m.average(x, axis=0, keepdims=True),
         shapes=[(3, 4)], covers=("average",)),
    Case("count_nonzero", lambda m: lambda x: m.count_nonzero(x > 0, axis=1), shapes=[(3, 4)],
         order=0),
    # NaN-ignoring reductions
    Case("nansum", lambda m: lambda x: m.nansum(x, axis=0), (with_nans,), shapes=[(3, 4)]),
    Case("nanprod", lambda m: lambda x: m.nanprod(x, axis=1), (with_nans,), shapes=[(3, 4)]),
    Case("nanmean", lambda m: lambda x: m.nanmean(x, axis=0), (with_nans,), shapes=[(3, 4)]),
    Case("nanvar", lambda m: lambda x: m.nanvar(x, axis=1), (with_nans,), shapes=[(3, 4)]),
    Case("nanstd", lambda m: lambda x: m.nanstd(x, axis=1), (with_nans,), shapes=[(3, 4)]),
    Case("nanmax", lambda m: lambda x: m.nanmax(x, axis=1), (with_nans,), shapes=[(3, 4)]),
    Case("nanmin", lambda m: lambda x: m.nanmin(x, axis=0), (with_nans,), shapes=[(3, 4)]),
    Case("nancumsum", lambda m: lambda x: m.nancumsum(x, axis=1), (with_nans,),
         shapes=[(3, 4)]),
    Case("nancumprod", lambda m: lambda x: m.nancumprod(x, axis=1), (with_nans,),
         shapes=[(3, 4)]),
    # Running reductions
    Case("cumsum", lambda m: lambda x: m.cumsum(x, axis=1), shapes=[(3, 4)]),
    Case("cumsum:flat", lambda m: lambda x: x.cumsum(), shapes=[(3, 4)], covers=("cumsum",)),
    Case("cumprod", lambda m: lambda x: m.cumprod(x, axis=0), (near_one,), shapes=[(5, 3)]),
    Case("cumprod:flat", lambda m: lambda x: x.cumprod(), (near_one,), shapes=[(3, 3)],
         covers=("cumprod",)),
    Case("cumulative_sum", lambda m: lambda x: m.cumulative_sum(x, axis=1,
                                                                include_initial=True),
         shapes=[(3, 4)]),
    Case("cumulative_prod", lambda m: lambda x: m.cumulative_prod(x, axis=0), (near_one,),
         shapes=[(3, 4)]),
    Case("diff", lambda m: lambda x: m.diff(x, n=2, axis=0), shapes=[(5, 3)]),
    Case("diff:pad", lambda m: lambda x: m.diff(x, prepend=0.5, append=x[:, :1]),
         shapes=[(3, 4)], covers=("diff",)),
    Case("gradient", lambda m: lambda x: m.gradient(x, 0.5, axis=0), shapes=[(5, 3)]),
    Case("gradient:edge2", lambda m: lambda x: m.gradient(x, edge_order=2), shapes=[(4, 3)],
         covers=("gradient",)),
    # (argpartition and partition arrange float16 differently inside the partitions)
    # Rows of 3 with kth=1: one entry on each side, so no arrangement is left to chance.
    Case("partition", lambda m: lambda x: m.partition(x, 1, axis=1), shapes=[(4, 3)],
         dtypes=(np.float64,), staged=False),  # which entries go where depends on values
    Case("trapezoid", lambda m: lambda y, x: m.trapezoid(y, x, axis=0),
         (anything, anything), shapes=[(4, 3), (4,)]),
    # Order statistics and sorting
    Case("sort", lambda m: lambda x: m.sort(x, axis=0), shapes=[(4, 3)]),
    Case("sort:flat", lambda m: lambda x: m.sort(x, axis=None), shapes=[(4, 3)],
         covers=("sort",)),
    Case("argsort", lambda m: lambda x: m.argsort(x, axis=1), shapes=[(4, 3)], order=0),
    Case("argmax", lambda m: lambda x: m.argmax(x, axis=1), shapes=[(4, 3)], order=0),
    Case("argmin", lambda m: lambda x: m.argmin(x, keepdims=True), shapes=[(4, 3)], order=0),
    Case("searchsorted", lambda m: lambda a, v: m.searchsorted(m.sort(a), v),
         (anything, anything), shapes=[(5,), (3,)], order=0),
    Case("quantile", lambda m: lambda x: m.quantile(x, [0.1, 0.5, 0.8], axis=1),
         shapes=[(3, 5)]),
    Case("quantile:methods", lambda m: lambda x: [m.quantile(x, 0.3, method=k) for k in
                                                  ("lower", "higher", "nearest", "midpoint")],
         shapes=[(6,)], covers=("quantile",)),
    Case("percentile", lambda m: lambda x: m.percentile(x, 40, axis=0, keepdims=True),
         shapes=[(5, 3)]),
    # Data-dependent output shapes: concrete values only (make_ir cannot stage them).
    Case("nonzero", lambda m: lambda x: m.nonzero(x > 0), shapes=[(3, 4)], order=0,
         staged=False),
    Case("flatnonzero", lambda m: lambda x: m.flatnonzero(x > 0), shapes=[(3, 4)], order=0,
         staged=False),
    Case("argwhere", lambda m: lambda x: m.argwhere(x > 0), shapes=[(3, 4)], order=0,
         staged=False),
]

CASES += [
    Case("nanargmax", lambda m: lambda x: m.nanargmax(x, axis=1), (with_nans,), shapes=[(3, 4)],
         order=0),
    Case("nanargmin", lambda m: lambda x: m.nanargmin(x, axis=0, keepdims=True), (with_nans,),
         shapes=[(3, 4)], order=0),
    Case("nanmedian", lambda m: lambda x: m.nanmedian(x, axis=1), (with_nans,),
         shapes=[(3, 5)]),
    Case("nanmedian:all", lambda m: lambda x: m.nanmedian(x), (with_nans,), shapes=[(3, 4)],
         covers=("nanmedian",)),
    Case("nanquantile", lambda m: lambda x: m.nanquantile(x, [0.2, 0.7], axis=0,
                                                          keepdims=True),
         (with_nans,), shapes=[(5, 4)]),
    Case("nanquantile:methods", lambda m: lambda x: [
        m.nanquantile(x, 0.4, axis=1, method=k) for k in ("lower", "higher", "nearest",
                                                           "midpoint")],
        (with_nans,), shapes=[(2, 7)], covers=("nanquantile",)),
    Case("nanpercentile", lambda m: lambda x: m.nanpercentile(x, 30, axis=1), (with_nans,),
         shapes=[(3, 5)]),
]

CASES = with_float16(CASES)
