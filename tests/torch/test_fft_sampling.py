"""torch.fft, torch.finfo/iinfo and the sampling functions against PyTorch 2.13.

Printed results recorded from PyTorch 2.13 (exactly), and values and gradients of real-valued
functions of the transforms (to 1e-4), on ``t`` (2x4) and ``u`` (3x3) that require grad.
"""

import os
import sys

import numpy as np
import pytest

import funcgrad.torch as torch

sys.path.insert(0, os.path.dirname(__file__))
from anchor_cases import evaluate  # noqa: E402

X0 = [[0.3, -0.2, 0.5, 0.8], [0.1, 0.4, -0.6, 0.2]]
U0 = [[2.0, 0.5, 0.3], [0.2, 1.6, 0.7], [0.4, 0.9, 1.8]]

# (expression, printed result, t.grad, u.grad)
CASES = [
    ('torch.fft.fftfreq(5)', 'tensor([ 0.0000,  0.2000,  0.4000, -0.4000, -0.2000])', '', ''),  # noqa: E501
    ('torch.fft.fftfreq(4, d=0.1, dtype=torch.float64)', 'tensor([ 0.0000,  2.5000, -5.0000, -2.5000], dtype=torch.float64)', '', ''),  # noqa: E501
    ('torch.fft.rfftfreq(6)', 'tensor([0.0000, 0.1667, 0.3333, 0.5000])', '', ''),  # noqa: E501
    ('torch.fft.fftshift(t)', 'tensor([[-0.6000,  0.2000,  0.1000,  0.4000],\n        [ 0.5000,  0.8000,  0.3000, -0.2000]], grad_fn=<RollBackward0>)', 'tensor([[7., 8., 5., 6.],\n        [3., 4., 1., 2.]])', 'None'),  # noqa: E501
    ('torch.fft.fftshift(u, dim=1)', 'tensor([[0.3000, 2.0000, 0.5000],\n        [0.7000, 0.2000, 1.6000],\n        [1.8000, 0.4000, 0.9000]], grad_fn=<RollBackward0>)', 'None', 'tensor([[2., 3., 1.],\n        [5., 6., 4.],\n        [8., 9., 7.]])'),  # noqa: E501
    ('torch.fft.ifftshift(t, dim=(0, 1))', 'tensor([[-0.6000,  0.2000,  0.1000,  0.4000],\n        [ 0.5000,  0.8000,  0.3000, -0.2000]], grad_fn=<RollBackward0>)', 'tensor([[7., 8., 5., 6.],\n        [3., 4., 1., 2.]])', 'None'),  # noqa: E501
    ('torch.fft.fft(t).dtype, torch.fft.fft(t.double()).dtype, torch.fft.rfft(torch.tensor([1, 2, 3])).dtype', '(torch.complex64, torch.complex128, torch.complex64)', '', ''),  # noqa: E501
    ('torch.fft.fft(t)', 'tensor([[ 1.4000+0.0000j, -0.2000+1.0000j,  0.2000+0.0000j, -0.2000-1.0000j],\n        [ 0.1000+0.0000j,  0.7000-0.2000j, -1.1000+0.0000j,  0.7000+0.2000j]],\n       grad_fn=<FftR2CBackward0>)', '', ''),  # noqa: E501
    ('torch.fft.rfft(t)', 'tensor([[ 1.4000+0.0000j, -0.2000+1.0000j,  0.2000+0.0000j],\n        [ 0.1000+0.0000j,  0.7000-0.2000j, -1.1000+0.0000j]],\n       grad_fn=<FftR2CBackward0>)', '', ''),  # noqa: E501
    ('torch.fft.irfft(torch.fft.rfft(t))', 'tensor([[ 0.3000, -0.2000,  0.5000,  0.8000],\n        [ 0.1000,  0.4000, -0.6000,  0.2000]], grad_fn=<FftC2RBackward0>)', 'tensor([[1., 2., 3., 4.],\n        [5., 6., 7., 8.]])', 'None'),  # noqa: E501
    ('torch.fft.fft2(t)', 'tensor([[ 1.5000+0.0000j,  0.5000+0.8000j, -0.9000+0.0000j,  0.5000-0.8000j],\n        [ 1.3000+0.0000j, -0.9000+1.2000j,  1.3000+0.0000j, -0.9000-1.2000j]],\n       grad_fn=<FftC2CBackward0>)', '', ''),  # noqa: E501
    ('torch.finfo(torch.float32)', 'finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)', '', ''),  # noqa: E501
    ('torch.finfo(torch.float16).bits, torch.finfo().eps, torch.finfo(torch.float64).tiny, torch.finfo(torch.float32).min', '(16, 1.1920928955078125e-07, 2.2250738585072014e-308, -3.4028234663852886e+38)', '', ''),  # noqa: E501
    ('torch.iinfo(torch.int64)', 'iinfo(min=-9.22337e+18, max=9.22337e+18, dtype=int64)', '', ''),  # noqa: E501
    ('torch.iinfo(torch.uint8).max, torch.iinfo(torch.int32).bits', '(255, 32)', '', ''),  # noqa: E501
    ('torch.multinomial(torch.tensor([0.0, 0.0, 1.0]), 2, replacement=True)', 'tensor([2, 2])', '', ''),  # noqa: E501
    ('torch.bernoulli(torch.ones(3)).dtype', 'torch.float32', '', ''),  # noqa: E501
]

