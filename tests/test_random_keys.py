"""funcgrad.random: JAX's numbers (recorded once with jax 0.10.2, x64 on), jit, vmap, grad.

The table below was recorded by running each expression with ``jax.random`` (``R``)
and ``jax_enable_x64``; funcgrad must draw the same numbers from the same keys.
Integer and boolean results must be equal bit for bit; floating results to a few
units in the last place (XLA's ``log``/``exp`` and fused multiply-adds differ from
NumPy's by an ulp or so, and the difference can grow a little through a sampler).
"""

from __future__ import annotations

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.random as R
from funcgrad.primitives.random_bits import threefry2x32

K = R.key(0)
k1, k2 = R.split(K)

# (expression, dtype, shape, values flattened; complex as (re, im) pairs)
JAX_VALUES = [
    ('R.bits(K, (5,), np.uint32)', 'uint32', (5,),
     [4070199207, 4202968722, 1427181096, 2012915765, 2447653815]),
    ('R.bits(K, (2,3))', 'uint64', (2, 3),
     [7719171245655871230, 3989946895414531357, 17807037942121513089, 10597664315880824766,
      9817845818006947190, 6546845030869727645]),
    ('R.bits(K, (4,), np.uint8)', 'uint8', (4,),
     [167, 146, 40, 53]),
    ('R.bits(K, (4,), np.uint16)', 'uint16', (4,),
     [20391, 13970, 3624, 43061]),
    ('R.split(K, 3)', 'uint32', (3, 2),
     [1797259609, 2579123966, 928981903, 3453687069, 4146024105, 2718843009]),
    ('R.split(k1, (2,2))', 'uint32', (2, 2, 2),
     [4165894930, 804218099, 1353695780, 2116000888, 2839387376, 2467677468, 4257973933,
      3811338087]),
    ('R.fold_in(K, 0)', 'uint32', (2,),
     [1797259609, 2579123966]),
    ('R.fold_in(k2, 123456)', 'uint32', (2,),
     [1187289127, 2752961186]),
    ('R.key(12345)', 'uint32', (2,),
     [0, 12345]),
    ('R.key(-5)', 'uint32', (2,),
     [4294967295, 4294967291]),
    ('R.key(2**40+7)', 'uint32', (2,),
     [256, 7]),
    ('R.uniform(K, (5,))', 'float64', (5,),
     [0.41845711171638644, 0.21629545460551136, 0.9653214611189975, 0.5745005337275046,
      0.5322264882505428]),
    ('R.uniform(k1, (2,3), np.float32)', 'float32', (2, 3),
     [0.8423141241073608, 0.1823786497116089, 0.22717809677124023, 0.12072563171386719,
      0.19181346893310547, 0.7220150232315063]),
    ('R.uniform(K, ())', 'float64', (),
     [0.41845711171638644]),
    ('R.uniform(k2, (4,), minval=-2., maxval=3.)', 'float64', (4,),
     [-1.5968781666784198, 2.6197441778070703, 1.6697617256833592, 0.8972512213338975]),
    ('R.uniform(K, (3,), np.float16)', 'float16', (3,),
     [0.310546875, 0.212890625, 0.0546875]),
    ('R.uniform(k1, (3,), minval=np.array([0.,1.,2.]), maxval=5.)', 'float64', (3,),
     [4.849739989949445, 2.2607274395345422, 3.983289171411575]),
    ('R.normal(K, (5,))', 'float64', (5,),
     [-0.2058421394796434, -0.7847657764467411, 1.8160866726679836, 0.1878440128937887,
      0.08086788103743275]),
    ('R.normal(k1, (2,3), np.float32)', 'float32', (2, 3),
     [1.004014253616333, -0.9063372015953064, -0.7481722235679626, -1.1713669300079346,
      -0.871232807636261, 0.5888381004333496]),
    ('R.normal(K, ())', 'float64', (),
     [-0.2058421394796434]),
    ('R.normal(k2, (3,), np.complex128)', 'complex128', (3,),
     [-0.03321673270467014, 0.8968567897114018, -1.0660644820509022, -0.04975876814824464,
      0.5585028187311033, 0.42957853680714336]),
    ('R.normal(k2, (3,), np.complex64)', 'complex64', (3,),
     [0.14064879715442657, -0.9444295167922974, -0.5445973873138428, -0.24929970502853394,
      -0.8900585770606995, 0.21899381279945374]),
    ('R.randint(K, (6,), 0, 10)', 'int64', (6,),
     [5, 1, 5, 7, 3, 5]),
    ('R.randint(k1, (6,), -5, 5, np.int32)', 'int32', (6,),
     [-4, -4, 2, 2, 1, -1]),
    ('R.randint(k2, (3,), 0, 256, np.uint8)', 'uint8', (3,),
     [14, 134, 8]),
    ('R.randint(K, (4,), 0, 2**40)', 'int64', (4,),
     [455627099919, 205787154559, 30857237199, 999804089301]),
    ('R.randint(K, (4,), np.array([0,10,20,30]), 100)', 'int64', (4,),
     [35, 21, 35, 57]),
    ('R.randint(K, (3,), 5, 5)', 'int64', (3,),
     [5, 5, 5]),
    ('R.randint(K, (5,), -2**63, 2**63-1)', 'int64', (5,),
     [-7736114978893213937, 7820475669948582015, 4315659036180353743, 1465598322582991829,
      1800457671953187509]),
    ('R.randint(K,(4,),0,7,np.int8)', 'int8', (4,),
     [1, 2, 6, 2]),
    ('R.permutation(K, 10)', 'int64', (10,),
     [0, 1, 8, 5, 6, 4, 3, 2, 7, 9]),
    ('R.permutation(k1, np.arange(12).reshape(3,4))', 'int64', (3, 4),
     [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7]),
    ('R.permutation(k1, np.arange(12).reshape(3,4), axis=1)', 'int64', (3, 4),
     [0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11]),
    ('R.permutation(k2, np.arange(12).reshape(3,4), axis=1, independent=True)', 'int64', (3, 4),
     [0, 3, 1, 2, 5, 4, 6, 7, 9, 8, 11, 10]),
    ('R.choice(K, 5, (3,), replace=False)', 'int64', (3,),
     [0, 1, 4]),
    ('R.choice(K, 10, (4,))', 'int64', (4,),
     [5, 1, 5, 7]),
    ('R.choice(k1, np.arange(10.)*2, (2,2))', 'float64', (2, 2),
     [12.0, 4.0, 0.0, 4.0]),
    ('R.choice(K, 3, (6,), p=np.array([0.1,0.1,0.8]))', 'int64', (6,),
     [2, 2, 0, 2, 2, 2]),
    ('R.choice(k2, 5, (3,), replace=False, p=np.array([0.1,0.2,0.3,0.2,0.2]))', 'int64', (3,),
     [1, 2, 4]),
    ('R.choice(k1, np.arange(12).reshape(3,4), (2,), axis=1)', 'int64', (3, 2),
     [0, 0, 4, 4, 8, 8]),
    ('R.bernoulli(K, 0.5, (8,))', 'bool', (8,),
     [1, 1, 0, 0, 0, 1, 0, 0]),
    ('R.bernoulli(k1, np.array([0.1,0.5,0.9]))', 'bool', (3,),
     [0, 1, 1]),
    ('R.bernoulli(k2, np.float32(0.3), (6,))', 'bool', (6,),
     [1, 1, 0, 0, 1, 1]),
    ("R.bernoulli(K, 0.5, (4,), mode='high')", 'bool', (4,),
     [1, 1, 0, 0]),
    ('R.categorical(K, np.log(np.array([0.1,0.2,0.7])), shape=(8,))', 'int64', (8,),
     [2, 2, 2, 1, 1, 2, 1, 2]),
    ('R.categorical(k1, np.log(np.array([[0.1,0.9],[0.5,0.5],[0.9,0.1]])))', 'int64', (3,),
     [0, 1, 0]),
    ('R.categorical(k2, np.zeros((3,4)), axis=0)', 'int64', (4,),
     [1, 0, 1, 1]),
    ('R.categorical(K, np.zeros(5), shape=(3,), replace=False)', 'int32', (3,),
     [2, 3, 4]),
    ('R.gumbel(K, (4,))', 'float64', (4,),
     [0.13790565977540292, -0.4259929367942607, 3.344039105585023, 0.5901317576885231]),
    ('R.gumbel(K, (4,), np.float32)', 'float32', (4,),
     [2.923372507095337, 3.83261775970459, -0.09689324349164963, 0.2772570848464966]),
    ("R.gumbel(K, (3,), mode='high')", 'float64', (3,),
     [0.6123591104220509, 1.4117221853147977, -1.2124272424584797]),
    ('R.exponential(K, (4,))', 'float64', (4,),
     [0.5420705551711603, 0.24372318502372997, 3.3616342594163338, 0.8544915853232073]),
    ('R.laplace(K, (4,))', 'float64', (4,),
     [0.17803369470862349, 0.8379627799904482, -2.66848707885639, -0.1613444047632622]),
    ('R.logistic(K, (4,))', 'float64', (4,),
     [-0.3291103200974086, -1.2873867755266637, 3.3263401466314915, 0.3002373326590482]),
    ('R.cauchy(K, (4,))', 'float64', (4,),
     [-0.2619295066536063, -1.2378460184296847, 9.142528431003585, 0.23841982247135]),
    ('R.exponential(k1, (4,), np.float32)', 'float32', (4,),
     [1.8471503257751465, 0.2013559490442276, 0.2577066421508789, 0.12865829467773438]),
    ('R.laplace(k1, (4,), np.float32)', 'float32', (4,),
     [-1.154003381729126, 1.0085229873657227, 0.7888736724853516, 1.421087384223938]),
    ('R.logistic(k1, (4,), np.float32)', 'float32', (4,),
     [1.6755480766296387, -1.5003143548965454, -1.2243143320083618, -1.9855766296386719]),
    ('R.cauchy(k1, (4,), np.float32)', 'float32', (4,),
     [1.8507384061813354, -1.5500215291976929, -1.154754400253296, -2.5089833736419678]),
    ('R.truncated_normal(K, -1., 1., (5,))', 'float64', (5,),
     [-0.13999612249333174, -0.5063146559998811, 0.9065215647466319, 0.12783628174440737,
      0.05517552153595657]),
    ('R.truncated_normal(k1, -2., 0.5, (3,), np.float32)', 'float32', (3,),
     [0.21730832755565643, -1.0593992471694946, -0.9358821511268616]),
    ('R.truncated_normal(k2, np.array([-1.,0.]), np.array([1.,3.]))', 'float64', (2,),
     [-0.793660118246463, 1.7591876697687512]),
    ('R.multivariate_normal(K, np.zeros(2), np.eye(2), (2,))', 'float64', (2, 2),
     [-0.2058421394796434, -0.7847657764467411, 1.8160866726679836, 0.1878440128937887]),
    ('R.multivariate_normal(k1, np.array([1.,2.]), np.array([[2.,0.5],[0.5,1.]]), (3,))',
     'float64', (3, 2),
     [3.6587637721960427, 2.2145555528055336, 1.5875452487417716, 4.374893692870785,
      0.1863081144914147, 1.449965290977394]),
    ('R.gamma(K, 2.0, (5,))', 'float64', (5,),
     [1.3520307957942443, 1.124359450100187, 3.7324041613131316, 0.20633363401274485,
      1.7981591432708315]),
    ('R.gamma(k1, np.array([0.1, 0.5, 1.0, 3.0, 30.0]))', 'float64', (5,),
     [0.01624325280755169, 1.7742235341371198, 1.625538756917072, 0.3813383152674901,
      37.787673027114714]),
    ('R.gamma(k2, 0.3, (4,), np.float32)', 'float32', (4,),
     [0.045406848192214966, 3.8270517421779005e-08, 0.011899763718247414, 0.24241888523101807]),
    ('R.loggamma(K, 0.1, (3,))', 'float64', (3,),
     [-11.70236649100636, -23.66064024723698, -7.68301227040329]),
    ('R.loggamma(k1, np.array([0.01, 1.0, 10.0]))', 'float64', (3,),
     [-43.218039478866274, 0.7682068256438445, 2.529559048876781]),
    ('R.beta(K, 2.0, 3.0, (4,))', 'float64', (4,),
     [0.3279560651142136, 0.6138090084766978, 0.7601342122657357, 0.017005095087795453]),
    ('R.beta(k1, 0.5, 0.5, (3,), np.float32)', 'float32', (3,),
     [0.9202145934104919, 0.5393253564834595, 0.0003483404580038041]),
    ('R.dirichlet(K, np.array([1.,2.,3.]))', 'float64', (3,),
     [0.07065345564265817, 0.16705568946084431, 0.7622908548964975]),
    ('R.dirichlet(k1, np.array([0.5,0.5]), (3,))', 'float64', (3, 2),
     [0.29073160100154033, 0.7092683989984597, 0.8683517473327733, 0.13164825266722663,
      0.33512999424526185, 0.664870005754738]),
    ('R.chisquare(K, 3.0, (3,))', 'float64', (3,),
     [1.813893477449012, 1.4483538511993956, 5.9802748258137335]),
    ('R.f(K, 2.0, 5.0, (3,))', 'float64', (3,),
     [1.665842607978996, 0.28497479010855803, 0.03339118897248645]),
    ('R.t(K, 4.0, (3,))', 'float64', (3,),
     [1.4388140107357852, -0.5761896547622787, 0.9048037143742826]),
    ('R.t(k1, 1.5, (3,), np.float32)', 'float32', (3,),
     [-1.0007812976837158, 1.0309932231903076, -0.23540712893009186]),
    ('R.generalized_normal(K, 1.5, (3,))', 'float64', (3,),
     [1.0052064165636194, -1.6840824023561447, -0.20287836833349696]),
    ('R.ball(K, 3)', 'float64', (3,),
     [-0.8670379536639613, -0.45310375921933566, 0.0845090035263144]),
    ('R.ball(k1, 2, 1.0, (2,))', 'float64', (2, 2),
     [0.7391260319491881, 0.07721020793172985, 0.5365644715013527, 0.23251413356540118]),
    ('R.pareto(K, 3.0, (3,))', 'float64', (3,),
     [1.198043949871981, 1.0846323283402735, 3.0665242470796397]),
    ('R.lognormal(K, 0.5, (3,))', 'float64', (3,),
     [0.9021981814084403, 0.6754454443368441, 2.479466302303905]),
    ('R.maxwell(K, (3,))', 'float64', (3,),
     [1.9890699115189192, 0.42460738321377167, 1.2403079123658307]),
    ('R.double_sided_maxwell(K, 0.0, 1.0, (3,))', 'float64', (3,),
     [1.984612042376157, -2.4782073986883146, -1.6334815033244856]),
    ('R.weibull_min(K, 1.0, 2.0, (3,))', 'float64', (3,),
     [0.7362544092711162, 0.4936832841242753, 1.833476004592461]),
    ('R.rayleigh(K, 1.0, (3,))', 'float64', (3,),
     [1.3199855114875836, 1.749919975627682, 0.2656844473613091]),
    ('R.wald(K, 1.0, (3,))', 'float64', (3,),
     [0.18700294186884836, 1.6107321735678946, 1.5106286515739922]),
    ('R.triangular(K, 0.0, 0.5, 1.0, (3,))', 'float64', (3,),
     [0.45741508048838225, 0.32885821762996237, 0.8683213402236292]),
    ('R.orthogonal(K, 3)', 'float64', (3, 3),
     [-0.16839832267285426, -0.9850127783673072, -0.037307256319482104, 0.15367415425926573,
      0.01115040154817619, -0.988058663672362, 0.973666400382425, -0.1721205827274375,
      0.1494932967323238]),
    ('R.orthogonal(k1, 2, (2,), m=3)', 'float64', (2, 2, 3),
     [0.9355624003928145, 0.2067446717156917, -0.2863208614271866, -0.2526834695045927,
      0.9582649700593904, -0.133713542306667, 0.027464568904098208, -0.6788788680715736,
      0.7337364512825917, -0.4717977051282238, 0.6383112611349542, 0.6082480245295051]),
    ('R.geometric(K, 0.3, (6,))', 'int64', (6,),
     [3, 5, 1, 2, 2, 3]),
    ('R.rademacher(K, (6,))', 'int64', (6,),
     [1, 1, -1, -1, -1, 1]),
    ('R.rademacher(k1, (4,), np.float32)', 'float32', (4,),
     [-1.0, 1.0, -1.0, -1.0]),
    ('R.poisson(K, 3.0, (8,))', 'int64', (8,),
     [0, 0, 4, 4, 1, 2, 2, 6]),
    ('R.poisson(k1, np.array([0.0, 0.5, 5.0, 9.9, 10.0, 50.0, 1000.0]))', 'int64', (7,),
     [0, 0, 4, 14, 7, 53, 1034]),
    ('R.poisson(k2, 20.0, (30,))', 'int64', (30,),
     [13, 16, 27, 21, 19, 14, 28, 22, 25, 22, 15, 12, 26, 30, 21, 24, 30, 16, 16, 18, 26, 19, 23,
      17, 18, 19, 16, 21, 24, 29]),
    ('R.poisson(K, np.array([[1.,100.],[30., 2.]]), (3,2,2))', 'int64', (3, 2, 2),
     [0, 95, 23, 3, 0, 104, 36, 3, 0, 101, 29, 1]),
    ('R.binomial(K, 10.0, 0.3, (6,))', 'float64', (6,),
     [4.0, 1.0, 3.0, 4.0, 3.0, 2.0]),
    ('R.binomial(k1, np.array([5., 50., 500.]), np.array([0.5,0.1,0.9]))', 'float64', (3,),
     [4.0, 5.0, 463.0]),
    ('R.binomial(k2, 1000.0, 0.5, (5,))', 'float64', (5,),
     [503.0, 479.0, 489.0, 528.0, 499.0]),
    ('R.binomial(K, 20.0, 0.9, (6,))', 'float64', (6,),
     [17.0, 19.0, 18.0, 18.0, 19.0, 18.0]),
    ('R.binomial(K, np.array([[3., 300.], [40., 7.]]), 0.4, (2,2,2))', 'float64', (2, 2, 2),
     [2.0, 127.0, 10.0, 4.0, 1.0, 125.0, 16.0, 2.0]),
    ('R.binomial(k1, 10, 0.3, (6,), np.float32)', 'float32', (6,),
     [1.0, 4.0, 8.0, 5.0, 2.0, 1.0]),
]

