"""torch.distributions against PyTorch 2.13's answers.

Each expression runs on ``t`` (2x3) and ``u`` (3x3, positive), float32 leaves that require
grad: the printed result (values, node names, reprs, errors) was recorded from PyTorch 2.13,
and the gradients of ``t`` and ``u`` after ``backward()`` of a weighted sum of the results,
compared to 1e-4. Random draws are funcgrad's own: samples are checked by their shapes here
and by their statistics below.
"""

import os
import sys

import numpy as np
import pytest

import funcgrad.torch as torch

sys.path.insert(0, os.path.dirname(__file__))
from anchor_cases import evaluate  # noqa: E402

pytest.importorskip("scipy")  # lgamma and digamma compute their values with SciPy

X0 = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]]
U0 = [[2.0, 0.5, 0.3], [0.2, 1.6, 0.7], [0.4, 0.9, 1.8]]

# (expression, printed result or "!!Error: message", t.grad, u.grad as lists or None; "" when
# nothing was differentiated)
CASES = [
    ('torch.distributions.Normal(t, u[:2]).log_prob(torch.tensor([0.1, 0.2, 0.3]))', 'tensor([[-1.6171, -0.5458,  0.0628],\n        [ 0.6905, -1.3968, -1.3888]], grad_fn=<SubBackward0>)', [[-0.05000000447034836, 3.200000047683716, -6.666666030883789], [0.0, -0.3906249701976776, 11.02040958404541]], [[-0.4950000047683716, -1.4399998188018799, -5.555556297302246], [-20.0, -3.076171875, 5.597670555114746], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Normal(t, u[:2]).entropy()', 'tensor([[ 2.1121,  0.7258,  0.2150],\n        [-0.1905,  1.8889,  1.0623]], grad_fn=<AddBackward0>)', None, [[0.5, 4.0, 10.0], [20.0, 3.125, 8.571428298950195], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Normal(t, u[:2]).cdf(torch.tensor([0.1, 0.2, 0.3]))', 'tensor([[0.4602, 0.7881, 0.2525],\n        [0.5000, 0.4503, 0.9007]], grad_fn=<MulBackward0>)', [[-0.19847628474235535, -1.158766269683838, -3.1944804191589355], [-7.978846549987793, -1.2369929552078247, -1.4962549209594727]], [[0.019847629591822624, -0.9270130395889282, 2.1296534538269043], [-0.0, 0.1546241194009781, -1.9237563610076904], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Normal(t, u[:2]).icdf(torch.tensor([0.1, 0.5, 0.9]))', 'tensor([[-2.2631, -0.2000,  0.8845],\n        [-0.1563,  0.4000,  0.2971]], grad_fn=<AddBackward0>)', [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[-1.2815515995025635, 0.0, 3.8446543216705322], [-5.126206398010254, 0.0, 7.6893086433410645], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('(lambda d: (d.mean, d.stddev, d.variance, d.mode))(torch.distributions.Normal(t, u[:2]))', '(tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000]], requires_grad=True), tensor([[2.0000, 0.5000, 0.3000],\n        [0.2000, 1.6000, 0.7000]], grad_fn=<SliceBackward0>), tensor([[4.0000, 0.2500, 0.0900],\n        [0.0400, 2.5600, 0.4900]], grad_fn=<PowBackward0>), tensor([[ 0.3000, -0.2000,  0.5000],\n        [ 0.1000,  0.4000, -0.6000]], requires_grad=True))', [[2.0, 4.0, 6.0], [8.0, 10.0, 12.0]], [[5.0, 4.0, 4.800000190734863], [5.599999904632568, 21.0, 14.399999618530273], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Normal(0.0, 1.0)', 'Normal(loc: 0.0, scale: 1.0)', '', ''),  # noqa: E501
    ('torch.distributions.Normal(t, 1.0)', 'Normal(loc: torch.Size([2, 3]), scale: torch.Size([2, 3]))', '', ''),  # noqa: E501
    ('torch.distributions.Normal(t, u[:2]).expand((4, 2, 3)).batch_shape', 'torch.Size([4, 2, 3])', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Normal(t, u[:2]), torch.distributions.Normal(0.0, 2.0))', 'tensor([[0.0113, 0.9225, 1.4396],\n        [1.8088, 0.0631, 0.6561]], grad_fn=<MulBackward0>)', [[0.07500000298023224, -0.10000000149011612, 0.375], [0.10000000149011612, 0.5, -0.9000000357627869]], [[0.0, -3.75, -9.774999618530273], [-19.799999237060547, -1.1249998807907104, -7.521429061889648], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Bernoulli(probs=u[0] / 3).log_prob(torch.tensor([1.0, 0.0, 1.0]))', 'tensor([-0.4055, -0.1823, -2.3026], grad_fn=<NegBackward0>)', None, [[0.5, -0.800000011920929, 9.999999046325684], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Bernoulli(logits=t).log_prob(torch.tensor([1.0, 0.0, 1.0]))', 'tensor([[-0.5544, -0.5981, -0.4741],\n        [-0.6444, -0.9130, -1.0375]], grad_fn=<NegBackward0>)', [[0.4255574941635132, -0.9003320336341858, 1.1326220035552979], [1.900083303451538, -2.993438243865967, 3.8739376068115234]], None),  # noqa: E501
    ('torch.distributions.Bernoulli(logits=t).entropy()', 'tensor([[0.6820, 0.6882, 0.6628],\n        [0.6919, 0.6735, 0.6501]],\n       grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)', [[-0.07333749532699585, 0.09900663793087006, -0.35250556468963623], [-0.09975041449069977, -0.4805215001106262, 0.8236232995986938]], None),  # noqa: E501
    ('(lambda d: (d.mean, d.variance, d.probs))(torch.distributions.Bernoulli(logits=t))', '(tensor([[0.5744, 0.4502, 0.6225],\n        [0.5250, 0.5987, 0.3543]], grad_fn=<SigmoidBackward0>), tensor([[0.2445, 0.2475, 0.2350],\n        [0.2494, 0.2403, 0.2288]], grad_fn=<MulBackward0>), tensor([[0.5744, 0.4502, 0.6225],\n        [0.5250, 0.5987, 0.3543]], grad_fn=<SigmoidBackward0>))', [[0.452520489692688, 1.039405345916748, 1.2373517751693726], [1.9451748132705688, 2.165499448776245, 3.1452972888946533]], None),  # noqa: E501
    ('torch.distributions.Bernoulli(probs=torch.tensor([0.2, 0.5, 0.7])).mode', 'tensor([0., nan, 1.])', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Bernoulli(logits=t), torch.distributions.Bernoulli(probs=u[:2] / 3))', 'tensor([[0.0184, 0.2187, 0.8102],\n        [0.7625, 0.0087, 0.0371]], grad_fn=<AddBackward0>)', [[-0.09610814601182938, 0.6977185010910034, 1.9015733003616333], [2.7322211265563965, 0.3201092481613159, 0.8093255162239075]], [[0.13833631575107574, -1.3607969284057617, -5.805103778839111], [-9.820981979370117, -0.4376402199268341, -1.352911114692688], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Bernoulli(probs=torch.tensor([0.3, 0.6])).enumerate_support()', 'tensor([[0., 0.],\n        [1., 1.]])', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).log_prob(torch.tensor([2, 0]))', 'tensor([-0.8395, -1.0461], grad_fn=<SqueezeBackward1>)', [[-0.3536151051521301, -0.21447840332984924, 0.5680935382843018], [1.2973688840866089, -0.9484527111053467, -0.34891626238822937]], None),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).entropy()', 'tensor([1.0604, 1.0259], grad_fn=<NegBackward0>)', [[-0.007375657558441162, 0.10276561975479126, -0.09538999199867249], [0.014156043529510498, -0.2654271125793457, 0.2512710988521576]], None),  # noqa: E501
    ('torch.distributions.Categorical(probs=u).probs', 'tensor([[0.7143, 0.1786, 0.1071],\n        [0.0800, 0.6400, 0.2800],\n        [0.1290, 0.2903, 0.5806]], grad_fn=<DivBackward0>)', None, [[-0.14030611515045166, 0.21683675050735474, 0.5739795565605164], [-0.4799998998641968, -0.07999992370605469, 0.32000017166137695], [-0.4682619571685791, -0.14568114280700684, 0.17689943313598633]]),  # noqa: E501
    ('torch.distributions.Categorical(probs=u).logits', 'tensor([[-0.3365, -1.7228, -2.2336],\n        [-2.5257, -0.4463, -1.2730],\n        [-2.0477, -1.2368, -0.5436]], grad_fn=<LogBackward0>)', None, [[-1.6428570747375488, 1.8571429252624512, 7.857141971588135], [14.0, -2.875, 2.5714282989501953], [9.758064270019531, 1.1469535827636719, -2.7419357299804688]]),  # noqa: E501
    ('torch.distributions.Categorical(probs=u).log_prob(torch.tensor([[0], [1]]))', 'tensor([[-0.3365, -2.5257, -2.0477],\n        [-1.7228, -0.4463, -1.2368]], grad_fn=<SqueezeBackward1>)', None, [[-1.2857141494750977, 6.214285850524902, -1.7857141494750977], [7.200000286102295, 0.3250002861022949, -2.799999713897705], [4.596773624420166, 3.763441562652588, -2.903225898742676]]),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).mode', 'tensor([2, 1])', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).mean', 'tensor([nan, nan])', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).enumerate_support()', 'tensor([[0, 0],\n        [1, 1],\n        [2, 2]])', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Categorical(logits=t), torch.distributions.Categorical(probs=u[:2]))', 'tensor([0.3928, 0.2951], grad_fn=<SumBackward1>)', [[-0.38750937581062317, -0.04494531452655792, 0.4324546754360199], [0.8322900533676147, -0.5642422437667847, -0.2680478096008301]], [[0.18033528327941895, -0.07181397080421448, -1.0825453996658325], [-2.713155746459961, 0.20721709728240967, 0.3015482723712921], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.OneHotCategorical(logits=t).log_prob(torch.tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]))', 'tensor([-0.8395, -1.0461], grad_fn=<SqueezeBackward1>)', [[-0.3536151051521301, -0.21447840332984924, 0.5680935382843018], [1.2973688840866089, -0.9484527111053467, -0.34891626238822937]], None),  # noqa: E501
    ('torch.distributions.OneHotCategorical(logits=t).entropy()', 'tensor([1.0604, 1.0259], grad_fn=<NegBackward0>)', [[-0.007375657558441162, 0.10276561975479126, -0.09538999199867249], [0.014156043529510498, -0.2654271125793457, 0.2512710988521576]], None),  # noqa: E501
    ('(lambda d: (d.mean, d.variance, d.mode))(torch.distributions.OneHotCategorical(logits=t))', '(tensor([[0.3536, 0.2145, 0.4319],\n        [0.3513, 0.4742, 0.1745]], grad_fn=<SoftmaxBackward0>), tensor([[0.2286, 0.1685, 0.2454],\n        [0.2279, 0.2493, 0.1440]], grad_fn=<MulBackward0>), tensor([[0., 0., 1.],\n        [0., 1., 0.]]))', [[-0.46339932084083557, 0.11557257175445557, 0.34782674908638], [-0.30047816038131714, -0.37323227524757385, 0.6737104654312134]], None),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.OneHotCategorical(logits=t), torch.distributions.OneHotCategorical(logits=t.flip(0)))', 'tensor([0.2237, 0.2158], grad_fn=<SumBackward1>)', [[-0.07218247652053833, -0.7376489639282227, 0.8098313808441162], [-0.15854275226593018, 0.8076038360595703, -0.6490610837936401]], None),  # noqa: E501
    ('torch.distributions.Uniform(t - 1, t + u[:2]).log_prob(torch.tensor([0.0, 0.1, 0.2]))', '!!ValueError: Expected value argument (Tensor of shape (3,)) to be within the support (Interval(lower_bound=tensor([[-0.7000, -1.2000, -0.5000],', '', ''),  # noqa: E501
    ('torch.distributions.Uniform(t - 1, t + u[:2]).entropy()', 'tensor([[1.0986, 0.4055, 0.2624],\n        [0.1823, 0.9555, 0.5306]], grad_fn=<LogBackward0>)', [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.3333333432674408, 1.3333333730697632, 2.307692289352417], [3.3333332538604736, 1.9230769872665405, 3.529411554336548], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Uniform(t - 1, t + u[:2]).cdf(torch.tensor([0.0, 0.1, 0.2]))', '!!ValueError: Expected value argument (Tensor of shape (3,)) to be within the support (Interval(lower_bound=tensor([[-0.7000, -1.2000, -0.5000],', '', ''),  # noqa: E501
    ('(lambda d: (d.mean, d.stddev, d.variance))(torch.distributions.Uniform(t - 1, t + u[:2]))', '(tensor([[ 0.8000, -0.4500,  0.1500],\n        [-0.3000,  0.7000, -0.7500]], grad_fn=<DivBackward0>), tensor([[0.8660, 0.4330, 0.3753],\n        [0.3464, 0.7506, 0.4907]], grad_fn=<DivBackward0>), tensor([[0.7500, 0.1875, 0.1408],\n        [0.1200, 0.5633, 0.2408]], grad_fn=<DivBackward0>))', [[0.9999999403953552, 1.9999998807907104, 3.0], [4.0, 5.0, 6.0]], [[1.28867506980896, 2.07735013961792, 3.0160255432128906], [3.954700469970703, 6.110042095184326, 6.432050704956055], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Uniform(t - 1, t + 1), torch.distributions.Normal(u[:2], 2.0))', 'tensor([[1.3219, 1.0219, 0.9656],\n        [0.9619, 1.1406, 1.1719]], grad_fn=<AddBackward0>)', [[-0.42500001192092896, -0.3500000238418579, 0.15000009536743164], [-0.09999990463256836, -1.5, -1.9499998092651367]], [[0.42500001192092896, 0.3500000238418579, -0.14999999105930328], [0.09999997913837433, 1.5, 1.9499999284744263], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Laplace(t, u[:2]).log_prob(torch.tensor([0.0, 0.1, 0.2]))', 'tensor([[-1.5363, -0.6000, -0.4892],\n        [ 0.4163, -1.3507, -1.4793]], grad_fn=<SubBackward0>)', [[-0.5, 4.0, -10.0], [-20.0, -3.125, 8.571428298950195]], [[-0.42500001192092896, -1.5999999046325684, 0.0], [-10.0, -2.5390625, 1.2244901657104492], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Laplace(t, u[:2]).entropy()', 'tensor([[2.3863, 1.0000, 0.4892],\n        [0.0837, 2.1632, 1.3365]], grad_fn=<AddBackward0>)', None, [[0.5, 4.0, 10.0], [20.0, 3.125, 8.571428298950195], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Laplace(t, u[:2]).cdf(torch.tensor([0.0, 0.1, 0.2]))', 'tensor([[0.4304, 0.7256, 0.1839],\n        [0.3033, 0.4145, 0.8405]], grad_fn=<RsubBackward1>)', [[-0.2151769995689392, -1.0976232290267944, -1.8393973112106323], [-6.065306663513184, -1.2953579425811768, -1.3667423725128174]], [[0.03227655217051506, -0.6585739850997925, 1.8393973112106323], [3.032653331756592, 0.24287961423397064, -1.5619913339614868], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Laplace(t, u[:2]).icdf(torch.tensor([0.2, 0.5, 0.7]))', 'tensor([[-1.5326, -0.2000,  0.6532],\n        [-0.0833,  0.4000, -0.2424]], grad_fn=<SubBackward0>)', [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[-0.916290819644928, 0.0, 1.5324766635894775], [-3.665163278579712, 0.0, 3.064953327178955], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Laplace(t, u[:2]), torch.distributions.Laplace(0.0, 1.5))', 'tensor([[0.0599, 0.4554, 0.9805],\n        [1.1624, 0.0328, 0.3602]], grad_fn=<SubBackward0>)', [[0.0928613543510437, -0.4395732879638672, 1.6222487688064575], [1.0492515563964844, 0.737330436706543, -2.30250883102417]], [[0.15987613797187805, -2.7487359046936035, -8.992663383483887], [-17.573875427246094, 0.1200035810470581, -5.418944358825684], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Normal(t, u[:2]), torch.distributions.Laplace(0.0, 1.5))', 'tensor([[0.0623, 0.6598, 1.2249],\n        [1.4085, 0.0872, 0.5377]], grad_fn=<SubBackward0>)', [[0.07949027419090271, -0.4144580364227295, 1.8088386058807373], [1.0211331844329834, 0.6580422520637512, -2.4345366954803467]], [[0.025972485542297363, -3.017946243286133, -9.602091789245605], [-18.122316360473633, -0.5472123622894287, -6.361067295074463], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Exponential(u).log_prob(torch.tensor(0.5))', 'tensor([[-0.3069, -0.9431, -1.3540],\n        [-1.7094, -0.3300, -0.7067],\n        [-1.1163, -0.5554, -0.3122]], grad_fn=<SubBackward0>)', None, [[0.0, 3.0, 8.5], [18.0, 0.625, 5.571428298950195], [14.0, 4.888889312744141, 0.5]]),  # noqa: E501
    ('torch.distributions.Exponential(u).entropy()', 'tensor([[0.3069, 1.6931, 2.2040],\n        [2.6094, 0.5300, 1.3567],\n        [1.9163, 1.1054, 0.4122]], grad_fn=<RsubBackward1>)', None, [[-0.5, -4.0, -10.0], [-20.0, -3.125, -8.571428298950195], [-17.5, -8.88888931274414, -5.0]]),  # noqa: E501
    ('(lambda d: (d.mean, d.stddev, d.variance, d.mode))(torch.distributions.Exponential(u[0]))', '(tensor([0.5000, 2.0000, 3.3333], grad_fn=<ReciprocalBackward0>), tensor([0.5000, 2.0000, 3.3333], grad_fn=<ReciprocalBackward0>), tensor([ 0.2500,  4.0000, 11.1111], grad_fn=<PowBackward0>), tensor([0., 0., 0.]))', None, [[-0.75, -48.0, -288.88885498046875], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Exponential(u[0]).cdf(torch.tensor([0.1, 1.0, 2.0]))', 'tensor([0.1813, 0.3935, 0.4512], grad_fn=<RsubBackward1>)', None, [[0.0818730816245079, 1.2130613327026367, 3.2928695678710938], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Exponential(u), torch.distributions.Exponential(u.t()))', 'tensor([[0.0000, 0.3163, 0.0457],\n        [0.5837, 0.0000, 0.0344],\n        [0.0377, 0.0291, 0.0000]], grad_fn=<SubBackward0>)', None, [[0.0, 14.399999618530273, -9.166664123535156], [-36.0, 0.0, -4.988662242889404], [6.874998569488525, 3.880070686340332, 0.0]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Exponential(u), torch.distributions.Gamma(u.t(), 2.0))', 'tensor([[0.5772, 3.7850, 5.3582],\n        [8.1325, 0.1267, 0.9210],\n        [4.2089, 0.7510, 0.3122]], grad_fn=<SubBackward0>)', None, [[1.4999998807907104, -29.955520629882812, -94.4098892211914], [-202.1962432861328, 3.4943480491638184, -28.3060359954834], [-93.89386749267578, -20.896066665649414, 10.256061553955078]]),  # noqa: E501
    ('torch.distributions.Gamma(u, u.t()).log_prob(torch.tensor(0.7))', 'tensor([[-0.3704, -1.3387, -1.4010],\n        [-1.7274, -0.4694, -0.8576],\n        [-1.2743, -0.8417, -0.4162]], grad_fn=<SubBackward0>)', None, [[0.21368801593780518, -1.2052041292190552, 11.12200927734375], [20.556869506835938, 1.436405897140503, 9.233642578125], [7.15515661239624, 0.7992820739746094, 2.215083122253418]]),  # noqa: E501
    ('torch.distributions.Gamma(u, u.t()).entropy()', 'tensor([[ 0.8841,  1.7000, -0.1397],\n        [-1.8140,  0.9418,  0.7002],\n        [ 0.8638,  1.2476,  0.9131]], grad_fn=<AddBackward0>)', None, [[-0.1449340581893921, -1.0651979446411133, 5.381927490234375], [78.05562591552734, -0.7002954483032227, -0.3272838592529297], [30.056503295898438, 2.871365547180176, -1.3062138557434082]]),  # noqa: E501
    ('(lambda d: (d.mean, d.variance, d.mode))(torch.distributions.Gamma(u, 2.0))', '(tensor([[1.0000, 0.2500, 0.1500],\n        [0.1000, 0.8000, 0.3500],\n        [0.2000, 0.4500, 0.9000]], grad_fn=<DivBackward0>), tensor([[0.5000, 0.1250, 0.0750],\n        [0.0500, 0.4000, 0.1750],\n        [0.1000, 0.2250, 0.4500]], grad_fn=<DivBackward0>), tensor([[0.5000, 0.0000, 0.0000],\n        [0.0000, 0.3000, 0.0000],\n        [0.0000, 0.0000, 0.4000]], grad_fn=<ClampBackward1>))', None, [[1.25, 1.5, 2.25], [3.0, 6.25, 4.5], [5.25, 6.0, 11.25]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Gamma(u, u.t()), torch.distributions.Gamma(1.5, 1.0))', 'tensor([[0.1303, 0.8562, 2.0620],\n        [4.3912, 0.1094, 0.5141],\n        [1.0274, 0.1165, 0.1175]], grad_fn=<AddBackward0>)', None, [[0.07246702909469604, 6.93039608001709, -35.694419860839844], [-142.5903778076172, 0.11671602725982666, -10.487789154052734], [-34.061920166015625, -0.9848055839538574, 0.48983001708984375]]),  # noqa: E501
    ('torch.distributions.Beta(u, u.t()).log_prob(torch.tensor(0.3))', 'tensor([[ 0.2311, -0.9482, -0.5748],\n        [-0.6940,  0.1742, -0.0430],\n        [-0.6596, -0.2124,  0.2066]], grad_fn=<SubBackward0>)', None, [[0.10601919889450073, 0.6262786388397217, 16.71636199951172], [18.884855270385742, 0.9246740341186523, 8.767757415771484], [3.9157748222351074, 0.5618081092834473, 1.2662606239318848]]),  # noqa: E501
    ('torch.distributions.Beta(u, u.t()).entropy()', 'tensor([[-0.1251, -1.7914, -0.7710],\n        [-1.7914, -0.0632, -0.0521],\n        [-0.7710, -0.0521, -0.0940]], grad_fn=<SubBackward0>)', None, [[-0.15457630157470703, -7.301173210144043, 48.87491226196289], [103.97785949707031, -0.7547359466552734, 7.0957841873168945], [6.809516906738281, -2.1156632900238037, -1.3999433517456055]]),  # noqa: E501
    ('(lambda d: (d.mean, d.variance, d.concentration1))(torch.distributions.Beta(u, 2.0))', '(tensor([[0.5000, 0.2000, 0.1304],\n        [0.0909, 0.4444, 0.2593],\n        [0.1667, 0.3103, 0.4737]], grad_fn=<DivBackward0>), tensor([[0.0500, 0.0457, 0.0344],\n        [0.0258, 0.0537, 0.0519],\n        [0.0408, 0.0549, 0.0519]], grad_fn=<DivBackward0>), tensor([[2.0000, 0.5000, 0.3000],\n        [0.2000, 1.6000, 0.7000],\n        [0.4000, 0.9000, 1.8000]], grad_fn=<SelectBackward0>))', None, [[1.1150000095367432, 2.7235918045043945, 4.357010364532471], [6.043224334716797, 5.731897830963135, 7.776127815246582], [9.82303237915039, 9.974958419799805, 10.162820816040039]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Beta(u, u.t()), torch.distributions.Beta(1.5, 2.0))', 'tensor([[0.0533, 4.9104, 1.9318],\n        [3.2476, 0.0507, 0.2843],\n        [2.4024, 0.5169, 0.0483]], grad_fn=<AddBackward0>)', None, [[0.03864401578903198, 8.1336030960083, -110.44979095458984], [-183.54092407226562, -0.1886838674545288, -20.243247985839844], [-11.58860969543457, 0.9173355102539062, 0.08749723434448242]]),  # noqa: E501
    ('torch.distributions.Dirichlet(u).log_prob(torch.tensor([0.2, 0.3, 0.5]))', 'tensor([-1.6737, -0.6145,  0.5269], grad_fn=<SubBackward0>)', None, [[-1.1916751861572266, 1.6000850200653076, 3.649923801422119], [8.765517234802246, -1.2537270784378052, 2.460066318511963], [5.740419387817383, 1.5374412536621094, -0.049836158752441406]]),  # noqa: E501
    ('torch.distributions.Dirichlet(u).entropy()', 'tensor([-2.8730, -3.6368, -1.7396], grad_fn=<SubBackward0>)', None, [[-0.7306005358695984, 2.381734609603882, 8.486087799072266], [41.53745651245117, -1.5204761028289795, 1.2100714445114136], [13.209671020507812, 0.6907906532287598, -1.6547093391418457]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Dirichlet(u), torch.distributions.Dirichlet(u.t()))', 'tensor([0.4050, 0.6276, 0.0687], grad_fn=<AddBackward0>)', None, [[0.0038327574729919434, 7.606576919555664, -3.770683765411377], [-18.506103515625, 0.05110287666320801, -1.6756134033203125], [2.8711602687835693, 1.3023767471313477, 0.02085256576538086]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, u @ u.t() + torch.eye(3))', 'MultivariateNormal(loc: torch.Size([2, 3]), covariance_matrix: torch.Size([2, 3, 3]))', '', ''),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, u @ u.t() + torch.eye(3)).log_prob(torch.tensor([0.1, 0.2, 0.3]))', 'tensor([-4.8874, -4.9995], grad_fn=<SubBackward0>)', [[-0.04729437083005905, 0.20264960825443268, -0.13027042150497437], [-0.08201582729816437, -0.507612407207489, 0.644524097442627]], [[-1.198965072631836, 0.005512907635420561, 0.14933490753173828], [0.20607444643974304, -1.182806372642517, 0.04933697357773781], [0.07438071817159653, 0.05678679421544075, -0.9752232432365417]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, scale_tril=torch.tril(u)).log_prob(torch.zeros(2, 3))', 'tensor([-4.5794, -4.6474], grad_fn=<SubBackward0>)', [[-0.05872275307774544, 0.188693568110466, -0.1757330298423767], [-0.09401282668113708, -0.5961371660232544, 0.518132746219635]], [[-1.4864909648895264, 0.0, 0.0], [0.00150282122194767, -1.7025668621063232, 0.0], [0.0004533175379037857, -0.15155649185180664, -1.369463562965393]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, precision_matrix=u @ u.t() + torch.eye(3)).log_prob(torch.zeros(3))', 'tensor([-1.5638, -1.2580], grad_fn=<SubBackward0>)', [[-2.2149999141693115, -0.9950000643730164, -2.5860002040863037], [-0.0479997880756855, -0.21799993515014648, 3.6700005531311035]], [[0.9683037996292114, -0.11698434501886368, -0.27727773785591125], [-0.10562348365783691, 1.2252804040908813, 0.5169938802719116], [-0.3950461745262146, -0.12868660688400269, -0.10842926800251007]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, u @ u.t() + torch.eye(3)).entropy()', 'tensor([6.3291, 6.3291], grad_fn=<ExpandBackward0>)', None, [[1.2043036222457886, -0.0029843724332749844, -0.17627769708633423], [-0.22562354803085327, 1.2892804145812988, -0.2690061628818512], [-0.06304608285427094, -0.168686643242836, 1.2405707836151123]]),  # noqa: E501
    ('(lambda d: (d.mean, d.variance, d.scale_tril))(torch.distributions.MultivariateNormal(t[0], u @ u.t() + torch.eye(3)))', '(tensor([ 0.3000, -0.2000,  0.5000], grad_fn=<ExpandBackward0>), tensor([5.3400, 4.0900, 5.2100], grad_fn=<ExpandBackward0>), tensor([[2.3108, 0.0000, 0.0000],\n        [0.6102, 1.9281, 0.0000],\n        [0.7746, 1.1967, 1.7827]], grad_fn=<ExpandBackward0>))', [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], [[4.29033088684082, 3.2794854640960693, 3.087451219558716], [3.343306541442871, 10.890717506408691, 6.263920783996582], [6.759944915771484, 12.103229522705078, 20.9190673828125]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t[0], scale_tril=torch.tril(u)).covariance_matrix', 'tensor([[4.0000, 0.4000, 0.8000],\n        [0.4000, 2.6000, 1.5200],\n        [0.8000, 1.5200, 4.2100]], grad_fn=<ExpandBackward0>)', None, [[9.199999809265137, 0.0, 0.0], [19.599998474121094, 28.599998474121094, 0.0], [30.0, 38.599998474121094, 32.39999771118164]]),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t[0], scale_tril=torch.tril(u)).precision_matrix', 'tensor([[ 0.2603, -0.0141, -0.0444],\n        [-0.0141,  0.4883, -0.1736],\n        [-0.0444, -0.1736,  0.3086]], grad_fn=<ExpandBackward0>)', None, [[0.0038701274897903204, 0.0, 0.0], [-0.5826820731163025, -1.4069281816482544, 0.0], [-0.9780094027519226, -1.3269195556640625, -0.6088314056396484]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.MultivariateNormal(t, scale_tril=torch.tril(u)), torch.distributions.MultivariateNormal(torch.zeros(3), u @ u.t() + torch.eye(3)))', 'tensor([0.1370, 0.2040], grad_fn=<AddBackward0>)', [[0.04513363912701607, -0.18695643544197083, 0.18022066354751587], [0.0776943787932396, 0.5389987230300903, -0.544623613357544]], [[-0.09384270012378693, 0.09029455482959747, 0.09204185009002686], [-0.11676688492298126, -0.32230842113494873, 0.4099392294883728], [-0.03507860377430916, 0.10784640163183212, -0.16488686203956604]]),  # noqa: E501
    ('torch.distributions.Independent(torch.distributions.Normal(t, u[:2]), 1).log_prob(torch.zeros(2, 3))', 'tensor([-3.0330, -1.7843], grad_fn=<SumBackward1>)', [[-0.07500000298023224, 0.800000011920929, -5.55555534362793], [-4.999999523162842, -0.3124999701976776, 2.448979616165161]], [[-0.48875001072883606, -1.6799999475479126, 5.925926208496094], [-7.5, -1.171875, -0.7580173015594482], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Independent(torch.distributions.Normal(t, u[:2]), 1).entropy()', 'tensor([3.0528, 2.7607], grad_fn=<SumBackward1>)', None, [[0.5, 2.0, 3.3333332538604736], [10.0, 1.25, 2.857142925262451], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Independent(torch.distributions.Normal(t, u[:2]), 2)', 'Independent(Normal(loc: torch.Size([2, 3]), scale: torch.Size([2, 3])), 2)', '', ''),  # noqa: E501
    ('(lambda d: (d.batch_shape, d.event_shape, d.support))(torch.distributions.Independent(torch.distributions.Normal(t, u[:2]), 1))', '(torch.Size([2]), torch.Size([3]), IndependentConstraint(Real(), 1))', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Independent(torch.distributions.Normal(t, u[:2]), 1), torch.distributions.Independent(torch.distributions.Normal(torch.zeros(2, 3), 1.0), 1))', 'tensor([2.0640, 1.8061], grad_fn=<SumBackward1>)', [[0.30000001192092896, -0.20000000298023224, 0.5], [0.20000000298023224, 0.800000011920929, -1.2000000476837158]], [[1.5, -1.5, -3.0333333015441895], [-9.59999942779541, 1.9500000476837158, -1.4571428298950195], [0.0, 0.0, 0.0]]),  # noqa: E501
    ('torch.distributions.Normal(t, u[:2]).log_prob(torch.zeros(4, 1, 3)).shape', 'torch.Size([4, 2, 3])', '', ''),  # noqa: E501
    ('torch.distributions.Normal(0.0, 1.0).sample((2, 3)).shape', 'torch.Size([2, 3])', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(logits=t).sample((5,)).shape', 'torch.Size([5, 2])', '', ''),  # noqa: E501
    ('torch.distributions.MultivariateNormal(t, u @ u.t() + torch.eye(3)).rsample((4,)).shape', 'torch.Size([4, 2, 3])', '', ''),  # noqa: E501
    ('torch.distributions.Dirichlet(u).sample((4,)).shape', 'torch.Size([4, 3, 3])', '', ''),  # noqa: E501
    ('torch.distributions.OneHotCategorical(logits=t).sample((4,)).shape', 'torch.Size([4, 2, 3])', '', ''),  # noqa: E501
    ('torch.distributions.Normal.arg_constraints', "{'loc': Real(), 'scale': GreaterThan(lower_bound=0.0)}", '', ''),  # noqa: E501
    ('(torch.distributions.Normal(0.0, 1.0).support, torch.distributions.Bernoulli(0.3).support, torch.distributions.Categorical(logits=t).support, torch.distributions.Beta(2.0, 3.0).support, torch.distributions.Uniform(0.0, 2.0).support, torch.distributions.Gamma(1.0, 1.0).support, torch.distributions.Dirichlet(u).support, torch.distributions.OneHotCategorical(logits=t).support, torch.distributions.MultivariateNormal(t, u @ u.t()).support, torch.distributions.Exponential(1.0).support)', '(Real(), Boolean(), IntegerInterval(lower_bound=0, upper_bound=2), Interval(lower_bound=0.0, upper_bound=1.0), Interval(lower_bound=0.0, upper_bound=2.0), GreaterThanEq(lower_bound=0.0), Simplex(), OneHot(), IndependentConstraint(Real(), 1), GreaterThanEq(lower_bound=0.0))', '', ''),  # noqa: E501
    ('(torch.distributions.Beta(2.0, 3.0), torch.distributions.OneHotCategorical(logits=t), torch.distributions.Gamma(1.0, 2.0), torch.distributions.Exponential(2.0), torch.distributions.Laplace(0.0, 1.0), torch.distributions.Uniform(0.0, 1.0), torch.distributions.Dirichlet(u))', '(Beta(), OneHotCategorical(), Gamma(concentration: 1.0, rate: 2.0), Exponential(rate: 2.0), Laplace(loc: 0.0, scale: 1.0), Uniform(low: 0.0, high: 1.0), Dirichlet(concentration: torch.Size([3, 3])))', '', ''),  # noqa: E501
    ('[type(d).has_rsample for d in (torch.distributions.Normal(0.0, 1.0), torch.distributions.Bernoulli(0.5), torch.distributions.Categorical(logits=t), torch.distributions.Gamma(1.0, 1.0), torch.distributions.Beta(1.0, 1.0), torch.distributions.Uniform(0.0, 1.0))]', '[True, False, False, True, True, True]', '', ''),  # noqa: E501
    ('torch.distributions.Normal(0.0, -1.0)', '!!ValueError: Expected parameter scale (Tensor of shape ()) of distribution Normal(loc: 0.0, scale: -1.0) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Normal(torch.zeros(2), torch.tensor([1.0, -1.0]))', '!!ValueError: Expected parameter scale (Tensor of shape (2,)) of distribution Normal(loc: torch.Size([2]), scale: torch.Size([2])) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Bernoulli(probs=torch.tensor(1.5))', '!!ValueError: Expected parameter probs (Tensor of shape ()) of distribution Bernoulli(probs: 1.5) to satisfy the constraint Interval(lower_bound=0.0, upper_bound=1.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Normal(0.0, 1.0).log_prob(1)', '!!ValueError: The value argument to log_prob must be a Tensor', '', ''),  # noqa: E501
    ('torch.distributions.Uniform(0.0, 1.0).log_prob(torch.tensor(2.0))', '!!ValueError: Expected value argument (Tensor of shape ()) to be within the support (Interval(lower_bound=0.0, upper_bound=1.0)) of the distribution Uniform(low: 0.0, high: 1.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(probs=torch.tensor([0.2, 0.8])).log_prob(torch.tensor(2))', '!!ValueError: Expected value argument (Tensor of shape ()) to be within the support (IntegerInterval(lower_bound=0, upper_bound=1)) of the distribution Categorical(probs: torch.Size([2])), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Bernoulli(0.3, logits=0.2)', '!!ValueError: Either `probs` or `logits` must be specified, but not both.', '', ''),  # noqa: E501
    ('torch.distributions.Normal(torch.zeros(3), 1.0).log_prob(torch.zeros(2))', '!!ValueError: Value is not broadcastable with batch_shape+event_shape: torch.Size([2]) vs torch.Size([3]).', '', ''),  # noqa: E501
    ('torch.distributions.Uniform(2.0, 1.0)', '!!ValueError: Expected parameter low (Tensor of shape ()) of distribution Uniform(low: 2.0, high: 1.0) to satisfy the constraint LessThan(upper_bound=1.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Categorical(probs=torch.tensor(0.5))', '!!ValueError: `probs` parameter must be at least one-dimensional.', '', ''),  # noqa: E501
    ('torch.distributions.MultivariateNormal(torch.zeros(2))', '!!ValueError: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.', '', ''),  # noqa: E501
    ('torch.distributions.MultivariateNormal(torch.zeros(2), torch.tensor([[1.0, 2.0], [2.0, 1.0]]))', '!!ValueError: Expected parameter covariance_matrix (Tensor of shape (2, 2)) of distribution MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2])) to satisfy the constraint PositiveDefinite(), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Independent(torch.distributions.Normal(0.0, 1.0), 1)', '!!ValueError: Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual 1 vs 0', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Gamma(1.0, 1.0), torch.distributions.Normal(0.0, 1.0))', 'tensor(0.9189)', '', ''),  # noqa: E501
    ('torch.distributions.Dirichlet(torch.tensor(1.0))', '!!ValueError: `concentration` parameter must be at least one-dimensional.', '', ''),  # noqa: E501
    ('torch.distributions.Exponential(1.0).log_prob(torch.tensor(-1.0))', '!!ValueError: Expected value argument (Tensor of shape ()) to be within the support (GreaterThanEq(lower_bound=0.0)) of the distribution Exponential(rate: 1.0), but found invalid values:', '', ''),  # noqa: E501
    ('torch.distributions.Normal(0.0, 1.0, validate_args=False).log_prob(torch.tensor(1.0))', 'tensor(-1.4189)', '', ''),  # noqa: E501
    ('torch.distributions.Uniform(0.0, 1.0, validate_args=False).log_prob(torch.tensor(2.0))', 'tensor(-inf)', '', ''),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Exponential(u), torch.distributions.Normal(t[0], 2.0))', 'tensor([[1.3415, 1.0239, 1.8005],\n        [4.8889, 1.2160, 0.6183],\n        [1.0820, 0.8759, 1.2388]], grad_fn=<AddBackward0>)', [[-8.600000381469727, -4.753472328186035, -3.642857074737549], [0.0, 0.0, 0.0]], [[0.45625001192092896, -4.400000095367432, -41.388885498046875], [-222.4999542236328, 2.4169921875, 1.3556849956512451], [-33.9062385559082, 2.908092975616455, 4.575617790222168]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Gamma(u, 1.5), torch.distributions.Normal(t[0], 2.0))', 'tensor([[0.6849, 1.9903, 3.1014],\n        [4.5393, 0.8952, 1.4617],\n        [2.3801, 1.2567, 0.6779]], grad_fn=<AddBackward0>)', [[-0.03333336114883423, -3.450000047683716, -1.299999713897705], [0.0, 0.0, 0.0]], [[-0.1272881031036377, -6.645914077758789, -28.698593139648438], [-87.94451141357422, -1.0913710594177246, -10.801288604736328], [-37.20650100708008, -8.026920318603516, -2.1437859535217285]]),  # noqa: E501
    ('torch.distributions.kl_divergence(torch.distributions.Laplace(t, u[:2]), torch.distributions.Normal(0.5, 2.0))', 'tensor([[0.2308, 0.7358, 1.1454],\n        [1.5584, 0.0902, 0.5494]], grad_fn=<SubBackward0>)', [[-0.04999999701976776, -0.3499999940395355, 0.0], [-0.4000000059604645, -0.125, -1.6500000953674316]], [[0.5, -3.5, -9.550000190734863], [-19.599998474121094, 0.8750001788139343, -6.471428394317627], [0.0, 0.0, 0.0]]),  # noqa: E501
]


def _close(got, expected):
    if isinstance(expected, str) or expected is None:
        return got == expected
    return np.allclose(np.asarray(got, float), np.asarray(expected, float), rtol=1e-4, atol=1e-5,
                       equal_nan=True)


@pytest.mark.parametrize(("expression", "out", "grad_t", "grad_u"), CASES,
                         ids=[c[0][:90] for c in CASES])
def test_against_pytorch(expression, out, grad_t, grad_u):
    got_out, got_t, got_u = evaluate(expression, X0, U0, as_lists=True)
    assert got_out == out
    assert _close(got_t, grad_t)
    assert _close(got_u, grad_u)



# ---------------------------------------------------------------------------
# Samples: shapes, statistics, reproducibility, reparameterized gradients
# ---------------------------------------------------------------------------

D = torch.distributions
N = 20000
MOMENTS = [
    (lambda: D.Normal(2.0, 3.0), 2.0, 3.0),
    (lambda: D.Uniform(-1.0, 3.0), 1.0, 4.0 / 12**0.5),
    (lambda: D.Laplace(1.0, 2.0), 1.0, 2.0 * 2**0.5),
    (lambda: D.Exponential(4.0), 0.25, 0.25),
    (lambda: D.Gamma(2.0, 3.0), 2.0 / 3.0, 2**0.5 / 3.0),
    (lambda: D.Gamma(0.5, 1.0), 0.5, 0.5**0.5),
    (lambda: D.Beta(2.0, 5.0), 2.0 / 7.0, (10.0 / (49 * 8)) ** 0.5),
    (lambda: D.Bernoulli(0.3), 0.3, (0.21) ** 0.5),
    (lambda: D.Categorical(probs=torch.tensor([0.2, 0.3, 0.5])), 1.3, 0.61**0.5),
]


@pytest.mark.parametrize(("make", "mean", "std"), MOMENTS, ids=[str(i) for i in range(9)])
def test_sample_statistics(make, mean, std):
    torch.manual_seed(0)
    x = make().sample((N,)).double()
    assert x.shape == (N,)
    assert abs(x.mean().item() - mean) < 4 * std / N**0.5 + 1e-3
    assert abs(x.std().item() - std) < 0.05 * std


def test_multivariate_samples_have_the_covariance():
    torch.manual_seed(1)
    cov = torch.tensor([[2.0, 0.6], [0.6, 1.0]])
    x = D.MultivariateNormal(torch.tensor([1.0, -1.0]), cov).sample((N,))
    assert torch.allclose(x.mean(0), torch.tensor([1.0, -1.0]), atol=0.05)
    centered = x - x.mean(0)
    assert torch.allclose(centered.T @ centered / N, cov, atol=0.08)
    d = D.Dirichlet(torch.tensor([1.0, 2.0, 3.0])).sample((N,))
    assert torch.allclose(d.sum(-1), torch.ones(N), atol=1e-5)
    assert torch.allclose(d.mean(0), torch.tensor([1 / 6, 2 / 6, 3 / 6]), atol=0.01)
    one_hot = D.OneHotCategorical(probs=torch.tensor([0.25, 0.75])).sample((N,))
    assert torch.allclose(one_hot.mean(0), torch.tensor([0.25, 0.75]), atol=0.02)


def test_samples_follow_the_seed_and_do_not_require_grad():
    loc = torch.tensor(0.0, requires_grad=True)
    torch.manual_seed(3)
    a = D.Normal(loc, 1.0).sample((4,))
    torch.manual_seed(3)
    b = D.Normal(loc, 1.0).sample((4,))
    assert torch.equal(a, b) and not a.requires_grad
    assert D.Normal(loc, 1.0).rsample((4,)).requires_grad


RSAMPLE_GRADIENTS = [
    # (distribution of a parameter p, p, d E[x] / dp)
    (lambda p: D.Normal(p, 2.0), 1.5, 1.0),
    (lambda p: D.Normal(1.0, p), 1.5, 0.0),
    (lambda p: D.Uniform(0.0, p), 2.0, 0.5),
    (lambda p: D.Exponential(p), 2.0, -0.25),
    (lambda p: D.Gamma(p, 2.0), 1.5, 0.5),
    (lambda p: D.Gamma(3.0, p), 2.0, -0.75),
    (lambda p: D.Beta(p, 2.0), 3.0, 2.0 / 25.0),
    (lambda p: D.Laplace(p, 1.0), 0.5, 1.0),
]


@pytest.mark.parametrize(("make", "p0", "slope"), RSAMPLE_GRADIENTS,
                         ids=[str(i) for i in range(len(RSAMPLE_GRADIENTS))])
def test_rsample_is_reparameterized(make, p0, slope):
    torch.manual_seed(0)
    p = torch.tensor(p0, dtype=torch.float64, requires_grad=True)
    n = N // 5  # gamma draws' implicit derivatives cost more: fewer, and a looser bound
    make(p).rsample((n,)).mean().backward()
    assert abs(p.grad.item() - slope) < 0.1 * max(abs(slope), 0.2)


# ---------------------------------------------------------------------------
# Under torch.func's transforms
# ---------------------------------------------------------------------------


def test_log_prob_and_kl_under_vmap_and_grad():
    locs = torch.tensor([[0.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
    x = torch.tensor([0.3, -0.2])

    def f(loc):
        d = D.Independent(D.Normal(loc, torch.ones(2)), 1)
        return d.log_prob(x) + D.kl_divergence(d, D.Independent(D.Normal(loc * 0, 2.0), 1))

    out = torch.func.vmap(f)(locs)
    assert torch.allclose(out, torch.stack([f(loc) for loc in locs]))
    g = torch.func.grad(lambda l: torch.func.vmap(f)(l).sum())(locs)
    expected = []
    for loc in locs:
        a = loc.clone().requires_grad_()
        f(a).backward()
        expected.append(a.grad)
    assert torch.allclose(g, torch.stack(expected))
    mvn = torch.func.vmap(lambda m: D.MultivariateNormal(m, torch.eye(2)).log_prob(x))(locs)
    assert mvn.shape == (3,)
