"""Every primitive declared in funcgrad.primitives is driven through the transforms by a
case table, or is excluded here with the reason and the test that covers it instead.

The tables and the tests that run their cases under vmap (against a loop), jit
(against eager) and both modes to second order:

- NumPy face: tests/numpy/table_*.py, run by test_table.py (modes, finite differences)
  and test_table_transforms.py (vmap, jit);
- funcgrad.scipy.special and .linalg: tests/scipy/test_scipy_special.py and
  test_scipy_linalg.py (modes), test_scipy_transforms.py (vmap, jit);
- convolutions and window reductions: tests/lax/test_convolution.py;
- random bits: tests/test_random_keys.py (vmap over keys against a loop, jit against
  eager; samples are constants to differentiation).

A primitive counts as reached when it appears in the program (``make_ir``) of a case's
function or of its first or second derivative.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import numpy as np

import funcgrad.primitives
from funcgrad.core.primitive import Primitive

HERE = os.path.dirname(__file__)
for sub in ("numpy", "scipy", "lax"):
    if os.path.join(HERE, sub) not in sys.path:
        sys.path.insert(0, os.path.join(HERE, sub))

# Primitives no case table reaches, each with the reason and the test that covers it.
EXCLUDED = {
    "debug_callback": "an effect, not a value: tests/test_jax_surface.py runs "
                      "funcgrad.debug.print under jit, vmap and grad",
    "pure_callback": "a Python callback, with no derivative (differentiating it raises): "
                     "tests/test_callbacks.py runs it eagerly, under jit, scan and every "
                     "vmap_method",
    "io_callback": "a Python callback with an effect, no derivative: tests/test_callbacks.py "
                   "runs it under jit and vmap",
    **{f"{d}_ppf": "a discrete quantile (integer-valued, no derivative): the stats table of "
                   "tests/scipy/test_scipy_stats.py checks its values against SciPy's"
       for d in ("poisson", "binom", "nbinom", "geom")},
    "addmm": "b + x @ w as one equation, bound only by funcgrad.torch (nn.functional.linear "
             "and torch.addmm): tests/test_addmm.py checks both modes to second order, "
             "dtypes, vmap over every batched combination against a loop and jit",
    "threefry2x32": "the hash behind the key operations, bound by no face function: "
                    "tests/test_random_keys.py::test_threefry2x32_under_vmap_and_jit",
}


def declared_primitives() -> dict[Primitive, str]:
    """Every Primitive object bound at module level in funcgrad/primitives/*.py."""
    found: dict[Primitive, str] = {}
    for info in pkgutil.iter_modules(funcgrad.primitives.__path__):
        module = importlib.import_module(f"funcgrad.primitives.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Primitive):
                found.setdefault(value, info.name)
    return found


def reached_primitives() -> set:
    from test_convolution import CASES as LAX_CASES
    from test_convolution import build, inputs
    from test_random_keys import SAMPLERS
    from test_scipy_transforms import TABLES
    from test_scipy_transforms import staged_inputs as scipy_inputs
    from test_table_transforms import STAGED
    from test_table_transforms import staged_inputs as numpy_inputs
    from transform_checks import primitives_reached

    import funcgrad.random as R  # noqa: N812 - JAX's spelling

    reached: set = set()
    for param in STAGED:
        case = param.values[0]
        f, args, _, rng = numpy_inputs(case)
        reached |= primitives_reached(f, args, case.order, rng)
    for module, cases in TABLES:
        for case in cases:
            f, args, _, wrt, rng = scipy_inputs(module, case)
            reached |= primitives_reached(f, args, case.order, rng, wrt)
    for _, fn, shapes, kw in LAX_CASES:
        reached |= primitives_reached(build(fn, kw), inputs(shapes), 2,
                                      np.random.default_rng(0))
    for sampler in SAMPLERS.values():
        reached |= primitives_reached(sampler, [R.key(0)], 0, np.random.default_rng(0))
    return reached


def test_every_primitive_is_reached_by_a_table_or_excluded_with_a_reason():
    declared = declared_primitives()
    reached = reached_primitives()
    missing = sorted(f"{module}.{p.name}" for p, module in declared.items()
                     if p not in reached and p.name not in EXCLUDED)
    assert not missing, (
        f"primitives no case table reaches: {missing}. Add a case that uses each (a table "
        "in tests/numpy, tests/scipy or tests/lax), or list it in EXCLUDED with the reason "
        "and the test that covers it.")
    names = {p.name for p in declared}
    stale = sorted(n for n in EXCLUDED if n not in names or any(
        p.name == n for p in reached))
    assert not stale, f"EXCLUDED names that are not declared or are reached after all: {stale}"
