"""Where things live in a run directory (kept free of heavy imports, so bad paths fail fast)."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError

MODEL_FILES = ("config.json", "adapter_config.json")


def model_dir(run_dir: str | Path) -> Path:
    """The folder holding a run's final model: RUN_DIR/final, or RUN_DIR itself (a checkpoint, a model)."""
    run = Path(run_dir)
    if not run.is_dir():
        raise UserError(f"{run}: run directory not found")
    for candidate in (run / "final", run):
        if any((candidate / f).is_file() for f in MODEL_FILES):
            return candidate
    raise UserError(f"{run}: no model files (expected final/config.json or final/adapter_config.json; "
                    "has the run finished?)")
