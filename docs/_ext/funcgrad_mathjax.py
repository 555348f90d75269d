"""MathJax served from the built site, so that maths renders offline.

sphinx-mathjax-offline copies MathJax into ``_static/mathjax`` at the end of an
HTML build and points ``mathjax_path`` there. Its ``setup`` does not say that
it is safe for parallel builds (it is: it touches no environment data and acts
once, after writing), so Sphinx would read serially under ``-j`` and warn, which
``-W`` turns into an error. This wrapper loads it and says so.
"""

from __future__ import annotations

import importlib


def setup(app):
    importlib.import_module("sphinx-mathjax-offline").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
