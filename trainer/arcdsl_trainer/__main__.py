"""python -m arcdsl_trainer finetune --dataset DIR --out RUN_DIR [options]
python -m arcdsl_trainer export-onnx RUN_DIR [--out DIR]"""

from __future__ import annotations

import argparse
import os
import sys

from .config import REPORT_TO, SCRATCH_PRESETS, FinetuneConfig
from .errors import UserError


def lora_pair(text: str) -> tuple[int, int]:
    try:
        r, alpha = (int(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected r,alpha (e.g. 16,32), not {text!r}") from None
    return r, alpha


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="arcdsl_trainer", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    # Options default to SUPPRESS: only the flags given override the config (or a resumed run's config).
    d = FinetuneConfig()
    f = sub.add_parser("finetune", help="fine-tune a causal LM (or train one from scratch) on a dataset",
                       argument_default=argparse.SUPPRESS)
    f.add_argument("--dataset", help="a datasets.DatasetDict saved on disk (train/validation/test)")
    f.add_argument("--out", required=True, help="the run directory")
    f.add_argument("--model", help="a causal LM's name or local path (default: train one from scratch)")
    f.add_argument("--from-scratch", choices=list(SCRATCH_PRESETS), help=f"from-scratch size ({d.from_scratch})")
    f.add_argument("--lora", type=lora_pair, metavar="R,ALPHA", help="LoRA adapters instead of full fine-tuning")
    f.add_argument("--individual-digits", action="store_true",
                   help="from-scratch tokenizer: one token per digit, so one per grid cell")
    f.add_argument("--max-length", type=int, help=f"max tokens per example ({d.max_length})")
    f.add_argument("--packing", action="store_true", help="padding-free packing of examples")
    f.add_argument("--group-by-length", action="store_true", help="batch examples of similar length")
    f.add_argument("--epochs", type=float, help=f"({d.epochs})")
    f.add_argument("--max-steps", type=int, help="stop after this many optimizer steps")
    f.add_argument("--batch-size", type=int, help="per device (8 examples; 1 row with --packing)")
    f.add_argument("--grad-accum", type=int, help=f"({d.grad_accum})")
    f.add_argument("--lr", type=float, help="(3e-3 tiny, 1e-3 small, 2e-4 LoRA, 5e-5 full)")
    f.add_argument("--warmup", type=float, help=f"fraction of steps or step count ({d.warmup})")
    f.add_argument("--weight-decay", type=float, help=f"({d.weight_decay})")
    f.add_argument("--seed", type=int, help=f"({d.seed})")
    f.add_argument("--eval-steps", type=int, help=f"({d.eval_steps})")
    f.add_argument("--save-steps", type=int, help=f"({d.save_steps})")
    f.add_argument("--save-total-limit", type=int, help=f"checkpoints kept ({d.save_total_limit})")
    f.add_argument("--logging-steps", type=int, help=f"({d.logging_steps})")
    f.add_argument("--eval-tasks", type=int, help=f"validation tasks generated per eval ({d.eval_tasks})")
    f.add_argument("--samples", type=int, help=f"sampled programs per task for pass@k ({d.samples})")
    f.add_argument("--temperature", type=float, help=f"({d.temperature})")
    f.add_argument("--max-new-tokens", type=int, help=f"({d.max_new_tokens})")
    f.add_argument("--report-to", choices=REPORT_TO, help=f"({d.report_to})")
    f.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")

    e = sub.add_parser("export-onnx", help="export a run's model to an ONNX folder for transformers.js")
    e.add_argument("run_dir", help="a finetune run directory (uses RUN_DIR/final)")
    e.add_argument("--out", help="the export folder (default RUN_DIR/onnx-export)")
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # hub names resolve from the local cache; set 0 to download
    args = vars(parser().parse_args(argv))
    command = args.pop("command")
    try:
        if command == "finetune":
            from .train import finetune, resume_config

            if os.environ.get("SMOKE_TEST", "") not in ("", "0"):
                args["smoke_test"] = True
            cfg = resume_config(args["out"], args) if args.get("resume") else FinetuneConfig(**args)
            finetune(cfg)
        else:
            from .runs import model_dir

            model_dir(args["run_dir"])  # a bad path fails before the heavy imports
            from .export import export_onnx

            export_onnx(args["run_dir"], args["out"])
    except UserError as e:
        print(f"arcdsl_trainer: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arcdsl_trainer: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