RTOL = {np.dtype(np.float64): 1e-13, np.dtype(np.float32): 4e-6, np.dtype(np.float16): 1e-3}


@pytest.mark.parametrize("expr, dtype, shape, values", JAX_VALUES, ids=[c[0] for c in JAX_VALUES])
def test_same_numbers_as_jax(expr, dtype, shape, values):
    out = eval(expr, {"R": R, "np": np, "K": K, "k1": k1, "k2": k2})
    assert out.dtype == np.dtype(dtype) and out.shape == shape
    dtype = np.dtype(dtype)
    if dtype.kind == "c":
        pairs = np.asarray(values, dtype=np.float64).reshape(-1, 2)
        expected = (pairs[:, 0] + 1j * pairs[:, 1]).astype(dtype).reshape(shape)
        real = np.finfo(dtype).dtype
        np.testing.assert_allclose(out, expected, rtol=RTOL[real], atol=0)
    elif dtype.kind == "f":
        np.testing.assert_allclose(out, np.asarray(values, dtype).reshape(shape), rtol=RTOL[dtype],
                                   atol=0)
    else:
        expected = np.array(values, dtype=None if dtype.kind == "b" else dtype).astype(dtype)
        np.testing.assert_array_equal(out, expected.reshape(shape))


def test_issue_examples():
    np.testing.assert_array_equal(R.key_data(R.split(R.key(0))),
                                  [[1797259609, 2579123966], [928981903, 3453687069]])
    np.testing.assert_array_equal(R.key_data(R.fold_in(R.key(0), 7)), [2716826189, 292468403])
    np.testing.assert_allclose(R.normal(R.key(0), (3,)),
                               [-0.2058421394796434, -0.7847657764467411, 1.8160866726679836],
                               rtol=1e-15)
    np.testing.assert_allclose(R.normal(R.key(0), (3,), dtype=np.float32),
                               np.float32([1.6226422, 2.0252647, -0.43359444]), rtol=1e-7)
    np.testing.assert_allclose(R.uniform(k2, (3,)),
                               [0.08062436666431605, 0.923948835561414, 0.7339523451366718],
                               rtol=1e-15)
    np.testing.assert_array_equal(R.randint(k1, (4,), 0, 10), [6, 2, 0, 2])
    np.testing.assert_array_equal(R.permutation(k1, 5), [0, 2, 4, 1, 3])


