#!/usr/bin/env bash
# Runs every test. Does its own set-up on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== typecheck"
npx tsc --noEmit -p .
echo "== lint"
npx biome check .
echo "== generated files are current"
bash scripts/check-generated.sh

echo "== unit tests (node --test)"
mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/e2e/*' | sort)
node --require ./scripts/polyfill.cjs --import tsx --test --test-reporter=spec "${files[@]}"
