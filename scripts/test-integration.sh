#!/usr/bin/env bash
# The integration suite on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL names one.
set -euo pipefail
echo "== integration tests on SQLite"
env -u TEST_DATABASE_URL npx vitest run --project integration
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== integration tests on PostgreSQL"
  npx vitest run --project integration
else
  echo "== TEST_DATABASE_URL is not set: the PostgreSQL run is skipped (.ci/run sets it)"
fi
