"""The out= table's cases: every function of funcgrad.torch's namespace that takes ``out=``
in PyTorch 2.13, with arguments, and what PyTorch wrote into ``out`` for each (recorded by
running the same cases with PyTorch once; frozen here)."""

from __future__ import annotations

import types


def fixtures(torch):
    """The arguments the table uses, built with ``torch`` (real PyTorch or funcgrad.torch)."""
    f = types.SimpleNamespace(torch=torch)
    f.x = torch.tensor([[0.2, 0.5, 0.7], [0.3, 0.9, 0.4]])
    f.y = torch.tensor([[0.6, 0.1, 0.8], [0.5, 0.2, 0.3]])
    f.v = torch.tensor([0.2, 0.5, 0.7])
    f.w = torch.tensor([0.4, 0.1, 0.6])
    f.big = torch.tensor([[1.5, 2.0, 3.0], [1.2, 4.0, 2.5]])
    f.m = torch.tensor([[2.0, 0.5, 0.1], [0.5, 3.0, 0.2], [0.1, 0.2, 4.0]])
    f.b3 = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[0.5, 0.1], [0.2, 0.3]]])
    f.k = torch.tensor([[1, 2, 3], [4, 5, 6]])
    f.k2 = torch.tensor([[3, 1, 2], [1, 1, 1]])
    f.kv = torch.tensor([1, 0, 2, 1])
    f.bo = torch.tensor([[True, False, True], [False, True, True]])
    f.c = torch.tensor([1 + 2j, 3 - 1j])
    f.idx = torch.tensor([0, 2])
    f.sv = torch.tensor([0.1, 0.5, 0.9])
    f.img = torch.tensor([[[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8],
                           [0.9, 1.0, 1.1, 1.2], [1.3, 1.4, 1.5, 1.6]]])
    return f


def _unary(f):
    return (f.x,)


def _binary(f):
    return (f.x, f.y)


UNARY = """abs absolute acos arccos arcsin arctan arctanh asin asinh atan atanh arcsinh ceil cos
cosh deg2rad digamma erf erfc erfinv exp exp2 expm1 fix floor frac i0 lgamma log log10 log1p
log2 neg negative reciprocal rsqrt sgn sigmoid sign signbit sin sinc sinh sqrt square tan tanh
trunc rad2deg round nan_to_num logical_not logit isnan isinf msort relu
special.digamma special.entr special.erf special.erfc special.erfcx special.erfinv special.exp2
special.expit special.expm1 special.gammaln special.i0 special.i0e special.i1 special.i1e
special.log1p special.log_ndtr special.logit special.ndtr special.psi special.round
special.sinc special.ndtri""".split()

BINARY = """add sub mul div divide multiply subtract true_divide atan2 arctan2 copysign eq ne lt le
gt ge greater greater_equal less less_equal not_equal float_power fmax fmin fmod hypot
logaddexp logaddexp2 maximum minimum pow remainder xlogy floor_divide logical_and logical_or
logical_xor special.xlogy special.xlog1py special.zeta special.gammainc special.gammaincc""".split()

