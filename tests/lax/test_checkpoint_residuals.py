"""checkpoint policies with JAX's remat semantics: of the values the backward pass reads, the
policy's are kept and the rest are recomputed, and only what the backward pass needs is
recomputed (lines as jax.ad_checkpoint.print_saved_residuals prints them, recorded with
JAX 0.10.2 without source locations; JAX's dot_general is our matmul)."""

from __future__ import annotations

import numpy as np
import pytest
from checks import check_grads

import funcgrad as fg
import funcgrad.numpy as fnp
from funcgrad.ad_checkpoint import checkpoint_name, print_saved_residuals

W = np.random.default_rng(0).normal(size=(4, 4))


def _h(x):
    a = fnp.sin(x)  # read only through a product with a constant
    c = fnp.tanh(fnp.dot(W, a))
    return fnp.sum(fnp.exp(checkpoint_name(c * 2, "d")))


P = fg.checkpoint_policies
CASES = [
    ("dots", P.dots_saveable, ["f64[4] output of matmul"]),
    ("names", P.save_only_these_names("d"), ["f64[4] named 'd'"]),
    ("nothing", P.nothing_saveable, []),
    # JAX also keeps tanh's output: its tanh rule reads it where ours reads 1 - tanh**2.
    ("everything", P.everything_saveable,
     ["f64[4] output of cos", "f64[4] output of exp", "f64[4] output of sub"]),
]


@pytest.mark.parametrize("name, policy, lines", CASES, ids=[c[0] for c in CASES])
def test_saved_residuals_as_jax(name, policy, lines, capsys):
    x = np.linspace(0.1, 0.4, 4)
    print_saved_residuals(fg.checkpoint(_h, policy=policy), x)
    argument = [] if name == "everything" else ["f64[4] from the argument x"]
    assert capsys.readouterr().out.splitlines() == ["f64[4,4] from a constant"] + argument + lines
    expected = fg.grad(_h)(x)
    np.testing.assert_allclose(fg.grad(fg.checkpoint(_h, policy=policy))(x), expected,
                               rtol=1e-13)
    check_grads(fg.checkpoint(_h, policy=policy), [x], order=2)


def test_only_what_the_backward_pass_reads_is_recomputed():
    x = np.linspace(0.1, 0.4, 4)
    staged = str(fg.make_ir(fg.grad(fg.checkpoint(_h, policy=P.dots_saveable)))(x))
    # sin(x) feeds only the saved product: not recomputed (cos(x) is, for sin's rule).
    assert staged.count("= sin") == 1
    assert staged.count("= matmul") == 2  # the forward product and tanh's cotangent's
