# Two commands for a new user: `make demo` and `make test`.
# Each creates .venv when it is missing and installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: demo test lint docs clean

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(READY)

demo: $(READY)
	$(BIN)/python examples/quickstart.py

lint: $(READY)
	$(BIN)/ruff check .

docs: $(READY)
	$(BIN)/sphinx-build -q -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -q -W --keep-going -b doctest docs docs/_build/doctest

# The docs build and the linter run first so that pytest's summary is the last line.
test: $(READY) lint docs
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .hypothesis
