# InterviewFlow: `make run` serves the demo, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NPM := npm --prefix frontend
STAMP := $(VENV)/.installed-stamp

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

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

install: $(STAMP) frontend/node_modules/.package-lock.json

$(XDG_RUNTIME_DIR):
	@mkdir -p -m 700 $@

# Debian packages the tests need: Chromium for Playwright (never a browser download), bubblewrap for the
# candidate-code sandbox.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# --- build and run ------------------------------------------------------------------------------------------
frontend/dist/index.html: frontend/node_modules/.package-lock.json $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
	$(NPM) run build
	@$(PYTHON) -m bench.spa_size

build: frontend/dist/index.html

run: install build | $(XDG_RUNTIME_DIR)
	INTERVIEWFLOW_COOKIE_SECURE=$${INTERVIEWFLOW_COOKIE_SECURE:-false} $(BIN)/interviewflow serve --migrate --seed

# --- checks -------------------------------------------------------------------------------------------------
lint: $(STAMP)
	$(BIN)/ruff check backend tests bench alembic/env.py
	$(BIN)/ruff format --check backend tests bench alembic/env.py

typecheck: $(STAMP)
	$(BIN)/mypy

test-backend: $(STAMP) | $(XDG_RUNTIME_DIR)
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

bench: $(STAMP) | $(XDG_RUNTIME_DIR)
	$(BIN)/python -m bench

clean:
	rm -rf frontend/dist .pytest_cache .mypy_cache .ruff_cache