def test_default_dtypes_are_64_bit():
    assert R.normal(K, (2,)).dtype == np.float64
    assert R.uniform(K).dtype == np.float64
    assert R.randint(K, (2,), 0, 3).dtype == np.int64
    assert R.bits(K).dtype == np.uint64
    assert R.poisson(K, 1.0).dtype == np.int64
    assert R.key(0).dtype == np.uint32 and R.key(0).shape == (2,)
    np.testing.assert_array_equal(R.PRNGKey(3), R.key(3))


SAMPLERS = {
    "normal": lambda k: R.normal(k, (3,)),
    "uniform32": lambda k: R.uniform(k, (2,), np.float32, -1.0, 2.0),
    "randint": lambda k: R.randint(k, (3,), 0, 10),
    "permutation": lambda k: R.permutation(k, 6),
    "permutation_2d": lambda k: R.permutation(k, np.arange(6.0).reshape(2, 3), axis=1),
    "split": lambda k: R.split(k, 3),
    "fold_in": lambda k: R.fold_in(k, 3),
    "bits": lambda k: R.bits(k, (2,), np.uint32),
    "bernoulli": lambda k: R.bernoulli(k, 0.3, (3,)),
    "categorical": lambda k: R.categorical(k, np.log(np.array([0.2, 0.3, 0.5])), shape=(4,)),
    "choice": lambda k: R.choice(k, 5, (2,), replace=False),
    "choice_p": lambda k: R.choice(k, 3, (4,), p=np.array([0.2, 0.3, 0.5])),
    "truncated_normal": lambda k: R.truncated_normal(k, -1.0, 1.0, (2,)),
    "gamma": lambda k: R.gamma(k, np.array([0.5, 2.0])),
    "beta": lambda k: R.beta(k, 2.0, 3.0, (2,)),
    "dirichlet": lambda k: R.dirichlet(k, np.ones(3)),
    "poisson": lambda k: R.poisson(k, np.array([3.0, 40.0])),
    "multivariate_normal": lambda k: R.multivariate_normal(k, np.zeros(2), np.eye(2)),
    "t": lambda k: R.t(k, 3.0, (2,)),
    "binomial": lambda k: R.binomial(k, np.array([5.0, 200.0]), 0.3),
}


