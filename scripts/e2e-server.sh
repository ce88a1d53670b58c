#!/usr/bin/env bash
# Playwright's web server: a fresh embedded database, migrated and seeded, serving the built SPA.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=".data/e2e"
if [ -f "$DATA/pg/postmaster.pid" ]; then  # a previous run that was killed hard
  kill "$(head -1 "$DATA/pg/postmaster.pid")" 2>/dev/null || true
  sleep 1
fi
rm -rf "$DATA"
export INTERVIEWFLOW_DATA_DIR="$DATA" INTERVIEWFLOW_COOKIE_SECURE=false INTERVIEWFLOW_LOG_LEVEL=WARNING
unset INTERVIEWFLOW_DATABASE_URL DATABASE_URL
exec .venv/bin/interviewflow serve --migrate --seed --host 127.0.0.1 --port "${E2E_PORT:-8765}"
