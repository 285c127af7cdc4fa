# The two commands of the README: `make run` and `make test`. Both build .venv from scratch if needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench clean

$(BIN)/scribe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BIN)/scribe

run: $(BIN)/scribe
	$(BIN)/scribe new

test: $(BIN)/scribe
	$(BIN)/python -m pytest

bench: $(BIN)/scribe
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info
