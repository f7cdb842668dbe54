# The two commands of the quick start: `make demo` and `make test`.
# `head` closes the pipe early on purpose; dateline exits quietly on a closed stdout.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo.db

# What ruff checks and formats; mypy reads its files from pyproject.toml.
LINT_PATHS := src tests bench tools

.PHONY: demo test lint format install dev constraints bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pyproject.toml gives the library's version ranges; constraints.txt pins the app to the
# versions tested.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dateline ingest --db $(DEMO_DB) $$($(BIN)/python -c 'import importlib.resources as r; print(r.files("dateline") / "demo" / "corpus")')
	@echo; echo "== Articles (date, how it was known, publisher, wire, title)"
	@$(BIN)/dateline articles --db $(DEMO_DB)
	@echo; echo "== Most mentioned people, organisations and places"
	@$(BIN)/dateline entities --db $(DEMO_DB) | head -n 15
	@echo; echo "== Who said what"
	@$(BIN)/dateline quotes --db $(DEMO_DB) | head -n 12
	@echo; echo "== Stories"
	@$(BIN)/dateline stories --db $(DEMO_DB)
	@echo; echo "== Timeline of the main story (its 12 most important events)"
	@$(BIN)/dateline timeline --top 12 --db $(DEMO_DB)
	@echo; echo "== Key points of the main story"
	@$(BIN)/dateline brief "$$($(BIN)/dateline stories --db $(DEMO_DB) --json | head -n 1 | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["id"])')" --db $(DEMO_DB)
	@echo; echo "== Serve it: $(BIN)/dateline serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/ (the API: /api/stories)"

# The suite twice: on SQLite files, then on a throwaway PostgreSQL cluster (skipped, and
# said, where no PostgreSQL server is installed; .ci/run installs one and requires it).
test: lint
	$(BIN)/python -m pytest
	$(BIN)/python tools/with_postgres.py $(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy

# Fixes what ruff can and lists what it cannot (`make lint` then fails on those); the
# fixes come first because some leave code for the formatter to lay out.
format: dev
	$(BIN)/ruff check --fix --exit-zero $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

# Re-pin constraints.txt to the newest versions pyproject.toml's ranges allow, resolved in
# a fresh virtualenv; then run `make test` and commit it.
constraints:
	rm -rf $(VENV)-pin
	$(PYTHON) -m venv $(VENV)-pin
	$(VENV)-pin/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-pin/bin/pip install --quiet -e '.[dev]'
	{ echo '# Exact versions of everything `make install` and `make dev` install (pip -c).'; \
	  echo '# Regenerate with `make constraints` (a fresh venv, pip install -e .[dev], pip freeze);'; \
	  echo '# do not edit by hand: change the ranges in pyproject.toml, then regenerate.'; \
	  $(VENV)-pin/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf $(VENV)-pin

# Each writes its section of bench/RESULTS.md; the slow ones take tens of minutes on 2 cores.
bench: dev
	$(BIN)/python bench/extraction.py --results bench/RESULTS.md
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/link_scale.py --results bench/RESULTS.md
	$(BIN)/python bench/timeline_cost.py --results bench/RESULTS.md
	$(BIN)/python bench/ecbplus.py --results bench/RESULTS.md
	$(BIN)/python bench/stories.py --out bench/out/stories --corpus giveme --results bench/RESULTS.md
	$(BIN)/python bench/tls.py --out bench/out/tls/pred.json --work bench/out/tls --results bench/RESULTS.md
	$(BIN)/python bench/faithfulness.py --results bench/RESULTS.md
	$(BIN)/python bench/structure.py --results bench/RESULTS.md

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .ruff_cache
