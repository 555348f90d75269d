"""The Parameters, Returns and See Also sections of funcgrad.scipy's docstrings.

SciPy's own docstrings give the Parameters and Returns where SciPy's module is
already imported (``special``, ``linalg``, ``integrate``, ``optimize``: their
values come from it); ``signal`` and the distributions, whose SciPy modules
funcgrad does not import (``scipy.stats`` alone takes longer to import than
funcgrad), are described from the table of common argument names. See Also
names SciPy's function and the funcgrad.numpy namesake.
"""

from __future__ import annotations

import sys

from .. import numpy as fnp
from .._doc_args import SPECIFIC, module_parameters
from ..core.docstrings import JAX_PARAMETERS, complete_module

#: SciPy's meaning of argument names the JAX table does not have, or has otherwise.
PARAMETERS = {
    **JAX_PARAMETERS,
    "lower": ("bool, optional", "Use (or return) the lower triangle."),
    "in1": ("array_like", "The first input."),
    "in2": ("array_like", "The second input."),
    "boundary": ("str, optional", "How the edges are handled (``'fill'``)."),
    "fillvalue": ("scalar, optional", "The value outside the edges."),
    "method": ("str, optional", "The method, as in SciPy."),
}


def complete_scipy(module_name: str) -> None:
    """Fill in the sections of the public names of ``module_name`` (a funcgrad.scipy module)."""
    module = sys.modules[module_name]
    anchor = module_name.removeprefix("funcgrad.")
    parts = anchor.split(".")
    theirs = sys.modules.get(".".join(parts[:2]))
    for part in parts[2:]:
        theirs = getattr(theirs, part, None)
    names = list(getattr(module, "__all__", None) or
                 [n for n in dir(module) if not n.startswith("_")])
    related = {n: [(f"funcgrad.numpy.{n}", "NumPy's spelling.")] for n in names
               if callable(getattr(fnp, n, None)) and getattr(fnp, n) is not getattr(module, n)}
    table = {**PARAMETERS, **module_parameters(module_name)}
    complete_module(module, names, anchor=anchor, table=table, anchor_module=theirs,
                    anchor_text="SciPy's, which this one follows.", related=related,
                    specific=SPECIFIC)
