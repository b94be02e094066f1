# Two entry points for people: `make run` (dashboard) and `make test` (whole suite).
# Everything installs into .venv from the committed uv.lock; uv itself is bootstrapped
# into .tools/ with the machine's Python 3.11, so a fresh clone needs nothing else.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
PORT ?= 8501
PUBLIC_PORT ?= 8502
# Internal app without an identity provider: documented local mode (viewer | editor | admin), localhost only.
GSIW_LOCAL_MODE ?= viewer
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run run-public test install install-dev warehouse lint bench bench-load bench-first-chart e2e notebooks mutation clean help

help:
	@echo "make run      install, build the warehouse from data/raw (offline) and start the dashboard on :$(PORT)"
	@echo "make test     install dev dependencies and run lint + the whole test suite"
	@echo "make run-public  build the warehouse and start the public summary app on 127.0.0.1:$(PUBLIC_PORT)"
	@echo "make warehouse  rebuild data/warehouse/gsiw.duckdb from the shipped snapshots"
	@echo "make e2e      only the browser tests (tests/e2e, Chromium from /usr/bin/chromium); screenshots in test-artifacts/e2e"
	@echo "make notebooks  only the notebook tests (executes notebooks/*.py against a warehouse built from data/raw)"
	@echo "make bench    benchmark build, pages, memory at 3 scales, load, first chart; writes docs/performance.md"
	@echo "make bench-load  only the load benchmark (concurrent sessions against served apps; docs/scaling.md)"
	@echo "make bench-first-chart  only time to first chart in Chromium, ours vs a bare Streamlit page"
	@echo "make mutation  mutation testing (mutmut) of the critical small modules, one at a time, related tests only; docs/testing.md"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# --inexact: `make run` after `make install-dev` keeps the test tools instead of removing them.
install: $(UV)
	$(UV) sync --frozen --no-dev --inexact

install-dev: $(UV)
	$(UV) sync --frozen

warehouse: install
	$(VENV)/bin/python -m pipelines build --offline

run: warehouse
	GSIW_LOCAL_MODE=$(GSIW_LOCAL_MODE) $(VENV)/bin/streamlit run dashboard/app.py --server.port $(PORT) \
		--server.address 127.0.0.1 --server.headless true

run-public: warehouse
	$(VENV)/bin/streamlit run dashboard/public.py --server.port $(PUBLIC_PORT) --server.headless true \
		--server.address 127.0.0.1 --client.showErrorDetails none

# The house rule is `ruff check` clean (CI runs it in `make test`); the formatter is not enforced on the
# tree (views keep their compact layout), only on the files the scaffolds generate (their tests check it).
lint: install-dev
	$(VENV)/bin/ruff check .

test: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -q

e2e: install-dev
	$(VENV)/bin/pytest -q tests/e2e

notebooks: install-dev
	$(VENV)/bin/pytest -q tests/test_notebooks.py

bench: install-dev
	$(VENV)/bin/python -m benchmarks.run

bench-load: warehouse install-dev
	$(VENV)/bin/python -m benchmarks.load

bench-first-chart: warehouse install-dev
	$(VENV)/bin/python -m benchmarks.first_chart

# Not part of `make test` (minutes, not seconds). One module: make mutation MODULES=disclosure
mutation: install-dev
	$(VENV)/bin/python tools/mutation.py $(MODULES)

clean:
	rm -rf .venv .tools .pytest_cache .ruff_cache
