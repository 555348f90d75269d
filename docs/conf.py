"""Sphinx configuration for the funcgrad documentation.

Build the site with ``make docs`` (or ``make test``), which runs::

    sphinx-build -q -W --keep-going -b html docs docs/_build/html

and check every ``>>>`` example in the pages and docstrings with::

    sphinx-build -q -b doctest docs docs/_build/doctest
"""

import doctest
import os
import sys

from docutils.parsers.rst import Directive

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
    "funcgrad_mathjax",  # sphinx-mathjax-offline: MathJax from the built site, parallel-safe
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


class _AnyOptions(dict):
    """An option spec that takes every option (the directive below ignores them)."""

    def __getitem__(self, key):
        return lambda text: text

    def __contains__(self, key):
        return True


class _Skipped(Directive):
    """An autodoc directive in the doctest build: nothing (see _skip_autodoc)."""

    has_content = True
    optional_arguments = 99
    final_argument_whitespace = True
    option_spec = _AnyOptions(noindex=None)

    def run(self):
        return []


def _skip_autodoc(app):
    """Leave docstrings out of the doctest build.

    pytest (``--doctest-modules``) runs the docstring examples, in their own
    module's namespace, which is what they are written for; ``sphinx-build -b
    doctest`` checks the examples of the hand-written pages. So the autodoc
    entries (one per public name, ~2,000 on the API pages) hold nothing for this
    builder: it reads them as empty instead of importing and parsing every
    docstring a second time after the HTML build.
    """
    if app.builder.name != "doctest":
        return
    for name in ("automodule", "autofunction", "autoclass", "autodata", "automethod",
                 "autoattribute", "autoexception", "autoproperty", "autodecorator"):
        app.add_directive(name, _Skipped, override=True)


def setup(app):
    app.connect("builder-inited", _skip_autodoc)