@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_vmap_over_keys_is_a_loop_and_jit_is_eager(name):
    f = SAMPLERS[name]
    keys = R.split(R.key(1), 3)
    loop = np.stack([f(k) for k in keys])
    np.testing.assert_allclose(fg.vmap(f)(keys), loop, rtol=1e-14, atol=0)
    jitted = fg.jit(f)
    np.testing.assert_array_equal(np.stack([jitted(k) for k in keys]), loop)


def test_vmap_over_parameters():
    lam = np.array([1.0, 20.0])
    out = fg.vmap(lambda lam: R.poisson(R.key(0), lam, (3,)))(lam)
    np.testing.assert_array_equal(out, [R.poisson(R.key(0), x, (3,)) for x in lam])
    a = np.array([0.3, 4.0])
    out = fg.vmap(lambda a: R.gamma(R.key(0), a, (2,)))(a)
    np.testing.assert_allclose(out, [R.gamma(R.key(0), x, (2,)) for x in a], rtol=1e-15)


def test_traced_seed():
    keys = fg.vmap(R.key)(np.array([0, 7, 2**33 + 1]))
    np.testing.assert_array_equal(keys, [R.key(0), R.key(7), R.key(2**33 + 1)])
    np.testing.assert_array_equal(fg.jit(lambda s: R.normal(R.key(s), (2,)))(5),
                                  R.normal(R.key(5), (2,)))