CASES = {name: _unary for name in UNARY}
CASES.update({name: _binary for name in BINARY})
CASES.update({
    "acosh": lambda f: (f.big,), "arccosh": lambda f: (f.big,),
    "bitwise_not": lambda f: (f.k,), "bitwise_and": lambda f: (f.k, f.k2),
    "bitwise_or": lambda f: (f.k, f.k2), "bitwise_xor": lambda f: (f.k, f.k2),
    "conj": lambda f: (f.c,), "imag": lambda f: (f.c,), "real": lambda f: (f.c,),
    "positive": _unary, "clone": _unary,
    "squeeze": lambda f: (f.x, 0), "unsqueeze": lambda f: (f.x, 0),
    "polygamma": lambda f: (1, f.x), "special.polygamma": lambda f: (1, f.x),
    "mvlgamma": lambda f: (f.big, 1), "special.multigammaln": lambda f: (f.big, 1),
    "lerp": lambda f: (f.x, f.y, 0.3), "clamp": lambda f: (f.x, 0.3, 0.6),
    "clip": lambda f: (f.x, 0.3, 0.6), "clamp_min": lambda f: (f.x, 0.3),
    "clamp_max": lambda f: (f.x, 0.6),
    "addcdiv": lambda f: (f.x, f.y, f.big), "addcmul": lambda f: (f.x, f.y, f.big),
    "addmm": lambda f: (f.m, f.m, f.m), "addmv": lambda f: (f.v, f.m, f.w),
    "addr": lambda f: (f.m, f.v, f.w), "addbmm": lambda f: (f.b3[0], f.b3, f.b3),
    "baddbmm": lambda f: (f.b3, f.b3, f.b3), "bmm": lambda f: (f.b3, f.b3),
    "mm": lambda f: (f.m, f.m), "matmul": lambda f: (f.x, f.m), "mv": lambda f: (f.m, f.v),
    "dot": lambda f: (f.v, f.w), "inner": lambda f: (f.v, f.w), "outer": lambda f: (f.v, f.w),
    "ger": lambda f: (f.v, f.w), "kron": lambda f: (f.v, f.w),
    "tensordot": lambda f: (f.x, f.m, 1), "chain_matmul": lambda f: (f.m, f.m),
    "cross": lambda f: (f.x, f.y), "dist": lambda f: (f.x, f.y),
    "all": lambda f: (f.bo, 1), "any": lambda f: (f.bo, 1), "amax": lambda f: (f.x, 1),
    "amin": lambda f: (f.x, 1), "argmax": lambda f: (f.x, 1), "argmin": lambda f: (f.x, 1),
    "sum": lambda f: (f.x, 1), "nansum": lambda f: (f.x, 1), "prod": lambda f: (f.x, 1),
    "mean": lambda f: (f.x, 1), "nanmean": lambda f: (f.x, 1), "std": lambda f: (f.x, 1),
    "var": lambda f: (f.x, 1), "std_mean": lambda f: (f.x, 1), "var_mean": lambda f: (f.x, 1),
    "norm": lambda f: (f.x,), "count_nonzero": lambda f: (f.x, 1),
    "logsumexp": lambda f: (f.x, 1), "special.logsumexp": lambda f: (f.x, 1),
    "cumsum": lambda f: (f.x, 1), "cumprod": lambda f: (f.x, 1),
    "logcumsumexp": lambda f: (f.x, 1), "cummax": lambda f: (f.x, 1),
    "cummin": lambda f: (f.x, 1), "max": lambda f: (f.x, 1), "min": lambda f: (f.x, 1),
    "median": lambda f: (f.x, 1), "mode": lambda f: (f.x, 1), "kthvalue": lambda f: (f.x, 2, 1),
    "sort": lambda f: (f.x, 1), "argsort": lambda f: (f.x, 1), "topk": lambda f: (f.x, 2),
    "quantile": lambda f: (f.x, 0.3), "nanquantile": lambda f: (f.x, 0.3),
    "softmax": lambda f: (f.x, 1), "log_softmax": lambda f: (f.x, 1),
    "cat": lambda f: ((f.x, f.y),), "concat": lambda f: ((f.x, f.y),),
    "concatenate": lambda f: ((f.x, f.y),), "stack": lambda f: ((f.x, f.y),),
    "hstack": lambda f: ((f.x, f.y),), "vstack": lambda f: ((f.x, f.y),),
    "block_diag": lambda f: (f.x, f.y),
    "diag": lambda f: (f.v,), "diag_embed": lambda f: (f.x,), "diff": lambda f: (f.x,),
    "tril": lambda f: (f.m,), "triu": lambda f: (f.m,), "trace": lambda f: (f.m,),
    "flip": lambda f: (f.x, (1,)), "roll": lambda f: (f.x, 1, 1),
    "repeat_interleave": lambda f: (f.x, 2), "take": lambda f: (f.x, f.idx),
    "take_along_dim": lambda f: (f.x, f.k2 % 3, 1), "gather": lambda f: (f.x, 1, f.k2 % 3),
    "index_select": lambda f: (f.x, 1, f.idx), "masked_select": lambda f: (f.x, f.bo),
    "nonzero": lambda f: (f.bo,), "where": lambda f: (f.bo, f.x, f.y),
    "searchsorted": lambda f: (f.sv, f.v), "bucketize": lambda f: (f.v, f.sv),
    "histc": lambda f: (f.x,), "bincount": lambda f: (f.kv,),
    "isin": lambda f: (f.k, f.k2), "unique_consecutive": lambda f: (f.kv,),
    "cholesky": lambda f: (f.m,), "cholesky_inverse": lambda f: (f.m,),
    "cholesky_solve": lambda f: (f.x.T, f.m), "inverse": lambda f: (f.m,),
    "matrix_power": lambda f: (f.m, 2), "slogdet": lambda f: (f.m,), "svd": lambda f: (f.m,),
    "linalg.cholesky": lambda f: (f.m,), "linalg.cholesky_ex": lambda f: (f.m,),
    "linalg.cond": lambda f: (f.m,), "linalg.cross": lambda f: (f.x, f.y),
    "linalg.det": lambda f: (f.m,), "linalg.eig": lambda f: (f.m,),
    "linalg.eigh": lambda f: (f.m,), "linalg.eigvals": lambda f: (f.m,),
    "linalg.eigvalsh": lambda f: (f.m,), "linalg.inv": lambda f: (f.m,),
    "linalg.inv_ex": lambda f: (f.m,), "linalg.lstsq": lambda f: (f.m, f.m),
    "linalg.matmul": lambda f: (f.m, f.m), "linalg.matrix_exp": lambda f: (f.m,),
    "linalg.matrix_norm": lambda f: (f.m,), "linalg.matrix_power": lambda f: (f.m, 2),
    "linalg.matrix_rank": lambda f: (f.m,), "linalg.multi_dot": lambda f: ([f.m, f.m],),
    "linalg.norm": lambda f: (f.x,), "linalg.pinv": lambda f: (f.m,),
    "linalg.qr": lambda f: (f.m,), "linalg.slogdet": lambda f: (f.m,),
    "linalg.solve": lambda f: (f.m, f.v), "linalg.solve_triangular": lambda f: (
        f.torch.triu(f.m), f.m, {"upper": True}), "linalg.svd": lambda f: (f.m,),
    "linalg.svdvals": lambda f: (f.m,), "linalg.tensorinv": lambda f: (f.m, 1),
    "linalg.tensorsolve": lambda f: (f.m, f.v), "linalg.vecdot": lambda f: (f.x, f.y),
    "linalg.vector_norm": lambda f: (f.x,),
    "fft.fft": lambda f: (f.v,), "fft.ifft": lambda f: (f.v,), "fft.rfft": lambda f: (f.v,),
    "fft.irfft": lambda f: (f.c,), "fft.hfft": lambda f: (f.c,), "fft.ihfft": lambda f: (f.v,),
    "fft.fft2": lambda f: (f.x,), "fft.ifft2": lambda f: (f.x,), "fft.rfft2": lambda f: (f.x,),
    "fft.irfft2": lambda f: (f.x,), "fft.fftn": lambda f: (f.x,), "fft.ifftn": lambda f: (f.x,),
    "fft.rfftn": lambda f: (f.x,), "fft.irfftn": lambda f: (f.x,),
    "fft.fftfreq": lambda f: (4,), "fft.rfftfreq": lambda f: (4,),
    "zeros": lambda f: (2, 3), "ones": lambda f: (2, 3), "empty": lambda f: (2, 3),
    "full": lambda f: ((2, 3), 1.5), "eye": lambda f: (3,), "arange": lambda f: (5,),
    "linspace": lambda f: (0, 1, 5), "logspace": lambda f: (0, 1, 5),
    "rand": lambda f: (2, 3), "randn": lambda f: (2, 3), "randint": lambda f: (5, (2, 3)),
    "randperm": lambda f: (5,), "normal": lambda f: (f.x, 1.0),
    "bernoulli": lambda f: (f.x,), "multinomial": lambda f: (f.v, 2),
    "poisson": lambda f: (f.x,),
    "zeros_like": _unary, "ones_like": _unary, "empty_like": _unary, "rand_like": _unary,
    "randn_like": _unary, "randint_like": lambda f: (f.x, 5), "full_like": lambda f: (f.x, 2.0),
    "tril_indices": lambda f: (3, 3), "triu_indices": lambda f: (3, 3),
    "index_add": lambda f: (f.x, 1, f.idx, f.y[:, :2]),
    "index_copy": lambda f: (f.x, 1, f.idx, f.y[:, :2]),
    "index_fill": lambda f: (f.x, 1, f.idx, 0.0),
    "masked_fill": lambda f: (f.x, f.bo, 0.0), "masked_scatter": lambda f: (f.x, f.bo, f.y),
    "scatter": lambda f: (f.x, 1, f.k2 % 3, f.y), "scatter_add": lambda f: (f.x, 1, f.k2 % 3, f.y),
    "scatter_reduce": lambda f: (f.x, 1, f.k2 % 3, f.y, "sum"),
})


