# humstat: two commands on a fresh machine with python3 and make.
#   make serve   build .venv from uv.lock, seed the database if empty, serve the API
#   make test    build the same .venv, install headless Chromium and PostgreSQL, start the loopback
#                cluster services (PostgreSQL, S3, Dask) for the run, run the whole suite
SHELL := /bin/bash
PY ?= python3
UV_VERSION := 0.13.8
VENV := .venv
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# The Pythons humstat runs on: pyproject's requires-python (">=3.11,<3.14"). $(PY) builds .venv when
# it is one of them; otherwise uv takes one it finds (a python3.x on PATH, one it installed) or, where
# it may download (UV_PYTHON_DOWNLOADS is not "never") and the network lets it, fetches one from
# python-build-standalone on GitHub. Offline with none of them, make stops and says what to do.
PY_BOUNDS := $(shell sed -n 's/^requires-python = ">=3\.\([0-9]*\),<3\.\([0-9]*\)"$$/\1 \2/p' pyproject.toml)
PY_RANGE := >=3.$(word 1,$(PY_BOUNDS)),<3.$(word 2,$(PY_BOUNDS))
PY_VERSION := $(shell $(PY) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)
PY_FITS := $(shell v=($(subst ., ,$(PY_VERSION))); [ "$${v[0]}" = 3 ] && [ "$${v[1]:-0}" -ge $(word 1,$(PY_BOUNDS)) ] \
  && [ "$${v[1]}" -lt $(word 2,$(PY_BOUNDS)) ] && echo 1)
ifeq ($(PY_FITS),1)
export UV_PYTHON := $(shell command -v $(PY))
else
export UV_PYTHON := $(PY_RANGE)
endif
HUMSTAT_DB ?= data/humstat.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared
export HUMSTAT_DB

.PHONY: env serve test eval bench browser postgres cluster-up cluster-down clean help
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	$(PY) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# The stamp makes .venv stale whenever the lock or the project metadata changes.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	@$(PYTHON_CHECK)
	$(UV) sync --frozen --quiet
	@touch $@

env: $(VENV)/.synced ## build .venv from uv.lock (only)

# When $(PY) is not a supported Python: say so, and which one uv will use, or stop with what to do.
define PYTHON_CHECK
if [ "$(PY_FITS)" != 1 ]; then \
  echo "$(PY) is $(if $(PY_VERSION),Python $(PY_VERSION),not a Python that runs); humstat needs Python $(PY_RANGE) (requires-python in pyproject.toml)." >&2; \
  if found=$$($(UV) python find '$(PY_RANGE)' 2>/dev/null) || { [ "$${UV_PYTHON_DOWNLOADS:-automatic}" != never ] \
      && echo "Asking uv to download one (needs network access to github.com)..." >&2 \
      && $(UV) python install --quiet '$(PY_RANGE)' && found=$$($(UV) python find '$(PY_RANGE)'); }; then \
    echo "Using $$found, found by uv." >&2; \
  else \
    echo "No such Python here and uv could not download one. Install Python 3.$(word 1,$(PY_BOUNDS)) to 3.$$(($(word 2,$(PY_BOUNDS)) - 1)) (apt-get install python3.11, pyenv install 3.13, ...) and run 'make $(or $(MAKECMDGOALS),env) PY=python3.13', or run make once with network access so uv fetches one." >&2; \
    exit 1; \
  fi; \
fi
endef

.PHONY: python
python: | $(UV) ## check that PY (python3) is a supported Python, or let uv find (online: fetch) one
	@$(PYTHON_CHECK)

serve: env ## seed data/humstat.duckdb when empty, then serve the API on $(HOST):$(PORT)
	$(VENV)/bin/humstat ingest seeds --db "$(HUMSTAT_DB)" --if-empty
	$(VENV)/bin/humstat serve --db "$(HUMSTAT_DB)" --host "$(HOST)" --port "$(PORT)"

browser: ## install Debian's chromium + chromium-driver when missing (browser tests, PNG/SVG charts)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "chromium is missing and we are not root: run 'apt-get install chromium chromium-driver'" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }

# Debian's package may start a "main" cluster on 5432: stopped at once, the tests run their own.
postgres: ## install Debian's PostgreSQL server when missing (the cluster tests run their own on loopback)
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "PostgreSQL is missing and we are not root: run 'apt-get install postgresql'" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null && \
	  pg_lsclusters -h 2>/dev/null | while read -r ver name _; do $$SUDO pg_ctlcluster "$$ver" "$$name" stop 2>/dev/null || true; done; }

# The services live as long as this recipe's shell (--owner), at most $(CLUSTER_TTL) s, and the trap
# stops them however pytest ends; the exit status stays pytest's.
CLUSTER := $(VENV)/bin/python .ci/services/cluster.py
CLUSTER_TTL ?= 7200
test: env browser postgres ## build .venv, install Chromium and PostgreSQL, start the cluster services, run the whole suite
	@dir=$$(mktemp -d "$${TMPDIR:-/tmp}/humstat-cluster.XXXXXX"); \
	trap '$(CLUSTER) down --dir "$$dir"; rm -rf "$$dir"' EXIT; \
	$(CLUSTER) up --dir "$$dir" --owner $$$$ --ttl $(CLUSTER_TTL) && \
	HUMSTAT_CLUSTER_ENV="$$dir/cluster.env" $(VENV)/bin/python -m pytest

cluster-up: env postgres ## start PostgreSQL, S3 (moto) and Dask on 127.0.0.1 for development (stops after 4 h)
	$(CLUSTER) up

cluster-down: ## stop what cluster-up started
	$(CLUSTER) down

eval: env ## score the extractor on the seeds and the dev set in $(SHARED)
	$(VENV)/bin/humstat eval --shared "$(SHARED)"

bench: env browser ## run every benchmark and write bench/RESULTS.md
	$(VENV)/bin/python bench/run_all.py

clean: ## remove the environments (not the data)
	rm -rf .tools $(VENV)
