"""The fine-tuning configuration: one dataclass, resolved once and saved to RUN_DIR/config.json."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .errors import UserError

# From-scratch GPT-2 sizes. tiny trains in seconds on a CPU; small is nanoGPT's "baby GPT".
SCRATCH_PRESETS = {
    "tiny": dict(n_layer=2, n_head=4, n_embd=128, vocab_size=512, lr=3e-3),
    "small": dict(n_layer=6, n_head=6, n_embd=384, vocab_size=2048, lr=1e-3),
}
REPORT_TO = ("none", "tensorboard", "wandb")


@dataclass
class FinetuneConfig:
    dataset: str = ""  # a datasets.DatasetDict saved on disk (train/validation/test)
    out: str = ""  # the run directory
    # model
    model: str | None = None  # a causal LM's name or local path; None trains one from scratch
    from_scratch: str = "tiny"  # tiny | small, when model is None
    lora: tuple[int, int] | None = None  # (r, alpha): LoRA adapters instead of full fine-tuning
    individual_digits: bool = False  # from-scratch tokenizer: one token per digit (grid cell)
    # data
    max_length: int = 2048  # tokens per example (prompt + completion + EOS); longer ones are dropped
    packing: bool = False  # padding-free: examples packed into rows of max_length tokens
    group_by_length: bool = False  # padded batches of examples of similar length
    # optimisation
    epochs: float = 3.0
    max_steps: int = -1  # > 0 overrides epochs
    batch_size: int | None = None  # None: 8 padded examples, or 1 packed row of max_length tokens
    grad_accum: int = 1
    lr: float | None = None  # None: 3e-3 tiny, 1e-3 small, 2e-4 LoRA, 5e-5 full fine-tuning
    warmup: float = 0.05  # a fraction of the steps (< 1) or a number of steps
    weight_decay: float = 0.01
    seed: int = 0
    # evaluation, logging, checkpoints
    eval_steps: int = 200
    save_steps: int = 200
    save_total_limit: int = 3
    logging_steps: int = 10
    eval_tasks: int = 32  # validation tasks whose programs are generated and executed at each eval
    samples: int = 4  # sampled programs per task, for pass@k with k <= samples (0: greedy only)
    temperature: float = 0.8
    max_new_tokens: int = 256
    report_to: str = "none"  # none | tensorboard | wandb
    resume: bool = False
    smoke_test: bool = False  # SMOKE_TEST=1: a tiny slice of the data and a few steps

    def resolved(self) -> FinetuneConfig:
        """Checks the values and fills in the derived ones (learning rate, smoke-test sizes)."""
        cfg = self
        if not cfg.dataset:
            raise UserError("--dataset DIR is required")
        if not cfg.out:
            raise UserError("--out RUN_DIR is required")
        if cfg.model is None and cfg.from_scratch not in SCRATCH_PRESETS:
            raise UserError(f"--from-scratch must be one of {', '.join(SCRATCH_PRESETS)}, not {cfg.from_scratch!r}")
        if cfg.report_to not in REPORT_TO:
            raise UserError(f"--report-to must be one of {', '.join(REPORT_TO)}, not {cfg.report_to!r}")
        if cfg.lora is not None:
            if cfg.model is None:
                raise UserError("--lora adapts a pretrained model: give --model NAME_OR_PATH too")
            if min(cfg.lora) <= 0:
                raise UserError(f"--lora r,alpha must be positive, not {cfg.lora[0]},{cfg.lora[1]}")
        if cfg.packing and cfg.group_by_length:
            raise UserError("--group-by-length is for padded batches; packed rows all hold --max-length tokens")
        if cfg.batch_size is None:
            # A packed row already holds many examples; 8 rows a step leave too few steps on small datasets.
            cfg = replace(cfg, batch_size=1 if cfg.packing else 8)
        for name in ("batch_size", "grad_accum", "max_length", "eval_steps", "save_steps", "logging_steps"):
            if getattr(cfg, name) <= 0:
                raise UserError(f"--{name.replace('_', '-')} must be positive")
        if cfg.smoke_test:
            cfg = replace(cfg, max_steps=min(cfg.max_steps, 30) if cfg.max_steps > 0 else 30, eval_steps=15,
                          save_steps=15, logging_steps=5, eval_tasks=min(cfg.eval_tasks, 4),
                          samples=min(cfg.samples, 2), max_new_tokens=min(cfg.max_new_tokens, 64))
        if cfg.lr is None:
            lr = SCRATCH_PRESETS[cfg.from_scratch]["lr"] if cfg.model is None else 2e-4 if cfg.lora else 5e-5
            cfg = replace(cfg, lr=lr)
        return cfg

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> FinetuneConfig:
        try:
            values = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as e:
            raise UserError(f"{path}: cannot read the run's config ({e})") from None
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UserError(f"{path}: unknown config keys {', '.join(unknown)}")
        if values.get("lora") is not None:
            values["lora"] = tuple(values["lora"])
        return cls(**values)