def call(fn, case, f, **kwargs):
    """``fn`` applied to the case's arguments (a trailing dict holds keyword arguments)."""
    args = case(f)
    if args and isinstance(args[-1], dict):
        args, kwargs = args[:-1], {**args[-1], **kwargs}
    return fn(*args, **kwargs)


# What PyTorch 2.13 wrote into out= for each case of out_cases.CASES: (dtype, shape) per
# output, recorded by calling it there; one entry per group of functions.
RECORDED_GROUPS = {
    (('float32', (2, 3)),): (
        "abs absolute acos acosh add addcdiv addcmul arccos arccosh arcsin arcsinh arctan "
        "arctan2 arctanh asin asinh atan atan2 atanh bernoulli ceil clamp clamp_max clamp_min "
        "clip copysign cos cosh cross cumprod cumsum deg2rad digamma div divide empty erf "
        "erfc erfinv exp exp2 expm1 fix floor floor_divide fmax fmin fmod frac full gather "
        "hypot i0 index_add index_copy lerp lgamma linalg.cross log log10 log1p log2 "
        "log_softmax logaddexp logaddexp2 logcumsumexp logit matmul maximum minimum msort mul "
        "multiply mvlgamma nan_to_num neg negative normal ones polygamma pow rad2deg rand "
        "randn reciprocal remainder round rsqrt scatter scatter_add scatter_reduce sgn "
        "sigmoid sign sin sinc sinh softmax special.digamma special.entr special.erf "
        "special.erfc special.erfcx special.erfinv special.exp2 special.expit special.expm1 "
        "special.gammainc special.gammaincc special.gammaln special.i0 special.i0e special.i1 "
        "special.i1e special.log1p special.log_ndtr special.logit special.multigammaln "
        "special.ndtr special.ndtri special.polygamma special.psi special.round special.sinc "
        "special.xlog1py special.xlogy special.zeta sqrt square sub subtract take_along_dim "
        "tan tanh tensordot true_divide trunc where xlogy zeros"
    ),
    (('float32', (2, 2)),): (
        "addbmm diff index_select"
    ),
    (('float32', (3, 3)),): (
        "addmm addr chain_matmul cholesky cholesky_inverse diag eye ger inverse "
        "linalg.cholesky linalg.inv linalg.matmul linalg.matrix_power linalg.multi_dot "
        "linalg.pinv linalg.solve_triangular linalg.tensorinv matrix_power mm outer tril triu"
    ),
    (('float32', (3,)),): (
        "addmv fft.rfftfreq linalg.eigvalsh linalg.solve linalg.svdvals linalg.tensorsolve mv"
    ),
    (('bool', (2,)),): (
        "all any"
    ),
    (('float32', (2,)),): (
        "amax amin fft.hfft fft.irfft linalg.vecdot logsumexp mean nanmean nansum prod "
        "special.logsumexp std sum take var"
    ),
    (('int64', (5,)),): (
        "arange randperm"
    ),
    (('int64', (2,)),): (
        "argmax argmin multinomial"
    ),
    (('float32', (2, 2, 2)),): (
        "baddbmm bmm"
    ),
    (('int64', (2, 3)),): (
        "bitwise_and bitwise_not bitwise_or bitwise_xor randint"
    ),
    (('int64', (3,)),): (
        "bucketize searchsorted"
    ),
    (('float32', (4, 3)),): (
        "cat concat concatenate vstack"
    ),
    (('float32', (3, 2)),): (
        "cholesky_solve"
    ),
    (('float32', (2, 3)), ('int64', (2, 3))): (
        "cummax cummin sort"
    ),
    (('float32', ()),): (
        "dot inner linalg.cond linalg.det linalg.matrix_norm linalg.norm linalg.vector_norm "
        "nanquantile norm quantile"
    ),
    (('bool', (2, 3)),): (
        "eq ge greater greater_equal gt isin le less less_equal logical_and logical_not "
        "logical_or logical_xor lt ne not_equal signbit"
    ),
    (('complex64', (3,)),): (
        "fft.fft fft.ifft linalg.eigvals"
    ),
    (('complex64', (2, 3)),): (
        "fft.fft2 fft.fftn fft.ifft2 fft.ifftn"
    ),
    (('float32', (4,)),): (
        "fft.fftfreq masked_select"
    ),
    (('complex64', (2,)),): (
        "fft.ihfft fft.rfft"
    ),
    (('float32', (2, 4)),): (
        "fft.irfft2 fft.irfftn"
    ),
    (('complex64', (2, 2)),): (
        "fft.rfft2 fft.rfftn"
    ),
    (('float64', (2, 3)),): (
        "float_power"
    ),
    (('float32', (100,)),): (
        "histc"
    ),
    (('float32', (2, 6)),): (
        "hstack"
    ),
    (('float32', (9,)),): (
        "kron"
    ),
    (('float32', (2,)), ('int64', (2,))): (
        "kthvalue max median min mode"
    ),
    (('float32', (3, 3)), ('int32', ())): (
        "linalg.cholesky_ex linalg.inv_ex"
    ),
    (('complex64', (3,)), ('complex64', (3, 3))): (
        "linalg.eig"
    ),
    (('float32', (3,)), ('float32', (3, 3))): (
        "linalg.eigh"
    ),
    (('float32', (3, 3)), ('float32', (0,)), ('int64', ()), ('float32', (0,))): (
        "linalg.lstsq"
    ),
    (('int64', ()),): (
        "linalg.matrix_rank"
    ),
    (('float32', (3, 3)), ('float32', (3, 3))): (
        "linalg.qr"
    ),
    (('float32', ()), ('float32', ())): (
        "linalg.slogdet slogdet"
    ),
    (('float32', (3, 3)), ('float32', (3,)), ('float32', (3, 3))): (
        "linalg.svd svd"
    ),
    (('float32', (5,)),): (
        "linspace logspace"
    ),
    (('int64', (4, 2)),): (
        "nonzero"
    ),
    (('float32', (2, 2, 3)),): (
        "stack"
    ),
    (('float32', (2, 2)), ('int64', (2, 2))): (
        "topk"
    ),
}
# The functions of the table that take no out= in PyTorch (a TypeError there and here).
REJECTED = (
    "argsort bincount block_diag clone conj count_nonzero diag_embed dist empty_like flip "
    "full_like imag index_fill isinf isnan linalg.matrix_exp masked_fill masked_scatter "
    "ones_like poisson positive rand_like randint_like randn_like real relu repeat_interleave "
    "roll squeeze std_mean trace tril_indices triu_indices unique_consecutive unsqueeze "
    "var_mean zeros_like"
).split()
