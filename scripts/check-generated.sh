#!/usr/bin/env bash
# Fails if a generated file (Langium AST, TextMate grammar, docs/dsl.md, docs/coverage.md) is not what the sources give.
set -euo pipefail
cd "$(dirname "$0")/.."
git diff --exit-code --stat -- language/generated syntaxes || {
    echo "generated Langium files are stale: run 'npm run build' and commit them" >&2
    exit 1
}
if [ -f docs/dsl.md ]; then
    node dist/cli.cjs docs | diff -u docs/dsl.md - || {
        echo "docs/dsl.md is stale: run 'npm run docs' and commit it" >&2
        exit 1
    }
fi
# docs/coverage.md needs the real ARC tasks, which sit beside the repository (CI has them).
if [ -d ../shared/arc-dev ] && [ -f docs/coverage.md ]; then
    node dist/cli.cjs coverage examples/arc --tasks ../shared/arc-dev | diff -u docs/coverage.md - || {
        echo "docs/coverage.md is stale: run 'node dist/cli.cjs coverage examples/arc --tasks ../shared/arc-dev --out docs/coverage.md'" >&2
        exit 1
    }
fi
