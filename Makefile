# The two set-up commands: `make run` (install, then the bot; without a token, how to get
# one, then the terminal chat, or exit 0 when there is no terminal) and `make test`
# (install, then lint, types and the whole test suite).
PYTHON ?= python3
# Test processes: three on the two cores CI gives us, because the end-to-end tests spend
# much of their time waiting on the bot processes they start (a clean-clone run: pytest
# 872 s with three, 1002 s with two); each starts its own PostgreSQL.
TEST_WORKERS ?= 3
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
# mypy runs beside pytest, its report printed after it: on a clean clone it takes ~60 s of
# one core, which run first left the other core idle. Either failing fails the target.
test: install
	$(BIN)/ruff check .
	$(BIN)/python -m compileall -q bot coach config knowledge prompts storage usecases tests
	@types_log=$$(mktemp); \
	$(BIN)/mypy > $$types_log 2>&1 & types_pid=$$!; \
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --durations=25; tests_status=$$?; \
	wait $$types_pid; types_status=$$?; \
	echo "mypy:"; cat $$types_log; rm -f $$types_log; \
	test $$tests_status -eq 0 -a $$types_status -eq 0

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
