"""Fine-tuning: SFTTrainer on the dataset's prompt/completion columns, completion-only loss."""

from __future__ import annotations

import importlib.util
import logging
import os
from dataclasses import replace
from pathlib import Path

import datasets
import torch
from accelerate import PartialState
from transformers import AutoTokenizer, PrinterCallback, set_seed
from transformers.trainer_utils import get_last_checkpoint
from trl import SFTConfig, SFTTrainer

from .attention import use_varlen_attention
from .config import SCRATCH_PRESETS, FinetuneConfig
from .data import eval_rows, load_splits, tokenize
from .errors import UserError
from .executor import Executor
from .metrics import GenerativeEval, MetricsLog
from .model import lora_config, pretrained, scratch_model
from .tokenizer import dataset_texts, train_tokenizer


class ArcSFTTrainer(SFTTrainer):
    """SFTTrainer whose evaluation also generates programs and scores them (see GenerativeEval)."""

    def __init__(self, *args, generative_eval: GenerativeEval | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.generative_eval = generative_eval

    def evaluate(self, *args, **kwargs):
        metrics = super().evaluate(*args, **kwargs)
        if self.generative_eval is not None and self.is_world_process_zero():
            model = self.accelerator.unwrap_model(self.model)
            scores = self.generative_eval(model, self.processing_class, self.state.global_step)
            scores = {f"eval_{k}": v for k, v in scores.items()}
            self.log(scores)
            metrics.update(scores)
        self.accelerator.wait_for_everyone()
        return metrics


class VarlenIsSafe(logging.Filter):
    """Drops TRL's warning that padding-free rows mix examples without FlashAttention: sdpa_varlen
    cuts each row at its example boundaries itself (trainer/tests/test_packing.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Flash Attention variant" not in record.getMessage()


def check_run_dir(cfg: FinetuneConfig) -> tuple[Path, str | None]:
    """The run directory and, with --resume, its last checkpoint. Read-only, so every process of a
    multi-process launch reaches the same verdict; a started run is never overwritten by a fresh one."""
    run = Path(cfg.out)
    checkpoint = get_last_checkpoint(str(run)) if run.is_dir() else None
    if cfg.resume:
        if checkpoint is None:
            raise UserError(f"{run}: no checkpoint-N to resume from")
    elif run.is_dir() and any((run / f).exists() for f in ("config.json", "metrics.jsonl", "final")):
        raise UserError(f"{run}: already holds a run; pass --resume to continue it or choose another --out")
    return run, checkpoint


def check_reporter(report_to: str, run: Path) -> None:
    if report_to == "none":
        return
    module = {"tensorboard": "tensorboard", "wandb": "wandb"}[report_to]
    if importlib.util.find_spec(module) is None:
        raise UserError(f"--report-to {report_to} needs the [{report_to}] extra: "
                        f"EXTRAS=dev,{report_to} bash trainer/install.sh")
    if report_to == "tensorboard":
        os.environ.setdefault("TENSORBOARD_LOGGING_DIR", str(run / "tensorboard"))
    else:
        os.environ.setdefault("WANDB_DIR", str(run))
        if "WANDB_API_KEY" not in os.environ:
            os.environ.setdefault("WANDB_MODE", "offline")


def build_model(cfg: FinetuneConfig, run: Path, train_split):
    """The model and tokenizer: pretrained (--model), or from scratch with a tokenizer trained on the
    dataset (kept in RUN_DIR/tokenizer so a resumed run tokenizes exactly as before)."""
    if cfg.model is not None:
        return pretrained(cfg.model)
    saved = run / "tokenizer"
    if saved.is_dir():
        tokenizer = AutoTokenizer.from_pretrained(saved)
    else:
        vocab = SCRATCH_PRESETS[cfg.from_scratch]["vocab_size"]
        tokenizer = train_tokenizer(dataset_texts(train_split), vocab, cfg.max_length, cfg.individual_digits)
        tokenizer.save_pretrained(saved)
    return scratch_model(cfg.from_scratch, tokenizer, cfg.max_length, cfg.seed), tokenizer


def sft_config(cfg: FinetuneConfig, run: Path) -> SFTConfig:
    return SFTConfig(
        output_dir=str(run),
        num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum,
        learning_rate=cfg.lr,
        lr_scheduler_type="cosine",
        warmup_steps=cfg.warmup,
        weight_decay=cfg.weight_decay,
        seed=cfg.seed,
        data_seed=cfg.seed,
        eval_strategy="steps",
        eval_steps=cfg.eval_steps,
        save_strategy="steps",
        save_steps=cfg.save_steps,
        save_total_limit=cfg.save_total_limit,
        logging_steps=cfg.logging_steps,
        report_to=[] if cfg.report_to == "none" else [cfg.report_to],
        disable_tqdm=True,
        max_length=cfg.max_length,
        completion_only_loss=True,  # labels from completion_mask: prompt -100, completion + EOS supervised
        packing=cfg.packing,  # bfd packing is padding-free: position_ids restart per example
        train_sampling_strategy="group_by_length" if cfg.group_by_length else "random",
        use_cpu=not torch.cuda.is_available(),
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported(),
        dataloader_num_workers=0,
        dataloader_pin_memory=torch.cuda.is_available(),
    )


def finetune(cfg: FinetuneConfig) -> Path:
    cfg = cfg.resolved()
    datasets.disable_progress_bars()
    # One process, or each of an `accelerate launch` / torchrun (CPU-only: gloo, as the Trainer will use).
    state = PartialState(cpu=not torch.cuda.is_available())
    splits = load_splits(cfg.dataset, cfg.smoke_test)  # every check comes before anything is written
    run, checkpoint = check_run_dir(cfg)
    check_reporter(cfg.report_to, run)
    state.wait_for_everyone()
    if state.is_main_process:
        run.mkdir(parents=True, exist_ok=True)
    set_seed(cfg.seed)

    with state.main_process_first():  # the main process trains and saves the tokenizer; the others load it
        model, tokenizer = build_model(cfg, run, splits["train"])
    if state.is_main_process:
        cfg.save(run / "config.json")  # once the model loads: a failed start leaves no run behind
    if cfg.packing and use_varlen_attention(model):
        logging.getLogger("trl.trainer.sft_trainer").addFilter(VarlenIsSafe())
    train_set = tokenize(splits["train"], tokenizer, cfg.max_length)
    eval_set = tokenize(splits["validation"], tokenizer, cfg.max_length)
    if state.is_main_process:
        print(f"[arcdsl_trainer] {len(train_set)} train / {len(eval_set)} validation examples; "
              f"{model.num_parameters():,} parameters; run dir {run}", flush=True)

    generative = GenerativeEval(
        eval_rows(splits["validation"], cfg.eval_tasks, cfg.seed), cfg.samples, cfg.temperature,
        cfg.max_new_tokens, cfg.seed, Executor(),
    ) if cfg.eval_tasks > 0 else None
    trainer = ArcSFTTrainer(
        model=model,
        args=sft_config(cfg, run),
        train_dataset=train_set,
        eval_dataset=eval_set,
        processing_class=tokenizer,
        peft_config=lora_config(*cfg.lora) if cfg.lora else None,
        callbacks=[MetricsLog(run / "metrics.jsonl")],
        generative_eval=generative,
    )
    trainer.remove_callback(PrinterCallback)  # MetricsLog prints one line per log instead
    try:
        trainer.train(resume_from_checkpoint=checkpoint)
        final = run / "final"
        trainer.model.config.use_cache = True  # off while training (padding-free needs it off); on for generation
        trainer.save_model(str(final))
        if trainer.is_world_process_zero():
            tokenizer.save_pretrained(final)
    finally:
        if generative is not None and generative.executor is not None:
            generative.executor.close()
    if state.is_main_process:
        print(f"[arcdsl_trainer] final model in {final}", flush=True)
    return run


def resume_config(run_dir: str, overrides: dict) -> FinetuneConfig:
    """A resumed run's saved config, with the flags given on the command line applied on top."""
    path = Path(run_dir) / "config.json"
    if not path.is_file():
        raise UserError(f"{path}: not found; --resume needs a run started by `finetune`")
    return replace(FinetuneConfig.load(path), **{**overrides, "resume": True})
