"""Bad input: one clear line naming the path, exit code 2, no traceback, nothing written."""

import pytest
from conftest import run_cli

from arcdsl_trainer.__main__ import main


def test_export_of_a_missing_run_dir(tmp_path):
    missing = tmp_path / "nope"
    done = run_cli("export-onnx", str(missing))
    assert done.returncode == 2
    assert done.stderr.strip() == f"arcdsl_trainer: error: {missing}: run directory not found"
    assert not missing.exists()


def check(argv, capsys, *fragments):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    return err


def test_export_of_a_run_without_model_files(tmp_path, capsys):
    (tmp_path / "run" / "final").mkdir(parents=True)
    check(["export-onnx", str(tmp_path / "run")], capsys, str(tmp_path / "run"), "no model files")
    assert not (tmp_path / "run" / "onnx-export").exists()


def test_finetune_with_a_missing_dataset(tmp_path, capsys):
    check(["finetune", "--dataset", str(tmp_path / "none"), "--out", str(tmp_path / "run")], capsys,
          str(tmp_path / "none"), "dataset directory not found")
    assert not (tmp_path / "run").exists()


def test_finetune_with_a_dataset_lacking_columns(tmp_path, capsys):
    from datasets import Dataset, DatasetDict

    rows = Dataset.from_list([{"prompt": "a"}])
    DatasetDict({"train": rows, "validation": rows}).save_to_disk(str(tmp_path / "data"))
    check(["finetune", "--dataset", str(tmp_path / "data"), "--out", str(tmp_path / "run")], capsys,
          "train: missing string column 'completion'")


def test_finetune_with_a_file_that_is_not_a_dataset(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dataset_dict.json").write_text("{not json")
    check(["finetune", "--dataset", str(tmp_path / "data"), "--out", str(tmp_path / "run")], capsys,
          str(tmp_path / "data"), "not a dataset saved by save_to_disk")


def test_resume_without_a_run(tmp_path, capsys):
    check(["finetune", "--out", str(tmp_path / "run"), "--resume"], capsys, "config.json: not found")


def test_lora_needs_a_pretrained_model(dataset, tmp_path, capsys):
    check(["finetune", "--dataset", str(dataset), "--out", str(tmp_path / "run"), "--lora", "8,16"], capsys,
          "--lora adapts a pretrained model")


def test_packing_excludes_length_grouping(dataset, tmp_path, capsys):
    check(["finetune", "--dataset", str(dataset), "--out", str(tmp_path / "run"), "--packing", "--group-by-length"],
          capsys, "--group-by-length is for padded batches")


def test_missing_model_path(dataset, tmp_path, capsys):
    check(["finetune", "--dataset", str(dataset), "--out", str(tmp_path / "run"), "--model", str(tmp_path / "m")],
          capsys, str(tmp_path / "m"), "cannot load a causal LM")


def test_malformed_lora_flag(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["finetune", "--out", "x", "--lora", "8"])
    assert exit.value.code == 2 and "expected r,alpha" in capsys.readouterr().err