# (expression, values, t.grad, u.grad) of a weighted sum
VALUE_CASES = [
    ('torch.fft.fft(t).abs()', [[1.4000000953674316, 1.0198038816452026, 0.19999998807907104, 1.0198038816452026], [0.10000002384185791, 0.7280110120773315, 1.100000023841858, 0.7280110120773315]], [[2.82330322265625, -7.88348388671875, 5.17669677734375, 3.88348388671875], [11.461336135864258, 15.84609603881836, -15.461336135864258, 8.15390396118164]], None),  # noqa: E501
    ('torch.fft.fft(t, n=6, dim=0).real', [[0.4000000059604645, 0.20000000298023224, -0.10000002384185791, 1.0], [0.3500000238418579, 0.0, 0.19999998807907104, 0.9000000357627869], [0.25, -0.4000000059604645, 0.800000011920929, 0.699999988079071], [0.20000001788139343, -0.6000000238418579, 1.100000023841858, 0.6000000238418579], [0.25, -0.4000000059604645, 0.800000011920929, 0.699999988079071], [0.3500000238418579, 0.0, 0.19999998807907104, 0.9000000357627869]], [[66.0, 72.0, 78.0, 84.0], [-12.0, -12.0, -12.0, -12.0]], None),  # noqa: E501
    ('torch.fft.ifft(t).imag', [[-0.0, -0.25, -0.0, 0.25], [-0.0, 0.05000000074505806, -0.0, -0.05000000074505806]], [[-0.0, -0.5, 0.0, 0.5], [-0.0, -0.5, 0.0, 0.5]], None),  # noqa: E501
    ('torch.fft.rfft(t).abs()', [[1.4000000953674316, 1.0198038816452026, 0.19999998807907104], [0.10000002384185791, 0.7280110120773315, 1.100000023841858]], [[3.6077678203582764, -3.9611613750457764, 4.392232418060303, -0.03883862495422363], [2.807620048522949, 11.373605728149414, -6.807620048522949, 8.626394271850586]], None),  # noqa: E501
    ("torch.fft.rfft(t, norm='ortho').real", [[0.7000000476837158, -0.09999999403953552, 0.09999999403953552], [0.050000011920928955, 0.3500000238418579, -0.550000011920929]], [[3.0, -1.0, 1.0, -1.0], [7.5, -1.0, 2.5, -1.0]], None),  # noqa: E501
    ('torch.fft.irfft(torch.fft.rfft(t), n=4)', [[0.30000004172325134, -0.19999998807907104, 0.5, 0.800000011920929], [0.10000002384185791, 0.4000000059604645, -0.6000000238418579, 0.20000001788139343]], [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], None),  # noqa: E501
    ('torch.fft.irfft(torch.fft.rfft(t))', [[0.30000004172325134, -0.19999998807907104, 0.5, 0.800000011920929], [0.10000002384185791, 0.4000000059604645, -0.6000000238418579, 0.20000001788139343]], [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], None),  # noqa: E501
    ('torch.fft.hfft(t[0])', [1.6999999284744263, -1.2000000476837158, 0.800000011920929, 0.8999999761581421, 0.800000011920929, -1.2000000476837158], [[21.0, -6.0, -6.0, -3.0], [0.0, 0.0, 0.0, 0.0]], None),  # noqa: E501
    ('torch.fft.fft2(t).abs()', [[1.5000001192092896, 0.9433981776237488, 0.9000000357627869, 0.9433981776237488], [1.3000000715255737, 1.5, 1.2999999523162842, 1.5]], [[4.779993057250977, -14.28799057006836, 15.22000789642334, 18.28799057006836], [-2.4200057983398438, 12.112010955810547, -25.579994201660156, -0.11201095581054688]], None),  # noqa: E501
    ("torch.fft.ifft2(t, norm='forward').real", [[1.5000001192092896, 0.5000000596046448, -0.9000000357627869, 0.5000000596046448], [1.3000000715255737, -0.9000000357627869, 1.2999999523162842, -0.9000000357627869]], [[36.0, -4.0, -4.0, -4.0], [-16.0, 0.0, 0.0, 0.0]], None),  # noqa: E501
    ('torch.fft.rfft2(t).abs()', [[1.5000001192092896, 0.9433981776237488, 0.9000000357627869], [1.3000000715255737, 1.5, 1.2999999523162842]], [[6.059998035430908, -3.6959969997406006, 9.94000244140625, 7.6959967613220215], [-7.940001964569092, 8.304003715515137, -16.05999755859375, 3.695995807647705]], None),  # noqa: E501
    ('torch.fft.irfft2(torch.fft.rfft2(t), s=(2, 4))', [[0.30000001192092896, -0.19999995827674866, 0.5, 0.8000000715255737], [0.10000002384185791, 0.40000003576278687, -0.6000000238418579, 0.20000000298023224]], [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], None),  # noqa: E501
    ('torch.fft.fftn(u).abs()', [[8.399999618530273, 0.34641003608703613, 0.34641003608703613], [0.5196151733398438, 1.2124354839324951, 3.9038443565368652], [0.5196151733398438, 3.9038443565368652, 1.2124354839324951]], None, [[24.512495040893555, -6.321201324462891, -15.191293716430664], [-25.58359718322754, 1.1298093795776367, -1.1250495910644531], [-8.919275283813477, 21.181774139404297, 19.31633758544922]]),  # noqa: E501
    ('torch.fft.fftn(u, dim=(0,)).abs()', [[2.5999999046325684, 3.0, 2.799999952316284], [1.7088007926940918, 0.9643650650978088, 1.3453623056411743], [1.7088007926940918, 0.9643650650978088, 1.3453623056411743]], None, [[11.943347930908203, -8.110279083251953, -7.591941833496094], [-5.437263488769531, 14.132333755493164, -0.9022932052612305], [-3.506084442138672, -0.02205514907836914, 17.49423599243164]]),  # noqa: E501
    ('torch.fft.ifftn(u).real', [[0.9333332777023315, -0.03333331644535065, -0.03333331644535065], [2.9802322387695312e-08, 0.13333334028720856, 0.4333333373069763], [2.9802322387695312e-08, 0.4333333373069763, 0.13333334028720856]], None, [[5.0, -0.5, -0.5], [-1.5, 0.0, 0.0], [-1.5, 0.0, 0.0]]),  # noqa: E501
    ('torch.fft.rfftn(u).abs()', [[8.399999618530273, 0.34641003608703613], [0.5196151733398438, 1.2124354839324951], [0.5196151733398438, 3.9038443565368652]], None, [[9.221014022827148, -1.5190680027008057, -4.701946258544922], [-12.372456550598145, -0.6764187812805176, -4.735734939575195], [0.9552907943725586, 10.391639709472656, 12.437679290771484]]),  # noqa: E501
]