def test_samples_are_constants_to_differentiation():
    noise = R.normal(K, ())
    g = fg.grad(lambda mu: (mu + R.normal(K, ())) ** 2)(1.0)
    np.testing.assert_allclose(g, 2 * (1.0 + noise))
    _, t = fg.jvp(lambda mu: mu * R.uniform(K, (2,)), (1.0,), (1.0,))
    np.testing.assert_allclose(t, R.uniform(K, (2,)))


def test_truncated_normal_is_differentiable_in_its_bounds():
    f = lambda lo: R.truncated_normal(R.key(3), lo, 2.0)
    eps = 1e-6
    numeric = (f(0.5 + eps) - f(0.5 - eps)) / (2 * eps)
    np.testing.assert_allclose(fg.grad(f)(0.5), numeric, rtol=1e-5)


def test_erf_inv_derivative():
    from funcgrad.primitives.random_bits import erf_inv

    x = np.array([-0.9, -0.3, 0.0, 0.4, 0.99])
    d = fg.elementwise_grad(erf_inv)(x)
    y = erf_inv(x)
    np.testing.assert_allclose(d, np.sqrt(np.pi) / 2 * np.exp(y * y), rtol=1e-14)
    np.testing.assert_allclose(d, (erf_inv(x + 1e-7) - erf_inv(x - 1e-7)) / 2e-7, rtol=1e-6)


