"""Sphinx configuration for the funcgrad documentation.

Build the site with ``make docs`` (or ``make test``), which runs::

    sphinx-build -q -W --keep-going -b html docs docs/_build/html

and check every ``>>>`` example in the pages and docstrings with::

    sphinx-build -q -b doctest docs docs/_build/doctest
"""

import doctest
import os
import sys

# Build from a plain checkout too: put the repository root first on the path, so
# the funcgrad being documented is the one next to this folder.
sys.path.insert(0, os.path.abspath(".."))
# The project's own Sphinx extensions: pictures of the IR and the support table.
sys.path.insert(0, os.path.abspath("_ext"))

import funcgrad  # noqa: E402

# -- Project -----------------------------------------------------------------

project = "funcgrad"
author = "the funcgrad developers"
copyright = "the funcgrad developers"
release = funcgrad.__version__
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",  # a copy button on every code block (prompts left out)
    "sphinx-mathjax-offline",  # MathJax served from the built site: maths renders offline
    "funcgrad_irgraph",  # .. funcgrad-ir-graph:: draws an IR at build time
    "funcgrad_support",  # .. funcgrad-support-table:: from the tests' tables
    "funcgrad_apipages",  # docs/api/<module>.rst: every public name of every face
    "sphinx_gallery.gen_gallery",  # the examples gallery: see "Examples gallery" below
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"
# The build has no network: intersphinx reads the inventories kept in
# docs/_inventories (see make_numpy_inventory.py there for where each comes from).
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_inventories/python.inv"),
    "numpy": ("https://numpy.org/doc/stable", "_inventories/numpy.inv"),
    "scipy": ("https://docs.scipy.org/doc/scipy", "_inventories/scipy.inv"),
}
intersphinx_timeout = 1

# sphinx-copybutton: copy the code without the ``>>>``/``...`` prompts and the output.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# -- API reference ------------------------------------------------------------

# autosummary writes one stub page per documented object into docs/generated/
# (git-ignored) on every build.
autosummary_generate = True
autosummary_generate_overwrite = True
# The stub templates (docs/_templates/autosummary/): a class's page documents
# its methods too. funcgrad_apipages writes one page per public module
# (docs/api/<module>.rst, git-ignored) listing all its names.
templates_path = ["_templates"]

autodoc_default_options = {"member-order": "bysource"}
# Type hints go into the parameter descriptions rather than the signature. With
# `nitpicky` left off, a type Sphinx cannot resolve is shown as plain text
# instead of failing the -W build; broken references to our own pages still do.
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"

# Docstrings are NumPy style.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# A class's "Attributes" section becomes a field list: its page documents the
# members themselves too (:members:), which would otherwise be described twice.
napoleon_use_ivar = True

# -- Doctests (sphinx-build -b doctest) -----------------------------------------

# Each page imports what it uses in its first example, so a reader can copy
# the examples as they are; there is no global setup to hide imports in.
doctest_default_flags = (
    doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL
    | doctest.DONT_ACCEPT_TRUE_FOR_1
    | doctest.NORMALIZE_WHITESPACE
)

# -- Examples gallery (sphinx-gallery) ----------------------------------------

# The scripts of examples/ become docs/auto_examples/ (generated, git-ignored):
# one page per script with its output and its figures, and an index page
# (examples/GALLERY_HEADER.rst on top). Every script is executed except the
# Dask one, which starts a cluster of worker processes: it is listed with its
# source only. A script is run again only when it changes (sphinx-gallery keeps
# an md5 of each), so the doctest build that follows the HTML build reuses the
# results. Any failing example fails the build.
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"^((?!data_parallel_dask).)*$",
    "ignore_pattern": r"__init__\.py",
    "abort_on_example_error": True,
    "download_all_examples": False,
    "write_computation_times": False,
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "min_reported_time": 1,
    "within_subsection_order": "funcgrad_gallery.GalleryOrder",  # docs/_ext/funcgrad_gallery.py
}

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"funcgrad {release}"
html_static_path: list[str] = []


# -- Hooks -------------------------------------------------------------------


def _drop_docstring_examples(app, what, name, obj, options, lines):
    """Leave docstring examples out of the doctest builder.

    pytest (``--doctest-modules``) runs them in their own module's namespace,
    which is what they are written for; ``sphinx-build -b doctest`` checks the
    examples of the hand-written pages. A doctest block runs up to the next
    blank line.
    """
    if app.builder.name != "doctest":
        return
    kept, in_example = [], False
    for line in lines:
        if line.lstrip().startswith(">>>"):
            in_example = True
        elif not line.strip():
            in_example = False
        if not in_example:
            kept.append(line)
    lines[:] = kept


def setup(app):
    app.connect("autodoc-process-docstring", _drop_docstring_examples)
