"""funcgrad.optimizers: JAX's update formulas step for step, over pytrees, eager and under jit.

The table holds the parameters after the first and the sixth step of each
optimizer on one small problem, recorded once with
``jax.example_libraries.optimizers`` (jax 0.10.2, x64); steps alternate between
eager calls and a jitted step, as a training loop might.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad import optimizers as O


def loss(p):
    target = fnp.asarray([1.0, -2.0, 3.0])
    scale = fnp.asarray([1.0, 10.0, 0.1])
    return fnp.sum((p["w"] - target) ** 2 * scale) + fnp.sum(fnp.cos(p["b"]) * p["b"] ** 2)


P0 = {"w": np.array([0.5, 0.5, 0.5]), "b": np.array([[0.3, -1.2], [2.0, 0.1]])}

OPTIMIZERS = {
    "sgd": lambda: O.sgd(0.01),
    "momentum": lambda: O.momentum(0.01, 0.9),
    "nesterov": lambda: O.nesterov(0.01, 0.9),
    "adagrad": lambda: O.adagrad(0.1),
    "rmsprop": lambda: O.rmsprop(0.01),
    "rmsprop_momentum": lambda: O.rmsprop_momentum(0.01),
    "adam": lambda: O.adam(0.05),
    "adamax": lambda: O.adamax(0.05),
    "sm3": lambda: O.sm3(0.1),
    "sgd_expdecay": lambda: O.sgd(O.exponential_decay(0.02, 3, 0.5)),
    "adam_inv": lambda: O.adam(O.inverse_time_decay(0.05, 2, 0.5)),
    "adam_invstair": lambda: O.adam(O.inverse_time_decay(0.05, 2, 0.5, staircase=True)),
    "momentum_poly": lambda: O.momentum(O.polynomial_decay(0.02, 4, 0.001, 2.0), 0.5),
    "sgd_piece": lambda: O.sgd(O.piecewise_constant([1, 3], [0.03, 0.01, 0.002])),
}

# (optimizer, step index, parameters after that step: b.ravel() then w)
JAX_STEPS = [
    ('sgd', 0,
        [0.29453394925124154, -1.2047247767304878, 2.053017770534913, 0.09801997501110864, 0.51,
         0.0, 0.505]),
    ('sgd', 5,
        [0.2684118754547286, -1.231603173537332, 2.3693823163056615, 0.08868254458603066,
         0.5570788095679999, -1.34464, 0.52985039940048]),
    ('momentum', 0,
        [0.29453394925124154, -1.2047247767304878, 2.053017770534913, 0.09801997501110864, 0.51,
         0.0, 0.505]),
    ('momentum', 5,
        [0.20745205108974296, -1.2973195504764103, 3.1138113565466994, 0.06694137812481961,
         0.6666668487680001, -3.7724349999999998, 0.5885538379568397]),
    ('nesterov', 0,
        [0.28961450357735896, -1.208977075787927, 2.1007337640163346, 0.09623795252110641, 0.519,
         -0.45000000000000007, 0.5095]),
    ('nesterov', 5,
        [0.1893753048285947, -1.3323446473122111, 3.4399869508092267, 0.060785619317999265,
         0.6975138167064439, -2.99504533504, 0.6090358229527293]),
    ('adagrad', 0,
        [0.29, -1.21, 2.01, 0.09000000000000001, 0.51, 0.49, 0.51]),
    ('adagrad', 5,
        [0.18228386595308524, -1.331892582996921, 2.123332674437996, -0.0050232879605366584,
         0.619014290455802, 0.3787376639605135, 0.6212623360394864]),
    ('rmsprop', 0,
        [0.2683772286903496, -1.2316227695188462, 2.0316227765454333, 0.06837726372827989,
         0.5316227750205451, 0.46837722339894866, 0.5316227702771303]),
    ('rmsprop', 5,
        [0.18720767284205686, -1.3378019153770946, 2.12384920372725, 0.014285204879984728,
         0.6156689952469745, 0.3799473165111821, 0.6200526709706279]),
    ('rmsprop_momentum', 0,
        [0.2683772286903496, -1.2316227695188462, 2.0316227765454333, 0.06837726372827989,
         0.5316227750205451, 0.46837722339894866, 0.5316227702771303]),
    ('rmsprop_momentum', 5,
        [-0.041536687718321905, -1.6688036428987962, 2.412331911415367, -0.0751413800872617,
         0.8663084676916242, 0.10686613505746174, 0.8931338163359835]),
    ('adam', 0,
        [0.2500000009147372, -1.249999998941749, 2.049999999905692, 0.050000002525220535,
         0.5499999995, 0.45000000001, 0.549999999]),
    ('adam', 5,
        [0.01625406061529349, -1.4976106901935744, 2.301408712413821, -0.05089752999239391,
         0.7928817703974925, 0.2008410231631553, 0.7991589707807027]),
    ('adamax', 0,
        [0.2500000009147372, -1.249999998941749, 2.049999999905692, 0.050000002525220535,
         0.5499999995, 0.45000000001, 0.549999999]),
    ('adamax', 5,
        [0.057491328698822175, -1.4404811990265893, 2.284755158753704, -0.04084055523538967,
         0.7614043127578197, 0.20744546802834338, 0.7925545263255425]),
    ('sm3', 0,
        [0.29, -1.21, 2.01, 0.09000000000000001, 0.51, 0.49, 0.51]),
    ('sm3', 5,
        [0.1834890584893792, -1.331892582996921, 2.123332674437996, 0.02531264236330601,
         0.619014290455802, 0.37873766396051356, 0.6212623360394864]),
    ('sgd_expdecay', 0,
        [0.28906789850248316, -1.2094495534609757, 2.1060355410698257, 0.09603995002221727, 0.52,
         -0.5, 0.51]),
    ('sgd_expdecay', 5,
        [0.26198276849852964, -1.2390492423600952, 2.4564371901822253, 0.08640233745042158,
         0.5685642773655748, -1.5495435592953437, 0.5361418984540296]),
    ('adam_inv', 0,
        [0.2500000009147372, -1.249999998941749, 2.049999999905692, 0.050000002525220535,
         0.5499999995, 0.45000000001, 0.549999999]),
    ('adam_inv', 5,
        [0.1058179961505702, -1.3985318959132425, 2.1997472672312544, -0.040423148594185214,
         0.6966524702017881, 0.3011997596298438, 0.6988002363708542]),
    ('adam_invstair', 0,
        [0.2500000009147372, -1.249999998941749, 2.049999999905692, 0.050000002525220535,
         0.5499999995, 0.45000000001, 0.549999999]),
    ('adam_invstair', 5,
        [0.08973613814626476, -1.4156470782557102, 2.217383584390271, -0.04293392969980549,
         0.7135792838616423, 0.28372690017006325, 0.7162730954740641]),
    ('momentum_poly', 0,
        [0.28906789850248316, -1.2094495534609757, 2.1060355410698257, 0.09603995002221727, 0.52,
         -0.5, 0.51]),
    ('momentum_poly', 5,
        [0.27029806643788157, -1.2280489127559329, 2.3227033207009864, 0.08931345632075992,
         0.5539254602984248, -1.5260789277812499, 0.5277160947822302]),
    ('sgd_piece', 0,
        [0.2836018477537247, -1.2141743301914636, 2.159053311604739, 0.0940599250333259, 0.53,
         -1.0, 0.515]),
    ('sgd_piece', 5,
        [0.25613931305422016, -1.2452004091363964, 2.525491133910892, 0.08431583835867852,
         0.57908292888448, -1.7640704000000003, 0.5417482616211646]),
]


def _trajectory(name):
    init, update, get_params = OPTIMIZERS[name]()
    state = init(P0)
    step = fg.jit(lambda i, s: update(i, fg.grad(loss)(get_params(s)), s))
    out = []
    for i in range(6):
        # sm3 keeps the parameter's shape in its state as Python ints (as JAX): eager only.
        if i % 2 and name != "sm3":
            state = step(i, state)
        else:
            state = update(i, fg.grad(loss)(get_params(state)), state)
        p = get_params(state)
        out.append(np.concatenate([np.ravel(p["b"]), np.ravel(p["w"])]))
    return out


@pytest.mark.parametrize("name, step, values", JAX_STEPS,
                         ids=[f"{n}-{s}" for n, s, _ in JAX_STEPS])
def test_steps_match_jax(name, step, values):
    np.testing.assert_allclose(_trajectory(name)[step], values, rtol=1e-13, atol=1e-300)


def test_clip_grads_and_l2_norm():
    g = {"a": np.array([3.0, 4.0]), "b": np.array([[12.0]])}
    assert O.l2_norm(g) == 13.0
    clipped = O.clip_grads(g, 2.0)
    np.testing.assert_allclose(clipped["a"], [6 / 13, 8 / 13])
    np.testing.assert_allclose(O.l2_norm(clipped), 2.0)
    assert O.clip_grads(g, 100.0)["b"][0, 0] == 12.0


def test_state_is_a_pytree_and_packs():
    init, update, get_params = O.adam(0.1)
    state = init(P0)
    leaves = fg.tree_util.tree_leaves(state)
    assert len(leaves) == 6 and all(isinstance(x, np.ndarray) for x in leaves)
    marked = O.unpack_optimizer_state(state)
    again = O.pack_optimizer_state(pickle.loads(pickle.dumps(marked)))
    for a, b in zip(fg.tree_util.tree_leaves(again), leaves):
        np.testing.assert_array_equal(a, b)
    g = fg.grad(loss)(P0)
    for a, b in zip(fg.tree_util.tree_leaves(get_params(update(0, g, again))),
                    fg.tree_util.tree_leaves(get_params(update(0, g, state)))):
        np.testing.assert_array_equal(a, b)


def test_float32_parameters_stay_float32():
    init, update, get_params = O.adam(0.1)
    x = np.ones(3, np.float32)
    state = update(0, np.ones(3, np.float32), init(x))
    assert get_params(state).dtype == np.float32


def test_mismatched_gradient_tree_is_an_error():
    init, update, _ = O.sgd(0.1)
    with pytest.raises(TypeError, match="did not match the parameter tree"):
        update(0, {"w": np.ones(3)}, init(P0))


def test_bad_step_size_is_an_error():
    with pytest.raises(TypeError, match="number or a schedule"):
        O.sgd(np.ones(3))
