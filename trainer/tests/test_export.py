"""ONNX export: ONNX Runtime matches PyTorch, and transformers.js generates exactly what PyTorch does."""

import json
import subprocess

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch
from conftest import REPO, run_cli
from datasets import load_from_disk

from arcdsl_trainer.__main__ import main
from arcdsl_trainer.model import load_trained

MAX_NEW = 24


@pytest.fixture(scope="module")
def exported(smoke_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "onnx"
    done = run_cli("export-onnx", str(smoke_run), "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def ort_logits(session, config, input_ids):
    """Prefill from an empty cache, then one more token through the cache: both steps' logits."""
    heads, head_dim = config.n_head, config.n_embd // config.n_head
    batch, n = input_ids.shape
    feed = {"input_ids": input_ids, "attention_mask": np.ones((batch, n), np.int64),
            "position_ids": np.tile(np.arange(n), (batch, 1))}
    for i in range(config.n_layer):
        for kv in ("key", "value"):
            feed[f"past_key_values.{i}.{kv}"] = np.zeros((batch, heads, 0, head_dim), np.float32)
    logits, *present = session.run(None, feed)
    step = {"input_ids": input_ids[:, -1:], "attention_mask": np.ones((batch, n + 1), np.int64),
            "position_ids": np.full((batch, 1), n)}
    for i in range(config.n_layer):
        step[f"past_key_values.{i}.key"], step[f"past_key_values.{i}.value"] = present[2 * i], present[2 * i + 1]
    return logits, session.run(None, step)[0]


def torch_logits(model, input_ids):
    ids = torch.from_numpy(input_ids)
    with torch.no_grad():
        first = model(ids, use_cache=True)
        second = model(ids[:, -1:], past_key_values=first.past_key_values, use_cache=True)
    return first.logits.numpy(), second.logits.numpy()


def prompts(dataset, n=2):
    return [row["prompt"] for row in load_from_disk(str(dataset))["validation"].select(range(n))]


def test_layout_and_signature(exported):
    for name in ("onnx/model.onnx", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"):
        assert (exported / name).is_file(), name
    graph = onnx.load(str(exported / "onnx" / "model.onnx")).graph
    inputs, outputs = [i.name for i in graph.input], [o.name for o in graph.output]
    assert inputs[:3] == ["input_ids", "attention_mask", "position_ids"]
    assert "past_key_values.0.key" in inputs and "past_key_values.1.value" in inputs
    assert outputs[0] == "logits" and "present.1.value" in outputs
    past = next(i for i in graph.input if i.name == "past_key_values.0.key")
    assert past.type.tensor_type.shape.dim[0].dim_param == "batch_size"
    assert json.loads((exported / "config.json").read_text())["use_cache"] is True


def test_onnxruntime_matches_pytorch(exported, smoke_run, dataset):
    model, tokenizer = load_trained(smoke_run)
    session = ort.InferenceSession(str(exported / "onnx" / "model.onnx"), providers=["CPUExecutionProvider"])
    input_ids = np.array([tokenizer(prompts(dataset, 1)[0])["input_ids"]] * 2, dtype=np.int64)
    for got, want in zip(ort_logits(session, model.config, input_ids), torch_logits(model, input_ids), strict=True):
        assert np.abs(got - want).max() < 1e-4


def test_transformers_js_greedy_output_is_identical(exported, smoke_run, dataset):
    model, tokenizer = load_trained(smoke_run)
    texts = prompts(dataset, 2)
    texts[1] = texts[1] + "output ="  # rows of different lengths, so the batch is left-padded
    done = subprocess.run(["node", str(REPO / "trainer" / "tests" / "generate.mjs"), str(exported.resolve()),
                           json.dumps(texts), str(MAX_NEW)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    js = json.loads(done.stdout.strip().splitlines()[-1])
    for i, text in enumerate(texts):
        ids = tokenizer(text, return_tensors="pt")
        assert js["prompt_ids"][i] == ids["input_ids"][0].tolist()
        with torch.no_grad():
            out = model.generate(**ids, do_sample=False, max_new_tokens=MAX_NEW)[0, ids["input_ids"].shape[1]:]
        want = out.tolist()
        if tokenizer.eos_token_id in want:
            want = want[: want.index(tokenizer.eos_token_id) + 1]
        assert len(want) > 1  # a real program, not an immediate stop
        assert js["single"][i] == want
        assert js["batch"][i] == want


def test_lora_run_is_merged_on_export(smoke_run, dataset, tmp_path):
    """Fine-tune the smoke model (as a local pretrained model) with LoRA, export, compare with PEFT."""
    from peft import AutoPeftModelForCausalLM

    run = tmp_path / "lora"
    assert main(["finetune", "--dataset", str(dataset), "--out", str(run), "--model", str(smoke_run / "final"),
                 "--lora", "4,8", "--max-steps", "6", "--eval-steps", "6", "--save-steps", "6",
                 "--eval-tasks", "0", "--lr", "1e-2", "--batch-size", "4"]) == 0
    assert (run / "final" / "adapter_config.json").is_file()
    assert main(["export-onnx", str(run)]) == 0

    peft_model = AutoPeftModelForCausalLM.from_pretrained(run / "final").eval()
    base, tokenizer = load_trained(smoke_run)
    session = ort.InferenceSession(str(run / "onnx-export" / "onnx" / "model.onnx"))
    input_ids = np.array([tokenizer(prompts(dataset, 1)[0])["input_ids"]], dtype=np.int64)
    got = ort_logits(session, base.config, input_ids)[0]
    with torch.no_grad():
        want = peft_model(torch.from_numpy(input_ids)).logits.numpy()
    assert np.abs(got - want).max() < 1e-4
    assert np.abs(got - torch_logits(base, input_ids)[0]).max() > 1e-3  # the adapters changed the model
