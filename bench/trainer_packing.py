"""Training throughput of padding-free packing vs padded batches, tiny from-scratch GPT-2 on this CPU.

    .venv/bin/python bench/trainer_packing.py [--steps 10] [--batch-size 8] [--max-length 1024]

Real (non-padding) tokens per second of wall time and per CPU-second of this process (the second is
what a quiet machine shows when OMP_NUM_THREADS=1; on a shared machine wall time depends on the load,
which is printed before and after). Tasks have grids of 3x3 to 15x15, so prompt lengths vary the
way ARC tasks do; padding wastes the difference. Padding-free packing concatenates each batch of packed
rows into ONE sequence; without FlashAttention's variable-length kernels (CPU, sdpa) attention over it
is dense and masked, so its cost grows with (rows per batch x max_length)^2 — hence the packed batch sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import datasets
from datasets import Dataset, DatasetDict
from transformers import PrinterCallback

from arcdsl_trainer.config import FinetuneConfig
from arcdsl_trainer.data import load_splits, tokenize
from arcdsl_trainer.model import scratch_model
from arcdsl_trainer.tokenizer import dataset_texts, train_tokenizer
from arcdsl_trainer.train import ArcSFTTrainer, sft_config

PROGRAMS = ["rotate(input, 1)", "rotate(input, 2)", "flip(input, horizontal)", "flip(input, vertical)"]


def grid(rng: random.Random) -> str:
    h, w = rng.randint(3, 15), rng.randint(3, 15)
    return "\n".join(" ".join(str(rng.choice([0, 0, 0, rng.randint(1, 9)])) for _ in range(w)) for _ in range(h))


def synthetic(path: Path, n: int, seed: int = 0) -> Path:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        prompt = "".join(f"train\n{grid(rng)}\n->\n{grid(rng)}\n\n" for _ in range(2))
        prompt += f"test\n{grid(rng)}\nprogram:\n"
        rows.append({"id": str(i), "prompt": prompt, "completion": f"output = {rng.choice(PROGRAMS)}"})
    DatasetDict({"train": Dataset.from_list(rows), "validation": Dataset.from_list(rows[:8])}).save_to_disk(str(path))
    return path


def throughput(data: Path, out: Path, steps: int, max_length: int, **mode) -> tuple[float, float, int]:
    cfg = FinetuneConfig(dataset=str(data), out=str(out), max_steps=steps, max_length=max_length,
                         logging_steps=steps, eval_tasks=0, **mode).resolved()
    splits = load_splits(cfg.dataset)
    tokenizer = train_tokenizer(dataset_texts(splits["train"]), 512, max_length)
    model = scratch_model("tiny", tokenizer, max_length, seed=0)
    args = sft_config(cfg, out)
    args.save_strategy = args.eval_strategy = "no"
    trainer = ArcSFTTrainer(model=model, args=args, train_dataset=tokenize(splits["train"], tokenizer, max_length),
                            processing_class=tokenizer)
    trainer.remove_callback(PrinterCallback)
    wall, cpu = time.perf_counter(), time.process_time()
    trainer.train()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tokens = int(next(log["num_tokens"] for log in reversed(trainer.state.log_history) if "num_tokens" in log))
    return tokens / wall, tokens / cpu, tokens


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-length", type=int, default=1024)
    p.add_argument("--examples", type=int, default=400)
    a = p.parse_args()
    datasets.disable_progress_bars()
    with tempfile.TemporaryDirectory() as tmp:
        data = synthetic(Path(tmp) / "data", a.examples)
        b = a.batch_size
        modes = {
            f"padded, {b} examples": dict(batch_size=b),
            f"padded + group_by_length, {b} examples": dict(batch_size=b, group_by_length=True),
            "packed (padding-free), 1 row": dict(batch_size=1, packing=True),
            "packed (padding-free), 2 rows": dict(batch_size=2, packing=True),
        }
        print(f"{a.steps} optimizer steps each, max_length {a.max_length}, tiny GPT-2 from scratch\n")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
        print("| batches | real tokens / s (wall) | real tokens / CPU-s | tokens trained |")
        print("|---|---:|---:|---:|")
        for name, mode in modes.items():
            wall, cpu, tokens = throughput(data, Path(tmp) / name, a.steps, max_length=a.max_length, **mode)
            print(f"| {name} | {wall:,.0f} | {cpu:,.0f} | {tokens:,} |", flush=True)
        print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
