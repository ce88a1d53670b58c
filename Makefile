# InterviewFlow: `make run` serves the demo, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NPM := npm --prefix frontend
# Two stamps: what serving needs (requirements.lock), and what the checks add (requirements-dev.lock).
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp

export XDG_RUNTIME_DIR ?= /tmp/interviewflow-runtime-$(shell id -u)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help run test install build lint typecheck test-backend test-frontend e2e openapi check-openapi \
        system-deps bench clean

help:
	@echo "make run     install, migrate, seed the demo organization, build the SPA, serve on http://localhost:8000"
	@echo "make test    every check: ruff, mypy, pytest, frontend types/lint/unit, Playwright in Chromium"
	@echo "make bench   benchmarks (figures and ratios against a bare baseline)"
	@echo "make openapi regenerate frontend/openapi.json and the typed client"

# --- installation -------------------------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	@touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

install: $(DEV_STAMP) frontend/node_modules/.package-lock.json

$(XDG_RUNTIME_DIR):
	@mkdir -p -m 700 $@

# Debian packages the tests need: Chromium for Playwright (never a browser download), and what the candidate-code
# sandbox runs: bubblewrap, a C compiler (it builds the sandbox's launcher) and the languages' compilers and
# runtimes. The sandbox sees /usr only, so they are looked for in /usr/bin (a node in /usr/local would not do).
SANDBOX_PACKAGES := bwrap:bubblewrap cc:gcc python3:python3 node:nodejs javac:default-jdk-headless g++:g++
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for pair in $(SANDBOX_PACKAGES); do \
	  [ -x "/usr/bin/$${pair%%:*}" ] || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  mkdir -p /usr/share/man/man1; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# --- build and run ------------------------------------------------------------------------------------------
frontend/dist/index.html: frontend/node_modules/.package-lock.json $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
	$(NPM) run build
	@$(PYTHON) -m bench.spa_size

build: frontend/dist/index.html

# Serving needs only the runtime dependencies (and node_modules to build the SPA).
run: $(STAMP) build | $(XDG_RUNTIME_DIR)
	INTERVIEWFLOW_COOKIE_SECURE=$${INTERVIEWFLOW_COOKIE_SECURE:-false} $(BIN)/interviewflow serve --migrate --seed

# --- checks -------------------------------------------------------------------------------------------------
lint: $(DEV_STAMP)
	$(BIN)/ruff check backend tests bench alembic/env.py
	$(BIN)/ruff format --check backend tests bench alembic/env.py
	$(BIN)/lint-imports --no-cache

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

test-backend: $(DEV_STAMP) | $(XDG_RUNTIME_DIR)
	$(BIN)/python -m pytest -q

openapi: $(STAMP) frontend/node_modules/.package-lock.json
	$(BIN)/interviewflow openapi --output frontend/openapi.json
	$(NPM) run gen:api

# Fails when the committed OpenAPI document or the generated client no longer match the backend.
check-openapi: $(STAMP) frontend/node_modules/.package-lock.json
	@$(BIN)/interviewflow openapi --output /tmp/interviewflow-openapi.json
	@diff -q frontend/openapi.json /tmp/interviewflow-openapi.json >/dev/null || \
	  { echo "frontend/openapi.json is stale: run 'make openapi' and commit"; exit 1; }
	$(NPM) run check:api

test-frontend: install check-openapi
	$(NPM) run typecheck
	$(NPM) run lint
	$(NPM) run test

e2e: install system-deps build | $(XDG_RUNTIME_DIR)
	cd frontend && CI=1 npx playwright test

test: system-deps lint typecheck test-backend test-frontend e2e
	@echo "make test: all checks passed"

# The load generator is wrk (Debian); the bench database is seeded once into .data/bench.
bench: $(DEV_STAMP) | $(XDG_RUNTIME_DIR)
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench

clean:
	rm -rf frontend/dist .pytest_cache .mypy_cache .ruff_cache
