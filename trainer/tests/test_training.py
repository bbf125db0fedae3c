"""A tiny from-scratch model trains on CPU, logs its metrics, checkpoints, and resumes exactly."""

import json
import shutil

from conftest import read_metrics

from arcdsl_trainer.__main__ import main
from arcdsl_trainer.executor import cli_path


def test_loss_falls_and_run_is_complete(smoke_run):
    metrics = read_metrics(smoke_run)
    train = [m["train_loss"] for m in metrics if "train_loss" in m]
    evals = [m["eval_loss"] for m in metrics if "eval_loss" in m]
    assert len(train) >= 4 and train[-1] < 0.5 * train[0], train
    assert len(evals) == 2 and evals[-1] < evals[0], evals
    assert all({"step", "epoch", "time"} <= m.keys() for m in metrics)

    generated = [m for m in metrics if "exact_match" in m]
    assert [m["step"] for m in generated] == [15, 30]
    if cli_path().is_file():  # programs were executed by the arcdsl interpreter
        assert all({"functional_accuracy", "pass@1", "pass@2"} <= m.keys() for m in generated), generated

    config = json.loads((smoke_run / "config.json").read_text())
    assert config["smoke_test"] and config["max_steps"] == 30 and config["model"] is None
    assert {"checkpoint-15", "checkpoint-30", "final", "tokenizer"} <= {p.name for p in smoke_run.iterdir()}
    final = {p.name for p in (smoke_run / "final").iterdir()}
    assert {"config.json", "model.safetensors", "generation_config.json", "tokenizer.json"} <= final


def test_resume_continues_exactly_where_it_stopped(run_copy):
    before = {(m["step"], k): v for m in read_metrics(run_copy) for k, v in m.items() if k.endswith("loss")}
    shutil.rmtree(run_copy / "checkpoint-30")
    shutil.rmtree(run_copy / "final")
    (run_copy / "metrics.jsonl").write_text("")

    assert main(["finetune", "--out", str(run_copy), "--resume"]) == 0
    after = read_metrics(run_copy)
    assert min(m["step"] for m in after) > 15  # it did not start over
    resumed = {(m["step"], k): v for m in after for k, v in m.items() if k in ("train_loss", "eval_loss")}
    assert resumed and all(abs(v - before[key]) < 1e-4 for key, v in resumed.items()), (resumed, before)
    assert (run_copy / "final" / "model.safetensors").is_file()


def test_a_finished_run_is_never_overwritten(run_copy, dataset, capsys):
    before = (run_copy / "metrics.jsonl").read_text()
    assert main(["finetune", "--dataset", str(dataset), "--out", str(run_copy)]) == 2
    assert "already holds a run; pass --resume" in capsys.readouterr().err
    assert (run_copy / "metrics.jsonl").read_text() == before
