#!/usr/bin/env bash
# Creates (or reuses) the trainer's virtualenv and installs arcdsl_trainer into it, editable.
#   bash trainer/install.sh              # extras dev,tensorboard into <repo>/.venv
#   EXTRAS=wandb,dev bash trainer/install.sh
#   ARCDSL_VENV=/some/dir bash trainer/install.sh
# Idempotent: when the venv already holds this pyproject's install, it only prints the venv's path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
venv="${ARCDSL_VENV:-$repo/.venv}"
extras="${EXTRAS:-dev,tensorboard}"
python="${PYTHON:-python3}"

stamp="$venv/.arcdsl_trainer-installed"
want="$(sha256sum < "$here/pyproject.toml" | cut -d' ' -f1) extras=$extras src=$here"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
    && "$venv/bin/python" - 2>/dev/null <<'PY'; then
from importlib.metadata import version
assert version("torch").startswith("2.13.0")
for dist in ("arcdsl_trainer", "transformers", "trl", "peft", "accelerate", "datasets", "onnxruntime"):
    version(dist)
PY
    echo "arcdsl_trainer: venv ready at $venv"
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "arcdsl_trainer: creating venv at $venv" >&2
    "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
        || echo "arcdsl_trainer: warning: $python is not Python 3.11, the version of the CPU torch wheel kept on disk" >&2
    "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install --disable-pip-version-check)
# torch first and exactly: a looser range (asked here or by another package) pulls a CUDA build.
"${pip[@]}" torch==2.13.0 >&2
"${pip[@]}" -e "$here[$extras]" >&2
echo "$want" > "$stamp"
echo "arcdsl_trainer: venv ready at $venv"
