"""More of PyTorch's math (inverse trigonometry, special functions, sorting, ...): values, node
names and gradients against PyTorch 2.13's recorded answers."""

import pytest

import funcgrad.torch as torch

X0 = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]]

CASES = [
    ('torch.asin(t)', 'tensor([[ 0.3047, -0.2014,  0.5236],\n        [ 0.1002,  0.4115, -0.6435]], grad_fn=<AsinBackward0>)', '', 'tensor([[0.0000, 1.0206, 2.3094],\n        [3.0151, 4.3644, 6.2500]])'),  # noqa: E501
    ('torch.acos(t)', 'tensor([[1.2661, 1.7722, 1.0472],\n        [1.4706, 1.1593, 2.2143]], grad_fn=<AcosBackward0>)', '', 'tensor([[-0.0000, -1.0206, -2.3094],\n        [-3.0151, -4.3644, -6.2500]])'),  # noqa: E501
    ('torch.atan(t)', 'tensor([[ 0.2915, -0.1974,  0.4636],\n        [ 0.0997,  0.3805, -0.5404]], grad_fn=<AtanBackward0>)', '', 'tensor([[0.0000, 0.9615, 1.6000],\n        [2.9703, 3.4483, 3.6765]])'),  # noqa: E501
    ('torch.asinh(t)', 'tensor([[ 0.2957, -0.1987,  0.4812],\n        [ 0.0998,  0.3900, -0.5688]], grad_fn=<AsinhBackward0>)', '', 'tensor([[0.0000, 0.9806, 1.7889],\n        [2.9851, 3.7139, 4.2875]])'),  # noqa: E501
    ('torch.atanh(t)', 'tensor([[ 0.3095, -0.2027,  0.5493],\n        [ 0.1003,  0.4236, -0.6931]], grad_fn=<AtanhBackward0>)', '', 'tensor([[0.0000, 1.0417, 2.6667],\n        [3.0303, 4.7619, 7.8125]])'),  # noqa: E501
    ('torch.acosh(t + 2)', 'tensor([[1.4750, 1.1929, 1.5668],\n        [1.3729, 1.5221, 0.8670]], grad_fn=<AcoshBackward0>)', '', 'tensor([[0.0000, 0.6682, 0.8729],\n        [1.6246, 1.8334, 5.1031]])'),  # noqa: E501
    ('torch.erf(t)', 'tensor([[ 0.3286, -0.2227,  0.5205],\n        [ 0.1125,  0.4284, -0.6039]], grad_fn=<ErfBackward0>)', '', 'tensor([[0.0000, 1.0841, 1.7576],\n        [3.3515, 3.8462, 3.9362]])'),  # noqa: E501
    ('torch.erfc(t)', 'tensor([[0.6714, 1.2227, 0.4795],\n        [0.8875, 0.5716, 1.6039]], grad_fn=<ErfcBackward0>)', '', 'tensor([[-0.0000, -1.0841, -1.7576],\n        [-3.3515, -3.8462, -3.9362]])'),  # noqa: E501
    ('torch.erfinv(t)', 'tensor([[ 0.2725, -0.1791,  0.4769],\n        [ 0.0889,  0.3708, -0.5951]], grad_fn=<ErfinvBackward0>)', '', 'tensor([[0.0000, 0.9151, 2.2252],\n        [2.6798, 4.0674, 6.3143]])'),  # noqa: E501
    ('torch.lgamma(t + 2)', 'tensor([[ 0.1542, -0.0711,  0.2847],\n        [ 0.0454,  0.2169, -0.1196]], grad_fn=<LgammaBackward0>)', '', 'tensor([[ 0.0000,  0.2850,  1.4063],\n        [ 1.4560,  2.6116, -0.3069]])'),  # noqa: E501
    ('torch.digamma(t + 2)', 'tensor([[ 0.6000,  0.2850,  0.7032],\n        [ 0.4853,  0.6529, -0.0614]], grad_fn=<DigammaBackward0>)', '', 'tensor([[0.0000, 0.7370, 0.9807],\n        [1.8206, 2.0606, 5.1268]])'),  # noqa: E501
    ('torch.i0(t)', 'tensor([[1.0226, 1.0100, 1.0635],\n        [1.0025, 1.0404, 1.0920]], grad_fn=<I0Backward0>)', '', 'tensor([[ 0.0000, -0.1005,  0.5158],\n        [ 0.1502,  0.8161, -1.5685]])'),  # noqa: E501
    ('torch.frac(t)', 'tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000]], grad_fn=<FracBackward0>)', '', 'tensor([[0., 1., 2.],\n        [3., 4., 5.]])'),  # noqa: E501
    ('torch.deg2rad(t)', 'tensor([[ 0.0052, -0.0035,  0.0087],\n        [ 0.0017,  0.0070, -0.0105]], grad_fn=<Deg2RadBackward0>)', '', 'tensor([[0.0000, 0.0175, 0.0349],\n        [0.0524, 0.0698, 0.0873]])'),  # noqa: E501
    ('torch.sgn(t)', 'tensor([[ 1., -1.,  1.],\n        [ 1.,  1., -1.]], grad_fn=<SgnBackward0>)', '', 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('torch.atan2(t, t.flip(0))', 'tensor([[ 1.2490, -0.4636,  2.4469],\n        [ 0.3218,  2.0344, -0.8761]], grad_fn=<Atan2Backward0>)', '', 'tensor([[-3.0000, -6.0000,  2.9508],\n        [ 9.0000, -3.0000,  2.4590]])'),  # noqa: E501
    ('torch.hypot(t, t.flip(0))', 'tensor([[0.3162, 0.4472, 0.7810],\n        [0.3162, 0.4472, 0.7810]], grad_fn=<HypotBackward0>)', '', 'tensor([[ 2.8461, -2.2361,  4.4813],\n        [ 0.9487,  4.4721, -5.3775]])'),  # noqa: E501
    ('torch.logaddexp(t, t.flip(0))', 'tensor([[0.8981, 0.8375, 0.7873],\n        [0.8981, 0.8375, 0.7873]], grad_fn=<LogaddexpBackward0>)', '', 'tensor([[1.6495, 1.7717, 5.2518],\n        [1.3505, 3.2283, 1.7482]])'),  # noqa: E501
    ('torch.xlogy(t, t.abs() + 1)', 'tensor([[ 0.0787, -0.0365,  0.2027],\n        [ 0.0095,  0.1346, -0.2820]], grad_fn=<XlogyBackward0>)', '', 'tensor([[0.0000, 0.3490, 1.4776],\n        [0.5587, 2.4887, 4.2250]])'),  # noqa: E501
    ('torch.fmod(t, 0.25)', 'tensor([[ 0.0500, -0.2000,  0.0000],\n        [ 0.1000,  0.1500, -0.1000]], grad_fn=<FmodBackward0>)', '', 'tensor([[0., 1., 2.],\n        [3., 4., 5.]])'),  # noqa: E501
    ('torch.logit(t.abs())', 'tensor([[-0.8473, -1.3863,  0.0000],\n        [-2.1972, -0.4055,  0.4055]], grad_fn=<LogitBackward0>)', '', 'tensor([[  0.0000,  -6.2500,   8.0000],\n        [ 33.3333,  16.6667, -20.8333]])'),  # noqa: E501
    ('torch.sort(t)', 'tensor([[-0.2000,  0.3000,  0.5000],\n        [-0.6000,  0.1000,  0.4000]], grad_fn=<SortBackward0>)', 'tensor([[1, 0, 2],\n        [2, 0, 1]])', 'tensor([[1., 0., 2.],\n        [4., 5., 3.]])'),  # noqa: E501
    ('t.sort(dim=0, descending=True)', 'tensor([[ 0.3000,  0.4000,  0.5000],\n        [ 0.1000, -0.2000, -0.6000]], grad_fn=<SortBackward0>)', 'tensor([[0, 1, 0],\n        [1, 0, 1]])', 'tensor([[0., 4., 2.],\n        [3., 1., 5.]])'),  # noqa: E501
    ('torch.topk(t, 2)', 'tensor([[0.5000, 0.3000],\n        [0.4000, 0.1000]], grad_fn=<TopkBackward0>)', 'tensor([[2, 0],\n        [1, 0]])', 'tensor([[1., 0., 0.],\n        [3., 2., 0.]])'),  # noqa: E501
    ('torch.kthvalue(t, 2, 1)', 'tensor([0.3000, 0.1000], grad_fn=<KthvalueBackward0>)', 'tensor([0, 0])', 'tensor([[0., 0., 0.],\n        [1., 0., 0.]])'),  # noqa: E501
    ('torch.median(t)', 'tensor(0.1000, grad_fn=<MedianBackward0>)', '', 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])'),  # noqa: E501
    ('t.median(1)', 'tensor([0.3000, 0.1000], grad_fn=<MedianBackward1>)', 'tensor([0, 0])', 'tensor([[0., 0., 0.],\n        [1., 0., 0.]])'),  # noqa: E501
    ('torch.msort(t)', 'tensor([[ 0.1000, -0.2000, -0.6000],\n        [ 0.3000,  0.4000,  0.5000]], grad_fn=<SortBackward0>)', '', 'tensor([[3., 1., 5.],\n        [0., 4., 2.]])'),  # noqa: E501
    ('torch.tril(t)', 'tensor([[0.3000, 0.0000, 0.0000],\n        [0.1000, 0.4000, 0.0000]], grad_fn=<TrilBackward0>)', '', 'tensor([[0., 0., 0.],\n        [3., 4., 0.]])'),  # noqa: E501
    ('torch.roll(t, 1, 1)', 'tensor([[ 0.5000,  0.3000, -0.2000],\n        [-0.6000,  0.1000,  0.4000]], grad_fn=<RollBackward0>)', '', 'tensor([[1., 2., 0.],\n        [4., 5., 3.]])'),  # noqa: E501
    ('torch.cumprod(t, 1)', 'tensor([[ 0.3000, -0.0600, -0.0300],\n        [ 0.1000,  0.0400, -0.0240]], grad_fn=<CumprodBackward0>)', '', 'tensor([[-0.4000,  0.6000, -0.1200],\n        [ 3.4000,  0.1000,  0.2000]])'),  # noqa: E501
    ('torch.diff(t)', 'tensor([[-0.5000,  0.7000],\n        [ 0.3000, -1.0000]], grad_fn=<SubBackward0>)', '', 'tensor([[ 0., -1.,  1.],\n        [-2., -1.,  3.]])'),  # noqa: E501
    ('torch.lerp(t, t * 2, 0.3)', 'tensor([[ 0.3900, -0.2600,  0.6500],\n        [ 0.1300,  0.5200, -0.7800]], grad_fn=<LerpBackward0>)', '', 'tensor([[0.0000, 1.3000, 2.6000],\n        [3.9000, 5.2000, 6.5000]])'),  # noqa: E501
    ('torch.addcmul(t, t, t, value=2)', 'tensor([[ 0.4800, -0.1200,  1.0000],\n        [ 0.1200,  0.7200,  0.1200]], grad_fn=<AddcmulBackward0>)', '', 'tensor([[ 0.0000,  0.2000,  6.0000],\n        [ 4.2000, 10.4000, -7.0000]])'),  # noqa: E501
    ('torch.mode(torch.tensor([[1., 2., 2.], [3., 3., 1.]]) * t)', 'tensor([-0.4000, -0.6000], grad_fn=<ModeBackward0>)', 'tensor([1, 2])', 'tensor([[0., 0., 0.],\n        [0., 0., 1.]])'),  # noqa: E501
]


@pytest.mark.parametrize(("expression", "out", "indices", "grad"), CASES,
                         ids=[c[0] for c in CASES])
def test_values_names_and_gradients(expression, out, indices, grad):
    t = torch.tensor(X0, requires_grad=True)
    y = eval(expression)
    value = y[0] if isinstance(y, tuple) else y
    assert repr(value) == out
    assert (repr(y[1]) if isinstance(y, tuple) else "") == indices
    weights = torch.arange(value.numel(), dtype=value.dtype).reshape(value.shape)
    (value * weights).sum().backward()
    assert repr(t.grad) == grad
