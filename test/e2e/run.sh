#!/usr/bin/env bash
# One command for the real-VS-Code e2e tests (docs/e2e.md):
#   1. installs code-server + Chromium if needed (scripts/install-code-server.sh),
#   2. unless ARCDSL_VSIX is set, builds the extension and packages it with vsce,
#   3. runs test/e2e/*.e2e.mjs with node's test runner.
# Extra arguments go to `node --test` (e.g. --test-name-pattern=completion).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash scripts/install-code-server.sh

if [[ -z "${ARCDSL_VSIX:-}" ]]; then
    mkdir -p test-artifacts/e2e
    ARCDSL_VSIX="$PWD/test-artifacts/e2e/arc-dsl-studio.vsix"
    echo "e2e: building and packaging the extension into ${ARCDSL_VSIX#"$PWD"/}"
    # Without .vscodeignore (or "files" in package.json) vsce packs .tools/ (code-server) and .venv/.
    if [[ ! -f .vscodeignore ]] && ! node -e 'process.exit(require("./package.json").files ? 0 : 1)'; then
        echo "e2e: no .vscodeignore and no \"files\" in package.json: vsce would pack .tools/, .venv/, ..." >&2
        echo "e2e: add one (excluding at least .tools/ .venv/ test-artifacts/ node_modules/), or set ARCDSL_VSIX" >&2
        exit 1
    fi
    bash scripts/setup.sh
    node_modules/.bin/vsce package --target linux-x64 --skip-license --allow-missing-repository --no-rewrite-relative-links --out "$ARCDSL_VSIX" </dev/null
    if python3 -m zipfile -l "$ARCDSL_VSIX" | grep -E 'extension/(\.tools|\.venv|test-artifacts)/' >/dev/null; then
        echo "e2e: $ARCDSL_VSIX contains .tools/, .venv/ or test-artifacts/: fix .vscodeignore" >&2
        exit 1
    fi
fi
export ARCDSL_VSIX
echo "e2e: ARCDSL_VSIX=$ARCDSL_VSIX"

start=$(date +%s)
node --test --test-reporter=spec "$@" test/e2e/*.e2e.mjs
echo "e2e: tests took $(($(date +%s) - start)) s"