@pytest.mark.parametrize(("expression", "out", "grad_t", "grad_u"), CASES,
                         ids=[c[0] for c in CASES])
def test_against_pytorch(expression, out, grad_t, grad_u):
    assert evaluate(expression, X0, U0) == (out, grad_t, grad_u)


def _close(a, b):
    if b is None:
        return a is None
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(("expression", "values", "grad_t", "grad_u"), VALUE_CASES,
                         ids=[c[0] for c in VALUE_CASES])
def test_values_and_gradients(expression, values, grad_t, grad_u):
    t = torch.tensor(X0, requires_grad=True)
    u = torch.tensor(U0, requires_grad=True)
    y = eval(expression)
    assert _close(y.tolist(), values)
    (y * (torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape) + 1)).sum().backward()
    assert _close(None if t.grad is None else t.grad.tolist(), grad_t)
    assert _close(None if u.grad is None else u.grad.tolist(), grad_u)


def test_fft_under_vmap_and_gradcheck():
    x = torch.tensor(X0, dtype=torch.float64)
    f = lambda v: torch.fft.rfft(v).abs()  # noqa: E731
    assert torch.allclose(torch.func.vmap(f)(x), torch.stack([f(v) for v in x]))
    assert torch.autograd.gradcheck(lambda v: torch.fft.irfft(torch.fft.fft(v)[..., :3]),
                                    (x.clone().requires_grad_(),))


def test_multinomial_draws():
    torch.manual_seed(0)
    w = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
    draws = torch.multinomial(w, 2000, replacement=True)
    assert draws.shape == (2, 2000) and draws.dtype == torch.int64
    freq = torch.stack([(draws == k).float().mean(1) for k in range(3)], 1)
    assert torch.allclose(freq, w, atol=0.04)
    once = torch.multinomial(torch.tensor([1.0, 2.0, 3.0, 0.0]), 3)
    assert sorted(once.tolist()) == [0, 1, 2]
    with pytest.raises(RuntimeError, match="without replacement"):
        torch.multinomial(torch.tensor([0.5, 0.5]), 3)
    assert torch.bernoulli(torch.tensor([0.0, 1.0])).tolist() == [0.0, 1.0]
    assert torch.poisson(torch.full((4000,), 3.0)).mean().item() == pytest.approx(3.0, abs=0.15)

