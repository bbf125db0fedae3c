"""Export a run's model to an ONNX folder that @huggingface/transformers (transformers.js) loads offline.

Layout: onnx/model.onnx beside config.json, generation_config.json, tokenizer.json, tokenizer_config.json.
Inputs input_ids, attention_mask, position_ids, past_key_values.{i}.key/.value; outputs logits,
present.{i}.key/.value — the decoder-with-past signature transformers.js drives generation with.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import torch
from transformers import DynamicCache

from .model import load_trained
from .runs import model_dir

OPSET = 17


class WithPast(torch.nn.Module):
    """The model's forward with the KV cache flattened into named tensors, as ONNX needs."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, *past):
        cache = DynamicCache(ddp_cache_data=list(zip(past[0::2], past[1::2], strict=True)), config=self.model.config)
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                         past_key_values=cache, use_cache=True, return_dict=True)
        present = [t for layer in out.past_key_values.layers for t in (layer.keys, layer.values)]
        return (out.logits, *present)


def kv_shape(config) -> tuple[int, int, int]:
    """(layers, key/value heads, head dim) of a decoder config."""
    layers = config.num_hidden_layers
    heads = config.num_attention_heads
    kv_heads = getattr(config, "num_key_value_heads", None) or heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    return layers, kv_heads, head_dim


def export_onnx(run_dir: str, out: str | None = None) -> Path:
    src = model_dir(run_dir)
    dest = Path(out) if out else Path(run_dir) / "onnx-export"
    model, tokenizer = load_trained(run_dir)
    model.config._attn_implementation = "eager"  # traced once, no backend-specific kernels in the graph

    layers, kv_heads, head_dim = kv_shape(model.config)
    batch, past_len, seq_len = 2, 3, 4
    past = [torch.randn(batch, kv_heads, past_len, head_dim) for _ in range(2 * layers)]
    input_ids = torch.randint(0, model.config.vocab_size, (batch, seq_len))
    attention_mask = torch.ones(batch, past_len + seq_len, dtype=torch.int64)
    position_ids = torch.arange(past_len, past_len + seq_len).expand(batch, -1)

    past_names = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    present_names = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    axes = {
        "input_ids": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
        "position_ids": {0: "batch_size", 1: "sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"},
        **{n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names},
        **{n: {0: "batch_size", 2: "total_sequence_length"} for n in present_names},
    }

    # Written to a temp folder beside the destination, then renamed: never a half-written export.
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        (tmp / "onnx").mkdir()
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on shape arithmetic; parity is tested instead
            torch.onnx.export(
                WithPast(model), (input_ids, attention_mask, position_ids, *past), str(tmp / "onnx" / "model.onnx"),
                input_names=["input_ids", "attention_mask", "position_ids", *past_names],
                output_names=["logits", *present_names],
                dynamic_axes=axes, opset_version=OPSET, dynamo=False,
            )
        model.config._attn_implementation = "sdpa"
        model.config.use_cache = True
        model.config.save_pretrained(tmp)
        model.generation_config.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        if dest.exists():
            shutil.rmtree(dest)
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(f"[arcdsl_trainer] exported {src} to {dest}", flush=True)
    return dest
