# The two commands of the README: `make run` and `make test`. Both build .venv from scratch if needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench clean

$(BIN)/scribe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BIN)/scribe

run: $(BIN)/scribe
	$(BIN)/scribe new

test: $(BIN)/scribe
	$(BIN)/python -m pytest

lint: $(BIN)/scribe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(BIN)/scribe
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/scribe
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info
