"""funcgrad.nn's additions (jax.nn's full list) and funcgrad.nn.initializers, against JAX.

Values and derivatives at the kinks, and every initializer's draw from ``key(0)``,
were recorded once with jax 0.10.2 (x64) and are frozen here.
"""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.nn as nn
import funcgrad.random as random
from funcgrad.nn import initializers as I

X = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 6.0])

# name: (values, derivatives) at X (log1mexp at |X| + 0.1), recorded with jax.nn
KINKS = {
    'squareplus': (
        [0.30277563773199456, 0.6180339887498949, 0.7807764064044151, 1.0, 1.2807764064044151,
         1.618033988749895, 3.302775637731995, 6.16227766016838],
        [0.08397485283107814, 0.27639320225002106, 0.3787321874818335, 0.5, 0.6212678125181665,
         0.7236067977499789, 0.9160251471689218, 0.9743416490252569]),
    'sparse_plus': (
        [0.0, 0.0, 0.0625, 0.25, 0.5625, 1.0, 3.0, 6.0],
        [0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0]),
    'sparse_sigmoid': (
        [0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0],
        [0.0, 0.25, 0.5, 0.5, 0.5, 0.25, 0.0, 0.0]),
    'mish': (
        [-0.1456474612756246, -0.30340146137410895, -0.22074377465173, 0.0, 0.375245211304895,
         0.8650983882673103, 2.9865350049679567, 5.999926634065253],
        [-0.0933931145323208, 0.059216755877395, 0.28951067791351226, 0.6000000000000001,
         0.8864243753577272, 1.0490362200997922, 1.0211069109294446, 1.0001341405062087]),
    'hard_sigmoid': (
        [0.0, 0.3333333333333333, 0.41666666666666663, 0.5, 0.5833333333333333, 0.6666666666666666,
         1.0, 1.0],
        [0.0, 0.16666666666666666, 0.16666666666666666, 0.16666666666666666, 0.16666666666666666,
         0.16666666666666666, 0.0, 0.0]),
    'hard_silu': (
        [-0.0, -0.3333333333333333, -0.20833333333333331, 0.0, 0.29166666666666663,
         0.6666666666666666, 3.0, 6.0],
        [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333,
         1.0, 1.0]),
    'log1mexp': (
        [-0.04609546065960099, -0.4047719739282899, -0.7958703683463197, -2.352168461044091,
         -0.7958703683463197, -0.4047719739282899, -0.04609546065960099, -0.002245386714509268],
        [0.0471743701418674, 0.49896065897319475, 1.216369215160871, 9.50833194477505,
         1.216369215160871, 0.49896065897319475, 0.0471743701418674, 0.0022479094831017784]),
    'relu6': (
        [0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 3.0, 6.0],
        [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]),
    'hard_tanh': (
        [-1.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.0, 1.0],
        [0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]),
    'leaky_relu': (
        [-0.03, -0.01, -0.005, 0.0, 0.5, 1.0, 3.0, 6.0],
        [0.01, 0.01, 0.01, 1.0, 1.0, 1.0, 1.0, 1.0]),
    'celu': (
        [-0.950212931632136, -0.6321205588285577, -0.3934693402873665, 0.0, 0.5, 1.0, 3.0, 6.0],
        [0.04978706836786395, 0.36787944117144233, 0.6065306597126334, 1.0, 1.0, 1.0, 1.0, 1.0]),
}
# initializer: its draw for key(0), shape (4, 3), float64, recorded with jax.nn.initializers
INITS = {
    'glorot_normal':
        [-0.11931729520105679, -0.4505697204137817, 0.9665552832093731, 0.10889619576683274,
         0.04690053746830049, -0.21537872244596457, 0.6719296936793119, 0.196079328590439,
         0.04919553833832766, -0.49919494457642055, 0.5994803081666191, -0.8559309356912181],
    'glorot_uniform':
        [-0.15098808993295423, -0.5253187410461037, 0.8616079231189994, 0.13794818313741336,
         0.05967186113487289, -0.26866340095829144, 0.7091948170425983, 0.24545414754022932,
         0.0625855808465527, -0.5709460684267135, 0.6558077264995391, -0.8157599195151103],
    'he_normal':
        [-0.1578419451054384, -0.5960477142553845, 1.2786324538838028, 0.14405612636002202,
         0.06204357924819499, -0.28491926864341366, 0.888879433997634, 0.25938857034540935,
         0.06507958002857937, -0.6603728395449402, 0.7930379056446187, -1.1322901976428912],
    'he_uniform':
        [-0.199738468447626, -0.6949313739247643, 1.1398001461078657, 0.18248829319739482,
         0.07893845241562707, -0.35540827266023567, 0.9381765584953335, 0.32470531633040156,
         0.08279294128925288, -0.7552906545435754, 0.867552076096222, -1.079148938285524],
    'lecun_normal':
        [-0.11161110973973026, -0.421469380660724, 0.9041296787864325, 0.10186306382063773,
         0.04387143561548363, -0.20146834694846946, 0.6285326754369872, 0.18341541705352274,
         0.04601821235498108, -0.46695411295364303, 0.5607624808192874, -0.8006500770243445],
    'lecun_uniform':
        [-0.1412364255031316, -0.49139068696148525, 0.8059604125102896, 0.1290387096070368,
         0.0558179149994615, -0.2513115996878501, 0.663391006462308, 0.22960133106454997,
         0.05854345022001041, -0.5340711435945882, 0.6134519560401063, -0.7630735321719572],
    'normal':
        [-0.0020584213947964338, -0.00784765776446741, 0.018160866726679836, 0.001878440128937887,
         0.0008086788103743276, -0.0037211079333462032, 0.0119016372498863, 0.003386422910309605,
         0.0008482584466880496, -0.008718178356628345, 0.010545160942256122, -0.015594978984929743],
    'uniform':
        [0.004184571117163864, 0.002162954546055114, 0.009653214611189976, 0.0057450053372750465,
         0.005322264882505427, 0.003549051802697443, 0.008830089761589903, 0.0063256039029641435,
         0.005338000767438125, 0.0019165388147925322, 0.008541766519546579, 0.0005943929078904198],
    'truncated_normal':
        [-0.09817599618357531, -0.37073528256938093, 0.7952956663631905, 0.08960136484820141,
         0.03859044055379088, -0.177216727862023, 0.5528734701128791, 0.1613369074695757,
         0.04047880046236425, -0.4107448202795053, 0.4932610678738658, -0.704272353259654],
    'vs_fan_out_normal':
        [-0.08403470154798846, -0.3203792866489281, 0.7414142794509095, 0.07668699713776107,
         0.03301417418696697, -0.1519135952420106, 0.48588230609871147, 0.13825013639215558,
         0.03463000607319281, -0.35591814100525726, 0.4305043927342361, -0.6366623510417436],
    'vs_geo':
        [-0.1517684161239009, -0.5280336569869267, 0.8660608255236557, 0.13866111738503137,
         0.05998025311550361, -0.27005188854303835, 0.7128600285865533, 0.24672268666862796,
         0.06290903131163152, -0.5738967923613578, 0.6591970265790356, -0.8199758734423694],
}

