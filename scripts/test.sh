#!/usr/bin/env bash
# Runs every test. Does its own set-up on a fresh machine (npm ci, build, the trainer's venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash trainer/install.sh
export ARCDSL_PYTHON="$PWD/.venv/bin/python"

echo "== typecheck"
npx tsc --noEmit -p .
echo "== lint"
npx biome check .
echo "== generated files are current"
bash scripts/check-generated.sh

echo "== unit, CLI, server, generator, dataset and evaluator tests (node --test)"
mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/e2e/*' | sort)
node --require ./scripts/polyfill.cjs --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"

echo "== trainer tests (pytest)"
.venv/bin/python -m pytest -q trainer/tests

echo "== examples: every .arcdsl task verified by the interpreter"
node dist/cli.cjs check examples/

echo "== end-to-end in a real VS Code (code-server + Chromium + Playwright)"
bash test/e2e/run.sh
