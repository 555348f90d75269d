# Two commands for a new user: `make demo` and `make test`.
# Each creates .venv when it is missing and installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: demo test lint types docs dist-check clean

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(READY)

demo: $(READY)
	$(BIN)/python examples/quickstart.py

lint: $(READY)
	$(BIN)/ruff check .

# mypy on the package and on the user programs of tests/typing/ (settings in
# pyproject.toml; tests/typing/test_mypy.py checks that the mistakes are flagged).
types: $(READY)
	$(BIN)/python -m mypy

docs: $(READY)
	$(BIN)/sphinx-build -q -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -q -W --keep-going -b doctest docs docs/_build/doctest

# The wheel and the sdist build without warnings, and the wheel installs into a
# clean venv and imports there, with its version and its type marker.
dist-check: $(READY)
	rm -rf dist build/dist-check
	$(BIN)/python -m build --no-isolation --outdir dist . > build-dist.log 2>&1 \
		|| (cat build-dist.log; exit 1)
	! grep -iE 'deprecat|SetuptoolsWarning' build-dist.log || (echo 'the package build printed warnings'; exit 1)
	rm -f build-dist.log
	$(PYTHON) -m venv build/dist-check
	build/dist-check/bin/python -m pip install --quiet dist/*.whl
	cd build && dist-check/bin/python -c "import funcgrad, importlib.metadata as m, pathlib; \
		assert m.version('funcgrad') == funcgrad.__version__; \
		assert (pathlib.Path(funcgrad.__file__).parent / 'py.typed').exists(); \
		assert (pathlib.Path(funcgrad.__file__).parent / 'torch/tensor_signatures.pyi').exists(); \
		assert m.metadata('funcgrad')['License-Expression'] == 'BSD-3-Clause'; \
		print('wheel OK: funcgrad', funcgrad.__version__)"

# The docs build, the linter, the type checker and the wheel check run first so
# that pytest's summary is the last line.
test: $(READY) lint types docs dist-check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .hypothesis .mypy_cache build dist