INITIALIZERS = {
    "glorot_normal": I.glorot_normal(), "glorot_uniform": I.glorot_uniform(),
    "he_normal": I.he_normal(), "he_uniform": I.he_uniform(), "lecun_normal": I.lecun_normal(),
    "lecun_uniform": I.lecun_uniform(), "normal": I.normal(), "uniform": I.uniform(),
    "truncated_normal": I.truncated_normal(0.5),
    "vs_fan_out_normal": I.variance_scaling(0.5, "fan_out", "normal"),
    "vs_geo": I.variance_scaling(1.0, "fan_geo_avg", "uniform"),
}


@pytest.mark.parametrize("name", sorted(KINKS))
def test_values_and_derivatives_match_jax(name):
    f = getattr(nn, name)
    x = np.abs(X) + 0.1 if name == "log1mexp" else X
    values, derivatives = KINKS[name]
    np.testing.assert_allclose(f(x), values, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(fg.vmap(fg.grad(f))(x), derivatives, rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("name", sorted(INITS))
def test_initializers_draw_jax_numbers(name):
    out = INITIALIZERS[name](random.key(0), (4, 3))
    assert out.dtype == np.float64
    np.testing.assert_allclose(out.ravel(), INITS[name], rtol=1e-13)
    assert INITIALIZERS[name](random.key(0), (4, 3), np.float32).dtype == np.float32


def test_aliases_and_simple_initializers():
    assert I.xavier_uniform is I.glorot_uniform and I.kaiming_normal is I.he_normal
    assert nn.hard_swish is nn.hard_silu
    np.testing.assert_array_equal(I.zeros(random.key(0), (2,)), [0.0, 0.0])
    np.testing.assert_array_equal(I.constant(2.0)(random.key(0), (2,)), [2.0, 2.0])
    w = I.orthogonal()(random.key(1), (5, 3))
    np.testing.assert_allclose(w.T @ w, np.eye(3), atol=1e-12)
    d = I.delta_orthogonal()(random.key(1), (3, 3, 2, 4))
    assert np.count_nonzero(d[0]) == 0 and np.count_nonzero(d[1, 1]) > 0


def test_one_hot_glu_standardize_logmeanexp():
    np.testing.assert_array_equal(nn.one_hot(np.array([0, 2, 5, -1]), 4),
                                  [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    assert nn.one_hot(np.array([[1, 0]]), 3, axis=0).shape == (3, 1, 2)
    y = np.arange(12.0).reshape(3, 4) / 5
    np.testing.assert_allclose(nn.glu(y), y[:, :2] / (1 + np.exp(-y[:, 2:])))
    s = nn.standardize(y, epsilon=0.0)
    np.testing.assert_allclose(s.mean(-1), 0, atol=1e-12)
    np.testing.assert_allclose(s.std(-1), 1)
    np.testing.assert_allclose(nn.logmeanexp(y, axis=1), np.log(np.exp(y).mean(1)))


def test_dot_product_attention_is_softmax_attention():
    rng = np.random.default_rng(0)
    q, k, v = (rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 6, 2, 5)),
               rng.normal(size=(2, 6, 2, 5)))
    out = nn.dot_product_attention(q, k, v)
    kk, vv = np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2)  # grouped heads
    logits = np.einsum("btnh,bsnh->bnts", q, kk) / np.sqrt(5)
    p = np.exp(logits - logits.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    np.testing.assert_allclose(out, np.einsum("bnts,bsnh->btnh", p, vv), rtol=1e-5)
    causal = nn.dot_product_attention(q, k[:, :3], v[:, :3], is_causal=True)
    np.testing.assert_allclose(causal[:, 0], np.repeat(v[:, :1], 2, axis=2)[:, 0], rtol=1e-6)
    g = fg.grad(lambda q: nn.dot_product_attention(q, k, v).sum())(q)
    assert g.shape == q.shape and np.all(np.isfinite(g))
