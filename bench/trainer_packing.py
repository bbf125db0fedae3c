"""Training throughput: padding-free packing vs pad-to-longest batches, tiny from-scratch GPT-2.

    OMP_NUM_THREADS=1 .venv/bin/python bench/trainer_packing.py [--dataset DIR] [--examples 128]
        [--batch-size 8] [--max-length 2048] [--repeat 1]

Every arm trains ONE epoch over the same records (the first --examples train rows of a dataset made
by `arcdsl dataset`), from the same initial weights, so every arm sees the same real tokens (prompt +
completion + EOS, never padding; checked against the trainer's own count). Reported: real tokens per
second of wall time and per CPU-second of this process (what a quiet machine shows with one OpenMP
thread; the machine is shared, so the load average is printed), and the padded positions computed.

Without --dataset, a realistic mix is generated with the project's CLI (`arcdsl generate --families
all --sizes 3-30`, then `arcdsl dataset`): grid sides 3 to 30 make prompt lengths vary ~10x, which is
what pad-to-longest wastes.

Arms: `padded` is the original system's collator (pad to the longest example of a random batch);
`padded + group_by_length` sorts batches by length; `padding-free` flattens the same batches into one
row whose position_ids restart per example, with transformers' `sdpa` (a dense block-diagonal mask over
the whole row) or with `sdpa_varlen` (one causal sdpa per example, arcdsl_trainer/attention.py);
`packed` is `--packing` (TRL best-fit-decreasing rows of --max-length, padding-free, sdpa_varlen).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import datasets
from transformers import PrinterCallback

from arcdsl_trainer.attention import register as register_varlen
from arcdsl_trainer.config import FinetuneConfig
from arcdsl_trainer.data import load_splits, tokenize
from arcdsl_trainer.model import scratch_model
from arcdsl_trainer.tokenizer import dataset_texts, train_tokenizer
from arcdsl_trainer.train import ArcSFTTrainer, sft_config

REPO = Path(__file__).resolve().parents[1]


def generate(out: Path, count: int, seed: str) -> Path:
    cli = [os.environ.get("ARCDSL_NODE", "node"), str(REPO / "dist" / "cli.cjs")]
    subprocess.run([*cli, "generate", "--families", "all", "--count", str(count), "--seed", seed, "--sizes", "3-30",
                    "--out", str(out / "gen"), "--quiet"], check=True)
    subprocess.run([*cli, "dataset", "--in", str(out / "gen"), "--out", str(out / "ds")], check=True,
                   stdout=subprocess.DEVNULL)
    return out / "ds"


def run_arm(train_set, tokenizer, out: Path, max_length: int, attn: str, padding_free: bool = False,
            **mode) -> dict:
    cfg = FinetuneConfig(dataset="unused", out=str(out), epochs=1, max_length=max_length, logging_steps=10**6,
                         eval_tasks=0, **mode).resolved()
    model = scratch_model("tiny", tokenizer, max_length, seed=0)
    model.set_attn_implementation(attn)
    args = sft_config(cfg, out)
    args.save_strategy = args.eval_strategy = "no"
    if padding_free:  # padding-free without packing: examples are already filtered to max_length
        args.padding_free, args.max_length = True, None
    trainer = ArcSFTTrainer(model=model, args=args, train_dataset=train_set, processing_class=tokenizer)
    trainer.remove_callback(PrinterCallback)
    positions = 0
    collate = trainer.data_collator

    def counting(examples):
        nonlocal positions
        batch = collate(examples)
        positions += batch["input_ids"].numel()
        return batch

    trainer.data_collator = counting
    wall, cpu = time.perf_counter(), time.process_time()
    trainer.train()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tokens = int(trainer._total_train_tokens)
    return dict(wall=wall, cpu=cpu, tokens=tokens, positions=positions, steps=trainer.state.global_step)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", help="a dataset made by `arcdsl dataset` (default: generate a 3-30 mix)")
    p.add_argument("--examples", type=int, default=128)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-length", type=int, default=2048)
    p.add_argument("--repeat", type=int, default=1, help="runs per arm; the fastest (by CPU time) is kept")
    p.add_argument("--arms", default="all", help="comma-separated arm numbers (1-based) or 'all'")
    a = p.parse_args()
    datasets.disable_progress_bars()
    varlen = register_varlen()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(a.dataset) if a.dataset else generate(Path(tmp), 150, "bench")
        train = load_splits(str(data))["train"]
        train = train.select(range(min(a.examples, len(train))))
        tokenizer = train_tokenizer(dataset_texts(train), 512, a.max_length)
        train_set = tokenize(train, tokenizer, a.max_length)
        real = sum(len(ids) for ids in train_set["input_ids"])
        lengths = sorted(len(ids) for ids in train_set["input_ids"])
        b = a.batch_size
        arms = [
            (f"padded (pad to longest), {b} examples", dict(batch_size=b), "sdpa"),
            (f"padded + group_by_length, {b} examples", dict(batch_size=b, group_by_length=True), "sdpa"),
            (f"padding-free, {b} examples, sdpa (dense block mask)", dict(batch_size=b, padding_free=True), "sdpa"),
            (f"padding-free, {b} examples, sdpa_varlen", dict(batch_size=b, padding_free=True), varlen),
            (f"packed (bfd), 1 row of {a.max_length}, sdpa_varlen", dict(batch_size=1, packing=True), varlen),
        ]
        chosen = range(len(arms)) if a.arms == "all" else [int(i) - 1 for i in a.arms.split(",")]
        print(f"{len(train_set)} examples, {real:,} real tokens (length min {lengths[0]}, median "
              f"{lengths[len(lengths) // 2]}, max {lengths[-1]}); one epoch per arm; tiny GPT-2 from scratch; "
              f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}\n")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
        print("| batches | steps | positions computed | real tokens / s (wall) | real tokens / CPU-s |")
        print("|---|---:|---:|---:|---:|")
        for i in chosen:
            name, mode, attn = arms[i]
            runs = [run_arm(train_set, tokenizer, Path(tmp) / f"arm{i}-{r}", a.max_length, attn, **mode)
                    for r in range(a.repeat)]
            best = min(runs, key=lambda r: r["cpu"])
            assert best["tokens"] == real, (name, best["tokens"], real)  # same real tokens in every arm
            print(f"| {name} | {best['steps']} | {best['positions']:,} | {real / best['wall']:,.0f} | "
                  f"{real / best['cpu']:,.0f} |", flush=True)
        print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