def test_key_errors_teach():
    with pytest.raises(ValueError, match="single key.*vmap"):
        R.normal(R.split(K, 2), (2,))
    with pytest.raises(TypeError, match=r"funcgrad.random.key\(seed\)"):
        R.normal(np.array([0, 0]), (2,))
    with pytest.raises(TypeError, match="scalar seed"):
        R.key(np.array([1, 2]))
    with pytest.raises(ValueError, match="larger sample"):
        R.choice(K, 3, (4,), replace=False)
    with pytest.raises(ValueError, match="broadcast-compatible"):
        R.uniform(K, (2,), minval=np.zeros(3))


def test_choice_and_permutation_of_arrays_under_transforms():
    x = np.arange(12.0).reshape(3, 4)
    keys = R.split(K, 2)
    for f in (lambda k: R.choice(k, x, (2, 2), axis=1), lambda k: R.permutation(k, x, axis=1),
              lambda k: R.choice(k, x, (2,), replace=False)):
        loop = np.stack([f(k) for k in keys])
        np.testing.assert_array_equal(fg.vmap(f)(keys), loop)
        np.testing.assert_array_equal(fg.jit(f)(keys[0]), loop[0])


def test_threefry2x32_under_vmap_and_jit():
    words = [np.arange(6, dtype=np.uint32).reshape(3, 2) * np.uint32(k + 1) for k in range(4)]
    loop = [np.stack(o) for o in zip(*[threefry2x32(*[w[i] for w in words]) for i in range(3)])]
    for got, want in zip(fg.vmap(threefry2x32)(*words), loop):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(fg.jit(threefry2x32)(*words), threefry2x32(*words)):
        np.testing.assert_array_equal(got, want)
    # jax.extend.random.threefry_2x32([0, 0], [0, 1]), recorded with jax 0.10.2.
    assert [int(w) for w in threefry2x32(*(np.uint32(v) for v in (0, 0, 0, 1)))] == [
        928981903, 3453687069]
