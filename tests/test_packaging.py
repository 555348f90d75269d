"""The package's metadata says one thing in one place."""

import pathlib
import re

import funcgrad

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_version_is_single_sourced_and_in_the_changelog():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "funcgrad.__version__" }' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", funcgrad.__version__)
    assert f"## [{funcgrad.__version__}]" in (ROOT / "CHANGELOG.md").read_text()


def test_the_package_is_typed_and_licensed():
    assert (ROOT / "funcgrad" / "py.typed").exists()
    assert "BSD 3-Clause License" in (ROOT / "LICENSE").read_text()
