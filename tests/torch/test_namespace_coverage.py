"""The torch namespace against PyTorch's documented op tables (a frozen list).

Every function of the "Pointwise Ops", "Reduction Ops", "Comparison Ops" and
"Other Operations" tables of PyTorch's ``torch`` documentation (the names that
exist in PyTorch 2.13), and every one of them that is also a Tensor method,
either exists in funcgrad.torch or raises NotImplementedError naming it.
"""

import pytest

import funcgrad.torch as torch

POINTWISE_FUNCTIONS = """
abs absolute acos arccos acosh arccosh add addcdiv addcmul angle
asin arcsin asinh arcsinh atan arctan atanh arctanh atan2 bitwise_not
bitwise_and bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift ceil clamp clip
conj_physical copysign
cos cosh deg2rad div divide digamma erf erfc erfinv exp
exp2 expm1 fake_quantize_per_channel_affine fake_quantize_per_tensor_affine fix float_power
floor floor_divide fmod frac
frexp gradient imag ldexp lerp lgamma log log10 log1p log2
logaddexp logaddexp2 logical_and logical_not logical_or logical_xor logit hypot i0 igamma
igammac mul multiply mvlgamma nan_to_num neg negative nextafter polygamma positive
pow rad2deg real reciprocal remainder round rsqrt sigmoid sign sgn
signbit sin sinc sinh sqrt square sub subtract tan tanh
true_divide trunc xlogy
""".split()
POINTWISE_METHODS = """
abs absolute acos arccos acosh arccosh add addcdiv addcmul angle
asin arcsin asinh arcsinh atan arctan atanh arctanh atan2 bitwise_not
bitwise_and bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift ceil clamp clip
conj_physical copysign
cos cosh deg2rad div divide digamma erf erfc erfinv exp
exp2 expm1 fix float_power floor floor_divide fmod frac frexp imag
ldexp lerp lgamma log log10 log1p log2 logaddexp logaddexp2 logical_and
logical_not logical_or logical_xor logit hypot i0 igamma igammac mul multiply
mvlgamma nan_to_num neg negative nextafter polygamma positive pow rad2deg real
reciprocal remainder round rsqrt sigmoid sign sgn signbit sin sinc
sinh sqrt square sub subtract tan tanh true_divide trunc xlogy
""".split()
REDUCTION_FUNCTIONS = """
argmax argmin amax amin all any max min dist logsumexp
mean median nanmedian mode norm nansum prod quantile nanquantile std
std_mean sum unique unique_consecutive var var_mean count_nonzero
""".split()
REDUCTION_METHODS = """
argmax argmin amax amin all any max min dist logsumexp
mean median nanmedian mode norm nansum prod quantile nanquantile std
sum unique unique_consecutive var count_nonzero
""".split()
COMPARISON_FUNCTIONS = """
allclose argsort eq equal ge greater_equal gt greater isclose isfinite
isin isinf isposinf isneginf isnan isreal kthvalue le less_equal lt
less maximum minimum fmax fmin ne not_equal sort topk msort
""".split()
COMPARISON_METHODS = """
allclose argsort eq equal ge greater_equal gt greater isclose isfinite
isinf isposinf isneginf isnan isreal kthvalue le less_equal lt less
maximum minimum fmax fmin ne not_equal sort topk msort
""".split()
OTHER_FUNCTIONS = """
atleast_1d atleast_2d atleast_3d bincount block_diag broadcast_tensors broadcast_to
broadcast_shapes bucketize cartesian_prod
cdist clone combinations corrcoef cov cross cummax cummin cumprod cumsum
diag diag_embed diagflat diagonal diff einsum flatten flip fliplr flipud
kron rot90 gcd histc histogram meshgrid lcm logcumsumexp ravel renorm
repeat_interleave roll searchsorted tensordot trace tril tril_indices triu triu_indices vander
view_as_real view_as_complex resolve_conj resolve_neg
""".split()
OTHER_METHODS = """
bincount broadcast_to clone corrcoef cov cross cummax cummin cumprod cumsum
diag diag_embed diagflat diagonal diff flatten flip fliplr flipud kron
rot90 gcd histc histogram lcm logcumsumexp ravel renorm repeat_interleave roll
trace tril triu resolve_conj resolve_neg
""".split()
FUNCTIONS = POINTWISE_FUNCTIONS + REDUCTION_FUNCTIONS + COMPARISON_FUNCTIONS + OTHER_FUNCTIONS
# Tensor.real and Tensor.imag are attributes (tensors), not methods.
METHODS = [
    n for n in POINTWISE_METHODS + REDUCTION_METHODS + COMPARISON_METHODS + OTHER_METHODS
    if n not in ("real", "imag")
]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_exists_or_says_it_is_missing(name):
    try:
        fn = getattr(torch, name)
    except NotImplementedError as e:
        assert f"torch.{name} is not implemented" in str(e)
        assert not hasattr(torch, name)
    else:
        assert callable(fn)


@pytest.mark.parametrize("name", METHODS)
def test_method_exists_or_says_it_is_missing(name):
    x = torch.ones(2)
    try:
        method = getattr(x, name)
    except NotImplementedError as e:
        assert f"Tensor.{name} is not implemented" in str(e)
    else:
        assert callable(method)
