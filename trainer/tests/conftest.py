"""Shared fixtures: a tiny ARC-style dataset built here with `datasets`, and one smoke-test run."""

from __future__ import annotations

import os

# Before torch loads: one OpenMP thread per process. On a shared 2-core machine two threads are
# several times slower than one; CI may override it.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import datasets  # noqa: E402
import pytest  # noqa: E402
from datasets import Dataset, DatasetDict, Features, Sequence, Value  # noqa: E402

datasets.disable_progress_bars()

REPO = Path(__file__).resolve().parents[2]

# Whole-grid programs in the project's DSL, so the real interpreter can run them too.
PROGRAMS = {
    "rotate(input, 1)": lambda g: [list(r) for r in zip(*g[::-1])],
    "rotate(input, 2)": lambda g: [r[::-1] for r in g[::-1]],
    "rotate(input, 3)": lambda g: [list(r) for r in zip(*g)][::-1],
    "flip(input, horizontal)": lambda g: g[::-1],
    "flip(input, vertical)": lambda g: [r[::-1] for r in g],
    "flip(input, diagonal)": lambda g: [list(r) for r in zip(*g)],
}
GRID = Sequence(Sequence(Value("int64")))
FEATURES = Features({
    "id": Value("string"), "task_type": Value("string"), "solution": Value("string"),
    "train_input1": GRID, "train_output1": GRID, "train_input2": GRID, "train_output2": GRID,
    "test_input": GRID, "test_output": GRID, "prompt": Value("string"), "completion": Value("string"),
})


def grid_text(g) -> str:
    return "\n".join(" ".join(str(v) for v in row) for row in g)


def record(i: int, rng: random.Random) -> dict:
    program = rng.choice(sorted(PROGRAMS))
    fn = PROGRAMS[program]
    grids = []
    for _ in range(3):
        h, w = rng.randint(3, 5), rng.randint(3, 5)
        grids.append([[rng.choice([0, 0, 0, rng.randint(1, 9)]) for _ in range(w)] for _ in range(h)])
    pairs = [(g, fn(g)) for g in grids]
    # A stand-in prompt layout for tests only: the real one comes from the project's prompt formatter.
    prompt = "".join(f"train\n{grid_text(a)}\n->\n{grid_text(b)}\n\n" for a, b in pairs[:2])
    prompt += f"test\n{grid_text(pairs[2][0])}\nprogram:\n"
    solution = f"output = {program}"
    return {
        "id": f"t{i}", "task_type": program.split("(")[0], "solution": solution,
        "train_input1": pairs[0][0], "train_output1": pairs[0][1],
        "train_input2": pairs[1][0], "train_output2": pairs[1][1],
        "test_input": pairs[2][0], "test_output": pairs[2][1],
        "prompt": prompt, "completion": solution,
    }


def make_dataset(path: Path, n_train: int = 200, n_eval: int = 24, seed: int = 0) -> Path:
    rng = random.Random(seed)
    rows = [record(i, rng) for i in range(n_train + 2 * n_eval)]
    splits = {"train": rows[:n_train], "validation": rows[n_train:n_train + n_eval], "test": rows[n_train + n_eval:]}
    DatasetDict({k: Dataset.from_list(v, features=FEATURES) for k, v in splits.items()}).save_to_disk(str(path))
    return path


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "arcdsl_trainer", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, cwd=REPO)


def read_metrics(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("data") / "tiny")


@pytest.fixture(scope="session")
def smoke_run(dataset, tmp_path_factory) -> Path:
    """A SMOKE_TEST=1 run of the real CLI: tiny from-scratch model, 30 steps, checkpoints at 15 and 30."""
    run = tmp_path_factory.mktemp("runs") / "smoke"
    done = run_cli("finetune", "--dataset", str(dataset), "--out", str(run), env={"SMOKE_TEST": "1"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return run


@pytest.fixture
def run_copy(smoke_run, tmp_path) -> Path:
    copy = tmp_path / "run"
    shutil.copytree(smoke_run, copy)
    return copy
