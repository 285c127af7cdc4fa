# The two commands of the README: `make run` and `make test`. Both build .venv from scratch if needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench fuzz soak clean

$(BIN)/scribe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BIN)/scribe

run: $(BIN)/scribe
	$(BIN)/scribe new

test: $(BIN)/scribe
	scripts/test-deps.sh
	$(BIN)/python -m pytest

lint: $(BIN)/scribe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(BIN)/scribe
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The fuzz targets at length: FUZZ_EXAMPLES inputs per parser (about a minute at the default).
# An input that fails is kept in tests/fuzz/crashers/ and replayed by every later `make test`.
FUZZ_EXAMPLES ?= 3000
fuzz: $(BIN)/scribe
	SCRIBE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) timeout 900 $(BIN)/python -m pytest -p no:cacheprovider tests/fuzz

bench: $(BIN)/scribe
	$(BIN)/python -m benchmarks

# One shared session for SOAK_MINUTES under 4 writers, 2 apps and 50 page viewers (needs
# redis-server): every process's memory and CPU sampled, a verdict per process, correctness at the end.
SOAK_MINUTES ?= 10
soak: $(BIN)/scribe
	$(BIN)/python -m benchmarks.soak --minutes $(SOAK_MINUTES)

clean:
	rm -rf $(VENV) build dist *.egg-info
