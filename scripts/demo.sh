#!/usr/bin/env bash
# The main job, end to end on built-in defaults (≈ 7 minutes on 2 CPU cores, no network; docs/benchmarks.md):
#   check the examples → generate verified tasks → build the HF dataset → train a tiny model from
#   scratch → export it to ONNX → evaluate it (exact / functional / pass@k) → HTML report.
# Usage: bash scripts/demo.sh [OUT_DIR]   (default out/demo; re-running replaces it)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-out/demo}"
arcdsl=(node dist/cli.cjs)
mkdir -p "$out"

echo "== 1/6 check the examples (every program verified on its task's pairs)"
"${arcdsl[@]}" check examples/

echo "== 2/6 generate verified tasks for all eight families"
"${arcdsl[@]}" generate --families all --count "${DEMO_COUNT:-150}" --seed 1 --sizes 3-10 --out "$out/generated" --force

echo "== 3/6 build the Hugging Face dataset (dedupe, split by program, prompt/completion)"
"${arcdsl[@]}" dataset --in "$out/generated" --out "$out/dataset" --split 90/5/5 --seed 1 --force

echo "== 4/6 train a tiny model from scratch (CPU)"
rm -rf "$out/run"
"${arcdsl[@]}" finetune --dataset "$out/dataset" --out "$out/run" --from-scratch tiny --packing --epochs "${DEMO_EPOCHS:-12}" --seed 1 \
    --eval-tasks 8 --samples 2 --max-new-tokens 128

echo "== 5/6 export it to ONNX for transformers.js"
"${arcdsl[@]}" export-onnx "$out/run"

echo "== 6/6 evaluate: sample programs, run them in the sandbox, score"
rm -rf "$out/eval"
"${arcdsl[@]}" evaluate --model "$out/run/onnx-export" --dataset "$out/dataset" --split test --n 5 --k 1,5 --max-new-tokens 128 \
    --temperature 0.8 --top-p 0.95 --out "$out/eval"

echo
echo "Report: $(cd "$out/eval" && pwd)/report.html"
echo "Open the studio: 'npm run package:vsix', then 'code --install-extension out/arc-dsl-studio.vsix'."
