"""Metrics: unbiased pass@k, the generative evaluation (exact match, functional accuracy, pass@k),
and the metrics.jsonl log."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import torch
from transformers import TrainerCallback

from .executor import Executor, ExecutorUnavailable


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chen et al. (2021): 1 - C(n-c, k) / C(n, k), computed stably. n samples, c of them correct."""
    if not 0 <= c <= n or not 1 <= k <= n:
        raise ValueError(f"pass@k needs 0 <= c <= n and 1 <= k <= n (n={n}, c={c}, k={k})")
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def reported_ks(n: int) -> list[int]:
    """The k reported for n samples per task: only k <= n."""
    return sorted({k for k in (1, 2, 5, 10, 20, 50, 100, n) if 1 <= k <= n})


@torch.no_grad()
def complete(model, tokenizer, prompt: str, n: int, temperature: float | None, max_new_tokens: int) -> list[str]:
    """n completions of the prompt: greedy when temperature is None, else sampled. Stops at EOS."""
    enc = tokenizer(prompt, return_tensors="pt").to(model.device)
    prompt_len = enc["input_ids"].shape[1]
    limit = getattr(model.config, "max_position_embeddings", None) or getattr(model.config, "n_positions", None)
    if limit is not None:
        max_new_tokens = min(max_new_tokens, limit - prompt_len)
    if max_new_tokens <= 0:
        return [""] * n
    sampling = dict(do_sample=False)
    if temperature:
        sampling = dict(do_sample=True, temperature=temperature, top_k=0, top_p=1.0)
    out = model.generate(
        **enc, **sampling, num_return_sequences=n, max_new_tokens=max_new_tokens, use_cache=True,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )
    return tokenizer.batch_decode(out[:, prompt_len:], skip_special_tokens=True)


class GenerativeEval:
    """At each evaluation: generate programs for a fixed sample of validation tasks and score them.

    exact_match: the greedy program equals the reference (both stripped).
    functional_accuracy: the greedy program's output on test_input equals test_output.
    pass@k: unbiased estimate from `samples` sampled programs per task, executed the same way.
    Programs run only in the project's interpreter (`arcdsl exec --jsonl`), never in Python.
    """

    def __init__(self, rows: list[dict], samples: int, temperature: float, max_new_tokens: int, seed: int,
                 executor: Executor | None):
        self.rows, self.samples, self.temperature = rows, samples, temperature
        self.max_new_tokens, self.seed, self.executor = max_new_tokens, seed, executor
        self.functional = executor is not None and all("test_input" in r and "test_output" in r for r in rows)

    def __call__(self, model, tokenizer, step: int) -> dict[str, float]:
        was_training = model.training
        model.eval()
        try:
            return self._score(model, tokenizer, step)
        finally:
            model.train(was_training)

    def _score(self, model, tokenizer, step: int) -> dict[str, float]:
        exact, correct, counts = 0, 0, []
        with torch.random.fork_rng(devices=[]):  # sampling must not shift the training's random stream
            torch.manual_seed(self.seed + step)
            for row in self.rows:
                greedy = complete(model, tokenizer, row["prompt"], 1, None, self.max_new_tokens)[0]
                exact += greedy.strip() == row["completion"].strip()
                if not self.functional:
                    continue
                sampled = (complete(model, tokenizer, row["prompt"], self.samples, self.temperature,
                                    self.max_new_tokens) if self.samples else [])
                verdicts = self._run(row, [greedy, *sampled])
                if verdicts is None:
                    continue  # the interpreter is gone: exact match still counts every task
                correct += verdicts[0]
                counts.append(sum(verdicts[1:]))
        metrics = {"exact_match": exact / len(self.rows)}
        if self.functional:
            metrics["functional_accuracy"] = correct / len(self.rows)
            if self.samples:
                for k in reported_ks(self.samples):
                    metrics[f"pass@{k}"] = sum(pass_at_k(self.samples, c, k) for c in counts) / len(counts)
        return metrics

    def _run(self, row: dict, programs: list[str]) -> list[bool] | None:
        """Whether each program maps test_input to test_output; None if the interpreter is unavailable."""
        verdict: dict[str, bool] = {}
        try:
            for program in programs:
                if program not in verdict:
                    result = self.executor.run(program.strip(), row["test_input"])
                    verdict[program] = result.output is not None and result.output == row["test_output"]
        except ExecutorUnavailable as e:
            print(f"[arcdsl_trainer] functional accuracy and pass@k skipped from now on: {e}", flush=True)
            self.functional = False
            return None
        return [verdict[p] for p in programs]


# Trainer log keys -> metrics.jsonl keys.
RENAMES = {"loss": "train_loss", "train_loss": "mean_train_loss"}
GENERATIVE = ("exact_match", "functional_accuracy", "pass@")
CONSOLE = ("train_loss", "eval_loss", "learning_rate", "mean_train_loss", "train_runtime", *GENERATIVE)


class MetricsLog(TrainerCallback):
    """Appends every Trainer log to RUN_DIR/metrics.jsonl and prints it as one console line."""

    def __init__(self, path: Path):
        self.path = path

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        record = {"step": state.global_step, "epoch": round(state.epoch or 0.0, 4)}
        for key, value in logs.items():
            if key == "epoch":
                continue
            if key.startswith("eval_") and key[5:].startswith(GENERATIVE):
                key = key[5:]
            record[RENAMES.get(key, key)] = value
        record["time"] = round(time.time(), 3)
        with self.path.open("a") as f:
            f.write(json.dumps(record) + "\n")
        shown = [f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                 for k, v in record.items() if k in ("step", "epoch") or k.startswith(CONSOLE)]
        print("  ".join(shown), flush=True)
