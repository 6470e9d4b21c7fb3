# unitcost: FinOps unit economics from FOCUS exports (dbt + DuckDB).
#   make demo   set up the environment, generate demo data, build everything
#   make test   lint, dbt build with all tests, pytest, FOCUS conformance (under 12 minutes)
#   make test-e2e  the end-to-end tests of several builds each (incremental builds,
#               bad input, restatements, spec examples, FOCUS 1.3 files, the config
#               file, two databases, exports, demo at scale); CI runs both
#               (installs Debian's chromium first when it is missing: the report test screenshots)
#   make test-engines  the same models on a throwaway PostgreSQL server, marts compared
#               with DuckDB's (installs Debian's postgresql first when it is missing)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= data/demo
TEST_DIR ?= build/test

export UNITCOST_DB ?= $(CURDIR)/unitcost.duckdb
export DBT_SEND_ANONYMOUS_USAGE_STATS = false
export DBT_PROFILES_DIR = $(CURDIR)

.PHONY: install browser postgres demo test test-e2e test-engines pytest-e2e lint lint-sql lint-python dbt-test pytest conformance bench clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/unitcost demo --out $(DEMO_DIR)
	$(BIN)/unitcost build --focus $(DEMO_DIR)/focus --values $(DEMO_DIR)/values \
		--commitments $(DEMO_DIR)/commitments --recency $(DEMO_DIR)/metadata/recency
	$(BIN)/unitcost kpis
	$(BIN)/unitcost report --out build/report.html

test: browser lint dbt-test pytest conformance

test-e2e: pytest-e2e

# PostgreSQL (docs/engines.md): a real server from Debian's package on 127.0.0.1,
# initialised in a temporary folder and stopped at the end, also on failure.
test-engines: $(STAMP) postgres
	$(BIN)/pytest -q -m engines tests_py/test_engines.py

# Debian's PostgreSQL server package, installed only when no initdb is found
# (needs root, as in CI).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
		echo "installing postgresql (Debian package)"; \
		apt-get update && apt-get install -y postgresql; \
	fi

# Headless Chromium for the report test (screenshot, console errors). Debian's
# package, installed only when missing (needs root, as in CI).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing chromium (Debian package)"; \
		apt-get update && apt-get install -y chromium; \
	fi

lint: lint-python lint-sql

lint-python: $(STAMP)
	$(BIN)/ruff check unitcost tests_py scripts
	$(BIN)/ruff format --check unitcost tests_py scripts

lint-sql: $(STAMP)
	$(BIN)/sqlfluff lint models tests analyses --processes 2

# The whole project on fresh demo data, in its own database, with plain dbt
# (no runner): every model, seed, data test and dbt unit test.
dbt-test: $(STAMP)
	rm -rf $(TEST_DIR) && mkdir -p $(TEST_DIR)
	$(BIN)/unitcost demo --out $(TEST_DIR)/demo
	UNITCOST_DB=$(CURDIR)/$(TEST_DIR)/test.duckdb DBT_TARGET_PATH=$(TEST_DIR)/target $(BIN)/dbt build \
		--vars '{focus_paths: ["$(CURDIR)/$(TEST_DIR)/demo/focus"], value_paths: ["$(CURDIR)/$(TEST_DIR)/demo/values"], commitment_paths: ["$(CURDIR)/$(TEST_DIR)/demo/commitments"], recency_paths: ["$(CURDIR)/$(TEST_DIR)/demo/metadata/recency"]}'

# Two workers; tests of one file stay together (they share a build).
pytest: $(STAMP) browser
	$(BIN)/pytest -q -n 2 --dist loadfile -m "not e2e and not engines"

pytest-e2e: $(STAMP)
	$(BIN)/pytest -q -n 2 --dist loadfile -m e2e

conformance: $(STAMP)
	$(BIN)/python scripts/conformance.py

# Build vs raw-DuckDB floors; e.g. BENCH_ARGS="--with-100m" or "--rows 1000000 --steps a,b,c".
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf build target logs unitcost.duckdb data
