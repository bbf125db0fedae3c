#!/usr/bin/env bash
# Installs the Node dependencies and builds the bundles. Idempotent: quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip npm_config_nodedir=/usr

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: installing Node dependencies (npm ci)"
    npm ci --no-audit --no-fund
fi
echo "setup: building (langium generate + esbuild)"
npm run --silent build
