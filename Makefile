# The two set-up commands: `make run` (install, then the bot; without a token, how to get
# one, then the terminal chat, or exit 0 when there is no terminal) and `make test`
# (install, then lint, types and the whole test suite).
PYTHON ?= python3
# Test processes: two fit the two cores CI gives us; each starts its own PostgreSQL.
TEST_WORKERS ?= 2
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run chat test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/crosstrain run

chat: install
	$(BIN)/crosstrain chat

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# --durations: every run (and CI log) ends with its 25 slowest tests. compileall first:
# where PYTHONDONTWRITEBYTECODE is set (it is on these machines) every bot, chat and
# emulator process the tests start compiled our modules again, ~0.6 s of CPU each.
test: lint
	$(BIN)/python -m compileall -q bot coach config knowledge prompts storage usecases tests
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --durations=25

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
